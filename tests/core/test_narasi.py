"""Tests of helpers/core/narasi.py: drafts copied as starting points, never overwritten; every figure
of a revision checked (cocok, tidak_ditemukan, berubah); orphan revisions reported (issue 12).

The page models here are SINTETIS: small hand-made models in the format Page.show() writes."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.core import narasi
from helpers.core.narasi import (CHANGED, MATCHED, NOT_FOUND, ORPHAN, check_text, copy_drafts, count_to_check,
                                 facts_fingerprint, orphan_checks, revision, split_front_matter, unknown_revisions)

REPO = Path(__file__).resolve().parents[2]
DRAFT = "Jumlah PPKS (SINTETIS) menurun dari 73.220 jiwa (2019) menjadi 63.432 jiwa (2024), atau berkurang 13,37%."
FACTS = {"Jumlah PPKS 2019 (jiwa)": 73220.0, "Jumlah PPKS 2024 (jiwa)": 63432.0,
         "Jumlah PPKS: perubahan 2019–2024 (%)": -13.3678}


def model(stem: str, tahun: int, items: list) -> dict:
    return {"page": stem, "title": "SINTETIS", "tahun": tahun, "items": items}


@pytest.fixture
def dirs(tmp_path):
    """A data directory (this office's opd.yaml, no realisation) and an output folder with one page
    model for 2025 (02-3-1-kinerja-pelayanan, SINTETIS) holding a table and a narrative with facts."""
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    shutil.copy(REPO / "data" / "opd.yaml", data / "opd.yaml")
    table = {"kind": "table", "table": {"data": {"rows": [[2019, 73220], [2024, 63432], [2023, 65695]]}}}
    items = [table, {"kind": "narasi", "id": "2-3-2-ppks", "text": DRAFT, "facts": FACTS}]
    folder = out / "2025" / "model"
    folder.mkdir(parents=True)
    (folder / "02-3-1-kinerja-pelayanan.json").write_text(json.dumps(model("02-3-1-kinerja-pelayanan", 2025, items)))
    return data, out


def test_copy_drafts_writes_a_starting_point_with_front_matter(dirs):
    data, out = dirs
    done = copy_drafts(2025, data, out, made="2025-03-01T08:00:00+00:00")
    path = data / "narasi" / "2025" / "2-3-2-ppks.md"
    assert done == [("2-3-2-ppks", path, True)]
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), path)
    assert meta["dibuat"] == "2025-03-01T08:00:00+00:00" and meta["narasi"] == "2-3-2-ppks"
    assert meta["sidik_fakta"] == facts_fingerprint(FACTS) and meta["fakta"] == FACTS
    assert body.strip() == DRAFT
    assert revision(data, 2025, "2-3-2-ppks").text == DRAFT + "\n"


def test_copy_drafts_never_overwrites_a_revision(dirs):
    data, out = dirs
    path = data / "narasi" / "2025" / "2-3-2-ppks.md"
    path.parent.mkdir(parents=True)
    path.write_text("Revisi perencana yang sudah ada.\n", encoding="utf-8")
    before = path.read_bytes()
    assert copy_drafts(2025, data, out) == [("2-3-2-ppks", path, False)]
    assert path.read_bytes() == before


def test_copy_drafts_without_a_build_says_what_to_do(dirs, tmp_path):
    data, _ = dirs
    with pytest.raises(narasi.RevisionError, match="build the year first"):
        copy_drafts(2025, data, tmp_path / "empty")


def test_a_shared_page_keeps_its_revisions_under_its_first_year(dirs):
    """A history page serves 2025–2029 from the 2025 folder: copying 2027 writes the 2025 revision."""
    data, out = dirs
    done = copy_drafts(2027, data, out)
    assert [path for _, path, _ in done] == [data / "narasi" / "2025" / "2-3-2-ppks.md"]


def test_the_cli_copies_and_refuses_a_bad_year(dirs):
    data, out = dirs
    run = [sys.executable, "-m", "helpers.core.narasi", "salin", "--data-dir", str(data), "--output-dir", str(out)]
    ok = subprocess.run(run + ["--tahun", "2025"], capture_output=True, text=True, cwd=REPO)
    assert ok.returncode == 0 and "1 draf disalin" in ok.stdout
    again = subprocess.run(run + ["--tahun", "2025"], capture_output=True, text=True, cwd=REPO)
    assert again.returncode == 0 and "sudah ada, tidak ditimpa" in again.stdout
    bad = subprocess.run(run + ["--tahun", "dua"], capture_output=True, text=True, cwd=REPO)
    assert bad.returncode == 2 and "TAHUN='dua' bukan tahun" in bad.stderr


def test_right_figures_are_cocok_and_a_wrong_one_tidak_ditemukan():
    text = ("Jumlah PPKS turun dari 73.220 jiwa pada tahun 2019 menjadi 63.000 jiwa (2024), atau sekitar 13,4%; "
            "jumlah tahun 2023 tercatat 65.695 jiwa.")
    checks = check_text("2-3-2-ppks", text, FACTS, [65695.0])
    assert [(c.angka, c.status) for c in checks] == [("73.220", MATCHED), ("63.000", NOT_FOUND), ("13,4%", MATCHED),
                                                    ("65.695", MATCHED)]
    assert "fakta terdekat \u201cJumlah PPKS 2024 (jiwa)\u201d = 63.432" in checks[1].keterangan
    assert checks[3].keterangan == "ada pada tabel halaman"


def test_a_figure_whose_fact_changed_since_the_revision_is_berubah():
    old = {**FACTS, "Jumlah PPKS 2024 (jiwa)": 63660.0}
    checks = check_text("2-3-2-ppks", "Pada tahun 2024 tercatat 63.660 jiwa.", FACTS, [], recorded=old)
    assert [(c.angka, c.status) for c in checks] == [("63.660", CHANGED)]
    assert "saat revisi dibuat \u201cJumlah PPKS 2024 (jiwa)\u201d = 63.660; sekarang 63.432" == checks[0].keterangan
    # the same figure, its fact unchanged: cocok
    assert check_text("x", "tercatat 63.432 jiwa", FACTS, [], recorded=FACTS)[0].status == MATCHED


def test_orphans_and_the_count_to_check(dirs, tmp_path):
    data, _ = dirs
    folder = data / "narasi" / "2025"
    folder.mkdir(parents=True)
    (folder / "2-3-9-hilang.md").write_text("Narasi lama.\n", encoding="utf-8")
    (folder / "2-3-2-ppks.md").write_text("Narasi.\n", encoding="utf-8")
    (orphan,) = orphan_checks(data, 2025, {"2-3-2-ppks"})
    assert orphan.status == ORPHAN and orphan.narasi == "2-3-9-hilang" and "tidak dipakai" in orphan.keterangan
    messages = unknown_revisions(data)
    assert len(messages) == 1 and "2-3-9-hilang" in messages[0] and "not used" in messages[0]
    year = tmp_path / "year"
    (year / "narasi").mkdir(parents=True)
    assert count_to_check(year) == 0  # no check file yet
    (year / "narasi" / narasi.CHECK_FILE).write_text(
        "narasi,angka,status,keterangan\na,1,cocok,x\na,2,tidak_ditemukan,y\nb,,tanpa_draf,z\n", encoding="utf-8")
    assert count_to_check(year) == 2


def test_a_revision_under_another_year_of_a_shared_page_says_where_it_belongs(dirs):
    data, _ = dirs
    folder = data / "narasi" / "2026"
    folder.mkdir(parents=True)
    (folder / "2-3-2-ppks.md").write_text("Revisi di tahun yang salah.\n", encoding="utf-8")
    (row,) = orphan_checks(data, 2026, set(), {"2-3-2-ppks": 2025})
    assert row.status == ORPHAN and "dibaca dari narasi/2025/2-3-2-ppks.md" in row.keterangan
