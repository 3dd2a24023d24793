"""Tests of helpers/pages/tujuan_sasaran (Bab III) and of its notebook 03-tujuan-sasaran.

Expected values are computed here independently from ``helpers.core.data.load`` (or written out by
hand where the point is the display string), never copied from the modules under test. Notebook
checks read the session builds (``real_build``: years 2025 and 2029 of this page; ``other_build``);
a bad ``tahun`` is checked by calling ``setup()`` directly.
"""
from __future__ import annotations

import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.core.data import load  # noqa: E402
from helpers.core.numbers import format_number, number_words  # noqa: E402
from helpers.core.opd import load_opd  # noqa: E402
from helpers.pages import tujuan_sasaran as ts  # noqa: E402
from helpers.present import Figure, Narrative, Notice, Table  # noqa: E402
from support import assert_clean, notebook_text  # noqa: E402

STEM = "03-tujuan-sasaran"
TREE = "03-tujuan-sasaran-pohon-kinerja"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def shown(table: Table, key: str) -> list[str]:
    column = next(c for c in table.columns if c.key == key)
    return [table.cell_text(i, column) for i in range(table.n_rows)]


def column(table: Table, key: str):
    return next(c for c in table.columns if c.key == key)


def remove_table(data_dir, table_id: str) -> None:
    for suffix in (".csv", ".yaml"):
        (data_dir / "tables" / f"{table_id}{suffix}").unlink()
    (data_dir / "printed" / f"{table_id}.csv").unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------
# Display values and Tabel 3.2.1
# --------------------------------------------------------------------------------------------


def test_goal_target_text():
    assert ts.goal_target_text(73.0, "BB") == "BB (73,00)"
    assert ts.goal_target_text(71.3, "BB") == "BB (71,30)"
    assert ts.goal_target_text(42.0, per=100000) == "42:100.000"
    assert ts.goal_target_text(10.5) == "10,50"
    assert ts.goal_target_text(0.37) == "0,37"
    assert ts.goal_target_text(None) == "NA"  # no value; "-" is nihil
    # the cell values: text for grades and rates, numbers otherwise (stored as numbers in the XLSX)
    assert ts.goal_target_value(73.0, "BB") == "BB (73,00)" and ts.goal_target_value(10.5) == 10.5


def test_cascade_target_text_and_unit():
    assert ts.cascade_target_text(100.0, "%") == "100%"
    assert ts.cascade_target_text(6488.0, "orang") == "6.488"
    assert ts.cascade_target_text(None, "orang") == "NA"
    assert ts.unit_text("rasio", 100000) == "rasio per 100.000"
    assert ts.unit_text(None) == "NA"


def test_goals_table_as_printed():
    table = ts.goals_table(2027)
    data = load("3_2_1_tujuan_sasaran")
    years = sorted(data["tahun"].unique())
    assert table.n_rows == data["row_id"].nunique()
    assert [c.heading for c in table.columns if c.key.startswith("target_")] == [str(y) for y in years]
    names = table.data["indikator_sasaran"].tolist()
    row = names.index("Tingkat Kemiskinan")
    assert shown(table, "target_2025")[row] == "10,68" and shown(table, "target_2029")[row] == "9,99"
    akip = names.index("Nilai AKIP")
    assert [shown(table, f"target_{y}")[akip] for y in range(2025, 2030)] == \
        ["BB (73,00)", "BB (75,00)", "BB (77,00)", "BB (79,00)", "A (81,00)"]
    assert shown(table, "target_2025")[names.index("Rasio Kekerasan Terhadap Anak")] == "42:100.000"
    # merged cells: tujuan once; sasaran once per sasaran; the data (and the CSV) keep every value
    assert sum(t != "" for t in shown(table, "tujuan")) == data["tujuan"].nunique() == 1
    assert sum(t != "" for t in shown(table, "sasaran")) == data["sasaran_no"].nunique()
    assert table.data["sasaran"].ne("").all()
    highlighted = [c.key for c in table.columns if c.highlight]
    assert highlighted == ["target_2027"] and column(table, "target_2027").role == "mixed"


def test_goals_table_html_highlights_the_year_and_xlsx_keeps_numbers(tmp_path):
    from openpyxl import load_workbook

    from helpers.present.html import render_table
    from helpers.present.xlsx import write_xlsx

    table = ts.goals_table(2027)
    assert '<td class="num sorot">10,34</td>' in render_table(table)
    ws = load_workbook(write_xlsx(table, tmp_path / "t.xlsx")).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert 10.34 in values and "BB (77,00)" in values and "10,34" not in values


