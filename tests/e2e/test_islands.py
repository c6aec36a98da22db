"""`rivulet export --islands` in Chromium: a host page on its own 127.0.0.1
origin pastes the snippet; the outputs are there as static
HTML before the kernel is ready, and live (a widget re-runs its dependent
cell) after. Every other host is blocked."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, notebook_text

NOTEBOOK = notebook_text(
    "import marimo as mo",
    """
    with open("data.csv") as f:
        total = sum(int(line.split(",")[1]) for line in f.read().splitlines()[1:])
    mo.md(f"total {total}")
    """,
    'slider = mo.ui.slider(1, 10, value=3, label="Factor")\nslider',
    'mo.md(f"scaled: {total * slider.value}")',
    # the attack: notebook code reaching for the host page's origin
    '''
    try:
        import js
    except ImportError:
        reach = "not in a browser"
    else:
        try:
            js.indexedDB.open("island-attack")
            reach = "host storage opened"
        except Exception:
            reach = "host storage blocked"
    mo.md(f"reach: {reach}")
    ''',
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def host(tmp_path_factory) -> Iterator[str]:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    src = tmp_path_factory.mktemp("src")
    (src / "data.csv").write_text("name,count\na,2\nb,5\n")
    (src / "nb.py").write_text(NOTEBOOK)
    out = tmp_path_factory.mktemp("host") / "notebook"
    done = subprocess.run([sys.executable, "-m", "kernel_py.host.cli", "export", str(src / "nb.py"), "--islands", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    snippet = (out / "islands.html").read_text()
    (out / "post.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>A blog post</title></head><body>"
        "<h1>My post</h1><p>Some prose before the notebook.</p>\n" + snippet + "<p>Prose after.</p></body></html>"
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out.parent)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_islands_show_static_outputs_then_hydrate(browser: Browser, host: str) -> None:
    context = browser.new_context()
    blocked: list[str] = []
    held: list[Route] = []

    def gate(route: Route) -> None:
        if route.request.url.startswith(host + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # Python waits until we looked
    try:
        page = context.new_page()
        page.goto(f"{host}/notebook/post.html")
        islands = page.locator("[data-rivulet-island]")
        expect(islands.filter(has_text="scaled:")).to_have_text("scaled: 21")
        expect(islands.filter(has_text="total")).to_have_text("total 7")
        expect(page.locator("h1")).to_have_text("My post")
        assert page.locator('[data-rivulet-state="live"]').count() == 0
        expect(page.get_by_role("slider", name="Factor")).to_have_count(0)  # no live widget yet
        page.wait_for_timeout(300)
        while not held:
            page.wait_for_timeout(100)
        while held:
            held.pop().continue_()
        expect(islands.first).to_have_attribute("data-rivulet-state", "live", timeout=BOOT_TIMEOUT)
        expect(page.locator('[data-rivulet-state="static"]')).to_have_count(0)
        # a reader's first visit restored the kernel the export carries, instead of starting Python
        boot = "[document.documentElement.dataset.kernelBoot, document.documentElement.dataset.kernelSnapshot]"
        assert page.evaluate(boot) == ["snapshot", "site"]
        expect(islands.filter(has_text="scaled:")).to_have_text("scaled: 21")
        slider = page.get_by_role("slider", name="Factor")
        slider.focus()
        page.keyboard.press("ArrowRight")
        expect(islands.filter(has_text="scaled:")).to_have_text("scaled: 28")
        # the host page is untouched around the islands
        expect(page.locator("h1")).to_have_text("My post")
        assert blocked == []
        # the notebook's code ran in an opaque origin: the host's storage was out of its reach
        expect(islands.filter(has_text="reach:")).to_have_text("reach: host storage blocked")
        assert "island-attack" not in page.evaluate("async () => (await indexedDB.databases()).map((d) => d.name)")
        kernel = page.locator("iframe[data-rivulet-kernel]")
        expect(kernel).to_have_attribute("sandbox", "allow-scripts")
    finally:
        context.close()
