"""Tests of helpers/pages/sumber_daya.py (Bab II 2.2) and of its notebook 02-2-sumber-daya.

Expected values are recomputed here independently from ``helpers.core.data.load`` (Lk + Pr sums,
column sums), not taken from the module under test. Numbers in the draft narratives are checked
against the numbers shown in the tables. Mark wiring is checked on a copy of the data whose printed
totals were changed, so a future mismatch is marked; a copy without a table shows the notice
instead. Notebook checks read the session build (``real_build``, ``other_build``).
"""
from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from helpers.core.data import load
from helpers.core.numbers import format_number
from helpers.core.opd import load_opd
from helpers.pages import sumber_daya as sd
from helpers.present import Figure, Narrative, Notice, Table
from support import DATA, assert_clean, notebook_text

STEM = "02-2-sumber-daya"
NUMBER = re.compile(r"(?<![\w])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")
TABLES = ["tabel-2-2-1-pegawai-jabatan", "tabel-2-2-2-pegawai-honorer", "tabel-2-2-3-pegawai-golongan",
          "tabel-2-2-4-pegawai-eselon", "tabel-2-2-5-pegawai-pendidikan", "tabel-2-2-sarana",
          "tabel-2-2-5b-inventaris", "tabel-2-2-sarana-vs-inventaris"]
FIGURES = ["2-2-1-pegawai-jabatan", "2-2-2-pegawai-honorer", "2-2-komposisi-asn"]
NARRATIVES = ["2-2-sumber-daya-manusia", "2-2-sarana-prasarana"]

#: The document's reading of the text-vs-inventory check (docs/assumptions/bab2-organisasi-sdm.md):
#: which inventory items correspond to which count of the text. The page finds them by rules.
DOCUMENT_MATCH = {
    "Bangunan kantor": ["Bangunan Gedung Kantor Permanen", "Bangunan Gudang Tertutup Permanen",
                        "Gedung Pos Jaga Permanen", "Gedung Garasi/Pool Permanen",
                        "Rumah Negara Golongan II Tipe B Semi Permanen"],
    "Kendaraan roda 4": ["Micro Bus (Penumpang 15 S/D 29)", "Mini Bus (Penumpang 14 Kebawah)", "Station Wagon"],
    "Mobil dapur umum lapangan": ["Mobil Dapur Lapangan"],
    "Kendaraan roda 2": ["Sepeda Motor"],
}


# --------------------------------------------------------------------------------------------
# helpers of the tests
# --------------------------------------------------------------------------------------------

def independent_sums(table_id: str, data_dir=None):
    """Row totals (L + P, NA when both are blank) and the Jumlah row, summed here from the base table."""
    df = load(table_id, data_dir)
    if "level" in df.columns:
        df = df[df["level"] != "kelompok"]
    rows = {}
    for row_id, g in df.groupby("row_id", sort=False):
        total = g["jumlah"].sum(min_count=1)
        rows[row_id] = None if pd.isna(total) else int(total)
    male = int(df.loc[df["jenis_kelamin"] == "L", "jumlah"].sum())
    female = int(df.loc[df["jenis_kelamin"] == "P", "jumlah"].sum())
    return rows, male, female, male + female


def numbers_in(text: str) -> list[str]:
    text = re.sub(r"Tabel \d+(?:\.\d+)+", "", text)
    return NUMBER.findall(text)


def cells(table: Table, key: str) -> list[str]:
    column = next(c for c in table.columns if c.key == key)
    return [table.cell_text(i, column) for i in range(table.n_rows)]


def shown_numbers(*tables: Table) -> set[str]:
    out = set()
    for table in tables:
        for column in table.columns:
            for text in cells(table, column.key):
                out.update(NUMBER.findall(text.replace("*", "")))
    return out


def set_printed(data, table_id: str, row: str, column: str, value: int) -> None:
    path = data / "printed" / f"{table_id}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    hit = (df["row"] == row) & (df["column"] == column)
    assert hit.sum() == 1, (row, column)
    df.loc[hit, "printed"] = str(value)
    df.loc[hit, "value"] = str(value)
    df.to_csv(path, index=False)


def remove_table(data, table_id: str) -> None:
    for path in [data / "tables" / f"{table_id}.csv", data / "tables" / f"{table_id}.yaml",
                 data / "printed" / f"{table_id}.csv"]:
        path.unlink(missing_ok=True)


