"""`rivulet export` under CPython: what the folder holds (the browser side is
tests/e2e/test_export.py)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kernel_py.host import cli
from kernel_py.host.export import ExportError, export_folder
from kernel_py.host.export.static_html import sanitize

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def notebook(*cells: str) -> str:
    body = "".join(f"\n@app.cell\ndef _():\n" + "".join(f"    {line}\n" for line in c.splitlines()) + "    return\n" for c in cells)
    return f"import marimo\n\napp = marimo.App()\n{body}\nif __name__ == \"__main__\":\n    app.run()\n"


@pytest.fixture(scope="session")
def site() -> Path:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    return DIST


def embedded(out: Path) -> dict:
    page = (out / "index.html").read_text()
    match = re.search(r'<script type="application/json" id="rv-export">(.*?)</script>', page, re.S)
    assert match, "no embedded notebook"
    return json.loads(match.group(1))


def test_stdlib_notebook_export_is_small_relative_and_offline(tmp_path, site, capsys) -> None:
    src = tmp_path / "nb.py"
    src.write_text(notebook("import math\nmath.sqrt(16)"))
    assert cli.main(["export", str(src), "-o", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / "out"
    files = [p for p in out.rglob("*") if p.is_file()]
    # the kernel's memory snapshot (readers' first visit restores it instead of starting Python) aside
    snapshot = [p for p in files if p.name == "kernel.snapshot.gz"]
    assert len(snapshot) <= 1 and all(p.stat().st_size <= 8 * 1024 * 1024 for p in snapshot)
    total = sum(p.stat().st_size for p in files if p not in snapshot)
    assert total <= 16 * 1024 * 1024, f"{total / 1e6:.1f} MB"
    assert f"{len(files)} files" in printed and "needs no network" in printed
    assert (out / ".nojekyll").exists()
    assert not list(out.rglob("*.map"))
    page = (out / "index.html").read_text()
    urls = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert urls and all(not re.match(r"^(/|[a-z]+:)", u) or u.startswith("data:") for u in urls), urls
    # everything the page and the worker load is inside the folder
    for url in urls:
        if not url.startswith("data:") and url != "./":
            assert (out / url).exists(), url
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())
    kernel = lock["packages"]["rivulet"]["file_name"]
    assert (out / "pyodide" / kernel).is_file()
    data = embedded(out)
    assert data["cells"][0]["outputs"] == [{"text/plain": "4.0"}]
    assert "4.0" in page.split('id="rv-export"')[0]  # the static layer, readable without JavaScript


def test_export_copies_the_files_the_notebook_reads_and_public(tmp_path, site) -> None:
    folder = tmp_path / "project"
    (folder / "data").mkdir(parents=True)
    (folder / "public").mkdir()
    (folder / "data" / "in.csv").write_text("a,b\n1,2\n")
    (folder / "unused.txt").write_text("never read")
    (folder / "public" / "logo.txt").write_text("public")
    src = folder / "nb.py"
    src.write_text(notebook(
        "import marimo as mo\nrows = open('data/in.csv').read().splitlines()\n"
        "open('written.txt', 'w').write('x')\n"
        "str(mo.notebook_dir() == __import__('pathlib').Path.cwd())",
        "len(rows)",
    ))
    summary = export_folder(src, tmp_path / "out", site=site)
    out = tmp_path / "out"
    assert summary.data_files == ["data/in.csv", "public/logo.txt"]
    assert (out / "data" / "in.csv").read_text() == "a,b\n1,2\n"
    assert (out / "public" / "logo.txt").exists()
    assert not (out / "unused.txt").exists() and not (out / "written.txt").exists()
    data = embedded(out)
    assert data["files"] == ["data/in.csv", "public/logo.txt"]
    assert data["cells"][0]["outputs"] == [{"text/plain": "'True'"}]
    assert data["cells"][1]["outputs"] == [{"text/plain": "2"}]


def test_notebook_dir_under_rivulet_run_is_the_file_folder(tmp_path, monkeypatch, capsys) -> None:
    folder = tmp_path / "somewhere"
    folder.mkdir()
    (folder / "nb.py").write_text(notebook("import marimo as mo\nprint(mo.notebook_dir(), mo.notebook_location())"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["run", str(folder / "nb.py"), "--json"]) == 0
    cells = json.loads(capsys.readouterr().out)["cells"]
    assert cells[0]["stdout"] == f"{folder} {folder}\n"


def test_a_notebook_with_errors_exports_and_reports_them(tmp_path, site) -> None:
    src = tmp_path / "broken.py"
    src.write_text(notebook("1 / 0", "x = (", "'fine'"))
    summary = export_folder(src, tmp_path / "out", site=site)
    assert summary.failed_cells == 2
    assert "2 cell(s) failed at export time" in "\n".join(summary.lines())
    cells = embedded(tmp_path / "out")["cells"]
    assert cells[0]["error"]["kind"] == "exception" and "ZeroDivisionError" in cells[0]["error"]["message"]
    assert cells[1]["error"]["kind"] == "syntax"
    assert cells[2]["outputs"] == [{"text/plain": "'fine'"}]
    assert "ZeroDivisionError" in (tmp_path / "out" / "index.html").read_text().split('id="rv-export"')[0]


def test_embedded_notebook_cannot_close_its_script_block(tmp_path, site) -> None:
    src = tmp_path / "nb.py"
    src.write_text(notebook("s = '</script><script>alert(1)</script><!--'\ns"))
    export_folder(src, tmp_path / "out", site=site)
    page = (tmp_path / "out" / "index.html").read_text()
    assert "<script>alert(1)" not in page
    assert "alert(1)" in embedded(tmp_path / "out")["text"]


def test_static_html_drops_scripts_handlers_and_javascript_urls() -> None:
    dirty = (
        '<p onclick="steal()">hi <b>there</b></p><script>steal()</script><style>*{}</style>'
        '<a href="javascript:steal()">x</a><a href="https://example.org/">ok</a>'
        '<img src="x" onerror="steal()"><iframe src="evil"></iframe><rv-ui data-kind="slider">label</rv-ui>'
    )
    clean = sanitize(dirty)
    assert "steal" not in clean and "<style" not in clean and "<iframe" not in clean
    assert "<p>hi <b>there</b></p>" in clean and 'href="https://example.org/"' in clean and "label" in clean


def test_pure_packages_are_vendored_and_compiled_ones_listed(tmp_path, site) -> None:
    pytest.importorskip("lzstring")
    src = tmp_path / "nb.py"
    src.write_text(notebook("import lzstring\nimport numpy_or_nothing_xyz\n", "import numpy"))
    summary = export_folder(src, tmp_path / "out", site=site)
    lock = json.loads((tmp_path / "out" / "pyodide" / "pyodide-lock.json").read_text())
    entry = lock["packages"]["lzstring"]
    wheel = tmp_path / "out" / "pyodide" / entry["file_name"]
    assert "lzstring" in entry["imports"]
    with zipfile.ZipFile(wheel) as zf:
        assert "lzstring/__init__.py" in zf.namelist()
        pyc = [n for n in zf.namelist() if n.endswith(".pyc")]
    # byte code only from Pyodide's own Python (faster imports), never the host's
    assert pyc and all(re.search(r"/__pycache__/\w+\.cpython-314\.pyc$", n) for n in pyc), pyc
    assert any(v.startswith("lzstring ") for v in summary.vendored)
    assert "numpy (Pyodide's CDN)" in summary.network
    assert "numpy_or_nothing_xyz (PyPI, through micropip)" in summary.network
    # something may need micropip: it is shipped
    assert (tmp_path / "out" / "pyodide" / lock["packages"]["micropip"]["file_name"]).is_file()


def test_missing_site_says_how_to_build_it(tmp_path, monkeypatch, capsys) -> None:
    from kernel_py.host import edit_server

    monkeypatch.setattr(edit_server, "site_dir", lambda: None)
    src = tmp_path / "nb.py"
    src.write_text(notebook("1"))
    assert cli.main(["export", str(src), "-o", str(tmp_path / "out")]) == 2
    assert "python3 build.py" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_export_never_overwrites_a_folder_that_is_not_an_export(tmp_path, site) -> None:
    src = tmp_path / "nb.py"
    src.write_text(notebook("1"))
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(ExportError):
        export_folder(src, precious, site=site)
    assert (precious / "thesis.tex").exists()


def test_export_carries_the_modules_beside_the_notebook_that_it_imports(tmp_path, site) -> None:
    pytest.importorskip("lzstring")
    folder = tmp_path / "project"
    folder.mkdir()
    child = (ROOT / "tests" / "fixtures" / "embedded_child.py").read_text(encoding="utf-8")
    (folder / "child_export.py").write_text(child)
    (folder / "helpers_export.py").write_text("import lzstring\n\ndef twice(x):\n    return 2 * x\n")
    (folder / "unused_export.py").write_text("x = 1\n")
    (folder / "pkg_export").mkdir()
    (folder / "pkg_export" / "__init__.py").write_text("from .inner import VALUE\n")
    (folder / "pkg_export" / "inner.py").write_text("VALUE = 7\n")
    src = folder / "nb.py"
    src.write_text(notebook(
        "from child_export import app as child\nfrom helpers_export import twice\nfrom pkg_export import VALUE",
        "result = await child.embed()\nprint(result.defs['line'], twice(2))",
    ))
    summary = export_folder(src, tmp_path / "out", site=site)
    out = tmp_path / "out"
    assert summary.failed_cells == 0
    assert embedded(out)["files"] == ["child_export.py", "helpers_export.py", "pkg_export/__init__.py",
                                      "pkg_export/inner.py"]
    assert (out / "child_export.py").read_text() == child
    assert not (out / "unused_export.py").exists()
    # what the modules import is in the export too; the modules are not packages to find
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())
    assert "lzstring" in lock["packages"]
    assert not any("export" in line for line in summary.network), summary.network
    assert "child_export" not in sys.modules and "pkg_export.inner" not in sys.modules  # not left in the host


def test_folder_and_islands_exports_carry_the_sites_kernel_snapshot(tmp_path, site) -> None:
    from kernel_py.host.export.islands import export_islands

    shipped = site / "pyodide" / "kernel.snapshot.gz"
    assert shipped.is_file()  # the build made one (build.py: make_kernel_snapshot)
    src = tmp_path / "nb.py"
    src.write_text(notebook("1 + 1"))
    export_folder(src, tmp_path / "out", site=site)
    assert (tmp_path / "out" / "pyodide" / "kernel.snapshot.gz").read_bytes() == shipped.read_bytes()
    # an islands page restores it too: its bundle names it (URL and sha256)
    export_islands(src, tmp_path / "islands", site=site)
    assert (tmp_path / "islands" / "pyodide" / "kernel.snapshot.gz").read_bytes() == shipped.read_bytes()
    digest = hashlib.sha256(shipped.read_bytes()).hexdigest()
    assert any(digest in p.read_text() for p in (tmp_path / "islands" / "assets").glob("*.js") if p.name != "rivulet-frame-worker.js")
