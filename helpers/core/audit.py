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
from helpers.core.data import load, load_printed, read_schema, same_data_same_result, table_ids
from helpers.core.derive import DERIVERS, derived

#: Columns of discrepancies.csv, as the consultants asked for them (the audit page's full listing,
#: ``tables/discrepancies.csv``, has exactly these).
DISCREPANCY_COLUMNS = ("table", "row", "column", "printed", "recomputed", "difference", "rule")
#: Extra columns of the detailed listing: ``kind`` is the class of difference (:data:`KINDS`),
#: ``status`` what it is for a reader (:data:`STATUSES`), ``cause`` its root cause in Indonesian,
#: ``root`` the id (``table|row|column``) of the error a knock-on follows from, ``unit`` the unit
#: of the difference (Rp, orang, jiwa, %, or the indicator's satuan).
DETAIL_COLUMNS = DISCREPANCY_COLUMNS + ("tahun", "measure", "kind", "printed_text", "table_number", "label",
                                        "status", "cause", "root", "unit")

#: What a differing cell is. ``error``: a printed figure that is wrong at its root; ``knock_on``: wrong
#: only because a figure it adds up is wrong (its ``root`` names that error); ``convention_inferred``:
#: a real difference that the figures show follows a rule of the document's own, inferred from them
#: (a ratio against another year's target); ``convention``: not an error of arithmetic but a
#: convention of the document (an undefined ratio printed as 0, percentages summed over five years),
#: listed apart (``discrepancies-konvensi.csv``).
STATUS_ERROR, STATUS_KNOCK_ON, STATUS_INFERRED, STATUS_CONVENTION = (
    "error", "knock_on", "convention_inferred", "convention")
STATUSES = (STATUS_ERROR, STATUS_KNOCK_ON, STATUS_INFERRED, STATUS_CONVENTION)
REAL_STATUSES = (STATUS_ERROR, STATUS_KNOCK_ON, STATUS_INFERRED)

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
    KIND_MISSING_PRINTED: "Dokumen mengosongkan sel padahal angka dasarnya ada.",
}
#: Kinds that are conventions of the document, not errors of arithmetic.
CONVENTION_KINDS = (KIND_UNDEFINED_PRINTED, KIND_SUMMED_LEVEL)


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


#: Outcome of a printed cell: it agrees, or neither the document nor the recomputation has a
#: number (nothing to compare), or it differs (a row of :func:`audit_table`).
OUTCOME_AGREE, OUTCOME_NOTHING, OUTCOME_DIFFERS = "cocok", "tidak ada angka", "berbeda"


def _compare(r) -> tuple[str, Optional[float], Optional[float], str]:
    """``(outcome, printed, recomputed, rule)`` of one printed cell merged with its recomputation."""
    p = None if pd.isna(r.value) else float(r.value)
    c = None if pd.isna(r.recomputed) else float(r.recomputed)
    rule = "" if pd.isna(r.rule) else str(r.rule)
    if p is None and c is None:
        return OUTCOME_NOTHING, p, c, rule
    if p is not None and c is not None and abs(p - c) <= tolerance(r.printed, p):
        return OUTCOME_AGREE, p, c, rule
    if p == 0 and c is None and rule in ("sum of children", "sum of rows", RULE_SUM_YEARS_TEXT):
        return OUTCOME_AGREE, p, c, rule  # "-" (nihil) over children without any figure: the same "nothing"
    return OUTCOME_DIFFERS, p, c, rule


@same_data_same_result
def printed_cells(table_id: str, data_dir=None) -> pd.DataFrame:
    """Every printed derived figure of one table with its ``outcome`` (:data:`OUTCOME_AGREE` …)."""
    printed = load_printed(table_id, data_dir)
    if printed.empty or table_id not in DERIVERS:
        return pd.DataFrame(columns=["table", "row", "tahun", "column", "outcome"])
    merged = printed.merge(derived(table_id, data_dir), on=["row", "tahun", "column"], how="left")
    out = [{"table": table_id, "row": r.row, "tahun": r.tahun, "column": r.column, "outcome": _compare(r)[0]}
           for r in merged.itertuples()]
    return pd.DataFrame(out, columns=["table", "row", "tahun", "column", "outcome"])


