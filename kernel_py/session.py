"""Wiring only: protocol requests in, protocol events out.

The same session runs in the browser worker (``worker_entry``) and in the
CLI (``rivulet run``).  Requests are handled one at a time, in order.
"""

from __future__ import annotations

import ast
import re
import reprlib
import sys
from dataclasses import replace
from typing import Any, Awaitable, Callable, ClassVar, Protocol

from . import mo
from .notebook.cell_ids import CellIds
from .display import Bundle
from .core.completion import Completer
from .core.errors import CellError, to_json
from .core.kernel import Cell, Kernel
from .notebook import requirements
from .notebook.settings import SettingsError, apply_settings, read_settings
from .notebook.file_format import CellConfig, CellSource, Notebook, parse_notebook, write_notebook
from .protocol import (
    Complete,
    Completions,
    Console,
    Done,
    Error,
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
    parse_request,
)

Emit = Callable[[dict[str, Any]], None]


class _MarimoAlias:
    """``import marimo`` inside a notebook gives Rivulet's API while any
    session is open; the last one to close puts back what was there."""

    users = 0
    saved: Any = None

    @classmethod
    def open(cls) -> None:
        if cls.users == 0:
            cls.saved = sys.modules.get("marimo")
        sys.modules["marimo"] = mo
        cls.users += 1

    @classmethod
    def close(cls) -> None:
        cls.users -= 1
        if cls.users > 0:
            return
        if sys.modules.get("marimo") is mo:
            if cls.saved is None:
                del sys.modules["marimo"]
            else:
                sys.modules["marimo"] = cls.saved
        cls.saved = None


def _config_json(config: dict[str, Any]) -> dict[str, Any]:
    return {
        "hide_code": bool(config.get("hide_code", False)),
        "disabled": bool(config.get("disabled", False)),
        "column": config.get("column"),
        "expand_output": bool(config.get("expand_output", False)),
    }


_DEFAULT_CONFIG = _config_json({})


def _app_options(notebook: Notebook) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for key, source in notebook.app_options:
        try:
            options[key] = ast.literal_eval(source)
        except (ValueError, SyntaxError):
            options[key] = source
    return options


