"""Run a notebook at export time (CPython, the same kernel as ``rivulet run``)
and record which files under its folder it reads."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..headless import RunReport, run_notebook

# sys.addaudithook cannot be undone: one hook, installed on first use, feeding
# whichever recorder is active (None outside an export run).
_recorder: list[str] | None = None
_hooked = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _recorder is not None and args and isinstance(args[0], (str, bytes, os.PathLike)):
        mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
        writing = any(c in mode for c in "wax+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if not writing:
            _recorder.append(os.fsdecode(args[0]))


@contextmanager
def recording_opens() -> Iterator[list[str]]:
    global _recorder, _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    opened: list[str] = []
    previous, _recorder = _recorder, opened
    try:
        yield opened
    finally:
        _recorder = previous


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@dataclass
class PreRun:
    report: RunReport
    data_files: list[str] = field(default_factory=list)  # posix paths relative to the notebook's folder


def prerun(notebook: Path, text: str) -> PreRun:
    """Run every cell with the notebook's folder as working directory."""
    folder = notebook.resolve().parent
    with working_directory(folder), recording_opens() as opened:
        report = run_notebook(text, notebook_dir=str(folder))
        resolved = [Path(p) if os.path.isabs(p) else folder / p for p in opened]
    return PreRun(report, data_files_under(folder, resolved, exclude=notebook.resolve()))


def data_files_under(folder: Path, paths: list[Path], *, exclude: Path) -> list[str]:
    """The regular files among ``paths`` inside ``folder`` (no byte code, not the notebook)."""
    found: set[str] = set()
    for path in paths:
        try:
            real = Path(os.path.normpath(path))
            rel = real.relative_to(folder)
        except ValueError:
            continue
        if real == exclude or not real.is_file() or "__pycache__" in rel.parts or real.suffix == ".pyc":
            continue
        found.add(rel.as_posix())
    return sorted(found)
