"""Every protocol message type, with an example in tests/protocol_examples.json
(shared with the JavaScript tests; the browser worker speaks this too)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path

import pytest

from kernel_py import protocol
from kernel_py.protocol import (
    EVENT_TYPES,
    PROTOCOL_VERSION,
    REQUEST_TYPES,
    ProtocolError,
    decode_request,
    encode,
    parse_request,
)
from kernel_py.session import Session

NOTEBOOK = '''import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    x = 1
    return (x,)


@app.cell
def _(x):
    print(x + 1)
    return


if __name__ == "__main__":
    app.run()
'''

ANYWIDGET = """
import marimo as mo
class Counter:  # anywidget's protocol, duck-typed: an ES module, observable synced traits, a comm
    _esm = "export default { render() {} }"
    comm = None
    def send(self, content):
        self.comm.send(data={"method": "custom", "content": content})
    def __init__(self):
        self.__dict__["_seen"] = []
        self.__dict__["count"] = 0
    def trait_names(self, sync=False):
        return ["count"]
    def observe(self, handler, names=None):
        self._seen.append(handler)
    def __setattr__(self, name, value):
        old, self.__dict__[name] = self.__dict__.get(name), value
        for handler in self._seen:
            handler({"name": name, "old": old, "new": value, "type": "change", "owner": self})
