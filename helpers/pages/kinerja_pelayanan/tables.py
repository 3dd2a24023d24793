"""The tables of the performance page, in the one table model (:class:`helpers.present.Table`).

Each function takes a view of :mod:`.views` and returns a :class:`Table`; for a view of None (the
data lacks the table) a notice "… tidak tersedia dalam data", for a table with no year before
``tahun`` a notice saying so. Recomputed figures that differ from the printed ones are marked
with the printed value (:class:`Mark`); the IKU and Tabel 2.3.4 year columns are ``mixed``
(AKIP grades such as ``BB`` beside numbers, decimals per row by unit).
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

import pandas as pd

from helpers.core import compute, kinerja
from helpers.core.audit import printed_decimals
from helpers.core.data import load, printed_symbol, read_schema
from helpers.core.kinerja import IKU, JENIS, KINERJA, POLARITY_LABELS, PPKS, SPM, unit_decimals
from helpers.core.progress import NO_DATA
from helpers.core.numbers import format_number
from helpers.core.text import is_na, join_list
from helpers.core.years import year_runs, year_span
from helpers.pages.kinerja_pelayanan.views import IkuView, KinerjaData, PpksView, SpmView
from helpers.present import Column, Mark, Notice, Table, unavailable

#: How an absent table is named in the notice shown in its place.
LABELS = {
    IKU: "Tabel 2.3.1 (capaian Indikator Kinerja Utama)",
    PPKS: "Tabel 2.3.2 (perkembangan data PPKS)",
    JENIS: "Tabel Jenis-Jenis Pelayanan Sosial",
    SPM: "Tabel 2.3.3 (capaian Standar Pelayanan Minimal)",
    KINERJA: "Tabel 2.3.4 (pencapaian kinerja pelayanan)",
}
#: Product names (file stems) of the tables.
NAMES = {
    IKU: "tabel-2-3-1-capaian-iku", PPKS: "tabel-2-3-2-ppks", JENIS: "tabel-jenis-pelayanan-sosial",
    SPM: "tabel-2-3-3-capaian-spm", KINERJA: "tabel-2-3-4-kinerja-pelayanan",
    "polaritas": "tabel-2-3-4-analisis-polaritas",
}
#: What the units of Tabel 2.3.1 mean, for the note (the table prints no unit).
UNIT_MEANINGS = {"jiwa": "dalam jiwa", "%": "dalam persen (%)", "rasio": "per 100.000 penduduk"}


def no_data(tahun: int) -> Notice:
    """What a table says when none of its years lies before ``tahun``."""
    return Notice(f"Belum ada data untuk tahun sebelum {tahun}; tabel ini tidak ditampilkan.")


def table_caption(table_id: str, years: Sequence[int], data_dir=None) -> str:
    """The document's number and title; a printed year range is replaced by the shown years
    (``Tahun 2019 - 2024`` → ``Tahun 2019–2021``), otherwise the shown years are appended."""
    caption = read_schema(table_id, data_dir).caption
    if not years:
        return caption
    span = year_span(list(years))
    replaced, n = re.subn(r"Tahun\s+\d{4}\s*[-–]\s*\d{4}", f"Tahun {span}", caption)
    return replaced if n else f"{caption} ({span})"


def table_number(table_id: str, data_dir=None) -> str:
    """``2.3.1`` from the schema's number (``Tabel. 2.3.1``); "" when it has none."""
    found = re.search(r"\d+(?:\.\d+)+", read_schema(table_id, data_dir).number)
    return found.group(0) if found else ""


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1
# --------------------------------------------------------------------------------------------


