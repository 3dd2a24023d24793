"""The annual evaluation page (notebooks/01-evaluasi.ipynb): target against realisation for ``tahun``.

History years (the previous Renstra, as far as the data of section 2.3 reach) are evaluated from
the document's own tables; plan years (``periode`` of ``data/opd.yaml``) from the targets of
Bab IV and the realisation imported into ``data/realisasi/<tahun>.csv``. A plan year without
realisation says so ("belum ada data realisasi"), still shows the targets and offers the
template to fill in. Computations live in :mod:`helpers.core.evaluasi`; this module builds
what the page shows.
"""
from __future__ import annotations

import re

from typing import Optional

import pandas as pd

from helpers.core import compute, evaluasi
from helpers.core.data import has_table, read_schema
from helpers.core.numbers import format_number, format_percent, number_words
from helpers.core.opd import load_opd
from helpers.core.prose import signed_percent
from helpers.core.realisasi import COLUMNS as TEMPLATE_COLUMNS
from helpers.core.realisasi import INPUT_COLUMNS, template
from helpers.core.text import document_term, is_na, join_list
from helpers.core.years import year_span
from helpers.present import (HATCHES, MARKERS, PALETTE, Column, Figure, Narrative, Notice, Table, id_formatter,
                             markdown_escape, plain, tight_layout_when_drawn, unavailable)

POLARITY_LABELS = {"naik": "makin tinggi makin baik", "turun": "makin rendah makin baik"}
#: Where a history year's targets come from, and a plan year's (with the suffix the table shows).
HISTORY_SOURCES = (("2_3_4_kinerja_pelayanan", ""), ("2_3_3_spm_capaian", " (SPM)"))
PLAN_SOURCES = (("4_5_1_iku_target", " (IKU)"), ("4_6_ikk_target", " (IKK)"), ("4_7_spm_target", " (SPM)"),
                ("4_1_rencana_program", " (program, kegiatan dan sub kegiatan)"))


def _sources(sources, data_dir) -> str:
    names = []
    for table_id, suffix in sources:
        if has_table(table_id, data_dir):
            schema = read_schema(table_id, data_dir)
            names.append((schema.number or schema.title) + suffix)
    return join_list(names) or "tabel target"


def overview(data_dir=None) -> str:
    """Which years the page evaluates and from where (the first paragraph under the title)."""
    opd = load_opd(data_dir)
    history = evaluasi.history_years(data_dir)
    parts = []
    if history:
        parts.append(f"Untuk tahun {year_span(history)} target dan realisasi berasal dari dokumen (Renstra "
                     "sebelumnya).")
    parts.append(f"Untuk tahun {opd.periode_teks} target berasal dari Bab IV dan realisasi dari berkas yang "
                 f"diimpor {opd.fill('{nama_pendek}')} (satu berkas realisasi per tahun). Bila realisasi belum ada, "
                 "halaman ini menyatakannya dan tetap menampilkan target; tidak ada angka yang dikarang.")
    return " ".join(parts)


def intro(tahun: int, data_dir=None):
    """Where targets and realisation come from for ``tahun``, and how achievement is computed."""
    if not evaluasi.has_targets(tahun, data_dir):
        return Notice(f"Tidak ada target untuk tahun {tahun} dalam data: tahun ini bukan tahun Renstra "
                      "sebelumnya yang tercatat maupun tahun periode Renstra ini.", kind="absent")
    opd = load_opd(data_dir)
    if evaluasi.is_history_year(tahun, data_dir):
        source = (f"Tahun {tahun} termasuk periode Renstra sebelumnya: target dan realisasi diambil dari "
                  f"{_sources(HISTORY_SOURCES, data_dir)}, anggaran dari tabel anggaran dan realisasi Bab II.")
    elif evaluasi.has_realisation(tahun, data_dir):
        source = (f"Target tahun {tahun} dari {_sources(PLAN_SOURCES, data_dir)}; realisasi dari berkas "
                  f"realisasi tahun {tahun} yang diimpor {opd.fill('{nama_pendek}')}.")
    else:
        source = (f"Target tahun {tahun} dari {_sources(PLAN_SOURCES, data_dir)}. **Belum ada data realisasi "
                  f"untuk tahun {tahun}**: capaian tahun {tahun} belum dapat dinilai dan tabel capaian indikator hanya "
                  f"menampilkan target; formulir E.80 memuat realisasi tahun sebelumnya yang sudah diimpor. "
                  f"{where_templates(tahun)}")
    method = compute.POLARITY_METHODS[compute.POLARITY_METHOD]
    return (f"{source}\n\nCapaian dihitung dua kali: **rumus dokumen** realisasi / target × 100 untuk semua "
            f"indikator, dan **memperhatikan polaritas**: untuk indikator yang makin rendah makin baik dipakai "
            f"{method} (metode \u201c{compute.POLARITY_METHOD}\u201d). Kategori capaian: > 90 "
            "sangat tinggi, > 75–90 tinggi, > 65–75 sedang, > 50–65 rendah, ≤ 50 sangat rendah; nilai di atas "
            "100% tidak dipotong dan diberi keterangan \"melampaui target\". Nilai AKIP dibandingkan sebagai "
            "nilai huruf.")


TEMPLATE_FOLDER = "realisasi-isian"
#: The planner's notebook, named on the page as a reader finds it (no file path: pages show prose).
PLANNER_NOTEBOOK = ("notebook perencana **Siklus tahunan realisasi** (berkas siklus-tahunan di subfolder perencana "
                    "dari folder notebooks repositori)")


