"""Presentation: Indonesian tables for the HTML pages, CSV/XLSX exports, charts.

Tables are shown with the document's number and title as caption, Indonesian number
formatting, right-aligned numbers and no index. Every text cell is HTML-escaped (pandas
Styler does not escape by default). Cells where a recomputed figure differs from what the
document printed are marked with ``*`` and a footnote.

Each shown table is also written to ``<output_dir>/tables/<name>.csv`` (machine numbers,
UTF-8 with BOM so Excel opens it correctly) and ``<name>.xlsx`` (numbers stored as numbers
with an Indonesian display format). Charts are saved as PNG and SVG under
``<output_dir>/figures``. All writes are atomic (:mod:`helpers.core.files`).
"""
from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Mapping, Optional

import pandas as pd

from helpers.core import files
from helpers.core.numbers import MISSING_DISPLAY, format_number, format_percent, format_rupiah

#: Column kinds and how each is displayed.
#: ``int`` 1.234 · ``rupiah`` 14.445.744.207 (header says Rp) · ``dec1``/``dec2`` 95,2 / 95,18 ·
#: ``pct`` 95,18% · ``text`` as is · ``year`` 2025 (no separator).
KINDS = ("int", "rupiah", "dec1", "dec2", "dec3", "pct", "text", "year")

#: Excel number formats per kind. ``[$-421]`` tags the Indonesian locale (LCID 0x421);
#: Excel still draws separators from the reader's system settings, so an Indonesian
#: Windows shows 1.234.567,89 and numbers stay numbers for pasting and summing.
XLSX_FORMATS = {
    "int": "[$-421]#,##0", "rupiah": "[$-421]#,##0", "dec1": "[$-421]#,##0.0",
    "dec2": "[$-421]#,##0.00", "dec3": "[$-421]#,##0.000", "pct": "[$-421]#,##0.00", "year": "0",
}

MARK = "*"
MARK_NOTE = ("*) dihitung ulang dari angka dasar; berbeda dengan angka yang tercetak di dokumen "
             "(lihat Audit).")

#: Colour-blind-safe palette (Okabe–Ito) and hatches so charts survive black-and-white printing.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def format_value(value, kind: str) -> str:
    """Format one value for display according to its column kind."""
    if kind == "text":
        return MISSING_DISPLAY if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    if value is None or pd.isna(value):
        return MISSING_DISPLAY
    if kind == "year":
        return str(int(value))
    if kind in ("int", "rupiah"):
        return format_number(value, 0)
    if kind == "pct":
        return format_percent(value, 2)
    if kind.startswith("dec"):
        return format_number(value, int(kind[3:]))
    raise ValueError(f"unknown column kind {kind!r}; expected one of {KINDS}")


def guess_kinds(df: pd.DataFrame) -> dict[str, str]:
    """Default kinds: integers → int, floats → dec2, ``tahun`` → year, others → text."""
    kinds = {}
    for col in df.columns:
        dtype = df[col].dtype
        if str(col).lower() in ("tahun", "year"):
            kinds[col] = "year"
        elif pd.api.types.is_integer_dtype(dtype):
            kinds[col] = "int"
        elif pd.api.types.is_float_dtype(dtype):
            kinds[col] = "dec2"
        else:
            kinds[col] = "text"
    return kinds


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "tabel"


