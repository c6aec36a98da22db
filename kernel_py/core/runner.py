"""Compile and run one cell.

Each run gets a fresh globals dict holding only the names the cell refs (plus
builtins): the cell's own private ``_names`` stay in it, its defs are copied
back into the notebook namespace afterwards.  Functions a cell defines keep
that dict as their globals, which is sound because the cell re-runs whenever
any name it refs changes.

The last expression of a cell is its output (unless it ends with ``;``);
top-level ``await`` works.
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import inspect
import linecache
import os
import traceback
from dataclasses import dataclass
from types import CodeType
from typing import Any, NamedTuple

from .analysis import Analysis

OUTPUT_NAME = "__rivulet_output__"
_FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
_CO_COROUTINE = inspect.CO_COROUTINE
_KERNEL_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


class StopCell(Exception):
    """Raised by ``mo.stop``: ends the cell quietly, descendants do not run."""

    def __init__(self, output: Any = None) -> None:
        super().__init__("stopped")
        self.output = output


class CompiledCell(NamedTuple):
    cell_id: str
    code: CodeType
    filename: str
    is_async: bool
    has_output: bool


@dataclass
class RunResult:
    value: Any = None
    has_value: bool = False
    exception: BaseException | None = None
    traceback: str | None = None
    line: int | None = None  # the cell's line the exception came from
    stopped: bool = False


_RAN = RunResult()
_tuple_new = tuple.__new__  # (``CompiledCell(...)`` without its Python-level __new__)


def cell_filename(cell_id: str) -> str:
    return f"<cell {cell_id}>"


_compiled: dict[tuple[str, str], CompiledCell] = {}


def compile_cell(cell_id: str, code: str, analysis: Analysis) -> CompiledCell:
    """Compile a cell (memoized on id and code).  ``analysis.tree`` must exist."""
    key = (cell_id, code)
    hit = _compiled.get(key)
    if hit is not None:
        return hit
    assert analysis.tree is not None, "cannot compile a cell with a syntax error"
    filename = cell_filename(cell_id)
    tree = analysis.tree
    if tree.body and type(tree.body[-1]) is ast.Expr:  # (else _with_output_capture leaves it)
        tree = _with_output_capture(tree, code)
    has_output = tree is not analysis.tree
    compiled = compile(tree, filename, "exec", _FLAGS, True)
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    result = _tuple_new(CompiledCell, (cell_id, compiled, filename, bool(compiled.co_flags & _CO_COROUTINE), has_output))
    if len(_compiled) > 4096:
        _compiled.clear()
    _compiled[key] = result
    return result


def _with_output_capture(tree: ast.Module, code: str) -> ast.Module:
    """Turn a trailing expression into an assignment to OUTPUT_NAME."""
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return tree
    last = tree.body[-1]
    if _ends_with_semicolon(code, last):
        return tree
    assign = ast.Assign(
        targets=[ast.Name(id=OUTPUT_NAME, ctx=ast.Store())], value=last.value
    )
    ast.copy_location(assign, last)
    new = ast.Module(body=[*tree.body[:-1], assign], type_ignores=[])
    return ast.fix_missing_locations(new)


def _ends_with_semicolon(code: str, node: ast.stmt) -> bool:
    lines = code.splitlines()
    if node.end_lineno is None or node.end_lineno > len(lines):
        return False
    rest = lines[node.end_lineno - 1][node.end_col_offset or 0 :]
    rest = rest.split("#", 1)[0].strip()
    return rest.startswith(";")


def fresh_globals(namespace: dict[str, Any], analysis: Analysis, file: str | None = None) -> dict[str, Any]:
    g: dict[str, Any] = {"__builtins__": builtins, "__name__": "__main__"}
    if file:
        g["__file__"] = file
    for name in analysis.refs:
        if name in namespace:
            g[name] = namespace[name]
    for name in analysis.builtin_refs:  # a builtin that a cell redefined
        if name in namespace:
            g[name] = namespace[name]
    return g


def run_sync(cell: CompiledCell, g: dict[str, Any]) -> RunResult:
    """``run_compiled`` for a cell without top-level ``await`` (no coroutine needed)."""
    try:
        exec(cell.code, g)
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a value
        return _failure(exc, cell)
    if cell.has_output:
        return RunResult(value=g.pop(OUTPUT_NAME, None), has_value=True)
    return _RAN  # (the common case: one shared result, never changed)


async def run_compiled(cell: CompiledCell, g: dict[str, Any]) -> RunResult:
    """Execute a compiled cell in globals ``g``; never raises (but BaseException
    other than Exception, e.g. KeyboardInterrupt/SystemExit, is reported too)."""
    try:
        if cell.is_async:
            await eval(cell.code, g)
        else:
            exec(cell.code, g)
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a value
        return _failure(exc, cell)
    if cell.has_output:
        return RunResult(value=g.pop(OUTPUT_NAME, None), has_value=True)
    return _RAN  # (the common case: one shared result, never changed)


def _failure(exc: BaseException, cell: CompiledCell) -> RunResult:
    """What a cell's run raised, as a result."""
    if isinstance(exc, StopCell):
        return RunResult(value=exc.output, has_value=exc.output is not None, stopped=True)
    failure = exc
    if isinstance(exc, asyncio.CancelledError) and _interrupted_task():  # the user interrupted the cell's await
        failure = KeyboardInterrupt()
        failure.__traceback__ = exc.__traceback__
    return RunResult(exception=failure, traceback=format_cell_traceback(failure), line=cell_line(exc, cell.filename))


def _interrupted_task() -> bool:
    """Was the running task cancelled from outside (an interrupt)?  Then it
    is no longer: the run goes on to report the cell."""
    try:
        task = asyncio.current_task()
    except RuntimeError:
        return False
    if task is None or not task.cancelling():
        return False
    while task.cancelling():
        task.uncancel()
    return True


def format_cell_traceback(exc: BaseException) -> str:
    """A traceback showing the notebook's frames, not the kernel's."""
    tb = exc.__traceback__
    while tb is not None and _is_kernel_frame(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    return "".join(lines)


def cell_line(exc: BaseException, filename: str) -> int | None:
    """The line of the cell (compiled as ``filename``) in the exception's
    innermost frame of that cell."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _is_kernel_frame(filename: str) -> bool:
    if filename.startswith("<"):
        return False
    return os.path.abspath(filename).startswith(_KERNEL_DIR)


def exception_message(exc: BaseException) -> str:
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text or type(exc).__name__

