"""Bab II 2.1 (Tugas, Fungsi dan Struktur Organisasi): unit list, organisation chart, narrative.

The notebook ``notebooks/02-1-struktur-organisasi.ipynb`` shows what this module builds. The data
is ``data/tables/2_1_unit_organisasi`` (one row per unit, ``row_id``/``parent_id`` hierarchy). The
structure is the one the Renstra describes; the reporting year ``tahun`` does not change it. An
office whose data lacks the table gets a notice instead of the table, chart and narrative.

The chart is drawn from the parent/child data with matplotlib only (the document's own chart is
an image that the text does not carry):

- :func:`hierarchy` orders the units depth-first (children in file order) with their depth;
- :func:`unit_table` builds the unit list (indented names, kind of unit, head, notes);
- :func:`chart_layout` computes the chart geometry (boxes and connector paths, in inches);
- :func:`draw_chart` draws a :class:`Layout`; :func:`org_chart` does both and returns a Figure;
- :func:`narrative` writes the draft paragraph (Indonesian) from the data.

Layout convention (a *presentation* choice): the usual Indonesian bagan puts the *staff* units of
the head beside the trunk line under the head (:data:`SIDE_LEVELS`: Kelompok Jabatan Fungsional
left, Sekretariat right), and the *line* units (Bidang, UPTD) in one row below, joined by a
horizontal bus. Below the first two tiers, children are stacked vertically under their parent and
joined by a spine on the parent's left side, which keeps the chart five or six boxes wide and
readable on a landscape page.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Optional

import pandas as pd

from helpers.core.data import has_table, load
from helpers.core.numbers import format_number, number_words
from helpers.core.opd import Opd, load_opd
from helpers.core.text import is_na, join_list, wrap
from helpers.present import PALETTE, Column, Figure, Narrative, Notice, Table, markdown_escape, plain, unavailable
from helpers.present.markdown import review_block

UNITS = "2_1_unit_organisasi"
#: How a missing unit table is named in the notice shown in its place.
UNITS_LABEL = "Daftar unit organisasi (subbab 2.1)"

TABLE_NAME = "tabel-2-1-unit-organisasi"
FIGURE_NAME = "2-1-bagan-organisasi"
NARRATIVE_ID = "2-1-struktur-organisasi"

#: Indonesian name of each ``level`` value (column "Jenis Unit" of the unit list).
LEVEL_LABELS = {
    "dinas": "Dinas",
    "sekretariat": "Sekretariat",
    "subbagian": "Subbagian",
    "subkoordinator": "Subkoordinator",
    "bidang": "Bidang",
    "substansi": "Substansi",
    "uptd": "Unit Pelaksana Teknis Daerah",
    "kelompok_jabatan_fungsional": "Kelompok Jabatan Fungsional",
}

#: Children of the root with these levels are drawn beside the trunk line (value: side), not in
#: the row of line units. Convention of Indonesian bagan organisasi (presentation choice).
SIDE_LEVELS = {"kelompok_jabatan_fungsional": "left", "sekretariat": "right"}

#: Units of these levels are expected to have sub-units; when the text names none, the chart
#: draws a dashed note under the unit instead of inventing boxes.
EXPECTS_CHILDREN = ("bidang",)
NO_CHILDREN_NOTE = "Substansi tidak disebut dalam teks Renstra"

#: A UPTD printed only under these generic names has no name of its own in the text.
GENERIC_UPTD_NAMES = ("unit pelaksana teknis", "unit pelaksana teknis daerah", "uptd")

# Geometry of the chart, in inches (the figure is drawn 1:1, so font sizes are real points).
BOX_WIDTH = 1.85          #: width of a box in the row of line units
COLUMN_GAP = 0.22         #: horizontal gap between columns of the line-unit row
STACK_INDENT = 0.22       #: indentation of stacked children (the spine sits at half of it)
STACK_GAP = 0.16          #: vertical gap between stacked boxes
TIER_GAP = 0.42           #: vertical gap between tiers (root, side units, bus, line units)
SIDE_GAP = 0.35           #: horizontal gap between the trunk line and a side unit
PAD = 0.07                #: inner padding of a box
NAME_SIZE = 8.5           #: font size (pt) of unit names
HEAD_SIZE = 7.5           #: font size (pt) of the head's position
LINE_SPACING = 1.22       #: line height as a multiple of the font size
MARGIN = 0.25             #: margin around the drawing

#: Border colour, width and style per level: fills are light tints of the colour-blind-safe
#: palette, borders carry the full colour, so the chart also reads in black and white.
LEVEL_STYLE = {
    "dinas": {"color": PALETTE[0], "linewidth": 2.2, "linestyle": "-"},
    "sekretariat": {"color": PALETTE[1], "linewidth": 1.6, "linestyle": "-"},
    "bidang": {"color": PALETTE[2], "linewidth": 1.6, "linestyle": "-"},
    "uptd": {"color": PALETTE[3], "linewidth": 1.6, "linestyle": "-"},
    "kelompok_jabatan_fungsional": {"color": PALETTE[4], "linewidth": 1.6, "linestyle": "-"},
    "subbagian": {"color": PALETTE[1], "linewidth": 1.0, "linestyle": "-"},
    "subkoordinator": {"color": PALETTE[1], "linewidth": 1.0, "linestyle": "-"},
    "substansi": {"color": PALETTE[2], "linewidth": 1.0, "linestyle": "-"},
}
DEFAULT_STYLE = {"color": PALETTE[7], "linewidth": 1.0, "linestyle": "-"}
#: Levels whose name is printed in bold.
BOLD_LEVELS = ("dinas", "sekretariat", "bidang", "uptd", "kelompok_jabatan_fungsional")

CHART_NOTE = ("Digambar dari hubungan atasan\u2013bawahan dalam daftar unit organisasi (uraian tugas dan daftar "
              "susunan organisasi dalam teks Renstra), bukan disalin dari gambar bagan dokumen. Letak Kelompok "
              "Jabatan Fungsional (kiri) dan Sekretariat (kanan) mengikuti kebiasaan bagan perangkat daerah.")
CHART_NOTE_BOXES = " Kotak bergaris putus-putus: keterangan, bukan unit organisasi."

TAHUN_NOTE = ("Struktur organisasi ini adalah struktur yang diuraikan dalam Renstra; isinya sama untuk setiap "
              "tahun laporan.")

UNIT_TABLE_NOTE = ("Urutan: setiap unit diikuti sub-unitnya (menjorok ke dalam). \u201cNo. Uraian Tugas\u201d dan "
                   "\u201cNo. Susunan Organisasi\u201d adalah nomor yang tercetak pada kedua daftar di teks (- = tidak "
                   "tercantum); \u201cBaris Sumber\u201d menunjuk baris kalimat yang menyebut unit itu dalam ekspor "
                   "teks Renstra.")


# --------------------------------------------------------------------------------------------
# Page texts
# --------------------------------------------------------------------------------------------


def intro(opd: Opd) -> str:
    """The page's opening paragraph (Markdown), naming the office from ``opd.yaml``."""
    return (f"Halaman ini menyajikan unit-unit organisasi {markdown_escape(opd.lengkap)} sebagaimana diuraikan "
            "dalam Renstra (uraian tugas dan daftar susunan organisasi), serta **bagan organisasi yang digambar "
            "ulang dari data**.")


