"""Realisation of the plan years as every page reads it, and the one rule of progress to date.

* **Which years.** A page for reporting year ``tahun`` shows the realisation of plan years
  *before* ``tahun`` (in January 2026 the 2025 realisation is evaluated on the 2025 evaluation
  page and appears in the history of the 2026 pages). History pages (Bab II) show the plan years
  up to the last imported year before ``tahun`` (:func:`history_plan_years`, the same rule as
  :func:`helpers.core.registry.last_data_year`); plan pages (Bab III–IV) show every plan year
  before ``tahun`` (:func:`plan_years_before`). A shown year without an imported file, or a cell
  left empty in it, is "belum ada data realisasi" (:data:`NO_DATA`), never 0.
* **Progress to date** (:func:`to_date`): counts and rupiah are cumulated over the years;
  rates, percentages, indices and scores take the latest value. The rule is the one of the
  end-of-period target (:func:`helpers.core.compute.end_of_period_rule`), so the realisation to
  date and the target it is compared with are added up (or not) alike.
* **Achievement against a target** (:func:`capaian`): polarity-aware or the document's ratio
  (:mod:`helpers.core.compute`), with the category of :func:`helpers.core.compute.achievement_category`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

import pandas as pd

from helpers.core import compute
from helpers.core.compute import as_number
from helpers.core.text import is_na

#: What a page shows for a plan year (or a cell) without imported realisation.
NO_DATA = "belum ada data realisasi"
#: Rules of :func:`to_date`, as the notes name them.
RULE_TEXT = {"sum": "dijumlahkan (kumulatif)", "last": "nilai tahun terakhir yang ada datanya"}


def rule(satuan: Optional[str]) -> str:
    """``sum`` for counts and rupiah (cumulated), ``last`` for %, skor, nilai, indeks, rasio."""
    return compute.end_of_period_rule(satuan)


@dataclass(frozen=True)
class ToDate:
    """Realisation to date of one target: its value, the rule, the years used and those without data."""

    value: Optional[float]
    rule: str
    years: tuple[int, ...]
    missing: tuple[int, ...]

    @property
    def complete(self) -> bool:
        """True when every year had a value."""
        return not self.missing


def to_date(values: Mapping[int, object], satuan: Optional[str]) -> ToDate:
    """Progress to date from ``{tahun: realisasi}`` (None = no data): the sum of the years with data
    for counts and rupiah, the latest year's value for levels (:func:`rule`); None when no year has data."""
    how = rule(satuan)
    years = sorted(int(y) for y in values)
    present = [(y, as_number(values[y])) for y in years if as_number(values[y]) is not None]
    missing = tuple(y for y in years if as_number(values[y]) is None)
    if not present:
        return ToDate(None, how, (), missing)
    if how == "last":
        return ToDate(present[-1][1], how, (present[-1][0],), missing)
    return ToDate(sum(v for _, v in present), how, tuple(y for y, _ in present), missing)


def capaian(realisasi, target, polaritas: Optional[str] = "naik", *, convention: Optional[str] = None,
            data_dir=None):
    """Achievement of ``realisasi`` against ``target`` as a :class:`helpers.core.compute.Capaian`
    (value to show, raw value, category label, note on a floored negative result), by the ratio
    ``convention`` (:func:`helpers.core.compute.achievement`; default
    :data:`helpers.core.compute.FORM_CONVENTION`) and the rule :func:`helpers.core.compute.achievement_category`."""
    pol = None if is_na(polaritas) or not polaritas else str(polaritas)
    return compute.achievement_category(compute.achievement(realisasi, target, pol, convention), data_dir=data_dir)


# --------------------------------------------------------------------------------------------
# Which plan years a page shows
# --------------------------------------------------------------------------------------------


def periode(data_dir=None) -> tuple[int, int]:
    """First and last plan year (``periode`` of ``opd.yaml``)."""
    from helpers.core.opd import load_opd

    return load_opd(data_dir).periode


def realised_years(data_dir=None) -> list[int]:
    """Plan years whose realisation has been imported (``data/realisasi/<tahun>.csv``)."""
    from helpers.core.data import resolve_data_dir
    from helpers.core.registry import realisasi_years

    first, last = periode(data_dir)
    return [y for y in realisasi_years(resolve_data_dir(data_dir)) if first <= y <= last]


def history_plan_years(tahun: int, data_dir=None) -> list[int]:
    """Plan years a history page (Bab II) for ``tahun`` shows: from the first plan year to the last
    imported year before ``tahun`` (gaps included, they are "belum ada data realisasi"); empty when
    no year before ``tahun`` has been imported."""
    first, _ = periode(data_dir)
    before = [y for y in realised_years(data_dir) if y < int(tahun)]
    return list(range(first, max(before) + 1)) if before else []