def where_templates(tahun: int) -> str:
    """Where a planner gets, fills and imports the template of ``tahun`` (never a file under outputs/)."""
    return (f"Template isian realisasi tahun {tahun} dibuat di folder **{TEMPLATE_FOLDER}** repositori (berkas "
            f"template-realisasi-{tahun}.xlsx), di luar folder keluaran: pembuatan halaman dan pembersihan keluaran "
            f"tidak pernah menyentuh berkas yang diisi di sana. Cara termudah: buka {PLANNER_NOTEBOOK} di "
            "JupyterLab; notebook itu menulis template, memeriksa berkas yang sudah diisi, mengimpornya dan "
            "membangun ulang halaman yang memakainya, tanpa terminal. Dari terminal: perintah make template "
            f"TAHUN={tahun}, lalu make realisasi FILE=… TAHUN={tahun}. Jangan mengisi berkas di dalam folder "
            "keluaran (outputs): berkas itu ditimpa setiap kali halaman dibuat ulang.")


def indicator_table(tahun: int, data_dir=None) -> Table:
    """Target vs realisation of every indicator of ``tahun``, both conventions side by side."""
    t = evaluasi.indicators(tahun, data_dir).reset_index(drop=True)
    grades = t["target_grade"].map(lambda g: isinstance(g, str)).any() or \
        t["realisasi_grade"].map(lambda g: isinstance(g, str)).any()
    df = t.drop(columns=["kode"]).copy()
    df["polaritas"] = [POLARITY_LABELS.get(p) if isinstance(p, str) else None for p in t["polaritas"]]
    for col in ("target_grade", "realisasi_grade"):
        df[col] = [g if isinstance(g, str) else None for g in t[col]]
    floored = []   # the category rule: a negative polarity-aware value is shown 0 %, its value in the notes
    for i, value in enumerate(t["capaian_polaritas"]):
        cap = compute.achievement_category(None if is_na(value) else float(value), data_dir)
        if cap.floored:
            floored.append(f"{t.at[i, 'indikator']}: {format_percent(cap.raw)}")
            df.at[i, "capaian_polaritas"] = cap.value
    columns = [Column("sumber", "Sumber"), Column("indikator", "Indikator", wide=True), Column("satuan", "Satuan"),
               Column("polaritas", "Polaritas")]
    if grades:
        columns += [Column("target", ("Target", "Nilai"), role="decimal", decimals=2),
                    Column("target_grade", ("Target", "Huruf"), role="grade"),
                    Column("realisasi", ("Realisasi", "Nilai"), role="decimal", decimals=2),
                    Column("realisasi_grade", ("Realisasi", "Huruf"), role="grade")]
    else:
        columns += [Column("target", "Target", role="decimal", decimals=2),
                    Column("realisasi", "Realisasi", role="decimal", decimals=2)]
    columns += [Column("capaian_dokumen", ("Rumus dokumen", "Capaian (%)"), role="decimal", decimals=2),
                Column("kategori_dokumen", ("Rumus dokumen", "Kategori")),
                Column("capaian_polaritas", ("Memperhatikan polaritas", "Capaian (%)"), role="decimal", decimals=2),
                Column("kategori_polaritas", ("Memperhatikan polaritas", "Kategori")),
                Column("status", "Status")]
    notes = ["Rumus dokumen = realisasi / target × 100; memperhatikan polaritas = "
             f"{compute.POLARITY_METHODS[compute.POLARITY_METHOD]} untuk indikator yang makin rendah "
             "makin baik. NA = tidak ada nilai."]
    if floored:
        notes.append("Capaian negatif menurut rumus polaritas (realisasi melebihi dua kali target) ditampilkan 0% "
                     f"dengan kategori {compute.category_bands(data_dir).lowest}; nilai rumusnya: "
                     + "; ".join(floored) + ".")
    return Table(df, columns, caption=f"Evaluasi capaian indikator tahun {tahun}", name=f"evaluasi-indikator-{tahun}",
                 notes=notes)


def budget_table(tahun: int, data_dir=None, levels=("program",)) -> Table:
    """Budget (anggaran/pagu) vs realisation per program (or deeper levels) in ``tahun``, with the total."""
    b = evaluasi.budget(tahun, data_dir)
    b = b[b["level"].isin(levels)].reset_index(drop=True)
    total_a = b["anggaran"].sum(min_count=1)
    total_r = b["realisasi"].sum(min_count=1)
    ratio = compute.budget_ratio(total_r, total_a) if not is_na(total_r) else None
    total = {"kode": "", "uraian": "Jumlah", "anggaran": total_a, "realisasi": total_r, "rasio": ratio,
             "kategori": compute.category_label(ratio) if ratio is not None else evaluasi.NO_DATA}
    df = pd.DataFrame({
        # a Kepmendagri code is shown; the row keys of the budget tables (P01, P01.K02) are not
        "kode": [k if re.fullmatch(r"\d(\.\d+)*", str(k)) else "" for k in b["kode"].astype(str)] + [total["kode"]],
        "uraian": b["uraian"].tolist() + [total["uraian"]],
        **{k: pd.array(b[k].tolist() + [total[k]], dtype="Float64") for k in ("anggaran", "realisasi", "rasio")},
        "kategori": b["kategori"].tolist() + [total["kategori"]],
    })
    history = evaluasi.is_history_year(tahun, data_dir)
    budget_label = "Anggaran (Rp)" if history else "Pagu (Rp)"
    columns = [Column("kode", "Kode", role="code"), Column("uraian", "Uraian", wide=True),
               Column("anggaran", budget_label, role="rupiah"), Column("realisasi", "Realisasi (Rp)", role="rupiah"),
               Column("rasio", "Rasio (%)", role="decimal", decimals=2), Column("kategori", "Kategori")]
    what = "Anggaran" if history else "Pagu"
    return Table(df, columns, caption=f"{what} dan realisasi per program tahun {tahun}",
                 name=f"evaluasi-anggaran-{tahun}", bold_rows=[len(df) - 1],
                 notes=["Rasio = realisasi / anggaran × 100; NA = tidak terdefinisi (anggaran 0) atau belum ada "
                        "realisasi."])


