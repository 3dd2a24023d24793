"""The Tabel 4.1 tables of the page, on the table model: the full plan, the year's progress,
the totals per bidang urusan and per program.

Every figure comes from :class:`~helpers.pages.rencana_program.views.PlanView`; a cell whose
printed figure differs carries a :class:`~helpers.present.Mark` with the printed text. Without
Tabel 4.1 in the data the full table is replaced by a notice and the others are skipped (None).
"""
from __future__ import annotations

from typing import Optional

import pandas as pd

from helpers.core.audit import KIND_ORDER, KIND_SUMMED_LEVEL
from helpers.core.data import has_table, load, load_printed, printed_symbol, read_schema
from helpers.core.numbers import format_number
from helpers.core.text import join_list
from helpers.core.years import year_span
from helpers.present import Column, Notice, Table, unavailable
from helpers.pages.rencana_program.views import (TABLE_PLAN, TOTAL_LABEL, TOTAL_ROW, PlanView, bidang_frame,
                                                 col, is_integral, leaves_with_pagu, percent_counts,
                                                 program_frame, year_frame)

#: Rows printed in bold in Tabel 4.1; bidang urusan rows are also section rows (no target of their own).
BOLD_LEVELS = ("bidang_urusan", "program", "total")
SECTION_LEVELS = ("bidang_urusan",)
#: Indent level of the uraian per row level.
INDENT_LEVELS = {"kegiatan": 1, "sub_kegiatan": 2}

H_KODE = "Kode"
H_URAIAN = "Program/ Kegiatan/ Sub Kegiatan"
H_INDIKATOR = "Indikator Kinerja (Kepmendagri 050-5889)"
H_SATUAN = "Satuan"
H_TAHUN = "Tahun"
H_AKHIR = "Kondisi Kinerja pada Akhir Periode"
H_TARGET = "Target"
H_RP = "Rp"

PLAN_LABEL = "Tabel 4.1 (rencana program, kegiatan, sub kegiatan dan pendanaan)"


def h_pagu(year) -> str:
    return f"Pagu {year} (Rp)"


def h_share(label) -> str:
    return f"Porsi {label} (%)"


def target_role(values) -> dict:
    """Column arguments of a target column: integers when every target is whole, else two decimals."""
    return {"role": "integer"} if is_integral(values) else {"role": "decimal", "decimals": 2}


def row_rows(levels, wanted) -> list[int]:
    return [i for i, level in enumerate(levels) if level in wanted]


def indent_of(levels) -> dict[int, int]:
    return {i: INDENT_LEVELS[level] for i, level in enumerate(levels) if level in INDENT_LEVELS}


# --------------------------------------------------------------------------------------------
# Notes shared by the tables: what the marks mean
# --------------------------------------------------------------------------------------------


def audit_lines(view: PlanView, audit: Optional[pd.DataFrame] = None) -> list[str]:
    """Sentences on the marked cells of Tabel 4.1: how many and of which kind (the printed values
    are listed by the marks themselves). Nothing when the data holds no printed figures."""
    if not view.has_printed:
        return []
    audit = view.audit if audit is None else audit
    if audit.empty:
        return ["Semua angka turunan yang tercetak sama dengan hasil hitung ulang (dalam batas pembulatan)."]
    counts = audit["kind"].value_counts()
    kinds = [k for k in KIND_ORDER if k in counts.index]
    lines = [f"Tanda *: {format_number(len(audit))} sel berbeda dengan angka tercetak di dokumen ("
             + "; ".join(f"{format_number(counts[k])} {k}" for k in kinds) + ")."]
    if (audit["kind"] == KIND_SUMMED_LEVEL).any():
        lines.append("Untuk indikator persen/skor yang target akhir periodenya dijumlahkan dokumen selama periode, "
                     "ditampilkan target tahun terakhir.")
    return lines


