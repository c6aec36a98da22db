"""Static analysis of one cell: the names it defines (defs) and reads (refs).

The rules are marimo's (0.25), checked row by row against marimo in
tests/test_analysis.py. In short:

- A load is a ref unless some enclosing scope has bound the name *earlier in
  visiting order* (so `x = x + 1` both defines and refers to `x`).
- A name read inside a nested scope (function, lambda, class, comprehension)
  and bound later in an enclosing scope is a closure capture, not a ref.
- Names starting with one underscore (and `_`, `__`) are private to the cell;
  `__x` and `__x__` are public. Builtins are never refs.
- Class bodies are visible to their methods (marimo's simplification).
- The name of an `except ... as e` handler is hidden inside the handler.
- `x += 1` defines `x` without referring to it; `for x in x` too (the target
  is visited before the iterable), but `with f(x) as x` reads `x`.
- `from m import *` is an error (as in marimo).

Stdlib only: runs under CPython 3.11+ and Pyodide.
"""

from __future__ import annotations

import ast
import builtins
import functools
from dataclasses import dataclass, field
from typing import Any, Callable

from .sql_refs import might_query, sql_refs

__all__ = ["Analysis", "analyze", "is_builtin", "is_private"]

_BUILTINS: frozenset[str] = frozenset(builtins.__dict__) | {
    "__builtin__",
    "__builtins__",
    "__file__",
    "__class__",
}
_EMPTY: frozenset[str] = frozenset()
_FLAGS = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


@dataclass(frozen=True)
class Analysis:
    defs: frozenset[str]  # public names bound at the cell's top level
    refs: frozenset[str]  # names read from other cells (no builtins, no privates)
    private: frozenset[str]  # top-level names private to the cell (`_x`), to mangle
    deleted: frozenset[str]  # refs the cell `del`etes (marimo's deleted_refs)
    error: SyntaxError | None = None  # the code does not parse; all sets are empty
    # builtins the cell reads: they become refs when another cell redefines them
    builtin_refs: frozenset[str] = frozenset()
    # Shared by every caller (memoized): never mutate it.
    tree: ast.Module | None = field(default=None, compare=False, hash=False, repr=False)

    def __init__(
        self,
        defs: frozenset[str],
        refs: frozenset[str],
        private: frozenset[str],
        deleted: frozenset[str],
        error: SyntaxError | None = None,
        builtin_refs: frozenset[str] = _EMPTY,
        tree: ast.Module | None = None,
    ) -> None:
        # (dataclass keeps this __init__: a frozen one's sets each field with a call of
        # object.__setattr__, which costs more than visiting a one-line cell)
        self.__dict__.update(
            defs=defs, refs=refs, private=private, deleted=deleted, error=error, builtin_refs=builtin_refs, tree=tree
        )


def is_builtin(name: str) -> bool:
    return name in _BUILTINS


def is_private(name: str) -> bool:
    """Cell-private: `_x`, `_`, `__`; but not `__x` nor `__x__` (as marimo)."""
    return name == "__" or (name.startswith("_") and not name.startswith("__"))


@functools.lru_cache(maxsize=4096)
def analyze(code: str) -> Analysis:
    """Analyze a cell's code; never raises (errors are returned in `.error`)."""
    if "\u00a0" in code:  # some frontends send non-breaking spaces for spaces
        code = code.replace("\u00a0", " ")
    try:
        tree = compile(code, "<cell>", "exec", _FLAGS, dont_inherit=True)
        visitor = _Visitor()
        visitor.visit_Module(tree)  # (what visit(tree) calls: the tree is a module)
    except SyntaxError as e:
        return _failed(e)
    except ValueError as e:  # null bytes on Python 3.11
        return _failed(SyntaxError(str(e)))
    except (RecursionError, MemoryError):
        return _failed(SyntaxError("code is too deeply nested to analyze"))
    top = visitor.scopes[0].names
    private = [n for n in top if n[0] == "_" and (n == "__" or n[:2] != "__")]  # is_private, inlined
    refs = visitor.refs
    if might_query(code):  # tables of mo.sql queries are refs too (sql_refs.py)
        refs = {**refs, **{n: [] for n in sql_refs(tree) if n not in top and n not in refs and not is_private(n)}}
    builtin_refs = _BUILTINS.intersection(refs) if refs else _EMPTY
    deleted = _EMPTY
    if visitor.deletes:
        deleted = frozenset(n for n, uses in refs.items() if any(u.deleted for u in uses))
    return _analysis(
        frozenset(top.difference(private)) if private else frozenset(top),
        frozenset(refs).difference(builtin_refs) if builtin_refs else frozenset(refs),
        frozenset(private) if private else _EMPTY,
        deleted,
        None,
        builtin_refs or _EMPTY,
        tree,
    )