@same_data_same_result
def audit_table(table_id: str, data_dir=None) -> pd.DataFrame:
    """Every printed derived figure of one table that disagrees with its recomputation, classified
    (``kind``) and explained (``status``, ``cause``, ``root``, ``unit``: :func:`explain`)."""
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
        outcome, p, c, rule = _compare(r)
        if outcome != OUTCOME_DIFFERS:
            continue
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
            "status": None, "cause": None, "root": None, "unit": None,
        })
    return explain(pd.DataFrame(out, columns=list(DETAIL_COLUMNS)), table_id, data_dir)


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
    columns = ["table", "rule", "cells", "agree", "lost_minus_sign"]
    frames = [table_conventions(t, data_dir) for t in table_ids(data_dir) if t in DERIVERS]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


@same_data_same_result
def table_conventions(table_id: str, data_dir=None) -> pd.DataFrame:
    """:func:`conventions` of one table (kept per content of what it read)."""
    columns = ["table", "rule", "cells", "agree", "lost_minus_sign"]
    printed = load_printed(table_id, data_dir)
    if printed.empty:
        return pd.DataFrame(columns=columns)
    merged = printed.merge(derived(table_id, data_dir), on=["row", "tahun", "column"], how="inner")
    merged = merged[merged["value"].notna() & merged["recomputed"].notna()]
    rows = []
    for rule, group in merged.groupby("rule"):
        agree = sum(abs(float(v) - float(c)) <= tolerance(t, v)
                    for v, c, t in zip(group["value"], group["recomputed"], group["printed"]))
        lost = sum(lost_minus_sign(t) for t in group["printed"]) if "first" in str(rule) else 0
        rows.append({"table": table_id, "rule": rule, "cells": len(group), "agree": agree, "lost_minus_sign": lost})
    return pd.DataFrame(rows, columns=columns)


@same_data_same_result
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


# -- what a difference is: error, knock-on, inferred convention or convention; its root cause ----

LEVEL_NAMES = {"bidang_urusan": "Bidang urusan", "program": "Program", "kegiatan": "Kegiatan",
               "sub_kegiatan": "Sub kegiatan", "jabatan": "Baris", "kelompok": "Kelompok"}
#: Tables whose counts are people (the staff tables) or jiwa (PPKS).
STAFF_TABLES = ("2_2_1_pegawai_jabatan", "2_2_2_pegawai_honorer", "2_2_3_pegawai_golongan",
                "2_2_4_pegawai_eselon", "2_2_5_pegawai_pendidikan")


def _rp(value) -> str:
    from helpers.core.numbers import format_number

    return f"Rp{format_number(value, 0)}"


def _fmt(value, unit: str, decimals: int = 2) -> str:
    from helpers.core.numbers import format_number

    if value is None or pd.isna(value):
        return "NA"
    if unit == "Rp":
        return _rp(value)
    whole = float(value) == int(float(value))
    return format_number(value, 0 if whole else decimals)


def _hierarchy(table_id: str, data_dir) -> tuple[dict, dict, dict, dict]:
    """``(parent_of, level_of, label_of, satuan_of)`` of a table's rows (empty for a flat table)."""
    try:
        df = load(table_id, data_dir)
    except Exception:  # noqa: BLE001 - explanations are best effort; the audit itself has run
        return {}, {}, {}, {}
    schema = df.attrs["schema"]
    key = schema.parent["references"] if schema.parent else next(
        (c for c in ("row_id", "kode", "no") if c in df.columns), None)
    if key is None:
        return {}, {}, {}, {}
    first = df.drop_duplicates(key)
    parent_of = ({str(k): (None if pd.isna(p) else str(p)) for k, p in zip(first[key], first[schema.parent["column"]])}
                 if schema.parent else {})
    level_of = ({str(k): str(v) for k, v in zip(first[key], first["level"])} if "level" in first.columns else {})
    label = next((c for c in ("uraian", "indikator", "jabatan", "jenis", "nama") if c in first.columns), None)
    label_of = {str(k): str(v) for k, v in zip(first[key], first[label])} if label else {}
    satuan_of = ({str(k): (None if pd.isna(v) else str(v)) for k, v in zip(first[key], first["satuan"])}
                 if "satuan" in first.columns else {})
    return parent_of, level_of, label_of, satuan_of


