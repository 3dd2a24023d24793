"""Frame helpers for display: the cells of a merged column that repeat the row above.

The document merges the cells of an outer level (tujuan, sasaran, program …) over the rows
below it; the data repeats the value on every row. :func:`repeated_cells` finds the cells a
reader should see empty, for :class:`~helpers.present.table.Table`'s ``blank=`` (the data, and
so the CSV, keep the full values); :func:`blank_repeats` returns a copy with those cells ``""``.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from helpers.core.text import is_na


def _key(value) -> str:
    return "" if is_na(value) else str(value)


def repeated_cells(frame: pd.DataFrame, columns: Sequence[str]) -> list[tuple[int, str]]:
    """``(row position, column)`` of every cell that repeats the row above, as a merged cell.

    ``columns`` are ordered from the outermost level inwards: a cell counts as repeated only
    when it and every column before it in ``columns`` equal the row above, so a new branch
    always shows its full path (``q`` under a new ``y`` is shown although the row above is ``q``).
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"columns {missing} are not in the frame; expected some of {list(frame.columns)}")
    rows = frame.reset_index(drop=True)
    cells: list[tuple[int, str]] = []
    for i in range(1, len(rows)):
        for column in columns:
            if _key(rows.at[i, column]) != _key(rows.at[i - 1, column]):
                break
            cells.append((i, column))
    return cells


def blank_repeats(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """A copy of ``frame`` (index reset) with the cells of :func:`repeated_cells` set to ``""``."""
    out = frame.reset_index(drop=True).copy()
    for column in columns:
        out[column] = out[column].astype(object)
    for i, column in repeated_cells(frame, columns):
        out.at[i, column] = ""
    return out
