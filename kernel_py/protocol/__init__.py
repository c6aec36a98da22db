"""The JSON message protocol between a notebook view (shell) and the kernel.

Every message is a JSON object with ``"v": PROTOCOL_VERSION`` and a ``"type"``.
The same protocol is spoken by the browser worker and by the CLI session.
Each message is one frozen dataclass in ``messages``; tests/protocol_examples.json
holds an example of each, read by the Python and the JavaScript tests.

Every request may carry an ``"id"`` (a string or a number); the kernel echoes
it in the request's ``done`` event and in its replies (``notebook``, ``graph``,
``file``, ``error``).  Requests without one still work (their events have no
``id``).  ``set_ui_value`` names its widget ``"widget"``; the older form, with
the widget id in ``"id"`` and no ``"widget"``, is still read.

Requests (shell -> kernel)
--------------------------
``open``          {"text": "<notebook file text>", "run": true,
                   "cells"?: [{"id", "code", "name"?, "config"?, "kind"?}, ...]}
                  Load a notebook file; reply with ``notebook``; run all cells
                  when ``run`` (default true) unless, in the editor, the
                  file's ``[tool.marimo.runtime] auto_instantiate = false``
                  says not to; else mark them stale.  The file's
                  ``on_cell_change`` becomes the kernel's mode.  ``cells``, when given, replaces the
                  file's cells (the file still gives the header and app
                  options) and keeps their ids: the shell reopens what is on
                  screen after a kernel restart.  ``kind`` is the ``kind`` of
                  the ``notebook`` event (default: ``"cell"``).
``run``           {"cells": [{"id": "Hbol", "code": "x = 1"}, ...]}
                  Set these cells' code (creating cells that are new) and run
                  them with their descendants.  An empty list runs stale cells.
``set_cells``     {"cells": [{"id", "code", "name"?, "config"?}, ...]}
                  The full ordered list of cells: adds, deletes, moves and
                  edits cells without running them (deleted cells' defs are
                  removed and their readers re-run or go stale).
``set_ui_value``  {"widget": "<widget id>", "value": <json>}
                  A widget changed in the front end.
``ui_message``    {"widget": "<widget id>", "content": <json>}
                  A widget's front end sent its Python side a message
                  (anywidget's ``model.send``); no cells run.
``set_config``    {"on_cell_change": "autorun" | "lazy"}: the kernel's mode, for now;
                  or {"settings": {"width"?, "app_title"?, "on_cell_change"?,
                  "auto_instantiate"?}}: the notebook's own settings, written
                  into its file (``marimo.App(...)``, the PEP 723 header's
                  ``[tool.marimo.runtime]``) and applied; an ``error`` reply,
                  and nothing changed, for a bad value or a header it cannot
                  edit safely: that reply carries ``settings``, the file's
                  settings as they still are, for the page to show again.
``save``          {}  -> reply with ``file``.
``packages``      {"action": "list" | "add" | "remove", "name"?: "attrs==25.1.0"}
                  List the installed packages, or install one (recorded in the
                  file's PEP 723 ``# /// script`` dependencies) or remove one
                  (dropped from them); reply with ``packages``.
``complete``      {"code": "<the cell's code>", "line": 1, "column": 7,
                   "want": "completions" | "signature" | "hover"}
                  A query about the code at a cursor (1-based line, 0-based
                  column in code points), answered from the live namespace by
                  one ``completions`` event and no ``done``: the browser
                  worker answers it at once, even while a cell runs (when the
                  run awaits or sleeps).

Events (kernel -> shell)
------------------------
``notebook``  {"cells": [{"id", "name", "code", "config", "kind"}], "app": {...},
               "problems": [{"line", "message"}],
               "runtime": {"on_cell_change", "auto_instantiate"}}
``status``    {"cell": id, "status": "queued"|"running"|"idle"|"stale"|"error"|"disabled"}
``output``    {"cell": id, "output": {"mime": bundle} | null,
               "error": null | {"kind", "message", "names", "cells", "line",
                                "traceback"?},
               "run": "ok"|"error"|"skipped"}
``console``   {"cell": id, "stream": "stdout"|"stderr", "text": "..."}
``graph``     {"cells": [{"id", "defs", "refs", "errors"}]}
``file``      {"text": "<notebook file text>"}
``error``     {"message": "...", "widget"?, "settings"?}   (a request that could not be handled;
              ``settings``: a refused ``set_config {settings}``, the file's
              {"width", "app_title", "on_cell_change", "auto_instantiate"}, unchanged)
``packages``  {"installed": [{"name", "version"}], "dependencies": ["attrs==25.1.0", ...],
               "error": null | "why the add or remove failed"}
``variables`` {"variables": [{"name", "type", "preview", "defined_by": id | null,
              "read_by": [ids]}]}   (the notebook's globals, after a request that ran cells)
``completions`` {"want", "items": [{"name", "kind", "detail"?}], "prefix": 2,
               "signature": null | {"label", "params": [...], "active": int | null, "doc"},
               "doc": null | "hover text", "source": "jedi" | "fallback"}
              (the answer to a ``complete``; ``prefix`` characters before the
              cursor are what an item replaces; docs are plain text)
``ui_value``  {"widget": "<widget id>", "value": {"<trait>": <json>, ...}}   (a widget's
              state changed in Python, e.g. an anywidget's trait set by another cell:
              the page's copy takes these values; sent while the cell runs)
``ui_message`` {"widget": "<widget id>", "content": <json>}   (Python sent a widget's
              front end a message: an anywidget's ``send``, its module's ``msg:custom``)
``done``      {"request": "<request type>", "id"?}   (the kernel finished a request,
              including the runs it caused; the front end paces widget values
              by it)
"""

