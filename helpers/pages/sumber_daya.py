"""Bab II section 2.2 (Sumber Daya): staff tables, inventory, buildings and vehicles, charts, narratives.

The notebook ``notebooks/02-2-sumber-daya.ipynb`` shows what this module builds. Every table of the
section shows the condition at the time the Renstra was written; the reporting year ``tahun``
does not change it. A table that an office's data lacks is replaced by a notice
(:func:`helpers.present.unavailable`), and what needs it (chart, comparison, narrative) is skipped.

- Staff tables 2.2.1–2.2.5 (:data:`STAFF_TABLES`): :func:`staff_view` reads a table with its row
  totals and Jumlah row taken from :func:`helpers.core.derive.derived` and its differences from
  :func:`helpers.core.audit.audit_table`; :func:`staff_table` lays it out as the document does (No,
  Jabatan/Golongan/…, Lk, Pr, Jumlah), the Jumlah row and group headers in bold, a group header's
  figures blank (it prints none), its children indented, a differing cell marked with the printed value.
- The inventory list, the document's second "Tabel 2.2.5": :func:`inventory_section`.
- Buildings and vehicles named in the text: :func:`sarana_table`, compared with the inventory
  in :func:`comparison_table` (:data:`MATCHES`).
- Charts: :func:`position_chart` (grouped horizontal bars by sex), :func:`composition_chart`
  (golongan, eselon, pendidikan as small multiples), :func:`honorary_chart`.
- Draft narratives: :func:`staff_facts` + :func:`staff_narrative`, :func:`sarana_narrative`.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Optional, Sequence

import pandas as pd

from helpers.core.audit import audit_table
from helpers.core.data import has_table, load, load_printed, printed_symbol, read_schema
from helpers.core.derive import derived
from helpers.core.numbers import format_number
from helpers.core.opd import Opd, load_opd
from helpers.present.markdown import review_block
from helpers.core.text import is_na, join_list, wrap
from helpers.present import (HATCHES, PALETTE, Column, Figure, Mark, Narrative, Notice, Table, markdown_escape,
                             plain, tight_layout_when_drawn, unavailable)

# --------------------------------------------------------------------------------------------
# Tables and settings
# --------------------------------------------------------------------------------------------

JABATAN = "2_2_1_pegawai_jabatan"
HONORER = "2_2_2_pegawai_honorer"
GOLONGAN = "2_2_3_pegawai_golongan"
ESELON = "2_2_4_pegawai_eselon"
PENDIDIKAN = "2_2_5_pegawai_pendidikan"
INVENTARIS = "2_2_5b_inventaris"
SARANA = "2_2_sarana"

#: Keys of the figure columns of a staff table (the CSV header).
MALE, FEMALE, TOTAL = "laki_laki", "perempuan", "jumlah"
JUMLAH = "Jumlah"


@dataclass(frozen=True)
class StaffSpec:
    """How a staff table is shown: its label column and the document's column headers."""

    label: str           # column of the base table holding the row label
    header: str          # document's header of that column
    male: str = "Lk"     # document's header of the L column
    female: str = "Pr"   # document's header of the P column
    slug: str = ""       # file name of the exported table
    missing: str = ""    # how the notice names the table when the data lacks it
    topic: str = ""      # "menurut ..." in chart titles and narratives


STAFF_TABLES: dict[str, StaffSpec] = {
    JABATAN: StaffSpec("jabatan", "Jabatan", slug="tabel-2-2-1-pegawai-jabatan",
                       missing="Tabel 2.2.1 (pegawai menurut jabatan)", topic="jabatan"),
    HONORER: StaffSpec("jabatan", "Jabatan", "Laki-laki", "Perempuan", slug="tabel-2-2-2-pegawai-honorer",
                       missing="Tabel 2.2.2 (pegawai honorer)", topic="jabatan"),
    GOLONGAN: StaffSpec("golongan", "Golongan", slug="tabel-2-2-3-pegawai-golongan",
                        missing="Tabel 2.2.3 (pegawai menurut golongan)", topic="golongan"),
    ESELON: StaffSpec("eselon", "Eselon", slug="tabel-2-2-4-pegawai-eselon",
                      missing="Tabel 2.2.4 (pegawai menurut eselon)", topic="eselon"),
    PENDIDIKAN: StaffSpec("pendidikan", "Pendidikan", slug="tabel-2-2-5-pegawai-pendidikan",
                          missing="Tabel 2.2.5 (pegawai menurut pendidikan)", topic="pendidikan"),
}
#: The panels of the composition chart, in this order.
COMPOSITION = (GOLONGAN, ESELON, PENDIDIKAN)

INVENTORY_MISSING = "Tabel 2.2.5 (daftar inventaris)"
SARANA_MISSING = "Keadaan sarana dan prasarana (bangunan kantor dan kendaraan dinas)"

SARANA_NAME = "tabel-2-2-sarana"
INVENTORY_NAME = "tabel-2-2-5b-inventaris"
COMPARISON_NAME = "tabel-2-2-sarana-vs-inventaris"
FIGURE_JABATAN = "2-2-1-pegawai-jabatan"
FIGURE_HONORER = "2-2-2-pegawai-honorer"
FIGURE_COMPOSITION = "2-2-komposisi-asn"
NARRATIVE_STAFF = "2-2-sumber-daya-manusia"
NARRATIVE_SARANA = "2-2-sarana-prasarana"


@dataclass(frozen=True)
class Match:
    """One line of the text-vs-inventory check: what the text counts and which inventory items match.

    ``jenis`` takes every text row of that kind (all office buildings); otherwise a vehicle row of
    the text belongs to the first match (in :data:`MATCH_PRIORITY`) whose ``text`` words occur in
    its ``uraian``. An inventory item belongs when its ``nama_barang`` starts with ``inventory``
    (words of the nomenclature of barang milik daerah, not this office's list).
    """

    key: str
    label: str
    inventory: str
    jenis: str = ""
    text: str = ""


