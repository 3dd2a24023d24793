"""Realisation template, importer and evaluation.

The filled templates here are SYNTHETIC (made up in the test, or the labelled fixture
tests/fixtures/realisasi-2026-SINTETIS.csv): they exercise the code, they are not data.
"""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import evaluasi, realisasi
from helpers.core.data import DataValidationError

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "realisasi-2026-SINTETIS.csv"


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ so the importer can write into it."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns("*.csv.tmp*"))
    for f in (target / "realisasi").glob("*.csv"):
        f.unlink()
    return target


def filled_template(data_dir, tahun=2026) -> pd.DataFrame:
    t = realisasi.template(tahun, data_dir)
    t["realisasi"] = [str(i + 1).replace(".", ",") for i in range(len(t))]   # synthetic values
    return t


def write_csv(df: pd.DataFrame, path: Path, sep=",") -> Path:
    df.to_csv(path, index=False, sep=sep)
    return path


def test_template_lists_every_indicator_and_plan_row(data_copy):
    t = realisasi.template(2025, data_copy)
    assert list(t.columns) == list(realisasi.COLUMNS)
    jenis = set(t["jenis"])
    assert {"IKU", "IKK", "SPM", "program", "kegiatan", "sub_kegiatan"} <= jenis
    iku = t[t["jenis"] == "IKU"].set_index("kode")
    assert iku.loc["IKU.1", "target"] == pytest.approx(10.68)         # Tabel 4.5.1, Tingkat Kemiskinan 2025
    assert t[["jenis", "kode"]].duplicated().sum() == 0
    assert t["realisasi"].isna().all()


def test_template_refuses_years_without_targets(data_copy):
    with pytest.raises(ValueError, match="sudah ada di tabel dokumen"):
        realisasi.template(2024, data_copy)
    with pytest.raises(ValueError, match="bukan tahun"):
        realisasi.template("dua ribu", data_copy)


def test_write_template_csv_and_xlsx(data_copy, tmp_path):
    csv_path, xlsx_path = realisasi.write_template(2025, tmp_path / "out", data_copy)
    from openpyxl import load_workbook
    ws = load_workbook(xlsx_path).worksheets[0]
    assert [c.value for c in ws[1]] == list(realisasi.TEMPLATE_COLUMNS)
    assert ws.title == "Realisasi 2025" and ws.parent.properties.subject == "tahun=2025"
    assert ws.max_row == len(realisasi.template(2025, data_copy)) + 1
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_template_writes_the_corrected_terms_and_old_and_new_templates_import(data_copy, tmp_path):
    """The template a planner reads says "Rasio Kekerasan" (the data keep "Rasi"); the importer matches
    rows by jenis and kode, so a template filled before the correction and one written now import alike."""
    from openpyxl import load_workbook

    csv_path, xlsx_path = realisasi.write_template(2026, tmp_path / "out", data_copy)
    cells = [str(c.value) for row in load_workbook(xlsx_path).worksheets[0].iter_rows() for c in row]
    for text in (csv_path.read_text(encoding="utf-8-sig"), " ".join(cells)):
        assert "Rasio Kekerasan Terhadap Anak" in text
        assert "Rasi Kekerasan" not in text and "Ratio Kekerasan" not in text
    old = filled_template(data_copy)                                   # the data's names, as before
    assert (old["indikator"] == "Rasi Kekerasan Terhadap Anak").any()
    new = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    new["realisasi"] = list(old["realisasi"])                          # SINTETIS, the same values
    realisasi.import_filled(write_csv(old, tmp_path / "lama.csv"), 2026, data_copy)
    before = realisasi.load_realisasi(2026, data_copy)
    realisasi.import_filled(write_csv(new, tmp_path / "baru.csv"), 2026, data_copy, overwrite=True)
    after = realisasi.load_realisasi(2026, data_copy)
    pd.testing.assert_frame_equal(before, after)
    assert after["realisasi"].notna().all()
    assert (after["indikator"] == "Rasi Kekerasan Terhadap Anak").any()   # stored as the data spell it
    xlsx = load_workbook(xlsx_path)
    ws = xlsx.worksheets[0]
    ws.cell(row=2, column=list(realisasi.TEMPLATE_COLUMNS).index("realisasi") + 1, value=7.5)
    xlsx.save(tmp_path / "baru.xlsx")
    realisasi.import_filled(tmp_path / "baru.xlsx", 2026, data_copy, overwrite=True)
    assert realisasi.load_realisasi(2026, data_copy).loc[0, "realisasi"] == pytest.approx(7.5)


