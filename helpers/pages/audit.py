"""The audit page (notebooks/00-audit.ipynb): every derived figure the document printed, recomputed.

:func:`build` runs the audit of :mod:`helpers.core.audit` over the data directory; the other
functions turn its result into what the page shows (tables, the chart, the draft narrative).
A data directory without printed figures (``printed/`` is optional: another office may have
none) gives one notice, "Tidak ada angka tercetak …", and no sections: there is no document to
compare with. The section functions return ``None`` then.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd

from helpers.core import audit
from helpers.core.claims import check_claims
from helpers.core.data import load, load_printed, read_schema, resolve_data_dir
from helpers.core.numbers import format_number, format_rupiah
from helpers.core.text import join_list
from helpers.core.years import year_span
from helpers.present import (HATCHES, PALETTE, Column, Figure, Narrative, Notice, Table, columns_for,
                             markdown_escape, plain)

MEASURE_LABELS = {"jumlah": "jumlah", "anggaran": "anggaran", "realisasi": "realisasi", "rasio": "rasio",
                  "pertumbuhan_anggaran": "pertumbuhan anggaran", "pertumbuhan_realisasi": "pertumbuhan realisasi",
                  "pagu": "pagu", "pagu_akhir": "pagu akhir periode", "target_akhir": "target akhir periode",
                  "jumlah_bangunan": "jumlah bangunan"}

#: Indonesian names of the recomputation rules of :mod:`helpers.core.derive` (longest first).
RULE_LABELS = (
    ("(undefined: divisor 0 or blank)", "(tak terdefinisi: pembagi 0 atau kosong)"),
    ("sum of children (targets of different indicators)", "jumlah baris anak (target indikator yang berbeda)"),
    ("sum of rows (total in the text)", "jumlah baris (total dalam teks)"),
    ("sum of row (Lk + Pr)", "jumlah Lk + Pr"),
    ("sum of children", "jumlah baris anak"),
    ("sum of rows", "jumlah baris"),
    ("sum of the five years", "jumlah lima tahun"),
    ("final year's value (level indicator)", "nilai tahun terakhir (indikator tingkat)"),
    ("AKIP grade reached = 100", "nilai AKIP tercapai = 100"),
    ("no recomputation defined", "tidak ada rumus hitung ulang"),
    ("(last-first)/first*100", "(akhir − awal) / awal × 100"),
    ("realisasi/anggaran*100", "realisasi / anggaran × 100"),
    ("realisasi/target*100", "realisasi / target × 100"),
)

NO_PRINTED = ("Tidak ada angka tercetak yang diberikan untuk data ini (folder printed/ tidak ada atau kosong), "
              "sehingga tidak ada angka turunan dokumen yang dapat dibandingkan dengan hasil hitung ulang. "
              "Halaman audit tidak memuat tabel perbedaan.")


@dataclass
class AuditResult:
    """Everything the audit page shows."""

    data_dir: Path
    tables: list[str]              # tables with printed derived figures that can be recomputed
    discrepancies: pd.DataFrame
    conventions: pd.DataFrame

    @property
    def has_printed(self) -> bool:
        return bool(self.tables)


def build(data_dir=None) -> AuditResult:
    """Run the audit over every table of ``data_dir`` that has printed derived figures."""
    root = resolve_data_dir(data_dir)
    tables = audit.audited_tables(root)
    if not tables:
        return AuditResult(root, [], pd.DataFrame(columns=list(audit.DETAIL_COLUMNS)),
                           pd.DataFrame(columns=["table", "rule", "cells", "agree", "lost_minus_sign"]))
    return AuditResult(root, tables, audit.audit_all(root), audit.conventions(root))


def rule_label(rule: object) -> str:
    """A recomputation rule in Indonesian (``sum of children`` → ``jumlah baris anak``)."""
    text = "" if rule is None or (not isinstance(rule, str) and pd.isna(rule)) else str(rule)
    for english, indonesian in RULE_LABELS:
        text = text.replace(english, indonesian)
    return text


def _column_label(measure: object, tahun: object) -> str:
    year = "" if tahun is None or pd.isna(tahun) else str(int(tahun))
    return f"{MEASURE_LABELS.get(str(measure), str(measure))} {year}".strip()


def _row_decimals(d: pd.DataFrame) -> tuple[int, ...]:
    """Per row: the printed figure's decimals (at least two), none when every figure is whole."""
    out = []
    for text, p, c in zip(d["printed_text"], d["printed"], d["recomputed"]):
        values = [float(v) for v in (p, c) if v is not None and not pd.isna(v)]
        if values and all(v == int(v) for v in values) and audit.printed_decimals(text, values[0]) == 0:
            out.append(0)
        else:
            out.append(max(2, audit.printed_decimals(text, values[0] if values else None)))
    return tuple(out)


