"""Tests of helpers/core/prose.py: numbers as Indonesian prose writes them, and trend sentences by
the shape of the series (issue 12)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.core.prose import (FLUCTUATING, RISING, STABLE, change_amount, describe_series, format_amount,
                                parse_numbers, shape, signed_percent, turning_points)


def values(text: str) -> list[tuple[float, str]]:
    return [(n.value, n.kind) for n in parse_numbers(text)]


@pytest.mark.parametrize("text, expected", [
    ("sebanyak 1.234 jiwa", [(1234, "number")]),
    ("naik 12,5% dari tahun lalu", [(12.5, "percent")]),
    ("pagu Rp4,6 miliar", [(4.6e9, "rupiah")]),
    ("pagu Rp4.660.671.000", [(4660671000, "rupiah")]),
    ("hanya 0,42 persen", [(0.42, "percent")]),
    ("berkurang 1,20 poin persen", [(1.2, "points")]),
    ("naik 1,2 poin persentase", [(1.2, "points")]),
    ("sebanyak 2,3 juta jiwa dan Rp1,5 triliun", [(2.3e6, "number"), (1.5e12, "rupiah")]),
    ("perubahan −Rp526.015.000", [(-526015000, "rupiah")]),
    ("rasio -5,86%", [(-5.86, "percent")]),
    ("capaian 0,00% (menurut rumus polaritas \u22125,86%)", [(0, "percent"), (-5.86, "percent")]),
    ("Rp 14.445.744.207 (lama, dengan spasi)", [(14445744207, "rupiah")]),
])
def test_figures_as_prose_writes_them(text, expected):
    assert values(text) == [(pytest.approx(v), k) for v, k in expected]


@pytest.mark.parametrize("text", [
    "pada tahun 2024", "Tahun 2025 adalah tahun pertama", "periode 2019–2024", "periode 2019-2024",
    "Tabel 2.3.1 dan Tabel 4.5.1", "Permendagri 86/2017", "kode 1.06.01.2.02", "(2023)",
])
def test_years_labels_and_codes_are_not_figures(text):
    assert parse_numbers(text) == []


def test_a_value_before_its_year_in_parentheses():
    assert values("turun menjadi 3,69 (2023)") == [(pytest.approx(3.69), "number")]


def test_a_four_digit_count_with_a_unit_is_a_figure_and_a_range_is_not_a_minus():
    assert values("sebanyak 2024 jiwa") == [(2024, "number")]
    assert values("tahun 2019-2024 naik 5 jiwa") == [(5, "number")]


def test_rounding_as_the_prose_writes_it():
    (approx,) = parse_numbers("Rp4,66 miliar")
    assert approx.matches(4_660_671_000) and approx.matches(4_655_000_000) and not approx.matches(4_670_000_000)
    (pct,) = parse_numbers("12,5%")
    assert pct.matches(12.54) and not pct.matches(12.56)
    (money,) = parse_numbers("berkurang Rp526.015.000")
    assert money.matches(-526_015_000)  # a decrease worded, its sign not written
    (whole,) = parse_numbers("63.432 jiwa")
    assert whole.matches(63432) and not whole.matches(63433) and not whole.matches("x")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-10**13, max_value=10**13))
def test_round_trip_whole_numbers_and_rupiah(n):
    text = f"jumlah {format_number(n, 0)} orang dan {format_rupiah(n)}."
    parsed = parse_numbers(text)  # "2024 orang" is a count: a unit follows, so it is not a year
    assert [p.value for p in parsed] == [n, n]
    assert all(p.matches(n) for p in parsed)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=1, max_value=3))
def test_round_trip_decimals_and_percent(x, decimals):
    text = f"sebesar {format_number(x, decimals)} dan {format_percent(x, decimals)} pada tahun 2024."
    first, second = parse_numbers(text)
    assert second.kind == "percent"
    for parsed in (first, second):
        assert parsed.matches(x)  # the exact value rounds to what the prose says
        assert parsed.value == pytest.approx(float(format_number(x, decimals).replace(".", "").replace(",", ".")))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1_000_000, max_value=10**14))
def test_round_trip_scaled_rupiah(n):
    (parsed,) = parse_numbers(f"pagu {format_amount(n)} pada tahun 2025")
    assert parsed.kind == "rupiah" and parsed.matches(n)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_round_trip_signed_percent(x, decimals):
    text = signed_percent(x, decimals)
    assert "-" not in text                              # a true minus, never a hyphen
    (parsed,) = parse_numbers(f"menurut rumus polaritas {text}")
    assert parsed.kind == "percent" and parsed.matches(x)
    assert (parsed.value < 0) == text.startswith("\u2212")     # the sign survives (matches() compares sizes)


def test_signed_percent():
    assert signed_percent(-5.857) == "\u22125,86%" and signed_percent(10.64) == "10,64%"
    assert signed_percent(None) == "NA"


def test_format_amount():
    assert format_amount(4_660_671_000) == "Rp4,66 miliar"
    assert format_amount(-526_015_000) == "\u2212Rp526,02 juta"
    assert format_amount(950_000) == "Rp950.000"


def test_shape_of_a_series():
    assert shape([1, 2, 2, 3]) == RISING
    assert shape([88.54, 88.55]) == STABLE
    assert shape([2.95, 2.27, 5.72, 3.69]) == FLUCTUATING
    assert turning_points([(2021, 2.95), (2022, 2.27), (2023, 5.72), (2024, 3.69)]) == [2022, 2023]


def test_the_sentences_the_planners_asked_for():
    two = lambda v: format_number(v, 2)  # noqa: E731
    violence = describe_series("Rasio kekerasan terhadap perempuan",
                               [(2021, 2.95), (2022, 2.27), (2023, 5.72), (2024, 3.69)], two)
    assert violence.startswith("Rasio kekerasan terhadap perempuan berfluktuasi: turun dari 2,95 (2021) menjadi 2,27 "
                               "(2022), naik tajam menjadi 5,72 (2023), lalu turun menjadi 3,69 (2024);")
    assert violence.endswith("; dari tahun 2021 ke tahun 2024 secara keseluruhan meningkat sebesar 0,74.")
    stable = describe_series("Tingkat penyerapan anggaran", [(2019, 88.54), (2020, 88.55)],
                             lambda v: format_percent(v))
    assert stable == "Tingkat penyerapan anggaran relatif stabil, yaitu 88,54% pada tahun 2019 dan 88,55% pada tahun 2020."
    jiwa = lambda v: f"{format_number(v, 0)} jiwa"  # noqa: E731
    rising = describe_series("Jumlah PMKS mandiri", [(2019, 100), (2020, 150), (2024, 270)], jiwa,
                             lambda a, b: change_amount(a, b, jiwa))
    assert rising == ("Jumlah PMKS mandiri meningkat dari 100 jiwa (2019) menjadi 270 jiwa (2024), atau bertambah "
                      "170 jiwa (170,00%).")
    falling = describe_series("Pagu", [(2025, 10), (2026, 8)], two)
    assert "menurun dari 10,00 (2025) menjadi 8,00 (2026), atau berkurang 2,00." in falling
    assert describe_series("X", [(2024, 5)], two) == "X hanya memiliki data tahun 2024, yaitu 5,00."
