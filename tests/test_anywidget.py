"""mo.ui.anywidget: a widget's synced traits are the element's value, the
page's changes set them (and re-run readers), Python's changes go to the page
as ``ui_value`` events.  With traitlets (what anywidget builds on), a
duck-typed widget without it, and the real anywidget package when installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kernel_py.mo import ui

traitlets = pytest.importorskip("traitlets")

COUNTER = '''
import marimo as mo
import traitlets

class Counter(traitlets.HasTraits):
    _esm = "export default { render({ model, el }) { el.textContent = model.get('count'); } }"
    _css = ".x { color: red }"
    count = traitlets.Int(0).tag(sync=True)
    label = traitlets.Unicode("clicks").tag(sync=True)
    scratch = traitlets.Int(0)  # not synced: not state

counter = Counter()
w = mo.ui.anywidget(counter)
w
'''


def _props(html: str) -> tuple[dict, dict]:
    import html as html_lib
    import re

    attrs = dict(re.findall(r'(data-[a-z]+)="([^"]*)"', html))
    return json.loads(html_lib.unescape(attrs["data-props"])), json.loads(html_lib.unescape(attrs["data-value"]))


def test_a_traitlets_widget_shows_its_module_and_its_synced_state(notebook):
    nb = notebook(COUNTER, "w.value")
    html = nb.output("c0")["text/html"]
    assert 'data-kind="anywidget"' in html
    props, value = _props(html)
    assert "model.get('count')" in props["esm"] and props["css"] == ".x { color: red }"
    assert value == {"count": 0, "label": "clicks"}
    assert nb.text("c1") == repr({"count": 0, "label": "clicks"})


def test_the_pages_change_sets_the_trait_and_reruns_the_readers(notebook):
    nb = notebook(COUNTER, "w.value['count'] * 10", "counter.count + 1")
    w = nb.session.kernel.namespace["w"]
    events = nb.request("set_ui_value", widget=w._id, value={"count": 3})
    assert nb.session.kernel.namespace["counter"].count == 3
    assert nb.text("c1") == "30"
    assert not [e for e in events if e["type"] == "ui_value"]  # no echo of the page's own change
    assert nb.text("c2") == "1"  # it reads counter, not w: not re-run (as marimo)


def test_a_bad_value_from_the_page_changes_nothing_and_says_why(notebook):
    nb = notebook(COUNTER, "w.value['count']")
    w = nb.session.kernel.namespace["w"]
    errors = [e for e in nb.request("set_ui_value", widget=w._id, value={"count": "many"}) if e["type"] == "error"]
    assert errors and "TraitError" in errors[0]["message"] and errors[0]["widget"] == w._id
    errors = [e for e in nb.request("set_ui_value", widget=w._id, value={"scratch": 5}) if e["type"] == "error"]
    assert errors and "not a synced trait" in errors[0]["message"]
    errors = [e for e in nb.request("set_ui_value", widget=w._id, value=[1]) if e["type"] == "error"]
    assert errors and "expected the changed traits as an object" in errors[0]["message"]
    assert nb.session.kernel.namespace["counter"].count == 0 and nb.text("c1") == "0"


def test_a_trait_set_in_another_cell_goes_to_the_page(notebook):
    nb = notebook(COUNTER, "counter.count = 7", "w.label = 'taps'")
    w = nb.session.kernel.namespace["w"]
    pushed = [e for e in nb.events if e["type"] == "ui_value"]
    assert {"v": 1, "type": "ui_value", "widget": w._id, "value": {"count": 7}} in pushed
    assert {"v": 1, "type": "ui_value", "widget": w._id, "value": {"label": "taps"}} in pushed  # forwarded, as marimo


def test_a_rerun_widget_cell_stops_pushing_for_its_old_element(notebook):
    defines = COUNTER.split("counter = Counter()")[0].replace("import marimo as mo", "")
    nb = notebook(defines + "counter = Counter()", "import marimo as mo\nw = mo.ui.anywidget(counter)\nw", "counter.count")
    old = nb.session.kernel.namespace["w"]._id
    nb.run("c1")
    new = nb.session.kernel.namespace["w"]._id
    events = nb.run("c2", c2="counter.count = 5")
    assert [e["widget"] for e in events if e["type"] == "ui_value"] == [new] and new != old


def test_a_duck_typed_widget_without_traitlets_works_and_esm_may_be_a_file(notebook, tmp_path: Path):
    module = tmp_path / "widget.js"
    module.write_text("export default { render({ el }) { el.textContent = 'from a file'; } }")
    nb = notebook(f'''
import marimo as mo
from pathlib import Path
class Duck:
    _esm = Path({str(module)!r})
    def __init__(self):
        self.value = 1
    def trait_names(self, sync=False):
        return ["value"]
d = Duck()
w = mo.ui.anywidget(d)
w
''', "w.value")
    props, value = _props(nb.output("c0")["text/html"])
    assert props["esm"].startswith("export default") and value == {"value": 1}
    w = nb.session.kernel.namespace["w"]
    nb.request("set_ui_value", widget=w._id, value={"value": 9})
    assert nb.session.kernel.namespace["d"].value == 9 and nb.text("c1") == repr({"value": 9})


def test_anything_else_gets_a_clear_note_and_its_state_is_still_the_value():
    class Counter:  # get_state() but no _esm: not an anywidget
        def get_state(self):
            return {"count": 3, "_private": 1}

    w = ui.anywidget(Counter())
    assert w.value == {"count": 3}
    assert "not an anywidget" in f"{w}" and 'role="note"' in f"{w}"
    assert "not an anywidget" in f"{ui.anywidget(object())}"


def test_the_element_forwards_the_widgets_attributes_as_marimo_does():
    class Counter(traitlets.HasTraits):
        _esm = "export default {}"
        count = traitlets.Int(2).tag(sync=True)

    c = Counter()
    w = ui.anywidget(c)
    assert w.count == 2
    w.count = 5
    assert c.count == 5 and w.value == {"count": 5}


def test_a_real_anywidget_syncs_its_own_traits_only():
    anywidget = pytest.importorskip("anywidget")

    class Counter(anywidget.AnyWidget):
        _esm = "export default { render({ model, el }) {} }"
        count = traitlets.Int(0).tag(sync=True)

    c = Counter()
    w = ui.anywidget(c)
    assert w.value == {"count": 0}  # marimo 0.25 gives the same for this widget
    props, value = _props(f"{w}")
    assert props["esm"] == Counter._esm and value == {"count": 0}
    w._update({"count": 4})
    assert c.count == 4 and w.value == {"count": 4}


def test_a_real_anywidget_in_a_notebook_syncs_both_ways(notebook):
    pytest.importorskip("anywidget")
    nb = notebook('''
import anywidget
import marimo as mo
import traitlets

class Counter(anywidget.AnyWidget):
    _esm = "export default { render() {} }"
    count = traitlets.Int(0).tag(sync=True)
    _hidden = traitlets.Int(7).tag(sync=True)

raw = Counter()
w = mo.ui.anywidget(raw)
w
''', "w.value", "raw.count = 9")
    w = nb.session.kernel.namespace["w"]
    assert nb.text("c1") == repr({"_hidden": 7, "count": 0})  # as marimo 0.25: its private synced traits too
    assert {"v": 1, "type": "ui_value", "widget": w._id, "value": {"count": 9}} in nb.events
    nb.request("set_ui_value", widget=w._id, value={"count": 2})
    assert nb.session.kernel.namespace["raw"].count == 2 and nb.text("c1") == repr({"_hidden": 7, "count": 2})


MESSAGING = '''
import marimo as mo

class Echo:  # anywidget's protocol without traitlets, with a comm (as ipywidgets sends through one)
    _esm = "export default {}"
    comm = None

    def __init__(self):
        self.__dict__["heard"] = []

    def trait_names(self, sync=False):
        return ["heard"]

    def send(self, content):
        self.comm.send(data={"method": "custom", "content": content})

    def _handle_custom_msg(self, content, buffers):
        self.heard.append(content)
        if content == "fail":
            raise RuntimeError("no")
        self.send({"pong": content})

echo = Echo()
w = mo.ui.anywidget(echo)
w
'''


def test_custom_messages_go_both_ways_and_run_no_cells(notebook):
    nb = notebook(MESSAGING, "w.value")
    w = nb.session.kernel.namespace["w"]
    events = nb.request("ui_message", widget=w._id, content={"ping": 1})
    assert nb.session.kernel.namespace["echo"].heard == [{"ping": 1}]
    assert {"v": 1, "type": "ui_message", "widget": w._id, "content": {"pong": {"ping": 1}}} in events
    assert nb.ran(events) == []  # a message runs no cells (as marimo)
    events = nb.request("ui_message", widget=w._id, content="fail")
    assert "a message handler raised" in nb.console("c0", "stderr") and "RuntimeError: no" in nb.console("c0", "stderr")
    assert nb.request("ui_message", widget="gone-1", content=1)[-1]["type"] == "done"  # a stale widget: nothing


def test_a_real_anywidgets_on_msg_and_send_reach_the_page(notebook):
    pytest.importorskip("anywidget")
    nb = notebook('''
import anywidget
import marimo as mo

class Echo(anywidget.AnyWidget):
    _esm = "export default {}"

raw = Echo()
raw.on_msg(lambda widget, content, buffers: widget.send({"pong": content}))
w = mo.ui.anywidget(raw)
w
''')
    w = nb.session.kernel.namespace["w"]
    events = nb.request("ui_message", widget=w._id, content=7)
    assert [e for e in events if e["type"] == "ui_message"] == [{"v": 1, "type": "ui_message", "widget": w._id, "content": {"pong": 7}}]


def test_binary_traits_travel_as_base64_and_come_back_as_bytes():
    class Picture(traitlets.HasTraits):
        _esm = "export default {}"
        data = traitlets.Bytes(b"\x00\xff").tag(sync=True)

    p = Picture()
    w = ui.anywidget(p)
    props, value = _props(f"{w}")
    assert value == {"data": {"$rivulet-bytes": "AP8="}}
    assert w.value == {"data": b"\x00\xff"}  # .value holds the bytes themselves
    w._update({"data": {"$rivulet-bytes": "AQI="}})
    assert p.data == b"\x01\x02"
    with pytest.raises(ValueError, match="bad binary data"):
        w._update({"data": {"$rivulet-bytes": "not base64!"}})
    assert p.data == b"\x01\x02"


def test_a_real_anywidgets_bytes_traits_take_the_pages_bytes():
    anywidget = pytest.importorskip("anywidget")
    from ipywidgets.widgets.trait_types import bytes_serialization

    class Picture(anywidget.AnyWidget):
        _esm = "export default {}"
        data = traitlets.Bytes(b"").tag(sync=True)
        framed = traitlets.Bytes(b"").tag(sync=True, **bytes_serialization)

    p = Picture()
    w = ui.anywidget(p)
    w._update({"data": {"$rivulet-bytes": "AQI="}, "framed": {"$rivulet-bytes": "Aw=="}})
    assert p.data == b"\x01\x02" and p.framed == b"\x03"


def test_a_cell_showing_a_bare_anywidget_shows_it_live_as_marimo_does(notebook):
    pytest.importorskip("anywidget")
    nb = notebook('''
import anywidget
import marimo as mo
import traitlets

class Counter(anywidget.AnyWidget):
    _esm = "export default { render() {} }"
    count = traitlets.Int(1).tag(sync=True)

raw = Counter()
''', "raw", "mo.hstack([raw])")
    for cell in ("c1", "c2"):
        html = nb.output(cell)["text/html"]
        assert 'data-kind="anywidget"' in html
        props, value = _props(html[html.index("<rv-ui"):])
        assert value == {"count": 1} and props["esm"] == "export default { render() {} }"
    element = next(e for e in nb.session.kernel.ui._elements.values() if getattr(e, "_owner", None) == "c1")
    other = next(e for e in nb.session.kernel.ui._elements.values() if getattr(e, "_owner", None) == "c2")
    events = nb.request("set_ui_value", widget=element._id, value={"count": 5})
    assert nb.session.kernel.namespace["raw"].count == 5
    # the other copy on the page hears of it; the one that sent it does not
    assert [(e["widget"], e["value"]) for e in events if e["type"] == "ui_value"] == [(other._id, {"count": 5})]


def test_a_real_anywidgets_commands_answer_the_modules_invoke(notebook):
    pytest.importorskip("anywidget")
    nb = notebook('''
import anywidget
from anywidget.experimental import command
import marimo as mo

class Doubler(anywidget.AnyWidget):
    _esm = "export default {}"

    @command
    def double(self, msg, buffers):
        return msg * 2, []

w = mo.ui.anywidget(Doubler())
w
''')
    w = nb.session.kernel.namespace["w"]
    call = {"id": "q1", "kind": "anywidget-command", "name": "double", "msg": 21}
    events = nb.request("ui_message", widget=w._id, content=call)
    answers = [e["content"] for e in events if e["type"] == "ui_message"]
    assert answers == [{"id": "q1", "kind": "anywidget-command-response", "response": 42}]


def test_an_esm_url_is_kept_for_the_frame_to_import():
    class Remote(traitlets.HasTraits):
        _esm = "https://esm.sh/some-widget@1?bundle"
        _css = "https://esm.sh/some-widget@1/style.css"
        n = traitlets.Int(0).tag(sync=True)

    props, _ = _props(f"{ui.anywidget(Remote())}")
    assert props["esm"] == Remote._esm and props["css"] == Remote._css
