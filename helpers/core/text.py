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


#: The document's misspellings and English words, corrected wherever a reader sees them
#: (docs/assumptions.md): "Rasi Kekerasan" (Tabel 4.5.1) and "Ratio" (Tabel 2.3.1, 2.3.4).
DOCUMENT_TERMS = ((re.compile(r"\bRasi(?= Kekerasan\b)"), "Rasio"), (re.compile(r"\bRatio\b"), "Rasio"),
                  (re.compile(r"\bratio\b"), "rasio"))


def document_term(text: object) -> str:
    """A name as the document means it: ``Rasi Kekerasan Terhadap Anak`` / ``Ratio Kekerasan …`` → ``Rasio Kekerasan …``."""
    text = str(text)
    for pattern, replacement in DOCUMENT_TERMS:
        text = pattern.sub(replacement, text)
    return text


def sentences(text: str) -> list[str]:
    """The sentences and list items of a Markdown text (for the EYD checks of the drafts)."""
    out = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", str(text)):
        block = re.sub(r"^\s*(?:[-*]|#{1,6})\s+", "", block.strip())
        block = re.sub(r"\*\*|__", "", block)
        for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\u201c\"(\u2212-])", block):
            if piece.strip():
                out.append(piece.strip())
    return out


#: Nouns whose counts the drafts write in words from one to nine (``sembilan indikator``); units of
#: measure are not among them (``5 jiwa``, ``3 unit`` stay figures).
COUNT_NOUNS = ("indikator", "baris", "program", "kegiatan", "sub kegiatan", "jenis", "bidang", "sasaran", "tujuan",
               "sel", "layanan", "IKU")
#: A count one to nine in figures before a counted noun, not part of a number, a code or a range.
_DIGIT_COUNT = re.compile(r"(?<![\w.,/:\u2212-])[1-9]\s+(?:" + "|".join(COUNT_NOUNS) + r")\b")
#: A label before a number (``Tabel 2``, ``Sasaran 3``, ``roda 4``): the number names, it does not count.
_NUMBER_LABEL = re.compile(r"\b(?:Tabel|Gambar|Lampiran|Bab|Misi|Tujuan|Sasaran|Program|IKU|IKK|SPM|Diploma|"
                           r"Eselon|Golongan|Nomor|No\.|roda)\s*$")
#: What a draft must not write anywhere, and what the problem is called.
_EYD_PATTERNS = ((re.compile(r"(?<![\w)\]])-(?=\d)"), "tanda hubung sebagai tanda minus (tulis \u2212)"),
                 (re.compile(r"Rp\s"), "Rp dengan spasi"), (re.compile(r"\bRatio\b"), "Ratio (bukan Rasio)"),
                 (re.compile(r"\bRasi Kekerasan"), "salah ketik Rasi Kekerasan"))


def eyd_problems(text: str) -> list[str]:
    """What a draft does against the EYD rules this project keeps: a sentence that opens with a
    numeral, a count one to nine in figures before a noun of :data:`COUNT_NOUNS`, a hyphen as minus
    sign (``-5,86%``), ``Rp`` with a space, the English ``Ratio``, the document's typo ``Rasi Kekerasan``."""
    text = str(text)
    problems = [f"kalimat diawali angka: {s[:80]!r}" for s in sentences(text) if re.match(r"^[\u2212-]?\d", s)]
    found = [("bilangan satu sampai sembilan ditulis dengan angka", m) for m in _DIGIT_COUNT.finditer(text)
             if not _NUMBER_LABEL.search(text[max(0, m.start() - 20):m.start()])]
    found += [(what, m) for pattern, what in _EYD_PATTERNS for m in pattern.finditer(text)]
    return problems + [f"{what}: {text[max(0, m.start() - 30):m.end() + 30]!r}" for what, m in found]