def iku_note(view: IkuView) -> str:
    """What '-' means, how grades and units are shown, and which sasaran cells are merged."""
    ind = kinerja.indicators(view.long)
    parts = ["Realisasi capaian per tahun; NA = tidak ada data (dicetak NA di dokumen)."]
    if any(isinstance(v, str) for v in view.long["capaian"]):
        parts.append("Nilai AKIP ditampilkan sebagai predikat (AA terbaik … D).")
    by_unit = {}
    for name, satuan in zip(ind["indikator"], ind["satuan"]):
        if not is_na(satuan):
            by_unit.setdefault(str(satuan), []).append(str(name))
    if by_unit:
        parts.append("Tabel tidak mencetak satuan; satuan disimpulkan dari nama indikator: "
                     + "; ".join(f"{join_list(names)} {UNIT_MEANINGS.get(u, 'dalam ' + u)}"
                                 for u, names in by_unit.items())
                     + ".")
    merged = [int(no) for no, prev, cur in zip(ind["no"].iloc[1:], ind["sasaran"].iloc[:-1], ind["sasaran"].iloc[1:])
              if not is_na(cur) and cur == prev]
    if merged:
        parts.append(f"Sasaran baris {join_list(str(n) for n in merged)} sama dengan baris di atasnya "
                     "(sel gabungan di dokumen).")
    return " ".join(parts)


def iku_table(view: Optional[IkuView], tahun: int) -> Table | Notice:
    """Tabel 2.3.1 as printed: Sasaran Strategis, IKU and one column per shown year (number or grade).

    Plan years with imported realisation follow the document's years (:attr:`IkuView.plan`): an old
    IKU continues with the realisation of its Tabel 4.5.1 counterpart (``2_3_1_iku_padanan``), an old
    IKU without one says "tidak ada padanan", the new IKU of the plan are extra rows, and a year or
    cell without realisation says "belum ada data realisasi".
    """
    if view is None:
        return unavailable(LABELS[IKU])
    if not view.years:
        return no_data(tahun)
    ind = kinerja.indicators(view.long)
    plan = view.plan
    rows, symbols, blank, decimals = [], {}, [], []
    for r in ind.itertuples():
        sub = view.long[view.long["no"] == r.no].set_index("tahun")
        row = {"no": int(r.no), "sasaran": r.sasaran, "indikator": r.indikator}
        row.update({str(y): sub.at[y, "capaian"] if y in sub.index else None for y in view.years})
        decimals.append(unit_decimals(None if is_na(r.satuan) else r.satuan))
        if plan is not None:
            link = plan.link_of_old(int(r.no))
            linked = link is not None and link.padanan == "sama" and link.no_4_5_1 is not None
            row["padanan"] = (f"{link.no_4_5_1}. {link.indikator_baru}" if linked else kinerja.NO_COUNTERPART)
            for y in plan.years:
                row[str(y)] = plan.capaian(link.no_4_5_1, y) if linked else None
                if not linked:
                    symbols[(len(rows), str(y))] = kinerja.NO_COUNTERPART
                elif row[str(y)] is None:
                    symbols[(len(rows), str(y))] = NO_DATA
        rows.append(row)
    if plan is not None:
        for link in plan.new:
            k = len(rows)
            row = {"no": k + 1, "sasaran": None, "indikator": link.indikator_baru,
                   "padanan": f"{link.no_4_5_1}. {link.indikator_baru} "
                              + ("(IKU baru)" if link.padanan == "baru" else "(tanpa tabel padanan dalam data)")}
            row.update({str(y): None for y in view.years})
            blank += [(k, str(y)) for y in view.years] + [(k, "sasaran")]
            for y in plan.years:
                row[str(y)] = plan.capaian(link.no_4_5_1, y)
                if row[str(y)] is None:
                    symbols[(k, str(y))] = NO_DATA
            decimals.append(unit_decimals(plan.satuan(link.no_4_5_1)))
            rows.append(row)
    years = view.all_years
    keys = ["no", "sasaran", "indikator"] + [str(y) for y in years] + (["padanan"] if plan is not None else [])
    frame = pd.DataFrame(rows, columns=keys)
    for y in years:
        frame[str(y)] = pd.Series(list(frame[str(y)]), dtype=object)
    columns = [Column("no", "No", role="integer"), Column("sasaran", "Sasaran Strategis", wide=True),
               Column("indikator", "Indikator Kinerja Utama", wide=True)]
    columns += [Column(str(y), ("Realisasi Capaian Tahun", str(y)), role="mixed", decimals=tuple(decimals))
                for y in years]
    notes = [iku_note(view)]
    if plan is not None:
        columns.append(Column("padanan", "Padanan IKU 2025–2029 (Tabel 4.5.1)", wide=True))
        notes.append(iku_plan_note(view))
    return Table(frame, columns, caption=table_caption(IKU, years, view.data_dir), name=NAMES[IKU],
                 number=table_number(IKU, view.data_dir), notes=notes, symbols=symbols, blank=blank)


