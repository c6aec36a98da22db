"""The `rivulet` command line, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from run_cli import rivulet

ROOT = Path(__file__).resolve().parent.parent

GOOD = '''import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    x = 20
    print("x is", x)
    return (x,)


@app.cell
def _(mo, x):
    mo.md(f"x doubled is {x * 2}")
    return


@app.cell
def _(x):
    x + 1
    return


if __name__ == "__main__":
    app.run()
'''

FAILING = GOOD.replace("x + 1", "x / 0").replace(
    "    mo.md(f\"x doubled is {x * 2}\")\n    return\n",
    "    y = x\n    return (y,)\n\n\n@app.cell\ndef _(y):\n    y\n    return\n",
)

CONFLICT = GOOD.replace("    x + 1\n", "    x = 3\n")




@pytest.fixture
def write(tmp_path):
    def write(text: str, name: str = "nb.py") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_run_json_reports_every_cell_in_file_order(write, tmp_path):
    write(GOOD)
    result = rivulet("run", "nb.py", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    cells = json.loads(result.stdout)["cells"]
    assert [c["status"] for c in cells] == ["ok"] * 4
    assert set(cells[0]) == {"id", "name", "status", "outputs", "stdout", "stderr", "error"}
    assert cells[1]["stdout"] == "x is 20\n"
    assert "x doubled is 40" in cells[2]["outputs"][0]["text/html"]
    assert cells[3]["outputs"] == [{"text/plain": "21"}]
    assert cells[0]["id"] == "Hbol"


def test_run_fails_with_file_line_and_skips_descendants(write, tmp_path):
    write(FAILING)
    result = rivulet("run", "nb.py", "--json", cwd=tmp_path)
    assert result.returncode == 1
    cells = json.loads(result.stdout)["cells"]
    statuses = [c["status"] for c in cells]
    assert statuses == ["ok", "ok", "ok", "ok", "error"]
    assert cells[4]["error"]["kind"] == "exception"
    assert "ZeroDivisionError" in cells[4]["error"]["message"]
    line = GOOD.splitlines().index("    x + 1") + 1 + FAILING.count("\n") - GOOD.count("\n")
    assert f"nb.py:{line}: ZeroDivisionError: division by zero" in result.stderr


def test_run_marks_descendants_of_a_failed_cell_skipped(write, tmp_path):
    text = GOOD.replace('    x = 20\n', '    x = 1 / 0\n')
    write(text)
    result = rivulet("run", "nb.py", "--json", cwd=tmp_path)
    cells = json.loads(result.stdout)["cells"]
    assert [c["status"] for c in cells] == ["ok", "error", "skipped", "skipped"]
    assert cells[2]["error"]["kind"] == "ancestor"


def test_run_without_json_prints_stdout(write, tmp_path):
    write(GOOD)
    result = rivulet("run", "nb.py", cwd=tmp_path)
    assert result.returncode == 0
    assert "x is 20" in result.stdout


def test_check_json_lists_defs_and_refs(write, tmp_path):
    write(GOOD)
    result = rivulet("check", "nb.py", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    cells = json.loads(result.stdout)["cells"]
    assert [(c["defs"], c["refs"]) for c in cells] == [
        (["mo"], []),
        (["x"], []),
        ([], ["mo", "x"]),
        ([], ["x"]),
    ]
    assert all(c["errors"] == [] for c in cells)


def test_check_reports_multiple_definitions_with_file_lines(write, tmp_path):
    write(CONFLICT)
    result = rivulet("check", "nb.py", cwd=tmp_path)
    assert result.returncode == 1
    lines = CONFLICT.splitlines()
    first = lines.index("    x = 20") + 1
    second = lines.index("    x = 3") + 1
    assert f"nb.py:{first}: multiple-definitions:" in result.stderr
    assert f"nb.py:{second}: multiple-definitions:" in result.stderr
    assert "'x'" in result.stderr


def test_check_reports_cycles(write, tmp_path):
    text = GOOD.replace("    x = 20\n", "    x = z\n").replace("    x + 1\n", "    z = x\n")
    write(text)
    result = rivulet("check", "nb.py", "--json", cwd=tmp_path)
    assert result.returncode == 1
    cells = json.loads(result.stdout)["cells"]
    kinds = [[e["kind"] for e in c["errors"]] for c in cells]
    assert kinds[1] == ["cycle"] and kinds[3] == ["cycle"]


def test_new_writes_a_notebook_that_runs_and_refuses_to_overwrite(tmp_path):
    result = rivulet("new", "fresh.py", cwd=tmp_path)
    assert result.returncode == 0
    text = (tmp_path / "fresh.py").read_text()
    assert "import marimo" in text and "@app.cell" in text
    assert rivulet("run", "fresh.py", cwd=tmp_path).returncode == 0
    again = rivulet("new", "fresh.py", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert (tmp_path / "fresh.py").read_text() == text


def test_fmt_check_leaves_canonical_files_alone(write, tmp_path):
    path = write(GOOD)
    assert rivulet("fmt", "nb.py", "--check", cwd=tmp_path).returncode == 0
    assert path.read_text() == GOOD


def test_fmt_rewrites_arguments_and_returns(write, tmp_path):
    messy = GOOD.replace("def _(mo, x):", "def _(x, mo, unused):").replace("    return (x,)", "    return")
    path = write(messy)
    check = rivulet("fmt", "nb.py", "--check", cwd=tmp_path)
    assert check.returncode == 1 and "would reformat" in check.stderr
    assert path.read_text() == messy
    assert rivulet("fmt", "nb.py", cwd=tmp_path).returncode == 0
    assert path.read_text() == GOOD


def test_missing_file_gives_a_clear_message(tmp_path):
    for command in ("run", "check", "fmt"):
        result = rivulet(command, "nope.py", cwd=tmp_path)
        assert result.returncode == 2
        assert "nope.py: no such file" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_plain_script_runs_as_one_cell(write, tmp_path):
    write("print('plain')\n")
    result = rivulet("run", "nb.py", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    cells = json.loads(result.stdout)["cells"]
    assert len(cells) == 1 and cells[0]["stdout"] == "plain\n"
    fmt = rivulet("fmt", "nb.py", cwd=tmp_path)
    assert fmt.returncode == 2 and "not a marimo notebook" in fmt.stderr


def test_newer_syntax_cell_is_reported_and_kept(write, tmp_path):
    cell = '    mo.md(f"{slider} {"🟢" * slider.value}")\n'
    text = GOOD.replace('    mo.md(f"x doubled is {x * 2}")\n', cell)
    path = write(text)
    result = rivulet("check", "nb.py", cwd=tmp_path)
    if sys.version_info >= (3, 12):
        pytest.skip("the host parses 3.12 f-strings")
    assert result.returncode == 1
    assert "syntax" in result.stderr
    assert rivulet("fmt", "nb.py", cwd=tmp_path).returncode in (0, 1)
    assert cell in path.read_text()


def test_a_byte_order_mark_is_accepted_and_kept(tmp_path):
    path = tmp_path / "nb.py"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert rivulet("check", "nb.py", cwd=tmp_path).returncode == 0
    assert rivulet("run", "nb.py", cwd=tmp_path).returncode == 0
    assert rivulet("fmt", "nb.py", "--check", cwd=tmp_path).returncode == 0
    messy = GOOD.replace("def _(mo, x):", "def _(x, mo):")
    path.write_bytes(b"\xef\xbb\xbf" + messy.encode())
    assert rivulet("fmt", "nb.py", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + GOOD.encode()


def test_a_syntax_error_points_at_its_file_line(write, tmp_path):
    text = GOOD.replace("    x + 1\n", "    x = (1,\n")
    write(text)
    result = rivulet("check", "nb.py", cwd=tmp_path)
    line = text.splitlines().index("    x = (1,") + 1
    assert result.returncode == 1
    assert f"nb.py:{line}: syntax: SyntaxError: '(' was never closed" in result.stderr


def test_run_does_not_wait_for_input(write, tmp_path):
    write(GOOD.replace("    x + 1\n", "    answer = input('name? ')\n"))
    proc = subprocess.run(
        [sys.executable, "-m", "kernel_py.cli", "run", "nb.py", "--json"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        stdin=subprocess.PIPE,  # an open pipe nobody writes to
        capture_output=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
    )
    cells = json.loads(proc.stdout)["cells"]
    assert cells[3]["status"] == "error"
    assert "EOFError" in cells[3]["error"]["message"]


def test_a_string_with_lines_less_indented_than_the_cell_keeps_its_value(write, tmp_path):
    """Issue 13: `fmt` wrote a changed string into the file and `run` printed it."""
    cell = '    s = """first\nat column 0\n  two\n    four"""\n    print(repr(s))\n'
    path = write(GOOD.replace('    print("x is", x)\n', cell))
    value = repr("first\nat column 0\n  two\n    four")
    assert value in rivulet("run", "nb.py", cwd=tmp_path).stdout
    assert rivulet("fmt", "nb.py", cwd=tmp_path).returncode == 0
    assert '    s = """first\n    at column 0\n      two\n        four"""\n' in path.read_text()
    assert value in rivulet("run", "nb.py", cwd=tmp_path).stdout
    assert rivulet("fmt", "nb.py", "--check", cwd=tmp_path).returncode == 0
