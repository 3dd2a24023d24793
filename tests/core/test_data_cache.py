"""Year-independent results kept for the data's content (helpers.core.data.same_data_same_result):
a kernel serving the pages of several years computes them once, never from stale data."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import data
from helpers.core.derive import derived

REPO = Path(__file__).resolve().parents[2]


def test_a_result_is_computed_once_per_data_content_and_handed_out_as_a_copy(tmp_path):
    calls = []

    @data.same_data_same_result
    def counted(table_id, data_dir=None):
        calls.append(table_id)
        return data.load(table_id, data_dir)[["row_id", "jumlah"]]

    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    first = counted("2_2_sarana", copy)
    first.loc[0, "jumlah"] = 999  # a caller changing its copy changes nothing for the next one
    second = counted("2_2_sarana", copy)
    assert calls == ["2_2_sarana"] and second.loc[0, "jumlah"] != 999
    data.reset_reads()
    counted("2_2_sarana", copy)
    assert data.tables_read() == ["2_2_sarana"]  # a kept result still counts as a read of its table

    path = copy / "tables" / "2_2_sarana.csv"
    text = path.read_text(encoding="utf-8")
    assert ",7,unit," in text
    path.write_text(text.replace(",7,unit,", ",8,unit,", 1), encoding="utf-8")  # same size, new content
    counted("2_2_sarana", copy)
    assert calls == ["2_2_sarana", "2_2_sarana"]


def test_derived_figures_follow_a_changed_base_figure(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    before = derived("2_2_sarana", copy)
    frame = pd.read_csv(copy / "tables" / "2_2_sarana.csv", dtype=str, keep_default_na=False)
    row = frame.index[frame["jenis"] == "bangunan_kantor"][0]
    frame.loc[row, "jumlah"] = str(int(frame.loc[row, "jumlah"]) + 10)
    frame.to_csv(copy / "tables" / "2_2_sarana.csv", index=False)
    after = derived("2_2_sarana", copy)
    assert not before.equals(after)
    assert after["recomputed"].sum() - before["recomputed"].sum() >= 10


def _fresh_process(monkeypatch):
    """As a new kernel: nothing in the in-process cache, and pandera must not be needed."""
    data._CACHE.clear()
    monkeypatch.setattr(data, "pandera_schema", lambda *a, **k: (_ for _ in ()).throw(AssertionError("validated")))


@pytest.fixture
def cached_copy(tmp_path, monkeypatch):
    """A copy of data/ and the cache folder the runner would give its kernels (empty, in-process cache cleared)."""
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    cache = tmp_path / "cache"
    monkeypatch.setenv(data.CACHE_DIR_ENV, str(cache))
    data._CACHE.clear()
    return copy, cache


def test_a_validated_table_is_kept_on_disk_for_the_next_process_and_only_for_the_same_bytes(cached_copy, monkeypatch):
    copy, cache = cached_copy
    first = data.load("2_2_sarana", copy)
    stored = sorted((cache / "tabel").glob("2_2_sarana-*.pkl"))
    assert len(stored) == 1

    with monkeypatch.context() as inner:  # the next kernel: read from disk, no validation
        _fresh_process(inner)
        again = data.load("2_2_sarana", copy)
    pd.testing.assert_frame_equal(first, again)
    assert again.attrs["schema"] == first.attrs["schema"] and dict(again.attrs["symbols"]) == dict(first.attrs["symbols"])

    path = copy / "tables" / "2_2_sarana.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",7,unit,", ",-7,unit,", 1), encoding="utf-8")  # now invalid (jumlah >= 0)
    data._CACHE.clear()
    with pytest.raises(data.DataValidationError, match="jumlah"):
        data.load("2_2_sarana", copy)  # new bytes: validated again, the stored table is not used
    path.write_text(text.replace(",7,unit,", ",8,unit,", 1), encoding="utf-8")
    data._CACHE.clear()
    assert data.load("2_2_sarana", copy)["jumlah"].sum() == first["jumlah"].sum() + 1
    assert len(list((cache / "tabel").glob("2_2_sarana-*.pkl"))) == 1  # the older version is removed


def test_an_unreadable_stored_table_is_validated_again_and_stored_whole(cached_copy):
    copy, cache = cached_copy
    expected = data.load("2_2_sarana", copy)
    (stored,) = (cache / "tabel").glob("2_2_sarana-*.pkl")
    whole = stored.read_bytes()
    stored.write_bytes(whole[:40])  # truncated
    data._CACHE.clear()
    pd.testing.assert_frame_equal(data.load("2_2_sarana", copy), expected)
    assert stored.read_bytes() == whole  # validated again and written again, not served truncated


def test_without_the_cache_folder_nothing_is_written(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    monkeypatch.delenv(data.CACHE_DIR_ENV, raising=False)
    data._CACHE.clear()
    data.load("2_2_sarana", copy)
    assert not any(p.suffix == ".pkl" for p in tmp_path.rglob("*"))


def test_validation_in_a_new_process_does_not_import_hypothesis_and_still_refuses_bad_cells(tmp_path):
    """pandera imports hypothesis (~0,35 s) for data synthesis when it is installed; the loader keeps
    it out of processes that have not imported it (kernels, the runner's validation)."""
    import subprocess
    import sys

    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    path = copy / "tables" / "2_2_sarana.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",7,unit,", ",-7,unit,", 1), encoding="utf-8")
    code = ("import sys\nfrom helpers.core import data\n"
            "try:\n    data.load('2_2_sarana', sys.argv[1])\nexcept data.DataValidationError as exc:\n    print('REFUSED', exc)\n"
            "print('hypothesis' in sys.modules)\nimport hypothesis\nprint('later', bool(hypothesis.__version__))\n")
    done = subprocess.run([sys.executable, "-c", code, str(copy)], capture_output=True, text=True, cwd=REPO,
                          env={k: v for k, v in os.environ.items() if k != data.CACHE_DIR_ENV})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("REFUSED") and "jumlah" in lines[0]
    assert lines[1:] == ["False", "later True"]


def _new_kernel():
    """As a new kernel: no table, result or printed figures kept in memory (the disk cache stays)."""
    data._CACHE.clear()
    data._RESULTS.clear()
    data._PRINTED.clear()
    data._DATA_KEYS.clear()


def _counted_sarana(calls):
    @data.same_data_same_result
    def sarana_with_printed(table_id, data_dir=None):
        calls.append(table_id)
        frame = data.load(table_id, data_dir)[["row_id", "jumlah"]]
        return frame.assign(printed=len(data.load_printed(table_id, data_dir)))

    return sarana_with_printed


def test_a_kept_result_serves_the_next_process_until_a_file_it_read_changes(cached_copy):
    copy, cache = cached_copy
    calls = []
    counted = _counted_sarana(calls)
    first = counted("2_2_sarana", copy)
    assert len(list((cache / "hasil").glob("*-2_2_sarana.pkl"))) == 1

    _new_kernel()
    data.reset_reads()
    pd.testing.assert_frame_equal(counted("2_2_sarana", copy), first)
    assert calls == ["2_2_sarana"]  # read from disk, not computed again
    assert data.tables_read() == ["2_2_sarana"]  # and still counted as a read of its table

    other = copy / "tables" / "2_3_2_ppks.csv"  # a table it did not read: the result is still good
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _new_kernel()
    counted("2_2_sarana", copy)
    assert calls == ["2_2_sarana"]

    printed = copy / "printed" / "2_2_sarana.csv"  # its printed figures: computed again
    lines = printed.read_text(encoding="utf-8").splitlines()
    printed.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    _new_kernel()
    assert counted("2_2_sarana", copy)["printed"].iloc[0] == first["printed"].iloc[0] - 1
    assert calls == ["2_2_sarana"] * 2

    path = copy / "tables" / "2_2_sarana.csv"  # its own table: computed again, with the new figure
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",7,unit,", ",8,unit,", 1), encoding="utf-8")
    _new_kernel()
    assert counted("2_2_sarana", copy)["jumlah"].sum() == first["jumlah"].sum() + 1
    assert calls == ["2_2_sarana"] * 3

    (copy / "units.yaml").write_text((copy / "units.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _new_kernel()
    counted("2_2_sarana", copy)  # an office-wide file: computed again
    assert calls == ["2_2_sarana"] * 4


def test_a_kept_result_follows_a_printed_file_that_appears_and_the_loaders_code(cached_copy, monkeypatch):
    copy, cache = cached_copy
    calls = []

    @data.same_data_same_result
    def printed_only(table_id, data_dir=None):  # reads no table: only looks for its printed figures
        calls.append(table_id)
        return len(data.load_printed(table_id, data_dir))

    assert not (copy / "printed" / "2_1_unit_organisasi.csv").exists()
    assert printed_only("2_1_unit_organisasi", copy) == 0
    shutil.copy(copy / "printed" / "2_2_sarana.csv", copy / "printed" / "2_1_unit_organisasi.csv")
    _new_kernel()
    assert printed_only("2_1_unit_organisasi", copy) > 0 and len(calls) == 2

    _new_kernel()
    printed_only("2_1_unit_organisasi", copy)
    assert len(calls) == 2
    monkeypatch.setattr(data, "_LOADER_VERSION", ["another version of helpers/core"])
    _new_kernel()
    printed_only("2_1_unit_organisasi", copy)
    assert len(calls) == 3


def test_an_unreadable_kept_result_is_computed_again(cached_copy):
    copy, cache = cached_copy
    calls = []
    counted = _counted_sarana(calls)
    first = counted("2_2_sarana", copy)
    (kept,) = (cache / "hasil").glob("*-2_2_sarana.pkl")
    kept.write_bytes(kept.read_bytes()[:30])
    _new_kernel()
    pd.testing.assert_frame_equal(counted("2_2_sarana", copy), first)
    assert len(calls) == 2 and len(kept.read_bytes()) > 30


def test_the_audit_from_kept_results_equals_the_audit_computed_whole(cached_copy):
    from helpers.core.audit import audit_all

    copy, cache = cached_copy
    whole = audit_all(copy)
    path = copy / "tables" / "2_2_sarana.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",7,unit,", ",8,unit,", 1), encoding="utf-8")
    _new_kernel()
    changed = audit_all(copy)  # 2_2_sarana audited again, every other table from disk
    assert len(list((cache / "hasil").glob("helpers.core.audit.audit_table-*.pkl"))) >= 10
    path.write_text(text, encoding="utf-8")
    _new_kernel()
    pd.testing.assert_frame_equal(audit_all(copy), whole)
    assert not changed.equals(whole)  # the changed figure was audited, not served from before


def test_printed_figures_are_parsed_once_per_content_and_handed_out_as_a_copy(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    parsed = []
    real = data._parse_printed
    monkeypatch.setattr(data, "_parse_printed", lambda path: parsed.append(path.name) or real(path))
    data._PRINTED.clear()
    first = data.load_printed("2_2_sarana", copy)
    first.loc[0, "value"] = -1.0
    again = data.load_printed("2_2_sarana", copy)
    assert parsed == ["2_2_sarana.csv"] and again.loc[0, "value"] != -1.0
    path = copy / "printed" / "2_2_sarana.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert len(data.load_printed("2_2_sarana", copy)) == len(again) - 1 and len(parsed) == 2
