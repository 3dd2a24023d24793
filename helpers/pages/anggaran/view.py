"""The recomputed figures of one budget table for one reporting year (:class:`BudgetView`).

A history page: for a reporting year ``tahun`` a table shows its budget years up to the latest
one before ``tahun`` (:func:`helpers.core.years.shown_years`); growth runs between the first and
the last *shown* year. Every parent amount and the JUMLAH row are recomputed from the leaves with
:func:`helpers.core.derive.budget_rollup` / :func:`helpers.core.derive.budget_totals`; ratios and
growth use the rules of :mod:`helpers.core.compute` (the ones :func:`helpers.core.derive.budget`
applies, so the page agrees with the audit). Cells whose printed value differs from the
recomputed one are marked from :func:`helpers.core.audit.audit_table` (growth only when all years
of the table are shown, because the document's growth runs over all its years).

When the data lacks the table (another office), or no year of it lies before ``tahun``,
:func:`budget_view` returns a :class:`NoBudget` instead, and every product of that table is a
notice or nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

import pandas as pd

from helpers.core import compute, derive, progress
from helpers.core.audit import audit_table
from helpers.core.compute import as_number
from helpers.core.data import has_table, load, load_printed, read_schema
from helpers.core.text import short_label
from helpers.core.years import YearWindow, shown_years, year_span
from helpers.present import markdown_escape

TABLE_2019_2020 = "2_3_anggaran_2019_2020"
TABLE_2021_2024 = "2_3_anggaran_2021_2024"
#: The page's budget tables, in page order.
TABLES = (TABLE_2019_2020, TABLE_2021_2024)
#: Tables whose grand total the document prints without a label (docs/assumptions/bab2-anggaran.md);
#: said only where the document's printed figures are in the data.
UNLABELLED_TOTAL = frozenset({TABLE_2019_2020})

TOTAL_ROW = "total"
#: Label of the grand-total row (printed "JUMLAH" in 2021–2024; unlabelled in 2019–2020).
TOTAL_LABEL = "JUMLAH"
#: Indent level of each hierarchy level in the tables.
INDENT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2, "total": 0}
LEVEL_NAMES = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
MEASURES = ("anggaran", "realisasi")
MEASURE_LABELS = {"anggaran": "Anggaran", "realisasi": "Realisasi"}

_REGULATION = re.compile(r"Permendagri\s+\d+\s+Tahun\s+\d{4}")
_ID_YEARS = re.compile(r"(\d{4})_(\d{4})$")
#: A printed amount in English style (``708,200,000``).
_ENGLISH_AMOUNT = re.compile(r"^\d{1,3}(,\d{3})+$")
_INDONESIAN_AMOUNT = re.compile(r"^\d{1,3}(\.\d{3})+$")

_num = as_number


def col(measure: str, year: int) -> str:
    """Internal column name of a yearly figure: ``anggaran_2021``, ``rasio_2024``."""
    return f"{measure}_{year}"


def slug(table_id: str) -> str:
    """Output name of a table's products: ``2_3_anggaran_2021_2024`` → ``2-3-anggaran-2021-2024``."""
    return table_id.replace("_", "-")


def _id_years(table_id: str) -> str:
    found = _ID_YEARS.search(table_id)
    return year_span([int(found.group(1)), int(found.group(2))]) if found else ""


def program_name(uraian: str) -> str:
    """A program's name for running text: ``Program Perlindungan Perempuan`` (escaped for Markdown)."""
    return markdown_escape(f"Program {short_label(uraian)}")


# --------------------------------------------------------------------------------------------
# A table that cannot be shown
# --------------------------------------------------------------------------------------------


