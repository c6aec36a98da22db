"""HTML escaping without importing ``html`` (whose entity tables cost ~50 ms
to import under Pyodide, on every boot)."""

from __future__ import annotations

_QUOTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
_NO_QUOTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str, quote: bool = True) -> str:
    """Same result as ``html.escape``."""
    return str(text).translate(_QUOTE if quote else _NO_QUOTE)
