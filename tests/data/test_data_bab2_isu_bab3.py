"""Transcription fidelity of Bab II sections 2.4-2.6 and Bab III.

Tables: 2.4 PPKS types (2_4_jenis_ppks), 2.5 PSKS types (2_5_jenis_psks), 2.6.1 problem list
(2_6_permasalahan), Tabel 2.6.1 (2_6_1_isu_strategis), Tabel 3.2.1 (3_2_1_tujuan_sasaran),
Tabel 3.2.2 (3_2_2_cascading) and Tabel 3.3.1 (3_3_1_strategi_kebijakan).

Expected values below were copied by hand from the source text
(renstra-dinsos-pppa-batubara-2025-2029.txt, lines 946-1309) and converted to machine style;
they are not generated from the CSVs. None of these tables prints a derived figure (no totals,
no end-of-period column), so there is no printed/ file to reconcile; the cross-table check
against Tabel 4.5.1 carries its own EXPECTED_MISMATCHES. Quirks are explained in
docs/assumptions/bab2-isu-bab3.md.
"""
import math

import pandas as pd
import pytest

from support import cell as _cell, same_value as _same
from helpers.core.data import load, load_printed

NA = None  # blank cell


def _ids(cases):
    return [f"{c[0]}|{c[1]}|{c[-2]}" for c in cases]


# --------------------------------------------------------------------------------------------
# 2.4 PPKS types (lines 950-1166)
# --------------------------------------------------------------------------------------------
PPKS_CASES = [
    # (table, row, no, column, expected)
    ("2.4 PPKS", "no 1 (first cell)", 1, "nama", "Anak Balita Telantar"),
    ("2.4 PPKS", "no 1 definisi starts", 1, "definisi",
     "adalah se anak berusia 5 (lima) tahun ke bawah yang ditelantarkan tuanya dan/atau berada di "
     "dalam keluarga tidak mampu oleh tua/keluarga yang tidak memberikan pengasuhan, perawatan, "
     "pembinaan dan perlindungan bagi anak sehingga hak-hak dasarnya semakin tidak terpenuhi serta "
     "anak dieksploitasi untuk tujuan tertentu."),
    ("2.4 PPKS", "no 3 kriteria", 3, "kriteria", "disangka; | didakwa; atau | dijatuhi pidana"),
    ("2.4 PPKS", "no 6 bold part only", 6, "nama", "Anak Yang Menjadi Korban Tindak Kekerasan"),
    ("2.4 PPKS", "no 6 kriteria (bullet split on lines 992-993 joined)", 6, "kriteria",
     "anak (laki-laki/perempuan) dibawah usia 18 (delapan belas) tahun; | sering mendapat perlakuan "
     "kasar dan kejam dan tindakan yang berakibat secara fisik dan/atau psikologis; | pernah dianiaya "
     "dan/atau diperkosa; dan | dipaksa bekerja (tidak atas kemauannya)"),
    ("2.4 PPKS", "no 8 Telantar", 8, "nama", "Lanjut Usia Telantar"),
    ("2.4 PPKS", "no 15 nama", 15, "nama", "Bekas Warga Binaan Lembaga Pemasyarakatan (BWBLP)"),
    ("2.4 PPKS", "no 16 definisi (wrapped line 1055 joined)", 16, "definisi",
     "adalah seseorang yang telah dinyatakan terinfeksi HIV/AIDS dan membutuhkan pelayanan sosial, "
     "perawatan kesehatan, dukungan dan pengobatan untuk mencapai kualitas hidup yang optimal."),
    ("2.4 PPKS", "no 21 kriteria with lead-in and letters", 21, "kriteria",
     "Seseorang atau sekelompok yang mengalami: | a. korban terluka atau meninggal; | b. kerugian "
     "harta benda; | c. dampak psikologis; dan | d. terganggu dalam melaksanakan fungsi sosialnya."),
    ("2.4 PPKS", "no 24 Fakir Miskin", 24, "nama", "Fakir Miskin"),
    ("2.4 PPKS", "no 26 (last row) nama", 26, "nama", "Komunitas Adat Terpencil"),
]


