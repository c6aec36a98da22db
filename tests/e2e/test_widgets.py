"""Widgets (mo.ui), end to end: each widget driven like a user (drag, click,
type, keyboard) in Chromium, checking the output of a cell that reads it.

One read-mode page (one Pyodide boot) runs NOTEBOOK: each widget sits in
its own cell and a reader cell after it prints ``<name>=<value>``.
"""

from __future__ import annotations

import re

import pytest
from rivulet_e2e import encode_code as lz
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

BOOT_TIMEOUT = 60_000
RUN_TIMEOUT = 20_000

# (name, code defining `w_<name>`): a reader cell `f"<name>={w_<name>.value!r}"` follows each
WIDGETS = [
    ("slider", "mo.ui.slider(1, 100, label='Amount', show_value=True)"),
    ("range", "mo.ui.range_slider(0, 10, label='Range')"),
    ("number", "mo.ui.number(0, 100, label='Count')"),
    ("text", "mo.ui.text(label='Name')"),
    ("area", "mo.ui.text_area(label='Notes')"),
    ("check", "mo.ui.checkbox(label='Agree')"),
    ("switch", "mo.ui.switch(label='Dark')"),
    ("radio", "mo.ui.radio({'one': 1, 'two': 2}, label='Pick')"),
    ("dropdown", "mo.ui.dropdown(['red', 'green'], label='Colour')"),
    ("multi", "mo.ui.multiselect(['a', 'b', 'c'], label='Letters')"),
    ("button", "mo.ui.button(value=0, on_click=lambda v: v + 1, label='Add one')"),
    ("run", "mo.ui.run_button(label='Go')"),
    ("date", "mo.ui.date(value='2024-01-01', label='Day')"),
    ("file", "mo.ui.file(label='Upload')"),
    ("code", "mo.ui.code_editor('x = 1', label='Code')"),
    ("table", "mo.ui.table([{'n': 3, 's': 'c'}, {'n': 1, 's': 'a'}, {'n': 2, 's': 'b'}], label='Rows')"),
    ("form", "mo.ui.text(label='Secret').form()"),
    ("array", "mo.ui.array([mo.ui.slider(0, 5, label='first'), mo.ui.checkbox(label='second')])"),
    ("tabs", "mo.ui.tabs({'Alpha': 'alpha panel', 'Beta': 'beta panel'})"),
]


def reader(name: str) -> str:
    if name == "file":
        text = "f'file={[(f.name, len(f.contents)) for f in w_file.value]!r}'"
    elif name == "table":
        text = "f'table={[r[\"s\"] for r in w_table.value]!r}'"
    else:
        text = f"f'{name}={{w_{name}.value!r}}'"
    return f"mo.Html({text})"


def _cell(body: str) -> str:
    lines = "\n".join("    " + line if line else "" for line in body.strip("\n").split("\n"))
    return f"@app.cell\ndef _():\n{lines}\n    return\n"


CELLS = ["import marimo as mo"]
for _name, _code in WIDGETS:
    CELLS += [f"w_{_name} = {_code}\nw_{_name}", reader(_name)]
CELLS += ["seed = mo.ui.slider(1, 100)", 'mo.md(f"{seed} {\'🟢\' * seed.value}")']

NOTEBOOK = (
    'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n'
    + "\n\n".join(_cell(c) for c in CELLS)
    + '\n\nif __name__ == "__main__":\n    app.run()\n'
)


def cell(page: Page, index: int) -> Locator:
    return page.locator("[data-cell-id]").nth(index).locator("[data-cell-output]")


def widget(page: Page, name: str) -> Locator:
    return cell(page, 1 + 2 * [n for n, _ in WIDGETS].index(name))


def out(page: Page, name: str) -> Locator:
    return cell(page, 2 + 2 * [n for n, _ in WIDGETS].index(name))


@pytest.fixture(scope="module")
def nb(browser, site_url) -> Page:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url.rstrip('/')}/index.html?mode=read#code/{lz(NOTEBOOK)}")
    page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
    expect(out(page, "tabs")).to_contain_text("tabs='Alpha'", timeout=RUN_TIMEOUT)
    yield page
    context.close()


def test_slider_follows_a_mouse_drag_and_the_arrow_keys(nb: Page):
    s = nb.get_by_role("slider", name="Amount")
    s.scroll_into_view_if_needed()  # the module's page may have been scrolled by another test
    box = s.bounding_box()
    y = box["y"] + box["height"] / 2
    nb.mouse.move(box["x"] + 8, y)
    nb.mouse.down()
    for k in range(1, 11):
        nb.mouse.move(box["x"] + 8 + k * (box["width"] - 16) / 20, y)
    nb.mouse.up()
    expect(out(nb, "slider")).to_have_text(re.compile(r"slider=(4\d|5\d)"))
    before = int(s.input_value())
    s.press("ArrowRight")
    expect(out(nb, "slider")).to_have_text(f"slider={before + 1}")
    expect(widget(nb, "slider").locator("output")).to_have_text(str(before + 1))


def test_range_slider_thumbs_move_with_the_keyboard(nb: Page):
    nb.get_by_role("slider", name="Range (low)").press("ArrowRight")
    nb.get_by_role("slider", name="Range (high)").press("ArrowLeft")
    expect(out(nb, "range")).to_have_text("range=[1, 9]")


