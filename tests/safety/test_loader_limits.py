"""Issue 14: the loader's limits and error reports (data.py, yamlfile.py). Synthetic edits of a
private copy of data/; each case failed with a crash or a first-error-only report before."""
import shutil
from pathlib import Path

import pytest

from helpers.core import data as loader
from helpers.core.data import DataValidationError

REPO = Path(__file__).resolve().parents[2]
TABLE = "2_3_2_ppks"


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def csv_lines(data_copy):
    return (data_copy / "tables" / f"{TABLE}.csv").read_text(encoding="utf-8").splitlines()


def write_lines(data_copy, lines):
    (data_copy / "tables" / f"{TABLE}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_every_bad_cell_of_a_file_is_reported_in_one_run(data_copy):
    lines = csv_lines(data_copy)
    for i in range(2, 8):                     # six consultant edits, rows 3-8
        lines[i] = lines[i].rsplit(",", 1)[0] + ",banyak"
    write_lines(data_copy, lines)
    with pytest.raises(loader.TableProblems) as info:
        loader.load(TABLE, data_copy)
    assert [p.row for p in info.value.problems] == [3, 4, 5, 6, 7, 8]
    assert all(f"baris {n}" in str(info.value) for n in range(3, 9))
    assert info.value.row == 3 and info.value.column == "jumlah"


def test_bad_cells_are_capped_with_a_count(data_copy):
    lines = csv_lines(data_copy)
    n = len(lines) - 1
    lines[1:] = [line.rsplit(",", 1)[0] + ",x" for line in lines[1:]]
    write_lines(data_copy, lines)
    with pytest.raises(loader.TableProblems) as info:
        loader.load(TABLE, data_copy)
    assert len(info.value.problems) == n
    if n > loader.MAX_PROBLEMS:
        assert f"dan {n - loader.MAX_PROBLEMS} sel salah lainnya" in str(info.value)
        assert str(info.value).count("\n  - ") == loader.MAX_PROBLEMS - 1


def test_a_huge_cell_is_a_clear_error(data_copy):
    lines = csv_lines(data_copy)
    lines[3] = lines[3].replace("Anak", '"' + "A" * 140_000 + '"', 1) if "Anak" in lines[3] else lines[3]
    write_lines(data_copy, lines)
    with pytest.raises(DataValidationError) as info:
        loader.load(TABLE, data_copy)
    assert info.value.row == 4 and "CSV tidak dapat dibaca (field larger" in str(info.value)


def test_header_only_table_fails_validation_naming_the_file(data_copy, capsys):
    from helpers.core import validate
    write_lines(data_copy, csv_lines(data_copy)[:1])
    assert validate.main([str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert f"tables/{TABLE}.csv: tabel hanya memiliki header tanpa baris data" in err


def test_schema_with_a_decimal_comma_is_refused_by_the_schema(data_copy):
    schema = data_copy / "tables" / f"{TABLE}.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("    min: 0", "    min: 0,5", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match="'min' bukan angka") as info:
        loader.load(TABLE, data_copy)
    assert info.value.file.endswith(".yaml") and info.value.value == "0,5"


@pytest.mark.parametrize("content, expected", [
    (b"units:\n\torang: orang\n", "indentasi dengan spasi"),
    (b"- orang\n- jiwa\n", "seharusnya pemetaan"),
    (b"units:\n  orang: orang\n  jiwa: jiw\xe9\n", "bukan teks UTF-8"),
])
def test_units_yaml_errors_name_the_file(data_copy, content, expected):
    (data_copy / "units.yaml").write_bytes(content)
    with pytest.raises(DataValidationError, match=expected) as info:
        loader.load(TABLE, data_copy)
    assert "units.yaml" in str(info.value)


def test_schema_yaml_in_cp1252_names_the_file_and_line(data_copy):
    schema = data_copy / "tables" / f"{TABLE}.yaml"
    schema.write_bytes(schema.read_bytes().replace(b"title:", b"# caf\xe9\ntitle:", 1))
    with pytest.raises(DataValidationError, match="bukan teks UTF-8") as info:
        loader.load(TABLE, data_copy)
    assert f"{TABLE}.yaml" in str(info.value) and "baris" in str(info.value)


def test_every_failed_range_check_is_reported_not_only_the_first(data_copy):
    """pandera validates lazily: all cells outside their range come back, each with its row."""
    lines = csv_lines(data_copy)
    for i in (2, 5, 7):                       # rows 3, 6 and 8 get a negative count
        lines[i] = lines[i].rsplit(",", 1)[0] + ",-5"
    write_lines(data_copy, lines)
    with pytest.raises(loader.TableProblems) as info:
        loader.load(TABLE, data_copy)
    assert [(p.row, p.column, p.value) for p in info.value.problems] == [(3, "jumlah", -5), (6, "jumlah", -5),
                                                                        (8, "jumlah", -5)]
    assert all("seharusnya nilai >= 0" in str(p) for p in info.value.problems)


def test_a_file_too_large_or_too_long_is_refused_before_parsing(data_copy, monkeypatch):
    lines = csv_lines(data_copy)
    monkeypatch.setattr(loader, "MAX_DATA_ROWS", 3)
    with pytest.raises(DataValidationError) as info:
        loader.load(TABLE, data_copy)
    assert "lebih dari 3 baris data" in str(info.value) and info.value.row == 5
    monkeypatch.setattr(loader, "MAX_DATA_ROWS", 100_000)
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    loader._CACHE.clear()
    with pytest.raises(DataValidationError) as info:
        loader.load(TABLE, data_copy)
    assert "berkas terlalu besar" in str(info.value) and "paling besar 100 byte" in str(info.value)
    assert info.value.file.endswith(f"{TABLE}.csv") and len("\n".join(lines)) > 100
