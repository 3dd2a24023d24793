"""Parse and format numbers the way the Renstra writes them.

The source document mixes Indonesian style (``14.445.744.207``, ``95,18``) and English
style (``708,200,000``, ``93.95``). Base data in ``data/tables`` is stored in machine style
(``14445744207``, ``95.18``). Planners' own files (realisation templates) may use
Indonesian style; :func:`parse_number` with ``style="auto"`` accepts every unambiguous form
and refuses to guess on the ambiguous ones (``1.234`` could be 1234 or 1,234).

Outputs always use Indonesian formatting: :func:`format_number`, :func:`format_rupiah`,
:func:`format_percent`. This is the one place that formats a number for people.
"""
from __future__ import annotations

import math
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

#: Cells that mean "no value" in the document (distinct from a printed ``0``).
MISSING_MARKERS = frozenset({"", "-", "–", "—", "NA", "N/A", "na", "n/a"})

#: Rupiah prefix for amounts in running text: EYD (5th edition) writes ``Rp14.445.744.207``,
#: without a space. Tables use a "(Rp)" header and bare numbers.
RUPIAH_PREFIX = "Rp"
#: The minus sign of negative amounts in running text (U+2212), as in ``−Rp526.015.000``.
MINUS = "\u2212"

#: What a missing value ("no value": the document's NA or blank, a ratio that cannot be computed)
#: looks like in a formatted table. Not "-": in Indonesian statistical tables (BPS, and this
#: document's own arithmetic) "-" is nihil, a zero printed as a dash.
MISSING_DISPLAY = "NA"
#: What a nihil looks like where the document printed it as a dash (the value is 0).
NIHIL_DISPLAY = "-"
#: The one legend of the symbols, shown on every page.
SYMBOL_LEGEND = ("Keterangan tanda dalam tabel: \u201c-\u201d = nihil (nol), sebagaimana dicetak dokumen; pada "
                 "kolom target indikator (persen, indeks, skor, rasio), \u201c-\u201d = tidak ada target untuk "
                 "tahun itu. \u201cNA\u201d = tidak ada data atau tidak dapat dihitung. Sel kosong = dibiarkan "
                 "kosong oleh dokumen; pada kolom jumlah orang dan rupiah dihitung sebagai nol.")

_MACHINE = re.compile(r"^-?\d+(\.\d+)?$")
_ID_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567 / 1.234,5
_ID_DECIMAL = re.compile(r"^-?\d+,\d+$")  # 95,18 / 1234,5
_EN_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234,567 / 1,234.5
_PLAIN_INT = re.compile(r"^-?\d+$")


class NumberFormatError(ValueError):
    """A text that is not a number in the expected style; the message says what was expected."""


def is_missing(text: object) -> bool:
    """True when a cell means "no value" (``-``, blank, ``NA``); a printed ``0`` is not missing."""
    if text is None:
        return True
    if isinstance(text, float) and math.isnan(text):
        return True
    return str(text).strip() in MISSING_MARKERS


def _clean(text: str) -> str:
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.lower().startswith("rp"):
        cleaned = cleaned[2:].lstrip(".")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    return cleaned


def parse_number(text: object, style: str = "auto") -> Optional[float]:
    """Parse one cell into a float, or ``None`` for "no value".

    ``style`` is one of:

    - ``"machine"``: ``1234``, ``-16.37`` (how ``data/tables`` stores numbers);
    - ``"id"``: Indonesian, ``1.234.567,89``; a dot is always a thousands separator;
    - ``"en"``: English, ``1,234,567.89``; a comma is always a thousands separator;
    - ``"auto"``: any unambiguous form of the above. ``1.234`` and ``1,234`` are ambiguous
      (thousands or decimals?) and raise :class:`NumberFormatError`.

    An ``Rp`` prefix and a ``%`` suffix are ignored.
    """
    if is_missing(text):
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    raw = str(text)
    s = _clean(raw)
    if style == "machine":
        if _MACHINE.match(s):
            return float(s)
        raise NumberFormatError(f"{raw!r} bukan angka gaya mesin (seharusnya misalnya 1234 atau 95.18)")
    if style == "id":
        if _PLAIN_INT.match(s) or _ID_DECIMAL.match(s):
            return float(s.replace(",", "."))
        if _ID_GROUPED.match(s):
            return float(s.replace(".", "").replace(",", "."))
        raise NumberFormatError(
            f"{raw!r} bukan angka gaya Indonesia (seharusnya misalnya 1.234.567 atau 95,18)"
        )
    if style == "en":
        if _MACHINE.match(s):
            return float(s)
        if _EN_GROUPED.match(s):
            return float(s.replace(",", ""))
        raise NumberFormatError(f"{raw!r} bukan angka gaya Inggris (seharusnya misalnya 1,234,567 atau 93.95)")
    if style != "auto":
        raise ValueError(f"unknown number style {style!r}")
    return _parse_auto(raw, s)


