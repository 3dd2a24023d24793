"""The budget tables as the document lays them out, and the growth table, on the table model.

:func:`budget_table`: program rows bold, kegiatan and sub kegiatan indented, the JUMLAH row bold
and last; a multi-row header (Anggaran / Realisasi / Rasio per year, then growth). Marked cells
carry the printed value (from ``data/printed`` through the audit). :func:`growth_table`: the
document's convention ("Rata Rata Pertumbuhan" is in fact total growth) next to the honest
averages (mean yearly growth and CAGR).
"""
from __future__ import annotations

import re
from typing import Optional, Union

import pandas as pd

from helpers.core.audit import KIND_UNDEFINED_PRINTED
from helpers.core.data import load, printed_symbol, read_schema
from helpers.core.numbers import format_number
from helpers.core.years import year_span
from helpers.core.progress import NO_DATA
from helpers.pages.anggaran.view import (INDENT, LEVEL_NAMES, MEASURES, TOTAL_LABEL, UNLABELLED_TOTAL, BudgetView,
                                         NoBudget, PlanBudgetView, View, col, growth_frame, mark_column, shown_audit)
from helpers.present import Column, Mark, Notice, Table, markdown_escape, unavailable

#: The document's name of the growth column (it is total growth, not an average).
DOCUMENT_GROWTH = "\u201cRata Rata Pertumbuhan\u201d"


def notice(view: NoBudget) -> Notice:
    """What stands in place of a table that cannot be shown."""
    return unavailable(view.label) if view.absent else Notice(view.text)


def section_heading(view: View) -> str:
    """Markdown heading of a table's section (the document's title) and how to read the table."""
    heading = f"## {markdown_escape(view.title)}"
    if isinstance(view, NoBudget):
        return heading
    parts = []
    if isinstance(view, PlanBudgetView):
        parts.append("Bukan tabel dokumen: tahun rencana dengan realisasi yang diimpor, baris dan pagu menurut "
                     "Tabel 4.1 (bentuk T-C.24 Permendagri 86/2017).")
    elif not read_schema(view.table_id, view.data_dir).number:
        parts.append("Tabel tanpa nomor di dokumen.")
    parts.append(f"Baris program dan baris {TOTAL_LABEL} dicetak tebal, kegiatan menjorok ke dalam"
                 + (", sub kegiatan lebih ke dalam lagi." if view.leaf_level == "sub_kegiatan" else "."))
    if view.has_printed and view.table_id in UNLABELLED_TOTAL:
        parts.append(f"Baris {TOTAL_LABEL} tidak berlabel di dokumen.")
    parts.append("Judul tabel di bawah menyebut tahun yang ditampilkan.")
    return heading + "\n\n" + " ".join(parts)


def table_caption(view: BudgetView) -> str:
    """The document's title with the printed year range replaced by the shown years."""
    if isinstance(view, PlanBudgetView):
        return view.title
    caption = read_schema(view.table_id, view.data_dir).caption
    replaced, n = re.subn(r"Tahun\s+\d{4}\s*[-–]\s*\d{4}", f"Tahun {view.span}", caption)
    return replaced if n else f"{caption} ({view.span})"


def growth_label(view: BudgetView, kind: str) -> str:
    """Upper header of the growth columns: ``Pertumbuhan total 2021–2024 (%) (konvensi dokumen)``."""
    if kind == "total":
        return f"Pertumbuhan total {view.span} (%) (konvensi dokumen)"
    return f"Rata-rata pertumbuhan tahunan {view.span} (%)"


#: Table keys (CSV headers) of the view's growth columns.
GROWTH_KEYS = {f"growth_{kind}_{m}": f"{name}_{m}" for kind, name in (("total", "pertumbuhan_total"),
                                                                   ("mean", "rata_rata_tahunan")) for m in MEASURES}


