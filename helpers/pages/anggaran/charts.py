"""Charts of a budget table, each a :class:`~helpers.present.Figure` with an Indonesian alt text.

:func:`program_chart` (anggaran vs realisasi per program, small multiples), :func:`absorption_chart`
(absorption per year, JUMLAH as reference) and :func:`share_chart` (each program's share of the
total). Only programs with a budget in a shown year are drawn; the others are named under the
chart. Colours, hatches and markers come from :mod:`helpers.present.style`.
"""
from __future__ import annotations

import math
import warnings
from typing import Iterable, Optional

from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.core.text import join_list, short_label, wrap
from helpers.core.progress import NO_DATA
from helpers.pages.anggaran.view import (MEASURE_LABELS, MEASURES, TOTAL_LABEL, BudgetView, NoBudget, View,
                                         _num, budgeted_programs, col, share_frame, unbudgeted_programs)
from helpers.present import HATCHES, MARKERS, PALETTE, Figure, id_formatter, plain, rupiah_axis
from helpers.present.style import MUTED

#: Segments of the share chart at least this large (percent) get a value label.
SHARE_LABEL_MIN = 4.0
#: Colours of the share chart: the palette without black (hatches would not show on it).
SHARE_COLORS = [c for c in PALETTE if c != "#000000"]
#: Grey of bar edges, the JUMLAH reference line and footnotes.
EDGE = REFERENCE = FOOTNOTE = MUTED


def figure_name(view: BudgetView, kind: str) -> str:
    """Output name of a chart: ``2-3-anggaran-2021-2024-program``."""
    return f"{view.slug}-{kind}"


def _caption(view: BudgetView, title: str) -> str:
    rule = f" (tabel {view.regulation})" if view.regulation else ""
    return f"{title}{rule}"


def _quiet():
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


def _year_axis(ax, years):
    ax.set_xticks(list(years))
    ax.set_xticklabels([str(y) for y in years])
    pad = 0.8 if len(years) == 1 else 0.6
    ax.set_xlim(years[0] - pad, years[-1] + pad)


def _small_rupiah_ticks(ax, values: Iterable[Optional[float]], scale: float = 1e6):
    """Whole-juta ticks when the largest amount is a few juta (avoids repeated labels like 2, 2, 1)."""
    from matplotlib.ticker import MultipleLocator

    top = max([v for v in values if v is not None] or [0])
    if 0 < top < 8 * scale:
        ax.yaxis.set_major_locator(MultipleLocator(scale))


def _unbudgeted_text(view: BudgetView) -> str:
    missing = unbudgeted_programs(view)
    return ("Tanpa anggaran pada " + view.span + ": " + "; ".join(short_label(m) for m in missing)) if missing else ""


def _footnote(fig, view: BudgetView, height: float):
    text = _unbudgeted_text(view)
    if text:
        fig.text(0.01, 0.15 / height, plain(wrap(text, 170)), fontsize=8, color=EDGE, ha="left", va="bottom")


def _unbudgeted_sentence(view: BudgetView) -> str:
    missing = unbudgeted_programs(view)
    if not missing:
        return ""
    return (f" Program tanpa anggaran pada {view.span} tidak digambar: "
            + join_list(short_label(m) for m in missing) + ".")


# --------------------------------------------------------------------------------------------
# Anggaran and realisasi per program
# --------------------------------------------------------------------------------------------


