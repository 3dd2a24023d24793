"""HTML renderer of the table model, and the one stylesheet of every page.

:func:`render_table` turns a :class:`~helpers.present.table.Table` into escaped HTML: caption,
merged multi-row header (``scope`` on every header cell), a row header (``<th scope="row">``)
in the column that names the rows, right-aligned numbers, bold totals, italic section
rows, indent levels, marked cells, the highlighted reporting year (colour, bold and a dark frame,
so it survives black-and-white printing; "(disorot)" for screen readers), notes and source.
Every table sits in a horizontal scroll container, so a wide table never pushes the page wider
than the screen; printed, it shrinks to the page width instead (see :data:`STYLESHEET`).

All text goes through :func:`escape`; nothing from data reaches the page unescaped. The
stylesheet :data:`STYLESHEET` is emitted once per page by the notebook glue.
"""
from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING

from helpers.present.style import HIGHLIGHT, MARK_COLOUR

if TYPE_CHECKING:  # annotations only: the stylesheet is read without pandas (a revision shown again)
    from helpers.present.table import Column, Notice, Table


def escape(text: object) -> str:
    """HTML-escape any text from data (quotes too, so it is safe inside attributes)."""
    return _html.escape(str(text), quote=True)


#: The screen rules, then the print rules (A4 landscape, the header repeated on every page, every
#: table shrunk to the page width instead of cut at its right edge). The highlighted column is
#: marked three ways: colour, bold, and a dark frame on its sides, so it survives black-and-white
#: printing and colour blindness and is not mistaken for a bold total row; a screen reader hears
#: "(disorot)" after its header (generated text, visually hidden, so the cells' text stays the
#: data). Body rows name themselves in their first text cell, a ``<th scope="row">``.
STYLESHEET = f"""<style>
.renstra-gulir{{overflow-x:auto;max-width:100%;margin:0.5em 0 1em}}
.renstra-gulir:focus-visible{{outline:2px solid #1a4f8b;outline-offset:2px}}
table.renstra-tabel{{border-collapse:collapse;font-size:0.9em;table-layout:auto}}
table.renstra-tabel caption{{caption-side:top;text-align:left;font-weight:bold;padding:0.3em 0}}
table.renstra-tabel th,table.renstra-tabel td{{border:1px solid #999;padding:0.2em 0.5em;vertical-align:top;
  text-align:left !important}}
table.renstra-tabel thead th{{background:#eee;white-space:normal;min-width:5em;text-align:center !important;
  vertical-align:middle;font-weight:bold}}
table.renstra-tabel tbody th{{font-weight:normal;background:transparent}}
table.renstra-tabel td.num{{text-align:right !important;white-space:nowrap}}
table.renstra-tabel .kode{{white-space:nowrap}}
table.renstra-tabel .lebar{{min-width:18em;max-width:32em}}
table.renstra-tabel .baris{{white-space:pre-line}}
table.renstra-tabel tr.total>*{{font-weight:bold}}
table.renstra-tabel tr.subjudul>*{{font-style:italic;background:#f6f6f6}}
table.renstra-tabel .indent-1{{padding-left:1.5em}}
table.renstra-tabel .indent-2{{padding-left:2.5em}}
table.renstra-tabel .indent-3{{padding-left:3.5em}}
table.renstra-tabel .sorot{{background:{HIGHLIGHT};font-weight:bold;border-left:2px solid #333;border-right:2px solid #333}}
table.renstra-tabel thead th.sorot{{position:relative;background:{HIGHLIGHT}}}
table.renstra-tabel thead th.sorot::after{{content:" (disorot)";position:absolute;width:1px;height:1px;margin:-1px;
  overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}}
table.renstra-tabel .beda{{text-decoration:underline dotted;color:{MARK_COLOUR}}}
p.catatan,p.sumber{{font-size:0.85em;color:#333;margin:0 0 0.4em}}
p.pemberitahuan{{padding:0.4em 0.6em;border-left:4px solid #999;background:#f6f6f6}}
@page{{size:A4 landscape;margin:12mm 10mm 12mm 10mm}}
@media print{{
  body{{margin:0 !important;padding:0 !important}}
  .jp-Cell{{padding-left:0 !important;padding-right:0 !important}}
  .renstra-gulir{{overflow:visible;max-width:none}}
  table.renstra-tabel{{width:100%;font-size:8pt}}
  table.renstra-tabel.renstra-lebar{{font-size:7pt;font-family:"Arial Narrow","Liberation Sans Narrow",
    "DejaVu Sans Condensed",sans-serif;font-stretch:condensed}}
  table.renstra-tabel th,table.renstra-tabel td{{padding:1pt 2pt;min-width:0 !important;max-width:none;
    overflow-wrap:break-word}}
  table.renstra-tabel.renstra-sangat-lebar{{font-size:4.5pt}}
  table.renstra-tabel.renstra-sangat-lebar th,table.renstra-tabel.renstra-sangat-lebar td{{padding:0.5pt 1pt}}
  table.renstra-tabel thead{{display:table-header-group}}
  table.renstra-tabel tr{{break-inside:avoid;page-break-inside:avoid}}
  table.renstra-tabel caption{{break-after:avoid;page-break-after:avoid}}
  table.renstra-tabel,figure.renstra-gambar{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
  figure.renstra-gambar{{break-inside:avoid;page-break-inside:avoid;margin:0.5em 0}}
  figure.renstra-gambar img{{max-height:150mm;object-fit:contain}}
  h1,h2,h3,h4{{break-after:avoid;page-break-after:avoid}}
}}
</style>"""


