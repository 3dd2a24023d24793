"""Execute the audit and evaluation notebooks (papermill) and check what they publish."""
import csv
import shutil
from pathlib import Path

import pytest

from helpers.core.data import load
from helpers.core.numbers import format_number
from support import DATA, notebook_text

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "realisasi-2026-SINTETIS.csv"


def test_audit_notebook_writes_discrepancies(run_notebook):
    nb, out = run_notebook("00-audit", 2025)
    text = notebook_text(nb)
    with open(out / "discrepancies.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["table", "row", "column", "printed", "recomputed", "difference", "rule"]
    ppks = load("2_3_2_ppks")
    total_2024 = int(ppks.loc[ppks["tahun"] == 2024, "jumlah"].sum())
    ppks_2024 = next(r for r in rows if r["table"] == "2_3_2_ppks" and r["column"] == "jumlah_2024")
    assert float(ppks_2024["recomputed"]) == total_2024 and float(ppks_2024["printed"]) == 63660
    assert format_number(total_2024) in text
    assert "Draf narasi" in text and "tidak didukung" in text
    assert list((out / "figures").glob("*.png")) and list((out / "tables").glob("*.xlsx"))


def test_evaluation_of_2024_shows_both_conventions_and_categories(run_notebook):
    nb, out = run_notebook("01-evaluasi", 2024)
    text = notebook_text(nb)
    assert "205,86" in text            # Ratio Kekerasan Terhadap Anak, document convention
    assert "-5,86" in text             # polarity-aware, (2×22 − 45,29)/22 × 100
    assert "Sangat Rendah" in text and "melampaui target" in text
    assert "Sebanyak 9 indikator tercapai, 2 tidak tercapai" in text
    assert (out / "figures" / "evaluasi-capaian-2024.png").exists()


def test_evaluation_of_a_plan_year_without_realisation_says_so(run_notebook):
    nb, out = run_notebook("01-evaluasi", 2028)
    text = notebook_text(nb)
    assert "Belum ada data realisasi untuk tahun 2028" in text
    assert "10,16" in text             # Tingkat Kemiskinan target 2028 (Tabel 4.5.1)
    assert (out / "tables" / "template-realisasi-2028.xlsx").exists()


def test_evaluation_of_a_plan_year_with_synthetic_realisation(run_notebook, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copy(FIXTURE, data / "realisasi" / "2026.csv")
    nb, _ = run_notebook("01-evaluasi", 2026, data_dir=data)
    text = notebook_text(nb)
    assert "Belum ada data realisasi untuk tahun 2026" not in text
    assert "tercapai" in text


def test_bad_year_fails_with_clear_message(run_notebook):
    import papermill
    with pytest.raises(papermill.PapermillExecutionError, match="outside the years this page covers"):
        run_notebook("01-evaluasi", 2031)
