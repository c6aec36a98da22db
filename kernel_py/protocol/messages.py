"""One small frozen dataclass per protocol message.

A request is read with ``parse_request`` (a JSON object -> a typed request,
or ``ProtocolError`` saying what is wrong); an event is written with its
``to_json``.  Optional fields that are ``None`` are left out of the JSON, so
old readers see the shapes they know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Union

PROTOCOL_VERSION = 1

RequestId = Union[str, int, None]
_OMIT_WHEN_NONE = ("id", "widget", "settings", "runtime")  # (also in _Message.to_json)


class ProtocolError(ValueError):
    """A message that does not follow the protocol."""


def event(type_: str, **fields_: Any) -> dict[str, Any]:
    """Build an event message from its fields (``None`` ids left out)."""
    message: dict[str, Any] = {"v": PROTOCOL_VERSION, "type": type_}
    for key, value in fields_.items():
        if value is not None or key not in _OMIT_WHEN_NONE:
            message[key] = value
    return message


class _Message:
    TYPE: ClassVar[str]

    def to_json(self) -> dict[str, Any]:
        # a dataclass instance's __dict__ holds exactly its fields, in order (TYPE is a ClassVar);
        # as ``event`` does, without a call per field: several events go out per cell run
        message = {"v": PROTOCOL_VERSION, "type": self.TYPE, **self.__dict__}
        for key in _OMIT_WHEN_NONE:
            if message.get(key, 0) is None:
                del message[key]
        return message


# -- requests (shell -> kernel) -----------------------------------------------------


@dataclass(frozen=True)
class Open(_Message):
    TYPE: ClassVar[str] = "open"
    text: str
    run: bool = True
    cells: tuple[dict[str, Any], ...] | None = None  # the cells on screen, after a restart
    id: RequestId = None


@dataclass(frozen=True)
class Run(_Message):
    TYPE: ClassVar[str] = "run"
    cells: tuple[dict[str, Any], ...] = ()  # [{id, code}]; empty: run the stale cells
    id: RequestId = None


@dataclass(frozen=True)
class SetCells(_Message):
    TYPE: ClassVar[str] = "set_cells"
    cells: tuple[dict[str, Any], ...]  # [{id, code, name?, config?}], the whole notebook
    id: RequestId = None


@dataclass(frozen=True)
class SetUiValue(_Message):
    TYPE: ClassVar[str] = "set_ui_value"
    widget: str
    value: Any = None
    id: RequestId = None


@dataclass(frozen=True)
class UiMessage(_Message):
    """A widget's front end sent its Python side a message (anywidget's ``model.send``); no cells run."""

    TYPE: ClassVar[str] = "ui_message"
    widget: str
    content: Any = None
    id: RequestId = None


@dataclass(frozen=True)
class SetConfig(_Message):
    """``on_cell_change`` alone: the kernel's mode for now. ``settings``: the
    notebook's own settings (width, app_title, on_cell_change, auto_instantiate),
    written into its file and applied."""

    TYPE: ClassVar[str] = "set_config"
    on_cell_change: str | None = None
    settings: dict[str, Any] | None = None
    id: RequestId = None


@dataclass(frozen=True)
class Save(_Message):
    TYPE: ClassVar[str] = "save"
    id: RequestId = None


@dataclass(frozen=True)
class Packages(_Message):
    TYPE: ClassVar[str] = "packages"
    action: str = "list"  # list | add | remove
    name: str | None = None  # a PEP 508 requirement (add) or a distribution name (remove)
    id: RequestId = None


@dataclass(frozen=True)
class Complete(_Message):
    """A query about code at a cursor; answered by one ``completions`` event, no ``done``."""

    TYPE: ClassVar[str] = "complete"
    code: str
    line: int  # 1-based
    column: int  # 0-based, in code points
    want: str = "completions"  # completions | signature | hover
    id: RequestId = None


WANTS = ("completions", "signature", "hover")
Request = Union[Open, Run, SetCells, SetUiValue, UiMessage, SetConfig, Save, Packages, Complete]
REQUESTS: dict[str, type] = {
    c.TYPE: c for c in (Open, Run, SetCells, SetUiValue, UiMessage, SetConfig, Save, Packages, Complete)
}


def _cells(msg: dict[str, Any], what: str, required: bool) -> tuple[dict[str, Any], ...] | None:
    items = msg.get("cells")
    if items is None:
        if required:
            raise ProtocolError(f"{what} needs 'cells', a list of {{id, code, name?, config?}}")
        return None
    if not isinstance(items, list):
        raise ProtocolError(f"{what}'s 'cells' must be a list of {{id, code, name?, config?}}")
    return tuple(items)


def parse_request(msg: dict[str, Any]) -> Request:
    """A request object (already JSON-decoded) -> its typed form."""
    kind = msg.get("type")
    request_id = msg.get("id")
    if kind == "set_ui_value":
        if "widget" in msg:
            widget = msg["widget"]
        elif "id" in msg:  # the older form: the widget's id in "id", no request id
            widget, request_id = msg["id"], None
        else:
            raise ProtocolError("set_ui_value needs 'widget', the widget's id")
        _check_id(request_id)
        return SetUiValue(str(widget), msg.get("value"), request_id)
    _check_id(request_id)
    if kind == "open":
        text = msg.get("text")
        if not isinstance(text, str):
            raise ProtocolError("open needs 'text', the notebook file as a string")
        return Open(text, bool(msg.get("run", True)), _cells(msg, "open", False), request_id)
    if kind == "run":
        return Run(_cells(msg, "run", False) or (), request_id)
    if kind == "set_cells":
        return SetCells(_cells(msg, "set_cells", True) or (), request_id)
    if kind == "set_config":
        settings = msg.get("settings")
        if settings is not None and not isinstance(settings, dict):
            raise ProtocolError("set_config's 'settings' must be an object")
        if settings is None and "on_cell_change" not in msg:
            raise ProtocolError("set_config needs 'on_cell_change' or 'settings'")
        return SetConfig(msg.get("on_cell_change"), settings, request_id)
    if kind == "save":
        return Save(request_id)
    if kind == "ui_message":
        if not isinstance(msg.get("widget"), str):
            raise ProtocolError("ui_message needs 'widget', the widget's id")
        return UiMessage(msg["widget"], msg.get("content"), request_id)
    if kind == "packages":
        action, name = msg.get("action", "list"), msg.get("name")
        if action not in ("list", "add", "remove"):
            raise ProtocolError(f"packages' 'action' must be 'list', 'add' or 'remove', not {action!r}")
        if action != "list" and not (isinstance(name, str) and name.strip()):
            raise ProtocolError(f"packages {action} needs 'name', a package name")
        return Packages(action, name.strip() if isinstance(name, str) else None, request_id)
    if kind == "complete":
        return _complete(msg, request_id)
    raise ProtocolError(f"unknown request type {kind!r}")


def _complete(msg: dict[str, Any], request_id: RequestId) -> Complete:
    code, line, column, want = msg.get("code"), msg.get("line"), msg.get("column", 0), msg.get("want", "completions")
    if not isinstance(code, str):
        raise ProtocolError("complete needs 'code', the cell's code as a string")
    for name, value in (("line", line), ("column", column)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ProtocolError(f"complete's {name!r} must be a number >= 0, not {value!r}")
    if want not in WANTS:
        raise ProtocolError(f"complete's 'want' must be one of {', '.join(WANTS)}, not {want!r}")
    return Complete(code, line, column, want, request_id)


def _check_id(request_id: Any) -> None:
    if request_id is not None and (isinstance(request_id, bool) or not isinstance(request_id, (str, int))):
        raise ProtocolError(f"a request's 'id' must be a string or a number, not {request_id!r}")


# -- events (kernel -> shell) --------------------------------------------------------


@dataclass(frozen=True)
class NotebookEvent(_Message):
    TYPE: ClassVar[str] = "notebook"
    cells: list[dict[str, Any]]  # [{id, name, code, config, kind}]
    app: dict[str, Any]
    problems: list[dict[str, Any]]  # [{line, message}]
    id: RequestId = None
    runtime: dict[str, Any] | None = None  # the file's {on_cell_change, auto_instantiate}


@dataclass(frozen=True)
class Status(_Message):
    TYPE: ClassVar[str] = "status"
    cell: str
    status: str  # queued | running | idle | stale | error | disabled

    @staticmethod
    def json(cell: str, status: str) -> dict[str, Any]:
        """``Status(cell, status).to_json()`` without the instance: three go out per cell run."""
        return {"v": PROTOCOL_VERSION, "type": "status", "cell": cell, "status": status}


@dataclass(frozen=True)
class Output(_Message):
    TYPE: ClassVar[str] = "output"
    cell: str
    output: dict[str, str] | None
    error: dict[str, Any] | None  # {kind, message, names, cells, line, traceback?}
    run: str  # ok | error | skipped | running

    @staticmethod
    def json(cell: str, output: dict[str, str] | None, error: dict[str, Any] | None, run: str) -> dict[str, Any]:
        """``Output(...).to_json()`` without the instance: one goes out per cell run."""
        return {"v": PROTOCOL_VERSION, "type": "output", "cell": cell, "output": output, "error": error, "run": run}


@dataclass(frozen=True)
class Console(_Message):
    TYPE: ClassVar[str] = "console"
    cell: str
    stream: str  # stdout | stderr
    text: str


@dataclass(frozen=True)
class GraphEvent(_Message):
    TYPE: ClassVar[str] = "graph"
    cells: list[dict[str, Any]]  # [{id, defs, refs, errors}]
    id: RequestId = None


@dataclass(frozen=True)
class File(_Message):
    TYPE: ClassVar[str] = "file"
    text: str
    id: RequestId = None


@dataclass(frozen=True)
class Error(_Message):
    TYPE: ClassVar[str] = "error"
    message: str
    widget: str | None = None  # a widget value that was refused
    settings: dict[str, Any] | None = None  # a refused settings change: the file's settings, unchanged
    id: RequestId = None


@dataclass(frozen=True)
class Done(_Message):
    TYPE: ClassVar[str] = "done"
    request: str | None
    id: RequestId = None


@dataclass(frozen=True)
class PackagesEvent(_Message):
    TYPE: ClassVar[str] = "packages"
    installed: list[dict[str, str]]  # [{name, version}], sorted by name
    dependencies: list[str]  # the notebook's PEP 723 dependencies
    error: str | None = None  # why an add or remove failed
    id: RequestId = None


@dataclass(frozen=True)
class VariablesEvent(_Message):
    TYPE: ClassVar[str] = "variables"
    variables: list[dict[str, Any]]  # [{name, type, preview, defined_by, read_by}], sorted by name
    id: RequestId = None


@dataclass(frozen=True)
class Completions(_Message):
    TYPE: ClassVar[str] = "completions"
    want: str  # what the ``complete`` request asked
    items: list[dict[str, str]]  # [{name, kind, detail?}]
    prefix: int  # characters before the cursor that an item replaces
    signature: dict[str, Any] | None  # {label, params, active, doc}
    doc: str | None  # hover text (plain text)
    source: str  # jedi | fallback
    id: RequestId = None


@dataclass(frozen=True)
class UiValue(_Message):
    """A widget's state changed in Python (an anywidget's traits): the page updates its copy."""

    TYPE: ClassVar[str] = "ui_value"
    widget: str
    value: dict[str, Any]  # the changed part of the widget's state, by name


@dataclass(frozen=True)
class UiMessageEvent(_Message):
    """Python sent a widget's front end a message (an anywidget's ``send``: its ``msg:custom``)."""

    TYPE: ClassVar[str] = "ui_message"
    widget: str
    content: Any


Event = Union[
    NotebookEvent, Status, Output, Console, GraphEvent, File, Error, Done, PackagesEvent, VariablesEvent, Completions,
    UiValue, UiMessageEvent,
]
EVENTS: dict[str, type] = {
    c.TYPE: c
    for c in (
        NotebookEvent, Status, Output, Console, GraphEvent, File, Error, Done, PackagesEvent, VariablesEvent,
        Completions, UiValue, UiMessageEvent,
    )
}
