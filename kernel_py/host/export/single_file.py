"""``rivulet export --single-file``: one HTML file for ``file://``.

What it does today: the notebook's outputs, computed at export time, as plain
HTML (no JavaScript needed), the notebook file embedded (a non-executing JSON
block) with a "Download .py" link, and a short inline script that tries what
the live kernel needs and says exactly what the browser refused.  A live
Python kernel from ``file://`` is not included: Pyodide loads its wasm,
standard library and lock file with ``fetch`` and its kernel in a module
worker, and Chromium refuses both for ``file://`` pages; inlining them (about
17 MB of base64, blob workers, an import map for the shell's chunks) is left
for later.  The folder export runs live from any static server.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from ...notebook.file_format import parse_notebook
from .folder import ExportSummary, _title, embedded_json
from .prerun import prerun
from .static_html import static_layer

_PROBE = """
(async () => {
  const notice = document.getElementById("rv-single-notice");
  const refused = [];
  try { await fetch(location.href); } catch (err) { refused.push(`fetch() of a file:// URL (${err.message}): Pyodide downloads its wasm, standard library and lock file with fetch`); }
  try {
    const w = new Worker("data:text/javascript,postMessage(1)", { type: "module" });
    await new Promise((ok, fail) => { w.onmessage = ok; w.onerror = () => fail(new Error("the worker failed to start")); setTimeout(() => fail(new Error("no answer")), 3000); });
    w.terminate();
  } catch (err) { refused.push(`a module worker (${err.message})`); }
  notice.dataset.refused = String(refused.length);
  notice.textContent = refused.length
    ? `Showing the outputs computed when this file was exported. The live Python kernel cannot start from file:// because the browser refused: ${refused.join("; ")}. Serve the folder export (rivulet export NOTEBOOK -o DIR) from any static server to run it live.`
    : "Showing the outputs computed when this file was exported. This single file does not include the Python kernel: serve the folder export (rivulet export NOTEBOOK -o DIR) to run it live.";
})();
"""

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;color:#1f2328}
#rv-single-notice{padding:.5rem .75rem;border:1px solid #f0c36d;background:#fff4e5;border-radius:4px;font-size:14px}
.rv-static-cell{margin:1rem 0}.rv-static-cell pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;border-radius:4px}
.rv-static-error{color:#b42318}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.2rem .5rem}
@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}.rv-static-cell pre{background:#161b22}}
"""


def export_single_file(notebook: Path, out: Path, *, mode: str = "read") -> ExportSummary:
    started = time.perf_counter()
    text = notebook.read_text(encoding="utf-8").removeprefix("\ufeff")
    run = prerun(notebook, text)
    parsed = parse_notebook(text)
    layer = static_layer(run.report.cells, [c.code for c in parsed.cells],
                         [c.config.hide_code for c in parsed.cells], show_code=mode == "edit")
    data = {"version": 1, "mode": mode, "name": notebook.name, "text": text, "files": [],
            "cells": [{k: c[k] for k in ("id", "status", "outputs", "stdout", "stderr", "error")} for c in run.report.cells]}
    title = html.escape(_title(text) or notebook.name)
    download = "data:text/x-python;charset=utf-8," + "".join(
        c if c.isalnum() or c in "-_.~" else "".join(f"%{b:02X}" for b in c.encode()) for c in text
    )
    page = (
        f'<!doctype html>\n<html lang="en" data-kernel="static"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body>\n"
        f'<p id="rv-single-notice" role="status">Showing the outputs computed when this file was exported.</p>\n'
        f'<p><a download="{html.escape(notebook.name)}" href="{html.escape(download)}">Download {html.escape(notebook.name)}</a></p>\n'
        f'{layer}\n<script type="application/json" id="rv-export">{embedded_json(data)}</script>\n'
        f"<script>{_PROBE}</script>\n</body></html>\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    summary = ExportSummary(out=out, files=1, bytes=out.stat().st_size, data_files=[])
    summary.failed_cells = sum(1 for c in run.report.cells if c["status"] == "error")
    summary.warnings.append("single file: outputs as exported; the live kernel from file:// is not included (see the page's notice)")
    summary.seconds = time.perf_counter() - started
    return summary
