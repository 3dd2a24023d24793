"""The project's YAML reading: YAML 1.2-style booleans (only true/false), so that a column
named ``no`` or a value ``ya`` stays a string. Used for schemas, units, opd.yaml and pages.

Parsing uses libyaml (``CSafeLoader``) where PyYAML has it, and each file's result is kept by the
sha256 of its bytes: a page reads about 50 schemas, and the pure-Python parser spent about 2 s of
every page on them (profile in docs/build.md). A changed file has other bytes, so it is parsed again;
callers get their own copy, so none can change what another one reads.
"""
from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path

import yaml



def _yaml12_booleans(loader: type) -> type:
    """``loader`` with YAML 1.2-style booleans: only true/false, so a column named ``no`` stays "no"."""
    loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return loader


#: The fast parser (libyaml), and the pure-Python one, which is used again for a file that does not
#: parse because its messages name the offending character ("found character '\t'...").
_SchemaLoader = _yaml12_booleans(type("_SchemaLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {}))
_ExplainingLoader = _yaml12_booleans(type("_ExplainingLoader", (yaml.SafeLoader,), {}))

#: Parsed files by the sha256 of their bytes (a process keeps at most a few hundred small files).
_PARSED: dict[bytes, object] = {}


class YamlFileError(yaml.YAMLError, ValueError):
    """A YAML file that cannot be read: the message names the file, the line and the fix.

    A ``yaml.YAMLError``, so every caller that handles bad YAML handles this too."""


def read_yaml(path: Path):
    """Read a YAML file of this project (booleans are only true/false).

    Bytes that are not UTF-8 (a file saved as Windows-1252) and YAML syntax errors (a tab in the
    indentation) raise :class:`YamlFileError` naming the file and line.
    """
    data = Path(path).read_bytes()
    key = hashlib.sha256(data).digest()
    if key in _PARSED:
        return copy.deepcopy(_PARSED[key])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlFileError(f"{path}, baris {line}: bukan teks UTF-8 (byte ke-{exc.start}, nilai "
                            f"{data[exc.start: exc.start + 4]!r}); seharusnya teks UTF-8 (Windows-1252 tidak "
                            "diterima: simpan berkas sebagai UTF-8)") from None
    try:
        try:
            parsed = yaml.load(text, Loader=_SchemaLoader)
        except yaml.YAMLError:
            parsed = yaml.load(text, Loader=_ExplainingLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", baris {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        hint = "; buat indentasi dengan spasi, bukan tab" if "\\t" in problem or "\t" in problem else ""
        raise YamlFileError(f"{path}{where}: bukan YAML yang sah ({problem}){hint}") from None
    if len(_PARSED) > 2000:
        _PARSED.clear()
    _PARSED[key] = parsed
    return copy.deepcopy(parsed)
