"""Unit tests of helpers/bab2_anggaran.py (Bab II 2.3, the two budget tables) on the real data.

Expected values are recomputed here independently from ``helpers.core.data.load`` (sums of the leaves
below each row, ratios, growth), not taken from the module under test. The module must also agree
with ``helpers.core.derive.derived`` and ``helpers.core.audit`` (the audit page computes the same figures).
Numbers in the draft narratives are checked against the numbers shown in the tables.
"""
import dataclasses
import functools
import math
import re

import pandas as pd
import pytest

from helpers import bab2_anggaran as ang
from helpers.core.audit import KIND_UNDEFINED_PRINTED, audit_table, growth_alternatives
from helpers.core.data import load
from helpers.core.derive import derived
from helpers.core.numbers import format_number

T1920, T2124 = ang.TABLE_2019_2020, ang.TABLE_2021_2024
TABLES = (T1920, T2124)
NUMBER = re.compile(r"(?<![\w])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")


@functools.lru_cache(maxsize=None)
def cached_view(table_id: str, tahun: int):
    """budget_view, computed once per (table, tahun) in this test module (tests never mutate it)."""
    return ang.budget_view(table_id, tahun)


@functools.lru_cache(maxsize=None)
def cached_leaf_sums(table_id: str):
    return leaf_sums(table_id)


# --------------------------------------------------------------------------------------------
# independent recomputation
# --------------------------------------------------------------------------------------------

def leaf_sums(table_id: str) -> dict[tuple[str, int, str], float | None]:
    """(row_id, tahun, measure) → sum of the leaves below (or at) the row; None when all are blank.

    Walks the parent_id chain of every leaf, so it does not use helpers.core.compute.rollup.
    """
    df = load(table_id)
    parents = set(df["parent_id"].dropna())
    parent_of = dict(zip(df["row_id"], df["parent_id"]))
    out: dict = {}
    for r in df[~df["row_id"].isin(parents)].itertuples():
        node = r.row_id
        chain = []
        while node is not None and not pd.isna(node):
            chain.append(node)
            node = parent_of[node]
        chain.append("total")
        for measure in ("anggaran", "realisasi"):
            value = getattr(r, measure)
            for node in chain:
                key = (node, int(r.tahun), measure)
                if pd.isna(value):
                    out.setdefault(key, None)
                else:
                    out[key] = (out.get(key) or 0.0) + float(value)
    return out


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def shown_numbers(*tables) -> set[str]:
    out = set()
    for table in tables:
        if table is None:
            continue
        shown = table.display_frame()
        for c in shown.columns:
            out.update(numbers_in(str(c)))
            for v in shown[c]:
                out.update(numbers_in(str(v).rstrip("*")))
        out.update(numbers_in(table.note))
    return out


def same(a, b, tol=1e-6) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA:
        return b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NA
    if b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NA:
        return False
    return abs(float(a) - float(b)) <= tol


# --------------------------------------------------------------------------------------------
# years
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun, expected", [
    (2020, []), (2021, []), (2022, [2021]), (2023, [2021, 2022]), (2024, [2021, 2022, 2023]),
    (2025, [2021, 2022, 2023, 2024]), (2029, [2021, 2022, 2023, 2024]),
])
def test_shown_years_2021_2024(tahun, expected):
    assert ang.shown_years(range(2021, 2025), tahun) == expected


@pytest.mark.parametrize("tahun, expected", [(2020, [2019]), (2021, [2019, 2020]), (2029, [2019, 2020])])
def test_shown_years_2019_2020_always_shown_on_the_page(tahun, expected):
    assert ang.shown_years([2019, 2020], tahun) == expected
    view = cached_view(T1920, tahun)
    assert view is not None and view.years == expected


def test_no_view_before_the_first_year():
    assert cached_view(T2124, 2021) is None
    assert ang.budget_table(None) is None and ang.growth_table(None) is None
    assert ang.program_chart(None) is None
    assert "2021–2024" in ang.no_data_text(T2124, 2021) and "2020" in ang.no_data_text(T2124, 2021)


def test_years_statement_names_the_shown_years():
    text = ang.years_statement(2023)
    assert "**2019–2020**" in text and "**2021–2022**" in text and "sebelum 2023" in text
    assert "belum ada data sebelum 2021" in ang.years_statement(2021)


