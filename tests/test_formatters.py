"""Formatters for third-party types (each test skips when its package is missing)."""

from __future__ import annotations

import base64
import html
import json

import pytest

from kernel_py.display import format_value

PNG_MAGIC = b"\x89PNG"


def _png(bundle) -> bytes:
    return base64.b64decode(bundle["image/png"])


@pytest.fixture
def plt():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.close("all")
    yield plt
    plt.close("all")


@pytest.mark.parametrize(
    "draw",
    [
        lambda plt: plt.plot([1, 2, 3]),  # list of Line2D
        lambda plt: plt.bar([1, 2], [3, 4]),  # BarContainer
        lambda plt: plt.hist([1, 2, 2, 3]),  # (counts, bins, patches)
        lambda plt: plt.scatter([1], [2]),  # one artist
        lambda plt: plt.title("t"),  # Text
        lambda plt: plt.gca(),  # axes
        lambda plt: plt.gcf(),  # figure
    ],
)
def test_matplotlib_results_show_their_figure(plt, draw):
    bundle = format_value(draw(plt))
    assert _png(bundle).startswith(PNG_MAGIC)


def test_a_cell_ending_with_plt_plot_shows_the_plot_and_the_next_starts_fresh(plt, notebook):
    nb = notebook(
        "import matplotlib.pyplot as plt",
        "plt.plot([1, 2, 3])",
        "plt.plot([3, 2, 1]);",  # ends with ; -> no output
        "plt.get_fignums()",
    )
    assert _png(nb.output("c1")).startswith(PNG_MAGIC)
    assert nb.output("c2") is None
    assert nb.text("c3") == "[1]"  # only c2's figure is open: c1's was closed once shown


def test_lists_without_artists_are_plain_lists(plt):
    assert format_value([1, 2]) == {"text/plain": "[1, 2]"}
    assert format_value((1, "a")) == {"text/plain": "(1, 'a')"}
    assert format_value([]) == {"text/plain": "[]"}


@pytest.mark.parametrize("make", ["pandas", "polars"])
def test_data_frames_become_the_interactive_table_with_a_plain_fallback(make):
    lib = pytest.importorskip(make)
    import kernel_py.mo.ui  # noqa: F401  (registers the table over the plain formatter)

    frame = lib.DataFrame({"a": [1, 2, 3], "b": ["x", "<y>", "z"]})
    bundle = format_value(frame)
    markup = bundle["text/html"]
    assert "<table" in markup and "&lt;y&gt;" in markup and "3 rows × 2 columns" in markup
    assert bundle["text/plain"]
    assert markup.startswith('<rv-ui data-kind="table"') and markup.endswith("</table></div></rv-ui>")


@pytest.mark.parametrize("make", ["pandas", "polars"])
def test_series_show_as_one_column_tables(make):
    lib = pytest.importorskip(make)
    bundle = format_value(lib.Series("s", [1, 2]) if make == "polars" else lib.Series([1, 2], name="s"))
    assert "<table" in bundle["text/html"] and ">s<" in bundle["text/html"]


def test_big_frames_show_their_first_rows_and_their_shape():
    pd = pytest.importorskip("pandas")
    from kernel_py.display.formatters import TABLE_PREVIEW_ROWS

    bundle = format_value(pd.DataFrame({"n": range(1000)}))
    assert "1,000 rows × 1 columns, showing the first" in bundle["text/html"]
    fallback = bundle["text/html"].split("<table", 1)[1]
    assert fallback.count("<tr>") == TABLE_PREVIEW_ROWS + 1


def test_altair_charts_become_vega_embed_elements_with_inline_data():
    alt = pytest.importorskip("altair")
    pd = pytest.importorskip("pandas")
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_bar().encode(x="x", y="y")
    bundle = format_value(chart)
    spec_attr = bundle["text/html"].split('data-spec="', 1)[1].split('"', 1)[0]
    spec = json.loads(html.unescape(spec_attr))
    assert spec["mark"]["type"] == "bar" if isinstance(spec["mark"], dict) else spec["mark"] == "bar"
    assert any(v == [{"x": 1, "y": 3}, {"x": 2, "y": 4}] for v in spec["datasets"].values())
    assert any(k.startswith("application/vnd.vegalite.") for k in bundle)
    layered = format_value(chart + chart)
    assert "<rv-vega" in layered["text/html"]


def test_altair_charts_over_the_row_limit_still_render():
    alt = pytest.importorskip("altair")
    pd = pytest.importorskip("pandas")
    chart = alt.Chart(pd.DataFrame({"x": range(6000)})).mark_tick().encode(x="x")
    assert "<rv-vega" in format_value(chart)["text/html"]


def test_plotly_figures_become_plotly_elements():
    go = pytest.importorskip("plotly.graph_objects")
    figure = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    bundle = format_value(figure)
    data = json.loads(html.unescape(bundle["text/html"].split('data-figure="', 1)[1].split('"', 1)[0]))
    assert data["data"][0]["type"] == "scatter" and list(data["data"][0]["y"]) == [3, 4]
    assert "application/vnd.plotly.v1+json" in bundle


def test_pil_images_are_png():
    Image = pytest.importorskip("PIL.Image")
    bundle = format_value(Image.new("RGB", (4, 3), "red"))
    assert _png(bundle).startswith(PNG_MAGIC)


def test_mo_image_takes_pil_images_and_arrays():
    pytest.importorskip("PIL")
    np = pytest.importorskip("numpy")
    from PIL import Image

    import kernel_py.mo as mo

    for src in (Image.new("L", (2, 2)), np.arange(6).reshape(2, 3)):
        assert 'src="data:image/png;base64,' in mo.image(src).text
