"""Bab II section 2.2 (Sumber Daya Dinas Sosial PPPA): staff tables, inventory, sarana, charts, narratives.

The notebook ``notebooks/02-2-sumber-daya.ipynb`` only calls this module. Every table of the
section shows the condition at the time the Renstra was written; the reporting year ``tahun``
does not change it.

- Staff tables 2.2.1–2.2.5 (:data:`STAFF_TABLES`): :func:`staff_view` builds the document's layout
  (No, Jabatan/Golongan/…, Lk, Pr, Jumlah) with the row totals and the Jumlah row taken from
  :func:`helpers.core.derive.derived` and the marks from :func:`helpers.core.audit.audit_table` (a cell is
  marked ``*`` when the document printed something else); group headers (Tabel 2.2.1
  "Jabatan Fungsional Tertentu:") are followed by their indented children.
- The inventory list, the second "Tabel 2.2.5": :func:`inventory_table`.
- Buildings and vehicles named in the text: :func:`sarana_table`, compared with the inventory
  in :func:`comparison_table` (:data:`INVENTORY_MATCH`).
- Charts: :func:`position_chart` (grouped horizontal bars by sex), :func:`composition_chart`
  (golongan, eselon, pendidikan as small multiples), :func:`honorary_chart`.
- Draft narratives: :func:`staff_facts` + :func:`staff_narrative`, :func:`sarana_narrative`.

:class:`StaffTable` is a general capability the shared :class:`helpers.present.Table` lacks:
bold rows (the Jumlah row, group headers) and *blank* cells where the document prints nothing
by layout (a group header has no figures of its own; that is not "no value", so no ``-``).
"""
from __future__ import annotations

import re
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import pandas as pd

from helpers.core import files
from helpers.core.audit import audit_table
from helpers.core.data import load, load_printed, read_schema
from helpers.core.derive import derived
from helpers.core.numbers import format_number
from helpers.present.legacy import HATCHES, MARK, PALETTE, Table, write_xlsx

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


@dataclass(frozen=True)
class StaffSpec:
    """How a staff table is shown: its label column and the document's column headers."""

    label: str           # column of the base table holding the row label
    header: str          # document's header of that column
    male: str = "Lk"     # document's header of the L column
    female: str = "Pr"   # document's header of the P column
    slug: str = ""       # file name of the exported table


STAFF_TABLES: dict[str, StaffSpec] = {
    JABATAN: StaffSpec("jabatan", "Jabatan", slug="tabel-2-2-1-pegawai-jabatan"),
    HONORER: StaffSpec("jabatan", "Jabatan", "Laki-laki", "Perempuan", slug="tabel-2-2-2-pegawai-honorer"),
    GOLONGAN: StaffSpec("golongan", "Golongan", slug="tabel-2-2-3-pegawai-golongan"),
    ESELON: StaffSpec("eselon", "Eselon", slug="tabel-2-2-4-pegawai-eselon"),
    PENDIDIKAN: StaffSpec("pendidikan", "Pendidikan", slug="tabel-2-2-5-pegawai-pendidikan"),
}

JUMLAH = "Jumlah"
#: Indentation of a child row under its group header (non-breaking spaces survive HTML and Excel).
CHILD_PREFIX = "\u00a0" * 4 + "\u2022 "

#: Inventory items that correspond to the buildings and vehicles named in the text (matched on
#: ``nama_barang`` as printed). A *reading* of the document (docs/assumptions/bab2-organisasi-sdm.md),
#: not a rule: different scopes or dates may explain the differences.
INVENTORY_MATCH: dict[str, tuple[str, tuple[str, ...]]] = {
    "bangunan_kantor": ("Bangunan kantor", (
        "Bangunan Gedung Kantor Permanen", "Bangunan Gudang Tertutup Permanen", "Gedung Pos Jaga Permanen",
        "Gedung Garasi/Pool Permanen", "Rumah Negara Golongan II Tipe B Semi Permanen")),
    "kendaraan_roda_4": ("Kendaraan roda 4", (
        "Micro Bus (Penumpang 15 S/D 29)", "Mini Bus (Penumpang 14 Kebawah)", "Station Wagon")),
    "kendaraan_mobil_dapur_umum_lapangan": ("Mobil dapur umum lapangan", ("Mobil Dapur Lapangan",)),
    "kendaraan_roda_2": ("Kendaraan roda 2", ("Sepeda Motor",)),
}

