"""Draft narratives of Bab IV (Markdown, names escaped) and the page's statements on ``tahun``.

Every number a narrative states is also shown in a table of the page (the tests check this);
the office is named from ``opd.yaml`` (:func:`helpers.core.opd.load_opd`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pandas as pd

from helpers.core.audit import KIND_ORDER, KIND_SUMMED_LEVEL
from helpers.core.compute import as_number
from helpers.core.data import has_table
from helpers.core.numbers import format_number, format_percent, format_rupiah, number_words
from helpers.core.opd import load_opd
from helpers.core.prose import describe_series
from helpers.core.text import document_term, is_na, join_list
from helpers.present import Narrative, markdown_escape
from helpers.present.markdown import review_block
from helpers.pages.rencana_program.names import bidang_name, level_word, program_text
from helpers.pages.rencana_program.targets import format_score
from helpers.pages.rencana_program.views import (TABLE_IKU, TABLE_PRIORITY, TOTAL_LABEL, TOTAL_ROW, PlanView,
                                                 bidang_frame, col, format_target, indicator_frame,
                                                 leaves_with_pagu, percent_counts, priority_frame, priority_missing,
                                                 program_frame, share, target_years)

#: Number of programs named as largest in the narrative.
TOP_PROGRAMS = 3


def intro(tahun: int, data_dir=None) -> str:
    """Markdown opening the page: the office, the plan period and how ``tahun`` is used."""
    opd = load_opd(data_dir)
    t = int(tahun)
    first = opd.periode[0]
    since = str(first) if t == first else f"{first}–{t}"
    return (f"Halaman ini menyajikan rencana {markdown_escape(opd.lengkap)} tahun {opd.periode_teks}: Tabel 4.1 "
            "(program, kegiatan, sub kegiatan dengan target dan pagu indikatif per tahun serta kondisi akhir periode), "
            "rekapitulasi pagu per bidang urusan dan per program dengan grafik dan draf narasi, Tabel 4.4.1 (sub "
            "kegiatan pendukung program prioritas), Tabel 4.5.1 (IKU), Tabel 4.6 (IKK) dan Tabel 4.7 (SPM). Pagu "
            f"kegiatan, program, bidang urusan dan baris {TOTAL_LABEL} **dihitung ulang dari pagu sub kegiatan**, dan "
            "target akhir periode dihitung ulang menurut satuannya; sel yang berbeda dari angka tercetak di dokumen "
            "diberi tanda \\*.\n\n"
            f"**Tahun laporan: {t}.** Semua tabel menampilkan seluruh tahun rencana {opd.periode_teks}; kolom {t} "
            f"disorot kuning. \u201cTabel 4.1 — tahun {t}\u201d menunjukkan pagu {t} dan pagu kumulatif {since}, "
            f"yaitu kemajuan rencana sampai {t}.")


# --------------------------------------------------------------------------------------------
# Tabel 4.1
# --------------------------------------------------------------------------------------------


@dataclass
class PlanFacts:
    """The numbers the Tabel 4.1 narrative states, each also shown in a table of the page."""

    tahun: int
    years: list[int]
    total_period: Optional[float]
    total_by_year: dict[int, Optional[float]]
    cumulative: Optional[float]
    cumulative_share: Optional[float]
    bidang: list[dict]
    top_period: list[dict]
    top_year: Optional[dict]
    growth_total: Optional[float]
    cagr: Optional[float]
    directions: list[tuple[int, str]]
    counts: dict[str, int]
    leaves_with_pagu: int
    audit_total: int
    audit_kinds: dict[str, int]
    biggest: Optional[dict]
    summed_examples: list[dict]
    summed_odd: int


def _year(value) -> Optional[int]:
    return None if is_na(value) else int(value)


def biggest_error(view: PlanView) -> Optional[dict]:
    """The largest rupiah difference in the audit, traced to its origin row and the child left out.

    Among cells with the same largest difference, the origin is the most detailed row (longest
    code); the others (parents, JUMLAH) are said to carry it. The child left out is a child whose
    recomputed pagu in that year equals the difference.
    """
    a = view.audit
    if a.empty:
        return None
    rp = a[a["measure"].isin(["pagu", "pagu_akhir"]) & a["difference"].notna()].copy()
    if rp.empty:
        return None
    rp["abs"] = pd.to_numeric(rp["difference"]).abs()
    biggest = rp["abs"].max()
    same = rp[(rp["abs"] - biggest).abs() < 0.5]
    same = same.assign(depth=[(-1 if r == TOTAL_ROW else len(str(r))) for r in same["row"]])
    yearly = same[same["measure"] == "pagu"]
    origin = (yearly if len(yearly) else same).sort_values("depth", ascending=False).iloc[0]
    kode = str(origin["row"])
    tahun = _year(origin["tahun"])
    left_out = None
    if tahun is not None and kode != TOTAL_ROW:
        kids = view.frame[view.frame["parent_kode"] == kode]
        for k in kids.itertuples():
            v = as_number(getattr(k, col("pagu", tahun)))
            if v is not None and abs(v - biggest) < 0.5:
                left_out = {"kode": k.kode, "uraian": k.uraian, "level": k.level, "pagu": v}
                break
    carried = [dict(row=str(r.row), measure=r.measure, tahun=_year(r.tahun), printed=r.printed, recomputed=r.recomputed)
               for r in same.itertuples()
               if not (str(r.row) == kode and r.measure == origin["measure"] and _year(r.tahun) == tahun)]
    return {"kode": kode, "uraian": view.row(kode)["uraian"] if kode != TOTAL_ROW else TOTAL_LABEL,
            "level": view.row(kode)["level"], "tahun": tahun, "measure": origin["measure"],
            "printed": as_number(origin["printed"]), "recomputed": as_number(origin["recomputed"]),
            "difference": float(biggest), "left_out": left_out, "carried": carried}


def plan_facts(view: PlanView) -> PlanFacts:
    """Collect the narrative's numbers from the view and its tables (no number is computed twice)."""
    total = view.total
    by_year = {y: as_number(total[col("pagu", y)]) for y in view.years}
    programs = program_frame(view)
    progs = programs[programs["kode"] != TOTAL_ROW]
    total_row = programs[programs["kode"] == TOTAL_ROW].iloc[0]
    ranked = progs.assign(_v=progs["pagu_akhir"].fillna(0)).sort_values("_v", ascending=False)
    top_period = [dict(kode=r.kode, uraian=r.uraian, pagu=as_number(r.pagu_akhir), porsi=as_number(r.porsi_akhir))
                  for r in ranked.head(TOP_PROGRAMS).itertuples()]
    ranked_year = progs.assign(_v=progs["pagu_tahun"].fillna(0)).sort_values("_v", ascending=False)
    top_year = None
    if len(ranked_year) and (ranked_year["_v"].iloc[0] or 0) > 0:
        r = ranked_year.iloc[0]
        top_year = dict(kode=r["kode"], uraian=r["uraian"], pagu=as_number(r["pagu_tahun"]),
                        porsi=as_number(r["porsi_tahun"]))
    bf = bidang_frame(view)
    bidang = [dict(kode=r.kode, name=r.bidang, short=r.short, pagu=as_number(r.pagu_akhir),
                   porsi=as_number(r.porsi_akhir)) for r in bf[bf["kode"] != TOTAL_ROW].itertuples()]
    totals = [by_year[y] for y in view.years]
    directions = []
    for prev, cur, y in zip(totals[:-1], totals[1:], view.years[1:]):
        if prev is not None and cur is not None:
            directions.append((y, "naik" if cur > prev else "turun" if cur < prev else "tetap"))
    a = view.audit
    summed = a[a["kind"] == KIND_SUMMED_LEVEL] if len(a) else a
    odd = set(percent_counts(view)["kode"])
    real_levels = summed[~summed["row"].isin(odd)] if len(summed) else summed
    examples = [dict(kode=r.row, uraian=r.label, printed=as_number(r.printed), recomputed=as_number(r.recomputed))
                for r in (real_levels if len(real_levels) else summed).head(2).itertuples()]
    return PlanFacts(
        tahun=view.tahun, years=view.years, total_period=as_number(total["pagu_akhir"]), total_by_year=by_year,
        cumulative=view.cumulative(TOTAL_ROW), cumulative_share=share(view.cumulative(TOTAL_ROW), total["pagu_akhir"]),
        bidang=bidang, top_period=top_period, top_year=top_year,
        growth_total=as_number(total_row["growth_total"]), cagr=as_number(total_row["cagr"]), directions=directions,
        counts={lvl: len(view.level(lvl)) for lvl in ("bidang_urusan", "program", "kegiatan", "sub_kegiatan")},
        leaves_with_pagu=leaves_with_pagu(view), audit_total=len(a),
        audit_kinds={k: int((a["kind"] == k).sum()) for k in KIND_ORDER if len(a) and (a["kind"] == k).any()},
        biggest=biggest_error(view), summed_examples=examples,
        summed_odd=int(summed["row"].isin(odd).sum()) if len(summed) else 0,
    )


