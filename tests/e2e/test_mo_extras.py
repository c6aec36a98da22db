"""mo.carousel, mo.image_compare, mo.iframe, mo.routes and mo.outline in Chromium:
driven like a user, through their roles and names."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from rivulet_e2e import BOOT_TIMEOUT, encode_code, notebook_text

pytestmark = pytest.mark.e2e

PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
CELLS = [
    "import marimo as mo",
    "mo.md('# First heading')",
    "mo.carousel([mo.md('slide one'), mo.md('slide two'), mo.md('slide three')])",
    f"mo.image_compare('{PNG}', '{PNG}', value=30, width=100, height=100)",
    "mo.iframe('<p id=inner>framed text</p>', height='80px')",
    "mo.routes({'#/': mo.md('home page'), '#/about': mo.md('about page')})",
    "mo.outline(label='Contents')",
]


@pytest.fixture(scope="module")
def nb(browser, site_url) -> Page:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url.rstrip('/')}/index.html?mode=read#code/{encode_code(notebook_text(*CELLS))}")
    page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
    expect(page.locator("rv-outline")).to_have_count(1, timeout=BOOT_TIMEOUT)
    yield page
    context.close()


def test_carousel_shows_one_slide_and_the_next_button_moves(nb: Page):
    carousel = nb.get_by_role("region", name="carousel")
    expect(carousel.get_by_text("slide one")).to_be_visible()
    expect(carousel.get_by_text("slide two")).to_be_hidden()
    carousel.get_by_role("button", name="Next slide").click()
    expect(carousel.get_by_text("slide two")).to_be_visible()
    expect(carousel.get_by_text("slide one")).to_be_hidden()
    expect(carousel).to_contain_text("2 / 3")


def test_image_compare_slider_moves_the_split(nb: Page):
    slider = nb.get_by_role("slider", name="Comparison position")
    expect(slider).to_have_value("30")
    after = nb.locator("rv-image-compare img").nth(1)
    assert "30%" in after.evaluate("el => el.style.clipPath")
    slider.fill("70")
    assert "70%" in after.evaluate("el => el.style.clipPath")


def test_iframe_is_sandboxed_and_shows_its_html(nb: Page):
    frame = nb.locator("rv-iframe iframe")
    expect(frame).to_have_attribute("sandbox", "allow-scripts")
    expect(nb.frame_locator("rv-iframe iframe").locator("#inner")).to_have_text("framed text")


def test_routes_follow_the_url_fragment(nb: Page):
    routes = nb.locator("rv-routes")
    expect(routes).to_contain_text("home page")
    nb.evaluate("location.hash = '#/about'")
    expect(routes).to_contain_text("about page")
    expect(routes).not_to_contain_text("home page")


def test_outline_links_to_the_headings(nb: Page):
    outline = nb.get_by_role("navigation", name="Contents")
    expect(outline.get_by_role("link", name="First heading")).to_be_visible()
