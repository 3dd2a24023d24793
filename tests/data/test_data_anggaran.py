"""Transcription-fidelity and roll-up tests for the two budget tables of section 2.3.

Tables (no table number in the document):
  * 2_3_anggaran_2019_2020 - "Anggaran dan Realisasi Pendanaan Pelayanan Perangkat Daerah Dinas
    Sosial Tahun 2019-2020 Sesuai Permendagri 86 Tahun 2017" (source lines 725-806, English style)
  * 2_3_anggaran_2021_2024 - "... Tahun 2021-2024 (Sesuai Permendagri 90 Tahun 2019)"
    (source lines 808-944, Indonesian style)

Expected values come from the document: hand-typed spot cells (SPOT_CELLS) plus the data rows of
both tables copied verbatim from the source text export (SOURCE_2019_2020, SOURCE_2021_2024,
keyed by source line, tab-separated as exported; repeated page headers left out). The roll-up
tests recompute every printed parent amount and grand total from the leaves with pandas and
compare with data/printed/. Hierarchy decisions: docs/assumptions/bab2-anggaran.md.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.core.data import load, load_printed, printed_symbol
from support import DATA

T1920 = "2_3_anggaran_2019_2020"
T2124 = "2_3_anggaran_2021_2024"
LABEL = {T1920: "Anggaran 2019-2020", T2124: "Anggaran 2021-2024"}
YEARS = {T1920: (2019, 2020), T2124: (2021, 2022, 2023, 2024)}
STYLE = {T1920: "en", T2124: "id"}
TOTAL_LINE = {T1920: 806, T2124: 944}

# --------------------------------------------------------------------------------------------
# Hierarchy as decided (see docs/assumptions/bab2-anggaran.md). Lines not listed are the lowest
# level: kegiatan in 2019-2020, sub_kegiatan in 2021-2024.
PROGRAM_LINES = {
    T1920: {730, 746, 752, 754, 757, 762, 777, 779, 788, 799, 804},
    T2124: {812, 846, 855, 858, 877, 886, 896, 899, 907, 915, 918, 921, 933},
}
KEGIATAN_LINES_2124 = {
    813, 816, 819, 825, 832, 834, 842,  # PROGRAM PENUNJANG ...
    847,  # PEMBERDAYAAN SOSIAL
    856,  # PENANGANAN WARGA NEGARA MIGRAN ...
    859, 869,  # REHABILITASI SOSIAL
    878, 882,  # PERLINDUNGAN DAN JAMINAN SOSIAL
    887, 894,  # PENANGANAN BENCANA
    897,  # PENGELOLAAN TAMAN MAKAM PAHLAWAN (first of two identical rows)
    900, 902, 904,  # PENGARUSUTAMAAN GENDER ...
    911, 913,  # PERLINDUNGAN PEREMPUAN
    916,  # PENINGKATAN KUALITAS KELUARGA
    919,  # PENGELOLAAN SISTEM DATA GENDER DAN ANAK
    922, 928,  # PEMENUHAN HAK ANAK
    934, 938,  # PERLINDUNGAN KHUSUS ANAK
}
RANK = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def expected_level(table: str, line: int) -> str:
    if line in PROGRAM_LINES[table]:
        return "program"
    if table == T1920:
        return "kegiatan"
    return "kegiatan" if line in KEGIATAN_LINES_2124 else "sub_kegiatan"


# --------------------------------------------------------------------------------------------
# The document's sums that do not equal the sum of their leaves.
# Key: (table, row_id, tahun, column) -> (printed, recomputed from the leaves).
# Numerically every printed program/kegiatan amount and both grand totals are right: no entry.
EXPECTED_MISMATCHES: dict[tuple, tuple] = {}

# Blank ("no value") versus 0: a parent printed 0 whose leaves are all blank, or a parent printed
# blank whose leaves hold a printed 0. Numerically equal, but the document's own no-value
# convention is broken, so they are listed. (printed, recomputed); None = no value.
EXPECTED_BLANK_ZERO: dict[tuple, tuple] = {
    (T2124, "P01.K03", 2024, "anggaran"): (0, None),
    (T2124, "P01.K03", 2024, "realisasi"): (0, None),
    (T2124, "P01.K05", 2023, "anggaran"): (0, None),
    (T2124, "P03", 2024, "anggaran"): (0, None),
    (T2124, "P03", 2024, "realisasi"): (0, None),
    (T2124, "P03.K01", 2024, "anggaran"): (0, None),
    (T2124, "P03.K01", 2024, "realisasi"): (0, None),
    (T2124, "P05.K01", 2024, "realisasi"): (0, None),
    (T2124, "P09", 2024, "anggaran"): (0, None),
    (T2124, "P09", 2024, "realisasi"): (0, None),
    (T2124, "P09.K01", 2024, "anggaran"): (0, None),
    (T2124, "P09.K01", 2024, "realisasi"): (0, None),
    (T2124, "P09.K02", 2022, "anggaran"): (None, 0),
    (T2124, "P09.K02", 2023, "realisasi"): (0, None),
    (T2124, "P09.K02", 2024, "realisasi"): (0, None),
    (T2124, "P11", 2023, "realisasi"): (0, None),
    (T2124, "P11", 2024, "realisasi"): (0, None),
    (T2124, "P12", 2021, "anggaran"): (None, 0),
    (T2124, "P13.K01", 2024, "anggaran"): (0, None),
    (T2124, "P13.K01", 2024, "realisasi"): (0, None),
}

# --------------------------------------------------------------------------------------------
# Spot cells, typed by hand from the document. BLANK = a blank cell: nihil, loaded as 0 with the
# symbol '' kept (schema: blank: nihil; the document's growth -100,00 over a blank last year adds it as 0).
BLANK = ""
# (table, row_id, uraian as printed (prefix), tahun, column, expected)
SPOT_CELLS = [
    # Anggaran 2019-2020 - first base cell, last base cell and cells in between
    (T1920, "P01.K01", "Penyediaan Jasa Surat Menyurat", 2019, "anggaran", 5_000_000),
    (T1920, "P01.K10", "Rapat Orapat Koordinasi", 2019, "realisasi", 330_491_629),
    (T1920, "P02.K01", "Pengadaan Kendaraan Dinas/Operasional", 2019, "anggaran", 494_600_000),
    (T1920, "P02.K01", "Pengadaan Kendaraan Dinas/Operasional", 2020, "anggaran", 0),
    (T1920, "P02.K03", "Pengadaan Meubileur", 2019, "realisasi", BLANK),
    (T1920, "P06.K01", "Pendataan PMKS dan PSKS", 2019, "anggaran", BLANK),
    (T1920, "P06.K01", "Pendataan PMKS dan PSKS", 2019, "realisasi", 0),
    (T1920, "P06.K11", "Pemberian bantuan untuk fakir miskin", 2020, "anggaran", 426_580_000),
    (T1920, "P08.K05", "Penanganan ODGJ", 2019, "realisasi", 1_000_000),
    (T1920, "P09.K05", "Dana Pendampingan Program Keluarga Harapan", 2020, "anggaran", 714_027_734),
    (T1920, "P10.K03", "Penanggulangan Dini Evakuasi", 2020, "realisasi", 265_250_000),
    (T1920, "P10.K04", "Keserasian Sosial dan Kearifan Lokal", 2019, "anggaran", BLANK),
    (T1920, "P11.K01", "Peningkatan Kesadaran Masyarakat", 2020, "realisasi", 0),
    # Anggaran 2021-2024
    (T2124, "P01.K01.S01", "Penyusunan Dokumen Perencanaan", 2021, "anggaran", 4_999_809),
    (T2124, "P01.K02.S01", "Penyediaan Gaji dan Tunjangan ASN", 2024, "anggaran", 3_611_721_375),
    (T2124, "P01.K05.S01", "Pengadaan Kendaraan Dinas Operasional", 2023, "anggaran", BLANK),
    (T2124, "P01.K05.S01", "Pengadaan Kendaraan Dinas Operasional", 2023, "realisasi", 0),
    (T2124, "P04.K01.S01", "Penyediaan Permakanan", 2021, "anggaran", BLANK),
    (T2124, "P04.K01.S01", "Penyediaan Permakanan", 2024, "anggaran", 110_195_000),
    (T2124, "P04.K01.S04", "Pemberian Bimbingan Sosial kepada Keluarga", 2024, "realisasi", 3_501_996_000),
    (T2124, "P04.K02.S02", "Penyediaan Permakanan", 2022, "anggaran", 2_195_438_900),
    (T2124, "P04.K02.S05", "Pemberian Bimbingan Sosial kepada Keluarga", 2024, "anggaran", 1_436_910_132),
    (T2124, "P05.K02.S02", "Pengelolaan Data Fakir Miskin", 2021, "anggaran", 263_399_862),
    (T2124, "P05.K02.S03", "Fasilitasi Bantuan Sosial Kesejahteraan Keluarga", 2023, "realisasi", 1_124_952_048),
    (T2124, "P08.K03.S02", "Pengembangan Komunikasi, Informasi dan Edukasi (KIE)", 2024, "realisasi", 531_938_032),
    (T2124, "P09.K02.S01", "Penyediaan Kebutuhan Spesifik", 2022, "anggaran", 0),
    (T2124, "P12.K01.S02", "Koordinasi dan Sinkronisasi Pelembagaan", 2023, "anggaran", 55_297_500),
    (T2124, "P13.K02.S02", "Koordinasi dan Sinkronisasi Penguatan Jejaring", 2024, "realisasi", 0),
]

# Printed derived cells, typed by hand. (table, row, tahun, column, printed, value)
SPOT_PRINTED = [
    (T1920, "P01", 2019, "anggaran", "708,200,000", 708_200_000),
    (T1920, "P01", None, "pertumbuhan_anggaran", "014.53", -14.53),
    (T1920, "P01.K05", None, "pertumbuhan_anggaran", "0.00", 0.0),
    (T1920, "P02.K01", None, "pertumbuhan_realisasi", "0100.00", -100.0),
    (T1920, "P06", 2020, "realisasi", "403,168,000", 403_168_000),
    (T1920, "total", 2019, "anggaran", "4,660,671,000", 4_660_671_000),
    (T1920, "total", 2020, "realisasi", "3,687,959,717", 3_687_959_717),
    (T1920, "total", 2020, "rasio", "88.55", 88.55),
    (T2124, "P01", 2021, "anggaran", "5.830.362.584", 5_830_362_584),
    (T2124, "P01", None, "pertumbuhan_anggaran", "016,37", -16.37),
    (T2124, "P04.K01", 2024, "anggaran", "4.672.374.203", 4_672_374_203),
    (T2124, "P04.K01.S04", None, "pertumbuhan_anggaran", "1213,26", 1213.26),
    (T2124, "P06.K02", None, "pertumbuhan_realisasi", "09,71", -9.71),
    (T2124, "P12", 2021, "anggaran", None, 0),
    (T2124, "total", 2021, "rasio", "91,60", 91.60),
    (T2124, "total", 2024, "anggaran", "14.817.179.710", 14_817_179_710),
    (T2124, "total", 2024, "realisasi", "14.128.614.613", 14_128_614_613),
]

# --------------------------------------------------------------------------------------------
# Data rows copied verbatim from the source text export, keyed by source line (tab-separated;
# the header rows repeated at page breaks are left out). Line 806 / 944 is the grand total.
SOURCE_2019_2020 = {
    730: 'Program Pelayanan Administrasi Perkantoran\t708,200,000\t605,265,000\t665,322,833\t599,210,617\t93.95\t99.00\t014.53\t09.94',
    731: 'Penyediaan Jasa Surat Menyurat\t5,000,000\t4,491,000\t4,125,000\t4,489,000\t82.50\t99.96\t010.18\t8.82',
    732: 'Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik\t40,000,000\t46,000,000\t16,481,754\t44,716,849\t41.20\t97.21\t15.00\t171.31',
    733: 'Penyediaan Jasa Administrasi Keuangan\t79,700,000\t104,600,000\t79,163,000\t104,600,000\t99.33\t100.00\t31.24\t32.13',
    734: 'Penyediaan Jasa Perbaikan Peralatan Kerja\t20,000,000\t15,000,000\t19,965,000\t14,996,000\t99.83\t99.97\t025.00\t024.89',
    735: 'Penyediaan Alat Tulis Kantor\t48,000,000\t48,000,000\t45,468,250\t47,959,500\t94.73\t99.92\t0.00\t5.48',
    736: 'Penyediaan Barang Cetak dan Penggandaan\t14,000,000\t9,499,000\t12,704,500\t9,469,300\t90.75\t99.69\t032.15\t025.46',
    737: 'Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor\t4,000,000\t2,000,000\t2,039,000\t2,000,000\t50.98\t100.00\t050.00\t01.91',
    738: 'Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan\t51,000,000\t54,000,000\t49,220,000\t50,365,000\t96.51\t93.27\t5.88\t2.33',
    739: 'Penyediaan Makanan dan Minuman\t17,700,000\t9,500,000\t15,711,700\t9,197,500\t88.77\t96.82\t046.33\t041.46',
    740: 'Rapat Orapat Koordinasi dan konsultasi ke dalam dan luar daerah\t331,400,000\t218,675,000\t330,491,629\t217,939,468\t99.73\t99.66\t034.01\t034.06',
    741: 'Penyediaan Jasa Kebersihan dan Keamanan Kantor\t65,100,000\t57,500,000\t59,303,000\t57,478,000\t91.10\t99.96\t011.67\t03.08',
    745: 'Penyediaan Jasa Driver Mobil Jabatan dan Operasional\t32,300,000\t36,000,000\t30,650,000\t36,000,000\t94.89\t100.00\t11.46\t17.46',
    746: 'Program Peningkatan Sarana dan Prasarana aparatur\t761,000,000\t234,985,000\t704,500,545\t227,831,500\t92.58\t96.96\t069.12\t067.66',
    747: 'Pengadaan Kendaraan Dinas/Operasional\t494,600,000\t0\t475,730,000\t0\t96.18\t0\t0100.00\t0100.00',
    748: 'Pengadaan Perlengkapan Gedung Kantor\t30,000,000\t65,760,000\t28,510,000\t65,730,000\t95.03\t99.95\t119.20\t130.55',
    749: 'Pengadaan Meubileur\t0\t47,500,000\t\t47,155,000\t0\t99.27\t0.00\t0.00',
    750: 'Pemeliharaan Rutin/Berkala Gedung Kantor\t30,000,000\t29,975,000\t28,580,000\t29,975,000\t95.27\t100.00\t00.08\t4.88',
    751: 'Pemeliharaan Rutin/Berkala Kendaraan Dinas/Operasional\t206,400,000\t91,750,000\t171,680,545\t84,971,500\t83.18\t92.61\t055.55\t050.51',
    752: 'Program Peningkatan Disiplin Aparatur\t24,000,000\t0\t22,400,000\t0\t93.33\t0\t0100.00\t0100.00',
    753: 'Pengadaan Pakaian Dinas Beserta Perlengkapannya\t24,000,000\t0\t22,400,000\t0\t93.33\t0\t0100.00\t0100.00',
    754: 'Program Peningkatan Pengembangan Sistem Pelaporan Capaian Kinerja dan Keuangan\t2,500,000\t0\t2,431,000\t0\t97.24\t0\t0100.00\t0100.00',
    755: 'Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD\t1,500,000\t0\t1,441,000\t0\t96.07\t0\t0100.00\t0100.00',
    756: 'Penyusunan Pelaporan Keuangan Akhir Tahun\t1,000,000\t0\t990,000\t0\t99.00\t0\t0100.00\t0100.00',
    757: 'Program Peningkatan Perencanaan Kinerja dan Keuangan\t2,000,000\t0\t1,968,000\t0\t98.40\t0\t0100.00\t0100.00',
    761: 'Penyusunan Rencana Kerja dan Anggaran SKPD\t2,000,000\t0\t1,968,000\t0\t98.40\t0\t0100.00\t0100.00',
    762: 'Program Pemberdayaan Fakir Miskin, Komunitas Adat Terpencil (KAT) dan Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya\t585,056,000\t831,245,000\t560,214,500\t403,168,000\t95.75\t48.50\t42.08\t028.03',
    763: 'Pendataan PMKS dan PSKS Tingkat Kabupaten\t\t\t0\t0\t0\t0\t0.00\t0.00',
    764: 'Rapat Koordinasi Penanggulangan Kemiskinan\t54,556,000\t147,750,000\t46,375,500\t146,553,000\t85.01\t99.19\t170.82\t216.01',
    765: 'Verifikasi dan Validasi Basis Data Terpadu\t\t\t0\t0\t0\t0\t0.00\t0.00',
    766: 'Penyaluran Raskin/ BPNT\t497,000,000\t218,485,000\t484,221,000\t218,485,000\t97.43\t100.00\t056.04\t054.88',
    767: 'Penghargaan Kepada Pahlawan dan Perintis Kemerdekaan\t33,500,000\t0\t29,618,000\t0\t88.41\t0\t0100.00\t0100.00',
    768: 'Peringatan Hari Lanjut Usia Nasional\t0\t0\t0\t0\t0\t0\t0.00\t0.00',
    769: 'Peringatan Hari Internasional Penyandang Cacat\t0\t0\t0\t0\t0\t0\t0.00\t0.00',
    770: 'Pemberian bantuan paket lansia untuk lansia produktif\t0\t0\t0\t0\t0\t0\t0.00\t0.00',
    771: 'Pelatihan ketrampilan untuk penyandang cacat\t0\t0\t0\t0\t0\t0\t0.00\t0.00',
    772: 'Fasilitasi Badan Koordinasi Kegiatan Kesejahteraan Sosial (BK3S)\t0\t38,430,000\t0\t38,130,000\t0\t99.22\t0.00\t0.00',
    776: 'Pemberian bantuan untuk fakir miskin yang tidak tertampung di Program PKH dan BNPT\t0\t426,580,000\t0\t0\t0\t0\t0.00\t0.00',
    777: 'Program Pembinaan Anak Terlantar\t0\t0\t0\t0\t0\t0\t0.00\t0.00',
    778: 'Sosialisasi Pencegahan Kekerasan dan Pelecehan Terhadap Anak\t0\t0\t0\t0\t0\t0\t0.00\t0.00',
    779: 'Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial\t227,124,000\t123,875,000\t84,301,750\t122,824,100\t37.12\t99.15\t045.46\t45.70',
    780: 'Hari Kesetiakawanan Sosial Nasional Tingkat Kabupaten\t53,194,000\t0\t52,638,250\t0\t98.96\t0\t0100.00\t0100.00',
    781: 'Pemulangan Pekerja Migran ke Daerah Asal\t15,510,000\t0\t1,663,500\t0\t10.73\t0\t0100.00\t0100.00',
    782: 'Pengiriman Warga Binaan ke Panti Sosial\t8,500,000\t8,300,000\t5,500,000\t8,300,000\t64.71\t100.00\t02.35\t50.91',
    783: 'Razia Tuna Sosial\t25,000,000\t30,925,000\t23,500,000\t29,925,000\t94.00\t96.77\t23.70\t27.34',
    784: 'Penanganan ODGJ\t124,920,000\t0\t1,000,000\t0\t0.80\t0\t0100.00\t0100.00',
    785: 'Penanganan warga binaan di luar panti\t0\t76,100,000\t0\t76,049,100\t0\t99.93\t0.00\t0.00',
    786: 'Rehabilitasi sosial terhadap anak\t0\t8,550,000\t0\t8,550,000\t0\t100.00\t0.00\t0.00',
    787: 'Sosialisasi dan pelaksanaan test urine bagi kalangan internal Dinas Sosial\t0\t0\t0\t0\t0\t0\t0.00\t0.00',
    788: 'Program Pemberdayaan Kelembagaan Kesejahteraan Sosial\t1,850,341,000\t1,921,822,734\t1,599,617,000\t1,899,711,500\t86.45\t98.85\t3.86\t18.76',
    789: 'Asistensi dan Pemberdayaan Wanita Rawan Sosial Ekonomi\t855,400,000\t844,200,000\t625,230,000\t840,650,000\t73.09\t99.58\t01.31\t34.45',
    793: 'Penanganan Penyandang Disabilitas\t219,216,000\t233,995,000\t213,295,000\t231,695,000\t97.30\t99.02\t6.74\t8.63',
    794: 'Bimbingan dan Pengembangan Organisasi Masyarakat (ORSOS)/LSM/ORSOS Desa\t15,000,000\t0\t13,440,000\t0\t89.60\t0\t0100.00\t0100.00',
    795: 'Penguatan Kapasitas Tenaga Kesejahteraan Sosial Kecamatan (TKSK)\t129,600,000\t129,600,000\t125,550,000\t129,600,000\t96.88\t100.00\t0.00\t3.23',
    796: 'Dana Pendampingan Program Keluarga Harapan (PKH)\t398,500,000\t714,027,734\t394,977,000\t697,766,500\t99.12\t97.72\t79.18\t76.66',
    797: 'Rapat Kerja Daerah Karang Taruna dan PSM\t112,625,000\t0\t107,625,000\t0\t95.56\t0\t0100.00\t0100.00',
    798: 'Rehab Balai Disabilitas\t120,000,000\t0\t119,500,000\t0\t99.58\t0\t0100.00\t0100.00',
    799: 'Program Pencegahan Dini dan Penanggulangan Korban Bencana Alam\t480,450,000\t447,750,000\t465,899,228\t435,214,000\t96.97\t97.20\t06.81\t06.59',
    800: 'Pembinaan Kepada Masyarakat Korban Bencana\t176,850,000\t166,000,000\t166,731,217\t166,000,000\t94.28\t100.00\t06.14\t00.44',
    801: 'Pengiriman Bantuan Sosial Korban Bencana\t8,500,000\t4,250,000\t4,068,011\t3,964,000\t47.86\t93.27\t050.00\t02.56',
    802: 'Penanggulangan Dini Evakuasi Korban Bencana\t295,100,000\t277,500,000\t295,100,000\t265,250,000\t100.00\t95.59\t05.96\t010.12',
    803: 'Keserasian Sosial dan Kearifan Lokal\t\t0\t0\t0\t0\t0\t0.00\t0.00',
    804: 'Program Pengembangan Wawasan Kebangsaan\t20,000,000\t0\t19,900,000\t0\t99.50\t0\t0100.00\t0100.00',
    805: 'Peningkatan Kesadaran Masyarakat Akan Nilai Onilai Luhur Budaya Bangsa\t20,000,000\t0\t19,900,000\t0\t99.50\t0\t0100.00\t0100.00',
    806: '\t4,660,671,000\t4,164,942,734\t4,126,554,856\t3,687,959,717\t88.54\t88.55\t010.64\t010.63',
}

SOURCE_2021_2024 = {
    812: 'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/ KOTA\t5.830.362.584\t5.486.343.622\t4.764.302.886\t4.875.918.410\t5.549.341.176\t5.238.518.928\t4.584.970.245\t4.543.184.665\t95,18\t95,48\t96,24\t93,18\t016,37\t018,13',
    813: 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah\t9.996.586\t14.999.000\t9.609.000\t12.037.800\t9.897.500\t14.808.000\t6.725.000\t7.060.000\t99,01\t98,73\t69,99\t58,65\t20,42\t028,67',
    814: 'Penyusunan Dokumen Perencanaan Perangkat Daerah\t4.999.809\t10.000.000\t5.100.000\t6.567.800\t4.937.800\t9.852.000\t4.750.000\t5.065.000\t98,76\t98,52\t93,14\t77,12\t31,36\t2,58',
    815: 'Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD\t4.996.777\t4.999.000\t4.509.000\t5.470.000\t4.959.700\t4.956.000\t1.975.000\t1.995.000\t99,26\t99,14\t43,80\t36,47\t9,47\t059,78',
    816: 'Administrasi Keuangan Perangkat Daerah\t2.378.492.112\t3.604.006.124\t3.192.283.459\t3.611.721.375\t2.329.127.413\t3.448.727.252\t3.121.241.860\t3.397.065.682\t97,92\t95,69\t97,77\t94,06\t51,85\t45,85',
    817: 'Penyediaan Gaji dan Tunjangan ASN\t2.373.493.219\t3.599.007.124\t3.189.524.459\t3.611.721.375\t2.324.152.413\t3.444.928.252\t3.118.482.860\t3.397.065.682\t97,92\t95,72\t97,77\t94,06\t52,17\t46,16',
    818: 'Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD\t4.998.893\t4.999.000\t2.759.000\t0\t4.975.000\t3.799.000\t2.759.000\t0\t99,52\t76,00\t100,00\t0,00\t0100,00\t0100,00',
    819: 'Administrasi Kepegawaian Perangkat Daerah\t74.174.547\t50.400.000\t37.500.000\t0\t72.381.000\t50.040.000\t37.125.000\t0\t97,58\t99,29\t99,00\t0,00\t0100,00\t0100,00',
    820: 'Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya\t49.174.547\t50.400.000\t37.500.000\t\t47.381.000\t50.040.000\t37.125.000\t\t96,35\t99,29\t99,00\t0,00\t0100,00\t0100,00',
    824: 'Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi\t25.000.000\t0\t0\t\t25.000.000\t0\t\t\t100,00\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    825: 'Administrasi Umum Perangkat Daerah\t514.198.991\t389.099.356\t449.979.270\t96.100.000\t470.437.107\t366.554.081\t426.818.710\t68.930.000\t91,49\t94,21\t94,85\t71,73\t081,31\t085,35',
    826: 'Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor\t6.000.301\t18.799.850\t11.988.270\t4.500.000\t5.678.000\t18.144.500\t11.988.000\t4.500.000\t94,63\t96,51\t100,00\t100,00\t025,00\t020,75',
    827: 'Penyediaan Peralatan dan Perlengkapan Kantor\t283.817.809\t25.300.000\t98.000.000\t\t261.653.300\t24.300.000\t92.050.000\t\t92,19\t96,05\t93,93\t0,00\t0100,00\t0100,00',
    828: 'Penyediaan Bahan Logistik Kantor\t29.986.498\t30.000.000\t64.500.000\t\t29.893.000\t29.646.600\t64.295.000\t\t99,69\t98,82\t99,68\t0,00\t0100,00\t0100,00',
    829: 'Penyediaan Barang Cetak dan Penggandaan\t19.999.383\t39.999.506\t24.991.000\t\t19.074.400\t39.961.650\t24.972.500\t\t95,37\t99,91\t99,93\t0,00\t0100,00\t0100,00',
    830: 'Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan\t52.895.000\t115.000.000\t75.000.000\t91.600.000\t38.410.000\t96.800.000\t58.440.000\t64.430.000\t72,62\t84,17\t77,92\t70,34\t73,17\t67,74',
    831: 'Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD\t121.500.000\t160.000.000\t175.500.000\t\t115.728.407\t157.701.331\t175.073.210\t\t95,25\t98,56\t99,76\t0,00\t0100,00\t0100,00',
    832: 'Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah\t1.676.500.000\t238.000.000\t0\t67.200.000\t1.660.134.000\t221.800.000\t0\t67.200.000\t99,02\t93,19\t0,00\t100,00\t095,99\t095,95',
    833: 'Pengadaan Kendaraan Dinas Operasional Atau Lapangan\t1.676.500.000\t238.000.000\t\t67.200.000\t1.660.134.000\t221.800.000\t0\t67.200.000\t99,02\t93,19\t0,00\t100,00\t095,99\t095,95',
    834: 'Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah\t499.162.348\t844.862.642\t661.751.157\t821.279.235\t453.449.732\t820.580.500\t610.436.804\t755.312.925\t90,84\t97,13\t92,25\t91,97\t64,53\t66,57',
    835: 'Penyediaan Jasa Surat Menyurat\t7.176.000\t21.200.000\t11.200.000\t\t7.176.000\t21.200.000\t11.200.000\t\t100,00\t100,00\t100,00\t0,00\t0100,00\t0100,00',
    839: 'Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik\t120.600.000\t146.000.000\t54.998.145\t84.999.235\t96.174.632\t146.000.000\t47.544.789\t41.532.925\t79,75\t100,00\t86,45\t48,86\t029,52\t056,82',
    840: 'Penyediaan Jasa Peralatan dan Perlengkapan Kantor\t40.300.000\t40.300.000\t20.000.000\t\t40.160.000\t34.350.000\t19.995.820\t\t99,65\t85,24\t99,98\t0,00\t0100,00\t0100,00',
    841: 'Penyediaan Jasa Pelayanan Umum Kantor\t331.086.348\t637.362.642\t575.553.012\t736.280.000\t309.939.100\t619.030.500\t531.696.195\t713.780.000\t93,61\t97,12\t92,38\t96,94\t122,38\t130,30',
    842: 'Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah\t677.838.000\t344.976.500\t413.180.000\t267.580.000\t553.914.424\t316.009.095\t382.622.871\t247.616.058\t81,72\t91,60\t92,60\t92,54\t060,52\t055,30',
    843: 'Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Per an Dinas atau Kendaraan Dinas Jabatan\t322.838.000\t71.400.000\t71.900.000\t71.900.000\t251.758.464\t69.427.750\t71.261.200\t71.170.250\t77,98\t97,24\t99,11\t98,99\t077,73\t071,73',
    844: 'Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan Pajak dan Perizinan Kendaraan Dinas Operasional Atau Lapangan\t75.000.000\t213.576.500\t241.280.000\t195.680.000\t60.132.000\t186.806.345\t212.407.512\t176.445.808\t80,18\t87,47\t88,03\t90,17\t160,91\t193,43',
    845: 'Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya\t280.000.000\t60.000.000\t100.000.000\t\t242.023.960\t59.775.000\t98.954.159\t\t86,44\t99,63\t98,95\t0,00\t0100,00\t0100,00',
    846: 'PROGRAM PEMBERDAYAAN SOSIAL\t493.019.317\t210.000.000\t244.000.000\t338.000.000\t466.236.000\t210.000.000\t244.000.000\t338.000.000\t94,57\t100,00\t100,00\t100,00\t031,44\t027,50',
    847: 'Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota\t493.019.317\t210.000.000\t244.000.000\t338.000.000\t466.236.000\t210.000.000\t244.000.000\t338.000.000\t94,57\t100,00\t100,00\t100,00\t031,44\t027,50',
    848: 'Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kewenangan Kabupaten/Kota\t49.126.610\t0\t\t\t43.820.000\t0\t0\t\t89,20\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    852: 'Peningkatan Kemampuan Potensi Tenaga Kesejahteraan Sosial Kecamatan Kewenangan Kabupaten/Kota\t194.400.000\t90.000.000\t144.000.000\t288.000.000\t194.400.000\t90.000.000\t144.000.000\t288.000.000\t100,00\t100,00\t100,00\t100,00\t48,15\t48,15',
    853: 'Peningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial Keluarga Kewenangan Kabupaten/Kota\t0\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    854: 'Peningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial Kelembagaan Masyarakat Kewenangan Kabupaten/Kota\t249.492.707\t120.000.000\t100.000.000\t50.000.000\t228.016.000\t120.000.000\t100.000.000\t50.000.000\t91,39\t100,00\t100,00\t100,00\t079,96\t078,07',
    855: 'PROGRAM PENANGANAN WARGA NEGARA MIGRAN KORBAN TINDAK KEKERASAN\t29.099.812\t0\t0\t0\t5.000.000\t0\t0\t0\t17,18\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    856: 'Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi di Daerah Kabupaten/Kota untuk dipulangkan ke Desa/Kelurahan Asal\t29.099.812\t0\t0\t0\t5.000.000\t0\t0\t0\t17,18\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    857: 'Fasilitasi Pemulangan Warga Negara Migran Korban Tindak Kekerasan dari Titik Debarkasi di Daerah Kabupaten/Kota untuk dipulangkan ke Desa/Kelurahan Asal\t29.099.812\t0\t0\t\t5.000.000\t0\t0\t\t17,18\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    858: 'PROGRAM REHABILITASI SOSIAL\t1.752.760.277\t3.493.226.300\t3.769.129.973\t7.299.089.335\t1.315.766.472\t3.225.814.910\t3.476.928.928\t7.058.400.055\t75,07\t92,34\t92,25\t96,70\t316,43\t436,45',
    859: 'Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial\t787.297.423\t1.086.787.400\t1.950.960.190\t4.672.374.203\t726.151.857\t912.804.010\t1.680.945.415\t4.500.482.780\t92,23\t83,99\t86,16\t96,32\t493,47\t519,77',
    860: 'Penyediaan Permakanan\t\t\t\t110.195.000\t\t\t\t105.270.000\t0,00\t0,00\t0,00\t95,53\t0,00\t0,00',
    861: 'Penyediaan Alat Bantu\t304.600.743\t223.319.850\t200.875.000\t\t271.428.400\t203.347.000\t199.920.000\t\t89,11\t91,06\t99,52\t0,00\t0100,00\t0100,00',
    862: 'Pemberian Bimbingan Fisik, Mental, Spiritual, dan Sosial\t\t\t\t974.363.333\t\t\t\t893.216.780\t0,00\t0,00\t0,00\t91,67\t0,00\t0,00',
    863: 'Pemberian Bimbingan Sosial kepada Keluarga Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis dan Masyarakat\t273.199.721\t307.051.950\t1.203.476.090\t3.587.815.870\t268.414.322\t270.005.488\t1.079.486.650\t3.501.996.000\t98,25\t87,93\t89,70\t97,61\t1213,26\t1204,70',
    864: 'Pemberian Layanan Kedaruratan\t0\t149.965.700\t42.649.100\t\t0\t57.520.000\t41.029.765\t\t0,00\t38,36\t96,20\t0,00\t0,00\t0,00',
    865: 'Pemberian Pelayanan Penelusuran Keluarga\t209.496.959\t406.449.900\t503.960.000\t0\t186.309.135\t381.931.522\t360.509.000\t\t88,93\t93,97\t71,54\t0,00\t0100,00\t0100,00',
    869: 'Rehabilitasi Sosial Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya Bukan Korban HIV/AIDS dan NAPZA di Luar Panti Sosial\t965.462.854\t2.406.438.900\t1.818.169.783\t2.626.715.132\t589.614.615\t2.313.010.900\t1.795.983.513\t2.557.917.275\t61,07\t96,12\t98,78\t97,38\t172,07\t333,83',
    870: 'Pemberian Layanan Data dan Pengaduan\t312.480.799\t44.000.000\t32.400.000\t\t288.233.000\t29.650.000\t31.350.000\t\t92,24\t67,39\t96,76\t0,00\t0100,00\t0100,00',
    871: 'Penyediaan Permakanan\t499.956.394\t2.195.438.900\t1.711.609.350\t1.189.805.000\t199.760.000\t2.137.960.900\t1.701.660.963\t1.156.885.075\t39,96\t97,38\t99,42\t97,23\t137,98\t479,14',
    872: 'Penyediaan Sandang\t\t140.000.000\t48.600.000\t\t0\t136.400.000\t37.953.000\t\t0,00\t97,43\t78,09\t0,00\t0,00\t0,00',
    873: 'Pemberian Bimbingan Fisik, Mental, Spiritual, dan Sosial\t58.217.115\t27.000.000\t25.560.433\t\t55.710.000\t9.000.000\t25.019.550\t\t95,69\t33,33\t97,88\t0,00\t0100,00\t0100,00',
    874: 'Pemberian Bimbingan Sosial kepada Keluarga Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis dan Masyarakat\t0\t\t\t1.436.910.132\t0\t\t\t1.401.032.200\t0,00\t0,00\t0,00\t97,50\t0,00\t0,00',
    875: 'Pemberian Akses Layanan Pendidikan dan Kesehatan Dasar\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    876: 'Kerjasama antar Lembaga dan Kemitraan dalam Pelaksanaan Rehabilitasi Sosial Kabupaten/Kota\t94.808.546\t0\t0\t\t45.911.615\t0\t\t\t48,43\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    877: 'PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL\t2.178.109.328\t3.267.205.510\t1.721.384.062\t668.600.000\t2.115.133.085\t3.098.449.279\t1.562.598.548\t660.746.344\t97,11\t94,83\t90,78\t98,83\t069,30\t068,76',
    878: 'Pemeliharaan Anak-Anak Terlantar\t96.349.684\t217.383.650\t89.146.772\t0\t79.983.160\t188.081.750\t49.796.500\t0\t83,01\t86,52\t55,86\t0,00\t0100,00\t0100,00',
    879: 'Penjangkauan Anak-Anak Terlantar\t80.999.729\t0\t\t\t75.213.160\t0\t\t\t92,86\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    880: 'Rujukan Anak 0Anak Terlantar\t15.349.955\t13.499.750\t11.750.000\t\t4.770.000\t624.750\t9.200.000\t\t31,08\t4,63\t78,30\t0,00\t0100,00\t0100,00',
    881: 'Pemantauan Terhadap Pelaksanaan Pemeliharaan Anak Terlantar\t0\t203.883.900\t77.396.772\t0\t0\t187.457.000\t40.596.500\t\t0,00\t91,94\t52,45\t0,00\t0,00\t0,00',
    882: 'Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota\t2.081.759.644\t3.049.821.860\t1.632.237.290\t668.600.000\t2.035.149.925\t2.910.367.529\t1.512.802.048\t660.746.344\t97,76\t95,43\t92,68\t98,83\t067,88\t067,53',
    883: 'Pendataan Fakir Miskin Cakupan Daerah Kabupaten/Kota\t754.806.074\t1.231.350.000\t433.153.000\t\t729.261.435\t1.215.928.782\t387.850.000\t\t96,62\t98,75\t89,54\t0,00\t0100,00\t0100,00',
    884: 'Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota\t263.399.862\t0\t\t\t258.177.300\t0\t\t\t98,02\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    885: 'Fasilitasi Bantuan Sosial Kesejahteraan Keluarga\t1.063.553.708\t1.818.471.860\t1.199.084.290\t668.600.000\t1.047.711.190\t1.694.438.747\t1.124.952.048\t660.746.344\t98,51\t93,18\t93,82\t98,83\t037,14\t036,93',
    886: 'PROGRAM PENANGANAN BENCANA\t809.483.134\t452.336.000\t446.696.600\t509.661.300\t712.695.368\t441.409.280\t388.922.000\t462.648.907\t88,04\t97,58\t87,07\t90,78\t037,04\t035,08',
    887: 'Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota\t367.328.978\t66.000.000\t134.696.600\t119.661.300\t280.742.068\t58.589.480\t79.922.000\t72.648.907\t76,43\t88,77\t59,33\t60,71\t067,42\t074,12',
    888: 'Penyediaan Makanan\t309.563.422\t66.000.000\t134.696.600\t119.661.300\t227.758.068\t58.589.480\t79.922.000\t72.648.907\t73,57\t88,77\t59,33\t60,71\t061,35\t068,10',
    889: 'Penyediaan Sandang\t0\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    893: 'Penyediaan Tempat Penampungan Pengungsi\t57.765.556\t0\t\t\t52.984.000\t0\t\t\t91,72\t0,00\t0,00\t0,00\t0100,00\t0100,00',
    894: 'Penyelenggaraan Pemberdayaan Masyarakat terhadap Kesiapsiagaan Bencana Kabupaten/Kota\t442.154.156\t386.336.000\t312.000.000\t390.000.000\t431.953.300\t382.819.800\t309.000.000\t390.000.000\t97,69\t99,09\t99,04\t100,00\t011,80\t09,71',
    895: 'Koordinasi, Sosialisasi dan Pelaksanaan Taruna Siaga Bencana\t442.154.156\t386.336.000\t312.000.000\t390.000.000\t431.953.300\t382.819.800\t309.000.000\t390.000.000\t97,69\t99,09\t99,04\t100,00\t011,80\t09,71',
    896: 'PROGRAM PENGELOLAAN TAMAN MAKAM PAHLAWAN\t0\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    897: 'Pemeliharaan Taman Makam Pahlawan Nasional Kabupaten/Kota\t0\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    898: 'Pemeliharaan Taman Makam Pahlawan Nasional Kabupaten/Kota\t0\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    899: 'PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN\t99.993.493\t245.499.986\t269.012.250\t636.761.050\t99.752.317\t243.264.650\t242.773.864\t590.497.082\t99,76\t99,09\t90,25\t92,73\t536,80\t491,96',
    900: 'Pelebagaan Pengarusutamaan Gender (PUG) Pada Lembaga Pemerintah Kewenangan Kabupaten/Kota\t0\t0\t10.587.850\t0\t0\t0\t6.903.000\t0\t0,00\t0,00\t65,20\t0,00\t0,00\t0,00',
    901: 'Sosialisasi Kebijakan Pelaksanaan PUG Termasuk PPRG\t0\t0\t10.587.850\t0\t0\t0\t6.903.000\t0\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    902: 'Pemberdayaan Perempuan Bidang Politik, Hukum, Sosial dan Ekonomi Pada Organisasi Kemasyarakatan Kewenangan Kab/Kota\t0\t0\t0\t52.794.050\t0\t0\t0\t45.819.050\t0,00\t0,00\t0,00\t86,79\t0,00\t0,00',
    903: 'Advokasi Kebijakan dan Pendampingan Peningkatan Partisipasi Perempuan dan Politik, Hukum, Sosial dan Ekonomi\t0\t0\t0\t52.794.050\t0\t0\t0\t45.819.050\t0,00\t0,00\t0,00\t86,79\t0,00\t0,00',
    904: 'Penguatan dan Pengembangan Lembaga Penyedia Layanan Pemberdayaan Perempuan Kewenangan Kabupaten/Kota\t99.993.493\t245.499.986\t258.424.400\t583.967.000\t99.752.317\t243.264.650\t235.870.864\t544.678.032\t99,76\t99,09\t91,27\t93,27\t484,01\t446,03',
    905: 'Peningkatan Kapasitas Sumber Daya Lembaga Penyedia Layanan Pemberdayaan Perempuan Kewenangan Kabupaten/Kota\t0\t0\t0\t30.250.000\t0\t0\t0\t12.740.000\t0,00\t0,00\t0,00\t42,12\t0,00\t0,00',
    906: 'Pengembangan Komunikasi, Informasi dan Edukasi (KIE) Pemberdayaan Perempuan Kewenangan Kabupaten/Kota\t99.993.493\t245.499.986\t258.424.400\t553.717.000\t99.752.317\t243.264.650\t235.870.864\t531.938.032\t99,76\t99,09\t91,27\t96,07\t453,75\t433,26',
    907: 'PROGRAM PERLINDUNGAN PEREMPUAN\t47.750.000\t33.315.835\t12.250.000\t0\t36.000.000\t21.112.000\t12.227.000\t0\t75,39\t63,37\t99,81\t0,00\t0100,00\t0100,00',
    911: 'Penyediaan Layanan Rujukan Lanjutan bagi Perempuan Korban Kekerasan yang Memerlukan Koordinasi Kewenangan Kabupaten/Kota\t47.750.000\t33.315.835\t12.250.000\t0\t36.000.000\t21.112.000\t12.227.000\t0\t75,39\t63,37\t99,81\t0,00\t0100,00\t0100,00',
    912: 'Penyediaan Layanan Pengaduan Masyarakat bagi Perempuan Korban Kekerasan Kewenangan Kabupaten/Kota\t47.750.000\t33.315.835\t12.250.000\t\t36.000.000\t21.112.000\t12.227.000\t\t75,39\t63,37\t99,81\t0,00\t0100,00\t0100,00',
    913: 'Penguatan dan Pengembangan Lembaga Penyedia Layanan Perlindungan Perempuan Tingkat Daerah Kabupaten/Kota\t\t\t\t\t0\t0\t0\t0\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    914: 'Penyediaan Kebutuhan Spesifik Bagi Perempuan dalam Situasi Darurat dan Kondisi Khusus Kewenangan Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    915: 'PROGRAM PENINGKATAN KUALITAS KELUARGA\t0\t0\t0\t207.387.635\t0\t0\t0\t199.740.170\t0,00\t0,00\t0,00\t96,31\t0,00\t0,00',
    916: 'Penguatan dan Pengembangan Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga dalam Mewujudkan KG dan Hak Anak yang wilayah Kerjanya dalam Daerah Kab/Kota\t0\t0\t0\t207.387.635\t0\t0\t0\t199.740.170\t0,00\t0,00\t0,00\t96,31\t0,00\t0,00',
    917: 'Peningkatan Kapasitas Sumber Daya Lembaga Penyedia Layanan Peningkatan Kualitas Keluarga Tingkat Daerah Kabupaten/Kota\t0\t0\t0\t207.387.635\t0\t0\t0\t199.740.170\t0,00\t0,00\t0,00\t96,31\t0,00\t0,00',
    918: 'PROGRAM PENGELOLAAN SISTEM DATA GENDER DAN ANAK\t\t0\t\t\t0\t0\t0\t0\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    919: 'Pengumpulan, Pengolahan analisis dan Penyajian Data Gender dan Anak dalam kelembagaan Data di Tingkat daerah Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    920: 'Penyajian dan Pemanfaatan Data Gender dan Anak dalam Kelembagaan Data di Kewenangan Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    921: 'PROGRAM PEMENUHAN HAK ANAK (PHA)\t\t153.462.589\t133.466.000\t281.761.980\t0\t152.771.066\t118.066.000\t275.397.390\t0,00\t99,55\t88,46\t97,74\t0,00\t0,00',
    922: 'Pelembagaan PHA pada Lembaga Pemerintah, Nonpemerintah, dan Dunia Usaha Kewenangan Kabupaten/Kota\t0\t153.462.589\t133.466.000\t281.761.980\t0\t152.771.066\t118.066.000\t275.397.390\t0,00\t99,55\t88,46\t97,74\t0,00\t0,00',
    923: 'Advokasi Kebijakan dan Pendampingan Pemenuhan Hak Anak pada Lembaga Pemerintah, Non Pemerintah, Media dan Dunia Usaha Kewenangan Kabupaten/Kota\t0\t153.462.589\t78.168.500\t281.761.980\t0\t152.771.066\t78.168.500\t275.397.390\t0,00\t99,55\t100,00\t97,74\t0,00\t0,00',
    927: 'Koordinasi dan Sinkronisasi Pelembagaan Pemenuhan Hak Anak Kewenangan Kabupaten/Kota\t\t0\t55.297.500\t\t0\t0\t39.897.500\t\t0,00\t0,00\t72,15\t0,00\t0,00\t0,00',
    928: 'Penguatan dan Pengembangan Lembaga Penyedia Layanan Peningkatan Kualitas Hidup Anak Kewenangan Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    929: 'Penyediaan Layanan Peningkatan Kualitas Hidup Anak Kewenangan Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    930: 'Koordinasi dan Sinkronisasi Pelaksanaan Pendampingan Peningkatan Kualitas Hidup Anak Tingkat Daerah Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    931: 'Pengembangan Komunikasi, Informasi dan Edukasi Pemenuhan Hak Anak bagi Lembaga Penyedia Layanan Peningkatan Kualitas Hidup Anak Tingkat Daerah Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    932: 'Penguatan Jejaring antar Lembaga Penyedia Layanan Peningkatan Kualitas Hidup Anak Tingkat Daerah Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    933: 'PROGRAM PERLINDUNGAN KHUSUS ANAK\t57.880.000\t119.144.000\t38.150.000\t0\t49.332.000\t116.903.041\t38.132.000\t0\t85,23\t98,12\t99,95\t0,00\t0100,00\t0100,00',
    934: 'Penyediaan Layanan bagi Anak yang Memerlukan Perlindungan Khusus yang Memerlukan Koordinasi Tingkat Daerah Kabupaten/Kota\t57.880.000\t119.144.000\t38.150.000\t0\t49.332.000\t116.903.041\t38.132.000\t0\t85,23\t98,12\t99,95\t0,00\t0100,00\t0100,00',
    935: 'Penyediaan Layanan Pengaduan Masyarakat bagi Anak yang Memerlukan Perlindungan Khusus Tingkat Daerah Kabupaten/Kota\t57.880.000\t119.144.000\t14.150.000\t\t49.332.000\t116.903.041\t14.150.000\t\t85,23\t98,12\t100,00\t0,00\t0100,00\t0100,00',
    936: 'Koordinasi dan Sinkronisasi Pelaksanaan Pendampingan Anak yang Memerlukan Perlindungan Khusus Kewenangan Kabupaten/Kota\t\t0\t24.000.000\t\t0\t0\t23.982.000\t\t0,00\t0,00\t99,93\t0,00\t0,00\t0,00',
    937: 'Pengembangan Komunikasi, Informasi dan Edukasi Anak yang Memerlukan Perlindungan Khusus Kewenangan Kabupaten/Kota\t\t0\t\t\t0\t0\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    938: 'Penguatan dan Pengembangan Lembaga Penyedia Layanan bagi Anak yang Memerlukan Perlindungan Khusus Tingkat Daerah Kabupaten/Kota\t0\t0\t0\t0\t0\t0\t0\t0\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    942: 'Koordinasi dan Sinkronisasi Penyediaan Sarana Prasarana Layanan bagi Anak yang Memerlukan Perlindungan Khusus Tingkat Daerah Kabupaten/Kota\t0\t0\t0\t0\t0\t0\t0\t0\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    943: 'Koordinasi dan Sinkronisasi Penguatan Jejaring antar Lembaga Penyedia Layanan Anak yang Memerlukan Perlindungan Khusus Tingkat Daerah Kabupaten/Kota\t0\t0\t0\t0\t0\t0\t0\t0\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00',
    944: 'JUMLAH\t11.298.457.945\t13.460.533.842\t11.398.391.771\t14.817.179.710\t10.349.256.418\t12.748.243.154\t10.668.618.585\t14.128.614.613\t91,60\t94,71\t93,60\t95,35\t31,14\t36,52',
}


# --------------------------------------------------------------------------------------------
# Independent parsers for the verbatim source rows.
def parse_amount(text: str, style: str):
    """A printed amount/ratio -> float; blank -> None. en: 708,200,000 / 93.95; id: 5.830.362.584 / 95,18."""
    s = text.strip()
    if s == "":
        return None
    if style == "en":
        assert re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", s), s
        return float(s.replace(",", ""))
    assert re.fullmatch(r"\d+(\.\d{3})*(,\d+)?", s), s
    return float(s.replace(".", "").replace(",", "."))


def parse_growth_cell(text: str, style: str):
    """Growth cell: a leading 0 followed by a digit is a lost minus sign (016,37 = -16,37)."""
    s = text.strip()
    if len(s) > 1 and s[0] == "0" and s[1].isdigit():
        return -parse_amount(s[1:], style)
    return parse_amount(s, style)


def source_rows(table: str) -> dict[int, list[str]]:
    src = SOURCE_2019_2020 if table == T1920 else SOURCE_2021_2024
    width = 1 + 3 * len(YEARS[table]) + 2  # uraian; anggaran, realisasi, rasio per year; 2 growth
    rows = {n: line.split("\t") for n, line in src.items()}
    for n, cells in rows.items():
        assert len(cells) == width, (table, n, len(cells))
    return rows


def _na(v):
    return v is None or pd.isna(v)


def _same(a, b) -> bool:
    if _na(a) or _na(b):
        return _na(a) and _na(b)
    return abs(float(a) - float(b)) < 1e-6


def _printed_cell(printed: pd.DataFrame, row: str, tahun, column: str) -> pd.Series:
    sel = (printed["row"] == row) & (printed["column"] == column)
    sel &= printed["tahun"].isna() if tahun is None else (printed["tahun"] == tahun)
    hit = printed[sel.fillna(False)]
    assert len(hit) == 1, f"{row} {tahun} {column}: {len(hit)} printed cells"
    return hit.iloc[0]


TABLES = [pytest.param(t, id=LABEL[t]) for t in (T1920, T2124)]


# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "table,row_id,uraian,tahun,column,expected",
    [pytest.param(*c, id=f"{LABEL[c[0]]} | {c[1]} {c[2]} | {c[3]} {c[4]} = {c[5]}") for c in SPOT_CELLS],
)
def test_spot_cells(table, row_id, uraian, tahun, column, expected):
    df = load(table)
    hit = df[(df["row_id"] == row_id) & (df["tahun"] == tahun)]
    assert len(hit) == 1
    assert hit.iloc[0]["uraian"].startswith(uraian)
    value = hit.iloc[0][column]
    symbol = printed_symbol(df, column, row_id, tahun)
    if expected is None:
        assert pd.isna(value), f"expected no value, got {value}"
    elif expected == BLANK:
        assert value == 0 and symbol == "", f"expected nihil printed blank, got {value} / {symbol!r}"
    else:
        assert symbol is None
        assert not pd.isna(value) and value == expected


@pytest.mark.parametrize(
    "table,row,tahun,column,printed,value",
    [pytest.param(*c, id=f"{LABEL[c[0]]} | printed {c[1]} | {c[2]} {c[3]} = {c[4]}") for c in SPOT_PRINTED],
)
def test_spot_printed(table, row, tahun, column, printed, value):
    cell = _printed_cell(load_printed(table), row, tahun, column)
    assert (_na(cell["printed"]) and printed is None) or cell["printed"] == printed
    assert _same(cell["value"], value)


@pytest.mark.parametrize("table", TABLES)
def test_every_line_transcribed(table):
    """Every data row of the document: name, leaf amounts, blank vs 0, and every printed cell."""
    style, years = STYLE[table], YEARS[table]
    n = len(years)
    df, printed = load(table), load_printed(table)
    src = source_rows(table)
    assert set(df["source_line"]) == set(src) - {TOTAL_LINE[table]}
    parents = set(df["parent_id"].dropna())
    for line, cells in src.items():
        ang, rea, ras = cells[1:1 + n], cells[1 + n:1 + 2 * n], cells[1 + 2 * n:1 + 3 * n]
        g_ang, g_rea = cells[-2], cells[-1]
        if line == TOTAL_LINE[table]:
            row_id, is_parent = "total", True
            assert cells[0].strip() in ("", "JUMLAH")
        else:
            rows = df[df["source_line"] == line].set_index("tahun")
            assert list(rows.index) == list(years), line
            assert rows["uraian"].nunique() == 1 and rows["uraian"].iloc[0] == cells[0].rstrip(), line
            row_id = rows["row_id"].iloc[0]
            is_parent = row_id in parents
        for i, tahun in enumerate(years):
            for column, text in (("anggaran", ang[i]), ("realisasi", rea[i])):
                expected = parse_amount(text, style)
                expected = 0.0 if expected is None else expected  # a blank amount is nihil
                if is_parent:
                    if row_id != "total":
                        assert pd.isna(rows.loc[tahun, column]), (line, tahun, column)
                    cell = _printed_cell(printed, row_id, tahun, column)
                    assert (cell["printed"] if not _na(cell["printed"]) else "") == text.strip(), (line, tahun)
                    assert _same(cell["value"], expected), (line, tahun, column)
                else:
                    assert _same(rows.loc[tahun, column], expected), (line, tahun, column, text)
                    symbol = printed_symbol(df, column, row_id, tahun)
                    assert symbol == ("" if text.strip() == "" else None), (line, tahun, column, symbol)
            cell = _printed_cell(printed, row_id, tahun, "rasio")
            assert cell["printed"] == ras[i].strip() and _same(cell["value"], parse_amount(ras[i], style))
        for column, text in (("pertumbuhan_anggaran", g_ang), ("pertumbuhan_realisasi", g_rea)):
            cell = _printed_cell(printed, row_id, None, column)
            assert cell["printed"] == text.strip(), (line, column)
            assert _same(cell["value"], parse_growth_cell(text, style)), (line, column)
    # nothing else in printed/: parents x years x 2 + every row x (years + 2 growth)
    n_rows = len(src)
    n_parents = len(parents) + 1
    assert len(printed) == n_parents * n * 2 + n_rows * (n + 2)


@pytest.mark.parametrize("table", TABLES)
def test_hierarchy(table):
    """Levels as decided, and each row's parent is the nearest preceding row one level up."""
    df = load(table).drop_duplicates("row_id").sort_values("urutan")
    assert list(df["urutan"]) == list(range(1, len(df) + 1))
    assert list(df["source_line"]) == sorted(df["source_line"])
    last_at_level: dict[str, str] = {}
    for _, r in df.iterrows():
        level = expected_level(table, int(r["source_line"]))
        assert r["level"] == level, (r["source_line"], r["uraian"])
        if level == "program":
            assert pd.isna(r["parent_id"])
            if table == T1920:
                assert r["uraian"].startswith("Program")
            else:
                assert r["uraian"] == r["uraian"].upper()
        else:
            up = "program" if level == "kegiatan" else "kegiatan"
            assert r["parent_id"] == last_at_level[up], (r["source_line"], r["uraian"])
        last_at_level[level] = r["row_id"]
        for deeper in [k for k, v in RANK.items() if v > RANK[level]]:
            last_at_level.pop(deeper, None)


