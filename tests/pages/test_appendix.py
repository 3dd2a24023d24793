"""The year's documents of a real build, read back: the Word appendix holds every table of the HTML
pages with the same cells, the workbook one formatted sheet per table, and every link of the index
and of the pages' navigation resolves."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from helpers.core.registry import in_document_order, load_chapters, load_registry
from helpers.run.appendix import read_model, write_year_documents

PAGES, _ = load_registry()
CHAPTERS = load_chapters()
ORDER = [page for _, page in in_document_order(PAGES, CHAPTERS)]


class _Tables(HTMLParser):
    """The renstra tables of a page: caption and the text of every body cell, row by row."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._in = None  # "caption" | "cell"
        self._table = None
        self._body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "renstra-tabel" in (attrs.get("class") or ""):
            self._table = {"caption": "", "rows": []}
            self.tables.append(self._table)
        elif self._table is not None:
            if tag == "caption":
                self._in = "caption"
            elif tag == "tbody":
                self._body = True
            elif tag == "tr" and self._body:
                self._table["rows"].append([])
            elif tag in ("td", "th") and self._body:
                self._table["rows"][-1].append("")
                self._in = "cell"

    def handle_endtag(self, tag):
        if tag == "table" and self._table is not None:
            self._table, self._body = None, False
        elif tag in ("caption", "td", "th"):
            self._in = None

    def handle_data(self, data):
        if self._table is None or self._in is None:
            return
        if self._in == "caption":
            self._table["caption"] += data
        else:
            self._table["rows"][-1][-1] += data


def html_tables(path: Path) -> list[dict]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def squash(text: str) -> str:
    return " ".join(text.split())


def word_tables(path: Path) -> list[dict]:
    """Caption and body rows (header rows, marked to repeat, left out) of every table of a DOCX."""
    document = docx.Document(str(path))
    out = []
    for table in document.tables:
        caption = table._tbl.getprevious()
        rows = [row for row in table.rows if row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None]
        out.append({"caption": "".join(t.text or "" for t in caption.iter(qn("w:t"))),
                    "rows": [[c.text for c in _cells(row)] for row in rows],
                    "header": sum(1 for row in table.rows if row._tr.trPr is not None
                                  and row._tr.trPr.find(qn("w:tblHeader")) is not None),
                    "element": table._tbl})
    return out


def _cells(row):
    """The row's own cells (python-docx repeats a merged cell; a body row has no merges)."""
    return [docx.table._Cell(tc, row.table) for tc in row._tr.findall(qn("w:tc"))]


def built_years(build) -> list[int]:
    """The reporting years the build was asked for (a folder may hold only pages other years share)."""
    return json.loads((build.output_dir / ".build" / "years.json").read_text(encoding="utf-8"))["years"]


def models(build, tahun: int) -> list[tuple[str, dict]]:
    """The models of the pages serving ``tahun``, in document order (a shared page from its home folder)."""
    return [(page.stem, read_model(build.page_dir(page.stem, tahun), page.stem)) for page in ORDER
            if page.applies_to(tahun) and read_model(build.page_dir(page.stem, tahun), page.stem) is not None]


@pytest.mark.parametrize("name", ["real_build", "other_build", "renamed_build"])
def test_every_built_year_has_its_three_documents(name, request):
    build = request.getfixturevalue(name)
    for tahun in built_years(build):
        for pattern in ("lampiran-{}.docx", "tabel-{}.xlsx", "narasi-{}.docx"):
            path = build.dir(tahun) / pattern.format(tahun)
            assert path.is_file() and path.stat().st_size > 1000, path


@pytest.mark.parametrize("tahun", [2022, 2025, 2029])
def test_word_appendix_holds_every_html_table_with_the_same_cells(real_build, tahun):
    expected = []
    for stem, _ in models(real_build, tahun):
        expected += html_tables(real_build.page_dir(stem, tahun) / f"{stem}.html")
    actual = word_tables(real_build.dir(tahun) / f"lampiran-{tahun}.docx")
    assert len(expected) > 20
    assert [squash(t["caption"]) for t in actual] == [squash(t["caption"]) for t in expected]
    for html_table, word_table in zip(expected, actual):
        assert [[squash(c) for c in row] for row in word_table["rows"]] == \
               [[squash(c) for c in row] for row in html_table["rows"]], html_table["caption"]
        assert word_table["header"] >= 1, f"{html_table['caption']}: no header row repeats on the next page"


