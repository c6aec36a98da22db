"""Keyboard (issue 11): Ctrl/Cmd+S, command mode, Alt+Enter, the shortcut sheet.
On the session's shared page (one kernel); each test opens its own notebook."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

ACTIVE_CELL = "document.activeElement?.dataset?.cellId ?? null"
IN_EDITOR = "!!document.activeElement?.closest('.cm-content')"


def active_index(rv) -> int:
    """Index of the cell focused in command mode (-1 if none)."""
    return rv.page.evaluate(
        "[...document.querySelectorAll('[data-cell-id]')].indexOf(document.activeElement)"
    )


def open_and_click(rv, code: str) -> None:
    """Open a one-cell notebook and click into its editor."""
    rv.open_code(notebook_text(code))
    expect(rv.cell(0)).to_contain_text(code)
    rv.cell(0).locator(".cm-content").click()


def test_ctrl_s_saves_and_says_where(rivulet):
    rv = rivulet
    open_and_click(rv, "saved_here = 1")
    rv.page.keyboard.press("End")
    rv.page.keyboard.type("  # ctrl-s-3")
    rv.page.keyboard.press("ControlOrMeta+s")
    expect(rv.notice).to_be_visible()
    expect(rv.notice).to_contain_text("Saved in this browser")
    wait_for_js(rv.page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('ctrl-s-3')", timeout=3000)
    with rv.page.expect_download() as download:
        rv.notice.get_by_role("button", name="Download .py").click()
    assert download.value.suggested_filename.endswith(".py")


def test_command_mode_moves_adds_deletes_undoes_and_edits(rivulet):
    rv = rivulet
    page = rv.page
    rv.open_code(notebook_text("cm_a = 1", "cm_b = 2", "cm_c = 3"))
    expect(rv.cells).to_have_count(3)
    expect(rv.cell(2)).to_contain_text("cm_c")
    rv.cell(0).locator(".cm-content").click()
    page.keyboard.press("Escape")
    assert active_index(rv) == 0 and not page.evaluate(IN_EDITOR)
    # the focused cell shows a ring
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("j")
    assert active_index(rv) == 1
    page.keyboard.press("ArrowDown")
    assert active_index(rv) == 2
    page.keyboard.press("k")
    assert active_index(rv) == 1

    page.keyboard.press("b")  # a new cell below, focused in command mode
    expect(rv.cells).to_have_count(4)
    assert active_index(rv) == 2
    page.keyboard.press("a")  # and one above it
    expect(rv.cells).to_have_count(5)
    assert active_index(rv) == 2

    page.keyboard.press("d")
    page.keyboard.press("d")
    expect(rv.cells).to_have_count(4)
    page.keyboard.press("k")
    page.keyboard.press("d")
    page.keyboard.press("d")  # deletes cm_b
    expect(rv.cells).to_have_count(3)
    expect(page.locator("[data-cell-id]", has_text="cm_b")).to_have_count(0)
    page.keyboard.press("z")
    expect(rv.cell(1)).to_contain_text("cm_b = 2")
    assert active_index(rv) == 1

    # Enter edits; Escape leaves; Shift+Enter runs and moves on, still in command mode
    page.keyboard.press("ArrowDown")  # the empty cell
    page.keyboard.press("Enter")
    assert page.evaluate(IN_EDITOR)
    page.keyboard.insert_text("cm_d = cm_a + 40\ncm_d")
    page.keyboard.press("Escape")
    assert active_index(rv) == 2
    page.keyboard.press("Shift+Enter")
    expect(rv.output(2)).to_have_text("41")
    assert active_index(rv) == 3


def test_alt_enter_runs_and_inserts_a_cell_below(rivulet):
    rv = rivulet
    rv.open_code(notebook_text("alt_x = 6 * 7\nalt_x", "'last'"))
    expect(rv.cells).to_have_count(2)
    rv.cell(0).locator(".cm-content").click()
    rv.page.keyboard.press("Alt+Enter")
    expect(rv.output(0)).to_have_text("42")
    expect(rv.cells).to_have_count(3)
    assert rv.page.evaluate(IN_EDITOR)
    rv.page.keyboard.type("alt_x + 1")
    expect(rv.cell(1)).to_contain_text("alt_x + 1")
    expect(rv.cell(2)).to_contain_text("'last'")


def test_question_mark_shows_the_shortcut_sheet(rivulet):
    rv = rivulet
    open_and_click(rv, "sheet = 1")
    rv.page.keyboard.press("Escape")
    rv.page.keyboard.press("?")
    sheet = rv.page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(sheet).to_be_visible()
    expect(sheet).to_contain_text("command mode")
    expect(sheet).to_contain_text("Alt+Enter")
    rv.page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()
    assert active_index(rv) == 0  # back where it was
    rv.page.get_by_role("button", name="Keyboard shortcuts").click()
    expect(sheet).to_be_visible()
    sheet.get_by_role("button", name="Close").click()
    expect(sheet).to_be_hidden()
