"""Tests of helpers/pages/isu_strategis (Bab II 2.4–2.6) and of its notebook 02-4-isu-strategis.

Expected values are computed here independently from ``helpers.core.data.load`` (or written out by
hand where the point is the display string), never copied from the module under test. Notebook
checks read the session builds (``real_build``: years 2022, 2025, 2029; ``other_build``); a bad
``tahun`` is checked by calling ``setup()`` directly.
"""
from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.core.data import load, load_printed  # noqa: E402
from helpers.core.numbers import format_number, format_percent, number_words  # noqa: E402
from helpers.core.opd import load_opd  # noqa: E402
from helpers.pages import isu_strategis as isu  # noqa: E402
from helpers.present import Figure, Mark, Narrative, Notice, Table  # noqa: E402
from support import assert_clean, notebook_text  # noqa: E402

STEM = "02-4-isu-strategis"
TABLES = ["2-4-jenis-ppks", "2-5-jenis-psks", "2-6-1-permasalahan", "tabel-2-6-1-isu-strategis"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def counts_of(year: int, data_dir=None) -> dict[int, float]:
    """Tabel 2.3.2 counts above 0 of ``year`` by Tabel 2.3.2 ``no`` (nihil, printed "-", left out)."""
    df = load("2_3_2_ppks", data_dir)
    df = df[(df["tahun"] == year) & df["jumlah"].notna() & (df["jumlah"] > 0)]
    return {int(n): float(v) for n, v in zip(df["no"], df["jumlah"])}


def latest_count_year(tahun: int) -> int | None:
    counts = load("2_3_2_ppks")
    years = counts.loc[counts["jumlah"].notna() & (counts["tahun"] < tahun), "tahun"]
    return None if years.empty else int(years.max())


def printed_total(year: int) -> float:
    printed = load_printed("2_3_2_ppks")
    return float(printed[(printed["row"] == "total") & (printed["tahun"] == year)]["value"].iloc[0])


def shown(table: Table, key: str) -> list[str]:
    column = next(c for c in table.columns if c.key == key)
    return [table.cell_text(i, column) for i in range(table.n_rows)]


def remove_table(data_dir, table_id: str) -> None:
    for suffix in (".csv", ".yaml"):
        (data_dir / "tables" / f"{table_id}{suffix}").unlink()
    (data_dir / "printed" / f"{table_id}.csv").unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------
# Display helpers
# --------------------------------------------------------------------------------------------



def draft(view) -> Narrative:
    """The draft of section 2.4 (the first item; the second is its Catatan pemeriksaan or None)."""
    items = isu.ppks_narrative(view)
    assert len(items) == 2 and (items[1] is None or items[1].startswith("#### Catatan pemeriksaan"))
    return items[0]

def test_criteria_text_bullets_and_indented_sub_items():
    text = isu.criteria_text("satu; | mengalami: | a. dua; | b. tiga.")
    assert text.split("\n") == ["• satu;", "• mengalami:", "    a. dua;", "    b. tiga."]
    assert isu.criteria_text(None) == "" and isu.criteria_text("") == ""


def test_criteria_text_keeps_every_item_of_the_data():
    df = load("2_4_jenis_ppks")
    for kriteria in df["kriteria"]:
        items = [i.strip() for i in str(kriteria).split(" | ")]
        lines = isu.criteria_text(kriteria).split("\n")
        assert len(lines) == len(items)
        assert [line.lstrip("• ").strip() for line in lines] == items


def test_ppks_table_renders_criteria_as_lines_and_wraps_them_in_the_xlsx(tmp_path):
    from openpyxl import load_workbook

    from helpers.present.html import escape, render_table
    from helpers.present.xlsx import write_xlsx

    table = isu.ppks_table(isu.ppks_view(2025))
    kriteria = next(c for c in table.columns if c.key == "kriteria")
    assert kriteria.role == "multiline" and next(c for c in table.columns if c.key == "definisi").wide
    first = isu.criteria_text(load("2_4_jenis_ppks")["kriteria"].iloc[0])
    assert "\n" in first
    html = render_table(table)
    assert f'<td class="baris">{escape(first)}</td>' in html  # line breaks kept in the cell
    ws = load_workbook(write_xlsx(table, tmp_path / "t.xlsx")).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == first]
    assert len(cells) == 1 and cells[0].alignment.wrap_text


