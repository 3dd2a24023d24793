"""The draft narrative of a budget table (Indonesian Markdown, names escaped, numbers as in the tables)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pandas as pd

from helpers.core.audit import KIND_UNDEFINED_PRINTED
from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.core.opd import load_opd
from helpers.core.prose import describe_series, percent_points, signed_percent
from helpers.core.text import join_list
from helpers.pages.anggaran.view import (TOTAL_LABEL, TOTAL_ROW, NoBudget, View, _num, col, growth_frame,
                                         program_name, shown_audit)
from helpers.present import Narrative, markdown_escape
from helpers.present.markdown import review_block

#: Number of programs named as largest increases / decreases in the narrative.
MOVERS_N = 2


@dataclass
class Facts:
    """The numbers the narrative states, each also shown in a table of the page."""

    years: list[int]
    total_ratio: dict[int, Optional[float]]
    lowest: dict[int, tuple[str, float]]
    total_first: Optional[float]
    total_last: Optional[float]
    growth_total: Optional[float]
    growth_total_realisasi: Optional[float]
    growth_mean: Optional[float]
    cagr: Optional[float]
    printed_total_growth: Optional[float]
    directions: list[tuple[int, str]]
    increases: list[dict]
    decreases: list[dict]
    started: list[str]
    stopped: list[str]
    undefined_marked: int


def facts(view) -> Facts:
    """Collect the narrative's numbers from the view (no number is computed twice)."""
    years = view.years
    total = view.total
    total_ratio = {y: _num(total[col("rasio", y)]) for y in years}
    lowest = {}
    progs = view.programs
    for y in years:
        candidates = [(u, _num(r)) for u, a, r in zip(progs["uraian"], progs[col("anggaran", y)], progs[col("rasio", y)])
                      if (_num(a) or 0) > 0 and _num(r) is not None]
        if candidates:
            lowest[y] = min(candidates, key=lambda c: c[1])
    totals = [_num(total[col("anggaran", y)]) for y in years]
    directions = []
    for prev, cur, y in zip(totals[:-1], totals[1:], years[1:]):
        if prev is not None and cur is not None:
            directions.append((y, "naik" if cur > prev else "turun" if cur < prev else "tetap"))
    g = growth_frame(view) if len(years) >= 2 else pd.DataFrame()
    increases, decreases, started, stopped = [], [], [], []
    printed_total = None
    if len(years) >= 2:
        pg = g[g["level"] == "program"]
        movers = [dict(uraian=r.uraian, first=_num(r.first), last=_num(r.last), change=_num(r.change),
                       growth=_num(r.growth_total)) for r in pg.itertuples()]
        increases = sorted([m for m in movers if m["change"] is not None and m["change"] > 0],
                           key=lambda m: -m["change"])[:MOVERS_N]
        decreases = sorted([m for m in movers if m["change"] is not None and m["change"] < 0],
                           key=lambda m: m["change"])[:MOVERS_N]
        started = [m["uraian"] for m in movers if not (m["first"] or 0) > 0 and (m["last"] or 0) > 0]
        stopped = [m["uraian"] for m in movers if (m["first"] or 0) > 0 and not (m["last"] or 0) > 0]
        printed_total = _num(g.loc[g["row_id"] == TOTAL_ROW, "printed"].iloc[0])
    shown = shown_audit(view)
    return Facts(
        years=years, total_ratio=total_ratio, lowest=lowest, total_first=totals[0], total_last=totals[-1],
        growth_total=_num(total["growth_total_anggaran"]), growth_total_realisasi=_num(total["growth_total_realisasi"]),
        growth_mean=_num(total["growth_mean_anggaran"]) if len(years) >= 3 else None,
        cagr=_num(total["cagr_anggaran"]) if len(years) >= 3 else None, printed_total_growth=printed_total,
        directions=directions, increases=increases, decreases=decreases, started=started, stopped=stopped,
        undefined_marked=int((shown["kind"] == KIND_UNDEFINED_PRINTED).sum()) if len(shown) else 0,
    )


def _pct(value: Optional[float]) -> str:
    return format_percent(value, 2)


