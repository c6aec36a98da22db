"""Per-notebook settings (issue 11): a Settings dialog that writes marimo's
App(...) keywords and the PEP 723 [tool.marimo.runtime] table into the file,
applies at once, and the file's runtime settings on open (lazy, no run)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kernel_py.notebook.file_format import parse_notebook, write_notebook
from kernel_py.notebook.settings import apply_settings, read_settings
from rivulet_e2e import BOOT_TIMEOUT, Rivulet, new_context, notebook_text, wait_for_js, wait_until_cells
from test_cli_edit import edit_server  # noqa: F401 (a fixture: `rivulet edit` on a file)

MARIMO_PYTHON = Path("/work/venv-marimo/bin/python")

pytestmark = pytest.mark.e2e


def with_settings(text: str, **settings: object) -> str:
    return write_notebook(apply_settings(parse_notebook(text), settings))


def saved_with(rv, *needles: str) -> str:
    """The autosaved file once it contains every one of `needles` (the session's page is shared:
    the slot may still hold an earlier test's notebook, so name something of this one's too)."""
    text = "(JSON.parse(localStorage.getItem('rivulet:autosave') ?? 'null')?.text ?? '')"
    wait_for_js(rv.page, " && ".join(f"{text}.includes({n!r})" for n in needles))
    return rv.autosaved_text()


def test_the_settings_dialog_changes_width_title_and_runtime_in_the_file(rivulet):
    rv, page = rivulet, rivulet.page
    original = notebook_text("sd_a = 21", "sd_b = sd_a * 2\nsd_b")
    rv.open_code(original)
    wait_until_cells(rv)
    expect(rv.output(1)).to_have_text("42")
    notebook = page.locator("#rv-notebook")
    expect(notebook).to_have_attribute("data-width", "compact")
    narrow = rv.cell(0).bounding_box()["width"]

    settings_button = page.locator("#rv-settings")
    settings_button.click()
    dialog = page.get_by_role("dialog", name="Notebook settings")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Width")).to_have_value("compact")
    expect(dialog.get_by_label("run too (autorun)")).to_be_checked()
    expect(dialog.get_by_label("run all cells")).to_be_checked()

    # width applies at once, visibly
    dialog.get_by_label("Width").select_option("full")
    expect(notebook).to_have_attribute("data-width", "full")
    assert rv.cell(0).bounding_box()["width"] > narrow + 100

    dialog.get_by_label("Title").fill("Quarterly sales")
    dialog.get_by_label("Title").press("Enter")
    expect(page).to_have_title("Quarterly sales · Rivulet")
    dialog.get_by_label("are marked stale, to run when you choose (lazy)").check()
    dialog.get_by_label("don't run: cells wait until you run them").check()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(settings_button).to_be_focused()  # focus goes back where it was

    saved = saved_with(rv, "auto_instantiate = false", 'app_title="Quarterly sales"', "sd_b = sd_a * 2")
    assert 'app = marimo.App(width="full", app_title="Quarterly sales")' in saved
    assert saved.startswith(
        '# /// script\n# [tool.marimo.runtime]\n# on_cell_change = "lazy"\n# auto_instantiate = false\n# ///\n\nimport marimo\n'
    )
    # everything else is as the file was (in marimo's canonical form)
    assert with_settings(saved, width="compact", app_title="", on_cell_change="autorun", auto_instantiate=True) == write_notebook(
        parse_notebook(original)
    )

    # lazy mode reached the kernel at once: a run leaves the reader stale
    rv.run_cell(0, "sd_a = 5")
    expect(rv.cell(1)).to_have_attribute("data-status", "stale")
    expect(rv.output(1)).to_have_text("42")

    # the dialog shows what the file now says
    settings_button.click()
    expect(dialog.get_by_label("Width")).to_have_value("full")
    expect(dialog.get_by_label("Title")).to_have_value("Quarterly sales")
    expect(dialog.get_by_label("are marked stale, to run when you choose (lazy)")).to_be_checked()
    expect(dialog.get_by_label("don't run: cells wait until you run them")).to_be_checked()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_a_lazy_notebook_marks_descendants_stale_and_runs_them_on_demand(rivulet):
    rv, page = rivulet, rivulet.page
    text = with_settings(notebook_text("lz_x = 1", "lz_y = lz_x + 1\nlz_y", "lz_y * 10"), on_cell_change="lazy")
    rv.open_code(text)
    wait_until_cells(rv)
    expect(rv.output(2)).to_have_text("20")  # lazy still runs everything on open
    run_stale = page.locator("[data-run-stale]")
    expect(run_stale).to_be_hidden()

    rv.run_cell(0, "lz_x = 5")
    for index in (1, 2):
        expect(rv.cell(index)).to_have_attribute("data-status", "stale")
    expect(rv.output(1)).to_have_text("2")  # the old output stays, marked stale
    expect(run_stale).to_be_visible()

    # one stale cell runs on its own button (its stale descendant stays stale)
    rv.cell(1).get_by_role("button", name="Run cell").click()
    expect(rv.output(1)).to_have_text("6")
    expect(rv.cell(1)).to_have_attribute("data-status", "idle")
    expect(rv.cell(2)).to_have_attribute("data-status", "stale")
    run_stale.click()
    expect(rv.output(2)).to_have_text("60")
    expect(run_stale).to_be_hidden()


def test_a_notebook_that_says_not_to_run_opens_with_nothing_run(rivulet):
    rv, page = rivulet, rivulet.page
    text = with_settings(notebook_text("nr_x = 7", "nr_x * 3", 'print("nr ran")'), auto_instantiate=False, width="medium")
    assert read_settings(parse_notebook(text)).auto_instantiate is False
    rv.open_code(text)
    wait_until_cells(rv)
    expect(page.locator("#rv-notebook")).to_have_attribute("data-width", "medium")
    expect(rv.notice).to_contain_text("have not run")
    for index in range(3):
        expect(rv.cell(index)).to_have_attribute("data-status", "stale")
        expect(rv.cell(index).locator("[data-cell-ran]")).to_have_text("")
    expect(rv.output(1)).to_have_text("")
    expect(rv.console(2)).not_to_contain_text("nr ran")
    expect(page.locator("[data-run-stale]")).to_be_visible()

    rv.notice.get_by_role("button", name="Run all").click()
    expect(rv.output(1)).to_have_text("21")
    expect(rv.console(2)).to_contain_text("nr ran")
    expect(rv.cell(1).locator("[data-cell-ran]")).to_contain_text("ran ")


def test_under_rivulet_edit_the_settings_are_saved_to_the_file_marimo_reads(browser, edit_server):  # noqa: F811
    url, path = edit_server
    context = new_context(browser)
    try:
        rv = Rivulet(context.new_page(), url).goto()  # the edit server's page (its URL carries the key)
        page = rv.page
        expect(rv.output(1)).to_have_text("40", timeout=BOOT_TIMEOUT)
        page.get_by_role("button", name="Settings").click()
        dialog = page.get_by_role("dialog", name="Notebook settings")
        dialog.get_by_label("Width").select_option("medium")
        dialog.get_by_label("are marked stale, to run when you choose (lazy)").check()
        dialog.get_by_role("button", name="Close").click()
        deadline = time.monotonic() + 15
        while "on_cell_change" not in path.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        text = path.read_text(encoding="utf-8")
        assert 'app = marimo.App(width="medium")' in text
        assert text.startswith('# /// script\n# [tool.marimo.runtime]\n# on_cell_change = "lazy"\n# ///\n\nimport marimo\n')
    finally:
        context.close()
    if not MARIMO_PYTHON.exists():
        return
    oracle = (
        "import json, sys\nfrom marimo._ast.load import load_app\nfrom marimo._config.manager import ScriptConfigReader\n"
        "app = load_app(sys.argv[1])\n"
        "print(json.dumps([app._config.width, ScriptConfigReader(sys.argv[1]).read().get('runtime', {})]))"
    )
    out = subprocess.run([str(MARIMO_PYTHON), "-c", oracle, str(path)], capture_output=True, text=True, timeout=120, cwd=path.parent)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == ["medium", {"on_cell_change": "lazy"}]
