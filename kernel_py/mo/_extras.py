"""More of marimo's display helpers: ``plain``, ``show_code``, ``latex``,
``mermaid``, ``iframe``, ``style``, ``inspect``, ``doc``, ``outline``,
``carousel``, ``sidebar``, ``nav_menu``, ``routes``, ``image_compare``.

Those that need behaviour in the page render as ``<rv-*>`` elements with
``data-*`` attributes only (web/src/layout/extras.js); the rest are plain HTML.
"""

from __future__ import annotations

import inspect as _inspect
import json as _json
from typing import Any, Callable, Mapping, Sequence

from ..core import context
from ..display import format_value
from ..display.escape import escape
from ..display.formatters import FRAME_TYPES
from ._html_methods import IMPL
from ._html import Html, as_html, bundle_to_html
from ._media import to_url


def _attr(value: Any) -> str:
    return escape(str(value), quote=True)


def _css_size(value: int | str | None) -> str | None:
    if value is None:
        return None
    return f"{value}px" if isinstance(value, (int, float)) else str(value)


# -------------------------------------------------------------------- values


class Plain:
    """``mo.plain(value)``: the value displayed without rich formatting (a data
    frame as a plain table, not the interactive one)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def _mime_(self) -> tuple[str, str]:
        cls = type(self.value)
        for base in cls.__mro__:
            entry = FRAME_TYPES.get(f"{base.__module__}.{base.__qualname__}")
            if entry is not None:
                plain, to_frame = entry
                return ("text/html", plain(to_frame(self.value))["text/html"])
        return ("text/html", bundle_to_html(format_value(self.value)))


def plain(value: Any) -> Plain:
    return Plain(value)


def show_code(output: object = None, *, position: str = "below") -> Html:
    """The running cell's code, with ``output`` below (or above) it."""
    if position not in ("above", "below"):
        raise ValueError(f"position must be 'above' or 'below', not {position!r}")
    ctx = context.current()
    code = ""
    if ctx is not None:
        cell = (getattr(ctx.kernel, "cells", None) or {}).get(ctx.cell_id)
        code = getattr(cell, "code", "") or ""
    block = f'<pre class="rv-show-code"><code class="language-python">{escape(code)}</code></pre>'
    shown = as_html(output).text if output is not None else ""
    parts = [block, shown] if position == "below" else [shown, block]
    return Html(f'<div class="rv-show-code-box">{"".join(parts)}</div>')


def latex(text: str | None = None, *, filename: Any = None) -> None:
    """Load LaTeX macros (``\\newcommand``...) for ``mo.md`` math.  Macros
    defined in a ``$$...$$`` block of ``mo.md`` already apply; this accepts
    the text or file and returns None as marimo does."""
    if filename is not None:
        from pathlib import Path

        text = Path(filename).read_text(encoding="utf-8")
    _latex_macros.append(text or "")
    return None


_latex_macros: list[str] = []


def mermaid(diagram: str, theme: str | None = None, theme_variables: dict[str, str] | None = None) -> Html:
    """A mermaid diagram.  The mermaid library (several MB) is not shipped:
    the diagram's source is shown, marked as such."""
    return Html(
        f'<figure class="rv-mermaid" data-mermaid="{_attr(diagram)}">'
        f"<figcaption>Mermaid diagram (source; diagrams are not drawn here)</figcaption>"
        f"<pre>{escape(diagram)}</pre></figure>"
    )


def iframe(html: str, *, width: str = "100%", height: str = "400px") -> Html:
    """HTML in a sandboxed frame (its own opaque origin: it cannot reach the page)."""
    return Html(
        f'<rv-iframe data-html="{_attr(html)}" data-width="{_attr(width)}" data-height="{_attr(height)}"></rv-iframe>'
    )


def style(item: object, style: dict[str, Any] | None = None, **kwargs: Any) -> Html:
    """``item`` in a box with these CSS properties (snake_case becomes kebab-case)."""
    props = {**(style or {}), **{k.replace("_", "-"): v for k, v in kwargs.items()}}
    css = ";".join(f"{k}:{v}" for k, v in props.items() if v is not None)
    return Html(f'<div style="{_attr(css)}">{as_html(item).text}</div>')


IMPL["style"] = style


# -------------------------------------------------------------------- introspection


def doc(obj: Any) -> Html | None:
    """The object's docstring (None when it has none)."""
    text = _inspect.getdoc(obj)
    if not text:
        return None
    try:
        signature = f"{getattr(obj, '__name__', '')}{_inspect.signature(obj)}"
    except (TypeError, ValueError):
        signature = getattr(obj, "__name__", type(obj).__name__)
    return Html(
        f'<div class="rv-doc"><pre><code>{escape(signature)}</code></pre>'
        f'<pre style="white-space:pre-wrap">{escape(text)}</pre></div>'
    )