#: A reading of the text, not a rule: different scopes or dates may explain the differences
#: (docs/assumptions/bab2-organisasi-sdm.md).
MATCHES = (
    Match("bangunan", "Bangunan kantor", r"(bangunan gedung|bangunan gudang|gedung|rumah negara)\b",
          jenis="bangunan_kantor"),
    Match("roda_4", "Kendaraan roda 4",
          r"(micro ?bus|mini ?bus|station wagon|jeep|jip|sedan|pick ?up|pikap|double cabin)\b", text=r"\broda\s*4\b"),
    Match("dapur", "Mobil dapur umum lapangan", r"mobil dapur\b", text=r"\bdapur umum\b"),
    Match("roda_2", "Kendaraan roda 2", r"sepeda motor\b", text=r"\broda\s*2\b|\bsepeda motor\b"),
)
#: Which match a vehicle row of the text is tried against first (a field kitchen car worded
#: "roda 2 (empat) Mobil Dapur Umum Lapangan" is a field kitchen car, not a motorcycle).
MATCH_PRIORITY = ("dapur", "roda_4", "roda_2")

JENIS_LABELS = {"bangunan_kantor": "Bangunan Kantor", "kendaraan_dinas": "Kendaraan Dinas"}
KELOMPOK_LABELS = {"tanah": "Tanah", "lainnya": "Lainnya"}

TAHUN_NOTE = ("Data pada halaman ini adalah kondisi pada saat Renstra disusun; tabel dan grafiknya sama "
              "untuk setiap tahun laporan.")

DIFFERENCE = "selisih"


def intro(opd: Opd) -> str:
    """The page's opening paragraph (Markdown), naming the office from ``opd.yaml``."""
    return (f"Halaman ini menyajikan sumber daya {markdown_escape(opd.lengkap)}: jumlah pegawai ASN menurut "
            "jabatan, golongan, eselon dan pendidikan, pegawai honorer, bangunan kantor dan kendaraan dinas "
            "menurut teks, serta daftar inventaris.")


def tahun_statement(tahun) -> str:
    """Markdown sentence stating the reporting years (a year, or ``2019–2029`` for a page every year
    shares) and that the year does not change the data."""
    return f"**Tahun laporan {tahun}.** " + TAHUN_NOTE


def _quiet() -> None:
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


def _int_or_none(value) -> Optional[int]:
    return None if is_na(value) else int(round(float(value)))


# --------------------------------------------------------------------------------------------
# Staff tables 2.2.1–2.2.5
# --------------------------------------------------------------------------------------------


@dataclass
class StaffRow:
    """One row of a staff table in display order."""

    row_id: str
    no: Optional[int]
    label: str
    male: Optional[int]
    female: Optional[int]
    total: Optional[int]
    depth: int = 0
    is_group: bool = False
    parent_id: Optional[str] = None
    #: What the document printed in place of a number, per column key: "-" (nihil) or "" (blank).
    symbols: dict = field(default_factory=dict)


@dataclass
class StaffView:
    """A staff table: rows in display order, recomputed totals, audit differences, printed cells."""

    table_id: str
    spec: StaffSpec
    caption: str
    number: str
    rows: list[StaffRow]
    total_male: Optional[int]
    total_female: Optional[int]
    total: Optional[int]
    audit: pd.DataFrame
    printed: pd.DataFrame

    def row(self, row_id: str) -> StaffRow:
        for r in self.rows:
            if r.row_id == row_id:
                return r
        raise KeyError(row_id)

    @property
    def positions(self) -> list[StaffRow]:
        """Rows with figures of their own (group headers excluded)."""
        return [r for r in self.rows if not r.is_group]

    def group_total(self, row_id: str) -> Optional[int]:
        """Sum of a group header's children (not printed in the document)."""
        values = [r.total for r in self.rows if r.parent_id == row_id and r.total is not None]
        return sum(values) if values else None

    def top_level(self) -> list[tuple[str, Optional[int]]]:
        """``(label, total)`` at the top level: groups count as the sum of their children."""
        out = []
        for r in self.rows:
            if r.depth:
                continue
            total = self.group_total(r.row_id) if r.is_group else r.total
            out.append((r.label.rstrip(":").strip(), total))
        return out


def hierarchy_order(df: pd.DataFrame) -> list[str]:
    """Distinct ``row_id`` in display order: file order, each group header followed by its children."""
    ids = list(dict.fromkeys(str(r) for r in df["row_id"]))
    if "parent_id" not in df.columns:
        return ids
    parent_of = {}
    for r, p in zip(df["row_id"], df["parent_id"]):
        if not is_na(p):
            parent_of[str(r)] = str(p)
    out: list[str] = []

    def visit(node: str) -> None:
        out.append(node)
        for child in ids:
            if parent_of.get(child) == node:
                visit(child)

    for node in ids:
        if node not in parent_of:
            visit(node)
    return out


def _by_cell(frame: pd.DataFrame, value: str) -> dict[tuple[str, str], object]:
    """``value`` of a derived or printed figures frame by (row, column); the first of a repeated cell."""
    cells: dict[tuple[str, str], object] = {}
    for row, column, found in zip(frame["row"], frame["column"], frame[value]):
        cells.setdefault((row, column), found)
    return cells


def _recomputed(recomputed: dict[tuple[str, str], object], row: str, column: str) -> Optional[int]:
    key = (row, column)
    return _int_or_none(recomputed[key]) if key in recomputed else None


def _printed_dash(printed: dict[tuple[str, str], object], row: str, column: str) -> Optional[str]:
    """"-" where the document printed a dash for a derived figure (a nihil total), else None."""
    key = (row, column)
    return "-" if key in printed and str(printed[key]).strip() == "-" else None


def staff_view(table_id: str, data_dir=None) -> StaffView:
    """Build a staff table from base figures; totals from :func:`helpers.core.derive.derived`."""
    spec = STAFF_TABLES[table_id]
    df = load(table_id, data_dir)
    rec = _by_cell(derived(table_id, data_dir), "recomputed")
    printed = load_printed(table_id, data_dir)
    printed_cells = _by_cell(printed, "printed")
    rows = []
    depth_of: dict[str, int] = {}
    for row_id in hierarchy_order(df):
        part = df[df["row_id"] == row_id]
        first = part.iloc[0]
        parent = None if "parent_id" not in part.columns or is_na(first["parent_id"]) else str(first["parent_id"])
        depth = depth_of.get(parent, -1) + 1 if parent else 0
        depth_of[row_id] = depth
        is_group = "level" in part.columns and str(first["level"]) == "kelompok"
        by_sex = {str(s): _int_or_none(v) for s, v in zip(part["jenis_kelamin"], part["jumlah"])}
        symbols = {key: printed_symbol(df, "jumlah", row_id, sex) for key, sex in ((MALE, "L"), (FEMALE, "P"))}
        symbols[TOTAL] = _printed_dash(printed_cells, row_id, "jumlah")
        rows.append(StaffRow(
            row_id=row_id, no=_int_or_none(first["no"]), label=str(first[spec.label]),
            male=by_sex.get("L"), female=by_sex.get("P"),
            total=None if is_group else _recomputed(rec, row_id, "jumlah"),
            depth=depth, is_group=is_group, parent_id=parent,
            symbols={k: v for k, v in symbols.items() if v is not None and not is_group}))
    schema = read_schema(table_id, data_dir)
    return StaffView(
        table_id=table_id, spec=spec, caption=schema.caption, number=schema.number, rows=rows,
        total_male=_recomputed(rec, "total", "jumlah_l"), total_female=_recomputed(rec, "total", "jumlah_p"),
        total=_recomputed(rec, "total", "jumlah"), audit=audit_table(table_id, data_dir),
        printed=printed)


