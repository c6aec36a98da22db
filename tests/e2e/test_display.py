"""Display and layout, end to end: markdown, layouts, media, status, charts.

One read-mode page (one Pyodide boot) runs NOTEBOOK; each test checks what a
user sees in one cell's output, found by a marker text the cell prints first
in its output.  Only the standard library runs in the browser here (compiled
packages cannot load offline); charts are fed hand-written specs.
"""

from __future__ import annotations

import json
import re

import pytest
from rivulet_e2e import encode_code
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

BOOT_TIMEOUT = 60_000
RUN_TIMEOUT = 20_000

VEGA_SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "data": {"values": [{"x": 1, "y": 2}, {"x": 2, "y": 4}, {"x": 3, "y": 1}]},
    "mark": "bar",
    "encoding": {"x": {"field": "x", "type": "ordinal"}, "y": {"field": "y", "type": "quantitative"}},
}
PLOTLY_FIGURE = {"data": [{"type": "scatter", "x": [1, 2, 3], "y": [3, 1, 2]}], "layout": {"title": {"text": "P"}}}


def _cell(body: str, name: str = "_") -> str:
    lines = "\n".join("    " + line if line else "" for line in body.strip("\n").split("\n"))
    return f"@app.cell\ndef {name}():\n{lines}\n    return\n"


CELLS = [
    "import marimo as mo\nimport asyncio",
    r'''
mo.md(r"""
# Markdown title

| name | qty |
|------|-----|
| apple | 3 |

```python
def greet(name):
    return f"hi {name}"
```

- [x] done task
- [ ] open task

Inline $\alpha^2$ and display:

$$\int_0^1 x\,dx = \frac{1}{2}$$
""")
''',
    'mo.vstack([mo.md("stack-top"), mo.hstack([mo.md("left-item"), mo.md("right-item")], widths="equal")])',
    'mo.tabs({"First tab": mo.md("first-panel"), "Second tab": mo.md("second-panel")})',
    'mo.accordion({"Open me": mo.md("accordion-body")})',
    'mo.callout(mo.md("careful-callout"), kind="warn", title="Heads up")',
    'mo.download("hello,world\\n", filename="greeting.csv", label="Get CSV")',
    '''
mo.output.append(mo.md("before-progress"))
for _i in mo.status.progress_bar(range(5), title="Crunching"):
    await asyncio.sleep(0.35)
''',
    'mo.output.append(mo.md("appended-one"))\nmo.output.append(mo.md("appended-two"))',
    'mo.hstack([mo.stat(42, label="answer-stat", caption="up", direction="increase"), mo.tree({"tree-key": [1, 2]}), mo.json({"json-key": True})])',
    f"mo.Html('<rv-vega data-spec=\"' + {json.dumps(json.dumps(VEGA_SPEC))}.replace('\"', '&quot;') + '\"></rv-vega>')",
    f"mo.Html('<rv-plotly data-figure=\"' + {json.dumps(json.dumps(PLOTLY_FIGURE))}.replace('\"', '&quot;') + '\"></rv-plotly>')",
]

NOTEBOOK = (
    'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n'
    + "\n\n".join(_cell(c) for c in CELLS)
    + '\n\nif __name__ == "__main__":\n    app.run()\n'
)


def notebook_url(site_url: str, text: str) -> str:
    payload = encode_code(text)
    return f"{site_url.rstrip('/')}/index.html?mode=read#code/{payload}"


def outputs(page: Page) -> Locator:
    return page.locator("[data-cell-output]")


def output_of(page: Page, cell_index: int) -> Locator:
    return page.locator("[data-cell-id]").nth(cell_index).locator("[data-cell-output]")


@pytest.fixture(scope="module")
def nb(browser, site_url) -> Page:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(notebook_url(site_url, NOTEBOOK))
    page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
    expect(page.locator("[data-cell-id]")).to_have_count(len(CELLS))
    expect(output_of(page, 1)).to_contain_text("Markdown title", timeout=RUN_TIMEOUT)
    yield page
    context.close()


def test_markdown_renders_a_table_highlighted_code_a_task_list_and_math(nb: Page):
    out = output_of(nb, 1)
    expect(out.get_by_role("heading", name="Markdown title")).to_be_visible()
    table = out.get_by_role("table")
    expect(table.get_by_role("columnheader", name="qty")).to_be_visible()
    expect(table.get_by_role("cell", name="apple")).to_be_visible()
    code = out.locator("pre code.hljs")
    expect(code).to_contain_text("def greet(name):")
    expect(code.locator(".hljs-keyword").first).to_have_text("def")
    done, open_ = out.get_by_role("checkbox").all()
    expect(done).to_be_checked()
    expect(open_).not_to_be_checked()
    expect(out.locator(".katex")).to_have_count(2, timeout=RUN_TIMEOUT)
    expect(out.locator(".katex-display")).to_have_count(1)
    expect(out.locator(".katex annotation").first).to_have_text(r"\alpha^2")