class Session:
    def __init__(
        self,
        emit: Emit,
        *,
        mode: str = "edit",
        query_params: dict[str, Any] | None = None,
        capture_console: bool = True,
        packages: PackageManager | None = None,
    ) -> None:
        self.emit = emit
        self.packages = packages
        self.kernel = Kernel(self, capture_console=capture_console)
        self.kernel.meta = {"mode": mode, "query_params": dict(query_params or {})}
        self.ids = CellIds()
        self.notebook = Notebook(cells=())
        self._kinds: dict[str, str] = {}
        self._closed = False
        self._request_id: str | int | None = None  # echoed by the replies to a request
        self.completer = Completer()  # jedi once something calls completer.use_jedi()
        _MarimoAlias.open()

    def close(self) -> None:
        """Undo everything this session changed in the process (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.kernel.close()
        _MarimoAlias.close()

    # -- requests ----------------------------------------------------------
    async def handle(self, msg: dict[str, Any] | Request) -> None:
        """Handle one request (a JSON object or a typed request); always ends
        with a ``done`` event carrying the request's id (``complete``, a
        query, only gets its ``completions``)."""
        kind = msg.get("type") if isinstance(msg, dict) else msg.TYPE
        if kind == "complete":
            self.emit(self.complete(msg))
            return
        raw_id = msg.get("id") if isinstance(msg, dict) and kind != "set_ui_value" else None
        self._request_id = raw_id if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else None
        try:
            request = parse_request(msg) if isinstance(msg, dict) else msg
            self._request_id = request.id
            handler = self._HANDLERS[type(request)]
            await handler(self, request)
            if isinstance(request, (Open, Run, SetCells, SetUiValue)):
                self.emit_variables()
        except ProtocolError as exc:
            self._reply(Error(str(exc)))
        except (KeyError, TypeError, ValueError) as exc:
            self._reply(Error(f"bad {kind} request: {exc!r}"))
        finally:
            self.emit(Done(request=kind if isinstance(kind, str) else None, id=self._request_id).to_json())
            self._request_id = None

    def complete(self, msg: dict[str, Any] | Complete) -> dict[str, Any]:
        """Answer a ``complete`` request from the live namespace (a ``completions``
        event, or an ``error`` for a malformed one). Safe to call while a cell runs:
        it only reads the namespace."""
        request_id = msg.get("id") if isinstance(msg, dict) else msg.id
        try:
            request = parse_request(msg) if isinstance(msg, dict) else msg
            if not isinstance(request, Complete):
                raise ProtocolError("not a complete request")
            answer = self.completer.answer(
                request.want, request.code, request.line, request.column, self.kernel.namespace
            )
        except ProtocolError as exc:
            ok_id = isinstance(request_id, (str, int)) and not isinstance(request_id, bool)
            return Error(str(exc), id=request_id if ok_id else None).to_json()
        return Completions(**answer.to_json(), id=request.id).to_json()

    def _reply(self, reply: NotebookEvent | GraphEvent | File | Error) -> None:
        """An event answering the current request: it carries the request's id."""
        self.emit(replace(reply, id=self._request_id).to_json())

    async def _on_open(self, request: Open) -> None:
        notebook, ids = parse_notebook(request.text), None
        if request.cells is not None:
            notebook, ids = _with_cells(notebook, list(request.cells))
        self.load(notebook, ids)
        settings = read_settings(notebook)
        self.kernel.on_cell_change = settings.on_cell_change
        # the file may say not to run on open; the app view and `rivulet run` always run
        if request.run and (settings.auto_instantiate or self.kernel.meta["mode"] != "edit"):
            await self.kernel.run_all()
        else:
            self.kernel.mark_stale(self.kernel.cells)

    def load(self, notebook: Notebook, ids: list[str] | None = None) -> None:
        """Replace the notebook (without running it) and announce it.

        ``ids``, one per cell, keeps ids the front end already shows;
        otherwise cells get fresh ids in marimo's order.
        """
        self.notebook = notebook
        self.ids = CellIds()
        for cell_id in ids or ():
            self.ids.claim(cell_id)
        cells = []
        for index, source in enumerate(notebook.cells):
            if ids is not None:
                cell_id = ids[index]
            else:
                cell_id = "setup" if source.kind == "setup" else self.ids.next()
            self._kinds[cell_id] = source.kind
            cells.append(
                Cell(cell_id, source.code, source.name, _config_from(source.config), source.kind)
            )
        self.kernel.reset()
        self.kernel.set_cells(cells)
        self._reply(
            NotebookEvent(
                cells=[self._cell_json(c) for c in self.kernel.cells.values()],
                app=_app_options(notebook),
                problems=[{"line": p.lineno, "message": p.message} for p in notebook.problems],
                runtime=read_settings(notebook).runtime_json(),
            )
        )
        self.emit_graph(self.kernel.cells)

    async def _on_run(self, request: Run) -> None:
        codes: dict[str, str] = {}
        for item in request.cells:
            cell_id, code = str(item["id"]), str(item["code"])
            if cell_id not in self.kernel.cells:
                self._append_cell(cell_id, code)
            codes[cell_id] = code
        if not codes:  # an empty list catches up the stale cells
            codes = {cid: c.code for cid, c in self.kernel.cells.items() if c.status == "stale"}
        await self.kernel.run(codes, codes)
        self.emit_graph(codes)

    def _append_cell(self, cell_id: str, code: str) -> None:
        self.ids.claim(cell_id)
        cells = list(self.kernel.cells.values()) + [Cell(cell_id, code)]
        self.kernel.set_cells(cells)

    async def _on_set_cells(self, request: SetCells) -> None:
        cells = []
        for item in request.cells:
            cell_id = str(item["id"])
            self.ids.claim(cell_id)
            old = self.kernel.cells.get(cell_id)
            config = item.get("config")
            cells.append(
                Cell(
                    cell_id,
                    str(item.get("code", old.code if old else "")),
                    str(item.get("name", old.name if old else "_")),
                    _config_json(config) if config is not None else (old.config if old else dict(_DEFAULT_CONFIG)),
                    old.kind if old else "cell",
                )
            )
        readers = self.kernel.set_cells(cells)
        if self.kernel.on_cell_change == "lazy":
            self.kernel.mark_stale(readers)
            await self.kernel.flush_requests()
        else:
            await self.kernel.run(readers)

    async def _on_set_ui_value(self, request: SetUiValue) -> None:
        element_id = request.widget
        try:
            await self.kernel.set_ui_value(element_id, request.value)
        except ValueError as exc:
            element = self.kernel.ui.get(element_id)
            name = element._describe() if element is not None else f"widget {element_id}"
            self._reply(Error(f"{name}: {exc}", widget=element_id))

    async def _on_ui_message(self, request: UiMessage) -> None:
        await self.kernel.ui_message(request.widget, request.content)

    async def _on_set_config(self, request: SetConfig) -> None:
        if request.settings is not None:
            try:
                self.notebook = apply_settings(self.notebook, request.settings)
            except SettingsError as exc:  # nothing changed: the page goes back to the file's settings
                self._reply(Error(str(exc), settings=read_settings(self.notebook).to_json()))
                return
            self.kernel.on_cell_change = read_settings(self.notebook).on_cell_change
        mode = request.on_cell_change
        if mode is None and request.settings is not None:
            return
        if mode not in ("autorun", "lazy"):
            raise ProtocolError(f"on_cell_change must be 'autorun' or 'lazy', not {mode!r}")
        self.kernel.on_cell_change = mode

    async def _on_packages(self, request: Packages) -> None:
        error = None
        if request.action != "list":
            name = request.name or ""
            if not _REQUIREMENT.match(name):
                error = f"'{name[:80]}' is not a package name (e.g. attrs, or attrs==25.1.0)"
            elif request.action == "remove" and requirements.canonical(name) in requirements.PROVIDED_DISTRIBUTIONS:
                error = f"'{name}' is part of the notebook's kernel: it cannot be removed"
            elif self.packages is None:
                error = "installing packages is only possible in the browser (use pip or uv here)"
            elif request.action == "add":
                why = await self.packages.add(name)
                error = f"Could not install '{name}': {why}" if why else None
                if why is None:
                    self._set_header(requirements.add_dependency(self.notebook.header, name))
            else:
                why = await self.packages.remove(name)
                error = f"Could not remove '{name}': {why}" if why else None
                self._set_header(requirements.remove_dependency(self.notebook.header, name))
        installed = self.packages.installed() if self.packages is not None else requirements.installed_distributions()
        self._reply(PackagesEvent(installed, requirements.script_dependencies(self.notebook.header), error))

    def _set_header(self, header: str) -> None:
        self.notebook = replace(self.notebook, header=header)

    async def _on_save(self, request: Save) -> None:
        self._reply(File(self.file_text()))

    def file_text(self) -> str:
        return write_notebook(self.current_notebook())

    def current_notebook(self) -> Notebook:
        sources = []
        for cell in self.kernel.cells.values():
            kind = cell.kind
            if kind in ("cell", "unparsable"):
                kind = "unparsable" if _unparsable(cell.code) else "cell"
            config = CellConfig(
                hide_code=bool(cell.config.get("hide_code")),
                disabled=bool(cell.config.get("disabled")),
                column=cell.config.get("column"),
                expand_output=bool(cell.config.get("expand_output")),
            )
            sources.append(CellSource(code=cell.code, name=cell.name, config=config, kind=kind))
        return Notebook(
            cells=tuple(sources),
            app_options=self.notebook.app_options,
            generated_with=self.notebook.generated_with,
            header=self.notebook.header,
            newline=self.notebook.newline,  # a CRLF file is saved with CRLF
            bom=self.notebook.bom,
        )

    # -- observer (kernel -> events) ------------------------------------------
    def on_status(self, cell_id: str, status: str) -> None:
        self.emit(Status.json(cell_id, status))

    def on_output(
        self, cell_id: str, output: Bundle | None, error: CellError | None, run: str
    ) -> None:
        error_json = to_json(error, self.label) if error is not None else None
        self.emit(Output.json(cell_id, output, error_json, run))

    def on_console(self, cell_id: str, stream: str, text: str) -> None:
        self.emit(Console(cell_id, stream, text).to_json())

    def on_ui_value(self, element_id: str, value: dict[str, Any]) -> None:
        self.emit(UiValue(element_id, value).to_json())

    def on_ui_message(self, element_id: str, content: Any) -> None:
        self.emit(UiMessageEvent(element_id, content).to_json())

    def label(self, cell_id: str) -> str:
        """How messages name a cell: by name when it has one."""
        cell = self.kernel.cells.get(cell_id)
        return cell.label if cell is not None else f"cell {cell_id}"

    def emit_graph(self, cell_ids: Any) -> None:
        topology = self.kernel.topology
        cells = []
        for cell_id in cell_ids:
            if cell_id not in topology:
                continue
            analysis = topology.analysis(cell_id)
            error = topology.static_error(cell_id)
            cells.append(
                {
                    "id": cell_id,
                    "defs": sorted(analysis.defs),
                    "refs": sorted(analysis.refs),
                    "errors": [to_json(error, self.label)] if error is not None else [],
                }
            )
        self._reply(GraphEvent(cells))

    def emit_variables(self) -> None:
        """The notebook's globals for the variables panel: type, a short preview, the
        cell defining each and the cells reading it (names starting with _ are cell-local)."""
        analyses = self.kernel.topology.analyses
        defined_by: dict[str, str] = {}
        read_by: dict[str, list[str]] = {}
        for cell_id in self.kernel.cells:
            analysis = analyses.get(cell_id)
            if analysis is None:
                continue
            for name in analysis.defs:
                defined_by.setdefault(name, cell_id)
            for name in analysis.refs:
                read_by.setdefault(name, []).append(cell_id)
        variables = [
            {
                "name": name,
                "type": type(value).__name__,
                "preview": _preview(value),
                "defined_by": defined_by.get(name),
                "read_by": read_by.get(name, []),
            }
            for name, value in sorted(self.kernel.namespace.items())
            if not name.startswith("_")
        ]
        self.emit(VariablesEvent(variables).to_json())

    def _cell_json(self, cell: Cell) -> dict[str, Any]:
        return {
            "id": cell.id,
            "name": cell.name,
            "code": cell.code,
            "config": _config_json(cell.config),
            "kind": cell.kind,
        }


    _HANDLERS: ClassVar[dict[type, Callable[..., Awaitable[None]]]] = {
        Open: _on_open,
        Run: _on_run,
        SetCells: _on_set_cells,
        SetUiValue: _on_set_ui_value,
        UiMessage: _on_ui_message,
        SetConfig: _on_set_config,
        Save: _on_save,
        Packages: _on_packages,
    }