@dataclass
class NoBudget:
    """A budget table with nothing to show for ``tahun``: absent from the data, or no year yet."""

    table_id: str
    tahun: int
    data_dir: object = None
    all_years: Sequence[int] = ()
    absent: bool = False
    plan: bool = False  # the budget of the plan years (Tabel 4.1 and the imported realisation)

    @property
    def slug(self) -> str:
        return PLAN_SLUG if self.plan else slug(self.table_id)

    @property
    def label(self) -> str:
        """``Tabel anggaran dan realisasi 2019–2020`` (the years the table id names)."""
        span = _id_years(self.table_id)
        if self.plan:
            return f"Tabel anggaran dan realisasi tahun rencana {span}"
        return f"Tabel anggaran dan realisasi {span}" if span else f"Tabel anggaran dan realisasi ({self.table_id})"

    @property
    def title(self) -> str:
        if self.absent or self.plan:
            return self.label
        return table_title(self.table_id, self.data_dir)

    @property
    def text(self) -> str:
        """What the page says in place of the table."""
        if self.plan:
            from helpers.core.progress import NO_DATA

            return (f"Anggaran dan realisasi tahun rencana {year_span(self.all_years)}: {NO_DATA} untuk tahun "
                    f"sebelum {self.tahun}. Tabel ini tampil setelah realisasi tahun rencana diimpor; "
                    "realisasi suatu tahun tampil pada halaman tahun-tahun berikutnya.")
        return no_data_text(self.all_years, self.tahun)


def no_data_text(all_years: Sequence[int], tahun: int) -> str:
    """What the page says when no budget year of a table lies before ``tahun``."""
    return (f"Belum ada data anggaran untuk tahun sebelum {tahun}: tabel ini memuat tahun "
            f"{year_span(all_years)}, dan halaman riwayat hanya menampilkan tahun sampai {tahun - 1}. "
            "Tabel, grafik dan narasi untuk tabel ini tidak ditampilkan.")


def table_title(table_id: str, data_dir=None) -> str:
    """The document's title of a table (office from ``opd.yaml``), year ranges with an en dash."""
    caption = read_schema(table_id, data_dir).caption
    return re.sub(r"(\d{4})\s*-\s*(\d{4})", "\\1–\\2", caption)


def regulation(table_id: str, data_dir=None) -> str:
    """The regulation a table's nomenclature follows, as its title names it (``Permendagri 90 Tahun 2019``)."""
    found = _REGULATION.search(read_schema(table_id, data_dir).title)
    return found.group(0) if found else ""


# --------------------------------------------------------------------------------------------
# Years
# --------------------------------------------------------------------------------------------


def table_years(table_id: str, data_dir=None) -> list[int]:
    """All budget years in a table's data."""
    return sorted(int(y) for y in load(table_id, data_dir)["tahun"].dropna().unique())


def years_statement(tahun: int, data_dir=None) -> str:
    """Markdown sentence stating which years each budget table shows for ``tahun``."""
    parts = []
    for table_id in TABLES:
        if not has_table(table_id, data_dir):
            parts.append(f"{NoBudget(table_id, tahun, absent=True).label.lower()}: **tidak tersedia dalam data**")
            continue
        all_years = table_years(table_id, data_dir)
        years = shown_years(all_years, tahun)
        shown = year_span(years) if years else f"belum ada data sebelum {tahun}"
        rule = regulation(table_id, data_dir)
        parts.append(f"tabel {year_span(all_years)}" + (f" ({rule})" if rule else "") + f": **{shown}**")
    return (f"**Tahun laporan {tahun}.** Ditampilkan tahun anggaran sampai tahun terakhir "
            f"yang tersedia sebelum {tahun}: " + "; ".join(parts) + ". Pertumbuhan dihitung antara "
            "tahun pertama dan tahun terakhir yang ditampilkan.")


def marks_statement(data_dir=None) -> Optional[str]:
    """How corrected cells are marked, when the data holds the document's printed figures (else None)."""
    if not any(has_table(t, data_dir) and not load_printed(t, data_dir).empty for t in TABLES):
        return None
    return ("Sel yang hasil hitung ulangnya berbeda dari angka tercetak di dokumen diberi tanda bintang (\\*); angka "
            "tercetaknya tertulis di catatan tabel atau pada keterangan sel.")


# --------------------------------------------------------------------------------------------
# The recomputed figures
# --------------------------------------------------------------------------------------------


