"""Layout and structured display: stacks, tabs, accordion, callout, stat, tree...

Everything returns ``Html``.  Static layouts are plain HTML with inline styles
(they show in exports before any script runs); the few that need behaviour
are custom elements defined by ``web/src/layout/``: ``<rv-tabs>``,
``<rv-lazy>``.  The accordion is native ``<details>``.
"""

from __future__ import annotations

import json as _json
from typing import Any, Callable, Literal, Mapping, Sequence

from ..display.escape import escape
from ._html_methods import IMPL
from ._html import Html, as_html

Justify = Literal["start", "center", "end", "space-between", "space-around"]
Align = Literal["start", "end", "center", "stretch"]
CalloutKind = Literal["neutral", "warn", "success", "info", "danger"]
CALLOUT_KINDS: tuple[str, ...] = ("neutral", "warn", "success", "info", "danger")
_JUSTIFY = ("start", "center", "end", "space-between", "space-around")
_ALIGN = ("start", "end", "center", "stretch")


def _attr(value: Any) -> str:
    return escape(str(value), quote=True)


def _style(**props: Any) -> str:
    """An inline style from keyword properties (underscores become dashes)."""
    return ";".join(f"{k.replace('_', '-')}:{v}" for k, v in props.items() if v is not None)


def _check(name: str, value: Any, allowed: Sequence[Any]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {tuple(allowed)}, not {value!r}")


# ---------------------------------------------------------------- stacks


def _flex(
    items: Sequence[object],
    *,
    direction: str,
    justify: str,
    align: str | None,
    wrap: bool,
    gap: float,
    sizes: Literal["equal"] | Sequence[float] | None,
) -> Html:
    _check("justify", justify, _JUSTIFY)
    if align is not None:
        _check("align", align, _ALIGN)
    items = list(items)
    if sizes == "equal":
        sizes = [1.0] * len(items)
    if sizes is not None and len(sizes) != len(items):
        raise ValueError(f"expected {len(items)} sizes (one per item), got {len(sizes)}")
    style = _style(
        display="flex",
        flex_direction=direction,
        justify_content=justify if justify in ("space-between", "space-around") else f"flex-{justify}" if justify != "center" else "center",
        align_items=None if align is None else align if align in ("center", "stretch") else f"flex-{align}",
        flex_wrap="wrap" if wrap else "nowrap",
        gap=f"{gap}rem",
        min_width=0,
    )
    children = []
    for i, item in enumerate(items):
        child_style = _style(flex=f"{sizes[i]} 1 0" if sizes is not None else None, min_width=0)
        children.append(f'<div style="{child_style}">{as_html(item).text}</div>')
    kind = "hstack" if direction == "row" else "vstack"
    return Html(f'<div class="rv-{kind}" style="{style}">{"".join(children)}</div>')


def hstack(
    items: Sequence[object],
    *,
    justify: Justify = "space-between",
    align: Align | None = None,
    wrap: bool = False,
    gap: float = 0.5,
    widths: Literal["equal"] | Sequence[float] | None = None,
) -> Html:
    """Items side by side (a flex row); ``widths`` are relative, or ``"equal"``."""
    justify = justify or "space-between"  # None: the default, as marimo
    return _flex(items, direction="row", justify=justify, align=align, wrap=wrap, gap=gap, sizes=widths)


def vstack(
    items: Sequence[object],
    *,
    align: Align | None = None,
    justify: Justify = "start",
    gap: float = 0.5,
    heights: Literal["equal"] | Sequence[float] | None = None,
) -> Html:
    """Items stacked vertically (a flex column)."""
    justify = justify or "start"  # None: the default, as marimo
    return _flex(items, direction="column", justify=justify, align=align, wrap=False, gap=gap, sizes=heights)


def _aligned(item: object, justify: str) -> Html:
    return Html(f'<div style="{_style(display="flex", justify_content=justify)}">{as_html(item).text}</div>')


def center(item: object) -> Html:
    return _aligned(item, "center")


def left(item: object) -> Html:
    return _aligned(item, "flex-start")


def right(item: object) -> Html:
    return _aligned(item, "flex-end")


# ---------------------------------------------------------------- tabs and accordion


def tabs(tabs: Mapping[str, object]) -> Html:
    """Tabs (not a widget: use ``mo.ui.tabs`` to read the selected tab)."""
    panels = "".join(
        f'<div data-tab-label="{_attr(label)}">{as_html(content).text}</div>'
        for label, content in tabs.items()
    )
    return Html(f"<rv-tabs>{panels}</rv-tabs>")


def accordion(
    items: Mapping[str, object],
    multiple: bool = False,
    lazy: bool = False,
    *,
    expanded: bool | Sequence[str] = False,
) -> Html:
    """Collapsible sections; unless ``multiple``, opening one closes the others."""
    group = f"rv-acc-{id(items):x}"
    sections = []
    for label, content in items.items():
        is_open = expanded is True or (not isinstance(expanded, bool) and label in expanded)
        body = as_html(content).text
        if lazy:
            body = _lazy_markup(body, loading=False)
        name = "" if multiple else f' name="{group}"'
        sections.append(
            f'<details class="rv-accordion-item"{name}{" open" if is_open else ""}>'
            f'<summary style="cursor:pointer;font-weight:600;padding:.35rem 0">{as_html(label).text}</summary>'
            f'<div style="padding:.25rem 0 .5rem 1rem">{body}</div></details>'
        )
    return Html(f'<div class="rv-accordion">{"".join(sections)}</div>')


# ---------------------------------------------------------------- callout and stat

_CALLOUT_COLORS = {
    "neutral": ("#f6f7f9", "#d0d4da"),
    "info": ("#eef5fd", "#7aaee8"),
    "success": ("#edf8f0", "#6cc08a"),
    "warn": ("#fff7e6", "#f0b44c"),
    "danger": ("#fdecec", "#e57373"),
}


def callout(value: object, kind: CalloutKind = "neutral", title: str | None = None) -> Html:
    """A highlighted box; ``kind`` is neutral, info, success, warn or danger."""
    if kind not in CALLOUT_KINDS:
        raise ValueError(f"Unsupported callout kind: {kind!r}. Expected one of {CALLOUT_KINDS}.")
    background, border = _CALLOUT_COLORS[kind]
    style = _style(
        background=background,
        border=f"1px solid {border}",
        border_left=f"4px solid {border}",
        border_radius="6px",
        padding=".6rem 1rem",
    )
    role = ' role="alert"' if kind in ("warn", "danger") else ' role="note"'
    heading = f'<div style="font-weight:600;margin-bottom:.25rem">{escape(title)}</div>' if title else ""
    return Html(
        f'<div class="rv-callout" data-kind="{kind}"{role} style="{style}">{heading}{as_html(value).text}</div>'
    )


def stat(
    value: str | float,
    label: str | None = None,
    caption: str | None = None,
    direction: Literal["increase", "decrease"] | None = None,
    bordered: bool = False,
    target_direction: Literal["increase", "decrease"] | None = "increase",
    slot: object | None = None,
) -> Html:
    """A number with a label and a caption; ``direction`` draws an arrow, green
    when it goes the ``target_direction``."""
    if direction is not None:
        _check("direction", direction, ("increase", "decrease"))
    parts = []
    if label:
        parts.append(f'<div class="rv-stat-label" style="font-size:.85rem;color:#666">{escape(label)}</div>')
    shown = f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    parts.append(f'<div class="rv-stat-value" style="font-size:1.6rem;font-weight:600">{escape(shown)}</div>')
    if caption or direction:
        arrow = {"increase": "▲ ", "decrease": "▼ ", None: ""}[direction]
        good = direction is None or target_direction is None or direction == target_direction
        color = "#666" if direction is None else "#1a7f37" if good else "#c62828"
        parts.append(
            f'<div class="rv-stat-caption" style="font-size:.85rem;color:{color}">'
            f"{arrow}{escape(caption or '')}</div>"
        )
    if slot is not None:
        parts.append(f"<div>{as_html(slot).text}</div>")
    style = _style(
        display="inline-block",
        padding=".5rem 1rem",
        border="1px solid #d0d4da" if bordered else None,
        border_radius="8px" if bordered else None,
    )
    return Html(f'<div class="rv-stat" style="{style}">{"".join(parts)}</div>')


# ---------------------------------------------------------------- text, json and tree


def plain_text(text: str) -> Html:
    """Text shown as is, in a monospace block (nothing interpreted)."""
    return Html(f'<pre class="rv-plain-text" style="white-space:pre-wrap">{escape(str(text))}</pre>')


def json(data: str | dict[str, Any] | list[Any], label: str | None = None) -> Html:
    """JSON as a collapsible tree; a string is parsed first."""
    if isinstance(data, str):
        data = _json.loads(data)
    return _tree_box(_json_node(data, 0), label, "rv-json")


def tree(items: list[Any] | tuple[Any, ...] | dict[Any, Any], label: str | None = None) -> Html:
    """A nested list/tuple/dict as a collapsible tree; leaves are displayed as outputs."""
    if not isinstance(items, (list, tuple, dict)):
        raise ValueError(f"tree() takes a list, tuple or dict, not {type(items).__name__}")
    return _tree_box(_tree_node(items, 0), label, "rv-tree")


def _tree_box(inner: str, label: str | None, cls: str) -> Html:
    heading = f"<div style=\"font-weight:600\">{escape(label)}</div>" if label else ""
    style = "font-family:ui-monospace,monospace;font-size:.9rem"
    return Html(f'<div class="{cls}" style="{style}">{heading}{inner}</div>')


def _collapsible(opening: str, closing: str, rows: list[str], depth: int) -> str:
    if not rows:
        return escape(opening + closing)
    body = "".join(f'<div style="padding-left:1.25rem">{row}</div>' for row in rows)
    is_open = " open" if depth < 2 else ""
    return (
        f"<details{is_open} style=\"display:inline-block;vertical-align:top\">"
        f"<summary style=\"cursor:pointer\">{escape(opening)}"
        f"<span class=\"rv-tree-count\" style=\"color:#888\"> {len(rows)} item{'s' if len(rows) != 1 else ''}</span></summary>"
        f"{body}<div>{escape(closing)}</div></details>"
    )


def _json_node(value: Any, depth: int) -> str:
    if isinstance(value, dict):
        rows = [
            f'<span style="color:#7a3e9d">{escape(_json.dumps(str(k)))}</span>: {_json_node(v, depth + 1)}'
            for k, v in value.items()
        ]
        return _collapsible("{", "}", rows, depth)
    if isinstance(value, (list, tuple)):
        return _collapsible("[", "]", [_json_node(v, depth + 1) for v in value], depth)
    color = "#0b6e4f" if isinstance(value, str) else "#1c4fa0"
    return f'<span style="color:{color}">{escape(_json.dumps(value, default=str))}</span>'


def _tree_node(value: Any, depth: int) -> str:
    if isinstance(value, dict):
        rows = [f"{escape(repr(k))}: {_tree_node(v, depth + 1)}" for k, v in value.items()]
        return _collapsible("{", "}", rows, depth)
    if isinstance(value, (list, tuple)):
        o, c = ("[", "]") if isinstance(value, list) else ("(", ")")
        return _collapsible(o, c, [_tree_node(v, depth + 1) for v in value], depth)
    if isinstance(value, (str, int, float, bool, type(None))):
        return escape(repr(value))
    return f'<span style="display:inline-block;vertical-align:top">{as_html(value).text}</span>'


# ---------------------------------------------------------------- lazy

_SPINNER_SVG = (
    '<svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">'
    '<circle cx="10" cy="10" r="8" fill="none" stroke="#ccc" stroke-width="3"/>'
    '<path d="M10 2a8 8 0 0 1 8 8" fill="none" stroke="#4a7bd0" stroke-width="3">'
    '<animateTransform attributeName="transform" type="rotate" from="0 10 10" to="360 10 10" '
    'dur="0.8s" repeatCount="indefinite"/></path></svg>'
)


def _lazy_markup(inner: str, loading: bool) -> str:
    indicator = loading_indicator(loading)
    return f"<rv-lazy>{indicator}<template>{inner}</template></rv-lazy>"


def lazy(
    element: object,
    show_loading_indicator: bool = False,
) -> Html:
    """Content kept out of the page until it scrolls into view (``mo.lazy``
    of a function, called only then, is in ``_lazy.py``)."""
    return Html(_lazy_markup(as_html(element).text, show_loading_indicator))


def loading_indicator(show: bool) -> str:
    return f'<span role="status" aria-label="Loading">{_SPINNER_SVG}</span>' if show else ""


IMPL.update(center=center, left=left, right=right, callout=callout)
