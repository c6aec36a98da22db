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

import io
from urllib.parse import urljoin

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    import js
    import pyodide.http as http

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
    _installed = True


def _can_run_sync() -> bool:
    try:
        from pyodide.ffi import can_run_sync
    except ImportError:
        return False
    return bool(can_run_sync())