JENIS_LABELS = {"bangunan_kantor": "Bangunan Kantor", "kendaraan_dinas": "Kendaraan Dinas"}
KELOMPOK_LABELS = {"tanah": "Tanah", "lainnya": "Lainnya"}

TAHUN_NOTE = ("Data pada halaman ini adalah kondisi pada saat Renstra disusun; tabel dan grafiknya sama "
              "untuk setiap `tahun`.")

DUPLICATE_NUMBER_NOTE = ("Dokumen memakai nomor \u201cTabel 2.2.5\u201d dua kali \u2014 untuk jumlah pegawai "
                         "menurut pendidikan dan untuk daftar inventaris ini \u2014 sehingga di halaman ini daftar "
                         "inventaris diberi label \u201cTabel 2.2.5 (kedua)\u201d.")

SARANA_READING_NOTE = (
    "Teks menulis \u201c2 (satu) unit bangunan kayu\u201d: angka 2 dipakai karena jumlah yang tercetak, "
    "9 unit bangunan, sama dengan 2 + 7. Teks juga menulis \u201cKendaraan roda 2 (empat) Mobil Dapur Umum "
    "Lapangan\u201d: angka dan kata jumlah roda tidak sama (mobil dapur umum lazimnya beroda empat); uraian "
    "dibiarkan seperti tercetak.")

COMPARISON_NOTE = (
    "Jumlah menurut teks (bagian 2. Keadaan Sarana dan Prasarana) tidak sama dengan daftar inventaris "
    "(Tabel 2.2.5 kedua). Keduanya ditampilkan seperti tercetak dan tidak diselaraskan; perbedaan cakupan "
    "(mis. gudang, pos jaga, garasi dan rumah negara ikut tercatat sebagai bangunan di inventaris) atau "
    "tanggal pencatatan mungkin menjelaskannya. Mohon diperiksa dengan Kartu Inventaris Barang sebelum "
    "dokumen difinalkan.")


def tahun_statement(tahun: int) -> str:
    """Markdown sentence stating the reporting year and that it does not change the data."""
    return f"**Tahun laporan `tahun` = {tahun}.** " + TAHUN_NOTE


def _quiet():
    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")