def tahun_statement(tahun) -> str:
    """Markdown sentence stating the reporting years (a year, or ``2019–2029`` for a page every year
    shares) and that the year does not change the structure."""
    return f"**Tahun laporan {tahun}.** " + TAHUN_NOTE


# --------------------------------------------------------------------------------------------
# Hierarchy and unit list
# --------------------------------------------------------------------------------------------


def units(data_dir=None) -> pd.DataFrame:
    """The unit table as loaded and validated by :func:`helpers.core.data.load`."""
    return load(UNITS, data_dir)


def _text(value) -> Optional[str]:
    """A cell's text, stripped; None for a missing or empty cell."""
    if is_na(value):
        return None
    text = str(value).strip()
    return text or None


def children_map(df: pd.DataFrame) -> dict[Optional[str], list[str]]:
    """``parent_id`` (None for the top) → list of child ``row_id`` in file order."""
    out: dict[Optional[str], list[str]] = {}
    for row_id, parent in zip(df["row_id"], df["parent_id"]):
        out.setdefault(_text(parent), []).append(str(row_id))
    return out


def hierarchy(df: pd.DataFrame) -> list[tuple[str, int]]:
    """``(row_id, depth)`` depth-first: each unit followed by its sub-units, children in file order.

    The top unit has depth 0. A unit whose parent is not in the table, or a cycle, raises
    ``ValueError`` (the loader already checks parents; this guards other callers).
    """
    kids = children_map(df)
    ids = [str(r) for r in df["row_id"]]
    roots = kids.get(None, [])
    if not roots:
        raise ValueError(f"{UNITS}: no top unit (a row with an empty parent_id)")
    out: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(node: str, depth: int) -> None:
        if node in seen:
            raise ValueError(f"{UNITS}: unit {node!r} is reached twice (cycle in parent_id)")
        seen.add(node)
        out.append((node, depth))
        for child in kids.get(node, []):
            visit(child, depth + 1)

    for root in roots:
        visit(root, 0)
    missing = [r for r in ids if r not in seen]
    if missing:
        raise ValueError(f"{UNITS}: units not under the top unit: {missing}")
    return out


