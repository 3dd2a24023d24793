"""Word renderer of the table model: the year's appendix (lampiran) and its narratives as DOCX.

:func:`add_table` writes one :class:`~helpers.present.table.Table` into a python-docx document:
caption above it (Word's *Caption* style, "Tabel 2.3.2 …"), the merged multi-row header from
:meth:`Table.header_rows` (``gridSpan``/``vMerge``), header rows that repeat on every printed page
(``w:tblHeader``), rows that do not split across pages, numbers right-aligned with the same text
as the HTML page (:meth:`Table.cell_text`, Indonesian format), bold totals, italic sections,
indents, the highlighted reporting year (shaded *and* bold), corrected cells shaded with the
printed value in the notes, then notes and source. Tables whose width needs it (``Table.wide``
or more columns than a portrait page holds) go into landscape sections.

The layout is a :class:`DocxSettings` (paper A4 or F4, margins, fonts), read from the office's
optional ``data/lampiran.yaml``; nothing about the page is a constant of the code. Built-in
Word styles are used throughout (Heading 1–2, Caption, List Bullet, Normal), so a planner who
pastes a part into the Renstra or the LKjIP gets that document's styles, not ours.

The file's core properties and ZIP dates are fixed (``SOURCE_DATE_EPOCH`` or 2000-01-01), so the
same inputs give the same bytes.
"""
from __future__ import annotations

import functools
import html as _html
import re
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape as _xml_escape

from helpers.core import files
from helpers.core.yamlfile import read_yaml
from helpers.present.style import HIGHLIGHT, MARK_FILL
from helpers.present.table import Table

#: Paper sizes in millimetres (width, height, portrait). F4 ("folio") is the size many Indonesian
#: government offices print on.
PAPERS = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}
SETTINGS_FILE = "lampiran.yaml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIPS_PER_MM = 1440 / 25.4
_HEADER_FILL = "EEEEEE"


class SettingsError(ValueError):
    """``data/lampiran.yaml`` holds a value that cannot be used; the message names it."""


@dataclass(frozen=True)
class DocxSettings:
    """The layout of the Word files: paper, margins (mm), fonts (pt). All are settings."""

    paper: str = "A4"
    margin_top: float = 25.0
    margin_bottom: float = 20.0
    margin_left: float = 25.0
    margin_right: float = 20.0
    font: str = "Arial"
    font_size: float = 11.0
    table_font_size: float = 10.0
    #: Tables of more than this many columns are printed on a landscape page even if not ``wide``.
    portrait_columns: int = 8

    @property
    def page_mm(self) -> tuple[float, float]:
        return PAPERS[self.paper]

    def text_width_mm(self, landscape: bool) -> float:
        width, height = self.page_mm
        return (height if landscape else width) - self.margin_left - self.margin_right


#: ``lampiran.yaml`` keys (Indonesian, as a planner writes them) and the setting each one sets.
_SETTING_KEYS = {"kertas": "paper", "margin_atas_mm": "margin_top", "margin_bawah_mm": "margin_bottom",
                 "margin_kiri_mm": "margin_left", "margin_kanan_mm": "margin_right", "huruf": "font",
                 "ukuran_huruf": "font_size", "ukuran_huruf_tabel": "table_font_size",
                 "kolom_maks_tegak": "portrait_columns"}


