"""One import, everywhere (issue 11, item 1): a year's realisation, once imported, reaches every page
of a later reporting year, and the pages of that year itself do not change.

A SINTETIS realisation (made up in this test from the template, labelled in its catatan) is imported
into a copy of data/ for 2025, then for 2026. The pages are built by the batch runner; the figures
they show (page models outputs/<tahun>/model/<page>.json) are compared with values computed here,
independently, from the filled file and the plan tables read as plain CSV:

* Tabel 2.3.1 (IKU of the plan linked to the old ones), Tabel 2.3.4 (target, realisasi, ratio),
  Tabel 2.3.3 (SPM), the budget table of the plan years (anggaran, realisasi, ratio);
* Bab III and IV progress: realisation per year, to date (counts and rupiah cumulated over 2025–2026,
  levels the latest) and its ratio to the end-of-period target;
* the 2025 pages show no 2025 realisation (and the Bab III/IV 2025 pages are the same as before the
  import); a year without realisation says "belum ada data realisasi".
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.core import realisasi
from helpers.core.progress import NO_DATA
from helpers.present import Table
from support import DATA, data_without_realisasi

PAGES = ("02-3-1-kinerja-pelayanan", "02-3-2-anggaran", "03-tujuan-sasaran", "04-rencana-program")
LABEL = "SINTETIS (uji)"
#: The sub kegiatan whose realisasi anggaran 2025 is left empty (not known yet): its parents and
#: JUMLAH must say "belum ada data realisasi", the other programs show their sums.
EMPTY_RP = "2.08.06.2.02.0005"
#: The IKU whose 2025 realisation is left empty (Indeks Pembangunan Gender, Tabel 4.5.1 no 3).
EMPTY_IKU = "IKU.3"


def plan(table: str) -> pd.DataFrame:
    """A plan table read as plain CSV (not through the project's loader): a pagu printed "-" is nihil
    (0), a target printed "-" is no target."""
    df = pd.read_csv(DATA / "tables" / f"{table}.csv", dtype={"kode": str, "parent_kode": str, "row_id": str})
    if "pagu" in df:
        df["pagu"] = pd.to_numeric(df["pagu"].replace("-", "0"))
    df["target"] = pd.to_numeric(df["target"].replace("-", None))
    return df


def filled(tahun: int, data_dir: Path, factor: float) -> pd.DataFrame:
    """The template of ``tahun`` filled as a planner would (SINTETIS values derived from the targets)."""
    df = realisasi.template(tahun, data_dir)
    df.insert(0, "tahun", tahun)
    df["realisasi"] = df["realisasi"].astype(object)
    df["realisasi_anggaran"] = df["realisasi_anggaran"].astype(object)
    for i, r in df.iterrows():
        target = None if pd.isna(r["target"]) else float(r["target"])
        if r["kode"] == "IKU.6":  # Nilai AKIP: a score and its grade
            df.at[i, "realisasi"], df.at[i, "realisasi_grade"] = (72.5, "BB") if tahun == 2025 else (75.25, "BB")
        elif r["kode"] == EMPTY_IKU and tahun == 2025:
            pass
        elif target is not None:
            value = target * factor
            df.at[i, "realisasi"] = round(value) if r["satuan"] not in ("%", "indeks", "rasio", "skor") else round(value, 2)
        if r["jenis"] == "sub_kegiatan" and not pd.isna(r["pagu"]) and float(r["pagu"]) > 0:
            if not (r["kode"] == EMPTY_RP and tahun == 2025):
                df.at[i, "realisasi_anggaran"] = round(float(r["pagu"]) * factor)
        df.at[i, "catatan"] = LABEL if r["kode"] in ("IKU.1", "SPM.1") else None
    return df


def import_year(tahun: int, data_dir: Path, factor: float, work: Path) -> pd.DataFrame:
    df = filled(tahun, data_dir, factor)
    path = work / f"isian-{tahun}.csv"
    df.to_csv(path, index=False)
    realisasi.import_filled(path, tahun, data_dir)
    return df.drop(columns="tahun").set_index(["jenis", "kode"])


def run(years, data_dir, out, pages=PAGES):
    from helpers.run.build import build

    report = build(list(years), jobs=1, data_dir=data_dir, output_dir=out, only=list(pages), log=io.StringIO())
    failed = [f"{r.stem} {r.tahun}: {str(r.error)[:1500]}" for r in report.results if r.status == "failed"]
    assert not failed, "\n".join(failed)
    return {(r.stem, r.tahun): r.status for r in report.results}


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """Build before any import, import 2025 and build again (2025–2027), import 2026 and build 2027."""
    work = tmp_path_factory.mktemp("realisasi-pages")
    data = data_without_realisasi(work / "data")
    out = work / "out"
    run([2025, 2026], data, out)
    before = {stem: shown_tables(out, stem, 2025) for stem in PAGES}
    r2025 = import_year(2025, data, 0.9, work)
    second = run([2025, 2026, 2027], data, out)
    snapshot = work / "out-before-2026"  # the 2027 pages while only 2025 was imported
    shutil.copytree(out / "2027", snapshot / "2027")
    r2026 = import_year(2026, data, 1.05, work)
    third = run([2027], data, out, pages=("02-3-2-anggaran", "04-rencana-program"))
    yield {"out": out, "data": data, "before": before, "r2025": r2025, "r2026": r2026, "second": second,
           "third": third, "snapshot": snapshot}


def model_text(out: Path, stem: str, tahun: int) -> str:
    return (out / str(tahun) / "model" / f"{stem}.json").read_text(encoding="utf-8")


def shown_tables(out: Path, stem: str, tahun: int) -> list:
    """Every table and notice of a page's model except the note on which reporting years share it."""
    items = json.loads(model_text(out, stem, tahun))["items"]
    return [i for i in items if i.get("kind") == "table" or (i.get("kind") == "notice" and i.get("notice") != "jendela")]


def table(out: Path, stem: str, tahun: int, name: str) -> Table:
    model = json.loads(model_text(out, stem, tahun))
    for item in model["items"]:
        if item.get("kind") == "table" and item["table"]["name"] == name:
            return Table.from_record(item["table"])
    raise AssertionError(f"{stem} {tahun}: no table {name}")


def has_table(out: Path, stem: str, tahun: int, name: str) -> bool:
    model = json.loads(model_text(out, stem, tahun))
    return any(i.get("kind") == "table" and i["table"]["name"] == name for i in model["items"])


def value(t: Table, column: str, **key):
    rows = [i for i in range(t.n_rows) if all(str(t.data.at[i, k]) == str(v) for k, v in key.items())]
    assert len(rows) == 1, f"{t.name}: {key} matches rows {rows}"
    return t.data.at[rows[0], column], t.cell_text(rows[0], next(c for c in t.columns if c.key == column))


def number(v) -> float:
    return float(v)


def r(real: pd.DataFrame, jenis: str, kode: str, column: str = "realisasi"):
    v = real.loc[(jenis, kode), column]
    return None if pd.isna(v) else (v if isinstance(v, str) else float(v))


# ---------------------------------------------------------------------------------------- the runner


def test_the_import_opens_a_new_page_for_2026_and_leaves_2025_alone(cycle):
    second = cycle["second"]
    for stem in PAGES:  # the 2026 page is built anew (history pages: no longer shared with 2025)
        assert second[(stem, 2026)] == "built"
    for stem in PAGES:  # the 2025 pages may be rebuilt (their window or data changed) but show the same
        assert shown_tables(cycle["out"], stem, 2025) == cycle["before"][stem], stem


def test_the_2025_pages_show_no_2025_realisation(cycle):
    out = cycle["out"]
    iku = table(out, "02-3-1-kinerja-pelayanan", 2025, "tabel-2-3-1-capaian-iku")
    assert "2025" not in iku.keys and "padanan" not in iku.keys
    assert not has_table(out, "02-3-2-anggaran", 2025, "2-3-anggaran-rencana")
    for name in ("tabel-4-1-kemajuan-realisasi", "tabel-4-5-1-kemajuan-realisasi", "tabel-4-7-kemajuan-realisasi"):
        assert not has_table(out, "04-rencana-program", 2025, name)
    progress = table(out, "03-tujuan-sasaran", 2025, "3-2-1-kemajuan-2025")
    assert not [k for k in progress.keys if k.startswith("realisasi_")]


# ---------------------------------------------------------------------------------------- Bab II


def test_tabel_2_3_1_continues_the_linked_iku(cycle):
    t = table(cycle["out"], "02-3-1-kinerja-pelayanan", 2026, "tabel-2-3-1-capaian-iku")
    real = cycle["r2025"]
    assert "2025" in t.keys and "2026" not in t.keys
    assert number(value(t, "2025", no=3)[0]) == r(real, "IKU", "IKU.1")  # Persentase Angka Kemiskinan
    assert number(value(t, "2025", no=5)[0]) == r(real, "IKU", "IKU.5")  # Ratio Kekerasan terhadap anak
    assert value(t, "2025", no=1)[0] == r(real, "IKU", "IKU.6", "realisasi_grade")  # Nilai AKIP as a grade
    for no in (2, 4, 6):  # no counterpart among the IKU of 2025-2029
        assert value(t, "2025", no=no)[1] == "tidak ada padanan"
    iku = plan("4_5_1_iku_target").drop_duplicates("no").set_index("no")["indikator"]
    assert [t.data.at[i, "indikator"] for i in range(6, 9)] == [iku[2], iku[3], iku[4]]
    assert number(value(t, "2025", no=7)[0]) == r(real, "IKU", "IKU.2")
    assert value(t, "2025", no=8)[1] == NO_DATA  # left empty in the file: not known, never 0


def test_tabel_2_3_4_targets_realisation_and_ratio(cycle):
    t = table(cycle["out"], "02-3-1-kinerja-pelayanan", 2026, "tabel-2-3-4-kinerja-pelayanan")
    real = cycle["r2025"]
    targets = plan("4_5_1_iku_target").set_index(["no", "tahun"])
    for no_2_3_4, no_4_5_1 in ((2, 1), (5, 5), (7, 2), (9, 4)):
        target = float(targets.at[(no_4_5_1, 2025), "target"])
        realised = r(real, "IKU", f"IKU.{no_4_5_1}")
        assert number(value(t, "target_2025", no=no_2_3_4)[0]) == target
        assert number(value(t, "realisasi_2025", no=no_2_3_4)[0]) == realised
        assert number(value(t, "rasio_2025", no=no_2_3_4)[0]) == pytest.approx(realised / target * 100)
    akip_target = float(targets.at[(6, 2025), "target"])
    assert number(value(t, "rasio_2025", no=3)[0]) == pytest.approx(72.5 / akip_target * 100)
    assert value(t, "realisasi_2025", no=3)[1] == "BB (72,50)"
    assert value(t, "realisasi_2025", no=8)[1] == NO_DATA
    assert value(t, "target_2025", no=1)[1] == "tidak ada padanan"
    pol = table(cycle["out"], "02-3-1-kinerja-pelayanan", 2026, "tabel-2-3-4-analisis-polaritas")
    target, realised = float(targets.at[(1, 2025), "target"]), r(real, "IKU", "IKU.1")  # lower is better
    assert number(value(pol, "rasio_polaritas", no=2, tahun=2025)[0]) == pytest.approx((2 * target - realised) / target * 100)


def test_tabel_2_3_3_spm_with_the_targets_of_tabel_4_7(cycle):
    t = table(cycle["out"], "02-3-1-kinerja-pelayanan", 2026, "tabel-2-3-3-capaian-spm")
    real = cycle["r2025"]
    spm = plan("4_7_spm_target")
    spm = spm[spm["tahun"] == 2025].set_index("row_id")
    for no in range(1, 6):
        target, realised = float(spm.at[str(no), "target"]), r(real, "SPM", f"SPM.{no}")
        assert number(value(t, "target_2025", no=no)[0]) == target
        assert number(value(t, "realisasi_2025", no=no)[0]) == realised
        assert number(value(t, "capaian_2025", no=no)[0]) == pytest.approx(realised / target * 100)
    layanan = spm.loc["1.1"]  # a jenis layanan, indented under its SPM
    i = [k for k in range(t.n_rows) if t.data.at[k, "indikator"] == layanan["uraian"]][0]
    assert float(t.data.at[i, "realisasi_2025"]) == r(real, "SPM", "SPM.1.1") and t.indent.get(i) == 1
    assert value(t, "catatan", no=1)[0] == LABEL  # the planner's note is shown with the figure


def leaves_under(kode: str, year: int) -> pd.DataFrame:
    df = plan("4_1_rencana_program")
    df = df[(df["tahun"] == year) & (df["level"] == "sub_kegiatan")]
    return df[df["kode"].str.startswith(kode + ".")]


def test_the_budget_of_the_plan_years(cycle):
    t = table(cycle["out"], "02-3-2-anggaran", 2026, "2-3-anggaran-rencana")
    real = cycle["r2025"]
    programs = plan("4_1_rencana_program")
    programs = programs[(programs["tahun"] == 2025) & (programs["level"] == "program")]["kode"]
    checked = 0
    for kode in programs:
        leaves = leaves_under(kode, 2025)
        anggaran = leaves["pagu"].sum(min_count=1)  # all blank: no anggaran (NA), not 0
        if pd.isna(anggaran):
            assert pd.isna(value(t, "anggaran_2025", kode=kode)[0])
            continue
        assert number(value(t, "anggaran_2025", kode=kode)[0]) == pytest.approx(anggaran)
        if EMPTY_RP in set(leaves["kode"]):
            assert value(t, "realisasi_2025", kode=kode)[1] == NO_DATA
            assert value(t, "rasio_2025", kode=kode)[1] == NO_DATA
            continue
        spent = sum(r(real, "sub_kegiatan", k, "realisasi_anggaran") or 0 for k in leaves["kode"])
        assert number(value(t, "realisasi_2025", kode=kode)[0]) == pytest.approx(spent)
        if anggaran:
            assert number(value(t, "rasio_2025", kode=kode)[0]) == pytest.approx(spent / anggaran * 100)
            checked += 1
    assert checked >= 5
    assert value(t, "realisasi_2025", uraian="JUMLAH")[1] == NO_DATA  # one sub kegiatan is not known yet
    assert value(t, "realisasi_2025", kode=EMPTY_RP)[1] == NO_DATA
    assert any("DPA" in n and "Tabel 4.1" in n for n in t.notes)  # the page says where the anggaran comes from
    # 2027 (2025 and 2026 imported): two plan years, growth by the history tables' rule
    t27 = table(cycle["out"], "02-3-2-anggaran", 2027, "2-3-anggaran-rencana")
    kode = "1.06.04"
    a25, a26 = leaves_under(kode, 2025)["pagu"].fillna(0).sum(), leaves_under(kode, 2026)["pagu"].fillna(0).sum()
    assert number(value(t27, "anggaran_2026", kode=kode)[0]) == pytest.approx(a26)
    assert number(value(t27, "pertumbuhan_total_anggaran", kode=kode)[0]) == pytest.approx((a26 - a25) / a25 * 100)


def test_anggaran_is_the_imported_pagu_where_given_else_tabel_4_1(tmp_path):
    """A realisation file whose pagu (DPA) differs for one sub kegiatan and is empty for another."""
    from helpers.pages import anggaran

    data = data_without_realisasi(tmp_path / "data")
    df = realisasi.template(2025, data)
    leaves = df[(df["jenis"] == "sub_kegiatan") & df["pagu"].notna() & (df["pagu"] > 0)].index
    dpa, plan_only = leaves[0], leaves[1]
    df["pagu"] = df["pagu"].astype(object)
    df.at[dpa, "pagu"] = float(df.at[dpa, "pagu"]) + 1_000_000
    df.at[plan_only, "pagu"] = None
    (data / "realisasi").mkdir(exist_ok=True)
    (data / "realisasi" / "2025.csv").write_bytes(realisasi.to_csv_bytes(df))
    view = anggaran.plan_budget_view(2026, data)
    frame = view.frame.set_index("row_id")
    template = realisasi.template(2025, data).set_index("kode")
    assert float(frame.at[df.at[dpa, "kode"], "anggaran_2025"]) == float(template.at[df.at[dpa, "kode"], "pagu"]) + 1_000_000
    assert float(frame.at[df.at[plan_only, "kode"], "anggaran_2025"]) == float(template.at[df.at[plan_only, "kode"], "pagu"])
    assert view.sources[2025][df.at[plan_only, "kode"]] == "Tabel 4.1"
    text = " ".join(anggaran.budget_table(view).notes)
    assert "selebihnya Tabel 4.1" in text and "berbeda dari pagu Tabel 4.1 pada 1 baris" in text


# ---------------------------------------------------------------------------------------- Bab III-IV


def test_bab_iv_progress_of_the_iku(cycle):
    t = table(cycle["out"], "04-rencana-program", 2026, "tabel-4-5-1-kemajuan-realisasi")
    real = cycle["r2025"]
    iku = plan("4_5_1_iku_target")
    end = iku[iku["tahun"] == 2029].set_index("no")["target"]
    realised = r(real, "IKU", "IKU.1")  # Tingkat Kemiskinan: %, lower is better, latest value
    assert number(value(t, "realisasi_2025", no="1")[0]) == realised == number(value(t, "sd", no="1")[0])
    assert number(value(t, "capaian", no="1")[0]) == pytest.approx((2 * end[1] - realised) / end[1] * 100)
    assert number(value(t, "capaian", no="2")[0]) == pytest.approx(r(real, "IKU", "IKU.2") / end[2] * 100)
    assert value(t, "realisasi_2025", no="3")[1] == NO_DATA and value(t, "sd", no="3")[1] == NO_DATA


def _targets_4_1() -> pd.DataFrame:
    df = plan("4_1_rencana_program")
    return df[df["level"].isin(["program", "kegiatan", "sub_kegiatan"])]


def test_bab_iv_progress_cumulates_counts_and_rupiah_over_two_years(cycle):
    t = table(cycle["out"], "04-rencana-program", 2027, "tabel-4-1-kemajuan-realisasi")
    r25, r26 = cycle["r2025"], cycle["r2026"]
    df = _targets_4_1()
    counts = df[(df["level"] == "sub_kegiatan") & (df["satuan"] == "orang")]
    kode = next(k for k, g in counts.groupby("kode", sort=False)
                if g["target"].notna().all() and g["pagu"].fillna(0).gt(0).all() and k != EMPTY_RP)
    g = df[df["kode"] == kode]
    k25, k26 = r(r25, "sub_kegiatan", kode), r(r26, "sub_kegiatan", kode)
    rp25, rp26 = r(r25, "sub_kegiatan", kode, "realisasi_anggaran"), r(r26, "sub_kegiatan", kode, "realisasi_anggaran")
    target_end, pagu_end = g["target"].sum(), g["pagu"].sum()  # counts: the sum of the five years
    assert number(value(t, "realisasi_2025", kode=kode)[0]) == k25
    assert number(value(t, "realisasi_2026", kode=kode)[0]) == k26
    assert number(value(t, "sd", kode=kode)[0]) == k25 + k26
    assert number(value(t, "sd_rp", kode=kode)[0]) == rp25 + rp26
    assert number(value(t, "capaian", kode=kode)[0]) == pytest.approx((k25 + k26) / target_end * 100)
    assert number(value(t, "capaian_rp", kode=kode)[0]) == pytest.approx((rp25 + rp26) / pagu_end * 100)
    percent = df[(df["satuan"] == "%") & (df["level"] == "kegiatan")]
    kode = next(k for k, g in percent.groupby("kode", sort=False) if g["target"].notna().all())
    latest = r(r26, "kegiatan", kode)  # a percentage: the latest year, not the sum
    assert number(value(t, "sd", kode=kode)[0]) == latest
    end = float(df[(df["kode"] == kode) & (df["tahun"] == 2029)]["target"].iloc[0])
    assert number(value(t, "capaian", kode=kode)[0]) == pytest.approx(latest / end * 100)


def test_a_year_without_realisation_says_so(cycle):
    """The 2027 pages built while only 2025 was imported: 2026 is 'belum ada data realisasi'."""
    t = table(cycle["snapshot"], "03-tujuan-sasaran", 2027, "3-2-1-kemajuan-2027")
    column = next(c for c in t.columns if c.key == "realisasi_2026")
    assert {t.cell_text(i, column) for i in range(t.n_rows)} == {NO_DATA}
    real = cycle["r2025"]
    i = [k for k in range(t.n_rows) if t.data.at[k, "indikator_sasaran"] == "Tingkat Kemiskinan"][0]
    assert float(t.data.at[i, "realisasi_2025"]) == r(real, "IKU", "IKU.1") == float(t.data.at[i, "sd"])
    t = table(cycle["snapshot"], "04-rencana-program", 2027, "tabel-4-7-kemajuan-realisasi")
    column = next(c for c in t.columns if c.key == "realisasi_2026")
    assert {t.cell_text(i, column) for i in range(t.n_rows)} == {NO_DATA}


def test_bab_iii_progress_of_the_kegiatan_indicators(cycle):
    """Tabel 3.2.2: an indicator identical to a Tabel 4.1 row takes that row's realisation; the others say so."""
    out, real = cycle["out"], cycle["r2025"]
    assert not has_table(out, "03-tujuan-sasaran", 2025, "3-2-2-kemajuan-realisasi")
    t = table(out, "03-tujuan-sasaran", 2026, "3-2-2-kemajuan-realisasi")
    cascade = pd.read_csv(DATA / "tables" / "3_2_2_cascading.csv", dtype=str)
    levels = dict(zip(plan("4_1_rencana_program")["kode"], plan("4_1_rencana_program")["level"]))
    linked = cascade[cascade["kode_indikator_4_1"].notna()].drop_duplicates("row_id")
    checked = 0
    for row in linked.itertuples():
        expected = r(real, levels[row.kode_indikator_4_1], row.kode_indikator_4_1)
        shown = value(t, "realisasi_2025", indikator=row.indikator_kegiatan, kode_4_1=row.kode_indikator_4_1)
        if expected is None:
            assert shown[1] == NO_DATA
        else:
            assert number(shown[0]) == expected
            checked += 1
    assert checked >= 5
    alone = cascade[cascade["kode_indikator_4_1"].isna()].drop_duplicates("row_id").iloc[0]
    assert value(t, "realisasi_2025", indikator=alone["indikator_kegiatan"], kode_4_1="")[1] == NO_DATA
