"""Bab II section 2.3 (Kinerja Pelayanan): tables, charts, draft narratives and claim checks.

The notebook ``notebooks/02-3-1-kinerja-pelayanan.ipynb`` only calls this module. It is a
*history* page: for a reporting year ``tahun`` it shows every year of the data up to the
latest year that exists before ``tahun`` (:func:`shown_years`, built on
:func:`helpers.run.notebook.latest_year`). Derived figures come from :mod:`helpers.core.derive`
(PPKS totals, the document's achievement ratio) and :mod:`helpers.core.compute` (end of period,
polarity-aware achievement, categories, AKIP grades); differences from the printed figures
come from :func:`helpers.core.audit.audit_table`.

Contents, in page order:

- Tabel 2.3.1 IKU realisation: :func:`iku_long`, :func:`iku_table`, :func:`iku_trends`,
  :func:`check_claims` with :data:`IKU_CLAIMS`, :func:`iku_narrative`, :func:`iku_chart`;
- Tabel 2.3.2 PPKS: :func:`ppks_table`, :func:`ppks_facts`, :data:`PPKS_CLAIM`,
  :func:`ppks_narrative`, :func:`ppks_chart`, :func:`ppks_top_chart`;
- Tabel Jenis-Jenis Pelayanan Sosial: :func:`jenis_pelayanan_table`;
- Tabel 2.3.3 SPM: :func:`spm_table`, :func:`spm_narrative`;
- Tabel 2.3.4: :func:`kinerja_table` (document layout), :func:`kinerja_polarity_table`
  (polarity-aware achievement and category), :func:`kinerja_narrative`, :func:`kinerja_chart`.

:class:`MixedTable` is a general capability the shared :class:`helpers.present.Table` lacks:
a column that holds numbers *and* AKIP grades (as the document's tables do), shown with
Indonesian number formatting and exported with numbers as numbers in the XLSX.
"""
from __future__ import annotations

import math
import re
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import pandas as pd

from helpers.core import compute, derive, files
from helpers.core.audit import audit_table, printed_decimals
from helpers.core.data import load, read_schema, table_ids
from helpers.run.notebook import latest_year, shown_years, year_span
from helpers.core.numbers import MISSING_DISPLAY, format_number, format_percent
from helpers.present.legacy import (HATCHES, MARK, MARKERS, PALETTE, XLSX_FORMATS, Table, format_value,
                             id_formatter, markdown_escape)

# --------------------------------------------------------------------------------------------
# Table ids and settings
# --------------------------------------------------------------------------------------------

IKU = "2_3_1_iku_realisasi"
PPKS = "2_3_2_ppks"
JENIS = "2_3_jenis_pelayanan"
JENIS_SASARAN = "2_3_jenis_pelayanan_sasaran"
SPM = "2_3_3_spm_capaian"
KINERJA = "2_3_4_kinerja_pelayanan"
KINERJA_INDIKATOR = "2_3_4_kinerja_pelayanan_indikator"

#: Data table declaring each indicator's polarity (columns ``indikator`` and ``polaritas`` with
#: values ``naik``/``turun``): the indicator list of Tabel 2.3.4, which names the same six IKU as
#: Tabel 2.3.1 (matched casefolded). :data:`DEFAULT_POLARITY` is only the fallback for a data
#: directory without that table.
POLARITY_TABLE = KINERJA_INDIKATOR

#: Indicators where *lower is better* (key: indicator name, casefolded). Every other indicator
#: is ``naik`` (higher is better). Source: docs/assumptions/bab2-kinerja.md, domain notes.
DEFAULT_POLARITY: dict[str, str] = {
    "persentase angka kemiskinan": "turun",
    "ratio kekerasan terhadap perempuan": "turun",
    "ratio kekerasan terhadap anak": "turun",
}
POLARITY_LABELS = {"naik": "semakin tinggi semakin baik", "turun": "semakin rendah semakin baik"}

#: Percentage changes of PPKS types are only ranked for types with at least this many people in
#: the first year shown: 1 → 6 is "+500 %" but says little (a presentation choice, not a rule).
MIN_BASE_FOR_PERCENT = 10

#: Number of PPKS types in the "top" chart and of movers named in the narrative.
TOP_N = 8
MOVERS_N = 3

#: Decimals shown per unit (the document prints counts as whole numbers, the rest with 2 decimals).
UNIT_DECIMALS = {"jiwa": 0}
UNIT_AXIS_LABELS = {"jiwa": "jiwa", "%": "persen (%)", "rasio": "per 100.000 penduduk", None: "predikat AKIP"}

VIOLENCE_CAVEAT = ("Catatan: kenaikan rasio kekerasan dapat juga mencerminkan pelaporan yang lebih "
                   "lengkap (kasus yang sebelumnya tidak tercatat), bukan semata bertambahnya kekerasan.")

# --------------------------------------------------------------------------------------------
# Years
# --------------------------------------------------------------------------------------------


def years_statement(tahun: int, data_dir=None) -> str:
    """Markdown sentence stating which years each table of the page shows for ``tahun``."""
    parts = []
    for table_id, label in ((IKU, "Tabel 2.3.1"), (PPKS, "Tabel 2.3.2"), (SPM, "Tabel 2.3.3"),
                            (KINERJA, "Tabel 2.3.4")):
        years = shown_years(load(table_id, data_dir)["tahun"], tahun)
        parts.append(f"{label}: {year_span(years) if years else 'belum ada data sebelum ' + str(tahun)}")
    return (f"**Tahun laporan `tahun` = {tahun}.** Data yang ditampilkan (tahun terakhir yang tersedia "
            f"sebelum {tahun}): " + "; ".join(parts) + ".")


def no_data_text(tahun: int) -> str:
    """What a table says when none of its years lies before ``tahun``."""
    return f"Belum ada data untuk tahun sebelum {tahun}; tabel ini tidak ditampilkan."


# --------------------------------------------------------------------------------------------
# Polarity
# --------------------------------------------------------------------------------------------


def polarity_map(data_dir=None) -> dict[str, str]:
    """Indicator name (casefolded) → ``naik``/``turun`` for the lower-is-better exceptions.

    Uses ``data/tables/indikator_polaritas`` when that table exists, else :data:`DEFAULT_POLARITY`.
    """
    if POLARITY_TABLE in table_ids(data_dir):
        df = load(POLARITY_TABLE, data_dir)
        mapping = {str(i).casefold().strip(): str(p).strip().lower()
                   for i, p in zip(df["indikator"], df["polaritas"]) if not pd.isna(i) and not pd.isna(p)}
        bad = {p for p in mapping.values() if p not in POLARITY_LABELS}
        if bad:
            raise ValueError(f"{POLARITY_TABLE}: unknown polaritas {sorted(bad)}; expected 'naik' or 'turun'")
        return mapping
    return dict(DEFAULT_POLARITY)


def polarity_source(data_dir=None) -> str:
    """Where the polarity lookup comes from (named in the page's notes)."""
    if POLARITY_TABLE in table_ids(data_dir):
        return f"tabel data {POLARITY_TABLE}"
    return "daftar bawaan helpers/bab2_kinerja.py (DEFAULT_POLARITY)"


def polarity(indikator: str, mapping: Optional[Mapping[str, str]] = None) -> str:
    """``turun`` when lower is better for ``indikator`` (matched casefolded), else ``naik``."""
    mapping = DEFAULT_POLARITY if mapping is None else mapping
    return mapping.get(str(indikator).casefold().strip(), "naik")


# --------------------------------------------------------------------------------------------
# A table with numbers and grades in the same column
# --------------------------------------------------------------------------------------------


