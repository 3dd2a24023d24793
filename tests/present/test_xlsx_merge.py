"""The year workbook merged from one-sheet workbooks reads back exactly as one written in one pass."""
from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest

from helpers.present import Column, Table
from helpers.present.table import Mark
from helpers.present.xlsx import (INDEX_SHEET, LINK, _workbook_bytes, _write, fill_sheet, sheet_members,
                                  sheet_name_of, write_workbook)
from helpers.present.xlsx_merge import MergeError, members_of, merge_workbooks
from present.test_docx import narrow_table
from present.test_table import plan_table


def wide_table() -> Table:
    """An evaluation-like form: more than twelve columns, leading text columns frozen, a highlighted
    year, a corrected cell, an indented row, English-style text that looks like a formula."""
    keys = [f"k{y}" for y in range(2025, 2030)] + [f"rp{y}" for y in range(2025, 2030)]
    df = pd.DataFrame({"kode": ["1", "1.1"], "uraian": ["Program", "=Kegiatan"], "satuan": ["%", "orang"],
                       **{k: [1.5 * i, None] for i, k in enumerate(keys)}, "catatan": ["-", "ada"]})
    columns = ([Column("kode", "Kode", role="code"), Column("uraian", "Uraian", wide=True),
                Column("satuan", "Satuan")]
               + [Column(k, ("Target", k[-4:], "K" if k[0] == "k" else "Rp"),
                         role="percent" if k[0] == "k" else "rupiah", decimals=2, highlight=k.endswith("2027"))
                  for k in keys] + [Column("catatan", "Catatan", role="multiline")])
    return Table(df, columns, caption="Tabel 3.1 Uji lebar", number="3.1", indent={1: 1}, bold_rows=[0],
                 marks={(0, "k2026"): Mark(printed="1,4", note="uji")})


ENTRIES = [(plan_table(), "Bab IV"), (narrow_table(), "Bab II"), (wide_table(), "Bab III"), (plan_table(), "Bab IV")]


def one_pass(entries, path, title: str) -> None:
    """The workbook as XlsxWriter writes it in one pass (how the year workbook was written before
    its sheets were kept): the reference the merged workbook must equal."""
    def build(wb, formats) -> None:
        index = wb.add_worksheet(INDEX_SHEET)
        index.write_string(0, 0, title, formats(bold=True, font_size=12))
        for j, heading in enumerate(("No", "Lembar", "Tabel", "Bagian")):
            index.write_string(2, j, heading, formats(bold=True))
        wrap = formats(text_wrap=True, valign="top")
        used = {INDEX_SHEET}
        for k, (table, part) in enumerate(entries, start=1):
            name = sheet_name_of(table, used)
            ws = wb.add_worksheet(name)
            fill_sheet(ws, table, formats)
            index.write_number(2 + k, 0, k)
            index.write_url(2 + k, 1, f"internal:'{name}'!A1", formats(**LINK), string=name)
            _write(index, 2 + k, 2, table.caption, wrap)
            _write(index, 2 + k, 3, part)
            ws.write_url(0, len(table.columns) + 1, f"internal:'{INDEX_SHEET}'!A1", formats(**LINK),
                         string="Kembali ke Daftar Tabel")
        for j, width in enumerate((5, 14, 90, 40)):
            index.set_column(j, j, width)
        index.freeze_panes(3, 0)

    path.write_bytes(_workbook_bytes(build))


