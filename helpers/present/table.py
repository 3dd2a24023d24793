"""The table model: a table described once, rendered to HTML, XLSX and CSV (and DOCX) alike.

A :class:`Table` holds

* its **data** (a DataFrame, numbers as numbers, missing values as ``<NA>``);
* its **columns** (:class:`Column`): the data column, the header label, the **role** that says
  how a value is shown (text, multiline, code, integer, decimal, rupiah, percent, grade, year,
  mixed) and flags (wide, highlighted reporting year);
* **multi-row headers**: a column's label may be a path such as ``("2025", "Rp")``; adjacent
  columns that share a prefix are merged above them, as the document prints them;
* **row roles**: total rows in bold, section headers in italics, indent levels, highlighted rows;
* **marks**: cells whose recomputed figure differs from the printed one (:class:`Mark`, carrying
  the printed value), and blank cells left empty by layout;
* its **caption** (the document's number and title), **notes** and **source**.

Renderers (:mod:`helpers.present.html`, :mod:`helpers.present.xlsx`) turn a table into a format;
they never know a page, and pages never write HTML or cells by hand. Every renderer takes its
display strings from :meth:`Table.cell_text`, so the HTML, the XLSX and the Word appendix show
the same text for the same cell.

Every text a table or a figure shows (cells, headers, caption, notes, source, symbols; a figure's
caption and alt text) uses the document's terms with its typos corrected
(:func:`reader_text`: "Ratio/Rasi Kekerasan" → "Rasio Kekerasan"), so every product of a page says
the same: HTML, CSV, XLSX, DOCX and the page model. The data keep the document's spelling; only
:attr:`Mark.printed`, the quote of what the document printed, is kept verbatim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence, Union

import pandas as pd

from helpers.core.numbers import MISSING_DISPLAY, format_number, format_percent
from helpers.core.text import document_term, is_na, slug

#: How a column's values are shown. Number roles are right-aligned; ``mixed`` holds numbers or
#: text (AKIP grades beside scores) and is right-aligned too.
ROLES = ("text", "multiline", "code", "integer", "decimal", "rupiah", "percent", "grade", "year", "mixed")
NUMBER_ROLES = frozenset({"integer", "decimal", "rupiah", "percent", "year", "mixed", "grade"})

#: The old short names of roles, still accepted in ``kinds=``: ``dec2`` is a decimal with two places.
KIND_ALIASES = {"int": ("integer", 0), "rupiah": ("rupiah", 0), "dec1": ("decimal", 1), "dec2": ("decimal", 2),
                "dec3": ("decimal", 3), "pct": ("percent", 2), "text": ("text", 0), "year": ("year", 0)}

MARK = "*"
MARK_NOTE = ("*) dihitung ulang dari angka dasar; berbeda dengan angka yang tercetak di dokumen "
             "(lihat Audit).")

Label = Union[str, Sequence[str]]


def reader_text(value):
    """A text as a reader sees it: the document's terms, its typos corrected
    (:func:`helpers.core.text.document_term`); anything that is not text is returned unchanged."""
    return document_term(value) if isinstance(value, str) else value


def _reader_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`reader_text` applied to its text cells (a column without a change is kept as it is)."""
    for j in range(frame.shape[1]):
        if pd.api.types.is_numeric_dtype(frame.iloc[:, j].dtype):
            continue
        values = frame.iloc[:, j].tolist()
        fixed = [reader_text(v) for v in values]
        if any(isinstance(v, str) and v != f for v, f in zip(values, fixed)):
            frame.isetitem(j, pd.Series(fixed, index=frame.index, dtype=frame.iloc[:, j].dtype))
    return frame


