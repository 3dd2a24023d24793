"""Bab IV: the plan page (Tabel 4.1, 4.4.1, 4.5.1, 4.6, 4.7), years 2025–2029.

The notebook ``notebooks/04-rencana-program.ipynb`` only calls this module. It is a *plan* page:
every table shows all plan years; the column of the reporting year ``tahun`` is highlighted, and
Tabel 4.1 also gets a narrow view "Tabel 4.1 — tahun ``tahun``" with the pagu of that year and
the cumulative pagu 2025–``tahun`` (the progress of the plan up to ``tahun``).

Where the figures come from (so every page computes the same thing):

* pagu of every kegiatan, program and bidang urusan, the JUMLAH row, the 5-year pagu and the
  end-of-period target ("Kondisi Kinerja pada Akhir Periode") come from
  :func:`helpers.core.derive.plan_rollup` / :func:`helpers.core.derive.derived` (roll-up from the 98
  sub-kegiatan; end of period by the unit rule of :func:`helpers.core.compute.end_of_period`);
* marks (``*``: the printed figure differs) come from :func:`helpers.core.audit.audit_table`;
* Tabel 4.5.1 / 4.6 end-of-period values come from :func:`helpers.core.derive.derived` too.

The bidang urusan rows (1.06, 2.08) carry no target of their own: the document prints sums of
their programs' targets (different indicators and units) that live only in ``data/printed/``;
they are shown as ``-``.

:class:`PlanTable` is a general capability the shared :class:`helpers.present.Table` lacks:
several highlighted columns, bold rows, italic sub-header rows, right-aligned text columns
(cells that mix a grade and a score, e.g. ``BB (71,30)``) and a horizontal scroll box for wide
tables; the XLSX export keeps the bold rows and the highlight.
"""
from __future__ import annotations

import re
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pandas as pd

from helpers.core.compute import as_number

from helpers.core import compute, derive, files
from helpers.core.audit import KIND_ORDER, KIND_SUMMED_LEVEL, audit_table
from helpers.bab2_anggaran import short_label, title_case
from helpers.core.data import load, read_schema
from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.present.legacy import (HATCHES, MARK_NOTE, PALETTE, TABLE_CSS, Table, id_formatter,
                             markdown_escape, rupiah_axis, write_xlsx)

# --------------------------------------------------------------------------------------------
# Tables and settings
# --------------------------------------------------------------------------------------------

TABLE_PLAN = "4_1_rencana_program"
TABLE_PRIORITY = "4_4_1_subkegiatan_prioritas"
TABLE_IKU = "4_5_1_iku_target"
TABLE_IKK = "4_6_ikk_target"
TABLE_SPM = "4_7_spm_target"

#: Years the page applies to (as in notebooks/pages.yaml).
PAGE_YEARS = (2025, 2029)

TOTAL_ROW = "total"
TOTAL_LABEL = "JUMLAH"
#: Prefix of the uraian per level (HTML collapses leading spaces, so a visible marker is used).
INDENT = {"urusan": "", "bidang_urusan": "", "program": "", "kegiatan": "· ", "sub_kegiatan": "· · ",
          "total": ""}
LEVEL_NAMES = {"bidang_urusan": "bidang urusan", "program": "program", "kegiatan": "kegiatan",
               "sub_kegiatan": "sub kegiatan"}
#: Rows printed in bold in Tabel 4.1.
BOLD_LEVELS = ("bidang_urusan", "program", "total")

#: Names of the urusan by the first digit of the code (Kepmendagri 050-5889 / UU 23/2014 Pasal 11-12).
#: Tabel 4.1 prints no urusan row: the name is read from the nomenclature, not from the document.
URUSAN_NAMES = {
    "1": "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    "2": "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
    "3": "Urusan Pemerintahan Pilihan",
}
#: Short names of bidang urusan in charts and text (the document's own abbreviation PPPA).
BIDANG_SHORT = {"Pemberdayaan Perempuan dan Perlindungan Anak": "PPPA"}

#: Number of programs named as largest in the narrative.
TOP_PROGRAMS = 3

#: Colours of stacked charts: the palette without black (hatches would not show on it).
STACK_COLORS = [c for c in PALETTE if c != "#000000"]
#: Background of the highlighted ``tahun`` (same as the table highlight).
HIGHLIGHT = "#fff3c4"


_num = as_number


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def year_span(first: int, last: int) -> str:
    """``2025–2027``, or ``2025`` when both are the same year."""
    return str(first) if first == last else f"{first}–{last}"


def col(measure: str, year: int) -> str:
    """Internal column of a yearly figure: ``pagu_2025``, ``target_2029``."""
    return f"{measure}_{year}"


def value_decimals(value) -> int:
    """Decimals to show a target as the document does: 0 for whole numbers, else 2."""
    v = _num(value)
    return 0 if v is None or float(v).is_integer() else 2


def format_target(value) -> str:
    """A target as the document prints it: ``100``, ``10,68``, ``1.030``; ``-`` for none."""
    return format_number(value, value_decimals(value))


def integral_kind(values: Iterable) -> str:
    """``int`` when every present value is a whole number (targets of Tabel 4.1), else ``dec2``."""
    present = [_num(v) for v in values if _num(v) is not None]
    return "int" if all(float(v).is_integer() for v in present) else "dec2"


# --------------------------------------------------------------------------------------------
# PlanTable: several highlighted columns, bold rows, sub-header rows
# --------------------------------------------------------------------------------------------

#: Extra CSS: text left-aligned (nbconvert's CSS right-aligns every cell with a selector of
#: specificity (0,2,1), so two classes are needed to win), wrapping headers, a scroll box.
PLAN_CSS = """<style>
div.renstra-gulir{overflow-x:auto;max-width:100%}
table.renstra-tabel.renstra-rencana td,table.renstra-tabel.renstra-rencana th{text-align:left}
table.renstra-tabel.renstra-rencana td.num,table.renstra-tabel.renstra-rencana th.num{text-align:right}
table.renstra-tabel.renstra-rencana th{white-space:normal;min-width:5.5em;vertical-align:bottom}
table.renstra-tabel.renstra-rencana td.lebar{min-width:18em;max-width:30em}
table.renstra-tabel.renstra-rencana td.kode{white-space:nowrap}
table.renstra-tabel.renstra-rencana tr.subjudul td{font-style:italic;background:#f6f6f6}
</style>"""


class PlanTable(Table):
    """A :class:`~helpers.present.Table` with extras for the plan tables.

    ``bold_rows`` / ``section_rows``: 0-based row positions shown in bold / as italic sub-headers
    (their empty number cells stay blank instead of ``-``). ``highlight_columns``: columns of the
    reporting year (yellow). ``right_columns``: text columns holding formatted numbers (mixed
    cells such as ``BB (71,30)``), right-aligned. ``wide_columns``: long text columns.
    """

    def __init__(self, df: pd.DataFrame, caption: str, *, bold_rows: Iterable[int] = (),
                 section_rows: Iterable[int] = (), highlight_columns: Iterable[str] = (),
                 right_columns: Iterable[str] = (), wide_columns: Iterable[str] = (),
                 code_columns: Iterable[str] = ("Kode",), **kwargs):
        super().__init__(df, caption, **kwargs)
        self.bold_rows = sorted({int(i) for i in bold_rows})
        self.section_rows = sorted({int(i) for i in section_rows})
        self.highlight_columns = [c for c in highlight_columns if c in self.df.columns]
        self.right_columns = {c for c in right_columns if c in self.df.columns}
        self.wide_columns = {c for c in wide_columns if c in self.df.columns}
        self.code_columns = {c for c in code_columns if c in self.df.columns}

    def numeric_columns(self) -> set[str]:
        return {c for c, k in self.kinds.items() if k != "text"} | self.right_columns

    def display_frame(self) -> pd.DataFrame:
        out = super().display_frame()
        for i in self.section_rows:
            for c in out.columns:
                if self.kinds[c] != "text" and (self.df.at[i, c] is None or pd.isna(self.df.at[i, c])):
                    out.at[i, c] = ""
        return out

    def to_html(self) -> str:
        import html

        esc = html.escape
        shown = self.display_frame()
        numeric = self.numeric_columns()
        flags = self.marks.fillna(False).astype(bool) if self.marks is not None else None
        highlight = set(self.highlight_columns)
        bold, section = set(self.bold_rows), set(self.section_rows)

        def cell_attrs(col_name, classes):
            if col_name in numeric:
                classes.append("num")
            if col_name in self.wide_columns:
                classes.append("lebar")
            if col_name in self.code_columns:
                classes.append("kode")
            cls = f' class="{" ".join(classes)}"' if classes else ""
            style = f' style="background:{HIGHLIGHT}"' if col_name in highlight else ""
            return cls + style

        parts = ['<div class="renstra-gulir"><table class="renstra-tabel renstra-rencana">',
                 f"<caption>{esc(self.caption)}</caption>", "<thead><tr>"]
        for c in shown.columns:
            parts.append(f"<th{cell_attrs(c, [])}>{esc(str(c))}</th>")
        parts.append("</tr></thead><tbody>")
        for i, row in shown.iterrows():
            if i in section:
                parts.append('<tr class="subjudul">')
            elif i in bold:
                parts.append('<tr style="font-weight:bold">')
            else:
                parts.append("<tr>")
            for c in shown.columns:
                classes = []
                if flags is not None and c in flags.columns and bool(flags.at[i, c]):
                    classes.append("beda")
                parts.append(f"<td{cell_attrs(c, classes)}>{esc(str(row[c]))}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table></div>")
        notes = [n for n in self.note.split("\n") if n.strip()] if self.note else []
        if self.has_marks():
            notes.append(MARK_NOTE)
        parts.append("".join(f'<p class="catatan">{esc(n)}</p>' for n in notes))
        return TABLE_CSS + PLAN_CSS + "".join(parts)

    def export(self, output_dir: Path) -> tuple[Path, Path]:
        """CSV as the shared Table writes it; XLSX with bold rows, italic sub-headers and the highlight."""
        from openpyxl import load_workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        target = Path(output_dir) / "tables"
        csv_path = files.write_bytes(target / f"{self.name}.csv", self.df.to_csv(index=False).encode("utf-8-sig"))
        xlsx_path = target / f"{self.name}.xlsx"
        with files.atomic_path(xlsx_path) as tmp:
            write_xlsx(self, tmp)
            wb = load_workbook(tmp)
            ws = wb.active
            ncols = len(self.df.columns)
            for i in self.bold_rows:
                for j in range(1, ncols + 1):
                    ws.cell(row=i + 3, column=j).font = Font(bold=True)
            for i in self.section_rows:
                for j in range(1, ncols + 1):
                    ws.cell(row=i + 3, column=j).font = Font(italic=True)
            fill = PatternFill("solid", fgColor=HIGHLIGHT.lstrip("#").upper())
            for j, c in enumerate(self.df.columns, start=1):
                if c in self.highlight_columns:
                    for i in range(2, len(self.df) + 3):
                        ws.cell(row=i, column=j).fill = fill
                if c in self.right_columns:
                    for i in range(3, len(self.df) + 3):
                        ws.cell(row=i, column=j).alignment = Alignment(horizontal="right")
            if self.marks is not None:
                flags = self.marks.fillna(False).astype(bool)
                for j, c in enumerate(self.df.columns, start=1):
                    if c in flags.columns:
                        for i in flags.index[flags[c]]:
                            cell = ws.cell(row=int(i) + 3, column=j)
                            cell.font = Font(bold=cell.font.bold, italic=cell.font.italic, underline="single")
            wb.save(tmp)
        return csv_path, xlsx_path