def headline(result: AuditResult):
    """One paragraph with the totals of the audit, or the notice that no printed figures were given."""
    if not result.has_printed:
        return Notice(NO_PRINTED, kind="absent")
    d, c = result.discrepancies, result.conventions
    checked = int(c["cells"].sum()) if not c.empty else 0
    agree = int(c["agree"].sum()) if not c.empty else 0
    undefined = int((d["kind"] == audit.KIND_UNDEFINED_PRINTED).sum()) if not d.empty else 0
    text = (f"Sebanyak **{format_number(checked)}** angka turunan tercetak dapat dihitung ulang dari "
            f"{format_number(len(result.tables))} tabel; **{format_number(agree)}** di antaranya cocok. ")
    if d.empty:
        return text + "Tidak ada sel yang berbeda di luar toleransi pembulatan."
    text += (f"Perbedaan: **{format_number(len(d))}** sel, di antaranya **{format_number(len(d) - undefined)}** "
             "kesalahan hitung, cetak atau konvensi lain")
    if undefined:
        text += (f" dan **{format_number(undefined)}** rasio/pertumbuhan yang tidak terdefinisi (pembagi 0 atau "
                 "kosong) tetapi dicetak sebagai angka")
    return text + "."


def summary_table(result: AuditResult, by: str) -> Table:
    """Number of differing cells and sum of absolute differences per ``table``, ``rule`` or ``kind``."""
    summary = audit.summary_by(result.discrepancies, by).reset_index(drop=True)
    columns = []
    if by == "table":
        numbers = result.discrepancies.drop_duplicates("table").set_index("table")["table_number"]
        summary.insert(1, "table_number", summary["table"].map(numbers))
        columns = [Column("table", "Id tabel", role="code"), Column("table_number", "Tabel", wide=True)]
    elif by == "rule":
        summary["rule"] = [rule_label(r) for r in summary["rule"]]
        columns = [Column("rule", "Aturan hitung", wide=True)]
    elif by == "kind":
        columns = [Column("kind", "Jenis perbedaan", wide=True)]
    else:
        raise ValueError(f"by={by!r}: expected 'table', 'rule' or 'kind'")
    summary["cells"] = pd.array(summary["cells"], dtype="Int64")
    summary["abs_difference"] = pd.array(summary["abs_difference"], dtype="Float64")
    columns += [Column("cells", "Jumlah sel berbeda", role="integer"),
                Column("abs_difference", "Jumlah selisih absolut", role="decimal", decimals=2)]
    caption = {"table": "Ringkasan perbedaan per tabel", "rule": "Ringkasan perbedaan per aturan hitung",
               "kind": "Ringkasan perbedaan per jenis"}[by]
    return Table(summary, columns, caption=caption, name=f"audit-ringkasan-{by}",
                 notes=["Jumlah selisih absolut menjumlahkan selisih dalam satuan masing-masing tabel "
                        "(rupiah, orang, persen)."] if by != "table" else ())


def kinds_table(result: AuditResult) -> Table:
    """Each kind of difference, explained, with its count."""
    d = result.discrepancies
    counts = d["kind"].value_counts() if not d.empty else pd.Series(dtype=int)
    df = pd.DataFrame({"kind": list(audit.KINDS), "explanation": list(audit.KINDS.values()),
                       "cells": pd.array([int(counts.get(k, 0)) for k in audit.KINDS], dtype="Int64")})
    return Table(df, [Column("kind", "Jenis perbedaan"), Column("explanation", "Penjelasan", wide=True),
                      Column("cells", "Jumlah sel", role="integer")],
                 caption="Jenis perbedaan dan penjelasannya", name="audit-jenis-perbedaan")


def _listing(d: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "table_number": d["table_number"].astype(str).tolist(),
        "row": [f"{label} ({row})" if label else str(row) for label, row in zip(d["label"], d["row"])],
        "column": [_column_label(m, t) for m, t in zip(d["measure"], d["tahun"])],
        "printed_text": d["printed_text"].astype(str).tolist(),
        "printed": pd.array(d["printed"].tolist(), dtype="Float64"),
        "recomputed": pd.array(d["recomputed"].tolist(), dtype="Float64"),
        "difference": pd.array(d["difference"].tolist(), dtype="Float64"),
        "rule": [rule_label(r) for r in d["rule"]],
        "kind": d["kind"].astype(str).tolist(),
    })


