"""Page 02-3-1-kinerja-pelayanan (Bab II 2.3 Kinerja Pelayanan): helpers/pages/kinerja_pelayanan
and its notebook, on the real data.

Expected values are recomputed here independently from ``helpers.core.data.load`` (sums, ratios),
not taken from the module under test. Numbers in the draft narratives are checked against the
numbers shown in the tables. The notebook is checked on the session-wide ``real_build`` (years
2022, 2025, 2029): a history page, so 2022 shows 2019–2021 and 2025 and 2029 show 2019–2024.
The trends, polarity and claim checks themselves are tested in tests/core/test_kinerja.py.
"""
import functools
import re

import pandas as pd
import pytest

from helpers.core import compute
from helpers.core.data import load
from helpers.core.kinerja import MIN_BASE_FOR_PERCENT
from helpers.core.numbers import format_number, format_percent
from helpers.core.opd import load_opd
from helpers.core.registry import page_spec
from helpers.core.text import document_term
from helpers.pages import kinerja_pelayanan as kp
from helpers.pages.kinerja_pelayanan import charts, narratives, tables
from helpers.present import Figure, Narrative, Notice, Table
from support import DATA, assert_clean

STEM = "02-3-1-kinerja-pelayanan"
TABLES = ["tabel-2-3-1-capaian-iku", "tabel-2-3-2-ppks", "tabel-jenis-pelayanan-sosial",
          "tabel-2-3-3-capaian-spm", "tabel-2-3-4-kinerja-pelayanan", "tabel-2-3-4-analisis-polaritas"]
FIGURES = ["2-3-1-iku-tren", "2-3-2-ppks-per-jenis", "2-3-2-ppks-terbanyak", "2-3-4-target-realisasi"]
NARRATIVES = ["2-3-1-iku", "2-3-2-ppks", "2-3-3-spm", "2-3-4-kinerja"]
NUMBER = re.compile(r"(?<![\w])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")


# --------------------------------------------------------------------------------------------
# helpers of the tests
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def iku(tahun: int):
    return kp.iku_view(tahun)


@functools.lru_cache(maxsize=None)
def ppks(tahun: int):
    return kp.ppks_view(tahun)


@functools.lru_cache(maxsize=None)
def kinerja(tahun: int):
    return kp.kinerja_data(tahun)


def ppks_sums() -> dict[int, int]:
    """Total PPKS per year, summed here from the base table."""
    df = load("2_3_2_ppks")
    return {int(t): int(g["jumlah"].sum()) for t, g in df.groupby("tahun")}


def kinerja_ratio(no: int, tahun: int) -> str:
    df = load("2_3_4_kinerja_pelayanan")
    r = df[(df["no"] == no) & (df["tahun"] == tahun)].iloc[0]
    return format_number(float(r["realisasi"]) / float(r["target"]) * 100, 2)


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def cell_numbers(table: Table) -> set[str]:
    """Every number shown in a table (marks stripped), in its headers and in its notes."""
    shown = table.display_frame()
    out = set()
    for col in shown.columns:
        for v in shown[col]:
            out.update(numbers_in(str(v).rstrip("*")))
    for c in table.columns:
        out.update(numbers_in(" ".join(c.path)))
    for note in table.all_notes():
        out.update(numbers_in(note))
    return out


def row_differences(table: Table, decimals=(0, 2)) -> set[str]:
    """|b − a| and |b − a| / a × 100 for every pair of numeric cells in the same row."""
    out = set()
    for _, row in table.data.iterrows():
        nums = [float(v) for v in row if isinstance(v, (int, float)) and not isinstance(v, bool) and not pd.isna(v)]
        for a in nums:
            for b in nums:
                for d in decimals:
                    out.add(format_number(abs(b - a), d))
                if a:
                    out.add(format_percent(abs(b - a) / a * 100).rstrip("%"))
    return out


def years_and_counts(limit: int) -> set[str]:
    return {str(y) for y in range(2015, 2035)} | {str(n) for n in range(0, limit + 1)}


