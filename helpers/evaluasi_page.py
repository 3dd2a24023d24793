"""Display tables and charts of the evaluation page (notebooks/01-evaluasi.ipynb)."""
from __future__ import annotations

import pandas as pd

from helpers.core import compute, evaluasi
from helpers.core.data import load
from helpers.core.realisasi import load_realisasi

#: Which history indicator continues which IKU of Tabel 4.5.1 (IKU no → Tabel 2.3.4 no for the old
#: targets, Tabel 2.3.1 no for the realisation). Only pairs measuring the same thing in the same unit
#: are linked: poverty rate and the child-violence ratio. AKIP has only grades before 2025, the
#: PPKS indicator changed from a count to a percentage (docs/assumptions.md, "Evaluasi").
IKU_HISTORY_TARGET = {1: 2, 5: 5}
IKU_HISTORY_REALISASI = {1: 3, 5: 5}


def intro(tahun: int, data_dir=None) -> str:
    """The first paragraph: where targets and realisation come from for ``tahun``."""
    method = compute.POLARITY_METHODS[compute.POLARITY_METHOD]
    if evaluasi.HISTORY_YEARS[0] <= tahun <= evaluasi.HISTORY_YEARS[1]:
        source = (f"Tahun {tahun} termasuk periode Renstra sebelumnya: target dan realisasi diambil dari Tabel 2.3.4 "
                  "dan Tabel 2.3.3 (SPM), anggaran dari tabel anggaran dan realisasi Bab II.")
    elif evaluasi.has_realisation(tahun, data_dir):
        source = (f"Target tahun {tahun} dari Tabel 4.5.1, 4.6, 4.7 dan 4.1; realisasi dari berkas "
                  f"`data/realisasi/{tahun}.csv` yang diimpor Dinas.")
    else:
        source = (f"Target tahun {tahun} dari Tabel 4.5.1, 4.6, 4.7 dan 4.1. **Belum ada data realisasi untuk tahun "
                  f"{tahun}**: tabel di bawah hanya menampilkan target. Template isian realisasi tahun ini ditulis ke "
                  f"`tables/template-realisasi-{tahun}.xlsx`; setelah diisi, impor dengan "
                  f"`make realisasi FILE=… TAHUN={tahun}`.")
    return (f"{source}\n\nCapaian dihitung dua kali: **rumus dokumen** `realisasi / target × 100` untuk semua indikator, "
            f"dan **memperhatikan polaritas**: untuk indikator yang makin rendah makin baik dipakai `{method}` "
            f"(pengaturan `POLARITY_METHOD = \"{compute.POLARITY_METHOD}\"`). Kategori capaian: > 90 sangat tinggi, "
            "> 75–90 tinggi, > 65–75 sedang, > 50–65 rendah, ≤ 50 sangat rendah; nilai di atas 100% tidak dipotong "
            "dan diberi keterangan \"melampaui target\". Nilai AKIP dibandingkan sebagai nilai huruf.")


def indicator_table(tahun: int, data_dir=None) -> dict:
    """Target vs realisation of every indicator of ``tahun``."""
    t = evaluasi.indicators(tahun, data_dir)
    polarity = {"naik": "makin tinggi makin baik", "turun": "makin rendah makin baik"}
    target = [g if isinstance(g, str) else None for g in t["target_grade"]]
    df = pd.DataFrame({
        "Sumber": t["sumber"], "Indikator": t["indikator"], "Satuan": t["satuan"].fillna("-"),
        "Polaritas": [polarity.get(p, "-") if isinstance(p, str) else "-" for p in t["polaritas"]],
        "Target": t["target"],
        "Target (huruf)": [g or "-" for g in target],
        "Realisasi": t["realisasi"],
        "Realisasi (huruf)": [g if isinstance(g, str) else "-" for g in t["realisasi_grade"]],
        "Capaian rumus dokumen (%)": t["capaian_dokumen"], "Kategori (rumus dokumen)": t["kategori_dokumen"],
        "Capaian memperhatikan polaritas (%)": t["capaian_polaritas"],
        "Kategori (polaritas)": t["kategori_polaritas"], "Status": t["status"],
    })
    if all(g == "-" for g in df["Target (huruf)"]) and all(g == "-" for g in df["Realisasi (huruf)"]):
        df = df.drop(columns=["Target (huruf)", "Realisasi (huruf)"])
    return {"df": df, "caption": f"Evaluasi capaian indikator tahun {tahun}",
            "kinds": {"Target": "dec2", "Realisasi": "dec2", "Capaian rumus dokumen (%)": "dec2",
                      "Capaian memperhatikan polaritas (%)": "dec2"},
            "name": f"evaluasi-indikator-{tahun}"}


def budget_table(tahun: int, data_dir=None, levels=("program",)) -> dict:
    """Budget (anggaran/pagu) vs realisation per program (or deeper levels) in ``tahun``."""
    b = evaluasi.budget(tahun, data_dir)
    b = b[b["level"].isin(levels)]
    df = pd.DataFrame({"Kode": b["kode"], "Uraian": b["uraian"], "Anggaran/Pagu (Rp)": b["anggaran"],
                       "Realisasi (Rp)": b["realisasi"], "Rasio (%)": b["rasio"], "Kategori": b["kategori"]})
    total_a = b["anggaran"].sum(min_count=1)
    total_r = b["realisasi"].sum(min_count=1)
    total = pd.DataFrame({"Kode": [""], "Uraian": ["Jumlah"], "Anggaran/Pagu (Rp)": pd.array([total_a], dtype="Float64"),
                          "Realisasi (Rp)": pd.array([total_r], dtype="Float64"),
                          "Rasio (%)": pd.array([compute.budget_ratio(total_r, total_a) if not pd.isna(total_r) else None],
                                                dtype="Float64"),
                          "Kategori": [compute.category_label(compute.budget_ratio(total_r, total_a))
                                       if not pd.isna(total_r) else evaluasi.NO_DATA]})
    df = pd.concat([df, total], ignore_index=True)
    return {"df": df, "caption": f"Anggaran dan realisasi per program tahun {tahun}",
            "kinds": {"Anggaran/Pagu (Rp)": "rupiah", "Realisasi (Rp)": "rupiah", "Rasio (%)": "dec2"},
            "name": f"evaluasi-anggaran-{tahun}"}


