"""The yearly cycle end to end (issue 11): template → a filled XLSX written with openpyxl as a
planner would (SINTETIS, tests/fixtures/isian_sintetis.py) → import → build of the 2026 pages →
the 2026 realisation imported too → build of the 2027 pages.

The figures the pages show are compared with values this test computes itself from the filled
files and the templates (which carry every target and pagu): the E.80 form (read back from the
page model ``model/01-evaluasi.json``: yearly K and Rp, their tingkat capaian, the cumulative
2025–2026 realisation against the end-of-period target), and, from the tables the pages wrote
(``tables/*.csv``), Tabel 2.3.1, Tabel 2.3.4 and the budget table of the plan years (Bab II, the
history pages of 2026 and 2027) and the Bab IV progress of Tabel 4.1 and 4.5.1. The values are made
up; they are not data.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fixtures.isian_sintetis import DISAGREEMENT, fill_template
from helpers.core import realisasi
from helpers.run import build
from support import DATA, data_without_realisasi

PAGE = "01-evaluasi"
#: The pages that show a year's realisation besides the evaluation (issue 11, item 1).
PAGES = [PAGE, "02-3-1-kinerja-pelayanan", "02-3-2-anggaran", "04-rencana-program"]
LEVELS = {"%", "skor", "nilai", "indeks", "rasio"}   # rates and scores: the latest value, not a sum
DISAGREE = "1.06.02"


def _number(value):
    """A cell as the planner typed it, read as a number (Indonesian text style or a number cell)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return float(str(value).replace(".", "").replace(",", "."))


def read_sheet(path: Path) -> dict:
    """``(jenis, kode)`` → the row of a template or filled file, numbers parsed, read with openpyxl."""
    ws = next(s for s in load_workbook(path, data_only=True).worksheets if s.title.startswith("Realisasi "))
    header = [c.value for c in ws[1]]
    out = {}
    for values in ws.iter_rows(min_row=2, values_only=True):
        row = dict(zip(header, values))
        for col in ("target", "pagu", "realisasi", "realisasi_anggaran"):
            row[col] = _number(row.get(col))
        out[(row["jenis"], row["kode"])] = row
    return out


