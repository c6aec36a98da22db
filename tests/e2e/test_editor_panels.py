"""The side panel (issue 11): variables with type, preview, defining and
reading cells; an outline of the markdown headings. Click to jump."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import notebook_text

pytestmark = pytest.mark.e2e


def test_the_panel_lists_variables_and_the_outline_and_jumps_to_cells(rivulet):
    rv = rivulet
    page = rv.page
    rv.open_code(notebook_text(
        "import marimo as mo",
        'mo.md(r"""\n# Sales\n\n## Per region\n""")',
        "pv_rows = [3, 1, 2]",
        "pv_total = sum(pv_rows)\npv_total",
    ))
    expect(rv.output(3)).to_have_text("6")
    page.get_by_role("button", name="Panel").click()
    table = page.get_by_role("table", name="Variables")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="pv_rows"))
    expect(row).to_contain_text("list")
    expect(row).to_contain_text("[3, 1, 2]")
    expect(row.get_by_role("button", name="cell 3")).to_be_visible()  # defined in
    expect(row.get_by_role("button", name="cell 4")).to_be_visible()  # read by
    outline = page.get_by_role("list", name="Outline")
    expect(outline.get_by_role("button")).to_have_text(["Sales", "Per region"])

    # a re-run updates the panel; clicking a cell jumps to it
    rv.run_cell(2, "pv_rows = [10, 20]")
    expect(row).to_contain_text("[10, 20]")
    row.get_by_role("button", name="cell 4").click()
    expect(rv.cell(3)).to_contain_text("pv_total")
    expect(rv.cell(3).locator(".cm-content")).to_be_focused()

    # a heading typed into a markdown cell shows in the outline
    rv.cell(1).get_by_role("button", name="Edit markdown").click()
    page.keyboard.type("\n## Costs")
    expect(outline.get_by_role("button")).to_have_text(["Sales", "Per region", "Costs"])
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Panel").click()
    expect(table).to_be_hidden()