@pytest.mark.parametrize("table,row,no,column,expected", PPKS_CASES, ids=_ids(PPKS_CASES))
def test_ppks_cells(table, row, no, column, expected):
    assert _same(_cell(load("2_4_jenis_ppks"), column, no=no), expected)


def test_ppks_last_cell():
    """2.4 PPKS, no 26 (last cell): the last kriteria item (line 1166)."""
    kriteria = _cell(load("2_4_jenis_ppks"), "kriteria", no=26).split(" | ")
    assert len(kriteria) == 7
    assert kriteria[-1] == "terbatasnya akses pelayanan sosial ekonomi dan politik."
    assert kriteria[0] == "berbentuk komunitas relatif kecil, tertutup dan homogen;"


def test_ppks_has_26_types():
    frame = load("2_4_jenis_ppks")
    assert len(frame) == 26
    assert list(frame["no"]) == list(range(1, 27))
    assert frame["nama"].is_unique
    assert frame["definisi"].notna().all() and frame["kriteria"].notna().all()
    assert frame["definisi"].str.contains("adalah").all()


# Hand-made mapping section 2.4 -> Tabel 2.3.2 (lines 637-662), only the non-identical names
# and the reordered rows; every other type has the same name and number in both.
PPKS_MAPPING = {
    1: (1, "Anak Balita Terlantar"),
    3: (3, "Anak Berhadapan Dengan Hukum"),
    5: (5, "Anak Dengan Kedisabilitas"),
    6: (6, "Anak Korban Tindak Kekerasan"),
    7: (7, "Anak yang Memerlukan Perlindungan Khusus"),
    8: (8, "Lanjut Usia Terlantar"),
    15: (15, "Bekas Warga Binaan Lembaga Pemasarakatan (BWBLP) (BWBLP)"),
    16: (16, "Dengan HIV/AIDS (ODHA)"),
    20: (20, "Pekerja Migran Bermasalah Sosial"),
    23: (23, "Perempuan Rawan Sosial Ekonomi (PRSE/WARSE)"),
    24: (26, "Fakir Miskin"),
    25: (24, "Keluarga Bermasalah Sosial Psikologis"),
    26: (25, "Komunitas Adat Terpencil"),
}


@pytest.mark.parametrize("no", sorted(PPKS_MAPPING), ids=[f"2.4 no {n} -> Tabel 2.3.2" for n in sorted(PPKS_MAPPING)])
def test_ppks_mapping_non_exact(no):
    frame = load("2_4_jenis_ppks")
    assert (_cell(frame, "no_tabel_2_3_2", no=no), _cell(frame, "nama_tabel_2_3_2", no=no)) == PPKS_MAPPING[no]


def test_ppks_mapping_exact_elsewhere():
    """Outside PPKS_MAPPING the name and number are the same in 2.4 and Tabel 2.3.2."""
    frame = load("2_4_jenis_ppks")
    rest = frame[~frame["no"].isin(list(PPKS_MAPPING))]
    assert len(rest) == 13
    assert (rest["nama"] == rest["nama_tabel_2_3_2"]).all()
    assert (rest["no"] == rest["no_tabel_2_3_2"]).all()
    # and every entry of PPKS_MAPPING except the reordered 24 Fakir Miskin is a real name difference
    mapped = frame[frame["no"].isin(list(PPKS_MAPPING))]
    differs = set(mapped.loc[mapped["nama"] != mapped["nama_tabel_2_3_2"], "no"])
    assert differs == set(PPKS_MAPPING) - {24, 25, 26}


