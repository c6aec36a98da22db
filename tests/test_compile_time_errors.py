"""A cell whose error shows only when Python compiles it (``break`` or
``return`` outside their place: the parser accepts them) is reported as that
cell's syntax error; the run goes on, and its descendants are skipped."""

from __future__ import annotations

import asyncio

import pytest

from kernel_py.session import Session


@pytest.mark.parametrize("code", ["x = 1\nbreak", "x = 1\nreturn 1", "x = 1\nyield 2\ncontinue"])
def test_a_compile_time_error_is_the_cells_syntax_error(code):
    events: list[dict] = []
    session = Session(events.append)
    cells = [{"id": "a", "code": code}, {"id": "b", "code": "y = x + 1\ny"}, {"id": "c", "code": "z = 40 + 2\nz"}]
    asyncio.run(session.handle({"v": 1, "type": "set_cells", "cells": cells}))
    asyncio.run(session.handle({"v": 1, "type": "run", "id": "r1", "cells": [{"id": c["id"], "code": c["code"]} for c in cells]}))
    outputs = {e["cell"]: e for e in events if e.get("type") == "output"}
    assert outputs["a"]["error"]["kind"] == "syntax" and "outside" in outputs["a"]["error"]["message"]
    assert outputs["b"]["error"]["kind"] == "ancestor"
    assert outputs["c"]["output"]["text/plain"] == "42"  # the rest of the notebook still runs
    statuses = [e for e in events if e.get("type") == "status"]
    assert {e["cell"]: e["status"] for e in statuses}["a"] == "error"  # not left "running"
    assert any(e.get("type") == "done" and e.get("id") == "r1" for e in events)
    session.close()
