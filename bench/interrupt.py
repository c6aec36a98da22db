#!/usr/bin/env python3
"""Interrupt latency in Chromium, against the built dist/ (run `python3 build.py` first).

    python3 bench/interrupt.py [--runs 3]

The site is served by the plain static server (no COOP/COEP headers: no
SharedArrayBuffer); running Python is interrupted through the flag the
kernel's sandboxed frame holds (web/src/frame/).  For each case, a notebook whose last cell is stuck is opened (the
editor runs it on open); 0.5 s into the run the cell's Stop button is clicked
inside the page, and the time until the cell shows an error (``data-status``
``error``, its output ``KeyboardInterrupt``) is measured in the page.  Median
of ``--runs`` runs per case.  Targets: ``while True`` <= 300 ms; any cell
<= 5 s (force stop, which replaces the worker: the time until the kernel is
back and the lost values re-ran is printed too).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]
from kernel_py.host.static_server import serve_in_thread  # noqa: E402  (the one static server)
from rivulet_e2e import CHROMIUM, CHROMIUM_ARGS, encode_code, notebook_text  # noqa: E402

CASES = {
    "while True: pass": ("x = 1", "y = x\nwhile True: pass"),
    "time.sleep(1000)": ("import time", "time.sleep(1000)"),
    "await asyncio.sleep(1000)": ("import asyncio", "await asyncio.sleep(1000)"),
    "catastrophic regex": ("import re", "re.match(r'(a+)+$', 'a' * 40 + 'b')"),
    "input()": ("x = 1", "y = input('?')"),
    "sum(range(10**12)) (force stop)": ("base = 1\nprint('restored')", "huge = sum(range(10**12)) + base"),
}
TARGETS = {"while True: pass": 300}
FORCE_TARGET = 5000

# In the page: click the running cell's Stop, resolve with ms until the cell shows an error.
STOP = textwrap.dedent("""
    () => new Promise((resolve) => {
      const cell = document.querySelectorAll("[data-cell-id]")[1];
      const start = performance.now();
      const done = () => cell.dataset.status === "error" && /KeyboardInterrupt/.test(cell.querySelector("[data-cell-output]").textContent);
      const observer = new MutationObserver(() => {
        if (done()) { observer.disconnect(); resolve(performance.now() - start); }
      });
      observer.observe(cell, { attributes: true, subtree: true, childList: true, characterData: true });
      cell.querySelector(".cell-stop").click();
    })
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (DIST / "index.html").exists():
        sys.exit("dist/ is missing: run python3 build.py first")
    from playwright.sync_api import expect, sync_playwright

    server = serve_in_thread(DIST)
    results: dict[str, list[float]] = {}
    restore: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
        page.goto(server.url + "#code/" + encode_code(notebook_text("x = 1")))
        html = page.locator("html")
        expect(html).to_have_attribute("data-kernel", "ready", timeout=120_000)
        page.wait_for_timeout(500)
        for name, cells in CASES.items():
            for run in range(args.runs):
                page.evaluate("h => { location.hash = h }", "#code/" + encode_code(notebook_text(*cells, title=f"{name} {run}")))
                cell = page.locator("[data-cell-id]").nth(1)
                expect(cell).to_have_attribute("data-status", "running", timeout=60_000)
                page.wait_for_timeout(500)
                ms = page.evaluate(STOP)
                results.setdefault(name, []).append(ms)
                if "force" in name:
                    start = page.evaluate("performance.now()")
                    expect(html).to_have_attribute("data-kernel", "ready", timeout=120_000)
                    expect(page.locator("[data-cell-id]").nth(0)).to_have_attribute("data-status", "idle", timeout=120_000)
                    restore.append(page.evaluate("performance.now()") - start + ms)
        browser.close()
    server.shutdown()

    print(f"Interrupt latency, Stop click to KeyboardInterrupt on screen (median of {args.runs}; plain static server, the kernel frame's flag)")
    for name, values in results.items():
        median = statistics.median(values)
        target = TARGETS.get(name, FORCE_TARGET)
        verdict = "ok" if median <= target else "MISSED"
        print(f"  {name:34s} {median:8.0f} ms  (runs: {', '.join(f'{v:.0f}' for v in values)}; target <= {target} ms: {verdict})")
    if restore:
        print(f"  {'force stop: kernel back, values re-run':34s} {statistics.median(restore):8.0f} ms")


if __name__ == "__main__":
    main()
