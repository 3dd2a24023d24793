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

For plan years :func:`form_e80` builds the Renstra evaluation form of Permendagri 86/2017 (E.80):
sasaran → IKU → program → kegiatan → sub kegiatan with K/Rp per year, realisation to date against
the end-of-period target, category, unit penanggung jawab, keterangan, the averages and what is
still missing (:func:`missing_rows`); :func:`spm_detail` gives the SPM services with sub-items.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pandas as pd

from helpers.core import compute
from helpers.core.data import has_table, load, table_ids
from helpers.core.numbers import format_number, format_percent
from helpers.core.opd import load_opd
from helpers.core.realisasi import PLAN_LEVELS, load_realisasi, rollup_conflicts
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
NOT_COMPUTABLE = "tidak dapat dihitung (target 0 atau kosong)"
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
        status = NO_DATA if is_na(realisasi) else NOT_COMPUTABLE
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


def iku_paths(data_dir=None, until: Optional[int] = None) -> pd.DataFrame:
    """Per IKU (Tabel 4.5.1): the plan's target path, the linked history (old targets and realisation
    of :data:`IKU_HISTORY_LINKS`) and the imported realisation of the plan years (up to ``until``;
    a later year's file is not read, so the page for ``until`` does not depend on it).

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
    for year in range(first, last + 1 if until is None else min(last, int(until)) + 1):
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


# --------------------------------------------------------------------------------------------
# The Renstra evaluation form (Permendagri 86/2017, formulir E.80, kabupaten/kota)
# --------------------------------------------------------------------------------------------

#: Rows of the form, top-down: sasaran (a heading), its indicators (IKU), program, kegiatan,
#: sub kegiatan; ``kelompok`` heads rows the cascading does not place under a sasaran.
FORM_LEVELS = ("sasaran", "iku", "program", "kegiatan", "sub_kegiatan", "kelompok")
#: The table giving each program's responsible unit (section 2.1), and the units themselves.
UNIT_TABLE = "2_1_penanggung_jawab_program"
UNITS_TABLE = "2_1_unit_organisasi"
_STOPWORDS = {"yang", "terhadap", "dan", "di", "ke", "dari", "dalam"}


def _words(text) -> set[str]:
    import re

    return {w for w in re.findall(r"[a-z0-9]+", str(text).lower()) if w not in _STOPWORDS}


def _similar(a, b) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def iku_sasaran(data_dir=None) -> dict[int, int]:
    """IKU no (Tabel 4.5.1) → sasaran_no (Tabel 3.2.1): the sasaran indicator with the same satuan and
    polarity and the most similar name (at least half of the words shared; "Rasi"/"Rasio" differ by
    a typo, so names are not compared exactly). An IKU without such an indicator has no sasaran."""
    if not (has_table("4_5_1_iku_target", data_dir) and has_table("3_2_1_tujuan_sasaran", data_dir)):
        return {}
    iku = load("4_5_1_iku_target", data_dir).drop_duplicates("no")
    sasaran = load("3_2_1_tujuan_sasaran", data_dir).drop_duplicates(["sasaran_no", "indikator_sasaran"])
    out = {}
    for r in iku.itertuples():
        best, score = None, 0.5
        for s in sasaran.itertuples():
            if str(s.satuan) != str(r.satuan) or str(s.polaritas) != str(r.polaritas):
                continue
            value = _similar(r.indikator, s.indikator_sasaran)
            if value >= score:
                best, score = int(s.sasaran_no), value
        if best is not None:
            out[int(r.no)] = best
    return out


def program_units(data_dir=None) -> dict[str, str]:
    """Program code → name of its responsible unit (:data:`UNIT_TABLE`, section 2.1); empty without it."""
    if not has_table(UNIT_TABLE, data_dir) or not has_table(UNITS_TABLE, data_dir):
        return {}
    names = load(UNITS_TABLE, data_dir, check_references=False).set_index("row_id")["nama"].to_dict()
    table = load(UNIT_TABLE, data_dir, check_references=False)
    return {str(r.kode_program): names[r.unit] for r in table.itertuples() if r.unit in names}


def _lookup_copy(frame: pd.DataFrame) -> dict:
    return {(r["jenis"], r["kode"]): r for r in frame.to_dict("records")}


def realised_years(tahun: int, data_dir=None) -> dict[int, Optional[pd.DataFrame]]:
    """Every plan year up to ``tahun`` with its imported realisation (None: not imported yet)."""
    first, last = plan_years(data_dir)
    return {y: load_realisasi(y, data_dir) for y in range(first, min(int(tahun), last) + 1)}


def _plan_tree(data_dir) -> Optional[pd.DataFrame]:
    from helpers.core.derive import plan_rollup

    if not has_table("4_1_rencana_program", data_dir):
        return None
    return plan_rollup(load("4_1_rencana_program", data_dir))


def _cascade_programs(data_dir) -> dict[int, list[str]]:
    if not has_table("3_2_2_cascading", data_dir):
        return {}
    c = load("3_2_2_cascading", data_dir)
    out: dict[int, list[str]] = {}
    for s, k in zip(c["sasaran_no"], c["kode_program"]):
        if not is_na(k):
            out.setdefault(int(s), [])
            if k not in out[int(s)]:
                out[int(s)].append(str(k))
    return out


def _polarities(data_dir) -> dict[str, str]:
    """Polarity of a Tabel 4.1 row's indicator where the data gives one (the cascading, Tabel 3.2.2)."""
    if not has_table("3_2_2_cascading", data_dir):
        return {}
    c = load("3_2_2_cascading", data_dir)
    out = {}
    for col in ("kode_indikator_4_1",):
        for k, p in zip(c[col], c["polaritas"]):
            if not is_na(k) and not is_na(p):
                out[str(k)] = str(p)
    return out


