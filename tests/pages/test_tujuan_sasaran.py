"""Unit tests of helpers/bab2_isu.py (Bab II 2.4–2.6) and helpers/bab3.py (Bab III).

Expected values are computed here independently from ``helpers.core.data.load`` (or written out by
hand where the point is the display string), never copied from the modules under test.
"""
from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import bab2_isu, bab3  # noqa: E402
from helpers.core.data import load, load_printed  # noqa: E402
from helpers.core.numbers import format_number, format_percent  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def counts_of(year: int) -> dict[int, float]:
    """Tabel 2.3.2 counts of ``year`` by Tabel 2.3.2 ``no`` (missing left out)."""
    df = load("2_3_2_ppks")
    df = df[(df["tahun"] == year) & df["jumlah"].notna()]
    return {int(n): float(v) for n, v in zip(df["no"], df["jumlah"])}


# --------------------------------------------------------------------------------------------
# bab2_isu: display helpers
# --------------------------------------------------------------------------------------------


def test_criteria_text_bullets_and_indented_sub_items():
    text = bab2_isu.criteria_text("satu; | mengalami: | a. dua; | b. tiga.")
    assert text.split("\n") == ["• satu;", "• mengalami:", "    a. dua;", "    b. tiga."]
    assert bab2_isu.criteria_text(None) == "" and bab2_isu.criteria_text("") == ""


def test_criteria_text_keeps_every_item_of_the_data():
    df = load("2_4_jenis_ppks")
    for kriteria in df["kriteria"]:
        items = [i.strip() for i in str(kriteria).split(" | ")]
        lines = bab2_isu.criteria_text(kriteria).split("\n")
        assert len(lines) == len(items)
        assert [line.lstrip("• ").strip() for line in lines] == items


def test_blank_repeats_is_hierarchical():
    df = pd.DataFrame({"a": ["x", "x", "x", "y"], "b": ["p", "p", "q", "q"], "c": [1, 2, 3, 4]})
    out = bab2_isu.blank_repeats(df, ["a", "b"])
    assert list(out["a"]) == ["x", "", "", "y"]
    # "q" under "y" is a new branch: shown again although the row above also says "q"
    assert list(out["b"]) == ["p", "", "q", "q"]
    assert list(out["c"]) == [1, 2, 3, 4]


def test_text_table_escapes_keeps_lines_and_highlights(tmp_path):
    df = pd.DataFrame({"Nama": ["<b>x</b>", ""], "Kriteria": ["• a\n• b", "-"], "2025": ["BB (73,00)", "1"]})
    table = bab2_isu.TextTable(df, "Uji <caption>", multiline_columns=["Kriteria"], right_columns=["2025"],
                               highlight_column="2025", scroll=True)
    html = table.to_html()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "Uji &lt;caption&gt;" in html
    assert 'class="baris"' in html and "• a\n• b" in html
    assert 'class="kanan" style="background:#fff3c4"' in html
    assert 'class="renstra-gulir"' in html
    csv_path, xlsx_path = table.export(tmp_path)
    from openpyxl import load_workbook

    ws = load_workbook(xlsx_path).active
    assert ws["A1"].value == "Uji <caption>"
    assert ws["B3"].value == "• a\n• b" and ws["B3"].alignment.wrap_text
    assert ws["C2"].fill.fgColor.rgb.endswith("FFF3C4")
    assert csv_path.read_text(encoding="utf-8-sig").startswith("Nama,Kriteria,2025")


# --------------------------------------------------------------------------------------------
# bab2_isu: PPKS view, table, narrative, chart
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun, year", [(2019, None), (2020, 2019), (2023, 2022), (2025, 2024), (2029, 2024)])
def test_count_year_is_latest_before_tahun(tahun, year):
    assert bab2_isu.count_year(tahun) == year


def test_ppks_view_joins_counts_through_the_mapping():
    view = bab2_isu.ppks_view(2025)
    types = load("2_4_jenis_ppks")
    counts = counts_of(2024)
    assert view.year == 2024 and len(view.frame) == len(types) == 26
    for row in view.frame.itertuples():
        expected = counts.get(int(types.loc[types["no"] == row.no, "no_tabel_2_3_2"].iloc[0]))
        assert (pd.isna(row.jumlah) and expected is None) or float(row.jumlah) == expected
    assert view.total == sum(counts.values())
    fakir = view.frame[view.frame["nama"] == "Fakir Miskin"].iloc[0]
    assert int(fakir["no"]) == 24 and float(fakir["jumlah"]) == counts[26]


