"""Stopping a running cell on a plain static server (no COOP/COEP headers: no
SharedArrayBuffer), with the Stop buttons and Ctrl/Cmd+.; input() prompts.

Running Python is interrupted through a flag the kernel's sandboxed frame
holds (a blob: URL the worker reads by a synchronous XHR; the frame revokes
it), waiting Python by a message to the worker; a cell that nothing stops is force-stopped: a fresh worker, the lost
values computed again.  See web/src/shell/interrupt.js.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from kernel_py.host.static_server import StaticHandler, make_static_server, serve_in_thread
from playwright.sync_api import Browser, expect
from rivulet_e2e import BOOT_TIMEOUT, DIST, KERNEL_STATES_PROBE, Rivulet, encode_code, new_context, notebook_text

STOP_TIMEOUT = 1_500  # ms: an interrupt that is not a force stop (the target is 300 ms)


@pytest.fixture(scope="module")
def rv(browser: Browser, site_url: str) -> Iterator[Rivulet]:
    """One page for the module, booted once."""
    context = new_context(browser)
    page = context.new_page()
    rv = Rivulet(page, site_url).goto("#code/" + encode_code(notebook_text("x = 1")))
    rv.wait_until_ready()
    yield rv
    context.close()


def open_cells(rv: Rivulet, *cells: str) -> None:
    """Open a notebook (the editor runs it on open)."""
    rv.open_code(notebook_text(*cells))
    expect(rv.cells).to_have_count(len(cells))
    for i, code in enumerate(cells):
        expect(rv.cell(i).locator(".cm-content, .code-placeholder").first).to_contain_text(code.splitlines()[0])
    rv.wait_until_ready()


def stop_and_time(rv: Rivulet, index: int, how: str, force: bool = False) -> float:
    """Stop the running cell `index` (by `how`); seconds until it shows KeyboardInterrupt.
    Unless `force`, the kernel must not have been replaced to do it."""
    expect(rv.cell(index)).to_have_attribute("data-status", "running")
    states = rv.kernel_states()
    rv.page.wait_for_timeout(400)  # really running
    start = time.monotonic()
    if how == "cell":
        rv.cell(index).get_by_role("button", name="Stop cell").click()
    elif how == "toolbar":
        rv.page.get_by_role("toolbar", name="Notebook actions").get_by_role("button", name="Stop").click()
    else:
        rv.page.keyboard.press("ControlOrMeta+.")
    expect(rv.cell(index)).to_have_attribute("data-status", "error", timeout=15_000)
    elapsed = time.monotonic() - start
    expect(rv.output(index)).to_contain_text("KeyboardInterrupt")
    if not force:
        assert rv.kernel_states() == states, "the kernel was replaced"
    return elapsed


def assert_usable(rv: Rivulet, index: int) -> None:
    rv.run_cell(index, "print('still here', 6 * 7)")
    expect(rv.console(index)).to_have_text("still here 42")


def test_while_true_is_interrupted_from_the_cells_stop_button(rv: Rivulet):
    open_cells(rv, "x = 1", "y = x + 1\nwhile True: pass")
    elapsed = stop_and_time(rv, 1, "cell")
    assert elapsed * 1000 < STOP_TIMEOUT, elapsed
    expect(rv.cell(1).get_by_role("button", name="Stop cell")).to_be_hidden()
    assert_usable(rv, 1)


def test_time_sleep_is_interrupted_from_the_toolbar(rv: Rivulet):
    open_cells(rv, "import time", "time.sleep(1000)")
    elapsed = stop_and_time(rv, 1, "toolbar")
    assert elapsed * 1000 < STOP_TIMEOUT, elapsed
    # the sleep still sleeps when nobody interrupts it
    rv.run_cell(1, "t0 = time.time(); time.sleep(0.3); print(round(time.time() - t0, 1))")
    expect(rv.console(1)).to_have_text("0.3")


def test_await_asyncio_sleep_is_cancelled_with_the_shortcut(rv: Rivulet):
    open_cells(rv, "import asyncio", "await asyncio.sleep(1000)")
    elapsed = stop_and_time(rv, 1, "shortcut")
    assert elapsed * 1000 < STOP_TIMEOUT, elapsed
    rv.run_cell(1, "await asyncio.sleep(0.05)\nprint('awaited')")
    expect(rv.console(1)).to_have_text("awaited")


def test_catastrophic_regex_is_interrupted(rv: Rivulet):
    open_cells(rv, "import re", "re.match(r'(a+)+$', 'a' * 40 + 'b')")
    elapsed = stop_and_time(rv, 1, "cell")
    assert elapsed * 1000 < STOP_TIMEOUT, elapsed
    assert_usable(rv, 1)


def test_descendants_are_marked_and_the_rest_of_the_run_waits(rv: Rivulet):
    open_cells(rv, "a = 1", "b = a + 1\nwhile True: pass", "c = b + 1", "d = a * 10\nprint(d)")
    # b runs (and sticks); c and d are queued behind it
    expect(rv.cell(1)).to_have_attribute("data-status", "running")
    expect(rv.cell(2)).to_have_attribute("data-status", "queued")
    stop_and_time(rv, 1, "shortcut")
    expect(rv.output(2)).to_contain_text("ancestor failed")
    expect(rv.cell(3)).to_have_attribute("data-status", "stale")  # not a descendant: it waits
    rv.run_cell(3)
    expect(rv.console(3)).to_have_text("10")


def test_infinite_loop_in_a_widgets_on_change_is_interrupted(rv: Rivulet):
    open_cells(
        rv,
        "import marimo as mo",
        "def spin(value):\n    while True: pass\n\nbox = mo.ui.checkbox(label='spin', on_change=spin)\nbox",
        "print('box is', box.value)",
    )
    expect(rv.cell(1).get_by_role("checkbox", name="spin")).to_be_visible()
    expect(rv.console(2)).to_have_text("box is False")
    rv.cell(1).get_by_role("checkbox", name="spin").check()
    rv.page.wait_for_timeout(600)
    states = rv.kernel_states()
    start = time.monotonic()
    rv.page.get_by_role("toolbar", name="Notebook actions").get_by_role("button", name="Stop").click()
    expect(rv.console(1)).to_contain_text("KeyboardInterrupt")
    assert (time.monotonic() - start) * 1000 < STOP_TIMEOUT + 1000
    expect(rv.console(1)).to_contain_text("on_change interrupted")
    assert rv.kernel_states() == states, "the kernel was replaced"
    assert_usable(rv, 2)


def test_force_stop_replaces_the_worker_and_reruns_only_lost_values(rv: Rivulet):
    """sum(range(10**12)) is one C call: nothing but a new worker stops it."""
    open_cells(
        rv,
        "import time\nbase = 40\nstamp = time.time_ns()\nprint('base ran')",
        "two = base + 2\nprint('two is', two)",
        "huge = base",
        "after = huge + 1",
        "fails = 1 / 0",
    )
    expect(rv.console(1)).to_have_text("two is 42")
    expect(rv.output(4)).to_contain_text("ZeroDivisionError")
    rv.run_cell(2, "huge = sum(range(10**12)) + base")
    states = len(rv.kernel_states())
    start = time.monotonic()
    stop_and_time(rv, 2, "cell", force=True)
    elapsed = time.monotonic() - start
    assert elapsed < 5, elapsed
    expect(rv.output(2)).to_contain_text("the kernel was restarted")
    rv.wait_until_ready()
    assert rv.kernel_states()[states - 1 :] == ["ready", "booting", "ready"]
    # the lost values came back, in graph order: base, then two
    expect(rv.cell(0)).to_have_attribute("data-status", "idle", timeout=BOOT_TIMEOUT)
    expect(rv.console(0)).to_have_text("base ran")
    expect(rv.cell(1)).to_have_attribute("data-status", "idle")
    expect(rv.console(1)).to_have_text("two is 42")
    # the stopped cell is marked, its descendant waits; a failed cell keeps its error
    expect(rv.cell(2)).to_have_attribute("data-status", "error")
    expect(rv.cell(3)).to_have_attribute("data-status", "stale")
    expect(rv.output(4)).to_contain_text("ZeroDivisionError")
    expect(rv.cell(4)).to_have_attribute("data-status", "stale")
    codes = rv.page.locator("[data-cell-id] .cm-content")
    expect(codes.nth(2)).to_have_text("huge = sum(range(10**12)) + base")
    rv.run_cell(2, "huge = base * 2")
    expect(rv.cell(3)).to_have_attribute("data-status", "idle")
    assert_usable(rv, 4)


def test_input_is_answered_in_a_prompt_under_the_cell(rv: Rivulet):
    open_cells(rv, "name = input('Your name? ')\nprint('hello', name)", "print(name.upper())")
    field = rv.cell(0).get_by_role("textbox", name="Your name?")
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    field.fill("Ada")
    field.press("Enter")
    expect(rv.console(0)).to_have_text(re.compile(r"Your name\? Ada\s*hello Ada"))
    expect(field).to_have_count(0)
    expect(rv.console(1)).to_have_text("ADA")


def test_input_is_interrupted(rv: Rivulet):
    open_cells(rv, "answer = input('Continue? ')", "print(answer)")
    field = rv.cell(0).get_by_role("textbox", name="Continue?")
    expect(field).to_be_visible()
    elapsed = stop_and_time(rv, 0, "toolbar")
    assert elapsed * 1000 < STOP_TIMEOUT, elapsed
    expect(field).to_have_count(0)
    expect(rv.output(1)).to_contain_text("ancestor failed")
    assert_usable(rv, 1)


def test_a_long_cell_shows_elapsed_time_and_other_cells_stay_editable(rv: Rivulet):
    open_cells(rv, "import time", "time.sleep(1000)", "z = 1")
    expect(rv.cell(1).locator("[data-cell-elapsed]")).to_have_text(re.compile(r"running [2-9] s"), timeout=5_000)
    rv.set_code(2, "z = 2  # edited while another cell runs")
    expect(rv.cell(2).locator(".cm-content")).to_have_text("z = 2  # edited while another cell runs")
    stop_and_time(rv, 1, "cell")
    expect(rv.cell(1).locator("[data-cell-elapsed]")).to_be_empty()


def test_stop_inside_an_embed_iframe_on_another_origin(browser: Browser, site_url: str, tmp_path):
    """An embed never gets SharedArrayBuffer (its parent is not isolated), and
    its storage may be blocked: the frame's flag interrupts it all the same,
    from the app view's Stop button."""
    src = site_url + "?mode=read&embed=true#code/" + encode_code(notebook_text("x = 1", "y = x\nwhile True: y += 1"))
    (tmp_path / "page.html").write_text(f'<!doctype html><title>host</title><iframe src="{src}" width="900" height="600"></iframe>')
    host = serve_in_thread(tmp_path)
    context = new_context(browser)
    try:
        page = context.new_page()
        # Another origin (port) of the same site: this browser blocks a cross-site
        # frame's storage, and the page does not boot without localStorage yet.
        page.goto(host.url + "page.html")
        frame = page.frame_locator("iframe")
        expect(frame.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        inner = next(f for f in page.frames if f.url.startswith(site_url))
        assert inner.evaluate("crossOriginIsolated") is False
        cell = frame.locator("[data-cell-id]").nth(1)
        expect(cell).to_have_attribute("data-status", "running")
        states = inner.evaluate("window.__kernelStates")
        start = time.monotonic()
        cell.get_by_role("button", name="Stop cell").click()
        expect(cell).to_have_attribute("data-status", "error")
        assert time.monotonic() - start < STOP_TIMEOUT / 1000
        expect(cell.locator("[data-cell-output]")).to_contain_text("KeyboardInterrupt")
        assert inner.evaluate("window.__kernelStates") == states, "the kernel was replaced"
    finally:
        context.close()
        host.shutdown()
        host.server_close()


class IsolatingHandler(StaticHandler):
    """A host that sends COOP/COEP: the page is cross-origin isolated."""

    def end_headers(self) -> None:
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()


def test_a_cross_origin_isolated_page_interrupts_too(browser: Browser):
    import threading

    server = make_static_server(DIST, handler=IsolatingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(service_workers="block")  # no service worker either
    context.add_init_script(KERNEL_STATES_PROBE)
    try:
        rv = Rivulet(context.new_page(), server.url).goto("#code/" + encode_code(notebook_text("x = 1", "y = x\nwhile True: y += 1")))
        rv.wait_until_ready()
        assert rv.page.evaluate("crossOriginIsolated") is True
        assert rv.page.evaluate("navigator.serviceWorker.controller") is None
        elapsed = stop_and_time(rv, 1, "cell")
        assert elapsed * 1000 < STOP_TIMEOUT, elapsed
        assert_usable(rv, 1)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