def staff_views(data_dir=None) -> dict[str, StaffView]:
    """The staff tables the data holds, keyed by table id (an absent table is left out)."""
    return {t: staff_view(t, data_dir) for t in STAFF_TABLES if has_table(t, data_dir)}


def staff_frame(view: StaffView) -> pd.DataFrame:
    """The values in the document's layout: no, <label>, laki_laki, perempuan, jumlah + the Jumlah row
    (``no`` as a number: the document's "5." is shown as 5)."""
    s = view.spec
    records = [{"no": r.no, s.label: r.label, MALE: r.male, FEMALE: r.female, TOTAL: r.total}
               for r in view.rows]
    records.append({"no": None, s.label: JUMLAH, MALE: view.total_male, FEMALE: view.total_female,
                    TOTAL: view.total})
    values = pd.DataFrame(records, columns=["no", s.label, MALE, FEMALE, TOTAL])
    for c in ("no", MALE, FEMALE, TOTAL):
        values[c] = pd.array(values[c], dtype="Int64")
    return values


def staff_marks(view: StaffView) -> dict[tuple[int, str], Mark]:
    """``{(row, key): Mark(printed)}`` where the recomputed figure differs from the printed one (audit)."""
    positions = {r.row_id: k for k, r in enumerate(view.rows)}
    total_at = len(view.rows)
    total_cols = {"jumlah_l": MALE, "jumlah_p": FEMALE, "jumlah": TOTAL}
    marks = {}
    for a in view.audit.itertuples():
        printed = None if is_na(a.printed_text) else str(a.printed_text)
        if a.row == "total" and a.measure in total_cols:
            marks[(total_at, total_cols[a.measure])] = Mark(printed=printed)
        elif a.row in positions and a.measure == "jumlah":
            marks[(positions[a.row], TOTAL)] = Mark(printed=printed)
    return marks


def staff_blank(view: StaffView) -> list[tuple[int, str]]:
    """Cells printed empty by layout (not "no value"): the figures of group headers, the number of
    unnumbered rows and of the Jumlah row."""
    cells = [(k, key) for k, r in enumerate(view.rows) if r.is_group for key in (MALE, FEMALE, TOTAL)]
    return cells + [(k, "no") for k, r in enumerate(view.rows) if r.no is None] + [(len(view.rows), "no")]


def text_totals(view: StaffView) -> list[tuple[str, Optional[float], Optional[int]]]:
    """Totals printed in the running text for this table: ``(column, printed, recomputed)``."""
    p = view.printed
    out = []
    for column in ("jumlah_asn_teks", "jumlah_non_asn_teks"):
        hit = p[(p["row"] == "total") & (p["column"] == column)]
        if not hit.empty:
            value = hit["value"].iloc[0]
            out.append((column, None if is_na(value) else float(value), view.total))
    return out


def staff_note(view: StaffView) -> str:
    """Table note: how totals were obtained, which total cells the document left empty, differences."""
    s = view.spec
    parts = [f"Kolom {JUMLAH} (= {s.male} + {s.female}) dan baris {JUMLAH} dihitung ulang dari angka dasar; "
             "sel kosong dan \u201c-\u201d (nihil) dihitung sebagai nol dan ditampilkan seperti di dokumen."]
    printed_total = set(view.printed.loc[view.printed["row"] == "total", "column"])
    missing = [(c, v) for c, v in (("jumlah_l", view.total_male), ("jumlah_p", view.total_female))
               if c not in printed_total and v is not None]
    if "jumlah" in printed_total and missing:  # only what the document is known to have printed
        header = {"jumlah_l": s.male, "jumlah_p": s.female}
        parts.append(f"Dokumen hanya mencetak jumlah keseluruhan; baris {JUMLAH} kolom "
                     + join_list(f"{header[c]} ({format_number(v)})" for c, v in missing)
                     + " diisi dari hasil hitung.")
    groups = [r for r in view.rows if r.is_group]
    if groups:
        parts.append("; ".join(
            f"\u201c{g.label}\u201d adalah judul kelompok tanpa angka sendiri; anak-anaknya berjumlah "
            f"{format_number(view.group_total(g.row_id))} orang" for g in groups) + ".")
    if not view.printed.empty:
        diffs = len(view.audit)
        if diffs:
            parts.append(f"Sebanyak {format_number(diffs)} angka berbeda dengan yang tercetak.")
        else:
            parts.append("Semua jumlah yang tercetak sama dengan hasil hitung ulang.")
    for column, printed, recomputed in text_totals(view):
        label = "ASN" if "non" not in column else "Non ASN"
        if printed is not None and recomputed is not None and int(printed) == recomputed:
            parts.append(f"Angka {label} pada teks ({format_number(printed)} orang) sama dengan jumlah tabel.")
        else:
            parts.append(f"Angka {label} pada teks ({format_number(printed)} orang) berbeda dengan jumlah "
                         f"tabel ({format_number(recomputed)}).")
    return " ".join(parts)


def staff_columns(spec: StaffSpec) -> list[Column]:
    return [Column("no", "No", role="integer"), Column(spec.label, spec.header, wide=True),
            Column(MALE, spec.male, role="integer"), Column(FEMALE, spec.female, role="integer"),
            Column(TOTAL, JUMLAH, role="integer")]


def build_staff_table(view: StaffView) -> Table:
    """The display table of a staff view (document layout, marks wired to the audit)."""
    bold = [len(view.rows)] + [k for k, r in enumerate(view.rows) if r.is_group]
    return Table(staff_frame(view), staff_columns(view.spec), caption=view.caption, name=view.spec.slug,
                 notes=[staff_note(view)], bold_rows=bold, indent={k: r.depth for k, r in enumerate(view.rows)},
                 marks=staff_marks(view), blank=staff_blank(view),
                 symbols={(k, key): v for k, r in enumerate(view.rows) for key, v in r.symbols.items()})


