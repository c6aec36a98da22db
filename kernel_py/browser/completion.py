"""Completion in the browser worker: answered at once, jedi loaded late.

``complete`` requests skip the request queue: :func:`answer_now` answers
one as soon as the worker hands it over, so it is answered while a cell
runs whenever that run lets JavaScript in (it awaits, or sleeps through
JSPI).  A cell busy in pure Python holds the worker: the page answers from
what it knows meanwhile.

jedi (shipped with the site, listed in its lock file) is loaded by
:class:`JediLoader` once someone asks for completion and the notebook's
first run is done, so it never delays the first output (and a notebook
nobody types in never loads it), and only while no request is running: the
package, then ``import jedi`` (about a second), then warm-up completions
(jedi's first look at the builtins' stubs takes seconds).  Until then, and
if it cannot be had (an offline export without it), the fallback answers.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any, Callable

WARM_UP = (  # attributes of a module and of a builtin type, a builtin's signature
    ("completions", "import math\nmath.sq", 2, 7),
    ("completions", "''.up", 1, 5),
    ("signature", "print(", 1, 6),
)


def answer_now(session: Any, text: str, emit: Callable[[dict[str, Any]], None]) -> bool:
    """Answer ``text`` here if it is a ``complete`` request (True), else leave it to the queue."""
    if '"complete"' not in text:
        return False
    import json

    try:
        msg = json.loads(text)
    except ValueError:
        return False
    if not isinstance(msg, dict) or msg.get("type") != "complete" or msg.get("v") != 1:
        return False
    emit(session.complete(msg))
    return True


class JediLoader:
    """Loads jedi into ``completer`` in the background, between requests."""

    def __init__(self, completer: Any, busy: Callable[[], bool]) -> None:
        self.completer = completer
        self.busy = busy
        self.task: asyncio.Future | None = None
        self._asked = False
        self._ran = False

    def asked(self) -> None:
        """Completion was asked for."""
        self._asked = True
        self._start()

    def ran(self) -> None:
        """The notebook's first run (or any later one) is done."""
        self._ran = True
        self._start()

    def _start(self) -> None:
        if self.task is None and self._asked and self._ran:
            self.task = asyncio.ensure_future(self._load())

    async def _idle(self) -> None:
        await asyncio.sleep(0.05)
        while self.busy():
            await asyncio.sleep(0.1)

    async def _load(self) -> None:
        started = time.perf_counter()
        try:
            await self._idle()
            import pyodide_js
            from pyodide.ffi import to_js

            await pyodide_js.loadPackage(to_js(["jedi"]), to_js({"messageCallback": _quiet}, dict_converter=_js_object))
            await self._idle()
            import jedi
        except Exception as exc:  # noqa: BLE001 - offline without the wheel: the fallback answers
            print(f"rivulet: completion without jedi ({type(exc).__name__}: {exc})", file=sys.__stderr__)
            return
        loaded = time.perf_counter()
        self.completer.use_jedi(jedi)
        for want, code, line, column in WARM_UP:
            await self._idle()
            self.completer.answer(want, code, line, column, {})
        print(
            f"rivulet: jedi ready in {time.perf_counter() - started:.2f} s "
            f"(loaded {loaded - started:.2f} s, warmed {time.perf_counter() - loaded:.2f} s)",
            file=sys.__stderr__,
        )


def _quiet(*_args: Any) -> None:
    return None


def _js_object(entries: Any) -> Any:
    import js

    return js.Object.fromEntries(entries)
