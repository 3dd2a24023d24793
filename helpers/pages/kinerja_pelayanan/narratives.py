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
from helpers.core.claims import ClaimCheck
from helpers.core.data import has_table, load
from helpers.core.kinerja import (IKU, KINERJA, MIN_BASE_FOR_PERCENT, POLARITY_LABELS, PPKS, SPM, Mover, Trend,
                                  format_in_unit, unit_decimals)
from helpers.core.numbers import MISSING_DISPLAY, format_number, format_percent, number_words
from helpers.core.opd import Opd
from helpers.core.prose import describe_series, percent_points
from helpers.core.text import document_term, is_na, join_list
from helpers.core.years import shown_years, year_runs, year_span
from helpers.pages.kinerja_pelayanan.tables import misprint_note, spm_frame, zero_text
from helpers.pages.kinerja_pelayanan.views import IkuView, KinerjaData, PpksView, SpmView
from helpers.present import Narrative, markdown_escape
from helpers.present.markdown import review_block

DRAFT_HEADING = "### Draf narasi (untuk direvisi)"
NARRATIVE_IDS = {IKU: "2-3-1-iku", PPKS: "2-3-2-ppks", SPM: "2-3-3-spm", KINERJA: "2-3-4-kinerja"}

#: Said once per page, in the IKU draft (Tabel 2.3.4 shows the same violence ratios).
VIOLENCE_CAVEAT = ("Rasio kekerasan dipengaruhi oleh kelengkapan pelaporan kasus; karena itu, kenaikan rasio dapat "
                   "juga mencerminkan kasus yang sebelumnya tidak tercatat kini tercatat, bukan semata bertambahnya "
                   "kekerasan.")


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
    from helpers.core.progress import history_plan_years

    plan = history_plan_years(tahun, data_dir)  # imported plan years shown in 2.3.1, 2.3.3 and 2.3.4
    parts = []
    for table_id, label in ((IKU, "Tabel 2.3.1"), (PPKS, "Tabel 2.3.2"), (SPM, "Tabel 2.3.3"),
                            (KINERJA, "Tabel 2.3.4")):
        if not has_table(table_id, data_dir):
            parts.append(f"{label}: tidak tersedia dalam data")
            continue
        years = list(shown_years(load(table_id, data_dir)["tahun"], tahun))
        if table_id != PPKS:
            years += [y for y in plan if y not in years]
        parts.append(f"{label}: {year_span(years) if years else 'belum ada data sebelum ' + str(tahun)}")
    valid = f" Halaman riwayat ini berlaku untuk tahun laporan {year_span(page_years)}." if page_years else ""
    return (f"**Tahun laporan {tahun}.**{valid} Data yang ditampilkan (tahun terakhir yang tersedia "
            f"sebelum {tahun}): " + "; ".join(parts) + ".")


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1
# --------------------------------------------------------------------------------------------


def _v(trend: Trend, value) -> str:
    return format_in_unit(value, trend.satuan)


def _name(label: object) -> str:
    """An indicator's name as the document means it (``Ratio``/``Rasi`` → ``Rasio``), escaped."""
    return markdown_escape(document_term(label))


def change_text(trend: Trend) -> str:
    """``berkurang 1,20 poin persen``, ``bertambah 170 jiwa (170,00%)``."""
    change = trend.change
    word = "bertambah" if change > 0 else "berkurang"
    return f"{word} {_change_amount(trend)}"


def _change_amount(trend: Trend) -> str:
    """``1,20 poin persen`` (percentages), ``170 jiwa (170,00%)``."""
    change = trend.change
    if trend.satuan == "%":
        return percent_points(change)
    amount = format_number(abs(change), unit_decimals(trend.satuan))
    if trend.satuan == "jiwa":
        amount += " jiwa"
    pct = trend.change_percent
    return amount + (f" ({format_percent(abs(pct))})" if pct is not None else "")


def _is_violence(trend: Trend) -> bool:
    return trend.satuan == "rasio" and trend.polarity == "turun"