class Table:
    """A table ready to show in a notebook (``display(table)``) and to export.

    ``df`` holds the values (numbers as numbers); ``kinds`` maps columns to display kinds;
    ``marks`` is an optional boolean frame of the same shape: True marks a recomputed cell
    that differs from the printed figure. ``bold_rows`` are 0-based positions of rows shown in
    bold (totals, program rows) in the HTML and the XLSX.
    """

    def __init__(self, df: pd.DataFrame, caption: str, *, kinds: Optional[Mapping[str, str]] = None,
                 marks: Optional[pd.DataFrame] = None, note: str = "", name: Optional[str] = None,
                 highlight_column: Optional[str] = None, bold_rows=()):
        self.df = df.reset_index(drop=True)
        self.caption = caption
        self.kinds = {**guess_kinds(self.df), **(kinds or {})}
        unknown = set(self.kinds.values()) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown column kinds {unknown}; expected {KINDS}")
        self.marks = marks.reset_index(drop=True) if marks is not None else None
        self.note = note
        self.name = name or _slug(caption)[:80]
        self.highlight_column = highlight_column
        self.bold_rows = sorted({int(i) for i in bold_rows})

    def display_frame(self) -> pd.DataFrame:
        """The table as formatted strings (what a reader sees), marks included."""
        out = pd.DataFrame({c: [format_value(v, self.kinds[c]) for v in self.df[c]] for c in self.df.columns})
        if self.marks is not None:
            for col in self.marks.columns:
                if col in out.columns:
                    flags = self.marks[col].fillna(False).astype(bool)
                    out.loc[flags, col] = out.loc[flags, col] + MARK
        return out

    def has_marks(self) -> bool:
        return self.marks is not None and bool(self.marks.fillna(False).astype(bool).to_numpy().any())

    def to_html(self) -> str:
        """Escaped HTML table with caption, right-aligned numbers and marked cells."""
        shown = self.display_frame()
        numeric = {c for c, k in self.kinds.items() if k not in ("text",)}
        esc = html.escape
        parts = [f'<table class="renstra-tabel">',
                 f'<caption>{esc(self.caption)}</caption>', "<thead><tr>"]
        for col in shown.columns:
            cls = ' class="num"' if col in numeric else ""
            hl = ' style="background:#fff3c4"' if col == self.highlight_column else ""
            parts.append(f"<th{cls}{hl}>{esc(str(col))}</th>")
        parts.append("</tr></thead><tbody>")
        flags = self.marks.fillna(False).astype(bool) if self.marks is not None else None
        bold = set(self.bold_rows)
        for i, row in shown.iterrows():
            parts.append('<tr style="font-weight:bold">' if i in bold else "<tr>")
            for col in shown.columns:
                classes = ["num"] if col in numeric else []
                if flags is not None and col in flags.columns and bool(flags.at[i, col]):
                    classes.append("beda")
                cls = f' class="{" ".join(classes)}"' if classes else ""
                hl = ' style="background:#fff3c4"' if col == self.highlight_column else ""
                parts.append(f"<td{cls}{hl}>{esc(str(row[col]))}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
        notes = [self.note] if self.note else []
        if self.has_marks():
            notes.append(MARK_NOTE)
        if notes:
            parts.append("".join(f'<p class="catatan">{esc(n)}</p>' for n in notes))
        return TABLE_CSS + "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def export(self, output_dir: Path) -> tuple[Path, Path]:
        """Write ``tables/<name>.csv`` and ``tables/<name>.xlsx`` under ``output_dir``."""
        target = Path(output_dir) / "tables"
        csv_path = files.write_bytes(target / f"{self.name}.csv",
                                     self.df.to_csv(index=False).encode("utf-8-sig"))
        xlsx_path = target / f"{self.name}.xlsx"
        with files.atomic_path(xlsx_path) as tmp:
            write_xlsx(self, tmp)
        return csv_path, xlsx_path


TABLE_CSS = """<style>
table.renstra-tabel{border-collapse:collapse;font-size:0.9em;margin:0.5em 0 1em;table-layout:auto}
table.renstra-tabel caption{caption-side:top;text-align:left;font-weight:bold;padding:0.3em 0}
table.renstra-tabel th,table.renstra-tabel td{border:1px solid #999;padding:0.2em 0.5em;vertical-align:top;
  text-align:left !important}
table.renstra-tabel th{background:#eee;white-space:normal}
table.renstra-tabel td.num,table.renstra-tabel th.num{text-align:right !important}
table.renstra-tabel td.num{white-space:nowrap}
table.renstra-tabel td.beda{font-weight:bold;text-decoration:underline dotted}
p.catatan{font-size:0.85em;color:#333;margin:0 0 1em}
</style>"""


def write_xlsx(table: Table, path: Path) -> None:
    """Write a real XLSX: caption in A1, header in row 2, numbers as numbers with display formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Tabel"
    ws.cell(row=1, column=1, value=table.caption).font = Font(bold=True)
    for j, col in enumerate(table.df.columns, start=1):
        ws.cell(row=2, column=j, value=str(col)).font = Font(bold=True)
    bold_rows = set(getattr(table, "bold_rows", ()))
    for i, (_, row) in enumerate(table.df.iterrows(), start=3):
        if i - 3 in bold_rows:
            for j in range(1, len(table.df.columns) + 1):
                ws.cell(row=i, column=j).font = Font(bold=True)
        for j, col in enumerate(table.df.columns, start=1):
            value = row[col]
            kind = table.kinds[col]
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                cell = ws.cell(row=i, column=j, value=None)
                continue
            if kind == "text":
                cell = ws.cell(row=i, column=j, value=str(value))
            else:
                cell = ws.cell(row=i, column=j, value=float(value) if kind not in ("int", "rupiah", "year")
                               else int(round(float(value))))
                cell.number_format = XLSX_FORMATS[kind]
                cell.alignment = Alignment(horizontal="right")
    notes = [table.note] if table.note else []
    if table.has_marks():
        notes.append(MARK_NOTE)
    for k, note in enumerate(notes):
        ws.cell(row=len(table.df) + 4 + k, column=1, value=note)
    for j, col in enumerate(table.df.columns, start=1):
        width = max([len(str(col))] + [len(format_value(v, table.kinds[col])) for v in table.df[col]])
        ws.column_dimensions[ws.cell(row=2, column=j).column_letter].width = min(60, max(8, width + 2))
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())


def setup_charts() -> None:
    """Matplotlib/seaborn defaults: colour-blind-safe palette, readable sizes, SVG text as text."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from cycler import cycler

    sns.set_theme(style="whitegrid", palette=PALETTE, font_scale=0.95)
    plt.rcParams.update({
        "axes.prop_cycle": cycler(color=PALETTE[:8]) + cycler(marker=MARKERS[:8]),
        "figure.dpi": 110, "savefig.dpi": 150, "savefig.bbox": "tight",
        "svg.fonttype": "none", "axes.titleweight": "bold", "axes.formatter.use_locale": False,
    })


def id_formatter(decimals: int = 0):
    """A matplotlib tick formatter writing Indonesian numbers (1.234.567 / 95,18)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: format_number(x, decimals))


def rupiah_axis(ax, axis: str = "y", scale: float = 1e6, label: str = "Juta Rupiah") -> None:
    """Show an axis in millions of rupiah with Indonesian separators."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda x, _pos: format_number(x / scale, 0))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(formatter)
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(label)


def save_figure(fig, name: str, output_dir: Path) -> tuple[Path, Path]:
    """Save ``fig`` as ``figures/<name>.png`` and ``.svg`` under ``output_dir`` (atomically)."""
    target = Path(output_dir) / "figures"
    paths = []
    for ext in ("png", "svg"):
        with files.atomic_path(target / f"{name}.{ext}") as tmp:
            fig.savefig(tmp, format=ext)
        paths.append(target / f"{name}.{ext}")
    return paths[0], paths[1]


def markdown_escape(text: str) -> str:
    """Escape text from data for use inside generated Markdown (no raw HTML gets through)."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)