def publish(page, table: Table) -> Table:
    """Export ``table`` (CSV + XLSX under the page's output directory) and return it for display."""
    table.export(page.output_dir)
    return table


# --------------------------------------------------------------------------------------------
# Tabel 4.1: the recomputed plan
# --------------------------------------------------------------------------------------------


@dataclass
class PlanView:
    """Tabel 4.1 recomputed, for reporting year ``tahun``.

    ``frame``: one row per code in document order, then the JUMLAH row (``kode`` = ``total``,
    ``level`` = ``total``). Columns ``kode, parent_kode, level, uraian, indikator, satuan,
    satuan_teks``, ``target_<y>`` and ``pagu_<y>`` per plan year, ``target_akhir``,
    ``pagu_akhir`` and ``rule_akhir`` (``last`` / ``sum``; empty for bidang urusan and JUMLAH).
    ``marks``: same shape, True where :func:`helpers.core.audit.audit_table` lists the printed cell.
    """

    tahun: int
    years: list[int]
    frame: pd.DataFrame
    marks: pd.DataFrame
    audit: pd.DataFrame
    data_dir: Optional[Path] = None

    @property
    def first(self) -> int:
        return self.years[0]

    @property
    def last(self) -> int:
        return self.years[-1]

    @property
    def span(self) -> str:
        return year_span(self.first, self.last)

    @property
    def total(self) -> pd.Series:
        return self.frame[self.frame["kode"] == TOTAL_ROW].iloc[0]

    def level(self, level: str) -> pd.DataFrame:
        return self.frame[self.frame["level"] == level]

    @property
    def programs(self) -> pd.DataFrame:
        return self.level("program")

    @property
    def bidang(self) -> pd.DataFrame:
        return self.level("bidang_urusan")

    def row(self, kode: str) -> pd.Series:
        match = self.frame[self.frame["kode"] == str(kode)]
        if match.empty:
            raise KeyError(f"code {kode!r} is not in Tabel 4.1")
        return match.iloc[0]

    def value(self, kode: str, column: str) -> Optional[float]:
        """One recomputed figure (None for no value)."""
        return _num(self.row(kode)[column])

    def cumulative(self, kode: str, upto: Optional[int] = None) -> Optional[float]:
        """Pagu of ``kode`` summed over the plan years up to ``upto`` (default ``tahun``); None if all blank."""
        upto = self.tahun if upto is None else upto
        values = [self.value(kode, col("pagu", y)) for y in self.years if y <= upto]
        present = [v for v in values if v is not None]
        return sum(present) if present else None


def plan_years(data_dir=None) -> list[int]:
    """The plan years of Tabel 4.1 (2025–2029)."""
    return sorted(int(y) for y in load(TABLE_PLAN, data_dir)["tahun"].dropna().unique())


def check_tahun(tahun: int, years: Sequence[int]) -> int:
    """``tahun`` as int; a clear error when it is not a plan year of Tabel 4.1."""
    if int(tahun) not in set(years):
        raise ValueError(f"tahun={tahun} is not a plan year of Tabel 4.1; expected one of "
                         f"{year_span(min(years), max(years))}")
    return int(tahun)


def plan_view(tahun: int, data_dir=None) -> PlanView:
    """Recompute Tabel 4.1 (roll-ups, JUMLAH, end of period) and mark the printed cells that differ."""
    df = load(TABLE_PLAN, data_dir)
    years = sorted(int(y) for y in df["tahun"].dropna().unique())
    tahun = check_tahun(tahun, years)
    rolled = derive.plan_rollup(df)
    der = derive.derived(TABLE_PLAN, data_dir)
    pagu = {(k, int(t)): _num(v) for k, t, v in zip(rolled["kode"], rolled["tahun"], rolled["pagu"])}
    target = {(k, int(t)): _num(v) for k, t, v in zip(df["kode"], df["tahun"], df["target"])}
    period = der[der["tahun"].isna()]
    akhir = {(str(r), str(c)): _num(v) for r, c, v in zip(period["row"], period["column"], period["recomputed"])}
    yearly_total = der[(der["row"] == TOTAL_ROW) & (der["column"] == "pagu") & der["tahun"].notna()]
    total_by_year = {int(t): _num(v) for t, v in zip(yearly_total["tahun"], yearly_total["recomputed"])}
    meta = df.drop_duplicates("kode")
    records = []
    for m in meta.itertuples():
        bidang = m.level in ("urusan", "bidang_urusan")
        rec = dict(kode=m.kode, parent_kode=None if pd.isna(m.parent_kode) else m.parent_kode, level=m.level,
                   uraian=m.uraian, indikator=None if pd.isna(m.indikator) else m.indikator,
                   satuan=None if pd.isna(m.satuan) else m.satuan,
                   satuan_teks=None if pd.isna(m.satuan_teks) else m.satuan_teks)
        for y in years:
            rec[col("target", y)] = None if bidang else target.get((m.kode, y))
            rec[col("pagu", y)] = pagu.get((m.kode, y))
        rec["target_akhir"] = None if bidang else akhir.get((m.kode, "target_akhir"))
        rec["pagu_akhir"] = akhir.get((m.kode, "pagu_akhir"))
        rec["rule_akhir"] = None if bidang else compute.end_of_period_rule(rec["satuan"])
        records.append(rec)
    total = dict(kode=TOTAL_ROW, parent_kode=None, level="total", uraian=TOTAL_LABEL, indikator=None,
                 satuan=None, satuan_teks=None, target_akhir=None, pagu_akhir=akhir.get((TOTAL_ROW, "pagu_akhir")),
                 rule_akhir=None)
    for y in years:
        total[col("target", y)] = None
        total[col("pagu", y)] = total_by_year.get(y)
    records.append(total)
    frame = pd.DataFrame.from_records(records)
    numeric = [col(m, y) for y in years for m in ("target", "pagu")] + ["target_akhir", "pagu_akhir"]
    frame[numeric] = frame[numeric].astype("Float64")
    audit = audit_table(TABLE_PLAN, data_dir)
    return PlanView(tahun=tahun, years=years, frame=frame, marks=marks_for(frame, audit, years), audit=audit,
                    data_dir=None if data_dir is None else Path(data_dir))


def audit_column(measure: str, tahun) -> Optional[str]:
    """The frame column of an audit row: ``pagu`` + 2026 → ``pagu_2026``; ``target_akhir`` → itself."""
    if measure in ("target_akhir", "pagu_akhir"):
        return measure
    if measure in ("pagu", "target") and tahun is not None and not pd.isna(tahun):
        return col(measure, int(tahun))
    return None


