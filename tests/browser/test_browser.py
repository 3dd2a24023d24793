"""Every published page of a build, opened in a real browser (headless Debian Chromium through
selenium, over file://, with the network switched off):

- no console errors;
- no request that fails, and none that leaves the page's own files (only file:, data:, blob:);
- every <img> loads (naturalWidth > 0) and has an Indonesian alt text (not nbconvert's
  "No description has been provided for this image");
- headings in order (one h1 first, no level skipped), and every header cell ``<th>`` with a
  ``scope``;
- no horizontal page scroll at 1366 px: a table wider than the window sits inside its scroll
  container (``.renstra-gulir``), and that container fits the window;
- printed (print media at the width of an A4 landscape page), no table reaches past the right
  edge;
- printing to PDF works (Page.printToPDF with the page's own @page size, a non-empty PDF), on
  A4 landscape for the pages (the index has its own small sheet);
- axe-core (tests/browser/node_modules, pinned in package.json) finds no serious or critical
  violation.

A full-page screenshot, the PDF and axe's report of every page are saved in the
session's temporary folder ``.../browser0/``, or in ``$RENSTRA_BROWSER_SHOTS`` when set (the
path is printed in the report with ``-rA``), so a person can look at them. One browser serves all pages. Without chromium, chromedriver or
axe-core (``npm ci --prefix tests/browser``) the tests skip, unless ``RENSTRA_REQUIRE_BROWSER=1``
(set by ``.ci/run``), where they fail.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import REAL_YEARS  # the years of the session build ``real_build``
from support import DATA

from helpers.core.registry import load_registry

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = ("/usr/bin/chromium", "chromium")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
REQUIRE_ENV = "RENSTRA_REQUIRE_BROWSER"
SHOTS_ENV = "RENSTRA_BROWSER_SHOTS"
#: The window a planner's laptop shows (the width the issue names).
WIDTH, HEIGHT = 1366, 900
#: Chromium cannot capture a taller image in one piece; longer pages are cut there.
MAX_SHOT_HEIGHT = 16000
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
NBCONVERT_ALT = "No description has been provided for this image"


def _pages() -> list[tuple[str, int]]:
    """Every page of the real build once: years that share a page (its data window) share one HTML."""
    from helpers.core.opd import load_opd
    from helpers.core.registry import realisasi_years, reporting_window

    specs, _ = load_registry()
    start, realised = load_opd(DATA).periode[0], realisasi_years(DATA)
    pages = []
    for tahun in REAL_YEARS:
        for spec in specs:
            if spec.applies_to(tahun):
                page = (spec.stem, reporting_window(spec, tahun, start, realised)[0])
                if page not in pages:
                    pages.append(page)
    return pages


PAGES = _pages()


def _missing() -> list[str]:
    """What the browser checks need and this machine lacks (empty when all is there)."""
    missing = []
    if not any(shutil.which(name) for name in CHROMIUM):
        missing.append("chromium (apt-get install chromium)")
    if not any(shutil.which(name) for name in CHROMEDRIVER):
        missing.append("chromedriver (apt-get install chromium-driver)")
    if not AXE.is_file():
        missing.append(f"axe-core ({AXE.relative_to(HERE.parent.parent)}; npm ci --prefix tests/browser)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -r requirements.txt)")
    return missing


def _binary(names) -> str:
    return next(shutil.which(n) for n in names if shutil.which(n))


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every page: 1366 px wide, offline, console and network logged."""
    missing = _missing()
    if missing:
        reason = "browser checks need " + ", ".join(missing)
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason} ({REQUIRE_ENV}=1)")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _binary(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={WIDTH},{HEIGHT}", "--hide-scrollbars", "--lang=id",
                     "--no-first-run", "--disable-extensions", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=_binary(CHROMEDRIVER)))
    try:
        driver.set_script_timeout(120)
        driver.set_page_load_timeout(120)
        driver.execute_cdp_cmd("Network.enable", {})
        # Offline: a page that needs the internet fails here, as it would on a planner's laptop
        # without a connection (and the request is reported by host below anyway).
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """The folder of every screenshot, PDF and axe report of this run (printed: see it with -rA):
    ``$RENSTRA_BROWSER_SHOTS`` if set (kept), else pytest's temporary folder (pytest keeps the
    last three runs only)."""
    chosen = os.environ.get(SHOTS_ENV)
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("browser")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"browser checks: screenshots, PDFs and axe reports in {folder}")
    return folder


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def _network_problems(driver, page_url: str) -> list[str]:
    """Requests to anything but the page's own files, and requests that failed, from the
    performance log (CDP Network events) since the last call."""
    problems, urls = [], {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            urls[params["requestId"]] = url
            scheme = urlparse(url).scheme
            if scheme not in LOCAL_SCHEMES:
                problems.append(f"request to another host: {url[:200]}")
        elif method == "Network.loadingFailed":
            url = urls.get(params.get("requestId"), "?")
            if params.get("canceled") and url == page_url:
                continue
            problems.append(f"request failed ({params.get('errorText')}): {url[:200]}")
        elif method == "Network.responseReceived":
            status = params["response"].get("status", 0)
            if status >= 400:
                problems.append(f"request answered {status}: {params['response']['url'][:200]}")
    return problems


def _console_errors(driver) -> list[str]:
    return [f"console {e['level']}: {e['message'][:300]}" for e in driver.get_log("browser")
            if e["level"] == "SEVERE"]


_IMAGES_JS = """
return Array.from(document.images).map((img, i) => ({
  index: i, complete: img.complete, width: img.naturalWidth, alt: img.getAttribute('alt'),
  src: (img.currentSrc || img.src || '').slice(0, 80)}));
"""

_WIDTH_JS = """
const view = document.documentElement.clientWidth;
const out = {view: view, scroll: document.documentElement.scrollWidth, tables: []};
document.querySelectorAll('table').forEach((t, i) => {
  const r = t.getBoundingClientRect();
  const box = t.closest('.renstra-gulir');
  const b = box ? box.getBoundingClientRect() : null;
  const fits = box ? (b.left >= -1 && b.right <= view + 1) : (r.left >= -1 && r.right <= view + 1);
  if (!fits) {
    out.tables.push({id: t.id || ('#' + i), caption: t.caption ? t.caption.textContent.slice(0, 80) : '',
                     right: Math.round(r.right), container: box ? Math.round(b.right) : null});
  }
});
return out;
"""

_STRUCTURE_JS = """
return {
  headings: Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => ({
    level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 80)})),
  unscoped: Array.from(document.querySelectorAll('th')).filter(th =>
    !['col', 'colgroup', 'row', 'rowgroup'].includes(th.getAttribute('scope'))).map(th =>
    th.textContent.trim().slice(0, 40)),
};
"""

#: The printable width of A4 landscape with the print stylesheet's margins (297 - 2 x 10 mm), in CSS px.
PRINT_WIDTH = round((297 - 20) / 25.4 * 96)
#: A4 landscape in PDF points (297 x 210 mm), with Chromium's rounding.
A4_LANDSCAPE = (841.9, 595.3)

_AXE_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: (n.failureSummary || '').slice(0, 300)}))
})))).catch(e => done({error: String(e)}));
"""


def _axe(driver, source: str) -> list[dict]:
    driver.execute_script(source)
    result = driver.execute_async_script(_AXE_JS)
    if isinstance(result, dict) and "error" in result:
        raise AssertionError(f"axe-core did not run: {result['error']}")
    return result


def _format_violation(v: dict, limit: int = 5) -> str:
    targets = "; ".join(n["target"] for n in v["nodes"][:limit])
    more = f" (+{len(v['nodes']) - limit} more)" if len(v["nodes"]) > limit else ""
    return f"axe {v['impact']} {v['id']} ({v['help']}): {len(v['nodes'])} nodes: {targets}{more}"


def _screenshot(driver, path: Path, width: int = WIDTH) -> None:
    """The whole page (up to :data:`MAX_SHOT_HEIGHT` px) as one PNG."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    clip = {"x": 0, "y": 0, "width": max(width, int(size["width"])),
            "height": min(MAX_SHOT_HEIGHT, int(size["height"]) or HEIGHT), "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True, "clip": clip})
    path.write_bytes(base64.b64decode(shot["data"]))


