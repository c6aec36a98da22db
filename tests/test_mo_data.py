"""mo.ui.dataframe, data_editor, data_explorer and the table's options under
CPython, compared with marimo 0.25 (the test oracle) where marimo has an
answer: signatures, defaults, values after the same front-end messages,
validation messages."""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path as _Path

import pytest

from kernel_py.mo import ui

marimo = pytest.importorskip("marimo")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


@pytest.mark.parametrize("name", ["dataframe", "data_explorer", "data_editor", "table"])
def test_the_widget_has_marimos_parameters_and_defaults(name):
    want = inspect.signature(getattr(marimo.ui, name).__init__).parameters
    got = inspect.signature(getattr(ui, name).__init__).parameters
    for p in want.values():
        if p.name.startswith("_") or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        assert p.name in got, f"ui.{name} lacks parameter {p.name}"
        assert got[p.name].default == p.default, f"ui.{name}({p.name}=...) default"
        assert got[p.name].kind == p.kind, f"ui.{name}({p.name}) keyword-only or not"


DATA = {"a": [3, 1, 2, None], "b": ["x", "y", "x", "z"], "c": [True, False, True, False]}
T = [
    {"type": "filter_rows", "operation": "keep_rows", "where": [{"column_id": "a", "operator": ">", "value": 1}]},
    {"type": "filter_rows", "operation": "remove_rows", "where": [{"column_id": "b", "operator": "equals", "value": "x"}]},
    {"type": "filter_rows", "operation": "keep_rows", "where": [{"column_id": "b", "operator": "contains", "value": "x", "negate": True}]},
    {"type": "filter_rows", "operation": "keep_rows", "where": [{"column_id": "a", "operator": "between", "value": {"min": 1, "max": 2}}]},
    {"type": "filter_rows", "operation": "keep_rows", "where": [{"column_id": "b", "operator": "in", "value": ["y", "z"]}]},
    {"type": "filter_rows", "operation": "keep_rows", "where": [{"column_id": "a", "operator": "is_null"}]},
    {"type": "filter_rows", "operation": "keep_rows", "where": [{"column_id": "c", "operator": "is_true"}]},
    {"type": "sort_column", "column_id": "a", "ascending": False, "na_position": "last"},
    {"type": "sort_column", "column_id": "b", "ascending": True, "na_position": "first"},
    {"type": "group_by", "column_ids": ["b"], "drop_na": True, "aggregation": "sum", "aggregation_column_ids": ["a"]},
    {"type": "group_by", "column_ids": ["b"], "drop_na": True, "aggregation": "count", "aggregation_column_ids": []},
    {"type": "group_by", "column_ids": ["b"], "drop_na": True, "aggregation": "mean", "aggregation_column_ids": ["a"]},
    {"type": "aggregate", "column_ids": ["a"], "aggregations": ["sum", "max", "min", "count"]},
    {"type": "select_columns", "column_ids": ["b"]},
    {"type": "select_columns", "column_ids": ["c", "a"]},
    {"type": "rename_column", "column_id": "a", "new_column_id": "A"},
    {"type": "unique", "column_ids": ["b"], "keep": "first"},
    {"type": "unique", "column_ids": ["b"], "keep": "last"},
]


def _same(ours, theirs, any_order: bool) -> None:
    if isinstance(theirs, pd.DataFrame):
        assert isinstance(ours, pd.DataFrame)
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    else:
        assert isinstance(ours, pl.DataFrame)
        assert ours.columns == theirs.columns
        mine, their = ours.to_dicts(), theirs.to_dicts()
        if any_order:  # polars groups and unique rows come in any order
            mine, their = sorted(mine, key=repr), sorted(their, key=repr)
        assert mine == their


