"""The loader's error messages: every bad-input kind names file, row, column, value and expectation.

Fixtures are small SYNTHETIC tables written into a temporary data directory.
"""
import shutil
import string
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from helpers.core.data import DataValidationError, load, load_printed, normalise_code, validate_all

REPO_DATA = Path(__file__).resolve().parents[2] / "data"

SCHEMA = """\
id: t_demo
number: Tabel 9.9
title: Tabel sintetis untuk uji
section: uji
source_lines: "-"
description: Synthetic test table.
primary_key: [row_id, tahun]
parent: {column: parent_id, references: row_id}
columns:
  row_id: {type: string}
  parent_id: {type: string, nullable: true}
  kode: {type: code, nullable: true}
  tahun: {type: integer, min: 2019, max: 2024}
  jumlah: {type: integer, nullable: true, min: 0, unit: jiwa}
  rasio: {type: number, nullable: true}
  satuan: {type: unit}
"""
HEADER = "row_id,parent_id,kode,tahun,jumlah,rasio,satuan\n"
GOOD_ROWS = [
    "a,,1.06.01,2019,5,95.18,jiwa",
    "b,a,\"1.06.01.2,01\",2019,,,jiwa",
    "c,a,1.06.01.2.01.1,2020,0,100,%",
]


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "printed").mkdir()
    shutil.copy(REPO_DATA / "units.yaml", tmp_path / "units.yaml")
    shutil.copy(REPO_DATA / "opd.yaml", tmp_path / "opd.yaml")
    (tmp_path / "tables" / "t_demo.yaml").write_text(SCHEMA, encoding="utf-8")
    write(tmp_path, GOOD_ROWS)
    return tmp_path


def write(root, rows, header=HEADER, encoding="utf-8"):
    (root / "tables" / "t_demo.csv").write_bytes((header + "\n".join(rows) + "\n").encode(encoding))


def error_for(root) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        load("t_demo", root)
    return info.value


def test_good_table_is_typed_and_keeps_no_value_distinct_from_zero(data_dir):
    df = load("t_demo", data_dir)
    assert list(df["kode"]) == ["1.06.01", "1.06.01.2.01", "1.06.01.2.01.0001"]
    assert str(df["jumlah"].dtype) == "Int64" and str(df["rasio"].dtype) == "Float64"
    assert df["jumlah"].isna().tolist() == [False, True, False]
    assert df.loc[2, "jumlah"] == 0
    assert df.attrs["schema"].caption == "Tabel 9.9 Tabel sintetis untuk uji"


def test_missing_file(data_dir):
    (data_dir / "tables" / "t_demo.csv").unlink()
    err = error_for(data_dir)
    assert err.file.endswith("t_demo.csv") and "tidak ada" in str(err)


def test_unknown_table_lists_known_ones(data_dir):
    with pytest.raises(DataValidationError, match="tabel yang dikenal: t_demo"):
        load("nope", data_dir)


def test_empty_file(data_dir):
    (data_dir / "tables" / "t_demo.csv").write_text("", encoding="utf-8")
    assert "kosong" in str(error_for(data_dir))


def test_bom_is_accepted(data_dir):
    write(data_dir, GOOD_ROWS, header="\ufeff" + HEADER)
    assert len(load("t_demo", data_dir)) == 3


def test_windows_1252_is_rejected_with_position(data_dir):
    write(data_dir, ["a,,,2019,5,,jiwa", "b,a,,2019,1,,jiwa", "Pemberdayaan Perempuan é,a,,2019,1,,jiwa"], encoding="cp1252")
    err = error_for(data_dir)
    assert "UTF-8" in str(err) and err.row == 4 and "byte" in str(err)


def test_semicolon_delimiter(data_dir):
    write(data_dir, ["a;;;2019;5;;jiwa"], header=HEADER.replace(",", ";"))
    err = error_for(data_dir)
    assert "pemisah salah ';'" in str(err) and err.row == 1


def test_missing_renamed_and_extra_columns(data_dir):
    write(data_dir, ["a,,,2019,5,,jiwa"], header=HEADER.replace("jumlah", "jml"))
    err = error_for(data_dir)
    assert "kolom tidak ada ['jumlah']" in str(err) and "kolom tak terduga ['jml']" in str(err)
    write(data_dir, ["a,,,2019,5,,jiwa,x"], header=HEADER.strip() + ",extra\n")
    assert "kolom tak terduga ['extra']" in str(error_for(data_dir))