def staff_table(views: dict[str, StaffView], table_id: str) -> Table | Notice:
    """Staff table ``table_id`` of ``views`` (:func:`staff_views`), or the notice that the data lacks it."""
    if table_id not in views:
        return unavailable(STAFF_TABLES[table_id].missing)
    return build_staff_table(views[table_id])


# --------------------------------------------------------------------------------------------
# Inventory (the second "Tabel 2.2.5")
# --------------------------------------------------------------------------------------------


def _duplicate_of(data_dir) -> Optional[str]:
    """The staff table whose document number the inventory list repeats (None when it has its own)."""
    number = read_schema(INVENTARIS, data_dir).number
    if not number:
        return None
    for table_id in STAFF_TABLES:
        if has_table(table_id, data_dir) and read_schema(table_id, data_dir).number == number:
            return table_id
    return None


def inventory_caption(data_dir=None) -> str:
    """``Tabel 2.2.5 (kedua) Daftar Inventaris ...`` when the number repeats a staff table's number."""
    schema = read_schema(INVENTARIS, data_dir)
    if _duplicate_of(data_dir):
        return f"{schema.number} (kedua) {schema.title}".strip()
    return schema.caption


def duplicate_number_note(data_dir=None) -> Optional[str]:
    """Markdown note when the document gives the inventory list a staff table's number; else None."""
    other = _duplicate_of(data_dir)
    if other is None:
        return None
    number = read_schema(INVENTARIS, data_dir).number
    return (f"Dokumen memakai nomor \u201c{number}\u201d dua kali \u2014 untuk jumlah pegawai menurut "
            f"{STAFF_TABLES[other].topic} dan untuk daftar inventaris ini \u2014 sehingga di halaman ini daftar "
            f"inventaris diberi label \u201c{number} (kedua)\u201d.")


def inventory_frame(data_dir=None) -> pd.DataFrame:
    """Inventory rows in document order: kelompok, no, nama_barang, jumlah."""
    df = load(INVENTARIS, data_dir)
    order = {k: i for i, k in enumerate(KELOMPOK_LABELS)}
    df = df.assign(_k=df["kelompok"].map(order)).sort_values(["_k", "baris"], kind="stable")
    return pd.DataFrame({
        "kelompok": pd.array([KELOMPOK_LABELS.get(str(k), str(k)) for k in df["kelompok"]], dtype="string"),
        "no": pd.array(df["no"], dtype="Int64"),
        "nama_barang": pd.array(df["nama_barang"].astype(str).tolist(), dtype="string"),
        "jumlah": pd.array(df["jumlah"], dtype="Int64"),
    })


INVENTORY_COLUMNS = [Column("kelompok", "Kelompok"), Column("no", "No", role="integer"),
                     Column("nama_barang", "Nama Barang", wide=True), Column("jumlah", "Jumlah (Unit)", role="integer")]


def inventory_table(data_dir=None) -> Table:
    """The inventory list as printed (no total: the units of the items differ)."""
    frame = inventory_frame(data_dir)
    notes = []
    if frame["kelompok"].nunique() > 1:
        notes.append("Penomoran dokumen dimulai lagi dari 1 pada setiap kelompok; kolom \u201cKelompok\u201d "
                     "memisahkan blok-blok itu.")
    notes.append("Daftar ini tidak dijumlahkan karena satuan barangnya berbeda-beda.")
    return Table(frame, INVENTORY_COLUMNS, caption=inventory_caption(data_dir), name=INVENTORY_NAME, notes=notes)


def inventory_section(data_dir=None) -> list | Notice:
    """The note on the repeated number (if any) and the inventory table; a notice without the data."""
    if not has_table(INVENTARIS, data_dir):
        return unavailable(INVENTORY_MISSING)
    return [duplicate_number_note(data_dir), inventory_table(data_dir)]


# --------------------------------------------------------------------------------------------
# Buildings and vehicles named in the text, and the check against the inventory
# --------------------------------------------------------------------------------------------


@dataclass
class SaranaView:
    """Buildings and vehicles of the text with the recomputed subtotals."""

    rows: pd.DataFrame
    buildings: Optional[int]          # recomputed by helpers.core.derive
    vehicles: Optional[int]           # computed here
    building_printed: Optional[str]   # the text's own building total, as printed (None: not known)
    building_marked: bool             # True when the text's building total differs
    printed_known: bool               # the data holds the document's printed figures of this table


def sarana_view(data_dir=None) -> SaranaView:
    df = load(SARANA, data_dir)
    rec = derived(SARANA, data_dir)
    audit = audit_table(SARANA, data_dir)
    printed = load_printed(SARANA, data_dir)
    hit = printed[(printed["row"] == "total") & (printed["column"] == "jumlah_bangunan")]
    vehicles = df.loc[df["jenis"] == "kendaraan_dinas", "jumlah"].sum(min_count=1)
    return SaranaView(rows=df, buildings=_recomputed(_by_cell(rec, "recomputed"), "total", "jumlah_bangunan"),
                      vehicles=_int_or_none(vehicles),
                      building_printed=None if hit.empty else str(hit["printed"].iloc[0]),
                      building_marked=bool(((audit["row"] == "total")
                                            & (audit["measure"] == "jumlah_bangunan")).any()),
                      printed_known=not printed.empty)


def sarana_frame(view: SaranaView) -> tuple[pd.DataFrame, list[int]]:
    """``(values, bold_rows)``: items grouped by jenis, each group followed by its Jumlah row."""
    records, bold = [], []
    for jenis, label in JENIS_LABELS.items():
        part = view.rows[view.rows["jenis"] == jenis]
        if part.empty:
            continue
        for r in part.itertuples():
            records.append({"jenis": label, "uraian": r.uraian, "jumlah": r.jumlah, "baris": r.baris,
                            "keterangan": r.keterangan})
        total = view.buildings if jenis == "bangunan_kantor" else view.vehicles
        records.append({"jenis": label, "uraian": f"Jumlah {label.lower()}", "jumlah": total, "baris": None,
                        "keterangan": None})
        bold.append(len(records) - 1)
    values = pd.DataFrame(records, columns=["jenis", "uraian", "jumlah", "baris", "keterangan"])
    for c in ("jumlah", "baris"):
        values[c] = pd.array(values[c], dtype="Int64")
    for c in ("jenis", "uraian", "keterangan"):
        values[c] = pd.array(values[c], dtype="string")
    return values, bold


