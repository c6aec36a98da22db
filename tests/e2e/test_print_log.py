"""The side panel's log of everything printed (issue 11): each cell's
stdout and stderr in the order it arrived, naming the cell; a click jumps to
it; prints arriving while the panel is open show at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import notebook_text

pytestmark = pytest.mark.e2e


def test_the_log_lists_what_cells_printed_in_order_and_jumps_to_them(rivulet):
    rv = rivulet
    page = rv.page
    rv.open_code(notebook_text(
        "import sys\nlg_n = 2\nprint('first line')",
        "for i in range(lg_n):\n    print('count', i)\nprint('warned', file=sys.stderr)",
        "x = 1",
    ))
    expect(rv.console(1)).to_contain_text("warned")
    page.get_by_role("button", name="Panel").click()
    log = page.get_by_role("list", name="Printed output")
    entries = log.get_by_role("listitem")
    expect(entries).to_have_count(3)
    expect(entries.nth(0)).to_contain_text("cell 1")
    expect(entries.nth(0).locator("pre")).to_have_text("first line\n")
    expect(entries.nth(1).locator("pre")).to_have_text("count 0\ncount 1\n")
    expect(entries.nth(2)).to_have_attribute("data-stream", "stderr")
    expect(entries.nth(2).locator("pre")).to_have_text("warned\n")

    # with the panel open, a re-run's prints arrive as a new entry at the end
    rv.run_cell(2, "print('<b>not html</b>')")
    expect(entries).to_have_count(4)
    expect(entries.nth(3).locator("pre")).to_have_text("<b>not html</b>\n")
    expect(log.locator("b")).to_have_count(0)

    # a click goes to the cell that printed
    entries.nth(1).get_by_role("button", name="cell 2").click()
    expect(rv.cell(1).locator(".cm-content")).to_be_focused()

    # Clear empties it
    page.get_by_role("button", name="Clear").click()
    expect(entries).to_have_count(0)
    expect(page.get_by_text("Nothing printed yet.")).to_be_visible()
    page.get_by_role("button", name="Panel").click()  # the session's page is shared: leave the panel closed
    expect(log).to_be_hidden()
