"""The office's identity, read from ``<data_dir>/opd.yaml``.

Every title, heading, caption and narrative names the office through :func:`load_opd`; no
source file names it. Schema titles may contain ``{nama}``, ``{singkatan}``,
``{pemerintah_daerah}``, ``{wilayah}`` or ``{periode}``; :func:`fill` replaces them (see docs/new-office.md).
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.core.config import default_data_dir
from helpers.core.yamlfile import read_yaml

REQUIRED_KEYS = ("nama", "singkatan", "pemerintah_daerah", "periode")
OPTIONAL_KEYS = ("dokumen", "nama_pendek", "wilayah")
PLACEHOLDER = re.compile(r"\{(" + "|".join(REQUIRED_KEYS + OPTIONAL_KEYS + ("periode_teks",)) + r")\}")


class OpdError(ValueError):
    """``opd.yaml`` is missing or malformed; the message names the file, key and expectation."""


@dataclass(frozen=True)
class Opd:
    """The office: full name, short name, regional government and plan period."""

    nama: str               # the office's full name, as the document writes it
    singkatan: str          # its short name
    pemerintah_daerah: str  # the regional government, e.g. "Kabupaten …" or "Kota …"
    periode: tuple[int, int]
    dokumen: str = "Rencana Strategis (Renstra)"
    nama_pendek: str = ""   # how the text calls the office in a sentence; defaults to singkatan
    wilayah: str = ""       # the region's proper name without "Kabupaten"; defaults to pemerintah_daerah

    @property
    def periode_teks(self) -> str:
        """``2025–2029`` (en dash, no separators in years)."""
        return f"{self.periode[0]}–{self.periode[1]}"

    @property
    def plan_years(self) -> range:
        return range(self.periode[0], self.periode[1] + 1)

    @property
    def lengkap(self) -> str:
        """The full name followed by the regional government (``{nama} {pemerintah_daerah}``)."""
        return f"{self.nama} {self.pemerintah_daerah}"

    @property
    def judul_dokumen(self) -> str:
        """``Rencana Strategis (Renstra) Dinas … Kabupaten … 2025–2029``."""
        return f"{self.dokumen} {self.lengkap} {self.periode_teks}"

    def fill(self, text: str) -> str:
        """Replace ``{nama}``, ``{singkatan}``, ``{pemerintah_daerah}``, ``{periode}`` … in ``text``."""
        values = {"nama": self.nama, "singkatan": self.singkatan, "pemerintah_daerah": self.pemerintah_daerah,
                  "periode": self.periode_teks, "periode_teks": self.periode_teks, "dokumen": self.dokumen,
                  "nama_pendek": self.nama_pendek or self.singkatan,
                  "wilayah": self.wilayah or self.pemerintah_daerah}
        return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def _parse_periode(value, path: Path) -> tuple[int, int]:
    text = str(value).replace("–", "-").replace(" ", "")
    parts = text.split("-")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 4 for p in parts) or int(parts[0]) > int(parts[1]):
        raise OpdError(f"{path}, kunci 'periode': bukan periode rencana (nilai {value!r}); seharusnya dua tahun "
                       "seperti 2025-2029")
    return int(parts[0]), int(parts[1])


@functools.lru_cache(maxsize=16)
def _load(path: Path, mtime_ns: int) -> Opd:
    try:
        raw = read_yaml(path)
    except Exception as exc:  # yaml.YAMLError or a decoding error: both are the file's fault
        raise OpdError(f"{path}: bukan YAML yang sah ({exc}); seharusnya berisi kunci {', '.join(REQUIRED_KEYS)}") from None
    if not isinstance(raw, dict):
        raise OpdError(f"{path}: seharusnya pemetaan dengan kunci {', '.join(REQUIRED_KEYS)}")
    unknown = sorted(set(raw) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise OpdError(f"{path}: kunci tidak dikenal {unknown}; seharusnya hanya "
                       f"{', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)}")
    for key in REQUIRED_KEYS:
        if raw.get(key) in (None, ""):
            raise OpdError(f"{path}, kunci '{key}': tidak ada; seharusnya berisi kunci {', '.join(REQUIRED_KEYS)}")
    for key in ("nama", "singkatan", "pemerintah_daerah") + OPTIONAL_KEYS:
        if key in raw and not isinstance(raw[key], str):
            raise OpdError(f"{path}, kunci '{key}': bukan teks (nilai {raw[key]!r})")
    return Opd(nama=raw["nama"].strip(), singkatan=raw["singkatan"].strip(),
               pemerintah_daerah=raw["pemerintah_daerah"].strip(), periode=_parse_periode(raw["periode"], path),
               dokumen=str(raw.get("dokumen") or Opd.dokumen).strip(),
               nama_pendek=str(raw.get("nama_pendek") or "").strip(),
               wilayah=str(raw.get("wilayah") or "").strip())


def load_opd(data_dir: os.PathLike | str | None = None) -> Opd:
    """The office described by ``<data_dir>/opd.yaml`` (cached per file version)."""
    path = Path(data_dir or default_data_dir()).expanduser().resolve() / "opd.yaml"
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise OpdError(f"{path}: tidak ada; setiap direktori data memerlukan opd.yaml dengan kunci "
                       f"{', '.join(REQUIRED_KEYS)} (docs/new-office.md)") from None
    return _load(path, mtime)
