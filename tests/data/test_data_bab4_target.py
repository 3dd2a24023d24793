"""Transcription fidelity of the end tables of Bab IV (targets 2025-2029).

Tables: Tabel 4.4.1 (4_4_1_subkegiatan_prioritas), Tabel 4.5.1 (4_5_1_iku_target),
Tabel 4.6 (4_6_ikk_target) and Tabel 4.7 (4_7_spm_target).

Expected values below were copied by hand from the source text
(renstra-dinsos-pppa-batubara-2025-2029.txt, lines 1587-1706; the codes of Tabel 4.1 from lines
1381-1580), converted to machine style; they are not generated from the CSVs. Quirks and the
polarity decisions are explained in docs/assumptions/bab4-target.md.
"""
import math

import pandas as pd
import pytest

from support import cell as _cell, same_value as _same
from helpers.core.data import load, load_printed, resolve_data_dir

NA = None  # '-', blank or 'NA' in the document
YEARS = [2025, 2026, 2027, 2028, 2029]


def _ids(cases):
    return [f"{c[0]}|{c[1]}|{c[-2]}" for c in cases]


# --------------------------------------------------------------------------------------------
# Tabel 4.4.1 Daftar Sub Kegiatan Dalam Rangka Mendukung Program Prioritas (lines 1587-1597)
# --------------------------------------------------------------------------------------------
PRIORITAS_CASES = [
    # (table, row, row_id, column, expected)
    ("Tabel 4.4.1", "row 1 (first cell)", 1, "no", 1),
    ("Tabel 4.4.1", "row 1 program prioritas", 1, "program_prioritas",
     "Mewujudkan Pembangunan yang Adil dan Merata di Seluruh Wilayah Kabupaten Batu Bara untuk "
     "Mencapai Kesejahteraan Masyarakat"),
    ("Tabel 4.4.1", "row 1 outcome", 1, "outcome", "Meningkatnya Kesejahteraan Sosial Yang Inklusif"),
    ("Tabel 4.4.1", "row 1 program", 1, "program", "Program Rehabilitasi Sosial"),
    ("Tabel 4.4.1", "row 1 sub kegiatan '1.'", 1, "sub_kegiatan", "Penyediaan Permakanan"),
    ("Tabel 4.4.1", "row 1 sub kegiatan number", 1, "sub_kegiatan_no", 1),
    ("Tabel 4.4.1", "row 2 sub kegiatan '2.'", 2, "sub_kegiatan", "Penyediaan Alat Bantu"),
    ("Tabel 4.4.1", "row 3 sub kegiatan number", 3, "sub_kegiatan_no", 3),
    ("Tabel 4.4.1", "row 4 no filled down over merged cell", 4, "no", 1),
    ("Tabel 4.4.1", "row 4 kegiatan", 4, "kegiatan", "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota"),
    ("Tabel 4.4.1", "row 4 single sub kegiatan has no number", 4, "sub_kegiatan_no", NA),
    ("Tabel 4.4.1", "row 5 program", 5, "program", "Program Pemberdayaan Sosial"),
    ("Tabel 4.4.1", "row 6 kegiatan (spelt 'Pelembagaan' here)", 6, "kegiatan",
     "Pelembagaan Pengarusutamaan Gender (PUG) pada Lembaga Pemerintah Kewenangan Kabupaten/Kota"),
    ("Tabel 4.4.1", "row 7 sub kegiatan", 7, "sub_kegiatan",
     "Monitoring evaluasi dan pelaporan dalam pencegahan KtP Kewenangan Kabupaten/Kota"),
    ("Tabel 4.4.1", "row 8 outcome filled down", 8, "outcome", "Meningkatnya Kesetaraan Gender Dan Perlindungan Anak"),
    ("Tabel 4.4.1", "row 9 no", 9, "no", 3),
    ("Tabel 4.4.1", "row 9 program prioritas", 9, "program_prioritas",
     "PKH Plus (Pemberian PKH Bersumber Dari APBD Bagi Yang Belum Mendapatkan PKH KEMENSOS RI)"),
    ("Tabel 4.4.1", "row 9 outcome (typo 'kemeterian' kept)", 9, "outcome",
     "Tersedianya bantuan langsung tunai kepada masyarakat yang belum tercover dari kemeterian Sosial RI"),
    ("Tabel 4.4.1", "row 9 sub kegiatan", 9, "sub_kegiatan", "Fasilitasi Bantuan Sosial Kesejahteraan Keluarga"),
    ("Tabel 4.4.1", "row 9 ket (last cell, empty)", 9, "ket", NA),
]


