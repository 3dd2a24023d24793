"""The project's YAML reading: YAML 1.2-style booleans (only true/false), so that a column
named ``no`` or a value ``ya`` stays a string. Used for schemas, units, opd.yaml and pages."""
from __future__ import annotations

import re
from pathlib import Path

import yaml


class _SchemaLoader(yaml.SafeLoader):
    """YAML 1.2-style booleans: only true/false, so a column named ``no`` stays the string "no"."""


_SchemaLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SchemaLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_yaml(path: Path):
    """Read a YAML file of this project (booleans are only true/false)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SchemaLoader)
