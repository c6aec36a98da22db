"""The transforms of ``mo.ui.dataframe``, as marimo's front end sends them.

``parse`` checks a front-end value (``{"transforms": [...]}``, marimo's
shape) against the columns at each step and returns plain dicts; ``apply``
runs them over rows (dicts), so the same code serves pandas, polars and
standard-library data.  Each step says what it did to the rows: ``take``
(a subset or reordering, by position), ``columns`` (select or rename), or
``new`` (a new table: group-by, aggregate).
"""

from __future__ import annotations

import math
import random
import re
import statistics
from typing import Any, Callable

OPERATORS = frozenset({
    "==", "!=", "<", ">", "<=", ">=", "is_true", "is_false", "is_null", "is_not_null",
    "equals", "does_not_equal", "contains", "regex", "starts_with", "ends_with",
    "in", "not_in", "between", "is_empty",
})
AGGREGATIONS = ("count", "sum", "mean", "median", "min", "max")
SUPPORTED = ("filter_rows", "select_columns", "sort_column", "rename_column", "group_by",
             "aggregate", "unique", "shuffle_rows", "sample_rows")
NOT_SUPPORTED = ("column_conversion", "explode_columns", "expand_dict", "pivot")

Row = dict[str, Any]


def is_null(value: Any) -> bool:
    """None, NaN, and pandas' NA/NaT."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return type(value).__name__ in ("NAType", "NaTType") or (
        type(value).__module__ == "numpy" and isinstance(value.item(), float) and math.isnan(value.item())
    )


# -- parsing -------------------------------------------------------------------


def _columns(t: dict[str, Any], key: str, columns: list[str]) -> list[str]:
    ids = t.get(key, [])
    if not isinstance(ids, list) or not all(isinstance(c, str) for c in ids):
        raise ValueError(f"dataframe: {key} must be a list of column names")
    missing = [c for c in ids if c not in columns]
    if missing:
        raise ValueError(f"dataframe: no column {missing[0]!r} (columns: {columns})")
    return ids


def _column(t: dict[str, Any], columns: list[str], key: str = "column_id") -> str:
    c = t.get(key)
    if not isinstance(c, str) or c not in columns:
        raise ValueError(f"dataframe: no column {c!r} (columns: {columns})")
    return c


def _condition(c: Any, columns: list[str]) -> dict[str, Any]:
    if not isinstance(c, dict):
        raise ValueError("dataframe: a filter condition must be an object")
    if c.get("type") == "group" or "children" in c:
        kids = c.get("children", [])
        if not isinstance(kids, list):
            raise ValueError("dataframe: a filter group's children must be a list")
        op = c.get("operator", "and")
        if op not in ("and", "or"):
            raise ValueError(f"dataframe: a filter group's operator must be 'and' or 'or', not {op!r}")
        return {"type": "group", "operator": op, "negate": bool(c.get("negate", False)),
                "children": [_condition(k, columns) for k in kids]}
    op = c.get("operator")
    if op not in OPERATORS:
        raise ValueError(f"dataframe: unknown filter operator {op!r}")
    value = c.get("value")
    if op in ("in", "not_in") and not isinstance(value, (list, tuple)):
        raise ValueError("value must be a list or tuple for 'in' or 'not_in' operator")
    if op == "between" and not (isinstance(value, dict) and "min" in value and "max" in value):
        raise ValueError("value must be a dict with 'min' and 'max' keys for 'between' operator")
    if op == "regex":
        try:
            re.compile(str(value))
        except re.error as exc:
            raise ValueError(f"dataframe: bad regular expression {value!r}: {exc}") from None
    return {"type": "condition", "column_id": _column(c, columns), "operator": op,
            "value": value, "negate": bool(c.get("negate", False))}


def _aggregation(a: Any) -> str:
    if a not in AGGREGATIONS:
        raise ValueError(f"dataframe: aggregation must be one of {list(AGGREGATIONS)}, not {a!r}")
    return a


def parse(value: Any, columns: list[str]) -> list[dict[str, Any]]:
    """The checked transforms of a front-end value (marimo's shape)."""
    if value is None:
        return []
    if not isinstance(value, dict) or not isinstance(value.get("transforms"), list):
        raise ValueError(f"dataframe: expected {{'transforms': [...]}}, got {value!r}")
    out: list[dict[str, Any]] = []
    cols = list(columns)
    for t in value["transforms"]:
        if not isinstance(t, dict):
            raise ValueError("dataframe: each transform must be an object")
        kind = t.get("type")
        if kind in NOT_SUPPORTED:
            raise ValueError(f"dataframe: the {kind!r} transform is not supported in Rivulet")
        if kind not in SUPPORTED:
            raise ValueError(f"dataframe: unknown transform type {kind!r}")
        step: dict[str, Any] = {"type": kind}
        if kind == "filter_rows":
            where = t.get("where", [])
            if isinstance(where, list):  # marimo's legacy flat list
                where = {"type": "group", "operator": "and", "children": where}
            step["operation"] = t.get("operation", "keep_rows")
            if step["operation"] not in ("keep_rows", "remove_rows"):
                raise ValueError("dataframe: operation must be 'keep_rows' or 'remove_rows'")
            step["where"] = _condition(where, cols)
        elif kind == "select_columns":
            step["column_ids"] = _columns(t, "column_ids", cols)
            cols = step["column_ids"] or cols
        elif kind == "sort_column":
            step["column_id"] = _column(t, cols)
            step["ascending"] = bool(t.get("ascending", True))
            step["na_position"] = "first" if t.get("na_position") == "first" else "last"
        elif kind == "rename_column":
            step["column_id"] = _column(t, cols)
            new = t.get("new_column_id")
            if not isinstance(new, str) or not new:
                raise ValueError("dataframe: the new column name must be a non-empty string")
            step["new_column_id"] = new
            cols = [new if c == step["column_id"] else c for c in cols]
        elif kind == "group_by":
            step["column_ids"] = _columns(t, "column_ids", cols)
            if not step["column_ids"]:
                raise ValueError("dataframe: group by needs at least one column")
            step["aggregation"] = _aggregation(t.get("aggregation", "count"))
            step["aggregation_column_ids"] = _columns(t, "aggregation_column_ids", cols)
            step["drop_na"] = bool(t.get("drop_na", False))
            keys = set(step["column_ids"])
            aggs = [c for c in (step["aggregation_column_ids"] or cols) if c not in keys]
            cols = step["column_ids"] + [f"{c}_{step['aggregation']}" for c in aggs]
        elif kind == "aggregate":
            step["column_ids"] = _columns(t, "column_ids", cols)
            aggs = t.get("aggregations", [])
            if not isinstance(aggs, list) or not aggs:
                raise ValueError("dataframe: aggregate needs at least one aggregation")
            step["aggregations"] = [_aggregation(a) for a in aggs]
            cols = [f"{c}_{a}" for a in step["aggregations"] for c in step["column_ids"]]
        elif kind == "unique":
            step["column_ids"] = _columns(t, "column_ids", cols)
            keep = t.get("keep", "first")
            if keep not in ("first", "last", "none", "any"):
                raise ValueError(f"dataframe: keep must be 'first', 'last', 'none' or 'any', not {keep!r}")
            step["keep"] = keep
        else:  # shuffle_rows, sample_rows
            seed = t.get("seed", 42)
            step["seed"] = seed if isinstance(seed, int) and not isinstance(seed, bool) else 42
            if kind == "sample_rows":
                n = t.get("n")
                if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                    raise ValueError(f"dataframe: sample needs a number of rows >= 0, got {n!r}")
                step["n"] = n
                step["replace"] = bool(t.get("replace", False))
        out.append(step)
    return out


def columns_after(columns: list[str], steps: list[dict[str, Any]]) -> list[str]:
    cols = list(columns)
    for step in steps:
        cols = _columns_of(step, cols)
    return cols


def _columns_of(step: dict[str, Any], cols: list[str]) -> list[str]:
    kind = step["type"]
    if kind == "select_columns":
        return step["column_ids"] or cols
    if kind == "rename_column":
        return [step["new_column_id"] if c == step["column_id"] else c for c in cols]
    if kind == "group_by":
        keys = set(step["column_ids"])
        aggs = [c for c in (step["aggregation_column_ids"] or cols) if c not in keys]
        return step["column_ids"] + [f"{c}_{step['aggregation']}" for c in aggs]
    if kind == "aggregate":
        return [f"{c}_{a}" for a in step["aggregations"] for c in step["column_ids"]]
    return cols


# -- applying ----------------------------------------------------------------------


def _compare(a: Any, b: Any, op: str) -> bool:
    try:
        return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
    except TypeError:
        return False


def _test(cond: dict[str, Any], row: Row) -> bool:
    if cond["type"] == "group":
        results = [_test(c, row) for c in cond["children"]]
        hit = (all(results) if cond["operator"] == "and" else any(results)) if results else True
        return hit != cond["negate"]
    v, op, x = row.get(cond["column_id"]), cond["operator"], cond["value"]
    null = is_null(v)
    text = "" if null else str(v)
    if op in ("==", "equals"):
        hit = not null and v == x
    elif op in ("!=", "does_not_equal"):
        hit = null or v != x
    elif op in ("<", ">", "<=", ">="):
        hit = not null and _compare(v, x, op)
    elif op == "contains":
        hit = str(x) in text
    elif op == "regex":
        hit = re.search(str(x), text) is not None
    elif op == "starts_with":
        hit = text.startswith(str(x))
    elif op == "ends_with":
        hit = text.endswith(str(x))
    elif op == "in":
        hit = not null and v in list(x)
    elif op == "not_in":
        hit = null or v not in list(x)
    elif op == "is_null":
        hit = null
    elif op == "is_not_null":
        hit = not null
    elif op == "is_true":
        hit = not null and bool(v == True)  # noqa: E712 - numpy bools too
    elif op == "is_false":
        hit = not null and bool(v == False)  # noqa: E712
    elif op == "between":
        hit = not null and _compare(v, x["min"], ">=") and _compare(v, x["max"], "<=")
    else:  # is_empty
        hit = not null and v == ""
    if cond["negate"]:
        hit = not hit and not (null and op in ("contains", "regex", "starts_with", "ends_with"))
    return hit


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value)
    return (1, str(value))


