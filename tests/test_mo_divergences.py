"""Issue 13's divergences from marimo, each checked against marimo itself:
the methods every Html and UI element has, array.hstack/vstack, tables of
a dict of scalars and cell selection, tabs(orientation=...),
hstack(justify=None), refresh's value, query_params, lazy functions, the
multiselect option limit, and reading a widget's value in its own cell."""

from __future__ import annotations

import inspect
import os

import pytest

import kernel_py.mo as mo

real = pytest.importorskip("marimo")

METHODS = ["center", "left", "right", "callout", "style", "batch"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("make", [lambda m: m.Html("<b>x</b>"), lambda m: m.md("x"), lambda m: m.ui.slider(0, 3)],
                         ids=["Html", "md", "slider"])
def test_html_and_ui_elements_have_marimos_methods(make, method):
    ours, theirs = getattr(make(mo), method), getattr(make(real), method)
    want = [p.name for p in inspect.signature(theirs).parameters.values()]
    got = [p.name for p in inspect.signature(ours).parameters.values()]
    assert got == want
    for name, p in inspect.signature(theirs).parameters.items():
        assert inspect.signature(ours).parameters[name].default == p.default


def test_the_methods_wrap_the_element():
    s = mo.ui.slider(0, 3)
    assert "justify-content:center" in s.center().text and s._id in s.center().text
    assert "justify-content:flex-start" in mo.Html("x").left().text
    assert "justify-content:flex-end" in mo.md("x").right().text
    warn = mo.md("careful").callout(kind="warn")
    assert 'data-kind="warn"' in warn.text and "careful" in warn.text
    assert "color:red" in s.style({"color": "red"}).text and "font-size:2em" in s.style(font_size="2em").text
    form = mo.md("{a} and {b}").batch(a=mo.ui.slider(0, 3), b=mo.ui.checkbox())
    assert isinstance(form, mo.ui.batch) and form.value == {"a": 0, "b": False}


def test_array_stacks_its_elements_as_marimo():
    for name in ("hstack", "vstack"):
        assert hasattr(real.ui.array([real.ui.slider(0, 1)]), name)
    a, b = mo.ui.slider(0, 3), mo.ui.text()
    arr = mo.ui.array([a, b])
    row, col = arr.hstack(justify="start"), arr.vstack(gap=1)
    assert "flex-direction:row" in row.text and "flex-direction:column" in col.text
    assert a._id in row.text and b._id in col.text


def test_a_table_of_a_dict_of_scalars_has_key_value_rows_as_marimo():
    data = {"a": 1, "b": "two"}
    ours, theirs = mo.ui.table(data), real.ui.table(data)
    ours._update([1])
    theirs._update([1])
    assert ours.value == theirs.value == [{"key": "b", "value": "two"}]
    env = mo.ui.table(dict(os.environ))  # values of every length
    assert env._props["columns"] == ["key", "value"] and env._props["total"] == len(os.environ)


def test_table_accepts_marimos_parameters_and_cell_selection():
    ours_params = inspect.signature(mo.ui.table).parameters
    for name, p in inspect.signature(real.ui.table).parameters.items():
        if name.startswith("_") or name == "self":
            continue
        assert name in ours_params, name
        assert ours_params[name].kind == p.kind, name
    rows = [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}]
    kwargs = dict(selection="multi-cell", max_height=100, hover_template="x is {{x}}",
                  style_cell=lambda row, col, value: {"color": "red"} if value == 2 else None)
    ours, theirs = mo.ui.table(rows, **kwargs), real.ui.table(rows, **kwargs)
    picked = [{"rowId": "1", "columnName": "x"}, {"rowId": "0", "columnName": "y"}]
    ours._update(picked)
    theirs._update(picked)
    assert [(c.row, c.column, c.value) for c in ours.value] == [(c.row, c.column, c.value) for c in theirs.value]
    assert ours._props["styles"] == [[None, None], ["color:red", None]]
    assert ours._props["titles"][1] == ["x is 2", "x is 2"] and ours._props["max_height"] == 100
    single = mo.ui.table(rows, selection="single-cell")
    with pytest.raises(ValueError, match="one cell at most"):
        single._update(picked)


def test_tabs_take_an_orientation_as_marimo():
    assert "orientation" in inspect.signature(real.ui.tabs).parameters
    t = mo.ui.tabs({"A": "a", "B": "b"}, orientation="vertical")
    assert 'orientation&quot;: &quot;vertical' in f"{t}"
    with pytest.raises(ValueError, match="orientation"):
        mo.ui.tabs({"A": "a"}, orientation="diagonal")


def test_stacks_take_justify_none_as_the_default():
    real.hstack(["a"], justify=None)  # marimo accepts it
    assert mo.hstack(["a", "b"], justify=None).text == mo.hstack(["a", "b"]).text
    assert mo.vstack(["a", "b"], justify=None).text == mo.vstack(["a", "b"]).text


def test_refresh_value_is_a_str_empty_at_first_as_marimo():
    ours, theirs = mo.ui.refresh(), real.ui.refresh()
    assert ours.value == theirs.value == ""
    ours._update("3")
    assert ours.value == "3"


def test_missing_query_params_are_none(notebook):
    nb = notebook("import marimo as mo\nq = mo.query_params()", "q['missing'] is None and q.get('missing') is None")
    assert nb.text("c1") == "True"


def test_a_multiselect_over_100000_options_raises_as_marimo():
    options = [str(i) for i in range(100_001)]
    with pytest.raises(ValueError) as theirs:
        real.ui.multiselect(options)
    with pytest.raises(ValueError) as ours:
        mo.ui.multiselect(options)
    assert str(ours.value) == str(theirs.value)
    assert mo.ui.multiselect(options[:100_000]).value == []


def test_reading_a_value_in_the_cell_that_made_it_raises_as_marimo(notebook):
    nb = notebook(
        "import marimo as mo",
        "s = mo.ui.slider(0, 3)\ns.value",
        "t = mo.ui.text('hi')\narr = mo.ui.array([t])",
        "arr.value, t.value",
    )
    error = nb.error("c1")
    assert error is not None and "RuntimeError" in str(error)
    assert "Accessing the value of a UIElement in the cell that created it is not allowed" in str(error)
    assert nb.text("c3") == "(['hi'], 'hi')"  # another cell reads them


def test_lazy_calls_a_function_only_when_shown(notebook):
    nb = notebook("import marimo as mo\ncalls = []", "mo.lazy(lambda: calls.append(1) or mo.md('**later**'))", "calls")
    assert nb.text("c2") == "[]"  # not called when the cell ran
    html = nb.output("c1")["text/html"]
    assert 'data-kind="lazy"' in html and "later" not in html
    element = next(e for e in nb.session.kernel.ui._elements.values() if e._kind == "lazy")
    events = nb.request("set_ui_value", id=element._id, value=True)  # the page saw it
    shown = [e for e in events if e["type"] == "output" and e["cell"] == "c1"]
    assert shown and "**later**" in shown[-1]["output"]["text/html"]
    assert nb.session.kernel.namespace["calls"] == [1]
    assert mo.lazy("body").text == "<rv-lazy><template>body</template></rv-lazy>"  # other content: sent now
