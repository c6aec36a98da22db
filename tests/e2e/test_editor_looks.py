"""Looks (issue 11): the whole page follows the theme, the first cell's name
is never covered, the bracket-match highlight only in the focused editor."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import encode_code, notebook_text

pytestmark = pytest.mark.e2e

LUMINANCE = """el => {
  const [r, g, b] = getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""

NAMED = """import marimo

app = marimo.App()


@app.cell
def first_named_cell():
    pair = (1, [2, 3])
    return (pair,)


@app.cell
def _(pair):
    pair
    return


if __name__ == "__main__":
    app.run()
"""


def test_dark_theme_turns_the_header_and_notices_dark_too(fresh_page):
    # the system is light (Playwright's default); the URL asks for dark
    rv = fresh_page("?theme=dark#code/" + encode_code(notebook_text("themed = 1")))
    rv.wait_until_ready()
    page = rv.page
    assert page.locator("html").evaluate(LUMINANCE) < 0.2
    assert page.locator("#rv-download").evaluate(LUMINANCE) < 0.25
    assert page.locator("#rv-name").evaluate("el => getComputedStyle(el).color") != "rgb(0, 0, 0)"
    rv.cell(0).locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+s")  # an info notice
    expect(rv.notice).to_be_visible()
    assert rv.notice.evaluate(LUMINANCE) < 0.25
    assert rv.cell(0).evaluate(LUMINANCE) < 0.2


def test_the_first_cells_name_is_not_covered_by_the_toolbar_or_its_tools(rivulet):
    rv = rivulet
    rv.open_code(NAMED)
    tag = rv.cell(0).locator(".cell-name")
    expect(tag).to_have_text("first_named_cell")
    rv.page.evaluate("scrollTo(0, 0)")
    rv.cell(0).hover()  # its tools show
    covered = tag.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                   return !(hit === el || el.contains(hit)); }"""
    )
    assert not covered
    run_all = rv.page.get_by_role("button", name="Run all cells").bounding_box()
    box = tag.bounding_box()
    assert box["x"] + box["width"] < run_all["x"] or box["y"] > run_all["y"] + run_all["height"]


def test_the_bracket_match_shows_only_in_the_focused_editor(rivulet):
    rv = rivulet
    rv.open_code(NAMED)
    expect(rv.cell(0)).to_contain_text("pair = (1, [2, 3])")
    rv.cell(0).locator(".cm-content").click()
    rv.page.keyboard.press("End")  # after the closing parenthesis
    match = rv.cell(0).locator(".cm-matchingBracket").first
    expect(match).to_be_visible()
    assert match.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    rv.cell(1).locator(".cm-content").click()
    brackets = rv.cell(0).locator(".cm-matchingBracket")
    for i in range(brackets.count()):  # CodeMirror updates its focus class a frame later: wait for it
        expect(brackets.nth(i)).to_have_css("background-color", "rgba(0, 0, 0, 0)")
