"""Editing in the notebook view, end to end: the built site in Chromium.

One page (one Pyodide boot) serves the edit-mode tests of this module; each
test adds the cells it needs with the UI and uses its own variable names, so
the tests do not depend on each other's cells.
"""

from __future__ import annotations

import re

import pytest
from rivulet_e2e import encode_code
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

BOOT_TIMEOUT = 60_000
RUN_TIMEOUT = 15_000

NOTEBOOK = '''import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    base = 1
    return (base,)


@app.cell
def _(base):
    doubled = base * 2
    doubled
    return (doubled,)


@app.cell
def _():
    import time
    stamp = time.time_ns()
    stamp
    return (stamp,)


if __name__ == "__main__":
    app.run()
'''


# -- helpers -----------------------------------------------------------------


def notebook_url(site_url: str, text: str, mode: str = "edit") -> str:
    payload = encode_code(text)
    query = "?mode=read" if mode == "read" else ""
    return f"{site_url.rstrip('/')}/index.html{query}#code/{payload}"


def cells(page: Page) -> Locator:
    return page.locator("[data-cell-id]")


def cell_ids(page: Page) -> list[str]:
    return cells(page).evaluate_all("els => els.map(e => e.dataset.cellId)")


def cell(page: Page, cell_id: str) -> Locator:
    return page.locator(f'[data-cell-id="{cell_id}"]')


def output(c: Locator) -> Locator:
    return c.locator("[data-cell-output]")


def editor(c: Locator) -> Locator:
    return c.get_by_role("textbox", name="Cell code")


def focused_cell_id(page: Page) -> str | None:
    return page.evaluate("document.activeElement?.closest('[data-cell-id]')?.dataset.cellId ?? null")


def add_cell(page: Page, code: str) -> Locator:
    """Add a cell at the end with the toolbar button and type its code."""
    before = set(cell_ids(page))
    page.get_by_role("button", name="Add cell at end").click()
    expect(cells(page)).to_have_count(len(before) + 1)
    (new_id,) = set(cell_ids(page)) - before
    assert re.fullmatch(r"[A-Za-z]{4}", new_id)
    c = cell(page, new_id)
    expect(editor(c)).to_be_focused()
    type_code(page, code)
    return c


def type_code(page: Page, code: str) -> None:
    lines = code.split("\n")
    for i, line in enumerate(lines):
        page.keyboard.type(line)
        if i < len(lines) - 1:
            page.keyboard.press("Enter")
            page.keyboard.press("Home")  # undo auto-indent: lines here are flush left


def replace_code(page: Page, c: Locator, code: str) -> None:
    editor(c).click()
    page.keyboard.press("ControlOrMeta+a")
    type_code(page, code)


def wait_idle(c: Locator) -> None:
    expect(c).to_have_attribute("data-status", re.compile("idle|error"), timeout=RUN_TIMEOUT)


# -- fixtures ----------------------------------------------------------------


