"""Draft narratives of Bab III and the page statement; every number equals a cell of the tables or
a count of the tree."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from helpers.core.data import has_table, load_present
from helpers.core.numbers import format_number
from helpers.core.opd import load_opd
from helpers.core.text import join_list
from helpers.core.years import year_span
from helpers.present import Narrative, markdown_escape
from helpers.pages.tujuan_sasaran.cascade import CASCADE, cascade_rows, cascade_target_text, cascade_years
from helpers.pages.tujuan_sasaran.goals import (GOALS, POLARITY_SHORT, POLARITY_TEXT, Indicator, indicators,
                                                plan_years, unit_text)
from helpers.pages.tujuan_sasaran.tree import performance_forest, tree_levels

#: A kegiatan target that changes by more than this share between two years is named in the
#: narrative as a break in the series (practice: a simple threshold for a draft text).
BREAK_SHARE = 0.5


@dataclass
class CascadeFacts:
    """Counts of the cascading (each equal to what the tables and the tree show)."""

    tujuan: int
    sasaran: int
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
    roots = performance_forest(data_dir)
    years = cascade_years(rows)
    per_sasaran = []
    for s in tree_levels(roots, "sasaran"):
        kegs = tree_levels([s], "kegiatan")
        per_sasaran.append((s.title, len(tree_levels([s], "program")), len(kegs), sum(len(k.indicators) for k in kegs)))
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
    return CascadeFacts(
        tujuan=len(roots), sasaran=len(per_sasaran), program=len(tree_levels(roots, "program")),
        kegiatan=len(tree_levels(roots, "kegiatan")), indikator_kegiatan=len(rows), per_sasaran=per_sasaran,
        polarity=rows["polaritas"].value_counts().to_dict(), constant=constant,
        no_unit=int(rows["satuan"].isna().sum()), changing=changing, breaks=breaks, years=years)


def indicator_sentence(ind: Indicator, tahun: int) -> str:
    """One bullet: direction of the targets from first to last year, polarity, target of ``tahun``."""
    first, last = ind.years[0], ind.years[-1]
    d = ind.direction()
    name = markdown_escape(ind.name)
    if d == "tetap":
        move = f"target tetap {ind.text(first)} sepanjang {year_span([first, last])}"
    else:
        move = f"target {d} dari {ind.text(first)} pada {first} menjadi {ind.text(last)} pada {last}"
        if not ind.monotone():
            move += ", tidak setiap tahun"
    fit = "arah target sesuai polaritas" if ind.consistent() else "**arah target berlawanan dengan polaritas**"
    polarity = POLARITY_SHORT.get(ind.polaritas, ind.polaritas or "polaritas tidak diketahui")
    text = (f"- **{name}** ({unit_text(ind.satuan, ind.per)}; {polarity}): {move}; {fit}. "
            f"Target {tahun}: {ind.text(tahun)}.")
    if ind.grades.get(first) and ind.grades.get(last) and ind.grades[first] != ind.grades[last]:
        text += f" Predikat naik dari {ind.grades[first]} ke {ind.grades[last]} pada {last}."
    if ind.satuan == "rasio" and ind.polaritas == "turun" and "kekerasan" in ind.name.lower():
        text += (" Catatan: rasio kekerasan dapat naik karena pelaporan yang makin lengkap, sehingga capaiannya "
                 "perlu dibaca bersama cakupan pelaporan.")
    return text


def _quoted(items: Sequence[str]) -> str:
    return join_list([f"\u201c{markdown_escape(s)}\u201d" for s in items])


def goals_narrative(tahun: int, data_dir=None) -> Optional[Narrative]:
    """Draft narrative: the goals, the size of the cascading, the direction of every target."""
    if not has_table(GOALS, data_dir):
        return None
    goals = load_present(GOALS, data_dir).sort_values(["row_id", "tahun"])
    tujuan = list(dict.fromkeys(goals["tujuan"].astype(str)))
    ind_tujuan = list(dict.fromkeys(goals["indikator_tujuan"].astype(str)))
    inds = indicators(data_dir)
    sasaran = list(dict.fromkeys(i.sasaran for i in inds))
    years = plan_years(data_dir)
    if len(tujuan) == 1:
        goal = f"1 tujuan, yaitu {_quoted(tujuan)}, yang diukur"
        spread = "Tujuan ini dijabarkan"
    else:
        goal = f"{len(tujuan)} tujuan ({_quoted(tujuan)}), yang diukur"
        spread = "Tujuan-tujuan ini dijabarkan"
    first_paragraph = (
        f"Renstra {year_span(years)} menetapkan {goal} dengan {len(ind_tujuan)} indikator kinerja tujuan "
        f"({markdown_escape(join_list(ind_tujuan))}). {spread} dalam {len(sasaran)} sasaran ({_quoted(sasaran)}) "
        f"dengan {len(inds)} indikator kinerja sasaran (Tabel 3.2.1).")
    if has_table(CASCADE, data_dir):
        facts = cascade_facts(data_dir)
        first_paragraph += (f" Cascading (Tabel 3.2.2) menurunkannya ke {facts.program} program, {facts.kegiatan} "
                            f"kegiatan dan {facts.indikator_kegiatan} indikator kegiatan/sub kegiatan.")
    lines = [first_paragraph, "",
             f"Arah target indikator sasaran {year_span(years)} (kolom {tahun} disorot pada tabel):", ""]
    lines += [indicator_sentence(i, tahun) for i in inds]
    ok = sum(i.consistent() for i in inds)
    lines += ["", f"Sebanyak {ok} dari {len(inds)} indikator sasaran memiliki arah target yang sesuai dengan "
              "polaritasnya."]
    return Narrative("3-2-1-tujuan-sasaran", "\n".join(lines))


def cascade_narrative(data_dir=None) -> Optional[Narrative]:
    """Draft narrative for Tabel 3.2.2 and the Pohon Kinerja."""
    if not has_table(CASCADE, data_dir):
        return None
    f = cascade_facts(data_dir)
    parts = [f"Sasaran {i} didukung {p} program, {k} kegiatan dan {n} indikator kegiatan"
             for i, (_, p, k, n) in enumerate(f.per_sasaran, start=1)]
    pol = "; ".join(f"{n} berpolaritas {POLARITY_TEXT.get(p, p)}" for p, n in f.polarity.items())
    paragraphs = [
        f"Pohon kinerja dan Tabel 3.2.2 memuat {f.program} program dan {f.kegiatan} kegiatan dengan "
        f"{f.indikator_kegiatan} indikator kegiatan/sub kegiatan. {join_list(parts)}.",
        f"Dari {f.indikator_kegiatan} indikator kegiatan, {pol}; {f.constant} memiliki target yang sama setiap tahun.",
    ]
    lines: list[str] = []
    if f.changing:
        items = [f"{markdown_escape(name)} ({', '.join(values)})" for name, values in f.changing]
        lines.append(f"Indikator yang targetnya berubah ({year_span(f.years)}): " + "; ".join(items) + ".")
    if f.breaks:
        items = [f"{markdown_escape(name)} dari {a_text} ({ya}) menjadi {b_text} ({yb})"
                 for name, ya, a_text, yb, b_text in f.breaks]
        lines.append(f"Perubahan lebih dari {format_number(BREAK_SHARE * 100)}% dalam setahun perlu dipastikan "
                     "(misalnya apakah satuannya berganti): " + "; ".join(items) + ".")
    if f.no_unit:
        lines.append(f"Sebanyak {f.no_unit} indikator kegiatan tidak memiliki satuan yang dapat dibaca dari dokumen; "
                     "satuannya perlu ditetapkan agar realisasinya dapat dievaluasi.")
    if lines:
        paragraphs.append(" ".join(lines))
    return Narrative("3-2-2-cascading", "\n\n".join(paragraphs))


def page_statement(tahun: int, years: Sequence[int], data_dir=None) -> str:
    """Markdown: the page's years (from pages.yaml) and how ``tahun`` is used on this plan page."""
    plan = plan_years(data_dir) or list(load_opd(data_dir).plan_years)
    text = (f"**Tahun laporan {tahun}** (halaman rencana, berlaku untuk tahun laporan {year_span(years)}). "
            f"Tabel 3.2.1 dan 3.2.2 menampilkan semua tahun rencana {year_span(plan)}; kolom {tahun} disorot. "
            f"Kemajuan rencana sampai {tahun} ditunjukkan oleh target {tahun} setiap indikator sasaran; "
            "realisasinya ada di halaman Evaluasi.")
    if plan and tahun not in plan:
        text += f" Tabel 3.2.1 tidak memuat target untuk {tahun}."
    return text
