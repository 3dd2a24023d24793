"""Bab II section 2.3: the two budget tables "Anggaran dan Realisasi Pendanaan Pelayanan Perangkat Daerah".

* ``2_3_anggaran_2019_2020``: program → kegiatan, 2019–2020 (Permendagri 86/2017 nomenclature);
* ``2_3_anggaran_2021_2024``: program → kegiatan → sub kegiatan, 2021–2024 (Permendagri 90/2019).

The notebook ``notebooks/02-3-2-anggaran.ipynb`` only calls this module. It is a *history* page:
for a reporting year ``tahun`` a table shows its budget years up to the latest one ``<= tahun - 1``
(:func:`shown_years`, built on :func:`helpers.run.notebook.latest_year`); growth is computed between
the first and the last *shown* year.

Every parent amount and the JUMLAH row are recomputed from the leaves with
:func:`helpers.core.derive.budget_rollup` / :func:`helpers.core.derive.budget_totals`; ratios and growth use
the rules of :mod:`helpers.core.compute` (the same ones :func:`helpers.core.derive.budget` applies, so the
page agrees with the audit). Cells whose printed value differs from the recomputed one are marked
from :func:`helpers.core.audit.audit_table` (for growth only when all years of the table are shown,
because the document's growth runs over all its years).

Contents, in page order: :func:`budget_view` (the recomputed figures), :func:`budget_table`
(the document's layout), :func:`growth_table` (document convention next to honest averages),
:func:`program_chart`, :func:`absorption_chart`, :func:`share_chart`, :func:`narrative`.

:class:`BudgetTable` is a general capability the shared :class:`helpers.present.Table` lacks:
rows shown in bold (program rows and JUMLAH, as the document prints them) in HTML and XLSX.
"""
from __future__ import annotations

import math
import re
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pandas as pd

from helpers.core.compute import as_number

from helpers.core import compute, derive, files
from helpers.core.audit import KIND_UNDEFINED_PRINTED, audit_table
from helpers.core.data import load, load_printed, read_schema
from helpers.run.notebook import latest_year, shown_years, year_span
from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.present.legacy import HATCHES, MARKERS, PALETTE, Table, markdown_escape, rupiah_axis, write_xlsx

# --------------------------------------------------------------------------------------------
# Tables and settings
# --------------------------------------------------------------------------------------------

TABLE_2019_2020 = "2_3_anggaran_2019_2020"
TABLE_2021_2024 = "2_3_anggaran_2021_2024"
#: Table id → the regulation whose nomenclature it follows (named in headings and narratives).
REGULATION = {TABLE_2019_2020: "Permendagri 86 Tahun 2017", TABLE_2021_2024: "Permendagri 90 Tahun 2019"}
#: Table id → short name used for output files (tables, figures, narratives).
SLUG = {TABLE_2019_2020: "2-3-anggaran-2019-2020", TABLE_2021_2024: "2-3-anggaran-2021-2024"}

TOTAL_ROW = "total"
#: Label of the grand-total row (printed "JUMLAH" in 2021–2024; unlabelled in 2019–2020).
TOTAL_LABEL = "JUMLAH"
#: Prefix of the Uraian text per level (HTML collapses leading spaces, so a visible marker is used).
INDENT = {"program": "", "kegiatan": "· ", "sub_kegiatan": "· · ", "total": ""}
LEVEL_NAMES = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
MEASURES = ("anggaran", "realisasi")
MEASURE_LABELS = {"anggaran": "Anggaran", "realisasi": "Realisasi"}

#: Number of programs named as largest increases / decreases in the narrative.
MOVERS_N = 2
#: Segments of the share chart at least this large (percent) get a value label.
SHARE_LABEL_MIN = 4.0

#: Colours of the share chart: the palette without black (hatches would not show on it).
SHARE_COLORS = [c for c in PALETTE if c != "#000000"]

#: Words kept in lower case when an upper-case program name is converted for charts and text.
SMALL_WORDS = frozenset({"dan", "di", "ke", "dari", "yang", "bagi", "untuk", "pada", "dalam", "atau",
                         "terhadap", "antar", "serta", "dengan"})

# --------------------------------------------------------------------------------------------
# Years
# --------------------------------------------------------------------------------------------


def no_data_text(table_id: str, tahun: int) -> str:
    """What the page says when no budget year of ``table_id`` lies before ``tahun``."""
    years = table_years(table_id)
    return (f"Belum ada data anggaran untuk tahun sebelum {tahun}: tabel ini memuat tahun "
            f"{year_span(years)}, dan halaman riwayat hanya menampilkan tahun sampai {tahun - 1}. "
            "Tabel, grafik dan narasi untuk tabel ini tidak ditampilkan.")


def table_years(table_id: str, data_dir=None) -> list[int]:
    """All budget years in a table's data."""
    return sorted(int(y) for y in load(table_id, data_dir)["tahun"].dropna().unique())


def years_statement(tahun: int, data_dir=None) -> str:
    """Markdown sentence stating which years each budget table shows for ``tahun``."""
    parts = []
    for table_id in (TABLE_2019_2020, TABLE_2021_2024):
        all_years = table_years(table_id, data_dir)
        years = shown_years(all_years, tahun)
        shown = year_span(years) if years else f"belum ada data sebelum {tahun}"
        parts.append(f"tabel {year_span(all_years)} ({REGULATION[table_id]}): **{shown}**")
    return (f"**Tahun laporan `tahun` = {tahun}.** Ditampilkan tahun anggaran sampai tahun terakhir "
            f"yang tersedia sebelum {tahun}: " + "; ".join(parts) + ". Pertumbuhan dihitung antara "
            "tahun pertama dan tahun terakhir yang ditampilkan.")


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def title_case(text: str) -> str:
    """``PROGRAM PEMENUHAN HAK ANAK (PHA)`` → ``Program Pemenuhan Hak Anak (PHA)``.

    Words in parentheses (acronyms) keep their case; small words (:data:`SMALL_WORDS`) are lower case.
    """
    out = []
    for i, word in enumerate(text.split(" ")):
        if word.startswith("(") and word.endswith(")"):
            out.append(word)
            continue
        low = word.lower()
        out.append(low if i > 0 and low in SMALL_WORDS else low[:1].upper() + low[1:])
    return " ".join(out)


