"""The pre-rendered outputs as plain HTML (readable without JavaScript).

Output HTML is the notebook's: only an allow-list of tags and attributes
survives (no scripts, handlers, styles, frames, forms or ``javascript:``
URLs).  The site's custom elements (``<rv-md>``, widgets, charts) have no
meaning without JavaScript: markdown is rendered here, the others keep only
their text.
"""

from __future__ import annotations

import base64
import html
import re
from html.parser import HTMLParser
from typing import Any

_ALLOWED = frozenset(
    "a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup "
    "table tbody td tfoot th thead tr u ul var".split()
)
_DROP_WITH_CONTENT = frozenset("script style iframe object embed template noscript svg math head title textarea select".split())
_ATTRS = frozenset("href src alt title colspan rowspan align class id lang dir open start".split())
_VOID = frozenset("br col hr img".split())
_SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[^:/?#]+(?:[/?#]|$)|data:image/(?:png|jpeg|gif|webp);)", re.I)


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag == self.dropping[-1] or tag in _DROP_WITH_CONTENT:
                self.dropping.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            self.dropping.append(tag)
            return
        if tag == "rv-md":
            source = dict(attrs).get("data-md") or ""
            self.out.append(f'<div class="rv-static-md">{markdown_html(source)}</div>')
            return
        if tag not in _ALLOWED:
            return  # unknown and custom elements: keep their children only
        kept = []
        for name, value in attrs:
            value = value or ""
            if name not in _ATTRS:
                continue
            if name in ("href", "src") and not _SAFE_URL.match(value.strip()):
                continue
            kept.append(f' {name}="{html.escape(value)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.open and tag not in _VOID and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in self.open:
            while self.open:
                top = self.open.pop()
                self.out.append(f"</{top}>")
                if top == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.open))


def sanitize(markup: str) -> str:
    parser = _Sanitizer()
    parser.feed(markup)
    return parser.result()


def markdown_html(source: str) -> str:
    """Markdown to (sanitized) HTML with python-markdown when it is installed,
    else the source as preformatted text."""
    try:
        import markdown  # optional on the host
    except ImportError:
        return f'<div style="white-space:pre-wrap">{html.escape(source)}</div>'
    return sanitize(markdown.markdown(source, extensions=["fenced_code", "tables"]))


def bundle_html(bundle: dict[str, Any]) -> str:
    if not bundle:
        return ""
    if isinstance(bundle.get("text/html"), str):
        return sanitize(bundle["text/html"])
    for mime in ("image/png", "image/jpeg", "image/gif", "image/webp"):
        if isinstance(bundle.get(mime), str):
            return f'<img alt="" src="data:{mime};base64,{html.escape(bundle[mime])}">'
    if isinstance(bundle.get("image/svg+xml"), str):
        data = base64.b64encode(bundle["image/svg+xml"].encode()).decode()
        return f'<img alt="" src="data:image/svg+xml;base64,{data}">'
    if isinstance(bundle.get("text/markdown"), str):
        return markdown_html(bundle["text/markdown"])
    for mime in ("text/latex", "application/json", "text/plain"):
        if mime in bundle:
            value = bundle[mime]
            text = value if isinstance(value, str) else repr(value)
            return f"<pre>{html.escape(text)}</pre>"
    return ""


def static_layer(cells: list[dict[str, Any]], codes: list[str], hidden: list[bool], *, show_code: bool) -> str:
    """One ``<section>`` per cell: its code (when shown), output, console and error."""
    parts = ['<div id="rv-prerendered" class="rv-prerendered">']
    for cell, code, hide in zip(cells, codes, hidden):
        inner = []
        if show_code and not hide and code.strip():
            inner.append(f"<pre class=\"rv-static-code\"><code>{html.escape(code)}</code></pre>")
        inner.append(cell_html(cell))
        if any(inner):
            parts.append(f'<section class="rv-static-cell" data-static-cell="{html.escape(cell["id"])}">{"".join(inner)}</section>')
    parts.append("</div>")
    return "\n".join(parts)


def cell_html(cell: dict[str, Any]) -> str:
    """A cell's outputs, console and error as plain HTML ("" when it shows nothing)."""
    parts = [f'<div class="rv-static-output">{bundle_html(b)}</div>' for b in cell.get("outputs") or []]
    for stream in ("stdout", "stderr"):
        if cell.get(stream):
            parts.append(f'<pre class="rv-static-{stream}">{html.escape(cell[stream])}</pre>')
    error = cell.get("error")
    if error:
        parts.append(f'<pre class="rv-static-error" role="alert">{html.escape(error.get("message") or error.get("kind", "error"))}</pre>')
    return "".join(parts)
