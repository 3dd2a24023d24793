"""Section 2.4 of page 02-4-isu-strategis: the PPKS types joined to their Tabel 2.3.2 count, the
table, the chart and the draft narrative; and the page statement (what ``tahun`` changes)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

import pandas as pd

from helpers.core import derive
from helpers.core.audit import audit_table
from helpers.core.compute import as_number
from helpers.core.data import has_table, load_present, load_printed, printed_symbol
from helpers.core.numbers import format_number, format_percent, number_words
from helpers.core.opd import Opd, load_opd
from helpers.core.text import is_na, join_list, wrap
from helpers.core.years import latest_year, year_span
from helpers.present import (HATCHES, PALETTE, Column, Figure, Mark, Narrative, Notice, Table, id_formatter,
                             markdown_escape, plain, tight_layout_when_drawn, unavailable)
from helpers.present.markdown import review_block
from helpers.present.style import MUTED

PPKS_TYPES = "2_4_jenis_ppks"
PPKS_COUNTS = "2_3_2_ppks"

#: Separator of the criteria items in ``2_4_jenis_ppks.kriteria``.
CRITERIA_SEPARATOR = "|"
BULLET = "• "
#: A lettered sub-item of the criteria ("a. ..."), shown indented under its lead-in.
SUB_ITEM = re.compile(r"^[a-z]\.\s")
SUB_INDENT = "    "
#: A word the text export lost ("se anak" for "seorang anak"); the note names it when the data has it.
LOST_WORD = re.compile(r"\bse anak\b")
#: Words damaged by the text export where the sense is certain: the word "orang" was lost
#: ("se anak", "sese", "ditelantarkan tuanya"). Restored on display only (the data keep the text as
#: exported); every repair is listed under the table and in the assumptions log.
LOST_ORANG = ((re.compile(r"\bse anak\b"), "seorang anak"), (re.compile(r"\bsese\b"), "seseorang"),
              (re.compile(r"\b(ditelantarkan|oleh) tuanya\b"), r"\1 orang tuanya"))


def restore_lost_words(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with the word "orang" restored where the export lost it, and the repairs made."""
    repairs = []
    for pattern, replacement in LOST_ORANG:
        for m in pattern.finditer(text):
            repairs.append((m.group(0), m.expand(replacement)))
        text = pattern.sub(replacement, text)
    return text, repairs

#: Number of PPKS types named as dominant in the narrative.
TOP_TYPES = 3
#: Bars of the chart: the largest types, the rest summed as "lainnya".
CHART_TOP = 10
TOTAL_LABEL = "Jumlah"


def _text(value) -> str:
    return "" if is_na(value) else str(value)


# --------------------------------------------------------------------------------------------
# Section 2.4: PPKS types with their count
# --------------------------------------------------------------------------------------------


def criteria_text(kriteria) -> str:
    """The criteria items as bullet lines: ``• item``; lettered sub-items (``a. …``) indented.

    ``kriteria`` is the ``" | "``-joined text of ``2_4_jenis_ppks``; ``""`` when empty.
    """
    text = _text(kriteria).strip()
    if not text:
        return ""
    lines = []
    for item in (part.strip() for part in text.split(CRITERIA_SEPARATOR)):
        if item:
            lines.append(SUB_INDENT + item if SUB_ITEM.match(item) else BULLET + item)
    return "\n".join(lines)


def count_year(tahun: int, data_dir=None) -> Optional[int]:
    """Latest year of Tabel 2.3.2 with any count before ``tahun`` (None when there is none or no table)."""
    if not has_table(PPKS_COUNTS, data_dir):
        return None
    counts = load_present(PPKS_COUNTS, data_dir)
    years = counts.loc[counts["jumlah"].notna(), "tahun"]
    return latest_year([int(y) for y in years.unique()], tahun)