def short_label(uraian: str) -> str:
    """A program's name without the word "Program", upper-case names in title case (charts)."""
    text = str(uraian).strip()
    if text.isupper():
        text = title_case(text)
    return re.sub(r"^program\s+", "", text, flags=re.IGNORECASE)


def program_name(uraian: str) -> str:
    """A program's name for running text: ``Program Perlindungan Perempuan`` (escaped for Markdown)."""
    return markdown_escape(f"Program {short_label(uraian)}")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


# --------------------------------------------------------------------------------------------
# The recomputed figures
# --------------------------------------------------------------------------------------------


_num = as_number


def col(measure: str, year: int) -> str:
    """Internal column name of a yearly figure: ``anggaran_2021``, ``rasio_2024``."""
    return f"{measure}_{year}"


@dataclass
class BudgetView:
    """One budget table for one reporting year: recomputed figures of the shown years.

    ``frame`` has one row per budget line in document order plus the JUMLAH row (``row_id`` =
    ``total``, ``level`` = ``total``) and the columns ``row_id, parent_id, level, urutan, uraian``,
    ``anggaran_<y>``, ``realisasi_<y>``, ``rasio_<y>`` per shown year, and ``growth_total_<m>``,
    ``growth_mean_<m>``, ``cagr_<m>`` for ``m`` in anggaran/realisasi (first → last shown year).
    ``marks`` has the same shape (True = the printed figure differs; see :func:`marks_for`).
    """

    table_id: str
    tahun: int
    years: list[int]
    all_years: list[int]
    frame: pd.DataFrame
    marks: pd.DataFrame
    audit: pd.DataFrame
    leaf_level: str

    @property
    def full_range(self) -> bool:
        """True when every year of the table is shown (the document's growth is then comparable)."""
        return self.years == self.all_years

    @property
    def first(self) -> int:
        return self.years[0]

    @property
    def last(self) -> int:
        return self.years[-1]

    @property
    def span(self) -> str:
        return year_span(self.years)

    @property
    def programs(self) -> pd.DataFrame:
        return self.frame[self.frame["level"] == "program"]

    @property
    def total(self) -> pd.Series:
        return self.frame[self.frame["row_id"] == TOTAL_ROW].iloc[0]

    def value(self, row_id: str, column: str) -> Optional[float]:
        """One recomputed figure (None for no value / undefined)."""
        return _num(self.frame.loc[self.frame["row_id"] == row_id, column].iloc[0])


def _growths(values: Sequence[Optional[float]]) -> dict[str, Optional[float]]:
    periods = len(values) - 1
    if periods < 1:
        return {"total": None, "mean": None, "cagr": None}
    return {"total": compute.growth_total(values[0], values[-1]),
            "mean": compute.growth_mean_annual(values),
            "cagr": compute.cagr(values[0], values[-1], periods)}


def budget_view(table_id: str, tahun: int, data_dir=None) -> Optional[BudgetView]:
    """Recompute a budget table for the years shown in reporting year ``tahun``; None if none is shown."""
    df = load(table_id, data_dir)
    all_years = sorted(int(y) for y in df["tahun"].unique())
    years = shown_years(all_years, tahun)
    if not years:
        return None
    sub = df[df["tahun"].isin(years)]
    rolled = derive.budget_rollup(sub)
    totals = derive.budget_totals(rolled)
    meta = (sub.drop_duplicates("row_id")[["row_id", "parent_id", "level", "urutan", "uraian"]]
            .sort_values("urutan").reset_index(drop=True))
    records = []
    lookup = {(r.row_id, int(r.tahun)): (r.anggaran, r.realisasi) for r in rolled.itertuples()}
    lookup.update({(TOTAL_ROW, int(r.tahun)): (r.anggaran, r.realisasi) for r in totals.itertuples()})
    rows = [dict(row_id=m.row_id, parent_id=None if pd.isna(m.parent_id) else m.parent_id, level=m.level,
                 urutan=int(m.urutan), uraian=m.uraian) for m in meta.itertuples()]
    rows.append(dict(row_id=TOTAL_ROW, parent_id=None, level="total", urutan=int(meta["urutan"].max()) + 1,
                     uraian=TOTAL_LABEL))
    for row in rows:
        rec = dict(row)
        series = {m: [] for m in MEASURES}
        for y in years:
            a, r = (_num(v) for v in lookup.get((row["row_id"], y), (None, None)))
            rec[col("anggaran", y)] = a
            rec[col("realisasi", y)] = r
            rec[col("rasio", y)] = compute.budget_ratio(r, a)
            series["anggaran"].append(a)
            series["realisasi"].append(r)
        for m in MEASURES:
            g = _growths(series[m])
            rec[f"growth_total_{m}"] = g["total"]
            rec[f"growth_mean_{m}"] = g["mean"]
            rec[f"cagr_{m}"] = g["cagr"]
        records.append(rec)
    frame = pd.DataFrame.from_records(records)
    numeric = [c for c in frame.columns if c not in ("row_id", "parent_id", "level", "urutan", "uraian")]
    frame[numeric] = frame[numeric].astype("Float64")
    audit = audit_table(table_id, data_dir)
    leaf = "sub_kegiatan" if (df["level"] == "sub_kegiatan").any() else "kegiatan"
    return BudgetView(table_id=table_id, tahun=int(tahun), years=years, all_years=all_years, frame=frame,
                      marks=marks_for(frame, audit, years, years == all_years), audit=audit, leaf_level=leaf)