def display_name(nama: str) -> str:
    """Name as shown in the chart: as printed, with the first letter capitalised."""
    nama = str(nama).strip()
    return nama[:1].upper() + nama[1:]


def head_label(row) -> Optional[str]:
    """The head's position when it adds information (``Sekretaris``, ``Kepala UPTD``); None when it
    is just "Kepala " + the unit's name (``Kepala Bidang Perlindungan Anak``) or not printed."""
    head = _text(row["jabatan_pimpinan"])
    if head is None:
        return None
    if head.casefold() == f"kepala {row['nama']}".casefold():
        return None
    return head


def remark(row, n_children: int, depth: int) -> str:
    """Keterangan of a unit in the list (Indonesian), derived from the data only."""
    notes = []
    if row["level"] in EXPECTS_CHILDREN and n_children == 0:
        notes.append(f"{NO_CHILDREN_NOTE} (lihat catatan di bawah bagan).")
    if depth == 1 and is_na(row["no_uraian"]):
        notes.append("Tanpa uraian tugas sendiri dalam teks.")
    if depth == 1 and is_na(row["no_susunan"]):
        notes.append("Tidak tercantum dalam daftar susunan organisasi.")
    if row["level"] == "uptd" and str(row["nama"]).strip().casefold() in GENERIC_UPTD_NAMES:
        notes.append("Nama UPTD tidak disebut dalam teks.")
    return " ".join(notes)


def unit_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The unit list in hierarchy order (one row per unit, ``depth`` for the indentation)."""
    by_id = {str(r["row_id"]): r for _, r in df.iterrows()}
    kids = children_map(df)
    rows = []
    for k, (row_id, depth) in enumerate(hierarchy(df), start=1):
        r = by_id[row_id]
        rows.append({
            "no": k,
            "unit": display_name(r["nama"]),
            "jenis": LEVEL_LABELS.get(str(r["level"]), str(r["level"])),
            "pimpinan": _text(r["jabatan_pimpinan"]),
            "nama_lain": _text(r["nama_lain"]),
            "no_uraian": r["no_uraian"],
            "no_susunan": r["no_susunan"],
            "baris": r["baris"],
            "keterangan": remark(r, len(kids.get(row_id, [])), depth),
            "row_id": row_id,
            "depth": depth,
        })
    frame = pd.DataFrame(rows)
    for key in ("no", "no_uraian", "no_susunan", "baris"):
        frame[key] = pd.array(frame[key], dtype="Int64")
    return frame


UNIT_COLUMNS = [
    Column("no", "No", role="integer"),
    Column("unit", "Unit Organisasi", wide=True),
    Column("jenis", "Jenis Unit"),
    Column("pimpinan", "Dipimpin oleh"),
    Column("nama_lain", "Nama Lain dalam Teks"),
    Column("no_uraian", "No. Uraian Tugas", role="integer"),
    Column("no_susunan", "No. Susunan Organisasi", role="integer"),
    Column("baris", "Baris Sumber", role="integer"),
    Column("keterangan", "Keterangan", wide=True),
]


def unit_table(data_dir=None) -> Table | Notice:
    """The units (indented by depth): kind, head, other name, numbers in both lists, notes."""
    if not has_table(UNITS, data_dir):
        return unavailable(UNITS_LABEL)
    frame = unit_frame(units(data_dir))
    opd = load_opd(data_dir)
    return Table(frame, UNIT_COLUMNS, caption=f"Daftar Unit Organisasi {opd.lengkap}", name=TABLE_NAME,
                 notes=[UNIT_TABLE_NOTE], indent=dict(enumerate(frame["depth"])),
                 bold_rows=[i for i, d in enumerate(frame["depth"]) if d == 0])


# --------------------------------------------------------------------------------------------
# Chart layout
# --------------------------------------------------------------------------------------------


@dataclass
class Box:
    """One drawn box. Coordinates in inches; ``y`` grows *downwards* (top of the chart is 0)."""

    row_id: str
    level: str
    left: float
    top: float
    width: float
    height: float
    name_lines: list[str]
    head_lines: list[str] = field(default_factory=list)
    is_note: bool = False

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def center_x(self) -> float:
        return self.left + self.width / 2

    @property
    def center_y(self) -> float:
        return self.top + self.height / 2


@dataclass
class Layout:
    """The computed chart: unit boxes, note boxes and one connector path per (parent, child).

    ``edges[child]`` is a polyline from the parent's box border to the child's box border.
    """

    boxes: dict[str, Box]
    notes: dict[str, Box]
    edges: dict[str, list[tuple[float, float]]]
    parents: dict[str, str]
    width: float
    height: float


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in inches at ``size`` points in matplotlib's default font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    if not text:
        return 0.0
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    extents = TextPath((0, 0), plain(text), prop=prop).get_extents()
    return extents.width / 72.0


def wrap_to_width(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap so that every line fits ``width`` inches (a single long word may overflow)."""
    words = str(text).split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def _box_height(name_lines: list[str], head_lines: list[str]) -> float:
    h = len(name_lines) * NAME_SIZE * LINE_SPACING / 72 + len(head_lines) * HEAD_SIZE * LINE_SPACING / 72
    if head_lines:
        h += 0.04
    return h + 2 * PAD