def plan_note(view: PlanView) -> list[str]:
    """Notes under the full Tabel 4.1 (levels, what is recomputed, end-of-period rule, marks)."""
    leaves = view.level("sub_kegiatan")
    notes = [
        "Baris bidang urusan (miring) dan program dicetak tebal; kegiatan dan sub kegiatan menjorok ke kanan. "
        f"Pagu kegiatan, program, bidang urusan dan {TOTAL_LABEL} dihitung ulang dari pagu "
        f"{format_number(len(leaves))} sub kegiatan; pagu akhir periode = jumlah pagu {view.span}. Kolom tahun "
        f"{view.tahun} disorot. \u201c-\u201d seperti tercetak: pada kolom Rp = nihil (nol), pada kolom "
        "target = tidak ada target tahun itu; 0 = tercetak 0; NA = tidak ada nilai (sel kosong di dokumen).",
        "Target akhir periode mengikuti satuan: untuk persen, skor, indeks, rasio dan nilai diambil target tahun "
        "terakhir; untuk satuan jumlah (orang, dokumen, laporan, paket, dll.) dijumlahkan selama periode; baris "
        "tanpa satuan dijumlahkan.",
        "Baris bidang urusan tidak punya indikator sendiri"
        + (": dokumen mencetak jumlah target program-programnya (indikator dan satuan berbeda), sehingga di sini "
           "target dibiarkan kosong." if view.has_printed else ", sehingga targetnya dibiarkan kosong."),
    ]
    odd = percent_counts(view)
    if len(odd):
        notes.append("Perlu dikonfirmasi: " + join_list([str(k) for k in odd["kode"]]) + " bersatuan persen tetapi "
                     "targetnya di atas 100 (tampaknya jumlah orang); akhir periodenya mengikuti aturan satuan persen "
                     "(nilai tahun terakhir).")
    return notes + audit_lines(view)


# --------------------------------------------------------------------------------------------
# Tabel 4.1 in full
# --------------------------------------------------------------------------------------------


def plan_symbols(view: PlanView, columns: dict[str, str], kodes) -> dict[tuple[int, str], str]:
    """``{(row, key): "-"}`` where the document printed "-": a target not set (no value), a nihil
    pagu of a sub kegiatan, or a parent pagu printed "-" whose recomputed amount is 0. ``columns``
    maps a measure-year view column (``pagu_2025``) to the table's key; ``kodes`` are the rows' codes."""
    if not has_table(TABLE_PLAN, view.data_dir):
        return {}
    base = load(TABLE_PLAN, view.data_dir)
    p = load_printed(TABLE_PLAN, view.data_dir)
    dashes = {(str(r), None if pd.isna(t) else int(t), str(c)) for r, t, c, x in
              zip(p["row"], p["tahun"], p["column"], p["printed"]) if not pd.isna(x) and str(x).strip() == "-"}
    out = {}
    for k, kode in enumerate(kodes):
        for y in view.years:
            for measure in ("target", "pagu"):
                key = columns.get(col(measure, y))
                if key is None:
                    continue
                symbol = printed_symbol(base, measure, kode, y) if kode != TOTAL_ROW else None
                if symbol is None and measure == "pagu" and (str(kode), int(y), "pagu") in dashes:
                    symbol = "-"
                if symbol == "-":
                    out[(k, key)] = symbol
        if "pagu_akhir" in columns and (str(kode), None, "pagu_akhir") in dashes:
            out[(k, columns["pagu_akhir"])] = "-"
    return out


def plan_data(view: PlanView) -> pd.DataFrame:
    """The data of the full Tabel 4.1: the view's frame, JUMLAH without a code."""
    f = view.frame
    data = f[["kode", "uraian", "indikator", "satuan_teks"]
             + [col(m, y) for y in view.years for m in ("target", "pagu")] + ["target_akhir", "pagu_akhir"]].copy()
    data["kode"] = ["" if k == TOTAL_ROW else k for k in f["kode"]]
    return data


def plan_columns(view: PlanView) -> list[Column]:
    f = view.frame
    targets = pd.concat([f[c] for c in [col("target", y) for y in view.years] + ["target_akhir"]])
    trole = target_role(targets)
    columns = [Column("kode", H_KODE, role="code"), Column("uraian", H_URAIAN, wide=True),
               Column("indikator", H_INDIKATOR, wide=True), Column("satuan_teks", H_SATUAN)]
    for y in view.years:
        on = y == view.tahun
        columns += [Column(col("target", y), (H_TAHUN, str(y), H_TARGET), highlight=on, **trole),
                    Column(col("pagu", y), (H_TAHUN, str(y), H_RP), role="rupiah", highlight=on)]
    columns += [Column("target_akhir", (H_AKHIR, H_TARGET), **trole),
                Column("pagu_akhir", (H_AKHIR, H_RP), role="rupiah")]
    return columns


