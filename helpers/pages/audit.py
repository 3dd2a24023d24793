"""The audit page (notebooks/00-audit.ipynb): every derived figure the document printed, recomputed.

:func:`build` runs the audit of :mod:`helpers.core.audit` over the data directory; the other
functions turn its result into what the page shows (tables, the chart, the draft narrative).
A data directory without printed figures (``printed/`` is optional: another office may have
none) gives one notice, "Tidak ada angka tercetak …", and no sections: there is no document to
compare with. The section functions return ``None`` then.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd

from helpers.core import audit
from helpers.core.claims import check_claims
from helpers.core.data import load, load_printed, read_schema, resolve_data_dir
from helpers.core.numbers import format_number, format_rupiah, number_words
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
    #: :func:`helpers.core.audit.summary_counts` (computed once by :func:`build`).
    summary: Optional[dict] = None

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
    d = audit.audit_all(root)
    return AuditResult(root, tables, d, audit.conventions(root), audit.summary_counts(root, d))


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


UNIT_WORDS = {"Rp": "rupiah", "orang": "orang", "jiwa": "jiwa", "%": "persen (poin)", "unit": "unit"}
STATUS_LABELS = {audit.STATUS_ERROR: "kesalahan", audit.STATUS_KNOCK_ON: "akibat kesalahan lain",
                 audit.STATUS_INFERRED: "aturan lain dokumen (disimpulkan)",
                 audit.STATUS_CONVENTION: "konvensi dokumen"}


def unit_word(unit: object) -> str:
    """How a unit is named in a caption (``Rp`` → rupiah); an indicator's satuan as it is."""
    return UNIT_WORDS.get(str(unit), str(unit))


def real(result: AuditResult) -> pd.DataFrame:
    return audit.real_differences(result.discrepancies) if not result.discrepancies.empty else result.discrepancies


def convention_rows(result: AuditResult) -> pd.DataFrame:
    d = result.discrepancies
    return audit.convention_differences(d) if not d.empty else d


def counts(result: AuditResult) -> dict[str, int]:
    """The audit's counts (:func:`helpers.core.audit.summary_counts`), from the result itself."""
    d = result.discrepancies
    if not result.has_printed:
        return {}
    c = result.summary or audit.summary_counts(result.data_dir, d)
    if len(d) != c["differs"]:  # a result changed by hand (tests): count what it holds
        c = dict(c, differs=len(d), **{s: int((d["status"] == s).sum()) if len(d) else 0 for s in audit.STATUSES})
        c["real"] = sum(c[s] for s in audit.REAL_STATUSES)
    return c


def headline(result: AuditResult):
    """One paragraph with counts that add up, or the notice that no printed figures were given."""
    if not result.has_printed:
        return Notice(NO_PRINTED, kind="absent")
    c = counts(result)
    text = (f"Dokumen mencetak **{format_number(c['printed'])}** angka turunan pada "
            f"{format_number(c['tables'])} tabel yang dapat dihitung ulang dari angka dasarnya: "
            f"**{format_number(c['agree'])}** cocok")
    if c["nothing"]:
        text += f", {format_number(c['nothing'])} tidak berisi angka di dokumen maupun hasil hitung ulang"
    if not c["differs"]:
        return text + ". Tidak ada sel yang berbeda di luar toleransi pembulatan."
    text += (f", dan **{format_number(c['differs'])}** berbeda. Dari yang berbeda, **{format_number(c['real'])}** "
             f"merupakan perbedaan nyata ({format_number(c[audit.STATUS_ERROR])} kesalahan pada sumbernya, "
             f"{format_number(c[audit.STATUS_KNOCK_ON])} akibat kesalahan lain, "
             f"{format_number(c[audit.STATUS_INFERRED])} mengikuti aturan lain yang disimpulkan dari angkanya) dan "
             f"**{format_number(c[audit.STATUS_CONVENTION])}** mengikuti konvensi dokumen (lihat lampiran konvensi).")
    return text


def _cell_number(value, unit: str):
    return None if value is None or pd.isna(value) else float(value)