@dataclass(frozen=True)
class Column:
    """One column of a table as the reader sees it.

    ``key`` names the data column; ``label`` is the header text or a path of header texts from
    the top header row down (``("Tahun 2025", "Rp")``); ``decimals`` is an int, or one int per row
    for ``mixed`` columns whose rows have different precisions.
    """

    key: str
    label: Label = ""
    role: str = "text"
    decimals: Union[int, Sequence[int]] = 0
    wide: bool = False
    highlight: bool = False

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"column {self.key!r}: unknown role {self.role!r}; expected one of {ROLES}")
        label = self.label
        object.__setattr__(self, "label", tuple(map(reader_text, label)) if isinstance(label, (list, tuple))
                           else reader_text(label))

    @property
    def path(self) -> tuple[str, ...]:
        label = self.label if self.label not in ("", None) else self.key
        return (str(label),) if isinstance(label, str) else tuple(str(part) for part in label)

    @property
    def heading(self) -> str:
        """The lowest header text (what a one-row header would show)."""
        return self.path[-1]

    @property
    def numeric(self) -> bool:
        return self.role in NUMBER_ROLES

    def decimals_for(self, row: int) -> int:
        if isinstance(self.decimals, int):
            return self.decimals
        return int(self.decimals[row])


@dataclass(frozen=True)
class Mark:
    """A corrected cell: the recomputed value is shown, the printed one is given here."""

    printed: Optional[str] = None
    note: Optional[str] = None
    #: False: the printed value is shown on the cell (HTML title, XLSX comment) but not repeated in
    #: the notes, for a table whose many such cells one note of its own summarises.
    listed: bool = True


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a rendered header: its text, how many columns and rows it spans."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    column: Optional[Column] = None  # set on the cell that sits directly above a data column


def format_cell(value, role: str, decimals: int = 0) -> str:
    """Format one value for display according to its role (Indonesian style)."""
    if role in ("text", "multiline", "code", "grade"):
        return MISSING_DISPLAY if is_na(value) else str(value)
    if is_na(value):
        return MISSING_DISPLAY
    if isinstance(value, str):  # mixed columns: a grade or a printed symbol beside numbers
        return value
    if role == "year":
        return str(int(value))
    if role in ("integer", "rupiah"):
        return format_number(value, 0)
    if role == "percent":
        return format_percent(value, decimals)
    return format_number(value, decimals)  # decimal, mixed


def guess_role(series: pd.Series, name: str) -> tuple[str, int]:
    """Default role of a data column: ``tahun`` → year, integers → integer, floats → decimal (2)."""
    if str(name).lower() in ("tahun", "year"):
        return "year", 0
    if pd.api.types.is_bool_dtype(series.dtype):
        return "text", 0
    if pd.api.types.is_integer_dtype(series.dtype):
        return "integer", 0
    if pd.api.types.is_float_dtype(series.dtype):
        return "decimal", 2
    return "text", 0


def columns_for(df: pd.DataFrame, kinds: Optional[Mapping[str, str]] = None, *,
                highlight: Iterable[str] = (), wide: Iterable[str] = (), multiline: Iterable[str] = (),
                code: Iterable[str] = (), mixed: Optional[Mapping[str, Sequence[int]]] = None) -> list[Column]:
    """Columns for every column of ``df``, labelled by their names.

    ``kinds`` maps a column to a role (``"rupiah"``, ``"percent"``) or an old short kind
    (``"dec2"``, ``"pct"``); the others are guessed from their dtype. ``mixed`` maps a column to
    its per-row decimals.
    """
    kinds, mixed = dict(kinds or {}), dict(mixed or {})
    highlight, wide, multiline, code = set(highlight), set(wide), set(multiline), set(code)
    unknown = (set(kinds) | highlight | wide | multiline | code | set(mixed)) - set(df.columns)
    if unknown:
        raise ValueError(f"columns {sorted(map(str, unknown))} are not in the data; expected some of "
                         f"{[str(c) for c in df.columns]}")
    columns = []
    for name in df.columns:
        role, decimals = guess_role(df[name], name)
        if name in kinds:
            kind = kinds[name]
            role, decimals = KIND_ALIASES.get(kind, (kind, 2 if kind in ("decimal", "percent") else 0))
        if name in multiline:
            role = "multiline"
        if name in code:
            role = "code"
        if name in mixed:
            role, decimals = "mixed", tuple(int(d) for d in mixed[name])
        columns.append(Column(key=name, label=str(name), role=role, decimals=decimals,
                              wide=name in wide, highlight=name in highlight))
    return columns


CAPTION_NUMBER = re.compile(r"^(Tabel|Gambar)\s+(\d+(?:\.\d+)*[a-z]?)")


