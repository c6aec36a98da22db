"""The environment a cell runs in, as marimo gives it.

- ``__file__`` is the notebook's path (``kernel.meta["notebook_file"]``).
- ``sys.modules["__main__"]`` is the notebook while a cell runs
  (:class:`NotebookMain`): its attributes are the notebook's definitions, so
  ``pickle`` finds functions and classes defined in cells (their
  ``__module__`` is ``"__main__"``), even in the cell that defines them.
  Its ``__dict__`` (``vars(__main__)``) is a fresh dict of them each time it
  is read, so ``doctest.testmod()`` finds and runs the doctests of functions
  and classes defined in cells, with the notebook's names in scope, as marimo
  (whose cells all run in ``__main__.__dict__``) does.
- ``sys.argv`` is the notebook's: ``[path, *args]`` (``rivulet run nb.py --
  args``), so ``argparse`` works.
- ``sys.exit()`` and ``os._exit()`` end the run (the kernel stops there, the
  cells left are not run) instead of the host process: ``os._exit`` raises
  ``SystemExit`` while a cell runs, so ``rivulet run --json`` still reports.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable
from typing import Any


_module_dict = types.ModuleType.__dict__["__dict__"]  # a module's own dict
_OWN = "_rivulet_"  # the kernel's entries in it, hidden from the notebook


class NotebookMain(types.ModuleType):
    """``__main__`` while a cell runs: attribute lookups find the running
    cell's own names, then the notebook's definitions. It holds no reference
    of its own to them (the kernel frees values as it sees fit)."""

    def __init__(self, file: str | None, namespace: Callable[[], dict[str, Any]]) -> None:
        super().__init__("__main__")
        self.__file__ = file
        self._rivulet_namespace = namespace

    def __getattr__(self, name: str) -> Any:
        own = _module_dict.__get__(self)
        current = own.get("_rivulet_cell_globals")
        if current is not None and name in current:
            return current[name]
        found = own["_rivulet_namespace"]()
        if name in found:
            return found[name]
        raise AttributeError(f"module '__main__' has no attribute {name!r}")

    @property  # type: ignore[override]
    def __dict__(self) -> dict[str, Any]:  # noqa: PLW3201 - what vars() and doctest read
        """The module's attributes, then the notebook's definitions, then the
        running cell's names (a copy: writing to it changes nothing)."""
        own = _module_dict.__get__(self)
        names = {k: v for k, v in own.items() if not k.startswith(_OWN)}
        names.update(own["_rivulet_namespace"]())
        current = own.get("_rivulet_cell_globals")
        if current is not None:
            names.update((k, v) for k, v in current.items() if k != "__builtins__")
        return names


def _exit(status: int = 0) -> None:
    """``os._exit`` inside a cell: ends the run, not the process."""
    raise SystemExit(status)


Saved = tuple[Any, list[str], Callable[[int], Any]]


def enter_environment(main: NotebookMain, g: dict[str, Any], argv: list[str]) -> Saved:
    """Install the notebook's ``__main__``, ``sys.argv`` and ``os._exit`` for one cell's
    run (plain calls, not a context manager: they cost less than a small cell); returns
    what ``leave_environment`` puts back."""
    saved = sys.modules.get("__main__"), sys.argv, os._exit
    own = _module_dict.__get__(main)
    own["_rivulet_cell_globals"] = g
    sys.modules["__main__"] = main
    sys.argv = list(argv)
    os._exit = _exit  # type: ignore[assignment]
    return saved


def leave_environment(main: NotebookMain, saved: Saved) -> None:
    _module_dict.__get__(main).pop("_rivulet_cell_globals", None)
    if saved[0] is not None:
        sys.modules["__main__"] = saved[0]
    sys.argv = saved[1]
    os._exit = saved[2]  # type: ignore[assignment]


def exit_status(exc: BaseException) -> tuple[bool, int | str | None]:
    """For a ``SystemExit``: (is it a failure, the status a process would exit with)."""
    code = exc.code if isinstance(exc, SystemExit) else None
    return code not in (None, 0), code