@dataclass
class BudgetView(YearWindow):
    """One budget table for one reporting year: recomputed figures of the shown years.

    ``frame`` has one row per budget line in document order plus the JUMLAH row (``row_id`` =
    ``total``, ``level`` = ``total``) and the columns ``row_id, parent_id, level, urutan, uraian``,
    ``anggaran_<y>``, ``realisasi_<y>``, ``rasio_<y>`` per shown year, and ``growth_total_<m>``,
    ``growth_mean_<m>``, ``cagr_<m>`` for ``m`` in anggaran/realisasi (first → last shown year).
    ``marks`` has the same shape (True = the printed figure differs; see :func:`marks_for`).
    ``printed`` is the document's printed figures of the table (empty without ``data/printed``).
    """

    table_id: str
    tahun: int
    years: list[int]
    all_years: list[int]
    frame: pd.DataFrame
    marks: pd.DataFrame
    audit: pd.DataFrame
    leaf_level: str
    printed: pd.DataFrame
    data_dir: object = None

    @property
    def full_range(self) -> bool:
        """True when every year of the table is shown (the document's growth is then comparable)."""
        return self.years == self.all_years

    @property
    def has_printed(self) -> bool:
        """True when the data holds the document's printed figures of this table."""
        return not self.printed.empty

    @property
    def english_style(self) -> bool:
        """True when the document prints this table's amounts in English style (``708,200,000``)."""
        texts = [str(t) for t in self.printed.loc[self.printed["column"].isin(list(MEASURES)), "printed"].dropna()]
        english = sum(bool(_ENGLISH_AMOUNT.match(t)) for t in texts)
        return english > 0 and english > sum(bool(_INDONESIAN_AMOUNT.match(t)) for t in texts)

    @property
    def slug(self) -> str:
        return slug(self.table_id)

    @property
    def title(self) -> str:
        return table_title(self.table_id, self.data_dir)

    @property
    def regulation(self) -> str:
        return regulation(self.table_id, self.data_dir)

    @property
    def programs(self) -> pd.DataFrame:
        return self.frame[self.frame["level"] == "program"]

    @property
    def total(self) -> pd.Series:
        return self.frame[self.frame["row_id"] == TOTAL_ROW].iloc[0]

    def value(self, row_id: str, column: str) -> Optional[float]:
        """One recomputed figure (None for no value / undefined)."""
        return _num(self.frame.loc[self.frame["row_id"] == row_id, column].iloc[0])


View = Union[BudgetView, NoBudget]


def _growths(values: Sequence[Optional[float]]) -> dict[str, Optional[float]]:
    periods = len(values) - 1
    if periods < 1:
        return {"total": None, "mean": None, "cagr": None}
    return {"total": compute.growth_total(values[0], values[-1]),
            "mean": compute.growth_mean_annual(values),
            "cagr": compute.cagr(values[0], values[-1], periods)}


def budget_view(table_id: str, tahun: int, data_dir=None) -> View:
    """Recompute a budget table for the years shown in reporting year ``tahun``.

    A :class:`NoBudget` when the data lacks the table or no year of it is shown yet.
    """
    if not has_table(table_id, data_dir):
        return NoBudget(table_id, int(tahun), data_dir, absent=True)
    df = load(table_id, data_dir)
    all_years = sorted(int(y) for y in df["tahun"].unique())
    years = shown_years(all_years, tahun)
    if not years:
        return NoBudget(table_id, int(tahun), data_dir, all_years=all_years)
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
                      marks=marks_for(frame, audit, years, years == all_years), audit=audit, leaf_level=leaf,
                      printed=load_printed(table_id, data_dir), data_dir=data_dir)


# --------------------------------------------------------------------------------------------
# The plan years: Tabel 4.1 lines with the imported realisation (Permendagri 86/2017 T-C.24)
# --------------------------------------------------------------------------------------------

#: The budget "table" of the plan years: not a table of the document, built from Tabel 4.1 and the
#: imported realisation (data/realisasi/<tahun>.csv).
TABLE_PLAN = "4_1_rencana_program"
PLAN_SLUG = "2-3-anggaran-rencana"
PLAN_TITLE = "Anggaran dan Realisasi Pendanaan Pelayanan Perangkat Daerah {nama} Tahun {span}"


