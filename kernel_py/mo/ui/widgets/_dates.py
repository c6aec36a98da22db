"""Date pickers beyond ``mo.ui.date``: ``date_range`` and ``datetime``.

Signatures, defaults, ``.value`` types and messages follow marimo 0.25
(``marimo/_plugins/ui/_impl/dates.py``); the front end sends ISO strings.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Sequence

from ..element import UIElement
from ._common import base_props

_DATE_FORMAT = "%Y-%m-%d"
_DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%Y-%m-%dT%H",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S.%f",
)


def _one_date(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"date_range: expected a date as YYYY-MM-DD, got {value!r}")
    return _dt.datetime.strptime(value, _DATE_FORMAT).date()  # ValueError as marimo's


def _series_bounds(series: Any) -> tuple[Any, Any, str | None]:
    """(min, max, name) of a pandas/polars series of dates or datetimes."""
    low, high = series.min(), series.max()
    convert = lambda v: v.to_pydatetime() if hasattr(v, "to_pydatetime") else v  # noqa: E731 - pandas Timestamp
    name = getattr(series, "name", None)
    return convert(low), convert(high), str(name) if name is not None else None


class date_range(UIElement):
    """Two dates, a start and an end; ``.value`` is ``(date, date)``."""

    _kind = "date_range"

    def __init__(
        self,
        start: _dt.date | str | None = None,
        stop: _dt.date | str | None = None,
        value: tuple[_dt.date, _dt.date] | tuple[str, str] | None = None,
        *,
        label: str | None = None,
        on_change: Callable[[tuple[_dt.date, _dt.date]], None] | None = None,
        full_width: bool = False,
        disabled: bool = False,
    ) -> None:
        start = _one_date(start) if start is not None else None
        stop = _one_date(stop) if stop is not None else None
        pair = self._pair(value) if value is not None else None
        self._start = _dt.date(_dt.MINYEAR, 1, 1) if start is None else start
        self._stop = _dt.date(_dt.MAXYEAR, 12, 31) if stop is None else stop
        if self._stop < self._start:
            raise ValueError(
                f"The stop date ({stop}) must be greater than the start date ({start})"
            )
        if pair is None:
            if start is not None and stop is not None:
                pair = (start, stop)
            else:
                day = start or stop or _dt.date.today()
                pair = (day, day)
        if pair[0] < self._start or pair[1] > self._stop or pair[0] > pair[1]:
            raise ValueError(
                f"The default value ({pair}) must be within the range [{start}, {stop}] "
                "and the first date must not be greater than the second date."
            )
        props = base_props(start=self._start.isoformat(), stop=self._stop.isoformat(),
                           full_width=full_width, disabled=disabled)
        super().__init__([pair[0].isoformat(), pair[1].isoformat()], label=label or "",
                         on_change=on_change, props=props)

    @staticmethod
    def from_series(series: Any, **kwargs: Any) -> "date_range":
        """A date range over a series' dates (its min and max; its name as label)."""
        low, high, name = _series_bounds(series)
        return date_range(start=kwargs.pop("start", low), stop=kwargs.pop("stop", high),
                          label=kwargs.pop("label", name), **kwargs)

    @staticmethod
    def _pair(value: Any) -> tuple[_dt.date, _dt.date]:
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise ValueError(f"date_range: expected [start, end], got {value!r}")
        return (_one_date(value[0]), _one_date(value[1]))

    def _convert(self, frontend_value: Any) -> tuple[_dt.date, _dt.date]:
        return self._pair(frontend_value)

    @property
    def start(self) -> _dt.date:
        return self._start

    @property
    def stop(self) -> _dt.date:
        return self._stop


def _parse_datetime(value: str) -> _dt.datetime:
    for fmt in _DATETIME_FORMATS:
        try:
            return _dt.datetime.strptime(value, fmt)
        except ValueError:
            pass
    raise ValueError(f"Invalid datetime format: {value}")


class datetime(UIElement):
    """A date and time; ``.value`` is a ``datetime.datetime`` (or None)."""

    _kind = "datetime"

    def __init__(
        self,
        start: _dt.datetime | str | None = None,
        stop: _dt.datetime | str | None = None,
        value: _dt.datetime | str | None = None,
        *,
        precision: str = "minute",
        label: str | None = None,
        on_change: Callable[[_dt.datetime | None], None] | None = None,
        full_width: bool = False,
        disabled: bool = False,
    ) -> None:
        start = _parse_datetime(start) if isinstance(start, str) else start
        stop = _parse_datetime(stop) if isinstance(stop, str) else stop
        value = _parse_datetime(value) if isinstance(value, str) else value
        if precision not in ("hour", "minute", "second"):
            raise ValueError(f"precision must be 'hour', 'minute', or 'second', got {precision}")
        self._start = _dt.datetime.min if start is None else start
        self._stop = _dt.datetime.max if stop is None else stop
        if self._stop < self._start:
            raise ValueError(
                f"The stop datetime ({stop}) must be greater than the start datetime ({start})"
            )
        if value is None:
            value = _dt.datetime.today() if start is None and stop is None else (start or stop)
        if value < self._start or value > self._stop:
            raise ValueError(
                f"The default value ({value}) must be greater than the start datetime ({start}) "
                f"and less than the stop datetime ({stop})."
            )
        props = base_props(
            start=self._start.isoformat(timespec="seconds"),
            stop=self._stop.isoformat(timespec="seconds"),
            precision=precision, full_width=full_width, disabled=disabled,
        )
        super().__init__(value.isoformat(timespec="seconds"), label=label or "",
                         on_change=on_change, props=props)

    @staticmethod
    def from_series(series: Any, **kwargs: Any) -> "datetime":
        """A datetime picker over a series' datetimes (its min and max; its name as label)."""
        low, high, name = _series_bounds(series)
        return datetime(start=kwargs.pop("start", low), stop=kwargs.pop("stop", high),
                        label=kwargs.pop("label", name), **kwargs)

    def _convert(self, frontend_value: Any) -> _dt.datetime | None:
        if frontend_value is None or frontend_value == "":
            return None
        if not isinstance(frontend_value, str):
            raise ValueError(f"Invalid datetime format: {frontend_value!r}")
        return _parse_datetime(frontend_value)

    @property
    def start(self) -> _dt.datetime:
        return self._start

    @property
    def stop(self) -> _dt.datetime:
        return self._stop


__all__: Sequence[str] = ("date_range", "datetime")
