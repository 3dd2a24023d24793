"""Bab II sections 2.4–2.6: PPKS and PSKS types, problems and strategic issues.

The notebook ``notebooks/02-4-isu-strategis.ipynb`` only calls this module. Sections 2.4–2.6 are
*static lists* (definitions, criteria, problem statements, Tabel 2.6.1): the reporting year
``tahun`` does not change them. The only year-dependent part is the count of each PPKS type,
joined from Tabel 2.3.2 (``2_3_2_ppks``) for the latest year with data before ``tahun``
(:func:`helpers.run.notebook.latest_year`), through the hand-made mapping columns
``no_tabel_2_3_2`` of ``2_4_jenis_ppks`` (see ``docs/assumptions/bab2-isu-bab3.md``).

Where the figures come from:

* counts per type are base data of Tabel 2.3.2; "-" where the document prints none;
* the total of that year comes from :func:`helpers.core.derive.derived` (``2_3_2_ppks``, row
  ``total``) and is marked ``*`` when :func:`helpers.core.audit.audit_table` lists the printed total
  as different;
* shares of the total are computed here from the shown counts and total.

Contents: :func:`ppks_view` → :func:`ppks_table`, :func:`ppks_chart`, :func:`ppks_narrative`;
:func:`psks_table`, :func:`permasalahan_table`, :func:`isu_table`; :func:`page_statement`.

:class:`TextTable` is a general capability the shared :class:`helpers.present.Table` lacks:
multi-line text cells (line breaks kept in HTML with ``white-space: pre-wrap`` and wrapped in the
XLSX), text columns that hold formatted numbers right-aligned (``BB (73,00)``, ``42:100.000``),
code columns that do not wrap, blank cells for merged-cell repeats and a horizontal scroll box
for wide tables. It keeps the shared highlight of one column (``highlight_column``).
"""
from __future__ import annotations

import html
import re
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pandas as pd

from helpers.core import derive, files
from helpers.core.audit import audit_table
from helpers.core.compute import as_number
from helpers.core.data import load, read_schema
from helpers.run.notebook import latest_year
from helpers.core.numbers import format_number, format_percent
from helpers.present.legacy import (HATCHES, MARK_NOTE, PALETTE, TABLE_CSS, Table, id_formatter, markdown_escape,
                             write_xlsx)

# --------------------------------------------------------------------------------------------
# Tables and settings
# --------------------------------------------------------------------------------------------

PPKS_TYPES = "2_4_jenis_ppks"
PSKS_TYPES = "2_5_jenis_psks"
PROBLEMS = "2_6_permasalahan"
ISSUES = "2_6_1_isu_strategis"
PPKS_COUNTS = "2_3_2_ppks"

#: Years the page applies to (as in notebooks/pages.yaml).
PAGE_YEARS = (2019, 2029)

#: Separator of the criteria items in ``2_4_jenis_ppks.kriteria``.
CRITERIA_SEPARATOR = " | "
BULLET = "• "
#: A lettered sub-item of the criteria ("a. ..."), shown indented under its lead-in.
SUB_ITEM = re.compile(r"^[a-z]\.\s")
SUB_INDENT = "    "

#: Number of PPKS types named as dominant in the narrative.
TOP_TYPES = 3

TOTAL_LABEL = "Jumlah"
#: Colour of the highlighted ``tahun`` column (the shared Table's highlight).
HIGHLIGHT = "#fff3c4"

#: Column headers of Tabel 2.6.1 as printed (two-row header flattened with " – ").
ISSUE_HEADERS = {
    "potensi": "Potensi Daerah Yang Menjadi Kewenangan PD",
    "permasalahan": "Permasalahan PD",
    "isu_klhs": "Isu KLHS Yang Relevan Dengan PD",
    "isu_global": "Isu Lingkungan Dinamis Yang Relevan Dengan Sosial dan PPPA – Global",
    "isu_nasional": "Isu Lingkungan Dinamis Yang Relevan Dengan Sosial dan PPPA – Nasional",
    "isu_regional": "Isu Lingkungan Dinamis Yang Relevan Dengan Sosial dan PPPA – Regional",
    "isu_strategis": "Isu Strategis Perangkat Daerah",
}

