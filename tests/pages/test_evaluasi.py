"""The annual evaluation page (helpers/pages/evaluasi.py, notebooks/01-evaluasi.ipynb).

The realisation used here is SYNTHETIC (tests/fixtures/realisasi-2026-SINTETIS.csv): it
exercises the page, it is not data.
"""
import shutil

import pandas as pd
import pytest

from helpers.core import compute, evaluasi as core
from helpers.core import narasi, realisasi
from helpers.core.data import load
from helpers.core.numbers import format_number, format_percent, number_words
from helpers.core.opd import load_opd
from helpers.core.text import document_term
from helpers.pages import evaluasi
from helpers.present import Figure, Narrative, Notice, Table
from support import DATA, FIXTURES, OTHER_OFFICE, execute_notebook

STEM = "01-evaluasi"
FIXTURE = FIXTURES / "realisasi-2026-SINTETIS.csv"
#: Tabel 2.3.4's child-violence ratio as the document (and the data) spell it.
CHILD_RATIO = "Ratio Kekerasan Terhadap Anak"


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
    child = one(t, indikator=document_term(CHILD_RATIO))               # the CSV a reader downloads: corrected
    kinerja = load("2_3_4_kinerja_pelayanan")
    source = kinerja[(kinerja["tahun"] == 2022) & (kinerja["indikator"] == CHILD_RATIO)].iloc[0]
    doc = source["realisasi"] / source["target"] * 100
    pol = (2 * source["target"] - source["realisasi"]) / source["target"] * 100
    assert child["capaian_dokumen"] == pytest.approx(doc, abs=0.005)
    assert child["capaian_polaritas"] == pytest.approx(max(pol, 0), abs=0.005)   # negative: shown 0, noted
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
    assert f"Sebanyak {number_words(met)} indikator tercapai, {number_words(missed)} tidak tercapai." in narrative
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
    name = document_term(CHILD_RATIO)                    # the data's "Ratio", as the reader sees it
    indikator = next(c for c in table.columns if c.key == "indikator")
    row = next(i for i in range(table.n_rows) if table.cell_text(i, indikator) == name)
    shown = {c.key: table.cell_text(row, c) for c in table.columns}
    assert shown["capaian_dokumen"] == "205,86"           # the document's convention
    assert shown["capaian_polaritas"] == "0,00"           # (2×22 − 45,29)/22 × 100 = −5,86: floored, named
    assert any(f"{name}: -5,86%" in n for n in table.notes)
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
    names = " ".join(table.data["uraian"].fillna("") + " " + table.data["indikator"].fillna(""))
    assert "Rasio Kekerasan Terhadap Anak" in names                # the blank example, as the template writes it
    assert "Rasi Kekerasan" not in names and "Ratio Kekerasan" not in names
    assert evaluasi.template_table(2024, data_copy) is None
    shutil.copy(FIXTURE, data_copy / "realisasi" / "2026.csv")
    assert evaluasi.template_table(2026, data_copy) is None


def test_narrative_numbers_match_the_table():
    t = core.indicators(2024, DATA)
    text = evaluasi.narrative_text(2024, t)
    assert "Pada tahun 2024 terdapat 11 indikator dengan target." in text
    assert "Sebanyak sembilan indikator tercapai, dua tidak tercapai." in text      # EYD: one to nine in words
    assert "target 22,00, realisasi 45,29, capaian 0,00% (menurut rumus polaritas \u22125,86%)" in text
    narrative = evaluasi.narrative(2024, DATA)[1]
    assert isinstance(narrative, Narrative) and (narrative.id, narrative.text) == ("evaluasi-2024", text)
    assert narrative.facts[f"{document_term(CHILD_RATIO)} 2024: realisasi"] == 45.29      # the figures it cites
    assert narrative.facts["indikator tahun 2024: tercapai"] == 9
    raw = narrative.facts[f"{document_term(CHILD_RATIO)} 2024: capaian menurut rumus polaritas (%)"]
    assert raw == pytest.approx(-5.86, abs=0.005)                                     # the negative it writes


