"""``mo.ui.altair_chart`` and ``mo.ui.plotly``: charts whose selection is a value.

altair_chart: the chart's Vega-Lite spec gets selection params (a brush and a
click selection, and a legend selection) unless it has its own; the page
sends ``{param name: the param's signal value}`` and ``.value`` is the chart
data filtered by it, as marimo computes it: a pandas/polars frame slice (same
columns, dtypes and index) when the chart data is a frame, else a list of
dicts.  A plain dict Vega-Lite spec is accepted too (no altair needed: the
offline fallback), its data from ``data.values`` or ``datasets``.

plotly: the page sends ``{"points": [...], "indices": [...], "range": ...}``
from plotly's selection events; ``.value`` is the list of selected points (a
dict per point, keyed by the names in the trace's hovertemplate, as marimo).
A figure may be a plotly Figure or a plain dict ``{"data", "layout"}``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from typing import Any, Callable, Mapping, Sequence

from ..element import UIElement
from ._common import base_props
from ._table import _library, normalize

OnChange = Callable[[Any], None] | None

# marks for which a click selects (point) and a drag brushes (interval)
_POINT_ONLY = {"arc", "area", "bar", "image", "text", "trail", "rule", "geoshape", "boxplot"}
_POSITION = ("x", "y")
_FIELD_CHANNELS = ("x", "y", "color", "shape", "size", "column", "row", "detail", "theta")


# ------------------------------------------------------------------ the spec


def _mark_type(spec: Mapping[str, Any]) -> str | None:
    mark = spec.get("mark")
    if isinstance(mark, str):
        return mark
    if isinstance(mark, Mapping):
        return mark.get("type")
    return None


def _unit(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The unit spec selections go into: the spec itself, or its first marked layer."""
    if _mark_type(spec):
        return spec
    for layer in spec.get("layer") or []:
        if isinstance(layer, dict) and _mark_type(layer):
            return layer
    return None


def _encoded_fields(unit: Mapping[str, Any], channels: Sequence[str]) -> dict[str, str]:
    """channel -> field for the channels that show a raw (not aggregated) field."""
    out: dict[str, str] = {}
    encoding = unit.get("encoding") or {}
    for channel in channels:
        enc = encoding.get(channel)
        if isinstance(enc, Mapping) and isinstance(enc.get("field"), str) and not enc.get("aggregate"):
            out[channel] = enc["field"]
    return out


def _param_names(spec: Any, out: list[str]) -> list[str]:
    """Names of the selection params anywhere in the spec (not bound to inputs)."""
    if isinstance(spec, Mapping):
        for param in spec.get("params") or []:
            if isinstance(param, Mapping) and "select" in param and param.get("bind") in (None, "legend"):
                if param.get("name") not in out:
                    out.append(param["name"])
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for sub in spec.get(key) or []:
                _param_names(sub, out)
        if isinstance(spec.get("spec"), Mapping):
            _param_names(spec["spec"], out)
    return out


