"""The widgets added for marimo 0.25 parity, compared with marimo itself
(installed as the oracle): the same parameters and defaults, the same
``.value`` for the same front-end value, the same construction errors."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import re
from pathlib import Path

import pytest

import kernel_py.mo as mo
from kernel_py.mo import ui

real = pytest.importorskip("marimo")

NEW = ["anywidget", "chat", "date_range", "datetime", "file_browser", "matplotlib", "matrix", "microphone", "panel"]


@pytest.mark.parametrize("name", NEW)
def test_the_widget_has_marimos_parameters_and_defaults(name):
    ours = inspect.signature(getattr(ui, name)).parameters
    theirs = inspect.signature(getattr(real.ui, name)).parameters
    for p in theirs.values():
        if p.name == "self":
            continue
        assert p.name in ours, f"mo.ui.{name} lacks parameter {p.name}"
        assert ours[p.name].kind == p.kind, f"mo.ui.{name}({p.name}) kind"
        assert ours[p.name].default == p.default, f"mo.ui.{name}({p.name}=...) default"
    assert name in ui.__all__


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub" / "b.csv").write_text("b")
    return tmp_path


# (factory taking the module (ours or marimo) and a folder, front-end value or None)
CASES = [
    ("date_range defaults", lambda m, d: m.ui.date_range(start="2024-01-01", stop="2024-03-01"), None),
    ("date_range only start", lambda m, d: m.ui.date_range(start=dt.date(2024, 1, 1)), None),
    ("date_range datetimes", lambda m, d: m.ui.date_range(value=(dt.datetime(2024, 1, 1, 5), "2024-02-01")), None),
    ("date_range update", lambda m, d: m.ui.date_range(), ["2024-02-03", "2024-05-06"]),
    ("datetime start", lambda m, d: m.ui.datetime(start="2024-01-01T10:30"), None),
    ("datetime value", lambda m, d: m.ui.datetime(value=dt.datetime(2023, 5, 1, 8, 9, 10)), None),
    ("datetime update minutes", lambda m, d: m.ui.datetime(), "2024-01-01T10:30"),
    ("datetime update seconds", lambda m, d: m.ui.datetime(precision="second"), "2024-01-01T10:30:15"),
    ("datetime cleared", lambda m, d: m.ui.datetime(), None),
    ("matrix 2d", lambda m, d: m.ui.matrix([[1, 0], [0, 1]]), [[1, 2], [3, 4]]),
    ("matrix vector", lambda m, d: m.ui.matrix([1.5, 2.5]), [[2.5], [3.5]]),
    ("matrix initial", lambda m, d: m.ui.matrix([[1, 2, 3]], min_value=0, max_value=9, step=0.5), None),
    ("microphone initial", lambda m, d: m.ui.microphone(), None),
    ("microphone recording", lambda m, d: m.ui.microphone(label="Voice"), "aGVsbG8="),
    ("file_browser initial", lambda m, d: m.ui.file_browser(d), None),
    ("file_browser value", lambda m, d: m.ui.file_browser(d, value=str(d / "a.txt")), None),
    ("file_browser select", lambda m, d: m.ui.file_browser(d),
     [{"id": "/x", "path": "{d}/sub/b.csv", "name": "b.csv", "is_directory": False}]),
    ("chat initial", lambda m, d: m.ui.chat(lambda messages, config: "hi"), None),
]


def _plain(value):
    """Comparable form: marimo's dataclasses/structs and ours become tuples."""
    if isinstance(value, io.BytesIO):
        return ("bytes", value.getvalue())
    if isinstance(value, (list, tuple)):
        return type(value).__name__, [_plain(v) for v in value]
    if hasattr(value, "is_directory"):
        return (value.id, str(value.path), value.name, value.is_directory)
    return value


@pytest.mark.parametrize("what, make, frontend", CASES, ids=[c[0] for c in CASES])
def test_values_match_marimo(tmp_path, what, make, frontend):
    folder = _tree(tmp_path)
    if isinstance(frontend, list) and frontend and isinstance(frontend[0], dict):
        frontend = [{**f, "path": f["path"].format(d=folder)} for f in frontend]
    ours, theirs = make(mo, folder), make(real, folder)
    if frontend is not None or what == "datetime cleared":
        ours._update(frontend)
        theirs._update(frontend)
    assert _plain(ours.value) == _plain(theirs.value)
    assert type(ours.value).__name__ == type(theirs.value).__name__


