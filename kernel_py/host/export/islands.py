"""``rivulet export NOTEBOOK --islands -o DIR``: pre-rendered outputs to paste
into any page, hydrated by one script once Pyodide is up.

DIR holds ``islands.html`` (the snippet), ``assets/`` (``rivulet-islands.js``,
its CSS and lazy chunks, the kernel worker), ``pyodide/`` (Pyodide's core,
the lock, the kernel and vendored wheels, the site's kernel snapshot) and
the data files the notebook reads. The snippet:

- ``<div class="rivulet-islands">`` around everything, with the notebook in a
  non-executing ``<script type="application/json" id="rv-export">`` block;
- one ``<div class="rivulet-island" data-rivulet-island="CELL_ID"
  data-rivulet-state="static">`` per cell with output, holding that output as
  plain HTML (readable without JavaScript; see static_html.py);
- ``<script type="module" src="assets/rivulet-islands.js"></script>``: the
  URL is relative to DIR; the page must be served from the same origin as
  DIR. The kernel's worker runs in a sandboxed ``srcdoc`` frame (opaque
  origin), so the notebook's code cannot use the host page's origin: its
  storage, or requests carrying its cookies. A host page with a
  Content-Security-Policy must allow that frame's inline script
  (``script-src`` with its sha256, named in a comment of the snippet) and ``worker-src
  blob:``. Once the notebook has run live, each
  island holds the live output (widgets work) and says
  ``data-rivulet-state="live"``. One notebook per page.
"""

from __future__ import annotations

import html
import importlib.util
import shutil
import sys
import time
from pathlib import Path

from ...notebook.file_format import parse_notebook
from .folder import KERNEL_SNAPSHOT, ExportError, ExportSummary, _copy_data, _copy_pyodide, embedded_json, find_site
from .prerun import prerun
from .static_html import cell_html as island_html
from .wheels import imported_names, third_party


def _build_module(site: Path):
    for root in (Path(__file__).resolve().parents[3], site.parent):
        if (root / "build.py").is_file() and (root / "web" / "src" / "islands").is_dir():
            spec = importlib.util.spec_from_file_location("_rivulet_build", root / "build.py")
            module = sys.modules.get("_rivulet_build") or importlib.util.module_from_spec(spec)
            sys.modules["_rivulet_build"] = module
            spec.loader.exec_module(module)
            return module
    raise ExportError("--islands bundles its script with build.py from Rivulet's source folder; it was not found")


def export_islands(notebook: Path, out: Path, *, site: Path | None = None, pyodide_dist: Path | None = None) -> ExportSummary:
    started = time.perf_counter()
    site = find_site(site)
    text = notebook.read_text(encoding="utf-8").removeprefix("\ufeff")
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not (out / "islands.html").exists():
        raise ExportError(f"{out} exists and is not an earlier islands export: not writing into it")
    run = prerun(notebook, text)
    summary = ExportSummary(out=out)
    summary.failed_cells = sum(1 for c in run.report.cells if c["status"] == "error")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    parsed = parse_notebook(text)
    names = imported_names([c.code for c in parsed.cells])
    assets = out / "assets"
    workers = sorted(p for p in (site / "assets").glob("frame-worker-*.js"))
    if not workers:
        raise ExportError("the site has no kernel worker bundle: rebuild it (python3 build.py)")
    # with the site's kernel snapshot: a reader's first visit restores it instead of starting Python
    _copy_pyodide(site, out, third_party(names), mode="read", summary=summary, header=parsed.header,
                  pyodide_dist=pyodide_dist, snapshot=True)
    snapshot = out / "pyodide" / KERNEL_SNAPSHOT
    built = _build_module(site).islands_bundle(assets, snapshot if snapshot.is_file() else None)
    shutil.copy2(workers[-1], assets / "rivulet-frame-worker.js")
    files = _copy_data(notebook.resolve().parent, run.data_files, out, summary)
    data = {
        "version": 1, "mode": "read", "name": notebook.name, "text": text, "files": files,
        "cells": [{k: c[k] for k in ("id", "status", "outputs", "stdout", "stderr", "error")} for c in run.report.cells],
    }
    islands = [
        f'<div class="rivulet-island" data-rivulet-island="{html.escape(c["id"])}" data-rivulet-state="static">{island_html(c)}</div>'
        for c in run.report.cells if island_html(c)
    ]
    snippet = (
        f"<!-- A page with a Content-Security-Policy needs script-src {built['frame_hash']} and worker-src blob: -->\n"
        '<div class="rivulet-islands">\n'
        f'<script type="application/json" id="rv-export">{embedded_json(data)}</script>\n'
        + "\n".join(islands)
        + f'\n</div>\n<script type="module" src="assets/{built["script"]}"></script>\n'
    )
    (out / "islands.html").write_text(snippet, encoding="utf-8")
    every = [p for p in out.rglob("*") if p.is_file()]
    summary.files = len(every)
    summary.bytes = sum(p.stat().st_size for p in every)
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["export_islands"]
