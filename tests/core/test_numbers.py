"""Indonesian number parsing and formatting: examples from the document, round trips, properties."""
import math

import pytest
from hypothesis import given, strategies as st

from helpers.core.numbers import (
    NumberFormatError, format_number, format_percent, format_rupiah, is_missing, parse_growth,
    parse_number,
)


@pytest.mark.parametrize("text, style, expected", [
    ("14.445.744.207", "id", 14445744207),   # Tabel 4.1 style
    ("95,18", "id", 95.18),                  # ratio column, 2021-2024 budget table
    ("708,200,000", "en", 708200000),        # 2019-2020 budget table
    ("93.95", "en", 93.95),
    ("1,671", "en", 1671),                   # Tabel 2.3.2, Lanjut Usia Terlantar 2019
    ("58.810", "id", 58810),                 # Tabel 2.3.2, 2024 column: thousands
    ("Rp 14.445.744.207", "auto", 14445744207),
    ("95,18%", "auto", 95.18),
    ("1.234.567,89", "auto", 1234567.89),
    ("1,234,567.89", "auto", 1234567.89),
    ("12,5", "auto", 12.5),
    ("0.37", "auto", 0.37),                  # Tabel 3.2.1 IKG target
    ("1234", "machine", 1234),
    ("-16.37", "machine", -16.37),
])
def test_parse_examples(text, style, expected):
    assert parse_number(text, style=style) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["-", "", "  ", "NA", None])
def test_missing_markers_are_none_not_zero(text):
    assert parse_number(text) is None
    assert is_missing(text)
    assert parse_number("0") == 0 and not is_missing("0")


@pytest.mark.parametrize("text", ["1.234", "1,234", "-2.500", "58.810"])
def test_auto_rejects_ambiguous_thousands(text):
    with pytest.raises(NumberFormatError, match="ambigu"):
        parse_number(text, style="auto")


@pytest.mark.parametrize("text, style", [("1.23", "id"), ("abc", "auto"), ("1,2,3", "en"),
                                          ("12.345,6", "en"), ("1,5", "machine")])
def test_malformed_is_rejected(text, style):
    with pytest.raises(NumberFormatError):
        parse_number(text, style=style)


@pytest.mark.parametrize("text, expected", [
    ("016,37", -16.37), ("0100,00", -100.0), ("0,00", 0.0), ("31,14", 31.14),
    ("00,08", -0.08), ("1213,26", 1213.26), ("-", None),
])
def test_growth_restores_lost_minus_sign(text, expected):
    assert parse_growth(text) == (pytest.approx(expected) if expected is not None else None)


def test_growth_english_style():
    assert parse_growth("014.53", style="en") == pytest.approx(-14.53)
    assert parse_growth("0.00", style="en") == 0


@pytest.mark.parametrize("value, decimals, expected", [
    (14445744207, 0, "14.445.744.207"), (95.18, 2, "95,18"), (0.125, 2, "0,13"),
    (-16.365, 2, "-16,37"), (1234567.891, 2, "1.234.567,89"), (2025, 0, "2.025"), (0, 2, "0,00"),
])
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_rupiah_percent_and_missing():
    assert format_rupiah(14445744207) == "Rp14.445.744.207"  # EYD: no space after Rp
    assert format_rupiah(-5000) == "\u2212Rp5.000"
    assert format_percent(95.18) == "95,18%"
    assert format_number(None) == "NA" and format_percent(float("nan")) == "NA"  # "-" is nihil, not "no value"
    import pandas as pd
    assert format_rupiah(pd.NA) == "NA"


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_integer_round_trip_indonesian(n):
    text = format_number(n, 0)
    assert parse_number(text, style="id") == n


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_decimal_round_trip_indonesian(d):
    text = format_number(float(d), 2)
    assert parse_number(text, style="id") == pytest.approx(float(d), abs=0.005)
    # two decimals with a comma are never ambiguous, so "auto" agrees
    assert parse_number(text, style="auto") == pytest.approx(float(d), abs=0.005)


@given(st.integers(min_value=1000, max_value=10**12))
def test_auto_never_silently_misreads_grouped_thousands(n):
    """Indonesian-grouped integers either parse to exactly n or are refused as ambiguous."""
    text = format_number(n, 0)
    try:
        assert parse_number(text, style="auto") == n
    except NumberFormatError as exc:
        assert "ambigu" in str(exc) and text.count(".") == 1


@given(st.text(alphabet="0123456789.,-% Rp", max_size=14))
def test_auto_returns_number_or_documented_error(text):
    try:
        value = parse_number(text, style="auto")
    except NumberFormatError:
        return
    assert value is None or math.isfinite(value)


def test_numbers_are_formatted_without_pandas_when_it_is_not_imported():
    """The runner shows a revised narrative again without importing pandas (or while a background
    thread imports it): a NaN is still the missing value, and nothing imports pandas."""
    import subprocess
    import sys

    code = ("import sys, decimal\n"
            "from helpers.core.numbers import format_number, format_percent\n"
            "import helpers.present.html, helpers.present.narrative, helpers.run.build, helpers.run.outputs\n"
            "assert format_number(1234.5, 1) == '1.234,5' and format_number(float('nan')) == format_number(None)\n"
            "assert format_percent(decimal.Decimal('NaN')) == format_number(None)\n"
            "from helpers.present import PALETTE\n"
            "assert 'pandas' not in sys.modules, 'pandas imported'\n"
            "import pandas as pd\n"
            "assert format_number(pd.NA) == format_number(None) and format_number(pd.NaT) == format_number(None)\n")
    subprocess.run([sys.executable, "-c", code], check=True)