def iku_plan_note(view: IkuView) -> str:
    """Where the plan years come from, which IKU continue which, and what has no counterpart."""
    plan = view.plan
    span = year_span(plan.years)
    parts = [f"Kolom {span}: realisasi tahun rencana dari data realisasi yang diimpor, IKU "
             "Renstra 2025–2029 (Tabel 4.5.1). Indikator lama dilanjutkan hanya oleh indikator yang sama menurut "
             "tabel padanan IKU dalam data (keputusannya dicatat dalam log asumsi)."]
    old = [lk for lk in plan.links if lk.no_2_3_1 is not None]
    same = [lk for lk in old if lk.padanan == "sama"]
    none = [lk for lk in old if lk.padanan != "sama"]
    if same:
        parts.append("Sama: " + "; ".join(f"{lk.indikator_lama} = {lk.indikator_baru}" for lk in same) + ".")
    if none:
        parts.append(f"\u201c{kinerja.NO_COUNTERPART}\u201d: " + "; ".join(f"{lk.indikator_lama} ({lk.alasan})"
                                                                      for lk in none) + ".")
    if not old:
        parts.append("Data tidak memuat tabel padanan IKU, sehingga tidak ada indikator lama yang dilanjutkan.")
    if plan.new:
        parts.append("Baris tambahan: IKU 2025–2029 tanpa padanan sebelum 2025 ("
                     + join_list(str(lk.indikator_baru) for lk in plan.new) + "); kolom 2019–2024 dikosongkan.")
    if any(lk.no_4_5_1 is not None and plan.satuan(lk.no_4_5_1) == "skor" for lk in same):
        parts.append("Nilai AKIP ditampilkan sebagai predikat seperti tahun sebelumnya; nilainya ada di Tabel 2.3.4.")
    missing = [y for y in plan.years if y not in plan.imported]
    if missing:
        parts.append(f"{year_runs(missing)}: {NO_DATA} (belum diimpor).")
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2
# --------------------------------------------------------------------------------------------


def ppks_table(view: Optional[PpksView], tahun: int) -> Table | Notice:
    """Tabel 2.3.2 with the Total row recomputed; a Total the document printed otherwise is marked."""
    if view is None:
        return unavailable(LABELS[PPKS])
    ppks = view.data
    years = ppks.years
    if not years:
        return no_data(tahun)
    frame = pd.DataFrame({"no": pd.array([int(n) for n in ppks.wide["no"]] + [None], dtype="Int64"),
                          "jenis": list(ppks.wide["jenis"]) + ["Total"]})
    for y in years:
        frame[str(y)] = pd.array(list(ppks.wide[y]) + [ppks.totals.get(y)], dtype="Int64")
    total = len(frame) - 1
    marks = {(total, str(y)): Mark(printed=ppks.printed_text[y]) for y in ppks.printed_differs}
    raw = load(PPKS, view.data_dir)
    symbols = {(i, str(y)): symbol for i, no in enumerate(ppks.wide["no"]) for y in years
               if (symbol := printed_symbol(raw, "jumlah", int(no), int(y))) is not None}
    note = ("Jumlah PPKS per jenis (jiwa; dokumen tidak mencetak satuan, beberapa jenis mungkin dihitung "
            "per keluarga/komunitas). \u201c-\u201d = nihil (nol), sebagaimana baris Total dokumen "
            f"menjumlahkannya. Baris Total dihitung ulang sebagai jumlah {len(ppks.wide)} jenis.")
    columns = [Column("no", "No", role="integer"), Column("jenis", "Jenis PMKS", wide=True)]
    columns += [Column(str(y), str(y), role="integer") for y in years]
    return Table(frame, columns, caption=table_caption(PPKS, years, view.data_dir), name=NAMES[PPKS],
                 notes=[note], bold_rows=[total], blank=[(total, "no")], marks=marks, symbols=symbols)


# --------------------------------------------------------------------------------------------
# Jenis pelayanan sosial
# --------------------------------------------------------------------------------------------


