"""The one way into the data: schemas, parsing and validation of ``data/tables``.

Every table is a CSV of base figures (``data/tables/<id>.csv``) described by a YAML schema
(``data/tables/<id>.yaml``, format in ``docs/data-conventions.md``). :func:`load` reads the
CSV as text, parses each cell with its declared type, validates the result and returns a
typed DataFrame; anything wrong raises :class:`DataValidationError` naming the file, the row
(the spreadsheet row number: the header is row 1), the column, the value and what was
expected. Nothing is returned half-checked.

Validation is two-stage:

1. *parsing* (here): encoding, delimiter, header, field counts and cell syntax, which need
   the raw text and its row numbers;
2. *declarative checks* with **pandera**: types, nullability, ranges, allowed values and
   primary-key uniqueness, built from the YAML schema (:func:`pandera_schema`), plus the
   cross-row checks pandera has no vocabulary for (parent and foreign keys, units).

Usage::

    from helpers.core.data import load, load_printed
    ppks = load("2_3_2_ppks")
"""
from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import pandas as pd
import yaml

from helpers.core.numbers import NumberFormatError, is_missing, parse_number

from helpers.core.yamlfile import read_yaml  # noqa: F401  (re-exported: the loader's YAML reading)
from helpers.core.config import CACHE_DIR_ENV, DATA_DIR_ENV, DEFAULT_DATA_DIR, REPO_ROOT, default_data_dir  # noqa: F401

COLUMN_TYPES = ("string", "integer", "number", "code", "grade", "unit")
#: AKIP grades under PermenPAN-RB 88/2021, best first.
AKIP_GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")
#: A normalised Kepmendagri 050-5889 code: U, U.BB, U.BB.PP, U.BB.PP.K.KK, U.BB.PP.K.KK.SSSS.
CODE_PATTERN = re.compile(r"^\d(\.\d{2}(\.\d{2}(\.\d\.\d{2}(\.\d{4})?)?)?)?$")
PRINTED_COLUMNS = ("row", "tahun", "column", "printed", "value", "note")
#: What a number cell of a machine-style data file may contain (after trimming surrounding spaces).
MACHINE_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
SCHEMA_KEYS = {
    "id", "number", "title", "section", "source_lines", "description", "primary_key",
    "parent", "foreign_keys", "columns", "number_style", "notes",
}
COLUMN_KEYS = {"type", "unit", "nullable", "min", "max", "allowed", "within", "description", "dash", "blank"}
#: What a "-" printed in a number column means (schema key ``dash``). In Indonesian statistical
#: tables (BPS, and this document's own arithmetic) "-" is **nihil**, a zero printed as a dash,
#: for additive quantities (people, items, rupiah, staff); for the targets of rates, percentages,
#: indices and scores it means that no target was set (``no_target``); ``no_value`` for any other
#: column where "-" is printed but means "no value". A data file writes the document's "-" as
#: ``-`` in such a column; the loader turns it into 0 (nihil) or <NA> and keeps the symbol.
DASH_MEANINGS = ("nihil", "no_target", "no_value")
#: What an empty cell means (schema key ``blank``): ``no_value`` (default) or ``nihil`` where the
#: document's own arithmetic adds a blank as 0 (the budget tables: a growth printed −100,00 for a
#: last year left blank).
BLANK_MEANINGS = ("nihil", "no_value")
#: The symbol a reader sees for a nihil value the document printed as "-" (or left blank).
NIHIL_SYMBOL = "-"
#: Year ranges a column may be tied to, read from the office's opd.yaml instead of written in
#: the schema: ``periode`` = inside the plan period, ``before_periode`` = a history year.
WITHIN = ("periode", "before_periode")


class DataValidationError(ValueError):
    """Bad input: names the file, row, column, value and what was expected."""

    def __init__(self, file: os.PathLike | str, problem: str, *, row: Optional[int] = None,
                 column: Optional[str] = None, value: Any = None, expected: Optional[str] = None):
        if hasattr(value, "item"):
            value = value.item()
        if isinstance(value, dict):
            value = {k: (v.item() if hasattr(v, "item") else v) for k, v in value.items()}
        self.file = str(file)
        self.row = row
        self.column = column
        self.value = value
        self.expected = expected
        self.problem = problem
        parts = [self.file]
        if row is not None:
            parts.append(f"baris {row}")
        if column is not None:
            parts.append(f"kolom '{column}'")
        message = ", ".join(parts) + f": {problem}"
        if value is not None:
            message += f" (nilai {value!r})"
        if expected:
            message += f"; seharusnya {expected}"
        super().__init__(message)


#: At most this many bad cells of one file are listed; the rest are counted.
MAX_PROBLEMS = 50
#: Limits of one data file: a bigger file or more data rows is refused before it is parsed (the
#: largest table of a Renstra has a few hundred rows; these leave room for any office's plan).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DATA_ROWS = 100_000


class TableProblems(DataValidationError):
    """Every bad cell of one file (up to :data:`MAX_PROBLEMS`, the rest counted); file, row,
    column, value and expectation are those of the first, the message lists them all."""

    def __init__(self, problems: list[DataValidationError]):
        first = problems[0]
        super().__init__(first.file, first.problem, row=first.row, column=first.column, value=first.value,
                         expected=first.expected)
        self.problems = problems
        if len(problems) > 1:
            shown = problems[1:MAX_PROBLEMS]
            more = len(problems) - 1 - len(shown)
            lines = "".join(f"\n  - {p}" for p in shown)
            tail = f"\n  … dan {more} sel salah lainnya di berkas ini" if more else ""
            self.args = (f"{self.args[0]}\n  {len(problems) - 1} sel lain yang salah di berkas ini:{lines}{tail}",)

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Column:
    """One declared column of a table."""

    name: str
    type: str
    nullable: bool = False
    unit: Optional[str] = None
    min: Optional[float] = None
    max: Optional[float] = None
    allowed: Optional[tuple] = None
    description: str = ""
    within: Optional[str] = None
    dash: Optional[str] = None
    blank: str = "no_value"

    @property
    def nihil(self) -> bool:
        """True for an additive quantity whose "-" (and, if declared, blank) is a printed zero."""
        return self.dash == "nihil" or self.blank == "nihil"


