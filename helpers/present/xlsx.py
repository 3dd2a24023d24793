"""XLSX and CSV renderers of the table model.

:func:`fill_sheet` writes one table into a worksheet in one pass: caption, merged multi-row
header, numbers stored as numbers with display formats (``#,##0``, ``#,##0.00``: Excel shows
them with the reader's locale separators, so an Indonesian Windows shows ``1.234.567,89``),
bold totals, italic sections, indents, the highlighted reporting year, corrected cells filled
and commented with the printed value, notes and source, a frozen header (and, for a wide form
with many columns, its leading row labels: :func:`frozen_columns`), an autofilter and a
landscape print setup fitted to the page width. :func:`write_xlsx` writes a one-table workbook; a workbook of many
tables calls :func:`fill_sheet` once per sheet. The file is never reopened to be patched.

The files are new, so they are written with XlsxWriter (several times faster than openpyxl for
a table, docs/build.md); openpyxl stays where a workbook is read or edited (the realisation
template and its import).

:func:`write_csv` writes the machine-readable CSV: UTF-8 (with BOM, so Excel opens it right),
comma-separated, dot decimals, integers without ``.0``.

Text cells that start like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) are written as text,
never as formulas.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import os
from pathlib import Path

from helpers.core import files
from helpers.core.text import is_na
from helpers.present.style import HIGHLIGHT, MARK_FILL
from helpers.present.table import Column, Table

#: Display formats per role; decimals are added per column (``#,##0.00`` for two places).
INTEGER_FORMAT = "#,##0"
YEAR_FORMAT = "0"
#: Workbook timestamps: fixed (``SOURCE_DATE_EPOCH`` when set), so the same table gives the same bytes.
DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z


def build_time() -> _dt.datetime:
    """The timestamp written into generated documents: ``$SOURCE_DATE_EPOCH`` or 2000-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else DEFAULT_EPOCH
    return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).replace(tzinfo=None)


def number_format(column: Column, row: int) -> str:
    if column.role == "year":
        return YEAR_FORMAT
    decimals = 0 if column.role in ("integer", "rupiah") else column.decimals_for(row)
    return INTEGER_FORMAT + ("." + "0" * decimals if decimals > 0 else "")