SARANA_COLUMNS = [Column("jenis", "Jenis"), Column("uraian", "Uraian (seperti tertulis)", wide=True),
                  Column("jumlah", "Jumlah (Unit)", role="integer"), Column("baris", "Baris Sumber", role="integer"),
                  Column("keterangan", "Keterangan", wide=True)]


def sarana_notes(view: SaranaView) -> list[str]:
    notes = []
    if view.building_printed:
        notes.append(f"Jumlah bangunan kantor dihitung ulang ({format_number(view.buildings)}); teks mencetak "
                     f"\u201c{view.building_printed} unit bangunan\u201d.")
    else:
        notes.append(f"Jumlah bangunan kantor ({format_number(view.buildings)}) dihitung dari rinciannya.")
    if view.printed_known:
        notes.append("Jumlah kendaraan dinas tidak tercetak di dokumen; angka "
                     f"{format_number(view.vehicles)} adalah hasil hitung.")
    else:
        notes.append(f"Jumlah kendaraan dinas ({format_number(view.vehicles)}) dihitung dari rinciannya.")
    notes.append("Uraian ditulis seperti dalam teks; kolom Keterangan mencatat cara membaca angka yang tidak "
                 "jelas dan kondisi barang.")
    return notes


def sarana_table(data_dir=None) -> Table | Notice:
    """Buildings and vehicles of the text, with their recomputed totals (a notice without the data)."""
    if not has_table(SARANA, data_dir):
        return unavailable(SARANA_MISSING)
    view = sarana_view(data_dir)
    values, bold = sarana_frame(view)
    marks = {}
    if view.building_marked:
        marks[(bold[0], "jumlah")] = Mark(printed=view.building_printed)
    return Table(values, SARANA_COLUMNS,
                 caption="Keadaan Sarana dan Prasarana: Bangunan Kantor dan Kendaraan Dinas (menurut teks)",
                 name=SARANA_NAME, notes=sarana_notes(view), bold_rows=bold, marks=marks,
                 blank=[(i, key) for i in bold for key in ("baris", "keterangan")])


def _match_of_text_row(jenis: str, uraian: str) -> Optional[Match]:
    by_key = {m.key: m for m in MATCHES}
    for m in MATCHES:
        if m.jenis and m.jenis == jenis:
            return m
    for key in MATCH_PRIORITY:
        m = by_key[key]
        if m.text and re.search(m.text, str(uraian), re.IGNORECASE):
            return m
    return None


def _inventory_match(nama_barang: str) -> Optional[Match]:
    for m in MATCHES:
        if re.match(m.inventory, str(nama_barang).strip(), re.IGNORECASE):
            return m
    return None


def comparison_frame(data_dir=None) -> Optional[pd.DataFrame]:
    """Text counts vs matching inventory items (:data:`MATCHES`), with the difference; None when the
    data lacks the text's list or the inventory."""
    if not (has_table(SARANA, data_dir) and has_table(INVENTARIS, data_dir)):
        return None
    sarana = load(SARANA, data_dir)
    inv = inventory_frame(data_dir)
    text: dict[str, list] = {}
    for jenis, uraian, jumlah in zip(sarana["jenis"], sarana["uraian"], sarana["jumlah"]):
        m = _match_of_text_row(str(jenis), uraian)
        if m is not None:
            text.setdefault(m.key, []).append(jumlah)
    found: dict[str, list[tuple[str, int]]] = {}
    for nama, jumlah in zip(inv["nama_barang"], inv["jumlah"]):
        m = _inventory_match(nama)
        if m is not None and not is_na(jumlah):
            found.setdefault(m.key, []).append((str(nama), int(jumlah)))
    rows = []
    for m in MATCHES:
        if m.key not in text and m.key not in found:
            continue
        counts = [v for v in text.get(m.key, []) if not is_na(v)]
        text_total = sum(int(v) for v in counts) if counts else None
        items = found.get(m.key, [])
        inv_total = sum(v for _, v in items) if items else None
        rows.append({
            "barang": m.label, "teks": text_total, "inventaris": inv_total,
            DIFFERENCE: None if text_total is None or inv_total is None else inv_total - text_total,
            "dicocokkan": "; ".join(f"{i} ({format_number(v)})" for i, v in items) or None,
        })
    out = pd.DataFrame(rows, columns=["barang", "teks", "inventaris", DIFFERENCE, "dicocokkan"])
    for c in ("teks", "inventaris", DIFFERENCE):
        out[c] = pd.array(out[c], dtype="Int64")
    for c in ("barang", "dicocokkan"):
        out[c] = pd.array(out[c], dtype="string")
    return out


COMPARISON_COLUMNS = [Column("barang", "Barang"), Column("teks", "Menurut Teks (Unit)", role="integer"),
                      Column("inventaris", "Menurut Daftar Inventaris (Unit)", role="integer"),
                      Column(DIFFERENCE, "Selisih (Inventaris \u2212 Teks)", role="integer"),
                      Column("dicocokkan", "Barang Inventaris yang Dicocokkan", wide=True)]

MATCH_NOTE = ("Barang inventaris dicocokkan menurut awal nama barangnya: bangunan gedung, gudang, gedung dan rumah "
              "negara sebagai bangunan; bus, station wagon, jip, sedan dan pikap sebagai kendaraan roda 4; mobil "
              "dapur; sepeda motor sebagai kendaraan roda 2.")


def comparison_table(data_dir=None) -> Optional[Table]:
    """The text-vs-inventory check as a table; None (skipped) when either list is missing."""
    frame = comparison_frame(data_dir)
    if frame is None:
        return None
    number = read_schema(INVENTARIS, data_dir).number
    where = f" ({number}{' kedua' if _duplicate_of(data_dir) else ''})" if number else ""
    if (frame[DIFFERENCE].fillna(0) != 0).any():
        verdict = (f"Jumlah menurut teks (bagian Keadaan Sarana dan Prasarana) tidak sama dengan daftar inventaris"
                   f"{where}. Keduanya ditampilkan seperti tercetak dan tidak diselaraskan; perbedaan cakupan (lihat "
                   "barang yang dicocokkan) atau tanggal pencatatan mungkin menjelaskannya. Mohon diperiksa dengan "
                   "Kartu Inventaris Barang sebelum dokumen difinalkan.")
    else:
        verdict = f"Jumlah menurut teks sama dengan daftar inventaris{where}."
    return Table(frame, COMPARISON_COLUMNS,
                 caption="Perbandingan Jumlah Bangunan dan Kendaraan: Teks dan Daftar Inventaris",
                 name=COMPARISON_NAME, notes=[verdict, MATCH_NOTE])