def marks_for(frame: pd.DataFrame, audit: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Boolean frame shaped like ``frame``: True where the audit lists the printed figure as different.

    Cells shown as ``-`` on purpose (targets of bidang urusan rows) are not marked.
    """
    marks = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    position = {k: i for i, k in zip(frame.index, frame["kode"])}
    levels = dict(zip(frame["kode"], frame["level"]))
    for a in audit.itertuples():
        i = position.get(str(a.row))
        name = audit_column(str(a.measure), a.tahun)
        if i is None or name is None or name not in marks.columns:
            continue
        if levels.get(str(a.row)) in ("urusan", "bidang_urusan") and name.startswith("target"):
            continue
        marks.at[i, name] = True
    return marks


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def bidang_name(uraian: str) -> str:
    """``URUSAN PEMERINTAHAN B IDANG SOSIAL`` → ``Sosial`` (the printed typo "B IDANG" tolerated)."""
    match = re.search(r"B\s?IDANG\s+(.*)$", str(uraian), flags=re.IGNORECASE)
    text = match.group(1) if match else str(uraian)
    return title_case(text.strip()) if text.isupper() else text.strip()


def bidang_short(uraian: str) -> str:
    """Short name for charts and text: ``Sosial``, ``PPPA``."""
    name = bidang_name(uraian)
    return BIDANG_SHORT.get(name, name)


def urusan_name(kode: str) -> str:
    """Name of the urusan of a code by its first digit (nomenclature, not printed in Tabel 4.1)."""
    return URUSAN_NAMES.get(str(kode).split(".")[0], f"Urusan {str(kode).split('.')[0]}")


def program_short(uraian: str) -> str:
    """A program's name without "Program", title case, letters after "/" capitalised (``Kabupaten/Kota``)."""
    return re.sub(r"/(\w)", lambda m: "/" + m.group(1).upper(), short_label(uraian))


def program_label(kode: str, uraian: str) -> str:
    """``1.06.04 Rehabilitasi Sosial`` (charts)."""
    return f"{kode} {program_short(uraian)}"


def program_text(uraian: str) -> str:
    """A program's name in running text: ``Program Rehabilitasi Sosial`` (escaped for Markdown)."""
    return markdown_escape(f"Program {program_short(uraian)}")


def uraian_text(level: str, uraian: str) -> str:
    return INDENT.get(level, "") + _text(uraian)


# --------------------------------------------------------------------------------------------
# Tabel 4.1 in full
# --------------------------------------------------------------------------------------------

H_KODE = "Kode"
H_URAIAN = "Program/ Kegiatan/ Sub Kegiatan"
H_INDIKATOR = "Indikator Kinerja (Kepmendagri 050-5889)"
H_SATUAN = "Satuan"


def h_target(year) -> str:
    return f"Target {year}"


def h_pagu(year) -> str:
    return f"Pagu {year} (Rp)"


H_TARGET_AKHIR = "Kondisi akhir periode: Target"


def h_pagu_akhir(view: PlanView) -> str:
    return f"Kondisi akhir periode: Pagu {view.span} (Rp)"


def _measure_text(measure: str, tahun) -> str:
    if measure == "pagu_akhir":
        return "pagu akhir periode (5 tahun)"
    if measure == "target_akhir":
        return "target akhir periode"
    return f"{measure} {int(tahun)}" if tahun is not None and not pd.isna(tahun) else measure


def _audit_value(measure: str, value) -> str:
    if value is None or pd.isna(value):
        return "\u201c-\u201d (kosong)"
    return format_number(value, 0) if measure.startswith("pagu") else format_target(value)


def _row_label(view: PlanView, kode: str, label: str) -> str:
    if kode == TOTAL_ROW:
        return TOTAL_LABEL
    return f"{kode} {label}".strip()


def audit_lines(view: PlanView, audit: Optional[pd.DataFrame] = None) -> list[str]:
    """Sentences listing the marked cells of Tabel 4.1, arithmetic ones one by one, summed levels together."""
    audit = view.audit if audit is None else audit
    if audit.empty:
        return ["Semua angka turunan yang tercetak sama dengan hasil hitung ulang (dalam batas pembulatan)."]
    counts = audit["kind"].value_counts()
    kinds = [k for k in KIND_ORDER if k in counts.index]
    lines = [f"Tanda *: {format_number(len(audit))} sel berbeda dengan angka tercetak di dokumen ("
             + "; ".join(f"{format_number(counts[k])} {k}" for k in kinds) + ")."]
    for a in audit[audit["kind"] != KIND_SUMMED_LEVEL].itertuples():
        lines.append(f"{_row_label(view, str(a.row), str(a.label))}, {_measure_text(a.measure, a.tahun)}: tercetak "
                     f"{_audit_value(a.measure, a.printed)}, dihitung ulang {_audit_value(a.measure, a.recomputed)}.")
    summed = audit[audit["kind"] == KIND_SUMMED_LEVEL]
    if len(summed):
        listed = "; ".join(f"{a.row}: {_audit_value(a.measure, a.printed)} \u2192 {_audit_value(a.measure, a.recomputed)}"
                           for a in summed.itertuples())
        lines.append("Target akhir periode indikator persen/skor yang dokumen jumlahkan selama lima tahun (tercetak "
                     f"\u2192 nilai tahun terakhir yang ditampilkan): {listed}.")
    return lines


def percent_counts(view: PlanView) -> pd.DataFrame:
    """Rows whose satuan is % but whose targets exceed 100: counts printed with the unit "persen"."""
    cols = [col("target", y) for y in view.years]
    rows = view.frame[(view.frame["satuan"] == "%")]
    big = rows[cols].astype("Float64").gt(100).fillna(False).any(axis=1)
    return rows[big.to_numpy(dtype=bool)]


def plan_note(view: PlanView) -> str:
    """Note under the full Tabel 4.1 (levels, what is recomputed, end-of-period rule, marks)."""
    leaves = view.level("sub_kegiatan")
    notes = [
        "Uraian: baris bidang urusan dan program dicetak tebal, \u201c· \u201d = kegiatan, \u201c· · \u201d = sub "
        f"kegiatan. Pagu kegiatan, program, bidang urusan dan {TOTAL_LABEL} dihitung ulang dari pagu "
        f"{format_number(len(leaves))} sub kegiatan; pagu akhir periode = jumlah pagu {view.span}. Kolom tahun "
        f"{view.tahun} disorot. \u201c-\u201d = tidak ada nilai (sel kosong atau \u201c-\u201d di dokumen); 0 = "
        "tercetak 0.",
        "Target akhir periode mengikuti satuan: untuk persen, skor, indeks, rasio dan nilai diambil target tahun "
        "terakhir; untuk satuan jumlah (orang, dokumen, laporan, paket, dll.) dijumlahkan lima tahun; baris tanpa "
        "satuan dijumlahkan.",
        "Baris bidang urusan tidak punya indikator sendiri: dokumen mencetak jumlah target program-programnya "
        "(indikator dan satuan berbeda), sehingga di sini ditampilkan \u201c-\u201d.",
    ]
    odd = percent_counts(view)
    if len(odd):
        notes.append("Perlu dikonfirmasi: " + _join([str(k) for k in odd["kode"]]) + " bersatuan persen tetapi "
                     "targetnya di atas 100 (tampaknya jumlah orang); akhir periodenya mengikuti aturan satuan persen "
                     "(nilai tahun terakhir).")
    notes.extend(audit_lines(view))
    return "\n".join(notes)


def plan_display(view: PlanView) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Tabel 4.1 as in the document: the frame with Indonesian headers, its marks and kinds."""
    f = view.frame
    target_cols = [col("target", y) for y in view.years] + ["target_akhir"]
    tkind = integral_kind(pd.concat([f[c] for c in target_cols]))
    out = pd.DataFrame({
        H_KODE: ["" if k == TOTAL_ROW else k for k in f["kode"]],
        H_URAIAN: [uraian_text(l, u) for l, u in zip(f["level"], f["uraian"])],
        H_INDIKATOR: list(f["indikator"]),
        H_SATUAN: list(f["satuan_teks"]),
    })
    kinds = {H_KODE: "text", H_URAIAN: "text", H_INDIKATOR: "text", H_SATUAN: "text"}
    marks = pd.DataFrame(False, index=out.index, columns=out.columns)
    pairs = []
    for y in view.years:
        pairs += [(col("target", y), h_target(y), tkind), (col("pagu", y), h_pagu(y), "rupiah")]
    pairs += [("target_akhir", H_TARGET_AKHIR, tkind), ("pagu_akhir", h_pagu_akhir(view), "rupiah")]
    for internal, header, kind in pairs:
        out[header] = f[internal].to_numpy()
        marks[header] = view.marks[internal].to_numpy()
        kinds[header] = kind
    # the JUMLAH row has no indicator and no satuan: blank, not "-"
    last = len(out) - 1
    out.at[last, H_INDIKATOR] = ""
    out.at[last, H_SATUAN] = ""
    return out, marks, kinds


def plan_table(view: PlanView) -> PlanTable:
    """Tabel 4.1 in full (all codes, target and pagu 2025–2029, end of period, JUMLAH)."""
    out, marks, kinds = plan_display(view)
    bold = [i for i, level in enumerate(view.frame["level"]) if level in BOLD_LEVELS]
    caption = read_schema(TABLE_PLAN, view.data_dir).caption + f" ({view.span}, kolom {view.tahun} disorot)"
    return PlanTable(out, caption, kinds=kinds, marks=marks, note=plan_note(view), name="tabel-4-1-rencana-program",
                     bold_rows=bold, highlight_columns=[h_target(view.tahun), h_pagu(view.tahun)],
                     wide_columns=[H_URAIAN, H_INDIKATOR])


# --------------------------------------------------------------------------------------------
# Tabel 4.1 — tahun: progress of the plan up to tahun
# --------------------------------------------------------------------------------------------


def h_cumulative(view: PlanView) -> str:
    return f"Pagu kumulatif {year_span(view.first, view.tahun)} (Rp)"


def h_cumulative_share(view: PlanView) -> str:
    return f"Pagu kumulatif terhadap pagu {view.span} (%)"


def year_frame(view: PlanView) -> pd.DataFrame:
    """Per code (document order, JUMLAH last): target and pagu of ``tahun``, cumulative pagu and its share."""
    f = view.frame
    t = view.tahun
    upto = [col("pagu", y) for y in view.years if y <= t]
    cumulative = [_num(v) for v in f[upto].astype("Float64").sum(axis=1, min_count=1)]
    share = [None if c is None or not _num(a) else c / _num(a) * 100 for c, a in zip(cumulative, f["pagu_akhir"])]
    out = pd.DataFrame({
        "kode": list(f["kode"]), "level": list(f["level"]), "uraian": list(f["uraian"]),
        "indikator": list(f["indikator"]), "satuan_teks": list(f["satuan_teks"]),
        "target": f[col("target", t)].to_numpy(), "pagu": f[col("pagu", t)].to_numpy(),
        "kumulatif": pd.array(cumulative, dtype="Float64"), "porsi_kumulatif": pd.array(share, dtype="Float64"),
    })
    return out


def leaves_with_pagu(view: PlanView, year: Optional[int] = None) -> int:
    """How many sub-kegiatan have a positive pagu in ``year`` (default ``tahun``)."""
    year = view.tahun if year is None else year
    leaves = view.level("sub_kegiatan")
    return int(leaves[col("pagu", year)].fillna(0).gt(0).sum())


def year_note(view: PlanView) -> str:
    t = view.tahun
    n_leaves = len(view.level("sub_kegiatan"))
    notes = [f"Kemajuan rencana sampai {t}: pagu {t}, pagu kumulatif {year_span(view.first, t)} dan bagiannya dari "
             f"pagu lima tahun {view.span} (pagu kumulatif / pagu akhir periode × 100). Angka dihitung ulang dari pagu "
             f"sub kegiatan. Pada {t}, {format_number(leaves_with_pagu(view))} dari {format_number(n_leaves)} sub "
             f"kegiatan memiliki pagu (lebih dari 0)."]
    shown = view.audit[(view.audit["measure"] == "pagu") & (view.audit["tahun"] == t)] if len(view.audit) else view.audit
    if len(shown):
        notes.extend(audit_lines(view, shown.reset_index(drop=True)))
    return "\n".join(notes)


def year_table(view: PlanView) -> PlanTable:
    """The narrow view "Tabel 4.1 — tahun ``tahun``"."""
    g = year_frame(view)
    t = view.tahun
    target_kind = integral_kind(g["target"])
    out = pd.DataFrame({
        H_KODE: ["" if k == TOTAL_ROW else k for k in g["kode"]],
        "Uraian": [uraian_text(l, u) for l, u in zip(g["level"], g["uraian"])],
        "Indikator": list(g["indikator"]),
        H_SATUAN: list(g["satuan_teks"]),
        h_target(t): g["target"].to_numpy(),
        h_pagu(t): g["pagu"].to_numpy(),
        h_cumulative(view): g["kumulatif"].to_numpy(),
        h_cumulative_share(view): g["porsi_kumulatif"].to_numpy(),
    })
    last = len(out) - 1
    out.at[last, "Indikator"] = ""
    out.at[last, H_SATUAN] = ""
    marks = pd.DataFrame(False, index=out.index, columns=out.columns)
    marks[h_pagu(t)] = view.marks[col("pagu", t)].to_numpy()
    kinds = {H_KODE: "text", "Uraian": "text", "Indikator": "text", H_SATUAN: "text", h_target(t): target_kind,
             h_pagu(t): "rupiah", h_cumulative(view): "rupiah", h_cumulative_share(view): "dec2"}
    bold = [i for i, level in enumerate(g["level"]) if level in BOLD_LEVELS]
    caption = (f"Tabel 4.1 — tahun {t}: Rencana Program, Kegiatan, Sub Kegiatan dan Pendanaan (pagu {t} dan "
               f"kumulatif {year_span(view.first, t)})")
    return PlanTable(out, caption, kinds=kinds, marks=marks, note=year_note(view), name=f"tabel-4-1-tahun-{t}",
                     bold_rows=bold, highlight_columns=[h_target(t), h_pagu(t)], wide_columns=["Uraian", "Indikator"])


# --------------------------------------------------------------------------------------------
# Totals per urusan / bidang urusan and per program
# --------------------------------------------------------------------------------------------


def h_share(label) -> str:
    return f"Porsi {label} (%)"


def share(part, whole) -> Optional[float]:
    p, w = _num(part), _num(whole)
    if p is None or w is None or w == 0:
        return None
    return p / w * 100


def bidang_frame(view: PlanView) -> pd.DataFrame:
    """Per bidang urusan and JUMLAH: pagu per year and for the period, shares of the total."""
    rows = pd.concat([view.bidang, view.frame[view.frame["kode"] == TOTAL_ROW]])
    total = view.total
    records = []
    for r in rows.itertuples():
        is_total = r.kode == TOTAL_ROW
        rec = {"kode": r.kode, "urusan": "" if is_total else urusan_name(r.kode),
               "bidang": TOTAL_LABEL if is_total else bidang_name(r.uraian),
               "short": TOTAL_LABEL if is_total else bidang_short(r.uraian)}
        for y in view.years:
            rec[col("pagu", y)] = _num(getattr(r, col("pagu", y)))
            rec[col("porsi", y)] = share(rec[col("pagu", y)], total[col("pagu", y)])
        rec["pagu_akhir"] = _num(r.pagu_akhir)
        rec["porsi_akhir"] = share(r.pagu_akhir, total["pagu_akhir"])
        records.append(rec)
    frame = pd.DataFrame.from_records(records)
    numeric = [c for c in frame.columns if c not in ("kode", "urusan", "bidang", "short")]
    frame[numeric] = frame[numeric].astype("Float64")
    return frame


def bidang_table(view: PlanView) -> PlanTable:
    """Pagu per urusan / bidang urusan and the grand total, each year and for the period (recomputed)."""
    g = bidang_frame(view)
    out = pd.DataFrame({H_KODE: ["" if k == TOTAL_ROW else k for k in g["kode"]], "Urusan": list(g["urusan"]),
                        "Bidang urusan": list(g["bidang"])})
    kinds = {H_KODE: "text", "Urusan": "text", "Bidang urusan": "text"}
    marks = pd.DataFrame(False, index=out.index, columns=out.columns)
    position = {k: i for i, k in zip(view.frame.index, view.frame["kode"])}
    idx = [position[k] for k in g["kode"]]
    for y in view.years:
        out[h_pagu(y)] = g[col("pagu", y)].to_numpy()
        kinds[h_pagu(y)] = "rupiah"
        marks[h_pagu(y)] = view.marks.loc[idx, col("pagu", y)].to_numpy()
    out[f"Pagu {view.span} (Rp)"] = g["pagu_akhir"].to_numpy()
    kinds[f"Pagu {view.span} (Rp)"] = "rupiah"
    marks[f"Pagu {view.span} (Rp)"] = view.marks.loc[idx, "pagu_akhir"].to_numpy()
    out[h_share(view.tahun)] = g[col("porsi", view.tahun)].to_numpy()
    out[h_share(view.span)] = g["porsi_akhir"].to_numpy()
    kinds[h_share(view.tahun)] = kinds[h_share(view.span)] = "dec2"
    marks = marks.reindex(columns=out.columns, fill_value=False)
    note = ("Tabel 4.1 tidak mencetak baris urusan; nama urusan menurut kode nomenklatur (digit pertama: 1 = wajib "
            "pelayanan dasar, 2 = wajib bukan pelayanan dasar). Setiap urusan di sini hanya memuat satu bidang urusan, "
            f"sehingga jumlah urusan sama dengan jumlah bidang urusannya. Pagu dihitung ulang dari sub kegiatan; "
            f"porsi = pagu bidang / {TOTAL_LABEL} × 100.")
    extra = audit_lines(view, view.audit[view.audit["measure"].isin(["pagu", "pagu_akhir"])
                                         & view.audit["row"].isin(list(g["kode"]))].reset_index(drop=True))
    if view.marks.loc[idx].to_numpy().any():
        note += "\n" + "\n".join(extra)
    return PlanTable(out, f"Rekapitulasi pagu indikatif per urusan dan bidang urusan {view.span} (Tabel 4.1, dihitung "
                     "ulang)", kinds=kinds, marks=marks, note=note, name="tabel-4-1-rekap-bidang-urusan",
                     bold_rows=[len(out) - 1], highlight_columns=[h_pagu(view.tahun), h_share(view.tahun)],
                     wide_columns=["Urusan"])


def program_frame(view: PlanView) -> pd.DataFrame:
    """Programs (document order) and JUMLAH: pagu of ``tahun`` and of the period, shares, growth first→last year."""
    rows = pd.concat([view.programs, view.frame[view.frame["kode"] == TOTAL_ROW]])
    total = view.total
    t = view.tahun
    records = []
    for r in rows.itertuples():
        first, last = _num(getattr(r, col("pagu", view.first))), _num(getattr(r, col("pagu", view.last)))
        records.append({
            "kode": r.kode, "parent_kode": r.parent_kode, "uraian": r.uraian,
            "pagu_tahun": _num(getattr(r, col("pagu", t))),
            "porsi_tahun": share(getattr(r, col("pagu", t)), total[col("pagu", t)]),
            "pagu_akhir": _num(r.pagu_akhir), "porsi_akhir": share(r.pagu_akhir, total["pagu_akhir"]),
            "first": first, "last": last,
            "growth_total": compute.growth_total(first, last),
            "cagr": compute.cagr(first, last, view.last - view.first),
        })
    frame = pd.DataFrame.from_records(records)
    for c in ("pagu_tahun", "porsi_tahun", "pagu_akhir", "porsi_akhir", "first", "last", "growth_total", "cagr"):
        frame[c] = frame[c].astype("Float64")
    return frame


def h_growth(view: PlanView) -> str:
    return f"Pertumbuhan total {view.first}–{view.last} (%)"


def h_cagr(view: PlanView) -> str:
    return f"CAGR {view.first}–{view.last} (% per tahun)"


def program_table(view: PlanView) -> PlanTable:
    """Pagu per program: ``tahun`` and the period with their shares, and growth of the yearly pagu."""
    g = program_frame(view)
    t = view.tahun
    position = {k: i for i, k in zip(view.frame.index, view.frame["kode"])}
    idx = [position[k] for k in g["kode"]]
    out = pd.DataFrame({
        H_KODE: ["" if k == TOTAL_ROW else k for k in g["kode"]],
        "Program": [TOTAL_LABEL if k == TOTAL_ROW else u for k, u in zip(g["kode"], g["uraian"])],
        h_pagu(t): g["pagu_tahun"].to_numpy(), h_share(t): g["porsi_tahun"].to_numpy(),
        f"Pagu {view.span} (Rp)": g["pagu_akhir"].to_numpy(), h_share(view.span): g["porsi_akhir"].to_numpy(),
        h_pagu(view.first): g["first"].to_numpy(), h_pagu(view.last): g["last"].to_numpy(),
        h_growth(view): g["growth_total"].to_numpy(), h_cagr(view): g["cagr"].to_numpy(),
    })
    kinds = {H_KODE: "text", "Program": "text", h_pagu(t): "rupiah", h_share(t): "dec2",
             f"Pagu {view.span} (Rp)": "rupiah", h_share(view.span): "dec2", h_pagu(view.first): "rupiah",
             h_pagu(view.last): "rupiah", h_growth(view): "dec2", h_cagr(view): "dec2"}
    if t in (view.first, view.last):  # the year's pagu column would appear twice
        out = out.loc[:, ~out.columns.duplicated()]
    marks = pd.DataFrame(False, index=out.index, columns=out.columns)
    marks[h_pagu(t)] = view.marks.loc[idx, col("pagu", t)].to_numpy()
    marks[f"Pagu {view.span} (Rp)"] = view.marks.loc[idx, "pagu_akhir"].to_numpy()
    for y in (view.first, view.last):
        marks[h_pagu(y)] = view.marks.loc[idx, col("pagu", y)].to_numpy()
    note = (f"Porsi = pagu program / {TOTAL_LABEL} × 100 (tahun {t} dan periode {view.span}). Pertumbuhan total = "
            f"(pagu {view.last} − pagu {view.first}) / pagu {view.first} × 100 (bukan rata-rata); CAGR = ((pagu "
            f"{view.last} / pagu {view.first})^(1/{view.last - view.first}) − 1) × 100. \u201c-\u201d = tidak "
            f"terdefinisi (pagu {view.first} 0 atau kosong).")
    return PlanTable(out, f"Pagu indikatif per program: tahun {t} dan periode {view.span} (Tabel 4.1, dihitung ulang)",
                     kinds=kinds, marks=marks, note=note, name="tabel-4-1-pagu-program", bold_rows=[len(out) - 1],
                     highlight_columns=[h_pagu(t), h_share(t)], wide_columns=["Program"])


def plan_statement(view: PlanView) -> str:
    """Markdown stating how ``tahun`` is used on this page."""
    t = view.tahun
    return (f"**Tahun laporan `tahun` = {t}.** Semua tabel menampilkan seluruh tahun rencana {view.span}; kolom {t} "
            f"disorot kuning. \u201cTabel 4.1 — tahun {t}\u201d menunjukkan pagu {t} dan pagu kumulatif "
            f"{year_span(view.first, t)}, yaitu kemajuan rencana sampai {t}.")


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


def _quiet():
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


def _highlight_year(ax, x: float, width: float = 0.8):
    """Yellow band behind the bar of the reporting year (the same colour as the table highlight)."""
    ax.axvspan(x - width / 2 - 0.08, x + width / 2 + 0.08, color=HIGHLIGHT, zorder=0)


def _bold_tick(ax, text: str):
    for tick in ax.get_xticklabels():
        if tick.get_text() == text:
            tick.set_fontweight("bold")


def program_chart(view: PlanView):
    """Stacked bars: pagu of each program per plan year (miliar rupiah), JUMLAH on top, ``tahun`` highlighted."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MultipleLocator

    _quiet()
    progs = view.programs
    fig, ax = plt.subplots(figsize=(12, 6.6))
    xs = list(range(len(view.years)))
    bottom = [0.0] * len(xs)
    for k, p in enumerate(progs.itertuples()):
        values = [_num(getattr(p, col("pagu", y))) or 0.0 for y in view.years]
        ax.bar(xs, values, bottom=bottom, width=0.62, color=STACK_COLORS[k % len(STACK_COLORS)],
               hatch=HATCHES[k % len(HATCHES)], edgecolor="#333", linewidth=0.5, zorder=2,
               label=_wrap(program_label(p.kode, p.uraian), 46))
        bottom = [b + v for b, v in zip(bottom, values)]
    totals = [_num(view.total[col("pagu", y)]) or 0.0 for y in view.years]
    for x, v in zip(xs, totals):
        ax.text(x, v, format_number(v / 1e9, 2), ha="center", va="bottom", fontsize=9, fontweight="bold")
    _highlight_year(ax, xs[view.years.index(view.tahun)], 0.62)
    ax.set_xticks(xs)
    ax.set_xticklabels([str(y) for y in view.years])
    _bold_tick(ax, str(view.tahun))
    ax.set_xlim(-0.6, len(xs) - 0.4)
    rupiah_axis(ax, "y", 1e9, "Pagu indikatif (miliar rupiah)")
    top = max(totals) if totals else 0
    step = 2e9 if top > 8e9 else 1e9 if top > 3e9 else 0.5e9
    ax.yaxis.set_major_locator(MultipleLocator(step))
    if step < 1e9:
        from matplotlib.ticker import FuncFormatter
        ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _p: format_number(x / 1e9, 1)))
    ax.set_ylim(0, top * 1.1 if top else 1)
    ax.set_xlabel("Tahun rencana")
    ax.set_title(f"Pagu indikatif per program, {view.span}\n(angka di atas batang: {TOTAL_LABEL} dalam miliar "
                 f"rupiah; latar kuning: tahun laporan {view.tahun})", loc="left")
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
              title="Program (urutan tumpukan dari atas)", title_fontsize=8.5, labelspacing=0.9)
    ax.grid(axis="x", visible=False)
    fig.subplots_adjust(left=0.07, right=0.64, bottom=0.1, top=0.88)
    return fig


