"""Pages 03-tujuan-sasaran (Bab III: tujuan, sasaran, cascading, strategi and arah kebijakan) and
03-tujuan-sasaran-pohon-kinerja (the Pohon Kinerja).

A *plan* page: the tables show every plan year and highlight the column of the reporting year
``tahun``; the progress table shows, for each indikator sasaran of Tabel 3.2.1, the target of
``tahun`` next to the targets at the start and end of the period, and the imported realisation of
the plan years before ``tahun`` (the IKU of Tabel 4.5.1 of the same name; for Tabel 3.2.2 the
identical Tabel 4.1 indicator), to date and against the end-of-period target
(:func:`helpers.core.progress.progress_frame`); the reporting year itself is evaluated on the
evaluation page (``01-evaluasi``). Nothing is invented: a year not imported says so.

Tables: ``3_2_1_tujuan_sasaran`` (Tabel 3.2.1, :mod:`.goals`), ``3_2_2_cascading`` (Tabel 3.2.2,
with the codes ``kode_program``/``kode_kegiatan`` looked up in Tabel 4.1 and the ``polaritas`` of
each kegiatan indicator, :mod:`.cascade`), ``3_3_1_strategi_kebijakan`` (Tabel 3.3.1) and, for a
cross-table check, ``4_5_1_iku_target`` (Tabel 4.5.1, the same indicators as IKU). None of the
Bab III tables prints a derived figure (no total, no end-of-period column), so there is nothing
to recompute and no cell is marked ``*``; the cross-table check (:func:`compare_iku`) reports
where the same target is printed differently in Tabel 3.2.1 and Tabel 4.5.1.

The **Pohon Kinerja** (its image is missing from the text export) is drawn from the cascading
data (:mod:`.tree`) on its own page, ``03-tujuan-sasaran-pohon-kinerja`` (``window: none``: the same for every
reporting year, so drawn once). Narratives: :mod:`.narrative`. Every table is optional: without it the page
shows :func:`helpers.present.unavailable` and skips what needs it.
"""
from helpers.pages.tujuan_sasaran.cascade import (CASCADE, CASCADE_LEVELS, STRATEGY, cascade_frame, cascade_progress,
                                                  cascade_rows,
                                                  cascade_table, cascade_target_text, cascade_target_value,
                                                  code_label, strategy_frame, strategy_table)
from helpers.pages.tujuan_sasaran.goals import (GOALS, IKU, POLARITY_TEXT, REALISATION_TEXT, Indicator,
                                                compare_iku, compare_table, compare_text, compared_cells,
                                                cross_check, goal_target_text, goal_target_value, goals_frame,
                                                goals_table, indicators, match_indicators, plan_years,
                                                progress_frame, progress_table, unit_text)
from helpers.pages.tujuan_sasaran.narrative import (BREAK_SHARE, cascade_facts, cascade_narrative,
                                                    goals_narrative, indicator_sentence, page_statement)
from helpers.pages.tujuan_sasaran.tree import (TreeNode, build_forest, layout_tree, performance_forest,
                                               sasaran_tree_charts, tree_chart, tree_figure)

__all__ = ["BREAK_SHARE", "CASCADE", "CASCADE_LEVELS", "GOALS", "IKU", "POLARITY_TEXT", "REALISATION_TEXT",
           "STRATEGY", "Indicator", "TreeNode", "build_forest", "cascade_facts", "cascade_frame", "cascade_progress",
           "cascade_narrative", "cascade_rows", "cascade_table", "cascade_target_text", "cascade_target_value",
           "code_label", "compare_iku", "compare_table", "compare_text", "compared_cells", "cross_check",
           "goal_target_text", "goal_target_value", "goals_frame", "goals_narrative", "goals_table",
           "indicator_sentence", "indicators", "layout_tree", "match_indicators", "performance_forest",
           "plan_years", "page_statement", "progress_frame", "progress_table", "sasaran_tree_charts",
           "strategy_frame", "strategy_table", "tree_chart", "tree_figure", "unit_text"]
