"""``mo.ui.matplotlib``: select a box on a matplotlib plot.

The figure is drawn once as a PNG; the page maps the pointer to data
coordinates with the axes' pixel bounds and limits (linear or log scales)
and sends ``{"type": "box", "has_selection": True, "data": {x_min, ...}}``
as marimo's front end does.  ``.value`` is a ``BoxSelection`` (or
``LassoSelection``, or a falsy ``EmptySelection``) with ``get_mask(x, y)``.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from ..element import UIElement


@dataclass(frozen=True)
class BoxSelection:
    x_min: float
    x_max: float
    y_min: float
    y_max: float

    def get_mask(self, x: Any, y: Any) -> Any:
        import numpy as np

        xs, ys = np.asarray(x), np.asarray(y)
        return (xs >= self.x_min) & (xs <= self.x_max) & (ys >= self.y_min) & (ys <= self.y_max)


@dataclass(frozen=True)
class LassoSelection:
    vertices: tuple[tuple[float, float], ...]

    def get_mask(self, x: Any, y: Any) -> Any:
        import numpy as np
        from matplotlib.path import Path

        return Path(self.vertices).contains_points(np.column_stack([np.asarray(x), np.asarray(y)]))


@dataclass(frozen=True)
class EmptySelection:
    def get_mask(self, x: Any, y: Any) -> Any:  # noqa: ARG002
        import numpy as np

        return np.zeros(len(np.asarray(x)), dtype=bool)

    def __bool__(self) -> bool:
        return False


class matplotlib(UIElement):
    """A matplotlib plot to select on; ``.value`` is the selection."""

    _kind = "matplotlib"

    def __init__(self, axes: Any, value: dict[str, tuple[float, float]] | None = None, *, debounce: bool = False) -> None:
        try:
            from matplotlib.figure import Figure
        except ImportError:
            raise ModuleNotFoundError("mo.ui.matplotlib needs matplotlib: add it to the notebook's packages") from None
        figure = axes.get_figure()
        if not isinstance(figure, Figure):
            raise ValueError("Axes must be attached to a figure.")
        self._ax = axes
        scales = (axes.get_xscale(), axes.get_yscale())
        for axis, scale in zip("xy", scales):
            if scale not in ("linear", "log"):
                raise ValueError(f"Unsupported {axis}-axis scale {scale!r}. mo.ui.matplotlib supports: linear, log.")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=figure.dpi)
        width, height = figure.get_size_inches() * figure.dpi
        box = axes.get_position()
        xlim, ylim = axes.get_xlim(), axes.get_ylim()
        initial: dict[str, Any] = {}
        if value is not None:
            try:
                sx0, sx1 = sorted(map(float, value["x"]))
                sy0, sy1 = sorted(map(float, value["y"]))
            except Exception:
                raise ValueError("`value` must be of the form {'x': (min, max), 'y': (min, max)}.") from None
            x0, x1 = max(sx0, min(xlim)), min(sx1, max(xlim))
            y0, y1 = max(sy0, min(ylim)), min(sy1, max(ylim))
            if x0 <= x1 and y0 <= y1:
                initial = {"type": "box", "has_selection": True,
                           "data": {"x_min": x0, "x_max": x1, "y_min": y0, "y_max": y1}}
        props = {
            "src": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode(),
            "x_bounds": list(map(float, xlim)), "y_bounds": list(map(float, ylim)),
            "axes_pixel_bounds": [float(v) for v in (box.x0 * width, (1 - box.y1) * height, box.x1 * width, (1 - box.y0) * height)],
            "width": float(width), "height": float(height), "debounce": debounce,
            "x_scale": scales[0], "y_scale": scales[1],
        }
        super().__init__(initial, props=props)

    @property
    def axes(self) -> Any:
        return self._ax

    def _convert(self, frontend_value: Any) -> BoxSelection | LassoSelection | EmptySelection:
        if not frontend_value or not isinstance(frontend_value, dict) or not frontend_value.get("has_selection"):
            return EmptySelection()
        data = frontend_value.get("data")
        try:
            if frontend_value.get("type") == "box":
                return BoxSelection(x_min=float(data["x_min"]), x_max=float(data["x_max"]),
                                    y_min=float(data["y_min"]), y_max=float(data["y_max"]))
            if frontend_value.get("type") == "lasso":
                return LassoSelection(vertices=tuple((float(v[0]), float(v[1])) for v in data))
        except (TypeError, KeyError, IndexError, ValueError):
            raise ValueError(f"matplotlib: not a selection: {frontend_value!r}") from None
        return EmptySelection()
