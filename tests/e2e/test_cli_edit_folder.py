"""`rivulet edit FOLDER`: `/` lists the folder's notebooks, each opens in the
editor and saves back to its own file; `rivulet new` there shows up on
reload; nothing outside the folder opens (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, ROOT, Rivulet, new_context, notebook_text, rivulet_edit, wait_for_file

pytestmark = pytest.mark.e2e


@pytest.fixture
def folder(tmp_path, site_url):  # site_url: dist/ is built and fresh
    root = tmp_path / "project"
    (root / "reports").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "first.py").write_text(notebook_text("a = 1", "a + 1"), encoding="utf-8")
    (root / "reports" / "sales.py").write_text(notebook_text("x = 20", "x * 2"), encoding="utf-8")
    (root / ".git" / "hidden.py").write_text(notebook_text("h = 1"), encoding="utf-8")
    (root / "script.py").write_text("print('not a notebook')\n", encoding="utf-8")
    (tmp_path / "outside.py").write_text(notebook_text("SECRET = 'outside'"), encoding="utf-8")
    with rivulet_edit(root) as url:
        yield url, root


def test_the_folder_lists_its_notebooks_which_open_edit_and_save_to_their_file(browser, folder):
    url, root = folder
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url)
        assert "key=" not in page.url
        links = page.locator("#rv-folder a[data-notebook-path]")
        expect(links).to_have_text(["first.py", "reports/sales.py"])
        expect(page.locator("#rv-folder h1")).to_have_text("Notebooks in project")

        # `rivulet new` in the folder: there after a reload
        subprocess.run([sys.executable, "-m", "kernel_py.cli", "new", "later.py"], cwd=root, check=True,
                       env={"PYTHONPATH": str(ROOT)}, capture_output=True)
        page.reload()
        expect(links).to_have_text(["first.py", "later.py", "reports/sales.py"])

        links.filter(has_text="reports/sales.py").click()
        app = Rivulet(page, url)
        app.wait_until_ready()
        expect(app.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        expect(page.locator("#rv-name")).to_have_value("sales.py")
        app.run_cell(0, "x = 21")
        expect(app.output(1)).to_have_text("42")
        text = wait_for_file(root / "reports" / "sales.py", "x = 21")
        assert "x * 2" in text
        assert "x = 21" not in (root / "first.py").read_text(encoding="utf-8")

        # back to the list, then the other notebook
        page.locator("#rv-folder-link").click()
        links.filter(has_text="first.py").click()
        expect(app.output(1)).to_have_text("2", timeout=BOOT_TIMEOUT)
    finally:
        context.close()


@pytest.mark.parametrize("asked", ["../outside.py", ".git/hidden.py", "script.txt", "nope.py"])
def test_a_path_outside_the_folder_does_not_open(browser, folder, asked):
    url, root = folder
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url)  # takes the key
        expect(page.locator("#rv-folder a[data-notebook-path]")).to_have_count(2)
        page.goto(f"{origin}/?open={asked}")
        expect(page.locator("#rv-notice")).to_contain_text("There is no notebook", timeout=BOOT_TIMEOUT)
        expect(page.locator("[data-cell-id]")).to_have_count(0)
        assert "SECRET" not in page.content() and "h = 1" not in page.content()
    finally:
        context.close()
