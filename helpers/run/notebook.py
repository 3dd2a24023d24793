"""What every notebook calls first: parameter validation and a :class:`Page` to show results on.

papermill injects parameters as strings or floats, so :func:`setup` converts and checks them
(``tahun`` an integer inside the page's years, read from ``notebooks/pages.yaml``; ``data_dir``
an existing data directory; ``output_dir`` writable and not inside ``data_dir``) and fails with
a clear message. A notebook then stays thin::

    page = setup(tahun, data_dir, output_dir, page="02-3-2-anggaran")
    page.show(anggaran.budget_table(view))   # a Table: shown, and written as CSV + XLSX
    page.show(anggaran.program_chart(view))  # a Figure: shown with its alt text, saved as PNG + SVG
    page.show(anggaran.narrative(view))      # a Narrative: shown, and written as Markdown

Page modules (``helpers/pages/``) build these objects from the data; they never display or
write anything themselves. Every file a page writes must be declared as a product of the page
in ``pages.yaml``; an undeclared product fails the page, so the declaration stays true.

Every item shown is also recorded, in order, in the **page model** ``model/<page>.json`` (tables
as :meth:`Table.to_record`, figures by file, caption and alt text, narratives, notices). The
runner builds the year's Word appendix, its workbook and the page's navigation from these
models after the pages have run (:mod:`helpers.run.appendix`), so nothing is computed twice.
"""
from __future__ import annotations

import base64
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from helpers.core import files
from helpers.core.config import CACHE_DIR_ENV, DATA_DIR_ENV, DEFAULT_OUTPUT_DIR, DirectoryError, check_dirs
from helpers.core.data import read_schema, realisasi_read, reset_reads, tables_read
from helpers.core.opd import Opd, OpdError, load_opd
from helpers.core import registry
from helpers.core.registry import PageSpec, page_spec
from helpers.present.figure_cache import FigureCache
from helpers.present.html import STYLESHEET, render_figure, render_notice, render_table
from helpers.present.style import save_figure, setup_charts
from helpers.present.table import Figure, Narrative, Notice, Table
from helpers.present.xlsx import write_csv, write_xlsx
from helpers.present.narrative import MIME_MARKDOWN, narrative_display
from helpers.run.outputs import SHARED_CODE, code_files, item_tag, model_path, page_module_parts

#: The folder of kept charts under the runner's cache folder (``gambar``: images).
FIGURES_CACHE = "gambar"
#: The modules of a page's own code, and of its notebook's cells.
PAGE_CODE_MODULES = ("helpers.pages", "__main__")


class ParameterError(ValueError):
    """A notebook parameter that cannot be used; the message says which and why."""


class ProductError(ValueError):
    """A page wrote a file that ``pages.yaml`` does not declare as one of its products."""


def parse_tahun(value: object, years: tuple[int, int]) -> int:
    """Convert papermill's ``tahun`` (int, float or str) to an int within ``years`` (inclusive)."""
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise ParameterError(f"parameter tahun={value!r} bukan tahun; seharusnya bilangan bulat seperti 2025") from None
    if not math.isfinite(number) or number != int(number):
        raise ParameterError(f"parameter tahun={value!r} bukan tahun bulat; seharusnya bilangan bulat seperti 2025")
    tahun = int(number)
    low, high = years
    if not low <= tahun <= high:
        raise ParameterError(f"parameter tahun={tahun} di luar tahun yang dicakup halaman ini "
                             f"({low}-{high}); seharusnya tahun {low} sampai {high}")
    return tahun


