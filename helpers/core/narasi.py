"""Planners' revisions of the narratives: ``data/narasi/<tahun>/<id>.md``, written by a person.

The build never writes there. A revision may open with YAML front matter between ``---`` lines
(when it was made, from which draft); :func:`revision` returns its text without it, or ``None``
when the narrative has no revision for that year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

REVISIONS_DIR = "narasi"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class RevisionError(ValueError):
    """A revision file that cannot be read; the message names the file and what was expected."""


@dataclass(frozen=True)
class Revision:
    """A planner's revision: its text (front matter removed), front matter, and file."""

    id: str
    text: str
    path: Path
    meta: dict = field(default_factory=dict, compare=False)


def revision_path(data_dir: Path, tahun: int, narrative_id: str) -> Path:
    return Path(data_dir) / REVISIONS_DIR / str(int(tahun)) / f"{narrative_id}.md"


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """``(front matter, body)`` of a revision file."""
    import yaml

    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    try:
        meta = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as exc:
        raise RevisionError(f"{path}: the front matter between the '---' lines is not valid YAML ({exc})") from None
    if not isinstance(meta, dict):
        raise RevisionError(f"{path}: the front matter must be key: value lines, found {type(meta).__name__}")
    return meta, text[found.end():]


def revision(data_dir: Path, tahun: int, narrative_id: str) -> Optional[Revision]:
    """The planner's revision of ``narrative_id`` for ``tahun``, or ``None`` when there is none."""
    path = revision_path(data_dir, tahun, narrative_id)
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RevisionError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    meta, body = split_front_matter(text, path)
    return Revision(narrative_id, body.strip() + "\n", path, meta)


def revision_files(data_dir: Path, tahun: int) -> list[Path]:
    """Every revision file of ``tahun`` (for fingerprints and for finding orphans)."""
    folder = Path(data_dir) / REVISIONS_DIR / str(int(tahun))
    return sorted(folder.glob("*.md")) if folder.is_dir() else []
