"""Fleets of offices on Dask (helpers/run/fleet.py), on SYNTHETIC offices and fixture notebooks.

Three synthetic offices (data directories made here, the fx-* notebooks of tests/fixtures/) are
built on a real ``distributed.LocalCluster``: the pages equal those of a local build byte for byte,
a failing page stays in its office, the summary is per office, and a worker killed while it runs a
page does not lose the page.
"""
from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.run.test_build import FIXTURES, REPO, make_data, write_pages

pytest.importorskip("distributed")

from helpers.run import build as B  # noqa: E402
from helpers.run import fleet  # noqa: E402

OFFICES = ("Dinas Sintetis A", "Dinas Sintetis B", "Dinas Sintetis C")


def make_fleet(tmp_path: Path, *, failing: str | None = None, slow: bool = False) -> Path:
    """A fleet file of three synthetic offices; ``failing``: the office whose fx-fail page fails."""
    entries = []
    for n, name in enumerate(OFFICES):
        root = tmp_path / f"opd-{n}"
        data = make_data(root)
        (data / "tables" / "fx_b.csv").write_text(f"x\n{n + 1}\n")  # each office its own figures
        if name == failing:
            (data / "tables" / "fx_c.csv").write_text("fail\n")
        entries.append(f"  - name: {name}\n    data_dir: opd-{n}/data\n    output_dir: opd-{n}/hasil\n")
    pages = [("fx-params.ipynb", "2019-2029", "Parameter", ["fx_b"]),
             ("fx-fail.ipynb", "2019-2029", "Gagal sintetis", ["fx_c"])]
    if slow:
        pages.append(("fx-slow.ipynb", "2019-2029", "Lambat", ["fx_slow"]))
    write_pages(tmp_path / "pages.yaml", pages)
    path = tmp_path / "fleet.yaml"
    path.write_text("years: 2025-2026\noffices:\n" + "".join(entries))
    return path


def products(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".build" not in p.parts and p.name != "index.html"}


def test_fleet_on_dask_equals_local_builds_and_isolates_failures(tmp_path):
    path = make_fleet(tmp_path, failing=OFFICES[1])
    log = io.StringIO()
    results, text = fleet.run(path, build=B.build, default_years="2025", executor_kind="dask", jobs=2, log=log,
                              notebooks_dir=FIXTURES,
                              pages_file=tmp_path / "pages.yaml")
    assert [r.office.name for r in results] == list(OFFICES)
    for r in results:  # every office x page x year ran: 2 pages x 2 years
        assert r.report is not None and len(r.report.results) == 4
    failed = {r.office.name: sorted((f.stem, f.tahun) for f in r.report.failures) for r in results}
    assert failed == {OFFICES[0]: [], OFFICES[1]: [("fx-fail", 2025), ("fx-fail", 2026)], OFFICES[2]: []}
    assert [r.exit_code for r in results] == [0, 1, 0]
    lines = text.splitlines()
    assert lines[0].startswith("Fleet: 3 office(s)")
    assert any(line.strip().startswith(f"{OFFICES[0]}  4 built, 0 up-to-date, 0 failed") for line in lines)
    assert any(line.strip().startswith(f"{OFFICES[1]}  2 built, 0 up-to-date, 2 failed") for line in lines)
    assert "failed: fx-fail 2025: ValueError: synthetic failure" in text
    assert lines[-1] == "Offices with a problem: 1 of 3"

    # Each office has its own figures, and a local build of the same office gives the same bytes.
    for n in (0, 2):
        out = tmp_path / f"opd-{n}" / "hasil"
        params = json.loads((out / "2025" / "tables" / "fx-params.json").read_text())
        assert params["data_dir"] == str((tmp_path / f"opd-{n}" / "data").resolve())
        local = tmp_path / f"lok-{n}" / "hasil"  # as long as opd-<n>/hasil: the page shows a length
        report = B.build("2025-2026", jobs=2, data_dir=tmp_path / f"opd-{n}" / "data", output_dir=local,
                         notebooks_dir=FIXTURES, pages_file=tmp_path / "pages.yaml", log=io.StringIO())
        assert report.exit_code == 0
        mine, theirs = products(out), products(local)
        assert set(mine) == set(theirs) and len(mine) >= 8
        def same_text(data: bytes, root: Path) -> bytes:  # fx-params prints its kernel's pid and paths
            return re.sub(rb"pid(&quot;|\\?\")?: ?\d+", b"pid", data.replace(str(root).encode(), b"OUT"))

        differing = [name for name in mine if same_text(mine[name], out) != same_text(theirs[name], local)]
        if differing:  # show where the first one differs
            a, b = same_text(mine[differing[0]], out), same_text(theirs[differing[0]], local)
            at = next(i for i in range(min(len(a), len(b))) if a[i] != b[i])
            pytest.fail(f"{differing}: {a[at - 80:at + 80]!r} != {b[at - 80:at + 80]!r}")

    # Run again: nothing to do in any office.
    results, text = fleet.run(path, build=B.build, default_years="2025", executor_kind="dask", jobs=2,
                              notebooks_dir=FIXTURES, pages_file=tmp_path / "pages.yaml")
    assert [r.report.count(B.UP_TO_DATE) for r in results] == [4, 2, 4], [r.log for r in results]


