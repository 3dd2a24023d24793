"""Realisation of plan years (``periode`` of ``data/opd.yaml``): a template to fill in, and a
validating importer.

The document holds realisation only up to the year before the plan. For each plan year the
office fills in a template listing every indicator (IKU, IKK, SPM) and every program / kegiatan
/ sub-kegiatan of Tabel 4.1 that needs a realisation value, with code, name, unit and target
pre-filled::

    python -m helpers.core.realisasi template --tahun 2025          # realisasi-isian/template-realisasi-2025.{csv,xlsx}
    python -m helpers.core.realisasi import --tahun 2025 --file isian.xlsx   # → data/realisasi/2025.csv

The importer accepts XLSX (the template above, or the ``template-realisasi-<tahun>.xlsx`` of the
evaluation page, whose header sits under a caption row) or CSV (comma or semicolon separated,
UTF-8), numbers in Indonesian or plain style (``1.234.567``, ``95,18``); it refuses ambiguous
numbers (``1.234``), unknown codes, changed units, negative values, bad AKIP grades and
duplicate rows, listing every problem with its row (in Indonesian: the messages are for planners).
Only a fully valid file is written, atomically, to ``data/realisasi/<tahun>.csv``. No other data
file is touched.

**Partial and repeated imports.** A template may be partly filled: an empty cell means "not yet
known" and is stored empty (never 0); every row of the template must still be in the file. A
year already stored is refused unless the planner says what to do with it:

* ``--gabung`` (``make realisasi GABUNG=1``, :func:`import_realisasi` ``mode="gabung"``): the
  file's non-empty cells replace the stored ones, its empty cells keep them. This is the choice
  for the yearly cycle (IKU in January, budget in March: each import adds what is known, nothing
  already imported is lost by sending a file without it). A merge never empties a cell;
* ``--overwrite`` (``OVERWRITE=1``, ``mode="ganti"``): the file replaces the year as it is.

Each import reports the rows new, changed, unchanged and still empty (:class:`ImportReport`),
and lists program or kegiatan realisation that disagrees with the sum of its sub-kegiatan
(:func:`rollup_conflicts`): such values are kept, with the warning, because the office reports
them from its own books and sub-kegiatan may still be missing; the evaluation page shows the
same list. The stored CSV keeps its columns (:data:`COLUMNS`) and :func:`load_realisasi` reads it.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Optional

import pandas as pd

from helpers.core import files
from helpers.core.compute import AKIP_BANDS
from helpers.core.data import DataValidationError as _DataValidationError
from helpers.core.data import has_table, load, resolve_data_dir
from helpers.core.numbers import NumberFormatError, parse_number
from helpers.core.opd import load_opd
from helpers.core.text import document_term

#: Columns of the template and of data/realisasi/<tahun>.csv, in order.
COLUMNS = ("jenis", "kode", "uraian", "indikator", "satuan", "target", "target_grade", "pagu",
           "realisasi", "realisasi_grade", "realisasi_anggaran", "catatan")
#: Columns the planner fills in; the others are pre-filled and checked against the plan.
INPUT_COLUMNS = ("realisasi", "realisasi_grade", "realisasi_anggaran", "catatan")
JENIS = {"IKU": "Indikator Kinerja Utama (Tabel 4.5.1)", "IKK": "Indikator Kinerja Kunci (Tabel 4.6)",
         "SPM": "Standar Pelayanan Minimal (Tabel 4.7)", "program": "Program (Tabel 4.1)",
         "kegiatan": "Kegiatan (Tabel 4.1)", "sub_kegiatan": "Sub kegiatan (Tabel 4.1)"}
GRADES = tuple(g for g, _ in AKIP_BANDS)
#: Rows of Tabel 4.1; their ``pagu`` may be replaced by the year's DPA pagu in the filled template.
PLAN_LEVELS = ("program", "kegiatan", "sub_kegiatan")


#: Columns of the template the office fills in: the plan year first, then :data:`COLUMNS`.
TEMPLATE_COLUMNS = ("tahun",) + COLUMNS
#: Limits of a filled template: larger files, more rows or more columns are refused, and at most
#: MAX_PROBLEMS problems are listed (with the count of the rest).
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 64
MAX_PROBLEMS = 50
#: Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The XLSX workbook's subject carries the year: ``tahun=2025``.
_SUBJECT = re.compile(r"tahun=(\d{4})")
_SHEET_YEAR = re.compile(r"^Realisasi (\d{4})$")


class FormulaWithoutValue:
    """A cell holding a formula that was never calculated (no cached value in the file)."""

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        return self.formula


class DataValidationError(_DataValidationError):
    """A problem of a planner's file, worded in Indonesian: ``berkas, baris 3, kolom 'realisasi': masalah
    (nilai '1.234'); seharusnya …``. It is the loader's :class:`helpers.core.data.DataValidationError`
    (same attributes: file, row, column, value, expected, problem), only the message differs."""

    def __init__(self, file, problem: str, *, row=None, column=None, value=None, expected=None):
        super().__init__(file, problem, row=row, column=column, value=value, expected=expected)
        parts = [self.file]
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column is not None:
            parts.append(f"kolom '{self.column}'")
        message = ", ".join(parts) + f": {problem}"
        if self.value is not None:
            message += f" (nilai {self.value!r})"
        if self.expected:
            message += f"; seharusnya {self.expected}"
        self.args = (message,)


class RealisasiImportError(DataValidationError):
    """Every problem found in a filled template, each naming its row, column, value and expectation."""

    def __init__(self, file, problems: list[DataValidationError], more: int = 0):
        self.problems = problems
        self.more = more
        lines = "\n".join(f"  - {p}" for p in problems)
        total = len(problems) + more
        tail = f"\n  … dan {more} masalah lain (tidak ditampilkan)" if more else ""
        super().__init__(file, f"{total} masalah di template isian; tidak ada yang ditulis:\n{lines}{tail}")


def neutralise(text: str) -> str:
    """A text cell that no spreadsheet reads as a formula: ``'`` before ``= + - @`` tab or CR."""
    return "'" + text if isinstance(text, str) and text.startswith(FORMULA_START) else text


