"""Each computation rule, with the document's own numbers where it gives them."""
import pandas as pd
import pytest

from helpers.core import compute as c


def test_budget_ratio_program_penunjang_2021():
    # 2021-2024 budget table, PROGRAM PENUNJANG 2021: printed 95,18
    assert c.budget_ratio(5549341176, 5830362584) == pytest.approx(95.18, abs=0.005)
    assert c.budget_ratio(0, 0) is None and c.budget_ratio(5, None) is None


def test_growth_is_total_growth_as_in_document():
    # Printed "Rata Rata Pertumbuhan" of PROGRAM PENUNJANG: 016,37 (i.e. -16,37)
    assert c.growth_total(5830362584, 4875918410) == pytest.approx(-16.37, abs=0.005)
    assert c.growth_total(0, 10) is None


def test_growth_variants():
    values = [100, 110, 99, 120]
    assert c.growth_yearly(values) == pytest.approx([10.0, -10.0, 21.2121212])
    assert c.growth_mean_annual(values) == pytest.approx((10 - 10 + 21.2121212) / 3)
    assert c.cagr(100, 121, 2) == pytest.approx(10.0)
    assert c.growth_mean_annual([0, 5, 6]) is None
    assert c.cagr(0, 5, 2) is None


def test_achievement_document_vs_polarity():
    # Tabel 2.3.4, Ratio Kekerasan Terhadap Anak 2024: target 22, realisasi 45,29, printed 205,86
    assert c.achievement_document(45.29, 22) == pytest.approx(205.86, abs=0.005)
    assert c.achievement_polarity(45.29, 22, "turun", "selisih") == pytest.approx(-5.86, abs=0.005)
    assert c.achievement_polarity(45.29, 22, "turun", "kebalikan") == pytest.approx(48.58, abs=0.005)
    assert c.achievement_polarity(10.94, 11.03, "turun") == pytest.approx(100.82, abs=0.005)
    assert c.achievement_polarity(82.1, 70, "naik") == pytest.approx(117.29, abs=0.005)
    with pytest.raises(ValueError):
        c.achievement_polarity(1, 1, "sideways")


@pytest.mark.parametrize("value, expected", [
    (120, "Sangat Tinggi"), (90.01, "Sangat Tinggi"), (90, "Tinggi"), (75.01, "Tinggi"), (75, "Sedang"),
    (65.01, "Sedang"), (65, "Rendah"), (50.01, "Rendah"), (50, "Sangat Rendah"), (-5, "Sangat Rendah"),
    (None, None),
])
def test_category_band_edges(value, expected):
    assert c.category(value) == expected


def test_category_label_does_not_clamp_above_100():
    assert c.category_label(117.29) == "Sangat Tinggi (melampaui target)"
    assert c.category_label(100) == "Sangat Tinggi"
    assert c.category_label(None) == "belum ada data realisasi"


@pytest.mark.parametrize("score, grade", [(90.5, "AA"), (90, "A"), (80.01, "A"), (80, "BB"), (71.3, "BB"),
                                          (70, "B"), (60, "CC"), (50, "C"), (30, "D"), (0, "D")])
def test_akip_grade_bands(score, grade):
    assert c.akip_grade(score) == grade


def test_akip_compared_as_grades():
    assert c.akip_met("BB", "BB") is True
    assert c.akip_met("B", "BB") is False
    assert c.akip_met("A", "BB") is True
    assert c.akip_met(None, "BB") is None


def test_end_of_period_sums_counts_and_takes_last_level():
    # Tabel 4.1: Jumlah Dokumen 9 per year -> 45; Persentase 100 per year -> 100, not the printed 500
    assert c.end_of_period([9, 9, 9, 9, 9], "dokumen") == 45
    assert c.end_of_period([100] * 5, "%") == 100
    assert c.end_of_period([73, 75, 77, 79, 81], "skor") == 81
    assert c.end_of_period([0, None, 5], "orang") == 5
    assert c.end_of_period([None, None], "%") is None


def test_rollup_recomputes_parents_from_leaves_per_year():
    df = pd.DataFrame({
        "id": ["P", "K1", "S1", "S2", "K2"] * 2,
        "parent": [None, "P", "K1", "K1", "P"] * 2,
        "tahun": [2021] * 5 + [2022] * 5,
        "pagu": pd.array([999, 999, 10, 5, None, 0, 0, 1, None, 7], dtype="Float64"),
    })
    out = c.rollup(df, id_col="id", parent_col="parent", value_cols=["pagu"], by=["tahun"])
    got = {(r.id, r.tahun): r.pagu for r in out.itertuples()}
    assert got[("K1", 2021)] == 15 and got[("P", 2021)] == 15      # K2 missing: not counted as 0
    assert got[("K1", 2022)] == 1 and got[("P", 2022)] == 8
    assert pd.isna(got[("K2", 2021)])
    assert list(c.is_leaf(df.iloc[:5], id_col="id", parent_col="parent")) == [False, False, True, True, True]