def test_stacks_lay_items_out_in_a_row_and_a_column(nb: Page):
    out = output_of(nb, 2)
    top, left, right = (out.get_by_text(t, exact=True) for t in ("stack-top", "left-item", "right-item"))
    for item in (top, left, right):
        expect(item).to_be_visible()
    t, l, r = top.bounding_box(), left.bounding_box(), right.bounding_box()
    assert abs(l["y"] - r["y"]) < 2 and r["x"] > l["x"] + l["width"]  # a row
    assert l["y"] > t["y"] + t["height"] - 1  # below the top of the column


def test_tabs_switch_panels_on_click_and_with_the_keyboard(nb: Page):
    out = output_of(nb, 3)
    first, second = out.get_by_role("tab", name="First tab"), out.get_by_role("tab", name="Second tab")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(out.get_by_text("first-panel")).to_be_visible()
    expect(out.get_by_text("second-panel")).to_be_hidden()
    second.click()
    expect(second).to_have_attribute("aria-selected", "true")
    expect(out.get_by_text("second-panel")).to_be_visible()
    expect(out.get_by_text("first-panel")).to_be_hidden()
    second.press("ArrowLeft")
    expect(first).to_be_focused()
    expect(out.get_by_text("first-panel")).to_be_visible()


def test_accordion_opens_on_click(nb: Page):
    out = output_of(nb, 4)
    body = out.get_by_text("accordion-body")
    expect(body).to_be_hidden()
    out.get_by_text("Open me").click()
    expect(body).to_be_visible()


def test_callout_shows_its_kind_and_title(nb: Page):
    out = output_of(nb, 5)
    box = out.get_by_role("alert")
    expect(box).to_contain_text("Heads up")
    expect(box).to_contain_text("careful-callout")
    expect(box).to_have_attribute("data-kind", "warn")


def test_download_button_downloads_the_data_in_the_browser(nb: Page, tmp_path):
    out = output_of(nb, 6)
    with nb.expect_download() as info:
        out.get_by_role("button", name=re.compile("Get CSV")).click()
    download = info.value
    assert download.suggested_filename == "greeting.csv"
    target = tmp_path / "greeting.csv"
    download.save_as(target)
    assert target.read_text() == "hello,world\n"


def test_progress_bar_updates_while_the_cell_runs(browser, site_url):
    """A fresh page, watched from the start: intermediate values reach the screen."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        """
        window.__rvSeen = new Set();
        new MutationObserver(() => {
            for (const p of document.querySelectorAll('[data-cell-output] progress'))
                window.__rvSeen.add(p.getAttribute('value'));
        }).observe(document, {subtree: true, childList: true, attributes: true});
        """
    )
    page.goto(notebook_url(site_url, NOTEBOOK))
    out = page.locator("[data-cell-id]").nth(7).locator("[data-cell-output]")
    expect(out.locator("progress")).to_have_attribute("value", "5", timeout=BOOT_TIMEOUT)
    expect(out).to_contain_text("before-progress")
    expect(out).to_contain_text("Crunching")
    seen = set(page.evaluate("[...window.__rvSeen]"))
    assert {"1", "2", "3", "4"} & seen, seen  # intermediate values reached the screen
    context.close()


def test_output_append_accumulates(nb: Page):
    out = output_of(nb, 8)
    expect(out).to_contain_text("appended-one")
    expect(out).to_contain_text("appended-two")


def test_stat_tree_and_json_render_without_compiled_packages(nb: Page):
    out = output_of(nb, 9)
    expect(out.get_by_text("answer-stat")).to_be_visible()
    expect(out.get_by_text("42", exact=True)).to_be_visible()
    expect(out.get_by_text("'tree-key'", exact=False)).to_be_visible()
    expect(out.get_by_text('"json-key"', exact=False)).to_be_visible()


def test_vega_lite_spec_is_drawn_by_vega_embed(nb: Page):
    out = output_of(nb, 10)
    out.scroll_into_view_if_needed()
    expect(out.locator("rv-vega svg").first).to_be_visible(timeout=RUN_TIMEOUT)
    expect(out.locator("rv-vega svg path.mark-rect, rv-vega svg .mark-rect path")).not_to_have_count(0)


def test_plotly_figure_is_drawn_by_plotly_js(nb: Page):
    out = output_of(nb, 11)
    out.scroll_into_view_if_needed()
    expect(out.locator("rv-plotly .main-svg").first).to_be_visible(timeout=RUN_TIMEOUT)
    expect(out.locator("rv-plotly .scatterlayer .trace")).to_have_count(1)
