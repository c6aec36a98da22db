"""`rivulet edit PATH` and changes made to PATH on disk (another editor, a git
pull): the page says so and reloads it on request, and a save never
overwrites them unseen; neither text is ever lost (issue 11)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, edit_page, notebook_text, rivulet_edit, wait_for_file

pytestmark = pytest.mark.e2e

MINE = "x = 21"
THEIRS = "x = 50  # from another editor"


@pytest.fixture
def edited(browser, tmp_path, site_url):  # site_url: dist/ is built and fresh
    path = tmp_path / "analysis.py"
    path.write_text(notebook_text("x = 20", "x * 2"), encoding="utf-8")
    with rivulet_edit(path) as url, edit_page(browser, url) as app:
        expect(app.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        yield app, path


def _history_has(app: Rivulet, label: str, text: str) -> None:
    """The History dialog lists a version `label`, and that version holds `text`."""
    app.page.locator("#rv-history").click()
    dialog = app.page.locator("#rv-history-dialog")
    item = dialog.locator(".rv-version-list button").filter(has_text=label)
    expect(item).to_have_count(1)
    item.click()
    expect(dialog.locator(".rv-diff")).to_contain_text(text)
    app.page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_a_change_on_disk_is_noticed_and_reloads_on_request(edited):
    app, path = edited
    app.run_cell(0, MINE)
    expect(app.output(1)).to_have_text("42")
    wait_for_file(path, MINE)

    path.write_text(notebook_text(THEIRS, "x * 2"), encoding="utf-8")  # another program writes the file
    expect(app.notice).to_contain_text("analysis.py changed on disk", timeout=10_000)
    expect(app.notice).to_contain_text("kept in History")
    expect(app.output(1)).to_have_text("42")  # nothing changes until asked
    app.notice.get_by_role("button", name="Reload from disk").click()

    expect(app.output(1)).to_have_text("100", timeout=BOOT_TIMEOUT)
    expect(app.cell(0).locator(".cm-content")).to_contain_text(THEIRS)
    assert THEIRS in path.read_text(encoding="utf-8")
    _history_has(app, "Before Reload from disk", MINE)  # the text open before is kept

    # editing goes on: saves land in the file again
    app.run_cell(0, "x = 7")
    expect(app.output(1)).to_have_text("14")
    assert "x * 2" in wait_for_file(path, "x = 7")


def test_a_save_over_a_change_on_disk_is_refused_until_the_user_overwrites(edited):
    app, path = edited
    path.write_text(notebook_text(THEIRS, "x * 2"), encoding="utf-8")
    app.run_cell(0, MINE)  # autosave would write the file now
    expect(app.output(1)).to_have_text("42")
    expect(app.notice).to_contain_text("your edits were not saved to it", timeout=10_000)
    time.sleep(1.5)  # a late save would have landed by now
    assert THEIRS in path.read_text(encoding="utf-8")  # theirs is kept on disk
    expect(app.cell(0).locator(".cm-content")).to_contain_text(MINE)  # mine stays in the editor

    app.page.keyboard.press("ControlOrMeta+s")  # Ctrl+S does not force it either
    time.sleep(1)
    assert MINE not in path.read_text(encoding="utf-8")

    app.notice.get_by_role("button", name="Overwrite the file").click()
    text = wait_for_file(path, MINE)
    assert THEIRS not in text and "x * 2" in text
    expect(app.notice).to_contain_text("Saved to analysis.py")
    _history_has(app, "The file on disk, before Overwrite", THEIRS)  # theirs is kept in History