def test_ppks_join_with_tabel_2_3_2_covers_all_26():
    types = load("2_4_jenis_ppks")
    counts = load("2_3_2_ppks")
    joined = types.merge(counts, left_on=["no_tabel_2_3_2", "nama_tabel_2_3_2"], right_on=["no", "jenis"],
                         how="inner", suffixes=("", "_232"))
    assert joined["no"].nunique() == 26
    assert set(joined["no_232"]) == set(range(1, 27))  # a bijection onto the 26 rows of Tabel 2.3.2
    assert len(joined) == 26 * 6  # 2019-2024
    # spot check through the join: 2.4 no 24 Fakir Miskin, 2024 = '58.810' (line 663)
    hit = joined[(joined["nama"] == "Fakir Miskin") & (joined["tahun"] == 2024)]
    assert hit["jumlah"].tolist() == [58810]


# --------------------------------------------------------------------------------------------
# 2.5 PSKS types (lines 1172-1184)
# --------------------------------------------------------------------------------------------
PSKS_CASES = [
    ("2.5 PSKS", "no 1 (first cell)", 1, "nama", "Penyuluh Sosial"),
    ("2.5 PSKS", "no 3", 3, "nama", "Tenaga Kesejahteraan Sosial Kecamatan (TKSK)"),
    ("2.5 PSKS", "no 4 without definition", 4, "nama", "Pendamping Program Keluarga Harapan (PKH)"),
    ("2.5 PSKS", "no 4 without definition", 4, "definisi", NA),
    ("2.5 PSKS", "no 6 Mojokerto kept", 6, "definisi",
     "yaitu Relawan yang terlatih dalam penanggulangan bencana, berperan dalam kesiapsiagaan, tanggap "
     "darurat, dan rehabilitasi pascabencana di wilayah Kabupaten Mojokerto."),
    ("2.5 PSKS", "no 10", 10, "nama", "Keluarga Pioner"),
    ("2.5 PSKS", "no 12", 12, "nama", "Wanita Pemimpin Kesejahteraan Sosial (WPKS)"),
    ("2.5 PSKS", "no 13 (last row)", 13, "nama", "Dunia Usaha"),
    ("2.5 PSKS", "no 13 (last cell)", 13, "definisi",
     "yaitu perusahaan dan pelaku usaha yang berkontribusi dalam program kesejahteraan sosial melalui "
     "Corporate Social Responsibility (CSR) dan kemitraan dengan pemerintah daerah."),
]


@pytest.mark.parametrize("table,row,no,column,expected", PSKS_CASES, ids=_ids(PSKS_CASES))
def test_psks_cells(table, row, no, column, expected):
    assert _same(_cell(load("2_5_jenis_psks"), column, no=no), expected)


def test_psks_count_is_13_and_no_kriteria():
    frame = load("2_5_jenis_psks")
    assert list(frame["no"]) == list(range(1, 14))
    assert frame["kriteria"].isna().all()
    assert frame["definisi"].isna().sum() == 1


# --------------------------------------------------------------------------------------------
# 2.6.1 problem list (lines 1196-1202) and Tabel 2.6.1 (lines 1214-1217)
# --------------------------------------------------------------------------------------------
PERMASALAHAN_CASES = [
    ("2.6.1 Permasalahan", "no 1 (first)", 1,
     "Masih banyaknya Jumlah Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) di Kabupaten Batu Bara."),
    ("2.6.1 Permasalahan", "no 2 (no final period)", 2,
     "Masih banyaknya penyandang disabilitas, anak terlantar, lanjut usia serta gelandangan dan pengemis di Kabupaten Batu Bara"),
    ("2.6.1 Permasalahan", "no 3", 3, "Masih kurangnya tenaga potensi sumber kesejahteraan sosial khususnya pendamping sosial."),
    ("2.6.1 Permasalahan", "no 4", 4, "Rendahnya keterampilan untuk meningkatkan ekonomi keluarga."),
    ("2.6.1 Permasalahan", "no 5", 5, "Masih tingginya kekerasan terhadap anak."),
    ("2.6.1 Permasalahan", "no 6", 6,
     "Terjadi berbagai praktik buruk yang mengancam hak-hak anak seperti pekerja anak dan anak berhadapan dengan hukum."),
    ("2.6.1 Permasalahan", "no 7 (last)", 7, "Masih ditemukannya perkawinan pada usia anak."),
]