def test_narrative_of_a_plan_year_without_data():
    t = core.indicators(2028, DATA)
    text = evaluasi.narrative_text(2028, t)
    assert f"Untuk seluruh indikator {core.NO_DATA}" in text and "tercapai" not in text


# -- the Renstra evaluation form E.80 (issue 11) ------------------------------------------------

def _import_sintetis(data_dir, tahun, tmp_path, seed, **kw):
    from fixtures.isian_sintetis import fill_template

    _, xlsx = realisasi.write_template(tahun, tmp_path / "realisasi-isian", data_dir)
    filled = tmp_path / f"isian-{tahun}.xlsx"
    written = fill_template(xlsx, filled, seed=seed, **kw)
    return realisasi.import_realisasi(filled, tahun, data_dir), written


def test_form_rows_go_sasaran_program_kegiatan_sub_kegiatan():
    form = core.form_e80(2025, DATA)
    levels = list(form.rows["level"])
    assert levels[0] == "sasaran" and levels[1] == "iku"
    program = levels.index("program")
    assert levels[program + 1] == "kegiatan" and levels[program + 2] == "sub_kegiatan"
    # every program of Tabel 4.1 appears once; the two the cascading does not place are grouped and labelled
    plan = load("4_1_rencana_program")
    programs = sorted(set(plan.loc[plan["level"] == "program", "kode"]))
    shown = form.rows[form.rows["level"] == "program"]["kode"].tolist()
    assert sorted(shown) == programs and len(shown) == len(set(shown))
    assert "Program yang tidak tercantum pada cascading (Tabel 3.2.2)" in set(form.rows["uraian"])
    # each IKU sits under the sasaran whose indicator it is (Tabel 3.2.1), AKIP under sasaran 3
    assert core.iku_sasaran(DATA) == {1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 3}
    iku = form.rows[form.rows["kode"] == "IKU.1"].iloc[0]
    assert iku["kondisi_awal"] == pytest.approx(10.94) and iku["target_akhir_k"] == pytest.approx(
        load("4_5_1_iku_target").query("no == 1 and tahun == 2029")["target"].iloc[0])


def test_form_without_realisation_says_so_and_never_shows_zero():
    table = evaluasi.form_table(2026, DATA)
    assert table.number == "E.80" and table.name == "evaluasi-e80-2026" and table.wide
    paths = [c.path for c in table.columns]
    assert ("Tahun 2025 (belum ada data realisasi)", "Realisasi", "K") in paths
    assert ("Tahun 2026 (belum ada data realisasi)", "Tingkat capaian (%)", "Rp") in paths
    real = [c for c in table.columns if c.key.startswith("realisasi_")]
    assert all(table.data[c.key].isna().all() for c in real)
    assert any("berkas realisasi belum diimpor" in n for n in table.notes)
    last = table.n_rows - 1
    assert table.data.at[last, "uraian"] == "Predikat" and table.data.at[last, "kategori"] == core.NO_DATA
    form = core.form_e80(2026, DATA)
    assert set(form.missing["uraian"]) == {f"seluruh butir: berkas realisasi tahun {y} belum diimpor"
                                           for y in (2025, 2026)}


def test_form_names_the_convention_of_the_settings(monkeypatch):
    table = evaluasi.form_table(2025, DATA)
    assert compute.convention_label("polaritas") in table.notes[0]
    monkeypatch.setattr(compute, "FORM_CONVENTION", "dokumen")
    assert compute.convention_label("dokumen") in evaluasi.form_table(2025, DATA).notes[0]
    assert "rumus dokumen" in evaluasi.form_intro(2025, DATA)


def test_form_units_come_from_data_and_the_rest_is_listed():
    form = core.form_e80(2025, DATA)
    units = load("2_1_penanggung_jawab_program")
    names = load("2_1_unit_organisasi").set_index("row_id")["nama"]
    rows = form.rows.set_index("kode")
    for r in units.itertuples():
        assert rows.loc[r.kode_program, "unit"] == names[r.unit]
    kegiatan = form.rows[(form.rows["level"] == "kegiatan") & form.rows["kode"].str.startswith("2.08.06.")]
    assert set(kegiatan["unit"]) == {names["bidang_pa"]}           # a kegiatan takes its program's unit
    assert form.without_unit == ["2.08.04 PROGRAM PENINGKATAN KUALITAS KELUARGA"]
    assert any("2.08.04 PROGRAM PENINGKATAN KUALITAS KELUARGA" in n for n in evaluasi.form_table(2025, DATA).notes)