def plan_table(view: Optional[PlanView]) -> Table | Notice:
    """Tabel 4.1 in full: all codes, target and Rp per plan year under a merged header, end of period, JUMLAH."""
    if view is None:
        return unavailable(PLAN_LABEL)
    data = plan_data(view)
    columns = plan_columns(view)
    levels = list(view.frame["level"])
    keys = [c.key for c in columns]
    marks = view.marks_at(range(len(data)), {k: k for k in keys if k in view.marks.columns})
    no_text = row_rows(levels, SECTION_LEVELS + ("total",))
    total = levels.index("total")
    blank = [(i, k) for i in no_text for k in ("indikator", "satuan_teks")]
    blank += [(total, c.key) for c in columns if c.key.startswith("target")]
    caption = read_schema(TABLE_PLAN, view.data_dir).caption + f" ({view.span}, kolom {view.tahun} disorot)"
    symbols = plan_symbols(view, {k: k for k in keys}, list(view.frame["kode"]))
    return Table(data, columns, caption=caption, name="tabel-4-1-rencana-program", notes=plan_note(view),
                 bold_rows=row_rows(levels, BOLD_LEVELS), section_rows=row_rows(levels, SECTION_LEVELS),
                 indent=indent_of(levels), marks=marks, blank=blank, wide=True, symbols=symbols)


# --------------------------------------------------------------------------------------------
# Tabel 4.1 — tahun: progress of the plan up to tahun
# --------------------------------------------------------------------------------------------


def h_cumulative(view: PlanView) -> str:
    return f"Pagu kumulatif {view.span_to_tahun} (Rp)"


def h_cumulative_share(view: PlanView) -> str:
    return f"Pagu kumulatif terhadap pagu {view.span} (%)"


def year_note(view: PlanView) -> list[str]:
    t = view.tahun
    n_leaves = len(view.level("sub_kegiatan"))
    notes = [f"Kemajuan rencana sampai {t}: pagu {t}, pagu kumulatif {view.span_to_tahun} dan bagiannya dari "
             f"pagu seluruh periode {view.span} (pagu kumulatif / pagu akhir periode × 100). Angka dihitung ulang dari "
             f"pagu sub kegiatan. Pada {t}, {format_number(leaves_with_pagu(view))} dari {format_number(n_leaves)} "
             "sub kegiatan memiliki pagu (lebih dari 0)."]
    audit = view.audit
    shown = audit[(audit["measure"] == "pagu") & (audit["tahun"] == t)] if len(audit) else audit
    if len(shown):
        notes.extend(audit_lines(view, shown.reset_index(drop=True)))
    return notes


def plan_progress(view: Optional[PlanView]):
    """Progress of Tabel 4.1 up to the year before ``tahun``: per program, kegiatan and sub kegiatan the
    output realisation (K) and the rupiah (Rp, program and kegiatan recomputed from the sub kegiatan as
    in the budget table) per year, to date, and against the end-of-period target and pagu."""
    from helpers.core import derive, progress
    from helpers.pages.rencana_program.targets import no_progress, progress_table

    if view is None:
        return None
    years = progress.plan_years_before(view.tahun, view.data_dir)
    if not years:
        return no_progress(view.tahun, "Tabel 4.1")
    f = view.frame[view.frame["level"].isin(derive.BUDGET_LEVELS)].reset_index(drop=True)
    items = pd.DataFrame({"jenis": list(f["level"]), "kode": list(f["kode"]), "uraian": list(f["uraian"]),
                          "indikator": list(f["indikator"]), "satuan": list(f["satuan"]),
                          "satuan_teks": list(f["satuan_teks"]), "polaritas": "naik",
                          "target_akhir": list(f["target_akhir"]), "pagu_akhir": list(f["pagu_akhir"])})
    rolled = derive.plan_budget_rollup(progress.plan_budget(years, view.data_dir))
    rupiah = {(str(k), int(t)): (None if pd.isna(v) else float(v))
              for k, t, v in zip(rolled["row_id"], rolled["tahun"], rolled["realisasi"])}
    real = progress.load(years, view.data_dir)
    frame = progress.progress_frame(items, real, rupiah=rupiah, data_dir=view.data_dir)
    levels = list(f["level"])
    labels = [Column("kode", H_KODE, role="code"), Column("uraian", H_URAIAN, wide=True),
              Column("indikator", "Indikator", wide=True), Column("satuan_teks", H_SATUAN)]
    notes = ["Rp: realisasi anggaran yang diimpor; program dan kegiatan dihitung ulang dari sub kegiatannya (belum "
             "ada data bila salah satunya belum diisi), seperti tabel anggaran Bab II. Target dan pagu akhir periode "
             "seperti Tabel 4.1 di atas. Tabel 4.1 tidak mencetak polaritas: semua indikator dibaca makin tinggi "
             "makin baik."]
    return progress_table(frame, years, real.imported, view.tahun, name="tabel-4-1-kemajuan-realisasi",
                          caption=f"Kemajuan Tabel 4.1: realisasi {year_span(years)} (K dan Rp) dan capaian terhadap "
                                  "target akhir periode", labels=labels, rupiah=True, notes=notes,
                          bold=row_rows(levels, ("program",)), indent=indent_of(levels))