def _unneutralise(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def check_tahun(tahun: object, data_dir=None) -> int:
    """``tahun`` as an int within the plan years (``periode`` of ``opd.yaml``), or a clear error."""
    first, last = load_opd(data_dir).periode
    try:
        value = int(str(tahun).strip())
    except ValueError:
        raise ValueError(f"tahun={tahun!r} bukan tahun; seharusnya bilangan bulat dari {first} sampai {last}") from None
    if value < first:
        raise ValueError(f"tahun={value} di luar tahun rencana {first}-{last}; realisasi tahun sebelum periode "
                         "rencana sudah ada di tabel dokumen")
    if value > last:
        raise ValueError(f"tahun={value} di luar tahun rencana {first}-{last}; seharusnya tahun dari "
                         f"{first} sampai {last}")
    return value


def _rows_for_year(df: pd.DataFrame, tahun: int) -> pd.DataFrame:
    return df[df["tahun"] == tahun].reset_index(drop=True)


def template(tahun: object, data_dir=None) -> pd.DataFrame:
    """Every item that needs a realisation value in ``tahun``, with targets pre-filled."""
    from helpers.core.derive import plan_rollup

    year = check_tahun(tahun, data_dir)
    records = []
    if has_table("4_5_1_iku_target", data_dir):
        iku = _rows_for_year(load("4_5_1_iku_target", data_dir), year)
        for r in iku.itertuples():
            records.append({"jenis": "IKU", "kode": f"IKU.{r.no}", "uraian": r.indikator, "indikator": r.indikator,
                            "satuan": r.satuan, "target": r.target, "target_grade": r.target_grade})
    if has_table("4_6_ikk_target", data_dir):
        ikk = _rows_for_year(load("4_6_ikk_target", data_dir), year)
        for r in ikk.itertuples():
            records.append({"jenis": "IKK", "kode": f"IKK.{r.no}", "uraian": r.indikator, "indikator": r.indikator,
                            "satuan": r.satuan, "target": r.target})
    if has_table("4_7_spm_target", data_dir):
        spm = _rows_for_year(load("4_7_spm_target", data_dir), year)
        for r in spm.itertuples():
            records.append({"jenis": "SPM", "kode": f"SPM.{r.row_id}", "uraian": r.uraian, "indikator": r.uraian,
                            "satuan": r.satuan, "target": r.target})
    if has_table("4_1_rencana_program", data_dir):
        rolled = _rows_for_year(plan_rollup(load("4_1_rencana_program", data_dir)), year)
        for r in rolled[rolled["level"].isin(["program", "kegiatan", "sub_kegiatan"])].itertuples():
            records.append({"jenis": r.level, "kode": r.kode, "uraian": r.uraian, "indikator": r.indikator,
                            "satuan": r.satuan, "target": r.target, "pagu": r.pagu})
    out = pd.DataFrame.from_records(records)
    for col in COLUMNS:
        if col not in out.columns:
            out[col] = None
    return out[list(COLUMNS)]


def write_template(tahun: object, output_dir: Path, data_dir=None) -> tuple[Path, Path]:
    """Write ``template-realisasi-<tahun>.csv`` and ``.xlsx`` (with instructions) under ``output_dir``,
    names with the document's typos corrected (:func:`helpers.core.text.document_term`)."""
    year = check_tahun(tahun, data_dir)
    df = template(year, data_dir)
    for col in ("uraian", "indikator"):  # the terms as planners read them; rows are imported by jenis and kode
        df[col] = df[col].map(lambda v: document_term(v) if isinstance(v, str) else v)
    df.insert(0, "tahun", year)
    output_dir = Path(output_dir)
    text = df.copy()
    for col in ("uraian", "indikator", "satuan"):
        text[col] = text[col].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    try:
        csv_path = files.write_bytes(output_dir / f"template-realisasi-{year}.csv",
                                     text.to_csv(index=False).encode("utf-8-sig"))
        xlsx_path = output_dir / f"template-realisasi-{year}.xlsx"
        with files.atomic_path(xlsx_path) as tmp:
            _write_template_xlsx(df, year, tmp)
    except OSError as exc:
        raise DataValidationError(output_dir, f"folder template tidak dapat ditulis ({exc.strerror})",
                                  expected="folder yang dapat ditulis, mis. TEMPLATE_DIR=realisasi-isian") from None
    return csv_path, xlsx_path


def _write_template_xlsx(df: pd.DataFrame, year: int, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    wb.properties.subject = f"tahun={year}"
    wb.properties.title = f"Template realisasi tahun {year}"
    ws = wb.active
    ws.title = f"Realisasi {year}"
    fill = PatternFill("solid", fgColor="FFF3C4")
    for j, col in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = ws.cell(row=1, column=j, value=col)
        cell.font = Font(bold=True)
        if col in INPUT_COLUMNS:
            cell.fill = fill
    for i, row in enumerate(df.itertuples(index=False), start=2):
        for j, col in enumerate(TEMPLATE_COLUMNS, start=1):
            value = getattr(row, col)
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA:
                cell = ws.cell(row=i, column=j)
                if isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # never a formula, whatever the label starts with
                else:
                    cell.value = int(value) if col == "tahun" else float(value)
                if col in ("pagu",):
                    cell.number_format = "[$-421]#,##0"
            if col in INPUT_COLUMNS:
                ws.cell(row=i, column=j).fill = fill
    info = wb.create_sheet("Petunjuk")
    lines = [
        f"Template realisasi tahun {year}",
        "Isi hanya kolom berwarna kuning: realisasi, realisasi_grade (untuk Nilai AKIP), realisasi_anggaran (Rp), catatan.",
        "Jangan mengubah kolom tahun, jenis, kode, satuan atau target, dan jangan menghapus baris. Kolom pagu "
        "berisi pagu Tabel 4.1; bila pagu DPA tahun ini berbeda, tulis pagu DPA (program, kegiatan, sub kegiatan).",
        "Angka boleh ditulis 1.234.567 atau 95,18. Teks seperti 1.234 ditolak karena ambigu: tulis 1234 "
        "(sel angka Excel tidak pernah ambigu; sel berformat persen 95% dibaca 95).",
        "Kosongkan sel bila data belum ada (jangan diisi 0).",
        "Sel yang kosong berarti belum diketahui. Template boleh diisi bertahap (mis. IKU pada Januari, "
        "anggaran pada Maret): impor ulang dengan pilihan gabung menambahkan sel yang terisi tanpa menghapus "
        "yang sudah diimpor.",
        "Simpan berkas yang sudah diisi di folder realisasi-isian/ (bukan di outputs/, yang ditimpa setiap "
        "pembuatan halaman).",
        f"Impor: buka notebooks/perencana/siklus-tahunan.ipynb di JupyterLab, atau make realisasi "
        f"FILE=<file ini> TAHUN={year} (GABUNG=1 untuk menambahkan ke data yang sudah ada)",
    ]
    for k, line in enumerate(lines, start=1):
        info.cell(row=k, column=1, value=line)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())


def _sniff(path: Path) -> str:
    """The real format of a file: ``xlsx``, ``xls``, ``ods``, ``zip`` or ``text``."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                if "mimetype" in names and b"opendocument" in z.read("mimetype"):
                    return "ods"
                if "xl/workbook.xml" in names:
                    return "xlsx"
        except zipfile.BadZipFile:
            return "zip"
        return "zip"
    return "text"


_FORMAT_NAMES = {"xls": "Excel 97-2003 (.xls)", "ods": "OpenDocument Spreadsheet (.ods, LibreOffice)",
                 "zip": "arsip ZIP", "xlsx": "Excel Workbook (.xlsx)", "text": "teks (CSV)"}
_SAVE_AS = "simpan ulang sebagai Excel Workbook (.xlsx) atau CSV UTF-8"


def read_filled(path: Path, tahun: Optional[int] = None) -> list[tuple[int, dict[str, object]]]:
    """Rows of a filled template (XLSX or CSV), each with its spreadsheet row number.

    Text cells are ``str``; numeric XLSX cells are exact :class:`~decimal.Decimal` (a cell
    formatted as percent, 95% stored as 0.95, is read as 95); a formula never calculated is a
    :class:`FormulaWithoutValue`. ``tahun``, when given, is checked against the year the file
    carries (the ``tahun`` column, the XLSX subject ``tahun=<year>`` and sheet ``Realisasi <year>``).
    """
    path = Path(path)
    if not path.is_file():
        raise DataValidationError(path, "berkas tidak ditemukan",
                                  expected="template isian yang sudah diisi (.xlsx atau .csv)")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataValidationError(path, f"berkas terlalu besar ({size:,} byte)".replace(",", "."),
                                  expected=f"template isian paling besar {MAX_FILE_BYTES // 2**20} MB")
    kind = _sniff(path)
    suffix = path.suffix.lower()
    if kind in ("xls", "ods", "zip"):
        raise DataValidationError(path, f"berkas ini berformat {_FORMAT_NAMES[kind]}, bukan XLSX atau CSV",
                                  expected=_SAVE_AS)
    if kind == "xlsx" and suffix not in (".xlsx", ".xlsm"):
        raise DataValidationError(path, f"berkas ini sebenarnya Excel Workbook (XLSX) meskipun berakhiran "
                                        f"'{suffix}'", expected="ganti akhiran nama berkas menjadi .xlsx")
    if kind == "text" and suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise DataValidationError(path, f"berkas berakhiran '{suffix}' tetapi isinya teks, bukan lembar kerja",
                                  expected=_SAVE_AS)
    if kind == "xlsx":
        return _read_xlsx(path, tahun)
    return _read_csv(path, tahun)


def _year_problem(path, found: int, tahun: Optional[int], where: str, row=None, column=None):
    if tahun is not None and found != tahun:
        raise DataValidationError(path, f"berkas ini template tahun {found} ({where}), bukan tahun {tahun}",
                                  row=row, column=column,
                                  expected=f"template tahun {tahun} (make template TAHUN={tahun}) atau "
                                           f"impor dengan TAHUN={found}")


def _read_xlsx(path: Path, tahun: Optional[int]):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same user error
        raise DataValidationError(path, f"berkas XLSX tidak dapat dibaca ({exc.__class__.__name__})",
                                  expected="lembar kerja yang disimpan dari template") from None
    try:
        subject = _SUBJECT.search(wb.properties.subject or "") if wb.properties else None
        if subject:
            _year_problem(path, int(subject.group(1)), tahun, "metadata berkas")
        found = []
        for ws in wb.worksheets:
            head = list(ws.iter_rows(min_row=1, max_row=5, max_col=MAX_COLUMNS, values_only=True))
            top = next((i for i, values in enumerate(head)
                        if {"jenis", "kode"} <= {str(v).strip() for v in values if v is not None}), None)
            if top is not None:
                found.append((ws, top, head[top]))
        names = ", ".join(f"'{ws.title}'" for ws in wb.worksheets)
        if not found:
            raise DataValidationError(path, f"tidak ada lembar dengan header template di lima baris pertama "
                                            f"(lembar diperiksa: {names})",
                                      expected="kolom template " + ",".join(TEMPLATE_COLUMNS))
        if len(found) > 1:
            raise DataValidationError(path, "lebih dari satu lembar berisi header template: "
                                            + ", ".join(f"'{ws.title}'" for ws, _, _ in found),
                                      expected="satu lembar isian; hapus salinan lembar yang lain")
        ws, top, header_values = found[0]
        where = f"{path} [lembar '{ws.title}']"
        sheet_year = _SHEET_YEAR.match(ws.title)
        if sheet_year:
            _year_problem(where, int(sheet_year.group(1)), tahun, "nama lembar")
        header = [str(h).strip() if h is not None else "" for h in header_values]
        while header and not header[-1]:
            header.pop()
        fsheet = formulas[ws.title]
        values_rows = ws.iter_rows(min_row=top + 2, max_col=MAX_COLUMNS)
        formula_rows = fsheet.iter_rows(min_row=top + 2, max_col=MAX_COLUMNS)
        out, empty = [], None
        for n, (cells, fcells) in enumerate(zip(values_rows, formula_rows), start=top + 2):
            if cells is empty:  # the reader pads missing rows with one shared empty row
                continue
            values = [_xlsx_value(c, f) for c, f in zip(cells, fcells)]
            if not any(v != "" for v in values):
                empty = cells
                continue
            if len(out) >= MAX_ROWS:
                raise DataValidationError(where, f"lebih dari {MAX_ROWS} baris terisi", row=n,
                                          expected="template isian satu tahun")
            out.append((n, values))
        return _records(where, header, out, tahun)
    finally:
        wb.close()
        formulas.close()


def _xlsx_value(cell, fcell):
    value = getattr(cell, "value", None)
    if value is None:
        formula = getattr(fcell, "value", None)
        if isinstance(formula, str) and formula.startswith("="):
            return FormulaWithoutValue(formula)
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (getattr(cell, "number_format", "") or ""):
            number = number * 100
        return number
    if isinstance(value, str):
        return value
    return str(value)


def _planner_text(path: Path) -> str:
    """A planner's CSV as text (UTF-8, a BOM accepted); other encodings refused in Indonesian."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataValidationError(path, f"bukan teks UTF-8 (byte ke-{exc.start})", row=line,
                                  value=data[exc.start: exc.start + 4],
                                  expected="simpan sebagai 'CSV UTF-8' di Excel (Windows-1252 tidak diterima) "
                                           "atau simpan sebagai XLSX") from None
    if not text.strip():
        raise DataValidationError(path, "berkas kosong", expected="header template dan baris isian")
    return text


