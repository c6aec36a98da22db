"""The kernel's entry point inside the browser worker (Pyodide).

The only module of the kernel that touches ``js``/``pyodide``.  Strings in,
strings out: the worker calls :func:`start` with two JS callbacks, then feeds
each request (JSON text) to ``receive``; events leave as JSON text through
``post_event`` (several at once, one per line: see ``WorkerKernel._emit``).
Requests are handled one at a time, in arrival order.

Packages (:class:`Installer`): before a request that carries code (``open``,
``run``, ``set_cells``) is handled, what the code imports and what the
notebook's PEP 723 header asks for is installed (``requirements.plan``),
after the modules beside the notebook it imports (sibling_modules.py):
packages in Pyodide's lock file with ``loadPackage`` (the site's own copy
when vendored, else Pyodide's CDN), others from PyPI with micropip.  The
worker may call :func:`prefetch` with the requests that arrived during boot,
so downloads start while the kernel itself is still importing.  A package
that cannot be had is remembered with its reason, and importing it raises a
``ModuleNotFoundError`` that names the package and says why; nothing else
stops.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.abc
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from kernel_py.browser.completion import JediLoader, answer_now
from kernel_py.browser.sibling_modules import Siblings, folder_url
from kernel_py.notebook import requirements as reqs
from kernel_py.protocol import ProtocolError, decode_request, encode, event

Progress = Callable[[str, str], None]
_prefetched: list[asyncio.Future] = []


def start(
    post_event: Callable[[str], None],
    post_progress: Progress,
    mode: str = "edit",
    query_params_json: str = "{}",
) -> WorkerKernel:
    """Create the kernel; the worker calls ``receive(text)`` on the result."""
    return WorkerKernel(post_event, post_progress, mode, json.loads(query_params_json or "{}"))


def prefetch(texts_json: str, post_progress: Progress, where_json: str = "{}") -> None:
    """Start installing what the requests received during boot need (JSON list
    of request texts); ``where_json``: ``{"queryParams": {...}, "files": [paths]}``
    (an export's files, written beside the notebook before the kernel starts)."""
    where = json.loads(where_json or "{}")
    installer(post_progress).siblings = siblings(where.get("queryParams") or {}, where.get("files") or ())
    sources: list[str] = []
    header = ""
    for text in json.loads(texts_json or "[]"):
        try:
            msg = decode_request(text)
        except ProtocolError:
            continue
        sources += code_of(msg)
        if msg.get("type") == "open":
            header = str(msg.get("text") or "")
    if sources:
        _prefetched.append(asyncio.ensure_future(installer(post_progress).ensure(sources, header)))


class WorkerKernel:
    def __init__(
        self,
        post_event: Callable[[str], None],
        post_progress: Progress,
        mode: str,
        query_params: dict[str, Any],
    ) -> None:
        from kernel_py.session import Session

        self._post_event = post_event
        self._outbox: list[str] = []  # encoded events not posted yet (see _emit)
        self.installer = installer(post_progress)
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self.session = Session(self._emit, mode=mode, query_params=query_params, packages=self.installer)
        # the cells' __file__ (marimo gives the notebook's path): in the notebook's folder, the working directory
        name = str((query_params or {}).get("file") or "notebook.py").replace("\\", "/").rsplit("/", 1)[-1]
        self.session.kernel.meta["notebook_file"] = f"{os.getcwd().rstrip('/')}/{name or 'notebook.py'}"
        if os.getcwd() not in sys.path:  # modules beside the notebook are importable, as beside a script
            sys.path.insert(0, os.getcwd())
        if self.installer.siblings is None:
            self.installer.siblings = siblings(query_params or {}, ())
        self.installer.siblings.directory = os.getcwd()
        self.guard: Any = None  # interrupts.Guard, once interrupts.install ran
        self._busy = False
        self.jedi = JediLoader(self.session.completer, lambda: self._busy or not self._queue.empty())
        self._edit = mode != "read"  # the app view has no editor: no completion
        self._task = asyncio.ensure_future(self._serve())

    def receive(self, text: str) -> None:
        text = str(text)
        if answer_now(self.session, text, self._emit):  # completion: not behind a running cell
            if self._edit:
                self.jedi.asked()
            return
        self._queue.put_nowait(text)

    def _emit(self, msg: dict[str, Any]) -> None:
        """Events leave in batches: one post (a call into JavaScript, then a message
        through the frame to the page) costs more than handling a small event.  An
        event that the next one always follows at once waits for it (``_waits``);
        anything else goes out now with what waited; a zero-delay callback sends
        what is left whenever Python yields."""
        self._outbox.append(encode(msg))
        if not _waits(msg):
            self._flush()
        elif len(self._outbox) == 1:
            asyncio.get_event_loop().call_soon(self._flush)

    def _flush(self) -> None:
        if self._outbox:
            text = "\n".join(self._outbox)  # JSON Lines: encode() never writes a raw newline
            self._outbox = []
            self._post_event(text)

    async def _serve(self) -> None:
        while _prefetched:
            try:
                await _prefetched.pop()
            except Exception as exc:
                print(f"rivulet: installing during boot failed: {exc!r}", file=sys.stderr)
        while True:
            text = await self._queue.get()
            try:
                msg = decode_request(text)
            except ProtocolError as exc:
                self._emit(event("error", message=str(exc)))
                continue
            if self.guard is not None:
                self.guard.begin()
            self._busy = True
            try:
                sources = code_of(msg)
                if sources:
                    header = str(msg.get("text") or "") if msg.get("type") == "open" else self.session.notebook.header
                    await self.installer.ensure(sources, header, retry=msg.get("type") == "run")
                await self.session.handle(msg)
            except Exception as exc:  # the loop must survive any request
                self._emit(event("error", message=f"{type(exc).__name__}: {exc}"))
            except (KeyboardInterrupt, asyncio.CancelledError):  # interrupted outside a cell
                self.session.kernel.interrupted()
            finally:
                self._busy = False
                if self.guard is not None:
                    self.guard.end()
            if msg.get("type") in ("open", "run"):
                self.jedi.ran()  # jedi loads after the first run: never before the first output


def _waits(msg: dict[str, Any]) -> bool:
    """Is ``msg`` always followed at once by another event (so it can share its post)?
    A cell's "queued" (its "running", or its output, follows), a finished cell's
    output (its status follows: see ``Kernel._report``) and ``variables`` (the
    request's ``done`` follows)."""
    kind = msg.get("type")
    if kind == "status":
        return msg.get("status") == "queued"
    if kind == "output":
        return msg.get("run") in ("ok", "error", "skipped")
    return kind == "variables"


def code_of(msg: dict[str, Any]) -> list[str]:
    """The Python sources a request carries."""
    kind = msg.get("type")
    if kind == "open":
        cells = msg.get("cells")
        if isinstance(cells, list):
            return [str(c.get("code") or "") for c in cells if isinstance(c, dict)]
        return [str(msg.get("text") or "")]
    if kind in ("run", "set_cells"):
        return [str(c.get("code") or "") for c in msg.get("cells") or [] if isinstance(c, dict)]
    return []


def _importable(name: str) -> bool:
    if name in sys.modules:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
    except (ImportError, ValueError):
        return False


class _Unavailable(importlib.abc.MetaPathFinder):
    """Last on ``sys.meta_path``: importing a package that could not be
    installed raises ModuleNotFoundError with the reason."""

    def __init__(self) -> None:
        self.reasons: dict[str, str] = {}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        top = fullname.split(".")[0]
        if path is None and top in self.reasons and fullname == top:
            raise ModuleNotFoundError(self.reasons[top], name=top)
        return None


_installer: Installer | None = None


def siblings(query_params: dict[str, Any], shipped: Any) -> Siblings:
    """The modules beside the notebook: fetched from beside its ``?file=`` URL."""
    import js

    # the site's root: the frame names it; a worker of the site's own runs from its assets/ folder
    site = str(getattr(js.self, "rivuletSiteURL", "") or "") or urljoin(str(js.location.href), "../")
    file = query_params.get("file")
    shipped = [str(p) for p in shipped] if isinstance(shipped, (list, tuple)) else []
    return Siblings(folder_url(site, str(file) if file else None), os.getcwd(), shipped)


def installer(progress: Progress) -> Installer:
    """The worker's one installer (boot prefetch and kernel share it)."""
    global _installer
    if _installer is None:
        _installer = Installer(progress)
    else:
        _installer.progress = progress
    return _installer


class Installer:
    """Installs packages in Pyodide; the session's ``packages`` capability."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.failed: dict[str, str] = {}  # canonical name -> reason
        self._finder = _Unavailable()
        sys.meta_path.append(self._finder)
        self._lock: dict[str, Any] | None = None
        self._micropip: asyncio.Future | None = None
        self._mutex = asyncio.Lock()
        self.siblings: Siblings | None = None

    # -- lock file --------------------------------------------------------------
    def lock_packages(self) -> dict[str, Any]:
        if self._lock is None:
            try:
                import js
                import pyodide_js

                self._lock = json.loads(js.JSON.stringify(pyodide_js.lockfile.packages))
            except Exception as exc:
                print(f"rivulet: Pyodide's lock file is unreadable: {exc!r}", file=sys.stderr)
                self._lock = {}
        return self._lock

    # -- the session's capability ---------------------------------------------------
    def installed(self) -> list[dict[str, str]]:
        return reqs.installed_distributions()

    async def add(self, requirement: str) -> str | None:
        """Install one requirement now (the packages panel); the reason when it fails."""
        name = reqs.requirement_name(requirement)
        self.failed.pop(name, None)
        lock = {reqs.canonical(k): k for k in self.lock_packages()}
        lock_name = lock.get(name)
        entry = self.lock_packages().get(lock_name or "", {})
        from_lock = lock_name is not None and reqs.satisfies(str(entry.get("version", "")), requirement) is True
        imports = tuple(entry.get("imports") or ()) if from_lock else ()
        need = reqs.Need(requirement.strip(), lock_name if from_lock else name, from_lock, imports)
        async with self._mutex:
            failed = await self._install([need])
        return failed.get(need.name)

    async def remove(self, name: str) -> str | None:
        try:
            micropip = await self._load_micropip()
            micropip.uninstall(name)
        except Exception as exc:
            return _first_line(exc)
        importlib.invalidate_caches()
        for module in [m for m in sys.modules if m.split(".")[0] in _top_level_of(name)]:
            sys.modules.pop(module, None)
        return None

    # -- before running code ----------------------------------------------------------
    async def ensure(self, sources: list[str], header: str, retry: bool = False) -> dict[str, str]:
        """Install what ``sources`` import and ``header`` asks for; returns {name: reason} for failures."""
        async with self._mutex:
            lock = self.lock_packages()
            if self.siblings is not None:
                provided = reqs.lock_imports(lock)
                sources = [*sources, *await self.siblings.bring(sources, lambda m: m not in provided and not _importable(m))]
            here = self.siblings.here if self.siblings is not None else (lambda m: False)
            needs = reqs.plan(sources, header, lock, lambda m: _importable(m) or here(m))
            if not retry:
                needs = [n for n in needs if n.name not in self.failed]
            if not needs:
                return {}
            return await self._install(needs)

    async def _install(self, needs: list[reqs.Need]) -> dict[str, str]:
        started = time.perf_counter()
        labels = [reqs.requirement_label(n.requirement) for n in needs]
        size = reqs.download_size(self.lock_packages(), [n.name for n in needs if n.from_lock], _loaded_packages())
        self.progress("installing", reqs.install_detail(labels, size))
        other_hosts = _downloaded()

        async def tick() -> None:  # the size and time so far, once a second, while downloads run
            while True:
                await asyncio.sleep(1)
                fetched = size + _downloaded() - other_hosts  # the CDN's and PyPI's answers, as they come
                self.progress("installing", reqs.install_detail(labels, fetched, time.perf_counter() - started))

        ticker = asyncio.ensure_future(tick())
        failed: dict[str, str] = {}
        try:
            from_lock = [n for n in needs if n.from_lock]
            from_pypi = [n for n in needs if not n.from_lock]
            if from_pypi:
                self._load_micropip()  # in parallel with the lock's packages
            if from_lock:
                failed.update(await self._load_from_lock(from_lock))
            if from_pypi:
                failed.update(await self._load_from_pypi(from_pypi))
        finally:
            ticker.cancel()
            importlib.invalidate_caches()
            self.progress("installed", "")
        for need in needs:
            if need.name in failed:
                self.failed[need.name] = failed[need.name]
                message = _message(need, failed[need.name])
                for module in need.imports or (need.name,):
                    self._finder.reasons[module] = message
            else:
                self.failed.pop(need.name, None)
                for module in need.imports:
                    self._finder.reasons.pop(module, None)
        ok = [n.requirement for n in needs if n.name not in failed]
        print(
            f"rivulet: installed {', '.join(ok) or 'nothing'} in {time.perf_counter() - started:.2f} s"
            + (f"; failed: {', '.join(failed)}" if failed else ""),
            file=sys.stderr,
        )
        return failed

    async def _load_from_lock(self, needs: list[reqs.Need]) -> dict[str, str]:
        import pyodide_js
        from pyodide.ffi import create_proxy, to_js

        errors: list[str] = []
        on_error = create_proxy(lambda msg: errors.append(str(msg)))
        try:
            options = to_js({"errorCallback": on_error}, dict_converter=_js_object)
            await pyodide_js.loadPackage(to_js([n.name for n in needs]), options)
        except Exception as exc:
            errors.append(_first_line(exc))
        finally:
            on_error.destroy()
        import js

        loaded = set(js.Object.keys(pyodide_js.loadedPackages).to_py())
        failed = {}
        for need in needs:
            if need.name in loaded or (need.imports and all(_importable(m) for m in need.imports)):
                continue
            entry = self.lock_packages().get(need.name, {})
            where = str(entry.get("file_name", ""))
            source = "Pyodide's package CDN" if "://" in where else "this site"
            detail = next((e for e in errors if need.name in e), errors[0] if errors else "")
            failed[need.name] = f"it could not be downloaded from {source} (offline?)" + (f": {detail}" if detail else "")
        return failed

    def _load_micropip(self) -> asyncio.Future:
        if self._micropip is None or (self._micropip.done() and self._micropip.exception()):
            async def load() -> Any:
                import pyodide_js

                await pyodide_js.loadPackage("micropip")
                import micropip

                return micropip

            self._micropip = asyncio.ensure_future(load())
        return self._micropip

    async def _load_from_pypi(self, needs: list[reqs.Need]) -> dict[str, str]:
        try:
            micropip = await self._load_micropip()
        except Exception as exc:
            return {n.name: f"the package installer (micropip) could not load: {_first_line(exc)}" for n in needs}
        failed = {}
        for need in needs:
            try:
                await micropip.install(need.requirement)
            except Exception as exc:
                failed[need.name] = await self._pypi_reason(need, exc)
        return failed

    async def _pypi_reason(self, need: reqs.Need, exc: BaseException) -> str:
        text = _first_line(exc)
        low = text.lower()
        shipped = {reqs.canonical(k): v for k, v in self.lock_packages().items()}.get(need.name, {}).get("version")
        if "already installed" in low:
            return f"version conflict: {text}"
        if "pure python 3 wheel" in low:
            if shipped:
                return (
                    f"version conflict: this Pyodide provides {need.name} {shipped}, and PyPI has no browser "
                    f"build of other versions"
                )
            return "there is no browser build of it (PyPI has no pure-Python wheel for it and Pyodide does not ship it)"
        if "can't fetch metadata" in low:
            if await _pypi_reachable():
                return "PyPI has no package of that name (is it spelled right?)"
            return "PyPI could not be reached (offline?)"
        return text


def _loaded_packages() -> list[str]:
    try:
        import js
        import pyodide_js

        return list(js.Object.keys(pyodide_js.loadedPackages).to_py())
    except Exception:
        return []


async def _pypi_reachable() -> bool:
    from pyodide.http import pyfetch

    try:
        response = await pyfetch("https://pypi.org/simple/micropip/", headers={"accept": "application/vnd.pypi.simple.v1+json"})
        return bool(response.ok)
    except Exception:
        return False


def _js_object(entries: Any) -> Any:
    import js

    return js.Object.fromEntries(entries)


def _downloaded() -> int:
    """Bytes other hosts (Pyodide's CDN, PyPI) announced so far (web/src/frame/worker-setup.js)."""
    try:
        import js

        return int(getattr(js, "rivuletDownloaded", 0) or 0)
    except Exception:  # noqa: BLE001 - no such counter (another worker): sizes stay the lock's
        return 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _top_level_of(name: str) -> set[str]:
    from importlib import metadata

    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return {name}
    top = dist.read_text("top_level.txt")
    if top:
        return {line.strip() for line in top.splitlines() if line.strip()}
    return {str(f.parts[0]).removesuffix(".py") for f in dist.files or [] if not str(f.parts[0]).endswith(".dist-info")}


def _message(need: reqs.Need, reason: str) -> str:
    imported = [m for m in need.imports if reqs.canonical(m) != need.name]
    via = f" (imported as {', '.join(imported)})" if imported else ""
    return f"Could not install '{need.requirement}'{via}: {reason}"
