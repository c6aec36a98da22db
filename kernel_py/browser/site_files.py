"""Reading the site's own files from the kernel's sandboxed frame.

The kernel's worker has an opaque origin (``web/src/frame/``): its requests to
the site are cross-origin, and the page answers them for it
(``fetch`` is routed there by ``web/src/frame/worker-setup.js``). A
synchronous read, ``pyodide.http.open_url``, is a synchronous XHR, which the
page cannot answer: here it becomes a ``fetch`` that Python waits for through
JSPI (``pyodide.ffi.run_sync``), so notebooks that read a data file beside
them with ``open_url`` work as they do on a same-origin worker. Other URLs,
and browsers without JSPI, keep Pyodide's own ``open_url``.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from typing import Any
from urllib.parse import urljoin

_installed = False


def install() -> None:
    """Patch ``pyodide.http.open_url`` now if it is imported, else as soon as it is
    (importing it costs a kernel start about 0.1 s that most notebooks never need)."""
    global _installed
    if _installed:
        return
    _installed = True
    when_imported("pyodide.http", _patch)


def when_imported(name: str, patch: Any) -> None:
    """Call ``patch(module)`` once module ``name`` is imported: now, if it is."""
    module = sys.modules.get(name)
    if module is not None:
        patch(module)
    else:
        sys.meta_path.insert(0, _PatchOnImport(name, patch))


class _PatchOnImport:
    """A meta path finder for one module: it finds the module as the other
    finders do, and patches it once it is executed."""

    def __init__(self, name: str, patch: Any) -> None:
        self.name = name
        self.patch = patch

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def patched_exec(module: Any) -> None:
            exec_module(module)
            self.patch(module)

        spec.loader = _Loader(spec.loader, patched_exec)
        return spec


class _Loader:
    def __init__(self, loader: Any, exec_module: Any) -> None:
        self._loader = loader
        self.exec_module = exec_module

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


def _patch(http: Any) -> None:
    import js

    site = str(getattr(js.self, "rivuletSiteURL", "") or "")
    if not site:
        return  # not in the frame: the worker is the site's own
    original = http.open_url

    def open_url(url: str) -> io.StringIO:
        absolute = urljoin(str(js.location.href), str(url))
        if absolute.startswith(site) and _can_run_sync():
            from pyodide.ffi import run_sync

            response = run_sync(js.fetch(absolute))
            if not response.ok:
                raise OSError(f"{url}: HTTP {response.status} {response.statusText}".rstrip())
            return io.StringIO(run_sync(response.text()))
        return original(url)

    open_url.__doc__ = original.__doc__
    http.open_url = open_url


def _can_run_sync() -> bool:
    try:
        from pyodide.ffi import can_run_sync
    except ImportError:
        return False
    return bool(can_run_sync())
