"""Huge outputs stay bounded on screen: a million printed lines, a 50 MB string,
a 10,000-row table, a list nested 10,000 deep, a cell that prints forever.

Each output scrolls inside a height limit with an "Expand"/"Collapse" button
(shown only when the content is taller), what the page left out can be shown
("Show all N lines") or is named by a note, the code stays in view, and the
kernel runs the next cell afterwards."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text

pytestmark = pytest.mark.e2e

OUTPUT_MAX = 600  # px: --rv-output-max
CONSOLE_MAX = 24 * 16  # px: the console's 24rem
SLACK = 40  # padding and borders


@pytest.fixture(scope="module")
def rivulet(browser, site_url):
    """A page of this module's own (these notebooks are heavy)."""
    context = new_context(browser)
    rv = Rivulet(context.new_page(), site_url).goto("?new")
    rv.wait_until_ready()
    yield rv
    context.close()


def height(locator) -> float:
    return locator.bounding_box()["height"]


def bar(rv: Rivulet, index: int, what: str):
    return rv.cell(index).locator(f'[data-limit-bar="{what}"]')


def expand_button(rv: Rivulet, index: int, what: str):
    return bar(rv, index, what).get_by_role("button", name=re.compile(rf"^(Expand|Collapse) {what}$"))


def assert_toggles(rv: Rivulet, index: int, what: str, box, limit: int) -> None:
    """The box is capped; Expand shows all of it; Collapse caps it again."""
    assert height(box) <= limit + SLACK
    toggle = expand_button(rv, index, what)
    expect(toggle).to_have_text(f"Expand {what}")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert toggle.get_attribute("aria-controls") == box.get_attribute("id")
    toggle.click()
    expect(toggle).to_have_text(f"Collapse {what}")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert height(box) > 2 * limit
    toggle.click()
    expect(toggle).to_have_text(f"Expand {what}")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert height(box) <= limit + SLACK


def assert_next_cell_runs(rv: Rivulet, probe: int) -> None:
    """The cell at `probe` is `n = 1`, the one after shows `n + 1`: change and run it."""
    rv.run_cell(probe, "n = 41")
    expect(rv.output(probe + 1)).to_have_text("42")


def test_a_small_output_has_no_toggle(rivulet):
    rivulet.open_code(notebook_text("'small'", "print('hi')"))
    expect(rivulet.output(0)).to_have_text("'small'", timeout=BOOT_TIMEOUT)
    expect(rivulet.console(1)).to_have_text("hi\n")
    rivulet.page.wait_for_timeout(100)  # the bars are measured on the next frame
    expect(bar(rivulet, 0, "output")).to_be_hidden()
    expect(bar(rivulet, 1, "console")).to_be_hidden()


def test_a_million_printed_lines_are_bounded_and_all_kept_lines_can_be_shown(rivulet):
    rivulet.open_code(notebook_text('for i in range(1_000_000):\n    print("line", i)', "n = 1", "n + 1"))
    expect(rivulet.output(2)).to_have_text("2", timeout=120_000)
    console = rivulet.console(0)
    expect(console).to_contain_text("… output truncated: ")
    expect(console).to_contain_text("line 9999\n")
    # the DOM holds the last lines; the rest is one click away
    expect(console.locator("[data-console-hidden]")).to_be_visible()
    assert "line 0\n" not in console.text_content()
    show_all = bar(rivulet, 0, "console").get_by_role("button", name="Show all 10,001 lines")
    expect(show_all).to_be_visible()
    # the cell's code is right under its (empty) output, the console capped
    code = rivulet.cell(0).locator(".cell-code")
    assert code.bounding_box()["y"] - rivulet.cell(0).bounding_box()["y"] < 50
    assert_toggles(rivulet, 0, "console", console, CONSOLE_MAX)
    show_all.click()
    expect(show_all).to_be_hidden()
    text = console.text_content()
    assert text.startswith("line 0\nline 1\n") and "line 9999\n" in text
    assert "earlier output hidden" not in text
    assert height(console) <= CONSOLE_MAX + SLACK  # still capped
    assert_toggles(rivulet, 0, "console", console, CONSOLE_MAX)
    assert_next_cell_runs(rivulet, 1)
    # a re-run starts trimmed again
    rivulet.run_cell(0, 'for i in range(20_000):\n    print("again", i)')
    expect(console).to_contain_text("again 9999", timeout=60_000)
    expect(show_all).to_be_visible()
    assert "again 0\n" not in console.text_content()


def test_a_50_mb_string_is_capped_with_a_note_and_the_code_stays_in_view(rivulet):
    rivulet.open_code(notebook_text("a = 1", '"x" * 50_000_000', "n = 1", "n + 1"))
    out = rivulet.output(1)
    note = out.locator("[data-truncated]")
    expect(note).to_have_text("… (49,900,002 more characters)", timeout=60_000)
    assert len(out.text_content()) < 100_100
    assert_toggles(rivulet, 1, "output", out, OUTPUT_MAX)
    # the code under the output, and the cell above, are on screen together
    rivulet.cell(1).scroll_into_view_if_needed()
    expect(rivulet.cell(1).locator(".cell-code")).to_be_in_viewport()
    assert height(rivulet.cell(1)) < OUTPUT_MAX + 200
    rivulet.cell(0).scroll_into_view_if_needed()
    expect(rivulet.cell(0).locator(".cell-code")).to_be_in_viewport()
    expect(rivulet.cell(1).locator(".cell-code")).to_be_in_viewport()
    # the note is at the end of the scrolled box
    out.evaluate("el => { el.scrollTop = el.scrollHeight }")
    expect(note).to_be_in_viewport()
    assert_next_cell_runs(rivulet, 2)


