"""A notebook's own settings in its file: marimo.App(...) keywords and the
PEP 723 header's [tool.marimo.runtime]; only what changed changes."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

import pytest

from kernel_py.notebook.file_format import parse_notebook, write_notebook
from kernel_py.notebook.settings import (
    Settings,
    SettingsError,
    apply_settings,
    read_settings,
    with_app_option,
    with_runtime_option,
)
from kernel_py.session import Session

MARIMO_PYTHON = Path("/work/venv-marimo/bin/python")

BODY = '''import marimo

__generated_with = "0.25.2"
app = {app}


@app.cell
def _():
    x = 1
    return (x,)


@app.cell
def _(x):
    y = x + 1
    return


if __name__ == "__main__":
    app.run()
'''

DEPS_HEADER = """# /// script
# requires-python = ">=3.12"
# dependencies = [
#     "marimo",
#     "numpy==2.2.0",
# ]
# ///"""


def notebook_text(app: str = "marimo.App()", header: str = "") -> str:
    return (header + "\n\n" if header else "") + BODY.format(app=app)


def change(text: str, **settings: object) -> str:
    return write_notebook(apply_settings(parse_notebook(text), settings))


def changed_lines(before: str, after: str) -> list[str]:
    b, a = before.splitlines(), after.splitlines()
    return [line for line in a if line not in b] + [f"-{line}" for line in b if line not in a]


# ------------------------------------------------------------------ marimo.App(...)


@pytest.mark.parametrize(
    ("app", "settings", "expected"),
    [
        ("marimo.App()", {"width": "medium"}, 'marimo.App(width="medium")'),
        ('marimo.App(width="medium")', {"width": "full"}, 'marimo.App(width="full")'),
        ('marimo.App(width="medium")', {"width": "compact"}, "marimo.App()"),  # marimo leaves defaults out
        ("marimo.App()", {"app_title": "Sales"}, 'marimo.App(app_title="Sales")'),
        ('marimo.App(app_title="Sales")', {"app_title": ""}, "marimo.App()"),
        ("marimo.App()", {"width": "full", "app_title": "S"}, 'marimo.App(width="full", app_title="S")'),
        # a new keyword goes where marimo's writer puts it; the others keep their places
        ('marimo.App(app_title="S")', {"width": "full"}, 'marimo.App(width="full", app_title="S")'),
        ('marimo.App(css_file="a.css", width="full")', {"app_title": "T"}, 'marimo.App(css_file="a.css", width="full", app_title="T")'),
        ('marimo.App(layout_file="layouts/x.json")', {"width": "columns"}, 'marimo.App(width="columns", layout_file="layouts/x.json")'),
        ("marimo.App()", {"app_title": 'Say "hi" \\ bye'}, 'marimo.App(app_title="Say \\"hi\\" \\\\ bye")'),
        ("marimo.App()", {"app_title": "  two\nlines  "}, 'marimo.App(app_title="two lines")'),
    ],
)
def test_app_settings_change_only_the_app_call(app, settings, expected):
    before = notebook_text(app)
    after = change(before, **settings)
    assert after == notebook_text(expected)


def test_a_long_app_call_is_wrapped_as_marimo_wraps_it():
    after = change(notebook_text(), width="medium", app_title="A rather long title for a notebook about sales")
    assert 'app = marimo.App(\n    width="medium",\n    app_title="A rather long title for a notebook about sales",\n)' in after
    assert read_settings(parse_notebook(after)) == Settings("medium", "A rather long title for a notebook about sales")


def test_setting_and_unsetting_gives_back_the_same_bytes():
    for app in ("marimo.App()", 'marimo.App(width="medium", css_file="x.css")', 'marimo.App(app_title="Q")'):
        before = notebook_text(app, DEPS_HEADER)
        original = read_settings(parse_notebook(before))
        changed = change(before, width="full", app_title="New", on_cell_change="lazy", auto_instantiate=False)
        assert change(changed, **vars(original)) == before


def test_unknown_and_bad_settings_are_refused_with_a_clear_message():
    nb = parse_notebook(notebook_text())
    for bad, words in [
        ({"width": "wide"}, "width must be one of"),
        ({"app_title": 3}, "app_title must be a string"),
        ({"on_cell_change": "sometimes"}, "on_cell_change must be"),
        ({"auto_instantiate": "no"}, "auto_instantiate must be true or false"),
        ({"theme": "dark"}, "unknown notebook setting 'theme'"),
    ]:
        with pytest.raises(SettingsError, match=words):
            apply_settings(nb, bad)


