"""``mo.md``: markdown, rendered in the browser (GitHub-flavoured, with math)."""

from __future__ import annotations

import html
import inspect

from ._html import Html


def md(text: str) -> Html:
    """Markdown text; f-string interpolated widgets and Html stay live.

    The markdown is rendered by the front end (so markdown-only cells can show
    before the kernel is ready); the element carries its source.
    """
    source = inspect.cleandoc(str(text))
    escaped = html.escape(source, quote=True)
    return Html(f'<rv-md data-md="{escaped}"></rv-md>')