@pytest.mark.parametrize("table,row,no,expected", PERMASALAHAN_CASES, ids=[f"{c[0]}|{c[1]}" for c in PERMASALAHAN_CASES])
def test_permasalahan(table, row, no, expected):
    frame = load("2_6_permasalahan")
    assert len(frame) == 7
    assert _cell(frame, "permasalahan", no=no) == expected


ISU_CASES = [
    ("Tabel 2.6.1", "row 1 (first cell)", 1, "potensi",
     "Belum optimalnya penanganan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) untuk Penanganan Fakir Miskin"),
    ("Tabel 2.6.1", "row 1", 1, "permasalahan", "Banyaknya Jumlah PPKS"),
    ("Tabel 2.6.1", "row 1", 1, "isu_global", "Penanggulangan Kemiskinan Dan Kelaparan"),
    ("Tabel 2.6.1", "row 1", 1, "isu_regional", "Penanganan Kemiskinan, Pemberdayaan Sosial, Dan Perlindungan Sosial"),
    ("Tabel 2.6.1", "row 2", 2, "isu_klhs",
     "Persentase korban kekerasan terhadap perempuan dan Anak yang mendapat layanan komprehensif."),
    ("Tabel 2.6.1", "row 2", 2, "isu_nasional",
     "Kekerasan Berbasis Gender Online, keterbatasan akses pendidikan bagi anak Perempuan yang menjadi korban kekerasan"),
    ("Tabel 2.6.1", "row 2", 2, "isu_regional", "Angka kekerasan terhadap perempuan dan anak masih tinggi"),
    ("Tabel 2.6.1", "row 2 (last cell)", 2, "isu_strategis", "Meningkatnya Kesetaraan Gender Dan Perlindungan Anak"),
]


@pytest.mark.parametrize("table,row,no,column,expected", ISU_CASES, ids=_ids(ISU_CASES))
def test_isu_strategis_cells(table, row, no, column, expected):
    frame = load("2_6_1_isu_strategis")
    assert len(frame) == 2
    assert _cell(frame, column, no=no) == expected


def test_isu_strategis_are_the_sasaran_of_tabel_3_2_1():
    isu = set(load("2_6_1_isu_strategis")["isu_strategis"])
    sasaran = set(load("3_2_1_tujuan_sasaran")["sasaran"])
    assert isu <= sasaran


