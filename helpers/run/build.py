"""Annual batch runner: execute every page notebook for every year, publish HTML, write an index.

``python -m helpers.run.build --years 2025-2029`` executes each notebook of ``notebooks/pages.yaml``
for each year with papermill (parameters ``tahun``, ``data_dir``, ``output_dir``) into
``OUTPUT_DIR/<tahun>/<stem>.ipynb``, converts it to HTML without code cells
(``OUTPUT_DIR/<tahun>/<stem>.html``) and writes ``OUTPUT_DIR/index.html``.

* Pages run in parallel in worker processes (one page per task, fresh kernel per page; a
  worker starts its next kernel while the current page runs). Any ``concurrent.futures``
  executor can be injected (``build(executor=...)``).
* Incremental: a page is rebuilt only when its fingerprint (notebook, dependency data files,
  ``helpers/*.py``, parameters, tool versions) changed, its outputs are missing or it failed
  last time. Up-to-date pages never import papermill nor start a kernel.
* Failures keep papermill's executed notebook as ``OUTPUT_DIR/<tahun>/_gagal/<stem>.ipynb``;
  the previous good HTML is left in place; exit code 1.
* Every output is written to a temporary file and renamed (``os.replace``); a lock
  (``OUTPUT_DIR/.build/lock``) refuses a second concurrent build (exit code 3).

See docs/build.md. Exit codes: 0 ok, 1 a page failed, 2 bad arguments, 3 locked, 130 interrupted.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as _dt
import hashlib
import json
import os
import shutil
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Optional, Sequence

from helpers.core import files, registry
from helpers.core.config import (CACHE_DIR, CACHE_DIR_ENV, DEFAULT_DATA_DIR, DEFAULT_OUTPUT_DIR, NOTEBOOKS_DIR,
                                 PACKAGE_DIR, REPO_ROOT, DirectoryError, check_dirs, check_output_owned)
from helpers.core.registry import PageSpec
from helpers.run.index import (DOCUMENTS, NAV_CSS, Cell, YearDocuments, downloads_block, nav_header, page_nav,
                               write_index, year_downloads)
from helpers.run.kernel import KERNEL_NAME

DEFAULT_YEARS = "2025-2029"
DEFAULT_NOTEBOOKS_DIR = NOTEBOOKS_DIR
DEFAULT_TIMEOUT = 600  # seconds per cell
#: Packages whose versions are part of every page fingerprint.
VERSIONED_PACKAGES = ("pandas", "matplotlib", "papermill", "nbconvert")
#: Bump to invalidate every fingerprint when the runner's output format changes.
RUNNER_FORMAT = 2  # 2: navigation bar and download block on every page
from helpers.run.outputs import (DOCUMENTS_RECORD, FAILED_DIR, INDEX_RECORD, ITEM_TAG, SHARED_CODE, STATE_DIR,  # noqa: E402
                                 code_files, model_path, page_module_parts, visible_files)
STAGING_DIR = "staging"  # OUTPUT_DIR/.build/staging/<tahun>/<stem>: a page's products while it runs

from helpers.run.index import BUILT, FAILED, SKIPPED, UP_TO_DATE  # noqa: E402  (one vocabulary)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class UsageError(Exception):
    """Bad arguments or configuration (exit code 2); the message says what and how to fix it."""

    exit_code = 2


class ValidationFailed(Exception):
    """The data did not validate (the validation printed why); ``code`` is its exit code."""

    def __init__(self, code: int):
        super().__init__(f"validation failed (exit {code})")
        self.code = code


class BuildLocked(Exception):
    """Another build holds the lock of this output directory (exit code 3)."""

    exit_code = 3


# --------------------------------------------------------------------------------------------
# Page registry and arguments
# --------------------------------------------------------------------------------------------

Page = PageSpec  # the runner's name for a registry entry


def parse_years(text: str) -> list[int]:
    """``"2025-2029"``, ``"2025,2027"`` or a mix -> sorted unique years (UsageError when malformed)."""
    try:
        return registry.parse_years(text)
    except registry.RegistryError as exc:
        raise UsageError(str(exc)) from None


def load_registry(path: Path) -> tuple[list[Page], tuple[str, ...]]:
    """``pages.yaml`` -> (pages, preload), as :func:`helpers.core.registry.load_registry` (UsageError)."""
    try:
        return registry.load_registry(path)
    except registry.RegistryError as exc:
        raise UsageError(str(exc)) from None


def load_pages(path: Path) -> list[Page]:
    """Read and check ``pages.yaml`` (format: see notebooks/pages.yaml)."""
    return load_registry(path)[0]


def _check_dirs(data_dir: Path, output_dir: Path) -> None:
    """Refuse a missing data dir, an unwritable output dir, or nested/equal data and output dirs."""
    try:
        check_dirs(data_dir, output_dir)
        check_output_owned(output_dir)
        _check_index_owned(Path(output_dir))
    except DirectoryError as exc:
        raise UsageError(f"{exc} (use --data-dir / --output-dir)") from None


def _check_index_owned(out: Path) -> None:
    """Refuse to overwrite an ``index.html`` the build did not write (or that someone changed since)."""
    index = out / "index.html"
    if not index.is_file() or not (out / STATE_DIR).is_dir():
        return
    record = _read_record(out / STATE_DIR / INDEX_RECORD)
    if not record and not (out / STATE_DIR / INDEX_RECORD).exists() and _looks_like_ours(index):
        return  # written by a build from before the index was recorded
    if _sha256(index.read_bytes()) not in {record.get("sha256"), record.get("previous")} - {None}:
        raise DirectoryError(f"{index} tidak ditulis oleh build ini atau telah diubah sejak build terakhir; "
                             "pindahkan atau hapus berkas itu agar build dapat menulis indeksnya")


def _looks_like_ours(index: Path) -> bool:
    try:
        return "Sidik jari data:" in index.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


# --------------------------------------------------------------------------------------------
# Fingerprints
# --------------------------------------------------------------------------------------------

def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Fingerprinter:
    """Computes page fingerprints; hashes each file once per build."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self._hashes: dict[Path, Optional[str]] = {}
        self._all_data: Optional[list[Path]] = None
        self._common: Optional[dict[str, Any]] = None

    def file_hash(self, path: Path) -> Optional[str]:
        if path not in self._hashes:
            try:
                self._hashes[path] = _sha256(path.read_bytes())
            except OSError:
                self._hashes[path] = None
        return self._hashes[path]

    def all_data_files(self) -> list[Path]:
        if self._all_data is None:
            self._all_data = visible_files(self.data_dir)
        return self._all_data

    def data_files(self, page: Page) -> list[Path]:
        """The data files a page depends on (required ones listed even when missing)."""
        if page.depends_on == ("all",):  # revisions count per page, in inputs(): only a page's own
            return [p for p in self.all_data_files() if p.relative_to(self.data_dir).parts[0] != "narasi"]
        d = self.data_dir
        realisasi = d / "realisasi"
        paths = [d / "units.yaml", d / "opd.yaml", d / "klaim.yaml",
                 *[p for p in self.all_data_files() if p.parent == realisasi]]
        for table in page.depends_on:
            paths += [d / "tables" / f"{table}.csv", d / "tables" / f"{table}.yaml"]
            if (d / "printed" / f"{table}.csv").exists():
                paths.append(d / "printed" / f"{table}.csv")
        return paths

    def data_fingerprint(self) -> str:
        """Short sha256 of every data file (relative path and content)."""
        parts = {str(p.relative_to(self.data_dir)): self.file_hash(p) for p in self.all_data_files()}
        return _sha256(json.dumps(parts, sort_keys=True).encode())[:12]

    def common(self) -> dict[str, Any]:
        """Inputs shared by every page: helpers sources and tool versions."""
        if self._common is None:
            versions = {"python": sys.version.split()[0], **_installed_versions(VERSIONED_PACKAGES)}
            self._common = {"helpers": self.code_hashes(SHARED_CODE), "versions": versions, "runner": RUNNER_FORMAT}
        return self._common

    def code_hashes(self, parts: Iterable[str]) -> dict[str, Optional[str]]:
        """Hashes of the Python files under ``helpers/<part>`` (a folder or one file)."""
        return {str(path.relative_to(PACKAGE_DIR)): self.file_hash(path) for path in code_files(parts)}

    def page_code(self, page: Page) -> dict[str, Optional[str]]:
        """The page's own code: ``helpers/pages/<module>.py`` or the package ``helpers/pages/<module>/``."""
        return self.code_hashes(page_module_parts(page.module))

    def inputs(self, page: Page, notebook: Path, params: dict[str, Any], kernel_name: str,
               nav: Optional[dict] = None, homes: Optional["Homes"] = None) -> dict[str, Any]:
        """Everything a page's output depends on, as a JSON-able dict of hashes: its notebook and
        code, its data files (realisation files only of the years the page reads), its window and
        its navigation."""
        tahun = int(params["tahun"])
        until = homes.realisasi_until(page, tahun) if homes is not None else tahun
        data = {}
        for path in self.data_files(page):
            if path.parent == self.data_dir / "realisasi" and (until is None or not path.stem.isdigit()
                                                                 or int(path.stem) > until):
                continue
            try:
                key = str(path.relative_to(self.data_dir))
            except ValueError:
                key = str(path)
            data[key] = self.file_hash(path)
        # The planner's revisions of this year's narratives that this page shows (its declared narasi
        # products): a revision of another page's narrative rebuilds only that page.
        for path in sorted((self.data_dir / "narasi" / str(tahun)).glob("*.md")):
            if page.declares("narasi", path.stem):
                data.setdefault(str(path.relative_to(self.data_dir)), self.file_hash(path))
        common = self.common()
        return {"notebook": self.file_hash(notebook), "data": data, "params": params, "kernel": kernel_name,
                **common, "helpers": {**common["helpers"], **self.page_code(page)}, "nav": nav,
                "window": homes.window(page, tahun) if homes is not None else [tahun]}


def _installed_versions(names: Sequence[str]) -> dict[str, Optional[str]]:
    """The installed version of each distribution (None: not installed), read from the names of the
    ``*.dist-info`` folders on ``sys.path``, as ``importlib.metadata`` finds them, without its import
    (~60 ms of every no-op build)."""
    wanted = {name.lower().replace("-", "_"): name for name in names}
    found: dict[str, Optional[str]] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            if item.endswith(".dist-info"):
                dist, _, version = item[: -len(".dist-info")].partition("-")
                name = wanted.get(dist.lower().replace("-", "_").replace(".", "_"))
                if name is not None and name not in found:
                    found[name] = version
    return {name: found.get(name) for name in names}