class Table:
    """A table described once (see the module docstring); renderers turn it into a format.

    ``marks`` is either a mapping ``{(row, key): Mark}`` or a boolean DataFrame shaped like the
    data (True marks a cell). ``blank`` lists ``(row, key)`` cells shown empty (a group header
    that prints no figures). ``indent`` maps a row to its level (0, 1, 2 …).
    """

    def __init__(self, data: pd.DataFrame, columns: Optional[Sequence[Column]] = None, *, caption: str,
                 name: Optional[str] = None, number: Optional[str] = None, notes: Iterable[str] | str = (),
                 source: str = "", kinds: Optional[Mapping[str, str]] = None, bold_rows: Iterable[int] = (),
                 section_rows: Iterable[int] = (), indent: Optional[Mapping[int, int]] = None,
                 highlight_rows: Iterable[int] = (), marks=None, blank: Iterable[tuple[int, str]] = (),
                 wide: bool = False, symbols: Optional[Mapping[tuple[int, str], str]] = None):
        self.data = _reader_frame(data.reset_index(drop=True))
        self.columns = list(columns) if columns is not None else columns_for(self.data, kinds)
        missing = [c.key for c in self.columns if c.key not in self.data.columns]
        if missing:
            raise ValueError(f"table {caption!r}: columns {missing} are not in the data; expected some of "
                             f"{[str(c) for c in self.data.columns]}")
        self.caption = reader_text(caption)
        found = CAPTION_NUMBER.match(caption or "")
        self.number = number if number is not None else (found.group(2) if found else "")
        self.name = name or slug(caption)
        if isinstance(notes, str):
            self.notes = [reader_text(line) for line in notes.split("\n") if line.strip()]
        else:
            self.notes = [reader_text(n) for n in notes if n]
        self.source = reader_text(source)
        self.bold_rows = frozenset(int(i) for i in bold_rows)
        self.section_rows = frozenset(int(i) for i in section_rows)
        self.indent = {int(k): int(v) for k, v in (indent or {}).items() if int(v)}
        self.highlight_rows = frozenset(int(i) for i in highlight_rows)
        self.blank = frozenset((int(i), k) for i, k in blank)
        self.marks = self._marks(marks)
        self.wide = wide  # printed on a landscape page (Word) / given the full page width
        #: The symbol the document printed in place of a number, per ``(row, key)``: ``"-"`` for a
        #: nihil (the value is 0) or for "no target"; shown instead of the formatted value.
        self.symbols = {(int(i), str(k)): reader_text(str(v)) for (i, k), v in dict(symbols or {}).items()}

    # -- construction helpers ------------------------------------------------------------------

    def _marks(self, marks) -> dict[tuple[int, str], Mark]:
        if marks is None:
            return {}
        if isinstance(marks, pd.DataFrame):
            frame = marks.reset_index(drop=True)
            out = {}
            for key in frame.columns:
                flags = frame[key].fillna(False).astype(bool)
                out.update({(int(i), key): Mark() for i in flags.index[flags]})
            return out
        return {(int(i), k): (m if isinstance(m, Mark) else Mark(printed=None if m is True else str(m)))
                for (i, k), m in dict(marks).items()}

    # -- what every renderer reads ------------------------------------------------------------

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def n_rows(self) -> int:
        return len(self.data)

    def value(self, row: int, column: Column):
        """The data value of a cell (column values are read from the frame once: renderers ask
        for every cell, and ``DataFrame.at`` costs a tenth of a millisecond each time)."""
        values = self.__dict__.get("_values")
        if values is None:
            values = self.__dict__["_values"] = {key: self.data[key].tolist() for key in self.data.columns}
        return values[column.key][row]

    def is_blank(self, row: int, column: Column) -> bool:
        """A cell left empty by layout: listed in ``blank``, or an empty number in a section row."""
        if (row, column.key) in self.blank:
            return True
        return row in self.section_rows and column.numeric and is_na(self.value(row, column))

    def mark(self, row: int, column: Column) -> Optional[Mark]:
        return self.marks.get((row, column.key))

    def cell_text(self, row: int, column: Column, *, with_mark: bool = True) -> str:
        """The text a reader sees in a cell (marks included): the same in every renderer."""
        texts = self.__dict__.get("_texts")  # a table rebuilt from its record: computed once per cell
        if texts is not None:
            key = (row, column.key, with_mark)
            if key not in texts:
                texts[key] = self._cell_text(row, column, with_mark)
            return texts[key]
        return self._cell_text(row, column, with_mark)

    def _cell_text(self, row: int, column: Column, with_mark: bool) -> str:
        if self.is_blank(row, column):
            return ""
        symbol = self.symbols.get((row, column.key))
        text = (symbol if symbol is not None
                else format_cell(self.value(row, column), column.role, column.decimals_for(row)))
        if with_mark and self.mark(row, column) is not None:
            text += MARK
        return text

    def display_frame(self) -> pd.DataFrame:
        """The table as the strings a reader sees, one column per :class:`Column` (labelled by heading)."""
        return pd.DataFrame({c.heading if list(self.headings).count(c.heading) == 1 else c.key:
                             [self.cell_text(i, c) for i in range(self.n_rows)] for c in self.columns})

    @property
    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]

    def has_marks(self) -> bool:
        return bool(self.marks)

    def all_notes(self) -> list[str]:
        """The notes under the table: its own, then the marks' explanation with the printed values."""
        notes = list(self.notes)
        if self.marks:
            printed = []
            for (i, key), mark in sorted(self.marks.items(), key=lambda item: (item[0][0], self.keys.index(item[0][1])
                                                                                if item[0][1] in self.keys else 0)):
                column = next((c for c in self.columns if c.key == key), None)
                if column is not None and mark.printed and mark.listed:
                    where = self.row_label(i)
                    printed.append(f"{where}, {' '.join(column.path)}: tercetak {mark.printed}"
                                   + (f" ({mark.note})" if mark.note else ""))
            notes.append(MARK_NOTE if not printed else MARK_NOTE.rstrip(".") + ". " + "; ".join(printed) + ".")
        return notes

    def row_label(self, row: int) -> str:
        """A short name of a row for notes: its first text cell, else its number."""
        for c in self.columns:
            if c.role in ("text", "multiline", "code"):
                value = self.value(row, c)
                if not is_na(value) and str(value).strip():
                    return str(value).strip()
        return f"baris {row + 1}"

    def header_rows(self) -> list[list[HeaderCell]]:
        """The header as rows of merged cells, top to bottom, computed from the column paths.

        Adjacent columns whose paths share the same text at a level (and the same text above it)
        share one cell there; a column with a shorter path spans down to the last header row.
        """
        depth = max((len(c.path) for c in self.columns), default=1)
        rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
        for level in range(depth):
            j = 0
            while j < len(self.columns):
                column = self.columns[j]
                path = column.path
                if level >= len(path):
                    j += 1
                    continue
                last = level == len(path) - 1
                span = 1
                if not last:
                    while (j + span < len(self.columns) and len(self.columns[j + span].path) > level + 1
                           and self.columns[j + span].path[:level + 1] == path[:level + 1]):
                        span += 1
                rowspan = depth - level if last else 1
                rows[level].append(HeaderCell(path[level], colspan=span, rowspan=rowspan,
                                              column=column if last else None))
                j += span
        return rows

    def __repr__(self) -> str:
        return f"Table({self.caption!r}, {self.n_rows} rows, {len(self.columns)} columns)"

    # -- the page model: a table written as JSON by the page, read back by the appendix -------

    #: Every attribute a table carries. :meth:`to_record` writes each of them, and a test fails
    #: when an attribute is added to the model without being recorded here.
    RECORDED = ("data", "columns", "caption", "number", "name", "notes", "source", "bold_rows", "section_rows",
                "indent", "highlight_rows", "blank", "marks", "wide", "symbols")

    def to_record(self) -> dict:
        """The whole table as JSON-ready values (the page model that the Word appendix and the
        year's workbook are built from, after the page has run)."""
        def plain(value):
            if is_na(value):
                return None
            if hasattr(value, "item"):  # numpy scalars
                value = value.item()
            return value

        return {
            "caption": self.caption, "number": self.number, "name": self.name, "notes": list(self.notes),
            "source": self.source, "wide": bool(self.wide),
            "columns": [{"key": str(c.key), "label": list(c.path), "role": c.role,
                         "decimals": c.decimals if isinstance(c.decimals, int) else [int(d) for d in c.decimals],
                         "wide": c.wide, "highlight": c.highlight} for c in self.columns],
            "data": {"keys": [str(k) for k in self.data.columns],
                     "dtypes": [str(self.data[k].dtype) for k in self.data.columns],
                     "rows": [[plain(v) for v in row] for row in self.data.itertuples(index=False, name=None)]},
            "bold_rows": sorted(self.bold_rows), "section_rows": sorted(self.section_rows),
            "indent": [[i, level] for i, level in sorted(self.indent.items())],
            "highlight_rows": sorted(self.highlight_rows),
            "blank": sorted([i, k] for i, k in self.blank),
            "marks": [[i, k, m.printed, m.note, m.listed] for (i, k), m in sorted(self.marks.items())],
            "symbols": [[i, k, v] for (i, k), v in sorted(self.symbols.items())],
        }

    @classmethod
    def from_record(cls, record: dict) -> "Table":
        """The table :meth:`to_record` wrote (same cells, same text in every renderer)."""
        data = record["data"]
        frame = pd.DataFrame([list(r) for r in data["rows"]], columns=data["keys"], dtype=object)
        if frame.empty:
            frame = pd.DataFrame({k: pd.Series(dtype=object) for k in data["keys"]})
        for key, dtype in zip(data["keys"], data["dtypes"]):
            if dtype != "object":
                try:
                    frame[key] = frame[key].astype(dtype)
                except (TypeError, ValueError):
                    pass  # keep the values as they are; the renderers read values, not dtypes
        columns = [Column(key=c["key"], label=c["label"][0] if len(c["label"]) == 1 else tuple(c["label"]),
                          role=c["role"],
                          decimals=c["decimals"] if isinstance(c["decimals"], int) else tuple(c["decimals"]),
                          wide=c["wide"], highlight=c["highlight"]) for c in record["columns"]]
        marks = {(i, k): Mark(printed=printed, note=note, listed=listed)
                 for i, k, printed, note, listed in record["marks"]}
        table = cls(frame, columns, caption=record["caption"], name=record["name"], number=record["number"],
                   notes=record["notes"], source=record["source"], bold_rows=record["bold_rows"],
                   section_rows=record["section_rows"], indent=dict(map(tuple, record["indent"])),
                   highlight_rows=record["highlight_rows"], marks=marks,
                   blank=[tuple(b) for b in record["blank"]], wide=record["wide"],
                   symbols={(i, k): v for i, k, v in record.get("symbols", [])})
        # Rebuilt for the documents, which only read it: the Word table, its column widths and the
        # workbook sheet ask for each cell's text four times.
        table.__dict__["_texts"] = {}
        return table


