"""The committed data dictionary is generated from the current schemas."""
from helpers.core import dictionary
from helpers.core.data import table_ids


def test_dictionary_is_up_to_date():
    text = dictionary.render()
    assert dictionary.OUTPUT.read_text(encoding="utf-8") == text, "run: python -m helpers.core.dictionary"


def test_dictionary_lists_every_table_and_column():
    text = dictionary.render()
    for table_id in table_ids():
        assert f"## {table_id}" in text
    assert "| `jumlah` | integer | jiwa |" in text  # Tabel 2.3.2