def _is_na(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class MixedTable(Table):
    """A :class:`~helpers.present.Table` whose ``mixed`` columns hold numbers *or* text.

    The document's IKU tables put AKIP grades (``BB``) in the same year columns as numbers.
    In a mixed column a number is formatted with ``decimals[i]`` decimals for row ``i``
    (Indonesian style), text is shown as is, a missing value as ``-``. Mixed columns are
    right-aligned like numbers. The CSV export keeps machine numbers; the XLSX export stores
    numbers as numbers (with the Indonesian display format) and grades as text.
    """

    def __init__(self, df: pd.DataFrame, caption: str, *, mixed: Sequence[str], decimals: Sequence[int],
                 kinds: Optional[Mapping[str, str]] = None, **kwargs):
        self.mixed = [c for c in mixed if c in df.columns]
        self.row_decimals = list(decimals)
        if len(self.row_decimals) != len(df):
            raise ValueError(f"decimals has {len(self.row_decimals)} entries for {len(df)} rows")
        prepared = df.copy()
        for col in self.mixed:
            prepared[col] = pd.Series([_mixed_cell(v, d) for v, d in zip(df[col], self.row_decimals)],
                                      index=df.index, dtype=object)
        super().__init__(prepared, caption, kinds={**{c: "dec2" for c in self.mixed}, **(kinds or {})}, **kwargs)

    def format_cell(self, column: str, i: int):
        value = self.df.at[i, column]
        if column in self.mixed:
            if _is_na(value):
                return MISSING_DISPLAY
            if isinstance(value, str):
                return value
            return format_number(value, self.row_decimals[i])
        return format_value(value, self.kinds[column])

    def display_frame(self) -> pd.DataFrame:
        out = pd.DataFrame({c: [self.format_cell(c, i) for i in range(len(self.df))] for c in self.df.columns})
        if self.marks is not None:
            for col in self.marks.columns:
                if col in out.columns:
                    flags = self.marks[col].fillna(False).astype(bool)
                    out.loc[flags, col] = out.loc[flags, col] + MARK
        return out

    def export(self, output_dir: Path):
        saved = dict(self.kinds)
        try:
            self.kinds.update({c: "text" for c in self.mixed})
            csv_path, xlsx_path = super().export(output_dir)
        finally:
            self.kinds = saved
        self._numbers_in_xlsx(xlsx_path)
        return csv_path, xlsx_path

    def _numbers_in_xlsx(self, path: Path) -> None:
        from openpyxl import load_workbook
        from openpyxl.styles import Alignment

        wb = load_workbook(path)
        ws = wb.active
        columns = list(self.df.columns)
        for col in self.mixed:
            j = columns.index(col) + 1
            for i in range(len(self.df)):
                value = self.df.at[i, col]
                cell = ws.cell(row=i + 3, column=j)
                if not _is_na(value) and not isinstance(value, str):
                    decimals = self.row_decimals[i]
                    cell.value = int(round(float(value))) if decimals == 0 else float(value)
                    cell.number_format = XLSX_FORMATS["int" if decimals == 0 else "dec2"]
                cell.alignment = Alignment(horizontal="right")
        with files.atomic_path(path) as tmp:
            wb.save(tmp)


def _mixed_cell(value, decimals: int):
    """Machine value of a mixed cell: text stays text, whole numbers with 0 decimals become int."""
    if _is_na(value):
        return None
    if isinstance(value, str):
        return value
    number = float(value)
    return int(round(number)) if decimals == 0 and number == int(number) else number


def publish(page, table: Optional[Table]):
    """Export ``table`` (CSV + XLSX) into the page's output directory and return it for display;
    for ``None`` (no year of the table before ``tahun``) return a Markdown sentence saying so."""
    if table is None:
        from IPython.display import Markdown

        return Markdown(no_data_text(page.tahun))
    table.export(page.output_dir)
    return table


def table_caption(table_id: str, years: Sequence[int], data_dir=None) -> str:
    """The document's number and title; a printed year range is replaced by the shown years
    (``Tahun 2019 - 2024`` → ``Tahun 2019–2021``), otherwise the shown years are appended."""
    caption = read_schema(table_id, data_dir).caption
    if not years:
        return caption
    span = year_span(list(years))
    replaced, n = re.subn(r"Tahun\s+\d{4}\s*[-–]\s*\d{4}", f"Tahun {span}", caption)
    return replaced if n else f"{caption} ({span})"


def unit_decimals(satuan: Optional[str]) -> int:
    """Decimals shown for a unit: 0 for counts (jiwa), 2 otherwise."""
    return UNIT_DECIMALS.get(satuan, 2) if satuan is not None and not _is_na(satuan) else 2


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


def _marks_for(frame: pd.DataFrame, cells: Iterable[tuple[int, str]]) -> pd.DataFrame:
    marks = pd.DataFrame(False, index=range(len(frame)), columns=list(frame.columns))
    for i, col in cells:
        if col in marks.columns:
            marks.at[i, col] = True
    return marks


# --------------------------------------------------------------------------------------------
# Trends (direction and size of change, years that break it)
# --------------------------------------------------------------------------------------------

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
        if _is_na(value):
            return None
        if isinstance(value, str):
            return -float(compute.akip_rank(value))
        return float(value)

    @property
    def points(self) -> list[tuple[int, object]]:
        return [(y, v) for y, v in zip(self.years, self.values) if not _is_na(v)]

    @property
    def missing_years(self) -> list[int]:
        return [y for y, v in zip(self.years, self.values) if _is_na(v)]

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
        return _direction(self.key(self.first[1]), self.key(self.last[1]))

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
        return [Step(a[0], b[0], a[1], b[1], _direction(self.key(a[1]), self.key(b[1])))
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
                return None if _is_na(v) else v
        return None


def _direction(a: Optional[float], b: Optional[float]) -> Optional[str]:
    if a is None or b is None:
        return None
    if math.isclose(a, b, abs_tol=1e-9):
        return "tetap"
    return "naik" if b > a else "turun"


# --------------------------------------------------------------------------------------------
# Claims of the document's narrative, checked against the data
# --------------------------------------------------------------------------------------------

#: How a claim is checked (see :func:`check_claim`).
CLAIM_MODES = {
    "setiap_tahun": "setiap perubahan tahunan searah klaim",
    "semakin": "arah awal→akhir sesuai klaim; tahun yang berbalik arah membuatnya sebagian didukung",
    "keseluruhan": "arah awal→akhir sesuai klaim (dan pengecualian yang disebut dokumen)",
    "tahun": "perubahan pada tahun yang disebut, dibanding tahun sebelumnya",
}
DIDUKUNG = "didukung"
SEBAGIAN = "sebagian didukung"
TIDAK = "tidak didukung"
TAK_DAPAT = "tidak dapat diperiksa"


@dataclass(frozen=True)
class Claim:
    """A claim of the document's narrative about one series.

    ``direction`` is ``naik`` or ``turun`` (for AKIP ``naik`` = better grade); ``mode`` one of
    :data:`CLAIM_MODES`; ``year`` the year of a ``tahun`` claim; ``exception_year`` a year the
    document itself names as going the other way ("namun tahun 2023 terjadi penurunan").
    """

    text: str
    indikator: str
    direction: str
    mode: str
    year: Optional[int] = None
    exception_year: Optional[int] = None
    note: str = ""


@dataclass(frozen=True)
class ClaimCheck:
    """The verdict on one claim: ``status`` (didukung / sebagian didukung / tidak didukung /
    tidak dapat diperiksa) and the evidence in Indonesian, with numbers as in the tables."""

    claim: Claim
    status: str
    evidence: str

    @property
    def supported(self) -> bool:
        return self.status == DIDUKUNG


#: The claims of the narrative under Tabel 2.3.1 (source line 630), one per indicator.
IKU_CLAIMS: tuple[Claim, ...] = (
    Claim("Nilai AKIP semakin baik", "Nilai AKIP", "naik", "semakin"),
    Claim("Jumlah PMKS Mandiri mengalami kenaikan namun tahun 2023 terjadi penurunan",
          "Jumlah Penyandang Masalah Kesejahteraan Sosial (PMKS) Yang Mandiri", "naik", "keseluruhan",
          exception_year=2023,
          note="Penyebab yang disebut dokumen (covid 19 dan dampak inflasi) tidak dapat diperiksa dari tabel."),
    Claim("Angka Kemiskinan semakin menurun", "Persentase Angka Kemiskinan", "turun", "semakin"),
    Claim("Rasio Kekerasan Perempuan terjadi penurunan di tahun 2024", "Ratio Kekerasan terhadap Perempuan",
          "turun", "tahun", year=2024),
    Claim("Rasio Kekerasan Anak terjadi kenaikan tahun 2024", "Ratio Kekerasan terhadap anak",
          "naik", "tahun", year=2024),
    Claim("Capaian indikator KLA semakin naik dari tahun sebelumnya",
          "Persentase Capaian Indikator Kabupaten Layak Anak", "naik", "semakin"),
)

#: The claim of the narrative under Tabel 2.3.2 (source line 666), checked on the recomputed Total.
PPKS_CLAIM = Claim("Jumlah PPKS dari tahun ke tahun menunjukkan tren penurunan", "Total", "turun",
                   "setiap_tahun")


def _v(trend: Trend, value) -> str:
    return format_in_unit(value, trend.satuan)


def _step_text(trend: Trend, step: Step) -> str:
    return f"{step.year_to} ({step.direction} dari {_v(trend, step.value_from)} menjadi {_v(trend, step.value_to)})"


def _series_text(trend: Trend) -> str:
    return ", ".join(f"{y}: {_v(trend, v)}" for y, v in trend.points)


def check_claim(claim: Claim, trend: Trend) -> ClaimCheck:
    """Check one claim against one series of the shown years; evidence quotes the values."""
    if claim.mode not in CLAIM_MODES:
        raise ValueError(f"unknown claim mode {claim.mode!r}; expected one of {list(CLAIM_MODES)}")
    shown = year_span(list(trend.years))
    needed = [y for y in (claim.year, claim.exception_year) if y is not None]
    outside = [y for y in needed if y not in trend.years]
    if outside:
        return ClaimCheck(claim, TAK_DAPAT,
                          f"tahun {', '.join(map(str, outside))} tidak termasuk tahun yang ditampilkan ({shown}).")
    if claim.mode == "tahun":
        prior = [p for p in trend.points if p[0] < claim.year]
        now = trend.value_at(claim.year)
        if now is None or not prior:
            return ClaimCheck(claim, TAK_DAPAT, f"tidak ada data {claim.year} atau tahun sebelumnya.")
        step = Step(prior[-1][0], claim.year, prior[-1][1], now,
                    _direction(trend.key(prior[-1][1]), trend.key(now)))
        status = DIDUKUNG if step.direction == claim.direction else TIDAK
        evidence = (f"{claim.year}: {step.direction} dari {_v(trend, step.value_from)} ({step.year_from}) "
                    f"menjadi {_v(trend, step.value_to)}.")
        return ClaimCheck(claim, status, evidence)
    if len(trend.points) < 2:
        return ClaimCheck(claim, TAK_DAPAT,
                          f"data kurang dari dua tahun pada tahun yang ditampilkan ({shown}).")
    first, last = trend.first, trend.last
    overall = trend.direction
    opposite = "turun" if claim.direction == "naik" else "naik"
    against = [s for s in trend.steps if s.direction == opposite and s.year_to != claim.exception_year]
    flat = [s for s in trend.steps if s.direction == "tetap"]
    head = f"{first[0]}–{last[0]}: {_series_text(trend)}."
    if claim.mode == "setiap_tahun":
        ok = not against and not flat
        overall_text = (f" Dari awal ke akhir {overall} dari {_v(trend, first[1])} ({first[0]}) menjadi "
                        f"{_v(trend, last[1])} ({last[0]}).")
        if ok:
            return ClaimCheck(claim, DIDUKUNG, head + " Setiap tahun " + claim.direction + ".")
        broken = "; ".join(_step_text(trend, s) for s in against + flat)
        return ClaimCheck(claim, TIDAK, f"{head} Tidak {claim.direction} setiap tahun: {broken}.{overall_text}")
    parts = [head]
    if overall != claim.direction:
        parts.append(f"Dari awal ke akhir justru {overall}.")
        status = TIDAK
    else:
        status = DIDUKUNG
        if against:
            detail = "; ".join(_step_text(trend, s) for s in against)
            if claim.mode == "semakin":
                status = SEBAGIAN
                parts.append(f"Secara keseluruhan {overall}, tetapi berbalik arah pada {detail}.")
            else:
                parts.append(f"Secara keseluruhan {overall}; juga berbalik arah pada {detail}, yang tidak disebut dokumen.")
        if flat:
            parts.append("Tetap (tidak berubah) pada " + ", ".join(str(s.year_to) for s in flat) + ".")
    if claim.exception_year is not None:
        step = next((s for s in trend.steps if s.year_to == claim.exception_year), None)
        if step is None:
            parts.append(f"Tidak ada data {claim.exception_year} atau tahun sebelumnya.")
            status = TAK_DAPAT
        elif step.direction == opposite:
            parts.append(f"Penurunan/perubahan yang disebut terjadi: {_step_text(trend, step)}.")
        else:
            parts.append(f"Yang disebut dokumen tidak terjadi: {_step_text(trend, step)}.")
            status = SEBAGIAN if status == DIDUKUNG else status
    if claim.note:
        parts.append(claim.note)
    return ClaimCheck(claim, status, " ".join(parts))


def check_claims(claims: Sequence[Claim], trends: Sequence[Trend]) -> list[ClaimCheck]:
    """Check each claim against the trend of its indicator (matched casefolded)."""
    by_name = {t.label.casefold(): t for t in trends}
    out = []
    for claim in claims:
        trend = by_name.get(claim.indikator.casefold())
        if trend is None:
            out.append(ClaimCheck(claim, TAK_DAPAT, "indikator tidak ada di tabel."))
        else:
            out.append(check_claim(claim, trend))
    return out


def claims_markdown(checks: Sequence[ClaimCheck]) -> str:
    """Markdown bullets: the claim as quoted, the verdict in bold, the evidence."""
    return "\n".join(f"- “{markdown_escape(c.claim.text)}” — **{c.status}**. {markdown_escape(c.evidence)}"
                     for c in checks)


# --------------------------------------------------------------------------------------------
# Tabel 2.3.1 Capaian Kinerja Indikator Kinerja Utama
# --------------------------------------------------------------------------------------------


def iku_long(tahun: int, data_dir=None) -> pd.DataFrame:
    """Tabel 2.3.1 rows of the shown years, with ``capaian`` = number or AKIP grade."""
    df = load(IKU, data_dir)
    years = shown_years(df["tahun"], tahun)
    df = df[df["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True)
    df["capaian"] = [g if not _is_na(g) else (None if _is_na(n) else float(n))
                     for n, g in zip(df["nilai"], df["grade"])]
    return df


def _indicators(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop_duplicates("no").sort_values("no").reset_index(drop=True)


def iku_table(iku: pd.DataFrame, data_dir=None) -> MixedTable:
    """Tabel 2.3.1 as printed: Sasaran Strategis, IKU and one column per shown year.

    NA is shown as ``-``; Nilai AKIP as its grade; counts without decimals, the rest with two.
    """
    years = sorted(int(y) for y in iku["tahun"].unique())
    rows, decimals = [], []
    for ind in _indicators(iku).itertuples():
        sub = iku[iku["no"] == ind.no].set_index("tahun")
        row = {"No": int(ind.no), "Sasaran Strategis": ind.sasaran, "Indikator Kinerja Utama": ind.indikator}
        for y in years:
            row[str(y)] = sub.at[y, "capaian"] if y in sub.index else None
        rows.append(row)
        decimals.append(unit_decimals(None if _is_na(ind.satuan) else ind.satuan))
    frame = pd.DataFrame(rows, columns=["No", "Sasaran Strategis", "Indikator Kinerja Utama"] + [str(y) for y in years])
    note = ("Realisasi capaian per tahun; '-' = NA (tidak ada data) di dokumen. Nilai AKIP ditampilkan "
            "sebagai predikat (AA terbaik … D). Tabel tidak mencetak satuan: PMKS Mandiri dalam jiwa, "
            "Persentase dalam %, Ratio Kekerasan per 100.000 penduduk (satuan disimpulkan, lihat "
            "docs/assumptions/bab2-kinerja.md). Sasaran baris Angka Kemiskinan dan KLA mengikuti baris "
            "di atasnya (sel gabungan).")
    return MixedTable(frame, table_caption(IKU, years, data_dir), mixed=[str(y) for y in years], decimals=decimals,
                      kinds={"No": "int"}, note=note, name="tabel-2-3-1-capaian-iku")


def iku_trends(iku: pd.DataFrame, mapping: Optional[Mapping[str, str]] = None) -> list[Trend]:
    """One :class:`Trend` per IKU over the shown years (AKIP as grades)."""
    years = tuple(sorted(int(y) for y in iku["tahun"].unique()))
    out = []
    for ind in _indicators(iku).itertuples():
        sub = iku[iku["no"] == ind.no].set_index("tahun")
        values = tuple(sub.at[y, "capaian"] if y in sub.index else None for y in years)
        out.append(Trend(str(ind.indikator), None if _is_na(ind.satuan) else str(ind.satuan),
                         polarity(ind.indikator, mapping), years, values))
    return out


def trend_sentence(trend: Trend) -> str:
    """One Markdown bullet on a series: direction and size of change first → last, polarity,
    the years that break the trend and the years without data."""
    name = f"**{markdown_escape(trend.label)}** ({POLARITY_LABELS[trend.polarity]})"
    pts = trend.points
    missing = trend.missing_years
    miss_text = f" Tidak ada data (NA) untuk {_years_list(missing)}." if missing else ""
    if not pts:
        return f"- {name}: tidak ada data pada tahun yang ditampilkan."
    if len(pts) == 1:
        return f"- {name}: hanya ada data {pts[0][0]} ({_v(trend, pts[0][1])}).{miss_text}"
    (y0, v0), (y1, v1) = trend.first, trend.last
    d, ev = trend.direction, trend.evaluation
    if trend.is_grade:
        changes = [s for s in trend.steps if s.direction != "tetap"]
        if d == "tetap" or not changes:
            body = f"tetap {v1} dari {y0} sampai {y1}"
        elif len(changes) == 1:
            c = changes[0]
            body = f"{d} dari {v0} ({y0}) menjadi {c.value_to} ({c.year_to})"
            if c.year_to < y1:
                body += f", lalu tetap {v1} sampai {y1}"
        else:
            body = (f"{d} dari {v0} ({y0}) menjadi {v1} ({y1}); perubahan predikat: "
                    + "; ".join(f"{s.year_to} {s.value_from} → {s.value_to}" for s in changes))
        text = f"- {name}: {body} — {ev}."
    else:
        size = _change_text(trend)
        verb = {"naik": "naik", "turun": "turun", "tetap": "tetap"}[d]
        if d == "tetap":
            text = f"- {name}: tetap {_v(trend, v1)} dari {y0} sampai {y1}."
        else:
            text = f"- {name}: {verb} dari {_v(trend, v0)} ({y0}) menjadi {_v(trend, v1)} ({y1}), {size} — {ev}."
    if trend.breaks:
        text += " Arah ini berbalik pada " + "; ".join(_step_text(trend, s) for s in trend.breaks) + "."
    text += miss_text
    if trend.satuan == "rasio" and trend.polarity == "turun" and d is not None:
        text += " " + VIOLENCE_CAVEAT
    return text


def _change_text(trend: Trend) -> str:
    change = trend.change
    word = "bertambah" if change > 0 else "berkurang"
    if trend.satuan == "%":
        return f"{word} {format_number(abs(change), 2)} poin persen"
    amount = format_number(abs(change), unit_decimals(trend.satuan))
    if trend.satuan == "jiwa":
        amount += " jiwa"
    pct = trend.change_percent
    return f"{word} {amount}" + (f" ({format_percent(abs(pct))})" if pct is not None else "")


def join_id(items: Iterable[str]) -> str:
    """Indonesian enumeration: ``a``, ``a dan b``, ``a, b dan c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def _years_list(years: Sequence[int]) -> str:
    years = list(years)
    runs, start = [], None
    for i, y in enumerate(years):
        if start is None:
            start = y
        if i + 1 == len(years) or years[i + 1] != y + 1:
            runs.append(str(start) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(runs)


def iku_narrative(trends: Sequence[Trend], checks: Sequence[ClaimCheck]) -> str:
    """Draft narrative for Tabel 2.3.1: one bullet per IKU, then the check of the document's claims."""
    years = trends[0].years if trends else ()
    lines = [f"Realisasi {len(trends)} Indikator Kinerja Utama tahun {year_span(list(years))}, "
             "dibandingkan tahun pertama dan terakhir yang memiliki data:", ""]
    lines += [trend_sentence(t) for t in trends]
    counts = {s: sum(c.status == s for c in checks) for s in (DIDUKUNG, SEBAGIAN, TIDAK, TAK_DAPAT)}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    lines += ["", f"Pemeriksaan narasi dokumen di bawah Tabel 2.3.1 terhadap data ({summary}):", "",
              claims_markdown(checks)]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Charts (shared pieces)
# --------------------------------------------------------------------------------------------


def _quiet():
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _plot_series(ax, years, values, *, color, marker, label=None, linestyle="-", filled=True, annotate=True,
                 decimals=2, grade=False, offset=6, boxed=True):
    """Plot one series with gaps at missing years; annotate each point with its formatted value."""
    xs = list(years)
    ys = [None if _is_na(v) else (-compute.akip_rank(v) if grade else float(v)) for v in values]
    plot_y = [math.nan if y is None else y for y in ys]
    ax.plot(xs, plot_y, linestyle=linestyle, color=color, marker=marker, markersize=6, linewidth=1.8,
            markerfacecolor=color if filled else "white", markeredgecolor=color, label=label)
    if annotate:
        for x, y, v in zip(xs, ys, values):
            if y is None:
                continue
            text = v if grade else format_number(v, decimals)
            ax.annotate(text, (x, y), textcoords="offset points", xytext=(0, offset), ha="center",
                        fontsize=7.5, color=color,
                        bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.75) if boxed else None)


def _grade_axis(ax):
    grades = [g for g, _ in compute.AKIP_BANDS]
    ax.set_yticks([-i for i in range(len(grades))])
    ax.set_yticklabels(grades)
    ax.set_ylim(-(len(grades) - 1) - 0.5, 0.5)


def _year_axis(ax, years):
    ax.set_xticks(list(years))
    ax.set_xticklabels([str(y) for y in years])
    if len(years) == 1:
        ax.set_xlim(years[0] - 1, years[0] + 1)
    else:
        ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)


def _headroom(ax, integer: bool = False, zero: bool = False, nbins="auto"):
    """Room above the highest point for its label. The axis starts at 0 unless all values lie in the
    upper half of the range (e.g. poverty 10,9–12,4 %), where a zero base would flatten the movement;
    ``zero=True`` always starts at 0 (counts of people)."""
    from matplotlib.ticker import MaxNLocator

    lows, highs = [], []
    for line in ax.get_lines():
        ys = [float(y) for y in line.get_ydata() if not math.isnan(float(y))]
        if ys:
            lows.append(min(ys))
            highs.append(max(ys))
    if not highs:
        return
    low, high = min(lows), max(highs)
    if not zero and low > 0.5 * high and high > low:
        pad = (high - low) * 0.2
        ax.set_ylim(low - pad, high + pad * 1.6)
    else:
        ax.set_ylim(min(0.0, low), (high if high > 0 else 1.0) * 1.15)
    if integer or nbins != "auto":
        ax.yaxis.set_major_locator(MaxNLocator(nbins=nbins, integer=integer))


def iku_chart(trends: Sequence[Trend]):
    """Small multiples, one panel per IKU with its own y-scale and unit; AKIP on an ordinal axis."""
    import matplotlib.pyplot as plt

    _quiet()
    n = len(trends)
    cols = 3
    rows = max(1, math.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(13, 3.9 * rows), squeeze=False)
    years = trends[0].years if trends else ()
    for k, (ax, t) in enumerate(zip(axes.flat, trends)):
        color, marker = PALETTE[k % len(PALETTE)], MARKERS[k % len(MARKERS)]
        _plot_series(ax, t.years, t.values, color=color, marker=marker, grade=t.is_grade,
                     decimals=unit_decimals(t.satuan))
        _year_axis(ax, t.years)
        if t.is_grade:
            _grade_axis(ax)
        else:
            ax.yaxis.set_major_formatter(id_formatter(0 if t.satuan == "jiwa" else 1))
            _headroom(ax)
        ax.set_title(_wrap(t.label, 38) + f"\n({POLARITY_LABELS[t.polarity]})", fontsize=9.5)
        ax.set_ylabel(UNIT_AXIS_LABELS.get(t.satuan, t.satuan or ""))
        ax.set_xlabel("Tahun")
        if not t.points:
            ax.text(0.5, 0.5, "tidak ada data", transform=ax.transAxes, ha="center", va="center")
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.suptitle(f"Realisasi Indikator Kinerja Utama {year_span(list(years))} (satu panel per indikator, "
                 "skala sumbu-y masing-masing)", fontsize=12, fontweight="bold")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------------------------
# Tabel 2.3.2 PPKS
# --------------------------------------------------------------------------------------------


@dataclass
class PpksTable:
    """Tabel 2.3.2 for the shown years: the display table, the wide frame and the audit rows."""

    table: Table
    wide: pd.DataFrame  # one row per jenis (no, jenis, <year>...) without the Total row
    totals: dict[int, float]  # recomputed Total per shown year (derive)
    printed_differs: dict[int, float]  # year -> printed Total where it differs (audit)


def ppks_long(tahun: int, data_dir=None) -> pd.DataFrame:
    """Tabel 2.3.2 rows of the shown years."""
    df = load(PPKS, data_dir)
    years = shown_years(df["tahun"], tahun)
    return df[df["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True)


def ppks_table(tahun: int, data_dir=None) -> PpksTable:
    """Tabel 2.3.2 with the Total row recomputed (``derive.derived("2_3_2_ppks")``) and marked
    where the document printed another total (``audit_table``)."""
    df = ppks_long(tahun, data_dir)
    years = sorted(int(y) for y in df["tahun"].unique())
    wide = (df.pivot(index=["no", "jenis"], columns="tahun", values="jumlah")
            .reindex(columns=years).reset_index().sort_values("no").reset_index(drop=True))
    wide.columns = ["no", "jenis"] + [int(y) for y in years]
    derived = derive.derived(PPKS, data_dir)
    derived = derived[(derived["row"] == "total") & (derived["column"] == "jumlah")]
    totals = {int(t): float(v) for t, v in zip(derived["tahun"], derived["recomputed"]) if int(t) in years}
    audit = audit_table(PPKS, data_dir)
    audit = audit[(audit["row"] == "total") & audit["tahun"].isin(years)]
    differs = {int(t): float(p) for t, p in zip(audit["tahun"], audit["printed"])}
    frame = pd.DataFrame({"No": [str(int(n)) for n in wide["no"]] + [""],
                          "Jenis PMKS": list(wide["jenis"]) + ["Total"]})
    for y in years:
        frame[str(y)] = pd.array(list(wide[y]) + [totals.get(y)], dtype="Int64")
    marks = _marks_for(frame, [(len(frame) - 1, str(y)) for y in differs])
    note = ("Jumlah PPKS per jenis (jiwa; dokumen tidak mencetak satuan, beberapa jenis mungkin dihitung "
            "per keluarga/komunitas). '-' = tidak ada data di dokumen (bukan nol). Baris Total dihitung "
            "ulang sebagai jumlah 26 jenis.")
    if differs:
        note += " Dokumen mencetak Total " + ", ".join(
            f"{format_number(v, 0)} ({y}; hasil hitung ulang {format_number(totals[y], 0)})"
            for y, v in sorted(differs.items())) + "."
    table = Table(frame, table_caption(PPKS, years, data_dir), kinds={"No": "text", **{str(y): "int" for y in years}}, marks=marks,
                  note=note, name="tabel-2-3-2-ppks")
    return PpksTable(table, wide, totals, differs)


@dataclass(frozen=True)
class Mover:
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
    dropped: list[str]  # data in the first year, '-' in the last
    appeared: list[str]  # '-' in the first year, data in the last
    largest_share: Optional[tuple[str, float, float]]  # jenis, value, share of total (last year)
    claim: ClaimCheck

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


def ppks_facts(ppks: PpksTable) -> PpksFacts:
    """Total trend (recomputed), movers first → last shown year, and the check of :data:`PPKS_CLAIM`."""
    years = [c for c in ppks.wide.columns if isinstance(c, int)]
    total = Trend("Total", "jiwa", "turun", tuple(years), tuple(ppks.totals.get(y) for y in years))
    movers, dropped, appeared = [], [], []
    share = None
    if years:
        y0, y1 = years[0], years[-1]
        for row in ppks.wide.itertuples(index=False):
            jenis, a, b = row[1], row[2 + years.index(y0)], row[2 + years.index(y1)]
            if not _is_na(a) and not _is_na(b):
                movers.append(Mover(str(jenis), float(a), float(b)))
            elif not _is_na(a):
                dropped.append(str(jenis))
            elif not _is_na(b):
                appeared.append(str(jenis))
        last_col = ppks.wide[y1]
        if last_col.notna().any() and ppks.totals.get(y1):
            i = int(last_col.astype("Float64").fillna(-1).to_numpy().argmax())
            share = (str(ppks.wide.at[i, "jenis"]), float(last_col.iloc[i]),
                     float(last_col.iloc[i]) / ppks.totals[y1] * 100)
    claim = check_claim(PPKS_CLAIM, total)
    return PpksFacts(years, total, movers, dropped, appeared, share, claim)


def _mover_text(m: Mover, y0: int, y1: int, with_pct: bool = True) -> str:
    word = "naik" if m.change > 0 else "turun"
    pct = f", {format_percent(abs(m.percent))}" if with_pct and m.percent is not None else ""
    return (f"{markdown_escape(m.jenis)} ({word} {format_number(abs(m.change), 0)} jiwa{pct}: "
            f"{format_number(m.first, 0)} → {format_number(m.last, 0)})")


def ppks_narrative(facts: PpksFacts) -> str:
    """Draft narrative for Tabel 2.3.2: Total first → last, years that rose, largest movers,
    jenis against the trend, and the check of the document's "tren penurunan" claim."""
    t = facts.total_trend
    if not t.points:
        return "Tidak ada data PPKS pada tahun yang ditampilkan."
    (y0, v0), (y1, v1) = t.first, t.last
    if len(t.points) == 1:
        return f"Jumlah PPKS tahun {y0} (hasil hitung ulang): {format_number(v0, 0)} jiwa. Belum ada tahun pembanding."
    lines = []
    size = _change_text(t)
    lines.append(f"Jumlah PPKS (Total hasil hitung ulang) {t.direction} dari {format_number(v0, 0)} jiwa ({y0}) "
                 f"menjadi {format_number(v1, 0)} jiwa ({y1}), {size}.")
    ups = [s for s in t.steps if s.direction == "naik"]
    downs = [s for s in t.steps if s.direction == "turun"]
    if ups and downs:
        lines.append("Perubahan tahunan tidak searah: naik pada " + join_id(
            f"{s.year_to} (+{format_number(s.value_to - s.value_from, 0)})" for s in ups) + "; turun pada " + join_id(
            f"{s.year_to} (−{format_number(s.value_from - s.value_to, 0)})" for s in downs) + ".")
    if facts.largest_share:
        jenis, value, share = facts.largest_share
        follows = ("hampir sepenuhnya" if share >= 90 else "terutama") if share >= 50 else None
        text = f"Jenis terbesar pada {y1} adalah {markdown_escape(jenis)}: {format_number(value, 0)} jiwa atau " \
               f"{format_percent(share)} dari Total"
        lines.append(text + (f", sehingga arah Total {follows} mengikuti jenis ini." if follows else "."))
    top_abs = facts.top_absolute()
    if top_abs:
        lines.append(f"Perubahan absolut terbesar {y0}→{y1}: " + "; ".join(_mover_text(m, y0, y1) for m in top_abs) + ".")
    top_pct = facts.top_percent()
    if top_pct:
        lines.append(f"Perubahan relatif terbesar (jenis dengan sedikitnya {MIN_BASE_FOR_PERCENT} jiwa pada {y0}): "
                     + "; ".join(_mover_text(m, y0, y1) for m in top_pct) + ".")
    against = facts.against_trend()
    if against:
        lines.append(f"Berlawanan dengan arah Total, {len(against)} jenis {'naik' if t.direction == 'turun' else 'turun'}: "
                     + "; ".join(_mover_text(m, y0, y1, with_pct=False) for m in against) + ".")
    falling = sum(1 for m in facts.movers if m.change < 0)
    if facts.dropped:
        lines.append(f"Tercatat pada {y0} tetapi '-' (tidak ada data, bukan nol) pada {y1}: "
                     + ", ".join(markdown_escape(j) for j in facts.dropped) + ".")
    if facts.appeared:
        lines.append(f"Tidak ada data pada {y0} tetapi tercatat pada {y1}: "
                     + ", ".join(markdown_escape(j) for j in facts.appeared) + ".")
    c = facts.claim
    lines.append(f"Klaim dokumen “{markdown_escape(c.claim.text)}” — **{c.status}** (diperiksa tahun ke tahun "
                 f"pada Total): {markdown_escape(c.evidence)} Dari {len(facts.movers)} jenis yang memiliki data "
                 f"pada {y0} dan {y1}, {falling} turun.")
    lines.append("Catatan: jumlah PPKS mencerminkan pendataan (pemutakhiran DTKS) sama besarnya dengan "
                 "kebutuhan; penurunan tidak otomatis berarti keberhasilan program.")
    return "\n\n".join(lines)


def ppks_chart(ppks: PpksTable):
    """Small multiples: Total first, then one panel per jenis, each with its own y-scale."""
    import matplotlib.pyplot as plt

    _quiet()
    years = [c for c in ppks.wide.columns if isinstance(c, int)]
    panels = [("Total (hitung ulang)", [ppks.totals.get(y) for y in years])]
    panels += [(f"{int(r.no)}. {r.jenis}", [r[3 + k] for k in range(len(years))])
               for r in ppks.wide.itertuples()]
    cols = 5
    rows = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(15, 2.6 * rows), squeeze=False)
    last_in_column = {c: max(k for k in range(len(panels)) if k % cols == c) for c in range(cols)}
    for k, (ax, (title, values)) in enumerate(zip(axes.flat, panels)):
        color = PALETTE[7] if k == 0 else PALETTE[0]
        _plot_series(ax, years, values, color=color, marker=MARKERS[0] if k else MARKERS[1],
                     decimals=0, annotate=len(years) <= 6, offset=5, boxed=False)
        _year_axis(ax, years)
        ax.tick_params(labelsize=7.5)
        if k != last_in_column[k % cols]:
            ax.tick_params(labelbottom=False)  # years are labelled once per column (the panels share them)
        ax.yaxis.set_major_formatter(id_formatter(0))
        if all(_is_na(v) for v in values):
            ax.text(0.5, 0.5, "tidak ada data ('-')", transform=ax.transAxes, ha="center", va="center",
                    fontsize=8, color="#555")
            ax.set_yticks([])
        else:
            _headroom(ax, integer=True, zero=True, nbins=4)
        ax.set_title(_wrap(title, 34), fontsize=8.5, fontweight="bold" if k == 0 else "normal")
        if k % cols == 0:
            ax.set_ylabel("jiwa", fontsize=8)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    height = 2.6 * rows
    fig.suptitle(f"Perkembangan PPKS per Jenis {year_span(years)} (skala sumbu-y masing-masing panel; "
                 "titik yang terputus = tidak ada data)", fontsize=12, fontweight="bold", y=1 - 0.15 / height)
    # Fixed spacing instead of tight_layout: measuring 27 panels of text costs seconds per render.
    # The top margin leaves room (in inches) for the title and the two-line panel titles of row 1.
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.6 / height, top=1 - 1.0 / height, hspace=0.55, wspace=0.28)
    return fig


def ppks_top_chart(ppks: PpksTable, n: int = TOP_N):
    """Horizontal bars: the ``n`` largest jenis in the last shown year, next to the first shown year
    (log scale, value labels)."""
    import matplotlib.pyplot as plt

    _quiet()
    years = [c for c in ppks.wide.columns if isinstance(c, int)]
    y0, y1 = years[0], years[-1]
    top = ppks.wide[ppks.wide[y1].notna()].sort_values(y1, ascending=False).head(n)
    top = top.iloc[::-1]
    fig, ax = plt.subplots(figsize=(11, 0.62 * len(top) + 1.6))
    positions = range(len(top))
    h = 0.38 if y0 != y1 else 0.6
    series = [(y1, PALETTE[0], HATCHES[0], 0)] + ([(y0, PALETTE[1], HATCHES[1], h)] if y0 != y1 else [])
    for year, color, hatch, shift in series:
        vals = [None if _is_na(v) else float(v) for v in top[year]]
        ys = [p - shift for p in positions]
        ax.barh(ys, [v or 0 for v in vals], height=h, color=color, hatch=hatch, edgecolor="#333",
                linewidth=0.5, label=str(year))
        for yy, v in zip(ys, vals):
            ax.text((v or 1) * 1.08, yy, format_number(v, 0) if v is not None else "-", va="center", fontsize=8)
    ax.set_yticks([p - (h / 2 if y0 != y1 else 0) for p in positions])
    ax.set_yticklabels([_wrap(j, 45) for j in top["jenis"]], fontsize=8.5)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(id_formatter(0))
    left = max(1, min(float(v) for y, *_ in series for v in top[y] if not _is_na(v)) / 2)
    right = max(float(v) for y, *_ in series for v in top[y] if not _is_na(v)) * 4
    ax.set_xlim(left, right)
    ax.set_xlabel("Jumlah (jiwa, skala logaritmik)")
    ax.set_title(f"{len(top)} Jenis PPKS Terbanyak Tahun {y1}" + (f", dibandingkan {y0}" if y0 != y1 else ""))
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], title="Tahun", loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------------------------
# Tabel Jenis-Jenis Pelayanan Sosial
# --------------------------------------------------------------------------------------------


def jenis_pelayanan_table(data_dir=None) -> Table:
    """The seven jenis pelayanan with their sasaran as a split list (items joined by ``; ``)."""
    jenis = load(JENIS, data_dir).sort_values("no")
    items = load(JENIS_SASARAN, data_dir)
    rows = []
    for r in jenis.itertuples():
        listed = [str(s) for s in items.loc[items["no"] == r.no, "sasaran_item"]]
        rows.append({"No": int(r.no), "Jenis Pelayanan": r.jenis_pelayanan,
                     "Sasaran": "; ".join(listed) if listed else r.sasaran,
                     "Jumlah Sasaran": len(listed) if listed else 1})
    frame = pd.DataFrame(rows)
    note = ("Sel 'Sasaran' di dokumen menyambung beberapa kelompok sasaran tanpa pemisah; di sini dipisah "
            "dengan ';' (cara pemisahan: docs/assumptions/bab2-kinerja.md).")
    return Table(frame, table_caption(JENIS, [], data_dir), kinds={"No": "int", "Jumlah Sasaran": "int"}, note=note,
                 name="tabel-jenis-pelayanan-sosial")


# --------------------------------------------------------------------------------------------
# Tabel 2.3.3 SPM
# --------------------------------------------------------------------------------------------


@dataclass
class SpmTable:
    table: Optional[Table]
    years: list[int]
    end_column: str
    end_values: dict[int, Optional[float]]  # no -> recomputed end-of-period value


def spm_table(tahun: int, data_dir=None) -> SpmTable:
    """Tabel 2.3.3 for the shown years with the end-of-period column recomputed.

    Percent indicators take the final year's value (:func:`helpers.core.compute.end_of_period`). When
    the page shows the last year of the data, the value is ``derive.derived("2_3_3_spm_capaian")``
    and is marked where the printed column (9) differs; for an earlier ``tahun`` the column is
    the condition up to the last shown year (no printed counterpart).
    """
    df = load(SPM, data_dir)
    all_years = sorted(int(y) for y in df["tahun"].unique())
    years = shown_years(all_years, tahun)
    if not years:
        return SpmTable(None, [], "", {})
    full = years[-1] == all_years[-1]
    end_column = ("Kondisi Kinerja pada akhir periode Renstra" if full
                  else f"Kondisi Kinerja s.d. {years[-1]}")
    df = df[df["tahun"].isin(years)].sort_values(["no", "tahun"])
    derived = derive.derived(SPM, data_dir).set_index("row")["recomputed"] if full else None
    rows, end_values = [], {}
    for no, g in df.groupby("no", sort=True):
        satuan = str(g["satuan"].iloc[0])
        end = float(derived.loc[str(int(no))]) if full else compute.end_of_period(list(g["capaian"]), satuan)
        end_values[int(no)] = end
        row = {"No": int(no), "Indikator": g["indikator"].iloc[0], "Satuan": satuan}
        row.update({str(int(t)): float(v) if not _is_na(v) else None for t, v in zip(g["tahun"], g["capaian"])})
        row[end_column] = end
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["No", "Indikator", "Satuan"] + [str(y) for y in years] + [end_column])
    numeric = [str(y) for y in years] + [end_column]
    whole = all(_is_na(v) or float(v) == int(float(v)) for c in numeric for v in frame[c])
    kinds = {"No": "int", **{c: "int" if whole else "dec2" for c in numeric}}
    cells = []
    if full:
        audit = audit_table(SPM, data_dir)
        index = {str(n): i for i, n in enumerate(frame["No"])}
        cells = [(index[str(r)], end_column) for r in audit["row"] if str(r) in index]
    marks = _marks_for(frame, cells)
    rule = compute.end_of_period_rule("%")
    note = (f"Capaian SPM (%), {year_span(years)}. Kolom '{end_column}' dihitung ulang: untuk indikator "
            f"persentase diambil nilai tahun terakhir ({years[-1]}), bukan dijumlahkan (aturan '{rule}').")
    if not full:
        note += f" Dokumen mencetak kolom (9) untuk akhir periode {all_years[-1]}, yang belum ditampilkan."
    table = Table(frame, table_caption(SPM, years, data_dir), kinds=kinds, marks=marks, note=note,
                  name="tabel-2-3-3-capaian-spm")
    return SpmTable(table, years, end_column, end_values)


def spm_narrative(spm: SpmTable) -> str:
    """One paragraph: how many SPM indicators reached 100 % in every shown year."""
    if spm.table is None:
        return "Belum ada data capaian SPM pada tahun yang ditampilkan."
    frame = spm.table.df
    cols = [str(y) for y in spm.years]
    full = [r for _, r in frame.iterrows() if all(not _is_na(r[c]) and float(r[c]) >= 100 for c in cols)]
    n = len(frame)
    text = (f"{len(full)} dari {n} indikator SPM bidang sosial tercatat {format_number(100, 0)}% pada setiap "
            f"tahun {year_span(spm.years)}.")
    low = [(r["Indikator"], c, r[c]) for _, r in frame.iterrows() for c in cols
           if not _is_na(r[c]) and float(r[c]) < 100]
    if low:
        text += " Di bawah 100%: " + "; ".join(f"{markdown_escape(i)} {c} ({format_percent(v)})" for i, c, v in low) + "."
    text += (" Tabel tidak memuat jumlah penerima layanan dan jumlah sasaran (capaian SPM = penerima layanan ÷ "
             "warga yang berhak × 100), sehingga angka 100% tidak dapat diperiksa dari dokumen.")
    return text


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
    audit: pd.DataFrame  # audit rows of the shown years


def kinerja_data(tahun: int, data_dir=None, mapping: Optional[Mapping[str, str]] = None,
                 method: Optional[str] = None) -> KinerjaData:
    """Target, realisasi, the document's ratio (``derive``) and the polarity-aware ratio per row.

    A realisation printed ``0`` in Tabel 2.3.4 where Tabel 2.3.1 prints NA for the same indicator
    and year is treated as *no data* for the polarity-aware ratio (``tanpa_data``); the document's
    own ratio (0) is still shown. AKIP rows (grades) keep the document's convention (target grade
    reached = 100) in both ratio columns.
    """
    mapping = polarity_map(data_dir) if mapping is None else mapping
    method = method or compute.POLARITY_METHOD
    full = load(KINERJA, data_dir)
    years = shown_years(full["tahun"], tahun)
    df = full[full["tahun"].isin(years)].sort_values(["no", "tahun"]).reset_index(drop=True)
    iku = load(IKU, data_dir)
    iku_na = {(str(i).casefold(), int(t)) for i, t, n, g in zip(iku["indikator"], iku["tahun"], iku["nilai"], iku["grade"])
              if _is_na(n) and _is_na(g)}
    derived = derive.derived(KINERJA, data_dir)
    derived = {(str(r), int(t)): (None if _is_na(v) else float(v))
               for r, t, c, v in zip(derived["row"], derived["tahun"], derived["column"], derived["recomputed"])
               if c == "rasio"}
    audit = audit_table(KINERJA, data_dir)
    audit = audit[audit["tahun"].isin(years)].reset_index(drop=True)
    audit["target_year"] = [_matching_target_year(full, r, t, p)
                            for r, t, p in zip(audit["row"], audit["tahun"], audit["printed"])]
    printed = {(str(r), int(t)): float(p) for r, t, p in zip(audit["row"], audit["tahun"], audit["printed"])}
    records = []
    for r in df.itertuples():
        pol = polarity(r.indikator, mapping)
        grade = not _is_na(r.target_grade) or not _is_na(r.realisasi_grade)
        target = r.target_grade if grade else (None if _is_na(r.target) else float(r.target))
        real = r.realisasi_grade if grade else (None if _is_na(r.realisasi) else float(r.realisasi))
        if grade:
            target = None if _is_na(target) else target
            real = None if _is_na(real) else real
        ratio = derived.get((str(r.no), int(r.tahun)))
        no_data = (not grade and real == 0 and (str(r.indikator).casefold(), int(r.tahun)) in iku_na)
        if grade:
            ratio_pol = ratio
        elif no_data:
            ratio_pol = None
        else:
            ratio_pol = compute.achievement_polarity(real, target, pol, method)
        records.append({
            "no": int(r.no), "indikator": str(r.indikator), "tahun": int(r.tahun), "target": target,
            "realisasi": real, "satuan": None if _is_na(r.satuan) else str(r.satuan), "polaritas": pol,
            "rasio": ratio, "rasio_polaritas": ratio_pol,
            "kategori": compute.category_label(ratio_pol), "tanpa_data": no_data,
            "printed_rasio": printed.get((str(r.no), int(r.tahun))),
        })
    return KinerjaData(pd.DataFrame.from_records(records), years, audit)


def _matching_target_year(full: pd.DataFrame, row, tahun, printed) -> Optional[int]:
    """The other year whose target reproduces a printed ratio (realisasi of ``tahun`` ÷ that target)."""
    rows = full[full["no"].astype(str) == str(row)]
    real = rows.loc[rows["tahun"] == tahun, "realisasi"]
    if real.empty or _is_na(real.iloc[0]) or _is_na(printed):
        return None
    for other in rows.itertuples():
        if other.tahun != tahun and not _is_na(other.target) and other.target:
            if abs(float(real.iloc[0]) / float(other.target) * 100 - float(printed)) <= 0.5:
                return int(other.tahun)
    return None


def kinerja_table(data: KinerjaData, data_dir=None) -> MixedTable:
    """Tabel 2.3.4 in the document's layout: Target Indikator, Target, Realisasi and Rasio per year.

    Rasio is recomputed as the document does (realisasi/target×100, ``derive``); cells where the
    printed rasio differs are marked.
    """
    long, years = data.long, data.years
    ind = load(KINERJA_INDIKATOR, data_dir).set_index("no")
    rows, decimals, cells = [], [], []
    for i, (no, g) in enumerate(long.groupby("no", sort=True)):
        g = g.set_index("tahun")
        row = {"No": int(no), "Indikator Kinerja Sesuai Tugas dan Fungsi": g["indikator"].iloc[0],
               "Target Indikator": _target_indikator(ind, no)}
        for y in years:
            row[f"Target {y}"] = g.at[y, "target"] if y in g.index else None
        for y in years:
            row[f"Realisasi {y}"] = g.at[y, "realisasi"] if y in g.index else None
        for y in years:
            row[f"Rasio {y}"] = g.at[y, "rasio"] if y in g.index else None
            if y in g.index and g.at[y, "printed_rasio"] is not None and not _is_na(g.at[y, "printed_rasio"]):
                cells.append((i, f"Rasio {y}"))
        rows.append(row)
        decimals.append(unit_decimals(g["satuan"].iloc[0]))
    frame = pd.DataFrame(rows)
    mixed = ["Target Indikator"] + [f"{k} {y}" for k in ("Target", "Realisasi") for y in years]
    rasio_cols = [f"Rasio {y}" for y in years]
    for c in rasio_cols:
        frame[c] = pd.array(frame[c], dtype="Float64")
    marks = _marks_for(frame, cells)
    note = ("Rasio = realisasi/target×100, dihitung ulang dengan rumus dokumen untuk semua indikator, "
            "termasuk yang semakin rendah semakin baik (lihat tabel analisis polaritas di bawah). Nilai AKIP: "
            "100 bila predikat target tercapai.")
    zero = _zero_text(data)
    if zero:
        note += " " + zero
    for r in data.audit.itertuples():
        note += " " + _audit_text(r)
    return MixedTable(frame, table_caption(KINERJA, years, data_dir), mixed=mixed, decimals=decimals,
                      kinds={"No": "int", **{c: "dec2" for c in rasio_cols}},
                      marks=marks, note=note, name="tabel-2-3-4-kinerja-pelayanan")


def _target_indikator(ind: pd.DataFrame, no) -> Optional[str]:
    if no not in ind.index:
        return None
    r = ind.loc[no]
    if not _is_na(r["target_indikator_grade"]):
        return str(r["target_indikator_grade"])
    if _is_na(r["target_indikator"]):
        return None
    value = float(r["target_indikator"])
    text = format_number(value, 0 if value == int(value) else 2)
    return f"{text} {r['satuan']}" if not _is_na(r["satuan"]) else text


def polarity_note(method: Optional[str] = None, source: str = "") -> str:
    """The note naming the polarity method, its formula and the category bands."""
    method = method or compute.POLARITY_METHOD
    bands = ", ".join(f">{format_number(b, 0)} {n}" for b, n in compute.CATEGORY_BANDS)
    lowest = format_number(compute.CATEGORY_BANDS[-1][0], 0)
    return (f"Rasio sesuai polaritas: indikator 'semakin tinggi semakin baik' = realisasi/target×100; "
            f"indikator 'semakin rendah semakin baik' memakai metode '{method}' = {compute.POLARITY_METHODS[method]} "
            f"(praktik LKjIP, bukan rumus Permendagri 86/2017; pengaturan compute.POLARITY_METHOD). "
            f"Polaritas dari {source or 'DEFAULT_POLARITY'}. Kategori: {bands}, ≤{lowest} {compute.CATEGORY_LOWEST}; "
            f"nilai di atas 100% tidak dipotong dan diberi keterangan '{compute.ABOVE_TARGET_LABEL}'. "
            "Realisasi yang dicetak 0 tetapi NA di Tabel 2.3.1 dianggap belum ada data. Nilai AKIP: 100 bila "
            "predikat target tercapai (konvensi dokumen).")


def kinerja_polarity_table(data: KinerjaData, data_dir=None) -> MixedTable:
    """Long table: per indicator and year the document's ratio next to the polarity-aware ratio
    (:func:`helpers.core.compute.achievement_polarity`) and its category (:func:`helpers.core.compute.category_label`)."""
    long = data.long
    frame = pd.DataFrame({
        "No": long["no"], "Indikator": long["indikator"],
        "Polaritas": [POLARITY_LABELS[p] for p in long["polaritas"]], "Tahun": long["tahun"],
        "Target": long["target"], "Realisasi": long["realisasi"],
        "Rasio dokumen (realisasi/target×100)": pd.array(long["rasio"], dtype="Float64"),
        "Rasio sesuai polaritas": pd.array(long["rasio_polaritas"], dtype="Float64"),
        "Kategori": long["kategori"],
    })
    marks = _marks_for(frame, [(i, "Rasio dokumen (realisasi/target×100)")
                               for i, p in enumerate(long["printed_rasio"]) if p is not None and not _is_na(p)])
    caption = f"Analisis capaian {read_schema(KINERJA, data_dir).number} sesuai polaritas indikator ({year_span(data.years)})"
    return MixedTable(frame, caption, mixed=["Target", "Realisasi"], decimals=[unit_decimals(s) for s in long["satuan"]],
                      kinds={"No": "int", "Tahun": "year"}, marks=marks,
                      note=polarity_note(source=polarity_source(data_dir)), name="tabel-2-3-4-analisis-polaritas")


def _zero_text(data: KinerjaData) -> str:
    """Which printed zeros are read as 'no data' (Tabel 2.3.1 prints NA for the same cells)."""
    no_data = data.long[data.long["tanpa_data"]]
    if no_data.empty:
        return ""
    names = sorted(set(no_data["indikator"]), key=list(data.long["indikator"]).index)
    return (f"Realisasi {_years_list(sorted(set(no_data['tahun'])))} untuk " + ", ".join(names)
            + " dicetak 0 di Tabel 2.3.4 tetapi NA di Tabel 2.3.1: dibaca sebagai 'belum ada data', bukan capaian 0.")


def _audit_text(r) -> str:
    """One misprinted ratio: printed (with its printed decimals) vs recomputed, and the target it used."""
    decimals = printed_decimals(r.printed_text, r.printed)
    text = (f"Rasio {r.label} {r.tahun} tercetak {format_number(r.printed, decimals)}, sedangkan realisasi ÷ "
            f"target tahun yang sama × 100 = {format_number(r.recomputed, 2)} ({r.kind}")
    if getattr(r, "target_year", None) is not None and not _is_na(r.target_year):
        text += f": angka tercetak sama dengan realisasi {r.tahun} ÷ target {int(r.target_year)}"
    return text + ")."


def kinerja_narrative(data: KinerjaData) -> str:
    """Draft narrative for Tabel 2.3.4: the last shown year by polarity-aware category, the cells where
    the document's ratio reads a worse result as success, printed zeros without data, misprinted ratios."""
    long = data.long
    if long.empty:
        return "Tidak ada data kinerja pada tahun yang ditampilkan."
    y1 = data.years[-1]
    last = long[long["tahun"] == y1]
    reached = [r for r in last.itertuples() if not _is_na(r.rasio_polaritas) and r.rasio_polaritas >= 100]
    lines = [f"Capaian {y1} menurut rasio sesuai polaritas: {len(reached)} dari {len(last)} indikator mencapai "
             "atau melampaui target.", ""]
    lines += [f"- {markdown_escape(r.indikator)}: {_ratio_text(r.rasio_polaritas)} — {r.kategori}"
              for r in last.itertuples()]
    misleading = [r for r in long.itertuples() if r.polaritas == "turun" and not r.tanpa_data
                  and not _is_na(r.rasio) and r.rasio > 100]
    if misleading:
        lines += ["", f"Pada indikator yang semakin rendah semakin baik, rasio dokumen di atas 100% berarti realisasi "
                  f"melebihi target, yaitu hasil yang lebih buruk ({len(misleading)} sel):", ""]
        lines += [f"- {markdown_escape(r.indikator)} {r.tahun}: realisasi {format_in_unit(r.realisasi, r.satuan)}, "
                  f"target {format_in_unit(r.target, r.satuan)}; rasio dokumen {_ratio_text(r.rasio)}, sesuai "
                  f"polaritas {_ratio_text(r.rasio_polaritas)}" for r in misleading]
        if any(r.satuan == "rasio" for r in misleading):
            lines += ["", VIOLENCE_CAVEAT]
    zero = _zero_text(data)
    if zero:
        lines += ["", markdown_escape(zero)]
    if not data.audit.empty:
        lines += ["", "Rasio yang tercetak berbeda dari hasil hitung ulang:", ""]
        lines += ["- " + markdown_escape(_audit_text(r)) for r in data.audit.itertuples()]
    return "\n".join(lines)


def _ratio_text(value) -> str:
    return MISSING_DISPLAY if value is None or _is_na(value) else format_percent(value)


def kinerja_chart(data: KinerjaData):
    """Small multiples: target (dashed, hollow) vs realisasi (solid) per indicator, own y-scale;
    AKIP on an ordinal grade axis; printed zeros without data (see :func:`kinerja_data`) left out."""
    import matplotlib.pyplot as plt

    _quiet()
    groups = list(data.long.groupby("no", sort=True))
    cols = 3
    rows = max(1, math.ceil(len(groups) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(13, 3.9 * rows), squeeze=False)
    years = data.years
    for ax, (no, g) in zip(axes.flat, groups):
        g = g.set_index("tahun").reindex(years)
        grade = any(isinstance(v, str) for v in list(g["target"]) + list(g["realisasi"]))
        satuan = g["satuan"].dropna().iloc[0] if g["satuan"].notna().any() else None
        dec = unit_decimals(satuan)
        real = [None if (t is True) else v for v, t in zip(g["realisasi"], g["tanpa_data"])]
        _plot_series(ax, years, list(g["target"]), color=PALETTE[1], marker=MARKERS[1], linestyle="--",
                     filled=False, label="Target", grade=grade, decimals=dec, offset=-12)
        _plot_series(ax, years, real, color=PALETTE[0], marker=MARKERS[0], label="Realisasi", grade=grade,
                     decimals=dec, offset=6)
        _year_axis(ax, years)
        if grade:
            _grade_axis(ax)
        else:
            ax.yaxis.set_major_formatter(id_formatter(0 if satuan == "jiwa" else 1))
            _headroom(ax)
        pol = g["polaritas"].dropna().iloc[0]
        ax.set_title(_wrap(g["indikator"].dropna().iloc[0], 38) + f"\n({POLARITY_LABELS[pol]})", fontsize=9.5)
        ax.set_ylabel(UNIT_AXIS_LABELS.get(satuan, satuan or ""))
        ax.set_xlabel("Tahun")
        ax.legend(fontsize=7.5, loc="best")
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    fig.suptitle(f"Target dan Realisasi Kinerja Pelayanan {year_span(years)} (realisasi 0 yang di Tabel 2.3.1 "
                 "tercatat NA tidak digambar)", fontsize=12, fontweight="bold")
    fig.tight_layout()
    return fig