@dataclass
class PpksView:
    """The PPKS types of section 2.4 with their Tabel 2.3.2 count in ``year``.

    ``frame`` (one row per type, section 2.4 order; None without ``2_4_jenis_ppks``): ``no, nama,
    definisi, kriteria, no_tabel_2_3_2, nama_tabel_2_3_2, jumlah, porsi`` (``jumlah``/``porsi``
    missing where the document prints ``-``, and everywhere when ``year`` is None). ``total``:
    recomputed total of ``year``; ``printed_total``: what the document prints (None without
    ``data/printed``); ``total_differs``: True when the audit lists the printed total as different.
    ``history``: counts of every year up to ``year`` (``no`` × ``tahun``), for "never recorded".
    ``counts_available``: False when the data directory has no Tabel 2.3.2.
    """

    tahun: int
    opd: Opd
    year: Optional[int]
    frame: Optional[pd.DataFrame]
    total: Optional[float]
    printed_total: Optional[float]
    total_differs: bool
    history: pd.DataFrame
    counts_available: bool = True

    @property
    def history_years(self) -> list[int]:
        return sorted(int(y) for y in self.history["tahun"].unique()) if not self.history.empty else []


def _printed_total(year: int, data_dir) -> Optional[float]:
    printed = load_printed(PPKS_COUNTS, data_dir)
    hit = printed[(printed["row"] == "total") & (printed["tahun"] == year) & (printed["column"] == "jumlah")]
    return as_number(hit["value"].iloc[0]) if not hit.empty else None


def ppks_view(tahun: int, data_dir=None) -> PpksView:
    """Join the PPKS types with their count of the latest Tabel 2.3.2 year before ``tahun``."""
    opd = load_opd(data_dir)
    available = has_table(PPKS_COUNTS, data_dir)
    year = count_year(tahun, data_dir)
    empty = pd.DataFrame({"no": pd.array([], dtype="Int64"), "tahun": pd.array([], dtype="Int64"),
                          "jumlah": pd.array([], dtype="Float64")})
    if not has_table(PPKS_TYPES, data_dir):
        return PpksView(tahun=tahun, opd=opd, year=year, frame=None, total=None, printed_total=None,
                        total_differs=False, history=empty, counts_available=available)
    frame = load_present(PPKS_TYPES, data_dir)
    total = printed = None
    differs = False
    if year is None:
        frame["jumlah"] = pd.array([None] * len(frame), dtype="Float64")
        history = empty
    else:
        counts = load_present(PPKS_COUNTS, data_dir)
        of_year = counts[counts["tahun"] == year].set_index("no")["jumlah"]
        frame["jumlah"] = pd.array([None if is_na(n) else as_number(of_year.get(int(n)))
                                    for n in frame["no_tabel_2_3_2"]], dtype="Float64")
        frame["simbol"] = [None if is_na(n) else printed_symbol(counts, "jumlah", int(n), year)
                           for n in frame["no_tabel_2_3_2"]]
        derived = derive.derived(PPKS_COUNTS, data_dir)
        hit = derived[(derived["row"] == "total") & (derived["tahun"] == year) & (derived["column"] == "jumlah")]
        total = as_number(hit["recomputed"].iloc[0]) if not hit.empty else None
        audit = audit_table(PPKS_COUNTS, data_dir)
        listed = audit[(audit["row"] == "total") & (audit["tahun"] == year) & (audit["measure"] == "jumlah")]
        differs = not listed.empty
        printed = _printed_total(year, data_dir)
        history = counts[counts["tahun"] <= year]
    frame["porsi"] = pd.array([None if is_na(v) or not total else float(v) / total * 100 for v in frame["jumlah"]],
                              dtype="Float64")
    return PpksView(tahun=tahun, opd=opd, year=year, frame=frame.reset_index(drop=True), total=total,
                    printed_total=printed, total_differs=differs, history=history, counts_available=available)


def h_count(year: int) -> str:
    return f"Jumlah PPKS {year}"


def h_share(year: int) -> str:
    return f"Porsi dari total {year} (%)"