@pytest.mark.parametrize("table,row,row_id,column,expected", PRIORITAS_CASES, ids=_ids(PRIORITAS_CASES))
def test_prioritas_cells(table, row, row_id, column, expected):
    frame = load("4_4_1_subkegiatan_prioritas")
    assert _same(_cell(frame, column, row_id=row_id), expected)


# Codes read by hand from Tabel 4.1 (lines 1381-1580), matched by name; not printed in 4.4.1.
PRIORITAS_CODES = [
    # (table, row, row_id, (kode_program, kode_kegiatan, kode))
    ("Tabel 4.4.1", "row 1 Penyediaan Permakanan (Tabel 4.1 line 1438)", 1,
     ("1.06.04", "1.06.04.2.01", "1.06.04.2.01.0001")),
    ("Tabel 4.4.1", "row 2 Penyediaan Alat Bantu (line 1440)", 2, ("1.06.04", "1.06.04.2.01", "1.06.04.2.01.0003")),
    ("Tabel 4.4.1", "row 3 Bimbingan Sosial kepada Keluarga (line 1443)", 3,
     ("1.06.04", "1.06.04.2.01", "1.06.04.2.01.0006")),
    ("Tabel 4.4.1", "row 4 Bantuan Pengembangan Ekonomi (line 1473)", 4,
     ("1.06.05", "1.06.05.2.02", "1.06.05.2.02.0004")),
    ("Tabel 4.4.1", "row 5 PSKS Perseorangan (line 1425)", 5, ("1.06.02", "1.06.02.2.03", "1.06.02.2.03.0014")),
    ("Tabel 4.4.1", "row 6 Bimtek PUG (line 1495)", 6, ("2.08.02", "2.08.02.2.01", "2.08.02.2.01.0014")),
    ("Tabel 4.4.1", "row 7 Monitoring KtP (not in Tabel 4.1)", 7, ("2.08.03", "2.08.03.2.01", None)),
    ("Tabel 4.4.1", "row 8 Pengaduan Anak Korban Kekerasan (line 1566)", 8,
     ("2.08.07", "2.08.07.2.02", "2.08.07.2.02.0008")),
    ("Tabel 4.4.1", "row 9 Bansos Kesejahteraan Keluarga (line 1474)", 9,
     ("1.06.05", "1.06.05.2.02", "1.06.05.2.02.0006")),
]


@pytest.mark.parametrize("table,row,row_id,codes", PRIORITAS_CODES, ids=[f"{c[0]}|{c[1]}" for c in PRIORITAS_CODES])
def test_prioritas_codes(table, row, row_id, codes):
    frame = load("4_4_1_subkegiatan_prioritas")
    got = tuple(_cell(frame, col, row_id=row_id) for col in ("kode_program", "kode_kegiatan", "kode"))
    assert got == codes


def test_prioritas_shape():
    frame = load("4_4_1_subkegiatan_prioritas")
    assert len(frame) == 9
    assert frame.groupby("no").size().to_dict() == {1: 5, 2: 3, 3: 1}
    # every sub-kegiatan code lies under its kegiatan, every kegiatan under its program
    for _, r in frame.iterrows():
        assert r["kode_kegiatan"].startswith(r["kode_program"] + ".")
        if not pd.isna(r["kode"]):
            assert r["kode"].startswith(r["kode_kegiatan"] + ".")


