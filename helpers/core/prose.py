"""Numbers in Indonesian prose, and sentences that describe the shape of a series.

:func:`parse_numbers` finds every figure a planner's text states, as Indonesian prose writes it:
``1.234``, ``12,5%``, ``0,42 persen``, ``1,20 poin persen`` (percentage points), ``Rp4.660.671.000``,
``Rp4,6 miliar``, ``−Rp526.015.000``, ``2,3 juta jiwa``. Each :class:`ProseNumber` keeps the value in
base units and the half-step of its last written digit, so that a figure rounded in prose still
matches the exact figure it came from (:meth:`ProseNumber.matches`). Years are not figures: a
four-digit whole number from 1900 to 2100 without a unit (``tahun 2024``, ``(2023)``, ``2019–2024``)
is skipped, and so are section numbers (``Tabel 2.3.1``) and the parts of ``86/2017``. Counts written
as words (``lima indikator``) are not parsed.

:func:`describe_series` writes the one trend sentence of a series by its shape: rising, falling,
stable, or fluctuating (naming its turning points), with the first-to-last change as a second
clause; :func:`format_amount` writes ``Rp4,66 miliar`` and :func:`signed_percent` ``−5,86%``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from helpers.core.numbers import MINUS, format_number, format_percent, format_rupiah

#: Scale words of Indonesian prose and their factors.
SCALES = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12}
#: Units after which a four-digit number is a quantity, not a year.
_QUANTITY_AFTER = re.compile(r"\s*(%|persen|poin|jiwa|orang|lembaga|unit|kk|keluarga|anak|kasus|pegawai|"
                             r"paket|dokumen|kegiatan|rupiah)\b", re.I)

_NUMBER = re.compile(
    r"(?P<sign>[-\u2212])?"
    r"(?P<rp>Rp\.?\s?)?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?P<tail>\s?%|\s+persen\b|\s+poin(?:\s+persen(?:tase)?)?\b)?"
    r"(?:\s+(?P<scale>ribu|juta|miliar|milyar|triliun)\b)?",
    re.I)
#: Words before a number that make it a label, not a figure (``Tabel 2.3.1``, ``Bab 2``).
_LABEL_BEFORE = re.compile(r"\b(Tabel|Gambar|Lampiran|Bab|Pasal|Nomor|No\.|Permendagri|Perda|Perbup|PP|UU|"
                           r"Misi|Tujuan|Sasaran|Indikator|Kode|kode|per)\s*$")


@dataclass(frozen=True)
class ProseNumber:
    """One figure of a text: what was written, its value in base units, and its kind.

    ``kind`` is ``number``, ``percent``, ``points`` (percentage points) or ``rupiah``; ``step`` is
    half a unit of the last digit written (``4,6 miliar`` → 0,05 miliar)."""

    text: str
    value: float
    kind: str
    step: float
    start: int = 0

    def matches(self, value: object) -> bool:
        """True when ``value`` rounds to this figure as the prose wrote it (the sign is not compared:
        ``berkurang Rp526.015.000`` states a change of −526.015.000)."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            return False
        if math.isnan(number) or isinstance(value, bool):
            return False
        return abs(abs(number) - abs(self.value)) <= self.step * (1 + 1e-9) + 1e-12 * max(1.0, abs(number))


def _value_of(digits: str) -> tuple[float, int]:
    """``1.234,5`` → (1234.5, 1 decimal)."""
    whole, _, frac = digits.replace(".", "").partition(",")
    return float(f"{whole}.{frac}" if frac else whole), len(frac)