def _analysis(
    defs: frozenset[str],
    refs: frozenset[str],
    private: frozenset[str],
    deleted: frozenset[str],
    error: SyntaxError | None,
    builtin_refs: frozenset[str],
    tree: ast.Module | None,
) -> Analysis:
    """``Analysis(...)`` without the keyword call of its ``__init__`` (one per analysed cell)."""
    made = _new(Analysis)
    _set(made, "__dict__", {
        "defs": defs, "refs": refs, "private": private, "deleted": deleted, "error": error,
        "builtin_refs": builtin_refs, "tree": tree,
    })
    return made


_new = object.__new__
_set = object.__setattr__


def _failed(error: SyntaxError) -> Analysis:
    return Analysis(_EMPTY, _EMPTY, _EMPTY, _EMPTY, error=error, tree=None)


class _Scope:
    __slots__ = ("kind", "names", "globals")

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "module" | "function" | "class" | "comprehension" | "annotation"
        self.names: set[str] = set()
        self.globals: set[str] = set()


class _Use:
    """One scope's unresolved read of a name (with the scopes around it)."""

    __slots__ = ("scope", "outer", "deleted")

    def __init__(self, scope: _Scope, outer: tuple[_Scope, ...], deleted: bool) -> None:
        self.scope, self.outer, self.deleted = scope, outer, deleted


_LEAVES = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.Constant)
_Method = Callable[["_Visitor", Any], None]
_AST = ast.AST
_BinOp = ast.BinOp
_Constant = ast.Constant
_Load = ast.Load
_Store = ast.Store
_Del = ast.Del


class _Methods(dict):  # type -> the _Visitor method visiting it (filled on first use)
    def __missing__(self, node_type: type) -> _Method:
        method = self[node_type] = _method_for(node_type)
        return method


# NodeVisitor's own dispatch (string concat + getattr + iter_fields) costs more
# than parsing a one-line cell: methods dispatch by type from this table, the
# hot ones without a call of ``visit`` in between.
_METHODS: dict[type, _Method] = _Methods()


