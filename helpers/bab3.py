"""Bab III: tujuan, sasaran, cascading, Pohon Kinerja, strategi dan arah kebijakan (2025–2029).

The notebook ``notebooks/03-tujuan-sasaran.ipynb`` only calls this module. It is a *plan* page:
the tables show every plan year and highlight the column of the reporting year ``tahun``; the
progress table shows, for each indikator sasaran of Tabel 3.2.1, the target of ``tahun`` next
to the targets at the start and end of the period. Realisation of plan years is not part of
Bab III: it comes from the evaluation page (``01-evaluasi``); nothing is invented here.

Tables: ``3_2_1_tujuan_sasaran`` (Tabel 3.2.1), ``3_2_2_cascading`` (Tabel 3.2.2, with the codes
``kode_program``/``kode_kegiatan`` looked up in Tabel 4.1 and the ``polaritas`` of each kegiatan
indicator), ``3_3_1_strategi_kebijakan`` (Tabel 3.3.1) and, for a cross-table check,
``4_5_1_iku_target`` (Tabel 4.5.1, the same six indicators as IKU). None of the Bab III tables
prints a derived figure (no total, no end-of-period column), so there is nothing to recompute
and no cell is marked ``*``; the cross-table check (:func:`compare_iku`) reports where the same
target is printed differently in Tabel 3.2.1 and Tabel 4.5.1.

Display strings are built here with :mod:`helpers.core.numbers`: an AKIP cell ``BB (73,00)``, a rate
``42:100.000``, a percent target of the cascading ``100%`` (:func:`goal_target_text`,
:func:`cascade_target_text`).

The **Pohon Kinerja** (performance tree; its image is missing from the text export) is drawn
from the cascading data with matplotlib only: :func:`build_tree` (tujuan → sasaran → program →
kegiatan, each node with its indicators), :func:`layout_tree` (a tidy left-to-right layout: every
subtree gets the height of its own box or of its children, whichever is larger, and a parent is
centred on its children) and :func:`tree_figure`.
"""
from __future__ import annotations

import difflib
import re
import textwrap
import warnings
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Sequence

import pandas as pd

from helpers.bab2_isu import TextTable, blank_repeats, join_id, publish  # noqa: F401 (publish re-exported)
from helpers.core.compute import as_number
from helpers.core.data import load, read_schema
from helpers.core.numbers import MISSING_DISPLAY, format_number
from helpers.present.legacy import PALETTE, markdown_escape

# --------------------------------------------------------------------------------------------
# Tables and settings
# --------------------------------------------------------------------------------------------

GOALS = "3_2_1_tujuan_sasaran"
CASCADE = "3_2_2_cascading"
STRATEGY = "3_3_1_strategi_kebijakan"
IKU = "4_5_1_iku_target"

#: Years the page applies to (as in notebooks/pages.yaml).
PAGE_YEARS = (2025, 2029)

POLARITY_TEXT = {"naik": "naik (makin tinggi makin baik)", "turun": "turun (makin rendah makin baik)"}
POLARITY_SHORT = {"naik": "makin tinggi makin baik", "turun": "makin rendah makin baik"}
UNIT_TEXT = {"%": "%", "indeks": "indeks", "rasio": "rasio", "skor": "skor"}

#: Where the realisation of a plan year is shown (no number is invented on this page).
REALISATION_TEXT = "lihat halaman Evaluasi (01-evaluasi)"

#: A kegiatan target that changes by more than this share between two years is named in the
#: narrative as a break in the series (practice: a simple threshold for a draft text).
BREAK_SHARE = 0.5

#: Similarity needed to pair an indicator of Tabel 3.2.1 with one of Tabel 4.5.1 by name
#: (the names differ in small ways: "(PPKS) Mandiri" / "(PPKS) Yang Mandiri", "Rasio" / "Rasi").
MATCH_RATIO = 0.8

_num = as_number


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def plan_years(data_dir=None) -> list[int]:
    """The plan years of Tabel 3.2.1 (2025–2029)."""
    return sorted(int(y) for y in load(GOALS, data_dir)["tahun"].unique())


def check_tahun(tahun: int, data_dir=None) -> int:
    """``tahun`` if it is a plan year of Tabel 3.2.1, else a clear error."""
    years = plan_years(data_dir)
    if int(tahun) not in years:
        raise ValueError(f"tahun={tahun} is not a plan year of Tabel 3.2.1; expected one of {years}")
    return int(tahun)


# --------------------------------------------------------------------------------------------
# Display strings
# --------------------------------------------------------------------------------------------


def _decimals(value) -> int:
    v = _num(value)
    return 0 if v is None or float(v).is_integer() else 2


def goal_target_text(value, grade=None, per=None, decimals: int = 2) -> str:
    """A target cell of Tabel 3.2.1 as the document writes it, Indonesian style.

    AKIP ``BB (73,00)`` (grade and score); rate ``42:100.000`` (numerator and denominator);
    other values with ``decimals`` decimals (``10,68``, ``0,37``); ``-`` for no value.
    """
    v = _num(value)
    if v is None:
        return MISSING_DISPLAY
    if _text(grade):
        return f"{grade} ({format_number(v, 2)})"
    p = _num(per)
    if p:
        return f"{format_number(v, _decimals(v))}:{format_number(p)}"
    return format_number(v, decimals)


