"""The Pohon Kinerja (performance tree), drawn from the cascading data with matplotlib only.

The document's image of the tree is missing from the text export, so the tree is rebuilt from
Tabel 3.2.2: :func:`build_forest` (one tree per tujuan: tujuan → sasaran → program → kegiatan,
each node with its indicators), :func:`layout_tree` (a tidy left-to-right layout: every subtree
gets the height of its own box or of its children, whichever is larger, a parent is centred on
its children, several trees are stacked) and :func:`tree_figure`.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Optional, Sequence, Union

import pandas as pd

from helpers.core.data import has_table, load_present
from helpers.core.opd import load_opd
from helpers.core.text import is_na, join_list
from helpers.present import PALETTE, Figure, Notice, plain
from helpers.present.style import MUTED
from helpers.pages.tujuan_sasaran.cascade import CASCADE
from helpers.pages.tujuan_sasaran.goals import GOALS

TREE_LEVELS = ("tujuan", "sasaran", "program", "kegiatan")
LEVEL_LABELS = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program",
                "kegiatan": "Kegiatan (dengan indikator kegiatan/sub kegiatan)"}


def _text(value) -> str:
    return "" if is_na(value) else str(value)


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


Roots = Union[TreeNode, Sequence[TreeNode]]


def _roots(roots: Roots) -> list[TreeNode]:
    return [roots] if isinstance(roots, TreeNode) else list(roots)


def walk_all(roots: Roots) -> Iterator[TreeNode]:
    for root in _roots(roots):
        yield from root.walk()


def _add(items: list[str], value) -> None:
    text = _text(value).strip()
    if text and text not in items:
        items.append(text)


def build_forest(cascading: pd.DataFrame,
                 tujuan_indicators: Mapping[str, Sequence[str]] | None = None) -> list[TreeNode]:
    """The performance trees tujuan → sasaran → program → kegiatan from Tabel 3.2.2 rows, one per tujuan.

    Nodes are keyed by the table's node numbers (``sasaran_no``, ``program_no``, ``kegiatan_no``)
    in printed order; tujuan by their order (``tujuan:1`` …). A sasaran lists its indikator
    sasaran; a program its indikator program and the indikator sasaran it supports
    (``supports``); a kegiatan its indikator kegiatan. ``tujuan_indicators`` maps a tujuan (any
    letter case: Tabel 3.2.1 and 3.2.2 capitalise differently) to its indicators; with one
    tujuan on both sides they are paired whatever their wording. Raises ``ValueError`` when a
    sasaran, program or kegiatan appears under two parents (not a tree).
    """
    rows = cascading.sort_values(["row_id"] + (["tahun"] if "tahun" in cascading else [])) \
        .drop_duplicates("row_id").reset_index(drop=True)
    indicators = {str(k).casefold(): list(dict.fromkeys(v)) for k, v in (tujuan_indicators or {}).items()}
    titles = list(dict.fromkeys(str(t) for t in rows["tujuan"]))
    roots: dict[str, TreeNode] = {}
    for i, title in enumerate(titles, start=1):
        found = indicators.get(title.casefold())
        if found is None and len(titles) == 1 and len(indicators) == 1:
            found = next(iter(indicators.values()))
        roots[title] = TreeNode(f"tujuan:{i}", "tujuan", title, indicators=list(found or []))
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
        s = node(f"sasaran:{int(r.sasaran_no)}", "sasaran", roots[str(r.tujuan)], str(r.sasaran))
        _add(s.indicators, r.indikator_sasaran)
        p = node(f"program:{int(r.program_no)}", "program", s, str(r.program), _text(r.kode_program))
        _add(p.indicators, r.indikator_program)
        _add(p.supports, r.indikator_sasaran)
        k = node(f"kegiatan:{int(r.kegiatan_no)}", "kegiatan", p, str(r.kegiatan), _text(r.kode_kegiatan))
        _add(k.indicators, r.indikator_kegiatan)
    return list(roots.values())


def tujuan_indicators(data_dir=None) -> dict[str, list[str]]:
    """The indikator tujuan of each tujuan of Tabel 3.2.1 (empty without the table)."""
    if not has_table(GOALS, data_dir):
        return {}
    goals = load_present(GOALS, data_dir).sort_values(["row_id", "tahun"])
    out: dict[str, list[str]] = {}
    for tujuan, indicator in zip(goals["tujuan"].astype(str), goals["indikator_tujuan"].astype(str)):
        _add(out.setdefault(tujuan, []), indicator)
    return out


def performance_forest(data_dir=None) -> list[TreeNode]:
    """The Pohon Kinerja of the plan: Tabel 3.2.2, with the tujuan's indicators from Tabel 3.2.1."""
    return build_forest(load_present(CASCADE, data_dir), tujuan_indicators(data_dir))


