"""Every protocol message type, with an example (the browser worker speaks this too)."""

from __future__ import annotations

import asyncio
import json

import pytest

from kernel_py.protocol import EVENT_TYPES, REQUEST_TYPES, ProtocolError, decode_request, encode
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

REQUEST_EXAMPLES = {
    "open": {
        "v": 1,
        "type": "open",
        "text": NOTEBOOK,
        "run": True,
        "cells": [  # optional: the cells on screen replace the file's (after a kernel restart)
            {"id": "Hbol", "code": "x = 1"},
            {"id": "MJUe", "code": "print(x + 1)", "name": "show", "config": {"hide_code": False}},
        ],
    },
    "run": {"v": 1, "type": "run", "cells": [{"id": "Hbol", "code": "x = 2"}]},
    "set_cells": {
        "v": 1,
        "type": "set_cells",
        "cells": [
            {"id": "Hbol", "code": "x = 2"},
            {"id": "MJUe", "code": "print(x + 1)"},
            {"id": "new1", "code": "x * 3", "name": "triple", "config": {"hide_code": True}},
        ],
    },
    "set_ui_value": {"v": 1, "type": "set_ui_value", "id": "Hbol-1", "value": 3},
    "set_config": {"v": 1, "type": "set_config", "on_cell_change": "lazy"},
    "save": {"v": 1, "type": "save"},
}


def test_every_request_type_has_an_example():
    assert set(REQUEST_EXAMPLES) == REQUEST_TYPES


def test_example_conversation_produces_every_event_type():
    events: list[dict] = []
    session = Session(events.append)
    try:
        for name in ["open", "run", "set_cells", "set_ui_value", "set_config", "save"]:
            text = json.dumps(REQUEST_EXAMPLES[name])
            asyncio.run(session.handle(decode_request(text)))
        asyncio.run(session.handle({"v": 1, "type": "set_config", "on_cell_change": "sometimes"}))
    finally:
        session.close()
    seen = {e["type"] for e in events}
    assert seen == EVENT_TYPES
    for e in events:
        assert e["v"] == 1
        json.loads(encode(e))
    notebook = next(e for e in events if e["type"] == "notebook")
    assert [c["id"] for c in notebook["cells"]] == ["Hbol", "MJUe"]
    assert notebook["app"] == {"width": "medium"}
    console = [e["text"] for e in events if e["type"] == "console"]
    assert console[:2] == ["2", "\n"] and "3" in console
    saved = next(e for e in events if e["type"] == "file")["text"]
    assert "def triple(x):" in saved and "x * 3" in saved
    error = next(e for e in events if e["type"] == "error")
    assert "sometimes" in error["message"]


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