def test_a_killed_dask_worker_loses_no_page(tmp_path):
    """SIGKILL of the worker running a page: the scheduler reruns the task on a worker, the page is
    built once, complete, and its staging folder is gone."""
    from dask.distributed import Client, LocalCluster

    path = make_fleet(tmp_path, slow=True)
    offices, _ = fleet.load_fleet(path)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)
        killed = []

        def kill_a_busy_worker():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not killed:
                busy = [addr for addr, keys in client.processing().items() if keys]
                if busy:
                    time.sleep(1.5)  # the page is running in its kernel
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(busy[0])
                time.sleep(0.1)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        results = fleet.build_fleet(offices, "2025", build=B.build, executor=client.get_executor(), jobs=2,
                                    notebooks_dir=FIXTURES, pages_file=tmp_path / "pages.yaml")
        killer.join()
    assert killed, "no worker was busy"
    for r in results:
        assert r.report is not None and r.report.failures == [], (r.office.name, r.log)
        out = r.office.output_dir
        for stem in ("fx-params", "fx-fail", "fx-slow"):
            assert (out / "2025" / f"{stem}.html").stat().st_size > 1000
        assert not (out / ".build" / "staging").exists()


def test_fleet_file_errors_name_the_office_and_key(tmp_path):
    path = tmp_path / "fleet.yaml"
    path.write_text("offices:\n  - name: A\n    data_dir: a\n    output_dir: x\n  - name: B\n    data_dir: b\n")
    with pytest.raises(fleet.FleetError, match=r"fleet.yaml, office 2: missing key\(s\) \['output_dir'\]"):
        fleet.load_fleet(path)
    path.write_text("offices:\n  - name: A\n    data_dir: a\n    output_dir: x\n"
                    "  - name: B\n    data_dir: b\n    output_dir: x\n")
    with pytest.raises(fleet.FleetError, match=r"office 2, key 'output_dir': .* also the output of office 'A'"):
        fleet.load_fleet(path)
    path.write_text("kantor: []\n")
    with pytest.raises(fleet.FleetError, match="non-empty list 'offices:'"):
        fleet.load_fleet(path)


def test_fleet_cli_refuses_one_office_and_builds_the_others(tmp_path):
    path = make_fleet(tmp_path)
    (tmp_path / "opd-2" / "data" / "tables").rename(tmp_path / "opd-2" / "data" / "tabel")  # not a data dir
    done = subprocess.run([sys.executable, "-m", "helpers.run.build", "--fleet", str(path), "--executor", "dask",
                           "--jobs", "2", "--notebooks-dir", str(FIXTURES), "--pages", str(tmp_path / "pages.yaml")],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == B.EXIT_USAGE, done.stderr
    summary = done.stderr[done.stderr.index("Fleet: 3 office(s)"):]
    assert f"{OFFICES[2]}  refused: direktori data" in summary and "tidak memiliki folder tables/" in summary
    assert f"{OFFICES[0]}  4 built" in summary and f"{OFFICES[1]}  4 built" in summary
