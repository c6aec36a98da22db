"""The running cell's context, for the notebook API (``mo``) to reach the kernel.

The kernel pushes a ``CellContext`` while a cell runs; ``mo.output``,
``mo.state`` setters and UI elements use it.  Outside a run ``current()`` is
``None`` and the API degrades gracefully (e.g. in plain scripts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .kernel import Kernel


@dataclass
class CellContext:
    kernel: "Kernel"
    cell_id: str
    output: Any = None  # set by mo.output.replace/append; None when unset
    output_set: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


_stack: list[CellContext] = []
_kernel: list["Kernel"] = []


def current() -> CellContext | None:
    return _stack[-1] if _stack else None


def current_kernel() -> "Kernel | None":
    if _stack:
        return _stack[-1].kernel
    return _kernel[-1] if _kernel else None


def push(ctx: CellContext) -> None:
    _stack.append(ctx)


def pop() -> None:
    _stack.pop()


def set_kernel(kernel: "Kernel | None") -> None:
    """The kernel that owns this interpreter (for callbacks outside a run)."""
    _kernel.clear()
    if kernel is not None:
        _kernel.append(kernel)