def test_history_filter_columns_and_growth_between_shown_years():
    view = cached_view(T2124, 2023)
    table = ang.budget_table(view)
    cols = list(table.df.columns)
    assert "Anggaran 2021 (Rp)" in cols and "Anggaran 2022 (Rp)" in cols
    assert not any("2023" in c or "2024" in c for c in cols)
    assert "Pertumbuhan total anggaran 2021–2022 (%) (konvensi dokumen)" in cols
    assert not any(c.startswith("Rata-rata") for c in cols)  # one step: mean = total
    sums = cached_leaf_sums(T2124)
    a21, a22 = sums[("total", 2021, "anggaran")], sums[("total", 2022, "anggaran")]
    total = table.df.iloc[-1]
    assert total["Uraian"] == "JUMLAH"
    assert total["Pertumbuhan total anggaran 2021–2022 (%) (konvensi dokumen)"] == pytest.approx((a22 - a21) / a21 * 100)
    assert "Tahun 2021–2022" in table.caption
    # the document's growth (2021-2024) is not comparable: no growth cell is marked
    growth_cols = [c for c in cols if c.startswith("Pertumbuhan")]
    assert not table.marks[growth_cols].to_numpy().any()
    assert "tidak dibandingkan" in table.note


def test_one_year_has_no_growth_columns():
    view = cached_view(T2124, 2022)
    table = ang.budget_table(view)
    assert [c for c in table.df.columns if "Pertumbuhan" in c or "pertumbuhan" in c] == []
    assert "pertumbuhan belum dapat dihitung" in table.note
    assert ang.growth_table(view) is None


# --------------------------------------------------------------------------------------------
# the document-layout table
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id", TABLES)
def test_rows_in_document_order_with_indentation(table_id):
    df = load(table_id)
    lines = df.drop_duplicates("row_id").sort_values("urutan")
    table = ang.budget_table(cached_view(table_id, 2025))
    prefix = {"program": "", "kegiatan": "· ", "sub_kegiatan": "· · "}
    expected = [prefix[l] + u for l, u in zip(lines["level"], lines["uraian"])] + ["JUMLAH"]
    assert list(table.df["Uraian"]) == expected
    programs = [i for i, l in enumerate(lines["level"]) if l == "program"]
    assert table.bold_rows == programs + [len(lines)]
    # a program row is never prefixed; every kegiatan follows its program (or a sibling's rows)
    parent_pos = {}
    for i, r in enumerate(lines.itertuples()):
        parent_pos[r.row_id] = i
        if not pd.isna(r.parent_id):
            assert parent_pos[r.parent_id] < i


@pytest.mark.parametrize("table_id", TABLES)
def test_every_amount_equals_the_sum_of_its_leaves(table_id):
    view = cached_view(table_id, 2025)
    table = ang.budget_table(view)
    sums = cached_leaf_sums(table_id)
    for i, row_id in enumerate(view.frame["row_id"]):
        for year in view.years:
            for measure, label in (("anggaran", "Anggaran"), ("realisasi", "Realisasi")):
                shown = table.df.at[i, f"{label} {year} (Rp)"]
                assert same(shown, sums.get((row_id, year, measure))), (row_id, year, measure)


@pytest.mark.parametrize("table_id", TABLES)
def test_jumlah_is_sum_of_programs_and_programs_sum_of_children(table_id):
    view = cached_view(table_id, 2025)
    table = ang.budget_table(view)
    frame = view.frame
    for year in view.years:
        column = f"Anggaran {year} (Rp)"
        values = dict(zip(frame["row_id"], table.df[column]))
        programs = frame.loc[frame["level"] == "program", "row_id"]
        assert values["total"] == pytest.approx(sum(float(values[p]) for p in programs if not pd.isna(values[p])))
        for parent in frame["parent_id"].dropna().unique():
            kids = frame.loc[frame["parent_id"] == parent, "row_id"]
            present = [float(values[k]) for k in kids if not pd.isna(values[k])]
            if present:
                assert values[parent] == pytest.approx(sum(present)), (parent, year)
            else:
                assert pd.isna(values[parent]), (parent, year)


def test_jumlah_2024_recomputed():
    view = cached_view(T2124, 2025)
    assert format_number(view.value("total", "anggaran_2024")) == "14.817.179.710"
    assert format_number(view.value("total", "realisasi_2024")) == "14.128.614.613"
    assert format_number(view.value("total", "rasio_2024"), 2) == "95,35"


@pytest.mark.parametrize("table_id", TABLES)
def test_ratio_and_growth_recomputed_independently(table_id):
    view = cached_view(table_id, 2025)
    sums = cached_leaf_sums(table_id)
    first, last = view.first, view.last
    for r in view.frame.itertuples():
        for y in view.years:
            a, re_ = sums.get((r.row_id, y, "anggaran")), sums.get((r.row_id, y, "realisasi"))
            expected = None if not a else (re_ or 0) / a * 100
            assert same(view.value(r.row_id, f"rasio_{y}"), expected), (r.row_id, y)
        for m in ("anggaran", "realisasi"):
            f, l = sums.get((r.row_id, first, m)), sums.get((r.row_id, last, m))
            expected = None if not f or l is None else (l - f) / f * 100
            assert same(view.value(r.row_id, f"growth_total_{m}"), expected), (r.row_id, m)


