"""The seed's workflow in Chromium: select points in a chart with the mouse,
and the cells that read the chart run again with the selected rows (a table
with images included).  Offline there is no altair or pandas: the charts are
plain Vega-Lite dicts and plotly figure dicts, and ``.value`` is a list of dicts.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect
from rivulet_e2e import BOOT_TIMEOUT, encode_code, notebook_text

pytestmark = pytest.mark.e2e

DRAW_TIMEOUT = 60_000  # the chart libraries load on first use

SETUP = """
PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
ROWS = [{"x": i, "y": 5, "digit": "2" if i % 2 else "8"} for i in range(1, 9)]
SPEC = {
    "data": {"values": ROWS},
    "mark": {"type": "point", "filled": True, "size": 150},
    "width": 400,
    "height": 200,
    "encoding": {
        "x": {"field": "x", "type": "quantitative", "scale": {"domain": [0, 9]}},
        "y": {"field": "y", "type": "quantitative", "scale": {"domain": [0, 10]}},
        "color": {"field": "digit", "type": "nominal"},
    },
}
FIGURE = {
    "data": [{"type": "scatter", "mode": "markers", "x": [1, 2, 3, 4, 5, 6], "y": [2] * 6,
              "marker": {"size": 12}, "hovertemplate": "a=%{x}<br>b=%{y}<extra></extra>"}],
    "layout": {"width": 500, "height": 300, "xaxis": {"range": [0, 7]}, "yaxis": {"range": [0, 4]}},
}
"""

CELLS = [
    "import marimo as mo",
    SETUP,
    "brush = mo.ui.altair_chart(SPEC, label='Brush')\nbrush",
    "mo.md(f\"brushed={[r['x'] for r in brush.value]}\")",
    "click = mo.ui.altair_chart(SPEC, chart_selection='point', legend_selection=False, label='Click')\nclick",
    "mo.md(f\"clicked={[r['x'] for r in click.value]}\")",
    "mo.ui.table([{'image': mo.image(PNG, alt=f\"digit {r['digit']}\"), **r} for r in brush.value], label='Selected', selection=None)",
    "plot = mo.ui.plotly(FIGURE, label='Plot')\nplot",
    "mo.md(f\"plotted={[p['a'] for p in plot.value]}\")",
]


def output(page: Page, index: int) -> Locator:
    return page.locator("[data-cell-id]").nth(index).locator("[data-cell-output]")


@pytest.fixture(scope="module")
def nb(browser, site_url) -> Page:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    text = notebook_text(*CELLS)
    page.goto(f"{site_url.rstrip('/')}/index.html?mode=read#code/{encode_code(text)}")
    page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
    expect(output(page, 8)).to_contain_text("plotted=[]", timeout=BOOT_TIMEOUT)
    yield page
    context.close()


def symbols(figure: Locator) -> Locator:
    return figure.locator("g.mark-symbol.role-mark path")


def center(locator: Locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box, "not on screen"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(start[0] + (end[0] - start[0]) * k / 10, start[1] + (end[1] - start[1]) * k / 10)
    page.mouse.up()


def test_brushing_points_fills_the_dependent_cells_and_the_table_of_images(nb: Page):
    figure = nb.get_by_role("figure", name="Brush")
    expect(symbols(figure)).to_have_count(8, timeout=DRAW_TIMEOUT)
    figure.scroll_into_view_if_needed()
    expect(output(nb, 3)).to_have_text("brushed=[]")
    (x3, y), (x5, _) = center(symbols(figure).nth(2)), center(symbols(figure).nth(4))
    drag(nb, (x3 - 20, y - 30), (x5 + 20, y + 30))
    expect(output(nb, 3)).to_have_text("brushed=[3, 4, 5]")
    table = nb.get_by_role("table", name="Selected")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.get_by_role("img", name="digit 2")).to_have_count(2)
    expect(table.get_by_role("img", name="digit 8")).to_have_count(1)
    # a second brush replaces the first
    (x7, _) = center(symbols(figure).nth(6))
    drag(nb, (x7 - 20, y - 30), (x7 + 20, y + 30))
    expect(output(nb, 3)).to_have_text("brushed=[7]")
    expect(table.locator("tbody tr")).to_have_count(1)


def test_clicking_a_point_selects_it_and_shift_click_adds_one(nb: Page):
    figure = nb.get_by_role("figure", name="Click")
    expect(symbols(figure)).to_have_count(8, timeout=DRAW_TIMEOUT)
    figure.scroll_into_view_if_needed()
    nb.mouse.click(*center(symbols(figure).nth(6)))
    expect(output(nb, 5)).to_have_text("clicked=[7]")
    nb.keyboard.down("Shift")
    nb.mouse.click(*center(symbols(figure).nth(1)))
    nb.keyboard.up("Shift")
    expect(output(nb, 5)).to_have_text("clicked=[2, 7]")


def test_a_box_selection_in_plotly_gives_the_points_by_their_hover_names(nb: Page):
    figure = nb.get_by_role("figure", name="Plot")
    points = figure.locator(".scatterlayer .point")
    expect(points).to_have_count(6, timeout=DRAW_TIMEOUT)
    figure.scroll_into_view_if_needed()
    (x3, y), (x4, _) = center(points.nth(2)), center(points.nth(3))
    gap = x4 - x3
    drag(nb, (x3 - gap / 2, y - 25), (x4 + gap / 2, y + 25))
    expect(output(nb, 8)).to_have_text("plotted=[3, 4]")