def largest_table(result: AuditResult, unit: str, n: int = 10) -> Table:
    """The ``n`` largest differences in rupiah (``unit="rupiah"``) or in people (``"orang"``)."""
    top = audit.largest(result.discrepancies, unit, n)
    df = _listing(top) if not top.empty else _listing(pd.DataFrame(columns=list(audit.DETAIL_COLUMNS)))
    role = "rupiah" if unit == "rupiah" else "integer"
    caption = (f"Selisih terbesar dalam rupiah (Rp), paling banyak {format_number(n)}" if unit == "rupiah"
               else f"Selisih terbesar dalam jumlah orang/jiwa, paling banyak {format_number(n)}")
    columns = [Column("table_number", "Tabel"), Column("row", "Baris", wide=True), Column("column", "Kolom"),
               Column("printed_text", ("Tercetak", "Teks")), Column("printed", ("Tercetak", "Nilai"), role=role),
               Column("recomputed", "Dihitung ulang", role=role), Column("difference", "Selisih", role=role),
               Column("rule", "Aturan hitung"), Column("kind", "Jenis perbedaan")]
    return Table(df, columns, caption=caption, name=f"audit-terbesar-{unit}",
                 notes=() if not df.empty else ["Tidak ada selisih untuk kelompok ini."])


def chart_by_table(result: AuditResult) -> Figure:
    """Horizontal bars: differing cells per table, split into errors and undefined-printed conventions."""
    import matplotlib.pyplot as plt

    d = result.discrepancies
    fig, ax = plt.subplots(figsize=(8, 3.5))
    title = "Sel tercetak yang berbeda dari hasil hitung ulang, per tabel"
    if d.empty:
        ax.text(0.5, 0.5, "Tidak ada perbedaan", ha="center", va="center")
        ax.set_axis_off()
        return Figure(fig, "audit-perbedaan-per-tabel", caption=title,
                      alt="Tidak ada sel tercetak yang berbeda dari hasil hitung ulang.")
    # A table without a printed number is named by its id (titles are long and may share a prefix).
    labels = {t: str(n) if str(n).startswith("Tabel") else str(t) for t, n in zip(d["table"], d["table_number"])}
    groups = ["Kesalahan hitung/cetak" if k != audit.KIND_UNDEFINED_PRINTED else "Tak terdefinisi dicetak angka"
              for k in d["kind"]]
    d = d.assign(group=groups, label=[labels[t] for t in d["table"]])
    counts = d.pivot_table(index="label", columns="group", values="row", aggfunc="count", fill_value=0)
    left = pd.Series(0, index=counts.index)
    for i, col in enumerate(counts.columns):
        ax.barh([plain(x) for x in counts.index], counts[col], left=left, label=col, color=PALETTE[i],
                hatch=HATCHES[i + 1], edgecolor="black", linewidth=0.5)
        left += counts[col]
    ax.set_xlabel("Jumlah sel berbeda")
    ax.set_ylabel("Tabel")
    ax.set_title(title)
    ax.legend(loc="lower right")
    fig.tight_layout()
    total = counts.sum(axis=1).sort_values(ascending=False)
    parts = [f"{name}: {format_number(int(v))} sel" for name, v in total.items()]
    alt = (f"Diagram batang mendatar jumlah sel tercetak yang berbeda per tabel, dibedakan antara kesalahan "
           f"hitung/cetak dan rasio/pertumbuhan tak terdefinisi yang dicetak sebagai angka. {'; '.join(parts)}.")
    return Figure(fig, "audit-perbedaan-per-tabel", caption=title, alt=alt)


def conventions_table(result: AuditResult) -> Table:
    """Per table and rule: printed cells compared, how many agree, lost minus signs."""
    c = result.conventions.reset_index(drop=True).copy()
    c["rule"] = [rule_label(r) for r in c["rule"]]
    for col in ("cells", "agree", "lost_minus_sign"):
        c[col] = pd.array(c[col].tolist(), dtype="Int64")
    return Table(c, [Column("table", "Id tabel", role="code"), Column("rule", "Aturan hitung", wide=True),
                     Column("cells", "Sel dibandingkan", role="integer"), Column("agree", "Sel cocok", role="integer"),
                     Column("lost_minus_sign", "Tanda minus hilang", role="integer")],
                 caption="Konvensi dokumen: sel tercetak yang cocok dengan setiap aturan hitung",
                 name="audit-konvensi")