# --------------------------------------------------------------------------------------------
# Tabel 3.2.1 (lines 1242-1249)
# --------------------------------------------------------------------------------------------
TUJUAN = "Menurunnya Kemiskinan Dan Ketimpangan Gender Serta Meningkatkan Akuntabilitas Kinerja Pemerintah Daerah"
T321_CASES = [
    # (table, row, row_id, tahun, column, expected)
    ("Tabel 3.2.1", "row 1 Tingkat Kemiskinan (first cell, '10.68')", 1, 2025, "target", 10.68),
    ("Tabel 3.2.1", "row 1 Tingkat Kemiskinan '9.99'", 1, 2029, "target", 9.99),
    ("Tabel 3.2.1", "row 1 tujuan", 1, 2025, "tujuan", TUJUAN),
    ("Tabel 3.2.1", "row 2 PPKS Mandiri '1,08' (decimal comma)", 2, 2025, "target", 1.08),
    ("Tabel 3.2.1", "row 2 PPKS Mandiri '1,16'", 2, 2029, "target", 1.16),
    ("Tabel 3.2.1", "row 2 tujuan filled down", 2, 2027, "tujuan", TUJUAN),
    ("Tabel 3.2.1", "row 2 indikator_tujuan filled down", 2, 2027, "indikator_tujuan", "Tingkat Kemiskinan"),
    ("Tabel 3.2.1", "row 2 sasaran filled down", 2, 2026, "sasaran", "Meningkatnya Kesejahteraan Sosial Yang Inklusif"),
    ("Tabel 3.2.1", "row 3 IPG '84,46'", 3, 2026, "target", 84.46),
    ("Tabel 3.2.1", "row 3 indikator_tujuan", 3, 2026, "indikator_tujuan", "Indeks Ketimpangan Gender"),
    ("Tabel 3.2.1", "row 4 IKG '0.35' (decimal point)", 4, 2027, "target", 0.35),
    ("Tabel 3.2.1", "row 5 Rasio '38:100000'", 5, 2027, "target", 38),
    ("Tabel 3.2.1", "row 5 Rasio '38:100000'", 5, 2027, "per", 100000),
    ("Tabel 3.2.1", "row 5 sasaran filled down", 5, 2028, "sasaran", "Meningkatnya Kesetaraan Gender Dan Perlindungan Anak"),
    ("Tabel 3.2.1", "row 6 AKIP 'BB (73,00)'", 6, 2025, "target", 73),
    ("Tabel 3.2.1", "row 6 AKIP 'BB (73,00)'", 6, 2025, "target_grade", "BB"),
    ("Tabel 3.2.1", "row 6 AKIP 'BB (79,00)'", 6, 2028, "target", 79),
    ("Tabel 3.2.1", "row 6 AKIP 'A (81,00)' (last cell)", 6, 2029, "target_grade", "A"),
    ("Tabel 3.2.1", "row 6 AKIP 'A (81,00)' (last cell)", 6, 2029, "target", 81),
    ("Tabel 3.2.1", "row 6 no per", 6, 2029, "per", NA),
    ("Tabel 3.2.1", "row 6 sasaran", 6, 2029, "sasaran", "Meningkatnya Nilai Akuntabilitas Kinerja Perangkat Daerah"),
    ("Tabel 3.2.1", "row 6 indikator_tujuan", 6, 2029, "indikator_tujuan", "Nilai Evaluasi AKIP Opd"),
]


@pytest.mark.parametrize("table,row,row_id,tahun,column,expected", T321_CASES, ids=_ids(T321_CASES))
def test_tujuan_sasaran_cells(table, row, row_id, tahun, column, expected):
    assert _same(_cell(load("3_2_1_tujuan_sasaran"), column, row_id=row_id, tahun=tahun), expected)


def test_tujuan_sasaran_shape_and_readings():
    frame = load("3_2_1_tujuan_sasaran")
    assert len(frame) == 30
    assert frame["tujuan"].nunique() == 1 and (frame["no"] == 1).all()
    per_row = frame.drop_duplicates("row_id").set_index("row_id")
    assert list(per_row["sasaran_no"]) == [1, 1, 2, 2, 2, 3]
    assert list(per_row["satuan"]) == ["%", "%", "indeks", "indeks", "rasio", "skor"]
    assert list(per_row["polaritas"]) == ["turun", "naik", "naik", "turun", "turun", "naik"]
    assert frame.loc[frame["row_id"] != 6, "target_grade"].isna().all()
    assert frame.loc[frame["row_id"] != 5, "per"].isna().all()


def test_tujuan_sasaran_has_no_printed_figures():
    assert load_printed("3_2_1_tujuan_sasaran").empty
    assert load_printed("3_2_2_cascading").empty