# --------------------------------------------------------------------------------------------
# PPKS view, table, narrative, chart
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2019, 2020, 2023, 2025, 2029])
def test_count_year_is_latest_before_tahun(tahun):
    assert isu.count_year(tahun) == latest_count_year(tahun)
    assert (tahun, isu.count_year(tahun)) in {(2019, None), (2020, 2019), (2023, 2022), (2025, 2024), (2029, 2024)}


def test_ppks_view_joins_counts_through_the_mapping():
    view = isu.ppks_view(2025)
    types = load("2_4_jenis_ppks")
    counts = counts_of(2024)
    assert view.year == 2024 and len(view.frame) == len(types)
    for row in view.frame.itertuples():
        expected = counts.get(int(types.loc[types["no"] == row.no, "no_tabel_2_3_2"].iloc[0]))
        # counts_of leaves out the nihil ("-") counts: they are 0 here, with the symbol kept
        assert float(row.jumlah) == (expected or 0) and (expected is not None or row.simbol == "-")
    assert view.total == sum(counts.values())
    moved = types[types["no"] != types["no_tabel_2_3_2"]].iloc[0]
    row = view.frame[view.frame["no"] == moved["no"]].iloc[0]
    assert float(row["jumlah"]) == counts[int(moved["no_tabel_2_3_2"])]


@pytest.mark.parametrize("tahun", [2020, 2025])
def test_ppks_total_marked_where_the_printed_total_differs(tahun):
    view = isu.ppks_view(tahun)
    total = sum(counts_of(view.year).values())
    printed = printed_total(view.year)
    differs = abs(printed - total) > 0.5
    assert view.total_differs == differs
    table = isu.ppks_table(view)
    last = table.n_rows - 1
    assert shown(table, "jenis")[last] == "Jumlah" and last in table.bold_rows
    assert shown(table, "no")[last] == "" and shown(table, "no_tabel_2_3_2")[last] == ""
    assert shown(table, "jumlah")[last] == format_number(total) + ("*" if differs else "")
    expected = {(last, "jumlah"): Mark(printed=format_number(printed))} if differs else {}
    assert table.marks == expected
    if differs:
        assert any(f"tercetak {format_number(printed)}" in note for note in table.all_notes())


def test_without_printed_figures_nothing_is_said_about_them(data_copy):
    (data_copy / "printed" / "2_3_2_ppks.csv").unlink()
    view = isu.ppks_view(2025, data_copy)
    assert view.printed_total is None and not view.total_differs
    table = isu.ppks_table(view)
    assert not table.marks and not any(re.search(r"tercetak \d", n) for n in table.all_notes())
    assert "dokumen mencetak" not in draft(view).text + (isu.ppks_narrative(view)[1] or "")


def test_ppks_table_without_count_year():
    view = isu.ppks_view(2019)
    table = isu.ppks_table(view)
    assert table.keys == ["no", "jenis", "definisi", "kriteria"] and table.n_rows == len(load("2_4_jenis_ppks"))
    assert "belum memuat" in draft(view).text
    chart = isu.ppks_chart(view)
    assert isinstance(chart, Notice) and chart.text.startswith("Grafik tidak dibuat")
    assert "belum memuat data sebelum 2019" in isu.page_statement(view, (2019, 2029))