def program_chart(view: View) -> Optional[Figure]:
    """Small multiples: anggaran vs realisasi per program and year (each panel its own juta-rupiah scale)."""
    if isinstance(view, NoBudget):
        return None
    import matplotlib.pyplot as plt

    _quiet()
    progs = budgeted_programs(view)
    n = len(progs)
    cols = 4 if n > 6 else min(3, max(n, 1))
    rows = max(1, math.ceil(n / cols))
    height = 2.9 * rows + 1.4
    fig, axes = plt.subplots(rows, cols, figsize=(4.0 * cols, height), squeeze=False)
    width = 0.38
    for ax, prog in zip(axes.flat, progs.itertuples()):
        series = [("anggaran", PALETTE[0], HATCHES[0], -width / 2), ("realisasi", PALETTE[1], HATCHES[1], width / 2)]
        for measure, color, hatch, shift in series:
            values = [_num(getattr(prog, col(measure, y))) for y in view.years]
            xs = [y + shift for y, v in zip(view.years, values) if v is not None]
            ax.bar(xs, [v for v in values if v is not None], width=width, color=color, hatch=hatch,
                   edgecolor=EDGE, linewidth=0.5, label=MEASURE_LABELS[measure])
        _year_axis(ax, view.years)
        rupiah_axis(ax, "y", 1e6, "Juta Rupiah")
        _small_rupiah_ticks(ax, [_num(getattr(prog, col(m, y))) for m in MEASURES for y in view.years])
        ax.yaxis.label.set_size(8)
        ax.tick_params(labelsize=7.5)
        ax.set_title(plain(wrap(short_label(prog.uraian), 36)), fontsize=8.5)
        ax.margins(y=0.12)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", ncol=2, fontsize=9, frameon=False,
               bbox_to_anchor=(0.99, 1 - 0.2 / height))
    title = f"Anggaran dan realisasi per program, {view.span}"
    fig.suptitle(f"{title} (juta rupiah; skala sumbu-y tiap panel berbeda)",
                 fontsize=12, fontweight="bold", x=0.01, ha="left", y=1 - 0.15 / height)
    fig.supxlabel("Tahun anggaran", fontsize=9, y=0.55 / height)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=1.05 / height, top=1 - 1.0 / height, hspace=0.6, wspace=0.35)
    _footnote(fig, view, height)
    return Figure(fig, figure_name(view, "program"), caption=_caption(view, title), alt=program_alt(view))


def program_alt(view: BudgetView) -> str:
    """Alt text of :func:`program_chart`: what is drawn and the largest budgets of the last year."""
    progs = budgeted_programs(view)
    text = (f"Grafik panel per program: batang anggaran dan realisasi setiap tahun {view.span}, dalam juta "
            f"rupiah, dengan skala sumbu-y sendiri pada setiap panel. Sebanyak {format_number(len(progs))} "
            "program memiliki anggaran pada tahun yang ditampilkan.")
    last = [(u, _num(a)) for u, a in zip(progs["uraian"], progs[col("anggaran", view.last)]) if _num(a)]
    if last:
        u, a = max(last, key=lambda t: t[1])
        r = _num(progs.loc[progs["uraian"] == u, col("realisasi", view.last)].iloc[0])
        text += (f" Anggaran terbesar pada {view.last}: {short_label(u)} ({format_rupiah(a)}, realisasi "
                 f"{format_rupiah(r)}).")
    return text + _unbudgeted_sentence(view)


# --------------------------------------------------------------------------------------------
# Absorption
# --------------------------------------------------------------------------------------------


def absorption_chart(view: View) -> Optional[Figure]:
    """Absorption (realisasi / anggaran × 100) per year: JUMLAH first, then one panel per program
    with JUMLAH as a dashed reference line."""
    if isinstance(view, NoBudget):
        return None
    if len(view.years) == 1:
        return _absorption_one_year(view)
    import matplotlib.pyplot as plt

    _quiet()
    progs = budgeted_programs(view)
    panels = [(f"{TOTAL_LABEL} (seluruh program)", view.total, True)]
    panels += [(short_label(p.uraian), p, False) for _, p in progs.iterrows()]
    n = len(panels)
    cols = 4 if n > 6 else min(3, n)
    rows = math.ceil(n / cols)
    height = 2.6 * rows + 1.4
    fig, axes = plt.subplots(rows, cols, figsize=(4.0 * cols, height), squeeze=False, sharey=True)
    total_values = [_num(view.total[col("rasio", y)]) for y in view.years]
    top = max([100.0] + [_num(p[col("rasio", y)]) or 0 for _t, p, _x in panels for y in view.years])
    for ax, (title, row, is_total) in zip(axes.flat, panels):
        values = [_num(row[col("rasio", y)]) for y in view.years]
        if not is_total:
            ax.plot(view.years, total_values, linestyle="--", color=REFERENCE, marker="", linewidth=1,
                    label=f"{TOTAL_LABEL}")
        xs = [y for y, v in zip(view.years, values) if v is not None]
        ys = [v for v in values if v is not None]
        ax.plot(xs, ys, color=PALETTE[7] if is_total else PALETTE[0], marker=MARKERS[1] if is_total else MARKERS[0],
                linewidth=2 if is_total else 1.5, label="Rasio program" if not is_total else TOTAL_LABEL)
        for x, y in zip(xs, ys):
            ax.annotate(format_number(y, 1), (x, y), textcoords="offset points", xytext=(0, 5), ha="center",
                        fontsize=7)
        missing = [y for y, v in zip(view.years, values) if v is None]
        unknown = [y for y in missing if (_num(row[col("anggaran", y)]) or 0) > 0]
        missing = [y for y in missing if y not in unknown]
        if missing:
            ax.text(0.02, 0.04, "tanpa anggaran: " + ", ".join(str(y) for y in missing), transform=ax.transAxes,
                    fontsize=7, color=FOOTNOTE)
        if unknown:
            ax.text(0.02, 0.12, f"{NO_DATA}: " + ", ".join(str(y) for y in unknown), transform=ax.transAxes,
                    fontsize=7, color=FOOTNOTE)
        _year_axis(ax, view.years)
        ax.set_ylim(0, top * 1.12)
        ax.tick_params(labelsize=7.5)
        ax.set_title(plain(wrap(title, 36)), fontsize=8.5, fontweight="bold" if is_total else "normal")
    for r in range(rows):
        axes[r][0].set_ylabel("Rasio realisasi/anggaran (%)", fontsize=8)
        axes[r][0].yaxis.set_major_formatter(id_formatter(0))
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    handles, labels = (axes.flat[1] if n > 1 else axes.flat[0]).get_legend_handles_labels()
    fig.legend(handles, ["Rasio program" if l == "Rasio program" else f"{TOTAL_LABEL} (pembanding)" for l in labels],
               loc="upper right", ncol=2, fontsize=9, frameon=False, bbox_to_anchor=(0.99, 1 - 0.2 / height))
    title = f"Penyerapan anggaran (rasio realisasi terhadap anggaran), {view.span}"
    fig.suptitle(title, fontsize=12, fontweight="bold", x=0.01, ha="left", y=1 - 0.15 / height)
    fig.supxlabel("Tahun anggaran", fontsize=9, y=0.55 / height)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=1.05 / height, top=1 - 1.0 / height, hspace=0.6, wspace=0.12)
    _footnote(fig, view, height)
    return Figure(fig, figure_name(view, "penyerapan"), caption=_caption(view, title), alt=absorption_alt(view))