def _change_words(value: float) -> str:
    """``naik 31,14%`` / ``turun 16,37%`` (the size as shown in the table, without its sign)."""
    return ("naik " if value >= 0 else "turun ") + format_percent(abs(value), 2)


def narrative_text(view) -> str:
    """The narrative's Markdown for a :class:`~helpers.pages.anggaran.view.BudgetView`: report text
    only (the document's conventions and the audit are in :func:`review`)."""
    f = facts(view)
    opd = load_opd(view.data_dir)
    office = markdown_escape(opd.nama_pendek or opd.singkatan)
    paras = []
    # 1. Absorption of the total budget, by the shape of its series.
    ratios = [(y, r) for y, r in f.total_ratio.items() if r is not None]
    if len(view.years) == 1:
        y = view.first
        paras.append(f"Pada tahun {y} anggaran {office} sebesar "
                     f"{format_rupiah(view.total[col('anggaran', y)])} terealisasi sebesar "
                     f"{format_rupiah(view.total[col('realisasi', y)])}, atau tingkat penyerapan anggaran sebesar "
                     f"{_pct(f.total_ratio[y])}.")
    elif ratios:
        paras.append(describe_series(f"Tingkat penyerapan anggaran {office} (realisasi terhadap anggaran, baris "
                                     f"{TOTAL_LABEL})", ratios, _pct, lambda a, b: percent_points(b - a)))
    # 2. Lowest absorption per year among programs with a budget.
    if f.lowest:
        if len(f.lowest) == 1:
            (y, (u, r)), = f.lowest.items()
            paras.append(f"Program dengan penyerapan terendah pada tahun {y}, di antara program yang memiliki "
                         f"anggaran, adalah {program_name(u)} ({_pct(r)}).")
        else:
            listed = "; ".join(f"tahun {y} {program_name(u)} ({_pct(r)})" for y, (u, r) in f.lowest.items())
            paras.append("Program dengan penyerapan terendah setiap tahun, di antara program yang memiliki anggaran, "
                         f"adalah sebagai berikut: {listed}.")
    # 3. The total budget by the shape of its series, then its growth in both conventions.
    if len(view.years) >= 2 and f.growth_total is not None:
        totals = [(y, _num(view.total[col("anggaran", y)])) for y in view.years]
        totals = [(y, v) for y, v in totals if v is not None]
        text = describe_series("Anggaran total", totals, format_rupiah,
                               lambda a, b: f"{format_rupiah(abs(b - a))} ({_pct(abs(f.growth_total))})")
        text += (f" Pertumbuhan total anggaran tahun {view.first}–{view.last} sebesar "
                 f"{signed_percent(f.growth_total)}, sebagaimana kolom “Rata Rata Pertumbuhan” dokumen menghitungnya")
        if f.growth_total_realisasi is not None:
            text += f"; realisasi total {_change_words(f.growth_total_realisasi)}"
        text += "."
        if len(view.years) >= 3 and f.growth_mean is not None:
            text += (f" Rata-rata pertumbuhan tahunan anggaran sebesar {signed_percent(f.growth_mean)}, dan "
                     f"pertumbuhan majemuk tahunan (CAGR) sebesar {signed_percent(f.cagr)}.")
        paras.append(text)
    # 4. Largest increases / decreases among programs.
    if len(view.years) >= 2:
        sentences = []

        def mover(m):
            word = "bertambah" if m["change"] > 0 else "berkurang"
            growth = (f" atau {_pct(abs(m['growth']))}" if m["growth"] is not None else "")
            return (f"{program_name(m['uraian'])} ({word} {format_rupiah(abs(m['change']))}{growth}, dari "
                    f"{format_rupiah(m['first'])} menjadi {format_rupiah(m['last'])})")
        if f.increases:
            sentences.append(f"Kenaikan anggaran terbesar pada tahun {view.first}–{view.last} terjadi pada "
                             + join_list([mover(m) for m in f.increases]) + ".")
        if f.decreases:
            sentences.append("Penurunan terbesar terjadi pada " + join_list([mover(m) for m in f.decreases]) + ".")
        if f.started:
            sentences.append(f"Program yang belum dianggarkan pada tahun {view.first} tetapi dianggarkan pada tahun "
                             f"{view.last} adalah " + join_list([program_name(u) for u in f.started]) + ".")
        if f.stopped:
            sentences.append(f"Program yang dianggarkan pada tahun {view.first} tetapi tidak lagi dianggarkan pada "
                             f"tahun {view.last} adalah " + join_list([program_name(u) for u in f.stopped]) + ".")
        if sentences:
            paras.append(" ".join(sentences))
    return "\n\n".join(paras)


