"""The tables a cell's ``mo.sql(...)`` queries read: names of other cells'
data frames, so that a SQL cell runs after, and re-runs with, the cells
defining them (marimo links them the same way).

Apart from the AST visitor (analysis.py calls it only for code that
``might_query``): a query is the first argument of ``<name>.sql(...)``
(``mo.sql``, ``duckdb.sql``, a connection's) or of ``duckdb.execute(...)``
(as marimo, which reads ``mo.sql``, ``duckdb.sql`` and ``duckdb.execute``
only), a string or an f-string
(its ``{...}`` parts are ordinary Python refs already). Its tables are found
by a SQL parser: sqlglot's scopes, as marimo does, where sqlglot is installed
(marimo's ``sql`` extra); else by sql_tables.py's reader of SQL's structure,
which agrees with it (tests/test_sql_refs.py). Not duckdb's
``get_table_names``: it binds the query, so ``read_csv(...)`` reads files.
Refs are the plain names (not ``schema.table``), as written, that are not the
query's own CTEs nor tables an earlier statement of it created.
"""

from __future__ import annotations

import ast
import functools
import logging
from typing import Any

from .sql_tables import FILE_LIKE, read_tables


def _query_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # "1" where marimo puts it: valid in most places
        return "".join(v.value if isinstance(v, ast.Constant) else "1" for v in node.values)
    return None


@functools.lru_cache(maxsize=512)
def table_names(query: str) -> frozenset[str]:
    """Plain table names a query reads (not its CTEs, not schema.table)."""
    try:
        tables = _sqlglot_tables(query)
    except Exception:  # noqa: BLE001 - sqlglot's own failure: the reader answers
        tables = None
    try:
        tables = read_tables(query) if tables is None else tables
    except RecursionError:  # parentheses nested thousands deep
        return frozenset()
    return frozenset(parts[0] for parts in tables if len(parts) == 1 and parts[0].isidentifier())


def _sqlglot_tables(query: str) -> set[tuple[str, ...]] | None:
    """marimo's way (``find_sql_refs``), statement by statement; None without
    sqlglot or when it cannot parse the query."""
    try:
        import sqlglot
        from sqlglot import exp
    except ImportError:
        return None
    log = logging.getLogger("sqlglot")
    level, log.level = log.level, logging.ERROR
    try:
        statements = sqlglot.parse(query, dialect="duckdb")
    except sqlglot.errors.SqlglotError:
        return None
    finally:
        log.setLevel(level)
    tables: set[tuple[str, ...]] = set()
    created: set[str] = set()
    for statement in statements:
        if statement is None:
            continue
        tables |= {t for t in _statement_tables(statement, exp) if not (len(t) == 1 and t[0].lower() in created)}
        if isinstance(statement, exp.Create) and isinstance(statement.this, exp.Table) and statement.this.name:
            created.add(statement.this.name.lower())
    return tables


def _statement_tables(statement: Any, exp: Any) -> set[tuple[str, ...]]:
    from sqlglot.errors import OptimizeError
    from sqlglot.optimizer.scope import build_scope

    writes = (exp.Update, exp.Insert, exp.Delete, exp.Describe, exp.Summarize, exp.Pivot, exp.Drop, exp.Copy)
    found: set[tuple[str, ...]] = set()
    if statement.find(*writes):
        found |= _all_tables(statement, exp)
    try:
        root = build_scope(statement)
        for scope in root.traverse() if root else ():
            found |= {_parts(s) for s in scope.sources.values() if isinstance(s, exp.Table)}
    except OptimizeError:
        found |= _all_tables(statement, exp)
    return {t for t in found if t and "://" not in t[-1] and not t[-1].lower().endswith(FILE_LIKE)}


def _all_tables(statement: Any, exp: Any) -> set[tuple[str, ...]]:
    """Every table in the statement but the statement-level CTEs."""
    ctes = {c.alias.lower() for c in statement.find_all(exp.CTE) if c.parent and c.parent.parent is statement}
    parts = {_parts(t) for t in statement.find_all(exp.Table)}
    return {p for p in parts if not (len(p) == 1 and p[0].lower() in ctes)}


def _parts(table: Any) -> tuple[str, ...]:
    try:
        names = (table.catalog, table.db, table.name)
    except AttributeError:  # a Table with no name (DROP SCHEMA)
        return ()
    return tuple(n for n in names if n) if names[-1] else ()


def might_query(code: str) -> bool:
    """Could the code run a query (cheap: before its AST is walked)?"""
    return ".sql(" in code or "duckdb.execute(" in code


def sql_refs(tree: ast.AST) -> set[str]:
    """Table names read by the ``<name>.sql(query, ...)`` and
    ``duckdb.execute(query, ...)`` calls in ``tree``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and (node.func.attr == "sql" or (node.func.value.id, node.func.attr) == ("duckdb", "execute"))
            and node.args
        ):
            query = _query_text(node.args[0])
            if query is not None:
                names |= table_names(query)
    return names
