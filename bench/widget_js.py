#!/usr/bin/env python3
"""Widget code a page loads: JavaScript bytes (not Pyodide, not the kernel
worker) fetched by a read-mode page showing one widget, per built site.

    flock /tmp/rivulet-bench.lock python3 bench/widget_js.py [DIST ...]

DIST defaults to this checkout's dist/ (run ``python3 build.py`` first); give
another checkout's dist/ to compare.  Rare widgets (chat, matrix, file
browser, microphone, matplotlib) load their code on first use, so a page of
sliders should not pay for them.  Figures, not a test.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "e2e"), str(ROOT)]

from playwright.sync_api import sync_playwright  # noqa: E402
from rivulet_e2e import CHROMIUM, CHROMIUM_ARGS, encode_code, notebook_text  # noqa: E402

PAGES = {
    "slider": ["import marimo as mo", "mo.ui.slider(1, 10)"],
    "chat": ["import marimo as mo", "mo.ui.chat(lambda messages, config: 'x')"],
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def serve(folder: Path) -> int:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main(dists: list[Path]) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for dist in dists:
            port = serve(dist)
            for name, cells in PAGES.items():
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                sizes: dict[str, int] = {}

                def seen(response, sizes=sizes):
                    url = response.url
                    if url.endswith(".js") and "/pyodide/" not in url and "worker" not in url:
                        sizes[url] = len(response.body())

                page.on("response", seen)
                page.goto(f"http://127.0.0.1:{port}/index.html?mode=read#code/{encode_code(notebook_text(*cells))}")
                page.wait_for_selector("html[data-kernel=ready]", timeout=120_000)
                page.wait_for_timeout(3000)  # the widget's own chunk, if any
                print(f"{dist}  {name:>6} page: {sum(sizes.values()):,} bytes of JS in {len(sizes)} files")
                context.close()
        browser.close()


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [ROOT / "dist"])
