"""``mo.ui.table``: rows with sorting, pagination and row selection.

Accepts a list of dicts, a list of plain values, a dict of lists, or a
pandas/polars frame (recognised by module name, never imported here).  The
front end sends the selected rows' indices; ``.value`` is those rows: a list
of dicts, or a frame slice when given a frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from ....display import Bundle, format_value, register_formatter
from ....display.formatters import FRAME_TYPES
from ..._html import bundle_to_html
from ..element import UIElement
from ._common import base_props

OnChange = Callable[[Any], None] | None
MAX_ROWS = 20_000  # rows shipped to the page


def _library(data: Any) -> str | None:
    root = type(data).__module__.split(".")[0]
    return root if root in ("pandas", "polars") else None


def normalize(data: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows) of any accepted data."""
    lib = _library(data)
    if lib == "pandas":
        frame = data.reset_index(drop=True) if hasattr(data, "reset_index") else data
        if hasattr(frame, "to_frame") and not hasattr(frame, "columns"):
            frame = frame.to_frame()
        columns = [str(c) for c in frame.columns]
        rows = [dict(zip(columns, r)) for r in frame.itertuples(index=False, name=None)]
        return columns, rows
    if lib == "polars":
        if not hasattr(data, "columns"):
            data = data.to_frame()
        return [str(c) for c in data.columns], data.to_dicts()
    if isinstance(data, Mapping) and not any(
        isinstance(v, Sequence) and not isinstance(v, (str, bytes)) for v in data.values()
    ):  # a dict of scalars (dict(os.environ)): key/value rows, as marimo
        return ["key", "value"], [{"key": str(k), "value": v} for k, v in data.items()]
    if isinstance(data, Mapping):
        columns = [str(k) for k in data]
        lengths = {len(v) for v in data.values()}
        if len(lengths) > 1:
            raise ValueError(f"table: the columns have different lengths {sorted(lengths)}")
        n = lengths.pop() if lengths else 0
        values = list(data.values())
        return columns, [{c: values[j][i] for j, c in enumerate(columns)} for i in range(n)]
    if isinstance(data, Sequence) and not isinstance(data, (str, bytes)):
        rows = list(data)
        if all(type(r) is dict or isinstance(r, Mapping) for r in rows):
            keys: dict[Any, None] = {}
            for r in rows:
                keys.update(dict.fromkeys(r))
            if all(type(k) is str for k in keys):  # the usual case: copy the rows as they are
                return list(keys), [dict(r) for r in rows]
            return list(dict.fromkeys(map(str, keys))), [{str(k): v for k, v in r.items()} for r in rows]
        return ["value"], [{"value": r} for r in rows]
    raise ValueError(f"table: cannot show data of type {type(data).__name__}")


_PLAIN = frozenset({int, str, bool, type(None)})


def json_rows(rows: list[dict[str, Any]], columns: list[str]) -> list[list[Any]]:
    """Rows as lists of JSON-safe cells (plain values and finite floats pass as they are)."""
    plain, finite = _PLAIN, math.isfinite

    def cell(v: Any) -> Any:
        t = type(v)
        if t in plain or (t is float and finite(v)):
            return v
        return _cell(v)

    return [list(map(cell, map(r.get, columns))) for r in rows]


