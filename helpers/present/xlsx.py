"""XLSX and CSV renderers of the table model.

:func:`fill_sheet` writes one table into a worksheet in one pass: caption, merged multi-row
header, numbers stored as numbers with display formats (``#,##0``, ``#,##0.00``: Excel shows
them with the reader's locale separators, so an Indonesian Windows shows ``1.234.567,89``),
bold totals, italic sections, indents, the highlighted reporting year, corrected cells filled
and commented with the printed value, notes and source, a frozen header (and, for a wide form
with many columns, its leading row labels: :func:`frozen_columns`), an autofilter and a
landscape print setup fitted to the page width. :func:`write_xlsx` writes a one-table workbook; a workbook of many
tables calls :func:`fill_sheet` once per sheet. The file is never reopened to be patched.

:func:`write_csv` writes the machine-readable CSV: UTF-8 (with BOM, so Excel opens it right),
comma-separated, dot decimals, integers without ``.0``.

Text cells that start like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) are written as text,
never as formulas.
"""
from __future__ import annotations

import copy
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


def set_value(cell, value) -> None:
    """Put a value in a cell; text is always stored as text, never read as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


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


def fill_sheet(ws, table: Table) -> None:
    """Write ``table`` into the empty worksheet ``ws`` (one pass, see the module docstring)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    highlight = PatternFill("solid", fgColor=HIGHLIGHT.lstrip("#").upper())
    marked = PatternFill("solid", fgColor=MARK_FILL.lstrip("#").upper())
    header_fill = PatternFill("solid", fgColor="EEEEEE")
    ncols = len(table.columns)

    set_value(ws.cell(row=1, column=1), table.caption)
    ws.cell(row=1, column=1).font = Font(bold=True)
    header = table.header_rows()
    top = 2
    # Header: a grid of merged cells computed by the model.
    occupied: set[tuple[int, int]] = set()
    for level, cells in enumerate(header):
        r = top + level
        c = 1
        for cell in cells:
            while (r, c) in occupied:
                c += 1
            target = ws.cell(row=r, column=c)
            set_value(target, cell.text)
            target.font = Font(bold=True)
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            target.fill = highlight if cell.column is not None and cell.column.highlight else header_fill
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    occupied.add((rr, cc))
                    ws.cell(row=rr, column=cc).border = border
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + cell.rowspan - 1,
                               end_column=c + cell.colspan - 1)
            c += cell.colspan
    first = top + len(header)
    text_column = next((c for c in table.columns if c.role in ("text", "multiline")), None)
    # One style per distinct look, applied by copying its style array: openpyxl hashes and compares
    # every style assigned to a cell with the workbook's list, which costs more than the cell.
    looks: dict[tuple, object] = {}
    for i in range(table.n_rows):
        r = first + i
        bold, italic = i in table.bold_rows, i in table.section_rows
        for j, column in enumerate(table.columns, start=1):
            value = cell_value(table, i, column)
            cell = ws.cell(row=r, column=j)
            set_value(cell, value)
            mark = table.mark(i, column)
            lit = mark is None and (column.highlight or i in table.highlight_rows)
            numeric = isinstance(value, (int, float))
            indent = table.indent.get(i, 0) if column is text_column else 0
            look = (number_format(column, i) if numeric else None, column.numeric, column.role == "multiline"
                    or column.wide, indent, bold, italic, mark is not None, lit)
            if look in looks:
                cell._style = copy.copy(looks[look])
            else:
                cell.border = border
                if numeric:
                    cell.number_format = look[0]
                cell.alignment = Alignment(horizontal="right" if column.numeric else "left", vertical="top",
                                           wrap_text=look[2], indent=indent)
                if bold or italic or mark is not None:
                    cell.font = Font(bold=bold, italic=italic, underline="single" if mark is not None else None)
                if mark is not None:
                    cell.fill = marked
                elif lit:
                    cell.fill = highlight
                looks[look] = copy.copy(cell._style)
            if mark is not None:
                text = f"tercetak {mark.printed}" if mark.printed else "berbeda dengan angka tercetak"
                cell.comment = Comment(text + (f" ({mark.note})" if mark.note else ""), "renstra")
    r = first + table.n_rows + 1
    for note in table.all_notes():
        set_value(ws.cell(row=r, column=1), note)
        r += 1
    if table.source:
        set_value(ws.cell(row=r, column=1), f"Sumber: {table.source}")
    for j, column in enumerate(table.columns, start=1):
        texts = [table.cell_text(i, column) for i in range(table.n_rows)]
        width = max([len(column.heading)] + [max((len(t) for t in s.split("\n")), default=0) for s in texts])
        limit = 60 if (column.wide or column.role == "multiline") else 40
        ws.column_dimensions[get_column_letter(j)].width = min(limit, max(8, width + 2))
    last_header = first - 1
    lead = frozen_columns(table)
    ws.freeze_panes = ws.cell(row=first, column=1 + lead)
    if lead:
        ws.print_title_cols = f"A:{get_column_letter(lead)}"
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.5
    if table.n_rows:
        ws.auto_filter.ref = f"A{last_header}:{get_column_letter(ncols)}{first + table.n_rows - 1}"
    ws.print_title_rows = f"{top}:{last_header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def new_workbook():
    """An empty workbook with fixed metadata (reproducible bytes)."""
    from openpyxl import Workbook

    wb = Workbook()
    stamp = build_time()
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "renstra"
    return wb


