"""Execute notebooks/02-3-1-kinerja-pelayanan.ipynb (Bab II 2.3 Kinerja Pelayanan) with papermill.

A history page: ``tahun`` 2025 shows 2019–2024, ``tahun`` 2022 shows 2019–2021. Key recomputed
values (PPKS totals, Tabel 2.3.4 ratios) are computed here independently from ``helpers.core.data.load``
and must appear formatted in the executed notebook.
"""
import pytest

from support import notebook_text
from helpers.core.data import load
from helpers.core.numbers import format_number

STEM = "02-3-1-kinerja-pelayanan"
TABLES = ["tabel-2-3-1-capaian-iku", "tabel-2-3-2-ppks", "tabel-jenis-pelayanan-sosial",
          "tabel-2-3-3-capaian-spm", "tabel-2-3-4-kinerja-pelayanan", "tabel-2-3-4-analisis-polaritas"]
FIGURES = ["2-3-1-iku-tren", "2-3-2-ppks-per-jenis", "2-3-2-ppks-terbanyak", "2-3-4-target-realisasi"]
NARRATIVES = ["2-3-1-iku", "2-3-2-ppks", "2-3-3-spm", "2-3-4-kinerja"]


def ppks_totals() -> dict[int, str]:
    """Total PPKS per year, summed here from the base table and formatted."""
    df = load("2_3_2_ppks")
    return {int(t): format_number(int(g["jumlah"].sum()), 0) for t, g in df.groupby("tahun")}


def kinerja_ratio(no: int, tahun: int) -> str:
    df = load("2_3_4_kinerja_pelayanan")
    r = df[(df["no"] == no) & (df["tahun"] == tahun)].iloc[0]
    return format_number(float(r["realisasi"]) / float(r["target"]) * 100, 2)


def assert_outputs_written(out):
    for name in TABLES:
        assert (out / "tables" / f"{name}.csv").is_file(), name
        assert (out / "tables" / f"{name}.xlsx").is_file(), name
    for name in FIGURES:
        assert (out / "figures" / f"{name}.png").is_file(), name
        assert (out / "figures" / f"{name}.svg").is_file(), name
    for name in NARRATIVES:
        assert (out / "narasi" / f"{name}.md").is_file(), name


def assert_clean(nb):
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))[:300]


def test_notebook_2025_shows_2019_to_2024(run_notebook):
    nb, out = run_notebook(STEM, 2025)
    text = notebook_text(nb)  # raises on any error output
    assert_clean(nb)
    assert_outputs_written(out)
    assert "Tabel 2.3.1: 2019–2024" in text and "Tabel 2.3.3: 2020–2024" in text
    totals = ppks_totals()
    assert totals[2023] == "65.695" and totals[2024] == "63.432"
    for year, total in totals.items():
        assert total in text
    assert "65.695*" in text and "63.432*" in text  # recomputed totals marked
    assert "65.728" in text and "63.660" in text    # and the printed ones named in the note
    assert kinerja_ratio(1, 2023) + "*" in text      # 26,40 recomputed vs 33 printed
    assert kinerja_ratio(5, 2024) in text            # 205,86
    assert "tidak didukung" in text                  # the PPKS "tren penurunan" claim
    assert "Kondisi Kinerja pada akhir periode Renstra" in text
    assert "(2 × target − realisasi) / target × 100" in text
    assert "<th class=\"num\">2024</th>" in text


def test_notebook_2022_shows_2019_to_2021(run_notebook):
    nb, out = run_notebook(STEM, 2022)
    text = notebook_text(nb)
    assert_clean(nb)
    assert_outputs_written(out)
    assert "Tabel 2.3.1: 2019–2021" in text and "Tabel 2.3.3: 2020–2021" in text
    totals = ppks_totals()
    for year in (2019, 2020, 2021):
        assert totals[year] in text
    assert totals[2023] not in text and "Realisasi 2022" not in text
    assert "<th class=\"num\">2022</th>" not in text
    assert "Kondisi Kinerja s.d. 2021" in text
    assert "Tahun 2019–2021" in text  # Tabel 2.3.2 caption follows the shown years


def test_notebook_rejects_tahun_outside_2020_2029(run_notebook):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as excinfo:
        run_notebook(STEM, 2019)
    message = str(excinfo.value)
    assert "tahun=2019" in message and "2020-2029" in message