def share_chart(view: PlanView):
    """100 % stacked bars: share of each bidang urusan in the pagu per year and for the period."""
    import matplotlib.pyplot as plt

    _quiet()
    g = bidang_frame(view)
    parts = g[g["kode"] != TOTAL_ROW]
    labels = [str(y) for y in view.years] + [f"{view.span}\n(periode)"]
    xs = list(range(len(view.years))) + [len(view.years) + 0.4]
    fig, ax = plt.subplots(figsize=(11, 5.6))
    bottom = [0.0] * len(xs)
    for k, r in enumerate(parts.itertuples()):
        values = [_num(getattr(r, col("porsi", y))) or 0.0 for y in view.years] + [_num(r.porsi_akhir) or 0.0]
        ax.bar(xs, values, bottom=bottom, width=0.6, color=STACK_COLORS[k % len(STACK_COLORS)],
               hatch=HATCHES[k % len(HATCHES)], edgecolor="#333", linewidth=0.5, zorder=2,
               label=f"{r.short} ({r.kode})" + ("" if r.short == r.bidang else f": {r.bidang}"))
        for x, v, b in zip(xs, values, bottom):
            if v > 0:
                ax.text(x, b + v / 2, format_number(v, 2) + "%", ha="center", va="center", fontsize=8.5,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9), zorder=3)
        bottom = [b + v for b, v in zip(bottom, values)]
    _highlight_year(ax, xs[view.years.index(view.tahun)], 0.6)
    ax.set_xticks(xs)
    ax.set_xticklabels(labels)
    _bold_tick(ax, str(view.tahun))
    ax.set_xlim(-0.6, xs[-1] + 0.6)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(id_formatter(0))
    ax.set_ylabel("Porsi dari total pagu (%)")
    ax.set_xlabel("Tahun rencana")
    ax.set_title(f"Porsi bidang urusan dalam pagu indikatif, per tahun dan periode {view.span}\n(latar kuning: "
                 f"tahun laporan {view.tahun})", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=9, frameon=False)
    ax.grid(axis="x", visible=False)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.27, top=0.87)
    return fig


