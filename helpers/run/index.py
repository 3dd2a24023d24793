"""The index a planner opens (``OUTPUT_DIR/index.html``) and the navigation of every page.

The index names the office and the plan, and lists per year: the year's documents to download
(the Word appendix, the workbook of every table, the narratives in Word, the realisation
template, the list of document corrections), then the pages by chapter under their readable
titles, with the build status as a secondary column.

Every page gets a navigation bar (back to the index, previous and next page of the same year in
document order, the same page in the other years) and, at its end, a download block for its
own tables (XLSX, CSV) and figures (PNG, SVG), taken from the page model. Every link is
relative and points at a file that exists when the link is written.
"""
from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from helpers.core import files
from helpers.core.registry import Chapter, PageSpec

BUILT, UP_TO_DATE, SKIPPED, FAILED = "built", "up-to-date", "skipped", "failed"

STATUS_LABELS = {
    BUILT: "Dibangun",
    UP_TO_DATE: "Mutakhir",
    FAILED: "Gagal",
    SKIPPED: "Dilewati",
    "stale": "Usang",
    "missing": "Belum dibangun",
}
STATUS_HELP = {
    BUILT: "dibangun ulang pada proses ini",
    UP_TO_DATE: "masukan tidak berubah sejak pembangunan terakhir",
    FAILED: "eksekusi gagal; tautan menuju notebook yang gagal",
    SKIPPED: "halaman tidak berlaku untuk tahun ini",
    "stale": "tidak dibangun pada proses ini dan masukannya sudah berubah",
    "missing": "belum pernah dibangun",
}

e = html.escape

#: The year's documents (helpers.run.appendix writes them), by kind: file name pattern and label.
DOCUMENTS = {
    "lampiran": ("lampiran-{tahun}.docx", "Lampiran (Word)"),
    "tabel": ("tabel-{tahun}.xlsx", "Semua tabel (Excel)"),
    "narasi": ("narasi-{tahun}.docx", "Narasi (Word)"),
}

