"""``python -m helpers.core.new_office DIR``: an empty data directory for another office, from the schemas."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers.core.data import read_schema, read_yaml, table_ids, validate_all
from helpers.core.new_office import NewOfficeError, main, new_office
from helpers.core.opd import OpdError, REQUIRED_KEYS, load_opd

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
TEMPLATE_KEYS = ("nama", "singkatan", "pemerintah_daerah", "wilayah", "periode", "dokumen")


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("kantor") / "kantor-baru"
    assert main([str(target)]) == 0
    return target


def test_every_schema_is_written_verbatim(office):
    ids = table_ids(REPO_DATA)
    assert sorted(p.stem for p in (office / "tables").glob("*.yaml")) == ids
    for table_id in ids:
        written = office / "tables" / f"{table_id}.yaml"
        source = REPO_DATA / "tables" / f"{table_id}.yaml"
        assert written.read_bytes() == source.read_bytes(), table_id
        assert read_yaml(written) == read_yaml(source), table_id


def test_titles_keep_their_placeholders(office):
    raw_titles = [str(read_yaml(p).get("title") or "") for p in (office / "tables").glob("*.yaml")]
    with_placeholder = [t for t in raw_titles if "{nama}" in t or "{pemerintah_daerah}" in t or "{singkatan}" in t]
    assert with_placeholder, "no schema title kept a {placeholder}"


def test_csvs_have_exactly_the_schema_columns_and_no_rows(office):
    for table_id in table_ids(REPO_DATA):
        columns = read_schema(table_id, REPO_DATA).column_names
        with (office / "tables" / f"{table_id}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows == [columns], table_id


def test_units_are_copied(office):
    assert (office / "units.yaml").read_bytes() == (REPO_DATA / "units.yaml").read_bytes()
    assert not (office / "printed").exists() and not (office / "realisasi").exists()


def test_opd_template_has_every_key_and_must_be_filled_in(office):
    text = (office / "opd.yaml").read_text(encoding="utf-8")
    raw = read_yaml(office / "opd.yaml")
    assert tuple(raw) == TEMPLATE_KEYS
    assert raw["dokumen"] == "Rencana Strategis (Renstra)"
    assert all(raw[key] == "" for key in REQUIRED_KEYS), "the office's identity is not prefilled"
    assert "# Nama lengkap perangkat daerah" in text and "mis. 2025-2029" in text
    with pytest.raises(OpdError, match="kunci 'nama': tidak ada"):
        load_opd(office)


def test_filled_in_directory_validates_with_empty_tables(office, tmp_path):
    filled = tmp_path / "filled"
    assert main([str(filled)]) == 0
    text = (filled / "opd.yaml").read_text(encoding="utf-8")
    for key, value in {"nama": "Dinas Uji Coba", "singkatan": "Dinas Uji", "pemerintah_daerah": "Kota Uji",
                       "periode": "2026-2030"}.items():
        text = text.replace(f'{key}: ""', f"{key}: {value}")
    (filled / "opd.yaml").write_text(text, encoding="utf-8")
    counts = validate_all(filled)
    assert set(counts) == set(table_ids(REPO_DATA)) and set(counts.values()) == {0}
    assert read_schema("4_5_1_iku_target", filled).title == "Indikator Kinerja Utama (IKU) Dinas Uji Coba"


def test_refuses_a_non_empty_directory(tmp_path, capsys):
    target = tmp_path / "ada"
    target.mkdir()
    (target / "catatan.txt").write_text("milik orang lain", encoding="utf-8")
    with pytest.raises(NewOfficeError, match="already exists and is not empty"):
        new_office(target)
    assert main([str(target)]) == 2
    assert "already exists and is not empty; nothing was written" in capsys.readouterr().err
    assert sorted(p.name for p in target.iterdir()) == ["catatan.txt"]
    assert (target / "catatan.txt").read_text(encoding="utf-8") == "milik orang lain"


def test_an_empty_existing_directory_is_accepted(tmp_path):
    target = tmp_path / "kosong"
    target.mkdir()
    written = new_office(target)
    assert (target / "opd.yaml") in written and (target / "tables").is_dir()


def test_refuses_a_file_and_a_directory_inside_the_source(tmp_path):
    path = tmp_path / "berkas"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(NewOfficeError, match="not a directory"):
        new_office(path)
    source = tmp_path / "sumber"
    assert main([str(source)]) == 0
    with pytest.raises(NewOfficeError, match="inside the source data directory"):
        new_office(source / "anak", schemas_from=source)


def test_a_broken_source_schema_writes_nothing(tmp_path):
    source = tmp_path / "sumber"
    assert main([str(source)]) == 0
    (source / "tables" / "2_3_2_ppks.yaml").write_text("columns: [rusak]\n", encoding="utf-8")
    target = tmp_path / "baru"
    with pytest.raises(NewOfficeError, match="no 'columns' mapping; nothing was written"):
        new_office(target, schemas_from=source)
    assert not target.exists()