def marks_for(frame: pd.DataFrame, audit: pd.DataFrame, years: Sequence[int], full_range: bool) -> pd.DataFrame:
    """Boolean frame shaped like ``frame``: True where the audit lists the printed figure as different.

    Yearly figures (anggaran, realisasi, rasio) are marked for the shown years; growth cells only
    when ``full_range`` (the document's growth runs from its first to its last year).
    """
    marks = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    position = {r: i for i, r in zip(frame.index, frame["row_id"])}
    for a in audit.itertuples():
        i = position.get(str(a.row))
        if i is None:
            continue
        if a.measure in ("anggaran", "realisasi", "rasio") and a.tahun is not None and not pd.isna(a.tahun):
            name = col(a.measure, int(a.tahun))
            if int(a.tahun) in years and name in marks.columns:
                marks.at[i, name] = True
        elif str(a.measure).startswith("pertumbuhan_") and full_range:
            name = "growth_total_" + str(a.measure).split("_", 1)[1]
            if name in marks.columns:
                marks.at[i, name] = True
    return marks


def shown_audit(view: BudgetView) -> pd.DataFrame:
    """The audit rows that correspond to a marked cell of the view."""
    keep = []
    for a in view.audit.itertuples():
        if a.measure in ("anggaran", "realisasi", "rasio"):
            keep.append(a.tahun is not None and not pd.isna(a.tahun) and int(a.tahun) in view.years)
        else:
            keep.append(view.full_range and str(a.measure).startswith("pertumbuhan_"))
    return view.audit[keep] if len(view.audit) else view.audit


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


#: Extra CSS of the budget tables: text left-aligned (JupyterLab/nbconvert CSS right-aligns every cell
#: with a selector of specificity (0,2,1), so two classes are needed to win), a wide
#: Uraian column, and headers that wrap (the shared CSS keeps numeric headers on one line).
BUDGET_CSS = """<style>
table.renstra-tabel.renstra-anggaran td,table.renstra-tabel.renstra-anggaran th{text-align:left}
table.renstra-tabel.renstra-anggaran td.num,table.renstra-tabel.renstra-anggaran th.num{text-align:right}
table.renstra-tabel.renstra-anggaran td:first-child{min-width:22em;max-width:34em}
table.renstra-tabel.renstra-anggaran th{white-space:normal;min-width:6.5em;vertical-align:bottom}
</style>"""


class BudgetTable(Table):
    """A :class:`~helpers.present.Table` with some rows in bold (HTML and XLSX).

    ``bold_rows`` are positions (0-based) of rows printed in bold: the program rows and JUMLAH.
    Everything else (escaping, number formats, marks, CSV) is the shared Table's.
    """

    def to_html(self) -> str:
        html_text = super().to_html().replace('<table class="renstra-tabel">',
                                              '<table class="renstra-tabel renstra-anggaran">', 1)
        html_text = BUDGET_CSS + html_text
        return html_text


def table_caption(view: BudgetView) -> str:
    """The document's title with the printed year range replaced by the shown years."""
    caption = read_schema(view.table_id).caption
    replaced, n = re.subn(r"Tahun\s+\d{4}\s*[-–]\s*\d{4}", f"Tahun {view.span}", caption)
    return replaced if n else f"{caption} ({view.span})"


def growth_header(view: BudgetView, measure: str, kind: str) -> str:
    """Header of a growth column: ``Pertumbuhan total anggaran 2021–2024 (%) (konvensi dokumen)``."""
    if kind == "total":
        return f"Pertumbuhan total {measure} {view.span} (%) (konvensi dokumen)"
    return f"Rata-rata pertumbuhan tahunan {measure} {view.span} (%)"


def uraian_text(level: str, uraian: str) -> str:
    """Uraian as shown: program as printed, kegiatan ``· ``, sub kegiatan ``· · `` prefixed."""
    return INDENT.get(level, "") + str(uraian)


def budget_columns(view: BudgetView) -> list[tuple[str, str, str]]:
    """(internal column, header, kind) of the document-layout table, in the document's order."""
    cols = [(col("anggaran", y), f"Anggaran {y} (Rp)", "rupiah") for y in view.years]
    cols += [(col("realisasi", y), f"Realisasi {y} (Rp)", "rupiah") for y in view.years]
    cols += [(col("rasio", y), f"Rasio {y} (%)", "dec2") for y in view.years]
    if len(view.years) >= 2:
        cols += [(f"growth_total_{m}", growth_header(view, m, "total"), "dec2") for m in MEASURES]
    if len(view.years) >= 3:
        cols += [(f"growth_mean_{m}", growth_header(view, m, "mean"), "dec2") for m in MEASURES]
    return cols


def difference_summary(view: BudgetView) -> str:
    """Sentence(s) describing the marked cells: how many and why (for the table note)."""
    shown = shown_audit(view)
    if shown.empty:
        return "Semua angka turunan yang tercetak sama dengan hasil hitung ulang (dalam batas pembulatan)."
    parts = [f"Tanda *: {format_number(len(shown))} sel berbeda dengan angka tercetak di dokumen."]
    undefined = shown[shown["kind"] == KIND_UNDEFINED_PRINTED]
    if len(undefined):
        parts.append(f"{format_number(len(undefined))} di antaranya rasio atau pertumbuhan yang tidak "
                     "terdefinisi (anggaran 0 atau kosong, atau nilai tahun akhir kosong) tetapi dicetak "
                     "sebagai angka (0, 0,00 atau −100,00); di sini ditampilkan \u201c-\u201d.")
    for a in shown[shown["kind"] != KIND_UNDEFINED_PRINTED].itertuples():
        label = INDENT.get(_level_of(view, a.row), "") + str(a.label)
        measure, year = a.measure, "" if a.tahun is None or pd.isna(a.tahun) else f" {int(a.tahun)}"
        decimals = 0 if measure in MEASURES else 2
        printed = "kosong" if a.printed is None or pd.isna(a.printed) else format_number(a.printed, decimals)
        recomputed = "-" if a.recomputed is None or pd.isna(a.recomputed) else format_number(a.recomputed, decimals)
        parts.append(f"\u201c{label.strip('· ')}\u201d, {measure}{year}: tercetak {printed}, dihitung ulang "
                     f"{recomputed}.")
    return " ".join(parts)


def _level_of(view: BudgetView, row_id: str) -> str:
    match = view.frame.loc[view.frame["row_id"] == str(row_id), "level"]
    return match.iloc[0] if len(match) else ""