def fingerprint_of(inputs: dict[str, Any]) -> str:
    return _sha256(json.dumps(inputs, sort_keys=True).encode())


def _only_nav_changed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """True when two pages' inputs differ in their navigation only."""
    def plain(inputs: dict[str, Any]) -> Any:  # as recorded (JSON: tuples are lists)
        return json.loads(json.dumps({k: v for k, v in inputs.items() if k != "nav"}, sort_keys=True))

    return old.get("nav") != json.loads(json.dumps(new.get("nav"))) and plain(old) == plain(new)


def _only_revisions_changed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """True when two pages' inputs differ in the planner's narrative revisions (``narasi/…``)
    and perhaps the navigation, and in nothing else."""
    def plain(inputs: dict[str, Any]) -> Any:  # as recorded (JSON: tuples are lists)
        data = {k: v for k, v in (inputs.get("data") or {}).items() if not k.startswith("narasi/")}
        return json.loads(json.dumps({**{k: v for k, v in inputs.items() if k not in ("nav", "data")},
                                      "data": data}, sort_keys=True))

    return old.get("data") != new.get("data") and plain(old) == plain(new)


def _change_reason(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A short human reason why ``new`` inputs differ from ``old`` ones."""
    for group in ("notebook", "params", "kernel", "versions", "runner", "nav", "window"):
        if old.get(group) != new.get(group):
            return f"{group} changed"
    for group in ("data", "helpers"):
        a, b = old.get(group) or {}, new.get(group) or {}
        changed = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        if changed:
            more = f" (+{len(changed) - 1})" if len(changed) > 1 else ""
            return f"{group} changed: {changed[0]}{more}"
    return "inputs changed"


# --------------------------------------------------------------------------------------------
# Worker side: execute one page (runs in a worker process; picklable top-level objects only)
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class PageTask:
    """Everything a worker needs to build one page for one year (absolute paths)."""

    notebook: str
    stem: str
    title: str
    tahun: int
    data_dir: str
    output_dir: str  # OUTPUT_DIR/<tahun>
    kernel: tuple  # helpers.run.kernel.KernelPool key: (name, cwd, env items, preload)
    transport: str = "ipc"
    timeout: Optional[int] = DEFAULT_TIMEOUT
    prestart_next: bool = False  # more pages are expected in this worker: keep or prestart a kernel
    reuse_kernel: bool = True  # keep the kernel of a page that succeeded for the next page (reset)
    nav: Optional[dict] = None  # helpers.run.index.page_nav(): links of the navigation bar
    depends_on: tuple = ("all",)  # pages.yaml: the tables the page may read (checked after the run)
    realisasi_until: Optional[int] = None  # the last realisation year it may read (None: none; checked too)
    realisasi_checked: bool = False  # check realisasi_until (False: a task built outside build())
    republish: bool = False  # only the navigation changed: convert the published notebook again, no kernel
    revisions_only: bool = False  # only revisions of its narratives changed: show them again, no kernel
    html_later: bool = False  # with revisions_only: write the model and notebook, leave the HTML to a next task


@dataclasses.dataclass
class PageResult:
    """Outcome of one page x year."""

    stem: str
    tahun: int
    status: str
    seconds: float = 0.0
    reason: str = ""
    error: Optional[dict[str, Any]] = None  # message, cell, exec_count, ename, evalue
    warnings: list[str] = dataclasses.field(default_factory=list)
    products: list[str] = dataclasses.field(default_factory=list)  # published, relative to <tahun>/
    html_pending: bool = False  # model and notebook published, the HTML not yet (PageTask.html_later)

    @property
    def failed_notebook(self) -> str:
        return f"{self.tahun}/{FAILED_DIR}/{self.stem}.ipynb"


_LOCAL = threading.local()  # per worker thread: kernel pool and HTML exporter


def _kernel_pool(transport: str):
    from helpers.run.kernel import KernelPool

    pool = getattr(_LOCAL, "pool", None)
    if pool is None or pool.transport != transport:
        if pool is not None:
            pool.close()
        pool = _LOCAL.pool = KernelPool(transport)
    return pool


#: nbconvert's "lab" page without the require.js, MathJax and mermaid <script>s it loads from a
#: CDN (the pages have no widgets, math or diagrams), so a published page reads offline.
_PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
{{ resources.renstra.nav_css }}
{{ resources.renstra.nav }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.renstra.downloads }}
{{ super() }}
{%- endblock body_footer -%}
"""


def _html_exporter():
    """This worker thread's HTMLExporter (no code cells, no prompts, offline template)."""
    exporter = getattr(_LOCAL, "exporter", None)
    if exporter is None:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        exporter = _LOCAL.exporter = HTMLExporter(
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True, language_code="id",
            template_name="lab", template_file="renstra-page.html.j2",
            extra_loaders=[DictLoader({"renstra-page.html.j2": _PAGE_TEMPLATE})])
    return exporter


def _watch_parent(parent: int, interval: float = 1.0) -> None:
    """Exit this worker when the runner that started it is gone (killed with SIGKILL alone, so the
    pool could not stop it). A pool worker blocked on its task queue never notices otherwise (it
    holds the queue's write end itself) and would keep its spare kernel running for ever; once the
    worker exits, its kernels exit too (ipykernel watches its parent)."""
    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="renstra-parent-watch", daemon=True).start()


def _exit_now() -> None:
    """The last finalizer of a worker (after its kernels are stopped and its results flushed to
    the runner): exit without tearing the interpreter down module by module, which a spawned
    worker would otherwise do for a tenth of a second while the runner waits for it."""
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(_EXIT_CODE[0])


def _worker_init(kernel_key: tuple, transport: str) -> None:
    """Initializer of the runner's own worker processes.

    Starts the first kernel right away, then imports papermill and nbconvert while it boots. (The
    document writers are not imported ahead here: beside a booting kernel on two cores that made a
    one-page change about 1 s slower, more than it saved on the first documents, and in a long
    build their ~45 MiB per worker counted in the peak beside the kernels.)
    SIGINT is ignored (the parent coordinates); SIGTERM unwinds so the kernel is stopped and
    temp files removed. jsonschema's optional ``rfc3987_syntax`` (1.8 s to import, only used to
    validate IRI strings, which notebook schemas never do) is blocked in these processes only.
    """
    from multiprocessing import util

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _raise_system_exit)
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    pool = _kernel_pool(transport)
    util.Finalize(None, _wait_after_task, exitpriority=20)
    util.Finalize(None, pool.close, exitpriority=10)
    util.Finalize(None, _exit_now, exitpriority=-100)
    _watch_parent(os.getppid())
    with contextlib.suppress(Exception):
        pool.prestart(kernel_key)
    import papermill  # noqa: F401

    _warm_html_exporter()


#: What a year's documents import (python-docx, lxml, XlsxWriter, the renderers): ~0,35 s that
#: the first document job of each kernel-less worker would otherwise pay.
DOCUMENT_MODULES = ("helpers.run.appendix", "helpers.present.docx", "helpers.present.xlsx",
                    "helpers.present.xlsx_merge", "helpers.present.table")


def _preload_document_writers() -> None:
    """Import :data:`DOCUMENT_MODULES` in a background thread at the lowest CPU priority (on Linux
    a thread has its own niceness), so that it uses the time a kernel-less worker waits for its
    first job and takes little CPU from the processes beside it; a job that comes first waits for
    the import it needs (the import lock), as it would have imported the module itself."""
    import importlib

    def preload() -> None:
        with contextlib.suppress(Exception):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        for name in DOCUMENT_MODULES:
            with contextlib.suppress(Exception):
                importlib.import_module(name)

    threading.Thread(target=preload, name="preload-documents", daemon=True).start()


def _warm_html_exporter() -> None:
    """Convert a small page once while the kernel boots: nbconvert compiles its templates and its
    Markdown and output renderers on first use (~0,25 s), which the first real page would pay."""
    from nbformat import v4

    text = {"text/plain": "x"}
    outputs = [v4.new_output("display_data", data={**text, "text/html": "<table><tr><td>1</td></tr></table>"}),
               v4.new_output("display_data", data={**text, "text/markdown": "**a** b"}),
               v4.new_output("display_data", data={**text, "image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>"}),
               v4.new_output("stream", name="stdout", text="a\n")]
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# Judul\n\nTeks **tebal**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- satu"),
                                v4.new_code_cell("x", outputs=outputs)])
    with contextlib.suppress(Exception):  # only a warm-up: the real page reports its own errors
        _html_exporter().from_notebook_node(nb, resources={"metadata": {"name": "-"},
                                                           "renstra": {"nav_css": "", "nav": "", "downloads": ""}})


_TRACEBACK_MARKS = ("Traceback (most recent call last)", "Warning:", "warnings.warn(")


