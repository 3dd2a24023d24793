"""Display tables and charts of the audit page (notebooks/00-audit.ipynb).

Each function returns the keyword arguments of :meth:`helpers.run.notebook.Page.table`
(``df``, ``caption``, ``kinds``, ``name``) so the notebook is one line per table.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.core import audit
from helpers.core.numbers import format_number

MEASURE_LABELS = {"jumlah": "jumlah", "anggaran": "anggaran", "realisasi": "realisasi", "rasio": "rasio",
                  "pertumbuhan_anggaran": "pertumbuhan anggaran", "pertumbuhan_realisasi": "pertumbuhan realisasi",
                  "pagu": "pagu", "pagu_akhir": "pagu akhir periode", "target_akhir": "target akhir periode"}


@dataclass
class AuditResult:
    """Everything the audit page shows."""

    discrepancies: pd.DataFrame
    conventions: pd.DataFrame


def build(data_dir=None) -> AuditResult:
    """Run the audit over every table of ``data_dir``."""
    return AuditResult(audit.audit_all(data_dir), audit.conventions(data_dir))


def headline(result: AuditResult) -> str:
    """One paragraph with the totals of the audit."""
    d, c = result.discrepancies, result.conventions
    checked = int(c["cells"].sum()) if not c.empty else 0
    agree = int(c["agree"].sum()) if not c.empty else 0
    arithmetic = int((d["kind"] != audit.KIND_UNDEFINED_PRINTED).sum()) if not d.empty else 0
    return (f"**{format_number(checked)}** angka turunan tercetak dapat dihitung ulang; **{format_number(agree)}** "
            f"cocok. Perbedaan: **{format_number(len(d))}** sel, di antaranya **{format_number(arithmetic)}** "
            "kesalahan hitung atau cetak dan sisanya rasio/pertumbuhan yang tidak terdefinisi (pembagi 0 atau "
            "kosong) tetapi dicetak sebagai angka.")


def _listing(d: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Tabel": d["table_number"].astype(str),
        "Baris": [f"{label} ({row})" if label else row for label, row in zip(d["label"], d["row"])],
        "Kolom": [f"{MEASURE_LABELS.get(m, m)} {'' if pd.isna(t) else int(t)}".strip()
                  for m, t in zip(d["measure"], d["tahun"])],
        "Tercetak (teks)": d["printed_text"].astype(str),
        "Tercetak": pd.array(d["printed"], dtype="Float64"),
        "Dihitung ulang": pd.array(d["recomputed"], dtype="Float64"),
        "Selisih": pd.array(d["difference"], dtype="Float64"),
        "Aturan": d["rule"].astype(str),
        "Jenis": d["kind"].astype(str),
    })


def _listing_kinds() -> dict:
    return {"Tercetak": "dec2", "Dihitung ulang": "dec2", "Selisih": "dec2"}


def summary_table(result: AuditResult, by: str) -> dict:
    """Number of differing cells and sum of absolute differences per table, rule or kind."""
    summary = audit.summary_by(result.discrepancies, by)
    if by == "table" and not summary.empty:
        numbers = result.discrepancies.drop_duplicates("table").set_index("table")["table_number"]
        summary.insert(1, "table_number", summary["table"].map(numbers))
    labels = {"table": "Id tabel", "table_number": "Tabel", "rule": "Aturan hitung", "kind": "Jenis perbedaan",
              "cells": "Jumlah sel berbeda", "abs_difference": "Jumlah selisih absolut"}
    summary = summary.rename(columns=labels)
    caption = {"table": "Ringkasan perbedaan per tabel", "rule": "Ringkasan perbedaan per aturan hitung",
               "kind": "Ringkasan perbedaan per jenis"}[by]
    return {"df": summary, "caption": caption, "kinds": {"Jumlah sel berbeda": "int", "Jumlah selisih absolut": "dec2"},
            "name": f"audit-ringkasan-{by}"}


def kinds_table(result: AuditResult) -> dict:
    """Each kind of difference, explained, with its count."""
    counts = result.discrepancies["kind"].value_counts() if not result.discrepancies.empty else pd.Series(dtype=int)
    df = pd.DataFrame({"Jenis perbedaan": list(audit.KINDS),
                       "Penjelasan": list(audit.KINDS.values()),
                       "Jumlah sel": pd.array([int(counts.get(k, 0)) for k in audit.KINDS], dtype="Int64")})
    return {"df": df, "caption": "Jenis perbedaan dan penjelasannya", "kinds": {"Jumlah sel": "int"},
            "name": "audit-jenis-perbedaan"}


def largest_table(result: AuditResult, unit: str, n: int = 10) -> dict:
    """The largest differences in rupiah or in people."""
    top = audit.largest(result.discrepancies, unit, n)
    df = _listing(top)
    kinds = _listing_kinds()
    if unit == "rupiah":
        kinds = {"Tercetak": "rupiah", "Dihitung ulang": "rupiah", "Selisih": "rupiah"}
        caption = f"{n} selisih terbesar dalam rupiah (Rp)"
    else:
        kinds = {"Tercetak": "int", "Dihitung ulang": "int", "Selisih": "int"}
        caption = f"{n} selisih terbesar dalam jumlah orang/jiwa"
    note = "" if not df.empty else "Tidak ada selisih untuk kelompok ini."
    return {"df": df, "caption": caption, "kinds": kinds, "note": note, "name": f"audit-terbesar-{unit}"}


def conventions_table(result: AuditResult) -> dict:
    """Per table and rule: printed cells compared, how many agree, lost minus signs."""
    c = result.conventions.rename(columns={"table": "Id tabel", "rule": "Aturan hitung", "cells": "Sel dibandingkan",
                                           "agree": "Sel cocok", "lost_minus_sign": "Tanda minus hilang"})
    return {"df": c, "caption": "Konvensi dokumen: sel tercetak yang cocok dengan setiap aturan hitung",
            "kinds": {"Sel dibandingkan": "int", "Sel cocok": "int", "Tanda minus hilang": "int"},
            "name": "audit-konvensi"}


def growth_tables(data_dir=None) -> list[dict]:
    """For each budget table: printed 'rata-rata pertumbuhan' next to three computations."""
    out = []
    for table_id, years in (("2_3_anggaran_2019_2020", "2019–2020"), ("2_3_anggaran_2021_2024", "2021–2024")):
        alt = audit.growth_alternatives(table_id, data_dir)
        df = pd.DataFrame({
            "Program": alt["uraian"],
            "Tercetak (%)": pd.array(alt["printed"], dtype="Float64"),
            "Pertumbuhan total (%)": pd.array(alt["total_growth"], dtype="Float64"),
            "Rata-rata pertumbuhan tahunan (%)": pd.array(alt["mean_yearly_growth"], dtype="Float64"),
            "CAGR (%)": pd.array(alt["cagr"], dtype="Float64"),
        })
        out.append({"df": df, "caption": f"Rata-rata pertumbuhan anggaran {years}: angka tercetak dan tiga cara hitung",
                    "kinds": {c: "dec2" for c in df.columns[1:]},
                    "note": "Pertumbuhan total = (akhir − awal)/awal × 100 (konvensi dokumen); rata-rata tahunan = "
                            "rata-rata pertumbuhan dari tahun ke tahun; CAGR = pertumbuhan majemuk per tahun. "
                            "'-' = tidak terdefinisi (nilai awal 0 atau kosong).",
                    "name": f"audit-pertumbuhan-{table_id}"})
    return out


def full_table(result: AuditResult) -> dict:
    """Every differing cell."""
    return {"df": _listing(result.discrepancies), "caption": "Daftar lengkap sel yang berbeda",
            "kinds": _listing_kinds(), "name": "audit-daftar-lengkap"}


def chart_by_table(result: AuditResult):
    """Horizontal bars: differing cells per table, split into errors and undefined-printed conventions."""
    import matplotlib.pyplot as plt

    from helpers.present.legacy import HATCHES, PALETTE

    d = result.discrepancies
    fig, ax = plt.subplots(figsize=(8, 3.5))
    if d.empty:
        ax.text(0.5, 0.5, "Tidak ada perbedaan", ha="center", va="center")
        ax.set_axis_off()
        return fig
    d = d.assign(group=["Tak terdefinisi dicetak angka" if k == audit.KIND_UNDEFINED_PRINTED
                        else "Kesalahan hitung/cetak" for k in d["kind"]])
    counts = d.pivot_table(index="table_number", columns="group", values="row", aggfunc="count", fill_value=0)
    left = pd.Series(0, index=counts.index)
    for i, col in enumerate(counts.columns):
        ax.barh(counts.index, counts[col], left=left, label=col, color=PALETTE[i], hatch=HATCHES[i + 1],
                edgecolor="black", linewidth=0.5)
        left += counts[col]
    ax.set_xlabel("Jumlah sel berbeda")
    ax.set_ylabel("Tabel")
    ax.set_title("Sel tercetak yang berbeda dari hasil hitung ulang, per tabel")
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig


def claims_table(data_dir=None) -> dict:
    """The document's narrative trend claims, each checked against the data."""
    from helpers.claims import check_claims

    df = check_claims(data_dir)
    return {"df": df, "caption": "Klaim naratif dokumen dan dukungan data", "name": "audit-klaim-naratif"}
