"""The marimo 0.25 file format: kernel_py.notebook.file_format.

marimo (pip-installed, 0.25.2) is the oracle where it is importable: the
fixtures in tests/fixtures/notebooks/ were written by its code generator
(see _make_fixtures.py), and files Rivulet writes must load in it cleanly.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kernel_py.notebook.file_format import (
    CellConfig,
    CellSource,
    FileProblem,
    Notebook,
    new_notebook,
    parse_notebook,
    write_notebook,
)

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
FIXTURE_FILES = sorted(p for p in FIXTURES.glob("*.py") if not p.name.startswith("_"))
PY312 = sys.version_info >= (3, 12)


def _marimo():
    return pytest.importorskip("marimo._ast.codegen")


def _trimmed(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip().split("\n"))


def _cells(text: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.name, c.code) for c in parse_notebook(text).cells]


# ------------------------------------------------------------------ round trip


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_a_file_marimo_wrote_is_written_back_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert write_notebook(parse_notebook(text)) == text


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_cell_code_matches_what_marimo_reads(path: Path) -> None:
    marimo_parse = pytest.importorskip("marimo._ast.parse")
    text = path.read_text(encoding="utf-8")
    ours = [c for c in parse_notebook(text).cells]
    if any(c.kind == "unparsable" and c.code.startswith(("@", "with")) for c in ours):
        pytest.skip("raw blocks: marimo on this Python cannot parse them either")
    theirs = marimo_parse.parse_notebook(text).cells
    # marimo empties whitespace-only lines inside strings; Rivulet keeps them
    assert [_trimmed(c.code) for c in ours] == [_trimmed(c.code) for c in theirs]
    assert [c.name for c in ours if c.kind != "unparsable"] == [
        c.name for c, o in zip(theirs, ours) if o.kind != "unparsable"
    ]


# -------------------------------------------------------------------- reading

READ_CASES = [
    # (what, file text, [(kind, name, code), ...])
    (
        "plain cell without its return",
        "import marimo\napp = marimo.App()\n\n@app.cell\ndef _(a):\n    b = a + 1\n    return (b,)\n",
        [("cell", "_", "b = a + 1")],
    ),
    (
        "named async cell",
        "import marimo\napp = marimo.App()\n\n@app.cell\nasync def load():\n    await x()\n    return\n",
        [("cell", "load", "await x()")],
    ),
    (
        "setup cell with options",
        "import marimo\napp = marimo.App()\n\nwith app.setup(hide_code=True):\n    import os\n",
        [("setup", "setup", "import os")],
    ),
    (
        "function keeps its other decorators",
        "import marimo\napp = marimo.App()\n\n@app.function\n@cache\ndef f(x):\n    return x\n",
        [("function", "f", "@cache\ndef f(x):\n    return x")],
    ),
    (
        "class definition",
        "import marimo\napp = marimo.App()\n\n@app.class_definition\nclass K:\n    pass\n",
        [("class", "K", "class K:\n    pass")],
    ),
    (
        "unparsable cell keeps name and code",
        'import marimo\napp = marimo.App()\n\napp._unparsable_cell(\n    r"""\n    x = (\n    """,\n    name="broken"\n)\n',
        [("unparsable", "broken", "x = (")],
    ),
    (
        "cell without a return keeps trailing comments",
        "import marimo\napp = marimo.App()\n\n@app.cell\ndef _():\n    x = 1\n    # note\n",
        [("cell", "_", "x = 1\n# note")],
    ),
    (
        "multi-line signature",
        "import marimo\napp = marimo.App()\n\n@app.cell\ndef _(\n    a,\n    b,\n):\n    a + b\n    return\n",
        [("cell", "_", "a + b")],
    ),
    (
        "one-line cell",
        "import marimo\napp = marimo.App()\n\n@app.cell\ndef _(): x = 1; return (x,)\n",
        [("cell", "_", "x = 1")],
    ),
    (
        "tab-indented body",
        "import marimo\napp = marimo.App()\n\n@app.cell\ndef _():\n\tif a:\n\t\tb = 1\n\treturn\n",
        [("cell", "_", "if a:\n\tb = 1")],
    ),
    (
        "a string with lines less indented than the body is kept as written",
        'import marimo\napp = marimo.App()\n\n@app.cell\ndef _():\n    s = """a\nb\n    c"""\n    return\n',
        [("cell", "_", 's = """a\nb\n    c"""')],
    ),
    (
        "a string indented with the body is dedented with it",
        'import marimo\napp = marimo.App()\n\n@app.cell\ndef _():\n    s = """a\n    b\n      c"""\n    return\n',
        [("cell", "_", 's = """a\nb\n  c"""')],
    ),
    (
        "windows newlines",
        "import marimo\r\napp = marimo.App()\r\n\r\n@app.cell\r\ndef _():\r\n    x = 1\r\n    return\r\n",
        [("cell", "_", "x = 1")],
    ),
]


@pytest.mark.parametrize("what, text, expected", READ_CASES, ids=[c[0] for c in READ_CASES])
def test_reading_cells(what: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _cells(text) == expected


def test_cell_options_are_read_from_the_decorator() -> None:
    text = "import marimo\napp = marimo.App()\n\n@app.cell(column=2, disabled=True, hide_code=True)\ndef _():\n    return\n"
    (cell,) = parse_notebook(text).cells
    assert cell.config == CellConfig(hide_code=True, disabled=True, column=2)
    assert cell.lineno == 4


def test_app_options_header_and_version_are_read() -> None:
    nb = parse_notebook((FIXTURES / "mixed.py").read_text())
    assert nb.app_options == (("width", '"medium"'), ("app_title", '"Mixed"'))
    assert nb.generated_with == "0.25.2"
    assert nb.header == "# Copyright someone\n# SPDX-License-Identifier: MIT"
    assert [c.kind for c in nb.cells][:2] == ["setup", "function"]


def test_pep723_header_is_kept() -> None:
    nb = parse_notebook((FIXTURES / "pep723_header.py").read_text())
    assert nb.header.startswith("# /// script\n") and nb.header.endswith("# ///")


def test_cell_line_numbers_point_at_the_decorator() -> None:
    text = (FIXTURES / "basic.py").read_text()
    lines = text.split("\n")
    for cell in parse_notebook(text).cells:
        assert lines[cell.lineno - 1].startswith("@app.cell")


# ------------------------------------------------------- nothing is ever lost


def test_empty_text_is_a_new_notebook() -> None:
    assert parse_notebook("") == new_notebook()
    assert parse_notebook("  \n\n") == new_notebook()


def test_new_notebook_has_one_empty_cell() -> None:
    nb = new_notebook()
    assert [(c.kind, c.code) for c in nb.cells] == [("cell", "")]
    assert "@app.cell\ndef _():\n    return\n" in write_notebook(nb)


@pytest.mark.parametrize(
    "text",
    ["print('hello')\nx = 1\n", "# just a comment\n", "def f(:\n    pass\n", "import marimo\nmarimo.md('x')\n"],
    ids=["script", "comments only", "broken script", "marimo without an app"],
)
def test_a_plain_script_opens_as_one_cell_with_a_problem(text: str) -> None:
    nb = parse_notebook(text)
    assert [c.code for c in nb.cells] == [text.strip("\n")]
    assert nb.problems and "not a marimo notebook" in nb.problems[0].message


@pytest.mark.skipif(PY312, reason="the host parses PEP 701 f-strings")
def test_a_cell_newer_than_the_host_is_kept_byte_for_byte() -> None:
    text = (FIXTURES / "fstring_py312.py").read_text()
    nb = parse_notebook(text)
    raw = [c for c in nb.cells if c.kind == "unparsable"]
    assert [c.name for c in raw] == ["_", "shout"]
    assert raw[0].code == '@app.cell\ndef _(mo, slider):\n    mo.md(f"{slider} {"🟢" * slider.value}")\n    return'
    assert raw[1].config.hide_code
    assert [p.lineno for p in nb.problems] == [21, 27]
    assert all("does not parse" in p.message for p in nb.problems)
    assert [c.kind for c in nb.cells[:2]] == ["cell", "cell"]  # the parsable cells are still cells
    assert write_notebook(nb) == text


def test_text_outside_cells_becomes_a_cell_with_a_problem() -> None:
    text = "import marimo\napp = marimo.App()\n\nx = 1\n# stray comment\n\n@app.cell\ndef _():\n    return\n"
    nb = parse_notebook(text)
    assert [(c.kind, c.code) for c in nb.cells] == [("cell", "x = 1"), ("cell", "# stray comment"), ("cell", "")]
    assert {p.lineno for p in nb.problems} >= {4, 5}


def test_code_before_import_marimo_stays_in_the_header() -> None:
    nb = parse_notebook("import os\nimport marimo\napp = marimo.App()\n")
    assert nb.header == "import os"
    assert nb.problems[0] == FileProblem(1, "code before `import marimo` is kept in the header")


def test_a_missing_run_guard_is_reported_and_added() -> None:
    nb = parse_notebook("import marimo\napp = marimo.App()\n\n@app.cell\ndef _():\n    x = 1\n    return\n")
    assert any("guard" in p.message for p in nb.problems)
    assert write_notebook(nb).endswith('if __name__ == "__main__":\n    app.run()\n')


def test_a_broken_file_still_yields_each_cell() -> None:
    text = (FIXTURES / "basic.py").read_text().replace("doubled = slider.value * 2", "doubled = (")
    nb = parse_notebook(text)
    assert [c.kind for c in nb.cells] == ["cell", "cell", "cell", "unparsable"]
    assert nb.cells[-1].code.startswith("@app.cell\ndef _(slider):\n    doubled = (")
    assert write_notebook(nb) == text


def test_parsing_random_slices_of_fixtures_never_raises() -> None:
    rng = random.Random(20250)
    texts = [p.read_text(encoding="utf-8") for p in FIXTURE_FILES]
    for _ in range(400):
        text = rng.choice(texts)
        a, b = sorted(rng.randrange(len(text) + 1) for _ in range(2))
        nb = parse_notebook(text[a:b])
        assert isinstance(nb, Notebook)
        write_notebook(nb)


# -------------------------------------------------------------------- writing

WRITE_CASES = [
    # (what, [(code, name, config), ...]) — expected text comes from marimo
    ("refs become sorted arguments", [("b = 1\na = 2", "_", {}), ("print(b, a, undefined)", "_", {})]),
    ("only defs other cells read are returned", [("x = 1\ny = 2", "_", {}), ("x", "_", {})]),
    ("single def returns a one-tuple", [("x = 1", "_", {}), ("x", "_", {})]),
    ("private names are neither args nor returns", [("_x = 1\ny = _x", "_", {}), ("y", "_", {})]),
    ("setup names are not arguments", [("import math", "setup", {}), ("math.pi", "_", {})]),
    ("function cells are not arguments", [("import math", "setup", {}), ("def f():\n    return math.pi", "_", {}), ("f()", "_", {})]),
    ("top-level await makes an async cell", [("await thing()", "_", {})]),
    ("async for makes an async cell", [("async for x in y:\n    pass", "_", {})]),
    ("cell options in the decorator", [("x = 1", "_", {"hide_code": True, "column": 1, "disabled": True})]),
    ("hidden setup cell", [("import os", "setup", {"hide_code": True})]),
    ("comment-only setup gets a pass", [("# setup", "setup", {})]),
    ("blank line before return after an import", [("import os", "_", {})]),
    ("no blank line when a comment follows the import", [("import os\n# c", "_", {})]),
    ("unparsable cell with options", [("x = (", "oops", {"hide_code": True})]),
    ("unparsable cell with triple quotes", [('s = """a\\b""" +', "_", {})]),
    ("long signature wraps", [("a_long_variable_name_number_one = 1\na_long_variable_name_number_two = 2\na_long_variable_name_number_3 = 3", "_", {}), ("print(a_long_variable_name_number_one, a_long_variable_name_number_two, a_long_variable_name_number_3)", "_", {})]),
    ("annotated definitions annotate the arguments", [("from typing import Any", "_", {}), ("n: int = 1\nv: Any = 2", "_", {}), ("n, v", "_", {})]),
    ("shadowed builtins are arguments", [("list = 1", "_", {}), ("print(list)", "_", {})]),
    ("empty and comment-only cells", [("", "_", {}), ("# hi", "_", {})]),
    ("named cells", [("x = 1", "first", {}), ("x", "second", {})]),
    ("markdown is written as a triple-quoted block", [("import marimo as mo", "_", {}), ("mo.md('# Title\\n\\n  text')", "_", {})]),
    ("markdown keeps raw and f prefixes", [("mo.md(r'\\alpha')", "_", {}), ("mo.md(f'no {{values}}')", "_", {})]),
    ("markdown with quotes and comments", [("# intro\nmo.md(\"say \\\"hi\\\"\")  # tail", "_", {})]),
    ("markdown with values is left alone", [("mo.md(f'{x}')", "_", {})]),
]


@pytest.mark.parametrize("what, cells", WRITE_CASES, ids=[c[0] for c in WRITE_CASES])
def test_writing_matches_marimo(what: str, cells: list[tuple[str, str, dict]]) -> None:
    expected = _marimo_text(cells)
    ours = Notebook(
        cells=tuple(CellSource(c[0], c[1], CellConfig(**c[2]), "setup" if c[1] == "setup" else "cell") for c in cells),
        generated_with="0.25.2",
    )
    assert write_notebook(ours) == expected


def _marimo_text(cells: list[tuple[str, str, dict]]) -> str:
    codegen = _marimo()
    from marimo._ast.cell import CellConfig as MarimoCellConfig

    return codegen.generate_filecontents(
        [c[0] for c in cells], [c[1] for c in cells], [MarimoCellConfig(**c[2]) for c in cells]
    )


SETUP = ("import functools\nimport math", "setup", {})
REUSABLE_CASES = [
    # (what, [(code, kind Rivulet holds, options), ...]) — expected text comes from marimo
    ("a pure function cell becomes @app.function", [("def area(r):\n    return 3.14 * r * r", "cell", {})]),
    ("a function reading setup names stays @app.function", [SETUP, ("def area(r):\n    return math.pi * r", "function", {})]),
    ("a function reading a cell's name goes back to @app.cell", [("k = 2", "cell", {}), ("def f(x):\n    return k * x", "function", {})]),
    ("a function calling a later pure function is reusable", [("def f(x):\n    return g(x)", "cell", {}), ("def g(x):\n    return x", "cell", {})]),
    ("a function calling a demoted function is a cell", [("k = 1", "cell", {}), ("def f():\n    return g()", "function", {}), ("def g():\n    return k", "function", {})]),
    ("mutually recursive functions are reusable", [("def even(n):\n    return n == 0 or odd(n - 1)", "cell", {}), ("def odd(n):\n    return n != 0 and even(n - 1)", "cell", {})]),
    ("a class with a setup base is @app.class_definition", [SETUP, ("class Point(functools.partial):\n    x = 1", "cell", {})]),
    ("a class body reading a cell's name is a cell", [("k = 1", "cell", {}), ("class C:\n    size = k", "class", {})]),
    ("a default argument reading a cell's name is a cell", [("k = 1", "cell", {}), ("def f(x=k):\n    return x", "function", {})]),
    ("a decorator from the setup cell is fine", [SETUP, ("@functools.cache\ndef f(x):\n    return x", "cell", {})]),
    ("an async function is reusable", [("async def fetch():\n    return 1", "cell", {})]),
    ("a trailing comment keeps a cell", [("def f():\n    return 1\n# note", "function", {})]),
    ("a private function stays a cell", [("def _f():\n    return 1", "cell", {})]),
    ("a shadowed builtin makes it a cell", [("list = 1", "cell", {}), ("def f():\n    return list", "function", {})]),
    ("two statements are a cell", [("def f():\n    return 1\nf()", "function", {})]),
    ("options stay on the decorator", [("def f():\n    return 1", "cell", {"hide_code": True, "disabled": True})]),
    ("a function named like the app is a cell", [("def app():\n    return 1", "cell", {})]),
]


@pytest.mark.parametrize("what, cells", REUSABLE_CASES, ids=[c[0] for c in REUSABLE_CASES])
def test_function_cells_are_written_as_marimo_writes_them(what: str, cells: list[tuple[str, str, dict]]) -> None:
    expected = _marimo_text([(code, "setup" if kind == "setup" else "_", opts) for code, kind, opts in cells])
    ours = Notebook(
        cells=tuple(CellSource(code, {"setup": "setup", "cell": "_"}.get(kind, "f"), CellConfig(**opts), kind) for code, kind, opts in cells),
        generated_with="0.25.2",
    )
    text = write_notebook(ours)
    assert text == expected
    assert write_notebook(parse_notebook(text)) == text


def test_writing_keeps_app_options_and_header() -> None:
    nb = Notebook(
        cells=(CellSource("x = 1"),),
        app_options=(("width", '"full"'), ("app_title", '"T"')),
        header='"""Doc."""',
        generated_with="0.25.2",
    )
    text = write_notebook(nb)
    assert text.startswith('"""Doc."""\n\nimport marimo\n\n__generated_with = "0.25.2"\napp = marimo.App(width="full", app_title="T")\n')


def test_a_cell_that_does_not_parse_is_written_as_unparsable() -> None:
    text = write_notebook(Notebook(cells=(CellSource("x = (", name="c"),)))
    assert 'app._unparsable_cell(\n    r"""\n    x = (\n    """,\n    name="c"\n)' in text
    assert parse_notebook(text).cells[0].code == "x = ("


# ------------------------------------------------------- marimo reads our files


def _rivulet_notebooks() -> list[tuple[str, Notebook]]:
    built = Notebook(
        cells=(
            CellSource("import marimo as mo\nimport math", "setup", kind="setup"),
            CellSource("def area(r):\n    return math.pi * r ** 2", "area", kind="function"),
            CellSource("slider = mo.ui.slider(1, 10)\nslider", "controls", CellConfig(hide_code=True)),
            CellSource("await mo.status.spinner()\nvalue = area(slider.value)", "compute"),
            CellSource("mo.md(f'{value}')", config=CellConfig(column=1)),
            CellSource("x = (", "broken", kind="unparsable"),
        ),
        app_options=(("width", '"columns"'),),
        header="# /// script\n# dependencies = []\n# ///",
    )
    return [("built", built)] + [(p.stem, parse_notebook(p.read_text())) for p in FIXTURE_FILES]


@pytest.mark.parametrize("name, nb", _rivulet_notebooks(), ids=lambda x: x if isinstance(x, str) else "")
def test_marimo_loads_what_rivulet_writes_without_violations(name: str, nb: Notebook, tmp_path: Path) -> None:
    load = pytest.importorskip("marimo._ast.load")
    path = tmp_path / f"{name}.py"
    path.write_text(write_notebook(nb), encoding="utf-8")
    result = load.get_notebook_status(str(path))
    if any(c.kind == "unparsable" for c in nb.cells):
        assert result.status in ("valid", "has_errors")
        assert {v.description for v in result.notebook.violations} <= {
            "Cell contains a syntax error and could not be parsed"
        }
    else:
        assert result.status == "valid", result.notebook.violations
    assert len(result.notebook.cells) == len(nb.cells)


def test_marimo_check_finds_nothing_in_a_file_rivulet_writes(tmp_path: Path) -> None:
    pytest.importorskip("marimo")
    name, nb = _rivulet_notebooks()[0]
    nb = Notebook(cells=tuple(c for c in nb.cells if c.kind != "unparsable"), app_options=nb.app_options)
    path = tmp_path / "built.py"
    path.write_text(write_notebook(nb), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "marimo", "check", "--strict", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(run.stdout)["issues"] == [], run.stdout
    assert run.returncode == 0