def budget_columns(view: BudgetView) -> list[Column]:
    """The columns of the document-layout table, in the document's order (keys: :data:`GROWTH_KEYS`)."""
    columns = [Column("uraian", "Uraian", wide=True)]
    columns += [Column(col("anggaran", y), ("Anggaran (Rp)", str(y)), role="rupiah") for y in view.years]
    columns += [Column(col("realisasi", y), ("Realisasi (Rp)", str(y)), role="rupiah") for y in view.years]
    columns += [Column(col("rasio", y), ("Rasio (%)", str(y)), role="decimal", decimals=2) for y in view.years]
    if len(view.years) >= 2:
        columns += [Column(GROWTH_KEYS[f"growth_total_{m}"], (growth_label(view, "total"), m.capitalize()),
                           role="decimal", decimals=2) for m in MEASURES]
    if len(view.years) >= 3:
        columns += [Column(GROWTH_KEYS[f"growth_mean_{m}"], (growth_label(view, "mean"), m.capitalize()),
                           role="decimal", decimals=2) for m in MEASURES]
    return columns


def _printed_text(value, measure: str) -> str:
    if value is None or pd.isna(value):
        return "kosong"
    return format_number(value, 0 if measure in MEASURES else 2)


def budget_marks(view: BudgetView, rows: Optional[pd.Index] = None,
                 columns: Optional[dict[str, str]] = None) -> dict[tuple[int, str], Mark]:
    """Marks of the cells the view marks, each with the printed value (Indonesian style).

    ``rows`` are the view rows shown (default all, in order); ``columns`` maps a view column to
    the table's key (default the same name). Undefined ratios printed as numbers (hundreds of
    cells) keep their printed value on the cell but are summarised in one note, not listed.
    """
    rows = view.frame.index if rows is None else rows
    position = {view.frame.at[i, "row_id"]: k for k, i in enumerate(rows)}
    out = {}
    for a in shown_audit(view).itertuples():
        k = position.get(str(a.row))
        name = mark_column(a.measure, a.tahun)
        if k is None or name not in view.marks.columns or not bool(view.marks.at[rows[k], name]):
            continue
        key = name if columns is None else columns.get(name)
        if key is None:
            continue
        out[(k, key)] = Mark(printed=_printed_text(a.printed, a.measure), listed=a.kind != KIND_UNDEFINED_PRINTED)
    return out


def budget_symbols(view: BudgetView, columns: Optional[dict[str, str]] = None) -> dict[tuple[int, str], str]:
    """``{(row, key): symbol}`` where the document printed no number for an amount that is nihil:
    a blank leaf (its symbol kept from the data) or a parent printed blank or "-" whose recomputed
    amount is 0. Those cells show what the document printed, not "0"."""
    if isinstance(view, PlanBudgetView):
        return plan_symbols(view, columns)
    base = load(view.table_id, view.data_dir)
    p = view.printed
    printed = {(str(r), int(t), str(c)): str(x) for r, t, c, x in zip(p["row"], p["tahun"], p["column"], p["printed"])
               if not pd.isna(t) and not pd.isna(x) and str(x).strip() in ("", "-")}
    out = {}
    for k, (row_id, level) in enumerate(zip(view.frame["row_id"], view.frame["level"])):
        for measure in MEASURES:
            for y in view.years:
                name = col(measure, y)
                key = name if columns is None else columns.get(name)
                if key is None:
                    continue
                symbol = printed_symbol(base, measure, row_id, y) if level != "total" else None
                if symbol is None and (str(row_id), int(y), measure) in printed:
                    value = view.frame.at[view.frame.index[k], name]
                    if not pd.isna(value) and float(value) == 0:
                        symbol = printed[(str(row_id), int(y), measure)]
                if symbol is not None:
                    out[(k, key)] = symbol
    return out