def narrative_of(items) -> Narrative:
    heading, narrative, _review = items
    assert heading == narratives.DRAFT_HEADING
    assert isinstance(narrative, Narrative)
    return narrative


def review_of(items) -> str:
    """The "Catatan pemeriksaan" block shown after the draft (the reviewer's findings, not report text)."""
    review = items[2]
    assert review.startswith("#### Catatan pemeriksaan")
    return review


# --------------------------------------------------------------------------------------------
# page texts
# --------------------------------------------------------------------------------------------

def test_years_statement_names_the_years_of_each_table():
    text = kp.years_statement(2022, DATA, page_spec(STEM).years)
    assert "Tabel 2.3.1: 2019–2021" in text and "Tabel 2.3.3: 2020–2021" in text
    assert "berlaku untuk tahun laporan 2020–2029" in text and "`tahun`" not in text
    assert "Tabel 2.3.3: belum ada data sebelum 2020" in kp.years_statement(2020, DATA)


def test_years_statement_counts_an_imported_plan_year(tmp_path):
    """With 2025 imported (an empty SINTETIS file is enough: the year exists), the 2026 page says
    that Tabel 2.3.1, 2.3.3 and 2.3.4 reach 2025; Tabel 2.3.2 (PPKS) has no plan years."""
    import shutil

    data = shutil.copytree(DATA, tmp_path / "data")
    (data / "realisasi").mkdir(exist_ok=True)
    (data / "realisasi" / "2025.csv").write_text("jenis,kode,uraian,indikator,satuan,target,target_grade,pagu,"
                                                 "realisasi,realisasi_grade,realisasi_anggaran,catatan\n")
    text = kp.years_statement(2026, data)
    assert "Tabel 2.3.1: 2019–2025" in text and "Tabel 2.3.3: 2020–2025" in text and "Tabel 2.3.4: 2019–2025" in text
    assert "Tabel 2.3.2: 2019–2024" in text
    assert "Tabel 2.3.1: 2019–2024" in kp.years_statement(2025, data)  # its own year is evaluated, not history


def test_intro_names_the_office_from_its_data():
    opd = load_opd(DATA)
    assert opd.lengkap in kp.intro(opd)


def test_table_caption_replaces_the_printed_year_range():
    assert tables.table_caption("2_3_2_ppks", [2019, 2020, 2021]).endswith("(PPKS) Tahun 2019–2021")
    assert tables.table_caption("2_3_1_iku_realisasi", [2019, 2020]).endswith("Utama (2019–2020)")
    assert tables.table_number("2_3_1_iku_realisasi") == "2.3.1"  # the schema prints "Tabel. 2.3.1"


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1
# --------------------------------------------------------------------------------------------

def test_iku_table_matches_the_document_layout():
    table = kp.iku_table(iku(2025), 2025)
    shown = table.display_frame()
    assert list(shown.columns) == ["No", "Sasaran Strategis", "Indikator Kinerja Utama"] + [str(y) for y in range(2019, 2025)]
    assert [c.text for c in table.header_rows()[0]] == ["No", "Sasaran Strategis", "Indikator Kinerja Utama",
                                                        "Realisasi Capaian Tahun"]
    akip = shown[shown["Indikator Kinerja Utama"] == "Nilai AKIP"].iloc[0]
    assert [akip[str(y)] for y in range(2019, 2025)] == ["NA", "B", "BB", "BB", "BB", "BB"]
    pov = shown[shown["Indikator Kinerja Utama"] == "Persentase Angka Kemiskinan"].iloc[0]
    assert pov["2019"] == "12,14" and pov["2024"] == "10,94"
    kla = shown[shown["No"] == "6"].iloc[0]
    assert kla["2019"] == "NA" and kla["2020"] == "NA" and kla["2024"] == "82,10"  # printed NA
    pmks = shown[shown["No"] == "2"].iloc[0]
    assert pmks["2023"] == "66"
    assert (shown["Sasaran Strategis"] != "").all()
    assert "Sasaran baris 3 dan 6 sama dengan baris di atasnya" in table.all_notes()[0]
    assert document_term("Ratio Kekerasan terhadap Perempuan dan Ratio Kekerasan terhadap anak per 100.000 "
                         "penduduk") in table.all_notes()[0]


