"""Load test of the batch runner on a SYNTHETIC fleet of OPDs (not a test; see docs/safety.md).

Each OPD of the fleet is a copy of ``data/`` (marked with a ``SINTETIS-OPD-<k>.txt`` file so
the copies differ) with its own DATA_DIR and OUTPUT_DIR. One driver process builds the OPDs one
after the other with ``helpers.run.build.build(..., jobs=JOBS)`` on the real notebooks (``--only``
picks a subset; by default the two fastest pages) for ``--years`` (default 2025-2029), as a
service building a whole province would. Then every page is checked: present, complete HTML
that parses, index links that resolve, no failure.

The fleet is run at two sizes (``--sizes 2,6``), each in a fresh driver process, and the script
prints pages per second and peak memory of each size, and the ratio of peak memory between the
sizes: memory must stay bounded (ratio ~1), not grow with the number of OPDs.

Memory is measured two ways: the peak of the summed PSS (proportional set size: shared pages
counted once) of the driver and all its descendants (workers, kernels), sampled every 0.2 s
from /proc; and ``ru_maxrss`` of the largest single process. The driver's own RSS after each
OPD shows whether the runner leaks between builds.

    python benchmarks/stress_fleet.py                          # sizes 2,6; 2 pages x 2025-2029
    python benchmarks/stress_fleet.py --sizes 2,6 --jobs 2 --years 2025-2029 \\
        --only 02-1-struktur-organisasi 02-2-sumber-daya
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_ONLY = ["02-1-struktur-organisasi", "02-2-sumber-daya"]


# ------------------------------------------------------------------------------------ memory

def _tree(root: int) -> list[int]:
    """``root`` and all its descendant processes (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _kib(pid: int, field: str, source: str) -> int:
    try:
        with open(f"/proc/{pid}/{source}") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS and RSS (KiB) of this process tree; keeps the peaks. With
    ``include_self=False`` only the processes this one started count (the build it measures, not
    the measuring process)."""

    def __init__(self, interval: float = 0.2, include_self: bool = True):
        super().__init__(daemon=True)
        self.interval = interval
        self.include_self = include_self
        self.peak_pss = self.peak_rss = self.peak_processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = [p for p in _tree(os.getpid()) if self.include_self or p != os.getpid()]
            pss = sum(_kib(p, "Pss:", "smaps_rollup") for p in pids)
            rss = sum(_kib(p, "VmRSS:", "status") for p in pids)
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self.peak_processes = max(self.peak_processes, len(pids))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# ------------------------------------------------------------------------------------ checks

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links += [v for k, v in attrs if k == "href" and v]


def check_opd(out: Path, pages, years: list[int]) -> list[str]:
    """Problems with an OPD's published output ([] if every page is there and valid)."""
    problems = []
    for page in pages:
        for tahun in years:
            if not page.applies_to(tahun):
                continue
            html = out / str(tahun) / f"{page.stem}.html"
            if not html.is_file():
                problems.append(f"missing {html}")
                continue
            text = html.read_text(encoding="utf-8")
            if not text.rstrip().endswith("</html>"):
                problems.append(f"truncated {html}")
            try:
                parser = HTMLParser()
                parser.feed(text)
                parser.close()
            except Exception as exc:  # noqa: BLE001
                problems.append(f"unparsable {html}: {exc}")
    index = out / "index.html"
    if not index.is_file():
        return problems + [f"missing {index}"]
    links = _Links()
    links.feed(index.read_text(encoding="utf-8"))
    for link in links.links:
        if not (out / link.split("#")[0]).is_file():
            problems.append(f"index links to missing {link}")
    if list(out.rglob(".tmp-*")):
        problems.append(f"temporary files left in {out}")
    return problems


# ------------------------------------------------------------------------------------ one size

def run_size(size: int, workdir: Path, years: str, jobs: int, only: list[str]) -> dict:
    """Build a fleet of ``size`` OPDs in this process; returns the figures (JSON-able)."""
    from helpers.run.build import DEFAULT_NOTEBOOKS_DIR, FAILED, build, load_pages, parse_years

    root = workdir / f"fleet-{size}"
    shutil.rmtree(root, ignore_errors=True)
    opds = []
    for k in range(1, size + 1):
        data = root / f"opd-{k:02d}" / "data"
        shutil.copytree(REPO / "data", data)
        (data / f"SINTETIS-OPD-{k:02d}.txt").write_text(
            f"SYNTHETIC OPD {k} of a load test fleet (benchmarks/stress_fleet.py); a copy of data/.\n")
        opds.append((data, root / f"opd-{k:02d}" / "out"))
    all_pages = load_pages(DEFAULT_NOTEBOOKS_DIR / "pages.yaml")
    pages = [p for p in all_pages if p.stem in set(only)] if only else all_pages
    year_list = parse_years(years)

    sampler = TreeSampler()
    sampler.start()
    driver_rss = []
    started = time.monotonic()
    built = failed = 0
    problems: list[str] = []
    for data, out in opds:
        log = io.StringIO()
        report = build(years, jobs=jobs, data_dir=data, output_dir=out, only=only or None, log=log)
        built += report.count("built")
        failed += report.count(FAILED)
        if report.count(FAILED):
            problems.append(f"{out}: {report.count(FAILED)} failed\n{log.getvalue()[-2000:]}")
        problems += check_opd(out, pages, year_list)
        driver_rss.append(_kib(os.getpid(), "VmRSS:", "status"))
    seconds = time.monotonic() - started
    sampler.stop()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "opds": size, "pages_built": built, "pages_failed": failed, "seconds": round(seconds, 2),
        "pages_per_second": round(built / seconds, 3) if seconds else None,
        "peak_tree_pss_mib": round(sampler.peak_pss / 1024, 1),
        "peak_tree_rss_mib": round(sampler.peak_rss / 1024, 1),
        "peak_processes": sampler.peak_processes,
        "largest_process_mib": round(max(children, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024, 1),
        "driver_rss_mib_after_each_opd": [round(r / 1024, 1) for r in driver_rss],
        "problems": problems,
    }


# ------------------------------------------------------------------------------------ main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2,6", help="fleet sizes (number of OPDs) to compare (default: %(default)s)")
    parser.add_argument("--years", default="2025-2029", help="years per OPD (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers per build (default: %(default)s)")
    parser.add_argument("--only", nargs="*", default=DEFAULT_ONLY,
                        help="pages to build (default: %(default)s); give --only with no names for every page")
    parser.add_argument("--workdir", default=None, help="where the fleet is written (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the fleet's files")
    parser.add_argument("--one-size", type=int, default=None, help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)

    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="stress-fleet-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.one_size is not None:  # a fresh driver process for one size: print its figures as JSON
        print(json.dumps(run_size(args.one_size, workdir, args.years, args.jobs, args.only)))
        return 0

    from helpers.run.kernel import ensure_kernel

    ensure_kernel()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"fleet: sizes {sizes}, years {args.years}, jobs {args.jobs}, pages {args.only or 'all'}, "
          f"cpus {os.cpu_count()}, workdir {workdir}", flush=True)
    results = []
    ok = True
    for size in sizes:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--one-size", str(size), "--workdir", str(workdir),
               "--years", args.years, "--jobs", str(args.jobs), "--only", *args.only]
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(figures)
        ok &= not figures["problems"] and figures["pages_failed"] == 0
        print(f"{size} OPDs: {figures['pages_built']} pages in {figures['seconds']} s = "
              f"{figures['pages_per_second']} pages/s; peak memory (all processes, PSS) "
              f"{figures['peak_tree_pss_mib']} MiB (RSS {figures['peak_tree_rss_mib']} MiB, "
              f"{figures['peak_processes']} processes); largest process {figures['largest_process_mib']} MiB; "
              f"driver RSS after each OPD {figures['driver_rss_mib_after_each_opd']} MiB; "
              f"{'all pages present and valid' if not figures['problems'] else 'PROBLEMS:'}", flush=True)
        for problem in figures["problems"][:20]:
            print("   ", problem)
    if len(results) >= 2:
        small, large = results[0], results[-1]
        print(f"peak memory ratio {large['opds']}/{small['opds']} OPDs: "
              f"PSS {large['peak_tree_pss_mib'] / small['peak_tree_pss_mib']:.2f}, "
              f"largest process {large['largest_process_mib'] / small['largest_process_mib']:.2f} "
              f"(fleet grew x{large['opds'] / small['opds']:.1f}; bounded memory means ~1)")
    if not args.keep and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
