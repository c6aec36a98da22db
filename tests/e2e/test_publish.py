"""Publishing from the site: share links, the app view, embeds on other pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from kernel_py.host.static_server import serve_in_thread
from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_link, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

APP = notebook_text(
    "import marimo as mo",
    "n = mo.ui.slider(1, 30, value=3, label='rows')\nn",
    "mo.md('\\n\\n'.join(f'row {i}' for i in range(n.value)))",
    title="Rows app",
)


def test_a_link_made_outside_the_site_opens_the_notebook(fresh_page):
    """#nb/ is deflate-raw + base64url: anyone can write one (here, Python's zlib)."""
    rv = fresh_page("#nb/" + encode_link(APP))
    expect(rv.output(2)).to_contain_text("row 2", timeout=BOOT_TIMEOUT)
    assert rv.page.title() == "Rows app · Rivulet"


def test_a_damaged_link_says_so_and_overwrites_nothing(fresh_page):
    rv = fresh_page("#nb/" + encode_link(APP)[:-12])
    rv.wait_until_ready()
    expect(rv.notice).to_contain_text("could not be decoded")
    assert rv.autosaved_text() is None
    expect(rv.cells).to_have_count(1)  # a new notebook, nothing lost or written


def test_the_app_view_shows_outputs_links_to_the_editor_and_shows_code_on_demand(fresh_page):
    rv = fresh_page("?mode=read#nb/" + encode_link(APP))
    expect(rv.output(2)).to_contain_text("row 2", timeout=BOOT_TIMEOUT)
    page = rv.page
    for editor_only in ("#rv-new", "#rv-restart", "#rv-recent"):
        expect(page.locator(editor_only)).to_have_count(0)
    expect(page.locator(".cm-content")).to_have_count(0)
    expect(page.locator(".cell-source")).to_have_count(0)
    toggle = page.locator("#rv-code-toggle")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(rv.cell(2).locator(".cell-source")).to_contain_text("row {i}")
    # widgets are live in the app
    slider = page.get_by_role("slider", name="rows")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(rv.output(2)).to_contain_text("row 3")
    page.locator("#rv-view-switch").click()
    expect(page.locator(".cm-content").first).to_be_visible(timeout=BOOT_TIMEOUT)
    assert "mode=read" not in page.url


def test_include_code_false_leaves_no_way_to_show_code(fresh_page):
    rv = fresh_page("?mode=read&include-code=false&show-code=true#nb/" + encode_link(APP))
    expect(rv.output(2)).to_contain_text("row 2", timeout=BOOT_TIMEOUT)
    expect(rv.page.locator("#rv-code-toggle")).to_have_count(0)
    expect(rv.page.locator(".cell-source")).to_have_count(0)


@pytest.mark.parametrize("theme, background", [("dark", "rgb(22, 24, 28)"), ("light", "rgb(255, 255, 255)")])
def test_theme_in_the_url_wins_over_the_system(browser: Browser, site_url, theme, background):
    other = "light" if theme == "dark" else "dark"
    context = browser.new_context(color_scheme=other)
    try:
        page = context.new_page()
        page.goto(f"{site_url}?theme={theme}#nb/{encode_link(APP)}")
        rv = Rivulet(page, site_url)
        expect(rv.output(2)).to_contain_text("row 2", timeout=BOOT_TIMEOUT)
        assert page.evaluate("getComputedStyle(document.documentElement).backgroundColor") == background
    finally:
        context.close()


HOST_PAGE = """<!doctype html><meta charset="utf-8"><title>my blog</title>
<h1>My post</h1>
<iframe id="nb" data-rivulet src="{src}" style="width:100%;height:150px;border:0"></iframe>
<p id="after">after the notebook</p>
<script src="{site}embed.js"></script>
"""


@pytest.fixture
def host_site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """Another origin (another port of 127.0.0.1) serving the embedding page."""
    server = serve_in_thread(tmp_path)
    yield tmp_path, server.url
    server.shutdown()
    server.server_close()