class _Visitor(ast.NodeVisitor):
    def __init__(self) -> None:
        self.scopes: list[_Scope] = [_Scope("module")]
        self.refs: dict[str, list[_Use]] = {}
        self.hidden: list[str | None] = []  # `except ... as name` being visited
        self.deletes = False  # saw a `del name` of a name not bound here

    def visit(self, node: ast.AST) -> None:
        _METHODS[type(node)](self, node)

    def generic_visit(self, node: ast.AST) -> None:
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, _AST):
                        _METHODS[type(item)](self, item)
            elif isinstance(value, _AST):
                _METHODS[type(value)](self, value)

    # -- bookkeeping ---------------------------------------------------------
    def _bound(self, name: str) -> bool:
        for scope in self.scopes:
            if name in scope.names:
                return True
        return False

    def _bind(self, name: str, index: int | None = None, captures: bool = True) -> None:
        if index is None:
            index = 0 if name in self.scopes[-1].globals else -1
        scope = self.scopes[index]
        scope.names.add(name)
        uses = self.refs.get(name)
        if captures and uses:
            # reads from scopes nested in `scope` were closure captures
            uses[:] = [u for u in uses if scope not in u.outer]
            if not uses:
                del self.refs[name]

    def _read(self, name: str, deleted: bool = False) -> None:
        if name[0] == "_" and (name == "__" or name[:2] != "__"):  # is_private(name), inlined
            return
        for scope in self.scopes:  # self._bound(name), inlined: this runs for every name read
            if name in scope.names:
                return
        if deleted:
            self.deletes = True
        scopes = self.scopes
        scope = scopes[-1]
        uses = self.refs.get(name)
        if uses is None:
            self.refs[name] = [_Use(scope, tuple(scopes[:-1]) if len(scopes) > 1 else (), deleted)]
            return
        for use in uses:
            if use.scope is scope:
                use.deleted = use.deleted or deleted
                return
        uses.append(_Use(scope, tuple(scopes[:-1]), deleted))

    def _visit_all(self, nodes: list[ast.AST] | list[ast.expr] | list[ast.stmt]) -> None:
        for node in nodes:
            _METHODS[type(node)](self, node)

    # -- names ---------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        name = node.id
        if self.hidden and name in self.hidden:
            return
        ctx = type(node.ctx)
        if ctx is _Load:
            self._read(name)
        elif ctx is _Store:
            self._bind(name)
        else:
            self._read(name, deleted=ctx is _Del)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self.scopes[-1].globals.add(name)
            if name not in self.scopes[0].names:
                self._read(name)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._bind(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name == "*":
                raise SyntaxError(
                    "`import *` is not allowed in a notebook cell",
                    ("<cell>", node.lineno, node.col_offset + 1, None),
                )
            self._bind(alias.asname or alias.name)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        left: ast.expr = node.left
        if type(left) is not _BinOp:  # (the common case: `a + 1`)
            _METHODS[type(left)](self, left)
            right = node.right
            if type(right) is not _Constant:  # (a leaf)
                _METHODS[type(right)](self, right)
            return
        # iterate down `a + b + c + ...`: long chains would exhaust recursion
        rights: list[ast.expr] = [node.right]
        while isinstance(left, _BinOp):
            rights.append(left.right)
            left = left.left
        self.visit(left)
        self._visit_all(rights[::-1])

    def visit_Module(self, node: ast.Module) -> None:  # (the body only: no generic field walk)
        for statement in node.body:
            _METHODS[type(statement)](self, statement)

    def visit_Expr(self, node: ast.Expr) -> None:
        value = node.value
        _METHODS[type(value)](self, value)

    def visit_Attribute(self, node: ast.Attribute) -> None:  # (its value: attr is a string, ctx a leaf)
        value = node.value
        _METHODS[type(value)](self, value)

    def visit_Call(self, node: ast.Call) -> None:  # (generic_visit's order, without its field walk)
        func = node.func
        _METHODS[type(func)](self, func)
        for arg in node.args:
            _METHODS[type(arg)](self, arg)
        for keyword in node.keywords:
            value = keyword.value
            _METHODS[type(value)](self, value)

    # -- statements whose parts are visited out of field order ----------------
    def visit_Assign(self, node: ast.Assign) -> None:
        value = node.value
        _METHODS[type(value)](self, value)
        for target in node.targets:
            _METHODS[type(target)](self, target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        self.visit(node.target)  # a Store: marimo does not count it as a read

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.annotation)
        self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        if self.scopes[-1].kind == "comprehension":
            # binds in the nearest enclosing scope that is not a comprehension
            index = max(i for i, s in enumerate(self.scopes) if s.kind != "comprehension")
            self._bind(node.target.id, index)
        else:
            self.visit(node.target)

    def visit_Try(self, node: ast.Try) -> None:
        self._visit_all(node.body)
        for handler in node.handlers:
            self.hidden.append(handler.name)
            self.visit(handler)
            self.hidden.pop()
        self._visit_all(node.orelse)
        self._visit_all(node.finalbody)

    visit_TryStar = visit_Try

    # -- match patterns ------------------------------------------------------
    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        if node.name is not None:
            self._bind(node.name)
        if node.pattern is not None:
            self.visit(node.pattern)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name is not None:
            self._bind(node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        if node.rest is not None:
            self._bind(node.rest)
        self._visit_all(node.keys)
        self._visit_all(node.patterns)

    # -- scopes --------------------------------------------------------------
    def _enter(self, kind: str, type_params: list[ast.AST] | None = None) -> None:
        self.scopes.append(_Scope(kind))
        self._visit_all(type_params or [])

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer = self.scopes[-1]
        self._enter("function", getattr(node, "type_params", None))
        self.visit(node.args)
        self._visit_all(node.decorator_list)
        if node.returns is not None:
            self.visit(node.returns)
        if outer.kind != "class":  # the body may call the function itself
            outer.names.add(node.name)
        self._visit_all(node.body)
        self.scopes.pop()
        self._bind(node.name, captures=outer.kind != "class")

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._enter("function")
        self.visit(node.args)
        self.visit(node.body)
        self.scopes.pop()

    def visit_arguments(self, node: ast.arguments) -> None:
        # defaults first: `def f(x=x)` refers to an outer x
        self._visit_all([d for d in node.kw_defaults if d is not None])
        self._visit_all(node.defaults)
        args = [*node.posonlyargs, *node.args, *node.kwonlyargs]
        args += [a for a in (node.vararg, node.kwarg) if a is not None]
        for arg in args:
            self._bind(arg.arg)
            if arg.annotation is not None:
                self.visit(arg.annotation)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._enter("class", getattr(node, "type_params", None))
        self._visit_all(node.bases)
        self._visit_all(node.keywords)
        self._visit_all(node.decorator_list)
        self._visit_all(node.body)
        self.scopes.pop()
        self._bind(node.name)

    def _comprehension(self, node: ast.expr, *elements: ast.expr) -> None:
        self._enter("comprehension")
        for generator in node.generators:  # type: ignore[attr-defined]
            self.visit(generator.iter)
            self.visit(generator.target)
            self._visit_all(generator.ifs)
        self._visit_all(list(elements))
        self.scopes.pop()

    def visit_ListComp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> None:
        self._comprehension(node, node.elt)

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, node.value, node.key)

    # -- Python 3.12+: PEP 695 -----------------------------------------------
    def visit_TypeAlias(self, node: ast.AST) -> None:
        self.visit(node.name)  # type: ignore[attr-defined]
        self._enter("annotation", node.type_params)  # type: ignore[attr-defined]
        self.visit(node.value)  # type: ignore[attr-defined]
        self.scopes.pop()

    def _type_param(self, node: ast.AST) -> None:
        self._bind(node.name)  # type: ignore[attr-defined]
        for part in ("bound", "default_value"):
            value = getattr(node, part, None)
            if value is not None:
                self.visit(value)

    visit_TypeVar = visit_ParamSpec = visit_TypeVarTuple = _type_param


def _method_for(node_type: type) -> _Method:
    if issubclass(node_type, _LEAVES):
        return lambda visitor, node: None
    method: _Method = getattr(_Visitor, "visit_" + node_type.__name__, _Visitor.generic_visit)
    return method