def _breakable(text: str) -> str:
    """Escaped header text that may wrap after an underscore (a machine key such as
    ``realisasi_anggaran`` would otherwise be one unbreakable word, too wide for a printed page)."""
    return escape(text).replace("_", "_<wbr>")


def _header_html(table: Table) -> str:
    rows = []
    for cells in table.header_rows():
        parts = []
        for cell in cells:
            attrs = [f'scope="{"colgroup" if cell.colspan > 1 else "col"}"']
            if cell.colspan > 1:
                attrs.append(f'colspan="{cell.colspan}"')
            if cell.rowspan > 1:
                attrs.append(f'rowspan="{cell.rowspan}"')
            if cell.column is not None and cell.column.highlight:
                attrs.append('class="sorot"')
            parts.append(f"<th {' '.join(attrs)}>{_breakable(cell.text)}</th>")
        rows.append("<tr>" + "".join(parts) + "</tr>")
    return "<thead>" + "".join(rows) + "</thead>"


def _cell_classes(table: Table, row: int, column: Column, indent_column=None) -> list[str]:
    classes = []
    if column.numeric:
        classes.append("num")
    if column.role == "code":
        classes.append("kode")
    if column.role == "multiline":
        classes.append("baris")
    if column.wide:
        classes.append("lebar")
    if column.highlight or row in table.highlight_rows:
        classes.append("sorot")
    if table.mark(row, column) is not None:
        classes.append("beda")
    level = table.indent.get(row, 0)
    if level and column is indent_column:
        classes.append(f"indent-{min(level, 3)}")
    return classes


def _indent_column(table: Table, header_column):
    """Where a row's indent level shows: in the column that names the rows, else the first text column."""
    return header_column or next((c for c in table.columns if c.role in ("text", "multiline")), None)