def table_html(html: str, name: str) -> str:
    start = html.index(f'id="{name}"')
    return html[start:html.index("</table>", start)]


# --------------------------------------------------------------------------------------------
# Staff tables 2.2.1–2.2.5
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id", list(sd.STAFF_TABLES))
def test_staff_totals_equal_independent_sums(table_id):
    view = sd.staff_view(table_id)
    values = sd.staff_frame(view)
    spec = sd.STAFF_TABLES[table_id]
    rows, male, female, total = independent_sums(table_id)
    assert list(values.columns) == ["no", spec.label, sd.MALE, sd.FEMALE, sd.TOTAL]
    last = values.iloc[-1]
    assert last[spec.label] == "Jumlah"
    assert (int(last[sd.MALE]), int(last[sd.FEMALE]), int(last[sd.TOTAL])) == (male, female, total)
    for r, (_, shown) in zip(view.rows, values.iloc[:-1].iterrows()):
        if r.is_group:
            assert pd.isna(shown[sd.TOTAL])
            continue
        expected = rows[r.row_id]
        assert (None if pd.isna(shown[sd.TOTAL]) else int(shown[sd.TOTAL])) == expected, r.row_id
        # Lk + Pr = Jumlah in every displayed row (blank counts as nothing)
        parts = [shown[sd.MALE], shown[sd.FEMALE]]
        if expected is not None:
            assert sum(int(p) for p in parts if not pd.isna(p)) == int(shown[sd.TOTAL])
    assert sd.staff_marks(view) == {}  # the document's totals all agree today
    table = sd.build_staff_table(view)
    assert table.headings == ["No", spec.header, spec.male, spec.female, "Jumlah"]
    assert table.caption == view.caption and table.caption.startswith(view.number + " ")
    assert len(table.bold_rows) == 1 + sum(r.is_group for r in view.rows) and table.n_rows - 1 in table.bold_rows


def test_known_totals_of_the_document():
    views = sd.staff_views()
    assert (views[sd.JABATAN].total_male, views[sd.JABATAN].total_female, views[sd.JABATAN].total) == (16, 13, 29)
    assert views[sd.HONORER].total == 146
    for t in (sd.GOLONGAN, sd.ESELON, sd.PENDIDIKAN):
        assert views[t].total == 29


def test_hierarchy_order_puts_children_after_their_group():
    view = sd.staff_view(sd.JABATAN)
    ids = [r.row_id for r in view.rows]
    df = load(sd.JABATAN)
    children = list(dict.fromkeys(df.loc[df["parent_id"] == "jabatan_fungsional_tertentu", "row_id"]))
    k = ids.index("jabatan_fungsional_tertentu")
    assert ids[k + 1:k + 1 + len(children)] == children
    assert ids[k + 1 + len(children)] == "staf_jfu"
    assert ids[:k] == ["kepala_dinas", "sekretaris", "kepala_bidang", "kasubbag_umum_kepegawaian",
                       "kepala_uptd", "kepala_tata_usaha"]
    table = sd.build_staff_table(view)
    assert cells(table, "jabatan")[k] == "Jabatan Fungsional Tertentu:"
    assert table.indent == {k + 1 + i: 1 for i in range(len(children))}
    assert cells(table, "no")[k] == "5" and cells(table, "no")[4] == ""  # Kepala UPTD is unnumbered
    unnumbered = {i for i, r in enumerate(view.rows) if r.no is None} | {table.n_rows - 1}
    assert set(table.blank) == {(k, key) for key in (sd.MALE, sd.FEMALE, sd.TOTAL)} | {(i, "no") for i in unnumbered}
    assert k in table.bold_rows


def test_hierarchy_order_handles_a_child_listed_before_its_parent():
    df = pd.DataFrame({"row_id": ["c", "c", "a", "a", "p", "p"], "parent_id": ["p", "p", None, None, None, None]})
    assert sd.hierarchy_order(df) == ["a", "p", "c"]
    assert sd.hierarchy_order(df.drop(columns="parent_id")) == ["c", "a", "p"]


