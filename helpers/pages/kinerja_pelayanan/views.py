"""What the performance page shows for a reporting year: one view per table of the section.

A *history* page: for ``tahun`` it shows every year of the data up to the latest year before
``tahun`` (:func:`helpers.core.years.shown_years`). Each ``*_view`` returns None when the data
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
    """Tabel 2.3.1 of the shown years, one trend per indicator and the document's claims checked."""

    long: pd.DataFrame
    years: list[int]
    trends: list[Trend]
    checks: list[ClaimCheck]
    data_dir: object = None


def iku_view(tahun: int, data_dir=None) -> Optional[IkuView]:
    if not has_table(IKU, data_dir):
        return None
    long = kinerja.iku_long(tahun, data_dir)
    trends = kinerja.iku_trends(long, kinerja.polarity_map(data_dir))
    return IkuView(long, kinerja.iku_years(long), trends, claims.iku_checks(trends, data_dir), data_dir)


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
    """

    long: pd.DataFrame  # no, indikator, satuan, tahun, capaian of the shown years
    years: list[int]
    all_years: list[int]
    end_values: dict[int, Optional[float]] = field(default_factory=dict)
    printed: dict[int, str] = field(default_factory=dict)
    data_dir: object = None

    @property
    def full(self) -> bool:
        return bool(self.years) and self.years[-1] == self.all_years[-1]

    @property
    def end_column(self) -> str:
        """The heading of the end-of-period column."""
        if self.full:
            return "Kondisi Kinerja pada akhir periode Renstra"
        return f"Kondisi Kinerja s.d. {self.years[-1]}" if self.years else ""


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
    return view


# --------------------------------------------------------------------------------------------
# Tabel 2.3.4 Pencapaian Kinerja Pelayanan Perangkat Daerah
# --------------------------------------------------------------------------------------------


@dataclass
class KinerjaData:
    """Tabel 2.3.4 rows of the shown years with the recomputed and polarity-aware ratios."""

    long: pd.DataFrame  # no, indikator, tahun, target, realisasi (numbers or grades), satuan,
    #                     polaritas, rasio (document rule, recomputed), rasio_polaritas, kategori,
    #                     tanpa_data (printed 0 that Tabel 2.3.1 prints as NA), printed_rasio
    years: list[int]
    audit: pd.DataFrame  # audit rows of the shown years, with target_year (the target a misprint used)
    target_indikator: dict[int, object] = field(default_factory=dict)  # no -> column (3) 'Target Indikator'
    data_dir: object = None


def kinerja_data(tahun: int, data_dir=None, mapping: Optional[Mapping[str, str]] = None,
                 method: Optional[str] = None) -> Optional[KinerjaData]:
    """Target, realisasi, the document's ratio (``derive``) and the polarity-aware ratio per row.

    A realisation printed ``0`` in Tabel 2.3.4 where Tabel 2.3.1 prints NA for the same indicator
    and year is treated as *no data* for the polarity-aware ratio (``tanpa_data``); the document's
    own ratio (0) is still shown. AKIP rows (grades) keep the document's convention (target grade
    reached = 100) in both ratio columns. None when the data lacks Tabel 2.3.4 or its indicator
    list (the loader requires both: the rows refer to the list).
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
            ratio_pol = ratio
        elif no_data:
            ratio_pol = None
        else:
            ratio_pol = compute.achievement_polarity(real, target, pol, method)
        records.append({
            "no": int(r.no), "indikator": str(r.indikator), "tahun": int(r.tahun), "target": target,
            "realisasi": real, "satuan": None if is_na(r.satuan) else str(r.satuan), "polaritas": pol,
            "rasio": ratio, "rasio_polaritas": ratio_pol,
            "kategori": compute.category_label(ratio_pol), "tanpa_data": no_data,
            "printed_rasio": printed.get((str(r.no), int(r.tahun))),
        })
    columns = ["no", "indikator", "tahun", "target", "realisasi", "satuan", "polaritas", "rasio", "rasio_polaritas",
               "kategori", "tanpa_data", "printed_rasio"]
    return KinerjaData(pd.DataFrame.from_records(records, columns=columns), years, audit,
                       _target_indikator(data_dir), data_dir)


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
