"""A notebook's code editors (CodeMirror) wait for its first run: on a
machine with two cores, making them while the kernel starts slowed the first
live output. Until then each cell shows its code as text; a click on it makes
that cell's editor at once, with the cursor where the reader clicked, and
what is typed there before the kernel has read the file is kept."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text

pytestmark = pytest.mark.e2e

NOTEBOOK = notebook_text("wait_a = 6", "wait_b = wait_a * 7\nwait_b", "wait_c = str(wait_b)\nwait_c")


def open_cold(context, site_url: str) -> Rivulet:
    """The notebook on a cold boot (the first run is seconds away), its code as text."""
    rv = Rivulet(context.new_page(), site_url).goto("?snapshot=off#code/" + encode_code(NOTEBOOK))
    expect(rv.cell(1).locator(".code-placeholder")).to_have_text("wait_b = wait_a * 7\nwait_b")
    assert rv.page.locator("html").get_attribute("data-kernel") != "ready"
    return rv


def type_at_end_of_first_line(rv: Rivulet, text: str) -> None:
    """Click right of the second cell's first line (its code still text), then type."""
    box = rv.cell(1).locator(".code-placeholder").bounding_box()
    rv.page.mouse.click(box["x"] + box["width"] - 5, box["y"] + box["height"] / 4)
    expect(rv.cell(1).locator(".cm-editor")).to_be_visible(timeout=3000)
    expect(rv.cell(1).locator(".cm-content")).to_be_focused()
    rv.page.keyboard.type(text)


def test_editors_come_after_the_first_run_and_a_click_makes_one_at_once(browser, site_url):
    context = new_context(browser)
    try:
        rv = open_cold(context, site_url)
        page = rv.page
        assert page.locator(".cm-editor").count() == 0  # the code as text, no editor yet
        type_at_end_of_first_line(rv, " + 1")
        expect(rv.cell(1).locator(".cm-line").first).to_have_text("wait_b = wait_a * 7 + 1")
        assert page.locator(".cm-editor").count() == 1  # only the clicked cell's

        expect(page.locator(".cm-editor")).to_have_count(3, timeout=BOOT_TIMEOUT)  # after the first run, all of them
        expect(rv.output(2)).to_have_text("'42'", timeout=BOOT_TIMEOUT)  # the file as it is
        # the edit made before the kernel read the file is kept, not run yet, and runs when asked
        expect(rv.cell(1).locator(".cm-line").first).to_have_text("wait_b = wait_a * 7 + 1")
        expect(rv.cell(1)).to_have_attribute("data-edited", "true")
        rv.run_cell(1)
        expect(rv.output(1)).to_have_text("43")
        expect(rv.output(2)).to_have_text("'43'")
    finally:
        context.close()


def test_a_cell_run_before_the_kernel_has_read_the_file_runs_once_it_has(browser, site_url):
    context = new_context(browser)
    try:
        rv = open_cold(context, site_url)
        page = rv.page
        type_at_end_of_first_line(rv, " + 1")
        page.keyboard.press("Control+Enter")  # run it, while Python is still starting
        assert page.locator("html").get_attribute("data-kernel") != "ready"
        expect(rv.output(1)).to_have_text("43", timeout=BOOT_TIMEOUT)  # the edit ran, once the kernel had the file
        expect(rv.output(2)).to_have_text("'43'")
        expect(rv.cell(1)).not_to_have_attribute("data-edited", "true")
    finally:
        context.close()
