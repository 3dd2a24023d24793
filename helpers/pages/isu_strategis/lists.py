"""Sections 2.5 and 2.6 of page 02-4-isu-strategis: the PSKS list, the problem statements and
Tabel 2.6.1 (problems and strategic issues), as printed; and the texts under their headings that
name the office."""
from __future__ import annotations

import re
from typing import Optional

import pandas as pd

from helpers.core.data import has_table, load_present, read_schema
from helpers.core.opd import Opd, load_opd
from helpers.core.text import is_na, join_list
from helpers.present import Column, Notice, Table, unavailable

PSKS_TYPES = "2_5_jenis_psks"
PROBLEMS = "2_6_permasalahan"
ISSUES = "2_6_1_isu_strategis"

#: Headers of Tabel 2.6.1 when its schema does not quote the printed ones (see :func:`issue_headers`).
ISSUE_COLUMNS = ("potensi", "permasalahan", "isu_klhs", "isu_global", "isu_nasional", "isu_regional",
                 "isu_strategis")
DEFAULT_ISSUE_HEADERS = {
    "potensi": ("Potensi Daerah Yang Menjadi Kewenangan PD",),
    "permasalahan": ("Permasalahan PD",),
    "isu_klhs": ("Isu KLHS Yang Relevan Dengan PD",),
    "isu_global": ("Isu Lingkungan Dinamis Yang Relevan Dengan PD", "Global"),
    "isu_nasional": ("Isu Lingkungan Dinamis Yang Relevan Dengan PD", "Nasional"),
    "isu_regional": ("Isu Lingkungan Dinamis Yang Relevan Dengan PD", "Regional"),
    "isu_strategis": ("Isu Strategis Perangkat Daerah",),
}
#: How a schema column description quotes the printed header: ``Column 'A' - 'B', as printed``.
QUOTED_HEADER = re.compile(r"^Column '([^']+)'(?:\s*-\s*'([^']+)')?")


def _text(value) -> str:
    return "" if is_na(value) else str(value)


# --------------------------------------------------------------------------------------------
# Section 2.5: PSKS types; 2.6: problems and Tabel 2.6.1
# --------------------------------------------------------------------------------------------

#: A regency or city named in a text (the office's own is left out by :func:`other_regions`).
REGION = re.compile(r"\b(Kabupaten|Kota)\s+([A-Z][\w-]*)")


def other_regions(text: str, opd: Opd) -> list[str]:
    """Regencies/cities named in ``text`` other than the office's own (``Kabupaten Mojokerto``)."""
    own = " ".join(opd.pemerintah_daerah.split())
    found = []
    for match in REGION.finditer(text):
        name = f"{match.group(1)} {match.group(2)}"
        if not own.startswith(name) and name not in found:
            found.append(name)
    return found


def psks_notes(data_dir=None) -> list[str]:
    """Observations on the PSKS list, read from the data: items without text, other regencies named."""
    df = load_present(PSKS_TYPES, data_dir)
    opd = load_opd(data_dir)
    notes = []
    empty = df[df["definisi"].isna()]
    if not empty.empty:
        items = [f"butir {int(r.no)} ({r.nama})" for r in empty.itertuples()]
        notes.append(f"Tercetak tanpa uraian: {join_list(items)}; ditampilkan \u201c-\u201d.")
    for r in df.itertuples():
        for region in other_regions(_text(r.definisi), opd):
            notes.append(f"Uraian butir {int(r.no)} ({r.nama}) menyebut \u201c{region}\u201d, bukan "
                         f"{opd.pemerintah_daerah} (tercetak demikian; kemungkinan salin dari dokumen lain).")
    if df["kriteria"].isna().all():
        notes.append("Bagian 2.5 tidak memuat kriteria, sehingga kolom kriteria tidak ditampilkan.")
    return notes


def psks_intro(opd: Opd) -> str:
    """Markdown under the 2.5 heading (names the office)."""
    return (f"Daftar bernomor PSKS yang dibina {opd.nama_pendek or opd.singkatan} sebagai mitra strategis, "
            "sebagaimana tercetak.")


