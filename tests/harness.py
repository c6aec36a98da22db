"""A notebook driven through the real Session, the way the browser drives it."""

from __future__ import annotations

import asyncio
from typing import Any

from kernel_py.session import Session


class Notebook:
    """Cells get ids c0, c1, ... in order; every request goes through Session.handle."""

    def __init__(self, *codes: str, on_cell_change: str = "autorun", run: bool = True) -> None:
        self.events: list[dict[str, Any]] = []
        self.session = Session(self.events.append)
        self.codes = {f"c{i}": code for i, code in enumerate(codes)}
        if on_cell_change != "autorun":
            self.request("set_config", on_cell_change=on_cell_change)
        self.request("set_cells", cells=[{"id": k, "code": v} for k, v in self.codes.items()])
        if run:
            self.run(*self.codes)

    def close(self) -> None:
        self.session.close()

    def request(self, type_: str, **fields: Any) -> list[dict[str, Any]]:
        start = len(self.events)
        asyncio.run(self.session.handle({"v": 1, "type": type_, **fields}))
        return self.events[start:]

    def run(self, *cell_ids: str, **new_code: str) -> list[dict[str, Any]]:
        """Run cells (c0="new code" edits then runs)."""
        self.codes.update(new_code)
        ids = list(cell_ids) + [k for k in new_code if k not in cell_ids]
        return self.request("run", cells=[{"id": i, "code": self.codes[i]} for i in ids])

    def set_cells(self, **codes: str) -> list[dict[str, Any]]:
        self.codes = dict(codes)
        return self.request("set_cells", cells=[{"id": k, "code": v} for k, v in codes.items()])

    # -- what a user sees ------------------------------------------------------
    def last(self, type_: str, cell: str) -> dict[str, Any] | None:
        for msg in reversed(self.events):
            if msg["type"] == type_ and msg.get("cell") == cell and msg.get("run") != "running":
                return msg
        return None

    def output(self, cell: str) -> dict[str, str] | None:
        msg = self.last("output", cell)
        return msg["output"] if msg else None

    def text(self, cell: str) -> str | None:
        out = self.output(cell)
        if out is None:
            return None
        return out.get("text/plain") or out.get("text/html")

    def error(self, cell: str) -> dict[str, Any] | None:
        msg = self.last("output", cell)
        return msg["error"] if msg else None

    def status(self, cell: str) -> str | None:
        msg = self.last("status", cell)
        return msg["status"] if msg else None

    def console(self, cell: str, stream: str = "stdout", since: int = 0) -> str:
        return "".join(
            m["text"]
            for m in self.events[since:]
            if m["type"] == "console" and m["cell"] == cell and m["stream"] == stream
        )

    def ran(self, events: list[dict[str, Any]]) -> list[str]:
        """Cells that ran, in order, among these events."""
        return [m["cell"] for m in events if m["type"] == "status" and m["status"] == "running"]

    def __enter__(self) -> "Notebook":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
