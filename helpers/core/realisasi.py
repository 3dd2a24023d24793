"""Realisation of plan years (``periode`` of ``data/opd.yaml``): a template to fill in, and a
validating importer.

The document holds realisation only up to the year before the plan. For each plan year the
office fills in a template listing every indicator (IKU, IKK, SPM) and every program / kegiatan
/ sub-kegiatan of Tabel 4.1 that needs a realisation value, with code, name, unit and target
pre-filled::

    python -m helpers.core.realisasi template --tahun 2025          # outputs/realisasi/template-realisasi-2025.{csv,xlsx}
    python -m helpers.core.realisasi import --tahun 2025 --file isian.xlsx   # → data/realisasi/2025.csv

The importer accepts XLSX (the template above, or the ``template-realisasi-<tahun>.xlsx`` of the
evaluation page, whose header sits under a caption row) or CSV (comma or semicolon separated,
UTF-8), numbers in Indonesian or plain style (``1.234.567``, ``95,18``); it refuses ambiguous
numbers (``1.234``), unknown codes, changed units, negative values, bad AKIP grades and
duplicate rows, listing every problem with its row. Only a fully valid file is written,
atomically, to ``data/realisasi/<tahun>.csv``; an existing year is never overwritten without
``--overwrite``. No other data file is touched.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Optional

import pandas as pd

from helpers.core import files
from helpers.core.compute import AKIP_BANDS
from helpers.core.data import DataValidationError, has_table, load, read_text_file, resolve_data_dir
from helpers.core.numbers import NumberFormatError, parse_number
from helpers.core.opd import load_opd

#: Columns of the template and of data/realisasi/<tahun>.csv, in order.
COLUMNS = ("jenis", "kode", "uraian", "indikator", "satuan", "target", "target_grade", "pagu",
           "realisasi", "realisasi_grade", "realisasi_anggaran", "catatan")
#: Columns the planner fills in; the others are pre-filled and checked against the plan.
INPUT_COLUMNS = ("realisasi", "realisasi_grade", "realisasi_anggaran", "catatan")
JENIS = {"IKU": "Indikator Kinerja Utama (Tabel 4.5.1)", "IKK": "Indikator Kinerja Kunci (Tabel 4.6)",
         "SPM": "Standar Pelayanan Minimal (Tabel 4.7)", "program": "Program (Tabel 4.1)",
         "kegiatan": "Kegiatan (Tabel 4.1)", "sub_kegiatan": "Sub kegiatan (Tabel 4.1)"}
GRADES = tuple(g for g, _ in AKIP_BANDS)


class RealisasiImportError(DataValidationError):
    """Every problem found in a filled template, each naming its row, column, value and expectation."""

    def __init__(self, file, problems: list[DataValidationError]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(file, f"{len(problems)} problem(s) in the filled template; nothing was written:\n{lines}")


def check_tahun(tahun: object, data_dir=None) -> int:
    """``tahun`` as an int within the plan years (``periode`` of ``opd.yaml``), or a clear error."""
    first, last = load_opd(data_dir).periode
    try:
        value = int(str(tahun).strip())
    except ValueError:
        raise ValueError(f"tahun={tahun!r} is not a year; expected an integer from {first} to {last}") from None
    if value < first:
        raise ValueError(f"tahun={value} is outside the plan years {first}-{last}; realisation for years "
                         "before the plan is already in the document's tables")
    if value > last:
        raise ValueError(f"tahun={value} is outside the plan years {first}-{last}; expected a year from "
                         f"{first} to {last}")
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
    """Write ``template-realisasi-<tahun>.csv`` and ``.xlsx`` (with instructions) under ``output_dir``."""
    year = check_tahun(tahun, data_dir)
    df = template(year, data_dir)
    output_dir = Path(output_dir)
    csv_path = files.write_bytes(output_dir / f"template-realisasi-{year}.csv",
                                 df.to_csv(index=False).encode("utf-8-sig"))
    xlsx_path = output_dir / f"template-realisasi-{year}.xlsx"
    with files.atomic_path(xlsx_path) as tmp:
        _write_template_xlsx(df, year, tmp)
    return csv_path, xlsx_path


def _write_template_xlsx(df: pd.DataFrame, year: int, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = f"Realisasi {year}"
    fill = PatternFill("solid", fgColor="FFF3C4")
    for j, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=j, value=col)
        cell.font = Font(bold=True)
        if col in INPUT_COLUMNS:
            cell.fill = fill
    for i, row in enumerate(df.itertuples(index=False), start=2):
        for j, col in enumerate(COLUMNS, start=1):
            value = getattr(row, col)
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA:
                cell = ws.cell(row=i, column=j, value=value if isinstance(value, str) else float(value))
                if col in ("pagu",):
                    cell.number_format = "[$-421]#,##0"
            if col in INPUT_COLUMNS:
                ws.cell(row=i, column=j).fill = fill
    info = wb.create_sheet("Petunjuk")
    lines = [
        f"Template realisasi tahun {year}",
        "Isi hanya kolom berwarna kuning: realisasi, realisasi_grade (untuk Nilai AKIP), realisasi_anggaran (Rp), catatan.",
        "Jangan mengubah kolom jenis, kode, satuan, target atau pagu.",
        "Angka boleh ditulis 1.234.567 atau 95,18. Angka seperti 1.234 ditolak karena ambigu: tulis 1234.",
        "Kosongkan sel bila data belum ada (jangan diisi 0).",
        f"Impor: make realisasi FILE=<file ini> TAHUN={year}",
    ]
    for k, line in enumerate(lines, start=1):
        info.cell(row=k, column=1, value=line)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())


def read_filled(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows of a filled template (XLSX or CSV) as text, each with its spreadsheet row number."""
    path = Path(path)
    if not path.is_file():
        raise DataValidationError(path, "file is missing", expected="the filled template (.xlsx or .csv)")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same user error
            raise DataValidationError(path, f"not a readable XLSX file ({exc.__class__.__name__})",
                                      expected="a workbook saved from the template") from None
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        if not rows:
            raise DataValidationError(path, "file is empty", expected="the template's header and rows")
        # The header is the first row naming jenis and kode: the page's template has a caption above it.
        top = next((i for i, values in enumerate(rows[:5])
                    if {"jenis", "kode"} <= {str(v).strip() for v in values if v is not None}), 0)
        header = [str(h).strip() if h is not None else "" for h in rows[top]]
        out = []
        for n, values in enumerate(rows[top + 1:], start=top + 2):
            record = {h: ("" if v is None else _cell_text(v)) for h, v in zip(header, values) if h}
            if any(v.strip() for v in record.values()):
                out.append((n, record))
        return _check_header(path, header, out)
    text = read_text_file(path)
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    out = []
    for record in reader:
        if any(c.strip() for c in record):
            if len(record) != len(header):
                raise DataValidationError(path, f"row has {len(record)} fields", row=reader.line_num,
                                          value=delimiter.join(record)[:120], expected=f"{len(header)} fields")
            out.append((reader.line_num, dict(zip(header, record))))
    return _check_header(path, header, out)


