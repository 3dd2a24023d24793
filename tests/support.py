"""Helpers shared by the tests (one copy each): notebook text, clean outputs, value comparisons."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
DATA = REPO / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The second, synthetic office (different shape: other programs, fewer indicators, no inventory).
OTHER_OFFICE = FIXTURES / "opd-sintetis"


def notebook_text(nb: dict) -> str:
    """All text/html, text/markdown and text/plain outputs of an executed notebook, and its
    Markdown cells, joined (for value checks). An error output fails the test."""
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                raise AssertionError(f"error output: {out.get('ename')}: {out.get('evalue')}")
            data = out.get("data", {})
            for key in ("text/html", "text/markdown", "text/plain"):
                if key in data:
                    parts.append("".join(data[key]))
            if "text" in out:
                parts.append("".join(out["text"]))
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
    return "\n".join(parts)


def visible_text(html_text: str) -> str:
    """What a reader sees of an HTML page: tags, styles and scripts removed, entities decoded."""
    import html

    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", html_text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text))


def assert_clean(nb: dict) -> None:
    """No error output and nothing written to stderr (warnings included) in an executed notebook."""
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{output.get('ename')}: {output.get('evalue')}"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))[:300]


def same(a, b, tol: float = 1e-6) -> bool:
    """Equality for figures: missing only equals missing, numbers compare within ``tol``."""
    def missing(x):
        import pandas as pd

        return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))

    if missing(a) or missing(b):
        return missing(a) and missing(b)
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(float(a) - float(b)) <= tol


def cell(frame, column, **key):
    """The one value of ``column`` in the row matching ``key`` (None for an empty cell)."""
    import pandas as pd

    mask = pd.Series(True, index=frame.index)
    for k, v in key.items():
        mask &= frame[k] == v
    hit = frame.loc[mask, column]
    assert len(hit) == 1, f"expected exactly one row for {key}, found {len(hit)}"
    value = hit.iloc[0]
    return None if pd.isna(value) else value


def same_value(actual, expected) -> bool:
    """Equality for transcribed cells: None only equals None, numbers compare as floats."""
    if expected is None:
        return actual is None
    if actual is None:
        return False
    if isinstance(expected, str):
        return actual == expected
    return math.isclose(float(actual), float(expected), rel_tol=0, abs_tol=1e-9)


def kernel_name() -> str:
    """The project's own kernel (registered on demand), as the batch build uses it."""
    from helpers.run.kernel import ensure_kernel

    ensure_kernel("renstra")
    return "renstra"


def execute_notebook(stem: str, tahun, output_dir: Path, data_dir: Path = DATA) -> dict:
    """Execute notebooks/<stem>.ipynb once for ``tahun`` (for tests that need their own data copy)."""
    import papermill as pm

    output_dir.mkdir(parents=True, exist_ok=True)
    executed = output_dir / f"{stem}.ipynb"
    pm.execute_notebook(
        str(NOTEBOOKS / f"{stem}.ipynb"), str(executed),
        parameters={"tahun": tahun, "data_dir": str(data_dir), "output_dir": str(output_dir)},
        kernel_name=kernel_name(), progress_bar=False, cwd=str(NOTEBOOKS),
    )
    return json.loads(executed.read_text(encoding="utf-8"))


@dataclass
class Build:
    """One batch build shared by the tests: where it wrote, and how to read a page of it."""

    output_dir: Path
    data_dir: Path
    report: object

    def dir(self, tahun: int) -> Path:
        return self.output_dir / str(tahun)

    def home(self, stem: str, tahun: int) -> int:
        """The year folder holding page ``stem`` for ``tahun``: reporting years with the same data
        window share one page (helpers.core.registry.reporting_window), built for the first."""
        from helpers.core.opd import load_opd
        from helpers.core.registry import page_spec, realisasi_years, reporting_window

        spec = page_spec(stem)
        if not spec.applies_to(tahun):
            return tahun
        return reporting_window(spec, tahun, load_opd(self.data_dir).periode[0], realisasi_years(self.data_dir))[0]

    def window_label(self, stem: str, tahun: int) -> str:
        """``2019–2029`` for a page several reporting years share, else the year."""
        from helpers.core.opd import load_opd
        from helpers.core.registry import page_spec, realisasi_years, reporting_window
        from helpers.core.years import year_span

        window = reporting_window(page_spec(stem), tahun, load_opd(self.data_dir).periode[0],
                                  realisasi_years(self.data_dir))
        return year_span(window) if len(window) > 1 else str(tahun)

    def page_dir(self, stem: str, tahun: int) -> Path:
        """Where the page ``stem`` that serves ``tahun`` and its products live."""
        return self.dir(self.home(stem, tahun))

    def status(self, stem: str, tahun: int) -> Optional[str]:
        home = self.home(stem, tahun)
        for result in self.report.results:
            if result.stem == stem and result.tahun == home:
                return result.status
        return None

    def notebook(self, stem: str, tahun: int) -> dict:
        path = self.page_dir(stem, tahun) / f"{stem}.ipynb"
        assert path.is_file(), f"{stem} {tahun} was not built: {self.status(stem, tahun)}; {self.failure(stem, tahun)}"
        return json.loads(path.read_text(encoding="utf-8"))

    def failure(self, stem: str, tahun: int) -> str:
        for result in self.report.results:
            if result.stem == stem and result.tahun == self.home(stem, tahun) and result.error:
                return str(result.error)[:2000]
        return ""

    def text(self, stem: str, tahun: int) -> str:
        """All outputs of the executed page (see :func:`notebook_text`)."""
        return notebook_text(self.notebook(stem, tahun))

    def html(self, stem: str, tahun: int) -> str:
        path = self.page_dir(stem, tahun) / f"{stem}.html"
        assert path.is_file(), f"{stem} {tahun}: no HTML ({self.status(stem, tahun)}; {self.failure(stem, tahun)})"
        return path.read_text(encoding="utf-8")

    def visible(self, stem: str, tahun: int) -> str:
        return visible_text(self.html(stem, tahun))


def data_without_realisasi(target: Path) -> Path:
    """A writable copy of ``data/`` at ``target`` with no imported realisation (a clean plan year)."""
    import shutil

    shutil.copytree(DATA, target)
    for path in (target / "realisasi").glob("*"):
        path.unlink()
    return target