def _visible_problem(nb: Any) -> Optional[tuple[int, str]]:
    """``(cell, first line)`` of the first output a reader must not see: anything written to
    stderr (Python warnings go there), an error output, or a traceback or warning printed as text."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            text = ""
            if kind == "stream":
                text = output.get("text", "")
                if output.get("name") == "stderr" and text.strip():
                    return index, text.strip().splitlines()[0][:300]
            elif kind == "error":
                return index, f"{output.get('ename')}: {output.get('evalue')}"[:300]
            else:
                text = str((output.get("data") or {}).get("text/plain", ""))
            for mark in _TRACEBACK_MARKS:
                if mark in text:
                    line = next(line for line in text.splitlines() if mark in line)
                    return index, line.strip()[:300]
    return None


def _reproducible(nb: Any, final_path: Path, staged: Optional[tuple[str, str]] = None) -> Any:
    """The executed notebook without what differs between two runs of the same inputs.

    nbformat gives cells without an id a random one, and papermill and nbclient stamp start and
    end times on the notebook and on every cell. Cells get ids from their position, times are
    removed, and the output path names the published file rather than the temporary one, so the
    same inputs give the same ``.ipynb`` and ``.html`` bytes. ``staged``: (staging folder, year
    folder): the parameters name the folder the products are published in, not the staging one.
    """
    meta = nb.metadata.get("papermill", {})
    if staged:
        stage, final = staged
        params = meta.get("parameters") or {}
        if params.get("output_dir") == stage:
            params["output_dir"] = final
        for cell in nb.cells:
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.source = cell.source.replace(repr(stage), repr(final)).replace(f'"{stage}"', f'"{final}"')
    for key in ("start_time", "end_time", "duration"):
        meta.pop(key, None)
    if "output_path" in meta:
        meta["output_path"] = final_path.name
    if "input_path" in meta:
        meta["input_path"] = Path(str(meta["input_path"])).name
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:03d}"
        cell.metadata.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            cell.metadata.get("papermill", {}).pop(key, None)
    return nb


_EXIT_CODE = [0]  # a worker's exit code for _exit_now (128 + the signal that stopped it)


def _raise_system_exit(signum: int, frame: Any) -> None:
    _EXIT_CODE[0] = 128 + signum
    raise SystemExit(128 + signum)


def _failing_cell(nb: Any) -> tuple[Optional[int], Any]:
    """(index in the source notebook, cell) of the first cell with an error in an executed notebook."""
    index = -1
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "papermill-error-cell-tag" in tags or "injected-parameters" in tags:
            continue
        index += 1
        if cell.get("cell_type") != "code":
            continue
        if cell.get("metadata", {}).get("papermill", {}).get("exception") or any(
                o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index, cell
    return None, None


def _error_notebook(task: PageTask, message: str, details: str) -> str:
    """A one-cell notebook (nbformat 4.5 JSON) describing a failure that left no executed notebook."""
    text = f"# Gagal: {task.stem} ({task.tahun})\n\n{message}\n\n```\n{details}\n```\n"
    cell = {"cell_type": "markdown", "id": "gagal", "metadata": {}, "source": text}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


class _LogCollector:
    """Collects papermill's warnings for one page instead of printing them from the worker."""

    def __enter__(self) -> list[str]:
        import logging

        self.messages: list[str] = []
        self.logger = logging.getLogger("papermill")
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda record: self.messages.append(record.getMessage())  # type: ignore[method-assign]
        self.logger.addHandler(self.handler)
        self.propagate, self.logger.propagate = self.logger.propagate, False
        return self.messages

    def __exit__(self, *exc: Any) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate


def staging_dir(year_dir: Path, stem: str) -> Path:
    """Where page ``stem`` of a year writes its products while it runs: a folder of the build's own
    (``OUTPUT_DIR/.build/staging/<tahun>/<stem>``), swapped into the year folder only on success."""
    return Path(year_dir).parent / STATE_DIR / STAGING_DIR / Path(year_dir).name / stem


#: Published last, in this order: a run killed during the swap leaves the old HTML and notebook,
#: whose recorded stamps then no longer match the new model, so the next build redoes the page.
_PUBLISH_LAST = (".json", ".ipynb", ".html")


def _publish(stage: Path, year_dir: Path, stem: str) -> list[str]:
    """Move every product of a successful run from ``stage`` into ``year_dir`` (each by an atomic
    rename) and remove the products of the previous run that this one no longer writes; returns
    the products, relative to ``year_dir``."""
    new = sorted((p for p in stage.rglob("*") if p.is_file()),
                 key=lambda p: (p.parent == stage and p.suffix in _PUBLISH_LAST,
                                _PUBLISH_LAST.index(p.suffix) if p.suffix in _PUBLISH_LAST else -1, str(p)))
    names = [str(p.relative_to(stage)) for p in new]
    previous = _read_record(_record_path(year_dir.parent, int(year_dir.name), stem)).get("products") or {}
    for path, name in zip(new, names):
        target = year_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for name in sorted(set(previous) - set(names)):  # only files this page's last run recorded
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            (year_dir / name).unlink()
    return names


def run_page(task: PageTask) -> PageResult:
    """Execute ``task`` with papermill and publish it; never raises for a notebook failure.

    The notebook writes its tables, figures, narratives and model into a staging folder
    (:func:`staging_dir`); the executed notebook and its HTML are written there too. Only when the
    page succeeded are they moved together into ``<tahun>/`` (:func:`_publish`).
    Failure: executed notebook (with papermill's error banner) kept as ``<tahun>/_gagal/<stem>.ipynb``;
    every product of an earlier good run is left alone, so a year's outputs are never mixed.
    """
    _wait_after_task()
    start = time.monotonic()
    result = PageResult(task.stem, task.tahun, FAILED)
    year_dir = Path(task.output_dir)
    failed_path = year_dir / FAILED_DIR / f"{task.stem}.ipynb"
    stage = staging_dir(year_dir, task.stem)
    staged_nb = stage / f"{task.stem}.ipynb"
    km = None
    pool = None
    try:
        if not Path(task.notebook).is_file():
            message = f"notebook not found: {task.notebook}"
            result.error = {"message": message}
            _write_text(failed_path, _error_notebook(task, f"Notebook tidak ditemukan: `{task.notebook}`", message))
            return result
        if task.republish and _republish(task, result):
            return result
        if task.revisions_only and _show_revisions_again(task, result):
            return result
        import papermill
        from papermill.exceptions import PapermillExecutionError

        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(parents=True)
        pool = _kernel_pool(task.transport)
        km = pool.acquire(task.kernel, prestart_next=task.prestart_next and not task.reuse_kernel)
        params = {"tahun": task.tahun, "data_dir": task.data_dir, "output_dir": str(stage)}

        def brace_safe(path: Any) -> str:  # papermill str.format()s paths with the parameters
            return str(path).replace("{", "{{").replace("}", "}}")

        def keep_failure() -> None:
            failed_path.parent.mkdir(parents=True, exist_ok=True)
            _seal(staged_nb)
            os.replace(staged_nb, failed_path)

        try:
            with _LogCollector() as result.warnings:
                nb = papermill.execute_notebook(
                    brace_safe(task.notebook), brace_safe(staged_nb), parameters=params,
                    kernel_name=task.kernel[0], language="python", km=km,
                    progress_bar=False, request_save_on_cell_execute=False,
                    execution_timeout=task.timeout, start_timeout=120)
        except PapermillExecutionError as exc:
            import nbformat

            index, _ = _failing_cell(nbformat.read(str(staged_nb), as_version=4))
            result.error = {"message": f"{exc.ename}: {exc.evalue}", "cell": index,
                            "exec_count": exc.exec_count, "ename": exc.ename, "evalue": exc.evalue}
            keep_failure()
            return result
        problem = _visible_problem(nb)
        if problem is not None:  # a warning or traceback would be published to readers: fail the page
            index, line = problem
            result.error = {"message": f"the page shows a Python warning or error in cell {index}: {line}",
                            "cell": index}
            keep_failure()
            return result
        from helpers.run.appendix import read_model

        model = read_model(stage, task.stem)
        undeclared = _undeclared_reads(model, task.depends_on)
        if undeclared:  # it would not be rebuilt when they change: an incremental build would lie
            result.error = {"message": f"the page read table(s) that its depends_on in pages.yaml does not "
                                       f"declare: {', '.join(undeclared)}; add them (or use [all])"}
            keep_failure()
            return result
        beyond = _undeclared_realisasi(model, task) if task.realisasi_checked else []
        if beyond:
            limit = "none" if task.realisasi_until is None else f"up to {task.realisasi_until}"
            result.error = {"message": f"the page read the realisation of {', '.join(map(str, beyond))}, but its "
                                       f"window and realisasi in pages.yaml let it read {limit}; declare "
                                       "realisasi: tahun (or read only the years before tahun)"}
            keep_failure()
            return result
        # The page is complete (its cells returned, so files it wrote are closed). Its kernel serves
        # the worker's next page after a reset (imports kept), or is killed rather than asked to
        # shut down, which costs ~0.25 s CPU per page for nothing. A failed page's kernel is
        # always killed (finally below): a failure never leaks into the next page.
        if task.reuse_kernel and task.prestart_next:
            pool.keep(km, task.kernel)
        else:
            pool.release(km, now=True)
        km = None
        nb = _reproducible(nb, year_dir / f"{task.stem}.ipynb", staged=(str(stage), str(year_dir)))
        import nbformat

        nbformat.write(nb, str(staged_nb))
        _write_text(stage / f"{task.stem}.html", _page_html(nb, task, read_model(stage, task.stem)))
        _seal(staged_nb)
        result.products = _publish(stage, year_dir, task.stem)
        # The old _gagal copy is removed by the parent once the new index no longer links to it
        # (a run killed in between must not leave an index pointing at a deleted file).
        result.status = BUILT
        return result
    except Exception as exc:  # kernel died, timeout at start-up, unreadable notebook, full disk, ...
        from helpers.run.kernel import kernel_log

        log = kernel_log(km) if km is not None else ""
        result.status = FAILED
        result.error = {"message": f"{type(exc).__name__}: {exc}".strip()}
        details = traceback.format_exc() + (f"\nKernel stderr:\n{log}" if log else "")
        with contextlib.suppress(Exception):
            _write_text(failed_path, _error_notebook(task, f"Eksekusi gagal: `{result.error['message']}`", details))
        return result
    finally:
        result.seconds = time.monotonic() - start
        if km is not None and pool is not None:
            pool.release(km, now=True)
        shutil.rmtree(stage, ignore_errors=True)
        # No page expected next: stop everything, remove the socket directory.
        _after_task(pool if pool is not None and not task.prestart_next else None)


def _page_html(nb: Any, task: PageTask, model: Optional[dict]) -> str:
    """The published HTML of an executed page: its outputs, the navigation bar and the downloads."""
    office = _office_title(Path(task.data_dir))
    nav = task.nav or {"index": "../index.html", "prev": None, "next": None, "years": []}
    body, _ = _html_exporter().from_notebook_node(
        nb, resources={"metadata": {"name": f"{task.title} - {task.tahun}"},
                       "renstra": {"nav_css": NAV_CSS,
                                   "nav": nav_header(nav, office=office, title=task.title, tahun=task.tahun),
                                   "downloads": downloads_block(model)}})
    return body


def _republish(task: PageTask, result: PageResult) -> bool:
    """Only the page's navigation changed (a shared page's neighbour moved, a year was added): write
    its HTML again from the published notebook and model, with no kernel; the same bytes as a full
    run (tested). False when they cannot be read: the page is then run as usual."""
    import nbformat

    from helpers.run.appendix import read_model

    year_dir = Path(task.output_dir)
    previous = _read_record(_record_path(year_dir.parent, task.tahun, task.stem)).get("products") or {}
    try:
        nb = nbformat.read(str(year_dir / f"{task.stem}.ipynb"), as_version=4)
        model = read_model(year_dir, task.stem)
    except Exception:  # noqa: BLE001 - unreadable: the full run below rewrites it
        return False
    if model is None or f"{task.stem}.html" not in previous:
        return False
    _write_text(year_dir / f"{task.stem}.html", _page_html(nb, task, model))
    result.products = sorted(previous)
    result.status = BUILT
    return True


