"""The Python side of mo.ui: values, conversions, validation, reactivity."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import sys

import pytest

import kernel_py.mo as mo
from kernel_py.mo import ui


def test_the_package_exports_every_widget():
    expected = {
        "altair_chart", "plotly", "array", "batch", "button", "checkbox", "code_editor", "date", "dictionary", "dropdown",
        "file", "form", "multiselect", "number", "radio", "range_slider", "refresh", "run_button",
        "slider", "switch", "table", "tabs", "text", "text_area", "FileUploadResults", "UIElement",
        "dataframe", "data_editor", "data_explorer", "experimental_data_editor",
    }
    expected |= {"anywidget", "chat", "date_range", "datetime", "file_browser", "matplotlib", "matrix", "microphone", "panel"}
    assert set(ui.__all__) == expected
    assert all(hasattr(ui, name) for name in ui.__all__)


# (factory, front-end value, expected .value)
VALUES = [
    (lambda: ui.slider(1, 100), 42, 42),
    (lambda: ui.slider(0, 1, 0.1), 0.5, 0.5),
    (lambda: ui.slider(steps=[1, 10, 100]), 10, 10),
    (lambda: ui.range_slider(0, 10), [2, 7], [2, 7]),
    (lambda: ui.number(0, 10), 3, 3),
    (lambda: ui.number(0, 10, 0.5), 2.5, 2.5),
    (lambda: ui.number(), "7", 7),
    (lambda: ui.text(), "hello", "hello"),
    (lambda: ui.text_area(), "a\nb", "a\nb"),
    (lambda: ui.code_editor("x = 1"), "y = 2", "y = 2"),
    (lambda: ui.checkbox(), True, True),
    (lambda: ui.switch(True), False, False),
    (lambda: ui.date(), "2024-02-29", dt.date(2024, 2, 29)),
    (lambda: ui.radio(["a", "b"]), "b", "b"),
    (lambda: ui.radio({"one": 1, "two": 2}), "two", 2),
    (lambda: ui.dropdown({"one": 1, "two": 2}), "one", 1),
    (lambda: ui.dropdown(["x", "y"]), None, None),
    (lambda: ui.multiselect({"one": 1, "two": 2, "three": 3}), ["one", "three"], [1, 3]),
    (lambda: ui.tabs({"A": "a", "B": "b"}), "B", "B"),
    (lambda: ui.refresh(default_interval="2s"), "3", "3"),
    (lambda: ui.table([{"a": 1}, {"a": 2}, {"a": 3}]), [0, 2], [{"a": 1}, {"a": 3}]),
    (lambda: ui.table({"a": [1, 2], "b": ["x", "y"]}), [1], [{"a": 2, "b": "y"}]),
    (lambda: ui.table([5, 6], selection="single"), [1], [{"value": 6}]),
]


@pytest.mark.parametrize("make, frontend, expected", VALUES)
def test_front_end_values_become_python_values(make, frontend, expected):
    element = make()
    element._update(frontend)
    assert element.value == expected
    assert type(element.value) is type(expected)


# (factory, bad front-end value, words in the message)
INVALID = [
    (lambda: ui.slider(1, 10), 11, "above the maximum"),
    (lambda: ui.slider(1, 10), 0, "below the minimum"),
    (lambda: ui.slider(1, 10), 2.5, "whole number"),
    (lambda: ui.slider(1, 10), "abc", "expected a number"),
    (lambda: ui.slider(1, 10), True, "expected a number"),
    (lambda: ui.range_slider(0, 10), [7, 2], "above high"),
    (lambda: ui.range_slider(0, 10), 5, "expected [low, high]"),
    (lambda: ui.number(0, 5), 6, "above the maximum"),
    (lambda: ui.text(max_length=3), "abcd", "max_length"),
    (lambda: ui.text(), 5, "expected a string"),
    (lambda: ui.checkbox(), "yes", "true or false"),
    (lambda: ui.date(start="2024-01-01"), "2023-12-31", "below the minimum"),
    (lambda: ui.date(), "31/12/2023", "YYYY-MM-DD"),
    (lambda: ui.radio(["a"]), "z", "not one of the options"),
    (lambda: ui.dropdown(["a"], value="a"), None, "required"),
    (lambda: ui.multiselect(["a", "b"], max_selections=1), ["a", "b"], "at most 1"),
    (lambda: ui.table([1, 2]), [5], "out of range"),
    (lambda: ui.table([1, 2], selection="single"), [0, 1], "one row at most"),
    (lambda: ui.tabs({"A": 1}), "Z", "not one of the tabs"),
    (lambda: ui.file(), [{"name": "a", "contents": "%%%"}], "not base64"),
    (lambda: ui.button(), -1, "click count"),
]


@pytest.mark.parametrize("make, bad, words", INVALID)
def test_invalid_front_end_values_raise_and_keep_the_old_value(make, bad, words):
    element = make()
    before = element.value
    with pytest.raises(ValueError, match=re.escape(words)):
        element._update(bad)
    assert element.value == before


# (factory, initial .value)
DEFAULTS = [
    (lambda: ui.slider(1, 100), 1),
    (lambda: ui.slider(1, 100, value=30), 30),
    (lambda: ui.range_slider(1, 9), [1, 9]),
    (lambda: ui.number(), 0),
    (lambda: ui.text("hi"), "hi"),
    (lambda: ui.checkbox(), False),
    (lambda: ui.date(value="2020-05-17"), dt.date(2020, 5, 17)),
    (lambda: ui.radio({"one": 1}, value="one"), 1),
    (lambda: ui.dropdown(["a", "b"]), None),
    (lambda: ui.multiselect(["a", "b"], value=["b"]), ["b"]),
    (lambda: ui.button(), None),
    (lambda: ui.button(value=0, on_click=lambda v: v + 1), 0),
    (lambda: ui.run_button(), False),
    (lambda: ui.file(), []),
    (lambda: ui.table([1, 2]), []),
    (lambda: ui.tabs({"A": 1, "B": 2}), "A"),
    (lambda: ui.text().form(), None),
]


@pytest.mark.parametrize("make, expected", DEFAULTS)
def test_initial_values_follow_marimo(make, expected):
    assert make().value == expected


def props_of(element):
    markup = f"{element}"
    attr = re.search(r'data-props="([^"]*)"', markup).group(1)
    import html

    return json.loads(html.unescape(attr))


def test_widgets_interpolate_as_rv_ui_markup_with_kind_label_props_and_value():
    s = ui.slider(0, 10, 2, value=4, label="Size", show_value=True)
    markup = f"{s}"
    assert markup.startswith('<rv-ui data-kind="slider"')
    assert 'data-label="Size"' in markup and 'data-value="4"' in markup
    assert props_of(s) == {"start": 0, "stop": 10, "step": 2, "orientation": "horizontal", "show_value": True}


def test_table_ships_json_safe_cells_and_recognises_frames_by_module():
    t = ui.table([{"a": float("nan"), "b": dt.date(2020, 1, 1)}])
    assert props_of(t)["rows"] == [[None, "2020-01-01"]]

    class Frame:  # a stand-in with polars' interface, from a module named polars
        __module__ = "polars.dataframe"
        columns = ["x"]

        def to_dicts(self):
            return [{"x": 1}, {"x": 2}]

        def __getitem__(self, rows):
            return ("slice", rows)

    frame = Frame()
    t = ui.table(frame)
    t._update([1])
    assert t.value == ("slice", [1])


def test_file_contents_reach_python_as_bytes():
    f = ui.file(multiple=True)
    payload = [{"name": "a.txt", "contents": base64.b64encode(b"hello").decode()},
               {"name": "b.bin", "contents": base64.b64encode(b"\x00\x01").decode()}]
    f._update(payload)
    assert [(r.name, r.contents) for r in f.value] == [("a.txt", b"hello"), ("b.bin", b"\x00\x01")]
    assert f.name(1) == "b.bin" and f.contents() == b"hello" and f.name(5) is None
    assert "hello" not in f"{f}" and "aGVsbG8" not in f"{f}"  # the markup does not carry the bytes


def test_button_folds_clicks_with_on_click():
    b = ui.button(value=0, on_click=lambda v: v + 1)
    b._update(1)
    b._update(2)
    assert b.value == 2
    b._update(4)  # two clicks coalesced into one message
    assert b.value == 4


def test_form_value_is_gated_until_submit_and_validated():
    t = ui.text()
    f = t.form(validate=lambda v: "too short" if len(v) < 2 else None)
    assert f.value is None and props_of(f)["element"] == t._id
    assert f'data-id="{t._id}"' in f"{f}"
    with pytest.raises(ValueError, match="too short"):
        f._update("a")
    f._update("abc")
    assert f.value == "abc"


def test_containers_value_is_made_of_their_elements_and_they_own_them():
    a, b = ui.slider(0, 10), ui.checkbox()
    arr = ui.array([a, b])
    d = ui.dictionary({"n": a, "ok": b})
    bt = ui.batch(mo.md("{n} and {ok}"), {"n": a, "ok": b})
    a._update(3)
    b._update(True)
    assert arr.value == [3, True]
    assert d.value == {"n": 3, "ok": True} and bt.value == {"n": 3, "ok": True}
    assert arr._owns(a) and d._owns(b) and not arr._owns(ui.checkbox())
    assert a._id in f"{arr}" and a._id in f"{d}"


def test_container_on_change_hears_its_elements():
    seen = []
    a = ui.slider(0, 10)
    ui.array([a], on_change=seen.append)
    a._update(5)
    assert seen == [[5]]


# -- through the kernel ------------------------------------------------------------


SEED_CELL = 'mo.md(f"{slider} {"🟢" * slider.value}")'  # PEP 701 quotes: Python 3.12+


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param(SEED_CELL, marks=pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 701")),
        SEED_CELL.replace('"🟢"', "'🟢'"),
    ],
)
def test_the_seed_example_reruns_on_slider_changes(notebook, cell):
    nb = notebook("import marimo as mo", "slider = mo.ui.slider(1, 100)", cell)
    assert "🟢" * 1 in nb.text("c2") and "🟢" * 2 not in nb.text("c2")
    slider = nb.session.kernel.namespace["slider"]
    events = nb.request("set_ui_value", id=slider._id, value=5)
    assert nb.ran(events) == ["c2"]
    assert "🟢" * 5 in nb.text("c2") and 'data-value=&quot;5&quot;' in nb.text("c2")


def test_an_invalid_value_is_an_error_event_and_the_old_value_stays(notebook):
    nb = notebook("import marimo as mo\ns = mo.ui.slider(1, 10)", "s.value")
    s = nb.session.kernel.namespace["s"]
    nb.request("set_ui_value", id=s._id, value=4)
    events = nb.request("set_ui_value", id=s._id, value=99)
    errors = [m for m in events if m["type"] == "error"]
    assert len(errors) == 1 and "above the maximum" in errors[0]["message"]
    assert nb.ran(events) == [] and nb.text("c1") == "4" and s.value == 4


def test_run_button_is_true_only_in_the_run_its_click_triggered(notebook):
    nb = notebook(
        "import marimo as mo\nb = mo.ui.run_button()\nn = mo.ui.slider(1, 5)",
        "print('run', b.value, n.value)",
    )
    b = nb.session.kernel.namespace["b"]
    n = nb.session.kernel.namespace["n"]
    since = len(nb.events)
    nb.request("set_ui_value", id=b._id, value=1)
    nb.request("set_ui_value", id=n._id, value=2)
    assert nb.console("c1", since=since) == "run True 1\nrun False 2\n"


def test_interacting_with_an_element_reruns_readers_of_its_container(notebook):
    nb = notebook(
        "import marimo as mo\nitems = mo.ui.array([mo.ui.slider(0, 9), mo.ui.text()])",
        "items.value",
        "print('unrelated')",
    )
    first = nb.session.kernel.namespace["items"][0]
    events = nb.request("set_ui_value", id=first._id, value=7)
    assert nb.ran(events) == ["c1"] and nb.text("c1") == "[7, '']"


def test_a_form_reruns_its_readers_on_submit_only(notebook):
    nb = notebook("import marimo as mo\nf = mo.ui.text(label='Name').form()", "f.value")
    f = nb.session.kernel.namespace["f"]
    assert nb.text("c1") is None  # None is not displayed
    events = nb.request("set_ui_value", id=f._id, value="Ada")
    assert nb.ran(events) == ["c1"] and nb.text("c1") == "'Ada'"


def test_button_on_click_counter_through_the_kernel(notebook):
    nb = notebook(
        "import marimo as mo\nb = mo.ui.button(value=0, on_click=lambda v: v + 1, label='+1')",
        "b.value",
    )
    b = nb.session.kernel.namespace["b"]
    for clicks in (1, 2, 3):
        nb.request("set_ui_value", id=b._id, value=clicks)
    assert nb.text("c1") == "3"
