"""The target tables of Bab IV on the table model: Tabel 4.4.1 (priority sub kegiatan with their
Tabel 4.1 pagu), Tabel 4.5.1 (IKU), Tabel 4.6 (IKK) and Tabel 4.7 (SPM).

A table the data directory lacks is replaced by a notice (``… tidak tersedia dalam data.``).
"""
from __future__ import annotations

from typing import Optional, Sequence

import pandas as pd

from helpers.core.data import has_table, read_schema
from helpers.core.numbers import format_number, format_percent
from helpers.core.text import is_na, join_list
from helpers.core.years import year_runs, year_span
from helpers.present import Column, Notice, Table, unavailable
from helpers.pages.rencana_program.views import (TABLE_IKK, TABLE_IKU, TABLE_PRIORITY, TABLE_SPM, PlanView,
                                                 akip_in_plan, as_number, col, format_target, indicator_frame,
                                                 is_integral, printed_exists, priority_frame, priority_missing,
                                                 share, spm_frame, target_years, text_or_empty, total_of,
                                                 value_decimals)

LABELS = {
    TABLE_PRIORITY: "Tabel 4.4.1 (sub kegiatan pendukung program prioritas)",
    TABLE_IKU: "Tabel 4.5.1 (indikator kinerja utama)",
    TABLE_IKK: "Tabel 4.6 (indikator kinerja kunci)",
    TABLE_SPM: "Tabel 4.7 (target standar pelayanan minimal)",
}
POLARITY_TEXT = {"naik": "naik (makin tinggi makin baik)", "turun": "turun (makin rendah makin baik)"}
UNIT_TEXT = {"%": "%", "indeks": "indeks", "rasio": "rasio", "skor": "skor"}


def h_target(year) -> str:
    return f"Target {year}"


# --------------------------------------------------------------------------------------------
# Tabel 4.4.1
# --------------------------------------------------------------------------------------------