def ppks_frame(view: PpksView) -> pd.DataFrame:
    """The table's data: one row per type plus the Jumlah row (when there is a count year)."""
    f = view.frame
    out = pd.DataFrame({
        "no": pd.array(f["no"], dtype="Int64"),
        "jenis": f["nama"].astype(str),
        "definisi": [None if is_na(d) else restore_lost_words(str(d))[0] for d in f["definisi"]],
        "kriteria": [restore_lost_words(criteria_text(k))[0] for k in f["kriteria"]],
    })
    if view.year is None:
        return out
    out["no_tabel_2_3_2"] = pd.array(f["no_tabel_2_3_2"], dtype="Int64")
    out["jumlah"] = pd.array(f["jumlah"], dtype="Float64")
    out["porsi"] = pd.array(f["porsi"], dtype="Float64")
    out["simbol"] = list(f["simbol"]) if "simbol" in f.columns else [None] * len(f)
    total = pd.DataFrame({
        "no": pd.array([None], dtype="Int64"), "jenis": [TOTAL_LABEL], "definisi": [""], "kriteria": [""],
        "no_tabel_2_3_2": pd.array([None], dtype="Int64"),
        "jumlah": pd.array([view.total], dtype="Float64"),
        "porsi": pd.array([100.0 if view.total else None], dtype="Float64"), "simbol": [None],
    })
    return pd.concat([out, total], ignore_index=True)


def ppks_notes(view: PpksView) -> list[str]:
    """Footnotes of the PPKS table: where the counts come from, the mapping, the total."""
    definitions = " ".join(_text(d) for d in view.frame["definisi"]) + " " + \
        " ".join(_text(k) for k in view.frame["kriteria"])
    repairs = restore_lost_words(definitions)[1]
    notes = ["Definisi dan kriteria: Bagian 2.4, sebagaimana tercetak."]
    if repairs:
        counted = {}
        for wrong, right in repairs:
            counted[(wrong, right)] = counted.get((wrong, right), 0) + 1
        notes.append("Kata \u201corang\u201d yang hilang pada ekspor teks dokumen dipulihkan: "
                     + "; ".join(f"\u201c{w}\u201d menjadi \u201c{r}\u201d" + (f" ({n} kali)" if n > 1 else "")
                                 for (w, r), n in counted.items()) + ".")
    if view.year is None:
        if not view.counts_available:
            notes.append("Tabel 2.3.2 tidak tersedia dalam data; kolom jumlah tidak ditampilkan.")
        else:
            notes.append(f"Tabel 2.3.2 belum memuat data untuk tahun sebelum {view.tahun}; kolom jumlah tidak "
                         "ditampilkan.")
        return notes
    moved = view.frame[view.frame["no"] != view.frame["no_tabel_2_3_2"]]
    text = (f"Jumlah: Tabel 2.3.2 tahun {view.year} (tahun terakhir yang tersedia sebelum {view.tahun}); "
            "\u201c-\u201d = nihil (nol), seperti dijumlahkan baris Total dokumen. Dokumen tidak mencetak satuan "
            "(diasumsikan jiwa). Jenis dicocokkan dengan baris Tabel 2.3.2 menurut makna")
    if len(moved):
        text += (f"; {len(moved)} jenis berada pada nomor lain di Tabel 2.3.2 (lihat kolom No. di "
                 "Tabel 2.3.2)")
    notes.append(text + ".")
    if view.total is not None:
        notes.append(f"Baris {TOTAL_LABEL} dihitung ulang dari angka per jenis: {format_number(view.total)}.")
    return notes


