"""No process-wide state outlives a Session: two sessions in one process do
not interfere, and closing puts back what they replaced."""

from __future__ import annotations

import asyncio
import sys

from harness import Notebook


def test_closing_a_session_restores_marimo_and_the_standard_streams():
    before = (sys.modules.get("marimo"), sys.stdout, sys.stderr)
    nb = Notebook("import marimo as mo", "print('hi'); mo.__name__")
    assert nb.console("c1") == "hi\n"
    assert "kernel_py" in (nb.text("c1") or "")  # Rivulet's mo, not marimo
    nb.close()
    assert (sys.modules.get("marimo"), sys.stdout, sys.stderr) == before


def test_closing_twice_is_harmless():
    before = (sys.modules.get("marimo"), sys.stdout, sys.stderr)
    nb = Notebook("x = 1")
    nb.close()
    nb.close()
    assert (sys.modules.get("marimo"), sys.stdout, sys.stderr) == before


def test_two_sessions_keep_their_own_names_consoles_and_widgets():
    a = Notebook("x = 1", "print('a', x)")
    b = Notebook("x = 2", "print('b', x)")
    try:
        assert a.console("c1") == "a 1\n" and b.console("c1") == "b 2\n"
        start = len(a.events)
        b.run("c0", c0="x = 20")
        assert b.console("c1").endswith("b 20\n")
        assert a.events[start:] == []  # nothing of b's run reached a
        a.close()  # closing one leaves the other working
        start = len(b.events)
        b.run("c0", c0="x = 21")
        assert b.console("c1", since=start) == "b 21\n"
    finally:
        a.close()
        b.close()


def test_widgets_of_two_sessions_stay_apart():
    a = Notebook("import marimo as mo", "s = mo.ui.slider(0, 10)", "s.value * 2")
    b = Notebook("import marimo as mo", "s = mo.ui.slider(0, 10)", "s.value * 3")
    try:
        assert len(a.session.kernel.ui) == 1 and len(b.session.kernel.ui) == 1
        (element_id,) = a.session.kernel.ui._elements
        a.request("set_ui_value", id=element_id, value=4)
        assert a.text("c2") == "8" and b.text("c2") == "0"
        b.request("set_ui_value", id=element_id, value=5)  # not b's widget: ignored
        assert b.text("c2") == "0"
    finally:
        a.close()
        b.close()


def test_sessions_running_concurrently_print_to_their_own_cells():
    a = Notebook("import asyncio", run=False)
    b = Notebook("import asyncio", run=False)
    code = "for i in range(3):\n    print('{}', i)\n    await asyncio.sleep(0)\n"

    async def both() -> None:
        await asyncio.gather(
            a.session.handle({"v": 1, "type": "run", "cells": [{"id": "c0", "code": "import asyncio"}, {"id": "c1", "code": code.format("a")}]}),
            b.session.handle({"v": 1, "type": "run", "cells": [{"id": "c0", "code": "import asyncio"}, {"id": "c1", "code": code.format("b")}]}),
        )

    try:
        asyncio.run(both())
        assert a.console("c1") == "a 0\na 1\na 2\n"
        assert b.console("c1") == "b 0\nb 1\nb 2\n"
    finally:
        a.close()
        b.close()
