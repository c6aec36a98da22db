"""``mo.Html`` and ``mo.as_html``: HTML values that display and interpolate."""

from __future__ import annotations

from typing import Any

from ..display import format_value
from ..display.escape import escape
from ._html_methods import HtmlMethods


class Html(HtmlMethods):
    """A piece of HTML.  Displays as ``text/html``; ``f"{x}"`` gives its markup,
    so it nests inside ``mo.md`` and other HTML."""

    def __init__(self, text: str) -> None:
        self._text = str(text)

    @property
    def text(self) -> str:
        return self._text

    def _mime_(self) -> tuple[str, str]:
        return ("text/html", self._text)

    def __format__(self, spec: str) -> str:
        return self._text

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        short = self._text if len(self._text) < 60 else self._text[:57] + "..."
        return f"Html({short!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Html) and other._text == self._text

    __hash__ = None  # type: ignore[assignment]


def bundle_to_html(bundle: dict[str, str] | None) -> str:
    """Turn a MIME bundle into markup that can sit inside other HTML."""
    if not bundle:
        return ""
    if "text/html" in bundle:
        return bundle["text/html"]
    for kind in ("image/png", "image/jpeg", "image/gif"):
        if kind in bundle:
            return f'<img src="data:{kind};base64,{bundle[kind]}" alt="">'
    if "image/svg+xml" in bundle:
        return bundle["image/svg+xml"]
    if "text/markdown" in bundle:
        return f'<rv-md data-md="{escape(bundle["text/markdown"], quote=True)}"></rv-md>'
    text = next(iter(bundle.values())) if "text/plain" not in bundle else bundle["text/plain"]
    return f"<pre>{escape(text)}</pre>"


def as_html(value: Any) -> Html:
    """Any displayable value as ``Html``."""
    if isinstance(value, Html):
        return value
    if isinstance(value, str):
        return Html(value)
    return Html(bundle_to_html(format_value(value)))