def test_iku_year_columns_are_mixed_and_keep_numbers_as_numbers(tmp_path):
    """AKIP grades and numbers share the year columns: grades stay text, numbers are numbers in the
    CSV and the XLSX, each with its row's decimals (counts without, the rest with two)."""
    from openpyxl import load_workbook

    from helpers.present.xlsx import write_csv, write_xlsx

    table = kp.iku_table(iku(2025), 2025)
    column = next(c for c in table.columns if c.key == "2024")
    assert column.role == "mixed" and column.decimals == (2, 0, 2, 2, 2, 2)
    csv = write_csv(table, tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0] == "no,sasaran,indikator,2019,2020,2021,2022,2023,2024"
    assert csv[1].endswith(",Nilai AKIP,,B,BB,BB,BB,BB") and csv[3].endswith(",12.14,11.88,12.38,11.53,11.38,10.94")
    ws = load_workbook(write_xlsx(table, tmp_path / "t.xlsx")).active
    first = 2 + len(table.header_rows())
    j = table.keys.index("2024") + 1
    assert ws.cell(row=first, column=j).value == "BB"
    assert ws.cell(row=first + 1, column=j).value == 270 and ws.cell(row=first + 1, column=j).number_format == "#,##0"
    assert ws.cell(row=first + 2, column=j).value == pytest.approx(10.94)
    assert ws.cell(row=first + 2, column=j).number_format == "#,##0.00"
    assert ws.cell(row=first, column=j - 5).value is None  # AKIP 2019: NA


def test_iku_table_for_2022_shows_2019_to_2021_only():
    shown = kp.iku_table(iku(2022), 2022).display_frame()
    assert [c for c in shown.columns if c.isdigit()] == ["2019", "2020", "2021"]


def test_trend_sentences():
    by_label = {t.label: t for t in iku(2025).trends}
    child = narratives.trend_sentence(by_label["Ratio Kekerasan terhadap anak"])
    assert child.startswith("- **Rasio Kekerasan terhadap anak**")  # the document's "Ratio", in Indonesian
    # the shape of the series: it rose, fell, then rose sharply; first-to-last as the second clause
    assert ("berfluktuasi: naik dari 24,43 (2021) menjadi 27,84 (2022), turun menjadi 23,45 (2023), lalu naik tajam "
            "menjadi 45,29 (2024); dari tahun 2021 ke tahun 2024 secara keseluruhan meningkat sebesar 20,86") in child
    assert "kondisinya memburuk" in child
    assert "pelaporan" not in child  # the caveat is said once per page, not per indicator
    akip = narratives.trend_sentence(by_label["Nilai AKIP"])
    assert "meningkat dari B (2020) menjadi BB (2021), lalu tetap BB hingga tahun 2024" in akip
    assert "Data tahun 2019 tidak tersedia (NA)." in akip  # one year named once, not "2019–2019"


def test_iku_narrative_numbers_are_table_numbers():
    view = iku(2025)
    table = kp.iku_table(view, 2025)
    narrative = narrative_of(kp.iku_narrative(view))
    assert narrative.id == "2-3-1-iku"
    text = narrative.text
    allowed = cell_numbers(table) | row_differences(table) | years_and_counts(6)
    unexplained = [n for n in numbers_in(text) if n not in allowed]
    assert not unexplained, unexplained
    assert "12,14% (2019)" in text and "10,94% (2024)" in text and "1,20 poin persen" in text
    assert text.count(narratives.VIOLENCE_CAVEAT) == 1
    assert narrative.facts["Persentase Angka Kemiskinan 2024"] == pytest.approx(10.94)
    # the check of the document's claims is a finding for the reviewer, not text to paste
    assert "didukung" not in text and "Klaim" not in text
    review = review_of(kp.iku_narrative(view))
    assert "(4 didukung, 2 sebagian didukung)" in review
    assert "“Angka Kemiskinan semakin menurun”: **sebagian didukung**" in review


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2
# --------------------------------------------------------------------------------------------

