"""mo.ui.anywidget in Chromium: the widget's own module runs in a sandboxed,
opaque-origin frame (web/src/widgets/anywidget.js), with anywidget's model.
A click in the frame reaches Python (the cells reading the widget re-run); a
trait set from Python (a slider's cell) reaches the module (its
``change:count`` fires). A module that attacks the page gets nowhere.

The counter is gallery/counter_widget.py: a traitlets widget (the site ships
traitlets' wheel; anywidget itself is not needed). The attacker's widget is
defined in a cell with anywidget's protocol and no traitlets at all: an
``_esm`` module, ``trait_names(sync=True)`` and ``observe``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_link, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

WIDGET_CLASS = '''
import marimo as mo

class Widget:
    """anywidget's protocol without traitlets: an ES module and observable synced traits."""

    def __init__(self, esm, **traits):
        self.__dict__.update(_esm=esm, _handlers=[], _names=list(traits), **traits)

    def trait_names(self, sync=False):
        return self._names

    def observe(self, handler, names=None):
        self._handlers.append(handler)

    def unobserve(self, handler, names=None):
        self._handlers.remove(handler)

    def __setattr__(self, name, value):
        old, self.__dict__[name] = self.__dict__.get(name), value
        if old != value:
            for handler in list(self._handlers):
                handler({"name": name, "old": old, "new": value, "type": "change", "owner": self})

    # custom messages, as ipywidgets sends them: through a comm, which mo.ui.anywidget provides
    comm = None

    def send(self, content):
        self.comm.send(data={"method": "custom", "content": content})

    def _handle_custom_msg(self, content, buffers):
        self.send({"pong": content["ping"] * 2})