def test_prioritas_codes_exist_in_tabel_4_1():
    """Every code of Tabel 4.4.1 must be a row of Tabel 4.1 (4_1_rencana_program)."""
    if not (resolve_data_dir() / "tables" / "4_1_rencana_program.yaml").is_file():
        pytest.skip("data/tables/4_1_rencana_program is not transcribed yet")
    rencana = load("4_1_rencana_program")
    known = set(rencana["kode"].dropna())
    frame = load("4_4_1_subkegiatan_prioritas")
    for column in ("kode_program", "kode_kegiatan", "kode"):
        missing = sorted(set(frame[column].dropna()) - known)
        assert missing == [], f"{column} not in Tabel 4.1: {missing}"


# --------------------------------------------------------------------------------------------
# Tabel 4.5.1 Indikator Kinerja Utama (IKU) (lines 1603-1613)
# --------------------------------------------------------------------------------------------
IKU_CASES = [
    # (table, row, no, tahun, column, expected)
    ("Tabel 4.5.1", "row 1 Tingkat Kemiskinan (first cell) '10.68'", 1, 2025, "target", 10.68),
    ("Tabel 4.5.1", "row 1 Tingkat Kemiskinan baseline '10,94'", 1, 2025, "baseline", 10.94),
    ("Tabel 4.5.1", "row 1 Tingkat Kemiskinan '10.50'", 1, 2026, "target", 10.50),
    ("Tabel 4.5.1", "row 1 Tingkat Kemiskinan '9.99'", 1, 2029, "target", 9.99),
    ("Tabel 4.5.1", "row 2 PPKS Mandiri baseline '0,42'", 2, 2027, "baseline", 0.42),
    ("Tabel 4.5.1", "row 2 PPKS Mandiri '1,08'", 2, 2025, "target", 1.08),
    ("Tabel 4.5.1", "row 2 PPKS Mandiri '1,14'", 2, 2028, "target", 1.14),
    ("Tabel 4.5.1", "row 3 IPG baseline '84,06'", 3, 2025, "baseline", 84.06),
    ("Tabel 4.5.1", "row 3 IPG '84,66'", 3, 2027, "target", 84.66),
    ("Tabel 4.5.1", "row 4 IKG baseline '0.39'", 4, 2025, "baseline", 0.39),
    ("Tabel 4.5.1", "row 4 IKG '0.33'", 4, 2028, "target", 0.33),
    ("Tabel 4.5.1", "row 5 Rasio kekerasan anak baseline '45,29'", 5, 2025, "baseline", 45.29),
    ("Tabel 4.5.1", "row 5 Rasio kekerasan anak '42:100000'", 5, 2025, "target", 42),
    ("Tabel 4.5.1", "row 5 Rasio kekerasan anak '42:100000' per", 5, 2025, "per", 100000),
    ("Tabel 4.5.1", "row 5 Rasio kekerasan anak '36:100000'", 5, 2028, "target", 36),
    ("Tabel 4.5.1", "row 4 IKG has no per", 4, 2025, "per", NA),
    ("Tabel 4.5.1", "row 6 AKIP baseline 'BB (71,30)' grade", 6, 2025, "baseline_grade", "BB"),
    ("Tabel 4.5.1", "row 6 AKIP baseline 'BB (71,30)' value", 6, 2025, "baseline", 71.30),
    ("Tabel 4.5.1", "row 6 AKIP 2025 'BB (71,30)'", 6, 2025, "target", 71.30),
    ("Tabel 4.5.1", "row 6 AKIP 2026 'BB (74,00)'", 6, 2026, "target", 74),
    ("Tabel 4.5.1", "row 6 AKIP 2028 'BB (78,00)' grade", 6, 2028, "target_grade", "BB"),
    ("Tabel 4.5.1", "row 6 AKIP 2029 'A (81,00)' grade", 6, 2029, "target_grade", "A"),
    ("Tabel 4.5.1", "row 6 AKIP 2029 'A (81,00)' (last cell)", 6, 2029, "target", 81),
    ("Tabel 4.5.1", "row 1 baseline year not stated", 1, 2025, "baseline_tahun", NA),
    ("Tabel 4.5.1", "row 5 indikator as printed ('Rasi')", 5, 2026, "indikator", "Rasi Kekerasan Terhadap Anak"),
]