@pytest.mark.parametrize("table_id", TABLES)
def test_view_agrees_with_derive_for_the_full_range(table_id):
    """The page computes exactly what helpers.core.derive (and therefore the audit) computes."""
    view = cached_view(table_id, 2025)
    d = derived(table_id)
    for r in d.itertuples():
        name = (f"{r.column}_{int(r.tahun)}" if not pd.isna(r.tahun)
                else "growth_total_" + r.column.split("_", 1)[1])
        assert same(view.value(r.row, name), None if pd.isna(r.recomputed) else float(r.recomputed)), (r.row, name)


@pytest.mark.parametrize("table_id", TABLES)
def test_growth_frame_agrees_with_growth_alternatives(table_id):
    view = cached_view(table_id, 2025)
    g = ang.growth_frame(view).set_index("row_id")
    alt = growth_alternatives(table_id).set_index("row")
    for row_id, a in alt.iterrows():
        assert same(g.at[row_id, "growth_total"], a["total_growth"]), row_id
        assert same(g.at[row_id, "growth_mean"], a["mean_yearly_growth"]), row_id
        assert same(g.at[row_id, "cagr"], a["cagr"]), row_id
        assert same(g.at[row_id, "printed"], a["printed"]), row_id


@pytest.mark.parametrize("table_id", TABLES)
def test_marks_follow_the_audit(table_id):
    view = cached_view(table_id, 2025)
    table = ang.budget_table(view)
    audit = audit_table(table_id)
    assert int(view.marks.to_numpy().sum()) == len(audit)
    shown = table.display_frame()
    headers = {**{f"anggaran_{y}": f"Anggaran {y} (Rp)" for y in view.years},
               **{f"realisasi_{y}": f"Realisasi {y} (Rp)" for y in view.years},
               **{f"rasio_{y}": f"Rasio {y} (%)" for y in view.years},
               **{f"pertumbuhan_{m}": f"Pertumbuhan total {m} {view.span} (%) (konvensi dokumen)"
                  for m in ("anggaran", "realisasi")}}
    index = {r: i for i, r in enumerate(view.frame["row_id"])}
    for a in audit.itertuples():
        key = a.measure if pd.isna(a.tahun) else f"{a.measure}_{int(a.tahun)}"
        cell = shown.at[index[a.row], headers[key]]
        assert cell.endswith("*"), (a.row, key)
        if a.kind == KIND_UNDEFINED_PRINTED:
            assert cell == "-*", (a.row, key)  # undefined ratio printed as 0,00: shown as "-"


def test_known_differences_named_in_the_note():
    note = ang.budget_table(cached_view(T2124, 2025)).note
    assert "Sosialisasi Kebijakan Pelaksanaan PUG Termasuk PPRG" in note and "65,20" in note
    assert "319 sel" in note and "316 di antaranya" in note
    note1920 = ang.budget_table(cached_view(T1920, 2025)).note
    assert "72 sel" in note1920
    assert "sama dengan rata-rata pertumbuhan tahunan" in note1920  # two years: they coincide


def test_growth_columns_for_four_years():
    table = ang.budget_table(cached_view(T2124, 2025))
    total = table.df.iloc[-1]
    assert format_number(total["Pertumbuhan total anggaran 2021–2024 (%) (konvensi dokumen)"], 2) == "31,14"
    assert format_number(total["Rata-rata pertumbuhan tahunan anggaran 2021–2024 (%)"], 2) == "11,27"
    growth = ang.growth_table(cached_view(T2124, 2025)).df.iloc[-1]
    assert format_number(growth["CAGR 2021–2024 (% per tahun)"], 2) == "9,46"
    # the P01 check of the domain notes: 5.830.362.584 -> 4.875.918.410 is -16,37
    p01 = ang.growth_table(cached_view(T2124, 2025)).df.iloc[0]
    assert format_number(p01["Pertumbuhan total 2021–2024 (%) (konvensi dokumen)"], 2) == "-16,37"


def test_html_is_escaped_and_bold():
    view = cached_view(T1920, 2025)
    frame = view.frame.copy()
    frame.loc[1, "uraian"] = "<script>alert(1)</script> & Co"
    table = ang.budget_table(dataclasses.replace(view, frame=frame))
    html = table.to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; Co" in html
    assert html.count('<tr style="font-weight:bold">') == len(table.bold_rows)


