"""Tests of helpers/pages/struktur_organisasi.py (Bab II 2.1) and of its notebook 02-1-struktur-organisasi.

The hierarchy is checked against ``parent_id`` read here from ``helpers.core.data.load``; the
chart layout against geometric rules (every unit once, children below parents, orthogonal
connectors, no overlaps); the narrative's counts against the data. Notebook checks read the
session build (``real_build``).
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.core.data import load
from helpers.core.numbers import number_words
from helpers.core.opd import load_opd
from helpers.pages import struktur_organisasi as org
from helpers.present import Figure, Narrative, Notice
from support import DATA, assert_clean, notebook_text

STEM = "02-1-struktur-organisasi"
NUMBER = re.compile(r"(?<![\w])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(re.sub(r"Tabel \d+(?:\.\d+)+", "", text))


def test_unit_hierarchy_is_depth_first_and_complete():
    df = load(org.UNITS)
    order = org.hierarchy(df)
    ids = [r for r, _ in order]
    assert sorted(ids) == sorted(df["row_id"]) and len(ids) == len(set(ids))
    parent = {r: (None if pd.isna(p) else p) for r, p in zip(df["row_id"], df["parent_id"])}
    depth = dict(order)
    for k, (row_id, d) in enumerate(order):
        if parent[row_id] is None:
            assert d == 0
            continue
        assert ids.index(parent[row_id]) < k and d == depth[parent[row_id]] + 1
    # each subtree is contiguous: after a unit come its descendants, then a unit no deeper than it
    for k, (row_id, d) in enumerate(order):
        j = k + 1
        while j < len(order) and order[j][1] > d:
            node = order[j][0]
            while parent[node] != row_id and parent[node] is not None:
                node = parent[node]
            assert parent[node] == row_id
            j += 1
    frame = org.unit_frame(df)
    assert list(frame["row_id"]) == ids and list(frame["no"]) == list(range(1, len(ids) + 1))
    table = org.unit_table()
    assert table.indent == {i: d for i, (_, d) in enumerate(order) if d}
    assert table.bold_rows == {0}


def test_hierarchy_rejects_cycles_and_orphans():
    cyc = pd.DataFrame({"row_id": ["a", "b", "c"], "parent_id": [None, "c", "b"]})
    with pytest.raises(ValueError, match="not under the top unit"):
        org.hierarchy(cyc)
    no_top = pd.DataFrame({"row_id": ["a", "b"], "parent_id": ["b", "a"]})
    with pytest.raises(ValueError, match="no top unit"):
        org.hierarchy(no_top)


def test_unit_table_notes_bidang_without_substansi():
    table = org.unit_table()
    frame = table.data
    pspfm = frame[frame["unit"].str.contains("Fakir Miskin")].iloc[0]
    assert org.NO_CHILDREN_NOTE in pspfm["keterangan"]
    others = frame[(frame["jenis"] == "Bidang") & ~frame["unit"].str.contains("Fakir")]
    assert len(others) == 4 and (others["keterangan"] == "").all()
    assert table.n_rows == len(load(org.UNITS)) == 20
    assert table.name == "tabel-2-1-unit-organisasi"
    assert table.headings[:3] == ["No", "Unit Organisasi", "Jenis Unit"]


def test_captions_name_the_office_of_the_data(data_copy):
    assert org.unit_table().caption == f"Daftar Unit Organisasi {load_opd().lengkap}"
    path = data_copy / "opd.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^nama: .*$", "nama: Dinas Contoh", text)
    text = re.sub(r"(?m)^pemerintah_daerah: .*$", "pemerintah_daerah: Kabupaten Contoh", text)
    path.write_text(text, encoding="utf-8")
    assert org.unit_table(data_copy).caption == "Daftar Unit Organisasi Dinas Contoh Kabupaten Contoh"
    assert org.intro(load_opd(data_copy)).count("Dinas Contoh Kabupaten Contoh") == 1
    figure = org.org_chart(data_copy)
    try:
        assert figure.caption == "Bagan Organisasi Dinas Contoh Kabupaten Contoh"
        assert figure.alt.startswith("Bagan organisasi berbentuk pohon dengan 20 unit. Di puncak: Dinas Contoh")
    finally:
        import matplotlib.pyplot as plt

        plt.close(figure.fig)


def test_a_missing_unit_table_shows_a_notice(data_copy):
    for ext in ("csv", "yaml"):
        (data_copy / "tables" / f"{org.UNITS}.{ext}").unlink()
    notice = org.unit_table(data_copy)
    assert isinstance(notice, Notice) and notice.text == f"{org.UNITS_LABEL} tidak tersedia dalam data."
    assert org.org_chart(data_copy) is None and org.chart_notes(data_copy) is None
    assert org.narrative(data_copy) is None


def _overlap(a, b) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _on_border(point, box, tol=1e-9) -> bool:
    x, y = point
    inside_x = box.left - tol <= x <= box.right + tol
    inside_y = box.top - tol <= y <= box.bottom + tol
    on_v = abs(x - box.left) < tol or abs(x - box.right) < tol
    on_h = abs(y - box.top) < tol or abs(y - box.bottom) < tol
    return (inside_x and on_h) or (inside_y and on_v)


def check_layout(df: pd.DataFrame, layout: org.Layout) -> None:
    ids = list(df["row_id"])
    assert sorted(layout.boxes) == sorted(ids)  # every unit drawn exactly once
    parent = {r: p for r, p in zip(df["row_id"], df["parent_id"]) if not pd.isna(p)}
    assert set(layout.edges) == set(parent) and layout.parents == parent
    for child, p in parent.items():
        c, pb = layout.boxes[child], layout.boxes[p]
        assert c.top > pb.bottom, (child, p)  # children below parents
        path = layout.edges[child]
        assert _on_border(path[0], pb) and _on_border(path[-1], c), child
        for (x1, y1), (x2, y2) in zip(path, path[1:]):
            assert x1 == x2 or y1 == y2  # orthogonal connectors only
    boxes = list(layout.boxes.values()) + list(layout.notes.values())
    for i, a in enumerate(boxes):
        assert a.left >= -1e-9 and a.right <= layout.width + 1e-9 and a.bottom <= layout.height + 1e-9
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (a.row_id, b.row_id)


def test_chart_layout_of_the_document():
    df = load(org.UNITS)
    layout = org.chart_layout(df)
    check_layout(df, layout)
    assert list(layout.notes) == ["bidang_pspfm"]
    boxes = layout.boxes
    assert boxes["kelompok_jabatan_fungsional"].right < boxes["dinas"].center_x < boxes["sekretariat"].left
    bidang = [r for r, lvl in zip(df["row_id"], df["level"]) if lvl in ("bidang", "uptd")]
    tops = {round(boxes[b].top, 9) for b in bidang}
    assert len(tops) == 1  # line units share one row, below the side units' subtrees
    assert min(boxes[b].top for b in bidang) > boxes["subkoor_program"].bottom
    lefts = [boxes[b].left for b in bidang]
    assert lefts == sorted(lefts)  # in file order, left to right


def test_chart_layout_of_other_shapes():
    df = pd.DataFrame({
        "row_id": ["top", "b1", "b2", "s1", "s1a", "s1b", "s2"],
        "parent_id": [None, "top", "top", "b1", "s1", "s1", "b2"],
        "level": ["dinas", "bidang", "bidang", "substansi", "substansi", "substansi", "substansi"],
        "nama": ["Dinas Contoh", "Bidang Satu", "Bidang Dua", "Substansi A", "Sub A1", "Sub A2", "Substansi B"],
        "jabatan_pimpinan": ["Kepala Dinas", None, None, None, None, None, None],
    })
    layout = org.chart_layout(df)
    check_layout(df, layout)
    assert not layout.notes
    assert layout.boxes["s1a"].left > layout.boxes["s1"].left  # grandchildren stacked, indented


def test_org_chart_draws_every_unit_once():
    import matplotlib.pyplot as plt

    figure = org.org_chart()
    assert isinstance(figure, Figure) and figure.name == "2-1-bagan-organisasi"
    layout = org.chart_layout(load(org.UNITS))
    texts = [t.get_text() for t in figure.fig.axes[0].texts]
    for box in layout.boxes.values():
        for line in box.name_lines:
            assert line in texts
    assert len(figure.fig.axes[0].patches) == len(layout.boxes) + len(layout.notes)
    assert texts[-2] == figure.caption and "Kotak bergaris putus-putus" in texts[-1]
    assert "Substansi tidak disebut dalam teks Renstra" in figure.alt
    plt.close(figure.fig)


def test_chart_text_from_data_is_not_read_as_mathtext():
    import matplotlib.pyplot as plt

    from helpers.present.style import setup_charts

    setup_charts()  # as every page does (setup()): mathtext off
    df = pd.DataFrame({"row_id": ["top", "b1"], "parent_id": [None, "top"], "level": ["dinas", "bidang"],
                       "nama": ["Dinas $x$ Contoh", "Bidang $1$"], "jabatan_pimpinan": ["Kepala", None]})
    fig = org.draw_chart(org.chart_layout(df), title="Bagan $a$")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "Dinas $x$ Contoh" in texts and "Bagan $a$" in texts
    assert all(t._preprocess_math(t.get_text())[1] is False for t in fig.axes[0].texts)  # drawn as typed
    fig.canvas.draw()
    plt.close(fig)


def test_wrap_fits_the_box():
    lines = org.wrap_to_width("Substansi Kesetaraan Gender Bidang Politik, Hukum dan Perlindungan Hak Perempuan",
                              1.5, org.NAME_SIZE)
    assert len(lines) > 1 and all(org.text_width(line, org.NAME_SIZE) <= 1.5 for line in lines)


def test_org_narrative_numbers_equal_data():
    df = load(org.UNITS)
    narrative, review = org.narrative()
    assert isinstance(narrative, Narrative) and narrative.id == "2-1-struktur-organisasi"
    text = narrative.text
    n_bidang = int((df["level"] == "bidang").sum())
    sek_children = int((df["parent_id"] == "sekretariat").sum())
    # counts one to nine in words (EYD)
    assert f"dan {number_words(n_bidang)} bidang." in text
    assert f"Sekretariat (membawahi {number_words(sek_children)} unit)" in text
    assert f"Seluruhnya terdapat {len(df)} unit dalam bagan, termasuk Dinas sendiri." in text
    assert "Sebanyak empat bidang masing-masing meliputi dua Substansi" in text
    # a gap in the text is a finding for the reviewer, not report text
    assert "tidak disebut Substansinya" not in text
    assert "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin tidak disebut Substansinya" in review
    assert narrative.facts == {**narrative.facts, "unit dalam bagan": len(df), "bidang": n_bidang}
    note = org.chart_notes()
    assert note.startswith("**Catatan:**") and "Fakir Miskin" in note and "Bidang Perlindungan Anak" not in note
    numbers = set(numbers_in(text))
    assert numbers <= {str(len(df))}


def test_org_narrative_of_another_shape():
    df = pd.DataFrame({
        "row_id": ["top", "b1", "b2", "s1", "s2", "s3"],
        "parent_id": [None, "top", "top", "b1", "b2", "b2"],
        "level": ["dinas", "bidang", "bidang", "substansi", "substansi", "substansi"],
        "nama": ["Badan Contoh", "Bidang Satu", "Bidang Dua", "Sub A", "Sub B", "Sub C"],
        "jabatan_pimpinan": ["Kepala Badan", None, None, None, None, None],
    })
    text = org.narrative_text(df)
    assert text.startswith("Badan Contoh dipimpin oleh seorang Kepala Badan.")
    assert "Bidang-bidang tersebut meliputi satu Substansi pada Bidang Satu dan dua Substansi pada Bidang Dua." in text
    assert "tidak disebut Substansinya" not in text and "Seluruhnya terdapat enam unit" in text
    one = org.narrative_text(df[df["row_id"].isin(["top", "b1", "s1"])])
    assert "Bidang Satu meliputi satu Substansi." in one and "masing-masing" not in one


# --------------------------------------------------------------------------------------------
# The notebook (session build)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun", [2025, 2029])
def test_notebook_shows_units_chart_and_narrative(real_build, tahun):
    nb = real_build.notebook(STEM, tahun)
    assert_clean(nb)
    text = notebook_text(nb)
    out = real_build.page_dir(STEM, tahun)
    assert (out / "tables" / "tabel-2-1-unit-organisasi.csv").is_file()
    assert (out / "tables" / "tabel-2-1-unit-organisasi.xlsx").is_file()
    assert (out / "figures" / "2-1-bagan-organisasi.png").stat().st_size > 10_000
    assert (out / "figures" / "2-1-bagan-organisasi.svg").is_file()
    assert (out / "narasi" / "2-1-struktur-organisasi.md").is_file()
    units = load(org.UNITS)
    assert f"Tahun laporan {real_build.window_label(STEM, tahun)}." in text and "`tahun`" not in text and "sama untuk setiap tahun laporan" in text
    visible = real_build.visible(STEM, tahun)
    for nama in units["nama"]:
        assert org.display_name(nama) in visible, nama
    assert f"Seluruhnya terdapat {len(units)} unit dalam bagan" in visible
    assert "teks Renstra tidak menyebut Substansi pada Bidang Pemberdayaan Sosial" in visible
    assert 'alt="Bagan organisasi berbentuk pohon dengan 20 unit.' in real_build.html(STEM, tahun)
    exported = pd.read_csv(out / "tables" / "tabel-2-1-unit-organisasi.csv", encoding="utf-8-sig")
    assert len(exported) == len(units) and list(exported["no"]) == list(range(1, len(units) + 1))