def _cell(value: Any) -> Any:
    """A JSON-safe cell for the page (numbers stay numbers for sorting)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and type(value).__module__.split(".")[0] == "numpy":
        try:
            return _cell(item())
        except (TypeError, ValueError):
            pass
    rich = _rich(value)
    return rich if rich is not None else str(value)


def _rich(value: Any) -> dict[str, str] | None:
    """A rich cell (mo.image, mo.md, a widget, a PIL image, a figure...):
    ``{"html": markup, "text": plain}``; the page sanitizes the markup."""
    if isinstance(value, (list, tuple, dict, set, bytes, bytearray)):
        return None
    bundle = format_value(value)
    if not bundle or set(bundle) <= {"text/plain"}:
        return None
    plain = bundle.get("text/plain") or ""
    return {"html": bundle_to_html(bundle), "text": plain[:200]}


def _type_kind(t: type) -> str | None:
    """The field type of values of type ``t`` (None: a null)."""
    import datetime as dt

    if t is type(None) or t.__name__ in ("NAType", "NaTType"):
        return None
    if issubclass(t, bool) or t.__name__ == "bool_":
        return "boolean"
    if issubclass(t, (int, float)) or (t.__module__ == "numpy" and t.__name__.startswith(("int", "uint", "float"))):
        return "number"
    if issubclass(t, str):
        return "string"
    if issubclass(t, dt.datetime):
        return "datetime"
    if issubclass(t, dt.date):
        return "date"
    return "unknown"


def dtype_of(values: list[Any]) -> str:
    """marimo's field types: number, boolean, string, date, datetime, unknown
    (by the values' types: one pass in C, then one check per type)."""
    kinds = {_type_kind(t) for t in set(map(type, values))} - {None}
    return kinds.pop() if len(kinds) == 1 else ("unknown" if kinds else "string")


def field_types(columns: list[str], rows: list[dict[str, Any]]) -> list[list[str]]:
    return [[c, dtype_of([r.get(c) for r in rows])] for c in columns]


@dataclass
class TableCell:
    """A selected cell (``selection="single-cell"`` or ``"multi-cell"``)."""

    row: str
    column: str
    value: Any


_SELECTIONS = (None, "single", "multi", "single-cell", "multi-cell")


class table(UIElement):
    _kind = "table"

    def __init__(
        self,
        data: Any,
        pagination: bool | None = None,
        selection: str | None = "multi",
        initial_selection: Sequence[int] | None = None,
        page_size: int | None = None,
        show_column_summaries: Any = None,
        show_data_types: bool = True,
        format_mapping: Mapping[str, Any] | None = None,
        freeze_columns_left: Sequence[str] | None = None,
        freeze_columns_right: Sequence[str] | None = None,
        text_justify_columns: Mapping[str, str] | None = None,
        wrapped_columns: list[str] | None = None,
        column_widths: Mapping[str, int] | None = None,
        hidden_columns: Sequence[str] | None = None,
        visible_columns: Sequence[str] | None = None,
        header_tooltip: Mapping[str, str] | None = None,
        show_download: bool = True,
        max_columns: Any = "inherit",
        *,
        show_search: bool = True,
        label: str = "",
        on_change: OnChange = None,
        style_cell: Callable[[str, str, Any], dict[str, Any]] | None = None,
        hover_template: str | Callable[[str, str, Any], str] | None = None,
        max_height: int | None = None,
    ) -> None:
        if selection not in _SELECTIONS:
            raise ValueError(f"table: selection must be one of {_SELECTIONS}, not {selection!r}")
        page_size = 10 if page_size is None else page_size
        if page_size > 200:
            raise ValueError("Page size limited to 200 rows. If you'd like this increased, please file an issue")
        self._data = data
        self._selection = selection
        self._columns, self._rows = normalize(data)
        shown_columns = _visible(self._columns, hidden_columns, visible_columns)
        shown = self._rows[:MAX_ROWS]
        cells = [[_cell(_format(r.get(c), c, format_mapping)) for c in shown_columns] for r in shown]
        if show_column_summaries is None:  # marimo's default: small enough, and long enough
            show_column_summaries = len(self._columns) <= 40 and len(self._rows) >= 11
        props = base_props(
            columns=shown_columns, rows=cells, total=len(self._rows), selection=selection,
            page_size=page_size,
            pagination=(len(self._rows) > page_size) if pagination is None else pagination,
            types=[dtype_of([r.get(c) for r in shown]) for c in shown_columns] if show_data_types else None,
            search=show_search, download=show_download, summaries=bool(show_column_summaries),
            max_height=max_height,
            styles=_per_cell(shown, shown_columns, style_cell, _css) if style_cell else None,
            titles=_per_cell(shown, shown_columns, hover_template, str) if hover_template else None,
        )
        props["rows"] = cells
        initial: list[Any] = list(initial_selection or [])
        if selection in ("single-cell", "multi-cell"):
            initial = [{"rowId": str(r), "columnName": str(c)} for r, c in initial]
        super().__init__(initial, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> Any:
        if self._selection in ("single-cell", "multi-cell"):
            return self._cells(frontend_value)
        if not isinstance(frontend_value, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in frontend_value
        ):
            raise ValueError(f"table: expected a list of row indices, got {frontend_value!r}")
        if self._selection is None and frontend_value:
            raise ValueError("table: rows cannot be selected (selection=None)")
        if self._selection == "single" and len(frontend_value) > 1:
            raise ValueError("table: one row at most (selection='single')")
        bad = [i for i in frontend_value if not 0 <= i < len(self._rows)]
        if bad:
            raise ValueError(f"table: row indices {bad} out of range 0..{len(self._rows) - 1}")
        return self._select(frontend_value)

    def _cells(self, frontend_value: Any) -> list[TableCell]:
        if not isinstance(frontend_value, list):
            raise ValueError(f"table: expected a list of cells, got {frontend_value!r}")
        if self._selection == "single-cell" and len(frontend_value) > 1:
            raise ValueError("table: one cell at most (selection='single-cell')")
        out = []
        for cell in frontend_value:
            row = cell.get("rowId") if isinstance(cell, dict) else None
            column = cell.get("columnName") if isinstance(cell, dict) else None
            if not (isinstance(row, str) and row.isdigit() and int(row) < len(self._rows)) or column not in self._columns:
                raise ValueError(f"table: no cell {cell!r}")
            out.append(TableCell(row=row, column=column, value=self._rows[int(row)].get(column)))
        return out

    def _select(self, indices: list[int]) -> Any:
        lib = _library(self._data)
        if lib == "pandas":
            return self._data.iloc[indices]
        if lib == "polars":
            return self._data[indices]
        return [self._rows[i] for i in indices]

    @property
    def data(self) -> Any:
        return self._data


def _visible(columns: list[str], hidden: Sequence[str] | None, visible: Sequence[str] | None) -> list[str]:
    if hidden and visible:
        raise ValueError("table: give hidden_columns or visible_columns, not both")
    if visible:
        return [c for c in columns if c in set(visible)]
    return [c for c in columns if c not in set(hidden or ())]


def _css(style: Mapping[str, Any] | None) -> str | None:
    if not style:
        return None
    return ";".join(f"{str(k).replace('_', '-')}:{v}" for k, v in style.items() if v is not None)


def _per_cell(rows: list[dict[str, Any]], columns: list[str], make: Any, convert: Callable[[Any], Any]) -> list[list[Any]]:
    """style_cell / hover_template for each shipped cell: a function of
    (row id, column, value), or a template with ``{{column}}`` slots."""
    out = []
    for i, row in enumerate(rows):
        line = []
        for c in columns:
            if callable(make):
                got = make(str(i), c, row.get(c))
            else:
                got = str(make)
                for name in columns:
                    got = got.replace("{{" + name + "}}", str(row.get(name)))
            line.append(convert(got) if got is not None else None)
        out.append(line)
    return out


def _format(value: Any, column: str, mapping: Mapping[str, Any] | None) -> Any:
    if not mapping or column not in mapping:
        return value
    fmt = mapping[column]
    return fmt(value) if callable(fmt) else format(value, fmt.lstrip("{:").rstrip("}") if isinstance(fmt, str) else "")


# -- data frames display as this table ------------------------------------------


def _frame_display(plain: Callable[[Any], Bundle], to_frame: Callable[[Any], Any]) -> Callable[[Any], Bundle]:
    """A formatter: ``mo.ui.table(frame)`` with the plain table inside the
    element until its script upgrades it (exports, pre-rendered outputs)."""

    def show(value: Any) -> Bundle:
        frame = to_frame(value)
        fallback = plain(frame)
        markup = table(frame)._html()
        if markup.endswith("></rv-ui>"):
            markup = markup[: -len("</rv-ui>")] + fallback["text/html"] + "</rv-ui>"
        return {"text/html": markup, "text/plain": fallback["text/plain"]}

    return show


for _name, (_plain, _to_frame) in FRAME_TYPES.items():
    register_formatter(_name)(_frame_display(_plain, _to_frame))
