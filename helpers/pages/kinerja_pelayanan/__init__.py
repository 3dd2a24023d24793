"""Bab II 2.3 Kinerja Pelayanan: the page ``notebooks/02-3-1-kinerja-pelayanan.ipynb``.

The notebook calls this package only; it builds what the page shows, in page order:

- views of the shown years (:mod:`.views`): :func:`iku_view`, :func:`ppks_view`,
  :func:`jenis_pelayanan`, :func:`spm_view`, :func:`kinerja_data`;
- tables (:mod:`.tables`): Tabel 2.3.1 :func:`iku_table`, Tabel 2.3.2 :func:`ppks_table`, the
  jenis pelayanan :func:`jenis_pelayanan_table`, Tabel 2.3.3 :func:`spm_table`, Tabel 2.3.4 in
  the document's convention :func:`kinerja_table` and polarity-aware :func:`kinerja_polarity_table`;
- charts (:mod:`.charts`): :func:`iku_chart`, :func:`ppks_chart`, :func:`ppks_top_chart`,
  :func:`kinerja_chart`;
- texts and draft narratives (:mod:`.narratives`): :func:`intro`, :func:`years_statement`,
  :func:`iku_narrative`, :func:`ppks_narrative`, :func:`spm_narrative`, :func:`kinerja_narrative`.

A table the data directory lacks becomes a notice ("… tidak tersedia dalam data") and the charts
and narratives that need it are left out. The IKU trends, polarity, PPKS facts and the checks of
the document's claims are shared with the audit and live in :mod:`helpers.core.kinerja` and
:mod:`helpers.core.claims`.
"""
from helpers.pages.kinerja_pelayanan.charts import iku_chart, kinerja_chart, ppks_chart, ppks_top_chart
from helpers.pages.kinerja_pelayanan.narratives import (intro, iku_narrative, kinerja_narrative, ppks_narrative,
                                                        spm_narrative, years_statement)
from helpers.pages.kinerja_pelayanan.tables import (iku_table, jenis_pelayanan_table, kinerja_polarity_table,
                                                    kinerja_table, ppks_table, spm_table)
from helpers.pages.kinerja_pelayanan.views import iku_view, jenis_pelayanan, kinerja_data, ppks_view, spm_view

__all__ = ["intro", "iku_chart", "iku_narrative", "iku_table", "iku_view", "jenis_pelayanan",
           "jenis_pelayanan_table", "kinerja_chart", "kinerja_data", "kinerja_narrative", "kinerja_polarity_table",
           "kinerja_table", "ppks_chart", "ppks_narrative", "ppks_table", "ppks_top_chart", "ppks_view",
           "spm_narrative", "spm_table", "spm_view", "years_statement"]
