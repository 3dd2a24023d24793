"""Small text helpers shared by every page: Indonesian lists, wrapping, names, missing values.

One home for each; a page that needs "a, b dan c" or a wrapped label calls these.
"""
from __future__ import annotations

import math
import re
import textwrap
from typing import Iterable

#: Words kept in lower case by :func:`title_case` (except as the first word).
SMALL_WORDS = frozenset({"dan", "di", "ke", "dari", "yang", "bagi", "untuk", "pada", "dalam", "atau",
                         "terhadap", "antar", "serta", "dengan"})


def is_na(value) -> bool:
    """True for None, NaN, pandas NA/NaT; False for any string (text is a value) and for numbers."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    if isinstance(value, float):
        return math.isnan(value)
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not a missing scalar
        return False


def join_list(items: Iterable[str], conjunction: str = "dan") -> str:
    """Indonesian enumeration: ``a``, ``a dan b``, ``a, b dan c`` (no serial comma, as EYD writes it)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def wrap(text: object, width: int) -> str:
    """Wrap ``text`` into lines of at most ``width`` characters (chart labels); never empty."""
    text = str(text)
    return "\n".join(textwrap.wrap(text, width)) or text


def title_case(text: str) -> str:
    """``PROGRAM PEMENUHAN HAK ANAK (PHA)`` → ``Program Pemenuhan Hak Anak (PHA)``.

    Words in parentheses (acronyms) keep their case; small words (:data:`SMALL_WORDS`) are lower case.
    """
    out = []
    for i, word in enumerate(str(text).split(" ")):
        if word.startswith("(") and word.endswith(")"):
            out.append(word)
            continue
        low = word.lower()
        out.append(low if i > 0 and low in SMALL_WORDS else low[:1].upper() + low[1:])
    return " ".join(out)


def short_label(uraian: str) -> str:
    """A program's name without the word "Program", upper-case names in title case (charts)."""
    text = str(uraian).strip()
    if text.isupper():
        text = title_case(text)
    return re.sub(r"^program\s+", "", text, flags=re.IGNORECASE)


def slug(text: str, limit: int = 80) -> str:
    """A file-name-safe lower-case id: ``Tabel 2.3.2 PPKS`` → ``tabel-2-3-2-ppks``."""
    return (re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "tabel")[:limit]
