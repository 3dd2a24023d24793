"""Presentation layer: the table model and its renderers, chart style, Markdown escaping.

Pages import what they need from here::

    from helpers.present import Column, Figure, Mark, Narrative, Table, unavailable
"""
from helpers.present.markdown import markdown_escape
from helpers.present.style import HATCHES, HIGHLIGHT, MARKERS, PALETTE, id_formatter, plain, rupiah_axis
from helpers.present.table import (MARK, MARK_NOTE, Column, Figure, HeaderCell, Mark, Narrative, Notice, Table,
                                   columns_for, format_cell, reader_text, unavailable)

__all__ = ["Column", "Figure", "HeaderCell", "Mark", "Narrative", "Notice", "Table", "MARK", "MARK_NOTE",
           "HATCHES", "HIGHLIGHT", "MARKERS", "PALETTE", "columns_for", "format_cell", "id_formatter",
           "markdown_escape", "plain", "reader_text", "rupiah_axis", "unavailable"]
