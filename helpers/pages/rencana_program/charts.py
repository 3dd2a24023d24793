"""Charts of Tabel 4.1: pagu per program per year (stacked), share of each bidang urusan (100 %).

Colours, hatches and the highlight of the reporting year come from :mod:`helpers.present.style`;
every chart is returned as a :class:`~helpers.present.Figure` with an Indonesian alt text that
states its figures. Without Tabel 4.1 there is no chart (None).
"""
from __future__ import annotations

import warnings
from typing import Optional

from helpers.core.compute import as_number
from helpers.core.numbers import format_number, format_percent, format_rupiah
from helpers.core.text import join_list, wrap
from helpers.present import HATCHES, HIGHLIGHT, PALETTE, Figure, id_formatter, plain, rupiah_axis
from helpers.pages.rencana_program.names import program_label, program_short
from helpers.pages.rencana_program.views import TOTAL_LABEL, TOTAL_ROW, PlanView, bidang_frame, col, program_frame

#: Colours of stacked charts: the palette without black (hatches would not show on it).
STACK_COLORS = [c for c in PALETTE if c != "#000000"]


def _quiet():
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


def _highlight_year(ax, x: float, width: float = 0.8):
    """Band behind the bar of the reporting year (the same colour as the table highlight)."""
    ax.axvspan(x - width / 2 - 0.08, x + width / 2 + 0.08, color=HIGHLIGHT, zorder=0)


def _bold_tick(ax, text: str):
    for tick in ax.get_xticklabels():
        if tick.get_text() == text:
            tick.set_fontweight("bold")


def program_alt(view: PlanView) -> str:
    totals = "; ".join(f"{y} {format_rupiah(view.total[col('pagu', y)])}" for y in view.years)
    g = program_frame(view)
    progs = g[g["kode"] != TOTAL_ROW]
    text = (f"Diagram batang bertumpuk pagu indikatif {format_number(len(progs))} program per tahun rencana "
            f"{view.span}, tahun laporan {view.tahun} disorot. {TOTAL_LABEL} per tahun: {totals}.")
    if len(progs):
        top = progs.assign(_v=progs["pagu_akhir"].fillna(0)).sort_values("_v", ascending=False).iloc[0]
        text += (f" Pagu periode terbesar: Program {program_short(top['uraian'])} "
                 f"({format_rupiah(top['pagu_akhir'])}).")
    return text


def program_chart(view: Optional[PlanView]) -> Optional[Figure]:
    """Stacked bars: pagu of each program per plan year (miliar rupiah), JUMLAH on top, ``tahun`` highlighted."""
    if view is None:
        return None
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    _quiet()
    progs = view.programs
    fig, ax = plt.subplots(figsize=(12, 6.6))
    xs = list(range(len(view.years)))
    bottom = [0.0] * len(xs)
    for k, p in enumerate(progs.itertuples()):
        values = [as_number(getattr(p, col("pagu", y))) or 0.0 for y in view.years]
        ax.bar(xs, values, bottom=bottom, width=0.62, color=STACK_COLORS[k % len(STACK_COLORS)],
               hatch=HATCHES[k % len(HATCHES)], edgecolor="#333", linewidth=0.5, zorder=2,
               label=plain(wrap(program_label(p.kode, p.uraian), 46)))
        bottom = [b + v for b, v in zip(bottom, values)]
    totals = [as_number(view.total[col("pagu", y)]) or 0.0 for y in view.years]
    for x, v in zip(xs, totals):
        ax.text(x, v, format_number(v / 1e9, 2), ha="center", va="bottom", fontsize=9, fontweight="bold")
    _highlight_year(ax, xs[view.years.index(view.tahun)], 0.62)
    ax.set_xticks(xs)
    ax.set_xticklabels([str(y) for y in view.years])
    _bold_tick(ax, str(view.tahun))
    ax.set_xlim(-0.6, len(xs) - 0.4)
    rupiah_axis(ax, "y", 1e9, "Pagu indikatif (miliar rupiah)")
    top = max(totals) if totals else 0
    step = 2e9 if top > 8e9 else 1e9 if top > 3e9 else 0.5e9
    ax.yaxis.set_major_locator(MultipleLocator(step))
    if step < 1e9:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _p: format_number(x / 1e9, 1)))
    ax.set_ylim(0, top * 1.1 if top else 1)
    ax.set_xlabel("Tahun rencana")
    ax.set_title(f"Pagu indikatif per program, {view.span}\n(angka di atas batang: {TOTAL_LABEL} dalam miliar "
                 f"rupiah; latar kuning: tahun laporan {view.tahun})", loc="left")
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False,
              title="Program (urutan tumpukan dari atas)", title_fontsize=8.5, labelspacing=0.9)
    ax.grid(axis="x", visible=False)
    fig.subplots_adjust(left=0.07, right=0.64, bottom=0.1, top=0.88)
    return Figure(fig, "4-1-pagu-program", caption=f"Pagu indikatif per program, {view.span} (Tabel 4.1, dihitung "
                  "ulang)", alt=program_alt(view))


