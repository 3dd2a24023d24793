"""Bab IV recomputed: the plan of Tabel 4.1 and the frames the page's tables and charts show.

Where the figures come from (so every page computes the same thing):

* pagu of every kegiatan, program and bidang urusan, the JUMLAH row, the pagu of the period and
  the end-of-period target ("Kondisi Kinerja pada Akhir Periode") come from
  :func:`helpers.core.derive.plan_rollup` / :func:`helpers.core.derive.derived` (roll-up from the
  sub-kegiatan; end of period by the unit rule of :func:`helpers.core.compute.end_of_period`);
* marks (the printed figure differs) come from :func:`helpers.core.audit.audit_table`, each with
  the printed text (none when the data directory has no ``printed/`` file of the table);
* the end-of-period values of Tabel 4.5.1 / 4.6 come from :func:`helpers.core.derive.derived` too.

The bidang urusan rows carry no target of their own: the document prints sums of their programs'
targets (different indicators and units) that live only in ``data/printed/``; they are left empty.
A data directory without Tabel 4.1 gives no view (``None``); the tables then say so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pandas as pd

from helpers.core import compute, derive
from helpers.core.audit import audit_table
from helpers.core.compute import as_number
from helpers.core.data import has_table, load, load_printed
from helpers.core.numbers import format_number
from helpers.core.text import is_na
from helpers.core.years import YearWindow, year_span
from helpers.present import Mark
from helpers.pages.rencana_program.names import bidang_name, bidang_short, urusan_name

TABLE_PLAN = "4_1_rencana_program"
TABLE_PRIORITY = "4_4_1_subkegiatan_prioritas"
TABLE_IKU = "4_5_1_iku_target"
TABLE_IKK = "4_6_ikk_target"
TABLE_SPM = "4_7_spm_target"

TOTAL_ROW = "total"
TOTAL_LABEL = "JUMLAH"
#: Levels of Tabel 4.1 that carry no target of their own.
GROUP_LEVELS = ("urusan", "bidang_urusan")


def col(measure: str, year: int) -> str:
    """Internal column of a yearly figure: ``pagu_2025``, ``target_2029``."""
    return f"{measure}_{year}"


def text_or_empty(value) -> str:
    return "" if is_na(value) else str(value)


def value_decimals(value) -> int:
    """Decimals to show a target as the document does: 0 for whole numbers, else 2."""
    v = as_number(value)
    return 0 if v is None or float(v).is_integer() else 2


def format_target(value) -> str:
    """A target as the document prints it: ``100``, ``10,68``, ``1.030``; ``-`` for none."""
    return format_number(value, value_decimals(value))


def is_integral(values: Iterable) -> bool:
    """True when every present value is a whole number (the targets of Tabel 4.1)."""
    present = [as_number(v) for v in values if as_number(v) is not None]
    return all(float(v).is_integer() for v in present)


def share(part, whole) -> Optional[float]:
    p, w = as_number(part), as_number(whole)
    if p is None or w is None or w == 0:
        return None
    return p / w * 100


def total_of(series) -> Optional[float]:
    total = pd.Series(series, dtype="Float64").sum(min_count=1)
    return None if pd.isna(total) else float(total)


def printed_exists(table_id: str, data_dir=None) -> bool:
    """True when ``data/printed/`` holds the printed figures of ``table_id`` (marks are possible)."""
    return not load_printed(table_id, data_dir).empty


# --------------------------------------------------------------------------------------------
# Tabel 4.1: the recomputed plan
# --------------------------------------------------------------------------------------------


@dataclass
class PlanView(YearWindow):
    """Tabel 4.1 recomputed, for reporting year ``tahun``.

    ``frame``: one row per code in document order, then the JUMLAH row (``kode`` = ``total``,
    ``level`` = ``total``). Columns ``kode, parent_kode, level, uraian, indikator, satuan,
    satuan_teks``, ``target_<y>`` and ``pagu_<y>`` per plan year, ``target_akhir``,
    ``pagu_akhir`` and ``rule_akhir`` (``last`` / ``sum``; empty for bidang urusan and JUMLAH).
    ``marks``: same shape, a :class:`~helpers.present.Mark` (printed text, kind of difference)
    where :func:`helpers.core.audit.audit_table` lists the printed cell, else None.
    """

    tahun: int
    years: list[int]
    frame: pd.DataFrame
    marks: pd.DataFrame
    audit: pd.DataFrame
    data_dir: Optional[Path] = None
    has_printed: bool = False

    @property
    def span_to_tahun(self) -> str:
        """``2025–2027``: the plan years up to ``tahun`` (``2025`` in the first year)."""
        return year_span([y for y in self.years if y <= self.tahun])

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

    @property
    def position(self) -> dict[str, int]:
        """Row index of each code in :attr:`frame`."""
        return {k: int(i) for i, k in zip(self.frame.index, self.frame["kode"])}

    def row(self, kode: str) -> pd.Series:
        match = self.frame[self.frame["kode"] == str(kode)]
        if match.empty:
            raise KeyError(f"code {kode!r} is not in Tabel 4.1")
        return match.iloc[0]

    def value(self, kode: str, column: str) -> Optional[float]:
        """One recomputed figure (None for no value)."""
        return as_number(self.row(kode)[column])

    def cumulative(self, kode: str, upto: Optional[int] = None) -> Optional[float]:
        """Pagu of ``kode`` summed over the plan years up to ``upto`` (default ``tahun``); None if all blank."""
        upto = self.tahun if upto is None else upto
        values = [self.value(kode, col("pagu", y)) for y in self.years if y <= upto]
        present = [v for v in values if v is not None]
        return sum(present) if present else None

    def marks_at(self, rows: Sequence[int], columns: dict[str, str]) -> dict[tuple[int, str], Mark]:
        """Marks for a table whose row ``j`` shows frame row ``rows[j]`` and whose column ``key``
        shows the frame column ``columns[key]``."""
        out = {}
        for j, i in enumerate(rows):
            for key, internal in columns.items():
                mark = self.marks.at[i, internal]
                if mark is not None and not is_na(mark):
                    out[(j, key)] = mark
        return out


def plan_years(data_dir=None) -> list[int]:
    """The plan years of Tabel 4.1."""
    return sorted(int(y) for y in load(TABLE_PLAN, data_dir)["tahun"].dropna().unique())


def check_tahun(tahun: int, years: Sequence[int]) -> int:
    """``tahun`` as int; a clear error when it is not a plan year of Tabel 4.1."""
    if int(tahun) not in set(years):
        raise ValueError(f"tahun={tahun} is not a plan year of Tabel 4.1; expected one of {year_span(years)}")
    return int(tahun)


def plan_view(tahun: int, data_dir=None) -> Optional[PlanView]:
    """Recompute Tabel 4.1 (roll-ups, JUMLAH, end of period) and mark the printed cells that differ.

    None when the data directory has no Tabel 4.1.
    """
    if not has_table(TABLE_PLAN, data_dir):
        return None
    df = load(TABLE_PLAN, data_dir)
    years = sorted(int(y) for y in df["tahun"].dropna().unique())
    tahun = check_tahun(tahun, years)
    rolled = derive.plan_rollup(df)
    der = derive.derived(TABLE_PLAN, data_dir)
    pagu = {(k, int(t)): as_number(v) for k, t, v in zip(rolled["kode"], rolled["tahun"], rolled["pagu"])}
    target = {(k, int(t)): as_number(v) for k, t, v in zip(df["kode"], df["tahun"], df["target"])}
    period = der[der["tahun"].isna()]
    akhir = {(str(r), str(c)): as_number(v) for r, c, v in zip(period["row"], period["column"], period["recomputed"])}
    yearly_total = der[(der["row"] == TOTAL_ROW) & (der["column"] == "pagu") & der["tahun"].notna()]
    total_by_year = {int(t): as_number(v) for t, v in zip(yearly_total["tahun"], yearly_total["recomputed"])}
    meta = df.drop_duplicates("kode")
    records = []
    for m in meta.itertuples():
        group = m.level in GROUP_LEVELS
        rec = dict(kode=m.kode, parent_kode=None if is_na(m.parent_kode) else m.parent_kode, level=m.level,
                   uraian=m.uraian, indikator=None if is_na(m.indikator) else m.indikator,
                   satuan=None if is_na(m.satuan) else m.satuan,
                   satuan_teks=None if is_na(m.satuan_teks) else m.satuan_teks)
        for y in years:
            rec[col("target", y)] = None if group else target.get((m.kode, y))
            rec[col("pagu", y)] = pagu.get((m.kode, y))
        rec["target_akhir"] = None if group else akhir.get((m.kode, "target_akhir"))
        rec["pagu_akhir"] = akhir.get((m.kode, "pagu_akhir"))
        rec["rule_akhir"] = None if group else compute.end_of_period_rule(rec["satuan"])
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
    return PlanView(tahun=tahun, years=years, frame=frame, marks=marks_for(frame, audit), audit=audit,
                    data_dir=None if data_dir is None else Path(data_dir),
                    has_printed=printed_exists(TABLE_PLAN, data_dir))


def audit_column(measure: str, tahun) -> Optional[str]:
    """The frame column of an audit row: ``pagu`` + 2026 → ``pagu_2026``; ``target_akhir`` → itself."""
    if measure in ("target_akhir", "pagu_akhir"):
        return measure
    if measure in ("pagu", "target") and not is_na(tahun):
        return col(measure, int(tahun))
    return None


def marks_for(frame: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    """A frame shaped like ``frame``: a Mark (printed text, kind) where the audit lists the printed
    figure as different, None elsewhere. Cells left empty on purpose (targets of bidang urusan rows)
    are not marked."""
    marks = pd.DataFrame(None, index=frame.index, columns=frame.columns, dtype=object)
    position = {k: i for i, k in zip(frame.index, frame["kode"])}
    levels = dict(zip(frame["kode"], frame["level"]))
    for a in audit.itertuples():
        i = position.get(str(a.row))
        name = audit_column(str(a.measure), a.tahun)
        if i is None or name is None or name not in marks.columns:
            continue
        if levels.get(str(a.row)) in GROUP_LEVELS and name.startswith("target"):
            continue
        printed = None if is_na(a.printed_text) else str(a.printed_text)
        marks.at[i, name] = Mark(printed=printed, note=None if is_na(a.kind) else str(a.kind))
    return marks


def marked(view: PlanView) -> pd.DataFrame:
    """Boolean frame: True where :attr:`PlanView.marks` holds a mark."""
    return view.marks.map(lambda m: isinstance(m, Mark)).astype(bool)


# --------------------------------------------------------------------------------------------
# Tabel 4.1 — tahun, totals per bidang urusan and per program
# --------------------------------------------------------------------------------------------


def year_frame(view: PlanView) -> pd.DataFrame:
    """Per code (document order, JUMLAH last): target and pagu of ``tahun``, cumulative pagu and its share."""
    f = view.frame
    t = view.tahun
    upto = [col("pagu", y) for y in view.years if y <= t]
    cumulative = [as_number(v) for v in f[upto].astype("Float64").sum(axis=1, min_count=1)]
    shares = [None if c is None or not as_number(a) else c / as_number(a) * 100
              for c, a in zip(cumulative, f["pagu_akhir"])]
    return pd.DataFrame({
        "kode": list(f["kode"]), "level": list(f["level"]), "uraian": list(f["uraian"]),
        "indikator": list(f["indikator"]), "satuan_teks": list(f["satuan_teks"]),
        "target": f[col("target", t)].to_numpy(), "pagu": f[col("pagu", t)].to_numpy(),
        "kumulatif": pd.array(cumulative, dtype="Float64"), "porsi_kumulatif": pd.array(shares, dtype="Float64"),
    })


def leaves_with_pagu(view: PlanView, year: Optional[int] = None) -> int:
    """How many sub-kegiatan have a positive pagu in ``year`` (default ``tahun``)."""
    year = view.tahun if year is None else year
    leaves = view.level("sub_kegiatan")
    return int(leaves[col("pagu", year)].fillna(0).gt(0).sum())


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
            rec[col("pagu", y)] = as_number(getattr(r, col("pagu", y)))
            rec[col("porsi", y)] = share(rec[col("pagu", y)], total[col("pagu", y)])
        rec["pagu_akhir"] = as_number(r.pagu_akhir)
        rec["porsi_akhir"] = share(r.pagu_akhir, total["pagu_akhir"])
        records.append(rec)
    frame = pd.DataFrame.from_records(records)
    numeric = [c for c in frame.columns if c not in ("kode", "urusan", "bidang", "short")]
    frame[numeric] = frame[numeric].astype("Float64")
    return frame


def program_frame(view: PlanView) -> pd.DataFrame:
    """Programs (document order) and JUMLAH: pagu of ``tahun`` and of the period, shares, growth first→last year."""
    rows = pd.concat([view.programs, view.frame[view.frame["kode"] == TOTAL_ROW]])
    total = view.total
    t = view.tahun
    records = []
    for r in rows.itertuples():
        first, last = as_number(getattr(r, col("pagu", view.first))), as_number(getattr(r, col("pagu", view.last)))
        records.append({
            "kode": r.kode, "parent_kode": r.parent_kode, "uraian": r.uraian,
            "pagu_tahun": as_number(getattr(r, col("pagu", t))),
            "porsi_tahun": share(getattr(r, col("pagu", t)), total[col("pagu", t)]),
            "pagu_akhir": as_number(r.pagu_akhir), "porsi_akhir": share(r.pagu_akhir, total["pagu_akhir"]),
            "first": first, "last": last,
            "growth_total": compute.growth_total(first, last),
            "cagr": compute.cagr(first, last, view.last - view.first),
        })
    frame = pd.DataFrame.from_records(records)
    for c in ("pagu_tahun", "porsi_tahun", "pagu_akhir", "porsi_akhir", "first", "last", "growth_total", "cagr"):
        frame[c] = frame[c].astype("Float64")
    return frame


def percent_counts(view: PlanView) -> pd.DataFrame:
    """Rows whose satuan is % but whose targets exceed 100: counts printed with the unit "persen"."""
    cols = [col("target", y) for y in view.years]
    rows = view.frame[(view.frame["satuan"] == "%")]
    big = rows[cols].astype("Float64").gt(100).fillna(False).any(axis=1)
    return rows[big.to_numpy(dtype=bool)]


# --------------------------------------------------------------------------------------------
# Tabel 4.4.1: priority sub-kegiatan with their Tabel 4.1 pagu
# --------------------------------------------------------------------------------------------


def priority_frame(view: Optional[PlanView], data_dir=None) -> pd.DataFrame:
    """Tabel 4.4.1 rows (document order) with the Tabel 4.1 pagu of ``tahun`` and of the period by code.

    Without Tabel 4.1 (``view`` None) the codes stay as stored (unchecked: there is nothing to look
    them up in) and the pagu is empty.
    """
    df = load(TABLE_PRIORITY, data_dir, check_references=has_table(TABLE_PLAN, data_dir)).sort_values("row_id")
    known = set(view.frame["kode"]) if view is not None else set()
    records = []
    for r in df.itertuples():
        kode = None if is_na(r.kode) else str(r.kode)
        found = view is not None and kode is not None and kode in known
        records.append({
            "row_id": int(r.row_id), "no": int(r.no), "program_prioritas": r.program_prioritas, "outcome": r.outcome,
            "program": r.program, "kegiatan": r.kegiatan,
            "sub_kegiatan_no": None if is_na(r.sub_kegiatan_no) else int(r.sub_kegiatan_no),
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


# --------------------------------------------------------------------------------------------
# Tabel 4.5.1 IKU, Tabel 4.6 IKK, Tabel 4.7 SPM
# --------------------------------------------------------------------------------------------


def target_years(frame: pd.DataFrame) -> list[int]:
    """The years of the ``target_<y>`` columns of a frame."""
    return sorted(int(c.split("_")[1]) for c in frame.columns if re.fullmatch(r"target_\d{4}", str(c)))


def indicator_frame(table_id: str, data_dir=None) -> pd.DataFrame:
    """One row per indicator (``no`` order): baseline, targets per year, end of period recomputed, marks.

    The end of period comes from :func:`helpers.core.derive.derived` (final year for %, indeks, rasio,
    skor; sum for counts); for AKIP the grade of the year it is taken from is kept. ``printed_akhir``
    is the printed end-of-period text where the audit finds it different (else None).
    """
    df = load(table_id, data_dir).sort_values(["no", "tahun"])
    years = sorted(int(y) for y in df["tahun"].unique())
    der = derive.derived(table_id, data_dir)
    akhir = {str(r): as_number(v) for r, c, v in zip(der["row"], der["column"], der["recomputed"])
             if c == "target_akhir"}
    audit = audit_table(table_id, data_dir)
    printed = {str(a.row): ("-" if is_na(a.printed_text) else str(a.printed_text))
               for a in audit.itertuples() if a.measure == "target_akhir"}
    records = []
    for no, g in df.groupby("no", sort=True):
        first = g.iloc[0]
        rec = {"no": int(no), "indikator": first["indikator"], "satuan": first["satuan"],
               "polaritas": first.get("polaritas"),
               "per": next((p for p in g["per"] if not is_na(p)), None) if "per" in g else None,
               "baseline": as_number(first["baseline"]) if "baseline" in g else None,
               "baseline_grade": first.get("baseline_grade") if "baseline_grade" in g else None}
        grades = {}
        for r in g.itertuples():
            rec[col("target", int(r.tahun))] = as_number(r.target)
            grade = getattr(r, "target_grade", None)
            grades[int(r.tahun)] = None if is_na(grade) else grade
        rec["target_akhir"] = akhir.get(str(int(no)))
        rule = compute.end_of_period_rule(rec["satuan"])
        last_year = next((y for y in reversed(years) if rec.get(col("target", y)) is not None), None)
        rec["grade_akhir"] = grades.get(last_year) if rule == "last" else None
        rec["grades"] = grades
        rec["rule_akhir"] = rule
        rec["printed_akhir"] = printed.get(str(int(no)))
        rec["marked"] = str(int(no)) in printed
        records.append(rec)
    return pd.DataFrame.from_records(records)


def akip_in_plan(data_dir=None) -> dict:
    """Targets of the NILAI AKIP indicator in Tabel 4.1 by year (plus its ``kode``); empty when absent."""
    if not has_table(TABLE_PLAN, data_dir):
        return {}
    df = load(TABLE_PLAN, data_dir)
    rows = df[df["indikator"].fillna("").str.strip().str.upper() == "NILAI AKIP"]
    if rows.empty:
        return {}
    kode = rows["kode"].iloc[0]
    rows = rows[rows["kode"] == kode]
    out: dict = {int(t): as_number(v) for t, v in zip(rows["tahun"], rows["target"]) if as_number(v) is not None}
    out["kode"] = kode
    return out


def spm_frame(data_dir=None) -> pd.DataFrame:
    """Tabel 4.7 in document order, one row per item with baseline and targets per year."""
    df = load(TABLE_SPM, data_dir)
    years = sorted(int(y) for y in df["tahun"].unique())
    order = list(dict.fromkeys(df["row_id"]))
    records = []
    for row_id in order:
        g = df[df["row_id"] == row_id]
        first = g.iloc[0]
        rec = {"row_id": row_id, "parent_id": None if is_na(first["parent_id"]) else first["parent_id"],
               "level": first["level"], "no": text_or_empty(first["no"]),
               "kondisi_bencana": None if is_na(first["kondisi_bencana"]) else first["kondisi_bencana"],
               "uraian": first["uraian"], "satuan": first["satuan"], "baseline": as_number(first["baseline"]),
               "baseline_tahun": None if is_na(first["baseline_tahun"]) else int(first["baseline_tahun"])}
        by_year = {int(t): as_number(v) for t, v in zip(g["tahun"], g["target"])}
        for y in years:
            rec[col("target", y)] = by_year.get(y)
        records.append(rec)
    return pd.DataFrame.from_records(records)
