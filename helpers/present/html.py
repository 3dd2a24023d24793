"""HTML renderer of the table model, and the one stylesheet of every page.

:func:`render_table` turns a :class:`~helpers.present.table.Table` into escaped HTML: caption,
merged multi-row header (``scope`` on every header cell), right-aligned numbers, bold totals,
italic section rows, indent levels, marked cells, the highlighted reporting year (colour *and*
bold, so it survives black-and-white printing), notes and source. Every table sits in a
horizontal scroll container, so a wide table never pushes the page wider than the screen.

All text goes through :func:`escape`; nothing from data reaches the page unescaped. The
stylesheet :data:`STYLESHEET` is emitted once per page by the notebook glue.
"""
from __future__ import annotations

import html as _html

from helpers.present.style import HIGHLIGHT, MARK_COLOUR
from helpers.present.table import Column, Notice, Table


def escape(text: object) -> str:
    """HTML-escape any text from data (quotes too, so it is safe inside attributes)."""
    return _html.escape(str(text), quote=True)


STYLESHEET = f"""<style>
.renstra-gulir{{overflow-x:auto;max-width:100%;margin:0.5em 0 1em}}
table.renstra-tabel{{border-collapse:collapse;font-size:0.9em;table-layout:auto}}
table.renstra-tabel caption{{caption-side:top;text-align:left;font-weight:bold;padding:0.3em 0}}
table.renstra-tabel th,table.renstra-tabel td{{border:1px solid #999;padding:0.2em 0.5em;vertical-align:top;
  text-align:left !important}}
table.renstra-tabel th{{background:#eee;white-space:normal;min-width:5em}}
table.renstra-tabel thead th{{text-align:center !important;vertical-align:middle}}
table.renstra-tabel td.num{{text-align:right !important;white-space:nowrap}}
table.renstra-tabel td.kode{{white-space:nowrap}}
table.renstra-tabel td.lebar{{min-width:18em;max-width:32em}}
table.renstra-tabel td.baris{{white-space:pre-line}}
table.renstra-tabel tr.total td{{font-weight:bold}}
table.renstra-tabel tr.subjudul td{{font-style:italic;background:#f6f6f6}}
table.renstra-tabel td.indent-1{{padding-left:1.5em}}
table.renstra-tabel td.indent-2{{padding-left:2.5em}}
table.renstra-tabel td.indent-3{{padding-left:3.5em}}
table.renstra-tabel .sorot{{background:{HIGHLIGHT};font-weight:bold}}
table.renstra-tabel td.beda{{text-decoration:underline dotted;color:{MARK_COLOUR}}}
p.catatan,p.sumber{{font-size:0.85em;color:#333;margin:0 0 0.4em}}
p.pemberitahuan{{padding:0.4em 0.6em;border-left:4px solid #999;background:#f6f6f6}}
@media print{{.renstra-gulir{{overflow:visible}} table.renstra-tabel thead{{display:table-header-group}}
  table.renstra-tabel tr{{page-break-inside:avoid}}}}
</style>"""


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
            parts.append(f"<th {' '.join(attrs)}>{escape(cell.text)}</th>")
        rows.append("<tr>" + "".join(parts) + "</tr>")
    return "<thead>" + "".join(rows) + "</thead>"


def _cell_classes(table: Table, row: int, column: Column) -> list[str]:
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
    if level and column is _first_text_column(table):
        classes.append(f"indent-{min(level, 3)}")
    return classes


def _first_text_column(table: Table):
    return next((c for c in table.columns if c.role in ("text", "multiline")), None)


def render_table(table: Table) -> str:
    """The table as escaped HTML inside its scroll container (no stylesheet)."""
    parts = [f'<div class="renstra-gulir" role="region" tabindex="0" aria-label="{escape(table.caption)}">',
             f'<table class="renstra-tabel" id="{escape(table.name)}">',
             f"<caption>{escape(table.caption)}</caption>", _header_html(table), "<tbody>"]
    for i in range(table.n_rows):
        classes = []
        if i in table.bold_rows:
            classes.append("total")
        if i in table.section_rows:
            classes.append("subjudul")
        parts.append(f'<tr class="{" ".join(classes)}">' if classes else "<tr>")
        for column in table.columns:
            cls = _cell_classes(table, i, column)
            attr = f' class="{" ".join(cls)}"' if cls else ""
            mark = table.mark(i, column)
            if mark is not None and mark.printed:
                attr += f' title="tercetak {escape(mark.printed)}"'
            parts.append(f"<td{attr}>{escape(table.cell_text(i, column))}</td>")
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
