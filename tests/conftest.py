"""Shared fixtures: run a real notebook with papermill; cell look-ups for the data-fidelity tests."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
DATA = REPO / "data"


def kernel_name() -> str:
    """The project's own kernel (registered on demand), as the batch build uses it."""
    from helpers.kernel import ensure_kernel

    ensure_kernel("renstra")
    return "renstra"


def execute_notebook(stem: str, tahun, output_dir: Path, data_dir: Path = DATA) -> dict:
    """Execute notebooks/<stem>.ipynb for ``tahun``; returns the executed notebook as JSON."""
    import papermill as pm

    output_dir.mkdir(parents=True, exist_ok=True)
    executed = output_dir / f"{stem}.ipynb"
    pm.execute_notebook(
        str(NOTEBOOKS / f"{stem}.ipynb"), str(executed),
        parameters={"tahun": tahun, "data_dir": str(data_dir), "output_dir": str(output_dir)},
        kernel_name=kernel_name(), progress_bar=False, cwd=str(NOTEBOOKS),
    )
    return json.loads(executed.read_text(encoding="utf-8"))


def notebook_text(nb: dict) -> str:
    """All text/html and text/plain outputs of an executed notebook, joined (for value checks)."""
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


@pytest.fixture
def run_notebook(tmp_path):
    """``run_notebook(stem, tahun)`` → (executed notebook JSON, its output directory)."""
    def _run(stem: str, tahun, data_dir: Path = DATA):
        out = tmp_path / f"{stem}-{tahun}"
        return execute_notebook(stem, tahun, out, data_dir), out
    return _run


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
