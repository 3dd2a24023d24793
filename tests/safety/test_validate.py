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