def trend_sentence(trend: Trend) -> str:
    """One Markdown bullet on a series, worded by its shape (:func:`helpers.core.prose.describe_series`):
    rising, falling, stable or fluctuating with its turning points, the first-to-last change as a
    second clause, then what the change means given the indicator's polarity, and the years without data."""
    name = f"**{_name(trend.label)}** ({POLARITY_LABELS[trend.polarity]})"
    pts = trend.points
    missing = trend.missing_years
    miss_text = f" Data tahun {year_runs(missing)} tidak tersedia (NA)." if missing else ""
    if not pts:
        return f"- {name} tidak memiliki data pada tahun yang ditampilkan."
    if len(pts) == 1:
        return f"- {name} hanya memiliki data tahun {pts[0][0]}, yaitu {_v(trend, pts[0][1])}.{miss_text}"
    (y0, v0), (y1, v1) = trend.first, trend.last
    ev = trend.evaluation
    if trend.is_grade:
        changes = [st for st in trend.steps if st.direction != "tetap"]
        if not changes:
            body = f"tetap {v1} pada tahun {y0}–{y1}"
        elif len(changes) == 1:
            c = changes[0]
            word = "meningkat" if c.direction == "naik" else "menurun"
            body = f"{word} dari {v0} ({y0}) menjadi {c.value_to} ({c.year_to})"
            if c.year_to < y1:
                body += f", lalu tetap {v1} hingga tahun {y1}"
        else:
            body = (f"berubah dari {v0} ({y0}) menjadi {v1} ({y1}), dengan perubahan predikat "
                    + "; ".join(f"{st.value_from} menjadi {st.value_to} pada tahun {st.year_to}" for st in changes))
        text = f"- {name} {body}" + (f"; kondisinya {ev}." if ev and ev != "tetap" else ".")
    else:
        sentence = describe_series(name, pts, lambda v: _v(trend, v), lambda a, b: _change_amount(trend))
        text = "- " + sentence[:-1] + (f", sehingga kondisinya {ev}." if ev and ev != "tetap" else ".")
    return text + miss_text


def claims_markdown(checks: Sequence[ClaimCheck]) -> str:
    """Markdown bullets: the claim as quoted, the verdict in bold, the evidence."""
    return "\n".join(f"- Klaim dokumen “{markdown_escape(c.claim.text)}”: **{c.status}**. "
                     f"{markdown_escape(c.evidence)}" for c in checks)


def iku_facts(view: IkuView) -> dict:
    """The figures the IKU draft cites: every value of every series, and each first-to-last change."""
    facts = {}
    for t in view.trends:
        label = document_term(t.label)
        for year, value in t.points:
            if not t.is_grade:
                facts[f"{label} {year}"] = float(value)
        if not t.is_grade and len(t.points) >= 2:
            facts[f"{label}: perubahan {t.first[0]}–{t.last[0]}"] = float(t.change)
            if t.change_percent is not None:
                facts[f"{label}: perubahan {t.first[0]}–{t.last[0]} (%)"] = float(t.change_percent)
    return facts


def iku_narrative_text(view: IkuView) -> str:
    """Draft narrative for Tabel 2.3.1: one bullet per IKU worded by the shape of its series, and the
    caveat on violence ratios once."""
    lines = [f"Berikut perkembangan realisasi {number_words(len(view.trends))} Indikator Kinerja Utama (IKU) pada "
             f"tahun {year_span(view.years)}.", ""]
    lines += [trend_sentence(t) for t in view.trends]
    if any(_is_violence(t) and t.direction is not None for t in view.trends):
        lines += ["", VIOLENCE_CAVEAT]
    return "\n".join(lines)


def iku_review(view: Optional[IkuView]) -> Optional[str]:
    """The check of the document's claims under Tabel 2.3.1 (Catatan pemeriksaan, not report text)."""
    if view is None or not view.checks:
        return None
    counts = {s: sum(c.status == s for c in view.checks) for s in claims.STATUSES}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    return review_block([f"Narasi dokumen di bawah Tabel 2.3.1 diperiksa terhadap data ({summary}):"]
                        + claims_markdown(view.checks).splitlines())


def iku_narrative(view: Optional[IkuView]) -> Optional[list]:
    if view is None or not view.years:
        return None
    return [DRAFT_HEADING, Narrative(NARRATIVE_IDS[IKU], iku_narrative_text(view), iku_facts(view)),
            iku_review(view)]


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2
# --------------------------------------------------------------------------------------------


def _mover_text(m: Mover, with_pct: bool = True) -> str:
    word = "naik" if m.change > 0 else "turun"
    pct = f" atau {format_percent(abs(m.percent))}" if with_pct and m.percent is not None else ""
    return (f"{markdown_escape(m.jenis)} ({word} {format_number(abs(m.change), 0)} jiwa{pct}, dari "
            f"{format_number(m.first, 0)} menjadi {format_number(m.last, 0)} jiwa)")


