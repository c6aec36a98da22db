"""End-to-end fixtures: the built site (dist/) in a real Chromium.

Everything here is session-scoped where it can be, because booting Pyodide
costs seconds.  What a test module can use:

``site_url`` (session)
    ``"http://127.0.0.1:PORT/"``: dist/ served by a plain ``http.server`` (no
    special headers) in a thread.  dist/ is rebuilt once per session, only when
    a source file is newer than it (``python3 build.py``).

``browser`` (session)
    pytest-playwright's browser, launched from Debian's /usr/bin/chromium
    (see ``browser_type_launch_args``).  Never run ``playwright install``.

``rivulet`` (session)  -> :class:`Rivulet`
    One page, booted once for the whole session, in a context of its own
    (its localStorage persists across tests).  Open notebooks in it with
    ``rivulet.open_code(text)`` (navigates ``#code/...``: no reboot), then use
    the helpers below.  Tests that use it must leave the kernel alive.

``fresh_page`` (function)  -> :class:`Rivulet` factory
    ``fresh_page("?mode=read#code/...")`` opens a new, clean browser context
    (empty storage) at that URL and returns a :class:`Rivulet` on it; closed
    after the test.  Each call boots Pyodide again: use it only when a test
    needs its own URL query or storage.

``code_link`` (function)
    ``code_link(text)`` -> ``"#code/<payload>"`` (lz-string, as marimo.app does).

Helpers (``from kernel_py.host.static_server import serve_in_thread
from rivulet_e2e import ...``): ``notebook_text(*cell_codes)`` builds a
marimo-format file; ``encode_code`` / ``decode_code``; ``Rivulet``; ``new_context``;
``BOOT_TIMEOUT`` / ``RUN_TIMEOUT`` (ms).

Waiting: use Playwright's ``expect(...)`` with the locators from :class:`Rivulet`;
``BOOT_TIMEOUT`` (ms) is generous for a loaded 2-core machine.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from kernel_py.host.static_server import serve_in_thread
from rivulet_e2e import CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, SOURCES, Rivulet, encode_code, new_context

# --------------------------------------------------------------- site


PACKAGED_SITE = ROOT / "kernel_py" / "host" / "site"  # a copy of dist/ (build.py --package), not a source


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = path.rglob("*") if path.is_dir() else [path]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts and PACKAGED_SITE not in f.parents:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _ensure_built() -> None:
    index = DIST / "index.html"
    if index.exists() and index.stat().st_mtime >= _newest_source_mtime():
        return
    subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    index.touch()


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    _ensure_built()
    server = serve_in_thread(DIST)
    yield server.url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark end-to-end tests ``e2e`` and run them after every other test.

    Playwright's sync API keeps an asyncio loop running in the main thread once
    the browser is up, which would break unit tests that call ``asyncio.run``.
    """
    here = Path(__file__).parent
    e2e = [item for item in items if here in Path(str(item.fspath)).parents]
    for item in e2e:
        item.add_marker(pytest.mark.e2e)
    chosen = set(map(id, e2e))
    items[:] = [item for item in items if id(item) not in chosen] + e2e


@pytest.fixture(scope="session")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture(scope="session")
def rivulet(shared_context: BrowserContext, site_url: str) -> Rivulet:
    """The session's one booted Rivulet page (opened on the intro gallery notebook)."""
    page = shared_context.new_page()
    rv = Rivulet(page, site_url).goto("?file=gallery/intro.py")
    rv.wait_until_ready()
    return rv


@pytest.fixture
def fresh_page(browser: Browser, site_url: str) -> Iterator[Callable[[str], Rivulet]]:
    contexts: list[BrowserContext] = []

    def open_page(query: str = "") -> Rivulet:
        context = new_context(browser)
        contexts.append(context)
        return Rivulet(context.new_page(), site_url).goto(query)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def code_link() -> Callable[[str], str]:
    """``code_link(text)`` -> ``"#code/<payload>"``."""
    return lambda text: "#code/" + encode_code(text)