def ppks_table(view: PpksView) -> Table | Notice:
    """Section 2.4: the PPKS types with definition, criteria (bullet lines) and count."""
    if view.frame is None:
        return unavailable("Daftar jenis PPKS (Bagian 2.4)")
    df = ppks_frame(view)
    columns = [Column("no", "No", role="integer"), Column("jenis", "Jenis PPKS"),
               Column("definisi", "Definisi", wide=True), Column("kriteria", "Kriteria", role="multiline")]
    bold, marks, blank = [], {}, []
    if view.year is not None:
        columns += [Column("no_tabel_2_3_2", "No. di Tabel 2.3.2", role="integer"),
                    Column("jumlah", h_count(view.year), role="integer"),
                    Column("porsi", h_share(view.year), role="decimal", decimals=2)]
        last = len(df) - 1
        bold = [last]
        blank = [(last, "no"), (last, "no_tabel_2_3_2")]
        if view.total_differs:
            printed = None if view.printed_total is None else format_number(view.printed_total)
            marks = {(last, "jumlah"): Mark(printed=printed)}
    symbols = ({(i, key): "-" for i, sym in enumerate(df["simbol"]) if sym == "-" for key in ("jumlah", "porsi")}
               if "simbol" in df.columns else {})
    return Table(df, columns, caption="Pemerlu Pelayanan Kesejahteraan Sosial (PPKS): jenis, definisi, kriteria "
                 "dan jumlah", name="2-4-jenis-ppks", notes=ppks_notes(view), bold_rows=bold, marks=marks,
                 blank=blank, symbols=symbols)


def ppks_intro(view: PpksView) -> Optional[str]:
    """Markdown under the 2.4 heading: how the list is printed and shown."""
    if view.frame is None:
        return None
    text = (f"Bagian 2.4 mencetak {len(view.frame)} jenis PPKS sebagai daftar bernomor (bukan tabel bernomor). "
            "Kriteria setiap jenis ditampilkan sebagai butir.")
    if view.year is not None:
        text += " Kolom jumlah dan porsi berasal dari Tabel 2.3.2; baris Jumlah dihitung ulang dari angka per jenis."
    return text


# --------------------------------------------------------------------------------------------
# PPKS narrative and chart
# --------------------------------------------------------------------------------------------


@dataclass
class PpksFacts:
    """Numbers the PPKS narrative states (each equal to a cell of :func:`ppks_table`)."""

    year: int
    total: float
    recorded: int
    top: list[tuple[str, float, float]]          # (name, count, share %)
    missing: list[str]                           # types without a count in ``year`` (no row in Tabel 2.3.2)
    zero: list[str]                              # types nihil in ``year`` (printed "-" or 0)
    never: list[str]                             # types never above 0 in any year up to ``year``
    first_year: int


def ppks_facts(view: PpksView, n: int = TOP_TYPES) -> Optional[PpksFacts]:
    """The dominant types, the types without a count, and the types never recorded."""
    if view.frame is None or view.year is None or not view.total:
        return None
    f = view.frame
    present = f[f["jumlah"].notna() & (f["jumlah"] > 0)].sort_values(["jumlah", "no"], ascending=[False, True])
    top = [(str(r.nama), float(r.jumlah), float(r.porsi)) for r in present.head(n).itertuples()]
    missing = [str(x) for x in f.loc[f["jumlah"].isna(), "nama"]]
    zero = [str(x) for x in f.loc[f["jumlah"].notna() & (f["jumlah"] == 0), "nama"]]
    h = view.history
    recorded_ever = set(h.loc[h["jumlah"].notna() & (h["jumlah"] > 0), "no"].astype(int))
    never = [str(r.nama) for r in f.itertuples()
             if is_na(r.no_tabel_2_3_2) or int(r.no_tabel_2_3_2) not in recorded_ever]
    return PpksFacts(year=view.year, total=view.total, recorded=len(present), top=top, missing=missing,
                     zero=zero, never=never, first_year=min(view.history_years))


