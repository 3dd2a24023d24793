"""Page texts and draft narratives (Markdown) of the performance page.

Every number a narrative states is a number shown in a table of the page (or a difference or
share of such numbers); data text goes through :func:`helpers.present.markdown_escape`. The
claim checks come from :mod:`helpers.core.claims`. Each ``*_narrative`` returns the draft's
heading and its :class:`Narrative` (``narasi/<id>.md``), or None when there is nothing to say
about (the table is absent or has no year before ``tahun``).
"""
from __future__ import annotations

from typing import Optional, Sequence

from helpers.core import claims
from helpers.core.audit import printed_decimals
from helpers.core.claims import ClaimCheck, step_text
from helpers.core.data import has_table, load
from helpers.core.kinerja import (IKU, KINERJA, MIN_BASE_FOR_PERCENT, POLARITY_LABELS, PPKS, SPM, Mover, Trend,
                                  format_in_unit, unit_decimals)
from helpers.core.numbers import MISSING_DISPLAY, format_number, format_percent
from helpers.core.opd import Opd
from helpers.core.text import is_na, join_list
from helpers.core.years import shown_years, year_runs, year_span
from helpers.pages.kinerja_pelayanan.tables import misprint_note, spm_frame, zero_text
from helpers.pages.kinerja_pelayanan.views import IkuView, KinerjaData, PpksView, SpmView
from helpers.present import Narrative, markdown_escape

DRAFT_HEADING = "### Draf narasi (untuk direvisi)"
NARRATIVE_IDS = {IKU: "2-3-1-iku", PPKS: "2-3-2-ppks", SPM: "2-3-3-spm", KINERJA: "2-3-4-kinerja"}

VIOLENCE_CAVEAT = ("Catatan: kenaikan rasio kekerasan dapat juga mencerminkan pelaporan yang lebih "
                   "lengkap (kasus yang sebelumnya tidak tercatat), bukan semata bertambahnya kekerasan.")


def _draft(table_id: str, text: Optional[str]) -> Optional[list]:
    return None if text is None else [DRAFT_HEADING, Narrative(NARRATIVE_IDS[table_id], text)]


# --------------------------------------------------------------------------------------------
# Page texts
# --------------------------------------------------------------------------------------------


def intro(opd: Opd) -> str:
    """The page's opening paragraph, naming the office from ``opd.yaml``."""
    return (f"Halaman ini menyajikan kinerja pelayanan {markdown_escape(opd.lengkap)}: capaian Indikator Kinerja "
            "Utama (Tabel 2.3.1), perkembangan data PPKS (Tabel 2.3.2), jenis-jenis pelayanan sosial, capaian SPM "
            "bidang sosial (Tabel 2.3.3) dan pencapaian kinerja pelayanan (Tabel 2.3.4), dengan grafik tren dan "
            "draf narasi.")


def years_statement(tahun: int, data_dir=None, page_years: Sequence[int] = ()) -> str:
    """Markdown sentence stating which years each table of the page shows for ``tahun``."""
    parts = []
    for table_id, label in ((IKU, "Tabel 2.3.1"), (PPKS, "Tabel 2.3.2"), (SPM, "Tabel 2.3.3"),
                            (KINERJA, "Tabel 2.3.4")):
        if not has_table(table_id, data_dir):
            parts.append(f"{label}: tidak tersedia dalam data")
            continue
        years = shown_years(load(table_id, data_dir)["tahun"], tahun)
        parts.append(f"{label}: {year_span(years) if years else 'belum ada data sebelum ' + str(tahun)}")
    valid = f" Halaman riwayat ini berlaku untuk `tahun` {year_span(page_years)}." if page_years else ""
    return (f"**Tahun laporan `tahun` = {tahun}.**{valid} Data yang ditampilkan (tahun terakhir yang tersedia "
            f"sebelum {tahun}): " + "; ".join(parts) + ".")


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1
# --------------------------------------------------------------------------------------------


def _v(trend: Trend, value) -> str:
    return format_in_unit(value, trend.satuan)


