"""Tabel 3.2.1 (tujuan and sasaran with yearly targets), the progress of the plan up to ``tahun``,
and the cross-table check of its targets against Tabel 4.5.1 (IKU).

Target cells keep the document's forms: an AKIP cell ``BB (73,00)`` (grade and score), a rate
``42:100.000`` (numerator and denominator) are text; every other target is a number shown with
two decimals (``10,68``). Those columns are ``mixed``: right-aligned, numbers stored as numbers.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Optional, Sequence, Union

import pandas as pd

from helpers.core.compute import as_number
from helpers.core.data import has_table, load_present, read_schema
from helpers.core.numbers import MISSING_DISPLAY, format_number
from helpers.core.text import is_na, join_list
from helpers.present import Column, Notice, Table, markdown_escape, unavailable
from helpers.present.frames import repeated_cells
from helpers.core.years import year_span

GOALS = "3_2_1_tujuan_sasaran"
IKU = "4_5_1_iku_target"

POLARITY_TEXT = {"naik": "naik (makin tinggi makin baik)", "turun": "turun (makin rendah makin baik)"}
POLARITY_SHORT = {"naik": "makin tinggi makin baik", "turun": "makin rendah makin baik"}
UNIT_TEXT = {"%": "%", "indeks": "indeks", "rasio": "rasio", "skor": "skor"}

#: Where the realisation of the reporting year itself is shown (the years before it are on this page).
REALISATION_TEXT = "lihat halaman Evaluasi capaian kinerja tahunan"  # named by its title, as readers see it

#: Similarity needed to pair an indicator of Tabel 3.2.1 with one of Tabel 4.5.1 by name
#: (the names differ in small ways: "(PPKS) Mandiri" / "(PPKS) Yang Mandiri", "Rasio" / "Rasi").
MATCH_RATIO = 0.8

Target = Union[float, str, None]


def _text(value) -> str:
    return "" if is_na(value) else str(value)


# --------------------------------------------------------------------------------------------
# Display values
# --------------------------------------------------------------------------------------------


def _decimals(value) -> int:
    v = as_number(value)
    return 0 if v is None or float(v).is_integer() else 2


def goal_target_value(value, grade=None, per=None) -> Target:
    """A target cell of Tabel 3.2.1 for a ``mixed`` column: ``BB (73,00)`` and ``42:100.000`` as text,
    other targets as numbers, None for no value."""
    v = as_number(value)
    if v is None:
        return None
    if _text(grade):
        return f"{grade} ({format_number(v, 2)})"
    p = as_number(per)
    if p:
        return f"{format_number(v, _decimals(v))}:{format_number(p)}"
    return float(v)


def goal_target_text(value, grade=None, per=None, decimals: int = 2) -> str:
    """A target cell of Tabel 3.2.1 as the document writes it, Indonesian style.

    AKIP ``BB (73,00)`` (grade and score); rate ``42:100.000`` (numerator and denominator);
    other values with ``decimals`` decimals (``10,68``, ``0,37``); ``-`` for no value.
    """
    shown = goal_target_value(value, grade, per)
    if shown is None:
        return MISSING_DISPLAY
    return shown if isinstance(shown, str) else format_number(shown, decimals)


def unit_text(satuan, per=None) -> str:
    """Satuan as shown: ``rasio per 100.000`` for rates ``n:100000``; ``-`` when unknown."""
    text = UNIT_TEXT.get(_text(satuan), _text(satuan))
    p = as_number(per)
    if p:
        text = f"{text} per {format_number(p)}"
    return text or MISSING_DISPLAY


# --------------------------------------------------------------------------------------------
# Tabel 3.2.1 Tujuan dan Sasaran
# --------------------------------------------------------------------------------------------


@dataclass
class Indicator:
    """One indikator sasaran of Tabel 3.2.1 with its yearly targets."""

    row_id: int
    sasaran_no: int
    sasaran: str
    name: str
    satuan: str
    polaritas: str
    per: Optional[float]
    targets: dict[int, float]
    grades: dict[int, Optional[str]]

    def value(self, year: int) -> Target:
        """The target of ``year`` as a ``mixed`` cell value (see :func:`goal_target_value`)."""
        return goal_target_value(self.targets.get(year), self.grades.get(year), self.per)

    def text(self, year: int) -> str:
        """The target of ``year`` as displayed (``10,68``, ``42:100.000``, ``BB (73,00)``)."""
        return goal_target_text(self.targets.get(year), self.grades.get(year), self.per)

    @property
    def years(self) -> list[int]:
        return sorted(self.targets)

    def direction(self) -> str:
        """``naik``/``turun``/``tetap`` from the first to the last year's target."""
        first, last = self.targets[self.years[0]], self.targets[self.years[-1]]
        return "tetap" if last == first else ("naik" if last > first else "turun")

    def monotone(self) -> bool:
        """True when every year moves in the same direction as the whole period (or stays)."""
        values = [self.targets[y] for y in self.years]
        steps = [b - a for a, b in zip(values, values[1:])]
        d = self.direction()
        if d == "tetap":
            return all(s == 0 for s in steps)
        return all((s > 0) if d == "naik" else (s < 0) for s in steps)

    def consistent(self) -> bool:
        """True when the targets move the way the polarity says is better."""
        return self.direction() == self.polaritas


