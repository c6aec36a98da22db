"""The methods marimo gives every ``Html`` and every UI element:
``center``, ``left``, ``right``, ``callout``, ``style`` and ``batch``
(each returns a new ``Html``; ``batch`` a ``mo.ui.batch``)."""

from __future__ import annotations

from typing import Any


class HtmlMethods:
    def center(self) -> Any:
        from ._layout import center

        return center(self)

    def left(self) -> Any:
        from ._layout import left

        return left(self)

    def right(self) -> Any:
        from ._layout import right

        return right(self)

    def callout(self, kind: str = "neutral", title: str | None = None) -> Any:
        from ._layout import callout

        return callout(self, kind=kind, title=title)

    def style(self, style: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        from ._extras import style as styled

        return styled(self, style, **kwargs)

    def batch(self, **elements: Any) -> Any:
        """This HTML (a template with ``{name}`` slots) filled with UI elements."""
        from .ui import batch

        return batch(self, elements)
