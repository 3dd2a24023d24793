"""Page 02-4-isu-strategis (Bab II 2.4–2.6): PPKS and PSKS types, problems and strategic issues.

Sections 2.4–2.6 are *static lists* (definitions, criteria, problem statements, Tabel 2.6.1): the
reporting year ``tahun`` does not change them. The only year-dependent part is the count of each
PPKS type, joined from Tabel 2.3.2 (``2_3_2_ppks``) for the latest year with data before
``tahun`` (:func:`helpers.core.years.latest_year`), through the hand-made mapping column
``no_tabel_2_3_2`` of ``2_4_jenis_ppks`` (see ``docs/assumptions/bab2-isu-bab3.md``).

Where the figures come from:

* counts per type are base data of Tabel 2.3.2; "-" where the document prints none;
* the total of that year comes from :func:`helpers.core.derive.derived` (``2_3_2_ppks``, row
  ``total``) and is marked ``*`` (with the printed value) when :func:`helpers.core.audit.audit_table`
  lists the printed total as different;
* shares of the total are computed here from the shown counts and total.

Every table is optional: a data directory without one gets :func:`helpers.present.unavailable`
in its place, and the chart and narrative that need it are skipped.

Contents: :mod:`.ppks` (section 2.4: :func:`ppks_view` → :func:`ppks_table`, :func:`ppks_chart`,
:func:`ppks_narrative`; :func:`page_statement`) and :mod:`.lists` (:func:`psks_table`,
:func:`permasalahan_table`, :func:`isu_table` and the texts under their headings that name the
office: :func:`psks_intro`, :func:`permasalahan_intro`, :func:`isu_heading`).
"""
from helpers.pages.isu_strategis.lists import (ISSUE_COLUMNS, ISSUES, PROBLEMS, PSKS_TYPES, isu_heading, isu_table,
                                               issue_headers, other_regions, permasalahan_intro,
                                               permasalahan_table, psks_intro, psks_notes, psks_table)
from helpers.pages.isu_strategis.ppks import (PPKS_COUNTS, PPKS_TYPES, TOTAL_LABEL, PpksFacts, PpksView,
                                              count_year, criteria_text, h_count, h_share, page_statement,
                                              ppks_chart, ppks_facts, ppks_frame, ppks_intro, ppks_narrative,
                                              ppks_notes, ppks_table, ppks_view)

__all__ = ["ISSUES", "ISSUE_COLUMNS", "PPKS_COUNTS", "PPKS_TYPES", "PROBLEMS", "PSKS_TYPES", "TOTAL_LABEL",
           "PpksFacts", "PpksView", "count_year", "criteria_text", "h_count", "h_share", "isu_heading",
           "isu_table", "issue_headers", "other_regions", "page_statement", "permasalahan_intro",
           "permasalahan_table", "ppks_chart", "ppks_facts", "ppks_frame", "ppks_intro", "ppks_narrative",
           "ppks_notes", "ppks_table", "ppks_view", "psks_intro", "psks_notes", "psks_table"]