def cascade_target_text(value, satuan=None) -> str:
    """A target cell of Tabel 3.2.2: ``6.488``, ``100%`` when the unit is percent; ``-`` for none."""
    v = _num(value)
    if v is None:
        return MISSING_DISPLAY
    text = format_number(v, _decimals(v))
    return f"{text}%" if _text(satuan) == "%" else text


def unit_text(satuan, per=None) -> str:
    """Satuan as shown: ``rasio per 100.000`` for rates ``n:100000``; ``-`` when unknown."""
    text = UNIT_TEXT.get(_text(satuan), _text(satuan))
    p = _num(per)
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


def indicators(data_dir=None) -> list[Indicator]:
    """The indikator sasaran of Tabel 3.2.1 in printed order."""
    df = load(GOALS, data_dir).sort_values(["row_id", "tahun"])
    out = []
    for row_id, g in df.groupby("row_id", sort=True):
        first = g.iloc[0]
        out.append(Indicator(
            row_id=int(row_id), sasaran_no=int(first["sasaran_no"]), sasaran=str(first["sasaran"]),
            name=str(first["indikator_sasaran"]), satuan=str(first["satuan"]), polaritas=str(first["polaritas"]),
            per=_num(first["per"]),
            targets={int(t): float(v) for t, v in zip(g["tahun"], g["target"])},
            grades={int(t): (None if pd.isna(gr) else str(gr)) for t, gr in zip(g["tahun"], g["target_grade"])},
        ))
    return out


def goals_frame(data_dir=None) -> pd.DataFrame:
    """Tabel 3.2.1 as in the document: one row per indikator sasaran, targets per year as text.

    Merged cells of the document (No, Tujuan, Indikator Kinerja Tujuan, Sasaran) are blank on
    continuation rows.
    """
    df = load(GOALS, data_dir).sort_values(["row_id", "tahun"])
    years = sorted(int(y) for y in df["tahun"].unique())
    first = df.drop_duplicates("row_id").reset_index(drop=True)
    inds = {i.row_id: i for i in indicators(data_dir)}
    out = pd.DataFrame({
        "No": [str(int(n)) for n in first["no"]],
        "Tujuan": first["tujuan"].astype(str),
        "Indikator Kinerja Tujuan": first["indikator_tujuan"].astype(str),
        "Sasaran": first["sasaran"].astype(str),
        "Indikator Kinerja Sasaran": first["indikator_sasaran"].astype(str),
    })
    for y in years:
        out[str(y)] = [inds[int(r)].text(y) for r in first["row_id"]]
    # The document merges No and Tujuan over the whole table, Indikator Kinerja Tujuan and Sasaran per sasaran.
    out = blank_repeats(out, ["No", "Tujuan"])
    blanked = blank_repeats(pd.DataFrame({"k": first["sasaran_no"].astype(str),
                                          "Indikator Kinerja Tujuan": out["Indikator Kinerja Tujuan"],
                                          "Sasaran": out["Sasaran"]}), ["k", "Indikator Kinerja Tujuan", "Sasaran"])
    out["Indikator Kinerja Tujuan"] = blanked["Indikator Kinerja Tujuan"]
    out["Sasaran"] = blanked["Sasaran"]
    return out


def goals_table(tahun: int, caption: str, data_dir=None) -> TextTable:
    """Tabel 3.2.1 with the column of ``tahun`` highlighted."""
    df = goals_frame(data_dir)
    years = [c for c in df.columns if c.isdigit()]
    return TextTable(df, caption, name="tabel-3-2-1-tujuan-sasaran", highlight_column=str(tahun),
                     right_columns=years, wide_columns=["Tujuan"],
                     note="Target sebagaimana tercetak, dalam format angka Indonesia: AKIP = predikat (nilai); "
                          "rasio = kasus : penduduk (per 100.000). Tabel ini tidak memuat angka turunan.")


# --------------------------------------------------------------------------------------------
# Progress up to tahun (plan page)
# --------------------------------------------------------------------------------------------


def h_target_year(tahun: int) -> str:
    return f"Target {tahun}"


def direction_text(ind: Indicator) -> str:
    """``turun setiap tahun``, ``naik``, ``tetap`` … for the progress table and the narrative."""
    d = ind.direction()
    if d == "tetap":
        return "tetap"
    return f"{d} setiap tahun" if ind.monotone() else f"{d} (tidak setiap tahun)"


def progress_frame(tahun: int, data_dir=None) -> pd.DataFrame:
    """For each indikator sasaran: targets at the start, in ``tahun`` and at the end; direction vs polarity."""
    inds = indicators(data_dir)
    first, last = inds[0].years[0], inds[0].years[-1]
    return pd.DataFrame({
        "Sasaran": [i.sasaran for i in inds],
        "Indikator Kinerja Sasaran": [i.name for i in inds],
        "Satuan": [unit_text(i.satuan, i.per) for i in inds],
        "Polaritas": [POLARITY_TEXT[i.polaritas] for i in inds],
        f"Target awal ({first})": [i.text(first) for i in inds],
        h_target_year(tahun): [i.text(tahun) for i in inds],
        f"Target akhir ({last})": [i.text(last) for i in inds],
        f"Arah target {first}–{last}": [direction_text(i) for i in inds],
        "Sesuai polaritas": ["ya" if i.consistent() else "tidak" for i in inds],
        f"Realisasi {tahun}": [REALISATION_TEXT] * len(inds),
    })


