#!/usr/bin/env python3
"""Packages benchmark: page open to first live output for a notebook importing
pure-Python packages, shipped inside the export vs fetched by micropip, and
their import time with and without byte code made by Pyodide's Python.

    flock /tmp/rivulet-bench.lock python3 bench/packages.py [--runs 5]

The notebook imports humanize, tabulate and toml (pure, not in Pyodide's
lock) and attrs. Three exports of it, served on 127.0.0.1, each opened in a
fresh Chromium context (cold cache, no service worker) with every other host
blocked:
  * vendored: ``rivulet export`` as is: the wheels inside the export, with
    ``.pyc`` files compiled by Pyodide's own Python under Node (unchecked-hash);
  * fetched: the same export without the three wheels, micropip shipped
    instead: micropip installs them (sources only, as PyPI has them) from a
    local PEP 503 "simple" index on 127.0.0.1 (PyPI's addresses are answered
    from it by the browser's routes);
  * vendored-source: the vendored export without the ``.pyc`` files.
Prints the median of ``--runs`` runs: navigation start to the first live
output (the cell that needs every package), the time of the ``import``
statement inside the kernel and, in the vendored case, what that import
saves with byte code: the same kernel compiles the packages' sources and
unmarshals their .pyc files, 5 times each (steadier than comparing boots on
a busy machine). Figures, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / ".cache" / "bench-packages"
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]
from kernel_py.host.export import pypi  # noqa: E402
from kernel_py.host.static_server import serve_in_thread  # noqa: E402
from rivulet_e2e import CHROMIUM_ARGS, notebook_text, wait_for_js  # noqa: E402

FETCHED = ["humanize", "tabulate", "toml"]
# After the first output (it needs `live`): in the same kernel, what an import of these
# packages does with their source (compile) and with their .pyc (unmarshal), 5 times each.
COMPARE = """def _compare():
    import attr, importlib.util, marshal, pathlib, statistics, time
    files = []
    for mod in (attr, attrs, humanize, tabulate, toml):
        here = pathlib.Path(mod.__file__)
        for py in sorted(here.parent.rglob("*.py")) if here.name == "__init__.py" else [here]:
            pyc = pathlib.Path(importlib.util.cache_from_source(str(py)))
            files.append((py.read_bytes(), str(py), pyc.read_bytes() if pyc.exists() else None))
    comp, load = [], []
    for _ in range(5):
        t = time.perf_counter()
        [compile(src, path, "exec") for src, path, _ in files]
        comp.append(time.perf_counter() - t)
        t = time.perf_counter()
        [marshal.loads(pyc[16:]) for _, _, pyc in files if pyc]
        load.append(time.perf_counter() - t)
    have = sum(p is not None for *_, p in files)
    return f"bytecode compile_ms={statistics.median(comp) * 1000:.1f} unmarshal_ms={statistics.median(load) * 1000:.1f} files={len(files)} pyc={have}"