def safe_text(text: str) -> str:
    """Text that a spreadsheet will not read as a formula (OWASP CSV injection guidance)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number_text(text) else text


def _is_number_text(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def cell_value(table: Table, row: int, column: Column):
    """What a spreadsheet cell holds: a number for numbers, text otherwise, None when empty."""
    if table.is_blank(row, column):
        return None
    value = table.value(row, column)
    if is_na(value):
        # a text shown in place of a missing number (a predikat beside averages) is written as text
        symbol = table.symbols.get((row, column.key))
        return symbol if symbol not in (None, "") else None
    if column.numeric and not isinstance(value, str) and column.role != "grade":
        number = float(value)
        return int(round(number)) if column.role in ("integer", "rupiah", "year") else number
    return str(value)


def _excel_sheet_name(text: str, used: set[str]) -> str:
    name = "".join("_" if ch in '[]:*?/\\' else ch for ch in text)[:31] or "Tabel"
    base, k = name, 2
    while name in used:
        suffix = f" ({k})"
        name, k = base[:31 - len(suffix)] + suffix, k + 1
    used.add(name)
    return name


#: A wide table with more columns than this keeps its leading row labels in view (frozen panes,
#: printed on every page), at most :data:`FROZEN_COLUMNS_MAX` of them.
FROZEN_COLUMNS_FROM = 12
FROZEN_COLUMNS_MAX = 4


def frozen_columns(table: Table) -> int:
    """How many leading columns stay in view: for a wide table of more than
    :data:`FROZEN_COLUMNS_FROM` columns (an evaluation form with K/Rp pairs per year), its leading
    text and code columns (kode, uraian, indikator, satuan), at most :data:`FROZEN_COLUMNS_MAX`;
    0 for any other table (only the header rows are frozen)."""
    if not table.wide or len(table.columns) <= FROZEN_COLUMNS_FROM:
        return 0
    lead = 0
    for column in table.columns[:FROZEN_COLUMNS_MAX]:
        if column.role not in ("text", "code", "multiline"):
            break
        lead += 1
    return lead


BORDER = {"border": 1, "border_color": "#999999"}
LINK = {"font_color": "#0B4F9C", "underline": 1}


class _Formats:
    """One xlsxwriter format per distinct look of a workbook (formats belong to their workbook)."""

    def __init__(self, wb):
        self.wb = wb
        self._made: dict[tuple, object] = {}

    def __call__(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self.wb.add_format(props)
        return self._made[key]


def _write(ws, row: int, col: int, value, fmt=None) -> None:
    """Write one cell (0-based): numbers as numbers, text always as text (never a formula)."""
    if value is None or value == "":
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    else:
        ws.write_number(row, col, value, fmt)


def fill_sheet(ws, table: Table, formats: _Formats) -> None:
    """Write ``table`` into the empty worksheet ``ws`` (one pass, see the module docstring)."""
    highlight = {"pattern": 1, "bg_color": HIGHLIGHT.upper()}
    marked = {"pattern": 1, "bg_color": MARK_FILL.upper()}
    ncols = len(table.columns)

    ws.write_string(0, 0, table.caption, formats(bold=True))
    header = table.header_rows()
    top = 1  # 0-based row of the first header row (spreadsheet row 2)
    # Header: a grid of merged cells computed by the model.
    occupied: set[tuple[int, int]] = set()
    for level, cells in enumerate(header):
        r = top + level
        c = 0
        for cell in cells:
            while (r, c) in occupied:
                c += 1
            lit = cell.column is not None and cell.column.highlight
            fill = highlight if lit else {"pattern": 1, "bg_color": "#EEEEEE"}
            fmt = formats(bold=True, align="center", valign="vcenter", text_wrap=True, **fill, **BORDER)
            occupied.update((rr, cc) for rr in range(r, r + cell.rowspan) for cc in range(c, c + cell.colspan))
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_range(r, c, r + cell.rowspan - 1, c + cell.colspan - 1, "", fmt)
            _write(ws, r, c, cell.text, fmt)
            c += cell.colspan
    first = top + len(header)  # 0-based row of the first data row
    text_column = next((c for c in table.columns if c.role in ("text", "multiline")), None)
    for i in range(table.n_rows):
        r = first + i
        bold, italic = i in table.bold_rows, i in table.section_rows
        for j, column in enumerate(table.columns):
            value = cell_value(table, i, column)
            mark = table.mark(i, column)
            props = dict(BORDER, align="right" if column.numeric else "left", valign="top")
            if isinstance(value, (int, float)):
                props["num_format"] = number_format(column, i)
            if column.role == "multiline" or column.wide:
                props["text_wrap"] = True
            indent = table.indent.get(i, 0) if column is text_column else 0
            if indent:
                props["indent"] = indent
            if bold:
                props["bold"] = True
            if italic:
                props["italic"] = True
            if mark is not None:
                props.update(marked, underline=1)
            elif column.highlight or i in table.highlight_rows:
                props.update(highlight)
            _write(ws, r, j, value, formats(**props))
            if mark is not None:
                text = f"tercetak {mark.printed}" if mark.printed else "berbeda dengan angka tercetak"
                ws.write_comment(r, j, text + (f" ({mark.note})" if mark.note else ""), {"author": "renstra"})
    r = first + table.n_rows + 1
    for note in table.all_notes():
        _write(ws, r, 0, note)
        r += 1
    if table.source:
        _write(ws, r, 0, f"Sumber: {table.source}")
    for j, column in enumerate(table.columns):
        texts = [table.cell_text(i, column) for i in range(table.n_rows)]
        width = max([len(column.heading)] + [max((len(t) for t in s.split("\n")), default=0) for s in texts])
        limit = 60 if (column.wide or column.role == "multiline") else 40
        ws.set_column(j, j, min(limit, max(8, width + 2)))
    last_header = first - 1
    lead = frozen_columns(table)
    ws.freeze_panes(first, lead)
    if lead:
        ws.repeat_columns(0, lead - 1)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    if table.n_rows:
        ws.autofilter(last_header, 0, first + table.n_rows - 1, ncols - 1)
    ws.repeat_rows(top, last_header)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)


def _workbook_bytes(build) -> bytes:
    """A new workbook filled by ``build(wb, formats)``, with fixed metadata (reproducible bytes)."""
    import xlsxwriter

    buffer = io.BytesIO()
    stamp = build_time()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                      "strings_to_urls": False})
    wb.set_properties({"author": "renstra", "created": stamp})
    build(wb, _Formats(wb))
    wb.close()  # in memory, XlsxWriter dates every member 1980-01-01 and the core dates ``created``
    return buffer.getvalue()


#: ZIP members stored as they are: already-compressed images (deflating them again gains ~5 %
#: of their size for most of a document's writing time).
STORED_SUFFIXES = (".png", ".jpeg", ".jpg", ".gif")


def zip_members(members, stamp: _dt.datetime) -> bytes:
    """A ZIP of ``(name, bytes)`` members with a fixed date on each and the core dates of
    ``docProps/core.xml`` fixed (reproducible bytes); images stored, the rest deflated."""
    import re
    import zipfile

    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members:
            if name == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms)",
                                 lambda m: m.group(1) + iso.encode() + m.group(2), content)
            member = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            member.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, content)
    return out.getvalue()


def sheet_names(tables) -> list[str]:
    """The sheet names of a workbook's tables, in order, beside its index sheet (:func:`sheet_name_of`)."""
    used = {INDEX_SHEET}
    return [sheet_name_of(table, used) for table in tables]


