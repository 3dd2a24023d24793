"""The notebook glue: setup() reads the page's years from pages.yaml; Page.show() writes only
declared products, emits the stylesheet once, and shows charts with their alt text."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.core.opd import load_opd  # noqa: E402
from helpers.core.registry import PageSpec, load_registry  # noqa: E402
from helpers.present import Figure, Narrative, Table, unavailable  # noqa: E402
from helpers.run import notebook  # noqa: E402
from helpers.run.notebook import Page, ParameterError, ProductError, setup  # noqa: E402
from support import DATA  # noqa: E402


@pytest.fixture
def shown(monkeypatch):
    out = []
    import IPython.display

    def display(obj, metadata=None):
        obj.shown_metadata = metadata
        out.append(obj)

    monkeypatch.setattr(IPython.display, "display", display)
    return out


def make_page(tmp_path, products) -> Page:
    spec = PageSpec(notebook="99-uji.ipynb", module="uji", title="Uji", bab="", years=(2020, 2030),
                    depends_on=("all",), products=products)
    return Page(tahun=2025, data_dir=DATA, output_dir=tmp_path, spec=spec, opd=load_opd(DATA))


def test_setup_takes_the_years_from_pages_yaml(tmp_path):
    spec = next(p for p in load_registry()[0] if p.stem == "04-rencana-program")
    page = setup(spec.years[0], None, tmp_path, page="04-rencana-program")
    assert page.years == spec.years and page.tahun == spec.years[0] and page.opd.periode == (2025, 2029)
    with pytest.raises(ParameterError, match=f"di luar tahun yang dicakup halaman ini \\({spec.years[0]}-"):
        setup(spec.years[0] - 1, None, tmp_path, page="04-rencana-program")


def test_setup_refuses_a_data_dir_without_opd_yaml(tmp_path):
    data = tmp_path / "data"
    (data / "tables").mkdir(parents=True)
    (data / "units.yaml").write_text("units: {}\n")
    with pytest.raises(ParameterError, match="opd.yaml: tidak ada"):
        setup(2025, data, tmp_path / "out", page="04-rencana-program")


def test_show_writes_declared_products_and_the_stylesheet_once(tmp_path, shown):
    page = make_page(tmp_path, {"tables": ("uji-*",), "narasi": ("uji",), "figures": ("grafik",)})
    table = Table(pd.DataFrame({"a": [1]}), caption="Tabel 9.9 Uji", name="uji-satu")
    page.show(table, [Table(pd.DataFrame({"a": [2]}), caption="Tabel 9.9 Dua", name="uji-dua")], None)
    assert (tmp_path / "tables" / "uji-satu.csv").is_file() and (tmp_path / "tables" / "uji-dua.xlsx").is_file()
    html = [obj.data for obj in shown]
    assert html[0].count("<style>") == 1 and "<style>" not in html[1]
    page.show(Narrative("uji", "Teks uji."))
    assert (tmp_path / "narasi" / "uji.md").read_text(encoding="utf-8") == "Teks uji."
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    page.show(Figure(fig, "grafik", caption="Gambar 1 Uji", alt="Garis naik dari 3 menjadi 4."))
    assert (tmp_path / "figures" / "grafik.png").is_file() and (tmp_path / "figures" / "grafik.svg").is_file()
    assert 'alt="Garis naik dari 3 menjadi 4."' in shown[-1].data and "<figcaption>Gambar 1 Uji" in shown[-1].data
    page.show(unavailable("Tabel 2.2.5"))
    assert "Tabel 2.2.5 tidak tersedia dalam data." in shown[-1].data
    # every output names its item in the page model (the runner shows a changed revision again by it)
    assert [obj.shown_metadata for obj in shown] == [{"renstra": {"item": k}} for k in range(len(page.items))]
    assert [item["kind"] for item in page.items] == ["table", "table", "narasi", "figure", "notice"]


def test_an_undeclared_product_fails_the_page(tmp_path, shown):
    page = make_page(tmp_path, {"tables": ("uji-*",)})
    with pytest.raises(ProductError, match="does not declare"):
        page.show(Table(pd.DataFrame({"a": [1]}), caption="x", name="lain"))
    assert not (tmp_path / "tables").exists() or not list((tmp_path / "tables").iterdir())
    with pytest.raises(TypeError, match="cannot show dict"):
        page.show({"caption": "x"})


def test_every_page_declares_its_products():
    for spec in load_registry()[0]:
        assert spec.products.get("tables") or spec.products.get("figures"), spec.stem


@pytest.mark.parametrize("spec", load_registry()[0], ids=lambda s: s.stem)
def test_every_page_refuses_years_outside_its_range_and_writes_nothing(spec, tmp_path):
    low, high = spec.years
    out = tmp_path / "out"
    for bad in (low - 1, high + 1):
        with pytest.raises(ParameterError) as info:
            setup(bad, DATA, out, page=spec.stem)
        assert str(info.value) == (f"parameter tahun={bad} di luar tahun yang dicakup halaman ini ({low}-{high}); "
                                   f"seharusnya tahun {low} sampai {high}")
    with pytest.raises(ParameterError, match="bukan tahun bulat"):
        setup(low + 0.5, DATA, out, page=spec.stem)
    with pytest.raises(ParameterError, match="bukan tahun;"):
        setup("2025x", DATA, out, page=spec.stem)
    assert not out.exists()
    assert setup(str(low), DATA, out, page=spec.stem).tahun == low
