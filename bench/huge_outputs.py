#!/usr/bin/env python3
"""Huge outputs in Chromium, against the built dist/ (run `python3 build.py` first).

    python3 bench/huge_outputs.py [--keys 60] [--runs 3] [--only million]

For each case (a million printed lines, a 50 MB string, a 10,000-row
mo.ui.table, a list nested 10,000 deep, a cell printing forever) prints:

* output on screen: from a click on the cell's Run to its output shown (its
  status back to idle, which the view sets once the output is rendered, then
  the next frame); for the cell printing forever, to the console's last kept
  line ("tick 9999"), and then from Stop to KeyboardInterrupt on screen;
* keystroke-to-paint while it happens, median and p95: typing in another
  cell's editor (keydown to the first frame after it, as bench/editor.py)
  while the case cell runs again and again (or prints, for the endless one),
  against the same typing with nothing running (idle).

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
from rivulet_e2e import CHROMIUM, CHROMIUM_ARGS, encode_code, notebook_text, wait_for_js  # noqa: E402

CASES = {
    "a million printed lines": 'for i in range(1_000_000):\n    print("line", i)',
    "a 50 MB string": '"x" * 50_000_000',
    "a 10,000-row table": "mo.ui.table([{'i': i, 'square': i * i, 'name': f'row {i}'} for i in range(10_000)])",
    "a list nested 10,000 deep": "x = []\nfor _ in range(10_000):\n    x = [x]\nx",
    "a cell printing forever": 'i = 0\nwhile True:\n    print("tick", i)\n    i += 1',
}
FOREVER = "a cell printing forever"
CASE = 2  # the case cell's index: [the typing cell, import marimo, the case]

from editor import PROBE  # noqa: E402  (keystroke to paint, measured as bench/editor.py does)


# Click the cell's button `selector`; resolve with the ms until `done(cell)`
# holds, checked on every change of the cell, then one more frame (painted).
TIME_CLICK = """([index, selector, until]) => new Promise((resolve) => {
  const cell = document.querySelectorAll("[data-cell-id]")[index];
  const checks = {
    shown: (c, seen) => seen && (c.dataset.status === "idle" || c.dataset.status === "error"),
    capped: (c) => (c.querySelector("[data-cell-console]").lastChild?.lastChild?.data ?? "").includes("tick 9999"),
    stopped: (c) => c.dataset.status === "error" && c.querySelector("[data-cell-output]").textContent.includes("KeyboardInterrupt"),
  };
  let seen = false;
  let frame = 0;
  const t0 = performance.now();
  const check = () => {
    frame = 0;
    const s = cell.dataset.status;
    if (s === "running" || s === "queued") seen = true;
    if (!checks[until](cell, seen)) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  };
  const observer = new MutationObserver(() => { frame ||= requestAnimationFrame(check); });
  observer.observe(cell, { subtree: true, childList: true, attributes: true, characterData: true });
  cell.querySelector(selector).click();
})"""

RERUN_IF_DONE = """(index) => {
  const cell = document.querySelectorAll("[data-cell-id]")[index];
  const s = cell.dataset.status;
  if (s !== "running" && s !== "queued") cell.querySelector("button.run").click();
}"""


def stats(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.95))]


def type_keys(page, keys: int, case_index: int | None) -> list[float]:
    """Type `keys` characters into the first cell's editor; between keystrokes,
    start the case cell again whenever it finished."""
    editor = page.locator("[data-cell-id]").nth(0).locator(".cell-editor")
    editor.click()
    page.keyboard.press("End")
    page.evaluate("window.__k2p = []")
    for i in range(keys):
        if case_index is not None:
            page.evaluate(RERUN_IF_DONE, case_index)
        page.keyboard.type("#x"[i % 2])
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    return page.evaluate("window.__k2p.splice(0)")


def open_case(page, url: str, code: str) -> None:
    text = notebook_text("typed = 1", "import marimo as mo", code)
    page.goto(url + "?new")
    page.wait_for_selector("html[data-kernel=ready]", timeout=180_000)
    page.evaluate("h => { location.hash = h }", "#code/" + encode_code(text))
    wait_for_js(page, "document.querySelectorAll('[data-cell-id]').length === 3", timeout=60_000)
    wait_for_js(
        page,
        f"(() => {{ const c = document.querySelectorAll('[data-cell-id]')[{CASE}]; return ['idle', 'error', 'running'].includes(c.dataset.status) && !!c.querySelector('button.run'); }})()",
        timeout=180_000,
    )
    if code != CASES[FOREVER]:
        wait_for_js(page, f"document.querySelectorAll('[data-cell-id]')[{CASE}].dataset.status === 'idle'", timeout=180_000)
    else:  # started on open: stop it, so that every figure starts from a click
        page.wait_for_timeout(500)
        page.evaluate(TIME_CLICK, [CASE, ".cell-stop", "stopped"])
    page.evaluate(PROBE)


def measure(page, name: str, args) -> dict:
    row: dict = {"case": name}
    if name == "idle":
        row["k2p"] = stats(type_keys(page, args.keys, None))
        return row
    if name == FOREVER:
        shown = [page.evaluate(TIME_CLICK, [CASE, "button.run", "capped"])]
        row["k2p"] = stats(type_keys(page, args.keys, None))  # it is still printing (and dropping)
        row["stop"] = page.evaluate(TIME_CLICK, [CASE, ".cell-stop", "stopped"])
    else:
        shown = [page.evaluate(TIME_CLICK, [CASE, "button.run", "shown"]) for _ in range(args.runs)]
        row["k2p"] = stats(type_keys(page, args.keys, CASE))
    row["shown"] = statistics.median(shown)
    height = page.evaluate(f"document.querySelectorAll('[data-cell-id]')[{CASE}].getBoundingClientRect().height")
    row["height"] = height
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60, help="keystrokes timed per case")
    parser.add_argument("--runs", type=int, default=3, help="runs timed per case")
    parser.add_argument("--only", default="", help="only the cases whose name contains this")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = serve_in_thread(DIST)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # the site's policy stays on (bypass_csp breaks the kernel's sandboxed frame): no
            # wait_for_function (eval), page.evaluate and wait_for_js only
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            page = context.new_page()
            cases = [("idle", "typed + 1"), *((n, c) for n, c in CASES.items() if args.only in n)]
            for name, code in cases:
                open_case(page, server.url, code)
                rows.append(measure(page, name, args))
                print(f"  measured: {name}", file=sys.stderr)
            browser.close()
    finally:
        server.shutdown()

    print(f"{'case':<28} {'output on screen':>17} {'cell height':>12} {'keystroke-to-paint median':>26} {'p95':>9}")
    for row in rows:
        shown = f"{row['shown']:.0f} ms" if "shown" in row else "-"
        height = f"{row['height']:.0f} px" if "height" in row else "-"
        median, p95 = row["k2p"]
        print(f"{row['case']:<28} {shown:>17} {height:>12} {median:>23.1f} ms {p95:>6.1f} ms")
        if "stop" in row:
            print(f"{'  then Stop to KeyboardInterrupt':<28} {row['stop']:>14.0f} ms")


if __name__ == "__main__":
    main()
