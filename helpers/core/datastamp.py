"""The validation stamp: the content hash of a data directory (and of the loader's code) that last
validated without error, kept in ``OUTPUT_DIR/.build/data-valid.stamp``.

This module imports nothing heavy, so that a build whose data did not change (the common case,
and every no-op ``make report``) checks the stamp without importing pandas or the loader.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from helpers.core.config import BUILD_STATE

STAMP_NAME = f"{BUILD_STATE}/data-valid.stamp"
#: The code (in helpers/core/) whose change invalidates the stamp.
CODE = ("data.py", "opd.py", "validate.py", "realisasi.py", "numbers.py", "narasi.py", "claims.py", "yamlfile.py",
        "datastamp.py")


#: The planners' narrative revisions: checked on their own (they are text, not tables), so a revision
#: does not revalidate every table, and results computed from the tables do not change with it.
NARASI = "narasi"
NARASI_STAMP_NAME = f"{BUILD_STATE}/narasi-valid.stamp"


def _files(data_dir: Path, narasi: bool) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(data_dir).parts)
                  and (p.relative_to(data_dir).parts[0] == NARASI) == narasi)


def _hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def content_hash(data_dir: Path) -> str:
    """Hash of every data file but the narrative revisions (names and bytes) and of the loader's code."""
    data_dir = Path(data_dir)
    code = Path(__file__).resolve().parent
    return _hash(_files(data_dir, narasi=False) + [code / name for name in CODE])


def narasi_hash(data_dir: Path) -> str:
    """Hash of the narrative revisions (``narasi/``) and of the code that reads them."""
    code = Path(__file__).resolve().parent
    return _hash(_files(Path(data_dir), narasi=True) + [code / "narasi.py", code / "datastamp.py"])


def _stamped(path: Path, value: str) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8", errors="replace").strip() == value


def tables_current(data_dir: Path, output_dir: Path) -> bool:
    """True when every data file but the revisions (and the loader) last validated into ``output_dir``."""
    return _stamped(Path(output_dir) / STAMP_NAME, content_hash(data_dir))


def is_current(data_dir: Path, output_dir: Path) -> bool:
    """True when the data, revisions included (and loader), are those that last validated into ``output_dir``."""
    return tables_current(data_dir, output_dir) and _stamped(Path(output_dir) / NARASI_STAMP_NAME,
                                                             narasi_hash(data_dir))


def record(data_dir: Path, output_dir: Path) -> None:
    """Write the stamps after a validation without error."""
    from helpers.core import files

    files.write_text(Path(output_dir) / STAMP_NAME, content_hash(data_dir) + "\n")
    files.write_text(Path(output_dir) / NARASI_STAMP_NAME, narasi_hash(data_dir) + "\n")
