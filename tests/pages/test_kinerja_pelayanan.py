"""Unit tests of helpers/bab2_kinerja.py (Bab II 2.3 Kinerja Pelayanan) on the real data.

Expected values are recomputed here independently from ``helpers.core.data.load`` (sums, ratios,
year-on-year steps), not taken from the module under test. Numbers in the draft narratives are
checked against the numbers shown in the tables.
"""
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import bab2_kinerja as kin
from helpers.core import compute
from helpers.core.data import load
from helpers.core.numbers import format_number, format_percent

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
NUMBER = re.compile(r"(?<![\w])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")


# --------------------------------------------------------------------------------------------
# helpers of the tests
# --------------------------------------------------------------------------------------------

def ppks_sums() -> dict[int, int]:
    """Total PPKS per year, summed here from the base table."""
    df = load("2_3_2_ppks")
    return {int(t): int(g["jumlah"].sum()) for t, g in df.groupby("tahun")}


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def cell_numbers(table) -> set[str]:
    """Every number shown in a table (marks stripped) and in its note."""
    shown = table.display_frame()
    out = set()
    for col in shown.columns:
        for v in shown[col]:
            out.update(numbers_in(str(v).rstrip("*")))
        out.update(numbers_in(str(col)))
    out.update(numbers_in(table.note))
    return out


def row_differences(table, decimals=(0, 2)) -> set[str]:
    """|b − a| and |b − a| / a × 100 for every pair of numeric cells in the same row."""
    out = set()
    for _, row in table.df.iterrows():
        nums = [float(v) for v in row if isinstance(v, (int, float)) and not isinstance(v, bool)
                and not pd.isna(v)]
        for a in nums:
            for b in nums:
                for d in decimals:
                    out.add(format_number(abs(b - a), d))
                if a:
                    out.add(format_percent(abs(b - a) / a * 100).rstrip("%"))
    return out


def years_and_counts(limit: int) -> set[str]:
    return {str(y) for y in range(2015, 2035)} | {str(n) for n in range(0, limit + 1)}


# --------------------------------------------------------------------------------------------
# years and polarity
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun, expected", [
    (2020, [2019]), (2022, [2019, 2020, 2021]), (2025, list(range(2019, 2025))),
    (2029, list(range(2019, 2025))),
])
def test_shown_years_history_rule(tahun, expected):
    assert kin.shown_years(range(2019, 2025), tahun) == expected


def test_shown_years_extend_when_data_is_added():
    assert kin.shown_years(list(range(2019, 2026)), 2027) == list(range(2019, 2026))
    assert kin.shown_years(range(2020, 2025), 2020) == []


def test_years_statement_names_the_years_of_each_table():
    text = kin.years_statement(2022)
    assert "Tabel 2.3.1: 2019–2021" in text and "Tabel 2.3.3: 2020–2021" in text
    assert "Tabel 2.3.3: belum ada data sebelum 2020" in kin.years_statement(2020)


def test_polarity_lookup_is_casefolded_and_defaults_to_naik():
    assert kin.polarity("Ratio Kekerasan terhadap anak") == "turun"
    assert kin.polarity("RATIO KEKERASAN TERHADAP PEREMPUAN") == "turun"
    assert kin.polarity("Persentase Angka Kemiskinan") == "turun"
    assert kin.polarity("Nilai AKIP") == "naik"
    assert kin.polarity("Persentase Capaian Indikator Kabupaten Layak Anak") == "naik"


def test_polarity_comes_from_the_data(tmp_path):
    """Polarity is declared in data (Tabel 2.3.4's indicator list); editing the data changes it."""
    data = tmp_path / "data"
    shutil.copytree(REPO_DATA, data)
    path = data / "tables" / "2_3_4_kinerja_pelayanan_indikator.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines = [l[: l.rfind(",")] + ",turun" if l.startswith("3,Nilai AKIP") else l for l in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = kin.polarity_map(data)
    assert kin.polarity("nilai akip", mapping) == "turun"
    assert kin.polarity("Persentase Angka Kemiskinan", mapping) == "turun"
    assert "2_3_4_kinerja_pelayanan_indikator" in kin.polarity_source(data)
    assert kin.polarity("Nilai AKIP", kin.polarity_map(REPO_DATA)) == "naik"