def test_a_10_000_row_table_is_paginated(rivulet):
    rows = "rows = [{'i': i, 'square': i * i, 'name': f'row {i}'} for i in range(10_000)]"
    rivulet.open_code(notebook_text("import marimo as mo", rows, "mo.ui.table(rows)", "rows", "n = 1", "n + 1"))
    table = rivulet.output(2)
    expect(table.get_by_text("Page 1 of 1000 · 10000 rows")).to_be_visible(timeout=60_000)
    assert table.locator("tbody tr").count() == 10
    assert height(table) <= OUTPUT_MAX + SLACK
    table.get_by_role("button", name="Next page").click()
    expect(table.get_by_text("Page 2 of 1000")).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("row 10")
    # the rows as a plain value: a bounded text that says how many items it left out
    plain = rivulet.output(3)
    expect(plain.locator("[data-truncated]")).to_have_text(re.compile(r"^… \([\d,]+ more items\)$"))
    assert_toggles(rivulet, 3, "output", plain, OUTPUT_MAX)
    assert_next_cell_runs(rivulet, 4)


def test_a_list_nested_10_000_deep_shows_a_bounded_repr(rivulet):
    deep = "x = []\nfor _ in range(10_000):\n    x = [x]\nx"
    rivulet.open_code(notebook_text(deep, "n = 1", "n + 1"))
    out = rivulet.output(0)
    expect(out.locator("[data-truncated]")).to_have_text("… (nested deeper than 100 levels)", timeout=60_000)
    text = out.text_content()
    assert text.startswith("[" * 100 + "[…]" + "]" * 100)
    assert "Error" not in text
    expect(rivulet.cell(0)).to_have_attribute("data-status", "idle")
    assert_next_cell_runs(rivulet, 1)
    # freeing it (a re-run, another notebook) does not overflow the worker's stack
    rivulet.run_cell(0, deep.replace("10_000", "10_001"))
    expect(out).to_contain_text("nested deeper than 100 levels")
    expect(rivulet.cell(0)).to_have_attribute("data-status", "idle")
    rivulet.open_code(notebook_text("6 * 7"))
    expect(rivulet.output(0)).to_have_text("42")
    expect(rivulet.page.locator("html")).to_have_attribute("data-kernel", "ready")


def test_a_private_value_nested_10_000_deep_is_freed_without_ending_python(rivulet):
    private = "_x = []\nfor _ in range(10_000):\n    _x = [_x]\nlen(_x)"
    rivulet.open_code(notebook_text(private, "n = 1", "n + 1"))
    expect(rivulet.output(0)).to_have_text("1", timeout=60_000)
    assert_next_cell_runs(rivulet, 1)


def test_a_cell_printing_forever_leaves_the_page_usable_and_stops(rivulet):
    forever = 'i = 0\nwhile True:\n    print("tick", i)\n    i += 1'
    rivulet.open_code(notebook_text("n = 1", "n + 1", forever))
    cell = rivulet.cell(2)
    expect(cell).to_have_attribute("data-status", "running", timeout=60_000)
    console = rivulet.console(2)
    expect(console).to_contain_text("tick 9999")
    # while it runs: the page answers, another cell's editor takes keys
    rivulet.set_code(0, "n = 5")
    expect(rivulet.cell(0).locator(".cm-content")).to_have_text("n = 5")
    assert height(console) <= CONSOLE_MAX + SLACK
    assert rivulet.console(2).evaluate("el => el.textContent.split('\\n').length") <= 5_010
    expect(expand_button(rivulet, 2, "console")).to_be_visible()
    cell.get_by_role("button", name="Stop cell").click()
    expect(cell).to_have_attribute("data-status", "error", timeout=30_000)
    expect(rivulet.output(2)).to_contain_text("KeyboardInterrupt")
    expect(console).to_contain_text("… output truncated: ")
    rivulet.run_cell(0, "n = 41")
    expect(rivulet.output(1)).to_have_text("42")


def test_the_app_view_caps_a_tall_output(browser, site_url):
    context = new_context(browser)
    try:
        page = context.new_page()
        text = notebook_text("list(range(1_000_000))", "'after'")
        page.goto(f"{site_url}?mode=read#code/{encode_code(text)}")
        rv = Rivulet(page, site_url)
        out = rv.output(0)
        expect(out).to_contain_text("more items)", timeout=BOOT_TIMEOUT)
        expect(rv.output(1)).to_have_text("'after'")
        assert_toggles(rv, 0, "output", out, OUTPUT_MAX)
        expect(rv.output(1)).to_be_visible()
        assert rv.output(1).bounding_box()["y"] < OUTPUT_MAX + 300  # the next output follows right after
    finally:
        context.close()


def test_json_nested_5_000_deep_renders_its_first_levels(rivulet):
    code = 'class Deep:\n    def _repr_json_(self):\n        return "[" * 5_000 + "]" * 5_000\nDeep()'
    rivulet.open_code(notebook_text(code, "n = 1", "n + 1"))
    tree = rivulet.output(0).locator(".json-tree")
    expect(tree).to_contain_text("… (nested deeper than 100 levels)", timeout=60_000)
    assert tree.locator("details").count() == 100
    assert_next_cell_runs(rivulet, 1)
