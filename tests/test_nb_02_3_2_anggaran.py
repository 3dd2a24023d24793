"""Execute notebooks/02-3-2-anggaran.ipynb (Bab II 2.3, budget tables) with papermill.

A history page: ``tahun`` 2025 shows 2019–2020 and 2021–2024; ``tahun`` 2022 shows 2019–2020 and
only 2021 of the 2021–2024 table. Key recomputed values (JUMLAH rows summed from the leaves, the
total ratio and growth) are computed here independently from ``helpers.core.data.load`` and must appear
formatted in the executed notebook.
"""
import pytest

from support import notebook_text
from helpers.core.data import load
from helpers.core.numbers import format_number

STEM = "02-3-2-anggaran"
T1920, T2124 = "2_3_anggaran_2019_2020", "2_3_anggaran_2021_2024"


def jumlah(table_id: str, measure: str) -> dict[int, float]:
    """JUMLAH per year: the sum of the leaf rows (rows that are nobody's parent), blank skipped."""
    df = load(table_id)
    leaves = df[~df["row_id"].isin(set(df["parent_id"].dropna()))]
    return {int(t): float(g[measure].sum()) for t, g in leaves.groupby("tahun")}


def outputs(out, slugs, with_growth=True):
    for slug in slugs:
        assert (out / "tables" / f"{slug}.csv").is_file(), slug
        assert (out / "tables" / f"{slug}.xlsx").is_file(), slug
        if with_growth or slug != slugs[-1]:
            assert (out / "tables" / f"{slug}-pertumbuhan.xlsx").is_file(), slug
        for kind in ("program", "penyerapan", "porsi"):
            assert (out / "figures" / f"{slug}-{kind}.png").is_file(), (slug, kind)
            assert (out / "figures" / f"{slug}-{kind}.svg").is_file(), (slug, kind)
        assert (out / "narasi" / f"{slug}.md").is_file(), slug


def assert_clean(nb):
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))[:300]


def test_notebook_2025_shows_all_years(run_notebook):
    nb, out = run_notebook(STEM, 2025)
    text = notebook_text(nb)
    assert_clean(nb)
    outputs(out, ["2-3-anggaran-2019-2020", "2-3-anggaran-2021-2024"])
    anggaran, realisasi = jumlah(T2124, "anggaran"), jumlah(T2124, "realisasi")
    assert format_number(anggaran[2024]) == "14.817.179.710"
    for year in range(2021, 2025):
        assert format_number(anggaran[year]) in text
        assert format_number(realisasi[year] / anggaran[year] * 100, 2) in text
    growth = (anggaran[2024] - anggaran[2021]) / anggaran[2021] * 100
    assert format_number(growth, 2) == "31,14" and "31,14%" in text
    a1920 = jumlah(T1920, "anggaran")
    assert format_number(a1920[2019]) in text and format_number(a1920[2020]) in text
    assert "Tahun 2021–2024" in text and "Tahun 2019–2020" in text
    assert "-*" in text  # undefined ratios printed as 0,00 by the document: "-" and marked
    assert "konvensi dokumen" in text and "Rata-rata pertumbuhan tahunan" in text and "CAGR" in text
    assert "Draf narasi" in text and "bukan rata-rata" in text


def test_notebook_2022_shows_2021_only(run_notebook):
    nb, out = run_notebook(STEM, 2022)
    text = notebook_text(nb)
    assert_clean(nb)
    outputs(out, ["2-3-anggaran-2019-2020", "2-3-anggaran-2021-2024"], with_growth=False)
    anggaran = jumlah(T2124, "anggaran")
    assert format_number(anggaran[2021]) in text
    for year in (2022, 2023, 2024):
        assert format_number(anggaran[year]) not in text
        assert f"Anggaran {year} (Rp)" not in text
    assert "Tahun 2021 " in text  # caption follows the shown years
    assert "pertumbuhan belum dapat dihitung" in text
    assert "**2021**" in text and "**2019–2020**" in text
    a1920 = jumlah(T1920, "anggaran")
    assert format_number(a1920[2020]) in text


def test_notebook_rejects_tahun_before_2020(run_notebook):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as excinfo:
        run_notebook(STEM, 2019)
    message = str(excinfo.value)
    assert "tahun=2019" in message and "2020-2029" in message
