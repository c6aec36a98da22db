"""``mo.ui.dataframe``: no-code transforms (filter, select, sort, group-by,
aggregate, rename, unique, sample, shuffle) of a pandas or polars frame, or of
standard-library data (a list of dicts, a dict of lists: Rivulet's addition,
so that it works offline, where pandas cannot be installed).

The front end sends marimo's ``{"transforms": [...]}``; it shows the
transformed rows and the pandas / polars code doing the same (web/src/widgets/
dataframe.js).  ``.value`` is the transformed data, of the input's type.
"""

from __future__ import annotations

import inspect
import sys
import warnings
from typing import Any, Callable

from ..element import UIElement
from . import _transforms
from ._table import MAX_ROWS, _library, field_types, json_rows, normalize

OnChange = Callable[[Any], None] | None


def variable_name(value: Any, fallback: str, depth: int = 2) -> str:
    """The name bound to ``value`` in the caller's caller (marimo's way)."""
    frame = inspect.currentframe()
    try:
        for _ in range(depth):
            frame = frame.f_back if frame is not None else None
        if frame is not None:
            for name, bound in frame.f_locals.items():
                if bound is value and not name.startswith("_"):
                    return name
    finally:
        del frame
    return fallback


def check_data(data: Any) -> None:
    if _library(data) is None and not isinstance(data, (list, tuple, dict)):
        raise ValueError(
            "Unsupported dataframe type. Must be Pandas, Polars, Ibis, Pyarrow, or DuckDB. "
            f"Got: {type(data)}"
        )
    if _library(data) == "pandas" and any(isinstance(c, int) for c in getattr(data, "columns", [])):
        warnings.warn(
            "DataFrame has integer column names. This is not supported and can lead to bugs. "
            "Please use strings for column names.",
            stacklevel=4,
        )


class dataframe(UIElement):
    """Transforms of a data frame chosen in the page; ``.value`` is the result."""

    _kind = "dataframe"

    def __init__(
        self,
        df: Any,
        on_change: OnChange = None,
        page_size: int | None = 5,
        limit: int | None = None,
        show_download: bool = True,
        *,
        format_mapping: dict[str, Any] | None = None,
        download_csv_encoding: str | None = None,
        download_csv_separator: str | None = None,
        download_json_ensure_ascii: bool = True,
        lazy: bool | None = None,
    ) -> None:
        check_data(df)
        self._data = df
        self._page_size = page_size or 5
        if self._page_size > 200:
            raise ValueError("Page size limited to 200 rows. If you'd like this increased, please file an issue")
        self._columns, self._rows = normalize(df)
        if limit is not None:
            self._rows = self._rows[:limit]
        self._name = variable_name(df, "df")
        shown = self._rows[:MAX_ROWS]
        props = {
            "columns": field_types(self._columns, shown),
            "rows": json_rows(shown, self._columns),
            "total": len(self._rows),
            "dataframe_name": self._name,
            "library": _library(df) or "python",
            "page_size": self._page_size,
            "show_download": show_download,
            "lazy": bool(lazy),
        }
        super().__init__({"transforms": []}, label="", on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> Any:
        steps = _transforms.parse(frontend_value, self._columns)
        return transform(self._data, self._columns, self._rows, steps)


def transform(data: Any, columns: list[str], rows: list[dict[str, Any]], steps: list[dict[str, Any]]) -> Any:
    """The steps applied to ``data``, giving data of the same type."""
    lib = _library(data)
    if lib is None:
        cols, out = _transforms.apply(steps, columns, rows)
        if isinstance(data, dict):
            return {c: [r.get(c) for r in out] for c in cols}
        return out
    frame, cols = data, list(columns)
    for s in steps:  # the rows follow the frame: no reading them back from it
        kind, result = _transforms.step(s, cols, rows)
        frame = _apply_to_frame(lib, frame, kind, result)
        cols, rows = _transforms.advance(kind, result, cols, rows)
    return frame


def _apply_to_frame(lib: str, frame: Any, kind: str, result: Any) -> Any:
    if kind == "take":
        return frame.iloc[result] if lib == "pandas" else frame[result]
    if kind == "columns":
        new_cols, renames = result
        if renames:
            return frame.rename(columns=renames) if lib == "pandas" else frame.rename(renames)
        return frame[new_cols] if lib == "pandas" else frame.select(new_cols)
    new_cols, new_rows = result
    module = sys.modules[lib]
    if lib == "pandas":
        return module.DataFrame(new_rows, columns=new_cols)
    return module.DataFrame([[r[c] for c in new_cols] for r in new_rows], schema=new_cols, orient="row")