def load_settings(data_dir: Path, **overrides) -> DocxSettings:
    """The office's Word layout: defaults, then ``data/lampiran.yaml`` (optional), then ``overrides``.

    A bad value raises :class:`SettingsError` in Indonesian, naming the file and the key as the
    planner wrote it."""
    settings = DocxSettings()
    path = Path(data_dir) / SETTINGS_FILE
    key_of = {name: key for key, name in _SETTING_KEYS.items()}
    values: dict = {}
    if path.is_file():
        raw = read_yaml(path) or {}
        if not isinstance(raw, dict):
            raise SettingsError(f"{path}: isinya harus baris kunci: nilai, misalnya 'kertas: F4' "
                                f"(ditemukan {type(raw).__name__})")
        for key, value in raw.items():
            if key not in _SETTING_KEYS:
                raise SettingsError(f"{path}: kunci {key!r} tidak dikenal; gunakan salah satu dari "
                                    f"{', '.join(_SETTING_KEYS)}")
            values[_SETTING_KEYS[key]] = value
    values.update({k: v for k, v in overrides.items() if v is not None})
    for name, value in values.items():
        default = getattr(settings, name)
        try:
            values[name] = type(default)(value) if not isinstance(default, str) else str(value).strip()
        except (TypeError, ValueError):
            raise SettingsError(f"{path}: {key_of[name]} = {value!r} bukan angka; tulis misalnya "
                                f"{key_of[name]}: {default}") from None
    settings = replace(settings, **values)
    if settings.paper not in PAPERS:
        raise SettingsError(f"{path}: kertas = {settings.paper!r}; gunakan salah satu dari {', '.join(PAPERS)}")
    for name in ("margin_top", "margin_bottom", "margin_left", "margin_right"):
        if not 0 <= getattr(settings, name) <= 60:
            raise SettingsError(f"{path}: {key_of[name]} = {getattr(settings, name)}; margin harus 0 sampai 60 mm")
    for name, low, high in (("font_size", 6, 16), ("table_font_size", 6, 14)):
        if not low <= getattr(settings, name) <= high:
            raise SettingsError(f"{path}: {key_of[name]} = {getattr(settings, name)}; ukuran huruf harus "
                                f"{low} sampai {high} pt")
    return settings


# --------------------------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------------------------

def new_document(settings: DocxSettings, *, title: str = "", subject: str = ""):
    """An empty document in ``settings``' layout, with fixed core properties (reproducible)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    from helpers.present.xlsx import build_time

    document = Document()
    styles = document.styles
    for name, size, bold in (("Normal", settings.font_size, False), ("Heading 1", settings.font_size + 3, True),
                             ("Heading 2", settings.font_size + 1, True), ("Heading 3", settings.font_size, True),
                             ("Caption", settings.table_font_size, True), ("Title", settings.font_size + 9, True),
                             ("List Bullet", settings.font_size, False), ("List Number", settings.font_size, False)):
        style = styles[name]
        style.font.name = settings.font
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), settings.font)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
    styles["Caption"].paragraph_format.keep_with_next = True
    _set_layout(document.sections[0], settings, landscape=False)
    stamp = build_time()
    props = document.core_properties
    props.author = props.last_modified_by = "renstra"
    props.title, props.subject = title, subject
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = "id-ID"
    return document


def _set_layout(section, settings: DocxSettings, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = settings.page_mm
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
    section.top_margin, section.bottom_margin = Mm(settings.margin_top), Mm(settings.margin_bottom)
    section.left_margin, section.right_margin = Mm(settings.margin_left), Mm(settings.margin_right)


def styled(document, name: Optional[str]):
    """The paragraph style ``name`` of ``document``, looked up once (python-docx searches every style
    with an XPath for each name it is given: ~2 ms a paragraph in the appendix)."""
    if name is None:
        return None
    cache = document.__dict__.setdefault("_renstra_styles", {})
    if name not in cache:
        cache[name] = document.styles[name]
    return cache[name]


def add_paragraph(document, text: str = "", style: Optional[str] = None):
    """``document.add_paragraph(text, style)``, the style's id set directly: python-docx compares
    each style it is given with the default one by scanning every style (~0,8 ms a paragraph)."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        cache = document.__dict__.setdefault("_renstra_styles", {})
        if None not in cache:
            from docx.enum.style import WD_STYLE_TYPE

            cache[None] = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        found = styled(document, style)
        if found != cache[None]:  # the default style is written as no style, as python-docx does
            paragraph._p.style = found.style_id
    return paragraph