# --------------------------------------------------------------------------------------------
# Narrative (Tabel 4.1)
# --------------------------------------------------------------------------------------------


@dataclass
class PlanFacts:
    """The numbers the Tabel 4.1 narrative states, each also shown in a table of the page."""

    tahun: int
    years: list[int]
    total_period: Optional[float]
    total_by_year: dict[int, Optional[float]]
    cumulative: Optional[float]
    cumulative_share: Optional[float]
    bidang: list[dict]
    top_period: list[dict]
    top_year: Optional[dict]
    growth_total: Optional[float]
    cagr: Optional[float]
    directions: list[tuple[int, str]]
    counts: dict[str, int]
    leaves_with_pagu: int
    audit_total: int
    audit_kinds: dict[str, int]
    biggest: Optional[dict]
    summed_examples: list[dict]
    summed_odd: int


def _biggest_error(view: PlanView) -> Optional[dict]:
    """The largest rupiah difference in the audit, traced to its origin row and the child left out.

    Among cells with the same largest difference, the origin is the most detailed row (longest
    code); the others (parents, JUMLAH) are said to carry it. The child left out is a child whose
    recomputed pagu in that year equals the difference.
    """
    a = view.audit
    if a.empty:
        return None
    rp = a[a["measure"].isin(["pagu", "pagu_akhir"]) & a["difference"].notna()].copy()
    if rp.empty:
        return None
    rp["abs"] = pd.to_numeric(rp["difference"]).abs()
    biggest = rp["abs"].max()
    same = rp[(rp["abs"] - biggest).abs() < 0.5]
    same = same.assign(depth=[(-1 if r == TOTAL_ROW else len(str(r))) for r in same["row"]])
    yearly = same[same["measure"] == "pagu"]
    origin = (yearly if len(yearly) else same).sort_values("depth", ascending=False).iloc[0]
    kode = str(origin["row"])
    tahun = None if pd.isna(origin["tahun"]) else int(origin["tahun"])
    left_out = None
    if tahun is not None and kode != TOTAL_ROW:
        kids = view.frame[view.frame["parent_kode"] == kode]
        for k in kids.itertuples():
            v = _num(getattr(k, col("pagu", tahun)))
            if v is not None and abs(v - biggest) < 0.5:
                left_out = {"kode": k.kode, "uraian": k.uraian, "level": k.level, "pagu": v}
                break
    carried = [dict(row=str(r.row), measure=r.measure, tahun=None if pd.isna(r.tahun) else int(r.tahun),
                    printed=r.printed, recomputed=r.recomputed)
               for r in same.itertuples() if not (str(r.row) == kode and r.measure == origin["measure"]
                                                   and (None if pd.isna(r.tahun) else int(r.tahun)) == tahun)]
    return {"kode": kode, "uraian": view.row(kode)["uraian"] if kode != TOTAL_ROW else TOTAL_LABEL,
            "level": view.row(kode)["level"], "tahun": tahun, "measure": origin["measure"],
            "printed": _num(origin["printed"]), "recomputed": _num(origin["recomputed"]), "difference": float(biggest),
            "left_out": left_out, "carried": carried}


