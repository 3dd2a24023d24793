"""Years: spans for titles, the window of years a history page shows.

History pages (Bab II) for a reporting year ``tahun`` show the data up to the last year that
exists before ``tahun``. One :func:`year_span` formats every run of years.
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence


def year_span(years: Sequence[int]) -> str:
    """``2019–2024`` for a run of years, ``2019`` for one, ``""`` for none."""
    years = sorted(int(y) for y in years)
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def year_runs(years: Iterable[int]) -> str:
    """``2019–2021, 2023`` for years with gaps (each consecutive run as a :func:`year_span`)."""
    years = sorted({int(y) for y in years})
    runs, start = [], None
    for i, y in enumerate(years):
        if start is None:
            start = y
        if i + 1 == len(years) or years[i + 1] != y + 1:
            runs.append(year_span(sorted({start, y})))  # a one-year run is "2019", not "2019–2019"
            start = None
    return ", ".join(runs)


def latest_year(available: Iterable[int], tahun: int, *, before: bool = True) -> Optional[int]:
    """The latest year in ``available`` that is ``< tahun`` (``before``) or ``<= tahun``; None if none."""
    limit = tahun - 1 if before else tahun
    candidates = [int(y) for y in available if int(y) <= limit]
    return max(candidates) if candidates else None


def shown_years(available: Iterable[int], tahun: int) -> list[int]:
    """The years a history page shows: those of ``available`` up to :func:`latest_year`.

    Data 2019–2024 with ``tahun=2022`` gives 2019–2021; ``tahun=2025`` or later gives 2019–2024;
    empty when no year lies before ``tahun``.
    """
    from helpers.core.text import is_na

    years = sorted({int(y) for y in available if not is_na(y)})
    last = latest_year(years, tahun)
    return [] if last is None else [y for y in years if y <= last]


class YearWindow:
    """Mixin for a view over a run of ``years`` (a list attribute): first, last and its span."""

    years: list[int]

    @property
    def first(self) -> int:
        return self.years[0]

    @property
    def last(self) -> int:
        return self.years[-1]

    @property
    def span(self) -> str:
        return year_span(self.years)