def _absorption_one_year(view: BudgetView) -> Figure:
    """One shown year: horizontal bars of each program's absorption, JUMLAH as a dashed line."""
    import matplotlib.pyplot as plt

    _quiet()
    year = view.first
    progs = budgeted_programs(view)
    progs = progs[progs[col("anggaran", year)].fillna(0) > 0]
    labels = [plain(wrap(short_label(u), 50)) for u in progs["uraian"]][::-1]
    values = [_num(v) for v in progs[col("rasio", year)]][::-1]
    total = _num(view.total[col("rasio", year)])
    height = 0.5 * len(labels) + 1.8
    fig, ax = plt.subplots(figsize=(11, height))
    ax.barh(range(len(labels)), [v if v is not None else 0 for v in values], color=PALETTE[0], hatch=HATCHES[0],
            edgecolor=EDGE, linewidth=0.5, label="Rasio program")
    for i, v in enumerate(values):  # a ratio not known yet is said, never drawn as 0
        ax.text((v or 0) + 1, i, format_number(v, 2) + "%" if v is not None else NO_DATA, va="center", fontsize=8)
    if total is not None:
        ax.axvline(total, color=PALETTE[7], linestyle="--", linewidth=1.2,
                   label=f"{TOTAL_LABEL}: {format_number(total, 2)}%")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0, max([100.0] + [v or 0 for v in values]) * 1.12)
    ax.xaxis.set_major_formatter(id_formatter(0))
    ax.set_xlabel("Rasio realisasi terhadap anggaran (%)")
    title = f"Penyerapan anggaran per program, {year} (program yang memiliki anggaran)"
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    fig.subplots_adjust(left=0.3, right=0.97, bottom=0.75 / height, top=1 - 0.45 / height)
    return Figure(fig, figure_name(view, "penyerapan"), caption=_caption(view, title), alt=absorption_alt(view))


def _ratios(view: BudgetView) -> list[tuple[str, int, float]]:
    """(program, year, ratio) for every budgeted program and shown year with a defined ratio."""
    out = []
    for p in budgeted_programs(view).itertuples():
        for y in view.years:
            value = _num(getattr(p, col("rasio", y)))
            if value is not None and (_num(getattr(p, col("anggaran", y))) or 0) > 0:
                out.append((p.uraian, y, value))
    return out