@pytest.mark.parametrize("tahun", [2025, 2027, 2029])
def test_progress_table(tahun):
    table = ts.progress_table(tahun)
    goals = ts.goals_table(tahun)
    assert shown(table, "target_tahun") == shown(goals, f"target_{tahun}")
    assert shown(table, "target_awal") == shown(goals, "target_2025")
    assert shown(table, "target_akhir") == shown(goals, "target_2029")
    assert column(table, "target_tahun").heading == f"Target {tahun}" and column(table, "target_tahun").highlight
    assert table.name == f"3-2-1-kemajuan-{tahun}"
    from helpers.core.registry import page_spec

    assert set(shown(table, "realisasi")) == {ts.REALISATION_TEXT}
    assert page_spec("01-evaluasi").title in ts.REALISATION_TEXT and "01-evaluasi" not in ts.REALISATION_TEXT
    data = load("3_2_1_tujuan_sasaran")
    for ind in ts.indicators():
        series = data[data["row_id"] == ind.row_id].sort_values("tahun")["target"].tolist()
        went_down = series[-1] < series[0]
        assert ind.direction() == ("turun" if went_down else "naik")
        assert ind.consistent() == (ind.polaritas == ind.direction())


# --------------------------------------------------------------------------------------------
# Cross-table check with Tabel 4.5.1
# --------------------------------------------------------------------------------------------


def test_compare_iku_finds_exactly_the_differing_cells():
    goals = load("3_2_1_tujuan_sasaran")
    iku = load("4_5_1_iku_target")
    # independent pairing: both tables list the indicators in the same order (row_id ↔ no)
    expected = set()
    for row_id in goals["row_id"].unique():
        g = goals[goals["row_id"] == row_id].set_index("tahun")
        k = iku[iku["no"] == row_id].set_index("tahun")
        for y in g.index:
            same = abs(float(g.at[y, "target"]) - float(k.at[y, "target"])) < 1e-9 and \
                str(g.at[y, "target_grade"]) == str(k.at[y, "target_grade"])
            if not same:
                expected.add((str(g.at[y, "indikator_sasaran"]), int(y)))
    diff = ts.compare_iku()
    assert set(zip(diff["indikator"], diff["tahun"])) == expected
    assert expected == {("Nilai AKIP", y) for y in (2025, 2026, 2027, 2028)}
    first = diff[diff["tahun"] == 2025].iloc[0]
    assert first["teks_3_2_1"] == "BB (73,00)" and first["teks_4_5_1"] == "BB (71,30)"
    assert first["selisih"] == pytest.approx(1.7)
    assert ts.compared_cells() == len(goals)
    items = ts.cross_check()
    assert isinstance(items[0], str) and f"{len(expected)} berbeda" in items[0] and "BB (71,30)" in items[0]
    table = items[1]
    assert isinstance(table, Table) and table.name == "3-2-1-vs-4-5-1" and table.n_rows == len(expected)
    assert sum(t != "" for t in shown(table, "indikator")) == 1  # one indicator, merged


def test_match_indicators_pairs_all():
    goals = load("3_2_1_tujuan_sasaran").drop_duplicates("row_id")["indikator_sasaran"].tolist()
    iku = load("4_5_1_iku_target").drop_duplicates("no")["indikator"].tolist()
    mapping = ts.match_indicators(goals, iku)
    assert [mapping[g] for g in goals] == iku


def test_cross_check_without_tabel_4_5_1(data_copy):
    remove_table(data_copy, "4_5_1_iku_target")
    items = ts.cross_check(data_copy)
    assert len(items) == 1 and isinstance(items[0], Notice) and items[0].text.startswith("Tabel 4.5.1")


# --------------------------------------------------------------------------------------------
# Cascading and the Pohon Kinerja
# --------------------------------------------------------------------------------------------