def _row_header_column(table: Table):
    """The column that names each body row (its ``<th scope="row">``): the first text column
    with words in every row (section rows aside; a figure kept as text names nothing) whose
    texts all differ, else the first whose texts mostly differ (a sub-activity name may recur
    under two programs). A column of a few repeated values (a source such as "Tabel 2.3.4", a
    kind) groups rows rather than names them, and a column left blank under a merged group cell
    does not name the rows it leaves blank; a table with no such column has no row headers."""
    rows = [i for i in range(table.n_rows) if i not in table.section_rows]
    candidates = []
    for column in table.columns:
        if column.role != "text" or not rows:
            continue
        texts = [table.cell_text(i, column).strip() for i in rows]
        named = all(any(ch.isalpha() for ch in text) for text in texts)  # a name, not a figure as text
        if named and 2 * len(set(texts)) > len(texts):
            candidates.append((len(set(texts)) == len(texts), column))
    return next((c for unique, c in candidates if unique), candidates[0][1] if candidates else None)


def _body_cell(table: Table, row: int, column: Column, header_column, indent_column) -> str:
    """One body cell: a ``<th scope="row">`` when it names the row, else a ``<td>``."""
    text = table.cell_text(row, column)
    names_row = column is header_column and bool(text.strip())  # an empty cell names nothing
    tag = "th" if names_row else "td"
    attrs = ' scope="row"' if names_row else ""
    cls = _cell_classes(table, row, column, indent_column)
    if cls:
        attrs += f' class="{" ".join(cls)}"'
    mark = table.mark(row, column)
    if mark is not None and mark.printed:
        attrs += f' title="tercetak {escape(mark.printed)}"'
    return f"<{tag}{attrs}>{escape(text)}</{tag}>"


#: Tables with more columns than this are printed in the smallest type (class renstra-sangat-lebar).
VERY_WIDE_COLUMNS = 15


def render_table(table: Table) -> str:
    """The table as escaped HTML inside its scroll container (no stylesheet).

    A wide table (``table.wide``) also carries the class ``renstra-lebar``: printed smaller; one of
    more than :data:`VERY_WIDE_COLUMNS` columns (the E.80 form over five years, progress tables)
    also ``renstra-sangat-lebar``: printed smaller still, so it fits an A4 landscape page."""
    classes = "renstra-tabel renstra-lebar" if table.wide else "renstra-tabel"
    if len(table.columns) > VERY_WIDE_COLUMNS:
        classes += " renstra-lebar renstra-sangat-lebar" if not table.wide else " renstra-sangat-lebar"
    parts = [f'<div class="renstra-gulir" role="region" tabindex="0" aria-label="{escape(table.caption)}">',
             f'<table class="{classes}" id="{escape(table.name)}">',
             f"<caption>{escape(table.caption)}</caption>", _header_html(table), "<tbody>"]
    header_column = _row_header_column(table)
    indent_column = _indent_column(table, header_column)
    for i in range(table.n_rows):
        classes = []
        if i in table.bold_rows:
            classes.append("total")
        if i in table.section_rows:
            classes.append("subjudul")
        parts.append(f'<tr class="{" ".join(classes)}">' if classes else "<tr>")
        parts += [_body_cell(table, i, column, header_column, indent_column) for column in table.columns]
        parts.append("</tr>")
    parts.append("</tbody></table></div>")
    parts += [f'<p class="catatan">{escape(note)}</p>' for note in table.all_notes()]
    if table.source:
        parts.append(f'<p class="sumber">Sumber: {escape(table.source)}</p>')
    return "".join(parts)


def render_notice(notice: Notice) -> str:
    """A notice (e.g. "Tabel … tidak tersedia dalam data.") as an escaped paragraph."""
    return f'<p class="pemberitahuan {escape(notice.kind)}">{escape(notice.text)}</p>'


def render_figure(png_base64: str, alt: str, caption: str, width: int | None = None) -> str:
    """An embedded PNG with its Indonesian alt text and caption (``width`` in CSS pixels)."""
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    size = f' width="{int(width)}"' if width else ""
    return (f'<figure class="renstra-gambar"><img src="data:image/png;base64,{png_base64}"{size} '
            f'alt="{escape(alt or caption)}" style="max-width:100%;height:auto">{figcaption}</figure>')