def test_ppks_total_marked_where_the_printed_total_differs():
    printed = load_printed("2_3_2_ppks")
    for tahun in (2020, 2025):
        view = bab2_isu.ppks_view(tahun)
        p = printed[(printed["row"] == "total") & (printed["tahun"] == view.year)]["value"].iloc[0]
        differs = abs(float(p) - sum(counts_of(view.year).values())) > 0.5
        assert view.total_differs == differs
        df, marks = bab2_isu.ppks_display(view)
        assert df["Jenis PPKS"].iloc[-1] == "Jumlah"
        assert list(marks.iloc[:, 0]) == [False] * 26 + [differs]
    shown = bab2_isu.ppks_table(bab2_isu.ppks_view(2025)).display_frame()
    assert shown["Jumlah PPKS 2024"].iloc[-1] == format_number(sum(counts_of(2024).values())) + "*"


def test_ppks_table_without_count_year():
    view = bab2_isu.ppks_view(2019)
    df, marks = bab2_isu.ppks_display(view)
    assert marks is None and len(df) == 26 and list(df.columns) == ["No", "Jenis PPKS", "Definisi", "Kriteria"]
    assert "belum memuat" in bab2_isu.ppks_narrative(view)
    assert bab2_isu.ppks_chart(view) is None


@pytest.mark.parametrize("tahun", [2020, 2022, 2025])
def test_ppks_narrative_numbers_equal_table_numbers(tahun):
    view = bab2_isu.ppks_view(tahun)
    table = bab2_isu.ppks_table(view)
    shown = table.display_frame()
    text = bab2_isu.ppks_narrative(view)
    count_col, share_col = f"Jumlah PPKS {view.year}", f"Porsi dari total {view.year} (%)"
    cells = set(shown[count_col].str.rstrip("*")) | set(shown[share_col])
    # every number the narrative states (counts with separators, percentages) is a cell of the table
    for number in re.findall(r"\d{1,3}(?:\.\d{3})+|\d+,\d{2}(?=%)", text):
        assert number in cells or number in table.note, number
    # the three largest types, computed independently
    counts = counts_of(view.year)
    total = sum(counts.values())
    types = load("2_4_jenis_ppks").set_index("no_tabel_2_3_2")
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    for no, value in top:
        assert f"{types.at[no, 'nama']} " in text or f"{types.at[no, 'nama']} (" in text
        assert format_number(value) in text and format_percent(value / total * 100) in text
    assert f"tercatat {format_number(total)} PPKS" in text
    missing = (shown[count_col].iloc[:-1] == "-").sum()
    assert f"Sebanyak {missing} jenis tidak memiliki angka" in text
    assert f"{len(counts)} dari 26 jenis" in text


def test_ppks_narrative_names_types_never_recorded():
    text = bab2_isu.ppks_narrative(bab2_isu.ppks_view(2025))
    history = load("2_3_2_ppks")
    ever = set(history.loc[history["jumlah"].notna(), "no"])
    never = load("2_4_jenis_ppks")
    never = never[~never["no_tabel_2_3_2"].isin(ever)]["nama"]
    assert len(never) >= 1
    for name in never:
        assert f"{name} tidak pernah tercatat sepanjang 2019–2024" in text
    assert "63.660" in text and "selisih 228" in text


def test_ppks_chart_has_every_type():
    fig = bab2_isu.ppks_chart(bab2_isu.ppks_view(2025))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 26
    assert ax.get_xscale() == "log"
    assert "2024" in ax.get_title() and "jiwa" in ax.get_xlabel()
    assert labels[-1].startswith("24. Fakir Miskin")  # largest at the top


def test_psks_and_lists():
    psks = bab2_isu.psks_table()
    assert len(psks.df) == len(load("2_5_jenis_psks")) == 13
    assert psks.display_frame()["Uraian"].iloc[3] == "-"
    notes = bab2_isu.psks_notes()
    assert any("butir 4" in n for n in notes) and any("Mojokerto" in n for n in notes)
    problems = bab2_isu.permasalahan_table()
    assert len(problems.df) == 7
    issues = bab2_isu.isu_table("Tabel 2.6.1 uji")
    assert list(issues.df.columns) == list(bab2_isu.ISSUE_HEADERS.values()) and len(issues.df) == 2
    assert issues.df["Isu Strategis Perangkat Daerah"].tolist() == \
        list(load("3_2_1_tujuan_sasaran").drop_duplicates("sasaran_no")["sasaran"].iloc[:2])