class Writer:
    """Adds parts to a document and switches portrait/landscape sections as tables need."""

    def __init__(self, document, settings: DocxSettings):
        self.document = document
        self.settings = settings
        self.landscape = False

    def orientation(self, landscape: bool) -> None:
        """Start a new section in the given orientation, unless the current one already is."""
        from docx.enum.section import WD_SECTION

        if landscape == self.landscape:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _set_layout(section, self.settings, landscape=landscape)
        self.landscape = landscape

    def heading(self, text: str, level: int) -> None:
        add_paragraph(self.document, text, f"Heading {level}")  # as add_heading

    def paragraph(self, text: str = "", style: Optional[str] = None, *, italic: bool = False, size=None):
        from docx.shared import Pt

        paragraph = add_paragraph(self.document, style=style)
        if text:
            run = paragraph.add_run(text)
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        return paragraph

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, table: Table) -> None:
        """A table with its caption, notes and source, in a landscape section when it needs one."""
        self.orientation(needs_landscape(table, self.settings))
        add_table(self.document, table, self.settings, landscape=self.landscape)

    def figure(self, png: Path, caption: str, alt: str) -> None:
        """A chart at text width (its PNG at 200 dpi), its alt text on the picture, caption below."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        self.orientation(False)
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        inline = add_picture(self.document, paragraph.add_run(), png, Mm(self.settings.text_width_mm(False)))
        doc_pr = inline.docPr
        doc_pr.set("descr", alt or caption)
        doc_pr.set("title", caption[:250])
        self.paragraph(caption, "Caption")

    def markdown(self, text: str) -> None:
        add_markdown(self.document, text)


def add_picture(document, run, png: Path, width: int):
    """``run.add_picture(png, width)`` without python-docx's search of the whole document for the
    next shape id at every picture (quadratic: 0,2 s for the appendix's pictures); ids are counted
    from the largest one present at the first picture. Returns the ``wp:inline`` element."""
    from docx.oxml.shape import CT_Inline

    part = document.part
    rid, image = part.get_or_add_image(str(png))
    cx, cy = image.scaled_dimensions(width, None)
    counter = document.__dict__.get("_renstra_shape_id")
    if counter is None:
        counter = document.__dict__["_renstra_shape_id"] = [part.next_id]
    shape_id, counter[0] = counter[0], counter[0] + 1
    inline = CT_Inline.new_pic_inline(shape_id, rid, image.filename, cx, cy)
    run._r.add_drawing(inline)
    document.__dict__.setdefault("_renstra_images", {})[rid] = str(png)  # for fragments (below)
    return inline


def needs_landscape(table: Table, settings: DocxSettings) -> bool:
    """A wide table, or more columns than a portrait page holds, or text wider than it."""
    if table.wide or len(table.columns) > settings.portrait_columns:
        return True
    minimum = sum(_minimum_mm(table, settings.table_font_size))
    return minimum > settings.text_width_mm(False) * (1 - TEXT_SHARE)


#: Advance widths of Arial (and its metric twin Liberation Sans) in em, by kind of character;
#: bold is about 5 % wider. Enough to size columns so that no number or word is cut.
_EM = {"digit": 0.556, "narrow": 0.278, "upper": 0.70, "lower": 0.53, "other": 0.60}
_CELL_PADDING_MM = 2.3  # the 1 mm cell margins on each side, and a little air


@functools.lru_cache(maxsize=None)
def _em(ch: str) -> float:
    if ch.isdigit():
        return _EM["digit"]
    if ch in ".,:;'!|il ()-/":
        return _EM["narrow"]
    if ch.isupper():
        return _EM["upper"]
    if ch.islower():
        return _EM["lower"]
    return _EM["other"]


@functools.lru_cache(maxsize=65536)  # a year's tables measure the same cell texts many times
def _ems(text: str, bold: bool = False) -> float:
    return sum(map(_em, text)) * (1.05 if bold else 1.0)


def text_mm(text: str, size: float, bold: bool = False) -> float:
    """About how wide ``text`` is printed at ``size`` pt in Arial (mm)."""
    return _ems(text, bold) * size * _MM_PER_PT


_MM_PER_PT = 0.3528
#: Indent per level of the program → kegiatan → sub-kegiatan column (mm).
INDENT_MM = 2.0


@dataclass(frozen=True)
class _Measure:
    """A column's widths in em (they scale with the font size): what it must not break, what it wants."""

    unbreakable: float
    natural: float
    indent_mm: float

    def minimum_mm(self, size: float) -> float:
        return self.unbreakable * size * _MM_PER_PT + _CELL_PADDING_MM + self.indent_mm

    def natural_mm(self, size: float) -> float:
        return max(self.natural * size * _MM_PER_PT + _CELL_PADDING_MM + self.indent_mm, self.minimum_mm(size))


def _measures(table: Table) -> list[_Measure]:
    """Per column: the longest run it must not break (the header word right above it — a group
    header spans more columns —, a whole number or code, a text word of up to ten letters) and its
    longest line (capped for long text). Measured once per table, in em."""
    cached = _MEASURED.get(table)
    if cached is not None:
        return cached
    text_column = next((c for c in table.columns if c.role in ("text", "multiline")), None)
    out = []
    for column in table.columns:
        cap = 45 if column.wide else 30 if column.role in ("text", "multiline") else None
        unbreakable = max([_ems(word, True) for word in str(column.path[-1]).split()] or [0.0])
        natural = 0.0
        for i in range(table.n_rows):
            text, bold = table.cell_text(i, column), i in table.bold_rows
            if column.numeric or column.role == "code":
                unbreakable = max(unbreakable, _ems(text, bold))
            else:
                unbreakable = max([unbreakable] + [_ems(word[:10], bold) for word in text.split()])
            for line in text.split("\n"):
                natural = max(natural, _ems(line[:cap] if cap else line, bold))
        indent = max(table.indent.values(), default=0) * INDENT_MM if column is text_column else 0.0
        out.append(_Measure(unbreakable, natural, indent))
    _MEASURED[table] = out
    return out


_MEASURED: "weakref.WeakKeyDictionary[Table, list[_Measure]]" = weakref.WeakKeyDictionary()


def _minimum_mm(table: Table, size: float) -> list[float]:
    return [m.minimum_mm(size) for m in _measures(table)]


#: Text columns keep at least this share of a table's width (numbers and codes take the rest).
TEXT_SHARE = 0.25


#: The smallest font a table may be shrunk to so that its numbers fit (pt).
MIN_TABLE_FONT = 6.0


def table_font_size(table: Table, settings: DocxSettings, landscape: bool) -> float:
    """The table's font size: the setting, or smaller (in half points, down to 6 pt) until no
    number, code or header word has to break and, if possible, the text columns keep a quarter
    of the width."""
    total = settings.text_width_mm(landscape)
    sizes = [settings.table_font_size - 0.5 * k for k in range(int((settings.table_font_size - MIN_TABLE_FONT) * 2) + 1)]
    for share in (TEXT_SHARE, 0.0):
        for size in sizes:
            if sum(_minimum_mm(table, size)) <= total * (1 - share):
                return size
    return MIN_TABLE_FONT


def _column_widths(table: Table, settings: DocxSettings, landscape: bool, size: float) -> list[int]:
    """Column widths in twips that fill the text width.

    Every column first gets what it must not break (a header word, a number, a code); the room
    left goes to the columns that want more, in proportion to what they hold. Only a table of
    more columns than the page can take even at 7 pt is scaled down as a whole.
    """
    total = settings.text_width_mm(landscape)
    natural = [m.natural_mm(size) for m in _measures(table)]
    minimum = _minimum_mm(table, size)
    if sum(natural) <= total:
        widths = [n * total / sum(natural) for n in natural]
    elif sum(minimum) >= total:
        widths = [m * total / sum(minimum) for m in minimum]
    else:
        room = total - sum(minimum)
        wants = [n - m for n, m in zip(natural, minimum)]
        widths = [m + room * w / sum(wants) for m, w in zip(minimum, wants)]
    return [int(w * _TWIPS_PER_MM) for w in widths]


# --------------------------------------------------------------------------------------------
# Tables (written as WordprocessingML: one string per table, fast for tables of 4.000 cells)
# --------------------------------------------------------------------------------------------

def _run(text: str, *, bold=False, italic=False, size_half_points: int) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + f'<w:sz w:val="{size_half_points}"/>' \
        f'<w:szCs w:val="{size_half_points}"/>'
    parts = []
    for k, line in enumerate(str(text).split("\n")):
        if k:
            parts.append("<w:br/>")
        parts.append(f'<w:t xml:space="preserve">{_xml_escape(line)}</w:t>')
    return f"<w:r><w:rPr>{props}</w:rPr>{''.join(parts)}</w:r>"


def _cell(text: str, width: int, *, align="left", bold=False, italic=False, fill=None, span=1, vmerge=None,
          indent=0, size=20, valign="top") -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    props.append(f'<w:vAlign w:val="{valign}"/>')
    ppr = f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="{align}"/>'
    if indent:
        ppr = f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="{indent}"/>' \
              f'<w:jc w:val="{align}"/>'
    body = _run(text, bold=bold, italic=italic, size_half_points=size) if text != "" else ""
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>{body}</w:p></w:tc>"


def table_xml(table: Table, settings: DocxSettings, *, landscape: bool) -> str:
    """The ``w:tbl`` element of ``table`` (header, body; caption and notes are paragraphs)."""
    points = table_font_size(table, settings, landscape)
    widths = _column_widths(table, settings, landscape, points)
    size = int(round(points * 2))
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
             f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
             '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
             'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    parts.append("</w:tblGrid>")
    header = table.header_rows()
    # The header grid: which cell starts where; rowspans become vMerge restart/continue.
    grid: dict[tuple[int, int], tuple[str, object]] = {}
    for level, cells in enumerate(header):
        col = 0
        for cell in cells:
            while (level, col) in grid:
                col += 1
            grid[(level, col)] = ("start", cell)
            for r in range(level + 1, level + cell.rowspan):
                grid[(r, col)] = ("continue", cell)
            for c in range(col + 1, col + cell.colspan):
                grid[(level, c)] = ("covered", cell)
                for r in range(level + 1, level + cell.rowspan):
                    grid[(r, c)] = ("covered", cell)
            col += cell.colspan
    for level in range(len(header)):
        cells_xml = []
        col = 0
        while col < len(table.columns):
            kind, cell = grid.get((level, col), ("start", None))
            if cell is None:
                col += 1
                continue
            width = sum(widths[col:col + cell.colspan])
            highlight = cell.column is not None and cell.column.highlight
            fill = HIGHLIGHT.lstrip("#").upper() if highlight else _HEADER_FILL
            if kind == "start":
                cells_xml.append(_cell(cell.text, width, align="center", bold=True, fill=fill, span=cell.colspan,
                                       vmerge="restart" if cell.rowspan > 1 else None, size=size, valign="center"))
            elif kind == "continue":
                cells_xml.append(_cell("", width, fill=fill, span=cell.colspan, vmerge="continue", size=size))
            col += cell.colspan if kind in ("start", "continue") else 1
        parts.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' + "".join(cells_xml) + "</w:tr>")
    text_column = next((c for c in table.columns if c.role in ("text", "multiline")), None)
    highlight_fill, mark_fill = HIGHLIGHT.lstrip("#").upper(), MARK_FILL.lstrip("#").upper()
    for i in range(table.n_rows):
        bold, italic = i in table.bold_rows, i in table.section_rows
        cells_xml = []
        for j, column in enumerate(table.columns):
            marked = table.mark(i, column) is not None
            lit = column.highlight or i in table.highlight_rows
            fill = mark_fill if marked else highlight_fill if lit else None
            indent = int(table.indent.get(i, 0) * INDENT_MM * _TWIPS_PER_MM) if column is text_column else 0
            cells_xml.append(_cell(table.cell_text(i, column), widths[j], align="right" if column.numeric else "left",
                                   bold=bold or lit, italic=italic, fill=fill, indent=indent, size=size))
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells_xml) + "</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def add_table(document, table: Table, settings: DocxSettings, *, landscape: bool = False) -> None:
    """Caption, table, notes and source of ``table`` at the end of ``document``."""
    from docx.oxml import parse_xml

    caption = add_paragraph(document, table.caption, "Caption")
    caption.paragraph_format.keep_with_next = True
    anchor = document.add_paragraph()
    anchor._p.addprevious(parse_xml(table_xml(table, settings, landscape=landscape)))
    notes = table.all_notes() + ([f"Sumber: {table.source}"] if table.source else [])
    small = max(6.0, settings.table_font_size - 1)
    if notes:
        from docx.shared import Pt

        first = True
        for note in notes:
            paragraph = anchor if first else document.add_paragraph()
            first = False
            run = paragraph.add_run(note)
            run.font.size = Pt(small)
            paragraph.paragraph_format.space_after = Pt(2)