@dataclass
class Form:
    """The E.80 form of ``tahun``: its rows (:func:`form_e80`), the years it covers, the convention
    of tingkat capaian K, the closing averages and what is still missing."""

    tahun: int
    years: list[int]
    convention: str
    rows: pd.DataFrame
    decimals: list[int]
    averages: dict
    missing: pd.DataFrame
    conflicts: pd.DataFrame
    without_unit: list[str]
    imported: list[int]


_LOOKUPS: dict[int, tuple] = {}


def _lookup(frame: Optional[pd.DataFrame]) -> Optional[dict]:
    """``(jenis, kode)`` → the row's cells (as Python values) of an imported year; None without one."""
    if frame is None:
        return None
    cached = _LOOKUPS.get(id(frame))
    if cached is not None and cached[0] is frame:
        return cached[1]
    records = frame.to_dict("records")
    table = {(r["jenis"], r["kode"]): r for r in records}
    _LOOKUPS.clear()  # one imported year at a time is enough; the frames are short-lived
    _LOOKUPS[id(frame)] = (frame, table)
    return table


def _cell(frame, jenis: str, kode: str, col: str):
    """One cell of an imported year (a frame or its :func:`_lookup`), None when empty or absent."""
    table = frame if isinstance(frame, dict) or frame is None else _lookup(frame)
    if table is None:
        return None
    record = table.get((jenis, kode))
    if record is None:
        return None
    value = record.get(col)
    return None if is_na(value) else (float(value) if col not in ("catatan", "realisasi_grade") else str(value))


_FORMS: dict[tuple, "Form"] = {}


def _data_stamp(data_dir) -> tuple:
    from helpers.core.data import resolve_data_dir

    root = resolve_data_dir(data_dir)
    files = sorted(list((root / "tables").glob("*.csv")) + list((root / "realisasi").glob("*.csv"))
                   + [root / "opd.yaml"])
    return (str(root),) + tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())