def _show_revisions_again(task: PageTask, result: PageResult) -> bool:
    """Only the planner's revisions of narratives the page shows changed (added, edited or removed):
    show each narrative again in the published notebook and page model as the page would
    (:func:`helpers.present.narrative.narrative_display`, from the draft and facts the model recorded),
    and write the page's HTML, with no kernel; the same bytes as a full run (tested). The model,
    the notebook, then the HTML are each replaced atomically; the record, written after, is what
    says the page is current. With ``task.html_later`` the HTML is left to a next task (the
    result says ``html_pending``; :func:`_run_tasks` converts the published notebook then, as
    :func:`_republish` does), so the years' documents are written meanwhile. False when the
    published page cannot be read, a narrative's output is not found, or a revision cannot be read: the page is then run as usual, and reports it."""
    import nbformat

    from helpers.present.html import STYLESHEET
    from helpers.present.narrative import MIME_HTML, MIME_MARKDOWN, narrative_display

    year_dir = Path(task.output_dir)
    previous = _read_record(_record_path(year_dir.parent, task.tahun, task.stem)).get("products") or {}
    model_file = model_path(year_dir, task.stem)
    try:
        nb = nbformat.read(str(year_dir / f"{task.stem}.ipynb"), as_version=4)
        model = json.loads(model_file.read_text(encoding="utf-8"))
        items = model["items"]
    except Exception:  # noqa: BLE001 - unreadable: the full run rewrites it
        return False
    if f"{task.stem}.html" not in previous:
        return False
    outputs = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            tag = (output.get("metadata") or {}).get(ITEM_TAG)
            if isinstance(tag, dict) and isinstance(tag.get("item"), int):
                outputs[tag["item"]] = output
    plain = {MIME_MARKDOWN: "<IPython.core.display.Markdown object>",
             MIME_HTML: "<IPython.core.display.HTML object>"}
    try:
        for index, item in enumerate(items):
            if item.get("kind") != "narasi":
                continue
            if index not in outputs:
                return False
            draft = {key: item[key] for key in ("kind", "id", "text", "facts")}
            items[index], mime, text = narrative_display(draft, Path(task.data_dir), task.tahun, items[:index])
            outputs[index]["data"] = {mime: text, "text/plain": plain[mime]}
    except Exception:  # noqa: BLE001 - a revision that cannot be read: the full run reports it
        return False
    shown = [outputs[k]["data"] for k in sorted(outputs) if MIME_HTML in outputs[k].get("data", {})]
    for data in shown:  # the page's first HTML carries the stylesheet (Page._display_html)
        html = data[MIME_HTML]
        html = "".join(html) if isinstance(html, list) else html
        data[MIME_HTML] = html[len(STYLESHEET):] if html.startswith(STYLESHEET) else html
    if shown:
        shown[0][MIME_HTML] = STYLESHEET + shown[0][MIME_HTML]
    _write_text(model_file, json.dumps(model, ensure_ascii=False, separators=(",", ":")))
    text = nbformat.writes(nb)
    _write_text(year_dir / f"{task.stem}.ipynb", text if text.endswith("\n") else text + "\n")  # as nbformat.write
    result.products = sorted(previous)
    result.status = BUILT
    if task.html_later:  # the years' documents need the model only: they start while the HTML is written
        result.html_pending = True
        return True
    _write_text(year_dir / f"{task.stem}.html", _page_html(nb, task, model))
    return True


def _undeclared_reads(model: Optional[dict], depends_on: tuple) -> list[str]:
    """The tables a page's model says it read that ``depends_on`` does not declare."""
    if depends_on == ("all",) or not model:
        return []
    return sorted(set(model.get("tables_read") or ()) - set(depends_on))