from __future__ import annotations

import json
from typing import Any

from .messages import (
    EVENTS,
    PROTOCOL_VERSION,
    REQUESTS,
    Complete,
    Completions,
    Console,
    Done,
    Error,
    Event,
    File,
    GraphEvent,
    NotebookEvent,
    Open,
    Output,
    Packages,
    PackagesEvent,
    ProtocolError,
    Request,
    Run,
    Save,
    SetCells,
    SetConfig,
    SetUiValue,
    Status,
    UiMessage,
    UiMessageEvent,
    UiValue,
    VariablesEvent,
    event,
    parse_request,
)

REQUEST_TYPES = frozenset(REQUESTS)
EVENT_TYPES = frozenset(EVENTS)

__all__ = [
    "EVENTS",
    "EVENT_TYPES",
    "PROTOCOL_VERSION",
    "REQUESTS",
    "REQUEST_TYPES",
    "Complete",
    "Completions",
    "Console",
    "Done",
    "Error",
    "Event",
    "File",
    "GraphEvent",
    "NotebookEvent",
    "Open",
    "Output",
    "Packages",
    "PackagesEvent",
    "ProtocolError",
    "Request",
    "Run",
    "Save",
    "SetCells",
    "SetConfig",
    "SetUiValue",
    "Status",
    "UiMessage",
    "UiMessageEvent",
    "UiValue",
    "VariablesEvent",
    "decode_request",
    "encode",
    "event",
    "parse_request",
]


def decode_request(text: str) -> dict[str, Any]:
    """Parse and validate a request; raise ProtocolError with a clear message."""
    try:
        msg = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProtocolError(f"request is not valid JSON: {exc}") from None
    if not isinstance(msg, dict):
        raise ProtocolError("request must be a JSON object")
    if msg.get("v") != PROTOCOL_VERSION:
        raise ProtocolError(
            f"unsupported protocol version {msg.get('v')!r} (this kernel speaks {PROTOCOL_VERSION})"
        )
    if msg.get("type") not in REQUEST_TYPES:
        raise ProtocolError(f"unknown request type {msg.get('type')!r}")
    return msg


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=repr)  # (one, not one per event)


def encode(msg: dict[str, Any]) -> str:
    """One event as JSON text, on one line (newlines in strings are escaped)."""
    return _ENCODER.encode(msg)