def aggregate(values: list[Any], how: str) -> Any:
    present = [v for v in values if not is_null(v)]
    if how == "count":
        return len(present)
    if how == "sum":
        return sum(present) if present else 0
    if not present:
        return None
    if how == "mean":
        return statistics.fmean(present)
    if how == "median":
        return statistics.median(present)
    key: Callable[[Any], Any] = _sort_key
    return min(present, key=key) if how == "min" else max(present, key=key)


def step(kind_step: dict[str, Any], cols: list[str], rows: list[Row]) -> tuple[str, Any]:
    """One transform over rows: ("take", positions), ("columns", (cols,
    renames)) or ("new", (cols, rows))."""
    kind = kind_step["type"]
    s = kind_step
    if kind == "filter_rows":
        keep = s["operation"] == "keep_rows"
        return "take", [i for i, r in enumerate(rows) if _test(s["where"], r) == keep]
    if kind == "sort_column":
        c = s["column_id"]
        present = [i for i, r in enumerate(rows) if not is_null(r.get(c))]
        nulls = [i for i, r in enumerate(rows) if is_null(r.get(c))]
        present.sort(key=lambda i: _sort_key(rows[i][c]), reverse=not s["ascending"])
        return "take", (nulls + present if s["na_position"] == "first" else present + nulls)
    if kind in ("shuffle_rows", "sample_rows"):
        order = list(range(len(rows)))
        rng = random.Random(s["seed"])
        if kind == "shuffle_rows":
            rng.shuffle(order)
            return "take", order
        if s["replace"]:
            return "take", [rng.randrange(len(rows)) for _ in range(s["n"])] if rows else []
        return "take", sorted(rng.sample(order, min(s["n"], len(order))))
    if kind == "unique":
        key_cols = s["column_ids"] or cols
        seen: dict[tuple, list[int]] = {}
        for i, r in enumerate(rows):
            seen.setdefault(tuple(_hashable(r.get(c)) for c in key_cols), []).append(i)
        if s["keep"] == "none":
            return "take", sorted(ix[0] for ix in seen.values() if len(ix) == 1)
        pick = -1 if s["keep"] == "last" else 0
        return "take", sorted(ix[pick] for ix in seen.values())
    if kind == "select_columns":
        return "columns", (s["column_ids"] or cols, {})
    if kind == "rename_column":
        return "columns", (_columns_of(s, cols), {s["column_id"]: s["new_column_id"]})
    new_cols = _columns_of(s, cols)
    if kind == "aggregate":
        row = {f"{c}_{a}": aggregate([r.get(c) for r in rows], a)
               for a in s["aggregations"] for c in s["column_ids"]}
        return "new", (new_cols, [row])
    # group_by
    keys = s["column_ids"]
    groups: dict[tuple, list[Row]] = {}
    for r in rows:
        key = tuple(_hashable(r.get(c)) for c in keys)
        if s["drop_na"] and None in key:  # _hashable made every null None
            continue
        groups.setdefault(key, []).append(r)
    agg_cols = new_cols[len(keys):]
    sources = [c[: -len(s["aggregation"]) - 1] for c in agg_cols]
    out = []
    for key in sorted(groups, key=lambda k: tuple((is_null(v), _sort_key(v)) for v in k)):
        members = groups[key]
        row = dict(zip(keys, (members[0].get(c) for c in keys)))
        row.update({a: aggregate([m.get(src) for m in members], s["aggregation"]) for a, src in zip(agg_cols, sources)})
        out.append(row)
    return "new", (new_cols, out)


def _hashable(value: Any) -> Any:
    if is_null(value):
        return None
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def advance(kind: str, result: Any, cols: list[str], rows: list[Row]) -> tuple[list[str], list[Row]]:
    """The columns and rows after a step's result (see ``step``)."""
    if kind == "take":
        return cols, [rows[i] for i in result]
    if kind == "columns":
        new_cols, renames = result
        if renames:
            return new_cols, [{renames.get(k, k): v for k, v in r.items()} for r in rows]
        return new_cols, [{c: r.get(c) for c in new_cols} for r in rows]
    return result


def apply(steps: list[dict[str, Any]], cols: list[str], rows: list[Row]) -> tuple[list[str], list[Row]]:
    """All the steps over standard-library rows."""
    for s in steps:
        cols, rows = advance(*step(s, cols, rows), cols, rows)
    return cols, rows