@dataclass
class Figure:
    """A chart with its caption (``Gambar …``) and an Indonesian ``alt`` text that summarises it."""

    fig: object
    name: str
    caption: str = ""
    alt: str = ""

    def __post_init__(self):
        self.caption, self.alt = reader_text(self.caption), reader_text(self.alt)


@dataclass
class Narrative:
    """A draft narrative (Markdown) with its stable id (``outputs/<tahun>/narasi/<id>.md``) and the
    ``facts`` it cites (name → number, e.g. ``{"Jumlah PPKS 2024 (jiwa)": 63432}``): a planner's
    revision is checked against them, and a revision made from other values is flagged ``berubah``."""

    id: str
    text: str
    facts: Optional[Mapping[str, float]] = None


@dataclass
class Notice:
    """A plain sentence shown in place of something that cannot be shown (no data, no table)."""

    text: str
    kind: str = "info"


def unavailable(label: str) -> Notice:
    """``Tabel 2.2.5 (inventaris) tidak tersedia dalam data.``: for a table another office lacks."""
    return Notice(f"{label} tidak tersedia dalam data.", kind="absent")


Shown = Union[Table, Figure, Narrative, Notice, str, None]
Items = Union[Shown, Sequence[Shown]]

__all__ = ["Column", "Figure", "HeaderCell", "Mark", "Narrative", "Notice", "Table", "MARK", "MARK_NOTE",
           "ROLES", "columns_for", "format_cell", "reader_text", "unavailable"]
