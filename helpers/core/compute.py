"""Derived figures, recomputed from base figures: roll-ups, ratios, growth, achievement, categories.

Every rule the document uses is here once, with its name, so that the chapter notebooks,
the evaluation and the audit all compute the same thing. Where a rule is *practice* rather
than regulation, it is a named setting with a docstring saying so.
"""
from __future__ import annotations

import math
from typing import Iterable, Optional, Sequence

import pandas as pd

# --------------------------------------------------------------------------------------------
# Settings (practice, not regulation: change here, and the outputs name the choice)
# --------------------------------------------------------------------------------------------

#: How achievement is computed for an indicator where *lower is better* (practice).
#: ``"selisih"``: (2 × target − realisasi) / target × 100 — the form used in many LKjIP/LAKIP
#: guides for "indikator negatif"; ``"kebalikan"``: target / realisasi × 100.
#: Neither is in Permendagri 86/2017, which only names the ratio column.
POLARITY_METHOD = "selisih"
POLARITY_METHODS = {
    "selisih": "(2 × target − realisasi) / target × 100",
    "kebalikan": "target / realisasi × 100",
}

#: Achievement categories (lower bounds exclusive), the "kriteria tingkat capaian kinerja" of the
#: evaluation tables in Permendagri 86/2017 (Lampiran, evaluasi Renstra/RKPD): >90 sangat tinggi,
#: >75–90 tinggi, >65–75 sedang, >50–65 rendah, ≤50 sangat rendah. Commonly used; the domain notes
#: mark the bands as practice, so they are a setting.
CATEGORY_BANDS: tuple[tuple[float, str], ...] = (
    (90.0, "Sangat Tinggi"), (75.0, "Tinggi"), (65.0, "Sedang"), (50.0, "Rendah"),
)
CATEGORY_LOWEST = "Sangat Rendah"
#: Values above 100 % are not clamped: they keep their value and category and get this label.
ABOVE_TARGET_LABEL = "melampaui target"

#: AKIP grades under PermenPAN-RB 88/2021 (lower bounds exclusive): grade, lower bound.
AKIP_BANDS: tuple[tuple[str, float], ...] = (
    ("AA", 90.0), ("A", 80.0), ("BB", 70.0), ("B", 60.0), ("CC", 50.0), ("C", 30.0), ("D", -math.inf),
)

#: Units whose end-of-period value is the final year's value (levels), not the sum of the years.
LEVEL_UNITS = frozenset({"%", "skor", "nilai", "indeks", "rasio"})


