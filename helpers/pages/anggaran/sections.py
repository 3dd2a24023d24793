"""The parts of a budget table's section as the notebook shows them, each with its subheading.

A part the table cannot have (absent from the data, no year shown yet) is None, so its
subheading does not stand above nothing; the table's notice says why (:func:`table_section`).
"""
from __future__ import annotations

from typing import Optional

from helpers.pages.anggaran.charts import absorption_chart, program_chart, share_chart
from helpers.pages.anggaran.narrative import narrative, review
from helpers.pages.anggaran.tables import budget_table, growth_table, section_heading
from helpers.pages.anggaran.view import NoBudget, View


def table_section(view: View) -> list:
    """The section heading (the document's title of the table) and the table, or its notice."""
    return [section_heading(view), budget_table(view)]


def growth_section(view: View) -> Optional[list]:
    """``### Pertumbuhan …`` and the growth table (or why growth cannot be computed yet)."""
    if isinstance(view, NoBudget):
        return None
    return ["### Pertumbuhan anggaran: konvensi dokumen dan rata-rata tahunan", growth_table(view)]


def chart_section(view: View) -> Optional[list]:
    """``### Grafik`` and the three charts."""
    if isinstance(view, NoBudget):
        return None
    return ["### Grafik", program_chart(view), absorption_chart(view), share_chart(view)]


def narrative_section(view: View) -> Optional[list]:
    """``### Draf narasi (untuk direvisi)`` and the narrative (none when the data lacks the table, nor for
    the plan years before any of them is imported: the notice of the table says it)."""
    if isinstance(view, NoBudget) and view.plan:
        return None
    text = narrative(view)
    return None if text is None else ["### Draf narasi (untuk direvisi)", text, review(view)]
