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
    with pytest.raises(ValueError, match="already in the document"):
        realisasi.template(2024, data_copy)
    with pytest.raises(ValueError, match="not a year"):
        realisasi.template("dua ribu", data_copy)


def test_write_template_csv_and_xlsx(data_copy, tmp_path):
    csv_path, xlsx_path = realisasi.write_template(2025, tmp_path / "out", data_copy)
    from openpyxl import load_workbook
    ws = load_workbook(xlsx_path).worksheets[0]
    assert [c.value for c in ws[1]] == list(realisasi.TEMPLATE_COLUMNS)
    assert ws.title == "Realisasi 2025" and ws.parent.properties.subject == "tahun=2025"
    assert ws.max_row == len(realisasi.template(2025, data_copy)) + 1
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")


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
    assert "ambiguous" in str(by_row[3]) and by_row[3].column == "realisasi"
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
    with pytest.raises(DataValidationError, match="already exists"):
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
    assert "already exists" in capsys.readouterr().err


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
    with pytest.raises(ValueError, match="outside the plan years 2025-2030"):
        realisasi.template(2031, data_copy)
    assert set(realisasi.template(2026, data_copy)["jenis"]) >= {"IKU", "program"}
    # A plan period that no longer holds the data's years makes the data invalid, naming the row.
    opd.write_text(opd.read_text(encoding="utf-8").replace("periode: 2025-2030", "periode: 2026-2029"),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="year outside its range"):
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
