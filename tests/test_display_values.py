"""Value -> MIME bundle."""

from __future__ import annotations

import base64

import pytest

from kernel_py.display import format_value


class WithMime:
    def _mime_(self):
        return ("text/html", "<b>mime</b>")


class WithBundle:
    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": "<i>b</i>", "text/plain": "b"}


class WithBundleAndMetadata:
    def _repr_mimebundle_(self, include=None, exclude=None):
        return ({"text/markdown": "# t"}, {})


def _repr(method, value):
    return type("R", (), {method: lambda self: value, "__repr__": lambda self: "R()"})()


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        (3, {"text/plain": "3"}),
        ("<b>", {"text/plain": "'<b>'"}),
        (WithMime(), {"text/html": "<b>mime</b>"}),
        (WithBundle(), {"text/html": "<i>b</i>", "text/plain": "b"}),
        (WithBundleAndMetadata(), {"text/markdown": "# t"}),
        (_repr("_repr_html_", "<p>x</p>"), {"text/html": "<p>x</p>", "text/plain": "R()"}),
        (_repr("_repr_markdown_", "*x*"), {"text/markdown": "*x*", "text/plain": "R()"}),
        (_repr("_repr_svg_", "<svg/>"), {"image/svg+xml": "<svg/>", "text/plain": "R()"}),
        (_repr("_repr_png_", b"\x89PNG"), {"image/png": base64.b64encode(b"\x89PNG").decode(), "text/plain": "R()"}),
        (_repr("_repr_jpeg_", b"\xff\xd8"), {"image/jpeg": base64.b64encode(b"\xff\xd8").decode(), "text/plain": "R()"}),
        (_repr("_repr_latex_", "$x$"), {"text/latex": "$x$", "text/plain": "R()"}),
        (_repr("_repr_json_", {"a": 1}), {"application/json": '{"a": 1}', "text/plain": "R()"}),
        (_repr("_repr_html_", None), {"text/plain": "R()"}),
        (int, {"text/plain": "<class 'int'>"}),
    ],
)
def test_values_become_mime_bundles(value, expected):
    assert format_value(value) == expected


def test_a_broken_repr_method_is_shown_not_raised():
    class Broken:
        def _repr_html_(self):
            raise RuntimeError("boom")

    bundle = format_value(Broken())
    assert "display failed" in bundle["text/plain"] and "boom" in bundle["text/plain"]


def test_a_broken_repr_is_shown_not_raised():
    class Bad:
        def __repr__(self):
            raise ValueError("no")

    assert "repr failed" in format_value(Bad())["text/plain"]


def test_matplotlib_figures_render_as_png():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    for value in (fig, ax):
        bundle = format_value(value)
        assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    plt.close(fig)


def test_pil_images_render_as_png():
    Image = pytest.importorskip("PIL.Image")
    bundle = format_value(Image.new("RGB", (4, 4), "red"))
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")


def test_pandas_frames_render_as_html():
    pd = pytest.importorskip("pandas")
    bundle = format_value(pd.DataFrame({"a": [1, 2]}))
    assert "<table" in bundle["text/html"]


def test_a_list_containing_itself_displays():
    loop: list = [1]
    loop.append(loop)
    assert format_value(loop) == {"text/plain": "[1, [...]]"}
