"""The audit page (helpers/pages/audit.py, notebooks/00-audit.ipynb): what it builds from the data,
what the shared build published, and what it says when no printed figures were given."""
import csv
import re
import shutil

import pandas as pd
import pytest

from helpers.core import audit as core_audit
from helpers.core.claims import STATUSES, TIDAK
from helpers.core.data import load, load_printed
from helpers.core.numbers import format_number, format_rupiah
from helpers.pages import audit
from helpers.present import Figure, Narrative, Notice, Table
from support import DATA

STEM = "00-audit"
SECTIONS = (audit.corrections_section, audit.summary_section, audit.largest_section, audit.conventions_section,
            audit.claims_section, audit.full_section, audit.narrative, audit.technical_section)


@pytest.fixture(scope="module")
def result():
    return audit.build(DATA)


# -- the published page (shared build) -----------------------------------------------------------

def test_discrepancies_csv_has_the_consultants_columns_and_the_ppks_errors(real_build):
    path = real_build.page_dir(STEM, 2025) / "tables" / "discrepancies.csv"
    with open(path, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(audit.LISTING_KEYS)
    assert list(rows[0])[:len(core_audit.DISCREPANCY_COLUMNS)] == list(core_audit.DISCREPANCY_COLUMNS)
    ppks = load("2_3_2_ppks")
    printed = load_printed("2_3_2_ppks")
    for year in (2023, 2024):
        total = int(ppks.loc[ppks["tahun"] == year, "jumlah"].sum())
        shown = float(printed.loc[(printed["row"] == "total") & (printed["tahun"] == year), "value"].iloc[0])
        row = next(r for r in rows if r["table"] == "2_3_2_ppks" and r["column"] == f"jumlah_{year}")
        assert float(row["recomputed"]) == total and float(row["printed"]) == shown
        assert float(row["difference"]) == shown - total != 0
    d = core_audit.audit_all(DATA)
    assert len(rows) == len(core_audit.real_differences(d))
    assert {r["kind"] for r in rows} <= {"error", "knock_on", "convention_inferred"}  # no convention rows
    assert (real_build.page_dir(STEM, 2025) / "tables" / "discrepancies.xlsx").is_file()
    with open(real_build.page_dir(STEM, 2025) / "tables" / "discrepancies-konvensi.csv", encoding="utf-8-sig") as handle:
        conventions = list(csv.DictReader(handle))
    assert len(conventions) == len(core_audit.convention_differences(d)) and {r["kind"] for r in conventions} == {
        "convention"}


def test_page_shows_the_totals_claims_chart_and_narrative(real_build):
    text = real_build.text(STEM, 2025)
    visible = real_build.visible(STEM, 2025)
    counts = core_audit.summary_counts(DATA)
    assert f"**{format_number(counts['printed'])}** angka turunan" in text
    assert visible.index("Daftar koreksi dokumen") < visible.index("Ringkasan perbedaan")  # the page starts with it
    assert visible.rindex("Catatan teknis") > visible.index("Lampiran: konvensi dokumen")  # method notes at the end
    assert "Jumlah selisih absolut" not in visible.split("Perbedaan nyata per satuan")[0]  # no sum across units
    ppks = load("2_3_2_ppks")
    assert format_number(int(ppks.loc[ppks["tahun"] == 2024, "jumlah"].sum())) in visible
    assert "Draf narasi (untuk direvisi)" in visible
    claims = pd.read_csv(real_build.page_dir(STEM, 2025) / "tables" / "audit-klaim-naratif.csv", encoding="utf-8-sig")
    assert set(claims["Didukung data?"]) <= set(STATUSES)
    ppks_claim = claims[claims["Klaim dokumen"].str.contains("PPKS")]
    assert list(ppks_claim["Didukung data?"]) == [TIDAK]          # "tren penurunan": the totals rose in 2020
    figures = real_build.page_dir(STEM, 2025) / "figures"
    assert (figures / "audit-perbedaan-per-tabel.png").is_file() and (figures / "audit-perbedaan-per-tabel.svg").is_file()
    narrative = (real_build.page_dir(STEM, 2025) / "narasi" / "audit.md").read_text(encoding="utf-8")
    assert narrative.startswith("Audit menghitung ulang")
    assert "Tidak ada angka tercetak" not in visible


def test_the_audit_is_built_once_and_every_year_links_to_it(real_build):
    """The audited document does not change with tahun: one audit (in the plan's first year's
    folder) serves every reporting year, and says so."""
    assert real_build.home(STEM, 2022) == real_build.home(STEM, 2029) == 2025
    for tahun in (2022, 2029):
        assert not (real_build.dir(tahun) / f"{STEM}.html").exists()
        assert not (real_build.dir(tahun) / "tables" / "discrepancies.csv").exists()
    index = (real_build.output_dir / "index.html").read_text(encoding="utf-8")
    for tahun in (2022, 2025, 2029):
        section = index[index.index(f'id="tahun-{tahun}"'):]
        section = section[:section.index("</section>")]
        assert f'href="2025/{STEM}.html"' in section and 'href="2025/tables/discrepancies.csv"' in section
    assert "tidak bergantung pada tahun laporan" in real_build.visible(STEM, 2029)


def test_other_office_without_printed_figures_gets_the_notice(other_build):
    visible = other_build.visible(STEM, 2026)
    assert "Tidak ada angka tercetak" in visible
    assert "Ringkasan perbedaan per tabel" not in visible
    assert not (other_build.page_dir(STEM, 2026) / "tables" / "discrepancies.csv").exists()


# -- without printed/ (another office): page functions on a copy of data/ ------------------------

def test_without_printed_the_page_says_so_and_compares_nothing(data_copy):
    shutil.rmtree(data_copy / "printed")
    result = audit.build(data_copy)
    assert not result.has_printed and result.discrepancies.empty
    notice = audit.headline(result)
    assert isinstance(notice, Notice) and notice.text.startswith("Tidak ada angka tercetak")
    assert [section(result) for section in SECTIONS] == [None] * len(SECTIONS)


def test_an_empty_printed_folder_is_the_same_as_none(data_copy):
    for path in (data_copy / "printed").glob("*.csv"):
        path.unlink()
    assert isinstance(audit.headline(audit.build(data_copy)), Notice)


# -- the objects the page builds ---------------------------------------------------------------------

def test_sections_hold_only_model_objects_with_declared_names(result):
    from helpers.core.registry import page_spec

    spec = page_spec(STEM)
    kinds = {Table: "tables", Figure: "figures", Narrative: "narasi"}
    seen = []
    for section in SECTIONS:
        items = section(result)
        assert items and isinstance(items[0], str) and items[0].startswith("#")
        for item in items:
            assert isinstance(item, (str, Table, Figure, Narrative)), type(item)
            kind = next((k for cls, k in kinds.items() if isinstance(item, cls)), None)
            if kind:
                name = item.id if isinstance(item, Narrative) else item.name
                assert spec.declares(kind, name), name
                seen.append(name)
    assert len(seen) == len(set(seen))
    growth = [t for t in result.tables if (load_printed(t)["column"] == "pertumbuhan_anggaran").any()]
    assert {f"audit-pertumbuhan-{t}" for t in growth} <= set(seen) and growth


def test_full_table_is_every_real_difference_with_the_consultants_keys(result):
    table = audit.full_table(result)
    assert table.keys == list(audit.LISTING_KEYS)
    assert table.n_rows == len(core_audit.real_differences(result.discrepancies))
    assert set(table.data["kind"]) <= set(core_audit.REAL_STATUSES)
    konvensi = audit.conventions_full_table(result)
    assert konvensi.keys == list(audit.LISTING_KEYS) and set(konvensi.data["kind"]) == {"convention"}
    assert table.n_rows + konvensi.n_rows == len(result.discrepancies)
    row = next(i for i in range(table.n_rows) if table.data.at[i, "column"] == "jumlah_2024"
               and table.data.at[i, "table"] == "2_3_2_ppks")
    shown = {c.key: table.cell_text(row, c) for c in table.columns}
    assert shown["printed"] == "63.660" and shown["rule"] == "jumlah baris"


def test_rules_are_shown_in_indonesian(result):
    english = re.compile(r"\b(sum|of|final|rows?|children|undefined|divisor|blank|grade|reached|years)\b")
    for rule in list(result.conventions["rule"]) + list(result.discrepancies["rule"]):
        label = audit.rule_label(rule)
        assert label and not english.search(label), (rule, label)
    shown = audit.summary_table(result, "rule")
    assert not any(english.search(shown.cell_text(i, shown.columns[0])) for i in range(shown.n_rows))


def test_growth_finding_follows_the_printed_cells(result):
    text = audit.growth_finding(result)
    growth = result.conventions[result.conventions["rule"] == audit.GROWTH_RULE]
    assert f"Seluruh {format_number(int(growth['cells'].sum()))} sel" in text
    broken = audit.AuditResult(result.data_dir, result.tables, result.discrepancies,
                               result.conventions.assign(agree=0))
    assert audit.growth_finding(broken).startswith("Dari ")


def test_largest_tables_use_their_unit_and_are_as_long_as_they_say(result):
    tables = audit.largest_tables(result)
    real = core_audit.real_differences(result.discrepancies)
    assert len(tables) == real["unit"].nunique()
    for table in tables:
        said = int(re.search(r": (\d+) sel", table.caption).group(1))
        assert said == table.n_rows > 0, table.caption
    rupiah = audit.largest_table(result, "Rp")
    assert {c.role for c in rupiah.columns if c.key in ("printed", "recomputed", "difference")} == {"rupiah"}
    assert rupiah.data.at[0, "difference"] == -240_000_000
    jiwa = audit.largest_table(result, "jiwa")
    assert {c.role for c in jiwa.columns if c.key in ("printed", "recomputed", "difference")} == {"integer"}
    assert list(jiwa.data["difference"]) == [228, 33]


def test_corrections_list_one_row_per_error_with_knock_ons_under_it(result):
    table = audit.corrections_table(result)
    d = core_audit.real_differences(result.discrepancies)
    assert table.n_rows == len(d)
    numbered = [i for i in range(table.n_rows) if not table.is_blank(i, table.columns[0])]
    assert len(numbered) == (d["status"] != core_audit.STATUS_KNOCK_ON).sum()
    causes = [table.cell_text(i, next(c for c in table.columns if c.key == "cause")) for i in range(table.n_rows)]
    root = causes.index("Program 2.08.02 tahun 2026 tidak memasukkan kegiatan 2.08.02.2.03 (Rp240.000.000).")
    assert all(table.indent.get(root + k) == 1 for k in (1, 2, 3))  # its three knock-ons, under it


def test_summary_counts_add_up_on_the_page(result):
    text = audit.headline(result)
    numbers = [int(n.replace(".", "")) for n in re.findall(r"\*\*([\d.]+)\*\*", text)]
    printed, agree, differs, real, conventions = numbers
    assert printed == agree + differs and differs == real + conventions
    for by in ("table", "rule", "kind"):
        table = audit.summary_table(result, by)
        assert int(table.data["total"].sum()) == differs
        assert "abs_difference" not in table.keys  # differences are summed per unit only
    units = audit.unit_table(result)
    assert len(set(units.data["unit"])) == units.n_rows


def test_chart_names_each_table_once_with_a_short_label(result):
    figure = audit.chart_by_table(result)
    labels = [t.get_text() for t in figure.fig.axes[0].get_yticklabels()]
    assert len(labels) == len(set(labels)) == result.discrepancies["table"].nunique()
    assert all(len(label) <= 20 for label in labels), labels  # table numbers, not full titles
    ticks = [t.get_text() for t in figure.fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and not any("," in t for t in ticks)
    assert figure.alt.startswith("Diagram batang") and figure.name == "audit-perbedaan-per-tabel"


def test_narrative_counts_and_largest_errors(result):
    text = audit.narrative_text(result)
    d = core_audit.real_differences(result.discrepancies)
    assert f"Sebanyak {format_number(len(d))} sel berbeda secara nyata" in text
    assert "tidak memasukkan kegiatan 2.08.02.2.03 (Rp240.000.000)" in text
    assert not re.search(r"(^|[.!?]\s+)\d", text), "a sentence opens with a numeral"


def test_narrative_without_differences(result):
    clean = audit.AuditResult(result.data_dir, result.tables, result.discrepancies.iloc[0:0], result.conventions)
    assert "Tidak ditemukan perbedaan di luar toleransi pembulatan." in audit.narrative_text(clean)
    assert audit.headline(clean).endswith("Tidak ada sel yang berbeda di luar toleransi pembulatan.")