def test_import_valid_file_indonesian_numbers_and_semicolons(data_copy, tmp_path):
    filled = filled_template(data_copy)
    filled.loc[0, "realisasi"] = "10,94"
    filled.loc[len(filled) - 1, "realisasi_anggaran"] = "1.234.567"
    source = write_csv(filled, tmp_path / "isian.csv", sep=";")
    before = {p: p.read_bytes() for p in (data_copy / "tables").iterdir()}
    written = realisasi.import_filled(source, 2026, data_copy)
    assert written == data_copy / "realisasi" / "2026.csv"
    stored = realisasi.load_realisasi(2026, data_copy)
    assert stored.loc[0, "realisasi"] == pytest.approx(10.94)
    assert stored.iloc[-1]["realisasi_anggaran"] == 1234567
    assert before == {p: p.read_bytes() for p in (data_copy / "tables").iterdir()}, "other data files changed"


def test_import_xlsx_round_trip(data_copy, tmp_path):
    _, xlsx_path = realisasi.write_template(2027, tmp_path, data_copy)
    from openpyxl import load_workbook
    wb = load_workbook(xlsx_path)
    ws = wb.worksheets[0]
    col = list(realisasi.TEMPLATE_COLUMNS).index("realisasi") + 1
    ws.cell(row=2, column=col, value=10.5)
    wb.save(xlsx_path)
    realisasi.import_filled(xlsx_path, 2027, data_copy)
    assert realisasi.load_realisasi(2027, data_copy).loc[0, "realisasi"] == pytest.approx(10.5)


def test_import_reports_every_bad_row_and_writes_nothing(data_copy, tmp_path):
    filled = filled_template(data_copy)
    filled.loc[1, "realisasi"] = "1.234"            # ambiguous
    filled.loc[2, "realisasi"] = "banyak"           # not a number
    filled.loc[3, "satuan"] = "kg"                  # unit changed
    filled.loc[4, "realisasi"] = "-5"               # negative
    filled.loc[5, "kode"] = "IKU.99"                # unknown code
    filled = pd.concat([filled, filled.iloc[[6]]])   # duplicate row
    source = write_csv(filled, tmp_path / "isian.csv")
    with pytest.raises(realisasi.RealisasiImportError) as info:
        realisasi.import_filled(source, 2026, data_copy)
    problems = info.value.problems
    by_row = {p.row: p for p in problems}
    assert {3, 4, 5, 6, 7} <= set(by_row)
    assert "ambigu" in str(by_row[3]) and by_row[3].column == "realisasi"
    assert by_row[4].value == "banyak"
    assert by_row[5].column == "satuan" and by_row[5].value == "kg"
    assert "negatif" in str(by_row[6])
    assert "tidak dikenal" in str(by_row[7]) and by_row[7].value == "IKU.99"
    assert any("baris ganda" in str(p) for p in problems)
    assert not (data_copy / "realisasi" / "2026.csv").exists()


def test_import_refuses_to_overwrite_without_flag(data_copy, tmp_path):
    source = write_csv(filled_template(data_copy), tmp_path / "isian.csv")
    realisasi.import_filled(source, 2026, data_copy)
    first = (data_copy / "realisasi" / "2026.csv").read_bytes()
    with pytest.raises(DataValidationError, match="sudah ada"):
        realisasi.import_filled(source, 2026, data_copy)
    assert (data_copy / "realisasi" / "2026.csv").read_bytes() == first
    realisasi.import_filled(source, 2026, data_copy, overwrite=True)


