"""Value -> MIME bundle (a dict of mime type -> str).

Order of preference: a formatter registered for the value's type (third-party
types such as matplotlib figures or pandas frames), ``_mime_``,
``_repr_mimebundle_``, the ``_repr_*_`` methods, and finally an escaped
``repr`` as ``text/plain``.  Formatters are looked up by the dotted name of
the type and its bases, so registering one never imports the library.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Callable

Bundle = dict[str, str]
Formatter = Callable[[Any], "Bundle | None"]

_formatters: dict[str, Formatter] = {}

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


def register_formatter(type_name: str) -> Callable[[Formatter], Formatter]:
    """Register a formatter for the type with this dotted name (module.Qualname)."""

    def decorate(fn: Formatter) -> Formatter:
        _formatters[type_name] = fn
        return fn

    return decorate


def _type_names(value: Any) -> list[str]:
    return [f"{cls.__module__}.{cls.__qualname__}" for cls in type(value).__mro__]


def format_value(value: Any) -> Bundle | None:
    """The MIME bundle for a cell's output value; None shows nothing."""
    if value is None:
        return None
    if _formatters:
        for name in _type_names(value):
            formatter = _formatters.get(name)
            if formatter is not None:
                bundle = formatter(value)
                if bundle is not None:
                    return bundle
    try:
        bundle = _from_repr_methods(value)
    except Exception as exc:  # a broken _repr_ must not take the cell down
        return {"text/plain": f"<{type(value).__name__}: display failed: {exc!r}>"}
    if bundle:
        return bundle
    return {"text/plain": _safe_repr(value)}


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
        return repr(value)
    except Exception as exc:  # noqa: BLE001
        return f"<{type(value).__name__} object: repr failed: {exc!r}>"


def _load_builtin_formatters() -> None:
    from . import formatters  # noqa: F401  (registers itself)


_load_builtin_formatters()
