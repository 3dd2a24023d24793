"""Unit tests of helpers/bab2_sumber_daya.py (Bab II 2.2) and helpers/bab2_organisasi.py (Bab II 2.1).

Expected values are recomputed here independently from ``helpers.core.data.load`` (Lk + Pr sums,
column sums, hierarchy from parent_id), not taken from the modules under test. Numbers in the
draft narratives are checked against the numbers shown in the tables. Mark wiring is checked on
a copy of the data whose printed totals were changed, so a future mismatch is marked.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import bab2_organisasi as org
from helpers import bab2_sumber_daya as sd
from helpers.core.data import load
from helpers.core.numbers import format_number

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
NUMBER = re.compile(r"(?<![\w])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")
LABELS = {sd.JABATAN: "jabatan", sd.HONORER: "jabatan", sd.GOLONGAN: "golongan", sd.ESELON: "eselon",
          sd.PENDIDIKAN: "pendidikan"}


# --------------------------------------------------------------------------------------------
# helpers of the tests
# --------------------------------------------------------------------------------------------

def independent_sums(table_id: str):
    """Row totals (L + P, NA when both are blank) and the Jumlah row, summed here from the base table."""
    df = load(table_id)
    if "level" in df.columns:
        df = df[df["level"] != "kelompok"]
    rows = {}
    for row_id, g in df.groupby("row_id", sort=False):
        total = g["jumlah"].sum(min_count=1)
        rows[row_id] = None if pd.isna(total) else int(total)
    male = int(df.loc[df["jenis_kelamin"] == "L", "jumlah"].sum())
    female = int(df.loc[df["jenis_kelamin"] == "P", "jumlah"].sum())
    return rows, male, female, male + female


def numbers_in(text: str) -> list[str]:
    text = re.sub(r"Tabel \d+(?:\.\d+)+", "", text)
    return NUMBER.findall(text)


def shown_numbers(*tables) -> set[str]:
    out = set()
    for table in tables:
        for col in table.display_frame().columns:
            for cell in table.display_frame()[col]:
                out.update(NUMBER.findall(str(cell).replace("*", "")))
    return out


def copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO_DATA, data)
    return data


def set_printed(data: Path, table_id: str, row: str, column: str, value: int) -> None:
    path = data / "printed" / f"{table_id}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    hit = (df["row"] == row) & (df["column"] == column)
    assert hit.sum() == 1, (row, column)
    df.loc[hit, "printed"] = str(value)
    df.loc[hit, "value"] = str(value)
    df.to_csv(path, index=False)


# --------------------------------------------------------------------------------------------
# Staff tables 2.2.1–2.2.5
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id", list(sd.STAFF_TABLES))
def test_staff_totals_equal_independent_sums(table_id):
    view = sd.staff_view(table_id)
    values, marks, blank = sd.staff_frames(view)
    spec = sd.STAFF_TABLES[table_id]
    rows, male, female, total = independent_sums(table_id)
    assert list(values.columns) == ["No", spec.header, spec.male, spec.female, "Jumlah"]
    last = values.iloc[-1]
    assert last[spec.header] == "Jumlah"
    assert (int(last[spec.male]), int(last[spec.female]), int(last["Jumlah"])) == (male, female, total)
    for r, (_, shown) in zip(view.rows, values.iloc[:-1].iterrows()):
        if r.is_group:
            assert pd.isna(shown["Jumlah"])
            continue
        expected = rows[r.row_id]
        assert (None if pd.isna(shown["Jumlah"]) else int(shown["Jumlah"])) == expected, r.row_id
        # Lk + Pr = Jumlah in every displayed row (blank counts as nothing)
        parts = [shown[spec.male], shown[spec.female]]
        if expected is not None:
            assert sum(int(p) for p in parts if not pd.isna(p)) == int(shown["Jumlah"])
    assert not marks.to_numpy().any()  # the document's totals all agree today


def test_known_totals_of_the_document():
    views = sd.staff_views()
    assert (views[sd.JABATAN].total_male, views[sd.JABATAN].total_female, views[sd.JABATAN].total) == (16, 13, 29)
    assert views[sd.HONORER].total == 146
    for t in (sd.GOLONGAN, sd.ESELON, sd.PENDIDIKAN):
        assert views[t].total == 29


def test_hierarchy_order_puts_children_after_their_group():
    view = sd.staff_view(sd.JABATAN)
    ids = [r.row_id for r in view.rows]
    df = load(sd.JABATAN)
    children = list(dict.fromkeys(df.loc[df["parent_id"] == "jabatan_fungsional_tertentu", "row_id"]))
    k = ids.index("jabatan_fungsional_tertentu")
    assert ids[k + 1:k + 1 + len(children)] == children
    assert ids[k + 1 + len(children)] == "staf_jfu"
    assert ids[:k] == ["kepala_dinas", "sekretaris", "kepala_bidang", "kasubbag_umum_kepegawaian",
                       "kepala_uptd", "kepala_tata_usaha"]
    values, _, blank = sd.staff_frames(view)
    labels = list(values["Jabatan"])
    assert labels[k] == "Jabatan Fungsional Tertentu:"
    assert all(labels[k + 1 + i].startswith(sd.CHILD_PREFIX) for i in range(len(children)))
    assert not labels[0].startswith("\u00a0")
    assert values.loc[k, "No"] == "5." and values.loc[4, "No"] == ""  # Kepala UPTD is unnumbered
    assert blank.loc[k, ["Lk", "Pr", "Jumlah"]].all() and blank.to_numpy().sum() == 3


def test_hierarchy_order_handles_a_child_listed_before_its_parent():
    df = pd.DataFrame({"row_id": ["c", "c", "a", "a", "p", "p"], "parent_id": ["p", "p", None, None, None, None]})
    assert sd.hierarchy_order(df) == ["a", "p", "c"]
    assert sd.hierarchy_order(df.drop(columns="parent_id")) == ["c", "a", "p"]


def test_display_shows_blank_for_group_and_dash_for_no_value():
    table = sd.staff_table(sd.staff_view(sd.JABATAN))
    shown = table.display_frame()
    header = shown[shown["Jabatan"] == "Jabatan Fungsional Tertentu:"].iloc[0]
    assert (header["Lk"], header["Pr"], header["Jumlah"]) == ("", "", "")
    kepala = shown[shown["Jabatan"] == "Kepala Dinas"].iloc[0]
    assert (kepala["Lk"], kepala["Pr"], kepala["Jumlah"]) == ("1", "-", "1")
    html = table.to_html()
    assert '<tr style="font-weight:bold">' in html and "\u2022 Perencana Ahli Muda" in html


def test_honorary_note_says_which_totals_were_not_printed():
    table = sd.staff_table(sd.staff_view(sd.HONORER))
    rows, male, female, total = independent_sums(sd.HONORER)
    assert f"Laki-laki ({format_number(male)})" in table.note and f"Perempuan ({format_number(female)})" in table.note
    assert "Non ASN pada teks (146 orang) sama" in table.note
    pramu = table.display_frame().set_index("Jabatan").loc["Pramu Dokumen"]
    assert pramu["Laki-laki"] == "0"  # a printed 0 stays 0, not '-'


def test_marks_follow_a_future_mismatch(tmp_path):
    data = copy_data(tmp_path)
    set_printed(data, sd.JABATAN, "total", "jumlah", 30)
    set_printed(data, sd.JABATAN, "kepala_bidang", "jumlah", 6)
    set_printed(data, sd.GOLONGAN, "total", "jumlah_p", 14)
    view = sd.staff_view(sd.JABATAN, data)
    values, marks, _ = sd.staff_frames(view)
    flagged = {(values.loc[i, "Jabatan"], c) for i, c in zip(*marks.to_numpy().nonzero()) for c in [marks.columns[c]]}
    assert flagged == {("Jumlah", "Jumlah"), ("Kepala Bidang", "Jumlah")}
    table = sd.staff_table(view)
    assert table.has_marks() and "29*" in table.display_frame()["Jumlah"].tolist()
    assert "2 angka berbeda" in table.note
    gol_values, gol_marks, _ = sd.staff_frames(sd.staff_view(sd.GOLONGAN, data))
    assert gol_marks.iloc[-1]["Pr"] and gol_marks.to_numpy().sum() == 1
    assert int(gol_values.iloc[-1]["Pr"]) == 13  # the recomputed figure is shown


def test_text_total_mismatch_is_reported(tmp_path):
    data = copy_data(tmp_path)
    set_printed(data, sd.JABATAN, "total", "jumlah_asn_teks", 31)
    note = sd.staff_note(sd.staff_view(sd.JABATAN, data))
    assert "ASN pada teks (31 orang) berbeda dengan jumlah tabel (29)" in note


def test_staff_table_exports_csv_and_bold_xlsx(tmp_path):
    from openpyxl import load_workbook

    table = sd.staff_table(sd.staff_view(sd.JABATAN))
    csv_path, xlsx_path = table.export(tmp_path)
    csv = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert csv.iloc[-1]["Jumlah"] == 29
    ws = load_workbook(xlsx_path).active
    last = len(table.df) + 2
    assert ws.cell(row=last, column=2).value == "Jumlah" and ws.cell(row=last, column=5).value == 29
    assert ws.cell(row=last, column=5).font.bold


# --------------------------------------------------------------------------------------------
# Inventory, sarana, comparison
# --------------------------------------------------------------------------------------------

def test_inventory_caption_and_order():
    table = sd.inventory_table()
    assert table.caption.startswith("Tabel 2.2.5 (kedua) Daftar Inventaris")
    inv = load(sd.INVENTARIS)
    assert len(table.df) == len(inv)
    assert list(table.df["Kelompok"][:3]) == ["Tanah"] * 3
    assert list(table.df["No"][3:]) == list(range(1, len(inv) - 2))
    assert "Tabel 2.2.5" in sd.DUPLICATE_NUMBER_NOTE and "kedua" in sd.DUPLICATE_NUMBER_NOTE


def test_sarana_totals_and_marks(tmp_path):
    df = load(sd.SARANA)
    view = sd.sarana_view()
    assert view.buildings == int(df.loc[df["jenis"] == "bangunan_kantor", "jumlah"].sum()) == 9
    assert view.vehicles == int(df.loc[df["jenis"] == "kendaraan_dinas", "jumlah"].sum())
    values, marks, bold = sd.sarana_frames(view)
    assert not marks.to_numpy().any()
    assert [values.loc[i, "Uraian (seperti tertulis)"] for i in bold] == ["Jumlah bangunan kantor",
                                                                          "Jumlah kendaraan dinas"]
    data = copy_data(tmp_path)
    set_printed(data, sd.SARANA, "total", "jumlah_bangunan", 8)
    values, marks, bold = sd.sarana_frames(sd.sarana_view(data))
    assert marks.loc[bold[0], "Jumlah (Unit)"] and marks.to_numpy().sum() == 1


def test_comparison_counts_inventory_items_independently():
    inv = load(sd.INVENTARIS).set_index("nama_barang")["jumlah"]
    frame = sd.comparison_frame().set_index("Barang")
    assert frame.loc["Bangunan kantor", "Menurut Teks (Unit)"] == 9
    assert frame.loc["Bangunan kantor", "Menurut Daftar Inventaris (Unit)"] == int(
        inv[["Bangunan Gedung Kantor Permanen", "Bangunan Gudang Tertutup Permanen", "Gedung Pos Jaga Permanen",
             "Gedung Garasi/Pool Permanen", "Rumah Negara Golongan II Tipe B Semi Permanen"]].sum()) == 11
    assert frame.loc["Kendaraan roda 4", "Menurut Daftar Inventaris (Unit)"] == 4
    assert frame.loc["Mobil dapur umum lapangan", "Selisih (Inventaris \u2212 Teks)"] == -1
    assert frame.loc["Kendaraan roda 2", "Selisih (Inventaris \u2212 Teks)"] == 33 - 39
    for _, names in sd.INVENTORY_MATCH.values():  # every matched name exists in the inventory
        assert set(names) <= set(inv.index)


# --------------------------------------------------------------------------------------------
# Narratives
# --------------------------------------------------------------------------------------------

def test_staff_narrative_numbers_equal_table_numbers():
    views = sd.staff_views()
    facts = sd.staff_facts(views)
    _, male, female, total = independent_sums(sd.JABATAN)
    assert (facts.asn, facts.asn_male, facts.asn_female) == (total, male, female) == (29, 16, 13)
    assert facts.non_asn == independent_sums(sd.HONORER)[3] == 146
    assert facts.asn_largest[0] == ("Staf (JFU)", 11)
    assert ("Jabatan Fungsional Tertentu", 8) in facts.asn_largest
    assert facts.golongan_empty == ["Golongan II", "Golongan I"] and facts.pendidikan_empty == ["SMA"]
    text = sd.staff_narrative(facts)
    assert "ASN 29 orang (16 laki-laki dan 13 perempuan)" in text
    assert "honorer) 146 orang (65 laki-laki dan 81 perempuan)" in text
    assert "Pendamping PKH sebanyak 69 orang, hampir separuh" in text
    tables = [sd.staff_table(v) for v in views.values()]
    shown = shown_numbers(*tables)
    assert shown >= set(numbers_in(text)), set(numbers_in(text)) - shown
    # a group's total (8) is not a printed row of Tabel 2.2.1 but is stated in its note
    assert "anak-anaknya berjumlah 8 orang" in tables[0].note


def test_sarana_narrative_numbers_equal_table_numbers():
    view = sd.sarana_view()
    comparison = sd.comparison_frame()
    text = sd.sarana_narrative(view, comparison)
    shown = shown_numbers(sd.sarana_table(view), sd.comparison_table())
    assert shown >= set(numbers_in(text)), set(numbers_in(text)) - shown
    assert "bangunan kantor (teks 9 unit, inventaris 11 unit)" in text


def test_share_words():
    assert sd._share_words(69 / 146) == "hampir separuh"
    assert sd._share_words(0.6) == "lebih dari separuh"
    assert sd._share_words(0.1) == ""


# --------------------------------------------------------------------------------------------
# Bab II 2.1: units, hierarchy, chart layout, narrative
# --------------------------------------------------------------------------------------------

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
    assert list(frame["_row_id"]) == ids and list(frame["No"]) == list(range(1, len(ids) + 1))
    assert all(name.startswith(org.INDENT * d) for name, d in zip(frame["Unit Organisasi"], frame["_depth"]))


def test_hierarchy_rejects_cycles_and_orphans():
    cyc = pd.DataFrame({"row_id": ["a", "b", "c"], "parent_id": [None, "c", "b"]})
    with pytest.raises(ValueError):
        org.hierarchy(cyc)


def test_unit_table_notes_bidang_without_substansi():
    table = org.unit_table()
    pspfm = table.df[table.df["Unit Organisasi"].str.contains("Fakir Miskin")].iloc[0]
    assert org.NO_CHILDREN_NOTE in pspfm["Keterangan"]
    others = table.df[(table.df["Jenis Unit"] == "Bidang") & ~table.df["Unit Organisasi"].str.contains("Fakir")]
    assert (others["Keterangan"] == "").all()
    assert len(table.df) == len(load(org.UNITS)) == 20


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

    df = load(org.UNITS)
    layout = org.chart_layout(df)
    fig = org.draw_chart(layout)
    texts = [t.get_text() for t in fig.axes[0].texts]
    for box in layout.boxes.values():
        for line in box.name_lines:
            assert line in texts
    assert len(fig.axes[0].patches) == len(layout.boxes) + len(layout.notes)
    plt.close(fig)


def test_wrap_fits_the_box():
    lines = org.wrap_to_width("Substansi Kesetaraan Gender Bidang Politik, Hukum dan Perlindungan Hak Perempuan",
                              1.5, org.NAME_SIZE)
    assert len(lines) > 1 and all(org.text_width(line, org.NAME_SIZE) <= 1.5 for line in lines)


def test_org_narrative_numbers_equal_data():
    df = load(org.UNITS)
    text = org.narrative(df)
    n_bidang = int((df["level"] == "bidang").sum())
    sek_children = int((df["parent_id"] == "sekretariat").sum())
    assert f"{n_bidang} bidang" in text and f"membawahi {sek_children} unit" in text
    assert f"Seluruhnya ada {len(df)} unit" in text
    assert "Sebanyak 4 bidang masing-masing meliputi 2 Substansi" in text
    assert "Fakir Miskin tidak disebut Substansinya" in text
    assert org.chart_notes() and "Bidang Rehabilitasi" in org.chart_notes()
    numbers = set(numbers_in(text))
    assert numbers <= {str(len(df)), str(n_bidang), str(sek_children), "4", "2"}
