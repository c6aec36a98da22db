"""mo.ui.altair_chart and mo.ui.plotly: selections as values, and rich cells
in mo.ui.table (the seed's workflow, Python side).

The page sends a chart's selection as {param: signal value}; these tests send
what vega-lite's signals hold and check ``.value`` as a user reads it, and,
when marimo is importable, that it equals marimo 0.25.2's value for the same
chart and selection.
"""

from __future__ import annotations

import json

import pytest

import kernel_py.mo as mo
from kernel_py.mo import ui

ROWS = [
    {"x": 1, "y": 9.0, "digit": "2"},
    {"x": 2, "y": 8.0, "digit": "8"},
    {"x": 3, "y": 7.5, "digit": "2"},
    {"x": 4, "y": 6.0, "digit": "8"},
    {"x": 5, "y": 5.0, "digit": "2"},
]
SPEC = {
    "data": {"values": ROWS},
    "mark": "point",
    "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
        "color": {"field": "digit", "type": "nominal"},
    },
}
BRUSH = {"select_interval": {"x": [2, 4], "y": [0, 10]}}
CLICK = {"select_point": {"vlPoint": {"or": [{"x": 3, "y": 7.5, "digit": "2"}]}, "x": [3], "y": [7.5], "digit": ["2"]}}
LEGEND = {"legend_selection_digit": {"vlPoint": {"or": [{"digit": "8"}]}, "digit": ["8"]}}
# (selection, the x values it keeps)
SELECTIONS = [
    ({}, []),
    (BRUSH, [2, 3, 4]),
    ({"select_interval": {"x": [2.5, 10], "y": [6.5, 10]}}, [3]),
    (CLICK, [3]),
    (LEGEND, [2, 4]),
    ({**BRUSH, **LEGEND}, [2, 4]),
    ({"select_point": {"vlPoint": {"or": [{"x": 1, "y": 9.0, "digit": "2"}, {"x": 5, "y": 5.0, "digit": "2"}]}}}, [1, 5]),
    ({"select_point": {"_vgsid_": [2, 5], "vlPoint": {"or": [{"_vgsid_": 2}, {"_vgsid_": 5}]}}}, [2, 5]),
    ({"select_interval": {"x": [7, 9]}}, []),
    ({"pan_zoom": {"x": [1, 2]}}, [1, 2, 3, 4, 5]),
]


def test_a_dict_spec_gets_a_brush_a_click_and_a_legend_selection():
    chart = ui.altair_chart(SPEC)
    params = {p["name"]: p for p in chart._props["spec"]["params"]}
    assert params["select_interval"]["select"] == {"type": "interval", "encodings": ["x", "y"]}
    assert params["select_point"]["select"] == {"type": "point", "fields": ["x", "y", "digit"]}
    assert params["legend_selection_digit"]["bind"] == "legend"
    assert chart._props["signals"] == ["select_point", "select_interval", "legend_selection_digit"]
    assert "params" not in SPEC, "the user's spec is not changed"
    assert chart.value == [] and chart.selections == {}


@pytest.mark.parametrize(("selection", "xs"), SELECTIONS, ids=range(len(SELECTIONS)))
def test_a_selection_filters_the_rows_of_a_dict_spec(selection, xs):
    chart = ui.altair_chart(SPEC)
    chart._update(selection)
    assert [r["x"] for r in chart.value] == xs
    assert all(set(r) == {"x", "y", "digit"} for r in chart.value)


def test_chart_selection_and_legend_selection_choose_the_params():
    only_point = ui.altair_chart(SPEC, chart_selection="point", legend_selection=False)
    assert only_point._props["signals"] == ["select_point"]
    none = ui.altair_chart(SPEC, chart_selection=False, legend_selection=False)
    assert none._props["signals"] == [] and "params" not in none._props["spec"]
    bar = ui.altair_chart({**SPEC, "mark": {"type": "bar"}}, legend_selection=["other"])
    assert bar._props["signals"] == ["select_point"]
    own = {**SPEC, "params": [{"name": "brush", "select": "interval"}]}
    assert ui.altair_chart(own)._props["signals"] == ["brush", "legend_selection_digit"]
    with pytest.raises(ValueError, match="chart_selection"):
        ui.altair_chart(SPEC, chart_selection="lasso")


