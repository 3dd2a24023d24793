"""Charts kept by a digest of the figure (helpers/present/figure_cache.py): the same chart gets
the same key in any process, anything it shows changes the key, and a kept chart gives the files
a drawing would. The charts here are SYNTHETIC (made up for these tests)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers.present import figure_cache as fc  # noqa: E402
from helpers.present.style import id_formatter, save_figure, setup_charts  # noqa: E402

REPO = Path(__file__).resolve().parents[2]

CHART = textwrap.dedent("""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from helpers.present.style import id_formatter, setup_charts, tight_layout_when_drawn

    def chart(values=(3, 1, 2), label="Jumlah pegawai", colour="#0072B2", decimals=0, size=(6, 3), layout="now",
              rect=None):
        setup_charts()
        fig, (left, right) = plt.subplots(1, 2, figsize=size)
        left.bar(["Bidang A", "Bidang B", "Bidang C"], values, color=colour, label=label)
        left.yaxis.set_major_formatter(id_formatter(decimals))
        left.set_title(label)
        left.legend()
        right.plot([2021, 2022, 2023], [95.18, 96.5, 97.0], marker="o")
        right.annotate("target", (2022, 96.5))
        if layout == "now":
            fig.tight_layout(**({} if rect is None else {"rect": rect}))
        else:  # when it is drawn
            tight_layout_when_drawn(fig, rect)
        return fig