# Cross-table: the same targets are printed again in Tabel 4.5.1 (IKU, lines 1608-1613).
# The AKIP targets differ: 3.2.1 prints BB (73,00)/(75,00)/(77,00)/(79,00), 4.5.1 prints
# BB (71,30)/(74,00)/(76,00)/(78,00). key -> (Tabel 3.2.1, Tabel 4.5.1)
EXPECTED_MISMATCHES_4_5_1 = {
    ("Nilai AKIP", 2025): (73.0, 71.3),
    ("Nilai AKIP", 2026): (75.0, 74.0),
    ("Nilai AKIP", 2027): (77.0, 76.0),
    ("Nilai AKIP", 2028): (79.0, 78.0),
}
IKU_ROW_321_TO_451 = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}  # same order in both tables


def test_targets_agree_with_tabel_4_5_1_except_known():
    t321 = load("3_2_1_tujuan_sasaran")
    t451 = load("4_5_1_iku_target")
    mismatches = {}
    compared = 0
    for _, r in t321.iterrows():
        other = t451[(t451["no"] == IKU_ROW_321_TO_451[int(r["row_id"])]) & (t451["tahun"] == r["tahun"])]
        assert len(other) == 1
        o = other.iloc[0]
        compared += 1
        assert r["satuan"] == o["satuan"] and r["polaritas"] == o["polaritas"]
        if not math.isclose(float(r["target"]), float(o["target"]), abs_tol=1e-9):
            mismatches[(r["indikator_sasaran"], int(r["tahun"]))] = (float(r["target"]), float(o["target"]))
    assert compared == 30
    assert mismatches == EXPECTED_MISMATCHES_4_5_1


# --------------------------------------------------------------------------------------------
# Tabel 3.2.2 Cascading (lines 1258-1290)
# --------------------------------------------------------------------------------------------
T322_CASES = [
    # (table, row, row_id, tahun, column, expected)
    ("Tabel 3.2.2", "row 1 line 1259 (first cell)", 1, 2025, "target", 6488),
    ("Tabel 3.2.2", "row 1 line 1259", 1, 2026, "target", 6483),
    ("Tabel 3.2.2", "row 1 line 1259", 1, 2025, "indikator_sasaran",
     "Persentase Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) Yang Mandiri"),
    ("Tabel 3.2.2", "row 1 line 1259", 1, 2025, "indikator_program",
     "Persentase Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) Yang Terpenuhi Kebutuhan Dasarnya"),
    ("Tabel 3.2.2", "row 3 line 1261", 3, 2027, "target", 100),
    ("Tabel 3.2.2", "row 3 line 1261 program filled down", 3, 2027, "program", "Program Rehabilitasi Sosial"),
    ("Tabel 3.2.2", "row 9 line 1269 after page break, kegiatan filled down", 9, 2025, "kegiatan",
     "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, "
     "serta Gelandangan Pengemis di Luar Panti Sosial"),
    ("Tabel 3.2.2", "row 9 line 1269", 9, 2029, "target", 263),
    ("Tabel 3.2.2", "row 10 line 1270", 10, 2025, "indikator_sasaran", "Tingkat Kemiskinan"),
    ("Tabel 3.2.2", "row 10 line 1270", 10, 2025, "target", 151),
    ("Tabel 3.2.2", "row 13 line 1273 indikator_sasaran filled down", 13, 2025, "indikator_sasaran", "Tingkat Kemiskinan"),
    ("Tabel 3.2.2", "row 13 line 1273", 13, 2025, "program", "Program Pemberdayaan Sosial"),
    ("Tabel 3.2.2", "row 16 line 1276 '100%'", 16, 2028, "target", 100),
    ("Tabel 3.2.2", "row 16 line 1276 '100%'", 16, 2028, "satuan", "%"),
    ("Tabel 3.2.2", "row 19 line 1279", 19, 2025, "sasaran", "Meningkatnya Kesetaraan Gender Dan Perlindungan Anak"),
    ("Tabel 3.2.2", "row 19 line 1279", 19, 2025, "target", 30),
    ("Tabel 3.2.2", "row 20 line 1282 program filled down across page break", 20, 2025, "program",
     "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan"),
    ("Tabel 3.2.2", "row 21 line 1283", 21, 2026, "target", 45),
    ("Tabel 3.2.2", "row 23 line 1285", 23, 2025, "sasaran", "Meningkatnya Akuntabilitas Kinerja OPD"),
    ("Tabel 3.2.2", "row 23 line 1285", 23, 2025, "target", 9),
    ("Tabel 3.2.2", "row 24 line 1286 '100%'", 24, 2029, "target", 100),
    ("Tabel 3.2.2", "row 28 line 1290 (last cell)", 28, 2029, "target", 12),
    ("Tabel 3.2.2", "row 28 line 1290 (last row) kegiatan", 28, 2029, "kegiatan",
     "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah"),
    ("Tabel 3.2.2", "row 28 line 1290 program filled down", 28, 2029, "program",
     "Program penunjang urusan pemerintahan daerah kabupaten/ kota"),
]


