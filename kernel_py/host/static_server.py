"""The project's one static file server (host only): ``build.py --serve``,
``rivulet edit`` (which adds its file route), the end-to-end tests and the
benchmarks all serve the built site with it, so they see the same MIME types
and headers a plain static host gives.

Only ever bound to 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Files from one folder, quietly, with the types Pyodide needs."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",  # Pyodide streams its wasm: the type must be exact
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


class StaticServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser closing a connection mid-download is not an error here

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


def make_static_server(
    directory: Path, port: int = 0, handler: type[StaticHandler] = StaticHandler
) -> StaticServer:
    """A server for ``directory`` on 127.0.0.1:port (0: any free port); not started."""
    return StaticServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))


def serve_in_thread(directory: Path, port: int = 0) -> StaticServer:
    """Serve ``directory`` from a daemon thread; ``server.url`` is its address,
    ``server.shutdown()`` stops it."""
    server = make_static_server(directory, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve_until_interrupted(server: http.server.HTTPServer) -> None:
    """Serve until Ctrl+C, then close the server's socket."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
