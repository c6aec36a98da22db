"""Which cells the writer puts in a file as reusable functions and classes.

marimo 0.25 writes a cell that only defines one function (or class) reading
nothing but the setup cell's names, builtins and other such functions as
`@app.function` (`@app.class_definition`), importable from the file; any
other cell is an `@app.cell`, so a function cell that starts reading another
cell's names goes back to being an `@app.cell`. This module decides it the
way marimo's writer does (its `TopLevelExtraction`), cell by cell in file
order, then resolving functions that only wait on other functions.
"""

from __future__ import annotations

import ast
import builtins
import copy
import io
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.analysis import Analysis, analyze

BUILTINS = frozenset(builtins.__dict__) | {"__class__"}
_RESERVED = ("app", "__generated_with", "__name__")

CELL, FUNCTION, UNRESOLVED, UNPARSABLE = "cell", "function", "unresolved", "unparsable"


@dataclass
class _Status:
    name: str
    kind: str  # CELL | FUNCTION | UNRESOLVED | UNPARSABLE
    defs: frozenset[str] = frozenset()
    refs: frozenset[str] = frozenset()  # builtins included
    definition_refs: frozenset[str] = frozenset()  # read when the def runs
    candidate: bool = False  # one public def, nothing else, no trailing comment
    is_class: bool = False
    waits_on: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, code: str, name: str, analysis: Analysis | None) -> _Status:
        if analysis is None or analysis.error is not None or analysis.tree is None:
            return cls(name, UNPARSABLE)
        status = cls(name, CELL, analysis.defs, analysis.refs | analysis.builtin_refs)
        body = analysis.tree.body
        single = len(body) == 1 and isinstance(body[0], (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        if not single or len(analysis.defs | analysis.private) != 1:
            return status
        node = body[0]
        if node.name.startswith("_"):
            return status
        status.name = node.name
        if node.name in _RESERVED or _ends_with_comment(code):
            return status
        status.candidate = True
        status.is_class = isinstance(node, ast.ClassDef)
        status.definition_refs = _definition_refs(node)
        return status

    def update(self, allowed: set[str], unresolved: set[str], potential: set[str], reusable: set[str]) -> None:
        if self.kind == UNPARSABLE or not self.candidate:
            return
        allowed = allowed | {self.name, "_lambda"}
        early = self.definition_refs - allowed
        if early and early - unresolved:
            self.kind = CELL
            return
        waits = self.refs - allowed - reusable
        if not waits:
            self.kind = FUNCTION
        elif not waits - potential:
            self.kind, self.waits_on = UNRESOLVED, set(waits)
        else:
            self.kind = CELL


def reusable_kinds(codes: Sequence[str], names: Sequence[str], setup_defs: frozenset[str]) -> list[str]:
    """For each cell: "function", "class", "cell" or "unparsable"."""
    statuses = [_Status.of(code, name, analyze(code)) for code, name in zip(codes, names)]
    allowed = set(setup_defs)
    for status in statuses:  # a first guess, knowing only the setup cell
        status.update(allowed, set(), set(), set())
    all_defs = set().union(*(s.defs for s in statuses))
    allowed |= BUILTINS - all_defs
    potential = {s.name for s in statuses if s.kind != FUNCTION}
    reusable = {s.name for s in statuses if s.kind == FUNCTION}
    unresolved: set[str] = set()
    for status in statuses:  # in file order, knowing the functions before
        if status.kind in (CELL, UNRESOLVED):
            status.update(allowed, unresolved, potential, reusable)
            if status.kind == FUNCTION:
                allowed.add(status.name)
                reusable.add(status.name)
            elif status.kind == UNRESOLVED:
                unresolved.add(status.name)
        else:
            allowed.add(status.name)
    _resolve(statuses, reusable)
    return [_kind(s) for s in statuses]


def _resolve(statuses: list[_Status], reusable: set[str]) -> None:
    """A function that only reads other waiting functions is reusable if they
    all are (a cycle counts as resolved, as in marimo)."""
    waiting = {s.name: s for s in statuses if s.kind == UNRESOLVED}
    cells = {s.name for s in statuses if s.kind in (CELL, UNPARSABLE)}
    decided: dict[str, bool] = {}

    def resolve(name: str) -> bool:
        if name not in waiting:
            if name in decided:
                return decided[name]
            return name in reusable or name not in cells
        status = waiting.pop(name)
        results = [resolve(ref) for ref in sorted(status.refs)]  # every one, as marimo does
        ok = all(results)
        status.kind = FUNCTION if ok else CELL
        (reusable if ok else cells).add(name)
        decided[name] = ok
        return ok

    for name in list(waiting):
        if name in waiting:
            resolve(name)


def _kind(status: _Status) -> str:
    if status.kind == FUNCTION:
        return "class" if status.is_class else "function"
    return UNPARSABLE if status.kind == UNPARSABLE else CELL  # a leftover duplicate name stays a cell


def _definition_refs(node: ast.stmt) -> frozenset[str]:
    """Names a def or class reads when it is defined: decorators, defaults,
    annotations, bases, a class body (marimo's "unbounded" refs)."""
    shell = copy.deepcopy(node)
    if isinstance(shell, ast.ClassDef):
        for stmt in shell.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                stmt.body = [ast.Pass()]
    else:
        shell.body = [ast.Pass()]  # type: ignore[attr-defined]
    analysis = analyze(ast.unparse(ast.Module(body=[shell], type_ignores=[])))
    return (analysis.refs | analysis.builtin_refs) - {node.name}  # type: ignore[attr-defined]


def _ends_with_comment(code: str) -> bool:
    """The code ends with a comment at column 0 (marimo keeps such a cell a cell)."""
    skip = (tokenize.ENDMARKER, tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code.strip()).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    last = next((tok for tok in reversed(tokens) if tok.type not in skip), None)
    return last is not None and last.type == tokenize.COMMENT and last.start[1] == 0
