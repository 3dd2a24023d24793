"""Planners' revisions of the narratives: ``data/narasi/<tahun>/<id>.md``, written by a person.

``make narasi TAHUN=2025`` (:func:`copy_drafts`) copies the current drafts there as starting points,
with front matter that records when and from which facts; :func:`check_text` checks every figure of
a revision against the data (``cocok``, ``tidak_ditemukan``, ``berubah``).

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


# --------------------------------------------------------------------------------------------
# Starting points: the current drafts copied to data/narasi/ (``make narasi TAHUN=…``)
# --------------------------------------------------------------------------------------------

#: The report of the number check of a year, beside the drafts.
CHECK_FILE = "pemeriksaan-angka.csv"
CHECK_COLUMNS = ("narasi", "angka", "status", "keterangan")
MATCHED, NOT_FOUND, CHANGED, ORPHAN = "cocok", "tidak_ditemukan", "berubah", "tanpa_draf"
#: A fact's value is "the same" when it differs by less than this (floating noise of a recomputation).
_SAME = 1e-9


def facts_fingerprint(facts: Optional[dict]) -> str:
    """Short sha256 of a narrative's facts (name → value): changes whenever a cited figure changes."""
    import hashlib
    import json

    canonical = {str(k): (None if v is None else round(float(v), 9)) for k, v in (facts or {}).items()}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()[:16]


def starting_point(narrative_id: str, tahun: int, text: str, facts: Optional[dict], made: Optional[str] = None) -> str:
    """The text of a new revision file: front matter (when, from which facts, the facts) and the draft."""
    import datetime

    import yaml

    made = made or datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    meta = {"narasi": narrative_id, "tahun": int(tahun), "dibuat": made,
            "sidik_fakta": facts_fingerprint(facts),
            "fakta": {str(k): (None if v is None else float(v)) for k, v in (facts or {}).items()}}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200).strip()
    note = ("# Revisi perencana. Ubah teks di bawah garis kedua; jangan ubah baris di atasnya: \"fakta\" adalah\n"
            "# angka draf saat berkas ini dibuat, untuk memeriksa apakah data di balik angka yang dikutip berubah.\n")
    return f"---\n{note}{head}\n---\n\n{text.strip()}\n"


