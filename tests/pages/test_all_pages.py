"""Checks over whole builds: every page builds for its years, writes exactly its declared
products, and names the office of its data directory — never another one."""
from __future__ import annotations

import re

import pytest

from helpers.core.opd import load_opd
from helpers.core.registry import load_registry
from support import visible_text

PAGES = load_registry()[0]
FOREIGN = re.compile(r"Batu\s*Bara", re.I)
KINDS = {"tables": ("csv", "xlsx"), "figures": ("png", "svg"), "narasi": ("md",)}


def _folders(build):
    """Every year folder of the build (a page shared by several years lives in its first year's)."""
    return sorted(p for p in build.output_dir.iterdir() if p.is_dir() and p.name.isdigit())


def _years(build):
    """The reporting years the build was asked for (a folder may hold only pages other years share)."""
    import json

    return json.loads((build.output_dir / ".build" / "years.json").read_text(encoding="utf-8"))["years"]


@pytest.mark.parametrize("which", ["real_build", "other_build", "renamed_build"])
def test_every_page_builds_for_its_years(which, request):
    build = request.getfixturevalue(which)
    failed = [f"{r.stem} {r.tahun}: {(r.error or {}).get('message', '')[:300]}" for r in build.report.results
              if r.status == "failed"]
    assert not failed, "\n".join(failed)
    for page in PAGES:
        for tahun in _years(build):
            expected = "built" if page.applies_to(tahun) else "skipped"
            assert build.status(page.stem, tahun) == expected, (page.stem, tahun)


def test_every_written_file_is_a_declared_product_of_exactly_one_page(real_build):
    for tahun in _years(real_build):
        for kind, exts in KINDS.items():
            folder = real_build.dir(tahun) / kind
            for path in sorted(folder.glob("*")) if folder.is_dir() else []:
                if kind == "narasi" and path.name == "pemeriksaan-angka.csv":
                    continue  # the year's number check of the revisions (helpers/run/appendix.py), no page's
                assert path.suffix.lstrip(".") in exts, path
                owners = [p.stem for p in PAGES if p.declares(kind, path.stem) and p.applies_to(tahun)]
                assert len(owners) == 1, f"{kind}/{path.name} ({tahun}) is declared by {owners or 'no page'}"