def progress_table(tahun: int, data_dir=None) -> TextTable:
    """Progress of the plan up to ``tahun``: the target of ``tahun`` highlighted; realisation elsewhere."""
    df = progress_frame(tahun, data_dir)
    df = blank_repeats(df, ["Sasaran"])
    targets = [c for c in df.columns if c.startswith("Target")]
    return TextTable(df, f"Kemajuan rencana sampai {tahun}: target indikator sasaran (Tabel 3.2.1)",
                     name=f"3-2-1-kemajuan-{tahun}", highlight_column=h_target_year(tahun), right_columns=targets,
                     note="Satuan dan polaritas tidak tercetak di Tabel 3.2.1; keduanya dibaca dari nama indikator "
                          "(docs/assumptions/bab2-isu-bab3.md). Realisasi tahun rencana tidak ada di Bab III: "
                          "angkanya berasal dari data realisasi yang diimpor dan ditampilkan di halaman Evaluasi.")


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


def compare_iku(data_dir=None) -> pd.DataFrame:
    """Every target printed differently in Tabel 3.2.1 and Tabel 4.5.1 (same indicator, same year).

    Columns: ``indikator`` (3.2.1 name), ``indikator_4_5_1``, ``tahun``, ``teks_3_2_1``,
    ``teks_4_5_1`` (display strings), ``nilai_3_2_1``, ``nilai_4_5_1``, ``selisih`` (3.2.1 − 4.5.1).
    A grade or denominator that differs counts as a difference too.
    """
    inds = indicators(data_dir)
    iku = load(IKU, data_dir)
    mapping = match_indicators([i.name for i in inds], list(iku["indikator"].unique()))
    rows = []
    for ind in inds:
        other_name = mapping.get(ind.name)
        if other_name is None:
            continue
        other = iku[iku["indikator"] == other_name]
        for r in other.itertuples():
            y = int(r.tahun)
            if y not in ind.targets:
                continue
            a, b = ind.targets[y], _num(r.target)
            ga, gb = ind.grades.get(y), (None if pd.isna(r.target_grade) else str(r.target_grade))
            pa, pb = ind.per, _num(r.per)
            if b is not None and abs(a - b) < 1e-9 and ga == gb and pa == pb:
                continue
            rows.append({"indikator": ind.name, "indikator_4_5_1": other_name, "tahun": y,
                         "teks_3_2_1": ind.text(y), "teks_4_5_1": goal_target_text(b, gb, pb),
                         "nilai_3_2_1": a, "nilai_4_5_1": b, "selisih": None if b is None else a - b})
    return pd.DataFrame(rows, columns=["indikator", "indikator_4_5_1", "tahun", "teks_3_2_1", "teks_4_5_1",
                                       "nilai_3_2_1", "nilai_4_5_1", "selisih"])


def compared_cells(data_dir=None) -> int:
    """How many target cells of Tabel 3.2.1 have a counterpart in Tabel 4.5.1."""
    inds = indicators(data_dir)
    iku = load(IKU, data_dir)
    mapping = match_indicators([i.name for i in inds], list(iku["indikator"].unique()))
    count = 0
    for ind in inds:
        if ind.name in mapping:
            years = set(int(y) for y in iku.loc[iku["indikator"] == mapping[ind.name], "tahun"])
            count += len(years & set(ind.targets))
    return count


def compare_table(diff: pd.DataFrame) -> TextTable:
    """The cells that differ between Tabel 3.2.1 and Tabel 4.5.1."""
    df = pd.DataFrame({
        "Indikator (Tabel 3.2.1)": diff["indikator"].astype(str),
        "Tahun": pd.array(diff["tahun"], dtype="Int64"),
        "Tabel 3.2.1": diff["teks_3_2_1"].astype(str),
        "Tabel 4.5.1": diff["teks_4_5_1"].astype(str),
        "Selisih (3.2.1 − 4.5.1)": pd.array(diff["selisih"], dtype="Float64"),
    })
    df["Indikator (Tabel 3.2.1)"] = blank_repeats(df[["Indikator (Tabel 3.2.1)"]],
                                                  ["Indikator (Tabel 3.2.1)"])["Indikator (Tabel 3.2.1)"]
    return TextTable(df, "Pemeriksaan silang: target yang tercetak berbeda di Tabel 3.2.1 dan Tabel 4.5.1",
                     kinds={"Tahun": "year", "Selisih (3.2.1 − 4.5.1)": "dec2"},
                     right_columns=["Tabel 3.2.1", "Tabel 4.5.1"], name="3-2-1-vs-4-5-1")


def compare_text(diff: pd.DataFrame, cells: int) -> str:
    """Markdown note on the cross-table check (computed, not hard-coded)."""
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


def cross_check(page) -> list:
    """What the page shows for the cross-table check: the note and, if any, the table of differences."""
    from IPython.display import Markdown

    diff = compare_iku(page.data_dir)
    items: list = [Markdown(compare_text(diff, compared_cells(page.data_dir)))]
    if not diff.empty:
        items.append(publish(page, compare_table(diff)))
    return items


# --------------------------------------------------------------------------------------------
# Tabel 3.2.2 Cascading
# --------------------------------------------------------------------------------------------

CASCADE_LEVELS = ["Tujuan", "Sasaran", "Indikator Sasaran", "Program", "Indikator Program", "Kegiatan"]