@pytest.mark.parametrize("table,row,no,tahun,column,expected", IKU_CASES, ids=_ids(IKU_CASES))
def test_iku_cells(table, row, no, tahun, column, expected):
    frame = load("4_5_1_iku_target")
    assert _same(_cell(frame, column, no=no, tahun=tahun), expected)


def test_iku_shape():
    frame = load("4_5_1_iku_target")
    assert len(frame) == 30
    assert sorted(frame["tahun"].unique()) == YEARS
    # baseline is one figure per indikator, repeated on each year's row
    assert (frame.groupby("no")["baseline"].nunique() == 1).all()


# --------------------------------------------------------------------------------------------
# Tabel 4.6 Indikator Kinerja Kunci (IKK) (lines 1619-1630)
# --------------------------------------------------------------------------------------------
IKK_CASES = [
    ("Tabel 4.6", "row 1 disabilitas/anak/lansia/gepeng (first cell)", 1, 2025, "target", 100),
    ("Tabel 4.6", "row 1 satuan '%'", 1, 2025, "satuan", "%"),
    ("Tabel 4.6", "row 2 korban bencana", 2, 2027, "target", 100),
    ("Tabel 4.6", "row 3 ARG '8,21'", 3, 2025, "target", 8.21),
    ("Tabel 4.6", "row 3 ARG '8,41'", 3, 2027, "target", 8.41),
    ("Tabel 4.6", "row 3 ARG '8,61'", 3, 2029, "target", 8.61),
    ("Tabel 4.6", "row 4 anak korban kekerasan", 4, 2028, "target", 100),
    ("Tabel 4.6", "row 5 rasio KtP '3,69'", 5, 2025, "target", 3.69),
    ("Tabel 4.6", "row 5 rasio KtP '3,39'", 5, 2028, "target", 3.39),
    ("Tabel 4.6", "row 5 satuan 'Rasio'", 5, 2028, "satuan", "rasio"),
    ("Tabel 4.6", "row 5 rasio KtP '3,29' (last cell)", 5, 2029, "target", 3.29),
    ("Tabel 4.6", "row 3 indikator as printed", 3, 2026, "indikator", "Persentase ARG pada belanja langsung APBD"),
]


@pytest.mark.parametrize("table,row,no,tahun,column,expected", IKK_CASES, ids=_ids(IKK_CASES))
def test_ikk_cells(table, row, no, tahun, column, expected):
    frame = load("4_6_ikk_target")
    assert _same(_cell(frame, column, no=no, tahun=tahun), expected)


def test_ikk_shape():
    frame = load("4_6_ikk_target")
    assert len(frame) == 25
    assert sorted(frame["tahun"].unique()) == YEARS


