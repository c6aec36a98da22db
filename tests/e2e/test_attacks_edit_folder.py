"""`rivulet edit FOLDER`, attacked from Chromium: a notebook of the folder
(say, from a cloned repository) runs its Python in the page; it can neither
list the folder, read a file outside it, nor write another notebook, and a
crafted `?open=` never opens anything outside the folder (issue 11)."""

from __future__ import annotations

import json
import time
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from rivulet_e2e import BOOT_TIMEOUT, edit_page, new_context, notebook_text, rivulet_edit

pytestmark = pytest.mark.e2e

SECRET = "outside-secret-7e21"
VICTIM = notebook_text("victim = 'the user s notebook'")

# What the planted notebook's Python tries, with sync XHR to the edit server's
# origin, with and without a guessed key; it shows what it got as its output.
PROBE_CELL = """
import json
from js import XMLHttpRequest

BASE = {origin!r}
def xhr(method, path, body=None, key=None):
    request = XMLHttpRequest.new()
    request.open(method, BASE + path, False)
    if key:
        request.setRequestHeader("X-Rivulet-Key", key)
        request.setRequestHeader("If-Match", "*")
    try:
        request.send(body)
        return f"{{request.status}} {{request.responseText}}"
    except Exception as exc:
        return f"error {{type(exc).__name__}}"

loot = {{}}
for key in (None, "guess"):
    loot[f"list {{key}}"] = xhr("GET", "/__rivulet__/list", key=key)
    loot[f"outside {{key}}"] = xhr("GET", "/__rivulet__/file?path=..%2Foutside.py", key=key)
    loot[f"victim {{key}}"] = xhr("GET", "/__rivulet__/file?path=victim.py", key=key)
    loot[f"write {{key}}"] = xhr("PUT", "/__rivulet__/file?path=victim.py", "import marimo\\npwned = 1\\n", key=key)
print("PROBED " + json.dumps(loot))
"""


def test_a_notebook_of_the_folder_cannot_list_read_outside_or_write_others(browser: Browser, tmp_path, site_url):
    root = tmp_path / "clone"
    root.mkdir()
    (tmp_path / "outside.py").write_text(notebook_text(f"SECRET = {SECRET!r}"), encoding="utf-8")
    (root / "victim.py").write_text(VICTIM, encoding="utf-8")
    with rivulet_edit(root) as url:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        (root / "planted.py").write_text(notebook_text(PROBE_CELL.format(origin=origin)), encoding="utf-8")
        with edit_page(browser, url, notebook="planted.py") as app:  # the user opens the planted notebook
            expect(app.console(0)).to_contain_text("PROBED", timeout=BOOT_TIMEOUT)
            loot = json.loads(app.console(0).inner_text().split("PROBED ", 1)[1].strip().splitlines()[0])
            page_text = app.page.content()
        time.sleep(1)  # a late write would land by now
    assert set(loot) == {f"{what} {key}" for what in ("list", "outside", "victim", "write") for key in ("None", "guess")}
    for name, answer in loot.items():
        assert answer.startswith(("403 ", "error ")), (name, answer)
    assert SECRET not in page_text and SECRET not in json.dumps(loot) and "victim.py" not in json.dumps(loot)
    assert (root / "victim.py").read_text(encoding="utf-8") == VICTIM


@pytest.mark.parametrize(
    "asked",
    ["..%2Foutside.py", "%2F{tmp}%2Foutside.py", "link.py", "linked%2Foutside.py", "%2E%2E/outside.py", "victim.py%00"],
)
def test_a_crafted_open_link_reads_nothing_outside_the_folder(browser: Browser, tmp_path, site_url, asked):
    root = tmp_path / "clone"
    root.mkdir()
    (tmp_path / "outside.py").write_text(notebook_text(f"SECRET = {SECRET!r}"), encoding="utf-8")
    (root / "victim.py").write_text(VICTIM, encoding="utf-8")
    (root / "link.py").symlink_to(tmp_path / "outside.py")
    (root / "linked").symlink_to(tmp_path)
    with rivulet_edit(root) as url:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        context = new_context(browser)
        try:
            page = context.new_page()
            page.goto(url)  # the key, as the user's tab has it
            expect(page.locator("#rv-folder a[data-notebook-path]")).to_have_text(["victim.py"])
            page.goto(f"{origin}/?open={asked.format(tmp=quote(str(tmp_path), safe=''))}")
            expect(page.locator("#rv-notice")).to_contain_text("There is no notebook", timeout=BOOT_TIMEOUT)
            expect(page.locator("[data-cell-id]")).to_have_count(0)
            assert SECRET not in page.content()
        finally:
            context.close()
    assert (root / "victim.py").read_text(encoding="utf-8") == VICTIM
