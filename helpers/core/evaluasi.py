"""Annual evaluation: target against realisation for one ``tahun``, with both ratio conventions.

- History years (the previous Renstra: the years before the plan period that the tables of
  section 2.3 hold, :func:`history_years`): targets and realisation as printed in Tabel 2.3.4,
  SPM achievement of Tabel 2.3.3 and the budget tables of section 2.3.
- Plan years (``periode`` of ``data/opd.yaml``, :func:`plan_years`): targets of Tabel 4.5.1 (IKU),
  4.6 (IKK), 4.7 (SPM) and 4.1 (program/kegiatan/sub-kegiatan output and pagu); realisation from
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
from helpers.core.data import has_table, load, table_ids
from helpers.core.numbers import format_percent
from helpers.core.opd import load_opd
from helpers.core.realisasi import load_realisasi
from helpers.core.text import is_na

#: Tables of the previous Renstra with targets and realisation per year (section 2.3).
HISTORY_TABLES = ("2_3_4_kinerja_pelayanan", "2_3_3_spm_capaian")
#: Budget tables of section 2.3 (anggaran and realisasi per year) start with this id.
HISTORY_BUDGET_PREFIX = "2_3_anggaran"
#: Tables of this Renstra with targets per plan year (Bab IV).
PLAN_TABLES = ("4_5_1_iku_target", "4_6_ikk_target", "4_7_spm_target", "4_1_rencana_program")

#: Which history indicator continues which IKU of Tabel 4.5.1, for the IKU trend: IKU no ->
#: (Tabel 2.3.4 no for the old targets, Tabel 2.3.1 no for the realisation, a word all three
#: names contain). Only pairs measuring the same thing in the same unit are linked: poverty
#: rate and the child-violence ratio. AKIP has only grades before the plan, the PPKS indicator
#: changed from a count to a percentage (docs/assumptions.md, "Evaluasi"). A link applies only
#: when the three rows exist, share the unit and all contain the word, so another office's
#: indicators are never joined by number alone.
IKU_HISTORY_LINKS = {1: (2, 3, "kemiskinan"), 5: (5, 5, "kekerasan terhadap anak")}

NO_DATA = "belum ada data realisasi"
STATUS_MET = "tercapai"
STATUS_MISSED = "tidak tercapai"

INDICATOR_COLUMNS = ("sumber", "kode", "indikator", "satuan", "polaritas", "target", "target_grade",
                     "realisasi", "realisasi_grade", "capaian_dokumen", "kategori_dokumen",
                     "capaian_polaritas", "kategori_polaritas", "status")


def _row(sumber, kode, indikator, satuan, polaritas, target, target_grade, realisasi, realisasi_grade) -> dict:
    has_grades = not is_na(target_grade) or not is_na(realisasi_grade)
    doc = compute.achievement_document(realisasi, target)
    pol = compute.achievement_polarity(realisasi, target, polaritas) if not is_na(polaritas) else doc
    if is_na(realisasi) and is_na(realisasi_grade):
        status = NO_DATA
    elif has_grades and not is_na(realisasi_grade) and not is_na(target_grade):
        status = STATUS_MET if compute.akip_met(realisasi_grade, target_grade) else STATUS_MISSED
    elif pol is None:
        status = NO_DATA if is_na(realisasi) else "tidak dapat dihitung (target kosong atau 0)"
    else:
        status = STATUS_MET if pol >= 100 else STATUS_MISSED
    if has_grades:
        grade_text = (f"nilai huruf: realisasi {realisasi_grade if not is_na(realisasi_grade) else '-'}, "
                      f"target {target_grade if not is_na(target_grade) else '-'}")
        doc_category = pol_category = grade_text if not is_na(realisasi_grade) else NO_DATA
    else:
        doc_category = compute.category_label(doc) if doc is not None else (NO_DATA if is_na(realisasi) else "-")
        pol_category = compute.category_label(pol) if pol is not None else (NO_DATA if is_na(realisasi) else "-")
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
        df[col] = pd.array([None if is_na(v) else float(v) for v in df[col]], dtype="Float64")
    return df


def plan_years(data_dir=None) -> tuple[int, int]:
    """First and last year of this Renstra (``periode`` of ``data/opd.yaml``)."""
    return load_opd(data_dir).periode


def _budget_tables(data_dir) -> list[str]:
    return [t for t in table_ids(data_dir) if t.startswith(HISTORY_BUDGET_PREFIX)
            and "tahun" in load(t, data_dir).columns]


def history_years(data_dir=None) -> list[int]:
    """Years of the previous Renstra in the data: those before the plan period that the tables of
    section 2.3 (indicators, SPM, budget) hold, e.g. 2019–2024."""
    first_plan = plan_years(data_dir)[0]
    years: set[int] = set()
    for table in [t for t in HISTORY_TABLES if has_table(t, data_dir)] + _budget_tables(data_dir):
        years.update(int(y) for y in load(table, data_dir)["tahun"].dropna() if int(y) < first_plan)
    return sorted(years)


def is_history_year(tahun: int, data_dir=None) -> bool:
    """True for a year of the previous Renstra that the data holds (:func:`history_years`)."""
    return int(tahun) in history_years(data_dir)


def is_plan_year(tahun: int, data_dir=None) -> bool:
    first, last = plan_years(data_dir)
    return first <= int(tahun) <= last


def has_targets(tahun: int, data_dir=None) -> bool:
    """True when ``tahun`` is a history year or a plan year (:func:`indicators` can evaluate it)."""
    return is_history_year(tahun, data_dir) or is_plan_year(tahun, data_dir)


def covered_years(data_dir=None) -> tuple[int, int]:
    """All years that have targets: the previous plan's years in the data and this plan's years."""
    history = history_years(data_dir)
    first, last = plan_years(data_dir)
    return (history[0] if history else first), last


def indicators(tahun: int, data_dir=None) -> pd.DataFrame:
    """Target vs realisation of every indicator with targets in ``tahun``."""
    tahun = int(tahun)
    if is_history_year(tahun, data_dir):
        return _indicators_history(tahun, data_dir)
    if is_plan_year(tahun, data_dir):
        return _indicators_plan(tahun, data_dir)
    low, high = covered_years(data_dir)
    raise ValueError(f"tahun={tahun} has no targets; expected {low}-{high}")


def _indicators_history(tahun: int, data_dir) -> pd.DataFrame:
    records = []
    if has_table("2_3_4_kinerja_pelayanan", data_dir):
        kinerja = load("2_3_4_kinerja_pelayanan", data_dir)
        polarity = (load("2_3_4_kinerja_pelayanan_indikator", data_dir).set_index("no")["polaritas"]
                    if has_table("2_3_4_kinerja_pelayanan_indikator", data_dir) else pd.Series(dtype=object))
        for r in kinerja[kinerja["tahun"] == tahun].itertuples():
            records.append(_row("Tabel 2.3.4", r.no, r.indikator, r.satuan, polarity.get(r.no), r.target,
                                r.target_grade, r.realisasi, r.realisasi_grade))
    if has_table("2_3_3_spm_capaian", data_dir):
        spm = load("2_3_3_spm_capaian", data_dir)
        for r in spm[spm["tahun"] == tahun].itertuples():
            # Tabel 2.3.3 prints achievement in percent against the SPM target of 100 % (PP 2/2018).
            records.append(_row("Tabel 2.3.3 (SPM)", r.no, r.indikator, r.satuan, "naik", 100.0, None, r.capaian,
                                None))
    return _frame(records)


def _indicators_plan(tahun: int, data_dir) -> pd.DataFrame:
    real = load_realisasi(tahun, data_dir)
    lookup = {} if real is None else {(j, k): r for j, k, r in zip(real["jenis"], real["kode"], real.itertuples())}

    def realised(jenis, kode):
        r = lookup.get((jenis, kode))
        if r is None:
            return None, None
        return (None if is_na(r.realisasi) else float(r.realisasi)), (None if is_na(r.realisasi_grade) else r.realisasi_grade)

    records = []
    if has_table("4_5_1_iku_target", data_dir):
        iku = load("4_5_1_iku_target", data_dir)
        for r in iku[iku["tahun"] == tahun].itertuples():
            value, grade = realised("IKU", f"IKU.{r.no}")
            records.append(_row("Tabel 4.5.1 (IKU)", f"IKU.{r.no}", r.indikator, r.satuan, r.polaritas, r.target,
                                r.target_grade, value, grade))
    if has_table("4_6_ikk_target", data_dir):
        ikk = load("4_6_ikk_target", data_dir)
        for r in ikk[ikk["tahun"] == tahun].itertuples():
            value, grade = realised("IKK", f"IKK.{r.no}")
            records.append(_row("Tabel 4.6 (IKK)", f"IKK.{r.no}", r.indikator, r.satuan, r.polaritas, r.target,
                                None, value, grade))
    if has_table("4_7_spm_target", data_dir):
        spm = load("4_7_spm_target", data_dir)
        for r in spm[(spm["tahun"] == tahun) & (spm["level"] == "spm")].itertuples():
            value, grade = realised("SPM", f"SPM.{r.row_id}")
            records.append(_row("Tabel 4.7 (SPM)", f"SPM.{r.row_id}", r.uraian, r.satuan, r.polaritas, r.target,
                                None, value, grade))
    return _frame(records)


def has_realisation(tahun: int, data_dir=None) -> bool:
    """True when realisation exists for ``tahun`` (document years, or an imported file)."""
    if is_history_year(tahun, data_dir):
        return True
    return load_realisasi(int(tahun), data_dir) is not None


def iku_paths(data_dir=None) -> pd.DataFrame:
    """Per IKU (Tabel 4.5.1): the plan's target path, the linked history (old targets and realisation
    of :data:`IKU_HISTORY_LINKS`) and the imported realisation of the plan years.

    Columns ``no, indikator, satuan, tahun, seri ("target"/"realisasi"), nilai``.
    """
    columns = ["no", "indikator", "satuan", "tahun", "seri", "nilai"]
    if not has_table("4_5_1_iku_target", data_dir):
        return pd.DataFrame(columns=columns)
    iku = load("4_5_1_iku_target", data_dir)
    rows = []
    for r in iku.itertuples():
        rows.append({"no": r.no, "indikator": r.indikator, "satuan": r.satuan, "tahun": r.tahun,
                     "seri": "target", "nilai": r.target})
    history = load("2_3_4_kinerja_pelayanan", data_dir) if has_table("2_3_4_kinerja_pelayanan", data_dir) else None
    realised = load("2_3_1_iku_realisasi", data_dir) if has_table("2_3_1_iku_realisasi", data_dir) else None
    for no, (target_no, realised_no, word) in IKU_HISTORY_LINKS.items():
        plan = iku[iku["no"] == no]
        if plan.empty or history is None or realised is None:
            continue
        name, unit = plan["indikator"].iloc[0], plan["satuan"].iloc[0]
        old = history[history["no"] == target_no]
        real = realised[realised["no"] == realised_no]
        linked = [name] + list(old["indikator"].head(1)) + list(real["indikator"].head(1))
        units = {str(u) for u in [unit] + list(old["satuan"].head(1)) + list(real["satuan"].head(1))}
        if len(linked) < 3 or len(units) != 1 or not all(word in str(n).lower() for n in linked):
            continue
        for h in old.itertuples():
            rows.append({"no": no, "indikator": name, "satuan": unit, "tahun": h.tahun,
                         "seri": "target", "nilai": h.target})
        for h in real.itertuples():
            rows.append({"no": no, "indikator": name, "satuan": unit, "tahun": h.tahun,
                         "seri": "realisasi", "nilai": h.nilai})
    first, last = plan_years(data_dir)
    for year in range(first, last + 1):
        real = load_realisasi(year, data_dir)
        if real is None:
            continue
        for r in real[real["jenis"] == "IKU"].itertuples():
            no = int(str(r.kode).split(".")[1])
            rows.append({"no": no, "indikator": r.indikator, "satuan": r.satuan, "tahun": year,
                         "seri": "realisasi", "nilai": r.realisasi})
    df = pd.DataFrame(rows, columns=columns)
    df["nilai"] = pd.array([None if is_na(v) else float(v) for v in df["nilai"]], dtype="Float64")
    return df


def budget(tahun: int, data_dir=None) -> pd.DataFrame:
    """Budget of each program/kegiatan/sub-kegiatan in ``tahun``: anggaran/pagu, realisasi, ratio."""
    from helpers.core.derive import budget_rollup, plan_rollup

    tahun = int(tahun)
    rows = []
    if is_history_year(tahun, data_dir):
        for table in _budget_tables(data_dir):
            rolled = budget_rollup(load(table, data_dir))
            for r in rolled[rolled["tahun"] == tahun].itertuples():
                rows.append({"kode": r.row_id, "level": r.level, "uraian": r.uraian, "anggaran": r.anggaran,
                             "realisasi": r.realisasi})
    elif has_table("4_1_rencana_program", data_dir):
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
            while node is not None and not is_na(node):
                if value is not None and not is_na(value):
                    totals[node] = totals.get(node, 0.0) + float(value)
                node = parents.get(node)
        for r in year.itertuples():
            rows.append({"kode": r.kode, "level": r.level, "uraian": r.uraian, "anggaran": r.pagu,
                         "realisasi": totals.get(r.kode) if real is not None else None})
    df = pd.DataFrame.from_records(rows, columns=["kode", "level", "uraian", "anggaran", "realisasi"])
    df["anggaran"] = pd.array(df["anggaran"], dtype="Float64")
    df["realisasi"] = pd.array(df["realisasi"], dtype="Float64")
    df["rasio"] = pd.array([compute.budget_ratio(r, a) if not is_na(r) else None
                            for r, a in zip(df["realisasi"], df["anggaran"])], dtype="Float64")
    df["kategori"] = [compute.category_label(x) if not is_na(x) else NO_DATA for x in df["rasio"]]
    return df


def achievement_label(value: Optional[float]) -> str:
    """Percent with its category, or the no-data phrase."""
    if value is None or is_na(value):
        return NO_DATA
    return f"{format_percent(value)} ({compute.category_label(value)})"
