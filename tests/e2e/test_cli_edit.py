"""`rivulet edit PATH`: the editor in Chromium, saving back to the file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, edit_page, notebook_text, rivulet_edit, wait_for_file


@pytest.fixture
def edit_server(tmp_path, site_url):  # site_url: dist/ is built and fresh
    path = tmp_path / "analysis.py"
    path.write_text(notebook_text("x = 20", "x * 2"), encoding="utf-8")
    with rivulet_edit(path) as url:
        yield url, path


def test_edit_opens_the_file_and_saves_a_run_back_to_it(browser, edit_server):
    url, path = edit_server
    with edit_page(browser, url) as app:
        expect(app.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        app.run_cell(0, "x = 21")
        expect(app.output(1)).to_have_text("42")
        text = wait_for_file(path, "x = 21")
        assert "    x = 21\n" in text and "x * 2" in text
        assert text.startswith("import marimo")