@pytest.mark.parametrize("library", ["pandas", "polars"])
@pytest.mark.parametrize("transform", T, ids=[f"{t['type']}-{i}" for i, t in enumerate(T)])
def test_dataframe_value_matches_marimos_for_each_transform(library, transform):
    frame = pd.DataFrame(DATA) if library == "pandas" else pl.DataFrame(DATA)
    value = {"transforms": [transform]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = marimo.ui.dataframe(frame)._convert_value(value)
    ours = ui.dataframe(frame)
    ours._update(value)
    _same(ours.value, theirs, any_order=transform["type"] in ("group_by", "unique"))


def test_dataframe_chains_transforms_like_marimo():
    value = {"transforms": [T[0], T[15], {"type": "sort_column", "column_id": "A", "ascending": True, "na_position": "last"}]}
    frame = pd.DataFrame(DATA)
    theirs = marimo.ui.dataframe(frame)._convert_value(value)
    ours = ui.dataframe(frame)
    ours._update(value)
    pd.testing.assert_frame_equal(ours.value, theirs)


# standard-library data (marimo refuses it; Rivulet takes it, for offline use):
# the result is what pandas gives for the same data, as the input's type
STDLIB_ROWS = [{"a": 3, "b": "x"}, {"a": 1, "b": "y"}, {"a": 2, "b": "x"}]


@pytest.mark.parametrize("transform", [T[0], T[1], T[7], T[9], T[12], T[13], T[15], T[16]], ids=lambda t: t["type"])
def test_dataframe_over_a_list_of_dicts_agrees_with_pandas(transform):
    ours = ui.dataframe(STDLIB_ROWS)
    ours._update({"transforms": [transform]})
    theirs = marimo.ui.dataframe(pd.DataFrame(STDLIB_ROWS))._convert_value({"transforms": [transform]})
    assert isinstance(ours.value, list)
    assert ours.value == theirs.to_dict("records")


def test_dataframe_over_a_dict_of_lists_gives_a_dict_of_lists():
    ours = ui.dataframe({"a": [3, 1, 2], "b": ["x", "y", "x"]})
    ours._update({"transforms": [T[7]]})
    assert ours.value == {"a": [3, 2, 1], "b": ["x", "x", "y"]}
    assert ours._props["dataframe_name"] == "df"


def test_dataframe_starts_as_the_data_and_names_its_variable():
    sales = [{"a": 1}]
    w = ui.dataframe(sales)
    assert w.value == sales
    assert w._props["dataframe_name"] == "sales"
    assert w._props["columns"] == [["a", "number"]]


@pytest.mark.parametrize(
    "make",
    [lambda: ui.dataframe(5), lambda: ui.dataframe(pd.DataFrame(DATA), page_size=201)],
    ids=["unsupported type", "page size"],
)
def test_dataframe_refuses_what_marimo_refuses_with_its_message(make):
    theirs_make = {"unsupported type": lambda: marimo.ui.dataframe(5),
                   "page size": lambda: marimo.ui.dataframe(pd.DataFrame(DATA), page_size=201)}
    with pytest.raises(ValueError) as ours:
        make()
    for key, their in theirs_make.items():
        try:
            their()
        except ValueError as exc:
            if str(exc) == str(ours.value):
                return
    pytest.fail(f"marimo has no such message: {ours.value}")


@pytest.mark.parametrize(
    "bad, words",
    [
        ({"transforms": [{"type": "sort_column", "column_id": "nope", "ascending": True}]}, "no column 'nope'"),
        ({"transforms": [{"type": "filter_rows", "where": [{"column_id": "a", "operator": "~="}]}]}, "unknown filter operator"),
        ({"transforms": [{"type": "filter_rows", "where": [{"column_id": "b", "operator": "in", "value": "y"}]}]}, "must be a list or tuple"),
        ({"transforms": [{"type": "pivot"}]}, "not supported in Rivulet"),
        ({"transforms": [{"type": "explode"}]}, "unknown transform type"),
        ({"transforms": [{"type": "rename_column", "column_id": "a", "new_column_id": "A"},
                         {"type": "select_columns", "column_ids": ["a"]}]}, "no column 'a'"),
        ([1], "expected {'transforms'"),
    ],
)
def test_dataframe_refuses_bad_front_end_values_and_keeps_its_value(bad, words):
    w = ui.dataframe([{"a": 1, "b": "y"}])
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace("[", r"\[").replace("{", r"\{")):
        w._update(bad)
    assert w.value == [{"a": 1, "b": "y"}]


