"""``mo.persistent_cache`` in the browser: results outlive a reload.

The kernel's file system is in memory and its frame's origin is opaque (no
storage of its own: web/src/frame/). The page keeps the cache's files for the
notebook it has open, in its own IndexedDB (web/src/shell/kernel-cache.js),
and answers the frame's ``cache-read`` and takes its ``cache-write``
(web/src/frame/host.js checks names and sizes). Reads wait through JSPI
(``run_sync``), as cells run synchronously; without JSPI the cache is the
session's files only.
"""

from __future__ import annotations


def install() -> None:
    import js

    store = getattr(js.self, "rivuletCacheStore", None)
    if store is None:
        return
    from ..mo import _runtime

    def read(name: str) -> bytes | None:
        try:
            from pyodide.ffi import can_run_sync, run_sync
        except ImportError:  # an older Pyodide: no JSPI
            return None
        if not can_run_sync():
            return None
        found = run_sync(store.read(name))
        return None if found is None else bytes(found.to_py())

    def write(name: str, data: bytes) -> None:
        from pyodide.ffi import to_js

        store.write(name, to_js(data))

    _runtime.set_persistent_backing(read, write)