def plan_facts(view: PlanView) -> PlanFacts:
    """Collect the narrative's numbers from the view and its tables (no number is computed twice)."""
    total = view.total
    by_year = {y: _num(total[col("pagu", y)]) for y in view.years}
    programs = program_frame(view)
    progs = programs[programs["kode"] != TOTAL_ROW]
    total_row = programs[programs["kode"] == TOTAL_ROW].iloc[0]
    ranked = progs.assign(_v=progs["pagu_akhir"].fillna(0)).sort_values("_v", ascending=False)
    top_period = [dict(kode=r.kode, uraian=r.uraian, pagu=_num(r.pagu_akhir), porsi=_num(r.porsi_akhir))
                  for r in ranked.head(TOP_PROGRAMS).itertuples()]
    ranked_year = progs.assign(_v=progs["pagu_tahun"].fillna(0)).sort_values("_v", ascending=False)
    top_year = None
    if len(ranked_year) and (ranked_year["_v"].iloc[0] or 0) > 0:
        r = ranked_year.iloc[0]
        top_year = dict(kode=r["kode"], uraian=r["uraian"], pagu=_num(r["pagu_tahun"]), porsi=_num(r["porsi_tahun"]))
    bf = bidang_frame(view)
    bidang = [dict(kode=r.kode, name=r.bidang, short=r.short, pagu=_num(r.pagu_akhir), porsi=_num(r.porsi_akhir))
              for r in bf[bf["kode"] != TOTAL_ROW].itertuples()]
    totals = [by_year[y] for y in view.years]
    directions = []
    for prev, cur, y in zip(totals[:-1], totals[1:], view.years[1:]):
        if prev is not None and cur is not None:
            directions.append((y, "naik" if cur > prev else "turun" if cur < prev else "tetap"))
    a = view.audit
    summed = a[a["kind"] == KIND_SUMMED_LEVEL] if len(a) else a
    odd = set(percent_counts(view)["kode"])
    real_levels = summed[~summed["row"].isin(odd)] if len(summed) else summed
    examples = [dict(kode=r.row, uraian=r.label, printed=_num(r.printed), recomputed=_num(r.recomputed))
                for r in (real_levels if len(real_levels) else summed).head(2).itertuples()]
    return PlanFacts(
        tahun=view.tahun, years=view.years, total_period=_num(total["pagu_akhir"]), total_by_year=by_year,
        cumulative=view.cumulative(TOTAL_ROW), cumulative_share=share(view.cumulative(TOTAL_ROW), total["pagu_akhir"]),
        bidang=bidang, top_period=top_period, top_year=top_year,
        growth_total=_num(total_row["growth_total"]), cagr=_num(total_row["cagr"]), directions=directions,
        counts={lvl: len(view.level(lvl)) for lvl in ("bidang_urusan", "program", "kegiatan", "sub_kegiatan")},
        leaves_with_pagu=leaves_with_pagu(view), audit_total=len(a),
        audit_kinds={k: int((a["kind"] == k).sum()) for k in KIND_ORDER if len(a) and (a["kind"] == k).any()},
        biggest=_biggest_error(view), summed_examples=examples,
        summed_odd=int(summed["row"].isin(odd).sum()) if len(summed) else 0,
    )


def _level_word(level: str) -> str:
    return LEVEL_NAMES.get(level, level)


def _row_name(level: str, kode: str, uraian: str) -> str:
    if kode == TOTAL_ROW:
        return f"baris {TOTAL_LABEL}"
    if level == "program":
        return f"{program_text(uraian)} ({kode})"
    if level == "bidang_urusan":
        return f"bidang urusan {markdown_escape(bidang_name(uraian))} ({kode})"
    return f"{_level_word(level)} {markdown_escape(uraian)} ({kode})"


def plan_narrative(view: PlanView) -> str:
    """Indonesian draft narrative of Tabel 4.1 (Markdown; names escaped, numbers as in the tables)."""
    f = plan_facts(view)
    t = view.tahun
    paras = []
    bidang = _join([f"bidang urusan {markdown_escape(b['name'])} ({b['kode']}) {format_rupiah(b['pagu'])} "
                    f"({format_percent(b['porsi'])})" for b in f.bidang])
    c = f.counts
    paras.append(
        f"Total pagu indikatif Renstra {view.span} Dinas Sosial PPPA sebesar {format_rupiah(f.total_period)}, "
        f"dihitung ulang dari pagu {format_number(c['sub_kegiatan'])} sub kegiatan yang tersebar dalam "
        f"{format_number(c['kegiatan'])} kegiatan, {format_number(c['program'])} program dan "
        f"{format_number(c['bidang_urusan'])} bidang urusan. Pagu itu terbagi atas {bidang}.")
    text = f"Pada tahun {t} pagu indikatif sebesar {format_rupiah(f.total_by_year[t])}"
    if t == view.first:
        text += (f", atau {format_percent(f.cumulative_share)} dari pagu lima tahun; ini tahun pertama rencana.")
    elif t == view.last:
        text += (f"; ini tahun terakhir rencana, sehingga pagu kumulatif {year_span(view.first, t)} sama dengan pagu "
                 f"lima tahun ({format_rupiah(f.cumulative)}).")
    else:
        text += (f"; secara kumulatif {year_span(view.first, t)} pagu mencapai {format_rupiah(f.cumulative)}, atau "
                 f"{format_percent(f.cumulative_share)} dari pagu lima tahun.")
    if f.leaves_with_pagu == c["sub_kegiatan"]:
        text += f" Semua {format_number(c['sub_kegiatan'])} sub kegiatan diberi pagu pada {t}."
    else:
        few = f.leaves_with_pagu * 2 < c["sub_kegiatan"]
        text += (f" {'Hanya' if few else 'Sebanyak'} {format_number(f.leaves_with_pagu)} dari "
                 f"{format_number(c['sub_kegiatan'])} sub kegiatan {'yang ' if few else ''}diberi pagu pada {t}.")
    if f.top_year:
        text += (f" Program dengan pagu terbesar pada {t} adalah {program_text(f.top_year['uraian'])} "
                 f"({format_rupiah(f.top_year['pagu'])}, {format_percent(f.top_year['porsi'])} dari pagu {t}).")
    paras.append(text)
    if f.top_period:
        listed = "; ".join(f"{program_text(p['uraian'])} {format_rupiah(p['pagu'])} ({format_percent(p['porsi'])})"
                           for p in f.top_period)
        paras.append(f"Selama {view.span}, program dengan pagu terbesar adalah {listed}.")
    first, last = f.total_by_year[view.first], f.total_by_year[view.last]
    if f.growth_total is not None:
        text = (f"Pagu tahunan {'naik' if f.growth_total >= 0 else 'turun'} dari {format_rupiah(first)} "
                f"({view.first}) menjadi {format_rupiah(last)} ({view.last}), pertumbuhan total "
                f"{format_percent(f.growth_total)} (CAGR {format_percent(f.cagr)} per tahun).")
        steps = [d for _, d in f.directions]
        main = max(set(steps), key=steps.count) if steps else None
        breaks = [(y, d) for y, d in f.directions if d != main]
        if breaks and main:
            text += (f" Perubahannya tidak searah: pagu {main} pada sebagian besar tahun, tetapi "
                     + _join([f"{d} pada {y} ({format_rupiah(f.total_by_year[y])})" for y, d in breaks]) + ".")
        elif main:
            text += f" Pagu {main} setiap tahun."
        paras.append(text)
    if f.audit_total:
        kinds = _join([f"{format_number(n)} {k}" for k, n in f.audit_kinds.items()])
        text = (f"Audit angka turunan menemukan {format_number(f.audit_total)} sel tercetak di Tabel 4.1 yang berbeda "
                f"dari hasil hitung ulang: {kinds}. Di semua tabel halaman ini ditampilkan angka hasil hitung ulang, "
                "bertanda *.")
        b = f.biggest
        if b:
            where = _row_name(b["level"], b["kode"], b["uraian"])
            when = f"pagu {b['tahun']}" if b["tahun"] else "pagu akhir periode"
            text += (f" Selisih terbesar {format_rupiah(b['difference'])}: {when} {where} tercetak "
                     f"{format_rupiah(b['printed'])}, seharusnya {format_rupiah(b['recomputed'])}")
            if b["left_out"]:
                lo = b["left_out"]
                text += (f", karena {_level_word(lo['level'])} {markdown_escape(lo['uraian'])} ({lo['kode']}, "
                         f"{format_rupiah(lo['pagu'])} pada {b['tahun']}) tidak ikut dijumlahkan")
            text += "."
            total_carry = [r for r in b["carried"] if r["row"] == TOTAL_ROW and r["measure"] == "pagu"]
            others = [r for r in b["carried"] if r not in total_carry]
            if others or total_carry:
                names = []
                for r in others:
                    lvl = view.row(r["row"])["level"]
                    what = "pagu akhir periode" if r["measure"] == "pagu_akhir" else f"pagu {r['tahun']}"
                    names.append(f"{what} {_level_word(lvl)} {r['row']}")
                if total_carry:
                    r = total_carry[0]
                    names.append(f"{TOTAL_LABEL} {r['tahun']} (tercetak {format_rupiah(r['printed'])}, dihitung ulang "
                                 f"{format_rupiah(r['recomputed'])})")
                text += " Kesalahan yang sama terbawa ke " + _join(names) + "."
        n_summed = f.audit_kinds.get(KIND_SUMMED_LEVEL, 0)
        if n_summed:
            ex = f.summed_examples[0]
            text += (f" Untuk {format_number(n_summed)} indikator bersatuan persen atau skor, dokumen menjumlahkan target "
                     f"lima tahun sebagai target akhir periode (misalnya {ex['kode']} tercetak "
                     f"{format_target(ex['printed'])} atau \u201c{format_target(ex['printed'])} %\u201d); yang "
                     f"ditampilkan adalah target tahun terakhir ({format_target(ex['recomputed'])}).")
            if f.summed_odd:
                text += (f" {format_number(f.summed_odd)} di antaranya bersatuan persen tetapi targetnya berupa jumlah "
                         "(di atas 100), sehingga satuannya perlu dikonfirmasi.")
        paras.append(text)
    return "\n\n".join(paras)