def test_a_label_titles_the_chart_and_bad_values_are_refused():
    chart = ui.altair_chart(SPEC, label="Digits")
    assert chart._props["spec"]["title"] == "Digits"
    with pytest.raises(ValueError):
        chart._update([1, 2])
    with pytest.raises(ValueError, match="not found"):
        chart._update({"select_interval": {"nope": [1, 2]}})
    with pytest.raises(ValueError, match="expected a"):
        ui.altair_chart(42)


def test_dates_arrive_as_milliseconds_and_filter_date_columns():
    import datetime as dt

    rows = [{"day": dt.date(2024, 1, d), "n": d} for d in range(1, 6)]
    chart = ui.altair_chart({"data": {"values": rows}, "mark": "point",
                             "encoding": {"x": {"field": "day", "type": "temporal"}, "y": {"field": "n", "type": "quantitative"}}})
    ms = lambda d: dt.datetime(2024, 1, d).timestamp() * 1000  # noqa: E731
    chart._update({"select_interval": {"day": [ms(2), ms(4)]}})
    assert [r["n"] for r in chart.value] == [2, 3, 4]


def test_the_selection_reruns_the_cells_that_read_the_chart(notebook):
    nb = notebook(
        "import marimo as mo",
        f"chart = mo.ui.altair_chart({json.dumps(SPEC)})\nchart",
        "mo.md(f'picked {[r[\"x\"] for r in chart.value]}')",
    )
    assert 'data-kind="altair_chart"' in nb.text("c1")
    assert "picked []" in nb.text("c2")
    chart = nb.session.kernel.namespace["chart"]
    events = nb.request("set_ui_value", id=chart._id, value=BRUSH)
    assert nb.ran(events) == ["c2"]
    assert "picked [2, 3, 4]" in nb.text("c2")


# -- with altair and pandas (as online in the browser), against marimo ---------


def _frame():
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(ROWS)


def test_an_altair_chart_of_a_frame_selects_a_frame_slice():
    alt = pytest.importorskip("altair")
    df = _frame()
    chart = ui.altair_chart(alt.Chart(df).mark_point().encode(x="x", y="y", color="digit"))
    assert chart.value.empty and list(chart.value.columns) == ["x", "y", "digit"]
    chart._update(BRUSH)
    assert list(chart.value["x"]) == [2, 3, 4]
    assert list(chart.value.index) == [1, 2, 3]
    assert chart.value.dtypes.to_dict() == df.dtypes.to_dict()
    assert chart.dataframe is df
    assert list(chart.apply_selection(df)["x"]) == [2, 3, 4]
    assert chart.mark == "point" or getattr(chart.mark, "type", None) == "point"  # altair's attributes


@pytest.mark.parametrize(("selection", "xs"), SELECTIONS, ids=range(len(SELECTIONS)))
def test_values_equal_marimos_for_the_same_selection(selection, xs):
    alt = pytest.importorskip("altair")
    real = pytest.importorskip("marimo")
    df = _frame()
    chart = alt.Chart(df).mark_point().encode(x="x", y="y", color="digit")
    ours = ui.altair_chart(chart)
    ours._update(selection)
    theirs = real.ui.altair_chart(chart)._convert_value(selection)
    assert list(ours.value["x"]) == xs
    assert ours.value.equals(theirs), (ours.value, theirs)
    assert list(ours.value.index) == list(theirs.index)


# -- plotly --------------------------------------------------------------------

FIGURE = {
    "data": [{"type": "scatter", "mode": "markers", "x": [1, 2, 3], "y": [4, 5, 6],
              "hovertemplate": "a=%{x}<br>b=%{y}<extra></extra>"}],
    "layout": {"title": {"text": "Points"}},
}


def test_plotly_of_a_dict_figure_values_are_the_selected_points():
    plot = ui.plotly(FIGURE, label="pts")
    assert plot.value == [] and plot.points == [] and plot.indices == [] and plot.ranges == {}
    assert plot._props["figure"]["data"][0]["x"] == [1, 2, 3]
    plot._update({"points": [{"a": 2, "b": 5}], "indices": [1], "range": {"x": [1.5, 2.5], "y": [4, 6]}})
    assert plot.value == [{"a": 2, "b": 5}]
    assert plot.indices == [1] and plot.ranges == {"x": [1.5, 2.5], "y": [4, 6]}
    with pytest.raises(ValueError):
        plot._update({"points": "all"})


