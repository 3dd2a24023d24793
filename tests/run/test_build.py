"""Tests of the batch runner (helpers/build.py) on SYNTHETIC fixture notebooks.

The notebooks in tests/fixtures/notebooks/ are small synthetic pages (fx-*.ipynb) written for
these tests; the data directory is synthetic too and created per test under tmp_path.
"""
from __future__ import annotations

import concurrent.futures as cf
import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "notebooks"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from helpers.run import build as B  # noqa: E402
from helpers.run.kernel import _pid_alive, ensure_kernel, kernelspec_dir  # noqa: E402


# ---------------------------------------------------------------------------------- helpers

def make_data(root: Path) -> Path:
    """A synthetic data directory for the fixtures."""
    data = root / "data"
    (data / "tables").mkdir(parents=True)
    (data / "realisasi").mkdir()
    (data / "units.yaml").write_text("units: {orang: orang}\n")
    for table, text in {"fx_a": "item,nilai\na,1\nb,3\n", "fx_b": "x\n1\n", "fx_c": "ok\n", "fx_slow": "0\n"}.items():
        (data / "tables" / f"{table}.csv").write_text(text)
        (data / "tables" / f"{table}.yaml").write_text(f"id: {table}\n")
    return data


def write_pages(path: Path, entries: list[tuple[str, str, str, list[str]]]) -> Path:
    """pages.yaml with (notebook, years, title, depends_on) entries."""
    lines = ["pages:"]
    for notebook, years, title, deps in entries:
        lines += [f"  - notebook: {notebook}", f"    title: {json.dumps(title)}", "    bab: Uji sintetis",
                  f"    years: {years}", f"    depends_on: [{', '.join(deps)}]"]
    path.write_text("\n".join(lines) + "\n")
    return path


def run(tmp: Path, years="2025", pages: Path | None = None, **kwargs) -> B.BuildReport:
    """One build of the fixtures (2 workers)."""
    kwargs.setdefault("jobs", 2)
    return B.build(years, data_dir=tmp / "data", output_dir=tmp / "out", notebooks_dir=FIXTURES,
                   pages_file=pages or tmp / "pages.yaml", log=kwargs.pop("log", io.StringIO()), **kwargs)


def statuses(report: B.BuildReport) -> dict[tuple[str, int], str]:
    return {(r.stem, r.tahun): r.status for r in report.results}


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(".tmp-*")]


class InlineExecutor(cf.Executor):
    """Runs each task in the calling thread (an injected executor, easy to monkeypatch)."""

    def submit(self, fn, /, *args, **kwargs):
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - forwarded to the runner like a real executor would
            future.set_exception(exc)
        return future