def _parse_auto(raw: str, s: str) -> float:
    if _PLAIN_INT.match(s):
        return float(s)
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # Both separators: the last one is the decimal mark.
        if s.rfind(",") > s.rfind(".") and _ID_GROUPED.match(s):
            return float(s.replace(".", "").replace(",", "."))
        if s.rfind(".") > s.rfind(",") and _EN_GROUPED.match(s):
            return float(s.replace(",", ""))
    elif dots == 1 or commas == 1:
        sep = "." if dots else ","
        head, tail = s.split(sep)
        if len(tail) == 3 and 1 <= len(head.lstrip("-")) <= 3 and head.lstrip("-") != "0":
            raise NumberFormatError(
                f"{raw!r} ambigu: dapat berarti {head}{tail} (ribuan) atau {head}.{tail} (desimal); "
                f"tulis {head}{tail} untuk bilangan bulat, atau pakai koma desimal dengan selain tiga "
                "angka desimal, misalnya 1234 atau 1,5"
            )
        if re.match(r"^-?\d+$", head) and re.match(r"^\d+$", tail):
            return float(f"{head}.{tail}")
    elif dots > 1 and _ID_GROUPED.match(s):
        return float(s.replace(".", ""))
    elif commas > 1 and _EN_GROUPED.match(s):
        return float(s.replace(",", ""))
    raise NumberFormatError(f"{raw!r} bukan angka (seharusnya misalnya 1.234.567, 95,18 atau 1234)")


def parse_growth(text: object, style: str = "id") -> Optional[float]:
    """Parse a "Rata Rata Pertumbuhan" cell, restoring the minus sign the export lost.

    In those columns a leading ``0`` followed by another digit is a lost minus sign:
    ``016,37`` is -16,37 and ``0100,00`` is -100,00, while ``0,00`` is zero.
    """
    if is_missing(text):
        return None
    s = _clean(str(text))
    if len(s) > 1 and s[0] == "0" and s[1].isdigit():
        value = parse_number(s[1:], style=style)
        return -value if value is not None else None
    return parse_number(s, style=style)


def _round_half_up(value: float, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: object, decimals: int = 0) -> str:
    """Format in Indonesian style: ``1234567.891`` → ``1.234.567,89`` (``decimals=2``).

    Missing values (None, NaN, pandas NA) become :data:`MISSING_DISPLAY`. Rounding is half up,
    as people do by hand, not banker's rounding.
    """
    if value is None or _is_na(value):
        return MISSING_DISPLAY
    d = _round_half_up(float(value), decimals)
    sign = "-" if d < 0 else ""
    d = abs(d)
    whole, _, frac = f"{d:.{decimals}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if decimals else f"{sign}{grouped}"


def format_rupiah(value: object) -> str:
    """Whole rupiah with the Rupiah prefix, no space (EYD): ``14445744207`` → ``Rp14.445.744.207``;
    a negative amount takes the minus sign before the prefix: ``−Rp526.015.000``."""
    if value is None or _is_na(value):
        return MISSING_DISPLAY
    text = format_number(value, 0)
    if text.startswith("-"):
        return f"{MINUS}{RUPIAH_PREFIX}{text[1:]}"
    return f"{RUPIAH_PREFIX}{text}"


#: Numbers one to nine (and ten) as EYD writes them in running text.
NUMBER_WORDS = {0: "nol", 1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh",
                8: "delapan", 9: "sembilan", 10: "sepuluh"}


def number_words(value: int, capitalize: bool = False) -> str:
    """A count as EYD writes it in prose: ``5`` → ``lima`` (one to nine, and ten, in words), ``12`` → ``12``.

    ``capitalize`` for a count that opens a sentence (``Lima indikator ...``); a larger count that
    would open a sentence must be rephrased by the caller (EYD: no sentence opens with a numeral)."""
    number = int(value)
    text = NUMBER_WORDS.get(number, format_number(number, 0))
    return text[:1].upper() + text[1:] if capitalize else text


def format_percent(value: object, decimals: int = 2) -> str:
    """Percent with Indonesian decimals: ``95.18`` → ``95,18%``."""
    if value is None or _is_na(value):
        return MISSING_DISPLAY
    return f"{format_number(value, decimals)}%"


def _is_na(value: object) -> bool:
    # Without pandas imported (or while another thread imports it) no pandas object (NA, NaT) can
    # exist yet: a NaN is the only missing value. (A runner showing a revision formats numbers so.)
    isna = getattr(sys.modules.get("pandas"), "isna", None)
    if isna is None:
        try:
            return bool(value != value)
        except (TypeError, ValueError):
            return False
    try:
        return bool(isna(value))
    except (TypeError, ValueError):
        return isinstance(value, float) and math.isnan(value)