# -- data_editor ------------------------------------------------------------------

EDIT_CASES = [
    (lambda: [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}], {"edits": [{"rowIdx": 1, "columnId": "a", "value": "5"}]}),
    (lambda: [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}], {"edits": [{"rowIdx": 0, "columnId": "b", "value": "z"}]}),
    (lambda: {"a": [1.5, 2.0], "b": ["x", "y"]}, {"edits": [{"rowIdx": 0, "columnId": "a", "value": "7"}]}),
    (lambda: [1, 2, 3], {"edits": [{"rowIdx": 2, "columnId": "value", "value": 9}]}),
    (lambda: [{"a": 1}, {"a": 2}], {"edits": [{"rowIdx": 0, "type": "remove"}]}),
    (lambda: [{"a": 1}, {"a": 2}], {"edits": []}),
    (lambda: pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), {"edits": [{"rowIdx": 1, "columnId": "a", "value": "5"}]}),
    (lambda: pl.DataFrame({"a": [1, 2], "b": ["x", "y"]}), {"edits": [{"rowIdx": 1, "columnId": "b", "value": "q"}]}),
]


@pytest.mark.parametrize("make, edits", EDIT_CASES)
def test_data_editor_value_matches_marimos_and_keeps_the_input_type(make, edits):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = marimo.ui.data_editor(make())._convert_value(edits)
    ours = ui.data_editor(make())
    ours._update(edits)
    assert type(ours.value) is type(theirs)
    assert str(ours.value) == str(theirs)


@pytest.mark.parametrize(
    "edit, words",
    [
        ({"rowIdx": 5, "columnId": "a", "value": 1}, "out of range"),
        ({"rowIdx": 0, "columnId": "zz", "value": 1}, "no column 'zz'"),
        ({"rowIdx": 0, "columnId": "a", "value": "abc"}, "not a valid int"),
        ({"rowIdx": 0, "columnId": "b", "value": "q"}, "not editable"),
        ({"columnId": "a", "value": 1}, "integer rowIdx"),
    ],
)
def test_data_editor_refuses_bad_edits(edit, words):
    w = ui.data_editor([{"a": 1, "b": "x"}], editable_columns=["a"])
    with pytest.raises(ValueError, match=words):
        w._update({"edits": [edit]})
    assert w.value == [{"a": 1, "b": "x"}]


def test_data_editor_inserts_a_row_of_nones():
    w = ui.data_editor({"a": [1], "b": ["x"]})
    w._update({"edits": [{"rowIdx": 1, "type": "insert"}, {"rowIdx": 1, "columnId": "a", "value": 4}]})
    assert w.value == {"a": [1, 4], "b": ["x", None]}


def test_experimental_data_editor_is_the_deprecated_name():
    with pytest.warns(DeprecationWarning, match="Use mo.ui.data_editor instead"):
        w = ui.experimental_data_editor([{"a": 1}])
    assert isinstance(w, ui.data_editor)


# -- data_explorer -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, frontend",
    [
        ({}, None),
        ({"x": "a", "color": "b"}, None),
        ({}, {"mark": "bar", "encoding": {"x": {"field": "a"}, "y": {"field": "b"}}, "config": {}}),
        ({"x": "a"}, {"mark": "?", "encoding": {}, "config": {}}),
    ],
)
def test_data_explorer_value_matches_marimos(kwargs, frontend):
    data = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    theirs = marimo.ui.data_explorer(data, **kwargs)
    ours = ui.data_explorer(data, **kwargs)
    if frontend is not None:
        ours._update(frontend)
        expected = theirs._convert_value(frontend)
    else:
        expected = theirs.value
    assert ours.value == expected


