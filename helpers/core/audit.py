"""Audit: compare every derived figure the document printed with the recomputed one.

A printed figure "agrees" when it is within half a unit of its last printed decimal of the
recomputed value (``95,18`` agrees with 95,1849; ``100`` with 99,6), so rounding is never
reported as an error, and rupiah amounts must match to the rupiah. Everything else is a
discrepancy, classified by kind (:data:`KINDS`) so that the reader sees *why* it differs.
"""
from __future__ import annotations

import math
import re
from typing import Optional

import pandas as pd

from helpers.core import compute
from helpers.core.data import load, load_printed, read_schema, table_ids
from helpers.core.derive import DERIVERS, derived

#: Columns of discrepancies.csv, as the consultants asked for them (the audit page's full listing,
#: ``tables/discrepancies.csv``, has exactly these).
DISCREPANCY_COLUMNS = ("table", "row", "column", "printed", "recomputed", "difference", "rule")
#: Extra columns of the detailed listing.
DETAIL_COLUMNS = DISCREPANCY_COLUMNS + ("tahun", "measure", "kind", "printed_text", "table_number", "label")

RULE_SUM_YEARS_TEXT = "sum of the five years"
KIND_ARITHMETIC = "selisih aritmetika"
KIND_UNDEFINED_PRINTED = "rasio/pertumbuhan tak terdefinisi dicetak sebagai angka"
KIND_SUMMED_LEVEL = "persentase/skor dijumlahkan lima tahun"
KIND_WRONG_YEAR = "dihitung terhadap target tahun lain"
KIND_MISSING_PRINTED = "angka turunan tidak dicetak"
#: Order in listings: real arithmetic errors first, conventions last.
KIND_ORDER = ("selisih aritmetika", "persentase/skor dijumlahkan lima tahun", "dihitung terhadap target tahun lain",
              "angka turunan tidak dicetak", "rasio/pertumbuhan tak terdefinisi dicetak sebagai angka")
KINDS = {
    KIND_ARITHMETIC: "Angka yang dicetak tidak sama dengan hasil penjumlahan/pembagian angka dasarnya "
                     "(salah jumlah, salah ketik, atau baris anak yang tidak ikut dijumlahkan).",
    KIND_UNDEFINED_PRINTED: "Pembagi bernilai 0 atau kosong (mis. anggaran 0, tahun awal 0), sehingga rasio "
                            "atau pertumbuhan tidak terdefinisi, tetapi dokumen mencetak angka (biasanya 0,00).",
    KIND_SUMMED_LEVEL: "Target akhir periode untuk indikator persentase/skor/indeks dijumlahkan selama lima "
                       "tahun (mis. 5 × 100 = 500 %), padahal seharusnya nilai tahun terakhir.",
    KIND_WRONG_YEAR: "Rasio capaian dihitung terhadap target tahun lain, bukan target tahun yang sama.",
    KIND_MISSING_PRINTED: "Dokumen mengosongkan sel ('-') padahal angka dasarnya ada.",
}


def printed_decimals(text: object, value: Optional[float] = None) -> int:
    """Decimals shown in a printed cell (``95,18`` → 2, ``708,200,000`` → 0, ``99,083`` → 3).

    A last group of three digits is a thousands group when the cell has several separators
    (``1.234.567``) or when the parsed ``value`` is that whole number (``1,671`` read as 1671).
    """
    s = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text).strip()
    match = re.search(r"[.,](\d+)$", s)
    if not match:
        return 0
    digits = match.group(1)
    if len(digits) == 3:
        separators = s.count(".") + s.count(",")
        whole = re.sub(r"[^0-9]", "", s).lstrip("0") or "0"
        if separators > 1:
            return 0
        if value is not None and not pd.isna(value) and float(value) == int(float(value)) \
                and str(abs(int(float(value)))) == whole:
            return 0
    return len(digits)


def tolerance(text: object, value: Optional[float] = None) -> float:
    """Half a unit of the last printed decimal (rounding is not an error)."""
    return 0.5 * 10 ** (-printed_decimals(text, value)) + 1e-9


def lost_minus_sign(text: object) -> bool:
    """True for a growth cell printed with a leading 0 standing for a minus sign (``016,37``)."""
    s = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text).strip()
    return len(s) > 1 and s[0] == "0" and s[1].isdigit()


def _label_lookup(table_id: str, data_dir) -> dict[str, str]:
    """Human label (uraian/indikator/jabatan) for each row key of a table."""
    try:
        df = load(table_id, data_dir)
    except Exception:  # noqa: BLE001 - labels are a convenience; the audit must still run
        return {}
    key = next((c for c in ("row_id", "kode", "no") if c in df.columns), None)
    label = next((c for c in ("uraian", "indikator", "jabatan", "jenis", "nama") if c in df.columns), None)
    if key is None or label is None:
        return {}
    return {str(k): str(v) for k, v in zip(df[key], df[label])}


