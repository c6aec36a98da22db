"""Every gallery notebook runs headless without an error, and every widget
and layout element of the ``mo`` API displays (no "display failed").

Widgets and layout elements are enumerated from the API itself: a new one
without an example below fails ``test_every_api_name_has_an_example``.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

import kernel_py.mo as mo
from kernel_py.host.headless import run_notebook

ROOT = Path(__file__).resolve().parent.parent
GALLERY = sorted((ROOT / "gallery").glob("*.py"))
BROKEN = ("display failed", "could not be displayed", "Traceback")


def _problems(outputs: list[dict[str, str]]) -> list[str]:
    text = json.dumps(outputs)
    return [marker for marker in BROKEN if marker in text]


@pytest.mark.parametrize("path", GALLERY, ids=[p.stem for p in GALLERY])
def test_gallery_notebook_runs_headless_without_errors(path: Path):
    report = run_notebook(path.read_text(encoding="utf-8"), notebook_dir=str(path.parent))  # as rivulet run
    assert report.cells, f"{path.name} has no cells"
    for cell in report.cells:
        where = f"{path.name} cell {cell['id']} ({cell['name']})"
        assert cell["status"] in ("ok", "skipped", "disabled"), f"{where}: {cell['error']}"
        assert cell["error"] is None, f"{where}: {cell['error']}"
        assert not _problems(cell["outputs"]), f"{where}: {cell['outputs']}"


# -- widgets: mo.ui.<name> -> code building one (``mo`` and ``ui`` are bound) ----
WIDGETS: dict[str, str] = {
    "altair_chart": "mo.ui.altair_chart({'data': {'values': [{'a': 1, 'b': 2}]}, 'mark': 'point', 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}, 'y': {'field': 'b', 'type': 'quantitative'}}})",
    "plotly": "mo.ui.plotly({'data': [{'type': 'scatter', 'x': [1, 2], 'y': [3, 4]}], 'layout': {}})",
    "array": "mo.ui.array([mo.ui.slider(0, 3), mo.ui.text()], label='a')",
    "batch": "mo.ui.batch(mo.md('{x} and {y}'), {'x': mo.ui.slider(0, 3), 'y': mo.ui.checkbox()})",
    "button": "mo.ui.button(value=0, on_click=lambda v: v + 1, label='go')",
    "checkbox": "mo.ui.checkbox(label='ok')",
    "code_editor": "mo.ui.code_editor(value='x = 1')",
    "date": "mo.ui.date(value='2024-01-02')",
    "dictionary": "mo.ui.dictionary({'a': mo.ui.number(0, 5), 'b': mo.ui.switch()})",
    "dropdown": "mo.ui.dropdown(['a', 'b'], value='a')",
    "file": "mo.ui.file(filetypes=['.csv'])",
    "form": "mo.ui.form(mo.ui.text(label='name'))",
    "multiselect": "mo.ui.multiselect(['a', 'b'], value=['a'])",
    "number": "mo.ui.number(0, 10, value=3)",
    "radio": "mo.ui.radio(['a', 'b'], value='b')",
    "range_slider": "mo.ui.range_slider(0, 10, value=[2, 5])",
    "refresh": "mo.ui.refresh(options=['1s', '5s'], default_interval='1s')",
    "run_button": "mo.ui.run_button(label='run')",
    "slider": "mo.ui.slider(0, 10, value=4, label='n')",
    "switch": "mo.ui.switch(value=True)",
    "table": "mo.ui.table([{'a': 1, 'b': '<x>'}, {'a': 2, 'b': 'y'}])",
    "tabs": "mo.ui.tabs({'one': mo.md('**1**'), 'two': mo.ui.slider(0, 2)})",
    "text": "mo.ui.text(value='<hi>', placeholder='say')",
    "text_area": "mo.ui.text_area(value='a\\nb')",
    "dataframe": "mo.ui.dataframe([{'a': 1, 'b': '<x>'}, {'a': 2, 'b': 'y'}])",
    "data_editor": "mo.ui.data_editor({'a': [1, 2], 'b': ['<x>', 'y']})",
    "data_explorer": "mo.ui.data_explorer([{'a': 1, 'b': 'x'}], x='a')",
}
WIDGETS.update({  # marimo 0.25's remaining widgets
    "anywidget": "mo.ui.anywidget(type('W', (), {'_esm': 'export default {}', 'n': 1, 'trait_names': lambda self, sync=False: ['n']})())",
    "chat": "mo.ui.chat(lambda messages, config: 'hi')",
    "date_range": "mo.ui.date_range(start='2024-01-01', stop='2024-02-01')",
    "datetime": "mo.ui.datetime(value='2024-01-01T10:30')",
    "file_browser": "mo.ui.file_browser('.')",
    "matplotlib": "mo.ui.matplotlib(__import__('matplotlib.pyplot').pyplot.subplots()[1])",
    "matrix": "mo.ui.matrix([[1, 0], [0, 1]])",
    "microphone": "mo.ui.microphone(label='voice')",
    "panel": "mo.ui.panel(object())",
})
# -- layout and media elements: mo.<name> -> code --------------------------------
ELEMENTS: dict[str, str] = {
    "accordion": "mo.accordion({'more': mo.md('hidden'), 'w': mo.ui.slider(0, 1)})",
    "as_html": "mo.as_html([1, 2])",
    "audio": "mo.audio(b'RIFF0000WAVE')",
    "callout": "mo.callout(mo.md('careful'), kind='warn', title='Note')",
    "center": "mo.center(mo.md('mid'))",
    "download": "mo.download(b'a,b\\n1,2\\n', filename='t.csv', label='get')",
    "hstack": "mo.hstack([mo.md('a'), mo.ui.slider(0, 1)], justify='start')",
    "icon": "mo.icon('lucide:leaf')",
    "image": "mo.image(b'\\x89PNG\\r\\n\\x1a\\n0000', alt='dot')",
    "json": "mo.json({'a': [1, 2, {'b': None}]})",
    "lazy": "mo.lazy(mo.md('later'))",
    "left": "mo.left('x')",
    "md": "mo.md('# Title\\n\\n*a* <b>b</b>')",
    "pdf": "mo.pdf(b'%PDF-1.4')",
    "plain_text": "mo.plain_text('a  <b>')",
    "right": "mo.right(1)",
    "stat": "mo.stat(1234, label='users', caption='+3', direction='increase')",
    "tabs": "mo.tabs({'a': mo.md('A'), 'b': 2})",
    "tree": "mo.tree(['a', {'b': [1, 2]}])",
    "video": "mo.video(b'\\x00\\x00\\x00\\x18ftypmp42')",
    "vstack": "mo.vstack([mo.md('a'), 1, mo.ui.text()])",
    "carousel": "mo.carousel([mo.md('one'), 2, mo.ui.slider(0, 1)])",
    "doc": "mo.doc(mo.md)",
    "iframe": "mo.iframe('<p>hi</p><script>alert(1)</script>', height='100px')",
    "image_compare": "mo.image_compare(b'\\x89PNG\\r\\n\\x1a\\n0000', b'\\x89PNG\\r\\n\\x1a\\n1111', value=30)",
    "inspect": "mo.inspect([1, 2], methods=True)",
    "mermaid": "mo.mermaid('graph LR; A-->B')",
    "nav_menu": "mo.nav_menu({'#/': 'Home', 'More': {'https://marimo.io': 'marimo'}})",
    "outline": "mo.outline(label='Contents')",
    "plain": "mo.plain({'a': 1})",
    "routes": "mo.routes({'#/': mo.md('home'), '#/about': lambda: mo.md('about')})",
    "show_code": "mo.show_code(mo.md('shown'))",
    "sidebar": "mo.sidebar([mo.md('side')], footer=mo.md('foot'), width=200)",
    "style": "mo.style(mo.md('x'), {'color': 'red'}, font_size='2em')",
}
# names of the API that are not displayable elements (checked, so a new name is a decision)
NOT_ELEMENTS = frozenset(
    {"AppMeta", "Html", "QueryParams", "UIElement", "app_meta", "output", "query_params",
     "notebook_dir", "notebook_location", "state", "status", "stop", "ui",
     # runtime helpers: values, decorators and context managers, not displays
     "MarimoStopError", "Thread", "cache", "capture_stderr", "capture_stdout", "cli_args",
     "current_thread", "defs", "latex", "lru_cache", "persistent_cache", "redirect_stderr",
     "redirect_stdout", "refs", "running_in_notebook",
     # a query (its table is the cell's output), an imported notebook and its cells: tests/test_mo_data.py
     "sql", "App", "Cell",
     # modules and functions that explain themselves (mo.mpl.interactive displays, below)
     "MarimoIslandGenerator", "ai", "create_asgi_app", "islands", "mpl", "watch"}
)
NOT_WIDGETS = frozenset({"FileUploadResults", "UIElement", "experimental_data_editor"})  # the last: a deprecated function


def test_every_api_name_has_an_example():
    widgets = {n for n in mo.ui.__all__ if n not in NOT_WIDGETS}
    assert widgets == set(WIDGETS), "add an example for each new mo.ui widget"
    for name in widgets:
        assert inspect.isclass(getattr(mo.ui, name)) and issubclass(getattr(mo.ui, name), mo.UIElement)
    elements = {n for n in mo.__all__ if n not in NOT_ELEMENTS}
    assert elements == set(ELEMENTS), "add an example for each new mo element"


def _shows(notebook, code: str) -> dict[str, str]:
    nb = notebook("import marimo as mo", code)
    assert nb.error("c1") is None, nb.error("c1")
    assert nb.status("c1") == "idle"
    output = nb.output("c1")
    assert output, f"{code} shows nothing"
    assert not _problems([output]), output
    return output


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_every_widget_displays(notebook, name: str):
    output = _shows(notebook, WIDGETS[name])
    assert f'data-kind="{getattr(mo.ui, name)._kind}"' in output["text/html"]


@pytest.mark.parametrize("name", sorted(ELEMENTS))
def test_every_layout_element_displays(notebook, name: str):
    output = _shows(notebook, ELEMENTS[name])
    assert output.get("text/html") or output.get("text/plain")
