"""The look shared by tables and charts: colours, markers, hatches, chart defaults, axis formats.

Colours are defined here only. Charts use a colour-blind-safe palette (Okabe–Ito) with markers
and hatches, so they survive black-and-white printing. Every axis label is Indonesian
(``1.234.567``, ``95,18``). Mathtext is switched off for every text (``text.parse_math``), so a
``$`` in a label from data ("Rp$", "Bidang $1$") is drawn as typed on every chart, whatever
function drew it.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from helpers.core import files
from helpers.core.numbers import format_number
from helpers.core.text import document_term

if TYPE_CHECKING:
    from helpers.present.figure_cache import FigureCache

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
#: Background of the reporting year's column or row (tables: HTML, XLSX, DOCX).
HIGHLIGHT = "#fff3c4"
#: Text colour of a corrected cell.
MARK_COLOUR = "#8a1c1c"
#: Fill of a corrected cell in spreadsheets.
MARK_FILL = "#fde2e2"
#: Grey of secondary chart text, connector lines and guide lines (notes, "no figure" labels).
MUTED = "#555555"
#: Fixed SVG hash salt, so the same chart gives the same bytes on every build.
SVG_HASHSALT = "renstra"


def setup_charts() -> None:
    """Matplotlib defaults: palette, readable sizes, SVG text as text, reproducible SVG ids; and
    the state a page's charts start from made the same as in a new process, whatever page ran
    before in the same kernel."""
    import matplotlib.pyplot as plt
    from cycler import cycler
    from matplotlib.path import Path as MplPath

    # bar() sets the interpolation steps of matplotlib's one shared unit rectangle (also the path
    # of square markers and of other rectangles) to 100, for as long as the process lives.
    MplPath.unit_rectangle()._interpolation_steps = 1
    plt.style.use("default")
    plt.rcParams.update({
        "axes.prop_cycle": cycler(color=PALETTE[:8]) + cycler(marker=MARKERS[:8]),
        "axes.grid": True, "grid.color": "#dddddd", "axes.edgecolor": "#888888", "axes.spines.top": False,
        "axes.spines.right": False, "font.size": 9.5,
        "figure.dpi": 110, "savefig.dpi": 200, "savefig.bbox": "tight",
        "svg.fonttype": "none", "svg.hashsalt": SVG_HASHSALT, "axes.titleweight": "bold",
        "axes.formatter.use_locale": False,
        # Labels come from data: never read "$...$" as mathtext (titles, ticks, legends, annotations).
        "text.parse_math": False,
    })


def plain(text: object) -> str:
    """A chart label from data: the document's terms, its typos corrected
    (:func:`helpers.core.text.document_term`), as typed otherwise (mathtext is off, :func:`setup_charts`)."""
    return document_term(text)


def id_formatter(decimals: int = 0):
    """A matplotlib tick formatter writing Indonesian numbers (1.234.567 / 95,18)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: format_number(x, decimals))


def rupiah_axis(ax, axis: str = "y", scale: float = 1e6, label: str = "Juta Rupiah") -> None:
    """Show an axis in millions of rupiah with Indonesian separators."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda x, _pos: format_number(x / scale, 0))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(formatter)
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(label)


def tight_layout_when_drawn(fig, rect: Optional[tuple[float, float, float, float]] = None) -> None:
    """Lay ``fig`` out as ``fig.tight_layout(rect=rect)`` would, but when it is drawn, not now.

    The layout measures every text of the chart and was most of the time a page spent making
    one. Deferred, it runs in :func:`save_figure` only when the chart is really drawn: a chart
    found in the figure cache (keyed by the figure before its layout) is never laid out. The
    files are the same bytes either way (the same layout runs on the same figure)."""
    fig.set_layout_engine("tight", **({} if rect is None else {"rect": rect}))


def save_figure(fig, name: str, output_dir: Path, metadata: Optional[dict] = None,
                cache: Optional["FigureCache"] = None) -> tuple[Path, Path]:
    """Save ``fig`` as ``figures/<name>.png`` and ``.svg`` under ``output_dir`` (atomic, reproducible).

    The figure is laid out and its tight box measured once, and both files are cut to that box:
    ``savefig(bbox_inches="tight")`` would draw the figure twice per format, running its layout
    engine each time (four draws instead of three), and could cut PNG and SVG a pixel apart.
    With a ``cache`` (:class:`~helpers.present.figure_cache.FigureCache`), a figure drawn before
    with the same content is not drawn again: its kept files are written."""
    import matplotlib.pyplot as plt

    target = Path(output_dir) / "figures"
    key = cache.key(fig, repr(sorted((metadata or {}).items()))) if cache is not None else None
    kept = cache.get(name, key) if key is not None else None
    if kept is not None:
        return files.write_bytes(target / f"{name}.png", kept[0]), files.write_bytes(target / f"{name}.svg", kept[1])
    bbox = None
    if plt.rcParams["savefig.bbox"] == "tight":
        fig.draw_without_rendering()  # the layout engine (tight_layout) runs here, once
        engine = fig.get_layout_engine()
        fig.set_layout_engine(None)  # keep that layout for both files (no engine: savefig draws once)
        bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(plt.rcParams["savefig.pad_inches"])
    paths = []
    try:
        for ext in ("png", "svg"):
            meta = {"Software": None} if ext == "png" else {"Date": None, "Creator": None}
            with files.atomic_path(target / f"{name}.{ext}") as tmp:
                fig.savefig(tmp, format=ext, metadata={**meta, **(metadata or {})},
                            **({"bbox_inches": bbox} if bbox is not None else {}))
            paths.append(target / f"{name}.{ext}")
    finally:
        if bbox is not None:
            fig.set_layout_engine(engine)
    if key is not None:
        cache.put(name, key, paths[0].read_bytes(), paths[1].read_bytes())
    return paths[0], paths[1]