_num = as_number


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def join_id(items: Iterable[str]) -> str:
    """Indonesian enumeration: ``a``, ``a dan b``, ``a, b dan c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def _quiet():
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


# --------------------------------------------------------------------------------------------
# TextTable: multi-line cells, right-aligned text numbers, scroll box
# --------------------------------------------------------------------------------------------

TEXT_CSS = """<style>
div.renstra-gulir{overflow-x:auto;max-width:100%}
table.renstra-tabel.renstra-teks td.baris{white-space:pre-wrap;min-width:16em}
table.renstra-tabel.renstra-teks td.lebar{min-width:14em;max-width:32em}
table.renstra-tabel.renstra-teks td.kanan,table.renstra-tabel.renstra-teks th.kanan{text-align:right !important;white-space:nowrap}
table.renstra-tabel.renstra-teks td.kode{white-space:nowrap}
</style>"""


class TextTable(Table):
    """A :class:`~helpers.present.Table` for text-heavy tables.

    ``multiline_columns``: cells whose line breaks are kept (criteria as bullet lines).
    ``right_columns``: text columns that hold formatted numbers (right-aligned, no wrap).
    ``wide_columns``: long text columns given a minimum width. ``code_columns``: no wrap.
    ``scroll``: wrap the table in a horizontal scroll box (wide tables).
    An empty string in a text cell stays blank (a merged-cell repeat); ``<NA>`` shows ``-``.
    """

    def __init__(self, df: pd.DataFrame, caption: str, *, multiline_columns: Iterable[str] = (),
                 right_columns: Iterable[str] = (), wide_columns: Iterable[str] = (),
                 code_columns: Iterable[str] = (), scroll: bool = False, **kwargs):
        super().__init__(df, caption, **kwargs)
        self.multiline_columns = {c for c in multiline_columns if c in self.df.columns}
        self.right_columns = {c for c in right_columns if c in self.df.columns}
        self.wide_columns = {c for c in wide_columns if c in self.df.columns}
        self.code_columns = {c for c in code_columns if c in self.df.columns}
        self.scroll = scroll

    def numeric_columns(self) -> set[str]:
        return {c for c, k in self.kinds.items() if k != "text"}

    def _classes(self, column: str) -> list[str]:
        classes = []
        if column in self.numeric_columns():
            classes.append("num")
        if column in self.right_columns:
            classes.append("kanan")
        if column in self.multiline_columns:
            classes.append("baris")
        if column in self.wide_columns:
            classes.append("lebar")
        if column in self.code_columns:
            classes.append("kode")
        return classes

    def to_html(self) -> str:
        """Escaped HTML like the shared Table, with the extra column classes and the scroll box."""
        esc = html.escape
        shown = self.display_frame()
        flags = self.marks.fillna(False).astype(bool) if self.marks is not None else None
        bold = set(self.bold_rows)

        def attrs(column: str, extra: Sequence[str] = (), head: bool = False) -> str:
            classes = [c for c in self._classes(column) if not head or c in ("num", "kanan")] + list(extra)
            cls = f' class="{" ".join(classes)}"' if classes else ""
            hl = f' style="background:{HIGHLIGHT}"' if column == self.highlight_column else ""
            return cls + hl

        parts = ['<div class="renstra-gulir">' if self.scroll else "",
                 '<table class="renstra-tabel renstra-teks">', f"<caption>{esc(self.caption)}</caption>",
                 "<thead><tr>"]
        for column in shown.columns:
            parts.append(f"<th{attrs(column, head=True)}>{esc(str(column))}</th>")
        parts.append("</tr></thead><tbody>")
        for i, row in shown.iterrows():
            parts.append('<tr style="font-weight:bold">' if i in bold else "<tr>")
            for column in shown.columns:
                extra = ["beda"] if flags is not None and column in flags.columns and bool(flags.at[i, column]) else []
                parts.append(f"<td{attrs(column, extra)}>{esc(str(row[column]))}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
        if self.scroll:
            parts.append("</div>")
        notes = [n for n in self.note.split("\n") if n.strip()] if self.note else []
        if self.has_marks():
            notes.append(MARK_NOTE)
        parts.append("".join(f'<p class="catatan">{esc(n)}</p>' for n in notes))
        return TABLE_CSS + TEXT_CSS + "".join(parts)

    def export(self, output_dir: Path) -> tuple[Path, Path]:
        """CSV as the shared Table writes it; XLSX with wrapped multi-line cells and the highlight."""
        from openpyxl import load_workbook
        from openpyxl.styles import Alignment, PatternFill

        target = Path(output_dir) / "tables"
        csv_path = files.write_bytes(target / f"{self.name}.csv", self.df.to_csv(index=False).encode("utf-8-sig"))
        xlsx_path = target / f"{self.name}.xlsx"
        with files.atomic_path(xlsx_path) as tmp:
            write_xlsx(self, tmp)
            wb = load_workbook(tmp)
            ws = wb.active
            fill = PatternFill("solid", fgColor=HIGHLIGHT.lstrip("#").upper())
            for j, column in enumerate(self.df.columns, start=1):
                letter = ws.cell(row=2, column=j).column_letter
                if column in self.multiline_columns or column in self.wide_columns:
                    ws.column_dimensions[letter].width = 60
                    for i in range(3, len(self.df) + 3):
                        ws.cell(row=i, column=j).alignment = Alignment(wrap_text=True, vertical="top")
                if column in self.right_columns:
                    for i in range(3, len(self.df) + 3):
                        ws.cell(row=i, column=j).alignment = Alignment(horizontal="right", vertical="top")
                if column == self.highlight_column:
                    for i in range(2, len(self.df) + 3):
                        ws.cell(row=i, column=j).fill = fill
            wb.save(tmp)
        return csv_path, xlsx_path


def publish(page, table: Table) -> Table:
    """Export ``table`` (CSV + XLSX under the page's output directory) and return it for display."""
    table.export(page.output_dir)
    return table


def blank_repeats(df: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Blank (``""``) the cells that repeat the row above, as merged cells in the document.

    ``columns`` are ordered from the outermost level inwards: a cell is blanked only when it and
    every column to its left in ``columns`` equal the row above, so a new branch always shows
    its full path.
    """
    out = df.copy()
    for column in columns:
        out[column] = out[column].astype(object)
    previous: Optional[pd.Series] = None
    for i in df.index:
        row = df.loc[i]
        same = previous is not None
        for column in columns:
            same = same and _text(row[column]) == _text(previous[column])
            if same:
                out.at[i, column] = ""
        previous = row
    return out


# --------------------------------------------------------------------------------------------
# Section 2.4: PPKS types with their count
# --------------------------------------------------------------------------------------------


def criteria_text(kriteria) -> str:
    """The criteria items as bullet lines: ``• item``; lettered sub-items (``a. …``) indented.

    ``kriteria`` is the ``" | "``-joined text of ``2_4_jenis_ppks``; ``""`` when empty.
    """
    text = _text(kriteria).strip()
    if not text:
        return ""
    lines = []
    for item in (part.strip() for part in text.split(CRITERIA_SEPARATOR.strip())):
        if not item:
            continue
        lines.append(SUB_INDENT + item if SUB_ITEM.match(item) else BULLET + item)
    return "\n".join(lines)


def count_year(tahun: int, data_dir=None) -> Optional[int]:
    """Latest year of Tabel 2.3.2 with any count before ``tahun`` (None when there is none)."""
    counts = load(PPKS_COUNTS, data_dir)
    years = counts.loc[counts["jumlah"].notna(), "tahun"]
    return latest_year([int(y) for y in years.unique()], tahun)


@dataclass
class PpksView:
    """The 26 PPKS types of section 2.4 with their Tabel 2.3.2 count in ``year``.

    ``frame`` (one row per type, section 2.4 order): ``no, nama, definisi, kriteria,
    no_tabel_2_3_2, nama_tabel_2_3_2, jumlah, porsi`` (``jumlah``/``porsi`` missing where the
    document prints ``-``, and everywhere when ``year`` is None). ``total``: recomputed total of
    ``year`` (:func:`helpers.core.derive.derived`); ``printed_total``: what the document prints;
    ``total_differs``: True when the audit lists the printed total as different.
    ``history``: counts of every year up to ``year`` (``no`` × ``tahun``), for "never recorded".
    """

    tahun: int
    year: Optional[int]
    frame: pd.DataFrame
    total: Optional[float]
    printed_total: Optional[float]
    total_differs: bool
    history: pd.DataFrame

    @property
    def history_years(self) -> list[int]:
        return sorted(int(y) for y in self.history["tahun"].unique()) if not self.history.empty else []


def ppks_view(tahun: int, data_dir=None) -> PpksView:
    """Join the 26 types with their count of the latest Tabel 2.3.2 year before ``tahun``."""
    types = load(PPKS_TYPES, data_dir)
    counts = load(PPKS_COUNTS, data_dir)
    year = count_year(tahun, data_dir)
    frame = types.copy()
    total = printed = None
    differs = False
    if year is None:
        frame["jumlah"] = pd.array([None] * len(frame), dtype="Float64")
        history = counts.iloc[0:0]
    else:
        of_year = counts[counts["tahun"] == year].set_index("no")["jumlah"]
        frame["jumlah"] = pd.array([_num(of_year.get(n)) for n in frame["no_tabel_2_3_2"]], dtype="Float64")
        derived = derive.derived(PPKS_COUNTS, data_dir)
        hit = derived[(derived["row"] == "total") & (derived["tahun"] == year) & (derived["column"] == "jumlah")]
        total = _num(hit["recomputed"].iloc[0]) if not hit.empty else None
        audit = audit_table(PPKS_COUNTS, data_dir)
        listed = audit[(audit["row"] == "total") & (audit["tahun"] == year) & (audit["measure"] == "jumlah")]
        differs = not listed.empty
        from helpers.core.data import load_printed

        printed_rows = load_printed(PPKS_COUNTS, data_dir)
        p = printed_rows[(printed_rows["row"] == "total") & (printed_rows["tahun"] == year)
                         & (printed_rows["column"] == "jumlah")]
        printed = _num(p["value"].iloc[0]) if not p.empty else None
        history = counts[counts["tahun"] <= year]
    frame["porsi"] = pd.array([None if v is None or pd.isna(v) or not total else float(v) / total * 100
                               for v in frame["jumlah"]], dtype="Float64")
    return PpksView(tahun=tahun, year=year, frame=frame.reset_index(drop=True), total=total,
                    printed_total=printed, total_differs=differs, history=history)


def h_count(year: int) -> str:
    return f"Jumlah PPKS {year}"


def h_share(year: int) -> str:
    return f"Porsi dari total {year} (%)"


def ppks_display(view: PpksView) -> tuple[pd.DataFrame, Optional[pd.DataFrame]]:
    """The table as shown: one row per type plus the Jumlah row (when there is a count year)."""
    f = view.frame
    out = pd.DataFrame({
        "No": pd.array(f["no"], dtype="Int64"),
        "Jenis PPKS": f["nama"].astype(str),
        "Definisi": f["definisi"].astype(str),
        "Kriteria": [criteria_text(k) for k in f["kriteria"]],
    })
    if view.year is None:
        return out, None
    out["No. di Tabel 2.3.2"] = pd.array(f["no_tabel_2_3_2"], dtype="Int64")
    out[h_count(view.year)] = pd.array(f["jumlah"], dtype="Float64")
    out[h_share(view.year)] = pd.array(f["porsi"], dtype="Float64")
    total = pd.DataFrame({
        "No": pd.array([None], dtype="Int64"), "Jenis PPKS": [TOTAL_LABEL], "Definisi": [""], "Kriteria": [""],
        "No. di Tabel 2.3.2": pd.array([None], dtype="Int64"),
        h_count(view.year): pd.array([view.total], dtype="Float64"),
        h_share(view.year): pd.array([100.0 if view.total else None], dtype="Float64"),
    })
    out = pd.concat([out, total], ignore_index=True)
    marks = pd.DataFrame(False, index=out.index, columns=[h_count(view.year)])
    marks.iloc[-1, 0] = view.total_differs
    return out, marks


def ppks_note(view: PpksView) -> str:
    """Footnotes of the PPKS table: where the counts come from, the mapping, the total."""
    lines = ["Definisi dan kriteria: Bagian 2.4, sebagaimana tercetak (termasuk kata yang hilang dalam "
             "ekspor teks, mis. \u201cse anak\u201d untuk \u201cseorang anak\u201d)."]
    if view.year is None:
        lines.append(f"Tabel 2.3.2 belum memuat data untuk tahun sebelum {view.tahun}; kolom jumlah tidak "
                     "ditampilkan.")
        return "\n".join(lines)
    moved = view.frame[view.frame["no"] != view.frame["no_tabel_2_3_2"]]
    lines.append(
        f"Jumlah: Tabel 2.3.2 tahun {view.year} (tahun terakhir yang tersedia sebelum {view.tahun}); "
        "\u201c-\u201d = tidak ada angka di dokumen (bukan nol). Dokumen tidak mencetak satuan "
        "(diasumsikan jiwa). Jenis dicocokkan dengan baris Tabel 2.3.2 menurut makna; "
        f"{len(moved)} jenis berada pada nomor lain di Tabel 2.3.2 (lihat kolom No. di Tabel 2.3.2).")
    if view.total is not None:
        text = (f"Baris {TOTAL_LABEL} dihitung ulang dari angka per jenis: {format_number(view.total)}")
        if view.total_differs and view.printed_total is not None:
            text += f"; dokumen mencetak {format_number(view.printed_total)}"
        lines.append(text + ".")
    return "\n".join(lines)


def ppks_table(view: PpksView) -> TextTable:
    """Section 2.4: the 26 PPKS types with definition, criteria (bullet lines) and count."""
    df, marks = ppks_display(view)
    kinds = {"No": "int", "Jenis PPKS": "text", "Definisi": "text", "Kriteria": "text"}
    bold = []
    if view.year is not None:
        kinds.update({"No. di Tabel 2.3.2": "int", h_count(view.year): "int", h_share(view.year): "dec2"})
        bold = [len(df) - 1]
    return TextTable(df, "Pemerlu Pelayanan Kesejahteraan Sosial (PPKS): jenis, definisi, kriteria dan jumlah",
                     kinds=kinds, marks=marks, note=ppks_note(view), name="2-4-jenis-ppks",
                     multiline_columns=["Kriteria"], wide_columns=["Definisi"], bold_rows=bold)


# --------------------------------------------------------------------------------------------
# PPKS narrative and chart
# --------------------------------------------------------------------------------------------


@dataclass
class PpksFacts:
    """Numbers the PPKS narrative states (each equal to a cell of :func:`ppks_table`)."""

    year: int
    total: float
    recorded: int
    top: list[tuple[str, float, float]]          # (name, count, share %)
    missing: list[str]                           # types with no count in ``year``
    zero: list[str]                              # types counted 0 in ``year``
    never: list[str]                             # types with no count in any year up to ``year``
    first_year: int


def ppks_facts(view: PpksView, n: int = TOP_TYPES) -> Optional[PpksFacts]:
    """The dominant types, the types without a count, and the types never recorded."""
    if view.year is None or view.total is None:
        return None
    f = view.frame
    present = f[f["jumlah"].notna()].sort_values(["jumlah", "no"], ascending=[False, True])
    top = [(str(r.nama), float(r.jumlah), float(r.porsi)) for r in present.head(n).itertuples()]
    missing = [str(x) for x in f.loc[f["jumlah"].isna(), "nama"]]
    zero = [str(x) for x in f.loc[f["jumlah"].notna() & (f["jumlah"] == 0), "nama"]]
    recorded_ever = set(view.history.loc[view.history["jumlah"].notna(), "no"].astype(int))
    never = [str(r.nama) for r in f.itertuples() if int(r.no_tabel_2_3_2) not in recorded_ever]
    return PpksFacts(year=view.year, total=view.total, recorded=len(present), top=top,
                     missing=missing, zero=zero, never=never,
                     first_year=min(view.history_years))


def ppks_narrative(view: PpksView) -> str:
    """Draft narrative: which types dominate the count, which have none recorded."""
    facts = ppks_facts(view)
    if facts is None:
        return (f"Tabel 2.3.2 belum memuat jumlah PPKS untuk tahun sebelum {view.tahun}, sehingga uraian jenis "
                "PPKS pada Bagian 2.4 belum dapat dikaitkan dengan jumlahnya.")
    n_types = len(view.frame)
    esc = markdown_escape
    (name1, count1, share1) = facts.top[0]
    rest = [f"{esc(name)} ({format_number(c)} atau {format_percent(s)})" for name, c, s in facts.top[1:]]
    parts = [
        f"Menurut Tabel 2.3.2, pada tahun {facts.year} tercatat {format_number(facts.total)} PPKS "
        f"di Kabupaten Batu Bara; {facts.recorded} dari {n_types} jenis PPKS memiliki angka.",
        f"Jumlah ini didominasi oleh {esc(name1)} dengan {format_number(count1)} ({format_percent(share1)} dari total)"
        + (f", disusul {join_id(rest)}" if rest else "") + ".",
    ]
    if facts.missing:
        parts.append(f"Sebanyak {len(facts.missing)} jenis tidak memiliki angka pada tahun {facts.year} "
                     f"(tercetak \u201c-\u201d): {esc(join_id(facts.missing))}.")
    if facts.zero:
        parts.append(f"Jenis yang tercatat nol: {esc(join_id(facts.zero))}.")
    if facts.never and facts.first_year < facts.year:
        span = f"{facts.first_year}–{facts.year}"
        parts.append(f"{esc(join_id(facts.never))} tidak pernah tercatat sepanjang {span}; perlu dipastikan apakah "
                     "jenis ini memang tidak ada atau belum didata.")
    if view.total_differs and view.printed_total is not None:
        parts.append(f"Total di atas dihitung ulang dari angka per jenis; dokumen mencetak "
                     f"{format_number(view.printed_total)} (selisih "
                     f"{format_number(view.printed_total - facts.total)}).")
    return " ".join(parts)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def ppks_chart(view: PpksView):
    """Horizontal bars: PPKS count by type in ``view.year``, log scale, types without a count listed.

    Returns None when there is no count year (the notebook then says so in text).
    """
    if view.year is None:
        return None
    import matplotlib.pyplot as plt
    from matplotlib.ticker import LogLocator

    _quiet()
    f = view.frame
    present = f[f["jumlah"].notna() & (f["jumlah"] > 0)].sort_values(["jumlah", "no"], ascending=[True, False])
    absent = f[f["jumlah"].isna() | (f["jumlah"] == 0)].sort_values("no", ascending=False)
    labels = [_wrap(f"{int(r.no)}. {r.nama}", 48) for r in absent.itertuples()] + \
             [_wrap(f"{int(r.no)}. {r.nama}", 48) for r in present.itertuples()]
    n = len(labels)
    fig, ax = plt.subplots(figsize=(10.5, 0.34 * n + 1.8))
    y_absent = list(range(len(absent)))
    y_present = list(range(len(absent), n))
    values = [float(v) for v in present["jumlah"]]
    ax.barh(y_present, values, color=PALETTE[0], edgecolor="black", linewidth=0.5, hatch=HATCHES[1], height=0.7)
    ax.set_xscale("log")
    high = max(values) if values else 10
    ax.set_xlim(0.8, high * 6)
    for y, v in zip(y_present, values):
        ax.text(v * 1.12, y, format_number(v), va="center", ha="left", fontsize=8.5)
    for y, r in zip(y_absent, absent.itertuples()):
        text = "tidak ada angka (\u201c-\u201d)" if pd.isna(r.jumlah) else "0"
        ax.text(0.9, y, text, va="center", ha="left", fontsize=8.5, color="#555555", style="italic")
    if len(absent):
        ax.axhline(len(absent) - 0.5, color="#777777", linewidth=0.8, linestyle="--")
    ax.set_yticks(range(n))
    ax.set_yticklabels(labels, fontsize=8.5)
    ax.set_ylim(-0.6, n - 0.4)
    ax.xaxis.set_major_locator(LogLocator(base=10))
    ax.xaxis.set_major_formatter(id_formatter(0))
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
    ax.set_xlabel("Jumlah PPKS (jiwa; skala logaritmik: tiap garis bantu = 10 kali lipat)")
    ax.set_ylabel("Jenis PPKS (nomor Bagian 2.4)")
    ax.set_title(f"Jumlah PPKS menurut jenis, tahun {view.year} (Tabel 2.3.2)")
    ax.grid(axis="y", visible=False)
    if values:
        top = present.iloc[-1]
        note = (f"Skala logaritmik karena {top['nama']} ({format_number(top['jumlah'])}) jauh melampaui jenis lain.")
        fig.text(0.01, 0.005, note, fontsize=8, color="#333333", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


# --------------------------------------------------------------------------------------------
# Section 2.5: PSKS types; 2.6: problems and Tabel 2.6.1
# --------------------------------------------------------------------------------------------

#: A regency named in a definition other than the document's own (copy-paste from another Renstra).
OTHER_REGENCY = re.compile(r"Kabupaten\s+(?!Batu\s*Bara)([A-Z][\w-]+)")


def psks_notes(data_dir=None) -> list[str]:
    """Observations on the PSKS list, read from the data: items without text, other regencies named."""
    df = load(PSKS_TYPES, data_dir)
    notes = []
    empty = df[df["definisi"].isna()]
    if not empty.empty:
        items = [f"butir {int(r.no)} ({r.nama})" for r in empty.itertuples()]
        notes.append(f"Tercetak tanpa uraian: {join_id(items)}; ditampilkan \u201c-\u201d.")
    for r in df.itertuples():
        match = OTHER_REGENCY.search(_text(r.definisi))
        if match:
            notes.append(f"Uraian butir {int(r.no)} ({r.nama}) menyebut \u201cKabupaten {match.group(1)}\u201d, "
                         "bukan Kabupaten Batu Bara (tercetak demikian; kemungkinan salin dari dokumen lain).")
    if df["kriteria"].isna().all():
        notes.append("Bagian 2.5 tidak memuat kriteria, sehingga kolom kriteria tidak ditampilkan.")
    return notes


def psks_table(data_dir=None) -> TextTable:
    """Section 2.5: the PSKS types with their description."""
    df = load(PSKS_TYPES, data_dir)
    out = pd.DataFrame({"No": pd.array(df["no"], dtype="Int64"), "Potensi dan Sumber Kesejahteraan Sosial":
                        df["nama"].astype(str), "Uraian": df["definisi"]})
    return TextTable(out, f"{len(out)} Potensi dan Sumber Kesejahteraan Sosial (PSKS)",
                     kinds={"No": "int", "Uraian": "text"}, note="\n".join(psks_notes(data_dir)),
                     name="2-5-jenis-psks", wide_columns=["Uraian"])


def permasalahan_table(data_dir=None) -> TextTable:
    """Section 2.6.1: the numbered problem statements."""
    df = load(PROBLEMS, data_dir)
    schema = read_schema(PROBLEMS, data_dir)
    out = pd.DataFrame({"No": pd.array(df["no"], dtype="Int64"), "Permasalahan": df["permasalahan"].astype(str)})
    return TextTable(out, schema.title, kinds={"No": "int"}, name="2-6-1-permasalahan",
                     note="Daftar bernomor sebagaimana tercetak; dokumen tidak mengelompokkannya menurut bidang.")


def isu_table(caption: str, data_dir=None) -> TextTable:
    """Tabel 2.6.1 with all its columns and the document's headers (no ``No`` column is printed)."""
    df = load(ISSUES, data_dir)
    out = pd.DataFrame({header: df[column].astype(str) for column, header in ISSUE_HEADERS.items()})
    return TextTable(out, caption, name="tabel-2-6-1-isu-strategis",
                     note="Kolom Isu Lingkungan Dinamis tercetak sebagai satu judul dengan tiga sub-kolom "
                          "(Global, Nasional, Regional).")


def no_chart_text(view: PpksView) -> str:
    """What the page says instead of the chart when Tabel 2.3.2 has no year before ``tahun``."""
    return (f"Grafik tidak dibuat: Tabel 2.3.2 belum memuat jumlah PPKS untuk tahun sebelum {view.tahun}.")


def page_statement(view: PpksView) -> str:
    """Markdown: what ``tahun`` changes on this page (only the PPKS counts)."""
    if view.year is None:
        years = f"Tabel 2.3.2 belum memuat data sebelum {view.tahun}, sehingga jumlah PPKS tidak ditampilkan."
    else:
        years = (f"Jumlah PPKS per jenis diambil dari Tabel 2.3.2 tahun **{view.year}** "
                 f"(tahun terakhir yang tersedia sebelum {view.tahun}).")
    return (f"**Tahun laporan `tahun` = {view.tahun}.** Daftar jenis PPKS dan PSKS, permasalahan dan Tabel 2.6.1 "
            f"tidak berubah menurut `tahun`. {years}")
