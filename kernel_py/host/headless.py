"""Run a notebook headless under CPython (``rivulet run``) through a Session."""

from __future__ import annotations

import asyncio
import io
import sys
from dataclasses import dataclass, field
from typing import Any

from ..notebook.file_format import parse_notebook
from ..session import Session
from .source_lines import cell_body_lines, error_line, file_message


@dataclass
class RunReport:
    cells: list[dict[str, Any]] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # cell id -> first body line
    problems: list[tuple[int, str]] = field(default_factory=list)  # (file line, message) from reading it
    exit_status: int | str | None = None  # what a cell's sys.exit() asked for, if one did

    @property
    def failed(self) -> bool:
        return any(cell["status"] == "error" for cell in self.cells)

    def messages(self, path: str) -> list[str]:
        found = [f"{path}:{line}: {message}" for line, message in self.problems]
        for cell in self.cells:
            error = cell["error"]
            if not error or error["kind"] == "ancestor":
                continue
            line = error_line(self.lines.get(cell["id"], 1), error)
            first = error["message"].splitlines()[0] if error["message"] else error["kind"]
            found.append(f"{path}:{line}: {file_message(first)}")
        return found


class _Collector:
    def __init__(self, echo: bool) -> None:
        self.echo = echo
        self.cells: dict[str, dict[str, Any]] = {}
        self.order: list[str] = []

    def __call__(self, msg: dict[str, Any]) -> None:
        kind = msg["type"]
        if kind == "notebook":
            for cell in msg["cells"]:
                self.order.append(cell["id"])
                self.cells[cell["id"]] = {
                    "id": cell["id"],
                    "name": cell["name"],
                    "status": "skipped",
                    "outputs": [],
                    "stdout": "",
                    "stderr": "",
                    "error": None,
                }
        elif kind == "status" and msg["status"] == "disabled":
            self.cells[msg["cell"]]["status"] = "disabled"
        elif kind == "output" and msg["run"] != "running":
            cell = self.cells[msg["cell"]]
            cell["status"] = msg["run"]
            cell["outputs"] = [msg["output"]] if msg["output"] else []
            cell["error"] = msg["error"]
        elif kind == "console":
            cell = self.cells[msg["cell"]]
            cell[msg["stream"]] += msg["text"]
            if self.echo:
                # the originals: sys.stdout itself is captured while a cell runs
                stream = sys.__stdout__ if msg["stream"] == "stdout" else sys.__stderr__
                if stream is not None:
                    stream.write(msg["text"])


def run_notebook(
    text: str, *, echo: bool = False, notebook_dir: str | None = None, notebook_file: str | None = None,
    args: list[str] | None = None,
) -> RunReport:
    """Run every cell of a notebook file's text; report per cell in file order.

    ``notebook_dir`` (the file's folder) is what ``mo.notebook_dir()`` returns,
    and is importable during the run, as in marimo (``from other_notebook import app``).
    ``notebook_file`` is the cells' ``__file__`` and ``sys.argv[0]``; ``args`` the rest of
    ``sys.argv`` (and ``mo.cli_args()``)."""
    notebook = parse_notebook(text)
    collect = _Collector(echo)
    session = Session(collect, mode="run")
    path = list(sys.path)
    if notebook_file is not None:
        session.kernel.meta["notebook_file"] = str(notebook_file)
    session.kernel.meta["cli_args"] = list(args or [])
    if notebook_dir is not None:
        session.kernel.meta["notebook_dir"] = str(notebook_dir)
        sys.path.insert(0, str(notebook_dir))
    stdin, sys.stdin = sys.stdin, io.StringIO()  # a headless run never waits for input()
    try:
        session.load(notebook)
        asyncio.run(session.kernel.run_all())
    finally:
        sys.stdin = stdin
        sys.path[:] = path
        session.close()
    report = RunReport(
        cells=[collect.cells[cid] for cid in collect.order],
        problems=[(p.lineno, p.message) for p in notebook.problems],
        exit_status=session.kernel.exit_status,
    )
    for cell_id, first in zip(collect.order, cell_body_lines(text, notebook)):
        report.lines[cell_id] = first
    return report