def _row_name(level: str, kode: str, uraian: str) -> str:
    if kode == TOTAL_ROW:
        return f"baris {TOTAL_LABEL}"
    if level == "program":
        return f"{program_text(uraian)} ({kode})"
    if level == "bidang_urusan":
        return f"bidang urusan {markdown_escape(bidang_name(uraian))} ({kode})"
    return f"{level_word(level)} {markdown_escape(uraian)} ({kode})"


def _audit_paragraph(view: PlanView, f: PlanFacts) -> str:
    kinds = join_list([f"{format_number(n)} {k}" for k, n in f.audit_kinds.items()])
    text = (f"Audit angka turunan menemukan {format_number(f.audit_total)} sel tercetak di Tabel 4.1 yang berbeda "
            f"dari hasil hitung ulang: {kinds}. Di semua tabel halaman ini ditampilkan angka hasil hitung ulang, "
            "bertanda \\*.")
    b = f.biggest
    if b:
        where = _row_name(b["level"], b["kode"], b["uraian"])
        when = f"pagu {b['tahun']}" if b["tahun"] else "pagu akhir periode"
        text += (f" Selisih terbesar {format_rupiah(b['difference'])}: {when} {where} tercetak "
                 f"{format_rupiah(b['printed'])}, seharusnya {format_rupiah(b['recomputed'])}")
        if b["left_out"]:
            lo = b["left_out"]
            text += (f", karena {level_word(lo['level'])} {markdown_escape(lo['uraian'])} ({lo['kode']}, "
                     f"{format_rupiah(lo['pagu'])} pada {b['tahun']}) tidak ikut dijumlahkan")
        text += "."
        total_carry = [r for r in b["carried"] if r["row"] == TOTAL_ROW and r["measure"] == "pagu"]
        others = [r for r in b["carried"] if r not in total_carry]
        if others or total_carry:
            names = []
            for r in others:
                lvl = view.row(r["row"])["level"]
                what = "pagu akhir periode" if r["measure"] == "pagu_akhir" else f"pagu {r['tahun']}"
                names.append(f"{what} {level_word(lvl)} {r['row']}")
            if total_carry:
                r = total_carry[0]
                names.append(f"{TOTAL_LABEL} {r['tahun']} (tercetak {format_rupiah(r['printed'])}, dihitung ulang "
                             f"{format_rupiah(r['recomputed'])})")
            text += " Kesalahan yang sama terbawa ke " + join_list(names) + "."
    n_summed = f.audit_kinds.get(KIND_SUMMED_LEVEL, 0)
    if n_summed and f.summed_examples:
        ex = f.summed_examples[0]
        text += (f" Untuk {format_number(n_summed)} indikator bersatuan persen atau skor, dokumen menjumlahkan target "
                 f"seluruh tahun sebagai target akhir periode (misalnya {ex['kode']} tercetak "
                 f"{format_target(ex['printed'])} atau \u201c{format_target(ex['printed'])} %\u201d); yang "
                 f"ditampilkan adalah target tahun terakhir ({format_target(ex['recomputed'])}).")
        if f.summed_odd:
            text += (f" Sebanyak {number_words(f.summed_odd)} di antaranya bersatuan persen tetapi targetnya berupa "
                     "jumlah (di atas 100), sehingga satuannya perlu dikonfirmasi.")
    return text