def _read_csv(path: Path, tahun: Optional[int]):
    text = _planner_text(path)
    lines = text.splitlines()
    first = lines[0] if lines else ""
    if not first.strip():
        raise DataValidationError(path, "baris 1 kosong: header template harus di baris pertama", row=1,
                                  expected="header " + ",".join(TEMPLATE_COLUMNS) + " di baris 1")
    if "\t" in first and first.count("\t") > max(first.count(","), first.count(";")):
        raise DataValidationError(path, "berkas dipisahkan tab, bukan koma atau titik koma", row=1,
                                  value=first[:80], expected="CSV UTF-8 (dipisahkan koma) atau XLSX")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    try:
        header = [h.strip() for h in next(reader)]
        for record in reader:
            if any(c.strip() for c in record):
                if len(out) >= MAX_ROWS:
                    raise DataValidationError(path, f"lebih dari {MAX_ROWS} baris terisi", row=reader.line_num,
                                              expected="template isian satu tahun")
                out.append((reader.line_num, record))
    except csv.Error as exc:
        raise DataValidationError(path, f"CSV tidak dapat dibaca ({exc})", row=reader.line_num,
                                  expected="CSV UTF-8 seperti template") from None
    return _records(path, header, out, tahun, csv_fields=True)


def _records(where, header: list[str], rows, tahun, csv_fields: bool = False):
    """Rows as ``{column: value}``; refuses a header that is not the template's."""
    _check_header(where, header)
    problems = []
    out = []
    for n, values in rows:
        if csv_fields and len(values) < len(header):
            problems.append(DataValidationError(where, f"baris hanya memiliki {len(values)} kolom (terpotong?)",
                                                row=n, expected=f"{len(header)} kolom seperti header"))
            continue
        stray = [j for j, v in enumerate(values) if v != "" and (j >= len(header) or not header[j])
                 and not (isinstance(v, str) and not v.strip())]
        if stray:
            from openpyxl.utils import get_column_letter

            j = stray[0]
            problems.append(DataValidationError(where, f"nilai di kolom tanpa header (kolom "
                                                       f"{get_column_letter(j + 1)})", row=n, value=str(values[j]),
                                                expected="nilai hanya di kolom template"))
            continue
        record = {h: v for h, v in zip(header, values) if h}
        if "tahun" in record and record["tahun"] != "" and tahun is not None:
            try:
                found = int(Decimal(str(record["tahun"]).strip()))
            except (InvalidOperation, ValueError):
                found = None
            if found != tahun:
                _year_problem(where, found, tahun, "kolom tahun", row=n, column="tahun") if found else \
                    problems.append(DataValidationError(where, "tahun bukan angka", row=n, column="tahun",
                                                        value=str(record["tahun"]), expected=str(tahun)))
        out.append((n, record))
    if problems:
        raise RealisasiImportError(where, problems[:MAX_PROBLEMS], max(0, len(problems) - MAX_PROBLEMS))
    return out