def ppks_narrative(view: PpksView) -> Optional[list]:
    """Draft narrative (which types dominate the count, which have none recorded) and its Catatan
    pemeriksaan (None when the printed total agrees), or None without the list of types."""
    if view.frame is None:
        return None
    facts = ppks_facts(view)
    if facts is None:
        if not view.counts_available:
            text = ("Tabel 2.3.2 tidak tersedia dalam data, sehingga uraian jenis PPKS pada Bagian 2.4 belum dapat "
                    "dikaitkan dengan jumlahnya.")
        else:
            text = (f"Tabel 2.3.2 belum memuat jumlah PPKS untuk tahun sebelum {view.tahun}, sehingga uraian jenis "
                    "PPKS pada Bagian 2.4 belum dapat dikaitkan dengan jumlahnya.")
        return [Narrative("2-4-ppks", text), None]
    esc = markdown_escape
    name1, count1, share1 = facts.top[0]
    rest = [f"{esc(name)} ({format_number(c)} jiwa atau {format_percent(s)})" for name, c, s in facts.top[1:]]
    parts = [
        f"Menurut Tabel 2.3.2, pada tahun {facts.year} tercatat {format_number(facts.total)} jiwa PPKS "
        f"di {esc(view.opd.pemerintah_daerah)}; sebanyak {facts.recorded} dari {len(view.frame)} jenis PPKS memiliki "
        "jumlah lebih dari nol.",
        f"Jumlah ini didominasi oleh {esc(name1)}, yaitu sebanyak {format_number(count1)} jiwa atau "
        f"{format_percent(share1)} dari jumlah PPKS" + (f", disusul oleh {join_list(rest)}" if rest else "") + ".",
    ]
    if facts.zero:
        parts.append(f"Sebanyak {number_words(len(facts.zero))} jenis nihil pada tahun {facts.year}, yaitu "
                     f"{esc(join_list(facts.zero))}.")
    if facts.missing:
        parts.append(f"Sebanyak {number_words(len(facts.missing))} jenis tidak memiliki angka pada tahun "
                     f"{facts.year}, yaitu {esc(join_list(facts.missing))}.")
    if facts.never and facts.first_year < facts.year:
        parts.append(f"Jenis {esc(join_list(facts.never))} tidak pernah tercatat sepanjang tahun "
                     f"{year_span([facts.first_year, facts.year])}.")
    cited = {f"Jumlah PPKS {facts.year} (jiwa)": facts.total, "jenis PPKS berjumlah lebih dari nol": facts.recorded,
             "jenis PPKS dalam daftar": len(view.frame)}
    for name, count, share in facts.top:
        cited[f"PPKS {name} {facts.year} (jiwa)"] = count
        cited[f"PPKS {name}: porsi (%)"] = share
    return [Narrative("2-4-ppks", " ".join(parts), cited), ppks_review(view, facts)]


def ppks_review(view: PpksView, facts: PpksFacts) -> Optional[str]:
    """Types never recorded, and the total the document printed when it differs from the recomputed one
    (Catatan pemeriksaan)."""
    lines = []
    if facts.never and facts.first_year < facts.year:
        lines.append(f"{markdown_escape(join_list(facts.never))} tidak pernah tercatat sepanjang tahun "
                     f"{year_span([facts.first_year, facts.year])}; perlu dipastikan apakah jenis ini memang tidak ada "
                     "atau belum didata.")
    if view.total_differs and view.printed_total is not None:
        lines.append(f"Jumlah PPKS di atas dihitung ulang dari angka per jenis; dokumen mencetak "
                     f"{format_number(view.printed_total)} (selisih {format_number(view.printed_total - facts.total)}).")
    return review_block(lines)


def chart_rows(view: PpksView, n: int = CHART_TOP) -> tuple[list[tuple[str, float]], list[str]]:
    """The bars of the chart, largest first: the ``n`` largest types, then "Lainnya (k jenis)" with
    the sum of the other types above 0; and the names of the nihil types (not drawn)."""
    f = view.frame
    present = f[f["jumlah"].notna() & (f["jumlah"] > 0)].sort_values(["jumlah", "no"], ascending=[False, True])
    rows = [(f"{int(r.no)}. {r.nama}", float(r.jumlah)) for r in present.head(n).itertuples()]
    rest = present.iloc[n:]
    if len(rest):
        rows.append((f"Lainnya ({len(rest)} jenis)", float(rest["jumlah"].sum())))
    nihil = [str(r.nama) for r in f[f["jumlah"].notna() & (f["jumlah"] == 0)].itertuples()]
    return rows, nihil