def parse_numbers(text: str) -> list[ProseNumber]:
    """Every figure of ``text`` in reading order (years, labels and section numbers left out)."""
    found: list[ProseNumber] = []
    for match in _NUMBER.finditer(str(text)):
        start, end = match.span()
        before = text[max(0, start - 1):start]
        after = text[end:end + 1]
        num = match.group("num")
        if before and (before.isalnum() or before in "./_") or after in ("/",) or (after == "." and
                                                                                   text[end + 1:end + 2].isdigit()):
            continue  # part of a word, a code, a section number (2.3.1) or a date (86/2017)
        if before == "/" or _LABEL_BEFORE.search(text[max(0, start - 16):start]):
            continue
        if before == ":" and text[start - 2:start - 1].isdigit():
            continue  # the denominator of a rate written 42:100.000 (the figure is 42)
        tail = (match.group("tail") or "").strip().lower()
        rupiah = bool(match.group("rp"))
        scale_word = (match.group("scale") or "").lower()
        value, decimals = _value_of(num)
        if (not rupiah and not tail and not scale_word and "." not in num and "," not in num and len(num) == 4
                and 1900 <= value <= 2100 and not _QUANTITY_AFTER.match(text, end)):
            continue  # a year
        sign = match.group("sign")
        if sign and start > 0 and (text[start - 1].isdigit() or text[start - 1].isalpha()):
            sign = None  # a range such as 2019-2024 or a hyphenated word, not a minus
        if sign and match.group("rp") is None and text[start + 1:start + 2] == " ":
            sign = None
        factor = SCALES.get(scale_word, 1.0)
        kind = "rupiah" if rupiah else "points" if tail.startswith("poin") else "percent" if tail else "number"
        signed = -value if sign else value
        found.append(ProseNumber(text=match.group(0).strip(), value=signed * factor, kind=kind,
                                 step=0.5 * 10 ** (-decimals) * factor, start=start))
    return found


# --------------------------------------------------------------------------------------------
# Formatting for prose
# --------------------------------------------------------------------------------------------


def format_amount(value: object, decimals: int = 2) -> str:
    """Rupiah for prose: ``4660671000`` → ``Rp4,66 miliar``, ``526015000`` → ``Rp526,02 juta``;
    below one million the full amount (``Rp950.000``); negative as ``−Rp…``."""
    if value is None:
        return format_rupiah(value)
    number = float(value)
    if math.isnan(number):
        return format_rupiah(value)
    size = abs(number)
    for word, factor in (("triliun", 1e12), ("miliar", 1e9), ("juta", 1e6)):
        if size >= factor:
            text = f"Rp{format_number(size / factor, decimals)} {word}"
            return f"{MINUS}{text}" if number < 0 else text
    return format_rupiah(number)


def signed_percent(value: object, decimals: int = 2) -> str:
    """A percentage for prose, a negative one with the true minus: ``-5.86`` → ``−5,86%``."""
    return format_percent(value, decimals).replace("-", MINUS)


# --------------------------------------------------------------------------------------------
# The shape of a series
# --------------------------------------------------------------------------------------------

RISING, FALLING, STABLE, FLUCTUATING, SINGLE = "naik", "turun", "stabil", "fluktuatif", "tunggal"
#: A step is "tajam" when it changes the value by at least this share of the value before it.
SHARP = 0.5


def shape(values: Sequence[float], stable_within: float = 0.005) -> str:
    """``naik`` (never falls), ``turun`` (never rises), ``stabil`` (every value within
    ``stable_within`` of the first, relatively), ``fluktuatif`` (rises and falls) or ``tunggal``."""
    values = [float(v) for v in values]
    if len(values) < 2:
        return SINGLE
    base = max(abs(values[0]), 1e-12)
    if all(abs(v - values[0]) <= stable_within * base for v in values):
        return STABLE
    ups = any(b > a for a, b in zip(values, values[1:]))
    downs = any(b < a for a, b in zip(values, values[1:]))
    return FLUCTUATING if ups and downs else RISING if ups else FALLING


def runs(points: Sequence[tuple[int, float]]) -> list[tuple[str, int, int]]:
    """The series as runs of one direction: ``(naik|turun|tetap, index from, index to)``."""
    out: list[tuple[str, int, int]] = []
    for i in range(1, len(points)):
        a, b = points[i - 1][1], points[i][1]
        direction = "naik" if b > a else "turun" if b < a else "tetap"
        if out and out[-1][0] == direction:
            out[-1] = (direction, out[-1][1], i)
        else:
            out.append((direction, i - 1, i))
    return out


def turning_points(points: Sequence[tuple[int, float]]) -> list[int]:
    """The years where a rising series turns to fall or the reverse."""
    return [points[run[1]][0] for run in runs(points)[1:]]


_VERB = {"naik": "naik", "turun": "turun", "tetap": "tetap"}
_VERB_FORMAL = {"naik": "meningkat", "turun": "menurun"}


