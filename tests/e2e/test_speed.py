"""Startup speed: the booted kernel's memory snapshot, and last outputs before Python.

These tests are about the snapshot this browser makes itself (``?snapshot=local``:
not the site's own, which tests/e2e/test_site_snapshot.py covers). A cold boot stores a snapshot of the booted kernel once the notebook's first
run is done (``data-kernel-snapshot="saved"``); the next visit and a kernel
restart restore it (``data-kernel-boot="snapshot"``).  A snapshot of another
build is ignored and deleted; a damaged one is dropped and the kernel boots
cold without a word to the user.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text, wait_for_js

NOTEBOOK = notebook_text("import random\nfirst = random.random()\nfirst", "int(first * 0) + 42")
LINK = "#code/" + encode_code(NOTEBOOK)
LOCAL = "?snapshot=local" + LINK  # this browser's own snapshots only
CACHE = "rivulet.kernel-snapshot"

KEYS = f"caches.open('{CACHE}').then(c => c.keys()).then(ks => ks.map(r => r.url))"


@pytest.fixture
def context(browser):
    ctx = new_context(browser)
    yield ctx
    ctx.close()


def visit(context, site_url: str, query: str = LOCAL) -> Rivulet:
    rv = Rivulet(context.new_page(), site_url).goto(query)
    rv.wait_until_ready()
    # the outputs of the last visit show at once (shell/last-outputs.js): wait for this kernel's run
    for i in (0, 1):
        expect(rv.cell(i).locator("[data-cell-ran]")).to_contain_text("ran ", timeout=BOOT_TIMEOUT)
    expect(rv.output(1)).to_have_text("42", timeout=BOOT_TIMEOUT)
    return rv


def boot_kind(rv: Rivulet) -> str | None:
    return rv.page.evaluate("document.documentElement.dataset.kernelBoot ?? null")


def first_visit(context, site_url: str) -> tuple[Rivulet, str]:
    rv = visit(context, site_url)
    assert boot_kind(rv) == "cold"
    wait_for_js(rv.page, "document.documentElement.dataset.kernelSnapshot === 'saved'", timeout=BOOT_TIMEOUT)
    keys = rv.page.evaluate(KEYS)
    assert len(keys) == 1 and "kernel-snapshot" in keys[0], keys
    return rv, keys[0]


def test_second_visit_and_restart_boot_from_the_snapshot(context, site_url):
    first, _ = first_visit(context, site_url)
    value = first.output(0).inner_text()
    first.page.close()

    second = visit(context, site_url)
    assert boot_kind(second) == "snapshot"
    # random was reseeded: not the number the snapshot's interpreter would repeat
    expect(second.output(0)).to_have_text(re.compile(r"^\s*0\.\d+\s*$"))
    assert second.output(0).inner_text() != value
    second.run_cell(1, "int(first * 0) + 43")
    expect(second.output(1)).to_have_text("43")
    expect(second.notice).to_be_hidden()

    second.header.get_by_role("button", name="Restart kernel").click()
    second.wait_until_ready()
    assert second.kernel_states()[-3:] == ["ready", "booting", "ready"]
    assert boot_kind(second) == "snapshot"
    second.run_cell(1)
    expect(second.output(1)).to_have_text("43")


def test_snapshot_switch_off_boots_cold(context, site_url):
    first_visit(context, site_url)
    rv = visit(context, site_url, "?snapshot=off" + LINK)
    assert boot_kind(rv) == "cold"


def test_snapshot_of_another_build_is_ignored_and_replaced(context, site_url):
    first, key = first_visit(context, site_url)
    # What a rebuild leaves behind: the entry sits under the old kernel's hash.
    stale = re.sub(r"kernel=[^&]+", "kernel=0123456789ab", key)
    first.page.evaluate(
        """async ([key, stale]) => {
          const cache = await caches.open('%s');
          const hit = await cache.match(key);
          await cache.put(stale, hit);
          await cache.delete(key);
        }""" % CACHE,
        [key, stale],
    )
    first.page.close()

    rv = visit(context, site_url)
    assert boot_kind(rv) == "cold"
    wait_for_js(rv.page, "document.documentElement.dataset.kernelSnapshot === 'saved'", timeout=BOOT_TIMEOUT)
    assert rv.page.evaluate(KEYS) == [key]  # the stale one is gone, this build's is back
    expect(rv.notice).to_be_hidden()


@pytest.mark.parametrize("damage", ["flipped-bytes", "wrong-pyodide-build"])
def test_damaged_snapshot_is_dropped_and_the_kernel_boots_cold(context, site_url, damage):
    first, key = first_visit(context, site_url)
    first.page.evaluate(
        """async ([key, damage]) => {
          const cache = await caches.open('%s');
          const hit = await cache.match(key);
          const bytes = new Uint8Array(await hit.arrayBuffer());
          let headers = hit.headers;
          if (damage === "flipped-bytes") {
            for (let i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) bytes[i] ^= 0x5a;
          } else {
            // a checksum that matches, but Pyodide's build id in the header does not
            bytes[20] ^= 0xff;
            const sum = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
            headers = { "x-rivulet-sha256": Array.from(sum, (b) => b.toString(16).padStart(2, "0")).join("") };
          }
          await cache.put(key, new Response(bytes, { headers }));
        }""" % CACHE,
        [key, damage],
    )
    first.page.close()

    rv = visit(context, site_url)
    assert boot_kind(rv) == "cold"
    expect(rv.notice).to_be_hidden()
    expect(rv.page.locator("html")).to_have_attribute("data-kernel", "ready")
    wait_for_js(rv.page, "document.documentElement.dataset.kernelSnapshot === 'saved'", timeout=BOOT_TIMEOUT)

    again = visit(context, site_url)
    assert boot_kind(again) == "snapshot"


# --------------------------------------------------------------- last outputs

SLOW_TO_COMPUTE = notebook_text(
    "import hashlib\ndigest = hashlib.sha256(b'rivulet').hexdigest()[:12]\ndigest",
    "print('printed', len(digest))",
    "mo_free = [n * n for n in range(5)]\nmo_free",
)
OUTPUTS_STORED = "Object.keys(localStorage).some((k) => k.startsWith('rivulet:outputs:'))"


def test_last_outputs_show_before_python_and_stay_when_live_ones_arrive(context, site_url):
    link = "#code/" + encode_code(SLOW_TO_COMPUTE)
    first = Rivulet(context.new_page(), site_url).goto("?snapshot=off" + link)
    first.wait_until_ready()
    expect(first.output(0)).to_contain_text("'", timeout=BOOT_TIMEOUT)
    expect(first.output(2)).to_have_text("[0, 1, 4, 9, 16]")
    wait_for_js(first.page, OUTPUTS_STORED)
    digest = first.output(0).inner_text()
    first.page.close()

    # A cold boot (seconds): the last outputs are on screen while Python starts.
    page = context.new_page()
    page.goto(site_url + "?snapshot=off" + link)
    rv = Rivulet(page, site_url)
    wait_for_js(
        page,
        """document.documentElement.dataset.kernel === 'booting'
           && document.querySelectorAll('[data-cell-output]')[2]?.textContent.includes('[0, 1, 4, 9, 16]')""",
        timeout=BOOT_TIMEOUT,
        interval=20,
    )
    expect(rv.output(0)).to_have_text(digest)
    expect(rv.console(1)).to_have_text("printed 12")
    # Mark the elements on screen and remember where they are: the live outputs must not replace or move them.
    before = page.evaluate(
        """[...document.querySelectorAll('[data-cell-output]')].map((el) => {
             el.dataset.lastRun = 'kept';
             return Math.round(el.getBoundingClientRect().top);
           })"""
    )
    rv.wait_until_ready()
    wait_for_js(page, "[...document.querySelectorAll('[data-cell-id]')].every((c) => c.dataset.status === 'idle')", timeout=BOOT_TIMEOUT)
    expect(rv.output(0)).to_have_text(digest)
    after = page.evaluate(
        """[...document.querySelectorAll('[data-cell-output]')].map((el) =>
             [el.dataset.lastRun, Math.round(el.getBoundingClientRect().top)])"""
    )
    assert [a[0] for a in after] == ["kept"] * len(before)
    assert [a[1] for a in after] == before


def test_edited_notebook_outputs_are_not_kept_for_the_text_that_was_opened(context, site_url):
    link = "#code/" + encode_code(notebook_text("'original ' + 'output'"))
    rv = visit_and_settle(context, site_url, link)
    page = rv.page
    page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('rivulet:outputs')).forEach((k) => localStorage.removeItem(k))")
    rv.run_cell(0, "'edited'")
    expect(rv.output(0)).to_have_text("'edited'")
    page.wait_for_timeout(500)
    assert not page.evaluate(OUTPUTS_STORED)


def visit_and_settle(context, site_url: str, link: str) -> Rivulet:
    rv = Rivulet(context.new_page(), site_url).goto(link)
    rv.wait_until_ready()
    expect(rv.output(0)).not_to_be_empty(timeout=BOOT_TIMEOUT)
    return rv
