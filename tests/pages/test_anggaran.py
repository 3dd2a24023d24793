"""Page 02-3-2-anggaran (Bab II 2.3, the two budget tables): helpers/pages/anggaran and its notebook.

Expected values are recomputed here independently from ``helpers.core.data.load`` (sums of the
leaves below each row, ratios, growth), not taken from the module under test. The module must
also agree with ``helpers.core.derive.derived`` and ``helpers.core.audit`` (the audit page computes
the same figures). Numbers in the draft narratives are checked against the numbers shown in the
tables. The notebook is checked on the session-wide ``real_build`` (years 2022, 2025, 2029): a
history page, so 2022 shows 2019–2020 and only 2021 of the 2021–2024 table.
"""
import dataclasses
import functools
import re
import shutil

import pandas as pd
import pytest

from helpers.core.audit import KIND_UNDEFINED_PRINTED, audit_table, growth_alternatives
from helpers.core.data import load
from helpers.core.derive import derived
from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.core.opd import load_opd
from helpers.core.registry import page_spec
from helpers.core.years import shown_years
from helpers.pages import anggaran as ang
from helpers.pages.anggaran import charts
from helpers.pages.anggaran.narrative import review
from helpers.present import Figure, Narrative, Notice, Table
from support import DATA, assert_clean, same

STEM = "02-3-2-anggaran"
T1920, T2124 = ang.TABLE_2019_2020, ang.TABLE_2021_2024
TABLES = (T1920, T2124)
SLUGS = ("2-3-anggaran-2019-2020", "2-3-anggaran-2021-2024")
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


def jumlah(table_id: str, measure: str) -> dict[int, float]:
    """JUMLAH per year: the sum of the leaf rows (rows that are nobody's parent), blank skipped."""
    df = load(table_id)
    leaves = df[~df["row_id"].isin(set(df["parent_id"].dropna()))]
    return {int(t): float(g[measure].sum()) for t, g in leaves.groupby("tahun")}


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text.replace("Rp", "Rp "))  # EYD writes Rp4.660.671.000, the prefix glued on


def notes(table: Table) -> str:
    return "\n".join(table.all_notes())


def shown_numbers(*shown) -> set[str]:
    out = set()
    for table in shown:
        if not isinstance(table, Table):
            continue
        frame = table.display_frame()
        for c in table.columns:
            out.update(numbers_in(" ".join(c.path)))
        for c in frame.columns:
            for v in frame[c]:
                out.update(numbers_in(str(v).rstrip("*")))
        out.update(numbers_in(notes(table)))
    return out


def column_of(table: Table, key: str):
    return next(c for c in table.columns if c.key == key)


def row_of(view, row_id: str) -> int:
    return int(view.frame.index[view.frame["row_id"] == row_id][0])


# --------------------------------------------------------------------------------------------
# years
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun, expected", [
    (2020, []), (2021, []), (2022, [2021]), (2023, [2021, 2022]), (2024, [2021, 2022, 2023]),
    (2025, [2021, 2022, 2023, 2024]), (2029, [2021, 2022, 2023, 2024]),
])
def test_shown_years_2021_2024(tahun, expected):
    assert shown_years(range(2021, 2025), tahun) == expected
    view = cached_view(T2124, tahun)
    if expected:
        assert isinstance(view, ang.BudgetView) and view.years == expected
    else:
        assert isinstance(view, ang.NoBudget) and not view.absent


@pytest.mark.parametrize("tahun, expected", [(2020, [2019]), (2021, [2019, 2020]), (2029, [2019, 2020])])
def test_shown_years_2019_2020_always_shown_on_the_page(tahun, expected):
    assert shown_years([2019, 2020], tahun) == expected
    view = cached_view(T1920, tahun)
    assert isinstance(view, ang.BudgetView) and view.years == expected


def test_no_view_before_the_first_year():
    view = cached_view(T2124, 2021)
    notice = ang.budget_table(view)
    assert isinstance(notice, Notice)
    assert "2021–2024" in notice.text and "sampai 2020" in notice.text
    assert ang.growth_table(view) is None and ang.growth_section(view) is None
    assert ang.program_chart(view) is None and ang.absorption_chart(view) is None and ang.share_chart(view) is None
    assert ang.chart_section(view) is None
    text = ang.narrative(view)
    assert text.id == SLUGS[1] and "Belum ada data anggaran untuk tahun sebelum 2021" in text.text