@dataclass
class Page:
    """The validated parameters of one notebook run, and :meth:`show` to publish results."""

    tahun: int
    data_dir: Path
    output_dir: Path
    spec: PageSpec
    opd: Opd
    written: list[Path] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    #: The reporting years this page serves (the same data window; built once, for the first).
    window: list[int] = field(default_factory=list)
    #: The last year of data a history page shows (None for other pages).
    last_data: Optional[int] = None
    _styled: bool = False
    _code_salt: Optional[tuple[bytes, bytes]] = None

    @property
    def years(self) -> tuple[int, int]:
        return self.spec.years

    def caption(self, table_id: str, suffix: str = "") -> str:
        """The document's number and title of a table, e.g. ``Tabel 2.3.2 Perkembangan ...``."""
        return f"{read_schema(table_id, self.data_dir).caption}{suffix}"

    def _check_product(self, kind: str, name: str) -> None:
        if not self.spec.declares(kind, name):
            raise ProductError(f"page {self.spec.stem} writes {kind}/{name}, which notebooks/pages.yaml does not "
                               f"declare; add it under products: {kind}: of that page")

    @property
    def window_label(self) -> str:
        """``2025–2029`` when the page serves several reporting years, else the year itself."""
        from helpers.core.years import year_span

        return year_span(self.window) if len(self.window) > 1 else str(self.tahun)

    def window_note(self) -> Optional[Notice]:
        """The sentence that says which reporting years share this page, and why (None if only one)."""
        from helpers.core.years import year_span

        if len(self.window) <= 1:
            return None
        if self.spec.window == "none":
            return Notice(f"Isi halaman ini tidak bergantung pada tahun laporan; halaman yang sama berlaku untuk "
                          f"tahun laporan {year_span(self.window)}.", kind="jendela")
        return Notice(f"Isi halaman ini sama untuk tahun laporan {year_span(self.window)} karena data terakhir "
                      f"adalah {self.last_data}.", kind="jendela")

    @property
    def model_path(self) -> Path:
        return model_path(self.output_dir, self.spec.stem)

    def _record(self, item: dict) -> None:
        """Add a shown item to the page model and rewrite ``model/<page>.json`` (atomically)."""
        if item is not None:
            self.items.append(item)
        document = {"page": self.spec.stem, "title": self.spec.title, "tahun": self.tahun, "items": self.items,
                    "tables_read": tables_read(), "realisasi_read": realisasi_read()}
        path = files.write_text(self.model_path, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        if path not in self.written:
            self.written.append(path)

    def _display_html(self, text: str) -> None:
        """Show the HTML of the item recorded last (the page's first HTML carries the stylesheet)."""
        from IPython.display import HTML, display

        if not self._styled:
            text = STYLESHEET + text
            self._styled = True
        display(HTML(text), metadata=item_tag(len(self.items) - 1))

    def _display_markdown(self, text: str) -> None:
        """Show the Markdown of the item recorded last."""
        from IPython.display import Markdown, display

        display(Markdown(text), metadata=item_tag(len(self.items) - 1))

    def show(self, *items) -> None:
        """Show each item (Table, Figure, Narrative, Notice, Markdown text, or a list of them) and
        write its products; ``None`` shows nothing."""
        for item in items:
            if item is None:
                continue
            if isinstance(item, (list, tuple)):
                self.show(*item)
            elif isinstance(item, Table):
                self.show_table(item)
            elif isinstance(item, Figure):
                self.show_figure(item)
            elif isinstance(item, Narrative):
                self.show_narrative(item)
            elif isinstance(item, Notice):
                self._record({"kind": "notice", "text": item.text, "notice": item.kind})
                self._display_html(render_notice(item))
            elif isinstance(item, str):
                self._record({"kind": "markdown", "text": item})
                self._display_markdown(item)
            else:
                raise TypeError(f"page.show() cannot show {type(item).__name__}; expected a Table, Figure, "
                                "Narrative, Notice or Markdown text")

    def show_table(self, table: Table) -> None:
        self._check_product("tables", table.name)
        target = self.output_dir / "tables"
        self.written += [write_csv(table, target / f"{table.name}.csv"),
                         write_xlsx(table, target / f"{table.name}.xlsx")]
        self._record({"kind": "table", "table": table.to_record()})
        self._display_html(render_table(table))

    def show_figure(self, figure: Figure) -> None:
        """Save the chart (PNG and SVG) and show the saved PNG, with its alt text, at screen size."""
        import matplotlib.pyplot as plt

        self._check_product("figures", figure.name)
        png, svg = save_figure(figure.fig, figure.name, self.output_dir, cache=self.figure_cache())
        self.written += [png, svg]
        self._record({"kind": "figure", "name": figure.name, "caption": figure.caption, "alt": figure.alt,
                      "png": f"figures/{figure.name}.png", "svg": f"figures/{figure.name}.svg"})
        plt.close(figure.fig)
        data = png.read_bytes()
        width = int.from_bytes(data[16:20], "big")  # the PNG header's pixel width
        dpi = float(plt.rcParams["savefig.dpi"]) if plt.rcParams["savefig.dpi"] != "figure" else 100.0
        encoded = base64.b64encode(data).decode("ascii")
        self._display_html(render_figure(encoded, figure.alt, figure.caption, width=round(width * 96 / dpi)))

    def figure_cache(self) -> Optional[FigureCache]:
        """The runner's kept charts (``<cache>/gambar``; see :mod:`helpers.present.figure_cache`),
        keyed also by the code this page's output depends on: the shared code, and its page module
        and notebook for a chart that holds one of their functions or classes. None outside the
        runner (JupyterLab, tests: every chart is drawn) or when that code cannot be read."""
        folder = os.environ.get(CACHE_DIR_ENV)
        if not folder:
            return None
        if self._code_salt is None:
            import hashlib

            def digest(paths) -> bytes:
                found = hashlib.sha256()
                for path in paths:
                    found.update(str(path.name).encode() + b"\0" + path.read_bytes())
                return found.digest()

            own = [*code_files(page_module_parts(self.spec.module)), Path.cwd() / self.spec.notebook]
            try:  # the page's own code (and its notebook) counts only for charts that hold a function of theirs
                self._code_salt = (digest(code_files(SHARED_CODE)), digest(own))
            except OSError:
                return None
        shared, own = self._code_salt
        return FigureCache(Path(folder) / FIGURES_CACHE, shared, (PAGE_CODE_MODULES, own))

    def show_narrative(self, narrative: Narrative) -> None:
        """Write the draft (``narasi/<id>.md``); show the planner's revision where one exists
        (``data/narasi/<tahun>/<id>.md``), the current draft beneath it collapsed, and every figure
        of the revision that the data do not confirm; record all of it in the page model."""
        self._check_product("narasi", narrative.id)
        self.written.append(files.write_text(self.output_dir / "narasi" / f"{narrative.id}.md", narrative.text))
        facts = {str(k): (None if v is None else float(v)) for k, v in (narrative.facts or {}).items()}
        item, mime, text = narrative_display({"kind": "narasi", "id": narrative.id, "text": narrative.text,
                                              "facts": facts}, self.data_dir, self.tahun, self.items)
        self._record(item)
        if mime == MIME_MARKDOWN:
            self._display_markdown(text)
        else:
            self._display_html(text)


def setup(tahun: object, data_dir: object, output_dir: object, *, page: str) -> Page:
    """Validate the parameters of a run of notebook ``page`` and prepare its output directory."""
    spec = page_spec(page)
    reset_reads()
    tahun_int = parse_tahun(tahun, spec.years)
    if output_dir in (None, ""):
        output_dir = DEFAULT_OUTPUT_DIR / str(tahun_int)
    try:
        data, out = check_dirs(data_dir, output_dir, create_output=True)
    except DirectoryError as exc:
        raise ParameterError(f"parameter data_dir/output_dir: {exc}") from None
    if not os.access(out, os.W_OK):
        raise ParameterError(f"parameter output_dir={str(out)!r} tidak dapat ditulis")
    if not (data / "units.yaml").is_file():
        raise ParameterError(f"parameter data_dir={str(data)!r} tidak dapat dipakai: {data / 'units.yaml'} tidak ada; "
                             "seharusnya ada kosakata satuan yang diperlukan setiap tabel")
    try:
        opd = load_opd(data)
    except OpdError as exc:
        raise ParameterError(f"parameter data_dir={str(data)!r} tidak dapat dipakai: {exc}") from None
    os.environ[DATA_DIR_ENV] = str(data)
    setup_charts()
    realised = registry.realisasi_years(data)
    window = registry.reporting_window(spec, tahun_int, opd.periode[0], realised)
    page = Page(tahun=tahun_int, data_dir=data, output_dir=out, spec=spec, opd=opd, window=sorted(window),
                last_data=registry.last_data_year(spec, tahun_int, opd.periode[0], realised))
    page._record(None)  # an empty model at once: a page that shows nothing still has one
    page.show(page.window_note())  # shared by several reporting years: say so first
    return page


def products_written(output_dir: Path, spec: PageSpec) -> Iterable[Path]:
    """Files under ``output_dir`` that belong to ``spec``'s declared products (for the tests and the index)."""
    for kind, folder, exts in (("tables", "tables", ("csv", "xlsx")), ("figures", "figures", ("png", "svg")),
                               ("narasi", "narasi", ("md",))):
        for path in sorted((Path(output_dir) / folder).glob("*")):
            if path.suffix.lstrip(".") in exts and spec.declares(kind, path.stem):
                yield path
    model = model_path(output_dir, spec.stem)
    if model.is_file():
        yield model
