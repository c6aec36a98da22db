"""``mo.ui.data_editor`` (and its old name ``experimental_data_editor``): cells
edited in a table.

The front end sends marimo's ``{"edits": [...]}``: ``{rowIdx, columnId,
value}`` sets a cell, ``{rowIdx, type: "insert" | "remove"}`` adds or removes
a row.  ``.value`` is the edited data, of the input's type: a list of dicts, a
list of plain values, a dict of lists, a pandas or polars frame.  A typed
value is converted to its column's type ("5" in a column of ints is 5).
"""

from __future__ import annotations

import copy
import sys
import warnings
from typing import Any, Callable, Literal, Sequence

from ..element import UIElement
from ._table import _library, field_types, json_rows, normalize

OnChange = Callable[[Any], None] | None
MAX_CELLS = 200_000


def _convert_like(value: Any, like: Any, column: str) -> Any:
    """``value`` as the type of ``like`` (the column's first present value)."""
    if value is None or like is None or isinstance(value, type(like)) and not isinstance(value, bool):
        return value
    kind = type(like).__name__
    try:
        if isinstance(like, bool) or kind == "bool_":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "1", "yes"):
                return True
            if text in ("false", "0", "no"):
                return False
            raise ValueError
        if isinstance(like, int) or kind.startswith("int"):
            number = float(value)
            return int(number) if number.is_integer() else number
        if isinstance(like, float) or kind.startswith("float"):
            return float(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"data_editor: {value!r} is not a valid {type(like).__name__} for column {column!r}"
        ) from None
    return value if not isinstance(like, str) else str(value)


class data_editor(UIElement):
    """A table whose cells can be edited; ``.value`` is the edited data."""

    _kind = "data_editor"

    def __init__(
        self,
        data: Any,
        *,
        label: str = "",
        on_change: OnChange = None,
        editable_columns: Sequence[str] | Literal["all"] = "all",
        column_sizing_mode: Literal["auto", "fit"] | None = None,
        pagination: bool | None = None,
        page_size: int | None = None,
    ) -> None:
        if not isinstance(data, (list, tuple, dict)) and _library(data) is None:
            raise ValueError(f"Data editor does not support this type of data: {type(data)}")
        self._data = data
        self._columns, self._rows = normalize(data)
        if len(self._rows) * max(1, len(self._columns)) > MAX_CELLS:
            raise ValueError(f"data_editor: at most {MAX_CELLS} cells can be edited")
        if editable_columns != "all":
            unknown = [c for c in editable_columns if c not in self._columns]
            if unknown:
                raise ValueError(f"data_editor: editable_columns {unknown} are not columns of the data")
        self._editable = list(self._columns) if editable_columns == "all" else list(editable_columns)
        size = page_size or 50
        props = {
            "columns": field_types(self._columns, self._rows),
            "rows": json_rows(self._rows, self._columns),
            "editable_columns": self._editable,
            "pagination": (len(self._rows) > size) if pagination is None else pagination,
            "page_size": size,
            "column_sizing_mode": column_sizing_mode or "auto",
        }
        super().__init__({"edits": []}, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> Any:
        edits = frontend_value.get("edits") if isinstance(frontend_value, dict) else None
        if not isinstance(edits, list):
            raise ValueError(f"data_editor: expected {{'edits': [...]}}, got {frontend_value!r}")
        if not edits:
            return self._data
        rows = copy.deepcopy(self._rows)
        for edit in edits:
            rows = self._apply(rows, edit)
        return self._as_input_type(rows)

    def _apply(self, rows: list[dict[str, Any]], edit: Any) -> list[dict[str, Any]]:
        if not isinstance(edit, dict) or not isinstance(edit.get("rowIdx"), int) or isinstance(edit.get("rowIdx"), bool):
            raise ValueError(f"data_editor: each edit needs an integer rowIdx, got {edit!r}")
        i = edit["rowIdx"]
        if edit.get("type") == "insert":
            if not 0 <= i <= len(rows):
                raise ValueError(f"data_editor: row {i} out of range 0..{len(rows)}")
            rows.insert(i, {c: None for c in self._columns})
            return rows
        if not 0 <= i < len(rows):
            raise ValueError(f"data_editor: row {i} out of range 0..{len(rows) - 1}")
        if edit.get("type") == "remove":
            del rows[i]
            return rows
        column = edit.get("columnId")
        if column not in self._columns:
            raise ValueError(f"data_editor: no column {column!r} (columns: {self._columns})")
        if column not in self._editable:
            raise ValueError(f"data_editor: column {column!r} is not editable")
        like = next((r[column] for r in self._rows if r.get(column) is not None), None)
        rows[i][column] = _convert_like(edit.get("value"), like, column)
        return rows

    def _as_input_type(self, rows: list[dict[str, Any]]) -> Any:
        data, columns = self._data, self._columns
        lib = _library(data)
        if lib == "pandas":
            return sys.modules["pandas"].DataFrame(rows, columns=columns).astype(
                {c: t for c, t in data.dtypes.items() if str(t) != "object"}, errors="ignore"
            )
        if lib == "polars":
            return sys.modules["polars"].DataFrame([[r[c] for c in columns] for r in rows], schema=data.schema, orient="row")
        if isinstance(data, dict):
            return {c: [r.get(c) for r in rows] for c in columns}
        if columns == ["value"] and not all(isinstance(r, dict) for r in data):
            return [r["value"] for r in rows]
        return rows

    @property
    def data(self) -> Any:
        return self._data


def experimental_data_editor(*args: Any, **kwargs: Any) -> data_editor:
    """marimo's earlier name for ``data_editor`` (deprecated there too)."""
    warnings.warn(
        "mo.ui.experimental_data_editor is deprecated. Use mo.ui.data_editor instead",
        DeprecationWarning,
        stacklevel=2,
    )
    return data_editor(*args, **kwargs)
