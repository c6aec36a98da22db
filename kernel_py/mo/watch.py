"""``mo.watch``: ``mo.watch.file(path)`` and ``mo.watch.directory(path)``.

In marimo they re-run the cells that read them when the file changes on
disk.  Here the cells that read one re-run when the notebook changes it
through the object (``write_text``/``write_bytes``); changes made by other
programs are not watched: in the browser the files live in the page's
memory (Pyodide's file system) and only the notebook changes them.  Their
display says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

from ..core import context
from ..display.escape import escape

NOTE = (
    "mo.watch: cells that read this re-run when the notebook writes it through this object; "
    "changes by other programs are not watched (in the browser, files live in the page's memory, "
    "not on the host)."
)


class PathState:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.exists()

    def _changed(self) -> None:
        kernel = context.current_kernel()
        if kernel is None:
            return
        readers = kernel.readers_of(self)
        ctx = context.current()
        if ctx is not None:
            readers.discard(ctx.cell_id)
        kernel.request_run(readers)

    def _mime_(self) -> tuple[str, str]:
        return ("text/html", f'<span role="note" class="rv-ui-note">{escape(type(self).__name__)}'
                             f"({escape(str(self.path))}): {escape(NOTE)}</span>")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"


class FileState(PathState):
    def read_text(self, encoding: str | None = None) -> str:
        return self.path.read_text(encoding=encoding)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()

    def write_text(self, data: str, encoding: str | None = None) -> int:
        n = self.path.write_text(data, encoding=encoding)
        self._changed()
        return n

    def write_bytes(self, data: bytes) -> int:
        n = self.path.write_bytes(data)
        self._changed()
        return n


class DirectoryState(PathState):
    def iterdir(self) -> Iterator[Path]:
        return self.path.iterdir()

    def glob(self, pattern: str) -> Iterator[Path]:
        return self.path.glob(pattern)

    def rglob(self, pattern: str) -> Iterator[Path]:
        return self.path.rglob(pattern)

    def walk(self, top_down: bool = True, on_error: Callable[[OSError], Any] | None = None,
             follow_symlinks: bool = False) -> Iterator[tuple[Path, list[str], list[str]]]:
        import os

        for root, dirs, files in os.walk(self.path, topdown=top_down, onerror=on_error, followlinks=follow_symlinks):
            yield Path(root), dirs, files


def file(path: Path | str) -> FileState:
    """A file whose readers re-run when the notebook writes it (see the module)."""
    p = Path(path)
    if p.is_dir():
        raise ValueError("Path must be a file, not a directory, use mo.directory() instead")
    return FileState(p)


def directory(path: Path | str) -> DirectoryState:
    """A folder to list (see the module)."""
    p = Path(path)
    if not p.is_dir():
        raise ValueError("Path must be a directory, use mo.file()")
    return DirectoryState(p)


__all__ = ["DirectoryState", "FileState", "PathState", "directory", "file"]
