"""Shared fixtures. Notebook tests read one batch build per data directory, made once per test
run (``real_build``: this office's data; ``other_build``: the synthetic second office), instead
of running papermill in every test. Helpers live in ``tests/support.py``."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import DATA, OTHER_OFFICE, Build, execute_notebook, kernel_name  # noqa: E402

#: The years of the shared builds: a history year (partial 2021-2024 tables), the first and the
#: last plan year. Pages outside their years are skipped by the runner.
REAL_YEARS = (2022, 2025, 2029)
OTHER_YEARS = (2026,)


def _build(tmp_path_factory, name: str, data_dir: Path, years) -> Build:
    from helpers.run.build import build

    kernel_name()
    out = tmp_path_factory.mktemp(name)
    report = build(list(years), jobs=min(2, os.cpu_count() or 1), data_dir=data_dir, output_dir=out)
    return Build(output_dir=out, data_dir=data_dir, report=report)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> Build:
    """Every page of this office's data for :data:`REAL_YEARS`, built once by the batch runner."""
    return _build(tmp_path_factory, "build-real", DATA, REAL_YEARS)


@pytest.fixture(scope="session")
def other_build(tmp_path_factory) -> Build:
    """Every page of the synthetic second office (tests/fixtures/opd-sintetis), built once."""
    return _build(tmp_path_factory, "build-other", OTHER_OFFICE, OTHER_YEARS)


#: The identity written into a copy of data/ for :func:`renamed_build` (another office, same tables).
RENAMED_OPD = """nama: Dinas Uji Coba Kesejahteraan
singkatan: Dinas Uji Coba
pemerintah_daerah: Kota Percontohan
wilayah: Percontohan
periode: 2025-2029
"""


@pytest.fixture(scope="session")
def renamed_build(tmp_path_factory) -> Build:
    """Every page built from a copy of data/ whose opd.yaml names another office and whose
    inventory table is deleted (year 2026)."""
    data = tmp_path_factory.mktemp("data-renamed") / "data"
    shutil.copytree(DATA, data)
    (data / "opd.yaml").write_text(RENAMED_OPD, encoding="utf-8")
    for suffix in (".csv", ".yaml"):
        (data / "tables" / f"2_2_5b_inventaris{suffix}").unlink()
    (data / "printed" / "2_2_5b_inventaris.csv").unlink(missing_ok=True)
    return _build(tmp_path_factory, "build-renamed", data, (2026,))


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
