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


# -- the full audit of the shipped data, pinned against the source text ---------------------------

SOURCE = REPO_DATA.parent.parent / "shared" / "source" / "renstra-dinsos-pppa-batubara-2025-2029.txt"


def _source_lines() -> list[str]:
    if not SOURCE.is_file():
        pytest.skip("source text export not available")
    return SOURCE.read_text(encoding="utf-8").splitlines()


def _whole(text: str) -> int:
    """A printed count as the document writes it: '-' nihil, '1,671' and '2.834' thousands."""
    text = text.strip()
    return 0 if text in ("-", "") else int(text.replace(",", "").replace(".", ""))


def _id(text: str) -> float:
    return float(text.strip().replace(".", "").replace(",", "."))


def expected_real_differences() -> dict[tuple[str, str, str], tuple[str, float, str]]:
    """Every real difference, recomputed here from the source text (not from data/):
    ``(table, row, column) -> (printed, seharusnya, status)``."""
    lines = _source_lines()
    out = {}
    # Tabel 2.3.2 (lines 637-664): the Total row against the sum of the 26 rows; "-" is nihil.
    rows = [lines[n - 1].split("\t") for n in range(637, 664)]
    rows = [r for r in rows if r and r[0].strip().isdigit()]
    assert len(rows) == 26
    total = lines[663].split("\t")
    assert total[0].strip() == "Total"
    for i, year in enumerate(range(2019, 2025)):
        recomputed = sum(_whole(r[2 + i]) for r in rows)
        if _whole(total[2 + i]) != recomputed:
            out[("2_3_2_ppks", "total", f"jumlah_{year}")] = (total[2 + i].strip(), recomputed, "error")
    # 2021-2024 budget, line 901: the 2023 ratio printed 0,00 for a realisation of 6.903.000 on 10.587.850.
    cells = lines[900].split("\t")
    assert cells[0].startswith("Sosialisasi Kebijakan Pelaksanaan PUG")
    out[("2_3_anggaran_2021_2024", "P08.K01.S01", "rasio_2023")] = (
        cells[11].strip(), _id(cells[7]) / _id(cells[3]) * 100, "error")
    # Tabel 4.1, line 1491: program 2.08.02 prints 145.004.000 for 2026, leaving out kegiatan 2.08.02.2.03
    # (line 1504, 240.000.000); bidang 2.08 (line 1490), its 5-year Rp and JUMLAH (line 1581) follow.
    program, kegiatan = lines[1490].split("\t"), lines[1503].split("\t")
    assert program[5].startswith("PROGRAM PENGARUSUTAMAAN GENDER") and kegiatan[3] == "2,03"
    left_out = _id(kegiatan[11])
    out[("4_1_rencana_program", "2.08.02", "pagu_2026")] = (program[11], _id(program[11]) + left_out, "error")
    bidang, jumlah = lines[1489].split("\t"), lines[1580].split("\t")
    out[("4_1_rencana_program", "2.08", "pagu_2026")] = (bidang[11], _id(bidang[11]) + left_out, "knock_on")
    out[("4_1_rencana_program", "2.08", "pagu_akhir")] = (bidang[19], _id(bidang[19]) + left_out, "knock_on")
    jumlah_2026 = next(c for c in jumlah if c.startswith("13."))
    out[("4_1_rencana_program", "total", "pagu_2026")] = (jumlah_2026, _id(jumlah_2026) + left_out, "knock_on")
    # Tabel 4.1: end-of-period targets of count indicators that are not the sum of the five years.
    for line, kode in ((1539, "2.08.04.2.02"), (1551, "2.08.06.2.01.0003"), (1507, "2.08.02.2.03.0007"),
                       (1508, "2.08.02.2.03.0008")):
        cells = lines[line - 1].split("\t")
        years = [cells[8 + 2 * i].strip() for i in range(5)]
        out[("4_1_rencana_program", kode, "target_akhir")] = (
            cells[18].strip(), sum(_whole(t) for t in years), "error")
    # Tabel 2.3.4 (lines 718, 723; targets 2019-2024 in cells 3-8, realisasi 9-14, rasio 15-20): two
    # 2023 ratios computed against the 2022 target.
    for line, no in ((718, "1"), (723, "6")):
        cells = lines[line - 1].split("\t")
        assert cells[0] == no
        target_2023, real_2023, printed = _id(cells[7]), _id(cells[13]), cells[19].strip()
        assert abs(real_2023 / _id(cells[6]) * 100 - _id(printed)) < 0.01  # against 2022's target
        out[("2_3_4_kinerja_pelayanan", no, "rasio_2023")] = (printed, real_2023 / target_2023 * 100,
                                                              "convention_inferred")
    return out


