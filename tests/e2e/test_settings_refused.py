"""A settings change the kernel refuses (issue 11): a PEP 723 header written
in a way Rivulet cannot edit safely. The dialog goes back to the file's
actual settings and says why; the notebook keeps behaving as its file says."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rivulet_e2e import notebook_text, wait_until_cells

pytestmark = pytest.mark.e2e

# dotted keys: valid TOML that marimo reads (lazy), but not a table Rivulet rewrites
HEADER = '# /// script\n# tool.marimo.runtime.on_cell_change = "lazy"\n# ///\n'


def test_a_refused_setting_puts_the_dialog_back_to_the_files_settings(rivulet):
    rv, page = rivulet, rivulet.page
    rv.open_code(HEADER + notebook_text("sr_x = 1", "sr_x + 1"))
    wait_until_cells(rv)
    expect(rv.output(1)).to_have_text("2")

    page.locator("#rv-settings").click()
    dialog = page.get_by_role("dialog", name="Notebook settings")
    lazy = dialog.get_by_label("are marked stale, to run when you choose (lazy)")
    autorun = dialog.get_by_label("run too (autorun)")
    expect(lazy).to_be_checked()

    autorun.click()  # (not check(): the refusal may uncheck it before Playwright looks)
    expect(dialog.get_by_role("alert")).to_contain_text("Settings not changed")
    expect(dialog.get_by_role("alert")).to_contain_text("cannot edit safely")
    expect(lazy).to_be_checked()  # back to what the file says
    expect(autorun).not_to_be_checked()

    # what can be changed still is: the width lives in marimo.App(...), not in the header
    dialog.get_by_label("Width").select_option("full")
    expect(page.locator("#rv-notebook")).to_have_attribute("data-width", "full")
    dialog.get_by_role("button", name="Close").click()

    # the notebook is still lazy, as its file says: a change marks the reader stale
    rv.run_cell(0, "sr_x = 5")
    expect(rv.cell(1)).to_have_attribute("data-status", "stale")
    expect(rv.output(1)).to_have_text("2")
    page.locator("#rv-settings").click()
    expect(dialog.get_by_label("are marked stale, to run when you choose (lazy)")).to_be_checked()
    expect(dialog.get_by_label("Width")).to_have_value("full")
    dialog.get_by_role("button", name="Close").click()
