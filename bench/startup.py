#!/usr/bin/env python3
"""Startup benchmark: Rivulet's time to first output against a bare Pyodide boot.

    python3 bench/startup.py [--runs 5] [--reruns 20]

In one Chromium run, with a fresh browser context (cold cache) for every load,
it alternates
  * a bare page whose module worker only boots Pyodide and prints one value, and
  * the Rivulet editor opening a small notebook (``?file=bench/small.py``),
and prints (targets in brackets):
  * median time to first output of each, and their ratio       [<= 1.3]
  * median time to re-run a trivial cell and see its output    [<= 30 ms]
  * initial JavaScript of the shell, gzipped (Pyodide excluded) [<= 200 KB]
  * bytes downloaded before Rivulet's first output.
Times are measured inside the page from navigation start.  Figures, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]
from kernel_py.host.static_server import StaticServer, serve_in_thread  # noqa: E402  (the one static server)
from rivulet_e2e import CHROMIUM_ARGS  # noqa: E402  (one launch recipe for tests and benches)

BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare Pyodide</title>
<output id="out"></output>
<script type="module">
const worker = new Worker("./bare-worker.js", { type: "module" });
worker.onmessage = ({ data }) => {
  document.getElementById("out").textContent = data;
  window.firstOutputMs = performance.now();
};
</script>
"""

BARE_WORKER = """const indexURL = new URL("../pyodide/", import.meta.url).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
self.postMessage(String(pyodide.runPython("6 * 7")));
"""

SMALL_NOTEBOOK = '''import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    x = 6
    return (x,)


@app.cell
def _(x):
    x * 7
    return


@app.cell
def _():
    import time
    time.perf_counter_ns()
    return (time,)


if __name__ == "__main__":
    app.run()
'''