def budget_note(view: BudgetView) -> str:
    """The note under the document-layout table: levels, recomputation, conventions, marks."""
    leaf = LEVEL_NAMES[view.leaf_level]
    levels = ("baris program dicetak tebal, \u201c· \u201d = kegiatan"
              + (", \u201c· · \u201d = sub kegiatan" if view.leaf_level == "sub_kegiatan" else ""))
    notes = [f"Uraian: {levels}. Angka program{', kegiatan' if view.leaf_level == 'sub_kegiatan' else ''} "
             f"dan {TOTAL_LABEL} dihitung ulang dari angka {leaf}. \u201c-\u201d = tidak ada nilai (sel kosong "
             "di dokumen) atau rasio/pertumbuhan tidak terdefinisi (pembagi 0 atau kosong).",
             "Rasio = realisasi / anggaran × 100."]
    if len(view.years) == 1:
        notes.append(f"Hanya satu tahun ({view.first}) yang ditampilkan, sehingga pertumbuhan belum dapat dihitung.")
    else:
        notes.append(f"Pertumbuhan total (konvensi dokumen) = (nilai {view.last} − nilai {view.first}) / nilai "
                     f"{view.first} × 100; dokumen menamai kolom ini \u201cRata Rata Pertumbuhan\u201d, padahal "
                     "bukan rata-rata.")
        if len(view.years) >= 3:
            notes.append("Rata-rata pertumbuhan tahunan = rata-rata hitung dari pertumbuhan setiap tahun "
                         "terhadap tahun sebelumnya (tidak terdefinisi bila satu tahun bernilai 0 atau kosong).")
        else:
            notes.append("Dengan dua tahun hanya ada satu langkah pertumbuhan, sehingga pertumbuhan total sama "
                         "dengan rata-rata pertumbuhan tahunan (dan CAGR); kolom terpisah tidak ditampilkan.")
        if not view.full_range:
            notes.append(f"Pertumbuhan dihitung untuk tahun yang ditampilkan ({view.span}); angka pertumbuhan "
                         f"dokumen ({year_span(view.all_years)}) tidak dibandingkan.")
    if view.table_id == TABLE_2019_2020:
        notes.append(f"Baris {TOTAL_LABEL} tidak berlabel di dokumen. Dokumen mencetak tabel ini dengan "
                     "format angka Inggris (708,200,000 / 93.95).")
    notes.append(difference_summary(view))
    return " ".join(notes)