def _make_box(row, width: float) -> Box:
    level = str(row["level"])
    inner = width - 2 * PAD
    name_lines = wrap_to_width(display_name(row["nama"]), inner, NAME_SIZE, level in BOLD_LEVELS)
    head = head_label(row)
    head_lines = wrap_to_width(f"({head})", inner, HEAD_SIZE) if head else []
    return Box(str(row["row_id"]), level, 0.0, 0.0, width, _box_height(name_lines, head_lines),
               name_lines, head_lines)


def _note_box(parent_id: str, width: float) -> Box:
    lines = wrap_to_width(NO_CHILDREN_NOTE, width - 2 * PAD, HEAD_SIZE)
    height = len(lines) * HEAD_SIZE * LINE_SPACING / 72 + 2 * PAD
    return Box(f"{parent_id}__catatan", "catatan", 0.0, 0.0, width, height, lines, is_note=True)


def chart_layout(df: pd.DataFrame) -> Layout:
    """Compute the organisation chart from ``row_id``/``parent_id`` (see the module docstring).

    Tier 0: the top unit, centred. Tier 1: children of the top unit whose level is in
    :data:`SIDE_LEVELS`, beside the trunk line, each with its own sub-units stacked below it.
    Tier 2: every other child of the top unit, in file order, in one row of equal-width columns
    joined by a horizontal bus; their sub-units are stacked below them (recursively). A unit of a
    level in :data:`EXPECTS_CHILDREN` without children gets a dashed note box under it.
    """
    order = hierarchy(df)
    kids = children_map(df)
    rows = {str(r["row_id"]): r for _, r in df.iterrows()}
    roots = kids.get(None, [])
    if len(roots) != 1:
        raise ValueError(f"{UNITS}: the chart needs exactly one top unit, found {roots}")
    root = roots[0]
    parents = {child: parent for parent, cs in kids.items() if parent for child in cs}
    root_children = kids.get(root, [])
    side = {c: SIDE_LEVELS[str(rows[c]["level"])] for c in root_children if str(rows[c]["level"]) in SIDE_LEVELS}
    main = [c for c in root_children if c not in side]

    boxes: dict[str, Box] = {}
    notes: dict[str, Box] = {}
    edges: dict[str, list[tuple[float, float]]] = {}

    # Uniform heights: all boxes of one depth that are stacked get the height of the tallest.
    depth_of = dict(order)

    def width_for(node: str) -> float:
        d = depth_of[node]
        if d == 0:
            return BOX_WIDTH * 1.35
        if d == 1:
            return BOX_WIDTH
        return BOX_WIDTH - STACK_INDENT * (d - 1)

    for node, _ in order:
        boxes[node] = _make_box(rows[node], width_for(node))
    heights_by_depth: dict[tuple[int, bool], float] = {}
    for node, d in order:
        key = (d, node in main)
        heights_by_depth[key] = max(heights_by_depth.get(key, 0.0), boxes[node].height)
    for node, d in order:
        if d >= 1:
            boxes[node].height = heights_by_depth[(d, node in main)]

    def stack(node: str, top: float) -> float:
        """Place the sub-units of ``node`` (already placed) below it; return the lowest y used."""
        parent = boxes[node]
        spine_x = parent.left + STACK_INDENT / 2
        y = parent.bottom + STACK_GAP
        lowest = parent.bottom
        children = kids.get(node, [])
        for child in children:
            box = boxes[child]
            box.left = parent.left + STACK_INDENT
            box.top = y
            edges[child] = [(spine_x, parent.bottom), (spine_x, box.center_y), (box.left, box.center_y)]
            lowest = stack(child, y)
            y = lowest + STACK_GAP
        if not children and str(rows[node]["level"]) in EXPECTS_CHILDREN:
            note = _note_box(node, parent.width - STACK_INDENT)
            note.left = parent.left + STACK_INDENT
            note.top = parent.bottom + STACK_GAP
            notes[node] = note
            lowest = note.bottom
        return lowest

    # Tier 2 geometry first (it fixes the total width), then centre the rest on it.
    n_main = max(1, len(main))
    row_width = n_main * BOX_WIDTH + (n_main - 1) * COLUMN_GAP
    top_box = boxes[root]
    side_left = [c for c in root_children if side.get(c) == "left"]
    side_right = [c for c in root_children if side.get(c) == "right"]
    side_need = max([sum(boxes[c].width for c in side_left) + SIDE_GAP * (len(side_left) + 1) if side_left else 0,
                     sum(boxes[c].width for c in side_right) + SIDE_GAP * (len(side_right) + 1) if side_right else 0,
                     top_box.width / 2])
    total_width = max(row_width, 2 * side_need)
    row_left = (total_width - row_width) / 2
    trunk_x = total_width / 2

    top_box.left = trunk_x - top_box.width / 2
    top_box.top = 0.0
    y = top_box.bottom + TIER_GAP

    # Tier 1: side units, left ones ending at the trunk, right ones starting at it.
    side_bottom = top_box.bottom
    if side:
        x = trunk_x - SIDE_GAP
        for child in reversed(side_left):
            box = boxes[child]
            box.left, box.top = x - box.width, y
            edges[child] = [(trunk_x, top_box.bottom), (trunk_x, box.center_y), (box.right, box.center_y)]
            side_bottom = max(side_bottom, stack(child, y))
            x = box.left - SIDE_GAP
        x = trunk_x + SIDE_GAP
        for child in side_right:
            box = boxes[child]
            box.left, box.top = x, y
            edges[child] = [(trunk_x, top_box.bottom), (trunk_x, box.center_y), (box.left, box.center_y)]
            side_bottom = max(side_bottom, stack(child, y))
            x = box.right + SIDE_GAP
        y = side_bottom + TIER_GAP

    # Tier 2: line units on a bus.
    bus_y = y
    row_top = bus_y + TIER_GAP * 0.75
    lowest = row_top
    for k, child in enumerate(main):
        box = boxes[child]
        box.left = row_left + k * (BOX_WIDTH + COLUMN_GAP)
        box.top = row_top
        edges[child] = [(trunk_x, top_box.bottom), (trunk_x, bus_y), (box.center_x, bus_y), (box.center_x, box.top)]
        lowest = max(lowest, stack(child, row_top))

    height = max(lowest, side_bottom)
    return Layout(boxes=boxes, notes=notes, edges=edges, parents=parents, width=total_width, height=height)