# --------------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------------


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
        small.append("Indikator:" if len(node.indicators) == 1 else f"Indikator ({len(node.indicators)}):")
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


def layout_tree(roots: Roots, styles: Optional[dict] = None) -> tuple[dict[str, Box], float, float]:
    """Tidy left-to-right layout: boxes by key, total width and height (inches).

    Each level is a column; a subtree takes the height of its own box or of its stacked child
    subtrees (with :data:`TREE_GAP_Y` between them), whichever is larger, and a parent is centred
    on the block of its children. Several roots are stacked top to bottom. The levels shown are
    those present under the roots.
    """
    styles = styles or TREE_STYLES
    roots = _roots(roots)
    levels = [lv for lv in TREE_LEVELS if any(n.level == lv for n in walk_all(roots))]
    xs, x = {}, 0.0
    for lv in levels:
        xs[lv] = x
        x += styles[lv].width + TREE_GAP_X
    width = x - TREE_GAP_X
    heights = {n.key: box_height(n, styles[n.level]) for n in walk_all(roots)}
    extents: dict[str, float] = {}

    def block(n: TreeNode) -> float:
        return sum(extent(c) for c in n.children) + TREE_GAP_Y * max(0, len(n.children) - 1)

    def extent(n: TreeNode) -> float:
        if n.key not in extents:
            extents[n.key] = max(heights[n.key], block(n))
        return extents[n.key]

    boxes: dict[str, Box] = {}

    def place(n: TreeNode, top: float) -> None:
        center = top + extent(n) / 2
        boxes[n.key] = Box(n, xs[n.level], center - heights[n.key] / 2, styles[n.level].width, heights[n.key])
        start = center - block(n) / 2
        for c in n.children:
            place(c, start)
            start += extent(c) + TREE_GAP_Y

    top = 0.0
    for root in roots:
        place(root, top)
        top += extent(root) + TREE_GAP_Y
    return boxes, width, max(0.0, top - TREE_GAP_Y)


