"""The gallery site in Chromium: every gallery notebook runs in the app view,
the gallery page shows real cards, and the site works offline after a visit.

Each gallery notebook boots Pyodide once (one context for the module, a
navigation per notebook).  The offline tests serve their own copy of dist/
so they can take the server away.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, Rivulet, new_context, wait_for_js

GALLERY = sorted((ROOT / "gallery").glob("*.py"))
SETTLED = ("idle", "error", "disabled")

# All cells on screen, none waiting or running, for a moment.
ALL_SETTLED = """
([settled, n]) => {
  const cells = [...document.querySelectorAll('[data-cell-id]')];
  if (cells.length !== n || !cells.every((c) => settled.includes(c.dataset.status))) {
    window.__settledSince = null;
    return false;
  }
  window.__settledSince ??= performance.now();
  return performance.now() - window.__settledSince > 1000;
}
"""


def headless_outputs(path: Path) -> list[bool]:
    """Per cell in file order: does `rivulet run --json` give it an output?"""
    done = subprocess.run(
        [sys.executable, "-m", "kernel_py.host.cli", "run", "--json", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return [bool(cell["outputs"]) for cell in json.loads(done.stdout)["cells"]]


@pytest.fixture(scope="module")
def app_page(browser, site_url) -> Rivulet:
    context = new_context(browser)
    yield Rivulet(context.new_page(), site_url)
    context.close()


def wait_settled(rv: Rivulet, cells: int) -> None:
    rv.wait_until_ready()
    rv.page.wait_for_function(ALL_SETTLED, arg=[list(SETTLED), cells], timeout=BOOT_TIMEOUT, polling=200)


@pytest.mark.parametrize("path", GALLERY, ids=[p.stem for p in GALLERY])
def test_gallery_notebook_runs_in_the_app_view(app_page: Rivulet, path: Path):
    expected = headless_outputs(path)
    rv = app_page.goto(f"?mode=read&file=gallery/{path.name}")
    expect(rv.cells).to_have_count(len(expected), timeout=BOOT_TIMEOUT)
    wait_settled(rv, len(expected))
    statuses = rv.cells.evaluate_all("cells => cells.map((c) => c.dataset.status)")
    assert "error" not in statuses, f"{path.name}: cells in error: {statuses}"
    texts = rv.page.locator("[data-cell-output]").all_inner_texts()
    assert not [t for t in texts if "display failed" in t], f"{path.name}: a display failed"
    shown = rv.page.locator("[data-cell-output]").evaluate_all("outs => outs.map((o) => o.childElementCount > 0)")
    missing = [i for i, has_output in enumerate(expected) if has_output and not shown[i]]
    assert not missing, f"{path.name}: cells {missing} show no output (headless they have one)"
    expect(rv.page.locator("#rv-notice")).to_be_hidden()


def test_data_file_notebook_reads_the_csv_beside_it(app_page: Rivulet):
    rv = app_page.goto("?mode=read&file=gallery/data_file.py")
    expect(rv.page.locator("[data-cell-output]", has_text="Read 36 rows")).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(rv.page.locator("[data-cell-output] svg[aria-label='Lisbon by month']")).to_be_visible()


def test_plotting_notebook_draws_its_svg_chart_offline(app_page: Rivulet):
    rv = app_page.goto("?mode=read&file=gallery/plotting.py")
    chart = rv.page.locator("[data-cell-output] svg[role=img] path")
    expect(chart.first).to_be_visible(timeout=BOOT_TIMEOUT)
    slider = rv.page.get_by_role("slider", name="Frequency")
    before = chart.first.get_attribute("d")
    slider.focus()
    rv.page.keyboard.press("ArrowRight")
    expect(chart.first).not_to_have_attribute("d", before)


# --------------------------------------------------------------- the gallery page


@pytest.fixture(scope="module")
def gallery_page(browser, site_url) -> Page:
    context = new_context(browser)
    page = context.new_page()
    page.goto(site_url + "gallery/")
    yield page
    context.close()


def test_gallery_page_has_a_card_per_notebook(gallery_page: Page):
    cards = gallery_page.locator("li.card")
    expect(cards).to_have_count(len(GALLERY))
    assert len(GALLERY) >= 12
    titles = cards.locator("h2").all_inner_texts()
    assert "Reactivity basics" in titles and "Mortgage calculator" in titles
    assert all(t.strip() for t in titles)


def test_gallery_summaries_are_plain_whole_sentences(gallery_page: Page):
    summaries = gallery_page.locator("li.card .summary").all_inner_texts()
    assert len(summaries) == len(GALLERY)
    for text in summaries:
        assert text.strip(), "a card has no description"
        assert not re.search(r"\*\*|`|\[[^\]]*\]\(|^#|\$", text), f"markdown left in {text!r}"
        assert text.rstrip()[-1] in ".!?…", f"cut mid-sentence: {text!r}"
        assert len(text) <= 160
    display = gallery_page.locator("li.card", has_text="Display and layout").locator(".summary")
    expect(display).to_have_text("Markdown is GitHub-flavoured: tables, task lists and highlighted code.")


def test_gallery_cards_link_to_the_app_view_and_the_editor(gallery_page: Page, site_url: str):
    card = gallery_page.locator("li.card").filter(has=gallery_page.get_by_role("heading", name="Tables", exact=True))
    app = card.get_by_role("link", name="Open the app")
    editor = card.get_by_role("link", name="Edit the code")
    assert urljoin(gallery_page.url, app.get_attribute("href")) == site_url + "?mode=read&file=gallery/tables.py"
    assert urljoin(gallery_page.url, editor.get_attribute("href")) == site_url + "?file=gallery/tables.py"


def test_gallery_new_notebook_link_asks_for_a_new_notebook(gallery_page: Page, site_url: str):
    link = gallery_page.get_by_role("link", name="New notebook")
    assert urljoin(gallery_page.url, link.get_attribute("href")) == site_url + "?new"


def test_gallery_previews_show_outputs_made_at_build_time(gallery_page: Page):
    card = gallery_page.locator("li.card", has_text="Reading a data file")
    card.scroll_into_view_if_needed()
    frame = card.locator(".preview-frame")
    expect(frame).to_have_attribute("data-rendered", "true")
    expect(frame.locator("svg[aria-label='Lisbon by month']")).to_be_attached()
    tables = gallery_page.locator("li.card", has_text="Largest cities").locator(".preview-frame")
    tables.scroll_into_view_if_needed()
    expect(tables).to_contain_text("Tokyo")
    # pictures, not controls: nothing in a preview takes focus or clicks
    assert frame.evaluate("el => el.inert") is True


def test_gallery_card_says_which_notebook_needs_the_network(gallery_page: Page):
    expect(gallery_page.locator("li.card", has_text="Plotting").locator(".needs")).to_contain_text("altair")
    expect(gallery_page.locator("li.card", has_text="Reactivity basics").locator(".needs")).to_have_count(0)


# --------------------------------------------------------------- offline


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Site:
    """A copy of dist/ served on its own port, that a test can stop and restart."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.server = None
        self.port = 0

    def start(self) -> str:
        handler = functools.partial(_Quiet, directory=str(self.root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def own_site(tmp_path: Path, site_url: str):
    """dist/ copied (big files linked) into tmp_path and served there."""
    root = tmp_path / "site"

    def copy(src: str, dst: str) -> None:
        if Path(src).stat().st_size > 200_000:
            Path(dst).symlink_to(src)
        else:
            shutil.copy2(src, dst)

    shutil.copytree(DIST, root, copy_function=copy)
    site = Site(root)
    site.start()
    yield site
    site.stop()


def service_worker_ready(page: Page) -> str:
    """Wait until the page's service worker is active (its cache filled); return the cache's name."""
    return page.evaluate(
        """async () => {
          await navigator.serviceWorker.ready;
          const names = await caches.keys();
          return names.filter((n) => n.startsWith('rivulet-')).join(',');
        }"""
    )


def test_site_works_offline_after_a_first_visit(browser, own_site: Site):
    url = f"http://127.0.0.1:{own_site.port}/"
    context: BrowserContext = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), url).goto("?mode=read&file=gallery/data_file.py")
        rv.wait_until_ready()
        expect(rv.page.locator("[data-cell-output]", has_text="Read 36 rows")).to_be_visible(timeout=BOOT_TIMEOUT)
        assert service_worker_ready(rv.page).startswith("rivulet-")
        # The server is gone and the browser is offline: nothing but the cache.
        own_site.stop()
        context.set_offline(True)
        rv.page.reload()
        rv.wait_until_ready()
        expect(rv.page.locator("[data-cell-output]", has_text="Read 36 rows")).to_be_visible(timeout=BOOT_TIMEOUT)
        expect(rv.page.locator("[data-cell-output] svg[aria-label='Lisbon by month']")).to_be_visible()
        statuses = rv.cells.evaluate_all("cells => cells.map((c) => c.dataset.status)")
        assert "error" not in statuses
        # A widget still drives the cells that read it.
        rv.page.get_by_role("radio", name="Rain (mm)").check()
        expect(rv.page.locator("[data-cell-output]", has_text="Rain in a year")).to_be_visible()
        # Another gallery notebook, and the gallery page, offline too.
        rv.goto("?file=gallery/intro.py")
        rv.wait_until_ready()
        expect(rv.page.locator("[data-cell-output]", has_text="************************")).to_be_visible(timeout=BOOT_TIMEOUT)
        rv.page.goto(url + "gallery/")
        expect(rv.page.locator("li.card")).to_have_count(len(GALLERY))
    finally:
        context.close()


