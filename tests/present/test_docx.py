"""The Word renderer and the year workbook, read back as a planner's Word and Excel would read them."""
from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pandas as pd
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from helpers.present import Column, Table
from helpers.present.docx import (DocxSettings, SettingsError, Writer, add_toc, document_bytes, load_settings,
                                  markdown_blocks, needs_landscape, new_document, plain_text)
from helpers.present.xlsx import write_workbook
from present.test_table import plan_table


def narrow_table() -> Table:
    df = pd.DataFrame({"jenis": ["Anak terlantar", "Lansia", "Jumlah"], "n": [12, 1234567, 1234579],
                       "persen": [0.97, 99.03, 100.0]})
    return Table(df, [Column("jenis", "Jenis"), Column("n", "Jumlah", role="integer"),
                      Column("persen", "Persentase", role="percent", decimals=2)],
                 caption="Tabel 2.3.2 Jumlah PPKS", bold_rows=[2])


def read_back(document) -> docx.document.Document:
    return docx.Document(io.BytesIO(document_bytes(document)))


def body_items(document):
    """``(kind, element, landscape)`` of the body in order: the orientation of each element's section."""
    body = document.element.body
    items, pending = [], []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            pending.append(("table", child))
        elif child.tag == qn("w:p"):
            pending.append(("p", child))
            sect = child.find(qn("w:pPr") + "/" + qn("w:sectPr"))
            if sect is not None:
                items += [(k, e, _is_landscape(sect)) for k, e in pending]
                pending = []
        elif child.tag == qn("w:sectPr"):
            items += [(k, e, _is_landscape(child)) for k, e in pending]
    return items


def _is_landscape(sect) -> bool:
    size = sect.find(qn("w:pgSz"))
    return size.get(qn("w:orient")) == "landscape" or int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))


