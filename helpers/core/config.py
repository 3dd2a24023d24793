"""Where things are: the repository's default paths and the one check of a data/output pair.

Every module that needs a default path imports it from here; nothing else computes a path
from ``__file__``. Another office's data is chosen with ``$RENSTRA_DATA_DIR`` or the
``data_dir`` / ``--data-dir`` parameters.
"""
from __future__ import annotations

import os
import re
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


#: What ``make clean`` removes inside an output directory: the per-year folders, the index and
#: the runner's records (``.build/``). Nothing else is ever touched.
BUILD_PRODUCTS = ("index.html", ".build")
_YEAR_DIR = re.compile(r"^\d{4}$")


def _forbidden_output(out: Path, data: Path) -> str | None:
    """Why ``out`` must never be cleaned, or None."""
    home = Path(os.path.expanduser("~")).resolve()
    if out == Path(out.anchor):
        return "adalah direktori akar sistem berkas"
    if out == home or out in home.parents:
        return f"adalah (atau memuat) direktori rumah {home}"
    if out == REPO_ROOT or out in REPO_ROOT.parents:
        return f"adalah (atau memuat) repositori {REPO_ROOT}"
    for d in {data, DEFAULT_DATA_DIR.resolve()}:
        if out == d or d in out.parents:
            return f"berada di dalam direktori data {d}"
        if out in d.parents:
            return f"memuat direktori data {d}"
    if (out / "tables").is_dir() or (out / "opd.yaml").exists():
        return "tampak seperti direktori data (memuat tables/ atau opd.yaml)"
    return None


def clean_outputs(output_dir: str | None, data_dir: str | None = None) -> list[Path]:
    """Remove what a build made under ``output_dir``; refuse any directory that is not an output.

    Removed: ``<tahun>/`` folders (four digits), ``index.html`` and ``.build/``, and only when
    ``.build/`` shows that the build made this directory. Raises :class:`DirectoryError`.
    """
    import shutil

    if output_dir is None or not str(output_dir).strip():
        raise DirectoryError("OUTPUT_DIR kosong: tidak ada yang dihapus (contoh: make clean OUTPUT_DIR=outputs)")
    out = Path(str(output_dir)).expanduser().resolve()
    data = Path(str(data_dir or default_data_dir())).expanduser().resolve()
    reason = _forbidden_output(out, data)
    if reason:
        raise DirectoryError(f"OUTPUT_DIR {out} {reason}; make clean menolak dan tidak menghapus apa pun")
    if not out.exists():
        return []
    if not out.is_dir():
        raise DirectoryError(f"OUTPUT_DIR {out} bukan direktori; tidak ada yang dihapus")
    years = [p for p in out.iterdir() if _YEAR_DIR.match(p.name) and (p.is_dir() or p.is_symlink())]
    products = [out / name for name in BUILD_PRODUCTS if (out / name).exists() or (out / name).is_symlink()]
    if (years or products) and not (out / ".build").is_dir():
        raise DirectoryError(f"OUTPUT_DIR {out} tidak dibuat oleh build (tidak ada .build/); "
                             "tidak ada yang dihapus")
    removed = []
    for path in sorted(years) + products:
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path)
        removed.append(path)
    return removed


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.core.config check-dirs DATA OUT`` | ``clean OUT [DATA]`` (used by the Makefile)."""
    import sys

    args = sys.argv[1:] if argv is None else list(argv)
    try:
        if len(args) == 3 and args[0] == "check-dirs":
            if not args[1].strip() or not args[2].strip():
                raise DirectoryError("DATA_DIR dan OUTPUT_DIR tidak boleh kosong")
            out = Path(args[2]).expanduser().resolve()
            if out == Path(out.anchor):
                raise DirectoryError(f"output directory {out} is the file system root; choose a folder "
                                     "for the outputs")
            check_dirs(args[1], args[2])
            return 0
        if len(args) in (2, 3) and args[0] == "clean":
            removed = clean_outputs(args[1], args[2] if len(args) == 3 else None)
            for path in removed:
                print(f"dihapus: {path}")
            if not removed:
                print("tidak ada hasil build untuk dihapus")
            return 0
    except DirectoryError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    print("usage: python -m helpers.core.config check-dirs DATA_DIR OUTPUT_DIR | clean OUTPUT_DIR [DATA_DIR]",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
