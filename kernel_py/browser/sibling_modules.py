"""Modules beside the notebook: ``import helpers``, ``from other_notebook
import app`` (then ``await app.embed()``), as Python finds them next to a
script and marimo next to a notebook.

In the browser the notebook's folder is a URL: for a notebook opened by
``?file=<url>`` (the gallery's, a site's own), ``<name>.py`` is fetched from
beside it (through the page, like the site's other files: site_files.py) the
first time a cell imports ``name``, before packages are looked for on PyPI,
and written into the kernel's working directory, which is on ``sys.path``. A
module fetched so may import further siblings: they come too. Under ``rivulet
edit`` (``?file=/__rivulet__/file``) the edit server serves the ``.py`` files
beside the edited one at ``/__notebook__/``. In an export they are among its
files, written beside the notebook before the kernel starts (``shipped``).

Only single-file modules are fetched; an export carries packages too.
"""

from __future__ import annotations

import asyncio
import importlib
import os
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urljoin, urlsplit

from kernel_py.notebook import requirements as reqs

EDIT_FILE = "/__rivulet__/file"  # rivulet edit's file (kernel_py/host/edit_server.py)
EDIT_FOLDER = "/__notebook__/"  # where the edit server serves the modules beside it

Fetch = Callable[[str], Awaitable["str | None"]]


def folder_url(site: str, file: str | None) -> str | None:
    """The URL of the folder of the notebook opened by ``?file=<file>`` (None: no file)."""
    if not file or not site:
        return None
    url = urljoin(site, file)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    if url == urljoin(site, EDIT_FILE):
        return urljoin(site, EDIT_FOLDER)
    return urljoin(url, ".")


class Siblings:
    """Brings the modules beside the notebook into ``directory``."""

    def __init__(self, folder: str | None, directory: str, shipped: Iterable[str] = (), fetch: Fetch | None = None) -> None:
        self.folder = folder
        self.directory = directory
        shipped = list(shipped)
        self.shipped = {p[:-3] for p in shipped if "/" not in p and p.endswith(".py")} | {
            p.split("/")[0] for p in shipped if p.count("/") == 1 and p.endswith("/__init__.py")}  # packages
        self._fetch = fetch or fetch_text
        self._seen: set[str] = set()  # names fetched, tried, or read from disk

    def here(self, name: str) -> bool:
        """Is ``name`` a module beside the notebook (shipped, or fetched already)?"""
        return name in self.shipped or os.path.isfile(self._path(name))

    async def bring(self, sources: Iterable[str], wanted: Callable[[str], bool]) -> list[str]:
        """Fetch the modules ``sources`` import (those ``wanted`` says may be
        siblings), and theirs; returns the sources of the sibling modules
        they import that were not returned before (their imports need
        packages too)."""
        brought: list[str] = []
        todo = list(sources)
        while todo:
            names = [n for n in reqs.third_party(reqs.imported_modules(todo)) if n.isidentifier() and n not in self._seen]
            on_disk = [n for n in names if os.path.isfile(self._path(n))]
            fetch = [n for n in names if n not in on_disk and n not in self.shipped and self.folder and wanted(n)]
            self._seen.update(on_disk + fetch)
            texts = await asyncio.gather(*(self._fetch(urljoin(self.folder or "", f"{n}.py")) for n in fetch))
            todo = [self._read(n) for n in on_disk]
            for name, text in zip(fetch, texts):
                if text is not None:
                    os.makedirs(self.directory, exist_ok=True)
                    with open(self._path(name), "w", encoding="utf-8") as f:
                        f.write(text)
                    todo.append(text)
            if len(todo) > len(on_disk):
                importlib.invalidate_caches()
            brought += todo
        return brought

    def _path(self, name: str) -> str:
        return os.path.join(self.directory, f"{name}.py")

    def _read(self, name: str) -> str:
        try:
            with open(self._path(name), encoding="utf-8") as f:
                return f.read()
        except (OSError, UnicodeDecodeError):
            return ""


async def fetch_text(url: str) -> str | None:
    """The text of a Python file at ``url``; None when there is none (an error
    status, an HTML page a server answers for any path, no connection)."""
    from pyodide.http import pyfetch

    try:
        response = await pyfetch(url)
        if not response.ok or "html" in str(response.headers.get("content-type", "")).lower():
            return None
        text = await response.string()
    except Exception:  # noqa: BLE001 - no file there, whatever the reason
        return None
    return None if text.lstrip().startswith("<") else text
