"""What the performance page shows for a reporting year: one view per table of the section.

A *history* page: for ``tahun`` it shows every year of the data up to the latest year before
``tahun`` (:func:`helpers.core.years.shown_years`), then the plan years up to the last imported
realisation before ``tahun`` (:func:`helpers.core.progress.history_plan_years`): Tabel 2.3.1 and
2.3.4 continue through the IKU link table (:func:`helpers.core.kinerja.iku_plan`), Tabel 2.3.3 with
the SPM of Tabel 4.7 (:func:`spm_plan`). Each ``*_view`` returns None when the data
directory lacks the table (the page then shows a notice in its place); a view whose table has
no year before ``tahun`` has empty ``years``.

The IKU series, their trends and the PPKS figures come from :mod:`helpers.core.kinerja`, the
checks of the document's claims from :mod:`helpers.core.claims`; SPM (Tabel 2.3.3) and Tabel
2.3.4 are only this page's and are computed here: the end-of-period column from
:mod:`helpers.core.derive` / :func:`helpers.core.compute.end_of_period`, the document's
achievement ratio from ``derive`` and the polarity-aware one from
:func:`helpers.core.compute.achievement_polarity`, differences from the printed figures from
:func:`helpers.core.audit.audit_table`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

import pandas as pd

from helpers.core import claims, compute, derive, kinerja
from helpers.core.audit import audit_table, printed_decimals
from helpers.core.claims import ClaimCheck
from helpers.core.data import has_table, load
from helpers.core.kinerja import IKU, JENIS, JENIS_SASARAN, KINERJA, KINERJA_INDIKATOR, PPKS, SPM
from helpers.core.kinerja import PpksData, PpksFacts, Trend
from helpers.core.numbers import format_number
from helpers.core.text import is_na
from helpers.core.years import shown_years


@dataclass
class IkuView:
    """Tabel 2.3.1 of the shown years, one trend per indicator and the document's claims checked.

    ``long``, ``years``, ``trends`` and ``checks`` are the document's years (the claims are about
    them); ``plan`` adds the plan years with imported realisation (:func:`helpers.core.kinerja.iku_plan`:
    Tabel 4.5.1 targets, the links of ``2_3_1_iku_padanan``), None while no plan year is shown.
    """

    long: pd.DataFrame
    years: list[int]
    trends: list[Trend]
    checks: list[ClaimCheck]
    data_dir: object = None
    plan: Optional[kinerja.IkuPlan] = None

    @property
    def plan_years(self) -> list[int]:
        """The plan years shown after the document's years (empty before any import)."""
        return [] if self.plan is None else list(self.plan.years)

    @property
    def all_years(self) -> list[int]:
        return list(self.years) + self.plan_years

    @property
    def plan_trends(self) -> list[Trend]:
        """One trend per IKU over :attr:`all_years`: an old IKU continued by its counterpart's
        realisation (None where it has none or no data), then the new IKU of the plan."""
        if self.plan is None:
            return list(self.trends)
        out = []
        for no, trend in zip(kinerja.indicators(self.long)["no"], self.trends):
            link = self.plan.link_of_old(int(no))
            linked = link is not None and link.padanan == "sama" and link.no_4_5_1 is not None
            extra = tuple(self.plan.capaian(link.no_4_5_1, y) if linked else None for y in self.plan.years)
            out.append(Trend(trend.label, trend.satuan, trend.polarity, tuple(self.all_years), trend.values + extra))
        for link in self.plan.new:
            values = tuple([None] * len(self.years) + [self.plan.realisasi_value(link.no_4_5_1, y)
                                                       for y in self.plan.years])
            out.append(Trend(str(link.indikator_baru), self.plan.satuan(link.no_4_5_1),
                             self.plan.polaritas(link.no_4_5_1), tuple(self.all_years), values))
        return out


def iku_view(tahun: int, data_dir=None) -> Optional[IkuView]:
    if not has_table(IKU, data_dir):
        return None
    long = kinerja.iku_long(tahun, data_dir)
    trends = kinerja.iku_trends(long, kinerja.polarity_map(data_dir))
    return IkuView(long, kinerja.iku_years(long), trends, claims.iku_checks(trends, data_dir), data_dir,
                   kinerja.iku_plan(tahun, data_dir))