@pytest.mark.parametrize("tahun", [2020, 2022, 2025])
def test_ppks_narrative_numbers_equal_table_numbers(tahun):
    view = isu.ppks_view(tahun)
    table = isu.ppks_table(view)
    narrative = draft(view)
    assert isinstance(narrative, Narrative) and narrative.id == "2-4-ppks"
    text = narrative.text
    cells = {t.rstrip("*") for t in shown(table, "jumlah")} | set(shown(table, "porsi"))
    notes = " ".join(table.all_notes())
    # every number the narrative states (counts with separators, percentages) is a cell or a note of the table
    numbers = re.findall(r"\d{1,3}(?:\.\d{3})+|\d+,\d{2}(?=%)", text)
    assert numbers
    for number in numbers:
        assert number in cells or number in notes, number
    counts = counts_of(view.year)
    total = sum(counts.values())
    types = load("2_4_jenis_ppks").set_index("no_tabel_2_3_2")
    for no, value in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]:
        assert f"{types.at[no, 'nama']}, " in text or f"{types.at[no, 'nama']} (" in text
        assert format_number(value) in text and format_percent(value / total * 100) in text
    assert f"tercatat {format_number(total)} jiwa PPKS di {load_opd().pemerintah_daerah};" in text
    assert narrative.facts[f"Jumlah PPKS {view.year} (jiwa)"] == total
    nihil = shown(table, "jumlah")[:-1].count("-") + shown(table, "jumlah")[:-1].count("0")
    assert nihil and f"Sebanyak {number_words(nihil)} jenis nihil pada tahun {view.year}, yaitu" in text
    assert f"{len(counts)} dari {len(types)} jenis" in text


def test_ppks_narrative_names_types_never_recorded():
    text, review = draft(isu.ppks_view(2025)).text, isu.ppks_narrative(isu.ppks_view(2025))[1]
    history = load("2_3_2_ppks")
    ever = set(history.loc[history["jumlah"] > 0, "no"])  # "-" is nihil: never above 0 = never recorded
    never = load("2_4_jenis_ppks")
    never = never[~never["no_tabel_2_3_2"].isin(ever)]["nama"]
    assert len(never) >= 1
    span = f"{int(history['tahun'].min())}–2024"
    for name in never:
        assert f"{name}" in text
    assert f"tidak pernah tercatat sepanjang tahun {span}" in text
    printed, total = printed_total(2024), sum(counts_of(2024).values())
    # the document's misprinted total is a finding for the reviewer, not report text
    assert f"dokumen mencetak {format_number(printed)} (selisih {format_number(printed - total)})" in review
    assert "dokumen mencetak" not in text


def test_ppks_chart_has_every_type():
    chart = isu.ppks_chart(isu.ppks_view(2025))
    assert isinstance(chart, Figure) and chart.name == "2-4-jumlah-ppks-per-jenis"
    ax = chart.fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    types = load("2_4_jenis_ppks")
    counts = counts_of(2024)
    assert ax.get_xscale() == "linear"  # counts are read as magnitudes: no log scale
    assert len(labels) == min(isu.ppks.CHART_TOP, len(counts)) + (len(counts) > isu.ppks.CHART_TOP)
    assert labels[0].startswith("Lainnya (") == (len(counts) > isu.ppks.CHART_TOP)  # the rest summed, at the bottom
    assert "2024" in ax.get_title() and "jiwa" in ax.get_xlabel()
    largest = types[types["no_tabel_2_3_2"] == max(counts, key=counts.get)].iloc[0]
    assert labels[-1].startswith(f"{largest['no']}. {largest['nama']}")  # largest at the top
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert any("." in t for t in ticks) and not any("," in t for t in ticks)  # 10.000, not 10,000
    assert chart.alt.startswith("Diagram batang mendatar jumlah PPKS")
    assert f"{largest['nama']} ({format_number(counts[int(largest['no_tabel_2_3_2'])])})" in chart.alt


# --------------------------------------------------------------------------------------------
# PSKS, problems, Tabel 2.6.1
# --------------------------------------------------------------------------------------------


def test_psks_and_lists():
    data = load("2_5_jenis_psks")
    psks = isu.psks_table()
    assert psks.n_rows == len(data) and f"{len(data)} butir" in psks.caption
    empty = data.index[data["definisi"].isna()].tolist()
    assert empty and all(shown(psks, "uraian")[i] == "NA" for i in empty)
    notes = psks.all_notes()
    for i in empty:
        assert any(f"butir {int(data.at[i, 'no'])} " in n for n in notes)
    foreign = data[data["definisi"].fillna("").str.contains("Kabupaten Mojokerto")]
    assert len(foreign) == 1
    assert any(f"butir {int(foreign['no'].iloc[0])} " in n and "Kabupaten Mojokerto" in n
               and load_opd().pemerintah_daerah in n for n in notes)
    problems = isu.permasalahan_table()
    assert problems.n_rows == len(load("2_6_permasalahan"))
    assert problems.caption.endswith(load_opd().lengkap)