# --------------------------------------------------------------------------------------------
# bab3: display strings and Tabel 3.2.1
# --------------------------------------------------------------------------------------------


def test_goal_target_text():
    assert bab3.goal_target_text(73.0, "BB") == "BB (73,00)"
    assert bab3.goal_target_text(71.3, "BB") == "BB (71,30)"
    assert bab3.goal_target_text(42.0, per=100000) == "42:100.000"
    assert bab3.goal_target_text(10.5) == "10,50"
    assert bab3.goal_target_text(0.37) == "0,37"
    assert bab3.goal_target_text(None) == "-"


def test_cascade_target_text_and_unit():
    assert bab3.cascade_target_text(100.0, "%") == "100%"
    assert bab3.cascade_target_text(6488.0, "orang") == "6.488"
    assert bab3.cascade_target_text(None, "orang") == "-"
    assert bab3.unit_text("rasio", 100000) == "rasio per 100.000"
    assert bab3.unit_text(None) == "-"


def test_goals_frame_as_printed():
    df = bab3.goals_frame()
    data = load("3_2_1_tujuan_sasaran")
    assert len(df) == data["row_id"].nunique() == 6
    assert [c for c in df.columns if c.isdigit()] == [str(y) for y in sorted(data["tahun"].unique())]
    row = df[df["Indikator Kinerja Sasaran"] == "Tingkat Kemiskinan"].iloc[0]
    assert row["2025"] == "10,68" and row["2029"] == "9,99"
    akip = df[df["Indikator Kinerja Sasaran"] == "Nilai AKIP"].iloc[0]
    assert [akip[str(y)] for y in range(2025, 2030)] == \
        ["BB (73,00)", "BB (75,00)", "BB (77,00)", "BB (79,00)", "A (81,00)"]
    assert df[df["Indikator Kinerja Sasaran"] == "Rasio Kekerasan Terhadap Anak"]["2025"].iloc[0] == "42:100.000"
    # merged cells: tujuan once; sasaran once per sasaran
    assert (df["Tujuan"] != "").sum() == 1
    assert (df["Sasaran"] != "").sum() == data["sasaran_no"].nunique()
    table = bab3.goals_table(2027, "Tabel 3.2.1")
    assert table.highlight_column == "2027" and 'style="background:#fff3c4">10,34<' in table.to_html()


def test_check_tahun():
    assert bab3.check_tahun(2025) == 2025
    with pytest.raises(ValueError, match="2030"):
        bab3.check_tahun(2030)


@pytest.mark.parametrize("tahun", [2025, 2027, 2029])
def test_progress_frame(tahun):
    df = bab3.progress_frame(tahun)
    goals = bab3.goals_frame()
    assert list(df[f"Target {tahun}"]) == list(goals[str(tahun)])
    assert list(df["Target awal (2025)"]) == list(goals["2025"])
    assert list(df["Target akhir (2029)"]) == list(goals["2029"])
    assert set(df[f"Realisasi {tahun}"]) == {bab3.REALISATION_TEXT} and "01-evaluasi" in bab3.REALISATION_TEXT
    data = load("3_2_1_tujuan_sasaran")
    for ind in bab3.indicators():
        series = data[data["row_id"] == ind.row_id].sort_values("tahun")["target"].tolist()
        went_down = series[-1] < series[0]
        assert ind.direction() == ("turun" if went_down else "naik")
        assert ind.consistent() == (ind.polaritas == ind.direction())


# --------------------------------------------------------------------------------------------
# bab3: cross-table check with Tabel 4.5.1
# --------------------------------------------------------------------------------------------