def test_tree_has_every_node_exactly_once_under_its_parent():
    cascade = load("3_2_2_cascading")
    roots = ts.performance_forest()
    assert len(roots) == cascade["tujuan"].nunique()
    nodes = [n for root in roots for n in root.walk()]
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
        assert parent[f"sasaran:{r.sasaran_no}"] == "tujuan:1"
    # every indikator kegiatan once, on its kegiatan
    on_tree = [(n.key, i) for n in kegiatan for i in n.indicators]
    rows = cascade.drop_duplicates("row_id")
    assert sorted(on_tree) == sorted((f"kegiatan:{k}", i) for k, i in zip(rows["kegiatan_no"], rows["indikator_kegiatan"]))
    goals = load("3_2_1_tujuan_sasaran").sort_values(["row_id", "tahun"])
    assert roots[0].indicators == list(dict.fromkeys(goals["indikator_tujuan"]))


def test_build_forest_rejects_a_node_with_two_parents():
    cascade = load("3_2_2_cascading")
    bad = cascade.copy()
    first_program = bad["program_no"] == bad["program_no"].iloc[0]
    bad.loc[first_program & (bad["row_id"] == bad.loc[first_program, "row_id"].max()), "sasaran_no"] = 3
    with pytest.raises(ValueError, match="appears under"):
        ts.build_forest(bad)


def test_build_forest_draws_one_tree_per_tujuan():
    cascade = load("3_2_2_cascading")
    two = cascade.copy()
    last_sasaran = two["sasaran_no"] == two["sasaran_no"].max()
    two.loc[last_sasaran, "tujuan"] = "Tujuan kedua"
    roots = ts.build_forest(two, {"Tujuan kedua": ["Indikator kedua"]})
    assert [r.key for r in roots] == ["tujuan:1", "tujuan:2"]
    assert roots[1].indicators == ["Indikator kedua"] and roots[0].indicators == []
    assert [s.key for s in roots[1].children] == [f"sasaran:{int(cascade['sasaran_no'].max())}"]
    boxes, width, height = ts.layout_tree(roots)
    assert boxes["tujuan:2"].y >= boxes["tujuan:1"].y + boxes["tujuan:1"].h  # stacked, no overlap


def test_layout_is_tidy():
    roots = ts.performance_forest()
    boxes, width, height = ts.layout_tree(roots)
    assert set(boxes) == {n.key for root in roots for n in root.walk()}
    by_column: dict[float, list] = {}
    for box in boxes.values():
        assert 0 <= box.x and box.x + box.w <= width + 1e-9
        assert 0 <= box.y and box.y + box.h <= height + 1e-9
        by_column.setdefault(box.x, []).append(box)
    assert len(by_column) == 4  # tujuan, sasaran, program, kegiatan
    for stack in by_column.values():
        stack.sort(key=lambda b: b.y)
        for a, b in zip(stack, stack[1:]):
            assert a.y + a.h <= b.y + 1e-9, (a.node.key, b.node.key)  # no overlap
    for box in boxes.values():
        kids = [boxes[c.key] for c in box.node.children]
        if kids:
            assert all(k.x > box.x for k in kids)
            lo, hi = min(k.center_y for k in kids), max(k.center_y for k in kids)
            assert lo - 1e-9 <= box.center_y <= hi + 1e-9


def test_tree_figures():
    chart = ts.tree_chart()
    assert isinstance(chart, Figure) and chart.name == "3-2-pohon-kinerja"
    texts = " ".join(t.get_text() for t in chart.fig.axes[0].texts)
    for root in ts.performance_forest():
        for node in root.walk():
            assert node.title.split()[0] in texts
    codes = load("3_2_2_cascading")["kode_program"].unique()
    assert all(code in texts for code in codes)
    opd = load_opd()
    assert chart.caption == f"Pohon Kinerja {opd.singkatan} {opd.pemerintah_daerah} {opd.periode_teks}"
    assert chart.caption in texts
    cascade = load("3_2_2_cascading")
    assert f"{cascade['program_no'].nunique()} program dan {cascade['kegiatan_no'].nunique()} kegiatan" in chart.alt
    parts = ts.sasaran_tree_charts()
    n = cascade["sasaran_no"].nunique()
    assert [p.name for p in parts] == [f"3-2-pohon-kinerja-sasaran-{i}" for i in range(1, n + 1)]
    assert all(p.alt.startswith(p.caption) for p in parts)
    w, h = chart.fig.get_size_inches()
    assert h > w  # a tall figure