def psks_table(data_dir=None) -> Table | Notice:
    """Section 2.5: the PSKS types with their description."""
    if not has_table(PSKS_TYPES, data_dir):
        return unavailable("Daftar PSKS (Bagian 2.5)")
    df = load_present(PSKS_TYPES, data_dir)
    out = pd.DataFrame({"no": pd.array(df["no"], dtype="Int64"), "nama": df["nama"].astype(str),
                        "uraian": df["definisi"].astype(object)})
    columns = [Column("no", "No", role="integer"), Column("nama", "Potensi dan Sumber Kesejahteraan Sosial"),
               Column("uraian", "Uraian", wide=True)]
    return Table(out, columns, caption=f"Potensi dan Sumber Kesejahteraan Sosial (PSKS): {len(out)} butir",
                 name="2-5-jenis-psks", notes=psks_notes(data_dir))


def permasalahan_intro(opd: Opd) -> str:
    """Markdown under the 2.6.1 heading (names the office)."""
    return f"Permasalahan utama yang dihadapi {opd.lengkap}."


def permasalahan_table(data_dir=None) -> Table | Notice:
    """Section 2.6.1: the numbered problem statements."""
    if not has_table(PROBLEMS, data_dir):
        return unavailable("Daftar permasalahan (Bagian 2.6.1)")
    df = load_present(PROBLEMS, data_dir)
    out = pd.DataFrame({"no": pd.array(df["no"], dtype="Int64"), "permasalahan": df["permasalahan"].astype(str)})
    return Table(out, [Column("no", "No", role="integer"), Column("permasalahan", "Permasalahan", wide=True)],
                 caption=read_schema(PROBLEMS, data_dir).caption, name="2-6-1-permasalahan",
                 notes=["Daftar bernomor sebagaimana tercetak; dokumen tidak mengelompokkannya menurut bidang."])


def issue_headers(data_dir=None) -> dict[str, tuple[str, ...]]:
    """The printed header path of every Tabel 2.6.1 column.

    The schema's column descriptions quote the printed headers (``Column 'A' - 'B', as printed``;
    ``'...'`` repeats the group above); a column without a quote gets :data:`DEFAULT_ISSUE_HEADERS`.
    """
    schema = read_schema(ISSUES, data_dir)
    headers: dict[str, tuple[str, ...]] = {}
    previous: tuple[str, ...] = ()
    for column in ISSUE_COLUMNS:
        try:
            description = schema.column(column).description
        except KeyError:
            description = ""
        found = QUOTED_HEADER.match(description.strip())
        if not found:
            headers[column] = DEFAULT_ISSUE_HEADERS[column]
        else:
            top = found.group(1)
            if top.endswith(("...", "\u2026")) and previous:  # "Isu Lingkungan Dinamis ..." = the group above
                top = previous[0]
            headers[column] = (top, found.group(2)) if found.group(2) else (top,)
        previous = headers[column]
    return headers


def isu_heading(data_dir=None) -> Optional[str]:
    """Markdown heading of Tabel 2.6.1 (its caption names the office) and how to read the wide table."""
    if not has_table(ISSUES, data_dir):
        return None
    return (f"## {read_schema(ISSUES, data_dir).caption}\n\n"
            "Semua kolom seperti di dokumen (Bagian 2.6.2). Tabel lebar: geser ke kanan untuk melihat semua kolom.")


def isu_table(data_dir=None) -> Table | Notice:
    """Tabel 2.6.1 with all its columns and the document's two-row header (no ``No`` column is printed)."""
    if not has_table(ISSUES, data_dir):
        return unavailable("Tabel 2.6.1 (permasalahan dan isu strategis)")
    df = load_present(ISSUES, data_dir).sort_values("no").reset_index(drop=True)
    headers = issue_headers(data_dir)
    out = pd.DataFrame({column: df[column].astype(object) for column in ISSUE_COLUMNS})
    columns = [Column(column, headers[column], wide=True) for column in ISSUE_COLUMNS]
    return Table(out, columns, caption=read_schema(ISSUES, data_dir).caption, name="tabel-2-6-1-isu-strategis")
