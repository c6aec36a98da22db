"""The theme command (issue 11): the palette's "Switch theme" is remembered in
this browser across reloads, and outputs whose scripts run in frames of their
own follow the page's theme, not only the system's."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_link, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

SCRIPTED = """
import marimo as mo
mo.Html('''<p id="th-text">some output text</p>
<script>document.getElementById("th-text").dataset.drawn = "yes";</script>''')
"""

WHITE, BLACK = "rgb(255, 255, 255)", "rgb(0, 0, 0)"


def text_colour(rv: Rivulet) -> str:
    inner = rv.output(0).frame_locator("iframe[data-scripted-output]")
    expect(inner.locator("#th-text")).to_be_visible(timeout=BOOT_TIMEOUT)
    return inner.locator("#th-text").evaluate("(p) => getComputedStyle(p).color")


def switch_theme(page) -> None:
    page.keyboard.press("ControlOrMeta+K")
    page.keyboard.type("switch theme")
    page.keyboard.press("Enter")


def test_the_chosen_theme_is_remembered_and_output_frames_follow_it(browser, site_url):
    context = new_context(browser, color_scheme="light")  # the system says light
    try:
        page = context.new_page()
        rv = Rivulet(page, site_url)
        link = "#nb/" + encode_link(notebook_text(SCRIPTED))
        rv.goto(link)
        rv.wait_until_ready()
        root = page.locator("html")
        inner = rv.output(0).frame_locator("iframe[data-scripted-output]")
        expect(root).not_to_have_attribute("data-theme", "dark")
        assert text_colour(rv) == BLACK

        switch_theme(page)  # system -> light
        expect(root).to_have_attribute("data-theme", "light")
        switch_theme(page)  # light -> dark
        expect(root).to_have_attribute("data-theme", "dark")
        # the output that is already on screen follows at once
        expect(inner.locator("#th-text")).to_have_css("color", WHITE)
        assert page.evaluate("localStorage.getItem('rivulet:theme')") == "dark"

        # remembered: a reload (and the output drawn anew) is dark from the start
        page.reload()
        rv.wait_until_ready()
        expect(root).to_have_attribute("data-theme", "dark")
        expect(inner.locator("#th-text")).to_have_css("color", WHITE, timeout=BOOT_TIMEOUT)

        # ?theme= still chooses for one page, without forgetting the choice
        rv.goto("?theme=light" + link)
        rv.wait_until_ready()
        expect(root).to_have_attribute("data-theme", "light")
        expect(inner.locator("#th-text")).to_have_css("color", BLACK, timeout=BOOT_TIMEOUT)
        assert page.evaluate("localStorage.getItem('rivulet:theme')") == "dark"

        # back to the system's: nothing remembered
        rv.goto(link)
        rv.wait_until_ready()
        switch_theme(page)  # dark -> system
        expect(root).not_to_have_attribute("data-theme", "dark")
        assert page.evaluate("localStorage.getItem('rivulet:theme')") is None
        expect(inner.locator("#th-text")).to_have_css("color", BLACK)
    finally:
        context.close()