def test_ppks_total_row_is_recomputed_and_marked_with_the_printed_total():
    sums = ppks_sums()
    table = kp.ppks_table(ppks(2025), 2025)
    shown = table.display_frame()
    total = shown.iloc[-1]
    assert total["Jenis PMKS"] == "Total" and total["No"] == ""
    for y, v in sums.items():
        assert total[str(y)] == format_number(v, 0) + ("*" if y in (2023, 2024) else "")
    last = len(shown) - 1
    assert set(table.marks) == {(last, "2023"), (last, "2024")}
    assert table.marks[(last, "2023")].printed == "65.728" and table.marks[(last, "2024")].printed == "63.660"
    notes = " ".join(table.all_notes())
    assert "Total, 2023: tercetak 65.728" in notes and "Total, 2024: tercetak 63.660" in notes
    assert f"jumlah {len(load('2_3_2_ppks')['jenis'].unique())} jenis" in notes
    assert last in table.bold_rows
    kat = shown[shown["Jenis PMKS"] == "Komunitas Adat Terpencil"].iloc[0]
    assert (kat[[str(y) for y in sums]] == "-").all()  # no data in the document, not 0


def test_ppks_table_for_2022_has_no_marks():
    table = kp.ppks_table(ppks(2022), 2022)
    assert [c for c in table.data.columns if c.isdigit()] == ["2019", "2020", "2021"]
    assert not table.has_marks()
    assert table.caption.endswith("Tahun 2019–2021")


@pytest.mark.parametrize("tahun", [2022, 2025])
def test_ppks_narrative_numbers_are_table_numbers(tahun):
    view = ppks(tahun)
    table = kp.ppks_table(view, tahun)
    text = narrative_of(kp.ppks_narrative(view)).text
    shares = set()
    for col in [c for c in table.data.columns if c.isdigit()]:
        total = float(table.data[col].iloc[-1])
        shares |= {format_percent(float(v) / total * 100).rstrip("%") for v in table.data[col] if not pd.isna(v)}
    allowed = (cell_numbers(table) | row_differences(table) | shares | years_and_counts(26)
               | {str(MIN_BASE_FOR_PERCENT)})
    unexplained = [n for n in numbers_in(text) if n not in allowed]
    assert not unexplained, unexplained
    assert f"{format_number(ppks_sums()[2019], 0)} jiwa (2019)" in text
    assert text.count(narratives.PPKS_CAVEAT) == 1
    assert "didukung" not in text
    if tahun == 2025:
        assert "berfluktuasi: naik dari 73.220 jiwa (2019) menjadi 74.665 jiwa (2020)" in text
        assert "**tidak didukung**" in review_of(kp.ppks_narrative(view))


# --------------------------------------------------------------------------------------------
# Jenis pelayanan and SPM
# --------------------------------------------------------------------------------------------

def test_jenis_pelayanan_table_lists_split_sasaran():
    table = kp.jenis_pelayanan_table(kp.jenis_pelayanan())
    df = table.data
    assert len(df) == len(load("2_3_jenis_pelayanan"))
    row4 = df[df["no"] == 4].iloc[0]
    assert row4["sasaran"] == "Anak Terlantar; Lanjut Usia Terlantar; Penyandang Disabilitas Terlantar; Gelandangan dan pengemis"
    assert row4["jumlah_sasaran"] == 4  # the split is in the data, not shown as a column
    assert df["jumlah_sasaran"].sum() == len(load("2_3_jenis_pelayanan_sasaran"))


def test_jenis_pelayanan_table_has_exactly_the_columns_the_document_prints():
    """Inventory of the columns against the source text: No, Jenis Pelayanan, Sasaran (no derived count)."""
    from support import REPO

    source_path = REPO.parent / "shared" / "source" / "renstra-dinsos-pppa-batubara-2025-2029.txt"
    if not source_path.is_file():
        pytest.skip("source text export not available")
    lines = source_path.read_text(encoding="utf-8").splitlines()
    title = lines.index("Tabel Jenis-Jenis Pelayanan Sosial")
    header = next(line for line in lines[title + 1:] if line.strip()).split("\t")
    table = kp.jenis_pelayanan_table(kp.jenis_pelayanan())
    assert [c.heading for c in table.columns] == header == ["No", "Jenis Pelayanan", "Sasaran"]


