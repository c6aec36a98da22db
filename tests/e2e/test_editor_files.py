"""Never losing work (issue 11): per-notebook autosave, reloads, two tabs,
New and Back/Forward, the notebook's name. Each test acts like a user in
its own browser context (its own localStorage)."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, wait_for_js

pytestmark = pytest.mark.e2e

INTRO = "?file=gallery/intro.py"


def stored_texts(page) -> str:
    """Every notebook text stored in this browser, as one string."""
    return page.evaluate(
        "(localStorage.getItem('rivulet:autosave') ?? '') + (localStorage.getItem('rivulet:autosave:previous') ?? '')"
    )


def type_in_cell(rv: Rivulet, index: int, text: str) -> None:
    """Click at the end of a cell's code and type (no run)."""
    content = rv.cell(index).locator(".cm-content")
    content.click()
    rv.page.keyboard.press("ControlOrMeta+End")
    rv.page.keyboard.type(text)


def open_recent(rv: Rivulet, name: str) -> None:
    rv.page.locator("#rv-recent").click()
    rv.page.get_by_role("menuitem", name=name).first.click()


def test_edits_to_a_file_url_are_saved_within_a_second_and_survive_a_reload(fresh_page):
    rv = fresh_page(INTRO)
    rv.wait_until_ready()
    page = rv.page
    expect(page.locator("#rv-name")).to_have_value("intro.py")
    type_in_cell(rv, 2, "\n# kept-7")
    typed = time.monotonic()
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('kept-7')", timeout=3000)
    assert time.monotonic() - typed < 1.5  # a second after the last keystroke (plus a poll)
    saved = json.loads(page.evaluate("localStorage.getItem('rivulet:autosave')"))
    assert saved["origin"].startswith("file:") and saved["origin"].endswith("gallery/intro.py")

    page.reload()
    rv.wait_until_ready()
    expect(rv.cell(2)).to_contain_text("# kept-7")
    expect(rv.notice).to_be_visible()
    expect(rv.notice).to_contain_text("Your edits to intro.py")
    expect(rv.notice).to_contain_text("are back")

    # the original is one click away, and the edits stay in Recent as a copy
    rv.notice.get_by_role("button", name="Open the original").click()
    expect(rv.cell(2)).not_to_contain_text("kept-7")
    page.locator("#rv-recent").click()
    expect(page.get_by_role("menuitem", name="intro (copy).py")).to_be_visible()
    page.keyboard.press("Escape")


def test_two_tabs_on_one_notebook_never_silently_overwrite_each_other(fresh_page):
    first = fresh_page(INTRO)
    second = Rivulet(first.page.context.new_page(), first.site_url).goto(INTRO)
    first.wait_until_ready()
    second.wait_until_ready()
    type_in_cell(first, 2, "\n# from-first")
    wait_for_js(first.page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('from-first')", timeout=3000)

    # the second tab is told, and stops saving over the first tab's edits
    expect(second.notice).to_be_visible()
    expect(second.notice).to_contain_text("changed in another tab")
    type_in_cell(second, 2, "\n# from-second")
    second.page.wait_for_timeout(1500)
    assert "from-second" not in stored_texts(second.page)
    assert "from-first" in stored_texts(second.page)

    # keeping its own version makes a copy: both versions are stored
    second.notice.get_by_role("button", name="Keep mine as a copy").click()
    expect(second.page.locator("#rv-name")).to_have_value("intro (copy).py")
    wait_for_js(second.page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('from-second')", timeout=5000)
    texts = stored_texts(second.page)
    assert "from-first" in texts and "from-second" in texts

    # the copy is another notebook: editing it does not bother the first tab
    type_in_cell(second, 2, " again")
    first.page.wait_for_timeout(1200)
    expect(first.notice).not_to_contain_text("changed in another tab")


def test_new_keeps_the_old_notebook_back_and_forward_switch_notebooks_and_the_name_names_downloads(fresh_page):
    rv = fresh_page(INTRO)
    rv.wait_until_ready()
    page = rv.page
    type_in_cell(rv, 2, "\n# before-new")
    name = page.locator("#rv-name")
    name.fill("my analysis")
    name.press("Enter")
    expect(name).to_have_value("my analysis.py")
    with page.expect_download() as download:
        page.locator("#rv-download").click()
    assert download.value.suggested_filename == "my analysis.py"

    page.locator("#rv-new").click()  # right after typing: the edit is flushed, not lost
    expect(rv.cells).to_have_count(1)
    expect(name).to_have_value("notebook.py")
    page.locator("#rv-recent").click()
    expect(page.get_by_role("menuitem", name="my analysis.py")).to_be_visible()
    page.keyboard.press("Escape")
    assert "before-new" in stored_texts(page)

    type_in_cell(rv, 0, "# the-new-one")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('the-new-one')", timeout=3000)

    page.go_back()
    expect(rv.cell(2)).to_contain_text("# before-new")
    expect(name).to_have_value("my analysis.py")
    page.go_forward()
    expect(rv.cells).to_have_count(1)
    expect(rv.cell(0)).to_contain_text("# the-new-one")
    page.reload()  # a reload reopens this notebook (not merely the last one saved)
    rv.wait_until_ready()
    expect(rv.cell(0)).to_contain_text("# the-new-one")

    # Recent opens the other one too, and Back returns
    open_recent(rv, "my analysis.py")
    expect(rv.cell(2)).to_contain_text("# before-new")
    page.go_back()
    expect(rv.cell(0)).to_contain_text("# the-new-one")
