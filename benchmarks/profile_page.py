"""Profile one page (not a test): run a page notebook's code cells in this process under cProfile.

The figures of docs/build.md ("Where the time goes") come from this script. With ``--warm``, the
page is first run once for another year without profiling, as a kept kernel has run the page
before (modules imported, validated tables and year-independent results kept), so the profile
shows what each further page of a worker costs.

    python benchmarks/profile_page.py 04-rencana-program 2026                  # cold: imports included
    python benchmarks/profile_page.py 04-rencana-program 2026 --warm 2025      # a worker's next page
    python benchmarks/profile_page.py 03-tujuan-sasaran 2026 --sort tottime --top 30

Prints the seconds of each code cell, then the cProfile table. Products go to a temporary folder.
"""
from __future__ import annotations

import argparse
import cProfile
import contextlib
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def read_notebook(stem: str):
    """``notebooks/<stem>.ipynb`` (read before profiling: nbformat's own imports are not the page's)."""
    import nbformat

    return nbformat.read(str(REPO / "notebooks" / f"{stem}.ipynb"), as_version=4)


def run_cells(nb, stem: str, tahun: int, data_dir: Path, output_dir: Path, timings: list | None = None) -> None:
    """Execute the code cells of the notebook ``nb`` with the page's parameters."""
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = cell.source
        if "parameters" in (cell.metadata.get("tags") or []):
            source = f"tahun = {tahun}\ndata_dir = {str(data_dir)!r}\noutput_dir = {str(output_dir)!r}\n"
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, stem, "exec"), namespace)  # noqa: S102 - the project's own notebook
        if timings is not None:
            timings.append((time.perf_counter() - start, source.strip().splitlines()[-1][:90]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stem", help="notebook stem, e.g. 04-rencana-program")
    parser.add_argument("tahun", type=int)
    parser.add_argument("--warm", type=int, metavar="TAHUN", help="run the page for this year first, unprofiled")
    parser.add_argument("--data-dir", type=Path, default=REPO / "data")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    os.chdir(REPO / "notebooks")
    nb = read_notebook(args.stem)
    with tempfile.TemporaryDirectory(prefix="profile-page-") as tmp:
        if args.warm is not None:
            run_cells(nb, args.stem, args.warm, args.data_dir, Path(tmp) / str(args.warm))
            import matplotlib.pyplot as plt

            plt.close("all")
        timings: list = []
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        run_cells(nb, args.stem, args.tahun, args.data_dir, Path(tmp) / str(args.tahun), timings)
        profile.disable()
        total = time.perf_counter() - start
    for seconds, line in timings:
        print(f"{seconds:7.2f} s  {line}")
    print(f"{total:7.2f} s  total ({'warm' if args.warm is not None else 'cold'}, under cProfile)\n")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