def read_back(path) -> dict:
    """What a reader of the workbook sees, sheet by sheet: every cell's value, format, font, fill,
    alignment, border, comment and link; merges, frozen panes, print titles, filter, widths, page."""
    wb = openpyxl.load_workbook(path)
    seen = {"sheets": wb.sheetnames, "selected": [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected]}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                font, align = c.font, c.alignment
                cells[c.coordinate] = (c.value, c.data_type, c.number_format, font.b, font.i, font.u, font.sz,
                                       font.color.rgb if font.color else None, c.fill.fill_type,
                                       c.fill.fgColor.rgb if c.fill.fill_type else None, align.horizontal,
                                       align.vertical, align.wrap_text, align.indent, c.border.left.style,
                                       c.border.left.color.rgb if c.border.left.color else None,
                                       c.comment.text if c.comment else None,
                                       c.hyperlink.location if c.hyperlink else None)
        seen[ws.title] = {"cells": cells, "merged": sorted(map(str, ws.merged_cells.ranges)),
                          "freeze": ws.freeze_panes, "titles": (ws.print_title_rows, ws.print_title_cols),
                          "filter": ws.auto_filter.ref,
                          "widths": {k: v.width for k, v in ws.column_dimensions.items()},
                          "page": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToHeight,
                                   ws.page_margins.left, ws.page_margins.top)}
    return seen


def test_merged_workbook_reads_back_as_the_one_written_in_one_pass(tmp_path):
    one_pass(ENTRIES, tmp_path / "satu.xlsx", "Tabel uji")
    write_workbook(ENTRIES, tmp_path / "gabung.xlsx", title="Tabel uji")
    reference, merged = read_back(tmp_path / "satu.xlsx"), read_back(tmp_path / "gabung.xlsx")
    assert merged["sheets"] == [INDEX_SHEET, "T4.1", "T2.3.2", "T3.1", "T4.1 (2)"]
    assert merged["selected"] == [INDEX_SHEET]
    for name in reference["sheets"]:
        assert merged[name] == reference[name], name
    assert merged["T4.1"]["cells"]["D4"][-2].startswith("tercetak 13.684.684.513")  # the comment is there
    assert merged["T3.1"]["cells"]["B6"][:2] == ("=Kegiatan", "s")  # text, never a formula


def test_comment_shapes_and_defined_names_are_numbered_across_the_workbook(tmp_path):
    path = write_workbook(ENTRIES, tmp_path / "tabel.xlsx", title="Tabel uji")
    members = members_of(path.read_bytes())
    drawings = sorted(n for n in members if n.startswith("xl/drawings/vmlDrawing"))
    assert len(drawings) == 3  # the three sheets with a corrected cell
    shapes = [s for n in drawings for s in re.findall(rb'id="_x0000_s(\d+)"', members[n])]
    blocks = [re.search(rb'data="([\d,]+)"', members[n]).group(1) for n in drawings]
    assert len(set(shapes)) == len(shapes) and len(set(blocks)) == len(blocks)
    names = re.findall(rb'<definedName name="([^"]+)" localSheetId="(\d+)"', members["xl/workbook.xml"])
    assert sorted(set(int(k) for _, k in names)) == [1, 2, 3, 4]  # each table sheet its own filter and titles
    types = members["[Content_Types].xml"]
    assert all(f"/xl/worksheets/sheet{k}.xml".encode() in types for k in range(1, 6))
    assert b'Extension="vml"' in types and types.count(b"comments+xml") == 3


def test_a_sheet_written_once_gives_the_same_workbook_bytes(tmp_path):
    kept: dict = {}

    def sheet(table, name):
        return kept.setdefault((id(table), name), sheet_members(table, name))

    first = write_workbook(ENTRIES, tmp_path / "a.xlsx", title="x", sheet=sheet).read_bytes()
    assert write_workbook(ENTRIES, tmp_path / "b.xlsx", title="x", sheet=sheet).read_bytes() == first
    assert write_workbook(ENTRIES, tmp_path / "c.xlsx", title="x").read_bytes() == first


def test_a_part_the_merge_does_not_renumber_is_refused():
    book = sheet_members(plan_table(), "T4.1")
    with pytest.raises(MergeError, match="xl/media/image1.png"):
        merge_workbooks([book, {**book, "xl/media/image1.png": b"\x89PNG"}])
    with pytest.raises(MergeError, match="tidak ada lembar"):
        merge_workbooks([])
