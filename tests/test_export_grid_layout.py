"""`rivulet export` keeps marimo's grid layout file (``marimo.App(layout_file=...)``):
the folder holds a copy where marimo expects it and the page carries the JSON
inlined (so a single-file export, which fetches nothing, has it too)."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kernel_py.host.export import export_folder
from kernel_py.host.export.folder import ExportSummary, read_layout
from kernel_py.notebook.file_format import parse_notebook

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
LAYOUT = {"type": "grid", "data": {"columns": 24, "rowHeight": 20, "cells": [{"position": None}, {"position": [0, 0, 12, 4]}]}}


def notebook(layout_file: str) -> str:
    return (
        "import marimo\n\n"
        f"app = marimo.App(layout_file={layout_file!r})\n\n\n"
        "@app.cell\ndef _():\n    import marimo as mo\n    return (mo,)\n\n\n"
        "@app.cell\ndef _(mo):\n    mo.md('hello')\n    return\n"
    )


def options(text: str):
    return parse_notebook(text).app_options


def test_read_layout_reads_the_file_next_to_the_notebook(tmp_path: Path) -> None:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "nb.grid.json").write_text(json.dumps(LAYOUT))
    summary = ExportSummary(out=tmp_path)
    layout = read_layout(tmp_path, options(notebook("layouts/nb.grid.json")), summary)
    assert layout.path == "layouts/nb.grid.json" and layout.value == LAYOUT and not summary.warnings


def test_read_layout_takes_a_data_uri_as_marimo_exports_write_it(tmp_path: Path) -> None:
    uri = "data:application/json;base64," + base64.b64encode(json.dumps(LAYOUT).encode()).decode()
    layout = read_layout(tmp_path, options(notebook(uri)), ExportSummary(out=tmp_path))
    assert layout.path is None and layout.value == LAYOUT


@pytest.mark.parametrize("ref, body", [
    ("layouts/missing.grid.json", None),
    ("layouts/bad.grid.json", "{ not json"),
    ("layouts/wrong.grid.json", '{"cells": []}'),
    ("../outside.grid.json", json.dumps(LAYOUT)),
    ("layouts/nb.grid.txt", json.dumps(LAYOUT)),
])
def test_a_missing_or_bad_layout_is_a_warning_not_a_failure(tmp_path: Path, ref: str, body: str | None) -> None:
    folder = tmp_path / "nb"
    (folder / "layouts").mkdir(parents=True)
    if body is not None:
        (folder / ref).resolve().write_text(body)
    summary = ExportSummary(out=tmp_path)
    layout = read_layout(folder, options(notebook(ref)), summary)
    assert layout.path is None and layout.value is None
    assert summary.warnings and "vertical" in summary.warnings[0]


def test_no_layout_file_no_layout(tmp_path: Path) -> None:
    summary = ExportSummary(out=tmp_path)
    assert read_layout(tmp_path, options("import marimo\napp = marimo.App()\n"), summary).value is None
    assert not summary.warnings


def test_export_copies_the_layout_file_and_inlines_it(tmp_path: Path) -> None:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    src = tmp_path / "src"
    (src / "layouts").mkdir(parents=True)
    (src / "layouts" / "nb.grid.json").write_text(json.dumps(LAYOUT))
    (src / "nb.py").write_text(notebook("layouts/nb.grid.json"))
    out = tmp_path / "out"
    summary = export_folder(src / "nb.py", out, site=DIST)
    assert json.loads((out / "layouts" / "nb.grid.json").read_text()) == LAYOUT
    page = (out / "index.html").read_text()
    data = json.loads(re.search(r'<script type="application/json" id="rv-export">(.*?)</script>', page, re.S).group(1))
    assert data["layout"] == LAYOUT
    assert "layouts/nb.grid.json" in summary.data_files
