"""Progress of a target to date (helpers/core/progress.py): which plan years a page shows, the
cumulation rule (counts and rupiah summed, levels latest), achievement against the end-of-period
target. Realisation frames here are SINTETIS (made up in the test), never data of the office."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import compute, progress
from helpers.core.realisasi import COLUMNS
from support import data_without_realisasi


@pytest.mark.parametrize("satuan", ["orang", "dokumen", "laporan", "paket", "rp", "jiwa", None])
def test_counts_and_rupiah_are_cumulated(satuan):
    done = progress.to_date({2025: 120, 2026: 80.5, 2027: None}, satuan)
    assert done.rule == "sum" and done.value == pytest.approx(200.5)
    assert done.years == (2025, 2026) and done.missing == (2027,) and not done.complete


@pytest.mark.parametrize("satuan", ["%", "skor", "nilai", "indeks", "rasio"])
def test_rates_percentages_indices_and_scores_take_the_latest_value(satuan):
    done = progress.to_date({2025: 10.5, 2026: 9.75, 2027: None}, satuan)
    assert done.rule == "last" and done.value == 9.75 and done.years == (2026,) and done.missing == (2027,)
    assert progress.to_date({2025: 3.0, 2026: None}, satuan).value == 3.0  # the latest year WITH data


def test_no_data_is_none_never_zero():
    for satuan in ("orang", "%"):
        done = progress.to_date({2025: None, 2026: None}, satuan)
        assert done.value is None and done.years == () and done.missing == (2025, 2026)
    assert progress.to_date({2025: 0}, "orang").value == 0  # a realised 0 stays 0


def test_the_rule_is_the_end_of_period_rule():
    for satuan in ("%", "orang", "skor", "rp", "kegiatan"):
        assert progress.rule(satuan) == compute.end_of_period_rule(satuan)


def test_capaian_polarity_and_document_conventions():
    up = progress.capaian(90, 100, "naik")
    assert up.value == pytest.approx(90) and up.kategori == "Tinggi"
    down = progress.capaian(9.61, 9.99, "turun", convention="polaritas")
    assert down.value == pytest.approx((2 * 9.99 - 9.61) / 9.99 * 100)
    assert down.label == "Sangat Tinggi (melampaui target)"
    assert progress.capaian(9.61, 9.99, "turun", convention="dokumen").value == pytest.approx(9.61 / 9.99 * 100)
    negative = progress.capaian(45.29, 22, "turun", convention="polaritas")  # raw -5,86: floored, explained
    assert negative.value == 0 and negative.raw == pytest.approx(-5.8636, abs=1e-3) and "-5,86%" in negative.note
    assert progress.capaian(None, 100, "naik").label == progress.NO_DATA


def test_years_a_page_shows(tmp_path):
    data = data_without_realisasi(tmp_path / "data")
    assert progress.history_plan_years(2026, data) == [] and progress.plan_years_before(2025, data) == []
    assert progress.plan_years_before(2027, data) == [2025, 2026]
    (data / "realisasi" / "2026.csv").write_text("x", encoding="utf-8")  # only the names are read here
    # history pages: from the first plan year to the last imported year before tahun, gaps included
    assert progress.history_plan_years(2026, data) == []
    assert progress.history_plan_years(2027, data) == [2025, 2026]
    assert progress.history_plan_years(2029, data) == [2025, 2026]
    assert progress.realised_years(data) == [2026]


def _frame(rows: list[dict]) -> pd.DataFrame:
    """A SINTETIS realisation file as load_realisasi returns it."""
    out = pd.DataFrame([{c: r.get(c) for c in COLUMNS} for r in rows], columns=list(COLUMNS))
    for c in ("target", "pagu", "realisasi", "realisasi_anggaran"):
        out[c] = pd.array(out[c], dtype="Float64")
    return out


def test_progress_frame_cumulates_counts_and_compares_with_the_end_of_period_target():
    real = progress.Realisasi([2025, 2026, 2027], {
        2025: _frame([{"jenis": "kegiatan", "kode": "A", "realisasi": 100},
                      {"jenis": "IKU", "kode": "IKU.1", "realisasi": 10.5}]),
        2026: _frame([{"jenis": "kegiatan", "kode": "A", "realisasi": 150},
                      {"jenis": "IKU", "kode": "IKU.1", "realisasi": None}]),
        2027: None,  # not imported
    })
    items = pd.DataFrame({"jenis": ["kegiatan", "IKU", "IKU"], "kode": ["A", "IKU.1", "IKU.9"],
                          "satuan": ["orang", "%", "%"], "polaritas": ["naik", "turun", "naik"],
                          "target_akhir": [500, 9.99, 50], "pagu_akhir": [1_000_000, None, None]})
    rupiah = {("A", 2025): 300_000.0, ("A", 2026): 200_000.0}
    out = progress.progress_frame(items, real, rupiah=rupiah).set_index("kode")
    assert out.at["A", "realisasi_2025"] == 100 and out.at["A", "realisasi_2026"] == 150
    assert pd.isna(out.at["A", "realisasi_2027"])
    assert out.at["A", "sd"] == 250 and out.at["A", "aturan"] == "sum" and not out.at["A", "lengkap"]
    assert out.at["A", "capaian"] == pytest.approx(250 / 500 * 100) and out.at["A", "kategori"] == "Sangat Rendah"
    assert out.at["A", "sd_rp"] == 500_000 and out.at["A", "capaian_rp"] == pytest.approx(50)
    assert out.at["IKU.1", "sd"] == 10.5 and out.at["IKU.1", "aturan"] == "last"  # latest year with data
    assert out.at["IKU.1", "capaian"] == pytest.approx((2 * 9.99 - 10.5) / 9.99 * 100)
    assert pd.isna(out.at["IKU.9", "sd"]) and out.at["IKU.9", "kategori"] == progress.NO_DATA
    assert real.imported == [2025, 2026] and real.value(2027, "kegiatan", "A") is None
