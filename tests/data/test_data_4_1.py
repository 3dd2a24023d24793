"""Transcription fidelity and roll-up tests of Tabel 4.1 (4_1_rencana_program).

Tabel 4.1 "Rencana Program, Kegiatan, Sub Kegiatan dan Pendanaan Perangkat Daerah", source lines
1373-1581 of renstra-dinsos-pppa-batubara-2025-2029.txt.

Expected values come from the document, not from the CSV:
  * SPOT_CELLS / SPOT_PRINTED: cells typed by hand from the source text (first cell, last cell and
    cells in between at every level, plus every layout quirk);
  * SOURCE: every data row of the table copied verbatim from the text export (tab-separated, keyed
    by source line; the header rows repeated at page breaks are left out). An independent parser
    below reads it, applies the layout fixes listed in docs/assumptions/bab4-rencana.md (and only
    those) and compares every cell with data/tables/ and data/printed/.
The roll-up tests recompute every printed pagu (kegiatan, program, bidang urusan, JUMLAH, each year
and the 5-year column) from the sub-kegiatan pagu with pandas. The document's wrong sums are listed
in EXPECTED_MISMATCHES; a new mismatch or a fixed one both fail.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.core.data import CODE_PATTERN, load, load_printed, printed_symbol

T = "4_1_rencana_program"
YEARS = (2025, 2026, 2027, 2028, 2029)
LEVELS = {2: "bidang_urusan", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
NA = None  # no value: a blank cell, or '-' in a target column (no target set)
NIHIL = 0  # '-' in an Rp column: nihil, a zero printed as a dash (schema: dash: nihil)

# Units: satuan as printed (lower-cased) -> unit of data/units.yaml.
SATUAN = {
    "skor": "skor", "dokumen": "dokumen", "laporan": "laporan", "%": "%", "persen": "%",
    "orang": "orang", "paket": "paket", "bulan": "bulan", "unit": "unit", "lembaga": "lembaga",
    "keluarga": "keluarga", "kegiatan": "kegiatan", "usulan": "usulan", "kebijakan": "kebijakan",
}

# --------------------------------------------------------------------------------------------
# Hand-typed cells of the base table: (table, row, kode, tahun, column, expected).
SPOT_CELLS = [
    ("Tabel 4.1", "line 1381 bidang urusan sosial (first cell)", "1.06", 2025, "uraian",
     "URUSAN PEMERINTAHAN B IDANG SOSIAL"),
    ("Tabel 4.1", "line 1381 bidang urusan sosial level", "1.06", 2025, "level", "bidang_urusan"),
    ("Tabel 4.1", "line 1381 bidang urusan sosial has no parent", "1.06", 2029, "parent_kode", NA),
    ("Tabel 4.1", "line 1382 program penunjang indikator", "1.06.01", 2025, "indikator", "NILAI AKIP"),
    ("Tabel 4.1", "line 1382 program penunjang satuan 'Skor'", "1.06.01", 2025, "satuan", "skor"),
    ("Tabel 4.1", "line 1382 program penunjang satuan as printed", "1.06.01", 2025, "satuan_teks", "Skor"),
    ("Tabel 4.1", "line 1382 program penunjang target 2025 '73'", "1.06.01", 2025, "target", 73),
    ("Tabel 4.1", "line 1382 program penunjang target 2029 '81'", "1.06.01", 2029, "target", 81),
    ("Tabel 4.1", "line 1382 program pagu is derived, not base", "1.06.01", 2025, "pagu", NA),
    ("Tabel 4.1", "line 1383 kegiatan 2.01 target 2026 '9'", "1.06.01.2.01", 2026, "target", 9),
    ("Tabel 4.1", "line 1383 kegiatan 2.01 parent", "1.06.01.2.01", 2026, "parent_kode", "1.06.01"),
    ("Tabel 4.1", "line 1384 sub 0001 pagu 2025 '4.300.000'", "1.06.01.2.01.0001", 2025, "pagu", 4_300_000),
    ("Tabel 4.1", "line 1384 sub 0001 parent", "1.06.01.2.01.0001", 2025, "parent_kode", "1.06.01.2.01"),
    ("Tabel 4.1", "line 1386 kegiatan 2.02 satuan '%'", "1.06.01.2.02", 2027, "satuan", "%"),
    ("Tabel 4.1", "line 1387 sub 2.02.0001 pagu 2026 '3.839.659.811'", "1.06.01.2.02.0001", 2026, "pagu",
     3_839_659_811),
    ("Tabel 4.1", "line 1390 sub 2.05.0002 target 2025 printed 0", "1.06.01.2.05.0002", 2025, "target", 0),
    ("Tabel 4.1", "line 1390 sub 2.05.0002 pagu 2025 '-'", "1.06.01.2.05.0002", 2025, "pagu", NIHIL),
    ("Tabel 4.1", "lines 1394+1400 indikator joined across the page break", "1.06.01.2.06.0002", 2025,
     "indikator", "Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan"),
    ("Tabel 4.1", "line 1404 uraian typo 'Penyetenggaraan' kept", "1.06.01.2.06.0009", 2025, "uraian",
     "Penyetenggaraan Rapat Koordinasi dan Konsultasi SKPD"),
    ("Tabel 4.1", "line 1411 sub 2.08.0004 pagu 2028 '650.000.000'", "1.06.01.2.08.0004", 2028, "pagu",
     650_000_000),
    ("Tabel 4.1", "line 1421 program pemberdayaan target 2025 '1.030'", "1.06.02", 2025, "target", 1030),
    ("Tabel 4.1", "line 1421 program pemberdayaan satuan 'orang'", "1.06.02", 2025, "satuan_teks", "orang"),
    ("Tabel 4.1", "line 1422 kegiatan printed '2,03'", "1.06.02.2.03", 2027, "target", 122),
    ("Tabel 4.1", "line 1426 sub 0016 target 2025 '1.000'", "1.06.02.2.03.0016", 2025, "target", 1000),
    ("Tabel 4.1", "line 1426 sub 0016 pagu 2025 blank", "1.06.02.2.03.0016", 2025, "pagu", NA),
    ("Tabel 4.1", "line 1426 sub 0016 target 2027 blank", "1.06.02.2.03.0016", 2027, "target", NA),
    ("Tabel 4.1", "line 1426 sub 0016 pagu 2027 '75.000.000'", "1.06.02.2.03.0016", 2027, "pagu", 75_000_000),
    ("Tabel 4.1", "line 1428 sub 0017 pagu 2026 '160.431.000'", "1.06.02.2.03.0017", 2026, "pagu", 160_431_000),
    ("Tabel 4.1", "line 1429 kegiatan printed '3,05' target 2025 '-'", "1.06.02.3.05", 2025, "target", NA),
    ("Tabel 4.1", "line 1430 sub 3.05.0001 pagu 2027 '70.000.000'", "1.06.02.3.05.0001", 2027, "pagu",
     70_000_000),
    ("Tabel 4.1", "line 1431 program rehabilitasi target 2026 '5.692'", "1.06.04", 2026, "target", 5692),
    ("Tabel 4.1", "line 1431 program rehabilitasi satuan 'persen'", "1.06.04", 2026, "satuan", "%"),
    ("Tabel 4.1", "line 1431 program rehabilitasi satuan as printed", "1.06.04", 2026, "satuan_teks", "persen"),
    ("Tabel 4.1", "line 1443 sub 2.01.0006 pagu 2025 '3.893.994.220'", "1.06.04.2.01.0006", 2025, "pagu",
     3_893_994_220),
    ("Tabel 4.1", "line 1443 sub 2.01.0006 target 2025 '6138'", "1.06.04.2.01.0006", 2025, "target", 6138),
    ("Tabel 4.1", "line 1459 pagu '50.000.000,00'", "1.06.04.2.02.0012", 2027, "pagu", 50_000_000),
    ("Tabel 4.1", "line 1461 program 1.06.05 satuan blank", "1.06.05", 2027, "satuan", NA),
    ("Tabel 4.1", "line 1463 sub 2.01.0001 all blank", "1.06.05.2.01.0001", 2027, "target", NA),
    ("Tabel 4.1", "line 1475 sub 2.02.0008 satuan 'Usulan'", "1.06.05.2.02.0008", 2027, "satuan", "usulan"),
    ("Tabel 4.1", "line 1475 sub 2.02.0008 target 2026 '-'", "1.06.05.2.02.0008", 2026, "target", NA),
    ("Tabel 4.1", "line 1489 sub 2.02.0007 satuan 'Keluarga'", "1.06.06.2.02.0007", 2027, "satuan", "keluarga"),
    ("Tabel 4.1", "line 1489 sub 2.02.0007 pagu 2029 '100.000.000'", "1.06.06.2.02.0007", 2029, "pagu",
     100_000_000),
    ("Tabel 4.1", "line 1490 bidang urusan PPPA target is derived", "2.08", 2025, "target", NA),
    ("Tabel 4.1", "line 1491 program PUG target 2027 '140'", "2.08.02", 2027, "target", 140),
    ("Tabel 4.1", "line 1492 kegiatan typo 'Pelebagaan' kept", "2.08.02.2.01", 2027, "uraian",
     "Pelebagaan Pengarusutamaan Gender (PUG) pada Lembaga Pemerintah Kewenangan Kabupaten/Kota"),
    ("Tabel 4.1", "line 1492 kegiatan indikator blank", "2.08.02.2.01", 2027, "indikator", NA),
    ("Tabel 4.1", "line 1503 sub 0005 pagu 2026 missing cell", "2.08.02.2.02.0005", 2026, "pagu", NA),
    ("Tabel 4.1", "line 1503 sub 0005 target 2027 (shifted cell) '1'", "2.08.02.2.02.0005", 2027, "target", 1),
    ("Tabel 4.1", "line 1503 sub 0005 pagu 2027 (shifted cell)", "2.08.02.2.02.0005", 2027, "pagu", 50_000_000),
    ("Tabel 4.1", "line 1503 sub 0005 pagu 2029 (shifted cell)", "2.08.02.2.02.0005", 2029, "pagu", 84_000_000),
    ("Tabel 4.1", "line 1505 sub 2.03.0002 pagu 2026 '95.000.000'", "2.08.02.2.03.0002", 2026, "pagu",
     95_000_000),
    ("Tabel 4.1", "line 1505 sub 2.03.0002 indikator blank", "2.08.02.2.03.0002", 2026, "indikator", NA),
    ("Tabel 4.1", "line 1507 sub 2.03.0007 target 2025 '-'", "2.08.02.2.03.0007", 2025, "target", NA),
    ("Tabel 4.1", "line 1507 sub 2.03.0007 pagu 2025 printed 0", "2.08.02.2.03.0007", 2025, "pagu", 0),
    ("Tabel 4.1", "line 1512 sub 2.01.0005 pagu 2025 '119.430.000'", "2.08.03.2.01.0005", 2025, "pagu",
     119_430_000),
    ("Tabel 4.1", "line 1538 sub 2.01.0005 satuan 'kebijakan'", "2.08.04.2.01.0005", 2027, "satuan", "kebijakan"),
    ("Tabel 4.1", "line 1540 sub 2.02.0002 pagu 2026 '362.361.940'", "2.08.04.2.02.0002", 2026, "pagu",
     362_361_940),
    ("Tabel 4.1", "line 1548 program PHA target 2025 '80'", "2.08.06", 2025, "target", 80),
    ("Tabel 4.1", "line 1561 program perlindungan khusus anak target 2026 '42'", "2.08.07", 2026, "target", 42),
    ("Tabel 4.1", "line 1580 last sub-kegiatan target 2029 '1'", "2.08.07.2.03.0013", 2029, "target", 1),
    ("Tabel 4.1", "line 1580 last sub-kegiatan pagu 2029 '30.000.000' (last cell)", "2.08.07.2.03.0013", 2029,
     "pagu", 30_000_000),
]

# Hand-typed printed derived cells: (table, row, kode, tahun, column, printed, value).
SPOT_PRINTED = [
    ("Tabel 4.1", "line 1381 bidang sosial 5-year Rp alone in one cell", "1.06", None, "pagu_akhir",
     "69.131.570.483", 69_131_570_483),
    ("Tabel 4.1", "line 1382 program penunjang Rp 2025", "1.06.01", 2025, "pagu", "5.185.709.303", 5_185_709_303),
    ("Tabel 4.1", "line 1382 program penunjang akhir target (skor)", "1.06.01", None, "target_akhir", "81", 81),
    ("Tabel 4.1", "line 1386 kegiatan 2.02 akhir target '500' (percent summed)", "1.06.01.2.02", None,
     "target_akhir", "500", 500),
    ("Tabel 4.1", "line 1386 kegiatan 2.02 akhir Rp", "1.06.01.2.02", None, "pagu_akhir", "18.797.645.221",
     18_797_645_221),
    ("Tabel 4.1", "line 1389 kegiatan 2.05 Rp 2025 '-'", "1.06.01.2.05", 2025, "pagu", "-", NIHIL),
    ("Tabel 4.1", "line 1447 kegiatan 2.02 Rp 2026", "1.06.04.2.02", 2026, "pagu", "1.051.895.000", 1_051_895_000),
    ("Tabel 4.1", "line 1461 program 1.06.05 Rp 2025 '-'", "1.06.05", 2025, "pagu", "-", NIHIL),
    ("Tabel 4.1", "line 1463 sub 0001 akhir target printed 0", "1.06.05.2.01.0001", None, "target_akhir", "0", 0),
    ("Tabel 4.1", "line 1463 sub 0001 akhir Rp '-'", "1.06.05.2.01.0001", None, "pagu_akhir", "-", NIHIL),
    ("Tabel 4.1", "line 1490 bidang PPPA target 2026 (sum of programs)", "2.08", 2026, "target", "164", 164),
    ("Tabel 4.1", "line 1490 bidang PPPA Rp 2026", "2.08", 2026, "pagu", "1.313.627.090", 1_313_627_090),
    ("Tabel 4.1", "line 1490 bidang PPPA akhir target", "2.08", None, "target_akhir", "1248", 1248),
    ("Tabel 4.1", "line 1490 bidang PPPA akhir Rp", "2.08", None, "pagu_akhir", "7.617.603.442", 7_617_603_442),
    ("Tabel 4.1", "line 1491 program PUG Rp 2026", "2.08.02", 2026, "pagu", "145.004.000", 145_004_000),
    ("Tabel 4.1", "line 1503 sub 0005 akhir target (shifted cell)", "2.08.02.2.02.0005", None, "target_akhir",
     "3", 3),
    ("Tabel 4.1", "line 1503 sub 0005 akhir Rp (shifted cell)", "2.08.02.2.02.0005", None, "pagu_akhir",
     "218.000.000", 218_000_000),
    ("Tabel 4.1", "line 1504 kegiatan 2.03 Rp 2025 '-'", "2.08.02.2.03", 2025, "pagu", "-", NIHIL),
    ("Tabel 4.1", "line 1548 program PHA akhir target '80'", "2.08.06", None, "target_akhir", "80", 80),
    ("Tabel 4.1", "line 1578 kegiatan 2.03 Rp 2029", "2.08.07.2.03", 2029, "pagu", "75.000.000", 75_000_000),
    ("Tabel 4.1", "line 1581 JUMLAH 2025", "total", 2025, "pagu", "14.445.744.207", 14_445_744_207),
    ("Tabel 4.1", "line 1581 JUMLAH 2026", "total", 2026, "pagu", "13.684.684.513", 13_684_684_513),
    ("Tabel 4.1", "line 1581 JUMLAH 2029", "total", 2029, "pagu", "16.265.581.735", 16_265_581_735),
    ("Tabel 4.1", "line 1581 JUMLAH 5-year Rp", "total", None, "pagu_akhir", "76.989.173.925", 76_989_173_925),
]

# --------------------------------------------------------------------------------------------
# The document's wrong sums: (check, row, tahun) -> (printed, recomputed); None = no value.
EXPECTED_MISMATCHES: dict[tuple, tuple] = {
    # (Kegiatan 2.08.02.2.03 prints '-' for 2025 and its sub-kegiatan 0007 and 0008 print Rp 0:
    # '-' is nihil, so they agree.)
    # Program 2.08.02 2026 leaves out kegiatan 2.08.02.2.03 (Rp 240.000.000): 145.004.000 printed,
    # '-' + 145.004.000 + 240.000.000 recomputed. The error carries into bidang 2.08 and JUMLAH 2026.
    ("pagu", "2.08.02", 2026): (145_004_000.0, 385_004_000.0),
    ("pagu", "2.08", 2026): (1_313_627_090.0, 1_553_627_090.0),
    ("pagu", "total", 2026): (13_684_684_513.0, 13_924_684_513.0),
    # Bidang 2.08 5-year Rp adds its printed years (with the 2026 error); its programs' 5-year Rp are right.
    ("pagu_akhir", "2.08", None): (7_617_603_442.0, 7_857_603_442.0),
}
# Printed 5-year Rp against the sum of the same row's printed years (the document's own arithmetic).
EXPECTED_ROW_SUM_MISMATCHES: dict[tuple, tuple] = {
    # Program 2.08.02: the 5-year Rp is right (leaves), its printed 2026 is not.
    ("pagu_akhir", "2.08.02", None): (1_295_241_000.0, 1_055_241_000.0),
    # JUMLAH: the 5-year Rp is right (leaves), its printed 2026 is not.
    ("pagu_akhir", "total", None): (76_989_173_925.0, 76_749_173_925.0),
}
# End-of-period target against the 5-year sum (the convention the document applies almost
# everywhere, also to percentages: '500'). Listed: rows where the printed value is not that sum.
EXPECTED_TARGET_AKHIR_NOT_SUM: dict[tuple, tuple] = {
    ("target_akhir", "1.06.01", None): (81.0, 385.0),  # skor: final year, correct for a score
    ("target_akhir", "1.06.05.2.01.0001", None): (0.0, None),  # no target printed in any year
    ("target_akhir", "2.08.02.2.03.0007", None): (4.0, 3.0),
    ("target_akhir", "2.08.02.2.03.0008", None): (4.0, 3.0),
    ("target_akhir", "2.08.04.2.02", None): (126.0, 95.0),
    ("target_akhir", "2.08.06", None): (80.0, 400.0),  # %: final year
    ("target_akhir", "2.08.06.2.01.0003", None): (17.0, 15.0),
    ("target_akhir", "2.08.07", None): (36.0, 156.0),  # %: final year
}

# --------------------------------------------------------------------------------------------
# Every data row of Tabel 4.1 copied verbatim from the source text export, keyed by source line
# (tab-separated as exported; the header rows repeated at page breaks are left out).
SOURCE = {
    1381: '1\t06\t\t\t\tURUSAN PEMERINTAHAN B IDANG SOSIAL\t\t\t\t\t\t\t\t\t\t\t\t69.131.570.483\t\t',
    1382: '1\t06\t01\t\t\tPROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA\tNILAI AKIP\tSkor\t73\t5.185.709.303\t75\t6.210.823.423\t77\t6.033.975.735\t79\t6.033.975.735\t81\t6.033.975.735\t81\t29.498.459.931',
    1383: '1\t06\t01\t2.01\t\tPerencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah\tJumlah Dokumen Perencanaan, penganggaran dan Evaluasi Kinerja Perangkat Daerah\tDokumen\t9\t8.150.000\t9\t18.700.000\t9\t20.000.000\t9\t20.000.000\t9\t20.000.000\t45\t86.850.000',
    1384: '1\t06\t01\t2.01\t0001\tPenyusunan Dokumen Perencanaan Perangkat Daerah\tJumlah Dokumen Perencanaan Perangkat Daerah\tDokumen\t2\t4.300.000\t2\t9.350.000\t2\t10.000.000\t2\t10.000.000\t2\t10.000.000\t10\t43.650.000',
    1385: '1\t06\t01\t2.01\t0006\tKoordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD\tJumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD\tLaporan\t7\t3.850.000\t7\t9.350.000\t7\t10.000.000\t7\t10.000.000\t7\t10.000.000\t35\t43.200.000',
    1386: '1\t06\t01\t2.02\t\tAdministrasi Keuangan Perangkat Daerah\tPersentase Pemenuhan Layanan Administrasi Keuangan\t%\t100\t3.670.035.410\t100\t3.847.609.811\t100\t3.760.000.000\t100\t3.760.000.000\t100\t3.760.000.000\t500\t18.797.645.221',
    1387: '1\t06\t01\t2.02\t0001\tPenyediaan Gaji dan Tunjangan ASN\tJumlah Orang yang Menerima Gaji dan Tunjangan ASN\tOrang\t30\t3.666.665.410\t30\t3.839.659.811\t30\t3.750.000.000\t30\t3.750.000.000\t30\t3.750.000.000\t150\t18.756.325.221',
    1388: '1\t06\t01\t2.02\t0005\tKoordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD\tJumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Keuangan Akhir Tahun SKPD\tLaporan\t1\t3.370.000\t1\t7.950.000\t1\t10.000.000\t1\t10.000.000\t1\t10.000.000\t5\t41.320.000',
    1389: '1\t06\t01\t2.05\t\tAdministrasi Kepegawaian Perangkat Daerah\tPersentase Pemenuhan Layanan Administrasi Kepegawaian\t%\t100\t-\t100\t110.000.000\t100\t125.000.000\t100\t125.000.000\t100\t125.000.000\t500\t485.000.000',
    1390: '1\t06\t01\t2.05\t0002\tPengadaan Pakaian Dinas Beserta Atribut Kelengkapannya\tJumlah Paket Pakaian Dinas Beserta Atribut Kelengkapan\tPaket\t0\t-\t75\t60.000.000\t75\t75.000.000\t75\t75.000.000\t75\t75.000.000\t300\t285.000.000',
    1391: '1\t06\t01\t2.05\t0009\tPendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi\tJumlah Pegawai Berdasarkan Tugas dan Fungsi yang Mengikuti Pendidikan dan Pelatihan\tOrang\t0\t-\t5\t50.000.000\t5\t50.000.000\t5\t50.000.000\t5\t50.000.000\t20\t200.000.000',
    1392: '1\t06\t01\t2.06\t\tAdministrasi Umum Perangkat Daerah\tJumlah Waktu Pemenuhan Administrasi Umum Perangkat Daerah\tBulan\t12\t284.092.637\t12\t768.550.000\t12\t689.000.000\t12\t689.000.000\t12\t689.000.000\t60\t3.119.642.637',
    1393: '1\t06\t01\t2.06\t0001\tPenyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor\tJumlah Paket Komponen Instalasi Listrik/Penerangan Bangunan Kantor yang Disediakan\tPaket\t1\t6.230.000\t1\t24.920.000\t1\t12.000.000\t1\t12.000.000\t1\t12.000.000\t5\t67.150.000',
    1394: '1\t06\t01\t2.06\t0002\tPenyediaan Peralatan dan Perlengkapan Kantor\tJumlah Paket Peralatan dan Perlengkapan Kantor yang\tPaket\t0\t-\t45\t271.640.000\t45\t150.000.000\t45\t150.000.000\t45\t150.000.000\t180\t721.640.000',
    1400: '\t\t\t\t\t\tDisediakan\t\t\t\t\t\t\t\t\t\t\t\t\t',
    1401: '1\t06\t01\t2.06\t0004\tPenyediaan Bahan Logistik Kantor\tJumlah Paket Bahan Logistik Kantor yang Disediakan\tPaket\t1\t27.502.137\t1\t45.000.000\t1\t35.000.000\t1\t35.000.000\t1\t35.000.000\t5\t177.502.137',
    1402: '1\t06\t01\t2.06\t0005\tPenyediaan Barang Cetak dan Penggandaan\tJumlah Paket Barang Cetak dan Penggandaan yang Disediakan\tPaket\t1\t11.620.500\t1\t23.190.000\t1\t25.000.000\t1\t25.000.000\t1\t25.000.000\t5\t109.810.500',
    1403: '1\t06\t01\t2.06\t0006\tPenyediaan Bahan Bacaan dan Peraturan Perundang-undangan\tJumlah Dokumen Bahan Bacaan dan Peraturan Perundang-undangan yang Disediakan\tDokumen\t100\t85.200.000\t100\t108.000.000\t100\t147.000.000\t100\t147.000.000\t100\t147.000.000\t500\t634.200.000',
    1404: '1\t06\t01\t2.06\t0009\tPenyetenggaraan Rapat Koordinasi dan Konsultasi SKPD\tJumlah Laporan Penyetenggaraan Rapat Koordinasi dan Konsultasi SKPD\tLaporan\t12\t153.540.000\t12\t295.800.000\t12\t320.000.000\t12\t320.000.000\t12\t320.000.000\t60\t1.409.340.000',
    1405: '1\t06\t01\t2.07\t\tPengadaan Barang Milik Daerah Urusan Pemerintah Daerah\tJumlah Pengadaan Barang Milik Daerah Urusan Pemerintah Daerah\tUnit\t1\t67.200.000\t1\t72.960.000\t1\t70.000.000\t1\t70.000.000\t1\t70.000.000\t5\t350.160.000',
    1406: '1\t06\t01\t2.07\t0002\tPengadaan Kendaraan Dinas Operasional Atau Lapangan\tJumlah Unit Kendaraan Dinas Operasional atau Lapangan yang Disediakan\tUnit\t1\t67.200.000\t1\t72.960.000\t1\t70.000.000\t1\t70.000.000\t1\t70.000.000\t5\t350.160.000',
    1407: '1\t06\t01\t2.08\t\tPenyediaan Jasa Penunjang Urusan Pemerintahan Daerah\tJumlah Waktu Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah\tBulan\t12\t943.421.256\t12\t1.005.623.612\t12\t894.999.235\t12\t894.999.235\t12\t894.999.235\t60\t4.634.042.573',
    1408: '1\t06\t01\t2.08\t0001\tPenyediaan Jasa Surat Menyurat\tJumlah Laporan Penyediaan Jasa Surat Menyurat\tLaporan\t0\t-\t0\t-\t12\t20.000.000\t12\t20.000.000\t12\t20.000.000\t36\t60.000.000',
    1409: '1\t06\t01\t2.08\t0002\tPenyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik\tJumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik yang Disediakan\tLaporan\t12\t156.242.056\t12\t174.940.412\t12\t174.999.235\t12\t174.999.235\t12\t174.999.235\t60\t856.180.173',
    1410: '1\t06\t01\t2.08\t0003\tPenyediaan Jasa Peralatan dan Perlengkapan Kantor\tJumlah Laporan Penyediaan Jasa Peralatan dan Perlengkapan Kantor yang Disediakan\tLaporan\t0\t-\t0\t-\t1\t50.000.000\t1\t50.000.000\t1\t50.000.000\t3\t150.000.000',
    1411: '1\t06\t01\t2.08\t0004\tPenyediaan Jasa Pelayanan Umum Kantor\tJumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan\tLaporan\t12\t787.179.200\t12\t830.683.200\t12\t650.000.000\t12\t650.000.000\t12\t650.000.000\t60\t3.567.862.400',
    1412: '1\t06\t01\t2.09\t\tPemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah\tJumlah Waktu Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah\tBulan\t12\t212.810.000\t12\t387.380.000\t12\t474.976.500\t12\t474.976.500\t12\t474.976.500\t60\t2.025.119.500',
    1413: '1\t06\t01\t2.09\t0001\tPenyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan\tJumlah Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan yang Dipelihara dan dibayarkan Pajaknya\tUnit\t1\t40.000.000\t1\t38.420.000\t1\t71.400.000\t1\t71.400.000\t1\t71.400.000\t5\t292.620.000',
    1414: '1\t06\t01\t2.09\t0002\tPenyediaan Jasa Pemeliharaan, Biaya Pemeliharaan Pajak dan Perizinan Kendaraan Dinas Operasional Atau Lapangan\tJumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan dibayarkan Pajak dan Perizinannya\tUnit\t37\t172.810.000\t37\t248.960.000\t37\t153.576.500\t37\t153.576.500\t37\t153.576.500\t185\t882.499.500',
    1415: '1\t06\t01\t2.09\t0009\tPemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya\tJumlah Gedung Kantor dan Bangunan Lainnya yang Dipelihara/Direhabilitasi\tUnit\t0\t-\t2\t100.000.000\t2\t250.000.000\t2\t250.000.000\t2\t250.000.000\t8\t850.000.000',
    1421: '1\t06\t02\t\t\tPROGRAM PEMBERDAYAAN SOSIAL\tJumlah Potensi Sumber Kesejahteraan Soisal (PSKS) yang mengikuti program pemberdayaan\torang\t1.030\t338.000.000\t14\t601.471.000\t132\t731.431.000\t132\t731.431.000\t132\t731.431.000\t1.440\t3.133.764.000',
    1422: '1\t06\t02\t2,03\t\tPengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota\tJumlah PSKS yang mengikuti program pemberdayaan\torang\t1.030\t338.000.000\t14\t601.471.000\t122\t661.431.000\t122\t661.431.000\t122\t661.431.000\t1.410\t2.923.764.000',
    1423: '1\t06\t02\t2,03\t0004\tPeningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial Kelembagaan Masyarakat Kewenangan Kabupaten/Kota\tJumlah Lembaga Kesejahteraan Sosial yang Meningkatkan Kapasitasnya Kewenangan Kabupaten/Kota\tLembaga\t1\t50.000.000\t2\t153.040.000\t100\t190.000.000\t100\t190.000.000\t100\t190.000.000\t303\t773.040.000',
    1424: '1\t06\t02\t2,03\t0012\tPeningkatan Kemampuan Sumber Daya Manusia dan Penguatan Lembaga Konsultasi Kesejahteraan Keluarga (LK3)\tJumlah Sumber Daya Manusia dan Lembaga Konsultasi Kesejahteraan Keluarga (LK3) yang mendapatkan Peningkatan Kapasitas dan fasilitasi dalam penanganan kasus Kewenangan Kabupaten/Kota\tOrang\t5\t-\t0\t-\t10\t20.000.000\t10\t20.000.000\t10\t20.000.000\t35\t60.000.000',
    1425: '1\t06\t02\t2,03\t0014\tPeningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial Perseorangan Kewenangan Kabupaten/Kota\tJumlah Penyuluh Sosial, Penyuluh Sosial Masyarakat, Pekerja Sosial, Pekerja Sosial Masyarakat dan/atau Tenaga Kesejahteraan Sosial Kecamatan yang Meningkatkan Kapasitasnya\tOrang\t12\t288.000.000\t12\t288.000.000\t12\t216.000.000\t12\t216.000.000\t12\t216.000.000\t60\t1.224.000.000',
    1426: '1\t06\t02\t2,03\t0016\tPengelolaan Layanan Terpadu Kesejahteraan Sosial\tJumlah aduan/keluhan yang dilayani dan/atau ditindaklanjuti\tLaporan\t1.000\t\t\t\t\t75.000.000\t\t75.000.000\t\t75.000.000\t1.000\t225.000.000',
    1427: '\t\t\t\t0015\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t',
    1428: '1\t06\t02\t2,03\t0017\tPembinaan Teknis Sumber Daya Manusia Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota\tJumlah Sumber Daya Manusia Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota yang Mendapatkan Bimbingan Teknis\torang\t12\t-\t\t160.431.000\t\t160.431.000\t\t160.431.000\t\t160.431.000\t12\t641.724.000',
    1429: '1\t06\t02\t3,05\t\tPendataan Lembaga Kesejahteraan Sosial Daerah\tJumlah Lembaga Kesejahteraan Sosial Yang Terdata Kewenangan Daerah\tLembaga\t-\t-\t-\t-\t10\t70.000.000\t10\t70.000.000\t10\t70.000.000\t30\t210.000.000',
    1430: '1\t06\t02\t3,05\t0001\tPendataan, Verifikasi, dan Validasi Lembaga Kesejahteraan Sosial Daerah Kabupaten/Kota.\tJumlah Lembaga yang Terdata, Terverifikasi, dan Tervalidasi\tLembaga\t0\t-\t0\t-\t10\t70.000.000\t10\t70.000.000\t10\t70.000.000\t30\t210.000.000',
    1431: '1\t06\t04\t\t\tPROGRAM REHABILITASI SOSIAL\tPersentase PMKS yang memperoleh bantuan untuk pemenuhan kebutuhan dasar\tpersen\t50\t7.686.731.020\t5.692\t3.190.633.000\t21.199\t4.455.175.000\t21.199\t4.455.175.000\t21.199\t4.455.175.000\t69339\t24.242.889.020',
    1437: '1\t06\t04\t2,01\t\tRehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial\tPersentase PMKS yang memperoleh bantuan sosial\tpersen\t50\t4.692.144.220\t5.370\t2.138.738.000\t4.598\t1.558.475.000\t4.598\t1.558.475.000\t4.598\t1.558.475.000\t19214\t11.506.307.220',
    1438: '1\t06\t04\t2,01\t0001\tPenyediaan Permakanan\tJumlah Orang yang Mendapatkan Pemenuhan Kebutuhan Permakanan Sesuai dengan Standar Gizi Minimal Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t2318\t703.475.000\t2318\t703.475.000\t2318\t703.475.000\t6954\t2.110.425.000',
    1439: '1\t06\t04\t2,01\t0002\tPenyediaan Sandang\tJumlah Orang yang Menerima Pakaian dan Kelengkapan Lainnya yang Tersedia dalam 1 Tahun Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t50\t50.000.000\t50\t50.000.000\t50\t50.000.000\t150\t150.000.000',
    1440: '1\t06\t04\t2,01\t0003\tPenyediaan Alat Bantu\tJumlah Orang yang Mendapatkan Alat Bantu dan Alat Bantu Peraga Sesuai kebutuhan Kewenangan Kabupaten/Kota\tOrang\t0\t-\t245\t584.600.000\t300\t340.000.000\t300\t340.000.000\t300\t340.000.000\t1145\t1.604.600.000',
    1441: '1\t06\t04\t2,01\t0004\tPemberian Pelayanan Reunifikasi Keluarga\tJumlah Orang yang Mendapatkan Pelayanan Reunifikasi Keluarga Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t100\t50.000.000\t100\t50.000.000\t100\t50.000.000\t300\t150.000.000',
    1442: '1\t06\t04\t2,01\t0005\tPemberian Bimbingan Fisik, Mental, Spiritual, dan Sosial\tJumlah Peserta Bimbingan Fisik, Mental, Spiritual dan Sosial Kewenangan Kabupaten/Kota\tOrang\t127\t798.150.000\t115\t154.800.000\t30\t54.000.000\t30\t54.000.000\t30\t54.000.000\t332\t1.114.950.000',
    1443: '1\t06\t04\t2,01\t0006\tPemberian Bimbingan Sosial kepada Keluarga Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis dan Masyarakat\tJumlah Peserta Bimbingan Sosial kepada Keluarga Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis dan Masyarakat Kewenangan Kabupaten/Kota\tOrang\t6138\t3.893.994.220\t5010\t1.399.338.000\t100\t120.000.000\t100\t120.000.000\t100\t120.000.000\t11448\t5.653.332.220',
    1444: '1\t06\t04\t2,01\t0009\tPemberian Layanan Data dan Pengaduan\tJumlah Orang yang Mendapatkan Layanan Data dan Pengaduan Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t1500\t90.000.000\t1500\t90.000.000\t1500\t90.000.000\t4500\t270.000.000',
    1445: '1\t06\t04\t2,01\t0010\tPemberian Layanan Kedaruratan\tJumlah Orang yang Mendapatkan Pelayanan Kedaruratan Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t100\t51.000.000\t100\t51.000.000\t100\t51.000.000\t300\t153.000.000',
    1446: '1\t06\t04\t2,01\t0011\tPemberian Pelayanan Penelusuran Keluarga\tJumlah Orang yang Mendapatkan Pelayanan Penelusuran Keluarga Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t100\t100.000.000\t100\t100.000.000\t100\t100.000.000\t300\t300.000.000',
    1447: '1\t06\t04\t2,02\t\tRehabilitasi Sosial Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya Bukan Korban HIV/AIDS dan NAPZA di Luar Panti Sosial\tPersentase PMKS Lainnya yang memperoleh bantuan sosial\tpersen\t50\t2.994.586.800\t322\t1.051.895.000\t16.601\t2.896.700.000\t16.601\t2.896.700.000\t16.601\t2.896.700.000\t50175\t12.736.581.800',
    1453: '1\t06\t04\t2,02\t0001\tPemberian Layanan Data dan Pengaduan\tJumlah Orang yang Mendapatkan Layanan Data dan Pengaduan Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t1500\t90.000.000\t1500\t90.000.000\t1500\t90.000.000\t4500\t270.000.000',
    1454: '1\t06\t04\t2,02\t0002\tPemberian Layanan Kedaruratan\tJumlah Orang yang Mendapatkan Pelayanan Kedaruratan Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t100\t51.000.000\t100\t51.000.000\t100\t51.000.000\t300\t153.000.000',
    1455: '1\t06\t04\t2,02\t0003\tPenyediaan Permakanan\tJumlah Orang yang Mendapatkan Pemenuhan Kebutuhan Permakanan Sesuai dengan Standar Gizi Minimal Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t8000\t1.771.740.000\t8000\t1.771.740.000\t8000\t1.771.740.000\t24000\t5.315.220.000',
    1456: '1\t06\t04\t2,02\t0004\tPenyediaan Sandang\tJumlah orang yang Menerima pakaian dan kelengkapan lainnya yang Tersedia dalam 1 tahun Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t2000\t200.000.000\t2000\t200.000.000\t2000\t200.000.000\t6000\t600.000.000',
    1457: '1\t06\t04\t2,02\t0008\tPemberian Bimbingan Sosial kepada Keluarga Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya Bukan Korban HIV/AIDS dan NAPZA\tJumlah Peserta dalam Pemberian Bimbingan Sosial kepada Keluarga Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya Bukan Korban HIV/AIDS dan NAPZA Kewenangan Kabupaten/Kota\tOrang\t1322\t2.994.586.800\t322\t1.051.895.000\t300\t200.000.000\t300\t200.000.000\t300\t200.000.000\t2544\t4.646.481.800',
    1458: '1\t06\t04\t2,02\t0011\tPemberian Pelayanan Penelusuran Keluarga\tJumlah Orang yang Mendapatkan Pelayanan Penelusuran Keluarga Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t4600\t503.960.000\t4600\t503.960.000\t4600\t503.960.000\t13800\t1.511.880.000',
    1459: '1\t06\t04\t2,02\t0012\tPemberian Pelayanan Reunifikasi Keluarga\tJumlah Orang yang Mendapatkan Pelayanan Reunifikasi Keluarga Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t100\t50.000.000,00\t100\t50.000.000,00\t100\t50.000.000,00\t300\t150.000.000',
    1460: '1\t06\t04\t2,02\t0013\tPemberian Layanan Rujukan\tJumlah Orang Mendapatkan Layanan Rujukan Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t1\t30.000.000\t1\t30.000.000\t1\t30.000.000\t3\t90.000.000',
    1461: '1\t06\t05\t\t\tPROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL\tJumlah anak terlantar dan fakir miskin yang dijangkau\t\t-\t-\t1.035\t1.479.435.000\t3.632\t2.535.000.000\t3.632\t2.535.000.000\t3.632\t2.535.000.000\t11931\t9.084.435.000',
    1462: '1\t06\t05\t2,01\t\tPemeliharaan Anak-Anak Terlantar\tJumlah anak terlantar yang memperoleh rehabilitasi sosial diluar panti\t\t-\t-\t-\t-\t162\t225.000.000\t162\t225.000.000\t162\t225.000.000\t486\t675.000.000',
    1463: '1\t06\t05\t2,01\t0001\tPenjangkauan Anak-Anak Terlantar\tJumlah Anak-Anak Terlantar yang Dijangkau Kewenangan Kabupaten/Kota\tOrang\t\t\t\t\t\t\t\t\t\t\t0\t-',
    1464: '1\t06\t05\t2,01\t0002\tRujukan Anak-Anak Terlantar\tJumlah Anak-Anak Terlantar yang Mendapat Rujukan Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t12\t25.000.000\t12\t25.000.000\t12\t25.000.000\t36\t75.000.000',
    1465: '1\t06\t05\t2,01\t0003\tPemantauan Terhadap Pelaksanaan Pemeliharaan Anak Terlantar\tJumlah Anak Terlantar yang Terpenuhi dan Terpelihara Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t150\t200.000.000\t150\t200.000.000\t150\t200.000.000\t450\t600.000.000',
    1471: '1\t06\t05\t2,02\t\tPengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota\tJumlah Fakir Miskin yang dijangkau\t\t-\t-\t1.035\t1.479.435.000\t3.470\t2.310.000.000\t3.470\t2.310.000.000\t3.470\t2.310.000.000\t11445\t8.409.435.000',
    1472: '1\t06\t05\t2,02\t0001\tPendataan Fakir Miskin Cakupan Daerah Kabupaten/Kota\tJumlah Fakir Miskin Cakupan Daerah Kabupaten/Kota yang Didata\tOrang\t0\t-\t0\t-\t1700\t450.000.000\t1700\t450.000.000\t1700\t450.000.000\t5100\t1.350.000.000',
    1473: '1\t06\t05\t2,02\t0004\tFasilitasi Bantuan Pengembangan Ekonomi Masyarakat\tJumlah Orang Mendapatkan Bantuan Pengembangan Ekonomi Masyarakat Kabupaten/Kota\tOrang\t0\t-\t35\t137.928.000\t70\t160.000.000\t70\t160.000.000\t70\t160.000.000\t245\t617.928.000',
    1474: '1\t06\t05\t2,02\t0006\tFasilitasi Bantuan Sosial Kesejahteraan Keluarga\tJumlah Penerima Manfaat (PM) yang Mendapatkan Bantuan Sosial Kesejahteraan Keluarga Kewenangan Kabupaten/Kota\tOrang\t0\t-\t1000\t1.341.507.000\t1000\t1.200.000.000\t1000\t1.200.000.000\t1000\t1.200.000.000\t4000\t4.941.507.000',
    1475: '1\t06\t05\t2,02\t0008\tPengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota\tJumlah Usulan Penindaklayakan, Usulan yang Terverifikasi dan Tervalidasi, dan Usulan Perbaikan yang dilaksanakan\tUsulan\t0\t-\t-\t-\t700\t500.000.000\t700\t500.000.000\t700\t500.000.000\t2100\t1.500.000.000',
    1476: '1\t06\t06\t\t\tPROGRAM PENANGANAN BENCANA\tPersentase masyarakat korban bencana memperoleh perlindungan dan jaminan sosial\tpersen\t100\t273.327.532\t126\t888.695.000\t280\t670.000.000\t280\t670.000.000\t280\t670.000.000\t1066\t3.172.022.532',
    1477: '1\t06\t06\t2,01\t\tPerlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota\tPersentase masyarakat korban bencana memperoleh perlindungan dan jaminan sosial\tpersen\t100\t111.564.780\t100\t264.830.000\t202\t120.000.000\t202\t120.000.000\t202\t120.000.000\t806\t736.394.780',
    1478: '1\t06\t06\t2,01\t0001\tPenyediaan Makanan\tJumlah Orang yang Mendapatkan Permakanan 3x1 Hari dalam Masa Tanggap Darurat (Pengungsian) Kewenangan Kabupaten/Kota\tOrang\t100\t111.564.780\t100\t264.830.000\t100\t50.000.000\t100\t50.000.000\t100\t50.000.000\t500\t526.394.780',
    1479: '1\t06\t06\t2,01\t0002\tPenyediaan Sandang\tJumlah Orang yang Mendapatkan Pakaian dan Kelengkapan Lainnya yang Tersedia pada Masa Tanggap Darurat (Pengungsian) dan Pasca Bencana Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t100\t20.000.000\t100\t20.000.000\t100\t20.000.000\t300\t60.000.000',
    1480: '1\t06\t06\t2,01\t0007\tPenyediaan Tempat Penampungan Pengungsi\tJumlah Tempat Pengungsian Kewenangan Kabupaten/Kota\tOrang\t0\t-\t0\t-\t2\t50.000.000\t2\t50.000.000\t2\t50.000.000\t6\t150.000.000',
    1481: '1\t06\t06\t2,02\t\tPenyelenggaraan Pemberdayaan Masyarakat Terhadap Kesiapsiagaan Bencana Kabupaten/Kota\tJumlah Penyelenggara pemberdayaan masyarakat terhadap kesiapsiagaan bencana\t\t26\t161.762.752\t26\t623.865.000\t78\t550.000.000\t78\t550.000.000\t78\t550.000.000\t286\t2.435.627.752',
    1482: '1\t06\t06\t2,02\t0002\tKoordinasi, Sosialisasi dan Pelaksanaan Taruna Siaga Bencana\tJumlah Orang yang Melaksanakan Koordinasi, Sosialisasi dan Pelaksanaan Taruna Siaga Bencana Kewenangan Kabupaten/Kota\tOrang\t26\t161.762.752\t26\t623.865.000\t26\t400.000.000\t26\t400.000.000\t26\t400.000.000\t130\t1.985.627.752',
    1488: '1\t06\t06\t2,02\t0006\tPeningkatan Kompetensi Taruna Siaga Bencana (Tagana) Dalam Penanganan Bencana\tJumlah Tagana yang Mendapatkan Peningkatan Kompetensi\tOrang\t\t\t\t\t26\t50.000.000\t26\t50.000.000\t26\t50.000.000\t78\t150.000.000',
    1489: '1\t06\t06\t2,02\t0007\tFasilitasi Bantuan Langsung Berupa Uang Tunai bagi Korban Bencana\tJumlah Korban Bencana yang mendapatkan Bantuan Langsung Berupa Uang Tunai\tKeluarga\t\t\t\t\t26\t100.000.000\t26\t100.000.000\t26\t100.000.000\t78\t300.000.000',
    1490: '2\t08\t\t\t\tURUSAN PEMERINTAHAN BIDANG PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK\t\t\t118\t961.976.352\t164\t1.313.627.090\t324\t1.687.000.000\t322\t1.815.000.000\t320\t1.840.000.000\t1248\t7.617.603.442',
    1491: '2\t08\t02\t\t\tPROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN\t\t%\t36\t48.237.000\t36\t145.004.000\t140\t242.000.000\t140\t310.000.000\t140\t310.000.000\t492\t1.295.241.000',
    1492: '2\t08\t02\t2,01\t\tPelebagaan Pengarusutamaan Gender (PUG) pada Lembaga Pemerintah Kewenangan Kabupaten/Kota\t\t\t-\t-\t-\t-\t103\t136.000.000\t103\t170.000.000\t103\t170.000.000\t309\t476.000.000',
    1493: '2\t08\t02\t2,01\t0001\tKoordinasi dan Sinkronisasi Perumusan Kebijakan Pelaksanaan PUG\tJumlah Dokumen Hasil Koordinasi dan Sinkronisasi Perumusan Kebijakan Pengarusutamaan Gender (PUG) Kewenangan Kabupaten/Kota\tDokumen\t-\t-\t-\t-\t1\t50.000.000\t1\t50.000.000\t1\t50.000.000\t3\t150.000.000',
    1494: '2\t08\t02\t2,01\t0013\tAdvokasi dan sosialisasi penyelenggaraan PUG kewenangan Kabupaten/Kota\tJumlah pemangku kepentingan tingkat kabupaten/kota yang mendapatkan advokasi dan sosialisasi (lembaga pemerintah dan non pemerintah)\tLembaga\t-\t-\t-\t-\t36\t36.000.000\t36\t36.000.000\t36\t36.000.000\t108\t108.000.000',
    1495: '2\t08\t02\t2,01\t0014\tBimbingan Teknis Penyelenggaraan PUG Kewenangan Kabupaten/Kota\tjumlah SDM OPD Kabupaten/Kota yang mendapatkan bimtek\tOrang\t-\t-\t-\t-\t66\t50.000.000\t66\t84.000.000\t66\t84.000.000\t198\t218.000.000',
    1496: '2\t08\t02\t2,02\t\tPemberdayaan Perempuan Bidang Politik, Hukum, Sosial, dan Ekonomi pada Organisasi Kemasyarakatan Kewenangan Kabupaten/Kota\t\t\t36\t48.237.000\t36\t145.004.000\t37\t86.000.000\t37\t120.000.000\t37\t120.000.000\t183\t519.241.000',
    1497: '2\t08\t02\t2,02\t0003\tAdvokasi Kebijakan dan Pendampingan Peningkatan Partisipasi Perempuan dalam Politik, Hukum, Sosial dan Ekonomi\tJumlah organisasi kemasyarakatan/ profesi/ dunia usaha/ media yg diadvokasi dan didampingi dalam rangka peningkatan partisipasi perempuan di bidang politik, hukum, sosial dan ekonomi\tLembaga\t36\t48.237.000\t36\t145.004.000\t36\t36.000.000\t36\t36.000.000\t36\t36.000.000\t180\t301.241.000',
    1503: '2\t08\t02\t2,02\t0005\tAdvokasi Peningkatan Partisipasi Perempuan di Bidang Politik, Hukum, Sosial dan Ekonomi Kewenangan Kabupaten/Kota\tJumlah lembaga masyarakat dan pemerintah tingkat Kabupaten/Kota yang mendapatkan advokasi\tLembaga\t-\t-\t-\t1\t50.000.000\t1\t84.000.000\t1\t84.000.000\t3\t218.000.000\t',
    1504: '2\t08\t02\t2,03\t\tPenguatan dan Pengembangan Lembaga Penyedia Layanan Pemberdayaan Perempuan Kewenangan Kabupaten/Kota\t\t\t-\t-\t2\t240.000.000\t2\t20.000.000\t2\t20.000.000\t2\t20.000.000\t8\t300.000.000',
    1505: '2\t08\t02\t2,03\t0002\tPeningkatan Kapasitas Sumber Daya Lembaga Penyedia Layanan Pemberdayaan Perempuan Kewenangan Kabupaten/Kota\t\t\t\t\t1\t95.000.000\t\t\t\t\t\t\t\t95.000.000',
    1506: '2\t08\t02\t2,03\t0003\tPengembangan Komunikasi, Informasi dan Edukasi (KIE) Pemberdayaan Perempuan Kewenangan Kabupaten/Kota\t\t\t\t\t1\t145.000.000\t\t\t\t\t\t\t\t145.000.000',
    1507: '2\t08\t02\t2,03\t0007\tpendampingan penguatan dan pengembangan lembaga penyedia layanan pemberdayaan perempuan kewenangan Kabupaten/Kota\tjumlah lembaga penyedia layanan pemberdayaan perempuan yang mendapatkan pendampingan\tLembaga\t-\t0\t\t0\t1\t10.000.000\t1\t10.000.000\t1\t10.000.000\t4\t30.000.000',
    1508: '2\t08\t02\t2,03\t0008\tpenguatan kerjasama antar lembaga penyedia layanan pemberdayaan perempuan kewenangan Kabupaten/Kota\tJumlah kerjasama antar lembaga penyedia layanan pemberdayaan perempuan\tDokumen\t-\t0\t\t0\t1\t10.000.000\t1\t10.000.000\t1\t10.000.000\t4\t30.000.000',
    1509: '2\t08\t03\t\t\tPROGRAM PERLINDUNGAN PEREMPUAN\tRasio Kekerasan Terhadap Perempuan\t%\t1\t119.430.000\t5\t106.150.000\t31\t495.000.000\t31\t555.000.000\t31\t555.000.000\t99\t1.830.580.000',
    1510: '2\t08\t03\t2,01\t\tPencegahan Kekerasan Terhadap Perempuan Lingkup Daerah Kabupaten/Kota\tJumlah Pencegahan Kekerasan Terhadap Perempuan\tKegiatan\t1\t119.430.000\t-\t-\t6\t125.000.000\t6\t125.000.000\t6\t125.000.000\t19\t494.430.000',
    1511: '2\t08\t03\t2,01\t0004\tKerjasama para pihak dalam pencegahan KTP Kewenangan Kabupaten/Kota\tJumlah Kerjasama para pihak dalam pencegahan KTP Kewenangan Kabupaten/Kota\tDokumen\t\t\t\t\t1\t50.000.000\t1\t50.000.000\t1\t50.000.000\t3\t150.000.000',
    1512: '2\t08\t03\t2,01\t0005\tPeningkatan kapasitas kepada SDM yang terkait langsung pencegahan KTP Kewenangan Provinsi\tJumlah SDM yang mendapat Peningkatan kapasitas pencegahan KTP Kewenangan Provinsi\torang\t1\t119.430.000\t\t\t5\t25.000.000\t5\t25.000.000\t5\t25.000.000\t16\t194.430.000',
    1513: '2\t08\t03\t2,01\t0006\tAdvokasi Dan Sosialisasi Pencegahan Ktp Dan TPPO Kepada Pengambil Kebijakan Dan Pemangku Kepentingan Kewenangan Kabupaten/Kota\tJumlah pengambil kebijakan dan pemangku kepentingan yang mendapatkan Advokasi dan sosialisasi pencegahan Ktp tingkat provinsi, masyarakat, serta Kab/Kota\tOrang\t\t\t\t\t5\t50.000.000\t5\t50.000.000\t5\t50.000.000\t15\t150.000.000',
    1519: '2\t08\t03\t2,02\t\tPenyediaan Layanan Rujukan Lanjutan bagi Perempuan Korban Kekerasan yang Memerlukan Koordinasi Kewenangan Kabupaten/Kota\tJumlah Korban Kekerasan Terhadap Perempuan\torang\t-\t-\t-\t-\t14\t220.000.000\t14\t280.000.000\t14\t280.000.000\t42\t780.000.000',
    1520: '2\t08\t03\t2,02\t0003\tlayanan kesehatan yang tidak dijamin BPJS, Jamkesda, dan sumber pendanaan lainnya bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Korban yang mendapatkan Layanan Pengaduan atau Penjangkauan tingkat Kabupaten/Kota\tOrang\t\t\t\t\t3\t20.000.000\t3\t80.000.000\t3\t80.000.000\t9\t180.000.000',
    1521: '2\t08\t03\t2,02\t0004\tlayanan gelar kasus bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Perempuan Korban Kekerasan yang mendapatkan layanan gelar kasus bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t2\t50.000.000\t2\t50.000.000\t2\t50.000.000\t6\t150.000.000',
    1522: '2\t08\t03\t2,02\t0005\tlayanan pendampingan tenaga ahli bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Korban yang mendapatkan Layanan Pengaduan atau Penjangkauan bagi Tingkat Kabupaten/Kota\torang\t\t\t\t\t5\t50.000.000\t5\t50.000.000\t5\t50.000.000\t15\t150.000.000',
    1523: '2\t08\t03\t2,02\t0006\tlayanan rumah perlindungan bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Perempuan Korban Kekerasan yang mendapatkan layanan rumah perlindungan bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t1\t50.000.000\t1\t50.000.000\t1\t50.000.000\t3\t150.000.000',
    1524: '2\t08\t03\t2,02\t0007\tlayanan medikolegal bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Perempuan Korban Kekerasan yang mendapatkan Layanan Pengaduan atau Penjangkauan Tingkat Kabupaten/Kota\torang\t\t\t\t\t3\t25.000.000\t3\t25.000.000\t3\t25.000.000\t9\t75.000.000',
    1525: '2\t08\t03\t2,02\t0009\tLayanan pendampingan korban bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Perempuan Korban Kekerasan yang mendapatkan pendampingan korban Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t10\t25.000.000\t10\t25.000.000\t10\t25.000.000\t30\t75.000.000',
    1526: '2\t08\t03\t2,03\t\tPenguatan dan Pengembangan Lembaga Penyedia Layanan Perlindungan Perempuan Korban Kekerasan Tingkat Daerah Kabupaten/Kota\t\t\t-\t-\t5\t106.150.000\t11\t150.000.000\t11\t150.000.000\t11\t150.000.000\t38\t556.150.000',
    1527: '2\t08\t03\t2,03\t0005\tAdvokasi dan sosialisasi penguatan dan pengembangan Lembaga Penyedia Layanan Perlindungan Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Lembaga penyedia Layanan Perlindungan Perempuan tingkat provinsi yang mendapatkan advokasi dan sosialisasi (lembaga pemerintah dan non pemerintah)\tLembaga\t\t\t\t\t1\t50.000.000\t1\t50.000.000\t1\t50.000.000\t3\t150.000.000',
    1533: '2\t08\t03\t2,03\t0006\tMonitoring evaluasi dan pelaporan penguatan dan pengembangan Lembaga Penyedia Layanan Perlindungan Perempuan Kewenangan Kabupaten/Kota\tJumlah dokumen hasil monitoring dan evaluasi penguatan dan pengembangan lembaga penyedia Layanan Perlindungan Perempuan kewenangan provinsi\tLaporan\t\t\t\t\t5\t50.000.000\t5\t50.000.000\t5\t50.000.000\t15\t150.000.000',
    1534: '2\t08\t03\t2,03\t0007\tpendampingan penguatan dan pengembangan Lembaga Penyedia Layanan Perlindungan Perempuan Kewenangan Kabupaten/Kota\tjumlah lembaga penyedia Layanan Perlindungan Perempuan yang mendapatkan pendampingan\tOrang\t\t\t5\t106.150.000\t5\t50.000.000\t5\t50.000.000\t5\t50.000.000\t20\t256.150.000',
    1535: '2\t08\t04\t\t\tPROGRAM PENINGKATAN KUALITAS KELUARGA\t\t\t1\t321.099.000\t1\t362.361.940\t33\t175.000.000\t33\t175.000.000\t33\t200.000.000\t101\t1.233.460.940',
    1536: '2\t08\t04\t2,01\t\tPeningkatan Kualitas Keluarga dalam Mewujudkan Kesetaraan Gender (KG) dan Hak Anak Tingkat Daerah Kabupaten/Kota\t\t\t-\t-\t-\t-\t2\t50.000.000\t2\t50.000.000\t2\t50.000.000\t6\t150.000.000',
    1537: '2\t08\t04\t2,01\t0004\tPenguatan kerjasama antar lembaga dalam peningkatan kualitas keluarga Kewenangan Provinsi dan Lintas Kabupaten/Kota\tJumlah kerjasama antar lembaga dalam peningkatan kualitas keluarga Kewenangan Provinsi dan Lintas Kabupaten/Kota\tLembaga\t\t\t\t-\t1\t25.000.000\t1\t25.000.000\t1\t25.000.000\t3\t75.000.000',
    1538: '2\t08\t04\t2,01\t0005\tPenyusunan Kebijakan mengenai peningkatan kualitas keluarga Kewenangan Kabupaten/Kota\tJumlah kebijakan yang disusun mengenai peningkatan kualitas keluarga Kewenangan Kabupaten/Kota\tkebijakan\t\t\t\t\t1\t25.000.000\t1\t25.000.000\t1\t25.000.000\t3\t75.000.000',
    1539: '2\t08\t04\t2,02\t\tPenguatan dan Pengembangan Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga dalam Mewujudkan KG dan Hak Anak yang Wilayah Kerjanya dalam Daerah Kabupaten/Kota\t\t\t1\t321.099.000\t1\t362.361.940\t31\t125.000.000\t31\t125.000.000\t31\t150.000.000\t126\t1.083.460.940',
    1540: '2\t08\t04\t2,02\t0002\tPeningkatan Kapasitas Sumber Daya Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga Tingkat Daerah Kabupaten/Kota\t\t\t1\t321.099.000\t1\t362.361.940\t\t-\t\t-\t\t-\t2\t683.460.940',
    1541: '2\t08\t04\t2,02\t0007\tpeningkatan kapasitas Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga Kewenangan Kabupaten/Kota\tJumlah Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga yang mendapatkan peningkatan kapasitas\tLembaga\t1\t\t\t\t1\t100.000.000\t1\t100.000.000\t1\t100.000.000\t4\t300.000.000',
    1547: '2\t08\t04\t2,02\t0008\tAdvokasi dan Sosialisasi Pengembangan Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga Kewenangan Kabupaten/Kota\tJumlah Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga yang mendapatkan advokasi dan sosialisasi pengembangan kewenangan Kabupaten/Kota\tLembaga\t30\t\t\t\t30\t25.000.000\t30\t25.000.000\t30\t50.000.000\t120\t100.000.000',
    1548: '2\t08\t06\t\t\tPROGRAM PEMENUHAN HAK ANAK (PHA)\tPersentase Pemenuhan Indikator Kabupaten Layak Anak\t%\t80\t473.210.352\t80\t700.111.150\t80\t250.000.000\t80\t250.000.000\t80\t250.000.000\t80\t1.923.321.502',
    1549: '2\t08\t06\t2,01\t\tPelebagaan PHA pada Lembaga Pemerintah, Nonpemerintah, dan Dunia Usaha Kewenangan Kabupaten/Kota\tJumlah Pelebagaan Lembaga Pemerintah Non Pemerintah Kewenangan Daerah\tKegiatan\t1\t258.153.000\t1\t438.700.950\t10\t150.000.000\t10\t150.000.000\t10\t150.000.000\t32\t1.146.853.950',
    1550: '2\t08\t06\t2,01\t0001\tAdvokasi Kebijakan dan Pendampingan Pemenuhan Hak Anak pada Lembaga Pemerintah, Non Pemerintah, Media dan Dunia Usaha Kewenangan Kabupaten/Kota\t\t\t1\t258.153.000\t1\t438.700.950\t\t\t\t\t\t\t2\t696.853.950',
    1551: '2\t08\t06\t2,01\t0003\tAdvokasi dan sosialisasi Pelaksanaan Kebijakan Pemenuhan Hak Anak pada Lembaga Pemerintah, Non Pemerintah, Media dan Dunia Usaha Kewenangan Kabupaten/Kota\tJumlah pemangku kepentingan tingkat kabupaten/kota yang mendapatkan advokasi dan sosialisasi Pelaksanaan Kebijakan Pemenuhan Hak Anak pada Lembaga Pemerintah, Non Pemerintah, Media dan Dunia Usaha Kewenangan Kabupaten/Kota\tLembaga\t\t\t\t\t5\t75.000.000\t5\t75.000.000\t5\t75.000.000\t17\t225.000.000',
    1552: '2\t08\t06\t2,01\t0004\tBimbingan Teknis Pelaksanaan Kebijakan Pemenuhan Hak Anak pada Lembaga Pemerintah, Non Pemerintah, Media dan Dunia Usaha Kewenangan Kabupaten/Kota\tjumlah SDM OPD kab/kota yang mendapatkan bimtek Pelaksanaan Kebijakan Pemenuhan Hak Anak pada Lembaga Pemerintah, Non Pemerintah, Media dan Dunia Usaha Kewenangan Kabupaten/Kota\tOrang\t\t\t\t\t5\t75.000.000\t5\t75.000.000\t5\t75.000.000\t15\t225.000.000',
    1553: '2\t08\t06\t2,02\t\tPenguatan dan Pengembangan Lembaga Penyedia Layanan Peningkatan Kualitas Hidup Anak Kewenangan Kabupaten/Kota\tJumlah Lembaga Penyedia Layanan Kewenangan Daerah\tLembaga\t5\t215.057.352\t5\t261.410.200\t8\t100.000.000\t8\t100.000.000\t8\t100.000.000\t34\t776.467.552',
    1554: '2\t08\t06\t2,02\t0005\tPeningkatan Kapasitas lembaga penyedia layanan Peningkatan Kualitas Hidup Anak Kewenangan Kabupaten/Kota\tjumlah SDM lembaga penyedia layanan Peningkatan Kualitas Hidup Anak Kewenangan Kabupaten/Kota yang mendapatkan bimtek\tOrang\t5\t215.057.352\t5\t261.410.200\t3\t50.000.000\t3\t50.000.000\t3\t50.000.000\t19\t626.467.552',
    1560: '2\t08\t06\t2,02\t0006\tpenguatan kerjasama antar lembaga penyedia layanan Peningkatan Kualitas Hidup Anak Kewenangan Kabupaten/Kota\tJumlah kerjasama antar lembaga penyedia layanan Peningkatan Kualitas Hidup Anak Kewenangan Kabupaten/Kota\tDokumen\t\t\t\t\t5\t50.000.000\t5\t50.000.000\t5\t50.000.000\t15\t150.000.000',
    1561: '2\t08\t07\t\t\tPROGRAM PERLINDUNGAN KHUSUS ANAK\tRasio Kekerasan Anak\t%\t-\t-\t42\t-\t40\t525.000.000\t38\t525.000.000\t36\t525.000.000\t36\t1.575.000.000',
    1562: '2\t08\t07\t2,01\t\tPencegahan Kekerasan Terhadap Anak yang Melibatkan para Pihak Lingkup Daerah Kabupaten/Kota\tJumlah Anak Korban kekerasan\torang\t-\t-\t-\t-\t4\t100.000.000\t4\t100.000.000\t4\t100.000.000\t12\t300.000.000',
    1563: '2\t08\t07\t2,01\t0006\tkoordinasi dan sinkronisasi pencegahan kekerasan terhadap anak kewenangan kabupaten/kota\tjumlah dokumen hasil koordinasi dan sinkronisasi pencegahan kekerasan terhadap anak kewenangan kabupaten/kota\tDokumen\t\t\t\t\t3\t50.000.000\t3\t50.000.000\t3\t50.000.000\t9\t150.000.000',
    1564: '2\t08\t07\t2,01\t0007\tAdvokasi dan sosialisasi pencegahan KTA kepada pengambil kebijakan dan pemangku kepentingan Kewenangan Kabupaten/Kota\tJumlah pengambil kebijakan dan pemangku kepentingan yang mendapatkan Advokasi dan sosialisasi pencegahan KTA tingkat Kab/Kota\tKegiatan\t\t\t\t\t1\t50.000.000\t1\t50.000.000\t1\t50.000.000\t3\t150.000.000',
    1565: '2\t08\t07\t2,02\t\tPenyediaan Layanan bagi Anak yang Memerlukan Perlindungan Khusus yang Memerlukan Koordinasi Tingkat Daerah Kabupaten/Kota\tJumlah Layanan bagi anak yang memerlukan perlindungan khusus\torang\t-\t-\t-\t-\t315\t350.000.000\t315\t350.000.000\t315\t350.000.000\t945\t1.050.000.000',
    1566: '2\t08\t07\t2,02\t0008\tLayanan Pengaduan atau Penjangkauan bagi Anak Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Anak Korban Kekerasan yang mendapatkan Layanan Pengaduan atau Penjangkauan korban Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t45\t60.000.000\t45\t60.000.000\t45\t60.000.000\t135\t180.000.000',
    1567: '2\t08\t07\t2,02\t0009\tlayanan pendampingan tenaga ahli bagi Anak Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Anak Korban yang mendapatkan Layanan Pengaduan atau Penjangkauan bagi Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t45\t30.000.000\t45\t30.000.000\t45\t30.000.000\t135\t90.000.000',
    1568: '2\t08\t07\t2,02\t0010\tlayanan medikolegal bagi Anak Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Anak Korban Kekerasan yang mendapatkan Layanan Pengaduan atau Penjangkauan Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t45\t20.000.000\t45\t20.000.000\t45\t20.000.000\t135\t60.000.000',
    1569: '2\t08\t07\t2,02\t0011\tlayanan gelar kasus bagi Anak Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Anak Korban Kekerasan yang mendapatkan layanan gelar kasus bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t45\t45.000.000\t45\t45.000.000\t45\t45.000.000\t135\t135.000.000',
    1570: '2\t08\t07\t2,02\t0012\tlayanan rumah perlindungan bagi Anak Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Anak Korban Kekerasan yang mendapatkan layanan rumah perlindungan bagi Perempuan Korban Kekerasan Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t45\t35.000.000\t45\t35.000.000\t45\t35.000.000\t135\t105.000.000',
    1576: '2\t08\t07\t2,02\t0013\tLayanan pendampingan korban bagi Anak Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Anak Korban Kekerasan yang mendapatkan pendampingan korban Tingkat Kabupaten/Kota\tOrang\t\t\t\t\t45\t60.000.000\t45\t60.000.000\t45\t60.000.000\t135\t180.000.000\t\t\t\t',
    1577: '2\t08\t07\t2,02\t0014\tlayanan kesehatan yang tidak dijamin BPJS, Jamkesda, dan sumber pendanaan lainnya bagi Anak Korban Kekerasan Tingkat Kabupaten/Kota\tJumlah Anak Korban yang mendapatkan Layanan Pengaduan atau Penjangkauan tingkat Daerah Kabupaten/Kota\tOrang\t\t\t\t\t45\t100.000.000\t45\t100.000.000\t45\t100.000.000\t135\t300.000.000\t\t\t\t',
    1578: '2\t08\t07\t2,03\t\tPenguatan dan Pengembangan Lembaga Penyedia Layanan bagi Anak yang Memerlukan Perlindungan Khusus Tingkat Daerah Kabupaten/Kota\tJumlah Lembaga Penyedia Layanan bagi Anak yang memerlukan perlindungan khusus\tLembaga\t-\t-\t-\t-\t2\t75.000.000\t2\t75.000.000\t2\t75.000.000\t6\t225.000.000\t\t\t\t',
    1579: '2\t08\t07\t2,03\t0007\tPengembangan KIE (komunikasi, informasi, dan edukasi) perlindungan khusus anak tingkat daerah kabupaten/kota\tJumlah KIE Perlindungan khusus anak\tDokumen\t\t\t\t\t1\t45.000.000\t1\t45.000.000\t1\t45.000.000\t3\t135.000.000\t\t\t\t',
    1580: '2\t08\t07\t2,03\t0013\tPeningkatan Kapasitas lembaga penyedia layanan bagi Anak yang Memerlukan Perlindungan Khusus Tingkat Daerah Kabupaten/Kota\tJumlah SDM lembaga penyedia layanan bagi Anak yang Memerlukan Perlindungan Khusus Tingkat Daerah Kabupaten/Kota yang mendapatkan bimtek\torang\t\t\t\t\t1\t30.000.000\t1\t30.000.000\t1\t30.000.000\t3\t90.000.000\t\t\t\t',
    1581: '\t\t\t\t\tJUMLAH\t\t\t\t\t\t\t\t14.445.744.207\t\t13.684.684.513\t\t16.112.581.735\t\t16.240.581.735\t\t16.265.581.735\t\t76.989.173.925',
}


# --------------------------------------------------------------------------------------------
# Independent reading of SOURCE. Layout fixes (docs/assumptions/bab4-rencana.md), by line:
WIDTH = 20            # code x5, uraian, indikator, satuan, (target, Rp) x5, akhir target, akhir Rp
CONTINUATION = {1400: 1394}   # line 1400 holds only 'Disediakan', the end of line 1394's indikator
ORPHAN = {1427}               # line 1427 holds only the sub-kegiatan code '0015': not stored
TOTAL_LINE = 1581             # JUMLAH, its cells shifted four to the right
MISSING_2026_RP = 1503        # the 2026 Rp cell is missing, later cells shifted one to the left
SINGLE_CELL_TOTAL = 1381      # 5-year Rp printed alone in the 2029 Rp cell


def amount(text: str, nihil: bool = False):
    """Indonesian-style number -> float; blank -> None; '-' -> 0 in an Rp column (nihil), else None."""
    s = text.strip()
    if s == "-" and nihil:
        return 0.0
    if s in ("", "-"):
        return None
    assert re.fullmatch(r"\d+|\d{1,3}(\.\d{3})+(,00)?", s), s
    return float(s.split(",")[0].replace(".", ""))


def source_cells() -> dict[int, list[str]]:
    rows = {}
    for line, text in SOURCE.items():
        cells = text.split("\t")
        if line == TOTAL_LINE:
            assert cells[5] == "JUMLAH" and not any(cells[8:12])
            cells = cells[:8] + cells[12:]
        if len(cells) > WIDTH:
            assert not any(cells[WIDTH:]), line
            cells = cells[:WIDTH]
        if line == MISSING_2026_RP:
            assert cells[-1] == ""
            cells = cells[:11] + [""] + cells[11:-1]
        if line == SINGLE_CELL_TOTAL:
            assert not any(cells[6:17]) and not any(cells[18:])
            cells = cells[:17] + ["", "", cells[17]]
        assert len(cells) == WIDTH, line
        rows[line] = cells
    return rows


def source_code(cells: list[str]) -> str:
    return ".".join(p for c in cells[:5] if c for p in c.replace(",", ".").split("."))


def _na(v) -> bool:
    return v is None or pd.isna(v)


def _same(a, b) -> bool:
    if _na(a) or _na(b):
        return _na(a) and _na(b)
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(float(a) - float(b)) < 1e-6


def _val(v):
    return None if _na(v) else float(v)


def _sum(values):
    present = [float(v) for v in values if not _na(v)]
    return sum(present) if present else None


@pytest.fixture(scope="module")
def plan() -> pd.DataFrame:
    return load(T)


@pytest.fixture(scope="module")
def printed() -> pd.DataFrame:
    return load_printed(T)


def _cell(frame: pd.DataFrame, kode: str, tahun: int, column: str):
    hit = frame[(frame["kode"] == kode) & (frame["tahun"] == tahun)]
    assert len(hit) == 1, f"{kode} {tahun}: {len(hit)} rows"
    return hit.iloc[0][column]


def _printed(printed: pd.DataFrame, row: str, tahun, column: str):
    sel = (printed["row"] == row) & (printed["column"] == column)
    sel &= printed["tahun"].isna() if tahun is None else (printed["tahun"] == tahun)
    hit = printed[sel.fillna(False)]
    assert len(hit) <= 1, f"{row} {tahun} {column}: {len(hit)} printed cells"
    return None if hit.empty else hit.iloc[0]


# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("table,row,kode,tahun,column,expected", SPOT_CELLS,
                         ids=[f"{c[0]} | {c[1]} | {c[2]} {c[3]} {c[4]}" for c in SPOT_CELLS])
def test_spot_cells(plan, table, row, kode, tahun, column, expected):
    value = _cell(plan, kode, tahun, column)
    if expected is None:
        assert _na(value), f"expected no value, got {value!r}"
    elif isinstance(expected, str):
        assert value == expected
    else:
        assert not _na(value) and float(value) == expected


@pytest.mark.parametrize("table,row,kode,tahun,column,text,value", SPOT_PRINTED,
                         ids=[f"{c[0]} | {c[1]} | {c[2]} {c[3]} {c[4]}" for c in SPOT_PRINTED])
def test_spot_printed(printed, table, row, kode, tahun, column, text, value):
    cell = _printed(printed, kode, tahun, column)
    assert cell is not None, "printed cell missing"
    assert cell["printed"] == text
    assert _same(cell["value"], value)


def test_every_source_row_transcribed(plan, printed):
    """Every row of SOURCE: code, level, texts, satuan, each year's target and Rp, the akhir columns."""
    cells_by_line = source_cells()
    codes = []
    indikator_extra = {CONTINUATION[k]: SOURCE[k].split("\t")[6] for k in CONTINUATION}
    parents = set(plan["parent_kode"].dropna())
    for line, cells in cells_by_line.items():
        if line in CONTINUATION:
            assert [c for c in cells if c] == [indikator_extra[CONTINUATION[line]]]
            continue
        if line in ORPHAN:
            assert [c for c in cells if c] == ["0015"]
            continue
        if line == TOTAL_LINE:
            kode, level = "total", "total"
        else:
            kode = source_code(cells)
            level = LEVELS[len(kode.split("."))]
            codes.append(kode)
            rows = plan[plan["kode"] == kode].sort_values("tahun")
            assert list(rows["tahun"]) == list(YEARS), kode
            first = rows.iloc[0]
            assert first["level"] == level, kode
            assert first["uraian"] == cells[5].strip(), kode
            indikator = cells[6].strip()
            if line in indikator_extra:
                indikator += " " + indikator_extra[line]
            assert (first["indikator"] if not _na(first["indikator"]) else "") == indikator, kode
            satuan = cells[7].strip()
            assert (first["satuan_teks"] if not _na(first["satuan_teks"]) else "") == satuan, kode
            assert _same(first["satuan"], SATUAN[satuan.lower()] if satuan else None), kode
            for col in ("uraian", "indikator", "satuan", "satuan_teks", "level", "parent_kode"):
                assert rows[col].nunique(dropna=False) == 1, (kode, col)
        for i, tahun in enumerate(YEARS):
            t_text, p_text = cells[8 + 2 * i].strip(), cells[9 + 2 * i].strip()
            if level == "total":
                pass
            elif level == "bidang_urusan":
                assert _na(_cell(plan, kode, tahun, "target")), kode
                cell = _printed(printed, kode, tahun, "target")
                assert (cell is None and t_text == "") or (cell["printed"] == t_text
                                                           and _same(cell["value"], amount(t_text))), (kode, tahun)
            else:
                assert _same(_cell(plan, kode, tahun, "target"), amount(t_text)), (kode, tahun, t_text)
            if kode in parents or level == "total":
                if level != "total":
                    assert _na(_cell(plan, kode, tahun, "pagu")), (kode, tahun)  # parent: derived only
                cell = _printed(printed, kode, tahun, "pagu")
                assert (cell is None and p_text == "") or (cell["printed"] == p_text
                                                           and _same(cell["value"], amount(p_text, True))), (kode, tahun)
            else:
                assert _same(_cell(plan, kode, tahun, "pagu"), amount(p_text, True)), (kode, tahun, p_text)
                assert printed_symbol(plan, "pagu", kode, tahun) == (p_text if p_text in ("-", "") else None)
            if level not in ("total", "bidang_urusan"):
                assert printed_symbol(plan, "target", kode, tahun) == (t_text if t_text in ("-", "") else None)
        for column, text in (("target_akhir", cells[18].strip()), ("pagu_akhir", cells[19].strip())):
            cell = _printed(printed, kode, None, column)
            assert (cell is None and text == "") or (cell["printed"] == text
                                                     and _same(cell["value"], amount(text, column == "pagu_akhir"))), (kode, column)
    assert sorted(set(plan["kode"])) == sorted(codes)
    assert len(codes) == len(set(codes)) == 138
    assert len(plan) == 138 * len(YEARS)


