#!/usr/bin/env python3
"""Startup benchmark: Rivulet's time to first output against a bare Pyodide boot.

    flock /tmp/rivulet-bench.lock python3 bench/startup.py [--runs 3]

In one Chromium run, for the seed notebook and a 50-cell chain, opened in the
editor from a gallery-like folder (so their build-time outputs pre-render),
each run: a bare page whose module worker only boots Pyodide, then per notebook
a fresh browser context with
  * first visit: pre-rendered outputs on screen, live outputs (every cell run
    by the kernel)                                    [live <= 1.05x bare]
  * second visit in the same context (kernel restored from its memory
    snapshot), live outputs                           [<= 0.4x bare]
  * kernel restart, then Run all, live outputs        [<= 0.4x bare]
  * bytes before the first visit's pre-rendered and live outputs, as a
    static host sends them (gzip, except already compressed files).
Times are measured inside the page from navigation start.  Figures, not a test.
For each notebook it also prints when each boot step ended (median ms since
navigation start, from the page's rivulet:* performance marks: the page's
kernel spawn and frame, the worker's steps).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]
from kernel_py.host.static_server import StaticServer, serve_in_thread  # noqa: E402  (the one static server)
from rivulet_e2e import CHROMIUM_ARGS, wait_for_js  # noqa: E402  (one launch recipe for tests and benches)

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


def chain_notebook(n: int) -> str:
    cells = ["x0 = 1\nx0"] + [f"x{i} = x{i - 1} + 1\nx{i}" for i in range(1, n)]
    parts = ["import marimo", "", '__generated_with = "0.25.2"', "app = marimo.App()", ""]
    for i, code in enumerate(cells):
        args = f"x{i - 1}" if i else ""
        body = "\n".join("    " + line for line in code.splitlines())
        parts += ["", "@app.cell", f"def _({args}):", body, f"    return (x{i},)", ""]
    parts += ["", 'if __name__ == "__main__":', "    app.run()", ""]
    return "\n".join(parts)


NOTEBOOKS = {"seed": SMALL_NOTEBOOK, "50 cells": chain_notebook(50)}

# First output (pre-rendered or live) and the live one: every cell idle after the
# kernel ran them (ms since navigation start).
VISIT_PROBE = """
(() => {
  let sawBusy = false;
  const check = () => {
    const outputs = [...document.querySelectorAll("[data-cell-output]")];
    if (!window.firstOutputMs && outputs.some((el) => el.textContent.trim())) window.firstOutputMs = performance.now();
    const cells = [...document.querySelectorAll("[data-cell-id]")];
    if (document.documentElement.dataset.kernel !== "ready" || !cells.length) return;
    const states = cells.map((c) => c.dataset.status);
    if (states.some((s) => s === "queued" || s === "running")) sawBusy = true;
    else if (sawBusy && !window.liveMs && states.every((s) => s === "idle" || s === "error")) window.liveMs = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ["data-status", "data-kernel"] });
})();
"""


# The page's boot marks (web/src/kernel.js, frame/host.js): {step: ms since navigation start}.
MARKS = """JSON.stringify(Object.fromEntries(performance.getEntriesByType("mark")
  .filter((m) => m.name.startsWith("rivulet:")).map((m) => [m.name.slice(8).replace("worker-", ""), Math.round(m.startTime)])))"""


def steps_line(marks: list[dict]) -> str:
    """Median of each step seen in every visit, in order: "step ms"."""
    common = [k for k in marks[0] if all(k in m for m in marks[1:])] if marks else []
    medians = sorted(((statistics.median(m[k] for m in marks), k) for k in common))
    return ", ".join(f"{k} {v:.0f}" for v, k in medians)


def new_page(context, probe: str | None = None):
    page = context.new_page()
    if probe:
        page.add_init_script(probe)
    return page


def wait_js(page, expression: str, timeout: float = 120_000) -> object:
    return wait_for_js(page, expression, timeout=timeout, interval=10)


def bare_boot(browser, base: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "bench/bare.html")
    ms = wait_js(page, "window.firstOutputMs")
    context.close()
    return ms


def visit(context, url: str):
    page = new_page(context, VISIT_PROBE)
    page.goto(url)
    live = wait_js(page, "window.liveMs")
    first = page.evaluate("window.firstOutputMs")
    boot = page.evaluate("document.documentElement.dataset.kernelBoot")
    return page, first, live, boot


def restart_ms(page) -> float:
    """Restart the kernel (header button), then run all: until every cell is idle again."""
    page.evaluate(
        """() => {
          window.__restart = new Promise((resolve) => {
            const t0 = performance.now();
            let phase = 0;
            const cells = () => [...document.querySelectorAll("[data-cell-id]")].map((c) => c.dataset.status);
            const observer = new MutationObserver(() => {
              const kernel = document.documentElement.dataset.kernel;
              if (phase === 0 && kernel === "booting") phase = 1;
              if (phase === 1 && kernel === "ready") {
                phase = 2;
                document.querySelector("button.run-all").click();
              }
              if (phase === 2 && cells().some((s) => s === "queued" || s === "running")) phase = 3;
              if (phase === 3 && cells().every((s) => s === "idle" || s === "error")) {
                observer.disconnect();
                resolve([performance.now() - t0, document.documentElement.dataset.kernelBoot]);
              }
            });
            observer.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-status", "data-kernel"] });
            document.getElementById("rv-restart").click();
          });
        }"""
    )
    return page.evaluate("window.__restart")


COMPRESSED = {".zip", ".whl", ".png", ".jpg", ".gif", ".webp", ".woff2", ".gz", ".br"}


def wire_bytes(files: list[Path]) -> int:
    """Bytes on the wire as a static host serves them: gzip (level 6) except already compressed files."""
    total = 0
    for f in files:
        data = f.read_bytes()
        total += len(data) if f.suffix in COMPRESSED else len(gzip.compress(data, 6))
    return total


def gzip_size(files: list[Path]) -> int:
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rivulet startup benchmark")
    parser.add_argument("--runs", type=int, default=3, help="visits of each kind per notebook (default 3)")
    parser.add_argument("--no-build", action="store_true", help="use dist/ as it is")
    args = parser.parse_args(argv)

    if not args.no_build:
        sys.path.insert(0, str(ROOT))
        import build

        build.build()
    write_bench_files()
    gallery = DIST / "bench" / "gallery"  # fetchOutputs pre-renders notebooks under a gallery/ folder
    gallery.mkdir(parents=True, exist_ok=True)
    for name, text in NOTEBOOKS.items():
        (gallery / f"{slug(name)}.py").write_text(text)
        (gallery / f"{slug(name)}.py.outputs.json").unlink(missing_ok=True)
    server, base = serve(DIST)

    from playwright.sync_api import sync_playwright

    bare_ms: list[float] = []
    figures: dict[str, dict[str, list]] = {name: {k: [] for k in ("pre", "live", "second", "restart", "bytes_pre", "bytes_live", "boots", "marks_first", "marks_second")} for name in NOTEBOOKS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        # Pre-render each notebook as the gallery build does: its outputs, recorded by a first run.
        for name in NOTEBOOKS:
            context = browser.new_context()
            page, *_ = visit(context, f"{base}?snapshot=off&file=bench/gallery/{slug(name)}.py")
            stored = wait_js(page, "Object.keys(localStorage).find((k) => k.startsWith('rivulet:outputs:'))")
            (gallery / f"{slug(name)}.py.outputs.json").write_text(page.evaluate(f"localStorage.getItem({json.dumps(stored)})"))
            context.close()
        for run in range(args.runs):
            bare_ms.append(bare_boot(browser, base))
            print(f"  run {run + 1} bare Pyodide boot {bare_ms[-1]:7.0f} ms", flush=True)
            for name in NOTEBOOKS:
                f = figures[name]
                url = f"{base}?file=bench/gallery/{slug(name)}.py"
                context = browser.new_context()
                page = new_page(context, VISIT_PROBE)
                requested: list[tuple[str, float]] = []
                # (url, when it finished: ms since the epoch)
                page.on("requestfinished", lambda r, rq=requested: rq.append((r.url, r.timing["startTime"] + r.timing["responseEnd"])))
                page.goto(url)
                live = wait_js(page, "window.liveMs")
                pre = page.evaluate("window.firstOutputMs")
                origin = page.evaluate("performance.timeOrigin")
                f["pre"].append(pre)
                f["live"].append(live)
                f["marks_first"].append(json.loads(page.evaluate(MARKS)))
                wait_js(page, "document.documentElement.dataset.kernelSnapshot")
                page.close()
                page2, _, second, boot = visit(context, url)
                f["second"].append(second)
                f["marks_second"].append(json.loads(page2.evaluate(MARKS)))
                ms, boot_after = restart_ms(page2)
                f["restart"].append(ms)
                f["boots"].append((boot, boot_after))
                context.close()
                f["requested"] = [(u, t - origin) for u, t in requested]
                print(f"  run {run + 1} {name:8s} first visit pre-rendered {pre:6.0f} ms, live {live:6.0f} ms;"
                      f" second visit {second:6.0f} ms ({boot}); restart {ms:6.0f} ms ({boot_after})", flush=True)
        browser.close()
    server.shutdown()

    bare = statistics.median(bare_ms)
    print()
    print(f"bare Pyodide boot, time to first output                median {bare:7.0f} ms  ({args.runs} runs)")
    for name, f in figures.items():
        med = {k: statistics.median(f[k]) for k in ("pre", "live", "second", "restart")}
        print(f"{name}:")
        print(f"  first visit, pre-rendered outputs on screen       median {med['pre']:7.0f} ms  ({med['pre'] / bare:.2f}x bare; target: before Python boots)")
        print(f"  first visit, live output                          median {med['live']:7.0f} ms  ({med['live'] / bare:.2f}x bare; target <= 1.05x)")
        print(f"  second visit, live output (snapshot)              median {med['second']:7.0f} ms  ({med['second'] / bare:.2f}x bare; target <= 0.4x)")
        print(f"  kernel restart, then run all, live output         median {med['restart']:7.0f} ms  ({med['restart'] / bare:.2f}x bare; target <= 0.4x)")
        print(f"  first visit, boot steps (ms):  {steps_line(f['marks_first'])}")
        print(f"  second visit, boot steps (ms): {steps_line(f['marks_second'])}")
        boots = sorted({b for pair in f["boots"] for b in pair})
        print(f"  boots seen after the first visit: {', '.join(str(b) for b in boots)}")
        if f.get("requested"):
            pre_files = [p for p in (local_file(u) for u, t in f["requested"] if t <= f["pre"][-1]) if p]
            live_files = [p for p in (local_file(u) for u, t in f["requested"] if t <= f["live"][-1]) if p]
            print(f"  bytes before the pre-rendered output (gzip wire)  {wire_bytes(pre_files) / 1e6:7.2f} MB  ({len(pre_files)} files)")
            print(f"  bytes before the live output (gzip wire)          {wire_bytes(live_files) / 1e6:7.2f} MB  ({len(live_files)} files)")
    return 0


def slug(name: str) -> str:
    return name.replace(" ", "-")


if __name__ == "__main__":
    sys.exit(main())
