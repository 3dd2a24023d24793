"""Year-independent results kept for the data's content (helpers.core.data.same_data_same_result):
a kernel serving the pages of several years computes them once, never from stale data."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

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