def test_form_with_imported_years_lists_missing_rows_conflicts_and_spm(data_copy, tmp_path):
    report, written = _import_sintetis(data_copy, 2025, tmp_path, seed=11, disagree="1.06.02")
    form = core.form_e80(2025, data_copy)
    assert form.imported == [2025]
    assert list(form.conflicts["kode"]) == ["1.06.02"] and evaluasi.conflict_table(2025, data_copy) is not None
    missing = form.missing
    empty = {k for k, v in written.items() if "realisasi" not in v and "realisasi_grade" not in v}
    template = realisasi.template(2025, data_copy).set_index(["jenis", "kode"])
    wants = {k for k in empty if not pd.isna(template.loc[k, "target"]) or not pd.isna(template.loc[k, "target_grade"])}
    assert wants <= set(zip(missing["jenis"], missing["kode"]))
    spm = evaluasi.spm_table(2025, data_copy)
    assert {"spm", "layanan"} == set(spm.data["level"])               # services and their sub-items
    row = spm.data[spm.data["kode"] == "1.1"].iloc[0]
    value = written[("SPM", "SPM.1.1")].get("realisasi")
    if value is not None:
        number = float(str(value).replace(".", "").replace(",", ".")) if isinstance(value, str) else value
        assert row["realisasi"] == pytest.approx(number)
    averages = form.averages["k"]
    col = form.rows["capaian_k_2025"].dropna()
    assert averages["rata_rata"] == pytest.approx(float(col[form.rows.loc[col.index, "level"] != "sasaran"].mean()))
    assert averages["predikat"] == compute.achievement_category(averages["rata_rata"]).label
    table = evaluasi.form_table(2025, data_copy)
    closing = table.n_rows - 2
    assert table.data.at[closing, "capaian_k_2025"] == pytest.approx(averages["rata_rata"])
    catatan = form.rows[form.rows["keterangan"].fillna("").str.contains("SINTETIS")]
    assert not catatan.empty                                          # the planner's catatan reaches the form


def test_negative_capaian_is_floored_in_the_form_with_the_raw_value_in_keterangan(data_copy, tmp_path):
    t = realisasi.template(2025, data_copy)
    for col in realisasi.INPUT_COLUMNS:
        t[col] = ""
    i = t.index[t["kode"] == "IKU.5"][0]                                 # violence ratio, lower is better
    t.loc[i, "realisasi"] = str(t.at[i, "target"] * 2 + 4).replace(".", ",")   # SINTETIS: above twice the target
    t.to_csv(tmp_path / "isian.csv", index=False)
    realisasi.import_realisasi(tmp_path / "isian.csv", 2025, data_copy)
    row = core.form_e80(2025, data_copy).rows.set_index("kode").loc["IKU.5"]
    assert row["capaian_k_2025"] == 0 and row["kategori"] == "Sangat Rendah"
    assert "menurut rumus -" in row["keterangan"] and "ditampilkan 0%" in row["keterangan"]


def test_form_narrative_follows_the_results_and_leaves_the_planner_s_parts_open(data_copy, tmp_path):
    import re

    _import_sintetis(data_copy, 2025, tmp_path, seed=5)
    text = evaluasi.form_narrative_text(2025, data_copy)
    form = core.form_e80(2025, data_copy)
    rows = form.rows[form.rows["level"].isin(["iku", "program", "kegiatan", "sub_kegiatan"])]
    met = int((rows["capaian_k_2025"] >= 100).sum())
    assert f"sebanyak {number_words(met)} mencapai atau melampaui target" in text
    for part in ("Faktor pendorong", "Faktor penghambat", "Tindak lanjut"):
        assert f"**{part}:** {evaluasi.PLACEHOLDER}" in text
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if s.strip()]
    assert not [s for s in sentences if s[0].isdigit()], "a sentence starts with a numeral"
    assert not re.search(r"Rp\s+\d", text)                          # Rp4.660.671.000, no space
    from helpers.core.text import eyd_problems

    for tahun, data in ((2025, data_copy), (2027, DATA), (2024, DATA), (2022, DATA)):
        assert eyd_problems(evaluasi.narrative(tahun, data)[1].text) == [], tahun
    assert evaluasi.narrative(2025, data_copy)[1].text == text
    empty = evaluasi.form_narrative_text(2027, DATA)
    assert f"untuk seluruh baris tahun 2027 {core.NO_DATA}" in empty