def _short(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def achievement_chart(tahun: int, data_dir=None) -> Figure | Notice:
    """Horizontal bars of achievement per indicator, both conventions side by side."""
    import matplotlib.pyplot as plt
    import numpy as np

    t = evaluasi.indicators(tahun, data_dir)
    t = t[t["capaian_dokumen"].notna() | t["capaian_polaritas"].notna()]
    name = f"evaluasi-capaian-{tahun}"
    title = f"Capaian indikator tahun {tahun}"
    if t.empty:  # said in text, not drawn as a placeholder image
        return Notice(f"Grafik capaian indikator tahun {tahun} belum dapat dibuat: belum ada data realisasi tahun "
                      f"{tahun}.")
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.45 * len(t) + 1.2)))
    labels = [plain(_short(s, 60)) for s in t["indikator"]]
    y = np.arange(len(t))
    doc = [0 if pd.isna(v) else float(v) for v in t["capaian_dokumen"]]
    pol = [0 if pd.isna(v) else float(v) for v in t["capaian_polaritas"]]
    ax.barh(y - 0.2, doc, height=0.4, color=PALETTE[0], hatch=HATCHES[1], edgecolor="black", linewidth=0.5,
            label="Rumus dokumen (realisasi/target × 100)")
    ax.barh(y + 0.2, pol, height=0.4, color=PALETTE[1], hatch=HATCHES[2], edgecolor="black", linewidth=0.5,
            label="Memperhatikan polaritas")
    ax.axvline(100, color="black", linestyle="--", linewidth=1)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(id_formatter(0))
    ax.set_xlabel("Capaian (%)")
    ax.set_title(f"{title} (garis putus-putus = 100%)")
    ax.legend(loc="lower right", fontsize=8)
    tight_layout_when_drawn(fig)
    items = [f"{_short(r.indikator, 60)}: {format_percent(r.capaian_dokumen)} (rumus dokumen), "
             f"{format_percent(r.capaian_polaritas)} (memperhatikan polaritas)" for r in t.itertuples()]
    alt = (f"Diagram batang mendatar capaian {format_number(len(t))} indikator tahun {tahun} dengan dua rumus; "
           f"garis putus-putus menandai 100%. {'; '.join(items)}.")
    return Figure(fig, name, caption=title, alt=alt)


def iku_trend_chart(tahun: int, data_dir=None):
    """Small multiples: each IKU's target path and realisation up to ``tahun``."""
    import matplotlib.pyplot as plt

    if not has_table("4_5_1_iku_target", data_dir):
        return unavailable("Tabel 4.5.1 (target IKU)")
    paths = evaluasi.iku_paths(data_dir, until=tahun)
    names = list(dict.fromkeys(paths["indikator"]))
    cols = 3
    rows = max(1, (len(names) + cols - 1) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(12, 3.2 * rows), squeeze=False)
    with_real = []
    for ax, indikator in zip(axes.flat, names):
        sub = paths[paths["indikator"] == indikator]
        target = sub[sub["seri"] == "target"].dropna(subset=["nilai"]).sort_values("tahun")
        real = sub[(sub["seri"] == "realisasi") & (sub["tahun"] <= tahun)].dropna(subset=["nilai"]).sort_values("tahun")
        ax.plot(target["tahun"], target["nilai"], linestyle="--", color=PALETTE[0], marker=MARKERS[1], label="Target")
        if not real.empty:
            ax.plot(real["tahun"], real["nilai"], linestyle="-", color=PALETTE[1], marker=MARKERS[0],
                    label="Realisasi")
            with_real.append(_short(indikator, 60))
        ax.axvline(tahun, color="grey", linewidth=0.8)
        unit = sub["satuan"].iloc[0]
        ax.set_title(plain(_short(indikator, 45)), fontsize=9)
        ax.set_ylabel(plain(f"Nilai ({unit})") if isinstance(unit, str) else "Nilai")
        ax.set_xlabel("Tahun")
        ax.yaxis.set_major_formatter(id_formatter(2))
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(names):]:
        ax.set_axis_off()
    title = f"IKU: jalur target dan realisasi (garis abu-abu = tahun {tahun})"
    fig.suptitle(title, fontweight="bold")
    tight_layout_when_drawn(fig)
    alt = (f"Grafik garis kecil untuk {format_number(len(names))} IKU: garis putus-putus jalur target, garis utuh "
           f"realisasi sampai tahun {tahun}, garis tegak abu-abu menandai tahun {tahun}. "
           + (f"Realisasi tersedia untuk {join_list(with_real)}." if with_real else "Belum ada realisasi yang "
              "dapat digambarkan."))
    return Figure(fig, f"evaluasi-iku-tren-{tahun}", caption=title, alt=alt)


def template_table(tahun: int, data_dir=None) -> Optional[Table]:
    """The realisation template of a plan year that has no realisation yet (``tables/template-realisasi-<tahun>``).

    Its header row holds the importer's column names (``jenis``, ``kode`` …); the columns to fill
    in are highlighted. None for history years and for years whose realisation was imported.
    """
    if not evaluasi.is_plan_year(tahun, data_dir) or evaluasi.has_realisation(tahun, data_dir):
        return None
    df = template(tahun, data_dir)
    for col in ("target", "pagu", "realisasi", "realisasi_anggaran"):
        df[col] = pd.array([None if is_na(v) else float(v) for v in df[col]], dtype="Float64")
    roles = {"target": ("decimal", 2), "pagu": ("rupiah", 0), "realisasi": ("decimal", 2),
             "realisasi_anggaran": ("rupiah", 0), "target_grade": ("grade", 0), "realisasi_grade": ("grade", 0),
             "kode": ("code", 0)}
    columns = [Column(c, c, role=roles.get(c, ("text", 0))[0], decimals=roles.get(c, ("text", 0))[1],
                      wide=c in ("uraian", "indikator"), highlight=c in INPUT_COLUMNS) for c in TEMPLATE_COLUMNS]
    return Table(df, columns, caption=f"Lembar isian realisasi tahun {tahun}", name=f"template-realisasi-{tahun}")