def absorption_alt(view: BudgetView) -> str:
    """Alt text of :func:`absorption_chart`: JUMLAH's absorption per year, the lowest and highest program."""
    totals = [(y, _num(view.total[col("rasio", y)])) for y in view.years]
    listed = join_list(f"{format_percent(r, 2)} ({y})" for y, r in totals if r is not None)
    if len(view.years) == 1:
        text = (f"Grafik batang mendatar: penyerapan anggaran (rasio realisasi terhadap anggaran) setiap program "
                f"yang memiliki anggaran pada {view.first}; garis putus-putus menandai {TOTAL_LABEL} "
                f"({format_percent(totals[0][1], 2)}).")
    else:
        text = (f"Grafik panel: penyerapan anggaran (rasio realisasi terhadap anggaran) per tahun {view.span}, "
                f"panel pertama {TOTAL_LABEL} lalu satu panel per program dengan {TOTAL_LABEL} sebagai garis "
                f"putus-putus pembanding. Penyerapan {TOTAL_LABEL}: {listed or '-'}.")
    ratios = _ratios(view)
    if ratios:
        low, high = min(ratios, key=lambda t: t[2]), max(ratios, key=lambda t: t[2])
        text += (f" Terendah: {short_label(low[0])} ({format_percent(low[2], 2)}, {low[1]}); tertinggi: "
                 f"{short_label(high[0])} ({format_percent(high[2], 2)}, {high[1]}).")
    return text + _unbudgeted_sentence(view)


# --------------------------------------------------------------------------------------------
# Shares
# --------------------------------------------------------------------------------------------


def share_chart(view: View) -> Optional[Figure]:
    """100 % stacked bars: share of each program in the total anggaran per year (colours + hatches)."""
    if isinstance(view, NoBudget):
        return None
    import matplotlib.pyplot as plt

    _quiet()
    progs = budgeted_programs(view)
    shares = share_frame(view)
    labels = dict(zip(progs["row_id"], progs["uraian"]))
    height = max(4.8, 0.42 * len(progs) + 1.8)
    fig, ax = plt.subplots(figsize=(12, height))
    bottom = [0.0] * len(view.years)
    width = 0.6 if len(view.years) > 1 else 0.4
    for k, row_id in enumerate(shares.index):
        values = [v or 0.0 for v in shares.loc[row_id]]
        ax.bar(view.years, values, bottom=bottom, width=width, color=SHARE_COLORS[k % len(SHARE_COLORS)],
               hatch=HATCHES[k % len(HATCHES)], edgecolor=EDGE, linewidth=0.5,
               label=plain(wrap(short_label(labels[row_id]), 48)))
        for x, v, b in zip(view.years, values, bottom):
            if v >= SHARE_LABEL_MIN:
                ax.text(x, b + v / 2, format_number(v, 1) + "%", ha="center", va="center", fontsize=7.5,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
        bottom = [b + v for b, v in zip(bottom, values)]
    _year_axis(ax, view.years)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(id_formatter(0))
    ax.set_ylabel("Porsi dari total anggaran (%)")
    ax.set_xlabel("Tahun anggaran")
    title = f"Porsi program dalam total anggaran, {view.span}"
    ax.set_title(f"{title} (label untuk porsi ≥ {format_number(SHARE_LABEL_MIN, 0)}%)", loc="left")
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False,
              title="Program (urutan dari atas)", title_fontsize=8.5)
    fig.subplots_adjust(left=0.07, right=0.62, bottom=0.9 / height, top=1 - 0.55 / height)
    text = _unbudgeted_text(view)
    if text:
        fig.text(0.01, 0.1 / height, plain(wrap(text, 150)), fontsize=8, color=EDGE)
    return Figure(fig, figure_name(view, "porsi"), caption=_caption(view, title), alt=share_alt(view))


def share_alt(view: BudgetView) -> str:
    """Alt text of :func:`share_chart`: the largest share in the first and the last shown year."""
    shares = share_frame(view)
    names = dict(zip(view.programs["row_id"], view.programs["uraian"]))
    text = (f"Grafik batang bertumpuk 100%: porsi setiap program yang memiliki anggaran dalam total anggaran "
            f"per tahun, {view.span}.")
    largest = []
    for y in dict.fromkeys([view.first, view.last]):
        column = shares[y].dropna() if y in shares else shares.iloc[:, 0:0]
        if len(column):
            row_id = column.idxmax()
            largest.append(f"pada {y} {short_label(names[row_id])} ({format_percent(column[row_id], 1)})")
    if largest:
        text += " Porsi terbesar " + "; ".join(largest) + "."
    return text + _unbudgeted_sentence(view)
