"""``mo.stop``, ``mo.state`` and ``mo.output``: control of runs and outputs."""

from __future__ import annotations

from typing import Any, Callable, Generic, TypeVar

from ..core import context
from ..display import format_value
from ..core.runner import StopCell
from ._html import as_html, bundle_to_html

T = TypeVar("T")


def stop(predicate: object, output: Any = None) -> None:
    """Stop this cell (and its descendants) quietly when ``predicate`` is true;
    ``output`` becomes the cell's output."""
    if predicate:
        raise StopCell(output)


class _State(Generic[T]):
    def __init__(self, value: T, allow_self_loops: bool) -> None:
        self.value = value
        self.allow_self_loops = allow_self_loops

    def get(self) -> T:
        return self.value

    def set(self, update: T | Callable[[T], T]) -> None:
        self.value = update(self.value) if callable(update) else update  # type: ignore[operator]
        kernel = context.current_kernel()
        if kernel is None:
            return
        readers = kernel.readers_of(self.getter)
        ctx = context.current()
        if ctx is not None and not self.allow_self_loops:
            readers.discard(ctx.cell_id)
        kernel.request_run(readers)


def state(value: T, allow_self_loops: bool = False) -> tuple[Callable[[], T], Callable[[Any], None]]:
    """A reactive value: ``get, set = mo.state(0)``.  Calling ``set`` re-runs
    the cells that read ``get`` (except the calling cell)."""
    holder = _State(value, allow_self_loops)

    def get() -> T:
        return holder.get()

    def set_(update: Any) -> None:
        holder.set(update)

    holder.getter = get  # type: ignore[attr-defined]
    return get, set_


class _Output:
    """``mo.output``: replace, append to or clear the running cell's output."""

    @staticmethod
    def replace(value: Any) -> None:
        ctx = context.current()
        if ctx is None:
            return
        ctx.output = format_value(value)
        ctx.output_set = True
        ctx.kernel.show_output(ctx.cell_id, ctx.output)

    @staticmethod
    def append(value: Any) -> None:
        ctx = context.current()
        if ctx is None:
            return
        before = bundle_to_html(ctx.output) if ctx.output_set else ""
        ctx.output = {"text/html": before + as_html(value).text}
        ctx.output_set = True
        ctx.kernel.show_output(ctx.cell_id, ctx.output)

    @staticmethod
    def clear() -> None:
        ctx = context.current()
        if ctx is None:
            return
        ctx.output = None
        ctx.output_set = True
        ctx.kernel.show_output(ctx.cell_id, None)

    @staticmethod
    def replace_at_index(value: Any, index: int) -> None:
        _Output.replace(value)


output = _Output()