def _undeclared_realisasi(model: Optional[dict], task: PageTask) -> list[int]:
    """The realisation years a page's model says it read beyond ``task.realisasi_until``."""
    years = (model or {}).get("realisasi_read") or ()
    return sorted(int(y) for y in years if task.realisasi_until is None or int(y) > task.realisasi_until)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Permissions of a normally created file (0o666 minus the umask, read once at import while
#: single-threaded); mkstemp makes 0o600 files, unreadable for a web server.
_FILE_MODE = 0o666 & ~_current_umask()


def _seal(path: Path) -> None:
    """Make a finished temporary file durable and give it normal permissions before os.replace."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(path, _FILE_MODE)


def _write_text(target: Path, text: str) -> Path:
    """Atomically write ``text`` (helpers.core.files) with normal file permissions."""
    with files.atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
        os.chmod(tmp, _FILE_MODE)
    return Path(target)


# --------------------------------------------------------------------------------------------
# Parent side: plan, dispatch, record, index
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class BuildReport:
    """What a build did; ``exit_code`` is the CLI's exit status."""

    results: list[PageResult]
    seconds: float
    output_dir: Path
    data_fingerprint: str = ""
    interrupted: bool = False
    documents: dict = dataclasses.field(default_factory=dict)  # tahun -> why its documents are not current
    to_check: dict = dataclasses.field(default_factory=dict)  # tahun -> numbers of revisions not "cocok"

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failures(self) -> list[PageResult]:
        return [r for r in self.results if r.status == FAILED]

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.failures else EXIT_OK

    def summary(self) -> str:
        lines = [f"Summary: {self.count(BUILT)} built, {self.count(UP_TO_DATE)} up-to-date, "
                 f"{self.count(SKIPPED)} skipped (out of range), {self.count(FAILED)} failed"
                 f" in {self.seconds:.2f} s" + (" - INTERRUPTED" if self.interrupted else "")]
        if self.failures:
            lines.append("Failures:")
            for r in self.failures:
                err = r.error or {}
                where = f"cell {err['cell']} (In [{err.get('exec_count')}]): " if err.get("cell") is not None else ""
                lines.append(f"  {r.stem} {r.tahun}: {where}{err.get('message', '?')}")
                lines.append(f"      see {self.output_dir / r.failed_notebook}")
        for tahun, problem in sorted(self.documents.items()):
            lines.append(f"Documents {tahun}: not updated ({problem})")
        for tahun, count in sorted(self.to_check.items()):
            if count:
                lines.append(f"Narasi {tahun}: {count} angka perlu diperiksa "
                             f"({self.output_dir / str(tahun) / 'narasi' / 'pemeriksaan-angka.csv'})")
        lines.append(f"Index: {self.output_dir / 'index.html'}")
        return "\n".join(lines)


def _record_path(output_dir: Path, tahun: int, stem: str) -> Path:
    return output_dir / STATE_DIR / str(tahun) / f"{stem}.json"


def _read_record(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return record if isinstance(record, dict) else {}
    except (OSError, ValueError):
        return {}


@contextlib.contextmanager
def _build_lock(output_dir: Path):
    """Hold ``OUTPUT_DIR/.build/lock`` (fcntl.flock, non-blocking) or raise BuildLocked."""
    import fcntl

    lock_path = output_dir / STATE_DIR / "lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            raise BuildLocked(f"another build is already running on {output_dir} "
                              f"(lock {lock_path} held{' by ' + holder if holder else ''}); "
                              "wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {_dt.datetime.now().isoformat(timespec='seconds')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _log_line(log: IO[str], result: PageResult) -> None:
    note = result.reason
    if result.status == FAILED and result.error:
        err = result.error
        cell = f"cell {err['cell']}: " if err.get("cell") is not None else ""
        note = f"{cell}{err.get('message', '')}".splitlines()[0][:160]
    print(f"{result.status:<10} {result.stem:<32} {result.tahun}  {result.seconds:6.2f}s  {note}".rstrip(),
          file=log, flush=True)
    for warning in result.warnings:
        print(f"           warning: {warning}", file=log, flush=True)


def build(years: Iterable[int] | str = DEFAULT_YEARS, *, jobs: Optional[int] = None,
          data_dir: Optional[os.PathLike | str] = None, output_dir: Optional[os.PathLike | str] = None,
          force: bool = False, notebooks_dir: Optional[os.PathLike | str] = None,
          pages_file: Optional[os.PathLike | str] = None, only: Optional[Sequence[str]] = None,
          executor: Any = None, kernel_name: str = KERNEL_NAME, transport: str = "ipc",
          preload: Optional[Sequence[str]] = None, timeout: Optional[int] = DEFAULT_TIMEOUT,
          log: Optional[IO[str]] = None, reuse_kernels: bool = True,
          gate: Optional[Callable[[], int]] = None) -> BuildReport:
    """Build every page of ``pages_file`` for ``years`` into ``output_dir``; see the module doc.

    ``executor``: any ``concurrent.futures.Executor`` (default: a ProcessPoolExecutor of ``jobs``
    spawned workers owned by this call). ``preload``: modules each kernel imports while starting
    (default: the ``preload`` list of the pages file). ``reuse_kernels``: a worker's kernel whose page
    succeeded serves its next page after a namespace reset (False: a fresh kernel for every page;
    the pages are the same bytes either way). ``gate``: waited for (its exit code) after the
    worker processes and their kernels are started and before any page runs: the validation of the
    changed tables runs meanwhile (:func:`main`); a non-zero code stops the build (ValidationFailed).
    Raises UsageError or BuildLocked before building.
    """
    started = time.monotonic()
    log = log or sys.stderr
    years = parse_years(years) if isinstance(years, str) else sorted({int(y) for y in years})
    if not years:
        raise UsageError("no years to build")
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    capped = _job_cap(jobs)
    if capped < jobs:
        print(f"jobs capped at {capped} (of {jobs} asked): {os.cpu_count() or 1} CPUs and about "
              f"{WORKER_MEMORY_MB} MB per worker in the memory available", file=log)
        jobs = capped
    if transport not in ("ipc", "tcp"):
        raise UsageError(f"transport must be 'ipc' or 'tcp', not {transport!r}")
    data = Path(data_dir or DEFAULT_DATA_DIR).expanduser().resolve()
    out = Path(output_dir or DEFAULT_OUTPUT_DIR).expanduser().resolve()
    nb_dir = Path(notebooks_dir or DEFAULT_NOTEBOOKS_DIR).expanduser().resolve()
    pages_path = Path(pages_file).expanduser().resolve() if pages_file else nb_dir / "pages.yaml"
    _check_dirs(data, out)
    settings = {"years": years, "only": sorted(only or []), "kernel": kernel_name, "transport": transport,
                "preload": preload, "timeout": timeout, "pages": str(pages_path),
                "pythonpath": os.environ.get("PYTHONPATH")}
    if not force and executor is None:
        unchanged = _unchanged_since_last_build(out, data, nb_dir, pages_path, settings, started)
        if unchanged is not None:
            for result in unchanged.results:
                _log_line(log, result)
            print(unchanged.summary(), file=log, flush=True)
            return unchanged
    pages, registry_preload = load_registry(pages_path)
    preload = registry_preload if preload is None else tuple(preload)
    selected = pages
    if only:
        wanted = {Path(s).stem for s in only}
        unknown = sorted(wanted - {p.stem for p in pages})
        if unknown:
            raise UsageError(f"--only: not in {pages_path}: {', '.join(unknown)} "
                             f"(known: {', '.join(p.stem for p in pages)})")
        selected = [p for p in pages if p.stem in wanted]

    with _build_lock(out):
        removed = _clean_own_leftovers(out, pages)
        if removed:
            print(f"removed {removed} temporary file(s) left by an interrupted build", file=log)
        fp = Fingerprinter(data)
        env = (("PYTHONPATH", _python_path()),
               ("RENSTRA_DATA_DIR", str(data)), ("PYDEVD_DISABLE_FILE_VALIDATION", "1"),
               (CACHE_DIR_ENV, str(out / STATE_DIR / CACHE_DIR)))  # validated tables, shared by the kernels
        # The last item only tells builds apart: a kept kernel serves pages of its own build only.
        kernel_key = (kernel_name, str(nb_dir), env, tuple(preload), f"{os.getpid()}-{time.time_ns()}")

        chapters = registry.load_chapters(pages_path)
        order = registry.in_document_order(pages, chapters)
        # The reporting years this output directory holds: those asked for now and by earlier builds
        # (a shared page lives in another year's folder, so folders alone do not say it).
        state = out / STATE_DIR
        known = _read_record(state / "years.json").get("years") or (
            [p.name for p in state.iterdir() if p.is_dir() and p.name.isdigit()] if state.is_dir() else [])
        nav_years = sorted(set(years) | {int(y) for y in known if str(y).isdigit()})
        homes = Homes(_periode_start(data, years[0]), tuple(registry.realisasi_years(data)))
        results: list[PageResult] = []
        todo: list[tuple[PageTask, dict[str, Any]]] = []
        scheduled: set[tuple[str, int]] = set()
        for page in selected:
            notebook = nb_dir / page.notebook
            if not page.depends_on == ("all",):
                missing = [p for p in fp.data_files(page) if not p.exists()]
                if missing and any(page.applies_to(y) for y in years):
                    print(f"warning: {page.stem}: missing data file(s): "
                          f"{', '.join(str(p.relative_to(data)) for p in missing)}", file=log)
            for tahun in years:
                if not page.applies_to(tahun):
                    result = PageResult(page.stem, tahun, SKIPPED, reason=f"page covers {page.years[0]}-{page.years[1]}")
                    results.append(result)
                    _log_line(log, result)
                    continue
                # Reporting years that share one page (same data window) build it once, for the first.
                tahun = homes.home(page, tahun)
                if (page.stem, tahun) in scheduled:
                    continue
                scheduled.add((page.stem, tahun))
                year_out = out / str(tahun)
                params = {"tahun": tahun, "data_dir": str(data), "output_dir": str(year_out)}
                nav = page_nav(order, page, tahun, nav_years, homes)
                inputs = fp.inputs(page, notebook, params, kernel_name, nav, homes)
                record = _read_record(_record_path(out, tahun, page.stem))
                changed = _changed_product(year_out, page.stem, record) if record.get("status") == "ok" else None
                fresh = record.get("fingerprint") == fingerprint_of(inputs)
                if not force and fresh and record.get("status") == "ok" and changed is None:
                    result = PageResult(page.stem, tahun, UP_TO_DATE)
                    results.append(result)
                    _log_line(log, result)
                    continue
                reason = ("--force" if force else "new" if not record else
                          "failed last time" if record.get("status") != "ok" else
                          f"output changed: {changed}" if fresh else _change_reason(record.get("inputs", {}), inputs))
                # Only the navigation bar differs (it is not part of the executed page): HTML only.
                republish = (not force and record.get("status") == "ok" and changed is None
                             and _only_nav_changed(record.get("inputs") or {}, inputs))
                if republish:
                    reason = "nav changed (HTML only)"
                revisions_only = (not force and record.get("status") == "ok" and changed is None and not republish
                                  and _only_revisions_changed(record.get("inputs") or {}, inputs))
                if revisions_only:
                    reason += " (narratives only)"
                task = PageTask(notebook=str(notebook), stem=page.stem, title=page.title, tahun=tahun,
                                data_dir=str(data), output_dir=str(year_out), kernel=kernel_key,
                                reuse_kernel=reuse_kernels, depends_on=page.depends_on,
                                realisasi_until=homes.realisasi_until(page, tahun), realisasi_checked=True,
                                republish=republish, revisions_only=revisions_only,
                                transport=transport, timeout=timeout, nav=nav)
                if not notebook.is_file():  # fails at once, no worker or kernel needed
                    result = run_page(task)
                    _save_record(out, task, result, inputs)
                    results.append(result)
                    _log_line(log, result)
                    continue
                todo.append((task, {"inputs": inputs, "reason": reason}))

        interrupted = False
        own = executor is None
        workers = max(1, min(jobs, len(todo) or len(years)))
        document_pool = None

        def documents_executor() -> Any:
            """Where the years' documents are written: the page pool, or, when fewer pages than
            ``jobs`` run (one changed page shared by five years), a pool of ``jobs`` workers without
            kernels, so the five years' documents are written side by side, not one after another."""
            nonlocal document_pool
            if not own or workers >= jobs or executor is None:
                return executor
            if document_pool is None:
                document_pool = _make_executor(jobs, transport, None)
            return document_pool

        try:
            early: dict[int, tuple[dict, Any]] = {}
            if todo:
                if own:
                    # Pages shown again from their published notebooks need no kernel: then one pool
                    # of ``jobs`` workers shows them and writes the years' documents.
                    kernel_less = all(task.republish or task.revisions_only for task, _ in todo)
                    if kernel_less:
                        workers = jobs
                    executor = _make_executor(workers, transport, None if kernel_less else kernel_key)
                    for _ in range(workers):  # start the workers and kernels now, while the helpers are
                        executor.submit(os.getpid)  # compiled and the data validated
                _compile_helpers()
            if gate is not None:
                code = gate()
                if code:
                    if own and executor is not None:
                        _stop_workers(executor)
                    raise ValidationFailed(code)
            if todo:
                # Year by year (stable: the registry's order within a year), so that a year's
                # documents are written while the pages of later years still run.
                todo.sort(key=lambda item: item[0].tahun)
                waiting = {tahun: {(p.stem, homes.home(p, tahun)) for p in pages if p.applies_to(tahun)}
                           & {(t.stem, t.tahun) for t, _ in todo} for tahun in years}

                def documents_ready(done: set) -> list[tuple[int, dict]]:
                    """Document jobs of the years whose pages have all finished (own pool, not forced to wait)."""
                    ready = []
                    for tahun in [t for t, need in waiting.items() if need <= done]:
                        del waiting[tahun]
                        current = {(r.stem, r.tahun): r for r in results if r.status != SKIPPED}
                        cells = {(page.stem, tahun): _cell_of(out, page, tahun, current, fp, nb_dir, kernel_name,
                                                              order, nav_years, homes)
                                 for page in pages if page.applies_to(tahun)}
                        _, job = _plan_documents(out, data, tahun, order, cells, fp, force, homes)
                        if job is not None:
                            ready.append((tahun, job))
                    return ready

                interrupted = _run_tasks(todo, results, out, workers, executor, own, kernel_key, log,
                                         documents_ready if own else None, early, documents_executor)
            report = BuildReport(results, 0.0, out, fp.data_fingerprint(), interrupted)
            current = {(r.stem, r.tahun): r for r in results if r.status != SKIPPED}
            cells = {(page.stem, tahun): _cell_of(out, page, tahun, current, fp, nb_dir, kernel_name, order,
                                                  nav_years, homes) for page in pages for tahun in nav_years}
            documents = {}
            if not interrupted:
                plans = {tahun: _plan_documents(out, data, tahun, order, cells, fp, force, homes) for tahun in years}
                jobs_left = [(tahun, job) for tahun, (_, job) in plans.items() if job is not None]
                if len(jobs_left) > 1 and own and executor is None:
                    executor = _make_executor(min(jobs, len(jobs_left)), transport, None)
                _write_documents(jobs_left, plans, documents_executor() if len(jobs_left) > 1 else None, log, early)
                if jobs_left:
                    _prune_fragments(out, nav_years)
                documents = {tahun: plan for tahun, (plan, _) in plans.items()}
        except KeyboardInterrupt:
            interrupted = True
            report = BuildReport(results, 0.0, out, fp.data_fingerprint(), interrupted)
            current = {(r.stem, r.tahun): r for r in results if r.status != SKIPPED}
            cells = {(page.stem, tahun): _cell_of(out, page, tahun, current, fp, nb_dir, kernel_name, order,
                                                  nav_years, homes) for page in pages for tahun in nav_years}
            documents = {}
        finally:
            _wait_after_task()  # pages run in this process (an inline executor): their kernels stopped
            if own and executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
            if document_pool is not None:
                document_pool.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(out / STATE_DIR / STAGING_DIR, ignore_errors=True)  # the (empty) staging folders
        _write_text(out / STATE_DIR / "years.json", json.dumps({"years": nav_years}))
        for tahun in nav_years:  # years not built in this run keep what they have
            if tahun not in documents:
                documents[tahun] = YearDocuments(links=year_downloads(out, tahun, DOCUMENTS,
                                                                      _audit_home(pages, tahun, homes)))
        report.interrupted = interrupted
        report.documents = {t: d.problem for t, d in documents.items() if d.problem}
        from helpers.core.narasi import count_to_check

        report.to_check = {tahun: count_to_check(out / str(tahun)) for tahun in years}
        write_index(out, order, nav_years, cells, documents, title=f"Lampiran {_office_title(data)}".strip(),
                    data_fingerprint=report.data_fingerprint)
        for result in results:  # the index now links these pages' HTML, not their failure copy
            if result.status in (BUILT, UP_TO_DATE):
                with contextlib.suppress(FileNotFoundError):
                    (out / result.failed_notebook).unlink()
        report.seconds = time.monotonic() - started
        if not interrupted and not report.failures and own:
            _record_quiet_key(out, data, nb_dir, pages_path, settings, report)
        print(report.summary(), file=log, flush=True)
        return report


#: What the last build without a failed page saw and reported (``.build/unchanged.json``).
QUIET_RECORD = "unchanged.json"


def _quiet_key(out: Path, data: Path, nb_dir: Path, pages_path: Path, settings: dict) -> str:
    """One hash of everything a build reads and writes: its settings, every data, code and notebook
    file (bytes), the installed versions, and the size and time of every file in the output
    directory (as :func:`_changed_product` trusts them). ~20 ms for the whole report."""
    digest = hashlib.sha256(json.dumps({**settings, "versions": _installed_versions(VERSIONED_PACKAGES),
                                        "python": sys.version}, sort_keys=True, default=str).encode())
    skip = {os.path.join(STATE_DIR, "lock"), os.path.join(STATE_DIR, QUIET_RECORD)}
    roots = [(data, True), (PACKAGE_DIR, True), (nb_dir, True)] + [(pages_path.parent, True)] * (
        pages_path.parent != nb_dir) + [(out, False)]
    for root, content in roots:
        root = str(root)
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and (not content or not d.startswith(".")))
            for name in sorted(names):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                if content and name.startswith(".") or not content and rel in skip:
                    continue
                try:
                    if content:
                        with open(path, "rb") as handle:
                            digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + handle.read() + b"\0")
                    else:
                        stat = os.stat(path)
                        digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
                except OSError:
                    digest.update(rel.encode("utf-8", "surrogateescape") + b"\0?")
    return digest.hexdigest()


