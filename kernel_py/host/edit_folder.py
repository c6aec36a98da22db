"""``rivulet edit FOLDER``: which notebooks a folder holds, and which file a
page's relative path names (only ever one under the folder).

A notebook is a marimo-format ``.py`` file (``app = marimo.App(...)`` at the
start of a line). The listing walks the folder recursively, skipping hidden
folders, virtual environments, ``node_modules``, ``__pycache__`` and
``site-packages``, never following a linked folder, within the limits below.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_DEPTH = 8  # folders below FOLDER
MAX_NOTEBOOKS = 1000
MAX_ENTRIES = 20000  # directory entries looked at before the listing stops
MAX_PATH_CHARS = 1024
HEAD_BYTES = 256 * 1024  # where the `app = marimo.App(` line must be
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "env"})

_APP_LINE = re.compile(rb"^app\s*=\s*marimo\.App\(", re.MULTILINE)


@dataclass
class Listing:
    notebooks: list[str] = field(default_factory=list)  # paths relative to the folder, "/"-separated
    truncated: bool = False


def is_notebook(path: Path, max_bytes: int) -> bool:
    """A marimo-format notebook file (not too big to edit)?"""
    try:
        if path.stat().st_size > max_bytes:
            return False
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError:
        return False
    return b"import marimo" in head and _APP_LINE.search(head) is not None


def _skipped(folder: Path, name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS or (folder / name / "pyvenv.cfg").exists()


def list_notebooks(folder: Path, max_bytes: int) -> Listing:
    """The notebooks under ``folder`` (resolved), sorted by path."""
    listing = Listing()
    seen = 0
    for here, dirs, files in os.walk(folder, followlinks=False):
        base = Path(here)
        depth = len(base.relative_to(folder).parts)
        seen += len(dirs) + len(files)
        dirs[:] = sorted(d for d in dirs if depth < MAX_DEPTH and not _skipped(base, d))
        for name in sorted(files):
            if not name.endswith(".py") or name.startswith("."):
                continue
            rel = (base / name).relative_to(folder).as_posix()
            if notebook_in_folder(folder, rel) is not None and is_notebook(base / name, max_bytes):
                listing.notebooks.append(rel)
                if len(listing.notebooks) >= MAX_NOTEBOOKS:
                    listing.truncated = True
                    break
        if listing.truncated or seen > MAX_ENTRIES:
            listing.truncated = True
            break
    listing.notebooks.sort()
    return listing


def _allowed(rel: str) -> bool:
    """A path a page may name: relative, ``.py``, no ``..``, hidden or skipped parts."""
    if not rel or len(rel) > MAX_PATH_CHARS or not rel.endswith(".py"):
        return False
    if any(c in rel for c in "\\\0:") or rel.startswith("/"):
        return False
    return not any(not part or part.startswith(".") or part in SKIPPED_FOLDERS for part in rel.split("/"))


def place_in_folder(folder: Path, rel: str) -> Path | None:
    """Where the ``.py`` file that ``rel`` names under ``folder`` (resolved) is or
    was (a deleted notebook): its folder's real path, which must be there,
    inside ``folder``, and its name; None if ``rel`` is not allowed."""
    if not _allowed(rel):
        return None
    path = folder / rel
    try:
        parent = path.parent.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    return parent / path.name if parent.is_relative_to(folder) else None


def notebook_in_folder(folder: Path, rel: str) -> Path | None:
    """The existing ``.py`` file that ``rel`` names under ``folder`` (resolved),
    or None: no absolute paths, no ``..`` or hidden parts, no backslashes, and
    nothing whose real path (symlinks followed) leaves the folder."""
    if not _allowed(rel):
        return None
    try:
        real = (folder / rel).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if not real.is_relative_to(folder) or not real.is_file():
        return None
    return real
