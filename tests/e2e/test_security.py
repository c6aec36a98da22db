"""Untrusted outputs, end to end: a notebook opened from a link must not run
script in the page (it could read the notebooks autosaved in localStorage),
restyle the app or cover it.  Its HTML is sanitized (web/src/render/sanitize.js).

One page of its own (one Pyodide boot) for the module: it first autosaves a
"secret" notebook, then opens each hostile notebook through a #code/ link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

SECRET = notebook_text("secret_value = 'SECRET-41'", "secret_value")

STEAL = 'window.__stolen=JSON.stringify(localStorage)'
# Every classic way to run script from markup; each would set window.__stolen.
PAYLOADS = [
    f'<img src=x onerror="{STEAL}">',
    f'<svg onload="{STEAL}"><circle r="2"/></svg>',
    f'<details open ontoggle="{STEAL}"><summary>t</summary>d</details>',
    f'<script>{STEAL}</script>',
    f'<iframe srcdoc="<script>parent.{STEAL}</script>"></iframe>',
    f'<object data="data:text/html,<script>parent.{STEAL}</script>"></object>',
    f'<a id="evil-link" href="javascript:{STEAL}">click me</a>',
]


def _html_cell(html: str) -> str:
    return f"import marimo as mo\nmo.Html({html!r})"


def _md_cell(markdown: str) -> str:
    return f"import marimo as mo\nmo.md({markdown!r})"


@pytest.fixture(scope="module")
def rv(browser: Browser, site_url: str) -> Iterator[Rivulet]:
    context = new_context(browser)
    page = context.new_page()
    rv = Rivulet(page, site_url).goto("#code/" + encode_code(SECRET))
    rv.wait_until_ready()
    expect(rv.output(1)).to_contain_text("SECRET-41", timeout=BOOT_TIMEOUT)
    rv.run_cell(0, "secret_value = 'SECRET-42'")  # an edit: autosaved
    expect(rv.output(1)).to_contain_text("SECRET-42")
    wait_for_js(
        page,
        "(JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text ?? '').includes('SECRET-42')"
    )
    yield rv
    context.close()


def _open(rv: Rivulet, *cells: str) -> None:
    rv.page.evaluate("delete window.__stolen")
    rv.open_code(notebook_text(*cells))
    expect(rv.cells).to_have_count(len(cells))


def _assert_nothing_ran(rv: Rivulet) -> None:
    rv.page.wait_for_timeout(500)  # let error/load/toggle events fire
    assert rv.page.evaluate("typeof window.__stolen") == "undefined"
    assert "SECRET-42" in (rv.autosaved_text() or "") or "SECRET-42" in rv.page.evaluate(
        "localStorage.getItem('rivulet:autosave:previous') ?? ''"
    )


def _assert_app_intact(rv: Rivulet) -> None:
    expect(rv.header).to_be_visible()
    expect(rv.cells.first).to_be_visible()
    expect(rv.page.locator("#rv-download")).to_be_visible()
    assert rv.page.locator("[data-cell-output] style, [data-cell-output] script, [data-cell-output] link").count() == 0
    # nothing covers the header: the element under its centre belongs to it
    assert rv.page.evaluate(
        """() => {
          const h = document.getElementById('rv-header').getBoundingClientRect();
          const at = document.elementFromPoint(h.left + h.width / 2, h.top + h.height / 2);
          return !!at && !!at.closest('#rv-header');
        }"""
    )


def test_markup_that_runs_script_is_sanitized_and_the_rest_shows(rv):
    """Event handlers and javascript: URLs, in HTML with no <script>: sanitized in the page."""
    html = "".join(p for p in PAYLOADS if "<script" not in p) + '<p id="shown-after">still shown</p>'
    _open(rv, _html_cell(html))
    out = rv.output(0)
    expect(out.locator("#shown-after")).to_have_text("still shown")
    expect(out.locator("img")).to_have_count(1)
    expect(out.locator("summary")).to_have_text("t")
    _assert_nothing_ran(rv)
    assert out.locator("[onerror], [onload], [ontoggle], script, iframe").count() == 0


def test_html_with_scripts_runs_them_only_in_an_opaque_sandboxed_frame(rv):
    """Every payload at once, <script>s included: the output goes into a
    sandboxed frame of its own (web/src/render/scripted.js); nothing runs in
    the page, and the frame cannot read what the page stores."""
    html = "".join(PAYLOADS) + '<p id="shown-after">still shown</p>'
    _open(rv, _html_cell(html))
    out = rv.output(0)
    frame = out.locator("iframe[data-scripted-output]")
    expect(frame).to_have_count(1)
    assert frame.get_attribute("sandbox").split() == ["allow-scripts", "allow-popups", "allow-popups-to-escape-sandbox"]
    expect(out.frame_locator("iframe[data-scripted-output]").locator("#shown-after")).to_have_text("still shown")
    _assert_nothing_ran(rv)
    assert out.locator("[onerror], [onload], [ontoggle], script, iframe[srcdoc]").count() == 0


def test_javascript_link_href_is_removed(rv):
    _open(rv, _html_cell('<a id="evil-link" href="javascript:window.__stolen=1">click me</a>'))
    link = rv.output(0).locator("#evil-link")
    expect(link).to_have_text("click me")
    assert link.get_attribute("href") is None
    link.click()
    _assert_nothing_ran(rv)


def test_style_elements_and_fixed_overlays_do_not_touch_the_app(rv):
    html = (
        "<style>body{display:none} #rv-header{display:none}</style>"
        '<link rel="stylesheet" href="data:text/css,body{display:none}">'
        '<div id="cover" style="position:fixed;inset:0;z-index:99999;background:red">cover</div>'
        '<div class="toasts" style="inset:0;z-index:99999;background:blue">toast-cover</div>'
        '<p id="kept" style="color: rgb(1, 2, 3)">styled text</p>'
    )
    _open(rv, _html_cell(html), "1 + 1")
    out = rv.output(0)
    expect(out.locator("#kept")).to_have_css("color", "rgb(1, 2, 3)")  # inline styles stay
    expect(out.locator("#cover")).not_to_have_css("position", "fixed")
    expect(rv.output(1)).to_have_text("2")
    _assert_app_intact(rv)


def test_the_same_payloads_inside_markdown_are_neutralised(rv):
    markdown = (
        "# Title\n\n"
        + "".join(PAYLOADS)
        + "\n\n<style>body{display:none}</style>\n\n"
        + '<div style="position:fixed;inset:0;z-index:99999;background:red">cover</div>\n\n'
        + "[md link](javascript:window.__stolen=2) and **bold after**\n"
    )
    _open(rv, _md_cell(markdown), "1 + 1")
    out = rv.output(0)
    expect(out.locator("h1")).to_have_text("Title")
    expect(out.locator("strong")).to_have_text("bold after")
    expect(rv.output(1)).to_have_text("2")
    _assert_nothing_ran(rv)
    assert out.locator("a[href^='javascript'], [onerror], [onload], [ontoggle], script").count() == 0
    evil = out.locator("#evil-link")
    expect(evil).to_have_count(1)
    evil.click()
    _assert_nothing_ran(rv)
    _assert_app_intact(rv)


def test_safe_markup_keeps_working(rv):
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    html = (
        f'<img id="pic" src="data:image/png;base64,{png}">'
        '<rv-download><a class="rv-download" href="data:text/plain;base64,aGk=" download="hi.txt">dl</a></rv-download>'
        '<details name="acc" open><summary>acc-summary</summary>acc-body</details>'
        '<svg id="vec" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>'
        '<table><tr><td>cell-1</td></tr></table>'
        '<iframe id="frame" src="about:blank" sandbox="allow-scripts allow-same-origin"></iframe>'
        '<rv-md data-md="**nested** $x^2$"></rv-md>'
    )
    _open(rv, _html_cell(html))
    out = rv.output(0)
    expect(out.locator("#pic")).to_have_attribute("src", f"data:image/png;base64,{png}")
    expect(out.locator("rv-download a[download]")).to_have_attribute("href", re.compile(r"^blob:"))
    expect(out.locator("details[name='acc'] summary")).to_have_text("acc-summary")
    expect(out.locator("svg#vec rect")).to_have_count(1)
    expect(out.locator("td")).to_have_text("cell-1")
    expect(out.locator("#frame")).to_have_attribute("sandbox", "")
    expect(out.locator("rv-md strong")).to_have_text("nested")
    expect(out.locator("rv-md .katex")).to_have_count(1)
    _assert_nothing_ran(rv)
