"""Benchmark of fleet builds on Dask (not a test): throughput at 1 and 2 workers, peak memory per worker.

A SYNTHETIC fleet of ``--offices`` offices (default 3) is made in a temporary directory: each office
is a copy of ``data/`` marked with a ``SINTETIS-OPD-<k>.txt`` file (so the copies differ; the
marker is checked to pass ``helpers.core.validate``) with its own output directory, listed in a
fleet.yaml. For each worker count of ``--workers`` (default 1,2), one after the other in the same
run, a real ``distributed.LocalCluster(n_workers=W, threads_per_worker=1)`` is started in this
process and ``helpers.run.fleet.run(..., executor_kind="dask", scheduler=<its address>)`` builds
the whole fleet into empty output directories with the real notebooks (``--only``, ``--years``).

Printed for each W: wall time of the fleet build (cluster start-up excluded), page-years built,
pages per minute, the speed-up over the first W, and the peak PSS (proportional set size: shared
pages counted once) of each Dask worker process plus the kernels it spawned, sampled every 0.2 s
from /proc; the peak of this process (scheduler, nannies, client and the offices' build threads)
separately; and the CPU seconds other processes used meanwhile (a busy machine slows a run).
Checked: no office refused, no page failed, and every page's HTML is byte-identical between the
worker counts (after replacing the output directory, should a page contain it).

    python benchmarks/bench_fleet.py                       # 3 offices, W = 1,2, three pages, 2025-2026
    python benchmarks/bench_fleet.py --offices 3 --workers 1,2 --years 2025-2026 \\
        --only 02-1-struktur-organisasi 02-2-sumber-daya 01-evaluasi
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.stress_fleet import _kib, _tree  # noqa: E402  (/proc helpers)

DEFAULT_ONLY = ["02-1-struktur-organisasi", "02-2-sumber-daya", "01-evaluasi"]


def pss_mib(pids) -> float:
    return sum(_kib(p, "Pss:", "smaps_rollup") for p in pids) / 1024


def busy_cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by the whole machine (/proc/stat) and by this process and its reaped children."""
    with open("/proc/stat") as handle:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, handle.readline().split()[1:9])
    own = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK"), own


class WorkerSampler(threading.Thread):
    """Every ``interval`` s: the PSS of each worker process, of its kernels (its descendants), and of
    this process; keeps the peaks (MiB), the most kernels a worker had at once and their pids."""

    def __init__(self, workers: dict[str, int], interval: float = 0.2):
        super().__init__(daemon=True)
        self.workers, self.interval = workers, interval
        self.peak = {addr: {"total": 0.0, "worker": 0.0, "kernels": 0.0, "kernel_count": 0, "seen": set()}
                     for addr in workers}
        self.peak_main = self.peak_all = 0.0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            for addr, pid in self.workers.items():
                kernels = _tree(pid)[1:]
                own, theirs = pss_mib([pid]), pss_mib(kernels)
                peak = self.peak[addr]
                peak["total"] = max(peak["total"], own + theirs)
                peak["worker"], peak["kernels"] = max(peak["worker"], own), max(peak["kernels"], theirs)
                peak["kernel_count"] = max(peak["kernel_count"], len(kernels))
                peak["seen"].update(kernels)
            self.peak_main = max(self.peak_main, pss_mib([os.getpid()]))
            self.peak_all = max(self.peak_all, pss_mib(_tree(os.getpid())))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def make_fleet(root: Path, offices: int, worker_counts: list[int]) -> dict[int, Path]:
    """The offices' data copies (shared by every W, read only) and one fleet file per W, whose
    output directories ``w<W>/opd-<k>/out`` start empty."""
    from helpers.core import validate

    for k in range(1, offices + 1):
        data = root / f"opd-{k:02d}" / "data"
        shutil.copytree(REPO / "data", data)
        (data / f"SINTETIS-OPD-{k:02d}.txt").write_text(
            f"SYNTHETIC office {k} of a benchmark fleet (benchmarks/bench_fleet.py); a copy of data/.\n")
    report = io.StringIO()
    with contextlib.redirect_stdout(report), contextlib.redirect_stderr(report):
        code = validate.main([str(root / "opd-01" / "data")])
    if code != 0:
        raise SystemExit(f"a data copy with its SINTETIS-OPD marker does not validate:\n{report.getvalue()}")
    fleets = {}
    for w in worker_counts:
        entries = "".join(f"  - name: Dinas Sintetis {k:02d}\n    data_dir: ../opd-{k:02d}/data\n"
                          f"    output_dir: opd-{k:02d}/out\n" for k in range(1, offices + 1))
        (root / f"w{w}").mkdir()
        fleets[w] = root / f"w{w}" / "fleet.yaml"
        fleets[w].write_text("offices:\n" + entries)
    return fleets


