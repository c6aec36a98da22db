"""``rivulet edit``: serve the built site on 127.0.0.1 with one notebook file open.

The kernel still runs in the browser.  The server only serves static files
and reads/writes the one notebook file:

* ``GET /__rivulet__/file``  -> the file's text
* ``PUT /__rivulet__/file``  -> replace the file's text (UTF-8 body)

The page is opened as ``/?file=/__rivulet__/file&save=put``: the site's
trusted layer writes the notebook back with ``PUT`` when the user saves.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import webbrowser
from pathlib import Path

from ..notebook.file_format import new_notebook, write_notebook

FILE_URL = "/__rivulet__/file"
MAX_BYTES = 20 * 1024 * 1024


def site_dir() -> Path | None:
    """The built site: $RIVULET_SITE, or dist/ next to the source tree."""
    env = os.environ.get("RIVULET_SITE")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parent.parent / "dist")
    for candidate in candidates:
        if (candidate / "index.html").is_file():
            return candidate
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    notebook: Path

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802
        if self.path.split("?")[0] != FILE_URL:
            super().do_GET()
            return
        data = self.notebook.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/x-python; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self) -> None:  # noqa: N802
        if self.path.split("?")[0] != FILE_URL:
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BYTES:
            self.send_error(413, "notebook too large")
            return
        body = self.rfile.read(length)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self.send_error(400, "notebook must be UTF-8 text")
            return
        tmp = self.notebook.with_suffix(self.notebook.suffix + ".rivulet-tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.notebook)  # atomic: a failed write loses nothing
        self.send_response(204)
        self.end_headers()


def make_server(notebook: Path, site: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"notebook": notebook})
    bound = functools.partial(handler, directory=str(site))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), bound)


def serve(notebook: Path, *, port: int = 2718, open_browser: bool = True) -> int:
    site = site_dir()
    if site is None:
        print("rivulet: the site is not built; run `python3 build.py` first", file=sys.stderr)
        return 2
    if not notebook.exists():
        notebook.write_text(write_notebook(new_notebook()), encoding="utf-8")
        print(f"created {notebook}")
    try:
        server = make_server(notebook.resolve(), site, port)
    except OSError as exc:
        print(f"rivulet: cannot listen on 127.0.0.1:{port}: {exc.strerror}", file=sys.stderr)
        return 2
    url = f"http://127.0.0.1:{server.server_address[1]}/?file={FILE_URL}&save=put"
    print(f"editing {notebook} at {url}  (Ctrl+C to stop)", flush=True)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