# (factory taking the module, words marimo's message has: ours must say the same)
ERRORS = [
    lambda m: m.ui.date_range(start="2024-02-01", stop="2024-01-01"),
    lambda m: m.ui.date_range(start="2024-01-01", stop="2024-02-01", value=("2023-01-01", "2024-01-05")),
    lambda m: m.ui.date_range(value=("2024-13-01", "2024-01-01")),
    lambda m: m.ui.datetime(precision="day"),
    lambda m: m.ui.datetime(start="2024-02-01", stop="2024-01-01"),
    lambda m: m.ui.datetime(value="nope"),
    lambda m: m.ui.datetime(start="2024-01-01", value="2023-01-01"),
    lambda m: m.ui.matrix([]),
    lambda m: m.ui.matrix([[1, 2], [3]]),
    lambda m: m.ui.matrix([[1, 2], [3, 4]], symmetric=True),
    lambda m: m.ui.matrix([[1, 2]], symmetric=True),
    lambda m: m.ui.matrix([1, 2], symmetric=True),
    lambda m: m.ui.matrix([[1, 2]], step=0),
    lambda m: m.ui.matrix([[1, 2]], min_value=3),
    lambda m: m.ui.matrix([[1, 2]], max_value=1),
    lambda m: m.ui.matrix([[1, 2]], min_value=5, max_value=5),
    lambda m: m.ui.matrix([[1, 2]], row_labels=["a", "b"]),
    lambda m: m.ui.matrix([[1, 2]], column_labels=["a"]),
    lambda m: m.ui.matrix([[1, 2]], precision=-1),
    lambda m: m.ui.matrix([[1, 2]], step=[[1]]),
    lambda m: m.ui.file_browser("/definitely/not/here"),
    lambda m: m.ui.file_browser(selection_mode="everything"),
    lambda m: m.ui.file_browser(selection_mode=[]),
    lambda m: m.ui.file_browser(value=""),
    lambda m: m.ui.file_browser(value=["/a", "/b"], multiple=False),
    lambda m: m.ui.file_browser(value="/definitely/not/here"),
    lambda m: m.ui.file_browser(filter=5),
]


@pytest.mark.parametrize("make", ERRORS, ids=[f"error{i}" for i in range(len(ERRORS))])
def test_construction_errors_match_marimo(make):
    with pytest.raises(Exception) as theirs:
        make(real)
    with pytest.raises(Exception) as ours:
        make(mo)
    assert type(ours.value) is type(theirs.value) or isinstance(ours.value, type(theirs.value))
    assert str(ours.value) == str(theirs.value)


def test_front_end_errors_match_marimo():
    for make, bad in [
        (lambda m: m.ui.datetime(), "10:30"),
        (lambda m: m.ui.date_range(), ["2024-01-01", "01/02/2024"]),
        (lambda m: m.ui.chat(lambda messages: ""), {"nope": []}),
    ]:
        with pytest.raises(ValueError) as theirs:
            make(real)._update(bad)
        with pytest.raises(ValueError) as ours:
            make(mo)._update(bad)
        assert str(ours.value) == str(theirs.value)


def test_file_browser_refuses_a_path_outside_the_initial_path_as_marimo(tmp_path):
    folder = _tree(tmp_path)
    outside = [{"id": "/etc/hosts", "path": "/etc/hosts", "name": "hosts", "is_directory": False}]
    theirs, ours = real.ui.file_browser(folder), ui.file_browser(folder)
    with pytest.raises(RuntimeError) as a:
        theirs._update(outside)
    with pytest.raises(RuntimeError) as b:
        ours._update(outside)
    assert str(a.value) == str(b.value)
    assert ours.value == () and ours.name() is None and ours.path() is None