def plan_years(data_dir=None) -> list[int]:
    """The plan years of Tabel 3.2.1 (empty without the table)."""
    if not has_table(GOALS, data_dir):
        return []
    return sorted(int(y) for y in load_present(GOALS, data_dir)["tahun"].unique())


def indicators(data_dir=None) -> list[Indicator]:
    """The indikator sasaran of Tabel 3.2.1 in printed order."""
    df = load_present(GOALS, data_dir).sort_values(["row_id", "tahun"])
    out = []
    for row_id, g in df.groupby("row_id", sort=True):
        first = g.iloc[0]
        out.append(Indicator(
            row_id=int(row_id), sasaran_no=int(first["sasaran_no"]), sasaran=str(first["sasaran"]),
            name=str(first["indikator_sasaran"]), satuan=_text(first["satuan"]), polaritas=_text(first["polaritas"]),
            per=as_number(first["per"]),
            targets={int(t): float(v) for t, v in zip(g["tahun"], g["target"]) if not is_na(v)},
            grades={int(t): (None if is_na(gr) else str(gr)) for t, gr in zip(g["tahun"], g["target_grade"])},
        ))
    return out


def goals_frame(data_dir=None) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Tabel 3.2.1 as in the document: one row per indikator sasaran, targets per year (``target_<y>``).

    Also returns the cells the document merges (No and Tujuan over the whole table, Indikator
    Kinerja Tujuan and Sasaran per sasaran), shown blank on continuation rows.
    """
    df = load_present(GOALS, data_dir).sort_values(["row_id", "tahun"])
    years = sorted(int(y) for y in df["tahun"].unique())
    first = df.drop_duplicates("row_id").reset_index(drop=True)
    inds = {i.row_id: i for i in indicators(data_dir)}
    out = pd.DataFrame({
        "no": pd.array(first["no"], dtype="Int64"),
        "tujuan": first["tujuan"].astype(str),
        "indikator_tujuan": first["indikator_tujuan"].astype(str),
        "sasaran_no": pd.array(first["sasaran_no"], dtype="Int64"),
        "sasaran": first["sasaran"].astype(str),
        "indikator_sasaran": first["indikator_sasaran"].astype(str),
    })
    for y in years:
        out[f"target_{y}"] = pd.Series([inds[int(r)].value(y) for r in first["row_id"]], dtype=object)
    blank = repeated_cells(out, ["no", "tujuan"])
    blank += [(i, c) for i, c in repeated_cells(out, ["sasaran_no", "indikator_tujuan", "sasaran"])
              if c != "sasaran_no"]
    return out, blank


def target_columns(years: Sequence[int], tahun: int, key: str = "target_{}") -> list[Column]:
    """One right-aligned ``mixed`` column per year, the column of ``tahun`` highlighted."""
    return [Column(key.format(y), str(y), role="mixed", decimals=2, highlight=y == tahun) for y in years]


def goals_notes(inds: Sequence[Indicator]) -> list[str]:
    forms = []
    if any(g for i in inds for g in i.grades.values()):
        forms.append("AKIP = predikat (nilai)")
    pers = sorted({i.per for i in inds if i.per})
    if pers:
        forms.append(f"rasio = kasus : penduduk (per {join_list([format_number(p) for p in pers], 'atau')})")
    text = "Target sebagaimana tercetak, dalam format angka Indonesia"
    text += (": " + "; ".join(forms) + ".") if forms else "."
    return [text + " Tabel ini tidak memuat angka turunan."]


def goals_table(tahun: int, data_dir=None) -> Table | Notice:
    """Tabel 3.2.1 with the column of ``tahun`` highlighted."""
    if not has_table(GOALS, data_dir):
        return unavailable("Tabel 3.2.1 (tujuan dan sasaran)")
    df, blank = goals_frame(data_dir)
    years = [int(c.split("_")[1]) for c in df.columns if c.startswith("target_")]
    columns = [Column("no", "No", role="integer"), Column("tujuan", "Tujuan", wide=True),
               Column("indikator_tujuan", "Indikator Kinerja Tujuan"), Column("sasaran", "Sasaran"),
               Column("indikator_sasaran", "Indikator Kinerja Sasaran")] + target_columns(years, tahun)
    return Table(df, columns, caption=read_schema(GOALS, data_dir).caption, name="tabel-3-2-1-tujuan-sasaran",
                 notes=goals_notes(indicators(data_dir)), blank=blank)


# --------------------------------------------------------------------------------------------
# Progress up to tahun (plan page)
# --------------------------------------------------------------------------------------------


def direction_text(ind: Indicator) -> str:
    """``turun setiap tahun``, ``naik``, ``tetap`` … for the progress table and the narrative."""
    d = ind.direction()
    if d == "tetap":
        return "tetap"
    return f"{d} setiap tahun" if ind.monotone() else f"{d} (tidak setiap tahun)"


def progress_frame(tahun: int, data_dir=None) -> tuple[pd.DataFrame, tuple[int, int]]:
    """For each indikator sasaran: targets at the start, in ``tahun`` and at the end; direction vs polarity;
    and the realisation of the plan years before ``tahun`` (:func:`realisation_frame` columns
    ``realisasi_<y>``, ``sd``, ``capaian``, ``kategori`` …, from the imported IKU of Tabel 4.5.1).

    Returns the frame and the first and last plan year.
    """
    inds = indicators(data_dir)
    years = plan_years(data_dir)
    first, last = years[0], years[-1]
    baseline = baselines(data_dir)
    frame = pd.DataFrame({
        "sasaran_no": [i.sasaran_no for i in inds],
        "sasaran": [i.sasaran for i in inds],
        "indikator_sasaran": [i.name for i in inds],
        "satuan": [unit_text(i.satuan, i.per) for i in inds],
        "polaritas": [POLARITY_TEXT.get(i.polaritas, i.polaritas or MISSING_DISPLAY) for i in inds],
        "kondisi_awal": pd.Series([baseline.get(i.name) for i in inds], dtype=object),
        "target_awal": pd.Series([i.value(first) for i in inds], dtype=object),
        "target_tahun": pd.Series([i.value(tahun) for i in inds], dtype=object),
        "target_akhir": pd.Series([i.value(last) for i in inds], dtype=object),
        "arah": [direction_text(i) for i in inds],
        "sesuai_polaritas": ["ya" if i.consistent() else "tidak" for i in inds],
        "realisasi": [REALISATION_TEXT] * len(inds),
    })
    real = realisation_frame(tahun, inds, data_dir)
    if real is not None:
        frame = pd.concat([frame, real.drop(columns=[c for c in real.columns if c in frame.columns])], axis=1)
    return frame, (first, last)


def realisation_frame(tahun: int, inds: Sequence[Indicator], data_dir=None) -> Optional[pd.DataFrame]:
    """Realisation of the plan years before ``tahun`` for each indikator sasaran (the imported IKU of
    the Tabel 4.5.1 indicator of the same name), to date (:func:`helpers.core.progress.to_date`) and
    against the end-of-period target of Tabel 3.2.1; None on the first plan year (nothing before it).
    Columns ``realisasi_<y>``, ``sd``, ``aturan``, ``capaian``, ``kategori``, ``catatan_capaian``,
    ``kode_iku`` (None when no IKU of that name exists)."""
    from helpers.core import progress

    years = progress.plan_years_before(tahun, data_dir)
    if not years:
        return None
    codes = {}
    if has_table(IKU, data_dir):
        _, iku, mapping = _pairs(data_dir)
        numbers = dict(zip(iku["indikator"], iku["no"]))
        codes = {name: f"IKU.{int(numbers[other])}" for name, other in mapping.items()}
    last = max(y for i in inds for y in i.targets) if inds else None
    items = pd.DataFrame({"jenis": "IKU", "kode": [codes.get(i.name, "") for i in inds],
                          "satuan": [i.satuan for i in inds], "polaritas": [i.polaritas or "naik" for i in inds],
                          "target_akhir": [i.targets.get(last) for i in inds]})
    real = progress.load(years, data_dir)
    out = progress.progress_frame(items, real, data_dir=data_dir)
    out["kode_iku"] = [codes.get(i.name) for i in inds]
    out.attrs["years"], out.attrs["imported"] = years, real.imported
    return out.drop(columns=["jenis", "kode", "satuan", "polaritas", "target_akhir", "sd_rp", "capaian_rp"])


def baselines(data_dir=None) -> dict[str, object]:
    """The kondisi awal of each indikator sasaran, from Tabel 4.5.1 (its "Kondisi Kinerja pada awal
    periode"; Tabel 3.2.1 prints none), matched by name; a grade for Nilai AKIP."""
    if not has_table(IKU, data_dir):
        return {}
    _, iku, mapping = _pairs(data_dir)
    first = iku.drop_duplicates("indikator").set_index("indikator")
    out = {}
    for name, other in mapping.items():
        r = first.loc[other]
        grade = None if is_na(r["baseline_grade"]) else str(r["baseline_grade"])
        value = as_number(r["baseline"])
        out[name] = (f"{grade} ({format_number(value, 2)})" if grade and value is not None else grade) or value
    return out


def progress_table(tahun: int, data_dir=None) -> Optional[Table]:
    """Progress of the plan up to ``tahun``: the target of ``tahun`` highlighted; the realisation of the
    plan years before ``tahun`` (imported), to date and against the end-of-period target; the
    realisation of ``tahun`` itself is evaluated on the evaluation page."""
    from helpers.core.progress import NO_DATA, RULE_TEXT

    if not has_table(GOALS, data_dir):
        return None
    df, (first, last) = progress_frame(tahun, data_dir)
    blank = [(i, c) for i, c in repeated_cells(df, ["sasaran_no", "sasaran"]) if c == "sasaran"]
    columns = [Column("sasaran", "Sasaran"), Column("indikator_sasaran", "Indikator Kinerja Sasaran"),
               Column("satuan", "Satuan"), Column("polaritas", "Polaritas"),
               Column("kondisi_awal", "Kondisi awal (Tabel 4.5.1)", role="mixed", decimals=2),
               Column("target_awal", f"Target awal ({first})", role="mixed", decimals=2),
               Column("target_tahun", f"Target {tahun}", role="mixed", decimals=2, highlight=True),
               Column("target_akhir", f"Target akhir ({last})", role="mixed", decimals=2),
               Column("arah", f"Arah target {first}–{last}"), Column("sesuai_polaritas", "Sesuai polaritas")]
    notes = ["Satuan dan polaritas tidak tercetak di Tabel 3.2.1; keduanya dibaca dari nama indikator "
             "(keputusan dicatat dalam log asumsi). Kondisi awal dari Tabel 4.5.1 (tahunnya tidak disebut di tabel "
             "itu); Tabel 3.2.1 tidak mencetaknya."]
    symbols = {}
    years = [int(c.split("_")[1]) for c in df.columns if re.fullmatch(r"realisasi_\d{4}", str(c))]
    if years:
        for y in years:
            df[f"realisasi_{y}"] = pd.Series([as_number(v) for v in df[f"realisasi_{y}"]], dtype=object)
            columns.append(Column(f"realisasi_{y}", f"Realisasi {y}", role="mixed", decimals=2))
        df["sd"] = pd.Series([as_number(v) for v in df["sd"]], dtype=object)
        columns += [Column("sd", f"Realisasi s.d. {years[-1]}", role="mixed", decimals=2),
                    Column("capaian", f"Capaian terhadap target akhir ({last}) (%)", role="decimal", decimals=2),
                    Column("kategori", "Kategori capaian")]
        for i, r in df.iterrows():
            for y in years:
                if as_number(r[f"realisasi_{y}"]) is None:
                    symbols[(i, f"realisasi_{y}")] = NO_DATA
            if as_number(r["sd"]) is None:
                symbols[(i, "sd")] = symbols[(i, "capaian")] = NO_DATA
        from helpers.core import compute

        notes.append(f"Realisasi {year_span(years)}: IKU Tabel 4.5.1 dengan nama yang sama, dari data realisasi yang "
                     f"diimpor; \u201c{NO_DATA}\u201d bila belum ada (tidak pernah 0). "
                     f"Realisasi s.d. {years[-1]}: persen, indeks, rasio dan skor memakai {RULE_TEXT['last']}; "
                     f"satuan jumlah {RULE_TEXT['sum']}. Capaian terhadap target akhir {last} Tabel 3.2.1, "
                     f"{compute.convention_label()}; kategori {compute.category_bands(data_dir).describe()}.")
        notes += [f"{r.indikator_sasaran}: {r.catatan_capaian}" for r in df.itertuples()
                  if isinstance(r.catatan_capaian, str) and r.catatan_capaian]
        unmatched = [r.indikator_sasaran for r in df.itertuples() if r.kode_iku is None]
        if unmatched:
            notes.append(f"Tanpa IKU bernama sama di Tabel 4.5.1 (realisasi tidak diimpor): {join_list(unmatched)}.")
    columns.append(Column("realisasi", f"Realisasi {tahun}"))
    notes.append(f"Realisasi {tahun} sendiri dievaluasi di halaman Evaluasi {tahun} dan tampil di halaman "
                 f"{tahun + 1} dan seterusnya.")
    return Table(df, columns, caption=f"Kemajuan rencana sampai {tahun}: target indikator sasaran (Tabel 3.2.1)",
                 name=f"3-2-1-kemajuan-{tahun}", blank=blank, notes=notes, symbols=symbols)


# --------------------------------------------------------------------------------------------
# Cross-table check: Tabel 3.2.1 vs Tabel 4.5.1
# --------------------------------------------------------------------------------------------


def _name_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", str(text).lower())).strip()


def match_indicators(left: Sequence[str], right: Sequence[str], ratio: float = MATCH_RATIO) -> dict[str, str]:
    """Pair names one to one by similarity (best pairs first); unpaired names are left out."""
    pairs = sorted(((difflib.SequenceMatcher(None, _name_key(a), _name_key(b)).ratio(), a, b)
                    for a in left for b in right), reverse=True)
    out: dict[str, str] = {}
    used: set[str] = set()
    for score, a, b in pairs:
        if score < ratio or a in out or b in used:
            continue
        out[a] = b
        used.add(b)
    return out


def _pairs(data_dir) -> tuple[list[Indicator], pd.DataFrame, dict[str, str]]:
    inds = indicators(data_dir)
    iku = load_present(IKU, data_dir)
    return inds, iku, match_indicators([i.name for i in inds], list(iku["indikator"].unique()))


def compare_iku(data_dir=None) -> pd.DataFrame:
    """Every target printed differently in Tabel 3.2.1 and Tabel 4.5.1 (same indicator, same year).

    Columns: ``indikator`` (3.2.1 name), ``indikator_4_5_1``, ``tahun``, ``teks_3_2_1``,
    ``teks_4_5_1`` (display strings), ``nilai_3_2_1``, ``nilai_4_5_1``, ``selisih`` (3.2.1 − 4.5.1).
    A grade or denominator that differs counts as a difference too.
    """
    inds, iku, mapping = _pairs(data_dir)
    rows = []
    for ind in inds:
        other_name = mapping.get(ind.name)
        if other_name is None:
            continue
        for r in iku[iku["indikator"] == other_name].itertuples():
            y = int(r.tahun)
            if y not in ind.targets:
                continue
            a, b = ind.targets[y], as_number(r.target)
            ga, gb = ind.grades.get(y), (None if is_na(r.target_grade) else str(r.target_grade))
            pa, pb = ind.per, as_number(r.per)
            if b is not None and abs(a - b) < 1e-9 and ga == gb and pa == pb:
                continue
            rows.append({"indikator": ind.name, "indikator_4_5_1": other_name, "tahun": y,
                         "teks_3_2_1": ind.text(y), "teks_4_5_1": goal_target_text(b, gb, pb),
                         "nilai_3_2_1": a, "nilai_4_5_1": b, "selisih": None if b is None else a - b})
    return pd.DataFrame(rows, columns=["indikator", "indikator_4_5_1", "tahun", "teks_3_2_1", "teks_4_5_1",
                                       "nilai_3_2_1", "nilai_4_5_1", "selisih"])


def compared_cells(data_dir=None) -> int:
    """How many target cells of Tabel 3.2.1 have a counterpart in Tabel 4.5.1."""
    inds, iku, mapping = _pairs(data_dir)
    count = 0
    for ind in inds:
        if ind.name in mapping:
            years = set(int(y) for y in iku.loc[iku["indikator"] == mapping[ind.name], "tahun"])
            count += len(years & set(ind.targets))
    return count


def compare_table(diff: pd.DataFrame) -> Table:
    """The cells that differ between Tabel 3.2.1 and Tabel 4.5.1."""
    df = pd.DataFrame({
        "indikator": diff["indikator"].astype(str),
        "tahun": pd.array(diff["tahun"], dtype="Int64"),
        "tabel_3_2_1": diff["teks_3_2_1"].astype(str),
        "tabel_4_5_1": diff["teks_4_5_1"].astype(str),
        "selisih": pd.array(diff["selisih"], dtype="Float64"),
    })
    columns = [Column("indikator", "Indikator (Tabel 3.2.1)"), Column("tahun", "Tahun", role="year"),
               Column("tabel_3_2_1", "Tabel 3.2.1", role="mixed", decimals=2),
               Column("tabel_4_5_1", "Tabel 4.5.1", role="mixed", decimals=2),
               Column("selisih", "Selisih (3.2.1 − 4.5.1)", role="decimal", decimals=2)]
    return Table(df, columns, caption="Pemeriksaan silang: target yang tercetak berbeda di Tabel 3.2.1 dan "
                 "Tabel 4.5.1", name="3-2-1-vs-4-5-1", blank=repeated_cells(df, ["indikator"]))


def compare_text(diff: pd.DataFrame, cells: int) -> str:
    """Markdown note on the cross-table check (computed, not hard-coded)."""
    if not cells:
        return ("**Pemeriksaan silang.** Tidak ada indikator sasaran Tabel 3.2.1 yang dapat dipasangkan dengan "
                "indikator Tabel 4.5.1 (IKU) menurut namanya.")
    if diff.empty:
        return (f"**Pemeriksaan silang.** Ke-{cells} target Tabel 3.2.1 sama dengan target indikator yang sama "
                "di Tabel 4.5.1 (IKU).")
    parts = []
    for name, g in diff.groupby("indikator", sort=False):
        cells_text = "; ".join(f"{int(r.tahun)}: {r.teks_3_2_1} di Tabel 3.2.1, {r.teks_4_5_1} di Tabel 4.5.1"
                               for r in g.itertuples())
        parts.append(f"{markdown_escape(name)} ({cells_text})")
    return (f"**Pemeriksaan silang.** Dari {cells} target Tabel 3.2.1 yang juga tercetak di Tabel 4.5.1 (IKU), "
            f"{len(diff)} berbeda: " + "; ".join(parts) + ". Target lainnya sama. Dokumen perlu menetapkan "
            "satu angka; halaman ini menampilkan keduanya sebagaimana tercetak.")


def cross_check(data_dir=None) -> list:
    """What the page shows for the cross-table check: the note and, if any, the table of differences."""
    if not has_table(GOALS, data_dir):
        return []  # the page already says that Tabel 3.2.1 is absent
    if not has_table(IKU, data_dir):
        return [unavailable("Tabel 4.5.1 (IKU)")]
    diff = compare_iku(data_dir)
    items: list = [compare_text(diff, compared_cells(data_dir))]
    if not diff.empty:
        items.append(compare_table(diff))
    return items
