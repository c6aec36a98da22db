"""A kernel that dies is detected: the page says what happened, offers a
restart, and keeps every line of code. Played for real in Chromium: a wasm
trap inside a C call, recursion deeper than the stack, and the kernel frame's
process stopping (as when the browser kills it for using too much memory).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_link, new_context, notebook_text

pytestmark = pytest.mark.e2e

KEEP = "kept = 'still here'"


def open_notebook(browser: Browser, site_url: str, *cells: str, wait: bool = True):
    """Open a notebook (the editor runs its cells on open)."""
    context = new_context(browser)
    page = context.new_page()
    rv = Rivulet(page, site_url).goto("#nb/" + encode_link(notebook_text(KEEP, *cells)))
    if wait:
        rv.wait_until_ready()
    return context, rv


def restart_and_check(rv: Rivulet, cells: int) -> None:
    """The notice's Restart brings a working kernel back, with the code on screen."""
    rv.notice.get_by_role("button", name="Restart kernel").click()
    rv.wait_until_ready()
    expect(rv.cells).to_have_count(cells)
    expect(rv.cell(0).locator(".cm-content")).to_have_text(KEEP)
    rv.run_cell(0, "kept = 'after the restart'\nkept")
    expect(rv.output(0)).to_contain_text("after the restart")


def test_a_wasm_trap_is_reported_and_the_code_kept(browser, site_url):
    trap = "import ctypes\nctypes.memset(0xFFFFFF00, 1, 4096)"
    context, rv = open_notebook(browser, site_url, trap, wait=False)
    try:
        expect(rv.page.locator("html")).to_have_attribute("data-kernel", "dead", timeout=BOOT_TIMEOUT)
        assert "ready" in rv.kernel_states()  # it was up, then died
        expect(rv.notice).to_contain_text("crashed")
        expect(rv.notice).to_contain_text("Your code is kept")
        expect(rv.cell(1).locator(".cm-content")).to_contain_text("ctypes.memset")
        restart_and_check(rv, 2)
    finally:
        context.close()


def test_recursion_deeper_than_the_stack_is_reported(browser, site_url):
    # Each level goes through C (sorted calls its key): the C stack, not only Python's frames.
    deep = "import sys\nsys.setrecursionlimit(10**6)\ndef down(n):\n    return sorted([n + 1], key=down)\ndown(0)"
    context, rv = open_notebook(browser, site_url, deep, wait=False)
    try:
        cell = rv.cell(1)
        # Either Python stops it (RecursionError in the cell, the kernel lives
        # on) or the stack overflows (the kernel stops, and the page says so).
        for _ in range(600):
            state = rv.page.locator("html").get_attribute("data-kernel")
            status = cell.get_attribute("data-status")
            if state == "dead" or status == "error":
                break
            rv.page.wait_for_timeout(100)
        if rv.page.locator("html").get_attribute("data-kernel") == "dead":
            expect(rv.notice).to_contain_text("stack overflowed")
            restart_and_check(rv, 2)
        else:
            expect(cell).to_have_attribute("data-status", "error")
            expect(cell.locator("[data-cell-output]")).to_contain_text("RecursionError")
            rv.run_cell(0, "kept = 'the kernel lives on'\nkept")
            expect(rv.output(0)).to_contain_text("the kernel lives on")
    finally:
        context.close()


def test_a_kernel_frame_that_stops_responding_is_detected(browser, site_url):
    context, rv = open_notebook(browser, site_url, "import time\nwhile True: time.sleep(0.05)")
    try:
        expect(rv.cell(1)).to_have_attribute("data-status", "running")
        frame = next(f for f in rv.page.frames if f.parent_frame is not None and f.url == "about:srcdoc")
        # The frame's own thread stops answering (as a crashed or killed process would).
        frame.evaluate("setTimeout(() => { const end = Date.now() + 120000; while (Date.now() < end) {} }, 0)")
        expect(rv.page.locator("html")).to_have_attribute("data-kernel", "dead", timeout=40_000)
        expect(rv.notice).to_contain_text("stopped responding")
        restart_and_check(rv, 2)
    finally:
        context.close()


def test_a_crash_while_freeing_a_deep_value_is_reported_not_left_running(browser, site_url):
    """`del` of a list nested 100,000 deep overflows the browser's stack inside
    CPython's deallocator (no Python frame can catch it)."""
    deep = "x = []\nfor _ in range(100_000):\n    x = [x]\ndel x"
    context, rv = open_notebook(browser, site_url, deep, "after = 1", wait=False)
    try:
        expect(rv.page.locator("html")).to_have_attribute("data-kernel", "dead", timeout=BOOT_TIMEOUT)
        expect(rv.notice).to_contain_text("stopped")
        expect(rv.notice).not_to_contain_text("running for more than")
        for i in range(3):
            assert rv.cell(i).get_attribute("data-status") not in ("running", "queued")
        restart_and_check(rv, 3)
    finally:
        context.close()