def _check_header(path, header: list[str]):
    named = [c for c in header if c]
    duplicated = sorted({c for c in named if named.count(c) > 1})
    if duplicated:
        raise DataValidationError(path, f"kolom header muncul lebih dari sekali: {', '.join(duplicated)}", row=1,
                                  value=",".join(header), expected="setiap kolom template satu kali")
    missing = [c for c in ("jenis", "kode", "satuan", "realisasi") if c not in header]
    unknown = [c for c in header if c and c not in TEMPLATE_COLUMNS]
    if missing or unknown:
        raise DataValidationError(path, "header bukan header template", row=1, value=",".join(header),
                                  expected=f"kolom template {','.join(TEMPLATE_COLUMNS)} "
                                           f"(tidak ada: {missing}, tidak dikenal: {unknown})")


def _text(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return _unneutralise(str(value).strip())


def _number(value) -> Optional[Decimal]:
    """A cell as an exact number (None when empty); raises NumberFormatError or ValueError."""
    if isinstance(value, FormulaWithoutValue):
        raise ValueError("rumus tanpa nilai tersimpan: buka berkas di Excel, tekan simpan, lalu impor lagi")
    if isinstance(value, Decimal):
        number = value
    else:
        parsed = parse_number(str(value), style="auto")
        if parsed is None:
            return None
        number = Decimal(repr(parsed))
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        raise ValueError("angka terlalu besar untuk disimpan tepat (paling banyak 15 digit)")
    return number


_AMBIGUOUS = re.compile(r"^(-?\d{1,3})[.,](\d{3})$")


def _number_problem(text: str, exc: Exception) -> str:
    """The reason a cell is not a number, in Indonesian (the parser's own message is English)."""
    if isinstance(exc, NumberFormatError):
        found = _AMBIGUOUS.match(re.sub(r"(?i)^rp\.?", "", text.replace(" ", "").replace("\u00a0", "")).rstrip("%"))
        if found and found.group(1).lstrip("-") != "0":
            head, tail = found.groups()
            return (f"angka ambigu: '{text}' dapat berarti {head}{tail} (ribuan) atau {head},{tail} (desimal); "
                    f"tulis {head}{tail} untuk bilangan bulat, atau pakai koma desimal dengan selain tiga angka "
                    "di belakangnya, mis. 1234 atau 1,5")
        return f"bukan angka: '{text}'"
    return f"bukan angka: {exc}"


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and pd.isna(a)) or a is pd.NA:
        return b is None
    return b is not None and abs(Decimal(repr(float(a))) - b) <= Decimal("1e-9") * max(1, abs(b))