# --------------------------------------------------------------------------------------------
# Tabel 4.4.1: priority sub-kegiatan with their 4.1 pagu
# --------------------------------------------------------------------------------------------


def priority_frame(view: PlanView, data_dir=None) -> pd.DataFrame:
    """Tabel 4.4.1 rows (document order) with the Tabel 4.1 pagu of ``tahun`` and of the period by code."""
    df = load(TABLE_PRIORITY, data_dir).sort_values("row_id")
    known = set(view.frame["kode"])
    records = []
    for r in df.itertuples():
        kode = None if pd.isna(r.kode) else str(r.kode)
        found = kode is not None and kode in known
        records.append({
            "row_id": int(r.row_id), "no": int(r.no), "program_prioritas": r.program_prioritas, "outcome": r.outcome,
            "program": r.program, "kegiatan": r.kegiatan,
            "sub_kegiatan_no": None if pd.isna(r.sub_kegiatan_no) else int(r.sub_kegiatan_no),
            "sub_kegiatan": r.sub_kegiatan, "kode": kode,
            "pagu_tahun": view.value(kode, col("pagu", view.tahun)) if found else None,
            "pagu_akhir": view.value(kode, "pagu_akhir") if found else None,
        })
    frame = pd.DataFrame.from_records(records)
    frame[["pagu_tahun", "pagu_akhir"]] = frame[["pagu_tahun", "pagu_akhir"]].astype("Float64")
    return frame