def difference_summary(view: BudgetView) -> str:
    """How many cells are marked and why (for the table note); nothing without printed figures."""
    if not view.has_printed:
        return ""
    shown = shown_audit(view)
    if shown.empty:
        return "Semua angka turunan yang tercetak sama dengan hasil hitung ulang (dalam batas pembulatan)."
    parts = [f"Tanda *: {format_number(len(shown))} sel berbeda dengan angka tercetak di dokumen."]
    undefined = shown[shown["kind"] == KIND_UNDEFINED_PRINTED]
    if len(undefined):
        parts.append(f"Sebanyak {format_number(len(undefined))} di antaranya rasio atau pertumbuhan yang tidak "
                     "terdefinisi (anggaran 0, atau anggaran tahun awal 0) tetapi dicetak sebagai angka (0 atau "
                     "0,00); di sini ditampilkan NA (angka tercetaknya menjadi keterangan sel dan tercantum di "
                     "halaman Audit).")
    return " ".join(parts)


def printed_example(view: BudgetView, measure: str) -> str:
    """The first printed text of a measure (``708,200,000``), to show the document's number style."""
    texts = view.printed.loc[view.printed["column"] == measure, "printed"].dropna()
    return str(texts.iloc[0]) if len(texts) else ""


def lost_minus_example(view: BudgetView) -> str:
    """A printed growth whose minus sign the text export lost (``016,37``), or ``""`` if none."""
    p = view.printed
    hit = p[(p["column"] == "pertumbuhan_anggaran") & p["note"].fillna("").str.contains("lost minus sign")]
    return str(hit["printed"].iloc[0]) if len(hit) else ""


def plan_symbols(view: PlanBudgetView, columns: Optional[dict[str, str]] = None) -> dict[tuple[int, str], str]:
    """``belum ada data realisasi`` where a plan year's realisation (or its ratio) is not known yet."""
    out = {}
    for k, row_id in enumerate(view.frame["row_id"]):
        for y in view.years:
            if (row_id, y) in view.nihil:
                key = col("realisasi", y) if columns is None else columns.get(col("realisasi", y))
                if key is not None:
                    out[(k, key)] = "-"
            if pd.isna(view.frame.at[view.frame.index[k], col("realisasi", y)]):
                for measure in ("realisasi", "rasio"):
                    key = col(measure, y) if columns is None else columns.get(col(measure, y))
                    if key is not None:
                        out[(k, key)] = NO_DATA
    return out


def plan_notes(view: PlanBudgetView) -> list[str]:
    """The notes under the budget table of the plan years: sources, roll-up, unknown values, rules."""
    notes = ["Baris program dicetak tebal, kegiatan menjorok satu tingkat, sub kegiatan dua tingkat (kode dan "
             "uraian Tabel 4.1). Angka program, kegiatan dan JUMLAH dihitung ulang dari angka sub kegiatan, seperti "
             "tabel tahun-tahun sebelumnya.",
             "Anggaran: " + "; ".join(view.source_text(y) for y in view.years) + ".",
             "Realisasi: isian realisasi anggaran berkas yang diimpor. Sel yang kosong "
             f"berarti belum diketahui (\u201c{NO_DATA}\u201d), bukan nol; program, kegiatan atau JUMLAH yang salah "
             f"satu sub kegiatannya belum diketahui juga ditulis \u201c{NO_DATA}\u201d.",
             "Rasio = realisasi / anggaran × 100."]
    if view.nihil:
        notes.append("\u201c-\u201d = nihil: sub kegiatan tanpa anggaran (pagu 0 atau tidak ada) yang realisasinya "
                     "tidak diisi; tanpa anggaran tidak ada belanja.")
    missing = [y for y in view.years if y not in view.imported]
    if missing:
        notes.append(f"{year_span(missing)}: realisasi belum diimpor; anggaran menurut Tabel 4.1.")
    if len(view.years) >= 2:
        notes.append(f"Pertumbuhan total = (nilai {view.last} − nilai {view.first}) / nilai {view.first} × 100, "
                     "aturan yang sama dengan tabel tahun-tahun sebelumnya.")
    else:
        notes.append(f"Hanya satu tahun ({view.first}) yang ditampilkan, sehingga pertumbuhan belum dapat dihitung.")
    if view.parent_differs:
        shown = "; ".join(f"{k} {y}: isian {format_number(v)}" for k, y, _, v in view.parent_differs[:10])
        more = f" dan {len(view.parent_differs) - 10} lainnya" if len(view.parent_differs) > 10 else ""
        notes.append("Realisasi program/kegiatan yang diisi berbeda dari jumlah sub kegiatannya (ditampilkan hasil "
                     f"penjumlahan): {shown}{more}.")
    return notes