def _section_orientations(path: Path) -> list[bool]:
    """For every table of the document, whether its section is landscape."""
    body = docx.Document(str(path)).element.body
    landscape, pending = [], 0
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            pending += 1
            continue
        sect = child if child.tag == qn("w:sectPr") else child.find(qn("w:pPr") + "/" + qn("w:sectPr"))
        if sect is not None:
            size = sect.find(qn("w:pgSz"))
            landscape += [int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))] * pending
            pending = 0
    return landscape


def test_wide_tables_are_printed_landscape_and_the_rest_portrait(real_build):
    tahun = 2025
    records = [item["table"] for _, model in models(real_build, tahun) for item in model["items"]
               if item["kind"] == "table"]
    orientations = _section_orientations(real_build.dir(tahun) / f"lampiran-{tahun}.docx")
    assert len(orientations) == len(records)
    wide = [record["caption"] for record, landscape in zip(records, orientations) if record["wide"] and not landscape]
    assert wide == [], f"wide tables on portrait pages: {wide}"
    by_caption = {record["caption"]: landscape for record, landscape in zip(records, orientations)}
    assert any(caption.startswith("Tabel 4.1") and landscape for caption, landscape in by_caption.items())
    assert any(not landscape for landscape in orientations)  # not everything is turned sideways


def test_word_appendix_has_cover_contents_figures_and_narratives(real_build):
    tahun = 2025
    path = real_build.dir(tahun) / f"lampiran-{tahun}.docx"
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "LAMPIRAN" in text and "Tahun laporan 2025" in text and "Kabupaten Batu Bara" in text
    assert 'TOC \\o' in document.element.xml
    figures = [item for _, model in models(real_build, tahun) for item in model["items"] if item["kind"] == "figure"]
    assert len(document.inline_shapes) == len(figures) > 5
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Gambar")]
    assert len(captions) == len(figures)
    assert all(re.match(r"Gambar ([2-4]|E|A)\.\d+ \S", c) for c in captions), captions[:5]
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr"), "every picture carries its alt text"
    folders = [real_build.page_dir(stem, tahun) for stem, model in models(real_build, tahun)
               for item in model["items"] if item["kind"] == "figure"]
    for figure, folder in zip(figures, folders):  # the PNG behind each picture is printable (200 dpi at text width)
        png = (folder / figure["png"]).read_bytes()
        assert int.from_bytes(png[16:20], "big") >= 160 / 25.4 * 200 * 0.9
    drafts = [item for _, model in models(real_build, tahun) for item in model["items"] if item["kind"] == "narasi"]
    assert drafts
    first_line = next(line for line in drafts[0]["text"].splitlines() if line.strip() and not line.startswith("#"))
    assert squash(re.sub(r"[*_`\\]", "", first_line))[:40] in squash(text)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0].startswith("Bab II") and headings[-1].startswith("Audit")


def test_workbook_has_one_formatted_sheet_per_table_and_comments_on_corrections(real_build):
    tahun = 2025
    records = [item["table"] for _, model in models(real_build, tahun) for item in model["items"]
               if item["kind"] == "table"]
    wb = openpyxl.load_workbook(real_build.dir(tahun) / f"tabel-{tahun}.xlsx")
    assert wb.sheetnames[0] == "Daftar Tabel" and len(wb.sheetnames) == len(records) + 1
    assert "T2.3.2" in wb.sheetnames and "T4.1" in wb.sheetnames
    comments = numbers = 0
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes is not None and ws.print_title_rows and ws.page_setup.orientation == "landscape"
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    numbers += 1
                    assert cell.number_format in ("0", "#,##0") or cell.number_format.startswith("#,##0.0"), \
                        f"{ws.title}!{cell.coordinate}: {cell.number_format}"
                if cell.comment is not None:
                    comments += 1
                    assert cell.comment.text.startswith(("tercetak", "berbeda"))
    marks = sum(len(record["marks"]) for record in records)
    assert numbers > 1000 and comments == marks > 0