def _wrong_year_target(table_id: str, row: str, tahun, printed: float, data_dir) -> bool:
    if table_id != "2_3_4_kinerja_pelayanan" or pd.isna(tahun):
        return False
    df = load(table_id, data_dir)
    rows = df[df["no"].astype(str) == row]
    real = rows.loc[rows["tahun"] == tahun, "realisasi"]
    if real.empty or pd.isna(real.iloc[0]):
        return False
    for other in rows.itertuples():
        if other.tahun != tahun and not pd.isna(other.target) and other.target:
            if abs(real.iloc[0] / other.target * 100 - printed) <= 0.5:
                return True
    return False


def _summed_level(table_id: str, row: str, data_dir, printed: float) -> bool:
    df = load(table_id, data_dir)
    key = "kode" if "kode" in df.columns else "no"
    rows = df[df[key].astype(str) == row]
    if rows.empty or "target" not in rows.columns:
        return False
    total = rows["target"].sum(min_count=1)
    return not pd.isna(total) and abs(float(total) - printed) < 1e-6


def audit_table(table_id: str, data_dir=None) -> pd.DataFrame:
    """Every printed derived figure of one table that disagrees with its recomputation."""
    printed = load_printed(table_id, data_dir)
    if printed.empty or table_id not in DERIVERS:
        return pd.DataFrame(columns=list(DETAIL_COLUMNS))
    recomputed = derived(table_id, data_dir)
    merged = printed.merge(recomputed, on=["row", "tahun", "column"], how="left")
    labels = _label_lookup(table_id, data_dir)
    schema = read_schema(table_id, data_dir)
    number = schema.number or schema.title
    out = []
    for r in merged.itertuples():
        p = None if pd.isna(r.value) else float(r.value)
        c = None if pd.isna(r.recomputed) else float(r.recomputed)
        rule = "" if pd.isna(r.rule) else str(r.rule)
        if p is None and c is None:
            continue
        if p is not None and c is not None and abs(p - c) <= tolerance(r.printed, p):
            continue
        if p == 0 and c is None and rule in ("sum of children", "sum of rows", RULE_SUM_YEARS_TEXT):
            continue  # all children blank, printed as 0: the same "nothing"
        if p is not None and c is None:
            if pd.isna(r.rule):
                rule = "no recomputation defined"
            kind = KIND_UNDEFINED_PRINTED if ("/" in rule or "AKIP" in rule) else KIND_ARITHMETIC
            if kind == KIND_UNDEFINED_PRINTED:
                rule = f"{rule} (undefined: divisor 0 or blank)"
        elif p is None:
            kind = KIND_MISSING_PRINTED
        elif r.column == "target_akhir" and "final year" in rule and _summed_level(table_id, r.row, data_dir, p):
            kind = KIND_SUMMED_LEVEL
        elif r.column == "rasio" and _wrong_year_target(table_id, r.row, r.tahun, p, data_dir):
            kind = KIND_WRONG_YEAR
        else:
            kind = KIND_ARITHMETIC
        column = str(r.column) if pd.isna(r.tahun) else f"{r.column}_{int(r.tahun)}"
        out.append({
            "table": table_id, "row": r.row, "column": column, "printed": p, "recomputed": c,
            "difference": (p - c) if p is not None and c is not None else None, "rule": rule,
            "tahun": None if pd.isna(r.tahun) else int(r.tahun), "measure": r.column, "kind": kind,
            "printed_text": r.printed, "table_number": number, "label": labels.get(str(r.row), ""),
        })
    return pd.DataFrame(out, columns=list(DETAIL_COLUMNS))


def audited_tables(data_dir=None) -> list[str]:
    """Tables whose printed derived figures (``printed/<id>.csv``) can be recomputed; empty when the
    data directory holds no printed figures (another office's data need not have them)."""
    return [t for t in table_ids(data_dir) if t in DERIVERS and not load_printed(t, data_dir).empty]


def audit_all(data_dir=None) -> pd.DataFrame:
    """Discrepancies of every table, largest absolute differences first within each table."""
    frames = [audit_table(t, data_dir) for t in table_ids(data_dir) if t in DERIVERS]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(DETAIL_COLUMNS))
    result = pd.concat(frames, ignore_index=True)
    priority = {k: i for i, k in enumerate(KIND_ORDER)}
    result["_kind"] = result["kind"].map(priority)
    result["_abs"] = pd.to_numeric(result["difference"], errors="coerce").abs()
    result = result.sort_values(["_kind", "table", "_abs"], ascending=[True, True, False], na_position="last")
    return result.drop(columns=["_kind", "_abs"]).reset_index(drop=True)