def priority_table(view: Optional[PlanView], data_dir=None) -> Table | Notice:
    """Tabel 4.4.1 as in the document (merged cells shown once), plus code and pagu looked up in Tabel 4.1."""
    if not has_table(TABLE_PRIORITY, data_dir):
        return unavailable(LABELS[TABLE_PRIORITY])
    g = priority_frame(view, data_dir)
    data = pd.DataFrame({
        "no": [str(n) for n in g["no"]], "program_prioritas": list(g["program_prioritas"]),
        "outcome": list(g["outcome"]), "program": list(g["program"]), "kegiatan": list(g["kegiatan"]),
        "sub_kegiatan": [(f"{int(n)}. " if not is_na(n) else "") + s
                         for n, s in zip(g["sub_kegiatan_no"], g["sub_kegiatan"])],
        "kode": list(g["kode"]), "pagu_tahun": g["pagu_tahun"].to_numpy(), "pagu_akhir": g["pagu_akhir"].to_numpy(),
    })
    blank = []
    prev = None
    for i, r in enumerate(g.itertuples()):
        if prev is not None and r.no == prev.no:  # merged in the document: written once per group
            blank += [(i, "no"), (i, "program_prioritas"), (i, "outcome")]
            if r.program == prev.program and r.kegiatan == prev.kegiatan:
                blank += [(i, "program"), (i, "kegiatan")]
        prev = r
    total = len(data)
    if view is not None:  # the sum of the pagu found in Tabel 4.1
        data = pd.concat([data, pd.DataFrame([{"sub_kegiatan": "Jumlah sub kegiatan prioritas yang berkode",
                                               "pagu_tahun": total_of(g["pagu_tahun"]),
                                               "pagu_akhir": total_of(g["pagu_akhir"])}])], ignore_index=True)
        blank += [(total, k) for k in ("no", "program_prioritas", "outcome", "program", "kegiatan", "kode")]
    data[["pagu_tahun", "pagu_akhir"]] = data[["pagu_tahun", "pagu_akhir"]].astype("Float64")
    t = view.tahun if view is not None else None
    span = view.span if view is not None else ""
    columns = [Column("no", "No", role="code"), Column("program_prioritas", "Program Prioritas", wide=True),
               Column("outcome", "Outcome"), Column("program", "Program"), Column("kegiatan", "Kegiatan", wide=True),
               Column("sub_kegiatan", "Sub Kegiatan", wide=True),
               Column("kode", "Kode sub kegiatan (dicari di Tabel 4.1)", role="code")]
    if view is not None:
        columns += [Column("pagu_tahun", f"Pagu {t} (Rp) menurut Tabel 4.1", role="rupiah", highlight=True),
                    Column("pagu_akhir", f"Pagu {span} (Rp) menurut Tabel 4.1", role="rupiah")]
    notes = ["Sel No, Program Prioritas dan Outcome (digabung di dokumen) ditulis sekali per kelompok. Kolom Ket kosong "
             "di dokumen dan tidak ditampilkan. Tabel 4.4.1 tidak mencetak kode: kode dan pagu dicari di Tabel 4.1 "
             "berdasarkan nama program, kegiatan dan sub kegiatan."]
    for r in priority_missing(g).itertuples():
        notes.append(f"Sub kegiatan \u201c{r.sub_kegiatan}\u201d (No {r.no}) tidak terdapat di Tabel 4.1: tanpa kode dan "
                     "tanpa pagu (\u201c-\u201d).")
    if view is None:
        notes.append("Tabel 4.1 tidak tersedia dalam data, sehingga pagu sub kegiatan prioritas tidak dapat dicari.")
    else:
        share_year = share(total_of(g["pagu_tahun"]), view.total[col("pagu", t)])
        share_period = share(total_of(g["pagu_akhir"]), view.total["pagu_akhir"])
        notes.append(f"Sub kegiatan prioritas yang berkode mendapat {format_percent(share_year)} dari pagu {t} dan "
                     f"{format_percent(share_period)} dari pagu {span}.")
    return Table(data, columns, caption=read_schema(TABLE_PRIORITY, data_dir).caption,
                 name="tabel-4-4-1-subkegiatan-prioritas", notes=notes, bold_rows=[total] if view is not None else [],
                 blank=blank, wide=True)


# --------------------------------------------------------------------------------------------
# Tabel 4.5.1 IKU, Tabel 4.6 IKK
# --------------------------------------------------------------------------------------------


def score_value(value, grade=None):
    """A target cell: the number, or an AKIP cell with its grade as printed, ``BB (71,30)``."""
    if not is_na(grade):
        return f"{grade} ({format_number(value, 2)})"
    return as_number(value)


def format_score(value, grade=None) -> str:
    """A target cell as text: ``10,68``; an AKIP cell with its grade ``BB (71,30)``."""
    shown = score_value(value, grade)
    return shown if isinstance(shown, str) else format_target(shown)


def unit_text(satuan, per=None) -> str:
    """Satuan as shown: ``rasio per 100.000`` when the cells are rates ``n:100000``."""
    text = UNIT_TEXT.get(text_or_empty(satuan), text_or_empty(satuan))
    p = as_number(per)
    return f"{text} per {format_number(p)}" if p else text


def mixed_column(key: str, label, values: list, highlight: bool = False) -> Column:
    """A column of numbers and AKIP cells (``BB (71,30)``): each number with the decimals it is printed with."""
    decimals = tuple(0 if isinstance(v, str) else value_decimals(v) for v in values)
    return Column(key, label, role="mixed", decimals=decimals, highlight=highlight)