def make_selectable(
    spec: dict[str, Any], chart_selection: str | bool, legend_selection: Sequence[str] | bool
) -> tuple[dict[str, Any], list[str]]:
    """(spec with selection params added, the names of the params to listen to)."""
    spec = copy.deepcopy(spec)
    existing = _param_names(spec, [])
    has_select = any(
        isinstance(p, Mapping) and "select" in p and p.get("bind") is None
        for p in _all_params(spec)
    )
    has_legend = any(isinstance(p, Mapping) and p.get("bind") == "legend" for p in _all_params(spec))
    unit = _unit(spec)
    added: list[dict[str, Any]] = []
    if unit is not None and chart_selection is not False and chart_selection is not None and not has_select:
        mark = _mark_type(unit) or ""
        kinds = (
            ["point", "interval"] if chart_selection is True and mark not in _POINT_ONLY
            else ["point"] if chart_selection is True
            else [chart_selection]
        )
        fields = _encoded_fields(unit, _FIELD_CHANNELS)
        for kind in kinds:
            if kind == "interval":
                encodings = [c for c in _POSITION if c in fields]
                if not encodings:
                    continue
                added.append({"name": "select_interval", "select": {"type": "interval", "encodings": encodings}})
            elif kind == "point":
                select: dict[str, Any] = {"type": "point"}
                if fields:
                    select["fields"] = list(dict.fromkeys(fields.values()))
                added.append({"name": "select_point", "select": select})
            else:
                raise ValueError(f"altair_chart: chart_selection must be 'point', 'interval' or a bool, not {kind!r}")
    if unit is not None and legend_selection is not False and legend_selection is not None and not has_legend:
        color = (unit.get("encoding") or {}).get("color")
        field = color.get("field") if isinstance(color, Mapping) else None
        wanted = legend_selection is True or (isinstance(legend_selection, (list, tuple)) and field in legend_selection)
        if field and wanted and color.get("type", "nominal") in ("nominal", "ordinal"):
            added.append({
                "name": f"legend_selection_{field}",
                "select": {"type": "point", "fields": [field]},
                "bind": "legend",
            })
    if added and unit is not None:
        unit["params"] = [*(unit.get("params") or []), *added]
        encoding = unit.setdefault("encoding", {})
        if "opacity" not in encoding and _mark_type(unit) not in ("line", "area", "trail", "rule"):
            tests = [{"param": p["name"]} for p in added]
            encoding["opacity"] = {
                "condition": {"test": {"and": tests} if len(tests) > 1 else tests[0], "value": 1},
                "value": 0.2,
            }
    return spec, existing + [p["name"] for p in added]


def _all_params(spec: Any) -> list[Any]:
    out: list[Any] = []
    if isinstance(spec, Mapping):
        out += list(spec.get("params") or [])
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for sub in spec.get(key) or []:
                out += _all_params(sub)
        if isinstance(spec.get("spec"), Mapping):
            out += _all_params(spec["spec"])
    return out


def _spec_data(spec: Mapping[str, Any]) -> Any:
    """The rows of a dict spec: ``data.values`` or the named dataset."""
    data = spec.get("data")
    if isinstance(data, Mapping):
        if isinstance(data.get("values"), list):
            return data["values"]
        name = data.get("name")
        if name and isinstance(spec.get("datasets"), Mapping) and name in spec["datasets"]:
            return spec["datasets"][name]
    for layer in spec.get("layer") or []:
        if isinstance(layer, Mapping):
            found = _spec_data(layer)
            if found is not None:
                return found
    return None


def _binned_fields(spec: Mapping[str, Any]) -> set[str]:
    unit = _mark_type(spec) and spec or {}
    out = set()
    for enc in (unit.get("encoding") or {}).values():
        if isinstance(enc, Mapping) and enc.get("bin") and isinstance(enc.get("field"), str):
            out.add(enc["field"])
    return out


# ------------------------------------------------------------------ filtering


def _is_temporal(sample: Any) -> bool:
    return isinstance(sample, (dt.date, dt.datetime)) or type(sample).__name__ == "Timestamp"


def _coerce(value: Any, sample: Any) -> Any:
    """A selection value (JSON) as the column's type (dates arrive as ms or ISO text)."""
    if sample is None or not _is_temporal(sample):
        return value
    is_datetime = isinstance(sample, dt.datetime) or type(sample).__name__ == "Timestamp"
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            moment = dt.datetime.fromtimestamp(value / 1000)
            return moment if is_datetime else moment.date()
        if isinstance(value, str):
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if getattr(sample, "tzinfo", None) is None and moment.tzinfo is not None:
                moment = moment.replace(tzinfo=None)
            return moment if is_datetime else moment.date()
    except (ValueError, OverflowError, OSError):
        return value
    return value


def _plain(value: Any) -> Any:
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def _eq(a: Any, b: Any) -> bool:
    a = _plain(a)
    try:
        if isinstance(a, float) and isinstance(b, (int, float)) and not math.isnan(a):
            return a == b
        if type(a).__name__ == "Timestamp" and isinstance(b, dt.datetime):
            return a.to_pydatetime() == b
        if a == b:
            return True
        # values may come back as text (CSV data): compare as text then
        return isinstance(b, str) != isinstance(a, str) and str(a) == str(b)
    except TypeError:
        return False