def test_display_shows_blank_for_group_and_dash_for_no_value():
    from helpers.present.html import render_table

    table = sd.staff_table(sd.staff_views(), sd.JABATAN)
    labels = cells(table, "jabatan")
    header = labels.index("Jabatan Fungsional Tertentu:")
    assert [cells(table, key)[header] for key in (sd.MALE, sd.FEMALE, sd.TOTAL)] == ["", "", ""]
    kepala = labels.index("Kepala Dinas")
    assert [cells(table, key)[kepala] for key in (sd.MALE, sd.FEMALE, sd.TOTAL)] == ["1", "", "1"]
    html = render_table(table)
    assert html.count('<tr class="total">') == 2  # the group header and the Jumlah row
    assert re.search(r'<t[dh][^>]* class="lebar indent-1">Perencana Ahli Muda</t[dh]>', html)  # td or row header


def test_honorary_note_says_which_totals_were_not_printed():
    table = sd.staff_table(sd.staff_views(), sd.HONORER)
    rows, male, female, total = independent_sums(sd.HONORER)
    note = " ".join(table.all_notes())
    assert f"Laki-laki ({format_number(male)}) dan Perempuan ({format_number(female)})" in note
    assert "Non ASN pada teks (146 orang) sama" in note
    pramu = cells(table, "jabatan").index("Pramu Dokumen")
    assert cells(table, sd.MALE)[pramu] == "0"  # a printed 0 stays 0, not '-'


def test_marks_follow_a_future_mismatch(data_copy):
    set_printed(data_copy, sd.JABATAN, "total", "jumlah", 30)
    set_printed(data_copy, sd.JABATAN, "kepala_bidang", "jumlah", 6)
    set_printed(data_copy, sd.GOLONGAN, "total", "jumlah_p", 14)
    view = sd.staff_view(sd.JABATAN, data_copy)
    table = sd.build_staff_table(view)
    flagged = {(cells(table, "jabatan")[i], key): mark.printed for (i, key), mark in table.marks.items()}
    assert flagged == {("Jumlah", sd.TOTAL): "30", ("Kepala Bidang", sd.TOTAL): "6"}
    assert cells(table, sd.TOTAL)[-1] == "29*"  # the recomputed figure is shown, marked
    notes = " ".join(table.all_notes())
    assert "Sebanyak 2 angka berbeda" in notes and "Jumlah, Jumlah: tercetak 30" in notes
    assert "Kepala Bidang, Jumlah: tercetak 6" in notes
    gol = sd.build_staff_table(sd.staff_view(sd.GOLONGAN, data_copy))
    assert list(gol.marks) == [(gol.n_rows - 1, sd.FEMALE)] and gol.marks[(gol.n_rows - 1, sd.FEMALE)].printed == "14"
    assert cells(gol, sd.FEMALE)[-1] == "13*"


def test_text_total_mismatch_is_reported(data_copy):
    set_printed(data_copy, sd.JABATAN, "total", "jumlah_asn_teks", 31)
    note = sd.staff_note(sd.staff_view(sd.JABATAN, data_copy))
    assert "ASN pada teks (31 orang) berbeda dengan jumlah tabel (29)" in note


def test_without_printed_figures_nothing_is_said_about_them(data_copy):
    shutil.rmtree(data_copy / "printed")
    views = sd.staff_views(data_copy)
    for table_id in sd.STAFF_TABLES:
        table = sd.staff_table(views, table_id)
        notes = " ".join(table.all_notes())
        assert not table.marks and "tercetak" not in notes and "pada teks" not in notes, table_id
        assert "Dokumen hanya mencetak" not in notes
    sarana = sd.sarana_table(data_copy)
    assert not sarana.marks and "tercetak di dokumen" not in " ".join(sarana.all_notes())
    assert "dihitung dari rinciannya" in " ".join(sarana.all_notes())