def validate_filled(path: Path, tahun: object, data_dir=None) -> pd.DataFrame:
    """Check a filled template against the plan of ``tahun``; returns the clean realisation frame.

    Numbers in the frame are exact :class:`~decimal.Decimal` (written as plain decimals).
    """
    year = check_tahun(tahun, data_dir)
    expected = template(year, data_dir).set_index(["jenis", "kode"])
    rows = read_filled(path, year)
    problems: list[DataValidationError] = []
    seen: dict[tuple, int] = {}
    records = []
    target_mismatch = 0

    def problem(row, column, value, issue, wanted):
        problems.append(DataValidationError(path, issue, row=row, column=column, value=value, expected=wanted))

    for n, record in rows:
        key = (_text(record.get("jenis", "")), _text(record.get("kode", "")))
        if key not in expected.index:
            problem(n, "kode", key[1], f"kode {key[0] or 'jenis'} tidak dikenal untuk tahun {year}",
                    "pasangan jenis/kode dari template tahun ini")
            continue
        if key in seen:
            problem(n, "kode", key[1], "baris ganda", f"setiap butir satu kali (pertama di baris {seen[key]})")
            continue
        seen[key] = n
        plan = expected.loc[key]
        satuan = _text(record.get("satuan", ""))
        plan_satuan = "" if pd.isna(plan["satuan"]) else str(plan["satuan"])
        if satuan != plan_satuan:
            problem(n, "satuan", satuan, "satuan berbeda dari rencana", f"{plan_satuan!r} seperti di template")
        pagu = plan["pagu"]
        for col in ("target", "pagu"):
            cell = record.get(col, "")
            if cell == "" or isinstance(cell, FormulaWithoutValue):
                continue
            try:
                given = _number(cell)
            except (NumberFormatError, ValueError):
                given = None
            if _same(plan[col], given):
                continue
            if col == "pagu" and key[0] in PLAN_LEVELS and given is not None and given >= 0:
                pagu = given      # the DPA pagu of the year, where it differs from Tabel 4.1
                continue
            if col == "target":
                target_mismatch += 1
            problem(n, col, _text(cell), f"{col} berbeda dari rencana tahun {year}",
                    f"{plan[col]} seperti di template tahun {year} (jangan mengubah kolom {col}"
                    + ("; pagu DPA hanya untuk program, kegiatan dan sub kegiatan, nol atau lebih)" if col == "pagu"
                       else ")"))
        values = {}
        for col in ("realisasi", "realisasi_anggaran"):
            cell = record.get(col, "")
            try:
                value = _number(cell)
            except (NumberFormatError, ValueError) as exc:
                problem(n, col, _text(cell), _number_problem(_text(cell), exc), "angka seperti 1.234.567 atau 95,18")
                continue
            if value is not None and value < 0:
                problem(n, col, _text(cell), "nilai negatif", "nol atau lebih")
                continue
            values[col] = value
        grade = _text(record.get("realisasi_grade", "")).upper()
        if grade and grade not in GRADES:
            problem(n, "realisasi_grade", grade, "nilai AKIP tidak dikenal", f"salah satu dari {', '.join(GRADES)}")
        catatan = record.get("catatan", "")
        if isinstance(catatan, FormulaWithoutValue):
            problem(n, "catatan", str(catatan), "rumus tanpa nilai tersimpan", "teks")
        records.append({
            "jenis": key[0], "kode": key[1], "uraian": plan["uraian"], "indikator": plan["indikator"],
            "satuan": plan_satuan, "target": plan["target"], "target_grade": plan["target_grade"],
            "pagu": pagu, "realisasi": values.get("realisasi"), "realisasi_grade": grade or None,
            "realisasi_anggaran": values.get("realisasi_anggaran"), "catatan": _text(catatan) or None,
        })
    missing = [k for k in expected.index if k not in seen]
    if missing:
        shown = ", ".join(k for _, k in missing[:5]) + (" …" if len(missing) > 5 else "")
        problem(None, None, None, f"{len(missing)} dari {len(expected)} baris template tidak ada di berkas "
                                  f"({shown}); berkas terpotong atau baris dihapus, impor sebagian ditolak",
                "semua baris template (sel realisasi boleh kosong bila data belum ada)")
    if target_mismatch:
        other = _matching_year(rows, year, data_dir)
        if other:
            problems.insert(0, DataValidationError(path, f"target dan pagu berkas ini cocok dengan rencana tahun "
                                                         f"{other}, bukan tahun {year}",
                                                   expected=f"template tahun {year}, atau impor dengan TAHUN={other}"))
    if problems:
        raise RealisasiImportError(path, problems[:MAX_PROBLEMS], max(0, len(problems) - MAX_PROBLEMS))
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def _matching_year(rows, year: int, data_dir) -> Optional[int]:
    """The other plan year whose targets the file's rows match best (named in the refusal)."""
    first, last = load_opd(data_dir).periode
    best, best_score = None, 0
    for other in range(first, last + 1):
        if other == year:
            continue
        plan = template(other, data_dir).set_index(["jenis", "kode"])
        score = 0
        for _, record in rows:
            key = (_text(record.get("jenis", "")), _text(record.get("kode", "")))
            cell = record.get("target", "")
            if key in plan.index and cell != "" and not isinstance(cell, FormulaWithoutValue):
                try:
                    score += _same(plan.loc[key, "target"], _number(cell))
                except (NumberFormatError, ValueError):
                    pass
        if score > best_score:
            best, best_score = other, score
    return best


