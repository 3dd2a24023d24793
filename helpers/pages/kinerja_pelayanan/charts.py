"""The charts of the performance page, each a :class:`Figure` with an Indonesian alt text.

Small multiples (one panel per series, each with its own y-scale and unit) for the IKU, PPKS
and Tabel 2.3.4; AKIP grades on an ordinal axis (AA at the top); a gap in a line is a year
without data. Colours, markers and hatches come from :mod:`helpers.present.style`; text from
data goes through :func:`helpers.present.plain`. Each function returns None when its view has
no data to draw.
"""
from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from typing import Optional

from helpers.core import compute
from helpers.core.kinerja import POLARITY_LABELS, Trend, format_in_unit, unit_decimals
from helpers.core.numbers import format_number
from helpers.core.text import is_na, join_list, wrap
from helpers.core.years import year_span
from helpers.pages.kinerja_pelayanan.views import IkuView, KinerjaData, PpksView
from helpers.present import HATCHES, MARKERS, PALETTE, Figure, id_formatter, plain, tight_layout_when_drawn

#: Number of PPKS types in the "top" chart.
TOP_N = 8
FIGURE_NAMES = {"iku": "2-3-1-iku-tren", "ppks": "2-3-2-ppks-per-jenis", "ppks_top": "2-3-2-ppks-terbanyak",
                "kinerja": "2-3-4-target-realisasi"}
UNIT_AXIS_LABELS = {"jiwa": "jiwa", "%": "persen (%)", "rasio": "per 100.000 penduduk", None: "predikat AKIP"}
#: Lines, bar edges and notes inside panels.
INK = PALETTE[7]