def year_models(output_dir: Path, tahun: int, data_dir: Optional[Path] = None,
                pages_file: Optional[Path] = None) -> list[tuple[int, dict]]:
    """``(home year, page model)`` of every page serving ``tahun``, in registry order: a page that
    several reporting years share lives (and keeps its revisions) in its first year's folder."""
    import json

    from helpers.core import registry
    from helpers.core.opd import load_opd

    pages, _ = registry.load_registry(pages_file)
    start = load_opd(data_dir).periode[0]
    realised = registry.realisasi_years(Path(data_dir)) if data_dir is not None else []
    found = []
    for spec in pages:
        if not spec.applies_to(tahun):
            continue
        home = registry.reporting_window(spec, tahun, start, realised)[0]
        path = Path(output_dir) / str(home) / "model" / f"{spec.stem}.json"
        try:
            found.append((home, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            continue
    return found


def copy_drafts(tahun: int, data_dir: Optional[Path] = None, output_dir: Optional[Path] = None,
                made: Optional[str] = None) -> list[tuple[str, Path, bool]]:
    """Copy the current drafts of ``tahun`` to ``data/narasi/<tahun>/<id>.md`` as starting points;
    an existing revision is never overwritten. Returns ``(id, path, written)`` per narrative.

    Callable from JupyterLab: ``from helpers.core.narasi import copy_drafts; copy_drafts(2025)``.
    The drafts are read from the page models of the last build (``outputs/<tahun>/model/``); a page
    that several years share keeps its revisions under its first year (the page shows them)."""
    from helpers.core import files
    from helpers.core.config import DEFAULT_OUTPUT_DIR, default_data_dir

    data = Path(data_dir) if data_dir is not None else default_data_dir()
    out = Path(output_dir) if output_dir is not None else DEFAULT_OUTPUT_DIR
    models = year_models(out, int(tahun), data)
    if not models:
        raise RevisionError(f"{out / str(tahun) / 'model'}: no page model of year {tahun}; build the year first "
                            f"(make report YEARS={tahun}), then copy its drafts")
    done = []
    for home, model in models:
        for item in model.get("items", []):
            if item.get("kind") != "narasi":
                continue
            path = revision_path(data, home, item["id"])
            if path.exists():
                done.append((item["id"], path, False))
                continue
            files.write_text(path, starting_point(item["id"], home, item["text"], item.get("facts"), made))
            done.append((item["id"], path, True))
    return done


# --------------------------------------------------------------------------------------------
# The number check of a revision
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberCheck:
    """One figure of a revision and what the data say about it now."""

    narasi: str
    angka: str
    status: str
    keterangan: str

    def row(self) -> dict:
        return {"narasi": self.narasi, "angka": self.angka, "status": self.status, "keterangan": self.keterangan}


def table_figures(items: list) -> list[float]:
    """Every number in the tables of a page model's items (the cells as the page computed them)."""
    values = []
    for item in items:
        if item.get("kind") != "table":
            continue
        for row in item["table"]["data"]["rows"]:
            for cell in row:
                if isinstance(cell, (int, float)) and not isinstance(cell, bool) and cell == cell:
                    values.append(float(cell))
    return values


def _show(value: float) -> str:
    from helpers.core.numbers import format_number

    decimals = 0 if float(value).is_integer() else 2
    return format_number(value, decimals)


def check_text(narrative_id: str, text: str, facts: Optional[dict], figures: list[float],
               recorded: Optional[dict] = None) -> list[NumberCheck]:
    """Check every figure of ``text`` (:func:`helpers.core.prose.parse_numbers`): ``cocok`` when it is
    a current fact of the narrative or a figure of the page's tables (allowing the rounding the
    prose uses), ``berubah`` when it matched a fact ``recorded`` in the revision's front matter
    whose value differs now, else ``tidak_ditemukan``."""
    from helpers.core.prose import parse_numbers

    facts = {k: float(v) for k, v in (facts or {}).items() if v is not None}
    recorded = {k: float(v) for k, v in (recorded or {}).items() if v is not None}
    checks = []
    for number in parse_numbers(text):
        fact = next((k for k, v in facts.items() if number.matches(v)), None)
        if fact is not None:
            checks.append(NumberCheck(narrative_id, number.text, MATCHED, f"fakta \u201c{fact}\u201d = {_show(facts[fact])}"))
            continue
        old = next((k for k, v in recorded.items() if number.matches(v)
                    and (k not in facts or abs(facts[k] - v) > _SAME)), None)
        if old is not None:
            now = (f"sekarang {_show(facts[old])}" if old in facts else "fakta ini tidak lagi ada pada draf")
            checks.append(NumberCheck(narrative_id, number.text, CHANGED,
                                      f"saat revisi dibuat \u201c{old}\u201d = {_show(recorded[old])}; {now}"))
            continue
        if any(number.matches(v) for v in figures):
            checks.append(NumberCheck(narrative_id, number.text, MATCHED, "ada pada tabel halaman"))
            continue
        near = min(facts.items(), key=lambda kv: abs(abs(kv[1]) - abs(number.value)), default=None)
        hint = f"; fakta terdekat \u201c{near[0]}\u201d = {_show(near[1])}" if near else ""
        checks.append(NumberCheck(narrative_id, number.text, NOT_FOUND,
                                  f"tidak ada pada fakta narasi ini maupun tabel halaman{hint}"))
    return checks


def check_revision(found: Revision, facts: Optional[dict], figures: list[float]) -> list[NumberCheck]:
    """:func:`check_text` of a revision, with the facts its front matter recorded."""
    recorded = found.meta.get("fakta") if isinstance(found.meta.get("fakta"), dict) else {}
    return check_text(found.id, found.text, facts, figures, recorded)


def orphan_checks(data_dir: Path, tahun: int, known: set, shared: Optional[dict] = None) -> list[NumberCheck]:
    """A row per revision file of ``tahun`` whose narrative no longer exists (reported, not dropped);
    ``shared`` maps the narratives of pages built for another year (id → that year) to say where their
    revisions live."""
    shared = shared or {}
    rows = []
    for path in revision_files(data_dir, tahun):
        if path.stem in known:
            continue
        if path.stem in shared:
            why = (f"halaman narasi ini berlaku juga untuk tahun {tahun} dan dibangun untuk tahun {shared[path.stem]}; "
                   f"revisinya dibaca dari {REVISIONS_DIR}/{shared[path.stem]}/{path.name}")
        else:
            why = (f"tidak ada narasi dengan id \u201c{path.stem}\u201d pada tahun {tahun}; ganti namanya sesuai id "
                   "draf atau hapus")
        rows.append(NumberCheck(path.stem, "", ORPHAN, f"berkas {REVISIONS_DIR}/{tahun}/{path.name} tidak dipakai: {why}"))
    return rows


def unknown_revisions(data_dir: Path, pages_file: Optional[Path] = None) -> list[str]:
    """Messages for revision files no page declares (``narasi:`` products of ``pages.yaml``), for ``make validate``."""
    from helpers.core import registry

    pages, _ = registry.load_registry(pages_file)
    folder = Path(data_dir) / REVISIONS_DIR
    messages = []
    for path in sorted(folder.glob("*/*.md")) if folder.is_dir() else []:
        year = path.parent.name
        if not year.isdigit() or not any(p.applies_to(int(year)) and p.declares("narasi", path.stem) for p in pages):
            messages.append(f"{path}: no narrative \"{path.stem}\" exists for year {year} (pages.yaml, narasi: "
                            "products); the revision is not used; rename it to a draft's id or remove it")
    return messages


def count_to_check(year_dir: Path) -> int:
    """How many figures of the year's revisions are not ``cocok`` (rows of ``narasi/pemeriksaan-angka.csv``,
    orphan revisions included); 0 when the year has no check file."""
    import csv

    path = Path(year_dir) / "narasi" / CHECK_FILE
    if not path.is_file():
        return 0
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if row.get("status") != MATCHED)


def main(argv: Optional[list] = None) -> int:
    """``python -m helpers.core.narasi salin --tahun 2025 [--data-dir DIR] [--output-dir DIR]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m helpers.core.narasi",
                                     description="Salin draf narasi tahun ini ke data/narasi/<tahun>/ sebagai "
                                                 "titik awal revisi (revisi yang ada tidak pernah ditimpa).")
    sub = parser.add_subparsers(dest="command", required=True)
    salin = sub.add_parser("salin", help="salin draf terbaru ke data/narasi/<tahun>/")
    salin.add_argument("--tahun", required=True)
    salin.add_argument("--data-dir", default=None)
    salin.add_argument("--output-dir", default=None)
    args = parser.parse_args(argv)
    try:
        tahun = int(str(args.tahun).strip())
    except ValueError:
        print(f"ERROR TAHUN={args.tahun!r} bukan tahun; seharusnya misalnya TAHUN=2025", file=sys.stderr)
        return 2
    try:
        done = copy_drafts(tahun, args.data_dir, args.output_dir)
    except (RevisionError, OSError, ValueError) as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    for narrative_id, path, written in done:
        print(f"{'disalin' if written else 'sudah ada, tidak ditimpa'}: {path}")
    print(f"{sum(w for _, _, w in done)} draf disalin, {sum(not w for _, _, w in done)} revisi yang ada dibiarkan.")
    return 0


def check_revisions(data_dir: Path) -> int:
    """Check every revision ``narasi/<tahun>/*.md`` (UTF-8, front matter), printing ``ok``/``ERROR``
    lines as ``make validate`` does, and warn about revisions no page shows; returns the failures."""
    import sys

    data = Path(data_dir)
    failures = 0
    folder = data / REVISIONS_DIR
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        try:
            split_front_matter(path.read_text(encoding="utf-8-sig"), path)
        except UnicodeDecodeError as exc:
            failures += 1
            print(f"ERROR {path}: bukan teks UTF-8 (byte ke-{exc.start}); seharusnya teks UTF-8", file=sys.stderr)
        except (RevisionError, ValueError) as exc:
            failures += 1
            print(f"ERROR {exc}", file=sys.stderr)
        else:
            print(f"ok  {path.relative_to(data)}")
    for message in unknown_revisions(data):  # reported, not dropped silently; the build goes on
        print(f"WARNING {message}", file=sys.stderr)
    return failures


if __name__ == "__main__":
    raise SystemExit(main())