def template_section(tahun: int, data_dir=None) -> Optional[list]:
    """Heading, instructions and the template (see :func:`template_table`), or None."""
    table = template_table(tahun, data_dir)
    if table is None:
        return None
    return [f"## Lembar isian realisasi tahun {tahun}",
            "Isi hanya kolom yang disorot: **realisasi**, **realisasi_grade** (untuk Nilai AKIP), **realisasi_anggaran** "
            "(Rp) dan **catatan**; jangan mengubah kolom jenis, kode, satuan atau target (kolom pagu boleh diganti "
            "dengan pagu DPA tahun itu). Angka boleh ditulis 1.234.567 atau 95,18; angka seperti 1.234 ditolak karena "
            "ambigu (tulis 1234). Kosongkan sel bila data belum ada (jangan diisi 0); template boleh diisi bertahap "
            "dan diimpor ulang dengan pilihan gabung. " + where_templates(tahun)
            + " Tabel di bawah hanya menunjukkan isi template; salinan yang dapat diunduh di halaman ini adalah "
            "contoh kosong.",
            table]


def _cite(facts: dict, name: str, value, write=format_number) -> str:
    """``value`` as the draft writes it (``write``), recorded as the fact ``name``: the figure of a
    planner's revision is checked against it (``cocok``, or ``berubah`` once the data change)."""
    facts[name] = None if is_na(value) else float(value)
    return write(value)


def _describe(r, facts: dict, tahun: int) -> str:
    """``target …, realisasi …, capaian …`` of an indicator that missed its target, cited in ``facts``."""
    if not is_na(r.target_grade) and not is_na(r.realisasi_grade):
        return f"target {r.target_grade}, realisasi {r.realisasi_grade}"
    name = f"{document_term(r.indikator)} {tahun}"
    decimals = 0 if not is_na(r.target) and float(r.target).is_integer() and not is_na(r.realisasi) \
        and float(r.realisasi).is_integer() else 2
    text = (f"target {_cite(facts, f'{name}: target', r.target, lambda v: format_number(v, decimals))}, realisasi "
            f"{_cite(facts, f'{name}: realisasi', r.realisasi, lambda v: format_number(v, decimals))}")
    if not is_na(r.capaian_polaritas):
        cap = compute.achievement_category(float(r.capaian_polaritas))
        shown = _cite(facts, f"{name}: capaian (%)", cap.value, format_percent)
        text += (f", capaian {shown} (menurut rumus polaritas "
                 f"{_cite(facts, f'{name}: capaian menurut rumus polaritas (%)', cap.raw, signed_percent)})"
                 if cap.floored else f", capaian {shown}")
    return text


def narrative_text(tahun: int, table: pd.DataFrame) -> str:
    """Indonesian draft: which indicators met, missed, or lack realisation data in ``tahun``."""
    return history_draft(tahun, table)[0]


def history_draft(tahun: int, table: pd.DataFrame) -> tuple[str, dict]:
    """The draft of a history year (:func:`narrative_text`) and the facts its figures cite."""
    facts: dict = {}
    if table.empty:
        return f"Tidak ada indikator dengan target pada tahun {tahun}.", facts
    counts = table["status"].value_counts()
    met, missed, nodata = (int(counts.get(s, 0)) for s in (evaluasi.STATUS_MET, evaluasi.STATUS_MISSED,
                                                           evaluasi.NO_DATA))

    def count(what, n):   # EYD: one to nine in words (not a checked figure then)
        return _cite(facts, f"indikator tahun {tahun}: {what}", n, number_words)

    parts = [f"Pada tahun {tahun} terdapat {count('dengan target', len(table))} indikator dengan target."]
    if nodata == len(table):
        parts.append(f"Untuk seluruh indikator {evaluasi.NO_DATA}; tabel hanya menampilkan target. Angka capaian "
                     f"akan terisi setelah realisasi tahun {tahun} diimpor.")
        return " ".join(parts), facts
    parts.append(f"Sebanyak {count('tercapai', met)} indikator tercapai, {count('tidak tercapai', missed)} tidak "
                 "tercapai" + (f", dan {count('tanpa data realisasi', nodata)} belum memiliki data realisasi."
                               if nodata else "."))
    for r in table.itertuples():
        if r.status == evaluasi.STATUS_MISSED:
            parts.append(f"{markdown_escape(document_term(r.indikator))} belum mencapai target "
                         f"({_describe(r, facts, tahun)}).")
    doc_only = table[(table["capaian_dokumen"] >= 100) & (table["status"] == evaluasi.STATUS_MISSED)]
    if not doc_only.empty:
        names = "; ".join(markdown_escape(document_term(n)) for n in doc_only["indikator"])
        facts["capaian target penuh (%)"] = 100.0     # the constant of the formula the sentence writes
        parts.append("Perhatikan bahwa rumus dokumen (realisasi/target × 100) memberi capaian ≥ 100% untuk "
                     f"indikator yang makin rendah makin baik: {names}. Dengan rumus yang memperhatikan polaritas "
                     "indikator tersebut tidak tercapai.")
    if (table["indikator"].str.contains("Kekerasan", case=False, na=False)).any():
        parts.append("Kenaikan rasio kekerasan dapat juga mencerminkan pelaporan yang makin lengkap, sehingga perlu "
                     "dibaca bersama data layanan pengaduan.")
    return " ".join(parts), facts


# -- sections: a heading and what belongs under it (None for a year without targets) -------------

def indicator_section(tahun: int, data_dir=None) -> Optional[list]:
    if not evaluasi.has_targets(tahun, data_dir):
        return None
    return ["## Capaian indikator", indicator_table(tahun, data_dir), achievement_chart(tahun, data_dir)]


def iku_section(tahun: int, data_dir=None) -> Optional[list]:
    if not evaluasi.has_targets(tahun, data_dir):
        return None
    return ["## IKU: jalur target dan realisasi", iku_trend_chart(tahun, data_dir)]


def budget_section(tahun: int, data_dir=None) -> Optional[list]:
    if not evaluasi.has_targets(tahun, data_dir):
        return None
    return ["## Anggaran dan realisasi per program", budget_table(tahun, data_dir)]


