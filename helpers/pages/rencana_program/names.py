"""Names of the rows of Tabel 4.1 as charts and running text use them.

Nothing here knows an office: short names of bidang urusan are built from their words (an
acronym for a long name, as the documents write ``PPKB`` or ``PUPR``), urusan names come from
the nomenclature by the code's first digit.
"""
from __future__ import annotations

import re

from helpers.core.text import SMALL_WORDS, short_label, title_case
from helpers.present import markdown_escape

#: Names of the urusan by the first digit of the code (Kepmendagri 050-5889 / UU 23/2014 Pasal 11-12).
#: Tabel 4.1 prints no urusan row: the name is read from the nomenclature, not from the document.
URUSAN_NAMES = {
    "1": "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    "2": "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
    "3": "Urusan Pemerintahan Pilihan",
}
#: A bidang urusan name with at least this many words (small words not counted) is shortened to
#: the initials of those words in charts and text.
ACRONYM_MIN_WORDS = 3

LEVEL_NAMES = {"bidang_urusan": "bidang urusan", "program": "program", "kegiatan": "kegiatan",
               "sub_kegiatan": "sub kegiatan"}


def bidang_name(uraian: str) -> str:
    """``URUSAN PEMERINTAHAN B IDANG SOSIAL`` → ``Sosial`` (the printed typo "B IDANG" tolerated)."""
    match = re.search(r"B\s?IDANG\s+(.*)$", str(uraian), flags=re.IGNORECASE)
    text = match.group(1) if match else str(uraian)
    return title_case(text.strip()) if text.isupper() else text.strip()


def acronym(name: str) -> str:
    """Initials of the words of a long name (small words and parentheses skipped); the name itself when short."""
    base = re.sub(r"\s*\([^)]*\)", " ", name)
    words = [w for w in re.split(r"[^\w]+", base) if w and w.lower() not in SMALL_WORDS]
    if len(words) < ACRONYM_MIN_WORDS:
        return name
    return "".join(w[0].upper() for w in words)


def bidang_short(uraian: str) -> str:
    """Short name of a bidang urusan for charts and text: one word kept, a long name as its acronym."""
    return acronym(bidang_name(uraian))


def urusan_name(kode: str) -> str:
    """Name of the urusan of a code by its first digit (nomenclature, not printed in Tabel 4.1)."""
    digit = str(kode).split(".")[0]
    return URUSAN_NAMES.get(digit, f"Urusan {digit}")


def program_short(uraian: str) -> str:
    """A program's name without "Program", title case, letters after "/" capitalised (``Kabupaten/Kota``)."""
    return re.sub(r"/(\w)", lambda m: "/" + m.group(1).upper(), short_label(uraian))


def program_label(kode: str, uraian: str) -> str:
    """``1.06.04 Rehabilitasi Sosial`` (charts)."""
    return f"{kode} {program_short(uraian)}"


def program_text(uraian: str) -> str:
    """A program's name in running text: ``Program Rehabilitasi Sosial`` (escaped for Markdown)."""
    return markdown_escape(f"Program {program_short(uraian)}")


def level_word(level: str) -> str:
    return LEVEL_NAMES.get(level, level)