def budget_display(view: BudgetView) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The document-layout frame (Indonesian headers), its marks and kinds."""
    cols = budget_columns(view)
    out = pd.DataFrame({"Uraian": [uraian_text(l, u) for l, u in zip(view.frame["level"], view.frame["uraian"])]})
    marks = pd.DataFrame({"Uraian": [False] * len(view.frame)})
    for internal, header, _kind in cols:
        out[header] = view.frame[internal].to_numpy()
        marks[header] = view.marks[internal].to_numpy()
    kinds = {"Uraian": "text", **{header: kind for _i, header, kind in cols}}
    return out, marks, kinds


def budget_table(view: Optional[BudgetView]) -> Optional[BudgetTable]:
    """The budget table as in the document (program bold, kegiatan/sub kegiatan indented, JUMLAH last)."""
    if view is None:
        return None
    out, marks, kinds = budget_display(view)
    bold = [i for i, level in enumerate(view.frame["level"]) if level in ("program", "total")]
    return BudgetTable(out, table_caption(view), kinds=kinds, marks=marks, note=budget_note(view),
                       name=SLUG[view.table_id], bold_rows=bold)


def growth_frame(view: BudgetView) -> pd.DataFrame:
    """Programs and JUMLAH: anggaran first/last shown year, change, and three growth measures.

    ``printed`` (the document's "Rata Rata Pertumbuhan" anggaran, lost minus sign restored) is
    filled only when all years of the table are shown.
    """
    rows = view.frame[view.frame["level"].isin(["program", "total"])]
    printed = {}
    if view.full_range:
        p = load_printed(view.table_id)
        p = p[p["column"] == "pertumbuhan_anggaran"]
        printed = {str(r): _num(v) for r, v in zip(p["row"], p["value"])}
    records = []
    for r in rows.itertuples():
        first, last = _num(getattr(r, col("anggaran", view.first))), _num(getattr(r, col("anggaran", view.last)))
        records.append({
            "row_id": r.row_id, "level": r.level, "uraian": r.uraian, "first": first, "last": last,
            "change": None if first is None or last is None else last - first,
            "growth_total": _num(r.growth_total_anggaran), "printed": printed.get(r.row_id),
            "growth_mean": _num(r.growth_mean_anggaran), "cagr": _num(r.cagr_anggaran),
        })
    frame = pd.DataFrame.from_records(records)
    for c in ("first", "last", "change", "growth_total", "printed", "growth_mean", "cagr"):
        frame[c] = frame[c].astype("Float64")
    return frame


def growth_table(view: Optional[BudgetView]) -> Optional[BudgetTable]:
    """Growth of the budget per program and in total: the document's convention and honest averages."""
    if view is None or len(view.years) < 2:
        return None
    g = growth_frame(view)
    a, b = view.first, view.last
    out = pd.DataFrame({"Uraian": list(g["uraian"])})
    out[f"Anggaran {a} (Rp)"] = g["first"].to_numpy()
    out[f"Anggaran {b} (Rp)"] = g["last"].to_numpy()
    out[f"Perubahan {a}–{b} (Rp)"] = g["change"].to_numpy()
    total_header = f"Pertumbuhan total {a}–{b} (%) (konvensi dokumen)"
    out[total_header] = g["growth_total"].to_numpy()
    marks = pd.DataFrame(False, index=out.index, columns=out.columns)
    if view.full_range:
        out["Tercetak di dokumen sebagai \u201cRata Rata Pertumbuhan\u201d (%)"] = g["printed"].to_numpy()
        rows = view.frame.index[view.frame["level"].isin(["program", "total"])]
        marks[total_header] = view.marks.loc[rows, "growth_total_anggaran"].to_numpy()
        marks["Tercetak di dokumen sebagai \u201cRata Rata Pertumbuhan\u201d (%)"] = False
    if len(view.years) >= 3:
        out[f"Rata-rata pertumbuhan tahunan {a}–{b} (%)"] = g["growth_mean"].to_numpy()
        out[f"CAGR {a}–{b} (% per tahun)"] = g["cagr"].to_numpy()
    marks = marks.reindex(columns=out.columns, fill_value=False)
    kinds = {c: ("text" if c == "Uraian" else "rupiah" if "(Rp)" in c else "dec2") for c in out.columns}
    notes = ["Pertumbuhan anggaran antara tahun pertama dan terakhir yang ditampilkan.",
             f"Pertumbuhan total = (anggaran {b} − anggaran {a}) / anggaran {a} × 100: inilah yang dicetak "
             "dokumen di kolom \u201cRata Rata Pertumbuhan\u201d."]
    if len(view.years) >= 3:
        notes.append("Dua ukuran rata-rata yang jujur: rata-rata pertumbuhan tahunan (rata-rata hitung pertumbuhan "
                     "setiap tahun) dan CAGR ((anggaran akhir / anggaran awal)^(1/jumlah langkah tahun) − 1) × 100.")
    else:
        notes.append("Dengan dua tahun, pertumbuhan total = rata-rata pertumbuhan tahunan = CAGR.")
    if view.full_range:
        notes.append("Angka tercetak: tanda minus yang hilang pada ekspor teks (\u201c016,37\u201d) sudah dipulihkan.")
    notes.append("\u201c-\u201d = tidak terdefinisi (anggaran tahun awal 0 atau kosong, atau tahun akhir kosong).")
    return BudgetTable(out, f"Pertumbuhan anggaran per program {view.span} ({REGULATION[view.table_id]}): "
                       "konvensi dokumen dan rata-rata tahunan",
                       kinds=kinds, marks=marks, note=" ".join(notes), name=f"{SLUG[view.table_id]}-pertumbuhan",
                       bold_rows=[len(out) - 1])


def publish(page, table: Optional[Table], table_id: str):
    """Export ``table`` (CSV + XLSX) and return it for display; a sentence when there is nothing to show."""
    from IPython.display import Markdown

    if table is None:
        return Markdown(no_data_text(table_id, page.tahun))
    table.export(page.output_dir)
    return table


def publish_growth(page, view: Optional[BudgetView], table_id: str):
    """The growth table, or a sentence saying why it is not shown (no year, or one year only)."""
    from IPython.display import Markdown

    if view is None:
        return Markdown(no_data_text(table_id, page.tahun))
    table = growth_table(view)
    if table is None:
        return Markdown(f"Hanya tahun {view.first} yang ditampilkan: pertumbuhan belum dapat dihitung.")
    table.export(page.output_dir)
    return table


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


def _quiet():
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


def budgeted_programs(view: BudgetView) -> pd.DataFrame:
    """Programs with a positive anggaran in at least one shown year (the others have nothing to plot)."""
    progs = view.programs
    cols = [col("anggaran", y) for y in view.years]
    has = progs[cols].fillna(0).gt(0).any(axis=1)
    return progs[has]


def unbudgeted_programs(view: BudgetView) -> list[str]:
    """Names of programs with no anggaran (0 or blank) in every shown year."""
    chosen = set(budgeted_programs(view)["row_id"])
    return [u for r, u in zip(view.programs["row_id"], view.programs["uraian"]) if r not in chosen]


def _year_axis(ax, years):
    ax.set_xticks(list(years))
    ax.set_xticklabels([str(y) for y in years])
    pad = 0.8 if len(years) == 1 else 0.6
    ax.set_xlim(years[0] - pad, years[-1] + pad)


def _small_rupiah_ticks(ax, values: Iterable[Optional[float]], scale: float = 1e6):
    """Whole-juta ticks when the largest amount is a few juta (avoids repeated labels like 2, 2, 1)."""
    from matplotlib.ticker import MultipleLocator

    top = max([v for v in values if v is not None] or [0])
    if 0 < top < 8 * scale:
        ax.yaxis.set_major_locator(MultipleLocator(scale))


def _footnote(fig, view: BudgetView, height: float):
    missing = unbudgeted_programs(view)
    if missing:
        text = "Tanpa anggaran pada " + view.span + ": " + "; ".join(short_label(m) for m in missing)
        fig.text(0.01, 0.15 / height, _wrap(text, 170), fontsize=8, color="#333", ha="left", va="bottom")


def program_chart(view: Optional[BudgetView]):
    """Small multiples: anggaran vs realisasi per program and year (each panel its own juta-rupiah scale)."""
    if view is None:
        return None
    import matplotlib.pyplot as plt

    _quiet()
    progs = budgeted_programs(view)
    n = len(progs)
    cols = 4 if n > 6 else min(3, max(n, 1))
    rows = max(1, math.ceil(n / cols))
    height = 2.9 * rows + 1.4
    fig, axes = plt.subplots(rows, cols, figsize=(4.0 * cols, height), squeeze=False)
    width = 0.38
    for ax, prog in zip(axes.flat, progs.itertuples()):
        series = [("anggaran", PALETTE[0], HATCHES[0], -width / 2), ("realisasi", PALETTE[1], HATCHES[1], width / 2)]
        for measure, color, hatch, shift in series:
            values = [_num(getattr(prog, col(measure, y))) for y in view.years]
            xs = [y + shift for y, v in zip(view.years, values) if v is not None]
            ax.bar(xs, [v for v in values if v is not None], width=width, color=color, hatch=hatch,
                   edgecolor="#333", linewidth=0.5, label=MEASURE_LABELS[measure])
        _year_axis(ax, view.years)
        rupiah_axis(ax, "y", 1e6, "Juta Rupiah")
        _small_rupiah_ticks(ax, [_num(getattr(prog, col(m, y))) for m in MEASURES for y in view.years])
        ax.yaxis.label.set_size(8)
        ax.tick_params(labelsize=7.5)
        ax.set_title(_wrap(short_label(prog.uraian), 36), fontsize=8.5)
        ax.margins(y=0.12)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", ncol=2, fontsize=9, frameon=False,
               bbox_to_anchor=(0.99, 1 - 0.2 / height))
    fig.suptitle(f"Anggaran dan realisasi per program, {view.span} (juta rupiah; skala sumbu-y tiap panel berbeda)",
                 fontsize=12, fontweight="bold", x=0.01, ha="left", y=1 - 0.15 / height)
    fig.supxlabel("Tahun anggaran", fontsize=9, y=0.55 / height)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=1.05 / height, top=1 - 1.0 / height, hspace=0.6, wspace=0.35)
    _footnote(fig, view, height)
    return fig


