"""A hostile notebook's Python goes after what the site stores, by every route
its kernel has: IndexedDB, the Cache API, the origin's private file system,
the site's files through the page, and the page's own kernel snapshot.

The kernel runs in a sandboxed, opaque-origin frame (web/src/frame/): the
browser, not Rivulet's code, keeps these out of reach. Each route is tried
for real in Chromium; the test then checks, from the site's own page, that
nothing the site stores was read, created or changed.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_link, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

ATTACK = '''
import js, json
from pyodide.ffi import to_js

def obj(d):
    return to_js(d, dict_converter=js.Object.fromEntries)

found = {"origin": str(js.self.origin)}
try:
    request = js.indexedDB.open("rivulet-attack")
    found["indexedDB"] = "opened"
except Exception as e:
    found["indexedDB"] = "blocked"
try:
    await js.caches.open("rivulet-attack")
    found["caches"] = "opened"
except Exception as e:
    found["caches"] = "blocked"
try:
    await js.caches.open("rivulet.kernel-snapshot")
    found["snapshot_cache"] = "opened"
except Exception as e:
    found["snapshot_cache"] = "blocked"
try:
    await js.navigator.storage.getDirectory()
    found["opfs"] = "opened"
except Exception as e:
    found["opfs"] = "blocked"
try:
    js.BroadcastChannel.new("rivulet").postMessage("hello from the notebook")
    found["broadcast"] = "posted"
except Exception as e:
    found["broadcast"] = "blocked"

async def status(url, method="GET"):
    try:
        response = await js.fetch(url, obj({"method": method}))
        return int(response.status)
    except Exception:
        return "refused"

found["get_site_file"] = await status("../index.html")
found["put_site_file"] = await status("../index.html", "PUT")
found["delete_site_file"] = await status("../index.html", "DELETE")
found["edit_api"] = await status("../__rivulet__/file")

# A forged snapshot, after the kernel is up: the page must not store it.
key = str(js.URL.new("../pyodide/__rivulet__/kernel-snapshot?pyodide=0&kernel=evil", js.self.rivuletWorkerURL).href)
js.self.postMessage(obj({"kind": "snapshot-offer", "key": key, "bytes": js.Uint8Array.new(4096)}))
# ...nor a forged copy of the site's snapshot, for the next visit to restore.
js.self.postMessage(obj({"kind": "snapshot-keep", "bytes": js.Uint8Array.new(4096)}))
print("FOUND " + json.dumps(found, sort_keys=True))
'''


def site_storage(page) -> dict:
    """What the site's own page sees in its origin's storage."""
    return page.evaluate(
        """async () => {
          const dbs = (await indexedDB.databases()).map((d) => d.name);
          const cacheNames = await caches.keys();
          const snapshot = [];
          if (cacheNames.includes("rivulet.kernel-snapshot")) {
            const cache = await caches.open("rivulet.kernel-snapshot");
            for (const request of await cache.keys()) {
              const response = await cache.match(request);
              snapshot.push([request.url, response.headers.get("x-rivulet-sha256")]);
            }
          }
          const kept = [];
          if (cacheNames.includes("rivulet.site-snapshot")) {
            const cache = await caches.open("rivulet.site-snapshot");
            for (const request of await cache.keys()) kept.push([request.url, (await (await cache.match(request)).arrayBuffer()).byteLength]);
          }
          return { dbs, cacheNames, snapshot, kept, autosave: Object.keys(localStorage).filter((k) => k.startsWith("rivulet")).length };
        }"""
    )


def test_a_notebook_cannot_reach_what_the_site_stores(browser, site_url):
    context = new_context(browser)
    try:
        page = context.new_page()
        rv = Rivulet(page, site_url)
        # The victim's own notebook, autosaved in this browser, and a kernel
        # snapshot stored by the first visit.
        rv.goto("?new")
        rv.wait_until_ready()
        rv.run_cell(0, "mine = 'MINE-7'")
        wait_for_js(page, "document.documentElement.dataset.kernelSnapshot === 'saved' || document.documentElement.dataset.kernelBoot === 'snapshot'", timeout=BOOT_TIMEOUT)
        before = site_storage(page)

        # Then the attacker's link, in the same tab.
        page.goto(site_url + "#nb/" + encode_link(notebook_text(ATTACK)))
        rv.wait_until_ready()
        page.evaluate("window.__heard = []; new BroadcastChannel('rivulet').onmessage = (e) => window.__heard.push(e.data); 0")
        expect(rv.console(0)).to_contain_text("FOUND", timeout=BOOT_TIMEOUT)
        found = json.loads(rv.console(0).inner_text().split("FOUND ", 1)[1].splitlines()[0])

        assert found["origin"] == "null"  # the kernel's origin is opaque
        for route in ("indexedDB", "caches", "snapshot_cache", "opfs"):
            assert found[route] == "blocked", (route, found)
        assert found["get_site_file"] == 200  # the site's public files stay readable
        for write in ("put_site_file", "delete_site_file", "edit_api"):
            assert found[write] == "refused", (write, found)

        page.wait_for_timeout(1000)
        after = site_storage(page)
        assert "rivulet-attack" not in after["dbs"]
        assert "rivulet-attack" not in after["cacheNames"]
        assert after["snapshot"] == before["snapshot"]  # the forged snapshot was not stored
        assert after["kept"] == before["kept"] and all(size > 1_000_000 for _, size in after["kept"])  # nor the forged copy
        assert not any(str(m) == "hello from the notebook" for m in page.evaluate("window.__heard"))
    finally:
        context.close()


def test_the_kernel_runs_in_an_opaque_sandboxed_frame(browser, site_url):
    context = new_context(browser)
    try:
        page = context.new_page()
        rv = Rivulet(page, site_url).goto("?new")
        rv.wait_until_ready()
        frame = page.locator("iframe[data-rivulet-kernel]")
        expect(frame).to_have_count(1)
        assert frame.get_attribute("sandbox") == "allow-scripts"  # never allow-same-origin
        # a restart replaces the frame (and its worker) with a fresh one
        page.locator("#rv-restart").click()
        rv.wait_until_ready()
        expect(page.locator("iframe[data-rivulet-kernel]")).to_have_count(1)
    finally:
        context.close()
