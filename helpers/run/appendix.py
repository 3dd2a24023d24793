"""The year's documents, built from the page models once the pages have run.

(Importing this module imports no pandas: the runner reads models and hashes without it.)

Every page records what it showed, in order, in ``<tahun>/model/<page>.json`` (see
:mod:`helpers.run.notebook`). From those models this module writes, per year:

* ``lampiran-<tahun>.docx``: the Word appendix — cover (office, plan, year), a table of contents
  that Word fills on opening, then per chapter (``chapters:`` of ``pages.yaml``) every table,
  figure ("Gambar 2.1 …") and narrative of its pages, in document order;
* ``tabel-<tahun>.xlsx``: one workbook, an index sheet and one sheet per table (``T2.3.2``);
* ``narasi-<tahun>.docx``: every narrative under its table's heading, for revising in Word;
* ``narasi/pemeriksaan-angka.csv``: every figure of the year's revisions checked against the data
  (``narasi,angka,status,keterangan``; status ``cocok``, ``tidak_ditemukan``, ``berubah``, and
  ``tanpa_draf`` for a revision whose narrative no longer exists).

A narrative is the planner's revision (``data/narasi/<tahun>/<id>.md``) where one exists,
otherwise the generated draft. A page that several reporting years share keeps its revisions
under the year it was built for (its model's ``tahun``). Nothing is recomputed: the tables are
the pages' own.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from helpers.core import files, narasi
from helpers.core.narasi import revision, revision_files
from helpers.core.opd import load_opd
from helpers.core.registry import Chapter, PageSpec, in_document_order
from helpers.run.index import DOCUMENTS



def document_path(year_dir: Path, kind: str, tahun: int) -> Path:
    return Path(year_dir) / DOCUMENTS[kind][0].format(tahun=tahun)


def read_model(year_dir: Path, stem: str) -> Optional[dict]:
    """The page model of ``stem`` in ``year_dir``, or ``None`` when the page has none."""
    path = Path(year_dir) / "model" / f"{stem}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass
class Part:
    """One page of the appendix: its chapter, registry entry and model."""

    chapter: Optional[Chapter]
    page: PageSpec
    model: dict
    folder: Path  # the year folder holding the page (its figures are read from there)
    _tables: dict = field(default_factory=dict, repr=False, compare=False)

    def table(self, item: dict):
        """The :class:`~helpers.present.table.Table` of a table item, rebuilt from the model once
        for all three documents (the Word appendix, the workbook and the landscape test read it)."""
        from helpers.present.table import Table

        key = id(item["table"])
        if key not in self._tables:
            self._tables[key] = Table.from_record(item["table"])
        return self._tables[key]


def parts_of(page_dirs: dict[str, Path], pages: list[PageSpec], chapters: list[Chapter], tahun: int) -> list[Part]:
    """The pages of ``tahun`` in document order with their models (pages without one are left out).

    ``page_dirs`` maps a page to the year folder holding it: a page that several reporting years
    share (the same data window) lives in the first year's folder."""
    parts = []
    for chapter, page in in_document_order(pages, chapters):
        if page.applies_to(tahun):
            model, tables = _model_of(Path(page_dirs[page.stem]), page.stem)
            if model is not None:
                parts.append(Part(chapter, page, model, Path(page_dirs[page.stem]), tables))
    return parts


#: Models read by this process, with the tables rebuilt from them: the years a worker writes one
#: after another share most pages (path -> (size, mtime, ctime, inode), model, tables).
_MODELS: dict[str, tuple[tuple, dict, dict]] = {}


def _model_of(folder: Path, stem: str) -> tuple[Optional[dict], dict]:
    """The model of ``stem`` in ``folder`` and its tables, read once while the file is the same
    (the runner replaces a model, never rewrites it in place)."""
    path = folder / "model" / f"{stem}.json"
    try:
        stat = path.stat()
    except OSError:
        return None, {}
    key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    kept = _MODELS.get(str(path))
    if kept is not None and kept[0] == key:
        return kept[1], kept[2]
    model = read_model(folder, stem)
    if model is None:
        return None, {}
    _MODELS[str(path)] = (key, model, {})
    return model, _MODELS[str(path)][2]