@dataclass
class PpksView:
    """Tabel 2.3.2 of the shown years, the facts its narrative states and the claim check."""

    data: PpksData
    facts: PpksFacts
    claim: Optional[ClaimCheck]  # None when the data quote no claim of the document
    data_dir: object = None

    @property
    def years(self) -> list[int]:
        return self.data.years


def ppks_view(tahun: int, data_dir=None) -> Optional[PpksView]:
    if not has_table(PPKS, data_dir):
        return None
    data = kinerja.ppks_data(tahun, data_dir)
    facts = kinerja.ppks_facts(data)
    return PpksView(data, facts, claims.ppks_check(facts.total_trend, data_dir), data_dir)


def jenis_pelayanan(data_dir=None) -> Optional[pd.DataFrame]:
    """The jenis pelayanan with their sasaran split into items (joined by ``; ``); None without the table.

    Without the split table (``2_3_jenis_pelayanan_sasaran``) the printed cell is one item.
    """
    if not has_table(JENIS, data_dir):
        return None
    jenis = load(JENIS, data_dir).sort_values("no")
    items = load(JENIS_SASARAN, data_dir) if has_table(JENIS_SASARAN, data_dir) else None
    rows = []
    for r in jenis.itertuples():
        listed = [] if items is None else [str(s) for s in items.loc[items["no"] == r.no, "sasaran_item"]]
        rows.append({"no": int(r.no), "jenis_pelayanan": r.jenis_pelayanan,
                     "sasaran": "; ".join(listed) if listed else r.sasaran,
                     "jumlah_sasaran": len(listed) if listed else 1})
    return pd.DataFrame(rows, columns=["no", "jenis_pelayanan", "sasaran", "jumlah_sasaran"])


# --------------------------------------------------------------------------------------------
# Tabel 2.3.3 SPM
# --------------------------------------------------------------------------------------------


@dataclass
class SpmView:
    """Tabel 2.3.3 of the shown years with the end-of-period value recomputed per indicator.

    ``full``: the page shows the last year of the data, so the end-of-period value is the
    document's column (9) recomputed (``derive``) and ``printed`` holds the printed values that
    differ (indicator no → printed text); otherwise it is the condition up to the last shown year.
    ``plan_years``/``plan_items``: the plan years a history page shows, with the SPM of Tabel 4.7
    (indicators and their jenis layanan), targets and imported realisation (:func:`spm_plan`).
    """

    long: pd.DataFrame  # no, indikator, satuan, tahun, capaian of the shown years
    years: list[int]
    all_years: list[int]
    end_values: dict[int, Optional[float]] = field(default_factory=dict)
    printed: dict[int, str] = field(default_factory=dict)
    data_dir: object = None
    plan_years: list[int] = field(default_factory=list)
    plan_items: Optional[pd.DataFrame] = None
    imported: list[int] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return bool(self.years) and self.years[-1] == self.all_years[-1]

    @property
    def end_column(self) -> str:
        """The heading of the end-of-period column."""
        if self.full:
            return "Kondisi Kinerja pada akhir periode Renstra"
        return f"Kondisi Kinerja s.d. {self.years[-1]}" if self.years else ""


SPM_TARGET = "4_7_spm_target"
#: Name similarity needed to link an SPM of Tabel 2.3.3 with one of Tabel 4.7 (they differ in case
#: and punctuation only: "… di luar Panti Sosial;" / "… di Luar Panti Sosial").
SPM_MATCH = 0.9


