"""Derived figures, recomputed from base figures: roll-ups, ratios, growth, achievement, categories.

Every rule the document uses is here once, with its name, so that the chapter notebooks,
the evaluation and the audit all compute the same thing. Where a rule is *practice* rather
than regulation, it is a named setting with a docstring saying so.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
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

#: The achievement categories are versioned data with their source: ``data/tables/kategori_capaian``
#: (:func:`category_bands`). ``CATEGORY_BANDS`` ((exclusive lower bound, name), highest first) and
#: ``CATEGORY_LOWEST`` are still readable here; they are the bands of the default data directory.
BANDS_TABLE = "kategori_capaian"
#: Values above 100 % are not clamped: they keep their value and category and get this label.
ABOVE_TARGET_LABEL = "melampaui target"
NO_DATA_LABEL = "belum ada data realisasi"

#: Which convention the evaluation form (E.80) shows for tingkat capaian K (practice, a setting;
#: both are always computed): ``"polaritas"`` (:func:`achievement_polarity` with
#: :data:`POLARITY_METHOD`) or ``"dokumen"`` (realisasi / target × 100 for every indicator, as the
#: document computes it).
FORM_CONVENTION = "polaritas"
CONVENTIONS = {
    "dokumen": "rumus dokumen (realisasi / target × 100 untuk semua indikator)",
    "polaritas": "memperhatikan polaritas (realisasi / target × 100 bila makin tinggi makin baik; "
                 "{method} bila makin rendah makin baik)",
}

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


def convention_label(convention: Optional[str] = None) -> str:
    """The name and formula of a ratio convention (default :data:`FORM_CONVENTION`), in Indonesian."""
    convention = convention or FORM_CONVENTION
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; expected one of {list(CONVENTIONS)}")
    return CONVENTIONS[convention].format(method=POLARITY_METHODS[POLARITY_METHOD])


def achievement(realisasi, target, polarity: Optional[str], convention: Optional[str] = None) -> Optional[float]:
    """Tingkat capaian by a convention (default :data:`FORM_CONVENTION`): ``"dokumen"`` or ``"polaritas"``.

    Without a polarity the polarity-aware convention falls back to realisasi / target × 100.
    """
    convention = convention or FORM_CONVENTION
    if convention == "dokumen" or polarity is None or (not isinstance(polarity, str) and pd.isna(polarity)):
        if convention not in CONVENTIONS:
            raise ValueError(f"unknown convention {convention!r}; expected one of {list(CONVENTIONS)}")
        return achievement_document(realisasi, target)
    if convention != "polaritas":
        raise ValueError(f"unknown convention {convention!r}; expected one of {list(CONVENTIONS)}")
    return achievement_polarity(realisasi, target, polarity)


@dataclass(frozen=True)
class Bands:
    """The category bands: ``(exclusive lower bound, name)`` highest first, the lowest band's name,
    their version and source, and the file they were read from."""

    bands: tuple[tuple[float, str], ...]
    lowest: str
    versi: str
    sumber: str
    path: str

    def describe(self) -> str:
        """The rule in words: ``> 90 Sangat Tinggi, > 75–90 Tinggi, …, ≤ 50 Sangat Rendah``."""
        from helpers.core.numbers import format_number

        parts, upper = [], None
        for bound, name in self.bands:
            low = format_number(bound, 0 if float(bound).is_integer() else 2)
            parts.append(f"> {low} {name}" if upper is None else f"> {low}–{upper} {name}")
            upper = low
        parts.append(f"≤ {upper} {self.lowest}")
        return ", ".join(parts)


_BANDS_CACHE: dict[tuple, Bands] = {}


def category_bands(data_dir=None) -> Bands:
    """The achievement bands of ``data/tables/kategori_capaian`` (validated; cached per file).

    An office's data directory may hold its own bands; without the table (or with an empty one)
    the bands of the repository's ``data/`` are used: they are a rule of practice, not a figure
    of the office. A table whose bounds do not fall strictly with the rank, with no or several
    bands without a lower bound, or with several versions is refused, naming the row.
    """
    from helpers.core.config import DEFAULT_DATA_DIR
    from helpers.core.data import DataValidationError, has_table, load, resolve_data_dir

    candidates = []
    try:
        candidates.append(resolve_data_dir(data_dir))
    except DataValidationError:
        pass
    candidates.append(DEFAULT_DATA_DIR.resolve())
    for root in candidates:
        path = root / "tables" / f"{BANDS_TABLE}.csv"
        if not has_table(BANDS_TABLE, root):
            continue
        stamp = path.stat()
        key = (str(path), stamp.st_mtime_ns, stamp.st_size)
        if key in _BANDS_CACHE:
            return _BANDS_CACHE[key]
        frame = load(BANDS_TABLE, root).sort_values("urutan").reset_index(drop=True)
        if frame.empty:
            continue
        bands = _check_bands(frame, path)
        _BANDS_CACHE[key] = bands
        return bands
    raise DataValidationError(DEFAULT_DATA_DIR / "tables" / f"{BANDS_TABLE}.csv", "tabel kategori capaian tidak ada",
                              expected="data/tables/kategori_capaian.csv dengan satu baris per kategori")


def _check_bands(frame: pd.DataFrame, path) -> Bands:
    from helpers.core.data import DataValidationError

    def fail(i, column, value, problem, expected):
        raise DataValidationError(path, problem, row=int(i) + 2, column=column, value=value, expected=expected)

    open_rows = [i for i, b in enumerate(frame["batas_bawah"]) if pd.isna(b)]
    if len(open_rows) != 1 or open_rows[0] != len(frame) - 1:
        where = open_rows[0] if open_rows else len(frame) - 1
        fail(where, "batas_bawah", frame.at[where, "batas_bawah"], "hanya kategori terendah yang tanpa batas bawah",
             "batas bawah kosong tepat pada satu baris, yaitu kategori dengan urutan terbesar")
    bounds = [float(b) for b in frame["batas_bawah"].iloc[:-1]]
    for i in range(1, len(bounds)):
        if not bounds[i] < bounds[i - 1]:
            fail(i, "batas_bawah", bounds[i], "batas bawah tidak menurun mengikuti urutan",
                 f"kurang dari {bounds[i - 1]} (batas kategori di atasnya)")
    versions = sorted(set(frame["versi"]))
    if len(versions) != 1:
        fail(0, "versi", ", ".join(versions), "lebih dari satu versi kategori dalam satu tabel", "satu versi")
    names = list(frame["kategori"])
    return Bands(bands=tuple(zip(bounds, names[:-1])), lowest=names[-1], versi=versions[0],
                 sumber="; ".join(dict.fromkeys(frame["sumber"])), path=str(path))


def __getattr__(name: str):
    """``CATEGORY_BANDS`` and ``CATEGORY_LOWEST``: the bands of the default data directory (read from data)."""
    if name == "CATEGORY_BANDS":
        return category_bands().bands
    if name == "CATEGORY_LOWEST":
        return category_bands().lowest
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Capaian:
    """A tingkat capaian with its category (see :func:`achievement_category`)."""

    raw: Optional[float]        # the formula's result (may be negative or above 100)
    value: Optional[float]      # what is shown and averaged: raw floored at 0, never capped
    kategori: Optional[str]     # the band; None without a value
    label: str                  # the band, "(melampaui target)" above 100 %, or "belum ada data realisasi"
    note: Optional[str] = None  # why the shown value differs from the formula's (negative raw value)

    @property
    def floored(self) -> bool:
        return self.raw is not None and self.raw < 0


def achievement_category(percent, data_dir=None) -> Capaian:
    """The category rule for every case, in one place (Tabel 2.3.4, the E.80 form, the budget tables).

    * bands are half-open with an exclusive lower bound (:func:`category_bands`): 90 is Tinggi,
      90,5 Sangat Tinggi, 50 Sangat Rendah, 50,01 Rendah; no value falls between two bands;
    * above 100 % the value is kept (not clamped), in the highest band, labelled "melampaui target";
    * a negative value (the polarity-aware "selisih" formula when realisasi exceeds twice the
      target) is shown as 0 %, in the lowest band, and the formula's value is given in ``note``:
      a negative share of a target has no meaning, and switching to another formula for these
      rows only would mix two conventions in one column and in the average;
    * no value: "belum ada data realisasi" (never 0).
    """
    from helpers.core.numbers import format_percent

    p = _num(percent)
    if p is None:
        return Capaian(None, None, None, NO_DATA_LABEL)
    bands = category_bands(data_dir)
    shown = max(p, 0.0)
    name = next((n for bound, n in bands.bands if shown > bound), bands.lowest)
    label = f"{name} ({ABOVE_TARGET_LABEL})" if shown > 100 else name
    note = None
    if p < 0:
        note = (f"Capaian menurut rumus {format_percent(p)} (negatif: realisasi melebihi dua kali target pada "
                f"indikator yang makin rendah makin baik) ditampilkan {format_percent(0)} dan masuk kategori {name}.")
    return Capaian(p, shown, name, label, note)


def category(percent, data_dir=None) -> Optional[str]:
    """Achievement category for a percentage (:func:`achievement_category`); None when missing."""
    return achievement_category(percent, data_dir).kategori


def category_label(percent, data_dir=None) -> str:
    """Category with an explicit note when the value exceeds 100 %: ``Sangat Tinggi (melampaui target)``."""
    return achievement_category(percent, data_dir).label


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
