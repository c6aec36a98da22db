"""One notebook embedding another beside it (``from stars_app import app`` then
``await app.embed()``, as marimo) in Chromium: opened by ``?file=`` URL (the
kernel fetches the sibling from the site), from ``rivulet export`` (the export
carries it), under ``rivulet edit`` (the edit server serves it), and the
gallery's own pair (gallery/embedding.py embeds gallery/stars.py). The
embedded app's output shows, and its slider re-runs what reads it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from kernel_py.host.edit_server import edit_url, make_server
from kernel_py.host.static_server import serve_in_thread
from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, Rivulet, new_context

PAIR = ROOT / "tests" / "fixtures" / "embedding"  # dashboard.py embeds stars_app.py


def _shows_the_embedded_app_and_its_slider_drives_it(rv: Rivulet) -> None:
    rv.wait_until_ready()
    embedded, reader = rv.output(3), rv.output(4)
    expect(rv.cell(4).locator("[data-cell-ran]")).to_contain_text("ran ", timeout=BOOT_TIMEOUT)
    expect(embedded).to_contain_text("stars: ***")
    expect(reader).to_have_text("from the embedded app: line=***, double=42")
    expect(rv.console(5)).to_have_text("line ***")
    slider = embedded.get_by_role("slider", name="Count")
    slider.focus()
    rv.page.keyboard.press("ArrowRight")
    rv.page.keyboard.press("ArrowRight")
    expect(reader).to_have_text("from the embedded app: line=*****, double=42")
    expect(embedded).to_contain_text("stars: *****")
    expect(rv.console(5)).to_have_text("line *****")


def test_a_notebook_opened_by_url_embeds_the_notebook_beside_it(browser: Browser, site_url: str):
    context = new_context(browser, service_workers="block")
    asked: list[str] = []

    def serve_pair(route: Route) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        asked.append(name)
        path = PAIR / name
        if path.is_file():
            route.fulfill(status=200, body=path.read_text(encoding="utf-8"), content_type="text/x-python")
        else:
            route.fulfill(status=404, body="not found", content_type="text/plain")

    context.route("**/embedding/*", serve_pair)
    try:
        rv = Rivulet(context.new_page(), site_url).goto("?file=embedding/dashboard.py")
        _shows_the_embedded_app_and_its_slider_drives_it(rv)
        assert "stars_app.py" in asked
    finally:
        context.close()


def test_a_sibling_the_site_does_not_have_is_a_clear_import_error(browser: Browser, site_url: str):
    context = new_context(browser, service_workers="block")
    context.route("**/lonely/*", lambda route: route.fulfill(
        status=200, content_type="text/x-python",
        body=(PAIR / "dashboard.py").read_text(encoding="utf-8").replace("stars_app", "nowhere_app"),
    ) if route.request.url.endswith("/dashboard.py") else route.fulfill(status=404, body="no"))
    try:
        rv = Rivulet(context.new_page(), site_url).goto("?file=lonely/dashboard.py")
        rv.wait_until_ready()
        expect(rv.output(2)).to_contain_text("nowhere_app", timeout=BOOT_TIMEOUT)
        expect(rv.cell(2)).to_have_attribute("data-status", "error")
    finally:
        context.close()


@pytest.fixture
def exported(tmp_path: Path, site_url: str) -> Iterator[str]:  # site_url: dist/ is built and fresh
    src = tmp_path / "src"
    shutil.copytree(PAIR, src)
    done = subprocess.run([sys.executable, "-m", "kernel_py.host.cli", "export", str(src / "dashboard.py"),
                           "-o", str(tmp_path / "out"), "--mode", "edit"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    server = serve_in_thread(tmp_path / "out")
    yield server.url
    server.shutdown()
    server.server_close()


def test_an_export_carries_the_notebook_it_embeds(browser: Browser, exported: str):
    context = new_context(browser)
    try:
        _shows_the_embedded_app_and_its_slider_drives_it(Rivulet(context.new_page(), exported).goto(""))
    finally:
        context.close()


def test_rivulet_edit_embeds_the_notebook_beside_the_file(browser: Browser, tmp_path: Path, site_url: str):
    shutil.copytree(PAIR, tmp_path / "src")
    server = make_server(tmp_path / "src" / "dashboard.py", DIST, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = new_context(browser)
    try:
        url = edit_url(server)
        _shows_the_embedded_app_and_its_slider_drives_it(Rivulet(context.new_page(), url).goto(""))
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_the_gallerys_embedding_notebook_drives_the_app_it_embeds(browser: Browser, site_url: str):
    context = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), site_url).goto("?file=gallery/embedding.py")
        rv.wait_until_ready()
        expect(rv.cell(4).locator("[data-cell-ran]")).to_contain_text("ran ", timeout=BOOT_TIMEOUT)
        said = rv.output(4)
        expect(said).to_have_text("The embedded app says 3 stars: ★★★")
        slider = rv.output(3).get_by_role("slider", name="Stars")
        slider.focus()
        rv.page.keyboard.press("End")
        expect(said).to_have_text("The embedded app says 10 stars: ★★★★★★★★★★")
        expect(rv.output(3)).to_contain_text("Your rating: ★★★★★★★★★★")
    finally:
        context.close()
