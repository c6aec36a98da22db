"""`mo.persistent_cache` in the browser: results outlive a reload and a
kernel restart (the page keeps the cache's files for that notebook), and
another notebook with the same code cannot read them."""

from __future__ import annotations

from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, notebook_text

NOTEBOOK = notebook_text(
    "import marimo as mo",
    "calls = []\n\n@mo.persistent_cache\ndef slow(x):\n    calls.append(x)\n    return x * 2",
    'f"{slow(21)} after {len(calls)} calls"',
)


def _live(rv: Rivulet, text: str) -> None:
    expect(rv.cell(2).locator("[data-cell-ran]")).to_contain_text("ran ", timeout=BOOT_TIMEOUT)
    expect(rv.output(2)).to_have_text(text, timeout=BOOT_TIMEOUT)


def test_persistent_cache_results_outlive_a_reload_and_a_restart(context, site_url):
    page = context.new_page()
    rv = Rivulet(page, site_url).goto("")
    rv.wait_until_ready()
    rv.open_code(NOTEBOOK)
    _live(rv, "'42 after 1 calls'")
    url = page.url
    page.reload()
    assert page.url == url
    rv.wait_until_ready()
    _live(rv, "'42 after 0 calls'")  # read back from the page's storage: slow() did not run
    page.get_by_role("button", name="Restart kernel").click()
    expect(rv.output(2)).to_have_text("'42 after 0 calls'", timeout=BOOT_TIMEOUT)


def test_another_notebook_with_the_same_code_does_not_see_the_results(context, site_url):
    first = Rivulet(context.new_page(), site_url).goto("")
    first.wait_until_ready()
    first.open_code(NOTEBOOK)
    _live(first, "'42 after 1 calls'")
    other = Rivulet(context.new_page(), site_url).goto("")
    other.wait_until_ready()
    other.open_code(NOTEBOOK + "\n# another notebook\n")
    _live(other, "'42 after 1 calls'")  # computed, not taken from the first notebook's cache