def _jiwa(value) -> str:
    return f"{format_number(value, 0)} jiwa"


def ppks_facts(view: PpksView) -> dict:
    """The figures the PPKS draft cites: the Total of every year, its change, and each named jenis."""
    f = view.facts
    t = f.total_trend
    facts = {f"Jumlah PPKS {y} (jiwa)": float(v) for y, v in t.points}
    if len(t.points) >= 2:
        facts[f"Jumlah PPKS: perubahan {t.first[0]}–{t.last[0]} (jiwa)"] = float(t.change)
        if t.change_percent is not None:
            facts[f"Jumlah PPKS: perubahan {t.first[0]}–{t.last[0]} (%)"] = float(t.change_percent)
    if f.largest_share:
        jenis, value, share = f.largest_share
        facts[f"PPKS {jenis} {t.last[0] if t.points else ''} (jiwa)"] = float(value)
        facts[f"PPKS {jenis}: porsi dari Total (%)"] = float(share)
    for m in list(f.top_absolute()) + list(f.top_percent()) + list(f.against_trend()):
        facts[f"PPKS {m.jenis}: awal"] = float(m.first)
        facts[f"PPKS {m.jenis}: akhir"] = float(m.last)
        facts[f"PPKS {m.jenis}: perubahan"] = float(m.change)
        if m.percent is not None:
            facts[f"PPKS {m.jenis}: perubahan (%)"] = float(m.percent)
    return facts


def ppks_narrative_text(view: PpksView) -> str:
    """Draft narrative for Tabel 2.3.2: the Total by the shape of its series, the largest jenis, the
    largest movers, jenis against the trend, and what the count of PPKS does and does not show."""
    facts = view.facts
    t = facts.total_trend
    if not t.points:
        return "Tidak ada data PPKS pada tahun yang ditampilkan."
    (y0, v0), (y1, v1) = t.first, t.last
    if len(t.points) == 1:
        return (f"Jumlah PPKS pada tahun {y0} (hasil hitung ulang) sebanyak {_jiwa(v0)}. Belum ada tahun "
                "pembanding.")
    lines = [describe_series("Jumlah PPKS (hasil hitung ulang dari angka per jenis)", t.points, _jiwa,
                             lambda a, b: _change_amount(t))]
    if facts.largest_share:
        jenis, value, share = facts.largest_share
        follows = ("hampir sepenuhnya" if share >= 90 else "terutama") if share >= 50 else None
        text = (f"Jenis PPKS terbesar pada tahun {y1} adalah {markdown_escape(jenis)}, yaitu {_jiwa(value)} atau "
                f"{format_percent(share)} dari jumlah PPKS")
        lines.append(text + (f", sehingga arah jumlah PPKS {follows} mengikuti jenis ini." if follows else "."))
    top_abs = facts.top_absolute()
    if top_abs:
        lines.append(f"Perubahan absolut terbesar pada tahun {y0}–{y1} terjadi pada "
                     + join_list([_mover_text(m) for m in top_abs]) + ".")
    top_pct = facts.top_percent()
    if top_pct:
        lines.append(f"Perubahan relatif terbesar, di antara jenis yang berjumlah sedikitnya {MIN_BASE_FOR_PERCENT} "
                     f"jiwa pada tahun {y0}, terjadi pada " + join_list([_mover_text(m) for m in top_pct]) + ".")
    against = facts.against_trend()
    if against:
        moved = "naik" if t.direction == "turun" else "turun"
        lines.append(f"Berlawanan dengan arah jumlah PPKS, sebanyak {number_words(len(against))} jenis justru {moved}, "
                     "yaitu " + join_list([_mover_text(m, with_pct=False) for m in against]) + ".")
    if facts.dropped:
        lines.append(f"Jenis yang tercatat pada tahun {y0} tetapi nihil pada tahun {y1} adalah "
                     + join_list([markdown_escape(j) for j in facts.dropped]) + ".")
    if facts.appeared:
        lines.append(f"Sebaliknya, {join_list([markdown_escape(j) for j in facts.appeared])} nihil pada tahun {y0} "
                     f"tetapi tercatat pada tahun {y1}.")
    lines.append(PPKS_CAVEAT)
    return "\n\n".join(lines)


