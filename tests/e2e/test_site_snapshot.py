"""The site's own kernel snapshot: made by the build (build.py, under Node),
restored on a first visit instead of starting Python.

Every visitor restores the same memory, so each must still get a fresh
interpreter of their own: new random numbers, their own time zone and language.
A snapshot that is not this build's (damaged, left by another build, missing)
is not used: the kernel boots cold, without a word to the user, and the
browser keeps a snapshot of its own for next time.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text, wait_for_js

DIST = Path(__file__).resolve().parents[2] / "dist"
SHIPPED = DIST / "pyodide" / "kernel.snapshot.gz"

NOTEBOOK = notebook_text(
    "import json, os, random, sys, time\n"
    "facts = json.dumps({'random': random.random(), 'timezone': time.timezone, 'lang': os.environ.get('LANG'),"
    " 'executable': sys.executable, 'under': os.environ.get('_')})\n"
    "print('FACTS' + facts)",
)
LINK = "#code/" + encode_code(NOTEBOOK)


def boot(context, site_url: str, query: str = LINK) -> tuple[Rivulet, dict]:
    return boot_on(context.new_page(), site_url, query)


def boot_on(page, site_url: str, query: str = LINK) -> tuple[Rivulet, dict]:
    rv = Rivulet(page, site_url).goto(query)
    rv.wait_until_ready()
    expect(rv.cell(0).locator("[data-cell-ran]")).to_contain_text("ran ", timeout=BOOT_TIMEOUT)
    expect(rv.console(0)).to_contain_text("FACTS", timeout=BOOT_TIMEOUT)
    text = rv.console(0).inner_text()
    return rv, json.loads(text[text.index("FACTS") + 5:].strip().splitlines()[0])


def boot_counting_downloads(context, site_url: str) -> tuple[Rivulet, list[str]]:
    """Boot in a new page; also return the requests for the site's snapshot file it made."""
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    rv, _ = boot_on(page, site_url)
    return rv, [url for url in asked if "kernel.snapshot.gz" in url]


# the URLs of the copies of the site's snapshot the page keeps
KEPT = "caches.open('rivulet.site-snapshot').then((c) => c.keys()).then((ks) => ks.map((k) => k.url))"


def kernel(rv: Rivulet) -> tuple[str | None, str | None]:
    return tuple(rv.page.evaluate("[document.documentElement.dataset.kernelBoot ?? null, document.documentElement.dataset.kernelSnapshot ?? null]"))


def test_the_build_ships_a_snapshot():
    assert SHIPPED.is_file() and SHIPPED.stat().st_size > 1_000_000


def test_a_first_visit_restores_the_sites_snapshot_and_each_visitor_is_their_own(browser, site_url):
    seen = []
    for timezone, locale, offset, lang in (("Asia/Tokyo", "ja-JP", -9 * 3600, "ja_JP.UTF-8"),
                                           ("America/New_York", "fr-FR", 5 * 3600, "fr_FR.UTF-8")):
        context = new_context(browser, timezone_id=timezone, locale=locale)
        try:
            rv, facts = boot(context, site_url)
            assert kernel(rv) == ("snapshot", "site")  # no cold boot, nothing of its own to store
            assert facts["timezone"] == offset  # this browser's time zone, not the build machine's
            assert facts["lang"] == lang
            assert facts["executable"] == "/home/pyodide/this.program" and facts["under"] == "./this.program"
            seen.append(facts["random"])
            rv.run_cell(0, "x = 6 * 7\nx")
            expect(rv.output(0)).to_have_text("42")
        finally:
            context.close()
    assert seen[0] != seen[1]  # the same memory, reseeded for each visitor


def damaged(kind: str) -> bytes:
    packed = SHIPPED.read_bytes()
    if kind == "flipped-bytes":
        middle = len(packed) // 2
        return packed[:middle] + bytes(b ^ 0x5A for b in packed[middle:middle + 4096]) + packed[middle + 4096:]
    # another build's file: the same snapshot written again (other bytes, other checksum)
    return gzip.compress(gzip.decompress(packed), 1)