def test_staff_table_exports_csv_and_bold_xlsx(tmp_path):
    from openpyxl import load_workbook

    from helpers.present.xlsx import write_csv, write_xlsx

    table = sd.staff_table(sd.staff_views(), sd.JABATAN)
    csv = pd.read_csv(write_csv(table, tmp_path / "t.csv"), encoding="utf-8-sig")
    assert list(csv.columns) == ["no", "jabatan", "laki_laki", "perempuan", "jumlah"]
    assert csv.iloc[-1]["jumlah"] == 29 and csv.iloc[-1]["jabatan"] == "Jumlah"
    ws = load_workbook(write_xlsx(table, tmp_path / "t.xlsx")).active
    last = 2 + len(table.header_rows()) + table.n_rows - 1
    assert ws.cell(row=last, column=2).value == "Jumlah" and ws.cell(row=last, column=5).value == 29
    assert ws.cell(row=last, column=5).font.bold
    group = 2 + len(table.header_rows()) + cells(table, "jabatan").index("Jabatan Fungsional Tertentu:")
    assert [ws.cell(row=group, column=c).value for c in (3, 4, 5)] == [None, None, None]


@pytest.mark.parametrize("table_id", list(sd.STAFF_TABLES))
def test_a_missing_staff_table_shows_a_notice(data_copy, table_id):
    remove_table(data_copy, table_id)
    views = sd.staff_views(data_copy)
    assert table_id not in views and len(views) == len(sd.STAFF_TABLES) - 1
    notice = sd.staff_table(views, table_id)
    assert isinstance(notice, Notice)
    assert notice.text == f"{sd.STAFF_TABLES[table_id].missing} tidak tersedia dalam data."
    assert notice.text.startswith("Tabel 2.2.")
    import matplotlib.pyplot as plt

    figures = {chart: chart(views) for chart in (sd.position_chart, sd.honorary_chart, sd.composition_chart)}
    assert all(f is None or isinstance(f, Figure) for f in figures.values())
    assert (figures[sd.position_chart] is None) == (table_id == sd.JABATAN)
    assert (figures[sd.honorary_chart] is None) == (table_id == sd.HONORER)
    plt.close("all")
    assert isinstance(sd.staff_narrative(views, data_copy), Narrative)


# --------------------------------------------------------------------------------------------
# Inventory, sarana, comparison
# --------------------------------------------------------------------------------------------

def test_inventory_caption_and_order():
    note, table = sd.inventory_section()
    assert table.caption.startswith("Tabel 2.2.5 (kedua) Daftar Inventaris")
    inv = load(sd.INVENTARIS)
    assert table.n_rows == len(inv)
    assert cells(table, "kelompok")[:3] == ["Tanah"] * 3
    assert list(table.data["no"][3:]) == list(range(1, len(inv) - 2))
    assert "\u201cTabel 2.2.5\u201d dua kali" in note and "menurut pendidikan" in note and "(kedua)" in note


def test_inventory_number_of_its_own_needs_no_note(data_copy):
    path = data_copy / "tables" / f"{sd.INVENTARIS}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: Tabel 2.2.5", "number: Tabel 2.2.6"),
                    encoding="utf-8")
    note, table = sd.inventory_section(data_copy)
    assert note is None and table.caption.startswith("Tabel 2.2.6 Daftar Inventaris")


def test_without_inventory_the_page_shows_the_notice_and_skips_the_check(data_copy):
    remove_table(data_copy, sd.INVENTARIS)
    shown = sd.inventory_section(data_copy)
    assert isinstance(shown, Notice)
    assert shown.text == "Tabel 2.2.5 (daftar inventaris) tidak tersedia dalam data."
    assert sd.comparison_frame(data_copy) is None and sd.comparison_table(data_copy) is None
    assert sd.comparison_section(data_copy) is None  # not even its heading
    narrative, review = sd.sarana_narrative(data_copy)
    assert "bangunan kantor berjumlah 9 unit" in narrative.text and "inventaris" not in narrative.text
    assert review is None
    assert isinstance(sd.sarana_table(data_copy), Table)
    views = sd.staff_views(data_copy)
    assert all(isinstance(sd.staff_table(views, t), Table) for t in sd.STAFF_TABLES)


def test_without_sarana_the_page_shows_the_notice(data_copy):
    remove_table(data_copy, sd.SARANA)
    shown = sd.sarana_table(data_copy)
    assert isinstance(shown, Notice) and shown.text.endswith("tidak tersedia dalam data.")
    assert sd.comparison_table(data_copy) is None and sd.sarana_narrative(data_copy) is None
    assert isinstance(sd.inventory_section(data_copy)[1], Table)