def narrative(tahun: int, data_dir=None) -> Optional[list]:
    """The draft narrative under its heading (``narasi/evaluasi-<tahun>.md``)."""
    if not evaluasi.has_targets(tahun, data_dir):
        return None
    if evaluasi.is_plan_year(tahun, data_dir):
        text, facts = form_draft(tahun, data_dir)
    else:
        text, facts = history_draft(tahun, evaluasi.indicators(tahun, data_dir))
    return ["### Draf narasi (untuk direvisi)", Narrative(f"evaluasi-{tahun}", text, facts)]


# -- the Renstra evaluation form (E.80) ------------------------------------------------------------

FORM_NAME = "Evaluasi terhadap Hasil Renstra Perangkat Daerah"
LEVEL_INDENT = {"iku": 1, "program": 1, "kegiatan": 2, "sub_kegiatan": 3}
PLACEHOLDER = "[Diisi perencana]"


def _k_decimals(form, extra: int) -> tuple[int, ...]:
    return tuple(form.decimals) + (2,) * extra


def form_table(tahun: int, data_dir=None, convention: Optional[str] = None) -> Optional[Table]:
    """Formulir E.80 of a plan year: sasaran → program → kegiatan → sub kegiatan, K/Rp pairs per
    year up to ``tahun``, realisation to date against the end-of-period target, category, unit
    and keterangan, closed by the rata-rata capaian and the predikat. None outside the plan years."""
    form = evaluasi.form_e80(tahun, data_dir, convention)
    if form is None:
        return None
    opd = load_opd(data_dir)
    first, last = evaluasi.plan_years(data_dir)
    df = form.rows.copy()
    n = len(df)
    closing = [
        {"level": "penutup", "uraian": f"Rata-rata capaian tahun {tahun} dan s.d. tahun {tahun}"},
        {"level": "penutup", "uraian": "Predikat"},
    ]
    df = pd.concat([df, pd.DataFrame(closing)], ignore_index=True)
    cols = {"k": f"capaian_k_{tahun}", "rp": f"capaian_rp_{tahun}", "sd_k": "capaian_sd_k", "sd_rp": "capaian_sd_rp"}
    symbols = {}
    for key, col in cols.items():
        avg = form.averages[key]
        df.at[n, col] = avg["rata_rata"]
        symbols[(n + 1, col)] = avg["predikat"] if avg["rata_rata"] is not None else "NA"
    df.at[n + 1, "kategori"] = form.averages["k"]["predikat"]
    df.at[n, "keterangan"] = (f"rata-rata {format_number(form.averages['k']['n'])} dari "
                              f"{format_number(form.averages['k']['dari'])} indikator (K tahun {tahun}) dan "
                              f"{format_number(form.averages['rp']['n'])} baris (Rp tahun {tahun}) yang sudah "
                              "memiliki realisasi")
    df.at[n + 1, "keterangan"] = "predikat = kategori rata-rata capaian (lihat catatan)"
    for col in df.columns:
        if col.startswith(("target_", "realisasi_", "capaian_")) or col == "kondisi_awal":
            df[col] = pd.array([None if is_na(v) else float(v) for v in df[col]], dtype="Float64")
    kd = _k_decimals(form, 2)
    missing_years = [y for y in form.years if y not in form.imported]

    def year_label(y):
        return f"Tahun {y}" + (" (belum ada data realisasi)" if y in missing_years else "")

    base_year = first - 1
    columns = [Column("kode", "Kode", role="code"),
               Column("uraian", "Sasaran / program / kegiatan / sub kegiatan", wide=True),
               Column("indikator", "Indikator kinerja", wide=True),
               Column("satuan", "Satuan"),
               Column("kondisi_awal", f"Kondisi awal ({base_year})", role="mixed", decimals=kd),
               Column("target_akhir_k", (f"Target akhir periode ({last})", "K"), role="mixed", decimals=kd),
               Column("target_akhir_rp", (f"Target akhir periode ({last})", "Rp"), role="rupiah")]
    for y in form.years:
        lab = year_label(y)
        columns += [Column(f"target_k_{y}", (lab, "Target", "K"), role="mixed", decimals=kd),
                    Column(f"target_rp_{y}", (lab, "Target", "Rp"), role="rupiah"),
                    Column(f"realisasi_k_{y}", (lab, "Realisasi", "K"), role="mixed", decimals=kd,
                           highlight=y == tahun),
                    Column(f"realisasi_rp_{y}", (lab, "Realisasi", "Rp"), role="rupiah", highlight=y == tahun),
                    Column(f"capaian_k_{y}", (lab, "Tingkat capaian (%)", "K"), role="decimal", decimals=2),
                    Column(f"capaian_rp_{y}", (lab, "Tingkat capaian (%)", "Rp"), role="decimal", decimals=2)]
    columns += [Column("realisasi_sd_k", (f"Realisasi s.d. tahun {tahun}", "K"), role="mixed", decimals=kd),
                Column("realisasi_sd_rp", (f"Realisasi s.d. tahun {tahun}", "Rp"), role="rupiah"),
                Column("capaian_sd_k", (f"Tingkat capaian s.d. tahun {tahun} terhadap target akhir periode (%)", "K"),
                       role="decimal", decimals=2),
                Column("capaian_sd_rp", (f"Tingkat capaian s.d. tahun {tahun} terhadap target akhir periode (%)",
                                         "Rp"), role="decimal", decimals=2),
                Column("kategori", f"Kategori capaian K tahun {tahun}"),
                Column("unit", "Unit penanggung jawab", wide=True),
                Column("keterangan", "Keterangan", role="multiline", wide=True)]
    sections = [i for i, level in enumerate(df["level"]) if level in ("sasaran", "kelompok")]
    rp_keys = [c.key for c in columns if c.role == "rupiah" or c.key.startswith("capaian_rp")]
    blank = [(i, k) for i in sections for k in ("indikator", "satuan", "kategori", "unit", "keterangan")]
    blank += [(i, k) for i, level in enumerate(df["level"]) if level == "iku" for k in rp_keys + ["unit"]]
    blank += [(i, "kondisi_awal") for i, level in enumerate(df["level"]) if level in evaluasi.PLAN_LEVELS]
    kept = set(cols.values()) | {"uraian", "kategori", "keterangan"}
    blank += [(i, c.key) for i, level in enumerate(df["level"]) if level == "penutup"
              for c in columns if c.key not in kept]
    blank += [(n, "kategori")]
    bold = sections + [i for i, level in enumerate(df["level"]) if level in ("program", "penutup")]
    indent = {i: LEVEL_INDENT.get(level, 0) for i, level in enumerate(df["level"])}
    bands = compute.category_bands(data_dir)
    notes = [
        "K = kinerja (nilai indikator dalam satuannya); Rp = rupiah. Tingkat capaian K dihitung dengan "
        f"{compute.convention_label(form.convention)}; tingkat capaian Rp = realisasi / pagu × 100. Kedua "
        "konvensi rasio (rumus dokumen dan memperhatikan polaritas) tersedia di tabel capaian indikator di bawah; "
        "formulir ini memakai konvensi yang dipilih dalam pengaturan konvensi formulir evaluasi.",
        f"Target akhir periode: jumlah tahun {first}–{last} untuk satuan hitungan dan rupiah; nilai tahun {last} "
        "untuk persen, indeks, skor, nilai dan rasio. Realisasi s.d. tahun: dijumlahkan untuk satuan hitungan dan "
        "rupiah; nilai tahun terakhir yang ada untuk persen, indeks, skor, nilai dan rasio.",
        "NA = belum ada data realisasi (tidak pernah dianggap 0), atau capaian tidak dapat dihitung karena target "
        "kosong atau 0.",
        f"Kategori capaian (versi {bands.versi}): {bands.describe()}; nilai di atas 100% tidak dipotong dan "
        "diberi keterangan \u201cmelampaui target\u201d; capaian negatif menurut rumus polaritas ditampilkan 0% "
        f"(kategori {bands.lowest}) dengan nilai rumusnya di kolom keterangan. Sumber: {bands.sumber}.",
        "Rata-rata capaian = rata-rata tingkat capaian seluruh baris indikator (IKU, program, kegiatan, sub "
        "kegiatan) yang sudah memiliki nilai; predikat = kategori rata-rata itu.",
        f"Kondisi awal ({base_year}) tercantum untuk IKU (Tabel 4.5.1); Tabel 4.1 tidak mencantumkan kondisi awal "
        "program, kegiatan dan sub kegiatan, sehingga selnya dibiarkan kosong. Kolom Rp baris IKU kosong: IKU "
        "tidak memiliki pagu sendiri.",
        "Rp per tahun sama dengan tabel anggaran: anggaran = pagu DPA yang diimpor bila berbeda dari Tabel 4.1 "
        "(disebut di keterangan), selain itu pagu Tabel 4.1; realisasi Rp program dan kegiatan = jumlah realisasi "
        "sub kegiatannya (belum ada data selama salah satunya belum diisi; sub kegiatan tanpa pagu dan tanpa isian "
        "dihitung nihil). Nilai program/kegiatan yang diimpor dan berbeda dengan jumlah itu disebut di keterangan "
        "dan di tabel selisih. Target akhir periode Rp = jumlah pagu Tabel 4.1. Baris Tabel 4.1 yang polaritas "
        "indikatornya tidak tercatat dalam data dihitung realisasi / target × 100.",
    ]
    if missing_years:
        notes.append(f"Tahun {join_list([str(y) for y in missing_years])}: berkas realisasi belum diimpor; "
                     "kolom realisasi dan capaian tahun itu kosong (belum ada data realisasi).")
    if form.without_unit:
        notes.append("Unit penanggung jawab dari tugas unit organisasi bagian 2.1 (tabel penanggung jawab "
                     f"program dalam data); belum ada padanan untuk: {join_list(form.without_unit)}.")
    notes.append("Susunan kolom mengikuti formulir E.80 Permendagri 86/2017 sebagaimana diterapkan aplikasi "
                 "e-monev sumber terbuka; lampiran peraturan tidak terbaca di sini.")
    caption = f"Formulir E.80 {FORM_NAME} {opd.nama} tahun {tahun}"
    return Table(df, columns, caption=caption, name=f"evaluasi-e80-{tahun}", number="E.80", notes=notes,
                 bold_rows=bold, section_rows=sections, indent=indent, symbols=symbols, wide=True, blank=blank,
                 source=f"Tabel 3.2.1, 3.2.2, 4.1, 4.5.1 dan realisasi yang diimpor ({year_span(form.imported)})"
                 if form.imported else "Tabel 3.2.1, 3.2.2, 4.1 dan 4.5.1; belum ada realisasi yang diimpor")