def _page_dirs(year_dir: Path, pages: list[PageSpec], page_dirs: Optional[dict[str, Path]]) -> dict[str, Path]:
    return {page.stem: Path((page_dirs or {}).get(page.stem, year_dir)) for page in pages}


def inputs_hash(year_dir: Path, pages: list[PageSpec], tahun: int, data_dir: Path, code: dict,
                page_dirs: Optional[dict[str, Path]] = None) -> str:
    """What the year's documents depend on: the models, the revisions, the office, the layout, the code.

    Bytes are hashed, nothing is parsed (every no-op build asks this for each year), each model and
    picture once per process while it is the same file (a build asks twice for a year whose pages
    ran): a model's revisions are those of the year folder holding it, its pictures the PNG
    products it declares."""
    page_dirs = _page_dirs(year_dir, pages, page_dirs)
    digest = hashlib.sha256(json.dumps(code, sort_keys=True).encode())
    shown = [page for page in pages if page.applies_to(tahun)]
    homes = {tahun}
    for page in shown:
        folder = Path(page_dirs[page.stem])
        path = folder / "model" / f"{page.stem}.json"
        if path.is_file():
            digest.update(page.stem.encode() + b"\0" + _file_digest(path))
            homes.add(int(folder.name) if folder.name.isdigit() else
                      int((read_model(folder, page.stem) or {}).get("tahun", tahun)))
    revisions = [path for year in sorted(homes) for path in revision_files(data_dir, year)]
    for path in revisions + [Path(data_dir) / "opd.yaml", Path(data_dir) / "lampiran.yaml"]:
        if path.is_file():
            digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    for page in shown:  # figures are read from their PNG files
        for path in sorted((Path(page_dirs[page.stem]) / "figures").glob("*.png")):
            if page.declares("figures", path.stem):
                digest.update(path.name.encode() + b"\0" + _file_digest(path))
    return digest.hexdigest()


def narrative_text(data_dir: Path, tahun: int, item: dict) -> tuple[str, bool]:
    """``(text, revised)``: the planner's revision of a narrative item, else its draft (``tahun``:
    the year the page was built for, :func:`home_year`)."""
    found = revision(data_dir, tahun, item["id"])
    return (found.text, True) if found is not None else (item["text"], False)


def home_year(part: Part, tahun: int) -> int:
    """The year whose revisions a page uses: the year it was built for (shared pages: the first)."""
    return int(part.model.get("tahun", tahun))


def number_checks(parts: list[Part], tahun: int, data_dir: Path) -> list:
    """Every figure of the year's revisions checked against the facts of its narrative and the
    tables shown above it on its page; then one row per revision of ``tahun`` that no narrative uses."""
    checks, known, shared = [], set(), {}
    for part in parts:
        home = home_year(part, tahun)
        items = part.model.get("items", [])
        for index, item in enumerate(items):
            if item.get("kind") != "narasi":
                continue
            if home == tahun:
                known.add(item["id"])
            else:
                shared[item["id"]] = home
            found = revision(data_dir, home, item["id"])
            if found is not None:
                checks += narasi.check_revision(found, item.get("facts"), narasi.table_figures(items[:index]))
    return checks + narasi.orphan_checks(data_dir, tahun, known, shared)


def write_checks(path: Path, checks: list) -> Path:
    """``pemeriksaan-angka.csv`` (header only when the year has no revision), atomically."""
    import csv
    import io

    from helpers.core import files

    from helpers.present.xlsx import safe_text

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(narasi.CHECK_COLUMNS), lineterminator="\n")
    writer.writeheader()
    # The revision's text is a person's: a number written "-5" or a pasted "=HYPERLINK(…)" must open
    # in a spreadsheet as text, never as a formula (OWASP CSV injection).
    writer.writerows({k: safe_text(v) if isinstance(v, str) else v for k, v in check.row().items()} for check in checks)
    return files.write_text(path, buffer.getvalue())