def test_file_browser_lists_the_folders_below_its_path_for_the_page(tmp_path):
    folder = _tree(tmp_path)
    props = ui.file_browser(folder, filetypes=[".txt"])._props
    listed = {path: [e["name"] for e in entries] for path, entries in props["folders"].items()}
    assert listed == {str(folder): ["sub", "a.txt"], str(folder / "sub"): []}
    only_dirs = ui.file_browser(folder, selection_mode="directory")._props
    assert [e["name"] for e in only_dirs["folders"][str(folder)]] == ["sub"]


# -- chat ---------------------------------------------------------------------------


def test_chat_calls_the_model_with_the_history_and_config():
    seen = []

    def model(messages, config):
        seen.append(([m.content for m in messages], config.temperature))
        return f"echo {messages[-1].content}"

    c = ui.chat(model, config={"temperature": 0.1})
    c._update({"messages": [{"role": "user", "content": "hi", "id": "u1"}]})
    assert [(m.role, m.content) for m in c.value] == [("user", "hi"), ("assistant", "echo hi")]
    assert isinstance(c.value[0], mo.ai.ChatMessage)
    history = c._frontend_value["messages"]
    c._update({"messages": history + [{"role": "user", "content": "more", "id": "u2"}]})
    assert seen == [(["hi"], 0.1), (["hi", "echo hi", "more"], 0.1)]
    assert len(c.value) == 4


def test_chat_accepts_one_argument_models_generators_and_objects():
    one = ui.chat(lambda messages: "one")
    one._update({"messages": [{"role": "user", "content": "q", "id": "a"}]})
    assert one.value[-1].content == "one"
    streamed = ui.chat(lambda messages, config: (w for w in ["a", "b", "c"]))
    streamed._update({"messages": [{"role": "user", "content": "q", "id": "a"}]})
    assert streamed.value[-1].content == "abc"
    rich = ui.chat(lambda messages: mo.md("**bold**"))
    rich._update({"messages": [{"role": "user", "content": "q", "id": "a"}]})
    assert isinstance(rich.value[-1].content, mo.Html)  # the object, as marimo keeps it
    assert re.search(r"<div data-reply=\"reply-\d+\" hidden><rv-md data-md=\"\*\*bold\*\*\">", f"{rich}")  # its markup travels inside the widget


def test_chat_shows_a_model_error_in_the_chat_and_keeps_the_question():
    def broken(messages, config):
        raise ConnectionError("no network")

    c = ui.chat(broken)
    c._update({"messages": [{"role": "user", "content": "q", "id": "a"}]})
    assert [m.role for m in c.value] == ["user"]
    assert c._frontend_value["error"] == "ConnectionError: no network"


def test_mo_ai_llm_models_exist_and_explain_they_need_a_key_and_the_network():
    assert set(mo.ai.__all__) >= {"ChatMessage", "ChatModelConfig", "ChatAttachment", "llm"}
    for name in ("openai", "anthropic", "google", "groq", "bedrock", "pydantic_ai"):
        assert hasattr(real.ai.llm, name)
        model = getattr(mo.ai.llm, name)("some-model")
        with pytest.raises(RuntimeError, match="API key and network access"):
            model([], None)


def test_chat_answer_is_shown_in_its_own_cell_and_readers_rerun(notebook):
    nb = notebook(
        "import marimo as mo\nc = mo.ui.chat(lambda messages, config: 'ok ' + messages[-1].content)\nc",
        "len(c.value)",
    )
    c = nb.session.kernel.namespace["c"]
    events = nb.request("set_ui_value", id=c._id, value={"messages": [{"role": "user", "content": "x", "id": "1"}]})
    outputs = [e for e in events if e["type"] == "output"]
    assert [e["cell"] for e in outputs] == ["c0", "c1"]  # the chat was shown again; its reader re-ran
    assert "ok x" in outputs[0]["output"]["text/html"] and c._id in outputs[0]["output"]["text/html"]
    assert nb.text("c1") == "2"


# -- matplotlib ---------------------------------------------------------------------