#: What the count of PPKS shows and does not show (the tone the planners asked for; once per page).
PPKS_CAVEAT = ("Jumlah PPKS dipengaruhi oleh hasil pemutakhiran DTKS, tidak hanya oleh kebutuhan riil; karena itu, "
               "penurunan jumlah PPKS belum tentu menunjukkan keberhasilan program.")


def ppks_review(view: Optional[PpksView]) -> Optional[str]:
    """The check of the document's claim on PPKS (Catatan pemeriksaan)."""
    if view is None or not view.years or view.claim is None or not view.facts.total_trend.points:
        return None
    facts, c = view.facts, view.claim
    t = facts.total_trend
    falling = sum(1 for m in facts.movers if m.change < 0)
    return review_block([f"Klaim dokumen “{markdown_escape(c.claim.text)}”: **{c.status}** (diperiksa tahun "
                         f"ke tahun pada jumlah PPKS). {markdown_escape(c.evidence)}",
                         f"Dari {len(facts.movers)} jenis yang memiliki data pada tahun {t.first[0]} dan "
                         f"{t.last[0]}, sebanyak {falling} jenis turun."])


def ppks_narrative(view: Optional[PpksView]) -> Optional[list]:
    if view is None or not view.years:
        return None
    return [DRAFT_HEADING, Narrative(NARRATIVE_IDS[PPKS], ppks_narrative_text(view), ppks_facts(view)),
            ppks_review(view)]


# --------------------------------------------------------------------------------------------
# Tabel 2.3.3
# --------------------------------------------------------------------------------------------


def spm_narrative_text(view: SpmView) -> str:
    """One paragraph: how many SPM indicators reached 100 % in every shown year, and which did not."""
    if not view.years:
        return "Belum ada data capaian SPM pada tahun yang ditampilkan."
    frame = spm_frame(view)
    cols = [str(y) for y in view.years]
    full = [r for _, r in frame.iterrows() if all(not is_na(r[c]) and float(r[c]) >= 100 for c in cols)]
    span = year_span(view.years)
    if len(full) == len(frame):
        text = (f"Seluruh indikator SPM bidang sosial ({number_words(len(frame))} indikator) tercatat "
                f"{format_percent(100, 0)} pada setiap tahun dalam periode {span}.")
    else:
        text = (f"Sebanyak {number_words(len(full))} dari {number_words(len(frame))} indikator SPM bidang sosial "
                f"tercatat {format_percent(100, 0)} pada setiap tahun dalam periode {span}.")
    low = [(r["indikator"], c, r[c]) for _, r in frame.iterrows() for c in cols
           if not is_na(r[c]) and float(r[c]) < 100]
    if low:
        text += " Capaian di bawah 100% terdapat pada " + join_list(
            [f"{markdown_escape(i)} tahun {c} ({format_percent(v)})" for i, c, v in low]) + "."
    return text


def spm_facts(view: SpmView) -> dict:
    """Every capaian of the shown years (the draft cites those below 100 %)."""
    frame = spm_frame(view)
    return {f"Capaian SPM {r['indikator']} {c}": float(r[c]) for _, r in frame.iterrows()
            for c in (str(y) for y in view.years) if not is_na(r[c])}


def spm_review(view: Optional[SpmView]) -> Optional[str]:
    if view is None or not view.years:
        return None
    return review_block(["Tabel 2.3.3 tidak memuat jumlah penerima layanan dan jumlah warga yang berhak (capaian SPM = "
                         "penerima layanan ÷ warga yang berhak × 100), sehingga angka 100% tidak dapat diperiksa dari "
                         "dokumen."])


def spm_narrative(view: Optional[SpmView]) -> Optional[list]:
    if view is None or not view.years:
        return None
    return [DRAFT_HEADING, Narrative(NARRATIVE_IDS[SPM], spm_narrative_text(view), spm_facts(view)), spm_review(view)]


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4
# --------------------------------------------------------------------------------------------


def _ratio_text(value) -> str:
    return MISSING_DISPLAY if is_na(value) else format_percent(value)


def audit_text(r) -> str:
    """One misprinted ratio: printed (with its printed decimals) vs recomputed, and the target it used."""
    printed = format_number(r.printed, printed_decimals(r.printed_text, r.printed))
    return (f"Rasio {document_term(r.label)} tahun {r.tahun} tercetak {printed}, "
            f"sedangkan realisasi ÷ target tahun yang sama × 100 = {format_number(r.recomputed, 2)} "
            f"({misprint_note(r)}).")


