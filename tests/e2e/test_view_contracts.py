"""The notebook view's DOM contract (ARCHITECTURE.md) where it is easy to get
subtly wrong: "idle" means the output is on screen; the toolbar's buttons are
never covered by a cell's own."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, new_context, notebook_text

pytestmark = pytest.mark.e2e

# Records, for every data-status change to "idle", whether the cell's output
# already showed its markdown heading at that moment.
IDLE_PROBE = """
window.__idleShown = [];
new MutationObserver((records) => {
  for (const r of records) {
    const cell = r.target;
    if (cell.dataset.status !== "idle" || !cell.querySelector("[data-cell-output] rv-md")) continue;
    window.__idleShown.push(!!cell.querySelector("[data-cell-output] h2"));
    (window.__idleLog ??= []).push([cell.dataset.cellId, cell.querySelector("[data-cell-output]").innerHTML.slice(0, 120)]);
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-status"] });
"""


def test_idle_means_the_markdown_output_is_on_screen(browser, site_url, code_link):
    """The first markdown output of a page loads the renderer lazily: the
    cell must not say "idle" before its markdown is drawn."""
    notebook = notebook_text("import marimo as mo", "n = 1", "mo.md(f'## Heading {n}')")
    context = new_context(browser)
    context.add_init_script(IDLE_PROBE)
    rv = Rivulet(context.new_page(), site_url).goto(code_link(notebook))
    expect(rv.output(2).locator("h2")).to_have_text("Heading 1", timeout=BOOT_TIMEOUT)
    for n in (2, 3):
        rv.run_cell(1, f"n = {n}")
        expect(rv.output(2).locator("h2")).to_have_text(f"Heading {n}")
        expect(rv.cell(2)).to_have_attribute("data-status", "idle")
    shown = rv.page.evaluate("window.__idleShown")
    log = rv.page.evaluate("window.__idleLog")
    context.close()
    assert len(shown) >= 3 and all(shown), log


def test_run_all_is_never_a_click_on_the_first_cells_tools(rivulet):
    """Clicking into the first cell, then on the right part of "Run all",
    used to land on the first cell's "Delete cell" button."""
    rivulet.open_code(notebook_text("a = 1", "b = a + 1", "b * 10"))
    expect(rivulet.output(2)).to_have_text("20", timeout=BOOT_TIMEOUT)
    page = rivulet.page
    rivulet.cell(0).locator(".cm-content").click()
    run_all = page.get_by_role("button", name="Run all cells")
    box = run_all.bounding_box()
    for fraction in (0.1, 0.5, 0.9):
        page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
        expect(rivulet.cells).to_have_count(3)
    expect(rivulet.cell(0).locator(".cm-content")).to_contain_text("a = 1")
    expect(rivulet.output(2)).to_have_text("20")
