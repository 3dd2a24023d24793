"""The annual evaluation page (helpers/pages/evaluasi.py, notebooks/01-evaluasi.ipynb).

The realisation used here is SYNTHETIC (tests/fixtures/realisasi-2026-SINTETIS.csv): it
exercises the page, it is not data.
"""
import shutil

import pandas as pd
import pytest

from helpers.core import compute, evaluasi as core
from helpers.core import realisasi
from helpers.core.data import load
from helpers.core.opd import load_opd
from helpers.pages import evaluasi
from helpers.present import Figure, Narrative, Notice, Table
from helpers.run.notebook import ParameterError, setup
from support import DATA, FIXTURES, OTHER_OFFICE, execute_notebook

STEM = "01-evaluasi"
FIXTURE = FIXTURES / "realisasi-2026-SINTETIS.csv"


def indicator_csv(build, tahun) -> pd.DataFrame:
    return pd.read_csv(build.page_dir(STEM, tahun) / "tables" / f"evaluasi-indikator-{tahun}.csv", encoding="utf-8-sig")


def one(frame: pd.DataFrame, **key) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for k, v in key.items():
        mask &= frame[k] == v
    assert mask.sum() == 1, key
    return frame[mask].iloc[0]


# -- the published pages (shared build) ---------------------------------------------------------

def test_history_year_shows_both_conventions_and_categories(real_build):
    t = indicator_csv(real_build, 2022)
    child = one(t, indikator="Ratio Kekerasan Terhadap Anak")
    kinerja = load("2_3_4_kinerja_pelayanan")
    source = kinerja[(kinerja["tahun"] == 2022) & (kinerja["indikator"] == "Ratio Kekerasan Terhadap Anak")].iloc[0]
    doc = source["realisasi"] / source["target"] * 100
    pol = (2 * source["target"] - source["realisasi"]) / source["target"] * 100
    assert child["capaian_dokumen"] == pytest.approx(doc, abs=0.005)
    assert child["capaian_polaritas"] == pytest.approx(pol, abs=0.005)
    assert child["kategori_dokumen"] == "Sangat Tinggi (melampaui target)"
    assert child["kategori_polaritas"] == compute.category_label(pol) == "Sangat Rendah"
    assert child["status"] == core.STATUS_MISSED
    visible = real_build.visible(STEM, 2022)
    assert f"{doc:.2f}".replace(".", ",") in visible and f"{pol:.2f}".replace(".", ",") in visible
    assert "Tahun 2022 termasuk periode Renstra sebelumnya" in visible
    met = int((t["status"] == core.STATUS_MET).sum())
    missed = int((t["status"] == core.STATUS_MISSED).sum())
    assert (met, missed) == (9, 2)
    narrative = (real_build.page_dir(STEM, 2022) / "narasi" / "evaluasi-2022.md").read_text(encoding="utf-8")
    assert f"Sebanyak {met} indikator tercapai, {missed} tidak tercapai." in narrative
    for name in ("evaluasi-capaian-2022", "evaluasi-iku-tren-2022"):
        assert (real_build.page_dir(STEM, 2022) / "figures" / f"{name}.png").is_file()
    assert not (real_build.page_dir(STEM, 2022) / "tables" / "template-realisasi-2022.xlsx").exists()


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_plan_year_without_realisation_says_so_and_offers_the_template(real_build, tahun, data_copy):
    visible = real_build.visible(STEM, tahun)
    assert f"Belum ada data realisasi untuk tahun {tahun}" in visible
    t = indicator_csv(real_build, tahun)
    assert (t["status"] == core.NO_DATA).all() and t["target"].notna().all()
    iku = load("4_5_1_iku_target")
    target = iku.loc[(iku["tahun"] == tahun) & (iku["indikator"] == "Tingkat Kemiskinan"), "target"].iloc[0]
    assert one(t, indikator="Tingkat Kemiskinan")["target"] == pytest.approx(target)
    assert f"{target:.2f}".replace(".", ",") in visible
    # The template the page wrote can be filled in and imported as it is.
    xlsx = real_build.page_dir(STEM, tahun) / "tables" / f"template-realisasi-{tahun}.xlsx"
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[2]]
    assert header == list(realisasi.COLUMNS)
    ws.cell(row=3, column=header.index("realisasi") + 1, value=9.5)
    filled = data_copy.parent / "isian.xlsx"
    wb.save(filled)
    realisasi.import_filled(filled, tahun, data_copy)
    stored = realisasi.load_realisasi(tahun, data_copy)
    assert len(stored) == len(realisasi.template(tahun, data_copy)) and stored.loc[0, "realisasi"] == 9.5


