"""A hostile single-file export (`rivulet export --single-file`) served by a
site goes after that site, in Chromium.

The site (a static server on 127.0.0.1) keeps a record in its origin's
IndexedDB and serves ``/secret`` to whoever carries its session cookie. The
notebook's Python opens that IndexedDB, fetches ``/secret`` by the site's
absolute URL and by a relative one, and shows what it got. Its kernel runs in
a sandboxed, opaque-origin frame (web/src/frame/): the browser gives it
nothing of the site's.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from kernel_py.host.static_server import StaticHandler, make_static_server
from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, new_context, notebook_text

pytestmark = pytest.mark.e2e

SECRET = "HOST-SECRET-93"
STORED = "IDB-SECRET-51"

ATTACK = '''
import asyncio, json
import js
from pyodide.ffi import to_js

def obj(d):
    return to_js(d, dict_converter=js.Object.fromEntries)

def settled(request):
    done = asyncio.get_event_loop().create_future()
    request.onsuccess = lambda e: done.done() or done.set_result(request.result)
    request.onerror = lambda e: done.done() or done.set_result(None)
    return done

found = {"origin": str(js.self.origin)}
try:
    db = await settled(js.indexedDB.open("host-private"))
    store = db.transaction("keys").objectStore("keys")
    found["indexedDB"] = str(await settled(store.get("k")))
except Exception as e:
    found["indexedDB"] = "blocked: " + type(e).__name__

async def read(url):
    try:
        response = await js.fetch(url, obj({"credentials": "include"}))
        return f"{int(response.status)} " + str(await response.text())[:200]
    except Exception as e:
        return "refused: " + type(e).__name__

found["absolute"] = await read(HOST + "secret")
found["relative"] = await read("/secret")
mo.plain_text("FOUND " + json.dumps(found, sort_keys=True))
'''


class _Site(StaticHandler):
    """The victim site: its files, and /secret for its logged-in user."""

    asked: list[str] = []  # what /secret heard: its request's cookie, its Origin

    def do_GET(self) -> None:  # noqa: N802
        if self.path.split("?")[0] != "/secret":
            return super().do_GET()
        cookie = self.headers.get("Cookie") or ""
        self.asked.append(f"cookie={cookie or '-'} origin={self.headers.get('Origin') or '-'}")
        body = (f"{SECRET} cookie={'yes' if 'session=victim' in cookie else 'no'}").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    folder = tmp_path_factory.mktemp("site")
    server = make_static_server(folder, handler=_Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    src = tmp_path_factory.mktemp("src")
    (src / "nb.py").write_text(notebook_text("import marimo as mo", f"HOST = {server.url!r}", ATTACK, title="Attack"))
    done = subprocess.run(
        [sys.executable, "-m", "kernel_py.host.cli", "export", str(src / "nb.py"), "--single-file", "-o",
         str(folder / "nb.html")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    yield server.url
    server.shutdown()
    server.server_close()


def test_a_single_file_served_by_a_site_cannot_reach_that_sites_storage_or_files(browser: Browser, site: str) -> None:
    context = new_context(browser)
    context.add_cookies([{"name": "session", "value": "victim", "url": site}])
    try:
        page = context.new_page()
        # The site's own page stores something in its origin's IndexedDB.
        page.goto(site + "secret")
        assert SECRET in page.content() and "cookie=yes" in page.content()
        page.evaluate(
            """(stored) => new Promise((resolve, reject) => {
              const open = indexedDB.open("host-private");
              open.onupgradeneeded = () => open.result.createObjectStore("keys");
              open.onsuccess = () => {
                const tx = open.result.transaction("keys", "readwrite");
                tx.objectStore("keys").put(stored, "k");
                tx.oncomplete = () => { open.result.close(); resolve(); };
                tx.onerror = reject;
              };
              open.onerror = reject;
            })""",
            STORED,
        )

        _Site.asked.clear()

        page.goto(site + "nb.html")
        expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        kernel = page.locator('iframe[data-rivulet-kernel][sandbox="allow-scripts"]')
        expect(kernel).to_have_count(1)
        output = page.locator("[data-cell-output]").filter(has_text="FOUND")
        expect(output).to_have_count(1, timeout=BOOT_TIMEOUT)
        text, match = "", None
        for _ in range(100):  # the output may be redrawn under us: read it until it holds the whole report
            text = output.first.inner_text() if output.count() else ""
            match = re.search(r"FOUND\s+(\{.*\})", text, re.S)
            if match:
                break
            page.wait_for_timeout(100)
        assert match, text
        found = json.loads(match.group(1))

        assert found["origin"] == "null", found  # an opaque origin, not the site's
        assert found["indexedDB"].startswith("blocked"), found
        assert found["absolute"].startswith("refused"), found  # cross-origin: no CORS, no cookie, no bytes
        assert not found["relative"].startswith("200"), found  # not the site's /secret
        assert SECRET not in json.dumps(found) and STORED not in json.dumps(found), found
        assert not [a for a in _Site.asked if "session=victim" in a], _Site.asked  # no request in the user's name
        # the site's record is as it was
        assert page.evaluate("async () => (await indexedDB.databases()).map((d) => d.name)") == ["host-private"]
    finally:
        context.close()
