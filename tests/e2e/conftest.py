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

``encode_code(text)`` (module function, also the ``code_link`` fixture)
    The ``#code/`` payload for a notebook text (lz-string, as marimo.app does).

Waiting: use Playwright's ``expect(...)`` with the locators from :class:`Rivulet`;
``BOOT_TIMEOUT`` (ms) is generous for a loaded 2-core machine.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lzstring import LZString
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BOOT_TIMEOUT = 90_000  # ms: Pyodide boot + first run, on a busy machine
RUN_TIMEOUT = 15_000  # ms: a cell run once the kernel is up
expect.set_options(timeout=RUN_TIMEOUT)
SOURCES = ("web", "kernel_py", "gallery", "build.py", "package-lock.json")


def notebook(*cells: str, title: str | None = None) -> str:
    """A marimo-format notebook file from cell bodies (each cell's code)."""
    app = f"marimo.App(app_title={title!r})" if title else "marimo.App()"
    parts = ["import marimo", "", '__generated_with = "0.25.2"', f"app = {app}", ""]
    for code in cells:
        body = textwrap.indent(textwrap.dedent(code).strip("\n"), "    ")
        parts += ["", "@app.cell", "def _():", body, "    return", ""]
    parts += ["", 'if __name__ == "__main__":', "    app.run()", ""]
    return "\n".join(parts)


def encode_code(text: str) -> str:
    return LZString().compressToEncodedURIComponent(text)


def decode_code(payload: str) -> str:
    return LZString().decompressFromEncodedURIComponent(payload)


# --------------------------------------------------------------- site


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = path.rglob("*") if path.is_dir() else [path]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _ensure_built() -> None:
    index = DIST / "index.html"
    if index.exists() and index.stat().st_mtime >= _newest_source_mtime():
        return
    subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    index.touch()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection mid-download is not an error here


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    _ensure_built()
    handler = functools.partial(_QuietHandler, directory=str(DIST))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


# --------------------------------------------------------------- pages

# Records every value data-kernel takes, from the first moment of the page.
KERNEL_STATES_PROBE = """
window.__kernelStates = [];
new MutationObserver(() => {
  const s = document.documentElement.dataset.kernel;
  if (s && window.__kernelStates.at(-1) !== s) window.__kernelStates.push(s);
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-kernel"] });
"""


class Rivulet:
    """A page showing Rivulet, with locators and helpers for tests."""

    def __init__(self, page: Page, site_url: str) -> None:
        self.page = page
        self.site_url = site_url

    # navigation
    def goto(self, query: str = "") -> Rivulet:
        self.page.goto(self.site_url + query)
        return self

    def open_code(self, text: str) -> None:
        """Open a notebook in this page through a #code/ link (no reboot)."""
        target = "#code/" + encode_code(text)
        if self.page.evaluate("location.hash") == target:
            self.page.evaluate("location.hash = '#'")
        self.page.evaluate("h => { location.hash = h }", target)

    def wait_until_ready(self) -> None:
        expect(self.page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)

    # locators (the DOM contract of ARCHITECTURE.md)
    @property
    def cells(self) -> Locator:
        return self.page.locator("[data-cell-id]")

    def cell(self, index: int) -> Locator:
        return self.cells.nth(index)

    def output(self, index: int) -> Locator:
        return self.cell(index).locator("[data-cell-output]")

    def console(self, index: int) -> Locator:
        return self.cell(index).locator("[data-cell-console]")

    @property
    def notice(self) -> Locator:
        return self.page.locator("#rv-notice")

    @property
    def header(self) -> Locator:
        return self.page.locator("#rv-header")

    # editing (CodeMirror 6 editors inside the cells)
    def set_code(self, index: int, code: str) -> None:
        """Replace a cell's code in its editor (does not run it)."""
        editor = self.cell(index).locator(".cm-content")
        editor.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.insert_text(code)

    def run_cell(self, index: int, code: str | None = None) -> None:
        """Optionally replace a cell's code, then run it with Shift+Enter."""
        if code is not None:
            self.set_code(index, code)
        else:
            self.cell(index).locator(".cm-content").click()
        self.page.keyboard.press("Shift+Enter")

    def kernel_states(self) -> list[str]:
        return self.page.evaluate("window.__kernelStates ?? []")

    def autosaved_text(self) -> str | None:
        return self.page.evaluate(
            "JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text ?? null"
        )


def _new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.add_init_script(KERNEL_STATES_PROBE)
    context.set_default_timeout(RUN_TIMEOUT)
    return context


@pytest.fixture(scope="session")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    context = _new_context(browser)
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
        context = _new_context(browser)
        contexts.append(context)
        return Rivulet(context.new_page(), site_url).goto(query)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def code_link() -> Callable[[str], str]:
    """``code_link(text)`` -> ``"#code/<payload>"``."""
    return lambda text: "#code/" + encode_code(text)
