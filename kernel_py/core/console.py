"""Route stdout/stderr written while a cell runs to that cell's console.

Writes are batched: a tight ``print`` loop must not become one protocol
event (a JSON message across the worker boundary) per write.  The rules, per
cell run, with no threads or timers (this runs under Pyodide):

* a write is sent at once while few events went out recently (at most
  ``BURST_EVENTS`` per ``FLUSH_INTERVAL``): occasional prints stream exactly
  as written, and the first write after a quiet period always shows at once;
* past that, writes collect in a buffer that is sent as one ``console`` event
  when it holds ``FLUSH_CHARS`` characters or when ``FLUSH_INTERVAL`` passed
  since the window opened (checked on each write, with ``time.monotonic``);
* switching streams sends the other stream's buffer first (order is kept);
* ``flush()`` on the stream (``print(..., flush=True)``) sends the buffer;
* the end of the cell sends what is left: the kernel calls
  :meth:`ConsoleCapture.flush_all` when a cell finishes, so the cell's text
  (and any truncation note) goes out before its ``output`` event.

Limit: text buffered by a burst and followed by a long computation without
another write shows when the cell ends (the buffer is at most
``FLUSH_INTERVAL`` of output: a lone print after a quiet period is never
held back).

Each stream of a cell run keeps at most ``MAX_CHARS`` characters and
``MAX_LINES`` lines; the rest is dropped (counted) and the cell's last event
on that stream is the note ``"\\n… output truncated: N more characters\\n"``.
"""

from __future__ import annotations

import io
import sys
import time
from typing import Callable, TextIO

from . import context

Sink = Callable[[str, str, str], None]  # (cell_id, stream, text)

FLUSH_CHARS = 4096  # send a buffer this large at once
FLUSH_INTERVAL = 0.05  # s: nothing waits longer than this for a following write
BURST_EVENTS = 16  # events per interval sent unbuffered (slow prints stream as written)
MAX_CHARS = 1_000_000  # per cell run and stream
MAX_LINES = 10_000  # per cell run and stream

_clock = time.monotonic


def truncation_note(dropped: int, ends_line: bool = False) -> str:
    lead = "" if ends_line else "\n"
    return f"{lead}… output truncated: {dropped:,} more characters\n"


class _Limit:
    """What one stream of one cell run may still send."""

    __slots__ = ("chars", "lines", "full", "dropped", "ends_line")

    def __init__(self) -> None:
        self.chars = MAX_CHARS
        self.lines = MAX_LINES
        self.full = False
        self.dropped = 0  # characters not sent
        self.ends_line = True  # the last text sent ends a line

    def admit(self, text: str) -> str:
        """The part of ``text`` within the limits; counts the rest as dropped."""
        if self.full:
            self.dropped += len(text)
            return ""
        keep = min(len(text), self.chars)
        newlines = text.count("\n", 0, keep)
        if newlines >= self.lines:  # cut right after the last allowed newline
            end = -1
            for _ in range(self.lines):
                end = text.index("\n", end + 1)
            keep, newlines = end + 1, self.lines
        self.chars -= keep
        self.lines -= newlines
        self.dropped += len(text) - keep
        self.full = self.chars == 0 or self.lines == 0
        if keep:
            self.ends_line = text[keep - 1] == "\n"
        return text[:keep] if keep < len(text) else text


class _Console:
    """The batching state shared by a capture's stdout and stderr."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._ctx: object | None = None  # the cell run being buffered
        self._cell = ""
        self._stream = ""
        self._parts: list[str] = []
        self._size = 0
        self._window = -1.0  # when the current burst window opened
        self._events = 0  # events sent in it
        self._limits: dict[str, _Limit] = {}

    def write(self, ctx: context.CellContext, stream: str, text: str) -> None:
        if ctx is not self._ctx:
            self.finish()
            self._ctx, self._cell = ctx, ctx.cell_id
        limit = self._limits.get(stream)
        if limit is None:
            limit = self._limits[stream] = _Limit()
        text = limit.admit(text)
        if not text:
            return
        if stream != self._stream:
            self.flush()
            self._stream = stream
        self._parts.append(text)
        self._size += len(text)
        now = _clock()
        if now - self._window >= FLUSH_INTERVAL:
            self._window, self._events = now, 0
        if self._events < BURST_EVENTS or self._size >= FLUSH_CHARS or limit.full:
            self.flush()  # a stream that reached its cap sends its last text now, not at the end

    def flush(self) -> None:
        if not self._parts:
            return
        text = "".join(self._parts) if len(self._parts) > 1 else self._parts[0]
        self._parts = []
        self._size = 0
        self._events += 1
        self._sink(self._cell, self._stream, text)

    def finish(self) -> None:
        """The cell run ended: send what is buffered and the truncation notes."""
        if self._ctx is None:
            return
        self.flush()
        for stream, limit in self._limits.items():
            if limit.dropped:
                self._sink(self._cell, stream, truncation_note(limit.dropped, limit.ends_line))
        self._ctx = None
        self._stream = ""
        self._limits = {}
        self._window, self._events = -1.0, 0


class CellStream(io.TextIOBase):
    """A text stream that forwards writes to the running cell's console, else
    to ``fallback`` (the stream it replaced)."""

    def __init__(self, name: str, fallback: TextIO) -> None:
        self.name = name
        self._fallback = fallback

    def writable(self) -> bool:
        return True

    def _console(self) -> _Console | None:
        ctx = context.current()
        return ctx.console if ctx is not None else None

    def write(self, text: str) -> int:
        ctx = context.current()
        console = ctx.console if ctx is not None else None
        if console is None:
            return self._fallback.write(text)
        if text:
            console.write(ctx, self.name, text)
        return len(text)

    def flush(self) -> None:
        console = self._console()
        if console is None:
            self._fallback.flush()
        else:
            console.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


class _Streams:
    """``sys.stdout``/``sys.stderr`` replaced while any capture is open, and
    put back when the last one closes (captures of several kernels share
    them: each write goes to the console of the cell that is running)."""

    users = 0
    saved: tuple[TextIO, TextIO] | None = None
    installed: tuple[CellStream, CellStream] | None = None

    @classmethod
    def open(cls) -> None:
        if cls.users == 0:
            cls.saved = (sys.stdout, sys.stderr)
            cls.installed = (CellStream("stdout", sys.stdout), CellStream("stderr", sys.stderr))
            sys.stdout, sys.stderr = cls.installed  # type: ignore[assignment]
        cls.users += 1

    @classmethod
    def close(cls) -> None:
        cls.users -= 1
        if cls.users > 0 or cls.saved is None or cls.installed is None:
            return
        # put back only what is still ours (something may have replaced it since)
        if sys.stdout is cls.installed[0]:
            sys.stdout = cls.saved[0]
        if sys.stderr is cls.installed[1]:
            sys.stderr = cls.saved[1]
        cls.saved = cls.installed = None


class ConsoleCapture:
    """Route the output of this kernel's cells to ``sink``; ``close`` undoes it."""

    def __init__(self, sink: Sink) -> None:
        self.console = _Console(sink)
        self._open = True
        _Streams.open()

    def flush_all(self) -> None:
        """Send everything buffered (and truncation notes): call when a cell ends."""
        self.console.finish()

    def close(self) -> None:
        self.console.finish()
        if self._open:
            self._open = False
            _Streams.close()