def test_import_header_errors(data_copy, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("jenis,kode,nilai\nIKU,IKU.1,3\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="header"):
        realisasi.import_filled(bad, 2026, data_copy)


def test_cli_import_exit_codes(data_copy, tmp_path, capsys):
    source = write_csv(filled_template(data_copy), tmp_path / "isian.csv")
    assert realisasi.main(["import", "--tahun", "2026", "--file", str(source), "--data-dir", str(data_copy)]) == 0
    assert realisasi.main(["import", "--tahun", "2026", "--file", str(source), "--data-dir", str(data_copy)]) == 2
    assert "sudah ada" in capsys.readouterr().err


def test_fixture_is_labelled_and_valid(data_copy):
    assert "SINTETIS" in FIXTURE.name
    shutil.copy(FIXTURE, data_copy / "realisasi" / "2026.csv")
    table = evaluasi.indicators(2026, data_copy)
    assert (table["status"] != evaluasi.NO_DATA).any()


def test_evaluation_of_a_document_year_shows_both_conventions():
    t = evaluasi.indicators(2024)
    child = t[t["indikator"] == "Ratio Kekerasan Terhadap Anak"].iloc[0]
    assert child["capaian_dokumen"] == pytest.approx(45.29 / 22 * 100)
    assert child["capaian_polaritas"] == pytest.approx((2 * 22 - 45.29) / 22 * 100)
    assert child["status"] == evaluasi.STATUS_MISSED
    assert child["kategori_dokumen"].startswith("Sangat Tinggi") and child["kategori_polaritas"] == "Sangat Rendah"
    akip = t[t["indikator"] == "Nilai AKIP"].iloc[0]
    assert akip["status"] == evaluasi.STATUS_MET and "BB" in akip["kategori_dokumen"]


def test_evaluation_of_a_plan_year_without_data_says_so(data_copy):
    t = evaluasi.indicators(2028, data_copy)
    assert (t["status"] == evaluasi.NO_DATA).all()
    assert t["target"].notna().all()


def test_plan_years_come_from_opd_yaml(data_copy):
    opd = data_copy / "opd.yaml"
    opd.write_text(opd.read_text(encoding="utf-8").replace("periode: 2025-2029", "periode: 2025-2030"),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="di luar tahun rencana 2025-2030"):
        realisasi.template(2031, data_copy)
    assert set(realisasi.template(2026, data_copy)["jenis"]) >= {"IKU", "program"}
    # A plan period that no longer holds the data's years makes the data invalid, naming the row.
    opd.write_text(opd.read_text(encoding="utf-8").replace("periode: 2025-2030", "periode: 2026-2029"),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="year outside its range|tahun di luar rentang"):
        realisasi.template(2026, data_copy)


def test_page_template_with_a_caption_row_is_imported(data_copy, tmp_path):
    """The evaluation page's template (a table with its caption above the header) imports as it is."""
    from openpyxl import Workbook

    t = realisasi.template(2026, data_copy)
    wb = Workbook()
    ws = wb.active
    ws.append(["Lembar isian realisasi tahun 2026"])
    ws.append(list(realisasi.COLUMNS))
    for row in t.itertuples(index=False):
        ws.append([None if pd.isna(v) else v for v in row])
    ws.cell(row=3, column=list(realisasi.COLUMNS).index("realisasi") + 1, value=7.25)
    wb.save(tmp_path / "isian.xlsx")
    realisasi.import_filled(tmp_path / "isian.xlsx", 2026, data_copy)
    stored = realisasi.load_realisasi(2026, data_copy)
    assert len(stored) == len(t) and stored.loc[0, "realisasi"] == pytest.approx(7.25)


# -- partial and repeated imports (issue 11) -------------------------------------------------------

def _blank_template(data_dir, tahun=2026) -> pd.DataFrame:
    t = realisasi.template(tahun, data_dir)
    for col in realisasi.INPUT_COLUMNS:
        t[col] = ""
    return t


def test_partial_import_keeps_empty_cells_unknown(data_copy, tmp_path):
    t = _blank_template(data_copy)
    iku = t.index[t["jenis"] == "IKU"]
    t.loc[iku[0], "realisasi"] = "10,2"                        # SINTETIS: only one IKU known in January
    report = realisasi.import_realisasi(write_csv(t, tmp_path / "januari.csv"), 2026, data_copy)
    assert (len(report.baru), len(report.berubah), len(report.tetap)) == (1, 0, 0)
    assert len(report.kosong) == len(t) - 1
    stored = realisasi.load_realisasi(2026, data_copy)
    assert stored.loc[iku[0], "realisasi"] == pytest.approx(10.2)
    assert stored["realisasi"].isna().sum() == len(t) - 1       # unknown stays empty, never 0
    assert stored["realisasi_anggaran"].isna().all()
    assert "baris baru: 1, berubah: 0, tidak berubah: 0" in report.ringkasan()


def test_reimport_merges_non_empty_cells_and_reports_what_changed(data_copy, tmp_path):
    t = _blank_template(data_copy)
    iku = list(t.index[t["jenis"] == "IKU"])
    sub = list(t.index[t["jenis"] == "sub_kegiatan"])
    t.loc[iku[0], "realisasi"] = "10,2"
    t.loc[iku[1], "realisasi"] = "1,5"
    realisasi.import_realisasi(write_csv(t, tmp_path / "januari.csv"), 2026, data_copy)
    march = _blank_template(data_copy)                         # the budget in March, one IKU corrected
    march.loc[iku[1], "realisasi"] = "1,7"
    march.loc[sub[0], "realisasi_anggaran"] = "1.500.000"
    march.loc[sub[0], "catatan"] = "SINTETIS"
    with pytest.raises(DataValidationError, match="sudah ada") as info:   # never merged without being asked
        realisasi.import_realisasi(write_csv(march, tmp_path / "maret.csv"), 2026, data_copy)
    assert "GABUNG=1" in str(info.value)
    report = realisasi.import_realisasi(tmp_path / "maret.csv", 2026, data_copy, mode="gabung")
    key = lambda i: (t.at[i, "jenis"], t.at[i, "kode"])
    assert report.berubah == [key(iku[1])] and report.baru == [key(sub[0])] and report.tetap == [key(iku[0])]
    stored = realisasi.load_realisasi(2026, data_copy)
    assert stored.loc[iku[0], "realisasi"] == pytest.approx(10.2)      # empty in March: kept
    assert stored.loc[iku[1], "realisasi"] == pytest.approx(1.7)       # corrected
    assert stored.loc[sub[0], "realisasi_anggaran"] == 1500000 and stored.loc[sub[0], "catatan"] == "SINTETIS"
    again = realisasi.import_realisasi(tmp_path / "maret.csv", 2026, data_copy, mode="gabung")
    assert not again.baru and not again.berubah and len(again.tetap) == 3
    # Replacing the year takes the file as it is: January's first IKU is gone.
    replaced = realisasi.import_realisasi(tmp_path / "maret.csv", 2026, data_copy, mode="ganti")
    assert key(iku[0]) in replaced.berubah
    assert pd.isna(realisasi.load_realisasi(2026, data_copy).loc[iku[0], "realisasi"])


def test_refused_merge_writes_nothing(data_copy, tmp_path):
    t = _blank_template(data_copy)
    t.loc[0, "realisasi"] = "10,2"
    realisasi.import_realisasi(write_csv(t, tmp_path / "a.csv"), 2026, data_copy)
    before = (data_copy / "realisasi" / "2026.csv").read_bytes()
    bad = _blank_template(data_copy)
    bad.loc[1, "realisasi"] = "1.234"                         # ambiguous: the whole file is refused
    bad.loc[2, "realisasi"] = "5"
    with pytest.raises(realisasi.RealisasiImportError) as info:
        realisasi.import_realisasi(write_csv(bad, tmp_path / "b.csv"), 2026, data_copy, mode="gabung")
    assert "tidak ada yang ditulis" in str(info.value) and "baris 3, kolom 'realisasi'" in str(info.value)
    assert (data_copy / "realisasi" / "2026.csv").read_bytes() == before
    assert not [p for p in (data_copy / "realisasi").iterdir() if p.name.startswith(".") and p.suffix == ".csv"]


def test_program_realisation_that_disagrees_with_its_sub_kegiatan_is_kept_and_listed(data_copy, tmp_path):
    t = _blank_template(data_copy)
    from helpers.core.data import load

    plan = load("4_1_rencana_program", data_copy)
    parents = plan[["kode", "parent_kode"]].drop_duplicates().set_index("kode")["parent_kode"]
    program = "1.06.02"
    subs = [k for k in t.loc[t["jenis"] == "sub_kegiatan", "kode"] if parents[parents[k]] == program]
    assert len(subs) >= 2
    rows = {k: t.index[t["kode"] == k][0] for k in subs + [program]}
    for i, k in enumerate(subs):                              # SINTETIS amounts
        t.loc[rows[k], "realisasi_anggaran"] = str(1000000 * (i + 1))
    total = sum(1000000 * (i + 1) for i in range(len(subs)))
    t.loc[rows[program], "realisasi_anggaran"] = str(total + 250000)   # disagrees by Rp250.000
    report = realisasi.import_realisasi(write_csv(t, tmp_path / "a.csv"), 2026, data_copy)
    conflicts = report.selisih
    assert list(conflicts["kode"]) == [program]
    row = conflicts.iloc[0]
    assert (row["kolom"], row["nilai"], row["jumlah"], row["terisi"]) == ("realisasi Rp", total + 250000, total,
                                                                          len(subs))
    assert "PERINGATAN: 1 realisasi program/kegiatan berbeda" in report.ringkasan()
    stored = realisasi.load_realisasi(2026, data_copy)             # kept, not dropped
    assert stored.loc[rows[program], "realisasi_anggaran"] == total + 250000
    assert realisasi.rollup_conflicts(stored, 2026, data_copy)["kode"].tolist() == [program]
    # An agreeing program, or one whose sub-kegiatan are not all known yet and sum below it, is no conflict.
    t.loc[rows[program], "realisasi_anggaran"] = str(total)
    t.loc[rows[subs[0]], "realisasi_anggaran"] = ""
    t.loc[rows[program], "realisasi_anggaran"] = str(total + 5000000)
    ok = realisasi.import_realisasi(write_csv(t, tmp_path / "b.csv"), 2026, data_copy, mode="ganti")
    assert program not in set(ok.selisih["kode"])


def test_cli_reports_in_indonesian(data_copy, tmp_path, capsys):
    t = _blank_template(data_copy)
    t.loc[0, "realisasi"] = "10,2"
    source = write_csv(t, tmp_path / "isian.csv")
    args = ["import", "--tahun", "2026", "--file", str(source), "--data-dir", str(data_copy)]
    assert realisasi.main(args) == 0
    assert "Realisasi tahun 2026 diimpor" in capsys.readouterr().out
    assert realisasi.main(args + ["--gabung"]) == 0
    assert "tidak berubah: 1" in capsys.readouterr().out
    assert realisasi.main(args) == 2
    err = capsys.readouterr().err
    assert "realisasi tahun 2026 sudah ada" in err and "already" not in err


def test_dpa_pagu_is_taken_and_kept_by_a_later_merge(data_copy, tmp_path):
    t = _blank_template(data_copy)
    sub = t.index[t["jenis"] == "sub_kegiatan"][0]
    plan_pagu = float(t.at[sub, "pagu"])
    t.loc[sub, "pagu"] = str(int(plan_pagu) + 1000)            # SINTETIS: the DPA differs from Tabel 4.1
    t.loc[sub, "realisasi_anggaran"] = "1000"
    first = realisasi.import_realisasi(write_csv(t, tmp_path / "a.csv"), 2026, data_copy)
    assert first.pagu_dpa == [(t.at[sub, "jenis"], t.at[sub, "kode"])] and "pagu DPA" in first.ringkasan()
    later = _blank_template(data_copy)                         # the template again, plan pagu pre-filled
    later.loc[0, "realisasi"] = "10,2"
    realisasi.import_realisasi(write_csv(later, tmp_path / "b.csv"), 2026, data_copy, mode="gabung")
    stored = realisasi.load_realisasi(2026, data_copy)
    assert stored.loc[sub, "pagu"] == plan_pagu + 1000 and stored.loc[sub, "realisasi_anggaran"] == 1000
    iku = t.index[t["jenis"] == "IKU"][0]
    bad = _blank_template(data_copy)
    bad.loc[iku, "pagu"] = "5000"                              # an indicator has no pagu
    with pytest.raises(realisasi.RealisasiImportError, match="pagu berbeda dari rencana"):
        realisasi.import_realisasi(write_csv(bad, tmp_path / "c.csv"), 2026, data_copy, mode="gabung")


def test_planner_file_problems_are_in_indonesian(data_copy, tmp_path):
    bad = tmp_path / "isian.csv"
    bad.write_bytes("jenis,kode,satuan,realisasi\nIKU,IKU.1,%,10\u00b5\n".encode("cp1252"))
    with pytest.raises(DataValidationError) as info:
        realisasi.import_filled(bad, 2026, data_copy)
    assert "bukan teks UTF-8" in str(info.value) and "baris 2" in str(info.value)
    (tmp_path / "kosong.csv").write_text("  \n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="baris 1 kosong|berkas kosong"):
        realisasi.import_filled(tmp_path / "kosong.csv", 2026, data_copy)
    with pytest.raises(DataValidationError, match="berkas tidak ditemukan"):
        realisasi.import_filled(tmp_path / "tidak-ada.xlsx", 2026, data_copy)
    for message in (str(info.value),):
        assert not any(word in message for word in ("expected", "row ", "column ", "value "))