def _csv_value(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return format(Decimal(repr(float(value))).normalize(), "f")
    return str(value)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The realisation as the loader reads it: plain decimals (never ``1e-05``), UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in frame.itertuples(index=False):
        writer.writerow([_csv_value(getattr(row, c)) for c in COLUMNS])
    return buffer.getvalue().encode("utf-8")


_READONLY_HELP = "folder data yang dapat ditulis (periksa izin folder atau apakah disk hanya-baca)"

#: How an import treats a year that is already stored: ``baru`` refuses it, ``gabung`` merges the
#: file's non-empty cells into it (empty cells keep the stored values), ``ganti`` replaces it.
MODES = ("baru", "gabung", "ganti")
#: A program or kegiatan realisation (Rp) may differ from the sum of its sub-kegiatan by rounding.
ROLLUP_TOLERANCE = 0.5


@dataclass
class ImportReport:
    """What an import did, row by row (``(jenis, kode)`` keys), with the warnings to read.

    ``baru``: rows that got their first value; ``berubah``: rows whose stored values changed;
    ``tetap``: rows with values that stay as they were; ``kosong``: rows still without any value
    ("belum diketahui"); ``selisih``: program/kegiatan realisation that disagrees with the sum of
    its sub-kegiatan (:func:`rollup_conflicts`; kept, not refused).
    """

    path: Path
    tahun: int
    mode: str
    baru: list = field(default_factory=list)
    berubah: list = field(default_factory=list)
    tetap: list = field(default_factory=list)
    kosong: list = field(default_factory=list)
    selisih: pd.DataFrame = field(default_factory=pd.DataFrame)
    pagu_dpa: list = field(default_factory=list)

    def ringkasan(self) -> str:
        """The report for the planner, in Indonesian."""
        how = {"baru": "diimpor", "gabung": "digabungkan ke data yang sudah ada", "ganti": "menggantikan data lama"}
        lines = [f"Realisasi tahun {self.tahun} {how[self.mode]}: {self.path}",
                 f"  baris baru: {len(self.baru)}, berubah: {len(self.berubah)}, tidak berubah: {len(self.tetap)}, "
                 f"masih kosong (belum diketahui): {len(self.kosong)}"]
        for label, rows in (("berubah", self.berubah),):
            if rows:
                shown = ", ".join(k for _, k in rows[:10]) + (" …" if len(rows) > 10 else "")
                lines.append(f"  {label}: {shown}")
        if self.pagu_dpa:
            lines.append(f"  pagu DPA yang berbeda dari Tabel 4.1 dipakai untuk {len(self.pagu_dpa)} baris")
        if not self.selisih.empty:
            lines.append(f"  PERINGATAN: {len(self.selisih)} realisasi program/kegiatan berbeda dengan jumlah "
                         "sub kegiatannya (data tetap disimpan; periksa dan perbaiki bila perlu):")
            for r in self.selisih.itertuples():
                lines.append(f"    - {r.jenis} {r.kode}, {r.kolom}: {_plain_number(r.nilai)} sedangkan jumlah "
                             f"{r.jumlah_anak} sub kegiatan {_plain_number(r.jumlah)}")
        return "\n".join(lines)


def _plain_number(value) -> str:
    from helpers.core.numbers import format_number

    value = float(value)
    return format_number(value, 0 if value.is_integer() else 2)


def _filled(value) -> bool:
    return not (value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value == "")


def _input_values(row) -> tuple:
    return tuple(_canonical(getattr(row, c)) for c in INPUT_COLUMNS)


def _canonical(value):
    if not _filled(value):
        return None
    if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
        return (Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)).normalize()
    return str(value)


def _stored_frame(path: Path) -> Optional[pd.DataFrame]:
    """The stored year as text cells (exactly as written), or None."""
    if not path.is_file():
        return None
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    frame = pd.DataFrame(rows, columns=list(COLUMNS)).fillna("")
    for col in ("target", "pagu", "realisasi", "realisasi_anggaran"):
        frame[col] = [Decimal(v) if v != "" else None for v in frame[col]]
    for col in ("realisasi_grade", "catatan"):
        frame[col] = [v if v != "" else None for v in frame[col]]
    return frame


