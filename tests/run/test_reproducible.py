"""The same inputs give byte-identical outputs: a consultant can diff two builds, and a product's
hash can be trusted. Two builds of the same real page into two output directories are compared
file by file (the HTML, the executed notebook, CSV, XLSX, PNG, SVG, Markdown and the page model).
The output directory is the same for both (it is one of the page's parameters, recorded in the
executed notebook), the second build is forced."""
from __future__ import annotations

import io
from pathlib import Path

from helpers.run import build as B
from support import DATA

PAGE = "02-2-sumber-daya"  # tables, merged headers, figures (PNG + SVG) and narratives


def products(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".build" not in p.relative_to(out).parts and p.name != "index.html"}


def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path):
    outputs = []
    for _ in range(2):
        report = B.build("2025", jobs=1, data_dir=DATA, output_dir=tmp_path / "out", only=[PAGE], force=True,
                         log=io.StringIO())
        assert report.count(B.BUILT) == 1, report.summary()
        outputs.append(products(tmp_path / "out"))
    first, second = outputs
    kinds = {Path(name).suffix for name in first}
    assert {".html", ".ipynb", ".csv", ".xlsx", ".png", ".svg", ".md", ".json"} <= kinds
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"differ between two builds of the same inputs: {differ}"


REUSE_PAGES = ["02-1-struktur-organisasi", "02-2-sumber-daya", "03-tujuan-sasaran"]


def test_a_reused_kernel_gives_the_same_pages_as_fresh_kernels(tmp_path):
    """One worker builds three real pages on one kernel (reset between pages) and, in a second
    build, on a fresh kernel each: every product is the same bytes."""
    outputs = {}
    for reuse in (True, False):
        out = tmp_path / "out"
        report = B.build("2025", jobs=1, data_dir=DATA, output_dir=out, only=REUSE_PAGES, force=True,
                         log=io.StringIO(), reuse_kernels=reuse)
        assert report.count(B.BUILT) == len(REUSE_PAGES), report.summary()
        outputs[reuse] = products(out)
    assert sorted(outputs[True]) == sorted(outputs[False])
    differ = [name for name in outputs[True] if outputs[True][name] != outputs[False][name]]
    assert differ == [], f"a reused kernel changed: {differ}"


def _notebook(path: Path, *sources: str) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("tahun = 0\ndata_dir = ''\noutput_dir = ''", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


def test_a_kept_kernel_starts_each_page_clean_and_a_failure_is_not_reused(tmp_path):
    """SYNTHETIC notebooks: the first leaves a variable, an open figure and a high execution count;
    the next page on the same kernel sees none of it. A page that fails
    leaves its kernel behind: the page after it runs in a new kernel process."""
    import json

    nbs = tmp_path / "nb"
    nbs.mkdir()
    leave = "import matplotlib.pyplot as plt\nLEAK = 1\nplt.figure()"
    probe = ("import os, json, sys, warnings, matplotlib.pyplot as plt\nfrom pathlib import Path\n"
             "Path(output_dir, 'tables').mkdir(parents=True, exist_ok=True)\n"
             "state = {'leak': 'LEAK' in dir(), 'figures': plt.get_fignums(), 'count': get_ipython().execution_count,"
             " 'pid': os.getpid(), 'mods': 'pandas' in sys.modules}\n"
             "Path(output_dir, 'tables', f'{Path(output_dir).name}.json').write_text(json.dumps(state))")
    _notebook(nbs / "a-leave.ipynb", leave, "x = 1", "y = 2", "import pandas")
    _notebook(nbs / "b-probe.ipynb", probe)
    _notebook(nbs / "c-fail.ipynb", probe, "raise ValueError('sengaja gagal (SINTETIS)')")
    _notebook(nbs / "d-probe.ipynb", probe)
    pages = tmp_path / "pages.yaml"
    lines = ["pages:"]
    for stem in ("a-leave", "b-probe", "c-fail", "d-probe"):
        lines += [f"  - notebook: {stem}.ipynb", f"    title: {stem}", "    bab: Uji sintetis", "    years: 2025",
                  "    depends_on: [all]"]
    pages.write_text("\n".join(lines) + "\n")
    data = tmp_path / "data"
    (data / "tables").mkdir(parents=True)
    (data / "units.yaml").write_text("units: {}\n")
    report = B.build("2025", jobs=1, data_dir=data, output_dir=tmp_path / "out", notebooks_dir=nbs,
                     pages_file=pages, log=io.StringIO(), preload=[])
    assert {r.stem: r.status for r in report.results} == {"a-leave": B.BUILT, "b-probe": B.BUILT,
                                                          "c-fail": B.FAILED, "d-probe": B.BUILT}
    staged = {}
    for stem in ("b-probe", "d-probe"):
        staged[stem] = json.loads((tmp_path / "out" / "2025" / "tables" / f"{stem}.json").read_text())
    b, d = staged["b-probe"], staged["d-probe"]
    assert b["leak"] is False and b["figures"] == [] and b["count"] == d["count"], (b, d)  # as in a fresh kernel
    assert b["mods"] is True  # the kept kernel still has the modules page a imported (the point of keeping it)
    assert d["pid"] != b["pid"]  # c failed: its kernel was killed, d got a new one
