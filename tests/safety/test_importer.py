"""Issue 14: the realisation importer and template under real mistakes.

Every filled template here is SYNTHETIC, made in the test from the template of a private copy
of data/; the values are made up to exercise the code."""
import os
import shutil
import threading
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from support import data_without_realisasi

from helpers.core import realisasi
from helpers.core.data import DataValidationError

COLS = list(realisasi.TEMPLATE_COLUMNS)
REAL = COLS.index("realisasi") + 1


@pytest.fixture(scope="module")
def base_data(tmp_path_factory):
    return data_without_realisasi(tmp_path_factory.mktemp("base") / "data")


@pytest.fixture
def data_copy(base_data, tmp_path):
    target = tmp_path / "data"
    shutil.copytree(base_data, target)
    return target


@pytest.fixture(scope="module")
def xlsx_2025(base_data, tmp_path_factory):
    _, path = realisasi.write_template(2025, tmp_path_factory.mktemp("tpl"), base_data)
    return path


def workbook(path):
    wb = load_workbook(path)
    return wb, wb["Realisasi 2025"]


def stored(data_dir, year=2025):
    return (data_dir / "realisasi" / f"{year}.csv").read_text(encoding="utf-8")


def test_two_imports_at_once_the_second_fails(data_copy, xlsx_2025):
    results = []
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            realisasi.import_filled(xlsx_2025, 2025, data_copy)
            results.append("ok")
        except DataValidationError as exc:
            results.append(str(exc))
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1, results
    assert any("sudah ada" in r for r in results)


def test_import_write_refuses_existing_even_after_the_early_check(data_copy, xlsx_2025, monkeypatch):
    """The race itself: the file appears between the early check and the write."""
    original = realisasi.validate_filled

    def slow(*args, **kwargs):
        frame = original(*args, **kwargs)
        (data_copy / "realisasi" / "2025.csv").write_text("lebih dulu\n")
        return frame
    monkeypatch.setattr(realisasi, "validate_filled", slow)
    with pytest.raises(DataValidationError, match="sudah ada"):
        realisasi.import_filled(xlsx_2025, 2025, data_copy)
    assert stored(data_copy) == "lebih dulu\n"


def test_template_of_another_year_is_refused_naming_both(data_copy, xlsx_2025):
    with pytest.raises(DataValidationError) as info:
        realisasi.import_filled(xlsx_2025, 2026, data_copy)
    assert "2025" in str(info.value) and "2026" in str(info.value)
    assert not (data_copy / "realisasi" / "2026.csv").exists()


def test_csv_of_another_year_without_tahun_column_is_refused_by_its_targets(data_copy, tmp_path):
    t = realisasi.template(2025, data_copy)
    t.to_csv(tmp_path / "isian.csv", index=False)   # no tahun column: an old-style file
    with pytest.raises(DataValidationError) as info:
        realisasi.import_filled(tmp_path / "isian.csv", 2027, data_copy)
    assert "rencana tahun 2025" in str(info.value) and "2027" in str(info.value)


def test_csv_template_carries_its_year(data_copy, tmp_path):
    csv_path, _ = realisasi.write_template(2025, tmp_path, data_copy)
    frame = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert list(frame.columns)[0] == "tahun" and (frame["tahun"] == 2025).all()
    with pytest.raises(DataValidationError, match="template tahun 2025"):
        realisasi.import_filled(csv_path, 2026, data_copy)


def test_percent_formatted_cell_is_read_as_percent(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)
    ws.cell(row=2, column=REAL, value=0.95).number_format = "0%"
    ws.cell(row=3, column=REAL, value=0.1068).number_format = "0.00%"
    wb.save(tmp_path / "f.xlsx")
    realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)
    frame = realisasi.load_realisasi(2025, data_copy)
    assert frame.loc[0, "realisasi"] == 95 and frame.loc[1, "realisasi"] == pytest.approx(10.68)


def test_numeric_cell_is_never_ambiguous(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)
    ws.cell(row=2, column=REAL, value=12.345)
    wb.save(tmp_path / "f.xlsx")
    realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)
    assert realisasi.load_realisasi(2025, data_copy).loc[0, "realisasi"] == pytest.approx(12.345)


def test_numbers_are_stored_in_exact_decimal(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)
    ws.cell(row=2, column=REAL, value="0,00001")
    ws.cell(row=3, column=REAL, value=123456789012345)
    wb.save(tmp_path / "f.xlsx")
    realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)
    text = stored(data_copy)
    assert "e-0" not in text and "e+" not in text.lower()
    assert ",0.00001," in text and ",123456789012345," in text
    assert realisasi.load_realisasi(2025, data_copy).loc[0, "realisasi"] == pytest.approx(0.00001)