def form_e80(tahun: int, data_dir=None, convention: Optional[str] = None) -> Optional["Form"]:
    """The E.80 form of ``tahun`` (:func:`build_form_e80`), computed once per state of the data files."""
    key = (int(tahun), convention or compute.FORM_CONVENTION, _data_stamp(data_dir))
    if key not in _FORMS:
        if len(_FORMS) > 8:
            _FORMS.clear()
        _FORMS[key] = build_form_e80(tahun, data_dir, convention)
    return _FORMS[key]


def build_form_e80(tahun: int, data_dir=None, convention: Optional[str] = None) -> Optional[Form]:
    """The rows of the evaluation form E.80 for a plan year ``tahun`` (None for other years).

    Columns of ``rows``: ``level, kode, uraian, indikator, satuan, polaritas, kondisi_awal,
    target_akhir_k, target_akhir_rp``; per year ``y`` of the plan up to ``tahun``: ``target_k_y,
    target_rp_y, realisasi_k_y, realisasi_rp_y, capaian_k_y, capaian_rp_y``; then ``realisasi_sd_k,
    realisasi_sd_rp, capaian_sd_k, capaian_sd_rp, kategori, unit, keterangan``.

    * Target akhir periode: counts and rupiah summed over the plan years, rates, percentages,
      indices and scores the final year's target (:func:`compute.end_of_period`).
    * Realisasi s.d. ``tahun``: counts and rupiah cumulated over the years with data, levels the
      latest value; its ratio to the target akhir periode. A year without an imported file or an
      empty cell is "belum ada data realisasi" (<NA>), never 0.
    * Tingkat capaian K by ``convention`` (default :data:`compute.FORM_CONVENTION`), shown floored
      at 0 (:func:`compute.achievement_category`; the formula's value is in ``keterangan``);
      capaian Rp = realisasi / pagu × 100. ``kategori`` is the category of capaian K of ``tahun``.
    * Rp per year are the lines of the budget table (:func:`_budget_lines`): the anggaran is the
      imported DPA pagu where given, else Tabel 4.1; a program's or kegiatan's realisation is the sum
      of its sub-kegiatan (unknown while one is unknown). An imported program or kegiatan value
      that disagrees with that sum is kept in the data and listed (``conflicts``, keterangan).
      The target akhir periode Rp is the pagu of Tabel 4.1 over the plan years.
    """
    tahun = int(tahun)
    if not is_plan_year(tahun, data_dir):
        return None
    convention = convention or compute.FORM_CONVENTION
    compute.convention_label(convention)  # refuses an unknown convention
    first, last = plan_years(data_dir)
    years = list(range(first, tahun + 1))
    plan_span = list(range(first, last + 1))
    real = {y: (None if f is None else _lookup_copy(f)) for y, f in realised_years(tahun, data_dir).items()}
    units = program_units(data_dir)
    plan = _plan_tree(data_dir)
    polarity_41 = _polarities(data_dir)
    rows: list[dict] = []

    def base(level, kode, uraian, indikator=None, satuan=None, polaritas=None, kondisi_awal=None):
        return {"level": level, "kode": kode, "uraian": uraian, "indikator": indikator, "satuan": satuan,
                "polaritas": polaritas, "kondisi_awal": kondisi_awal, "_notes": []}

    def fill(row, jenis, targets_k: dict, targets_rp: dict, grade_target=None, budget_of=None):
        satuan, pol = row["satuan"], row["polaritas"]
        row["target_akhir_k"] = compute.end_of_period([targets_k.get(y) for y in plan_span], satuan)
        rp_values = [targets_rp.get(y) for y in plan_span]
        row["target_akhir_rp"] = sum(v for v in rp_values if v is not None) if any(
            v is not None for v in rp_values) else None
        k_values, rp_real = {}, {}
        for y in years:
            frame = real.get(y)
            tk, trp = targets_k.get(y), targets_rp.get(y)
            rk = _cell(frame, jenis, row["kode"], "realisasi")
            rrp = None
            if budget_of is not None:    # the budget lines of the plan years, as the budget table has them
                line = budget_of.get((row["kode"], y))
                if line is not None:
                    plan_rp = trp
                    trp, rrp = line["anggaran"], line["realisasi"]
                    if trp is not None and plan_rp is not None and abs(trp - plan_rp) > 0.5:
                        row["_notes"].append(f"anggaran {y}: pagu DPA Rp{format_number(trp, 0)} (Tabel 4.1: "
                                             f"Rp{format_number(plan_rp, 0)})")
            k_values[y], rp_real[y] = rk, rrp
            row[f"target_k_{y}"], row[f"target_rp_{y}"] = tk, trp
            row[f"realisasi_k_{y}"], row[f"realisasi_rp_{y}"] = rk, rrp
            raw = compute.achievement(rk, tk, pol, convention) if rk is not None else None
            cap = compute.achievement_category(raw, data_dir)
            row[f"capaian_k_{y}"] = cap.value
            if cap.floored:
                row["_notes"].append(f"capaian K {y} menurut rumus {format_percent(cap.raw)}, ditampilkan 0%")
            row[f"capaian_rp_{y}"] = compute.budget_ratio(rrp, trp) if rrp is not None else None
            grade = _cell(frame, jenis, row["kode"], "realisasi_grade")
            if grade:
                row["_notes"].append(f"nilai huruf {y}: {grade}" + (f" (target {grade_target.get(y)})"
                                                                      if grade_target and grade_target.get(y) else ""))
            catatan = _cell(frame, jenis, row["kode"], "catatan")
            if catatan:
                row["_notes"].append(f"catatan {y}: {catatan}")
        known = [y for y in years if k_values[y] is not None]
        if not known:
            row["realisasi_sd_k"] = None
        elif compute.end_of_period_rule(satuan) == "last":
            row["realisasi_sd_k"] = k_values[known[-1]]
            if known[-1] != tahun and real.get(tahun) is not None:
                row["_notes"].append(f"realisasi K s.d. {tahun} = nilai tahun {known[-1]} (terakhir yang ada)")
        else:
            row["realisasi_sd_k"] = sum(k_values[y] for y in known)
            gaps = [y for y in years if y not in known and real.get(y) is not None]
            if gaps:
                row["_notes"].append(f"realisasi K s.d. {tahun} tanpa tahun {', '.join(map(str, gaps))} "
                                     "(belum ada data realisasi)")
        rp_known = [y for y in years if rp_real[y] is not None]
        row["realisasi_sd_rp"] = sum(rp_real[y] for y in rp_known) if rp_known else None
        raw = (compute.achievement(row["realisasi_sd_k"], row["target_akhir_k"], pol, convention)
               if row["realisasi_sd_k"] is not None else None)
        cap = compute.achievement_category(raw, data_dir)
        row["capaian_sd_k"] = cap.value
        if cap.floored:
            row["_notes"].append(f"capaian K s.d. {tahun} menurut rumus {format_percent(cap.raw)}, ditampilkan 0%")
        row["capaian_sd_rp"] = (compute.budget_ratio(row["realisasi_sd_rp"], row["target_akhir_rp"])
                                if row["realisasi_sd_rp"] is not None else None)
        last_cap = row[f"capaian_k_{tahun}"]
        if last_cap is not None:
            row["kategori"] = compute.achievement_category(last_cap, data_dir).label
        elif k_values.get(tahun) is not None:
            row["kategori"] = NOT_COMPUTABLE
        else:
            row["kategori"] = NO_DATA

    budget_of = _budget_lines(years, data_dir) if plan is not None else {}

    # -- sasaran and their indicators (IKU) ------------------------------------------------------
    iku = load("4_5_1_iku_target", data_dir) if has_table("4_5_1_iku_target", data_dir) else None
    placed = iku_sasaran(data_dir)
    sasaran = (load("3_2_1_tujuan_sasaran", data_dir).drop_duplicates("sasaran_no")
               if has_table("3_2_1_tujuan_sasaran", data_dir) else None)
    cascade = _cascade_programs(data_dir)
    programs = [] if plan is None else list(dict.fromkeys(plan.loc[plan["level"] == "program", "kode"]))
    shown_programs: set[str] = set()

    def add_iku(no):
        rows_no = iku[iku["no"] == no].sort_values("tahun")
        r0 = rows_no.iloc[0]
        grade_awal = r0.baseline_grade if not is_na(r0.baseline_grade) else None
        row = base("iku", f"IKU.{no}", "Indikator sasaran", r0.indikator, r0.satuan, r0.polaritas,
                   None if is_na(r0.baseline) else float(r0.baseline))
        if grade_awal:
            row["_notes"].append(f"kondisi awal nilai huruf {grade_awal}")
        targets = {int(t): (None if is_na(v) else float(v)) for t, v in zip(rows_no["tahun"], rows_no["target"])}
        grades = {int(t): (None if is_na(g) else g) for t, g in zip(rows_no["tahun"], rows_no["target_grade"])}
        fill(row, "IKU", targets, {}, grades)
        rows.append(row)

    def add_program(kode):
        sub = plan[plan["kode"].astype(str).str.startswith(kode)]
        order = list(dict.fromkeys(sub["kode"]))
        for k in order:
            part = plan[plan["kode"] == k].sort_values("tahun")
            r0 = part.iloc[0]
            if r0.level not in PLAN_LEVELS:
                continue
            pol = polarity_41.get(str(k))
            row = base(r0.level, str(k), r0.uraian, None if is_na(r0.indikator) else r0.indikator,
                       None if is_na(r0.satuan) else r0.satuan, pol)
            targets = {int(t): (None if is_na(v) else float(v)) for t, v in zip(part["tahun"], part["target"])}
            pagu = {int(t): (None if is_na(v) else float(v)) for t, v in zip(part["tahun"], part["pagu"])}
            fill(row, r0.level, targets, pagu, budget_of=budget_of)
            row["unit"] = units.get(kode)
            rows.append(row)
        shown_programs.add(kode)

    if sasaran is not None:
        for s in sasaran.itertuples():
            rows.append(base("sasaran", f"Sasaran {s.sasaran_no}", s.sasaran))
            if iku is not None:
                for no in sorted(n for n, sn in placed.items() if sn == s.sasaran_no):
                    add_iku(no)
            for kode in cascade.get(int(s.sasaran_no), []):
                if kode in programs and kode not in shown_programs:
                    add_program(kode)
    if iku is not None:
        loose = sorted(int(n) for n in iku["no"].unique() if int(n) not in placed)
        if loose:
            rows.append(base("kelompok", "", "Indikator Kinerja Utama tanpa padanan sasaran (Tabel 3.2.1)"))
            for no in loose:
                add_iku(no)
    rest = [k for k in programs if k not in shown_programs]
    if rest:
        label = ("Program yang tidak tercantum pada cascading (Tabel 3.2.2)" if cascade else "Program")
        rows.append(base("kelompok", "", label))
        for kode in rest:
            add_program(kode)

    # -- the frame, keterangan, averages, what is missing ----------------------------------------
    keys = ["level", "kode", "uraian", "indikator", "satuan", "polaritas", "kondisi_awal", "target_akhir_k",
            "target_akhir_rp"]
    for y in years:
        keys += [f"target_k_{y}", f"target_rp_{y}", f"realisasi_k_{y}", f"realisasi_rp_{y}", f"capaian_k_{y}",
                 f"capaian_rp_{y}"]
    keys += ["realisasi_sd_k", "realisasi_sd_rp", "capaian_sd_k", "capaian_sd_rp", "kategori", "unit",
             "keterangan"]
    conflicts = []
    for y, stored in realised_years(tahun, data_dir).items():
        if stored is not None:
            found = rollup_conflicts(stored, y, data_dir)
            if not found.empty:
                found.insert(0, "tahun", y)
                conflicts.append(found)
    conflicts_df = (pd.concat(conflicts, ignore_index=True) if conflicts else
                    pd.DataFrame(columns=["tahun", "jenis", "kode", "uraian", "kolom", "nilai", "jumlah",
                                          "jumlah_anak", "terisi"]))
    for c in conflicts_df.itertuples():
        for row in rows:
            if row["kode"] == c.kode and row["level"] == c.jenis:
                if "Rp" in c.kolom:
                    row["_notes"].append(f"realisasi Rp {c.tahun} yang diimpor untuk baris ini "
                                         f"(Rp{format_number(c.nilai, 0)}) berbeda dengan jumlah sub kegiatannya "
                                         f"(Rp{format_number(c.jumlah, 0)}); yang ditampilkan jumlah sub kegiatan")
                else:
                    row["_notes"].append(f"realisasi K {c.tahun} ({format_number(c.nilai, 2)}) berbeda dengan "
                                         f"jumlah sub kegiatannya ({format_number(c.jumlah, 2)})")
    for row in rows:
        row["keterangan"] = "; ".join(dict.fromkeys(row.pop("_notes"))) or None
        row.setdefault("unit", None)
        if row["level"] in ("sasaran", "kelompok"):
            row["kategori"] = None
    frame = pd.DataFrame.from_records(rows, columns=keys)
    numeric = [k for k in keys if k.startswith(("target_", "realisasi_", "capaian_")) or k == "kondisi_awal"]
    for k in numeric:
        frame[k] = pd.array([None if is_na(v) else float(v) for v in frame[k]], dtype="Float64")
    decimals = []
    k_cols = ["kondisi_awal", "target_akhir_k", "realisasi_sd_k"] + [f"{p}_{y}" for y in years
                                                                    for p in ("target_k", "realisasi_k")]
    for i in range(len(frame)):
        values = [frame.at[i, c] for c in k_cols if not is_na(frame.at[i, c])]
        level = compute.end_of_period_rule(frame.at[i, "satuan"]) == "last"
        decimals.append(2 if level or any(not float(v).is_integer() for v in values) else 0)
    indicator_rows = frame[frame["level"].isin(["iku", "program", "kegiatan", "sub_kegiatan"])]
    averages = {}
    for key, col in (("k", f"capaian_k_{tahun}"), ("rp", f"capaian_rp_{tahun}"), ("sd_k", "capaian_sd_k"),
                     ("sd_rp", "capaian_sd_rp")):
        values = indicator_rows[col].dropna()
        mean = float(values.mean()) if len(values) else None
        averages[key] = {"rata_rata": mean, "n": int(len(values)), "dari": int(len(indicator_rows)),
                         "predikat": compute.achievement_category(mean, data_dir).label if mean is not None
                         else NO_DATA}
    without_unit = [f"{r.kode} {r.uraian}" for r in frame[frame["level"] == "program"].itertuples()
                    if is_na(r.unit) or not r.unit]
    frame["unit"] = [None if is_na(u) else u for u in frame["unit"]]
    imported = [y for y in years if real[y] is not None]
    return Form(tahun=tahun, years=years, convention=convention, rows=frame, decimals=decimals, averages=averages,
                missing=missing_rows(tahun, data_dir), conflicts=conflicts_df, without_unit=without_unit,
                imported=imported)


