"""HTML outputs that carry their own scripts run them, isolated: in a
sandboxed, opaque-origin frame (web/src/render/scripted.js and
web/output-frame.html). The scripts work (they draw), but they cannot read the
site's storage or this page, nor navigate it away."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_link, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

WIDGET = """
import marimo as mo
mo.Html('''<div id="drawn" style="height:300px">waiting</div>
<script>
const out = document.getElementById("drawn");
const tried = [];
try { localStorage.getItem("x"); tried.push("storage open"); } catch (e) { tried.push("storage blocked"); }
try { parent.document.title; tried.push("page open"); } catch (e) { tried.push("page blocked"); }
try { document.cookie; tried.push("cookies open"); } catch (e) { tried.push("cookies blocked"); }
out.textContent = "drawn by a script in " + self.origin + ": " + tried.join(", ");
try { top.location = "https://example.invalid/"; } catch (e) {}
parent.postMessage({ type: "rivulet:height", height: 1 }, "*");
</script>''')
"""


def test_an_outputs_scripts_run_isolated_in_a_sandboxed_frame(browser, site_url):
    context = new_context(browser)
    try:
        page = context.new_page()
        rv = Rivulet(page, site_url).goto("?new")
        rv.wait_until_ready()
        page.evaluate("localStorage.setItem('rivulet:canary', 'MINE')")
        page.goto(site_url + "#nb/" + encode_link(notebook_text(WIDGET)))
        rv.wait_until_ready()
        frame_el = rv.output(0).locator("iframe[data-scripted-output]")
        expect(frame_el).to_have_count(1, timeout=BOOT_TIMEOUT)
        assert frame_el.get_attribute("sandbox").split() == ["allow-scripts", "allow-popups", "allow-popups-to-escape-sandbox"]
        inner = rv.output(0).frame_locator("iframe[data-scripted-output]")
        expect(inner.locator("#drawn")).to_contain_text("drawn by a script in null", timeout=BOOT_TIMEOUT)
        text = inner.locator("#drawn").inner_text()
        assert "storage blocked" in text and "page blocked" in text and "cookies blocked" in text, text
        # the frame grows to its content (300 px), within the page's limits
        wait_for_js(page, "document.querySelector('iframe[data-scripted-output]').getBoundingClientRect().height >= 290")
        # the page stayed where it was, and nothing of it was touched
        assert page.url.startswith(site_url)
        assert page.evaluate("localStorage.getItem('rivulet:canary')") == "MINE"
        assert page.locator("[data-cell-output] script").count() == 0
    finally:
        context.close()
