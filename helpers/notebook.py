"""What every notebook calls first: parameter validation and a :class:`Page` to publish on.

papermill injects parameters as strings or floats, so :func:`setup` converts and checks
them (``tahun`` an integer inside the page's years; ``data_dir`` an existing data directory;
``output_dir`` writable and not inside ``data_dir``) and fails with a clear message.

A notebook then stays thin::

    page = setup(tahun, data_dir, output_dir, years=(2019, 2029))
    page.table(df, caption, kinds={...})     # shown, and written as CSV + XLSX
    page.figure(fig, "ppks-tren")            # saved as PNG + SVG
    page.narrative("ppks", text)             # shown, and written as Markdown
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pandas as pd

from helpers import files
from helpers.data import DATA_DIR_ENV, DEFAULT_DATA_DIR, REPO_ROOT, DataValidationError, read_schema
from helpers.present import Table, save_figure, setup_charts


DEFAULT_OUTPUT_DIR = REPO_ROOT / "outputs"


class ParameterError(ValueError):
    """A notebook parameter that cannot be used; the message says which and why."""


def parse_tahun(value: object, years: tuple[int, int]) -> int:
    """Convert papermill's ``tahun`` (int, float or str) to an int within ``years`` (inclusive)."""
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise ParameterError(f"parameter tahun={value!r} is not a year; expected an integer such as 2025") from None
    if not math.isfinite(number) or number != int(number):  # int() of inf/nan would raise its own error
        raise ParameterError(f"parameter tahun={value!r} is not a whole year; expected an integer such as 2025")
    tahun = int(number)
    low, high = years
    if not low <= tahun <= high:
        raise ParameterError(f"parameter tahun={tahun} is outside the years this page covers "
                             f"({low}-{high}); expected a year from {low} to {high}")
    return tahun


def check_dirs(data_dir: object, output_dir: object) -> tuple[Path, Path]:
    """Resolve and check ``data_dir`` (must exist, with tables/) and ``output_dir`` (writable).

    ``None`` (or an empty string) means the defaults: ``$RENSTRA_DATA_DIR`` or the repository's
    ``data/``, and the repository's ``outputs/``.
    """
    if data_dir in (None, ""):
        data_dir = os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    if output_dir in (None, ""):
        output_dir = DEFAULT_OUTPUT_DIR
    data = Path(str(data_dir)).expanduser().resolve()
    out = Path(str(output_dir)).expanduser().resolve()
    if not data.is_dir():
        raise ParameterError(f"parameter data_dir={str(data)!r} does not exist; expected a data directory "
                             "with tables/ and units.yaml")
    if not (data / "tables").is_dir():
        raise ParameterError(f"parameter data_dir={str(data)!r} has no tables/ folder; expected a data "
                             "directory laid out as in docs/data-conventions.md")
    if out == data or data in out.parents:
        raise ParameterError(f"parameter output_dir={str(out)!r} is inside data_dir; outputs must never be "
                             "written into the data directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(f"parameter output_dir={str(out)!r} cannot be created: {exc.strerror}") from None
    if not os.access(out, os.W_OK):
        raise ParameterError(f"parameter output_dir={str(out)!r} is not writable")
    return data, out


@dataclass
class Page:
    """The validated parameters of one notebook run and the helpers that publish its results."""

    tahun: int
    data_dir: Path
    output_dir: Path
    years: tuple[int, int]

    def caption(self, table_id: str, suffix: str = "") -> str:
        """The document's number and title of a table, e.g. ``Tabel 2.3.2 Perkembangan ...``."""
        schema = read_schema(table_id, self.data_dir)
        return f"{schema.caption}{suffix}"

    def table(self, df: pd.DataFrame, caption: str, **kwargs) -> Table:
        """Build a :class:`~helpers.present.Table`, export it (CSV + XLSX) and return it for display."""
        table = Table(df, caption, **kwargs)
        table.export(self.output_dir)
        return table

    def figure(self, fig, name: str):
        """Save a matplotlib figure as PNG and SVG under ``figures/`` and return it."""
        save_figure(fig, name, self.output_dir)
        return fig

    def narrative(self, name: str, text: str):
        """Write a draft narrative (Markdown) under ``narasi/`` and return it for display."""
        from IPython.display import Markdown

        files.write_text(self.output_dir / "narasi" / f"{name}.md", text)
        return Markdown(text)


def setup(tahun: object, data_dir: object, output_dir: object, *, years: tuple[int, int]) -> Page:
    """Validate the parameters of a notebook run and prepare its output directory."""
    tahun_int = parse_tahun(tahun, years)
    if output_dir in (None, ""):
        output_dir = DEFAULT_OUTPUT_DIR / str(tahun_int)
    data, out = check_dirs(data_dir, output_dir)
    try:
        read_schema_probe(data)
    except DataValidationError as exc:
        raise ParameterError(f"parameter data_dir={str(data)!r} is not usable: {exc}") from None
    os.environ[DATA_DIR_ENV] = str(data)
    setup_charts()
    return Page(tahun=tahun_int, data_dir=data, output_dir=out, years=years)


def read_schema_probe(data: Path) -> None:
    """Fail early when the data directory lacks the unit vocabulary every table needs."""
    if not (data / "units.yaml").is_file():
        raise DataValidationError(data / "units.yaml", "unit vocabulary is missing", expected="data/units.yaml")


def latest_year(available: Iterable[int], tahun: int, *, before: bool = True) -> Optional[int]:
    """The latest year in ``available`` that is ``< tahun`` (``before``) or ``<= tahun``; None if none.

    History pages (Bab II) show data up to the last year that exists before the reporting year.
    """
    limit = tahun - 1 if before else tahun
    candidates = [int(y) for y in available if int(y) <= limit]
    return max(candidates) if candidates else None


def shown_years(available: Iterable[int], tahun: int) -> list[int]:
    """The years a history page shows: those of ``available`` up to :func:`latest_year`.

    Data 2019–2024 with ``tahun=2022`` gives 2019–2021; ``tahun=2025`` or later gives 2019–2024;
    empty when no year lies before ``tahun``.
    """
    import pandas as pd

    years = sorted({int(y) for y in available if not pd.isna(y)})
    last = latest_year(years, tahun)
    return [] if last is None else [y for y in years if y <= last]


def year_span(years: Sequence[int]) -> str:
    """``2019–2024`` for a run of years, ``2019`` for one, ``""`` for none."""
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
