"""`rivulet edit PATH` when PATH is deleted on disk while the page is open
(issue 11): the page says so, keeps the edits, and "Save it again" recreates
exactly that file; nothing else is ever created."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, edit_page, notebook_text, rivulet_edit, wait_for_file

pytestmark = pytest.mark.e2e


def _files(base) -> list[str]:
    return sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file())


def _deleted_then_saved_again(app: Rivulet, path) -> None:
    base = path.parent
    before = _files(base)
    path.unlink()  # another program (rm, git checkout) deletes the file
    expect(app.notice).to_contain_text(f"{path.name} was deleted on disk", timeout=10_000)
    expect(app.notice).to_contain_text("kept in this browser")

    app.run_cell(0, "x = 8")  # editing goes on; nothing is written meanwhile
    expect(app.output(1)).to_have_text("16")
    time.sleep(2.5)  # a save (or a poll) would have landed by now
    assert not path.exists()
    expect(app.notice).to_contain_text("was deleted on disk")

    app.notice.get_by_role("button", name="Save it again").click()
    text = wait_for_file(path, "x = 8")
    assert "x * 2" in text and "import marimo" in text
    expect(app.notice).to_contain_text(f"Saved {path.name} again")
    assert _files(base) == before  # that file again, nothing else

    # it is an ordinary file again: saves land in it
    app.run_cell(0, "x = 9")
    expect(app.output(1)).to_have_text("18")
    wait_for_file(path, "x = 9")
    assert _files(base) == before


def test_a_file_deleted_on_disk_is_said_so_and_saved_again_on_request(browser, tmp_path, site_url):
    path = tmp_path / "analysis.py"
    path.write_text(notebook_text("x = 20", "x * 2"), encoding="utf-8")
    with rivulet_edit(path) as url, edit_page(browser, url) as app:
        expect(app.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        _deleted_then_saved_again(app, path)


def test_a_folders_notebook_deleted_on_disk_is_saved_again_in_its_place(browser, tmp_path, site_url):
    root = tmp_path / "project"
    (root / "reports").mkdir(parents=True)
    (root / "first.py").write_text(notebook_text("a = 1"), encoding="utf-8")
    path = root / "reports" / "sales.py"
    path.write_text(notebook_text("x = 20", "x * 2"), encoding="utf-8")
    with rivulet_edit(root) as url, edit_page(browser, url, notebook="reports/sales.py") as app:
        expect(app.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        _deleted_then_saved_again(app, path)


def test_overwrite_after_the_file_was_deleted_offers_to_save_it_again(browser, tmp_path, site_url):
    path = tmp_path / "analysis.py"
    path.write_text(notebook_text("x = 20", "x * 2"), encoding="utf-8")
    with rivulet_edit(path) as url, edit_page(browser, url) as app:
        expect(app.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        path.write_text(notebook_text("x = 50  # theirs", "x * 2"), encoding="utf-8")
        app.run_cell(0, "x = 21")  # the save is refused: changed on disk
        expect(app.notice).to_contain_text("your edits were not saved to it", timeout=10_000)
        path.unlink()  # then the file goes away
        app.notice.get_by_role("button", name="Overwrite the file").click()
        expect(app.notice).to_contain_text("analysis.py was deleted on disk", timeout=10_000)
        app.notice.get_by_role("button", name="Save it again").click()
        assert "x = 21" in wait_for_file(path, "x = 21")
