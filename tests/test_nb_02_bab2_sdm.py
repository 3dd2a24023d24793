"""Execute notebooks/02-1-struktur-organisasi.ipynb (Bab II 2.1) and 02-2-sumber-daya.ipynb (Bab II 2.2).

Both pages show the condition described in the Renstra; ``tahun`` (2019–2029) does not change
their content, so 2025 and 2029 must give the same tables. Key recomputed values (staff totals,
unit counts) are computed here independently from ``helpers.core.data.load`` and must appear formatted
in the executed notebook; a year outside 2019–2029 must fail with a clear message.
"""
import pandas as pd
import pytest

from support import notebook_text
from helpers.core.data import load
from helpers.core.numbers import format_number

ORG = "02-1-struktur-organisasi"
SDM = "02-2-sumber-daya"
ORG_TABLES = ["tabel-2-1-unit-organisasi"]
ORG_FIGURES = ["2-1-bagan-organisasi"]
ORG_NARRATIVES = ["2-1-struktur-organisasi"]
SDM_TABLES = ["tabel-2-2-1-pegawai-jabatan", "tabel-2-2-2-pegawai-honorer", "tabel-2-2-3-pegawai-golongan",
              "tabel-2-2-4-pegawai-eselon", "tabel-2-2-5-pegawai-pendidikan", "tabel-2-2-sarana",
              "tabel-2-2-5b-inventaris", "tabel-2-2-sarana-vs-inventaris"]
SDM_FIGURES = ["2-2-1-pegawai-jabatan", "2-2-2-pegawai-honorer", "2-2-komposisi-asn"]
SDM_NARRATIVES = ["2-2-sumber-daya-manusia", "2-2-sarana-prasarana"]


def staff_total(table_id: str) -> tuple[str, str, str]:
    """(L, P, L + P) of a staff table, summed here from the base figures and formatted."""
    df = load(table_id)
    male = int(df.loc[df["jenis_kelamin"] == "L", "jumlah"].sum())
    female = int(df.loc[df["jenis_kelamin"] == "P", "jumlah"].sum())
    return format_number(male), format_number(female), format_number(male + female)


def cell(value: str) -> str:
    return f'<td class="num">{value}</td>'


def assert_clean(nb):
    for c in nb["cells"]:
        for output in c.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))[:300]


def assert_written(out, tables, figures, narratives):
    for name in tables:
        assert (out / "tables" / f"{name}.csv").is_file(), name
        assert (out / "tables" / f"{name}.xlsx").is_file(), name
    for name in figures:
        assert (out / "figures" / f"{name}.png").stat().st_size > 10_000, name
        assert (out / "figures" / f"{name}.svg").is_file(), name
    for name in narratives:
        assert (out / "narasi" / f"{name}.md").is_file(), name


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_struktur_organisasi(run_notebook, tahun):
    nb, out = run_notebook(ORG, tahun)
    text = notebook_text(nb)
    assert_clean(nb)
    assert_written(out, ORG_TABLES, ORG_FIGURES, ORG_NARRATIVES)
    units = load("2_1_unit_organisasi")
    assert f"Tahun laporan <code>tahun</code> = {tahun}" in text or f"`tahun` = {tahun}" in text
    assert "tidak mengubahnya" in text
    for nama in units["nama"]:
        assert nama[1:] in text
    assert f"Seluruhnya ada {len(units)} unit" in text
    assert "menyalin kata demi kata" in text  # the copy-paste note on Bidang Pemberdayaan Sosial
    exported = pd.read_csv(out / "tables" / "tabel-2-1-unit-organisasi.csv", encoding="utf-8-sig")
    assert len(exported) == len(units)


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_sumber_daya(run_notebook, tahun):
    nb, out = run_notebook(SDM, tahun)
    text = notebook_text(nb)
    assert_clean(nb)
    assert_written(out, SDM_TABLES, SDM_FIGURES, SDM_NARRATIVES)
    assert f"`tahun` = {tahun}" in text
    male, female, asn = staff_total("2_2_1_pegawai_jabatan")
    assert (male, female, asn) == ("16", "13", "29")
    _, _, non_asn = staff_total("2_2_2_pegawai_honorer")
    assert non_asn == "146"
    assert "29" in text and "146" in text
    assert f"pegawai ASN {asn} orang ({male} laki-laki dan {female} perempuan)" in text
    assert f"(honorer) {non_asn} orang" in text
    for table_id in ("2_2_3_pegawai_golongan", "2_2_4_pegawai_eselon", "2_2_5_pegawai_pendidikan"):
        assert staff_total(table_id)[2] == asn
    assert cell(non_asn) in text and cell(asn) in text
    assert "Tabel 2.2.5 (kedua) Daftar Inventaris" in text
    assert "Kendaraan roda 2 (dua)" in text and "inventaris 11 unit" in text
    exported = pd.read_csv(out / "tables" / "tabel-2-2-1-pegawai-jabatan.csv", encoding="utf-8-sig")
    assert exported.iloc[-1]["Jumlah"] == 29


@pytest.mark.parametrize("stem", [ORG, SDM])
def test_rejects_tahun_outside_2019_2029(run_notebook, stem):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as excinfo:
        run_notebook(stem, 2040)
    message = str(excinfo.value)
    assert "tahun=2040" in message and "2019-2029" in message