w = mo.ui.anywidget(Counter())
"""

EXAMPLES = json.loads((Path(__file__).parent / "protocol_examples.json").read_text(encoding="utf-8"))
REQUESTS = [e["message"] for e in EXAMPLES["requests"]]
EVENTS = [e["message"] for e in EXAMPLES["events"]]


def test_every_message_type_has_an_example():
    assert EXAMPLES["version"] == PROTOCOL_VERSION
    assert {m["type"] for m in REQUESTS} == REQUEST_TYPES
    assert {m["type"] for m in EVENTS} == EVENT_TYPES


@pytest.mark.parametrize("example", EXAMPLES["requests"], ids=lambda e: e["note"])
def test_request_examples_read_as_their_typed_message(example):
    message = example["message"]
    request = parse_request(decode_request(json.dumps(message)))
    assert type(request) is protocol.REQUESTS[message["type"]]
    if example.get("legacy"):
        assert request.id is None
    else:
        assert request.id == message["id"]
        written = json.loads(encode(request.to_json()))
        assert written == {**written, **message}  # only defaults added


@pytest.mark.parametrize("example", EXAMPLES["events"], ids=lambda e: e["note"])
def test_event_examples_are_what_their_typed_message_writes(example):
    message = example["message"]
    cls = protocol.EVENTS[message["type"]]
    fields = {k: v for k, v in message.items() if k not in ("v", "type")}
    assert cls(**fields).to_json() == message
    if hasattr(cls, "json"):  # the shortcut the session sends the frequent events with
        assert json.dumps(cls.json(**fields)) == json.dumps(message)  # (in the same key order)


def _conversation(requests: list[dict]) -> list[dict]:
    events: list[dict] = []
    session = Session(events.append)
    try:
        for message in requests:
            asyncio.run(session.handle(decode_request(json.dumps(message))))
    finally:
        session.close()
    return events


def test_example_conversation_produces_every_event_type_in_the_examples_shapes():
    requests = [e["message"] for e in EXAMPLES["requests"] if not e.get("legacy")]
    requests.append({"v": 1, "type": "set_config", "id": "bad", "on_cell_change": "sometimes"})
    requests.append({"v": 1, "type": "run", "id": "aw", "cells": [  # a cell sets an anywidget's trait: ui_value
        {"id": "aw1", "code": ANYWIDGET},
        {"id": "aw2", "code": "w.widget.count = 4\nw.widget.send({'ping': 1})"},
    ]})
    events = _conversation(requests)
    assert {e["type"] for e in events} == EVENT_TYPES
    for e in events:
        assert e["v"] == 1
        json.loads(encode(e))
        known = {"v", "type"} | {f.name for f in dataclasses.fields(protocol.EVENTS[e["type"]])}
        assert set(e) <= known, e
    done = [e for e in events if e["type"] == "done"]
    handled = [r for r in requests if r["type"] != "complete"]  # a query: answered, no done
    assert [d["id"] for d in done] == [r["id"] for r in handled]
    assert [d["request"] for d in done] == [r["type"] for r in handled]
    assert [e["id"] for e in events if e["type"] == "completions"] == [r["id"] for r in requests if r["type"] == "complete"]
    replies = [e for e in events if e["type"] in ("notebook", "graph", "file", "error")]
    assert replies and all("id" in e for e in replies)
    notebook = next(e for e in events if e["type"] == "notebook")
    assert notebook["id"] == "r1" and notebook["app"] == {"width": "medium"}
    assert next(e for e in events if e["type"] == "file")["id"] == "r8"
    saved = next(e for e in events if e["type"] == "file")["text"]
    assert "def triple(x):" in saved and "x * 3" in saved
    error = [e for e in events if e["type"] == "error"][-1]
    assert "sometimes" in error["message"] and error["id"] == "bad"


def test_requests_without_an_id_still_work_and_their_events_have_none():
    legacy = [e["message"] for e in EXAMPLES["requests"] if e.get("legacy")]
    opening = {"v": 1, "type": "open", "text": NOTEBOOK}
    events = _conversation([opening, *legacy])
    assert [e["request"] for e in events if e["type"] == "done"] == ["open", "run", "set_ui_value"]
    assert not any("id" in e for e in events if e["type"] in ("done", "notebook", "graph", "file"))


def test_the_older_set_ui_value_form_still_sets_the_widget():
    events: list[dict] = []
    session = Session(events.append)
    try:
        asyncio.run(session.handle({"v": 1, "type": "run", "cells": [
            {"id": "a", "code": "import marimo as mo\ns = mo.ui.slider(0, 10)"},
            {"id": "b", "code": "s.value + 1"},
        ]}))
        (widget,) = session.kernel.ui._elements
        asyncio.run(session.handle({"v": 1, "type": "set_ui_value", "id": widget, "value": 4}))
        asyncio.run(session.handle({"v": 1, "type": "set_ui_value", "id": "q1", "widget": widget, "value": 5}))
    finally:
        session.close()
    outputs = [e["output"]["text/plain"] for e in events if e["type"] == "output" and e["cell"] == "b"]
    assert outputs == ["1", "5", "6"]
    assert [e.get("id") for e in events if e["type"] == "done"] == [None, None, "q1"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("not json", "not valid JSON"),
        ("[1]", "JSON object"),
        ('{"type": "run"}', "protocol version"),
        ('{"v": 1, "type": "explode"}', "unknown request type"),
    ],
)
def test_bad_requests_get_clear_messages(text, message):
    with pytest.raises(ProtocolError, match=message):
        decode_request(text)


def test_a_request_missing_fields_gets_an_error_event():
    events: list[dict] = []
    session = Session(events.append)
    try:
        asyncio.run(session.handle({"v": 1, "type": "open"}))
        asyncio.run(session.handle({"v": 1, "type": "run", "cells": [{"code": "1"}]}))
    finally:
        session.close()
    errors = [e["message"] for e in events if e["type"] == "error"]
    assert len(errors) == 2 and "text" in errors[0]


def test_saving_an_opened_marimo_file_gives_back_the_same_bytes():
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures" / "notebooks"
    checked = 0
    for path in sorted(fixtures.glob("*.py")):
        if path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        events: list[dict] = []
        session = Session(events.append)
        try:
            asyncio.run(session.handle({"v": 1, "type": "open", "text": text, "run": False}))
            asyncio.run(session.handle({"v": 1, "type": "save"}))
        finally:
            session.close()
        saved = next(e for e in events if e["type"] == "file")["text"]
        assert saved == text, path.name
        checked += 1
    assert checked >= 10


def _open(msg: dict) -> tuple[Session, list[dict]]:
    events: list[dict] = []
    session = Session(events.append)
    asyncio.run(session.handle({"v": 1, "type": "open", "text": NOTEBOOK, **msg}))
    return session, events


def test_open_with_cells_replaces_the_files_cells_and_keeps_their_ids():
    cells = [
        {"id": "keep", "code": "x = 40", "config": {"hide_code": True}},
        {"id": "Hbol", "code": "y = x + 2", "name": "answer"},
        {"id": "fn", "code": "def double(n):\n    return 2 * n", "kind": "function", "name": "double"},
    ]
    session, events = _open({"cells": cells, "run": False})
    try:
        notebook = next(e for e in events if e["type"] == "notebook")
        assert [(c["id"], c["name"], c["kind"]) for c in notebook["cells"]] == [
            ("keep", "_", "cell"),
            ("Hbol", "answer", "cell"),
            ("fn", "double", "function"),
        ]
        assert notebook["cells"][0]["config"]["hide_code"] is True
        assert notebook["app"] == {"width": "medium"}  # the file's app options stay
        statuses = {e["cell"]: e["status"] for e in events if e["type"] == "status"}
        assert statuses == {"keep": "stale", "Hbol": "stale", "fn": "stale"}
        assert not [e for e in events if e["type"] == "output"]
        # New cells never take a claimed id.
        assert session.ids.next() not in {"keep", "Hbol", "fn"}
        run = {"v": 1, "type": "run", "cells": [{"id": "Hbol", "code": "y = x + 2"}]}
        asyncio.run(session.handle(run))  # its stale ancestor runs first
        assert session.kernel.namespace["y"] == 42
        saved = session.file_text()
        assert 'app = marimo.App(width="medium")' in saved
        assert "def answer(x):" in saved and "@app.function" in saved
    finally:
        session.close()


def test_open_with_cells_runs_them_when_asked():
    session, events = _open({"cells": [{"id": "a", "code": "print(6 * 7)"}], "run": True})
    try:
        console = "".join(e["text"] for e in events if e["type"] == "console" and e["cell"] == "a")
        assert console == "42\n"
    finally:
        session.close()


@pytest.mark.parametrize(
    "cells, message",
    [
        ("Hbol", "must be a list"),
        ([{"id": "a", "code": "1"}, {"id": "a", "code": "2"}], "twice"),
        ([{"id": "a", "code": "1", "kind": "macro"}], "kind"),
        ([{"code": "1"}], "bad open request"),
    ],
)
def test_open_with_bad_cells_gets_an_error_event(cells, message):
    session, events = _open({"cells": cells})
    try:
        errors = [e["message"] for e in events if e["type"] == "error"]
        assert len(errors) == 1 and message in errors[0]
    finally:
        session.close()


def test_a_run_reports_the_notebooks_variables_with_their_cells():
    session, events = _open({"run": True})
    try:
        variables = [e for e in events if e["type"] == "variables"][-1]["variables"]
        x = next(v for v in variables if v["name"] == "x")
        cells = [e for e in events if e["type"] == "notebook"][-1]["cells"]
        assert x == {"name": "x", "type": "int", "preview": "1", "defined_by": cells[0]["id"], "read_by": [cells[1]["id"]]}
        asyncio.run(session.handle({"v": 1, "type": "run", "cells": [{"id": cells[0]["id"], "code": "x = 'y' * 500\n_hidden = 1"}]}))
        variables = [e for e in events if e["type"] == "variables"][-1]["variables"]
        assert [v["name"] for v in variables] == ["x"]  # _-names are cell-local
        assert variables[0]["type"] == "str" and len(variables[0]["preview"]) <= 80
    finally:
        session.close()