def recompute_rollups(table: str) -> pd.DataFrame:
    """Sum the leaves into every ancestor and into `total`. All leaves blank -> no value."""
    df = load(table)
    parent = dict(zip(df["row_id"], df["parent_id"]))
    leaves = df[~df["row_id"].isin(set(df["parent_id"].dropna()))]
    parts = []
    for _, leaf in leaves.iterrows():
        ancestors, p = ["total"], parent[leaf["row_id"]]
        while not pd.isna(p):
            ancestors.append(p)
            p = parent[p]
        for a in ancestors:
            parts.append({"row": a, "tahun": int(leaf["tahun"]),
                          "anggaran": leaf["anggaran"], "realisasi": leaf["realisasi"]})
    frame = pd.DataFrame(parts).astype({"anggaran": "Float64", "realisasi": "Float64"})
    sums = frame.groupby(["row", "tahun"])[["anggaran", "realisasi"]].sum(min_count=1)
    return sums.reset_index().melt(id_vars=["row", "tahun"], var_name="column", value_name="recomputed")


def _compare(table: str):
    printed = load_printed(table)
    printed = printed[printed["column"].isin(["anggaran", "realisasi"])]
    merged = printed.merge(recompute_rollups(table).astype({"tahun": "Int64"}),
                           on=["row", "tahun", "column"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    return merged


def _val(v):
    return None if pd.isna(v) else int(v)


@pytest.mark.parametrize("table", TABLES)
def test_rollups_match_printed(table):
    """Numeric check: each printed parent amount/grand total vs the sum of its leaves (blank = 0)."""
    merged = _compare(table)
    assert len(merged) == (len(set(load(table)["parent_id"].dropna())) + 1) * len(YEARS[table]) * 2
    a, b = merged["value"].fillna(0), merged["recomputed"].fillna(0)
    bad = merged[(a - b).abs() > 0.5]
    found = {(table, r.row, int(r.tahun), r.column): (_val(r.value), _val(r.recomputed))
             for r in bad.itertuples()}
    expected = {k: v for k, v in EXPECTED_MISMATCHES.items() if k[0] == table}
    assert found == expected


@pytest.mark.parametrize("table", TABLES)
def test_rollups_blank_versus_zero(table):
    """Strict check, blank and 0 kept apart. Read as nihil (the schema's ``blank: nihil``), every
    printed parent agrees with its leaves. Read as "no value" (the reading before), exactly the
    cells of EXPECTED_BLANK_ZERO disagree: the document's own sums add a blank as 0."""
    merged = _compare(table)
    assert merged[merged["value"].isna() != merged["recomputed"].isna()].empty
    raw = pd.read_csv(DATA / "tables" / f"{table}.csv", dtype=str, keep_default_na=False)
    parent = dict(zip(raw["row_id"], raw["parent_id"]))
    leaves = raw[~raw["row_id"].isin(set(raw["parent_id"]) - {""})]
    sums: dict = {}
    for leaf in leaves.itertuples():
        ancestors, p = ["total"], parent[leaf.row_id]
        while p:
            ancestors.append(p)
            p = parent[p]
        for a in ancestors:
            for column in ("anggaran", "realisasi"):
                text = getattr(leaf, column)
                key = (a, int(leaf.tahun), column)
                if text != "":
                    sums[key] = (sums.get(key) or 0) + int(text)
                else:
                    sums.setdefault(key, None)
    found = {}
    for r in merged.itertuples():
        as_printed = None if _na(r.printed) or r.printed == "" else _val(r.value)
        recomputed = sums[(r.row, int(r.tahun), r.column)]
        if (as_printed is None) != (recomputed is None):
            found[(table, r.row, int(r.tahun), r.column)] = (as_printed, recomputed)
    expected = {k: v for k, v in EXPECTED_BLANK_ZERO.items() if k[0] == table}
    assert found == expected
