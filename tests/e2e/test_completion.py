"""Completion, signature help and hover docs in a cell's editor (issue 11),
answered from the kernel's live namespace (jedi, shipped with the site and
loaded after the first run; a fallback meanwhile), even while a cell runs.
On the session's shared page; each test opens its own notebook."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, expect

from rivulet_e2e import RUN_TIMEOUT, notebook_text

pytestmark = pytest.mark.e2e

POPUP = ".cm-tooltip-autocomplete"
KERNEL_ANSWER = 20_000  # ms: the first answers may wait for jedi's loading on a busy machine


def open_cells(rv, *cells: str) -> None:
    rv.open_code(notebook_text(*cells))
    expect(rv.cells).to_have_count(len(cells))
    for i, code in enumerate(cells):
        expect(rv.cell(i)).to_contain_text(code.splitlines()[0])
        expect(rv.cell(i)).to_have_attribute("data-status", "idle", timeout=RUN_TIMEOUT)


def new_line_at_end(rv, index: int) -> Locator:
    """Put the cursor on a new last line of cell `index`; returns its editor."""
    content = rv.cell(index).locator(".cm-content")
    content.click()
    rv.page.keyboard.press("ControlOrMeta+End")
    rv.page.keyboard.press("Enter")
    rv.page.keyboard.press("Home")
    return content


def test_typing_an_attribute_offers_its_names_and_tab_inserts_one(rivulet):
    rv = rivulet
    open_cells(rv, "import math", "circle = 1")
    content = new_line_at_end(rv, 1)
    rv.page.keyboard.type("math.sq")
    popup = rv.page.locator(POPUP)
    expect(popup).to_be_visible(timeout=KERNEL_ANSWER)
    expect(popup.locator(".cm-completionLabel")).to_have_text(["sqrt"])  # math's names, not builtins
    rv.page.keyboard.press("Tab")
    expect(popup).to_have_count(0)
    expect(content).to_contain_text("math.sqrt")
    assert "math.sqrt" in content.inner_text().splitlines()[-1]


def test_typing_an_open_paren_shows_the_signature_with_the_active_parameter(rivulet):
    rv = rivulet
    open_cells(rv, "import math", "def scale(value, factor=2, *, unit='m'):\n    '''Scale a value.'''\n    return value * factor")
    new_line_at_end(rv, 1)
    rv.page.keyboard.type("math.sqrt(")
    signature = rv.page.locator(".cm-signature")
    expect(signature).to_be_visible(timeout=KERNEL_ANSWER)
    expect(signature).to_contain_text("sqrt(x")
    expect(signature.locator(".cm-signature-active")).to_have_text("x")
    rv.page.keyboard.press("Escape")  # closes the help, stays in the editor
    expect(signature).to_have_count(0)
    rv.page.keyboard.press("End")
    rv.page.keyboard.press("Enter")
    rv.page.keyboard.type("scale(3, ")
    expect(signature).to_contain_text("scale(value, factor=2")
    expect(signature.locator(".cm-signature-active")).to_have_text("factor=2")
    expect(signature).to_contain_text("Scale a value.")


def test_names_defined_by_other_cells_are_offered(rivulet):
    rv = rivulet
    open_cells(rv, "harbour_depth = 12", "harbour_width = 30", "total = 0")
    new_line_at_end(rv, 2)
    rv.page.keyboard.type("harbour_")
    popup = rv.page.locator(POPUP)
    expect(popup).to_be_visible(timeout=KERNEL_ANSWER)
    expect(popup).to_contain_text("harbour_depth")
    expect(popup).to_contain_text("harbour_width")


@pytest.mark.parametrize(
    "running",
    [
        "time.sleep(5)",  # the kernel answers between the sleep's waits
        "t0 = time.time()\nwhile time.time() - t0 < 5:\n    pass",  # Python is busy: the page answers
    ],
    ids=["sleeping", "busy"],
)
def test_completion_answers_while_another_cell_runs(rivulet, running):
    rv = rivulet
    open_cells(rv, "lagoon_size = 3", "import time", "lagoon_copy = 0")
    rv.run_cell(1, "import time\n" + running)
    expect(rv.cell(1)).to_have_attribute("data-status", "running")
    new_line_at_end(rv, 2)
    rv.page.keyboard.type("lagoon_s")
    popup = rv.page.locator(POPUP)
    expect(popup).to_be_visible(timeout=2_500)
    expect(popup).to_contain_text("lagoon_size")
    expect(rv.cell(1)).to_have_attribute("data-status", "running")  # answered during the run
    rv.page.keyboard.press("Escape")
    expect(rv.cell(1)).to_have_attribute("data-status", "idle", timeout=RUN_TIMEOUT)


def test_hovering_a_name_shows_its_docstring_as_text(rivulet):
    rv = rivulet
    doc = "Adds <b>one</b> &amp; returns it."
    open_cells(rv, f"def bump(a):\n    '''{doc}'''\n    return a + 1", "bumped = bump(2)")
    line = rv.cell(1).locator(".cm-line").first
    expect(line).to_have_text("bumped = bump(2)")
    # the pointer rests on "bump" (after "bumped = ") until the docs come
    box = line.evaluate(
        """(el) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          let at = 10, node;
          while ((node = walker.nextNode()) && at >= node.length) at -= node.length;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          const r = range.getBoundingClientRect();
          return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }"""
    )
    tooltip = rv.page.locator(".cm-hover-doc")
    rv.page.mouse.move(box["x"], box["y"])
    expect(tooltip).to_be_visible(timeout=KERNEL_ANSWER)
    expect(tooltip).to_contain_text(doc)  # the markup is shown, not rendered
    expect(tooltip.locator("b")).to_have_count(0)
    assert re.search(r"bump\(a\)", tooltip.inner_text())


def test_jedi_loads_offline_and_completes_what_the_fallback_cannot(rivulet):
    rv = rivulet
    open_cells(rv, "word = 'tide'")
    content = new_line_at_end(rv, 0)
    popup = rv.page.locator(POPUP)
    # a method of a literal needs jedi (the fallback never evaluates past a
    # literal): ask again until the kernel has it loaded
    for _attempt in range(6):
        rv.page.keyboard.type("'abc'.up")
        try:
            expect(popup).to_contain_text("upper", timeout=5_000)
            break
        except AssertionError:
            # take the text back (not Escape: with no popup open it leaves the editor for command mode)
            for _ in range(len("'abc'.up")):
                rv.page.keyboard.press("Backspace")
    expect(popup).to_contain_text("upper")
    rv.page.keyboard.press("Tab")
    expect(content).to_contain_text("'abc'.upper")