def cascade_rows(data_dir=None) -> pd.DataFrame:
    """One row per indikator kegiatan (``row_id``) with its targets per year as columns ``target_<y>``."""
    df = load(CASCADE, data_dir)
    first = df.sort_values(["row_id", "tahun"]).drop_duplicates("row_id").drop(columns=["tahun", "target"])
    wide = df.pivot(index="row_id", columns="tahun", values="target")
    wide.columns = [f"target_{int(y)}" for y in wide.columns]
    return first.merge(wide.reset_index(), on="row_id").sort_values("row_id").reset_index(drop=True)


def code_label(code, name) -> str:
    """``1.06.04 Program Rehabilitasi Sosial``: the Tabel 4.1 code (not printed in Tabel 3.2.2) before the name."""
    code = _text(code)
    return f"{code} {name}" if code else str(name)


def cascade_frame(data_dir=None) -> pd.DataFrame:
    """Tabel 3.2.2 as shown: the document's columns (program and kegiatan prefixed with their Tabel 4.1
    code), the satuan, and the targets per year as text; merged cells blank."""
    rows = cascade_rows(data_dir)
    years = sorted(int(c.split("_")[1]) for c in rows.columns if c.startswith("target_"))
    out = pd.DataFrame({
        "Tujuan": rows["tujuan"].astype(str), "Sasaran": rows["sasaran"].astype(str),
        "Indikator Sasaran": rows["indikator_sasaran"].astype(str),
        "Program": [code_label(k, n) for k, n in zip(rows["kode_program"], rows["program"])],
        "Indikator Program": rows["indikator_program"].astype(str),
        "Kegiatan": [code_label(k, n) for k, n in zip(rows["kode_kegiatan"], rows["kegiatan"])],
        "Indikator Kegiatan/ Sub Kegiatan": rows["indikator_kegiatan"].astype(str),
        "Satuan": [_text(s) or MISSING_DISPLAY for s in rows["satuan"]],
    })
    for y in years:
        out[str(y)] = [cascade_target_text(v, s) for v, s in zip(rows[f"target_{y}"], rows["satuan"])]
    return blank_repeats(out, CASCADE_LEVELS)


def cascade_table(tahun: int, caption: str, data_dir=None) -> TextTable:
    """Tabel 3.2.2 with the column of ``tahun`` highlighted (wide: scroll box)."""
    df = cascade_frame(data_dir)
    years = [c for c in df.columns if c.isdigit()]
    rows = cascade_rows(data_dir)
    no_unit = int(rows["satuan"].isna().sum())
    note = ("Kode program/kegiatan dan kolom Satuan tidak tercetak di Tabel 3.2.2: kode dicocokkan dengan Tabel 4.1 "
            "menurut nama; satuan tercetak hanya pada target \u201c100%\u201d, selebihnya dibaca dari indikator yang "
            "sama di Tabel 4.1 atau dari bunyi indikator"
            + (f" (\u201c-\u201d: {no_unit} indikator tanpa satuan yang dapat dibaca)" if no_unit else "") + ". "
            "Sel kosong = sel gabungan (sama dengan baris di atasnya). Tabel ini tidak memuat angka turunan.")
    return TextTable(df, caption, name="tabel-3-2-2-cascading", highlight_column=str(tahun), right_columns=years,
                     scroll=True, note=note, wide_columns=["Indikator Kegiatan/ Sub Kegiatan"])


# --------------------------------------------------------------------------------------------
# Tabel 3.3.1 Strategi dan Arah Kebijakan
# --------------------------------------------------------------------------------------------


def strategy_frame(data_dir=None) -> pd.DataFrame:
    """Tabel 3.3.1 as printed: the Visi and Misi rows, then one row per kebijakan (merged cells blank)."""
    df = load(STRATEGY, data_dir).sort_values("row_id").reset_index(drop=True)
    head = pd.DataFrame({
        "No": ["Visi", f"Misi {int(df['misi_no'].iloc[0])}"],
        "Tujuan": [str(df["visi"].iloc[0]), str(df["misi"].iloc[0])],
        "Sasaran": ["", ""], "Strategi": ["", ""], "Kebijakan": ["", ""],
    })
    body = pd.DataFrame({
        "No": ["" if pd.isna(n) else str(int(n)) for n in df["no"]],
        "Tujuan": df["tujuan"].astype(str), "Sasaran": df["sasaran"].astype(str),
        "Strategi": df["strategi"].astype(str), "Kebijakan": df["kebijakan"].astype(str),
        "_sasaran_no": df["sasaran_no"].astype(str),
    })
    body = blank_repeats(body, ["Tujuan", "_sasaran_no", "Sasaran", "Strategi"]).drop(columns="_sasaran_no")
    return pd.concat([head, body], ignore_index=True)


def strategy_table(caption: str, data_dir=None) -> TextTable:
    """Tabel 3.3.1 (Visi and Misi in the first two rows, in bold, as above the header in the document)."""
    df = strategy_frame(data_dir)
    unnumbered = load(STRATEGY, data_dir)
    missing_no = sorted(set(unnumbered["sasaran_no"]) - set(unnumbered["no"].dropna()))
    note = "Kolom No tercetak sebagai nomor sasaran"
    if missing_no:
        note += f"; sasaran {join_id(str(int(s)) for s in missing_no)} tercetak tanpa nomor"
    note += ". Sel kosong = sel gabungan (sama dengan baris di atasnya)."
    same = unnumbered[unnumbered["strategi"] == unnumbered["sasaran"]]["sasaran_no"].unique()
    if len(same):
        note += (f" Pada sasaran {join_id(str(int(s)) for s in same)}, kolom Strategi tercetak sama dengan "
                 "Sasaran (sebagaimana tercetak; strategi tersendiri perlu dirumuskan).")
    return TextTable(df, caption, name="tabel-3-3-1-strategi-kebijakan", bold_rows=[0, 1], note=note,
                     wide_columns=["Tujuan", "Kebijakan"])