def plan_narrative_text(view: PlanView) -> str:
    """Indonesian draft narrative of Tabel 4.1 (Markdown; names escaped, numbers as in the tables)."""
    f = plan_facts(view)
    opd = load_opd(view.data_dir)
    t = view.tahun
    paras = []
    bidang = join_list([f"bidang urusan {markdown_escape(b['name'])} ({b['kode']}) {format_rupiah(b['pagu'])} "
                        f"({format_percent(b['porsi'])})" for b in f.bidang])
    c = f.counts
    paras.append(
        f"Total pagu indikatif Renstra {view.span} {markdown_escape(opd.nama_pendek or opd.singkatan)} sebesar "
        f"{format_rupiah(f.total_period)}, dihitung ulang dari pagu {format_number(c['sub_kegiatan'])} sub kegiatan "
        f"yang tersebar dalam {format_number(c['kegiatan'])} kegiatan, {number_words(c['program'])} program dan "
        f"{number_words(c['bidang_urusan'])} bidang urusan. Pagu itu terbagi atas {bidang}.")
    text = f"Pada tahun {t} pagu indikatif sebesar {format_rupiah(f.total_by_year[t])}"
    if t == view.first:
        text += f", atau {format_percent(f.cumulative_share)} dari pagu seluruh periode; ini tahun pertama rencana."
    elif t == view.last:
        text += (f"; ini tahun terakhir rencana, sehingga pagu kumulatif {view.span_to_tahun} sama dengan pagu "
                 f"seluruh periode ({format_rupiah(f.cumulative)}).")
    else:
        text += (f"; secara kumulatif {view.span_to_tahun} pagu mencapai {format_rupiah(f.cumulative)}, atau "
                 f"{format_percent(f.cumulative_share)} dari pagu seluruh periode.")
    if f.leaves_with_pagu == c["sub_kegiatan"]:
        text += f" Semua {format_number(c['sub_kegiatan'])} sub kegiatan diberi pagu pada {t}."
    else:
        few = f.leaves_with_pagu * 2 < c["sub_kegiatan"]
        text += (f" {'Hanya' if few else 'Sebanyak'} {format_number(f.leaves_with_pagu)} dari "
                 f"{format_number(c['sub_kegiatan'])} sub kegiatan {'yang ' if few else ''}diberi pagu pada tahun {t}.")
    if f.top_year:
        text += (f" Program dengan pagu terbesar pada tahun {t} adalah {program_text(f.top_year['uraian'])}, yaitu "
                 f"sebesar {format_rupiah(f.top_year['pagu'])} atau {format_percent(f.top_year['porsi'])} dari pagu "
                 f"tahun {t}.")
    paras.append(text)
    if f.top_period:
        listed = "; ".join(f"{program_text(p['uraian'])} {format_rupiah(p['pagu'])} ({format_percent(p['porsi'])})"
                           for p in f.top_period)
        paras.append(f"Selama {view.span}, program dengan pagu terbesar adalah {listed}.")
    if f.growth_total is not None:
        points = [(y, f.total_by_year[y]) for y in view.years if f.total_by_year[y] is not None]
        text = describe_series("Pagu tahunan", points, format_rupiah,
                               lambda a, b: f"{format_rupiah(abs(b - a))} ({format_percent(abs(f.growth_total))})")
        text += f" Pertumbuhan majemuk tahunannya (CAGR) sebesar {format_percent(f.cagr)}."
        paras.append(text)
    return "\n\n".join(paras)


