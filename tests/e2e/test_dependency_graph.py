"""The side panel's dependency graph (issue 11): a box per cell, an arrow per
name that flows between cells; pointing at a cell marks what re-runs when it
changes; cells in a cycle are marked; clicking a box goes to its cell."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import Rivulet, encode_link, new_context, notebook_text

pytestmark = pytest.mark.e2e


def test_the_graph_shows_what_reruns_and_jumps_to_cells(browser, site_url):
    context = new_context(browser)
    try:
        page = context.new_page()
        rv = Rivulet(page, site_url).goto("#nb/" + encode_link(notebook_text(
            "dg_a = 1", "dg_b = dg_a + 1", "dg_c = dg_b * 2\ndg_c", "dg_d = 5", "dg_x = dg_y", "dg_y = dg_x",
        )))
        rv.wait_until_ready()
        expect(rv.output(2)).to_have_text("4")
        page.get_by_role("button", name="Panel").click()
        graph = page.get_by_role("group", name="Dependency graph")
        expect(graph.get_by_role("button")).to_have_count(6)
        expect(graph.locator("path.dep-edge")).to_have_count(2)  # a -> b, b -> c (the cycle's cells never ran)
        for n in (5, 6):
            expect(graph.get_by_role("button", name=f"Go to cell {n} (in a cycle)")).to_be_visible()

        # pointing at the first cell marks its descendants: what re-runs when it changes
        graph.get_by_role("button", name="Go to cell 1", exact=True).hover()
        for n, reruns in ((2, True), (3, True), (4, False)):
            box = graph.get_by_role("button", name=f"Go to cell {n}", exact=True)
            if reruns:
                expect(box).to_have_class("dep-node dep-reruns")
            else:
                expect(box).to_have_class("dep-node")

        # a new reader shows as a new arrow
        rv.run_cell(3, "dg_d = dg_c + 1")
        expect(graph.locator("path.dep-edge")).to_have_count(3)

        graph.get_by_role("button", name="Go to cell 3", exact=True).click()
        expect(rv.cell(2).locator(".cm-content")).to_be_focused()
    finally:
        context.close()