def test_cascade_table():
    table = ts.cascade_table(2026)
    rows = load("3_2_2_cascading").sort_values(["row_id", "tahun"])
    assert table.n_rows == rows["row_id"].nunique()
    assert shown(table, "indikator_kegiatan") == list(rows.drop_duplicates("row_id")["indikator_kegiatan"])
    first = rows[rows["row_id"] == 1].set_index("tahun")["target"]
    assert [shown(table, f"target_{y}")[0] for y in first.index] == [format_number(v) for v in first]
    pct = rows[(rows["satuan"] == "%")].drop_duplicates("row_id")["row_id"]
    assert len(pct)
    for row_id in pct:
        assert shown(table, "target_2025")[int(row_id) - 1].endswith("%")
    assert shown(table, "program")[0].startswith(f"{rows['kode_program'].iloc[0]} ")
    assert sum(t != "" for t in shown(table, "program")) == rows["program_no"].nunique()
    assert sum(t != "" for t in shown(table, "kegiatan")) == rows["kegiatan_no"].nunique()
    assert [c.key for c in table.columns if c.highlight] == ["target_2026"]


def test_strategy_table():
    table = ts.strategy_table()
    data = load("3_3_1_strategi_kebijakan").sort_values("row_id")
    misi = int(data["misi_no"].iloc[0])
    assert shown(table, "no")[:2] == ["Visi", f"Misi {misi}"] and set(table.bold_rows) == {0, 1}
    assert shown(table, "tujuan")[0] == data["visi"].iloc[0]
    assert table.n_rows == len(data) + 2
    assert shown(table, "kebijakan")[2:] == list(data["kebijakan"])
    assert shown(table, "no")[2:] == ["" if pd.isna(n) else str(n) for n in data["no"]]
    assert sum(t != "" for t in shown(table, "sasaran")[2:]) == data["sasaran_no"].nunique()
    missing = sorted(set(data["sasaran_no"]) - set(data["no"].dropna()))
    assert missing and f"sasaran {missing[0]} tercetak tanpa nomor" in table.all_notes()[0]


def test_absent_bab3_tables_show_notices(data_copy):
    for table_id in ("3_2_1_tujuan_sasaran", "3_2_2_cascading", "3_3_1_strategi_kebijakan"):
        remove_table(data_copy, table_id)
    for item in (ts.goals_table(2025, data_copy), ts.cascade_table(2025, data_copy), ts.strategy_table(data_copy),
                 ts.tree_chart(data_copy)):
        assert isinstance(item, Notice) and item.kind == "absent" and "tidak tersedia dalam data" in item.text
    assert ts.progress_table(2025, data_copy) is None and ts.cross_check(data_copy) == []
    assert ts.goals_narrative(2025, data_copy) is None and ts.cascade_narrative(data_copy) is None
    assert ts.sasaran_tree_charts(data_copy) == []
    assert "kolom 2025 disorot" in ts.page_statement(2025, (2025, 2029), data_copy)


def test_cascade_loads_without_the_tables_it_refers_to(data_copy):
    remove_table(data_copy, "3_2_1_tujuan_sasaran")  # 3_2_2 and 3_3_1 refer to its sasaran_no
    assert isinstance(ts.cascade_table(2025, data_copy), Table)
    assert isinstance(ts.strategy_table(data_copy), Table)
    chart = ts.tree_chart(data_copy)
    assert isinstance(chart, Figure) and ts.performance_forest(data_copy)[0].indicators == []


# --------------------------------------------------------------------------------------------
# Narratives equal the tables
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2025, 2027, 2029])
def test_goals_narrative_numbers_equal_table_numbers(tahun):
    narrative = ts.goals_narrative(tahun)
    assert isinstance(narrative, Narrative) and narrative.id == "3-2-1-tujuan-sasaran"
    text = narrative.text
    goals = ts.goals_table(tahun)
    cells = {t for c in goals.columns if c.key.startswith("target_") for t in shown(goals, c.key)}
    values = re.findall(r"[A-Z]{1,2} \(\d+,\d{2}\)|\d+:\d{3}\.\d{3}|\d+,\d{2}", text)
    assert values
    for value in values:
        assert value in cells or any(value in c for c in cells), value
    row = goals.data["indikator_sasaran"].tolist().index("Tingkat Kemiskinan")
    assert (f"menurun dari {shown(goals, 'target_2025')[row]} pada tahun 2025 menjadi "
            f"{shown(goals, 'target_2029')[row]} pada tahun 2029") in text
    assert f"Target tahun {tahun} sebesar {shown(goals, f'target_{tahun}')[row]}." in text
    cascade = load("3_2_2_cascading")  # counts one to nine in words (EYD)
    assert f"{number_words(cascade['program_no'].nunique())} program, {number_words(cascade['kegiatan_no'].nunique())} " \
           f"kegiatan dan {number_words(cascade['row_id'].nunique())} indikator kegiatan" in text
    assert f"{number_words(goals.n_rows)} indikator kinerja sasaran" in text and "satu tujuan" in text
    assert text.count("pelaporan kasus") == 1  # the caveat on violence ratios once
    assert narrative.facts[f"Tingkat Kemiskinan: target {tahun}"] == goals.data.loc[row, f"target_{tahun}"]
    assert not re.search(r"(^|\n|\. )\d", text)  # no sentence opens with a numeral