def _links(path: Path) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["real_build", "other_build"])
def test_every_link_of_the_index_and_the_pages_resolves(name, request):
    build = request.getfixturevalue(name)
    pages = [build.output_dir / "index.html"] + sorted(build.output_dir.glob("*/*.html"))
    checked = 0
    for page in pages:
        for link in _links(page):
            if link.startswith(("data:", "#")):
                continue
            parsed = urlparse(link)
            assert not parsed.scheme and not parsed.netloc and not link.startswith("/"), f"{page}: {link}"
            target = (page.parent / unquote(parsed.path)).resolve()
            assert target.exists(), f"{page.relative_to(build.output_dir)} links to a missing {link}"
            checked += 1
    assert checked > 100


def test_pages_navigate_to_index_neighbours_other_years_and_their_downloads(real_build):
    html = (real_build.dir(2025) / "02-3-2-anggaran.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav[^>]*class="renstra-kepala"[^>]*>.*?</nav>', html, re.S).group(0)
    assert 'href="../index.html"' in nav
    assert 'href="../2025/02-3-1-kinerja-pelayanan.html" rel="prev"' in nav
    assert 'href="../2025/02-4-isu-strategis.html" rel="next"' in nav
    # 2025-2029 share this history page (data end in 2024): the other window is the 2022 page
    assert 'href="../2022/02-3-2-anggaran.html">2022</a>' in nav and "tahun laporan 2025–2029" in nav
    assert "../2029/" not in nav
    plan = (real_build.dir(2029) / "04-rencana-program.html").read_text(encoding="utf-8")
    plan_nav = re.search(r'<nav[^>]*class="renstra-kepala"[^>]*>.*?</nav>', plan, re.S).group(0)
    assert 'href="../2025/04-rencana-program.html">2025</a>' in plan_nav  # a page of its own each year
    assert 'href="../2025/03-tujuan-sasaran-pohon-kinerja.html" rel="prev"' in plan_nav  # drawn once, for 2025-2029
    downloads = html[re.search(r'<section[^>]*class="renstra-unduhan"', html).start():]
    model = read_model(real_build.page_dir("02-3-2-anggaran", 2025), "02-3-2-anggaran")
    for item in model["items"]:
        if item["kind"] == "table":
            assert f'href="tables/{item["table"]["name"]}.xlsx"' in downloads
        if item["kind"] == "figure":
            assert f'href="{item["png"]}"' in downloads
    first = (real_build.dir(2025) / "02-1-struktur-organisasi.html").read_text(encoding="utf-8")
    assert 'rel="prev"' not in first[:first.index("</nav>")]  # the first page has no previous one


def test_index_offers_the_year_documents_and_readable_titles(real_build):
    index = (real_build.output_dir / "index.html").read_text(encoding="utf-8")
    assert "<title>Lampiran Rencana Strategis" in index and "Kabupaten Batu Bara" in index
    for tahun in (2022, 2025, 2029):
        section = index[index.index(f'id="tahun-{tahun}"'):]
        section = section[:section.index("</section>")]
        for name in (f"lampiran-{tahun}.docx", f"tabel-{tahun}.xlsx", f"narasi-{tahun}.docx"):
            assert f'href="{tahun}/{name}"' in section
        assert "Daftar koreksi dokumen" in section and "Status pembangunan" in section
        visible = re.sub(r"<[^>]+>", " ", section)
        assert ".ipynb" not in visible.replace("notebook (.ipynb)", "")
        for page in ORDER:
            if page.applies_to(tahun):
                home = real_build.home(page.stem, tahun)
                assert f'href="{home}/{page.stem}.html">{page.title}</a>' in section


def test_a_planners_revision_replaces_the_draft_in_word(real_build, tmp_path):
    tahun = 2025  # every page of 2025 lives in the 2025 folder (the home of the shared ones)
    year = tmp_path / "out" / str(tahun)
    shutil.copytree(real_build.dir(tahun), year)
    data = tmp_path / "data"
    shutil.copytree(real_build.data_dir, data)
    stem, model = models(real_build, tahun)[0]
    draft = next(item for _, m in models(real_build, tahun) for item in m["items"] if item["kind"] == "narasi")
    revision = data / "narasi" / str(tahun) / f"{draft['id']}.md"
    revision.parent.mkdir(parents=True)
    revision.write_text("---\ndirevisi: 2026-01-15\n---\nRevisi perencana: kalimat uji yang ditulis ulang.\n",
                        encoding="utf-8")
    write_year_documents(year, tahun, PAGES, CHAPTERS, data)
    for name in (f"lampiran-{tahun}.docx", f"narasi-{tahun}.docx"):
        text = "\n".join(p.text for p in docx.Document(str(year / name)).paragraphs)
        assert "Revisi perencana: kalimat uji yang ditulis ulang." in text and "direvisi: 2026" not in text
    narasi = "\n".join(p.text for p in docx.Document(str(year / f"narasi-{tahun}.docx")).paragraphs)
    assert f"Narasi {draft['id']} (direvisi)" in narasi and "(draf otomatis)" in narasi


def test_year_documents_are_byte_identical_when_rebuilt(real_build, tmp_path):
    tahun = 2029
    year = tmp_path / str(tahun)
    shutil.copytree(real_build.dir(tahun), year)
    page_dirs = {page.stem: real_build.page_dir(page.stem, tahun) for page in PAGES if page.applies_to(tahun)}
    paths = write_year_documents(year, tahun, PAGES, CHAPTERS, real_build.data_dir, page_dirs)
    for path in paths:
        assert path.read_bytes() == (real_build.dir(tahun) / path.name).read_bytes(), path.name


def test_kept_fragments_and_sheets_give_the_same_documents_and_only_a_changed_page_is_rendered(
        real_build, tmp_path, monkeypatch):
    from helpers.present import xlsx
    from helpers.run import appendix

    tahun = 2029
    page_dirs = {page.stem: real_build.page_dir(page.stem, tahun) for page in PAGES if page.applies_to(tahun)}
    rendered, sheets = [], []
    original, original_sheet = appendix._render_part, xlsx.sheet_workbook
    monkeypatch.setattr(appendix, "_render_part", lambda *a, **k: rendered.append(a[3].page.stem) or original(*a, **k))
    monkeypatch.setattr(xlsx, "sheet_workbook", lambda table, name: sheets.append(name) or original_sheet(table, name))

    def write(folder, cache, used=None):
        year = tmp_path / folder / str(tahun)
        shutil.copytree(real_build.dir(tahun), year, dirs_exist_ok=True)
        appendix._FRAGMENTS.clear()  # as a new worker process: only the disk cache, if any
        appendix._SHEETS.clear()
        rendered.clear()
        sheets.clear()
        write_year_documents(year, tahun, PAGES, CHAPTERS, real_build.data_dir, page_dirs, cache_dir=cache, used=used)
        return (year / f"lampiran-{tahun}.docx").read_bytes(), (year / f"tabel-{tahun}.xlsx").read_bytes()

    cache = tmp_path / "cache"
    first = write("a", cache)
    n_tables = len(openpyxl.load_workbook(tmp_path / "a" / str(tahun) / f"tabel-{tahun}.xlsx").sheetnames) - 1
    assert len(rendered) == len(page_dirs) and len(list((cache / "lampiran").glob("*.json"))) == len(page_dirs)
    assert len(sheets) == n_tables == len(list((cache / "lembar").glob("*.xlsx")))
    assert write("b", cache) == first and rendered == [] and sheets == []  # read back from disk, the same bytes
    assert write("c", None) == first  # and the same as without any cache
    assert first[1] == (real_build.dir(tahun) / f"tabel-{tahun}.xlsx").read_bytes()  # as the build wrote it

    # One page changes (a caption of its model): that page alone is rendered again, its sheets alone rewritten.
    stem = next(s for s, m in models(real_build, tahun) if any(i["kind"] == "table" for i in m["items"]))
    changed = tmp_path / "changed" / str(tahun)
    shutil.copytree(page_dirs[stem], changed)
    model_path = changed / "model" / f"{stem}.json"
    model = json.loads(model_path.read_text(encoding="utf-8"))
    table = next(i for i in model["items"] if i["kind"] == "table")["table"]
    page_tables = sum(i["kind"] == "table" for i in model["items"])
    table["caption"] += " (diubah untuk uji)"
    model_path.write_text(json.dumps(model), encoding="utf-8")
    page_dirs[stem] = changed
    used = []
    document, workbook = write("d", cache, used)
    assert rendered == [stem] and len(sheets) == page_tables
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "d" / str(tahun) / f"lampiran-{tahun}.docx")).paragraphs)
    assert table["caption"] in text and document != first[0]
    book = openpyxl.load_workbook(tmp_path / "d" / str(tahun) / f"tabel-{tahun}.xlsx")
    assert table["caption"] in [book["Daftar Tabel"].cell(row=r, column=3).value for r in range(4, 4 + n_tables)]
    assert appendix.prune_fragments(cache, set(used)) == 1 + page_tables  # the page's old fragment and sheets
    kept = [p.stem for p in (cache / "lampiran").glob("*.json")] + [p.stem for p in (cache / "lembar").glob("*.xlsx")]
    assert sorted(kept) == sorted(used)