def test_printed_rows_and_columns_are_known(plan, printed):
    """Every printed figure belongs to a code of the table (or the JUMLAH row) and a known column."""
    assert set(printed["row"]) <= set(plan["kode"]) | {"total"}
    assert set(printed["column"]) == {"pagu", "target", "target_akhir", "pagu_akhir"}
    assert set(printed.loc[printed["column"] == "target", "row"]) == {"2.08"}
    assert printed.loc[printed["column"].isin(["target_akhir", "pagu_akhir"]), "tahun"].isna().all()
    assert printed.loc[printed["column"].isin(["pagu", "target"]), "tahun"].isin(YEARS).all()


def test_codes_well_formed(plan):
    """Codes are normalised U.BB.PP.K.KK.SSSS, their level follows their length, parents exist."""
    known = set(plan["kode"])
    for r in plan.drop_duplicates("kode").itertuples():
        assert CODE_PATTERN.match(r.kode), r.kode
        parts = r.kode.split(".")
        assert r.level == LEVELS[len(parts)], r.kode
        assert parts[1] in ("06", "08") and parts[0] == {"06": "1", "08": "2"}[parts[1]], r.kode
        if r.level == "bidang_urusan":
            assert _na(r.parent_kode)
        else:
            assert not _na(r.parent_kode) and r.parent_kode in known, r.kode
            expected_parent = ".".join(parts[: {3: 2, 5: 3, 6: 5}[len(parts)]])
            assert r.parent_kode == expected_parent, r.kode
    assert plan.groupby("kode")["tahun"].apply(lambda s: sorted(s) == list(YEARS)).all()