def test_cascade_narrative_numbers_equal_table_numbers():
    draft, review = ts.cascade_narrative()
    text = draft.text
    table = ts.cascade_table(2025)
    rows = load("3_2_2_cascading")
    wide = rows.pivot(index="row_id", columns="tahun", values="target")
    constant = int((wide.nunique(axis=1) == 1).sum())
    assert f"sebanyak {number_words(constant)} indikator memiliki target yang sama setiap tahun" in text
    for row_id in wide.index[wide.nunique(axis=1) > 1]:
        values = ", ".join(shown(table, f"target_{y}")[row_id - 1] for y in wide.columns)
        assert f"({values})" in text
    per = rows.drop_duplicates("row_id").groupby("sasaran_no")
    for s, g in per:
        assert f"Sasaran {s} didukung oleh {number_words(g['program_no'].nunique())} program, " \
               f"{number_words(g['kegiatan_no'].nunique())} kegiatan dan {number_words(len(g))} indikator kegiatan" in text
    assert (rows.drop_duplicates("row_id")["polaritas"] == "naik").all()
    assert "Seluruh indikator kegiatan berpolaritas naik" in text
    # a jump to be confirmed is a finding for the reviewer, not report text
    assert "2.138 (2026) menjadi 100 (2027)" in review and "perlu dipastikan" not in text
    assert not re.search(r"(^|\n|\. )\d", text)  # no sentence opens with a numeral