def test_spm_end_of_period_is_the_final_year_value():
    raw = load("2_3_3_spm_capaian")
    view = kp.spm_view(2025)
    assert view.end_column == "Kondisi Kinerja pada akhir periode Renstra"
    for no, g in raw.groupby("no"):
        assert view.end_values[int(no)] == pytest.approx(float(g.sort_values("tahun")["capaian"].iloc[-1]))
    table = kp.spm_table(view, 2025)
    assert not table.has_marks()
    assert table.display_frame()[view.end_column].tolist() == ["100"] * raw["no"].nunique()
    assert [c.text for c in table.header_rows()[0]][3] == "Capaian Target"


def test_spm_for_earlier_years():
    view = kp.spm_view(2022)
    assert view.years == [2020, 2021] and view.end_column == "Kondisi Kinerja s.d. 2021"
    assert "belum ditampilkan" in kp.spm_table(view, 2022).all_notes()[0]
    empty = kp.spm_view(2020)
    assert empty.years == []
    notice = kp.spm_table(empty, 2020)
    assert isinstance(notice, Notice) and "Belum ada data untuk tahun sebelum 2020" in notice.text
    assert kp.spm_narrative(empty) is None
    assert narratives.spm_narrative_text(empty).startswith("Belum ada data")


def test_spm_narrative_counts_the_indicators_at_100():
    text = narrative_of(kp.spm_narrative(kp.spm_view(2025))).text
    raw = load("2_3_3_spm_capaian")
    full = sum(1 for _, g in raw.groupby("no") if (g["capaian"] >= 100).all())
    assert full == raw["no"].nunique() == 5
    assert text.startswith("Seluruh indikator SPM bidang sosial (lima indikator) tercatat 100%")  # EYD: five in words
    assert "tidak dapat diperiksa" in review_of(kp.spm_narrative(kp.spm_view(2025)))


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4
# --------------------------------------------------------------------------------------------

def test_kinerja_ratio_is_recomputed_as_the_document_does():
    raw = load("2_3_4_kinerja_pelayanan")
    data = kinerja(2025)
    for r in raw[raw["target"].notna()].itertuples():
        row = data.long[(data.long["no"] == r.no) & (data.long["tahun"] == r.tahun)].iloc[0]
        assert row["rasio"] == pytest.approx(float(r.realisasi) / float(r.target) * 100)


def test_kinerja_table_marks_the_misprinted_ratios():
    data = kinerja(2025)
    table = kp.kinerja_table(data, 2025)
    marked = sorted((int(table.data.at[i, "no"]), key) for i, key in table.marks)
    assert marked == [(1, "rasio_2023"), (6, "rasio_2023")]
    shown = table.display_frame()
    assert shown.loc[shown["No"] == "1", "rasio_2023"].iloc[0] == kinerja_ratio(1, 2023) + "*" == "26,40*"
    assert shown.loc[shown["No"] == "3", "target_2023"].iloc[0] == "BB"
    assert shown.loc[shown["No"] == "1", "Target Indikator"].iloc[0] == "700 Jiwa"
    assert shown.loc[shown["No"] == "2", "Target Indikator"].iloc[0] == "11,28"
    assert [m.printed for _, m in sorted(table.marks.items())] == ["33", "111,62"]
    notes = " ".join(table.all_notes())
    assert "tercetak 33 (dihitung terhadap target tahun lain: angka tercetak sama dengan realisasi 2023 ÷ target 2022)" in notes
    assert [int(y) for y in data.audit["target_year"]] == [2022, 2022]
    assert [c.text for c in table.header_rows()[0]][3:] == ["Target Renstra Perangkat Daerah Tahun",
                                                            "Realisasi Capaian Tahun", "Rasio Capaian Tahun"]