# --------------------------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------------------------


def _tint(color: str, amount: float = 0.85) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def draw_chart(layout: Layout, *, title: str, note: str = CHART_NOTE):
    """Draw a :class:`Layout` at 1:1 scale (inches) and return the matplotlib figure."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")
    title_h, note_h = 0.55, 0.55
    fig_w = layout.width + 2 * MARGIN
    fig_h = layout.height + 2 * MARGIN + title_h + note_h
    fig = plt.figure(figsize=(fig_w, fig_h))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-MARGIN, layout.width + MARGIN)
    ax.set_ylim(layout.height + MARGIN + note_h, -MARGIN - title_h)
    ax.set_axis_off()

    for path in layout.edges.values():
        xs, ys = zip(*path)
        ax.plot(xs, ys, color="#333333", linewidth=1.0, marker="", solid_joinstyle="miter", zorder=1)

    for box in list(layout.boxes.values()) + list(layout.notes.values()):
        if box.is_note:
            face, edge, lw, ls = "white", "#777777", 1.0, (0, (2, 2))
        else:
            style = LEVEL_STYLE.get(box.level, DEFAULT_STYLE)
            face, edge, lw, ls = _tint(style["color"]), style["color"], style["linewidth"], style["linestyle"]
        ax.add_patch(FancyBboxPatch((box.left, box.top), box.width, box.height,
                                    boxstyle="round,pad=0,rounding_size=0.05", facecolor=face,
                                    edgecolor=edge, linewidth=lw, linestyle=ls, zorder=2))
        if box.is_note:
            lines = [(t, HEAD_SIZE, "normal", "italic", "#444444") for t in box.name_lines]
        else:
            bold = "bold" if box.level in BOLD_LEVELS else "normal"
            lines = [(t, NAME_SIZE, bold, "normal", "black") for t in box.name_lines]
            lines += [(t, HEAD_SIZE, "normal", "italic", "#222222") for t in box.head_lines]
        block = sum(size * LINE_SPACING / 72 for _, size, *_ in lines) + (0.04 if box.head_lines else 0)
        y = box.center_y - block / 2
        for k, (text, size, weight, style_, color) in enumerate(lines):
            if k == len(box.name_lines) and box.head_lines and not box.is_note:
                y += 0.04
            step = size * LINE_SPACING / 72
            ax.text(box.center_x, y + step / 2, plain(text), ha="center", va="center", fontsize=size,
                    fontweight=weight, fontstyle=style_, color=color, zorder=3)
            y += step

    ax.text(layout.width / 2, -MARGIN - title_h / 2, plain(title), ha="center", va="center", fontsize=11.5,
            fontweight="bold")
    ax.text(0, layout.height + MARGIN + note_h * 0.1, plain(wrap(note, 190)), ha="left",
            va="top", fontsize=7.5, color="#333333")
    return fig


def chart_title(opd: Opd) -> str:
    return f"Bagan Organisasi {opd.lengkap}"


def chart_alt(df: pd.DataFrame) -> str:
    """Indonesian summary of the chart for readers who cannot see it (every count from the data)."""
    f = facts(df)
    parts = [f"Bagan organisasi berbentuk pohon dengan {format_number(f.n_units)} unit. Di puncak: {f.root}"
             + (f", dipimpin {f.head}" if f.head else "") + "."]
    side = [name for level, name, _ in f.direct if level in SIDE_LEVELS]
    line = [(name, n) for level, name, n in f.direct if level not in SIDE_LEVELS]
    if side:
        parts.append("Di samping garis utama: " + join_list(side) + ".")
    if line:
        parts.append("Di baris bawah: " + join_list([name + (f" ({format_number(n)} sub-unit)" if n else "")
                                                      for name, n in line]) + ".")
    if f.bidang_without_children:
        parts.append("Kotak keterangan bergaris putus-putus di bawah " + join_list(f.bidang_without_children)
                     + f": \u201c{NO_CHILDREN_NOTE}\u201d.")
    return " ".join(parts)


def org_chart(data_dir=None) -> Optional[Figure]:
    """The organisation chart of the units in ``data_dir`` (layout + drawing); None without the data."""
    if not has_table(UNITS, data_dir):
        return None
    df = units(data_dir)
    layout = chart_layout(df)
    opd = load_opd(data_dir)
    note = CHART_NOTE + (CHART_NOTE_BOXES if layout.notes else "")
    fig = draw_chart(layout, title=chart_title(opd), note=note)
    return Figure(fig, FIGURE_NAME, caption=chart_title(opd), alt=chart_alt(df))


def chart_notes(data_dir=None) -> Optional[str]:
    """The note (Markdown) on units whose sub-units the text does not name; None when there are none."""
    if not has_table(UNITS, data_dir):
        return None
    empty = facts(units(data_dir)).bidang_without_children
    if not empty:
        return None
    names = join_list([markdown_escape(n) for n in empty])
    return (f"**Catatan:** teks Renstra tidak menyebut Substansi pada {names}, sehingga Substansi "
            f"{'bidang itu' if len(empty) == 1 else 'bidang-bidang itu'} tidak dicantumkan (tidak dikarang) dan "
            "bagan menandainya dengan keterangan. Mohon dilengkapi dari peraturan kepala daerah tentang uraian "
            "tugas perangkat daerah.")


# --------------------------------------------------------------------------------------------
# Narrative
# --------------------------------------------------------------------------------------------


@dataclass
class Facts:
    """Counts the narrative states, all read from the unit table."""

    root: str
    root_level: str
    head: Optional[str]
    n_units: int
    direct: list[tuple[str, str, int]]          # (level, display name, number of sub-units)
    bidang_without_children: list[str]


def facts(df: pd.DataFrame) -> Facts:
    """Collect the narrative's facts from the unit table."""
    kids = children_map(df)
    rows = {str(r["row_id"]): r for _, r in df.iterrows()}
    root = kids[None][0]
    direct = [(str(rows[c]["level"]), display_name(rows[c]["nama"]), len(kids.get(c, []))) for c in kids.get(root, [])]
    empty = [display_name(rows[c]["nama"]) for c, _ in hierarchy(df)
             if str(rows[c]["level"]) in EXPECTS_CHILDREN and not kids.get(c)]
    return Facts(root=display_name(rows[root]["nama"]), root_level=str(rows[root]["level"]),
                 head=_text(rows[root]["jabatan_pimpinan"]), n_units=len(df), direct=direct,
                 bidang_without_children=empty)


