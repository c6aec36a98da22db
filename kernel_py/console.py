"""Route stdout/stderr written while a cell runs to that cell's console."""

from __future__ import annotations

import io
import sys
from typing import Callable, TextIO

from . import context

Sink = Callable[[str, str, str], None]  # (cell_id, stream, text)


class CellStream(io.TextIOBase):
    """A text stream that forwards writes to the running cell, else to ``fallback``."""

    def __init__(self, name: str, fallback: TextIO, sink: Sink) -> None:
        self.name = name
        self._fallback = fallback
        self._sink = sink

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        ctx = context.current()
        if ctx is None:
            return self._fallback.write(text)
        if text:
            self._sink(ctx.cell_id, self.name, text)
        return len(text)

    def flush(self) -> None:
        if context.current() is None:
            self._fallback.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


class ConsoleCapture:
    """Install cell-aware stdout/stderr; restore the originals on ``close``."""

    def __init__(self, sink: Sink) -> None:
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = CellStream("stdout", self._saved[0], sink)  # type: ignore[assignment]
        sys.stderr = CellStream("stderr", self._saved[1], sink)  # type: ignore[assignment]

    def close(self) -> None:
        sys.stdout, sys.stderr = self._saved
