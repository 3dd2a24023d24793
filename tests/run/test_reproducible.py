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
