"""Interrupts as the kernel sees them: a KeyboardInterrupt in a cell (the
browser raises it from its interrupt buffer, or from a cancelled await)."""

from __future__ import annotations


def test_an_interrupted_cell_ends_the_run_and_marks_its_descendants(notebook):
    nb = notebook("a = 1", "b = a + 1", "c = b + 1", "d = a * 10")
    events = nb.run(c1="b = a + 1\nraise KeyboardInterrupt")
    assert nb.error("c1")["message"] == "KeyboardInterrupt"
    assert nb.status("c1") == "error"
    assert nb.error("c2")["kind"] == "ancestor"
    assert nb.ran(events) == ["c1"]


def test_the_rest_of_an_interrupted_run_waits(notebook):
    nb = notebook("a = 1", "b = a + 1\nraise KeyboardInterrupt if a == 2 else None", "d = a * 10\nprint(d)")
    events = nb.run(c0="a = 2")
    assert nb.ran(events) == ["c0", "c1"]
    assert nb.status("c2") == "stale"  # not a descendant: it waits for a run
    nb.run("c2")
    assert nb.console("c2").splitlines()[-1] == "20"


def test_a_cancelled_await_is_reported_as_an_interrupt(notebook):
    nb = notebook(
        "import asyncio",
        "asyncio.current_task().cancel()\nawait asyncio.sleep(0)",
        "await asyncio.sleep(0)\nprint('after')",
    )
    assert nb.error("c1")["message"] == "KeyboardInterrupt"
    nb.run(c2="await asyncio.sleep(0.01)\nprint('after')")
    assert nb.console("c2") == "after\n"  # the kernel's task is not left cancelled


def test_a_cancelled_error_raised_by_code_stays_what_it_is(notebook):
    nb = notebook("import asyncio\nraise asyncio.CancelledError()")
    assert "CancelledError" in nb.error("c0")["message"]


def test_an_interrupted_on_change_says_so_and_runs_nothing_else(notebook):
    nb = notebook(
        "import marimo as mo\ndef spin(v):\n    raise KeyboardInterrupt",
        "w = mo.ui.slider(0, 10, label='level', on_change=spin)",
        "w.value",
    )
    events = nb.request("set_ui_value", id=nb.session.kernel.namespace["w"]._id, value=3)
    assert "slider 'level': on_change interrupted" in nb.console("c1", "stderr")
    assert "KeyboardInterrupt" in nb.console("c1", "stderr")
    assert nb.ran(events) == []
    assert nb.text("c2") == "0"


def test_cells_an_escaped_interrupt_left_running_go_stale(notebook):
    nb = notebook("a = 1", "b = a + 1")
    kernel = nb.session.kernel
    kernel.cells["c0"].status = "running"
    kernel.cells["c1"].status = "queued"
    kernel.interrupted()
    assert kernel.cells["c0"].status == "stale" and kernel.cells["c1"].status == "stale"
