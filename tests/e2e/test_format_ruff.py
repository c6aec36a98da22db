"""Format a cell / the notebook with Ruff in the browser (issue 11): Ctrl/Cmd+B
and Ctrl/Cmd+Shift+B (marimo's keys) or the command palette. The formatter
(its chunk and .wasm) loads only on the first format, under the site's CSP,
and the service worker keeps it for offline use. One undoable edit per cell;
markdown cells and cells Ruff cannot parse stay as they are."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, notebook_text, wait_for_js, wait_until_cells

pytestmark = pytest.mark.e2e

MD = 'mo.md(r"""\n# Title   with  spaces\n""")'


def test_format_cell_loads_ruff_on_first_use_and_ctrl_z_restores(fresh_page, code_link):
    rv = fresh_page(code_link(notebook_text("import marimo as mo", "fmt_x=[1,2 ,3]", MD)))
    page = rv.page
    wasm = []
    page.on("request", lambda r: "ruff_wasm" in r.url and wasm.append(r.url))
    page.on("console", lambda m: m.type == "error" and print("console:", m.text))
    wait_until_cells(rv)
    page.evaluate("navigator.serviceWorker.ready")
    wait_for_js(page, "!!navigator.serviceWorker.controller", timeout=BOOT_TIMEOUT)
    assert wasm == []  # nothing of Ruff before the first format

    editor = rv.cell(1).locator(".cm-content")
    editor.click()
    started = time.monotonic()
    page.keyboard.press("ControlOrMeta+B")
    expect(editor).to_have_text("fmt_x = [1, 2, 3]")
    print(f"first format (fetch + compile + format): {time.monotonic() - started:.2f} s")
    assert len(wasm) == 1 and wasm[0].endswith(".wasm")
    expect(rv.notice).to_contain_text("Cell formatted")
    # the edit reaches the autosave like typing does
    wait_for_js(page, "JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text.includes('fmt_x = [1, 2, 3]')")
    expect(rv.cell(1)).to_have_attribute("data-edited", "true")

    expect(editor).to_be_focused()
    page.keyboard.press("ControlOrMeta+Z")  # one edit: one undo restores the code
    expect(editor).to_have_text("fmt_x=[1,2 ,3]")

    # the service worker kept the .wasm (cache first, fetched on first use)
    wait_for_js(page, f"caches.match({wasm[0]!r}).then((r) => !!r)")
    # a second format needs no download
    page.keyboard.press("ControlOrMeta+B")
    expect(editor).to_have_text("fmt_x = [1, 2, 3]")
    assert len(wasm) == 1

    # a markdown cell is left alone, and the user is told why
    page.keyboard.press("Escape")  # command mode on this cell; j: the markdown cell
    page.keyboard.press("j")
    expect(rv.cell(2)).to_be_focused()
    page.keyboard.press("ControlOrMeta+K")
    page.keyboard.type("format cell")
    options = page.get_by_role("dialog", name="Command palette").get_by_role("option")
    expect(options.first).to_contain_text("Ctrl/Cmd+B")
    page.keyboard.press("Enter")
    expect(rv.notice).to_contain_text("Markdown cells are not formatted")
    expect(rv.output(2).locator("h1")).to_have_text("Title with spaces")


def test_format_all_leaves_a_cell_with_a_syntax_error_unchanged_and_says_so(fresh_page, code_link):
    rv = fresh_page(code_link(notebook_text("import marimo as mo", "fa_a=1", MD, "fa_b = 2")))
    page = rv.page
    wait_until_cells(rv)
    rv.set_code(3, "fa_b = (1,\nfa_c=3")  # cannot parse
    page.keyboard.press("ControlOrMeta+Shift+B")
    expect(rv.notice).to_contain_text("1 cell formatted")
    expect(rv.notice).to_contain_text("Cell 4")
    expect(rv.notice).to_contain_text("cannot parse")
    expect(rv.notice).to_contain_text("line 2")
    expect(rv.cell(1).locator(".cm-content")).to_have_text("fa_a = 1")
    expect(rv.cell(3).locator(".cm-content")).to_contain_text("fa_b = (1,fa_c=3")  # two lines, unchanged
    expect(rv.output(2).locator("h1")).to_have_text("Title with spaces")
    text = wait_for_js(page, "(JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text ?? '').includes('fa_a = 1') && JSON.parse(localStorage.getItem('rivulet:autosave')).text")
    assert "# Title   with  spaces" in text  # markdown as written

    # from the palette too, listed with its key; the sheet lists both keys
    page.keyboard.press("ControlOrMeta+K")
    page.keyboard.type("format all")
    palette = page.get_by_role("dialog", name="Command palette")
    expect(palette.get_by_role("option").first).to_contain_text("Format all cells (Ruff)Ctrl/Cmd+Shift+B")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Keyboard shortcuts").first.click()
    sheet = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(sheet).to_contain_text("format the cell (Ruff)")
    expect(sheet).to_contain_text("format all cells (Ruff)")
