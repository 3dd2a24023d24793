"""Execute notebooks/04-rencana-program.ipynb (Bab IV, plan page 2025–2029) with papermill.

A plan page: every table shows all plan years and highlights ``tahun``. The Tabel 4.1 grand total
(JUMLAH) per year and for 2025–2029 is computed here independently from the sub-kegiatan leaves
of ``helpers.core.data.load("4_1_rencana_program")`` and must appear formatted in the executed notebook,
as must the cumulative pagu up to ``tahun``.
"""
import pytest

from support import notebook_text
from helpers.core.data import load
from helpers.core.numbers import format_number

STEM = "04-rencana-program"
YEARS = range(2025, 2030)
TABLES = ["tabel-4-1-rencana-program", "tabel-4-1-rekap-bidang-urusan", "tabel-4-1-pagu-program",
          "tabel-4-4-1-subkegiatan-prioritas", "tabel-4-5-1-iku", "tabel-4-6-ikk", "tabel-4-7-spm"]
FIGURES = ["4-1-pagu-program", "4-1-porsi-bidang-urusan"]
NARRATIVES = ["4-1-rencana-program", "4-5-1-iku"]


def grand_totals() -> dict[int, float]:
    """JUMLAH per year: the sum of the sub-kegiatan pagu (blank skipped)."""
    df = load("4_1_rencana_program")
    leaves = df[df["level"] == "sub_kegiatan"]
    return {t: float(leaves.loc[leaves["tahun"] == t, "pagu"].sum()) for t in YEARS}


def assert_clean(nb):
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))[:300]


def assert_outputs(out, tahun):
    for name in TABLES + [f"tabel-4-1-tahun-{tahun}"]:
        assert (out / "tables" / f"{name}.csv").is_file(), name
        assert (out / "tables" / f"{name}.xlsx").is_file(), name
    for name in FIGURES:
        assert (out / "figures" / f"{name}.png").is_file(), name
        assert (out / "figures" / f"{name}.svg").is_file(), name
    for name in NARRATIVES:
        assert (out / "narasi" / f"{name}.md").is_file(), name


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_notebook_shows_recomputed_totals(run_notebook, tahun):
    nb, out = run_notebook(STEM, tahun)
    text = notebook_text(nb)
    assert_clean(nb)
    assert_outputs(out, tahun)
    totals = grand_totals()
    for year in YEARS:
        assert format_number(totals[year]) in text, year
    period = sum(totals.values())
    assert format_number(period) == "76.989.173.925" and format_number(period) in text
    assert "13.924.684.513*" in text  # the document prints 13.684.684.513 for 2026
    cumulative = sum(totals[y] for y in YEARS if y <= tahun)
    assert format_number(cumulative) in text
    assert f"Tabel 4.1 — tahun {tahun}" in text and f"kolom {tahun} disorot" in text
    assert "Draf narasi" in text and "18 sel" in text and "BB (71,30)" in text
    assert "Monitoring evaluasi dan pelaporan" in text  # the priority row without a code is named
    assert "Terjadi Bencana" in text


def test_notebook_rejects_tahun_before_the_plan(run_notebook):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as excinfo:
        run_notebook(STEM, 2024)
    message = str(excinfo.value)
    assert "tahun=2024" in message and "2025-2029" in message