def plan_review(view: Optional[PlanView]) -> Optional[str]:
    """The audit of Tabel 4.1's printed figures (Catatan pemeriksaan, not report text); None without errors."""
    if view is None:
        return None
    f = plan_facts(view)
    return review_block([_audit_paragraph(view, f)]) if f.audit_total else None


def plan_facts_cited(view: PlanView) -> dict:
    """The figures the Tabel 4.1 draft cites, by name."""
    f = plan_facts(view)
    out = {"pagu seluruh periode": f.total_period, "pagu kumulatif sampai tahun laporan": f.cumulative,
           "porsi kumulatif dari pagu seluruh periode (%)": f.cumulative_share,
           "pertumbuhan total pagu tahunan (%)": f.growth_total, "CAGR pagu tahunan (%)": f.cagr,
           "sub kegiatan berpagu pada tahun laporan": f.leaves_with_pagu}
    out.update({f"pagu {y}": v for y, v in f.total_by_year.items()})
    first, last = f.total_by_year.get(view.first), f.total_by_year.get(view.last)
    if first is not None and last is not None:
        out[f"perubahan pagu {view.first}–{view.last}"] = last - first
    out.update({f"jumlah {level}": n for level, n in f.counts.items()})
    for b in f.bidang:
        out[f"pagu bidang {b['kode']}"], out[f"porsi bidang {b['kode']} (%)"] = b["pagu"], b["porsi"]
    for p in f.top_period:
        out[f"pagu program {p['kode']} seluruh periode"], out[f"porsi program {p['kode']} (%)"] = p["pagu"], p["porsi"]
    if f.top_year:
        out[f"pagu program {f.top_year['kode']} {view.tahun}"] = f.top_year["pagu"]
        out[f"porsi program {f.top_year['kode']} {view.tahun} (%)"] = f.top_year["porsi"]
    return {k: v for k, v in out.items() if v is not None}