def cli(*args: str, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.run.build", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, **popen)


@pytest.fixture(scope="session", autouse=True)
def kernel():
    """Register the project's kernel in this interpreter's prefix (the runner's own mechanism)."""
    return ensure_kernel()


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One real build used by the read-only tests: 3 pages x 2025-2026 (fx-other starts in 2026)."""
    tmp = tmp_path_factory.mktemp("shared")
    make_data(tmp)
    write_pages(tmp / "pages.yaml", [
        ("fx-params.ipynb", "2019-2029", "Parameter <sintetis> & uji", ["fx_b"]),
        ("fx-table.ipynb", "2025-2029", "Tabel sintetis", ["fx_a"]),
        ("fx-other.ipynb", "2026-2029", "Halaman lain", ["fx_b"]),
    ])
    log = io.StringIO()
    report = run(tmp, "2025-2026", log=log, preload=("pandas", "matplotlib.pyplot"))
    return tmp, report, log.getvalue()


# ---------------------------------------------------------------------------------- shared build

def test_first_build_statuses_and_exit_code(shared):
    _, report, log = shared
    assert statuses(report) == {
        ("fx-params", 2025): B.BUILT, ("fx-params", 2026): B.BUILT,
        ("fx-table", 2025): B.BUILT, ("fx-table", 2026): B.BUILT,
        ("fx-other", 2025): B.SKIPPED, ("fx-other", 2026): B.BUILT,
    }
    assert report.exit_code == 0
    assert "Summary: 5 built, 0 up-to-date, 1 skipped (out of range), 0 failed" in log
    assert sum(line.startswith("built ") for line in log.splitlines()) == 5  # one line per finished page


def test_parameters_injected(shared):
    tmp, _, _ = shared
    for tahun in (2025, 2026):
        params = json.loads((tmp / "out" / str(tahun) / "tables" / "fx-params.json").read_text())
        assert params["tahun"] == tahun and params["tahun_type"] == "int"
        assert params["data_dir"] == str((tmp / "data").resolve())
        # The page writes into its staging folder; its products are then moved into <tahun>/ together.
        assert params["output_dir"] == str((tmp / "out" / ".build" / "staging" / str(tahun) / "fx-params").resolve())
        published = json.loads((tmp / "out" / str(tahun) / "fx-params.ipynb").read_text())
        assert published["metadata"]["papermill"]["parameters"]["output_dir"] == str((tmp / "out" / str(tahun)).resolve())
        assert not (tmp / "out" / ".build" / "staging").exists()
        assert Path(params["data_dir"]).is_absolute() and Path(params["output_dir"]).is_absolute()
        assert params["cwd"] == str(FIXTURES)
        assert params["executable"] == sys.executable  # the project's kernel
        assert params["helpers_importable"] and params["env_data_dir"] == params["data_dir"]


def test_output_paths(shared):
    tmp, _, _ = shared
    out = tmp / "out"
    for stem, tahun in [("fx-params", 2025), ("fx-params", 2026), ("fx-table", 2025), ("fx-other", 2026)]:
        assert (out / str(tahun) / f"{stem}.ipynb").is_file()
        assert (out / str(tahun) / f"{stem}.html").is_file()
        record = json.loads((out / ".build" / str(tahun) / f"{stem}.json").read_text())
        assert record["status"] == "ok" and len(record["fingerprint"]) == 64
    assert not (out / "2025" / "fx-other.html").exists()  # out of range: skipped
    assert not (out / "2025" / "_gagal").exists()
    assert (out / "index.html").is_file()
    assert temp_files(out) == []
    mask = os.umask(0o022)
    os.umask(mask)
    for published in ("index.html", "2025/fx-params.html", "2025/fx-params.ipynb"):
        assert (out / published).stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0o600
    executed = json.loads((out / "2025" / "fx-params.ipynb").read_text())
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert "tahun = 2025" in "".join(injected[0]["source"])


def test_html_has_no_input_cells(shared):
    tmp, _, _ = shared
    page = (tmp / "out" / "2025" / "fx-params.html").read_text()
    assert "VISIBLE_OUTPUT_MARKER tahun=2025" in page
    assert "SECRET_INPUT_MARKER" not in page and "tahun = 2025" not in page
    body = page[page.index("<body"):]
    code_cells = re.findall(r'class="jp-Cell jp-CodeCell[^"]*"', body)
    assert len(code_cells) == 4 and all("jp-mod-noInput" in c for c in code_cells)  # no code shown
    assert "hl-ipython3" not in body and "print(" not in body
    assert "<script" not in page  # offline: no require.js / MathJax from a CDN
    table = (tmp / "out" / "2025" / "fx-table.html").read_text()
    assert "<table" in table and "data:image/png;base64" in table  # the DataFrame and the chart


def test_index_lists_every_page_with_status(shared):
    tmp, _, _ = shared
    index = (tmp / "out" / "index.html").read_text()
    assert "<h1>Lampiran" in index and "Dibangun" in index and "Sidik jari data" in index and 'lang="id"' in index
    assert "Parameter &lt;sintetis&gt; &amp; uji" in index and "<sintetis>" not in index  # escaped
    visible = re.sub(r"<[^>]+>", " ", index)
    for stem in ("fx-params", "fx-table", "fx-other"):
        assert f"{stem}.ipynb" not in visible  # readable titles, not notebook file names
    for title in ("Parameter &lt;sintetis&gt; &amp; uji", "Tabel sintetis", "Halaman lain"):
        assert f">{title}</a>" in index  # the title is the link to the page
    for link in ("2025/fx-params.html", "2026/fx-params.html", "2025/fx-table.html", "2026/fx-other.html"):
        assert f'href="{link}"' in index
    assert 'href="2025/fx-other.html"' not in index
    year_2025 = index[index.index('id="tahun-2025"'):index.index('id="tahun-2026"')]
    assert "Halaman lain" not in year_2025  # a page outside its years is not listed for that year
    assert "http://" not in index and "https://" not in index and "<script" not in index
    assert "<link" not in index and "<style>" in index
    assert 'href="/' not in index  # relative links only


# ---------------------------------------------------------------------------------- incremental

def test_incremental_skip_and_rebuild(tmp_path):
    data = make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [
        ("fx-params.ipynb", "2019-2029", "Parameter", ["fx_b"]),
        ("fx-table.ipynb", "2019-2029", "Tabel", ["fx_a"]),
        ("fx-other.ipynb", "2019-2029", "Lain", ["fx_b"]),
    ])
    first = run(tmp_path)
    assert first.count(B.BUILT) == 3
    out = tmp_path / "out" / "2025"
    pid = json.loads((out / "tables" / "fx-params.json").read_text())["pid"]
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}

    log = io.StringIO()
    second = run(tmp_path, log=log)
    assert statuses(second) == {(s, 2025): B.UP_TO_DATE for s in ("fx-params", "fx-table", "fx-other")}
    assert "0 built, 3 up-to-date" in log.getvalue()
    assert json.loads((out / "tables" / "fx-params.json").read_text())["pid"] == pid  # no kernel ran
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")} == mtimes

    # Touching without changing the content does not rebuild (content hashes, not mtimes).
    os.utime(data / "tables" / "fx_a.csv", None)
    assert run(tmp_path).count(B.BUILT) == 0

    # Changing one dependency rebuilds exactly the page depending on it.
    (data / "tables" / "fx_a.csv").write_text("item,nilai\na,2\nb,5\nc,1\n")
    log = io.StringIO()
    third = run(tmp_path, log=log)
    assert statuses(third) == {("fx-params", 2025): B.UP_TO_DATE, ("fx-table", 2025): B.BUILT,
                               ("fx-other", 2025): B.UP_TO_DATE}
    assert "data changed: tables/fx_a.csv" in log.getvalue()


def test_noop_rebuild_of_40_pages_does_no_work(tmp_path):
    """8 pages x 5 years, all up to date: the CLI rebuilds nothing and imports nothing heavy (its time
    is measured side by side with the full build in benchmarks/bench_build.py, not here)."""
    make_data(tmp_path)
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    entries = []
    for i in range(8):
        (nb_dir / f"p{i}.ipynb").write_bytes((FIXTURES / "fx-other.ipynb").read_bytes())
        entries.append((f"p{i}.ipynb", "2025-2029", f"Halaman {i}", ["all"] if i % 2 else ["fx_b"]))
    write_pages(tmp_path / "pages.yaml", entries)

    class FakeExecutor(InlineExecutor):
        """Publishes dummy outputs instead of running notebooks (sets up the up-to-date state)."""

        def submit(self, fn, task):
            year = Path(task.output_dir)
            year.mkdir(parents=True, exist_ok=True)
            for ext in (".ipynb", ".html"):
                (year / f"{task.stem}{ext}").write_text("{}")
            return super().submit(lambda: B.PageResult(task.stem, task.tahun, B.BUILT))

    setup = B.build("2025-2029", data_dir=tmp_path / "data", output_dir=tmp_path / "out", notebooks_dir=nb_dir,
                    pages_file=tmp_path / "pages.yaml", executor=FakeExecutor(), log=io.StringIO())
    assert setup.count(B.BUILT) == 40
    args = ["--years", "2025-2029", "--data-dir", str(tmp_path / "data"), "--output-dir", str(tmp_path / "out"),
            "--notebooks-dir", str(nb_dir), "--pages", str(tmp_path / "pages.yaml")]
    done = cli(*args)
    assert done.returncode == 0, done.stderr
    assert "0 built, 40 up-to-date" in done.stderr
    forced = B.build("2025-2029", data_dir=tmp_path / "data", output_dir=tmp_path / "out", notebooks_dir=nb_dir,
                     pages_file=tmp_path / "pages.yaml", executor=FakeExecutor(), log=io.StringIO(), force=True,
                     only=["p1", "p2"])
    assert forced.count(B.BUILT) == 10 and len(forced.results) == 10  # --force, limited by --only
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from helpers.run.build import main; rc = main(sys.argv[1:]); "
         "print(sorted(m for m in ('papermill', 'nbconvert', 'pandas', 'jupyter_client', 'matplotlib') "
         "if m in sys.modules))", *args], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip() == "[]", probe.stdout + probe.stderr


# ---------------------------------------------------------------------------------- failures

def test_failure_isolation_and_previous_html_kept(tmp_path):
    data = make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [
        ("fx-params.ipynb", "2019-2029", "Parameter", ["fx_b"]),
        ("fx-fail.ipynb", "2019-2029", "Gagal sintetis", ["fx_c"]),
    ])
    out = tmp_path / "out"
    assert run(tmp_path).exit_code == 0
    good_html = (out / "2025" / "fx-fail.html").read_bytes()
    good_ipynb = (out / "2025" / "fx-fail.ipynb").read_bytes()

    (data / "tables" / "fx_c.csv").write_text("fail\n")
    (data / "tables" / "fx_b.csv").write_text("x\n2\n")  # the other page must still build
    log = io.StringIO()
    report = run(tmp_path, log=log)
    assert statuses(report) == {("fx-params", 2025): B.BUILT, ("fx-fail", 2025): B.FAILED}
    assert report.exit_code == 1
    error = report.failures[0].error
    assert error["cell"] == 3 and error["ename"] == "ValueError"  # cell 3 of the source notebook
    assert "synthetic failure for tahun 2025" in error["evalue"]
    text = log.getvalue()
    assert "fx-fail 2025: cell 3 (In [" in text and "ValueError: synthetic failure" in text
    assert str(out / "2025" / "_gagal" / "fx-fail.ipynb") in text

    failed = json.loads((out / "2025" / "_gagal" / "fx-fail.ipynb").read_text())
    banner = "".join(failed["cells"][0]["source"])
    assert "An Exception was encountered" in banner  # papermill's error banner is kept
    assert (out / "2025" / "fx-fail.html").read_bytes() == good_html  # previous good HTML untouched
    assert (out / "2025" / "fx-fail.ipynb").read_bytes() == good_ipynb
    assert not list((out / "2025" / "_gagal").glob("*.html"))
    index = (out / "index.html").read_text()
    assert 'href="2025/_gagal/fx-fail.ipynb">notebook yang gagal</a>' in index and "Gagal" in index
    assert "versi terakhir yang berhasil" in index

    (data / "tables" / "fx_c.csv").write_text("ok again\n")
    fixed = run(tmp_path)
    assert statuses(fixed) == {("fx-params", 2025): B.UP_TO_DATE, ("fx-fail", 2025): B.BUILT}
    assert not (out / "2025" / "_gagal" / "fx-fail.ipynb").exists()
    assert "mode: ok again" in (out / "2025" / "fx-fail.html").read_text()


def test_missing_notebook_and_out_of_range(tmp_path):
    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [
        ("fx-does-not-exist.ipynb", "2025-2029", "Belum ditulis", ["all"]),
        ("fx-other.ipynb", "2027-2029", "Nanti", ["fx_b"]),
    ])
    log = io.StringIO()
    report = run(tmp_path, years="2025,2026", executor=InlineExecutor(), log=log)
    assert statuses(report) == {("fx-does-not-exist", 2025): B.FAILED, ("fx-does-not-exist", 2026): B.FAILED,
                                ("fx-other", 2025): B.SKIPPED, ("fx-other", 2026): B.SKIPPED}
    assert report.exit_code == 1
    assert "notebook not found" in report.failures[0].error["message"]
    assert "fx-does-not-exist.ipynb" in log.getvalue()
    assert (tmp_path / "out" / "2025" / "_gagal" / "fx-does-not-exist.ipynb").is_file()


# ---------------------------------------------------------------------------------- atomicity

def test_interrupted_write_leaves_previous_file(tmp_path, monkeypatch):
    data = make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-other.ipynb", "2019-2029", "Lain", ["fx_b"])])
    out = tmp_path / "out"
    assert run(tmp_path, executor=InlineExecutor()).count(B.BUILT) == 1
    before = {name: (out / "2025" / name).read_bytes() for name in ("fx-other.html", "fx-other.ipynb")}
    record_before = (out / ".build" / "2025" / "fx-other.json").read_bytes()

    (data / "tables" / "fx_b.csv").write_text("x\n1\n2\n3\n")
    real_replace = os.replace

    def interrupted_replace(src, dst):
        if str(dst).endswith("fx-other.html"):
            raise KeyboardInterrupt  # as if Ctrl-C arrived while publishing the HTML
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    report = run(tmp_path, executor=InlineExecutor())
    monkeypatch.setattr(os, "replace", real_replace)
    assert report.interrupted and report.exit_code == 130
    assert {name: (out / "2025" / name).read_bytes() for name in before} == before
    assert (out / ".build" / "2025" / "fx-other.json").read_bytes() == record_before
    assert temp_files(out) == []

    repaired = run(tmp_path, executor=InlineExecutor())
    assert statuses(repaired) == {("fx-other", 2025): B.BUILT}
    assert "fx_b has 4 lines" in (out / "2025" / "fx-other.html").read_text()


def test_killed_and_terminated_builds(tmp_path):
    data = make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-slow.ipynb", "2019-2029", "Lambat", ["fx_slow"])])
    out = tmp_path / "out"
    args = ["--years", "2025", "--data-dir", str(data), "--output-dir", str(out), "--jobs", "1",
            "--notebooks-dir", str(FIXTURES), "--pages", str(tmp_path / "pages.yaml")]
    assert cli(*args).returncode == 0
    good = {name: (out / "2025" / name).read_bytes() for name in ("fx-slow.html", "fx-slow.ipynb")}
    (data / "tables" / "fx_slow.csv").write_text("30\n")

    def start_and_wait():
        proc = subprocess.Popen([sys.executable, "-m", "helpers.run.build", *args], cwd=REPO, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 30
        staging = out / ".build" / "staging" / "2025" / "fx-slow"  # the page writes here while it runs
        while not staging.is_dir() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # the page is now running
        return proc

    # SIGTERM to the runner: exit 130, workers stop their kernels and remove their temp files.
    proc = start_and_wait()
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert {name: (out / "2025" / name).read_bytes() for name in good} == good
    assert temp_files(out) == []

    # SIGKILL of the whole process group: no chance to clean up; the good files are intact.
    proc = start_and_wait()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert {name: (out / "2025" / name).read_bytes() for name in good} == good
    leftovers = temp_files(out) + [p for p in (out / ".build" / "staging").rglob("*") if p.is_file()]
    for path in leftovers:  # only the page's staging folder and the build's own temporary files
        assert (out / ".build") in path.parents or re.match(r"\.tmp-(fx-slow|index)\.", path.name), path

    # The next build removes the leftovers and repairs the page (the lock died with the process).
    (data / "tables" / "fx_slow.csv").write_text("0.1\n")
    done = cli(*args)
    assert done.returncode == 0, done.stderr
    if leftovers:
        assert "removed" in done.stderr
    assert temp_files(out) == [] and not (out / ".build" / "staging").exists()
    assert json.loads((out / ".build" / "2025" / "fx-slow.json").read_text())["status"] == "ok"
    assert [d for d in stale_socket_dirs()] == []  # the killed worker's IPC directory was removed


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_bytes().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def test_workers_and_kernels_exit_when_the_runner_alone_is_killed(tmp_path):
    """SIGKILL of the runner process only (not its group): its pool workers, blocked on their task
    queue, notice that their parent is gone and exit, and their kernels with them."""
    data = make_data(tmp_path)
    (data / "tables" / "fx_slow.csv").write_text("30\n")
    write_pages(tmp_path / "pages.yaml", [("fx-slow.ipynb", "2019-2029", "Lambat", ["fx_slow"])])
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "helpers.run.build", "--years", "2025,2026", "--jobs", "2",
                             "--data-dir", str(data), "--output-dir", str(out), "--notebooks-dir", str(FIXTURES),
                             "--pages", str(tmp_path / "pages.yaml")], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(_descendants(proc.pid)) < 4 and time.monotonic() < deadline:  # two workers and their kernels
        time.sleep(0.2)
    left = _descendants(proc.pid)
    assert len(left) >= 4, left
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 30
    while any(_pid_alive(pid) for pid in left) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in left if _pid_alive(pid)] == []


def stale_socket_dirs() -> list[Path]:
    """IPC directories (helpers.run.kernel) of this user whose worker process no longer exists."""
    stale = []
    for path in Path(tempfile.gettempdir()).glob("rk*-*"):
        pid = path.name[2:].split("-", 1)[0]
        if pid.isdigit() and path.stat().st_uid == os.getuid() and not _pid_alive(int(pid)):
            stale.append(path)
    return stale


# ---------------------------------------------------------------------------------- CLI and API

@pytest.mark.parametrize("make_args, message", [
    (lambda t: ["--years", "abc"], "invalid years"),
    (lambda t: ["--years", "2029-2025"], "runs backwards"),
    (lambda t: ["--years", "2025,,2026"], "invalid years"),
    (lambda t: ["--jobs", "0"], "--jobs must be at least 1"),
    (lambda t: ["--data-dir", str(t / "nope")], "tidak ada; seharusnya direktori data"),
    (lambda t: ["--output-dir", str(t / "data")], "berada di dalam direktori data"),
    (lambda t: ["--output-dir", str(t / "data" / "out")], "berada di dalam direktori data"),
    (lambda t: ["--output-dir", str(t / "file.txt" / "out")], "tidak dapat ditulis"),
    (lambda t: ["--only", "no-such-page"], "no-such-page"),
    (lambda t: ["--pages", str(t / "missing.yaml")], "cannot read pages file"),
])
def test_cli_argument_errors(tmp_path, capsys, make_args, message):
    make_data(tmp_path)
    (tmp_path / "file.txt").write_text("not a directory")
    write_pages(tmp_path / "pages.yaml", [("fx-other.ipynb", "2025-2029", "Lain", ["fx_b"])])
    base = {"--data-dir": str(tmp_path / "data"), "--output-dir": str(tmp_path / "out"),
            "--pages": str(tmp_path / "pages.yaml"), "--notebooks-dir": str(FIXTURES)}
    extra = make_args(tmp_path)
    for flag in extra[::2]:
        base.pop(flag, None)
    argv = [x for pair in base.items() for x in pair] + extra
    assert B.main(argv) == 2
    err = capsys.readouterr().err
    assert "error:" in err and message in err
    assert not (tmp_path / "out" / "index.html").exists()


def test_cli_bad_pages_file(tmp_path, capsys):
    make_data(tmp_path)
    (tmp_path / "pages.yaml").write_text("pages:\n  - notebook: x.ipynb\n    years: soon\n")
    assert B.main(["--data-dir", str(tmp_path / "data"), "--output-dir", str(tmp_path / "out"),
                   "--pages", str(tmp_path / "pages.yaml")]) == 2
    assert "x.ipynb" in capsys.readouterr().err


def test_help_shows_defaults():
    done = cli("--help")
    assert done.returncode == 0
    for text in ("2025-2029", "os.cpu_count()", str(REPO / "data"), str(REPO / "outputs"), "--only", "--force"):
        assert text in done.stdout


def test_second_concurrent_build_is_refused(tmp_path, capsys):
    import fcntl

    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-other.ipynb", "2025-2029", "Lain", ["fx_b"])])
    lock = tmp_path / "out" / ".build" / "lock"
    lock.parent.mkdir(parents=True)
    with open(lock, "w") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        code = B.main(["--data-dir", str(tmp_path / "data"), "--output-dir", str(tmp_path / "out"),
                       "--pages", str(tmp_path / "pages.yaml"), "--notebooks-dir", str(FIXTURES)])
    assert code == 3
    assert "another build is already running" in capsys.readouterr().err


def test_parse_years():
    assert B.parse_years("2025-2029") == [2025, 2026, 2027, 2028, 2029]
    assert B.parse_years("2025,2027") == [2025, 2027]
    assert B.parse_years(" 2019-2020 , 2025 ") == [2019, 2020, 2025]
    for bad in ("", "25", "2025-", "2025..2026", "x2025", "2025-2026-2027"):
        with pytest.raises(B.UsageError):
            B.parse_years(bad)


def test_tasks_are_picklable_for_any_executor():
    task = B.PageTask(notebook="/a/b.ipynb", stem="b", title="B", tahun=2025, data_dir="/d", output_dir="/o/2025",
                      kernel=("renstra", "/a", (("X", "1"),), ("pandas",)))
    assert pickle.loads(pickle.dumps(task)) == task
    assert pickle.loads(pickle.dumps(B.run_page)) is B.run_page
    assert pickle.loads(pickle.dumps(B.PageResult("b", 2025, B.BUILT))).status == B.BUILT


def test_repo_pages_registry_matches_notebooks_and_data():
    """Every notebook is registered once, in file order; every dependency is a real table."""
    from helpers.core.data import table_ids

    pages = B.load_pages(REPO / "notebooks" / "pages.yaml")
    stems = [p.stem for p in pages]
    assert stems == sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
    by_stem = {p.stem: p for p in pages}
    assert by_stem["04-rencana-program"].years == (2025, 2029)
    assert by_stem["00-audit"].depends_on == ("all",)
    known = set(table_ids())
    for page in pages:
        unknown = [d for d in page.depends_on if d != "all" and d not in known]
        assert not unknown, f"{page.stem} depends on unknown tables {unknown}"


def test_ensure_kernel_installs_into_prefix():
    spec = json.loads((kernelspec_dir() / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable


def test_the_runner_starts_its_kernels_without_the_debugger_that_jupyterlab_keeps():
    """The runner's kernels start from the project's spec without debugpy (never used by papermill,
    ~0,1 s of every start); the kernelspec JupyterLab reads is untouched."""
    from jupyter_core.utils import run_sync

    from helpers.run.kernel import KERNEL_NAME, KernelPool, runner_spec

    ensure_kernel()
    installed = json.loads((kernelspec_dir() / "kernel.json").read_text())
    assert installed["argv"][1:4] == ["-Xfrozen_modules=off", "-m", "ipykernel_launcher"]
    assert installed["metadata"]["debugger"] is True
    spec = runner_spec(KERNEL_NAME)
    assert spec.argv == [sys.executable, "-m", "helpers.run.ipykernel_launch", "-f", "{connection_file}"]
    assert spec.display_name == installed["display_name"] and runner_spec("python3") is None

    pool = KernelPool()
    try:
        km = pool.acquire((KERNEL_NAME, str(REPO / "notebooks"), (("PYTHONPATH", str(REPO)),), ()))
        kc = km.client()
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=60)
        shown = []
        reply = run_sync(kc.execute_interactive)(
            "import sys; print(sys.modules.get('debugpy', 'x'), 'pydevd' in sys.modules, "
            "getattr(get_ipython().kernel, 'debugger', None))",
            store_history=False, timeout=60,
            output_hook=lambda msg: shown.append(msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None)
        kc.stop_channels()
    finally:
        pool.close()
    assert reply["content"]["status"] == "ok"
    assert "".join(shown).split() == ["None", "False", "None"]


# ---------------------------------------------------------------------------------- visible warnings

def _notebook(path: Path, code: str) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("tahun = 2025\ndata_dir = ''\noutput_dir = ''")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


@pytest.mark.parametrize("code, shown", [
    ("import warnings\nwarnings.warn('Tight layout not applied')", "UserWarning: Tight layout not applied"),
    ("import sys\nprint('keterangan', file=sys.stderr)", "keterangan"),
    ("print('Traceback (most recent call last):\\n  File x')", "Traceback (most recent call last)"),
])
def test_a_page_that_would_show_a_warning_or_traceback_fails(tmp_path, code, shown):
    """A government report never shows a reader a Python warning: the page fails, nothing is published."""
    make_data(tmp_path)
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    _notebook(nb_dir / "fx-warn.ipynb", code)
    _notebook(nb_dir / "fx-ok.ipynb", "print('semua baik')")
    write_pages(tmp_path / "pages.yaml", [("fx-warn.ipynb", "2025", "Peringatan", ["fx_b"]),
                                          ("fx-ok.ipynb", "2025", "Baik", ["fx_b"])])
    report = B.build("2025", data_dir=tmp_path / "data", output_dir=tmp_path / "out", notebooks_dir=nb_dir,
                     pages_file=tmp_path / "pages.yaml", jobs=1, log=io.StringIO())
    assert statuses(report) == {("fx-warn", 2025): B.FAILED, ("fx-ok", 2025): B.BUILT}
    failure = report.failures[0]
    assert "warning or error in cell" in failure.error["message"] and shown in failure.error["message"], failure.error
    out = tmp_path / "out" / "2025"
    assert not (out / "fx-warn.html").exists() and (out / "_gagal" / "fx-warn.ipynb").is_file()
    assert shown.split(":")[0] in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_damaged_product_is_rebuilt_but_a_touch_is_not(tmp_path):
    """The record keeps each product's size, time and hash: a truncated HTML or a 12-byte notebook
    is rebuilt ("output changed"), a file merely touched is still up to date."""
    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-params.ipynb", "2025", "Parameter", ["fx_b"])])
    assert statuses(run(tmp_path, jobs=1)) == {("fx-params", 2025): B.BUILT}
    year = tmp_path / "out" / "2025"
    record = json.loads((tmp_path / "out" / ".build" / "2025" / "fx-params.json").read_text())
    assert set(record["products"]) == {"fx-params.html", "fx-params.ipynb", "tables/fx-params.json"}
    html = year / "fx-params.html"
    os.utime(html)  # touched: same bytes
    assert statuses(run(tmp_path, jobs=1)) == {("fx-params", 2025): B.UP_TO_DATE}
    html.write_bytes(html.read_bytes()[:200])  # truncated
    log = io.StringIO()
    assert statuses(run(tmp_path, jobs=1, log=log)) == {("fx-params", 2025): B.BUILT}
    assert "output changed: fx-params.html" in log.getvalue()
    assert len(html.read_bytes()) > 200
    (year / "fx-params.ipynb").write_text('{"cells": []}')  # a 12-byte notebook
    log = io.StringIO()
    assert statuses(run(tmp_path, jobs=1, log=log)) == {("fx-params", 2025): B.BUILT}
    assert "output changed: fx-params.ipynb" in log.getvalue()


def test_jobs_are_capped_by_cpus_and_memory(tmp_path):
    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-params.ipynb", "2025", "Parameter", ["fx_b"])])
    log = io.StringIO()
    report = run(tmp_path, jobs=10_000, log=log)
    assert statuses(report) == {("fx-params", 2025): B.BUILT}
    assert f"jobs capped at {B._job_cap(10_000)} (of 10000 asked)" in log.getvalue()
    assert 1 <= B._job_cap(10_000) <= (os.cpu_count() or 1)


def test_a_page_that_fails_late_keeps_every_product_of_its_last_good_run(tmp_path):
    """Issue 14: the page writes a table and a figure, then fails. Nothing of the failed run reaches
    <tahun>/: the table, the figure, the notebook and the HTML are those of the last good run, and
    a product the good run wrote that the failed run did not is still there."""
    import nbformat

    nbs = tmp_path / "nb"
    nbs.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("tahun = 0\ndata_dir = ''\noutput_dir = ''", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(
                    "from pathlib import Path\n"
                    "mode = (Path(data_dir) / 'tables' / 'fx_c.csv').read_text().strip()\n"
                    "for kind in ('tables', 'figures'):\n"
                    "    (Path(output_dir) / kind).mkdir(parents=True, exist_ok=True)\n"
                    "(Path(output_dir) / 'tables' / 'hasil.csv').write_text(f'mode\\n{mode}\\n')\n"
                    "(Path(output_dir) / 'figures' / 'hasil.svg').write_text(f'<svg>{mode}</svg>')\n"
                    "if mode == 'ok':\n"
                    "    (Path(output_dir) / 'tables' / 'hanya-saat-ok.csv').write_text('x\\n1\\n')\n"
                    "if mode == 'fail':\n"
                    "    raise ValueError('gagal setelah menulis (SINTETIS)')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(nbs / "fx-late.ipynb"))
    data = make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-late.ipynb", "2025", "Gagal terlambat", ["fx_c"])])
    def build():
        return B.build("2025", jobs=1, data_dir=data, output_dir=tmp_path / "out", notebooks_dir=nbs,
                       pages_file=tmp_path / "pages.yaml", log=io.StringIO())

    assert statuses(build()) == {("fx-late", 2025): B.BUILT}
    year = tmp_path / "out" / "2025"
    good = {p.relative_to(year): p.read_bytes() for p in year.rglob("*") if p.is_file()}
    assert {Path("tables/hasil.csv"), Path("figures/hasil.svg"), Path("tables/hanya-saat-ok.csv"),
            Path("fx-late.html"), Path("fx-late.ipynb")} <= set(good)
    (data / "tables" / "fx_c.csv").write_text("fail\n")
    assert statuses(build()) == {("fx-late", 2025): B.FAILED}
    after = {p.relative_to(year): p.read_bytes() for p in year.rglob("*") if p.is_file()
             and B.FAILED_DIR not in p.relative_to(year).parts}
    assert after == good
    assert not (tmp_path / "out" / ".build" / "staging").exists()


def test_a_revision_counts_only_for_the_page_that_shows_it(tmp_path):
    """A planner's revision data/narasi/<tahun>/<id>.md is an input of the page that declares narrative
    <id> (so editing it rebuilds that page without FORCE), not of the other pages, not even of a
    page that depends on all data."""
    from helpers.core.registry import PageSpec

    data = make_data(tmp_path)
    (data / "narasi" / "2025").mkdir(parents=True)
    (data / "narasi" / "2025" / "uji-narasi.md").write_text("Teks perencana (SINTETIS).\n")
    fp = B.Fingerprinter(data)

    def inputs(spec):
        return fp.inputs(spec, FIXTURES / "fx-params.ipynb", {"tahun": 2025}, "renstra")["data"]

    owner = PageSpec(notebook="a.ipynb", module="", title="A", bab="Uji", years=(2025, 2025), depends_on=("fx_a",),
                     products={"narasi": ("uji-*",)})
    other = PageSpec(notebook="b.ipynb", module="", title="B", bab="Uji", years=(2025, 2025), depends_on=("all",),
                     products={"narasi": ("lain",)})
    assert "narasi/2025/uji-narasi.md" in inputs(owner)
    assert not any(k.startswith("narasi/") for k in inputs(other))
    assert "tables/fx_a.csv" in inputs(other)  # [all] still means every data table


# ---------------------------------------------------------------------------------- declared reads

@pytest.mark.parametrize("declared, status", [(["fx_b"], B.FAILED), (["fx_a", "fx_b"], B.BUILT), (["all"], B.BUILT)])
def test_a_page_that_reads_a_table_it_does_not_declare_fails(tmp_path, declared, status):
    """The model records the tables a page read (helpers.core.data); one missing from depends_on
    would not rebuild the page when it changes, so the page fails and names it."""
    make_data(tmp_path)
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    _notebook(nb_dir / "fx-reads.ipynb",
              "import json\nfrom pathlib import Path\n"
              "model = Path(output_dir) / 'model' / 'fx-reads.json'\nmodel.parent.mkdir(parents=True, exist_ok=True)\n"
              "model.write_text(json.dumps({'page': 'fx-reads', 'items': [], 'tables_read': ['fx_a', 'fx_b']}))")
    write_pages(tmp_path / "pages.yaml", [("fx-reads.ipynb", "2025", "Bacaan", declared)])
    report = B.build("2025", data_dir=tmp_path / "data", output_dir=tmp_path / "out", notebooks_dir=nb_dir,
                     pages_file=tmp_path / "pages.yaml", jobs=1, log=io.StringIO())
    assert statuses(report) == {("fx-reads", 2025): status}
    if status == B.FAILED:
        assert "does not declare: fx_a" in report.failures[0].error["message"]
        assert not (tmp_path / "out" / "2025" / "fx-reads.html").exists()


@pytest.mark.parametrize("declared, read, status", [
    ("", [2024, 2025], B.BUILT),         # window: tahun reads up to tahun
    ("", [2026], B.FAILED),              # not a later year: the page would not be rebuilt after its import
    ("before", [2024], B.BUILT),
    ("before", [2025], B.FAILED),        # realisasi: before may not read tahun itself
])
def test_a_page_that_reads_realisation_its_declaration_does_not_cover_fails(tmp_path, declared, read, status):
    """The model records the realisation years a page loaded; a year beyond ``window``/``realisasi``
    is not in its fingerprint, so an import of that year would leave the page stale: it fails."""
    make_data(tmp_path)
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    _notebook(nb_dir / "fx-real.ipynb",
              "import json\nfrom pathlib import Path\n"
              "model = Path(output_dir) / 'model' / 'fx-real.json'\nmodel.parent.mkdir(parents=True, exist_ok=True)\n"
              f"model.write_text(json.dumps({{'page': 'fx-real', 'items': [], 'tables_read': [], 'realisasi_read': {read}}}))")
    (tmp_path / "pages.yaml").write_text(
        "pages:\n  - notebook: fx-real.ipynb\n    title: Realisasi\n    years: 2025-2029\n    depends_on: [fx_a]\n"
        + (f"    realisasi: {declared}\n" if declared else ""), encoding="utf-8")
    report = B.build("2025", data_dir=tmp_path / "data", output_dir=tmp_path / "out", notebooks_dir=nb_dir,
                     pages_file=tmp_path / "pages.yaml", jobs=1, log=io.StringIO())
    assert statuses(report) == {("fx-real", 2025): status}
    if status == B.FAILED:
        message = report.failures[0].error["message"]
        assert f"read the realisation of {read[0]}" in message and "up to 202" in message
        assert not (tmp_path / "out" / "2025" / "fx-real.html").exists()


def test_only_a_changed_navigation_rewrites_the_html_without_running_the_page(tmp_path):
    """Adding a reporting year changes the year bar of every page, not what a page computed: the
    HTML is written again from the published notebook (no kernel), the same bytes as a full run."""
    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-table.ipynb", "2025-2029", "Tabel sintetis", ["fx_a"])])
    run(tmp_path, "2025")
    year = tmp_path / "out" / "2025"
    notebook = (year / "fx-table.ipynb").read_bytes()
    page_before = (year / "fx-table.html").read_bytes()
    log = io.StringIO()
    report = run(tmp_path, "2025-2026", log=log)
    assert statuses(report) == {("fx-table", 2025): B.BUILT, ("fx-table", 2026): B.BUILT}
    assert re.search(r"built +fx-table +2025 .*nav changed \(HTML only\)", log.getvalue())
    assert (year / "fx-table.ipynb").read_bytes() == notebook  # not executed again
    assert (year / "fx-table.html").read_bytes() != page_before and b"2026" in (year / "fx-table.html").read_bytes()
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    make_data(fresh)
    write_pages(fresh / "pages.yaml", [("fx-table.ipynb", "2025-2029", "Tabel sintetis", ["fx_a"])])
    run(fresh, "2025-2026")
    page_fresh = (fresh / "out" / "2025" / "fx-table.html").read_bytes()
    own = str(tmp_path).encode()
    assert (year / "fx-table.html").read_bytes() == page_fresh.replace(str(fresh).encode(), own)
    assert set(statuses(run(tmp_path, "2025-2026")).values()) == {B.UP_TO_DATE}  # its record is complete
    (year / "fx-table.ipynb").write_text("{ rusak", encoding="utf-8")
    html = (year / "fx-table.html").read_bytes()
    task = B.PageTask(notebook=str(FIXTURES / "fx-table.ipynb"), stem="fx-table", title="Tabel sintetis", tahun=2025,
                      data_dir=str(tmp_path / "data"), output_dir=str(year), kernel=("python3",), republish=True)
    result = B.PageResult("fx-table", 2025, B.FAILED)
    assert B._republish(task, result) is False and result.status == B.FAILED  # unreadable: no HTML from it
    assert (year / "fx-table.html").read_bytes() == html
    # A damaged notebook is a changed product, so the next build runs the page in full.
    report = run(tmp_path, "2025-2027")
    assert statuses(report)[("fx-table", 2025)] == B.BUILT and (year / "fx-table.ipynb").read_bytes() != b"{ rusak"


def test_the_page_model_records_the_tables_the_page_read(tmp_path):
    from helpers.core.data import load
    from helpers.run.notebook import setup

    page = setup(2025, None, tmp_path / "2025", page="02-2-sumber-daya")
    load("2_2_sarana")
    page.show("Teks.")
    model = json.loads((tmp_path / "2025" / "model" / "02-2-sumber-daya.json").read_text(encoding="utf-8"))
    assert model["tables_read"] == ["2_2_sarana"]
    setup(2025, None, tmp_path / "2026", page="02-2-sumber-daya")  # a new page starts with nothing read
    model = json.loads((tmp_path / "2026" / "model" / "02-2-sumber-daya.json").read_text(encoding="utf-8"))
    assert model["tables_read"] == []


def test_the_page_model_records_the_realisation_years_the_page_looked_for(tmp_path):
    from helpers.core.realisasi import load_realisasi
    from helpers.run.notebook import setup

    page = setup(2026, None, tmp_path / "2026", page="01-evaluasi")
    assert load_realisasi(2025) is None  # looked for, not imported: still a dependency
    page.show("Teks.")
    model = json.loads((tmp_path / "2026" / "model" / "01-evaluasi.json").read_text(encoding="utf-8"))
    assert model["realisasi_read"] == [2025] and model["tables_read"] == []


# ---------------------------------------------------------------------------------- nothing changed

def test_a_build_with_nothing_changed_answers_from_one_hash_and_any_change_plans_again(tmp_path, monkeypatch):
    """The no-op build (docs/build.md, Speed) compares one hash of data, code, notebooks, settings
    and output files with the last build that left everything current; any difference plans as usual."""
    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-params.ipynb", "2025-2026", "Parameter", ["fx_b"]),
                                          ("fx-other.ipynb", "2025-2026", "Lain", ["fx_a"])])
    assert set(statuses(run(tmp_path)).values()) == {B.BUILT}
    assert (tmp_path / "out" / ".build" / B.QUIET_RECORD).is_file()

    real_registry = B.load_registry
    monkeypatch.setattr(B, "load_registry", lambda path: pytest.fail("planned although nothing changed"))
    log = io.StringIO()
    report = run(tmp_path, log=log)
    assert statuses(report) == {("fx-params", 2025): B.UP_TO_DATE, ("fx-other", 2025): B.UP_TO_DATE}
    assert "0 built, 2 up-to-date" in log.getvalue() and report.exit_code == 0
    monkeypatch.setattr(B, "load_registry", real_registry)

    # another year asked, an output removed, a data file changed: each plans again
    assert statuses(run(tmp_path, years="2025,2026"))[("fx-params", 2026)] == B.BUILT
    (tmp_path / "out" / "2025" / "fx-other.html").unlink()
    assert statuses(run(tmp_path, years="2025,2026"))[("fx-other", 2025)] == B.BUILT
    (tmp_path / "data" / "tables" / "fx_a.csv").write_text("item,nilai\na,5\n")
    report = statuses(run(tmp_path, years="2025,2026"))
    assert report[("fx-other", 2025)] == B.BUILT and report[("fx-params", 2025)] == B.UP_TO_DATE
    # a forced build never answers from the hash
    assert set(statuses(run(tmp_path, years="2025,2026", force=True)).values()) == {B.BUILT}


def test_a_build_that_failed_is_never_answered_from_the_hash(tmp_path):
    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-fail.ipynb", "2025", "Gagal", ["fx_c"])])
    (tmp_path / "data" / "tables" / "fx_c.csv").write_text("fail\n")
    first = run(tmp_path)
    assert first.failures and not (tmp_path / "out" / ".build" / B.QUIET_RECORD).exists()


def test_the_validation_gate_is_waited_for_after_the_workers_start_and_before_any_page(tmp_path):
    """`make report` validates changed tables in a child while the workers and kernels start
    (``build(gate=...)``): no page runs before the gate has ended well, a failing gate stops the
    build with its exit code and leaves no page behind, a passing one builds as usual."""
    make_data(tmp_path)
    write_pages(tmp_path / "pages.yaml", [("fx-params.ipynb", "2025", "Parameter", ["fx_b"]),
                                          ("fx-table.ipynb", "2025", "Tabel", ["fx_a"])])
    seen = []

    def gate(code):
        def wait() -> int:
            seen.append(sorted(p.name for p in (tmp_path / "out").rglob("*.html")))
            return code
        return wait

    with pytest.raises(B.ValidationFailed) as failed:
        run(tmp_path, gate=gate(3))
    assert failed.value.code == 3 and seen == [[]]
    assert not list((tmp_path / "out").rglob("*.html")) and not (tmp_path / "out" / "2025").exists()
    seen.clear()
    report = run(tmp_path, gate=gate(0))
    assert seen == [[]] and report.count(B.BUILT) == 2 and report.exit_code == 0


def test_only_a_change_of_revisions_lets_a_page_be_shown_again_without_running():
    """_only_revisions_changed: the planner's revisions (data keys under narasi/) and the
    navigation may differ; any other input, or nothing at all, means the page runs (or is current)."""
    old = {"notebook": "n1", "data": {"tables/a.csv": "t1", "narasi/2025/x.md": "r1"}, "nav": {"next": "a"},
           "helpers": {"core/data.py": "h1"}}

    def changed(**parts):
        new = json.loads(json.dumps(old))
        for group, values in parts.items():
            new[group] = {**new[group], **values} if isinstance(values, dict) else values
        return new

    assert B._only_revisions_changed(old, changed(data={"narasi/2025/x.md": "r2"}))
    assert B._only_revisions_changed(old, changed(data={"narasi/2025/y.md": "r1"}, nav={"next": "b"}))
    removed = json.loads(json.dumps(old))
    del removed["data"]["narasi/2025/x.md"]
    assert B._only_revisions_changed(old, removed)
    assert not B._only_revisions_changed(old, old)
    assert not B._only_revisions_changed(old, changed(data={"narasi/2025/x.md": "r2", "tables/a.csv": "t2"}))
    assert not B._only_revisions_changed(old, changed(data={"narasi/2025/x.md": "r2"}, helpers={"core/data.py": "h2"}))
    assert not B._only_revisions_changed(old, changed(nav={"next": "b"}))



def test_a_tasks_cleanup_runs_after_it_returns_and_its_next_task_waits_for_it(monkeypatch):
    """A worker's result goes to the runner before the kernels are stopped and the memory released;
    the next task of that worker (and its exit) starts only once that cleanup has ended."""
    import threading

    release = threading.Event()
    steps = []

    class Pool:
        def close(self):
            steps.append("kernels stopped")

    monkeypatch.setattr(B, "_release_memory", lambda: (release.wait(10), steps.append("memory released")))
    B._after_task(Pool())  # returns at once: the cleanup is held on release
    other = threading.Thread(target=B._wait_after_task)  # another thread has no cleanup of its own
    other.start()
    other.join(5)
    assert not other.is_alive() and "memory released" not in steps
    release.set()
    B._wait_after_task()
    assert steps == ["kernels stopped", "memory released"]
    B._wait_after_task()  # nothing left to wait for