@pytest.mark.parametrize("table,row,row_id,tahun,column,expected", T322_CASES, ids=_ids(T322_CASES))
def test_cascading_cells(table, row, row_id, tahun, column, expected):
    assert _same(_cell(load("3_2_2_cascading"), column, row_id=row_id, tahun=tahun), expected)


# Full target rows (2025-2029) of Tabel 3.2.2 as printed, by source line.
T322_TARGETS = {
    1259: [6488, 6483, 4500, 4500, 4500], 1260: [250, 245, 300, 300, 300],
    1261: [2138, 2138, 100, 100, 100], 1262: [100] * 5, 1263: [4000] * 5, 1264: [3639] * 5,
    1265: [500] * 5, 1266: [25] * 5, 1269: [263] * 5, 1270: [151] * 5, 1271: [1700] * 5,
    1272: [1000] * 5, 1273: [13] * 5, 1274: [12] * 5, 1275: [1] * 5, 1276: [100] * 5,
    1277: [100] * 5, 1278: [26] * 5, 1279: [30] * 5, 1282: [1] * 5, 1283: [45] * 5,
    1284: [1] * 5, 1285: [9] * 5, 1286: [100] * 5, 1287: [12] * 5, 1288: [1] * 5,
    1289: [12] * 5, 1290: [12] * 5,
}


def test_cascading_all_targets():
    frame = load("3_2_2_cascading")
    got = {int(line): [int(v) for v in g.sort_values("tahun")["target"]]
           for line, g in frame.groupby("source_line")}
    assert got == T322_TARGETS


def test_cascading_tree_is_consistent():
    frame = load("3_2_2_cascading")
    assert len(frame) == 28 * 5 and frame["row_id"].nunique() == 28
    assert frame["tujuan"].nunique() == 1
    # every child node has exactly one parent
    for child, parent in [("kegiatan_no", "program_no"), ("program_no", "sasaran_no"),
                          ("kegiatan_no", "kegiatan"), ("program_no", "program"), ("program_no", "indikator_sasaran"),
                          ("kode_kegiatan", "kode_program"), ("row_id", "kegiatan_no")]:
        assert (frame.groupby(child)[parent].nunique() == 1).all(), (child, parent)
    assert frame["sasaran_no"].nunique() == 3 and frame["program_no"].nunique() == 8
    assert frame["kegiatan_no"].nunique() == 14
    # kegiatan codes sit under their program code
    assert all(k.startswith(p + ".") for k, p in zip(frame["kode_kegiatan"], frame["kode_program"]))
    # sasaran_no means the same sasaran in 3.2.1 and 3.2.2 (3.2.2 words sasaran 3 differently)
    s321 = load("3_2_1_tujuan_sasaran").drop_duplicates("sasaran_no").set_index("sasaran_no")["sasaran"]
    s322 = frame.drop_duplicates("sasaran_no").set_index("sasaran_no")["sasaran"]
    assert s321[1] == s322[1] and s321[2] == s322[2] and s321[3] != s322[3]


