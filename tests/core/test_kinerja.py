"""helpers/core/kinerja.py (IKU series, trends, polarity, PPKS facts) and helpers/core/claims.py
(the document's narrative claims checked against the data), on the real data.

Expected values are recomputed here from ``helpers.core.data.load`` (sums, year-on-year steps),
not taken from the modules under test.
"""
import shutil

import pytest

from helpers.core import claims, kinerja as kin
from helpers.core.claims import Claim, check_claim, check_claims
from helpers.core.data import load
from helpers.core.kinerja import Trend
from helpers.core.years import shown_years, year_runs
from support import DATA


def ppks_sums() -> dict[int, int]:
    """Total PPKS per year, summed here from the base table."""
    df = load("2_3_2_ppks")
    return {int(t): int(g["jumlah"].sum()) for t, g in df.groupby("tahun")}


def trends(tahun: int) -> dict[str, Trend]:
    return {t.label: t for t in kin.iku_trends(kin.iku_long(tahun), kin.polarity_map())}


# --------------------------------------------------------------------------------------------
# years, units and polarity
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun, expected", [
    (2020, [2019]), (2022, [2019, 2020, 2021]), (2025, list(range(2019, 2025))),
    (2029, list(range(2019, 2025))),
])
def test_shown_years_history_rule(tahun, expected):
    assert shown_years(range(2019, 2025), tahun) == expected
    assert kin.iku_years(kin.iku_long(tahun)) == expected


def test_shown_years_extend_when_data_is_added():
    assert shown_years(list(range(2019, 2026)), 2027) == list(range(2019, 2026))
    assert shown_years(range(2020, 2025), 2020) == []


def test_year_runs_name_a_single_year_once():
    assert year_runs([2019]) == "2019"
    assert year_runs([2019, 2020, 2023]) == "2019–2020, 2023"


def test_units_in_running_text():
    assert kin.format_in_unit(270.0, "jiwa") == "270 jiwa"
    assert kin.format_in_unit(12.14, "%") == "12,14%"
    assert kin.format_in_unit(45.29, "rasio") == "45,29"
    assert kin.format_in_unit("BB", None) == "BB"
    assert kin.unit_decimals("jiwa") == 0 and kin.unit_decimals("%") == 2 and kin.unit_decimals(None) == 2


def test_polarity_lookup_is_casefolded_and_defaults_to_naik():
    assert kin.polarity("Ratio Kekerasan terhadap anak") == "turun"
    assert kin.polarity("RATIO KEKERASAN TERHADAP PEREMPUAN") == "turun"
    assert kin.polarity("Persentase Angka Kemiskinan") == "turun"
    assert kin.polarity("Nilai AKIP") == "naik"
    assert kin.polarity("Persentase Capaian Indikator Kabupaten Layak Anak") == "naik"