def conventions(data_dir=None) -> pd.DataFrame:
    """How many printed cells agree with each rule: proof of the document's own conventions.

    For growth columns it also counts the cells printed with a lost minus sign, and checks
    whether the printed growth matches total growth or the mean of yearly growth rates.
    """
    rows = []
    for table_id in table_ids(data_dir):
        if table_id not in DERIVERS:
            continue
        printed = load_printed(table_id, data_dir)
        if printed.empty:
            continue
        merged = printed.merge(derived(table_id, data_dir), on=["row", "tahun", "column"], how="inner")
        merged = merged[merged["value"].notna() & merged["recomputed"].notna()]
        for rule, group in merged.groupby("rule"):
            agree = sum(abs(float(v) - float(c)) <= tolerance(t, v)
                        for v, c, t in zip(group["value"], group["recomputed"], group["printed"]))
            lost = sum(lost_minus_sign(t) for t in group["printed"]) if "first" in str(rule) else 0
            rows.append({"table": table_id, "rule": rule, "cells": len(group), "agree": agree,
                         "lost_minus_sign": lost})
    return pd.DataFrame(rows, columns=["table", "rule", "cells", "agree", "lost_minus_sign"])


def growth_alternatives(table_id: str, data_dir=None) -> pd.DataFrame:
    """For a budget table: printed growth next to total growth, mean yearly growth and CAGR."""
    from helpers.core.derive import budget_rollup, budget_totals

    df = load(table_id, data_dir)
    rolled = budget_rollup(df)
    printed = load_printed(table_id, data_dir)
    top = rolled[rolled["parent_id"].isna()][["row_id", "uraian", "tahun", "anggaran", "realisasi"]]
    totals = budget_totals(rolled).assign(row_id="total", uraian="Jumlah")
    rows = []
    for row_id, group in pd.concat([top, totals]).groupby("row_id", sort=False):
        group = group.sort_values("tahun")
        values = [None if pd.isna(v) else float(v) for v in group["anggaran"]]
        p = printed[(printed["row"] == row_id) & (printed["column"] == "pertumbuhan_anggaran")]
        rows.append({
            "row": row_id, "uraian": group["uraian"].iloc[0],
            "printed": None if p.empty or pd.isna(p["value"].iloc[0]) else float(p["value"].iloc[0]),
            "total_growth": compute.growth_total(values[0], values[-1]),
            "mean_yearly_growth": compute.growth_mean_annual(values),
            "cagr": compute.cagr(values[0], values[-1], len(values) - 1),
        })
    return pd.DataFrame(rows)


def summary_by(discrepancies: pd.DataFrame, by: str) -> pd.DataFrame:
    """Count and sum of absolute differences per ``table``, ``rule`` or ``kind``."""
    if discrepancies.empty:
        return pd.DataFrame(columns=[by, "cells", "abs_difference"])
    d = discrepancies.assign(abs_difference=pd.to_numeric(discrepancies["difference"], errors="coerce").abs())
    return (d.groupby(by).agg(cells=("row", "size"), abs_difference=("abs_difference", "sum"))
            .reset_index().sort_values("cells", ascending=False))


def is_close(printed_text: str, value: Optional[float], recomputed: Optional[float]) -> bool:
    """True when a printed figure agrees with the recomputed one within rounding tolerance."""
    if value is None or recomputed is None or (isinstance(value, float) and math.isnan(value)):
        return value is None and recomputed is None
    return abs(value - recomputed) <= tolerance(printed_text, value)


RUPIAH_MEASURES = ("anggaran", "realisasi", "pagu", "pagu_akhir")
PEOPLE_TABLES = ("2_2_1_pegawai_jabatan", "2_2_2_pegawai_honorer", "2_2_3_pegawai_golongan",
                 "2_2_4_pegawai_eselon", "2_2_5_pegawai_pendidikan", "2_3_2_ppks")


def largest(discrepancies: pd.DataFrame, kind: str, n: int = 10) -> pd.DataFrame:
    """The ``n`` largest absolute differences in rupiah (``kind="rupiah"``) or in people (``"orang"``)."""
    if discrepancies.empty:
        return discrepancies
    if kind == "rupiah":
        subset = discrepancies[discrepancies["measure"].isin(RUPIAH_MEASURES)]
    elif kind == "orang":
        subset = discrepancies[discrepancies["table"].isin(PEOPLE_TABLES)]
    else:
        raise ValueError("kind must be 'rupiah' or 'orang'")
    subset = subset[subset["difference"].notna()]
    order = pd.to_numeric(subset["difference"], errors="coerce").abs().sort_values(ascending=False).index
    return subset.loc[order].head(n)
