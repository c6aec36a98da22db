"""The widgets added for marimo 0.25 parity (date_range, datetime, matrix,
chat, microphone, file_browser, panel) in Chromium: each driven like a user
through its ARIA role and name; the cell that reads it must re-run.

One read-mode page runs CELLS: a widget cell, then a reader cell printing
``<name>=<value>``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect
from rivulet_e2e import BOOT_TIMEOUT, CHROMIUM, CHROMIUM_ARGS, encode_code, notebook_text

pytestmark = pytest.mark.e2e

FILES = (
    "import os\n"
    "os.makedirs('/tmp/fb/sub', exist_ok=True)\n"
    "open('/tmp/fb/a.txt', 'w').write('a')\n"
    "open('/tmp/fb/sub/b.csv', 'w').write('b')\n"
)

# mo.ui.matplotlib's figure comes from matplotlib, which the offline site does
# not ship: this element has a matplotlib widget's props made by hand (a plain
# 400x300 image whose axes span pixels 50..350 x 30..270, data 0..10 x 0..100);
# its front end and its Python value are the real ones.
PLOT = (
    "w_plot = mo.ui.matplotlib.__new__(mo.ui.matplotlib)\n"
    "mo.ui.UIElement.__init__(w_plot, {'type': 'box', 'has_selection': True, "
    "'data': {'x_min': 1, 'x_max': 4, 'y_min': 50, 'y_max': 75}}, props={'src': 'data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', "
    "'width': 400, 'height': 300, 'axes_pixel_bounds': [50, 30, 350, 270], 'x_bounds': [0, 10], "
    "'y_bounds': [0, 100], 'x_scale': 'linear', 'y_scale': 'linear', 'debounce': True})\n"
)

ASYNC_MODEL = (
    "import asyncio\n"
    "async def answer(messages, config):\n"
    "    await asyncio.sleep(0.05)\n"
    "    return 'Later: ' + messages[-1].content\n"
)

# (name, code defining `w_<name>`, reader expression)
WIDGETS = [
    ("range", "mo.ui.date_range(start='2024-01-01', stop='2024-12-31', label='Trip')", "w_range.value"),
    ("when", "mo.ui.datetime(value='2024-01-01T10:30', label='When')", "w_when.value"),
    ("mat", "mo.ui.matrix([[1, 0], [0, 1]], label='Weights')", "w_mat.value"),
    ("chat", "mo.ui.chat(lambda messages, config: 'You said: ' + messages[-1].content.upper())",
     "[(m.role, m.content) for m in w_chat.value]"),
    ("achat", "mo.ui.chat(answer)", "len(w_achat.value)"),
    ("rich", "mo.ui.chat(lambda messages: mo.md('**bold** ' + messages[-1].content))",
     "type(w_rich.value[-1].content).__name__ if w_rich.value else None"),
    ("mic", "mo.ui.microphone(label='Voice')", "len(w_mic.value.getvalue())"),
    ("fb", "mo.ui.file_browser('/tmp/fb', label='Files')", "[f.name for f in w_fb.value]"),
    ("cells", "mo.ui.table([{'x': 1, 'y': 'a'}, {'x': 2, 'y': 'b'}], selection='multi-cell', label='Cells')",
     "[(c.row, c.column, c.value) for c in w_cells.value]"),
    ("vtabs", "mo.ui.tabs({'One': 'first panel', 'Two': 'second panel'}, orientation='vertical')", "w_vtabs.value"),
    ("panel", "mo.ui.panel(object())", "w_panel.value"),
    ("plot", "w_plot", "tuple(round(getattr(w_plot.value, k), 1) for k in ('x_min', 'x_max', 'y_min', 'y_max')) "
     "if w_plot.value else None"),
]

CELLS = ["import marimo as mo"]
for _name, _code, _read in WIDGETS:
    setup = {"fb": FILES, "plot": PLOT, "achat": ASYNC_MODEL}.get(_name, "")
    CELLS += [f"{setup}w_{_name} = {_code}\nw_{_name}", f"mo.Html(f'{_name}={{{_read}!r}}')"]
LAZY = len(CELLS)
CELLS += ["lazy_calls = []", "mo.vstack([mo.Html('<div style=\"height:3000px\">spacer</div>'), "
          "mo.lazy(lambda: lazy_calls.append(1) or mo.md('**lazy content**'))])"]


def cell(page: Page, index: int) -> Locator:
    return page.locator("[data-cell-id]").nth(index).locator("[data-cell-output]")


def widget(page: Page, name: str) -> Locator:
    return cell(page, 1 + 2 * [n for n, _, _ in WIDGETS].index(name))


def out(page: Page, name: str) -> Locator:
    return cell(page, 2 + 2 * [n for n, _, _ in WIDGETS].index(name))


@pytest.fixture(scope="module")
def nb(browser, site_url) -> Page:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url.rstrip('/')}/index.html?mode=read#code/{encode_code(notebook_text(*CELLS))}")
    page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
    expect(out(page, "plot")).to_have_text("plot=(1.0, 4.0, 50.0, 75.0)", timeout=BOOT_TIMEOUT)
    yield page
    context.close()


def test_date_range_takes_a_start_and_an_end(nb: Page):
    expect(out(nb, "range")).to_have_text("range=(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))")
    nb.get_by_label("Trip (end)").fill("2024-02-01")
    expect(out(nb, "range")).to_have_text("range=(datetime.date(2024, 1, 1), datetime.date(2024, 2, 1))")
    nb.get_by_label("Trip (start)").fill("2024-01-15")
    expect(out(nb, "range")).to_have_text("range=(datetime.date(2024, 1, 15), datetime.date(2024, 2, 1))")


def test_datetime_picker_gives_a_datetime(nb: Page):
    expect(out(nb, "when")).to_have_text("when=datetime.datetime(2024, 1, 1, 10, 30)")
    nb.get_by_label("When").fill("2024-03-05T08:15")
    expect(out(nb, "when")).to_have_text("when=datetime.datetime(2024, 3, 5, 8, 15)")


def test_matrix_entries_are_sliders_moved_by_keys_and_drags(nb: Page):
    entry = nb.get_by_role("slider", name="row 1, column 2")
    entry.focus()
    nb.keyboard.press("ArrowRight")
    expect(out(nb, "mat")).to_have_text("mat=[[1, 1], [0, 1]]")
    expect(entry).to_have_attribute("aria-valuenow", "1")
    nb.keyboard.press("Shift+ArrowLeft")  # ten steps down
    expect(out(nb, "mat")).to_have_text("mat=[[1, -9], [0, 1]]")
    other = nb.get_by_role("slider", name="row 2, column 1")
    box = other.bounding_box()
    y = box["y"] + box["height"] / 2
    nb.mouse.move(box["x"] + 5, y)
    nb.mouse.down()
    nb.mouse.move(box["x"] + 5 + 12, y, steps=4)  # 4 px a step: three steps right
    nb.mouse.up()
    expect(out(nb, "mat")).to_have_text("mat=[[1, -9], [3, 1]]")


def test_chat_answers_with_the_model_function_and_readers_rerun(nb: Page):
    chat = widget(nb, "chat")
    box = chat.get_by_role("textbox", name="Message")
    box.fill("hello there")
    box.press("Enter")
    log = chat.get_by_role("log", name="Conversation")
    expect(log).to_contain_text("You said: HELLO THERE")
    expect(out(nb, "chat")).to_have_text(
        "chat=[('user', 'hello there'), ('assistant', 'You said: HELLO THERE')]"
    )
    box = chat.get_by_role("textbox", name="Message")  # the widget survives the answer
    box.fill("again")
    chat.get_by_role("button", name="Send").click()
    expect(log).to_contain_text("You said: AGAIN")
    expect(out(nb, "chat")).to_contain_text("('assistant', 'You said: AGAIN')]")
    expect(log.locator("[data-role]")).to_have_count(4)


def test_chat_awaits_an_async_model_in_the_browser(nb: Page):
    chat = widget(nb, "achat")
    box = chat.get_by_role("textbox", name="Message")
    box.fill("soon")
    box.press("Enter")
    expect(chat.get_by_role("log", name="Conversation")).to_contain_text("Later: soon")
    expect(out(nb, "achat")).to_have_text("achat=2")


def test_chat_shows_a_rich_answer_as_markup(nb: Page):
    chat = widget(nb, "rich")
    box = chat.get_by_role("textbox", name="Message")
    box.fill("answer")
    box.press("Enter")
    log = chat.get_by_role("log", name="Conversation")
    expect(log.locator(".rv-ui-chat-body strong")).to_have_text("bold")
    expect(log).to_contain_text("bold answer")
    expect(out(nb, "rich")).to_have_text("rich='Html'")  # the object, not its text


def test_microphone_renders_and_explains_when_there_is_no_microphone(nb: Page):
    button = nb.get_by_role("button", name="Voice")
    expect(button).to_be_visible()
    expect(out(nb, "mic")).to_have_text("mic=0")
    button.click()  # headless Chromium has no audio device
    expect(widget(nb, "mic").get_by_role("alert")).to_contain_text("No microphone was found")
    expect(out(nb, "mic")).to_have_text("mic=0")


@pytest.mark.parametrize("granted", [False, True], ids=["refused", "granted"])
def test_microphone_with_a_fake_device_records_or_explains_the_refusal(browser_type, site_url, granted):
    """A Chromium of its own, with a fake audio device: without the permission
    the widget explains; with it, a recording reaches Python as bytes."""
    browser = browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--use-fake-device-for-media-stream"]
    )
    try:
        context = browser.new_context()
        if granted:
            context.grant_permissions(["microphone"])
        page = context.new_page()
        code = notebook_text("import marimo as mo", "mic = mo.ui.microphone(label='Voice')\nmic",
                             "mo.Html(f'bytes={len(mic.value.getvalue()) > 0}')")
        page.goto(f"{site_url.rstrip('/')}/index.html?mode=read#code/{encode_code(code)}")
        page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
        reader = cell(page, 2)
        expect(reader).to_have_text("bytes=False", timeout=BOOT_TIMEOUT)
        button = page.get_by_role("button", name="Voice")
        button.click()
        if not granted:
            expect(cell(page, 1).get_by_role("alert")).to_contain_text("permission was refused")
            return
        expect(button).to_have_attribute("aria-pressed", "true")
        page.wait_for_timeout(600)
        button.click()
        expect(reader).to_have_text("bytes=True")
        expect(cell(page, 1).get_by_role("status")).to_contain_text("Recorded")
    finally:
        browser.close()


def test_file_browser_lists_navigates_and_selects(nb: Page):
    files = nb.get_by_role("group", name="Files")
    listing = files.get_by_role("list", name="Files in /tmp/fb")
    expect(listing).to_contain_text("a.txt")
    files.get_by_role("checkbox", name="Select a.txt").check()
    expect(out(nb, "fb")).to_have_text("fb=['a.txt']")
    files.get_by_role("button", name="Open sub").click()
    inner = files.get_by_role("list", name="Files in /tmp/fb/sub")
    inner.get_by_role("checkbox", name="Select b.csv").check()
    expect(out(nb, "fb")).to_have_text("fb=['a.txt', 'b.csv']")
    up = files.get_by_role("button", name="Parent folder")
    up.click()
    expect(listing).to_be_visible()
    expect(up).to_be_disabled()  # navigation stays inside the initial path


def test_table_cells_are_selected_in_a_grid(nb: Page):
    grid = widget(nb, "cells").get_by_role("grid")
    grid.get_by_role("gridcell", name="2").click()
    expect(out(nb, "cells")).to_have_text("cells=[('1', 'x', 2)]")
    cell = grid.get_by_role("gridcell", name="a")
    cell.focus()
    nb.keyboard.press("Space")
    expect(out(nb, "cells")).to_have_text("cells=[('1', 'x', 2), ('0', 'y', 'a')]")
    expect(cell).to_have_attribute("aria-selected", "true")


def test_vertical_tabs_move_with_the_arrow_keys(nb: Page):
    tablist = widget(nb, "vtabs").get_by_role("tablist")
    expect(tablist).to_have_attribute("aria-orientation", "vertical")
    tablist.get_by_role("tab", name="One").focus()
    nb.keyboard.press("ArrowDown")
    expect(out(nb, "vtabs")).to_have_text("vtabs='Two'")
    expect(widget(nb, "vtabs").get_by_text("second panel")).to_be_visible()


def test_lazy_calls_its_function_when_scrolled_into_view(nb: Page):
    lazy = cell(nb, LAZY + 1)
    expect(lazy.locator('rv-ui[data-kind="lazy"]')).to_have_count(1)
    expect(lazy).not_to_contain_text("lazy content")
    lazy.locator('rv-ui[data-kind="lazy"]').scroll_into_view_if_needed()
    expect(lazy.locator("strong")).to_have_text("lazy content")


def test_matplotlib_box_selection_maps_the_drag_to_data_coordinates(nb: Page):
    plot = widget(nb, "plot").get_by_role("img", name="matplotlib plot: drag to select a box, Escape clears")
    plot.scroll_into_view_if_needed()
    box = plot.locator("img").bounding_box()
    assert round(box["width"]) == 400
    initial = plot.locator(".rv-ui-mpl-box").bounding_box()  # value= is drawn: x 1..4, y 50..75
    assert (round(initial["x"] - box["x"]), round(initial["y"] - box["y"])) == (80, 90)
    assert (round(initial["width"]), round(initial["height"])) == (90, 60)
    nb.mouse.move(box["x"] + 100, box["y"] + 60)
    nb.mouse.down()
    nb.mouse.move(box["x"] + 150, box["y"] + 100, steps=3)
    nb.mouse.move(box["x"] + 200, box["y"] + 150, steps=3)
    nb.mouse.up()
    expect(out(nb, "plot")).to_have_text("plot=(1.7, 5.0, 50.0, 87.5)")
    expect(plot.locator(".rv-ui-mpl-box")).to_be_visible()
    plot.focus()
    nb.keyboard.press("Escape")
    expect(out(nb, "plot")).to_have_text("plot=None")


def test_panel_explains_that_it_cannot_show_panel_objects(nb: Page):
    expect(widget(nb, "panel").get_by_role("note")).to_contain_text("Panel")


def test_the_gallery_notebook_chats_offline_and_its_lazy_cell_fills_in(browser, site_url):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url.rstrip('/')}/index.html?mode=read&file=gallery/widgets_more.py")
        page.wait_for_selector("html[data-kernel=ready]", timeout=BOOT_TIMEOUT)
        prompts = page.get_by_role("group", name="Suggested prompts")
        expect(prompts).to_be_visible(timeout=BOOT_TIMEOUT)
        prompts.get_by_role("button", name="2 + 2 * 10").click()
        expect(page.get_by_role("log", name="Conversation")).to_contain_text("2 + 2 * 10 = 22")
        expect(page.get_by_text("The conversation has 2 messages.")).to_be_visible()
        page.get_by_text("Shown when you scroll here").scroll_into_view_if_needed()
        page.mouse.wheel(0, 2000)
        expect(page.get_by_text("when this came into view")).to_be_visible()
    finally:
        context.close()
