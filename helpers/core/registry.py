"""The page registry, ``notebooks/pages.yaml``: each page's notebook, page module, years and products.

One declaration read by everyone: the runner (what to run for which years, what to
fingerprint), :func:`helpers.run.notebook.setup` (which years a page accepts, which products it
may write), the index and the tests. See the comments at the top of ``pages.yaml``.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from helpers.core.config import PAGES_FILE

PRODUCT_KINDS = ("tables", "figures", "narasi")


class RegistryError(ValueError):
    """``pages.yaml`` is malformed; the message names the file, the page and what was expected."""


@dataclass(frozen=True)
class PageSpec:
    """One entry of ``pages.yaml``."""

    notebook: str
    module: str
    title: str
    bab: str
    years: tuple[int, int]
    depends_on: tuple[str, ...]  # data table ids, or ("all",)
    products: dict = field(default_factory=dict, compare=False, hash=False)  # kind -> name patterns
    window: str = "tahun"  # which reporting years share one page: see WINDOWS and reporting_window()
    realisasi: str = "tahun"  # which realisation years a ``window: tahun`` page reads: see REALISASI

    @property
    def stem(self) -> str:
        return Path(self.notebook).stem

    def applies_to(self, tahun: int) -> bool:
        return self.years[0] <= tahun <= self.years[1]

    def declares(self, kind: str, name: str) -> bool:
        """True when ``name`` (e.g. a table's file stem) matches one of the page's ``kind`` products."""
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in self.products.get(kind, ()))


#: How a page's content depends on the reporting year ``tahun`` (``window:`` in pages.yaml):
#:
#: * ``tahun``: on the year itself (the evaluation, the plan pages that highlight the year);
#: * ``history``: on the data before the year only (Bab II): every reporting year whose last
#:   year of data is the same shows the same page, built once (for a year of the plan, the last
#:   year of data is the latest imported realisation before it, else the year before the plan);
#: * ``none``: not at all (the audit compares the document with itself): built once.
WINDOWS = ("tahun", "history", "none")

#: Which imported realisation years a ``window: tahun`` page reads (``realisasi:`` in pages.yaml):
#: ``tahun``, those up to and including the year (the evaluation); ``before``, those before it only
#: (the plan pages show the progress of the years before ``tahun``; its own realisation is
#: evaluated on the evaluation page). A ``history`` page reads those before its last year of data,
#: a ``none`` page none. The runner fails a page that loads a year outside this.
REALISASI = ("tahun", "before")


def reporting_window(spec: "PageSpec", tahun: int, periode_start: int, realisasi_years=()) -> list[int]:
    """The reporting years that share the page ``spec`` shows for ``tahun``, in order; the page
    is built once, for the first of them, and the others link to it."""
    years = list(range(spec.years[0], spec.years[1] + 1))
    if spec.window == "none":  # built for the plan's first year (or the page's first), linked from the others
        home = periode_start if spec.applies_to(periode_start) else years[0]
        return [home] + [y for y in years if y != home]
    if spec.window != "history":
        return [tahun]
    realised = sorted(int(y) for y in realisasi_years)

    def last_data(t: int) -> Optional[int]:  # a year before the plan shows data up to t - 1: its own page
        return None if t < periode_start else max([periode_start - 1] + [y for y in realised if y < t])

    key = last_data(tahun)
    return [tahun] if key is None else [t for t in years if last_data(t) == key]


def last_realisasi_year(spec: "PageSpec", tahun: int, periode_start: int, realisasi_years=()) -> Optional[int]:
    """The last realisation year the page ``spec`` for ``tahun`` may read (None: it reads none)."""
    if spec.window == "none":
        return None
    if spec.window == "history":
        return last_data_year(spec, tahun, periode_start, realisasi_years)
    return tahun - 1 if spec.realisasi == "before" else tahun


def realisasi_years(data_dir: Path) -> list[int]:
    """The years whose realisation has been imported (``data/realisasi/<tahun>.csv``)."""
    folder = Path(data_dir) / "realisasi"
    return sorted(int(p.stem) for p in folder.glob("*.csv") if p.stem.isdigit()) if folder.is_dir() else []


def last_data_year(spec: "PageSpec", tahun: int, periode_start: int, realisasi_years=()) -> Optional[int]:
    """The last year of data a ``history`` page for ``tahun`` shows (None for other windows)."""
    if spec.window != "history":
        return None
    if tahun < periode_start:
        return tahun - 1
    return max([periode_start - 1] + [int(y) for y in realisasi_years if int(y) < tahun])


def parse_years(text: str) -> list[int]:
    """``"2025-2029"``, ``"2025,2027"`` or a mix (``"2019-2021,2025"``) -> sorted unique years."""
    years: set[int] = set()
    bad = RegistryError(f"invalid years {text!r}: expected a range such as 2025-2029 or a list such as 2025,2027")
    parts = [p.strip() for p in str(text).split(",")]
    if not parts or not all(parts):
        raise bad
    for part in parts:
        bounds = [b.strip() for b in part.split("-")]
        if len(bounds) > 2 or not all(b.isdigit() and len(b) == 4 for b in bounds):
            raise bad
        low, high = int(bounds[0]), int(bounds[-1])
        if low > high:
            raise RegistryError(f"invalid years {text!r}: range {part} runs backwards")
        if low < 1900 or high > 2100:
            raise RegistryError(f"invalid years {text!r}: years must lie between 1900 and 2100")
        years.update(range(low, high + 1))
    return sorted(years)


def load_registry(path: Optional[Path] = None) -> tuple[list[PageSpec], tuple[str, ...]]:
    """``pages.yaml`` -> (pages, preload); ``preload`` lists modules every kernel imports at start."""
    import yaml

    path = Path(path or PAGES_FILE)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise RegistryError(f"cannot read pages file {path}: {exc.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RegistryError(f"pages file {path} is not valid YAML: {exc}") from None
    entries = raw.get("pages") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise RegistryError(f"pages file {path} must contain a non-empty list under 'pages:'")
    pages: list[PageSpec] = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}, page {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("notebook"), str):
            raise RegistryError(f"{where}: each page needs 'notebook: <name>.ipynb'")
        notebook = entry["notebook"]
        if not notebook.endswith(".ipynb") or "/" in notebook or "\\" in notebook:
            raise RegistryError(f"{where}: notebook {notebook!r} must be a file name ending in .ipynb")
        try:
            span = parse_years(str(entry.get("years", "")).replace(" ", ""))
        except RegistryError as exc:
            raise RegistryError(f"{where} ({notebook}): {exc}") from None
        deps = entry.get("depends_on", ["all"])
        deps = [deps] if isinstance(deps, str) else deps
        if not isinstance(deps, list) or not deps or not all(isinstance(d, str) and d for d in deps):
            raise RegistryError(f"{where} ({notebook}): depends_on must be a list of table ids or [all]")
        module = entry.get("module") or ""
        if module and not (isinstance(module, str) and module.isidentifier()):
            raise RegistryError(f"{where} ({notebook}): module {module!r} must be a module name of helpers/pages/")
        products = entry.get("products") or {}
        if not isinstance(products, dict) or set(products) - set(PRODUCT_KINDS) or not all(
                isinstance(v, list) and all(isinstance(p, str) and p for p in v) for v in products.values()):
            raise RegistryError(f"{where} ({notebook}): products must map {', '.join(PRODUCT_KINDS)} to lists "
                                "of file names without extension (wildcards * allowed)")
        window = str(entry.get("window") or "tahun")
        if window not in WINDOWS:
            raise RegistryError(f"{where} ({notebook}): window {window!r}; expected one of {', '.join(WINDOWS)}")
        realisasi = str(entry.get("realisasi") or "tahun")
        if realisasi not in REALISASI:
            raise RegistryError(f"{where} ({notebook}): realisasi {realisasi!r}; expected one of {', '.join(REALISASI)}")
        if "realisasi" in entry and window != "tahun":
            raise RegistryError(f"{where} ({notebook}): realisasi applies to window: tahun only (a {window} page "
                                "reads the realisation its window gives)")
        pages.append(PageSpec(notebook=notebook, module=module, title=str(entry.get("title") or Path(notebook).stem),
                              bab=str(entry.get("bab") or ""), years=(span[0], span[-1]),
                              depends_on=("all",) if "all" in deps else tuple(deps),
                              products={k: tuple(v) for k, v in products.items()}, window=window,
                              realisasi=realisasi))
    stems = [p.stem for p in pages]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        raise RegistryError(f"pages file {path} lists a notebook twice: {', '.join(duplicates)}")
    preload = raw.get("preload") or []
    if not isinstance(preload, list) or not all(isinstance(m, str) and m.replace(".", "_").isidentifier()
                                                for m in preload):
        raise RegistryError(f"pages file {path}: preload must be a list of module names")
    return pages, tuple(preload)


@dataclass(frozen=True)
class Chapter:
    """A part of the appendix (``chapters:`` of ``pages.yaml``): ``Bab II`` and its title."""

    bab: str
    judul: str
    nomor: str  # numbers its figures: Gambar 2.1, Gambar A.1

    @property
    def heading(self) -> str:
        return f"{self.bab} {self.judul}" if self.bab.lower().startswith("bab") else self.judul

    def holds(self, page: PageSpec) -> bool:
        """True when ``page.bab`` starts with this chapter's words (``Bab II 2.3`` is in ``Bab II``)."""
        words = self.bab.lower().split()
        return page.bab.lower().split()[:len(words)] == words


def load_chapters(path: Optional[Path] = None) -> list[Chapter]:
    """The appendix parts of ``pages.yaml``, in order (a page outside every part is placed last)."""
    import yaml

    path = Path(path or PAGES_FILE)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RegistryError(f"cannot read pages file {path}: {exc}") from None
    entries = (raw or {}).get("chapters") or [] if isinstance(raw, dict) else []
    chapters = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), (str, int)) and str(entry.get(k)).strip()
                                                  for k in ("bab", "judul", "nomor")):
            raise RegistryError(f"{path}, chapter {number}: each chapter needs bab, judul and nomor")
        chapters.append(Chapter(str(entry["bab"]).strip(), str(entry["judul"]).strip(), str(entry["nomor"]).strip()))
    return chapters


def in_document_order(pages: list[PageSpec], chapters: list[Chapter]) -> list[tuple[Optional[Chapter], PageSpec]]:
    """Pages grouped by chapter in the chapters' order (registry order within one), the rest last."""
    placed = []
    for rank, chapter in enumerate(chapters):
        placed += [(rank, k, chapter, page) for k, page in enumerate(pages) if chapter.holds(page)
                   and not any(c.holds(page) for c in chapters[:rank])]
    taken = {id(item[3]) for item in placed}
    placed += [(len(chapters), k, None, page) for k, page in enumerate(pages) if id(page) not in taken]
    return [(chapter, page) for _, _, chapter, page in sorted(placed, key=lambda item: (item[0], item[1]))]


def page_spec(stem: str, path: Optional[Path] = None) -> PageSpec:
    """The registry entry of the notebook ``stem`` (e.g. ``02-3-2-anggaran``)."""
    pages, _ = load_registry(path)
    for page in pages:
        if page.stem == stem or page.notebook == stem:
            return page
    raise RegistryError(f"page {stem!r} is not registered in {path or PAGES_FILE}; expected one of "
                        f"{', '.join(p.stem for p in pages)}")