def test_data_explorer_refuses_unknown_columns_and_channels():
    w = ui.data_explorer([{"a": 1}])
    with pytest.raises(ValueError, match="no column 'z'"):
        w._update({"mark": "?", "encoding": {"x": {"field": "z"}}})
    with pytest.raises(ValueError, match="unknown channel"):
        w._update({"mark": "?", "encoding": {"theta": {"field": "a"}}})


# -- table options ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows, summaries",
    [(10, False), (11, True)],
)
def test_table_shows_column_summaries_by_marimos_rule(rows, summaries):
    data = [{"a": i} for i in range(rows)]
    ours = ui.table(data)
    assert bool(ours._props.get("summaries")) is summaries
    assert marimo.ui.table(data)._component_args["show-column-summaries"] is summaries
    assert ours._props["search"] and ours._props["download"]
    assert ours._props["types"] == ["number"]


def test_table_hides_columns_and_refuses_a_big_page():
    t = ui.table([{"a": 1, "b": 2, "c": 3}], hidden_columns=["b"])
    assert t._props["columns"] == ["a", "c"]
    assert ui.table([{"a": 1}], visible_columns=["a"])._props["columns"] == ["a"]
    with pytest.raises(ValueError, match="Page size limited to 200 rows"):
        ui.table([{"a": 1}], page_size=201)


# -- mo.sql ------------------------------------------------------------------------------

import kernel_py.mo as mo  # noqa: E402


def test_sql_has_marimos_signature():
    ours, theirs = inspect.signature(mo.sql).parameters, inspect.signature(marimo.sql).parameters
    assert list(ours) == list(theirs)
    for name, p in theirs.items():
        assert (ours[name].default, ours[name].kind) == (p.default, p.kind)


def test_sql_cell_as_marimo_writes_it_queries_a_frame_in_scope_and_shows_a_table(notebook):
    pytest.importorskip("duckdb")
    nb = notebook(
        "import marimo as mo\nimport pandas as pd",
        "people = pd.DataFrame({'name': ['Ada', 'Bo', 'Cy'], 'age': [36, 25, 41]})",
        '_df = mo.sql(\n    f"""\n    SELECT name FROM people WHERE age > 30 ORDER BY name\n    """\n)',
        'older = mo.sql("SELECT count(*) AS n FROM people WHERE age > 30", output=False)',
        "older_n = older['n'][0]",
    )
    for cell in ("c0", "c1", "c2", "c3", "c4"):
        assert nb.error(cell) is None, nb.error(cell)
    html = nb.output("c2")["text/html"]
    assert 'data-kind="table"' in html and "Ada" in html and "Cy" in html and "Bo" not in html
    assert nb.output("c3") is None or "table" not in str(nb.output("c3"))
    # marimo's "auto" output: polars when it is installed, else pandas
    assert isinstance(mo.sql("SELECT 1 AS one", output=False), pl.DataFrame)


def test_sql_runs_through_a_dbapi_connection():
    import sqlite3

    db = sqlite3.connect(":memory:")
    assert mo.sql("CREATE TABLE t (a INTEGER)", engine=db) is None
    mo.sql("INSERT INTO t VALUES (1), (2)", engine=db)
    result = mo.sql("SELECT a FROM t ORDER BY a", engine=db, output=False)
    assert list(result["a"]) == [1, 2]
    assert mo.sql("   ") is None
    with pytest.raises(ValueError, match="Unsupported engine"):
        mo.sql("SELECT 1", engine=object())


def test_sql_without_duckdb_names_it(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "duckdb", None)  # import duckdb fails
    with pytest.raises(ModuleNotFoundError, match="required to execute sql: duckdb") as info:
        mo.sql("SELECT 1")
    assert info.value.name == "duckdb"
    assert "Pyodide's CDN" in str(info.value)