def plan_narrative(view: Optional[PlanView]) -> Optional[list]:
    """The draft narrative of Tabel 4.1 (``narasi/4-1-rencana-program.md``) and the audit of its printed
    figures under "Catatan pemeriksaan"; None without Tabel 4.1."""
    if view is None:
        return None
    return [Narrative("4-1-rencana-program", plan_narrative_text(view), plan_facts_cited(view)), plan_review(view)]


# --------------------------------------------------------------------------------------------
# Tabel 4.4.1
# --------------------------------------------------------------------------------------------


def priority_missing_text(view: Optional[PlanView], data_dir=None) -> Optional[str]:
    """Markdown sentence naming the priority sub-kegiatan that have no code (or saying there are none)."""
    if not has_table(TABLE_PRIORITY, data_dir):
        return None
    frame = priority_frame(view, data_dir)
    missing = priority_missing(frame)
    if missing.empty:
        text = "Semua sub kegiatan prioritas ditemukan di Tabel 4.1."
    else:
        names = join_list([f"\u201c{markdown_escape(r.sub_kegiatan)}\u201d (No {r.no}, {markdown_escape(r.program)})"
                           for r in missing.itertuples()])
        text = (f"**Tanpa kode:** Tabel 4.4.1 tidak mencetak kode; kode dicari berdasarkan nama di Tabel 4.1. Sub "
                f"kegiatan {names} tidak terdapat di Tabel 4.1, sehingga tidak memiliki kode dan pagu dalam rencana.")
    unfunded = priority_unfunded(frame)
    if view is not None and len(unfunded):
        coded = frame[frame["kode"].notna()]
        listed = join_list([f"\u201c{markdown_escape(r.sub_kegiatan)}\u201d ({r.kode}"
                            + (f", {markdown_escape(r.program_prioritas)}" if len(str(r.program_prioritas)) < 100 else "")
                            + ")" for r in unfunded.itertuples()])
        text += (f"\n\n**Tanpa pagu pada {view.tahun}:** {len(unfunded)} dari {len(coded)} sub kegiatan prioritas "
                 f"yang ada di Tabel 4.1 tidak memiliki pagu tahun {view.tahun} (tercetak \u201c-\u201d, 0 atau "
                 f"kosong): {listed}.")
    return text