def test_compare_iku_finds_exactly_the_differing_cells():
    goals = load("3_2_1_tujuan_sasaran")
    iku = load("4_5_1_iku_target")
    # independent pairing: both tables list the six indicators in the same order (row_id ↔ no)
    expected = set()
    for row_id in goals["row_id"].unique():
        g = goals[goals["row_id"] == row_id].set_index("tahun")
        k = iku[iku["no"] == row_id].set_index("tahun")
        for y in g.index:
            same = abs(float(g.at[y, "target"]) - float(k.at[y, "target"])) < 1e-9 and \
                str(g.at[y, "target_grade"]) == str(k.at[y, "target_grade"])
            if not same:
                expected.add((str(g.at[y, "indikator_sasaran"]), int(y)))
    diff = bab3.compare_iku()
    assert set(zip(diff["indikator"], diff["tahun"])) == expected
    assert expected == {("Nilai AKIP", y) for y in (2025, 2026, 2027, 2028)}
    first = diff[diff["tahun"] == 2025].iloc[0]
    assert first["teks_3_2_1"] == "BB (73,00)" and first["teks_4_5_1"] == "BB (71,30)"
    assert first["selisih"] == pytest.approx(1.7)
    assert bab3.compared_cells() == len(goals)
    text = bab3.compare_text(diff, bab3.compared_cells())
    assert f"{len(expected)} berbeda" in text and "BB (71,30)" in text


def test_match_indicators_pairs_all_six():
    goals = load("3_2_1_tujuan_sasaran").drop_duplicates("row_id")["indikator_sasaran"].tolist()
    iku = load("4_5_1_iku_target").drop_duplicates("no")["indikator"].tolist()
    mapping = bab3.match_indicators(goals, iku)
    assert [mapping[g] for g in goals] == iku


# --------------------------------------------------------------------------------------------
# bab3: cascading and the Pohon Kinerja
# --------------------------------------------------------------------------------------------


def test_tree_has_every_node_exactly_once_under_its_parent():
    cascade = load("3_2_2_cascading")
    root = bab3.performance_tree()
    nodes = list(root.walk())
    keys = [n.key for n in nodes]
    assert len(keys) == len(set(keys))
    programs = [n for n in nodes if n.level == "program"]
    kegiatan = [n for n in nodes if n.level == "kegiatan"]
    assert sorted(int(n.key.split(":")[1]) for n in programs) == sorted(cascade["program_no"].unique())
    assert sorted(int(n.key.split(":")[1]) for n in kegiatan) == sorted(cascade["kegiatan_no"].unique())
    assert sorted(n.code for n in programs) == sorted(cascade["kode_program"].unique())
    parent = {c.key: n.key for n in nodes for c in n.children}
    for r in cascade.drop_duplicates("row_id").itertuples():
        assert parent[f"kegiatan:{r.kegiatan_no}"] == f"program:{r.program_no}"
        assert parent[f"program:{r.program_no}"] == f"sasaran:{r.sasaran_no}"
        assert parent[f"sasaran:{r.sasaran_no}"] == "tujuan"
    # every indikator kegiatan once, on its kegiatan
    on_tree = [(n.key, i) for n in kegiatan for i in n.indicators]
    rows = cascade.drop_duplicates("row_id")
    assert sorted(on_tree) == sorted((f"kegiatan:{k}", i) for k, i in zip(rows["kegiatan_no"], rows["indikator_kegiatan"]))
    assert root.indicators == list(dict.fromkeys(load("3_2_1_tujuan_sasaran").sort_values("row_id")["indikator_tujuan"]))


def test_build_tree_rejects_a_node_with_two_parents():
    cascade = load("3_2_2_cascading")
    bad = cascade.copy()
    first_program = bad["program_no"] == bad["program_no"].iloc[0]
    bad.loc[first_program & (bad["row_id"] == bad.loc[first_program, "row_id"].max()), "sasaran_no"] = 3
    with pytest.raises(ValueError, match="appears under"):
        bab3.build_tree(bad)


def test_layout_is_tidy():
    root = bab3.performance_tree()
    boxes, width, height = bab3.layout_tree(root)
    assert set(boxes) == {n.key for n in root.walk()}
    by_column: dict[float, list] = {}
    for box in boxes.values():
        assert 0 <= box.x and box.x + box.w <= width + 1e-9
        assert 0 <= box.y and box.y + box.h <= height + 1e-9
        by_column.setdefault(box.x, []).append(box)
    for column in by_column.values():
        column.sort(key=lambda b: b.y)
        for a, b in zip(column, column[1:]):
            assert a.y + a.h <= b.y + 1e-9, (a.node.key, b.node.key)  # no overlap
    for box in boxes.values():
        kids = [boxes[c.key] for c in box.node.children]
        if kids:
            assert all(k.x > box.x for k in kids)
            lo, hi = min(k.center_y for k in kids), max(k.center_y for k in kids)
            assert lo - 1e-9 <= box.center_y <= hi + 1e-9