def jenis_pelayanan_table(frame: Optional[pd.DataFrame], data_dir=None) -> Table | Notice:
    """The jenis pelayanan with their sasaran as a split list (items joined by ``; ``)."""
    if frame is None:
        return unavailable(LABELS[JENIS])
    note = ("Sel 'Sasaran' di dokumen menyambung beberapa kelompok sasaran tanpa pemisah; di sini dipisah "
            "dengan titik koma (cara pemisahan dicatat dalam log asumsi).")
    # The document's three columns only: a count of the sasaran groups would read like a count of people.
    columns = [Column("no", "No", role="integer"), Column("jenis_pelayanan", "Jenis Pelayanan", wide=True),
               Column("sasaran", "Sasaran", wide=True)]
    return Table(frame, columns, caption=table_caption(JENIS, [], data_dir), name=NAMES[JENIS], notes=[note])


# --------------------------------------------------------------------------------------------
# Tabel 2.3.3
# --------------------------------------------------------------------------------------------


def spm_frame(view: SpmView) -> pd.DataFrame:
    """One row per SPM indicator: no, indikator, satuan, one column per shown year, ``kondisi_akhir``."""
    rows = []
    for no, g in view.long.groupby("no", sort=True):
        row = {"no": int(no), "indikator": g["indikator"].iloc[0], "satuan": str(g["satuan"].iloc[0])}
        row.update({str(int(t)): None if is_na(v) else float(v) for t, v in zip(g["tahun"], g["capaian"])})
        row["kondisi_akhir"] = view.end_values.get(int(no))
        rows.append(row)
    return pd.DataFrame(rows, columns=["no", "indikator", "satuan"] + [str(y) for y in view.years] + ["kondisi_akhir"])


def spm_table(view: Optional[SpmView], tahun: int) -> Table | Notice:
    """Tabel 2.3.3 for the shown years with the end-of-period column recomputed.

    Percent indicators take the final year's value (:func:`helpers.core.compute.end_of_period`);
    when the page shows the last year of the data, a printed column (9) that differs is marked.
    Plan years with imported realisation add, per year, the target of Tabel 4.7, the realisation
    and the capaian, for each SPM and (indented below it) its jenis layanan, with the planner's notes.
    """
    if view is None:
        return unavailable(LABELS[SPM])
    if not view.years:
        return no_data(tahun)
    frame = spm_frame(view)
    numeric = [str(y) for y in view.years] + ["kondisi_akhir"]
    whole = all(is_na(v) or float(v) == int(float(v)) for c in numeric for v in frame[c])
    role, decimals = ("integer", 0) if whole else ("decimal", 2)
    columns = [Column("no", "No", role="integer"), Column("indikator", "Indikator", wide=True),
               Column("satuan", "Satuan")]
    columns += [Column(str(y), ("Capaian Target", str(y)), role=role, decimals=decimals) for y in view.years]
    columns.append(Column("kondisi_akhir", view.end_column, role=role, decimals=decimals))
    position = {int(n): i for i, n in enumerate(frame["no"])}
    marks = {(position[no], "kondisi_akhir"): Mark(printed=text) for no, text in view.printed.items() if no in position}
    note = (f"Capaian SPM (%), {year_span(view.years)}. Kolom '{view.end_column}' dihitung ulang: untuk indikator "
            f"persentase diambil nilai tahun terakhir ({view.years[-1]}), bukan dijumlahkan (aturan "
            f"'{compute.end_of_period_rule('%')}').")
    if not view.full:
        note += f" Dokumen mencetak kolom (9) untuk akhir periode {view.all_years[-1]}, yang belum ditampilkan."
    notes = [note]
    extra = {}
    if view.plan_items is not None:
        frame, columns, extra = _spm_plan_layout(view, frame, columns)
        marks = {(extra["position"][r], c): m for (r, c), m in marks.items()}
        notes.append(extra["note"])
    return Table(frame, columns, caption=table_caption(SPM, view.years + view.plan_years, view.data_dir),
                 name=NAMES[SPM], notes=notes, marks=marks, bold_rows=extra.get("bold", ()),
                 indent=extra.get("indent"), blank=extra.get("blank", ()), symbols=extra.get("symbols"))


