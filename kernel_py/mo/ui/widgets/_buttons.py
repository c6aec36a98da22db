"""Buttons: button (on_click folds clicks into a value), run_button, refresh."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Sequence

from ..element import UIElement
from ._common import base_props

OnChange = Callable[[Any], None] | None
KINDS = ("neutral", "success", "warn", "danger")


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"button kind must be one of {KINDS}, not {kind!r}")


def _clicks(frontend_value: Any, what: str) -> int:
    if isinstance(frontend_value, bool) or not isinstance(frontend_value, int) or frontend_value < 0:
        raise ValueError(f"{what}: expected a click count, got {frontend_value!r}")
    return frontend_value


class button(UIElement):
    """A button.  The front end counts clicks; each click sets
    ``.value = on_click(.value)`` and re-runs the cells that read it."""

    _kind = "button"

    def __init__(
        self,
        on_click: Callable[[Any], Any] | None = None,
        value: Any = None,
        kind: str = "neutral",
        disabled: bool = False,
        tooltip: str | None = None,
        *,
        label: str = "click here",
        on_change: OnChange = None,
        full_width: bool = False,
        keyboard_shortcut: str | None = None,
    ) -> None:
        _check_kind(kind)
        self._on_click = on_click
        self._initial = value
        self._clicked = 0
        props = base_props(kind=kind, disabled=disabled, tooltip=tooltip,
                           full_width=full_width, keyboard_shortcut=keyboard_shortcut)
        super().__init__(0, label=label, on_change=on_change, props=props)
        self._value = value

    def _convert(self, frontend_value: Any) -> Any:
        clicks = _clicks(frontend_value, "button")
        if clicks == 0:
            return self._initial
        value = self._value
        for _ in range(max(1, clicks - self._clicked)):
            value = self._on_click(value) if self._on_click is not None else value
        return value

    def _update(self, frontend_value: Any) -> None:
        super()._update(frontend_value)
        self._clicked = frontend_value


class run_button(UIElement):
    """A button whose ``.value`` is True only in the run its click triggered."""

    _kind = "run_button"

    def __init__(
        self,
        kind: str = "neutral",
        disabled: bool = False,
        tooltip: str | None = None,
        *,
        label: str = "click to run",
        on_change: OnChange = None,
        full_width: bool = False,
        keyboard_shortcut: str | None = None,
    ) -> None:
        _check_kind(kind)
        props = base_props(kind=kind, disabled=disabled, tooltip=tooltip,
                           full_width=full_width, keyboard_shortcut=keyboard_shortcut)
        super().__init__(0, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> bool:
        return _clicks(frontend_value, "run_button") > 0

    def _update(self, frontend_value: Any) -> None:
        super()._update(frontend_value)
        if self._value:
            _after_this_run(self._on_update_completion)

    def _on_update_completion(self) -> None:
        self._value = False


def _after_this_run(callback: Callable[[], None]) -> None:
    """Fallback until the kernel calls ``_on_update_completion``: the triggered
    run is synchronous, so the next turn of the event loop comes after it."""
    try:
        asyncio.get_running_loop().call_soon(callback)
    except RuntimeError:
        pass


class refresh(UIElement):
    """Re-runs its readers every interval (or on click); ``.value`` is a str
    that changes on each tick (``''`` before the first, as marimo)."""

    _kind = "refresh"

    def __init__(
        self,
        options: Sequence[int | float | str] | None = None,
        default_interval: int | float | str | None = None,
        *,
        label: str = "",
        on_change: OnChange = None,
    ) -> None:
        options = [_seconds(o) for o in (options or [])]
        interval = _seconds(default_interval) if default_interval is not None else None
        if interval is not None and options and interval not in options:
            raise ValueError(f"refresh: default_interval {default_interval!r} is not among the options")
        props = base_props(options=options or None, default_interval=interval)
        super().__init__("", label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> str:
        if frontend_value == "":
            return ""
        if isinstance(frontend_value, str) and frontend_value.isdigit():
            frontend_value = int(frontend_value)
        return str(_clicks(frontend_value, "refresh"))


_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _seconds(value: int | float | str) -> float:
    """``5``, ``"5s"``, ``"1m"``, ``"500ms"`` -> seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value <= 0:
            raise ValueError(f"refresh: interval must be positive, got {value!r}")
        return value
    text = str(value).strip()
    for unit in ("ms", "s", "m", "h", "d"):
        if text.endswith(unit):
            try:
                return _seconds(float(text[: -len(unit)]) * _UNITS[unit])
            except ValueError:
                break
    raise ValueError(f"refresh: cannot read the interval {value!r} (try 5, '5s', '1m')")