def corrections_frame(result: AuditResult) -> pd.DataFrame:
    """One row per real difference, each knock-on right under the error it follows from."""
    d = real(result)
    if d.empty:
        return pd.DataFrame(columns=["no", "table_number", "row", "column", "printed_text", "should", "difference",
                                     "unit", "status", "cause", "_indent"])
    ids = [f"{t}|{r}|{c}" for t, r, c in zip(d["table"], d["row"], d["column"])]
    d = d.assign(_id=ids)
    roots = d[d["status"] != audit.STATUS_KNOCK_ON]
    rows = []
    for n, (_, r) in enumerate(roots.iterrows(), start=1):
        group = [(r, 0)] + [(k, 1) for _, k in d[d["root"] == r["_id"]].iterrows()]
        for item, level in group:
            unit = str(item["unit"])
            values = [float(v) for v in (item["printed"], item["recomputed"]) if not pd.isna(v)]
            whole = unit in ("Rp", "orang", "jiwa") or all(v == int(v) for v in values)
            decimals = 0 if whole else 2
            label = row_name(item["table"], item["row"], item["label"])
            rows.append({
                "no": n if level == 0 else None,
                "table_number": short_table(item["table"], item["table_number"]),
                "row": label,
                "column": _column_label(item["measure"], item["tahun"]),
                "printed_text": str(item["printed_text"]),
                "should": format_number(item["recomputed"], decimals) if not pd.isna(item["recomputed"]) else "NA",
                "difference": (format_number(item["difference"], decimals)
                               if not pd.isna(item["difference"]) else "NA"),
                "unit": unit, "status": STATUS_LABELS[item["status"]],
                "cause": str(item["cause"]) if level == 0 else f"Akibat kesalahan nomor {n}.",
                "_indent": level,
            })
    frame = pd.DataFrame(rows)
    frame["no"] = pd.array(frame["no"], dtype="Int64")
    return frame


def corrections_table(result: AuditResult) -> Table:
    """"Daftar koreksi dokumen": each real error with its root cause, its knock-ons under it."""
    frame = corrections_frame(result)
    columns = [Column("no", "No", role="integer"), Column("table_number", "Tabel"),
               Column("row", "Baris", wide=True), Column("column", "Kolom"),
               Column("printed_text", "Tercetak"), Column("should", "Seharusnya"),
               Column("difference", "Selisih (tercetak − seharusnya)"), Column("unit", "Satuan"),
               Column("status", "Jenis"), Column("cause", "Penyebab", wide=True)]
    indent = {i: int(v) for i, v in enumerate(frame["_indent"])} if len(frame) else {}
    blank = [(i, "no") for i, v in enumerate(frame["_indent"]) if int(v)] if len(frame) else []
    return Table(frame.drop(columns=["_indent"]) if len(frame) else frame, columns,
                 caption="Daftar koreksi dokumen", name="audit-koreksi", indent=indent, blank=blank,
                 notes=["Satu baris per kesalahan; perbedaan yang hanya mengikuti kesalahan itu (jumlah di atasnya) "
                        "tercantum menjorok di bawahnya. Selisih dalam satuan kolom Satuan."])


def corrections_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    intro = ("Daftar ini memuat perbedaan nyata antara angka tercetak dan hasil hitung ulang dari angka dasar "
             "dokumen, masing-masing dengan penyebabnya, agar dapat dikoreksi pada revisi dokumen.")
    return ["## Daftar koreksi dokumen", intro, corrections_table(result)]


def row_name(table_id: object, row: object, label: object) -> str:
    """A row as a reader names it: its label, with the Kepmendagri code for Tabel 4.1 (the data's own
    row keys, e.g. of the budget tables, are not shown)."""
    if row == "total":
        return "JUMLAH" if str(table_id).startswith(("4_", "2_3_anggaran")) else "Total"
    label = "" if label is None or (not isinstance(label, str) and pd.isna(label)) else str(label)
    if str(table_id).startswith("4_") and label:
        return f"{label} ({row})"
    return label or f"baris {row}"


def short_table(table_id: object, number: object) -> str:
    """A short name of a table for a label: its number (``Tabel 4.1``) or a few words."""
    text = str(number or "")
    if text.startswith("Tabel"):
        return re.sub(r"^Tabel\.?\s*", "Tabel ", text)
    words = {"2_3_anggaran_2019_2020": "Anggaran 2019–2020", "2_3_anggaran_2021_2024": "Anggaran 2021–2024",
             "2_2_sarana": "Sarana (teks)"}
    return words.get(str(table_id), text[:30])


