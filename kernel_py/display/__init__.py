"""Display: a value -> its MIME bundle (``format_value``), and the formatters.

Knows nothing of the kernel or of ``mo``; both build on it.
"""

from __future__ import annotations

from .registry import Bundle, Formatter, register_formatter
from .values import MAX_PLAIN_CHARS, bounded_repr, cap_text, format_value

__all__ = [
    "MAX_PLAIN_CHARS",
    "Bundle",
    "Formatter",
    "bounded_repr",
    "cap_text",
    "format_value",
    "register_formatter",
]