def narrative_text(df: pd.DataFrame) -> str:
    """Draft paragraph (Indonesian Markdown) describing the structure; every count from the data."""
    f = facts(df)
    count = number_words  # EYD: one to nine in words
    bidang = [(name, n) for level, name, n in f.direct if level == "bidang"]
    others = [(level, name, n) for level, name, n in f.direct if level != "bidang"]
    parts = [f"{markdown_escape(f.root)} dipimpin oleh seorang {markdown_escape(f.head or 'Kepala')}."]
    sentence = []
    for level, name, n in others:
        text = markdown_escape(name)
        if n:
            text += f" (membawahi {count(n)} unit)"
        sentence.append(text)
    if bidang:
        sentence.append(f"{count(len(bidang))} bidang")
    if sentence:
        parts.append("Susunan organisasinya terdiri atas " + join_list(sentence) + ".")
    with_children = [(name, n) for name, n in bidang if n]
    if with_children:
        counts = sorted({n for _, n in with_children})
        if len(with_children) == 1:
            name, n = with_children[0]
            parts.append(f"{markdown_escape(name)} meliputi {count(n)} Substansi.")
        elif len(counts) == 1:
            parts.append(f"Sebanyak {count(len(with_children))} bidang masing-masing meliputi "
                         f"{count(counts[0])} Substansi.")
        else:
            parts.append("Bidang-bidang tersebut meliputi " + join_list(
                [f"{count(n)} Substansi pada {markdown_escape(name)}" for name, n in with_children]) + ".")
    top = LEVEL_LABELS.get(f.root_level, "unit teratas")
    parts.append(f"Seluruhnya terdapat {count(f.n_units)} unit dalam bagan, termasuk {top} sendiri.")
    return " ".join(parts)


def review(df: pd.DataFrame) -> Optional[str]:
    """Bidang whose Substansi the text does not name (Catatan pemeriksaan, not report text)."""
    f = facts(df)
    if not f.bidang_without_children:
        return None
    return review_block([join_list([markdown_escape(n) for n in f.bidang_without_children]) +
                         " tidak disebut Substansinya dalam teks Renstra; bagian ini perlu dilengkapi."])


def narrative(data_dir=None) -> Optional[list]:
    """The draft narrative of section 2.1 and its Catatan pemeriksaan (None when the data has no unit table)."""
    if not has_table(UNITS, data_dir):
        return None
    df = units(data_dir)
    f = facts(df)
    cited = {"unit dalam bagan": f.n_units, "bidang": sum(level == "bidang" for level, _, _ in f.direct)}
    cited.update({f"unit di bawah {name}": n for _, name, n in f.direct if n})
    return [Narrative(NARRATIVE_ID, narrative_text(df), cited), review(df)]
