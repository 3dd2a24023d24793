"""Annual evaluation: target against realisation for one ``tahun``, with both ratio conventions.

- 2019–2024 (previous Renstra): targets and realisation as printed in Tabel 2.3.4, SPM
  achievement of Tabel 2.3.3 and the budget tables of section 2.3.
- 2025–2029 (this Renstra): targets of Tabel 4.5.1 (IKU), 4.6 (IKK), 4.7 (SPM) and 4.1
  (program/kegiatan/sub-kegiatan output and pagu); realisation from
  ``data/realisasi/<tahun>.csv`` (see :mod:`helpers.core.realisasi`). Where it does not exist the
  evaluation says so ("belum ada data realisasi") and still shows the targets.

Achievement is given twice: as the document computes it (realisasi/target×100 for every
indicator) and polarity-aware (:func:`helpers.core.compute.achievement_polarity`), each with its
category.
"""
from __future__ import annotations

from typing import Optional

import pandas as pd

from helpers.core import compute
from helpers.core.data import load
from helpers.core.numbers import format_number, format_percent
from helpers.present.legacy import markdown_escape
from helpers.core.realisasi import PLAN_YEARS, load_realisasi

HISTORY_YEARS = (2019, 2024)
NO_DATA = "belum ada data realisasi"
STATUS_MET = "tercapai"
STATUS_MISSED = "tidak tercapai"

INDICATOR_COLUMNS = ("sumber", "kode", "indikator", "satuan", "polaritas", "target", "target_grade",
                     "realisasi", "realisasi_grade", "capaian_dokumen", "kategori_dokumen",
                     "capaian_polaritas", "kategori_polaritas", "status")