def plan_years_before(tahun: int, data_dir=None) -> list[int]:
    """Plan years a plan page (Bab III–IV) for ``tahun`` shows realisation of: every plan year before it."""
    first, last = periode(data_dir)
    return [y for y in range(first, last + 1) if y < int(tahun)]


# --------------------------------------------------------------------------------------------
# The imported realisation
# --------------------------------------------------------------------------------------------


@dataclass
class Realisasi:
    """The imported realisation of some plan years: ``frames[tahun]`` (None: not imported)."""

    years: list[int]
    frames: dict[int, Optional[pd.DataFrame]]

    @property
    def imported(self) -> list[int]:
        return [y for y in self.years if self.frames.get(y) is not None]

    def row(self, tahun: int, jenis: str, kode: str) -> Optional[pd.Series]:
        frame = self.frames.get(int(tahun))
        if frame is None:
            return None
        hit = frame[(frame["jenis"] == jenis) & (frame["kode"] == str(kode))]
        return None if hit.empty else hit.iloc[0]

    def value(self, tahun: int, jenis: str, kode: str, column: str = "realisasi"):
        """One imported cell: a number (``realisasi``, ``pagu``, ``realisasi_anggaran``, ``target``),
        a text (``realisasi_grade``, ``catatan``) or None when the year or the cell is empty."""
        r = self.row(tahun, jenis, kode)
        if r is None or is_na(r[column]):
            return None
        value = r[column]
        return str(value) if column in ("realisasi_grade", "catatan", "target_grade") else float(value)

    def series(self, jenis: str, kode: str, column: str = "realisasi") -> dict[int, object]:
        """``{tahun: value}`` over :attr:`years` (None where there is no data)."""
        return {y: self.value(y, jenis, kode, column) for y in self.years}

    def has(self, jenis: str, column: str = "realisasi") -> bool:
        """True when some shown year holds a value of ``column`` for rows of ``jenis``."""
        for y in self.imported:
            f = self.frames[y]
            if f[f["jenis"] == jenis][column].notna().any():
                return True
        return False


def load(years: Sequence[int], data_dir=None) -> Realisasi:
    """The imported realisation of ``years`` (:func:`helpers.core.realisasi.load_realisasi`)."""
    from helpers.core.realisasi import load_realisasi

    years = sorted(int(y) for y in years)
    return Realisasi(years, {y: load_realisasi(y, data_dir) for y in years})