def test_pagu_only_on_leaves(plan):
    """Base pagu only on leaves; every printed parent has children (no childless kegiatan/program)."""
    parents = set(plan["parent_kode"].dropna())
    assert plan.loc[plan["kode"].isin(parents), "pagu"].isna().all()
    leaves = plan[~plan["kode"].isin(parents)]
    assert set(leaves["level"]) == {"sub_kegiatan"}
    assert leaves["pagu"].notna().sum() > 0


# --------------------------------------------------------------------------------------------
# Roll-ups
def _leaf_rollup(plan: pd.DataFrame) -> dict[tuple, float | None]:
    """(kode, tahun) -> sum of the sub-kegiatan pagu under kode (by code prefix); None if all empty."""
    leaves = plan[plan["level"] == "sub_kegiatan"]
    out = {}
    for kode in plan.loc[plan["level"] != "sub_kegiatan", "kode"].unique():
        under = leaves[leaves["kode"].str.startswith(kode + ".")]
        for tahun in YEARS:
            out[(kode, tahun)] = _sum(under.loc[under["tahun"] == tahun, "pagu"])
    for tahun in YEARS:
        out[("total", tahun)] = _sum(leaves.loc[leaves["tahun"] == tahun, "pagu"])
    return out


def _compare(found: dict, key, printed_value, recomputed, printed_text: str = ""):
    if printed_text == "-" and _same(printed_value, 0) and _na(recomputed):
        return  # '-' (nihil) over leaves that are all blank: both say "no amount"
    if not _same(printed_value, recomputed):
        found[key] = (_val(printed_value), _val(recomputed))