def change_text(trend: Trend) -> str:
    """``berkurang 1,20 poin persen``, ``bertambah 170 jiwa (170,00%)``."""
    change = trend.change
    word = "bertambah" if change > 0 else "berkurang"
    if trend.satuan == "%":
        return f"{word} {format_number(abs(change), 2)} poin persen"
    amount = format_number(abs(change), unit_decimals(trend.satuan))
    if trend.satuan == "jiwa":
        amount += " jiwa"
    pct = trend.change_percent
    return f"{word} {amount}" + (f" ({format_percent(abs(pct))})" if pct is not None else "")


def trend_sentence(trend: Trend) -> str:
    """One Markdown bullet on a series: direction and size of change first → last, polarity,
    the years that break the trend and the years without data."""
    name = f"**{markdown_escape(trend.label)}** ({POLARITY_LABELS[trend.polarity]})"
    pts = trend.points
    missing = trend.missing_years
    miss_text = f" Tidak ada data (NA) untuk {year_runs(missing)}." if missing else ""
    if not pts:
        return f"- {name}: tidak ada data pada tahun yang ditampilkan."
    if len(pts) == 1:
        return f"- {name}: hanya ada data {pts[0][0]} ({_v(trend, pts[0][1])}).{miss_text}"
    (y0, v0), (y1, v1) = trend.first, trend.last
    d, ev = trend.direction, trend.evaluation
    if trend.is_grade:
        changes = [s for s in trend.steps if s.direction != "tetap"]
        if d == "tetap" or not changes:
            body = f"tetap {v1} dari {y0} sampai {y1}"
        elif len(changes) == 1:
            c = changes[0]
            body = f"{d} dari {v0} ({y0}) menjadi {c.value_to} ({c.year_to})"
            if c.year_to < y1:
                body += f", lalu tetap {v1} sampai {y1}"
        else:
            body = (f"{d} dari {v0} ({y0}) menjadi {v1} ({y1}); perubahan predikat: "
                    + "; ".join(f"{s.year_to} {s.value_from} → {s.value_to}" for s in changes))
        text = f"- {name}: {body} — {ev}."
    elif d == "tetap":
        text = f"- {name}: tetap {_v(trend, v1)} dari {y0} sampai {y1}."
    else:
        text = (f"- {name}: {d} dari {_v(trend, v0)} ({y0}) menjadi {_v(trend, v1)} ({y1}), "
                f"{change_text(trend)} — {ev}.")
    if trend.breaks:
        text += " Arah ini berbalik pada " + "; ".join(step_text(trend, s) for s in trend.breaks) + "."
    text += miss_text
    if trend.satuan == "rasio" and trend.polarity == "turun" and d is not None:
        text += " " + VIOLENCE_CAVEAT
    return text


def claims_markdown(checks: Sequence[ClaimCheck]) -> str:
    """Markdown bullets: the claim as quoted, the verdict in bold, the evidence."""
    return "\n".join(f"- “{markdown_escape(c.claim.text)}” — **{c.status}**. {markdown_escape(c.evidence)}"
                     for c in checks)


def iku_narrative_text(view: IkuView) -> str:
    """Draft narrative for Tabel 2.3.1: one bullet per IKU, then the check of the document's claims."""
    lines = [f"Realisasi {len(view.trends)} Indikator Kinerja Utama tahun {year_span(view.years)}, "
             "dibandingkan tahun pertama dan terakhir yang memiliki data:", ""]
    lines += [trend_sentence(t) for t in view.trends]
    if view.checks:
        counts = {s: sum(c.status == s for c in view.checks) for s in claims.STATUSES}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        lines += ["", f"Pemeriksaan narasi dokumen di bawah Tabel 2.3.1 terhadap data ({summary}):", "",
                  claims_markdown(view.checks)]
    return "\n".join(lines)


def iku_narrative(view: Optional[IkuView]) -> Optional[list]:
    return _draft(IKU, iku_narrative_text(view) if view is not None and view.years else None)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2
# --------------------------------------------------------------------------------------------


def _mover_text(m: Mover, with_pct: bool = True) -> str:
    word = "naik" if m.change > 0 else "turun"
    pct = f", {format_percent(abs(m.percent))}" if with_pct and m.percent is not None else ""
    return (f"{markdown_escape(m.jenis)} ({word} {format_number(abs(m.change), 0)} jiwa{pct}: "
            f"{format_number(m.first, 0)} → {format_number(m.last, 0)})")


