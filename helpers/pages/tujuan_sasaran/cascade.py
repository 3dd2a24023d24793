"""Tabel 3.2.2 (cascading down to the kegiatan indicators, with yearly targets) and Tabel 3.3.1
(strategi and arah kebijakan).

Both tables merge the cells of their outer levels; the data repeats them and the tables show
them blank on continuation rows (:func:`helpers.present.frames.repeated_cells`), while the CSV
keeps the full values.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from helpers.core.compute import as_number
from helpers.core.data import has_table, load_present, read_schema
from helpers.core.numbers import MISSING_DISPLAY, format_number
from helpers.core.text import is_na, join_list
from helpers.present import Column, Notice, Table, unavailable
from helpers.present.frames import repeated_cells
from helpers.core.years import year_span

CASCADE = "3_2_2_cascading"
STRATEGY = "3_3_1_strategi_kebijakan"

#: The merged levels of Tabel 3.2.2, outermost first (keys of :func:`cascade_frame`).
CASCADE_LEVELS = ["tujuan", "sasaran", "indikator_sasaran", "program", "indikator_program", "kegiatan"]


def _text(value) -> str:
    return "" if is_na(value) else str(value)


def _decimals(value) -> int:
    v = as_number(value)
    return 0 if v is None or float(v).is_integer() else 2


def cascade_target_value(value, satuan=None):
    """A target cell of Tabel 3.2.2 for a ``mixed`` column: ``100%`` as text when the unit is
    percent, other targets as numbers, None for no value."""
    v = as_number(value)
    if v is None:
        return None
    if _text(satuan) == "%":
        return f"{format_number(v, _decimals(v))}%"
    return float(v)


def cascade_target_text(value, satuan=None) -> str:
    """A target cell of Tabel 3.2.2: ``6.488``, ``100%`` when the unit is percent; ``-`` for none."""
    shown = cascade_target_value(value, satuan)
    if shown is None:
        return MISSING_DISPLAY
    return shown if isinstance(shown, str) else format_number(shown, _decimals(shown))


def cascade_rows(data_dir=None) -> pd.DataFrame:
    """One row per indikator kegiatan (``row_id``) with its targets per year as columns ``target_<y>``."""
    df = load_present(CASCADE, data_dir)
    first = df.sort_values(["row_id", "tahun"]).drop_duplicates("row_id").drop(columns=["tahun", "target"])
    wide = df.pivot(index="row_id", columns="tahun", values="target")
    wide.columns = [f"target_{int(y)}" for y in wide.columns]
    return first.merge(wide.reset_index(), on="row_id").sort_values("row_id").reset_index(drop=True)


def cascade_years(rows: pd.DataFrame) -> list[int]:
    return sorted(int(c.split("_")[1]) for c in rows.columns if c.startswith("target_"))


def code_label(code, name) -> str:
    """``1.06.04 Program Rehabilitasi Sosial``: the Tabel 4.1 code (not printed in Tabel 3.2.2) before the name."""
    code = _text(code)
    return f"{code} {name}" if code else str(name)


def cascade_frame(data_dir=None) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Tabel 3.2.2 as shown: the document's columns (program and kegiatan prefixed with their Tabel 4.1
    code), the satuan and the targets per year (``target_<y>``); and the merged cells shown blank."""
    rows = cascade_rows(data_dir)
    out = pd.DataFrame({
        "tujuan": rows["tujuan"].astype(str), "sasaran": rows["sasaran"].astype(str),
        "indikator_sasaran": rows["indikator_sasaran"].astype(str),
        "program": [code_label(k, n) for k, n in zip(rows["kode_program"], rows["program"])],
        "indikator_program": rows["indikator_program"].astype(str),
        "kegiatan": [code_label(k, n) for k, n in zip(rows["kode_kegiatan"], rows["kegiatan"])],
        "indikator_kegiatan": rows["indikator_kegiatan"].astype(str),
        "satuan": [_text(s) or MISSING_DISPLAY for s in rows["satuan"]],
    })
    for y in cascade_years(rows):
        out[f"target_{y}"] = pd.Series([cascade_target_value(v, s) for v, s in zip(rows[f"target_{y}"],
                                                                                   rows["satuan"])], dtype=object)
    return out, repeated_cells(out, CASCADE_LEVELS)


def _year_columns(frame: pd.DataFrame, years: Sequence[int], tahun: int) -> list[Column]:
    """One ``mixed`` column per year; decimals per row (``6.488``, ``0,37``), ``tahun`` highlighted."""
    columns = []
    for y in years:
        values = frame[f"target_{y}"]
        decimals = tuple(0 if isinstance(v, str) else _decimals(v) for v in values)
        columns.append(Column(f"target_{y}", str(y), role="mixed", decimals=decimals, highlight=y == tahun))
    return columns