def build_on_cluster(workers: int, fleet_file: Path, years: str, only: list[str]) -> dict:
    """Build the fleet on a fresh LocalCluster of ``workers`` single-threaded worker processes."""
    from dask.distributed import Client, LocalCluster

    from helpers.run import build as B
    from helpers.run import fleet

    machine_before, own_before = busy_cpu_seconds()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)
        sampler = WorkerSampler(pids)
        load = os.getloadavg()[0]
        sampler.start()
        started, main_cpu = time.monotonic(), time.process_time()
        results, _summary = fleet.run(fleet_file, build=B.build, default_years=years, years=years,
                                      executor_kind="dask", scheduler=cluster.scheduler_address,
                                      only=only or None, log=io.StringIO())
        seconds, main_cpu = time.monotonic() - started, time.process_time() - main_cpu
        sampler.stop()
        restarted = client.run(os.getpid) != pids
    machine_after, own_after = busy_cpu_seconds()  # the workers and their kernels are reaped by now
    others = max(0.0, (machine_after - machine_before) - (own_after - own_before))
    problems = [f"{r.office.name}: {r.error}" for r in results if r.report is None]
    problems += [f"{r.office.name}: {f.stem} {f.tahun} failed: {(f.error or {}).get('message')}"
                 for r in results if r.report is not None for f in r.report.failures]
    problems += ["worker restarted during the build (memory of the new process not sampled)"] if restarted else []
    for r in results:  # every page-year built is published
        for page in (r.report.results if r.report is not None else []):
            if page.status == B.BUILT and not (r.office.output_dir / str(page.tahun) / f"{page.stem}.html").is_file():
                problems.append(f"{r.office.name}: {page.tahun}/{page.stem}.html missing")
    built = sum(r.report.count(B.BUILT) for r in results if r.report is not None)
    return {"workers": workers, "seconds": seconds, "built": built, "per_minute": built / seconds * 60,
            "load_before": load, "others_cpu": others, "main_cpu": main_cpu, "tree_cpu": own_after - own_before,
            "peak": sampler.peak, "peak_main": sampler.peak_main, "peak_all": sampler.peak_all, "problems": problems,
            "outputs": [r.office.output_dir for r in results]}