def test_cascading_satuan_readings():
    per_row = load("3_2_2_cascading").drop_duplicates("row_id").set_index("row_id")
    assert set(per_row.index[per_row["satuan_sumber"] == "dicetak"]) == {16, 24}
    assert set(per_row.index[per_row["satuan"].isna()]) == {13, 21}
    assert (per_row["satuan"].isna() == per_row["satuan_sumber"].isna()).all()
    assert (per_row["polaritas"] == "naik").all()


# --------------------------------------------------------------------------------------------
# Tabel 3.3.1 (lines 1299-1309)
# --------------------------------------------------------------------------------------------
T331_CASES = [
    ("Tabel 3.3.1", "row 1 line 1302 (first cell)", 1, "visi",
     "Mewujudkan Kabupaten Batu Bara Yang Berorientasi Pelayanan, Amanah, Harmonis, Akuntabel, Giat, "
     "Inovatif, Dan Adil Untuk Batu Bara Yang Bahagia"),
    ("Tabel 3.3.1", "row 1 line 1302", 1, "misi_no", 7),
    ("Tabel 3.3.1", "row 1 line 1302", 1, "no", 1),
    ("Tabel 3.3.1", "row 1 line 1302", 1, "strategi", "Melakukan Pelayanan Perlindungan, Jaminan, Dan Rehabilitasi Sosial PPKS"),
    ("Tabel 3.3.1", "row 1 line 1302", 1, "kebijakan",
     "Memberikan Bantuan Sosial Kesejahteraan Keluarga (PKH Bahagia) Dan Pengembangan Ekonomi Masyarakat"),
    ("Tabel 3.3.1", "row 3 line 1304 strategi filled down", 3, "strategi",
     "Melakukan Pelayanan Perlindungan, Jaminan, Dan Rehabilitasi Sosial PPKS"),
    ("Tabel 3.3.1", "row 3 line 1304 no not filled down", 3, "no", NA),
    ("Tabel 3.3.1", "row 5 line 1306 '2.' with blank tujuan", 5, "no", 2),
    ("Tabel 3.3.1", "row 5 line 1306 tujuan filled down", 5, "tujuan", TUJUAN),
    ("Tabel 3.3.1", "row 5 line 1306", 5, "sasaran", "Meningkatnya Kesetaraan Gender Dan Perlindungan Anak"),
    ("Tabel 3.3.1", "row 6 line 1307", 6, "strategi", "Penurunan Kekerasan Terhadap Perempuan Dan Anak"),
    ("Tabel 3.3.1", "row 7 line 1308 no number", 7, "no", NA),
    ("Tabel 3.3.1", "row 7 line 1308", 7, "sasaran_no", 3),
    ("Tabel 3.3.1", "row 7 line 1308", 7, "kebijakan", "Menyusun dokumen perencanaan, penganggaran dan evaluasi kinerja,"),
    ("Tabel 3.3.1", "row 8 line 1309 (last cell)", 8, "kebijakan",
     "Melaksanakan Administrasi Keuangan, Kepegawaian, dan Umum Perangkat Daerah"),
    ("Tabel 3.3.1", "row 8 line 1309 strategi filled down", 8, "strategi",
     "Meningkatnya Nilai Akuntabilitas Kinerja Perangkat Daerah"),
]


@pytest.mark.parametrize("table,row,row_id,column,expected", T331_CASES, ids=_ids(T331_CASES))
def test_strategi_cells(table, row, row_id, column, expected):
    assert _same(_cell(load("3_3_1_strategi_kebijakan"), column, row_id=row_id), expected)


def test_strategi_shape():
    frame = load("3_3_1_strategi_kebijakan")
    assert len(frame) == 8
    assert list(frame["sasaran_no"]) == [1, 1, 1, 1, 2, 2, 3, 3]
    assert frame["strategi"].nunique() == 4 and frame["kebijakan"].is_unique
    assert frame["tujuan"].nunique() == 1 and frame["misi"].nunique() == 1