def test_other_regions_leaves_out_the_office_own():
    opd = load_opd()
    text = f"di {opd.pemerintah_daerah} dan di Kabupaten Mojokerto serta Kota Medan"
    assert isu.other_regions(text, opd) == ["Kabupaten Mojokerto", "Kota Medan"]
    assert isu.other_regions(f"hanya {opd.pemerintah_daerah}", opd) == []


def test_isu_table_has_the_printed_two_row_header():
    issues = isu.isu_table()
    data = load("2_6_1_isu_strategis")
    assert issues.n_rows == len(data) and issues.caption.startswith("Tabel 2.6.1 ")
    top, bottom = issues.header_rows()
    grouped = [c for c in top if c.colspan > 1]
    assert len(grouped) == 1 and grouped[0].colspan == 3 and grouped[0].text.startswith("Isu Lingkungan Dinamis")
    assert [c.text for c in bottom] == ["Global", "Nasional", "Regional"]
    assert shown(issues, "isu_strategis") == \
        list(load("3_2_1_tujuan_sasaran").drop_duplicates("sasaran_no")["sasaran"].iloc[:len(data)])


def test_isu_headers_come_from_the_schema(data_copy):
    path = data_copy / "tables" / "2_6_1_isu_strategis.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(isu_global:\n    type: string\n    description: ).*", r"\1Column 'Isu Uji' - 'Dunia', as printed",
                  text)
    text = re.sub(r"(potensi:\n    type: string\n    description: ).*", r"\1Potential of the region", text)
    path.write_text(text, encoding="utf-8")
    headers = isu.issue_headers(data_copy)
    assert headers["isu_global"] == ("Isu Uji", "Dunia")
    assert headers["isu_nasional"] == ("Isu Uji", "Nasional")  # "Isu Lingkungan Dinamis ..." = the group above
    assert headers["potensi"] == ("Potensi Daerah Yang Menjadi Kewenangan PD",)  # no quote: the default


# --------------------------------------------------------------------------------------------
# Absent tables: the page says so and goes on
# --------------------------------------------------------------------------------------------


def test_without_tabel_2_3_2_the_types_are_shown_without_counts(data_copy):
    remove_table(data_copy, "2_3_2_ppks")
    view = isu.ppks_view(2025, data_copy)
    assert view.year is None and not view.counts_available
    table = isu.ppks_table(view)
    assert table.keys == ["no", "jenis", "definisi", "kriteria"]
    assert any("Tabel 2.3.2 tidak tersedia dalam data" in n for n in table.all_notes())
    chart = isu.ppks_chart(view)
    assert isinstance(chart, Notice) and "tidak tersedia dalam data" in chart.text
    assert "tidak tersedia dalam data" in draft(view).text


def test_absent_lists_show_notices(data_copy):
    for table_id in ("2_4_jenis_ppks", "2_5_jenis_psks", "2_6_permasalahan", "2_6_1_isu_strategis"):
        remove_table(data_copy, table_id)
    view = isu.ppks_view(2025, data_copy)
    items = [isu.ppks_table(view), isu.psks_table(data_copy), isu.permasalahan_table(data_copy),
             isu.isu_table(data_copy)]
    assert all(isinstance(i, Notice) and i.kind == "absent" and i.text.endswith("tidak tersedia dalam data.")
               for i in items)
    assert isu.ppks_chart(view) is None and isu.ppks_narrative(view) is None and isu.ppks_intro(view) is None
    assert isu.isu_heading(data_copy) is None
    assert "Tabel 2.3.2 tahun **2024**" in isu.page_statement(view, (2019, 2029))


