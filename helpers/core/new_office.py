"""Start the data directory of another office from the schemas: ``python -m helpers.core.new_office DIR``.

Writes, into a new (or empty) ``DIR``:

- ``opd.yaml``: the office's identity to fill in (nama, singkatan, pemerintah_daerah, wilayah,
  periode, dokumen), with Indonesian comments;
- ``units.yaml``: a copy of the unit vocabulary;
- ``tables/<id>.yaml``: every schema, verbatim (titles keep their ``{nama}`` … placeholders);
- ``tables/<id>.csv``: the header row of each table, no data rows.

Nothing is overwritten: a ``DIR`` that exists and is not empty is refused. ``printed/`` and
``realisasi/`` are not created (both are optional). See docs/new-office.md.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import sys
from pathlib import Path
from typing import Optional

from helpers.core.config import DEFAULT_DATA_DIR
from helpers.core.data import DataValidationError, read_yaml, table_ids

OPD_TEMPLATE = """\
# Identitas perangkat daerah (OPD) yang Renstra-nya disimpan di direktori data ini.
# Setiap judul, subjudul, keterangan tabel dan narasi mengambil nama OPD dari berkas ini;
# judul skema (tables/*.yaml) dan sel teks CSV boleh memakai {nama}, {singkatan},
# {pemerintah_daerah}, {wilayah} dan {periode}, yang diisi dari sini (docs/new-office.md).
# Isi setiap kunci, lalu periksa dengan: make validate DATA_DIR=<direktori ini>

# Nama lengkap perangkat daerah tanpa nama pemerintah daerahnya,
# mis. Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana
nama: ""

# Nama singkat yang dipakai di judul bagian, mis. Dinas Kesehatan P2KB
singkatan: ""

# Pemerintah daerah lengkap dengan jenisnya, mis. Kabupaten Contoh atau Kota Contoh
pemerintah_daerah: ""

# Nama wilayah saja, tanpa "Kabupaten"/"Kota" (dipakai mis. dalam visi "… untuk Contoh yang …");
# boleh dikosongkan: pemerintah_daerah yang dipakai
wilayah: ""

# Periode Renstra: tahun awal dan tahun akhir, mis. 2025-2029
periode: ""

# Nama dokumen di depan judul
dokumen: Rencana Strategis (Renstra)
"""


class NewOfficeError(ValueError):
    """The target directory cannot be used; the message says why and what to do."""


def _header(columns: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(columns)
    return out.getvalue()


def _columns(path: Path) -> list[str]:
    """The column names of a schema, read verbatim (titles are not filled: the source's opd.yaml is not needed)."""
    try:
        raw = read_yaml(path)
    except Exception as exc:  # yaml.YAMLError or a decoding error: the schema file's fault
        raise NewOfficeError(f"{path}: schema is not valid YAML ({exc}); nothing was written") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict) or not raw["columns"]:
        raise NewOfficeError(f"{path}: schema has no 'columns' mapping; nothing was written")
    return [str(name) for name in raw["columns"]]


def new_office(target: os.PathLike | str, schemas_from: os.PathLike | str | None = None) -> list[Path]:
    """Write an empty data directory for a new office into ``target``; return the files written.

    ``schemas_from`` is the data directory whose schemas and units are copied (default: the
    repository's ``data/``). Raises :class:`NewOfficeError` if ``target`` exists and is not empty.
    """
    source = Path(schemas_from or DEFAULT_DATA_DIR).expanduser().resolve()
    target = Path(target).expanduser()
    if target.exists() and not target.is_dir():
        raise NewOfficeError(f"{target} exists and is not a directory; choose a new directory name")
    if target.is_dir() and any(target.iterdir()):
        raise NewOfficeError(f"{target} already exists and is not empty; nothing was written. Choose a new "
                             "(or empty) directory: new_office never overwrites an office's data")
    if source.resolve() == target.resolve() or source in target.resolve().parents:
        raise NewOfficeError(f"{target} lies inside the source data directory {source}; choose a directory "
                             "outside it")
    ids = table_ids(source)
    if not ids:
        raise NewOfficeError(f"{source} holds no schemas (tables/*.yaml) to copy")
    columns = {table_id: _columns(source / "tables" / f"{table_id}.yaml") for table_id in ids}
    tables = target / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    written = [target / "opd.yaml", target / "units.yaml"]
    written[0].write_text(OPD_TEMPLATE, encoding="utf-8")
    shutil.copyfile(source / "units.yaml", written[1])
    for table_id, names in columns.items():
        yaml_path, csv_path = tables / f"{table_id}.yaml", tables / f"{table_id}.csv"
        shutil.copyfile(source / "tables" / f"{table_id}.yaml", yaml_path)
        csv_path.write_text(_header(names), encoding="utf-8")
        written += [yaml_path, csv_path]
    return written


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.core.new_office",
        description="Write an empty data directory for another office (opd.yaml to fill in, units.yaml, "
                    "every schema and a header-only CSV per table).")
    parser.add_argument("dir", help="the new data directory (must not exist, or be empty)")
    parser.add_argument("--schemas-from", default=None, metavar="DATA_DIR",
                        help=f"data directory whose schemas are copied (default: {DEFAULT_DATA_DIR})")
    args = parser.parse_args(argv)
    try:
        written = new_office(args.dir, args.schemas_from)
    except (NewOfficeError, DataValidationError) as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    n_tables = sum(1 for p in written if p.suffix == ".csv")
    print(f"wrote {args.dir}: opd.yaml, units.yaml and {n_tables} tables (schema + header-only CSV)")
    print(f"next: fill in {Path(args.dir) / 'opd.yaml'}, enter the rows of each tables/<id>.csv "
          f"(delete both files of a table you do not have), then: make validate DATA_DIR={args.dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