GROWTH_RULE = "(last-first)/first*100"


def growth_finding(result: AuditResult) -> Optional[str]:
    """What the printed growth cells are, proven from the figures (None when none were printed)."""
    c = result.conventions
    growth = c[c["rule"] == GROWTH_RULE] if not c.empty else c
    if growth.empty:
        return None
    cells, agree, lost = (int(growth[k].sum()) for k in ("cells", "agree", "lost_minus_sign"))
    if agree == cells:
        text = (f"Seluruh {format_number(cells)} sel \"rata-rata pertumbuhan\" yang dapat dibandingkan cocok dengan "
                "**pertumbuhan total** dari tahun pertama ke tahun terakhir, `(akhir − awal) / awal × 100`, bukan "
                "dengan rata-rata pertumbuhan tahunan.")
    else:
        text = (f"Dari {format_number(cells)} sel \"rata-rata pertumbuhan\" yang dapat dibandingkan, "
                f"{format_number(agree)} cocok dengan **pertumbuhan total** dari tahun pertama ke tahun terakhir, "
                "`(akhir − awal) / awal × 100`.")
    if lost:
        text += (f" Sebanyak {format_number(lost)} di antaranya kehilangan tanda minus pada ekspor teks dokumen "
                 "(tercetak dengan angka 0 di depan).")
    return text + (" Tabel berikut menampilkan juga rata-rata pertumbuhan tahunan dan CAGR sebagai pembanding.")


def growth_tables(result: AuditResult) -> list[Table]:
    """For each budget table with printed growth: the printed figure next to three computations."""
    out = []
    for table_id in result.tables:
        printed = load_printed(table_id, result.data_dir)
        if not (printed["column"] == "pertumbuhan_anggaran").any():
            continue
        alt = audit.growth_alternatives(table_id, result.data_dir)
        years = year_span(load(table_id, result.data_dir)["tahun"].dropna().unique())
        schema = read_schema(table_id, result.data_dir)
        df = pd.DataFrame({"uraian": alt["uraian"].tolist(),
                           **{k: pd.array(alt[k].tolist(), dtype="Float64")
                              for k in ("printed", "total_growth", "mean_yearly_growth", "cagr")}})
        where = f" ({schema.number})" if schema.number else ""
        out.append(Table(
            df, [Column("uraian", "Program", wide=True),
                 Column("printed", "Tercetak (%)", role="decimal", decimals=2),
                 Column("total_growth", "Pertumbuhan total (%)", role="decimal", decimals=2),
                 Column("mean_yearly_growth", "Rata-rata pertumbuhan tahunan (%)", role="decimal", decimals=2),
                 Column("cagr", "CAGR (%)", role="decimal", decimals=2)],
            caption=f"Rata-rata pertumbuhan anggaran {years}{where}: angka tercetak dan tiga cara hitung",
            name=f"audit-pertumbuhan-{table_id}", bold_rows=[len(df) - 1] if len(df) else (),
            notes=["Pertumbuhan total = (akhir − awal) / awal × 100 (konvensi dokumen); rata-rata tahunan = "
                   "rata-rata pertumbuhan dari tahun ke tahun; CAGR = pertumbuhan majemuk per tahun. "
                   "'-' = tidak terdefinisi (nilai awal 0 atau kosong)."]))
    return out


def claims_table(result: AuditResult) -> Table:
    """The document's narrative trend claims, each checked against the data."""
    df = check_claims(result.data_dir)
    wide = [c for c in ("Klaim dokumen", "Bukti") if c in df.columns]
    return Table(df, columns_for(df, wide=wide), caption="Klaim naratif dokumen dan dukungan data",
                 name="audit-klaim-naratif")