def cascade_table(tahun: int, data_dir=None) -> Table | Notice:
    """Tabel 3.2.2 with the column of ``tahun`` highlighted (a wide table: it scrolls)."""
    if not has_table(CASCADE, data_dir):
        return unavailable("Tabel 3.2.2 (cascading)")
    df, blank = cascade_frame(data_dir)
    rows = cascade_rows(data_dir)
    no_unit = int(rows["satuan"].isna().sum())
    note = ("Kode program/kegiatan dan kolom Satuan tidak tercetak di Tabel 3.2.2: kode dicocokkan dengan Tabel 4.1 "
            "menurut nama; satuan tercetak hanya pada target \u201c100%\u201d, selebihnya dibaca dari indikator yang "
            "sama di Tabel 4.1 atau dari bunyi indikator"
            + (f" (\u201c-\u201d: {no_unit} indikator tanpa satuan yang dapat dibaca)" if no_unit else "") + ". "
            "Sel kosong = sel gabungan (sama dengan baris di atasnya). Tabel ini tidak memuat angka turunan.")
    columns = [Column("tujuan", "Tujuan"), Column("sasaran", "Sasaran"),
               Column("indikator_sasaran", "Indikator Sasaran"), Column("program", "Program"),
               Column("indikator_program", "Indikator Program"), Column("kegiatan", "Kegiatan"),
               Column("indikator_kegiatan", "Indikator Kegiatan/ Sub Kegiatan", wide=True),
               Column("satuan", "Satuan")] + _year_columns(df, cascade_years(rows), tahun)
    return Table(df, columns, caption=read_schema(CASCADE, data_dir).caption, name="tabel-3-2-2-cascading",
                 notes=[note], blank=blank, wide=True)


# --------------------------------------------------------------------------------------------
# Tabel 3.3.1 Strategi dan Arah Kebijakan
# --------------------------------------------------------------------------------------------


def cascade_progress(tahun: int, data_dir=None):
    """Progress of the kegiatan indicators of Tabel 3.2.2 up to the year before ``tahun``: the imported
    realisation of the Tabel 4.1 row with the identical indicator (``kode_indikator_4_1``), to date
    (counts summed, percentages latest) and against the end-of-period target of Tabel 3.2.2. None
    without the table; a notice on the first plan year. An indicator without that row has no realisation."""
    from helpers.core import compute, progress
    from helpers.core.data import load

    if not has_table(CASCADE, data_dir):
        return None
    years = progress.plan_years_before(tahun, data_dir)
    if not years:
        return Notice(f"Kemajuan Tabel 3.2.2: belum ada tahun rencana sebelum {tahun}, sehingga belum ada realisasi "
                      f"yang ditampilkan. Realisasi tahun {tahun} dievaluasi di halaman Evaluasi {tahun}.")
    rows = cascade_rows(data_dir)
    plan_years = cascade_years(rows)
    levels = {}
    if has_table("4_1_rencana_program", data_dir):
        plan = load("4_1_rencana_program", data_dir)
        levels = dict(zip(plan["kode"], plan["level"]))
    records = []
    for first in rows.to_dict("records"):
        kode = None if is_na(first["kode_indikator_4_1"]) else str(first["kode_indikator_4_1"])
        satuan = None if is_na(first["satuan"]) else str(first["satuan"])
        records.append({"sasaran_no": int(first["sasaran_no"]), "kegiatan": code_label(first["kode_kegiatan"], first["kegiatan"]),
                        "indikator": str(first["indikator_kegiatan"]), "kode_4_1": kode or "",
                        "jenis": levels.get(kode, ""), "kode": kode or "", "satuan": satuan,
                        "satuan_teks": satuan or MISSING_DISPLAY, "polaritas": _text(first["polaritas"]) or "naik",
                        "target_akhir": compute.end_of_period([first[f"target_{y}"] for y in plan_years], satuan)})
    items = pd.DataFrame.from_records(records)
    real = progress.load(years, data_dir)
    frame = progress.progress_frame(items, real, data_dir=data_dir)
    no_code = [r.indikator for r in frame.itertuples() if not r.kode]
    data = frame.copy()
    for key in ["target_akhir", "sd"] + [f"realisasi_{y}" for y in years]:
        data[key] = pd.Series([as_number(v) for v in frame[key]], dtype=object)
    columns = [Column("kegiatan", "Kegiatan", wide=True), Column("indikator", "Indikator Kinerja Kegiatan", wide=True),
               Column("kode_4_1", "Indikator yang sama di Tabel 4.1", role="code"), Column("satuan_teks", "Satuan"),
               Column("target_akhir", "Target akhir periode", role="mixed", decimals=2)]
    columns += [Column(f"realisasi_{y}", f"Realisasi {y}", role="mixed", decimals=2) for y in years]
    columns += [Column("sd", f"Realisasi s.d. {years[-1]}", role="mixed", decimals=2),
                Column("capaian", "Capaian terhadap target akhir (%)", role="decimal", decimals=2),
                Column("kategori", "Kategori capaian")]
    symbols = {}
    for i, r in frame.iterrows():
        for key in [f"realisasi_{y}" for y in years] + ["sd", "capaian"]:
            if as_number(r[key]) is None:
                symbols[(i, key)] = progress.NO_DATA
    notes = [f"Realisasi {year_span(years)} dari data realisasi yang diimpor, untuk baris Tabel 4.1 yang indikatornya sama "
             "(dicari menurut nama; tidak tercetak di dokumen). Realisasi s.d. "
             f"{years[-1]}: satuan jumlah {progress.RULE_TEXT['sum']}, persen {progress.RULE_TEXT['last']}; target akhir "
             "periode Tabel 3.2.2 menurut aturan yang sama. Capaian " + compute.convention_label() + "; kategori "
             + compute.category_bands(data_dir).describe() + "."]
    if no_code:
        notes.append(f"{len(no_code)} indikator tidak memiliki indikator yang sama di Tabel 4.1, sehingga realisasinya "
                     f"tidak ada dalam isian: \u201c{progress.NO_DATA}\u201d.")
    return Table(data, columns, caption=f"Kemajuan Tabel 3.2.2: realisasi indikator kegiatan {year_span(years)} dan "
                 "capaian terhadap target akhir periode", name="3-2-2-kemajuan-realisasi", notes=notes,
                 symbols=symbols, blank=repeated_cells(data, ["kegiatan"]), wide=True)