def test_table_caption_replaces_the_printed_year_range():
    assert kin.table_caption("2_3_2_ppks", [2019, 2020, 2021]).endswith("(PPKS) Tahun 2019–2021")
    assert kin.table_caption("2_3_1_iku_realisasi", [2019, 2020]).endswith("Utama (2019–2020)")


# --------------------------------------------------------------------------------------------
# MixedTable
# --------------------------------------------------------------------------------------------

def test_mixed_table_formats_numbers_and_grades_and_exports_numbers(tmp_path):
    from openpyxl import load_workbook

    frame = pd.DataFrame({"Indikator": ["AKIP", "Kemiskinan", "PMKS"], "2024": ["BB", 10.94, 270.0],
                          "2019": [None, 12.14, 100.0]})
    table = kin.MixedTable(frame, "Uji", mixed=["2024", "2019"], decimals=[2, 2, 0])
    shown = table.display_frame()
    assert list(shown["2024"]) == ["BB", "10,94", "270"]
    assert list(shown["2019"]) == ["-", "12,14", "100"]
    csv_path, xlsx_path = table.export(tmp_path)
    assert "10.94" in csv_path.read_text(encoding="utf-8-sig")
    ws = load_workbook(xlsx_path).active
    assert ws.cell(row=3, column=2).value == "BB"
    assert ws.cell(row=4, column=2).value == pytest.approx(10.94)
    assert ws.cell(row=5, column=2).value == 270 and isinstance(ws.cell(row=5, column=2).value, int)
    assert ws.cell(row=3, column=3).value is None
    assert table.kinds["2024"] == "dec2"  # export restored the display kinds


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1
# --------------------------------------------------------------------------------------------

def test_iku_table_matches_the_document_layout():
    table = kin.iku_table(kin.iku_long(2025))
    shown = table.display_frame()
    assert list(shown.columns) == ["No", "Sasaran Strategis", "Indikator Kinerja Utama"] + [str(y) for y in range(2019, 2025)]
    akip = shown[shown["Indikator Kinerja Utama"] == "Nilai AKIP"].iloc[0]
    assert [akip[str(y)] for y in range(2019, 2025)] == ["-", "B", "BB", "BB", "BB", "BB"]
    pov = shown[shown["Indikator Kinerja Utama"] == "Persentase Angka Kemiskinan"].iloc[0]
    assert pov["2019"] == "12,14" and pov["2024"] == "10,94"
    kla = shown[shown["No"] == "6"].iloc[0]
    assert kla["2019"] == "-" and kla["2020"] == "-" and kla["2024"] == "82,10"
    pmks = shown[shown["No"] == "2"].iloc[0]
    assert pmks["2023"] == "66"
    assert (shown["Sasaran Strategis"] != "").all()


def test_iku_table_for_2022_shows_2019_to_2021_only():
    shown = kin.iku_table(kin.iku_long(2022)).display_frame()
    assert [c for c in shown.columns if c.isdigit()] == ["2019", "2020", "2021"]


def test_iku_trends_direction_size_and_breaks():
    trends = {t.label: t for t in kin.iku_trends(kin.iku_long(2025))}
    raw = load("2_3_1_iku_realisasi")
    pov_raw = raw[raw["indikator"] == "Persentase Angka Kemiskinan"].sort_values("tahun")
    pov = trends["Persentase Angka Kemiskinan"]
    assert pov.change == pytest.approx(float(pov_raw["nilai"].iloc[-1] - pov_raw["nilai"].iloc[0]))
    assert pov.direction == "turun" and pov.evaluation == "membaik"
    assert [s.year_to for s in pov.breaks] == [2021]
    child = trends["Ratio Kekerasan terhadap anak"]
    assert child.first == (2021, 24.43) and child.last == (2024, 45.29)
    assert child.evaluation == "memburuk" and child.missing_years == [2019, 2020]
    akip = trends["Nilai AKIP"]
    assert akip.is_grade and akip.direction == "naik" and akip.first == (2020, "B")
    sentence = kin.trend_sentence(child)
    assert "pelaporan yang lebih lengkap" in sentence
    assert "24,43 (2021)" in sentence and "45,29 (2024)" in sentence and "memburuk" in sentence
    assert "naik dari B (2020) menjadi BB (2021), lalu tetap BB sampai 2024" in kin.trend_sentence(akip)