def test_number_too_large_to_store_exactly_is_refused(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)
    ws.cell(row=2, column=REAL, value="14445744207144457")
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(realisasi.RealisasiImportError, match="terlalu besar"):
        realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)


def test_duplicated_header_column_is_refused(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)
    ws.cell(row=1, column=len(COLS) + 1, value="realisasi")
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(DataValidationError, match="lebih dari sekali: realisasi"):
        realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)


def test_formula_without_cached_value_is_refused(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)          # openpyxl saves formulas without a cached value
    ws.cell(row=2, column=REAL, value="=1+1")
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(realisasi.RealisasiImportError) as info:
        realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)
    assert info.value.problems[0].row == 2 and "rumus tanpa nilai" in str(info.value)


def test_value_under_no_header_is_refused(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)
    ws.cell(row=5, column=len(COLS) + 2, value=42)
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(realisasi.RealisasiImportError) as info:
        realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)
    assert info.value.problems[0].row == 5 and "tanpa header" in str(info.value)


def test_file_with_few_rows_is_refused_and_does_not_replace_a_full_import(data_copy, xlsx_2025, tmp_path):
    realisasi.import_filled(xlsx_2025, 2025, data_copy)
    before = stored(data_copy)
    wb, ws = workbook(xlsx_2025)
    ws.delete_rows(12, ws.max_row)
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(realisasi.RealisasiImportError, match="baris template tidak ada"):
        realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy, overwrite=True)
    assert stored(data_copy) == before


def test_csv_truncated_at_a_row_boundary_or_inside_a_row(data_copy, tmp_path):
    csv_path, _ = realisasi.write_template(2025, tmp_path, data_copy)
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    (tmp_path / "a.csv").write_text("".join(lines[:40]), encoding="utf-8")
    with pytest.raises(realisasi.RealisasiImportError, match="tidak ada di berkas"):
        realisasi.import_filled(tmp_path / "a.csv", 2025, data_copy)
    (tmp_path / "b.csv").write_text("".join(lines[:40]) + lines[40][:10], encoding="utf-8")
    with pytest.raises(realisasi.RealisasiImportError, match="terpotong"):
        realisasi.import_filled(tmp_path / "b.csv", 2025, data_copy)


