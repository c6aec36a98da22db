"""The app view on marimo's grid layout (``marimo.App(layout_file=...)``), in Chromium.

The gallery's dashboard (gallery/dashboard.py + gallery/layouts/dashboard.grid.json)
is opened from the site with ``?file=``: in the app view each cell's box is where
marimo's app view puts it (20px padding, columns sharing the rest, no gaps);
the editor stays vertical. A layout file that is missing or malformed leaves the
app view vertical, with no error. A layout inlined as a ``data:`` URI (as
marimo's own exports write it) applies to a ``#code/`` link too.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys

from pathlib import Path

from playwright.sync_api import Browser, expect

from kernel_py.host.static_server import serve_in_thread
from rivulet_e2e import BOOT_TIMEOUT, ROOT, Rivulet, encode_code, new_context, wait_for_js

LAYOUT = json.loads((ROOT / "gallery" / "layouts" / "dashboard.grid.json").read_text())["data"]
PAD = 20  # marimo's app view: padding around the grid

# Every cell's box and whether it is visible, and the grid's content box (the cells' containing block).
MEASURE = """() => {
  const list = document.querySelector('.cells');
  const r = list.getBoundingClientRect();
  return {
    grid: list.classList.contains('rv-grid'),
    box: { left: r.left + list.clientLeft, top: r.top + list.clientTop, width: list.clientWidth },
    cells: [...document.querySelectorAll('[data-cell-id]')].map((c) => {
      const b = c.getBoundingClientRect();
      return { left: b.left, top: b.top, width: b.width, height: b.height, shown: c.checkVisibility() };
    }),
  };
}"""

# The kernel read the file and every cell ran.
SETTLED = """(() => {
  const cells = [...document.querySelectorAll('[data-cell-id]')];
  return document.documentElement.dataset.kernel === 'ready' && cells.length === %d &&
    cells.every((c) => !c.dataset.cellId.startsWith('preview-') && ['idle', 'error'].includes(c.dataset.status));
})()"""


# ...and the app view shows their outputs (a cell waiting for its first output is hidden).
SHOWN = "[...document.querySelectorAll('[data-cell-id]')].filter((c) => c.checkVisibility() && c.getBoundingClientRect().height > 0).length >= %d"


def settle(rv: Rivulet, cells: int, shown: int = 2) -> None:
    rv.wait_until_ready()
    wait_for_js(rv.page, SETTLED % cells, timeout=BOOT_TIMEOUT)
    wait_for_js(rv.page, SHOWN % shown, timeout=BOOT_TIMEOUT)


def expected_boxes(box: dict) -> list[dict | None]:
    column = (box["width"] - 2 * PAD) / LAYOUT["columns"]
    row = LAYOUT["rowHeight"]
    out = []
    for cell in LAYOUT["cells"]:
        if cell["position"] is None:
            out.append(None)
            continue
        x, y, w, h = cell["position"]
        out.append({"left": box["left"] + PAD + x * column, "top": box["top"] + PAD + y * row,
                    "width": w * column, "height": h * row})
    return out


def assert_on_grid(measured: dict) -> None:
    assert measured["grid"], "the app view did not lay the cells out on the grid"
    expected = expected_boxes(measured["box"])
    assert len(measured["cells"]) == len(expected)
    for i, (want, got) in enumerate(zip(expected, measured["cells"])):
        if want is None:
            assert not got["shown"], f"cell {i} is not in the grid but is shown"
            continue
        assert got["shown"], f"cell {i} is in the grid but hidden"
        for side in ("left", "top", "width", "height"):
            assert abs(got[side] - want[side]) <= 1, f"cell {i} {side}: {got[side]:.1f}, marimo's grid: {want[side]:.1f}"


def assert_vertical(measured: dict) -> None:
    assert not measured["grid"]
    shown = [c for c in measured["cells"] if c["shown"] and c["height"] > 0]
    assert len(shown) >= 2
    lefts = {round(c["left"]) for c in shown}
    assert len(lefts) == 1, f"cells side by side: lefts {lefts}"
    tops = [c["top"] for c in shown]
    assert all(b >= a + c["height"] - 1 for a, b, c in zip(tops, tops[1:], shown)), f"cells overlap: {tops}"


def test_the_app_view_places_cells_at_their_grid_positions(browser: Browser, site_url: str):
    context = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), site_url).goto("?mode=read&file=gallery/dashboard.py")
        errors: list[str] = []
        rv.page.on("pageerror", lambda e: errors.append(str(e)))
        settle(rv, len(LAYOUT["cells"]))
        measured = rv.page.evaluate(MEASURE)
        assert_on_grid(measured)
        # the grid is really two-dimensional: the controls sit left of the stats and the chart
        controls, stats, chart = (measured["cells"][i] for i in (2, 4, 5))
        assert controls["left"] + controls["width"] <= stats["left"] + 1
        assert controls["top"] == stats["top"] and stats["top"] < chart["top"]
        # widgets are live in their boxes: changing the station recomputes the stats
        before = rv.output(4).inner_text()
        rv.page.get_by_role("combobox", name="Station").select_option("Oslo")
        expect(rv.output(4)).not_to_have_text(before)
        # the boxes follow the page's width (maxWidth 1400 is wider than both)
        rv.page.set_viewport_size({"width": 900, "height": 900})
        assert_on_grid(rv.page.evaluate(MEASURE))
        # a phone: the grid's cells stack in reading order (top to bottom, then left to right)
        rv.page.set_viewport_size({"width": 480, "height": 900})
        cells = rv.page.evaluate(MEASURE)["cells"]
        order = [2, 4, 5, 6]  # controls (row 6, col 0), stats (row 6, col 7), chart (row 12), table (row 16)
        tops = [cells[i]["top"] for i in order]
        assert tops == sorted(tops), f"not in reading order: {tops}"
        assert len({round(cells[i]["left"]) for i in order}) == 1
        assert not errors, errors
    finally:
        context.close()


def test_the_editor_stays_vertical(browser: Browser, site_url: str):
    context = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), site_url).goto("?file=gallery/dashboard.py")
        settle(rv, len(LAYOUT["cells"]))
        assert_vertical(rv.page.evaluate(MEASURE))
        expect(rv.page.locator(".rv-grid")).to_have_count(0)
    finally:
        context.close()


NOTEBOOK = """import marimo