def indicator_table(table_id: str, tahun: int, data_dir=None, *, name: str) -> Table | Notice:
    """Tabel 4.5.1 (IKU) or 4.6 (IKK): targets per year (``tahun`` highlighted) and end of period recomputed."""
    if not has_table(table_id, data_dir):
        return unavailable(LABELS[table_id])
    g = indicator_frame(table_id, data_dir)
    years = target_years(g)
    has_baseline = g["baseline"].notna().any()
    data = pd.DataFrame({"no": [str(n) for n in g["no"]], "indikator": list(g["indikator"]),
                         "satuan": [unit_text(s, p) for s, p in zip(g["satuan"], g["per"])],
                         "arah": [POLARITY_TEXT.get(text_or_empty(p), text_or_empty(p)) for p in g["polaritas"]]})
    columns = [Column("no", "No", role="code"), Column("indikator", "Indikator", wide=True),
               Column("satuan", "Satuan"), Column("arah", "Arah yang diharapkan")]
    values = {}
    if has_baseline:
        values["baseline"] = [score_value(v, gr) for v, gr in zip(g["baseline"], g["baseline_grade"])]
    for y in years:
        values[col("target", y)] = [score_value(r[col("target", y)], r["grades"].get(y)) for _, r in g.iterrows()]
    values["target_akhir"] = [score_value(v, gr) for v, gr in zip(g["target_akhir"], g["grade_akhir"])]
    labels = {"baseline": "Kondisi awal periode", "target_akhir": f"Kondisi akhir periode {years[0]}–{years[-1]} "
              "(dihitung ulang)", **{col("target", y): h_target(y) for y in years}}
    for key, cells in values.items():
        data[key] = pd.Series([None if v is None else v for v in cells], dtype=object)
        columns.append(mixed_column(key, labels[key], cells, highlight=key == col("target", tahun)))
    marks = {(i, "target_akhir"): p for i, p in enumerate(g["printed_akhir"]) if p is not None and not is_na(p)}
    notes = ["Kondisi akhir periode dihitung ulang menurut satuan: persen, indeks, rasio dan skor = target tahun "
             "terakhir; satuan jumlah = jumlah selama periode."]
    if printed_exists(table_id, data_dir) and not marks:
        notes.append("Semua nilai akhir periode yang tercetak sama dengan hasil hitung ulang.")
    notes.append("Satuan dan arah (polaritas) tidak dicetak di tabel dokumen; keduanya ditetapkan dalam data "
                 "(keputusan dicatat dalam log asumsi)." if table_id == TABLE_IKU else
                 "Arah (polaritas) tidak dicetak di tabel dokumen; ditetapkan dalam data (keputusan dicatat dalam "
                 "log asumsi).")
    if has_baseline:
        notes.append("Tahun kondisi awal tidak disebut di tabel dokumen.")
    if (g["satuan"] == "skor").any():
        notes.append("Nilai AKIP ditulis seperti di dokumen: predikat (nilai), mis. BB (71,30).")
        other = akip_in_plan(data_dir)
        for _, r in g[g["satuan"] == "skor"].iterrows():
            differ = [y for y in years if y in other and as_number(r[col("target", y)]) != other[y]]
            if other and differ:
                notes.append("Target Nilai AKIP berbeda dengan indikator NILAI AKIP di Tabel 4.1 (program "
                             f"{other['kode']}) pada tahun " + join_list([str(y) for y in differ]) + ": di Tabel 4.1 "
                             + join_list([f"{format_target(other[y])} ({y})" for y in differ]) + ".")
    return Table(data, columns, caption=read_schema(table_id, data_dir).caption, name=name, notes=notes, marks=marks)


def iku_table(tahun: int, data_dir=None) -> Table | Notice:
    return indicator_table(TABLE_IKU, tahun, data_dir, name="tabel-4-5-1-iku")


def ikk_table(tahun: int, data_dir=None) -> Table | Notice:
    return indicator_table(TABLE_IKK, tahun, data_dir, name="tabel-4-6-ikk")


def iku_progress(tahun: int, data_dir=None):
    """Progress of the Tabel 4.5.1 targets with the realisation of the plan years before ``tahun``."""
    return indicator_progress(TABLE_IKU, "IKU", tahun, data_dir, name="tabel-4-5-1-kemajuan-realisasi",
                              label="Tabel 4.5.1")


def ikk_progress(tahun: int, data_dir=None):
    """Progress of the Tabel 4.6 targets with the realisation of the plan years before ``tahun``."""
    return indicator_progress(TABLE_IKK, "IKK", tahun, data_dir, name="tabel-4-6-kemajuan-realisasi",
                              label="Tabel 4.6")