def test_kinerja_polarity_ratio_and_category():
    data = kinerja(2025)
    long = data.long.set_index(["no", "tahun"])
    child = long.loc[(5, 2024)]
    assert child["polaritas"] == "turun"
    assert child["rasio"] == pytest.approx(45.29 / 22 * 100)
    # the formula gives a negative share (-5,86): shown floored at 0, the raw value kept and explained
    assert child["rasio_polaritas_mentah"] == pytest.approx((2 * 22 - 45.29) / 22 * 100)
    assert child["rasio_polaritas"] == 0
    assert child["kategori"] == compute.category_label((2 * 22 - 45.29) / 22 * 100) == "Sangat Rendah"
    assert "-5,86%" in child["catatan_capaian"]
    kla = long.loc[(6, 2024)]
    assert kla["rasio_polaritas"] == pytest.approx(82.1 / 70 * 100)
    assert kla["kategori"] == "Sangat Tinggi (melampaui target)"
    for no in (4, 5, 6):  # printed 0 where Tabel 2.3.1 prints NA
        for y in (2019, 2020):
            assert bool(long.loc[(no, y), "tanpa_data"]) and pd.isna(long.loc[(no, y), "rasio_polaritas"])
            assert long.loc[(no, y), "rasio"] == 0
    assert long.loc[(3, 2021), "rasio_polaritas"] == 100  # AKIP: grade reached
    table = kp.kinerja_polarity_table(data, 2025)
    note = table.all_notes()[0]
    assert compute.POLARITY_METHODS[compute.POLARITY_METHOD] in note and compute.POLARITY_METHOD in note
    assert "POLARITY_METHOD" not in note  # the method is named, not the setting
    shown = table.display_frame()
    assert shown.loc[(shown["No"] == "5") & (shown["Tahun"] == "2024"), "Rasio sesuai polaritas"].iloc[0] == "0,00"
    assert any(document_term("Ratio Kekerasan Terhadap Anak 2024") in n and "-5,86%" in n for n in table.all_notes())
    assert len(table.marks) == 2


def test_kinerja_polarity_method_is_a_setting():
    data = kp.kinerja_data(2025, method="kebalikan")
    child = data.long.set_index(["no", "tahun"]).loc[(5, 2024)]
    assert child["rasio_polaritas"] == pytest.approx(22 / 45.29 * 100)
    assert "target / realisasi × 100" in kp.kinerja_polarity_table(data, 2025, method="kebalikan").all_notes()[0]


def test_kinerja_narrative_numbers_are_table_numbers():
    data = kinerja(2025)
    text = narrative_of(kp.kinerja_narrative(data)).text
    wide, pol = kp.kinerja_table(data, 2025), kp.kinerja_polarity_table(data, 2025)
    allowed = cell_numbers(wide) | cell_numbers(pol) | years_and_counts(36)
    unexplained = [n for n in numbers_in(text) if n not in allowed]
    assert not unexplained, unexplained
    assert "empat dari enam indikator" in text and "Ratio" not in text
    review = review_of(kp.kinerja_narrative(data))
    assert "205,86%" in review and "Realisasi 2019–2020 untuk" in review and "205,86%" not in text
    one_year = review_of(kp.kinerja_narrative(kp.kinerja_data(2020)))
    assert "Realisasi 2019 untuk" in one_year  # one year named once, not "2019–2019"


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------

def _visible_axes(figure: Figure):
    return [ax for ax in figure.fig.axes if ax.get_visible()]


