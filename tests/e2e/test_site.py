"""The site's shell in Chromium: opening notebooks from URLs, modes, storage, boot states.

Tests on the shared ``rivulet`` page run in file order and reuse one kernel.
"""

from __future__ import annotations

from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, decode_code, decode_link, encode_code, new_context, notebook_text, wait_for_js

AREA = notebook_text(
    "width = 3\nheight = 5",
    "area = width * height\nprint(f'area is {area}')\narea",
    "'unrelated'",
)


def test_file_param_opens_a_gallery_notebook_text(fresh_page):
    rv = fresh_page("?file=gallery/intro.py")
    expect(rv.cells.first).to_be_visible()
    expect(rv.page.locator("[data-cell-output]", has_text="************************")).to_be_visible(
        timeout=BOOT_TIMEOUT
    )
    expect(rv.header).to_be_visible()
    expect(rv.page.locator("#rv-boot")).to_be_hidden()
    # the kernel went from booting to ready, once
    assert rv.kernel_states() == ["booting", "ready"]


def test_code_link_opens_the_notebook_and_runs_it(rivulet):
    rivulet.open_code(AREA)
    expect(rivulet.cells).to_have_count(3)
    expect(rivulet.output(1)).to_have_text("15")
    expect(rivulet.output(2)).to_contain_text("unrelated")


def test_stdout_appears_under_its_cell(rivulet):
    rivulet.open_code(AREA)
    expect(rivulet.console(1)).to_contain_text("area is 15")


def test_bad_code_payload_shows_a_message_and_keeps_the_notebook_text(rivulet):
    rivulet.open_code(AREA)
    expect(rivulet.output(1)).to_have_text("15")
    saved = rivulet.autosaved_text()
    rivulet.page.evaluate("location.hash = '#code/%%%not-a-notebook%%%'")
    expect(rivulet.notice).to_be_visible()
    expect(rivulet.notice).to_contain_text("could not be decoded")
    expect(rivulet.output(1)).to_have_text("15")
    assert rivulet.autosaved_text() == saved


def test_share_link_puts_the_notebook_in_the_url(rivulet):
    rivulet.open_code(AREA)
    expect(rivulet.output(1)).to_have_text("15")
    rivulet.page.evaluate("history.replaceState(null, '', location.pathname)")
    rivulet.page.locator("#rv-share").click()
    rivulet.page.get_by_role("menuitem", name="Copy link").first.click()
    wait_for_js(rivulet.page, "location.hash.startsWith('#nb/')")
    shared = decode_link(rivulet.page.evaluate("location.hash").removeprefix("#nb/"))
    assert "area = width * height" in shared
    assert "import marimo" in shared
    # marimo's own form, for marimo.app
    rivulet.page.locator("#rv-share").click()
    rivulet.page.get_by_role("menuitem", name="Copy marimo.app link").click()
    wait_for_js(rivulet.page, "location.hash.startsWith('#code/')")
    assert decode_code(rivulet.page.evaluate("location.hash").removeprefix("#code/")) == shared


def test_download_gives_the_notebook_file(rivulet):
    rivulet.open_code(AREA)
    expect(rivulet.output(1)).to_have_text("15")
    with rivulet.page.expect_download() as info:
        rivulet.page.locator("#rv-download").click()
    download = info.value
    assert download.suggested_filename.endswith(".py")
    text = open(download.path(), encoding="utf-8").read()
    assert "area = width * height" in text


def test_editing_autosaves_and_a_bare_url_restores_it(rivulet, shared_context, site_url):
    rivulet.open_code(AREA)
    expect(rivulet.output(1)).to_have_text("15")
    rivulet.run_cell(0, "width = 4\nheight = 5")
    expect(rivulet.output(1)).to_have_text("20")
    wait_for_js(
        rivulet.page,
        "(JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text ?? '').includes('width = 4')"
    )
    # A new tab at the bare site URL (no #code/, no ?file=) restores the autosave.
    other = Rivulet(shared_context.new_page(), site_url).goto("")
    try:
        expect(other.output(1)).to_have_text("20", timeout=BOOT_TIMEOUT)
        expect(other.cell(0)).to_contain_text("width = 4")
    finally:
        other.page.close()


def test_read_mode_hides_code_and_runs_on_open(fresh_page):
    rv = fresh_page("?mode=read#code/" + encode_code(AREA))
    expect(rv.page.locator("[data-cell-output]", has_text="15")).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(rv.page.locator(".cm-editor:visible")).to_have_count(0)
    expect(rv.page.get_by_text("area = width * height")).to_have_count(0)
    assert rv.kernel_states() == ["booting", "ready"]


def test_embed_hides_the_site_chrome(fresh_page):
    rv = fresh_page("?embed=true#code/" + encode_code(AREA))
    expect(rv.header).to_be_hidden()
    expect(rv.page.locator("a", has_text="Gallery")).to_be_hidden()


def test_missing_file_shows_a_message(fresh_page):
    rv = fresh_page("?file=gallery/no-such-notebook.py")
    expect(rv.notice).to_be_visible()
    expect(rv.notice).to_contain_text("no-such-notebook.py")
    expect(rv.notice).to_contain_text("404")


def test_a_binary_file_is_refused_with_a_message(fresh_page):
    rv = fresh_page("?file=pyodide/micropip-0.11.1-py3-none-any.whl")
    expect(rv.notice).to_contain_text("not a text file")
    rv.wait_until_ready()
    expect(rv.cells).to_have_count(1)  # a new notebook, not garbage
    assert "micropip" not in (rv.autosaved_text() or "")


def test_a_text_file_that_is_not_a_notebook_opens_as_one_cell_and_says_so(fresh_page):
    rv = fresh_page("?file=gallery/index.json")
    rv.wait_until_ready()
    expect(rv.notice).to_contain_text("not a marimo notebook")
    expect(rv.cells).to_have_count(1)


def test_kernel_that_cannot_boot_is_dead_with_a_message(browser, site_url):
    context = new_context(browser, service_workers="block")  # the routes must see every request
    try:
        context.route("**/pyodide.asm.wasm", lambda route: route.abort())
        page = context.new_page()
        page.goto(site_url + "#code/" + encode_code(AREA))
        expect(page.locator("html")).to_have_attribute("data-kernel", "dead", timeout=BOOT_TIMEOUT)
        expect(page.locator("#rv-notice")).to_contain_text("failed to start")
    finally:
        context.close()


def test_missing_package_is_looked_up_lazily_and_reported(rivulet):
    """Offline, numpy is on neither Pyodide's CDN nor PyPI: micropip loads from this site, the cell says so."""
    loaded: list[str] = []
    rivulet.page.on("requestfinished", lambda r: loaded.append(r.url))
    rivulet.open_code(notebook_text("import numpy_is_not_here_rivulet", "1 + 1"))
    expect(rivulet.output(1)).to_have_text("2", timeout=BOOT_TIMEOUT)
    expect(rivulet.cell(0)).to_contain_text("ModuleNotFoundError", timeout=BOOT_TIMEOUT)
    expect(rivulet.cell(0)).to_have_attribute("data-status", "error")
    assert any("micropip-" in url and url.endswith(".whl") for url in loaded), loaded
    # the cell itself says which package and why (tests/e2e/test_packages.py has more)
    expect(rivulet.cell(0)).to_contain_text("Could not install 'numpy_is_not_here_rivulet'")
    expect(rivulet.cell(0)).to_contain_text("offline")