def year_table(view: Optional[PlanView]) -> Optional[Table]:
    """The narrow view "Tabel 4.1 — tahun ``tahun``": target and pagu of the year, cumulative pagu and its share."""
    if view is None:
        return None
    g = year_frame(view)
    t = view.tahun
    data = pd.DataFrame({
        "kode": ["" if k == TOTAL_ROW else k for k in g["kode"]], "uraian": list(g["uraian"]),
        "indikator": list(g["indikator"]), "satuan_teks": list(g["satuan_teks"]),
        "target": g["target"].to_numpy(), "pagu": g["pagu"].to_numpy(),
        "kumulatif": g["kumulatif"].to_numpy(), "porsi_kumulatif": g["porsi_kumulatif"].to_numpy(),
    })
    columns = [Column("kode", H_KODE, role="code"), Column("uraian", "Uraian", wide=True),
               Column("indikator", "Indikator", wide=True), Column("satuan_teks", H_SATUAN),
               Column("target", (f"{H_TAHUN} {t}", H_TARGET), highlight=True, **target_role(g["target"])),
               Column("pagu", (f"{H_TAHUN} {t}", H_RP), role="rupiah", highlight=True),
               Column("kumulatif", h_cumulative(view), role="rupiah"),
               Column("porsi_kumulatif", h_cumulative_share(view), role="decimal", decimals=2)]
    levels = list(g["level"])
    total = levels.index("total")
    blank = [(i, k) for i in row_rows(levels, SECTION_LEVELS + ("total",)) for k in ("indikator", "satuan_teks")]
    blank.append((total, "target"))
    caption = (f"Tabel 4.1 — tahun {t}: Rencana Program, Kegiatan, Sub Kegiatan dan Pendanaan (pagu {t} dan "
               f"kumulatif {view.span_to_tahun})")
    return Table(data, columns, caption=caption, name=f"tabel-4-1-tahun-{t}", notes=year_note(view),
                 bold_rows=row_rows(levels, BOLD_LEVELS), section_rows=row_rows(levels, SECTION_LEVELS),
                 indent=indent_of(levels), marks=view.marks_at(range(len(data)), {"pagu": col("pagu", t)}),
                 blank=blank, symbols=plan_symbols(view, {col("target", t): "target", col("pagu", t): "pagu"},
                                                   list(g["kode"])))


# --------------------------------------------------------------------------------------------
# Totals per urusan / bidang urusan and per program
# --------------------------------------------------------------------------------------------


def bidang_note(view: PlanView, g: pd.DataFrame) -> list[str]:
    parts = g[g["kode"] != TOTAL_ROW]
    per_urusan = parts.groupby("urusan")["kode"].count()
    note = ("Tabel 4.1 tidak mencetak baris urusan; nama urusan menurut kode nomenklatur (digit pertama: 1 = wajib "
            "pelayanan dasar, 2 = wajib bukan pelayanan dasar, 3 = pilihan).")
    if len(per_urusan) and (per_urusan == 1).all():
        note += (" Setiap urusan di sini hanya memuat satu bidang urusan, sehingga jumlah urusan sama dengan jumlah "
                 "bidang urusannya.")
    note += f" Pagu dihitung ulang dari sub kegiatan; porsi = pagu bidang / {TOTAL_LABEL} × 100."
    notes = [note]
    audit = view.audit
    if len(audit):
        mine = audit[audit["measure"].isin(["pagu", "pagu_akhir"]) & audit["row"].isin(list(g["kode"]))]
        if len(mine):
            notes.extend(audit_lines(view, mine.reset_index(drop=True)))
    return notes