def _record_quiet_key(out: Path, data: Path, nb_dir: Path, pages_path: Path, settings: dict,
                      report: "BuildReport") -> None:
    """After a build without a failed page: what the next one needs to see that nothing changed
    since, and what to report then (statuses, documents held back, numbers to check)."""
    record = {"key": _quiet_key(out, data, nb_dir, pages_path, settings),
              "results": [[r.stem, r.tahun, r.status, r.reason] for r in report.results],
              "data_fingerprint": report.data_fingerprint, "to_check": report.to_check,
              "documents": report.documents}
    _write_text(out / STATE_DIR / QUIET_RECORD, json.dumps(record))


def _unchanged_since_last_build(out: Path, data: Path, nb_dir: Path, pages_path: Path, settings: dict,
                                started: float) -> Optional["BuildReport"]:
    """The report of a build with nothing to do, when no input, code, setting or output changed
    since the last build without a failed page (None: plan the build as usual). The no-op
    build then reads no page record or model and parses no YAML (docs/build.md, Speed)."""
    record = _read_record(out / STATE_DIR / QUIET_RECORD)
    if not record.get("key"):
        return None
    with _build_lock(out):  # never while another build writes
        if _quiet_key(out, data, nb_dir, pages_path, settings) != record["key"]:
            return None
    results = [PageResult(stem, int(tahun), UP_TO_DATE if status == BUILT else status, reason=reason)
               for stem, tahun, status, reason in record.get("results", [])]
    return BuildReport(results, time.monotonic() - started, out, record.get("data_fingerprint", ""),
                       documents={int(k): v for k, v in (record.get("documents") or {}).items()},
                       to_check={int(k): v for k, v in (record.get("to_check") or {}).items()})


#: What one worker with its kernel needs at most (measured peak of the heaviest page, rounded up).
WORKER_MEMORY_MB = 300


def _job_cap(jobs: int) -> int:
    """``jobs``, but no more workers than CPUs, nor than the available memory holds."""
    cap = os.cpu_count() or 1
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            available = next(int(line.split()[1]) for line in handle if line.startswith("MemAvailable:"))
        cap = min(cap, max(1, available // 1024 // WORKER_MEMORY_MB))
    except (OSError, StopIteration, ValueError):
        pass
    return max(1, min(jobs, cap))


def _compile_helpers() -> None:
    """Write the bytecode of ``helpers/`` once, before kernels import it.

    Every kernel imports the helpers; without bytecode on disk (``PYTHONDONTWRITEBYTECODE`` is set,
    or the files were never imported) each one compiles them again, about 2 s of CPU per kernel
    (docs/build.md). Up-to-date files are only looked at; a read-only checkout is left as it is.
    It runs while the workers start: their kernels import the helpers once booted (about 1 s),
    and all of ``helpers/`` compiles in about 0,5 s (a kernel that comes first compiles what it
    imports itself, as any Python does).
    """
    import compileall

    with contextlib.suppress(OSError):
        compileall.compile_dir(str(PACKAGE_DIR), quiet=2, workers=1)


def _make_executor(jobs: int, transport: str, kernel_key: Optional[tuple]):
    """The runner's own pool: ``jobs`` spawned worker processes, each with a kernel pool (none
    when ``kernel_key`` is None: a pool for the years' documents and for pages shown again without
    running, which imports the document writers ahead)."""
    import concurrent.futures as cf
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # fresh interpreters: no forked zmq state
    if kernel_key is None:
        return cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_document_worker_init)
    return cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init,
                                  initargs=(kernel_key, transport))


def _document_worker_init() -> None:
    """Initializer of a worker without kernels (the years' documents, pages shown again from their
    published notebooks): as :func:`_worker_init`, without the kernel and papermill."""
    from multiprocessing import util

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _raise_system_exit)
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    util.Finalize(None, _wait_after_task, exitpriority=20)
    util.Finalize(None, _exit_now, exitpriority=-100)
    _watch_parent(os.getppid())
    _preload_document_writers()


def _stop_workers(executor: Any) -> None:
    for process in list(getattr(executor, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()  # SIGTERM: the worker stops its kernel and removes temp files


def _run_tasks(todo: list[tuple[PageTask, dict[str, Any]]], results: list[PageResult], out: Path,
               workers: int, executor: Any, own: bool, kernel_key: tuple, log: IO[str],
               documents_ready: Any = None, early: Optional[dict] = None,
               documents_executor: Any = None) -> bool:
    """Dispatch tasks to ``executor``, record each result as it finishes; returns True if interrupted.

    ``documents_ready(done)`` (optional) returns the document jobs of the years whose pages are all
    done; each is submitted at once to ``documents_executor()`` (default: the same executor) and
    kept in ``early`` (tahun -> job, future)."""
    import concurrent.futures as cf

    from helpers.run.kernel import ensure_kernel

    if kernel_key[0] == KERNEL_NAME:
        ensure_kernel(KERNEL_NAME)
    futures = {}
    for index, (task, meta) in enumerate(todo):
        # Own workers start their next kernel in advance while enough pages remain queued.
        task = dataclasses.replace(task, prestart_next=own and len(todo) - 1 - index >= workers,
                                   html_later=task.revisions_only and documents_ready is not None)
        futures[executor.submit(run_page, task)] = (task, meta)

    previous_term = None
    if threading.current_thread() is threading.main_thread():
        previous_term = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    interrupted = False
    done: set[tuple[str, int]] = set()
    pending: dict[tuple[str, int], PageResult] = {}  # shown again, the HTML still to write
    try:
        while futures:
            finished, _ = cf.wait(futures, return_when=cf.FIRST_COMPLETED)
            for future in finished:
                task, meta = futures.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # worker crashed (killed, BrokenProcessPool, unpicklable...)
                    result = PageResult(task.stem, task.tahun, FAILED,
                                        error={"message": f"worker failed: {type(exc).__name__}: {exc}"})
                key = (task.stem, task.tahun)
                if result.html_pending:  # its model is published: the documents may start; the HTML next
                    html_task = dataclasses.replace(task, revisions_only=False, html_later=False, republish=True)
                    futures[executor.submit(run_page, html_task)] = (html_task, {**meta, "shown": result})
                    pending[key] = result
                    results.append(result)
                else:
                    shown = meta.get("shown")
                    if shown is not None:  # the HTML of a page shown again: one result for both steps
                        pending.pop(key, None)
                        results.remove(shown)
                        result.seconds += shown.seconds
                    result.reason = meta["reason"] if result.status == BUILT else result.reason
                    _save_record(out, task, result, meta["inputs"])
                    results.append(result)
                    _log_line(log, result)
                done.add(key)
                if documents_ready is not None and early is not None:
                    for tahun, job in documents_ready(done):
                        pool = documents_executor() if documents_executor is not None else executor
                        job = {**job, "pages_done": not futures or all(t.republish for t, _ in futures.values())}
                        early[tahun] = (job, pool.submit(write_documents_job, job))
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted: stopping workers; finished pages are kept, the rest keep their previous outputs",
              file=log, flush=True)
        for future in futures:
            future.cancel()
        for result in pending.values():  # its HTML was not written: the next build shows it again
            result.status = FAILED
            result.error = {"message": "interrupted before its HTML was written"}
        if own:
            _stop_workers(executor)
    finally:
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
    return interrupted


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


#: The products of a page whose bytes the record keeps and the next build verifies.
def _page_products(year_out: Path, stem: str) -> list[Path]:
    return [year_out / f"{stem}.html", year_out / f"{stem}.ipynb", year_out / "model" / f"{stem}.json"]


def _product_stamps(year_out: Path, stem: str, names: Optional[Sequence[str]] = None) -> dict[str, dict[str, Any]]:
    """Size, modification time and sha256 of each product that exists (recorded after a success):
    ``names`` (relative to ``year_out``: every file the run published) or the page, notebook and model."""
    stamps = {}
    paths = [year_out / n for n in names] if names else _page_products(year_out, stem)
    for path in paths:
        try:
            stat = path.stat()
            stamps[str(path.relative_to(year_out))] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                                                       "sha256": _sha256(path.read_bytes())}
        except OSError:
            continue
    return stamps


def _changed_product(year_out: Path, stem: str, record: dict[str, Any]) -> Optional[str]:
    """The first product that is missing or no longer the file the build wrote (None: all intact).

    A product whose size and modification time are those recorded is trusted (as git trusts its
    index); otherwise its content hash decides, so a ``touch`` alone rebuilds nothing but a
    truncated page or a 12-byte notebook does."""
    stamps = record.get("products")
    for path in _page_products(year_out, stem)[:2]:
        if not path.exists():
            return str(path.relative_to(year_out))
    if not isinstance(stamps, dict):
        return None  # a record from before product stamps: the files exist, nothing to compare
    for name, stamp in stamps.items():
        path = year_out / name
        try:
            stat = path.stat()
        except OSError:
            return name
        if (stat.st_size, stat.st_mtime_ns) == (stamp.get("size"), stamp.get("mtime_ns")):
            continue
        try:
            if stat.st_size != stamp.get("size") or _sha256(path.read_bytes()) != stamp.get("sha256"):
                return name
        except OSError:
            return name
    return None