def test_pagu_rollup_from_leaves(plan, printed):
    """Every printed pagu (kegiatan, program, bidang urusan, JUMLAH; each year and 5-year) vs the leaves."""
    rolled = _leaf_rollup(plan)
    found: dict = {}
    pagu = printed[printed["column"] == "pagu"]
    assert len(pagu) > 0
    for r in pagu.itertuples():
        _compare(found, ("pagu", r.row, int(r.tahun)), r.value, rolled[(r.row, int(r.tahun))], r.printed)
    akhir = printed[printed["column"] == "pagu_akhir"]
    leaves = plan[plan["level"] == "sub_kegiatan"]
    for r in akhir.itertuples():
        if r.row in set(leaves["kode"]):
            recomputed = _sum(leaves.loc[leaves["kode"] == r.row, "pagu"])
        else:
            recomputed = _sum([rolled[(r.row, t)] for t in YEARS])
        _compare(found, ("pagu_akhir", r.row, None), r.value, recomputed, r.printed)
    assert found == EXPECTED_MISMATCHES


def test_pagu_rollup_step_by_step(plan, printed):
    """Each level against the printed level below: sub -> kegiatan -> program -> bidang -> JUMLAH."""
    pagu = printed[printed["column"] == "pagu"].set_index(["row", "tahun"])["value"]
    text = printed[printed["column"] == "pagu"].set_index(["row", "tahun"])["printed"]
    akhir = printed[printed["column"] == "pagu_akhir"].set_index("row")["value"]
    akhir_text = printed[printed["column"] == "pagu_akhir"].set_index("row")["printed"]
    one = plan[plan["tahun"] == YEARS[0]]
    children = one.groupby("parent_kode")["kode"].apply(list).to_dict()
    leaves = set(one.loc[one["level"] == "sub_kegiatan", "kode"])
    base = plan.set_index(["kode", "tahun"])["pagu"]
    found: dict = {}
    checked = 0
    for parent, kids in children.items():
        for tahun in YEARS:
            if (parent, tahun) not in pagu.index:
                continue  # bidang 1.06 prints only its 5-year Rp
            parts = [base[(k, tahun)] if k in leaves else pagu.get((k, tahun)) for k in kids]
            _compare(found, ("pagu", parent, tahun), pagu[(parent, tahun)], _sum(parts), text[(parent, tahun)])
            checked += 1
        parts = [akhir.get(k) for k in kids]
        _compare(found, ("pagu_akhir", parent, None), akhir[parent], _sum(parts), akhir_text[parent])
        checked += 1
    bidang = [k for k in children if len(k.split(".")) == 2]
    for tahun in YEARS:
        programs = [k for b in bidang for k in children[b]]
        _compare(found, ("pagu", "total", tahun), pagu[("total", tahun)], _sum(pagu.get((k, tahun)) for k in programs))
    _compare(found, ("pagu_akhir", "total", None), akhir["total"], _sum(akhir[b] for b in bidang))
    assert checked > 150
    # Stepwise, the 2026 error shows only where it is made (program 2.08.02); the 5-year JUMLAH
    # adds the bidang totals, so it inherits the bidang 2.08 error.
    assert found == {
        ("pagu", "2.08.02", 2026): (145_004_000.0, 385_004_000.0),
        ("pagu_akhir", "2.08", None): (7_617_603_442.0, 7_857_603_442.0),
        ("pagu_akhir", "total", None): (76_989_173_925.0, 76_749_173_925.0),
    }