def _budget_lines(years: list[int], data_dir) -> dict:
    """``(kode, tahun)`` → anggaran, realisasi (Rp) and whether the anggaran is an imported DPA pagu, for
    program, kegiatan and sub kegiatan of the plan ``years``: the lines of the budget table
    (:func:`helpers.core.derive.plan_budget_rollup`), so the form and the budget table show the same
    rupiah: parents are the sum of their sub kegiatan, unknown while one of them is unknown."""
    from helpers.core.derive import SOURCE_IMPORT, plan_budget_rollup
    from helpers.core.progress import plan_budget

    if not years:
        return {}
    lines = plan_budget_rollup(plan_budget(years, data_dir))
    return {(str(k), int(t)): {"anggaran": None if is_na(a) else float(a), "realisasi": None if is_na(r) else float(r),
                               "dpa": src == SOURCE_IMPORT}
            for k, t, a, r, src in zip(lines["row_id"], lines["tahun"], lines["anggaran"], lines["realisasi"],
                                        lines["sumber_anggaran"])}


def missing_rows(tahun: int, data_dir=None) -> pd.DataFrame:
    """What is still missing for each plan year up to ``tahun``: a year without an imported file
    (one row, ``kode`` empty), or the rows of an imported year with a target (K) or, for a sub
    kegiatan, a pagu above 0 (Rp) whose realisation cell is empty. Columns ``tahun, jenis, kode,
    uraian, belum``."""
    from helpers.core.realisasi import template

    out = []
    for y, frame in realised_years(tahun, data_dir).items():
        if frame is None:
            out.append({"tahun": y, "jenis": "", "kode": "", "uraian": f"seluruh butir: berkas realisasi tahun {y} "
                        "belum diimpor", "belum": "K dan Rp"})
            continue
        plan = template(y, data_dir)
        for r in plan.itertuples():
            wants_k = not is_na(r.target) or not is_na(r.target_grade)
            # Rp is filled per sub kegiatan; a program's or kegiatan's is their sum (form_e80)
            wants_rp = r.jenis == "sub_kegiatan" and not is_na(r.pagu) and float(r.pagu) > 0
            lacks_k = wants_k and _cell(frame, r.jenis, r.kode, "realisasi") is None and \
                _cell(frame, r.jenis, r.kode, "realisasi_grade") is None
            lacks_rp = wants_rp and _cell(frame, r.jenis, r.kode, "realisasi_anggaran") is None
            if lacks_k or lacks_rp:
                out.append({"tahun": y, "jenis": r.jenis, "kode": r.kode, "uraian": r.uraian,
                            "belum": "K dan Rp" if lacks_k and lacks_rp else "K" if lacks_k else "Rp"})
    return pd.DataFrame(out, columns=["tahun", "jenis", "kode", "uraian", "belum"])


