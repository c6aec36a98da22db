"""Interrupts and ``input()`` in the browser worker.

The JavaScript side (``web/src/worker-interrupt.js``) gives Pyodide an
interrupt buffer that raises ``KeyboardInterrupt`` in running Python code.
This module covers the rest:

- the buffer is asked only while a request runs, and a signal left over from
  a run that ended is dropped: it must not fire inside the next one, or inside
  asyncio's own code;
- a request that awaits (top-level ``await asyncio.sleep(1000)``) runs no
  Python, so nothing reads the buffer: the page's interrupt message calls
  :meth:`Guard.cancel`, which cancels it (the kernel reports the cell as
  interrupted);
- ``time.sleep`` and ``input()`` block on a JavaScript promise through JSPI
  (``pyodide.ffi.run_sync``) when the browser can, so the page can reject it:
  they raise ``KeyboardInterrupt``.  ``input()`` shows a prompt under the cell.
"""

from __future__ import annotations

import asyncio
import builtins
import time
from typing import Any

from kernel_py.core import context

_original_sleep = time.sleep
_original_input = builtins.input


class Guard:
    def __init__(self, kernel: Any, hooks: Any) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.busy = False

    def begin(self) -> None:
        self.busy = True
        self.hooks.running(True)

    def end(self) -> None:
        self.busy = False
        self.hooks.running(False)
        task = asyncio.current_task()
        while task is not None and task.cancelling():
            task.uncancel()

    def cancel(self) -> None:
        """The page asked to interrupt while Python waits: cancel the request."""
        task = getattr(self.kernel, "_task", None)
        if self.busy and task is not None and not task.done():
            task.cancel()

    # -- blocking calls made interruptible (JSPI) ---------------------------------
    def sleep(self, seconds: float) -> None:
        seconds = float(seconds)
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if seconds == 0 or not _can_run_sync():
            return _original_sleep(seconds)
        self._block(self.hooks.sleep(seconds * 1000))

    def input(self, prompt: object = "") -> str:
        text = "" if prompt is None else str(prompt)
        ctx = context.current()
        if ctx is None or not _can_run_sync():
            raise EOFError(
                "input() needs a browser with JavaScript Promise Integration (a current "
                "Chrome, Edge or Firefox); use mo.ui.text for a text field instead"
            )
        answer = str(self._block(self.hooks.input(ctx.cell_id, text)))
        print(f"{text}{answer}")  # the console shows the exchange, as a terminal would
        return answer

    def _block(self, promise: Any) -> Any:
        from pyodide.ffi import JsException, run_sync

        try:
            return run_sync(promise)
        except JsException as exc:
            if "KeyboardInterrupt" in str(exc):
                raise KeyboardInterrupt from None
            raise


def _can_run_sync() -> bool:
    try:
        from pyodide.ffi import can_run_sync
    except ImportError:
        return False
    return bool(can_run_sync())


def install(kernel: Any, hooks: Any) -> Guard:
    """Called once by the worker after ``worker_entry.start``; returns the
    guard whose ``cancel`` the worker calls on the page's interrupt message."""
    guard = Guard(kernel, hooks)
    kernel.guard = guard
    time.sleep = guard.sleep
    builtins.input = guard.input
    return guard