def test_pagu_akhir_is_sum_of_own_years(plan, printed):
    """The 5-year Rp of each row against the five Rp cells printed on the same row."""
    pagu = printed[printed["column"] == "pagu"]
    found: dict = {}
    for r in printed[printed["column"] == "pagu_akhir"].itertuples():
        own = pagu[pagu["row"] == r.row]
        if own.empty:
            if r.row == "1.06":
                continue  # the bidang row prints no year
            own_values = plan.loc[plan["kode"] == r.row, "pagu"]
        else:
            assert len(own) == len(YEARS) or r.row != "total"
            own_values = own["value"]
        _compare(found, ("pagu_akhir", r.row, None), r.value, _sum(own_values), r.printed)
    assert found == EXPECTED_ROW_SUM_MISMATCHES


def test_bidang_target_is_sum_of_program_targets(plan, printed):
    """Bidang 2.08 prints a target per year: the sum of its programs' targets (no indicator of its own)."""
    found: dict = {}
    for r in printed[(printed["column"] == "target") & (printed["row"] == "2.08")].itertuples():
        programs = plan[(plan["parent_kode"] == "2.08") & (plan["tahun"] == r.tahun)]
        _compare(found, ("target", "2.08", int(r.tahun)), r.value, _sum(programs["target"]))
    assert len(printed[(printed["column"] == "target")]) == len(YEARS)
    assert found == {}


