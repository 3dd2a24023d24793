"""Presentation layer: the table model and its renderers, chart style, Markdown escaping.

Pages import what they need from here::

    from helpers.present import Column, Figure, Mark, Narrative, Table, unavailable

The names are imported on first use (PEP 562), so a module of this package that needs no table
model (the stylesheet, a narrative's HTML, the figure cache) is imported without pandas.
"""
from __future__ import annotations

import importlib

_NAMES = {
    "markdown_escape": "helpers.present.markdown",
    **dict.fromkeys(("HATCHES", "HIGHLIGHT", "MARKERS", "PALETTE", "id_formatter", "plain", "rupiah_axis",
                     "tight_layout_when_drawn"),
                    "helpers.present.style"),
    **dict.fromkeys(("MARK", "MARK_NOTE", "Column", "Figure", "HeaderCell", "Mark", "Narrative", "Notice", "Table",
                     "columns_for", "format_cell", "reader_text", "unavailable"), "helpers.present.table"),
}

__all__ = ["Column", "Figure", "HeaderCell", "Mark", "Narrative", "Notice", "Table", "MARK", "MARK_NOTE",
           "HATCHES", "HIGHLIGHT", "MARKERS", "PALETTE", "columns_for", "format_cell", "id_formatter",
           "markdown_escape", "plain", "reader_text", "rupiah_axis", "tight_layout_when_drawn", "unavailable"]


def __getattr__(name: str):
    if name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