def test_sarana_totals_and_marks(data_copy):
    df = load(sd.SARANA)
    view = sd.sarana_view()
    assert view.buildings == int(df.loc[df["jenis"] == "bangunan_kantor", "jumlah"].sum()) == 9
    assert view.vehicles == int(df.loc[df["jenis"] == "kendaraan_dinas", "jumlah"].sum()) == 44
    table = sd.sarana_table()
    assert not table.marks
    assert [cells(table, "uraian")[i] for i in sorted(table.bold_rows)] == ["Jumlah bangunan kantor",
                                                                         "Jumlah kendaraan dinas"]
    assert [cells(table, "baris")[i] for i in sorted(table.bold_rows)] == ["", ""]
    assert "teks mencetak \u201c9 (Sembilan) unit bangunan\u201d" in " ".join(table.all_notes())
    assert "tercetak \u201c2 (satu)\u201d" in cells(table, "keterangan")[0]
    set_printed(data_copy, sd.SARANA, "total", "jumlah_bangunan", 8)
    marked = sd.sarana_table(data_copy)
    first_total = min(marked.bold_rows)
    assert list(marked.marks) == [(first_total, "jumlah")] and marked.marks[(first_total, "jumlah")].printed == "8"


def test_comparison_counts_inventory_items_independently():
    inv = load(sd.INVENTARIS).set_index("nama_barang")["jumlah"]
    frame = sd.comparison_frame().set_index("barang")
    assert list(frame.index) == list(DOCUMENT_MATCH)
    for label, names in DOCUMENT_MATCH.items():  # the rules find exactly the document's reading
        assert set(names) <= set(inv.index)
        assert frame.loc[label, "inventaris"] == int(inv[names].sum())
        assert frame.loc[label, "dicocokkan"] == "; ".join(f"{n} ({format_number(inv[n])})" for n in names)
    assert frame.loc["Bangunan kantor", "teks"] == 9 and frame.loc["Bangunan kantor", "inventaris"] == 11
    assert frame.loc["Kendaraan roda 4", "inventaris"] == 4
    assert frame.loc["Mobil dapur umum lapangan", sd.DIFFERENCE] == -1
    assert frame.loc["Kendaraan roda 2", sd.DIFFERENCE] == 33 - 39
    heading, table = sd.comparison_section()
    assert heading.startswith("### Perbandingan") and table.name == "tabel-2-2-sarana-vs-inventaris"
    assert "tidak sama dengan daftar inventaris (Tabel 2.2.5 kedua)" in table.all_notes()[0]


@pytest.mark.parametrize("nama, expected", [
    ("Jeep", "roda_4"), ("Sedan", "roda_4"), ("Pick Up", "roda_4"), ("Station Wagon", "roda_4"),
    ("Sepeda Motor", "roda_2"), ("Mobil Dapur Lapangan", "dapur"), ("Bangunan Gedung Kantor Permanen", "bangunan"),
    ("Tanah Bangunan Kantor Pemerintah", None), ("Kompas Gas (Alat Dapur)", None), ("A.C. Split", None),
])
def test_inventory_items_are_matched_by_their_name(nama, expected):
    found = sd._inventory_match(nama)
    assert (found.key if found else None) == expected


def test_text_rows_are_matched_field_kitchen_first():
    assert sd._match_of_text_row("kendaraan_dinas", "Kendaraan roda 2 (empat) Mobil Dapur Umum Lapangan").key == "dapur"
    assert sd._match_of_text_row("kendaraan_dinas", "Kendaraan roda 2 (dua)").key == "roda_2"
    assert sd._match_of_text_row("bangunan_kantor", "unit bangunan kayu").key == "bangunan"
    assert sd._match_of_text_row("kendaraan_dinas", "Perahu karet") is None


# --------------------------------------------------------------------------------------------
# Narratives and charts
# --------------------------------------------------------------------------------------------

