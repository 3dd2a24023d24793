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
    """An output directory as a build leaves it, plus a planner's file that is not the build's."""
    out = tmp_path / "hasil build"
    (out / "2025" / "tabel").mkdir(parents=True)
    (out / "2025" / "tabel" / "x.csv").write_text("a\n")
    (out / "2027").mkdir()
    (out / ".build").mkdir()
    (out / ".build" / "records.json").write_text("{}")
    (out / "index.html").write_text("<html></html>")
    (out / "realisasi").mkdir()
    (out / "realisasi" / "isian saya.xlsx").write_bytes(b"SINTETIS planner file")
    (out / "catatan.txt").write_text("milik pengguna")
    return out


def test_clean_removes_only_build_products_in_a_path_with_spaces(built):
    result = make("clean", f"OUTPUT_DIR={built}")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in built.iterdir()) == ["catatan.txt", "realisasi"]
    assert (built / "realisasi" / "isian saya.xlsx").read_bytes() == b"SINTETIS planner file"


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
    assert result.returncode != 0 and "inside the data directory" in result.stderr
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