@pytest.fixture(scope="module")
def nb(browser, site_url) -> Page:
    """One edit-mode page with NOTEBOOK open and run, shared by this module."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(notebook_url(site_url, NOTEBOOK))
    page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
    expect(cells(page)).to_have_count(3)
    expect(output(cells(page).nth(1))).to_have_text("2", timeout=RUN_TIMEOUT)
    yield page
    context.close()


# -- tests -------------------------------------------------------------------


def test_the_first_cells_buttons_are_clickable_under_the_toolbar(nb: Page):
    nb.evaluate("window.scrollTo(0, 0)")
    first = cells(nb).first
    first.hover()
    button = first.get_by_role("button", name="Delete cell")
    expect(button).to_be_visible()
    box = button.bounding_box()
    hit = nb.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.closest('button')?.getAttribute('aria-label')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit == "Delete cell"


def test_shift_enter_runs_the_cell_and_its_readers_update_while_others_keep_outputs(nb: Page):
    first, reader, unrelated = (cell(nb, i) for i in cell_ids(nb)[:3])
    expect(output(unrelated)).not_to_be_empty()
    stamp = output(unrelated).inner_text()

    replace_code(nb, first, "base = 20")
    expect(first).to_have_attribute("data-edited", "true")
    nb.keyboard.press("Shift+Enter")

    expect(output(reader)).to_have_text("40", timeout=RUN_TIMEOUT)
    expect(first).not_to_have_attribute("data-edited", "true")
    assert output(unrelated).inner_text() == stamp
    # Shift+Enter moves to the next cell
    assert focused_cell_id(nb) == reader.get_attribute("data-cell-id")


def test_ctrl_enter_and_the_run_button_run_a_cell_in_place(nb: Page):
    c = add_cell(nb, "k_value = 7\nk_value * 6")
    expect(c).to_have_attribute("data-edited", "true")
    nb.keyboard.press("ControlOrMeta+Enter")
    expect(output(c)).to_have_text("42", timeout=RUN_TIMEOUT)
    expect(c).not_to_have_attribute("data-edited", "true")
    assert focused_cell_id(nb) == c.get_attribute("data-cell-id")

    replace_code(nb, c, "k_value = 8\nk_value * 6")
    expect(c).to_have_attribute("data-edited", "true")
    c.get_by_role("button", name="Run cell").click()
    expect(output(c)).to_have_text("48", timeout=RUN_TIMEOUT)
    expect(c).not_to_have_attribute("data-edited", "true")


def test_shift_enter_in_the_last_cell_adds_a_new_cell(nb: Page):
    add_cell(nb, "last_one = 1")
    count = cells(nb).count()
    nb.keyboard.press("Shift+Enter")
    expect(cells(nb)).to_have_count(count + 1)
    new_id = cell_ids(nb)[-1]
    assert focused_cell_id(nb) == new_id


def test_reactive_rerun_marks_readers_queued_or_running(nb: Page):
    source = add_cell(nb, "slow_in = 1")
    nb.keyboard.press("ControlOrMeta+Enter")
    wait_idle(source)
    reader = add_cell(nb, "import time as _t\n_t.sleep(0.6)\nslow_in + 1")
    nb.keyboard.press("ControlOrMeta+Enter")
    expect(output(reader)).to_have_text("2", timeout=RUN_TIMEOUT)

    replace_code(nb, source, "slow_in = 5")
    nb.keyboard.press("ControlOrMeta+Enter")
    expect(reader).to_have_attribute("data-status", re.compile("queued|running"), timeout=RUN_TIMEOUT)
    expect(output(reader)).to_have_text("6", timeout=RUN_TIMEOUT)
    wait_idle(reader)


def test_stdout_appears_under_the_cell_and_stderr_is_distinguished(nb: Page):
    c = add_cell(nb, 'import sys\nprint("hello out")\nprint("oh no", file=sys.stderr)')
    nb.keyboard.press("ControlOrMeta+Enter")
    console = c.locator("[data-cell-console]")
    expect(console).to_contain_text("hello out", timeout=RUN_TIMEOUT)
    expect(console.locator('[data-stream="stderr"]')).to_contain_text("oh no")
    expect(console.locator('[data-stream="stdout"]')).not_to_contain_text("oh no")
    # re-running clears the console first
    c.get_by_role("button", name="Run cell").click()
    wait_idle(c)
    expect(console).to_contain_text("hello out", timeout=RUN_TIMEOUT)
    assert console.inner_text().count("hello out") == 1


def test_an_exception_shows_a_traceback_pointing_at_the_cells_line(nb: Page):
    c = add_cell(nb, "ok_line = 1\nboom = 1 / 0")
    nb.keyboard.press("ControlOrMeta+Enter")
    expect(c).to_have_attribute("data-status", "error", timeout=RUN_TIMEOUT)
    alert = c.get_by_role("alert")
    expect(alert).to_contain_text("ZeroDivisionError")
    cid = c.get_attribute("data-cell-id")
    link = alert.get_by_role("button", name=f"cell {cid}, line 2")
    expect(link).to_be_visible()
    link.click()
    expect(editor(c)).to_be_focused()


def test_multiple_definitions_name_the_variable_and_both_cells(nb: Page):
    a = add_cell(nb, "twice = 1")
    nb.keyboard.press("ControlOrMeta+Enter")
    wait_idle(a)
    b = add_cell(nb, "twice = 2")
    nb.keyboard.press("ControlOrMeta+Enter")
    a_id, b_id = a.get_attribute("data-cell-id"), b.get_attribute("data-cell-id")
    expect(b.get_by_role("alert")).to_contain_text("twice", timeout=RUN_TIMEOUT)
    expect(b.get_by_role("alert")).to_contain_text(a_id)
    # running the first definer again: its error names the other cell too
    a.get_by_role("button", name="Run cell").click()
    expect(a.get_by_role("alert")).to_contain_text(b_id, timeout=RUN_TIMEOUT)
    # the cell reference is a link to the other cell
    b.get_by_role("alert").get_by_role("button", name=f"cell {a_id}").click()
    expect(editor(a)).to_be_focused()


def test_a_cycle_is_explained(nb: Page):
    a = add_cell(nb, "cyc_a = cyc_b + 1")
    b = add_cell(nb, "cyc_b = cyc_a + 1")
    nb.get_by_role("button", name="Run all cells").click()
    for c in (a, b):
        alert = c.get_by_role("alert")
        expect(alert).to_contain_text("cycle", timeout=RUN_TIMEOUT)
        expect(alert).to_contain_text("cyc_a")
        expect(alert).to_contain_text("cyc_b")


def test_add_move_and_delete_cells_with_undo(nb: Page):
    top = add_cell(nb, "moved_x = 3")
    nb.keyboard.press("ControlOrMeta+Enter")
    wait_idle(top)
    reader = add_cell(nb, "moved_x * 2")
    nb.keyboard.press("ControlOrMeta+Enter")
    expect(output(reader)).to_have_text("6", timeout=RUN_TIMEOUT)
    top_id, reader_id = top.get_attribute("data-cell-id"), reader.get_attribute("data-cell-id")

    # add below / above with the cell's buttons
    n = cells(nb).count()
    top.hover()
    top.get_by_role("button", name="Add cell below").click()
    expect(cells(nb)).to_have_count(n + 1)
    ids = cell_ids(nb)
    below_id = ids[ids.index(top_id) + 1]
    assert below_id != reader_id
    cell(nb, below_id).get_by_role("button", name="Add cell above").click()
    expect(cells(nb)).to_have_count(n + 2)
    ids = cell_ids(nb)
    assert ids.index(top_id) + 2 == ids.index(below_id)

    # empty cells go without asking
    for blank in (ids[ids.index(top_id) + 1], below_id):
        cell(nb, blank).get_by_role("button", name="Delete cell").click()
    expect(cells(nb)).to_have_count(n)

    # move the reader above its source and back
    cell(nb, reader_id).get_by_role("button", name="Move cell up").click()
    ids = cell_ids(nb)
    assert ids.index(reader_id) + 1 == ids.index(top_id)
    cell(nb, reader_id).get_by_role("button", name="Move cell down").click()
    ids = cell_ids(nb)
    assert ids.index(top_id) + 1 == ids.index(reader_id)

    # deleting a cell removes its definitions: the reader re-runs and fails
    top.get_by_role("button", name="Delete cell").click()
    expect(cell(nb, top_id)).to_have_count(0)
    expect(cell(nb, reader_id).get_by_role("alert")).to_contain_text("moved_x", timeout=RUN_TIMEOUT)

    # a non-empty cell can be brought back
    nb.get_by_role("button", name="Undo").click()
    expect(cell(nb, top_id)).to_have_count(1)
    assert editor(cell(nb, top_id)).inner_text() == "moved_x = 3"
    expect(cell(nb, top_id)).to_have_attribute("data-edited", "true")
    cell(nb, top_id).get_by_role("button", name="Run cell").click()
    expect(output(cell(nb, reader_id))).to_have_text("6", timeout=RUN_TIMEOUT)


def test_keyboard_adds_moves_and_deletes_cells(nb: Page):
    c = add_cell(nb, "kb_cell = 1")
    cid = c.get_attribute("data-cell-id")
    n = cells(nb).count()
    nb.keyboard.press("ControlOrMeta+Shift+k")  # add above
    expect(cells(nb)).to_have_count(n + 1)
    ids = cell_ids(nb)
    above = ids[ids.index(cid) - 1]
    assert focused_cell_id(nb) == above
    nb.keyboard.press("Shift+Backspace")  # deletes the empty cell
    expect(cells(nb)).to_have_count(n)
    editor(c).click()
    nb.keyboard.press("ControlOrMeta+Shift+9")  # move up
    ids2 = cell_ids(nb)
    assert ids2.index(cid) == ids.index(cid) - 2
    nb.keyboard.press("ControlOrMeta+Shift+0")  # move down
    assert cell_ids(nb).index(cid) == ids.index(cid) - 1


def test_read_mode_shows_outputs_without_code(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(notebook_url(site_url, NOTEBOOK, mode="read"))
        page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
        expect(output(cells(page).nth(1))).to_have_text("2", timeout=RUN_TIMEOUT)
        expect(page.get_by_role("textbox", name="Cell code")).to_have_count(0)
        expect(page.get_by_role("button", name="Run cell")).to_have_count(0)
        expect(cells(page).first).to_be_hidden()  # no output, no space
    finally:
        context.close()
