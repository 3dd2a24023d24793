"""Planners' narratives over every page except the evaluation (issue 12).

* The drafts a planner pastes keep the EYD rules: no sentence opens with a numeral, no ``Rp`` with
  a space, no "Ratio" (nor the document's typo "Rasi Kekerasan"), each caveat at most once per page,
  no reviewer's finding ("Klaim dokumen", "didukung", "perlu diperiksa") in the draft itself.
* A revision in ``data/narasi/<tahun>/`` survives a forced rebuild byte for byte and is shown on the
  page; its figures are checked: a right one is ``cocok``, a wrong one ``tidak_ditemukan``, one whose
  base figure changed later ``berubah``; a revision of a narrative that no longer exists is reported.
"""
from __future__ import annotations

import csv
import functools
import re
import shutil
from pathlib import Path

import pytest

from support import DATA

from helpers.core import narasi
from helpers.core.text import eyd_problems, sentences
from helpers.pages import anggaran, audit, isu_strategis, rencana_program, struktur_organisasi, sumber_daya
from helpers.pages import kinerja_pelayanan as kp
from helpers.pages import tujuan_sasaran as ts
from helpers.present import Narrative

#: Words of a reviewer's finding, which belong under "Catatan pemeriksaan", not in the draft.
FINDINGS = ("Klaim dokumen", "**didukung**", "**tidak didukung**", "sebagian didukung", "alternatif yang jujur", "tidak ada angka yang dikarang", "tercetak",
            "perlu dilengkapi", "perlu dipastikan", "Kartu Inventaris")


def flatten(items) -> list:
    out = []
    for item in items if isinstance(items, (list, tuple)) else [items]:
        if isinstance(item, (list, tuple)):
            out += flatten(item)
        elif item is not None:
            out.append(item)
    return out


@functools.lru_cache(maxsize=None)
def page_items(tahun: int) -> dict[str, tuple]:
    """What each page (except the evaluation) shows as narrative and review, for ``tahun``."""
    staff = sumber_daya.staff_views(None)
    plan_year = max(tahun, 2025)  # the plan pages show plan years only
    plan = rencana_program.plan_view(plan_year, None)
    pages = {
        "00-audit": audit.narrative(audit.build(None)),
        "02-1-struktur-organisasi": struktur_organisasi.narrative(None),
        "02-2-sumber-daya": [sumber_daya.staff_narrative(staff, None), sumber_daya.sarana_narrative(None)],
        "02-3-1-kinerja-pelayanan": [kp.iku_narrative(kp.iku_view(tahun)), kp.ppks_narrative(kp.ppks_view(tahun)),
                                     kp.spm_narrative(kp.spm_view(tahun)), kp.kinerja_narrative(kp.kinerja_data(tahun))],
        "02-3-2-anggaran": [anggaran.narrative_section(anggaran.budget_view(t, tahun, None)) for t in anggaran.TABLES],
        "02-4-isu-strategis": isu_strategis.ppks_narrative(isu_strategis.ppks_view(tahun, None)),
        "03-tujuan-sasaran": [ts.goals_narrative(plan_year), ts.cascade_narrative()],
        "04-rencana-program": [rencana_program.plan_narrative(plan), rencana_program.iku_narrative(plan_year)],
    }
    return {stem: tuple(flatten(items)) for stem, items in pages.items()}


def drafts(tahun: int):
    for stem, items in page_items(tahun).items():
        yield stem, [i for i in items if isinstance(i, Narrative)]


@pytest.mark.parametrize("tahun", [2022, 2025])
def test_every_draft_keeps_the_eyd_rules(tahun):
    seen = 0
    for stem, narratives in drafts(tahun):
        for narrative in narratives:
            seen += 1
            assert eyd_problems(narrative.text) == [], (stem, narrative.id)
            assert "Rp " not in narrative.text and "Ratio" not in narrative.text and "Rasi " not in narrative.text
            found = [word for word in FINDINGS if word in narrative.text
                     and not (stem == "00-audit" and word == "tercetak")]  # the audit reports what was printed
            assert not found, (stem, narrative.id, found)
    assert seen >= 12


@pytest.mark.parametrize("tahun", [2022, 2025])
def test_a_caveat_is_said_once_per_page(tahun):
    for stem, narratives in drafts(tahun):
        said = [s for n in narratives for s in sentences(n.text) if len(s) > 60 and not s[:1].isdigit()]
        repeated = {s for s in said if said.count(s) > 1}
        assert not repeated, (stem, repeated)
        said = [s for n in narratives for s in sentences(n.text)]
        assert sum("pelaporan" in s for s in said) <= 1, stem  # the caveat on violence ratios
        assert sum("DTKS" in s for s in said) <= 1, stem  # the caveat on the count of PPKS


def test_the_findings_are_shown_apart_as_catatan_pemeriksaan():
    reviews = [i for items in page_items(2025).values() for i in items
               if isinstance(i, str) and not i.startswith("### Draf narasi")]
    assert len(reviews) >= 6 and all(r.startswith("#### Catatan pemeriksaan") for r in reviews)
    joined = "\n".join(reviews)
    assert "Klaim dokumen" in joined and "tidak didukung" in joined and "Kartu Inventaris" in joined


