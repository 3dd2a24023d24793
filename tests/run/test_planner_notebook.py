"""The planner's notebook (notebooks/perencana/siklus-tahunan.ipynb) does the yearly cycle without a
terminal: template, problems of a filled file in Indonesian, import, rebuild. The filled file is
SINTETIS (tests/fixtures/isian_sintetis.py)."""
from __future__ import annotations

import json
import shutil

from fixtures.isian_sintetis import fill_template
from helpers.core import realisasi
from support import REPO, data_without_realisasi, kernel_name

NOTEBOOK = REPO / "notebooks" / "perencana" / "siklus-tahunan.ipynb"


def run(tmp_path, name, **parameters) -> str:
    import papermill as pm

    out = tmp_path / f"{name}.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters=parameters, kernel_name=kernel_name(),
                        progress_bar=False, cwd=str(NOTEBOOK.parent))
    nb = json.loads(out.read_text(encoding="utf-8"))
    return "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))


def test_the_notebook_is_not_a_page():
    from helpers.core.registry import load_registry

    pages, _ = load_registry()
    assert all(p.notebook != NOTEBOOK.name for p in pages)
    assert NOTEBOOK.parent.name == "perencana"      # tests and the runner read notebooks/*.ipynb only


def test_template_problems_import_and_rebuild(tmp_path):
    data = data_without_realisasi(tmp_path / "data")
    folder, out = tmp_path / "realisasi-isian", tmp_path / "outputs"
    common = {"TAHUN": 2025, "data_dir": str(data), "output_dir": str(out), "folder_isian": str(folder),
              "HALAMAN": ["01-evaluasi"], "SAMPAI": 2025}
    text = run(tmp_path, "1-template", **common)
    assert "Template ditulis" in text and "BERKAS belum diisi" in text
    template = folder / "template-realisasi-2025.xlsx"
    assert template.is_file()
    # A file with a problem: listed in Indonesian, nothing written.
    from openpyxl import load_workbook

    bad = folder / "isian-salah.xlsx"
    wb = load_workbook(template)
    ws = wb["Realisasi 2025"]
    ws.cell(row=2, column=list(realisasi.TEMPLATE_COLUMNS).index("realisasi") + 1, value="1.234")
    wb.save(bad)
    text = run(tmp_path, "2-salah", BERKAS=bad.name, **common)
    assert "belum dapat diimpor: 1 masalah" in text and "angka ambigu" in text and "baris 2" in text
    assert not (data / "realisasi" / "2025.csv").exists()
    # The filled file: checked, imported with its report, the evaluation page rebuilt.
    filled = folder / "isian-2025.xlsx"
    fill_template(template, filled, seed=7)
    text = run(tmp_path, "3-impor", BERKAS=filled.name, **common)
    assert "lolos pemeriksaan" in text and "Realisasi tahun 2025 diimpor" in text and "baris baru:" in text
    assert "Halaman diperbarui." in text
    assert (data / "realisasi" / "2025.csv").is_file() and (out / "2025" / "01-evaluasi.html").is_file()
    assert "already" not in text and "expected" not in text
    # The same file again: refused without CARA, merged with CARA="gabung".
    text = run(tmp_path, "4-lagi", BERKAS=filled.name, BANGUN_ULANG=False, **common)
    assert "sudah ada" in text and "GABUNG=1" in text
    text = run(tmp_path, "5-gabung", BERKAS=filled.name, CARA="gabung", BANGUN_ULANG=False, **common)
    assert "digabungkan" in text and "baris baru: 0, berubah: 0" in text
    shutil.rmtree(out)