def workbook_bytes(wb) -> bytes:
    """Serialise a workbook with its fixed timestamps (openpyxl would stamp the current time)."""
    stamp = build_time()
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalise_zip(buffer.getvalue(), stamp)


def normalise_zip(data: bytes, stamp: _dt.datetime) -> bytes:
    """Rewrite the ZIP container with a fixed date on every member, and the core dates fixed."""
    import re
    import zipfile

    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms)",
                                 lambda m: m.group(1) + iso.encode() + m.group(2), content)
            member = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, content)
    return out.getvalue()


def sheet_name_of(table: Table, used: set[str]) -> str:
    """A table's sheet name: ``T`` and its document number (``T2.3.2``), unique within ``used``."""
    return _excel_sheet_name(f"T{table.number}" if table.number else f"T-{table.name}", used)


def write_workbook(entries, path: Path, *, title: str) -> Path:
    """One workbook of many tables: an index sheet (``Daftar Tabel``) linking one sheet per table.

    ``entries`` are ``(table, part)`` pairs in document order; ``part`` names where the table
    comes from (the page's title) and is shown in the index.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    wb = new_workbook()
    index = wb.active
    index.title = "Daftar Tabel"
    set_value(index.cell(row=1, column=1), title)
    index.cell(row=1, column=1).font = Font(bold=True, size=12)
    for j, heading in enumerate(("No", "Lembar", "Tabel", "Bagian"), start=1):
        set_value(index.cell(row=3, column=j), heading)
        index.cell(row=3, column=j).font = Font(bold=True)
    used = {"Daftar Tabel"}
    for k, (table, part) in enumerate(entries, start=1):
        name = sheet_name_of(table, used)
        ws = wb.create_sheet(name)
        fill_sheet(ws, table)
        r = 3 + k
        index.cell(row=r, column=1).value = k
        link = index.cell(row=r, column=2)
        set_value(link, name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1", display=name)
        link.font = Font(color="0B4F9C", underline="single")
        set_value(index.cell(row=r, column=3), table.caption)
        set_value(index.cell(row=r, column=4), part)
        back = ws.cell(row=1, column=len(table.columns) + 2)
        set_value(back, "Kembali ke Daftar Tabel")
        back.hyperlink = Hyperlink(ref=back.coordinate, location="'Daftar Tabel'!A1", display="Kembali ke Daftar Tabel")
        back.font = Font(color="0B4F9C", underline="single")
    for letter, width in zip("ABCD", (5, 14, 90, 40)):
        index.column_dimensions[letter].width = width
    for row in index.iter_rows(min_row=4):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    index.freeze_panes = "A4"
    return files.write_bytes(path, workbook_bytes(wb))


def write_xlsx(table: Table, path: Path) -> Path:
    """Write ``table`` as a one-sheet workbook at ``path`` (atomically)."""
    wb = new_workbook()
    ws = wb.active
    ws.title = _excel_sheet_name(f"T{table.number}" if table.number else "Tabel", set())
    fill_sheet(ws, table)
    return files.write_bytes(path, workbook_bytes(wb))


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