def budget_notes(view: BudgetView) -> list[str]:
    """The notes under the document-layout table: levels, recomputation, conventions, marks."""
    if isinstance(view, PlanBudgetView):
        return plan_notes(view)
    leaf = LEVEL_NAMES[view.leaf_level]
    levels = ("baris program dicetak tebal, kegiatan menjorok satu tingkat"
              + (", sub kegiatan dua tingkat" if view.leaf_level == "sub_kegiatan" else ""))
    notes = [f"Uraian: {levels}. Angka program{', kegiatan' if view.leaf_level == 'sub_kegiatan' else ''} "
             f"dan {TOTAL_LABEL} dihitung ulang dari angka {leaf}. Sel anggaran atau realisasi yang kosong di "
             "dokumen tetap kosong dan dihitung sebagai nol (nihil): dokumen sendiri menjumlahkannya demikian "
             "(pertumbuhan \u2212100,00 bila tahun akhir kosong). NA = rasio/pertumbuhan tidak terdefinisi "
             "(pembagi 0).",
             "Rasio = realisasi / anggaran × 100."]
    if len(view.years) == 1:
        notes.append(f"Hanya satu tahun ({view.first}) yang ditampilkan, sehingga pertumbuhan belum dapat dihitung.")
    else:
        notes.append(f"Pertumbuhan total (konvensi dokumen) = (nilai {view.last} − nilai {view.first}) / nilai "
                     f"{view.first} × 100; dokumen menamai kolom ini {DOCUMENT_GROWTH}, padahal bukan rata-rata.")
        if len(view.years) >= 3:
            notes.append("Rata-rata pertumbuhan tahunan = rata-rata hitung dari pertumbuhan setiap tahun "
                         "terhadap tahun sebelumnya (tidak terdefinisi bila satu tahun bernilai 0 atau kosong).")
        else:
            notes.append("Dengan dua tahun hanya ada satu langkah pertumbuhan, sehingga pertumbuhan total sama "
                         "dengan rata-rata pertumbuhan tahunan (dan CAGR); kolom terpisah tidak ditampilkan.")
        if not view.full_range and view.has_printed:
            notes.append(f"Pertumbuhan dihitung untuk tahun yang ditampilkan ({view.span}); angka pertumbuhan "
                         f"dokumen ({year_span(view.all_years)}) tidak dibandingkan.")
    if view.has_printed:
        printed = []
        if view.table_id in UNLABELLED_TOTAL:
            printed.append(f"Baris {TOTAL_LABEL} tidak berlabel di dokumen.")
        if view.english_style:
            examples = [printed_example(view, m) for m in ("anggaran", "rasio")]
            examples = " / ".join(e for e in examples if e)
            printed.append("Dokumen mencetak tabel ini dengan format angka Inggris"
                           + (f" ({examples})." if examples else "."))
        if printed:
            notes.append(" ".join(printed))
    notes.append(difference_summary(view))
    return [n for n in notes if n]


def budget_table(view: View) -> Union[Table, Notice]:
    """The budget table as in the document (program bold, kegiatan/sub kegiatan indented, JUMLAH last)."""
    if isinstance(view, NoBudget):
        return notice(view)
    columns = budget_columns(view)
    if isinstance(view, PlanBudgetView):
        columns = [Column("kode", "Kode", role="code")] + columns
    data = view.frame.rename(columns=GROWTH_KEYS).assign(
        kode=["" if r == "total" else r for r in view.frame["row_id"]])[[c.key for c in columns]]
    keys = {c: GROWTH_KEYS.get(c, c) for c in view.frame.columns}
    levels = list(view.frame["level"])
    bold = [i for i, level in enumerate(levels) if level in ("program", "total")]
    indent = {i: INDENT.get(level, 0) for i, level in enumerate(levels)}
    return Table(data, columns, caption=table_caption(view), name=view.slug, notes=budget_notes(view),
                 bold_rows=bold, indent=indent, marks=budget_marks(view, columns=keys), wide=True,
                 symbols=budget_symbols(view, keys))