def _chart_alt(view: PpksView, rows: list[tuple[str, float]], nihil: list[str]) -> str:
    named = join_list(f"{label} ({format_number(v)})" for label, v in rows[:TOP_TYPES])
    text = (f"Diagram batang mendatar jumlah PPKS menurut jenis tahun {view.year}, skala linear, "
            f"{len(rows)} batang dari yang terbesar")
    text += f"; terbanyak {named}." if named else "."
    if nihil:
        text += f" Sebanyak {len(nihil)} jenis nihil tidak digambar."
    return text


def ppks_chart(view: PpksView) -> Figure | Notice | None:
    """Horizontal bars on a linear scale: the largest PPKS types of ``view.year``, the rest as "lainnya".

    A :class:`Notice` instead when there is no count year (or no Tabel 2.3.2).
    """
    if view.frame is None:
        return None
    if view.year is None:
        if not view.counts_available:
            return Notice("Grafik tidak dibuat: Tabel 2.3.2 tidak tersedia dalam data.")
        return Notice(f"Grafik tidak dibuat: Tabel 2.3.2 belum memuat jumlah PPKS untuk tahun sebelum {view.tahun}.")
    import matplotlib.pyplot as plt

    rows, nihil = chart_rows(view)
    if not rows:
        return Notice(f"Grafik tidak dibuat: semua jenis PPKS nihil pada tahun {view.year}.")
    labels = [plain(wrap(label, 48)) for label, _ in rows][::-1]
    values = [v for _, v in rows][::-1]
    fig, ax = plt.subplots(figsize=(10.5, 0.42 * len(rows) + 1.6))
    colors = [MUTED if label.startswith("Lainnya") else PALETTE[0] for label in labels]
    ax.barh(range(len(rows)), values, color=colors, edgecolor="black", linewidth=0.5, hatch=HATCHES[1], height=0.7)
    high = max(values)
    ax.set_xlim(0, high * 1.15)
    for y, v in enumerate(values):
        ax.text(v + high * 0.01, y, format_number(v), va="center", ha="left", fontsize=8.5)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=8.5)
    ax.xaxis.set_major_formatter(id_formatter(0))
    ax.set_xlabel("Jumlah PPKS (jiwa)")
    ax.set_ylabel("Jenis PPKS (nomor Bagian 2.4)")
    title = f"Jumlah PPKS menurut jenis, tahun {view.year} (Tabel 2.3.2)"
    ax.set_title(title)
    ax.grid(axis="y", visible=False)
    if nihil:
        fig.text(0.01, 0.005, plain(f"Nihil pada {view.year} (tidak digambar): {len(nihil)} jenis."), fontsize=8,
                 color=MUTED, ha="left", va="bottom")
    tight_layout_when_drawn(fig, rect=(0, 0.03, 1, 1))
    return Figure(fig, "2-4-jumlah-ppks-per-jenis", caption=title, alt=_chart_alt(view, rows, nihil))


# --------------------------------------------------------------------------------------------
# What tahun changes on this page
# --------------------------------------------------------------------------------------------


def page_statement(view: PpksView, years: Sequence[int]) -> str:
    """Markdown: the page's years (from pages.yaml) and what ``tahun`` changes (only the PPKS counts)."""
    if view.year is None:
        counts = ("Tabel 2.3.2 tidak tersedia dalam data, sehingga jumlah PPKS tidak ditampilkan."
                  if not view.counts_available else
                  f"Tabel 2.3.2 belum memuat data sebelum {view.tahun}, sehingga jumlah PPKS tidak ditampilkan.")
    else:
        counts = (f"Jumlah PPKS per jenis diambil dari Tabel 2.3.2 tahun **{view.year}** "
                  f"(tahun terakhir yang tersedia sebelum {view.tahun}).")
    return (f"Halaman ini disusun untuk tahun laporan {view.tahun} (halaman riwayat, berlaku untuk tahun laporan "
            f"{year_span(years)}). Daftar jenis PPKS dan PSKS, permasalahan dan Tabel 2.6.1 sama untuk setiap tahun "
            f"laporan. {counts}")