@dataclass
class PlanBudgetView(BudgetView):
    """The budget table of the plan years a history page shows (:func:`plan_budget_view`): the same
    frame, rules and products as a :class:`BudgetView`, its lines from Tabel 4.1 (program → kegiatan →
    sub kegiatan). ``sources[tahun]`` is the anggaran source per line (``derive.SOURCE_IMPORT`` /
    ``derive.SOURCE_PLAN``); ``imported`` the years with a realisation file; ``differs[tahun]`` the
    lines whose imported pagu differs from Tabel 4.1; ``parent_differs`` the (kode, tahun, measure,
    imported value) of program and kegiatan figures of the file that differ from their recomputed sum."""

    periode: tuple[int, int] = (0, 0)
    sources: dict = field(default_factory=dict)
    imported: list[int] = field(default_factory=list)
    differs: dict = field(default_factory=dict)
    parent_differs: list = field(default_factory=list)
    nihil: set = field(default_factory=set)  # (kode, tahun): sub kegiatan without anggaran nor entry, realisasi nihil

    @property
    def slug(self) -> str:
        return PLAN_SLUG

    @property
    def title(self) -> str:
        from helpers.core.opd import load_opd

        return PLAN_TITLE.format(nama=load_opd(self.data_dir).lengkap, span=self.span)

    @property
    def regulation(self) -> str:
        return "Permendagri 86 Tahun 2017 (T-C.24), kode Tabel 4.1"

    @property
    def has_printed(self) -> bool:
        return False

    @property
    def english_style(self) -> bool:
        return False

    def source_text(self, year: int) -> str:
        """Where the anggaran of ``year`` comes from, for the notes."""
        sources = set(self.sources.get(year, {}).values())
        if year not in self.imported or sources == {derive.SOURCE_PLAN}:
            return f"{year}: pagu Tabel 4.1 (belum ada pagu DPA yang diimpor)"
        n = len(self.differs.get(year, []))
        same = ("sama dengan pagu Tabel 4.1 pada semua baris" if not n else
                f"berbeda dari pagu Tabel 4.1 pada {n} baris")
        if derive.SOURCE_PLAN in sources:
            return f"{year}: pagu berkas realisasi yang diimpor (DPA) bila diisi, selebihnya Tabel 4.1; {same}"
        return f"{year}: pagu berkas realisasi yang diimpor (DPA), {same}"


def plan_budget_view(tahun: int, data_dir=None) -> View:
    """The budget of the plan years a history page for ``tahun`` shows (:func:`helpers.core.progress.history_plan_years`),
    from Tabel 4.1 and the imported realisation, on the rules of the history tables (roll-up from the
    sub kegiatan, ratio, growth); a :class:`NoBudget` when no plan year is shown yet or Tabel 4.1 is absent."""
    from helpers.core import progress

    first, last = progress.periode(data_dir)
    years = progress.history_plan_years(tahun, data_dir)
    label_id = f"2_3_anggaran_{first}_{last}"
    if not has_table(TABLE_PLAN, data_dir):
        return NoBudget(label_id, int(tahun), data_dir, absent=True, plan=True)
    if not years:
        return NoBudget(label_id, int(tahun), data_dir, all_years=list(range(first, last + 1)), plan=True)
    lines = progress.plan_budget(years, data_dir)
    rolled = derive.plan_budget_rollup(lines)
    top = rolled[rolled["parent_id"].isna()]
    records = []
    meta = lines.drop_duplicates("row_id")
    rows = [dict(row_id=m.row_id, parent_id=None if pd.isna(m.parent_id) else m.parent_id, level=m.level,
                 urutan=int(m.urutan), uraian=m.uraian) for m in meta.itertuples()]
    rows.append(dict(row_id=TOTAL_ROW, parent_id=None, level="total", urutan=len(rows) + 1, uraian=TOTAL_LABEL))
    lookup = {(r.row_id, int(r.tahun)): (r.anggaran, r.realisasi) for r in rolled.itertuples()}
    for y in years:
        g = top[top["tahun"] == y]
        known = g["realisasi"].notna().all()
        lookup[(TOTAL_ROW, y)] = (_num(g["anggaran"].sum(min_count=1)),
                                  _num(g["realisasi"].sum(min_count=1)) if known else None)
    for row in rows:
        rec = dict(row)
        series = {m: [] for m in MEASURES}
        for y in years:
            a, r = (_num(v) for v in lookup.get((row["row_id"], y), (None, None)))
            rec[col("anggaran", y)], rec[col("realisasi", y)] = a, r
            rec[col("rasio", y)] = compute.budget_ratio(r, a) if r is not None else None
            series["anggaran"].append(a)
            series["realisasi"].append(r)
        for m in MEASURES:
            g = _growths(series[m])
            rec[f"growth_total_{m}"], rec[f"growth_mean_{m}"], rec[f"cagr_{m}"] = g["total"], g["mean"], g["cagr"]
        records.append(rec)
    frame = pd.DataFrame.from_records(records)
    numeric = [c for c in frame.columns if c not in ("row_id", "parent_id", "level", "urutan", "uraian")]
    frame[numeric] = frame[numeric].astype("Float64")
    plan = load(TABLE_PLAN, data_dir)
    plan_pagu = {(k, int(t)): _num(v) for k, t, v in
                 zip(*(derive.plan_rollup(plan)[c] for c in ("kode", "tahun", "pagu")))}
    sources = {y: dict(zip(g["row_id"], g["sumber_anggaran"])) for y, g in lines.groupby("tahun")}
    nihil = {(r, int(t)) for r, t, n in zip(lines["row_id"], lines["tahun"], lines["nihil"]) if n}
    differs = {}
    parent_differs = []
    for r in rolled.itertuples():
        y = int(r.tahun)
        given = _num(r.anggaran_isian)
        if r.sumber_anggaran == derive.SOURCE_IMPORT and r.level == "sub_kegiatan" and given != plan_pagu.get((r.row_id, y)):
            differs.setdefault(y, []).append(r.row_id)
        if r.level != "sub_kegiatan":
            for measure, given, computed in (("realisasi", _num(r.realisasi_isian), _num(r.realisasi)),):
                if given is not None and computed is not None and abs(given - computed) > 0.5:
                    parent_differs.append((r.row_id, y, measure, given))
    empty_audit = pd.DataFrame(columns=list(audit_columns()))
    return PlanBudgetView(table_id=TABLE_PLAN, tahun=int(tahun), years=years, all_years=years, frame=frame,
                          marks=pd.DataFrame(False, index=frame.index, columns=frame.columns), audit=empty_audit,
                          leaf_level="sub_kegiatan", printed=load_printed("__none__", data_dir), data_dir=data_dir,
                          periode=(first, last), sources=sources,
                          imported=[y for y in years if bool(lines.loc[lines["tahun"] == y, "diimpor"].any())],
                          differs=differs, parent_differs=parent_differs, nihil=nihil)


