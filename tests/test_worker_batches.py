"""The browser worker posts the kernel's events in batches (JSON Lines): fewer
posts through the kernel's frame, the same events in the same order."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from kernel_py.browser.worker_entry import WorkerKernel
from kernel_py.protocol import encode
from kernel_py.session import Session

NOTEBOOK = (Path(__file__).parent / "fixtures" / "slider.py").read_text(encoding="utf-8")  # bench/reactivity.py runs it too


def _batches(requests: list[dict]) -> tuple[list[str], list[dict]]:
    """(what the worker posts, every event the session emitted) for these requests."""
    posts: list[str] = []
    worker = WorkerKernel.__new__(WorkerKernel)  # only its posting half: no Pyodide here
    worker._post_event, worker._outbox = posts.append, []
    emitted: list[dict] = []

    def emit(msg: dict) -> None:
        emitted.append(json.loads(encode(msg)))
        worker._emit(msg)

    async def run() -> None:
        session = Session(emit)
        try:
            for request in requests:
                if request["type"] == "set_ui_value":
                    request["widget"] = next(iter(session.kernel.ui._elements))
                await session.handle(request)
                await asyncio.sleep(0)  # what waits for Python to yield goes out
        finally:
            session.close()

    asyncio.run(run())
    return posts, emitted


def test_a_widget_change_takes_three_posts_with_every_event_in_order():
    posts, emitted = _batches(
        [{"v": 1, "type": "open", "text": NOTEBOOK, "id": 1}]
        + [{"v": 1, "type": "set_ui_value", "value": v} for v in (3, 7)]
    )
    events = [json.loads(line) for post in posts for line in post.split("\n")]
    assert events == emitted  # the same events, in the same order
    change = posts[-3:]  # the last widget change
    kinds = [[(e["type"], e.get("status", e.get("run"))) for e in map(json.loads, post.split("\n"))] for post in change]
    assert kinds == [
        [("status", "queued"), ("status", "running")],
        [("output", "ok"), ("status", "idle")],
        [("variables", None), ("done", None)],
    ]
    assert "🟢" * 7 in change[1]


def test_an_event_is_always_one_line():
    text = encode({"v": 1, "type": "console", "cell": "a", "stream": "stdout", "text": "one\ntwo\r\n\u2028"})
    assert "\n" not in text
    assert json.loads(text)["text"] == "one\ntwo\r\n\u2028"
