"""Recompute, from base figures, every derived figure the document printed.

One function per source table returns the recomputed figures keyed exactly like
``data/printed/<id>.csv`` (``row``, ``tahun``, ``column``) with the rule that produced each
one. Chapter notebooks use these to show corrected totals and mark differing cells; the
audit joins them with the printed figures (:mod:`helpers.core.audit`).
"""
from __future__ import annotations

from typing import Callable, Optional

import pandas as pd

from helpers.core import compute
from helpers.core.data import load, same_data_same_result, table_ids

DERIVED_COLUMNS = ("row", "tahun", "column", "recomputed", "rule")

RULE_ROW_SUM = "sum of row (Lk + Pr)"
RULE_COLUMN_SUM = "sum of rows"
RULE_CHILDREN = "sum of children"
RULE_RATIO = "realisasi/anggaran*100"
RULE_ACHIEVEMENT = "realisasi/target*100"
RULE_GROWTH = "(last-first)/first*100"
RULE_LAST = "final year's value (level indicator)"
RULE_SUM_YEARS = "sum of the five years"


def _frame(records: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=list(DERIVED_COLUMNS))
    return pd.DataFrame({
        "row": pd.array(df["row"].astype(str), dtype="string"),
        "tahun": pd.array(df["tahun"], dtype="Int64"),
        "column": pd.array(df["column"], dtype="string"),
        "recomputed": pd.array(df["recomputed"], dtype="Float64"),
        "rule": pd.array(df["rule"], dtype="string"),
    })


def _sum(series: pd.Series) -> Optional[float]:
    total = series.sum(min_count=1)
    return None if pd.isna(total) else float(total)


def staff(table_id: str, data_dir=None) -> pd.DataFrame:
    """Staff tables 2.2.1–2.2.5 and 2.2.2: row totals (L + P) and the Jumlah row."""
    df = load(table_id, data_dir)
    if "level" in df.columns:
        df = df[df["level"] != "kelompok"]
    records = []
    for row_id, group in df.groupby("row_id", sort=False):
        records.append((row_id, None, "jumlah", _sum(group["jumlah"]), RULE_ROW_SUM))
    by_sex = {sex: _sum(df.loc[df["jenis_kelamin"] == sex, "jumlah"]) for sex in ("L", "P")}
    grand = _sum(df["jumlah"])
    records += [("total", None, "jumlah_l", by_sex["L"], RULE_COLUMN_SUM),
                ("total", None, "jumlah_p", by_sex["P"], RULE_COLUMN_SUM),
                ("total", None, "jumlah", grand, RULE_COLUMN_SUM)]
    for text_total in ("jumlah_asn_teks", "jumlah_non_asn_teks"):
        records.append(("total", None, text_total, grand, RULE_COLUMN_SUM + " (total in the text)"))
    return _frame(records)


def sarana(data_dir=None) -> pd.DataFrame:
    """Buildings and vehicles: the "9 unit bangunan" of the text."""
    df = load("2_2_sarana", data_dir)
    buildings = df[df["jenis"] == "bangunan_kantor"]
    return _frame([("total", None, "jumlah_bangunan", _sum(buildings["jumlah"]), RULE_COLUMN_SUM)])


def ppks(data_dir=None) -> pd.DataFrame:
    """Tabel 2.3.2: the Total row per year."""
    df = load("2_3_2_ppks", data_dir)
    return _frame([("total", int(t), "jumlah", _sum(g["jumlah"]), RULE_COLUMN_SUM)
                   for t, g in df.groupby("tahun", sort=True)])


def end_of_period_targets(table_id: str, value_col: str, column: str, data_dir=None) -> pd.DataFrame:
    """End-of-period value per indicator (``no``): final year for levels, sum for counts."""
    df = load(table_id, data_dir)
    records = []
    for no, group in df.sort_values("tahun").groupby("no", sort=False):
        satuan = group["satuan"].iloc[0] if "satuan" in group else None
        rule = RULE_LAST if compute.end_of_period_rule(satuan) == "last" else RULE_SUM_YEARS
        records.append((str(no), None, column, compute.end_of_period(list(group[value_col]), satuan), rule))
    return _frame(records)