def sheet_name_of(table: Table, used: set[str]) -> str:
    """A table's sheet name: ``T`` and its document number (``T2.3.2``), unique within ``used``."""
    return _excel_sheet_name(f"T{table.number}" if table.number else f"T-{table.name}", used)


INDEX_SHEET = "Daftar Tabel"


def sheet_workbook(table: Table, name: str) -> bytes:
    """``table`` as a one-sheet workbook whose sheet is named ``name`` and links back to the index
    sheet: one part of :func:`write_workbook` (see :mod:`helpers.present.xlsx_merge`)."""
    def build(wb, formats: _Formats) -> None:
        ws = wb.add_worksheet(name)
        fill_sheet(ws, table, formats)
        ws.write_url(0, len(table.columns) + 1, f"internal:'{INDEX_SHEET}'!A1", formats(**LINK),
                     string="Kembali ke Daftar Tabel")

    return _workbook_bytes(build)


def sheet_members(table: Table, name: str) -> dict[str, bytes]:
    """The members of :func:`sheet_workbook` (the default ``sheet`` of :func:`write_workbook`)."""
    from helpers.present.xlsx_merge import members_of

    return members_of(sheet_workbook(table, name))


def write_workbook(entries, path: Path, *, title: str, sheet=sheet_members) -> Path:
    """One workbook of many tables: an index sheet (``Daftar Tabel``) linking one sheet per table.

    ``entries`` are ``(table, part)`` pairs in document order; ``part`` names where the table
    comes from (the page's title) and is shown in the index. Each table's sheet is written on its
    own by ``sheet(table, name)`` (default :func:`sheet_members`; a caller may pass one that keeps
    the sheets it wrote) and the sheets are merged (:func:`~helpers.present.xlsx_merge.merge_workbooks`).
    A table needs only ``caption``, ``number`` and ``name`` here; ``sheet`` reads the rest.
    """
    from helpers.present.xlsx_merge import members_of, merge_workbooks

    names = sheet_names([table for table, _ in entries])

    def build(wb, formats: _Formats) -> None:
        index = wb.add_worksheet(INDEX_SHEET)
        index.write_string(0, 0, title, formats(bold=True, font_size=12))
        for j, heading in enumerate(("No", "Lembar", "Tabel", "Bagian")):
            index.write_string(2, j, heading, formats(bold=True))
        wrap = formats(text_wrap=True, valign="top")
        for k, ((table, part), name) in enumerate(zip(entries, names), start=1):
            r = 2 + k
            index.write_number(r, 0, k)
            index.write_url(r, 1, f"internal:'{name}'!A1", formats(**LINK), string=name)
            _write(index, r, 2, table.caption, wrap)
            _write(index, r, 3, part)
        for j, width in enumerate((5, 14, 90, 40)):
            index.set_column(j, j, width)
        index.freeze_panes(3, 0)

    books = [members_of(_workbook_bytes(build))] + [sheet(table, name) for (table, _), name in zip(entries, names)]
    return files.write_bytes(path, zip_members(merge_workbooks(books), build_time()))


def write_xlsx(table: Table, path: Path) -> Path:
    """Write ``table`` as a one-sheet workbook at ``path`` (atomically)."""
    def build(wb, formats: _Formats) -> None:
        ws = wb.add_worksheet(_excel_sheet_name(f"T{table.number}" if table.number else "Tabel", set()))
        fill_sheet(ws, table, formats)

    return files.write_bytes(path, _workbook_bytes(build))


def csv_value(table: Table, row: int, column: Column) -> str:
    """A machine-readable cell: dot decimals at the column's precision, integers without ``.0``."""
    value = table.value(row, column)
    if is_na(value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if column.numeric and not isinstance(value, str) and column.role != "grade":
        number = float(value)
        if column.role in ("integer", "rupiah", "year"):
            return str(int(round(number)))
        decimals = column.decimals_for(row)
        return str(int(round(number))) if decimals <= 0 else f"{number:.{decimals}f}"
    if isinstance(value, float):
        return repr(value)
    return safe_text(str(value))


def write_csv(table: Table, path: Path) -> Path:
    """Write the table's data as a machine-readable CSV (header: the column keys) atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_text(str(c.key)) for c in table.columns])
    for i in range(table.n_rows):
        writer.writerow([csv_value(table, i, c) for c in table.columns])
    return files.write_bytes(path, buffer.getvalue().encode("utf-8-sig"))