def test_polarity_comes_from_the_data(tmp_path):
    """Polarity is declared in data (Tabel 2.3.4's indicator list); editing the data changes it,
    and without that table the built-in list is used and named."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "tables" / "2_3_4_kinerja_pelayanan_indikator.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [l[: l.rfind(",")] + ",turun" if l.startswith("3,Nilai AKIP") else l for l in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = kin.polarity_map(data)
    assert kin.polarity("nilai akip", mapping) == "turun"
    assert kin.polarity("Persentase Angka Kemiskinan", mapping) == "turun"
    assert "dalam data" in kin.polarity_source(data)  # named for a reader: no table id
    assert kin.polarity("Nilai AKIP", kin.polarity_map(DATA)) == "naik"
    path.unlink()
    assert kin.polarity_map(data) == kin.DEFAULT_POLARITY
    assert "bawaan" in kin.polarity_source(data) and "DEFAULT_POLARITY" not in kin.polarity_source(data)


# --------------------------------------------------------------------------------------------
# IKU trends and claims
# --------------------------------------------------------------------------------------------

def test_iku_long_reads_grades_and_numbers():
    iku = kin.iku_long(2025)
    akip = iku[iku["indikator"] == "Nilai AKIP"].set_index("tahun")["capaian"]
    assert akip.loc[2020] == "B" and akip.loc[2024] == "BB" and akip.loc[2019] is None
    raw = load("2_3_1_iku_realisasi")
    pov = raw[(raw["indikator"] == "Persentase Angka Kemiskinan") & (raw["tahun"] == 2019)]["nilai"].iloc[0]
    assert iku[(iku["indikator"] == "Persentase Angka Kemiskinan") & (iku["tahun"] == 2019)]["capaian"].iloc[0] == pov


def test_iku_trends_direction_size_and_breaks():
    by_label = trends(2025)
    raw = load("2_3_1_iku_realisasi")
    pov_raw = raw[raw["indikator"] == "Persentase Angka Kemiskinan"].sort_values("tahun")
    pov = by_label["Persentase Angka Kemiskinan"]
    assert pov.change == pytest.approx(float(pov_raw["nilai"].iloc[-1] - pov_raw["nilai"].iloc[0]))
    assert pov.direction == "turun" and pov.evaluation == "membaik"
    assert [s.year_to for s in pov.breaks] == [2021]
    child = by_label["Ratio Kekerasan terhadap anak"]
    assert child.first == (2021, 24.43) and child.last == (2024, 45.29)
    assert child.evaluation == "memburuk" and child.missing_years == [2019, 2020]
    akip = by_label["Nilai AKIP"]
    assert akip.is_grade and akip.direction == "naik" and akip.first == (2020, "B") and akip.change is None


def test_iku_claims_2025():
    checks = {c.claim.indikator.casefold(): c for c in claims.iku_checks(list(trends(2025).values()))}
    assert checks["nilai akip"].status == claims.DIDUKUNG
    pmks = checks["jumlah penyandang masalah kesejahteraan sosial (pmks) yang mandiri"]
    assert pmks.supported and "2023 (turun dari 200 jiwa menjadi 66 jiwa)" in pmks.evidence
    assert "2020 (turun dari 100 jiwa menjadi 90 jiwa)" in pmks.evidence  # the other dip, not in the document
    pov = checks["persentase angka kemiskinan"]
    assert pov.status == claims.SEBAGIAN and "2021 (naik dari 11,88% menjadi 12,38%)" in pov.evidence
    assert checks["ratio kekerasan terhadap perempuan"].supported
    assert "turun dari 5,72 (2023) menjadi 3,69" in checks["ratio kekerasan terhadap perempuan"].evidence
    assert checks["ratio kekerasan terhadap anak"].supported
    kla = checks["persentase capaian indikator kabupaten layak anak"]
    assert kla.status == claims.SEBAGIAN and "2023 (turun dari 54,00% menjadi 50,23%)" in kla.evidence


def test_iku_claims_2022_cannot_check_later_years():
    checks = {c.claim.text: c for c in claims.iku_checks(list(trends(2022).values()))}
    assert checks["Rasio Kekerasan Anak terjadi kenaikan tahun 2024"].status == claims.TAK_DAPAT
    assert checks["Angka Kemiskinan semakin menurun"].status == claims.TIDAK  # 12,14 → 12,38 in 2019–2021


def test_check_claim_rules_on_a_synthetic_series():
    t = Trend("X", "jiwa", "naik", (2020, 2021, 2022, 2023), (10.0, 12.0, 11.0, 15.0))
    assert check_claim(Claim("x naik tiap tahun", "X", "naik", "setiap_tahun"), t).status == claims.TIDAK
    assert check_claim(Claim("x semakin naik", "X", "naik", "semakin"), t).status == claims.SEBAGIAN
    assert check_claim(Claim("x naik", "X", "naik", "keseluruhan"), t).status == claims.DIDUKUNG
    assert check_claim(Claim("x turun", "X", "turun", "semakin"), t).status == claims.TIDAK
    assert check_claim(Claim("x naik 2023", "X", "naik", "tahun", year=2023), t).supported
    assert check_claim(Claim("x naik 2022", "X", "naik", "tahun", year=2022), t).status == claims.TIDAK
    assert check_claim(Claim("x 2030", "X", "naik", "tahun", year=2030), t).status == claims.TAK_DAPAT
    rising = Trend("Y", "jiwa", "naik", (2020, 2021, 2022), (1.0, 2.0, 3.0))
    assert check_claim(Claim("y naik tiap tahun", "Y", "naik", "setiap_tahun"), rising).supported
    assert claims.check_against([Claim("z", "Z", "naik", "semakin")], [t])[0].status == claims.TAK_DAPAT
    with pytest.raises(ValueError, match="unknown claim mode"):
        check_claim(Claim("x", "X", "naik", "kadang"), t)


# --------------------------------------------------------------------------------------------
# PPKS
# --------------------------------------------------------------------------------------------

def test_ppks_total_is_recomputed_and_the_printed_totals_that_differ_are_kept():
    sums = ppks_sums()
    ppks = kin.ppks_data(2025)
    assert ppks.totals == {y: float(v) for y, v in sums.items()}
    assert sums[2023] == 65695 and sums[2024] == 63432
    assert ppks.printed_differs == {2023: 65728.0, 2024: 63660.0}
    assert ppks.printed_text == {2023: "65.728", 2024: "63.660"}
    early = kin.ppks_data(2022)
    assert early.years == [2019, 2020, 2021] and early.printed_differs == {}


def test_ppks_claim_of_decline_is_not_supported_year_by_year():
    sums = ppks_sums()
    years = sorted(sums)
    rises = [b for a, b in zip(years, years[1:]) if sums[b] > sums[a]]
    assert rises == [2020, 2023]  # verified from the base data
    check = claims.ppks_check(kin.ppks_total_trend(kin.ppks_data(2025)))
    assert check.status == claims.TIDAK and not check.supported
    for y in rises:
        assert f"{y} (naik dari" in check.evidence
    assert "turun dari 73.220 jiwa (2019) menjadi 63.432 jiwa (2024)" in check.evidence


def test_ppks_movers_and_against_trend():
    df = load("2_3_2_ppks")
    wide = df.pivot(index="jenis", columns="tahun", values="jumlah")
    both = wide[wide[2019].notna() & wide[2024].notna()]
    rose = set(both.index[both[2024] > both[2019]])
    facts = kin.ppks_facts(kin.ppks_data(2025))
    assert {m.jenis for m in facts.against_trend()} == rose
    assert facts.top_absolute()[0].jenis == "Fakir Miskin"
    assert all(m.first >= kin.MIN_BASE_FOR_PERCENT for m in facts.top_percent())
    # "-" is nihil (0): a jenis dropped to zero or rose from zero, it did not vanish or appear from nothing
    assert set(facts.dropped) == set(wide.index[(wide[2019] > 0) & (wide[2024] == 0)]) != set()
    assert set(facts.appeared) == set(wide.index[(wide[2019] == 0) & (wide[2024] > 0)])
    jenis, value, share = facts.largest_share
    assert jenis == "Fakir Miskin" and share == pytest.approx(58810 / 63432 * 100)


# --------------------------------------------------------------------------------------------
# check_claims: the audit's table of claims
# --------------------------------------------------------------------------------------------

def test_check_claims_over_the_whole_history():
    df = check_claims()
    assert list(df.columns) == ["Tabel", "Baris sumber", "Klaim dokumen", "Didukung data?", "Bukti"]
    assert list(df["Tabel"]) == ["Tabel 2.3.1"] * 6 + ["Tabel 2.3.2"]
    assert list(df["Baris sumber"]) == ["630"] * 6 + ["666"]
    assert list(df["Klaim dokumen"]) == [c.text for c in claims.load_claims()]
    assert df["Klaim dokumen"].iloc[0] == "Nilai AKIP semakin baik"
    assert df["Klaim dokumen"].iloc[6] == "Jumlah PPKS dari tahun ke tahun menunjukkan tren penurunan"
    assert list(df["Didukung data?"]) == ["didukung", "didukung", "sebagian didukung", "didukung", "didukung",
                                          "sebagian didukung", "tidak didukung"]
    assert df["Bukti"].iloc[0].startswith("2020–2024: 2020: B, 2021: BB")
    assert df["Bukti"].iloc[6].startswith("2019–2024: 2019: 73.220 jiwa")


def test_check_claims_leave_out_a_table_the_data_lacks(data_copy):
    (data_copy / "tables" / "2_3_2_ppks.csv").unlink()
    (data_copy / "printed" / "2_3_2_ppks.csv").unlink()
    df = check_claims(data_copy)
    assert list(df["Tabel"]) == ["Tabel 2.3.1"] * 6
    (data_copy / "tables" / "2_3_1_iku_realisasi.csv").unlink()
    empty = check_claims(data_copy)
    assert empty.empty and list(empty.columns) == list(claims.COLUMNS)


def test_check_claims_say_when_an_indicator_is_not_in_the_data(data_copy):
    path = data_copy / "tables" / "2_3_1_iku_realisasi.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Nilai AKIP", "Indeks Reformasi Birokrasi"),
                    encoding="utf-8")
    df = check_claims(data_copy)
    row = df[df["Klaim dokumen"] == "Nilai AKIP semakin baik"].iloc[0]
    assert row["Didukung data?"] == "tidak dapat diperiksa" and row["Bukti"] == "indikator tidak ada di tabel."
    assert (df["Didukung data?"] == "tidak dapat diperiksa").sum() == 1


def test_claims_live_in_data_and_are_optional(data_copy):
    """The quoted claims are the document's: another office's data without klaim.yaml has none."""
    (data_copy / "klaim.yaml").unlink()
    assert claims.load_claims(data_copy) == ()
    assert check_claims(data_copy).empty
    assert claims.ppks_check(kin.ppks_total_trend(kin.ppks_data(2025, data_copy)), data_copy) is None


def test_a_malformed_claim_is_refused_with_file_and_key(data_copy):
    text = (data_copy / "klaim.yaml").read_text(encoding="utf-8")
    (data_copy / "klaim.yaml").write_text(text.replace("arah: naik", "arah: atas", 1), encoding="utf-8")
    with pytest.raises(claims.ClaimsError, match=r"klaim.yaml, klaim 1, key 'arah': 'atas'; expected naik or turun"):
        claims.load_claims(data_copy)
