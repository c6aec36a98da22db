"""Helpers shared by the widget families: numbers, options, props."""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence


def number(value: Any, what: str) -> int | float:
    """A JSON number from the front end (bools and strings are refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                value = float(value) if any(c in value for c in ".eE") else int(value)
            except ValueError:
                raise ValueError(f"{what}: expected a number, got {value!r}") from None
        else:
            raise ValueError(f"{what}: expected a number, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what}: expected a finite number, got {value!r}")
    return value


def as_kind(value: int | float, *, integral: bool) -> int | float:
    """Ints stay ints when every bound/step is an int (as marimo does)."""
    if integral and float(value).is_integer():
        return int(value)
    return float(value)


def all_ints(*values: Any) -> bool:
    return all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values)


def check_range(value: int | float, start: Any, stop: Any, what: str) -> None:
    if start is not None and value < start:
        raise ValueError(f"{what}: {value!r} is below the minimum {start!r}")
    if stop is not None and value > stop:
        raise ValueError(f"{what}: {value!r} is above the maximum {stop!r}")


def options_dict(options: Sequence[Any] | Mapping[str, Any]) -> dict[str, Any]:
    """Options as labels -> values: a list maps each item's str to itself."""
    if isinstance(options, Mapping):
        return {str(k): v for k, v in options.items()}
    return {str(o): o for o in options}


def label_of(options: dict[str, Any], value: Any, what: str) -> str | None:
    """The label for an initial ``value`` given as a label (marimo) or a value."""
    if value is None:
        return None
    if isinstance(value, str) and value in options:
        return value
    for label, option in options.items():
        if option == value:
            return label
    raise ValueError(f"{what}: initial value {value!r} is not one of the options {list(options)}")


def base_props(**props: Any) -> dict[str, Any]:
    """Props without the Nones (smaller markup)."""
    return {k: v for k, v in props.items() if v is not None and v is not False}