def _misleading(data: KinerjaData) -> list:
    return [r for r in data.long.itertuples() if r.polaritas == "turun" and not r.tanpa_data
            and not is_na(r.rasio) and r.rasio > 100]


def kinerja_narrative_text(data: KinerjaData) -> str:
    """Draft narrative for Tabel 2.3.4: the last shown year by polarity-aware achievement category."""
    long = data.long
    if long.empty:
        return "Tidak ada data kinerja pada tahun yang ditampilkan."
    y1 = data.years[-1]
    last = long[long["tahun"] == y1]
    reached = [r for r in last.itertuples() if not is_na(r.rasio_polaritas) and r.rasio_polaritas >= 100]
    lines = [f"Pada tahun {y1}, menurut rasio capaian yang memperhitungkan arah indikator (polaritas), "
             f"{number_words(len(reached))} dari {number_words(len(last))} indikator mencapai atau melampaui target.",
             ""]
    lines += [f"- {_name(r.indikator)}: {_ratio_text(r.rasio_polaritas)}, kategori {r.kategori}."
              for r in last.itertuples()]
    misleading = _misleading(data)
    if misleading:
        lines += ["", "Untuk indikator yang semakin rendah semakin baik, realisasi yang melebihi target merupakan "
                  "hasil yang lebih buruk, sehingga capaiannya dihitung dengan rumus (2 × target − realisasi) ÷ "
                  "target × 100."]
    return "\n".join(lines)


def kinerja_facts(data: KinerjaData) -> dict:
    facts = {}
    for r in data.long.itertuples():
        label = document_term(r.indikator)
        for what, value in (("realisasi", r.realisasi), ("target", r.target), ("rasio dokumen", r.rasio),
                            ("rasio sesuai polaritas", r.rasio_polaritas)):
            if isinstance(value, (int, float)) and not is_na(value):
                facts[f"{label} {r.tahun}: {what}"] = float(value)
    return facts


def kinerja_review(data: Optional[KinerjaData]) -> Optional[str]:
    """Where the document's ratio reads a worse result as success, printed zeros without data and
    misprinted ratios (Catatan pemeriksaan)."""
    if data is None or not data.years or data.long.empty:
        return None
    lines = []
    misleading = _misleading(data)
    if misleading:
        lines.append(f"Pada indikator yang semakin rendah semakin baik, rasio dokumen di atas 100% berarti realisasi "
                     f"melebihi target, yaitu hasil yang lebih buruk ({len(misleading)} sel):")
        lines += [f"- {_name(r.indikator)} tahun {r.tahun}: realisasi {format_in_unit(r.realisasi, r.satuan)}, "
                  f"target {format_in_unit(r.target, r.satuan)}; rasio dokumen {_ratio_text(r.rasio)}, sesuai "
                  f"polaritas {_ratio_text(r.rasio_polaritas)}." for r in misleading]
    zero = zero_text(data)
    if zero:
        lines.append(markdown_escape(document_term(zero)))
    if not data.audit.empty:
        lines.append("Rasio yang tercetak berbeda dari hasil hitung ulang:")
        lines += ["- " + markdown_escape(audit_text(r)) for r in data.audit.itertuples()]
    return review_block(lines)


def kinerja_narrative(data: Optional[KinerjaData]) -> Optional[list]:
    if data is None or not data.years:
        return None
    return [DRAFT_HEADING, Narrative(NARRATIVE_IDS[KINERJA], kinerja_narrative_text(data), kinerja_facts(data)),
            kinerja_review(data)]


__all__ = ["DRAFT_HEADING", "NARRATIVE_IDS", "PPKS_CAVEAT", "VIOLENCE_CAVEAT", "audit_text", "change_text",
           "claims_markdown", "iku_facts", "iku_narrative", "iku_narrative_text", "iku_review", "intro",
           "kinerja_facts", "kinerja_narrative", "kinerja_narrative_text", "kinerja_review", "ppks_facts",
           "ppks_narrative", "ppks_narrative_text", "ppks_review", "spm_facts", "spm_narrative", "spm_narrative_text",
           "spm_review", "trend_sentence", "years_statement"]