def _heading_problems(headings: list[dict]) -> list[str]:
    """A page's outline: it opens with its one h1, and no heading skips a level below the last."""
    if not headings:
        return ["the page has no heading"]
    problems = []
    if headings[0]["level"] != 1:
        problems.append(f"the first heading is h{headings[0]['level']}, not h1: {headings[0]['text']!r}")
    ones = [h["text"] for h in headings if h["level"] == 1]
    if len(ones) > 1:
        problems.append(f"{len(ones)} h1 headings: {ones[:3]}")
    for before, after in zip(headings, headings[1:]):
        if after["level"] > before["level"] + 1:
            problems.append(f"heading h{after['level']} {after['text']!r} follows h{before['level']} "
                            f"{before['text']!r} (a level skipped)")
    return problems


def _print_pdf(driver, path: Path, a4: bool) -> list[str]:
    """Print the page as the browser's print dialog would (its own @page size); problems found."""
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {
        "preferCSSPageSize": True, "printBackground": True})["data"])
    path.write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    if not pdf.startswith(b"%PDF") or not boxes:
        return [f"printing gave no PDF page ({len(pdf)} bytes)"]
    if len(pdf) < 2000:
        return [f"printing gave an almost empty PDF ({len(pdf)} bytes)"]
    width, height = (float(x) for x in boxes[0])
    if a4 and not (abs(width - A4_LANDSCAPE[0]) < 2 and abs(height - A4_LANDSCAPE[1]) < 2):
        return [f"printed on {width:.0f} x {height:.0f} pt, not A4 landscape ({A4_LANDSCAPE[0]:.0f} x "
                f"{A4_LANDSCAPE[1]:.0f} pt): the print stylesheet's @page is missing"]
    return []


