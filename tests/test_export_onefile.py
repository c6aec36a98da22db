"""`rivulet export --single-file` under CPython: what the one HTML file holds
(the browser side is tests/e2e/test_export_single.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from kernel_py.host import cli

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def notebook(*cells: str) -> str:
    body = "".join("\n@app.cell\ndef _():\n" + "".join(f"    {line}\n" for line in c.splitlines()) + "    return\n" for c in cells)
    return f"import marimo\n\napp = marimo.App()\n{body}\nif __name__ == \"__main__\":\n    app.run()\n"


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    src = tmp_path_factory.mktemp("src")
    (src / "data.csv").write_text("a,b\n1,2\n")
    (src / "unused.txt").write_text("never read\n")
    (src / "nb.py").write_text(notebook("import marimo as mo", 'open("data.csv").read()', 'mo.md("</script><!-- x")'))
    out = tmp_path_factory.mktemp("out") / "nb.html"
    assert cli.main(["export", str(src / "nb.py"), "--single-file", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def assets(page: str) -> dict[str, tuple[str, bytes]]:
    found = re.findall(r'<script type="text/plain" data-rv-asset="([^"]+)" data-type="([^"]+)"[^>]*>([^<]*)</script>', page)
    return {path: (type_, base64.b64decode(data)) for path, type_, data in found}


def test_everything_the_kernel_needs_is_inside(page) -> None:
    held = assets(page)
    # the kernel's sandboxed frame runs Pyodide's classic pair; the module pair is not carried
    for core in ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert f"pyodide/{core}" in held, core
    assert "pyodide/pyodide.mjs" not in held and "pyodide/pyodide.asm.mjs" not in held
    assert held["pyodide/pyodide.asm.wasm"][0] == "application/wasm"
    assert held["pyodide/pyodide.asm.wasm"][1][:4] == b"\0asm"
    assert held["notebook/data.csv"][1] == b"a,b\n1,2\n"
    assert "notebook/unused.txt" not in held
    lock = json.loads(held["pyodide/pyodide-lock.json"][1])
    kernel = lock["packages"]["rivulet"]["file_name"]
    wheel = held[f"pyodide/{kernel}"][1]
    assert hashlib.sha256(wheel).hexdigest() == lock["packages"]["rivulet"]["sha256"]
    assert "kernel_py/worker_entry.py" in zipfile.ZipFile(BytesIO(wheel)).namelist()
    assert {"shell/main.js", "assets/frame-worker.js"} <= held.keys()
    # the frame's worker installs this file's kernel wheel (its name written in at export)
    assert f'"../pyodide/{kernel}"' in held["assets/frame-worker.js"][1].decode()
    assert "RIVULET-KERNEL-WHEEL" not in held["assets/frame-worker.js"][1].decode()
    # nothing refers to a file beside the page or to another host
    assert not re.search(r'(?:src|href)="(?!data:|#|\./)[^"]+"', page.split('id="rv-export"')[0].split("<main")[0])


def test_one_inline_script_allowed_by_its_hash_and_no_unsafe_inline(page) -> None:
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'wasm-unsafe-eval'" in script_src
    inline = re.findall(r'<script type="module">(.*?)</script>', page, re.S)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert script_src[0] == f"'sha256-{digest}'"
    # the kernel frame's one script, inlined in the shell's bundle, by its hash too
    assert script_src[1].startswith("'sha256-") and script_src[2:] == ["blob:", "'wasm-unsafe-eval'"]
    assert re.search(r"worker-src blob:;", policy)
    assert "base-uri 'none'" in policy and "object-src 'none'" in policy


def test_the_notebook_and_outputs_travel_in_the_page(page) -> None:
    block = re.search(r'<script type="application/json" id="rv-export">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["files"] == ["data.csv"] and data["filesBase"] == "rivulet:/notebook/"
    assert "</script" not in block and "<!--" not in block
    assert "&lt;/script&gt;&lt;!-- x" in json.dumps(data["cells"])  # the output survives
    assert 'id="rv-prerendered"' in page and "a,b" in page.split('id="rv-export"')[0]


def test_islands_snippet_has_one_static_island_per_output_and_the_script(tmp_path) -> None:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    src = tmp_path / "nb.py"
    src.write_text(notebook("import marimo as mo", "x = 6 * 7", 'mo.md(f"x is **{x}**")', "x + 1"))
    out = tmp_path / "isl"
    assert cli.main(["export", str(src), "--islands", "-o", str(out)]) == 0
    snippet = (out / "islands.html").read_text()
    islands = re.findall(r'<div class="rivulet-island" data-rivulet-island="([^"]+)" data-rivulet-state="static">(.*?)</div>\n', snippet)
    assert [body for _, body in islands] and len(islands) == 2
    assert "<strong>42</strong>" in islands[0][1] or "x is" in islands[0][1]
    assert "43" in islands[1][1]
    data = json.loads(re.search(r'<script type="application/json" id="rv-export">(.*?)</script>', snippet, re.S).group(1))
    ids = [c["id"] for c in data["cells"]]
    assert [i for i, _ in islands] == [ids[2], ids[3]]
    assert snippet.rstrip().endswith('<script type="module" src="assets/rivulet-islands.js"></script>')
    # the kernel's sandboxed frame needs a CSP hash on a page with a policy: the snippet names it
    assert re.match(r"<!-- A page with a Content-Security-Policy needs script-src 'sha256-[A-Za-z0-9+/=]{44}'", snippet)
    for name in ("assets/rivulet-islands.js", "assets/rivulet-islands.css", "assets/rivulet-frame-worker.js",
                 "pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.js", "pyodide/pyodide.js", "pyodide/pyodide-lock.json"):
        assert (out / name).is_file(), name
