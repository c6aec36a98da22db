"""On a tablet or a phone every header button stays on screen (the header
wraps), and the side panel opens below the header, not over it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import Rivulet, new_context

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width,height", [(768, 1024), (390, 844)])
def test_every_header_button_is_on_screen_and_the_panel_starts_below_the_header(browser, site_url, width, height):
    context = new_context(browser, viewport={"width": width, "height": height}, has_touch=True)
    try:
        rv = Rivulet(context.new_page(), site_url).goto("?file=gallery/intro.py")
        rv.wait_until_ready()
        page = rv.page
        buttons = page.locator("#rv-header button:visible")
        assert buttons.count() >= 8
        for i in range(buttons.count()):
            box = buttons.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, buttons.nth(i).inner_text()
        page.get_by_role("button", name="Restart kernel").scroll_into_view_if_needed()
        expect(page.get_by_role("button", name="Restart kernel")).to_be_in_viewport()
        page.get_by_role("button", name="Panel").click()
        panel = page.get_by_role("complementary", name="Notebook panel")
        expect(panel).to_be_visible()
        header = page.locator("#rv-header").bounding_box()
        assert panel.bounding_box()["y"] >= header["y"] + header["height"] - 1
    finally:
        context.close()