# --------------------------------------------------------------------------------------------
# Tabel 4.7 SPM
# --------------------------------------------------------------------------------------------


def spm_table(tahun: int, data_dir=None) -> Table | Notice:
    """Tabel 4.7: SPM indicators (bold) with their layanan indented; the kondisi bencana sub-headers as rows."""
    if not has_table(TABLE_SPM, data_dir):
        return unavailable(LABELS[TABLE_SPM])
    g = spm_frame(data_dir)
    years = target_years(g)
    base_years = [y for y in g["baseline_tahun"] if not is_na(y)]
    h_base = f"Tahun dasar {int(base_years[0])}" if base_years else "Tahun dasar"
    rows, bold, section, indent = [], [], [], {}
    current = spm_no = None
    with_conditions = []
    for r in g.itertuples():
        cond = text_or_empty(r.kondisi_bencana)
        if r.level == "spm":
            current = None
            spm_no = r.no
        if cond and cond != current:
            section.append(len(rows))
            indent[len(rows)] = 1
            rows.append({"no": "", "uraian": cond, "satuan": "", "baseline": None,
                         **{col("target", y): None for y in years}})
            current = cond
            if r.level == "layanan" and spm_no not in with_conditions:
                with_conditions.append(spm_no)
        if r.level == "spm":
            bold.append(len(rows))
        elif r.level == "layanan":
            indent[len(rows)] = 2 if cond else 1
        rows.append({"no": r.no, "uraian": r.uraian, "satuan": r.satuan, "baseline": r.baseline,
                     **{col("target", y): getattr(r, col("target", y)) for y in years}})
    data = pd.DataFrame(rows)
    numeric = ["baseline"] + [col("target", y) for y in years]
    for c in numeric:
        data[c] = data[c].astype("Float64")

    def number(key, label, highlight=False):
        if is_integral(data[key]):
            return Column(key, label, role="integer", highlight=highlight)
        return Column(key, label, role="decimal", decimals=2, highlight=highlight)

    columns = [Column("no", "No", role="code"), Column("uraian", "Indikator Kinerja / Jenis Layanan SPM", wide=True),
               Column("satuan", "Satuan"), number("baseline", h_base)]
    columns += [number(col("target", y), h_target(y), highlight=y == tahun) for y in years]
    empty = g[g[[col("target", y) for y in years]].isna().all(axis=1)]
    notes = ["Baris indikator SPM dicetak tebal; jenis layanan di bawahnya menjorok ke kanan."
             + (f" Baris miring adalah sub-judul kondisi bencana di bawah SPM {join_list(with_conditions)}."
                if with_conditions else "") + f" Kolom {tahun} disorot.",
             "Persentase SPM adalah target tersendiri, bukan jumlah dari baris layanan (satuannya berbeda)."]
    for r in empty.itertuples():
        notes.append(f"\u201c{r.uraian}\u201d (satuan {r.satuan}) tidak memiliki angka di dokumen (\u201c-\u201d).")
    return Table(data, columns, caption=read_schema(TABLE_SPM, data_dir).caption, name="tabel-4-7-spm", notes=notes,
                 bold_rows=bold, section_rows=section, indent=indent)


# --------------------------------------------------------------------------------------------
# Progress of the targets: realisation of the plan years before tahun (imported)
# --------------------------------------------------------------------------------------------

RULE_SHORT = {"sum": "kumulatif", "last": "nilai terakhir"}


def no_progress(tahun: int, label: str) -> Notice:
    """What stands in place of a progress table on the page of the first plan year."""
    return Notice(f"Kemajuan {label}: belum ada tahun rencana sebelum {tahun}, sehingga belum ada realisasi yang "
                  f"ditampilkan. Realisasi tahun {tahun} dievaluasi di halaman Evaluasi {tahun} dan tampil di "
                  "halaman tahun-tahun berikutnya.")


