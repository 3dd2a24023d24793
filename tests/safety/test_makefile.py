"""Issue 14: `make clean`, `make report`, `make realisasi` under real mistakes (paths with spaces,
empty or dangerous OUTPUT_DIR). Every data file here is a synthetic copy made in the test."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV = REPO / ".venv"
pytestmark = pytest.mark.skipif(shutil.which("make") is None or not (VENV / ".installed").exists(),
                                reason="needs make and an installed .venv")


def make(*args, cwd=REPO, env=None):
    return subprocess.run(["make", "--no-print-directory", "-C", str(REPO), f"VENV={VENV}", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env=env)


def snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def built(tmp_path):
    """An output directory as a build leaves it (products listed in its records), plus files that
    are not the build's: a planner's filled template, notes, and a CSV saved among the tables."""
    import json

    out = tmp_path / "hasil build"
    (out / "2025" / "tables").mkdir(parents=True)
    (out / "2025" / "model").mkdir()
    (out / "2025" / "_gagal").mkdir()
    for name in ("02-2-sumber-daya.html", "02-2-sumber-daya.ipynb", "tables/t.csv", "model/02-2-sumber-daya.json",
                 "lampiran-2025.docx", "_gagal/01-evaluasi.ipynb"):
        (out / "2025" / name).write_text("x")
    (out / "2025" / "tables" / "catatan saya.csv").write_text("milik perencana")
    (out / ".build" / "2025").mkdir(parents=True)
    (out / ".build" / "2025" / "02-2-sumber-daya.json").write_text(json.dumps({"status": "ok", "products": {
        "02-2-sumber-daya.html": {}, "02-2-sumber-daya.ipynb": {}, "tables/t.csv": {},
        "model/02-2-sumber-daya.json": {}, "../../luar.txt": {}}}))
    (out / ".build" / "2025" / "01-evaluasi.json").write_text(json.dumps({"status": "failed"}))
    (out / ".build" / "2025" / "_dokumen.json").write_text(json.dumps({"products": ["lampiran-2025.docx"]}))
    (out / "index.html").write_text("<html></html>")
    (out / "realisasi").mkdir()
    (out / "realisasi" / "isian saya.xlsx").write_bytes(b"SINTETIS planner file")
    (out / "catatan.txt").write_text("milik pengguna")
    (tmp_path / "luar.txt").write_text("outside the output directory")
    return out


def test_clean_removes_only_build_products_in_a_path_with_spaces(built):
    result = make("clean", f"OUTPUT_DIR={built}")
    assert result.returncode == 0, result.stderr
    left = sorted(str(p.relative_to(built)) for p in built.rglob("*") if p.is_file())
    assert left == ["2025/tables/catatan saya.csv", "catatan.txt", "realisasi/isian saya.xlsx"]
    assert sorted(p.name for p in built.iterdir()) == ["2025", "catatan.txt", "realisasi"]  # empty folders gone
    assert (built / "realisasi" / "isian saya.xlsx").read_bytes() == b"SINTETIS planner file"
    assert (built.parent / "luar.txt").exists()  # a record naming ../ owns nothing
    assert "tidak dihapus (3 berkas" in result.stdout and "catatan saya.csv" in result.stdout


@pytest.mark.parametrize("target", ["", "/", "HOME", "REPO", "data", "data/tables", "data/out"])
def test_clean_refuses_dangerous_output_dirs(target, tmp_path):
    data_before = snapshot(REPO / "data")
    value = {"HOME": os.path.expanduser("~"), "REPO": str(REPO)}.get(target, target)
    result = make("clean", f"OUTPUT_DIR={value}")
    assert result.returncode != 0
    assert "make clean menolak" in result.stderr or "kosong" in result.stderr
    assert snapshot(REPO / "data") == data_before


def test_clean_refuses_a_folder_the_build_did_not_make(tmp_path):
    foreign = tmp_path / "arsip"
    (foreign / "2025").mkdir(parents=True)
    (foreign / "2025" / "laporan.docx").write_bytes(b"x")
    result = make("clean", f"OUTPUT_DIR={foreign}")
    assert result.returncode != 0 and "tidak dibuat oleh build" in result.stderr
    assert (foreign / "2025" / "laporan.docx").exists()


def test_clean_refuses_the_data_dir_given_as_data_dir(tmp_path):
    data = tmp_path / "data kantor"
    (data / "tables").mkdir(parents=True)
    (data / "tables" / "t.csv").write_text("a\n")
    (data / ".build").mkdir()
    result = make("clean", f"OUTPUT_DIR={data}", f"DATA_DIR={data}")
    assert result.returncode != 0 and (data / "tables" / "t.csv").exists()


@pytest.mark.parametrize("target", ["data/out", "data/tables", "/"])
def test_report_checks_directories_before_writing_the_stamp(target):
    before = snapshot(REPO / "data")
    result = make("report", f"OUTPUT_DIR={target}", "YEARS=2025")
    assert result.returncode != 0
    assert not (REPO / "data" / "out").exists()
    assert snapshot(REPO / "data") == before
    assert not Path("/.build").exists()


def test_report_symlink_into_data_is_refused(tmp_path):
    link = tmp_path / "out"
    link.symlink_to(REPO / "data" / "tables")
    result = make("report", f"OUTPUT_DIR={link}", "YEARS=2025")
    assert result.returncode != 0 and "berada di dalam direktori data" in result.stderr
    assert not (REPO / "data" / "tables" / ".build").exists()


def test_report_with_a_space_in_the_path_leaves_no_stray_folder(tmp_path):
    """A data dir with a space and no tables/: refused by name, nothing written anywhere."""
    data = tmp_path / "data bad"
    data.mkdir()
    out = tmp_path / "hasil sp ace"
    result = make("report", f"DATA_DIR={data}", f"OUTPUT_DIR={out}", "YEARS=2025")
    assert result.returncode != 0
    assert str(data) in result.stderr
    assert not out.exists() and not (REPO / "ace").exists() and not (tmp_path / "ace").exists()


def test_years_with_spaces_become_a_list():
    result = make("-n", "report", "YEARS=2024 2026")
    assert result.returncode == 0
    env = make("-p", "-n", "report", "YEARS=2024 2026").stdout
    assert "MK_YEARS := 2024,2026" in env


def test_realisasi_file_with_spaces_and_parentheses(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    for f in (data / "realisasi").glob("*.csv"):
        f.unlink()
    templates = tmp_path / "isian folder"
    result = make("template", "TAHUN=2025", f"DATA_DIR={data}", f"TEMPLATE_DIR={templates}")
    assert result.returncode == 0, result.stderr
    source = templates / "template-realisasi-2025.xlsx"
    renamed = tmp_path / "template-realisasi-2025 (1).xlsx"
    shutil.copy(source, renamed)
    result = make("realisasi", f"FILE={renamed}", "TAHUN=2025", f"DATA_DIR={data}")
    assert result.returncode == 0, result.stderr
    assert (data / "realisasi" / "2025.csv").is_file()


def test_template_is_not_written_under_outputs():
    text = (REPO / "Makefile").read_text()
    assert "TEMPLATE_DIR ?= realisasi-isian" in text
    assert "$(OUTPUT_DIR)/realisasi" not in text


def test_report_refuses_an_output_dir_with_foreign_files(tmp_path):
    """A folder of someone's files is not an output directory: refused before anything is written."""
    out = tmp_path / "dokumen kantor"
    out.mkdir()
    (out / "laporan.docx").write_bytes(b"SINTETIS")
    (out / "index.html").write_text("<html>situs kantor</html>")
    before = snapshot(out)
    result = make("report", f"OUTPUT_DIR={out}", "YEARS=2025")
    assert result.returncode != 0
    assert "tidak dibuat oleh build" in result.stderr and "laporan.docx" in result.stderr
    assert snapshot(out) == before and not (out / ".build").exists()


def test_report_accepts_the_output_folder_the_repository_ships(tmp_path):
    """A fresh clone's outputs/ holds git's placeholder only; `make report` must build there
    (it refused it once, so the README's first command failed), and a foreign file beside the
    placeholder is still refused."""
    from helpers.core.config import DirectoryError, check_output_owned

    shipped = subprocess.run(["git", "-C", str(REPO), "ls-files", "outputs"], capture_output=True,
                             text=True, check=True).stdout.split()
    assert shipped == ["outputs/.gitkeep"]
    out = tmp_path / "outputs"
    out.mkdir()
    (out / ".gitkeep").write_text("")
    check_output_owned(out)  # accepted
    (out / "catatan.txt").write_text("SINTETIS")
    with pytest.raises(DirectoryError, match="catatan.txt"):
        check_output_owned(out)
    (out / "catatan.txt").unlink()
    from helpers.run.build import _check_dirs

    _check_dirs(REPO / "data", out)  # what `make report` checks first (--validate-first)