def full_table(result: AuditResult) -> Table:
    """Every differing cell, with the columns of ``discrepancies.csv`` (table, row, column, printed,
    recomputed, difference, rule): the CSV of this table is the consultants' file."""
    d = result.discrepancies.reset_index(drop=True)
    df = pd.DataFrame({k: d[k].astype(str).tolist() for k in ("table", "row", "column")})
    for k in ("printed", "recomputed", "difference"):
        df[k] = pd.array(d[k].tolist(), dtype="Float64")
    df["rule"] = [rule_label(r) for r in d["rule"]]
    decimals = _row_decimals(d) if len(d) else 0
    number = {"role": "mixed", "decimals": decimals} if len(d) else {"role": "decimal", "decimals": 2}
    columns = [Column("table", "Id tabel", role="code"), Column("row", "Baris", role="code"),
               Column("column", "Kolom", role="code"), Column("printed", "Tercetak", **number),
               Column("recomputed", "Dihitung ulang", **number), Column("difference", "Selisih", **number),
               Column("rule", "Aturan hitung", wide=True)]
    return Table(df, columns, caption="Daftar lengkap sel yang berbeda", name="discrepancies",
                 notes=["Berkas tables/discrepancies.csv memuat daftar ini dengan kolom table, row, column, "
                        "printed, recomputed, difference dan rule. Selisih = tercetak − dihitung ulang; '-' = "
                        "tidak terdefinisi atau tidak dicetak."])


# -- sections: a heading and what belongs under it, or None when there are no printed figures ----

def summary_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    return ["## Ringkasan per tabel, per aturan hitung, dan per jenis perbedaan",
            summary_table(result, "table"), summary_table(result, "rule"), summary_table(result, "kind"),
            "## Penjelasan setiap jenis perbedaan", kinds_table(result)]


def largest_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    return ["## Selisih terbesar dalam rupiah dan dalam jumlah orang",
            largest_table(result, "rupiah"), largest_table(result, "orang"), chart_by_table(result)]


def conventions_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    intro = ("Untuk setiap aturan hitung: berapa sel tercetak yang dapat dibandingkan dan berapa yang cocok.")
    return ["## Konvensi dokumen, dibuktikan dari angkanya sendiri", intro, conventions_table(result),
            growth_finding(result), *growth_tables(result)]


def claims_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    return ["## Klaim naratif dokumen yang diuji dengan data", claims_table(result)]


def full_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    return ["## Daftar lengkap perbedaan", full_table(result)]


def narrative_text(result: AuditResult) -> str:
    """Indonesian draft summarizing the audit: how many cells, which kinds, the largest errors."""
    discrepancies, conv = result.discrepancies, result.conventions
    checked = int(conv["cells"].sum()) if not conv.empty else 0
    parts = [f"Audit menghitung ulang {format_number(checked)} angka turunan yang dicetak dokumen dan dapat "
             f"dibandingkan (jumlah, subtotal, rasio, pertumbuhan, nilai akhir periode)."]
    if discrepancies.empty:
        parts.append("Tidak ditemukan perbedaan di luar toleransi pembulatan.")
        return " ".join(parts)
    parts.append(f"Sebanyak {format_number(len(discrepancies))} sel berbeda dari hasil hitung ulang:")
    kinds = [f"{format_number(count)} sel \u201c{kind}\u201d"
             for kind, count in discrepancies["kind"].value_counts().items()]
    parts[-1] += f" {join_list(kinds)}."
    top_rp = audit.largest(discrepancies, "rupiah", 1)
    if not top_rp.empty:
        r = top_rp.iloc[0]
        parts.append(f"Selisih rupiah terbesar ada pada {markdown_escape(r['table_number'])} baris "
                     f"\u201c{markdown_escape(r['label'] or r['row'])}\u201d, kolom "
                     f"{_column_label(r['measure'], r['tahun'])}: tercetak {format_rupiah(r['printed'])}, "
                     f"dihitung ulang {format_rupiah(r['recomputed'])} "
                     f"(selisih {format_rupiah(abs(r['difference']))}).")
    top_people = audit.largest(discrepancies, "orang", 1)
    if not top_people.empty:
        r = top_people.iloc[0]
        parts.append(f"Selisih jumlah orang terbesar ada pada {markdown_escape(r['table_number'])} "
                     f"({_column_label(r['measure'], r['tahun'])}): tercetak {format_number(r['printed'])}, "
                     f"dihitung ulang {format_number(r['recomputed'])}.")
    lost = int(conv["lost_minus_sign"].sum()) if not conv.empty else 0
    if lost:
        parts.append(f"Selain itu {format_number(lost)} sel pertumbuhan kehilangan tanda minus pada ekspor teks "
                     "(tanda minus terbaca sebagai angka 0 di depan); nilainya benar setelah tanda dipulihkan.")
    return " ".join(parts)


def narrative(result: AuditResult) -> Optional[list]:
    """The draft narrative under its heading (``narasi/audit.md``), or None without printed figures."""
    if not result.has_printed:
        return None
    return ["### Draf narasi (untuk direvisi)", Narrative("audit", narrative_text(result))]
