"""The environment of a cell, as marimo gives it: ``__file__``, ``__main__``
(pickling what cells define, ``doctest.testmod()``), ``sys.argv`` and ``sys.exit()``/``os._exit()``
ending the run. Each case runs under ``rivulet run`` and under marimo itself
(``python nb.py``, marimo's script mode), and the printed lines must match."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def notebook(*cells: str) -> str:
    parts = ["import marimo", "", '__generated_with = "0.25.2"', "app = marimo.App()", ""]
    for code in cells:
        body = textwrap.indent(textwrap.dedent(code).strip("\n"), "    ")
        parts += ["", "@app.cell", "def _():", body, "    return", ""]
    parts += ["", 'if __name__ == "__main__":', "    app.run()", ""]
    return "\n".join(parts)


CASES = {
    "file": ["import os\nprint('file', os.path.basename(__file__))"],
    "argv": ["import sys, os\nprint('argv', [os.path.basename(sys.argv[0]), *sys.argv[1:]])"],
    "argparse": ["import argparse\np = argparse.ArgumentParser()\np.add_argument('--n', type=int)\nprint('n', p.parse_known_args()[0].n)"],
    "main": ["import sys\nprint('main', sys.modules['__main__'].__name__)"],
    "pickle same cell": ["import pickle\ndef twice(x):\n    return 2 * x\nprint('pickled', pickle.loads(pickle.dumps(twice))(21))"],
    "pickle class": ["import pickle\nclass Point:\n    def __init__(self, x):\n        self.x = x\nprint('point', pickle.loads(pickle.dumps(Point(3))).x)"],
    "exit ends the run": ["print('before')", "import sys\nsys.exit(0)", "print('never')"],
}


def run_rivulet(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kernel_py.cli", "run", str(path), "--", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def run_marimo(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(path), *args], cwd=path.parent, capture_output=True, text=True, timeout=120)


def lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_cell_sees_what_marimo_gives_it(tmp_path, name):
    path = tmp_path / "env_nb.py"
    path.write_text(notebook(*CASES[name]))
    ours, theirs = run_rivulet(path, "--n", "3"), run_marimo(path, "--n", "3")
    assert theirs.returncode == 0, theirs.stderr
    assert ours.returncode == 0, ours.stderr
    assert lines(ours.stdout) == lines(theirs.stdout)


def test_sys_exit_status_ends_the_run_with_that_status(tmp_path):
    path = tmp_path / "exits.py"
    path.write_text(notebook("print('first')", "import sys\nsys.exit(3)", "print('never')"))
    ours, theirs = run_rivulet(path), run_marimo(path)
    assert ours.returncode == theirs.returncode == 3
    assert lines(ours.stdout) == lines(theirs.stdout) == ["first"]


def test_os_exit_in_a_cell_still_lets_run_json_report(tmp_path):
    path = tmp_path / "hard_exit.py"
    path.write_text(notebook("print('first')", "import os\nos._exit(4)", "print('never')"))
    done = subprocess.run(
        [sys.executable, "-m", "kernel_py.cli", "run", str(path), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 4
    cells = json.loads(done.stdout)["cells"]
    assert [c["status"] for c in cells] == ["ok", "error", "skipped"]
    assert cells[0]["stdout"] == "first\n"


DOCTESTED = (
    'def add(a, b):\n    """Add.\n\n    >>> add(1, 2)\n    3\n    >>> add(double(2), 1)\n    5\n    """\n    return a + b',
    'def double(x):\n    """\n    >>> double(4)\n    9\n    """\n    return 2 * x',
    'class Box:\n    """\n    >>> Box().size\n    5\n    """\n    size = 5',
    "import doctest\nprint('result', doctest.testmod())",
)


def test_doctest_testmod_finds_the_doctests_of_cells_as_marimo_does(tmp_path):
    """Functions and classes of every cell are found, their examples see the
    notebook's names, and failures print as marimo prints them. (Line numbers
    differ: marimo's script mode compiles cells at their lines in the file.)"""
    path = tmp_path / "doctested.py"
    path.write_text(notebook(*DOCTESTED))
    ours, theirs = run_rivulet(path), run_marimo(path)
    assert theirs.returncode == 0 and ours.returncode == 0, ours.stderr
    some_line = lambda out: [re.sub(r", line \d+,", ", line N,", x) for x in lines(out)]  # noqa: E731
    assert some_line(ours.stdout) == some_line(theirs.stdout)
    assert "result TestResults(failed=1, attempted=4)" in lines(ours.stdout)
    assert "   1 of   1 in __main__.double" in lines(ours.stdout)


def test_vars_of_main_lists_the_notebooks_names(notebook):
    nb = notebook("x = 41", "import sys\nm = sys.modules['__main__']\nprint(sorted(n for n in vars(m) if not n.startswith('__')))")
    assert nb.console("c1") == "['m', 'sys', 'x']\n"
