"""The running cell's context, for the notebook API (``mo``) to reach the kernel.

The kernel sets a ``CellContext`` while a cell runs; ``mo.output``,
``mo.state`` setters, UI elements and the console use it.  Outside a run
``current()`` is ``None`` and the API degrades gracefully (e.g. in plain
scripts).  Both are context variables, not module globals: two kernels in one
process (or two asyncio tasks) each see their own, and nothing outlives the
run or the kernel call that set it.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Protocol

from .ui_registry import UIRegistry


class Runtime(Protocol):
    """What the ``mo`` layer may ask of the kernel (``core.kernel.Kernel``)."""

    meta: dict[str, Any]
    ui: UIRegistry

    def readers_of(self, value: object) -> set[str]: ...

    def request_run(self, cell_ids: Iterable[str]) -> None: ...

    def show_output(self, cell_id: str, output: dict[str, str] | None) -> None: ...


@dataclass
class CellContext:
    kernel: Runtime
    cell_id: str
    output: Any = None  # set by mo.output.replace/append; None when unset
    output_set: bool = False
    console: Any = None  # where this run's stdout/stderr go (None: not captured)


_cell: ContextVar[CellContext | None] = ContextVar("rivulet_cell", default=None)
_kernel: ContextVar[Runtime | None] = ContextVar("rivulet_kernel", default=None)


def current() -> CellContext | None:
    return _cell.get()


def current_kernel() -> Runtime | None:
    ctx = _cell.get()
    return ctx.kernel if ctx is not None else _kernel.get()


@contextmanager
def running_cell(ctx: CellContext) -> Iterator[CellContext]:
    """``ctx`` is the running cell inside the block."""
    token = _cell.set(ctx)
    try:
        yield ctx
    finally:
        _cell.reset(token)


# ``running_cell`` as two plain calls (the kernel's hot path): ``enter_cell(ctx)``
# returns a token, ``ctx`` is the running cell until ``leave_cell(token)``.
enter_cell: Callable[[CellContext | None], Token[CellContext | None]] = _cell.set
leave_cell: Callable[[Token[CellContext | None]], None] = _cell.reset


@contextmanager
def kernel_scope(kernel: Runtime) -> Iterator[None]:
    """``kernel`` owns code called inside the block outside any cell run
    (widget ``on_change`` callbacks, state setters they call)."""
    token = _kernel.set(kernel)
    try:
        yield
    finally:
        _kernel.reset(token)