def test_other_office_years_and_names_come_from_its_data(other_build):
    visible = other_build.visible(STEM, 2026)
    opd = load_opd(OTHER_OFFICE)
    assert f"diimpor {opd.fill('{nama_pendek}')}" in visible
    history = core.history_years(OTHER_OFFICE)
    assert f"Untuk tahun {history[0]}–{history[-1]} target dan realisasi" in visible


def test_synthetic_realisation_is_evaluated(data_copy, tmp_path):
    shutil.copy(FIXTURE, data_copy / "realisasi" / "2026.csv")
    nb = execute_notebook(STEM, 2026, tmp_path / "out", data_copy)
    from support import assert_clean, notebook_text

    assert_clean(nb)
    text = notebook_text(nb)
    assert "Belum ada data realisasi untuk tahun 2026" not in text
    assert "berkas realisasi tahun 2026 yang diimpor" in text and "data/realisasi" not in text
    t = pd.read_csv(tmp_path / "out" / "tables" / "evaluasi-indikator-2026.csv", encoding="utf-8-sig")
    fixture = pd.read_csv(FIXTURE)
    poverty = one(fixture, kode="IKU.1")
    row = one(t, indikator="Tingkat Kemiskinan")
    assert row["status"] == core.STATUS_MET          # lower is better: 9,45 against a target of 10,5
    assert row["capaian_polaritas"] == pytest.approx(
        (2 * poverty["target"] - poverty["realisasi"]) / poverty["target"] * 100, abs=0.005)
    expected = core.indicators(2026, data_copy)["status"].value_counts()
    assert (t["status"].value_counts() == expected).all() and expected.get(core.STATUS_MET, 0) > 0
    assert not (tmp_path / "out" / "tables" / "template-realisasi-2026.xlsx").exists()


# -- parameters ------------------------------------------------------------------------------------


def test_a_year_without_targets_gives_a_notice_not_an_error():
    assert isinstance(evaluasi.intro(2031, DATA), Notice)
    for section in (evaluasi.indicator_section, evaluasi.iku_section, evaluasi.budget_section, evaluasi.narrative,
                    evaluasi.template_section):
        assert section(2031, DATA) is None


# -- years come from the data and opd.yaml ---------------------------------------------------------

def test_history_window_comes_from_the_data():
    assert core.history_years(DATA) == sorted(int(y) for y in load("2_3_4_kinerja_pelayanan")["tahun"].unique())
    # The synthetic office's indicator history starts later; its budget table still reaches back.
    kinerja = sorted(int(y) for y in load("2_3_4_kinerja_pelayanan", OTHER_OFFICE)["tahun"].unique())
    budget = sorted(int(y) for y in load("2_3_anggaran_2019_2020", OTHER_OFFICE)["tahun"].unique())
    assert kinerja[0] > budget[0] and core.history_years(OTHER_OFFICE)[0] == budget[0]
    assert core.indicators(budget[0], OTHER_OFFICE).empty
    assert evaluasi.narrative_text(budget[0], core.indicators(budget[0], OTHER_OFFICE)).startswith("Tidak ada")


def test_plan_period_comes_from_opd_yaml(data_copy):
    text = (data_copy / "opd.yaml").read_text(encoding="utf-8").replace("periode: 2025-2029", "periode: 2025-2027")
    (data_copy / "opd.yaml").write_text(text, encoding="utf-8")
    assert core.plan_years(data_copy) == (2025, 2027)
    assert not core.has_targets(2028, data_copy) and core.has_targets(2027, data_copy)
    with pytest.raises(ValueError, match="di luar tahun rencana 2025-2027"):
        realisasi.check_tahun(2028, data_copy)
    assert isinstance(evaluasi.intro(2028, data_copy), Notice)


# -- the objects the page builds -----------------------------------------------------------------