def inspect(
    obj: object,
    *,
    help: bool = False,  # noqa: A002 - marimo's name
    methods: bool = False,
    docs: bool = True,
    private: bool = False,
    dunder: bool = False,
    sort: bool = True,
    all: bool = False,  # noqa: A002 - marimo's name
    value: bool = True,
) -> Html:
    """A panel describing ``obj``: its type, value, docstring, attributes."""
    if all:
        methods = private = dunder = True
    kind = type(obj).__name__
    rows = []
    names = dir(obj)
    if sort:
        names = sorted(names)
    for name in names:
        if name.startswith("__") and not dunder:
            continue
        if name.startswith("_") and not name.startswith("__") and not private:
            continue
        try:
            attr = getattr(obj, name)
        except Exception:  # noqa: BLE001 - properties may raise
            continue
        is_method = callable(attr)
        if is_method and not (methods or help):
            continue
        shown = "method" if is_method else _short(repr(attr))
        rows.append(f"<tr><th scope=\"row\"><code>{escape(name)}</code></th><td>{escape(shown)}</td></tr>")
    parts = [f"<div class=\"rv-inspect\"><p><strong>{escape(kind)}</strong></p>"]
    if value:
        parts.append(f"<pre>{escape(_short(repr(obj), 400))}</pre>")
    text = _inspect.getdoc(obj) if (docs or help) else None
    if text:
        parts.append(f'<pre style="white-space:pre-wrap">{escape(text if help else text.split(chr(10) + chr(10))[0])}</pre>')
    if rows:
        parts.append(f'<table aria-label="attributes of {_attr(kind)}">{"".join(rows)}</table>')
    parts.append("</div>")
    return Html("".join(parts))


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -------------------------------------------------------------------- structure


def outline(*, label: str = "") -> Html:
    """A table of contents of the notebook's markdown headings (built in the page)."""
    return Html(f'<rv-outline data-label="{_attr(label or "Table of contents")}"></rv-outline>')


def carousel(items: Sequence[object]) -> Html:
    """Items shown one at a time, with previous/next buttons."""
    slides = "".join(f'<div data-slide="{i}">{as_html(item).text}</div>' for i, item in enumerate(items))
    return Html(f'<rv-carousel data-count="{len(items)}">{slides}</rv-carousel>')


def sidebar(item: object, footer: object | None = None, *, width: str | int | None = None) -> Html:
    """A side panel (in Rivulet: a box at the side of the cell's output)."""
    w = _css_size(width) or "16rem"
    foot = f'<div class="rv-sidebar-footer">{as_html(footer).text}</div>' if footer is not None else ""
    return Html(
        f'<aside class="rv-sidebar" aria-label="sidebar" style="width:{_attr(w)};max-width:100%">'
        f"{as_html(item).text}{foot}</aside>"
    )


def nav_menu(menu: dict[str, Any], *, orientation: str = "horizontal") -> Html:
    """Links: ``{"/path": "Label"}``, or ``{"Group": {"/path": "Label"}}`` for a submenu."""
    if orientation not in ("horizontal", "vertical"):
        raise ValueError(f"orientation must be 'horizontal' or 'vertical', not {orientation!r}")

    def items(entries: Mapping[str, Any]) -> str:
        out = []
        for key, value in entries.items():
            if isinstance(value, Mapping):
                out.append(f"<li><details><summary>{escape(str(key))}</summary><ul>{items(value)}</ul></details></li>")
            else:
                href = str(key)
                external = href.startswith(("http://", "https://"))
                target = ' target="_blank"' if external else ""
                out.append(f'<li><a href="{_attr(href)}"{target}>{as_html(value).text}</a></li>')
        return "".join(out)

    flex = "row" if orientation == "horizontal" else "column"
    return Html(
        f'<nav class="rv-nav-menu" aria-label="menu"><ul style="display:flex;flex-direction:{flex};'
        f'gap:1em;list-style:none;padding:0;margin:0">{items(menu)}</ul></nav>'
    )


def routes(routes: Mapping[str, Callable[[], object] | object]) -> Html:
    """Content by the page's URL fragment: ``{"#/": home, "#/about": about}``;
    ``"#/"`` (or ``"/"``) is the default.  Callables are called here."""
    parts = []
    for path, content in routes.items():
        value = content() if callable(content) and not hasattr(content, "_mime_") else content
        if _inspect.iscoroutine(value):
            value.close()
            raise TypeError("mo.routes: async route functions are not supported; return the content")
        key = str(path)
        key = key if key.startswith("#") or key == "*" else "#" + (key if key.startswith("/") else "/" + key)
        parts.append(f'<template data-route="{_attr(key)}">{as_html(value).text}</template>')
    return Html(f'<rv-routes>{"".join(parts)}</rv-routes>')


def image_compare(
    before_image: Any,
    after_image: Any,
    value: float = 50,
    direction: str = "horizontal",
    width: int | str | None = None,
    height: int | str | None = None,
) -> Html:
    """Two images, one over the other, split by a slider."""
    if direction not in ("horizontal", "vertical"):
        raise ValueError(f"direction must be 'horizontal' or 'vertical', not {direction!r}")
    if not 0 <= float(value) <= 100:
        raise ValueError(f"value must be between 0 and 100, not {value!r}")
    before, after = (to_url(_image_bytes(i), "image/png") for i in (before_image, after_image))
    data = {"before": before, "after": after, "value": float(value), "direction": direction,
            "width": _css_size(width), "height": _css_size(height)}
    return Html(
        f'<rv-image-compare data-config="{_attr(_json.dumps(data))}">'
        f'<img src="{_attr(before)}" alt="before"><img src="{_attr(after)}" alt="after"></rv-image-compare>'
    )


def _image_bytes(image: Any) -> Any:
    from ._media import _pil_or_array_png

    png = _pil_or_array_png(image, None, None)
    return png if png is not None else image