def kinerja_pelayanan(data_dir=None) -> pd.DataFrame:
    """Tabel 2.3.4: achievement ratio as the document computes it (realisasi/target×100).

    For the AKIP row (grades only) the document prints 100 when the realised grade reaches
    the target grade; that convention is reproduced (not met → no ratio).
    """
    df = load("2_3_4_kinerja_pelayanan", data_dir)
    records = []
    for row in df.itertuples():
        if not pd.isna(row.target_grade) or not pd.isna(row.realisasi_grade):
            met = compute.akip_met(None if pd.isna(row.realisasi_grade) else row.realisasi_grade,
                                   None if pd.isna(row.target_grade) else row.target_grade)
            value = 100.0 if met else None
            records.append((str(row.no), int(row.tahun), "rasio", value, "AKIP grade reached = 100"))
            continue
        records.append((str(row.no), int(row.tahun), "rasio",
                        compute.achievement_document(row.realisasi, row.target), RULE_ACHIEVEMENT))
    return _frame(records)


def budget(table_id: str, data_dir=None) -> pd.DataFrame:
    """Budget tables: parent roll-ups, grand total, ratio per year, growth first→last year."""
    df = load(table_id, data_dir)
    rolled = budget_rollup(df)
    years = sorted(int(t) for t in rolled["tahun"].unique())
    records = []
    parents = set(df["parent_id"].dropna())
    for row in rolled.itertuples():
        if row.row_id in parents:
            records.append((row.row_id, int(row.tahun), "anggaran", row.anggaran, RULE_CHILDREN))
            records.append((row.row_id, int(row.tahun), "realisasi", row.realisasi, RULE_CHILDREN))
        records.append((row.row_id, int(row.tahun), "rasio",
                        compute.budget_ratio(row.realisasi, row.anggaran), RULE_RATIO))
    totals = budget_totals(rolled)
    for row in totals.itertuples():
        records.append(("total", int(row.tahun), "anggaran", row.anggaran, RULE_CHILDREN))
        records.append(("total", int(row.tahun), "realisasi", row.realisasi, RULE_CHILDREN))
        records.append(("total", int(row.tahun), "rasio", compute.budget_ratio(row.realisasi, row.anggaran),
                        RULE_RATIO))
    first, last = years[0], years[-1]
    wide = pd.concat([rolled[["row_id", "tahun", "anggaran", "realisasi"]],
                      totals.assign(row_id="total")[["row_id", "tahun", "anggaran", "realisasi"]]])
    for row_id, group in wide.groupby("row_id", sort=False):
        by_year = group.set_index("tahun")
        for measure in ("anggaran", "realisasi"):
            f = by_year.at[first, measure] if first in by_year.index else None
            l = by_year.at[last, measure] if last in by_year.index else None
            records.append((row_id, None, f"pertumbuhan_{measure}", compute.growth_total(f, l), RULE_GROWTH))
    return _frame(records)


def budget_rollup(df: pd.DataFrame) -> pd.DataFrame:
    """Budget lines with every parent's anggaran and realisasi recomputed from its leaves."""
    return compute.rollup(df, id_col="row_id", parent_col="parent_id",
                          value_cols=["anggaran", "realisasi"], by=["tahun"])


def budget_totals(rolled: pd.DataFrame) -> pd.DataFrame:
    """Grand total per year: the sum of the top-level rows (programs)."""
    top = rolled[rolled["parent_id"].isna()]
    return (top.groupby("tahun", sort=True)[["anggaran", "realisasi"]]
            .sum(min_count=1).reset_index())


def rencana_program(data_dir=None) -> pd.DataFrame:
    """Tabel 4.1: pagu roll-ups per year, the JUMLAH row, end-of-period target and pagu per code.

    The document also prints yearly targets on the bidang urusan rows that add up the targets
    of their programs (different indicators and units); that sum is reproduced so the audit can
    compare it, and it is labelled for what it is.
    """
    df = load("4_1_rencana_program", data_dir)
    rolled = plan_rollup(df)
    parents = set(df["parent_kode"].dropna())
    records = []
    for row in rolled.itertuples():
        if row.kode in parents:
            records.append((row.kode, int(row.tahun), "pagu", row.pagu, RULE_CHILDREN))
    # Targets printed on bidang urusan rows: the sum of their programs' targets.
    top = df[df["parent_kode"].isna()]["kode"].unique()
    summed_targets = {}
    for kode in top:
        children = df[df["parent_kode"] == kode]
        for tahun, group in children.groupby("tahun"):
            value = _sum(group["target"])
            summed_targets[(kode, int(tahun))] = value
            records.append((kode, int(tahun), "target", value, RULE_CHILDREN + " (targets of different indicators)"))
    for kode, group in rolled.sort_values("tahun").groupby("kode", sort=False):
        satuan = group["satuan"].iloc[0]
        targets = list(group["target"])
        if kode in top:
            targets = [summed_targets.get((kode, int(t))) for t in group["tahun"]]
        rule = RULE_LAST if compute.end_of_period_rule(satuan) == "last" else RULE_SUM_YEARS
        records.append((kode, None, "target_akhir", compute.end_of_period(targets, satuan), rule))
        records.append((kode, None, "pagu_akhir", _sum(group["pagu"]), RULE_SUM_YEARS))
    totals = rolled[rolled["kode"].isin(top)].groupby("tahun", sort=True)["pagu"].sum(min_count=1)
    for tahun, value in totals.items():
        records.append(("total", int(tahun), "pagu", None if pd.isna(value) else float(value), RULE_CHILDREN))
    records.append(("total", None, "pagu_akhir", _sum(totals), RULE_SUM_YEARS))
    return _frame(records)