def merge_years(stored: Optional[pd.DataFrame], new: pd.DataFrame, mode: str,
                plan_pagu: Optional[dict] = None) -> tuple[pd.DataFrame, dict]:
    """The year to store and each row's status (``baru``/``berubah``/``tetap``/``kosong``).

    ``gabung``: a non-empty cell of ``new`` replaces the stored one, an empty cell keeps it (a merge
    never empties a cell; to clear a value, replace the year with ``ganti``); a ``pagu`` equal to
    the plan's (``plan_pagu``, the template's pre-filled value) keeps a stored DPA pagu.
    ``baru``/``ganti``: ``new`` as it is. The other plan columns (target …) come from ``new``.
    """
    old = {} if stored is None else {(r.jenis, r.kode): r for r in stored.itertuples(index=False)}
    plan_pagu = plan_pagu or {}
    out = new.copy()
    status: dict = {key: [] for key in ("baru", "berubah", "tetap", "kosong")}
    for i, row in enumerate(new.itertuples(index=False)):
        key = (row.jenis, row.kode)
        before = _input_values(old[key]) if key in old else (None,) * len(INPUT_COLUMNS)
        after = _input_values(row)
        pagu_before = _canonical(old[key].pagu) if key in old else None
        pagu_after = _canonical(row.pagu)
        if mode == "gabung":
            after = tuple(a if a is not None else b for a, b in zip(after, before))
            for col, value in zip(INPUT_COLUMNS, after):
                out.at[out.index[i], col] = value
            if key in old and pagu_after == _canonical(plan_pagu.get(key, row.pagu)):
                pagu_after = pagu_before
                out.at[out.index[i], "pagu"] = pagu_before
        if all(v is None for v in after):
            status["kosong" if all(v is None for v in before) else "berubah"].append(key)
        elif all(v is None for v in before):
            status["baru"].append(key)
        elif after != before or (key in old and pagu_after != pagu_before):
            status["berubah"].append(key)
        else:
            status["tetap"].append(key)
    return out, status


def rollup_conflicts(frame: pd.DataFrame, tahun: int, data_dir=None) -> pd.DataFrame:
    """Program and kegiatan realisation that disagrees with the sum of its sub-kegiatan.

    Rupiah (``realisasi_anggaran``) always adds up. Output (``realisasi``) is compared only where the
    plan itself adds up: the parent's satuan is a count (not a level, :func:`compute.end_of_period_rule`),
    every sub-kegiatan has that satuan and the parent's target of ``tahun`` is the sum of theirs.
    A disagreement is reported when every sub-kegiatan that should have a value (a pagu or target
    above 0, or a value given) is filled and the sum differs, or when the sum of the filled ones
    already exceeds the parent's value. Columns ``jenis, kode, uraian,
    kolom, nilai, jumlah, jumlah_anak, terisi``.
    """
    from helpers.core import compute

    columns = ["jenis", "kode", "uraian", "kolom", "nilai", "jumlah", "jumlah_anak", "terisi"]
    if frame is None or frame.empty or not has_table("4_1_rencana_program", data_dir):
        return pd.DataFrame(columns=columns)
    plan = load("4_1_rencana_program", data_dir)
    parents = plan[["kode", "parent_kode"]].drop_duplicates().set_index("kode")["parent_kode"].to_dict()
    rows = {r.kode: r for r in frame.itertuples(index=False) if r.jenis in ("program", "kegiatan", "sub_kegiatan")}
    leaves: dict = {}
    for kode, r in rows.items():
        if r.jenis != "sub_kegiatan":
            continue
        node = parents.get(kode)
        while node is not None and not (isinstance(node, float) and pd.isna(node)) and node is not pd.NA:
            leaves.setdefault(node, []).append(r)
            node = parents.get(node)
    out = []
    for kode, r in rows.items():
        kids = leaves.get(kode)
        if r.jenis == "sub_kegiatan" or not kids:
            continue
        checks = [("realisasi_anggaran", "realisasi Rp")]
        unit = r.satuan if _filled(r.satuan) else None
        if unit and compute.end_of_period_rule(unit) == "sum" and all(
                _filled(k.satuan) and str(k.satuan) == str(unit) for k in kids):
            targets = [k.target for k in kids]
            if _filled(r.target) and all(_filled(t) for t in targets) and \
                    abs(float(r.target) - sum(float(t) for t in targets)) <= 1e-9:
                checks.append(("realisasi", "realisasi K"))
        for col, label in checks:
            value = getattr(r, col)
            if not _filled(value):
                continue
            base = "pagu" if col == "realisasi_anggaran" else "target"
            expected = [k for k in kids if _filled(getattr(k, col))
                        or (_filled(getattr(k, base)) and float(getattr(k, base)) > 0)]
            known = [float(getattr(k, col)) for k in expected if _filled(getattr(k, col))]
            if not known:
                continue
            total = sum(known)
            complete = len(known) == len(expected)
            if (complete and abs(total - float(value)) > ROLLUP_TOLERANCE) or total > float(value) + ROLLUP_TOLERANCE:
                out.append({"jenis": r.jenis, "kode": kode, "uraian": r.uraian, "kolom": label,
                            "nilai": float(value), "jumlah": total, "jumlah_anak": len(expected),
                            "terisi": len(known)})
    return pd.DataFrame(out, columns=columns)


