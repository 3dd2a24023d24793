"""``python -m helpers.core.validate [DATA_DIR]`` (``make validate``): check a whole data directory.

The office's identity (opd.yaml), every table against its schema (every bad table reported,
each error naming file, row, column, value and expectation), the printed figures, the quoted
claims (klaim.yaml), which optional tables are absent, the imported realisation
(``realisasi/<tahun>.csv``) and the planners' narrative revisions (``narasi/<tahun>/*.md``).
Exit code 1 when anything is invalid.

``--stamp-dir OUTPUT_DIR`` (``make report``): the data/output pair is checked first (nothing is
written inside data, ``/`` or a missing folder, exit 2), the validation is skipped when the
content hash in ``OUTPUT_DIR/.build/data-valid.stamp`` still matches, and the stamp is written
only after a successful validation.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from helpers.core import datastamp
from helpers.core.config import default_data_dir
from helpers.core.datastamp import STAMP_NAME  # noqa: F401  (the validation stamp, re-exported)
from helpers.core.narasi import check_revisions
from helpers.core.opd import OpdError, load_opd

# The loader (pandas, pandera) is imported only where tables are validated: a build whose tables
# did not change checks its revisions without it (revalidate).


def check_realisasi(root) -> int:
    """Validate ``realisasi/<tahun>.csv`` (as the build reads it) and ``narasi/``; returns the failures."""
    from helpers.core.data import DataValidationError, resolve_data_dir
    from helpers.core.realisasi import load_realisasi

    data = resolve_data_dir(root)
    failures = 0
    folder = data / "realisasi"
    periode = load_opd(root).periode
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        if path.suffix != ".csv" or not path.stem.isdigit() or not periode[0] <= int(path.stem) <= periode[1]:
            failures += 1
            print(f"ERROR {path}: bukan berkas realisasi; seharusnya realisasi/<tahun>.csv untuk tahun rencana "
                  f"{periode[0]}-{periode[1]}, ditulis oleh make realisasi", file=sys.stderr)
            continue
        try:
            n = len(load_realisasi(int(path.stem), data))
        except DataValidationError as exc:
            failures += 1
            print(f"ERROR {exc}", file=sys.stderr)
            continue
        print(f"ok  realisasi/{path.name:<31} {n:>6} baris")
    return failures + check_revisions(data)


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m helpers.core.validate [--stamp-dir OUTPUT_DIR] [DATA_DIR]``: validate everything."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--stamp-dir"]:
        return _with_stamp(args[1] if len(args) > 1 else "", args[2] if len(args) > 2 else None)
    root = args[0] if args else None
    return _validate(root)


def _with_stamp(output_dir: str, root: Optional[str]) -> int:
    from helpers.core.config import DirectoryError, check_dirs

    try:
        if not output_dir.strip() or (root is not None and not root.strip()):
            raise DirectoryError("DATA_DIR dan OUTPUT_DIR tidak boleh kosong")
        data, out = check_dirs(root, output_dir)
        if out == Path(out.anchor):
            raise DirectoryError(f"folder keluaran {out} adalah direktori akar sistem berkas")
    except DirectoryError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    return revalidate(data, out)


def revalidate(data_dir: Path, output_dir: Path) -> int:
    """Validate what changed since the stamps of ``output_dir`` and stamp it; returns the exit code.
    Nothing changed: nothing to do. Only revisions changed: they alone are checked (no pandas).
    Anything else: the whole directory."""
    if datastamp.is_current(data_dir, output_dir):
        print("data tidak berubah sejak validasi terakhir")
        return 0
    if datastamp.tables_current(data_dir, output_dir):
        code = 1 if check_revisions(Path(data_dir)) else 0
        if code:
            print("berkas narasi tidak sah", file=sys.stderr)
    else:
        code = _validate(str(data_dir))
    if code == 0:
        datastamp.record(data_dir, output_dir)
    return code


def _validate(root) -> int:
    from helpers.core.claims import ClaimsError, load_claims
    from helpers.core.data import (DataValidationError, absent_tables, has_printed, load, load_printed, table_ids,
                                   validate_all)

    failures = 0
    try:
        ids = table_ids(root)
    except DataValidationError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 1
    try:
        opd = load_opd(root)
        print(f"ok  opd.yaml: {opd.lengkap}, periode {opd.periode_teks}")
    except OpdError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 1
    for table_id in ids:
        try:
            n = len(load(table_id, root))
            load_printed(table_id, root)
        except DataValidationError as exc:
            failures += 1
            if Path(exc.file).stem == table_id:
                print(f"ERROR {exc}", file=sys.stderr)
            else:  # the error is in a table this one references (foreign key)
                print(f"ERROR {table_id}: tidak diperiksa karena merujuk tabel yang tidak sah: {exc}", file=sys.stderr)
            continue
        if n == 0:  # a page needs rows: an office without this table has no CSV for it
            failures += 1
            print(f"ERROR {Path(root or default_data_dir()) / 'tables' / (table_id + '.csv')}: tabel hanya memiliki "
                  "header tanpa baris data; seharusnya berisi barisnya, atau hapus kedua berkas tabel yang tidak "
                  "dimiliki perangkat daerah (docs/new-office.md)", file=sys.stderr)
            continue
        print(f"ok  {table_id:<40} {n:>6} baris")
    try:
        validate_all(root) if not failures else None
    except DataValidationError as exc:
        failures += 1
        print(f"ERROR {exc}", file=sys.stderr)
    if failures:
        print(f"{failures} tabel tidak sah", file=sys.stderr)
        return 1
    print(f"{len(ids)} tabel sah")
    try:
        quoted = load_claims(root)
        print(f"ok  klaim.yaml: {len(quoted)} klaim dokumen" if quoted else
              "no klaim.yaml: no claims of the document to check")
    except ClaimsError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 1
    for table_id, pages in absent_tables(root).items():
        print(f"tidak ada (opsional) {table_id}: halaman {', '.join(pages)} menyatakan 'tidak tersedia dalam data'")
    if not has_printed(root):
        print("tidak ada folder printed/: halaman audit akan menyatakan bahwa angka cetak tidak diberikan")
    try:
        bad = check_realisasi(root)
    except (DataValidationError, OpdError) as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 1
    if bad:
        print(f"{bad} berkas realisasi/narasi tidak sah", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