def test_years_statement_names_the_shown_years():
    text = ang.years_statement(2023)
    assert "**2019–2020**" in text and "**2021–2022**" in text and "sebelum 2023" in text
    assert "Permendagri 90 Tahun 2019" in text and "`tahun`" not in text
    assert "belum ada data sebelum 2021" in ang.years_statement(2021)
    assert "belum ada data" not in text


def test_history_filter_columns_and_growth_between_shown_years():
    view = cached_view(T2124, 2023)
    table = ang.budget_table(view)
    keys = table.keys
    assert "anggaran_2021" in keys and "anggaran_2022" in keys
    assert not any("2023" in k or "2024" in k for k in keys)
    assert not any("2023" in " ".join(c.path) or "2024" in " ".join(c.path) for c in table.columns)
    growth = column_of(table, "pertumbuhan_total_anggaran")
    assert growth.path == ("Pertumbuhan total 2021–2022 (%) (konvensi dokumen)", "Anggaran")
    assert not any(k.startswith("rata_rata") for k in keys)  # one step: mean = total
    sums = cached_leaf_sums(T2124)
    a21, a22 = sums[("total", 2021, "anggaran")], sums[("total", 2022, "anggaran")]
    last = table.n_rows - 1
    assert table.data.at[last, "uraian"] == "JUMLAH"
    assert table.data.at[last, "pertumbuhan_total_anggaran"] == pytest.approx((a22 - a21) / a21 * 100)
    assert "Tahun 2021–2022" in table.caption
    # the document's growth (2021-2024) is not comparable: no growth cell is marked
    assert not [key for (_i, key) in table.marks if key.startswith("pertumbuhan")]
    assert [key for (_i, key) in table.marks if key.startswith("rasio")]  # yearly marks still shown
    assert "tidak dibandingkan" in notes(table)


def test_one_year_has_no_growth_columns():
    view = cached_view(T2124, 2022)
    table = ang.budget_table(view)
    assert [c for c in table.columns if "ertumbuhan" in " ".join(c.path)] == []
    assert table.keys == ["uraian", "anggaran_2021", "realisasi_2021", "rasio_2021"]
    assert "pertumbuhan belum dapat dihitung" in notes(table)
    growth = ang.growth_table(view)
    assert isinstance(growth, Notice) and "Hanya tahun 2021" in growth.text


# --------------------------------------------------------------------------------------------
# the document-layout table
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id", TABLES)
def test_rows_in_document_order_with_indentation(table_id):
    df = load(table_id)
    lines = df.drop_duplicates("row_id").sort_values("urutan")
    table = ang.budget_table(cached_view(table_id, 2025))
    assert list(table.data["uraian"]) == list(lines["uraian"]) + ["JUMLAH"]
    level = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}
    assert table.indent == {i: level[l] for i, l in enumerate(lines["level"]) if level[l]}
    programs = [i for i, l in enumerate(lines["level"]) if l == "program"]
    assert table.bold_rows == frozenset(programs + [len(lines)])
    assert table.name == table_id.replace("_", "-")
    # every row follows its parent
    parent_pos = {}
    for i, r in enumerate(lines.itertuples()):
        parent_pos[r.row_id] = i
        if not pd.isna(r.parent_id):
            assert parent_pos[r.parent_id] < i


def test_header_is_merged_by_measure():
    table = ang.budget_table(cached_view(T2124, 2025))
    top = [(cell.text, cell.colspan) for cell in table.header_rows()[0]]
    assert top[:4] == [("Uraian", 1), ("Anggaran (Rp)", 4), ("Realisasi (Rp)", 4), ("Rasio (%)", 4)]
    assert ("Pertumbuhan total 2021–2024 (%) (konvensi dokumen)", 2) in top
    assert ("Rata-rata pertumbuhan tahunan 2021–2024 (%)", 2) in top
    assert [c.text for c in table.header_rows()[1][:4]] == ["2021", "2022", "2023", "2024"]