def _spm_plan_layout(view: SpmView, frame: pd.DataFrame, columns: list) -> tuple[pd.DataFrame, list, dict]:
    """Tabel 2.3.3 with the plan years: each SPM (bold) followed by its jenis layanan (indented), the
    document's years and end-of-period value on the SPM rows, target / realisasi / capaian per plan
    year on every row, and the planner's notes; an SPM of Tabel 4.7 without a Tabel 2.3.3 row last."""
    items = view.plan_items
    years = view.plan_years
    old_keys = [str(y) for y in view.years] + ["kondisi_akhir"]
    by_no = {int(n): r for n, r in zip(frame["no"], frame.to_dict("records"))}
    children: dict[str, list] = {}
    for r in items.to_dict("records"):
        if r["level"] != "spm" and r["parent_id"] is not None:
            children.setdefault(r["parent_id"], []).append(r)
    spm_rows = [r for r in items.to_dict("records") if r["level"] == "spm"]
    linked = {int(r["no_2_3_3"]): r for r in spm_rows if not is_na(r["no_2_3_3"])}
    order = [(no, linked.get(no)) for no in sorted(by_no)] + [(None, r) for r in spm_rows if is_na(r["no_2_3_3"])]
    rows, bold, indent, blank, symbols, position = [], [], {}, [], {}, {}

    def plan_cells(row, item, k):
        notes = []
        for y in years:
            row[f"target_{y}"] = None if item is None else item[f"target_{y}"]
            row[f"realisasi_{y}"] = None if item is None else item[f"realisasi_{y}"]
            row[f"capaian_{y}"] = None if item is None else item[f"capaian_{y}"]
            if item is None:
                symbols.update({(k, f"target_{y}"): kinerja.NO_COUNTERPART, (k, f"realisasi_{y}"): kinerja.NO_COUNTERPART})
            elif is_na(item[f"realisasi_{y}"]):
                symbols[(k, f"realisasi_{y}")] = NO_DATA
            if item is not None and not is_na(item.get(f"catatan_{y}")) and item.get(f"catatan_{y}"):
                notes.append(f"{y}: {item[f'catatan_{y}']}" if len(years) > 1 else str(item[f"catatan_{y}"]))
        row["catatan"] = "; ".join(notes) or None

    for no, item in order:
        k = len(rows)
        if no is not None:
            row = dict(by_no[no])
            position[len(position)] = k
        else:
            row = {"no": None, "indikator": item["uraian"], "satuan": item["satuan"], **{c: None for c in old_keys}}
            blank += [(k, c) for c in old_keys]
        bold.append(k)
        plan_cells(row, item, k)
        rows.append(row)
        for child in ([] if item is None else children.get(item["row_id"], [])):
            k = len(rows)
            row = {"no": None, "indikator": child["uraian"], "satuan": child["satuan"], **{c: None for c in old_keys}}
            blank += [(k, c) for c in old_keys]
            indent[k] = 1
            plan_cells(row, child, k)
            rows.append(row)
    out = pd.DataFrame(rows)
    out["no"] = pd.array(out["no"], dtype="Int64")
    blank += [(k, "no") for k, r in enumerate(rows) if r["no"] is None]
    blank += [(k, "catatan") for k, r in enumerate(rows) if not r["catatan"]]
    for c in old_keys:
        out[c] = pd.array(out[c], dtype="Float64")
    decimals = []
    for r in rows:
        values = [r.get(f"{m}_{y}") for y in years for m in ("target", "realisasi")]
        decimals.append(0 if all(is_na(v) or float(v).is_integer() for v in values) else 2)
    from helpers.core.progress import periode

    top = f"Renstra {year_span(list(periode(view.data_dir)))}"
    for y in years:
        out[f"capaian_{y}"] = pd.array(out[f"capaian_{y}"], dtype="Float64")
        columns += [Column(f"target_{y}", (top, str(y), "Target (Tabel 4.7)"), role="mixed", decimals=tuple(decimals)),
                    Column(f"realisasi_{y}", (top, str(y), "Realisasi"), role="mixed", decimals=tuple(decimals)),
                    Column(f"capaian_{y}", (top, str(y), "Capaian (%)"), role="decimal", decimals=2)]
    columns.append(Column("catatan", "Catatan realisasi", wide=True))
    missing = [y for y in years if y not in view.imported]
    note = (f"Kolom {year_span(years)}: target Tabel 4.7 (SPM dan jenis layanannya, menjorok) dan realisasi yang "
            "diimpor; capaian = realisasi / target × 100. SPM Tabel 2.3.3 dan Tabel 4.7 "
            "dipasangkan menurut namanya. Baris jenis layanan hanya ada mulai periode rencana.")
    if missing:
        note += f" {year_runs(missing)}: {NO_DATA} (belum diimpor)."
    return out, columns, {"bold": bold, "indent": indent, "blank": blank, "symbols": symbols, "position": position,
                          "note": note}


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4
# --------------------------------------------------------------------------------------------