def ppks_narrative_text(view: PpksView) -> str:
    """Draft narrative for Tabel 2.3.2: Total first → last, years that rose, largest movers,
    jenis against the trend, and the check of the document's "tren penurunan" claim."""
    facts = view.facts
    t = facts.total_trend
    if not t.points:
        return "Tidak ada data PPKS pada tahun yang ditampilkan."
    (y0, v0), (y1, v1) = t.first, t.last
    if len(t.points) == 1:
        return f"Jumlah PPKS tahun {y0} (hasil hitung ulang): {format_number(v0, 0)} jiwa. Belum ada tahun pembanding."
    lines = [f"Jumlah PPKS (Total hasil hitung ulang) {t.direction} dari {format_number(v0, 0)} jiwa ({y0}) "
             f"menjadi {format_number(v1, 0)} jiwa ({y1}), {change_text(t)}."]
    ups = [s for s in t.steps if s.direction == "naik"]
    downs = [s for s in t.steps if s.direction == "turun"]
    if ups and downs:
        lines.append("Perubahan tahunan tidak searah: naik pada " + join_list(
            f"{s.year_to} (+{format_number(s.value_to - s.value_from, 0)})" for s in ups) + "; turun pada " + join_list(
            f"{s.year_to} (−{format_number(s.value_from - s.value_to, 0)})" for s in downs) + ".")
    if facts.largest_share:
        jenis, value, share = facts.largest_share
        follows = ("hampir sepenuhnya" if share >= 90 else "terutama") if share >= 50 else None
        text = (f"Jenis terbesar pada {y1} adalah {markdown_escape(jenis)}: {format_number(value, 0)} jiwa atau "
                f"{format_percent(share)} dari Total")
        lines.append(text + (f", sehingga arah Total {follows} mengikuti jenis ini." if follows else "."))
    top_abs = facts.top_absolute()
    if top_abs:
        lines.append(f"Perubahan absolut terbesar {y0}→{y1}: " + "; ".join(_mover_text(m) for m in top_abs) + ".")
    top_pct = facts.top_percent()
    if top_pct:
        lines.append(f"Perubahan relatif terbesar (jenis dengan sedikitnya {MIN_BASE_FOR_PERCENT} jiwa pada {y0}): "
                     + "; ".join(_mover_text(m) for m in top_pct) + ".")
    against = facts.against_trend()
    if against:
        moved = "naik" if t.direction == "turun" else "turun"
        lines.append(f"Berlawanan dengan arah Total, {len(against)} jenis {moved}: "
                     + "; ".join(_mover_text(m, with_pct=False) for m in against) + ".")
    falling = sum(1 for m in facts.movers if m.change < 0)
    if facts.dropped:
        lines.append(f"Tercatat pada {y0} tetapi nihil (\u201c-\u201d) pada {y1}: "
                     + ", ".join(markdown_escape(j) for j in facts.dropped) + ".")
    if facts.appeared:
        lines.append(f"Nihil pada {y0} tetapi tercatat pada {y1}: "
                     + ", ".join(markdown_escape(j) for j in facts.appeared) + ".")
    c = view.claim
    counted = f"Dari {len(facts.movers)} jenis yang memiliki data pada {y0} dan {y1}, {falling} turun."
    if c is not None:
        lines.append(f"Klaim dokumen “{markdown_escape(c.claim.text)}” — **{c.status}** (diperiksa tahun ke tahun "
                     f"pada Total): {markdown_escape(c.evidence)} {counted}")
    else:
        lines.append(counted)
    lines.append("Catatan: jumlah PPKS mencerminkan pendataan (pemutakhiran DTKS) sama besarnya dengan "
                 "kebutuhan; penurunan tidak otomatis berarti keberhasilan program.")
    return "\n\n".join(lines)


def ppks_narrative(view: Optional[PpksView]) -> Optional[list]:
    return _draft(PPKS, ppks_narrative_text(view) if view is not None and view.years else None)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.3
# --------------------------------------------------------------------------------------------