def test_every_draft_cites_its_facts():
    for stem, narratives in drafts(2025):
        for narrative in narratives:
            assert narrative.facts, (stem, narrative.id)
            numbers = [c for c in narasi.check_text(narrative.id, narrative.text, narrative.facts, [])]
            matched = sum(c.status == narasi.MATCHED for c in numbers)
            assert not numbers or matched / len(numbers) >= 0.5, (stem, narrative.id, numbers)


def test_the_tone_the_planners_asked_for():
    text = " ".join(n.text for n in dict(drafts(2025))["02-3-1-kinerja-pelayanan"])
    assert kp.narratives.PPKS_CAVEAT == ("Jumlah PPKS dipengaruhi oleh hasil pemutakhiran DTKS, tidak hanya oleh "
                                         "kebutuhan riil; karena itu, penurunan jumlah PPKS belum tentu menunjukkan "
                                         "keberhasilan program.")
    assert ("Rasio Kekerasan terhadap Perempuan** (semakin rendah semakin baik) berfluktuasi: turun dari 2,95 (2021) "
            "menjadi 2,27 (2022), naik tajam menjadi 5,72 (2023), lalu turun menjadi 3,69 (2024)") in text
    budget = " ".join(n.text for n in dict(drafts(2025))["02-3-2-anggaran"])
    assert "relatif stabil, yaitu 88,54% pada tahun 2019 dan 88,55% pada tahun 2020." in budget


# --------------------------------------------------------------------------------------------
# End to end: copy, revise, rebuild, check (one page, in a copy of the data)
# --------------------------------------------------------------------------------------------

STEM = "02-4-isu-strategis"


def build_page(data: Path, out: Path):
    from helpers.run import build as B

    report = B.build([2025], data_dir=data, output_dir=out, only=[STEM], jobs=1, force=True)
    assert report.exit_code == 0, report.summary()
    return out / "2025"


def documents(year: Path, data: Path) -> list[dict]:
    """The year's documents from the built page alone; returns the rows of pemeriksaan-angka.csv."""
    from helpers.core.registry import load_chapters, page_spec
    from helpers.run import appendix

    appendix.write_year_documents(year, 2025, [page_spec(STEM)], load_chapters(), data)
    with (year / "narasi" / narasi.CHECK_FILE).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def page_model_item(year: Path) -> dict:
    import json

    model = json.loads((year / "model" / f"{STEM}.json").read_text(encoding="utf-8"))
    return next(i for i in model["items"] if i.get("kind") == "narasi")


def test_a_revision_is_kept_shown_checked_and_flagged_when_the_data_change(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(DATA, data)
    year = build_page(data, out)
    done = narasi.copy_drafts(2025, data, out)
    path = data / "narasi" / "2025" / "2-4-ppks.md"
    assert ("2-4-ppks", path, True) in done
    original = path.read_text(encoding="utf-8")
    assert "58.810 jiwa" in original and "63.432 jiwa" in original and "dibuat:" in original
    # the planner's edit: one wrong figure (58.810 → 58.901), one sentence of their own
    revised = original.replace("58.810 jiwa", "58.901 jiwa") + "\nKalimat tambahan perencana (SINTETIS).\n"
    path.write_text(revised, encoding="utf-8")
    (data / "narasi" / "2025" / "2-4-lama.md").write_text("Narasi yang sudah tidak ada.\n", encoding="utf-8")
    before = path.read_bytes()

    build_page(data, out)  # forced rebuild
    assert path.read_bytes() == before  # the build never writes there
    html = (year / f"{STEM}.html").read_text(encoding="utf-8")
    assert "Narasi (direvisi)" in html and "Kalimat tambahan perencana" in html and "<details>" in html
    assert "Angka yang perlu diperiksa" in html and "58.901" in html
    assert "narasi/2025" not in html and "Revisi perencana tahun 2025, dibuat 20" in html  # no file path on a page
    item = page_model_item(year)
    checks = {c["angka"]: c["status"] for c in item["periksa"]}
    assert checks["58.901"] == narasi.NOT_FOUND and checks["63.432"] == narasi.MATCHED
    assert item["revisi"]["text"].startswith("Menurut Tabel 2.3.2")
    rows = documents(year, data)
    assert {"narasi": "2-4-ppks", "angka": "58.901", "status": "tidak_ditemukan"}.items() <= next(
        r for r in rows if r["angka"] == "58.901").items()
    orphan = next(r for r in rows if r["narasi"] == "2-4-lama")
    assert orphan["status"] == narasi.ORPHAN and "tidak dipakai" in orphan["keterangan"]
    assert narasi.count_to_check(year) == sum(r["status"] != narasi.MATCHED for r in rows) >= 2
    assert narasi.unknown_revisions(data) and "2-4-lama" in narasi.unknown_revisions(data)[0]

    from docx import Document

    word = "\n".join(p.text for p in Document(str(year / "lampiran-2025.docx")).paragraphs)
    assert "Kalimat tambahan perencana" in word and "Angka yang perlu diperiksa" in word and "58.901" in word

    # later the data behind a cited figure change: Fakir Miskin 2024 +100 in the base table
    table = data / "tables" / "2_3_2_ppks.csv"
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";" if ";" in lines[0] else ",")
    sep = ";" if ";" in lines[0] else ","
    col_jenis, col_tahun, col_jumlah = (header.index(c) for c in ("jenis", "tahun", "jumlah"))
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split(sep)
        if "Fakir Miskin" in cells[col_jenis] and cells[col_tahun] == "2024":
            cells[col_jumlah] = str(int(float(cells[col_jumlah])) + 100)
            lines[i] = sep.join(cells)
            break
    else:
        pytest.fail("no Fakir Miskin 2024 row in 2_3_2_ppks.csv")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_page(data, out)
    item = page_model_item(year)
    changed = next(c for c in item["periksa"] if c["angka"] == "63.432")
    assert changed["status"] == narasi.CHANGED and "sekarang 63.532" in changed["keterangan"]
    assert "berubah" in (year / f"{STEM}.html").read_text(encoding="utf-8")
    assert re.search(r"63\.432.*berubah", "\n".join(",".join(r.values()) for r in documents(year, data)))


