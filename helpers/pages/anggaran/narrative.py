"""The draft narrative of a budget table (Indonesian Markdown, names escaped, numbers as in the tables)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pandas as pd

from helpers.core.audit import KIND_UNDEFINED_PRINTED
from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.core.opd import load_opd
from helpers.core.text import join_list
from helpers.pages.anggaran.view import (TOTAL_LABEL, TOTAL_ROW, NoBudget, View, _num, col, growth_frame,
                                         program_name, shown_audit)
from helpers.present import Narrative, markdown_escape

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
    """The narrative's Markdown for a :class:`~helpers.pages.anggaran.view.BudgetView`."""
    f = facts(view)
    span = view.span
    opd = load_opd(view.data_dir)
    office = markdown_escape(opd.nama_pendek or opd.singkatan)
    paras = []
    # 1. Absorption of the total budget.
    ratios = [(y, r) for y, r in f.total_ratio.items() if r is not None]
    if len(view.years) == 1:
        y = view.first
        paras.append(f"Pada {y} anggaran {office} sebesar "
                     f"{format_rupiah(view.total[col('anggaran', y)])} terealisasi "
                     f"{format_rupiah(view.total[col('realisasi', y)])}, atau penyerapan "
                     f"{_pct(f.total_ratio[y])} dari anggaran.")
    elif ratios:
        listed = join_list([f"{_pct(r)} ({y})" for y, r in ratios])
        high = max(ratios, key=lambda t: t[1])
        low = min(ratios, key=lambda t: t[1])
        paras.append(f"Penyerapan anggaran {office} (rasio realisasi terhadap anggaran, baris {TOTAL_LABEL}) pada "
                     f"{span} berturut-turut {listed}; tertinggi pada {high[0]} dan terendah pada {low[0]}.")
    # 2. Lowest absorption per year among programs with a budget.
    if f.lowest:
        if len(f.lowest) == 1:
            (y, (u, r)), = f.lowest.items()
            paras.append(f"Program dengan penyerapan terendah pada {y} (di antara program yang memiliki "
                         f"anggaran) adalah {program_name(u)} ({_pct(r)}).")
        else:
            listed = "; ".join(f"{y}: {program_name(u)} ({_pct(r)})" for y, (u, r) in f.lowest.items())
            paras.append("Program dengan penyerapan terendah (di antara program yang memiliki anggaran) setiap "
                         f"tahun: {listed}.")
    # 3. Growth of the total budget with both conventions.
    if len(view.years) >= 2 and f.growth_total is not None:
        text = (f"Anggaran total {_change_words(f.growth_total).split(' ')[0]} dari {format_rupiah(f.total_first)} "
                f"({view.first}) menjadi {format_rupiah(f.total_last)} ({view.last}), yaitu pertumbuhan total "
                f"{span} sebesar {_pct(f.growth_total)} menurut konvensi dokumen")
        if f.growth_total_realisasi is not None:
            text += f"; realisasi total {_change_words(f.growth_total_realisasi)}"
        text += "."
        if len(view.years) >= 3:
            if f.growth_mean is not None:
                text += (f" Sebagai rata-rata per tahun, anggaran tumbuh {_pct(f.growth_mean)} (rata-rata "
                         f"pertumbuhan tahunan) atau {_pct(f.cagr)} (CAGR).")
            steps = join_list([f"{d} pada {y}" for y, d in f.directions])
            if steps:
                text += f" Dari tahun ke tahun anggaran total {steps}."
        else:
            text += (" Dengan dua tahun, pertumbuhan total ini sama dengan rata-rata pertumbuhan tahunan "
                     "(dan CAGR).")
        paras.append(text)
    # 4. Largest increases / decreases among programs.
    if len(view.years) >= 2:
        sentences = []

        def mover(m):
            growth = (f", pertumbuhan total {_pct(m['growth'])}" if m["growth"] is not None
                      else ", pertumbuhan persen tidak terdefinisi karena anggaran awal 0")
            return (f"{program_name(m['uraian'])} (dari {format_rupiah(m['first'])} menjadi "
                    f"{format_rupiah(m['last'])}, perubahan {format_rupiah(m['change'])}{growth})")
        if f.increases:
            sentences.append(f"Kenaikan anggaran terbesar {view.first}–{view.last}: "
                             + "; ".join(mover(m) for m in f.increases) + ".")
        if f.decreases:
            sentences.append("Penurunan terbesar: " + "; ".join(mover(m) for m in f.decreases) + ".")
        if f.started:
            sentences.append(f"Belum dianggarkan pada {view.first} tetapi dianggarkan pada {view.last}: "
                             + join_list([program_name(u) for u in f.started]) + ".")
        if f.stopped:
            sentences.append(f"Dianggarkan pada {view.first} tetapi tidak lagi pada {view.last} (0 atau kosong): "
                             + join_list([program_name(u) for u in f.stopped]) + ".")
        if sentences:
            paras.append(" ".join(sentences))
    # 5. The document's convention and the marked cells.
    conv = ("Catatan konvensi: kolom \u201cRata Rata Pertumbuhan\u201d dalam dokumen bukan rata-rata, melainkan "
            "pertumbuhan total (nilai tahun akhir − nilai tahun awal) / nilai tahun awal × 100.")
    if view.full_range and f.printed_total_growth is not None and f.growth_total is not None:
        same = "sama dengan" if abs(f.printed_total_growth - f.growth_total) <= 0.005 else "berbeda dari"
        conv += (f" Untuk baris {TOTAL_LABEL}, angka tercetak {_pct(f.printed_total_growth)} {same} pertumbuhan "
                 f"total hasil hitung ulang.")
    if len(view.years) >= 3:
        conv += " Sebaiknya narasi Renstra menyebutnya \u201cpertumbuhan total\u201d, atau memakai rata-rata tahunan/CAGR."
    if f.undefined_marked:
        conv += (f" Sebanyak {format_number(f.undefined_marked)} sel rasio/pertumbuhan yang tidak terdefinisi "
                 "(anggaran 0 atau kosong) dicetak dokumen sebagai angka; di tabel ditampilkan \u201c-\u201d "
                 "bertanda *.")
    paras.append(conv)
    return "\n\n".join(paras)


def narrative(view: View) -> Optional[Narrative]:
    """The draft narrative of one budget table (``narasi/<slug>.md``); None when the data lacks the table."""
    if isinstance(view, NoBudget):
        if view.absent:
            return None
        return Narrative(view.slug,
                         f"Belum ada data anggaran untuk tahun sebelum {view.tahun}.")
    return Narrative(view.slug, narrative_text(view))