@pytest.mark.parametrize("kind", ["flipped-bytes", "another-build", "missing"])
def test_a_snapshot_that_is_not_this_builds_is_not_used(browser, site_url, kind):
    context = new_context(browser, service_workers="block")  # the route below answers, not the offline cache
    body = None if kind == "missing" else damaged(kind)

    def answer(route):
        if body is None:
            route.fulfill(status=404, body="not found")
        else:
            route.fulfill(status=200, body=body, headers={"content-type": "application/gzip"})

    context.route(re.compile(r".*/pyodide/kernel\.snapshot\.gz(\?.*)?$"), answer)
    try:
        rv, facts = boot(context, site_url)
        assert kernel(rv)[0] == "cold"
        expect(rv.notice).to_be_hidden()
        expect(rv.page.locator("html")).to_have_attribute("data-kernel", "ready")
        # a cold boot keeps this browser's own snapshot, which the next visit restores
        wait_for_js(rv.page, "document.documentElement.dataset.kernelSnapshot === 'saved'", timeout=BOOT_TIMEOUT)
        again, _ = boot(context, site_url)
        assert kernel(again)[0] == "snapshot"
    finally:
        context.close()


def test_snapshot_off_boots_cold(browser, site_url):
    context = new_context(browser)
    try:
        rv, _ = boot(context, site_url, "?snapshot=off" + LINK)
        assert kernel(rv) == ("cold", None)
    finally:
        context.close()


def test_on_a_slow_network_the_first_visit_boots_cold_without_downloading_it(browser, site_url):
    context = new_context(browser, service_workers="block")
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    # about 4 Mbit/s: 7 MB of snapshot would take longer than starting Python
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40, "downloadThroughput": 500_000, "uploadThroughput": 500_000})
    try:
        rv = Rivulet(page, site_url).goto(LINK)
        wait_for_js(page, "performance.getEntriesByName('rivulet:kernel-spawn').length > 0", timeout=BOOT_TIMEOUT)
        page.wait_for_timeout(1500)  # the page has made its choice: the rest may come fast
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        rv.wait_until_ready()
        expect(rv.console(0)).to_contain_text("FACTS", timeout=BOOT_TIMEOUT)
        assert kernel(rv)[0] == "cold"
        assert not [url for url in asked if "kernel.snapshot.gz" in url]
    finally:
        context.close()


def test_a_second_visit_restores_the_copy_the_first_kept_without_downloading_it(browser, site_url):
    context = new_context(browser, service_workers="block")  # (nor would the service worker answer)
    try:
        first, _ = boot(context, site_url)
        assert kernel(first) == ("snapshot", "site")
        wait_for_js(first.page, f"{KEPT}.then((urls) => urls.length === 1)", timeout=BOOT_TIMEOUT)
        first.page.close()
        second, downloads = boot_counting_downloads(context, site_url)
        assert kernel(second) == ("snapshot", "site")
        assert not downloads  # restored from the kept copy
    finally:
        context.close()


def test_a_damaged_kept_copy_is_dropped_and_the_next_visit_downloads_it_again(browser, site_url):
    context = new_context(browser, service_workers="block")
    try:
        first, _ = boot(context, site_url)
        wait_for_js(first.page, f"{KEPT}.then((urls) => urls.length === 1)", timeout=BOOT_TIMEOUT)
        # the kept copy's bytes flipped in the middle (a disk that failed, a partly written entry)
        first.page.evaluate(
            """async () => {
              const cache = await caches.open('rivulet.site-snapshot');
              const [request] = await cache.keys();
              const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
              for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 4096; i++) bytes[i] ^= 0x5a;
              await cache.put(request, new Response(bytes));
            }"""
        )
        first.page.close()
        second, _ = boot(context, site_url)
        assert kernel(second)[0] == "cold"  # not restored from it
        expect(second.notice).to_be_hidden()
        expect(second.output(0)).to_be_empty()
        assert "FACTS" in second.console(0).inner_text()
        wait_for_js(second.page, f"{KEPT}.then((urls) => urls.length === 0)", timeout=BOOT_TIMEOUT)  # dropped
        second.page.close()
        third, downloads = boot_counting_downloads(context, site_url)
        assert kernel(third) == ("snapshot", "site")
        assert downloads  # downloaded again
    finally:
        context.close()