def test_charts_have_one_panel_per_series_and_an_alt_text():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = kp.iku_chart(iku(2025))
    assert fig.name == "2-3-1-iku-tren" and len(_visible_axes(fig)) == len(iku(2025).trends)
    akip = next(ax for ax in _visible_axes(fig) if ax.get_title().startswith("Nilai AKIP"))
    assert [t.get_text() for t in akip.get_yticklabels()] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert "Persentase Angka Kemiskinan: 12,14% (2019) menjadi 10,94% (2024)" in fig.alt
    per_jenis = kp.ppks_chart(ppks(2025))
    panels = _visible_axes(per_jenis)
    assert len(panels) == charts.PPKS_PANELS < len(ppks(2025).data.wide)  # at most about twelve panels
    assert panels[-1].get_title().startswith("Lainnya (") and panels[1].get_title() == "26. Fakir Miskin"
    assert "Total: 73.220 jiwa (2019) menjadi 63.432 jiwa (2024)" in per_jenis.alt
    top = kp.ppks_top_chart(ppks(2025))
    labels = [t.get_text() for t in top.fig.axes[0].get_yticklabels()]
    assert len(labels) == charts.TOP_N + 1 and labels[0].startswith("Lainnya (")  # the rest summed
    assert top.fig.axes[0].get_xscale() == "linear"  # counts read as magnitudes: no log scale
    assert "Fakir Miskin 58.810 (pada 2019: 66.235)" in top.alt
    target = kp.kinerja_chart(kinerja(2022))
    assert len(_visible_axes(target)) == kinerja(2022).long["no"].nunique()
    assert document_term("Ratio Kekerasan Terhadap Anak") + " 2021: realisasi 24,43, target 17,45" in target.alt
    one_year = kp.ppks_top_chart(kp.ppks_view(2020))
    assert "2020" not in one_year.fig.axes[0].get_title() and "dibandingkan" not in one_year.alt
    plt.close("all")


# --------------------------------------------------------------------------------------------
# Another office: a table the data lacks
# --------------------------------------------------------------------------------------------

def test_absent_tables_become_notices_and_the_page_goes_on(data_copy):
    for table_id in ("2_3_1_iku_realisasi", "2_3_2_ppks", "2_3_jenis_pelayanan", "2_3_3_spm_capaian",
                     "2_3_4_kinerja_pelayanan"):
        (data_copy / "tables" / f"{table_id}.csv").unlink()
        if (data_copy / "printed" / f"{table_id}.csv").is_file():
            (data_copy / "printed" / f"{table_id}.csv").unlink()
    views = (kp.iku_view(2025, data_copy), kp.ppks_view(2025, data_copy), kp.spm_view(2025, data_copy),
             kp.kinerja_data(2025, data_copy))
    assert views == (None, None, None, None) and kp.jenis_pelayanan(data_copy) is None
    notices = [kp.iku_table(None, 2025), kp.ppks_table(None, 2025), kp.jenis_pelayanan_table(None),
               kp.spm_table(None, 2025), kp.kinerja_table(None, 2025)]
    assert all(isinstance(n, Notice) and n.text.endswith("tidak tersedia dalam data.") for n in notices)
    assert notices[0].text.startswith("Tabel 2.3.1")
    nothing = [kp.iku_chart(None), kp.iku_narrative(None), kp.ppks_chart(None), kp.ppks_top_chart(None),
               kp.ppks_narrative(None), kp.spm_narrative(None), kp.kinerja_polarity_table(None, 2025),
               kp.kinerja_chart(None), kp.kinerja_narrative(None)]
    assert nothing == [None] * len(nothing)
    assert "Tabel 2.3.2: tidak tersedia dalam data" in kp.years_statement(2025, data_copy)


def test_tabel_2_3_4_needs_its_indicator_list(data_copy):
    """The rows of Tabel 2.3.4 refer to its indicator list: without it the table is absent too."""
    (data_copy / "tables" / "2_3_4_kinerja_pelayanan_indikator.csv").unlink()
    assert kp.kinerja_data(2025, data_copy) is None
    assert kp.kinerja_data(2025, DATA) is not None


# --------------------------------------------------------------------------------------------
# The notebook (the session-wide real_build)
# --------------------------------------------------------------------------------------------

