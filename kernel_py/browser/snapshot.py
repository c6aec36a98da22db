"""The booted kernel as a memory snapshot (web/src/worker.js makes and restores it).

:func:`warm` runs in a cold boot just before the worker copies Pyodide's
memory: it imports what every kernel start imports anyway (so a restored
kernel skips those imports too) and nothing more, and creates no JavaScript
object, so the snapshot holds pure-Python state only.  No notebook code has
run at that point.

:func:`restored` runs first thing in a kernel restored from the snapshot:
the interpreter's state is the one frozen at the first visit, so ``random``
(and the modules seeded from it) would repeat the same numbers on every
visit: it is reseeded from the operating system's entropy.  It also checks
that the kernel's modules are there; it raises if they are not, and the
worker then boots cold.
"""

from __future__ import annotations

import random
import sys
from typing import Any

KERNEL_MODULES = (
    "kernel_py.worker_entry",
    "kernel_py.browser.worker_entry",
    "kernel_py.browser.interrupts",
    "kernel_py.session",
    "kernel_py.browser.site_files",
    "kernel_py.browser.cache_store",
)


def warm() -> None:
    """Import the modules a kernel start imports."""
    import importlib

    for name in KERNEL_MODULES:
        importlib.import_module(name)


def taken(real_globals: Any) -> None:
    """After the snapshot: give the cold kernel the real JavaScript globals.

    A Pyodide booted to make a snapshot hands Python a proxy of the globals
    that records paths; reading a host object's getter through it (e.g.
    ``js.location.href``) throws "Illegal invocation".  The ``js`` module is
    swapped for the real globals, in every module that imported it.
    (A restored kernel gets the real globals from Pyodide itself.)
    """
    from pyodide.ffi import register_js_module

    old = sys.modules.get("js")
    register_js_module("js", real_globals)
    sys.modules.pop("js", None)
    import js

    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if old is None or not isinstance(namespace, dict):
            continue
        for name, value in list(namespace.items()):
            if value is old:
                namespace[name] = js


def restored(lang: str | None = None) -> None:
    """Make a restored interpreter as fresh as a cold one: new random seeds;
    this browser's time zone and ``$LANG`` (``lang``): the site's snapshot is
    made at build time, on another machine."""
    missing = [name for name in KERNEL_MODULES if name not in sys.modules]
    if missing:
        raise RuntimeError(f"the snapshot lacks {', '.join(missing)}")
    random.seed()
    # Modules that made their own Random instance at import time.
    import tempfile

    tempfile._name_sequence = None  # type: ignore[attr-defined]
    import os

    if lang:
        os.environ["LANG"] = lang
    local_time_zone()


def local_time_zone() -> None:
    """Set ``time.timezone``, ``altzone``, ``daylight`` and ``tzname`` as Python's
    ``time`` module computes them when it is imported (from ``localtime`` of two
    dates half a year apart), which in a restored interpreter it did elsewhere.
    (``time.tzset()`` cannot: the C library computes its zone only once.)"""
    import time

    year = (365 * 24 + 6) * 3600
    t = int(time.time()) // year * year
    jan = time.localtime(t)
    july = time.localtime(t + year // 2)
    jan_zone, july_zone = -jan.tm_gmtoff, -july.tm_gmtoff
    if jan_zone < july_zone:  # daylight saving time in January: the southern hemisphere
        zones, names = (july_zone, jan_zone), (july.tm_zone, jan.tm_zone)
    else:
        zones, names = (jan_zone, july_zone), (jan.tm_zone, july.tm_zone)
    time.timezone, time.altzone = zones
    time.daylight = int(jan_zone != july_zone)
    time.tzname = names