def test_staff_narrative_numbers_equal_table_numbers():
    views = sd.staff_views()
    facts = sd.staff_facts(views)
    _, male, female, total = independent_sums(sd.JABATAN)
    assert (facts.asn, facts.asn_male, facts.asn_female) == (total, male, female) == (29, 16, 13)
    assert facts.non_asn == independent_sums(sd.HONORER)[3] == 146
    assert facts.asn_largest[0] == ("Staf (JFU)", 11)
    assert ("Jabatan Fungsional Tertentu", 8) in facts.asn_largest
    assert facts.golongan_empty == ["Golongan II", "Golongan I"] and facts.pendidikan_empty == ["SMA"]
    narrative = sd.staff_narrative(views)
    text = narrative.text
    assert narrative.id == "2-2-sumber-daya-manusia"
    assert f"Sumber daya manusia {load_opd().fill('{nama_pendek}')} terdiri atas" in text
    assert "ASN 29 orang (16 laki-laki dan 13 perempuan)" in text
    assert "honorer) 146 orang (65 laki-laki dan 81 perempuan)" in text
    assert "Pendamping PKH sebanyak 69 orang, hampir separuh" in text
    assert "Menurut jabatan (Tabel 2.2.1)" in text and "Menurut pendidikan (Tabel 2.2.5)" in text
    tables = [sd.staff_table(views, t) for t in sd.STAFF_TABLES]
    shown = shown_numbers(*tables)
    assert shown >= set(numbers_in(text)), set(numbers_in(text)) - shown
    # a group's total (8) is not a printed row of Tabel 2.2.1 but is stated in its note
    assert "anak-anaknya berjumlah 8 orang" in tables[0].all_notes()[0]


def test_narrative_names_the_office_of_the_data(data_copy):
    path = data_copy / "opd.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("singkatan: Dinas Sosial PPPA",
                                                             "singkatan: Dinas Contoh"), encoding="utf-8")
    text = sd.staff_narrative(sd.staff_views(data_copy), data_copy).text
    assert text.startswith("Sumber daya manusia Dinas Contoh terdiri atas")
    assert sd.intro(load_opd(data_copy)).count(load_opd(data_copy).lengkap) == 1


def test_sarana_narrative_numbers_equal_table_numbers():
    narrative, review = sd.sarana_narrative()
    text = narrative.text
    shown = shown_numbers(sd.sarana_table(), sd.comparison_table())
    assert shown >= set(numbers_in(text + review)), set(numbers_in(text + review)) - shown
    # the difference with the inventory is a finding for the reviewer, not report text
    assert "bangunan kantor (teks 9 unit, inventaris 11 unit)" in review and "inventaris" not in text
    assert "mobil dapur umum lapangan sebanyak 2 unit" in text
    assert narrative.facts["kendaraan dinas"] == 44


def test_share_words():
    assert sd._share_words(69 / 146) == "hampir separuh"
    assert sd._share_words(0.6) == "lebih dari separuh"
    assert sd._share_words(0.3) == "lebih dari seperempat"
    assert sd._share_words(0.1) == ""


def test_composition_chart_gives_each_panel_its_total_when_they_differ(data_copy):
    import matplotlib.pyplot as plt

    path = data_copy / "tables" / f"{sd.ESELON}.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("non_eselon,4,Non Eselon,L,6", "non_eselon,4,Non Eselon,L,7"),
                    encoding="utf-8")
    figure = sd.composition_chart(sd.staff_views(data_copy))
    assert figure.caption == "Pegawai ASN menurut golongan, eselon dan pendidikan"
    assert [ax.get_title() for ax in figure.fig.axes][:2] == ["Golongan (Tabel 2.2.3; 29 orang)",
                                                              "Eselon (Tabel 2.2.4; 30 orang)"]
    plt.close(figure.fig)


def test_charts_carry_names_and_indonesian_alt_text():
    import matplotlib.pyplot as plt

    views = sd.staff_views()
    for chart, name, total in ((sd.position_chart, "2-2-1-pegawai-jabatan", 29),
                               (sd.honorary_chart, "2-2-2-pegawai-honorer", 146),
                               (sd.composition_chart, "2-2-komposisi-asn", 29)):
        figure = chart(views)
        assert figure.name == name
        assert figure.alt.startswith(("Diagram batang mendatar", "Grafik terdiri atas 3 panel"))
        assert f"jumlah {total} orang" in figure.alt
        assert not re.match(r"\d", figure.alt) and not re.search(r"\. \d", figure.alt)  # no sentence opens with a numeral
        plt.close(figure.fig)
    figure = sd.composition_chart(views)
    assert figure.caption == "Pegawai ASN (29 orang) menurut golongan, eselon dan pendidikan"
    assert [ax.get_title() for ax in figure.fig.axes] == ["Golongan (Tabel 2.2.3)", "Eselon (Tabel 2.2.4)",
                                                          "Pendidikan (Tabel 2.2.5)"]
    alt = sd.honorary_chart(views).alt
    assert "Terbanyak: Pendamping PKH sebanyak 69 orang (29 laki-laki dan 40 perempuan)" in alt
    plt.close("all")