def bidang_table(view: Optional[PlanView]) -> Optional[Table]:
    """Pagu per urusan / bidang urusan and the grand total, each year and for the period (recomputed)."""
    if view is None:
        return None
    g = bidang_frame(view)
    t = view.tahun
    data = g.copy()
    data["kode"] = ["" if k == TOTAL_ROW else k for k in g["kode"]]
    columns = [Column("kode", H_KODE, role="code"), Column("urusan", "Urusan", wide=True),
               Column("bidang", "Bidang urusan")]
    columns += [Column(col("pagu", y), h_pagu(y), role="rupiah", highlight=y == t) for y in view.years]
    columns += [Column("pagu_akhir", h_pagu(view.span), role="rupiah"),
                Column(col("porsi", t), h_share(t), role="decimal", decimals=2, highlight=True),
                Column("porsi_akhir", h_share(view.span), role="decimal", decimals=2)]
    position = view.position
    rows = [position[k] for k in g["kode"]]
    marks = view.marks_at(rows, {**{col("pagu", y): col("pagu", y) for y in view.years}, "pagu_akhir": "pagu_akhir"})
    return Table(data, columns, caption=f"Rekapitulasi pagu indikatif per urusan dan bidang urusan {view.span} "
                 "(Tabel 4.1, dihitung ulang)", name="tabel-4-1-rekap-bidang-urusan", notes=bidang_note(view, g),
                 bold_rows=[len(data) - 1], marks=marks)


def h_growth(view: PlanView) -> str:
    return f"Pertumbuhan total {view.span} (%)"


def h_cagr(view: PlanView) -> str:
    return f"CAGR {view.span} (% per tahun)"


def program_table(view: Optional[PlanView]) -> Optional[Table]:
    """Pagu per program: ``tahun`` and the period with their shares, and growth of the yearly pagu."""
    if view is None:
        return None
    g = program_frame(view)
    t = view.tahun
    data = g.copy()
    data["kode"] = ["" if k == TOTAL_ROW else k for k in g["kode"]]
    data["uraian"] = [TOTAL_LABEL if k == TOTAL_ROW else u for k, u in zip(g["kode"], g["uraian"])]
    columns = [Column("kode", H_KODE, role="code"), Column("uraian", "Program", wide=True),
               Column("pagu_tahun", h_pagu(t), role="rupiah", highlight=True),
               Column("porsi_tahun", h_share(t), role="decimal", decimals=2, highlight=True),
               Column("pagu_akhir", h_pagu(view.span), role="rupiah"),
               Column("porsi_akhir", h_share(view.span), role="decimal", decimals=2)]
    shows = {"pagu_tahun": col("pagu", t), "pagu_akhir": "pagu_akhir"}
    for key, year in (("first", view.first), ("last", view.last)):
        if year != t:  # the year's pagu column would appear twice
            columns.append(Column(key, h_pagu(year), role="rupiah"))
            shows[key] = col("pagu", year)
    columns += [Column("growth_total", h_growth(view), role="decimal", decimals=2),
                Column("cagr", h_cagr(view), role="decimal", decimals=2)]
    position = view.position
    marks = view.marks_at([position[k] for k in g["kode"]], shows)
    notes = [f"Porsi = pagu program / {TOTAL_LABEL} × 100 (tahun {t} dan periode {view.span}). Pertumbuhan total = "
             f"(pagu {view.last} − pagu {view.first}) / pagu {view.first} × 100 (bukan rata-rata); CAGR = ((pagu "
             f"{view.last} / pagu {view.first})^(1/{view.last - view.first}) − 1) × 100. \u201c-\u201d = tidak "
             f"terdefinisi (pagu {view.first} 0 atau kosong)."]
    return Table(data, columns, caption=f"Pagu indikatif per program: tahun {t} dan periode {view.span} (Tabel 4.1, "
                 "dihitung ulang)", name="tabel-4-1-pagu-program", notes=notes, bold_rows=[len(data) - 1],
                 marks=marks)