# --------------------------------------------------------------------------------------------
# Growth
# --------------------------------------------------------------------------------------------


def growth_caption(view: BudgetView) -> str:
    rule = f" ({view.regulation})" if view.regulation else ""
    return f"Pertumbuhan anggaran per program {view.span}{rule}: konvensi dokumen dan rata-rata tahunan"


def growth_table(view: View) -> Union[Table, Notice, None]:
    """Growth of the budget per program and in total: the document's convention and honest averages.

    None when the table cannot be shown at all (its notice stands at the budget table); a notice
    when only one year is shown.
    """
    if isinstance(view, NoBudget):
        return None
    if len(view.years) < 2:
        return Notice(f"Hanya tahun {view.first} yang ditampilkan: pertumbuhan belum dapat dihitung.")
    g = growth_frame(view)
    a, b = view.first, view.last
    with_printed = view.full_range and view.has_printed
    data = pd.DataFrame({"uraian": list(g["uraian"]), col("anggaran", a): g["first"].to_numpy(),
                         col("anggaran", b): g["last"].to_numpy(), "perubahan": g["change"].to_numpy(),
                         "pertumbuhan_total": g["growth_total"].to_numpy()})
    columns = [Column("uraian", "Uraian", wide=True),
               Column(col("anggaran", a), ("Anggaran (Rp)", str(a)), role="rupiah"),
               Column(col("anggaran", b), ("Anggaran (Rp)", str(b)), role="rupiah"),
               Column("perubahan", f"Perubahan {a}–{b} (Rp)", role="rupiah"),
               Column("pertumbuhan_total", f"Pertumbuhan total {a}–{b} (%) (konvensi dokumen)", role="decimal",
                      decimals=2)]
    if with_printed:
        data["tercetak"] = g["printed"].to_numpy()
        columns.append(Column("tercetak", f"Tercetak di dokumen sebagai {DOCUMENT_GROWTH} (%)", role="decimal",
                              decimals=2))
    if len(view.years) >= 3:
        data["rata_rata_tahunan"] = g["growth_mean"].to_numpy()
        data["cagr"] = g["cagr"].to_numpy()
        columns += [Column("rata_rata_tahunan", f"Rata-rata pertumbuhan tahunan {a}–{b} (%)", role="decimal",
                           decimals=2),
                    Column("cagr", f"CAGR {a}–{b} (% per tahun)", role="decimal", decimals=2)]
    marks = {}
    if view.full_range:
        rows = view.frame.index[view.frame["level"].isin(["program", "total"])]
        marks = budget_marks(view, rows, {"growth_total_anggaran": "pertumbuhan_total"})
    notes = ["Pertumbuhan anggaran antara tahun pertama dan terakhir yang ditampilkan.",
             f"Pertumbuhan total = (anggaran {b} − anggaran {a}) / anggaran {a} × 100: inilah yang dicetak "
             f"dokumen di kolom {DOCUMENT_GROWTH}."]
    if len(view.years) >= 3:
        notes.append("Dua ukuran rata-rata yang jujur: rata-rata pertumbuhan tahunan (rata-rata hitung pertumbuhan "
                     "setiap tahun) dan CAGR ((anggaran akhir / anggaran awal)^(1/jumlah langkah tahun) − 1) × 100.")
    else:
        notes.append("Dengan dua tahun, pertumbuhan total = rata-rata pertumbuhan tahunan = CAGR.")
    lost = lost_minus_example(view) if with_printed else ""
    if lost:
        notes.append(f"Angka tercetak: tanda minus yang hilang pada ekspor teks (\u201c{lost}\u201d) sudah dipulihkan.")
    notes.append("NA = tidak terdefinisi (anggaran tahun awal 0).")
    return Table(data, columns, caption=growth_caption(view), name=f"{view.slug}-pertumbuhan", notes=notes,
                 bold_rows=[len(data) - 1], marks=marks)
