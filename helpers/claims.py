"""The document's narrative trend claims, each checked against the data (for the audit page).

One implementation: the claims and their checks live in :mod:`helpers.bab2_kinerja` (where
the chapter page shows them next to its tables); this module only gathers them over all
years of data (2019–2024) into one table.
"""
from __future__ import annotations

import pandas as pd

from helpers import bab2_kinerja as kin

#: The year whose history page shows all of 2019–2024.
ALL_HISTORY = 2025

SOURCE_LINES = {"Tabel 2.3.1": "630", "Tabel 2.3.2": "666"}


def check_claims(data_dir=None) -> pd.DataFrame:
    """Claim, table, verdict (didukung / sebagian didukung / tidak didukung) and evidence."""
    iku = kin.iku_long(ALL_HISTORY, data_dir)
    checks = [("Tabel 2.3.1", c) for c in kin.check_claims(kin.IKU_CLAIMS, kin.iku_trends(iku, kin.polarity_map(data_dir)))]
    ppks = kin.ppks_facts(kin.ppks_table(ALL_HISTORY, data_dir))
    checks.append(("Tabel 2.3.2", ppks.claim))
    return pd.DataFrame({
        "Tabel": [t for t, _ in checks],
        "Baris sumber": [SOURCE_LINES[t] for t, _ in checks],
        "Klaim dokumen": [c.claim.text for _, c in checks],
        "Didukung data?": [c.status for _, c in checks],
        "Bukti": [c.evidence for _, c in checks],
    })