def test_the_real_differences_are_exactly_those_of_the_source_text():
    """Pin the full audit: its real differences (not conventions) equal the list derived from the source."""
    expected = expected_real_differences()
    found = audit.real_differences(audit_all(REPO_DATA))
    got = {(r.table, r.row, r.column): (str(r.printed_text), float(r.recomputed), r.status) for r in found.itertuples()}
    assert set(got) == set(expected)
    for key, (printed, should, status) in expected.items():
        assert got[key][0] == printed and got[key][2] == status, key
        assert got[key][1] == pytest.approx(should, abs=0.005), key


def test_knock_ons_point_at_their_root_and_say_why():
    d = audit_all(REPO_DATA)
    knock = d[d["status"] == audit.STATUS_KNOCK_ON]
    assert set(knock["root"]) == {"4_1_rencana_program|2.08.02|pagu_2026"}
    root = d[(d["table"] == "4_1_rencana_program") & (d["row"] == "2.08.02") & (d["column"] == "pagu_2026")].iloc[0]
    assert root["cause"] == ("Program 2.08.02 tahun 2026 tidak memasukkan kegiatan 2.08.02.2.03 "
                             "(Rp240.000.000).")
    assert all(c.startswith("Akibat dari: Program 2.08.02") for c in knock["cause"])


def test_conventions_are_apart_and_the_counts_add_up():
    d = audit_all(REPO_DATA)
    c = audit.summary_counts(REPO_DATA, d)
    assert c["printed"] == c["agree"] + c["nothing"] + c["differs"]
    assert c["differs"] == len(d) == c["real"] + c["convention"]
    assert c["real"] == c["error"] + c["knock_on"] + c["convention_inferred"]
    conventions = audit.convention_differences(d)
    assert set(conventions["kind"]) == set(audit.CONVENTION_KINDS)
    assert not audit.real_differences(d)["kind"].isin(audit.CONVENTION_KINDS).any()


def test_nihil_changed_the_classes_as_documented():
    """'-' read as nihil: the 58 growths printed -100,00 over a blank last year agree now, and no
    difference is 'not printed' any more (they were '-' or blank over zeros)."""
    d = audit_all(REPO_DATA)
    growth = d[(d["table"] == "2_3_anggaran_2021_2024") & d["measure"].str.startswith("pertumbuhan")]
    assert not growth["printed_text"].isin(["0100,00"]).any()
    assert (d["kind"] == audit.KIND_MISSING_PRINTED).sum() == 0
    counts = audit.summary_counts(REPO_DATA, d)
    assert counts["nothing"] == 0  # every printed "-" is now a nihil compared with its recomputation


def test_units_never_mix_in_one_difference_list():
    d = audit.real_differences(audit_all(REPO_DATA))
    assert set(d.loc[d["measure"].isin(audit.RUPIAH_MEASURES), "unit"]) == {"Rp"}
    assert set(d.loc[d["table"] == "2_3_2_ppks", "unit"]) == {"jiwa"}
    assert set(d.loc[d["measure"] == "rasio", "unit"]) == {"%"}