def figure_caption(chapter: Optional[Chapter], number: int, caption: str) -> str:
    label = f"Gambar {chapter.nomor if chapter else 'L'}.{number}"
    return f"{label} {caption}".strip()


def _cover(writer, opd, tahun: int, heading: str, note: str) -> None:
    """A cover in direct formatting (not heading styles, so the table of contents lists chapters only)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    size = writer.settings.font_size
    for text, points in ((heading, size + 11), (opd.judul_dokumen, size + 5), (f"Tahun laporan {tahun}", size + 3)):
        paragraph = writer.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(18)
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(points)
    writer.paragraph(note, italic=True).alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_lampiran(path: Path, parts: list[Part], tahun: int, data_dir: Path, settings,
                   cache_dir: Optional[Path] = None, used: Optional[list] = None) -> Path:
    """The Word appendix of ``tahun`` from the page models (see the module docstring).

    Each page is rendered on its own into a :class:`~helpers.present.docx.Fragment` and stitched
    into the document as XML text (:func:`~helpers.present.docx.stitched_bytes`), never as one
    tree of the whole appendix. A fragment is kept for the inputs it was rendered from
    (:func:`fragment_key`), in this process and, with ``cache_dir``, on disk, so the pages
    that 2025–2029 share are rendered once, and a rebuild renders only the pages that changed.
    ``used`` (a list) receives the keys of the fragments the document holds."""
    from helpers.present.docx import (FRAGMENTS_MARKER, Writer, add_page_numbers, add_toc, new_document,
                                      section_state, stitched_bytes)

    opd = load_opd(data_dir)
    document = new_document(settings, title=f"Lampiran {opd.judul_dokumen} tahun {tahun}", subject=opd.lengkap)
    writer = Writer(document, settings)
    _cover(writer, opd, tahun, "LAMPIRAN",
           "Tabel, gambar dan narasi halaman analisis, disusun otomatis dari data dasar. Angka bertanda * "
           "dihitung ulang dan berbeda dengan angka tercetak; catatan di bawah tabel menyebut angka tercetaknya.")
    writer.page_break()
    writer.paragraph("Daftar Isi", "TOC Heading")
    add_toc(document, "Daftar isi diisi oleh Word saat dokumen dibuka (atau klik kanan di sini, lalu "
                      "Perbarui Bidang).")
    writer.page_break()
    state = section_state(document, writer.landscape)
    writer.paragraph(FRAGMENTS_MARKER)
    add_page_numbers(document)
    current: Optional[Chapter] = None
    figures: dict[str, int] = {}
    fragments = []
    scratch = None
    for index, part in enumerate(parts):
        new_chapter = index == 0 or part.chapter != current
        number = part.chapter.nomor if part.chapter else "L"
        place = {"first": index == 0, "new_chapter": new_chapter, "figure_start": figures.get(number, 0)}
        key = fragment_key(part, tahun, data_dir, settings, state, place)
        fragment = _cached_fragment(key, cache_dir)
        if fragment is None:
            if scratch is None:
                scratch = new_document(settings)
            fragment = _render_part(scratch, settings, state, part, tahun, data_dir, place)
            _keep_fragment(key, fragment, cache_dir)
        fragments.append(fragment)
        if used is not None:
            used.append(key)
        state = fragment.end
        figures[number] = place["figure_start"] + fragment.figures
        current = part.chapter
    return files.write_bytes(path, stitched_bytes(document, fragments, state))


def _render_part(scratch, settings, start, part: Part, tahun: int, data_dir: Path, place: dict):
    """One page of the appendix as a fragment: its section break or page break, headings, tables,
    figures (numbered from ``place["figure_start"]`` within the chapter) and narratives."""
    from helpers.present.docx import needs_landscape, render_fragment

    def write(writer) -> int:
        items = part.model.get("items", [])
        # A page that opens with a wide table starts on a landscape page, its headings with it.
        opening = next((item for item in items if item.get("kind") in ("table", "figure", "narasi")), None)
        landscape = bool(opening and opening["kind"] == "table"
                         and needs_landscape(part.table(opening), settings))
        if landscape != writer.landscape:
            writer.orientation(landscape)  # a new section starts a new page
        elif place["new_chapter"] and not place["first"]:
            writer.page_break()
        if place["new_chapter"]:
            writer.heading(part.chapter.heading if part.chapter else "Lampiran lain", 1)
        writer.heading(part.page.title, 2)
        count = 0
        for item in items:
            kind = item.get("kind")
            if kind == "table":
                writer.table(part.table(item))
            elif kind == "figure":
                count += 1
                writer.figure(part.folder / item["png"],
                              figure_caption(part.chapter, place["figure_start"] + count, item.get("caption", "")),
                              item.get("alt", ""))
            elif kind == "narasi":
                text, revised = narrative_text(data_dir, home_year(part, tahun), item)
                writer.markdown(text)
                if revised:
                    _write_flags(writer, part, item, tahun, data_dir, settings)
            elif kind == "notice":
                writer.paragraph(item.get("text", ""), italic=True)
            elif kind == "markdown":
                writer.markdown(item.get("text", ""))
        return count

    return render_fragment(scratch, settings, start, write)


_CODE: list[bytes] = []


def _renderer_version() -> bytes:
    """What a fragment's XML depends on besides its inputs: the renderers' code and python-docx."""
    if not _CODE:
        from importlib.metadata import version

        package = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256(f"python-docx={version('python-docx')}".encode())
        for folder in ("core", "present", "run"):
            for source in sorted((package / folder).glob("*.py")):
                digest.update(f"{folder}/{source.name}".encode() + b"\0" + source.read_bytes())
        _CODE.append(digest.digest())
    return _CODE[0]


def fragment_key(part: Part, tahun: int, data_dir: Path, settings, start, place: dict) -> str:
    """Everything one page's fragment of the appendix is rendered from: its model, the revisions
    of its narratives, its pictures, the layout settings, where it starts (section, chapter,
    figure number) and the renderers' code."""
    digest = hashlib.sha256(_renderer_version())
    digest.update(json.dumps([repr(settings), start.landscape, start.sect_pr, place, part.page.title,
                              part.chapter.heading if part.chapter else None, str(part.folder)]).encode())
    model = Path(part.folder) / "model" / f"{part.page.stem}.json"
    digest.update(_file_digest(model) if model.is_file() else json.dumps(part.model, sort_keys=True).encode())
    for item in part.model.get("items", []):
        if item.get("kind") == "narasi":
            found = revision(data_dir, home_year(part, tahun), item["id"])
            digest.update(b"revisi\0" + (found.path.read_bytes() if found is not None else b"-"))
        elif item.get("kind") == "figure":
            digest.update(b"gambar\0" + _file_digest(Path(part.folder) / item["png"]))
    return digest.hexdigest()


