"""Fleets of offices: one build per office (its own data and output directory), every page of every
office on one executor, usually a Dask cluster.

A consultant's batch covers many offices (a kabupaten has about 30 OPD). The fleet file lists
them; paths are relative to the fleet file::

    # fleet.yaml
    years: 2025-2029            # optional; --years overrides it
    offices:
      - name: Dinas A
        data_dir: data
        output_dir: outputs
      - name: Dinas B
        data_dir: ../opd/dinas-b/data
        output_dir: ../opd/dinas-b/outputs

    python -m helpers.run.build --fleet fleet.yaml --executor dask              # a LocalCluster
    python -m helpers.run.build --fleet fleet.yaml --executor dask --scheduler tcp://host:8786
    python -m helpers.run.build --fleet fleet.yaml                              # local processes

Each task is one office x page x year (:func:`helpers.run.build.run_page`). The offices' builds
run side by side (one thread each, up to :data:`MAX_CONCURRENT_OFFICES`) and submit their pages
to the same executor, so the cluster stays busy across offices. A failure is isolated: a page that
fails fails only itself, an office whose directories are refused or locked is reported and the
others go on. When a Dask worker dies, the scheduler gives its task to another worker (a page
writes into its own staging folder, so a rerun starts clean). The summary is per office.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import io
import os
import time
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Optional, Sequence

import yaml

from helpers.core.yamlfile import read_yaml
from helpers.run.index import BUILT, FAILED, UP_TO_DATE

#: How many offices build at once (each holds its own lock and submits its pages to the executor).
MAX_CONCURRENT_OFFICES = 8
EXECUTORS = ("local", "dask")


class FleetError(ValueError):
    """A fleet file that cannot be used; the message names the file, the office and the key."""


@dataclasses.dataclass(frozen=True)
class Office:
    """One office of a fleet: a name and its data and output directories (absolute)."""

    name: str
    data_dir: Path
    output_dir: Path


@dataclasses.dataclass
class OfficeResult:
    """What the build of one office did (``report`` is None when the build was refused)."""

    office: Office
    report: Any = None
    error: str = ""
    log: str = ""
    refused_code: int = 0  # the exit code of a refused build (2 bad arguments, 3 locked)

    @property
    def exit_code(self) -> int:
        return self.report.exit_code if self.report is not None else self.refused_code


def load_fleet(path: os.PathLike | str) -> tuple[list[Office], Optional[str]]:
    """The offices of a fleet file and its ``years`` (None if not given); raises :class:`FleetError`."""
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise FleetError(f"{path}: fleet file not found; expected a YAML file with 'offices:'")
    try:
        raw = read_yaml(path)
    except yaml.YAMLError as exc:
        raise FleetError(str(exc)) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("offices"), list) or not raw["offices"]:
        raise FleetError(f"{path}: expected a mapping with a non-empty list 'offices:' "
                         "(each with name, data_dir, output_dir)")
    unknown = sorted(set(raw) - {"offices", "years"})
    if unknown:
        raise FleetError(f"{path}: unknown key(s) {unknown}; expected offices and years")
    offices, names, outputs = [], set(), {}
    for n, entry in enumerate(raw["offices"], start=1):
        where = f"{path}, office {n}"
        if not isinstance(entry, dict):
            raise FleetError(f"{where}: expected a mapping with name, data_dir, output_dir (value {entry!r})")
        extra = sorted(set(entry) - {"name", "data_dir", "output_dir"})
        missing = [k for k in ("name", "data_dir", "output_dir") if not str(entry.get(k) or "").strip()]
        if extra or missing:
            raise FleetError(f"{where}: " + "; ".join(
                ([f"missing key(s) {missing}"] if missing else []) + ([f"unknown key(s) {extra}"] if extra else []))
                + "; expected name, data_dir, output_dir")
        name = str(entry["name"]).strip()
        if name in names:
            raise FleetError(f"{where}, key 'name': {name!r} appears twice; expected one entry per office")
        names.add(name)
        data = (path.parent / str(entry["data_dir"])).expanduser().resolve()
        out = (path.parent / str(entry["output_dir"])).expanduser().resolve()
        if out in outputs:
            raise FleetError(f"{where}, key 'output_dir': {out} is also the output of office {outputs[out]!r}; "
                             "expected one output directory per office")
        outputs[out] = name
        offices.append(Office(name, data, out))
    years = raw.get("years")
    return offices, (None if years is None else str(years))


@contextlib.contextmanager
def make_executor(kind: str, jobs: int, scheduler: Optional[str] = None) -> Iterator[Any]:
    """A ``concurrent.futures`` executor for the fleet: ``local`` (None: each office's own process
    pool) or ``dask`` (a client of the scheduler at ``scheduler``, else of a ``LocalCluster`` of
    ``jobs`` single-threaded worker processes, closed afterwards)."""
    if kind not in EXECUTORS:
        raise FleetError(f"--executor {kind!r}; expected one of {', '.join(EXECUTORS)}")
    if kind == "local":
        if scheduler:
            raise FleetError("--scheduler needs --executor dask")
        yield None
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is pinned in requirements.txt
        raise FleetError("--executor dask needs dask and distributed (pip install -r requirements.txt)") from None
    if scheduler:
        with Client(scheduler) as client:
            yield client.get_executor()
        return
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client.get_executor()


def build_fleet(offices: Sequence[Office], years: str, *, build: Callable[..., Any], executor: Any = None,
                jobs: Optional[int] = None, log: Optional[IO[str]] = None, **build_options: Any) -> list[OfficeResult]:
    """Build every office with ``build`` (:func:`helpers.run.build.build`); one result per office,
    in the fleet's order.

    ``executor``: shared by all offices (e.g. a Dask client's executor); with None the offices are
    built one after the other, each with its own process pool of ``jobs`` workers. An exception with
    an ``exit_code`` (the runner's UsageError, BuildLocked) refuses only its office.
    """
    def one(office: Office) -> OfficeResult:
        buffer = io.StringIO()
        result = OfficeResult(office)
        try:
            result.report = build(years, jobs=jobs, data_dir=office.data_dir, output_dir=office.output_dir,
                                  executor=executor, log=buffer, **build_options)
        except Exception as exc:  # an office must not stop the others
            code = getattr(exc, "exit_code", None)
            result.refused_code = code or 1
            result.error = (f"locked: {exc}" if code == 3 else f"refused: {exc}" if code
                            else f"failed: {type(exc).__name__}: {exc}")
        result.log = buffer.getvalue()
        if log is not None:
            print(f"== {office.name} ({office.output_dir})\n{result.log.rstrip()}", file=log, flush=True)
        return result

    if executor is None:
        return [one(office) for office in offices]
    with cf.ThreadPoolExecutor(max_workers=min(MAX_CONCURRENT_OFFICES, len(offices))) as threads:
        return list(threads.map(one, offices))


def summary(results: Sequence[OfficeResult], seconds: float) -> str:
    """One line per office (built, up-to-date, failed or why it was refused), then the total."""
    lines = [f"Fleet: {len(results)} office(s) in {seconds:.2f} s"]
    width = max(len(r.office.name) for r in results)
    for r in results:
        if r.report is None:
            lines.append(f"  {r.office.name:<{width}}  {r.error}")
            continue
        rep = r.report
        lines.append(f"  {r.office.name:<{width}}  {rep.count(BUILT)} built, {rep.count(UP_TO_DATE)} up-to-date, "
                     f"{rep.count(FAILED)} failed  ->  {rep.output_dir / 'index.html'}")
        for failure in rep.failures:
            lines.append(f"  {'':<{width}}    failed: {failure.stem} {failure.tahun}: "
                         f"{(failure.error or {}).get('message', '?')}")
    failed = sum(1 for r in results if r.exit_code != 0)
    lines.append(f"Offices with a problem: {failed} of {len(results)}")
    return "\n".join(lines)


def run(fleet_file: os.PathLike | str, *, build: Callable[..., Any], default_years: str, years: Optional[str] = None,
        executor_kind: str = "local", scheduler: Optional[str] = None, jobs: Optional[int] = None,
        log: Optional[IO[str]] = None, **build_options: Any) -> tuple[list[OfficeResult], str]:
    """Load the fleet, build it with ``build`` on the chosen executor; returns the results and the
    summary. Years: ``years``, else the fleet file's, else ``default_years``."""
    started = time.monotonic()
    offices, fleet_years = load_fleet(fleet_file)
    jobs = jobs or os.cpu_count() or 1
    with make_executor(executor_kind, jobs, scheduler) as executor:
        results = build_fleet(offices, years or fleet_years or default_years, build=build, executor=executor,
                              jobs=jobs, log=log, **build_options)
    return results, summary(results, time.monotonic() - started)