def missing_table(tahun: int, data_dir=None) -> Optional[Table]:
    """The rows still without realisation for each plan year up to ``tahun`` (None when nothing is missing)."""
    if not evaluasi.is_plan_year(tahun, data_dir):
        return None
    missing = evaluasi.missing_rows(tahun, data_dir)
    if missing.empty:
        return None
    df = missing.copy()
    df["jenis"] = [realisasi_jenis(j) for j in df["jenis"]]
    columns = [Column("tahun", "Tahun", role="year"), Column("jenis", "Jenis"), Column("kode", "Kode", role="code"),
               Column("uraian", "Uraian", wide=True), Column("belum", "Belum ada realisasi")]
    return Table(df, columns, caption=f"Butir yang belum memiliki data realisasi sampai tahun {tahun}",
                 name=f"evaluasi-belum-{tahun}",
                 notes=["K = realisasi kinerja (atau nilai huruf AKIP); Rp = realisasi anggaran. Hanya butir yang "
                        "memiliki target (K), atau sub kegiatan dengan pagu (Rp; realisasi Rp program dan kegiatan "
                        "dijumlahkan dari sub kegiatannya), yang dicantumkan."])


def realisasi_jenis(jenis) -> str:
    return {"IKU": "IKU", "IKK": "IKK", "SPM": "SPM", "program": "Program", "kegiatan": "Kegiatan",
            "sub_kegiatan": "Sub kegiatan", "": "Semua"}.get(str(jenis), str(jenis))