def polarities() -> dict:
    """Polarity of the rows that have one in the data: IKU (Tabel 4.5.1), Tabel 4.1 rows named by the cascading."""
    out = {}
    with open(DATA / "tables" / "4_5_1_iku_target.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[("IKU", f"IKU.{r['no']}")] = r["polaritas"]
    with open(DATA / "tables" / "3_2_2_cascading.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kode_indikator_4_1"]:
                for level in ("program", "kegiatan", "sub_kegiatan"):
                    out[(level, r["kode_indikator_4_1"])] = r["polaritas"]
    return out


def capaian(real, target, polarity):
    """Tingkat capaian K as the form shows it (polarity-aware, floored at 0), computed here."""
    if real is None or target in (None, 0):
        return None
    raw = (2 * target - real) / target * 100 if polarity == "turun" else real / target * 100
    return max(raw, 0.0)


def form_rows(out: Path, tahun: int) -> dict:
    """``(level, kode)`` → the cells of the E.80 table recorded in the page model of ``tahun``."""
    model = json.loads((out / str(tahun) / "model" / f"{PAGE}.json").read_text(encoding="utf-8"))
    tables = [i for i in model["items"] if i.get("kind") == "table" and i["table"]["name"] == f"evaluasi-e80-{tahun}"]
    assert len(tables) == 1, [i.get("table", {}).get("name") for i in model["items"]]
    record = tables[0]["table"]
    keys = record["data"]["keys"]
    rows = {}
    for values in record["data"]["rows"]:
        row = dict(zip(keys, values))
        if row["level"] in ("iku", "program", "kegiatan", "sub_kegiatan"):
            rows[(row["level"], row["kode"])] = row
    return rows


def spent(cells):
    """Rp realisation of a sub-kegiatan as the budget table and the form count it: the value typed;
    nihil (0) for a sub-kegiatan without pagu left empty; unknown (None) otherwise."""
    if cells["realisasi_anggaran"] is not None:
        return cells["realisasi_anggaran"]
    return 0.0 if not cells["pagu"] else None


def approx(expected):
    return None if expected is None else pytest.approx(expected, rel=1e-9, abs=1e-6)


def run_build(data: Path, out: Path, tahun: int):
    code = build.main(["--only", *PAGES, "--years", str(tahun), "--jobs", "1", "--data-dir", str(data),
                       "--output-dir", str(out)])
    assert code == 0


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    root = tmp_path_factory.mktemp("siklus")
    data = data_without_realisasi(root / "data")
    folder, out = root / "realisasi-isian", root / "outputs"
    templates, filled, reports = {}, {}, {}
    for year in range(2025, 2030):
        templates[year] = read_sheet(realisasi.write_template(year, folder, data)[1])
    # January 2026: the 2025 realisation is filled in and imported, then the 2026 pages are built.
    filled_2025 = folder / "isian-2025 (SINTETIS).xlsx"
    fill_template(folder / "template-realisasi-2025.xlsx", filled_2025, seed=2025, disagree=DISAGREE)
    filled[2025] = read_sheet(filled_2025)
    reports[2025] = realisasi.import_realisasi(filled_2025, 2025, data)
    run_build(data, out, 2026)
    forms = {2026: form_rows(out, 2026)}
    # January 2027: the same for 2026, then the 2027 pages.
    filled_2026 = folder / "isian-2026 (SINTETIS).xlsx"
    fill_template(folder / "template-realisasi-2026.xlsx", filled_2026, seed=2026)
    filled[2026] = read_sheet(filled_2026)
    reports[2026] = realisasi.import_realisasi(filled_2026, 2026, data)
    run_build(data, out, 2027)
    forms[2027] = form_rows(out, 2027)
    return {"data": data, "out": out, "templates": templates, "filled": filled, "reports": reports, "forms": forms}


def _level(jenis):
    return "iku" if jenis == "IKU" else jenis


def test_importer_reports_what_it_took_and_the_disagreement(cycle):
    report = cycle["reports"][2025]
    filled = cycle["filled"][2025]
    with_value = {k for k, r in filled.items() if any(r.get(c) not in (None, "") for c in realisasi.INPUT_COLUMNS)}
    assert set(report.baru) == with_value and not report.berubah and not report.tetap
    assert list(report.selisih["kode"]) == [DISAGREE]
    row = report.selisih.iloc[0]
    assert row["nilai"] - row["jumlah"] == pytest.approx(DISAGREEMENT)
    conflicts = (cycle["out"] / "2026" / "tables" / "evaluasi-selisih-2026.csv").read_text(encoding="utf-8-sig")
    assert DISAGREE in conflicts


def test_the_2026_form_shows_the_2025_realisation_as_filled(cycle):
    rows = cycle["forms"][2026]
    filled, template, pol = cycle["filled"][2025], cycle["templates"][2025], polarities()
    checked = 0
    for (jenis, kode), cells in filled.items():
        if jenis not in ("IKU", "program", "kegiatan", "sub_kegiatan"):
            continue
        row = rows[(_level(jenis), kode)]
        assert row["target_k_2025"] == approx(template[(jenis, kode)]["target"]), kode
        assert row["realisasi_k_2025"] == approx(cells["realisasi"]), kode
        assert row["capaian_k_2025"] == approx(capaian(cells["realisasi"], cells["target"], pol.get((jenis, kode)))), kode
        assert row["realisasi_k_2026"] is None and row["capaian_k_2026"] is None     # not imported: no value, never 0
        if jenis == "sub_kegiatan":
            assert row["target_rp_2025"] == approx(template[(jenis, kode)]["pagu"]), kode
            assert row["realisasi_rp_2025"] == approx(spent(cells)), kode
            pagu = cells["pagu"]
            expected = None if spent(cells) is None or not pagu else spent(cells) / pagu * 100
            assert row["capaian_rp_2025"] == approx(expected), kode
        checked += 1
    assert checked > 100
    # The program given a value that disagrees with its sub-kegiatan: the form (like the budget table)
    # shows the sum of the sub-kegiatan and names the imported value in the keterangan.
    program = rows[("program", DISAGREE)]
    subs = [spent(c) for (j, k), c in filled.items() if j == "sub_kegiatan" and k.startswith(DISAGREE + ".")]
    assert None not in subs and program["realisasi_rp_2025"] == approx(sum(subs))
    imported = filled[("program", DISAGREE)]["realisasi_anggaran"]
    assert imported - sum(subs) == pytest.approx(DISAGREEMENT)
    assert "berbeda dengan jumlah sub kegiatannya" in program["keterangan"]
    assert f"Rp{imported:,.0f}".replace(",", ".") in program["keterangan"]
    html = (cycle["out"] / "2026" / f"{PAGE}.html").read_text(encoding="utf-8")
    assert "Tahun 2026 (belum ada data realisasi)" in html and "realisasi-isian" in html
    from pages.test_all_pages import code_on_page

    for tahun in (2026, 2027):
        page = (cycle["out"] / str(tahun) / f"{PAGE}.html").read_text(encoding="utf-8")
        assert code_on_page(page) == [], tahun     # with realisation imported too: prose, no code


def test_the_2027_form_cumulates_2025_and_2026_against_the_end_of_period_target(cycle):
    rows = cycle["forms"][2027]
    templates, filled, pol = cycle["templates"], cycle["filled"], polarities()
    checked_sum = checked_level = checked_rp = 0
    for (jenis, kode), t25 in templates[2025].items():
        if jenis not in ("IKU", "program", "kegiatan", "sub_kegiatan"):
            continue
        row = rows[(_level(jenis), kode)]
        satuan = t25["satuan"] or ""
        targets = [templates[y][(jenis, kode)]["target"] for y in range(2025, 2030)]
        present = [t for t in targets if t is not None]
        if satuan in LEVELS:
            target_end = next((t for t in reversed(targets) if t is not None), None)
        else:
            target_end = sum(present) if present else None
        assert row["target_akhir_k"] == approx(target_end), kode
        real = [filled[y][(jenis, kode)]["realisasi"] for y in (2025, 2026)]
        known = [r for r in real if r is not None]
        if not known:
            expected = None
        elif satuan in LEVELS:
            expected, checked_level = known[-1], checked_level + 1
        else:
            expected, checked_sum = sum(known), checked_sum + 1
        assert row["realisasi_sd_k"] == approx(expected), kode
        assert row["capaian_sd_k"] == approx(capaian(expected, target_end, pol.get((jenis, kode)))), kode
        if jenis == "sub_kegiatan":
            pagu_end = sum(templates[y][(jenis, kode)]["pagu"] or 0 for y in range(2025, 2030))
            paid = [spent(filled[y][(jenis, kode)]) for y in (2025, 2026)]
            paid = [s for s in paid if s is not None]
            total = sum(paid) if paid else None
            assert row["target_akhir_rp"] == approx(pagu_end or None), kode
            assert row["realisasi_sd_rp"] == approx(total), kode
            assert row["capaian_sd_rp"] == approx(None if total is None or not pagu_end else total / pagu_end * 100)
            checked_rp += total is not None
        assert row["realisasi_k_2027"] is None
    assert checked_sum > 50 and checked_level > 5 and checked_rp > 25


def test_the_2027_form_xlsx_has_the_form_layout(cycle):
    wb = load_workbook(cycle["out"] / "2027" / "tables" / "evaluasi-e80-2027.xlsx")
    ws = wb.worksheets[0]
    merged = {str(m) for m in ws.merged_cells.ranges}
    header = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=4)]
    assert header[0][0] == "Kode" and "Tahun 2025" in header[0] and "Tahun 2027 (belum ada data realisasi)" in header[0]
    # per year Target, Realisasi, Tingkat capaian, each a K/Rp pair; target akhir and s.d. pairs span two rows
    assert header[1].count("Target") == 3 and header[2].count("K") == 9 and header[2].count("Rp") == 9
    assert header[1].count("K") == 3 and header[1].count("Rp") == 3
    assert "A2:A4" in merged and any(m.startswith("H2:") for m in merged)   # a year's six columns share one cell
    assert ws.freeze_panes == "E5" and ws.print_title_cols == "$A:$D" and ws.print_title_rows == "$2:$4"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage


# -- the other pages that show the imported years (Tabel 2.3.1, 2.3.4, budget, Bab IV) ----------------

def page_csv(out: Path, tahun: int, name: str) -> list[dict]:
    """Rows of ``outputs/<tahun>/tables/<name>.csv``, empty cells as None, numbers as floats."""
    path = out / str(tahun) / "tables" / f"{name}.csv"
    assert path.is_file(), f"{path} not written"
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for key, value in row.items():
            try:
                row[key] = None if value == "" else float(value)
            except ValueError:
                pass
    return rows


def close(expected, places=2):
    """A figure the CSV wrote at ``places`` decimals."""
    return None if expected is None else pytest.approx(expected, abs=0.5 * 10 ** -places + 1e-9, rel=1e-12)


def links() -> list[dict]:
    with open(DATA / "tables" / "2_3_1_iku_padanan.csv", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["no_4_5_1"]]


@pytest.mark.parametrize("tahun, shown", [(2026, [2025]), (2027, [2025, 2026])])
def test_tabel_2_3_1_and_2_3_4_show_the_imported_iku(cycle, tahun, shown):
    t231 = {row["no"]: row for row in page_csv(cycle["out"], tahun, "tabel-2-3-1-capaian-iku")}
    t234 = {row["no"]: row for row in page_csv(cycle["out"], tahun, "tabel-2-3-4-kinerja-pelayanan")}
    checked = 0
    for link in links():
        kode = f"IKU.{link['no_4_5_1']}"
        if cycle["templates"][2025][("IKU", kode)]["satuan"] == "skor":
            continue                                   # AKIP is shown as a grade with its score: "BB (81,29)"
        for y in shown:
            real = cycle["filled"][y][("IKU", kode)]["realisasi"]
            target = cycle["templates"][y][("IKU", kode)]["target"]
            row231 = t231[float(link["no_2_3_1"] or link["row_id"])]
            assert row231[str(y)] == close(real), (kode, y)
            row234 = t234[float(link["no_2_3_4"] or link["row_id"])]
            assert row234[f"target_{y}"] == close(target) and row234[f"realisasi_{y}"] == close(real), (kode, y)
            assert row234[f"rasio_{y}"] == close(None if real is None else real / target * 100), (kode, y)
            checked += 1
    assert checked >= 4 * len(shown)


