"""The page registry's data windows: which reporting years share one page, and what it reads."""
from __future__ import annotations

import dataclasses

import pytest

from helpers.core.registry import (RegistryError, last_data_year, last_realisasi_year, load_chapters, load_registry,
                                   realisasi_years, reporting_window)

PAGES = {p.stem: p for p in load_registry()[0]}


def page(window: str, years=(2019, 2029)):
    return dataclasses.replace(PAGES["02-3-2-anggaran"], window=window, years=years)


def test_a_year_page_is_its_own_window():
    assert reporting_window(page("tahun"), 2027, 2025) == [2027]


def test_history_pages_share_one_page_while_the_last_year_of_data_is_the_same():
    history = page("history")
    assert reporting_window(history, 2022, 2025) == [2022]  # before the plan: data up to 2021, its own page
    assert reporting_window(history, 2025, 2025) == [2025, 2026, 2027, 2028, 2029]
    assert reporting_window(history, 2029, 2025)[0] == 2025 and last_data_year(history, 2029, 2025) == 2024
    # After the 2025 and 2026 realisations are imported, 2027-2029 see data up to 2026.
    assert reporting_window(history, 2025, 2025, [2025, 2026]) == [2025]
    assert reporting_window(history, 2026, 2025, [2025, 2026]) == [2026]
    assert reporting_window(history, 2028, 2025, [2025, 2026]) == [2027, 2028, 2029]
    assert last_data_year(history, 2028, 2025, [2025, 2026]) == 2026
    assert last_data_year(page("tahun"), 2028, 2025) is None


def test_a_page_that_does_not_depend_on_the_year_is_built_once_for_the_plans_first_year():
    once = page("none")
    window = reporting_window(once, 2022, 2025)
    assert window[0] == 2025 and sorted(window) == list(range(2019, 2030))
    assert reporting_window(once, 2029, 2025) == window
    late = page("none", years=(2027, 2029))  # the plan's first year is outside the page's years
    assert reporting_window(late, 2028, 2025)[0] == 2027


def test_registry_declares_each_pages_window_and_refuses_an_unknown_one(tmp_path):
    assert PAGES["00-audit"].window == "none" and PAGES["01-evaluasi"].window == "tahun"
    assert PAGES["02-3-1-kinerja-pelayanan"].window == "history"
    bad = tmp_path / "pages.yaml"
    bad.write_text("pages:\n  - notebook: a.ipynb\n    years: 2025-2029\n    window: kadang\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="window 'kadang'"):
        load_registry(bad)


def test_the_last_realisation_year_a_page_reads_follows_its_window_and_declaration():
    evaluation, plan = PAGES["01-evaluasi"], PAGES["04-rencana-program"]
    assert evaluation.realisasi == "tahun" and plan.realisasi == "before" and PAGES["03-tujuan-sasaran"].realisasi == "before"
    assert last_realisasi_year(evaluation, 2026, 2025) == 2026
    assert last_realisasi_year(plan, 2026, 2025) == 2025  # a 2026 import does not touch the 2026 plan pages
    assert last_realisasi_year(page("history"), 2028, 2025, [2025, 2026, 2028]) == 2026
    assert last_realisasi_year(page("none"), 2028, 2025, [2025]) is None


@pytest.mark.parametrize("extra, message", [("    realisasi: kadang\n", "realisasi 'kadang'"),
                                             ("    window: history\n    realisasi: before\n", "window: tahun only")])
def test_registry_refuses_a_realisation_declaration_it_cannot_honour(tmp_path, extra, message):
    bad = tmp_path / "pages.yaml"
    bad.write_text("pages:\n  - notebook: a.ipynb\n    years: 2025-2029\n" + extra, encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_registry(bad)


def test_realisation_years_are_read_from_the_file_names(tmp_path):
    assert realisasi_years(tmp_path) == []
    (tmp_path / "realisasi").mkdir()
    for name in ("2026.csv", "2025.csv", "catatan.csv", "2027.txt"):
        (tmp_path / "realisasi" / name).write_text("x", encoding="utf-8")
    assert realisasi_years(tmp_path) == [2025, 2026]


def test_chapters_order_the_appendix():
    chapters = load_chapters()
    assert [c.bab for c in chapters][:3] == ["Bab II", "Bab III", "Bab IV"]
    assert chapters[0].holds(PAGES["02-3-2-anggaran"]) and not chapters[0].holds(PAGES["03-tujuan-sasaran"])
