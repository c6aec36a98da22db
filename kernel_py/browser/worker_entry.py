"""The kernel's entry point inside the browser worker (Pyodide).

The only module of the kernel that touches ``js``/``pyodide``.  Strings in,
strings out: the worker calls :func:`start` with two JS callbacks, then feeds
each request (JSON text) to ``receive``; events leave as JSON text through
``post_event``.  Requests are handled one at a time, in arrival order.

Before a request that carries code (``open``, ``run``, ``set_cells``) is
handled, packages the code imports but that are not installed are loaded
lazily: from Pyodide's lock file (``loadPackagesFromImports``, which fetches
from the CDN for online users), else from PyPI through micropip (loaded only
then).  A package that cannot be loaded is left for the cell to report as a
``ModuleNotFoundError``; an offline boot never needs any of this.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import json
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

from kernel_py.protocol import ProtocolError, decode_request, encode, event

# Import names never to install: provided by the kernel or by Pyodide itself.
_PROVIDED = frozenset({"marimo", "kernel_py", "micropip", "js", "pyodide", "pyodide_js", "__future__"})
_IMPORT_LINE = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.M)
_unavailable: set[str] = set()


def start(
    post_event: Callable[[str], None],
    post_progress: Callable[[str, str], None],
    mode: str = "edit",
    query_params_json: str = "{}",
) -> WorkerKernel:
    """Create the kernel; the worker calls ``receive(text)`` on the result."""
    return WorkerKernel(post_event, post_progress, mode, json.loads(query_params_json or "{}"))


class WorkerKernel:
    def __init__(
        self,
        post_event: Callable[[str], None],
        post_progress: Callable[[str, str], None],
        mode: str,
        query_params: dict[str, Any],
    ) -> None:
        from kernel_py.session import Session

        self._post_event = post_event
        self._post_progress = post_progress
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self.session = Session(self._emit, mode=mode, query_params=query_params)
        self.guard: Any = None  # interrupts.Guard, once interrupts.install ran
        self._task = asyncio.ensure_future(self._serve())

    def receive(self, text: str) -> None:
        self._queue.put_nowait(str(text))

    def _emit(self, msg: dict[str, Any]) -> None:
        self._post_event(encode(msg))

    async def _serve(self) -> None:
        while True:
            text = await self._queue.get()
            try:
                msg = decode_request(text)
            except ProtocolError as exc:
                self._emit(event("error", message=str(exc)))
                continue
            if self.guard is not None:
                self.guard.begin()
            try:
                failed = await ensure_imports(code_of(msg), self._post_progress)
                if failed:
                    self._emit(event("error", message=install_failure_message(failed)))
                await self.session.handle(msg)
            except Exception as exc:  # the loop must survive any request
                self._emit(event("error", message=f"{type(exc).__name__}: {exc}"))
            except (KeyboardInterrupt, asyncio.CancelledError):  # interrupted outside a cell
                self.session.kernel.interrupted()
            finally:
                if self.guard is not None:
                    self.guard.end()


def code_of(msg: dict[str, Any]) -> list[str]:
    """The Python sources a request carries."""
    kind = msg.get("type")
    if kind == "open":
        return [str(msg.get("text") or "")]
    if kind in ("run", "set_cells"):
        return [str(c.get("code") or "") for c in msg.get("cells") or [] if isinstance(c, dict)]
    return []


def imported_names(sources: Iterable[str]) -> set[str]:
    from pyodide.code import find_imports

    names: set[str] = set()
    for src in sources:
        if "import" not in src:
            continue
        try:
            names.update(n.split(".")[0] for n in find_imports(src))
        except SyntaxError:
            names.update(_IMPORT_LINE.findall(src))
    return names


def _importable(name: str) -> bool:
    if name in sys.modules:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def missing_imports(sources: Iterable[str]) -> list[str]:
    return sorted(
        n
        for n in imported_names(sources)
        if n not in _PROVIDED and n not in _unavailable and not _importable(n)
    )


async def ensure_imports(sources: list[str], progress: Callable[[str, str], None]) -> dict[str, str]:
    """Load what the code imports but is not installed; returns the packages
    that could not be loaded, with why (the cells then fail to import them)."""
    missing = missing_imports(sources)
    if not missing:
        return {}
    import pyodide_js

    progress("installing", ", ".join(missing))
    try:
        try:
            await pyodide_js.loadPackagesFromImports("\n".join(f"import {n}" for n in missing))
        except Exception as exc:
            print(f"rivulet: could not load {missing} from Pyodide's packages: {exc}", file=sys.stderr)
        importlib.invalidate_caches()
        rest = [n for n in missing if not _importable(n)]
        return await _micropip_install(rest) if rest else {}
    finally:
        progress("installed", "")


async def _micropip_install(names: list[str]) -> dict[str, str]:
    import pyodide_js

    failed: dict[str, str] = {}
    try:
        await pyodide_js.loadPackage("micropip")
        import micropip
    except Exception as exc:
        print(f"rivulet: micropip is unavailable: {exc}", file=sys.stderr)
        _unavailable.update(names)
        return {name: f"the package installer could not load ({exc})" for name in names}
    for name in names:
        try:
            await micropip.install(name)
        except Exception as exc:
            print(f"rivulet: could not install {name!r}: {exc}", file=sys.stderr)
            _unavailable.add(name)
            failed[name] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    importlib.invalidate_caches()
    return failed


def install_failure_message(failed: dict[str, str]) -> str:
    names = ", ".join(f"'{n}'" for n in failed)
    reasons = "; ".join(f"{n}: {why}" for n, why in failed.items())
    return (
        f"Could not install {names}: not bundled with this site, and the download from "
        f"Pyodide's package CDN or PyPI failed (are you offline?). Details: {reasons}"
    )
