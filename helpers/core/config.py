"""Where things are: the repository's default paths and the one check of a data/output pair.

Every module that needs a default path imports it from here; nothing else computes a path
from ``__file__``. Another office's data is chosen with ``$RENSTRA_DATA_DIR`` or the
``data_dir`` / ``--data-dir`` parameters.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_OUTPUT_DIR = REPO_ROOT / "outputs"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
PAGES_FILE = NOTEBOOKS_DIR / "pages.yaml"
PACKAGE_DIR = REPO_ROOT / "helpers"

#: Environment variable that points every loader call at another office's data directory.
DATA_DIR_ENV = "RENSTRA_DATA_DIR"


class DirectoryError(ValueError):
    """A data or output directory that cannot be used; the message says which and why."""


def default_data_dir() -> Path:
    """``$RENSTRA_DATA_DIR`` when set, else the repository's ``data/``."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def check_dirs(data_dir: os.PathLike | str | None, output_dir: os.PathLike | str | None,
               *, create_output: bool = False) -> tuple[Path, Path]:
    """Resolve and check a data directory and an output directory; return both resolved.

    The data directory must exist and hold ``tables/``. The output directory must be writable
    (or creatable), and neither may contain the other: the build never writes into data.
    ``None`` or ``""`` mean the defaults (:func:`default_data_dir`, ``outputs/``).
    """
    data = Path(str(data_dir or default_data_dir())).expanduser().resolve()
    out = Path(str(output_dir or DEFAULT_OUTPUT_DIR)).expanduser().resolve()
    if not data.is_dir():
        what = "is not a directory" if data.exists() else "does not exist"
        raise DirectoryError(f"data directory {data} {what}; expected a data directory with tables/ "
                             "and opd.yaml (docs/new-office.md)")
    if not (data / "tables").is_dir():
        raise DirectoryError(f"data directory {data} has no tables/ folder; expected a data directory "
                             "laid out as in docs/data-conventions.md")
    if out == data or data in out.parents:
        raise DirectoryError(f"output directory {out} is inside the data directory {data}; "
                             "outputs must never be written into data")
    if out in data.parents:
        raise DirectoryError(f"data directory {data} is inside the output directory {out}; keep them separate")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise DirectoryError(f"output directory {out} is not writable ({existing} is not a writable directory)")
    if create_output:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DirectoryError(f"output directory {out} cannot be created: {exc.strerror}") from None
    return data, out