@contextmanager
def _quiet():
    """Matplotlib's layout warnings stay out of the page (they would reach stderr)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")
        yield


def _plot_series(ax, years, values, *, color, marker, label=None, linestyle="-", filled=True, annotate=True,
                 decimals=2, grade=False, offset=6, boxed=True):
    """Plot one series with gaps at missing years; annotate each point with its formatted value."""
    xs = list(years)
    ys = [None if is_na(v) else (-compute.akip_rank(v) if grade else float(v)) for v in values]
    ax.plot(xs, [math.nan if y is None else y for y in ys], linestyle=linestyle, color=color, marker=marker,
            markersize=6, linewidth=1.8, markerfacecolor=color if filled else ax.get_facecolor(),
            markeredgecolor=color, label=label)
    if annotate:
        for x, y, v in zip(xs, ys, values):
            if y is None:
                continue
            ax.annotate(plain(v) if grade else format_number(v, decimals), (x, y), textcoords="offset points",
                        xytext=(0, offset), ha="center", fontsize=7.5, color=color,
                        bbox=dict(boxstyle="square,pad=0.1", fc=ax.get_facecolor(), ec="none", alpha=0.75)
                        if boxed else None)


def _grade_axis(ax):
    grades = [g for g, _ in compute.AKIP_BANDS]
    ax.set_yticks([-i for i in range(len(grades))])
    ax.set_yticklabels(grades)
    ax.set_ylim(-(len(grades) - 1) - 0.5, 0.5)


def _year_axis(ax, years):
    ax.set_xticks(list(years))
    ax.set_xticklabels([str(y) for y in years])
    if len(years) == 1:
        ax.set_xlim(years[0] - 1, years[0] + 1)
    else:
        ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)


def _headroom(ax, integer: bool = False, zero: bool = False, nbins="auto"):
    """Room above the highest point for its label. The axis starts at 0 unless all values lie in the
    upper half of the range (e.g. poverty 10,9–12,4 %), where a zero base would flatten the movement;
    ``zero=True`` always starts at 0 (counts of people)."""
    from matplotlib.ticker import MaxNLocator

    lows, highs = [], []
    for line in ax.get_lines():
        ys = [float(y) for y in line.get_ydata() if not math.isnan(float(y))]
        if ys:
            lows.append(min(ys))
            highs.append(max(ys))
    if not highs:
        return
    low, high = min(lows), max(highs)
    if not zero and low > 0.5 * high and high > low:
        pad = (high - low) * 0.2
        ax.set_ylim(low - pad, high + pad * 1.6)
    else:
        ax.set_ylim(min(0.0, low), (high if high > 0 else 1.0) * 1.15)
    if integer or nbins != "auto":
        ax.yaxis.set_major_locator(MaxNLocator(nbins=nbins, integer=integer))


def _panel_title(label: str, polarity: str) -> str:
    return plain(wrap(label, 38)) + f"\n({POLARITY_LABELS[polarity]})"


def _series_alt(trend: Trend) -> str:
    if not trend.points:
        return f"{trend.label}: tidak ada data"
    (y0, v0), (y1, v1) = trend.first, trend.last
    if y0 == y1:
        return f"{trend.label}: hanya {format_in_unit(v0, trend.satuan)} ({y0})"
    return f"{trend.label}: {format_in_unit(v0, trend.satuan)} ({y0}) menjadi {format_in_unit(v1, trend.satuan)} ({y1})"


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1
# --------------------------------------------------------------------------------------------


def iku_chart(view: Optional[IkuView]) -> Optional[Figure]:
    """Small multiples, one panel per IKU with its own y-scale and unit; AKIP on an ordinal axis. The
    plan years with imported realisation continue the linked IKU; a new IKU of the plan has its own panel."""
    if view is None or not view.years:
        return None
    import matplotlib.pyplot as plt

    trends, years = view.plan_trends, view.all_years
    with _quiet():
        cols = 3
        rows = max(1, math.ceil(len(trends) / cols))
        fig, axes = plt.subplots(rows, cols, figsize=(13, 3.9 * rows), squeeze=False)
        for k, (ax, t) in enumerate(zip(axes.flat, trends)):
            _plot_series(ax, t.years, t.values, color=PALETTE[k % len(PALETTE)], marker=MARKERS[k % len(MARKERS)],
                         grade=t.is_grade, decimals=unit_decimals(t.satuan))
            _year_axis(ax, t.years)
            if t.is_grade:
                _grade_axis(ax)
            else:
                ax.yaxis.set_major_formatter(id_formatter(0 if t.satuan == "jiwa" else 1))
                _headroom(ax)
            ax.set_title(_panel_title(t.label, t.polarity), fontsize=9.5)
            ax.set_ylabel(plain(UNIT_AXIS_LABELS.get(t.satuan, t.satuan or "")))
            ax.set_xlabel("Tahun")
            if not t.points:
                ax.text(0.5, 0.5, "tidak ada data", transform=ax.transAxes, ha="center", va="center")
        for ax in list(axes.flat)[len(trends):]:
            ax.set_visible(False)
        title = (f"Realisasi Indikator Kinerja Utama {year_span(years)} (satu panel per indikator, "
                 "skala sumbu-y masing-masing)")
        fig.suptitle(title, fontsize=12, fontweight="bold")
        tight_layout_when_drawn(fig)
    alt = (f"Grafik garis {len(trends)} panel, satu per Indikator Kinerja Utama, tahun {year_span(years)}; "
           "titik yang terputus berarti tidak ada data. " + "; ".join(_series_alt(t) for t in trends) + ".")
    return Figure(fig, FIGURE_NAMES["iku"], caption=title, alt=alt)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2
# --------------------------------------------------------------------------------------------


#: Panels of the PPKS small multiples: the Total, the largest jenis, and the rest summed as "lainnya"
#: (at most about twelve panels in one figure).
PPKS_PANELS = 12


def ppks_panels(view: PpksView, n: int = PPKS_PANELS) -> list[tuple[str, list]]:
    """``(title, values per shown year)``: Total, the ``n - 2`` largest jenis of the last shown year,
    and "Lainnya (k jenis)" with the sum of the others ("-" is nihil, so a sum is always defined)."""
    ppks, years = view.data, view.years
    wide = ppks.wide
    last = years[-1]
    order = wide.assign(_last=wide[last].astype("Float64").fillna(0)).sort_values(["_last", "no"],
                                                                               ascending=[False, True])
    top, rest = order.head(n - 2), order.iloc[n - 2:]
    panels = [("Total (hitung ulang)", [ppks.totals.get(y) for y in years])]
    panels += [(f"{int(r['no'])}. {r['jenis']}", [r[y] for y in years]) for _, r in top.iterrows()]
    if len(rest):
        panels.append((f"Lainnya ({len(rest)} jenis)",
                       [None if rest[y].isna().all() else float(rest[y].sum()) for y in years]))
    return panels


def ppks_chart(view: Optional[PpksView]) -> Optional[Figure]:
    """Small multiples on linear scales: Total, the largest jenis of the last shown year, the rest as
    "lainnya" (at most :data:`PPKS_PANELS` panels)."""
    if view is None or not view.years:
        return None
    import matplotlib.pyplot as plt

    ppks, years = view.data, view.years
    panels = ppks_panels(view)
    with _quiet():
        cols = 4
        rows = math.ceil(len(panels) / cols)
        height = 2.7 * rows
        fig, axes = plt.subplots(rows, cols, figsize=(14, height), squeeze=False)
        last_in_column = {c: max(k for k in range(len(panels)) if k % cols == c) for c in range(min(cols, len(panels)))}
        for k, (ax, (title, values)) in enumerate(zip(axes.flat, panels)):
            _plot_series(ax, years, values, color=INK if k == 0 else PALETTE[0], marker=MARKERS[0] if k else MARKERS[1],
                         decimals=0, annotate=len(years) <= 6, offset=5, boxed=False)
            _year_axis(ax, years)
            ax.tick_params(labelsize=7.5)
            if k != last_in_column[k % cols]:
                ax.tick_params(labelbottom=False)  # years are labelled once per column (the panels share them)
            ax.yaxis.set_major_formatter(id_formatter(0))
            _headroom(ax, integer=True, zero=True, nbins=4)
            ax.set_title(plain(wrap(title, 34)), fontsize=8.5, fontweight="bold" if k == 0 else "normal")
            if k % cols == 0:
                ax.set_ylabel("jiwa", fontsize=8)
        for ax in list(axes.flat)[len(panels):]:
            ax.set_visible(False)
        suptitle = (f"Perkembangan PPKS {year_span(years)}: Total, {len(panels) - 2} jenis terbanyak tahun "
                    f"{years[-1]} dan jenis lainnya (skala sumbu-y masing-masing panel)")
        fig.suptitle(suptitle, fontsize=12, fontweight="bold", y=1 - 0.15 / height)
        fig.subplots_adjust(left=0.06, right=0.99, bottom=0.6 / height, top=1 - 1.0 / height, hspace=0.55,
                            wspace=0.28)
    total = view.facts.total_trend
    alt = (f"Grafik garis {len(panels)} panel: Total PPKS hasil hitung ulang, {len(panels) - 2} jenis terbanyak "
           f"tahun {years[-1]} dan jenis lainnya dijumlahkan, tahun {year_span(years)}, skala sumbu-y masing-masing. "
           f"{_series_alt(total)}.")
    return Figure(fig, FIGURE_NAMES["ppks"], caption=suptitle, alt=alt)


def ppks_top_chart(view: Optional[PpksView], n: int = TOP_N) -> Optional[Figure]:
    """Horizontal bars on a linear scale: the ``n`` largest jenis of the last shown year (and the
    first shown year beside them), the other jenis summed as "lainnya"; value labels."""
    if view is None or not view.years:
        return None
    wide, years = view.data.wide, view.years
    y0, y1 = years[0], years[-1]
    ranked = wide[wide[y1].notna() & (wide[y1] > 0)].sort_values(y1, ascending=False)
    if ranked.empty:
        return None
    import matplotlib.pyplot as plt

    top = ranked.head(n)
    rest = wide.drop(index=top.index)
    rows = [(str(j), top.at[i, y1], top.at[i, y0]) for i, j in zip(top.index, top["jenis"])]
    if len(rest):
        rows.append((f"Lainnya ({len(rest)} jenis)", float(rest[y1].fillna(0).sum()), float(rest[y0].fillna(0).sum())))
    rows = rows[::-1]
    with _quiet():
        fig, ax = plt.subplots(figsize=(11, 0.62 * len(rows) + 1.6))
        positions = range(len(rows))
        h = 0.38 if y0 != y1 else 0.6
        series = [(y1, 1, PALETTE[0], HATCHES[0], 0)] + ([(y0, 2, PALETTE[1], HATCHES[1], h)] if y0 != y1 else [])
        high = max(float(v) for r in rows for v in r[1:] if not is_na(v))
        for year, k, color, hatch, shift in series:
            vals = [None if is_na(r[k]) else float(r[k]) for r in rows]
            ys = [p - shift for p in positions]
            ax.barh(ys, [v or 0 for v in vals], height=h, color=color, hatch=hatch, edgecolor=INK,
                    linewidth=0.5, label=str(year))
            for yy, v in zip(ys, vals):
                ax.text((v or 0) + high * 0.01, yy, format_number(v, 0) if v is not None else "NA", va="center",
                        fontsize=8)
        ax.set_yticks([p - (h / 2 if y0 != y1 else 0) for p in positions])
        ax.set_yticklabels([plain(wrap(r[0], 45)) for r in rows], fontsize=8.5)
        ax.xaxis.set_major_formatter(id_formatter(0))
        ax.set_xlim(0, high * 1.15)
        ax.set_xlabel("Jumlah (jiwa)")
        title = f"{len(top)} Jenis PPKS Terbanyak Tahun {y1}" + (f", dibandingkan {y0}" if y0 != y1 else "")
        ax.set_title(title)
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], title="Tahun", loc="lower right", fontsize=8)
        tight_layout_when_drawn(fig)
    items = [f"{j} {format_number(a, 0)}" + (f" (pada {y0}: {format_number(b, 0)})" if y0 != y1 else "")
             for j, a, b in rows[::-1]]
    alt = (f"Diagram batang mendatar, skala linear: {len(top)} jenis PPKS terbanyak tahun {y1}"
           + (f" dibandingkan {y0}" if y0 != y1 else "") + " dan jenis lainnya dijumlahkan, dalam jiwa: "
           + join_list(items) + ".")
    return Figure(fig, FIGURE_NAMES["ppks_top"], caption=title, alt=alt)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4
# --------------------------------------------------------------------------------------------


def kinerja_chart(data: Optional[KinerjaData]) -> Optional[Figure]:
    """Small multiples: target (dashed, hollow) vs realisasi (solid) per indicator, own y-scale;
    AKIP on an ordinal grade axis; printed zeros without data (``tanpa_data``) left out."""
    if data is None or not data.years:
        return None
    import matplotlib.pyplot as plt

    groups = list(data.long.groupby("no", sort=True))
    years = data.years
    summaries = []
    with _quiet():
        cols = 3
        rows = max(1, math.ceil(len(groups) / cols))
        fig, axes = plt.subplots(rows, cols, figsize=(13, 3.9 * rows), squeeze=False)
        for ax, (no, g) in zip(axes.flat, groups):
            g = g.set_index("tahun").reindex(years)
            grade = any(isinstance(v, str) for v in list(g["target"]) + list(g["realisasi"]))
            satuan = g["satuan"].dropna().iloc[0] if g["satuan"].notna().any() else None
            dec = unit_decimals(satuan)
            real = [None if t is True else v for v, t in zip(g["realisasi"], g["tanpa_data"])]
            _plot_series(ax, years, list(g["target"]), color=PALETTE[1], marker=MARKERS[1], linestyle="--",
                         filled=False, label="Target", grade=grade, decimals=dec, offset=-12)
            _plot_series(ax, years, real, color=PALETTE[0], marker=MARKERS[0], label="Realisasi", grade=grade,
                         decimals=dec, offset=6)
            _year_axis(ax, years)
            if grade:
                _grade_axis(ax)
            else:
                ax.yaxis.set_major_formatter(id_formatter(0 if satuan == "jiwa" else 1))
                _headroom(ax)
            label = g["indikator"].dropna().iloc[0]
            ax.set_title(_panel_title(label, g["polaritas"].dropna().iloc[0]), fontsize=9.5)
            ax.set_ylabel(plain(UNIT_AXIS_LABELS.get(satuan, satuan or "")))
            ax.set_xlabel("Tahun")
            ax.legend(fontsize=7.5, loc="best")
            summaries.append(_target_alt(label, years[-1], g.loc[years[-1]], satuan))
        for ax in list(axes.flat)[len(groups):]:
            ax.set_visible(False)
        title = (f"Target dan Realisasi Kinerja Pelayanan {year_span(years)} (realisasi 0 yang di Tabel 2.3.1 "
                 "tercatat NA tidak digambar)")
        fig.suptitle(title, fontsize=12, fontweight="bold")
        tight_layout_when_drawn(fig)
    alt = (f"Grafik garis {len(groups)} panel, satu per indikator kinerja, tahun {year_span(years)}: target "
           "(garis putus-putus, penanda kosong) dan realisasi (garis penuh). " + "; ".join(summaries) + ".")
    return Figure(fig, FIGURE_NAMES["kinerja"], caption=title, alt=alt)


def _target_alt(label: str, year: int, row, satuan) -> str:
    flag = row["tanpa_data"]
    real = None if not is_na(flag) and bool(flag) else row["realisasi"]
    if is_na(real) and is_na(row["target"]):
        return f"{label} {year}: tidak ada data"
    target = "-" if is_na(row["target"]) else format_in_unit(row["target"], satuan)
    shown = "-" if is_na(real) else format_in_unit(real, satuan)
    return f"{label} {year}: realisasi {shown}, target {target}"


__all__ = ["FIGURE_NAMES", "PPKS_PANELS", "TOP_N", "ppks_panels", "iku_chart", "kinerja_chart", "ppks_chart", "ppks_top_chart"]