_DIGESTS: dict[str, tuple[tuple, bytes]] = {}


def _file_digest(path: Path) -> bytes:
    """sha256 of a page's model or picture, computed once while the file is the same (see _model_of)."""
    stat = path.stat()
    key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    kept = _DIGESTS.get(str(path))
    if kept is None or kept[0] != key:
        kept = _DIGESTS[str(path)] = (key, hashlib.sha256(path.read_bytes()).digest())
    return kept[1]


#: Fragments rendered or read by this process (the years a worker writes one after another share
#: most pages), at most this many.
_FRAGMENTS: dict[str, object] = {}
_FRAGMENTS_KEPT = 64
FRAGMENTS_DIR = "lampiran"


def _cached_fragment(key: str, cache_dir: Optional[Path]):
    from helpers.present.docx import Fragment, SectionState

    fragment = _FRAGMENTS.get(key)
    if fragment is None and cache_dir is not None:
        folder = Path(cache_dir) / FRAGMENTS_DIR
        try:
            stored = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
            fragment = Fragment((folder / f"{key}.xml").read_bytes(), tuple(tuple(i) for i in stored["images"]),
                                SectionState(bool(stored["end"][0]), stored["end"][1]), int(stored["figures"]))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # absent, or unreadable: rendered again
        if not all(Path(png).is_file() for _, png in fragment.images):
            return None
        _remember(key, fragment)
    return fragment


