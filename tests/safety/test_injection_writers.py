"""Issue 14, injection: text that starts like a formula (= + - @ tab CR) never becomes a formula in
the files planners open in Excel, whichever writer made them. Labels here are synthetic."""
import csv
from pathlib import Path

import openpyxl
import pandas as pd

from helpers.core.narasi import NumberCheck
from helpers.present.table import Table
from helpers.present.xlsx import write_workbook
from helpers.run.appendix import write_checks

HOSTILE = '=HYPERLINK("http://contoh.invalid","KLIK")'


def test_number_check_csv_neutralises_formula_text(tmp_path):
    path = write_checks(tmp_path / "pemeriksaan-angka.csv",
                        [NumberCheck("+narasi", "-Rp526.015.000", "tidak_ditemukan", HOSTILE),
                         NumberCheck("2-3-2-ppks", "-5", "cocok", "@SUM(A1)")])
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == {"narasi": "'+narasi", "angka": "'-Rp526.015.000", "status": "tidak_ditemukan",
                       "keterangan": "'" + HOSTILE}
    assert rows[1]["angka"] == "-5" and rows[1]["keterangan"] == "'@SUM(A1)"  # a plain number stays a number


def test_year_workbook_stores_formula_text_as_text(tmp_path):
    table = Table(pd.DataFrame({"uraian": [HOSTILE, "+62 812"], "jumlah": [1, 2]}),
                  caption=f"Tabel 9.9 {HOSTILE}", name="uji-injeksi")
    path = write_workbook([(table, "-bagian")], tmp_path / "tabel.xlsx", title="@judul")
    wb = openpyxl.load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value.lstrip("'")[:1] in ("=", "+", "-", "@")]
    assert len(risky) >= 4
    assert all(c.data_type == "s" for c in risky)  # stored as text, never as a formula (data type "f")
    assert not any(c.data_type == "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