def test_iku_claims_2025():
    trends = kin.iku_trends(kin.iku_long(2025))
    checks = {c.claim.indikator.casefold(): c for c in kin.check_claims(kin.IKU_CLAIMS, trends)}
    assert checks["nilai akip"].status == kin.DIDUKUNG
    pmks = checks["jumlah penyandang masalah kesejahteraan sosial (pmks) yang mandiri"]
    assert pmks.supported and "2023 (turun dari 200 jiwa menjadi 66 jiwa)" in pmks.evidence
    assert "2020" in pmks.evidence  # the other dip, not mentioned by the document
    pov = checks["persentase angka kemiskinan"]
    assert pov.status == kin.SEBAGIAN and "2021 (naik dari 11,88% menjadi 12,38%)" in pov.evidence
    assert checks["ratio kekerasan terhadap perempuan"].supported
    assert "turun dari 5,72 (2023) menjadi 3,69" in checks["ratio kekerasan terhadap perempuan"].evidence
    assert checks["ratio kekerasan terhadap anak"].supported
    kla = checks["persentase capaian indikator kabupaten layak anak"]
    assert kla.status == kin.SEBAGIAN and "2023" in kla.evidence


def test_iku_claims_2022_cannot_check_later_years():
    trends = kin.iku_trends(kin.iku_long(2022))
    checks = {c.claim.text: c for c in kin.check_claims(kin.IKU_CLAIMS, trends)}
    assert checks["Rasio Kekerasan Anak terjadi kenaikan tahun 2024"].status == kin.TAK_DAPAT
    assert checks["Angka Kemiskinan semakin menurun"].status == kin.TIDAK  # 12,14 → 12,38 in 2019–2021


def test_check_claim_rules_on_a_synthetic_series():
    t = kin.Trend("X", "jiwa", "naik", (2020, 2021, 2022, 2023), (10.0, 12.0, 11.0, 15.0))
    assert kin.check_claim(kin.Claim("x naik tiap tahun", "X", "naik", "setiap_tahun"), t).status == kin.TIDAK
    assert kin.check_claim(kin.Claim("x semakin naik", "X", "naik", "semakin"), t).status == kin.SEBAGIAN
    assert kin.check_claim(kin.Claim("x naik", "X", "naik", "keseluruhan"), t).status == kin.DIDUKUNG
    assert kin.check_claim(kin.Claim("x turun", "X", "turun", "semakin"), t).status == kin.TIDAK
    assert kin.check_claim(kin.Claim("x naik 2023", "X", "naik", "tahun", year=2023), t).supported
    assert kin.check_claim(kin.Claim("x naik 2022", "X", "naik", "tahun", year=2022), t).status == kin.TIDAK
    assert kin.check_claim(kin.Claim("x 2030", "X", "naik", "tahun", year=2030), t).status == kin.TAK_DAPAT
    with pytest.raises(ValueError):
        kin.check_claim(kin.Claim("x", "X", "naik", "kadang"), t)


def test_iku_narrative_numbers_are_table_numbers():
    iku = kin.iku_long(2025)
    table = kin.iku_table(iku)
    trends = kin.iku_trends(iku)
    text = kin.iku_narrative(trends, kin.check_claims(kin.IKU_CLAIMS, trends))
    allowed = cell_numbers(table) | row_differences(table) | years_and_counts(6)
    unexplained = [n for n in numbers_in(text) if n not in allowed]
    assert not unexplained, unexplained
    assert "12,14% (2019)" in text and "10,94% (2024)" in text and "1,20 poin persen" in text


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2
# --------------------------------------------------------------------------------------------

def test_ppks_total_row_is_recomputed_and_marked():
    sums = ppks_sums()
    ppks = kin.ppks_table(2025)
    shown = ppks.table.display_frame()
    total = shown.iloc[-1]
    assert total["Jenis PMKS"] == "Total"
    for y, v in sums.items():
        expected = format_number(v, 0) + ("*" if y in (2023, 2024) else "")
        assert total[str(y)] == expected
    assert sums[2023] == 65695 and sums[2024] == 63432
    assert ppks.printed_differs == {2023: 65728.0, 2024: 63660.0}
    marks = ppks.table.marks
    assert int(marks.to_numpy().sum()) == 2
    assert "65.728" in ppks.table.note and "63.660" in ppks.table.note
    assert len(shown) == 27 and (shown.iloc[24][[str(y) for y in sums]] == "-").all()  # Komunitas Adat Terpencil