COMPARISON_HEADING = ("### Perbandingan teks dan daftar inventaris\n\nJumlah bangunan dan kendaraan menurut teks "
                      "dibandingkan dengan barang yang sesuai dalam daftar inventaris.")


def comparison_section(data_dir=None) -> Optional[list]:
    """The heading and the text-vs-inventory table; None (nothing shown) when either list is missing."""
    table = comparison_table(data_dir)
    return None if table is None else [COMPARISON_HEADING, table]


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------

SEX_LABELS = ("Laki-laki", "Perempuan")
AXIS_LABEL = "Jumlah pegawai (orang)"


def abbreviation(label: str) -> str:
    """Initials of the capitalised words: ``Jabatan Fungsional Tertentu:`` → ``JFT``."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", label) if w[0].isupper())


def chart_rows(view: StaffView) -> list[tuple[str, Optional[int], Optional[int]]]:
    """``(label, L, P)`` for every row with figures; children carry their group's initials."""
    groups = {r.row_id: r.label for r in view.rows if r.is_group}
    out = []
    for r in view.positions:
        label = r.label
        if r.parent_id in groups:
            label = f"{label} ({abbreviation(groups[r.parent_id])})"
        out.append((label, r.male, r.female))
    return out


def _grouped_bars(ax, rows: Sequence[tuple[str, Optional[int], Optional[int]]], *, width: int = 30,
                  legend: bool = True, xmax: Optional[float] = None) -> None:
    """Grouped horizontal bars (L, P) per row, first row on top; values written at the bar ends.

    A missing value draws no bar and no label; a printed 0 is labelled ``0``; a row with no value
    at all says "tidak ada pegawai". ``xmax`` fixes the axis (same scale across small multiples).
    """
    from matplotlib.ticker import MaxNLocator

    n = len(rows)
    height = 0.38
    ys = list(range(n))
    top = xmax or max([v for _, m, f in rows for v in (m, f) if v is not None] or [1])
    for k, sex in enumerate(SEX_LABELS):
        offs = (-height / 2) if k == 0 else (height / 2)
        vals = [r[1 + k] for r in rows]
        bars = ax.barh([y + offs for y in ys], [0 if v is None else v for v in vals], height=height,
                       color=PALETTE[k], hatch=HATCHES[k], edgecolor="white" if k == 0 else "#333333",
                       linewidth=0.6, label=sex)
        for bar, v in zip(bars, vals):
            if v is None:
                continue
            ax.text(bar.get_width() + top * 0.015, bar.get_y() + bar.get_height() / 2, format_number(v),
                    va="center", ha="left", fontsize=8)
    for y, (_, male, female) in zip(ys, rows):
        if male is None and female is None:
            ax.text(top * 0.015, y, "tidak ada pegawai (\u201c-\u201d)", va="center", ha="left", fontsize=8,
                    fontstyle="italic", color="#555555")
    ax.set_yticks(ys)
    ax.set_yticklabels([plain(wrap(r[0], width)) for r in rows], fontsize=8.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, top * 1.15 + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(AXIS_LABEL)
    ax.grid(axis="y", visible=False)
    if legend:
        ax.legend(loc="lower right", fontsize=8.5, frameon=True)


def _people_counts(male: Optional[int], female: Optional[int]) -> str:
    parts = [f"{format_number(v)} {sex.lower()}" for v, sex in ((male, SEX_LABELS[0]), (female, SEX_LABELS[1]))
             if v is not None]
    return join_list(parts) if parts else "tidak ada pegawai"


def bars_alt(view: StaffView, what: str) -> str:
    """Indonesian summary of a bar chart of one staff table (every number is in the table)."""
    rows = [(label, m, f, (m or 0) + (f or 0)) for label, m, f in chart_rows(view)]
    parts = [f"Diagram batang mendatar {what} per {view.spec.topic}, dipisah laki-laki dan perempuan; jumlah "
             f"{format_number(view.total)} orang ({_people_counts(view.total_male, view.total_female)})."]
    ranked = sorted((r for r in rows if r[3]), key=lambda r: -r[3])
    if ranked:
        parts.append("Terbanyak: " + join_list(f"{label} sebanyak {format_number(total)} orang "
                                               f"({_people_counts(m, f)})"
                                               for label, m, f, total in ranked[:3]) + ".")
    empty = [label for label, m, f, total in rows if not total]
    if empty:
        parts.append("Tanpa pegawai: " + join_list(empty) + ".")
    return " ".join(parts)


def _figure_caption(what: str, view: StaffView) -> str:
    """``Pegawai ASN menurut jabatan … (Tabel 2.2.1; jumlah 29 orang)``."""
    where = f"{view.number}; " if view.number else ""
    return f"{what} ({where}jumlah {format_number(view.total)} orang)"


def position_chart(views: dict[str, StaffView]) -> Optional[Figure]:
    """Tabel 2.2.1 as grouped horizontal bars: ASN staff per position, by sex (None without the table)."""
    import matplotlib.pyplot as plt

    view = views.get(JABATAN)
    if view is None:
        return None
    _quiet()
    rows = chart_rows(view)
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(rows) + 1.6))
    _grouped_bars(ax, rows, width=38)
    ax.set_ylabel("Jabatan")
    title = f"Pegawai ASN menurut jabatan dan jenis kelamin (jumlah {format_number(view.total)} orang)"
    ax.set_title(title)
    groups = [r for r in view.rows if r.is_group]
    if groups:
        fig.text(0.01, 0.005, plain("; ".join(f"{abbreviation(g.label)} = {g.label.rstrip(':')}" for g in groups)),
                 fontsize=8, color="#333333", ha="left", va="bottom")
    tight_layout_when_drawn(fig, rect=(0, 0.03, 1, 1))
    return Figure(fig, FIGURE_JABATAN, caption=_figure_caption("Pegawai ASN menurut jabatan dan jenis kelamin", view),
                  alt=bars_alt(view, "pegawai ASN"))


