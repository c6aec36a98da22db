"""Version history (issue 11): recent versions of each notebook, kept in the
site's IndexedDB by the trusted page; the History dialog compares one with
the current text and restores it, undoably. Each test acts like a user in its
own browser context."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_link, new_context, notebook_text, type_in_cell, wait_for_js, wait_until_cells

pytestmark = pytest.mark.e2e

# Every version kept in this browser, read by the site's own page (as the test's eye).
VERSIONS = """async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'rivulet-history')) return [];
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('rivulet-history'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
  const all = await new Promise((ok) => { const r = db.transaction('versions').objectStore('versions').getAll(); r.onsuccess = () => ok(r.result); });
  db.close();
  return all.map((v) => ({ origin: v.origin, text: v.text, reason: v.reason }));
}"""


def versions(page) -> list[dict]:
    return page.evaluate(VERSIONS)


def wait_for_versions(page, count: int) -> list[dict]:
    for _ in range(100):
        found = versions(page)
        if len(found) >= count:
            return found
        page.wait_for_timeout(100)
    raise AssertionError(f"expected {count} versions, found {versions(page)}")


def autosaved(page, marker: str) -> None:
    wait_for_js(page, f"(localStorage.getItem('rivulet:autosave') ?? '').includes({marker!r})", timeout=10_000)


def test_edit_reload_compare_restore_and_undo_the_restore(fresh_page):
    rv = fresh_page("?new")
    wait_until_cells(rv)
    page = rv.page
    type_in_cell(rv, 0, "\n# first-1 <b>bold</b>")
    autosaved(page, "first-1")
    page.reload()
    wait_until_cells(rv)
    expect(rv.cell(0)).to_contain_text("first-1")
    type_in_cell(rv, 0, "\n# second-2")
    autosaved(page, "second-2")
    # kept: the new notebook as opened, then as it was at the reload
    kept = wait_for_versions(page, 2)
    assert [v["reason"] for v in kept] == ["opened", "opened"]
    assert "first-1" in kept[1]["text"] and "second-2" not in kept[1]["text"]

    page.keyboard.press("ControlOrMeta+Shift+H")
    dialog = page.locator("#rv-history-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("History of notebook.py")
    items = dialog.locator(".rv-version-list button")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("When opened")
    items.first.click()
    diff = dialog.locator(".rv-diff")
    expect(diff.locator(".rv-diff-add")).to_contain_text("# second-2")
    expect(diff).to_contain_text("<b>bold</b>")  # the code as text, never HTML
    expect(diff.locator("b")).to_have_count(0)

    dialog.get_by_role("button", name="Restore this version").click()
    expect(dialog).to_be_hidden()
    expect(rv.cell(0)).to_contain_text("first-1")
    expect(rv.cell(0)).not_to_contain_text("second-2")
    wait_for_js(page, "!(localStorage.getItem('rivulet:autosave') ?? '').includes('second-2')", timeout=10_000)
    # the text it replaced became a version first
    assert any(v["reason"] == "before-restore" and "second-2" in v["text"] for v in wait_for_versions(page, 3))

    # undo the restore from the notice
    expect(rv.notice).to_contain_text("Restored the version")
    rv.notice.get_by_role("button", name="Undo").click()
    expect(rv.cell(0)).to_contain_text("second-2")
    autosaved(page, "second-2")

    # and a reload keeps it
    page.reload()
    wait_until_cells(rv)
    expect(rv.cell(0)).to_contain_text("second-2")

    # the header's History button opens the list too, now with the restores' versions
    page.locator("#rv-history").click()
    expect(dialog.locator(".rv-version-list button").filter(has_text="Before a restore")).not_to_have_count(0)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_a_link_never_touched_leaves_no_version(fresh_page, site_url):
    rv = fresh_page("?new")
    wait_until_cells(rv)
    page = rv.page
    type_in_cell(rv, 0, "\n# mine-3")
    autosaved(page, "mine-3")
    wait_for_versions(page, 1)
    page.goto(site_url + "#nb/" + encode_link(notebook_text("x = 'UNTOUCHED-4'", "x")))
    wait_until_cells(rv)
    expect(rv.output(1)).to_contain_text("UNTOUCHED-4", timeout=BOOT_TIMEOUT)
    page.wait_for_timeout(1500)
    assert not any("UNTOUCHED-4" in v["text"] for v in versions(page))
    stored = page.evaluate("(localStorage.getItem('rivulet:autosave') ?? '') + (localStorage.getItem('rivulet:autosave:previous') ?? '')")
    assert "mine-3" in stored and "UNTOUCHED-4" not in stored


NOTEBOOK_READS_HISTORY = """
import js
try:
    db = js.indexedDB
    db.open("rivulet-history")
    seen = "opened"