def assert_outputs_written(out):
    for name in TABLES:
        assert (out / "tables" / f"{name}.csv").is_file(), name
        assert (out / "tables" / f"{name}.xlsx").is_file(), name
    for name in FIGURES:
        assert (out / "figures" / f"{name}.png").is_file(), name
        assert (out / "figures" / f"{name}.svg").is_file(), name
    for name in NARRATIVES:
        assert (out / "narasi" / f"{name}.md").is_file(), name


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_notebook_shows_2019_to_2024(real_build, tahun):
    assert_clean(real_build.notebook(STEM, tahun))
    text = real_build.text(STEM, tahun)  # raises on any error output
    assert_outputs_written(real_build.page_dir(STEM, tahun))
    assert "Tabel 2.3.1: 2019–2024" in text and "Tabel 2.3.3: 2020–2024" in text
    totals = {y: format_number(v, 0) for y, v in ppks_sums().items()}
    assert totals[2023] == "65.695" and totals[2024] == "63.432"
    for total in totals.values():
        assert total in text
    assert ">65.695*</td>" in text and ">63.432*</td>" in text  # recomputed totals marked
    assert "tercetak 65.728" in text and "tercetak 63.660" in text  # and the printed ones named in the note
    assert f">{kinerja_ratio(1, 2023)}*</td>" in text  # 26,40 recomputed vs 33 printed
    assert f">{kinerja_ratio(5, 2024)}</td>" in text  # 205,86
    assert "**tidak didukung**" in text  # the PPKS "tren penurunan" claim
    assert "Kondisi Kinerja pada akhir periode Renstra" in text
    assert "(2 × target − realisasi) / target × 100" in text
    assert '<th scope="col">2024</th>' in text
    csv = (real_build.page_dir(STEM, tahun) / "tables" / "tabel-2-3-2-ppks.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines()[-1] == ",Total,73220,74665,60880,51793,65695,63432"


def test_notebook_2022_shows_2019_to_2021(real_build):
    assert_clean(real_build.notebook(STEM, 2022))
    text = real_build.text(STEM, 2022)
    assert_outputs_written(real_build.page_dir(STEM, 2022))
    assert "Tabel 2.3.1: 2019–2021" in text and "Tabel 2.3.3: 2020–2021" in text
    totals = {y: format_number(v, 0) for y, v in ppks_sums().items()}
    for year in (2019, 2020, 2021):
        assert totals[year] in text
    assert totals[2023] not in text and "Realisasi 2022" not in text
    assert '<th scope="col">2022</th>' not in text and '<th scope="col">2021</th>' in text
    assert "Kondisi Kinerja s.d. 2021" in text
    assert "Tahun 2019–2021" in text  # Tabel 2.3.2 caption follows the shown years


def test_notebook_names_the_office_and_describes_its_charts(real_build):
    opd = load_opd(DATA)
    shown = real_build.visible(STEM, 2025)
    assert f"kinerja pelayanan {opd.lengkap}:" in shown
    html = real_build.html(STEM, 2025)
    assert 'alt="Grafik garis 6 panel, satu per Indikator Kinerja Utama' in html
    assert 'alt="Diagram batang mendatar, skala linear' in html
    narrative = (real_build.page_dir(STEM, 2025) / "narasi" / "2-3-4-kinerja.md").read_text(encoding="utf-8")
    assert narrative == narratives.kinerja_narrative_text(kinerja(2025))



def test_realisation_printed_0_but_na_in_2_3_1_is_shown_as_printed_with_the_conflict_noted():
    table = kp.kinerja_table(kp.kinerja_data(2025), 2025)
    iku = load("2_3_1_iku_realisasi")
    na_in_iku = iku[iku["nilai"].isna() & iku["grade"].isna() & iku["tahun"].isin([2019, 2020])]
    assert len(na_in_iku)
    rows = {int(n): i for i, n in enumerate(table.data["no"])}
    for no in (4, 5, 6):  # the ratios of violence and KLA: printed 0 in 2019-2020 (Tabel 2.3.4, lines 721-723)
        for year in (2019, 2020):
            column = next(c for c in table.columns if c.key == f"realisasi_{year}")
            assert table.cell_text(rows[no], column) == "0"
    notes = " ".join(table.notes)
    assert "dicetak 0 di Tabel 2.3.4 (ditampilkan seperti tercetak) tetapi NA di Tabel 2.3.1" in notes