@pytest.mark.parametrize("row, column, value, expected", [
    ("x,,,2019,lima,,jiwa", "jumlah", "lima", "bilangan bulat gaya mesin"),
    ("x,,,2019,1.234,,jiwa", "jumlah", "1.234", "seharusnya bilangan bulat"),
    ("x,,,2019,-3,,jiwa", "jumlah", -3, ">= 0"),
    ("x,,,2031,3,,jiwa", "tahun", 2031, "<= 2024"),
    ("x,,,2019,3,95;18,jiwa", "rasio", "95;18", "angka gaya mesin"),
    ("x,,,2019,3,,kg", "satuan", "kg", "units.yaml"),
    ("x,,1.6.x,2019,3,,jiwa", "kode", "1.6.x", "1.06.01.2.01.0001"),
    ("x,zz,,2019,3,,jiwa", "parent_id", "zz", "row_id"),
    ("x,,,2019,-,,jiwa", "jumlah", "-", "sel kosong"),
])
def test_bad_cell_names_row_column_value_expected(data_dir, row, column, value, expected):
    write(data_dir, GOOD_ROWS + [row])
    err = error_for(data_dir)
    assert err.file.endswith("t_demo.csv")
    assert err.row == 5, str(err)
    assert err.column == column
    assert err.value == value
    assert expected in str(err)


def test_duplicate_key_names_both_rows(data_dir):
    write(data_dir, GOOD_ROWS + ["a,,,2019,1,,jiwa"])
    err = error_for(data_dir)
    assert "kunci ganda" in str(err) and err.row == 5 and "baris [2, 5]" in str(err)


def test_wrong_field_count(data_dir):
    write(data_dir, GOOD_ROWS + ["x,,,2019,1,jiwa"])
    err = error_for(data_dir)
    assert err.row == 5 and "baris memiliki 6 kolom" in str(err)


def test_foreign_key(data_dir):
    schema = SCHEMA.replace("columns:", "foreign_keys:\n  - {column: parent_id, table: t_demo, references: row_id}\ncolumns:")
    (data_dir / "tables" / "t_demo.yaml").write_text(schema.replace("parent: {column: parent_id, references: row_id}\n", ""))
    write(data_dir, GOOD_ROWS + ["x,nope,,2019,1,,jiwa"])
    err = error_for(data_dir)
    assert "tidak ada di tabel t_demo" in str(err) and err.value == "nope"


def test_printed_file_checks(data_dir):
    (data_dir / "printed" / "t_demo.csv").write_text(
        "row,tahun,column,printed,value,note\ntotal,2019,jumlah,5,5,\ntotal,2019,jumlah,6,6,\n")
    with pytest.raises(DataValidationError, match="angka cetak ganda"):
        load_printed("t_demo", data_dir)
    (data_dir / "printed" / "t_demo.csv").write_text(
        "row,tahun,column,printed,value,note\ntotal,2019,jumlah,016,37,-16.37,lost minus\n")
    with pytest.raises(DataValidationError, match="kolom"):
        load_printed("t_demo", data_dir)


def test_missing_data_dir(tmp_path):
    with pytest.raises(DataValidationError, match="direktori data tidak ada"):
        load("t_demo", tmp_path / "missing")


@pytest.mark.parametrize("text, expected", [
    ("1.06.01.2.01.0001", "1.06.01.2.01.0001"), ("1.06.01.2,01.1", "1.06.01.2.01.0001"),
    ("2.08", "2.08"), ("1.6", "1.06"), ("1.06.01.2", None), ("1.06.001.2.01", "1.06.01.2.01"),
    ("x", None), ("1.06.01.2.01.12345", None),
])
def test_normalise_code(text, expected):
    assert normalise_code(text) == expected


def test_every_shipped_table_validates():
    counts = validate_all(REPO_DATA)
    assert counts, "no tables shipped"
    assert all(n > 0 for n in counts.values()), counts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=st.integers(min_value=0, max_value=len(GOOD_ROWS)), pos=st.integers(min_value=0, max_value=40),
       char=st.sampled_from(list(string.ascii_letters + string.digits + ".,;-\"' \t")))
def test_random_corruption_is_loaded_exactly_or_refused(data_dir, line, pos, char):
    """A corrupted file either loads to exactly the values written, or raises the documented error."""
    lines = (HEADER + "\n".join(GOOD_ROWS)).split("\n")
    target = lines[line]
    pos = min(pos, len(target))
    corrupted = lines[:]
    corrupted[line] = target[:pos] + char + target[pos + 1:]
    (data_dir / "tables" / "t_demo.csv").write_text("\n".join(corrupted) + "\n", encoding="utf-8")
    try:
        df = load("t_demo", data_dir)
    except DataValidationError as err:
        assert err.file.endswith("t_demo.csv") and str(err)
        return
    # Loaded: every cell must equal what the (corrupted) text says, parsed independently.
    import csv
    import io
    rows = list(csv.reader(io.StringIO("\n".join(corrupted[1:]))))
    rows = [r for r in rows if any(c.strip() for c in r)]
    assert len(df) == len(rows)
    for (_, got), raw in zip(df.iterrows(), rows):
        assert got["row_id"] == raw[0].strip()
        assert got["tahun"] == int(raw[3])
        assert (got["jumlah"] is None or str(got["jumlah"]) == "<NA>") if raw[4].strip() == "" \
            else got["jumlah"] == int(raw[4])
        assert (str(got["rasio"]) == "<NA>") if raw[5].strip() == "" else got["rasio"] == float(raw[5])


