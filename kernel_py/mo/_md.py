"""``mo.md``: markdown, rendered in the browser (GitHub-flavoured, with math)."""

from __future__ import annotations

import inspect

from ..display.escape import escape
from ._html import Html


def md(text: str) -> Html:
    """Markdown text; f-string interpolated widgets and Html stay live.

    The markdown is rendered by the front end (so markdown-only cells can show
    before the kernel is ready); the element carries its source.
    """
    source = inspect.cleandoc(str(text))
    # Newlines as character references keep the tag on one line, so markdown
    # that interpolates this element (nested mo.md) still sees inline HTML.
    escaped = escape(source, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")
    return Html(f'<rv-md data-md="{escaped}"></rv-md>')