def test_ppks_table_for_2022_has_no_marks():
    ppks = kin.ppks_table(2022)
    assert [c for c in ppks.table.df.columns if c.isdigit()] == ["2019", "2020", "2021"]
    assert not ppks.table.has_marks()


def test_ppks_claim_of_decline_is_not_supported_year_by_year():
    sums = ppks_sums()
    years = sorted(sums)
    rises = [b for a, b in zip(years, years[1:]) if sums[b] > sums[a]]
    assert rises == [2020, 2023]  # verified from the base data
    facts = kin.ppks_facts(kin.ppks_table(2025))
    assert facts.claim.status == kin.TIDAK and not facts.claim.supported
    for y in rises:
        assert f"{y} (naik dari" in facts.claim.evidence
    assert "turun dari 73.220 jiwa (2019) menjadi 63.432 jiwa (2024)" in facts.claim.evidence


def test_ppks_movers_and_against_trend():
    df = load("2_3_2_ppks")
    wide = df.pivot(index="jenis", columns="tahun", values="jumlah")
    both = wide[wide[2019].notna() & wide[2024].notna()]
    rose = set(both.index[both[2024] > both[2019]])
    facts = kin.ppks_facts(kin.ppks_table(2025))
    assert {m.jenis for m in facts.against_trend()} == rose
    assert facts.top_absolute()[0].jenis == "Fakir Miskin"
    assert all(m.first >= kin.MIN_BASE_FOR_PERCENT for m in facts.top_percent())
    assert set(facts.dropped) == set(wide.index[wide[2019].notna() & wide[2024].isna()])
    jenis, value, share = facts.largest_share
    assert jenis == "Fakir Miskin" and share == pytest.approx(58810 / 63432 * 100)


@pytest.mark.parametrize("tahun", [2022, 2025])
def test_ppks_narrative_numbers_are_table_numbers(tahun):
    ppks = kin.ppks_table(tahun)
    text = kin.ppks_narrative(kin.ppks_facts(ppks))
    table = ppks.table
    shares = set()
    for col in [c for c in table.df.columns if c.isdigit()]:
        total = float(table.df[col].iloc[-1])
        shares |= {format_percent(float(v) / total * 100).rstrip("%") for v in table.df[col] if not pd.isna(v)}
    allowed = cell_numbers(table) | row_differences(table) | shares | years_and_counts(26) | {str(kin.MIN_BASE_FOR_PERCENT)}
    unexplained = [n for n in numbers_in(text) if n not in allowed]
    assert not unexplained, unexplained
    first_total = format_number(ppks_sums()[2019], 0)
    assert f"{first_total} jiwa (2019)" in text


# --------------------------------------------------------------------------------------------
# Jenis pelayanan and SPM
# --------------------------------------------------------------------------------------------

def test_jenis_pelayanan_table_lists_split_sasaran():
    table = kin.jenis_pelayanan_table()
    df = table.df
    assert len(df) == 7
    row4 = df[df["No"] == 4].iloc[0]
    assert row4["Sasaran"] == "Anak Terlantar; Lanjut Usia Terlantar; Penyandang Disabilitas Terlantar; Gelandangan dan pengemis"
    assert row4["Jumlah Sasaran"] == 4
    assert df["Jumlah Sasaran"].sum() == len(load("2_3_jenis_pelayanan_sasaran"))


def test_spm_end_of_period_is_the_final_year_value():
    raw = load("2_3_3_spm_capaian")
    spm = kin.spm_table(2025)
    assert spm.end_column == "Kondisi Kinerja pada akhir periode Renstra"
    for no, g in raw.groupby("no"):
        assert spm.end_values[int(no)] == pytest.approx(float(g.sort_values("tahun")["capaian"].iloc[-1]))
    assert not spm.table.has_marks()
    assert spm.table.display_frame()[spm.end_column].tolist() == ["100"] * 5


def test_spm_for_earlier_years():
    spm = kin.spm_table(2022)
    assert spm.years == [2020, 2021] and spm.end_column == "Kondisi Kinerja s.d. 2021"
    empty = kin.spm_table(2020)
    assert empty.table is None
    assert "Belum ada data" in kin.spm_narrative(empty)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4
# --------------------------------------------------------------------------------------------

