"""``mo.ui.data_explorer``: choose a chart type and the columns on x, y,
color, size, shape, row and column; the page draws the chart (Vega-Lite,
web/src/widgets/data_explorer.js).

The front end sends marimo's chart spec ``{"mark", "encoding": {channel:
{"field": column}}, "config"}``; ``.value`` is marimo's ``{channel: column}``.
"""

from __future__ import annotations

from typing import Any, Callable

from ..element import UIElement
from ._table import MAX_ROWS, _library, field_types, json_rows, normalize

OnChange = Callable[[dict[str, Any]], None] | None
CHANNELS = ("x", "y", "row", "column", "color", "size", "shape")
MARKS = ("?", "point", "bar", "line", "area", "tick", "circle", "square", "rect")


class data_explorer(UIElement):
    """Explore a data frame as charts; ``.value`` maps channels to columns."""

    _kind = "data_explorer"

    def __init__(
        self,
        df: Any,
        on_change: OnChange = None,
        x: str | None = None,
        y: str | None = None,
        row: str | None = None,
        column: str | None = None,
        color: str | None = None,
        size: str | None = None,
        shape: str | None = None,
    ) -> None:
        if not isinstance(df, (list, tuple, dict)) and _library(df) is None:
            raise ValueError(f"data_explorer: cannot explore data of type {type(df).__name__}")
        self._data = df
        self._columns, rows = normalize(df)
        fields = dict(zip(CHANNELS, (x, y, row, column, color, size, shape)))
        initial = {
            "mark": "?",
            "encoding": {ch: {"field": f} for ch, f in fields.items() if f is not None},
            "config": {},
        }
        shown = rows[:MAX_ROWS]
        props = {
            "columns": field_types(self._columns, shown),
            "rows": json_rows(shown, self._columns),
        }
        super().__init__(initial, label="", on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> Any:
        if not isinstance(frontend_value, dict):
            raise ValueError(f"data_explorer: expected a chart spec, got {frontend_value!r}")
        mark = frontend_value.get("mark", "?")
        if mark not in MARKS:
            raise ValueError(f"data_explorer: mark must be one of {list(MARKS)}, not {mark!r}")
        encoding = frontend_value.get("encoding", {})
        if not isinstance(encoding, dict):
            raise ValueError("data_explorer: encoding must be an object")
        out = {}
        for channel, field_def in encoding.items():
            if channel not in CHANNELS:
                raise ValueError(f"data_explorer: unknown channel {channel!r}")
            if isinstance(field_def, dict) and "field" in field_def:
                if field_def["field"] not in self._columns:
                    raise ValueError(f"data_explorer: no column {field_def['field']!r} (columns: {self._columns})")
                out[channel] = field_def["field"]
        return out
