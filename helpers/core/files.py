"""Atomic file writes: a reader sees the previous file or the new one, never half of one.

Every output of the project goes through here: the content is written to a temporary file
in the same directory, flushed to disk, then renamed over the target with ``os.replace``
(atomic on POSIX and Windows). An interrupted write leaves a ``.tmp-*`` file that the next
build removes (:func:`clean_temp_files`).
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

TEMP_PREFIX = ".tmp-"
_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(target: os.PathLike | str) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target`` atomically.

    Usage: ``with atomic_path(out) as tmp: fig.savefig(tmp)``. On an exception the temporary
    file is removed and ``target`` is left untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; published files get the usual mode
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_bytes(target: os.PathLike | str, data: bytes) -> Path:
    """Atomically write ``data`` to ``target``."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text(target: os.PathLike | str, text: str, encoding: str = "utf-8") -> Path:
    """Atomically write ``text`` to ``target``."""
    return write_bytes(target, text.encode(encoding))


def clean_temp_files(directory: os.PathLike | str) -> int:
    """Remove temporary files left by interrupted writes below ``directory``; returns how many."""
    removed = 0
    root = Path(directory)
    if not root.is_dir():
        return 0
    for path in root.rglob(f"{TEMP_PREFIX}*"):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed
