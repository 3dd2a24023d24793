"""Unit tests of helpers/bab4.py (Bab IV: Tabel 4.1, 4.4.1, 4.5.1, 4.6, 4.7) on the real data.

Expected values are recomputed here independently from ``helpers.core.data.load`` (sums of the
sub-kegiatan below each code by code prefix, end-of-period values by unit), not taken from the
module under test. The page must also agree with ``helpers.core.derive`` and ``helpers.core.audit``.
Numbers in the draft narratives are checked against the numbers shown in the page's tables.
"""
import functools
import math
import re

import pandas as pd
import pytest

from helpers import bab4
from helpers.core.audit import KIND_ARITHMETIC, KIND_MISSING_PRINTED, KIND_SUMMED_LEVEL, audit_table
from helpers.core.data import load
from helpers.core.derive import derived
from helpers.core.numbers import format_number

YEARS = list(range(2025, 2030))
NUMBER = re.compile(r"(?<![\w])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")
LEVEL_UNITS = {"%", "skor", "indeks", "rasio", "nilai"}


@functools.lru_cache(maxsize=None)
def view(tahun: int) -> bab4.PlanView:
    """plan_view computed once per tahun in this module (tests never mutate it)."""
    return bab4.plan_view(tahun)


@functools.lru_cache(maxsize=None)
def plan() -> pd.DataFrame:
    return load(bab4.TABLE_PLAN)


# --------------------------------------------------------------------------------------------
# independent recomputation
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def leaf_sums() -> dict:
    """(code, tahun) → sum of the pagu of the sub-kegiatan whose code starts with the code; None if all blank.

    Uses the code prefix, not parent_kode, and not helpers.core.compute.rollup. ``total`` = all leaves.
    """
    df = plan()
    leaves = df[df["level"] == "sub_kegiatan"]
    out = {}
    for kode in list(df["kode"].unique()) + ["total"]:
        mine = leaves if kode == "total" else leaves[(leaves["kode"] == kode) | leaves["kode"].str.startswith(kode + ".")]
        for t in YEARS:
            values = [float(v) for v in mine.loc[mine["tahun"] == t, "pagu"] if not pd.isna(v)]
            out[(kode, t)] = sum(values) if values else None
    return out


def grand_totals() -> dict[int, float]:
    df = plan()
    leaves = df[df["level"] == "sub_kegiatan"]
    return {t: float(leaves.loc[leaves["tahun"] == t, "pagu"].sum()) for t in YEARS}