def audit_columns() -> tuple[str, ...]:
    """The columns of an audit listing (:data:`helpers.core.audit.DETAIL_COLUMNS`)."""
    from helpers.core.audit import DETAIL_COLUMNS

    return DETAIL_COLUMNS


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


def mark_column(measure: str, tahun) -> str:
    """The view column an audit row refers to (``rasio``, 2023 → ``rasio_2023``)."""
    if measure in ("anggaran", "realisasi", "rasio") and tahun is not None and not pd.isna(tahun):
        return col(measure, int(tahun))
    return "growth_total_" + str(measure).split("_", 1)[1]


def shown_audit(view: BudgetView) -> pd.DataFrame:
    """The audit rows that correspond to a marked cell of the view."""
    keep = []
    for a in view.audit.itertuples():
        if a.measure in ("anggaran", "realisasi", "rasio"):
            keep.append(a.tahun is not None and not pd.isna(a.tahun) and int(a.tahun) in view.years)
        else:
            keep.append(view.full_range and str(a.measure).startswith("pertumbuhan_"))
    return view.audit[keep] if len(view.audit) else view.audit


def growth_frame(view: BudgetView) -> pd.DataFrame:
    """Programs and JUMLAH: anggaran first/last shown year, change, and three growth measures.

    ``printed`` (the document's "Rata Rata Pertumbuhan" anggaran, lost minus sign restored) is
    filled only when all years of the table are shown.
    """
    rows = view.frame[view.frame["level"].isin(["program", "total"])]
    printed = {}
    if view.full_range:
        p = view.printed
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


def share_frame(view: BudgetView) -> pd.DataFrame:
    """Share (%) of each budgeted program in the recomputed total anggaran, per shown year."""
    progs = budgeted_programs(view)
    data = {}
    for y in view.years:
        total = _num(view.total[col("anggaran", y)])
        data[y] = [(_num(v) or 0.0) / total * 100 if total else None for v in progs[col("anggaran", y)]]
    return pd.DataFrame(data, index=list(progs["row_id"]))