def test_a_revision_is_escaped_on_the_page():
    from helpers.present.narrative import revision_html

    item = {"id": "uji", "text": "Draf <b>uji</b>.", "revisi": {"text": "Revisi <script>alert(1)</script> 5 jiwa.",
            "berkas": "narasi/2025/uji.md", "dibuat": "2025-01-01T00:00:00+00:00", "sidik_fakta": "a",
            "sidik_fakta_kini": "b"}}
    checks = narasi.check_text("uji", item["revisi"]["text"], {"x": 6}, [])
    html = revision_html(item, checks)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>uji</b>" not in html
    assert "Data di balik draf telah berubah sejak revisi dibuat" in html  # the fingerprints differ
    assert "tidak ditemukan" in html and "Narasi (direvisi)" in html and "<details>" in html


@pytest.mark.parametrize("html_later", [False, True], ids=["one-task", "html-as-next-task"])
def test_a_changed_revision_is_shown_again_without_its_page_running_with_the_bytes_of_a_full_run(tmp_path,
                                                                                                   monkeypatch,
                                                                                                   html_later):
    """A build in which only revisions of a page's narratives changed (added, edited, removed)
    shows them again in the published notebook, model and HTML without a kernel
    (``_show_revisions_again``); the files equal those of a forced full run, byte for byte. With
    the runner's own pool (``html_later``) the model and notebook come from one task and the HTML
    from the next, as checked here."""
    import concurrent.futures as cf

    import papermill

    from helpers.run import build as B

    class Inline(cf.Executor):  # the pages run here, where papermill is patched
        def submit(self, fn, /, *args, **kwargs):
            future: cf.Future = cf.Future()
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # noqa: BLE001 - forwarded as a real executor would
                future.set_exception(exc)
            return future

    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(DATA, data)
    year = build_page(data, out)
    narasi.copy_drafts(2025, data, out)
    path = data / "narasi" / "2025" / "2-4-ppks.md"
    published = (f"{STEM}.html", f"{STEM}.ipynb", f"model/{STEM}.json")

    def build_without_kernel() -> dict:
        def no_kernel(*args, **kwargs):
            raise AssertionError("the page was run, although only a revision changed")

        monkeypatch.setattr(papermill, "execute_notebook", no_kernel)
        tasks = []
        run_page, run_tasks = B.run_page, B._run_tasks
        monkeypatch.setattr(B, "run_page", lambda task: tasks.append(task) or run_page(task))
        if html_later:  # as with the runner's own pool: the documents may start after the first task
            monkeypatch.setattr(B, "_run_tasks", lambda todo, results, out, workers, executor, own, key, log, *rest:
                                run_tasks(todo, results, out, workers, executor, own, key, log, lambda done: [], {}))
        report = B.build([2025], data_dir=data, output_dir=out, only=[STEM], executor=Inline())
        monkeypatch.undo()
        assert [(t.html_later, t.republish) for t in tasks] == ([(True, False), (False, True)] if html_later
                                                                else [(False, False)])
        assert report.exit_code == 0, report.summary()
        assert [r.reason for r in report.results if r.status == B.BUILT][0].endswith("(narratives only)")
        return {name: (year / name).read_bytes() for name in published}

    for revision in (path.read_text(encoding="utf-8") + "\nKalimat tambahan perencana (SINTETIS).\n",
                     path.read_text(encoding="utf-8").replace("58.810 jiwa", "58.901 jiwa"), None):
        if revision is None:
            path.unlink()  # back to the draft
        else:
            path.write_text(revision, encoding="utf-8")
        shown = build_without_kernel()
        text = shown[f"{STEM}.html"].decode("utf-8")
        assert ("Narasi (direvisi)" in text) == (revision is not None)
        build_page(data, out)  # forced: the page runs
        assert {name: (year / name).read_bytes() for name in published} == shown
