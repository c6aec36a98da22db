"""Drop values the kernel holds without deep recursion.

Freeing a list nested 10,000 deep frees each level from the one above, one C
call inside the other.  CPython guards this ("trashcan"), but under Pyodide the
guard watches the wrong stack and the browser's stack overflows: a fatal
error that kills the kernel.  So when the kernel lets go of a cell's defs
(re-run, deletion, another notebook) it takes builtin containers apart level
by level first, children held on a list of its own, so that no object frees
another.  Only containers nothing else refers to are taken apart (a value that
another cell's def, or a widget, still holds stays whole), within a budget of
items, so a big flat list costs nothing extra.
"""

from __future__ import annotations

import sys
from typing import Any, Iterable

BUDGET = 50_000  # items moved per release; what is past it is freed as usual


_count = sys.getrefcount  # (not wrapped: it runs for every value the kernel lets go of)


def _unique_count() -> int:
    """What ``_count`` says of an object held by one local only, measured the
    way ``release`` measures (interpreters differ: 3.14 borrows references)."""
    holder: list[Any] = [[]]
    value = holder.pop()
    return _count(value)


_UNIQUE = _unique_count()
_CONTAINERS = frozenset({list, tuple, dict, set})  # the kinds taken apart


def release_globals(holder: list[dict[str, Any]]) -> None:
    """A cell's globals after its run, handed over in a one-item list (so that
    only this function holds them): if nothing else does (no function the
    cell defined, no traceback), take its own values (private ``_names``,
    defs it did not publish) apart now, rather than let the dict free them in
    one piece; values the namespace also holds are left alone."""
    globals_ = holder.pop()
    if _count(globals_) > _UNIQUE:
        return
    if _CONTAINERS.isdisjoint(map(type, globals_.values())):  # (the common case: nothing deep)
        return
    stack = [globals_.pop(name) for name in list(globals_) if not name.startswith("__")]
    _dismantle(stack)


def release_names(namespace: dict[str, Any], names: Iterable[str]) -> None:
    """``namespace.pop(name, None)`` for each name, taking deep values apart."""
    stack = [namespace.pop(name, None) for name in list(names)]
    _dismantle(stack)


def release_all(namespace: dict[str, Any]) -> None:
    """Empty ``namespace`` (a dict nothing else uses any more), taking deep values apart."""
    stack = list(namespace.values())
    namespace.clear()
    _dismantle(stack)


def _dismantle(stack: list[Any]) -> None:
    budget = BUDGET
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind not in _CONTAINERS or not value or _count(value) > _UNIQUE:
            continue  # freed (or kept by its other owners) when `value` is rebound
        size = len(value)
        if size > budget:
            continue
        budget -= size
        if kind is dict:
            stack.extend(value.values())
            value.clear()
        elif kind is tuple:
            stack.extend(value)  # the tuple goes; its items stay held by `stack`
        else:
            stack.extend(value)
            value.clear()