def describe_series(subject: str, points: Sequence[tuple[int, float]], fmt: Callable[[float], str],
                    change: Optional[Callable[[float, float], str]] = None, stable_within: float = 0.005) -> str:
    """One sentence on a series by its shape (``points`` are (year, value) in year order).

    - rising/falling: ``{subject} meningkat dari 100 jiwa (2019) menjadi 270 jiwa (2024), atau bertambah …``;
    - stable: ``{subject} relatif stabil, yaitu 88,54% pada tahun 2019 dan 88,55% pada tahun 2020.``;
    - fluctuating: ``{subject} berfluktuasi: turun dari 2,95 (2021) menjadi 2,27 (2022), naik tajam
      menjadi 5,72 (2023), lalu turun menjadi 3,69 (2024); dari 2021 ke 2024 meningkat …``.

    ``change(first, last)`` writes the size of the first-to-last change (default: the difference in
    ``fmt``; :func:`change_amount` adds its share of the first value).
    """
    points = [(int(y), float(v)) for y, v in points]
    if not points:
        return f"{subject} tidak memiliki data pada tahun yang ditampilkan."
    if len(points) == 1:
        return f"{subject} hanya memiliki data tahun {points[0][0]}, yaitu {fmt(points[0][1])}."
    (y0, v0), (y1, v1) = points[0], points[-1]
    kind = shape([v for _, v in points], stable_within)
    amount = change(v0, v1) if change else fmt(abs(v1 - v0))
    if kind == STABLE:
        if len(points) == 2:
            return f"{subject} relatif stabil, yaitu {fmt(v0)} pada tahun {y0} dan {fmt(v1)} pada tahun {y1}."
        return (f"{subject} relatif stabil pada tahun {y0}–{y1}, yaitu {fmt(v0)} pada tahun {y0} dan "
                f"{fmt(v1)} pada tahun {y1}.")
    if kind in (RISING, FALLING):
        text = f"{subject} {_VERB_FORMAL[kind]} dari {fmt(v0)} ({y0}) menjadi {fmt(v1)} ({y1})"
        flat = [points[j][0] for d, i, j in runs(points) if d == "tetap"]
        if flat and len(points) > 2:
            text += f", dengan nilai tetap pada tahun {_join_years(flat)}"
        return text + f", atau {'bertambah' if v1 > v0 else 'berkurang'} {amount}."
    parts = []
    series_runs = runs(points)
    for n, (direction, i, j) in enumerate(series_runs):
        before, after = points[i][1], points[j][1]
        sharp = direction != "tetap" and abs(before) > 0 and abs(after - before) >= SHARP * abs(before)
        verb = _VERB[direction] + (" tajam" if sharp else "")
        if direction == "tetap":
            piece = f"tetap {fmt(after)} hingga {points[j][0]}"
        elif n == 0:
            piece = f"{verb} dari {fmt(before)} ({points[i][0]}) menjadi {fmt(after)} ({points[j][0]})"
        else:
            piece = f"{verb} menjadi {fmt(after)} ({points[j][0]})"
        parts.append(piece)
    if len(parts) > 1:
        parts[-1] = "lalu " + parts[-1]
    overall = "tidak berubah" if v1 == v0 else f"{_VERB_FORMAL['naik' if v1 > v0 else 'turun']} sebesar {amount}"
    return f"{subject} berfluktuasi: {', '.join(parts)}; dari tahun {y0} ke tahun {y1} secara keseluruhan {overall}."


def _join_years(years: Sequence[int]) -> str:
    years = [str(y) for y in years]
    return years[0] if len(years) == 1 else ", ".join(years[:-1]) + " dan " + years[-1]


def percent_points(value: float) -> str:
    """``1,20 poin persen`` (a difference of two percentages)."""
    return f"{format_number(abs(value), 2)} poin persen"


def change_amount(first: float, last: float, fmt: Callable[[float], str], relative: bool = True) -> str:
    """``170 jiwa (170,00%)``: the size of a first-to-last change, with its share of the first."""
    text = fmt(abs(last - first))
    if relative and first:
        text += f" ({format_percent(abs(last - first) / abs(first) * 100)})"
    return text


__all__ = ["FALLING", "FLUCTUATING", "RISING", "SCALES", "SINGLE", "STABLE", "ProseNumber", "change_amount",
           "describe_series", "format_amount", "parse_numbers", "percent_points", "runs", "shape",
           "signed_percent", "turning_points"]