def test_indicator_table_of_2024():
    table = evaluasi.indicator_table(2024, DATA)
    row = next(i for i in range(table.n_rows) if table.data.at[i, "indikator"] == "Ratio Kekerasan Terhadap Anak")
    shown = {c.key: table.cell_text(row, c) for c in table.columns}
    assert shown["capaian_dokumen"] == "205,86"           # the document's convention
    assert shown["capaian_polaritas"] == "-5,86"          # (2×22 − 45,29)/22 × 100
    assert shown["kategori_polaritas"] == "Sangat Rendah" and shown["status"] == core.STATUS_MISSED
    akip = next(i for i in range(table.n_rows) if table.data.at[i, "indikator"] == "Nilai AKIP")
    assert table.cell_text(akip, next(c for c in table.columns if c.key == "realisasi_grade")) == "BB"
    paths = [c.path for c in table.columns]
    assert ("Memperhatikan polaritas", "Capaian (%)") in paths and ("Target", "Huruf") in paths


def test_grade_columns_only_when_there_are_grades():
    keys = evaluasi.indicator_table(2019, DATA).keys   # Nilai AKIP has no grade in 2019
    assert "target_grade" not in keys and "target" in keys


def test_budget_table_total_is_the_sum_of_its_programs():
    table = evaluasi.budget_table(2022, DATA)
    programs = core.budget(2022, DATA)
    programs = programs[programs["level"] == "program"]
    last = table.n_rows - 1
    assert table.data.at[last, "uraian"] == "Jumlah" and last in table.bold_rows
    assert table.data.at[last, "anggaran"] == programs["anggaran"].sum()
    assert table.data.at[last, "rasio"] == pytest.approx(programs["realisasi"].sum() / programs["anggaran"].sum() * 100)
    assert table.caption.startswith("Anggaran") and evaluasi.budget_table(2025, DATA).caption.startswith("Pagu")


def test_charts_are_figures_with_alt_text():
    chart = evaluasi.achievement_chart(2024, DATA)
    assert isinstance(chart, Figure) and chart.name == "evaluasi-capaian-2024" and "205,86%" in chart.alt
    empty = evaluasi.achievement_chart(2028, DATA)  # no realisation: said in text, no placeholder image
    assert isinstance(empty, Notice) and "belum ada data realisasi tahun 2028" in empty.text
    trend = evaluasi.iku_trend_chart(2024, DATA)
    assert trend.name == "evaluasi-iku-tren-2024" and "Tingkat Kemiskinan" in trend.alt


def test_iku_history_links_only_matching_indicators(data_copy):
    paths = core.iku_paths(DATA)
    history = paths[paths["tahun"] < core.plan_years(DATA)[0]]
    assert set(history["indikator"]) == {"Tingkat Kemiskinan", "Rasi Kekerasan Terhadap Anak"}
    # Rename the poverty row of the history table: the link is no longer made (no join by number alone).
    path = data_copy / "tables" / "2_3_4_kinerja_pelayanan.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Persentase Angka Kemiskinan", "Persentase Lain"),
                    encoding="utf-8")
    renamed = core.iku_paths(data_copy)
    renamed = renamed[renamed["tahun"] < core.plan_years(data_copy)[0]]
    assert set(renamed["indikator"]) == {"Rasi Kekerasan Terhadap Anak"}


def test_template_only_for_plan_years_without_realisation(data_copy):
    table = evaluasi.template_table(2026, data_copy)
    assert isinstance(table, Table) and table.name == "template-realisasi-2026"
    assert table.keys == list(realisasi.COLUMNS) and [c.heading for c in table.columns] == list(realisasi.COLUMNS)
    assert {c.key for c in table.columns if c.highlight} == set(realisasi.INPUT_COLUMNS)
    assert evaluasi.template_table(2024, data_copy) is None
    shutil.copy(FIXTURE, data_copy / "realisasi" / "2026.csv")
    assert evaluasi.template_table(2026, data_copy) is None


def test_narrative_numbers_match_the_table():
    t = core.indicators(2024, DATA)
    text = evaluasi.narrative_text(2024, t)
    assert "Sebanyak 9 indikator tercapai, 2 tidak tercapai." in text
    assert "target 22,00, realisasi 45,29" in text
    assert evaluasi.narrative(2024, DATA)[1] == Narrative("evaluasi-2024", text)


def test_narrative_of_a_plan_year_without_data():
    t = core.indicators(2028, DATA)
    text = evaluasi.narrative_text(2028, t)
    assert f"Untuk seluruh indikator {core.NO_DATA}" in text and "tercapai" not in text