def _remember(key: str, fragment) -> None:
    if len(_FRAGMENTS) >= _FRAGMENTS_KEPT:
        _FRAGMENTS.pop(next(iter(_FRAGMENTS)))
    _FRAGMENTS[key] = fragment


def _keep_fragment(key: str, fragment, cache_dir: Optional[Path]) -> None:
    _remember(key, fragment)
    if cache_dir is None:
        return
    import contextlib

    folder = Path(cache_dir) / FRAGMENTS_DIR
    with contextlib.suppress(OSError):  # the cache is only a shortcut: a full disk renders again
        files.write_bytes(folder / f"{key}.xml", fragment.xml)  # the XML first: the .json says it is complete
        files.write_text(folder / f"{key}.json", json.dumps({"images": fragment.images,
                                                             "end": [fragment.end.landscape, fragment.end.sect_pr],
                                                             "figures": fragment.figures}))


def prune_fragments(cache_dir: Path, keep: set) -> int:
    """Remove the stored fragments and sheets no year's documents hold any more; returns how many."""
    removed = 0
    for name, suffixes, counted in ((FRAGMENTS_DIR, (".json", ".xml"), ".json"), (SHEETS_DIR, (".xlsx",), ".xlsx")):
        folder = Path(cache_dir) / name
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.suffix in suffixes and path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += path.suffix == counted
    return removed


def write_narasi(path: Path, parts: list[Part], tahun: int, data_dir: Path, settings) -> Path:
    """Every narrative of ``tahun`` under its table's heading: the revision where one exists."""
    from helpers.present.docx import Writer, add_page_numbers, new_document, write_docx

    opd = load_opd(data_dir)
    document = new_document(settings, title=f"Narasi {opd.judul_dokumen} tahun {tahun}", subject=opd.lengkap)
    writer = Writer(document, settings)
    writer.paragraph(f"Narasi Lampiran Tahun {tahun}", "Title")
    writer.paragraph(opd.judul_dokumen)
    writer.paragraph("Setiap narasi berada di bawah judul tabelnya. Narasi yang sudah direvisi perencana "
                     f"(berkas data/narasi/{tahun}/) ditandai \"direvisi\"; yang lain masih draf otomatis.",
                     italic=True)
    current = None
    for part in parts:
        narratives = [item for item in part.model.get("items", []) if item.get("kind") == "narasi"]
        if not narratives:
            continue
        if part.chapter != current:
            writer.heading(part.chapter.heading if part.chapter else "Lampiran lain", 1)
            current = part.chapter
        writer.heading(part.page.title, 2)
        under = part.page.title
        for item in part.model.get("items", []):
            if item.get("kind") == "table":
                under = item["table"]["caption"]
            elif item.get("kind") == "narasi":
                text, revised = narrative_text(data_dir, home_year(part, tahun), item)
                writer.heading(under, 3)
                writer.paragraph(f"Narasi {item['id']} ({'direvisi' if revised else 'draf otomatis'})", italic=True,
                                 size=settings.table_font_size)
                writer.markdown(text)
                if revised:
                    _write_flags(writer, part, item, tahun, data_dir, settings)
    add_page_numbers(document)
    return write_docx(document, path)


def flagged_checks(part: Part, item: dict, tahun: int, data_dir: Path) -> list:
    """The figures of ``item``'s revision that are not ``cocok`` (as on the page and in the CSV)."""
    items = part.model.get("items", [])
    found = revision(data_dir, home_year(part, tahun), item["id"])
    if found is None:
        return []
    before = items[:next((i for i, it in enumerate(items) if it is item), len(items))]
    checks = narasi.check_revision(found, item.get("facts"), narasi.table_figures(before))
    return [c for c in checks if c.status != narasi.MATCHED]


