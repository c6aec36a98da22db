"""`rivulet edit PATH`: the editor in Chromium, saving back to the file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, Rivulet, new_context, notebook_text


@pytest.fixture
def edit_server(tmp_path, site_url):  # site_url: dist/ is built and fresh
    path = tmp_path / "analysis.py"
    path.write_text(notebook_text("x = 20", "x * 2"), encoding="utf-8")
    env = {**os.environ, "RIVULET_SITE": str(DIST), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kernel_py.cli", "edit", str(path), "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = proc.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+/\S+)", line)
    assert match, f"no URL in {line!r}"
    yield match.group(1), path
    proc.terminate()
    proc.wait(timeout=10)


def test_edit_opens_the_file_and_saves_a_run_back_to_it(browser, edit_server):
    url, path = edit_server
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url)
        app = Rivulet(page, url)
        app.wait_until_ready()
        expect(app.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        app.run_cell(0, "x = 21")
        expect(app.output(1)).to_have_text("42")
        deadline = time.monotonic() + 15
        while "x = 21" not in path.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        text = path.read_text(encoding="utf-8")
        assert "    x = 21\n" in text and "x * 2" in text
        assert text.startswith("import marimo")
    finally:
        context.close()