def test_odd_app_values_read_as_defaults_and_are_replaced_when_set():
    text = notebook_text("marimo.App(width=WIDTH, app_title=None)")
    assert read_settings(parse_notebook(text)) == Settings()
    assert 'marimo.App(width="full", app_title=None)' in change(text, width="full")


def test_with_app_option_keeps_keywords_it_does_not_know():
    options = (("sql_output", '"polars"'), ("my_flag", "True"))
    assert with_app_option(options, "width", "full") == (("width", '"full"'), ("sql_output", '"polars"'), ("my_flag", "True"))


# ------------------------------------------------------------------ the PEP 723 header


def test_runtime_settings_go_into_a_new_script_block_when_there_is_none():
    after = change(notebook_text(), on_cell_change="lazy", auto_instantiate=False)
    assert after.startswith(
        '# /// script\n# [tool.marimo.runtime]\n# on_cell_change = "lazy"\n# auto_instantiate = false\n# ///\n\nimport marimo\n'
    )
    assert read_settings(parse_notebook(after)) == Settings(on_cell_change="lazy", auto_instantiate=False)
    assert change(after, on_cell_change="autorun", auto_instantiate=True) == notebook_text()


def test_runtime_settings_join_an_existing_block_leaving_its_lines_alone():
    before = notebook_text(header=DEPS_HEADER)
    after = change(before, on_cell_change="lazy")
    assert changed_lines(before, after) == ["#", "# [tool.marimo.runtime]", '# on_cell_change = "lazy"']
    assert '#     "numpy==2.2.0",\n# ]\n#\n# [tool.marimo.runtime]\n# on_cell_change = "lazy"\n# ///' in after
    assert change(after, on_cell_change="autorun") == before


def test_an_existing_runtime_table_is_edited_in_place():
    header = '''# /// script
# dependencies = []
#
# [tool.marimo.runtime]
# auto_reload = "lazy"   # mine
# on_cell_change = "autorun"
#
# [tool.uv]
# exclude-newer = "2025-01-01T00:00:00Z"
# ///'''
    before = notebook_text(header=header)
    after = change(before, on_cell_change="lazy", auto_instantiate=False)
    assert changed_lines(before, after) == ['# on_cell_change = "lazy"', "# auto_instantiate = false", '-# on_cell_change = "autorun"']
    assert '# on_cell_change = "lazy"\n# auto_instantiate = false\n#\n# [tool.uv]' in after
    # back to the default: the key goes, the rest of the table (and the file) stays
    back = change(after, auto_instantiate=True)
    assert "auto_instantiate" not in back and '# auto_reload = "lazy"   # mine' in back and "[tool.uv]" in back


def test_an_emptied_runtime_table_goes_and_a_following_table_keeps_its_gap():
    header = '# /// script\n# dependencies = []\n#\n# [tool.marimo.runtime]\n# on_cell_change = "lazy"\n#\n# [tool.uv]\n# x = 1\n# ///'
    after = with_runtime_option(header, "on_cell_change", None)
    assert after == "# /// script\n# dependencies = []\n#\n# [tool.uv]\n# x = 1\n# ///"


def test_a_header_with_comments_and_a_docstring_keeps_them():
    header = '#!/usr/bin/env python\n# /// script\n# dependencies = ["attrs"]\n# ///\n"""A notebook."""'
    before = notebook_text(header=header)
    after = change(before, on_cell_change="lazy")
    assert after.startswith('#!/usr/bin/env python\n# /// script\n# dependencies = ["attrs"]\n#\n# [tool.marimo.runtime]')
    assert '# ///\n"""A notebook."""\n\nimport marimo' in after
    assert change(after, on_cell_change="autorun") == before


@pytest.mark.parametrize(
    "header",
    [
        '# /// script\n# [tool.marimo]\n# runtime = { on_cell_change = "lazy" }\n# ///',  # an inline table
        '# /// script\n# tool.marimo.runtime.on_cell_change = "lazy"\n# ///',  # dotted keys
    ],
)
def test_a_header_written_another_way_is_read_and_never_broken(header):
    text = notebook_text(header=header)
    assert read_settings(parse_notebook(text)).on_cell_change == "lazy"
    with pytest.raises(SettingsError, match="cannot edit safely"):
        change(text, on_cell_change="autorun")