def zero_text(data: KinerjaData) -> str:
    """Which printed zeros are read as 'no data' (Tabel 2.3.1 prints NA for the same cells)."""
    no_data_rows = data.long[data.long["tanpa_data"].astype(bool)]
    if no_data_rows.empty:
        return ""
    names = sorted(set(no_data_rows["indikator"]), key=list(data.long["indikator"]).index)
    return (f"Realisasi {year_runs(sorted(set(no_data_rows['tahun'])))} untuk " + ", ".join(names)
            + " dicetak 0 di Tabel 2.3.4 (ditampilkan seperti tercetak) tetapi NA di Tabel 2.3.1: keduanya "
            "bertentangan; di sini dibaca sebagai 'belum ada data', bukan capaian 0, dan tidak digambar.")


def misprint_note(r) -> str:
    """Why a printed ratio differs: its kind, and the other year's target that reproduces it."""
    text = str(r.kind)
    if getattr(r, "target_year", None) is not None and not is_na(r.target_year):
        text += f": angka tercetak sama dengan realisasi {r.tahun} ÷ target {int(r.target_year)}"
    return text


def _printed_marks(data: KinerjaData) -> dict[tuple[int, int], Mark]:
    """(no, tahun) → Mark with the printed ratio (its printed decimals) and why it differs."""
    marks = {}
    for r in data.audit.itertuples():
        if str(r.row).isdigit() and not is_na(r.printed):
            printed = format_number(r.printed, printed_decimals(r.printed_text, r.printed))
            marks[(int(r.row), int(r.tahun))] = Mark(printed=printed, note=misprint_note(r))
    return marks


