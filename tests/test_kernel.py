"""The reactive kernel, driven through the session as the browser drives it."""

from __future__ import annotations

import pytest


def test_running_a_cell_runs_its_descendants_in_order(notebook):
    nb = notebook("x = 1", "y = x + 1", "z = y * 10", "z")
    assert nb.text("c3") == "20"
    events = nb.run(c0="x = 5")
    assert nb.ran(events) == ["c0", "c1", "c2", "c3"]
    assert nb.text("c3") == "60"


def test_unrelated_cells_do_not_rerun(notebook):
    nb = notebook("a = 1", "b = 2", "a + 1", "b + 1")
    events = nb.run(c0="a = 10")
    assert nb.ran(events) == ["c0", "c2"]
    assert nb.text("c2") == "11" and nb.text("c3") == "3"


def test_order_is_topological_with_ties_by_position(notebook):
    nb = notebook("print(y)", "y = x + 1", "x = 1")
    assert nb.ran(nb.events) == ["c2", "c1", "c0"]
    assert nb.console("c0") == "2\n"


def test_a_cells_old_defs_are_removed_before_it_reruns(notebook):
    nb = notebook("x = 1", "x")
    nb.run(c0="renamed = 1")
    assert nb.error("c1")["kind"] == "exception"
    assert "NameError" in nb.error("c1")["message"]
    assert "x" not in nb.session.kernel.namespace


def test_deleting_a_cell_removes_its_defs_and_reruns_its_readers(notebook):
    nb = notebook("x = 1", "x + 1", "other = 3")
    events = nb.set_cells(c1="x + 1", c2="other = 3")
    assert nb.ran(events) == ["c1"]
    assert "NameError" in nb.error("c1")["message"]
    assert "x" not in nb.session.kernel.namespace


def test_lazy_mode_marks_descendants_stale_and_catches_up_later(notebook):
    nb = notebook("x = 1", "y = x + 1", "y", on_cell_change="lazy")
    events = nb.run(c0="x = 2")
    assert nb.ran(events) == ["c0"]
    assert nb.status("c1") == "stale" and nb.status("c2") == "stale"
    assert nb.text("c2") == "2"
    events = nb.run("c2")
    assert nb.ran(events) == ["c1", "c2"]
    assert nb.text("c2") == "3"
    assert nb.status("c1") == "idle"


def test_an_empty_run_request_catches_up_stale_cells(notebook):
    nb = notebook("x = 1", "y = x + 1", "y", on_cell_change="lazy")
    nb.run(c0="x = 10")
    events = nb.request("run", cells=[])
    assert nb.ran(events) == ["c1", "c2"]
    assert nb.text("c2") == "11"


def test_disabled_cells_and_their_descendants_do_not_run(notebook):
    nb = notebook("x = 1", run=False)
    nb.request(
        "set_cells",
        cells=[
            {"id": "c0", "code": "x = 1"},
            {"id": "c1", "code": "y = x + 1", "config": {"disabled": True}},
            {"id": "c2", "code": "print(y)"},
            {"id": "c3", "code": "print(x)"},
        ],
    )
    nb.codes.update(c1="y = x + 1", c2="print(y)", c3="print(x)")
    events = nb.run("c0", "c1", "c2", "c3")
    assert nb.ran(events) == ["c0", "c3"]
    assert nb.status("c1") == "disabled" and nb.status("c2") == "disabled"


def test_disabling_a_cell_marks_its_descendants_and_enabling_it_catches_up(notebook):
    nb = notebook("x = 1", "y = x + 1", "y")
    cells = [
        {"id": "c0", "code": "x = 1"},
        {"id": "c1", "code": "y = x + 1", "config": {"disabled": True}},
        {"id": "c2", "code": "y"},
    ]
    nb.request("set_cells", cells=cells)
    assert nb.status("c1") == "disabled" and nb.status("c2") == "disabled"
    nb.codes.update(c0="x = 5")
    events = nb.run("c0")
    assert nb.ran(events) == ["c0"]
    cells[1]["config"] = {"disabled": False}
    cells[0]["code"] = "x = 5"
    events = nb.request("set_cells", cells=cells)
    assert nb.ran(events) == ["c1", "c2"]
    assert nb.text("c2") == "6"