@pytest.mark.parametrize("tahun, shown", [(2026, [2025]), (2027, [2025, 2026])])
def test_budget_table_of_the_plan_years_shows_the_imported_rupiah(cycle, tahun, shown):
    rows = {row["kode"]: row for row in page_csv(cycle["out"], tahun, "2-3-anggaran-rencana") if row["kode"]}
    for y in shown:
        filled = cycle["filled"][y]
        subs = {k: c for (j, k), c in filled.items() if j == "sub_kegiatan"}
        for kode, cells in subs.items():
            assert rows[kode][f"anggaran_{y}"] == close(cells["pagu"] or None, 0) or not cells["pagu"], kode
            assert rows[kode][f"realisasi_{y}"] == close(spent(cells), 0), (kode, y)
        for (jenis, kode) in filled:
            if jenis != "program":
                continue
            parts = [spent(c) for k, c in subs.items() if k.startswith(kode + ".")]
            total = None if None in parts else sum(parts)
            assert rows[kode][f"realisasi_{y}"] == close(total, 0), (kode, y)   # the sum, also for DISAGREE


def test_bab_iv_progress_cumulates_2025_and_2026(cycle):
    rows41 = {row["kode"]: row for row in page_csv(cycle["out"], 2027, "tabel-4-1-kemajuan-realisasi")}
    rows451 = {row["no"]: row for row in page_csv(cycle["out"], 2027, "tabel-4-5-1-kemajuan-realisasi")}
    templates, filled, pol = cycle["templates"], cycle["filled"], polarities()
    checked = 0
    for (jenis, kode), t25 in templates[2025].items():
        if jenis not in ("IKU", "sub_kegiatan"):
            continue
        satuan = t25["satuan"] or ""
        targets = [templates[y][(jenis, kode)]["target"] for y in range(2025, 2030)]
        present = [t for t in targets if t is not None]
        level = satuan in LEVELS
        end = next((t for t in reversed(targets) if t is not None), None) if level else (sum(present) if present else None)
        known = [filled[y][(jenis, kode)]["realisasi"] for y in (2025, 2026)]
        known = [r for r in known if r is not None]
        to_date = None if not known else known[-1] if level else sum(known)
        if jenis == "IKU":
            if satuan == "skor":
                continue
            row = rows451[float(kode.split(".")[1])]
            assert row["sd"] == close(to_date) and row["capaian"] == close(capaian(to_date, end, pol.get((jenis, kode))))
        else:
            row = rows41[kode]
            assert row["sd"] == close(to_date), kode
            assert row["capaian"] == close(capaian(to_date, end, "naik")), kode   # Tabel 4.1 prints no polarity
            pagu_end = sum(templates[y][(jenis, kode)]["pagu"] or 0 for y in range(2025, 2030))
            paid = [spent(filled[y][(jenis, kode)]) for y in (2025, 2026)]
            paid = [v for v in paid if v is not None]         # rupiah cumulate over the years with data
            total = sum(paid) if paid else None
            assert row["sd_rp"] == close(total, 0), kode
            if total is not None and pagu_end:
                assert row["capaian_rp"] == close(total / pagu_end * 100), kode
        checked += 1
    assert checked > 80
