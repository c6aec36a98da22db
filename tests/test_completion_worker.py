"""The browser worker's completion path (kernel_py/browser/completion.py),
under CPython: ``complete`` requests are answered as they arrive, not queued
behind a running cell; jedi loads only once completion was asked for and the
first run is done."""

from __future__ import annotations

import asyncio
import json

from kernel_py.browser.completion import JediLoader, answer_now
from kernel_py.core.completion import Completer
from kernel_py.session import Session


def test_a_complete_request_is_answered_at_once_and_others_are_left_to_the_queue():
    events: list[dict] = []
    session = Session(events.append)
    try:
        asyncio.run(session.handle({"v": 1, "type": "run", "cells": [{"id": "a", "code": "import math"}]}))
        events.clear()
        request = {"v": 1, "type": "complete", "id": "c7", "code": "math.sq", "line": 1, "column": 7}
        assert answer_now(session, json.dumps(request), events.append) is True
        assert answer_now(session, json.dumps({"v": 1, "type": "run", "cells": []}), events.append) is False
        assert answer_now(session, '{"v": 1, "type": "complete", "code": ', events.append) is False  # bad JSON: the queue reports it
    finally:
        session.close()
    assert [(e["type"], e["id"], [i["name"] for i in e["items"]]) for e in events] == [("completions", "c7", ["sqrt"])]


def test_jedi_loads_only_once_asked_for_and_after_the_first_run():
    async def scenario() -> list[bool]:
        loader = JediLoader(Completer(), busy=lambda: False)
        started = [loader.task is not None]
        loader.asked()
        started.append(loader.task is not None)
        loader.ran()
        started.append(loader.task is not None)
        await loader.task  # no Pyodide here: it gives up quietly and the fallback keeps answering
        started.append(loader.completer.jedi is None)
        return started

    assert asyncio.run(scenario()) == [False, False, True, True]
