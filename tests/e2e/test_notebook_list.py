"""The Notebooks dialog (issue 11): every notebook stored in this browser,
with open, rename, duplicate, delete and undo, by mouse and keyboard. Each
test acts like a user in its own browser context."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import Rivulet, type_in_cell, wait_for_js, wait_until_cells

pytestmark = pytest.mark.e2e


def stored(page) -> str:
    return page.evaluate(
        "(localStorage.getItem('rivulet:autosave') ?? '') + (localStorage.getItem('rivulet:autosave:previous') ?? '')"
    )


def two_notebooks(rv: Rivulet) -> None:
    """A notebook with 'alpha-1', then a new one with 'beta-2' (open now)."""
    page = rv.page
    wait_until_cells(rv)
    type_in_cell(rv, 0, "\n# alpha-1")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('alpha-1')", timeout=10_000)
    page.locator("#rv-new").click()
    expect(rv.cell(0)).not_to_contain_text("alpha-1")
    type_in_cell(rv, 0, "\n# beta-2")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('beta-2')", timeout=10_000)


def test_rename_duplicate_delete_undo_and_open(fresh_page):
    rv = fresh_page("?new")
    page = rv.page
    two_notebooks(rv)
    page.locator("#rv-notebooks").click()
    dialog = page.locator("#rv-notebooks-dialog")
    expect(dialog).to_be_visible()
    rows = dialog.locator("li[data-origin]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("open now")
    other = rows.nth(1)
    expect(other).to_contain_text("notebook.py")
    expect(other).to_contain_text("characters")

    # rename, with the keyboard
    other.get_by_role("button", name="Rename notebook.py").focus()
    page.keyboard.press("Enter")
    name = dialog.get_by_role("textbox", name="New name")
    expect(name).to_be_focused()
    page.keyboard.type("alpha")
    page.keyboard.press("Enter")
    expect(dialog.locator("li", has_text="alpha.py")).to_have_count(1)
    assert '"name":"alpha.py"' in stored(page)

    # duplicate
    dialog.get_by_role("button", name="Duplicate alpha.py").click()
    expect(dialog.locator("li", has_text="alpha (copy).py")).to_have_count(1)
    expect(rows).to_have_count(3)

    # delete, then undo in the dialog
    dialog.get_by_role("button", name="Delete alpha (copy).py").click()
    expect(rows).to_have_count(2)
    expect(dialog.get_by_role("status")).to_contain_text("Deleted alpha (copy).py")
    assert "alpha (copy).py" not in stored(page)
    page.keyboard.press("Enter")  # Undo has the focus
    expect(dialog.locator("li", has_text="alpha (copy).py")).to_have_count(1)
    assert "alpha (copy).py" in stored(page)

    # delete, close the dialog: the page's notice still offers Undo
    dialog.get_by_role("button", name="Delete alpha (copy).py").click()
    expect(rows).to_have_count(2)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(rv.notice).to_contain_text("Deleted alpha (copy).py")
    rv.notice.get_by_role("button", name="Undo").click()
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave:previous') ?? '').includes('alpha (copy).py')", timeout=3000)

    # the open notebook cannot be deleted from the list; another one opens
    page.locator("#rv-notebooks").click()
    expect(rows).to_have_count(3)
    expect(rows.first.get_by_role("button", name="Delete", exact=False)).to_have_count(0)
    dialog.get_by_role("button", name="Open alpha.py").click()
    expect(dialog).to_be_hidden()
    expect(rv.cell(0)).to_contain_text("alpha-1")
    expect(page.locator("#rv-name")).to_have_value("alpha.py")

    # and the renamed notebook is what a reload shows
    page.reload()
    wait_until_cells(rv)
    expect(rv.cell(0)).to_contain_text("alpha-1")
    expect(page.locator("#rv-name")).to_have_value("alpha.py")


def test_renaming_the_open_notebook_renames_it_in_the_header(fresh_page):
    rv = fresh_page("?new")
    page = rv.page
    wait_until_cells(rv)
    type_in_cell(rv, 0, "\n# gamma-3")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('gamma-3')", timeout=10_000)
    page.locator("#rv-notebooks").click()
    dialog = page.locator("#rv-notebooks-dialog")
    dialog.get_by_role("button", name="Rename notebook.py").click()
    dialog.get_by_role("textbox", name="New name").fill("gamma")
    page.keyboard.press("Enter")
    expect(dialog.locator("li", has_text="gamma.py")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator("#rv-name")).to_have_value("gamma.py")
    wait_for_js(page, "(localStorage.getItem('rivulet:autosave') ?? '').includes('gamma.py')", timeout=3000)


VERSION_ORIGINS = """async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('rivulet-history'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
  const all = await new Promise((ok) => { const r = db.transaction('versions').objectStore('versions').getAll(); r.onsuccess = () => ok(r.result); });
  db.close();
  return [...new Set(all.map((v) => v.origin))];
}"""


def test_a_deleted_notebooks_versions_go_once_undo_is_over(fresh_page):
    rv = fresh_page("?new")
    page = rv.page
    two_notebooks(rv)
    wait_for_js(page, "indexedDB.databases().then((d) => d.some((x) => x.name === 'rivulet-history'))")
    page.locator("#rv-notebooks").click()
    dialog = page.locator("#rv-notebooks-dialog")
    rows = dialog.locator("li[data-origin]")
    expect(rows).to_have_count(2)
    open_now, other = rows.first.get_attribute("data-origin"), rows.nth(1).get_attribute("data-origin")
    for _ in range(50):
        if {open_now, other} <= set(page.evaluate(VERSION_ORIGINS)):
            break
        page.wait_for_timeout(100)
    assert {open_now, other} <= set(page.evaluate(VERSION_ORIGINS))
    rows.nth(1).get_by_role("button", name="Delete notebook.py").click()
    expect(rows).to_have_count(1)
    page.wait_for_timeout(2000)
    assert other in page.evaluate(VERSION_ORIGINS)  # still undoable
    page.wait_for_timeout(9000)
    expect(dialog.get_by_role("status")).to_have_text("")
    origins = page.evaluate(VERSION_ORIGINS)
    assert other not in origins and open_now in origins