# --------------------------------------------------------------------------------------------
# Narratives: the small Markdown the pages write (paragraphs, lists, bold, italic)
# --------------------------------------------------------------------------------------------

_INLINE = re.compile(r"(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|_[^_\s][^_]*_|`[^`]+`)")
_ESCAPED = re.compile(r"\\([\\`*_\[\]#|<>{}()+.!-])")


def plain_text(text: str) -> str:
    """Markdown text as a reader sees it: escapes removed, entities decoded, invisible joiners dropped."""
    return _html.unescape(_ESCAPED.sub(r"\1", text)).replace("\u2060", "")


def _add_inline(paragraph, text: str) -> None:
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith(("**", "__")) and len(piece) > 4:
            paragraph.add_run(plain_text(piece[2:-2])).bold = True
        elif piece.startswith(("*", "_")) and len(piece) > 2:
            paragraph.add_run(plain_text(piece[1:-1])).italic = True
        elif piece.startswith("`"):
            paragraph.add_run(plain_text(piece[1:-1]))
        else:
            paragraph.add_run(plain_text(piece))


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """``(kind, text)`` blocks of a narrative: ``heading``, ``bullet``, ``number``, ``quote``, ``paragraph``."""
    blocks: list[tuple[str, str]] = []
    current: list[str] = []
    kind = "paragraph"

    def flush():
        nonlocal current, kind
        if current:
            blocks.append((kind, " ".join(s.strip() for s in current)))
        current, kind = [], "paragraph"

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if re.match(r"^#{1,6}\s", stripped):
            flush()
            blocks.append(("heading", stripped.lstrip("#").strip()))
        elif re.match(r"^[-*+]\s", stripped):
            flush()
            current, kind = [stripped[2:]], "bullet"
        elif re.match(r"^\d+[.)]\s", stripped):
            flush()
            current, kind = [re.sub(r"^\d+[.)]\s", "", stripped)], "number"
        elif stripped.startswith(">"):
            if kind != "quote":
                flush()
                kind = "quote"
            current.append(stripped.lstrip(">").strip())
        else:
            current.append(stripped)
    flush()
    return blocks