def test_tree_figures():
    fig = bab3.tree_chart()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for node in bab3.performance_tree().walk():
        assert node.title.split()[0] in texts
    assert "1.06.04" in texts and "Pohon Kinerja" in texts
    parts = bab3.sasaran_tree_charts()
    assert [name for name, _ in parts] == [f"3-2-pohon-kinerja-sasaran-{i}" for i in (1, 2, 3)]
    w, h = fig.get_size_inches()
    assert h > w  # a tall figure


def test_cascade_frame():
    df = bab3.cascade_frame()
    rows = load("3_2_2_cascading").sort_values(["row_id", "tahun"])
    assert len(df) == rows["row_id"].nunique() == 28
    assert list(df["Indikator Kegiatan/ Sub Kegiatan"]) == list(rows.drop_duplicates("row_id")["indikator_kegiatan"])
    first = rows[rows["row_id"] == 1].set_index("tahun")["target"]
    assert [df[str(y)].iloc[0] for y in first.index] == [format_number(v) for v in first]
    pct = rows[(rows["satuan"] == "%")].drop_duplicates("row_id")["row_id"]
    for row_id in pct:
        assert df["2025"].iloc[int(row_id) - 1].endswith("%")
    assert df["Program"].iloc[0].startswith("1.06.04 ")
    assert (df["Program"] != "").sum() == rows["program_no"].nunique()
    assert (df["Kegiatan"] != "").sum() == rows["kegiatan_no"].nunique()


def test_strategy_frame():
    df = bab3.strategy_frame()
    data = load("3_3_1_strategi_kebijakan")
    assert df["No"].iloc[0] == "Visi" and df["No"].iloc[1] == "Misi 7"
    assert df["Tujuan"].iloc[0] == data["visi"].iloc[0]
    assert len(df) == len(data) + 2
    assert list(df["Kebijakan"].iloc[2:]) == list(data.sort_values("row_id")["kebijakan"])
    assert list(df["No"].iloc[2:]) == ["1", "", "", "", "2", "", "", ""]
    assert (df["Sasaran"].iloc[2:] != "").sum() == data["sasaran_no"].nunique()


# --------------------------------------------------------------------------------------------
# bab3: narratives equal the tables
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2025, 2027, 2029])
def test_goals_narrative_numbers_equal_table_numbers(tahun):
    text = bab3.goals_narrative(tahun)
    goals = bab3.goals_frame()
    cells = set(goals[[c for c in goals.columns if c.isdigit()]].to_numpy().ravel())
    for value in re.findall(r"[A-Z]{1,2} \(\d+,\d{2}\)|\d+:\d{3}\.\d{3}|\d+,\d{2}", text):
        assert value in cells or any(value in c for c in cells), value
    row = goals[goals["Indikator Kinerja Sasaran"] == "Tingkat Kemiskinan"].iloc[0]
    assert f"dari {row['2025']} pada 2025 menjadi {row['2029']} pada 2029" in text
    assert f"Target {tahun}: {row[str(tahun)]}." in text
    cascade = load("3_2_2_cascading")
    assert f"{cascade['program_no'].nunique()} program, {cascade['kegiatan_no'].nunique()} kegiatan dan " \
           f"{cascade['row_id'].nunique()} indikator kegiatan" in text
    assert f"{goals.shape[0]} indikator kinerja sasaran" in text


def test_cascade_narrative_numbers_equal_table_numbers():
    text = bab3.cascade_narrative()
    df = bab3.cascade_frame()
    rows = load("3_2_2_cascading")
    wide = rows.pivot(index="row_id", columns="tahun", values="target")
    constant = int((wide.nunique(axis=1) == 1).sum())
    assert f"{constant} memiliki target yang sama setiap tahun" in text
    for row_id in wide.index[wide.nunique(axis=1) > 1]:
        shown = ", ".join(df.loc[row_id - 1, str(y)] for y in wide.columns)
        assert f"({shown})" in text
    per = rows.drop_duplicates("row_id").groupby("sasaran_no")
    for s, g in per:
        assert f"Sasaran {s} didukung {g['program_no'].nunique()} program, {g['kegiatan_no'].nunique()} kegiatan " \
               f"dan {len(g)} indikator kegiatan" in text
    n_naik = int((rows.drop_duplicates("row_id")["polaritas"] == "naik").sum())
    assert f"{n_naik} berpolaritas naik" in text
    assert "2.138 (2026) menjadi 100 (2027)" in text