def same(a, b, tol=1e-6) -> bool:
    a_missing = a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a))
    b_missing = b is None or b is pd.NA or (isinstance(b, float) and math.isnan(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return abs(float(a) - float(b)) <= tol


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def shown_numbers(*tables) -> set[str]:
    out = set()
    for table in tables:
        shown = table.display_frame()
        for c in shown.columns:
            out.update(numbers_in(str(c)))
            for v in shown[c]:
                out.update(numbers_in(str(v).rstrip("*")))
        out.update(numbers_in(table.note))
    return out


# --------------------------------------------------------------------------------------------
# roll-ups
# --------------------------------------------------------------------------------------------

def test_grand_total_per_year_is_the_sum_of_the_leaves():
    totals = grand_totals()
    v = view(2025)
    for t in YEARS:
        assert same(v.total[bab4.col("pagu", t)], totals[t]), t
    assert same(v.total["pagu_akhir"], sum(totals.values()))
    assert format_number(totals[2025]) == "14.445.744.207"
    assert format_number(totals[2026]) == "13.924.684.513"  # the document prints 13.684.684.513
    assert format_number(sum(totals.values())) == "76.989.173.925"


def test_every_row_pagu_is_the_sum_of_its_sub_kegiatan():
    sums = leaf_sums()
    v = view(2027)
    for r in v.frame.itertuples():
        for t in YEARS:
            assert same(getattr(r, bab4.col("pagu", t)), sums[(r.kode, t)]), (r.kode, t)
        present = [sums[(r.kode, t)] for t in YEARS if sums[(r.kode, t)] is not None]
        assert same(r.pagu_akhir, sum(present) if present else None), r.kode


def test_view_agrees_with_derive():
    d = derived(bab4.TABLE_PLAN)
    v = view(2025)
    for r in d.itertuples():
        if r.column == "pagu":
            assert same(v.value(r.row, bab4.col("pagu", int(r.tahun))), r.recomputed), (r.row, r.tahun)
        elif r.column == "pagu_akhir":
            assert same(v.value(r.row, "pagu_akhir"), r.recomputed), r.row
        elif r.column == "target_akhir" and v.row(r.row)["level"] != "bidang_urusan":
            assert same(v.value(r.row, "target_akhir"), r.recomputed), r.row


def test_bidang_urusan_rows_show_no_target():
    v = view(2025)
    for r in v.bidang.itertuples():
        for t in YEARS:
            assert getattr(r, bab4.col("target", t)) is pd.NA or pd.isna(getattr(r, bab4.col("target", t)))
        assert pd.isna(r.target_akhir)
    shown = bab4.plan_table(v).display_frame()
    rows = shown[shown[bab4.H_KODE].isin(["1.06", "2.08"])]
    for t in YEARS:
        assert list(rows[bab4.h_target(t)]) == ["-", "-"]
    assert list(rows[bab4.H_TARGET_AKHIR]) == ["-", "-"]


def test_bidang_and_program_shares_sum_to_100():
    v = view(2028)
    b = bab4.bidang_frame(v)
    parts = b[b["kode"] != bab4.TOTAL_ROW]
    for t in YEARS:
        assert abs(parts[bab4.col("porsi", t)].sum() - 100) < 1e-9
    assert abs(parts["porsi_akhir"].sum() - 100) < 1e-9
    p = bab4.program_frame(v)
    progs = p[p["kode"] != bab4.TOTAL_ROW]
    assert abs(progs["porsi_akhir"].sum() - 100) < 1e-9
    assert abs(progs["porsi_tahun"].fillna(0).sum() - 100) < 1e-9


def test_cumulative_progress_up_to_tahun():
    totals = grand_totals()
    for tahun in YEARS:
        v = view(tahun)
        g = bab4.year_frame(v)
        row = g[g["kode"] == bab4.TOTAL_ROW].iloc[0]
        expected = sum(totals[t] for t in YEARS if t <= tahun)
        assert same(row["kumulatif"], expected)
        assert same(row["porsi_kumulatif"], expected / sum(totals.values()) * 100)
    last = bab4.year_frame(view(2029))
    assert all(same(p, 100.0) for p, a in zip(last["porsi_kumulatif"], view(2029).frame["pagu_akhir"])
               if not pd.isna(a) and a > 0)


def test_growth_of_the_total():
    totals = grand_totals()
    p = bab4.program_frame(view(2025))
    row = p[p["kode"] == bab4.TOTAL_ROW].iloc[0]
    assert same(row["growth_total"], (totals[2029] - totals[2025]) / totals[2025] * 100)
    assert same(row["cagr"], ((totals[2029] / totals[2025]) ** (1 / 4) - 1) * 100)
    undefined = p[p["kode"] == "2.08.07"].iloc[0]  # no pagu in 2025: growth undefined, not 0
    assert pd.isna(undefined["growth_total"])


# --------------------------------------------------------------------------------------------
# end of period by unit
# --------------------------------------------------------------------------------------------

def test_end_of_period_rule_per_unit():
    df = plan()
    v = view(2025)
    checked = {"last": 0, "sum": 0}
    for kode, g in df[df["level"] != "bidang_urusan"].groupby("kode", sort=False):
        g = g.sort_values("tahun")
        targets = [None if pd.isna(x) else float(x) for x in g["target"]]
        present = [x for x in targets if x is not None]
        satuan = g["satuan"].iloc[0]
        if not present:
            expected = None
        elif not pd.isna(satuan) and satuan in LEVEL_UNITS:
            expected = [x for x in targets if x is not None][-1]
            checked["last"] += 1
        else:
            expected = sum(present)
            checked["sum"] += 1
        assert same(v.value(kode, "target_akhir"), expected), kode
    assert checked["last"] >= 10 and checked["sum"] >= 50


@pytest.mark.parametrize("kode, expected", [
    ("1.06.01", 81),            # skor: final year, not 73+75+77+79+81
    ("1.06.01.2.02", 100),      # %: the document prints 500
    ("1.06.01.2.01", 45),       # dokumen: 9 x 5
    ("2.08.02.2.03.0007", 3),   # 1+1+1 (the document prints 4)
])
def test_end_of_period_examples(kode, expected):
    assert view(2025).value(kode, "target_akhir") == expected


def test_end_of_period_indicator_tables():
    iku = bab4.indicator_frame(bab4.TABLE_IKU)
    df = load(bab4.TABLE_IKU)
    for no, g in df.groupby("no"):
        last = g.sort_values("tahun")["target"].iloc[-1]  # every IKU unit is a level unit
        assert same(iku.loc[iku["no"] == no, "target_akhir"].iloc[0], last)
    shown = bab4.iku_table(2025).display_frame()
    akip = shown[shown["Indikator"] == "Nilai AKIP"].iloc[0]
    assert akip["Kondisi awal periode"] == "BB (71,30)"
    assert akip["Target 2025"] == "BB (71,30)" and akip["Target 2029"] == "A (81,00)"
    assert akip[shown.columns[-1]] == "A (81,00)"
    rasio = shown[shown["No"] == "5"].iloc[0]
    assert rasio["Satuan"] == "rasio per 100.000" and rasio["Target 2025"] == "42"
    assert shown[shown["No"] == "1"].iloc[0]["Target 2026"] == "10,50"


# --------------------------------------------------------------------------------------------
# marks and audit
# --------------------------------------------------------------------------------------------

def test_marks_follow_the_audit():
    v = view(2026)
    audit = audit_table(bab4.TABLE_PLAN)
    assert len(audit) == 18
    assert (audit["kind"] == KIND_SUMMED_LEVEL).sum() == 9
    assert (audit["kind"] == KIND_ARITHMETIC).sum() == 8
    table = bab4.plan_table(v)
    assert int(table.marks.to_numpy().sum()) == 18
    shown = table.display_frame()
    row = shown[shown[bab4.H_KODE] == "2.08.02"].iloc[0]
    assert row[bab4.h_pagu(2026)] == "385.004.000*"
    assert row[bab4.H_TARGET_AKHIR] == "140*"
    total = shown.iloc[-1]
    assert total[bab4.H_URAIAN] == "JUMLAH" and total[bab4.h_pagu(2026)] == "13.924.684.513*"
    assert shown[shown[bab4.H_KODE] == "2.08.02.2.03"].iloc[0][bab4.h_pagu(2025)] == "0*"
    assert "tercetak 145.004.000, dihitung ulang 385.004.000" in table.note
    assert "1.06.01.2.02: 500 \u2192 100" in table.note


def test_year_view_marks_only_that_year():
    t2026 = bab4.year_table(view(2026))
    assert int(t2026.marks.to_numpy().sum()) == 3  # 2.08.02, 2.08 and JUMLAH
    t2027 = bab4.year_table(view(2027))
    assert not t2027.has_marks()


def test_biggest_error_is_traced_to_the_kegiatan_left_out():
    f = bab4.plan_facts(view(2025))
    b = f.biggest
    assert b["kode"] == "2.08.02" and b["tahun"] == 2026 and b["difference"] == 240_000_000
    assert b["left_out"]["kode"] == "2.08.02.2.03"
    assert {r["row"] for r in b["carried"]} == {"2.08", bab4.TOTAL_ROW}
    assert f.audit_total == 18 and f.audit_kinds[KIND_MISSING_PRINTED] == 1


# --------------------------------------------------------------------------------------------
# display builders keep document order
# --------------------------------------------------------------------------------------------

def test_plan_tables_keep_document_order():
    order = list(dict.fromkeys(plan()["kode"]))
    v = view(2025)
    for table in (bab4.plan_table(v), bab4.year_table(v)):
        codes = list(table.df[bab4.H_KODE])
        assert codes[:-1] == order and codes[-1] == ""
    uraian = list(bab4.plan_table(v).df[bab4.H_URAIAN])
    assert uraian[0] == "URUSAN PEMERINTAHAN B IDANG SOSIAL"
    assert uraian[2].startswith("· ") and uraian[3].startswith("· · ")
    assert uraian[-1] == "JUMLAH"
    programs = [k for k in order if k.count(".") == 2]
    assert list(bab4.program_table(v).df[bab4.H_KODE])[:-1] == programs


def test_priority_table_order_and_lookup():
    v = view(2025)
    g = bab4.priority_frame(v)
    assert list(g["row_id"]) == sorted(g["row_id"])
    df = plan()
    for r in g.itertuples():
        if r.kode is None or pd.isna(r.kode):
            assert pd.isna(r.pagu_tahun) and pd.isna(r.pagu_akhir)
            continue
        rows = df[df["kode"] == r.kode]
        assert same(r.pagu_tahun, rows.loc[rows["tahun"] == 2025, "pagu"].iloc[0])
    missing = bab4.priority_missing(g)
    assert list(missing["row_id"]) == [7]
    assert "Monitoring evaluasi dan pelaporan" in bab4.priority_missing_text(g)
    shown = bab4.priority_table(v).display_frame()
    assert list(shown["No"][:3]) == ["1", "", ""]
    assert shown["Sub Kegiatan"].iloc[0] == "1. Penyediaan Permakanan"
    assert shown.iloc[6]["Kode sub kegiatan (dicari di Tabel 4.1)"] == "-"


def test_spm_table_order_sections_and_empty_row():
    table = bab4.spm_table(2025)
    df = load(bab4.TABLE_SPM)
    order = list(dict.fromkeys(df["row_id"]))
    shown = table.display_frame()
    items = [i for i in range(len(shown)) if i not in table.section_rows]
    assert len(items) == len(order)
    uraian = dict(zip(df["row_id"], df["uraian"]))
    for i, row_id in zip(items, order):
        assert shown.iloc[i]["Indikator Kinerja / Jenis Layanan SPM"].lstrip("· ") == uraian[row_id]
    sections = [shown.iloc[i]["Indikator Kinerja / Jenis Layanan SPM"] for i in table.section_rows]
    assert sections == ["· Terjadi Bencana", "· Tidak Terjadi Bencana (100% dengan catatan melakukan 3 tahapan)"]
    assert all(shown.iloc[table.section_rows[0]][c] == "" for c in ("Tahun dasar 2024", "Target 2025"))
    last = shown.iloc[-1]
    assert last["Satuan"] == "kab/kota" and last["Target 2029"] == "-"
    assert shown.iloc[0]["Indikator Kinerja / Jenis Layanan SPM"].startswith("Rehabilitasi")
    assert shown.iloc[1]["Indikator Kinerja / Jenis Layanan SPM"].startswith("· ")


def test_indicator_tables_in_no_order():
    for table_id, fn in ((bab4.TABLE_IKU, bab4.iku_table), (bab4.TABLE_IKK, bab4.ikk_table)):
        df = load(table_id)
        shown = fn(2027).df
        assert list(shown["No"]) == [str(n) for n in sorted(df["no"].unique())]
        assert fn(2027).highlight_columns == ["Target 2027"]


# --------------------------------------------------------------------------------------------
# narratives
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun", YEARS)
def test_plan_narrative_numbers_are_table_numbers(tahun):
    v = view(tahun)
    text = bab4.plan_narrative(v)
    allowed = shown_numbers(bab4.plan_table(v), bab4.year_table(v), bab4.bidang_table(v), bab4.program_table(v))
    allowed |= {str(y) for y in range(2020, 2035)} | {str(n) for n in range(0, 11)}
    counts = plan().drop_duplicates("kode")["level"].value_counts()
    allowed |= {format_number(n) for n in counts}  # 2 bidang, 10 program, 28 kegiatan, 98 sub kegiatan
    for number in numbers_in(text):
        assert number in allowed, (number, text)


def test_plan_narrative_facts():
    totals = grand_totals()
    text = bab4.plan_narrative(view(2027))
    assert "Rp 76.989.173.925" in text
    assert f"Rp {format_number(totals[2027])}" in text
    assert f"Rp {format_number(totals[2025] + totals[2026] + totals[2027])}" in text
    assert "98 sub kegiatan" in text and "28 kegiatan" in text
    assert "18 sel" in text and "Rp 240.000.000" in text and "2.08.02.2.03" in text
    assert "\u201c500 %\u201d" in text and "turun pada 2026" in text
    assert "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota Rp 29.498.459.931 (38,32%)" in text
    first = bab4.plan_narrative(view(2025))
    assert "tahun pertama rencana" in first


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_iku_narrative_numbers_are_table_numbers(tahun):
    text = bab4.iku_narrative(tahun)
    allowed = shown_numbers(bab4.iku_table(tahun)) | {str(y) for y in range(2020, 2035)}
    for number in numbers_in(text):
        assert number in allowed, (number, text)
    assert "BB (71,30)" in text and "A (81,00)" in text


# --------------------------------------------------------------------------------------------
# table class, charts, parameters
# --------------------------------------------------------------------------------------------

def test_html_escaped_highlighted_and_bold():
    df = pd.DataFrame({"Kode": ["1", ""], "Uraian": ["<script>x</script>", "JUMLAH"], "Pagu 2025 (Rp)": [1.0, 2.0]})
    t = bab4.PlanTable(df, "Uji & coba", kinds={"Pagu 2025 (Rp)": "rupiah"}, bold_rows=[1],
                       highlight_columns=["Pagu 2025 (Rp)"])
    html = t.to_html()
    assert "<script>x" not in html and "&lt;script&gt;" in html and "Uji &amp; coba" in html
    assert '<tr style="font-weight:bold">' in html and bab4.HIGHLIGHT in html


def test_xlsx_keeps_bold_and_highlight(tmp_path):
    from openpyxl import load_workbook

    table = bab4.bidang_table(view(2026))
    table.export(tmp_path)
    ws = load_workbook(tmp_path / "tables" / "tabel-4-1-rekap-bidang-urusan.xlsx").active
    last_row = len(table.df) + 2
    assert ws.cell(row=last_row, column=3).font.bold  # JUMLAH
    col = list(table.df.columns).index(bab4.h_pagu(2026)) + 1
    assert ws.cell(row=3, column=col).fill.fgColor.rgb.endswith("FFF3C4")
    assert ws.cell(row=last_row, column=col).value == 13924684513


@pytest.mark.parametrize("tahun", [2025, 2029])
def test_charts_build(tahun):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for fig in (bab4.program_chart(view(tahun)), bab4.share_chart(view(tahun))):
        ax = fig.axes[0]
        assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
        assert str(tahun) in ax.get_title(loc="left")
        plt.close(fig)


def test_bad_tahun_is_refused_clearly():
    with pytest.raises(ValueError, match=r"tahun=2024 .*2025–2029"):
        bab4.plan_view(2024)