def _clean_own_leftovers(out: Path, pages: Sequence[Page]) -> int:
    """Remove what an interrupted build of its own left: the staging folders, and temporary files
    (``.tmp-<name>.*``, see helpers.core.files) of the files the build writes: anything under
    ``.build/``, ``.tmp-index.html.*``, and in each year folder those of its pages, page models and
    documents. A ``.tmp-*`` file of anyone else is not touched. Returns how many files went."""
    from helpers.run import appendix

    state = out / STATE_DIR
    removed = sum(1 for p in (state / STAGING_DIR).rglob("*") if p.is_file()) if (state / STAGING_DIR).is_dir() else 0
    shutil.rmtree(state / STAGING_DIR, ignore_errors=True)
    removed += files.clean_temp_files(state)

    def own(folder: Path, names: Iterable[str]) -> int:
        prefixes = tuple(f"{files.TEMP_PREFIX}{name}." for name in names)
        count = 0
        for path in folder.glob(f"{files.TEMP_PREFIX}*") if folder.is_dir() else ():
            if path.is_file() and path.name.startswith(prefixes):
                path.unlink()
                count += 1
        return count

    removed += own(out, ["index.html"])
    stems = [page.stem for page in pages]
    for year in (d for d in out.iterdir() if d.is_dir() and d.name.isdigit()) if out.is_dir() else ():
        documents = [appendix.document_path(year, kind, int(year.name)).name for kind in appendix.DOCUMENTS]
        removed += own(year, [f"{stem}{ext}" for stem in stems for ext in (".html", ".ipynb")] + documents)
        removed += own(year / "model", [f"{stem}.json" for stem in stems])
        removed += own(year / "narasi", ["pemeriksaan-angka.csv"])
        removed += own(year / FAILED_DIR, [f"{stem}.ipynb" for stem in stems])
    return removed


def _save_record(out: Path, task: PageTask, result: PageResult, inputs: dict[str, Any]) -> None:
    record = {"notebook": Path(task.notebook).name, "tahun": task.tahun,
              "status": "ok" if result.status == BUILT else "failed",
              "fingerprint": fingerprint_of(inputs), "inputs": inputs,
              "built_at": _dt.datetime.now().isoformat(timespec="seconds"),
              "seconds": round(result.seconds, 3), "error": result.error}
    if result.status == BUILT:
        record["products"] = _product_stamps(Path(task.output_dir), task.stem, result.products)
    _write_text(_record_path(out, task.tahun, task.stem), json.dumps(record, indent=1, sort_keys=True))


# --------------------------------------------------------------------------------------------
# Index and the year's documents
# --------------------------------------------------------------------------------------------

def _cell_of(out: Path, page: Page, tahun: int, current: dict[tuple[str, int], PageResult],
             fp: Fingerprinter, nb_dir: Path, kernel_name: str, order, nav_years: list[int], homes: "Homes") -> Cell:
    """Status of a page x year for the index: that of the page its year shares (this run's
    result, else what is on disk), with where it lives."""
    if not page.applies_to(tahun):
        return Cell(SKIPPED)
    home = homes.home(page, tahun)
    cell = _home_cell(out, page, home, current, fp, nb_dir, kernel_name, page_nav(order, page, home, nav_years, homes),
                      homes)
    cell.home = home
    cell.shared = homes.label(page, tahun)
    return cell


def _home_cell(out: Path, page: Page, tahun: int, current: dict[tuple[str, int], PageResult],
               fp: Fingerprinter, nb_dir: Path, kernel_name: str, nav: dict, homes: "Homes") -> Cell:
    failed_nb = f"{tahun}/{FAILED_DIR}/{page.stem}.ipynb"
    failed_link = failed_nb if (out / failed_nb).exists() else None  # never link a missing file
    if (page.stem, tahun) in current:
        result = current[(page.stem, tahun)]
        return Cell(result.status, (result.error or {}).get("message", ""), failed_link)
    record = _read_record(_record_path(out, tahun, page.stem))
    if not record:
        return Cell("missing")
    if record.get("status") != "ok":
        return Cell(FAILED, (record.get("error") or {}).get("message", ""), failed_link)
    params = {"tahun": tahun, "data_dir": str(fp.data_dir), "output_dir": str(out / str(tahun))}
    inputs = fp.inputs(page, nb_dir / page.notebook, params, kernel_name, nav, homes)
    intact = _changed_product(out / str(tahun), page.stem, record) is None
    return Cell(UP_TO_DATE if intact and record.get("fingerprint") == fingerprint_of(inputs) else "stale")


@dataclasses.dataclass(frozen=True)
class Homes:
    """Where the page of a reporting year lives: reporting years whose page is the same (its data
    window, :func:`helpers.core.registry.reporting_window`) share one build, in the first year's folder."""

    periode_start: int
    realised: tuple[int, ...] = ()

    def window(self, page: Page, tahun: int) -> list[int]:
        return registry.reporting_window(page, tahun, self.periode_start, self.realised)

    def home(self, page: Page, tahun: int) -> int:
        return self.window(page, tahun)[0]

    def label(self, page: Page, tahun: int) -> str:
        """``2025–2029`` when several reporting years share the page, else ``""``."""
        from helpers.core.years import year_span

        window = self.window(page, tahun)
        return year_span(window) if len(window) > 1 else ""

    def realisasi_until(self, page: Page, tahun: int) -> Optional[int]:
        """The last realisation year the page for ``tahun`` reads (None: it reads none)."""
        return registry.last_realisasi_year(page, tahun, self.periode_start, self.realised)


def _periode_start(data_dir: Path, default: int) -> int:
    """The first year of the plan (``opd.yaml``); ``default`` when it cannot be read (the page then fails clearly)."""
    from helpers.core.opd import OpdError, load_opd

    try:
        return load_opd(data_dir).periode[0]
    except (OpdError, OSError):
        return default


def _office_title(data_dir: Path) -> str:
    """The document and office the index belongs to, from ``opd.yaml`` (empty when it is unusable)."""
    from helpers.core.opd import OpdError, load_opd

    try:
        return load_opd(data_dir).judul_dokumen
    except OpdError:
        return ""


#: The code the year's documents depend on (beside the page models, revisions and layout).
DOCUMENT_CODE = ("core/narasi.py", "core/prose.py", "core/registry.py", "core/opd.py", "present", "run/appendix.py")


def _plan_documents(out: Path, data: Path, tahun: int, order, cells: dict[tuple[str, int], Cell],
                    fp: Fingerprinter, force: bool, homes: Homes) -> tuple[YearDocuments, Optional[dict]]:
    """What to do about the Word appendix, workbook and narratives of ``tahun``: nothing (fresh),
    a job to write them, or a problem to show (a page serving the year failed or is missing)."""
    from helpers.run import appendix

    pages = [page for _, page in order if page.applies_to(tahun)]
    year = out / str(tahun)
    page_dirs = {page.stem: out / str(homes.home(page, tahun)) for page in pages}
    # Built or up to date means its products, the model among them, are the files the build wrote.
    not_ok = [page.title for page in pages if cells[(page.stem, tahun)].status not in (BUILT, UP_TO_DATE)
              or not (page_dirs[page.stem] / "model" / f"{page.stem}.json").is_file()]
    documents = YearDocuments(links=year_downloads(out, tahun, DOCUMENTS, _audit_home(pages, tahun, homes)))
    if not_ok:
        documents.problem = (f"Dokumen unduhan tahun {tahun} belum diperbarui karena halaman berikut gagal atau "
                             f"belum dibangun: {'; '.join(not_ok)}.")
        return documents, None
    record_path = _record_path(out, tahun, DOCUMENTS_RECORD)
    digest = appendix.inputs_hash(year, pages, tahun, data, fp.code_hashes(DOCUMENT_CODE), page_dirs)
    paths = [appendix.document_path(year, kind, tahun) for kind in appendix.DOCUMENTS]
    if not force and _read_record(record_path).get("fingerprint") == digest and all(p.is_file() for p in paths):
        return documents, None
    job = {"year_dir": str(year), "tahun": tahun, "pages": pages, "chapters": [c for c, _ in order if c],
           "data_dir": str(data), "page_dirs": {k: str(v) for k, v in page_dirs.items()},
           "record": str(record_path), "digest": digest, "out": str(out), "audit": _audit_home(pages, tahun, homes),
           "cache": str(out / STATE_DIR / CACHE_DIR), "force": force}
    return documents, job


def _after_task(close_pool: Any = None) -> None:
    """Stop ``close_pool``'s kernels (if given) and release the task's memory in a thread, so the
    task's result reaches the runner first (~0,05 s of every page's and year's critical path).
    This thread's next task, the end of a build and the worker's exit wait for it
    (:func:`_wait_after_task`; per thread, as the kernel pool is)."""
    def cleanup() -> None:
        with contextlib.suppress(Exception):
            if close_pool is not None:
                close_pool.close()
        _release_memory()

    _wait_after_task()
    thread = _LOCAL.after_task = threading.Thread(target=cleanup, name="renstra-after-task")
    thread.start()


def _wait_after_task() -> None:
    """Wait until this thread's cleanup of its previous task (:func:`_after_task`) has ended."""
    thread = getattr(_LOCAL, "after_task", None)
    if thread is not None:
        thread.join()
        _LOCAL.after_task = None


def _release_memory() -> None:
    """After a task in a worker: collect its garbage and hand the freed heap back to the system
    (glibc keeps it otherwise, and the next task's peak would sit on top of this one's)."""
    import gc

    gc.collect()
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _kept_documents(year_dir: Path, record: dict[str, Any]) -> dict[str, str]:
    """The documents of a year found as the last build wrote them, with the key they were written
    for (``record["documents"]``: kind -> name, key, size, mtime_ns, sha256; as page products, a
    file of the recorded size and time is trusted, otherwise its content hash decides)."""
    kept = {}
    for kind, entry in (record.get("documents") or {}).items():
        if not isinstance(entry, dict):
            continue
        path = year_dir / str(entry.get("name", ""))
        try:
            stat = path.stat()
            same = (stat.st_size, stat.st_mtime_ns) == (entry.get("size"), entry.get("mtime_ns")) or (
                stat.st_size == entry.get("size") and _sha256(path.read_bytes()) == entry.get("sha256"))
        except OSError:
            continue
        if same and entry.get("key"):
            kept[kind] = str(entry["key"])
    return kept


