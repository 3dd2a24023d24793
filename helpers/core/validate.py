"""``python -m helpers.core.validate [DATA_DIR]`` (``make validate``): check a whole data directory.

The office's identity (opd.yaml), every table against its schema (every bad table reported,
each error naming file, row, column, value and expectation), the printed figures, the quoted
claims (klaim.yaml), and which optional tables are absent. Exit code 1 when anything is invalid.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from helpers.core.claims import ClaimsError, load_claims
from helpers.core.data import (DataValidationError, absent_tables, has_printed, load, load_printed, table_ids,
                               validate_all)
from helpers.core.opd import OpdError, load_opd


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m helpers.core.validate [DATA_DIR]``: validate every table and print row counts."""
    args = sys.argv[1:] if argv is None else argv
    root = args[0] if args else None
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
                print(f"ERROR {table_id}: not checked, it references an invalid table: {exc}", file=sys.stderr)
            continue
        print(f"ok  {table_id:<40} {n:>6} rows")
    try:
        validate_all(root) if not failures else None
    except DataValidationError as exc:
        failures += 1
        print(f"ERROR {exc}", file=sys.stderr)
    if failures:
        print(f"{failures} table(s) invalid", file=sys.stderr)
        return 1
    print(f"{len(ids)} tables valid")
    try:
        quoted = load_claims(root)
        print(f"ok  klaim.yaml: {len(quoted)} claims of the document" if quoted else
              "no klaim.yaml: no claims of the document to check")
    except ClaimsError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 1
    for table_id, pages in absent_tables(root).items():
        print(f"absent (optional) {table_id}: pages {', '.join(pages)} say 'tidak tersedia dalam data'")
    if not has_printed(root):
        print("no printed/ folder: the audit page will say that no printed figures were given")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
