"""Big outputs in the browser: a 100,000-line print loop and a million-item list
must not freeze the page (the kernel batches and caps, the view appends in O(1)
and keeps the last lines)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from rivulet_e2e import Rivulet, new_context, notebook_text

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rivulet(browser, site_url):
    """A page of this module's own: the session's shared page must keep
    showing the gallery notebook other modules expect."""
    context = new_context(browser)
    rv = Rivulet(context.new_page(), site_url).goto("?file=gallery/intro.py")
    rv.wait_until_ready()
    yield rv
    context.close()

LOOP = 'for i in range(100_000):\n    print("line", i)'


def test_a_print_loop_finishes_and_the_page_stays_responsive(rivulet):
    rivulet.open_code(notebook_text(LOOP, "probe = 1", "probe + 1"))
    expect(rivulet.output(2)).to_have_text("2", timeout=60_000)
    expect(rivulet.cell(0)).to_have_attribute("data-status", "idle")
    console = rivulet.console(0)
    expect(console).to_contain_text("line 9999")
    expect(console).to_contain_text(re.compile(r"… output truncated: [\d,]+ more characters"))
    # the DOM keeps the last lines only, behind a note
    expect(console.locator("[data-console-hidden]")).to_have_text("… earlier output hidden")
    lines = console.evaluate("el => el.textContent.split('\\n').length")
    assert lines <= 5_010
    assert console.evaluate("el => !el.textContent.includes('line 0\\n')")

    # the page answers at once, and the next run is quick
    start = time.monotonic()
    rivulet.page.evaluate("1 + 1")
    assert time.monotonic() - start < 1.0
    start = time.monotonic()
    rivulet.run_cell(1, "probe = 41")
    expect(rivulet.output(2)).to_have_text("42", timeout=5_000)
    assert time.monotonic() - start < 5.0


def test_rerunning_the_loop_is_quick(rivulet):
    rivulet.open_code(notebook_text(LOOP, "done = 1"))
    expect(rivulet.console(0)).to_contain_text("output truncated", timeout=60_000)
    start = time.monotonic()
    rivulet.run_cell(0)
    expect(rivulet.cell(0)).to_have_attribute("data-status", "running", timeout=5_000)
    expect(rivulet.cell(0)).to_have_attribute("data-status", "idle", timeout=30_000)
    expect(rivulet.console(0)).to_contain_text("output truncated")
    elapsed = time.monotonic() - start
    assert elapsed < 20, elapsed


def test_a_million_item_list_shows_a_truncated_output_quickly(rivulet):
    rivulet.open_code(notebook_text("start = 0", "list(range(start, 1_000_000))"))
    out = rivulet.output(1)
    expect(out).to_contain_text("more items)", timeout=30_000)
    text = out.inner_text()
    assert text.startswith("[0, 1, 2, 3")
    assert len(text) < 100_100
    # re-running it is quick, and the page answers meanwhile
    start = time.monotonic()
    rivulet.run_cell(0, "start = 1")
    expect(out).to_contain_text("[1, 2, 3", timeout=10_000)
    assert time.monotonic() - start < 10


def test_a_huge_string_is_capped(rivulet):
    rivulet.open_code(notebook_text("'x' * 5_000_000"))
    out = rivulet.output(0)
    expect(out).to_contain_text("… (4,900,002 more characters)", timeout=30_000)
    assert len(out.inner_text()) < 100_100
