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


# -- the category rule at its edges (issue 11): one band for every value ------------------------

@pytest.mark.parametrize("value, kategori, label", [
    (50, "Sangat Rendah", "Sangat Rendah"),          # the bound belongs to the band below it
    (50.01, "Rendah", "Rendah"),
    (65, "Rendah", "Rendah"),
    (75, "Sedang", "Sedang"),
    (90, "Tinggi", "Tinggi"),
    (90.5, "Sangat Tinggi", "Sangat Tinggi"),        # between the printed integer bands 76-90 and 91-100
    (100, "Sangat Tinggi", "Sangat Tinggi"),
    (100.01, "Sangat Tinggi", "Sangat Tinggi (melampaui target)"),
])
def test_achievement_category_edges(value, kategori, label):
    got = c.achievement_category(value)
    assert (got.kategori, got.label, got.raw, got.value, got.note) == (kategori, label, value, value, None)
    assert c.category(value) == kategori and c.category_label(value) == label


def test_negative_polarity_result_is_floored_with_the_raw_value_in_a_note():
    raw = c.achievement_polarity(45.29, 22, "turun", "selisih")   # Tabel 2.3.4, child violence 2024
    got = c.achievement_category(raw)
    assert got.raw == pytest.approx(-5.86, abs=0.005)
    assert got.value == 0 and got.floored and got.kategori == "Sangat Rendah" and got.label == "Sangat Rendah"
    assert "-5,86%" in got.note and "0,00%" in got.note   # the formula's value stays visible
    assert not c.achievement_category(0).floored and c.achievement_category(0).value == 0


def test_no_value_is_never_zero():
    got = c.achievement_category(None)
    assert got.value is None and got.kategori is None and got.label == "belum ada data realisasi"


def test_bands_are_data_with_version_and_source():
    bands = c.category_bands()
    assert bands.path.endswith("data/tables/kategori_capaian.csv") and bands.versi and "Permendagri" in bands.sumber
    assert c.CATEGORY_BANDS == bands.bands and c.CATEGORY_LOWEST == bands.lowest
    assert bands.describe() == "> 90 Sangat Tinggi, > 75–90 Tinggi, > 65–75 Sedang, > 50–65 Rendah, ≤ 50 Sangat Rendah"


def test_an_office_may_hold_its_own_bands_and_bad_bands_are_refused(tmp_path):
    import shutil
    from helpers.core.data import DataValidationError
    from support import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA / "tables", data / "tables")
    for name in ("opd.yaml", "units.yaml"):
        shutil.copy(DATA / name, data / name)
    path = data / "tables" / "kategori_capaian.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2,Tinggi,75,", "2,Tinggi,80,"), encoding="utf-8")
    assert c.category(78, data) == "Sedang" and c.category(78) == "Tinggi"
    path.write_text(text.replace("2,Tinggi,75,", "2,Tinggi,95,"), encoding="utf-8")
    with pytest.raises(DataValidationError, match="tidak menurun") as info:
        c.category(78, data)
    assert info.value.row == 3 and info.value.column == "batas_bawah"
    path.write_text(text.replace("4,Rendah,50,", "4,Rendah,,"), encoding="utf-8")
    with pytest.raises(DataValidationError, match="tanpa batas bawah"):
        c.category(78, data)
    path.unlink()                                       # without the table: the repository's bands
    assert c.category(78, data) == "Tinggi"


@pytest.mark.parametrize("convention, expected", [("dokumen", 205.86), ("polaritas", -5.86)])
def test_both_ratio_conventions_stay_available(convention, expected):
    assert c.achievement(45.29, 22, "turun", convention) == pytest.approx(expected, abs=0.005)
    assert c.achievement(9, 10, "naik", convention) == pytest.approx(90)
    assert c.FORM_CONVENTION in c.CONVENTIONS and "polaritas" in c.convention_label("polaritas")
    with pytest.raises(ValueError, match="unknown convention"):
        c.achievement(1, 1, "naik", "lain")
