"""Benchmark of the yearly batch (not a test): the targets of issue 15, measured side by side in one run.

On the same machine, the same pages x years and a private copy of the data:

(a) the naive loop an analyst writes, serial: for each page and year ``papermill`` CLI, then
    ``jupyter nbconvert --to html --no-input`` CLI (every page x year, no data windows);
(b) ``make report`` into an empty output directory (``python -m helpers.run.build --validate-first``);
(c) ``make report`` again, nothing changed (through ``make``, so its own overhead counts);
(d) one data file changed (a cell of one table): ``make report``, and which pages were rebuilt;
(e) one narrative revision added (``data/narasi/<tahun>/<id>.md``): ``make report``;
(f) a realisation import for the plan's first year (a SYNTHETIC filled template,
    tests/fixtures/isian_sintetis.py): ``make report``, and which pages were rebuilt;
(g) one page module changed (a comment appended to helpers/pages/sumber_daya.py, removed again
    at the end, whatever happens): ``make report``, and which pages were rebuilt.

Prints wall times, a/b, the pages rebuilt by each change, and the peak memory of the whole process
tree (summed PSS and RSS of every process the commands start, sampled every 0.2 s; not this
script's own) against ``JOBS x 300 MB``.

    python benchmarks/bench_build.py                      # the real pages, 2025-2029, jobs = CPUs
    python benchmarks/bench_build.py --skip-naive         # (b)-(f) only
    python benchmarks/bench_build.py --synthetic          # the fixture notebooks (runner overhead only)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from benchmarks.stress_fleet import TreeSampler  # noqa: E402
from helpers.run.build import WORKER_MEMORY_MB, load_pages, parse_years  # noqa: E402  (light imports)
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


def timed(cmds: list[list[str]], env: dict | None = None) -> dict:
    """Run commands one after another; wall seconds, peak memory of the process tree, exit codes, stderr."""
    sampler = TreeSampler(include_self=False)  # the commands' processes, not this script's own
    sampler.start()
    start = time.monotonic()
    codes, stderr = [], ""
    for cmd in cmds:
        done = subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=env)
        codes.append(done.returncode)
        stderr += done.stderr
        if done.returncode != 0:
            print(f"  ! exit {done.returncode}: {' '.join(cmd[:4])} ...\n{done.stderr[-1500:]}", file=sys.stderr)
    seconds = time.monotonic() - start
    sampler.stop()
    return {"seconds": seconds, "pss": sampler.peak_pss / 1024, "rss": sampler.peak_rss / 1024,
            "processes": sampler.peak_processes, "codes": codes, "stderr": stderr}


def rebuilt(stderr: str) -> list[str]:
    """The ``built`` lines of the runner's log: page and year of each page rebuilt."""
    return [" ".join(line.split()[1:3]) for line in stderr.splitlines()
            if line.startswith("built ") and "documents" not in line]


