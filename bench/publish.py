#!/usr/bin/env python3
"""Publishing benchmark (export part): size and speed of `rivulet export`.

    python3 bench/publish.py [--runs 5]

For a stdlib notebook (gallery/intro.py, with a widget) and a notebook that
reads a CSV shipped beside it, prints:
  * export size on disk (files, MB) and the median time of `rivulet export` (a CLI process each);
  * in Chromium (fresh context per load, every other host blocked, served from
    127.0.0.1 under a path prefix), medians from navigation start of
      - pre-rendered output on screen (the last cell's output visible), and
      - live output (data-kernel "ready" and every cell idle again: the kernel re-ran them);
  * the single-file export's size.
Figures, not a test; run it alone (it boots Pyodide several times).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]
from kernel_py.host.static_server import make_static_server  # noqa: E402  (the one static server)
from rivulet_e2e import CHROMIUM, CHROMIUM_ARGS, notebook_text  # noqa: E402

DATA_NOTEBOOK = notebook_text(
    "import marimo as mo",
    'import csv\nwith open("data.csv") as f:\n    rows = list(csv.DictReader(f))\nmo.md(f"{len(rows)} rows")',
    'slider = mo.ui.slider(1, 10, value=3, label="k")\nslider',
    'mo.md(f"scaled: {len(rows) * slider.value}")',
)


# Link lengths, measured with the site's own encoders (web/src/shell/links.js, lz-string).
LINKS = """
import { readFileSync } from "node:fs";
import LZString from "lz-string";
import { encodeLink } from "./web/src/shell/links.js";
const rows = [];
for (const file of JSON.parse(process.argv[1])) {
  const text = readFileSync(file, "utf8");
  rows.push([file, text.length, LZString.compressToEncodedURIComponent(text).length, (await encodeLink(text)).length]);
}
console.log(JSON.stringify(rows));
"""


def link_lengths() -> None:
    files = sorted(str(p) for p in (ROOT / "gallery").glob("*.py"))
    out = subprocess.run(["node", "--input-type=module", "-e", LINKS, json.dumps(files)],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    print("share links (characters after the #): notebook, file, #code/ (lz-string), #nb/ (deflate-raw), #nb/ vs #code/")
    ratios = []
    for file, chars, lz, nb in json.loads(out):
        ratios.append(nb / lz)
        print(f"  {Path(file).name:24} {chars:7} {lz:7} {nb:7}  {nb / lz:.2f}")
    print(f"  median #nb/ / #code/: {statistics.median(ratios):.2f}")


def export(src: Path, out: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kernel_py.host.cli", "export", str(src), "-o", str(out), *extra],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    return len(files), sum(p.stat().st_size for p in files)


def measure_pages(url_prefix: str, origin: str, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    pre, live = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(bypass_csp=True)  # the benches poll with wait_for_function (eval)
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(origin + "/") else r.abort())
            page = context.new_page()
            page.goto(url_prefix, wait_until="commit")
            page.wait_for_function(
                "() => { const o = [...document.querySelectorAll('[data-cell-output]')].at(-1);"
                " return o && o.textContent.trim() && (window.__pre ??= performance.now()); }", timeout=60_000)
            page.wait_for_function(
                "() => document.documentElement.dataset.kernel === 'ready' &&"
                " [...document.querySelectorAll('[data-cell-id]')].every(c => c.dataset.status === 'idle')"
                " && (window.__live ??= performance.now())", timeout=180_000)
            pre.append(page.evaluate("window.__pre"))
            live.append(page.evaluate("window.__live"))
            context.close()
        browser.close()
    return pre, live


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (ROOT / "dist" / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "src").mkdir()
        (tmp / "src" / "data.csv").write_text("name,count\n" + "".join(f"r{i},{i}\n" for i in range(200)))
        (tmp / "src" / "data_nb.py").write_text(DATA_NOTEBOOK)
        (tmp / "src" / "intro.py").write_text((ROOT / "gallery" / "intro.py").read_text())
        served = tmp / "served"
        served.mkdir()
        server = make_static_server(served)
        origin = server.url.rstrip("/")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"rivulet export, medians of {args.runs} runs (Chromium: fresh context per load, other hosts blocked)")
        for name in ("intro", "data_nb"):
            times = [export(tmp / "src" / f"{name}.py", served / name) for _ in range(args.runs)]
            files, total = size(served / name)
            single = tmp / f"{name}.html"
            export(tmp / "src" / f"{name}.py", single, "--single-file")
            pre, live = measure_pages(f"{origin}/{name}/", origin, args.runs)
            print(f"{name}.py: export {files} files, {total / 1e6:.2f} MB; export time {statistics.median(times):.2f} s;"
                  f" pre-rendered output {statistics.median(pre):.0f} ms; live output {statistics.median(live):.0f} ms;"
                  f" single file {size(single)[1] / 1e3:.1f} KB")
        server.shutdown()
        server.server_close()
    link_lengths()
    return 0


if __name__ == "__main__":
    sys.exit(main())