def test_table_cells_header_repeat_and_merges():
    document = new_document(DocxSettings())
    Writer(document, DocxSettings()).table(plan_table())
    back = read_back(document)
    table = back.tables[0]
    rows = table.rows
    # Two header rows, both marked to repeat on every printed page; body rows never split.
    for row in rows[:2]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert rows[2]._tr.trPr.find(qn("w:tblHeader")) is None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    first = rows[0]._tr.findall(qn("w:tc"))
    spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in first]
    assert [int(s.get(qn("w:val"))) if s is not None else 1 for s in spans] == [1, 1, 2, 2, 1]
    merged = [tc.tcPr.find(qn("w:vMerge")) for tc in first]
    assert [m is not None and m.get(qn("w:val")) == "restart" for m in merged] == [True, True, False, False, True]
    # The body shows exactly the model's text (the same as the HTML page), numbers right-aligned.
    model = plan_table()
    for i in range(model.n_rows):
        assert [c.text for c in rows[2 + i].cells] == [model.cell_text(i, c) for c in model.columns]
    cell = rows[4].cells[3]
    assert cell.text == "5.830.362.584" and cell.paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    assert rows[4].cells[1].paragraphs[0].alignment in (None, 0)  # text stays left
    # The corrected cell is shaded and marked; its printed value is in the notes under the table.
    marked = rows[2]._tr.findall(qn("w:tc"))[3]
    assert marked.tcPr.find(qn("w:shd")) is not None and rows[2].cells[3].text.endswith("*")
    notes = " ".join(p.text for p in back.paragraphs)
    assert "tercetak 13.684.684.513" in notes and "Sumber: Renstra, Tabel 4.1" in notes
    captions = [p for p in back.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == ["Tabel 4.1 Rencana Program"]
    assert captions[0]._p.getnext().tag == qn("w:tbl")  # the caption sits right above its table


def test_wide_tables_sit_in_landscape_sections_and_narrow_ones_in_portrait():
    settings = DocxSettings()
    document = new_document(settings)
    writer = Writer(document, settings)
    writer.table(narrow_table())
    writer.table(plan_table())  # wide=True column and a wide flag would both do: the model says wide
    writer.table(narrow_table())
    tables = [(e, landscape) for kind, e, landscape in body_items(read_back(document)) if kind == "table"]
    assert [landscape for _, landscape in tables] == [False, needs_landscape(plan_table(), settings), False]
    assert needs_landscape(Table(plan_table().data, plan_table().columns, caption="x", wide=True), settings)
    assert not needs_landscape(narrow_table(), settings)


def test_paper_margins_and_fonts_are_settings(tmp_path):
    (tmp_path / "lampiran.yaml").write_text("kertas: F4\nmargin_kiri_mm: 30\nhuruf: Bookman Old Style\n"
                                            "ukuran_huruf_tabel: 9\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.paper == "F4" and settings.margin_left == 30 and settings.table_font_size == 9
    back = read_back(new_document(settings))
    section = back.sections[0]
    assert round(section.page_width.mm) == 215 and round(section.page_height.mm) == 330
    assert round(section.left_margin.mm) == 30
    assert back.styles["Normal"].font.name == "Bookman Old Style"
    default = read_back(new_document(load_settings(tmp_path / "none")))
    assert round(default.sections[0].page_width.mm) == 210 and default.sections[0].orientation == WD_ORIENT.PORTRAIT
    writer_doc = new_document(settings)
    Writer(writer_doc, settings).table(narrow_table())
    sizes = {r.get(qn("w:val")) for r in read_back(writer_doc).tables[0]._tbl.iter(qn("w:sz"))}
    assert sizes == {"18"}  # 9 pt in half points


@pytest.mark.parametrize("text, message", [("kertas: A3\n", "kertas = 'A3'"), ("ukuran: 9\n", "kunci 'ukuran' tidak dikenal"),
                                           ("margin_atas_mm: banyak\n", "margin_atas_mm = 'banyak' bukan angka"),
                                           ("margin_kiri_mm: 90\n", "margin_kiri_mm = 90.0; margin harus"),
                                           ("ukuran_huruf_tabel: 30\n", "ukuran_huruf_tabel = 30.0"),
                                           ("- a\n", "kunci: nilai")])
def test_bad_settings_name_the_file_and_key(tmp_path, text, message):
    (tmp_path / "lampiran.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=message) as error:
        load_settings(tmp_path)
    assert "lampiran.yaml" in str(error.value)


def test_toc_field_is_filled_by_word_on_opening_and_figures_carry_alt_text(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    png = tmp_path / "f.png"
    fig.savefig(png, dpi=200)
    plt.close(fig)
    settings = DocxSettings()
    document = new_document(settings)
    add_toc(document, "Daftar isi")
    Writer(document, settings).figure(png, "Gambar 2.1 Uji", "Batang b dua kali batang a.")
    data = document_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        settings_xml = archive.read("word/settings.xml").decode()
    assert 'TOC \\o "1-2"' in body and 'w:dirty="true"' in body
    assert "updateFields" in settings_xml
    back = docx.Document(io.BytesIO(data))
    doc_pr = back.inline_shapes[0]._inline.docPr
    assert doc_pr.get("descr") == "Batang b dua kali batang a."
    assert back.paragraphs[-1].text == "Gambar 2.1 Uji" and back.paragraphs[-1].style.name == "Caption"


def test_same_document_gives_the_same_bytes(monkeypatch):
    def build():
        document = new_document(DocxSettings(), title="Uji")
        Writer(document, DocxSettings()).table(plan_table())
        return document_bytes(document)

    first = build()
    assert build() == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    later = build()
    assert later != first
    with zipfile.ZipFile(io.BytesIO(later)) as archive:
        assert "2026-01-01T00:00:00Z" in archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_narrative_markdown_becomes_plain_word_paragraphs():
    text = ("Jumlah PPKS **menurun** menjadi 1.234 jiwa\\*.\n\n- butir satu\n- butir *dua*\n\n"
            "1. langkah\n\n> kutipan dokumen\n\nA &amp; B www\u2060.contoh")
    blocks = markdown_blocks(text)
    assert [kind for kind, _ in blocks] == ["paragraph", "bullet", "bullet", "number", "quote", "paragraph"]
    assert plain_text(blocks[-1][1]) == "A & B www.contoh"
    document = new_document(DocxSettings())
    Writer(document, DocxSettings()).markdown(text)
    back = read_back(document)
    paragraphs = [p for p in back.paragraphs if p.text]
    assert paragraphs[0].text == "Jumlah PPKS menurun menjadi 1.234 jiwa*."
    assert [r.bold for r in paragraphs[0].runs if r.text == "menurun"] == [True]
    assert paragraphs[1].style.name == "List Bullet" and paragraphs[3].style.name == "List Number"
    assert "**" not in "".join(p.text for p in paragraphs) and "\\" not in "".join(p.text for p in paragraphs)


def test_workbook_has_an_index_and_one_formatted_sheet_per_table(tmp_path):
    path = write_workbook([(plan_table(), "Bab IV"), (narrow_table(), "Bab II"), (narrow_table(), "Bab II")],
                          tmp_path / "tabel.xlsx", title="Tabel uji")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Daftar Tabel", "T4.1", "T2.3.2", "T2.3.2 (2)"]
    index = wb["Daftar Tabel"]
    links = [index.cell(row=r, column=2).hyperlink.location for r in range(4, 7)]
    assert links == ["'T4.1'!A1", "'T2.3.2'!A1", "'T2.3.2 (2)'!A1"]
    assert index.cell(row=4, column=3).value == "Tabel 4.1 Rencana Program"
    sheet = wb["T4.1"]
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref.startswith("A3:")
    assert sheet.print_title_rows == "$2:$3" and sheet.page_setup.orientation == "landscape"
    # one page wide, any number of pages tall (fitToWidth 1 is the OOXML default, which XlsxWriter leaves implicit)
    assert (sheet.page_setup.fitToWidth or 1) == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.paperSize == 9
    assert {str(r) for r in sheet.merged_cells.ranges} >= {"C2:D2", "E2:F2", "A2:A3"}
    value = sheet.cell(row=6, column=4)
    assert value.value == 5830362584 and value.number_format == "#,##0"
    assert sheet.cell(row=5, column=3).number_format == "#,##0.00"
    assert sheet.cell(row=4, column=4).comment.text.startswith("tercetak 13.684.684.513")
    back = sheet.cell(row=1, column=len(plan_table().columns) + 2)
    assert back.hyperlink.location == "'Daftar Tabel'!A1"
    assert write_workbook([(plan_table(), "Bab IV")], tmp_path / "a.xlsx", title="x").read_bytes() == \
        write_workbook([(plan_table(), "Bab IV")], tmp_path / "b.xlsx", title="x").read_bytes()


def test_table_record_round_trip_keeps_every_attribute():
    table = plan_table()
    table.cell_text(0, table.columns[0])  # renderers may cache private state; every public attribute is recorded
    public = {name for name in vars(table) if not name.startswith("_")}
    assert public == set(Table.RECORDED), "a new Table attribute must be written by to_record()"
    back = Table.from_record(table.to_record())
    for name in Table.RECORDED:
        if name != "data":
            assert getattr(back, name) == getattr(table, name), name
    for i in range(table.n_rows):
        assert [back.cell_text(i, c) for c in back.columns] == [table.cell_text(i, c) for c in table.columns]
    assert back.header_rows() == table.header_rows()
    assert back.all_notes() == table.all_notes()