@dataclass(frozen=True)
class TableSchema:
    """A table's schema and provenance, read from ``data/tables/<id>.yaml``."""

    id: str
    number: str
    title: str
    section: str
    source_lines: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    parent: Optional[dict] = None
    foreign_keys: tuple[dict, ...] = ()
    number_style: str = "machine"
    path: Path = field(default=Path("."), compare=False)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def caption(self) -> str:
        """The heading the document prints, e.g. ``Tabel 2.3.2 Perkembangan Data ...``."""
        return f"{self.number} {self.title}".strip()

    def __deepcopy__(self, memo):  # immutable: pandas copies a frame's attrs on every operation
        return self


class PrintedSymbols(dict):
    """``{(key, column): symbol}`` of a loaded table (``frame.attrs['symbols']``), never changed
    after loading: pandas deep-copies a frame's attrs on every operation, this copy is free."""

    def __deepcopy__(self, memo):
        return self


def resolve_data_dir(path: os.PathLike | str | None = None) -> Path:
    """Resolve the data directory: the argument, else ``$RENSTRA_DATA_DIR``, else ``data/``."""
    chosen = path or default_data_dir()
    resolved = Path(chosen).expanduser().resolve()
    if not resolved.is_dir():
        raise DataValidationError(resolved, "direktori data tidak ada",
                                  expected="direktori yang memuat tables/ (dan printed/)")
    return resolved


def table_ids(data_dir: os.PathLike | str | None = None) -> list[str]:
    """All table ids that have a schema in ``<data_dir>/tables``, in document order."""
    tables = resolve_data_dir(data_dir) / "tables"
    return sorted(p.stem for p in tables.glob("*.yaml"))


#: Table ids asked for (loaded, schema read or looked for) since :func:`reset_reads`, and the
#: realisation years loaded (as ``realisasi/<tahun>``): a page's ``setup()`` resets it, its model
#: records it, and the runner fails a page that read a table its ``depends_on`` does not declare, or
#: the realisation of a year its ``realisasi`` does not cover (it would not be rebuilt when they change).
_TABLES_READ: set[str] = set()
_REALISASI_PREFIX = "realisasi/"


def reset_reads() -> None:
    """Forget the tables read so far (a page starts)."""
    _TABLES_READ.clear()


#: The content key of each data directory, with the (inode, size, mtime, ctime) of its files when
#: it was computed: the bytes are hashed again only when one of them changed (a write always
#: changes the ctime, even when a copy keeps the mtime).
_DATA_KEYS: dict[str, tuple[tuple, str]] = {}
#: Results of :func:`same_data_same_result` functions by (function, arguments, data content).
_RESULTS: dict[tuple, tuple[object, frozenset, frozenset]] = {}