def conflict_table(tahun: int, data_dir=None) -> Optional[Table]:
    """Program/kegiatan realisation that disagrees with the sum of its sub-kegiatan (None when none)."""
    form = evaluasi.form_e80(tahun, data_dir)
    if form is None or form.conflicts.empty:
        return None
    df = form.conflicts.copy()
    df["jenis"] = [realisasi_jenis(j) for j in df["jenis"]]
    df["selisih"] = pd.array([a - b for a, b in zip(df["nilai"], df["jumlah"])], dtype="Float64")
    for col in ("nilai", "jumlah"):
        df[col] = pd.array(df[col], dtype="Float64")
    df["anak"] = [f"{t} dari {n}" for t, n in zip(df["terisi"], df["jumlah_anak"])]
    columns = [Column("tahun", "Tahun", role="year"), Column("jenis", "Jenis"), Column("kode", "Kode", role="code"),
               Column("uraian", "Uraian", wide=True), Column("kolom", "Kolom"),
               Column("nilai", "Nilai yang diimpor", role="decimal", decimals=2),
               Column("jumlah", "Jumlah sub kegiatan", role="decimal", decimals=2),
               Column("selisih", "Selisih", role="decimal", decimals=2),
               Column("anak", "Sub kegiatan terisi")]
    return Table(df, columns, caption=f"Realisasi program dan kegiatan yang berbeda dengan jumlah sub kegiatannya "
                                      f"(sampai tahun {tahun})", name=f"evaluasi-selisih-{tahun}",
                 notes=["Nilai yang diimpor tetap disimpan; formulir E.80 dan tabel anggaran menampilkan jumlah sub "
                        "kegiatan. Perbedaan ini perlu diperiksa dan, bila keliru, diperbaiki lalu diimpor ulang "
                        "(pilihan gabung)."])


def spm_table(tahun: int, data_dir=None) -> Optional[Table]:
    """SPM services and their sub-items (Tabel 4.7) in ``tahun``: target, realisation, capaian, catatan."""
    df = evaluasi.spm_detail(tahun, data_dir)
    if df is None:
        return None
    decimals = tuple(2 if not all(is_na(v) or float(v).is_integer() for v in (t, r, b)) else 0
                     for t, r, b in zip(df["target"], df["realisasi"], df["baseline"]))
    sections = [i for i, level in enumerate(df["level"]) if level == "spm"]
    columns = [Column("kode", "No", role="code"), Column("uraian", "Layanan / sub layanan SPM", wide=True),
               Column("satuan", "Satuan"), Column("baseline", "Kondisi awal", role="mixed", decimals=decimals),
               Column("target", f"Target {tahun}", role="mixed", decimals=decimals),
               Column("realisasi", f"Realisasi {tahun}", role="mixed", decimals=decimals, highlight=True),
               Column("capaian", "Tingkat capaian (%)", role="decimal", decimals=2),
               Column("kategori", "Kategori"), Column("catatan", "Catatan", role="multiline", wide=True)]
    return Table(df, columns, caption=f"Standar Pelayanan Minimal: layanan dan sub layanan tahun {tahun}",
                 name=f"evaluasi-spm-{tahun}", bold_rows=sections,
                 blank=[(i, "catatan") for i, c in enumerate(df["catatan"]) if is_na(c)],
                 indent={i: 0 if level == "spm" else 1 for i, level in enumerate(df["level"])},
                 notes=[f"Tingkat capaian dengan {compute.convention_label()}. NA = belum ada data realisasi."])


def form_intro(tahun: int, data_dir=None) -> str:
    """What the form is, which convention it shows, and where a year's realisation is evaluated."""
    first, last = evaluasi.plan_years(data_dir)
    form = evaluasi.form_e80(tahun, data_dir)
    done = (f"Realisasi yang sudah diimpor: tahun {join_list([str(y) for y in form.imported])}."
            if form and form.imported else f"Belum ada realisasi tahun {first}–{tahun} yang diimpor.")
    return (f"Formulir ini mengikuti formulir E.80 Permendagri 86/2017, \u201c{FORM_NAME}\u201d: baris sasaran, "
            f"program, kegiatan dan sub kegiatan; untuk setiap tahun {year_span(range(first, tahun + 1))} target, "
            "realisasi dan tingkat "
            "capaian kinerja (K) dan anggaran (Rp); realisasi sampai tahun ini dibandingkan dengan target akhir "
            f"periode {last}. Tingkat capaian K memakai **{compute.convention_label()}**. {done}\n\n"
            f"Realisasi suatu tahun dievaluasi di halaman tahun itu: realisasi {first} yang diimpor pada Januari "
            f"{first + 1} tampil di formulir E.80 tahun {first} dan menjadi riwayat (kolom tahun {first}, realisasi "
            f"s.d. tahun) di formulir dan halaman tahun {first + 1} dan sesudahnya.")


def form_section(tahun: int, data_dir=None) -> Optional[list]:
    """Heading, introduction, the form, what is missing and the conflicts (None outside the plan years)."""
    table = form_table(tahun, data_dir)
    if table is None:
        return None
    items = [f"## Formulir E.80: evaluasi hasil Renstra tahun {tahun}", form_intro(tahun, data_dir), table]
    missing = missing_table(tahun, data_dir)
    items += ["### Butir yang belum memiliki data realisasi",
              missing if missing is not None else "Seluruh butir yang memiliki target sudah memiliki realisasi."]
    conflicts = conflict_table(tahun, data_dir)
    if conflicts is not None:
        items += ["### Realisasi program/kegiatan yang berbeda dengan jumlah sub kegiatannya", conflicts]
    spm = spm_table(tahun, data_dir)
    if spm is not None:
        items += ["## Standar Pelayanan Minimal: layanan dan sub layanan", spm]
    return items