def achievement_chart(tahun: int, data_dir=None):
    """Horizontal bars of achievement per indicator, both conventions side by side."""
    import matplotlib.pyplot as plt
    import numpy as np

    from helpers.present.legacy import HATCHES, PALETTE, id_formatter

    t = evaluasi.indicators(tahun, data_dir)
    t = t[t["capaian_dokumen"].notna() | t["capaian_polaritas"].notna()]
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.45 * len(t) + 1.2)))
    if t.empty:
        ax.text(0.5, 0.5, f"Belum ada data realisasi tahun {tahun}", ha="center", va="center", fontsize=12)
        ax.set_axis_off()
        ax.set_title(f"Capaian indikator tahun {tahun}")
        return fig
    labels = [s[:60] + ("…" if len(s) > 60 else "") for s in t["indikator"]]
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
    ax.set_title(f"Capaian indikator tahun {tahun} (garis putus-putus = 100%)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def iku_paths(data_dir=None) -> pd.DataFrame:
    """Per IKU: target path 2025–2029 (Tabel 4.5.1), history 2019–2024 and imported realisation."""
    iku = load("4_5_1_iku_target", data_dir)
    history = load("2_3_4_kinerja_pelayanan", data_dir)
    realised = load("2_3_1_iku_realisasi", data_dir)
    rows = []
    for r in iku.itertuples():
        rows.append({"no": r.no, "indikator": r.indikator, "satuan": r.satuan, "tahun": r.tahun,
                     "seri": "target", "nilai": r.target})
    for no, hist_no in IKU_HISTORY_TARGET.items():
        name = iku.loc[iku["no"] == no, "indikator"].iloc[0]
        unit = iku.loc[iku["no"] == no, "satuan"].iloc[0]
        for h in history[history["no"] == hist_no].itertuples():
            rows.append({"no": no, "indikator": name, "satuan": unit, "tahun": h.tahun,
                         "seri": "target", "nilai": h.target})
        for h in realised[realised["no"] == IKU_HISTORY_REALISASI[no]].itertuples():
            rows.append({"no": no, "indikator": name, "satuan": unit, "tahun": h.tahun,
                         "seri": "realisasi", "nilai": h.nilai})
    for year in range(evaluasi.PLAN_YEARS[0], evaluasi.PLAN_YEARS[1] + 1):
        real = load_realisasi(year, data_dir)
        if real is None:
            continue
        for r in real[real["jenis"] == "IKU"].itertuples():
            no = int(str(r.kode).split(".")[1])
            rows.append({"no": no, "indikator": r.indikator, "satuan": r.satuan, "tahun": year,
                         "seri": "realisasi", "nilai": r.realisasi})
    df = pd.DataFrame(rows)
    df["nilai"] = pd.array([None if pd.isna(v) else float(v) for v in df["nilai"]], dtype="Float64")
    return df


def iku_trend_chart(tahun: int, data_dir=None):
    """Small multiples: each IKU's target path and realisation up to ``tahun``."""
    import matplotlib.pyplot as plt

    from helpers.present.legacy import MARKERS, PALETTE, id_formatter

    paths = iku_paths(data_dir)
    paths = paths[paths["tahun"] <= max(tahun, evaluasi.PLAN_YEARS[1])]
    names = list(dict.fromkeys(paths["indikator"]))
    cols = 3
    rows = (len(names) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(12, 3.2 * rows), squeeze=False)
    for ax, name in zip(axes.flat, names):
        sub = paths[paths["indikator"] == name]
        target = sub[sub["seri"] == "target"].dropna(subset=["nilai"]).sort_values("tahun")
        real = sub[(sub["seri"] == "realisasi") & (sub["tahun"] <= tahun)].dropna(subset=["nilai"]).sort_values("tahun")
        ax.plot(target["tahun"], target["nilai"], linestyle="--", color=PALETTE[0], marker=MARKERS[1], label="Target")
        if not real.empty:
            ax.plot(real["tahun"], real["nilai"], linestyle="-", color=PALETTE[1], marker=MARKERS[0], label="Realisasi")
        ax.axvline(tahun, color="grey", linewidth=0.8)
        unit = sub["satuan"].iloc[0]
        ax.set_title(name if len(name) <= 45 else name[:44] + "…", fontsize=9)
        ax.set_ylabel(f"Nilai ({unit})" if isinstance(unit, str) else "Nilai")
        ax.set_xlabel("Tahun")
        ax.yaxis.set_major_formatter(id_formatter(2))
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(names):]:
        ax.set_axis_off()
    fig.suptitle(f"IKU: jalur target dan realisasi (garis abu-abu = tahun {tahun})", fontweight="bold")
    fig.tight_layout()
    return fig