def absorption_chart(view: Optional[BudgetView]):
    """Absorption (realisasi / anggaran × 100) per year: JUMLAH first, then one panel per program
    with JUMLAH as a dashed reference line."""
    if view is None:
        return None
    if len(view.years) == 1:
        return _absorption_one_year(view)
    import matplotlib.pyplot as plt

    _quiet()
    progs = budgeted_programs(view)
    panels = [(f"{TOTAL_LABEL} (seluruh program)", view.total, True)]
    panels += [(short_label(p.uraian), p, False) for _, p in progs.iterrows()]
    n = len(panels)
    cols = 4 if n > 6 else min(3, n)
    rows = math.ceil(n / cols)
    height = 2.6 * rows + 1.4
    fig, axes = plt.subplots(rows, cols, figsize=(4.0 * cols, height), squeeze=False, sharey=True)
    total_values = [_num(view.total[col("rasio", y)]) for y in view.years]
    top = max([100.0] + [_num(p[col("rasio", y)]) or 0 for _t, p, _x in panels for y in view.years])
    for ax, (title, row, is_total) in zip(axes.flat, panels):
        values = [_num(row[col("rasio", y)]) for y in view.years]
        if not is_total:
            ax.plot(view.years, total_values, linestyle="--", color="#777", marker="", linewidth=1,
                    label=f"{TOTAL_LABEL}")
        xs = [y for y, v in zip(view.years, values) if v is not None]
        ys = [v for v in values if v is not None]
        ax.plot(xs, ys, color=PALETTE[7] if is_total else PALETTE[0], marker=MARKERS[1] if is_total else MARKERS[0],
                linewidth=2 if is_total else 1.5, label="Rasio program" if not is_total else TOTAL_LABEL)
        for x, y in zip(xs, ys):
            ax.annotate(format_number(y, 1), (x, y), textcoords="offset points", xytext=(0, 5), ha="center",
                        fontsize=7)
        missing = [y for y, v in zip(view.years, values) if v is None]
        if missing:
            ax.text(0.02, 0.04, "tanpa anggaran: " + ", ".join(str(y) for y in missing), transform=ax.transAxes,
                    fontsize=7, color="#555")
        _year_axis(ax, view.years)
        ax.set_ylim(0, top * 1.12)
        ax.tick_params(labelsize=7.5)
        ax.set_title(_wrap(title, 36), fontsize=8.5, fontweight="bold" if is_total else "normal")
    from helpers.present.legacy import id_formatter

    for r in range(rows):
        axes[r][0].set_ylabel("Rasio realisasi/anggaran (%)", fontsize=8)
        axes[r][0].yaxis.set_major_formatter(id_formatter(0))
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    handles, labels = (axes.flat[1] if n > 1 else axes.flat[0]).get_legend_handles_labels()
    fig.legend(handles, ["Rasio program" if l == "Rasio program" else f"{TOTAL_LABEL} (pembanding)" for l in labels],
               loc="upper right", ncol=2, fontsize=9, frameon=False, bbox_to_anchor=(0.99, 1 - 0.2 / height))
    fig.suptitle(f"Penyerapan anggaran (rasio realisasi terhadap anggaran), {view.span}",
                 fontsize=12, fontweight="bold", x=0.01, ha="left", y=1 - 0.15 / height)
    fig.supxlabel("Tahun anggaran", fontsize=9, y=0.55 / height)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=1.05 / height, top=1 - 1.0 / height, hspace=0.6, wspace=0.12)
    _footnote(fig, view, height)
    return fig


def _absorption_one_year(view: BudgetView):
    """One shown year: horizontal bars of each program's absorption, JUMLAH as a dashed line."""
    import matplotlib.pyplot as plt

    from helpers.present.legacy import id_formatter

    _quiet()
    year = view.first
    progs = budgeted_programs(view)
    progs = progs[progs[col("anggaran", year)].fillna(0) > 0]
    labels = [_wrap(short_label(u), 50) for u in progs["uraian"]][::-1]
    values = [_num(v) for v in progs[col("rasio", year)]][::-1]
    total = _num(view.total[col("rasio", year)])
    height = 0.5 * len(labels) + 1.8
    fig, ax = plt.subplots(figsize=(11, height))
    ax.barh(range(len(labels)), [v or 0 for v in values], color=PALETTE[0], hatch=HATCHES[0], edgecolor="#333",
            linewidth=0.5, label="Rasio program")
    for i, v in enumerate(values):
        ax.text((v or 0) + 1, i, format_number(v, 2) + "%", va="center", fontsize=8)
    ax.axvline(total, color=PALETTE[7], linestyle="--", linewidth=1.2,
               label=f"{TOTAL_LABEL}: {format_number(total, 2)}%")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0, max([100.0] + [v or 0 for v in values]) * 1.12)
    ax.xaxis.set_major_formatter(id_formatter(0))
    ax.set_xlabel("Rasio realisasi terhadap anggaran (%)")
    ax.set_title(f"Penyerapan anggaran per program, {year} (program yang memiliki anggaran)", loc="left")
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    fig.subplots_adjust(left=0.3, right=0.97, bottom=0.75 / height, top=1 - 0.45 / height)
    return fig


def share_frame(view: BudgetView) -> pd.DataFrame:
    """Share (%) of each budgeted program in the recomputed total anggaran, per shown year."""
    progs = budgeted_programs(view)
    data = {}
    for y in view.years:
        total = _num(view.total[col("anggaran", y)])
        data[y] = [(_num(v) or 0.0) / total * 100 if total else None for v in progs[col("anggaran", y)]]
    return pd.DataFrame(data, index=list(progs["row_id"]))