def test_kinerja_ratio_is_recomputed_as_the_document_does():
    raw = load("2_3_4_kinerja_pelayanan")
    data = kin.kinerja_data(2025)
    for r in raw[raw["target"].notna()].itertuples():
        row = data.long[(data.long["no"] == r.no) & (data.long["tahun"] == r.tahun)].iloc[0]
        assert row["rasio"] == pytest.approx(float(r.realisasi) / float(r.target) * 100)


def test_kinerja_marks_the_misprinted_ratios():
    data = kin.kinerja_data(2025)
    table = kin.kinerja_table(data)
    marked = [(int(table.df.at[i, "No"]), c) for c in table.marks.columns for i in table.marks.index
              if table.marks.at[i, c]]
    assert sorted(marked) == [(1, "Rasio 2023"), (6, "Rasio 2023")]
    shown = table.display_frame()
    assert shown.loc[shown["No"] == "1", "Rasio 2023"].iloc[0] == "26,40*"
    assert shown.loc[shown["No"] == "3", "Target 2023"].iloc[0] == "BB"
    assert shown.loc[shown["No"] == "1", "Target Indikator"].iloc[0] == "700 Jiwa"
    assert "realisasi 2023 ÷ target 2022" in table.note
    assert [int(y) for y in data.audit["target_year"]] == [2022, 2022]


def test_kinerja_polarity_ratio_and_category():
    data = kin.kinerja_data(2025)
    long = data.long.set_index(["no", "tahun"])
    child = long.loc[(5, 2024)]
    assert child["polaritas"] == "turun"
    assert child["rasio"] == pytest.approx(45.29 / 22 * 100)
    assert child["rasio_polaritas"] == pytest.approx((2 * 22 - 45.29) / 22 * 100)
    assert child["kategori"] == compute.category_label((2 * 22 - 45.29) / 22 * 100) == "Sangat Rendah"
    kla = long.loc[(6, 2024)]
    assert kla["rasio_polaritas"] == pytest.approx(82.1 / 70 * 100)
    assert kla["kategori"] == "Sangat Tinggi (melampaui target)"
    for no in (4, 5, 6):  # printed 0 where Tabel 2.3.1 prints NA
        for y in (2019, 2020):
            assert bool(long.loc[(no, y), "tanpa_data"]) and pd.isna(long.loc[(no, y), "rasio_polaritas"])
            assert long.loc[(no, y), "rasio"] == 0
    assert long.loc[(3, 2021), "rasio_polaritas"] == 100  # AKIP: grade reached
    table = kin.kinerja_polarity_table(data)
    assert compute.POLARITY_METHODS[compute.POLARITY_METHOD] in table.note
    assert compute.POLARITY_METHOD in table.note


def test_kinerja_polarity_method_is_a_setting():
    data = kin.kinerja_data(2025, method="kebalikan")
    child = data.long.set_index(["no", "tahun"]).loc[(5, 2024)]
    assert child["rasio_polaritas"] == pytest.approx(22 / 45.29 * 100)


def test_kinerja_narrative_numbers_are_table_numbers():
    data = kin.kinerja_data(2025)
    text = kin.kinerja_narrative(data)
    wide, pol = kin.kinerja_table(data), kin.kinerja_polarity_table(data)
    allowed = cell_numbers(wide) | cell_numbers(pol) | years_and_counts(36)
    unexplained = [n for n in numbers_in(text) if n not in allowed]
    assert not unexplained, unexplained
    assert "4 dari 6 indikator" in text
    assert "205,86%" in text and "-5,86%" in text


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------

def test_charts_have_one_panel_per_series():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    iku = kin.iku_chart(kin.iku_trends(kin.iku_long(2025)))
    visible = [ax for ax in iku.axes if ax.get_visible()]
    assert len(visible) == 6
    akip = next(ax for ax in visible if ax.get_title().startswith("Nilai AKIP"))
    assert [t.get_text() for t in akip.get_yticklabels()] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    ppks = kin.ppks_table(2025)
    fig = kin.ppks_chart(ppks)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 27
    top = kin.ppks_top_chart(ppks)
    assert len(top.axes[0].get_yticklabels()) == kin.TOP_N
    assert top.axes[0].get_xscale() == "log"
    kinerja = kin.kinerja_chart(kin.kinerja_data(2022))
    assert len([ax for ax in kinerja.axes if ax.get_visible()]) == 6
    one_year = kin.ppks_top_chart(kin.ppks_table(2020))
    assert "2020" not in one_year.axes[0].get_title()
    plt.close("all")