def test_an_exception_shows_the_cells_lines_and_stops_descendants(notebook):
    nb = notebook("a = 1\nb = 1 / 0", "c = b + 1", "independent = 1")
    error = nb.error("c0")
    assert error["kind"] == "exception"
    assert error["message"] == "ZeroDivisionError: division by zero"
    assert 'File "<cell c0>", line 2' in error["traceback"]
    assert "b = 1 / 0" in error["traceback"]
    assert "kernel_py" not in error["traceback"]
    assert nb.status("c0") == "error"
    child = nb.error("c1")
    assert child["kind"] == "ancestor" and "c0" in child["message"]
    assert nb.last("output", "c1")["run"] == "skipped"
    assert nb.last("output", "c2")["run"] == "ok"


def test_ancestor_failure_propagates_to_grandchildren(notebook):
    nb = notebook("x = 1 / 0", "y = x", "z = y")
    assert nb.error("c2")["kind"] == "ancestor"
    assert "c0" in nb.error("c2")["message"]


def test_traceback_through_a_function_defined_in_another_cell(notebook):
    nb = notebook("def f():\n    return {}['missing']", "f()")
    tb = nb.error("c1")["traceback"]
    assert '<cell c1>", line 1' in tb and '<cell c0>", line 2' in tb
    assert "KeyError" in nb.error("c1")["message"]


@pytest.mark.parametrize(
    "codes, bad, words",
    [
        (("x = 1", "x = 2", "x"), {"c0", "c1"}, ["'x'"]),
        (("a, b = 1, 2", "b = 3"), {"c0", "c1"}, ["'b'"]),
        (("import os", "os = 1"), {"c0", "c1"}, ["'os'"]),
    ],
)
def test_multiple_definitions_are_errors_in_every_defining_cell(notebook, codes, bad, words):
    nb = notebook(*codes)
    for cell in bad:
        error = nb.error(cell)
        assert error["kind"] == "multiple-definitions"
        other = (bad - {cell}).pop()
        assert other in error["message"]
        for word in words:
            assert word in error["message"]


def test_the_rest_of_the_notebook_keeps_working_beside_a_conflict(notebook):
    nb = notebook("x = 1", "x = 2", "y = 5", "y * 2")
    assert nb.text("c3") == "10"


def test_resolving_a_multiple_definition_reruns_the_other_cell(notebook):
    nb = notebook("x = 1", "x = 2", "x + 100")
    nb.run(c1="w = 2")
    assert nb.error("c0") is None
    assert nb.text("c2") == "101"


def test_a_cycle_is_an_error_in_every_cell_on_it(notebook):
    nb = notebook("a = b + 1", "b = a + 1", "c = 1", "d = a")
    for cell in ("c0", "c1"):
        error = nb.error(cell)
        assert error["kind"] == "cycle"
        assert "c0" in error["message"] and "c1" in error["message"]
        assert "a" in error["message"] and "b" in error["message"]
    assert nb.error("c2") is None
    assert nb.error("c3")["kind"] == "ancestor"


def test_syntax_error_is_reported_and_descendants_skip(notebook):
    nb = notebook("x = (1,", "y = 1")
    error = nb.error("c0")
    assert error["kind"] == "syntax"
    assert "line 1" in error["message"]
    assert nb.last("output", "c1")["run"] == "ok"


def test_mo_stop_stops_a_cell_and_its_descendants_quietly(notebook):
    nb = notebook(
        "import marimo as mo",
        "flag = True",
        "mo.stop(flag, mo.md('stopped'))\nvalue = 1",
        "print(value)",
    )
    assert nb.error("c2") is None and nb.error("c3") is None
    assert "stopped" in nb.text("c2")
    assert nb.last("output", "c3")["run"] == "skipped"
    assert nb.console("c3") == ""
    nb.run(c1="flag = False")
    assert nb.console("c3") == "1\n"