def test_xlsx_has_bold_program_rows(tmp_path):
    from openpyxl import load_workbook

    table = ang.budget_table(cached_view(T2124, 2025))
    _csv, xlsx = table.export(tmp_path)
    ws = load_workbook(xlsx).active
    assert ws.cell(row=3, column=1).value.startswith("PROGRAM") and ws.cell(row=3, column=1).font.bold
    assert ws.cell(row=4, column=1).value.startswith("· ") and not ws.cell(row=4, column=1).font.bold
    last = 2 + len(table.df)
    assert ws.cell(row=last, column=1).value == "JUMLAH" and ws.cell(row=last, column=1).font.bold
    assert isinstance(ws.cell(row=last, column=2).value, int)


def test_names():
    assert ang.title_case("PROGRAM PEMENUHAN HAK ANAK (PHA)") == "Program Pemenuhan Hak Anak (PHA)"
    assert ang.short_label("PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL") == "Perlindungan dan Jaminan Sosial"
    assert ang.short_label("Program Peningkatan Sarana dan Prasarana aparatur") == "Peningkatan Sarana dan Prasarana aparatur"
    assert ang.program_name("PROGRAM PENANGANAN BENCANA") == "Program Penanganan Bencana"


# --------------------------------------------------------------------------------------------
# narrative
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id, tahun", [(T1920, 2025), (T1920, 2020), (T2124, 2025), (T2124, 2023),
                                             (T2124, 2022)])
def test_narrative_numbers_are_table_numbers(table_id, tahun):
    view = cached_view(table_id, tahun)
    text = ang.narrative(view)
    allowed = shown_numbers(ang.budget_table(view), ang.growth_table(view))
    allowed |= {str(y) for y in range(2015, 2035)} | {str(n) for n in range(0, 11)}
    for number in numbers_in(text):
        assert number in allowed, (number, text)


def test_narrative_facts_2021_2024():
    view = cached_view(T2124, 2025)
    text = ang.narrative(view)
    sums = cached_leaf_sums(T2124)
    for y in range(2021, 2025):
        ratio = sums[("total", y, "realisasi")] / sums[("total", y, "anggaran")] * 100
        assert f"{format_number(ratio, 2)}% ({y})" in text
    assert "Rp 11.298.457.945 (2021)" in text and "Rp 14.817.179.710 (2024)" in text
    assert "31,14%" in text and "11,27%" in text and "9,46%" in text
    assert "bukan rata-rata" in text and "pertumbuhan total" in text
    assert "naik pada 2022, turun pada 2023 dan naik pada 2024" in text
    # largest increase by rupiah: recomputed independently
    changes = {}
    for r in load(T2124).query("level == 'program'").drop_duplicates("row_id").itertuples():
        f, l = sums.get((r.row_id, 2021, "anggaran")), sums.get((r.row_id, 2024, "anggaran"))
        if f is not None and l is not None:
            changes[r.uraian] = l - f
    top = max(changes, key=changes.get)
    assert ang.program_name(top) in text.split("Kenaikan anggaran terbesar")[1].split(";")[0]
    assert format_number(changes[top]) in text
    # lowest absorption per year among programs with a budget
    assert "2021: Program Penanganan Warga Negara Migran Korban Tindak Kekerasan (17,18%)" in text


def test_narrative_two_years_says_conventions_coincide():
    text = ang.narrative(cached_view(T1920, 2025))
    assert "sama dengan rata-rata pertumbuhan tahunan" in text
    assert "-10,64%" in text and "88,54% (2019)" in text


def test_narrative_one_year():
    text = ang.narrative(cached_view(T2124, 2022))
    assert "Pada 2021" in text and "Rp 11.298.457.945" in text and "91,60%" in text
    assert "Kenaikan" not in text


def test_share_frame_sums_to_100():
    view = cached_view(T2124, 2025)
    shares = ang.share_frame(view)
    for y in view.years:
        assert shares[y].sum() == pytest.approx(100.0)
    assert "P07" not in shares.index and "P11" not in shares.index  # never budgeted: not charted
    assert ang.unbudgeted_programs(view) == ["PROGRAM PENGELOLAAN TAMAN MAKAM PAHLAWAN",
                                             "PROGRAM PENGELOLAAN SISTEM DATA GENDER DAN ANAK"]


@pytest.mark.parametrize("tahun", [2022, 2025])
def test_charts_build(tahun):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    view = cached_view(T2124, tahun)
    for chart in (ang.program_chart, ang.absorption_chart, ang.share_chart):
        fig = chart(view)
        assert fig._suptitle is not None or fig.axes[0].get_title(loc="left")
        plt.close(fig)