def _na(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _row(sumber, kode, indikator, satuan, polaritas, target, target_grade, realisasi, realisasi_grade) -> dict:
    has_grades = not _na(target_grade) or not _na(realisasi_grade)
    doc = compute.achievement_document(realisasi, target)
    pol = compute.achievement_polarity(realisasi, target, polaritas) if not _na(polaritas) else doc
    if _na(realisasi) and _na(realisasi_grade):
        status = NO_DATA
    elif has_grades and not _na(realisasi_grade) and not _na(target_grade):
        status = STATUS_MET if compute.akip_met(realisasi_grade, target_grade) else STATUS_MISSED
    elif pol is None:
        status = NO_DATA if _na(realisasi) else "tidak dapat dihitung (target kosong atau 0)"
    else:
        status = STATUS_MET if pol >= 100 else STATUS_MISSED
    if has_grades:
        grade_text = (f"nilai huruf: realisasi {realisasi_grade if not _na(realisasi_grade) else '-'}, "
                      f"target {target_grade if not _na(target_grade) else '-'}")
        doc_category = pol_category = grade_text if not _na(realisasi_grade) else NO_DATA
    else:
        doc_category = compute.category_label(doc) if doc is not None else (NO_DATA if _na(realisasi) else "-")
        pol_category = compute.category_label(pol) if pol is not None else (NO_DATA if _na(realisasi) else "-")
    return {
        "sumber": sumber, "kode": str(kode), "indikator": indikator, "satuan": satuan, "polaritas": polaritas,
        "target": target, "target_grade": target_grade, "realisasi": realisasi, "realisasi_grade": realisasi_grade,
        "capaian_dokumen": doc, "kategori_dokumen": doc_category,
        "capaian_polaritas": pol, "kategori_polaritas": pol_category,
        "status": status,
    }


def _frame(records: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=list(INDICATOR_COLUMNS))
    for col in ("target", "realisasi", "capaian_dokumen", "capaian_polaritas"):
        df[col] = pd.array([None if _na(v) else float(v) for v in df[col]], dtype="Float64")
    return df


def covered_years() -> tuple[int, int]:
    """All years that have targets: the previous plan's 2019–2024 and this plan's 2025–2029."""
    return HISTORY_YEARS[0], PLAN_YEARS[1]


def indicators(tahun: int, data_dir=None) -> pd.DataFrame:
    """Target vs realisation of every indicator with targets in ``tahun``."""
    tahun = int(tahun)
    if HISTORY_YEARS[0] <= tahun <= HISTORY_YEARS[1]:
        return _indicators_history(tahun, data_dir)
    if PLAN_YEARS[0] <= tahun <= PLAN_YEARS[1]:
        return _indicators_plan(tahun, data_dir)
    raise ValueError(f"tahun={tahun} has no targets; expected {HISTORY_YEARS[0]}-{PLAN_YEARS[1]}")


def _indicators_history(tahun: int, data_dir) -> pd.DataFrame:
    records = []
    kinerja = load("2_3_4_kinerja_pelayanan", data_dir)
    polarity = load("2_3_4_kinerja_pelayanan_indikator", data_dir).set_index("no")["polaritas"]
    for r in kinerja[kinerja["tahun"] == tahun].itertuples():
        records.append(_row("Tabel 2.3.4", r.no, r.indikator, r.satuan, polarity.get(r.no), r.target,
                            r.target_grade, r.realisasi, r.realisasi_grade))
    spm = load("2_3_3_spm_capaian", data_dir)
    for r in spm[spm["tahun"] == tahun].itertuples():
        # Tabel 2.3.3 prints achievement in percent against the SPM target of 100 % (PP 2/2018).
        records.append(_row("Tabel 2.3.3 (SPM)", r.no, r.indikator, r.satuan, "naik", 100.0, None, r.capaian, None))
    return _frame(records)


def _indicators_plan(tahun: int, data_dir) -> pd.DataFrame:
    real = load_realisasi(tahun, data_dir)
    lookup = {} if real is None else {(j, k): r for j, k, r in zip(real["jenis"], real["kode"], real.itertuples())}

    def realised(jenis, kode):
        r = lookup.get((jenis, kode))
        if r is None:
            return None, None
        return (None if _na(r.realisasi) else float(r.realisasi)), (None if _na(r.realisasi_grade) else r.realisasi_grade)

    records = []
    iku = load("4_5_1_iku_target", data_dir)
    for r in iku[iku["tahun"] == tahun].itertuples():
        value, grade = realised("IKU", f"IKU.{r.no}")
        records.append(_row("Tabel 4.5.1 (IKU)", f"IKU.{r.no}", r.indikator, r.satuan, r.polaritas, r.target,
                            r.target_grade, value, grade))
    ikk = load("4_6_ikk_target", data_dir)
    for r in ikk[ikk["tahun"] == tahun].itertuples():
        value, grade = realised("IKK", f"IKK.{r.no}")
        records.append(_row("Tabel 4.6 (IKK)", f"IKK.{r.no}", r.indikator, r.satuan, r.polaritas, r.target,
                            None, value, grade))
    spm = load("4_7_spm_target", data_dir)
    for r in spm[(spm["tahun"] == tahun) & (spm["level"] == "spm")].itertuples():
        value, grade = realised("SPM", f"SPM.{r.row_id}")
        records.append(_row("Tabel 4.7 (SPM)", f"SPM.{r.row_id}", r.uraian, r.satuan, r.polaritas, r.target,
                            None, value, grade))
    return _frame(records)


def has_realisation(tahun: int, data_dir=None) -> bool:
    """True when realisation exists for ``tahun`` (document years, or an imported file)."""
    if HISTORY_YEARS[0] <= int(tahun) <= HISTORY_YEARS[1]:
        return True
    return load_realisasi(int(tahun), data_dir) is not None


def budget(tahun: int, data_dir=None) -> pd.DataFrame:
    """Budget of each program/kegiatan/sub-kegiatan in ``tahun``: anggaran/pagu, realisasi, ratio."""
    from helpers.core.derive import budget_rollup, plan_rollup

    tahun = int(tahun)
    rows = []
    if HISTORY_YEARS[0] <= tahun <= HISTORY_YEARS[1]:
        table = "2_3_anggaran_2019_2020" if tahun <= 2020 else "2_3_anggaran_2021_2024"
        rolled = budget_rollup(load(table, data_dir))
        for r in rolled[rolled["tahun"] == tahun].itertuples():
            rows.append({"kode": r.row_id, "level": r.level, "uraian": r.uraian, "anggaran": r.anggaran,
                         "realisasi": r.realisasi})
    else:
        plan = plan_rollup(load("4_1_rencana_program", data_dir))
        real = load_realisasi(tahun, data_dir)
        spent = {} if real is None else dict(zip(real["kode"], real["realisasi_anggaran"]))
        leaves = set(plan["kode"]) - set(plan["parent_kode"].dropna())
        year = plan[(plan["tahun"] == tahun) & plan["level"].isin(["program", "kegiatan", "sub_kegiatan"])]
        # Parents' realisation is rolled up from their sub-kegiatan, like the pagu.
        leaf_real = {k: spent.get(k) for k in year["kode"] if k in leaves}
        parents = plan[["kode", "parent_kode"]].drop_duplicates().set_index("kode")["parent_kode"]
        totals: dict = {}
        for kode, value in leaf_real.items():
            node = kode
            while node is not None and not _na(node):
                if value is not None and not _na(value):
                    totals[node] = totals.get(node, 0.0) + float(value)
                node = parents.get(node)
        for r in year.itertuples():
            rows.append({"kode": r.kode, "level": r.level, "uraian": r.uraian, "anggaran": r.pagu,
                         "realisasi": totals.get(r.kode) if real is not None else None})
    df = pd.DataFrame.from_records(rows, columns=["kode", "level", "uraian", "anggaran", "realisasi"])
    df["anggaran"] = pd.array(df["anggaran"], dtype="Float64")
    df["realisasi"] = pd.array(df["realisasi"], dtype="Float64")
    df["rasio"] = pd.array([compute.budget_ratio(r, a) if not _na(r) else None
                            for r, a in zip(df["realisasi"], df["anggaran"])], dtype="Float64")
    df["kategori"] = [compute.category_label(x) if not _na(x) else NO_DATA for x in df["rasio"]]
    return df


def narrative(tahun: int, table: pd.DataFrame) -> str:
    """Indonesian draft: which indicators met, missed, or lack realisation data in ``tahun``."""
    if table.empty:
        return f"Tidak ada indikator dengan target pada tahun {tahun}."
    counts = table["status"].value_counts()
    met, missed, nodata = (int(counts.get(s, 0)) for s in (STATUS_MET, STATUS_MISSED, NO_DATA))
    parts = [f"Pada tahun {tahun} terdapat {len(table)} indikator dengan target."]
    if nodata == len(table):
        parts.append(f"Untuk seluruh indikator {NO_DATA}; tabel hanya menampilkan target. Angka capaian akan "
                     f"terisi setelah realisasi tahun {tahun} diimpor (make realisasi FILE=… TAHUN={tahun}).")
        return " ".join(parts)
    parts.append(f"Sebanyak {met} indikator tercapai, {missed} tidak tercapai"
                 + (f", dan {nodata} belum memiliki data realisasi." if nodata else "."))
    for r in table.itertuples():
        if r.status == STATUS_MISSED:
            detail = _describe(r)
            parts.append(f"{markdown_escape(r.indikator)} belum mencapai target ({detail}).")
    doc_only = table[(table["capaian_dokumen"] >= 100) & (table["status"] == STATUS_MISSED)]
    if not doc_only.empty:
        names = "; ".join(markdown_escape(n) for n in doc_only["indikator"])
        parts.append("Perhatikan bahwa rumus dokumen (realisasi/target × 100) memberi capaian ≥ 100% untuk "
                     f"indikator yang makin rendah makin baik: {names}. Dengan rumus yang memperhatikan polaritas "
                     "indikator tersebut tidak tercapai.")
    if (table["indikator"].str.contains("Kekerasan", case=False, na=False)).any():
        parts.append("Kenaikan rasio kekerasan dapat juga mencerminkan pelaporan yang makin lengkap, sehingga perlu "
                     "dibaca bersama data layanan pengaduan.")
    return " ".join(parts)


def _describe(r) -> str:
    if not _na(r.target_grade) and not _na(r.realisasi_grade):
        return f"target {r.target_grade}, realisasi {r.realisasi_grade}"
    decimals = 0 if not _na(r.target) and float(r.target).is_integer() and not _na(r.realisasi) \
        and float(r.realisasi).is_integer() else 2
    text = f"target {format_number(r.target, decimals)}, realisasi {format_number(r.realisasi, decimals)}"
    if not _na(r.capaian_polaritas):
        text += f", capaian {format_percent(r.capaian_polaritas)}"
    return text


def achievement_label(value: Optional[float]) -> str:
    """Percent with its category, or the no-data phrase."""
    if value is None or _na(value):
        return NO_DATA
    return f"{format_percent(value)} ({compute.category_label(value)})"