def write_documents_job(job: dict) -> tuple[list[str], float, list[str], dict[str, dict[str, Any]]]:
    """Worker side: write one year's documents (picklable arguments); returns their names, the
    seconds it took, the keys of the appendix's fragments (kept in ``.build/cache``) and, per
    document that has a key, what the record keeps of it (a workbook whose tables are the same
    is not written again, :func:`helpers.run.appendix.write_year_documents`)."""
    from helpers.run import appendix

    _wait_after_task()
    started = time.monotonic()
    used: list[str] = []
    keys: dict[str, str] = {}
    year_dir = Path(job["year_dir"])
    pool = getattr(_LOCAL, "pool", None)
    if job.get("pages_done") and pool is not None:
        pool.close()  # no page comes after this: the worker's kept and spare kernels would only hold memory
    try:
        kept = {} if job.get("force") else _kept_documents(year_dir, _read_record(Path(job["record"])))
        paths = appendix.write_year_documents(year_dir, job["tahun"], job["pages"], job["chapters"],
                                              Path(job["data_dir"]), {k: Path(v) for k, v in job["page_dirs"].items()},
                                              cache_dir=Path(job["cache"]), used=used, kept=kept, keys=keys)
    finally:
        _after_task()
    from helpers.core.narasi import CHECK_FILE

    check = year_dir / "narasi" / CHECK_FILE  # the number check of the year's revisions, written with them
    paths = list(paths) + ([check] if check.is_file() and check not in paths else [])
    names = [str(Path(p).relative_to(year_dir)) if Path(p).is_relative_to(year_dir) else Path(p).name for p in paths]
    documents = {}
    for kind, key in keys.items():
        path = appendix.document_path(year_dir, kind, job["tahun"])
        with contextlib.suppress(OSError):
            stat = path.stat()
            documents[kind] = {"name": path.name, "key": key, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                               "sha256": _sha256(path.read_bytes())}
    return names, time.monotonic() - started, used, documents


def _write_documents(jobs: list[tuple[int, dict]], plans: dict, executor: Any, log: IO[str],
                     early: Optional[dict] = None) -> None:
    """Write the years' documents (in the pool when there are several), record or report each.
    A year whose documents were started while later pages ran (``early``, same inputs) is not
    written again."""
    final = dict(jobs)
    futures = {}
    for tahun, (job, future) in (early or {}).items():
        if job["digest"] == final.get(tahun, {}).get("digest"):
            futures[tahun] = future
        else:  # started on inputs that changed since: let it finish before the current job writes
            with contextlib.suppress(Exception):
                future.result()
    if executor is not None:  # every page has run by now
        futures.update({tahun: executor.submit(write_documents_job, {**job, "pages_done": True}) for tahun, job in jobs
                        if tahun not in futures})
    for tahun, job in jobs:
        documents, _ = plans[tahun]
        try:
            names, seconds, used, kept = futures[tahun].result() if tahun in futures else write_documents_job(job)
        except Exception as exc:  # a document that cannot be written must not hide the pages
            documents.problem = f"Dokumen unduhan tahun {tahun} gagal dibuat: {type(exc).__name__}: {exc}"
            print(f"failed     documents {tahun}: {type(exc).__name__}: {exc}", file=log, flush=True)
            with contextlib.suppress(FileNotFoundError):
                Path(job["record"]).unlink()
            continue
        _write_text(Path(job["record"]), json.dumps({"fingerprint": job["digest"], "products": names, "parts": used,
                                                     "documents": kept}, sort_keys=True))
        print(f"built      {'documents':<32} {tahun}  {seconds:6.2f}s  {', '.join(names)}", file=log, flush=True)
        documents.links = year_downloads(Path(job["out"]), tahun, DOCUMENTS, job["audit"])  # now with the new files


def _prune_fragments(out: Path, years: Iterable[int]) -> None:
    """Remove the appendix fragments kept in ``.build/cache`` that no year's documents hold now."""
    from helpers.run.appendix import prune_fragments

    keep = {key for tahun in years for key in _read_record(_record_path(out, tahun, DOCUMENTS_RECORD)).get("parts") or ()}
    prune_fragments(out / STATE_DIR / CACHE_DIR, keep)


def _audit_home(pages: list[Page], tahun: int, homes: Homes) -> Optional[tuple[str, int]]:
    """The audit page serving ``tahun`` and the year folder it lives in (None without one)."""
    audit = next((page for page in pages if page.module == "audit" and page.applies_to(tahun)), None)
    return (audit.stem, homes.home(audit, tahun)) if audit else None


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(
        prog="python -m helpers.run.build",
        description="Execute every page notebook for every year (papermill), publish HTML without "
                    "code and write OUTPUT_DIR/index.html. Unchanged pages are skipped.",
        epilog="Exit codes: 0 ok, 1 a page failed, 2 bad arguments, 3 another build holds the lock, "
               "130 interrupted.")
    parser.add_argument("--years", default=DEFAULT_YEARS,
                        help="years to build: a range 2025-2029, a list 2025,2027 or both (default: %(default)s)")
    parser.add_argument("--jobs", "-j", type=int, default=cpus,
                        help="parallel worker processes (default: os.cpu_count() = %(default)s)")
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="data directory (default: %(default)s)")
    parser.add_argument("--output-dir", default=str(DEFAULT_OUTPUT_DIR),
                        help="output directory (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="rebuild every page even if unchanged")
    parser.add_argument("--notebooks-dir", default=str(DEFAULT_NOTEBOOKS_DIR),
                        help="directory of the notebooks (default: %(default)s)")
    parser.add_argument("--pages", default=None,
                        help="page registry (default: NOTEBOOKS_DIR/pages.yaml)")
    parser.add_argument("--only", nargs="+", metavar="STEM", default=None,
                        help="build only these notebooks (stems as in pages.yaml, e.g. 01-evaluasi)")
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT,
                        help="seconds a single cell may run, 0 = no limit (default: %(default)s)")
    parser.add_argument("--transport", choices=("ipc", "tcp"), default="ipc",
                        help="kernel transport (default: %(default)s; tcp binds 127.0.0.1 only)")
    parser.add_argument("--validate-first", action="store_true",
                        help="check the directories, then validate the data (skipped while the data are unchanged: "
                             "content hash in OUTPUT_DIR/.build/data-valid.stamp), then build; what make report "
                             "runs, in one process")
    parser.add_argument("--fresh-kernels", action="store_true",
                        help="a fresh kernel for every page (default: a worker's kernel is reset and reused "
                             "after a page that succeeded; same pages, slower)")
    fleet = parser.add_argument_group("fleets of offices (helpers/run/fleet.py)")
    fleet.add_argument("--fleet", metavar="FLEET_YAML", default=None,
                       help="build every office of this fleet file (each with its data_dir and output_dir) "
                            "instead of --data-dir/--output-dir")
    fleet.add_argument("--executor", choices=("local", "dask"), default="local",
                       help="with --fleet: local process pools, or Dask (default: %(default)s)")
    fleet.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="with --executor dask: the scheduler's address (default: start a LocalCluster of "
                            "--jobs single-threaded workers)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """CLI entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    # SIGTERM behaves like Ctrl-C for the whole run, not only while pages execute: a TERM during
    # planning or while the index is written must not kill the runner half-way (exit -15, no cleanup).
    previous_term = None
    if threading.current_thread() is threading.main_thread():
        previous_term = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        if args.fleet:
            return _main_fleet(args)
        if args.executor != "local" or args.scheduler:
            raise UsageError("--executor and --scheduler apply to --fleet")
        gate = None
        if args.validate_first:
            data, out = Path(args.data_dir).expanduser().resolve(), Path(args.output_dir).expanduser().resolve()
            _check_dirs(data, out)
            from helpers.core import datastamp

            if not datastamp.is_current(data, out):  # pandas and the loader only when tables changed
                gate = _validate_first(data, out)
        report = build(args.years, jobs=args.jobs, data_dir=args.data_dir, output_dir=args.output_dir,
                       force=args.force, notebooks_dir=args.notebooks_dir, pages_file=args.pages,
                       only=args.only, timeout=args.timeout or None, transport=args.transport,
                       reuse_kernels=not args.fresh_kernels, gate=gate)
        code = gate() if gate is not None else 0  # a build with nothing to run did not wait for it
        if code:
            return code
    except UsageError as exc:
        print(f"python -m helpers.run.build: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildLocked as exc:
        print(f"python -m helpers.run.build: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except ValidationFailed as exc:
        return exc.code
    except KeyboardInterrupt:
        print("python -m helpers.run.build: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
    return report.exit_code


def _python_path() -> str:
    """``PYTHONPATH`` for the processes the runner starts (kernels, the validation): the repository first."""
    return os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))


def _validate_first(data: Path, out: Path) -> Callable[[], int]:
    """Start validating what changed in ``data`` since ``out``'s stamps
    (``helpers.core.validate.revalidate``); returns what waits for its exit code (the build's ``gate``).

    Changed revisions alone are checked here and now (no pandas). Changed tables are validated in a
    child process, so that the runner does not keep pandas and pandera (~70 MiB) for the whole
    build beside its workers and kernels, and so that the workers and kernels start while it runs;
    the tables it validates are kept in ``.build/cache`` for the pages' kernels, which then read
    them instead of validating them again. No page runs before it has ended well."""
    from helpers.core import datastamp

    if datastamp.tables_current(data, out):
        from helpers.core.validate import revalidate

        code = revalidate(data, out)
        return lambda: code
    import subprocess

    env = {**os.environ, CACHE_DIR_ENV: str(out / STATE_DIR / CACHE_DIR), "PYTHONPATH": _python_path()}
    child = subprocess.Popen([sys.executable, "-m", "helpers.core.validate", "--stamp-dir", str(out), str(data)],
                             env=env)
    return child.wait


def _main_fleet(args: argparse.Namespace) -> int:
    from helpers.run import fleet

    years = None if args.years == DEFAULT_YEARS else args.years
    try:
        results, text = fleet.run(args.fleet, build=build, default_years=DEFAULT_YEARS, years=years,
                                  executor_kind=args.executor, scheduler=args.scheduler,
                                  jobs=args.jobs, log=sys.stderr, force=args.force,
                                  notebooks_dir=args.notebooks_dir, pages_file=args.pages, only=args.only,
                                  timeout=args.timeout or None, transport=args.transport,
                                  reuse_kernels=not args.fresh_kernels)
    except fleet.FleetError as exc:
        raise UsageError(str(exc)) from None
    print(text, file=sys.stderr, flush=True)
    return max((r.exit_code for r in results), default=EXIT_OK)


if __name__ == "__main__":
    from helpers.run.build import main as _main  # run the importable module, so workers can unpickle tasks

    sys.exit(_main())
