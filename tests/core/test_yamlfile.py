"""The project's YAML reading: the fast libyaml parser reads every shipped file as the pure-Python
one does, keeps the YAML 1.2 booleans, and its cache never hands out stale or shared results."""
from __future__ import annotations

from pathlib import Path

import yaml

from helpers.core import yamlfile
from helpers.core.yamlfile import read_yaml

REPO = Path(__file__).resolve().parents[2]


def test_every_shipped_yaml_reads_as_the_pure_python_parser_reads_it():
    files = sorted(REPO.glob("data/**/*.yaml")) + sorted(REPO.glob("notebooks/*.yaml"))
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        assert read_yaml(path) == yaml.load(text, Loader=yamlfile._ExplainingLoader), path


def test_only_true_and_false_are_booleans(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("no: ya\nyes: off\nflag: true\nother: False\n", encoding="utf-8")
    assert read_yaml(path) == {"no": "ya", "yes": "off", "flag": True, "other": False}


def test_a_changed_file_is_read_again_and_callers_get_their_own_copy(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("columns: {a: 1}\n", encoding="utf-8")
    first = read_yaml(path)
    first["columns"]["a"] = 99
    assert read_yaml(path) == {"columns": {"a": 1}}
    path.write_text("columns: {a: 2}\n", encoding="utf-8")
    assert read_yaml(path) == {"columns": {"a": 2}}


def test_a_syntax_error_names_the_character_line_and_fix(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("units:\n\torang: orang\n", encoding="utf-8")
    try:
        read_yaml(path)
    except yamlfile.YamlFileError as exc:
        message = str(exc)
    else:
        raise AssertionError("a tab in the indentation was read")
    assert "baris 2" in message and "'\\t'" in message and "spasi, bukan tab" in message