def summary_table(result: AuditResult, by: str) -> Table:
    """Differing cells per table, per rule or per kind, split into real differences and conventions.

    No sum of differences across units here: they are summed per unit in :func:`unit_table`.
    """
    d = result.discrepancies
    if by == "table":
        keys = [short_table(t, n) for t, n in zip(d["table"], d["table_number"])]
        columns = [Column("key", "Tabel", wide=True)]
    elif by == "rule":
        keys = [rule_label(r) for r in d["rule"]]
        columns = [Column("key", "Aturan hitung", wide=True)]
    elif by == "kind":
        keys = list(d["kind"])
        columns = [Column("key", "Jenis perbedaan", wide=True)]
    else:
        raise ValueError(f"by={by!r}: expected 'table', 'rule' or 'kind'")
    frame = pd.DataFrame({"key": keys, "real": d["status"].isin(audit.REAL_STATUSES).tolist(),
                          "convention": (d["status"] == audit.STATUS_CONVENTION).tolist()})
    summary = (frame.groupby("key", sort=False).agg(real=("real", "sum"), convention=("convention", "sum"))
               .reset_index() if len(frame) else pd.DataFrame(columns=["key", "real", "convention"]))
    summary["total"] = summary["real"] + summary["convention"]
    summary = summary.sort_values(["real", "total"], ascending=False).reset_index(drop=True)
    for k in ("real", "convention", "total"):
        summary[k] = pd.array(summary[k].astype(int).tolist(), dtype="Int64")
    columns += [Column("real", "Perbedaan nyata", role="integer"), Column("convention", "Konvensi", role="integer"),
                Column("total", "Jumlah sel berbeda", role="integer")]
    caption = {"table": "Ringkasan perbedaan per tabel", "rule": "Ringkasan perbedaan per aturan hitung",
               "kind": "Ringkasan perbedaan per jenis"}[by]
    return Table(summary, columns, caption=caption, name=f"audit-ringkasan-{by}")


def unit_table(result: AuditResult) -> Table:
    """Real differences per unit: how many and their absolute sum, each in its own unit."""
    d = real(result)
    rows = []
    for unit, group in d.groupby("unit", sort=False) if len(d) else []:
        diff = pd.to_numeric(group["difference"], errors="coerce").abs()
        rows.append({"unit": unit_word(unit), "cells": len(group), "abs": float(diff.sum()),
                     "decimals": 0 if unit in ("Rp", "orang", "jiwa") else 2})
    frame = pd.DataFrame(rows, columns=["unit", "cells", "abs", "decimals"])
    frame["cells"] = pd.array(frame["cells"].tolist(), dtype="Int64")
    frame["abs"] = pd.array(frame["abs"].tolist(), dtype="Float64")
    columns = [Column("unit", "Satuan"), Column("cells", "Jumlah sel", role="integer"),
               Column("abs", "Jumlah selisih absolut (dalam satuan itu)", role="mixed",
                      decimals=tuple(int(x) for x in frame["decimals"]) if len(frame) else 0)]
    return Table(frame.drop(columns=["decimals"]), columns, caption="Perbedaan nyata per satuan",
                 name="audit-ringkasan-satuan",
                 notes=["Selisih dijumlahkan hanya di dalam satu satuan; rupiah, orang, jiwa dan persen tidak "
                        "dijumlahkan bersama."])


def kinds_table(result: AuditResult) -> Table:
    """Each kind of difference, explained, with its count."""
    d = result.discrepancies
    counts_ = d["kind"].value_counts() if not d.empty else pd.Series(dtype=int)
    df = pd.DataFrame({"kind": list(audit.KINDS), "explanation": list(audit.KINDS.values()),
                       "what": ["konvensi dokumen" if k in audit.CONVENTION_KINDS else
                                "aturan lain dokumen (disimpulkan)" if k == audit.KIND_WRONG_YEAR else
                                "kesalahan" for k in audit.KINDS],
                       "cells": pd.array([int(counts_.get(k, 0)) for k in audit.KINDS], dtype="Int64")})
    return Table(df, [Column("kind", "Jenis perbedaan"), Column("explanation", "Penjelasan", wide=True),
                      Column("what", "Digolongkan sebagai"), Column("cells", "Jumlah sel", role="integer")],
                 caption="Jenis perbedaan dan penjelasannya", name="audit-jenis-perbedaan")


