"""Big outputs stay bounded: console batching and caps, capped text/plain reprs.

Driven through the Session as the browser drives it (tests/harness.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kernel_py.core import console
from kernel_py.display import MAX_PLAIN_CHARS, bounded_repr, format_value

ROOT = Path(__file__).resolve().parent.parent
NOTE = re.compile(r"… output truncated: ([\d,]+) more characters\n$")


def _console_events(nb, cell: str) -> list[dict]:
    return [m for m in nb.events if m["type"] == "console" and m["cell"] == cell]


def _expected_lines(n: int) -> str:
    return "".join(f"line {i}\n" for i in range(n))


def test_a_print_loop_is_batched_capped_and_noted(notebook):
    nb = notebook('for i in range(100_000):\n    print("line", i)', "after = 1")
    events = _console_events(nb, "c0")
    assert len(events) < 500  # was 400,000 (one per write)
    text = "".join(m["text"] for m in events)
    kept = _expected_lines(console.MAX_LINES)
    assert text.startswith(kept)
    full = _expected_lines(100_000)
    note = text[len(kept):]
    match = NOTE.fullmatch(note)
    assert match, note
    assert int(match.group(1).replace(",", "")) == len(full) - len(kept)
    assert note == f"… output truncated: {len(full) - len(kept):,} more characters\n"
    # the cell still ran to the end, and the next one ran
    assert nb.status("c0") == "idle" and nb.status("c1") == "idle"
    assert nb.session.kernel.namespace["after"] == 1


def test_everything_under_the_cap_arrives_in_order_before_the_output(notebook):
    nb = notebook('for i in range(5_000):\n    print("line", i)\n"done"')
    types = [m["type"] for m in nb.events if m.get("cell") == "c0"]
    last_console = max(i for i, t in enumerate(types) if t == "console")
    assert last_console < types.index("output")
    assert nb.console("c0") == _expected_lines(5_000)
    assert len(_console_events(nb, "c0")) < 100


def test_the_character_cap_holds_for_long_lines(notebook):
    nb = notebook("for _ in range(30):\n    print('y' * 150_000)")
    text = nb.console("c0")
    body, note = text[: console.MAX_CHARS], text[console.MAX_CHARS :]
    assert body == (("y" * 150_000 + "\n") * 7)[: console.MAX_CHARS]
    assert note == f"\n… output truncated: {30 * 150_001 - console.MAX_CHARS:,} more characters\n"


def test_one_huge_write_is_cut_at_the_line_cap(notebook):
    nb = notebook("print('\\n'.join(str(i) for i in range(20_000)))")
    text = nb.console("c0")
    kept = "".join(f"{i}\n" for i in range(console.MAX_LINES))
    assert text.startswith(kept)
    rest = "\n".join(str(i) for i in range(20_000)) + "\n"
    assert text[len(kept):] == f"… output truncated: {len(rest) - len(kept):,} more characters\n"


def test_caps_are_per_cell_run_and_stream(notebook):
    code = (
        "import sys\n"
        "for i in range(12_000):\n"
        "    print('o', i)\n"
        "    print('e', i, file=sys.stderr)"
    )
    nb = notebook(code)
    for stream, tag in (("stdout", "o"), ("stderr", "e")):
        text = nb.console("c0", stream)
        assert text.startswith("".join(f"{tag} {i}\n" for i in range(console.MAX_LINES)))
        assert "… output truncated:" in text
    # a re-run starts with fresh limits
    start = len(nb.events)
    nb.run("c0")
    assert nb.console("c0", "stdout", since=start).startswith("o 0\no 1\n")
    assert nb.console("c0", "stdout", since=start).count("\n") == console.MAX_LINES + 1


def test_stdout_and_stderr_interleave_in_order(notebook):
    code = (
        "import sys\n"
        "for i in range(3_000):\n"
        "    print('o', i)\n"
        "    sys.stderr.write(f'e {i}\\n')"
    )
    nb = notebook(code)
    events = _console_events(nb, "c0")
    assert len(events) < 3_000 * 5  # 5 writes an iteration; a stream switch sends
    merged = "".join(m["text"] for m in events)
    assert merged == "".join(f"o {i}\ne {i}\n" for i in range(3_000))
    assert nb.console("c0", "stdout") == "".join(f"o {i}\n" for i in range(3_000))
    assert nb.console("c0", "stderr") == "".join(f"e {i}\n" for i in range(3_000))


def test_occasional_prints_are_sent_as_written(notebook):
    nb = notebook("import time\nfor i in range(3):\n    print(i)\n    time.sleep(0.06)")
    texts = [m["text"] for m in _console_events(nb, "c0")]
    assert texts == ["0", "\n", "1", "\n", "2", "\n"]


def test_after_a_burst_a_quiet_period_shows_the_next_print_at_once(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(console, "_clock", lambda: now[0])
    sent: list[str] = []
    sink = console._Console(lambda cell, stream, text: sent.append(text))
    ctx = type("Ctx", (), {"cell_id": "c"})()
    for i in range(200):
        sink.write(ctx, "stdout", f"{i}\n")
    held = len(sent)
    assert held == console.BURST_EVENTS  # the rest waits in the buffer
    now[0] += console.FLUSH_INTERVAL * 1.2  # a quiet period, then one more write
    sink.write(ctx, "stdout", "late\n")
    assert sent[-1].endswith("late\n") and len(sent) == held + 1
    assert "".join(sent) == "".join(f"{i}\n" for i in range(200)) + "late\n"


def test_print_flush_sends_the_buffer(notebook):
    nb = notebook(
        "import marimo as mo\n"
        "for i in range(2_000):\n"
        "    print(i)\n"
        "print('marker', flush=True)\n"
        "mo.output.replace('middle')\n"
        "print('after')"
    )
    kinds = [(m["type"], m.get("text") or m.get("run")) for m in nb.events if m.get("cell") == "c0"]
    running = kinds.index(("output", "running"))
    before = "".join(t for k, t in kinds[:running] if k == "console")
    assert before.endswith("marker\n")


def test_rivulet_run_json_has_all_output_under_the_cap(tmp_path):
    body = textwrap.indent('for i in range(3_000):\n    print("line", i)', "    ")
    text = (
        "import marimo\n\napp = marimo.App()\n\n\n@app.cell\ndef _():\n"
        f"{body}\n    return\n\n\nif __name__ == \"__main__\":\n    app.run()\n"
    )
    (tmp_path / "nb.py").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kernel_py.cli", "run", "nb.py", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    (cell,) = json.loads(result.stdout)["cells"]
    assert cell["stdout"] == _expected_lines(3_000)


# -- text/plain reprs ------------------------------------------------------------


@pytest.mark.parametrize(
    "code, note",
    [
        ("list(range(1_000_000))", r"… \(984,126 more items\)$"),
        ("{i: str(i) * 10 for i in range(200_000)}", r"… \([\d,]+ more items\)$"),
        ("set(range(1_000_000))", r"… \([\d,]+ more items\)$"),
        ("'x' * 5_000_000", r"… \(4,900,002 more characters\)$"),
        ("[list(range(100_000)) for _ in range(100)]", r"… \(99 more items\)$"),
    ],
)
def test_huge_values_render_capped_with_a_note(notebook, code, note):
    nb = notebook(code)
    text = nb.text("c0")
    assert len(text) <= MAX_PLAIN_CHARS + 40
    assert re.search(note, text), text[-80:]
    assert text[:MAX_PLAIN_CHARS] == _full_repr(code)[:MAX_PLAIN_CHARS]


def _full_repr(code: str) -> str:
    return repr(eval(code))  # noqa: S307 - the test's own expressions


def test_a_huge_list_is_not_repr_d_in_full(notebook):
    import time

    value = list(range(3_000_000))
    start = time.perf_counter()
    bundle = format_value(value)
    assert time.perf_counter() - start < 0.5  # a full repr is ~22 MB of text
    assert bundle["text/plain"].endswith("… (2,984,126 more items)")


def _cyclic_values():
    a = [1]
    a.append(a)
    d = {"k": 1}
    d["self"] = d
    t = ([],)
    t[0].append(t)
    return [a, d, t]


@pytest.mark.parametrize(
    "value",
    [
        [],
        (),
        {},
        set(),
        frozenset(),
        (1,),
        ((),),
        [1, "a", None, 2.5],
        {1: "a", (1, 2): [3, (4,)], "n": {"m": set()}},
        {1, 2, 3},
        frozenset({"x"}),
        [[[]], ({},)],
        *_cyclic_values(),
    ],
)
def test_bounded_repr_matches_repr_when_small(value):
    assert bounded_repr(value) == repr(value)


def test_small_containers_display_as_their_repr():
    for value in ([], {1: "a", (1, 2): [3, (4,)]}, {1, 2}, frozenset({"x"}), (1,)):
        assert format_value(value) == {"text/plain": repr(value)}


def test_small_outputs_are_unchanged(notebook):
    nb = notebook("[1, 2]", "'x' * 10", "{'a': (1,)}")
    assert [nb.text(c) for c in ("c0", "c1", "c2")] == ["[1, 2]", "'xxxxxxxxxx'", "{'a': (1,)}"]


def test_other_big_reprs_are_cut(notebook):
    nb = notebook("class Big:\n    def __repr__(self):\n        return 'b' * 300_000\nBig()")
    text = nb.text("c0")
    assert text == "b" * MAX_PLAIN_CHARS + "… (200,000 more characters)"


# -- deeply nested values --------------------------------------------------------


@pytest.mark.parametrize(
    "code, opening, cut",
    [
        ("x = []\nfor _ in range(10_000):\n    x = [x]\nx", "[" * 100, "[…]"),
        ("d = {}\nfor _ in range(10_000):\n    d = {'k': d}\nd", "{'k': " * 100, "{…}"),
        ("t = ()\nfor _ in range(10_000):\n    t = (t, 1)\nt", "(" * 100, "(…)"),
    ],
)
def test_a_value_nested_10_000_deep_shows_its_first_levels_and_the_kernel_goes_on(notebook, code, opening, cut):
    nb = notebook(code, "after = 1")
    text = nb.text("c0")
    assert text.startswith(opening)
    assert cut in text and "RecursionError" not in text
    assert text.endswith("… (nested deeper than 100 levels)")
    assert len(text) < 2_000
    assert nb.status("c0") == "idle" and nb.status("c1") == "idle"
    assert nb.session.kernel.namespace["after"] == 1


def test_nesting_up_to_the_limit_is_shown_in_full():
    value: list = [1]
    for _ in range(99):  # 100 lists in all
        value = [value]
    assert bounded_repr(value) == repr(value)
    assert bounded_repr([value]).endswith("… (nested deeper than 100 levels)")


def test_a_50_mb_string_is_capped(notebook):
    nb = notebook("'x' * 50_000_000", "after = 1")
    text = nb.text("c0")
    assert text == "'" + "x" * (MAX_PLAIN_CHARS - 1) + "… (49,900,002 more characters)"
    assert nb.status("c1") == "idle"


def test_a_stream_that_reaches_its_cap_sends_its_last_lines_at_once():
    """A cell printing forever shows its last kept line while it still runs."""
    sent: list[str] = []
    sink = console._Console(lambda cell, stream, text: sent.append(text))
    ctx = type("Ctx", (), {"cell_id": "c"})()
    for i in range(console.MAX_LINES + 500):
        sink.write(ctx, "stdout", f"tick {i}\n")
    assert "".join(sent) == "".join(f"tick {i}\n" for i in range(console.MAX_LINES))


def test_releasing_a_deep_value_frees_it_level_by_level_and_spares_shared_ones():
    from kernel_py.core.release import release_all, release_names

    deep: list = []
    for _ in range(200_000):  # freeing this recursively overflows a small stack
        deep = [deep]
    shared = [1, 2]
    namespace = {"deep": deep, "shared": shared, "holder": [shared, (shared, {"k": shared})], "n": 1}
    del deep
    release_names(namespace, ["deep", "holder"])
    assert namespace == {"shared": [1, 2], "n": 1}
    assert shared == [1, 2]  # still another cell's value: untouched
    kept = [[1], [2]]
    namespace["kept"] = kept
    release_all(namespace)
    assert namespace == {} and kept == [[1], [2]]


def test_a_deep_value_survives_reruns_and_reopening(notebook):
    deep = "x = []\nfor _ in range(10_000):\n    x = [x]\nx"
    nb = notebook(deep, "after = 1")
    nb.run("c0")
    assert nb.text("c0").endswith("… (nested deeper than 100 levels)")
    nb.session.kernel.reset()
    assert nb.session.kernel.namespace == {}


def test_a_cells_private_values_are_taken_apart_unless_its_functions_need_them(monkeypatch):
    from kernel_py.core import release

    handed: list[list] = []
    real = release._dismantle
    monkeypatch.setattr(release, "_dismantle", lambda stack: (handed.append(list(stack)), real(stack)))
    shared = [1]
    g = {"__builtins__": {}, "_deep": [[shared]], "shown": shared}
    holder = [g]
    del g
    release.release_globals(holder)
    assert handed and [[shared]] in handed[0] and shared == [1]
    handed.clear()
    g = {"__builtins__": {}, "_deep": [[1]]}
    exec("def f():\n    return _deep", g)
    function = g["f"]
    holder = [g]
    del g
    release.release_globals(holder)
    assert handed == [] and function() == [[1]]