def _tint(color: str, amount: float = 0.85) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def tree_figure(roots: Roots, title: str, styles: Optional[dict] = None, note: str = ""):
    """Draw the tree(s): boxes with name and indicators, elbow connectors, level headings."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    styles = styles or TREE_STYLES
    boxes, width, height = layout_tree(roots, styles)
    margin, head, foot = 0.3, 0.85, (0.45 if note else 0.2)
    fig = plt.figure(figsize=(width + 2 * margin, height + head + foot))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-margin, width + margin)
    ax.set_ylim(height + foot, -head)
    ax.axis("off")
    ax.text(-margin + 0.05, -head + 0.08, plain(title), ha="left", va="top", fontsize=12, fontweight="bold")
    levels = [lv for lv in TREE_LEVELS if any(b.node.level == lv for b in boxes.values())]
    for lv in levels:
        x = next(b.x for b in boxes.values() if b.node.level == lv)
        ax.text(x, -0.12, LEVEL_LABELS[lv].upper(), ha="left", va="bottom", fontsize=8.5, fontweight="bold",
                color=MUTED)
    line = dict(color=MUTED, linewidth=0.9, marker="", linestyle="-", zorder=1)
    for box in boxes.values():  # connectors first, boxes on top
        kids = [boxes[c.key] for c in box.node.children]
        if not kids:
            continue
        mid = box.x + box.w + TREE_GAP_X / 2
        ys = [k.center_y for k in kids] + [box.center_y]
        ax.plot([box.x + box.w, mid], [box.center_y, box.center_y], **line)
        ax.plot([mid, mid], [min(ys), max(ys)], **line)
        for k in kids:
            ax.plot([mid, k.x], [k.center_y, k.center_y], **line)
    for box in boxes.values():
        style = styles[box.node.level]
        ax.add_patch(FancyBboxPatch((box.x, box.y), box.w, box.h, boxstyle="round,pad=0,rounding_size=0.05",
                                    facecolor=_tint(style.color), edgecolor=style.color, linewidth=1.3, zorder=2))
        title_lines, small = node_text(box.node, style)
        ax.text(box.x + TREE_PAD, box.y + TREE_PAD, plain("\n".join(title_lines)), ha="left", va="top",
                fontsize=style.title_size, fontweight="bold", linespacing=LINE_SPACING * 0.93, zorder=3)
        if small:
            y = box.y + TREE_PAD + len(title_lines) * style.title_size * LINE_SPACING / 72 + 0.05
            ax.text(box.x + TREE_PAD, y, plain("\n".join(small)), ha="left", va="top", fontsize=style.text_size,
                    linespacing=LINE_SPACING * 0.93, zorder=3)
    if note:
        ax.text(-margin + 0.05, height + foot - 0.08, plain(note), ha="left", va="bottom", fontsize=7.5, color=MUTED)
    return fig


TREE_NOTE = ("Digambar dari Tabel 3.2.2 (gambar Pohon Kinerja tidak ada dalam ekspor teks dokumen); indikator tujuan "
             "dari Tabel 3.2.1; kode program/kegiatan dicocokkan dengan Tabel 4.1.")
SUBTREE_NOTE = ("Bagian dari Pohon Kinerja, digambar dari Tabel 3.2.2 (nama sasaran sebagaimana tercetak di tabel "
                "itu); kode program/kegiatan dicocokkan dengan Tabel 4.1.")


def _count(roots: Roots, level: str) -> int:
    return sum(n.level == level for n in walk_all(roots))


def tree_alt(roots: Roots, what: str) -> str:
    """An Indonesian summary of a drawn tree: how many nodes of each level, and the sasaran."""
    counts = [f"{_count(roots, lv)} {lv}" for lv in TREE_LEVELS if _count(roots, lv)]
    sasaran = [n.title for n in walk_all(roots) if n.level == "sasaran"]
    text = f"{what}: bagan bertingkat dari kiri ke kanan dengan {join_list(counts)}"
    if len(sasaran) > 1:
        text += f"; sasaran: {join_list(sasaran)}"
    return text + ". Setiap kotak memuat nama dan indikatornya."


def tree_chart(data_dir=None) -> Figure | Notice:
    """The whole Pohon Kinerja (tujuan → sasaran → program → kegiatan) in one tall figure."""
    if not has_table(CASCADE, data_dir):
        return Notice("Pohon Kinerja tidak dapat digambar: Tabel 3.2.2 (cascading) tidak tersedia dalam data.",
                      kind="absent")
    opd = load_opd(data_dir)
    roots = performance_forest(data_dir)
    title = f"Pohon Kinerja {opd.singkatan} {opd.pemerintah_daerah} {opd.periode_teks}"
    return Figure(tree_figure(roots, title, note=TREE_NOTE), "3-2-pohon-kinerja", caption=title,
                  alt=tree_alt(roots, title))


def sasaran_tree_charts(data_dir=None) -> list[Figure]:
    """One figure per sasaran (sasaran → program → kegiatan): print-size parts of the tree."""
    if not has_table(CASCADE, data_dir):
        return []
    sasaran = [s for root in performance_forest(data_dir) for s in root.children]
    out = []
    for i, s in enumerate(sasaran, start=1):
        title = f"Pohon Kinerja — Sasaran {i}: {s.title}"
        out.append(Figure(tree_figure(s, title, note=SUBTREE_NOTE), f"3-2-pohon-kinerja-sasaran-{i}",
                          caption=title, alt=tree_alt(s, title)))
    return out


def tree_levels(roots: Iterable[TreeNode], level: str) -> list[TreeNode]:
    """Every node of ``level`` under ``roots``, in printed order."""
    return [n for n in walk_all(list(roots)) if n.level == level]