@pytest.mark.parametrize("table_id", TABLES)
def test_every_amount_equals_the_sum_of_its_leaves(table_id):
    view = cached_view(table_id, 2025)
    table = ang.budget_table(view)
    sums = cached_leaf_sums(table_id)
    for i, row_id in enumerate(view.frame["row_id"]):
        for year in view.years:
            for measure in ("anggaran", "realisasi"):
                shown = table.data.at[i, f"{measure}_{year}"]
                assert same(shown, sums.get((row_id, year, measure))), (row_id, year, measure)


@pytest.mark.parametrize("table_id", TABLES)
def test_jumlah_is_sum_of_programs_and_programs_sum_of_children(table_id):
    view = cached_view(table_id, 2025)
    table = ang.budget_table(view)
    frame = view.frame
    for year in view.years:
        values = dict(zip(frame["row_id"], table.data[f"anggaran_{year}"]))
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
    table = ang.budget_table(view)
    last = table.n_rows - 1
    assert table.cell_text(last, column_of(table, "anggaran_2024")) == "14.817.179.710"
    assert table.cell_text(last, column_of(table, "rasio_2024")) == "95,35"


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
    assert len(d)
    for r in d.itertuples():
        name = (f"{r.column}_{int(r.tahun)}" if not pd.isna(r.tahun)
                else "growth_total_" + r.column.split("_", 1)[1])
        assert same(view.value(r.row, name), None if pd.isna(r.recomputed) else float(r.recomputed)), (r.row, name)


@pytest.mark.parametrize("table_id", TABLES)
def test_growth_frame_agrees_with_growth_alternatives(table_id):
    view = cached_view(table_id, 2025)
    g = ang.growth_frame(view).set_index("row_id")
    alt = growth_alternatives(table_id).set_index("row")
    assert len(alt)
    for row_id, a in alt.iterrows():
        assert same(g.at[row_id, "growth_total"], a["total_growth"]), row_id
        assert same(g.at[row_id, "growth_mean"], a["mean_yearly_growth"]), row_id
        assert same(g.at[row_id, "cagr"], a["cagr"]), row_id
        assert same(g.at[row_id, "printed"], a["printed"]), row_id


@pytest.mark.parametrize("table_id", TABLES)
def test_marks_follow_the_audit_and_carry_the_printed_value(table_id):
    view = cached_view(table_id, 2025)
    table = ang.budget_table(view)
    audit = audit_table(table_id)
    assert len(audit) and len(table.marks) == len(audit) == int(view.marks.to_numpy().sum())
    for a in audit.itertuples():
        key = (f"{a.measure}_{int(a.tahun)}" if not pd.isna(a.tahun)
               else "pertumbuhan_total_" + a.measure.split("_", 1)[1])
        i = row_of(view, a.row)
        text = table.cell_text(i, column_of(table, key))
        assert text.endswith("*"), (a.row, key)
        mark = table.marks[(i, key)]
        decimals = 0 if a.measure in ("anggaran", "realisasi") else 2
        assert mark.printed == ("kosong" if pd.isna(a.printed) else format_number(a.printed, decimals)), (a.row, key)
        if a.kind == KIND_UNDEFINED_PRINTED:
            assert text == "NA*" and not mark.listed, (a.row, key)  # undefined ratio printed as 0,00: shown as NA
        else:
            assert mark.listed, (a.row, key)


def test_known_differences_named_in_the_note():
    view = cached_view(T2124, 2025)
    table = ang.budget_table(view)
    note = notes(table)
    assert "Sosialisasi Kebijakan Pelaksanaan PUG Termasuk PPRG, Rasio (%) 2023: tercetak 0,00" in note
    i = row_of(view, "P08.K01.S01")
    assert table.cell_text(i, column_of(table, "rasio_2023")) == "65,20*"
    # 259 marked cells: 258 undefined ratios or growths printed 0,00 and one wrong ratio. (Before "-" was
    # read as nihil: 319 and 316, the 58 growths printed -100,00 over a blank last year among them.)
    assert "259 sel" in note and "Sebanyak 258 di antaranya" in note
    assert note.count("tercetak 0,00") == 1  # the 258 undefined cells are summarised, not listed
    note1920 = notes(ang.budget_table(cached_view(T1920, 2025)))
    assert "72 sel" in note1920 and "format angka Inggris (708,200,000 / 93.95)" in note1920
    assert "Baris JUMLAH tidak berlabel" in note1920 and "tidak berlabel" not in note
    assert "sama dengan rata-rata pertumbuhan tahunan" in note1920  # two years: they coincide


def test_growth_columns_for_four_years():
    table = ang.budget_table(cached_view(T2124, 2025))
    last = table.n_rows - 1
    assert format_number(table.data.at[last, "pertumbuhan_total_anggaran"], 2) == "31,14"
    assert format_number(table.data.at[last, "rata_rata_tahunan_anggaran"], 2) == "11,27"
    growth = ang.growth_table(cached_view(T2124, 2025))
    assert growth.name == "2-3-anggaran-2021-2024-pertumbuhan"
    assert growth.data.at[growth.n_rows - 1, "uraian"] == "JUMLAH" and growth.bold_rows == {growth.n_rows - 1}
    assert format_number(growth.data.at[growth.n_rows - 1, "cagr"], 2) == "9,46"
    # the P01 check of the domain notes: 5.830.362.584 -> 4.875.918.410 is -16,37
    assert growth.data.at[0, "anggaran_2021"] == 5830362584 and growth.data.at[0, "anggaran_2024"] == 4875918410
    assert format_number(growth.data.at[0, "pertumbuhan_total"], 2) == "-16,37"
    assert format_number(growth.data.at[0, "tercetak"], 2) == "-16,37"  # lost minus restored
    labels = [" ".join(c.path) for c in growth.columns]
    assert "Pertumbuhan total 2021–2024 (%) (konvensi dokumen)" in labels
    assert "Rata-rata pertumbuhan tahunan 2021–2024 (%)" in labels and "CAGR 2021–2024 (% per tahun)" in labels
    assert "\u201c016,37\u201d" in notes(growth)


def test_growth_table_two_years_has_no_separate_averages():
    growth = ang.growth_table(cached_view(T1920, 2025))
    assert "rata_rata_tahunan" not in growth.keys and "cagr" not in growth.keys
    assert "pertumbuhan total = rata-rata pertumbuhan tahunan = CAGR" in notes(growth)
    # partial range: the document's figure (over all years) is not shown next to ours
    partial = ang.growth_table(cached_view(T2124, 2023))
    assert "tercetak" not in partial.keys and not partial.marks


def test_html_is_escaped_bold_and_indented():
    from helpers.present.html import render_table

    view = cached_view(T1920, 2025)
    frame = view.frame.copy()
    frame.loc[1, "uraian"] = "<script>alert(1)</script> & Co"
    table = ang.budget_table(dataclasses.replace(view, frame=frame))
    html = render_table(table)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; Co" in html
    assert html.count('<tr class="total">') == len(table.bold_rows)
    assert html.count("indent-1") == sum(1 for level in frame["level"] if level == "kegiatan")
    assert 'title="tercetak 0,00"' in html


def test_xlsx_has_bold_program_rows_and_indented_kegiatan(tmp_path):
    from openpyxl import load_workbook

    from helpers.present.xlsx import write_xlsx

    table = ang.budget_table(cached_view(T2124, 2025))
    ws = load_workbook(write_xlsx(table, tmp_path / "t.xlsx")).active
    first = 2 + len(table.header_rows())
    assert ws.cell(row=first, column=1).value.startswith("PROGRAM") and ws.cell(row=first, column=1).font.bold
    kegiatan = ws.cell(row=first + 1, column=1)
    assert not kegiatan.font.bold and kegiatan.alignment.indent == 1
    last = first + table.n_rows - 1
    assert ws.cell(row=last, column=1).value == "JUMLAH" and ws.cell(row=last, column=1).font.bold
    assert isinstance(ws.cell(row=last, column=2).value, int)


def test_names():
    assert ang.program_name("PROGRAM PENANGANAN BENCANA") == "Program Penanganan Bencana"
    assert ang.program_name("Program Peningkatan Sarana dan Prasarana aparatur") == (
        "Program Peningkatan Sarana dan Prasarana aparatur")
    assert ang.program_name("PROGRAM PEMENUHAN HAK ANAK (PHA)") == "Program Pemenuhan Hak Anak (PHA)"


# --------------------------------------------------------------------------------------------
# narrative
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id, tahun", [(T1920, 2025), (T1920, 2020), (T2124, 2025), (T2124, 2023),
                                             (T2124, 2022)])
def test_narrative_numbers_are_table_numbers(table_id, tahun):
    view = cached_view(table_id, tahun)
    text = ang.narrative(view).text
    allowed = shown_numbers(ang.budget_table(view), ang.growth_table(view))
    allowed |= {str(y) for y in range(2015, 2035)} | {str(n) for n in range(0, 11)}
    ratios = [view.total[f"rasio_{y}"] for y in view.years]  # first-to-last change in percentage points
    allowed.add(format_number(abs(float(ratios[-1]) - float(ratios[0])), 2))
    totals = [float(view.total[f"anggaran_{y}"]) for y in view.years]  # first-to-last change in rupiah
    allowed.add(format_number(abs(totals[-1] - totals[0]), 0))
    numbers = numbers_in(text)
    assert numbers
    for number in numbers:
        assert number in allowed, (number, text)


def test_narrative_facts_2021_2024():
    view = cached_view(T2124, 2025)
    narrative = ang.narrative(view)
    assert isinstance(narrative, Narrative) and narrative.id == SLUGS[1]
    text = narrative.text
    sums = cached_leaf_sums(T2124)
    for y in range(2021, 2025):
        ratio = sums[("total", y, "realisasi")] / sums[("total", y, "anggaran")] * 100
        assert f"{format_number(ratio, 2)}% ({y})" in text
    assert f"{format_rupiah(11298457945)} (2021)" in text and f"{format_rupiah(14817179710)} (2024)" in text
    assert "31,14%" in text and "11,27%" in text and "9,46%" in text
    assert "Pertumbuhan total anggaran tahun 2021–2024 sebesar 31,14%" in text
    # the shape of the series with its turning points, then the first-to-last change
    assert ("Anggaran total berfluktuasi: naik dari Rp11.298.457.945 (2021) menjadi Rp13.460.533.842 (2022), turun "
            "menjadi Rp11.398.391.771 (2023), lalu naik menjadi Rp14.817.179.710 (2024); dari tahun 2021 ke tahun "
            "2024 secara keseluruhan meningkat sebesar Rp3.518.721.765 (31,14%).") in text
    assert "Rp " not in text and "-Rp" not in text
    assert "berkurang Rp1.509.509.328 atau 69,30%" in text  # a decrease worded, not "−Rp…"
    opd = load_opd()
    assert f"Tingkat penyerapan anggaran {opd.nama_pendek or opd.singkatan} (realisasi" in text
    # the document's convention is a finding for the reviewer, not report text
    assert "bukan rata-rata" not in text and "bukan rata-rata" in review(view)
    assert narrative.facts["JUMLAH anggaran 2024"] == 14817179710
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
    assert "tahun 2021 Program Penanganan Warga Negara Migran Korban Tindak Kekerasan (17,18%)" in text


def test_narrative_two_years_says_conventions_coincide():
    view = cached_view(T1920, 2025)
    text = ang.narrative(view).text
    assert "sama dengan rata-rata pertumbuhan tahunan" in review(view)
    assert "\u221210,64%" in text  # a true minus sign in prose
    assert "relatif stabil, yaitu 88,54% pada tahun 2019 dan 88,55% pada tahun 2020" in text  # the tone asked for


def test_narrative_one_year():
    text = ang.narrative(cached_view(T2124, 2022)).text
    assert "Pada tahun 2021" in text and format_rupiah(11298457945) in text and "91,60%" in text
    assert "Kenaikan" not in text


def test_share_frame_sums_to_100():
    view = cached_view(T2124, 2025)
    shares = ang.share_frame(view)
    for y in view.years:
        assert shares[y].sum() == pytest.approx(100.0)
    assert "P07" not in shares.index and "P11" not in shares.index  # never budgeted: not charted
    assert ang.unbudgeted_programs(view) == ["PROGRAM PENGELOLAAN TAMAN MAKAM PAHLAWAN",
                                             "PROGRAM PENGELOLAAN SISTEM DATA GENDER DAN ANAK"]


# --------------------------------------------------------------------------------------------
# charts
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun", [2022, 2025])
def test_charts_are_figures_with_titles_and_alt_text(tahun):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    view = cached_view(T2124, tahun)
    for chart, kind in ((ang.program_chart, "program"), (ang.absorption_chart, "penyerapan"),
                        (ang.share_chart, "porsi")):
        figure = chart(view)
        assert isinstance(figure, Figure) and figure.name == f"{SLUGS[1]}-{kind}"
        assert figure.fig._suptitle is not None or figure.fig.axes[0].get_title(loc="left")
        assert figure.alt.startswith("Grafik") and view.span in figure.alt and view.span in figure.caption
        assert "Permendagri 90 Tahun 2019" in figure.caption
        plt.close(figure.fig)


def test_alt_texts_summarise_the_charts():
    view = cached_view(T2124, 2025)
    sums = cached_leaf_sums(T2124)
    programs = load(T2124).query("level == 'program'").drop_duplicates("row_id")
    # program chart: the largest anggaran of the last year, computed independently
    budgets = {r.row_id: sums.get((r.row_id, 2024, "anggaran")) or 0 for r in programs.itertuples()}
    top = max(budgets, key=budgets.get)
    alt = charts.program_alt(view)
    assert format_rupiah(budgets[top]) in alt
    assert "Pengelolaan Taman Makam Pahlawan" in alt  # unbudgeted programs are named
    # absorption chart: JUMLAH's ratio of every year, and the lowest program ratio
    alt = charts.absorption_alt(view)
    for y in view.years:
        assert format_percent(sums[("total", y, "realisasi")] / sums[("total", y, "anggaran")] * 100, 2) in alt
    assert "Terendah: Penanganan Warga Negara Migran Korban Tindak Kekerasan (17,18%, 2021)" in alt
    # share chart: the largest share in the last year
    share = budgets[top] / sums[("total", 2024, "anggaran")] * 100
    assert f"({format_percent(share, 1)})" in charts.share_alt(view)
    one = charts.absorption_alt(cached_view(T2124, 2022))
    assert "Grafik batang mendatar" in one and "91,60% (2021)" not in one and "91,60%" in one


# --------------------------------------------------------------------------------------------
# another office's data: a table absent, no printed figures
# --------------------------------------------------------------------------------------------

def test_an_absent_table_is_stated_and_the_page_continues(data_copy):
    for folder, ext in (("tables", "csv"), ("tables", "yaml"), ("printed", "csv")):
        (data_copy / folder / f"{T2124}.{ext}").unlink()
    view = ang.budget_view(T2124, 2025, data_copy)
    assert isinstance(view, ang.NoBudget) and view.absent
    shown = ang.table_section(view)
    assert shown[0].startswith("## ") and isinstance(shown[1], Notice)
    assert shown[1].text == "Tabel anggaran dan realisasi 2021–2024 tidak tersedia dalam data."
    assert ang.growth_section(view) is None and ang.chart_section(view) is None
    assert ang.narrative_section(view) is None
    assert "tidak tersedia dalam data" in ang.years_statement(2025, data_copy)
    other = ang.budget_view(T1920, 2025, data_copy)
    assert isinstance(ang.budget_table(other), Table)


def test_without_printed_figures_nothing_is_said_about_them(data_copy):
    shutil.rmtree(data_copy / "printed")
    view = ang.budget_view(T2124, 2025, data_copy)
    table = ang.budget_table(view)
    assert not table.marks
    note = notes(table)
    assert "tercetak" not in note and "Tanda *" not in note
    growth = ang.growth_table(view)
    assert "tercetak" not in growth.keys and "016,37" not in notes(growth)
    text = ang.narrative(view).text + review(view)
    assert "angka tercetak" not in text and "bertanda" not in text
    note1920 = notes(ang.budget_table(ang.budget_view(T1920, 2025, data_copy)))
    assert "format angka Inggris" not in note1920 and "tidak berlabel" not in note1920
    assert ang.marks_statement(data_copy) is None and "tercetak" in ang.marks_statement(DATA)
    # the figures themselves do not change
    assert same(view.value("total", "anggaran_2024"), cached_view(T2124, 2025).value("total", "anggaran_2024"))


# --------------------------------------------------------------------------------------------
# the notebook (read from the shared build)
# --------------------------------------------------------------------------------------------

def assert_outputs(out, slugs, growth=True):
    for slug in slugs:
        for ext in ("csv", "xlsx"):
            assert (out / "tables" / f"{slug}.{ext}").is_file(), slug
            assert (out / "tables" / f"{slug}-pertumbuhan.{ext}").is_file() == (growth or slug != slugs[-1]), slug
        for kind in ("program", "penyerapan", "porsi"):
            assert (out / "figures" / f"{slug}-{kind}.png").is_file(), (slug, kind)
            assert (out / "figures" / f"{slug}-{kind}.svg").is_file(), (slug, kind)
        assert (out / "narasi" / f"{slug}.md").is_file(), slug


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_notebook_shows_all_years(real_build, tahun):
    assert_clean(real_build.notebook(STEM, tahun))
    text = real_build.text(STEM, tahun)
    assert_outputs(real_build.page_dir(STEM, tahun), list(SLUGS))
    anggaran, realisasi = jumlah(T2124, "anggaran"), jumlah(T2124, "realisasi")
    assert format_number(anggaran[2024]) == "14.817.179.710"
    for year in range(2021, 2025):
        assert format_number(anggaran[year]) in text
        assert format_number(realisasi[year] / anggaran[year] * 100, 2) in text
    growth = (anggaran[2024] - anggaran[2021]) / anggaran[2021] * 100
    assert format_number(growth, 2) == "31,14" and "31,14%" in text
    a1920 = jumlah(T1920, "anggaran")
    assert format_number(a1920[2019]) in text and format_number(a1920[2020]) in text
    assert "Tahun 2021–2024" in text and "Tahun 2019–2020" in text
    assert ">NA*</td>" in text  # undefined ratios printed as 0,00 by the document: "-" and marked
    assert "konvensi dokumen" in text and "Rata-rata pertumbuhan tahunan" in text and "CAGR" in text
    assert "Draf narasi" in text and "bukan rata-rata" in text
    assert f"**Tahun laporan {real_build.home(STEM, tahun)}.**" in text


def test_notebook_names_the_office_from_its_data(real_build):
    opd = load_opd(DATA)
    shown = real_build.visible(STEM, 2025)
    assert f"Perangkat daerah: {opd.lengkap}" in shown
    assert "tercetak di dokumen diberi tanda bintang (*)" in shown  # this data holds the printed figures
    assert f"Pelayanan Perangkat Daerah {opd.nama} Tahun 2021–2024" in shown  # heading from the schema
    assert "alt=\"Grafik panel per program" in real_build.html(STEM, 2025)


def test_notebook_2022_shows_2021_only(real_build):
    assert_clean(real_build.notebook(STEM, 2022))
    text = real_build.text(STEM, 2022)
    assert_outputs(real_build.page_dir(STEM, 2022), list(SLUGS), growth=False)
    anggaran = jumlah(T2124, "anggaran")
    assert format_number(anggaran[2021]) in text
    for year in (2022, 2023, 2024):
        assert format_number(anggaran[year]) not in text
    table = (real_build.page_dir(STEM, 2022) / "tables" / f"{SLUGS[1]}.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[0] == "uraian,anggaran_2021,realisasi_2021,rasio_2021"
    assert "Tahun 2021 " in text  # caption follows the shown years
    assert "pertumbuhan belum dapat dihitung" in text
    assert "**2021**" in text and "**2019–2020**" in text
    a1920 = jumlah(T1920, "anggaran")
    assert format_number(a1920[2020]) in text



def test_notebook_of_another_office(other_build):
    """The synthetic office: its own name in the headings and narratives, no printed figures, no marks."""
    opd = load_opd(other_build.data_dir)
    assert_clean(other_build.notebook(STEM, 2026))
    shown = other_build.visible(STEM, 2026)
    assert f"Perangkat daerah: {opd.lengkap}" in shown and f"Pelayanan Perangkat Daerah {opd.nama} Tahun" in shown
    assert f"anggaran {opd.nama_pendek or opd.singkatan} (realisasi terhadap anggaran" in shown  # the narrative names the office
    assert load_opd(DATA).pemerintah_daerah not in shown
    assert "Tanda *" not in shown and "tercetak" not in shown
    assert_outputs(other_build.page_dir(STEM, 2026), list(SLUGS))