def test_matplotlib_selection_values_match_marimo():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.scatter([1, 2, 3, 4], [1, 4, 9, 16])
    ours, theirs = ui.matplotlib(ax), real.ui.matplotlib(ax)
    assert not ours.value and not theirs.value
    assert ours._props["axes_pixel_bounds"] == pytest.approx(theirs._args.args["axes-pixel-bounds"])
    assert ours._props["x_bounds"] == pytest.approx(theirs._args.args["x-bounds"])
    box = {"type": "box", "has_selection": True, "data": {"x_min": 1.5, "x_max": 3.5, "y_min": 0, "y_max": 10}}
    ours._update(box)
    theirs._update(box)
    assert ours.value.get_mask([1, 2, 3, 4], [1, 4, 9, 16]).tolist() == [False, True, True, False]
    assert (ours.value.x_min, ours.value.y_max) == (theirs.value.x_min, theirs.value.y_max)
    lasso = {"type": "lasso", "has_selection": True, "data": [[0, 0], [5, 0], [5, 5], [0, 5]]}
    ours._update(lasso)
    assert ours.value.get_mask([1, 2, 3], [1, 4, 9]).tolist() == [True, True, False]
    with pytest.raises(ValueError) as a:
        ui.matplotlib(ax, value={"x": 1})
    with pytest.raises(ValueError) as b:
        real.ui.matplotlib(ax, value={"x": 1})
    assert str(a.value) == str(b.value)
    plt.close(fig)


def test_panel_exists_and_explains_itself():
    p = ui.panel(object())
    assert p.value is None
    assert re.search(r'role="note"[^>]*>mo\.ui\.panel\(object\): Panel widgets need', f"{p}")


def test_anywidget_explains_a_non_widget_and_its_value_is_the_objects_state():
    class Counter:  # get_state() gives the synced traits, but no _esm module: not an anywidget
        def get_state(self):
            return {"count": 3, "_esm": "export default {}"}

    w = ui.anywidget(Counter())
    assert w.value == {"count": 3}
    assert "not an anywidget" in f"{w}" and 'role="note"' in f"{w}"


def test_a_chat_inside_markdown_is_shown_again_with_its_answer(notebook):
    nb = notebook(
        "import marimo as mo\nc = mo.ui.chat(lambda messages: 'pong')\nmo.md(f'Ask: {c}')",
        "len(c.value)",
    )
    c = nb.session.kernel.namespace["c"]
    events = nb.request("set_ui_value", id=c._id, value={"messages": [{"role": "user", "content": "ping", "id": "1"}]})
    shown = [e for e in events if e["type"] == "output" and e["cell"] == "c0"]
    assert shown and "pong" in shown[0]["output"]["text/html"] and "rv-md" in shown[0]["output"]["text/html"]
    assert nb.text("c1") == "2"


@pytest.mark.parametrize("name", ["date_range", "datetime"])
def test_date_pickers_from_a_series_match_marimo(name):
    pd = pytest.importorskip("pandas")
    series = pd.Series(pd.to_datetime(["2024-03-01 00:00", "2024-01-05 10:30"]), name="when")
    ours, theirs = getattr(ui, name).from_series(series), getattr(real.ui, name).from_series(series)
    assert (ours.start, ours.stop, ours.value) == (theirs.start, theirs.stop, theirs.value)
    assert ours._label == "when"


@pytest.mark.parametrize(
    "model",
    [
        "async def model(messages, config):\n    await asyncio.sleep(0)\n    return 'async ' + messages[-1].content",
        "async def model(messages):\n    for word in ['async ', messages[-1].content]:\n        await asyncio.sleep(0)\n        yield word",
    ],
    ids=["coroutine", "async generator"],
)
def test_chat_awaits_async_models_before_its_readers_run(notebook, model):
    nb = notebook(
        f"import asyncio\nimport marimo as mo\n{model}\nc = mo.ui.chat(model)\nc",
        "[m.content for m in c.value]",
    )
    c = nb.session.kernel.namespace["c"]
    events = nb.request("set_ui_value", id=c._id, value={"messages": [{"role": "user", "content": "hi", "id": "1"}]})
    assert nb.text("c1") == "['hi', 'async hi']"
    shown = [e for e in events if e["type"] == "output" and e["cell"] == "c0"]
    assert "async hi" in shown[-1]["output"]["text/html"]
