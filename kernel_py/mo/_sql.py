"""``mo.sql``: run a SQL query, with duckdb by default, over the data frames in
the calling cell's scope (as marimo does), or through a DB-API connection
(``engine=``: sqlite3, duckdb connections, ADBC...).

The result is a polars frame when polars is installed, else pandas (marimo's
"auto" output); Rivulet returns a list of dicts when neither is (marimo
requires one).  With ``output=True`` the cell shows it as a table.

In the browser duckdb is a compiled package: it loads from Pyodide's CDN,
for users who are online; without it the cell fails with a message naming
duckdb.  A cell written as marimo writes SQL cells (``_df = mo.sql(f\"\"\"...\"\"\")``)
is ordinary Python to Rivulet.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from typing import Any

from ._control import output as cell_output
from .ui.widgets._table import table

MISSING_DUCKDB = (
    "The following packages are required to execute sql: duckdb. "
    "In the browser, duckdb loads from Pyodide's CDN: only when you are online."
)


def _output_library() -> str | None:
    for name in ("polars", "pandas"):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def _from_rows(columns: list[str], rows: list[tuple]) -> Any:
    lib = _output_library()
    if lib == "polars":
        pl = importlib.import_module("polars")
        return pl.DataFrame([list(r) for r in rows], schema=columns, orient="row")
    if lib == "pandas":
        return importlib.import_module("pandas").DataFrame(rows, columns=columns)
    return [dict(zip(columns, r)) for r in rows]


def _duckdb_result(relation: Any) -> Any:
    if relation is None:
        return None
    lib = _output_library()
    if lib == "polars":
        return importlib.import_module("polars").DataFrame(relation)
    if lib == "pandas":
        return relation.df()
    return [dict(zip(relation.columns, r)) for r in relation.fetchall()]


def _run_duckdb(query: str, connection: Any, scope: dict[str, Any]) -> Any:
    """duckdb finds data frames by name in the frame that calls it: call it
    from a frame whose names are the cell's."""
    names = dict(scope)
    names["__rivulet_sql_connection__"] = connection
    names["__rivulet_sql_query__"] = query
    return eval("__rivulet_sql_connection__.sql(__rivulet_sql_query__)", names)  # noqa: S307 - fixed code


def _run_dbapi(query: str, connection: Any) -> Any:
    cursor = connection.cursor()
    try:
        cursor.execute(query)
        if cursor.description is None:
            commit = getattr(connection, "commit", None)
            if callable(commit):
                commit()
            return None
        columns = [d[0] for d in cursor.description]
        return _from_rows(columns, cursor.fetchall())
    finally:
        close = getattr(cursor, "close", None)
        if callable(close):
            close()


def _caller_scope() -> dict[str, Any]:
    frame = inspect.currentframe()
    try:
        caller = frame.f_back.f_back if frame is not None and frame.f_back is not None else None
        if caller is None:
            return {}
        return {**caller.f_globals, **caller.f_locals}
    finally:
        del frame


def sql(query: str, *, output: bool = True, engine: Any = None) -> Any:
    """Execute a SQL query; data frames of the calling cell's scope are tables."""
    if query is None or query.strip() == "":
        return None
    scope = _caller_scope()
    if engine is None:
        try:
            duckdb = importlib.import_module("duckdb")
        except ModuleNotFoundError:
            raise ModuleNotFoundError(MISSING_DUCKDB, name="duckdb") from None
        result = _duckdb_result(_run_duckdb(query, duckdb, scope))
    elif type(engine).__module__.split(".")[0] == "duckdb" and hasattr(engine, "sql"):
        result = _duckdb_result(_run_duckdb(query, engine, scope))
    elif callable(getattr(engine, "cursor", None)):
        result = _run_dbapi(query, engine)
    else:
        raise ValueError(
            "Unsupported engine. Must be a SQLAlchemy, Ibis, Clickhouse, DuckDB, Redshift, "
            "StarRocks or DBAPI 2.0 compatible engine."
        )
    if result is not None and output:
        cell_output.replace(table(result, selection=None, pagination=True))
    return result
