"""Restarting the kernel: a cell stuck in `while True: pass` must not cost the notebook.

Plain static hosting has no SharedArrayBuffer, so there is no interrupt: the
trusted layer offers a restart, which boots a fresh worker and reopens the
cells on screen (unsaved edits included), stale in the editor.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from rivulet_e2e import BOOT_TIMEOUT, notebook_text, wait_for_js

NOTEBOOK = notebook_text("x = 1", "y = x + 1\nprint(y)", "z = 0")


def test_restart_unsticks_a_running_cell_and_keeps_the_code_on_screen(fresh_page, code_link):
    rv = fresh_page(code_link(NOTEBOOK))
    rv.wait_until_ready()
    expect(rv.console(1)).to_have_text("2")

    # An edit the stuck kernel will never save, then a cell that never ends.
    rv.set_code(0, "x = 41")
    rv.run_cell(2, "while True: pass")
    expect(rv.cell(2)).to_have_attribute("data-status", "running")
    expect(rv.cell(2).locator("[data-cell-elapsed]")).to_contain_text("running")
    expect(rv.notice).to_contain_text("restart the kernel")
    expect(rv.notice.get_by_role("button", name="Restart kernel")).to_be_visible()

    rv.header.get_by_role("button", name="Restart kernel").click()
    rv.wait_until_ready()
    assert rv.kernel_states()[-3:] == ["ready", "booting", "ready"]
    expect(rv.notice).to_contain_text("Kernel restarted: cells are stale")

    expect(rv.cells).to_have_count(4)  # Shift+Enter in the last cell added one
    codes = rv.page.locator("[data-cell-id] .cm-content")
    expect(codes.nth(0)).to_have_text("x = 41")
    expect(codes.nth(1)).to_have_text("y = x + 1print(y)")  # one element per line
    expect(codes.nth(2)).to_have_text("while True: pass")
    expect(codes.nth(3)).to_have_text("")
    for i in range(4):
        expect(rv.cell(i)).to_have_attribute("data-status", "stale")
    expect(rv.cell(2).locator("[data-cell-elapsed]")).to_be_empty()

    # Fixed, the cell runs in the new kernel, after its stale ancestor (with the edit).
    rv.run_cell(2, "z = x + 1\nprint(z)")
    expect(rv.console(2)).to_have_text("42")
    expect(rv.notice).to_be_hidden()
    expect(rv.page.locator("html")).to_have_attribute("data-kernel", "ready")
    wait_for_js(
        rv.page,
        "() => (JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text ?? '').includes('x = 41')",
        timeout=BOOT_TIMEOUT,
    )


def test_restart_in_read_mode_runs_the_app_again(fresh_page, code_link):
    """The app view has no Restart button (an editor action); a slow cell offers it."""
    slow = notebook_text("import time\nstamp = time.time_ns()\nstamp", "time.sleep(4)\n'slept'")
    rv = fresh_page("?mode=read" + code_link(slow))
    rv.wait_until_ready()
    expect(rv.output(0)).to_have_text(re.compile(r"^\s*\d+\s*$"))
    before = rv.output(0).inner_text()
    expect(rv.header.get_by_role("button", name="Restart kernel")).to_have_count(0)
    rv.notice.get_by_role("button", name="Restart kernel").click()
    rv.wait_until_ready()
    assert rv.kernel_states()[-3:] == ["ready", "booting", "ready"]
    expect(rv.output(0)).not_to_have_text(before)  # the new kernel ran it again
    expect(rv.output(0)).to_have_text(re.compile(r"^\s*\d+\s*$"))
    expect(rv.output(1)).to_contain_text("slept", timeout=BOOT_TIMEOUT)
    expect(rv.notice).to_be_hidden()