def add_markdown(document, text: str) -> None:
    """A narrative's Markdown as Word paragraphs in built-in styles (lists as List Bullet/Number)."""
    styles = {"bullet": "List Bullet", "number": "List Number", "heading": None, "quote": None, "paragraph": None}
    for kind, content in markdown_blocks(text):
        paragraph = add_paragraph(document, style=styles[kind])
        if kind == "heading":
            paragraph.add_run(plain_text(content.strip("*_"))).bold = True
            paragraph.paragraph_format.keep_with_next = True
        elif kind == "quote":
            paragraph.paragraph_format.left_indent = 360000  # EMU: about 1 cm
            _add_inline(paragraph, content)
        else:
            _add_inline(paragraph, content)


# --------------------------------------------------------------------------------------------
# Table of contents and the file itself
# --------------------------------------------------------------------------------------------

def add_toc(document, placeholder: str) -> None:
    """A Word TOC field (headings 1–2 and every caption), marked dirty so Word fills it on opening."""
    from docx.oxml import parse_xml

    xml = (f'<w:p xmlns:w="{_W}"><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u \\t "Caption,3" </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
           f'<w:r><w:t xml:space="preserve">{_xml_escape(placeholder)}</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    anchor = document.add_paragraph()
    anchor._p.addprevious(parse_xml(xml))
    settings = document.settings.element
    update = parse_xml(f'<w:updateFields xmlns:w="{_W}" w:val="true"/>')
    settings.append(update)


def add_page_numbers(document) -> None:
    """A centred page number (Word's PAGE field) in the footer of every section."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    for k, section in enumerate(document.sections):
        footer = section.footer
        if k and footer.is_linked_to_previous:
            continue
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for xml in ('<w:r xmlns:w="{0}"><w:fldChar w:fldCharType="begin"/></w:r>',
                    '<w:r xmlns:w="{0}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                    '<w:r xmlns:w="{0}"><w:fldChar w:fldCharType="separate"/></w:r>',
                    '<w:r xmlns:w="{0}"><w:t>1</w:t></w:r>',
                    '<w:r xmlns:w="{0}"><w:fldChar w:fldCharType="end"/></w:r>'):
            paragraph._p.append(parse_xml(xml.format(_W)))


# --------------------------------------------------------------------------------------------
# Fragments: parts of a long document rendered on their own and stitched into it as XML text
# --------------------------------------------------------------------------------------------

#: Text of the paragraph that marks where the fragments go in the document that receives them.
FRAGMENTS_MARKER = "RENSTRA-BAGIAN-LAMPIRAN"


@dataclass(frozen=True)
class SectionState:
    """Where a fragment starts or ends: the orientation and the open section's ``w:sectPr``."""

    landscape: bool
    sect_pr: str


@dataclass(frozen=True)
class Fragment:
    """Body elements rendered on their own: their XML (pictures point at the ``r:embed`` ids of
    the document they were rendered in, listed in ``images`` with their PNG file), the section
    state they leave, and how many figures they hold."""

    xml: bytes
    images: tuple[tuple[str, str], ...]
    end: SectionState
    figures: int


def section_state(document, landscape: bool) -> SectionState:
    """The state of ``document``'s open (last) section."""
    from lxml import etree

    return SectionState(landscape, etree.tostring(document.element.body.sectPr, encoding="unicode"))


def render_fragment(scratch, settings: DocxSettings, start: SectionState, write) -> Fragment:
    """Empty ``scratch`` (a :func:`new_document` of the same settings), open it in ``start``, call
    ``write(writer)`` (which returns its number of figures) and return what it added.

    The elements are exactly those ``write`` would add at that point of the whole document: a
    section break copies the open section's ``w:sectPr``, which is ``start``'s. Namespace
    declarations the document's root already makes are left out."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from lxml import etree

    body = scratch.element.body
    body.clear()  # (removing the children one by one makes lxml walk each subtree: seconds)
    body.append(parse_xml(start.sect_pr))
    writer = Writer(scratch, settings)
    writer.landscape = start.landscape
    figures = write(writer)
    xml = b"".join(_without_root_declarations(etree.tostring(child, encoding="utf-8", xml_declaration=False,
                                                            with_tail=False), scratch)
                   for child in body if child.tag != qn("w:sectPr"))
    known = scratch.__dict__.get("_renstra_images", {})
    images = tuple((rid, known[rid]) for rid in dict.fromkeys(m.decode() for m in re.findall(rb'r:embed="(rId\d+)"', xml)))
    return Fragment(xml, images, section_state(scratch, writer.landscape), figures)


def _without_root_declarations(text: bytes, document) -> bytes:
    """An element serialised on its own (UTF-8), without the namespace declarations on its opening
    tag that ``document``'s root makes (lxml repeats every namespace in scope on each element it
    serialises)."""
    end = text.index(b">")
    opening = text[:end]
    for prefix, uri in document.element.nsmap.items():
        if prefix:
            opening = opening.replace(f' xmlns:{prefix}="{uri}"'.encode(), b"")
    return opening + text[end:]


def _add_pictures(document, pngs: list[str]) -> dict[str, str]:
    """The relationship id of each picture file in ``document``, each distinct picture added once,
    as ``document.part.get_or_add_image`` would (the same parts and ids), without its search:
    python-docx finds a picture already added by hashing every picture of the package again for
    each one it adds (for an appendix of 23 pictures, 253 hashes of several megabytes)."""
    from docx.image.image import Image
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    collection = document.part.package.image_parts
    by_sha1 = {part.sha1: part for part in collection}
    added: dict[str, str] = {}
    for png in pngs:
        if png in added:
            continue
        image = Image.from_file(png)
        part = by_sha1.get(image.sha1)
        if part is None:
            part = by_sha1[image.sha1] = collection._add_image_part(image)  # what get_or_add_image_part does
        added[png] = document.part.relate_to(part, RT.IMAGE)
    return added


def stitched_bytes(document, fragments: list[Fragment], end: SectionState) -> bytes:
    """``document`` (holding a paragraph with :data:`FRAGMENTS_MARKER`, and page numbers on its one
    section) serialised with ``fragments`` in place of that paragraph, its open section in the
    fragments' ``end`` state, the page-number footer on the first section, pictures renumbered.

    Worked on as UTF-8 bytes in pieces joined once: the appendix's ``document.xml`` is about 8 MB,
    and every copy of it as text would take up to four times that."""
    import itertools

    shape_ids = itertools.count(1)

    def renumber(match: re.Match) -> bytes:
        n = next(shape_ids)
        return b'<wp:docPr id="%d" name="Picture %d"' % (n, n)

    added = _add_pictures(document, [png for fragment in fragments for _, png in fragment.images])
    maps = [{rid: added[png] for rid, png in fragment.images} for fragment in fragments]
    members = _package_members(document)  # after the pictures are added: they are parts of the package
    index = next(i for i, (name, _) in enumerate(members) if name == "word/document.xml")
    xml = members[index][1]
    at = xml.index(FRAGMENTS_MARKER.encode())
    start, stop = xml.rindex(b"<w:p>", 0, at), xml.index(b"</w:p>", at) + len(b"</w:p>")
    open_at = xml.rindex(b"<w:sectPr")
    close_at = xml.index(b"</w:sectPr>", open_at) + len(b"</w:sectPr>")
    found = re.search(rb"<w:footerReference [^>]*/>", xml[open_at:close_at])
    footer = found.group(0) if found is not None else None

    def with_footer(piece: bytes) -> bytes:  # add_page_numbers put it on the only section; Word reads the first
        nonlocal footer
        if footer is None or b"<w:sectPr" not in piece:
            return piece
        first = piece.index(b">", piece.index(b"<w:sectPr")) + 1
        piece, footer = piece[:first] + footer + piece[first:], None
        return piece

    pieces = [xml[:start]]
    for fragment, ids in zip(fragments, maps):
        piece = re.sub(rb'r:embed="(rId\d+)"', lambda m, ids=ids: b'r:embed="%s"' % ids[m.group(1).decode()].encode(),
                       fragment.xml)
        pieces.append(with_footer(re.sub(rb'<wp:docPr id="\d+" name="Picture \d+"', renumber, piece)))
    pieces += [xml[stop:open_at], with_footer(_without_root_declarations(end.sect_pr.encode(), document)),
               xml[close_at:]]
    members[index] = ("word/document.xml", b"".join(pieces))
    del xml, pieces
    from helpers.present.xlsx import build_time, zip_members

    return zip_members(members, build_time())


class _Members:
    """Collects the members python-docx's package writer would zip (``write(pack_uri, blob)``)."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.members.append((pack_uri.membername, blob))


def document_bytes(document) -> bytes:
    """The document serialised with fixed ZIP dates and core-property dates, in one pass: python-docx's
    own package writer names the members, :func:`~helpers.present.xlsx.zip_members` zips them (its
    ``save`` would deflate every picture, and a second pass would inflate and deflate it all again)."""
    from helpers.present.xlsx import build_time, zip_members

    return zip_members(_package_members(document), build_time())


def _package_members(document) -> list[tuple[str, bytes]]:
    """The ZIP members of ``document`` as python-docx's package writer names and orders them."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    collector = _Members()
    parts = list(package.iter_parts())
    PackageWriter._write_content_types_stream(collector, parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, parts)
    return collector.members


def write_docx(document, path: Path) -> Path:
    """Write ``document`` at ``path`` atomically (reproducible bytes)."""
    return files.write_bytes(path, document_bytes(document))


__all__ = ["DocxSettings", "PAPERS", "SettingsError", "Writer", "add_markdown", "add_page_numbers",
           "add_table", "add_toc",
           "load_settings", "markdown_blocks", "needs_landscape", "new_document", "plain_text", "table_xml",
           "write_docx"]