def kinerja_table(data: Optional[KinerjaData], tahun: int) -> Table | Notice:
    """Tabel 2.3.4 in the document's layout: Target Indikator, Target, Realisasi and Rasio per year.

    Rasio is recomputed as the document does (realisasi/target×100, ``derive``); a cell whose
    printed rasio differs is marked with the printed value. Plan years with imported realisation
    follow (:attr:`KinerjaData.plan_long`): targets of Tabel 4.5.1, an old indicator without
    counterpart says "tidak ada padanan", a new IKU is an extra row.
    """
    if data is None:
        return unavailable(LABELS[KINERJA])
    if not data.years:
        return no_data(tahun)
    years, printed = data.all_years, _printed_marks(data)
    unlinked = set(data.unlinked()) if data.plan_years else set()
    rows, decimals, target_decimals, marks, symbols, blank = [], [], [], {}, {}, []
    for i, (no, g) in enumerate(data.all_long.groupby("no", sort=True)):
        g = g.set_index("tahun")
        row = {"no": int(no), "indikator": g["indikator"].iloc[0]}
        value = data.target_indikator.get(int(no))
        row["target_indikator"] = value
        target_decimals.append(0 if isinstance(value, float) and value == int(value) else 2)
        for kind in ("target", "realisasi", "rasio"):
            row.update({f"{kind}_{y}": g.at[y, kind] if y in g.index else None for y in years})
        for y in data.years:
            if (int(no), y) in printed:
                marks[(i, f"rasio_{y}")] = printed[(int(no), y)]
            if y in g.index and bool(g.at[y, "tanpa_data"]):
                # printed 0 here, NA in Tabel 2.3.1: shown as printed ("0"), the conflict in the note
                symbols[(i, f"realisasi_{y}")] = "0"
            if y not in g.index:  # a new IKU of the plan: no row before it
                blank += [(i, f"{kind}_{y}") for kind in ("target", "realisasi", "rasio")]
        if int(no) not in data.target_indikator and not any(y in g.index for y in data.years):
            blank.append((i, "target_indikator"))
        for y in data.plan_years:
            if int(no) in unlinked:
                symbols.update({(i, f"{kind}_{y}"): kinerja.NO_COUNTERPART for kind in ("target", "realisasi")})
            elif y in g.index and is_na(g.at[y, "realisasi"]):
                symbols[(i, f"realisasi_{y}")] = NO_DATA
        rows.append(row)
        decimals.append(unit_decimals(g["satuan"].iloc[0]))
    frame = pd.DataFrame(rows)
    for y in years:
        frame[f"rasio_{y}"] = pd.array(frame[f"rasio_{y}"], dtype="Float64")
        for kind in ("target", "realisasi"):
            frame[f"{kind}_{y}"] = pd.Series(list(frame[f"{kind}_{y}"]), dtype=object)
    columns = [Column("no", "No", role="integer"),
               Column("indikator", "Indikator Kinerja Sesuai Tugas dan Fungsi", wide=True),
               Column("target_indikator", "Target Indikator", role="mixed", decimals=tuple(target_decimals))]
    groups = {"target": "Target Renstra Perangkat Daerah Tahun", "realisasi": "Realisasi Capaian Tahun",
              "rasio": "Rasio Capaian Tahun"}
    for kind, heading in groups.items():
        columns += [Column(f"{kind}_{y}", (heading, str(y)), role="decimal" if kind == "rasio" else "mixed",
                           decimals=2 if kind == "rasio" else tuple(decimals)) for y in years]
    notes = ["Rasio = realisasi/target×100, dihitung ulang dengan rumus dokumen untuk semua indikator, "
             "termasuk yang semakin rendah semakin baik (lihat tabel analisis polaritas di bawah). Nilai AKIP: "
             "100 bila predikat target tercapai."]
    if zero_text(data):
        notes.append(zero_text(data))
    if data.plan_years:
        notes.append(kinerja_plan_note(data))
    return Table(frame, columns, caption=table_caption(KINERJA, years, data.data_dir), name=NAMES[KINERJA],
                 notes=notes, marks=marks, wide=True, symbols=symbols, blank=blank)


def kinerja_plan_note(data: KinerjaData) -> str:
    """Where the plan years' targets and realisation come from, and which rows continue which IKU."""
    span = year_span(data.plan_years)
    same = [lk for lk in data.links if lk.padanan == "sama" and lk.no_2_3_4 is not None]
    names = {int(n): str(i) for n, i in zip(data.long["no"], data.long["indikator"])}
    text = (f"Kolom {span}: target Renstra 2025–2029 (Tabel 4.5.1) dan realisasi yang diimpor; "
            "rasio dengan rumus yang sama. ")
    if same:
        text += ("Dilanjutkan oleh IKU yang sama (tabel padanan IKU dalam data): "
                 + "; ".join(f"{names.get(lk.no_2_3_4, lk.indikator_lama)} = {lk.indikator_baru}" for lk in same) + ". ")
    unlinked = [names[n] for n in data.unlinked() if n in names]
    has_links = any(lk.no_2_3_4 is not None for lk in data.links)
    if unlinked and has_links:
        text += f"\u201c{kinerja.NO_COUNTERPART}\u201d: {join_list(unlinked)} tidak menjadi IKU 2025–2029. "
    elif unlinked:
        text += (f"\u201c{kinerja.NO_COUNTERPART}\u201d: data tidak memuat tabel padanan IKU, sehingga indikator lama "
                 "tidak dilanjutkan. ")
    new = sorted(set(data.plan_long["no"]) - set(names)) if data.plan_long is not None else []
    if new:
        text += (f"Baris {join_list(str(n) for n in new)}: IKU 2025–2029 tanpa padanan sebelum 2025 (kolom tahun-tahun "
                 "sebelumnya dikosongkan). ")
    if any(isinstance(v, str) and "(" in v for v in data.plan_long["target"]):
        text += "Nilai AKIP tahun rencana: predikat (nilai); rasio = nilai realisasi / nilai target × 100. "
    missing = [y for y in data.plan_years if y not in data.imported]
    if missing:
        text += f"{year_runs(missing)}: {NO_DATA} (belum diimpor)."
    return text.strip()


