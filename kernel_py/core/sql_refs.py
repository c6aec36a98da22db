"""The tables a cell's ``mo.sql(...)`` queries read: names of other cells'
data frames, so that a SQL cell runs after, and re-runs with, the cells
defining them (marimo links them the same way).

Apart from the AST visitor (analysis.py calls it only for code that calls
``.sql(``): a query is the call's first argument, a string or an f-string
(its ``{...}`` parts are ordinary Python refs already). Names after FROM and
JOIN count, minus the query's own CTEs and dotted names (schema.table).
"""

from __future__ import annotations

import ast
import re

_TABLE = re.compile(r"\b(?:from|join)\s+([A-Za-z_]\w*)\b(?!\s*[.(])", re.IGNORECASE)
_CTE = re.compile(r"(?:\bwith|,)\s*(?:recursive\s+)?([A-Za-z_]\w*)\s+as\s*\(", re.IGNORECASE)
_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)
_QUOTED = re.compile(r"'(?:[^']|'')*'")


def _query_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " 0 " for v in node.values)
    return None


def table_names(query: str) -> set[str]:
    """Plain table names a query reads (not its CTEs, not schema.table)."""
    text = _QUOTED.sub("''", _COMMENT.sub(" ", query))
    ctes = {m.lower() for m in _CTE.findall(text)}
    return {name for name in _TABLE.findall(text) if name.lower() not in ctes}


def sql_refs(tree: ast.AST) -> set[str]:
    """Table names read by the ``<name>.sql(query, ...)`` calls in ``tree``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "sql"
            and isinstance(node.func.value, ast.Name)
            and node.args
        ):
            query = _query_text(node.args[0])
            if query is not None:
                names |= table_names(query)
    return names