def share_chart(view: Optional[BudgetView]):
    """100 % stacked bars: share of each program in the total anggaran per year (colours + hatches)."""
    if view is None:
        return None
    import matplotlib.pyplot as plt

    _quiet()
    progs = budgeted_programs(view)
    shares = share_frame(view)
    labels = dict(zip(progs["row_id"], progs["uraian"]))
    height = max(4.8, 0.42 * len(progs) + 1.8)
    fig, ax = plt.subplots(figsize=(12, height))
    bottom = [0.0] * len(view.years)
    width = 0.6 if len(view.years) > 1 else 0.4
    for k, row_id in enumerate(shares.index):
        values = [v or 0.0 for v in shares.loc[row_id]]
        ax.bar(view.years, values, bottom=bottom, width=width, color=SHARE_COLORS[k % len(SHARE_COLORS)],
               hatch=HATCHES[k % len(HATCHES)], edgecolor="#333", linewidth=0.5,
               label=_wrap(short_label(labels[row_id]), 48))
        for x, v, b in zip(view.years, values, bottom):
            if v >= SHARE_LABEL_MIN:
                ax.text(x, b + v / 2, format_number(v, 1) + "%", ha="center", va="center", fontsize=7.5,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
        bottom = [b + v for b, v in zip(bottom, values)]
    _year_axis(ax, view.years)
    ax.set_ylim(0, 100)
    from helpers.present.legacy import id_formatter

    ax.yaxis.set_major_formatter(id_formatter(0))
    ax.set_ylabel("Porsi dari total anggaran (%)")
    ax.set_xlabel("Tahun anggaran")
    ax.set_title(f"Porsi program dalam total anggaran, {view.span} (label untuk porsi ≥ "
                 f"{format_number(SHARE_LABEL_MIN, 0)}%)", loc="left")
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False,
              title="Program (urutan dari atas)", title_fontsize=8.5)
    fig.subplots_adjust(left=0.07, right=0.62, bottom=0.9 / height, top=1 - 0.55 / height)
    missing = unbudgeted_programs(view)
    if missing:
        fig.text(0.01, 0.1 / height, _wrap("Tanpa anggaran pada " + view.span + ": "
                                            + "; ".join(short_label(m) for m in missing), 150),
                 fontsize=8, color="#333")
    return fig


def show_figure(page, fig, name: str, table_id: str):
    """Save (PNG + SVG) and show a chart; say so plainly when there is no year to chart."""
    import matplotlib.pyplot as plt
    from IPython.display import Markdown, display

    if fig is None:
        display(Markdown(no_data_text(table_id, page.tahun)))
        return None
    page.figure(fig, name)
    plt.show()
    return None


def figure_name(view_or_id, kind: str) -> str:
    """Output name of a chart: ``2-3-anggaran-2021-2024-program``."""
    table_id = view_or_id.table_id if isinstance(view_or_id, BudgetView) else view_or_id
    return f"{SLUG[table_id]}-{kind}"


# --------------------------------------------------------------------------------------------
# Narrative
# --------------------------------------------------------------------------------------------


@dataclass
class Facts:
    """The numbers the narrative states, each also shown in a table of the page."""

    years: list[int]
    total_ratio: dict[int, Optional[float]]
    lowest: dict[int, tuple[str, float]]
    total_first: Optional[float]
    total_last: Optional[float]
    growth_total: Optional[float]
    growth_total_realisasi: Optional[float]
    growth_mean: Optional[float]
    cagr: Optional[float]
    printed_total_growth: Optional[float]
    directions: list[tuple[int, str]]
    increases: list[dict]
    decreases: list[dict]
    started: list[str]
    stopped: list[str]
    undefined_marked: int


def facts(view: BudgetView) -> Facts:
    """Collect the narrative's numbers from the view (no number is computed twice)."""
    years = view.years
    total = view.total
    total_ratio = {y: _num(total[col("rasio", y)]) for y in years}
    lowest = {}
    progs = view.programs
    for y in years:
        candidates = [(u, _num(r)) for u, a, r in zip(progs["uraian"], progs[col("anggaran", y)], progs[col("rasio", y)])
                      if (_num(a) or 0) > 0 and _num(r) is not None]
        if candidates:
            lowest[y] = min(candidates, key=lambda c: c[1])
    totals = [_num(total[col("anggaran", y)]) for y in years]
    directions = []
    for prev, cur, y in zip(totals[:-1], totals[1:], years[1:]):
        if prev is not None and cur is not None:
            directions.append((y, "naik" if cur > prev else "turun" if cur < prev else "tetap"))
    g = growth_frame(view) if len(years) >= 2 else pd.DataFrame()
    increases, decreases, started, stopped = [], [], [], []
    printed_total = None
    if len(years) >= 2:
        pg = g[g["level"] == "program"]
        movers = [dict(uraian=r.uraian, first=_num(r.first), last=_num(r.last), change=_num(r.change),
                       growth=_num(r.growth_total)) for r in pg.itertuples()]
        increases = sorted([m for m in movers if m["change"] is not None and m["change"] > 0],
                           key=lambda m: -m["change"])[:MOVERS_N]
        decreases = sorted([m for m in movers if m["change"] is not None and m["change"] < 0],
                           key=lambda m: m["change"])[:MOVERS_N]
        started = [m["uraian"] for m in movers if not (m["first"] or 0) > 0 and (m["last"] or 0) > 0]
        stopped = [m["uraian"] for m in movers if (m["first"] or 0) > 0 and not (m["last"] or 0) > 0]
        printed_total = _num(g.loc[g["row_id"] == TOTAL_ROW, "printed"].iloc[0])
    shown = shown_audit(view)
    return Facts(
        years=years, total_ratio=total_ratio, lowest=lowest, total_first=totals[0], total_last=totals[-1],
        growth_total=_num(total["growth_total_anggaran"]), growth_total_realisasi=_num(total["growth_total_realisasi"]),
        growth_mean=_num(total["growth_mean_anggaran"]) if len(years) >= 3 else None,
        cagr=_num(total["cagr_anggaran"]) if len(years) >= 3 else None, printed_total_growth=printed_total,
        directions=directions, increases=increases, decreases=decreases, started=started, stopped=stopped,
        undefined_marked=int((shown["kind"] == KIND_UNDEFINED_PRINTED).sum()) if len(shown) else 0,
    )