def spm_plan(tahun: int, data_dir=None, old: Optional[pd.DataFrame] = None) -> tuple[list[int], Optional[pd.DataFrame], list[int]]:
    """The plan years a history page for ``tahun`` shows and one row per item of Tabel 4.7 (SPM and
    jenis layanan, document order): ``row_id, parent_id, level, no_2_3_3`` (the Tabel 2.3.3 number of
    the same SPM, matched by name, else None), ``uraian, satuan, polaritas`` and per shown plan year
    ``target_<y>``, ``realisasi_<y>``, ``capaian_<y>`` (realisasi / target × 100, shown value of
    :func:`helpers.core.compute.achievement_category`), ``catatan_<y>``; also the imported years."""
    import difflib

    from helpers.core import progress

    years = progress.history_plan_years(tahun, data_dir)
    if not years or not has_table(SPM_TARGET, data_dir):
        return [], None, []
    df = load(SPM_TARGET, data_dir)
    real = progress.load(years, data_dir)
    names = {} if old is None else {int(n): progress.name_key(i) for n, i in zip(old["no"], old["indikator"])}
    records = []
    for row_id in dict.fromkeys(df["row_id"]):
        g = df[df["row_id"] == row_id]
        first = g.iloc[0]
        key = progress.name_key(first["uraian"])
        no = None
        if first["level"] == "spm":
            scores = [(difflib.SequenceMatcher(None, key, k).ratio(), n) for n, k in names.items()]
            best = max(scores, default=(0.0, None))
            no = best[1] if best[0] >= SPM_MATCH else None
        rec = {"row_id": str(row_id), "parent_id": None if is_na(first["parent_id"]) else str(first["parent_id"]),
               "level": str(first["level"]), "no_2_3_3": no, "uraian": str(first["uraian"]),
               "satuan": str(first["satuan"]), "polaritas": str(first["polaritas"])}
        by_year = {int(t): v for t, v in zip(g["tahun"], g["target"])}
        for y in years:
            target = compute.as_number(by_year.get(y))
            value = real.value(y, "SPM", f"SPM.{row_id}")
            rec[f"target_{y}"] = target
            rec[f"realisasi_{y}"] = value
            rec[f"capaian_{y}"] = progress.capaian(value, target, rec["polaritas"], data_dir=data_dir).value
            rec[f"catatan_{y}"] = real.value(y, "SPM", f"SPM.{row_id}", "catatan")
        records.append(rec)
    frame = pd.DataFrame.from_records(records)
    frame["no_2_3_3"] = pd.array(frame["no_2_3_3"], dtype="Int64")
    return years, frame, real.imported


