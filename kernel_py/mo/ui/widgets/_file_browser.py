"""``mo.ui.file_browser``: browse and pick files of the Python file system
(in the browser, Pyodide's in-memory one).

marimo lists a folder when the page asks (a call into Python); Rivulet's
widgets only send values, so the folders under ``initial_path`` are listed
when the element is made (at most ``_MAX_LISTED`` entries, depth-first) and
the page navigates within them.  Arguments, checks, messages and ``.value``
(a tuple of ``FileBrowserFileInfo``) follow marimo 0.25.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ..element import UIElement

_KINDS = frozenset({"file", "directory"})
_MAX_LISTED = 2000  # entries sent to the page across all folders


@dataclass
class FileBrowserFileInfo:
    id: str
    path: Path
    name: str
    is_directory: bool


class _NavigationError(ValueError, RuntimeError):
    """marimo raises RuntimeError; a ValueError is what the kernel refuses cleanly."""


def _selection_mode(value: object) -> frozenset[str]:
    if isinstance(value, str):
        if value == "all":
            return _KINDS
        if value in _KINDS:
            return frozenset({value})
        raise ValueError(
            f"Invalid selection_mode {value!r}. Expected one of 'file', 'directory', 'all', "
            "or a list of 'file'/'directory'."
        )
    if isinstance(value, (list, tuple)):
        if not value:
            raise ValueError("selection_mode list must not be empty.")
        for kind in value:
            if not isinstance(kind, str) or kind not in _KINDS:
                raise ValueError(f"Invalid selection_mode entry {kind!r}. Each entry must be 'file' or 'directory'.")
        return frozenset(value)
    raise ValueError(f"selection_mode must be a string or a list of strings, got {type(value).__name__}.")


def _values(value: Any, multiple: bool) -> Sequence[str | Path]:
    def not_empty(entry: Any, key: str) -> None:
        if isinstance(entry, str) and not entry:
            raise ValueError(f'Invalid {key}="". Pass a file or directory path, or None for no default value.')

    if value is None:
        values: Sequence[str | Path] = ()
    elif isinstance(value, Sequence) and not isinstance(value, str):
        for i, entry in enumerate(value):
            not_empty(entry, f"value[{i}]")
        values = value
    else:
        not_empty(value, "value")
        values = (value,)
    if not multiple and len(values) > 1:
        raise ValueError("File browser with multiple=False cannot have more than one default value.")
    return values


def _normal(path: str | Path) -> Path:
    return Path(os.path.normpath(os.path.abspath(os.path.expanduser(str(path)))))


def _within(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def _natural(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


class file_browser(UIElement):
    """Pick files or folders; ``.value`` is a tuple of ``FileBrowserFileInfo``."""

    _kind = "file_browser"

    def __init__(
        self,
        initial_path: str | Path = "",
        filetypes: Sequence[str] | None = None,
        selection_mode: str | Sequence[str] = "file",
        multiple: bool = True,
        restrict_navigation: bool = True,
        value: str | Path | Sequence[str | Path] | None = None,
        *,
        filter: str | re.Pattern[str] | Callable[[Path], bool] | None = None,  # noqa: A002 - marimo's name
        limit: int | None = None,
        label: str = "",
        on_change: Callable[[Sequence[FileBrowserFileInfo]], None] | None = None,
        ignore_empty_dirs: bool = False,
    ) -> None:
        self._modes = _selection_mode(selection_mode)
        chosen = [_normal(v) for v in _values(value, multiple)]
        initial: list[dict[str, Any]] = []
        for path in chosen:
            if not path.exists():
                raise ValueError(f"Default value {path} does not exist.")
            kind = "directory" if path.is_dir() else "file"
            if kind not in self._modes:
                raise ValueError(
                    f"Default value {path} is a {kind}, but selection_mode {self._modes} does not allow it."
                )
            initial.append(self._info(path))
        if not initial_path:
            initial_path = os.path.commonpath(chosen) if chosen and not restrict_navigation else Path.cwd()
            if chosen and not restrict_navigation and Path(initial_path) in chosen:
                initial_path = Path(initial_path).parent
        root = _normal(initial_path)
        if not root.is_dir():
            raise ValueError(f"Initial path {initial_path} is not a directory.")
        if restrict_navigation:
            for path in chosen:
                if not _within(path, root):
                    raise ValueError(f"Default value {path} is outside the restricted initial path {root}.")
        self._root = root
        self._restrict = restrict_navigation
        self._filetypes = {("." + t.lower().lstrip(".")) for t in (filetypes or ())}
        if filter is None or isinstance(filter, re.Pattern) or callable(filter):
            self._filter = filter
        elif isinstance(filter, str):
            self._filter = re.compile(filter)
        else:
            raise ValueError(f"filter must be a string, re.Pattern, or callable, got {type(filter).__name__}.")
        self._limit = 10000 if limit is None else limit
        self._ignore_empty = ignore_empty_dirs
        folders, truncated = self._listing()
        mode = "all" if self._modes == _KINDS else next(iter(self._modes))
        props = {
            "initial_path": str(root), "selection_mode": mode, "filetypes": list(filetypes or []),
            "multiple": multiple, "restrict_navigation": restrict_navigation,
            "folders": folders, "truncated": truncated,
        }
        super().__init__(initial, label=label, on_change=on_change, props=props)

    @staticmethod
    def _info(path: Path) -> dict[str, Any]:
        return {"id": str(path), "path": str(path), "name": path.name, "is_directory": path.is_dir()}

    def _passes(self, path: Path) -> bool:
        f = self._filter
        if f is None:
            return True
        if isinstance(f, re.Pattern):
            return f.search(path.name) is not None
        try:
            return bool(f(path))
        except OSError:
            return False

    def _has_files(self, folder: Path, depth: int = 0) -> bool:
        try:
            for entry in folder.iterdir():
                if entry.is_dir():
                    if depth < 8 and self._has_files(entry, depth + 1):
                        return True
                elif (not self._filetypes or entry.suffix.lower() in self._filetypes) and self._passes(entry):
                    return True
        except OSError:
            return False
        return False

    def _list_one(self, folder: Path) -> list[dict[str, Any]]:
        try:
            entries = sorted(folder.iterdir(), key=lambda p: _natural(p.name))
        except OSError:
            return []
        dirs, files = [], []
        for entry in entries:
            is_dir = entry.is_dir()
            if not is_dir:
                if "file" not in self._modes:
                    continue
                if self._filetypes and entry.suffix.lower() not in self._filetypes:
                    continue
                if not self._passes(entry):
                    continue
            elif self._ignore_empty and not self._has_files(entry):
                continue
            (dirs if is_dir else files).append(
                {"id": str(entry), "path": str(entry), "name": entry.name, "is_directory": is_dir}
            )
            if len(dirs) + len(files) >= self._limit:
                break
        return dirs + files

    def _listing(self) -> tuple[dict[str, list[dict[str, Any]]], bool]:
        """{folder path: its entries} for the root and the folders below it,
        and for the root's ancestors when navigation is not restricted."""
        folders: dict[str, list[dict[str, Any]]] = {}
        budget = _MAX_LISTED
        queue = [self._root]
        if not self._restrict:
            queue += list(self._root.parents)
        truncated = False
        while queue:
            folder = queue.pop(0)
            if budget <= 0:
                truncated = True
                break
            entries = self._list_one(folder)[:budget]
            budget -= len(entries)
            folders[str(folder)] = entries
            if _within(folder, self._root):
                queue += [Path(e["path"]) for e in entries if e["is_directory"]]
        return folders, truncated

    def _convert(self, frontend_value: Any) -> tuple[FileBrowserFileInfo, ...]:
        if not isinstance(frontend_value, list):
            raise ValueError(f"file_browser: expected a list of files, got {frontend_value!r}")
        out = []
        for item in frontend_value:
            if not isinstance(item, dict) or not isinstance(item.get("path"), str):
                raise ValueError(f"file_browser: expected {{id, path, name, is_directory}}, got {item!r}")
            path = Path(item["path"])
            if self._restrict and not _within(_normal(path), self._root):
                raise _NavigationError(
                    "Navigation is restricted; selecting a path outside the initial path is not allowed."
                )
            out.append(FileBrowserFileInfo(id=str(item.get("id", item["path"])), name=str(item.get("name", path.name)),
                                           path=path, is_directory=bool(item.get("is_directory"))))
        return tuple(out)

    def name(self, index: int = 0) -> str | None:
        return self.value[index].name if self.value and index < len(self.value) else None

    def path(self, index: int = 0) -> Path | None:
        return self.value[index].path if self.value and index < len(self.value) else None
