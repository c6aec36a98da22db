"""`rivulet export` in Chromium: the folder runs under a path prefix with every
other host blocked, shows its outputs before Python boots, reads the data
files shipped beside it, and keeps working without JavaScript (static HTML)."""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, notebook_text

DATA_NOTEBOOK = notebook_text(
    "import marimo as mo",
    """
    import csv
    with open("data.csv") as f:
        rows = list(csv.DictReader(f))
    total = sum(int(r["count"]) for r in rows)
    mo.md(f"**{len(rows)} rows**, total {total}")
    """,
    """
    beside = (mo.notebook_dir() / "public" / "note.txt").read_text().strip()
    located = (mo.notebook_location() / "data.csv").exists()
    print(f"note: {beside}; located: {located}")
    """,
    'slider = mo.ui.slider(1, 10, value=3, label="Factor")\nslider',
    'mo.md(f"scaled: {total * slider.value}")',
    title="Export data",
)
ERROR_NOTEBOOK = notebook_text("x = 1", "y = x / 0", "z = 2\nz * 21", title="Broken")


def _export(notebook: Path, out: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kernel_py.host.cli", "export", str(notebook), "-o", str(out), *extra],
        cwd=ROOT, capture_output=True, text=True, env=None,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Iterator[dict]:
    """Exports under one served root: /project/ (read), /edit/ (editor), /broken/; served on 127.0.0.1."""
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    src = tmp_path_factory.mktemp("src")
    (src / "public").mkdir()
    (src / "data.csv").write_text("name,count\na,2\nb,5\n")
    (src / "unused.csv").write_text("never,read\n")
    (src / "public" / "note.txt").write_text("hello from public\n")
    (src / "nb.py").write_text(DATA_NOTEBOOK)
    (src / "broken.py").write_text(ERROR_NOTEBOOK)
    root = tmp_path_factory.mktemp("served")
    summary = _export(src / "nb.py", root / "project")
    _export(src / "nb.py", root / "edit", "--mode", "edit")
    _export(src / "broken.py", root / "broken")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    yield {"origin": origin, "root": root, "summary": summary}
    server.shutdown()
    server.server_close()


def _offline_context(browser: Browser, origin: str, **options) -> tuple[BrowserContext, list[str], list[str]]:
    """A context where every host but `origin` is blocked; returns it, the requests, the blocked ones."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, **options)
    requests: list[str] = []
    blocked: list[str] = []

    def gate(route: Route) -> None:
        url = route.request.url
        requests.append(url)
        if url.startswith(origin + "/"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", gate)
    return context, requests, blocked


def test_export_runs_offline_under_a_path_prefix_with_its_data(browser: Browser, exported: dict) -> None:
    origin = exported["origin"]
    context, requests, blocked = _offline_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(f"{origin}/project/")
        expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        outputs = page.locator("[data-cell-output]")
        expect(outputs.filter(has_text="2 rows")).to_contain_text("total 7")
        expect(page.locator("[data-cell-console]").filter(has_text="note:")).to_contain_text(
            "note: hello from public; located: True"
        )
        expect(outputs.filter(has_text="scaled:")).to_have_text("scaled: 21")
        # the widget is live: the dependent cell re-runs in the browser
        slider = page.get_by_role("slider", name="Factor")
        slider.focus()
        page.keyboard.press("ArrowRight")
        expect(outputs.filter(has_text="scaled:")).to_have_text("scaled: 28", timeout=BOOT_TIMEOUT)
        assert blocked == []
        assert requests, "no request recorded"
        foreign = [u for u in requests if not u.startswith(f"{origin}/project/")]
        assert foreign == [], foreign
        # what was fetched is what the export holds: the notebook's data among it, nothing unused
        paths = {re.sub(r"\?.*$", "", u[len(origin):]) for u in requests}
        assert "/project/data.csv" in paths and "/project/public/note.txt" in paths
        assert not (exported["root"] / "project" / "unused.csv").exists()
    finally:
        context.close()


def test_export_shows_outputs_before_python_then_goes_live_without_replacing_them(browser: Browser, exported: dict) -> None:
    origin = exported["origin"]
    context, _, blocked = _offline_context(browser, origin)
    held: list[Route] = []
    release = threading.Event()
    # hold the wasm until the test has looked at the page
    # (a request made after the release goes through: the kernel's frame asks for it later or sooner)
    context.route("**/pyodide.asm.wasm", lambda route: route.continue_() if release.is_set() else held.append(route))
    try:
        page = context.new_page()
        page.goto(f"{origin}/project/")
        html = page.locator("html")
        outputs = page.locator("[data-cell-output]")
        expect(outputs.filter(has_text="scaled:")).to_have_text("scaled: 21")
        expect(outputs.filter(has_text="2 rows")).to_contain_text("total 7")
        expect(html).to_have_attribute("data-kernel", "booting")
        assert page.locator("#rv-prerendered").count() == 0  # the view took over from the static layer
        page.evaluate("document.querySelectorAll('[data-cell-output] .output').forEach(n => n.__before = true)")
        box = outputs.filter(has_text="scaled:").bounding_box()
        release.set()
        while held:
            held.pop().continue_()
        expect(html).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        expect(page.locator('[data-status="idle"] [data-cell-output]').filter(has_text="scaled:")).to_have_text("scaled: 21")
        expect(page.locator('[data-cell-id]:not([data-status="idle"])')).to_have_count(0)
        # the live kernel's identical outputs kept the very same DOM nodes: no flash, no jump
        kept = page.evaluate("[...document.querySelectorAll('[data-cell-output] .output')].every(n => n.__before === true)")
        assert kept
        assert outputs.filter(has_text="scaled:").bounding_box() == box
        assert blocked == []
    finally:
        context.close()


def test_export_is_readable_without_javascript(browser: Browser, exported: dict) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{exported['origin']}/project/")
        static = page.locator("#rv-prerendered")
        expect(static).to_contain_text("2 rows")
        expect(static).to_contain_text("scaled: 21")
        expect(static).to_contain_text("note: hello from public; located: True")
        assert page.title() == "Export data"
    finally:
        context.close()


@contextmanager
def _offline_page(browser: Browser, url: str) -> Iterator[tuple[Page, list[str]]]:
    """A page at `url` with every other host blocked; yields it and the blocked requests."""
    context, _, blocked = _offline_context(browser, url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    try:
        page = context.new_page()
        page.goto(url)
        yield page, blocked
    finally:
        context.close()


def test_export_in_edit_mode_is_the_editor(browser: Browser, exported: dict) -> None:
    with _offline_page(browser, f"{exported['origin']}/edit/") as (page, blocked):
        expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        last = page.locator("[data-cell-id]").last
        expect(last.locator("[data-cell-output]")).to_have_text("scaled: 21")
        last.locator(".cm-content").click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.insert_text('mo.md(f"edited: {total * 100}")')
        page.keyboard.press("ControlOrMeta+Enter")
        expect(last.locator("[data-cell-output]")).to_have_text("edited: 700")
        assert blocked == []


def test_export_of_a_failing_notebook_shows_the_errors(browser: Browser, exported: dict) -> None:
    with _offline_page(browser, f"{exported['origin']}/broken/") as (page, blocked):
        cells = page.locator("[data-cell-id]")
        for phase in ("pre-rendered", "live"):
            if phase == "live":
                expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
            expect(cells.nth(1)).to_have_attribute("data-status", "error")
            expect(cells.nth(1)).to_contain_text("ZeroDivisionError")
            expect(cells.nth(2).locator("[data-cell-output]")).to_have_text("42")
        assert blocked == []
