"""Issue 14: `make validate` checks every input folder (realisasi/, narasi/), and the stamp of
`make report` is written only after the directories are checked. Synthetic copies of data/."""
import shutil
from pathlib import Path

import pytest
from support import data_without_realisasi

from helpers.core import validate



@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    return data_without_realisasi(tmp_path_factory.mktemp("v") / "data")


def test_bad_realisation_and_narrative_files_fail_validation(data_copy, capsys):
    from helpers.core.realisasi import COLUMNS
    bad = data_copy / "realisasi" / "2026.csv"
    bad.write_text(",".join(COLUMNS) + "\nIKU,IKU.1,x,x,Persen,1,,,1e-05,,,\n", encoding="utf-8")
    stray = data_copy / "realisasi" / "salinan.xlsx"
    stray.write_bytes(b"PK")
    revision = data_copy / "narasi" / "2026" / "bab-1.md"
    revision.parent.mkdir(parents=True)
    revision.write_text("---\ntanggal: [2026\n---\nTeks.\n", encoding="utf-8")
    try:
        assert validate.main([str(data_copy)]) == 1
        err = capsys.readouterr().err
        assert "2026.csv" in err and "'realisasi'" in err and "1e-05" in err
        assert "salinan.xlsx" in err
        assert "bab-1.md" in err
    finally:
        bad.unlink()
        stray.unlink()
        shutil.rmtree(data_copy / "narasi")


def test_stamp_is_not_written_when_the_output_dir_is_inside_data(data_copy, capsys):
    assert validate.main(["--stamp-dir", str(data_copy / "out"), str(data_copy)]) == 2
    assert "berada di dalam direktori data" in capsys.readouterr().err
    assert not (data_copy / "out").exists()
    assert validate.main(["--stamp-dir", "/", str(data_copy)]) == 2
    assert not Path("/.build/data-valid.stamp").exists()


def test_stamp_written_after_validation_and_reused(data_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 0
    assert (out / ".build" / "data-valid.stamp").is_file()
    capsys.readouterr()
    assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 0
    assert "data tidak berubah" in capsys.readouterr().out
    (data_copy / "realisasi" / "2027.csv").write_text("rusak\n", encoding="utf-8")
    try:
        assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 1
    finally:
        (data_copy / "realisasi" / "2027.csv").unlink()


def test_a_changed_revision_is_checked_alone_and_a_bad_one_still_stops_the_build(data_copy, tmp_path, capsys):
    """A revision is text: when only ``narasi/`` changed, the revisions are checked (no table is
    validated again, pandas is not needed); a bad one fails as before and leaves no stamp."""
    out = tmp_path / "out"
    assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 0
    revision = data_copy / "narasi" / "2026" / "2-2-sarana-prasarana.md"
    revision.parent.mkdir(parents=True)
    try:
        revision.write_text("Teks revisi perencana.\n", encoding="utf-8")
        capsys.readouterr()
        assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 0
        printed = capsys.readouterr().out
        assert "ok  narasi/2026/2-2-sarana-prasarana.md" in printed and "tabel sah" not in printed
        revision.write_text("---\ntanggal: [2026\n---\nTeks.\n", encoding="utf-8")
        assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 1
        assert "2-2-sarana-prasarana.md" in capsys.readouterr().err
        assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 1  # not stamped: checked again
        revision.write_bytes(b"Teks \xff\n")
        assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 1
        assert "bukan teks UTF-8" in capsys.readouterr().err
    finally:
        shutil.rmtree(data_copy / "narasi")
    capsys.readouterr()
    assert validate.main(["--stamp-dir", str(out), str(data_copy)]) == 0  # back to the stamped tables
    assert "tabel sah" not in capsys.readouterr().out


_RUNNER = """import sys
from helpers.run.build import main
code = main(sys.argv[1:])
print("pandas in the runner:", "pandas" in sys.modules)
raise SystemExit(code)
"""


def test_report_validates_changed_tables_in_a_child_and_keeps_them_for_the_kernels(tmp_path):
    """`make report` (--validate-first): a bad table stops the build before any page, with the
    loader's message; the runner itself never imports pandas (the validation runs in a child
    process, whose validated tables the pages' kernels then read from .build/cache)."""
    import subprocess
    import sys

    data = data_without_realisasi(tmp_path / "data")
    out = tmp_path / "out"
    path = data / "tables" / "2_2_sarana.csv"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace(",7,unit,", ",-7,unit,", 1), encoding="utf-8")
    repo = Path(__file__).resolve().parents[2]
    args = [sys.executable, "-c", _RUNNER, "--validate-first", "--years", "2025", "--only", "02-4-isu-strategis",
            "--jobs", "1", "--data-dir", str(data), "--output-dir", str(out)]
    bad = subprocess.run(args, capture_output=True, text=True, cwd=repo)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "2_2_sarana.csv" in bad.stderr and "jumlah" in bad.stderr and "seharusnya" in bad.stderr
    assert not (out / "2025").exists() and not (out / ".build" / "data-valid.stamp").exists()
    path.write_text(good, encoding="utf-8")
    ok = subprocess.run(args, capture_output=True, text=True, cwd=repo)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "pandas in the runner: False" in ok.stdout
    assert (out / "2025" / "02-4-isu-strategis.html").is_file()
    stored = {p.name.rsplit("-", 1)[0] for p in (out / ".build" / "cache" / "tabel").glob("*.pkl")}
    assert "2_2_sarana" in stored and len(stored) > 20  # every table, validated once by the child