# --------------------------------------------------------------------------------------------
# The notebook, from the session builds
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2022, 2025, 2029])
def test_notebook_shows_the_lists_counts_chart_and_narrative(real_build, tahun):
    nb = real_build.notebook(STEM, tahun)
    assert_clean(nb)
    text = notebook_text(nb)
    out = real_build.page_dir(STEM, tahun)
    for name in TABLES:
        assert (out / "tables" / f"{name}.csv").is_file() and (out / "tables" / f"{name}.xlsx").is_file(), name
    assert (out / "figures" / "2-4-jumlah-ppks-per-jenis.png").stat().st_size > 10_000
    assert (out / "figures" / "2-4-jumlah-ppks-per-jenis.svg").is_file()
    assert (out / "narasi" / "2-4-ppks.md").is_file()
    year = latest_count_year(tahun)
    assert year == (2021 if tahun == 2022 else 2024)
    of_year = load("2_3_2_ppks")
    of_year = of_year[of_year["tahun"] == year]
    total = float(of_year["jumlah"].sum())
    differs = abs(printed_total(year) - total) > 0.5
    assert format_number(total) + ("*" if differs else "") in text  # recomputed total, marked when it differs
    if differs:
        assert f"tercetak {format_number(printed_total(year))}" in text  # the printed one, in the note
    fakir = float(of_year.loc[of_year["jenis"] == "Fakir Miskin", "jumlah"].iloc[0])
    assert format_number(fakir) in text and format_percent(fakir / total * 100) in text
    home, window = real_build.home(STEM, tahun), real_build.window_label(STEM, tahun)
    assert f"Jumlah PPKS {year}" in text and f"tahun terakhir yang tersedia sebelum {home}" in text
    assert f"tahun laporan {home}" in text and f"berlaku untuk tahun laporan {window})" in text
    assert "Draf narasi" in text and "Kabupaten Mojokerto" in text
    assert load("2_6_1_isu_strategis")["isu_strategis"].iloc[1] in text  # Tabel 2.6.1
    assert "• " + load("2_4_jenis_ppks")["kriteria"].iloc[0].split(" | ")[0] in text  # criteria as bullets
    assert all(name in text for name in load("2_5_jenis_psks")["nama"])
    visible = real_build.visible(STEM, tahun)
    assert f"Permasalahan utama yang dihadapi {load_opd().lengkap}" in visible
    assert f"yang dibina {load_opd().singkatan} sebagai mitra strategis" in visible


def test_tahun_changes_only_the_counts(real_build):
    def read(tahun, name):
        return (real_build.page_dir(STEM, tahun) / "tables" / f"{name}.csv").read_bytes()

    for name in TABLES[1:]:
        assert read(2022, name) == read(2029, name), name
    assert read(2022, "2-4-jenis-ppks") != read(2025, "2-4-jenis-ppks")
    assert read(2025, "2-4-jenis-ppks") == read(2029, "2-4-jenis-ppks")  # both use 2024


def test_other_office_page_names_its_own_region(other_build):
    tahun = 2026
    assert_clean(other_build.notebook(STEM, tahun))
    visible = other_build.visible(STEM, tahun)
    opd = load_opd(other_build.data_dir)
    assert opd.lengkap in visible and f"PPKS di {opd.pemerintah_daerah}" in visible
    exported = pd.read_csv(other_build.page_dir(STEM, tahun) / "tables" / "2-4-jenis-ppks.csv", encoding="utf-8-sig")
    assert len(exported) == len(load("2_4_jenis_ppks", other_build.data_dir)) + 1  # the types and Jumlah



def test_words_lost_by_the_text_export_are_restored_on_display_and_listed():
    """'se anak', 'sese', 'ditelantarkan tuanya': the word 'orang' was lost; restored where the sense is
    certain, listed under the table, while the data keep the text as exported."""
    raw = " ".join(load("2_4_jenis_ppks")["definisi"].dropna())
    assert re.search(r"\bse anak\b", raw) and re.search(r"\bsese\b", raw)  # the data are as exported
    table = isu.ppks_table(isu.ppks_view(2025))
    shown = " ".join(str(v) for v in table.data["definisi"].dropna()) + " ".join(table.data["kriteria"])
    assert not re.search(r"\bse anak\b|\bsese\b|\b(ditelantarkan|oleh) tuanya\b", shown)
    assert "seorang anak" in shown and "seseorang" in shown and "ditelantarkan orang tuanya" in shown
    note = " ".join(table.notes)
    assert "\u201cse anak\u201d menjadi \u201cseorang anak\u201d" in note and "\u201csese\u201d menjadi" in note
