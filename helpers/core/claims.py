"""The document's narrative trend claims, each checked against the data.

The narrative under Tabel 2.3.1 (source line 630) and under Tabel 2.3.2 (line 666) states
trends ("Angka Kemiskinan semakin menurun", "tren penurunan");  ``data/klaim.yaml`` quotes them
(optional: another office's data has no claims of this document), and :func:`check_claim` decides each one against the series of
:mod:`helpers.core.kinerja` (:data:`CLAIM_MODES` says how). The performance page shows the
checks under its tables; the audit page gathers them over the whole history with
:func:`check_claims`. A claim whose indicator is not in the data is "tidak dapat diperiksa";
a claim about a table the data directory lacks is left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import pandas as pd

from helpers.core import kinerja
from helpers.core.data import has_table
from helpers.core.kinerja import Step, Trend, direction, format_in_unit
from helpers.core.opd import load_opd
from helpers.core.years import year_span

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
STATUSES = (DIDUKUNG, SEBAGIAN, TIDAK, TAK_DAPAT)

#: Columns of :func:`check_claims`.
COLUMNS = ("Tabel", "Baris sumber", "Klaim dokumen", "Didukung data?", "Bukti")


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
    table: str = ""
    source_line: str = ""


@dataclass(frozen=True)
class ClaimCheck:
    """The verdict on one claim: ``status`` (one of :data:`STATUSES`) and the evidence in
    Indonesian, with numbers as in the tables."""

    claim: Claim
    status: str
    evidence: str

    @property
    def supported(self) -> bool:
        return self.status == DIDUKUNG


#: The tables whose narrative claims are checked, and the file that quotes them.
IKU_TABLE, PPKS_TABLE = "Tabel 2.3.1", "Tabel 2.3.2"
CLAIMS_FILE = "klaim.yaml"
CLAIM_KEYS = {"tabel", "baris_sumber", "teks", "indikator", "arah", "cara", "tahun", "tahun_pengecualian", "catatan"}


class ClaimsError(ValueError):
    """``klaim.yaml`` is malformed; the message names the file, the claim and the key."""


def load_claims(data_dir=None) -> tuple[Claim, ...]:
    """The document's claims quoted in ``<data_dir>/klaim.yaml``; none when the file is absent."""
    from helpers.core.data import resolve_data_dir
    from helpers.core.yamlfile import read_yaml

    path = resolve_data_dir(data_dir) / CLAIMS_FILE
    if not path.is_file():
        return ()
    try:
        raw = read_yaml(path)
    except Exception as exc:  # a YAML or decoding error is the file's fault
        raise ClaimsError(f"{path}: not valid YAML ({exc})") from None
    entries = raw.get("klaim") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise ClaimsError(f"{path}: expected a list under 'klaim:'")
    claims = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}, klaim {number}"
        if not isinstance(entry, dict):
            raise ClaimsError(f"{where}: expected a mapping with keys {sorted(CLAIM_KEYS)}")
        unknown = sorted(set(entry) - CLAIM_KEYS)
        missing = [k for k in ("tabel", "teks", "indikator", "arah", "cara") if not entry.get(k)]
        if unknown or missing:
            raise ClaimsError(f"{where}: " + (f"unknown keys {unknown}" if unknown else f"missing {missing}"))
        if entry["arah"] not in ("naik", "turun"):
            raise ClaimsError(f"{where}, key 'arah': {entry['arah']!r}; expected naik or turun")
        if entry["cara"] not in CLAIM_MODES:
            raise ClaimsError(f"{where}, key 'cara': {entry['cara']!r}; expected one of {list(CLAIM_MODES)}")
        if entry["cara"] == "tahun" and not isinstance(entry.get("tahun"), int):
            raise ClaimsError(f"{where}, key 'tahun': a claim about one year needs that year")
        claims.append(Claim(text=str(entry["teks"]), indikator=str(entry["indikator"]), direction=entry["arah"],
                            mode=entry["cara"], year=entry.get("tahun"), exception_year=entry.get("tahun_pengecualian"),
                            note=str(entry.get("catatan") or ""), table=str(entry["tabel"]),
                            source_line=str(entry.get("baris_sumber") or "")))
    return tuple(claims)


def claims_of(table: str, data_dir=None) -> tuple[Claim, ...]:
    """The claims under one table (e.g. ``Tabel 2.3.1``)."""
    return tuple(c for c in load_claims(data_dir) if c.table == table)


def _v(trend: Trend, value) -> str:
    return format_in_unit(value, trend.satuan)