compared = (live, _compare())[1]
compared"""
NOTEBOOK = notebook_text(
    "import time\n_t0 = time.perf_counter()\nimport attrs, humanize, tabulate, toml\nimport_ms = (time.perf_counter() - _t0) * 1000",
    'import os, sys\nlive = f"live {sys.platform} import_ms={import_ms:.1f} {humanize.intcomma(1234567)} "\\\n'
    '    f"pyc={os.path.exists(humanize.__cached__)} write={not sys.dont_write_bytecode}"\nlive',
    COMPARE,
    title="Packages bench",
)
PROBE = """
new MutationObserver(() => {
  if (!window.__live && document.body && document.body.textContent.includes("live emscripten")) {
    window.__live = performance.now();
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def export(root: Path) -> Path:
    src = WORK / "nb.py"
    src.write_text(NOTEBOOK)
    out = root / "vendored"
    done = subprocess.run([sys.executable, "-m", "kernel_py.host.cli", "export", str(src), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    print(done.stdout.strip())
    return out


def fetched_variant(vendored: Path, root: Path) -> Path:
    """The export without the three wheels; micropip (from the site) ships instead."""
    out = root / "fetched"
    shutil.copytree(vendored, out)
    lock_path = out / "pyodide" / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    for name in FETCHED:
        entry = lock["packages"].pop(name)
        (out / "pyodide" / entry["file_name"]).unlink()
    site_lock = json.loads((DIST / "pyodide" / "pyodide-lock.json").read_text())
    micropip = site_lock["packages"]["micropip"]
    lock["packages"]["micropip"] = micropip
    shutil.copy2(DIST / "pyodide" / micropip["file_name"], out / "pyodide" / micropip["file_name"])
    lock_path.write_text(json.dumps(lock, separators=(",", ":"), sort_keys=True))
    return out


def source_variant(vendored: Path, root: Path) -> Path:
    """The vendored export, its pure wheels without the .pyc files the export adds."""
    out = root / "vendored-source"
    shutil.copytree(vendored, out)
    lock_path = out / "pyodide" / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    for name in [*FETCHED, "attrs"]:
        entry = lock["packages"][name]
        wheel = out / "pyodide" / entry["file_name"]
        with zipfile.ZipFile(wheel) as zf:
            members = [(i, zf.read(i)) for i in zf.infolist() if not i.filename.endswith(".pyc")]
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in members:
                zf.writestr(info, data)
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
        entry["size"] = wheel.stat().st_size
    lock_path.write_text(json.dumps(lock, separators=(",", ":"), sort_keys=True))
    return out


def simple_index(folder: Path) -> Path:
    """A PEP 503 index of the three wheels (downloaded from PyPI once)."""
    wheels_dir = WORK / "wheels"
    wheels, failed = pypi.download(FETCHED, wheels_dir, log=lambda _m: None)
    if failed:
        raise SystemExit(f"could not download {failed}")
    for wheel in wheels:
        name = pypi.read_wheel(wheel).name
        page = folder / "simple" / name
        page.mkdir(parents=True, exist_ok=True)
        (folder / "files").mkdir(exist_ok=True)
        shutil.copy2(wheel, folder / "files" / wheel.name)
        sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
        link = f'<a href="/files/{html.escape(wheel.name)}#sha256={sha}">{html.escape(wheel.name)}</a>'
        (page / "index.html").write_text(f"<!doctype html><html><body>{link}</body></html>")
    return folder


COMPARED: list[tuple[float, ...]] = []


def run_once(browser, origin: str, variant: str, index_url: str) -> tuple[float, float, str]:
    context = browser.new_context(service_workers="block")
    context.add_init_script(PROBE)

    def gate(route) -> None:
        url = route.request.url
        if url.startswith(origin + "/"):
            route.continue_()
        elif re.match(r"https://(pypi\.org|files\.pythonhosted\.org)/", url):
            path = re.sub(r"^https://[^/]+", "", url)
            with urllib.request.urlopen(index_url + path) as answer:  # the local index answers
                body = answer.read()
                kind = answer.headers.get("content-type", "application/octet-stream")
            route.fulfill(status=200, body=body, headers={"content-type": kind, "access-control-allow-origin": "*"})
        else:
            route.abort()

    context.route("**/*", gate)
    try:
        page = context.new_page()
        page.goto(f"{origin}/{variant}/")
        live = wait_for_js(page, "window.__live", timeout=180_000)
        outputs = "[...document.querySelectorAll('[data-cell-output]')].map((n) => n.textContent).join(' ')"
        text = wait_for_js(page, f"/bytecode compile_ms=[0-9]/.test({outputs}) && {outputs}", timeout=120_000)
        compared = re.search(r"bytecode compile_ms=([0-9.]+) unmarshal_ms=([0-9.]+) files=(\d+) pyc=(\d+)", text)
        if compared and variant == "vendored":
            COMPARED.append(tuple(float(x) for x in compared.groups()))
        match = re.search(r"live emscripten import_ms=([0-9.]+)", text)
        note = re.search(r"pyc=\w+ write=\w+", text)
        return float(live), float(match.group(1)) if match else float("nan"), note.group(0) if note else ""
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    shutil.rmtree(WORK / "served", ignore_errors=True)
    shutil.rmtree(WORK / "index", ignore_errors=True)
    root = WORK / "served"
    root.mkdir(parents=True)
    vendored = export(root)
    fetched_variant(vendored, root)
    source_variant(vendored, root)
    site = serve_in_thread(root)
    index = serve_in_thread(simple_index(WORK / "index"))
    origin, index_url = site.url.rstrip("/"), index.url.rstrip("/")

    from playwright.sync_api import sync_playwright

    variants = ["vendored", "fetched", "vendored-source"]
    figures: dict[str, dict[str, list[float]]] = {v: {"live": [], "import": []} for v in variants}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for run in range(args.runs):
            for variant in variants:
                live, imported, note = run_once(browser, origin, variant, index_url)
                figures[variant]["live"].append(live)
                figures[variant]["import"].append(imported)
                print(f"  run {run + 1} {variant:13} first live output {live:7.0f} ms, import {imported:6.1f} ms {note}", flush=True)
        browser.close()
    site.shutdown()
    index.shutdown()
    pyc_kb, src_kb = (round(sum((root / v / "pyodide" / e["file_name"]).stat().st_size
                                for n, e in json.loads((root / v / "pyodide" / "pyodide-lock.json").read_text())["packages"].items()
                                if n in [*FETCHED, "attrs"]) / 1e3) for v in ("vendored", "vendored-source"))
    print(f"\nmedians of {args.runs} runs (humanize, tabulate, toml + attrs; wheel bytes: vendored {pyc_kb} kB, source {src_kb} kB):")
    print(f"{'case':15} {'first live output':>18} {'import statement':>17}")
    for variant in variants:
        f = figures[variant]
        print(f"{variant:15} {statistics.median(f['live']):15.0f} ms {statistics.median(f['import']):14.1f} ms")
    if COMPARED:
        c = [statistics.median(x[i] for x in COMPARED) for i in range(4)]
        print(f"\nin the kernel, the vendored case, medians: compiling the {c[2]:.0f} modules' source {c[0]:.1f} ms, "
              f"unmarshalling their {c[3]:.0f} .pyc {c[1]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