# --------------------------------------------------------------------------------------------
# Tabel 4.7 Target Standar Pelayanan Minimal (SPM) (lines 1634-1706)
# --------------------------------------------------------------------------------------------
SPM_CASES = [
    # (table, row, row_id, tahun, column, expected)
    ("Tabel 4.7", "SPM 1 disabilitas terlantar (first cell)", "1", 2025, "target", 100),
    ("Tabel 4.7", "SPM 1 Tahun Dasar 2024", "1", 2025, "baseline", 100),
    ("Tabel 4.7", "SPM 1 satuan 'Persen'", "1", 2025, "satuan", "%"),
    ("Tabel 4.7", "SPM 1 layanan 1) baseline", "1.1", 2025, "baseline", 270),
    ("Tabel 4.7", "SPM 1 layanan 1) 2025", "1.1", 2025, "target", 236),
    ("Tabel 4.7", "SPM 1 layanan 1) 2026", "1.1", 2026, "target", 150),
    ("Tabel 4.7", "SPM 1 layanan 1) 2027", "1.1", 2027, "target", 300),
    ("Tabel 4.7", "SPM 1 layanan 1) uraian as printed", "1.1", 2025, "uraian", "Layanan data dan pengaduan layanan data"),
    ("Tabel 4.7", "SPM 1 layanan 9) NIK baseline", "1.9", 2025, "baseline", 3),
    ("Tabel 4.7", "SPM 1 layanan 10) 2029", "1.10", 2029, "target", 1),
    ("Tabel 4.7", "SPM 1 layanan 11) 2026", "1.11", 2026, "target", 150),
    ("Tabel 4.7", "SPM 1 layanan 13) rujukan", "1.13", 2028, "target", 1),
    ("Tabel 4.7", "SPM 2 anak terlantar", "2", 2026, "target", 100),
    ("Tabel 4.7", "SPM 2 layanan 8) NIK baseline", "2.8", 2025, "baseline", 303),
    ("Tabel 4.7", "SPM 2 layanan 10) 2027", "2.10", 2027, "target", 263),
    ("Tabel 4.7", "SPM 2 layanan 11) reunifikasi baseline", "2.11", 2025, "baseline", 303),
    ("Tabel 4.7", "SPM 2 layanan 11) reunifikasi 2025", "2.11", 2025, "target", 1),
    ("Tabel 4.7", "SPM 2 layanan 12) rujukan baseline", "2.12", 2025, "baseline", 1),
    ("Tabel 4.7", "SPM 3 lansia layanan 1) 2025", "3.1", 2025, "target", 132),
    ("Tabel 4.7", "SPM 3 lansia layanan 1) 2027", "3.1", 2027, "target", 150),
    ("Tabel 4.7", "SPM 3 lansia layanan 9) NIK baseline", "3.9", 2025, "baseline", 1),
    ("Tabel 4.7", "SPM 3 lansia layanan 13) baseline", "3.13", 2025, "baseline", 300),
    ("Tabel 4.7", "SPM 3 lansia layanan 13) 2029", "3.13", 2029, "target", 5),
    ("Tabel 4.7", "SPM 4 gepeng (after page break)", "4", 2025, "baseline", 100),
    ("Tabel 4.7", "SPM 4 layanan 1) baseline", "4.1", 2025, "baseline", 8),
    ("Tabel 4.7", "SPM 4 layanan 1) 2025", "4.1", 2025, "target", 10),
    ("Tabel 4.7", "SPM 4 layanan 3) uraian typo kept", "4.3", 2025, "uraian", "Penyediaan permakanaan"),
    ("Tabel 4.7", "SPM 4 layanan 12) 2029", "4.12", 2029, "target", 3),
    ("Tabel 4.7", "SPM 5 bencana baseline '80'", "5", 2025, "baseline", 80),
    ("Tabel 4.7", "SPM 5 bencana 2025", "5", 2025, "target", 100),
    ("Tabel 4.7", "SPM 5 layanan 1) 2025", "5.1", 2025, "target", 90),
    ("Tabel 4.7", "SPM 5 layanan 1) 2026", "5.1", 2026, "target", 300),
    ("Tabel 4.7", "SPM 5 layanan 1) kondisi", "5.1", 2026, "kondisi_bencana", "Terjadi Bencana"),
    ("Tabel 4.7", "SPM 5 layanan 4) printed 0 is 0", "5.4", 2025, "baseline", 0),
    ("Tabel 4.7", "SPM 5 layanan 5) psikososial baseline", "5.5", 2025, "baseline", 56),
    ("Tabel 4.7", "SPM 5 tidak terjadi bencana row satuan", "5.tb1", 2025, "satuan", "kab/kota"),
    ("Tabel 4.7", "SPM 5 tidak terjadi bencana row kondisi", "5.tb1", 2025, "kondisi_bencana",
     "Tidak Terjadi Bencana (100% dengan catatan melakukan 3 tahapan)"),
    ("Tabel 4.7", "SPM 5 tidak terjadi bencana row baseline blank", "5.tb1", 2025, "baseline", NA),
    ("Tabel 4.7", "SPM 5 tidak terjadi bencana row 2029 (last cell, blank)", "5.tb1", 2029, "target", NA),
]