def test_stdout_and_stderr_are_captured_per_cell_in_order(notebook):
    nb = notebook("import sys\nprint('a')\nsys.stderr.write('b\\n')\nprint('c')")
    streams = [(m["stream"], m["text"]) for m in nb.events if m["type"] == "console"]
    assert [s for s in streams if s[1].strip()] == [("stdout", "a"), ("stderr", "b\n"), ("stdout", "c")]


def test_stdout_is_streamed_while_the_cell_runs(notebook):
    nb = notebook("import marimo as mo\nprint('first')\nmo.output.replace('middle')\nprint('last')")
    kinds = [(m["type"], m.get("text") or m.get("run")) for m in nb.events if m["type"] in ("console", "output")]
    assert kinds.index(("console", "first")) < kinds.index(("output", "running")) < kinds.index(("console", "last"))


@pytest.mark.parametrize(
    "code, expected",
    [
        ("1 + 1", {"text/plain": "2"}),
        ("x = 1", None),
        ("1 + 1;", None),
        ("1 + 1 ;  # comment", None),
        ("'text'", {"text/plain": "'text'"}),
        ("None", None),
        ("print('hi')", None),
        ("[1, 2]", {"text/plain": "[1, 2]"}),
        ("if True:\n    3", None),
    ],
)
def test_the_last_expression_is_the_output(notebook, code, expected):
    nb = notebook(code)
    assert nb.output("c0") == expected


def test_top_level_await_works(notebook):
    nb = notebook("import asyncio\nawait asyncio.sleep(0)\nvalue = 41", "value + 1")
    assert nb.text("c1") == "42"


def test_private_names_are_local_to_their_cell(notebook):
    nb = notebook("_tmp = 1\na = _tmp", "_tmp = 2\nb = _tmp", "a + b")
    assert nb.error("c0") is None and nb.error("c1") is None
    assert nb.text("c2") == "3"
    assert "_tmp" not in nb.session.kernel.namespace


def test_functions_see_private_names_of_their_cell(notebook):
    nb = notebook("_scale = 3\ndef triple(v):\n    return v * _scale", "triple(2)")
    assert nb.text("c1") == "6"


def test_del_in_a_cell_removes_the_name(notebook):
    nb = notebook("x = 1\ny = 2\ndel y", "x")
    assert nb.text("c1") == "1"
    assert "y" not in nb.session.kernel.namespace


def test_builtins_make_no_edges(notebook):
    nb = notebook("print(len([1]))", "x = 1")
    events = nb.run(c1="x = 2")
    assert nb.ran(events) == ["c1"]


def test_a_builtin_redefined_by_a_cell_links_its_readers(notebook):
    nb = notebook("list = lambda *a: 'mine'", "list()")
    assert nb.text("c1") == "'mine'"
    events = nb.run(c0="list = lambda *a: 'changed'")
    assert nb.ran(events) == ["c0", "c1"]
    assert nb.text("c1") == "'changed'"


def test_imported_modules_are_shared_with_every_cell(notebook):
    nb = notebook("import math", "math.floor(2.5)")
    assert nb.text("c1") == "2"


def test_import_marimo_gives_rivulets_api(notebook):
    nb = notebook("import marimo as mo\nmo.__name__", "mo.md('# Hi')")
    assert nb.text("c0") == "'kernel_py.mo'"
    assert nb.output("c1")["text/html"].startswith("<rv-md")


def test_mo_state_setter_reruns_readers_except_the_caller(notebook):
    nb = notebook(
        "import marimo as mo\nget_count, set_count = mo.state(0)",
        "print('reader', get_count())",
        "set_count(5)\nprint('setter', get_count())",
    )
    assert nb.console("c1").splitlines()[-1] == "reader 5"
    assert nb.console("c2").splitlines() == ["setter 5"]


