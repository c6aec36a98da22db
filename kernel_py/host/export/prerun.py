"""Run a notebook at export time (CPython, the same kernel as ``rivulet run``)
and record which files under its folder it reads, and which modules there it
imports (``from other_notebook import app``, ``import helpers``): the export
carries them beside the notebook, where the page's kernel imports them."""

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
    modules: dict[str, str] = field(default_factory=dict)  # module beside the notebook -> its source's path there


def prerun(notebook: Path, text: str) -> PreRun:
    """Run every cell with the notebook's folder as working directory."""
    folder = notebook.resolve().parent
    for name in [n for n, m in list(sys.modules.items()) if "." not in n and _file_in(m, folder) == f"{n}.py"]:
        del sys.modules[name]  # imported before (another notebook's run): this run imports it anew
    before = set(sys.modules)
    with working_directory(folder), recording_opens() as opened:
        report = run_notebook(text, notebook_dir=str(folder))
        resolved = [Path(p) if os.path.isabs(p) else folder / p for p in opened]
    modules = {}
    for name in [n for n in list(sys.modules) if n not in before]:
        rel = _file_in(sys.modules[name], folder)
        if rel is not None:
            modules[name] = rel
            del sys.modules[name]  # the notebook's, not the host's
    data = data_files_under(folder, resolved, exclude=notebook.resolve())
    return PreRun(report, sorted({*data, *modules.values()}), modules)


def _file_in(module: object, folder: Path) -> str | None:
    """The module's source file relative to ``folder`` (posix), if it is a .py file there."""
    file = getattr(module, "__file__", None)
    if not isinstance(file, str) or not file.endswith(".py"):
        return None
    try:
        rel = Path(file).resolve().relative_to(folder)
    except (ValueError, OSError):
        return None
    return None if "site-packages" in rel.parts or rel.parts[0].startswith(".") else rel.as_posix()


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