def composition_chart(views: dict[str, StaffView]) -> Optional[Figure]:
    """Small multiples: one panel per staff table (golongan, eselon, pendidikan), bars by sex."""
    import matplotlib.pyplot as plt

    shown = [views[t] for t in COMPOSITION if t in views]
    if not shown:
        return None
    _quiet()
    n = len(shown)
    longest = max(len(v.positions) for v in shown)
    xmax = max([x for v in shown for _, m, f in chart_rows(v) for x in (m, f) if x is not None] or [1])
    fig, axes = plt.subplots(1, n, figsize=(4.6 * n, 0.55 * longest + 2.0), squeeze=False)
    same_total = len({v.total for v in shown}) == 1
    for k, (ax, view) in enumerate(zip(axes.flat, shown)):
        _grouped_bars(ax, chart_rows(view), width=18, legend=False, xmax=xmax)
        details = [view.number] + ([] if same_total else [f"{format_number(view.total)} orang"])
        ax.set_title(plain(f"{view.spec.topic.capitalize()} ({'; '.join(d for d in details if d)})"
                           .replace(" ()", "")), fontsize=10)
        if k:
            ax.set_ylabel("")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize=9, frameon=False)
    topics = join_list(v.spec.topic for v in shown)
    title = (f"Pegawai ASN ({format_number(shown[0].total)} orang) menurut {topics}" if same_total
             else f"Pegawai ASN menurut {topics}")
    fig.suptitle(title, fontweight="bold", fontsize=12)
    tight_layout_when_drawn(fig, rect=(0, 0.1, 1, 0.95))
    alt = " ".join(bars_alt(v, "pegawai ASN") for v in shown)
    if n > 1:
        alt = f"Grafik terdiri atas {format_number(n)} panel berdampingan dengan skala yang sama. " + alt
    return Figure(fig, FIGURE_COMPOSITION, caption=title, alt=alt)


def honorary_chart(views: dict[str, StaffView]) -> Optional[Figure]:
    """Tabel 2.2.2 as grouped horizontal bars: honorary (non-ASN) staff per role, by sex."""
    import matplotlib.pyplot as plt

    view = views.get(HONORER)
    if view is None:
        return None
    _quiet()
    rows = chart_rows(view)
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(rows) + 1.6))
    _grouped_bars(ax, rows, width=34)
    ax.set_ylabel("Jabatan")
    title = (f"Pegawai honorer (non-ASN) menurut jabatan dan jenis kelamin (jumlah "
             f"{format_number(view.total)} orang)")
    ax.set_title(title)
    tight_layout_when_drawn(fig)
    return Figure(fig, FIGURE_HONORER,
                  caption=_figure_caption("Pegawai honorer (non-ASN) menurut jabatan dan jenis kelamin", view),
                  alt=bars_alt(view, "pegawai honorer"))


# --------------------------------------------------------------------------------------------
# Narratives
# --------------------------------------------------------------------------------------------


@dataclass
class StaffFacts:
    """Every number the staff narrative states, read from the staff views (None: table absent)."""

    asn: Optional[int]
    asn_male: Optional[int]
    asn_female: Optional[int]
    non_asn: Optional[int]
    non_asn_male: Optional[int]
    non_asn_female: Optional[int]
    asn_largest: list[tuple[str, int]]        # top-level positions (groups summed), largest first
    golongan: list[tuple[str, int]]           # categories with staff, largest first
    golongan_empty: list[str]
    eselon: list[tuple[str, int]]             # in document order
    pendidikan: list[tuple[str, int]]         # largest first
    pendidikan_empty: list[str]
    honorer_largest: list[tuple[str, int]]    # largest first
    honorer_share_top: float                  # share of the largest honorary role (for words only)
    numbers: dict[str, str]                   # table id -> document number ("Tabel 2.2.1")


def _nonempty(view: Optional[StaffView]) -> tuple[list[tuple[str, int]], list[str]]:
    if view is None:
        return [], []
    have = [(r.label, r.total) for r in view.positions if r.total]
    empty = [r.label for r in view.positions if not r.total]
    return sorted(have, key=lambda x: -x[1]), empty


def staff_facts(views: dict[str, StaffView], top: int = 3) -> StaffFacts:
    """Collect the narrative's facts (all from the recomputed tables)."""
    jab, hon = views.get(JABATAN), views.get(HONORER)
    largest = sorted([(lbl, t) for lbl, t in jab.top_level() if t], key=lambda x: -x[1])[:top] if jab else []
    gol, gol_empty = _nonempty(views.get(GOLONGAN))
    pend, pend_empty = _nonempty(views.get(PENDIDIKAN))
    esel = [(r.label, r.total) for r in views[ESELON].positions if r.total] if ESELON in views else []
    hon_sorted, _ = _nonempty(hon)
    return StaffFacts(
        asn=jab.total if jab else None, asn_male=jab.total_male if jab else None,
        asn_female=jab.total_female if jab else None,
        non_asn=hon.total if hon else None, non_asn_male=hon.total_male if hon else None,
        non_asn_female=hon.total_female if hon else None,
        asn_largest=largest, golongan=gol, golongan_empty=gol_empty,
        eselon=esel, pendidikan=pend, pendidikan_empty=pend_empty, honorer_largest=hon_sorted[:top],
        honorer_share_top=(hon_sorted[0][1] / hon.total) if hon_sorted and hon and hon.total else 0.0,
        numbers={t: v.number for t, v in views.items()})


def _people(items: Sequence[tuple[str, int]]) -> str:
    return join_list([f"{label} sebanyak {format_number(n)} orang" for label, n in items])


def _share_words(share: float) -> str:
    """Words for a share (no new number in the text): ``lebih dari separuh``, ``hampir separuh``, …"""
    if share > 0.5:
        return "lebih dari separuh"
    if share >= 0.4:
        return "hampir separuh"
    if share >= 0.25:
        return "lebih dari seperempat"
    return ""


def _where(f: StaffFacts, table_id: str) -> str:
    number = f.numbers.get(table_id, "")
    return f" ({number})" if number else ""


def _sex_split(male: Optional[int], female: Optional[int]) -> str:
    if male is None or female is None:
        return ""
    return f" ({format_number(male)} laki-laki dan {format_number(female)} perempuan)"