def progress_table(frame: pd.DataFrame, years: list[int], imported: list[int], tahun: int, *, name: str,
                   caption: str, labels: list[Column], rupiah: bool = False, notes: Sequence[str] = (),
                   indent: Optional[dict] = None, bold: Sequence[int] = ()) -> Table:
    """One progress table: the label columns, the end-of-period target (K, Rp), realisation per year
    (K, Rp), realisation to date and the achievement against the end-of-period target, the category.

    ``frame`` is :func:`helpers.core.progress.progress_frame`; a year or cell without data shows
    "belum ada data realisasi"."""
    from helpers.core.progress import NO_DATA, RULE_TEXT

    last = year_span(years)
    data = frame.copy()
    data["aturan_teks"] = [RULE_SHORT.get(r, r) for r in frame["aturan"]]
    decimals = tuple(0 if all(as_number(v) is None or float(as_number(v)).is_integer()
                              for v in [r["target_akhir"]] + [r[f"realisasi_{y}"] for y in years] + [r["sd"]])
                     else 2 for _, r in frame.iterrows())
    for key in ["target_akhir", "sd"] + [f"realisasi_{y}" for y in years]:
        data[key] = pd.Series([as_number(v) for v in frame[key]], dtype=object)
    columns = list(labels)
    columns.append(Column("target_akhir", ("Target akhir periode", "K"), role="mixed", decimals=decimals))
    if rupiah:
        columns.append(Column("pagu_akhir", ("Target akhir periode", "Rp"), role="rupiah"))
    for y in years:
        columns.append(Column(f"realisasi_{y}", (f"Realisasi {y}", "K"), role="mixed", decimals=decimals))
        if rupiah:
            columns.append(Column(f"realisasi_rp_{y}", (f"Realisasi {y}", "Rp"), role="rupiah"))
    columns.append(Column("sd", (f"Realisasi s.d. {years[-1]}", "K"), role="mixed", decimals=decimals))
    if rupiah:
        columns.append(Column("sd_rp", (f"Realisasi s.d. {years[-1]}", "Rp"), role="rupiah"))
    columns.append(Column("aturan_teks", (f"Realisasi s.d. {years[-1]}", "Cara")))
    columns.append(Column("capaian", ("Capaian terhadap target akhir (%)", "K"), role="decimal", decimals=2))
    if rupiah:
        columns.append(Column("capaian_rp", ("Capaian terhadap target akhir (%)", "Rp"), role="decimal", decimals=2))
    columns.append(Column("kategori", "Kategori capaian (K)"))
    symbols = {}
    for i, r in frame.iterrows():
        for y in years:
            if as_number(r[f"realisasi_{y}"]) is None:
                symbols[(i, f"realisasi_{y}")] = NO_DATA
            if rupiah and as_number(r[f"realisasi_rp_{y}"]) is None:
                symbols[(i, f"realisasi_rp_{y}")] = NO_DATA
        if as_number(r["sd"]) is None:
            symbols[(i, "sd")] = NO_DATA
            symbols[(i, "capaian")] = NO_DATA
        if rupiah and as_number(r["sd_rp"]) is None:
            symbols[(i, "sd_rp")] = NO_DATA
    from helpers.core import compute

    missing = [y for y in years if y not in imported]
    all_notes = [f"Realisasi tahun rencana sebelum {tahun} ({last}) dari data realisasi yang diimpor "
                 "(isian tahunan). Realisasi s.d. " + str(years[-1]) + ": satuan jumlah (orang, "
                 f"dokumen, paket, … dan rupiah) {RULE_TEXT['sum']}; persen, skor, nilai, indeks dan rasio "
                 f"memakai {RULE_TEXT['last']}. Capaian = realisasi s.d. {years[-1]} terhadap target akhir periode, "
                 f"{compute.convention_label()}; kategori {compute.category_bands().describe()}.",
                 f"\u201c{NO_DATA}\u201d: tahun atau isian yang belum ada; tidak pernah dihitung sebagai 0."]
    if missing:
        all_notes.append(f"{year_runs(missing)}: realisasi belum diimpor.")
    all_notes += [n for n in notes if n]
    all_notes += [f"{r.get('uraian') or r.get('indikator')}: {r['catatan_capaian']}" for _, r in frame.iterrows()
                  if isinstance(r["catatan_capaian"], str) and r["catatan_capaian"]]
    return Table(data, columns, caption=caption, name=name, notes=all_notes, symbols=symbols, indent=indent,
                 bold_rows=bold, wide=True)


