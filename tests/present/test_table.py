"""The table model and its renderers: one description, the same cells in HTML, XLSX and CSV."""
from __future__ import annotations

import csv
import re

import openpyxl
import pandas as pd
import pytest

from helpers.present import Column, Mark, Notice, Table, unavailable
from helpers.present.html import STYLESHEET, render_notice, render_table
from helpers.present.table import HeaderCell
from helpers.present.xlsx import write_csv, write_xlsx
from support import visible_text


def plan_table() -> Table:
    df = pd.DataFrame({
        "kode": ["2.08", "2.08.02", "2.08.02.2.01"],
        "uraian": ["PPPA", "Program Perlindungan", "Sub kegiatan"],
        "t25": [None, 42.0, 40.5], "rp25": [13924684513, 240000000, 5830362584],
        "t26": [None, 40.0, 38.25], "rp26": [1, 2, 3],
        "nilai": ["BB", 71.3, 5.0],
    })
    columns = [Column("kode", "Kode", role="code"), Column("uraian", "Uraian", wide=True),
               Column("t25", ("Tahun 2025", "Target"), role="decimal", decimals=2, highlight=True),
               Column("rp25", ("Tahun 2025", "Rp"), role="rupiah", highlight=True),
               Column("t26", ("Tahun 2026", "Target"), role="decimal", decimals=2),
               Column("rp26", ("Tahun 2026", "Rp"), role="rupiah"),
               Column("nilai", "Nilai", role="mixed", decimals=(0, 2, 0))]
    return Table(df, columns, caption="Tabel 4.1 Rencana Program", name="4-1-uji", bold_rows=[0],
                 section_rows=[0], indent={1: 1, 2: 2}, notes=["Catatan uji."], source="Renstra, Tabel 4.1",
                 marks={(0, "rp25"): Mark(printed="13.684.684.513")})


def test_header_rows_merge_shared_prefixes_and_span_short_paths():
    rows = plan_table().header_rows()
    assert [(c.text, c.colspan, c.rowspan) for c in rows[0]] == [
        ("Kode", 1, 2), ("Uraian", 1, 2), ("Tahun 2025", 2, 1), ("Tahun 2026", 2, 1), ("Nilai", 1, 2)]
    assert [(c.text, c.colspan, c.rowspan) for c in rows[1]] == [("Target", 1, 1), ("Rp", 1, 1)] * 2
    assert all(isinstance(c, HeaderCell) for row in rows for c in row)


def test_cell_text_formats_each_role_in_indonesian_style():
    t = plan_table()
    col = {c.key: c for c in t.columns}
    assert t.cell_text(0, col["rp25"]) == "13.924.684.513*"
    assert t.cell_text(2, col["rp25"]) == "5.830.362.584"
    assert t.cell_text(2, col["t26"]) == "38,25"
    assert t.cell_text(0, col["t25"]) == ""  # an empty number in a section row is blank, not "-"
    assert t.cell_text(1, col["nilai"]) == "71,30" and t.cell_text(0, col["nilai"]) == "BB"
    assert t.cell_text(2, col["nilai"]) == "5"


def test_marks_carry_the_printed_value_into_the_notes():
    notes = plan_table().all_notes()
    assert notes[0] == "Catatan uji."
    assert "tercetak 13.684.684.513" in notes[1] and notes[1].startswith("*) dihitung ulang")


def test_html_has_scoped_merged_headers_row_roles_and_no_stylesheet():
    html = render_table(plan_table())
    assert '<th scope="colgroup" colspan="2">Tahun 2025</th>' in html
    assert '<th scope="col" rowspan="2">Kode</th>' in html
    assert 'class="total subjudul"' in html and "indent-2" in html
    assert 'class="num sorot beda" title="tercetak 13.684.684.513"' in html
    assert "<style" not in html and html.startswith('<div class="renstra-gulir"')
    assert "Sumber: Renstra, Tabel 4.1" in visible_text(html)


def test_the_stylesheet_is_the_only_css_and_defines_every_class_the_renderer_uses():
    html = render_table(plan_table()) + render_notice(Notice("x"))
    used = set(re.findall(r'class="([^"]+)"', html))
    classes = {c for group in used for c in group.split()}
    for name in classes - {"info"}:
        assert f".{name}" in STYLESHEET, name