def name_key(text: str) -> str:
    """A name for matching across tables: lower case, letters and digits only, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", str(text).lower())).strip()


def years_text(years: Sequence[int]) -> str:
    """``2025``, ``2025 dan 2026``, ``2025, 2026 dan 2027``."""
    from helpers.core.text import join_list

    return join_list([str(y) for y in years])


# --------------------------------------------------------------------------------------------
# Progress of every target: realisation per year, to date, and against the end-of-period target
# --------------------------------------------------------------------------------------------

PROGRESS_COLUMNS = ("sd", "sd_rp", "aturan", "capaian", "kategori", "catatan_capaian", "capaian_rp", "lengkap")


def progress_frame(items: pd.DataFrame, real: Realisasi, *, rupiah: Optional[Mapping] = None,
                   convention: Optional[str] = None, data_dir=None) -> pd.DataFrame:
    """The progress of every target of ``items`` over the years of ``real``.

    ``items`` has one row per target with ``jenis``, ``kode`` (as in the realisation template),
    ``satuan``, ``polaritas`` (``naik``/``turun``; empty = naik) and ``target_akhir`` (the
    end-of-period target), optionally ``pagu_akhir``. ``rupiah`` maps ``(kode, tahun)`` to the
    realised rupiah of a year (e.g. the recomputed budget roll-up); without it no Rp columns are made.

    Adds per year ``realisasi_<y>`` (and ``realisasi_rp_<y>``), then ``sd`` (realisation to date by
    :func:`to_date`), ``aturan`` (its rule), ``capaian`` (``sd`` against ``target_akhir``, the value
    to show of :func:`capaian`), ``kategori``, ``catatan_capaian`` (why a negative result shows 0),
    ``lengkap`` (every year had data) and with rupiah ``sd_rp`` (cumulated) and ``capaian_rp``
    (``sd_rp`` / ``pagu_akhir`` × 100).
    """
    out = items.copy().reset_index(drop=True)
    years = real.years
    cols: dict[str, list] = {f"realisasi_{y}": [] for y in years}
    if rupiah is not None:
        cols.update({f"realisasi_rp_{y}": [] for y in years})
    for c in PROGRESS_COLUMNS:
        cols[c] = []
    for r in out.itertuples():
        values = real.series(r.jenis, r.kode)
        for y in years:
            cols[f"realisasi_{y}"].append(values[y])
        done = to_date(values, r.satuan)
        c = capaian(done.value, getattr(r, "target_akhir"), r.polaritas, convention=convention, data_dir=data_dir)
        cols["sd"].append(done.value)
        cols["aturan"].append(done.rule)
        cols["capaian"].append(c.value)
        cols["kategori"].append(c.label)
        cols["catatan_capaian"].append(c.note)
        cols["lengkap"].append(done.complete)
        if rupiah is not None:
            spent = {y: rupiah.get((str(r.kode), y)) for y in years}
            for y in years:
                cols[f"realisasi_rp_{y}"].append(spent[y])
            total = to_date(spent, "rp")
            cols["sd_rp"].append(total.value)
            cols["capaian_rp"].append(compute.budget_ratio(total.value, getattr(r, "pagu_akhir", None))
                                      if total.value is not None else None)
        else:
            cols["sd_rp"].append(None)
            cols["capaian_rp"].append(None)
    for name, values in cols.items():
        if name in ("aturan", "kategori", "catatan_capaian"):
            out[name] = pd.Series(values, dtype=object)
        elif name == "lengkap":
            out[name] = pd.Series(values, dtype=bool)
        else:
            out[name] = pd.array([as_number(v) for v in values], dtype="Float64")
    return out


def plan_budget(years, data_dir=None) -> pd.DataFrame:
    """Budget lines of the plan ``years`` in the layout of the budget tables of section 2.3
    (``row_id, parent_id, level, urutan, uraian, tahun, anggaran, realisasi``), from Tabel 4.1
    (program → kegiatan → sub kegiatan) and the imported realisation (``data/realisasi/<tahun>.csv``).

    For every line: ``anggaran`` is the imported ``pagu`` where the file gives one, else the pagu of
    Tabel 4.1 (``sumber_anggaran`` says which: :data:`SOURCE_IMPORT` / :data:`SOURCE_PLAN`);
    ``realisasi`` is the imported ``realisasi_anggaran`` (None: not known yet, never 0), except
    that a sub kegiatan without anggaran (pagu 0 or none) and without an entry is nihil (0, with
    ``nihil`` True): nothing can be spent without a budget, as the document reads its blanks;
    ``diimpor`` is False for a year without a file. Parents are recomputed by the caller from the
    leaves (:func:`helpers.core.derive.plan_budget_rollup`), as for the history years.
    """
    from helpers.core.data import load
    from helpers.core.derive import BUDGET_LEVELS, SOURCE_IMPORT, SOURCE_PLAN, plan_rollup
    from helpers.core.realisasi import load_realisasi

    df = load("4_1_rencana_program", data_dir)
    df = df[df["level"].isin(BUDGET_LEVELS)]
    rolled = plan_rollup(load("4_1_rencana_program", data_dir))
    plan_pagu = {(k, int(t)): compute.as_number(v) for k, t, v in zip(rolled["kode"], rolled["tahun"], rolled["pagu"])}
    meta = df.drop_duplicates("kode").reset_index(drop=True)
    codes = set(meta["kode"])
    records = []
    for y in sorted(int(t) for t in years):
        real = load_realisasi(y, data_dir)
        imported = {}
        if real is not None:
            rows = real[real["jenis"].isin(BUDGET_LEVELS)]
            imported = {str(k): (compute.as_number(p), compute.as_number(r)) for k, p, r in
                        zip(rows["kode"], rows["pagu"], rows["realisasi_anggaran"])}
        parents = set(meta["parent_kode"].dropna())
        for urutan, m in enumerate(meta.itertuples(), start=1):
            pagu, realisasi = imported.get(str(m.kode), (None, None))
            parent = None if pd.isna(m.parent_kode) or m.parent_kode not in codes else m.parent_kode
            anggaran = pagu if pagu is not None else plan_pagu.get((m.kode, y))
            nihil = real is not None and m.kode not in parents and realisasi is None and not anggaran
            records.append({"row_id": m.kode, "parent_id": parent, "level": m.level, "urutan": urutan,
                            "uraian": m.uraian, "tahun": y, "anggaran": anggaran,
                            "realisasi": 0.0 if nihil else realisasi,
                            "sumber_anggaran": SOURCE_IMPORT if pagu is not None else SOURCE_PLAN,
                            "diimpor": real is not None, "nihil": nihil})
    out = pd.DataFrame.from_records(records, columns=["row_id", "parent_id", "level", "urutan", "uraian", "tahun",
                                                      "anggaran", "realisasi", "sumber_anggaran", "diimpor", "nihil"])
    out["anggaran"] = pd.array(out["anggaran"], dtype="Float64")
    out["realisasi"] = pd.array(out["realisasi"], dtype="Float64")
    return out