'''

ATTACK_ESM = '''
export default {
  render({ model, el }) {
    const tried = [];
    const attempt = (name, fn) => { try { fn(); tried.push(name + " open"); } catch (e) { tried.push(name + " blocked"); } };
    attempt("page", () => parent.document.body.innerHTML);
    attempt("storage", () => localStorage.getItem("rivulet:canary"));
    attempt("cookies", () => document.cookie);
    attempt("top", () => { top.location.href = "https://example.invalid/"; });
    // forged messages: a trait the kernel never sent, a value of the wrong shape
    parent.postMessage({ kind: "rivulet-anywidget-save", state: { evil: "<img src=x onerror=alert(1)>" } }, "*");
    parent.postMessage({ kind: "rivulet-anywidget-save", state: [1, 2] }, "*");
    model.set("evil", 1); model.save_changes();
    // the kernel's frame only listens to the page
    for (let i = 0; i < parent.frames.length; i++) {
      try { parent.frames[i].postMessage({ v: 1, type: "run", cells: [{ id: "zz", code: "import js" }] }, "*"); } catch (e) {}
    }
    // a legitimate change still goes through
    model.set("count", 5); model.save_changes();
    el.id = "tried";
    el.textContent = "attack in " + self.origin + ": " + tried.join(", ");
  },
};
'''

ATTACK_CELLS = (
    WIDGET_CLASS,
    f"w = mo.ui.anywidget(Widget({ATTACK_ESM!r}, count=0))\nw",
    "mo.md('state: ' + ', '.join(f'{k}={v}' for k, v in sorted(w.value.items())))",
)


PING_ESM = '''
export default {
  render({ model, el }) {
    const button = document.createElement("button");
    button.textContent = "ping";
    const out = document.createElement("output");
    let n = 0;
    button.addEventListener("click", () => model.send({ ping: ++n }));
    model.on("msg:custom", (content) => { out.textContent = `pong ${content.pong}`; });
    el.append(button, out);
  },
};
'''

PING_CELLS = (
    WIDGET_CLASS,
    f"w = mo.ui.anywidget(Widget({PING_ESM!r}, count=0))\nw",
    "import random\nmo.md(f'run {random.random()} {w.value}')",
)


def _open(browser, site_url: str, query: str, cells: int) -> tuple[object, Rivulet]:
    context = new_context(browser)
    page = context.new_page()
    rv = Rivulet(page, site_url).goto("?new")
    rv.wait_until_ready()
    page.evaluate("localStorage.setItem('rivulet:canary', 'MINE')")
    page.goto(site_url + query)
    rv.wait_until_ready()
    expect(rv.cells).to_have_count(cells, timeout=BOOT_TIMEOUT)
    for i in range(cells):  # this kernel's run, not the outputs shown before it
        expect(rv.cell(i).locator("[data-cell-ran]")).to_contain_text("ran ", timeout=BOOT_TIMEOUT)
    return context, rv


def test_a_counter_anywidget_runs_in_its_frame_and_syncs_both_ways(browser, site_url):
    context, rv = _open(browser, site_url, "?file=gallery/counter_widget.py&theme=dark", 7)
    page = rv.page
    widget, reader = 3, 4
    try:
        frame_el = rv.output(widget).locator("iframe[data-anywidget-frame]")
        expect(frame_el).to_have_count(1, timeout=BOOT_TIMEOUT)
        assert "allow-same-origin" not in frame_el.get_attribute("sandbox").split()
        inner = rv.output(widget).frame_locator("iframe[data-anywidget-frame]")
        button = inner.get_by_role("button")
        expect(button).to_have_text("count is 0", timeout=BOOT_TIMEOUT)
        # the frame is as tall as its content (it reports its height, as scripted outputs do)
        content = frame_el.element_handle().content_frame()
        for _ in range(50):
            inside = content.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
            outside = frame_el.evaluate("f => f.getBoundingClientRect().height")
            if abs(inside - outside) <= 1:
                break
            page.wait_for_timeout(100)
        assert abs(inside - outside) <= 1 and inside > 16, (inside, outside)
        # the page's ?theme reaches the frame (its background is the page's)
        assert content.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"
        # page -> Python: each click sets the trait; the reading cell runs again
        button.click()
        button.click()
        expect(button).to_have_text("count is 2")
        expect(rv.output(reader)).to_have_text("clicked 2 times")
        # Python -> page: a slider's cell sets the trait; the module's change:count fires
        slider = page.get_by_role("slider", name="Set count")
        slider.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        expect(button).to_have_text("count is 3")
        # and a click after that counts on from Python's value
        button.click()
        expect(button).to_have_text("count is 4")
        expect(rv.output(reader)).to_have_text("clicked 4 times")
        assert page.locator("[data-cell-output] script").count() == 0
    finally:
        context.close()


def test_an_anywidget_module_cannot_reach_the_page_or_forge_state(browser, site_url):
    context, rv = _open(browser, site_url, "#nb/" + encode_link(notebook_text(*ATTACK_CELLS)), len(ATTACK_CELLS))
    page = rv.page
    try:
        inner = rv.output(1).frame_locator("iframe[data-anywidget-frame]")
        tried = inner.locator("#tried")
        expect(tried).to_contain_text("attack in null", timeout=BOOT_TIMEOUT)
        text = tried.inner_text()
        for blocked in ("page blocked", "storage blocked", "cookies blocked"):
            assert blocked in text, text
        # the legitimate change arrived; the forged traits did not
        expect(rv.output(2)).to_have_text("state: count=5")
        page.wait_for_timeout(500)
        assert page.url.startswith(site_url)
        assert page.evaluate("localStorage.getItem('rivulet:canary')") == "MINE"
        assert page.locator("img[src=x]").count() == 0
        assert rv.cells.count() == len(ATTACK_CELLS)  # no cell "zz" was run or added
        assert "evil" not in rv.output(2).inner_text()
    finally:
        context.close()


def test_custom_messages_go_from_the_module_to_python_and_back(browser, site_url):
    context, rv = _open(browser, site_url, "#nb/" + encode_link(notebook_text(*PING_CELLS)), len(PING_CELLS))
    try:
        inner = rv.output(1).frame_locator("iframe[data-anywidget-frame]")
        before = rv.output(2).inner_text()
        button = inner.get_by_role("button", name="ping")
        button.click()
        expect(inner.locator("output")).to_have_text("pong 2", timeout=BOOT_TIMEOUT)
        button.click()
        expect(inner.locator("output")).to_have_text("pong 4")
        assert rv.output(2).inner_text() == before  # a message runs no cells
    finally:
        context.close()
