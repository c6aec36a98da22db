"""``mo.ui.matrix``: a grid of numbers, each entry a small slider.

Arguments, checks and messages follow marimo 0.25 (``_impl/matrix.py``):
scalars broadcast to every entry, a flat list is a column vector (and its
``.value`` a flat list), array-likes are read through ``.tolist()``.
"""

from __future__ import annotations

import math
from typing import Any

from ..element import UIElement


def _listed(param: Any) -> Any:
    return param.tolist() if hasattr(param, "tolist") else param


def _broadcast(name: str, param: Any, rows: int, cols: int) -> list[list[Any]]:
    param = _listed(param)
    if not isinstance(param, list):
        return [[param] * cols for _ in range(rows)]
    if len(param) != rows:
        raise ValueError(f"`{name}` has {len(param)} rows but expected {rows}")
    for i, row in enumerate(param):
        if not isinstance(row, (list, tuple)):
            raise ValueError(f"`{name}` row {i} must be a list, got {type(row)}")
        if len(row) != cols:
            raise ValueError(f"`{name}` row {i} has {len(row)} columns but expected {cols}")
        for j, cell in enumerate(row):
            if isinstance(cell, (list, tuple)):
                raise ValueError(
                    f"`{name}` must be 2D, but found a nested sequence at position [{i}][{j}]"
                )
    return [list(row) for row in param]


def _column(name: str, param: Any) -> Any:
    """A 1D parameter of a column vector as a column: [a, b] -> [[a], [b]]."""
    param = _listed(param)
    if not isinstance(param, list):
        return param
    for i, v in enumerate(param):
        if isinstance(v, (list, tuple)):
            raise ValueError(f"`{name}` must be scalar or 1D, but element {i} is a {type(v).__name__}")
    return [[v] for v in param]


def _parse(value: Any) -> tuple[list[list[Any]], bool]:
    value = _listed(value)
    if not isinstance(value, list):
        raise ValueError(f"`value` must be a list of lists or array-like, got {type(value)}")
    if not value:
        raise ValueError("`value` must be non-empty")
    first = value[0]
    if not isinstance(first, (list, tuple)):
        for i, v in enumerate(value):
            if isinstance(v, (list, tuple)):
                raise ValueError(f"`value` must be 1D, but element {i} is a {type(v).__name__}")
        return [[v] for v in value], True
    if not first:
        raise ValueError(f"`value` must contain non-empty lists, but row 0 is {first!r}")
    return _broadcast("value", value, len(value), len(first)), False


def _places(x: Any, scientific: bool) -> int:
    """Decimal places needed to show x (its mantissa's when scientific)."""
    if scientific:
        if x == 0:
            return 0
        if isinstance(x, int):
            return max(0, len(str(abs(x)).rstrip("0")) - 1)
        mantissa = f"{x:.15e}".split("e")[0].rstrip("0").rstrip(".")
        return len(mantissa.split(".")[1]) if "." in mantissa else 0
    if isinstance(x, int) or x == int(x):
        return 0
    text = repr(x)
    if "e" in text.lower():
        mantissa, exponent = text.lower().split("e")
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return max(0, decimals - int(exponent))
    return len(text.split(".")[1]) if "." in text else 0


class matrix(UIElement):
    """A matrix (or column vector) of numbers; ``.value`` is a nested list
    (a flat list when made from a flat list)."""

    _kind = "matrix"

    def __init__(
        self,
        value: Any,
        *,
        min_value: Any = None,
        max_value: Any = None,
        step: Any = 1.0,
        disabled: Any = False,
        symmetric: bool = False,
        scientific: bool = False,
        precision: int | None = None,
        row_labels: list[str] | None = None,
        column_labels: list[str] | None = None,
        debounce: bool = False,
        label: str = "",
    ) -> None:
        data, is_vector = _parse(value)
        rows, cols = len(data), len(data[0])
        if is_vector and symmetric:
            raise ValueError("`symmetric` is not supported for 1D (vector) input")
        shape = _column if is_vector else (lambda _name, p: p)
        lo = _broadcast("min_value", shape("min_value", min_value), rows, cols) if min_value is not None else None
        hi = _broadcast("max_value", shape("max_value", max_value), rows, cols) if max_value is not None else None
        steps = _broadcast("step", shape("step", step), rows, cols)
        off = _broadcast("disabled", shape("disabled", disabled), rows, cols)
        self._check(data, lo, hi, steps, symmetric, row_labels, column_labels)
        if precision is None:
            precision = min(8, max(_places(v, scientific) for row in data + steps for v in row))
        if not isinstance(precision, int) or precision < 0:
            raise ValueError(f"`precision` must be a non-negative integer, got {precision}")
        self._is_vector = is_vector
        self._lo, self._hi, self._symmetric = lo, hi, symmetric
        props = {
            "min_value": lo, "max_value": hi, "step": steps, "precision": precision,
            "row_labels": row_labels, "column_labels": column_labels, "symmetric": symmetric,
            "debounce": debounce, "scientific": scientific, "disabled": off,
        }
        super().__init__(data, label=label, props=props)

    @staticmethod
    def _check(data, lo, hi, steps, symmetric, row_labels, column_labels) -> None:
        rows, cols = len(data), len(data[0])
        for i in range(rows):
            for j in range(cols):
                if steps[i][j] <= 0:
                    raise ValueError(f"`step` must be positive, got {steps[i][j]} at position [{i}][{j}]")
                if lo is not None and hi is not None and lo[i][j] >= hi[i][j]:
                    raise ValueError(
                        f"`min_value` ({lo[i][j]}) must be less than `max_value` ({hi[i][j]}) "
                        f"at position [{i}][{j}]"
                    )
                if lo is not None and data[i][j] < lo[i][j]:
                    raise ValueError(f"Initial value {data[i][j]} at [{i}][{j}] is less than min_value {lo[i][j]}")
                if hi is not None and data[i][j] > hi[i][j]:
                    raise ValueError(
                        f"Initial value {data[i][j]} at [{i}][{j}] is greater than max_value {hi[i][j]}"
                    )
        if row_labels is not None and len(row_labels) != rows:
            raise ValueError(f"`row_labels` has {len(row_labels)} entries but matrix has {rows} rows")
        if column_labels is not None and len(column_labels) != cols:
            raise ValueError(f"`column_labels` has {len(column_labels)} entries but matrix has {cols} columns")
        if symmetric:
            if rows != cols:
                raise ValueError(f"`symmetric` requires a square matrix, but got {rows}x{cols}")
            for i in range(rows):
                for j in range(i + 1, cols):
                    if data[i][j] != data[j][i]:
                        raise ValueError(
                            f"`symmetric` is True but initial data is not symmetric: "
                            f"value[{i}][{j}]={data[i][j]} != value[{j}][{i}]={data[j][i]}"
                        )

    def _convert(self, frontend_value: Any) -> list[list[Any]] | list[Any]:
        shape = self._props["step"] if hasattr(self, "_props") else None
        if shape is not None:
            ok = isinstance(frontend_value, list) and len(frontend_value) == len(shape) and all(
                isinstance(row, list) and len(row) == len(shape[0]) for row in frontend_value
            )
            if not ok:
                raise ValueError(
                    f"matrix: expected {len(shape)}x{len(shape[0])} rows of numbers, got {frontend_value!r}"
                )
            for row in frontend_value:
                for v in row:
                    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                        raise ValueError(f"matrix: expected a number, got {v!r}")
        if self._is_vector:
            return [cell for row in frontend_value for cell in row]
        return [list(row) for row in frontend_value]