def test_real_formats_are_named(data_copy, xlsx_2025, tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(DataValidationError, match=r"Excel 97-2003 \(\.xls\)"):
        realisasi.read_filled(tmp_path / "a.xls")
    with zipfile.ZipFile(tmp_path / "a.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(DataValidationError, match="OpenDocument"):
        realisasi.read_filled(tmp_path / "a.ods")
    shutil.copy(xlsx_2025, tmp_path / "renamed.csv")
    with pytest.raises(DataValidationError, match=r"sebenarnya Excel Workbook \(XLSX\).*\.csv"):
        realisasi.read_filled(tmp_path / "renamed.csv")


def test_xlsm_is_accepted(data_copy, xlsx_2025, tmp_path):
    shutil.copy(xlsx_2025, tmp_path / "isian.xlsm")
    realisasi.import_filled(tmp_path / "isian.xlsm", 2025, data_copy)
    assert (data_copy / "realisasi" / "2025.csv").is_file()


def test_csv_shape_problems_are_named(data_copy, tmp_path):
    csv_path, _ = realisasi.write_template(2025, tmp_path, data_copy)
    text = csv_path.read_text(encoding="utf-8-sig")
    (tmp_path / "blank.csv").write_text("\n" + text, encoding="utf-8")
    with pytest.raises(DataValidationError, match="baris 1 kosong"):
        realisasi.read_filled(tmp_path / "blank.csv")
    (tmp_path / "tab.csv").write_text(pd.read_csv(csv_path, encoding="utf-8-sig").to_csv(sep="\t", index=False),
                                      encoding="utf-8")
    with pytest.raises(DataValidationError, match="dipisahkan tab"):
        realisasi.read_filled(tmp_path / "tab.csv")


def test_extra_sheet_first_is_skipped_and_missing_header_names_the_sheets(data_copy, xlsx_2025, tmp_path):
    wb, ws = workbook(xlsx_2025)
    extra = wb.create_sheet("Catatan saya", 0)
    extra["A1"] = "coret-coretan"
    wb.save(tmp_path / "f.xlsx")
    realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)
    ws.cell(row=1, column=COLS.index("kode") + 1, value="KODE?")
    wb.save(tmp_path / "g.xlsx")
    with pytest.raises(DataValidationError) as info:
        realisasi.read_filled(tmp_path / "g.xlsx")
    assert "'Catatan saya'" in str(info.value) and "'Realisasi 2025'" in str(info.value)


def test_read_only_data_dir_gives_a_clear_message(data_copy, xlsx_2025):
    folder = data_copy / "realisasi"
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anyway (root)")
        with pytest.raises(DataValidationError, match="tidak dapat ditulis"):
            realisasi.import_filled(xlsx_2025, 2025, data_copy)
    finally:
        os.chmod(folder, 0o755)


def test_unwritable_data_dir_gives_a_clear_message_even_as_root(data_copy, xlsx_2025, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr(realisasi.tempfile if hasattr(realisasi, "tempfile") else __import__("tempfile"),
                        "mkstemp", refuse)
    with pytest.raises(DataValidationError, match="folder data tidak dapat ditulis"):
        realisasi.import_filled(xlsx_2025, 2025, data_copy)


def test_unwritable_template_folder_gives_a_clear_message(data_copy, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(DataValidationError, match="folder template tidak dapat ditulis"):
        realisasi.write_template(2025, tmp_path / "t", data_copy)
    assert realisasi.main(["template", "--tahun", "2025", "--data-dir", str(data_copy),
                           "--output-dir", str(tmp_path / "t")]) == 2


def test_stray_cell_far_away_reads_only_the_template_columns(data_copy, xlsx_2025, tmp_path, monkeypatch):
    wb, ws = workbook(xlsx_2025)
    ws["XFD1048576"] = "x"
    wb.save(tmp_path / "f.xlsx")
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    widths = []
    original = ReadOnlyWorksheet.iter_rows

    def spy(self, *args, **kwargs):
        widths.append(kwargs.get("max_col"))
        return original(self, *args, **kwargs)
    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", spy)
    realisasi.import_filled(tmp_path / "f.xlsx", 2025, data_copy)
    assert widths and all(w is not None and w <= realisasi.MAX_COLUMNS for w in widths)


def test_file_size_and_problem_caps(data_copy, tmp_path, monkeypatch):
    big = tmp_path / "big.csv"
    big.write_bytes(b"jenis,kode\n" + b"x" * (realisasi.MAX_FILE_BYTES + 1))
    with pytest.raises(DataValidationError, match="terlalu besar"):
        realisasi.read_filled(big)
    csv_path, _ = realisasi.write_template(2025, tmp_path, data_copy)
    frame = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str)
    frame["realisasi"] = "banyak"
    frame.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(realisasi.RealisasiImportError) as info:
        realisasi.import_filled(tmp_path / "bad.csv", 2025, data_copy)
    assert len(info.value.problems) == realisasi.MAX_PROBLEMS
    assert info.value.more == len(frame) - realisasi.MAX_PROBLEMS
    assert f"dan {info.value.more} masalah lain" in str(info.value)
    monkeypatch.setattr(realisasi, "MAX_ROWS", 10)
    with pytest.raises(DataValidationError, match="lebih dari 10 baris"):
        realisasi.read_filled(csv_path)


def test_template_labels_never_become_formulas(data_copy, tmp_path):
    table = data_copy / "tables" / "4_5_1_iku_target.csv"
    text = table.read_text(encoding="utf-8")
    first = pd.read_csv(table, dtype=str)["indikator"].iloc[0]
    table.write_text(text.replace(first, '=HYPERLINK(""http://x"",""KLIK"")' if '"' in text else "=1+1"),
                     encoding="utf-8")
    try:
        t = realisasi.template(2025, data_copy)
    except DataValidationError:
        pytest.skip("the synthetic label is not loadable in this table")
    labels = [v for v in t["indikator"] if isinstance(v, str) and v.startswith("=")]
    assert labels, "the synthetic formula label did not reach the template"
    csv_path, xlsx_path = realisasi.write_template(2025, tmp_path, data_copy)
    ws = load_workbook(xlsx_path)["Realisasi 2025"]
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert not any(line.split(",")[4].startswith("=") for line in
                   csv_path.read_text(encoding="utf-8-sig").splitlines()[1:] if line.count(",") > 5)
    realisasi.import_filled(xlsx_path, 2025, data_copy)   # the neutralised template still imports