def _listing(d: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "table_number": [short_table(t, n) for t, n in zip(d["table"], d["table_number"])],
        "row": [row_name(t, row, label) for t, row, label in zip(d["table"], d["row"], d["label"])],
        "column": [_column_label(m, t) for m, t in zip(d["measure"], d["tahun"])],
        "printed_text": d["printed_text"].astype(str).tolist(),
        "printed": pd.array(d["printed"].tolist(), dtype="Float64"),
        "recomputed": pd.array(d["recomputed"].tolist(), dtype="Float64"),
        "difference": pd.array(d["difference"].tolist(), dtype="Float64"),
        "rule": [rule_label(r) for r in d["rule"]],
        "status": [STATUS_LABELS.get(s, s) for s in d["status"]],
    })


UNIT_SLUGS = {"Rp": "rupiah", "orang": "orang", "jiwa": "jiwa", "%": "persen"}


def largest_table(result: AuditResult, unit: str, n: int = 10) -> Table:
    """The largest real differences in one unit (``Rp``, ``orang``, ``jiwa``, ``%`` or a satuan);
    the caption says how many rows it holds."""
    unit = {"rupiah": "Rp"}.get(unit, unit)
    d = real(result)
    subset = d[(d["unit"] == unit) & d["difference"].notna()] if len(d) else d
    order = pd.to_numeric(subset["difference"], errors="coerce").abs().sort_values(ascending=False).index
    top = subset.loc[order].head(n)
    df = _listing(top) if not top.empty else _listing(pd.DataFrame(columns=list(audit.DETAIL_COLUMNS)))
    role, decimals = (("rupiah", 0) if unit == "Rp" else ("integer", 0) if unit in ("orang", "jiwa", "unit")
                      else ("decimal", 2))
    shown = len(df)
    caption = (f"Selisih terbesar dalam {unit_word(unit)}: {format_number(shown)} sel"
               + (f" dari {format_number(len(subset))}" if len(subset) > shown else ""))
    columns = [Column("table_number", "Tabel"), Column("row", "Baris", wide=True), Column("column", "Kolom"),
               Column("printed_text", ("Tercetak", "Teks")),
               Column("printed", ("Tercetak", "Nilai"), role=role, decimals=decimals),
               Column("recomputed", "Dihitung ulang", role=role, decimals=decimals),
               Column("difference", "Selisih", role=role, decimals=decimals),
               Column("rule", "Aturan hitung"), Column("status", "Jenis")]
    slug = UNIT_SLUGS.get(unit) or re.sub(r"[^a-z0-9]+", "-", unit.lower()).strip("-") or "satuan"
    return Table(df, columns, caption=caption, name=f"audit-terbesar-{slug}",
                 notes=() if not df.empty else ["Tidak ada selisih untuk satuan ini."])


def largest_tables(result: AuditResult, n: int = 10) -> list[Table]:
    """One "terbesar" table per unit of the real differences, rupiah first."""
    d = real(result)
    units = list(dict.fromkeys(d["unit"])) if len(d) else []
    order = {"Rp": 0, "jiwa": 1, "orang": 2, "%": 3}
    return [largest_table(result, u, n) for u in sorted(units, key=lambda u: (order.get(u, 9), str(u)))]