def html_differences(first: dict, other: dict) -> tuple[list[str], int, int]:
    """Page HTML files (``<tahun>/<page>.html``) that differ between two runs after replacing each
    office's output directory by ``OUT``; the number compared, and how many contain the output path.
    (index.html is not compared: it shows when it was built.)"""
    differing, compared, with_path = [], 0, 0
    for out_a, out_b in zip(first["outputs"], other["outputs"]):
        names_a = {p.relative_to(out_a) for p in out_a.glob("*/*.html")}  # <tahun>/<page>.html
        names_b = {p.relative_to(out_b) for p in out_b.glob("*/*.html")}
        differing += [f"{out_a.parent.name}/{n} (in one run only)" for n in sorted(names_a ^ names_b)]
        for name in sorted(names_a & names_b):
            a, b = (out_a / name).read_bytes(), (out_b / name).read_bytes()
            compared += 1
            with_path += str(out_a).encode() in a
            if a.replace(str(out_a).encode(), b"OUT") != b.replace(str(out_b).encode(), b"OUT"):
                differing.append(f"{out_a.parent.name}/{name}")
    return differing, compared, with_path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offices", type=int, default=3, help="synthetic offices in the fleet (default: %(default)s)")
    parser.add_argument("--workers", default="1,2", help="Dask worker counts to compare (default: %(default)s)")
    parser.add_argument("--years", default="2025-2026", help="years per office (default: %(default)s)")
    parser.add_argument("--only", nargs="*", default=DEFAULT_ONLY,
                        help="pages to build (default: %(default)s); give --only with no names for every page")
    parser.add_argument("--workdir", default=None, help="where the fleet is written (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the fleet's files")
    args = parser.parse_args(argv)

    from helpers.run.kernel import ensure_kernel

    ensure_kernel()
    worker_counts = [int(w) for w in args.workers.split(",")]
    root = Path(args.workdir or tempfile.mkdtemp(prefix="bench-fleet-")).resolve()
    root.mkdir(parents=True, exist_ok=True)
    print(f"fleet: {args.offices} synthetic offices, workers {worker_counts}, years {args.years}, "
          f"pages {args.only or 'all'}, cpus {os.cpu_count()}, workdir {root}", flush=True)
    fleets = make_fleet(root, args.offices, worker_counts)
    runs = []
    for w in worker_counts:
        run = build_on_cluster(w, fleets[w], args.years, args.only)
        runs.append(run)
        print(f"W={w}: {run['built']} page-years in {run['seconds']:.1f} s = {run['per_minute']:.1f} pages/min "
              f"(load average before {run['load_before']:.2f}; other processes used {run['others_cpu']:.0f} CPU s "
              f"meanwhile); {'no failure' if not run['problems'] else 'PROBLEMS:'}", flush=True)
        for problem in run["problems"][:20]:
            print("   ", problem)
        print(f"    CPU: this process {run['main_cpu']:.1f} s during the build; this process, workers and kernels "
              f"{run['tree_cpu']:.1f} s from cluster start to close")
        for addr, peak in run["peak"].items():
            print(f"    worker {addr}: peak {peak['total']:.0f} MiB PSS (worker process {peak['worker']:.0f}, "
                  f"kernels {peak['kernels']:.0f}; {len(peak['seen'])} kernel process(es) seen, "
                  f"at most {peak['kernel_count']} at once)")
        print(f"    this process (scheduler, nannies, client, build threads): peak {run['peak_main']:.0f} MiB PSS; "
              f"all processes together: peak {run['peak_all']:.0f} MiB PSS", flush=True)

    base = runs[0]
    print("\n| workers | wall time | page-years built | pages/min | speed-up | peak PSS per worker (+ kernels) "
          "| scheduler/client process | all processes |\n|---|---|---|---|---|---|---|---|")
    for run in runs:
        per_worker = ", ".join(f"{p['total']:.0f}" for p in run["peak"].values())
        print(f"| {run['workers']} | {run['seconds']:.1f} s | {run['built']} | {run['per_minute']:.1f} | "
              f"{base['seconds'] / run['seconds']:.2f}x | {per_worker} MiB | {run['peak_main']:.0f} MiB | "
              f"{run['peak_all']:.0f} MiB |")
    ok = all(not run["problems"] and run["built"] for run in runs)
    for run in runs[1:]:
        differing, compared, with_path = html_differences(base, run)
        ok &= not differing
        print(f"HTML W={base['workers']} vs W={run['workers']}: {compared} files compared, "
              f"{len(differing)} differ{': ' + ', '.join(differing[:10]) if differing else ''}; "
              f"{with_path} contain their output directory's path")
    if not args.keep and not args.workdir:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
