"""``mo.App`` and ``mo.Cell``: a notebook file imported as a Python module.

Inside Rivulet a notebook's own file is read, never executed; these classes
matter when a cell imports another notebook (``from other import app``):
its ``@app.cell`` functions register here, and

- ``await app.embed(defs=None)`` runs its cells and returns
  ``AppEmbedResult(output, defs)``; widgets in ``output`` stay live: changing
  one re-runs, in the embedded notebook, the cells reading it, and in this
  notebook the cells reading ``app`` (not the one importing it), as marimo;
- ``cell.run(**refs)`` runs one cell (and the cells it needs) and returns
  ``(output, defs)``;
- ``app.run()`` runs it all: ``(outputs, defs)``.

A cell's code is its function's body without the final ``return``, read
with ``inspect.getsource`` (so the module's file must be on disk).
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import textwrap
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from ..core import context
from ..core.analysis import Analysis, analyze
from ..core.runner import compile_cell, fresh_globals, run_compiled
from ._html import Html, as_html, bundle_to_html
from ._layout import vstack
from .ui.element import UIElement


@dataclass
class AppEmbedResult:
    output: Html
    defs: Mapping[str, object]


def _body_of(source: str) -> str:
    """The code of a cell function: its body, without the final return."""
    source = textwrap.dedent(source)
    tree = ast.parse(source)
    fn = next(n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
    body = list(fn.body)
    if body and isinstance(body[-1], ast.Return):
        body = body[:-1]
    if not body:
        return ""
    lines = source.splitlines()
    start = min(getattr(n, "lineno", body[0].lineno) for n in body) - 1
    for d in getattr(body[0], "decorator_list", []):
        start = min(start, d.lineno - 1)
    end = body[-1].end_lineno or body[-1].lineno
    return textwrap.dedent("\n".join(lines[start:end])).strip("\n")


def _definition_of(source: str) -> str:
    """An ``@app.function`` / ``@app.class_definition``: its source without the app decorator."""
    source = textwrap.dedent(source)
    tree = ast.parse(source)
    node = tree.body[0]
    lines = source.splitlines()
    kept = [d for d in node.decorator_list if "app." not in ast.unparse(d)]
    start = (kept[0].lineno if kept else node.lineno) - 1
    return "\n".join(lines[start:]).strip("\n")


class Cell:
    """A cell of an imported notebook: ``name``, ``defs``, ``refs``, ``run()``."""

    def __init__(self, app: "App", fn: Callable[..., Any] | None, code: str, name: str) -> None:
        self._app = app
        self._fn = fn
        self.code = code
        self.name = name
        self._analysis: Analysis = analyze(code)

    @property
    def defs(self) -> set[str]:
        return set(self._analysis.defs)

    @property
    def refs(self) -> set[str]:
        return set(self._analysis.refs)

    def run(self, **refs: Any) -> Any:
        """``(output, defs)``: this cell's last expression and definitions,
        after the cells it needs (not those whose names are given)."""
        coro = self._app._run_cell(self, refs)
        if self._app._is_async():
            return coro
        return _drive(coro)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._fn is None:
            raise TypeError(f"cell {self.name!r} cannot be called")
        return self._fn(*args, **kwargs)

    def __repr__(self) -> str:
        return f"Cell(name={self.name!r})"


def _drive(coro: Any) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    coro.close()
    raise RuntimeError("this notebook is running: use `await app.embed()` instead")


class _Setup:
    """``with app.setup:``: names bound in the block are seen by every cell."""

    def __init__(self, app: "App") -> None:
        self._app = app
        self._before: dict[str, Any] = {}

    def __enter__(self) -> "_Setup":
        frame = inspect.currentframe()
        caller = frame.f_back if frame is not None else None
        self._before = dict(caller.f_globals) if caller is not None else {}
        del frame, caller
        return self

    def __exit__(self, *exc: Any) -> None:
        frame = inspect.currentframe()
        caller = frame.f_back if frame is not None else None
        if caller is not None:
            now = caller.f_globals
            self._app._setup.update({k: v for k, v in now.items() if k not in self._before or self._before[k] is not v})
        del frame, caller


class App:
    """A notebook defined by a Python module (marimo's ``App``)."""

    def __init__(self, **kwargs: Any) -> None:
        self._config = dict(kwargs)
        self._cells: list[Cell] = []
        self._setup: dict[str, Any] = {}
        self._embedded: _Embedded | None = None

    # -- registering ------------------------------------------------------------
    def cell(self, func: Callable[..., Any] | None = None, *, column: int | None = None, disabled: bool = False,
             hide_code: bool = False, expand_output: bool = False, **kwargs: Any) -> Any:
        def register(fn: Callable[..., Any]) -> Cell:
            cell = Cell(self, fn, _body_of(inspect.getsource(fn)), fn.__name__)
            self._cells.append(cell)
            return cell

        return register(func) if func is not None else register

    def _definition(self, obj: Any) -> Any:
        self._cells.append(Cell(self, None, _definition_of(inspect.getsource(obj)), obj.__name__))
        return obj

    def function(self, func: Callable[..., Any] | None = None, *, column: int | None = None, disabled: bool = False,
                 hide_code: bool = False, expand_output: bool = False, **kwargs: Any) -> Any:
        return self._definition(func) if func is not None else self._definition

    def class_definition(self, cls: type | None = None, *, column: int | None = None, disabled: bool = False,
                         hide_code: bool = False, expand_output: bool = False, **kwargs: Any) -> Any:
        return self._definition(cls) if cls is not None else self._definition

    @property
    def setup(self) -> _Setup:
        return _Setup(self)

    def clone(self) -> "App":
        twin = App(**self._config)
        twin._cells = [Cell(twin, c._fn, c.code, c.name) for c in self._cells]
        twin._setup = dict(self._setup)
        return twin

    def _is_async(self) -> bool:
        return any(compile_cell("x", c.code, c._analysis).is_async for c in self._cells)

    # -- running -------------------------------------------------------------------
    def run(self, defs: dict[str, Any] | None = None, **kwargs: Any) -> tuple[Sequence[Any], Mapping[str, Any]]:
        """Run every cell: ``(outputs, defs)``."""
        run = _Embedded(self, defs or {})
        _drive(run.run_all())
        return [run.outputs.get(c.name + str(i)) for i, c in enumerate(self._cells)], run.public_defs()

    async def embed(self, defs: dict[str, Any] | None = None) -> AppEmbedResult:
        """Run the notebook (again only what changed since the last call)."""
        given = dict(defs or {})
        run = self._embedded
        if run is None or run.given.keys() != given.keys() or any(run.given[k] is not v for k, v in given.items()):
            run = self._embedded = _Embedded(self, given)
            await run.run_all()
        else:
            await run.run_changed()
        run.register_widgets()
        return AppEmbedResult(output=run.output(), defs=run.public_defs())

    async def _run_cell(self, cell: Cell, refs: dict[str, Any]) -> tuple[Any, Mapping[str, Any]]:
        run = _Embedded(self, refs)
        await run.run_all(target=cell)
        key = run.key(cell)
        defs = {n: run.namespace[n] for n in cell._analysis.defs if n in run.namespace}
        return run.values.get(key), defs

    def _owns(self, element: Any) -> bool:
        """A widget of the embedded notebook (the kernel re-runs cells reading ``app``)."""
        run = self._embedded
        return run is not None and any(e is element for e in run.widgets())


class _Embedded:
    """One run of an App's cells, in a namespace of its own."""

    def __init__(self, app: App, given: dict[str, Any]) -> None:
        self.app = app
        self.given = given
        self.cells = [c for c in app._cells if not (c._analysis.defs and c._analysis.defs <= given.keys())]
        self.namespace: dict[str, Any] = {**app._setup, **given}
        self.values: dict[str, Any] = {}
        self.outputs: dict[str, Any] = {}
        self.seen: dict[str, Any] = {}  # widget id -> front-end value when last run

    def key(self, cell: Cell) -> str:
        return cell.name + str(self.app._cells.index(cell))

    def _order(self, cells: list[Cell]) -> list[Cell]:
        definers = {n: c for c in cells for n in c._analysis.defs}
        done: list[Cell] = []
        visiting: set[int] = set()

        def visit(c: Cell) -> None:
            if c in done or id(c) in visiting:
                return
            visiting.add(id(c))
            for ref in sorted(c._analysis.refs):
                if ref in definers and ref not in self.given:
                    visit(definers[ref])
            done.append(c)

        for c in cells:
            visit(c)
        return done

    def _needed(self, target: Cell) -> list[Cell]:
        definers = {n: c for c in self.cells for n in c._analysis.defs}
        need, todo = [], [target]
        while todo:
            c = todo.pop()
            if c in need:
                continue
            need.append(c)
            todo += [definers[r] for r in c._analysis.refs if r in definers and r not in self.given]
        return [c for c in self.cells if c in need]

    async def run_all(self, target: Cell | None = None) -> None:
        cells = self._needed(target) if target is not None else self.cells
        for cell in self._order(cells):
            await self._run(cell)

    async def run_changed(self) -> None:
        """Cells reading a widget whose value changed, then their descendants."""
        changed = [w for w in self.widgets() if self.seen.get(w._id, w._frontend_value) is not w._frontend_value]
        names = {n for n, v in self.namespace.items() if any(v is w or _owns(v, w) for w in changed)}
        dirty: set[int] = set()
        for cell in self._order(self.cells):
            if cell._analysis.refs & names:
                dirty.add(id(cell))
                names |= set(cell._analysis.defs)
        for cell in self._order(self.cells):
            if id(cell) in dirty:
                await self._run(cell)

    async def _run(self, cell: Cell) -> None:
        outer = context.current()
        key = self.key(cell)
        ctx = None
        if outer is not None:  # its own cell id: an embedded cell may read the widgets of the others
            ctx = context.CellContext(_Quiet(outer.kernel, outer.cell_id), f"{outer.cell_id}/{key}", console=outer.console)
        g = fresh_globals(self.namespace, cell._analysis)
        compiled = compile_cell(f"embedded-{cell.name}", cell.code, cell._analysis)
        if ctx is not None:
            with context.running_cell(ctx):
                result = await run_compiled(compiled, g)
        else:
            result = await run_compiled(compiled, g)
        if result.exception is not None:
            raise result.exception
        for name in cell._analysis.defs:
            if name in g:
                self.namespace[name] = g[name]
        self.values[key] = result.value if result.has_value else None
        if ctx is not None and ctx.output_set:
            self.outputs[key] = Html(bundle_to_html(ctx.output)) if ctx.output else None
        else:
            self.outputs[key] = self.values[key]

    def widgets(self) -> list[UIElement]:
        found: list[UIElement] = []
        for value in list(self.namespace.values()) + list(self.outputs.values()):
            if isinstance(value, UIElement) and all(value is not w for w in found):
                found.append(value)
        return found

    def register_widgets(self) -> None:
        """The widgets belong to the cell that called embed: the page's changes reach them."""
        outer = context.current()
        kernel = context.current_kernel()
        for w in self.widgets():
            self.seen[w._id] = w._frontend_value
            if kernel is not None and outer is not None:
                kernel.ui.register(w, outer.cell_id)

    def output(self) -> Html:
        shown = [self.outputs[self.key(c)] for c in self.cells if self.outputs.get(self.key(c)) is not None]
        return vstack([as_html(v) for v in shown])

    def public_defs(self) -> dict[str, Any]:
        names = {n for c in self.cells for n in c._analysis.defs} | set(self.given)
        return {n: self.namespace[n] for n in sorted(names) if n in self.namespace}


class _Quiet:
    """The kernel, as embedded cells see it: their widgets register with it,
    owned by the cell that called embed (forgotten when it re-runs); their
    intermediate outputs (mo.output) stay out of that cell."""

    def __init__(self, kernel: Any, owner: str) -> None:
        self._kernel = kernel
        self.ui = _OwnedBy(kernel.ui, owner)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kernel, name)

    def show_output(self, cell_id: str, output: Any) -> None:
        pass


class _OwnedBy:
    def __init__(self, registry: Any, owner: str) -> None:
        self._registry = registry
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._registry, name)

    def register(self, element: Any, owner: str) -> None:
        self._registry.register(element, self._owner)


def _owns(container: Any, element: Any) -> bool:
    try:
        return callable(getattr(container, "_owns", None)) and bool(container._owns(element))
    except Exception:  # noqa: BLE001 - a foreign object with an `_owns` attribute
        return False