def test_number_text_and_text_area_take_typing(nb: Page):
    nb.get_by_role("spinbutton", name="Count").fill("42")
    expect(out(nb, "number")).to_have_text("number=42")
    name = nb.get_by_role("textbox", name="Name")
    name.fill("Ada")
    expect(out(nb, "text")).to_have_text("text=''")  # debounced until Enter
    name.press("Enter")
    expect(out(nb, "text")).to_have_text("text='Ada'")
    notes = nb.get_by_role("textbox", name="Notes")
    notes.click()
    nb.keyboard.type("line one")
    nb.keyboard.press("Enter")
    nb.keyboard.type("two")
    notes.blur()
    expect(out(nb, "area")).to_have_text("area='line one\\ntwo'")


def test_checkbox_and_switch_toggle_by_click_and_space(nb: Page):
    nb.get_by_role("checkbox", name="Agree").click()
    expect(out(nb, "check")).to_have_text("check=True")
    sw = nb.get_by_role("switch", name="Dark")
    sw.focus()
    nb.keyboard.press("Space")
    expect(out(nb, "switch")).to_have_text("switch=True")
    expect(sw).to_have_attribute("aria-checked", "true")


def test_radio_dropdown_and_multiselect_map_labels_to_values(nb: Page):
    nb.get_by_role("radio", name="two").check()
    expect(out(nb, "radio")).to_have_text("radio=2")
    nb.get_by_role("combobox", name="Colour").select_option("green")
    expect(out(nb, "dropdown")).to_have_text("dropdown='green'")
    nb.get_by_role("listbox", name="Letters").select_option(["a", "c"])
    expect(out(nb, "multi")).to_have_text("multi=['a', 'c']")


def test_button_counts_clicks_and_run_button_is_true_once(nb: Page):
    add = nb.get_by_role("button", name="Add one")
    add.click()
    add.press("Enter")
    expect(out(nb, "button")).to_have_text("button=2")
    expect(out(nb, "run")).to_have_text("run=False")
    nb.get_by_role("button", name="Go").click()
    expect(out(nb, "run")).to_have_text("run=True")


def test_date_picker_gives_a_date(nb: Page):
    nb.get_by_label("Day").fill("2024-03-05")
    expect(out(nb, "date")).to_have_text("date=datetime.date(2024, 3, 5)")


def test_file_upload_reaches_python_as_bytes(nb: Page):
    nb.get_by_label("Upload").set_input_files(
        files=[{"name": "hello.txt", "mimeType": "text/plain", "buffer": b"hello world"}]
    )
    expect(out(nb, "file")).to_have_text("file=[('hello.txt', 11)]")


def test_code_editor_sends_its_text_and_tab_indents(nb: Page):
    editor = nb.get_by_role("textbox", name="Code")
    editor.click()
    nb.keyboard.press("End")
    nb.keyboard.press("Enter")
    nb.keyboard.press("Tab")
    nb.keyboard.type("y")
    expect(out(nb, "code")).to_have_text("code='x = 1\\n    y'")


def test_table_sorts_and_selects_rows(nb: Page):
    table = widget(nb, "table").get_by_role("table")
    table.get_by_role("button", name="n").click()
    expect(table.locator("tbody tr").first).to_contain_text("a")
    table.get_by_role("checkbox", name="Select row 1").check()  # row 1 = {'n': 3, 's': 'c'}
    table.get_by_role("checkbox", name="Select row 2").check()
    expect(out(nb, "table")).to_have_text("table=['c', 'a']")


def test_form_gates_the_value_until_submit(nb: Page):
    box = nb.get_by_role("textbox", name="Secret")
    box.fill("shh")
    box.blur()
    nb.wait_for_timeout(300)
    expect(out(nb, "form")).to_have_text("form=None")
    widget(nb, "form").get_by_role("button", name="Submit").click()
    expect(out(nb, "form")).to_have_text("form='shh'")


def test_array_elements_rerun_readers_of_the_array(nb: Page):
    nb.get_by_role("slider", name="first").press("ArrowRight")
    expect(out(nb, "array")).to_have_text("array=[1, False]")
    nb.get_by_role("checkbox", name="second").check()
    expect(out(nb, "array")).to_have_text("array=[1, True]")


def test_tabs_switch_by_click_and_arrow_keys(nb: Page):
    w = widget(nb, "tabs")
    w.get_by_role("tab", name="Beta").click()
    expect(out(nb, "tabs")).to_have_text("tabs='Beta'")
    expect(w.get_by_role("tabpanel")).to_have_text("beta panel")
    nb.keyboard.press("ArrowLeft")
    expect(out(nb, "tabs")).to_have_text("tabs='Alpha'")


def test_seed_example_slider_inside_markdown_stays_draggable(nb: Page):
    seed_output = cell(nb, len(CELLS) - 1)
    s = seed_output.get_by_role("slider")
    s.scroll_into_view_if_needed()  # the module's page may have been scrolled by another test
    box = s.bounding_box()
    y = box["y"] + box["height"] / 2
    nb.mouse.move(box["x"] + 8, y)
    nb.mouse.down()
    for k in range(1, 21):  # the output re-renders under the pointer on every step
        nb.mouse.move(box["x"] + 8 + k * (box["width"] - 16) / 40, y)
        nb.wait_for_timeout(15)
    nb.mouse.up()
    expect(seed_output).to_contain_text("🟢" * 45)
    value = int(s.input_value())
    assert 45 <= value <= 55
    expect(seed_output).to_have_text(re.compile("^\\s*" + "🟢" * value + "\\s*$"))
    s.press("ArrowRight")  # focus survived the re-render
    s.press("ArrowRight")
    expect(seed_output).to_have_text(re.compile("^\\s*" + "🟢" * (value + 2) + "\\s*$"))
