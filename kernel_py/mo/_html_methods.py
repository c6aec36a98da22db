"""The methods marimo gives every ``Html`` and every UI element:
``center``, ``left``, ``right``, ``callout``, ``style`` and ``batch``
(each returns a new ``Html``; ``batch`` a ``mo.ui.batch``).

The functions behind them live in the modules that build on ``Html``
(``_layout``, ``_extras``, ``ui``); each registers its own in ``IMPL`` so
this base imports none of them.
"""

from __future__ import annotations

from typing import Any, Callable

IMPL: dict[str, Callable[..., Any]] = {}


class HtmlMethods:
    def center(self) -> Any:
        return IMPL["center"](self)

    def left(self) -> Any:
        return IMPL["left"](self)

    def right(self) -> Any:
        return IMPL["right"](self)

    def callout(self, kind: str = "neutral", title: str | None = None) -> Any:
        return IMPL["callout"](self, kind=kind, title=title)

    def style(self, style: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return IMPL["style"](self, style, **kwargs)

    def batch(self, **elements: Any) -> Any:
        """This HTML (a template with ``{name}`` slots) filled with UI elements."""
        return IMPL["batch"](self, elements)