def chart_by_table(result: AuditResult) -> Figure:
    """Horizontal bars, labelled by short table names: differing cells per table, real vs conventions."""
    import matplotlib.pyplot as plt
    from helpers.present import id_formatter

    d = result.discrepancies
    fig, ax = plt.subplots(figsize=(8, 3.5))
    title = "Sel tercetak yang berbeda dari hasil hitung ulang, per tabel"
    if d.empty:
        plt.close(fig)
        return Notice("Tidak ada sel tercetak yang berbeda dari hasil hitung ulang.")
    groups = ["Perbedaan nyata" if s in audit.REAL_STATUSES else "Konvensi dokumen" for s in d["status"]]
    d = d.assign(group=groups, label=[short_table(t, n) for t, n in zip(d["table"], d["table_number"])])
    counts_ = d.pivot_table(index="label", columns="group", values="row", aggfunc="count", fill_value=0)
    counts_ = counts_.loc[counts_.sum(axis=1).sort_values().index]
    left = pd.Series(0, index=counts_.index)
    for i, col in enumerate([c for c in ("Perbedaan nyata", "Konvensi dokumen") if c in counts_.columns]):
        ax.barh([plain(x) for x in counts_.index], counts_[col], left=left, label=col, color=PALETTE[i],
                hatch=HATCHES[i + 1], edgecolor="black", linewidth=0.5)
        left += counts_[col]
    ax.xaxis.set_major_formatter(id_formatter(0))
    ax.set_xlabel("Jumlah sel berbeda")
    ax.set_ylabel("Tabel")
    ax.set_title(title)
    ax.legend(loc="lower right")
    fig.subplots_adjust(left=0.25, right=0.97, bottom=0.16, top=0.9)
    total = counts_.sum(axis=1).sort_values(ascending=False)
    parts = [f"{name}: {format_number(int(v))} sel" for name, v in total.items()]
    alt = (f"Diagram batang mendatar jumlah sel tercetak yang berbeda per tabel, dibedakan antara perbedaan nyata "
           f"dan konvensi dokumen. {'; '.join(parts)}.")
    return Figure(fig, "audit-perbedaan-per-tabel", caption=title, alt=alt)


def conventions_table(result: AuditResult) -> Table:
    """Per table and rule: printed cells compared, how many agree, lost minus signs."""
    c = result.conventions.reset_index(drop=True).copy()
    numbers = {t: read_schema(t, result.data_dir).number for t in c["table"].unique()} if len(c) else {}
    c["table"] = [short_table(t, numbers.get(t)) for t in c["table"]]
    c["rule"] = [rule_label(r) for r in c["rule"]]
    for col in ("cells", "agree", "lost_minus_sign"):
        c[col] = pd.array(c[col].tolist(), dtype="Int64")
    return Table(c, [Column("table", "Tabel"), Column("rule", "Aturan hitung", wide=True),
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
                "**pertumbuhan total** dari tahun pertama ke tahun terakhir, (akhir − awal) / awal × 100, bukan "
                "dengan rata-rata pertumbuhan tahunan.")
    else:
        text = (f"Dari {format_number(cells)} sel \"rata-rata pertumbuhan\" yang dapat dibandingkan, "
                f"{format_number(agree)} cocok dengan **pertumbuhan total** dari tahun pertama ke tahun terakhir, "
                "(akhir − awal) / awal × 100.")
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
                   "NA = tidak terdefinisi (nilai awal 0)."]))
    return out


def claims_table(result: AuditResult) -> Table:
    """The document's narrative trend claims, each checked against the data."""
    df = check_claims(result.data_dir)
    wide = [c for c in ("Klaim dokumen", "Bukti") if c in df.columns]
    return Table(df, columns_for(df, wide=wide), caption="Klaim naratif dokumen dan dukungan data",
                 name="audit-klaim-naratif")


