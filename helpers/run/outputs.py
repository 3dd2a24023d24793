"""What the build owns in an output directory, and ``make clean``, which removes that and nothing else.

The runner records every file it publishes: each page's record ``.build/<tahun>/<stem>.json``
lists its products (``products``: path relative to ``<tahun>/`` with size, time and hash), the
year's documents are in ``.build/<tahun>/_dokumen.json``, and ``index.html`` in
``.build/index.json``. :func:`clean` deletes exactly those files (and the failure copies
``<tahun>/_gagal/<stem>.ipynb`` of recorded pages), then the folders left empty, then ``.build/``.
A file someone saved in the output directory (a filled template, notes, a Word file) is listed as
kept and never deleted::

    python -m helpers.run.outputs clean OUTPUT_DIR [DATA_DIR]     # make clean
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Iterable, Optional

from helpers.core.config import BUILD_STATE, PACKAGE_DIR, DirectoryError, default_data_dir, forbidden_output

STATE_DIR = BUILD_STATE  # the build's records; its presence says the build made the directory
FAILED_DIR = "_gagal"
INDEX_RECORD = "index.json"
DOCUMENTS_RECORD = "_dokumen"

#: The metadata key that ties a page's output to its item in the page model (every output a page
#: shows carries it, so the runner can show a revised narrative again without running the page).
ITEM_TAG = "renstra"


def item_tag(index: int) -> dict:
    """The output metadata of the page model's item ``index``."""
    return {ITEM_TAG: {"item": index}}


def model_path(output_dir: Path, stem: str) -> Path:
    """Where page ``stem`` writes its model in a year's output directory."""
    return Path(output_dir) / "model" / f"{stem}.json"


#: The code under ``helpers/`` that every page's output depends on (besides its own page module):
#: part of every page fingerprint, and of the key of every kept chart.
SHARED_CODE = ("core", "present", "run/notebook.py", "run/outputs.py", "run/index.py", "pages/__init__.py")


def visible_files(root: Path) -> list[Path]:
    """Every regular file below ``root``, sorted, ignoring hidden names and __pycache__."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        found.extend(Path(dirpath, f) for f in filenames if not f.startswith("."))
    return sorted(found)


def page_module_parts(module: str) -> tuple[str, ...]:
    """A page's own part of ``helpers/``, beside :data:`SHARED_CODE`: its page module
    (``pages/<module>.py`` or the package ``pages/<module>/``; none without a module)."""
    if not module:
        return ()
    return (f"pages/{module}",) if (PACKAGE_DIR / "pages" / module).is_dir() else (f"pages/{module}.py",)


def code_files(parts: Iterable[str]) -> list[Path]:
    """The Python files of ``helpers/<part>`` for each part (a folder or one file)."""
    found = []
    for part in parts:
        root = PACKAGE_DIR / part
        found += [root] if root.suffix == ".py" else [p for p in visible_files(root) if p.suffix == ".py"]
    return found


#: Legacy records (from before products were listed) own at least the page, notebook and model.
_LEGACY_PRODUCTS = ("{stem}.html", "{stem}.ipynb", "model/{stem}.json")


def _read(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _inside(root: Path, path: Path) -> bool:
    """``path`` lies inside ``root`` (a record naming ``../x`` or an absolute path owns nothing)."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def recorded_products(out: Path) -> list[Path]:
    """Every file the build recorded as its own under ``out`` (whether it still exists or not)."""
    out = Path(out)
    state = out / STATE_DIR
    owned: list[Path] = []
    if (state / INDEX_RECORD).is_file() or (out / "index.html").exists():
        owned.append(out / "index.html")
    for folder in sorted(p for p in state.iterdir() if p.is_dir() and p.name.isdigit()) if state.is_dir() else ():
        year = out / folder.name
        for record_path in sorted(folder.glob("*.json")):
            record = _read(record_path)
            stem = record_path.stem
            if stem == DOCUMENTS_RECORD:
                names = record.get("products") or []
            else:
                products = record.get("products")
                names = list(products) if isinstance(products, dict) else [n.format(stem=stem) for n in _LEGACY_PRODUCTS]
                names.append(f"{FAILED_DIR}/{stem}.ipynb")
            owned.extend(year / str(name) for name in names if _inside(year, year / str(name)))
    return owned


def _check_cleanable(output_dir: Optional[str], data_dir: Optional[str]) -> Path:
    if output_dir is None or not str(output_dir).strip():
        raise DirectoryError("OUTPUT_DIR kosong: tidak ada yang dihapus (contoh: make clean OUTPUT_DIR=outputs)")
    out = Path(str(output_dir)).expanduser().resolve()
    data = Path(str(data_dir or default_data_dir())).expanduser().resolve()
    reason = forbidden_output(out, data)
    if reason:
        raise DirectoryError(f"OUTPUT_DIR {out} {reason}; make clean menolak dan tidak menghapus apa pun")
    if out.exists() and not out.is_dir():
        raise DirectoryError(f"OUTPUT_DIR {out} bukan direktori; tidak ada yang dihapus")
    if out.is_dir() and any(out.iterdir()) and not (out / STATE_DIR).is_dir():
        raise DirectoryError(f"OUTPUT_DIR {out} tidak dibuat oleh build (tidak ada .build/); "
                             "tidak ada yang dihapus")
    return out


def _remove_empty_dirs(root: Path, keep: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir() and not p.is_symlink()),
                         key=lambda p: len(p.parts), reverse=True):
        if folder != keep:
            try:
                folder.rmdir()  # only when empty
            except OSError:
                pass


def clean(output_dir: Optional[str], data_dir: Optional[str] = None) -> tuple[list[Path], list[Path]]:
    """Remove what the build recorded under ``output_dir``; returns (removed, kept).

    Refuses (``DirectoryError``, nothing removed) an empty path, ``/``, ``$HOME``, the repository,
    the data directory or anything inside it, and a non-empty folder without ``.build/``.
    ``kept``: files in the output directory the build did not record (never deleted).
    """
    out = _check_cleanable(output_dir, data_dir)
    if not out.exists():
        return [], []
    removed = []
    for path in recorded_products(out):
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    state = out / STATE_DIR
    if state.is_dir():
        shutil.rmtree(state)
        removed.append(state)
    _remove_empty_dirs(out, out)
    kept = sorted(p for p in out.rglob("*") if p.is_file() or p.is_symlink())
    return removed, kept


def main(argv: Optional[Iterable[str]] = None) -> int:
    """``python -m helpers.run.outputs clean OUTPUT_DIR [DATA_DIR]`` (``make clean``)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) not in (2, 3) or args[0] != "clean":
        print("pemakaian: python -m helpers.run.outputs clean OUTPUT_DIR [DATA_DIR]", file=sys.stderr)
        return 2
    try:
        removed, kept = clean(args[1], args[2] if len(args) == 3 else None)
    except DirectoryError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    files_removed = [p for p in removed if not p.name == STATE_DIR]
    print(f"dihapus: {len(files_removed)} berkas hasil build dan catatan build ({STATE_DIR}/)" if removed
          else "tidak ada hasil build untuk dihapus")
    if kept:
        print(f"tidak dihapus ({len(kept)} berkas yang tidak dicatat sebagai hasil build):")
        for path in kept[:20]:
            print(f"  {path}")
        if len(kept) > 20:
            print(f"  … dan {len(kept) - 20} berkas lain")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