def _write_flags(writer, part: Part, item: dict, tahun: int, data_dir: Path, settings) -> None:
    """Below a revised narrative: "Angka yang perlu diperiksa", one line per figure not confirmed."""
    flagged = flagged_checks(part, item, tahun, data_dir)
    if not flagged:
        return
    label = {narasi.NOT_FOUND: "tidak ditemukan", narasi.CHANGED: "berubah"}
    writer.paragraph("Angka yang perlu diperiksa", italic=True, size=settings.table_font_size)
    for check in flagged:
        writer.paragraph(f"{check.angka}: {label.get(check.status, check.status)} ({check.keterangan})",
                         italic=True, size=settings.table_font_size)


@dataclass(frozen=True)
class _TableRef:
    """A table item of a page model as the workbook's index reads it (no table rebuilt for it)."""

    caption: str
    number: Optional[str]
    name: str
    part: Part
    item: dict
    order: int  # the item's place in its page model


_SHEET_CODE: list[bytes] = []


def _sheet_code() -> bytes:
    """What every sheet depends on besides its table: the renderers' code and XlsxWriter's version."""
    if not _SHEET_CODE:
        from importlib.metadata import version

        _SHEET_CODE.append(_renderer_version() + f"xlsxwriter={version('xlsxwriter')}".encode())
    return _SHEET_CODE[0]


