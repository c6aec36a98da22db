#!/usr/bin/env python3
"""Editor benchmark: a 300-cell notebook in Chromium.

    python3 bench/editor.py [--keys 120] [--pops 40]

Opens a 300-cell notebook (``#code/`` link) in the built site (dist/; run
``python3 build.py`` first), then types into a cell in the middle of it and
prints (targets in brackets):
  * time until all 300 cells are on screen and the kernel is ready
  * keystroke-to-paint, median and 95th percentile               [median <= 16 ms]
    (from the keydown event's timestamp to the first frame after it: the
    next requestAnimationFrame, then a task, i.e. after that frame's paint)
  * the same while scrolling through the notebook between bursts of typing
  * completion-popup latency, once warm: from the keydown of the keystroke
    that opens the popup (after "mo." or in a name) to the first frame
    showing it, median and p95                                   [median <= 100 ms]
Figures, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]
from kernel_py.host.static_server import serve_in_thread  # noqa: E402  (the one static server)
from rivulet_e2e import CHROMIUM, CHROMIUM_ARGS, encode_code, notebook_text  # noqa: E402

CELLS = 300

PROBE = """() => {
  window.__k2p = [];
  document.addEventListener("keydown", (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__k2p.push(performance.now() - t0);
      ch.port2.postMessage(0);
    });
  }, true);
}"""


POPUP_PROBE = """() => {
  window.__pop = [];
  let armed = false, t0 = null;
  window.__arm = () => { armed = true; t0 = null; };
  document.addEventListener("keydown", (e) => { if (armed) { t0 = e.timeStamp; armed = false; } }, true);
  new MutationObserver(() => {
    if (t0 === null || !document.querySelector(".cm-tooltip-autocomplete")) return;
    const start = t0;
    t0 = null;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__pop.push(performance.now() - start);
      ch.port2.postMessage(0);
    });
  }).observe(document.body, { childList: true, subtree: true });
}"""
# (typed first, with its popup closed; then the keystroke timed): attributes and names
TRIGGERS = [("mo", "."), ("mo.u", "i"), ("v1", "2"), ("pr", "i"), ("mo.m", "d"), ("is", "i")]


def popup_latency(page, cell, rounds: int, warm: int = 6) -> dict[str, list[float]]:
    """Open the completion popup `rounds` times (after `warm` untimed ones): ms each, by kind."""
    popup = page.locator(".cm-tooltip-autocomplete")
    cell.scroll_into_view_if_needed()
    cell.locator(".cell-editor").click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.press("Enter")
    page.evaluate(POPUP_PROBE)
    timed: dict[str, list[float]] = {"attribute": [], "name": []}
    for i in range(warm + rounds):
        before, key = TRIGGERS[i % len(TRIGGERS)]
        page.keyboard.press("Home")
        page.keyboard.press("Shift+End")
        page.keyboard.press("Delete")
        page.keyboard.type(before)
        popup.wait_for(state="visible", timeout=30_000)  # the first ones wait for jedi to load
        page.keyboard.press("Escape")
        popup.wait_for(state="detached")
        page.wait_for_timeout(150)
        page.evaluate("window.__arm()")
        page.keyboard.type(key)
        popup.wait_for(state="visible", timeout=30_000)
        page.wait_for_timeout(100)
        page.keyboard.press("Escape")
        popup.wait_for(state="detached")
        got = page.evaluate("window.__pop.splice(0)")
        if i >= warm:
            timed["attribute" if key == "." or "." in before else "name"] += got
    return timed


def notebook() -> str:
    cells = []
    for i in range(CELLS):
        if i % 10 == 0:
            cells.append(f'import marimo as mo\nmo.md(r"""\n## Section {i // 10}\n\nSome text for section {i // 10}.\n""")' if i == 0 else f'mo.md(r"""\n## Section {i // 10}\n\nSome text for section {i // 10}.\n""")')
        else:
            prev = f"v{i - 1}" if i % 10 != 1 else "0"
            cells.append(f"# cell {i}\nv{i} = {prev} + {i}\nv{i}")
    return notebook_text(*cells)


def stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms (n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=120, help="keystrokes to time")
    parser.add_argument("--pops", type=int, default=40, help="completion popups to time")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = serve_in_thread(DIST)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
            page.goto(server.url + "#code/" + encode_code(notebook()))
            page.wait_for_selector("html[data-kernel=ready]", timeout=180_000)
            while page.evaluate("document.querySelectorAll('[data-cell-id]').length") < CELLS:
                page.wait_for_timeout(100)
            opened = page.evaluate("performance.now()")
            print(f"{CELLS} cells on screen, kernel ready: {opened / 1000:.2f} s after navigation")
            page.wait_for_timeout(3000)  # let the first run settle

            page.evaluate(PROBE)
            middle = page.locator("[data-cell-id]").nth(CELLS // 2 + 3)
            middle.scroll_into_view_if_needed()
            middle.locator(".cell-editor").click()
            page.keyboard.press("End")
            text = "  # typing into a 300-cell notebook, keystroke by keystroke "
            for i in range(args.keys):
                page.keyboard.type(text[i % len(text)])
                page.wait_for_timeout(30)
            page.wait_for_timeout(500)
            typing = page.evaluate("window.__k2p.splice(0)")
            print(f"keystroke-to-paint, cell {CELLS // 2 + 3} of {CELLS}: {stats(typing)}  [median <= 16 ms]")

            scrolled = []
            for burst in range(6):
                page.mouse.wheel(0, 2500 if burst % 2 == 0 else -1800)
                page.wait_for_timeout(300)
                cell = page.locator("[data-cell-id]").nth(41 + burst * 45)  # a Python cell (every 10th is markdown)
                cell.scroll_into_view_if_needed()
                cell.locator(".cell-editor").click()
                page.keyboard.press("End")
                for ch in " # x":
                    page.keyboard.type(ch)
                    page.wait_for_timeout(30)
                page.wait_for_timeout(300)
                scrolled += page.evaluate("window.__k2p.splice(0)")
            print(f"keystroke-to-paint after scrolling, in 6 cells across the notebook: {stats(scrolled)}")

            pops = popup_latency(page, page.locator("[data-cell-id]").nth(CELLS // 2 + 5), args.pops)
            print(f"completion popup, keystroke to first frame showing it, warm: {stats(pops['attribute'] + pops['name'])}  [median <= 100 ms]")
            for kind, values in pops.items():
                print(f"  of which {kind}s ({'jedi' if kind == 'attribute' else 'names, builtins, keywords'}): {stats(values)}")
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
