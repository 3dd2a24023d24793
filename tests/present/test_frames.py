"""helpers.present.frames: the cells of merged columns that repeat the row above."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers.present.frames import blank_repeats, repeated_cells


def test_repeats_are_hierarchical():
    df = pd.DataFrame({"a": ["x", "x", "x", "y"], "b": ["p", "p", "q", "q"], "c": [1, 2, 3, 4]})
    out = blank_repeats(df, ["a", "b"])
    assert list(out["a"]) == ["x", "", "", "y"]
    # "q" under "y" is a new branch: shown again although the row above also says "q"
    assert list(out["b"]) == ["p", "", "q", "q"]
    assert list(out["c"]) == [1, 2, 3, 4]
    assert repeated_cells(df, ["a", "b"]) == [(1, "a"), (1, "b"), (2, "a")]
    assert list(df["a"]) == ["x", "x", "x", "y"]  # the input is left alone


def test_missing_values_repeat_like_values_and_positions_ignore_the_index():
    df = pd.DataFrame({"a": [None, None, "z"]}, index=[10, 11, 12])
    assert repeated_cells(df, ["a"]) == [(1, "a")]
    assert repeated_cells(df.iloc[:0], ["a"]) == []


def test_unknown_column_is_named():
    with pytest.raises(ValueError, match=r"\['nope'\]"):
        repeated_cells(pd.DataFrame({"a": [1]}), ["nope"])