def test_mo_state_update_function(notebook):
    nb = notebook(
        "import marimo as mo\nget_n, set_n = mo.state(1)",
        "set_n(lambda n: n + 1)",
        "get_n()",
    )
    assert nb.text("c2") == "2"


def test_setting_a_widget_value_reruns_its_readers_not_its_creator(notebook):
    nb = notebook(
        "import marimo as mo\nprint('created')\nw = mo.UIElement(1)",
        "print('reader', w.value)",
        "print('unrelated')",
    )
    element = nb.session.kernel.namespace["w"]
    since = len(nb.events)
    events = nb.request("set_ui_value", id=element._id, value=7)
    assert nb.ran(events) == ["c1"]
    assert nb.console("c1", since=since) == "reader 7\n"


def test_rerunning_the_defining_cell_makes_a_fresh_widget(notebook):
    nb = notebook("import marimo as mo\nw = mo.UIElement(1)", "w.value")
    first = nb.session.kernel.namespace["w"]
    nb.request("set_ui_value", id=first._id, value=9)
    assert nb.text("c1") == "9"
    nb.run("c0")
    second = nb.session.kernel.namespace["w"]
    assert second is not first and nb.text("c1") == "1"
    events = nb.request("set_ui_value", id=first._id, value=5)
    assert nb.ran(events) == []


def test_widget_on_change_can_set_state(notebook):
    nb = notebook(
        "import marimo as mo\nget_v, set_v = mo.state('none')",
        "w = mo.UIElement(0, on_change=lambda v: set_v(f'got {v}'))",
        "get_v()",
    )
    nb.request("set_ui_value", id=nb.session.kernel.namespace["w"]._id, value=3)
    assert nb.text("c2") == "'got 3'"


def test_a_failing_on_change_still_updates_readers_and_reports_to_the_widgets_cell(notebook):
    nb = notebook(
        "import marimo as mo\ndef boom(v):\n    raise RuntimeError('bad ' + str(v))",
        "w = mo.ui.slider(0, 10, label='level', on_change=boom)",
        "w.value",
    )
    events = nb.request("set_ui_value", id=nb.session.kernel.namespace["w"]._id, value=3)
    assert nb.text("c2") == "3"
    stderr = nb.console("c1", "stderr")
    assert "slider 'level': on_change raised RuntimeError: bad 3" in stderr
    assert 'File "<cell c0>", line 3, in boom' in stderr
    assert [m for m in events if m["type"] == "error"] == []


def test_a_bad_widget_value_is_refused_with_the_widgets_label(notebook):
    nb = notebook("import marimo as mo\nw = mo.ui.slider(0, 10, label='level')", "w.value")
    events = nb.request("set_ui_value", id=nb.session.kernel.namespace["w"]._id, value=99)
    errors = [m["message"] for m in events if m["type"] == "error"]
    assert len(errors) == 1 and errors[0].startswith("slider 'level': ")
    assert nb.text("c1") == "0"


def test_stale_widget_messages_are_ignored(notebook):
    nb = notebook("x = 1")
    events = nb.request("set_ui_value", id="nope-1", value=1)
    assert [m for m in events if m["type"] == "error"] == []


def test_cell_errors_carry_structured_fields_beside_the_message(notebook):
    nb = notebook("x = 1", "x = 2", "y = 1\nz = 1 / 0", "y + 1")
    clash = nb.error("c0")
    assert clash["kind"] == "multiple-definitions" and clash["names"] == ["x"] and clash["cells"] == ["c1"]
    assert "'x' is also defined by cell c1" in clash["message"]
    failed = nb.error("c2")
    assert failed["kind"] == "exception" and failed["line"] == 2
    assert failed["message"] == "ZeroDivisionError: division by zero"
    skipped = nb.error("c3")
    assert skipped["kind"] == "ancestor" and skipped["cells"] == ["c2"]