def priority_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of Tabel 4.4.1 without a Tabel 4.1 code (no budget line in the plan)."""
    return frame[frame["kode"].isna()]


def priority_missing_text(frame: pd.DataFrame) -> str:
    """Markdown sentence naming the priority sub-kegiatan that have no code (or saying there are none)."""
    missing = priority_missing(frame)
    if missing.empty:
        return "Semua sub kegiatan prioritas ditemukan di Tabel 4.1."
    names = _join([f"\u201c{markdown_escape(r.sub_kegiatan)}\u201d (No {r.no}, {markdown_escape(r.program)})"
                   for r in missing.itertuples()])
    return (f"**Tanpa kode:** Tabel 4.4.1 tidak mencetak kode; kode dicari berdasarkan nama di Tabel 4.1. Sub kegiatan "
            f"{names} tidak terdapat di Tabel 4.1, sehingga tidak memiliki kode dan pagu dalam rencana.")


def priority_table(view: PlanView, data_dir=None) -> PlanTable:
    """Tabel 4.4.1 as in the document (merged cells shown once), plus code and pagu looked up in Tabel 4.1."""
    g = priority_frame(view, data_dir)
    t = view.tahun
    shown = {"no": [], "prior": [], "outcome": [], "program": [], "kegiatan": []}
    prev = None
    for r in g.itertuples():
        new_group = prev is None or r.no != prev.no
        shown["no"].append(str(r.no) if new_group else "")
        shown["prior"].append(r.program_prioritas if new_group else "")
        shown["outcome"].append(r.outcome if new_group else "")
        same_prog = not new_group and r.program == prev.program and r.kegiatan == prev.kegiatan
        shown["program"].append("" if same_prog else r.program)
        shown["kegiatan"].append("" if same_prog else r.kegiatan)
        prev = r
    h_pt, h_pa = f"Pagu {t} (Rp) menurut Tabel 4.1", f"Pagu {view.span} (Rp) menurut Tabel 4.1"
    out = pd.DataFrame({
        "No": shown["no"], "Program Prioritas": shown["prior"], "Outcome": shown["outcome"],
        "Program": shown["program"], "Kegiatan": shown["kegiatan"],
        "Sub Kegiatan": [(f"{int(n)}. " if n is not None and not pd.isna(n) else "") + s
                         for n, s in zip(g["sub_kegiatan_no"], g["sub_kegiatan"])],
        "Kode sub kegiatan (dicari di Tabel 4.1)": [k if k else None for k in g["kode"]],
        h_pt: g["pagu_tahun"].to_numpy(), h_pa: g["pagu_akhir"].to_numpy(),
    })
    total = {c: "" for c in out.columns}
    total.update({"Sub Kegiatan": "Jumlah sub kegiatan prioritas yang berkode", h_pt: _sum(g["pagu_tahun"]),
                  h_pa: _sum(g["pagu_akhir"]), "Kode sub kegiatan (dicari di Tabel 4.1)": ""})
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    out[h_pt] = out[h_pt].astype("Float64")
    out[h_pa] = out[h_pa].astype("Float64")
    kinds = {c: "text" for c in out.columns}
    kinds.update({h_pt: "rupiah", h_pa: "rupiah"})
    share_year = share(_sum(g["pagu_tahun"]), view.total[col("pagu", t)])
    share_period = share(_sum(g["pagu_akhir"]), view.total["pagu_akhir"])
    notes = ["Sel No, Program Prioritas dan Outcome (digabung di dokumen) ditulis sekali per kelompok. Kolom Ket kosong "
             "di dokumen dan tidak ditampilkan. Tabel 4.4.1 tidak mencetak kode: kode dan pagu dicari di Tabel 4.1 "
             "berdasarkan nama program, kegiatan dan sub kegiatan."]
    missing = priority_missing(g)
    for r in missing.itertuples():
        notes.append(f"Sub kegiatan \u201c{r.sub_kegiatan}\u201d (No {r.no}) tidak terdapat di Tabel 4.1: tanpa kode dan "
                     "tanpa pagu (\u201c-\u201d).")
    notes.append(f"Sub kegiatan prioritas yang berkode mendapat {format_percent(share_year)} dari pagu {t} dan "
                 f"{format_percent(share_period)} dari pagu {view.span}.")
    return PlanTable(out, read_schema(TABLE_PRIORITY, data_dir).caption, kinds=kinds, note="\n".join(notes),
                     name="tabel-4-4-1-subkegiatan-prioritas", bold_rows=[len(out) - 1], highlight_columns=[h_pt],
                     wide_columns=["Program Prioritas", "Kegiatan", "Sub Kegiatan"])


def _sum(series: pd.Series) -> Optional[float]:
    total = pd.Series(series, dtype="Float64").sum(min_count=1)
    return None if pd.isna(total) else float(total)


# --------------------------------------------------------------------------------------------
# Tabel 4.5.1 IKU, Tabel 4.6 IKK
# --------------------------------------------------------------------------------------------

POLARITY_TEXT = {"naik": "naik (makin tinggi makin baik)", "turun": "turun (makin rendah makin baik)"}
UNIT_TEXT = {"%": "%", "indeks": "indeks", "rasio": "rasio", "skor": "skor"}


def format_score(value, grade=None) -> str:
    """A target cell as printed: ``10,68``; an AKIP cell with its grade ``BB (71,30)``."""
    if grade is not None and not (not isinstance(grade, str) and pd.isna(grade)):
        return f"{grade} ({format_number(value, 2)})"
    return format_target(value)


def unit_text(satuan, per=None) -> str:
    """Satuan as shown: ``rasio per 100.000`` when the cells are rates ``n:100000``."""
    text = UNIT_TEXT.get(_text(satuan), _text(satuan))
    p = _num(per)
    return f"{text} per {format_number(p)}" if p else text


def indicator_frame(table_id: str, data_dir=None) -> pd.DataFrame:
    """One row per indicator (``no`` order): baseline, targets per year, end of period recomputed, marks.

    The end of period comes from :func:`helpers.core.derive.derived` (final year for %, indeks, rasio,
    skor; sum for counts); for AKIP the grade of the year it is taken from is kept.
    """
    df = load(table_id, data_dir).sort_values(["no", "tahun"])
    years = sorted(int(y) for y in df["tahun"].unique())
    der = derive.derived(table_id, data_dir)
    akhir = {str(r): _num(v) for r, c, v in zip(der["row"], der["column"], der["recomputed"]) if c == "target_akhir"}
    audit = audit_table(table_id, data_dir)
    marked = {str(a.row) for a in audit.itertuples() if a.measure == "target_akhir"}
    records = []
    for no, g in df.groupby("no", sort=True):
        first = g.iloc[0]
        rec = {"no": int(no), "indikator": first["indikator"], "satuan": first["satuan"],
               "polaritas": first.get("polaritas"),
               "per": next((p for p in g["per"] if not pd.isna(p)), None) if "per" in g else None,
               "baseline": _num(first["baseline"]) if "baseline" in g else None,
               "baseline_grade": first.get("baseline_grade") if "baseline_grade" in g else None}
        grades = {}
        for r in g.itertuples():
            rec[col("target", int(r.tahun))] = _num(r.target)
            grade = getattr(r, "target_grade", None)
            grades[int(r.tahun)] = None if grade is None or pd.isna(grade) else grade
        rec["target_akhir"] = akhir.get(str(int(no)))
        rule = compute.end_of_period_rule(rec["satuan"])
        last_year = next((y for y in reversed(years) if rec.get(col("target", y)) is not None), None)
        rec["grade_akhir"] = grades.get(last_year) if rule == "last" else None
        rec["grades"] = grades
        rec["rule_akhir"] = rule
        rec["marked"] = str(int(no)) in marked
        records.append(rec)
    return pd.DataFrame.from_records(records)


def indicator_table(table_id: str, tahun: int, data_dir=None, *, name: str) -> PlanTable:
    """Tabel 4.5.1 (IKU) or 4.6 (IKK): targets per year (``tahun`` highlighted) and end of period recomputed."""
    g = indicator_frame(table_id, data_dir)
    years = sorted(int(c.split("_")[1]) for c in g.columns if re.fullmatch(r"target_\d{4}", c))
    has_baseline = g["baseline"].notna().any()
    out = pd.DataFrame({"No": [str(n) for n in g["no"]], "Indikator": list(g["indikator"]),
                        "Satuan": [unit_text(s, p) for s, p in zip(g["satuan"], g["per"])],
                        "Arah yang diharapkan": [POLARITY_TEXT.get(_text(p), _text(p)) for p in g["polaritas"]]})
    if has_baseline:
        out["Kondisi awal periode"] = [format_score(v, gr) for v, gr in zip(g["baseline"], g["baseline_grade"])]
    for y in years:
        out[h_target(y)] = [format_score(r[col("target", y)], r["grades"].get(y)) for _, r in g.iterrows()]
    h_akhir = f"Kondisi akhir periode {years[0]}–{years[-1]} (dihitung ulang)"
    out[h_akhir] = [format_score(v, gr) for v, gr in zip(g["target_akhir"], g["grade_akhir"])]
    marks = pd.DataFrame(False, index=out.index, columns=out.columns)
    marks[h_akhir] = list(g["marked"])
    value_cols = [c for c in out.columns if c.startswith("Target ") or c.startswith("Kondisi")]
    notes = ["Kondisi akhir periode dihitung ulang menurut satuan: persen, indeks, rasio dan skor = target tahun "
             "terakhir; satuan jumlah = jumlah lima tahun."]
    if not g["marked"].any():
        notes.append("Semua nilai akhir periode yang tercetak sama dengan hasil hitung ulang.")
    notes.append("Satuan dan arah (polaritas) tidak dicetak di tabel dokumen; keduanya ditetapkan dalam data "
                 "(lihat docs/assumptions/bab4-target.md)." if table_id == TABLE_IKU else
                 "Arah (polaritas) tidak dicetak di tabel dokumen; ditetapkan dalam data (lihat "
                 "docs/assumptions/bab4-target.md).")
    if has_baseline:
        notes.append("Tahun kondisi awal tidak disebut di tabel dokumen.")
    if (g["satuan"] == "skor").any():
        notes.append("Nilai AKIP ditulis seperti di dokumen: predikat (nilai), mis. BB (71,30).")
        other = akip_in_plan(data_dir)
        for _, r in g[g["satuan"] == "skor"].iterrows():
            differ = [y for y in years if y in other and _num(r[col("target", y)]) != other[y]]
            if other and differ:
                notes.append("Target Nilai AKIP berbeda dengan indikator NILAI AKIP di Tabel 4.1 (program "
                             f"{other['kode']}) pada tahun " + _join([str(y) for y in differ]) + ": di Tabel 4.1 "
                             + _join([f"{format_target(other[y])} ({y})" for y in differ]) + ".")
    return PlanTable(out, read_schema(table_id, data_dir).caption, kinds={c: "text" for c in out.columns},
                     marks=marks, note="\n".join(notes), name=name, highlight_columns=[h_target(tahun)],
                     right_columns=value_cols, wide_columns=["Indikator"])


def akip_in_plan(data_dir=None) -> dict:
    """Targets of the NILAI AKIP indicator in Tabel 4.1 by year (plus its ``kode``); empty when absent."""
    df = load(TABLE_PLAN, data_dir)
    rows = df[df["indikator"].fillna("").str.strip().str.upper() == "NILAI AKIP"]
    if rows.empty:
        return {}
    kode = rows["kode"].iloc[0]
    rows = rows[rows["kode"] == kode]
    out: dict = {int(t): _num(v) for t, v in zip(rows["tahun"], rows["target"]) if _num(v) is not None}
    out["kode"] = kode
    return out


def iku_table(tahun: int, data_dir=None) -> PlanTable:
    return indicator_table(TABLE_IKU, tahun, data_dir, name="tabel-4-5-1-iku")


def ikk_table(tahun: int, data_dir=None) -> PlanTable:
    return indicator_table(TABLE_IKK, tahun, data_dir, name="tabel-4-6-ikk")


def iku_narrative(tahun: int, data_dir=None) -> str:
    """Short draft on the IKU targets: each indicator from its baseline to the final year, and ``tahun``."""
    g = indicator_frame(TABLE_IKU, data_dir)
    years = sorted(int(c.split("_")[1]) for c in g.columns if re.fullmatch(r"target_\d{4}", c))
    last = years[-1]
    items, against = [], []
    for _, r in g.iterrows():
        base = format_score(r["baseline"], r["baseline_grade"])
        end = format_score(r[col("target", last)], r["grades"].get(last))
        now = format_score(r[col("target", tahun)], r["grades"].get(tahun))
        b, e = _num(r["baseline"]), _num(r[col("target", last)])
        move = "tetap" if b == e else "naik" if (e or 0) > (b or 0) else "turun"
        name = markdown_escape(r["indikator"])
        items.append(f"{name} {move} dari {base} menjadi {end} pada {last} (target {tahun}: {now})")
        if move not in ("tetap", r["polaritas"]):
            against.append(name)
    text = (f"Target IKU bergerak dari kondisi awal periode ke target {last}: " + "; ".join(items) + ". ")
    lower = [markdown_escape(i) for i, p in zip(g["indikator"], g["polaritas"]) if p == "turun"]
    if against:
        text += "Berlawanan dengan arah yang diharapkan: " + _join(against) + "."
    else:
        text += "Arah semua target sesuai dengan arah yang diharapkan"
        text += (f" (makin rendah makin baik untuk {_join(lower)}; makin tinggi makin baik untuk yang lain)."
                 if lower else ".")
    violence = [markdown_escape(i) for i, p in zip(g["indikator"], g["polaritas"])
                if p == "turun" and "kekerasan" in str(i).lower()]
    if violence:
        text += (f" Untuk {_join(violence)}, pencatatan dan pelaporan kasus yang makin lengkap dapat menaikkan angka "
                 "rasio, sehingga capaian perlu dibaca bersama cakupan pelaporan.")
    akip = g[g["satuan"] == "skor"]
    for _, r in akip.iterrows():
        first = years[0]
        if _num(r[col("target", first)]) == _num(r["baseline"]):
            text += (f" Target Nilai AKIP {first} sama dengan kondisi awal "
                     f"({format_score(r['baseline'], r['baseline_grade'])}).")
    return text


# --------------------------------------------------------------------------------------------
# Tabel 4.7 SPM
# --------------------------------------------------------------------------------------------


def spm_frame(data_dir=None) -> pd.DataFrame:
    """Tabel 4.7 in document order, one row per item with baseline and targets per year."""
    df = load(TABLE_SPM, data_dir)
    years = sorted(int(y) for y in df["tahun"].unique())
    order = list(dict.fromkeys(df["row_id"]))
    records = []
    for row_id in order:
        g = df[df["row_id"] == row_id]
        first = g.iloc[0]
        rec = {"row_id": row_id, "parent_id": None if pd.isna(first["parent_id"]) else first["parent_id"],
               "level": first["level"], "no": _text(first["no"]),
               "kondisi_bencana": None if pd.isna(first["kondisi_bencana"]) else first["kondisi_bencana"],
               "uraian": first["uraian"], "satuan": first["satuan"], "baseline": _num(first["baseline"]),
               "baseline_tahun": int(first["baseline_tahun"])}
        by_year = {int(t): _num(v) for t, v in zip(g["tahun"], g["target"])}
        for y in years:
            rec[col("target", y)] = by_year.get(y)
        records.append(rec)
    return pd.DataFrame.from_records(records)


def spm_table(tahun: int, data_dir=None) -> PlanTable:
    """Tabel 4.7: SPM indicators (bold) with their layanan indented; the kondisi bencana sub-headers as rows."""
    g = spm_frame(data_dir)
    years = sorted(int(c.split("_")[1]) for c in g.columns if re.fullmatch(r"target_\d{4}", c))
    base_year = int(g["baseline_tahun"].iloc[0])
    h_base = f"Tahun dasar {base_year}"
    rows, bold, section = [], [], []
    current = None
    for r in g.itertuples():
        cond = _text(r.kondisi_bencana)
        if r.level == "spm":
            current = None
        if cond and cond != current:
            section.append(len(rows))
            rows.append({"No": "", "Indikator Kinerja / Jenis Layanan SPM": "· " + cond, "Satuan": "",
                         h_base: None, **{h_target(y): None for y in years}})
            current = cond
        if r.level == "spm":
            bold.append(len(rows))
        rows.append({"No": r.no, "Indikator Kinerja / Jenis Layanan SPM":
                     (("· · " if cond else "· ") if r.level == "layanan" else "") + r.uraian,
                     "Satuan": r.satuan, h_base: r.baseline,
                     **{h_target(y): getattr(r, col("target", y)) for y in years}})
    out = pd.DataFrame(rows)
    numeric = [h_base] + [h_target(y) for y in years]
    for c in numeric:
        out[c] = out[c].astype("Float64")
    kinds = {"No": "text", "Indikator Kinerja / Jenis Layanan SPM": "text", "Satuan": "text"}
    kinds.update({c: integral_kind(out[c]) for c in numeric})
    empty = g[g[[col("target", y) for y in years]].isna().all(axis=1)]
    notes = [f"Baris indikator SPM (satuan %) dicetak tebal; jenis layanan di bawahnya diberi awalan \u201c· \u201d "
             f"(satuan orang). Baris miring adalah sub-judul kondisi bencana di bawah SPM 5. Kolom {tahun} disorot.",
             "Persentase SPM adalah target tersendiri, bukan jumlah dari baris layanan (satuannya berbeda)."]
    for r in empty.itertuples():
        notes.append(f"\u201c{r.uraian}\u201d (satuan {r.satuan}) tidak memiliki angka di dokumen (\u201c-\u201d).")
    return PlanTable(out, read_schema(TABLE_SPM, data_dir).caption, kinds=kinds, note="\n".join(notes),
                     name="tabel-4-7-spm", bold_rows=bold, section_rows=section, highlight_columns=[h_target(tahun)],
                     wide_columns=["Indikator Kinerja / Jenis Layanan SPM"])