def _pct(value: Optional[float]) -> str:
    return format_percent(value, 2)


def _change_words(value: float) -> str:
    """``naik 31,14%`` / ``turun 16,37%`` (the size as shown in the table, without its sign)."""
    return ("naik " if value >= 0 else "turun ") + format_percent(abs(value), 2)


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def narrative(view: Optional[BudgetView]) -> str:
    """Indonesian draft narrative of one budget table (Markdown; names escaped, numbers as in the tables)."""
    if view is None:
        return "Belum ada data anggaran untuk tahun sebelum tahun laporan."
    f = facts(view)
    span = view.span
    paras = []
    # 1. Absorption of the total budget.
    ratios = [(y, r) for y, r in f.total_ratio.items() if r is not None]
    if len(view.years) == 1:
        y = view.first
        paras.append(f"Pada {y} anggaran Dinas sebesar "
                     f"{format_rupiah(view.total[col('anggaran', y)])} terealisasi "
                     f"{format_rupiah(view.total[col('realisasi', y)])}, atau penyerapan "
                     f"{_pct(f.total_ratio[y])} dari anggaran.")
    elif ratios:
        listed = _join([f"{_pct(r)} ({y})" for y, r in ratios])
        high = max(ratios, key=lambda t: t[1])
        low = min(ratios, key=lambda t: t[1])
        paras.append(f"Penyerapan anggaran Dinas (rasio realisasi terhadap anggaran, baris {TOTAL_LABEL}) pada "
                     f"{span} berturut-turut {listed}; tertinggi pada {high[0]} dan terendah pada {low[0]}.")
    # 2. Lowest absorption per year among programs with a budget.
    if f.lowest:
        if len(f.lowest) == 1:
            (y, (u, r)), = f.lowest.items()
            paras.append(f"Program dengan penyerapan terendah pada {y} (di antara program yang memiliki "
                         f"anggaran) adalah {program_name(u)} ({_pct(r)}).")
        else:
            listed = "; ".join(f"{y}: {program_name(u)} ({_pct(r)})" for y, (u, r) in f.lowest.items())
            paras.append("Program dengan penyerapan terendah (di antara program yang memiliki anggaran) setiap "
                         f"tahun: {listed}.")
    # 3. Growth of the total budget with both conventions.
    if len(view.years) >= 2 and f.growth_total is not None:
        text = (f"Anggaran total {_change_words(f.growth_total).split(' ')[0]} dari {format_rupiah(f.total_first)} "
                f"({view.first}) menjadi {format_rupiah(f.total_last)} ({view.last}), yaitu pertumbuhan total "
                f"{span} sebesar {_pct(f.growth_total)} menurut konvensi dokumen")
        if f.growth_total_realisasi is not None:
            text += f"; realisasi total {_change_words(f.growth_total_realisasi)}"
        text += "."
        if len(view.years) >= 3:
            if f.growth_mean is not None:
                text += (f" Sebagai rata-rata per tahun, anggaran tumbuh {_pct(f.growth_mean)} (rata-rata "
                         f"pertumbuhan tahunan) atau {_pct(f.cagr)} (CAGR).")
            steps = _join([f"{d} pada {y}" for y, d in f.directions])
            if steps:
                text += f" Dari tahun ke tahun anggaran total {steps}."
        else:
            text += (" Dengan dua tahun, pertumbuhan total ini sama dengan rata-rata pertumbuhan tahunan "
                     "(dan CAGR).")
        paras.append(text)
    # 4. Largest increases / decreases among programs.
    if len(view.years) >= 2:
        sentences = []
        def mover(m):
            growth = (f", pertumbuhan total {_pct(m['growth'])}" if m["growth"] is not None
                      else ", pertumbuhan persen tidak terdefinisi karena anggaran awal 0")
            return (f"{program_name(m['uraian'])} (dari {format_rupiah(m['first'])} menjadi "
                    f"{format_rupiah(m['last'])}, perubahan {format_rupiah(m['change'])}{growth})")
        if f.increases:
            sentences.append(f"Kenaikan anggaran terbesar {view.first}–{view.last}: "
                             + "; ".join(mover(m) for m in f.increases) + ".")
        if f.decreases:
            sentences.append("Penurunan terbesar: " + "; ".join(mover(m) for m in f.decreases) + ".")
        if f.started:
            sentences.append(f"Belum dianggarkan pada {view.first} tetapi dianggarkan pada {view.last}: "
                             + _join([program_name(u) for u in f.started]) + ".")
        if f.stopped:
            sentences.append(f"Dianggarkan pada {view.first} tetapi tidak lagi pada {view.last} (0 atau kosong): "
                             + _join([program_name(u) for u in f.stopped]) + ".")
        if sentences:
            paras.append(" ".join(sentences))
    # 5. The document's convention and the marked cells.
    conv = ("Catatan konvensi: kolom \u201cRata Rata Pertumbuhan\u201d dalam dokumen bukan rata-rata, melainkan "
            "pertumbuhan total (nilai tahun akhir − nilai tahun awal) / nilai tahun awal × 100.")
    if view.full_range and f.printed_total_growth is not None and f.growth_total is not None:
        same = "sama dengan" if abs(f.printed_total_growth - f.growth_total) <= 0.005 else "berbeda dari"
        conv += (f" Untuk baris {TOTAL_LABEL}, angka tercetak {_pct(f.printed_total_growth)} {same} pertumbuhan "
                 f"total hasil hitung ulang.")
    if len(view.years) >= 3:
        conv += " Sebaiknya narasi Renstra menyebutnya \u201cpertumbuhan total\u201d, atau memakai rata-rata tahunan/CAGR."
    if f.undefined_marked:
        conv += (f" Sebanyak {format_number(f.undefined_marked)} sel rasio/pertumbuhan yang tidak terdefinisi "
                 "(anggaran 0 atau kosong) dicetak dokumen sebagai angka; di tabel ditampilkan \u201c-\u201d "
                 "bertanda *.")
    paras.append(conv)
    return "\n\n".join(paras)
