"""The audit finds planted errors in SYNTHETIC printed tables and reports no false ones."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import audit
from helpers.core.audit import audit_all, audit_table, printed_decimals, tolerance

REPO_DATA = Path(__file__).resolve().parents[2] / "data"

BUDGET_CSV = """row_id,parent_id,level,urutan,uraian,source_line,tahun,anggaran,realisasi
P01,,program,1,PROGRAM SINTETIS,812,2021,,
P01,,program,1,PROGRAM SINTETIS,812,2022,,
P01.K01,P01,kegiatan,2,Kegiatan A,813,2021,1000,900
P01.K01,P01,kegiatan,2,Kegiatan A,813,2022,1200,1200
P01.K02,P01,kegiatan,3,Kegiatan B,814,2021,0,0
P01.K02,P01,kegiatan,3,Kegiatan B,814,2022,500,250
"""
HEADER = "row,tahun,column,printed,value,note\n"
CORRECT = [
    "P01,2021,anggaran,1.000,1000,", "P01,2022,anggaran,1.700,1700,", "P01,2021,realisasi,900,900,",
    "P01,2022,realisasi,1.450,1450,", "P01,2021,rasio,\"90,00\",90,", "P01.K01,2021,rasio,\"90,00\",90,",
    "P01.K01,,pertumbuhan_anggaran,\"20,00\",20,", "P01,,pertumbuhan_anggaran,\"70,00\",70,",
    "P01.K01,2022,rasio,\"100,00\",100,", "total,2022,anggaran,1.700,1700,",
    "P01.K02,2022,rasio,\"50,00\",50,", "P01,2022,rasio,\"85,29\",85.29,",
]


def make_dir(tmp_path: Path, printed_rows: list[str], budget: str = BUDGET_CSV) -> Path:
    (tmp_path / "tables").mkdir()
    (tmp_path / "printed").mkdir()
    shutil.copy(REPO_DATA / "units.yaml", tmp_path / "units.yaml")
    shutil.copy(REPO_DATA / "opd.yaml", tmp_path / "opd.yaml")
    table = "2_3_anggaran_2021_2024"
    schema = (REPO_DATA / "tables" / f"{table}.yaml").read_text(encoding="utf-8")
    (tmp_path / "tables" / f"{table}.yaml").write_text(schema, encoding="utf-8")
    (tmp_path / "tables" / f"{table}.csv").write_text(budget, encoding="utf-8")
    (tmp_path / "printed" / f"{table}.csv").write_text(HEADER + "\n".join(printed_rows) + "\n", encoding="utf-8")
    return tmp_path


def test_correct_synthetic_table_has_no_discrepancy(tmp_path):
    data = make_dir(tmp_path, CORRECT)
    assert audit_table("2_3_anggaran_2021_2024", data).empty


def test_planted_errors_are_found_with_rule_and_size(tmp_path):
    planted = CORRECT[:]
    planted[1] = "P01,2022,anggaran,1.800,1800,"          # wrong roll-up (+100)
    planted[4] = "P01,2021,rasio,\"91,00\",91,"             # wrong ratio
    planted[7] = "P01,,pertumbuhan_anggaran,\"07,00\",-7,"  # wrong growth
    planted.append("P01.K02,2021,rasio,\"0,00\",0,")        # undefined ratio printed as 0
    data = make_dir(tmp_path, planted)
    found = audit_table("2_3_anggaran_2021_2024", data)
    by_cell = {(r.row, r.column): r for r in found.itertuples()}
    assert set(by_cell) == {("P01", "anggaran_2022"), ("P01", "rasio_2021"), ("P01", "pertumbuhan_anggaran"),
                            ("P01.K02", "rasio_2021")}
    assert by_cell[("P01", "anggaran_2022")].difference == 100
    assert by_cell[("P01", "anggaran_2022")].rule == "sum of children"
    assert by_cell[("P01", "rasio_2021")].rule == "realisasi/anggaran*100"
    assert by_cell[("P01", "pertumbuhan_anggaran")].rule == "(last-first)/first*100"
    assert by_cell[("P01.K02", "rasio_2021")].kind == audit.KIND_UNDEFINED_PRINTED
    assert by_cell[("P01", "anggaran_2022")].kind == audit.KIND_ARITHMETIC


def test_rounding_within_printed_decimals_is_not_an_error(tmp_path):
    rows = CORRECT[:-1] + ["P01,2022,rasio,\"85,3\",85.3,"]   # 85.294... printed with one decimal
    assert audit_table("2_3_anggaran_2021_2024", make_dir(tmp_path, rows)).empty
    rows = CORRECT[:-1] + ["P01,2022,rasio,\"85,28\",85.28,"]
    assert len(audit_table("2_3_anggaran_2021_2024", make_dir((tmp_path / "b").mkdir() or tmp_path / "b", rows))) == 1


def test_audit_all_writes_required_columns(tmp_path):
    data = make_dir(tmp_path, CORRECT[:-1] + ["P01,2022,rasio,\"80,00\",80,"])
    result = audit_all(data)
    assert list(result.columns[:7]) == list(audit.DISCREPANCY_COLUMNS)
    assert result.loc[0, "difference"] == pytest.approx(80 - 1450 / 1700 * 100)


@pytest.mark.parametrize("text, decimals", [("95,18", 2), ("708,200,000", 0), ("93.95", 2), ("1.234.567", 0), ("1,671", 3),
                                            ("100", 0), ("016,37", 2), ("99,083", 3), ("0100.00", 2)])
def test_printed_decimals(text, decimals):
    assert printed_decimals(text) == decimals
    assert tolerance(text) == pytest.approx(0.5 * 10 ** -decimals, abs=1e-8)


def test_three_digit_group_uses_the_parsed_value():
    assert printed_decimals("1,671", 1671) == 0      # Tabel 2.3.2, English thousands
    assert printed_decimals("99,083", 99.083) == 3   # Tabel 2.3.4 ratio


def test_real_document_known_errors_are_found():
    """On the shipped data: PPKS totals 2023/2024 and two Tabel 2.3.4 ratios against another year's target."""
    found = audit_all(REPO_DATA)
    ppks = found[found["table"] == "2_3_2_ppks"].set_index("column")
    assert ppks.loc["jumlah_2023", "difference"] == 33 and ppks.loc["jumlah_2024", "difference"] == 228
    wrong_year = found[found["kind"] == audit.KIND_WRONG_YEAR]
    assert {("1", "rasio_2023")} <= set(zip(wrong_year["row"], wrong_year["column"]))


def test_growth_convention_is_total_growth_on_real_data():
    conv = audit.conventions(REPO_DATA)
    growth = conv[(conv["table"] == "2_3_anggaran_2021_2024") & (conv["rule"] == "(last-first)/first*100")]
    assert int(growth["agree"].iloc[0]) == int(growth["cells"].iloc[0]) > 50
    alt = audit.growth_alternatives("2_3_anggaran_2021_2024", REPO_DATA)
    penunjang = alt[alt["row"] == "P01"].iloc[0]
    assert penunjang["printed"] == pytest.approx(-16.37)
    assert penunjang["total_growth"] == pytest.approx(-16.37, abs=0.005)
    assert penunjang["mean_yearly_growth"] != pytest.approx(penunjang["printed"], abs=0.5)


def test_audited_tables_are_those_with_printed_figures(tmp_path):
    data = make_dir(tmp_path, CORRECT)
    assert audit.audited_tables(data) == ["2_3_anggaran_2021_2024"]
    (data / "printed" / "2_3_anggaran_2021_2024.csv").write_text(HEADER, encoding="utf-8")   # header only
    assert audit.audited_tables(data) == []
    shutil.rmtree(data / "printed")
    assert audit.audited_tables(data) == [] and audit_all(data).empty