def spm_detail(tahun: int, data_dir=None, convention: Optional[str] = None) -> Optional[pd.DataFrame]:
    """Every SPM service and its sub-items (Tabel 4.7) in plan year ``tahun``: target, realisation
    (``data/realisasi/<tahun>.csv``), tingkat capaian by ``convention``, category and catatan; None
    outside the plan years or without Tabel 4.7."""
    if not is_plan_year(tahun, data_dir) or not has_table("4_7_spm_target", data_dir):
        return None
    spm = load("4_7_spm_target", data_dir)
    spm = spm[spm["tahun"] == int(tahun)]
    frame = load_realisasi(int(tahun), data_dir)
    rows = []
    for r in spm.itertuples():
        kode = f"SPM.{r.row_id}"
        value = _cell(frame, "SPM", kode, "realisasi")
        raw = compute.achievement(value, r.target, r.polaritas, convention) if value is not None else None
        cap = compute.achievement_category(raw, data_dir)
        rows.append({"level": r.level, "kode": str(r.row_id), "uraian": r.uraian, "satuan": r.satuan,
                     "baseline": r.baseline, "target": r.target, "realisasi": value, "capaian": cap.value,
                     "kategori": cap.label if value is not None else NO_DATA,
                     "catatan": "; ".join(x for x in (_cell(frame, "SPM", kode, "catatan"), cap.note) if x) or None})
    df = pd.DataFrame(rows, columns=["level", "kode", "uraian", "satuan", "baseline", "target", "realisasi", "capaian",
                                     "kategori", "catatan"])
    for col in ("baseline", "target", "realisasi", "capaian"):
        df[col] = pd.array([None if is_na(v) else float(v) for v in df[col]], dtype="Float64")
    return df