# --------------------------------------------------------------------------------------------
# The notebook, from the session builds
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_notebook_shows_the_tables_tree_and_narratives(real_build, tahun):
    nb = real_build.notebook(STEM, tahun)
    assert_clean(nb)
    text = notebook_text(nb)
    out = real_build.page_dir(STEM, tahun)
    tables = ["tabel-3-2-1-tujuan-sasaran", f"3-2-1-kemajuan-{tahun}", "3-2-1-vs-4-5-1", "tabel-3-2-2-cascading",
              "tabel-3-3-1-strategi-kebijakan"]
    for name in tables:
        assert (out / "tables" / f"{name}.csv").is_file() and (out / "tables" / f"{name}.xlsx").is_file(), name
    model = json.loads((out / "model" / f"{STEM}.json").read_text(encoding="utf-8"))
    assert not [i for i in model["items"] if i["kind"] == "figure"]  # the tree is its own page, drawn once (TREE)
    for name in ("3-2-1-tujuan-sasaran", "3-2-2-cascading"):
        assert (out / "narasi" / f"{name}.md").is_file(), name
    goals = load("3_2_1_tujuan_sasaran")
    kemiskinan = goals[goals["indikator_sasaran"] == "Tingkat Kemiskinan"].set_index("tahun")["target"]
    assert format_number(kemiskinan[2029], 2) == "9,99" and "9,99" in text
    assert f"Target tahun {tahun} sebesar {format_number(kemiskinan[tahun], 2)}." in text
    akip = goals[goals["indikator_sasaran"] == "Nilai AKIP"].set_index("tahun")
    assert f"{akip.at[2025, 'target_grade']} ({format_number(akip.at[2025, 'target'], 2)})" in text
    rasio = goals[goals["indikator_sasaran"] == "Rasio Kekerasan Terhadap Anak"].set_index("tahun")
    assert f"{format_number(rasio.at[tahun, 'target'])}:{format_number(rasio.at[tahun, 'per'])}" in text
    # cross-table check, computed independently: AKIP targets that differ in Tabel 4.5.1
    iku = load("4_5_1_iku_target")
    iku_akip = iku[iku["indikator"] == "Nilai AKIP"].set_index("tahun")["target"]
    differ = [y for y in akip.index if abs(akip.at[y, "target"] - iku_akip[y]) > 1e-9]
    assert f"{len(differ)} berbeda" in text
    for y in differ:
        assert f"BB ({format_number(iku_akip[y], 2)})" in text
    assert f"kolom {tahun} disorot" in text and "halaman Evaluasi" in text and "berlaku untuk tahun laporan 2025–2029" in text
    cascade = load("3_2_2_cascading")
    assert f"{number_words(cascade['program_no'].nunique())} program, {number_words(cascade['kegiatan_no'].nunique())} kegiatan" in text
    strategy = load("3_3_1_strategi_kebijakan")
    html = real_build.html(STEM, tahun)
    years = [(m.group(2), "sorot" in m.group(1)) for m in re.finditer(r"<th([^>]*)>(20\d\d)</th>", html)]
    assert (str(tahun), True) in years and all(lit == (y == str(tahun)) for y, lit in years)  # only tahun is lit
    visible = real_build.visible(STEM, tahun)
    assert "Pohon Kinerja ada pada halaman berikutnya" in visible
    assert 'rel="next">Pohon Kinerja' in html  # ... and the navigation leads there
    assert "Visi" in visible and f"Misi {int(strategy['misi_no'].iloc[0])}" in visible
    assert strategy["visi"].iloc[0] in visible  # {pemerintah_daerah} filled from opd.yaml
    exported = pd.read_csv(out / "tables" / "tabel-3-2-1-tujuan-sasaran.csv", encoding="utf-8-sig")
    assert float(exported["target_2029"].iloc[0]) == pytest.approx(kemiskinan[2029])


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_tree_page_is_drawn_once_and_serves_every_year(real_build, tahun):
    nb = real_build.notebook(TREE, tahun)
    assert_clean(nb)
    out = real_build.page_dir(TREE, tahun)
    assert out.name == "2025"  # window: none, one page for 2025-2029
    n_sasaran = load("3_2_2_cascading")["sasaran_no"].nunique()
    for name in ["3-2-pohon-kinerja"] + [f"3-2-pohon-kinerja-sasaran-{i}" for i in range(1, n_sasaran + 1)]:
        assert (out / "figures" / f"{name}.png").stat().st_size > 10_000, name
        assert (out / "figures" / f"{name}.svg").is_file(), name
    visible = real_build.visible(TREE, tahun)
    opd = load_opd()
    assert f"Pohon Kinerja {opd.singkatan} {opd.pemerintah_daerah}" in visible
    # said once, by the shared-page note, not again by the page's own text
    assert visible.count("2025–2029") >= 1 and visible.count("sama untuk setiap tahun laporan") == 0
    assert "halaman yang sama berlaku untuk tahun laporan 2025–2029" in visible


def test_other_office_page(other_build):
    tahun = 2026
    assert_clean(other_build.notebook(STEM, tahun))
    assert_clean(other_build.notebook(TREE, tahun))
    visible = other_build.visible(TREE, tahun)
    opd = load_opd(other_build.data_dir)
    assert f"Pohon Kinerja {opd.singkatan} {opd.pemerintah_daerah} {opd.periode_teks}" in visible
    cascade = load("3_2_2_cascading", other_build.data_dir)
    figures = other_build.page_dir(TREE, tahun) / "figures"
    assert sorted(p.stem for p in figures.glob("3-2-pohon-kinerja-sasaran-*.png")) == \
        [f"3-2-pohon-kinerja-sasaran-{i}" for i in range(1, cascade["sasaran_no"].nunique() + 1)]



def test_progress_table_shows_the_baseline_where_it_shows_the_target_path():
    """Kondisi awal beside the targets (45,29 for the violence ratio, 0,42 for PPKS mandiri), from Tabel 4.5.1."""
    from helpers.pages.tujuan_sasaran import goals

    table = goals.progress_table(2025)
    iku = load("4_5_1_iku_target").drop_duplicates("no")
    column = next(c for c in table.columns if c.key == "kondisi_awal")
    shown = [table.cell_text(i, column) for i in range(table.n_rows)]
    for value in (45.29, 0.42):
        assert value in set(iku["baseline"])
        assert format_number(value, 2) in shown
    assert "NA" not in shown  # every indikator sasaran has a baseline in Tabel 4.5.1
