"""Shared fixtures. Notebook tests read one batch build per data directory, made once per test
run — ``real_build`` (this office's data), ``other_build`` (the synthetic second office) and
``renamed_build`` (a copy of data/ naming another office, without its inventory) — instead of
running papermill in every test. Helpers live in ``tests/support.py``.

The builds run in a child process (tests/session_builds.py) started right after collection,
while the tests that need no build run; the tests that read a build run after those, and the
runner and safety tests (which start kernels of their own) run last, alone."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import DATA, OTHER_OFFICE, Build, execute_notebook  # noqa: E402

TESTS = Path(__file__).resolve().parent
#: The years of the shared builds: a history year (partial 2021-2024 tables), the first and the
#: last plan year. Pages outside their years are skipped by the runner.
REAL_YEARS = (2022, 2025, 2029)
OTHER_YEARS = (2026,)
#: The identity written into a copy of data/ for :func:`renamed_build` (another office, same tables).
RENAMED_OPD = """nama: Dinas Uji Coba Kesejahteraan
singkatan: Dinas Uji Coba
pemerintah_daerah: Kota Percontohan
wilayah: Percontohan
periode: 2025-2029
"""
BUILD_FIXTURES = ("real_build", "other_build", "renamed_build")
_STATE: dict = {}


def _renamed_data(root: Path) -> Path:
    data = root / "data-renamed"
    shutil.copytree(DATA, data)
    (data / "opd.yaml").write_text(RENAMED_OPD, encoding="utf-8")
    for suffix in (".csv", ".yaml"):
        (data / "tables" / f"2_2_5b_inventaris{suffix}").unlink()
    (data / "printed" / "2_2_5b_inventaris.csv").unlink(missing_ok=True)
    return data


def _builds_of(item) -> set[str]:
    """The session builds a test reads: as fixtures, or named by a parameter (getfixturevalue)."""
    params = getattr(getattr(item, "callspec", None), "params", {}) or {}
    names = set(item.fixturenames) | {v for v in params.values() if isinstance(v, str)}
    return names & set(BUILD_FIXTURES)


def _group(item) -> int:
    """0: needs no build; 1: reads a session build; 2: runner and safety tests (start kernels)."""
    parts = Path(str(item.fspath)).relative_to(TESTS).parts
    if parts[0] in ("run", "safety"):
        return 2
    return 1 if _builds_of(item) else 0


@pytest.hookimpl(trylast=True)  # after -k / -m deselection: start only the builds still needed
def pytest_collection_modifyitems(session, config, items):
    items.sort(key=_group)  # stable: file order within each group
    needed = [name for name in BUILD_FIXTURES if any(name in _builds_of(item) for item in items)]
    if not needed or config.option.collectonly:
        return
    root = Path(tempfile.mkdtemp(prefix="renstra-builds-"))
    sources = {"real_build": (DATA, REAL_YEARS), "other_build": (OTHER_OFFICE, OTHER_YEARS)}
    if "renamed_build" in needed:
        sources["renamed_build"] = (_renamed_data(root), OTHER_YEARS)
    jobs = [{"name": n, "data_dir": str(sources[n][0]), "output_dir": str(root / n), "years": list(sources[n][1])}
            for n in needed]
    spec = root / "spec.json"
    spec.write_text(json.dumps(jobs), encoding="utf-8")
    log = open(root / "builds.log", "w", encoding="utf-8")  # noqa: SIM115 - closed at session end
    process = subprocess.Popen([sys.executable, str(TESTS / "session_builds.py"), str(spec)],
                               stdout=log, stderr=subprocess.STDOUT)
    _STATE.update(root=root, jobs={j["name"]: j for j in jobs}, process=process, log=log)


def pytest_sessionfinish(session, exitstatus):
    process = _STATE.get("process")
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    if _STATE.get("log"):
        _STATE["log"].close()
    if _STATE.get("root"):
        shutil.rmtree(_STATE["root"], ignore_errors=True)


def _session_build(name: str) -> Build:
    if name not in _STATE.get("jobs", {}):
        pytest.fail(f"{name} was not started after collection")
    job = _STATE["jobs"][name]
    results_file = Path(job["output_dir"]).parent / f"{name}.results.json"
    process = _STATE["process"]
    while not results_file.is_file():
        if process.poll() is not None and not results_file.is_file():
            log = (_STATE["root"] / "builds.log").read_text(encoding="utf-8", errors="replace")[-3000:]
            pytest.fail(f"the session build {name} did not finish (exit {process.returncode}):\n{log}")
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
    payload = json.loads(results_file.read_text(encoding="utf-8"))
    if payload.get("error"):
        pytest.fail(f"the session build {name} failed: {payload['error']}")
    report = SimpleNamespace(results=[SimpleNamespace(**r) for r in payload["results"]])
    return Build(output_dir=Path(job["output_dir"]), data_dir=Path(job["data_dir"]), report=report)


@pytest.fixture(scope="session")
def real_build() -> Build:
    """Every page of this office's data for :data:`REAL_YEARS`, built once by the batch runner."""
    return _session_build("real_build")


@pytest.fixture(scope="session")
def other_build() -> Build:
    """Every page of the synthetic second office (tests/fixtures/opd-sintetis), built once."""
    return _session_build("other_build")


@pytest.fixture(scope="session")
def renamed_build() -> Build:
    """Every page built from a copy of data/ whose opd.yaml names another office and whose
    inventory table is deleted (year 2026)."""
    return _session_build("renamed_build")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of ``data/`` for tests that change the data."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def run_notebook(tmp_path):
    """``run_notebook(stem, tahun, data_dir)`` → (executed notebook JSON, its output directory).

    For the few tests that need their own data (a changed copy); others read ``real_build``."""
    def _run(stem: str, tahun, data_dir: Path = DATA):
        out = tmp_path / f"{stem}-{tahun}"
        return execute_notebook(stem, tahun, out, data_dir), out
    return _run
