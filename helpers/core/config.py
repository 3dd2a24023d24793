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
#: Environment variable naming a folder where the loader keeps validated tables between processes
#: (the runner sets it to ``<OUTPUT_DIR>/.build/cache``; see ``helpers.core.data``).
CACHE_DIR_ENV = "RENSTRA_CACHE_DIR"
#: The runner's cache folder inside an output directory's ``.build/``.
CACHE_DIR = "cache"


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
        what = "bukan direktori" if data.exists() else "tidak ada"
        raise DirectoryError(f"direktori data {data} {what}; seharusnya direktori data dengan tables/ "
                             "dan opd.yaml (docs/new-office.md)")
    if not (data / "tables").is_dir():
        raise DirectoryError(f"direktori data {data} tidak memiliki folder tables/; seharusnya direktori data "
                             "yang tersusun seperti docs/data-conventions.md")
    if out == data or data in out.parents:
        raise DirectoryError(f"folder keluaran {out} berada di dalam direktori data {data}; "
                             "hasil build tidak boleh ditulis ke dalam data")
    if out in data.parents:
        raise DirectoryError(f"direktori data {data} berada di dalam folder keluaran {out}; pisahkan keduanya")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise DirectoryError(f"folder keluaran {out} tidak dapat ditulis ({existing} bukan direktori yang dapat ditulis)")
    if create_output:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DirectoryError(f"folder keluaran {out} tidak dapat dibuat: {exc.strerror}") from None
    return data, out


#: The folder of the build's own records in an output directory: its presence says the build made
#: the directory (helpers/run/outputs.py).
BUILD_STATE = ".build"


def forbidden_output(out: Path, data: Path) -> str | None:
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


#: Files that only keep an empty folder in git (the repository ships ``outputs/.gitkeep``): an
#: output directory holding nothing else counts as empty.
PLACEHOLDERS = (".gitkeep",)


def check_output_owned(output_dir: os.PathLike | str) -> None:
    """Refuse an output directory that holds files the build did not make: it must be missing,
    empty (apart from :data:`PLACEHOLDERS`), or made by the build (it has ``.build/``). Raises
    :class:`DirectoryError`."""
    out = Path(output_dir).expanduser().resolve()
    if not out.is_dir() or (out / BUILD_STATE).is_dir():
        return
    entries = sorted(p.name for p in out.iterdir() if not (p.name in PLACEHOLDERS and p.is_file()))
    if entries:
        shown = ", ".join(entries[:5]) + (f" dan {len(entries) - 5} lainnya" if len(entries) > 5 else "")
        raise DirectoryError(f"folder keluaran {out} berisi berkas yang tidak dibuat oleh build ({shown}) dan "
                             f"tidak memiliki {BUILD_STATE}/; pilih folder kosong, folder baru, atau folder "
                             "keluaran build sebelumnya (build tidak menimpa berkas orang lain)")


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.core.config check-dirs DATA OUT`` (used by the Makefile before anything
    is written)."""
    import sys

    args = sys.argv[1:] if argv is None else list(argv)
    try:
        if len(args) == 3 and args[0] == "check-dirs":
            if not args[1].strip() or not args[2].strip():
                raise DirectoryError("DATA_DIR dan OUTPUT_DIR tidak boleh kosong")
            out = Path(args[2]).expanduser().resolve()
            if out == Path(out.anchor):
                raise DirectoryError(f"folder keluaran {out} adalah direktori akar sistem berkas; pilih folder "
                                     "untuk hasil build")
            check_dirs(args[1], args[2])
            check_output_owned(args[2])
            return 0
    except DirectoryError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    print("pemakaian: python -m helpers.core.config check-dirs DATA_DIR OUTPUT_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