class PackageManager(Protocol):
    """What installs packages (the browser's installer); without one, packages are only listed."""

    def installed(self) -> list[dict[str, str]]: ...

    async def add(self, requirement: str) -> str | None: ...  # None, or why it failed

    async def remove(self, name: str) -> str | None: ...


_REQUIREMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._, -]*\])?\s*([<>=!~]=?\s*[A-Za-z0-9.*+!-]+\s*,?\s*)*$")
_KINDS = frozenset({"cell", "setup", "function", "class", "unparsable"})


def _with_cells(notebook: Notebook, items: Any) -> tuple[Notebook, list[str]]:
    """The file's header and app options with these cells (``open``'s ``cells``)."""
    if not isinstance(items, list):
        raise ProtocolError("open's 'cells' must be a list of {id, code, name?, config?}")
    sources, ids = [], []
    for item in items:
        cell_id, code = str(item["id"]), str(item.get("code", ""))
        if cell_id in ids:
            raise ProtocolError(f"open's 'cells' has the id {cell_id!r} twice")
        kind = item.get("kind") or ("setup" if cell_id == "setup" else "cell")
        if kind not in _KINDS:
            raise ProtocolError(f"unknown cell kind {kind!r}")
        if kind in ("cell", "unparsable"):
            kind = "unparsable" if _unparsable(code) else "cell"
        config = _config_json(item.get("config") or {})
        sources.append(
            CellSource(code=code, name=str(item.get("name") or "_"), config=CellConfig(**config), kind=kind)
        )
        ids.append(cell_id)
    return replace(notebook, cells=tuple(sources), problems=()), ids


def _config_from(config: CellConfig) -> dict[str, Any]:
    return {
        "hide_code": config.hide_code,
        "disabled": config.disabled,
        "column": config.column,
        "expand_output": config.expand_output,
    }


def _unparsable(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return True
    return False


_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60


def _preview(value: Any) -> str:
    """A short, safe one-line preview of a value (never raises)."""
    try:
        text = _REPR.repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not break the panel
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"