def test_every_declared_product_without_wildcard_is_written(real_build):
    missing = []
    for page in PAGES:
        for tahun in _years(real_build):
            if not page.applies_to(tahun):
                continue
            for kind, names in page.products.items():
                for name in names:
                    if "*" in name:
                        continue
                    for ext in KINDS[kind]:
                        if not (real_build.page_dir(page.stem, tahun) / kind / f"{name}.{ext}").is_file():
                            missing.append(f"{page.stem} {tahun}: {kind}/{name}.{ext}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("which", ["other_build", "renamed_build"])
def test_pages_of_another_office_name_it_and_never_this_one(which, request):
    build = request.getfixturevalue(which)
    opd = load_opd(build.data_dir)
    assert opd.pemerintah_daerah not in ("Kabupaten Batu Bara",)
    for tahun in _years(build):
        for page in PAGES:
            if not page.applies_to(tahun):
                continue
            html = build.html(page.stem, tahun)
            shown = visible_text(html)
            assert not FOREIGN.search(html), f"{page.stem} {tahun} mentions Batu Bara"
            assert opd.pemerintah_daerah in shown and opd.nama in shown, f"{page.stem} {tahun} does not name {opd.nama}"
    for folder in _folders(build):
        for path in folder.rglob("*"):
            if path.suffix in (".csv", ".md", ".svg", ".ipynb"):
                assert not FOREIGN.search(path.read_text(encoding="utf-8", errors="replace")), path


def test_a_missing_inventory_table_is_stated_on_its_page(renamed_build):
    shown = renamed_build.visible("02-2-sumber-daya", 2026)
    assert "tidak tersedia dalam data" in shown


def test_pages_are_indonesian_documents(real_build):
    html = real_build.html("02-1-struktur-organisasi", 2025)
    assert '<html lang="id">' in html
    assert "Daftar lampiran" in visible_text(html)


# -- what a reader of a government report sees: no code, one legend ------------------------------

#: Things a page must never show: file paths, settings names, table ids, row ids of the data, Python
#: warnings and tracebacks, parameter names ("tahun = 2025", `tahun`).
CODE_ON_PAGE = {
    "file path": re.compile(r"(?<![\w.])(?:docs|data|helpers|outputs|tables|notebooks|figures|narasi)/[\w<>./-]*"
                            r"|\b[\w-]+\.(?:py|ipynb|ya?ml)\b"),
    "setting name": re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"),
    "table id": re.compile(r"\b\d_\d+(?:_\d+)*[a-z]?_[a-z]\w*"),
    "row id": re.compile(r"\bP\d{2}(?:\.K\d{2}(?:\.S\d{2})?)?\b"),
    "warning": re.compile(r"\b\w*(?:Warning|Error)\b:|Traceback \(most recent call last\)|\.py:\d+"),
    "parameter": re.compile(r"\btahun\s*=\s*\d|`tahun`"),
}


def code_on_page(html_text: str) -> list[tuple[str, str]]:
    """``(kind, text)`` of everything on a page that is code rather than prose."""
    text = visible_text(html_text)
    found = [(kind, m.group(0)) for kind, pattern in CODE_ON_PAGE.items() for m in pattern.finditer(text)]
    found += [("code mark", m.group(1)) for m in re.finditer(r"<code>(.*?)</code>", html_text, flags=re.S)]
    return found


def test_code_on_page_detects_what_it_should():
    page = ("<p>lihat docs/assumptions/bab2.md; pengaturan POLARITY_METHOD; tabel 2_3_2_ppks baris P08.K01.S01; "
            "/x/helpers/audit_page.py:164: UserWarning: Tight layout; Tahun laporan tahun = 2025; <code>tahun</code></p>")
    kinds = {kind for kind, _ in code_on_page(page)}
    assert kinds == set(CODE_ON_PAGE) | {"code mark"}
    assert code_on_page("<p>Tabel 2.3.2 tahun 2024: 63.660 jiwa; Rp240.000.000 (2 × target − realisasi)</p>") == []


@pytest.mark.parametrize("which", ["real_build", "other_build"])
def test_no_code_on_any_page(which, request):
    """No path, settings name, table id, variable name, warning or traceback in any page's visible text."""
    build = request.getfixturevalue(which)
    found = []
    for page in PAGES:
        for tahun in _years(build):
            if build.status(page.stem, tahun) == "built":
                found += [f"{page.stem} {tahun}: {kind} {text!r}"
                          for kind, text in code_on_page(build.html(page.stem, tahun))]
    assert not found, "\n".join(sorted(set(found))[:60])


def test_every_page_carries_the_one_symbol_legend(real_build):
    from helpers.core.numbers import SYMBOL_LEGEND

    legend = re.sub(r"\s+", " ", SYMBOL_LEGEND)
    with_tables = [page for page in PAGES if page.products.get("tables")]  # the legend explains table cells
    assert len(with_tables) >= len(PAGES) - 1
    for page in with_tables:
        for tahun in _years(real_build):
            if real_build.status(page.stem, tahun) == "built":
                assert legend in real_build.visible(page.stem, tahun), (page.stem, tahun)


def _numeric_svg_texts(svg: str) -> list[str]:
    import html as html_lib

    texts = [html_lib.unescape(re.sub(r"<[^>]+>", "", t)).strip()
             for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)]
    return [t for t in texts if re.fullmatch(r"[−-]?[\d.,]+\s*%?", t)]


def test_english_number_labels_are_recognised():
    svg = "<svg><text>88.5</text><text>1,234</text><text>88,5</text><text>1.234</text><text>2024</text></svg>"
    english = [t for t in _numeric_svg_texts(svg) if re.search(r"\d\.\d{1,2}(?!\d)|\d,\d{3}(?!\d)", t)]
    assert english == ["88.5", "1,234"]


