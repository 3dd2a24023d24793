"""Page 02-3-2-anggaran (Bab II 2.3): the budget tables "Anggaran dan Realisasi Pendanaan Pelayanan
Perangkat Daerah", their growth, charts and draft narratives.

* ``2_3_anggaran_2019_2020``: program → kegiatan, 2019–2020 (Permendagri 86/2017 nomenclature);
* ``2_3_anggaran_2021_2024``: program → kegiatan → sub kegiatan, 2021–2024 (Permendagri 90/2019);
* the plan years with imported realisation (:func:`plan_budget_view`): program → kegiatan → sub
  kegiatan of Tabel 4.1, anggaran = imported pagu (DPA) or Tabel 4.1, realisasi from
  ``data/realisasi/<tahun>.csv`` (T-C.24 of Permendagri 86/2017).

The notebook ``notebooks/02-3-2-anggaran.ipynb`` calls, per table, :func:`budget_view` (the
recomputed figures for the reporting year, :mod:`.view`), then shows the parts of
:mod:`.sections`: the heading and :func:`budget_table`, :func:`growth_table` (:mod:`.tables`),
:func:`program_chart`, :func:`absorption_chart` and :func:`share_chart` (:mod:`.charts`) and
:func:`narrative` (:mod:`.narrative`). Every function takes the view and returns a Table,
Figure, Narrative, Notice, Markdown text, a list of them or None; nothing here displays or
writes a file.
"""
from helpers.pages.anggaran.charts import absorption_chart, figure_name, program_chart, share_chart
from helpers.pages.anggaran.narrative import facts, narrative
from helpers.pages.anggaran.sections import chart_section, growth_section, narrative_section, table_section
from helpers.pages.anggaran.tables import budget_table, growth_table, section_heading
from helpers.pages.anggaran.view import (TABLE_2019_2020, TABLE_2021_2024, TABLES, TOTAL_LABEL, TOTAL_ROW, BudgetView,
                                         NoBudget, PlanBudgetView, budget_view, growth_frame, plan_budget_view,
                                         program_name, share_frame, marks_statement, unbudgeted_programs,
                                         years_statement)

__all__ = ["BudgetView", "NoBudget", "PlanBudgetView", "plan_budget_view", "TABLES", "TABLE_2019_2020", "TABLE_2021_2024", "TOTAL_LABEL", "TOTAL_ROW",
           "absorption_chart", "budget_table", "budget_view", "chart_section", "facts", "figure_name",
           "growth_frame", "growth_section", "growth_table", "marks_statement", "narrative", "narrative_section",
           "program_chart", "program_name", "section_heading", "share_chart", "share_frame", "table_section",
           "unbudgeted_programs", "years_statement"]