def priority_unfunded(frame: pd.DataFrame) -> pd.DataFrame:
    """Priority sub-kegiatan found in Tabel 4.1 whose pagu of the year is nihil or missing."""
    coded = frame[frame["kode"].notna()]
    return coded[coded["pagu_tahun"].isna() | (coded["pagu_tahun"].fillna(0) == 0)]


# --------------------------------------------------------------------------------------------
# Tabel 4.5.1
# --------------------------------------------------------------------------------------------


def iku_narrative_text(tahun: int, data_dir=None) -> str:
    """Short draft on the IKU targets: each indicator from its baseline to the final year, and ``tahun``."""
    g = indicator_frame(TABLE_IKU, data_dir)
    years = target_years(g)
    last = years[-1]
    items, against = [], []
    for _, r in g.iterrows():
        base = format_score(r["baseline"], r["baseline_grade"])
        end = format_score(r[col("target", last)], r["grades"].get(last))
        now = format_score(r.get(col("target", tahun)), r["grades"].get(tahun))
        b, e = as_number(r["baseline"]), as_number(r[col("target", last)])
        move = "tetap" if b == e else "naik" if (e or 0) > (b or 0) else "turun"
        name = markdown_escape(document_term(r["indikator"]))
        word = {"naik": "meningkat", "turun": "menurun"}.get(move, move)
        items.append(f"{name} {word} dari {base} menjadi {end} pada tahun {last} (target tahun {tahun}: {now})")
        if move not in ("tetap", r["polaritas"]):
            against.append(name)
    text = f"Target IKU bergerak dari kondisi awal periode ke target tahun {last}: " + "; ".join(items) + ". "
    lower = [markdown_escape(document_term(i)) for i, p in zip(g["indikator"], g["polaritas"]) if p == "turun"]
    if against:
        text += "Berlawanan dengan arah yang diharapkan: " + join_list(against) + "."
    else:
        text += "Arah semua target sesuai dengan arah yang diharapkan"
        text += (f" (makin rendah makin baik untuk {join_list(lower)}; makin tinggi makin baik untuk yang lain)."
                 if lower else ".")
    violence = [markdown_escape(document_term(i)) for i, p in zip(g["indikator"], g["polaritas"])
                if p == "turun" and "kekerasan" in str(i).lower()]
    if violence:
        text += (f" Capaian {join_list(violence)} perlu dibaca bersama cakupan pelaporan, karena pencatatan kasus "
                 "yang makin lengkap dapat menaikkan angka rasio.")
    akip = g[g["satuan"] == "skor"]
    for _, r in akip.iterrows():
        first = years[0]
        if as_number(r[col("target", first)]) == as_number(r["baseline"]):
            text += (f" Target Nilai AKIP tahun {first} sama dengan kondisi awal "
                     f"({format_score(r['baseline'], r['baseline_grade'])}).")
    return text


def iku_facts(tahun: int, data_dir=None) -> dict:
    """The figures the Tabel 4.5.1 draft cites: each indicator's baseline, its target of ``tahun`` and of the last year."""
    g = indicator_frame(TABLE_IKU, data_dir)
    last = target_years(g)[-1]
    out = {}
    for _, r in g.iterrows():
        name = document_term(r["indikator"])
        for what, value in (("kondisi awal", r["baseline"]), (f"target {tahun}", r.get(col("target", tahun))),
                            (f"target {last}", r[col("target", last)])):
            number = as_number(value)
            if number is not None:
                out[f"{name}: {what}"] = number
    return out


def iku_narrative(tahun: int, data_dir=None) -> Optional[Narrative]:
    """The draft narrative of Tabel 4.5.1 (``narasi/4-5-1-iku.md``); None without the table."""
    if not has_table(TABLE_IKU, data_dir):
        return None
    return Narrative("4-5-1-iku", iku_narrative_text(tahun, data_dir), iku_facts(tahun, data_dir))