def change_one_cell(data: Path) -> str:
    """Add 1 to the first count of Tabel 2.2.5 (inventaris) in the data copy; returns what changed."""
    path = data / "tables" / "2_2_5b_inventaris.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        for j, cell in enumerate(cells):
            if cell.isdigit() and header[j] not in ("no", "tahun"):
                cells[j] = str(int(cell) + 1)
                lines[i] = ",".join(cells)
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                return f"{path.name} row {i + 1} column {header[j]}: {cell} -> {cells[j]}"
    raise SystemExit(f"no count to change in {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", default="2025-2029")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--synthetic", action="store_true", help="the fixture notebooks instead of the real pages")
    parser.add_argument("--skip-naive", action="store_true", help="only measure (b)-(f)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    if args.synthetic:
        data, pages_file = fixture_setup(work)
        nb_dir = FIXTURES
    else:
        data = work / "data"
        shutil.copytree(REPO / "data", data)  # changes (d)-(f) are made to this copy only
        pages_file, nb_dir = REPO / "notebooks" / "pages.yaml", REPO / "notebooks"
    years = parse_years(args.years)
    pages = load_pages(pages_file)
    combos = [(p, y) for p in pages for y in years if p.applies_to(y)]
    kernel = ensure_kernel()
    bindir = Path(sys.executable).parent
    print(f"{len(pages)} notebooks x {len(years)} years = {len(combos)} page-years; jobs={args.jobs}; "
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
        failures = sum(c != 0 for c in results["a"]["codes"])
        print(f"(a) naive papermill + nbconvert CLI loop:   {results['a']['seconds']:7.2f} s  "
              f"peak {results['a']['pss']:6.0f} MiB PSS  failures {failures}")

    out = work / "runner"
    make = ["make", "--no-print-directory", "-C", str(REPO), "report", f"YEARS={args.years}", f"JOBS={args.jobs}",
            f"DATA_DIR={data}", f"OUTPUT_DIR={out}"]
    runner = [sys.executable, "-m", "helpers.run.build", *([] if args.synthetic else ["--validate-first"]),
              "--years", args.years,
              "--jobs", str(args.jobs), "--data-dir", str(data), "--output-dir", str(out),
              "--notebooks-dir", str(nb_dir), "--pages", str(pages_file)]
    first = runner if args.synthetic else make
    results["b"] = timed([first])
    print(f"(b) make report, empty output directory:    {results['b']['seconds']:7.2f} s  "
          f"peak {results['b']['pss']:6.0f} MiB PSS / {results['b']['rss']:6.0f} MiB RSS "
          f"({results['b']['processes']} processes; JOBS x {WORKER_MEMORY_MB} MB = {args.jobs * WORKER_MEMORY_MB} MB)  "
          f"pages built {len(rebuilt(results['b']['stderr']))}")
    results["c"] = timed([first])
    results["c_runner"] = timed([runner])
    print(f"(c) nothing changed: make report            {results['c']['seconds']:7.2f} s;  "
          f"python -m helpers.run.build alone {results['c_runner']['seconds']:5.2f} s  "
          f"pages built {len(rebuilt(results['c']['stderr']))}")
    if "a" in results:
        print(f"ratio a/b = {results['a']['seconds'] / results['b']['seconds']:.2f}  "
              f"(naive {results['a']['seconds'] / len(combos):.2f} s per page-year)")
    if not args.synthetic:
        what = change_one_cell(data)
        results["d"] = timed([make])
        print(f"(d) one data file ({what}): {results['d']['seconds']:.2f} s, rebuilt: "
              f"{', '.join(rebuilt(results['d']['stderr'])) or 'none'}")
        draft = sorted((out / str(years[0]) / "narasi").glob("2-2-*.md"))
        if draft:
            revision = data / "narasi" / str(years[0]) / draft[0].name
            revision.parent.mkdir(parents=True, exist_ok=True)
            revision.write_text(draft[0].read_text(encoding="utf-8") + "\nKalimat tambahan perencana.\n",
                                encoding="utf-8")
            results["e"] = timed([make])
            print(f"(e) one narrative revision ({revision.relative_to(data)}): {results['e']['seconds']:.2f} s, "
                  f"rebuilt: {', '.join(rebuilt(results['e']['stderr'])) or 'none'}")
        from fixtures.isian_sintetis import fill_template
        from helpers.core.realisasi import import_filled, write_template

        xlsx = [p for p in write_template(years[0], work / "isian", data) if str(p).endswith(".xlsx")][0]
        filled = work / "isian" / "terisi-SINTETIS.xlsx"
        fill_template(xlsx, filled, seed=years[0])
        import_filled(filled, years[0], data)
        results["f"] = timed([make])
        built = rebuilt(results["f"]["stderr"])
        print(f"(f) realisation {years[0]} imported (SINTETIS): {results['f']['seconds']:.2f} s, "
              f"{len(built)} pages rebuilt: {', '.join(built) or 'none'}")
        module = REPO / "helpers" / "pages" / "sumber_daya.py"
        original = module.read_bytes()
        try:
            module.write_bytes(original + b"\n# benchmark (g): a changed page module\n")
            results["g"] = timed([make])
        finally:
            module.write_bytes(original)
        print(f"(g) one page module (helpers/pages/sumber_daya.py): {results['g']['seconds']:.2f} s, "
              f"rebuilt: {', '.join(rebuilt(results['g']['stderr'])) or 'none'}")
    (work / "results.json").write_text(json.dumps({k: {x: y for x, y in v.items() if x != "stderr"}
                                                   for k, v in results.items()}, indent=1))
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