def test_target_akhir_document_convention(plan, printed):
    """The document's end-of-period target is the 5-year sum almost everywhere (even for '%': '500').

    Recorded here as what the document did; whether the sum is the right rule for the unit is
    judged by the audit (helpers), not by this transcription test.
    """
    found: dict = {}
    targets = printed[printed["column"] == "target"].set_index("tahun")["value"]
    for r in printed[printed["column"] == "target_akhir"].itertuples():
        if r.row == "2.08":
            values = list(targets)
        else:
            values = plan.loc[plan["kode"] == r.row, "target"]
        _compare(found, ("target_akhir", r.row, None), r.value, _sum(values))
    assert found == EXPECTED_TARGET_AKHIR_NOT_SUM
    # Rows in '%' (printed 'persen' or '%'): which took the 5-year sum, which the final year.
    percent = set(plan.loc[plan["satuan"] == "%", "kode"])
    akhir = printed[(printed["column"] == "target_akhir") & printed["row"].isin(percent)]
    summed = {r.row for r in akhir.itertuples() if ("target_akhir", r.row, None) not in found}
    assert summed == {"1.06.01.2.02", "1.06.01.2.05", "1.06.04", "1.06.04.2.01", "1.06.04.2.02",
                      "1.06.06", "1.06.06.2.01", "2.08.02", "2.08.03"}
    assert set(akhir["row"]) - summed == {"2.08.06", "2.08.07"}
    assert akhir.loc[akhir["row"] == "1.06.01.2.02", "printed"].item() == "500"
