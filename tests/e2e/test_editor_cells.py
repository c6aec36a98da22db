"""Cells (issue 11): queued state, last run time, disable, rename, markdown
cells, converting, drag to reorder. On the session's shared page; each test
opens its own notebook and acts with the mouse and keyboard."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from rivulet_e2e import notebook_text, wait_for_js

pytestmark = pytest.mark.e2e


def saved_file(rv, marker: str) -> str:
    """Save with Ctrl/Cmd+S and return the stored file text (once it has `marker`)."""
    rv.page.keyboard.press("ControlOrMeta+s")
    expect(rv.notice).to_contain_text("Saved in this browser")
    wait_for_js(rv.page, f"(localStorage.getItem('rivulet:autosave') ?? '').includes({json.dumps(marker)})", timeout=5000)
    return json.loads(rv.page.evaluate("localStorage.getItem('rivulet:autosave')"))["text"]


def tool(rv, index: int, name: str):
    rv.cell(index).hover()
    return rv.cell(index).get_by_role("button", name=name, exact=True)


def test_a_cell_run_while_another_runs_shows_queued_then_its_run_time(rivulet):
    rv = rivulet
    rv.open_code(notebook_text("import time\ntime.sleep(2)\n'slept'", "q_v = 2\nq_v"))
    expect(rv.output(0)).to_have_text("'slept'")
    rv.cell(0).locator(".run").click()
    expect(rv.cell(0)).to_have_attribute("data-status", "running")
    rv.cell(1).locator(".run").click()
    expect(rv.cell(1)).to_have_attribute("data-status", "queued", timeout=1000)
    expect(rv.cell(0)).to_have_attribute("data-status", "idle")
    expect(rv.cell(1)).to_have_attribute("data-status", "idle")
    expect(rv.cell(0).locator("[data-cell-ran]")).to_contain_text(" s")  # about 2 s
    expect(rv.cell(1).locator("[data-cell-ran]")).to_have_text(re.compile(r"^ran .+ in \d+ ms$"))


def test_disable_enable_and_rename_from_the_cell_toolbar(rivulet):
    rv = rivulet
    rv.open_code(notebook_text("dis_a = 5", "dis_b = dis_a * 2\ndis_b"))
    expect(rv.output(1)).to_have_text("10")
    tool(rv, 0, "Disable cell").click()
    expect(rv.cell(0)).to_have_attribute("data-status", "disabled")
    expect(tool(rv, 0, "Enable cell")).to_have_attribute("aria-pressed", "true")
    tool(rv, 0, "Enable cell").click()
    expect(rv.cell(0)).not_to_have_attribute("data-status", "disabled")

    tool(rv, 1, "Rename cell").click()
    name = rv.cell(1).get_by_role("textbox", name="Cell name")
    name.fill("doubled")
    name.press("Enter")
    expect(rv.cell(1).locator(".cell-name")).to_have_text("doubled")
    expect(rv.cell(1)).to_have_attribute("aria-label", "Cell doubled")
    text = saved_file(rv, "def doubled(")
    assert "disabled=True" not in text


def test_markdown_cells_are_edited_as_markdown_and_saved_as_mo_md(rivulet):
    rv = rivulet
    page = rv.page
    rv.open_code(notebook_text("md_x = 1"))
    expect(rv.cells).to_have_count(1)
    page.get_by_role("button", name="Add markdown cell at end").click()
    # no cell imported marimo as mo: one that does is added first
    expect(rv.cells).to_have_count(3)
    expect(rv.cell(0)).to_contain_text("import marimo as mo")
    md = rv.cell(2).get_by_role("textbox", name="Markdown")
    expect(md).to_be_focused()
    page.keyboard.type("# Hello *there*")
    expect(rv.output(2).locator("h1")).to_have_text("Hello there")
    expect(rv.output(2).locator("em")).to_have_text("there")
    page.keyboard.press("Escape")  # closes the markdown editor: command mode on that cell
    expect(md).to_have_count(0)
    expect(rv.cell(2).locator(".cm-content")).to_be_hidden()  # no Python editor on show
    text = saved_file(rv, "# Hello *there*")
    assert 'mo.md(r"""\n    # Hello *there*\n    """)' in text

    # Enter edits it again
    page.keyboard.press("Enter")
    expect(rv.cell(2).get_by_role("textbox", name="Markdown")).to_have_text("# Hello *there*")
    page.keyboard.press("Escape")

    # converted to Python: the mo.md code shows; and back with "m"
    tool(rv, 2, "Convert to Python").click()
    expect(rv.cell(2).locator(".cm-content")).to_contain_text('mo.md(r"""')
    page.keyboard.press("Escape")
    page.keyboard.press("m")
    expect(rv.cell(2)).to_have_attribute("data-cell-kind", "markdown")

    # a Python cell converted to markdown becomes its text
    rv.cell(1).locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text("Some **bold** words")
    page.keyboard.press("Escape")
    page.keyboard.press("m")
    expect(rv.output(1).locator("strong")).to_have_text("bold")
    expect(rv.cells).to_have_count(3)  # mo is imported already: no second import cell


def test_drag_a_cell_by_its_handle_to_reorder(rivulet):
    rv = rivulet
    rv.open_code(notebook_text("'first'", "'second'", "'third'"))
    expect(rv.output(2)).to_have_text("'third'")
    handle = tool(rv, 2, "Drag to move the cell")
    box = rv.cell(0).bounding_box()
    handle.drag_to(rv.cell(0), target_position={"x": box["width"] / 2, "y": 5})
    expect(rv.output(0)).to_have_text("'third'")
    expect(rv.output(1)).to_have_text("'first'")
    text = saved_file(rv, "'second'")
    assert text.index("'third'") < text.index("'first'") < text.index("'second'")