def staff_narrative_text(f: StaffFacts, opd: Opd) -> str:
    """Draft paragraphs (Indonesian Markdown) on staff composition; every number is shown in a table."""
    esc = markdown_escape
    office = esc(opd.fill("{nama_pendek}"))
    groups = []
    if f.asn is not None:
        groups.append(f"pegawai ASN {format_number(f.asn)} orang{_sex_split(f.asn_male, f.asn_female)}")
    if f.non_asn is not None:
        groups.append(f"pegawai non-ASN (honorer) {format_number(f.non_asn)} orang"
                      f"{_sex_split(f.non_asn_male, f.non_asn_female)}")
    p1 = f"Sumber daya manusia {office} terdiri atas " + join_list(groups) + "." if groups else ""
    if f.asn_male is not None and f.asn_female is not None:
        if f.asn_male > f.asn_female:
            p1 += " Pegawai ASN laki-laki lebih banyak daripada perempuan."
        elif f.asn_male < f.asn_female:
            p1 += " Pegawai ASN perempuan lebih banyak daripada laki-laki."
    if f.asn_largest:
        p1 += (f" Menurut jabatan{_where(f, JABATAN)}, kelompok terbesar adalah " + esc(_people(f.asn_largest)) + ".")
    p2 = ""
    if f.golongan:
        p2 += f"Menurut golongan{_where(f, GOLONGAN)}: " + esc(_people(f.golongan))
        if f.golongan_empty:
            p2 += "; tidak ada pegawai " + esc(join_list(f.golongan_empty))
        p2 += ". "
    if f.eselon:
        p2 += f"Menurut eselon{_where(f, ESELON)}: " + esc(_people(f.eselon)) + ". "
    if f.pendidikan:
        p2 += f"Menurut pendidikan{_where(f, PENDIDIKAN)}: " + esc(_people(f.pendidikan))
        if f.pendidikan_empty:
            p2 += "; tidak ada pegawai berpendidikan " + esc(join_list(f.pendidikan_empty))
        p2 += "."
    p3 = ""
    if f.honorer_largest:
        label, n = f.honorer_largest[0]
        words = _share_words(f.honorer_share_top)
        p3 = (f"Pegawai honorer terbanyak{_where(f, HONORER)} adalah {esc(label)} sebanyak {format_number(n)} orang"
              + (f", {words} dari seluruh {format_number(f.non_asn)} pegawai honorer" if words else "")
              + ("; disusul " + esc(_people(f.honorer_largest[1:])) if len(f.honorer_largest) > 1 else "") + ".")
    return "\n\n".join(p for p in (p1.strip(), p2.strip(), p3) if p)


def staff_narrative(views: dict[str, StaffView], data_dir=None) -> Optional[Narrative]:
    """The draft narrative on staff (None when the data holds no staff table)."""
    if not views:
        return None
    f = staff_facts(views)
    cited = {"pegawai ASN": f.asn, "pegawai ASN laki-laki": f.asn_male, "pegawai ASN perempuan": f.asn_female,
             "pegawai non-ASN": f.non_asn, "pegawai non-ASN laki-laki": f.non_asn_male,
             "pegawai non-ASN perempuan": f.non_asn_female}
    for group, rows in (("jabatan", f.asn_largest), ("golongan", f.golongan), ("eselon", f.eselon),
                        ("pendidikan", f.pendidikan), ("honorer", f.honorer_largest)):
        for label, n in rows or []:
            cited[f"{group}: {label}"] = n
    cited = {k: float(v) for k, v in cited.items() if v is not None}
    return Narrative(NARRATIVE_STAFF, staff_narrative_text(f, load_opd(data_dir)), cited)


def _short(jenis: str, uraian: str) -> str:
    """Short name of a vehicle of the text (its :data:`MATCHES` label), else the text's wording."""
    m = _match_of_text_row(jenis, uraian)
    return m.label if m is not None else str(uraian)


def sarana_narrative_text(view: SaranaView, comparison: Optional[pd.DataFrame]) -> str:
    """Draft paragraph on buildings and vehicles, naming the differences with the inventory list."""
    esc = markdown_escape
    rows = view.rows
    b = rows[rows["jenis"] == "bangunan_kantor"]
    v = rows[rows["jenis"] == "kendaraan_dinas"]
    parts = []
    if len(b):
        parts.append(f"bangunan kantor berjumlah {format_number(view.buildings)} unit ("
                     + esc(join_list([f"{format_number(j)} {u}" for u, j in zip(b["uraian"], b["jumlah"])])) + ")")
    if len(v):
        parts.append(f"kendaraan dinas {format_number(view.vehicles)} unit ("
                     + esc(join_list([f"{_short(jn, u).lower()} sebanyak {format_number(j)} unit"
                                      for jn, u, j in zip(v["jenis"], v["uraian"], v["jumlah"])])) + ")")
    text = "Sarana dan prasarana kantor terdiri atas " + " dan ".join(parts) + "." if parts else ""
    if comparison is not None and not len(comparison[comparison[DIFFERENCE].fillna(0) != 0]):
        text += " Jumlah ini sama dengan daftar inventaris."
    return text.strip()


def sarana_review(comparison: Optional[pd.DataFrame]) -> Optional[str]:
    """Where the text's counts differ from the inventory list (Catatan pemeriksaan, not report text)."""
    if comparison is None:
        return None
    diffs = comparison[comparison[DIFFERENCE].fillna(0) != 0]
    if not len(diffs):
        return None
    listed = [f"{str(r['barang']).lower()} (teks {format_number(r['teks'])} unit, inventaris "
              f"{format_number(r['inventaris'])} unit)" for _, r in diffs.iterrows()]
    return review_block(["Jumlah sarana menurut teks Renstra berbeda dengan daftar inventaris: "
                         + markdown_escape(join_list(listed)) + ". Perbedaan ini perlu diperiksa dengan Kartu "
                         "Inventaris Barang sebelum dokumen difinalkan."])


def sarana_narrative(data_dir=None) -> Optional[list]:
    """The draft narrative on buildings and vehicles (None without the text's list), and where the
    text differs from the inventory list under "Catatan pemeriksaan" (left out without an inventory)."""
    if not has_table(SARANA, data_dir):
        return None
    view, comparison = sarana_view(data_dir), comparison_frame(data_dir)
    cited = {"bangunan kantor": view.buildings, "kendaraan dinas": view.vehicles}
    cited.update({f"{r.jenis}: {r.uraian}": r.jumlah for r in view.rows.itertuples() if not is_na(r.jumlah)})
    cited = {k: float(v) for k, v in cited.items() if v is not None and not is_na(v)}
    return [Narrative(NARRATIVE_SARANA, sarana_narrative_text(view, comparison), cited), sarana_review(comparison)]
