"""Helpers for Rivulet's end-to-end tests (the fixtures are in conftest.py).

Import them in a test module with ``from rivulet_e2e import ...``.
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

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
    # Chromium's own omnibox popup (a WebUI page in a renderer of its own) loads
    # with every new window, and each Playwright page is one: a core busy for
    # about half a second that a reader's browser spends once per window, not
    # per page. Left on, it takes that core from the page under test.
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
]
BOOT_TIMEOUT = 90_000  # ms: Pyodide boot + first run, on a busy machine
RUN_TIMEOUT = 15_000  # ms: a cell run once the kernel is up
expect.set_options(timeout=RUN_TIMEOUT)
SOURCES = ("web", "kernel_py", "gallery", "build.py", "package-lock.json")


def notebook_text(*cells: str, title: str | None = None) -> str:
    """A marimo-format notebook file from cell bodies (each cell's code)."""
    app = f"marimo.App(app_title={title!r})" if title else "marimo.App()"
    parts = ["import marimo", "", '__generated_with = "0.25.2"', f"app = {app}", ""]
    for code in cells:
        body = textwrap.indent(textwrap.dedent(code).strip("\n"), "    ")
        parts += ["", "@app.cell", "def _():", body, "    return", ""]
    parts += ["", 'if __name__ == "__main__":', "    app.run()", ""]
    return "\n".join(parts)


def _utf16_units(text: str) -> str:
    units = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(c) for c in struct.unpack(f"<{len(units) // 2}H", units))


def encode_code(text: str) -> str:
    """lz-string's compressToEncodedURIComponent, over UTF-16 code units as the
    JavaScript library (and marimo.app) does it: emoji survive the link."""
    return LZString().compressToEncodedURIComponent(_utf16_units(text))


def encode_link(text: str) -> str:
    """Rivulet's own #nb/ payload: deflate-raw of the UTF-8 text, base64url (no padding)."""
    import base64
    import zlib

    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = deflate.compress(text.encode("utf-8")) + deflate.flush()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_link(payload: str) -> str:
    import base64
    import zlib

    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return zlib.decompress(raw, -15).decode("utf-8")


def decode_code(payload: str) -> str:
    units = LZString().decompressFromEncodedURIComponent(payload)
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


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

    def open_replacing(self, text: str) -> None:
        """open_code, then wait until the cells of the notebook that was open are gone
        (the new one may have as many cells, in the same states, until the kernel reads it)."""
        self.page.evaluate("document.querySelectorAll('[data-cell-id]').forEach((c) => { c.dataset.earlierNotebook = '' })")
        self.open_code(text)
        expect(self.page.locator("[data-cell-id][data-earlier-notebook]")).to_have_count(0, timeout=BOOT_TIMEOUT)

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


def new_context(browser: Browser, **options) -> BrowserContext:
    """A clean browser context that records data-kernel states; close it after use.
    ``options`` go to Playwright (e.g. ``service_workers="block"`` when a test
    routes requests: the site's service worker would answer them unseen)."""
    context = browser.new_context(**{"viewport": {"width": 1200, "height": 900}, **options})
    context.add_init_script(KERNEL_STATES_PROBE)
    context.set_default_timeout(RUN_TIMEOUT)
    return context


def wait_for_js(page: Page, expression: str, timeout: float = RUN_TIMEOUT, interval: float = 100):
    """Wait until the JavaScript ``expression`` is truthy in ``page``; return its value.

    Use it instead of ``page.wait_for_function``: Playwright evaluates that
    function's predicate with ``eval`` inside the page, which the site's
    Content-Security-Policy (no 'unsafe-eval') forbids; ``page.evaluate`` is
    not subject to it.
    """
    import time

    deadline = time.monotonic() + timeout / 1000
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} ms waiting for: {expression}")
        page.wait_for_timeout(interval)


def wait_until_cells(rv: Rivulet) -> None:
    """The kernel is up and the cells on screen are its own (not the preview
    shown while it booted, which its cells replace): ready to type in."""
    rv.wait_until_ready()
    wait_for_js(
        rv.page,
        "document.querySelector('[data-cell-id]') && ![...document.querySelectorAll('[data-cell-id]')].some((c) => c.dataset.cellId.startsWith('preview-'))",
    )


def type_in_cell(rv: Rivulet, index: int, text: str) -> None:
    """Click at the end of a cell's code, type (no run), and see it typed."""
    rv.cell(index).locator(".cm-content").click()
    rv.page.keyboard.press("ControlOrMeta+End")
    rv.page.keyboard.type(text)
    expect(rv.cell(index)).to_contain_text(text.strip())


@contextlib.contextmanager
def rivulet_edit(target: Path, *, env: dict[str, str] | None = None, command: list[str] | None = None) -> Iterator[str]:
    """Run ``rivulet edit TARGET --port 0 --no-browser`` (this checkout's, on
    dist/, unless ``command``/``env`` say otherwise); yields the URL it prints."""
    env = env if env is not None else {**os.environ, "RIVULET_SITE": str(DIST), "PYTHONPATH": str(ROOT)}
    command = command or [sys.executable, "-m", "kernel_py.cli"]
    proc = subprocess.Popen(
        [*command, "edit", str(target), "--port", "0", "--no-browser"], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/\S*#key=[A-Za-z0-9_-]+)", line)
        assert match, f"no URL in {line!r}"
        yield match.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextlib.contextmanager
def edit_page(browser: Browser, url: str, *, notebook: str | None = None) -> Iterator[Rivulet]:
    """The page of ``rivulet edit`` at ``url`` (as printed, with its key) in a
    fresh context, once its kernel is ready; for a folder, after clicking
    ``notebook`` in its list."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url)
        if notebook is not None:
            page.locator("#rv-folder a[data-notebook-path]").filter(has_text=notebook).click()
        app = Rivulet(page, url)
        app.wait_until_ready()
        yield app
    finally:
        context.close()


def wait_for_file(path: Path, needle: str, timeout: float = 15.0) -> str:
    """The file's text once it exists and contains ``needle`` (AssertionError
    after ``timeout`` s)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        if needle in text:
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name} never got {needle!r}: {text!r}")
        time.sleep(0.2)
