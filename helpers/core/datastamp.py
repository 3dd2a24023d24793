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


def content_hash(data_dir: Path) -> str:
    """Hash of every data file (names and bytes) and of the loader's code."""
    digest = hashlib.sha256()
    data_dir = Path(data_dir)
    files = sorted(p for p in data_dir.rglob("*") if p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(data_dir).parts))
    code = Path(__file__).resolve().parent
    for path in files + [code / name for name in CODE]:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def is_current(data_dir: Path, output_dir: Path) -> bool:
    """True when the data (and loader) are those that last validated into ``output_dir``."""
    stamp = Path(output_dir) / STAMP_NAME
    return stamp.is_file() and stamp.read_text(encoding="utf-8", errors="replace").strip() == content_hash(data_dir)


def record(data_dir: Path, output_dir: Path) -> None:
    """Write the stamp after a validation without error."""
    from helpers.core import files

    files.write_text(Path(output_dir) / STAMP_NAME, content_hash(data_dir) + "\n")
