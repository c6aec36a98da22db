"""Value inputs: slider, range_slider, number, text, text_area, checkbox, switch, date."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Sequence

from ..element import UIElement
from ._common import all_ints, as_kind, base_props, check_range
from ._common import number as _number

OnChange = Callable[[Any], None] | None


class slider(UIElement):
    """A numeric slider; ``.value`` is a number in ``[start, stop]``.

    With ``steps=[...]`` the slider moves over those values only."""

    _kind = "slider"

    def __init__(
        self,
        start: float | None = None,
        stop: float | None = None,
        step: float | None = None,
        value: float | None = None,
        debounce: bool = False,
        disabled: bool = False,
        orientation: str = "horizontal",
        show_value: bool = False,
        include_input: bool = False,
        steps: Sequence[float] | None = None,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        if steps is not None:
            steps = list(steps)
            if not steps:
                raise ValueError("slider: steps must not be empty")
            start, stop = steps[0], steps[-1]
        if start is None or stop is None:
            raise ValueError("slider: give start and stop (or steps)")
        if stop < start:
            raise ValueError(f"slider: stop ({stop!r}) is less than start ({start!r})")
        self._steps = steps
        self._start, self._stop = start, stop
        self._integral = all_ints(start, stop, step) and (steps is None or all_ints(*steps))
        if value is None:
            value = start
        if step is None and steps is None:
            step = 1 if self._integral else (stop - start) / 100 or 1
        props = base_props(
            start=start, stop=stop, step=step, steps=steps, debounce=debounce,
            disabled=disabled, orientation=orientation, show_value=show_value,
            include_input=include_input, full_width=full_width,
        )
        super().__init__(value, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> int | float:
        value = _number(frontend_value, "slider")
        if self._steps is not None and value not in self._steps:
            raise ValueError(f"slider: {value!r} is not one of the steps {self._steps}")
        check_range(value, self._start, self._stop, "slider")
        if self._integral and not float(value).is_integer():
            raise ValueError(f"slider: {value!r} is not a whole number (start, stop and step are ints)")
        return as_kind(value, integral=self._integral)

    @property
    def start(self) -> float:
        return self._start

    @property
    def stop(self) -> float:
        return self._stop

    @property
    def step(self) -> float | None:
        return self._props.get("step")

    @property
    def steps(self) -> list[float] | None:
        return self._steps


class range_slider(slider):
    """A slider with two handles; ``.value`` is ``[low, high]``."""

    _kind = "range_slider"

    def __init__(
        self,
        start: float | None = None,
        stop: float | None = None,
        step: float | None = None,
        value: Sequence[float] | None = None,
        debounce: bool = False,
        disabled: bool = False,
        orientation: str = "horizontal",
        show_value: bool = False,
        steps: Sequence[float] | None = None,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        if value is None:
            lo = steps[0] if steps else start
            hi = steps[-1] if steps else stop
            value = [lo, hi]
        super().__init__(
            start, stop, step, list(value), debounce, disabled, orientation, show_value,
            False, steps, label=label, on_change=on_change, full_width=full_width,
        )

    def _convert(self, frontend_value: Any) -> list[int | float]:
        if not isinstance(frontend_value, (list, tuple)) or len(frontend_value) != 2:
            raise ValueError(f"range_slider: expected [low, high], got {frontend_value!r}")
        lo, hi = (slider._convert(self, v) for v in frontend_value)
        if lo > hi:
            raise ValueError(f"range_slider: low {lo!r} is above high {hi!r}")
        return [lo, hi]


class number(UIElement):
    """A number field; ``.value`` is an int or a float."""

    _kind = "number"

    def __init__(
        self,
        start: float | None = None,
        stop: float | None = None,
        step: float | None = None,
        value: float | None = None,
        debounce: bool = False,
        disabled: bool = False,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        if start is not None and stop is not None and stop < start:
            raise ValueError(f"number: stop ({stop!r}) is less than start ({start!r})")
        self._start, self._stop = start, stop
        self._integral = all_ints(start, stop, step, value)
        if value is None:
            value = start if start is not None else 0
        props = base_props(start=start, stop=stop, step=step, debounce=debounce,
                           disabled=disabled, full_width=full_width)
        super().__init__(value, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> int | float | None:
        if frontend_value is None:
            return None
        value = _number(frontend_value, "number")
        check_range(value, self._start, self._stop, "number")
        return as_kind(value, integral=self._integral)


class _text_base(UIElement):
    def __init__(self, value: str, max_length: int | None, props: dict[str, Any],
                 label: str, on_change: OnChange) -> None:
        self._max_length = max_length
        super().__init__(value, label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> str:
        if not isinstance(frontend_value, str):
            raise ValueError(f"{self._kind}: expected a string, got {frontend_value!r}")
        if self._max_length is not None and len(frontend_value) > self._max_length:
            raise ValueError(f"{self._kind}: longer than max_length={self._max_length}")
        return frontend_value


class text(_text_base):
    """A one-line text field; ``.value`` is a str.  With ``debounce=True``
    (default) the value is sent on Enter or when the field loses focus."""

    _kind = "text"

    def __init__(
        self,
        value: str = "",
        placeholder: str = "",
        kind: str = "text",
        max_length: int | None = None,
        disabled: bool = False,
        debounce: bool | int = True,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        if kind not in ("text", "password", "email", "url"):
            raise ValueError(f"text: kind must be text, password, email or url, not {kind!r}")
        props = base_props(placeholder=placeholder or None, kind=kind, max_length=max_length,
                           disabled=disabled, debounce=debounce, full_width=full_width)
        props["debounce"] = debounce
        super().__init__(value, max_length, props, label, on_change)


class text_area(_text_base):
    """A multi-line text field; ``.value`` is a str."""

    _kind = "text_area"

    def __init__(
        self,
        value: str = "",
        placeholder: str = "",
        max_length: int | None = None,
        disabled: bool = False,
        debounce: bool | int = True,
        rows: int | None = None,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        props = base_props(placeholder=placeholder or None, max_length=max_length,
                           disabled=disabled, rows=rows, full_width=full_width)
        props["debounce"] = debounce
        super().__init__(value, max_length, props, label, on_change)


class checkbox(UIElement):
    """A checkbox; ``.value`` is a bool."""

    _kind = "checkbox"

    def __init__(self, value: bool = False, disabled: bool = False, *, label: str = "",
                 on_change: OnChange = None) -> None:
        super().__init__(bool(value), label=label, on_change=on_change,
                         props=base_props(disabled=disabled))

    def _convert(self, frontend_value: Any) -> bool:
        if not isinstance(frontend_value, bool):
            raise ValueError(f"{self._kind}: expected true or false, got {frontend_value!r}")
        return frontend_value


class switch(checkbox):
    """A toggle switch (ARIA role ``switch``); ``.value`` is a bool."""

    _kind = "switch"


def _to_date(value: Any, what: str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{what}: expected a date as YYYY-MM-DD, got {value!r}")


class date(UIElement):
    """A date picker; ``.value`` is a ``datetime.date``."""

    _kind = "date"

    def __init__(
        self,
        start: _dt.date | str | None = None,
        stop: _dt.date | str | None = None,
        value: _dt.date | str | None = None,
        disabled: bool = False,
        *,
        label: str = "",
        on_change: OnChange = None,
        full_width: bool = False,
    ) -> None:
        self._start = _to_date(start, "date start") if start is not None else None
        self._stop = _to_date(stop, "date stop") if stop is not None else None
        if value is None:
            today = _dt.date.today()
            value = min(max(today, self._start or today), self._stop or today)
        value = _to_date(value, "date")
        props = base_props(
            start=self._start.isoformat() if self._start else None,
            stop=self._stop.isoformat() if self._stop else None,
            disabled=disabled, full_width=full_width,
        )
        super().__init__(value.isoformat(), label=label, on_change=on_change, props=props)

    def _convert(self, frontend_value: Any) -> _dt.date:
        value = _to_date(frontend_value, "date")
        check_range(value, self._start, self._stop, "date")
        return value

    @property
    def start(self) -> _dt.date | None:
        return self._start

    @property
    def stop(self) -> _dt.date | None:
        return self._stop
