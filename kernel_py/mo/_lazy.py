"""``mo.lazy``: content kept out of the page until it scrolls into view.
A function is called only then, as in marimo (the page tells the kernel;
see ``ui/widgets/_lazy.py``); other content is sent at once."""

from __future__ import annotations

from typing import Any, Callable

from ._html import Html
from ._layout import lazy as _lazy_content
from ._layout import loading_indicator
from .ui.element import UIElement
from .ui.widgets._lazy import lazy_call


def lazy(element: Callable[[], object] | object, show_loading_indicator: bool = False) -> Any:
    if callable(element) and not isinstance(element, (Html, UIElement)):
        return lazy_call(element, loading_indicator(show_loading_indicator))
    return _lazy_content(element, show_loading_indicator)