except Exception as e:
    seen = "blocked: " + type(e).__name__
print("IDB", seen)
"""


def test_notebook_code_cannot_read_the_versions(fresh_page):
    rv = fresh_page("?new")
    wait_until_cells(rv)
    page = rv.page
    type_in_cell(rv, 0, "\n# secret-5")
    autosaved(page, "secret-5")
    wait_for_versions(page, 1)
    rv.run_cell(0, NOTEBOOK_READS_HISTORY)
    expect(rv.console(0)).to_contain_text("IDB blocked", timeout=BOOT_TIMEOUT)
    assert "secret-5" not in rv.console(0).inner_text()


def test_without_indexeddb_editing_still_works_and_history_says_it_is_off(browser, site_url):
    context = new_context(browser)
    # as in a private window that refuses IndexedDB
    context.add_init_script(
        "Object.defineProperty(globalThis, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });"
    )
    try:
        page = context.new_page()
        rv = Rivulet(page, site_url).goto("?new")
        wait_until_cells(rv)
        type_in_cell(rv, 0, "\n# private-6")
        autosaved(page, "private-6")
        expect(rv.notice).to_contain_text("Version history is off")
        page.reload()
        wait_until_cells(rv)
        expect(rv.cell(0)).to_contain_text("private-6")
        type_in_cell(rv, 0, "\n# again-7")
        autosaved(page, "again-7")
        page.wait_for_timeout(500)
        expect(rv.notice).not_to_contain_text("Version history is off")  # told once
        page.locator("#rv-history").click()
        expect(page.locator("#rv-history-dialog")).to_contain_text("History is off in this window")
    finally:
        context.close()


def test_reload_theirs_keeps_this_tabs_text_as_a_version(fresh_page):
    first = fresh_page("?file=gallery/intro.py")
    second = Rivulet(first.page.context.new_page(), first.site_url).goto("?file=gallery/intro.py")
    wait_until_cells(first)
    wait_until_cells(second)
    type_in_cell(first, 2, "\n# theirs-9")
    autosaved(first.page, "theirs-9")
    expect(second.notice).to_contain_text("changed in another tab")
    type_in_cell(second, 2, "\n# mine-8")  # this tab stopped saving: mine-8 is only on screen
    second.page.wait_for_timeout(1000)
    second.notice.get_by_role("button", name="Reload theirs").click()
    expect(second.cell(2)).to_contain_text("theirs-9")
    expect(second.cell(2)).not_to_contain_text("mine-8")
    # this tab's text is not lost: History has it
    kept = wait_for_versions(second.page, 1)
    assert any(v["reason"] == "before-reload" and "mine-8" in v["text"] for v in kept), kept
    second.page.keyboard.press("ControlOrMeta+Shift+H")
    dialog = second.page.locator("#rv-history-dialog")
    entry = dialog.locator(".rv-version-list button").filter(has_text="Before Reload theirs")
    entry.click()
    expect(dialog.locator(".rv-diff-del")).to_contain_text("mine-8")
    dialog.get_by_role("button", name="Restore this version").click()
    expect(second.cell(2)).to_contain_text("mine-8")