def import_realisasi(path: Path, tahun: object, data_dir=None, *, mode: str = "baru") -> ImportReport:
    """Validate a filled template and store it as ``<data_dir>/realisasi/<tahun>.csv`` (atomically).

    ``mode`` (:data:`MODES`): ``baru`` refuses a year already stored; ``gabung`` merges the file's
    non-empty cells into the stored year (a planner sends the IKU in January and the budget in
    March: each import adds what is known, an empty cell means "not yet known" and keeps the
    stored value); ``ganti`` replaces the year. Nothing is written when the file has any problem.
    The stored year is read, merged and written under a lock, so two imports never lose each
    other's cells; with ``baru`` the existence check and the write are one step: of two imports of
    the same year, the second fails ("sudah ada"), whatever the timing.
    """
    import fcntl
    import tempfile

    if mode not in MODES:
        raise ValueError(f"mode impor {mode!r} tidak dikenal; seharusnya salah satu dari {', '.join(MODES)}")
    root = resolve_data_dir(data_dir)
    year = check_tahun(tahun, root)
    folder = root / "realisasi"
    target = folder / f"{year}.csv"

    def exists_error():
        return DataValidationError(target, f"realisasi tahun {year} sudah ada (sudah pernah diimpor); tidak ada "
                                           "yang ditulis",
                                   expected="GABUNG=1 (--gabung; di notebook CARA = \"gabung\") untuk menambahkan "
                                            "sel yang terisi ke data yang sudah ada, atau OVERWRITE=1 (--overwrite; "
                                            "CARA = \"ganti\") untuk menggantinya dengan berkas ini")

    if target.exists() and mode == "baru":
        raise exists_error()
    frame = validate_filled(Path(path), year, root)
    plan = template(year, root)
    plan_pagu = {(j, k): v for j, k, v in zip(plan["jenis"], plan["kode"], plan["pagu"])}
    tmp = None
    try:
        folder.mkdir(exist_ok=True)
        with open(folder / f".impor-{year}.lock", "a") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            stored = _stored_frame(target) if mode != "baru" else None
            merged, status = merge_years(stored, frame, "gabung" if mode == "gabung" else "ganti", plan_pagu)
            data = to_csv_bytes(merged)
            fd, name = tempfile.mkstemp(prefix=f"{files.TEMP_PREFIX}{year}.", suffix=".csv", dir=folder)
            tmp = Path(name)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            if mode != "baru":
                os.replace(tmp, target)
            else:
                try:
                    os.link(tmp, target)  # fails if the target exists: check and write are one step
                except FileExistsError:
                    raise exists_error() from None
    except OSError as exc:
        raise DataValidationError(folder, f"folder data tidak dapat ditulis ({exc.strerror}); tidak ada yang "
                                          "diimpor", expected=_READONLY_HELP) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    dpa = [(r.jenis, r.kode) for r in merged.itertuples(index=False)
           if r.jenis in PLAN_LEVELS and not _same(plan_pagu.get((r.jenis, r.kode)), _canonical(r.pagu))]
    return ImportReport(path=target, tahun=year, mode=mode, baru=status["baru"], berubah=status["berubah"],
                        tetap=status["tetap"], kosong=status["kosong"], pagu_dpa=dpa,
                        selisih=rollup_conflicts(merged, year, root))


def import_filled(path: Path, tahun: object, data_dir=None, *, overwrite: bool = False,
                  merge: bool = False) -> Path:
    """:func:`import_realisasi` returning the written path: ``overwrite`` replaces a stored year,
    ``merge`` merges into it, neither refuses it (the command-line behaviour)."""
    mode = "ganti" if overwrite else "gabung" if merge else "baru"
    return import_realisasi(path, tahun, data_dir, mode=mode).path


def load_realisasi(tahun: int, data_dir=None) -> Optional[pd.DataFrame]:
    """The imported realisation of a plan year, or None when there is none yet ("belum ada data")."""
    from helpers.core.data import Column, parse_cell, read_csv_rows, record_realisasi_read

    root = resolve_data_dir(data_dir)
    record_realisasi_read(tahun)  # looked for: a page built before the import must be rebuilt after it
    path = root / "realisasi" / f"{int(tahun)}.csv"
    if not path.is_file():
        return None

    types = {"target": "number", "pagu": "number", "realisasi": "number", "realisasi_anggaran": "number"}
    rows = read_csv_rows(path, list(COLUMNS))
    out = {c: [] for c in COLUMNS}
    for n, record in rows:
        for c in COLUMNS:
            column = Column(c, types.get(c, "string"), nullable=True)
            out[c].append(parse_cell(record[c], column, path=path, row=n, units={}))
    return pd.DataFrame({c: pd.array(v, dtype="Float64" if c in types else "string") for c, v in out.items()})


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.core.realisasi", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("template", help="tulis template isian realisasi satu tahun rencana")
    t.add_argument("--tahun", required=True)
    t.add_argument("--data-dir", default=None)
    t.add_argument("--output-dir", default="realisasi-isian")
    i = sub.add_parser("import", help="periksa template yang sudah diisi lalu simpan di data/realisasi/")
    i.add_argument("--tahun", required=True)
    i.add_argument("--file", required=True)
    i.add_argument("--data-dir", default=None)
    how = i.add_mutually_exclusive_group()
    how.add_argument("--overwrite", action="store_true", help="ganti tahun yang sudah ada dengan berkas ini")
    how.add_argument("--gabung", action="store_true",
                     help="gabungkan sel yang terisi ke tahun yang sudah ada (sel kosong mempertahankan nilai lama)")
    args = parser.parse_args(argv)
    try:
        if args.command == "template":
            for path in write_template(args.tahun, Path(args.output_dir), args.data_dir):
                print(f"ditulis: {path}")
        else:
            mode = "ganti" if args.overwrite else "gabung" if args.gabung else "baru"
            report = import_realisasi(Path(args.file), args.tahun, args.data_dir, mode=mode)
            print(report.ringkasan())
    except (_DataValidationError, ValueError) as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
