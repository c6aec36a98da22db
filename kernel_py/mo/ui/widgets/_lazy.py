"""``mo.lazy(fn)``: ``fn`` is called only when its place in the page scrolls
into view, as in marimo.  The page sends ``True`` then; the result is put in
the output of the cell that made it (``reshow``).  ``.value`` is whether it
was shown (marimo's value)."""

from __future__ import annotations

from typing import Any, Callable

from ..element import UIElement
from ._reshow import reshow


class lazy_call(UIElement):
    _kind = "lazy"

    def __init__(self, fn: Callable[[], object], indicator: str) -> None:
        self._fn = fn
        self._indicator = indicator
        self._content: str | None = None
        super().__init__(False, props={})

    def _convert(self, frontend_value: Any) -> bool:
        if not isinstance(frontend_value, bool):
            raise ValueError(f"lazy: expected true or false, got {frontend_value!r}")
        return frontend_value

    def _update(self, frontend_value: Any) -> None:
        before = self._html()
        super()._update(frontend_value)
        if self._value and self._content is None:
            from ..._html import as_html

            self._content = as_html(self._fn()).text
            reshow(self, before)

    def _inner_html(self) -> str:
        return self._indicator if self._content is None else self._content
