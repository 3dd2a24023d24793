"""Bab IV, the plan page (``notebooks/04-rencana-program.ipynb``): Tabel 4.1, 4.4.1, 4.5.1, 4.6, 4.7.

A *plan* page: every table shows all plan years; the columns of the reporting year ``tahun`` are
highlighted, and Tabel 4.1 also gets a narrow view "Tabel 4.1 — tahun ``tahun``" with the pagu of
that year and the cumulative pagu since the first plan year (the progress of the plan).

* :mod:`~helpers.pages.rencana_program.views` – the recomputed plan (roll-ups, JUMLAH, end of
  period, marks) and the frames derived from it;
* :mod:`~helpers.pages.rencana_program.tables` – the Tabel 4.1 tables on the table model;
* :mod:`~helpers.pages.rencana_program.targets` – Tabel 4.4.1, 4.5.1, 4.6 and 4.7, and the progress
  tables (:func:`iku_progress`, :func:`ikk_progress`, :func:`spm_progress`; :func:`plan_progress` for
  Tabel 4.1): the realisation of the plan years before ``tahun`` (imported), to date, and against the
  end-of-period target;
* :mod:`~helpers.pages.rencana_program.charts` – the pagu charts;
* :mod:`~helpers.pages.rencana_program.narratives` – draft narratives and the page's statements;
* :mod:`~helpers.pages.rencana_program.names` – names of rows in charts and text.

The notebook calls only what this package exposes::

    view = rencana_program.plan_view(page.tahun, page.data_dir)   # None without Tabel 4.1
    page.show(rencana_program.plan_table(view))                    # a Table, or a notice if absent
"""
from helpers.pages.rencana_program.charts import program_chart, share_chart
from helpers.pages.rencana_program.narratives import (intro, iku_narrative, plan_narrative,
                                                      priority_missing_text)
from helpers.pages.rencana_program.tables import bidang_table, plan_progress, plan_table, program_table, year_table
from helpers.pages.rencana_program.targets import (ikk_progress, ikk_table, iku_progress, iku_table, priority_table,
                                                   spm_progress, spm_table)
from helpers.pages.rencana_program.views import PlanView, plan_view

__all__ = ["PlanView", "bidang_table", "ikk_progress", "ikk_table", "iku_narrative", "iku_progress", "iku_table",
           "plan_progress", "spm_progress", "intro", "plan_narrative",
           "plan_table", "plan_view", "priority_missing_text", "priority_table", "program_chart", "program_table",
           "share_chart", "spm_table", "year_table"]
