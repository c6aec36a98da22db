"""Why a cell cannot run, or failed: small typed values, rendered to text apart.

Errors carry what happened (``kind``), the variables and the other cells
involved, and the line in the cell; ``render`` turns one into the English
message users read, given how to name a cell.  Only the edges render (the
session for the protocol's ``message``, the CLI for ``file:line:`` reports),
so no one has to parse a message back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

Label = Callable[[str], str]  # cell id -> how messages name the cell

KINDS = ("syntax", "multiple-definitions", "cycle", "ancestor", "exception")


@dataclass(frozen=True)
class CellError:
    """``kind`` is one of ``KINDS``.

    - ``names``: the variables involved (redefined, or on the cycle);
    - ``cells``: the other cells involved: the other definers, the cycle's
      cells in notebook order, or the failed ancestor;
    - ``line``: the line of the cell's code (1-based) the error points at;
    - ``detail``: the parser's message (syntax) or the exception's text;
    - ``clashes``: for multiple definitions, each name with its other definers.
    """

    kind: str
    names: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    line: int | None = None
    detail: str = ""
    traceback: str | None = None
    clashes: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _plain_label(cell_id: str) -> str:
    return f"cell {cell_id}"


def render(error: CellError, label: Label = _plain_label) -> str:
    """The message users read."""
    if error.kind == "syntax":
        where = f"line {error.line}: " if error.line else ""
        return f"SyntaxError: {where}{error.detail}"
    if error.kind == "multiple-definitions":
        clashes = "; ".join(
            f"'{name}' is also defined by {', '.join(label(c) for c in others)}"
            for name, others in error.clashes
        )
        return (
            f"This cell redefines variables from other cells: {clashes}. "
            "Each variable must be defined by only one cell."
        )
    if error.kind == "cycle":
        path = " -> ".join(label(c) for c in error.cells + error.cells[:1])
        return (
            f"This cell is on a cycle: {path}. Cells on a cycle cannot run; "
            f"the variables involved are {', '.join(error.names)}."
        )
    if error.kind == "ancestor":
        origin = label(error.cells[0]) if error.cells else "an earlier cell"
        return f"This cell was not run because an ancestor failed: {origin}."
    return error.detail or error.kind


def to_json(error: CellError, label: Label = _plain_label) -> dict[str, Any]:
    """The protocol's form: ``kind`` and ``message`` (rendered), with the
    structured fields alongside: ``names``, ``cells``, ``line``, ``traceback``?"""
    data: dict[str, Any] = {
        "kind": error.kind,
        "message": render(error, label),
        "names": list(error.names),
        "cells": list(error.cells),
        "line": error.line,
    }
    if error.traceback:
        data["traceback"] = error.traceback
    return data