def spm_view(tahun: int, data_dir=None) -> Optional[SpmView]:
    if not has_table(SPM, data_dir):
        return None
    df = load(SPM, data_dir)
    all_years = sorted(int(y) for y in df["tahun"].unique())
    years = shown_years(all_years, tahun)
    view = SpmView(df[df["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True),
                   years, all_years, data_dir=data_dir)
    if not years:
        return view
    derived = derive.derived(SPM, data_dir).set_index("row")["recomputed"] if view.full else None
    for no, g in view.long.groupby("no", sort=True):
        satuan = str(g["satuan"].iloc[0])
        view.end_values[int(no)] = (float(derived.loc[str(int(no))]) if view.full
                                    else compute.end_of_period(list(g["capaian"]), satuan))
    if view.full:
        audit = audit_table(SPM, data_dir)
        view.printed = {int(r): format_number(p, printed_decimals(t, p))
                        for r, p, t in zip(audit["row"], audit["printed"], audit["printed_text"])
                        if str(r).isdigit() and int(r) in view.end_values and not is_na(p)}
    old = view.long.drop_duplicates("no")[["no", "indikator"]]
    view.plan_years, view.plan_items, view.imported = spm_plan(tahun, data_dir, old)
    return view


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4 Pencapaian Kinerja Pelayanan Perangkat Daerah
# --------------------------------------------------------------------------------------------


@dataclass
class KinerjaData:
    """Tabel 2.3.4 rows of the shown years with the recomputed and polarity-aware ratios.

    ``long`` and ``years`` are the document's years; ``plan_long`` the plan years a history page shows
    (same columns, plus ``sumber``): the IKU of Tabel 4.5.1 with their targets and the imported
    realisation, on the row of the old indicator they continue (``2_3_1_iku_padanan``) or, for a new
    IKU, on an extra row numbered after the document's. ``rasio_polaritas`` is the value to show
    (:func:`helpers.core.compute.achievement_category`: a negative formula result floored at 0),
    ``rasio_polaritas_mentah`` the formula's result, ``catatan_capaian`` the note on a floored value.
    """

    long: pd.DataFrame  # no, indikator, tahun, target, realisasi (numbers or grades), satuan,
    #                     polaritas, rasio (document rule, recomputed), rasio_polaritas, kategori,
    #                     tanpa_data (printed 0 that Tabel 2.3.1 prints as NA), printed_rasio
    years: list[int]
    audit: pd.DataFrame  # audit rows of the shown years, with target_year (the target a misprint used)
    target_indikator: dict[int, object] = field(default_factory=dict)  # no -> column (3) 'Target Indikator'
    data_dir: object = None
    plan_long: Optional[pd.DataFrame] = None
    plan_years: list[int] = field(default_factory=list)
    links: list = field(default_factory=list)  # helpers.core.kinerja.IkuLink of the shown plan years
    imported: list[int] = field(default_factory=list)  # plan years whose realisation file exists

    @property
    def all_years(self) -> list[int]:
        return list(self.years) + list(self.plan_years)

    @property
    def all_long(self) -> pd.DataFrame:
        """:attr:`long` and :attr:`plan_long` together, ordered by ``no`` and ``tahun``."""
        if self.plan_long is None or self.plan_long.empty:
            return self.long
        both = pd.concat([self.long.assign(sumber="Tabel 2.3.4"), self.plan_long], ignore_index=True)
        return both.sort_values(["no", "tahun"], kind="stable").reset_index(drop=True)

    def unlinked(self) -> list[int]:
        """Tabel 2.3.4 numbers of old indicators without a counterpart in the plan years."""
        linked = {lk.no_2_3_4 for lk in self.links if lk.padanan == "sama"}
        return [int(n) for n in self.long["no"].unique() if int(n) not in linked]


KINERJA_COLUMNS = ["no", "indikator", "tahun", "target", "realisasi", "satuan", "polaritas", "rasio", "rasio_polaritas",
                   "kategori", "tanpa_data", "printed_rasio", "rasio_polaritas_mentah", "catatan_capaian"]


def _capaian(ratio_raw, data_dir) -> tuple[Optional[float], str, Optional[str]]:
    c = compute.achievement_category(ratio_raw, data_dir=data_dir)
    return c.value, c.label, c.note


def kinerja_data(tahun: int, data_dir=None, mapping: Optional[Mapping[str, str]] = None,
                 method: Optional[str] = None) -> Optional[KinerjaData]:
    """Target, realisasi, the document's ratio (``derive``) and the polarity-aware ratio per row.

    A realisation printed ``0`` in Tabel 2.3.4 where Tabel 2.3.1 prints NA for the same indicator
    and year is treated as *no data* for the polarity-aware ratio (``tanpa_data``); the document's
    own ratio (0) is still shown. AKIP rows (grades) keep the document's convention (target grade
    reached = 100) in both ratio columns. None when the data lacks Tabel 2.3.4 or its indicator
    list (the loader requires both: the rows refer to the list). Plan years: see :class:`KinerjaData`.
    """
    if not (has_table(KINERJA, data_dir) and has_table(KINERJA_INDIKATOR, data_dir)):
        return None
    mapping = kinerja.polarity_map(data_dir) if mapping is None else mapping
    method = method or compute.POLARITY_METHOD
    full = load(KINERJA, data_dir)
    years = shown_years(full["tahun"], tahun)
    df = full[full["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True)
    iku_na = set()
    if has_table(IKU, data_dir):
        iku = load(IKU, data_dir)
        iku_na = {(str(i).casefold(), int(t)) for i, t, n, g in zip(iku["indikator"], iku["tahun"], iku["nilai"],
                                                                      iku["grade"]) if is_na(n) and is_na(g)}
    derived = derive.derived(KINERJA, data_dir)
    derived = {(str(r), int(t)): (None if is_na(v) else float(v))
               for r, t, c, v in zip(derived["row"], derived["tahun"], derived["column"], derived["recomputed"])
               if c == "rasio"}
    audit = audit_table(KINERJA, data_dir)
    audit = audit[audit["tahun"].isin(years)].reset_index(drop=True)
    audit["target_year"] = [_matching_target_year(full, r, t, p)
                            for r, t, p in zip(audit["row"], audit["tahun"], audit["printed"])]
    printed = {(str(r), int(t)): float(p) for r, t, p in zip(audit["row"], audit["tahun"], audit["printed"])}
    records = []
    for r in df.itertuples():
        pol = kinerja.polarity(r.indikator, mapping)
        grade = not is_na(r.target_grade) or not is_na(r.realisasi_grade)
        if grade:
            target = None if is_na(r.target_grade) else r.target_grade
            real = None if is_na(r.realisasi_grade) else r.realisasi_grade
        else:
            target = None if is_na(r.target) else float(r.target)
            real = None if is_na(r.realisasi) else float(r.realisasi)
        ratio = derived.get((str(r.no), int(r.tahun)))
        no_data = not grade and real == 0 and (str(r.indikator).casefold(), int(r.tahun)) in iku_na
        if grade:
            raw = ratio
        elif no_data:
            raw = None
        else:
            raw = compute.achievement_polarity(real, target, pol, method)
        shown, label, note = _capaian(raw, data_dir)
        records.append({
            "no": int(r.no), "indikator": str(r.indikator), "tahun": int(r.tahun), "target": target,
            "realisasi": real, "satuan": None if is_na(r.satuan) else str(r.satuan), "polaritas": pol,
            "rasio": ratio, "rasio_polaritas": shown, "kategori": label, "tanpa_data": no_data,
            "printed_rasio": printed.get((str(r.no), int(r.tahun))), "rasio_polaritas_mentah": raw,
            "catatan_capaian": note,
        })
    data = KinerjaData(pd.DataFrame.from_records(records, columns=KINERJA_COLUMNS), years, audit,
                       _target_indikator(data_dir), data_dir)
    plan = kinerja.iku_plan(tahun, data_dir) if years else None
    if plan is not None:
        data.plan_years, data.links, data.imported = list(plan.years), plan.links, plan.imported
        data.plan_long = _plan_rows(data, plan, method)
    return data


def _plan_rows(data: KinerjaData, plan: kinerja.IkuPlan, method: str) -> pd.DataFrame:
    """Rows of the plan years: an old indicator continued by its counterpart (same ``no``), then each new IKU."""
    names = {int(n): str(i) for n, i in zip(data.long["no"], data.long["indikator"])}
    rows = [(lk.no_2_3_4, names.get(lk.no_2_3_4), lk) for lk in plan.links
            if lk.padanan == "sama" and lk.no_2_3_4 in names and lk.no_4_5_1 is not None]
    start = max(names) if names else 0
    rows += [(start + k + 1, str(lk.indikator_baru), lk) for k, lk in enumerate(plan.new)]
    records = []
    for no, indikator, lk in rows:
        new = lk.no_4_5_1
        pol, satuan = plan.polaritas(new), plan.satuan(new)
        for y in plan.years:
            t_grade, r_grade = plan.target_grade(new, y), plan.realisasi_grade(new, y)
            t_value, r_value = plan.target(new, y), plan.realisasi_value(new, y)
            if t_value is not None and r_value is not None:
                ratio = compute.achievement_document(r_value, t_value)
                raw = compute.achievement_polarity(r_value, t_value, pol, method)
            elif t_grade and r_grade:  # grades only: the document's convention (grade reached = 100)
                ratio = raw = 100.0 if compute.akip_met(r_grade, t_grade) else None
            else:
                ratio = raw = None
            shown, label, note = _capaian(raw, data.data_dir)
            records.append({
                "no": int(no), "indikator": indikator, "tahun": int(y), "target": plan.target_cell(new, y),
                "realisasi": plan.realisasi_cell(new, y), "satuan": satuan, "polaritas": pol, "rasio": ratio,
                "rasio_polaritas": shown, "kategori": label, "tanpa_data": False, "printed_rasio": None,
                "rasio_polaritas_mentah": raw, "catatan_capaian": note,
                "sumber": f"Tabel 4.5.1 no. {new} dan realisasi {y}",
            })
    return pd.DataFrame.from_records(records, columns=KINERJA_COLUMNS + ["sumber"])


def _matching_target_year(full: pd.DataFrame, row, tahun, printed) -> Optional[int]:
    """The other year whose target reproduces a printed ratio (realisasi of ``tahun`` ÷ that target)."""
    rows = full[full["no"].astype(str) == str(row)]
    real = rows.loc[rows["tahun"] == tahun, "realisasi"]
    if real.empty or is_na(real.iloc[0]) or is_na(printed):
        return None
    for other in rows.itertuples():
        if other.tahun != tahun and not is_na(other.target) and other.target:
            if abs(float(real.iloc[0]) / float(other.target) * 100 - float(printed)) <= 0.5:
                return int(other.tahun)
    return None


def _target_indikator(data_dir) -> dict[int, object]:
    """Column (3) 'Target Indikator' per indicator: a grade, ``700 Jiwa`` (with its printed unit),
    a number, or None for a blank cell."""
    out: dict[int, object] = {}
    for r in load(KINERJA_INDIKATOR, data_dir).itertuples():
        if not is_na(r.target_indikator_grade):
            out[int(r.no)] = str(r.target_indikator_grade)
        elif is_na(r.target_indikator):
            out[int(r.no)] = None
        else:
            value = float(r.target_indikator)
            if is_na(r.satuan):
                out[int(r.no)] = value
            else:
                out[int(r.no)] = f"{format_number(value, 0 if value == int(value) else 2)} {r.satuan}"
    return out
