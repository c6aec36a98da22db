"""The command palette (issue 11): Ctrl/Cmd+Shift+P or Ctrl/Cmd+K lists every
command with its shortcut; typing filters, arrows move, Enter runs one,
Escape closes and gives focus back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import notebook_text, wait_until_cells

pytestmark = pytest.mark.e2e


def test_typing_a_few_letters_and_enter_runs_the_command(rivulet):
    rv, page = rivulet, rivulet.page
    rv.open_code(notebook_text("cp_a = 2", "cp_a * 21"))
    wait_until_cells(rv)
    expect(rv.output(1)).to_have_text("42")
    rv.set_code(0, "cp_a = 3")  # an edit, not run
    editor = rv.cell(0).locator(".cm-content")

    page.keyboard.press("ControlOrMeta+Shift+P")
    palette = page.get_by_role("dialog", name="Command palette")
    expect(palette).to_be_visible()
    search = palette.get_by_role("combobox", name="Type a command")
    expect(search).to_be_focused()
    options = palette.get_by_role("listbox", name="Commands").get_by_role("option")
    assert options.count() >= 15  # every command: cells, panels, file, sharing, settings, theme...
    expect(options.filter(has_text="Run all cells")).to_contain_text("Ctrl/Cmd+Shift+R")  # with its shortcut
    expect(options.filter(has_text="Save")).to_contain_text("Ctrl/Cmd+S")

    page.keyboard.type("rn al")
    expect(options.first).to_have_text("Run all cellsCtrl/Cmd+Shift+R")
    expect(options.first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(palette).to_be_hidden()
    expect(rv.output(1)).to_have_text("63")  # the edit ran, and its reader
    expect(editor).to_be_focused()


def test_arrows_move_the_active_option_and_escape_gives_focus_back(rivulet):
    rv, page = rivulet, rivulet.page
    rv.open_code(notebook_text("cq_a = 1"))
    wait_until_cells(rv)
    editor = rv.cell(0).locator(".cm-content")
    editor.click()
    page.keyboard.press("ControlOrMeta+K")
    palette = page.get_by_role("dialog", name="Command palette")
    search = palette.get_by_role("combobox")
    expect(search).to_be_focused()
    page.keyboard.type("add cell")
    options = palette.get_by_role("option")
    first_id = options.nth(0).get_attribute("id")
    expect(search).to_have_attribute("aria-activedescendant", first_id)
    page.keyboard.press("ArrowDown")
    expect(search).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    expect(search).to_have_attribute("aria-activedescendant", first_id)

    page.keyboard.press("Escape")
    expect(palette).to_be_hidden()
    expect(editor).to_be_focused()
    expect(rv.cells).to_have_count(1)  # nothing ran

    # a command with no match says so; the filter picks the settings dialog
    page.keyboard.press("ControlOrMeta+Shift+P")
    page.keyboard.type("zzqqxx")
    expect(palette.get_by_text("No command matches.")).to_be_visible()
    search.fill("settings")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Notebook settings")).to_be_visible()
    page.keyboard.press("Escape")
    expect(editor).to_be_focused()

    page.keyboard.press("ControlOrMeta+K")
    page.keyboard.type("add a cell at the end")
    page.keyboard.press("Enter")
    expect(rv.cells).to_have_count(2)
    expect(rv.cell(1).locator(".cm-content")).to_be_focused()