def _detail_frame(d: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame({k: d[k].astype(str).tolist() for k in ("table", "row", "column")})
    for k in ("printed", "recomputed", "difference"):
        df[k] = pd.array(d[k].tolist(), dtype="Float64")
    df["rule"] = [rule_label(r) for r in d["rule"]]
    df["kind"] = d["status"].astype(str).tolist()
    df["unit"] = d["unit"].astype(str).tolist()
    df["cause"] = d["cause"].astype(str).tolist()
    return df


#: Keys of discrepancies.csv and discrepancies-konvensi.csv: the consultants' columns, then what
#: each difference is (``kind``: error, knock_on, convention_inferred, convention), its unit and cause.
LISTING_KEYS = audit.DISCREPANCY_COLUMNS + ("kind", "unit", "cause")


def _detail_table(d: pd.DataFrame, caption: str, name: str, notes: list[str]) -> Table:
    d = d.reset_index(drop=True)
    df = _detail_frame(d) if len(d) else pd.DataFrame({k: pd.Series(dtype=object) for k in LISTING_KEYS})
    decimals = _row_decimals(d) if len(d) else 0
    number = {"role": "mixed", "decimals": decimals} if len(d) else {"role": "decimal", "decimals": 2}
    # The CSV keeps the consultants' keys (table id, row key, column key); a reader sees the table's
    # number, the row's name and the column in words.
    shown = {}
    for i, r in d.iterrows():
        shown[(i, "table")] = short_table(r["table"], r["table_number"])
        shown[(i, "row")] = row_name(r["table"], r["row"], r["label"])
        shown[(i, "column")] = _column_label(r["measure"], r["tahun"])
        shown[(i, "kind")] = STATUS_LABELS.get(str(r["status"]), str(r["status"]))
        shown[(i, "unit")] = unit_word(r["unit"])
    columns = [Column("table", "Tabel"), Column("row", "Baris", wide=True),
               Column("column", "Kolom"), Column("printed", "Tercetak", **number),
               Column("recomputed", "Dihitung ulang", **number), Column("difference", "Selisih", **number),
               Column("rule", "Aturan hitung", wide=True), Column("kind", "Jenis"), Column("unit", "Satuan"),
               Column("cause", "Penyebab", wide=True)]
    return Table(df, columns, caption=caption, name=name, notes=notes, symbols=shown)


def full_table(result: AuditResult) -> Table:
    """Every real difference (errors, knock-ons, inferred conventions): the consultants' file
    ``discrepancies.csv``; conventions are in :func:`conventions_full_table`."""
    return _detail_table(real(result), "Daftar lengkap perbedaan nyata", "discrepancies",
                         ["Selisih = tercetak − dihitung ulang, dalam satuan kolom Satuan; NA = tidak terdefinisi. "
                          "Berkas CSV daftar ini memakai kode data dan nama kolom bahasa Inggris untuk pengolahan "
                          "lanjutan; kolom jenis berisi error (kesalahan), knock_on (akibat kesalahan lain) atau "
                          "convention_inferred (aturan lain dokumen yang disimpulkan)."])


def conventions_full_table(result: AuditResult) -> Table:
    """Every difference that is a convention of the document (``discrepancies-konvensi.csv``)."""
    return _detail_table(convention_rows(result), "Daftar sel yang mengikuti konvensi dokumen",
                         "discrepancies-konvensi",
                         ["Bukan kesalahan hitung: rasio atau pertumbuhan tak terdefinisi (pembagi 0) yang dicetak "
                          "sebagai angka, dan target persen/skor yang dijumlahkan lima tahun. Dihitung ulang = NA "
                          "bila tidak terdefinisi."])


# -- sections: a heading and what belongs under it, or None when there are no printed figures ----

def summary_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    return ["## Ringkasan perbedaan", summary_table(result, "table"), unit_table(result),
            summary_table(result, "rule"), summary_table(result, "kind"),
            "## Penjelasan setiap jenis perbedaan", kinds_table(result)]


def largest_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    tables = largest_tables(result)
    return ["## Selisih terbesar per satuan", *(tables or ["Tidak ada perbedaan nyata."]), chart_by_table(result)]


def conventions_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    intro = ("Konvensi dokumen bukan kesalahan hitung dan tidak masuk daftar koreksi. Untuk setiap aturan hitung: "
             "berapa sel tercetak yang dapat dibandingkan dan berapa yang cocok.")
    return ["## Lampiran: konvensi dokumen, dibuktikan dari angkanya sendiri", intro, conventions_table(result),
            growth_finding(result), *growth_tables(result), conventions_full_table(result)]


def claims_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    return ["## Klaim naratif dokumen yang diuji dengan data", claims_table(result)]


def full_section(result: AuditResult) -> Optional[list]:
    if not result.has_printed:
        return None
    return ["## Daftar lengkap perbedaan nyata", full_table(result)]


TECHNICAL_NOTES = (
    "Angka tercetak dianggap sama bila selisihnya tidak lebih dari setengah satuan desimal terakhir yang "
    "dicetak (mis. 95,18 cocok dengan 95,184); rupiah harus sama sampai rupiah terakhir.",
    "Tanda \u201c-\u201d pada kolom jumlah orang, jiwa dan rupiah dibaca sebagai nihil (nol), seperti tabel "
    "statistik BPS; sel anggaran yang kosong juga nihil karena dokumen sendiri menjumlahkannya sebagai nol "
    "(pertumbuhan \u2212100,00 bila tahun akhir kosong). Pada kolom target indikator, \u201c-\u201d berarti tidak "
    "ada target.",
    "Pertumbuhan yang tercetak dengan angka 0 di depan (016,37) dibaca sebagai bilangan negatif (\u221216,37): "
    "tanda minus hilang pada ekspor teks dokumen.",
    "Berkas tabel lengkap (CSV dan XLSX) diunduh dari folder tabel halaman ini: daftar perbedaan nyata "
    "(discrepancies) dan daftar konvensi (discrepancies-konvensi), dengan nama kolom dalam bahasa Inggris untuk "
    "pengolahan lanjutan.",
)


def technical_section(result: AuditResult) -> Optional[list]:
    """"Catatan teknis" at the end of the page: how the comparison was made (None without printed figures)."""
    if not result.has_printed:
        return None
    return ["## Catatan teknis", "\n".join(f"- {t}" for t in TECHNICAL_NOTES)]


def narrative_text(result: AuditResult) -> str:
    """Indonesian draft summarizing the audit: how many cells, which kinds, the largest errors."""
    d = real(result)
    c = counts(result) if result.has_printed else {"printed": 0}
    parts = [f"Audit menghitung ulang {format_number(c.get('printed', 0))} angka turunan yang dicetak dokumen "
             "(jumlah, subtotal, rasio, pertumbuhan, nilai akhir periode)."]
    if result.discrepancies.empty:
        parts.append("Tidak ditemukan perbedaan di luar toleransi pembulatan.")
        return " ".join(parts)
    n_err = int((d["status"] == audit.STATUS_ERROR).sum()) if len(d) else 0
    n_knock = int((d["status"] == audit.STATUS_KNOCK_ON).sum()) if len(d) else 0
    parts.append(f"Sebanyak {number_words(len(d))} sel berbeda secara nyata: {number_words(n_err)} kesalahan "
                 f"pada sumbernya dan {number_words(n_knock)} akibat kesalahan itu pada jumlah di atasnya"
                 + (f", serta {number_words(len(d) - n_err - n_knock)} rasio yang dihitung dengan aturan lain"
                    if len(d) - n_err - n_knock else "") + ".")
    errors = d[d["status"] == audit.STATUS_ERROR] if len(d) else d
    rp = errors[errors["unit"] == "Rp"] if len(errors) else errors
    if len(rp):
        r = rp.loc[pd.to_numeric(rp["difference"]).abs().idxmax()]
        parts.append(f"Kesalahan rupiah terbesar: {markdown_escape(r['cause'])}")
    people = errors[errors["unit"].isin(["orang", "jiwa"])] if len(errors) else errors
    if len(people):
        r = people.loc[pd.to_numeric(people["difference"]).abs().idxmax()]
        parts.append(f"Kesalahan jumlah jiwa terbesar: {markdown_escape(r['cause'])}")
    conv = convention_rows(result)
    if len(conv):
        parts.append(f"Selain itu {format_number(len(conv))} sel mengikuti konvensi dokumen (rasio tak terdefinisi "
                     "dicetak sebagai angka, target persen dijumlahkan lima tahun); sel ini tidak perlu dikoreksi "
                     "satu per satu, tetapi konvensinya perlu diputuskan.")
    return " ".join(parts)


def narrative(result: AuditResult) -> Optional[list]:
    """The draft narrative under its heading (``narasi/audit.md``), or None without printed figures."""
    if not result.has_printed:
        return None
    d = real(result)
    cited = {"angka turunan yang dihitung ulang": counts(result).get("printed", 0), "sel berbeda secara nyata": len(d),
             "sel mengikuti konvensi dokumen": len(convention_rows(result))}
    for r in d.itertuples() if len(d) else []:  # the errors the draft names come from these rows
        where = f"{r.table_number} {r.row} {r.column}"
        for what in ("printed", "recomputed", "difference"):
            value = getattr(r, what)
            if value is not None and value == value:
                cited[f"{where}: {what}"] = abs(float(value))
    return ["### Draf narasi (untuk direvisi)", Narrative("audit", narrative_text(result), cited)]