def test_a_sql_cell_reruns_when_the_frame_it_reads_changes(notebook):
    pytest.importorskip("duckdb")
    nb = notebook(
        "import marimo as mo\nimport pandas as pd",
        "people = pd.DataFrame({'age': [36, 25, 41]})",
        'older = mo.sql(f"""SELECT count(*) AS n FROM people WHERE age > 30""", output=False)\nn = int(older["n"][0])',
        "n",
    )
    assert "2" in nb.output("c3")["text/plain"]
    nb.run("c1", c1="people = pd.DataFrame({'age': [36, 25, 41, 50]})")
    assert "3" in nb.output("c3")["text/plain"]


def test_a_notebook_with_a_sql_cell_installs_duckdb_from_the_lock():
    from kernel_py.notebook.requirements import plan

    lock = {"duckdb": {"version": "1.5.1", "imports": ["duckdb"]}}
    needs = plan(['_df = mo.sql(f"""SELECT 1""")'], "", lock, importable=lambda m: False)
    assert [(n.name, n.from_lock) for n in needs] == [("duckdb", True)]
    assert plan(["x = 1"], "", lock, importable=lambda m: False) == []


# -- mo.App, app.embed(), mo.Cell -----------------------------------------------------

CHILD = (_Path(__file__).parent / "fixtures" / "embedded_child.py").read_text(encoding="utf-8")


@pytest.fixture
def child_notebook(tmp_path, monkeypatch):
    """A notebook file `child_nb.py` importable as a module, as from the notebook's folder."""
    (tmp_path / "child_nb.py").write_text(CHILD)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    import sys

    sys.modules.pop("child_nb", None)


def test_app_and_cell_are_marimos_names_with_its_methods():
    for name in ("cell", "function", "class_definition", "setup", "run", "embed", "clone"):
        assert hasattr(mo.App, name) and hasattr(marimo.App, name)
    for name in ("name", "defs", "refs", "run"):
        assert hasattr(marimo.Cell, name)
    assert list(inspect.signature(mo.App.embed).parameters) == list(inspect.signature(marimo.App.embed).parameters)
    assert list(inspect.signature(mo.App.cell).parameters) == list(inspect.signature(marimo.App.cell).parameters)
    assert list(inspect.signature(mo.Cell.run).parameters) == list(inspect.signature(marimo.Cell.run).parameters)


def test_embed_shows_the_other_notebooks_outputs_and_gives_its_defs_and_its_widgets_stay_live(notebook, child_notebook):
    nb = notebook(
        "import marimo as mo",
        "from child_nb import app",
        "result = await app.embed()",
        "result.output",
        "mo.md(f\"line={result.defs['line']} double={result.defs['double'](21)}\")",
    )
    for cell in ("c1", "c2", "c3", "c4"):
        assert nb.error(cell) is None, nb.error(cell)
    shown = nb.text("c3")
    assert 'data-kind="slider"' in shown and "stars: ***" in shown
    assert "line=*** double=42" in nb.text("c4")
    slider = nb.session.kernel.namespace["result"].defs["count"]
    events = nb.request("set_ui_value", id=slider._id, value=6)
    assert set(nb.ran(events)) == {"c2", "c3", "c4"}  # the cells reading `app`, then theirs; not the import
    assert "stars: ******" in nb.text("c3")
    assert "line=******" in nb.text("c4")
    assert nb.session.kernel.namespace["result"].defs["count"] is slider  # the widget kept its state


def test_embed_with_defs_uses_them_instead_of_running_their_cells(notebook, child_notebook):
    nb = notebook(
        "import marimo as mo",
        "from child_nb import app",
        "class Fixed:\n    value = 2\nresult = await app.embed(defs={'count': Fixed()})",
        "result.defs['line']",
    )
    assert nb.error("c2") is None, nb.error("c2")
    assert "'**'" in nb.text("c3")


def test_a_named_cell_runs_alone_with_or_without_its_refs(child_notebook, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "marimo", mo)
    from child_nb import app, stars

    assert isinstance(stars, mo.Cell) and stars.name == "stars"
    assert stars.defs == {"line"} and stars.refs == {"count", "mo"}
    output, defs = stars.run()
    assert defs == {"line": "***"} and "stars: ***" in output.text
    _, defs = stars.run(count=mo.ui.slider(1, 10, value=5))
    assert defs == {"line": "*****"}
    outputs, defs = app.run()
    assert defs["double"](4) == 8 and defs["line"] == "***"
    assert len(outputs) == 4


