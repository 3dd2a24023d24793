"""Benchmark of the batch runner (not a test): naive CLI loop vs ``python -m helpers.run.build``.

In one invocation, on the same machine and the same pages x years:

(a) naive loop, serial: for each page and year ``papermill`` CLI, then
    ``jupyter nbconvert --to html --no-input`` CLI;
(b) ``python -m helpers.run.build`` (what ``make report`` runs) into an empty output directory;
(c) the same command again with nothing changed (everything up to date).

Prints the times, the ratio a/b, and peak memory (largest single process of each phase, from
``os.wait4``; plus ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` overall).

By default it runs on the SYNTHETIC fixture notebooks (tests/fixtures/notebooks) with a
generated data directory; point it at the real pages with
``--pages notebooks/pages.yaml --notebooks-dir notebooks --data-dir data``.

    python benchmarks/bench_build.py --years 2025-2029 --jobs 2
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from helpers.run.build import load_pages, parse_years  # noqa: E402  (light: no papermill import)
from helpers.run.kernel import ensure_kernel  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "notebooks"
FIXTURE_PAGES = """# SYNTHETIC pages for the benchmark (fixture notebooks, generated data).
pages:
  - {notebook: fx-params.ipynb, title: Parameter, bab: Sintetis, years: 2019-2029, depends_on: [fx_b]}
  - {notebook: fx-table.ipynb, title: Tabel dan grafik, bab: Sintetis, years: 2019-2029, depends_on: [fx_a]}
  - {notebook: fx-other.ipynb, title: Halaman lain, bab: Sintetis, years: 2019-2029, depends_on: [fx_b]}
  - {notebook: fx-fail.ipynb, title: Mode, bab: Sintetis, years: 2019-2029, depends_on: [fx_c]}
  - {notebook: fx-slow.ipynb, title: Tidur singkat, bab: Sintetis, years: 2019-2029, depends_on: [fx_slow]}
"""


def fixture_setup(root: Path) -> tuple[Path, Path]:
    """Generated data dir and pages file for the fixture notebooks."""
    data = root / "data"
    (data / "tables").mkdir(parents=True)
    (data / "realisasi").mkdir()
    (data / "units.yaml").write_text("units: {orang: orang}\n")
    for name, text in {"fx_a": "item,nilai\na,1\nb,3\nc,2\n", "fx_b": "x\n1\n", "fx_c": "ok\n",
                       "fx_slow": "0.2\n"}.items():
        (data / "tables" / f"{name}.csv").write_text(text)
        (data / "tables" / f"{name}.yaml").write_text(f"id: {name}\n")
    pages = root / "pages.yaml"
    pages.write_text(FIXTURE_PAGES)
    return data, pages


def timed(cmds: list[list[str]], quiet: bool = True) -> tuple[float, int, list[int]]:
    """Run commands one after another; (seconds, peak RSS KiB of the largest process, exit codes)."""
    start = time.monotonic()
    peak, codes = 0, []
    for cmd in cmds:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL if quiet else None,
                                stderr=subprocess.PIPE, text=True)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss)
        codes.append(proc.returncode)
        if proc.returncode not in (0,):
            print(f"  ! exit {proc.returncode}: {' '.join(cmd[:4])} ...\n{stderr[-2000:]}", file=sys.stderr)
    return time.monotonic() - start, peak, codes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", default="2025-2029")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--notebooks-dir", default=None, help="default: the synthetic fixtures")
    parser.add_argument("--pages", default=None, help="default: generated pages for the fixtures")
    parser.add_argument("--data-dir", default=None, help="default: generated synthetic data")
    parser.add_argument("--skip-naive", action="store_true", help="only measure (b) and (c)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    if args.pages:
        pages_file = Path(args.pages).resolve()
        nb_dir = Path(args.notebooks_dir or pages_file.parent).resolve()
        data = Path(args.data_dir or REPO / "data").resolve()
    else:
        data, pages_file = fixture_setup(work)
        nb_dir = Path(args.notebooks_dir or FIXTURES).resolve()
        data = Path(args.data_dir).resolve() if args.data_dir else data
    years = parse_years(args.years)
    pages = load_pages(pages_file)
    combos = [(p, y) for p in pages for y in years if p.applies_to(y)]
    kernel = ensure_kernel()
    bindir = Path(sys.executable).parent
    print(f"{len(pages)} notebooks x {len(years)} years = {len(combos)} pages; jobs={args.jobs}; "
          f"cpus={os.cpu_count()}; python={sys.executable}")

    results = {}
    if not args.skip_naive:
        naive_out = work / "naive"
        cmds = []
        for page, tahun in combos:
            year_dir = naive_out / str(tahun)
            year_dir.mkdir(parents=True, exist_ok=True)
            target = year_dir / f"{page.stem}.ipynb"
            cmds.append([str(bindir / "papermill"), str(nb_dir / page.notebook), str(target), "-k", kernel,
                         "--no-progress-bar", "-p", "tahun", str(tahun), "-p", "data_dir", str(data),
                         "-p", "output_dir", str(year_dir)])
            cmds.append([str(bindir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(target)])
        results["a"] = timed(cmds)
        print(f"(a) naive papermill + nbconvert CLI loop: {results['a'][0]:7.2f} s  "
              f"peak RSS {results['a'][1] / 1024:6.1f} MiB  failures {sum(c != 0 for c in results['a'][2])}")

    out = work / "runner"
    build = [sys.executable, "-m", "helpers.run.build", "--years", args.years, "--jobs", str(args.jobs),
             "--data-dir", str(data), "--output-dir", str(out), "--notebooks-dir", str(nb_dir),
             "--pages", str(pages_file)]
    results["b"] = timed([build])
    print(f"(b) python -m helpers.run.build, empty output:  {results['b'][0]:7.2f} s  "
          f"peak RSS {results['b'][1] / 1024:6.1f} MiB  exit {results['b'][2][0]}")
    results["c"] = timed([build])
    print(f"(c) same again, nothing changed:          {results['c'][0]:7.2f} s  "
          f"peak RSS {results['c'][1] / 1024:6.1f} MiB  exit {results['c'][2][0]}")
    if "a" in results:
        print(f"ratio a/b = {results['a'][0] / results['b'][0]:.2f}  "
              f"(per page: naive {results['a'][0] / len(combos):.2f} s, runner {results['b'][0] / len(combos):.2f} s)")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"getrusage(RUSAGE_CHILDREN): maxrss {children.ru_maxrss / 1024:.1f} MiB, "
          f"user {children.ru_utime:.1f} s, sys {children.ru_stime:.1f} s")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