@pytest.mark.parametrize("table,row,row_id,tahun,column,expected", SPM_CASES, ids=_ids(SPM_CASES))
def test_spm_cells(table, row, row_id, tahun, column, expected):
    frame = load("4_7_spm_target")
    assert _same(_cell(frame, column, row_id=row_id, tahun=tahun), expected)


def test_spm_shape():
    frame = load("4_7_spm_target")
    assert len(frame) == 61 * 5
    items = frame.drop_duplicates("row_id")
    assert (items["level"] == "spm").sum() == 5
    # layanan per SPM indicator as printed: 13, 12, 13, 12 and 5 + 1 unnumbered
    assert items[items["level"] == "layanan"].groupby("parent_id").size().to_dict() == {
        "1": 13, "2": 12, "3": 13, "4": 12, "5": 6}
    assert set(frame["baseline_tahun"]) == {2024}


# --------------------------------------------------------------------------------------------
# Polarity (not printed; decided from /work/shared/design/domain.md, logged in the assumptions)
# --------------------------------------------------------------------------------------------
POLARITY_CASES = [
    ("Tabel 4.5.1", "row 1 Tingkat Kemiskinan", "4_5_1_iku_target", 1, "turun"),
    ("Tabel 4.5.1", "row 2 Persentase PPKS Mandiri", "4_5_1_iku_target", 2, "naik"),
    ("Tabel 4.5.1", "row 3 Indeks Pembangunan Gender", "4_5_1_iku_target", 3, "naik"),
    ("Tabel 4.5.1", "row 4 Indeks Ketimpangan Gender", "4_5_1_iku_target", 4, "turun"),
    ("Tabel 4.5.1", "row 5 Rasio Kekerasan Terhadap Anak", "4_5_1_iku_target", 5, "turun"),
    ("Tabel 4.5.1", "row 6 Nilai AKIP", "4_5_1_iku_target", 6, "naik"),
    ("Tabel 4.6", "row 1 SPM rehabilitasi sosial %", "4_6_ikk_target", 1, "naik"),
    ("Tabel 4.6", "row 2 korban bencana %", "4_6_ikk_target", 2, "naik"),
    ("Tabel 4.6", "row 3 Persentase ARG", "4_6_ikk_target", 3, "naik"),
    ("Tabel 4.6", "row 4 anak korban kekerasan ditangani %", "4_6_ikk_target", 4, "naik"),
    ("Tabel 4.6", "row 5 Rasio kekerasan terhadap perempuan", "4_6_ikk_target", 5, "turun"),
]


@pytest.mark.parametrize("table,row,table_id,no,expected", POLARITY_CASES, ids=[f"{c[0]}|{c[1]}" for c in POLARITY_CASES])
def test_polaritas(table, row, table_id, no, expected):
    frame = load(table_id)
    assert set(frame.loc[frame["no"] == no, "polaritas"]) == {expected}


def test_spm_polaritas_all_naik():
    assert set(load("4_7_spm_target")["polaritas"]) == {"naik"}


def test_polaritas_agrees_with_target_trend():
    """A 'turun' indicator's target must not rise from 2025 to 2029, a 'naik' one must not fall."""
    for table_id in ("4_5_1_iku_target", "4_6_ikk_target"):
        frame = load(table_id)
        for no, g in frame.groupby("no"):
            g = g.set_index("tahun")["target"]
            pol = set(frame.loc[frame["no"] == no, "polaritas"]).pop()
            if pol == "turun":
                assert g[2029] <= g[2025], (table_id, no)
            else:
                assert g[2029] >= g[2025], (table_id, no)