# --------------------------------------------------------------------------------------------
# Pohon Kinerja: tree, layout, figure
# --------------------------------------------------------------------------------------------

TREE_LEVELS = ("tujuan", "sasaran", "program", "kegiatan")
LEVEL_LABELS = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program",
                "kegiatan": "Kegiatan (dengan indikator kegiatan/sub kegiatan)"}


@dataclass
class TreeNode:
    """A node of the Pohon Kinerja: its name, code (program/kegiatan), indicators and children."""

    key: str
    level: str
    title: str
    code: str = ""
    indicators: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    children: list["TreeNode"] = field(default_factory=list)

    def walk(self) -> Iterator["TreeNode"]:
        """This node and every descendant, depth first in printed order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, key: str) -> Optional["TreeNode"]:
        return next((n for n in self.walk() if n.key == key), None)


def _add(items: list[str], value) -> None:
    text = _text(value).strip()
    if text and text not in items:
        items.append(text)


def build_tree(cascading: pd.DataFrame, tujuan_indicators: Iterable[str] = ()) -> TreeNode:
    """The performance tree tujuan → sasaran → program → kegiatan from Tabel 3.2.2 rows.

    Nodes are keyed by the table's node numbers (``sasaran_no``, ``program_no``, ``kegiatan_no``)
    in printed order. A sasaran lists its indikator sasaran; a program its indikator program and
    the indikator sasaran it supports (``supports``); a kegiatan its indikator kegiatan. Raises
    ``ValueError`` when a program or kegiatan appears under two parents (not a tree).
    """
    rows = cascading.sort_values(["row_id"] + (["tahun"] if "tahun" in cascading else [])) \
        .drop_duplicates("row_id").reset_index(drop=True)
    titles = list(dict.fromkeys(str(t) for t in rows["tujuan"]))
    if len(titles) != 1:
        raise ValueError(f"Tabel 3.2.2 should have one tujuan; found {len(titles)}")
    root = TreeNode("tujuan", "tujuan", titles[0], indicators=list(dict.fromkeys(tujuan_indicators)))
    nodes: dict[str, TreeNode] = {}
    parents: dict[str, str] = {}

    def node(key: str, level: str, parent: TreeNode, title: str, code: str = "") -> TreeNode:
        if key in nodes:
            if parents[key] != parent.key:
                raise ValueError(f"{level} {key} ({title}) appears under {parents[key]} and {parent.key}")
            return nodes[key]
        new = TreeNode(key, level, title, code)
        parent.children.append(new)
        nodes[key], parents[key] = new, parent.key
        return new

    for r in rows.itertuples():
        s = node(f"sasaran:{int(r.sasaran_no)}", "sasaran", root, str(r.sasaran))
        _add(s.indicators, r.indikator_sasaran)
        p = node(f"program:{int(r.program_no)}", "program", s, str(r.program), _text(r.kode_program))
        _add(p.indicators, r.indikator_program)
        _add(p.supports, r.indikator_sasaran)
        k = node(f"kegiatan:{int(r.kegiatan_no)}", "kegiatan", p, str(r.kegiatan), _text(r.kode_kegiatan))
        _add(k.indicators, r.indikator_kegiatan)
    return root


def performance_tree(data_dir=None) -> TreeNode:
    """The Pohon Kinerja of the plan: Tabel 3.2.2, with the tujuan's indicators from Tabel 3.2.1."""
    goals = load(GOALS, data_dir).sort_values(["row_id", "tahun"])
    return build_tree(load(CASCADE, data_dir), goals["indikator_tujuan"].astype(str))


@dataclass(frozen=True)
class BoxStyle:
    """Size and colours of the boxes of one tree level (inches and points)."""

    width: float
    title_size: float
    text_size: float
    color: str


#: Box styles per level; widths in inches, font sizes in points (readable on A3 at 100 %).
TREE_STYLES = {
    "tujuan": BoxStyle(2.1, 9.0, 7.5, PALETTE[0]),
    "sasaran": BoxStyle(2.3, 8.5, 7.0, PALETTE[2]),
    "program": BoxStyle(2.6, 8.0, 6.8, PALETTE[1]),
    "kegiatan": BoxStyle(3.9, 7.8, 6.6, PALETTE[3]),
}
TREE_PAD = 0.07          # inner padding of a box (in)
TREE_GAP_X = 0.42        # horizontal gap between levels (in)
TREE_GAP_Y = 0.12        # vertical gap between sibling subtrees (in)
LINE_SPACING = 1.28      # line height / font size
#: Average character width / font size of the default sans-serif font (bold is wider).
CHAR_WIDTH = 0.6
CHAR_WIDTH_BOLD = 0.66


