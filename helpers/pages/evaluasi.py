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
from helpers.core.numbers import format_number, format_percent
from helpers.core.opd import load_opd
from helpers.core.realisasi import COLUMNS as TEMPLATE_COLUMNS
from helpers.core.realisasi import INPUT_COLUMNS, template
from helpers.core.text import is_na, join_list
from helpers.core.years import year_span
from helpers.present import (HATCHES, MARKERS, PALETTE, Column, Figure, Narrative, Notice, Table, id_formatter,
                             markdown_escape, plain, unavailable)

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
                  f"untuk tahun {tahun}**: tabel di bawah hanya menampilkan target. Lembar isian realisasi tahun "
                  f"ini ada di bagian akhir halaman dan dapat diunduh sebagai berkas Excel; setelah diisi, berkas "
                  "diserahkan kepada pengelola data untuk diimpor.")
    method = compute.POLARITY_METHODS[compute.POLARITY_METHOD]
    return (f"{source}\n\nCapaian dihitung dua kali: **rumus dokumen** realisasi / target × 100 untuk semua "
            f"indikator, dan **memperhatikan polaritas**: untuk indikator yang makin rendah makin baik dipakai "
            f"{method} (metode \u201c{compute.POLARITY_METHOD}\u201d). Kategori capaian: > 90 "
            "sangat tinggi, > 75–90 tinggi, > 65–75 sedang, > 50–65 rendah, ≤ 50 sangat rendah; nilai di atas "
            "100% tidak dipotong dan diberi keterangan \"melampaui target\". Nilai AKIP dibandingkan sebagai "
            "nilai huruf.")


def indicator_table(tahun: int, data_dir=None) -> Table:
    """Target vs realisation of every indicator of ``tahun``, both conventions side by side."""
    t = evaluasi.indicators(tahun, data_dir).reset_index(drop=True)
    grades = t["target_grade"].map(lambda g: isinstance(g, str)).any() or \
        t["realisasi_grade"].map(lambda g: isinstance(g, str)).any()
    df = t.drop(columns=["kode"]).copy()
    df["polaritas"] = [POLARITY_LABELS.get(p) if isinstance(p, str) else None for p in t["polaritas"]]
    for col in ("target_grade", "realisasi_grade"):
        df[col] = [g if isinstance(g, str) else None for g in t[col]]
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
    return Table(df, columns, caption=f"Evaluasi capaian indikator tahun {tahun}", name=f"evaluasi-indikator-{tahun}",
                 notes=["Rumus dokumen = realisasi / target × 100; memperhatikan polaritas = "
                        f"{compute.POLARITY_METHODS[compute.POLARITY_METHOD]} untuk indikator yang makin rendah "
                        "makin baik. NA = tidak ada nilai."])


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
    fig.tight_layout()
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
    paths = evaluasi.iku_paths(data_dir)
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
    fig.tight_layout()
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
            f"Isi hanya kolom yang disorot: **realisasi**, **realisasi_grade** (untuk Nilai AKIP), **realisasi_anggaran** "
            "(Rp) dan **catatan**; jangan mengubah kolom jenis, kode, satuan, target atau pagu. Angka boleh ditulis "
            "1.234.567 atau 95,18; angka seperti 1.234 ditolak karena ambigu (tulis 1234). Kosongkan sel bila data "
            f"belum ada (jangan diisi 0). Lembar ini dapat diunduh sebagai berkas Excel atau CSV; berkas yang sudah "
            f"diisi diserahkan kepada pengelola data untuk diimpor sebagai realisasi tahun {tahun}.",
            table]


def _describe(r) -> str:
    if not is_na(r.target_grade) and not is_na(r.realisasi_grade):
        return f"target {r.target_grade}, realisasi {r.realisasi_grade}"
    decimals = 0 if not is_na(r.target) and float(r.target).is_integer() and not is_na(r.realisasi) \
        and float(r.realisasi).is_integer() else 2
    text = f"target {format_number(r.target, decimals)}, realisasi {format_number(r.realisasi, decimals)}"
    if not is_na(r.capaian_polaritas):
        text += f", capaian {format_percent(r.capaian_polaritas)}"
    return text


def narrative_text(tahun: int, table: pd.DataFrame) -> str:
    """Indonesian draft: which indicators met, missed, or lack realisation data in ``tahun``."""
    if table.empty:
        return f"Tidak ada indikator dengan target pada tahun {tahun}."
    counts = table["status"].value_counts()
    met, missed, nodata = (int(counts.get(s, 0)) for s in (evaluasi.STATUS_MET, evaluasi.STATUS_MISSED,
                                                           evaluasi.NO_DATA))
    parts = [f"Pada tahun {tahun} terdapat {format_number(len(table))} indikator dengan target."]
    if nodata == len(table):
        parts.append(f"Untuk seluruh indikator {evaluasi.NO_DATA}; tabel hanya menampilkan target. Angka capaian "
                     f"akan terisi setelah realisasi tahun {tahun} diimpor.")
        return " ".join(parts)
    parts.append(f"Sebanyak {format_number(met)} indikator tercapai, {format_number(missed)} tidak tercapai"
                 + (f", dan {format_number(nodata)} belum memiliki data realisasi." if nodata else "."))
    for r in table.itertuples():
        if r.status == evaluasi.STATUS_MISSED:
            parts.append(f"{markdown_escape(r.indikator)} belum mencapai target ({_describe(r)}).")
    doc_only = table[(table["capaian_dokumen"] >= 100) & (table["status"] == evaluasi.STATUS_MISSED)]
    if not doc_only.empty:
        names = "; ".join(markdown_escape(n) for n in doc_only["indikator"])
        parts.append("Perhatikan bahwa rumus dokumen (realisasi/target × 100) memberi capaian ≥ 100% untuk "
                     f"indikator yang makin rendah makin baik: {names}. Dengan rumus yang memperhatikan polaritas "
                     "indikator tersebut tidak tercapai.")
    if (table["indikator"].str.contains("Kekerasan", case=False, na=False)).any():
        parts.append("Kenaikan rasio kekerasan dapat juga mencerminkan pelaporan yang makin lengkap, sehingga perlu "
                     "dibaca bersama data layanan pengaduan.")
    return " ".join(parts)


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
    text = narrative_text(tahun, evaluasi.indicators(tahun, data_dir))
    return ["### Draf narasi (untuk direvisi)", Narrative(f"evaluasi-{tahun}", text)]