def as_number(value) -> Optional[float]:
    """``value`` as a float, or None for None/NaN/pandas NA ("no value" is never 0)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return float(value)


_num = as_number


# --------------------------------------------------------------------------------------------
# Ratios and growth
# --------------------------------------------------------------------------------------------

def budget_ratio(realisasi, anggaran) -> Optional[float]:
    """Budget absorption ``realisasi / anggaran × 100``; None when there is no budget (0 or none)."""
    r, a = _num(realisasi), _num(anggaran)
    if a is None or a == 0:
        return None
    return (r or 0.0) / a * 100


def growth_total(first, last) -> Optional[float]:
    """The document's "rata-rata pertumbuhan": *total* growth ``(last − first) / first × 100``.

    Despite its name it is not an average (check: 5.830.362.584 → 4.875.918.410 gives −16,37).
    None when the first value is 0 or missing.
    """
    f, l = _num(first), _num(last)
    if f is None or f == 0 or l is None:
        return None
    return (l - f) / f * 100


def growth_yearly(values: Sequence) -> list[Optional[float]]:
    """Year-on-year growth rates in percent (None where the previous year is 0 or missing)."""
    return [growth_total(a, b) for a, b in zip(values[:-1], values[1:])]


def growth_mean_annual(values: Sequence) -> Optional[float]:
    """An honest "rata-rata pertumbuhan": the mean of the year-on-year growth rates (None if any is undefined)."""
    rates = growth_yearly(values)
    if not rates or any(r is None for r in rates):
        return None
    return sum(rates) / len(rates)


def cagr(first, last, periods: int) -> Optional[float]:
    """Compound annual growth rate in percent over ``periods`` years (None when undefined)."""
    f, l = _num(first), _num(last)
    if f is None or l is None or f <= 0 or l < 0 or periods <= 0:
        return None
    return ((l / f) ** (1 / periods) - 1) * 100


# --------------------------------------------------------------------------------------------
# Achievement (capaian) and categories
# --------------------------------------------------------------------------------------------

def achievement_document(realisasi, target) -> Optional[float]:
    """Achievement as the document computes it for every indicator: ``realisasi / target × 100``."""
    r, t = _num(realisasi), _num(target)
    if r is None or t is None or t == 0:
        return None
    return r / t * 100


def achievement_polarity(realisasi, target, polarity: str, method: Optional[str] = None) -> Optional[float]:
    """Polarity-aware achievement: ``naik`` (higher is better) uses realisasi/target×100;
    ``turun`` (lower is better) uses :data:`POLARITY_METHOD` (see :data:`POLARITY_METHODS`)."""
    r, t = _num(realisasi), _num(target)
    if r is None or t is None or t == 0:
        return None
    if polarity == "naik":
        return r / t * 100
    if polarity != "turun":
        raise ValueError(f"unknown polarity {polarity!r}; expected 'naik' or 'turun'")
    method = method or POLARITY_METHOD
    if method == "selisih":
        return (2 * t - r) / t * 100
    if method == "kebalikan":
        return None if r == 0 else t / r * 100
    raise ValueError(f"unknown polarity method {method!r}; expected one of {list(POLARITY_METHODS)}")


def category(percent) -> Optional[str]:
    """Achievement category for a percentage (:data:`CATEGORY_BANDS`); None when missing.

    Above 100 % stays "Sangat Tinggi" (not clamped); :func:`category_label` adds "melampaui target".
    """
    p = _num(percent)
    if p is None:
        return None
    for bound, name in CATEGORY_BANDS:
        if p > bound:
            return name
    return CATEGORY_LOWEST


def category_label(percent) -> str:
    """Category with an explicit note when the value exceeds 100 %: ``Sangat Tinggi (melampaui target)``."""
    name = category(percent)
    if name is None:
        return "belum ada data realisasi"
    p = _num(percent)
    return f"{name} ({ABOVE_TARGET_LABEL})" if p is not None and p > 100 else name


def akip_grade(score) -> Optional[str]:
    """AKIP grade for a score under PermenPAN-RB 88/2021 (AA >90–100 … D 0–30)."""
    s = _num(score)
    if s is None:
        return None
    for grade, bound in AKIP_BANDS:
        if s > bound:
            return grade
    return "D"


def akip_rank(grade: Optional[str]) -> Optional[int]:
    """Rank of an AKIP grade, 0 = best (AA); None for no grade."""
    order = [g for g, _ in AKIP_BANDS]
    if grade is None or (not isinstance(grade, str) and pd.isna(grade)):
        return None
    if grade not in order:
        raise ValueError(f"unknown AKIP grade {grade!r}; expected one of {order}")
    return order.index(grade)


def akip_met(realisasi_grade, target_grade) -> Optional[bool]:
    """True when the realised AKIP grade is at least the target grade (compared as grades)."""
    r, t = akip_rank(realisasi_grade), akip_rank(target_grade)
    if r is None or t is None:
        return None
    return r <= t


# --------------------------------------------------------------------------------------------
# End of period and roll-ups
# --------------------------------------------------------------------------------------------

def end_of_period_rule(satuan: Optional[str]) -> str:
    """``"last"`` for levels (%, skor, indeks, rasio, nilai: the final year's value), else ``"sum"``."""
    unit = "" if satuan is None or (not isinstance(satuan, str) and pd.isna(satuan)) else satuan.strip().lower()
    return "last" if unit in LEVEL_UNITS else "sum"


def end_of_period(values: Sequence, satuan: Optional[str]) -> Optional[float]:
    """End-of-period target ("Kondisi Kinerja pada Akhir Periode") by the unit's rule.

    Counts are summed over the years; percentages, scores, indices and rates take the final
    year's value. Missing years are skipped; None if all are missing.
    """
    nums = [_num(v) for v in values]
    present = [v for v in nums if v is not None]
    if not present:
        return None
    if end_of_period_rule(satuan) == "last":
        return next(v for v in reversed(nums) if v is not None)
    return sum(present)


def rollup(df: pd.DataFrame, *, id_col: str, parent_col: str, value_cols: Iterable[str],
           by: Sequence[str] = ()) -> pd.DataFrame:
    """Recompute every node's amounts from the leaves of a hierarchy.

    A node with children gets the sum of its children's (recomputed) amounts; a leaf keeps its
    own. ``by`` groups independent hierarchies (e.g. ``["tahun"]``). A sum over children that are
    all missing is missing, not 0. Returns a copy with the recomputed ``value_cols``.
    """
    value_cols = list(value_cols)
    out = df.copy()
    groups = [((), out)] if not by else out.groupby(list(by), sort=False, dropna=False)
    pieces = []
    for _, group in groups:
        group = group.copy()
        children: dict = {}
        for node, parent in zip(group[id_col], group[parent_col]):
            if parent is not None and not pd.isna(parent):
                children.setdefault(parent, []).append(node)
        index = {node: i for i, node in zip(group.index, group[id_col])}
        memo: dict = {}

        def total(node, col):
            key = (node, col)
            if key in memo:
                return memo[key]
            kids = children.get(node)
            if not kids:
                value = _num(group.at[index[node], col])
            else:
                parts = [total(k, col) for k in kids]
                present = [p for p in parts if p is not None]
                value = sum(present) if present else None
            memo[key] = value
            return value

        for col in value_cols:
            group[col] = pd.array([total(n, col) for n in group[id_col]], dtype="Float64")
        pieces.append(group)
    result = pd.concat(pieces) if pieces else out
    return result.loc[df.index]


def is_leaf(df: pd.DataFrame, *, id_col: str, parent_col: str) -> pd.Series:
    """True for rows that are nobody's parent."""
    parents = set(df[parent_col].dropna())
    return ~df[id_col].isin(parents)
