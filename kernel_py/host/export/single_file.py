"""``rivulet export --single-file``: one HTML file that runs the notebook live
from ``file://``, with no server and no network.

Chromium refuses ``fetch()`` of ``file://`` URLs from a ``file://`` page, so
nothing is fetched: everything is inside the file as base64 in non-executing
``<script type="text/plain" data-rv-asset="PATH" data-type="MIME">`` blocks —
the shell's bundle (built without code splitting, ``build.single_file_bundles``),
the kernel frame's worker bundle, Pyodide's core (its classic loader and glue,
the wasm, the standard library), the lock file, the kernel wheel, the vendored
wheels and the data files the notebook reads.  One small inline script
(``web/src/single/boot.js``, allowed by its sha256 in the page's
Content-Security-Policy) turns them into blobs and imports the shell from its
blob.

The kernel runs as on the site and in ``--islands``: its worker lives in a
fresh ``<iframe sandbox="allow-scripts" srcdoc>`` (``web/src/frame/``, whose
inline script the policy allows by its sha256 too), an opaque origin, so the
notebook's Python cannot reach the storage or the cookies of the origin that
serves the file (nor, from ``file://``, what Chromium keeps for ``file://``
pages).  The frame asks the page for ``rivulet:/PATH`` and the page answers
from the blobs.

Like the folder export, the page carries the notebook and its pre-rendered
outputs (``#rv-export``) and a static layer readable without JavaScript; if
the browser refuses something, the outputs stay and a notice says what.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import mimetypes
import re
import sys
import tempfile
import time
from pathlib import Path

from ...notebook.file_format import parse_notebook
from .folder import (CHART_IMPORTS, CHART_TAGS, ExportError, ExportSummary, _copy_data, _copy_pyodide, _title,
                     _uses_math, embedded_json, export_imports, find_site, read_layout)
from .prerun import prerun
from .static_html import static_layer
from .wheels import third_party

# Where the worker asks for the notebook's data files (worker-setup.js answers rivulet:/).
FILES_BASE = "rivulet:/notebook/"

TYPES = {".wasm": "application/wasm", ".js": "text/javascript",
         ".json": "application/json", ".zip": "application/zip", ".whl": "application/zip"}
# Pyodide's module pair: the kernel's frame runs the classic pair (pyodide.js, pyodide.asm.js).
NOT_CARRIED = frozenset({"pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs"})
KERNEL_WHEEL_NAME = re.compile(r"[A-Za-z0-9_.+-]+\.whl")

# The page's policy: its one inline script and the kernel frame's by hash, the
# shell's module from a blob: URL it makes itself, the frame's worker from a
# blob: URL, WebAssembly compiled from bytes; no 'unsafe-inline' or
# 'unsafe-eval' for scripts. Fetches and images may go anywhere, as on the site
# (packages from Pyodide's CDN when online; images in outputs).
CSP = ("default-src 'none'; script-src {hashes} blob: 'wasm-unsafe-eval'; worker-src blob:; "
       "style-src 'unsafe-inline'; img-src * data: blob:; media-src * data: blob:; font-src data: blob:; "
       "connect-src * data: blob:; frame-src *; object-src 'none'; base-uri 'none'; form-action 'none'")

_STATIC_STYLE = """
#rv-single-notice{font:14px system-ui,sans-serif;margin:.5rem 1rem;padding:.5rem .75rem;border:1px solid #f0c36d;background:#fff4e5;border-radius:4px}
#rv-prerendered{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem}
.rv-static-cell{margin:1rem 0}.rv-static-cell pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;border-radius:4px}
.rv-static-error{color:#b42318}#rv-prerendered table{border-collapse:collapse}#rv-prerendered td,#rv-prerendered th{border:1px solid #d0d7de;padding:.2rem .5rem}
@media (prefers-color-scheme: dark){.rv-static-cell pre{background:#161b22}#rv-single-notice{background:#3a2a10;border-color:#9a6700}}
"""


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _bundles(site: Path, skip: set[str]) -> dict[str, str]:
    """The shell bundled for one file (build.py next to the site builds it)."""
    sources = [Path(__file__).resolve().parents[3], site.parent]  # this kernel's source tree, the site's
    found = [s for s in sources if (s / "build.py").is_file() and (s / "web" / "src" / "single").is_dir()]
    if not found:
        raise ExportError("--single-file bundles the shell with build.py from Rivulet's source folder "
                          "(with node_modules); it was not found")
    build_py = found[0] / "build.py"
    spec = importlib.util.spec_from_file_location("_rivulet_build", build_py)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("_rivulet_build", module)
    spec.loader.exec_module(module)
    return module.single_file_bundles(frozenset(skip))


def _asset_block(path: str, data: bytes, type_: str, extra: str = "") -> str:
    return (f'<script type="text/plain" data-rv-asset="{html.escape(path)}" data-type="{html.escape(type_)}"{extra}>'
            f"{base64.b64encode(data).decode()}</script>\n")


def _type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def export_single_file(notebook: Path, out: Path, *, mode: str = "read", site: Path | None = None,
                       pyodide_dist: Path | None = None) -> ExportSummary:
    started = time.perf_counter()
    site = find_site(site)
    text = notebook.read_text(encoding="utf-8").removeprefix("\ufeff")
    run = prerun(notebook, text)
    parsed = parse_notebook(text)
    codes = [c.code for c in parsed.cells]
    summary = ExportSummary(out=out)
    summary.failed_cells = sum(1 for c in run.report.cells if c["status"] == "error")

    names = export_imports(notebook, codes, run)
    outputs_text = json.dumps([c["outputs"] for c in run.report.cells])
    skip = {tag for tag, mods in CHART_IMPORTS.items() if not (names & mods or CHART_TAGS[tag] in outputs_text)}
    if mode == "read":
        skip.add("editor")
    if not _uses_math(text, outputs_text):
        skip.add("math")
    summary.left_out = sorted(skip)
    bundles = _bundles(site, skip)

    blocks: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _copy_pyodide(site, root, third_party(names), mode=mode, summary=summary, header=parsed.header,
                      pyodide_dist=pyodide_dist)
        files = _copy_data(notebook.resolve().parent, run.data_files, root / "notebook", summary)
        lock = json.loads((root / "pyodide" / "pyodide-lock.json").read_text())
        wheel = lock["packages"]["rivulet"]["file_name"]
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = path.relative_to(root).as_posix()
            if rel not in NOT_CARRIED:
                blocks.append(_asset_block(rel, path.read_bytes(), _type(rel)))
    blocks.append(_asset_block("shell/main.js", bundles["main"].encode(), "text/javascript"))
    blocks.append(_asset_block("assets/frame-worker.js", _frame_worker(bundles["frame_worker"], wheel).encode(),
                               "text/javascript"))

    boot = bundles["boot"]
    if re.search(r"</script|<!--", boot, re.I):
        raise ExportError("the single-file boot script cannot be inlined (it contains </script or <!--)")
    data = {
        "version": 1, "mode": mode, "name": notebook.name, "text": text, "files": files, "filesBase": FILES_BASE,
        "cells": [{k: c[k] for k in ("id", "status", "outputs", "stdout", "stderr", "error")} for c in run.report.cells],
    }
    layout = read_layout(notebook.resolve().parent, parsed.app_options, summary).value
    if layout is not None:
        data["layout"] = layout  # inlined: a single file fetches nothing
    page = _page(site, notebook.name, text, mode, run.report.cells, codes, [c.config.hide_code for c in parsed.cells],
                 data, bundles["css"], boot, bundles["frame"], "".join(blocks))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    summary.files = 1
    summary.bytes = out.stat().st_size
    summary.seconds = time.perf_counter() - started
    return summary


def _frame_worker(bundle: str, wheel: str) -> str:
    """The frame's worker bundle, naming this file's kernel wheel."""
    placeholder = "RIVULET-KERNEL-WHEEL.whl"  # build.SINGLE_KERNEL_WHEEL
    if not KERNEL_WHEEL_NAME.fullmatch(wheel) or bundle.count(placeholder) != 1:
        raise ExportError(f"the kernel wheel {wheel!r} cannot be named in the frame's worker: rebuild the site")
    return bundle.replace(placeholder, wheel)


def _page(site: Path, name: str, text: str, mode: str, cells: list[dict], codes: list[str], hidden: list[bool],
          data: dict, css: str, boot: str, frame: str, blocks: str) -> str:
    page = (site / "index.html").read_text(encoding="utf-8")
    policy = CSP.format(hashes=f"{csp_hash(boot)} {csp_hash(frame)}")
    page, n = re.subn(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">',
                      f'<meta http-equiv="Content-Security-Policy" content="{policy}">', page, count=1)
    if n != 1:
        raise ExportError("the site's index.html has no Content-Security-Policy <meta>: rebuild the site")
    page = re.sub(r'<link rel="modulepreload"[^>]*>\n?', "", page)
    if "</style" in css.lower():
        raise ExportError("the shell's CSS cannot be inlined")
    page = re.sub(r'<link rel="stylesheet" href="assets/[^"]*">', lambda _m: f"<style>{css}</style>", page, count=1)
    page = page.replace("</head>", f"<style>{_STATIC_STYLE}</style>\n</head>", 1)
    page = re.sub(r'<script type="module" src="assets/[^"]*"></script>\n?', "", page)
    page = re.sub(r'\s*<a href="gallery/">[^<]*</a>', "", page, count=1)
    title = _title(text) or name
    page = re.sub(r"<title>[^<]*</title>", lambda _m: f"<title>{html.escape(title)}</title>", page, count=1)
    download = "data:text/x-python;charset=utf-8," + "".join(
        c if c.isalnum() or c in "-_.~" else "".join(f"%{b:02X}" for b in c.encode()) for c in text
    )
    notice = (
        '<p id="rv-single-notice" role="status">Showing the outputs computed when this file was exported; '
        "the notebook runs live once its Python kernel has started (this needs JavaScript). "
        f'<a download="{html.escape(name)}" href="{html.escape(download)}">Download {html.escape(name)}</a></p>\n'
    )
    layer = static_layer(cells, codes, hidden, show_code=mode == "edit")
    block = f'<script type="application/json" id="rv-export">{embedded_json(data)}</script>\n'
    if '<main id="rv-notebook">' not in page or "</body>" not in page:
        raise ExportError("the site's index.html has no <main id=\"rv-notebook\">: rebuild the site")
    page = page.replace('<main id="rv-notebook">', f'{notice}{layer}\n{block}<main id="rv-notebook">', 1)
    end = page.rfind("</body>")
    page = page[:end] + f'{blocks}<script type="module">{boot}</script>\n' + page[end:]
    return page