def test_an_embed_on_another_origin_grows_with_its_content_and_stays_apart(browser: Browser, site_url, host_site):
    folder, host_url = host_site
    src = f"{site_url}?embed=true&mode=read#nb/{encode_link(APP)}"
    (folder / "post.html").write_text(HOST_PAGE.format(src=src.replace("&", "&amp;"), site=site_url))
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(host_url + "post.html")
        frame = page.frame_locator("#nb")
        expect(frame.locator("[data-cell-id]").nth(2).locator("[data-cell-output]")).to_contain_text(
            "row 2", timeout=BOOT_TIMEOUT
        )
        expect(frame.locator("#rv-header")).to_be_hidden()  # no site chrome in an embed
        short = page.evaluate("document.getElementById('nb').getBoundingClientRect().height")
        assert short > 150  # sized to its content by embed.js
        # more content: the frame grows, with no scrollbar inside
        slider = frame.get_by_role("slider", name="rows")
        slider.focus()
        for _ in range(12):
            page.keyboard.press("ArrowRight")
        expect(frame.locator("[data-cell-id]").nth(2).locator("[data-cell-output]")).to_contain_text("row 14")
        page.wait_for_function(f"document.getElementById('nb').getBoundingClientRect().height > {short + 150}")
        inner = frame.locator("html").evaluate("e => [e.scrollHeight, innerHeight]")
        assert inner[0] <= inner[1] + 2, inner
        # the host page cannot reach into the notebook, nor the notebook into the page
        assert page.evaluate("(() => { try { return document.getElementById('nb').contentDocument === null } catch { return true } })()")
        assert frame.locator("html").evaluate(
            "() => { try { return parent.document.title === undefined } catch { return true } }"
        )
        # a forged height message from another window changes nothing
        page.evaluate("postMessage({type: 'rivulet:height', height: 5}, '*')")
        page.wait_for_timeout(200)
        assert page.evaluate("document.getElementById('nb').getBoundingClientRect().height") > short
    finally:
        context.close()


def test_the_galleries_new_notebook_link_opens_a_new_notebook(browser: Browser, site_url):
    """?new opens an empty notebook even when another one is autosaved."""
    context = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), site_url).goto("#nb/" + encode_link(APP))
        expect(rv.output(2)).to_contain_text("row 2", timeout=BOOT_TIMEOUT)
        rv.run_cell(1, "n = mo.ui.slider(1, 30, value=4, label='rows')\nn")  # edited: autosaved
        expect(rv.output(2)).to_contain_text("row 3")
        wait_for_js(rv.page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('value=4')")
        rv.page.goto(site_url + "gallery/")
        rv.page.get_by_role("link", name="New notebook").click()
        rv.wait_until_ready()
        expect(rv.cells).to_have_count(1)
        expect(rv.page.locator(".cm-content, .code-placeholder").first).not_to_contain_text("slider")
        assert "new" not in rv.page.url.split("?")[-1]
    finally:
        context.close()


def test_a_gallery_notebook_shows_its_outputs_before_python_boots(browser: Browser, site_url):
    """The build recorded the gallery's outputs: they are on screen while the kernel boots."""
    context = new_context(browser, service_workers="block")  # the routes must see every request
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    try:
        page = context.new_page()
        page.goto(site_url + "?mode=read&file=gallery/intro.py")
        stars = page.locator("[data-cell-output]", has_text="************************")
        expect(stars).to_be_visible(timeout=BOOT_TIMEOUT)
        expect(page.locator("html")).to_have_attribute("data-kernel", "booting")
        context.route("**/pyodide.asm.wasm", lambda route: route.continue_())  # later requests pass
        while held:
            held.pop().continue_()
        expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        expect(page.locator('[data-cell-id]:not([data-status="idle"])')).to_have_count(0, timeout=BOOT_TIMEOUT)
        expect(stars).to_be_visible()
    finally:
        context.close()