def _is_na(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _int_or_none(value) -> Optional[int]:
    return None if _is_na(value) else int(round(float(value)))


# --------------------------------------------------------------------------------------------
# StaffTable: bold rows and layout blanks
# --------------------------------------------------------------------------------------------

STAFF_CSS = """<style>
table.renstra-tabel.renstra-sdm td:nth-child(2){min-width:16em}
</style>"""


class StaffTable(Table):
    """A :class:`~helpers.present.Table` with bold rows and cells left blank by layout.

    ``bold_rows``: 0-based positions printed in bold (Jumlah row, group headers).
    ``blank``: boolean frame like ``marks``; True cells are shown empty instead of ``-``
    (used for a group header, which prints no figures of its own). The CSV/XLSX leave them
    empty as well. Everything else (escaping, number formats, marks) is the shared Table's.
    """

    def __init__(self, df: pd.DataFrame, caption: str, *, bold_rows: Iterable[int] = (),
                 blank: Optional[pd.DataFrame] = None, **kwargs):
        super().__init__(df, caption, bold_rows=bold_rows, **kwargs)
        self.blank = blank.reset_index(drop=True) if blank is not None else None

    def display_frame(self) -> pd.DataFrame:
        out = super().display_frame()
        if self.blank is not None:
            for col in self.blank.columns:
                if col in out.columns:
                    flags = self.blank[col].fillna(False).astype(bool)
                    out.loc[flags, col] = ""
        return out

    def to_html(self) -> str:
        text = super().to_html().replace('<table class="renstra-tabel">',
                                         '<table class="renstra-tabel renstra-sdm">', 1)
        text = STAFF_CSS + text
        return text


def publish(page, table: Table) -> Table:
    """Export ``table`` (CSV + XLSX) into the page's output directory and return it for display."""
    table.export(page.output_dir)
    return table


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


@dataclass
class StaffView:
    """A staff table: rows in display order, recomputed totals, audit differences, printed cells."""

    table_id: str
    spec: StaffSpec
    caption: str
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
        if not _is_na(p):
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


def _recomputed(derived_frame: pd.DataFrame, row: str, column: str) -> Optional[int]:
    hit = derived_frame[(derived_frame["row"] == row) & (derived_frame["column"] == column)]
    return None if hit.empty else _int_or_none(hit["recomputed"].iloc[0])


def staff_view(table_id: str, data_dir=None) -> StaffView:
    """Build a staff table from base figures; totals from :func:`helpers.core.derive.derived`."""
    spec = STAFF_TABLES[table_id]
    df = load(table_id, data_dir)
    rec = derived(table_id, data_dir)
    rows = []
    depth_of: dict[str, int] = {}
    for row_id in hierarchy_order(df):
        part = df[df["row_id"] == row_id]
        first = part.iloc[0]
        parent = None if "parent_id" not in part.columns or _is_na(first["parent_id"]) else str(first["parent_id"])
        depth = depth_of.get(parent, -1) + 1 if parent else 0
        depth_of[row_id] = depth
        is_group = "level" in part.columns and str(first["level"]) == "kelompok"
        by_sex = {str(s): _int_or_none(v) for s, v in zip(part["jenis_kelamin"], part["jumlah"])}
        rows.append(StaffRow(
            row_id=row_id, no=_int_or_none(first["no"]), label=str(first[spec.label]),
            male=by_sex.get("L"), female=by_sex.get("P"),
            total=None if is_group else _recomputed(rec, row_id, "jumlah"),
            depth=depth, is_group=is_group, parent_id=parent))
    return StaffView(
        table_id=table_id, spec=spec, caption=read_schema(table_id, data_dir).caption, rows=rows,
        total_male=_recomputed(rec, "total", "jumlah_l"), total_female=_recomputed(rec, "total", "jumlah_p"),
        total=_recomputed(rec, "total", "jumlah"), audit=audit_table(table_id, data_dir),
        printed=load_printed(table_id, data_dir))


def _label(row: StaffRow) -> str:
    return (CHILD_PREFIX if row.depth else "") + row.label


def staff_frames(view: StaffView) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(values, marks, blank)`` in the document's layout: No, <label>, Lk, Pr, Jumlah + Jumlah row.

    ``marks`` is True where the recomputed figure differs from the printed one (audit);
    ``blank`` is True for the figures of a group header (printed empty by layout).
    """
    s = view.spec
    cols = ["No", s.header, s.male, s.female, JUMLAH]
    records = [{"No": "" if r.no is None else f"{r.no}.", s.header: _label(r), s.male: r.male,
                s.female: r.female, JUMLAH: r.total} for r in view.rows]
    records.append({"No": "", s.header: JUMLAH, s.male: view.total_male, s.female: view.total_female,
                    JUMLAH: view.total})
    values = pd.DataFrame(records, columns=cols)
    for c in (s.male, s.female, JUMLAH):
        values[c] = pd.array(values[c], dtype="Int64")
    marks = pd.DataFrame(False, index=values.index, columns=cols)
    positions = {r.row_id: k for k, r in enumerate(view.rows)}
    total_at = len(view.rows)
    total_cols = {"jumlah_l": s.male, "jumlah_p": s.female, "jumlah": JUMLAH}
    for a in view.audit.itertuples():
        if a.row == "total" and a.measure in total_cols:
            marks.loc[total_at, total_cols[a.measure]] = True
        elif a.row in positions and a.measure == "jumlah":
            marks.loc[positions[a.row], JUMLAH] = True
    blank = pd.DataFrame(False, index=values.index, columns=cols)
    for k, r in enumerate(view.rows):
        if r.is_group:
            blank.loc[k, [s.male, s.female, JUMLAH]] = True
    return values, marks, blank


def text_totals(view: StaffView) -> list[tuple[str, Optional[float], Optional[int]]]:
    """Totals printed in the running text for this table: ``(column, printed, recomputed)``."""
    p = view.printed
    out = []
    for column in ("jumlah_asn_teks", "jumlah_non_asn_teks"):
        hit = p[(p["row"] == "total") & (p["column"] == column)]
        if not hit.empty:
            value = hit["value"].iloc[0]
            out.append((column, None if _is_na(value) else float(value), view.total))
    return out


def staff_note(view: StaffView) -> str:
    """Table note: how totals were obtained, which total cells the document left empty, differences."""
    s = view.spec
    parts = [f"Kolom {JUMLAH} (= {s.male} + {s.female}) dan baris {JUMLAH} dihitung ulang dari angka dasar; "
             "- = tidak ada angka (sel kosong atau \u201c-\u201d di dokumen)."]
    printed_total = set(view.printed.loc[view.printed["row"] == "total", "column"])
    missing = [(c, v) for c, v in (("jumlah_l", view.total_male), ("jumlah_p", view.total_female))
               if c not in printed_total and v is not None]
    if missing:
        header = {"jumlah_l": s.male, "jumlah_p": s.female}
        parts.append(f"Dokumen hanya mencetak jumlah keseluruhan; baris {JUMLAH} kolom "
                     + " dan ".join(f"{header[c]} ({format_number(v)})" for c, v in missing)
                     + " diisi dari hasil hitung.")
    if any(r.is_group for r in view.rows):
        groups = [r for r in view.rows if r.is_group]
        parts.append("; ".join(
            f"\u201c{g.label}\u201d adalah judul kelompok tanpa angka sendiri; anak-anaknya berjumlah "
            f"{format_number(view.group_total(g.row_id))} orang" for g in groups) + ".")
    diffs = len(view.audit)
    if diffs:
        parts.append(f"{format_number(diffs)} angka berbeda dengan yang tercetak (ditandai {MARK}; lihat Audit).")
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


def staff_table(view: StaffView) -> StaffTable:
    """The display table of a staff view (document layout, marks wired to the audit)."""
    values, marks, blank = staff_frames(view)
    s = view.spec
    bold = [len(view.rows)] + [k for k, r in enumerate(view.rows) if r.is_group]
    return StaffTable(values, view.caption, kinds={"No": "text", s.header: "text", s.male: "int",
                                                   s.female: "int", JUMLAH: "int"},
                      marks=marks, blank=blank, bold_rows=bold, note=staff_note(view), name=s.slug)


def staff_views(data_dir=None) -> dict[str, StaffView]:
    """All five staff tables, keyed by table id."""
    return {t: staff_view(t, data_dir) for t in STAFF_TABLES}


# --------------------------------------------------------------------------------------------
# Inventory (the second "Tabel 2.2.5") and sarana
# --------------------------------------------------------------------------------------------


def inventory_caption(data_dir=None) -> str:
    """``Tabel 2.2.5 (kedua) Daftar Inventaris ...``: the duplicated number made distinguishable."""
    schema = read_schema(INVENTARIS, data_dir)
    return f"{schema.number} (kedua) {schema.title}".strip()


def inventory_frame(data_dir=None) -> pd.DataFrame:
    """Inventory rows in document order: Kelompok, No, Nama Barang, Jumlah (Unit)."""
    df = load(INVENTARIS, data_dir)
    order = {k: i for i, k in enumerate(KELOMPOK_LABELS)}
    df = df.assign(_k=df["kelompok"].map(order)).sort_values(["_k", "baris"], kind="stable")
    return pd.DataFrame({
        "Kelompok": [KELOMPOK_LABELS.get(str(k), str(k)) for k in df["kelompok"]],
        "No": pd.array(df["no"], dtype="Int64"),
        "Nama Barang": df["nama_barang"].astype(str).tolist(),
        "Jumlah (Unit)": pd.array(df["jumlah"], dtype="Int64"),
    })


def inventory_table(data_dir=None) -> Table:
    """The inventory list as printed (numbering restarts after the land rows; no total printed)."""
    frame = inventory_frame(data_dir)
    note = ("Penomoran dokumen dimulai lagi dari 1 setelah baris tanah; kolom "
            "\u201cKelompok\u201d memisahkan kedua blok itu. Dokumen tidak mencetak jumlah keseluruhan (satuan barang "
            "berbeda-beda), sehingga tidak dijumlahkan.")
    return Table(frame, inventory_caption(data_dir), kinds={"No": "int", "Jumlah (Unit)": "int"}, note=note,
                 name="tabel-2-2-5b-inventaris")


@dataclass
class SaranaView:
    """Buildings and vehicles of the text with the recomputed subtotals."""

    rows: pd.DataFrame
    buildings: Optional[int]          # recomputed by helpers.core.derive (the text prints 9)
    vehicles: Optional[int]           # computed here; not printed in the document
    building_marked: bool             # True when the text's building total differs


def sarana_view(data_dir=None) -> SaranaView:
    df = load(SARANA, data_dir)
    rec = derived(SARANA, data_dir)
    audit = audit_table(SARANA, data_dir)
    vehicles = df.loc[df["jenis"] == "kendaraan_dinas", "jumlah"].sum(min_count=1)
    return SaranaView(rows=df, buildings=_recomputed(rec, "total", "jumlah_bangunan"),
                      vehicles=_int_or_none(vehicles),
                      building_marked=bool(((audit["row"] == "total") & (audit["measure"] == "jumlah_bangunan")).any()))


def sarana_frames(view: SaranaView) -> tuple[pd.DataFrame, pd.DataFrame, list[int]]:
    """``(values, marks, bold_rows)``: items grouped by jenis, each group followed by its Jumlah."""
    records, bold, marks = [], [], []
    for jenis, label in JENIS_LABELS.items():
        part = view.rows[view.rows["jenis"] == jenis]
        if part.empty:
            continue
        for r in part.itertuples():
            records.append({"Jenis": label, "Uraian (seperti tertulis)": r.uraian, "Jumlah (Unit)": r.jumlah,
                            "Baris Sumber": r.baris})
            marks.append(False)
        total = view.buildings if jenis == "bangunan_kantor" else view.vehicles
        records.append({"Jenis": label, "Uraian (seperti tertulis)": f"Jumlah {label.lower()}",
                        "Jumlah (Unit)": total, "Baris Sumber": None})
        marks.append(view.building_marked if jenis == "bangunan_kantor" else False)
        bold.append(len(records) - 1)
    values = pd.DataFrame(records)
    for c in ("Jumlah (Unit)", "Baris Sumber"):
        values[c] = pd.array(values[c], dtype="Int64")
    mark_frame = pd.DataFrame(False, index=values.index, columns=values.columns)
    mark_frame["Jumlah (Unit)"] = marks
    return values, mark_frame, bold


def sarana_table(view: SaranaView) -> StaffTable:
    values, marks, bold = sarana_frames(view)
    note = (f"Jumlah bangunan kantor dihitung ulang ({format_number(view.buildings)}); teks mencetak "
            "\u201c9 (Sembilan) unit bangunan\u201d. Jumlah kendaraan dinas tidak tercetak di dokumen; "
            f"angka {format_number(view.vehicles)} adalah hasil hitung. " + SARANA_READING_NOTE)
    return StaffTable(values, "Keadaan Sarana dan Prasarana: Bangunan Kantor dan Kendaraan Dinas (menurut teks)",
                      kinds={"Jumlah (Unit)": "int", "Baris Sumber": "int"}, marks=marks, bold_rows=bold,
                      note=note, name="tabel-2-2-sarana")


def comparison_frame(data_dir=None) -> pd.DataFrame:
    """Text counts vs matching inventory items (:data:`INVENTORY_MATCH`), with the difference."""
    sarana = load(SARANA, data_dir)
    inv = load(INVENTARIS, data_dir)
    counts = {str(n): int(j) for n, j in zip(inv["nama_barang"], inv["jumlah"])}
    text_counts = {str(r): _int_or_none(j) for r, j in zip(sarana["row_id"], sarana["jumlah"])}
    text_counts["bangunan_kantor"] = _int_or_none(
        sarana.loc[sarana["jenis"] == "bangunan_kantor", "jumlah"].sum(min_count=1))
    rows = []
    for key, (label, items) in INVENTORY_MATCH.items():
        found = [(i, counts[i]) for i in items if i in counts]
        inv_total = sum(v for _, v in found) if found else None
        text = text_counts.get(key)
        rows.append({
            "Barang": label,
            "Menurut Teks (Unit)": text,
            "Menurut Daftar Inventaris (Unit)": inv_total,
            "Selisih (Inventaris \u2212 Teks)": None if text is None or inv_total is None else inv_total - text,
            "Barang Inventaris yang Dicocokkan": "; ".join(f"{i} ({format_number(v)})" for i, v in found) or None,
        })
    out = pd.DataFrame(rows)
    for c in ("Menurut Teks (Unit)", "Menurut Daftar Inventaris (Unit)", "Selisih (Inventaris \u2212 Teks)"):
        out[c] = pd.array(out[c], dtype="Int64")
    return out


def comparison_table(data_dir=None) -> Table:
    return Table(comparison_frame(data_dir), "Perbandingan Jumlah Bangunan dan Kendaraan: Teks dan Daftar Inventaris",
                 kinds={c: "int" for c in ("Menurut Teks (Unit)", "Menurut Daftar Inventaris (Unit)",
                                           "Selisih (Inventaris \u2212 Teks)")},
                 note=COMPARISON_NOTE, name="tabel-2-2-sarana-vs-inventaris")


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


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _grouped_bars(ax, rows: Sequence[tuple[str, Optional[int], Optional[int]]], *, wrap: int = 30,
                  legend: bool = True, xmax: Optional[float] = None) -> None:
    """Grouped horizontal bars (L, P) per row, first row on top; values written at the bar ends.

    A missing value draws no bar and no label; a printed 0 is labelled ``0``; a row with no value
    at all says "tidak ada pegawai". ``xmax`` fixes the axis (same scale across small multiples).
    """
    from matplotlib.ticker import MaxNLocator

    n = len(rows)
    height = 0.38
    ys = list(range(n))
    top = xmax or max([v for _, l, p in rows for v in (l, p) if v is not None] or [1])
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
    ax.set_yticklabels([_wrap(r[0], wrap) for r in rows], fontsize=8.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, top * 1.15 + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(AXIS_LABEL)
    ax.grid(axis="y", visible=False)
    if legend:
        ax.legend(loc="lower right", fontsize=8.5, frameon=True)


def position_chart(view: StaffView):
    """Tabel 2.2.1 as grouped horizontal bars: ASN staff per position, by sex."""
    import matplotlib.pyplot as plt

    _quiet()
    rows = chart_rows(view)
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(rows) + 1.6))
    _grouped_bars(ax, rows, wrap=38)
    ax.set_ylabel("Jabatan")
    ax.set_title(f"Pegawai ASN menurut jabatan dan jenis kelamin (jumlah {format_number(view.total)} orang)")
    groups = [r for r in view.rows if r.is_group]
    if groups:
        fig.text(0.01, 0.005, "; ".join(f"{abbreviation(g.label)} = {g.label.rstrip(':')}" for g in groups),
                 fontsize=8, color="#333333", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def composition_chart(views: Sequence[StaffView], titles: Sequence[str]):
    """Small multiples: one panel per staff table (golongan, eselon, pendidikan), bars by sex."""
    import matplotlib.pyplot as plt

    _quiet()
    n = len(views)
    longest = max(len(v.positions) for v in views)
    xmax = max([x for v in views for _, l, p in chart_rows(v) for x in (l, p) if x is not None] or [1])
    fig, axes = plt.subplots(1, n, figsize=(4.6 * n, 0.55 * longest + 2.0), squeeze=False)
    for k, (ax, view, title) in enumerate(zip(axes.flat, views, titles)):
        _grouped_bars(ax, chart_rows(view), wrap=18, legend=False, xmax=xmax)
        ax.set_title(title, fontsize=10)
        if k:
            ax.set_ylabel("")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize=9, frameon=False)
    total = views[0].total
    fig.suptitle(f"Pegawai ASN ({format_number(total)} orang) menurut golongan, eselon dan pendidikan",
                 fontweight="bold", fontsize=12)
    fig.tight_layout(rect=(0, 0.1, 1, 0.95))
    return fig


def honorary_chart(view: StaffView):
    """Tabel 2.2.2 as grouped horizontal bars: honorary (non-ASN) staff per role, by sex."""
    import matplotlib.pyplot as plt

    _quiet()
    rows = chart_rows(view)
    fig, ax = plt.subplots(figsize=(10, 0.5 * len(rows) + 1.6))
    _grouped_bars(ax, rows, wrap=34)
    ax.set_ylabel("Jabatan")
    ax.set_title(f"Pegawai honorer (non-ASN) menurut jabatan dan jenis kelamin (jumlah "
                 f"{format_number(view.total)} orang)")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------------------------
# Narratives
# --------------------------------------------------------------------------------------------


@dataclass
class StaffFacts:
    """Every number the staff narrative states, read from the staff views."""

    asn: int
    asn_male: int
    asn_female: int
    non_asn: int
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


def _nonempty(view: StaffView) -> tuple[list[tuple[str, int]], list[str]]:
    have = [(r.label, r.total) for r in view.positions if r.total]
    empty = [r.label for r in view.positions if not r.total]
    return sorted(have, key=lambda x: -x[1]), empty


def staff_facts(views: dict[str, StaffView], top: int = 3) -> StaffFacts:
    """Collect the narrative's facts (all from the recomputed tables)."""
    jab, hon = views[JABATAN], views[HONORER]
    largest = sorted([(lbl, t) for lbl, t in jab.top_level() if t], key=lambda x: -x[1])[:top]
    gol, gol_empty = _nonempty(views[GOLONGAN])
    pend, pend_empty = _nonempty(views[PENDIDIKAN])
    esel = [(r.label, r.total) for r in views[ESELON].positions if r.total]
    hon_sorted, _ = _nonempty(hon)
    return StaffFacts(
        asn=jab.total, asn_male=jab.total_male, asn_female=jab.total_female,
        non_asn=hon.total, non_asn_male=hon.total_male, non_asn_female=hon.total_female,
        asn_largest=largest, golongan=gol, golongan_empty=gol_empty,
        eselon=esel, pendidikan=pend, pendidikan_empty=pend_empty, honorer_largest=hon_sorted[:top],
        honorer_share_top=(hon_sorted[0][1] / hon.total) if hon_sorted and hon.total else 0.0)


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def _people(items: Sequence[tuple[str, int]]) -> str:
    return _join([f"{label} sebanyak {format_number(n)} orang" for label, n in items])


def _share_words(share: float) -> str:
    """Words for a share (no new number in the text): ``lebih dari separuh``, ``hampir separuh``, …"""
    if share > 0.5:
        return "lebih dari separuh"
    if share >= 0.4:
        return "hampir separuh"
    if share >= 0.25:
        return "lebih dari seperempat"
    return ""


def staff_narrative(f: StaffFacts) -> str:
    """Draft paragraphs (Indonesian Markdown) on staff composition; every number is shown in a table."""
    from helpers.present.legacy import markdown_escape as esc

    p1 = (f"Sumber daya manusia Dinas Sosial PPPA terdiri atas pegawai ASN {format_number(f.asn)} orang "
          f"({format_number(f.asn_male)} laki-laki dan {format_number(f.asn_female)} perempuan) dan pegawai "
          f"non-ASN (honorer) {format_number(f.non_asn)} orang")
    if f.non_asn_male is not None and f.non_asn_female is not None:
        p1 += f" ({format_number(f.non_asn_male)} laki-laki dan {format_number(f.non_asn_female)} perempuan)"
    p1 += "."
    if f.asn_male > f.asn_female:
        p1 += " Pegawai ASN laki-laki lebih banyak daripada perempuan."
    elif f.asn_male < f.asn_female:
        p1 += " Pegawai ASN perempuan lebih banyak daripada laki-laki."
    if f.asn_largest:
        p1 += (" Menurut jabatan (Tabel 2.2.1), kelompok terbesar adalah "
               + esc(_people(f.asn_largest)) + ".")
    p2 = ""
    if f.golongan:
        p2 += "Menurut golongan (Tabel 2.2.3): " + esc(_people(f.golongan))
        if f.golongan_empty:
            p2 += "; tidak ada pegawai " + esc(_join(f.golongan_empty))
        p2 += ". "
    if f.eselon:
        p2 += "Menurut eselon (Tabel 2.2.4): " + esc(_people(f.eselon)) + ". "
    if f.pendidikan:
        p2 += "Menurut pendidikan (Tabel 2.2.5): " + esc(_people(f.pendidikan))
        if f.pendidikan_empty:
            p2 += "; tidak ada pegawai berpendidikan " + esc(_join(f.pendidikan_empty))
        p2 += "."
    p3 = ""
    if f.honorer_largest:
        label, n = f.honorer_largest[0]
        words = _share_words(f.honorer_share_top)
        p3 = (f"Pegawai honorer terbanyak (Tabel 2.2.2) adalah {esc(label)} sebanyak {format_number(n)} orang"
              + (f", {words} dari seluruh {format_number(f.non_asn)} pegawai honorer" if words else "")
              + ("; disusul " + esc(_people(f.honorer_largest[1:])) if len(f.honorer_largest) > 1 else "") + ".")
    return "\n\n".join(p for p in (p1, p2.strip(), p3) if p)


def _short(row_id: str, uraian: str) -> str:
    """Short name of a sarana item (from :data:`INVENTORY_MATCH`), else the text's wording."""
    return INVENTORY_MATCH.get(str(row_id), (str(uraian),))[0]


def sarana_narrative(view: SaranaView, comparison: pd.DataFrame) -> str:
    """Draft paragraph on buildings and vehicles, naming the differences with the inventory list."""
    from helpers.present.legacy import markdown_escape as esc

    rows = view.rows
    b = rows[rows["jenis"] == "bangunan_kantor"]
    v = rows[rows["jenis"] == "kendaraan_dinas"]
    text = (f"Menurut teks, bangunan kantor berjumlah {format_number(view.buildings)} unit ("
            + esc(_join([f"{format_number(j)} {u}" for u, j in zip(b["uraian"], b["jumlah"])]))
            + f") dan kendaraan dinas {format_number(view.vehicles)} unit ("
            + esc(_join([f"{_short(r, u).lower()} sebanyak {format_number(j)} unit"
                         for r, u, j in zip(v["row_id"], v["uraian"], v["jumlah"])])) + ").")
    diffs = comparison[comparison["Selisih (Inventaris \u2212 Teks)"].fillna(0) != 0]
    if len(diffs):
        listed = [f"{str(r['Barang']).lower()} (teks {format_number(r['Menurut Teks (Unit)'])} unit, inventaris "
                  f"{format_number(r['Menurut Daftar Inventaris (Unit)'])} unit)"
                  for _, r in diffs.iterrows()]
        text += (" Angka ini berbeda dengan daftar inventaris: " + esc(_join(listed))
                 + ". Perbedaan ini perlu diperiksa dengan Kartu Inventaris Barang sebelum dokumen difinalkan.")
    else:
        text += " Angka ini sama dengan daftar inventaris."
    return text
