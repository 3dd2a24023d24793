"""Draft narratives of Bab III and the page statement; every number equals a cell of the tables or
a count of the tree."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from helpers.core.data import has_table, load_present
from helpers.core.numbers import format_number, number_words
from helpers.core.opd import load_opd
from helpers.core.text import document_term, join_list
from helpers.core.years import year_span
from helpers.present import Narrative, markdown_escape
from helpers.present.markdown import review_block
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
    name = markdown_escape(document_term(ind.name))
    if d == "tetap":
        move = f"target tetap {ind.text(first)} sepanjang tahun {year_span([first, last])}"
    else:
        word = "meningkat" if d == "naik" else "menurun"
        move = f"target {word} dari {ind.text(first)} pada tahun {first} menjadi {ind.text(last)} pada tahun {last}"
        if not ind.monotone():
            move += ", tidak setiap tahun"
    fit = "arah target sesuai polaritas" if ind.consistent() else "**arah target berlawanan dengan polaritas**"
    polarity = POLARITY_SHORT.get(ind.polaritas, ind.polaritas or "polaritas tidak diketahui")
    text = (f"- **{name}** ({unit_text(ind.satuan, ind.per)}; {polarity}): {move}; {fit}. "
            f"Target tahun {tahun} sebesar {ind.text(tahun)}.")
    if ind.grades.get(first) and ind.grades.get(last) and ind.grades[first] != ind.grades[last]:
        text += f" Predikat naik dari {ind.grades[first]} menjadi {ind.grades[last]} pada tahun {last}."
    return text


def _is_violence(ind: Indicator) -> bool:
    return ind.satuan == "rasio" and ind.polaritas == "turun" and "kekerasan" in ind.name.lower()


#: Said once per page, after the list of targets.
VIOLENCE_CAVEAT = ("Rasio kekerasan dapat naik karena pelaporan kasus yang makin lengkap; karena itu, capaiannya perlu "
                   "dibaca bersama cakupan pelaporan.")


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
        goal = f"satu tujuan, yaitu {_quoted(tujuan)}, yang diukur"
        spread = "Tujuan ini dijabarkan"
    else:
        goal = f"{number_words(len(tujuan))} tujuan ({_quoted(tujuan)}), yang diukur"
        spread = "Tujuan-tujuan ini dijabarkan"
    first_paragraph = (
        f"Renstra {year_span(years)} menetapkan {goal} dengan {number_words(len(ind_tujuan))} indikator kinerja "
        f"tujuan ({markdown_escape(join_list(ind_tujuan))}). {spread} dalam {number_words(len(sasaran))} sasaran "
        f"({_quoted(sasaran)}) dengan {number_words(len(inds))} indikator kinerja sasaran (Tabel 3.2.1).")
    if has_table(CASCADE, data_dir):
        facts = cascade_facts(data_dir)
        first_paragraph += (f" Cascading (Tabel 3.2.2) menurunkannya ke {number_words(facts.program)} program, "
                            f"{number_words(facts.kegiatan)} kegiatan dan {number_words(facts.indikator_kegiatan)} "
                            "indikator kegiatan/sub kegiatan.")
    lines = [first_paragraph, "",
             f"Arah target indikator sasaran tahun {year_span(years)} adalah sebagai berikut (kolom {tahun} disorot "
             "pada tabel).", ""]
    lines += [indicator_sentence(i, tahun) for i in inds]
    if any(_is_violence(i) for i in inds):
        lines += ["", VIOLENCE_CAVEAT]
    ok = sum(i.consistent() for i in inds)
    if ok == len(inds):
        closing = (f"Seluruh indikator sasaran ({number_words(len(inds))} indikator) memiliki arah target yang sesuai "
                   "dengan polaritasnya.")
    else:
        closing = (f"Sebanyak {number_words(ok)} dari {number_words(len(inds))} indikator sasaran memiliki arah target "
                   "yang sesuai dengan polaritasnya.")
    lines += ["", closing]
    facts = {"indikator kinerja sasaran": len(inds), "sasaran": len(sasaran), "tujuan": len(tujuan)}
    if has_table(CASCADE, data_dir):
        cascade = cascade_facts(data_dir)
        facts.update({"program (cascading)": cascade.program, "kegiatan (cascading)": cascade.kegiatan,
                      "indikator kegiatan (cascading)": cascade.indikator_kegiatan})
    for i in inds:
        for y in i.years:
            if i.targets.get(y) is not None:
                facts[f"{document_term(i.name)}: target {y}"] = float(i.targets[y])
    return Narrative("3-2-1-tujuan-sasaran", "\n".join(lines), facts)


def cascade_text(f: CascadeFacts) -> str:
    """The report text of Tabel 3.2.2: the size of the cascading, polarity, targets that change."""
    parts = [f"Sasaran {i} didukung oleh {number_words(p)} program, {number_words(k)} kegiatan dan {number_words(n)} "
             "indikator kegiatan" for i, (_, p, k, n) in enumerate(f.per_sasaran, start=1)]
    pol = "; ".join(f"{number_words(n)} berpolaritas {POLARITY_TEXT.get(p, p)}" for p, n in f.polarity.items())
    paragraphs = [
        f"Pohon kinerja dan Tabel 3.2.2 memuat {number_words(f.program)} program dan {number_words(f.kegiatan)} "
        f"kegiatan dengan {number_words(f.indikator_kegiatan)} indikator kegiatan/sub kegiatan. {join_list(parts)}.",
        (f"Seluruh indikator kegiatan berpolaritas {POLARITY_TEXT.get(next(iter(f.polarity)), next(iter(f.polarity)))}"
         if len(f.polarity) == 1 else f"Dari {number_words(f.indikator_kegiatan)} indikator kegiatan, {pol}")
        + f"; sebanyak {number_words(f.constant)} indikator memiliki target yang sama setiap tahun.",
    ]
    if f.changing:
        items = [f"{markdown_escape(name)} ({', '.join(values)})" for name, values in f.changing]
        paragraphs.append(f"Indikator yang targetnya berubah pada tahun {year_span(f.years)} adalah "
                          + "; ".join(items) + ".")
    return "\n\n".join(paragraphs)


def cascade_review(f: CascadeFacts) -> Optional[str]:
    """Targets that jump and indicators without a unit (Catatan pemeriksaan)."""
    lines: list[str] = []
    if f.breaks:
        items = [f"{markdown_escape(name)} dari {a_text} ({ya}) menjadi {b_text} ({yb})"
                 for name, ya, a_text, yb, b_text in f.breaks]
        lines.append(f"Perubahan lebih dari {format_number(BREAK_SHARE * 100)}% dalam setahun perlu dipastikan "
                     "(misalnya apakah satuannya berganti): " + "; ".join(items) + ".")
    if f.no_unit:
        lines.append(f"Sebanyak {number_words(f.no_unit)} indikator kegiatan tidak memiliki satuan yang dapat dibaca "
                     "dari dokumen; satuannya perlu ditetapkan agar realisasinya dapat dievaluasi.")
    return review_block(lines)


def cascade_narrative(data_dir=None) -> Optional[list]:
    """Draft narrative for Tabel 3.2.2 and the Pohon Kinerja, and its Catatan pemeriksaan."""
    if not has_table(CASCADE, data_dir):
        return None
    f = cascade_facts(data_dir)
    facts = {"jumlah program": f.program, "jumlah kegiatan": f.kegiatan, "jumlah indikator kegiatan": f.indikator_kegiatan,
             "indikator dengan target tetap": f.constant}
    for i, (_, p, k, n) in enumerate(f.per_sasaran, start=1):
        facts.update({f"Sasaran {i}: program": p, f"Sasaran {i}: kegiatan": k, f"Sasaran {i}: indikator kegiatan": n})
    for r in cascade_rows(data_dir).itertuples():  # the targets the draft lists
        for y in f.years:
            value = getattr(r, f"target_{y}")
            if value is not None and value == value:
                facts[f"{r.indikator_kegiatan}: target {y}"] = float(value)
    return [Narrative("3-2-2-cascading", cascade_text(f), facts), cascade_review(f)]


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
