"""Execute notebooks/02-4-isu-strategis.ipynb (Bab II 2.4–2.6) and 03-tujuan-sasaran.ipynb (Bab III).

02-4 is a history page (2019–2029): its lists are static, only the PPKS counts depend on ``tahun``
(latest Tabel 2.3.2 year before it). 03 is a plan page (2025–2029) with the ``tahun`` column
highlighted. Key values are computed here from ``helpers.core.data.load`` and must appear formatted in
the executed notebook.
"""
import pytest

from support import notebook_text
from helpers.core.data import load, load_printed
from helpers.core.numbers import format_number, format_percent

NB_ISU = "02-4-isu-strategis"
NB_BAB3 = "03-tujuan-sasaran"


def assert_clean(nb):
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))[:300]


def assert_files(out, tables, figures, narratives):
    for name in tables:
        assert (out / "tables" / f"{name}.csv").is_file(), name
        assert (out / "tables" / f"{name}.xlsx").is_file(), name
    for name in figures:
        assert (out / "figures" / f"{name}.png").is_file(), name
        assert (out / "figures" / f"{name}.svg").is_file(), name
    for name in narratives:
        assert (out / "narasi" / f"{name}.md").is_file(), name


# --------------------------------------------------------------------------------------------
# 02-4-isu-strategis
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_isu_notebook(run_notebook, tahun):
    nb, out = run_notebook(NB_ISU, tahun)
    text = notebook_text(nb)
    assert_clean(nb)
    assert_files(out, ["2-4-jenis-ppks", "2-5-jenis-psks", "2-6-1-permasalahan", "tabel-2-6-1-isu-strategis"],
                 ["2-4-jumlah-ppks-per-jenis"], ["2-4-ppks"])
    counts = load("2_3_2_ppks")
    year = int(counts.loc[counts["jumlah"].notna() & (counts["tahun"] < tahun), "tahun"].max())
    assert year == 2024
    of_year = counts[counts["tahun"] == year]
    total = float(of_year["jumlah"].sum())
    printed = load_printed("2_3_2_ppks")
    printed_total = float(printed[(printed["row"] == "total") & (printed["tahun"] == year)]["value"].iloc[0])
    assert format_number(total) + "*" in text            # recomputed total, marked
    assert format_number(printed_total) in text            # the printed one, in the note
    fakir = float(of_year.loc[of_year["jenis"] == "Fakir Miskin", "jumlah"].iloc[0])
    assert format_number(fakir) in text and format_percent(fakir / total * 100) in text
    assert f"Jumlah PPKS {year}" in text and f"tahun terakhir yang tersedia sebelum {tahun}" in text
    assert "Draf narasi" in text and "Mojokerto" in text
    assert "Meningkatnya Kesetaraan Gender Dan Perlindungan Anak" in text  # Tabel 2.6.1
    assert "• terlantar/ tanpa asuhan yang layak;" in text                # criteria as bullets
    psks = load("2_5_jenis_psks")
    assert all(name in text for name in psks["nama"])


def test_isu_notebook_before_any_count(run_notebook):
    nb, out = run_notebook(NB_ISU, 2019)
    text = notebook_text(nb)
    assert_clean(nb)
    assert_files(out, ["2-4-jenis-ppks", "tabel-2-6-1-isu-strategis"], [], ["2-4-ppks"])
    assert not (out / "figures" / "2-4-jumlah-ppks-per-jenis.png").exists()
    assert "Grafik tidak dibuat" in text and "belum memuat" in text


def test_isu_notebook_rejects_tahun_before_the_page(run_notebook):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as excinfo:
        run_notebook(NB_ISU, 2018)
    message = str(excinfo.value)
    assert "tahun=2018" in message and "2019-2029" in message


# --------------------------------------------------------------------------------------------
# 03-tujuan-sasaran
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_bab3_notebook(run_notebook, tahun):
    nb, out = run_notebook(NB_BAB3, tahun)
    text = notebook_text(nb)
    assert_clean(nb)
    assert_files(out, ["tabel-3-2-1-tujuan-sasaran", f"3-2-1-kemajuan-{tahun}", "3-2-1-vs-4-5-1",
                       "tabel-3-2-2-cascading", "tabel-3-3-1-strategi-kebijakan"],
                 ["3-2-pohon-kinerja"] + [f"3-2-pohon-kinerja-sasaran-{i}" for i in (1, 2, 3)],
                 ["3-2-1-tujuan-sasaran", "3-2-2-cascading"])
    goals = load("3_2_1_tujuan_sasaran")
    kemiskinan = goals[goals["indikator_sasaran"] == "Tingkat Kemiskinan"].set_index("tahun")["target"]
    assert format_number(kemiskinan[2029], 2) == "9,99" and "9,99" in text
    assert f"Target {tahun}: {format_number(kemiskinan[tahun], 2)}." in text
    akip = goals[goals["indikator_sasaran"] == "Nilai AKIP"].set_index("tahun")
    assert f"{akip.at[2025, 'target_grade']} ({format_number(akip.at[2025, 'target'], 2)})" in text
    rasio = goals[goals["indikator_sasaran"] == "Rasio Kekerasan Terhadap Anak"].set_index("tahun")
    assert f"{format_number(rasio.at[tahun, 'target'])}:{format_number(rasio.at[tahun, 'per'])}" in text
    # cross-table check, computed independently: AKIP targets that differ in Tabel 4.5.1
    iku = load("4_5_1_iku_target")
    iku_akip = iku[iku["indikator"] == "Nilai AKIP"].set_index("tahun")["target"]
    differ = [y for y in akip.index if abs(akip.at[y, "target"] - iku_akip[y]) > 1e-9]
    assert f"{len(differ)} berbeda" in text
    for y in differ:
        assert f"BB ({format_number(iku_akip[y], 2)})" in text
    assert f"kolom {tahun} disorot" in text and "01-evaluasi" in text
    cascade = load("3_2_2_cascading")
    assert f"{cascade['program_no'].nunique()} program, {cascade['kegiatan_no'].nunique()} kegiatan" in text
    assert "Pohon Kinerja" in text and "Visi" in text and "Misi 7" in text


def test_bab3_notebook_rejects_tahun_after_the_plan(run_notebook):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as excinfo:
        run_notebook(NB_BAB3, 2030)
    message = str(excinfo.value)
    assert "tahun=2030" in message and "2025-2029" in message