def _label(row) -> str:
    """A form row's name as the draft writes it (its indicator, else its uraian)."""
    text = row.indikator if isinstance(row.indikator, str) and row.indikator else row.uraian
    return _short(document_term(text), 90)


def _name(row) -> str:
    return markdown_escape(_label(row))


def form_narrative_text(tahun: int, data_dir=None) -> str:
    """Draft narrative of a plan year from the E.80 results: targets met and missed (and why it
    matters), what lacks data, and marked places for the planner's factors and follow-up."""
    return form_draft(tahun, data_dir)[0]


def form_draft(tahun: int, data_dir=None) -> tuple[str, dict]:
    """The draft of a plan year (:func:`form_narrative_text`) and the facts its figures cite: counts of
    rows, capaian, target and realisation of the rows it names, the averages of the form."""
    form = evaluasi.form_e80(tahun, data_dir)
    rows = form.rows[form.rows["level"].isin(["iku", "program", "kegiatan", "sub_kegiatan"])]
    col = f"capaian_k_{tahun}"
    with_value = rows[rows[col].notna()]
    met = with_value[with_value[col] >= 100]
    missed = with_value[with_value[col] < 100]
    nodata = rows[rows[f"realisasi_k_{tahun}"].isna() & rows[f"target_k_{tahun}"].notna()]
    zero = rows[rows[f"realisasi_k_{tahun}"].notna() & rows[col].isna()]
    facts: dict = {}

    def count(what, frame):   # EYD: one to nine in words
        return _cite(facts, f"baris formulir E.80 tahun {tahun}: {what}", len(frame), number_words)

    def cited(r, what, key, write):
        return _cite(facts, f"{r.kode} {_label(r)} {tahun}: {what}", getattr(r, key), write)

    parts = [f"Formulir E.80 tahun {tahun} memuat {count('indikator', rows)} baris indikator (IKU, program, "
             "kegiatan dan sub kegiatan)."]
    if tahun not in form.imported:
        parts.append(f"Realisasi tahun {tahun} belum diimpor, sehingga untuk seluruh baris tahun {tahun} "
                     f"{evaluasi.NO_DATA}; capaian tahun ini belum dapat dinilai.")
    else:
        parts.append(f"Dari baris yang sudah memiliki realisasi tahun {tahun}, sebanyak {count('tercapai', met)} "
                     f"mencapai atau melampaui target dan {count('belum tercapai', missed)} belum mencapai target; "
                     + (f"sebanyak {count('tanpa data realisasi', nodata)} baris dengan target belum memiliki data "
                        "realisasi." if len(nodata) else "semua baris dengan target sudah memiliki data realisasi."))
        if len(zero):
            parts.append(f"Capaian {count('target nol atau kosong', zero)} baris lain tidak dapat dihitung karena "
                         "targetnya nol atau kosong.")
        avg = form.averages["k"]
        if avg["rata_rata"] is not None:
            shown = _cite(facts, f"rata-rata capaian kinerja tahun {tahun} (%)", avg["rata_rata"], format_percent)
            parts.append(f"Rata-rata capaian kinerja tahun {tahun} adalah {shown} dengan predikat {avg['predikat']}.")
        iku_missed = missed[missed["level"] == "iku"]
        for r in iku_missed.itertuples():
            parts.append(f"IKU {_name(r)} belum mencapai target tahun {tahun} (target "
                         f"{cited(r, 'target', f'target_k_{tahun}', lambda v: format_number(v, 2))}, realisasi "
                         f"{cited(r, 'realisasi', f'realisasi_k_{tahun}', lambda v: format_number(v, 2))}, capaian "
                         f"{cited(r, 'capaian (%)', col, format_percent)}); karena IKU mengukur sasaran Renstra, "
                         "kekurangan ini berarti sasaran tersebut belum tercapai pada tahun ini.")
        low = missed[(missed["level"] != "iku")].sort_values(col).head(5)
        if not low.empty:
            items = [f"{_name(r)} ({cited(r, 'capaian (%)', col, format_percent)})" for r in low.itertuples()]
            parts.append("Capaian terendah di antara program, kegiatan dan sub kegiatan: " + "; ".join(items) + ".")
        rp = form.averages["rp"]
        if rp["rata_rata"] is not None:
            shown = _cite(facts, f"rata-rata penyerapan anggaran tahun {tahun} (%)", rp["rata_rata"], format_percent)
            parts.append(f"Rata-rata penyerapan anggaran baris yang sudah memiliki realisasi anggaran adalah {shown}.")
    sd = form.averages["sd_k"]
    if sd["rata_rata"] is not None:
        shown = _cite(facts, f"rata-rata capaian kinerja s.d. tahun {tahun} terhadap target akhir periode (%)",
                      sd["rata_rata"], format_percent)
        n = _cite(facts, f"baris formulir E.80 dengan realisasi s.d. tahun {tahun}", sd["n"], number_words)
        parts.append(f"Terhadap target akhir periode, rata-rata tingkat capaian kinerja sampai tahun {tahun} adalah "
                     f"{shown} dari {n} baris yang sudah memiliki realisasi.")
    missing = [y for y in form.years if y not in form.imported]
    if missing:
        parts.append(f"Berkas realisasi tahun {join_list([str(y) for y in missing])} belum diimpor.")
    if form.without_unit:
        parts.append(f"Unit penanggung jawab belum ditetapkan dalam data untuk {join_list(form.without_unit)}.")
    text = " ".join(parts)
    return (text + "\n\n"
            f"**Faktor pendorong:** {PLACEHOLDER} (tidak disusun otomatis; tuliskan faktor yang mendukung capaian).\n\n"
            f"**Faktor penghambat:** {PLACEHOLDER} (tidak disusun otomatis; tuliskan penyebab target yang belum "
            "tercapai dan butir yang belum memiliki data).\n\n"
            f"**Tindak lanjut:** {PLACEHOLDER} (tidak disusun otomatis; tuliskan langkah perbaikan untuk tahun "
            "berikutnya)."), facts