# -- the code the page shows, against marimo's --------------------------------------------

import json as _json  # noqa: E402
import shutil as _shutil  # noqa: E402
import subprocess as _subprocess  # noqa: E402

FRAME_OPS = _Path(__file__).resolve().parent.parent / "web" / "src" / "widgets" / "frame_ops.js"
CODE_CASES = [T[0], T[1], T[2], T[3], T[4], T[5], T[6], T[7], T[8], T[9], T[10], T[12], T[13], T[14], T[15], T[16]]


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_the_code_shown_in_the_page_is_marimos(library):
    node = _shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    frame = pd.DataFrame(DATA) if library == "pandas" else pl.DataFrame(DATA)
    ours = []
    script = (
        f"const m = await import({_json.dumps(FRAME_OPS.as_uri())});\n"
        f"const cases = {_json.dumps(CODE_CASES)};\n"
        "for (const t of cases) {\n"
        "  if (t.type === 'filter_rows' && Array.isArray(t.where))\n"
        "    t.where = {type: 'group', operator: 'and', children: t.where.map((c) => ({negate: false, ...c}))};\n"
        f"  console.log(JSON.stringify(m.code({library!r}, 'df', ['a', 'b', 'c'], [t])));\n"
        "}\n"
    )
    out = _subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    ours = [_json.loads(line) for line in out.stdout.splitlines()]
    for t, code in zip(CODE_CASES, ours):
        w = marimo.ui.dataframe(frame)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w._convert_value({"transforms": [t]})
        theirs = w._handler.as_python_code(w._transform_container._snapshot_df, "df", ["a", "b", "c"], w._last_transforms.transforms)
        assert code.split("\n", 1)[1] == theirs, t  # after our import line


# -- the tables a SQL cell reads are its refs ------------------------------------------------

from kernel_py.core.analysis import analyze  # noqa: E402


@pytest.mark.parametrize(
    "code, refs",
    [
        ('_df = mo.sql(f"""SELECT * FROM people WHERE age > 30""")', {"mo", "people"}),
        ('_df = mo.sql(f"""SELECT * FROM {table} WHERE age > {limit}""")', {"mo", "table", "limit"}),
        ("x = mo.sql('SELECT a.x FROM a JOIN b ON a.id = b.id')", {"mo", "a", "b"}),
        ("mo.sql('WITH t AS (SELECT 1) SELECT * FROM t')", {"mo"}),
        ("mo.sql(\"SELECT * FROM read_csv('data.csv')\")", {"mo"}),
        ("mo.sql('SELECT * FROM main.sales -- FROM hidden')", {"mo"}),
        ("mo.sql(\"SELECT 'FROM quoted' AS s FROM real_one\")", {"mo", "real_one"}),
        ("people = 1\nmo.sql('SELECT * FROM people')", {"mo"}),  # its own def
        ("mo.sql('SELECT * FROM _private')", {"mo"}),
        ("q = 'SELECT * FROM people'", set()),  # not a mo.sql call
    ],
)
def test_the_tables_a_sql_query_reads_are_refs(code, refs):
    assert set(analyze(code).refs) == refs


def test_rivulet_run_imports_a_notebook_beside_it_and_embeds_it(tmp_path):
    import subprocess
    import sys

    (tmp_path / "child_cli.py").write_text(CHILD)
    (tmp_path / "parent.py").write_text(
        'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n'
        "@app.cell\ndef _():\n    from child_cli import app as child\n    return (child,)\n\n\n"
        "@app.cell\nasync def _(child):\n    result = await child.embed()\n    print(result.defs['line'])\n    return\n\n\n"
        'if __name__ == "__main__":\n    app.run()\n'
    )
    root = _Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-m", "kernel_py.cli", "run", str(tmp_path / "parent.py")],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "***" in done.stdout