# --------------------------------------------------------------------------------------------
# Printed end-of-period values ("Kondisi Kinerja ... Akhir Periode Renstra") vs the base figures
# --------------------------------------------------------------------------------------------
#: Units whose end-of-period value is the sum over the years (domain.md); all others take the
#: final year's value (percentages, indices, rates, scores).
COUNT_UNITS = {"orang", "jiwa", "unit", "dokumen", "laporan", "paket", "lembaga", "kegiatan",
               "keluarga", "kk", "kpm", "desa", "kecamatan"}

#: (table_id, row) -> (printed, recomputed) for the end-of-period values the document got wrong.
EXPECTED_MISMATCHES: dict = {}

PRINTED_AKHIR = [
    # (table, row, table_id, no, printed verbatim, value)
    ("Tabel 4.5.1", "row 1", "4_5_1_iku_target", 1, "9.99", 9.99),
    ("Tabel 4.5.1", "row 2", "4_5_1_iku_target", 2, "1,16", 1.16),
    ("Tabel 4.5.1", "row 3", "4_5_1_iku_target", 3, "85,06", 85.06),
    ("Tabel 4.5.1", "row 4", "4_5_1_iku_target", 4, "0.32", 0.32),
    ("Tabel 4.5.1", "row 5", "4_5_1_iku_target", 5, "34:100000", 34),
    ("Tabel 4.5.1", "row 6", "4_5_1_iku_target", 6, "A (81,00)", 81),
    ("Tabel 4.6", "row 1", "4_6_ikk_target", 1, "100", 100),
    ("Tabel 4.6", "row 2", "4_6_ikk_target", 2, "100", 100),
    ("Tabel 4.6", "row 3", "4_6_ikk_target", 3, "8,61", 8.61),
    ("Tabel 4.6", "row 4", "4_6_ikk_target", 4, "100", 100),
    ("Tabel 4.6", "row 5", "4_6_ikk_target", 5, "3,29", 3.29),
]


@pytest.mark.parametrize("table,row,table_id,no,printed,value", PRINTED_AKHIR,
                         ids=[f"{c[0]}|{c[1]}|target_akhir" for c in PRINTED_AKHIR])
def test_printed_akhir_transcribed(table, row, table_id, no, printed, value):
    p = load_printed(table_id)
    hit = p[(p["row"] == str(no)) & (p["column"] == "target_akhir")]
    assert len(hit) == 1
    assert hit["printed"].iloc[0] == printed
    assert math.isclose(float(hit["value"].iloc[0]), value, abs_tol=1e-9)
    assert pd.isna(hit["tahun"].iloc[0])


def _recompute_akhir(frame):
    out = {}
    for no, g in frame.groupby("no"):
        unit = g["satuan"].iloc[0]
        if unit in COUNT_UNITS:
            out[no] = float(g["target"].sum())
        else:
            out[no] = float(g.loc[g["tahun"] == g["tahun"].max(), "target"].iloc[0])
    return out


def test_printed_akhir_against_base():
    mismatches = {}
    checked = 0
    for table_id in ("4_5_1_iku_target", "4_6_ikk_target"):
        recomputed = _recompute_akhir(load(table_id))
        printed = load_printed(table_id)
        printed = printed[printed["column"] == "target_akhir"]
        assert len(printed) == len(recomputed)
        for _, r in printed.iterrows():
            got = recomputed[int(r["row"])]
            checked += 1
            if not math.isclose(got, float(r["value"]), abs_tol=1e-9):
                mismatches[(table_id, r["row"])] = (r["printed"], got)
    assert checked == 11
    assert mismatches == EXPECTED_MISMATCHES


def test_akip_akhir_grade_matches_2029_grade():
    p = load_printed("4_5_1_iku_target")
    note = p[(p["row"] == "6") & (p["column"] == "target_akhir")]["note"].iloc[0]
    frame = load("4_5_1_iku_target")
    assert f"grade {_cell(frame, 'target_grade', no=6, tahun=2029)} " in note


def test_no_printed_files_for_tables_without_derived_figures():
    assert len(load_printed("4_4_1_subkegiatan_prioritas")) == 0
    assert len(load_printed("4_7_spm_target")) == 0