def review(view: View) -> Optional[str]:
    """The document's growth convention and its marked cells (Catatan pemeriksaan, not report text)."""
    if isinstance(view, NoBudget):
        return None
    f = facts(view)
    lines = ["Kolom “Rata Rata Pertumbuhan” dalam dokumen bukan rata-rata, melainkan pertumbuhan total "
             "(nilai tahun akhir − nilai tahun awal) / nilai tahun awal × 100."]
    if view.full_range and f.printed_total_growth is not None and f.growth_total is not None:
        same = "sama dengan" if abs(f.printed_total_growth - f.growth_total) <= 0.005 else "berbeda dari"
        lines.append(f"Untuk baris {TOTAL_LABEL}, angka tercetak {signed_percent(f.printed_total_growth)} {same} "
                     "pertumbuhan total hasil hitung ulang.")
    if len(view.years) >= 3:
        lines.append("Narasi Renstra sebaiknya menyebutnya “pertumbuhan total”, atau memakai rata-rata "
                     "pertumbuhan tahunan atau CAGR.")
    elif len(view.years) == 2:
        lines.append("Dengan dua tahun, pertumbuhan total sama dengan rata-rata pertumbuhan tahunan (dan CAGR).")
    if f.undefined_marked:
        lines.append(f"Sebanyak {format_number(f.undefined_marked)} sel rasio/pertumbuhan yang tidak terdefinisi "
                     "(anggaran 0 atau kosong) dicetak dokumen sebagai angka; di tabel ditampilkan “-” "
                     "bertanda *.")
    return review_block(lines)


def narrative_facts(view) -> dict:
    """The figures the draft cites, by name (a revision citing an older value is flagged ``berubah``)."""
    f = facts(view)
    out = {}
    for y in view.years:
        for what, key in (("anggaran", "anggaran"), ("realisasi", "realisasi"), ("penyerapan (%)", "rasio")):
            value = _num(view.total[col(key, y)])
            if value is not None:
                out[f"{TOTAL_LABEL} {what} {y}"] = value
    for name, value in (("pertumbuhan total anggaran (%)", f.growth_total),
                        ("pertumbuhan total realisasi (%)", f.growth_total_realisasi),
                        ("rata-rata pertumbuhan tahunan (%)", f.growth_mean), ("CAGR (%)", f.cagr)):
        if value is not None:
            out[f"{TOTAL_LABEL} {name}"] = value
    ratios = [r for r in f.total_ratio.values() if r is not None]
    if len(ratios) >= 2:
        out[f"{TOTAL_LABEL} penyerapan: perubahan {view.first}\u2013{view.last} (poin persen)"] = ratios[-1] - ratios[0]
    if f.total_first is not None and f.total_last is not None:
        out[f"{TOTAL_LABEL} perubahan anggaran {view.first}–{view.last}"] = f.total_last - f.total_first
    for y, (u, r) in f.lowest.items():
        out[f"penyerapan terendah {y}: {u}"] = r
    for m in f.increases + f.decreases:
        for what in ("first", "last", "change", "growth"):
            if m[what] is not None:
                out[f"{m['uraian']}: {what}"] = m[what]
    return out


def narrative(view: View) -> Optional[Narrative]:
    """The draft narrative of one budget table (``narasi/<slug>.md``); None when the data lacks the table."""
    if isinstance(view, NoBudget):
        if view.absent or getattr(view, "plan", False):  # plan years: the table's notice says no realisation yet
            return None
        return Narrative(view.slug,
                         f"Belum ada data anggaran untuk tahun sebelum {view.tahun}.")
    return Narrative(view.slug, narrative_text(view), narrative_facts(view))