def _cell_text(value) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def _check_header(path: Path, header: list[str], rows):
    missing = [c for c in ("jenis", "kode", "satuan", "realisasi") if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    if missing or unknown:
        raise DataValidationError(path, "the header is not the template's", row=1, value=",".join(header),
                                  expected=f"the template columns {','.join(COLUMNS)} "
                                           f"(missing {missing}, unknown {unknown})")
    return rows


def validate_filled(path: Path, tahun: object, data_dir=None) -> pd.DataFrame:
    """Check a filled template against the plan of ``tahun``; returns the clean realisation frame."""
    year = check_tahun(tahun, data_dir)
    expected = template(year, data_dir).set_index(["jenis", "kode"])
    rows = read_filled(path)
    problems: list[DataValidationError] = []
    seen: dict[tuple, int] = {}
    records = []

    def problem(row, column, value, issue, wanted):
        problems.append(DataValidationError(path, issue, row=row, column=column, value=value, expected=wanted))

    for n, record in rows:
        key = (record.get("jenis", "").strip(), record.get("kode", "").strip())
        if key not in expected.index:
            problem(n, "kode", key[1], f"unknown {key[0] or 'jenis'} code for {year}",
                    "a jenis/kode pair from the template of this year")
            continue
        if key in seen:
            problem(n, "kode", key[1], "duplicate row", f"each item once (first at row {seen[key]})")
            continue
        seen[key] = n
        plan = expected.loc[key]
        satuan = record.get("satuan", "").strip()
        plan_satuan = "" if pd.isna(plan["satuan"]) else str(plan["satuan"])
        if satuan != plan_satuan:
            problem(n, "satuan", satuan, "unit differs from the plan", f"{plan_satuan!r} as in the template")
        values = {}
        for col in ("realisasi", "realisasi_anggaran"):
            text = record.get(col, "")
            try:
                value = parse_number(text, style="auto")
            except NumberFormatError as exc:
                problem(n, col, text, f"not a number: {exc}", "a number such as 1.234.567 or 95,18")
                continue
            if value is not None and value < 0:
                problem(n, col, text, "negative value", "zero or more")
                continue
            values[col] = value
        grade = record.get("realisasi_grade", "").strip().upper()
        if grade and grade not in GRADES:
            problem(n, "realisasi_grade", grade, "unknown AKIP grade", f"one of {', '.join(GRADES)}")
        records.append({
            "jenis": key[0], "kode": key[1], "uraian": plan["uraian"], "indikator": plan["indikator"],
            "satuan": plan_satuan, "target": plan["target"], "target_grade": plan["target_grade"],
            "pagu": plan["pagu"], "realisasi": values.get("realisasi"), "realisasi_grade": grade or None,
            "realisasi_anggaran": values.get("realisasi_anggaran"), "catatan": record.get("catatan", "").strip() or None,
        })
    if problems:
        raise RealisasiImportError(path, problems)
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def import_filled(path: Path, tahun: object, data_dir=None, *, overwrite: bool = False) -> Path:
    """Validate a filled template and write ``<data_dir>/realisasi/<tahun>.csv`` (atomically)."""
    root = resolve_data_dir(data_dir)
    year = check_tahun(tahun, root)
    target = root / "realisasi" / f"{year}.csv"
    if target.exists() and not overwrite:
        raise DataValidationError(target, f"realisation for {year} already exists",
                                  expected="--overwrite (OVERWRITE=1) to replace it deliberately")
    frame = validate_filled(Path(path), year, root)
    return files.write_bytes(target, frame.to_csv(index=False).encode("utf-8"))


def load_realisasi(tahun: int, data_dir=None) -> Optional[pd.DataFrame]:
    """The imported realisation of a plan year, or None when there is none yet ("belum ada data")."""
    root = resolve_data_dir(data_dir)
    path = root / "realisasi" / f"{int(tahun)}.csv"
    if not path.is_file():
        return None
    from helpers.core.data import Column, parse_cell, read_csv_rows

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
    t = sub.add_parser("template", help="write the realisation template of a plan year")
    t.add_argument("--tahun", required=True)
    t.add_argument("--data-dir", default=None)
    t.add_argument("--output-dir", default="outputs/realisasi")
    i = sub.add_parser("import", help="validate a filled template and store it in data/realisasi/")
    i.add_argument("--tahun", required=True)
    i.add_argument("--file", required=True)
    i.add_argument("--data-dir", default=None)
    i.add_argument("--overwrite", action="store_true", help="replace an existing year deliberately")
    args = parser.parse_args(argv)
    try:
        if args.command == "template":
            for path in write_template(args.tahun, Path(args.output_dir), args.data_dir):
                print(f"ditulis: {path}")
        else:
            path = import_filled(Path(args.file), args.tahun, args.data_dir, overwrite=args.overwrite)
            print(f"diimpor: {path}")
    except (DataValidationError, ValueError) as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