def _table_digest(ref: _TableRef) -> bytes:
    """sha256 of a table item's record as the page model holds it, computed once per read model
    (kept beside the tables rebuilt from it, :func:`_model_of`)."""
    key = ("sha256", id(ref.item["table"]))
    kept = ref.part._tables.get(key)
    if kept is None:
        text = json.dumps(ref.item["table"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        kept = ref.part._tables[key] = hashlib.sha256(text.encode()).digest()
    return kept


def sheet_key(ref: _TableRef, name: str) -> str:
    """Everything one table's sheet is written from: the table's record in its page model, the
    sheet's name and the renderers' code (XlsxWriter's version included). Not the rest of the
    model: a revised narrative or another table of the page leaves the sheet as it was."""
    digest = hashlib.sha256(_sheet_code())
    digest.update(_table_digest(ref))
    digest.update(json.dumps(name).encode())
    return digest.hexdigest()


#: Sheets written or read by this process, as the members of one-sheet workbooks, at most this many.
_SHEETS: dict[str, dict[str, bytes]] = {}
_SHEETS_KEPT = 256
SHEETS_DIR = "lembar"  # (``tabel`` holds the validated tables, helpers.core.data)


def _sheet_writer(cache_dir: Optional[Path], used: Optional[list]):
    """``sheet(ref, name)`` for :func:`~helpers.present.xlsx.write_workbook`: a table's sheet
    written once for its inputs (:func:`sheet_key`) and kept, in this process and with
    ``cache_dir`` on disk, so the sheets that 2025–2029 share are written once and a rebuild
    writes only the sheets of the pages that changed."""
    import contextlib

    from helpers.present.xlsx import sheet_workbook
    from helpers.present.xlsx_merge import members_of

    folder = Path(cache_dir) / SHEETS_DIR if cache_dir is not None else None

    def sheet(ref: _TableRef, name: str) -> dict[str, bytes]:
        key = sheet_key(ref, name)
        members = _SHEETS.get(key)
        book = None
        if members is None and folder is not None:
            with contextlib.suppress(OSError):
                book = (folder / f"{key}.xlsx").read_bytes()
        if members is None and book is not None:
            try:
                members = members_of(book)
            except Exception:  # an unreadable stored sheet is written again
                members = None
        if members is None:
            book = sheet_workbook(ref.part.table(ref.item), name)
            members = members_of(book)
            if folder is not None:
                with contextlib.suppress(OSError):  # the cache is only a shortcut: a full disk writes again
                    files.write_bytes(folder / f"{key}.xlsx", book)
        if len(_SHEETS) >= _SHEETS_KEPT:
            _SHEETS.pop(next(iter(_SHEETS)))
        _SHEETS[key] = members
        if used is not None:
            used.append(key)
        return members

    return sheet


def _workbook_entries(parts: list[Part]) -> list[tuple[_TableRef, str]]:
    return [(_TableRef(item["table"]["caption"], item["table"]["number"], item["table"]["name"], part, item, k),
             part.page.title)
            for part in parts for k, item in enumerate(part.model.get("items", [])) if item.get("kind") == "table"]


def _workbook_title(tahun: int, data_dir: Path) -> str:
    return f"Tabel lampiran {load_opd(data_dir).judul_dokumen}, tahun laporan {tahun}"


def workbook_key(parts: list[Part], tahun: int, data_dir: Path) -> str:
    """Everything the year's workbook is written from: its title, each table's record and the
    page it comes from, in order (the sheet names follow from them), the renderers' code and the
    documents' timestamp. A change that leaves every table as it was (a revised narrative) leaves
    the key, and the workbook, as they were."""
    from helpers.present.xlsx import build_time

    digest = hashlib.sha256(_sheet_code())
    digest.update(json.dumps([_workbook_title(tahun, data_dir), build_time().isoformat()]).encode())
    for ref, page_title in _workbook_entries(parts):
        digest.update(_table_digest(ref) + json.dumps(page_title).encode())
    return digest.hexdigest()


def write_workbook_of(path: Path, parts: list[Part], tahun: int, data_dir: Path,
                      cache_dir: Optional[Path] = None, used: Optional[list] = None) -> Path:
    """Every table of ``tahun`` in one workbook (index sheet + one sheet per table), each sheet
    kept for its inputs (see :func:`_sheet_writer`); ``used`` receives the sheets' keys."""
    from helpers.present.xlsx import write_workbook

    return write_workbook(_workbook_entries(parts), path, title=_workbook_title(tahun, data_dir),
                          sheet=_sheet_writer(cache_dir, used))


def _sheet_keys(parts: list[Part]) -> list[str]:
    """The keys of the workbook's sheets (:func:`sheet_key`), named as the workbook names them."""
    from helpers.present.xlsx import sheet_names

    refs = [ref for ref, _ in _workbook_entries(parts)]
    return [sheet_key(ref, name) for ref, name in zip(refs, sheet_names(refs))]


def write_year_documents(year_dir: Path, tahun: int, pages: list[PageSpec], chapters: list[Chapter],
                         data_dir: Path, page_dirs: Optional[dict[str, Path]] = None,
                         cache_dir: Optional[Path] = None, used: Optional[list] = None,
                         kept: Optional[dict[str, str]] = None, keys: Optional[dict[str, str]] = None) -> list[Path]:
    """Write the three documents of ``tahun`` into ``year_dir``, and the number check of its revisions
    (``narasi/pemeriksaan-angka.csv``); returns the documents' paths. ``page_dirs`` names the folder
    of each page shared with other years (default: ``year_dir``); ``cache_dir`` and ``used``: see
    :func:`write_lampiran`.

    ``kept`` maps a document kind to the key (:func:`workbook_key`) of the file found in place as
    it was written: the workbook is not written again when its key is the same (a revised
    narrative changes the appendix and the narratives, not the tables). ``keys`` (a dict)
    receives the key of each document that has one."""
    from helpers.present.docx import load_settings

    settings = load_settings(data_dir)
    parts = parts_of(_page_dirs(year_dir, pages, page_dirs), pages, chapters, tahun)
    workbook = document_path(year_dir, "tabel", tahun)
    key = workbook_key(parts, tahun, data_dir)
    written = [write_lampiran(document_path(year_dir, "lampiran", tahun), parts, tahun, data_dir, settings,
                              cache_dir=cache_dir, used=used)]
    if (kept or {}).get("tabel") == key and workbook.is_file():
        written.append(workbook)
        if used is not None:  # its sheets stay in the cache: the next change of one table reuses the rest
            used.extend(_sheet_keys(parts))
    else:
        written.append(write_workbook_of(workbook, parts, tahun, data_dir, cache_dir, used))
    if keys is not None:
        keys["tabel"] = key
    written.append(write_narasi(document_path(year_dir, "narasi", tahun), parts, tahun, data_dir, settings))
    write_checks(Path(year_dir) / "narasi" / narasi.CHECK_FILE, number_checks(parts, tahun, data_dir))
    return written