def test_plotly_accepts_a_plotly_figure_as_marimo_does():
    go = pytest.importorskip("plotly.graph_objects")
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], mode="markers"))
    plot = ui.plotly(fig)
    assert plot._props["figure"]["data"][0]["type"] == "scatter"
    real = pytest.importorskip("marimo")
    value = {"points": [{"x": 2, "y": 4}], "indices": [1]}
    plot._update(value)
    assert plot.value == real.ui.plotly(fig)._convert_value(value)


# -- mo.ui.table shows images and rich cells -------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_table_cells_holding_images_markdown_and_widgets_are_rich():
    t = ui.table([
        {"digit": 2, "image": mo.image(PNG, alt="two"), "note": mo.md("**bold**")},
        {"digit": 8, "image": mo.image(PNG, alt="eight"), "note": "plain <b>"},
    ])
    rows = t._props["rows"]
    image = rows[0][1]
    assert isinstance(image, dict) and image["html"].startswith("<img") and 'alt="two"' in image["html"]
    assert isinstance(rows[0][2], dict) and "bold" in rows[0][2]["html"]
    assert rows[1][2] == "plain <b>" and rows[0][0] == 2
    t._update([1])
    assert t.value[0]["digit"] == 8 and isinstance(t.value[0]["image"], mo.Html)


def test_table_cells_of_a_pandas_frame_with_pil_images():
    pd = pytest.importorskip("pandas")
    Image = pytest.importorskip("PIL.Image")
    df = pd.DataFrame({"digit": [2], "image": [Image.new("L", (8, 8))]})
    cell = ui.table(df)._props["rows"][0][1]
    assert cell["html"].startswith('<img src="data:image/png;base64,')


# -- gallery/selection.py: the seed's workflow, offline (stdlib) and with pandas --

from pathlib import Path  # noqa: E402

from kernel_py.notebook.file_format import parse_notebook  # noqa: E402

GALLERY = Path(__file__).resolve().parent.parent / "gallery" / "selection.py"


def _gallery(notebook):
    codes = [c.code for c in parse_notebook(GALLERY.read_text(encoding="utf-8")).cells]
    nb = notebook(*codes)
    ids = list(nb.codes)
    chart_cell = next(i for i in ids if "mo.ui.altair_chart" in nb.codes[i])
    table_cell = next(i for i in ids if "mo.ui.table" in nb.codes[i])
    images_cell = next(i for i in ids if "mo.hstack" in nb.codes[i])
    return nb, chart_cell, images_cell, table_cell


@pytest.mark.parametrize("offline", [True, False], ids=["stdlib", "pandas+altair"])
def test_the_selection_gallery_fills_the_images_and_the_table(notebook, monkeypatch, offline):
    if offline:
        for name in ("altair", "numpy", "pandas"):
            monkeypatch.setitem(__import__("sys").modules, name, None)
    else:
        pytest.importorskip("altair")
        pytest.importorskip("pandas")
    nb, chart_cell, images_cell, table_cell = _gallery(notebook)
    assert all(nb.error(i) is None for i in nb.codes), [nb.error(i) for i in nb.codes]
    chart = nb.session.kernel.namespace["chart"]
    assert isinstance(chart.value, list) == offline
    assert "Select some points" in nb.text(images_cell)
    events = nb.request("set_ui_value", id=chart._id, value={"legend_selection_digit": {
        "vlPoint": {"or": [{"digit": "2"}, {"digit": "8"}]}, "digit": ["2", "8"]}})
    assert images_cell in nb.ran(events) and table_cell in nb.ran(events)
    assert chart_cell not in nb.ran(events)
    picked = nb.session.kernel.namespace["selected"]
    assert picked and {r["digit"] for r in picked} == {"2", "8"}
    assert "digit 2" in nb.text(images_cell) and "digit 8" in nb.text(images_cell)
    table = nb.text(table_cell)
    assert "Selected points" in table and "&lt;img src=" in table.replace("&amp;", "&")