__generated_with = "0.25.2"
app = marimo.App(layout_file=%s)


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    mo.md("# First")
    return


@app.cell
def _(mo):
    mo.md("Second, *beside* the first on a grid")
    return


if __name__ == "__main__":
    app.run()
"""


def _served(browser: Browser, site_url: str, layout_body: str | None):
    """A context whose site also serves grid-test/nb.py and its layout file (None: a 404)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.route(site_url + "grid-test/nb.py", lambda route: route.fulfill(
        status=200, content_type="text/x-python", body=NOTEBOOK % '"layouts/nb.grid.json"'))
    page.route(site_url + "grid-test/layouts/nb.grid.json", lambda route: route.fulfill(
        status=404 if layout_body is None else 200, content_type="application/json", body=layout_body or "Not found"))
    return context, page


def _assert_falls_back(browser: Browser, site_url: str, layout_body: str | None) -> None:
    context, page = _served(browser, site_url, layout_body)
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if "nb.grid.json" in r.url else None)
        rv = Rivulet(page, site_url).goto("?mode=read&file=grid-test/nb.py")
        settle(rv, 3)
        expect(rv.output(2)).to_contain_text("Second")
        assert asked == [site_url + "grid-test/layouts/nb.grid.json"]  # it was looked for, next to the notebook
        assert_vertical(page.evaluate(MEASURE))
        expect(page.locator("#rv-notice")).to_be_hidden()
        assert not errors, errors
    finally:
        context.close()


def test_a_missing_layout_file_leaves_the_app_view_vertical(browser: Browser, site_url: str):
    _assert_falls_back(browser, site_url, None)


def test_a_malformed_layout_file_leaves_the_app_view_vertical(browser: Browser, site_url: str):
    _assert_falls_back(browser, site_url, '{"type": "grid", "data": {"columns": "wide", "cells": [{"position": [0, 0')


def test_a_layout_inlined_as_a_data_uri_applies_to_a_link(browser: Browser, site_url: str):
    layout = {"type": "grid", "data": {"columns": 12, "rowHeight": 30, "cells": [
        {"position": None}, {"position": [0, 0, 6, 4]}, {"position": [6, 0, 6, 4]}]}}
    uri = "data:application/json;base64," + base64.b64encode(json.dumps(layout).encode()).decode()
    context = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), site_url).goto("?mode=read#code/" + encode_code(NOTEBOOK % json.dumps(uri)))
        settle(rv, 3)
        measured = rv.page.evaluate(MEASURE)
        assert measured["grid"]
        box, first, second = measured["box"], measured["cells"][1], measured["cells"][2]
        column = (box["width"] - 2 * PAD) / 12
        assert abs(first["left"] - (box["left"] + PAD)) <= 1 and abs(first["top"] - (box["top"] + PAD)) <= 1
        assert abs(second["left"] - (box["left"] + PAD + 6 * column)) <= 1 and abs(second["top"] - first["top"]) <= 1
        assert abs(first["height"] - 120) <= 1 and abs(second["width"] - 6 * column) <= 1
        assert not measured["cells"][0]["shown"]
        # a #code/ link with a relative layout file has nothing to resolve it against: vertical
        rv.open_replacing(NOTEBOOK % '"layouts/nb.grid.json"')  # (its three cells would settle at once)
        wait_for_js(rv.page, "!document.querySelector('.rv-grid')")
        settle(rv, 3)
        assert_vertical(rv.page.evaluate(MEASURE))
    finally:
        context.close()


def test_an_export_keeps_the_grid(browser: Browser, site_url: str, tmp_path: Path):
    # site_url: dist/ is built; the export is served from its own folder
    subprocess.run(
        [sys.executable, "-m", "kernel_py.host.cli", "export", str(ROOT / "gallery" / "dashboard.py"), "-o", str(tmp_path / "out")],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    assert (tmp_path / "out" / "layouts" / "dashboard.grid.json").is_file()
    server = serve_in_thread(tmp_path / "out")
    context = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), server.url)
        rv.goto("")
        settle(rv, len(LAYOUT["cells"]))
        assert_on_grid(rv.page.evaluate(MEASURE))
    finally:
        context.close()
        server.shutdown()
        server.server_close()