def _file_stats(root: Path) -> tuple:
    """(path, inode, size, mtime, ctime) of every file under ``root``, sorted (symlinked folders are
    not entered, as ``Path.rglob``). ``os.walk`` and ``os.stat``: a page asks for this once per
    table it reads, a fourth of the time pathlib took."""
    import stat

    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:  # a dangling link, or removed meanwhile
                continue
            if stat.S_ISREG(info.st_mode):
                found.append((path, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(sorted(found))


def data_key(data_dir: os.PathLike | str | None = None) -> str:
    """The content hash of a data directory (:func:`helpers.core.datastamp.content_hash`: every
    data file but the narrative revisions, and the loader's code), hashed again only when a file's
    stat changed."""
    from helpers.core.datastamp import content_hash

    root = resolve_data_dir(data_dir)
    signature = _file_stats(root)
    known = _DATA_KEYS.get(str(root))
    if known is None or known[0] != signature:
        known = _DATA_KEYS[str(root)] = (signature, content_hash(root))
    return known[1]


def same_data_same_result(function):
    """Keep ``function(table_id, data_dir)``'s result for the data's content: a kernel that serves
    several pages (one per reporting year) computes a year-independent figure once. The tables
    the first call read are counted as read by every later one (:func:`tables_read`); callers get
    a copy of a DataFrame.

    With ``RENSTRA_CACHE_DIR`` set (the runner's kernels), the result is also kept on disk with
    what it was computed from (:func:`_reads_fingerprint`: the files of the tables it read, their
    printed figures, the office files, the table list and the loader's code), and a later process
    uses it while those are unchanged: one changed table recomputes the results that read it, not
    every table's."""
    import functools

    @functools.wraps(function)
    def wrapper(table_id: str, data_dir: os.PathLike | str | None = None):
        root = resolve_data_dir(data_dir)
        name = f"{function.__module__}.{function.__qualname__}"
        key = (name, table_id, str(root), data_key(root))
        if key not in _RESULTS:
            kept = _read_kept_result(name, table_id, root)
            if kept is None:
                before, printed_before = set(_TABLES_READ), set(_PRINTED_READ)
                _TABLES_READ.clear()
                _PRINTED_READ.clear()
                try:
                    value = function(table_id, data_dir)
                finally:
                    read = frozenset(_TABLES_READ)
                    printed = frozenset(_PRINTED_READ)
                    _TABLES_READ.update(before)
                    _PRINTED_READ.update(printed_before | printed)
                kept = (value, read, printed)
                _keep_result(name, table_id, root, kept)
            if len(_RESULTS) > 256:
                _RESULTS.clear()
            _RESULTS[key] = kept
        value, read, printed = _RESULTS[key]
        _TABLES_READ.update(read)
        _PRINTED_READ.update(printed)
        return value.copy() if isinstance(value, pd.DataFrame) else value

    return wrapper


#: The printed figures (``printed/<id>.csv``) looked for since the start of the process, by table
#: id: what a kept result (:func:`same_data_same_result`) also depends on.
_PRINTED_READ: set[str] = set()


def _reads_fingerprint(root: Path, read: Iterable[str], printed: Iterable[str]) -> str:
    """sha256 of everything a result computed from the tables ``read`` may depend on: their CSV
    and schema bytes and printed figures, the imported realisation of the years read, the printed
    figures looked for, ``units.yaml``, ``opd.yaml``, ``klaim.yaml``, the table list and the
    loader's code and library versions (:func:`_loader_version`)."""
    import hashlib

    digest = hashlib.sha256(_loader_version().encode())
    tables = root / "tables"
    paths = [root / "units.yaml", root / "opd.yaml", root / "klaim.yaml"]
    for table_id in sorted(set(read) | set(printed)):
        if table_id.startswith(_REALISASI_PREFIX):
            paths.append(root / "realisasi" / f"{table_id[len(_REALISASI_PREFIX):]}.csv")
        else:
            paths += [tables / f"{table_id}.csv", tables / f"{table_id}.yaml", root / "printed" / f"{table_id}.csv"]
    digest.update(repr(sorted(p.name for p in tables.glob("*.yaml"))).encode())
    for path, content in zip(paths, _content_key(*paths)):
        digest.update(f"{path.relative_to(root)}={content}\n".encode())
    return digest.hexdigest()


def _kept_result_path(name: str, table_id: str) -> Optional[Path]:
    folder = os.environ.get(CACHE_DIR_ENV)
    return Path(folder) / "hasil" / f"{name}-{table_id}.pkl" if folder else None


def _read_kept_result(name: str, table_id: str, root: Path) -> Optional[tuple]:
    """``(value, read, printed)`` kept by :func:`_keep_result` when what it read is unchanged, or None."""
    path = _kept_result_path(name, table_id)
    if path is None or not path.is_file():
        return None
    import pickle

    try:
        with path.open("rb") as handle:
            fingerprint, kept = pickle.load(handle)  # noqa: S301 - written by this module, in the build's own folder
        value, read, printed = kept
    except Exception:  # noqa: BLE001 - truncated, older format: compute again
        return None
    return kept if fingerprint == _reads_fingerprint(root, read, printed) else None


def _keep_result(name: str, table_id: str, root: Path, kept: tuple) -> None:
    """Keep a result on disk with the fingerprint of what it read (atomically; a full or read-only
    disk keeps nothing: the cache is only a shortcut)."""
    path = _kept_result_path(name, table_id)
    if path is None:
        return
    _write_pickle(path, (_reads_fingerprint(root, kept[1], kept[2]), kept))


def _write_pickle(path: Path, value: object) -> bool:
    """Write ``value`` to ``path`` atomically (a temporary file renamed); False when the disk refused."""
    import pickle
    import tempfile

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


def tables_read() -> list[str]:
    """The table ids loaded, whose schema was read, or looked for since :func:`reset_reads`."""
    return sorted(t for t in _TABLES_READ if not t.startswith(_REALISASI_PREFIX))


def record_realisasi_read(tahun: int) -> None:
    """Count the imported realisation of ``tahun`` as read (:func:`helpers.core.realisasi.load_realisasi`)."""
    _TABLES_READ.add(f"{_REALISASI_PREFIX}{int(tahun)}")


def realisasi_read() -> list[int]:
    """The realisation years loaded (whether imported or not) since :func:`reset_reads`."""
    return sorted(int(t[len(_REALISASI_PREFIX):]) for t in _TABLES_READ if t.startswith(_REALISASI_PREFIX))


def has_table(table_id: str, data_dir: os.PathLike | str | None = None) -> bool:
    """True when ``<data_dir>/tables/<table_id>.csv`` exists (another office may lack a table)."""
    _TABLES_READ.add(str(table_id))
    return (resolve_data_dir(data_dir) / "tables" / f"{table_id}.csv").is_file()


def _fill_identity(text: str, data_dir: os.PathLike | str | None) -> str:
    """Fill ``{nama}``, ``{pemerintah_daerah}`` … of a schema title from ``opd.yaml`` (only when used)."""
    from helpers.core.opd import PLACEHOLDER, OpdError, load_opd

    if not PLACEHOLDER.search(text):
        return text
    try:
        return load_opd(data_dir).fill(text)
    except OpdError as exc:
        root = resolve_data_dir(data_dir)
        raise DataValidationError(root / "opd.yaml", f"identitas perangkat daerah diperlukan untuk mengisi {text[:60]!r}",
                                  expected=str(exc).split(": ", 1)[-1]) from None


def read_schema(table_id: str, data_dir: os.PathLike | str | None = None) -> TableSchema:
    """Read and check the YAML schema of ``table_id``."""
    _TABLES_READ.add(str(table_id))
    path = resolve_data_dir(data_dir) / "tables" / f"{table_id}.yaml"
    if not path.is_file():
        known = ", ".join(table_ids(data_dir)) or "tidak ada"
        raise DataValidationError(path, f"tidak ada skema untuk tabel '{table_id}'",
                                  expected=f"salah satu tabel yang dikenal: {known}")
    try:
        raw = read_yaml(path)
    except yaml.YAMLError as exc:
        raise DataValidationError(path, f"skema bukan YAML yang sah: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        raise DataValidationError(path, "skema tidak memiliki pemetaan 'columns'",
                                  expected="lihat docs/data-conventions.md")
    unknown = set(raw) - SCHEMA_KEYS
    if unknown:
        raise DataValidationError(path, f"kunci skema tidak dikenal {sorted(unknown)}",
                                  expected=f"hanya {sorted(SCHEMA_KEYS)}")
    columns = []
    for name, spec in raw["columns"].items():
        spec = spec or {}
        bad = set(spec) - COLUMN_KEYS
        if bad:
            raise DataValidationError(path, f"kolom '{name}' memiliki kunci tidak dikenal {sorted(bad)}",
                                      expected=f"hanya {sorted(COLUMN_KEYS)}")
        if not isinstance(spec, dict):
            raise DataValidationError(path, f"kolom '{name}' bukan pemetaan kunci", value=spec,
                                      expected="type:, nullable:, … (docs/data-conventions.md)")
        for bound in ("min", "max"):
            if spec.get(bound) is not None and (isinstance(spec[bound], bool)
                                                or not isinstance(spec[bound], (int, float))):
                raise DataValidationError(path, f"kolom '{name}': '{bound}' bukan angka", value=spec[bound],
                                          expected="angka gaya YAML, misalnya 0.5 (bukan 0,5)")
        if spec.get("nullable") is not None and not isinstance(spec["nullable"], bool):
            raise DataValidationError(path, f"kolom '{name}': 'nullable' bukan true/false",
                                      value=spec["nullable"], expected="true atau false")
        if spec.get("allowed") is not None and not isinstance(spec["allowed"], list):
            raise DataValidationError(path, f"kolom '{name}': 'allowed' bukan daftar", value=spec["allowed"],
                                      expected="daftar YAML, misalnya [a, b]")
        ctype = spec.get("type", "string")
        if ctype not in COLUMN_TYPES:
            raise DataValidationError(path, f"kolom '{name}' memiliki jenis tidak dikenal", value=ctype,
                                      expected=f"salah satu dari {COLUMN_TYPES}")
        if spec.get("within") is not None and spec.get("within") not in WITHIN:
            raise DataValidationError(path, f"kolom '{name}' memiliki 'within' tidak dikenal", value=spec.get("within"),
                                      expected=f"salah satu dari {WITHIN}")
        dash, blank = spec.get("dash"), spec.get("blank", "no_value")
        if dash is not None and dash not in DASH_MEANINGS:
            raise DataValidationError(path, f"kolom '{name}' memiliki 'dash' tidak dikenal", value=dash,
                                      expected=f"salah satu dari {DASH_MEANINGS}")
        if blank not in BLANK_MEANINGS:
            raise DataValidationError(path, f"kolom '{name}' memiliki 'blank' tidak dikenal", value=blank,
                                      expected=f"salah satu dari {BLANK_MEANINGS}")
        if (dash is not None or blank != "no_value") and ctype not in ("integer", "number"):
            raise DataValidationError(path, f"kolom '{name}' menyatakan 'dash'/'blank' padahal bukan kolom angka",
                                      value=ctype, expected="type integer atau number")
        allowed = spec.get("allowed")
        columns.append(Column(
            name=str(name), type=ctype, nullable=bool(spec.get("nullable", False)),
            unit=spec.get("unit"), min=spec.get("min"), max=spec.get("max"), within=spec.get("within"),
            allowed=tuple(allowed) if allowed is not None else None,
            description=str(spec.get("description", "")), dash=dash, blank=blank,
        ))
    names = [c.name for c in columns]
    primary_key = tuple(raw.get("primary_key") or ())
    for key in primary_key:
        if key not in names:
            raise DataValidationError(path, f"kolom kunci utama '{key}' tidak dideklarasikan")
    parent = raw.get("parent")
    if parent and (parent.get("column") not in names or parent.get("references") not in names):
        raise DataValidationError(path, "parent harus menyebut kolom yang dideklarasikan", value=parent,
                                  expected="{column: <col>, references: <col>}")
    return TableSchema(
        id=str(raw.get("id", table_id)), number=str(raw.get("number") or ""),
        title=_fill_identity(str(raw.get("title") or ""), data_dir), section=str(raw.get("section") or ""),
        source_lines=str(raw.get("source_lines") or ""), description=str(raw.get("description") or ""),
        columns=tuple(columns), primary_key=primary_key, parent=parent,
        foreign_keys=tuple(raw.get("foreign_keys") or ()),
        number_style=str(raw.get("number_style", "machine")), path=path,
    )


def load_units(data_dir: os.PathLike | str | None = None) -> dict[str, str]:
    """The unit vocabulary of ``data/units.yaml`` (unit → description)."""
    path = resolve_data_dir(data_dir) / "units.yaml"
    if not path.is_file():
        raise DataValidationError(path, "kosakata satuan tidak ada", expected="data/units.yaml")
    try:
        raw = read_yaml(path) or {}
    except yaml.YAMLError as exc:
        raise DataValidationError(path, f"kosakata satuan tidak dapat dibaca: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("units") or {}, dict):
        raise DataValidationError(path, f"kosakata satuan berupa {type(raw.get('units', raw) if isinstance(raw, dict) else raw).__name__}",
                                  expected="pemetaan 'units:' berisi baris satuan: keterangan")
    return {str(k): str(v) for k, v in (raw.get("units") or {}).items()}


def read_text_file(path: Path) -> str:
    """Read a CSV as UTF-8 (a BOM is accepted); undecodable bytes are reported with position."""
    if not path.is_file():
        raise DataValidationError(path, "berkas tidak ada", expected="berkas CSV di lokasi ini")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataValidationError(path, f"berkas terlalu besar ({size:,} byte)".replace(",", "."),
                                  expected=f"berkas tabel paling besar {MAX_FILE_BYTES:,} byte".replace(",", "."))
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            path, f"bukan teks UTF-8 (byte ke-{exc.start})", row=line,
            value=data[exc.start: exc.start + 4],
            expected="teks UTF-8 (simpan sebagai 'CSV UTF-8' di Excel; Windows-1252 tidak diterima)",
        ) from None
    if not text.strip():
        raise DataValidationError(path, "berkas kosong", expected="baris header dan baris data")
    return text


def read_csv_rows(path: Path, expected_columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV as text rows keyed by column, each with its spreadsheet row number."""
    text = read_text_file(path)
    header_line = text.splitlines()[0]
    if header_line.count(";") >= max(1, header_line.count(",")) and "," not in header_line:
        raise DataValidationError(path, "pemisah salah ';'", row=1, value=header_line[:80],
                                  expected="nilai dipisahkan koma (header harus "
                                           + ",".join(expected_columns) + ")")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader)]
    missing = [c for c in expected_columns if c not in header]
    extra = [c for c in header if c not in expected_columns]
    if missing or extra:
        detail = []
        if missing:
            detail.append(f"kolom tidak ada {missing}")
        if extra:
            detail.append(f"kolom tak terduga {extra}")
        raise DataValidationError(path, "; ".join(detail), row=1, value=",".join(header),
                                  expected="header " + ",".join(expected_columns))
    if header != expected_columns:
        raise DataValidationError(path, "urutan kolom salah", row=1, value=",".join(header),
                                  expected="header " + ",".join(expected_columns))
    rows = []
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a cell longer than csv.field_size_limit() (131.072 characters)
            raise DataValidationError(path, f"CSV tidak dapat dibaca ({exc})", row=reader.line_num,
                                      expected=f"sel paling panjang {csv.field_size_limit():,} karakter dan "
                                               "tanda kutip berpasangan".replace(",", ".")) from None
        row_number = reader.line_num
        if not record or all(not cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise DataValidationError(path, f"baris memiliki {len(record)} kolom", row=row_number,
                                      value=",".join(record)[:120],
                                      expected=f"{len(header)} kolom ({','.join(header)})")
        rows.append((row_number, dict(zip(header, record))))
        if len(rows) > MAX_DATA_ROWS:
            raise DataValidationError(path, f"lebih dari {MAX_DATA_ROWS:,} baris data".replace(",", "."),
                                      row=row_number, expected=f"paling banyak {MAX_DATA_ROWS:,} baris data".replace(",", "."))
    return rows


def parse_cell(text: str, column: Column, *, path: Path, row: int, units: dict[str, str],
               number_style: str = "machine") -> Any:
    """Parse one CSV cell according to its declared column type (None for an empty cell)."""
    raw = text
    text = text.strip()
    def fail(problem: str, expected: str) -> DataValidationError:
        return DataValidationError(path, problem, row=row, column=column.name, value=raw, expected=expected)

    if column.type in ("integer", "number"):
        if text == "":
            return 0 if column.blank == "nihil" else None
        if text == NIHIL_SYMBOL and column.dash is not None:
            return 0 if column.dash == "nihil" else None
        if number_style == "machine" and is_missing(text):
            raise fail("penanda tanpa nilai di berkas data",
                       "sel kosong untuk 'tidak ada nilai' ('-' hanya di kolom yang menyatakan 'dash')")
        if number_style == "machine" and not MACHINE_NUMBER.fullmatch(text):
            # parse_number() forgives spaces inside the number, "Rp", "%" and non-ASCII digits
            # (right for planners' files); a data file must say exactly one number.
            raise fail("bukan angka gaya mesin",
                       f"{'bilangan bulat' if column.type == 'integer' else 'angka'} gaya mesin: "
                       "angka ASCII, '-' di depan bila negatif dan '.' untuk desimal, misalnya 1234 atau 95.18")
        try:
            value = parse_number(text, style=number_style)
        except NumberFormatError as exc:
            raise fail(f"bukan angka: {exc}", f"{column.type} gaya {number_style}") from None
        if value is None:
            return None
        if not abs(value) < 2 ** 53:  # also inf/nan; beyond 2^53 a float no longer holds every integer
            raise fail("angka terlalu besar untuk disimpan tepat", "angka paling banyak 15 digit")
        if column.type == "integer":
            if value != int(value):
                raise fail("bukan bilangan bulat", "bilangan bulat")
            return int(value)
        return value
    if text == "":
        return None
    if column.type == "code":
        normalised = normalise_code(text)
        if normalised is None:
            raise fail("bukan kode Kepmendagri", "kode seperti 1.06.01.2.01.0001")
        return normalised
    if column.type == "grade" and text not in AKIP_GRADES:
        raise fail("nilai AKIP tidak dikenal", f"salah satu dari {', '.join(AKIP_GRADES)}")
    if column.type == "unit" and text not in units:
        raise fail("satuan tidak dikenal", f"satuan yang tercantum di data/units.yaml ({', '.join(units)})")
    return text


def normalise_code(text: str) -> Optional[str]:
    """Normalise a Kepmendagri code: ``1.06.01.2,01.1`` → ``1.06.01.2.01.0001``; None if malformed.

    Accepts ``,`` for ``.`` and missing zero padding. Segment widths are 1, 2, 2, 1, 2, 4.
    """
    parts = [p for p in re.split(r"[.,\s]+", str(text).strip()) if p]
    widths = (1, 2, 2, 1, 2, 4)
    if not parts or len(parts) > len(widths) or len(parts) == 4:
        return None
    if not all(p.isdigit() for p in parts):
        return None
    out = []
    for part, width in zip(parts, widths):
        if len(part.lstrip("0") or "0") > width:
            return None
        out.append(part.zfill(width)[-width:])
    code = ".".join(out)
    return code if CODE_PATTERN.match(code) else None


def _dtype(column: Column) -> str:
    return {"integer": "Int64", "number": "Float64"}.get(column.type, "string")


def _import_pandera() -> None:
    """Import pandera without hypothesis when nothing has imported hypothesis yet: pandera imports
    it, when it is installed (a test dependency here), for the data-synthesis strategies the loader
    never uses, and that alone takes ~0,35 s in every process that validates a table. A test run,
    which has hypothesis loaded already, imports pandera as usual; ``import hypothesis`` works
    again afterwards."""
    import sys

    if "pandera" in sys.modules or "hypothesis" in sys.modules:
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]  (ImportError: pandera skips its strategies)
    try:
        import pandera.pandas  # noqa: F401
        import pandera.strategies.pandas_strategies  # noqa: F401  (imported by the first validation)
    finally:
        if sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]


def pandera_schema(schema: TableSchema, units: Iterable[str] = ()):
    """Build the pandera ``DataFrameSchema`` for a table from its YAML declaration."""
    _import_pandera()
    import pandera.pandas as pa

    columns = {}
    for c in schema.columns:
        checks = []
        if c.min is not None:
            checks.append(pa.Check.ge(c.min))
        if c.max is not None:
            checks.append(pa.Check.le(c.max))
        if c.allowed is not None:
            checks.append(pa.Check.isin(list(c.allowed)))
        if c.type == "grade":
            checks.append(pa.Check.isin(list(AKIP_GRADES)))
        if c.type == "unit":
            checks.append(pa.Check.isin(list(units)))
        columns[c.name] = pa.Column(_dtype(c), checks=checks, nullable=c.nullable, coerce=False)
    return pa.DataFrameSchema(
        columns, strict=True, ordered=True,
        unique=list(schema.primary_key) or None,
        report_duplicates="all",
        name=schema.id,
    )


def _describe_check(check: str, column: Optional[Column]) -> str:
    if check == "not_nullable":
        return "sebuah nilai (kolom ini tidak boleh kosong)"
    if check.startswith("greater_than_or_equal_to"):
        return f"nilai >= {column.min}" if column else check
    if check.startswith("less_than_or_equal_to"):
        return f"nilai <= {column.max}" if column else check
    if check.startswith("isin"):
        return f"salah satu dari {list(column.allowed) if column and column.allowed else check}"
    return check


def _raise_pandera(exc, schema: TableSchema, frame: pd.DataFrame, row_numbers: list[int]) -> None:
    """Raise every failed check of pandera's lazy validation: one problem per bad cell (a duplicate
    key once, naming all rows that share it); several become :class:`TableProblems`."""
    cases = exc.failure_cases
    csv_path = schema.path.with_suffix(".csv")
    problems: list[DataValidationError] = []
    seen: set[tuple] = set()
    duplicates_done = False
    for case in cases.to_dict("records"):
        index = case.get("index")
        row = row_numbers[int(index)] if index is not None and not pd.isna(index) else None
        column_name = case.get("column")
        check = str(case.get("check"))
        if check.startswith("field_uniqueness") or check.startswith("multiple_fields_uniqueness") \
                or "unique" in check:
            if duplicates_done:
                continue
            duplicates_done = True
            unique = cases[cases["check"].astype(str) == check]
            dup_index = sorted(set(int(i) for i in unique["index"].dropna()))
            dup_rows = [row_numbers[i] for i in dup_index]
            key = {k: frame.iloc[dup_index[-1]][k] for k in schema.primary_key}
            problems.append(DataValidationError(
                csv_path, "kunci ganda", row=dup_rows[-1], column=",".join(schema.primary_key), value=key,
                expected=f"{list(schema.primary_key)} yang unik (baris {dup_rows} memakainya bersama)"))
            continue
        if (row, column_name, check) in seen:
            continue
        seen.add((row, column_name, check))
        column = schema.column(column_name) if column_name in schema.column_names else None
        problems.append(DataValidationError(csv_path, f"gagal pemeriksaan '{check}'", row=row, column=column_name,
                                            value=case.get("failure_case"), expected=_describe_check(check, column)))
    problems.sort(key=lambda p: (p.row is None, p.row or 0))
    if len(problems) == 1:
        raise problems[0] from None
    raise TableProblems(problems) from None


#: Loaded tables keyed by the *content* of every file they were built from (CSV, schema,
#: units): a file rewritten within the same timestamp tick or copied with its mtime preserved
#: (cp -p, rsync -t, tar) is never answered from the cache with its old numbers.
_CACHE: dict[tuple, tuple[pd.DataFrame, list[int]]] = {}


#: Where validated tables are kept between processes: set by the runner to
#: ``<OUTPUT_DIR>/.build/cache`` for its kernels and its validation, unset elsewhere (JupyterLab,
#: tests), where only the in-process cache is used. A stored table is used only for the same bytes
#: of its CSV, schema, units.yaml and opd.yaml, read by the same loader code and pandas/pandera
#: versions; anything unreadable there is ignored and the table validated again.
_LOADER_VERSION: list[str] = []


def _loader_version() -> str:
    """The code and libraries a stored table depends on: helpers/core sources, pandas, pandera."""
    if not _LOADER_VERSION:
        import hashlib
        from importlib.metadata import version

        digest = hashlib.sha256()
        for source in sorted(Path(__file__).parent.glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
        for package in ("pandas", "pandera", "numpy"):
            digest.update(f"{package}={version(package)}".encode())
        _LOADER_VERSION.append(digest.hexdigest())
    return _LOADER_VERSION[0]


def _stored_path(table_id: str, content: tuple) -> Optional[Path]:
    folder = os.environ.get(CACHE_DIR_ENV)
    if not folder:
        return None
    import hashlib

    digest = hashlib.sha256(repr((content, _loader_version())).encode()).hexdigest()[:40]
    return Path(folder) / "tabel" / f"{table_id}-{digest}.pkl"


def _read_stored(path: Optional[Path]):
    """``(frame, row_numbers)`` stored by :func:`_store` at ``path``, or None."""
    if path is None or not path.is_file():
        return None
    import pickle

    try:
        with path.open("rb") as handle:
            frame, row_numbers = pickle.load(handle)  # noqa: S301 - written by this loader, in the build's own folder
    except Exception:  # noqa: BLE001 - truncated, older format: validate again
        return None
    return (frame, row_numbers) if isinstance(frame, pd.DataFrame) else None


def _store(path: Optional[Path], table_id: str, cached: tuple) -> None:
    """Keep a validated table at ``path`` (atomically; older versions of the table removed)."""
    if path is None or not _write_pickle(path, cached):
        return
    for old in path.parent.glob(f"{table_id}-*.pkl"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


def _content_key(*paths: Path) -> tuple:
    import hashlib

    key = []
    for path in paths:
        try:
            key.append(hashlib.sha256(path.read_bytes()).hexdigest())
        except OSError:
            key.append(None)
    return tuple(key)


def load(table_id: str, data_dir: os.PathLike | str | None = None, *, check_references: bool = True
         ) -> pd.DataFrame:
    """Load ``data/tables/<table_id>.csv`` as a typed, validated DataFrame.

    Integers are ``Int64``, numbers ``Float64``, everything else ``string``; an empty cell
    ("no value" in the document) is ``<NA>``, never 0, unless its column declares ``blank: nihil``.
    A ``-`` is 0 in a ``dash: nihil`` column and ``<NA>`` in a ``dash: no_target``/``no_value``
    column. Raises :class:`DataValidationError`. The frame's ``attrs['schema']`` holds the
    :class:`TableSchema` (title, number, units); ``attrs['symbols']`` the symbol the document
    printed in place of a number (``"-"``, or ``""`` for a blank cell) per ``(key, column)``, where
    ``key`` is the tuple of the primary-key values as text (see :func:`printed_symbol`).
    """
    root = resolve_data_dir(data_dir)
    _TABLES_READ.add(str(table_id))
    csv_path = root / "tables" / f"{table_id}.csv"
    key = (str(root), table_id, _content_key(csv_path, csv_path.with_suffix(".yaml"), root / "units.yaml",
                                             root / "opd.yaml"))
    cached = _CACHE.get(key)
    stored = None
    if cached is None:
        stored = _stored_path(table_id, key[2])
        cached = _read_stored(stored)
        if cached is not None:
            _CACHE[key] = cached
    if cached is None:
        schema = read_schema(table_id, root)
        units = load_units(root)
        rows = read_csv_rows(csv_path, schema.column_names)
        parsed: dict[str, list] = {c.name: [] for c in schema.columns}
        problems: list[DataValidationError] = []
        row_numbers = []
        marked = [c for c in schema.columns if c.dash is not None or c.blank != "no_value"]
        raw_symbols: list[tuple[int, str, str]] = []
        for row_number, record in rows:
            row_numbers.append(row_number)
            for c in marked:
                text = record[c.name].strip()
                if text in ("", NIHIL_SYMBOL):
                    raw_symbols.append((len(row_numbers) - 1, c.name, text))
            for c in schema.columns:
                try:
                    value = parse_cell(record[c.name], c, path=csv_path, row=row_number,
                                       units=units, number_style=schema.number_style)
                except DataValidationError as exc:  # every bad cell of the file, in one run
                    problems.append(exc)
                    value = None
                parsed[c.name].append(value)
        if problems:
            raise TableProblems(problems)
        frame = pd.DataFrame({c.name: pd.array(parsed[c.name], dtype=_dtype(c)) for c in schema.columns})
        raw_symbols = _parents_keep_no_value(schema, frame, raw_symbols)
        _import_pandera()
        import pandera.errors

        try:
            pandera_schema(schema, units).validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            _raise_pandera(exc, schema, frame, row_numbers)
        if schema.parent:
            _check_parent(schema, frame, csv_path, row_numbers)
        _check_within(schema, frame, csv_path, row_numbers, root)
        _fill_identity_cells(frame, schema, root)
        frame.attrs["schema"] = schema
        frame.attrs["symbols"] = PrintedSymbols({(row_key(frame, i, schema), name): text
                                                 for i, name, text in raw_symbols})
        cached = _CACHE[key] = (frame, row_numbers)
        _store(stored, table_id, cached)
    frame, row_numbers = cached
    if check_references:  # always re-checked: the referenced tables may have changed since
        for fk in frame.attrs["schema"].foreign_keys:
            _check_foreign_key(frame.attrs["schema"], frame, fk, root, csv_path, row_numbers)
    return frame.copy()


def _parents_keep_no_value(schema: TableSchema, frame: pd.DataFrame, raw_symbols: list) -> list:
    """A parent row of a hierarchy stores no amount of its own (its roll-up is derived): its empty
    cells stay <NA> under ``blank: nihil``, which is meant for the leaves, and carry no symbol."""
    if not schema.parent or not raw_symbols:
        return raw_symbols
    columns = [c.name for c in schema.columns if c.blank == "nihil"]
    parents = set(frame[schema.parent["column"]].dropna())
    is_parent = frame[schema.parent["references"]].isin(parents).to_numpy()
    keep = []
    for i, name, text in raw_symbols:
        if is_parent[i] and text == "":  # a parent's empty cell: its figure is derived, printed elsewhere
            if name in columns:
                frame.loc[i, name] = pd.NA
        else:
            keep.append((i, name, text))
    return keep


def row_key(frame: pd.DataFrame, position: int, schema: Optional[TableSchema] = None) -> tuple[str, ...]:
    """The primary-key values of row ``position`` as text, e.g. ``("P01.K01", "2024")``."""
    schema = schema or frame.attrs["schema"]
    return tuple("" if pd.isna(v) else str(v) for v in (frame.iloc[position][k] for k in schema.primary_key))


def printed_symbol(frame: pd.DataFrame, column: str, *key) -> Optional[str]:
    """What the document printed in place of a number in this cell: ``"-"``, ``""`` (blank) or None.

    ``key`` are the primary-key values of the row (``printed_symbol(ppks, "jumlah", 1, 2024)``).
    None means the document printed a number (or the column declares no ``dash``/``blank``).
    """
    return (frame.attrs.get("symbols") or {}).get((tuple(str(k) for k in key), column))


def symbols(frame: pd.DataFrame, column: str) -> pd.Series:
    """Per row of ``frame`` (a loaded table, possibly filtered): the printed symbol of ``column``
    (``"-"``, ``""``) or <NA> where the document printed a number. Index aligned with ``frame``."""
    found = frame.attrs.get("symbols") or {}
    schema = frame.attrs["schema"]
    keys = [tuple("" if pd.isna(v) else str(v) for v in values)
            for values in zip(*(frame[k] for k in schema.primary_key))]
    return pd.Series(pd.array([found.get((k, column)) for k in keys], dtype="string"), index=frame.index)


def _check_within(schema: TableSchema, frame: pd.DataFrame, path: Path, row_numbers: list[int], root: Path) -> None:
    """Years tied to the plan period of opd.yaml (``within: periode`` / ``before_periode``)."""
    columns = [c for c in schema.columns if c.within]
    if not columns:
        return
    from helpers.core.opd import OpdError, load_opd

    try:
        start, end = load_opd(root).periode
    except OpdError as exc:
        raise DataValidationError(root / "opd.yaml", "periode rencana diperlukan untuk memeriksa tahun di "
                                  f"{path.name}", expected=str(exc).split(": ", 1)[-1]) from None
    for c in columns:
        low, high, what = ((start, end, f"tahun dalam periode rencana {start}-{end} (opd.yaml)") if c.within == "periode"
                           else (None, start - 1, f"tahun sebelum periode rencana {start}-{end} (opd.yaml)"))
        for i, value in enumerate(frame[c.name]):
            if pd.isna(value):
                continue
            if (low is not None and value < low) or value > high:
                raise DataValidationError(path, "tahun di luar rentangnya", row=row_numbers[i], column=c.name,
                                          value=int(value), expected=what)


def _fill_identity_cells(frame: pd.DataFrame, schema: TableSchema, root: Path) -> None:
    """Text cells may name the office as ``{nama}``, ``{pemerintah_daerah}`` …: fill them from opd.yaml."""
    from helpers.core.opd import PLACEHOLDER

    for c in schema.columns:
        if c.type == "string" and any(isinstance(v, str) and PLACEHOLDER.search(v) for v in frame[c.name].dropna()):
            frame[c.name] = pd.array([v if pd.isna(v) else _fill_identity(v, root) for v in frame[c.name]],
                                     dtype="string")


def _check_parent(schema: TableSchema, frame: pd.DataFrame, path: Path, row_numbers: list[int]) -> None:
    col, ref = schema.parent["column"], schema.parent["references"]
    known = set(frame[ref].dropna())
    for i, value in enumerate(frame[col]):
        if not pd.isna(value) and value not in known:
            raise DataValidationError(path, "induk (parent) tidak ada", row=row_numbers[i], column=col,
                                      value=value, expected=f"nilai kolom '{ref}' di tabel yang sama")


def _check_foreign_key(schema: TableSchema, frame: pd.DataFrame, fk: dict, root: Path, path: Path,
                       row_numbers: list[int]) -> None:
    other = load(fk["table"], root, check_references=False)
    known = set(other[fk["references"]].dropna())
    for i, value in enumerate(frame[fk["column"]]):
        if not pd.isna(value) and value not in known:
            raise DataValidationError(path, f"{fk['references']} tidak dikenal (tidak ada di tabel {fk['table']})",
                                      row=row_numbers[i], column=fk["column"], value=value,
                                      expected=f"{fk['references']} dari data/tables/{fk['table']}.csv")


def load_present(table_id: str, data_dir: os.PathLike | str | None = None) -> pd.DataFrame:
    """:func:`load`, checking the foreign keys only when every table they reference is present.

    Every table is optional (another office may lack one): a table whose foreign key points at
    an absent table (``2_4_jenis_ppks`` → ``2_3_2_ppks``) still loads, its own cells validated.
    """
    schema = read_schema(table_id, data_dir)
    return load(table_id, data_dir, check_references=all(has_table(fk["table"], data_dir)
                                                          for fk in schema.foreign_keys))


def load_printed(table_id: str, data_dir: os.PathLike | str | None = None) -> pd.DataFrame:
    """What the document printed for the derived figures of ``table_id`` (empty if none).

    Columns: ``row, tahun, column, printed, value, note``. ``printed`` is the cell verbatim,
    ``value`` its number. These are kept only to be audited, never used as data.
    """
    root = resolve_data_dir(data_dir)
    path = root / "printed" / f"{table_id}.csv"
    _PRINTED_READ.add(str(table_id))
    key = (str(path), _content_key(path)[0])
    if key not in _PRINTED:
        if len(_PRINTED) > 256:
            _PRINTED.clear()
        _PRINTED[key] = _parse_printed(path)
    return _PRINTED[key].copy()


#: Parsed printed figures by (path, sha256 of the file's bytes): pages and the audit read the same
#: ``printed/<id>.csv`` many times (the audit ~100 times a page).
_PRINTED: dict[tuple, pd.DataFrame] = {}


def _parse_printed(path: Path) -> pd.DataFrame:
    """Read and check ``printed/<id>.csv`` (an empty frame when there is none)."""
    empty = pd.DataFrame({
        "row": pd.array([], dtype="string"), "tahun": pd.array([], dtype="Int64"),
        "column": pd.array([], dtype="string"), "printed": pd.array([], dtype="string"),
        "value": pd.array([], dtype="Float64"), "note": pd.array([], dtype="string"),
    })
    if not path.is_file():
        return empty
    rows = read_csv_rows(path, list(PRINTED_COLUMNS))
    out: dict[str, list] = {c: [] for c in PRINTED_COLUMNS}
    seen: dict[tuple, int] = {}
    types = {"tahun": Column("tahun", "integer", nullable=True),
             "value": Column("value", "number", nullable=True)}
    for row_number, record in rows:
        for name in PRINTED_COLUMNS:
            if name in types:
                out[name].append(parse_cell(record[name], types[name], path=path, row=row_number, units={}))
            else:
                out[name].append(record[name] if record[name] != "" else None)
        if not out["row"][-1] or not out["column"][-1]:
            raise DataValidationError(path, "angka cetak tanpa baris atau kolom", row=row_number,
                                      value=",".join(record.values()), expected="baris dan kolom terisi")
        key = (out["row"][-1], out["tahun"][-1], out["column"][-1])
        if key in seen:
            raise DataValidationError(path, "angka cetak ganda", row=row_number, column="row,tahun,column",
                                      value=key, expected=f"satu angka per sel (pertama di baris {seen[key]})")
        seen[key] = row_number
    return pd.DataFrame({
        "row": pd.array(out["row"], dtype="string"), "tahun": pd.array(out["tahun"], dtype="Int64"),
        "column": pd.array(out["column"], dtype="string"), "printed": pd.array(out["printed"], dtype="string"),
        "value": pd.array(out["value"], dtype="Float64"), "note": pd.array(out["note"], dtype="string"),
    })


def has_printed(data_dir: os.PathLike | str | None = None) -> bool:
    """True when the data directory holds a ``printed/`` folder (the figures the document printed)."""
    return (resolve_data_dir(data_dir) / "printed").is_dir()


def absent_tables(data_dir: os.PathLike | str | None = None) -> dict[str, list[str]]:
    """Tables some page uses that this data directory lacks: ``{table_id: [page stems]}``.

    Every table is optional: a page shows "Tabel … tidak tersedia dalam data" in its place.
    """
    from helpers.core.registry import load_registry

    present = set(table_ids(data_dir))
    absent: dict[str, list[str]] = {}
    for page in load_registry()[0]:
        for table in page.depends_on:
            if table != "all" and table not in present:
                absent.setdefault(table, []).append(page.stem)
    return dict(sorted(absent.items()))


def validate_all(data_dir: os.PathLike | str | None = None) -> dict[str, int]:
    """Validate every table and printed file; returns row counts. Raises on the first error."""
    counts = {}
    from helpers.core.opd import OpdError, load_opd

    root = resolve_data_dir(data_dir)
    try:
        load_opd(root)
    except OpdError as exc:
        raise DataValidationError(root / "opd.yaml", str(exc).split(": ", 1)[-1]) from None
    for table_id in table_ids(data_dir):
        counts[table_id] = len(load(table_id, data_dir))
        load_printed(table_id, data_dir)
    orphans = sorted(p.stem for p in (root / "printed").glob("*.csv") if p.stem not in counts)
    if orphans:
        raise DataValidationError(root / "printed", "printed figures for unknown tables", value=orphans,
                                  expected="a data/tables/<id>.yaml for every printed/<id>.csv")
    return counts