def _printed_width(driver, a4: bool) -> list[str]:
    """Lay the page out as printed (print media, the width of an A4 landscape page less its
    margins) and return the tables that would be cut off at the right edge (the PDF shows it)."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PRINT_WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    try:
        width = driver.execute_script(_WIDTH_JS.replace("const box = t.closest('.renstra-gulir');",
                                                        "const box = null;"))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    if not a4:
        return []
    return [f"printed, table {t['id']} ({t['caption']}) reaches {t['right']} px of a {width['view']} px page: "
            "cut off at the right edge" for t in width["tables"]]


def check_page(driver, path: Path, name: str, shots: Path, axe_source: str, a4: bool = True) -> list[str]:
    """Open one page and return every problem found (empty: the page passes)."""
    url = path.resolve().as_uri()
    driver.get_log("performance")  # drop what the previous page left
    driver.get_log("browser")
    driver.get(url)
    problems = []
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:  # chromedriver may return from get() before a large page has finished parsing
        WebDriverWait(driver, 60, poll_frequency=0.2).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
    except TimeoutException:
        problems.append(f"page did not finish loading in 60 s ({driver.execute_script('return document.readyState')})")
    for img in driver.execute_script(_IMAGES_JS):
        if not img["complete"] or not img["width"]:
            problems.append(f"image {img['index']} did not load: {img['src']}")
        alt = (img["alt"] or "").strip()
        if not alt or alt == NBCONVERT_ALT:
            problems.append(f"image {img['index']} has no Indonesian alt text (alt={img['alt']!r})")
    structure = driver.execute_script(_STRUCTURE_JS)
    problems += _heading_problems(structure["headings"])
    if structure["unscoped"]:
        problems.append(f"{len(structure['unscoped'])} header cells without scope: {structure['unscoped'][:5]}")
    width = driver.execute_script(_WIDTH_JS)
    if width["scroll"] > width["view"] + 1:
        problems.append(f"the page scrolls sideways at {WIDTH} px: {width['scroll']} px wide for a "
                        f"{width['view']} px window")
    for table in width["tables"]:
        where = (f"its scroll container ends at {table['container']} px" if table["container"] is not None
                 else "it has no scroll container (.renstra-gulir)")
        problems.append(f"table {table['id']} ({table['caption']}) reaches {table['right']} px and {where}, "
                        f"window {width['view']} px")
    _screenshot(driver, shots / f"{name}.png")
    violations = _axe(driver, axe_source)
    (shots / f"{name}.axe.json").write_text(json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8")
    problems += [_format_violation(v) for v in violations if v["impact"] in ("serious", "critical")]
    problems += _print_pdf(driver, shots / f"{name}.pdf", a4)
    problems += _printed_width(driver, a4)
    problems += _console_errors(driver)
    problems += _network_problems(driver, url)
    return problems


@pytest.mark.parametrize(("stem", "tahun"), PAGES, ids=[f"{t}-{s}" for s, t in PAGES])
def test_page_in_browser(real_build, browser, shots, axe_source, stem, tahun):
    path = real_build.dir(tahun) / f"{stem}.html"
    assert path.is_file(), f"{stem} {tahun}: no HTML ({real_build.status(stem, tahun)}; " \
                           f"{real_build.failure(stem, tahun)})"
    problems = check_page(browser, path, f"{tahun}-{stem}", shots, axe_source)
    assert not problems, f"{tahun}/{stem}.html ({shots}):\n  " + "\n  ".join(problems)


def test_index_in_browser(real_build, browser, shots, axe_source):
    path = real_build.output_dir / "index.html"
    assert path.is_file(), "the build wrote no index.html"
    problems = check_page(browser, path, "index", shots, axe_source, a4=False)
    assert not problems, f"index.html ({shots}):\n  " + "\n  ".join(problems)


def test_checks_can_fail(browser, shots, axe_source, tmp_path):
    """The checks see what they look for: a synthetic page with each fault is reported for each."""
    page = tmp_path / "salah.html"
    wide = "".join(f"<td>sel {i} yang panjang sekali</td>" for i in range(60))
    page.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>uji</title></head><body>
<img src="tidak-ada.png" alt="">
<img src="https://contoh.invalid/gambar.png" alt="gambar luar">
<h3>judul tanpa h1</h3><h5>melompat</h5>
<table><tr><th>tanpa scope</th>{wide}</tr></table>
<script>console.error("galat uji");</script>
</body></html>""", encoding="utf-8")
    problems = "\n".join(check_page(browser, page, "uji-salah", shots, axe_source))
    for expected in ("did not load", "no Indonesian alt text", "request to another host", "request failed",
                     "scrolls sideways", "no scroll container", "console SEVERE", "axe serious html-has-lang",
                     "first heading is h3", "a level skipped", "without scope", "not A4 landscape"):
        assert expected in problems, f"{expected!r} not reported:\n{problems}"