def indicator_progress(table_id: str, jenis: str, tahun: int, data_dir=None, *, name: str, label: str):
    """Progress of the indicators of Tabel 4.5.1 (IKU) or 4.6 (IKK) up to the year before ``tahun``."""
    from helpers.core import progress

    if not has_table(table_id, data_dir):
        return None
    years = progress.plan_years_before(tahun, data_dir)
    if not years:
        return no_progress(tahun, label)
    g = indicator_frame(table_id, data_dir)
    items = pd.DataFrame({"jenis": jenis, "kode": [f"{jenis}.{int(n)}" for n in g["no"]], "no": [str(n) for n in g["no"]],
                          "indikator": list(g["indikator"]), "satuan": list(g["satuan"]),
                          "satuan_teks": [unit_text(s, p) for s, p in zip(g["satuan"], g["per"])],
                          "polaritas": [text_or_empty(p) or "naik" for p in g["polaritas"]],
                          "target_akhir": list(g["target_akhir"])})
    real = progress.load(years, data_dir)
    frame = progress.progress_frame(items, real, data_dir=data_dir)
    labels = [Column("no", "No", role="code"), Column("indikator", "Indikator", wide=True),
              Column("satuan_teks", "Satuan")]
    number = read_schema(table_id, data_dir).number
    return progress_table(frame, years, real.imported, tahun, name=name, labels=labels,
                          caption=f"Kemajuan {number}: realisasi {year_span(years)} dan capaian terhadap target "
                                  "akhir periode")


def spm_progress(tahun: int, data_dir=None):
    """Progress of the SPM of Tabel 4.7 (indicators and jenis layanan) up to the year before ``tahun``."""
    from helpers.core import progress

    if not has_table(TABLE_SPM, data_dir):
        return None
    years = progress.plan_years_before(tahun, data_dir)
    if not years:
        return no_progress(tahun, "Tabel 4.7")
    g = spm_frame(data_dir)
    plan_years = target_years(g)
    items = pd.DataFrame({
        "jenis": "SPM", "kode": [f"SPM.{r}" for r in g["row_id"]], "no": [text_or_empty(n) for n in g["no"]],
        "uraian": list(g["uraian"]), "satuan": list(g["satuan"]), "satuan_teks": list(g["satuan"]),
        "polaritas": "naik",
        "target_akhir": [compute_end(row, plan_years) for _, row in g.iterrows()]})
    real = progress.load(years, data_dir)
    frame = progress.progress_frame(items, real, data_dir=data_dir)
    levels = list(g["level"])
    labels = [Column("no", "No", role="code"), Column("uraian", "Indikator Kinerja / Jenis Layanan SPM", wide=True),
              Column("satuan_teks", "Satuan")]
    return progress_table(frame, years, real.imported, tahun, name="tabel-4-7-kemajuan-realisasi", labels=labels,
                          caption=f"Kemajuan Tabel 4.7 (SPM): realisasi {year_span(years)} dan capaian terhadap "
                                  "target akhir periode",
                          bold=[i for i, lv in enumerate(levels) if lv == "spm"],
                          indent={i: 1 for i, lv in enumerate(levels) if lv != "spm"},
                          notes=["Target akhir periode Tabel 4.7 dihitung menurut satuan (persen: target tahun "
                                 "terakhir; orang dan satuan jumlah lain: jumlah selama periode)."])


def compute_end(row, years) -> Optional[float]:
    """End-of-period target of a Tabel 4.7 row by its unit (:func:`helpers.core.compute.end_of_period`)."""
    from helpers.core import compute

    return compute.end_of_period([row[col("target", y)] for y in years], row["satuan"])