def strategy_frame(data_dir=None) -> tuple[pd.DataFrame, list[tuple[int, str]], list[int]]:
    """Tabel 3.3.1 as printed: the Visi and Misi rows, then one row per kebijakan.

    Returns the frame, the merged cells shown blank and the rows of the Visi and Misi (printed
    above the header; shown in bold).
    """
    df = load_present(STRATEGY, data_dir).sort_values("row_id").reset_index(drop=True)
    misi = df.drop_duplicates("misi_no")
    head = pd.DataFrame({
        "no": ["Visi"] + [f"Misi {int(n)}" for n in misi["misi_no"]],
        "tujuan": [str(df["visi"].iloc[0])] + [str(m) for m in misi["misi"]],
        "sasaran": "", "strategi": "", "kebijakan": "", "sasaran_no": "",
    })
    body = pd.DataFrame({
        "no": ["" if is_na(n) else str(int(n)) for n in df["no"]],
        "tujuan": df["tujuan"].astype(str), "sasaran": df["sasaran"].astype(str),
        "strategi": df["strategi"].astype(str), "kebijakan": df["kebijakan"].astype(str),
        "sasaran_no": df["sasaran_no"].astype(str),
    })
    offset = len(head)
    blank = [(i + offset, c) for i, c in repeated_cells(body, ["tujuan", "sasaran_no", "sasaran", "strategi"])
             if c != "sasaran_no"]
    return pd.concat([head, body], ignore_index=True), blank, list(range(offset))


def strategy_notes(data_dir=None) -> list[str]:
    """Notes read from the data: sasaran printed without a number, Strategi printed as the Sasaran."""
    df = load_present(STRATEGY, data_dir)
    missing_no = sorted(set(df["sasaran_no"]) - set(df["no"].dropna()))
    note = "Kolom No tercetak sebagai nomor sasaran"
    if missing_no:
        note += f"; sasaran {join_list([str(int(s)) for s in missing_no])} tercetak tanpa nomor"
    note += ". Sel kosong = sel gabungan (sama dengan baris di atasnya)."
    same = df[df["strategi"] == df["sasaran"]]["sasaran_no"].unique()
    if len(same):
        note += (f" Pada sasaran {join_list([str(int(s)) for s in same])}, kolom Strategi tercetak sama dengan "
                 "Sasaran (sebagaimana tercetak; strategi tersendiri perlu dirumuskan).")
    return [note]


def strategy_table(data_dir=None) -> Table | Notice:
    """Tabel 3.3.1 (Visi and Misi in the first rows, in bold, as above the header in the document)."""
    if not has_table(STRATEGY, data_dir):
        return unavailable("Tabel 3.3.1 (strategi dan arah kebijakan)")
    df, blank, head = strategy_frame(data_dir)
    columns = [Column("no", "No", role="code"), Column("tujuan", "Tujuan", wide=True), Column("sasaran", "Sasaran"),
               Column("strategi", "Strategi"), Column("kebijakan", "Kebijakan", wide=True)]
    return Table(df, columns, caption=read_schema(STRATEGY, data_dir).caption, name="tabel-3-3-1-strategi-kebijakan",
                 notes=strategy_notes(data_dir), blank=blank, bold_rows=head)