def step_text(trend: Trend, step: Step) -> str:
    """``2023 (turun dari 200 jiwa menjadi 66 jiwa)``."""
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
        return _check_year(claim, trend)
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
        if not against and not flat:
            return ClaimCheck(claim, DIDUKUNG, head + " Setiap tahun " + claim.direction + ".")
        overall_text = (f" Dari awal ke akhir {overall} dari {_v(trend, first[1])} ({first[0]}) menjadi "
                        f"{_v(trend, last[1])} ({last[0]}).")
        broken = "; ".join(step_text(trend, s) for s in against + flat)
        return ClaimCheck(claim, TIDAK, f"{head} Tidak {claim.direction} setiap tahun: {broken}.{overall_text}")
    parts = [head]
    if overall != claim.direction:
        parts.append(f"Dari awal ke akhir justru {overall}.")
        status = TIDAK
    else:
        status = DIDUKUNG
        if against:
            detail = "; ".join(step_text(trend, s) for s in against)
            if claim.mode == "semakin":
                status = SEBAGIAN
                parts.append(f"Secara keseluruhan {overall}, tetapi berbalik arah pada {detail}.")
            else:
                parts.append(f"Secara keseluruhan {overall}; juga berbalik arah pada {detail}, "
                             "yang tidak disebut dokumen.")
        if flat:
            parts.append("Tetap (tidak berubah) pada " + ", ".join(str(s.year_to) for s in flat) + ".")
    if claim.exception_year is not None:
        step = next((s for s in trend.steps if s.year_to == claim.exception_year), None)
        if step is None:
            parts.append(f"Tidak ada data {claim.exception_year} atau tahun sebelumnya.")
            status = TAK_DAPAT
        elif step.direction == opposite:
            parts.append(f"Penurunan/perubahan yang disebut terjadi: {step_text(trend, step)}.")
        else:
            parts.append(f"Yang disebut dokumen tidak terjadi: {step_text(trend, step)}.")
            status = SEBAGIAN if status == DIDUKUNG else status
    if claim.note:
        parts.append(claim.note)
    return ClaimCheck(claim, status, " ".join(parts))


def _check_year(claim: Claim, trend: Trend) -> ClaimCheck:
    """A ``tahun`` claim: the change into ``claim.year`` from the year before it with data."""
    prior = [p for p in trend.points if p[0] < claim.year]
    now = trend.value_at(claim.year)
    if now is None or not prior:
        return ClaimCheck(claim, TAK_DAPAT, f"tidak ada data {claim.year} atau tahun sebelumnya.")
    step = Step(prior[-1][0], claim.year, prior[-1][1], now, direction(trend.key(prior[-1][1]), trend.key(now)))
    status = DIDUKUNG if step.direction == claim.direction else TIDAK
    evidence = (f"{claim.year}: {step.direction} dari {_v(trend, step.value_from)} ({step.year_from}) "
                f"menjadi {_v(trend, step.value_to)}.")
    return ClaimCheck(claim, status, evidence)


def check_against(claims: Sequence[Claim], trends: Sequence[Trend]) -> list[ClaimCheck]:
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


def iku_checks(trends: Sequence[Trend], data_dir=None) -> list[ClaimCheck]:
    """The claims under Tabel 2.3.1, checked against the IKU trends of the shown years."""
    return check_against(claims_of(IKU_TABLE, data_dir), trends)


def ppks_check(total: Trend, data_dir=None) -> Optional[ClaimCheck]:
    """The claim under Tabel 2.3.2 (a trend of the recomputed Total), or None when none is quoted."""
    found = claims_of(PPKS_TABLE, data_dir)
    return check_claim(found[0], total) if found else None


def history_year(data_dir=None) -> int:
    """The reporting year whose history shows every year before the plan: the first plan year."""
    return load_opd(data_dir).periode[0]


def check_claims(data_dir=None) -> pd.DataFrame:
    """Every claim over the whole history (the years before the plan): :data:`COLUMNS`, one row
    per claim (claims about a table the data lacks are left out)."""
    tahun = history_year(data_dir)
    checks: list[tuple[str, ClaimCheck]] = []
    if has_table(kinerja.IKU, data_dir):
        trends = kinerja.iku_trends(kinerja.iku_long(tahun, data_dir), kinerja.polarity_map(data_dir))
        checks += [(IKU_TABLE, c) for c in iku_checks(trends, data_dir)]
    if has_table(kinerja.PPKS, data_dir):
        check = ppks_check(kinerja.ppks_total_trend(kinerja.ppks_data(tahun, data_dir)), data_dir)
        checks += [(PPKS_TABLE, check)] if check is not None else []
    return pd.DataFrame({
        "Tabel": [t for t, _ in checks],
        "Baris sumber": [c.claim.source_line for _, c in checks],
        "Klaim dokumen": [c.claim.text for _, c in checks],
        "Didukung data?": [c.status for _, c in checks],
        "Bukti": [c.evidence for _, c in checks],
    }, columns=list(COLUMNS))