def test_a_script_block_that_is_not_toml_is_refused_and_left_alone():
    header = "# /// script\n# dependencies = [\n# ///"
    with pytest.raises(SettingsError):
        with_runtime_option(header, "on_cell_change", "lazy")


def test_two_script_blocks_are_ambiguous_and_refused():
    header = "# /// script\n# dependencies = []\n# ///\n# /// script\n# dependencies = []\n# ///"
    with pytest.raises(SettingsError):
        with_runtime_option(header, "on_cell_change", "lazy")


def test_comment_lines_and_another_kind_of_block_stay_out_of_a_new_script_block():
    header = "# /// pyodide\n# x = 1\n# ///"
    after = with_runtime_option(header, "auto_instantiate", False)
    assert after == "# /// script\n# [tool.marimo.runtime]\n# auto_instantiate = false\n# ///\n\n" + header
    assert with_runtime_option(after, "auto_instantiate", None) == header
    text = notebook_text(header="# Sales, by region\n# (c) me")
    after = change(text, on_cell_change="lazy")
    assert '# ///\n\n# Sales, by region\n# (c) me\n\nimport marimo' in after
    assert change(after, on_cell_change="autorun") == text


def test_crlf_and_bom_files_keep_them():
    before = ("\ufeff" + notebook_text(header=DEPS_HEADER)).replace("\n", "\r\n")
    after = change(before, on_cell_change="lazy", width="full")
    assert after.startswith("\ufeff# /// script\r\n") and "\n" not in after.replace("\r\n", "")
    assert change(after, on_cell_change="autorun", width="compact") == before


def test_wrong_values_in_the_file_read_as_defaults():
    header = '# /// script\n# [tool.marimo.runtime]\n# on_cell_change = "sometimes"\n# auto_instantiate = "no"\n# ///'
    assert read_settings(parse_notebook(notebook_text('marimo.App(width="huge")', header))) == Settings()


# ------------------------------------------------------------------ the session


def run_session(text: str, *requests: dict, mode: str = "edit") -> tuple[Session, list[dict]]:
    events: list[dict] = []
    session = Session(events.append, mode=mode)
    asyncio.run(session.handle({"v": 1, "type": "open", "id": "o", "text": text}))
    for request in requests:
        asyncio.run(session.handle(request))
    return session, events


def statuses(events: list[dict]) -> list[str]:
    return [e["status"] for e in events if e["type"] == "status"]


def test_a_file_that_says_not_to_run_on_open_opens_with_every_cell_stale():
    text = change(notebook_text(), auto_instantiate=False)
    session, events = run_session(text)
    try:
        assert set(statuses(events)) == {"stale"}
        assert not [e for e in events if e["type"] == "output"]
        notebook = next(e for e in events if e["type"] == "notebook")
        assert notebook["runtime"] == {"on_cell_change": "autorun", "auto_instantiate": False}
    finally:
        session.close()


@pytest.mark.parametrize("mode", ["read", "run"])
def test_the_app_view_and_headless_runs_run_it_anyway(mode):
    session, events = run_session(change(notebook_text(), auto_instantiate=False), mode=mode)
    try:
        assert "running" in statuses(events) and session.kernel.namespace["y"] == 2
    finally:
        session.close()


def test_a_lazy_file_marks_descendants_stale_instead_of_running_them():
    text = change(notebook_text(), on_cell_change="lazy")
    edit = {"v": 1, "type": "run", "id": "r", "cells": [{"id": "Hbol", "code": "x = 5"}]}
    session, events = run_session(text)
    try:
        assert session.kernel.on_cell_change == "lazy"
        before = len(events)
        asyncio.run(session.handle(edit))
        later = [(e["cell"], e["status"]) for e in events[before:] if e["type"] == "status"]
        assert ("MJUe", "stale") in later and ("MJUe", "running") not in later
        assert session.kernel.namespace["y"] == 2  # not run again
    finally:
        session.close()