def _revised(narrative, tahun, data_dir, text=None):
    """The planner's revision as ``make narasi`` starts it (front matter with the draft's facts), with ``text``."""
    path = narasi.revision_path(data_dir, tahun, narrative.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(narasi.starting_point(narrative.id, tahun, text or narrative.text, narrative.facts),
                    encoding="utf-8")
    return narasi.revision(data_dir, tahun, narrative.id)


def test_every_figure_of_an_evaluation_draft_is_a_fact_it_cites(data_copy, tmp_path):
    """A revision copied from the draft has every figure ``cocok`` against the narrative's own facts
    (no table figures given): the plan year 2025 with SYNTHETIC realisation (counts, capaian, target and
    realisation of the IKU it names, the lowest rows, the averages), 2026 and 2027 without realisation,
    and the history year 2024 (its negative formula result too). Counts one to nine are words, not checked
    figures. A wrong figure in it is ``tidak_ditemukan``."""
    _import_sintetis(data_copy, 2025, tmp_path, seed=5)
    for tahun, data, least in ((2025, data_copy, 8), (2026, data_copy, 3), (2027, DATA, 1), (2024, DATA, 10)):
        narrative = evaluasi.narrative(tahun, data)[1]
        checks = narasi.check_revision(_revised(narrative, tahun, data_copy), narrative.facts, [])
        assert len(checks) >= least, (tahun, checks)
        assert [c for c in checks if c.status != narasi.MATCHED] == [], tahun
        assert all(c.keterangan.startswith("fakta") for c in checks), tahun
        if tahun == 2024:                                   # the negative formula result, with a true minus
            assert "\u22125,86%" in {c.angka for c in checks}
    form = core.form_e80(2025, data_copy)
    narrative = evaluasi.narrative(2025, data_copy)[1]
    average = format_percent(form.averages["k"]["rata_rata"])
    assert f"adalah {average} dengan predikat" in narrative.text
    rows = f"memuat {format_number(narrative.facts['baris formulir E.80 tahun 2025: indikator'])} baris"
    other = format_percent(form.averages["k"]["rata_rata"] + 7.31)
    wrong = narrative.text.replace(average, other, 1).replace(rows, "memuat 1.142 baris")
    checks = narasi.check_revision(_revised(narrative, 2025, data_copy, wrong), narrative.facts, [])
    flagged = {c.angka: c.status for c in checks if c.status != narasi.MATCHED}
    assert flagged == {"1.142": narasi.NOT_FOUND, other: narasi.NOT_FOUND}


def test_page_says_where_templates_are_and_which_page_shows_a_year():
    text = evaluasi.intro(2026, DATA) + evaluasi.form_intro(2025, DATA)
    assert "folder **realisasi-isian** repositori" in text and "Siklus tahunan realisasi" in text
    assert "Jangan mengisi berkas di dalam folder keluaran (outputs)" in text
    assert "diserahkan kepada pengelola data" not in text
    assert "realisasi 2025 yang diimpor pada Januari 2026 tampil di formulir E.80 tahun 2025" in text
    section = " ".join(i for i in evaluasi.template_section(2026, DATA) if isinstance(i, str))
    assert "realisasi-isian** repositori (berkas template-realisasi-2026.xlsx)" in section
    from pages.test_all_pages import code_on_page     # prose only: no path, setting, table id or code mark
    from helpers.present.markdown import markdown_html

    assert code_on_page(markdown_html(text + section)) == []
    table = evaluasi.form_table(2026, DATA)
    assert code_on_page(" ".join(table.notes + [table.caption, table.source])) == []