# Records the time the first cell output gets content (ms since navigation start).
FIRST_OUTPUT_PROBE = """
new MutationObserver((_, observer) => {
  if (window.firstOutputMs) return observer.disconnect();
  for (const el of document.querySelectorAll("[data-cell-output]")) {
    if (el.textContent.trim()) { window.firstOutputMs = performance.now(); observer.disconnect(); return; }
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

# Times Ctrl+Enter (run in place) in the last cell's editor until that cell's output text changes.
RERUN_PROBE = """(cellId) => {
  const cell = document.querySelector(`[data-cell-id="${cellId}"]`);
  const text = () => cell.querySelector("[data-cell-output]")?.textContent ?? "";
  const before = text();
  window.__rerun = new Promise((resolve) => {
    let t0 = 0;
    const onKey = (e) => {
      if (e.key !== "Enter") return;
      t0 = performance.now();
      window.removeEventListener("keydown", onKey, { capture: true });
    };
    window.addEventListener("keydown", onKey, { capture: true });
    const observer = new MutationObserver(() => {
      const now = text();
      if (t0 && now.trim() && now !== before) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    });
    observer.observe(cell, { subtree: true, childList: true, characterData: true });
    setTimeout(() => { observer.disconnect(); resolve(null); }, 10000);
  });
}"""


def serve(directory: Path) -> tuple[StaticServer, str]:
    server = serve_in_thread(directory)
    return server, server.url


def write_bench_files() -> None:
    bench = DIST / "bench"
    bench.mkdir(parents=True, exist_ok=True)
    (bench / "bare.html").write_text(BARE_HTML)
    (bench / "bare-worker.js").write_text(BARE_WORKER)
    (bench / "small.py").write_text(SMALL_NOTEBOOK)


def local_file(url: str) -> Path | None:
    path = urlparse(url).path.lstrip("/")
    file = DIST / (path or "index.html")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def time_to_first_output(browser, url: str, probe: bool) -> tuple[float, list[str], object]:
    context = browser.new_context(bypass_csp=True)  # the benches poll with wait_for_function (eval)
    page = context.new_page()
    requested: list[str] = []
    page.on("requestfinished", lambda r: requested.append(r.url))
    if probe:
        page.add_init_script(FIRST_OUTPUT_PROBE)
    page.goto(url)
    page.wait_for_function("window.firstOutputMs > 0", timeout=120_000, polling=10)
    ms = page.evaluate("window.firstOutputMs")
    return ms, list(requested), (context, page)


def rerun_times(page, count: int) -> list[float]:
    cell_id = page.evaluate(
        "[...document.querySelectorAll('[data-cell-id]')][2].dataset.cellId"
    )
    page.wait_for_function(
        f"document.querySelector('[data-cell-id=\"{cell_id}\"] [data-cell-output]')"
        "?.textContent.trim()",
        timeout=60_000,
    )
    editor = page.locator(f'[data-cell-id="{cell_id}"] .cm-content')
    times = []
    for _ in range(count):
        editor.click()
        page.evaluate(RERUN_PROBE, cell_id)
        page.keyboard.press("ControlOrMeta+Enter")
        ms = page.evaluate("window.__rerun")
        if ms is None:
            print("  a re-run showed no new output within 10 s", flush=True)
        else:
            times.append(ms)
        page.wait_for_timeout(50)
    return times


def gzip_size(files: list[Path]) -> int:
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rivulet startup benchmark")
    parser.add_argument("--runs", type=int, default=5, help="loads of each page (default 5)")
    parser.add_argument("--reruns", type=int, default=20, help="re-runs of a trivial cell")
    parser.add_argument("--no-build", action="store_true", help="use dist/ as it is")
    args = parser.parse_args(argv)

    if not args.no_build:
        sys.path.insert(0, str(ROOT))
        import build

        build.build()
    write_bench_files()
    server, base = serve(DIST)

    from playwright.sync_api import sync_playwright

    bare_ms: list[float] = []
    rivulet_ms: list[float] = []
    requests: list[str] = []
    reruns: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for run in range(args.runs):
            order = ("bare", "rivulet") if run % 2 == 0 else ("rivulet", "bare")
            for which in order:
                if which == "bare":
                    ms, _, (ctx, _page) = time_to_first_output(browser, base + "bench/bare.html", False)
                    bare_ms.append(ms)
                else:
                    ms, requests, (ctx, page) = time_to_first_output(
                        browser, base + "?file=bench/small.py", True
                    )
                    rivulet_ms.append(ms)
                    if run == args.runs - 1 and args.reruns:
                        reruns = rerun_times(page, args.reruns)
                ctx.close()
                print(f"  run {run + 1} {which:8s} first output {ms:7.0f} ms", flush=True)
        browser.close()
    server.shutdown()

    files = [f for f in map(local_file, requests) if f]
    shell_js = [f for f in files if "assets" in f.parts and f.suffix == ".js"]
    shell_css = [f for f in files if "assets" in f.parts and f.suffix == ".css"]
    bare, riv = statistics.median(bare_ms), statistics.median(rivulet_ms)
    print()
    print(f"bare Pyodide boot, time to first output   median {bare:7.0f} ms  ({args.runs} runs)")
    print(f"Rivulet editor, time to first output      median {riv:7.0f} ms  ({args.runs} runs)")
    print(f"ratio Rivulet / bare                       {riv / bare:7.2f}     (target <= 1.3)")
    if reruns:
        print(
            f"re-run a trivial cell, see its output      median {statistics.median(reruns):7.1f} ms"
            f"  ({len(reruns)} re-runs; target <= 30 ms)"
        )
    print(
        f"initial JS of the shell, gzipped           {gzip_size(shell_js) / 1024:7.1f} KB"
        f"  ({len(shell_js)} files; target <= 200 KB; CSS {gzip_size(shell_css) / 1024:.1f} KB more)"
    )
    total = sum(f.stat().st_size for f in files)
    print(f"bytes downloaded before first output       {total / 1e6:7.2f} MB  ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