""")
namespace: dict = {}
exec(CHART, namespace)  # noqa: S102 - the same synthetic chart as the subprocess draws
chart = namespace["chart"]


def key_of(fig, salt=b"") -> str:
    key = fc.figure_key(fig, salt)
    plt.close(fig)
    assert key is not None
    return key


def test_the_same_chart_has_the_same_key_in_another_process_after_other_figures():
    """Figure numbers, transform ids and the hash seed do not enter the key."""
    script = CHART + textwrap.dedent("""
        from helpers.present.figure_cache import figure_key
        for _ in range(3):
            plt.figure()
        print(figure_key(chart()))
    """)
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO)}
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True,
                           cwd=REPO).stdout.strip()
    assert other == key_of(chart())


def test_a_page_after_a_bar_chart_gets_the_key_it_gets_in_a_new_process():
    """bar() changes the unit square that square markers share, for the whole process;
    setup_charts (run by every page) puts it back."""
    script = textwrap.dedent("""
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from helpers.present.figure_cache import figure_key
        from helpers.present.style import setup_charts
        if BAR_FIRST:
            plt.bar([1, 2], [3, 4])
        setup_charts()
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [2, 1, 3], marker="s")
        print(figure_key(fig))
    """)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    keys = [subprocess.run([sys.executable, "-c", f"BAR_FIRST = {first}\n" + script], capture_output=True, text=True,
                           env=env, check=True, cwd=REPO).stdout.strip() for first in (False, True)]
    assert keys[0] == keys[1] and len(keys[0]) == 40


@pytest.mark.parametrize("change", [
    {"values": (3, 1, 4)}, {"label": "Jumlah pegawai ASN"}, {"colour": "#E69F00"}, {"decimals": 2},
    {"size": (6, 3.5)},
])
def test_anything_the_chart_shows_changes_its_key(change):
    assert key_of(chart(**change)) != key_of(chart())


def test_a_setting_drawing_reads_and_the_salt_change_the_key():
    same = key_of(chart())
    assert key_of(chart(), salt=b"other code") != same
    fig = chart()
    with matplotlib.rc_context({"savefig.dpi": 150}):
        assert key_of(fig) != same


def test_a_formatter_closure_is_digested_by_its_code_and_values():
    fig_a, ax_a = plt.subplots()
    ax_a.yaxis.set_major_formatter(id_formatter(1))
    fig_b, ax_b = plt.subplots()
    ax_b.yaxis.set_major_formatter(id_formatter(1))
    assert key_of(fig_a) == key_of(fig_b)
    fig_c, ax_c = plt.subplots()
    ax_c.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _pos: f"{x:.1f} %"))
    assert key_of(fig_c) != key_of(fig_a)


def test_a_figure_that_cannot_be_digested_is_drawn_and_not_kept(tmp_path):
    import threading

    setup_charts()
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    ax.unpicklable = threading.Lock()
    assert fc.figure_key(fig) is None
    cache = fc.FigureCache(tmp_path / "gambar")
    png, svg = save_figure(fig, "grafik-uji", tmp_path / "out", cache=cache)
    plt.close(fig)
    assert png.read_bytes().startswith(b"\x89PNG") and svg.is_file()
    assert not (tmp_path / "gambar").exists() or not list((tmp_path / "gambar").iterdir())


def test_a_kept_chart_gives_the_files_a_drawing_gives_and_is_not_drawn_again(tmp_path, monkeypatch):
    fresh = save_figure(chart(), "grafik-uji", tmp_path / "tanpa")  # no cache: drawn
    plt.close("all")
    cache = fc.FigureCache(tmp_path / "gambar", b"kode")
    first = save_figure(chart(), "grafik-uji", tmp_path / "pertama", cache=cache)
    plt.close("all")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in fresh]
    assert len(list((tmp_path / "gambar").glob("grafik-uji-*.svg"))) == 1

    from matplotlib.figure import Figure

    monkeypatch.setattr(Figure, "savefig", lambda *a, **k: pytest.fail("a kept chart was drawn again"))
    again = save_figure(chart(), "grafik-uji", tmp_path / "kedua", cache=cache)
    plt.close("all")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in fresh]
    monkeypatch.undo()
    changed = save_figure(chart(values=(1, 1, 1)), "grafik-uji", tmp_path / "ketiga", cache=cache)
    plt.close("all")
    assert changed[0].read_bytes() != fresh[0].read_bytes()
    assert len(list((tmp_path / "gambar").glob("grafik-uji-*.svg"))) == 2


def test_an_entry_without_its_svg_is_drawn_again(tmp_path):
    cache = fc.FigureCache(tmp_path / "gambar")
    save_figure(chart(), "grafik-uji", tmp_path / "a", cache=cache)
    plt.close("all")
    for svg in (tmp_path / "gambar").glob("*.svg"):
        svg.unlink()
    png, svg = save_figure(chart(), "grafik-uji", tmp_path / "b", cache=cache)
    plt.close("all")
    assert svg.read_bytes() == (tmp_path / "a" / "figures" / "grafik-uji.svg").read_bytes()
    assert len(list((tmp_path / "gambar").glob("*.svg"))) == 1


def test_only_the_newest_versions_of_a_chart_are_kept_and_other_charts_are_untouched(tmp_path, monkeypatch):
    monkeypatch.setattr(fc, "KEPT_PER_FIGURE", 2)
    cache = fc.FigureCache(tmp_path / "gambar")
    cache.put("grafik-lain", "b" * 40, b"png", b"svg")
    for n, key in enumerate("acde", start=1):
        cache.put("grafik", key * 40, b"png", b"svg")
        with_time = tmp_path / "gambar" / f"grafik-{key * 40}.svg"
        os.utime(with_time, ns=(n * 10**9, n * 10**9))  # written in this order, whatever the clock's resolution
    names = sorted(p.name for p in (tmp_path / "gambar").iterdir())
    assert names == sorted([f"grafik-{'d' * 40}.png", f"grafik-{'d' * 40}.svg", f"grafik-{'e' * 40}.png",
                            f"grafik-{'e' * 40}.svg", f"grafik-lain-{'b' * 40}.png",
                            f"grafik-lain-{'b' * 40}.svg"])
    assert cache.get("grafik", "d" * 40) == (b"png", b"svg") and cache.get("grafik", "a" * 40) is None


def module_formatter(x, _pos):  # a module-level function, as a page module's formatter would be
    return f"{x:.0f} orang"


class OwnLine(matplotlib.lines.Line2D):  # an artist class of this module, as a page's own would be
    pass


def test_the_page_code_counts_only_for_a_chart_that_holds_its_functions_or_classes():
    """A page module's code (its ``volatile`` digest) does not enter the key of a chart made only
    of matplotlib's and the shared code's objects (what the page computed is in the figure), but
    does for a chart holding one of its functions, classes or draw callbacks."""
    def key(fig, code):
        return key_of(fig) if code is None else fc.figure_key(fig, volatile=((__name__,), code))

    assert key(chart(), b"page code 1") == key(chart(), b"page code 2")

    def with_formatter():
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3])
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(module_formatter))
        return fig

    def with_artist():
        fig, ax = plt.subplots()
        ax.add_line(OwnLine([0, 1], [0, 1]))
        return fig

    def with_callback():
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3])
        fig.canvas.mpl_connect("draw_event", module_formatter)
        return fig

    for make in (with_formatter, with_artist, with_callback):
        one, two = key(make(), b"page code 1"), key(make(), b"page code 2")
        plt.close("all")
        assert one is not None and one != two, make.__name__



RECT = (0, 0.03, 1, 1)


def test_a_layout_deferred_to_drawing_gives_the_bytes_of_one_done_at_once_and_a_kept_chart_skips_it(
        tmp_path, monkeypatch):
    at_once = save_figure(chart(rect=RECT), "grafik-uji", tmp_path / "sekarang")
    later = save_figure(chart(layout="later", rect=RECT), "grafik-uji", tmp_path / "nanti")
    plt.close("all")
    assert [p.read_bytes() for p in later] == [p.read_bytes() for p in at_once]

    cache = fc.FigureCache(tmp_path / "gambar", b"kode")
    save_figure(chart(layout="later", rect=RECT), "grafik-uji", tmp_path / "pertama", cache=cache)
    plt.close("all")
    from matplotlib.layout_engine import TightLayoutEngine

    monkeypatch.setattr(TightLayoutEngine, "execute", lambda *a, **k: pytest.fail("a kept chart was laid out"))
    kept = save_figure(chart(layout="later", rect=RECT), "grafik-uji", tmp_path / "kedua", cache=cache)
    plt.close("all")
    assert [p.read_bytes() for p in kept] == [p.read_bytes() for p in at_once]
    monkeypatch.undo()
    changed = save_figure(chart(values=(1, 1, 1), layout="later", rect=RECT), "grafik-uji", tmp_path / "ketiga",
                          cache=cache)
    plt.close("all")
    assert changed[0].read_bytes() != at_once[0].read_bytes()