def polarity_note(method: Optional[str] = None, source: str = "") -> str:
    """The note naming the polarity method, its formula and the category bands."""
    method = method or compute.POLARITY_METHOD
    bands = ", ".join(f">{format_number(b, 0)} {n}" for b, n in compute.CATEGORY_BANDS)
    lowest = format_number(compute.CATEGORY_BANDS[-1][0], 0)
    return (f"Rasio sesuai polaritas: indikator 'semakin tinggi semakin baik' = realisasi/target×100; "
            f"indikator 'semakin rendah semakin baik' memakai metode \u201c{method}\u201d = "
            f"{compute.POLARITY_METHODS[method]} (praktik LKjIP, bukan rumus Permendagri 86/2017). "
            f"Polaritas {source or 'menurut arah yang lazim untuk indikator itu'}. Kategori: {bands}, ≤{lowest} {compute.CATEGORY_LOWEST}; "
            f"nilai di atas 100% tidak dipotong dan diberi keterangan '{compute.ABOVE_TARGET_LABEL}'. "
            "Realisasi yang dicetak 0 tetapi NA di Tabel 2.3.1 dianggap belum ada data. Nilai AKIP: 100 bila "
            "predikat target tercapai (konvensi dokumen).")


def kinerja_polarity_table(data: Optional[KinerjaData], tahun: int, method: Optional[str] = None) -> Optional[Table]:
    """Long table: per indicator and year the document's ratio next to the polarity-aware ratio
    (:func:`helpers.core.compute.achievement_polarity`) and its category; None without Tabel 2.3.4
    data (the notice of :func:`kinerja_table` stands for both)."""
    if data is None or not data.years:
        return None
    long = data.all_long
    frame = pd.DataFrame({
        "no": long["no"], "indikator": long["indikator"],
        "polaritas": [POLARITY_LABELS[p] for p in long["polaritas"]], "tahun": long["tahun"],
        "target": pd.Series(list(long["target"]), dtype=object),
        "realisasi": pd.Series(list(long["realisasi"]), dtype=object),
        "rasio": pd.array(long["rasio"], dtype="Float64"),
        "rasio_polaritas": pd.array(long["rasio_polaritas"], dtype="Float64"),
        "kategori": long["kategori"],
    })
    symbols = {(i, "realisasi"): NO_DATA for i, (y, v) in enumerate(zip(long["tahun"], long["realisasi"]))
               if int(y) in data.plan_years and is_na(v)}
    printed = _printed_marks(data)
    marks = {(i, "rasio"): Mark(printed=printed[(no, y)].printed, note=f"{y}; {printed[(no, y)].note}")
             for i, (no, y) in enumerate(zip(long["no"], long["tahun"])) if (int(no), int(y)) in printed}
    decimals = tuple(unit_decimals(s) for s in long["satuan"])
    columns = [Column("no", "No", role="integer"), Column("indikator", "Indikator", wide=True),
               Column("polaritas", "Polaritas"), Column("tahun", "Tahun", role="year"),
               Column("target", "Target", role="mixed", decimals=decimals),
               Column("realisasi", "Realisasi", role="mixed", decimals=decimals),
               Column("rasio", "Rasio dokumen (realisasi/target×100)", role="decimal", decimals=2),
               Column("rasio_polaritas", "Rasio sesuai polaritas", role="decimal", decimals=2),
               Column("kategori", "Kategori")]
    number = read_schema(KINERJA, data.data_dir).number
    caption = f"Analisis capaian {number} sesuai polaritas indikator ({year_span(data.all_years)})"
    notes = [polarity_note(method, kinerja.polarity_source(data.data_dir))]
    notes += [f"{r.indikator} {int(r.tahun)}: {r.catatan_capaian}" for r in long.itertuples()
              if isinstance(r.catatan_capaian, str) and r.catatan_capaian]
    if data.plan_years:
        notes.append(f"Tahun {year_span(data.plan_years)}: target Tabel 4.5.1 dan realisasi yang diimpor; polaritas "
                     "menurut Tabel 4.5.1.")
    return Table(frame, columns, caption=caption, name=NAMES["polaritas"], number="", notes=notes, marks=marks,
                 symbols=symbols)