_INDEX_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;color:#1b1b1b;max-width:72rem}
h1{font-size:1.6rem;margin-bottom:.2rem}
h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #0b4f9c;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
.meta{color:#444;margin:.2rem 0 1rem;font-size:.9rem}
nav.tahun a{margin-right:.8rem}
ul.unduhan{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
ul.unduhan li{border:1px solid #c8c8c8;border-radius:4px;padding:.4rem .7rem;background:#f7f9fc}
ul.unduhan .small{display:block}
table{border-collapse:collapse;font-size:.92rem;width:100%}
caption{text-align:left;font-weight:600;padding:.4rem 0}
th,td{border:1px solid #c8c8c8;padding:.35rem .55rem;vertical-align:top;text-align:left}
thead th{background:#f0f0f0}
td.status{white-space:nowrap;font-size:.85rem;color:#333;width:11rem}
.built,.up-to-date{background:#eaf6ea}.failed{background:#fde8e8}
.skipped{background:#f6f6f6;color:#555}.stale,.missing{background:#fff6df}
.small{font-size:.8rem;display:block;color:#444}
p.peringatan{border-left:4px solid #b26a00;background:#fff6df;padding:.4rem .6rem}
a{color:#0b4f9c}
tbody th[scope=row]{text-align:left;font-weight:normal}
th.bab{text-align:left;background:#f7f9fc}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none}ul.unduhan li{border:none;padding:0}}
"""


@dataclass
class Cell:
    """One page × year of the index: status, and what to link."""

    status: str
    message: str = ""
    failed_notebook: Optional[str] = None  # relative to OUTPUT_DIR, when it exists
    home: Optional[int] = None  # the year folder holding the page (several years may share one page)
    shared: str = ""  # "2025–2029" when the page serves several reporting years


@dataclass
class YearDocuments:
    """The year's documents: relative links that exist, and why they are not current (if not)."""

    links: list[tuple[str, str, str]] = field(default_factory=list)  # (label, href, note)
    problem: str = ""


def _size(path: Path) -> str:
    """``6,2 MB`` / ``45 KB``. Written here, not with ``numbers.format_number``, which imports
    pandas: the index of a build with nothing to do must not."""
    size = path.stat().st_size
    return f"{size / 1_048_576:.1f} MB".replace(".", ",") if size >= 1_048_576 else f"{max(1, round(size / 1024))} KB"


def year_downloads(out: Path, tahun: int, documents: dict[str, tuple[str, str]],
                   audit: Optional[tuple[str, int]]) -> list:
    """``(label, href, note)`` of every download of ``tahun`` that exists under ``out``; ``audit``
    is the audit page's stem and the year folder holding it (it is built once for every year)."""
    year = out / str(tahun)
    links = []
    for pattern, label in documents.values():
        path = year / pattern.format(tahun=tahun)
        if path.is_file():
            links.append((label, f"{tahun}/{path.name}", _size(path)))
    narasi = year / "narasi"
    if narasi.is_dir() and any(narasi.glob("*.md")):
        links.append(("Draf narasi (Markdown)", f"{tahun}/narasi/", f"{len(list(narasi.glob('*.md')))} berkas"))
    for name in (f"template-realisasi-{tahun}.xlsx", f"template-realisasi-{tahun}.csv"):
        path = year / "tables" / name
        if path.is_file():
            links.append((f"Templat realisasi {tahun} ({path.suffix[1:].upper()})", f"{tahun}/tables/{name}", _size(path)))
    if audit:
        stem, home = audit
        corrections = out / str(home) / "tables" / "discrepancies.csv"
        if corrections.is_file():
            links.append(("Daftar koreksi dokumen (CSV)", f"{home}/tables/discrepancies.csv", _size(corrections)))
        if (out / str(home) / f"{stem}.html").is_file():
            links.append(("Halaman audit angka dokumen", f"{home}/{stem}.html", ""))
    return links


def write_index(out: Path, order: list[tuple[Optional[Chapter], PageSpec]], years: list[int],
                cells: dict[tuple[str, int], Cell], documents: dict[int, YearDocuments], *, title: str,
                data_fingerprint: str) -> Path:
    """Write ``OUTPUT_DIR/index.html`` (self-contained, relative links only)."""
    counts: dict[str, int] = {}
    sections = []
    for tahun in years:
        rows = []
        current = object()
        for chapter, page in order:
            cell = cells.get((page.stem, tahun))
            if cell is None or cell.status == SKIPPED:
                continue
            counts[cell.status] = counts.get(cell.status, 0) + 1
            if chapter is not current:
                label = chapter.heading if chapter else "Lain-lain"
                rows.append(f'<tr><th scope="rowgroup" colspan="2" class="bab">{e(label)}</th></tr>')
                current = chapter
            home = cell.home if cell.home is not None else tahun
            page_html = f"{home}/{page.stem}.html"
            has_html = (out / page_html).is_file()
            name = (f'<a href="{e(page_html)}">{e(page.title)}</a>' if has_html else e(page.title))
            if cell.shared:
                name += f'<span class="small">sama untuk tahun laporan {e(cell.shared)}</span>'
            status = [f'<span title="{e(STATUS_HELP[cell.status])}">{STATUS_LABELS[cell.status]}</span>']
            if cell.status == FAILED:
                if cell.failed_notebook:
                    status.append(f'<a class="small" href="{e(cell.failed_notebook)}">notebook yang gagal</a>')
                if cell.message:
                    line = cell.message.splitlines()[0]
                    status.append(f'<span class="small">{e(line if len(line) <= 500 else line[:499] + "…")}</span>')
                if has_html:
                    status.append('<span class="small">tautan judul: versi terakhir yang berhasil</span>')
            if (out / str(home) / f"{page.stem}.ipynb").is_file():
                status.append(f'<a class="small" href="{home}/{e(page.stem)}.ipynb">notebook (.ipynb)</a>')
            rows.append(f'<tr><th scope="row">{name}<span class="small">{e(page.bab)}</span></th>'
                        f'<td class="status {cell.status}">{"".join(status)}</td></tr>')
        if not rows:
            continue
        docs = documents.get(tahun, YearDocuments())
        items = "".join(f'<li><a href="{e(href)}">{e(label)}</a>'
                        + (f'<span class="small">{e(note)}</span>' if note else "") + "</li>"
                        for label, href, note in docs.links)
        problem = f'<p class="peringatan">{e(docs.problem)}</p>' if docs.problem else ""
        sections.append(f"""<section id="tahun-{tahun}" aria-labelledby="judul-{tahun}">
<h2 id="judul-{tahun}">Tahun laporan {tahun}</h2>
<h3>Unduhan</h3>
{problem}<ul class="unduhan">{items or '<li>Belum ada dokumen untuk tahun ini.</li>'}</ul>
<table>
<caption>Halaman tahun laporan {tahun} menurut bab</caption>
<thead><tr><th scope="col">Halaman</th><th scope="col">Status pembangunan</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</section>""")
    summary = ", ".join(f"{STATUS_LABELS[s]}: {counts[s]}" for s in STATUS_LABELS if counts.get(s))
    legend = "".join(f"<li><b>{e(STATUS_LABELS[s])}</b>: {e(STATUS_HELP[s])}</li>" for s in STATUS_LABELS)
    jump = " ".join(f'<a href="#tahun-{t}">{t}</a>' for t in years if f'id="tahun-{t}"' in "".join(sections))
    built_at = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
    document = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{_INDEX_CSS}</style>
</head>
<body>
<header>
<h1>{e(title)}</h1>
<p class="meta">Dibangun: {e(built_at)} &middot; Sidik jari data: <code>{e(data_fingerprint)}</code>
&middot; {e(summary)}</p>
<nav class="tahun" aria-label="Tahun laporan">Tahun laporan: {jump}</nav>
</header>
<main>
{chr(10).join(sections)}
<h2>Keterangan status</h2>
<ul>{legend}</ul>
</main>
</body>
</html>
"""
    return _write_owned_index(out, document)


def _write_owned_index(out: Path, document: str) -> Path:
    """Write ``index.html``, first recording its hash (and the previous one) in ``.build/index.json``,
    so that the next build recognises it as its own even if it was interrupted in between."""
    import hashlib
    import json

    from helpers.run.outputs import INDEX_RECORD, STATE_DIR

    data = document.encode("utf-8")
    record = out / STATE_DIR / INDEX_RECORD
    previous = None
    if (out / "index.html").is_file():
        previous = hashlib.sha256((out / "index.html").read_bytes()).hexdigest()
    files.write_text(record, json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "previous": previous}))
    return files.write_bytes(out / "index.html", data)


# --------------------------------------------------------------------------------------------
# The navigation of a page
# --------------------------------------------------------------------------------------------

def page_nav(order: list[tuple[Optional[Chapter], PageSpec]], page: PageSpec, tahun: int,
             years: list[int], homes) -> dict:
    """What the navigation of ``page`` for ``tahun`` links to (picklable; rendered by the worker).

    ``years`` are the years this output directory holds; ``homes`` says which year folder holds
    each page (reporting years with the same data window share one page). Links go to the
    previous and next page of the same reporting year in document order, and to the page of
    every other window of the years held.
    """
    own = homes.home(page, tahun)
    # A page shared by several years leads to its neighbours in one of them that this output holds.
    held = [y for y in homes.window(page, tahun) if y in set(years)]
    if tahun not in held and held:
        tahun = min(held)
    same_year = [p for _, p in order if p.applies_to(tahun)]
    k = next(i for i, p in enumerate(same_year) if p.stem == page.stem)
    href = (lambda p, t: f"../{homes.home(p, t)}/{p.stem}.html")
    link = (lambda p: {"href": href(p, tahun), "title": p.title})
    others: dict[int, list[int]] = {}
    for y in sorted(set(years)):
        if page.applies_to(y) and homes.home(page, y) != own:
            others.setdefault(homes.home(page, y), []).append(y)
    from helpers.core.years import year_span

    return {"index": "../index.html",
            "tahun": homes.label(page, tahun) or str(tahun),
            "prev": link(same_year[k - 1]) if k > 0 else None,
            "next": link(same_year[k + 1]) if k + 1 < len(same_year) else None,
            "years": [{"tahun": year_span(group), "href": f"../{home}/{page.stem}.html"}
                      for home, group in sorted(others.items())]}


def nav_header(nav: dict, *, office: str, title: str, tahun: int) -> str:
    """The bar at the top of a page."""
    parts = [f'<a href="{e(nav["index"])}">Daftar lampiran</a>']
    if nav.get("prev"):
        parts.append(f'<a href="{e(nav["prev"]["href"])}" rel="prev">&larr; {e(nav["prev"]["title"])}</a>')
    if nav.get("next"):
        parts.append(f'<a href="{e(nav["next"]["href"])}" rel="next">{e(nav["next"]["title"])} &rarr;</a>')
    years = " ".join(f'<a href="{e(y["href"])}">{y["tahun"]}</a>' for y in nav.get("years", []))
    other = f'<span class="renstra-tahun-lain">Tahun lain: {years}</span>' if years else ""
    return (f'<nav class="renstra-kepala" aria-label="Navigasi lampiran">'
            f'<p class="renstra-judul-kantor">{e(office)} &middot; tahun laporan {e(nav.get("tahun", tahun))}</p>'
            f'<p class="renstra-tautan">{" &middot; ".join(parts)} {other}</p></nav>')


def downloads_block(model: Optional[dict]) -> str:
    """The page's own tables and figures to download, from its model (empty when it has none)."""
    if not model:
        return ""
    rows = []
    for item in model.get("items", []):
        if item.get("kind") == "table":
            table = item["table"]
            name = table["name"]
            rows.append(f'<li>{e(table["caption"])}: <a href="tables/{e(name)}.xlsx">XLSX</a>, '
                        f'<a href="tables/{e(name)}.csv">CSV</a></li>')
        elif item.get("kind") == "figure":
            label = item.get("caption") or item["name"]
            rows.append(f'<li>Gambar: {e(label)}: <a href="{e(item["png"])}">PNG</a>, '
                        f'<a href="{e(item["svg"])}">SVG</a></li>')
    if not rows:
        return ""
    return (f'<section class="renstra-unduhan" aria-labelledby="renstra-unduhan-judul">'
            f'<h2 id="renstra-unduhan-judul">Unduh tabel dan gambar halaman ini</h2><ul>{"".join(rows)}</ul></section>')


NAV_CSS = """<style>
nav.renstra-kepala{font-family:var(--jp-ui-font-family,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif);
  font-size:.9em;padding:.4em 10px .6em;border-bottom:1px solid #ccc;margin-bottom:1em}
nav.renstra-kepala p{margin:.15em 0}
nav.renstra-kepala a{color:#0b4f9c;margin-right:.2em}
.renstra-judul-kantor{color:#333}
.renstra-tahun-lain{margin-left:1em}
section.renstra-unduhan{font-family:var(--jp-ui-font-family,system-ui,Arial,sans-serif);border-top:1px solid #ccc;
  margin:2em 10px 1em;padding-top:.5em;font-size:.9em}
section.renstra-unduhan h2{font-size:1.1em}
@media print{nav.renstra-kepala,section.renstra-unduhan{display:none}}
</style>"""