def unit_of(table_id: str, measure: str, row: str, satuan_of: dict) -> str:
    """The unit a difference is counted in: Rp, orang, jiwa, %, or the indicator's satuan."""
    if measure in RUPIAH_MEASURES:
        return "Rp"
    if table_id in STAFF_TABLES:
        return "orang"
    if table_id == "2_3_2_ppks":
        return "jiwa"
    if measure == "jumlah_bangunan":
        return "unit"
    if measure == "rasio" or str(measure).startswith("pertumbuhan"):
        return "%"
    return satuan_of.get(str(row)) or "satuan indikator"


def _name(row: str, level_of: dict, label_of: dict, table_id: str) -> str:
    if row == "total":
        return "Baris JUMLAH" if table_id.startswith(("4_", "2_3_anggaran")) else "Baris Total"
    level = level_of.get(row)
    code = row if "." in row and table_id.startswith("4_") else ""
    if level in LEVEL_NAMES and code:
        return f"{LEVEL_NAMES[level]} {code}"
    label = label_of.get(row, "")
    return f"Baris \u201c{label}\u201d" if label else f"Baris {row}"


def _year(tahun) -> str:
    return "" if tahun is None or pd.isna(tahun) else f" tahun {int(tahun)}"


def _values(table_id: str, data_dir) -> dict:
    """Recomputed values per ``(row, tahun, measure)``: the derived figures and the base leaves."""
    out = {}
    for r in derived(table_id, data_dir).itertuples():
        out[(str(r.row), None if pd.isna(r.tahun) else int(r.tahun), str(r.column))] = (
            None if pd.isna(r.recomputed) else float(r.recomputed))
    try:
        df = load(table_id, data_dir)
    except Exception:  # noqa: BLE001
        return out
    key = next((c for c in ("row_id", "kode") if c in df.columns), None)
    if key is None or "tahun" not in df.columns:
        return out
    for measure in ("anggaran", "realisasi", "pagu", "target"):
        if measure in df.columns:
            for k, t, v in zip(df[key], df["tahun"], df[measure]):
                out.setdefault((str(k), int(t), measure), None if pd.isna(v) else float(v))
    return out