def test_xlsx_stores_numbers_with_formats_merges_headers_and_comments_marks(tmp_path):
    t = plan_table()
    path = write_xlsx(t, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws.title == "T4.1"
    assert ws["A1"].value == "Tabel 4.1 Rencana Program"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3"} <= merged
    assert ws["D4"].value == 13924684513 and ws["D4"].number_format == "#,##0"
    assert ws["C5"].value == 42.0 and ws["C5"].number_format == "#,##0.00"
    assert ws["D4"].comment is not None and "tercetak 13.684.684.513" in ws["D4"].comment.text
    assert ws["G4"].value == "BB" and ws["G5"].value == 71.3
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:G6"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$2:$3"
    assert ws["A4"].font.bold and ws["B6"].alignment.indent == 2


def test_xlsx_bytes_are_reproducible(tmp_path):
    first = write_xlsx(plan_table(), tmp_path / "a.xlsx").read_bytes()
    second = write_xlsx(plan_table(), tmp_path / "b.xlsx").read_bytes()
    assert first == second


def test_csv_is_machine_readable_without_float_noise(tmp_path):
    path = write_csv(plan_table(), tmp_path / "t.csv")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["kode", "uraian", "t25", "rp25", "t26", "rp26", "nilai"]
    assert rows[1][3] == "13924684513" and rows[3][3] == "5830362584"
    assert rows[2][4] == "40.00" and rows[3][4] == "38.25" and rows[1][2] == ""
    assert rows[2][6] == "71.30" and rows[1][6] == "BB"


def test_kinds_shortcut_and_unknown_columns():
    df = pd.DataFrame({"Jenis": ["a"], "Jumlah": [3], "Rasio": [95.184]})
    t = Table(df, caption="Tabel 2.3.2 Uji", kinds={"Rasio": "dec2"})
    assert [c.role for c in t.columns] == ["text", "integer", "decimal"]
    assert t.cell_text(0, t.columns[2]) == "95,18" and t.number == "2.3.2"
    with pytest.raises(ValueError, match="not in the data"):
        Table(df, [Column("Tidak ada", "x")], caption="x")
    with pytest.raises(ValueError, match="unknown role"):
        Column("Jumlah", role="uang")


def test_unavailable_names_the_table():
    notice = unavailable("Tabel 2.2.5 (daftar inventaris)")
    assert notice.text == "Tabel 2.2.5 (daftar inventaris) tidak tersedia dalam data."
    assert "tidak tersedia dalam data" in visible_text(render_notice(notice))


def test_every_text_a_reader_sees_uses_the_corrected_term_and_the_printed_quote_stays(tmp_path):
    """The document's typos ("Rasi Kekerasan", "Ratio") are corrected once, in the model, for every
    product: cells (shown or not), headers, caption, notes, source, symbols; a figure's caption and alt
    and a chart label. The quote of what the document printed (``Mark.printed``) stays verbatim."""
    from helpers.present import Figure, plain

    df = pd.DataFrame({"no": [5, 6], "indikator": ["Rasi Kekerasan Terhadap Anak", "Ratio Kekerasan terhadap anak"],
                       "nilai": [42.0, 45.29], "asal": ["Ratio Kekerasan", None]})
    columns = [Column("no", "No", role="code"), Column("indikator", ("Ratio Kekerasan", "Indikator")),
               Column("nilai", "Nilai", role="decimal", decimals=2)]
    table = Table(df, columns, caption="Tabel 4.5.1 Ratio Kekerasan", notes=["Rasi Kekerasan Terhadap Anak: catatan."],
                  source="Ratio Kekerasan", symbols={(1, "nilai"): "Ratio"},
                  marks={(0, "indikator"): Mark(printed="Rasi Kekerasan Terhadap Anak")})
    assert df.at[0, "indikator"] == "Rasi Kekerasan Terhadap Anak"      # the page's frame is left as it was
    shown = [table.cell_text(i, columns[1], with_mark=False) for i in range(2)]
    assert shown == ["Rasio Kekerasan Terhadap Anak", "Rasio Kekerasan terhadap anak"]
    assert table.cell_text(1, columns[2]) == "Rasio" and table.columns[1].path == ("Rasio Kekerasan", "Indikator")
    assert (table.caption, table.source, table.notes) == ("Tabel 4.5.1 Rasio Kekerasan", "Rasio Kekerasan",
                                                          ["Rasio Kekerasan Terhadap Anak: catatan."])
    assert "tercetak Rasi Kekerasan Terhadap Anak" in table.all_notes()[-1]   # the printed quote, verbatim
    record = table.to_record()
    recorded = repr({k: v for k, v in record.items() if k != "marks"})
    assert "Ratio" not in recorded and "Rasi " not in recorded and record["marks"][0][2].startswith("Rasi ")
    assert "Rasi Kekerasan" not in repr(Table.from_record(record).data.values.tolist())
    html = render_table(table)
    assert "Ratio" not in html and html.count("tercetak Rasi Kekerasan") == html.count("Rasi Kekerasan") == 2
    text = write_csv(table, tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert "Rasio Kekerasan Terhadap Anak" in text and "Ratio" not in text and "Rasi " not in text
    ws = openpyxl.load_workbook(write_xlsx(table, tmp_path / "t.xlsx")).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Rasio Kekerasan Terhadap Anak" in cells and not [c for c in cells if "Ratio" in c]
    figure = Figure(None, "uji", caption="Ratio Kekerasan", alt="Rasi Kekerasan Terhadap Anak: 42")
    assert (figure.caption, figure.alt) == ("Rasio Kekerasan", "Rasio Kekerasan Terhadap Anak: 42")
    assert plain("Rasi Kekerasan Terhadap Anak") == "Rasio Kekerasan Terhadap Anak" and plain("Rp$1$") == "Rp$1$"