def share_alt(view: PlanView) -> str:
    g = bidang_frame(view)
    parts = g[g["kode"] != TOTAL_ROW]
    period = join_list([f"{r.short} {format_percent(r.porsi_akhir)}" for r in parts.itertuples()])
    year = join_list([f"{r.short} {format_percent(getattr(r, col('porsi', view.tahun)))}" for r in parts.itertuples()])
    return (f"Diagram batang 100 persen porsi bidang urusan dalam pagu indikatif per tahun {view.span} dan untuk "
            f"seluruh periode. Periode {view.span}: {period}. Tahun laporan {view.tahun} (disorot): {year}.")


def share_chart(view: Optional[PlanView]) -> Optional[Figure]:
    """100 % stacked bars: share of each bidang urusan in the pagu per year and for the period."""
    if view is None:
        return None
    import matplotlib.pyplot as plt

    _quiet()
    g = bidang_frame(view)
    parts = g[g["kode"] != TOTAL_ROW]
    labels = [str(y) for y in view.years] + [f"{view.span}\n(periode)"]
    xs = list(range(len(view.years))) + [len(view.years) + 0.4]
    fig, ax = plt.subplots(figsize=(11, 5.6))
    bottom = [0.0] * len(xs)
    for k, r in enumerate(parts.itertuples()):
        values = [as_number(getattr(r, col("porsi", y))) or 0.0 for y in view.years] + [as_number(r.porsi_akhir) or 0.0]
        ax.bar(xs, values, bottom=bottom, width=0.6, color=STACK_COLORS[k % len(STACK_COLORS)],
               hatch=HATCHES[k % len(HATCHES)], edgecolor="#333", linewidth=0.5, zorder=2,
               label=plain(f"{r.short} ({r.kode})" + ("" if r.short == r.bidang else f": {r.bidang}")))
        for x, v, b in zip(xs, values, bottom):
            if v > 0:
                ax.text(x, b + v / 2, format_number(v, 2) + "%", ha="center", va="center", fontsize=8.5,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9), zorder=3)
        bottom = [b + v for b, v in zip(bottom, values)]
    _highlight_year(ax, xs[view.years.index(view.tahun)], 0.6)
    ax.set_xticks(xs)
    ax.set_xticklabels(labels)
    _bold_tick(ax, str(view.tahun))
    ax.set_xlim(-0.6, xs[-1] + 0.6)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(id_formatter(0))
    ax.set_ylabel("Porsi dari total pagu (%)")
    ax.set_xlabel("Tahun rencana")
    ax.set_title(f"Porsi bidang urusan dalam pagu indikatif, per tahun dan periode {view.span}\n(latar kuning: "
                 f"tahun laporan {view.tahun})", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=9, frameon=False)
    ax.grid(axis="x", visible=False)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.27, top=0.87)
    return Figure(fig, "4-1-porsi-bidang-urusan", caption=f"Porsi bidang urusan dalam pagu indikatif, {view.span} "
                  "(Tabel 4.1, dihitung ulang)", alt=share_alt(view))