def plan_rollup(df: pd.DataFrame) -> pd.DataFrame:
    """Tabel 4.1 rows with every parent's pagu recomputed from its sub-kegiatan."""
    return compute.rollup(df, id_col="kode", parent_col="parent_kode", value_cols=["pagu"], by=["tahun"])


#: Levels of Tabel 4.1 that the budget table of the plan years shows (Permendagri 86/2017 T-C.24).
BUDGET_LEVELS = ("program", "kegiatan", "sub_kegiatan")
#: Where the anggaran of a plan-year budget line comes from.
SOURCE_IMPORT = "pagu impor (DPA)"
SOURCE_PLAN = "Tabel 4.1"


def plan_budget_rollup(lines: pd.DataFrame) -> pd.DataFrame:
    """:func:`plan_budget` lines with every parent recomputed from its leaves (:func:`budget_rollup`),
    except that a parent's ``realisasi`` stays unknown (None) while one of its leaves is unknown: an
    empty cell of an imported file is "not known yet", not nihil. The imported parent values are kept
    as ``anggaran_isian`` / ``realisasi_isian`` (to show where they differ from the recomputed ones)."""
    rolled = budget_rollup(lines)
    children: dict = {}
    for node, parent in zip(lines["row_id"], lines["parent_id"]):
        if parent is not None and not pd.isna(parent):
            children.setdefault(parent, []).append(node)
    out = rolled.copy()
    out["anggaran_isian"] = lines["anggaran"]
    out["realisasi_isian"] = lines["realisasi"]
    for tahun, group in lines.groupby("tahun", sort=False):
        known = {r: not pd.isna(v) for r, v in zip(group["row_id"], group["realisasi"])}

        def complete(node) -> bool:
            kids = children.get(node)
            return known[node] if not kids else all(complete(k) for k in kids)

        for i, node in zip(group.index, group["row_id"]):
            if children.get(node) and not complete(node):
                out.at[i, "realisasi"] = pd.NA
    return out


#: Table id → function(data_dir) returning recomputed figures keyed like data/printed/<id>.csv.
DERIVERS: dict[str, Callable[..., pd.DataFrame]] = {
    **{t: (lambda data_dir=None, _t=t: staff(_t, data_dir)) for t in (
        "2_2_1_pegawai_jabatan", "2_2_2_pegawai_honorer", "2_2_3_pegawai_golongan",
        "2_2_4_pegawai_eselon", "2_2_5_pegawai_pendidikan")},
    "2_2_sarana": sarana,
    "2_3_2_ppks": ppks,
    "2_3_3_spm_capaian": lambda data_dir=None: end_of_period_targets(
        "2_3_3_spm_capaian", "capaian", "capaian_akhir", data_dir),
    "2_3_4_kinerja_pelayanan": kinerja_pelayanan,
    "2_3_anggaran_2019_2020": lambda data_dir=None: budget("2_3_anggaran_2019_2020", data_dir),
    "2_3_anggaran_2021_2024": lambda data_dir=None: budget("2_3_anggaran_2021_2024", data_dir),
    "4_1_rencana_program": rencana_program,
    **{t: (lambda data_dir=None, _t=t: end_of_period_targets(_t, "target", "target_akhir", data_dir))
       for t in ("4_5_1_iku_target", "4_6_ikk_target")},
}


@same_data_same_result
def derived(table_id: str, data_dir=None) -> pd.DataFrame:
    """Recomputed derived figures of one table (empty frame when it has none; kept per data content)."""
    if table_id not in DERIVERS:
        return _frame([])
    return DERIVERS[table_id](data_dir=data_dir)


def derived_all(data_dir=None) -> dict[str, pd.DataFrame]:
    """Recomputed derived figures of every table present in the data directory."""
    return {t: derived(t, data_dir) for t in table_ids(data_dir) if t in DERIVERS}