def _wrap_lines(text: str, width_in: float, size: float, bold: bool = False, indent: str = "") -> list[str]:
    chars = max(12, int((width_in - 2 * TREE_PAD) * 72 / (size * (CHAR_WIDTH_BOLD if bold else CHAR_WIDTH))))
    return textwrap.wrap(text, chars, subsequent_indent=indent) or [text]


def node_text(node: TreeNode, style: BoxStyle) -> tuple[list[str], list[str]]:
    """The wrapped lines of a box: title (code and name) and the small text (indicators)."""
    title = f"{node.code}  {node.title}" if node.code else node.title
    title_lines = _wrap_lines(title, style.width, style.title_size, bold=True)
    small: list[str] = []
    if node.indicators:
        label = "Indikator:" if len(node.indicators) == 1 else f"Indikator ({len(node.indicators)}):"
        small.append(label)
        for ind in node.indicators:
            prefix = "• " if len(node.indicators) > 1 else ""
            small += _wrap_lines(prefix + ind, style.width, style.text_size, indent="  " if prefix else "")
    if node.supports:
        small += [""] + _wrap_lines("Mendukung indikator sasaran: " + "; ".join(node.supports), style.width,
                             style.text_size)
    return title_lines, small


def box_height(node: TreeNode, style: BoxStyle) -> float:
    """Height (in) of a node's box from its wrapped lines."""
    title, small = node_text(node, style)
    h = 2 * TREE_PAD + len(title) * style.title_size * LINE_SPACING / 72
    if small:
        h += 0.05 + len(small) * style.text_size * LINE_SPACING / 72
    return h


@dataclass
class Box:
    """A placed box: left ``x``, top ``y`` (y grows downwards), width, height, in inches."""

    node: TreeNode
    x: float
    y: float
    w: float
    h: float

    @property
    def center_y(self) -> float:
        return self.y + self.h / 2


def layout_tree(root: TreeNode, styles: Optional[dict] = None) -> tuple[dict[str, Box], float, float]:
    """Tidy left-to-right layout: boxes by key, total width and height (inches).

    Each level is a column; a subtree takes the height of its own box or of its stacked child
    subtrees (with :data:`TREE_GAP_Y` between them), whichever is larger, and a parent is centred
    on the block of its children. The levels shown are those present under ``root``.
    """
    styles = styles or TREE_STYLES
    levels = [lv for lv in TREE_LEVELS if any(n.level == lv for n in root.walk())]
    xs, x = {}, 0.0
    for lv in levels:
        xs[lv] = x
        x += styles[lv].width + TREE_GAP_X
    width = x - TREE_GAP_X
    heights = {n.key: box_height(n, styles[n.level]) for n in root.walk()}
    extents: dict[str, float] = {}

    def extent(n: TreeNode) -> float:
        if n.key not in extents:
            block = sum(extent(c) for c in n.children) + TREE_GAP_Y * max(0, len(n.children) - 1)
            extents[n.key] = max(heights[n.key], block)
        return extents[n.key]

    boxes: dict[str, Box] = {}

    def place(n: TreeNode, top: float) -> None:
        center = top + extent(n) / 2
        boxes[n.key] = Box(n, xs[n.level], center - heights[n.key] / 2, styles[n.level].width, heights[n.key])
        block = sum(extent(c) for c in n.children) + TREE_GAP_Y * max(0, len(n.children) - 1)
        start = center - block / 2
        for c in n.children:
            place(c, start)
            start += extent(c) + TREE_GAP_Y

    place(root, 0.0)
    return boxes, width, extent(root)