def _cause(r, table_id: str, data_dir, names: tuple, values: dict) -> str:
    """The root cause of one differing cell, in Indonesian."""
    parent_of, level_of, label_of, satuan_of = names
    unit = r["unit"]
    where = _name(str(r["row"]), level_of, label_of, table_id) + _year(r["tahun"])
    printed, recomputed, rule = r["printed_text"], r["recomputed"], str(r["rule"])
    tahun = None if r["tahun"] is None or pd.isna(r["tahun"]) else int(r["tahun"])
    measure = r["measure"]
    if r["kind"] == KIND_UNDEFINED_PRINTED:
        what = "pertumbuhan" if "first" in rule else "rasio"
        base = "nilai tahun awal 0" if "first" in rule else "anggaran 0"
        return f"{where}: {what} tak terdefinisi ({base}), dicetak {printed}."
    if r["kind"] == KIND_SUMMED_LEVEL:
        return (f"{where}: target akhir periode indikator {unit} tercetak {printed}, yaitu jumlah target lima "
                f"tahun; nilai tahun terakhir = {_fmt(recomputed, unit)}.")
    if r["kind"] == KIND_WRONG_YEAR:
        df = load(table_id, data_dir)
        rows = df[df["no"].astype(str) == str(r["row"])]
        real = rows.loc[rows["tahun"] == tahun, "realisasi"]
        for other in rows.itertuples():
            if other.tahun != tahun and not pd.isna(other.target) and other.target and not real.empty:
                if abs(real.iloc[0] / other.target * 100 - float(r["printed"])) <= 0.5:
                    return (f"{where}: rasio capaian dihitung terhadap target tahun {int(other.tahun)} "
                            f"({_fmt(real.iloc[0], '')} / {_fmt(other.target, '')} × 100 = {printed}), bukan "
                            f"terhadap target tahun yang sama ({_fmt(recomputed, '%')}).")
    if r["kind"] == KIND_MISSING_PRINTED:
        return f"{where}: dokumen mengosongkan sel; hasil hitung ulang {_fmt(recomputed, unit)}."
    if rule.startswith("sum of children") and tahun is not None:
        row = str(r["row"])
        kids = [k for k, p in parent_of.items() if (p == row or (row == "total" and p is None))]
        missing = [k for k in kids if values.get((k, tahun, measure)) is not None
                   and abs(values[(k, tahun, measure)] + float(r["difference"])) <= 0.5]
        if missing and float(r["difference"]) < 0:
            k = missing[0]
            return (f"{where} tidak memasukkan {_name(k, level_of, label_of, table_id).lower()} "
                    f"({_fmt(values[(k, tahun, measure)], unit)}).")
        return (f"{where}: tercetak {printed}, jumlah baris di bawahnya {_fmt(recomputed, unit)} "
                f"(selisih {_fmt(abs(float(r['difference'])), unit)}).")
    if rule == RULE_SUM_YEARS_TEXT and measure == "target_akhir":
        row = str(r["row"])
        parts = [values.get((row, y, "target")) for y in sorted({k[1] for k in values if k[0] == row and k[2] == "target"
                                                                and k[1] is not None})]
        terms = " + ".join(_fmt(v, unit) if v is not None else "tanpa target" for v in parts)
        return (f"{where}: target akhir periode tercetak {printed}; jumlah target per tahun "
                f"({terms}) = {_fmt(recomputed, unit)}.")
    if rule.startswith("sum of row ("):
        return f"{where}: tercetak {printed}, jumlah Lk + Pr = {_fmt(recomputed, unit)}."
    if rule.startswith("sum of rows"):
        n = len(load(table_id, data_dir).drop_duplicates(next((c for c in ("row_id", "no") if c in
                                                              load(table_id, data_dir).columns), "no")))
        return (f"{where}: tercetak {printed}, jumlah {format_count(n)} baris di atasnya = "
                f"{_fmt(recomputed, unit)} (selisih {_fmt(abs(float(r['difference'])), unit)}).")
    if rule == "realisasi/anggaran*100" and tahun is not None:
        row = str(r["row"])
        a, b = values.get((row, tahun, "realisasi")), values.get((row, tahun, "anggaran"))
        return (f"{where}: rasio tercetak {printed}, padahal realisasi {_fmt(a, 'Rp')} / anggaran {_fmt(b, 'Rp')} "
                f"× 100 = {_fmt(recomputed, '%')}.")
    return f"{where}: tercetak {printed}, dihitung ulang {_fmt(recomputed, unit)}."


def format_count(n: int) -> str:
    from helpers.core.numbers import format_number

    return format_number(n)