def _orderable(value: Any) -> bool:
    return (isinstance(value, (int, float, dt.date)) and not isinstance(value, bool)) or _is_temporal(value)


def filter_rows(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    selection: Mapping[str, Any],
    binned: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[int]:
    """Indices of the rows the selection keeps (marimo's rules, over plain rows)."""
    keep = list(range(len(rows)))
    if not isinstance(selection, Mapping):
        raise TypeError("Input 'selection' must be a dictionary")
    names = set(columns)
    samples = {c: next((r.get(c) for r in rows if r.get(c) is not None), None) for c in columns}
    for channel, fields in selection.items():
        if not isinstance(channel, str) or not isinstance(fields, Mapping):
            raise ValueError(f"Invalid selection format for channel: {channel}")
        if channel.startswith("pan_zoom") or not fields:
            continue
        if set(fields) == {"vlPoint", "_vgsid_"}:
            wanted = [int(i) - 1 for i in fields.get("_vgsid_") or []]
            keep = [keep[i] for i in wanted if 0 <= i < len(keep)]
            continue
        is_point = "vlPoint" in fields
        ors = (fields.get("vlPoint") or {}).get("or") if is_point and isinstance(fields.get("vlPoint"), Mapping) else None
        if is_point and isinstance(ors, list) and ors:
            points = [
                {f: _coerce(v, samples.get(f)) for f, v in p.items() if f in names}
                for p in ors if isinstance(p, Mapping)
            ]
            points = [p for p in points if p]
            if points:
                keep = [i for i in keep if any(all(_eq(rows[i].get(f), v) for f, v in p.items()) for p in points)]
                continue
        for field, values in fields.items():
            if field in ("vlPoint", "_vgsid_"):
                continue
            if field not in names:
                raise ValueError(f"Field '{field}' not found in DataFrame")
            values = values if isinstance(values, list) else [values]
            values = [_coerce(v, samples.get(field)) for v in values]
            if is_point and field not in binned:
                keep = [i for i in keep if any(_eq(rows[i].get(field), v) for v in values)]
            elif len(values) == 1:
                keep = [i for i in keep if _eq(rows[i].get(field), values[0])]
            elif len(values) == 2 and _orderable(values[0]):
                lo, hi = values
                if field in binned:
                    top = max((_plain(rows[i].get(field)) for i in keep if rows[i].get(field) is not None), default=None)
                    closed = top is not None and hi >= top
                else:
                    closed = True
                keep = [i for i in keep if _in_range(rows[i].get(field), lo, hi, closed)]
            elif len(values) > 1:
                keep = [i for i in keep if any(_eq(rows[i].get(field), v) for v in values)]
    return keep


def _in_range(value: Any, lo: Any, hi: Any, closed: bool) -> bool:
    value = _plain(value)
    if type(value).__name__ == "Timestamp":
        value = value.to_pydatetime()
    try:
        return lo <= value <= hi if closed else lo <= value < hi
    except TypeError:
        return False


def _take(data: Any, rows: list[dict[str, Any]], indices: list[int]) -> Any:
    lib = _library(data)
    if lib == "pandas":
        return data.iloc[indices]
    if lib == "polars":
        return data[indices]
    return [rows[i] for i in indices]


def _empty(data: Any) -> Any:
    if data is None:
        return []
    lib = _library(data)
    if lib == "pandas":
        return data.head(0)
    if lib == "polars":
        return data.head(0)
    return {} if isinstance(data, Mapping) else []


# ------------------------------------------------------------------ altair_chart


def _altair_spec(chart: Any) -> dict[str, Any]:
    from ....display.formatters import altair_spec

    return json.loads(json.dumps(altair_spec(chart), default=str))


class altair_chart(UIElement):
    """A reactive Vega-Lite chart: ``.value`` is the data the user selected."""

    _kind = "altair_chart"

    def __init__(
        self,
        chart: Any,
        chart_selection: str | bool = True,
        legend_selection: Sequence[str] | bool = True,
        *,
        label: str = "",
        on_change: OnChange = None,
    ) -> None:
        if isinstance(chart, Mapping):
            spec = json.loads(json.dumps(chart, default=str))
            self._chart = chart
            data = _spec_data(chart)  # the user's values (dates stay dates)
        elif type(chart).__module__.split(".")[0] == "altair":
            spec = _altair_spec(chart)
            self._chart = chart
            raw = getattr(chart, "data", None)
            data = raw if _library(raw) or isinstance(raw, (list, dict)) else _spec_data(spec)
        else:
            raise ValueError(f"Invalid type for chart: {type(chart)}; expected altair.Chart")
        if chart_selection not in (True, False, None, "point", "interval"):
            raise ValueError(
                f"altair_chart: chart_selection must be 'point', 'interval' or a bool, not {chart_selection!r}"
            )
        if label:
            spec["title"] = label
        spec, signals = make_selectable(spec, chart_selection, legend_selection)
        self.dataframe = data
        self._spec = spec
        self._binned = _binned_fields(spec)
        self._selections: dict[str, Any] = {}
        self._columns: list[str] = []
        self._rows: list[dict[str, Any]] = []
        if data is not None:
            self._columns, self._rows = normalize(data)
        props = base_props(spec=spec, signals=signals)
        super().__init__({}, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> Any:
        if not isinstance(frontend_value, Mapping) or not all(
            isinstance(v, Mapping) or v is None for v in frontend_value.values()
        ):
            raise ValueError(f"altair_chart: expected {{param: selection}}, got {frontend_value!r}")
        selection = {k: dict(v) for k, v in frontend_value.items() if v}
        if self.dataframe is None:
            self._selections = selection
            return []
        keep = filter_rows(self._columns, self._rows, selection, self._binned)
        self._selections = selection
        if not any(selection.values()):
            return _empty(self.dataframe)
        return _take(self.dataframe, self._rows, keep)

    @property
    def selections(self) -> dict[str, Any]:
        """The raw selection: ``{param name: {field: values}}``."""
        return self._selections

    def apply_selection(self, df: Any) -> Any:
        """``df`` filtered by the chart's current selection."""
        columns, rows = normalize(df)
        if not any(self._selections.values()):
            return _take(df, rows, list(range(len(rows))))
        return _take(df, rows, filter_rows(columns, rows, self._selections, self._binned))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        chart = self.__dict__.get("_chart")
        if chart is None or isinstance(chart, Mapping):
            raise AttributeError(name)
        return getattr(chart, name)


# ------------------------------------------------------------------ plotly


def _figure_dict(figure: Any) -> dict[str, Any]:
    if isinstance(figure, Mapping):
        return json.loads(json.dumps(figure, default=str))
    to_json = getattr(figure, "to_json", None)
    if callable(to_json):
        return json.loads(to_json())
    raise ValueError(f"plotly: expected a plotly Figure or a dict, got {type(figure).__name__}")


class plotly(UIElement):
    """A reactive plotly figure: ``.value`` is the list of selected points."""

    _kind = "plotly"

    def __init__(
        self,
        figure: Any,
        config: Mapping[str, Any] | None = None,
        renderer_name: str | None = None,
        *,
        label: str = "",
        on_change: OnChange = None,
    ) -> None:
        self._figure = figure
        self._selection_data: dict[str, Any] = {}
        fig = _figure_dict(figure)
        props = base_props(figure=fig, config=dict(config or {}))
        super().__init__({}, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> Any:
        if not isinstance(frontend_value, Mapping):
            raise ValueError(f"plotly: expected a selection object, got {frontend_value!r}")
        points = frontend_value.get("points", [])
        indices = frontend_value.get("indices", [])
        if not isinstance(points, list) or not all(isinstance(p, Mapping) for p in points):
            raise ValueError("plotly: points must be a list of objects")
        if not isinstance(indices, list):
            raise ValueError("plotly: indices must be a list")
        self._selection_data = dict(frontend_value)
        return [dict(p) for p in points]

    @property
    def ranges(self) -> dict[str, list[float]]:
        return dict(self._selection_data.get("range") or {})

    @property
    def points(self) -> list[dict[str, Any]]:
        return list(self._selection_data.get("points") or [])

    @property
    def indices(self) -> list[int]:
        return list(self._selection_data.get("indices") or [])
