"""mo.ui.dataframe, data_editor, data_explorer and the table's tools in
Chromium: driven through their roles and names, with standard-library data
(no pandas: the site is offline here), checking the output of the cell that
reads the widget, which re-runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from rivulet_e2e import RUN_TIMEOUT, Rivulet, notebook_text

pytestmark = pytest.mark.e2e

ROWS = (
    "rows = [\n"
    "    {'name': 'Ada', 'city': 'Paris', 'age': 36},\n"
    "    {'name': 'Bo', 'city': 'Oslo', 'age': 25},\n"
    "    {'name': 'Cy', 'city': 'Paris', 'age': 41},\n"
    "    {'name': 'Di', 'city': 'Rome', 'age': 30},\n"
    "]"
)


def open_notebook(rv: Rivulet, *cells: str) -> None:
    rv.open_code(notebook_text("import marimo as mo", *cells))
    expect(rv.cells).to_have_count(1 + len(cells), timeout=RUN_TIMEOUT)
    expect(rv.output(len(cells))).not_to_be_empty(timeout=RUN_TIMEOUT)


def test_dataframe_filter_reruns_the_reader_and_shows_pandas_code(rivulet: Rivulet):
    open_notebook(rivulet, ROWS, "w = mo.ui.dataframe(rows)\nw", "mo.Html(f\"kept={[r['name'] for r in w.value]}\")")
    reader = rivulet.output(3)
    expect(reader).to_have_text("kept=['Ada', 'Bo', 'Cy', 'Di']")
    frame = rivulet.output(2)
    frame.get_by_role("combobox", name="Add transform").select_option(label="Filter rows")
    frame.get_by_role("combobox", name="Column").select_option("age")
    frame.get_by_role("combobox", name="Operator").select_option(">")
    frame.get_by_role("textbox", name="Value").fill("30")
    expect(reader).to_have_text("kept=['Ada', 'Cy']")
    preview = frame.get_by_role("table")
    expect(preview.locator("tbody tr")).to_have_count(2)
    frame.get_by_role("tab", name="Python code").click()
    code = frame.locator("pre")
    expect(code).to_contain_text('rows_next = rows_next[rows_next["age"] > 30]')
    # the code shown does what .value did
    pd = pytest.importorskip("pandas")
    scope = {"rows": [{"name": "Ada", "city": "Paris", "age": 36}, {"name": "Bo", "city": "Oslo", "age": 25},
                      {"name": "Cy", "city": "Paris", "age": 41}, {"name": "Di", "city": "Rome", "age": 30}]}
    exec(code.inner_text(), scope)  # noqa: S102 - our own generated code
    assert list(scope["rows_next"]["name"]) == ["Ada", "Cy"]
    assert isinstance(scope["rows_next"], pd.DataFrame)


def test_dataframe_group_by_then_removing_the_step(rivulet: Rivulet):
    open_notebook(rivulet, ROWS, "w = mo.ui.dataframe(rows)\nw", "mo.Html(f'value={w.value}')")
    reader = rivulet.output(3)
    frame = rivulet.output(2)
    frame.get_by_role("combobox", name="Add transform").select_option(label="Group by")
    frame.get_by_role("listbox", name="Group by columns").select_option(["city"])
    frame.get_by_role("combobox", name="Aggregation").select_option("max")
    expect(reader).to_have_text(
        "value=[{'city': 'Oslo', 'name_max': 'Bo', 'age_max': 25}, "
        "{'city': 'Paris', 'name_max': 'Cy', 'age_max': 41}, {'city': 'Rome', 'name_max': 'Di', 'age_max': 30}]"
    )
    expect(frame.get_by_role("table").locator("tbody tr")).to_have_count(3)
    frame.get_by_role("button", name="Remove step 1").click()
    expect(reader).to_contain_text("{'name': 'Ada', 'city': 'Paris', 'age': 36}")


def test_data_editor_edits_cells_and_rows_keeping_a_dict_of_lists(rivulet: Rivulet):
    open_notebook(
        rivulet,
        "ed = mo.ui.data_editor({'fruit': ['apple', 'kiwi'], 'count': [3, 5]}, label='Stock')\ned",
        "mo.Html(f'value={ed.value}')",
    )
    reader = rivulet.output(2)
    editor = rivulet.output(1).get_by_role("table", name="Stock")
    count = editor.get_by_role("textbox", name="count, row 2")
    count.fill("seven")
    count.press("Tab")
    expect(count).to_have_attribute("aria-invalid", "true")
    expect(reader).to_have_text("value={'fruit': ['apple', 'kiwi'], 'count': [3, 5]}")
    count.fill("7")
    count.press("Tab")
    expect(reader).to_have_text("value={'fruit': ['apple', 'kiwi'], 'count': [3, 7]}")
    rivulet.output(1).get_by_role("button", name="Add row").click()
    fruit = editor.get_by_role("textbox", name="fruit, row 3")
    fruit.fill("fig")
    fruit.press("Tab")
    expect(reader).to_have_text("value={'fruit': ['apple', 'kiwi', 'fig'], 'count': [3, 7, None]}")
    editor.get_by_role("button", name="Delete row 1").click()
    expect(reader).to_have_text("value={'fruit': ['kiwi', 'fig'], 'count': [7, None]}")


def test_data_explorer_draws_a_chart_for_the_chosen_columns(rivulet: Rivulet):
    open_notebook(rivulet, ROWS, "ex = mo.ui.data_explorer(rows)\nex", "mo.Html(f'value={ex.value}')")
    reader = rivulet.output(3)
    explorer = rivulet.output(2)
    expect(reader).to_have_text("value={}")
    explorer.get_by_role("combobox", name="x", exact=True).select_option("age")
    explorer.get_by_role("combobox", name="color").select_option("city")
    expect(reader).to_have_text("value={'x': 'age', 'color': 'city'}")
    expect(explorer.get_by_role("figure").locator("svg").first).to_be_visible(timeout=RUN_TIMEOUT * 2)
    explorer.get_by_role("combobox", name="y", exact=True).select_option("name")
    explorer.get_by_role("combobox", name="Chart type").select_option("point")
    expect(reader).to_have_text("value={'x': 'age', 'color': 'city', 'y': 'name'}")


def test_table_searches_filters_summarizes_and_downloads_an_inert_csv(rivulet: Rivulet):
    people = "[{'name': f'p{i}', 'age': 20 + i} for i in range(12)]"
    open_notebook(rivulet, f"t = mo.ui.table({people}, label='People')\nt", "mo.Html(f'picked={t.value}')")
    out = rivulet.output(1)
    table = out.get_by_role("table", name="People")
    expect(table.locator("tfoot")).to_contain_text("min 20 · max 31 · mean 25.5")  # 12 rows: summaries on
    out.get_by_role("searchbox", name="Search").fill("p1")
    expect(out).to_contain_text("3 rows (of 12)")  # p1, p10, p11
    out.get_by_role("searchbox", name="Search").fill("")
    out.get_by_role("button", name="Filter").click()
    out.get_by_role("textbox", name="Filter age").fill(">= 29")
    expect(table.locator("tbody tr")).to_have_count(3)
    table.get_by_role("checkbox", name="Select row 11").check()
    expect(rivulet.output(2)).to_have_text("picked=[{'name': 'p10', 'age': 30}]")
    with rivulet.page.expect_download() as info:
        out.get_by_role("button", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "download.csv"
    assert download.url.startswith("blob:")
    text = open(download.path(), encoding="utf-8").read()
    assert text == "name,age\np9,29\np10,30\np11,31\n"
    with rivulet.page.expect_download() as info:
        out.get_by_role("button", name="Download JSON").click()
    assert re.search(r'"name": "p11"', open(info.value.path(), encoding="utf-8").read())


def test_a_sql_cell_as_marimo_writes_it_shows_its_query_and_names_duckdb_offline(rivulet: Rivulet):
    sql_cell = '_df = mo.sql(\n    f"""\n    SELECT * FROM people\n    """\n)'
    open_notebook(rivulet, "people = [{'name': 'Ada'}]", sql_cell)
    expect(rivulet.cell(2).locator(".cm-content")).to_contain_text("SELECT * FROM people")
    # the test site has no network: duckdb (Pyodide's CDN) cannot load
    expect(rivulet.cell(2)).to_contain_text("required to execute sql: duckdb", timeout=RUN_TIMEOUT * 4)


# the notebook a unit test embeds too (its cells: a slider `count`, stars `line`)
CHILD = (Path(__file__).resolve().parents[1] / "fixtures" / "embedded_child.py").read_text(encoding="utf-8")


def test_an_embedded_notebook_shows_its_outputs_and_its_slider_reruns_the_readers(rivulet: Rivulet):
    # the other notebook's file, written into Python's file system beside this one
    setup = (
        "import importlib, pathlib, sys\n"
        "folder = pathlib.Path('/tmp/embed_e2e')\n"
        "folder.mkdir(exist_ok=True)\n"
        f"(folder / 'child_e2e.py').write_text({CHILD!r})\n"
        "sys.path.insert(0, str(folder))\n"
        "sys.modules.pop('child_e2e', None)\n"
        "app = importlib.import_module('child_e2e').app"
    )
    open_notebook(rivulet, setup, "result = await app.embed()\nresult.output", "mo.md(f\"line={result.defs['line']}\")")
    reader = rivulet.output(3)
    expect(reader).to_have_text("line=***")
    embedded = rivulet.output(2)
    expect(embedded).to_contain_text("stars: ***")
    slider = embedded.get_by_role("slider", name="Count")
    slider.focus()
    rivulet.page.keyboard.press("ArrowRight")
    rivulet.page.keyboard.press("ArrowRight")
    expect(reader).to_have_text("line=*****")
    expect(embedded).to_contain_text("stars: *****")