# -- "-" per column: nihil or no value (schema keys dash / blank) ------------------------------

DASH_SCHEMA = """\
id: t_dash
number: Tabel 9.8
title: Tabel sintetis tanda hubung
section: uji
source_lines: "-"
description: Synthetic table with a nihil count, a target column and a parent row.
primary_key: [row_id, tahun]
parent: {column: parent_id, references: row_id}
columns:
  row_id: {type: string}
  parent_id: {type: string, nullable: true}
  tahun: {type: integer}
  jumlah: {type: integer, nullable: true, min: 0, dash: nihil, blank: nihil}
  target: {type: number, nullable: true, dash: no_target}
  rasio: {type: number, nullable: true}
"""


def _dash_table(root, rows, schema=DASH_SCHEMA):
    (root / "tables" / "t_dash.yaml").write_text(schema, encoding="utf-8")
    (root / "tables" / "t_dash.csv").write_text("row_id,parent_id,tahun,jumlah,target,rasio\n"
                                               + "\n".join(rows) + "\n", encoding="utf-8")
    return load("t_dash", root)


def test_dash_is_nihil_in_a_nihil_column_and_no_value_in_a_target_column(data_dir):
    from helpers.core.data import printed_symbol, read_schema, symbols

    df = _dash_table(data_dir, ["p,,2024,,,", "a,p,2024,-,-,1.5", "b,p,2024,,,", "c,p,2024,0,0,"])
    by = df.set_index("row_id")
    assert by.loc["a", "jumlah"] == 0 and printed_symbol(df, "jumlah", "a", 2024) == "-"
    assert pd.isna(by.loc["a", "target"]) and printed_symbol(df, "target", "a", 2024) == "-"
    assert by.loc["b", "jumlah"] == 0 and printed_symbol(df, "jumlah", "b", 2024) == ""   # blank: nihil
    assert pd.isna(by.loc["b", "target"]) and printed_symbol(df, "target", "b", 2024) == ""
    assert by.loc["c", "jumlah"] == 0 and printed_symbol(df, "jumlah", "c", 2024) is None  # a printed 0
    assert pd.isna(by.loc["p", "jumlah"]) and printed_symbol(df, "jumlah", "p", 2024) is None  # parent: derived
    assert list(symbols(df[df["row_id"] != "p"], "jumlah").fillna("0")) == ["-", "", "0"]
    schema = read_schema("t_dash", data_dir)
    assert schema.column("jumlah").nihil and not schema.column("target").nihil


def test_dash_is_refused_where_the_schema_declares_no_meaning(data_dir):
    with pytest.raises(DataValidationError) as info:
        _dash_table(data_dir, ["a,,2024,1,1,-"])
    assert info.value.column == "rasio" and "dash" in info.value.expected


@pytest.mark.parametrize("spec, problem", [
    ("{type: integer, dash: zero}", "'dash' tidak dikenal"),
    ("{type: integer, blank: zero}", "'blank' tidak dikenal"),
    ("{type: string, dash: nihil}", "bukan kolom angka"),
])
def test_bad_dash_declaration(data_dir, spec, problem):
    schema = DASH_SCHEMA.replace("{type: number, nullable: true}", spec)
    with pytest.raises(DataValidationError) as info:
        _dash_table(data_dir, ["a,,2024,1,1,1"], schema)
    assert problem in info.value.problem


def test_shipped_schemas_declare_dash_for_additive_columns():
    """The document's "-": nihil for counts and rupiah, no target for the targets of Tabel 4.1."""
    from helpers.core.data import read_schema

    nihil = {("2_3_2_ppks", "jumlah"), ("4_1_rencana_program", "pagu"), ("2_2_2_pegawai_honorer", "jumlah"),
             ("2_2_3_pegawai_golongan", "jumlah"), ("2_2_4_pegawai_eselon", "jumlah"),
             ("2_2_5_pegawai_pendidikan", "jumlah")}
    for table, column in nihil:
        assert read_schema(table).column(column).dash == "nihil", (table, column)
    assert read_schema("4_1_rencana_program").column("target").dash == "no_target"
    for table in ("2_3_anggaran_2019_2020", "2_3_anggaran_2021_2024"):
        for column in ("anggaran", "realisasi"):
            assert read_schema(table).column(column).blank == "nihil", (table, column)