def test_a_workbook_whose_tables_are_the_same_is_not_written_again(real_build, tmp_path, monkeypatch):
    from helpers.present import xlsx
    from helpers.run import appendix

    tahun = 2029
    year = tmp_path / str(tahun)
    shutil.copytree(real_build.dir(tahun), year)
    page_dirs = {page.stem: real_build.page_dir(page.stem, tahun) for page in PAGES if page.applies_to(tahun)}
    keys: dict = {}
    write_year_documents(year, tahun, PAGES, CHAPTERS, real_build.data_dir, page_dirs, keys=keys)
    workbook = year / f"tabel-{tahun}.xlsx"
    first = workbook.read_bytes()
    assert first == (real_build.dir(tahun) / workbook.name).read_bytes() and set(keys) == {"tabel"}

    written = []
    original = xlsx.write_workbook
    monkeypatch.setattr(xlsx, "write_workbook", lambda *a, **k: written.append(a[1]) or original(*a, **k))
    used: list = []
    again: dict = {}
    write_year_documents(year, tahun, PAGES, CHAPTERS, real_build.data_dir, page_dirs, used=used, kept=keys, keys=again)
    assert written == [] and again == keys and workbook.read_bytes() == first
    assert len([k for k in used if k in appendix._sheet_keys(
        appendix.parts_of(page_dirs, PAGES, CHAPTERS, tahun))]) == len(openpyxl.load_workbook(workbook).sheetnames) - 1

    # A narrative's revision changes the page model but no table: the key stays.
    stem = next(s for s, m in models(real_build, tahun) if any(i["kind"] == "table" for i in m["items"]))
    changed = tmp_path / "changed" / str(tahun)
    shutil.copytree(page_dirs[stem], changed)
    model_path = changed / "model" / f"{stem}.json"
    model = json.loads(model_path.read_text(encoding="utf-8"))
    model["items"].append({"kind": "narasi", "id": "uji", "text": "Narasi tambahan untuk uji.", "facts": {}})
    model_path.write_text(json.dumps(model), encoding="utf-8")
    page_dirs[stem] = changed
    write_year_documents(year, tahun, PAGES, CHAPTERS, real_build.data_dir, page_dirs, kept=keys, keys=again)
    assert written == [] and again == keys

    # A table's caption changes: the key changes and the workbook is written with it.
    table = next(i for i in model["items"] if i["kind"] == "table")["table"]
    table["caption"] += " (diubah untuk uji)"
    model_path.write_text(json.dumps(model), encoding="utf-8")
    write_year_documents(year, tahun, PAGES, CHAPTERS, real_build.data_dir, page_dirs, kept=keys, keys=again)
    assert written == [workbook] and again["tabel"] != keys["tabel"]
    book = openpyxl.load_workbook(workbook)
    assert table["caption"] in [book["Daftar Tabel"].cell(row=r, column=3).value for r in range(4, 4 + len(book.sheetnames))]
