"""Formatters for third-party types, registered by the dotted name of the type.

Looking a value up walks its type's MRO by name, so registering a formatter
never imports the library it formats.  The built-in ones live in
``formatters``; the ``mo`` layer registers richer ones for data frames (the
interactive table) over the plain ones.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

Bundle = dict[str, str]
Formatter = Callable[[Any], "Bundle | None"]

_formatters: dict[str, Formatter] = {}


def register_formatter(type_name: str) -> Callable[[Formatter], Formatter]:
    """Register a formatter for the type with this dotted name (module.Qualname)."""

    def decorate(fn: Formatter) -> Formatter:
        _formatters[type_name] = fn
        return fn

    return decorate


def registered(type_name: str) -> Formatter | None:
    return _formatters.get(type_name)


def formatter_for(value: Any) -> Iterator[Formatter]:
    """The formatters registered for ``value``'s type and bases, most specific first."""
    if not _formatters:
        return
    for cls in type(value).__mro__:
        formatter = _formatters.get(f"{cls.__module__}.{cls.__qualname__}")
        if formatter is not None:
            yield formatter
