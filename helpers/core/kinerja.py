"""Kinerja pelayanan (Bab II 2.3): the IKU series, their trends, indicator polarity, PPKS facts.

Pure data and logic shared by the performance page and the audit (the claim checks of
:mod:`helpers.core.claims` run on these trends); nothing here displays anything.

* **Years.** A history page for a reporting year ``tahun`` shows every year of the data up to
  the latest year before ``tahun`` (:func:`helpers.core.years.shown_years`).
* **Polarity.** Declared in data (``polaritas`` of Tabel 2.3.4's indicator list, matched to the
  IKU by name, casefolded); :data:`DEFAULT_POLARITY` is only the fallback for a data directory
  without that table.
* **Trends.** :class:`Trend` is one series over the shown years (numbers, or AKIP grades where
  ``naik`` means a better grade): direction first → last, size of change, steps against it.
* **PPKS.** :func:`ppks_data` gives Tabel 2.3.2 wide with the Total recomputed
  (:func:`helpers.core.derive.derived`) and the printed totals that differ
  (:func:`helpers.core.audit.audit_table`); :func:`ppks_facts` the numbers its narrative states.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Optional

import pandas as pd

from helpers.core import compute, derive
from helpers.core.audit import audit_table, printed_decimals
from helpers.core.data import has_table, load
from helpers.core.numbers import format_number
from helpers.core.text import is_na
from helpers.core.years import shown_years

IKU = "2_3_1_iku_realisasi"
PPKS = "2_3_2_ppks"
JENIS = "2_3_jenis_pelayanan"
JENIS_SASARAN = "2_3_jenis_pelayanan_sasaran"
SPM = "2_3_3_spm_capaian"
KINERJA = "2_3_4_kinerja_pelayanan"
KINERJA_INDIKATOR = "2_3_4_kinerja_pelayanan_indikator"

#: Data table declaring each indicator's polarity (columns ``indikator`` and ``polaritas`` with
#: values ``naik``/``turun``): the indicator list of Tabel 2.3.4.
POLARITY_TABLE = KINERJA_INDIKATOR

#: Indicators where *lower is better* (key: indicator name, casefolded), used only when the data
#: directory has no :data:`POLARITY_TABLE`. Every other indicator is ``naik``. Source: the domain
#: notes (poverty rate and violence ratios are negative indicators).
DEFAULT_POLARITY: dict[str, str] = {
    "persentase angka kemiskinan": "turun",
    "ratio kekerasan terhadap perempuan": "turun",
    "ratio kekerasan terhadap anak": "turun",
}
POLARITY_LABELS = {"naik": "semakin tinggi semakin baik", "turun": "semakin rendah semakin baik"}

#: Decimals shown per unit (the document prints counts as whole numbers, the rest with 2 decimals).
UNIT_DECIMALS = {"jiwa": 0}

#: Percentage changes of PPKS types are only ranked for types with at least this many people in
#: the first year shown: 1 → 6 is "+500 %" but says little (a presentation choice, not a rule).
MIN_BASE_FOR_PERCENT = 10
#: Number of movers a PPKS narrative names.
MOVERS_N = 3


# --------------------------------------------------------------------------------------------
# Polarity and units
# --------------------------------------------------------------------------------------------


def polarity_map(data_dir=None) -> dict[str, str]:
    """Indicator name (casefolded) → ``naik``/``turun`` from :data:`POLARITY_TABLE`, else
    :data:`DEFAULT_POLARITY`."""
    if not has_table(POLARITY_TABLE, data_dir):
        return dict(DEFAULT_POLARITY)
    df = load(POLARITY_TABLE, data_dir)
    mapping = {str(i).casefold().strip(): str(p).strip().lower()
               for i, p in zip(df["indikator"], df["polaritas"]) if not is_na(i) and not is_na(p)}
    bad = {p for p in mapping.values() if p not in POLARITY_LABELS}
    if bad:
        raise ValueError(f"{POLARITY_TABLE}: unknown polaritas {sorted(bad)}; expected 'naik' or 'turun'")
    return mapping


def polarity_source(data_dir=None) -> str:
    """Where the polarity lookup comes from (named in the page's notes)."""
    if has_table(POLARITY_TABLE, data_dir):
        return "ditetapkan per indikator dalam data (indikator Tabel 2.3.4)"
    return "menurut daftar arah indikator yang lazim (bawaan aplikasi)"


def polarity(indikator: str, mapping: Optional[Mapping[str, str]] = None) -> str:
    """``turun`` when lower is better for ``indikator`` (matched casefolded), else ``naik``."""
    mapping = DEFAULT_POLARITY if mapping is None else mapping
    return mapping.get(str(indikator).casefold().strip(), "naik")


def unit_decimals(satuan: Optional[str]) -> int:
    """Decimals shown for a unit: 0 for counts (jiwa), 2 otherwise."""
    return 2 if is_na(satuan) else UNIT_DECIMALS.get(satuan, 2)


def format_in_unit(value, satuan: Optional[str]) -> str:
    """A value for running text: ``270 jiwa``, ``12,14%``, ``45,29`` (rasio), grades as is."""
    if isinstance(value, str):
        return value
    text = format_number(value, unit_decimals(satuan))
    if satuan == "%":
        return f"{text}%"
    if satuan == "jiwa":
        return f"{text} jiwa"
    return text


# --------------------------------------------------------------------------------------------
# Trends
# --------------------------------------------------------------------------------------------


def direction(a: Optional[float], b: Optional[float]) -> Optional[str]:
    """``naik``/``turun``/``tetap`` from ``a`` to ``b``; None when either is missing."""
    if a is None or b is None:
        return None
    if math.isclose(a, b, abs_tol=1e-9):
        return "tetap"
    return "naik" if b > a else "turun"


@dataclass(frozen=True)
class Step:
    """Change between two consecutive years with data."""

    year_from: int
    year_to: int
    value_from: object
    value_to: object
    direction: str  # naik | turun | tetap


@dataclass(frozen=True)
class Trend:
    """One series over the shown years: values (numbers or AKIP grades) and their movement.

    For grades, ``naik`` means a better grade (AA is best).
    """

    label: str
    satuan: Optional[str]
    polarity: str
    years: tuple[int, ...]
    values: tuple  # one per year, None = no data

    @property
    def is_grade(self) -> bool:
        return any(isinstance(v, str) for v in self.values)

    def key(self, value) -> Optional[float]:
        """Comparable number: the value itself, or for a grade minus its rank (higher = better)."""
        if is_na(value):
            return None
        if isinstance(value, str):
            return -float(compute.akip_rank(value))
        return float(value)

    @property
    def points(self) -> list[tuple[int, object]]:
        return [(y, v) for y, v in zip(self.years, self.values) if not is_na(v)]

    @property
    def missing_years(self) -> list[int]:
        return [y for y, v in zip(self.years, self.values) if is_na(v)]

    @property
    def first(self):
        return self.points[0] if self.points else None

    @property
    def last(self):
        return self.points[-1] if self.points else None

    @property
    def direction(self) -> Optional[str]:
        if len(self.points) < 2:
            return None
        return direction(self.key(self.first[1]), self.key(self.last[1]))

    @property
    def change(self) -> Optional[float]:
        """last − first (numbers only)."""
        if len(self.points) < 2 or self.is_grade:
            return None
        return float(self.last[1]) - float(self.first[1])

    @property
    def change_percent(self) -> Optional[float]:
        """Relative change first → last in percent (numbers only; None when the first is 0)."""
        if self.change is None:
            return None
        return compute.growth_total(self.first[1], self.last[1])

    @property
    def steps(self) -> list[Step]:
        pts = self.points
        return [Step(a[0], b[0], a[1], b[1], direction(self.key(a[1]), self.key(b[1])))
                for a, b in zip(pts[:-1], pts[1:])]

    @property
    def breaks(self) -> list[Step]:
        """Steps that go against the overall direction first → last."""
        d = self.direction
        if d in (None, "tetap"):
            return []
        opposite = "turun" if d == "naik" else "naik"
        return [s for s in self.steps if s.direction == opposite]

    @property
    def evaluation(self) -> Optional[str]:
        """``membaik``/``memburuk``/``tetap`` given the indicator's polarity."""
        d = self.direction
        if d is None:
            return None
        if d == "tetap":
            return "tetap"
        good = "naik" if self.polarity == "naik" else "turun"
        return "membaik" if d == good else "memburuk"

    def value_at(self, year: int):
        for y, v in zip(self.years, self.values):
            if y == year:
                return None if is_na(v) else v
        return None


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1 Capaian Kinerja Indikator Kinerja Utama
# --------------------------------------------------------------------------------------------


def iku_long(tahun: int, data_dir=None) -> pd.DataFrame:
    """Tabel 2.3.1 rows of the shown years, with ``capaian`` = number or AKIP grade."""
    df = load(IKU, data_dir)
    years = shown_years(df["tahun"], tahun)
    df = df[df["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True)
    df["capaian"] = pd.Series([g if not is_na(g) else (None if is_na(n) else float(n))
                               for n, g in zip(df["nilai"], df["grade"])], index=df.index, dtype=object)
    return df


def indicators(iku: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator (the first of its years), in the document's order."""
    return iku.drop_duplicates("no").sort_values("no").reset_index(drop=True)


def iku_years(iku: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in iku["tahun"].unique())


def iku_trends(iku: pd.DataFrame, mapping: Optional[Mapping[str, str]] = None) -> list[Trend]:
    """One :class:`Trend` per IKU over the shown years (AKIP as grades)."""
    years = tuple(iku_years(iku))
    out = []
    for ind in indicators(iku).itertuples():
        sub = iku[iku["no"] == ind.no].set_index("tahun")
        values = tuple(sub.at[y, "capaian"] if y in sub.index else None for y in years)
        out.append(Trend(str(ind.indikator), None if is_na(ind.satuan) else str(ind.satuan),
                         polarity(ind.indikator, mapping), years, values))
    return out


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2 PPKS
# --------------------------------------------------------------------------------------------


@dataclass
class PpksData:
    """Tabel 2.3.2 for the shown years: one row per jenis, the recomputed and the printed totals."""

    wide: pd.DataFrame  # no, jenis, <int year>... (no Total row)
    totals: dict[int, float]  # recomputed Total per shown year (derive)
    printed_differs: dict[int, float]  # year -> printed Total where it differs (audit)
    printed_text: dict[int, str]  # year -> that printed Total in Indonesian style, as printed (decimals)

    @property
    def years(self) -> list[int]:
        return [c for c in self.wide.columns if isinstance(c, int)]


def ppks_long(tahun: int, data_dir=None) -> pd.DataFrame:
    """Tabel 2.3.2 rows of the shown years."""
    df = load(PPKS, data_dir)
    years = shown_years(df["tahun"], tahun)
    return df[df["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True)


def ppks_data(tahun: int, data_dir=None) -> PpksData:
    """Tabel 2.3.2 wide, the Total recomputed (``derive``) and the printed totals that differ (audit)."""
    df = ppks_long(tahun, data_dir)
    years = sorted(int(y) for y in df["tahun"].unique())
    if df.empty:
        return PpksData(pd.DataFrame(columns=["no", "jenis"]), {}, {}, {})
    wide = (df.pivot(index=["no", "jenis"], columns="tahun", values="jumlah")
            .reindex(columns=years).reset_index().sort_values("no").reset_index(drop=True))
    wide.columns = ["no", "jenis"] + years
    derived = derive.derived(PPKS, data_dir)
    derived = derived[(derived["row"] == "total") & (derived["column"] == "jumlah")]
    totals = {int(t): float(v) for t, v in zip(derived["tahun"], derived["recomputed"]) if int(t) in years}
    audit = audit_table(PPKS, data_dir)
    audit = audit[(audit["row"] == "total") & audit["tahun"].isin(years)]
    differs = {int(t): float(p) for t, p in zip(audit["tahun"], audit["printed"])}
    texts = {int(t): format_number(p, printed_decimals(text, p))
             for t, p, text in zip(audit["tahun"], audit["printed"], audit["printed_text"])}
    return PpksData(wide, totals, differs, texts)


@dataclass(frozen=True)
class Mover:
    """A jenis with data in the first and the last shown year."""

    jenis: str
    first: float
    last: float

    @property
    def change(self) -> float:
        return self.last - self.first

    @property
    def percent(self) -> Optional[float]:
        return compute.growth_total(self.first, self.last)


@dataclass
class PpksFacts:
    """Numbers behind the PPKS narrative (all from the table: totals recomputed)."""

    years: list[int]
    total_trend: Trend
    movers: list[Mover]  # jenis with data in the first and the last shown year
    dropped: list[str]  # a count in the first year, nihil ('-') in the last
    appeared: list[str]  # nihil ('-') in the first year, a count in the last
    largest_share: Optional[tuple[str, float, float]]  # jenis, value, share of total (last year)

    def top_absolute(self, n: int = MOVERS_N) -> list[Mover]:
        return sorted(self.movers, key=lambda m: (-abs(m.change), m.jenis))[:n]

    def top_percent(self, n: int = MOVERS_N) -> list[Mover]:
        eligible = [m for m in self.movers if m.first >= MIN_BASE_FOR_PERCENT and m.percent is not None]
        return sorted(eligible, key=lambda m: (-abs(m.percent), m.jenis))[:n]

    def against_trend(self) -> list[Mover]:
        """Jenis that moved against the Total first → last (rose while the Total fell, or vice versa)."""
        d = self.total_trend.direction
        if d == "turun":
            return sorted([m for m in self.movers if m.change > 0], key=lambda m: -m.change)
        if d == "naik":
            return sorted([m for m in self.movers if m.change < 0], key=lambda m: m.change)
        return []


def ppks_total_trend(ppks: PpksData) -> Trend:
    """The recomputed Total over the shown years (fewer PPKS is better)."""
    years = ppks.years
    return Trend("Total", "jiwa", "turun", tuple(years), tuple(ppks.totals.get(y) for y in years))


def ppks_facts(ppks: PpksData) -> PpksFacts:
    """Total trend (recomputed), movers first → last shown year, the largest jenis of the last year."""
    years = ppks.years
    movers, dropped, appeared = [], [], []
    share = None
    if years:
        y0, y1 = years[0], years[-1]
        for jenis, a, b in zip(ppks.wide["jenis"], ppks.wide[y0], ppks.wide[y1]):
            # "-" is nihil (0): a jenis printed "-" in the last year dropped to zero, it did not vanish.
            if not is_na(a) and not is_na(b):
                movers.append(Mover(str(jenis), float(a), float(b)))
            if not is_na(a) and float(a) > 0 and (is_na(b) or float(b) == 0):
                dropped.append(str(jenis))
            elif (is_na(a) or float(a) == 0) and not is_na(b) and float(b) > 0:
                appeared.append(str(jenis))
        last_col = ppks.wide[y1]
        if last_col.notna().any() and ppks.totals.get(y1):
            i = int(last_col.astype("Float64").fillna(-1).to_numpy().argmax())
            share = (str(ppks.wide.at[i, "jenis"]), float(last_col.iloc[i]),
                     float(last_col.iloc[i]) / ppks.totals[y1] * 100)
    return PpksFacts(years, ppks_total_trend(ppks), movers, dropped, appeared, share)


# --------------------------------------------------------------------------------------------
# Plan years: the IKU of Tabel 4.5.1 continuing Tabel 2.3.1 / 2.3.4 (imported realisation)
# --------------------------------------------------------------------------------------------

#: The explicit link between the IKU of 2019-2024 and those of Tabel 4.5.1 (data/tables/2_3_1_iku_padanan).
PADANAN = "2_3_1_iku_padanan"
IKU_TARGET = "4_5_1_iku_target"
#: What the tables say where an old indicator has no counterpart in the plan (and the reverse).
NO_COUNTERPART = "tidak ada padanan"
NOT_BEFORE = "bukan IKU 2019–2024"
#: ``padanan`` of an IKU of Tabel 4.5.1 when the data has no link table (nothing is joined by guess).
UNLINKED = "tanpa_tabel_padanan"


@dataclass(frozen=True)
class IkuLink:
    """One row of :data:`PADANAN`: an old IKU (Tabel 2.3.1 / 2.3.4 number) and its Tabel 4.5.1 counterpart."""

    no_2_3_1: Optional[int]
    no_2_3_4: Optional[int]
    indikator_lama: Optional[str]
    no_4_5_1: Optional[int]
    indikator_baru: Optional[str]
    padanan: str  # sama | tidak_ada | baru, or UNLINKED (the data has no link table)
    alasan: str


def iku_links(data_dir=None) -> list[IkuLink]:
    """The links of :data:`PADANAN` in row order; without that table, every IKU of Tabel 4.5.1 is
    listed as new (no indicator is joined by its number or name alone)."""
    def num(v):
        return None if is_na(v) else int(v)

    if has_table(PADANAN, data_dir):
        df = load(PADANAN, data_dir).sort_values("row_id")
        return [IkuLink(num(r.no_2_3_1), num(r.no_2_3_4), None if is_na(r.indikator_2_3_1) else str(r.indikator_2_3_1),
                        num(r.no_4_5_1), None if is_na(r.indikator_4_5_1) else str(r.indikator_4_5_1),
                        str(r.padanan), str(r.alasan)) for r in df.itertuples()]
    if not has_table(IKU_TARGET, data_dir):
        return []
    iku = load(IKU_TARGET, data_dir).drop_duplicates("no").sort_values("no")
    return [IkuLink(None, None, None, int(r.no), str(r.indikator), UNLINKED,
                    "Tanpa tabel padanan dalam data: tidak dihubungkan dengan IKU sebelum periode rencana")
            for r in iku.itertuples()]


def akip_text(score, grade) -> object:
    """An AKIP cell as the plan tables write it: ``BB (72,50)``; the grade or the score alone when only
    one is given; None when neither."""
    score = compute.as_number(score)
    if not is_na(grade) and grade:
        return f"{grade} ({format_number(score, 2)})" if score is not None else str(grade)
    return score


@dataclass
class IkuPlan:
    """The IKU of Tabel 4.5.1 in the plan years a history page shows, with their imported realisation.

    ``years``: the shown plan years (:func:`helpers.core.progress.history_plan_years`); ``targets``:
    Tabel 4.5.1 rows of those years; ``realisasi``: :class:`helpers.core.progress.Realisasi`.
    """

    years: list[int]
    links: list[IkuLink]
    targets: pd.DataFrame
    realisasi: object

    @property
    def imported(self) -> list[int]:
        return self.realisasi.imported

    def _target_row(self, no: int, year: int):
        hit = self.targets[(self.targets["no"] == int(no)) & (self.targets["tahun"] == int(year))]
        return None if hit.empty else hit.iloc[0]

    def satuan(self, no: int) -> Optional[str]:
        hit = self.targets[self.targets["no"] == int(no)]
        return None if hit.empty else str(hit["satuan"].iloc[0])

    def polaritas(self, no: int) -> str:
        hit = self.targets[self.targets["no"] == int(no)]
        return "naik" if hit.empty else str(hit["polaritas"].iloc[0])

    def indikator(self, no: int) -> Optional[str]:
        hit = self.targets[self.targets["no"] == int(no)]
        return None if hit.empty else str(hit["indikator"].iloc[0])

    def target(self, no: int, year: int) -> Optional[float]:
        r = self._target_row(no, year)
        return None if r is None else compute.as_number(r["target"])

    def target_grade(self, no: int, year: int) -> Optional[str]:
        r = self._target_row(no, year)
        return None if r is None or is_na(r["target_grade"]) else str(r["target_grade"])

    def target_cell(self, no: int, year: int):
        """The target as a table cell: a number, or ``BB (74,00)`` for AKIP."""
        return akip_text(self.target(no, year), self.target_grade(no, year))

    def realisasi_value(self, no: int, year: int) -> Optional[float]:
        return self.realisasi.value(year, "IKU", f"IKU.{int(no)}", "realisasi")

    def realisasi_grade(self, no: int, year: int) -> Optional[str]:
        return self.realisasi.value(year, "IKU", f"IKU.{int(no)}", "realisasi_grade")

    def realisasi_cell(self, no: int, year: int):
        """The imported realisation as a table cell (number, AKIP ``BB (72,50)``), None without data."""
        return akip_text(self.realisasi_value(no, year), self.realisasi_grade(no, year))

    def capaian(self, no: int, year: int):
        """Tabel 2.3.1's cell for a plan year: the realisation, a grade shown like the history years
        (the grade alone for AKIP, which Tabel 2.3.1 prints as a grade); None without data."""
        grade = self.realisasi_grade(no, year)
        return grade if grade else self.realisasi_value(no, year)

    def catatan(self, no: int, year: int) -> Optional[str]:
        return self.realisasi.value(year, "IKU", f"IKU.{int(no)}", "catatan")

    def link_of_old(self, no_2_3_1: int) -> Optional[IkuLink]:
        return next((lk for lk in self.links if lk.no_2_3_1 == int(no_2_3_1)), None)

    def link_of_kinerja(self, no_2_3_4: int) -> Optional[IkuLink]:
        return next((lk for lk in self.links if lk.no_2_3_4 == int(no_2_3_4)), None)

    @property
    def new(self) -> list[IkuLink]:
        """IKU of Tabel 4.5.1 without an old counterpart (shown as extra rows)."""
        linked = {lk.no_4_5_1 for lk in self.links if lk.padanan == "sama"}
        out = [lk for lk in self.links if lk.padanan in ("baru", UNLINKED) and lk.no_4_5_1 not in linked]
        known = {lk.no_4_5_1 for lk in self.links}
        extra = sorted(int(n) for n in self.targets["no"].unique() if int(n) not in known)
        out += [IkuLink(None, None, None, n, self.indikator(n), "baru", "Tidak tercantum dalam tabel padanan")
                for n in extra]
        return out


def iku_plan(tahun: int, data_dir=None) -> Optional[IkuPlan]:
    """The plan years a history page for ``tahun`` shows, with Tabel 4.5.1 targets and the imported
    realisation; None when no plan year is shown yet (or the data has no Tabel 4.5.1)."""
    from helpers.core import progress

    years = progress.history_plan_years(tahun, data_dir)
    if not years or not has_table(IKU_TARGET, data_dir):
        return None
    targets = load(IKU_TARGET, data_dir)
    targets = targets[targets["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True)
    return IkuPlan(years, iku_links(data_dir), targets, progress.load(years, data_dir))


__all__ = ["DEFAULT_POLARITY", "IKU", "JENIS", "JENIS_SASARAN", "KINERJA", "KINERJA_INDIKATOR", "MIN_BASE_FOR_PERCENT",
           "MOVERS_N", "Mover", "POLARITY_LABELS", "POLARITY_TABLE", "PPKS", "PpksData", "PpksFacts", "SPM", "Step",
           "Trend", "direction", "IKU_TARGET", "IkuLink", "IkuPlan", "NOT_BEFORE", "NO_COUNTERPART", "PADANAN",
           "akip_text", "iku_links", "iku_plan", "format_in_unit", "indicators", "iku_long", "iku_trends", "iku_years",
           "polarity", "polarity_map", "polarity_source", "ppks_data", "ppks_facts", "ppks_long",
           "ppks_total_trend", "unit_decimals"]