def _tint(color: str, amount: float = 0.85) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def tree_figure(root: TreeNode, title: str, styles: Optional[dict] = None, note: str = ""):
    """Draw the tree (boxes with name and indicators, elbow connectors, level headings)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")
    styles = styles or TREE_STYLES
    boxes, width, height = layout_tree(root, styles)
    margin, head, foot = 0.3, 0.85, (0.45 if note else 0.2)
    fig_w, fig_h = width + 2 * margin, height + head + foot
    fig = plt.figure(figsize=(fig_w, fig_h))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-margin, width + margin)
    ax.set_ylim(height + foot, -head)
    ax.axis("off")
    ax.text(-margin + 0.05, -head + 0.08, title, ha="left", va="top", fontsize=12, fontweight="bold")
    levels = [lv for lv in TREE_LEVELS if any(b.node.level == lv for b in boxes.values())]
    for lv in levels:
        x = next(b.x for b in boxes.values() if b.node.level == lv)
        ax.text(x, -0.12, LEVEL_LABELS[lv].upper(), ha="left", va="bottom", fontsize=8.5, fontweight="bold",
                color="#333333")
    # connectors first, boxes on top
    for box in boxes.values():
        kids = [boxes[c.key] for c in box.node.children]
        if not kids:
            continue
        mid = box.x + box.w + TREE_GAP_X / 2
        ys = [k.center_y for k in kids] + [box.center_y]
        line = dict(color="#555555", linewidth=0.9, marker="", linestyle="-", zorder=1)
        ax.plot([box.x + box.w, mid], [box.center_y, box.center_y], **line)
        ax.plot([mid, mid], [min(ys), max(ys)], **line)
        for k in kids:
            ax.plot([mid, k.x], [k.center_y, k.center_y], **line)
    for box in boxes.values():
        style = styles[box.node.level]
        ax.add_patch(FancyBboxPatch((box.x, box.y), box.w, box.h, boxstyle="round,pad=0,rounding_size=0.05",
                                    facecolor=_tint(style.color), edgecolor=style.color, linewidth=1.3, zorder=2))
        title, small = node_text(box.node, style)
        ax.text(box.x + TREE_PAD, box.y + TREE_PAD, "\n".join(title), ha="left", va="top",
                fontsize=style.title_size, fontweight="bold", linespacing=LINE_SPACING * 0.93, zorder=3)
        if small:
            y = box.y + TREE_PAD + len(title) * style.title_size * LINE_SPACING / 72 + 0.05
            ax.text(box.x + TREE_PAD, y, "\n".join(small), ha="left", va="top", fontsize=style.text_size,
                    color="#222222", linespacing=LINE_SPACING * 0.93, zorder=3)
    if note:
        ax.text(-margin + 0.05, height + foot - 0.08, note, ha="left", va="bottom", fontsize=7.5, color="#333333")
    return fig


TREE_NOTE = ("Digambar dari Tabel 3.2.2 (gambar Pohon Kinerja tidak ada dalam ekspor teks dokumen); indikator tujuan "
             "dari Tabel 3.2.1; kode program/kegiatan dicocokkan dengan Tabel 4.1.")
SUBTREE_NOTE = ("Bagian dari Pohon Kinerja, digambar dari Tabel 3.2.2 (nama sasaran sebagaimana tercetak di tabel itu); "
                "kode program/kegiatan dicocokkan dengan Tabel 4.1.")


def tree_chart(data_dir=None):
    """The whole Pohon Kinerja (tujuan → sasaran → program → kegiatan) in one tall figure."""
    root = performance_tree(data_dir)
    return tree_figure(root, "Pohon Kinerja Dinas Sosial PPPA Kabupaten Batu Bara 2025–2029", note=TREE_NOTE)


def sasaran_tree_charts(data_dir=None) -> list[tuple[str, object]]:
    """One figure per sasaran (sasaran → program → kegiatan): print-size parts of the tree."""
    root = performance_tree(data_dir)
    out = []
    for i, s in enumerate(root.children, start=1):
        fig = tree_figure(s, f"Pohon Kinerja — Sasaran {i}: {s.title}", note=SUBTREE_NOTE)
        out.append((f"3-2-pohon-kinerja-sasaran-{i}", fig))
    return out


# --------------------------------------------------------------------------------------------
# Narrative
# --------------------------------------------------------------------------------------------


@dataclass
class CascadeFacts:
    """Counts of the cascading (each equal to what the tables and the tree show)."""

    tujuan: int
    indikator_tujuan: int
    sasaran: int
    indikator_sasaran: int
    program: int
    kegiatan: int
    indikator_kegiatan: int
    per_sasaran: list[tuple[str, int, int, int]]  # (sasaran, programs, kegiatan, indicators)
    polarity: dict[str, int]
    years: list[int]
    constant: int
    no_unit: int
    changing: list[tuple[str, list[str]]]         # (indicator, targets per year as text) when not constant
    breaks: list[tuple[str, int, str, int, str]]  # (indicator, year a, text a, year b, text b)


def cascade_facts(data_dir=None) -> CascadeFacts:
    """Count the nodes of the cascading and find kegiatan targets that break their series."""
    rows = cascade_rows(data_dir)
    root = performance_tree(data_dir)
    years = sorted(int(c.split("_")[1]) for c in rows.columns if c.startswith("target_"))
    per_sasaran = []
    for s in root.children:
        progs = [n for n in s.walk() if n.level == "program"]
        kegs = [n for n in s.walk() if n.level == "kegiatan"]
        per_sasaran.append((s.title, len(progs), len(kegs), sum(len(k.indicators) for k in kegs)))
    constant, breaks, changing = 0, [], []
    for r in rows.itertuples():
        values = [getattr(r, f"target_{y}") for y in years]
        if all(v == values[0] for v in values):
            constant += 1
        else:
            changing.append((str(r.indikator_kegiatan), [cascade_target_text(v, r.satuan) for v in values]))
        for (ya, a), (yb, b) in zip(zip(years, values), zip(years[1:], values[1:])):
            if a and abs(b - a) / a > BREAK_SHARE:
                breaks.append((str(r.indikator_kegiatan), ya, cascade_target_text(a, r.satuan), yb,
                               cascade_target_text(b, r.satuan)))
    goals = load(GOALS, data_dir)
    return CascadeFacts(
        tujuan=1, indikator_tujuan=goals["indikator_tujuan"].nunique(), sasaran=len(root.children),
        indikator_sasaran=goals["row_id"].nunique(),
        program=sum(n.level == "program" for n in root.walk()),
        kegiatan=sum(n.level == "kegiatan" for n in root.walk()), indikator_kegiatan=len(rows),
        per_sasaran=per_sasaran, polarity=rows["polaritas"].value_counts().to_dict(), constant=constant,
        no_unit=int(rows["satuan"].isna().sum()), changing=changing, breaks=breaks, years=years)


def indicator_sentence(ind: Indicator, tahun: int) -> str:
    """One bullet: direction of the targets from first to last year, polarity, target of ``tahun``."""
    first, last = ind.years[0], ind.years[-1]
    d = ind.direction()
    name = markdown_escape(ind.name)
    if d == "tetap":
        move = f"target tetap {ind.text(first)} sepanjang {first}–{last}"
    else:
        verb = "turun" if d == "turun" else "naik"
        move = f"target {verb} dari {ind.text(first)} pada {first} menjadi {ind.text(last)} pada {last}"
        if not ind.monotone():
            move += ", tidak setiap tahun"
    fit = "arah target sesuai polaritas" if ind.consistent() else "**arah target berlawanan dengan polaritas**"
    text = (f"- **{name}** ({unit_text(ind.satuan, ind.per)}; {POLARITY_SHORT[ind.polaritas]}): {move}; {fit}. "
            f"Target {tahun}: {ind.text(tahun)}.")
    if ind.grades.get(first) and ind.grades.get(last) and ind.grades[first] != ind.grades[last]:
        text += f" Predikat naik dari {ind.grades[first]} ke {ind.grades[last]} pada {last}."
    if ind.satuan == "rasio" and ind.polaritas == "turun":
        text += (" Catatan: rasio kekerasan dapat naik karena pelaporan yang makin lengkap, sehingga capaiannya "
                 "perlu dibaca bersama cakupan pelaporan.")
    return text


def goals_narrative(tahun: int, data_dir=None) -> str:
    """Draft narrative: the goals, the size of the cascading, the direction of every target."""
    goals = load(GOALS, data_dir)
    tujuan = str(goals["tujuan"].iloc[0])
    ind_tujuan = list(dict.fromkeys(goals.sort_values("row_id")["indikator_tujuan"].astype(str)))
    facts = cascade_facts(data_dir)
    inds = indicators(data_dir)
    first, last = inds[0].years[0], inds[0].years[-1]
    sasaran = list(dict.fromkeys(i.sasaran for i in inds))
    lines = [
        f"Renstra {first}–{last} menetapkan {facts.tujuan} tujuan, yaitu \u201c{markdown_escape(tujuan)}\u201d, "
        f"yang diukur dengan {len(ind_tujuan)} indikator kinerja tujuan ({markdown_escape(join_id(ind_tujuan))}). "
        f"Tujuan ini dijabarkan dalam {facts.sasaran} sasaran "
        f"({markdown_escape(join_id(chr(8220) + s + chr(8221) for s in sasaran))}) dengan "
        f"{facts.indikator_sasaran} indikator kinerja sasaran (Tabel 3.2.1). Cascading (Tabel 3.2.2) menurunkannya "
        f"ke {facts.program} program, {facts.kegiatan} kegiatan dan {facts.indikator_kegiatan} indikator "
        f"kegiatan/sub kegiatan.",
        "",
        f"Arah target indikator sasaran {first}–{last} (kolom {tahun} disorot pada tabel):",
        "",
    ]
    lines += [indicator_sentence(i, tahun) for i in inds]
    ok = sum(i.consistent() for i in inds)
    lines += ["", f"{ok} dari {len(inds)} indikator sasaran memiliki arah target yang sesuai dengan polaritasnya."]
    return "\n".join(lines)


def cascade_narrative(data_dir=None) -> str:
    """Draft narrative for Tabel 3.2.2 and the Pohon Kinerja."""
    f = cascade_facts(data_dir)
    parts = [f"Sasaran {i} didukung {p} program, {k} kegiatan dan {n} indikator kegiatan"
             for i, (_, p, k, n) in enumerate(f.per_sasaran, start=1)]
    pol = "; ".join(f"{n} berpolaritas {POLARITY_TEXT.get(p, p)}" for p, n in f.polarity.items())
    paragraphs = [
        f"Pohon kinerja dan Tabel 3.2.2 memuat {f.program} program dan {f.kegiatan} kegiatan dengan "
        f"{f.indikator_kegiatan} indikator kegiatan/sub kegiatan. {join_id(parts)}.",
        f"Dari {f.indikator_kegiatan} indikator kegiatan, {pol}; {f.constant} memiliki target yang sama setiap tahun."
    ]
    lines: list[str] = []
    if f.changing:
        span = f"{f.years[0]}–{f.years[-1]}"
        items = [f"{markdown_escape(name)} ({', '.join(values)})" for name, values in f.changing]
        lines.append(f"Indikator yang targetnya berubah ({span}): " + "; ".join(items) + ".")
    if f.breaks:
        items = [f"{markdown_escape(name)} dari {a_text} ({ya}) menjadi {b_text} ({yb})"
                 for name, ya, a_text, yb, b_text in f.breaks]
        lines.append(f"Perubahan lebih dari {format_number(BREAK_SHARE * 100)}% dalam setahun perlu dipastikan "
                     "(misalnya apakah satuannya berganti): " + "; ".join(items) + ".")
    if f.no_unit:
        lines.append(f"{f.no_unit} indikator kegiatan tidak memiliki satuan yang dapat dibaca dari dokumen; "
                     "satuannya perlu ditetapkan agar realisasinya dapat dievaluasi.")
    if lines:
        paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


def page_statement(tahun: int, data_dir=None) -> str:
    """Markdown: how ``tahun`` is used on this plan page."""
    years = plan_years(data_dir)
    return (f"**Tahun laporan `tahun` = {tahun}.** Tabel 3.2.1 dan 3.2.2 menampilkan semua tahun rencana "
            f"{years[0]}–{years[-1]}; kolom {tahun} disorot. Kemajuan rencana sampai {tahun} ditunjukkan oleh "
            f"target {tahun} setiap indikator sasaran; realisasinya ada di halaman Evaluasi (01-evaluasi).")