def spm_narrative_text(view: SpmView) -> str:
    """One paragraph: how many SPM indicators reached 100 % in every shown year."""
    if not view.years:
        return "Belum ada data capaian SPM pada tahun yang ditampilkan."
    frame = spm_frame(view)
    cols = [str(y) for y in view.years]
    full = [r for _, r in frame.iterrows() if all(not is_na(r[c]) and float(r[c]) >= 100 for c in cols)]
    text = (f"Sebanyak {len(full)} dari {len(frame)} indikator SPM bidang sosial tercatat {format_number(100, 0)}% "
            f"pada setiap tahun {year_span(view.years)}.")
    low = [(r["indikator"], c, r[c]) for _, r in frame.iterrows() for c in cols
           if not is_na(r[c]) and float(r[c]) < 100]
    if low:
        text += " Di bawah 100%: " + "; ".join(f"{markdown_escape(i)} {c} ({format_percent(v)})"
                                               for i, c, v in low) + "."
    text += (" Tabel tidak memuat jumlah penerima layanan dan jumlah sasaran (capaian SPM = penerima layanan ÷ "
             "warga yang berhak × 100), sehingga angka 100% tidak dapat diperiksa dari dokumen.")
    return text


def spm_narrative(view: Optional[SpmView]) -> Optional[list]:
    return _draft(SPM, spm_narrative_text(view) if view is not None and view.years else None)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4
# --------------------------------------------------------------------------------------------


def _ratio_text(value) -> str:
    return MISSING_DISPLAY if is_na(value) else format_percent(value)


def audit_text(r) -> str:
    """One misprinted ratio: printed (with its printed decimals) vs recomputed, and the target it used."""
    printed = format_number(r.printed, printed_decimals(r.printed_text, r.printed))
    return (f"Rasio {r.label} {r.tahun} tercetak {printed}, "
            f"sedangkan realisasi ÷ target tahun yang sama × 100 = {format_number(r.recomputed, 2)} "
            f"({misprint_note(r)}).")


def kinerja_narrative_text(data: KinerjaData) -> str:
    """Draft narrative for Tabel 2.3.4: the last shown year by polarity-aware category, the cells where
    the document's ratio reads a worse result as success, printed zeros without data, misprinted ratios."""
    long = data.long
    if long.empty:
        return "Tidak ada data kinerja pada tahun yang ditampilkan."
    y1 = data.years[-1]
    last = long[long["tahun"] == y1]
    reached = [r for r in last.itertuples() if not is_na(r.rasio_polaritas) and r.rasio_polaritas >= 100]
    lines = [f"Capaian {y1} menurut rasio sesuai polaritas: {len(reached)} dari {len(last)} indikator mencapai "
             "atau melampaui target.", ""]
    lines += [f"- {markdown_escape(r.indikator)}: {_ratio_text(r.rasio_polaritas)} — {r.kategori}"
              for r in last.itertuples()]
    misleading = [r for r in long.itertuples() if r.polaritas == "turun" and not r.tanpa_data
                  and not is_na(r.rasio) and r.rasio > 100]
    if misleading:
        lines += ["", f"Pada indikator yang semakin rendah semakin baik, rasio dokumen di atas 100% berarti realisasi "
                  f"melebihi target, yaitu hasil yang lebih buruk ({len(misleading)} sel):", ""]
        lines += [f"- {markdown_escape(r.indikator)} {r.tahun}: realisasi {format_in_unit(r.realisasi, r.satuan)}, "
                  f"target {format_in_unit(r.target, r.satuan)}; rasio dokumen {_ratio_text(r.rasio)}, sesuai "
                  f"polaritas {_ratio_text(r.rasio_polaritas)}" for r in misleading]
        if any(r.satuan == "rasio" for r in misleading):
            lines += ["", VIOLENCE_CAVEAT]
    zero = zero_text(data)
    if zero:
        lines += ["", markdown_escape(zero)]
    if not data.audit.empty:
        lines += ["", "Rasio yang tercetak berbeda dari hasil hitung ulang:", ""]
        lines += ["- " + markdown_escape(audit_text(r)) for r in data.audit.itertuples()]
    return "\n".join(lines)


def kinerja_narrative(data: Optional[KinerjaData]) -> Optional[list]:
    return _draft(KINERJA, kinerja_narrative_text(data) if data is not None and data.years else None)


__all__ = ["DRAFT_HEADING", "NARRATIVE_IDS", "VIOLENCE_CAVEAT", "audit_text", "change_text", "claims_markdown",
           "intro", "iku_narrative", "iku_narrative_text", "kinerja_narrative", "kinerja_narrative_text",
           "ppks_narrative", "ppks_narrative_text", "spm_narrative", "spm_narrative_text", "trend_sentence",
           "years_statement"]