@pytest.mark.parametrize("which", ["real_build", "other_build"])
def test_every_chart_label_is_in_indonesian_number_style(which, request):
    """Axis ticks and value labels read from the saved SVGs: decimal commas and thousands dots only."""
    build = request.getfixturevalue(which)
    bad, seen = [], 0
    for folder in _folders(build):
        for path in sorted((folder / "figures").glob("*.svg")):
            texts = _numeric_svg_texts(path.read_text(encoding="utf-8"))
            seen += len(texts)
            bad += [f"{path.name}: {t}" for t in texts if re.search(r"\d\.\d{1,2}(?!\d)|\d,\d{3}(?!\d)", t)]
    assert seen and not bad, "\n".join(bad[:40])


def test_no_count_chart_uses_a_log_scale(real_build):
    """Counts are read as magnitudes: no logarithmic axis in any saved chart."""
    for folder in _folders(real_build):
        for path in sorted((folder / "figures").glob("*.svg")):
            assert "skala logaritmik" not in path.read_text(encoding="utf-8"), path.name


#: The document's misspellings of "Rasio Kekerasan" (Tabel 2.3.1/2.3.4 "Ratio", Tabel 4.5.1 "Rasi").
TYPOS = re.compile(r"Ratio Kekerasan|Rasi Kekerasan")


def _product_texts(build):
    """``(suffix, where, text)`` of every product of the build a reader opens: the index, and per year folder the
    pages (HTML, notebook), tables (CSV; XLSX as its XML parts), charts (SVG), drafts, page models and
    the year's Word files and workbook (their XML parts)."""
    import zipfile

    paths = [build.output_dir / "index.html"] + [p for folder in _folders(build) for p in sorted(folder.rglob("*"))]
    for path in paths:
        if path.suffix in (".html", ".ipynb", ".csv", ".svg", ".json", ".md"):
            yield path.suffix, str(path), path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".xml"):
                        yield path.suffix, f"{path}:{name}", archive.read(name).decode("utf-8", "replace")


def test_no_product_carries_the_document_s_typos(real_build):
    """Every product says "Rasio Kekerasan", while the data keep "Ratio"/"Rasi" as printed
    (docs/assumptions.md). The audit page (00-audit) is held to the same rule, deliberately: it audits
    printed figures and quotes those as printed ("tercetak 13.684.684.513", ``Mark.printed``, kept
    verbatim), but it names rows by their labels, and a label is not a figure it audits; the printed
    spelling is recorded in the data and in the assumptions log, not repeated to readers."""
    data = "".join(p.read_text(encoding="utf-8") for p in (real_build.data_dir / "tables").glob("*.csv"))
    assert TYPOS.search(data)                                     # the typos are there to be corrected
    found, kinds, corrected = [], set(), 0
    for suffix, where, text in _product_texts(real_build):
        kinds.add(suffix)
        corrected += text.count("Rasio Kekerasan")
        found += [f"{where}: …{m.string[max(0, m.start() - 60):m.end() + 20]}…" for m in TYPOS.finditer(text)]
    assert {".html", ".ipynb", ".csv", ".xlsx", ".docx", ".svg", ".json", ".md"} <= kinds, kinds
    assert corrected and not found, "\n".join(found[:20])


def test_the_kernels_keep_every_table_they_read_validated_for_the_next_build(real_build):
    """The runner points the kernels' loader at .build/cache: a table validated by one kernel is
    read back by the others and by the next build, for as long as its files are the same bytes."""
    import json

    stored = {p.name.rsplit("-", 1)[0] for p in (real_build.output_dir / ".build" / "cache" / "tabel").glob("*.pkl")}
    read = set()
    for model in real_build.output_dir.glob("*/model/*.json"):
        read |= set(json.loads(model.read_text(encoding="utf-8")).get("tables_read") or ())
    assert read and read <= stored, sorted(read - stored)
