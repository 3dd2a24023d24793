"""Tests of helpers/core/text.py: the EYD checks that every page's drafts must pass (issue 12)."""
from __future__ import annotations

import pytest

from helpers.core.text import document_term, eyd_problems


@pytest.mark.parametrize("text, problem", [
    ("Sebanyak 9 indikator tercapai, dua tidak tercapai.", "bilangan satu sampai sembilan"),
    ("Capaian 3 baris lain tidak dapat dihitung.", "bilangan satu sampai sembilan"),
    ("Tabel ini memuat (2 sub kegiatan) tanpa pagu.", "bilangan satu sampai sembilan"),
    ("Capaian 0,00% (menurut rumus polaritas -5,86%).", "tanda hubung sebagai tanda minus"),
    ("Pertumbuhan sebesar -10,64%.", "tanda hubung sebagai tanda minus"),
    ("Pagu sebesar Rp 4.660.671.000.", "Rp dengan spasi"),
    ("Ratio Kekerasan terhadap Anak naik.", "Ratio (bukan Rasio)"),
    ("Rasi Kekerasan Terhadap Anak naik.", "salah ketik Rasi Kekerasan"),
    ("5 dari lima indikator tercapai.", "kalimat diawali angka"),
])
def test_what_the_drafts_must_not_write(text, problem):
    found = eyd_problems(text)
    assert len(found) == 1 and found[0].startswith(problem), found


@pytest.mark.parametrize("text", [
    "Sebanyak sembilan indikator tercapai, dua tidak tercapai.",
    "Pada tahun 2024 terdapat 11 indikator dengan target.",         # ten and more stay figures
    "Jumlah PPKS naik 5 jiwa, dari 1 menjadi 6 jiwa.",                # a measure with its unit
    "Bangunan kantor berjumlah 9 unit (2 unit bangunan kayu).",
    "Sasaran 3 didukung oleh satu program; Tabel 2 indikator kegiatan tidak ada.",
    "Kendaraan roda 4 sebanyak tiga unit; Diploma 3 sebanyak tiga orang.",
    "Capaian 2,5 indikator rata-rata; kode 1.06.02 program; IKU.5 indikator; 95,5% program.",
    "Rasio kekerasan turun dari 2,95 (2021) menjadi 2,27 (2022) pada tahun 2019-2024.",
    "Capaian 0,00% (menurut rumus polaritas \u22125,86%); berkurang \u2212Rp526.015.000.",
    "Rasio Kekerasan Terhadap Anak, Permendagri 86/2017, sebanyak 1.234 jiwa.",
])
def test_what_the_drafts_may_write(text):
    assert eyd_problems(text) == []


def test_document_term_corrects_the_typos_only():
    assert document_term("Rasi Kekerasan Terhadap Anak") == "Rasio Kekerasan Terhadap Anak"
    assert document_term("Ratio Kekerasan terhadap Perempuan") == "Rasio Kekerasan terhadap Perempuan"
    assert document_term("Rasio Ketergantungan Rasi") == "Rasio Ketergantungan Rasi"
