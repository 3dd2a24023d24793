"""The HTML renderer and stylesheet for a public website: row headers, the highlighted year marked
by more than colour, and a print stylesheet (A4 landscape, repeated headers, nothing cut off).
The browser checks of whole pages are in tests/browser/test_browser.py."""
from __future__ import annotations

import re

import pandas as pd

from helpers.present import Column, Table
from helpers.present.html import STYLESHEET, render_table
from support import visible_text


def staff_table(wide: bool = False) -> Table:
    """A synthetic staff table: a number column, a source column of repeated values, a name
    column with a group (section) header, counts."""
    df = pd.DataFrame({"no": [1, None, 2, 3, None], "sumber": ["Tabel X", "Tabel X", "Tabel X", "Tabel X", "Tabel Y"],
                       "jabatan": ["Kepala <Dinas>", "Fungsional:", "Analis", "Staf", "Jumlah"],
                       "jumlah": [1, None, 4, 5, 10], "realisasi_anggaran": [10, None, 20, 30, 60]})
    columns = [Column("no", "No", role="integer"), Column("sumber", "Sumber"), Column("jabatan", "Jabatan"),
               Column("jumlah", "Jumlah", role="integer", highlight=True),
               Column("realisasi_anggaran", "realisasi_anggaran", role="integer")]
    return Table(df, columns, caption="Tabel uji pegawai", name="uji-pegawai", section_rows=[1],
                 indent={2: 1}, wide=wide)


def body_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body)


def print_rules(css: str) -> str:
    """The body of the stylesheet's ``@media print { ... }`` block (braces matched)."""
    start = css.index("@media print{") + len("@media print{")
    depth, i = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(css[i], 0)
        i += 1
    return css[start:i - 1]


def test_the_text_column_that_names_the_rows_holds_the_row_headers():
    rows = body_rows(render_table(staff_table()))
    # "Sumber" repeats a few values: it groups the rows, "Jabatan" names them
    assert rows[0].startswith('<td class="num">1</td><td>Tabel X</td><th scope="row">Kepala &lt;Dinas&gt;</th>')
    assert '<th scope="row" class="indent-1">Analis</th>' in rows[2]  # row roles stay on the header cell
    assert '<th scope="row">Fungsional:</th>' in rows[1]  # a section row names itself too
    assert '<th scope="row">Jumlah</th>' in rows[4]
    assert all(row.count("<th") == 1 for row in rows)
    assert all(re.search(r'<td class="num[^"]*">\d*</td>$', row) for row in rows)  # numbers stay data cells


def test_a_column_blank_under_a_merged_group_cell_names_no_rows():
    df = pd.DataFrame({"tujuan": ["Tujuan A", "", ""], "indikator": ["Indikator 1", "Indikator 2", "Indikator 3"],
                       "nilai": [1, 2, 3]})
    table = Table(df, [Column("tujuan", "Tujuan"), Column("indikator", "Indikator"),
                       Column("nilai", "Nilai", role="integer")], caption="Tabel uji kelompok",
                  blank=[(1, "tujuan"), (2, "tujuan")])
    rows = body_rows(render_table(table))
    assert [re.findall(r'<th scope="row">([^<]*)</th>', row) for row in rows] == [
        ["Indikator 1"], ["Indikator 2"], ["Indikator 3"]]
    assert rows[0].startswith("<td>Tujuan A</td>") and rows[1].startswith("<td></td>")


def test_the_row_headers_prefer_distinct_names_to_figures_kept_as_text():
    df = pd.DataFrame({"baris": ["Program A", "Program B", "Program A", "Kegiatan C"],
                       "tercetak": ["1.313.627.090", "145.004.000", "7.617.603.442", "13.684.684.513"],
                       "indikator": ["Indikator 1", "Indikator 2", "Indikator 3", "Indikator 4"]})
    columns = [Column("baris", "Baris"), Column("tercetak", "Tercetak"), Column("indikator", "Indikator")]
    html = render_table(Table(df, columns, caption="Tabel uji nama"))
    assert re.findall(r'<th scope="row">([^<]*)</th>', html) == [f"Indikator {i}" for i in range(1, 5)]
    html = render_table(Table(df, columns[:2], caption="Tabel uji nama"))  # no unique name: mostly distinct
    assert re.findall(r'<th scope="row">([^<]*)</th>', html) == ["Program A", "Program B", "Program A", "Kegiatan C"]


def test_a_table_without_a_naming_column_has_no_row_headers():
    df = pd.DataFrame({"jenis": ["IKU", "IKU", "IKK", "IKU"], "nilai": [1, 2, 3, 4]})
    table = Table(df, [Column("jenis", "Jenis"), Column("nilai", "Nilai", role="integer")], caption="Tabel uji jenis")
    assert 'scope="row"' not in render_table(table)


def test_every_header_cell_has_a_scope():
    html = render_table(staff_table())
    cells = re.findall(r"<th\b[^>]*>", html)
    assert cells and all(re.search(r'scope="(col|colgroup|row)"', c) for c in cells), cells


def test_a_table_without_a_text_column_has_no_row_headers():
    table = Table(pd.DataFrame({"tahun": [2024, 2025], "nilai": [1.5, 2.5]}),
                  [Column("tahun", "Tahun", role="year"), Column("nilai", "Nilai", role="decimal", decimals=1)],
                  caption="Tabel uji angka")
    assert 'scope="row"' not in render_table(table)


def test_a_machine_key_header_may_wrap_after_its_underscores_without_changing_its_text():
    html = render_table(staff_table())
    assert "realisasi_<wbr>anggaran" in html
    assert "realisasi_anggaran" in visible_text(html.replace("<wbr>", ""))


def test_only_a_wide_table_is_marked_to_print_smaller():
    assert '<table class="renstra-tabel renstra-lebar" id="uji-pegawai">' in render_table(staff_table(wide=True))
    assert '<table class="renstra-tabel" id="uji-pegawai">' in render_table(staff_table())
    assert "table.renstra-tabel.renstra-lebar{" in print_rules(STYLESHEET)


def test_the_highlighted_column_is_marked_by_more_than_colour():
    html = render_table(staff_table())
    assert '<th scope="col" class="sorot">Jumlah</th>' in html and '<td class="num sorot">4</td>' in html
    rule = re.search(r"table\.renstra-tabel \.sorot\{([^}]*)\}", STYLESHEET).group(1)
    assert "font-weight:bold" in rule and re.search(r"border-left:2px solid #[0-9a-f]{3}\b", rule), rule
    hidden = re.search(r"thead th\.sorot::after\{([^}]*)\}", STYLESHEET).group(1)
    assert 'content:" (disorot)"' in hidden and "clip" in hidden and "display:none" not in hidden


def test_the_print_stylesheet_prints_a4_landscape_with_repeated_headers_and_nothing_cut_off():
    assert re.search(r"@page\{size:A4 landscape;margin:[^}]+\}", STYLESHEET)
    rules = print_rules(STYLESHEET)
    assert "table.renstra-tabel thead{display:table-header-group}" in rules
    assert re.search(r"table\.renstra-tabel\{width:100%;font-size:\d+pt\}", rules)  # shrink to the page width
    assert ".renstra-gulir{overflow:visible;max-width:none}" in rules  # no clipped scroll box on paper
    assert "min-width:0 !important" in rules and "overflow-wrap:break-word" in rules
    assert re.search(r"tr\{break-inside:avoid", rules)
    # the screen's minimum widths would push a wide table past the right edge of the paper
    assert "min-width:18em" in STYLESHEET and "min-width:18em" not in rules