def test_set_config_settings_are_saved_into_the_file_and_applied():
    settings = {"width": "full", "app_title": "Sales", "on_cell_change": "lazy", "auto_instantiate": False}
    session, events = run_session(
        notebook_text(),
        {"v": 1, "type": "set_config", "id": "c", "settings": settings},
        {"v": 1, "type": "save", "id": "s"},
    )
    try:
        assert session.kernel.on_cell_change == "lazy"
        saved = next(e for e in events if e["type"] == "file")["text"]
        assert 'app = marimo.App(width="full", app_title="Sales")' in saved
        assert read_settings(parse_notebook(saved)) == Settings(**settings)
        assert saved.split("import marimo", 1)[1] == change(notebook_text(), **settings).split("import marimo", 1)[1]
    finally:
        session.close()


def test_a_bad_setting_is_an_error_reply_and_changes_nothing():
    session, events = run_session(
        notebook_text(header=DEPS_HEADER),
        {"v": 1, "type": "set_config", "id": "c", "settings": {"width": "full", "on_cell_change": "never"}},
        {"v": 1, "type": "save", "id": "s"},
    )
    try:
        error = next(e for e in events if e["type"] == "error")
        assert error["id"] == "c" and "on_cell_change must be" in error["message"]
        assert next(e for e in events if e["type"] == "file")["text"] == notebook_text(header=DEPS_HEADER)
    finally:
        session.close()


def test_a_header_it_cannot_edit_is_refused_with_the_files_settings_in_the_reply():
    header = '# /// script\n# tool.marimo.runtime.on_cell_change = "lazy"\n# ///'
    text = with_width(notebook_text(header=header), "medium")
    session, events = run_session(
        text,
        {"v": 1, "type": "set_config", "id": "c", "settings": {"on_cell_change": "autorun"}},
        {"v": 1, "type": "save", "id": "s"},
    )
    try:
        error = next(e for e in events if e["type"] == "error")
        assert error["id"] == "c" and "cannot edit safely" in error["message"]
        assert error["settings"] == {"width": "medium", "app_title": "", "on_cell_change": "lazy", "auto_instantiate": True}
        assert session.kernel.on_cell_change == "lazy"
        assert next(e for e in events if e["type"] == "file")["text"] == text
        # other errors carry no settings
        assert all("settings" not in e for e in events if e["type"] == "error" and e is not error)
    finally:
        session.close()


def with_width(text: str, width: str) -> str:
    return write_notebook(apply_settings(parse_notebook(text), {"width": width}))


# ------------------------------------------------------------------ marimo, the oracle

ORACLE = """
import json, sys
from marimo._ast.load import load_app
from marimo._config.manager import ScriptConfigReader
from marimo._convert.converters import MarimoConvert
path = sys.argv[1]
app = load_app(path)
text = open(path, encoding="utf-8").read()
print(json.dumps({
    "width": app._config.width,
    "app_title": app._config.app_title,
    "runtime": ScriptConfigReader(path).read().get("runtime", {}),
    "cells": len(list(app._cell_manager.cell_ids())),
    "rewritten": MarimoConvert.from_py(text).to_py(),
}))
"""


@pytest.mark.skipif(not MARIMO_PYTHON.exists(), reason="marimo (the oracle) is not installed at /work/venv-marimo")
@pytest.mark.parametrize(
    ("header", "settings"),
    [
        ("", {"width": "full", "app_title": "Sales", "on_cell_change": "lazy", "auto_instantiate": False}),
        (DEPS_HEADER, {"width": "columns", "on_cell_change": "lazy"}),
        (DEPS_HEADER, {"width": "medium", "app_title": 'Quotes " and \\ slashes', "auto_instantiate": False}),
        ('# Sales, by region\n"""Notes."""', {"on_cell_change": "lazy", "app_title": "Été ☀"}),
    ],
)
def test_marimo_reads_the_same_settings_from_a_file_rivulet_wrote(tmp_path, header, settings):
    text = change(notebook_text(header=header), **settings)
    path = tmp_path / "notebook.py"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [str(MARIMO_PYTHON), "-c", ORACLE, str(path)], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout)
    ours = read_settings(parse_notebook(text))
    assert seen["cells"] == 2
    assert seen["width"] == ours.width and (seen["app_title"] or "") == ours.app_title
    assert seen["runtime"].get("on_cell_change", "autorun") == ours.on_cell_change
    # marimo 0.25 drops auto_instantiate from a script header (its own security rule); Rivulet honours it
    assert "auto_instantiate" not in seen["runtime"]
    if '"' not in ours.app_title:  # marimo's own writer leaves a quote in a title unescaped (a file that breaks)
        assert seen["rewritten"] == text  # marimo would write these very bytes
