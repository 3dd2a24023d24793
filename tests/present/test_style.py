"""Chart defaults: text from data is drawn as typed, never as mathtext (issue 14)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from helpers.present.style import setup_charts  # noqa: E402


def test_dollar_signs_from_data_are_never_mathtext_in_any_label():
    setup_charts()
    label = "Bidang $1$ (Rp$x^2$)"
    fig, ax = plt.subplots()
    ax.bar([label, "Lain $a$"], [1, 2], label=label)
    ax.set_title(label)
    ax.set_xlabel(label)
    ax.set_ylabel(label)
    ax.annotate(label, (0, 1))
    ax.text(0, 0, label)
    ax.legend(title=label)
    fig.suptitle(label)
    fig.canvas.draw()
    texts = [t for t in fig.findobj(Text) if "$" in t.get_text()]
    assert len(texts) >= 8
    for text in texts:  # Text._preprocess_math says whether the string would be parsed as mathtext
        shown, is_math = text._preprocess_math(text.get_text())
        assert is_math is False and shown == text.get_text(), text.get_text()
    plt.close(fig)