def test_new_deploy_is_served_at_once_and_old_caches_are_deleted(browser, own_site: Site):
    url = f"http://127.0.0.1:{own_site.port}/"
    context = new_context(browser)
    try:
        page = context.new_page()
        rv = Rivulet(page, url).goto("?file=gallery/primes.py")
        rv.wait_until_ready()
        old = service_worker_ready(page)
        # Deploy: a changed page and a service worker with a new version.
        index = own_site.root / "index.html"
        index.write_text(index.read_text().replace("<title>", '<meta name="deploy" content="second"><title>', 1))
        sw = own_site.root / "sw.js"
        version = old.removeprefix("rivulet-")
        sw.write_text(sw.read_text().replace(version, "second0000000000"))
        page.reload()
        expect(page.locator('meta[name="deploy"]')).to_have_attribute("content", "second")
        rv.wait_until_ready()
        page.wait_for_function(
            "async () => (await caches.keys()).filter((n) => n.startsWith('rivulet-')).join() === 'rivulet-second0000000000'",
            timeout=BOOT_TIMEOUT,
            polling=500,
        )
        # the new page is in the cache (written after the response, asynchronously) before going offline
        wait_for_js(
            page,
            """(async () => {
                 for (const path of ['./', 'index.html', './?file=gallery/primes.py']) {
                   const hit = await caches.match(new URL(path, location.href).href, { ignoreSearch: true });
                   if (hit && (await hit.text()).includes('name="deploy"')) return true;
                 }
                 return false;
               })()""",
            timeout=BOOT_TIMEOUT,
        )
        # Offline now, the page is the new one.
        own_site.stop()
        context.set_offline(True)
        page.reload()
        expect(page.locator('meta[name="deploy"]')).to_have_attribute("content", "second")
        rv.wait_until_ready()
        expect(page.locator("[data-cell-output]", has_text="The largest is")).to_be_visible(timeout=BOOT_TIMEOUT)
    finally:
        context.close()