def explain(frame: pd.DataFrame, table_id: str, data_dir=None) -> pd.DataFrame:
    """Fill ``status``, ``cause``, ``root`` and ``unit`` of one table's differing cells.

    A cell is a knock-on when a figure it adds up (a child row in the same year, or for a total of
    the years one of its own years) differs by the same amount; it points at the root of that
    figure. Everything else that is not a convention is an error at its root.
    """
    if frame.empty:
        return frame
    frame = frame.copy()
    names = _hierarchy(table_id, data_dir)
    parent_of = names[0]
    frame["unit"] = [unit_of(table_id, m, r, names[3]) for m, r in zip(frame["measure"], frame["row"])]
    ident = [f"{table_id}|{r}|{c}" for r, c in zip(frame["row"], frame["column"])]
    status = []
    for kind in frame["kind"]:
        status.append(STATUS_CONVENTION if kind in CONVENTION_KINDS else
                      STATUS_INFERRED if kind == KIND_WRONG_YEAR else STATUS_ERROR)
    root: list[Optional[str]] = [None] * len(frame)
    cells = {(str(r), None if pd.isna(t) else int(t), str(m)): i
             for i, (r, t, m) in enumerate(zip(frame["row"], frame["tahun"], frame["measure"]))}
    diffs = list(frame["difference"])
    changed = True
    while changed:  # fixpoint: a knock-on of a knock-on points at the first error
        changed = False
        for i, (row, tahun, measure, rule) in enumerate(zip(frame["row"], frame["tahun"], frame["measure"],
                                                            frame["rule"])):
            if status[i] not in (STATUS_ERROR, STATUS_KNOCK_ON) or diffs[i] is None or pd.isna(diffs[i]):
                continue
            row, tahun = str(row), None if pd.isna(tahun) else int(tahun)
            sources = []
            if str(rule).startswith("sum of children") and tahun is not None:
                kids = [k for k, p in parent_of.items() if p == row or (row == "total" and p is None)]
                sources = [cells.get((k, tahun, measure)) for k in kids]
            elif str(rule) == RULE_SUM_YEARS_TEXT and measure in RUPIAH_MEASURES:
                sources = [j for (r2, t2, m2), j in cells.items() if r2 == row and t2 is not None
                           and m2 == str(measure).replace("_akhir", "")]
            for j in sources:
                if j is None or j == i or status[j] not in (STATUS_ERROR, STATUS_KNOCK_ON):
                    continue
                if diffs[j] is not None and not pd.isna(diffs[j]) and abs(float(diffs[j]) - float(diffs[i])) <= 0.5:
                    new_root = root[j] or ident[j]
                    if status[i] != STATUS_KNOCK_ON or root[i] != new_root:
                        status[i], root[i] = STATUS_KNOCK_ON, new_root
                        changed = True
                    break
    frame["status"] = status
    frame["root"] = root
    values = _values(table_id, data_dir)
    causes = [_cause(r, table_id, data_dir, names, values) for _, r in frame.iterrows()]
    by_id = dict(zip(ident, causes))
    frame["cause"] = [(f"Akibat dari: {by_id.get(root[i], root[i])}" if status[i] == STATUS_KNOCK_ON else causes[i])
                      for i in range(len(frame))]
    return frame


def summary_counts(data_dir=None, discrepancies: Optional[pd.DataFrame] = None) -> dict[str, int]:
    """The audit's counts, which add up: ``printed`` = ``agree`` + ``nothing`` + ``differs`` and
    ``differs`` = ``error`` + ``knock_on`` + ``convention_inferred`` + ``convention``
    (``discrepancies``: the result of :func:`audit_all`, if already computed)."""
    cells = [printed_cells(t, data_dir) for t in audited_tables(data_dir)]
    cells = pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(columns=["outcome"])
    d = audit_all(data_dir) if discrepancies is None else discrepancies
    counts = {"tables": len(audited_tables(data_dir)), "printed": len(cells),
              "agree": int((cells["outcome"] == OUTCOME_AGREE).sum()),
              "nothing": int((cells["outcome"] == OUTCOME_NOTHING).sum()),
              "differs": int((cells["outcome"] == OUTCOME_DIFFERS).sum())}
    for status in STATUSES:
        counts[status] = int((d["status"] == status).sum()) if not d.empty else 0
    counts["real"] = sum(counts[s] for s in REAL_STATUSES)
    return counts


def real_differences(discrepancies: pd.DataFrame) -> pd.DataFrame:
    """The differences that are not conventions (errors, knock-ons, inferred conventions)."""
    return discrepancies[discrepancies["status"].isin(REAL_STATUSES)].reset_index(drop=True)


def convention_differences(discrepancies: pd.DataFrame) -> pd.DataFrame:
    """The differences that are conventions of the document (listed apart)."""
    return discrepancies[discrepancies["status"] == STATUS_CONVENTION].reset_index(drop=True)