# --------------------------------------------------------------------------------------------
# The notebook (session builds)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun", [2025, 2029])
def test_notebook_shows_the_tables_charts_and_narratives(real_build, tahun):
    nb = real_build.notebook(STEM, tahun)
    assert_clean(nb)
    text = notebook_text(nb)
    out = real_build.page_dir(STEM, tahun)
    for name in TABLES:
        assert (out / "tables" / f"{name}.csv").is_file() and (out / "tables" / f"{name}.xlsx").is_file(), name
    for name in FIGURES:
        assert (out / "figures" / f"{name}.png").stat().st_size > 10_000, name
        assert (out / "figures" / f"{name}.svg").is_file(), name
    for name in NARRATIVES:
        assert (out / "narasi" / f"{name}.md").is_file(), name
    assert f"Tahun laporan {real_build.window_label(STEM, tahun)}." in text and "`tahun`" not in text
    _, male, female, asn = independent_sums(sd.JABATAN)
    non_asn = independent_sums(sd.HONORER)[3]
    assert f"pegawai ASN {asn} orang ({male} laki-laki dan {female} perempuan)" in text
    assert f"(honorer) {non_asn} orang" in text
    html = real_build.html(STEM, tahun)
    jumlah = r'<tr class="total"><td class="num"></td><t[dh][^>]*class="lebar"[^>]*>Jumlah</t[dh]>'
    assert re.search(jumlah + rf'<td class="num">{male}</td><td class="num">{female}</td><td class="num">{asn}</td>',
                     table_html(html, "tabel-2-2-1-pegawai-jabatan"))
    assert re.search(jumlah + rf'(<td class="num">\d+</td>){{2}}<td class="num">{non_asn}</td>',
                     table_html(html, "tabel-2-2-2-pegawai-honorer"))
    for name in ("tabel-2-2-3-pegawai-golongan", "tabel-2-2-4-pegawai-eselon", "tabel-2-2-5-pegawai-pendidikan"):
        assert re.search(jumlah + rf'(<td class="num">\d+</td>){{2}}<td class="num">{asn}</td>', table_html(html, name))
    visible = real_build.visible(STEM, tahun)
    assert "Tabel 2.2.5 (kedua) Daftar Inventaris" in visible
    assert "Kendaraan roda 2 (dua)" in visible and "inventaris 11 unit" in visible
    assert 'alt="Diagram batang mendatar pegawai ASN per jabatan' in html
    exported = pd.read_csv(out / "tables" / "tabel-2-2-1-pegawai-jabatan.csv", encoding="utf-8-sig")
    assert exported.iloc[-1]["jumlah"] == asn


def test_tahun_does_not_change_the_page_so_it_is_built_once(real_build):
    """The data are those of the time the Renstra was written (window: none): one page, in the plan's
    first year's folder, serves every reporting year, and no year folder holds a copy."""
    assert {real_build.home(STEM, t) for t in (2022, 2025, 2029)} == {2025}
    for name in TABLES:
        assert (real_build.dir(2025) / "tables" / f"{name}.csv").is_file(), name
        for tahun in (2022, 2029):
            assert not (real_build.dir(tahun) / "tables" / f"{name}.csv").exists(), (name, tahun)
    assert "Tahun laporan 2019–2029." in real_build.text(STEM, 2029)


def test_other_office_shows_the_notice_for_its_missing_inventory(other_build):
    tahun = 2026
    assert_clean(other_build.notebook(STEM, tahun))
    visible = other_build.visible(STEM, tahun)
    assert "Tabel 2.2.5 (daftar inventaris) tidak tersedia dalam data." in visible
    assert not (other_build.page_dir(STEM, tahun) / "tables" / "tabel-2-2-sarana-vs-inventaris.csv").exists()
    assert not (other_build.page_dir(STEM, tahun) / "tables" / "tabel-2-2-5b-inventaris.csv").exists()
    assert load_opd(other_build.data_dir).lengkap in visible
    assert "Batu Bara" not in visible

