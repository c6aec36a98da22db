"""Value -> MIME bundle (a dict of mime type -> str).

Order of preference: a formatter registered for the value's type (third-party
types such as matplotlib figures or pandas frames, see ``registry`` and
``formatters``), ``_mime_``, ``_repr_mimebundle_``, the ``_repr_*_`` methods,
and finally an escaped ``repr`` as ``text/plain``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from . import formatters as _builtin_formatters  # noqa: F401  (they register themselves)
from .registry import Bundle, formatter_for

_REPR_METHODS: tuple[tuple[str, str], ...] = (
    ("_repr_html_", "text/html"),
    ("_repr_markdown_", "text/markdown"),
    ("_repr_svg_", "image/svg+xml"),
    ("_repr_png_", "image/png"),
    ("_repr_jpeg_", "image/jpeg"),
    ("_repr_latex_", "text/latex"),
    ("_repr_json_", "application/json"),
)
_BINARY = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}

# A text/plain output keeps at most this many characters, then a note.  Big
# lists, tuples, sets and dicts are not repr'd in full first: their repr is
# built item by item and stops at the limit.
MAX_PLAIN_CHARS = 100_000
# Containers nested deeper than this show as ``[…]`` (a 10,000-deep list has
# no repr at all: ``repr`` raises RecursionError), and the text ends with a note.
MAX_DEPTH = 100


def format_value(value: Any) -> Bundle | None:
    """The MIME bundle for a cell's output value; None shows nothing."""
    if value is None:
        return None
    for formatter in formatter_for(value):
        bundle = formatter(value)
        if bundle is not None:
            return _capped(bundle)
    try:
        bundle = _from_repr_methods(value)
    except Exception as exc:  # a broken _repr_ must not take the cell down
        return {"text/plain": f"<{type(value).__name__}: display failed: {exc!r}>"}
    if bundle:
        return _capped(bundle)
    return {"text/plain": _safe_repr(value)}


def _capped(bundle: Bundle) -> Bundle:
    plain = bundle.get("text/plain")
    if isinstance(plain, str) and len(plain) > MAX_PLAIN_CHARS:
        return {**bundle, "text/plain": cap_text(plain)}
    return bundle


def cap_text(text: str, limit: int = MAX_PLAIN_CHARS) -> str:
    """``text`` cut at ``limit`` characters, with a note saying how much is hidden."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def _from_repr_methods(value: Any) -> Bundle | None:
    if isinstance(value, type):
        return None  # classes have unbound _repr_ methods
    mime = getattr(value, "_mime_", None)
    if callable(mime):
        kind, data = mime()
        return {kind: _as_text(kind, data)}
    bundle_fn = getattr(value, "_repr_mimebundle_", None)
    if callable(bundle_fn):
        result = bundle_fn(include=None, exclude=None)
        if isinstance(result, tuple):
            result = result[0]
        if result:
            return {k: _as_text(k, v) for k, v in result.items()}
    for method, kind in _REPR_METHODS:
        fn = getattr(value, method, None)
        if callable(fn):
            data = fn()
            if isinstance(data, tuple):  # (data, metadata)
                data = data[0]
            if data is not None:
                bundle = {kind: _as_text(kind, data)}
                bundle.setdefault("text/plain", _safe_repr(value))
                return bundle
    return None


def _as_text(kind: str, data: Any) -> str:
    if isinstance(data, (bytes, bytearray, memoryview)):
        if kind in _BINARY or kind.startswith(("image/", "audio/", "video/")) and kind != "image/svg+xml":
            return base64.b64encode(bytes(data)).decode("ascii")
        return bytes(data).decode("utf-8", "replace")
    if isinstance(data, str):
        return data
    if kind.endswith("json"):
        return json.dumps(data, default=repr)
    return str(data)


def _safe_repr(value: Any) -> str:
    try:
        if type(value) in _CONTAINERS:
            return bounded_repr(value)
        return cap_text(repr(value))
    except Exception as exc:  # noqa: BLE001
        return f"<{type(value).__name__} object: repr failed: {exc!r}>"


# -- bounded repr of builtin containers ------------------------------------------
_CONTAINERS = (list, tuple, dict, set, frozenset)


class _Full(Exception):
    pass


class _Out:
    __slots__ = ("parts", "used", "limit", "top", "deep")

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.used = 0
        self.limit = limit
        self.top = 0  # top-level items started
        self.deep = False  # a container deeper than MAX_DEPTH was cut

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.used += len(text)
        if self.used > self.limit:
            raise _Full


def bounded_repr(value: Any, limit: int = MAX_PLAIN_CHARS) -> str:
    """``repr(value)`` for lists, tuples, dicts and sets (nested too), built
    piece by piece and stopped past ``limit`` characters: a million-item list
    costs what its first screenfuls cost.  A cut repr ends with
    ``… (N more items)`` (items of ``value`` itself not shown); containers
    nested deeper than ``MAX_DEPTH`` show as ``[…]``, and the text ends with
    ``… (nested deeper than MAX_DEPTH levels)``."""
    out = _Out(limit)
    try:
        _write(value, out, set(), True)
    except _Full:
        text = "".join(out.parts)[:limit]
        more = len(value) - out.top
        return f"{text}… ({more:,} more items)" if more > 0 else f"{text}… (truncated)"
    text = "".join(out.parts)
    return f"{text}… (nested deeper than {MAX_DEPTH} levels)" if out.deep else text


def _write(value: Any, out: _Out, active: set[int], top: bool = False) -> None:
    """Append repr(value) to ``out``, matching the builtin reprs (including
    ``[...]`` for a container inside itself); other values use their repr."""
    kind = type(value)
    if kind not in _CONTAINERS or not value:
        out.add(repr(value))
        return
    if id(value) in active:
        out.add(_RECURSIVE[kind])
        return
    if len(active) >= MAX_DEPTH:
        out.deep = True
        out.add(_DEEP[kind])
        return
    open_, close = _BRACKETS[kind]
    active.add(id(value))
    try:
        out.add(open_)
        first = True
        if kind is dict:
            for key, item in value.items():
                if top:
                    out.top += 1
                if not first:
                    out.add(", ")
                first = False
                _write(key, out, active)
                out.add(": ")
                _write(item, out, active)
        else:
            for item in value:
                if top:
                    out.top += 1
                if not first:
                    out.add(", ")
                first = False
                _write(item, out, active)
            if kind is tuple and len(value) == 1:
                out.add(",")
        out.add(close)
    finally:
        active.discard(id(value))


_BRACKETS = {list: ("[", "]"), tuple: ("(", ")"), dict: ("{", "}"), set: ("{", "}"), frozenset: ("frozenset({", "})")}
_DEEP = {list: "[…]", tuple: "(…)", dict: "{…}", set: "{…}", frozenset: "frozenset({…})"}
_RECURSIVE = {list: "[...]", tuple: "(...)", dict: "{...}", set: "set(...)", frozenset: "frozenset(...)"}
