"""``rivulet edit``: serve the built site on 127.0.0.1 with one notebook file,
or a folder of notebooks, open.

The kernel still runs in the browser.  The server only serves static files
and reads/writes the notebook file(s):

* ``GET /__rivulet__/file``  -> the file's text, with an ``ETag`` (a hash of its
  bytes); ``If-None-Match: <etag>`` gets 304 while the file is unchanged (the
  page polls this way to notice another program changing the file)
* ``PUT /__rivulet__/file``  -> replace the file's text (UTF-8 body); requires
  ``If-Match: <etag>`` of the text the page last read or wrote (428 without
  it, 412 when the file changed on disk since: nothing is written); answers
  with the new ``ETag``
* ``PUT /__rivulet__/file`` with ``If-None-Match: *`` (instead of ``If-Match``)
  -> recreate the file this page opened after it was deleted on disk: only
  that path (the one file; in a folder, a notebook this server gave the page
  during this run), only while nothing is there (412 otherwise), never
  creating a folder (409); answers 201 with the new ``ETag``
* ``GET /__notebook__/NAME.py`` -> a Python module beside the file (``import NAME``
  in a cell: the kernel fetches it, kernel_py/browser/sibling_modules.py); only
  plain module names, only regular files in the file's own folder

For a folder (``rivulet edit FOLDER``) the file routes take ``?path=<relative
path>`` naming one notebook under the folder (anything else: 404), and

* ``GET /__rivulet__/list``  -> ``{"folder", "notebooks": [paths], "truncated"}``

The page is opened as ``/?file=/__rivulet__/file&save=put#key=<secret>`` (a
folder: ``/#key=<secret>``, then ``/?open=<path>`` per notebook): the site's
trusted layer writes the notebook back with ``PUT`` when the user saves.

What protects the file (a notebook opened from a link runs in a same-origin
worker and can ``fetch``; other sites and DNS-rebound names can reach 127.0.0.1):

* Every request: ``Host`` must be ``127.0.0.1:PORT`` or ``localhost:PORT``
  (DNS rebinding), else 421 (400 when missing or repeated).
* File requests: an ``Origin`` header, if sent, must be this server's origin
  and ``Sec-Fetch-Site``, if sent, must be ``same-origin`` (else 403); the
  request must carry ``X-Rivulet-Key: <secret>`` (else 403).  The secret is
  made per run and given to the page only in the URL's fragment, which never
  reaches the server's logs nor the notebook's ``mo.query_params``.  The
  custom header forces a CORS preflight, and ``OPTIONS`` is not answered (501).
  Modules beside the file need no key (the kernel's frame cannot send it):
  they are read-only, and the Origin and Sec-Fetch-Site checks apply.
* ``PUT`` bodies: a single all-digit ``Content-Length`` of 1..MAX_BYTES is
  required (no ``Transfer-Encoding``: 411; missing: 411; malformed: 400; 0: 400;
  too big: 413); a short read or non-UTF-8 body writes nothing (400); the file
  is replaced atomically.
* The site's ``index.html`` is served with ``<meta name="rivulet-edit">`` so the
  page knows it is on the edit server (it then opens only that file); for a
  folder also ``<meta name="rivulet-edit-folder">`` (it then opens only the
  folder's notebooks).
* A folder's notebooks: see ``edit_folder.notebook_in_folder`` (relative,
  no ``..`` or hidden parts, real path inside the folder, an existing file:
  ``PUT`` never creates one, but for recreating a notebook this run served,
  see above).  The list needs the key too.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, quote

from .edit_folder import list_notebooks, notebook_in_folder, place_in_folder
from .static_server import StaticHandler, StaticServer, serve_until_interrupted
from ..notebook.file_format import new_notebook, write_notebook

FILE_URL = "/__rivulet__/file"
LIST_URL = "/__rivulet__/list"
MODULES_URL = "/__notebook__/"  # the modules beside the file (sibling_modules.EDIT_FOLDER)
_MODULE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}\.py")
KEY_HEADER = "X-Rivulet-Key"
MAX_BYTES = 20 * 1024 * 1024
EDIT_MARKER = f'<meta name="rivulet-edit" content="{FILE_URL}">'.encode()
FOLDER_MARKER = f'<meta name="rivulet-edit-folder" content="{LIST_URL}">'.encode()

_HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]{1,20}")  # fullmatch; ASCII only (str.isdigit takes '٣')


PACKAGED_SITE = Path(__file__).resolve().parent / "site"  # `python3 build.py --package` puts it there


def site_dir() -> Path | None:
    """The built site: $RIVULET_SITE, else the one inside the installed package,
    else dist/ next to the source tree."""
    env = os.environ.get("RIVULET_SITE")
    candidates = [Path(env)] if env else []
    candidates.append(PACKAGED_SITE)
    candidates.append(Path(__file__).resolve().parents[2] / "dist")  # the source tree's dist/
    for candidate in candidates:
        if (candidate / "index.html").is_file():
            return candidate
    return None


def with_edit_marker(html: bytes, *, folder: bool = False) -> bytes:
    """The site's index.html with the edit-server marker(s) right after ``<head>``."""
    match = _HEAD.search(html)
    if match is None:
        raise ValueError("the site's index.html has no <head>")
    marker = EDIT_MARKER + (FOLDER_MARKER if folder else b"")
    return html[: match.end()] + marker + html[match.end() :]


def etag(data: bytes) -> str:
    """The version of a file's bytes, as an HTTP entity tag."""
    return '"' + hashlib.sha256(data).hexdigest()[:40] + '"'


class _Versions:
    """Each file's ETag, cached by (inode, size, mtime): a poll of an unchanged
    file costs one stat."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, int, int], str]] = {}
        self._lock = threading.Lock()

    def of(self, path: Path) -> str | None:
        """The file's ETag now, or None when it is not there."""
        try:
            st = path.stat()
            stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
            with self._lock:
                known = self._known.get(path)
            if known and known[0] == stamp:
                return known[1]
            tag = etag(path.read_bytes())
        except OSError:
            return None
        self.remember(path, stamp, tag)
        return tag

    def remember(self, path: Path, stamp: tuple[int, int, int], tag: str) -> None:
        with self._lock:
            if len(self._known) > 256:
                self._known.clear()
            self._known[path] = (stamp, tag)


class _Handler(StaticHandler):
    notebook: Path | None  # the one file (`rivulet edit FILE`)
    folder: Path | None  # or the folder (`rivulet edit FOLDER`), resolved
    key: str
    site: Path
    write_lock: threading.Lock
    versions: _Versions
    served: set[Path]  # a folder's notebooks (real paths) this run gave the page: the only ones it may recreate

    timeout = 30  # seconds a client may stall mid-request (the socket's timeout)
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"
    _cache_control = "no-cache"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self._cache_control)
        super().end_headers()

    # ------------------------------------------------------------ every request

    def parse_request(self) -> bool:
        """Parse as usual, then refuse any ``Host`` but this server's own."""
        if not super().parse_request():
            return False
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            self.send_error(400, "exactly one Host header is required")
            return False
        if hosts[0] not in self._own_hosts():
            self.send_error(421, "this server answers only to 127.0.0.1 and localhost")
            return False
        return True

    def _port(self) -> int:
        return self.server.server_address[1]

    def _own_hosts(self) -> tuple[str, str]:
        return (f"127.0.0.1:{self._port()}", f"localhost:{self._port()}")

    def _own_origins(self) -> tuple[str, str]:
        return tuple(f"http://{host}" for host in self._own_hosts())  # type: ignore[return-value]

    def _route(self) -> str:
        """The request path as sent, without query or fragment (no normalising:
        ``//x/__rivulet__/file`` or ``http://x/__rivulet__/file`` is not the file)."""
        return self.path.split("?", 1)[0].split("#", 1)[0]

    # ------------------------------------------------------------ static files

    def do_GET(self) -> None:  # noqa: N802
        if self._route() == FILE_URL:
            self._get_file()
        elif self._route() == LIST_URL and self.folder is not None:
            self._get_list()
        elif self._route().startswith(MODULES_URL):
            self._get_module(self._route()[len(MODULES_URL):])
        elif self._is_site_index():
            self._send_index(body=True)
        else:
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._is_site_index():
            self._send_index(body=False)
        else:
            super().do_HEAD()

    def _is_site_index(self) -> bool:
        """Does the request path serve the site's own index.html (``/``, ``/index.html``, ``//``...)?"""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self._route().endswith("/"):
                return False  # the static handler redirects to the slash form
            path = path / "index.html"
        try:
            return path.resolve() == (self.site / "index.html").resolve()
        except OSError:
            return False

    def _send_index(self, *, body: bool) -> None:
        try:
            data = with_edit_marker((self.site / "index.html").read_bytes(), folder=self.folder is not None)
        except (OSError, ValueError) as exc:
            self.send_error(500, str(exc))
            return
        self._cache_control = "no-store"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Content-Security-Policy", "frame-ancestors 'self'")
        self.end_headers()
        if body:
            self.wfile.write(data)

    # ------------------------------------------------------------ the file

    def _file_request_allowed(self) -> bool:
        """Origin, fetch site and the per-run key; sends 403 and returns False if not."""
        if not self._same_origin():
            return False
        keys = self.headers.get_all(KEY_HEADER) or []
        if len(keys) != 1 or not hmac.compare_digest(keys[0].encode(), self.key.encode()):
            self.send_error(403, f"missing or wrong {KEY_HEADER}")
            return False
        return True

    def _same_origin(self) -> bool:
        """Origin and fetch site, when sent, are this server's; else sends 403."""
        origin = self.headers.get_all("Origin")
        if origin is not None and (len(origin) != 1 or origin[0] not in self._own_origins()):
            self.send_error(403, "cross-origin request refused")
            return False
        site = self.headers.get_all("Sec-Fetch-Site")
        if site is not None and site != ["same-origin"]:
            self.send_error(403, "cross-site request refused")
            return False
        return True

    def _target(self) -> Path | None:
        """The notebook file this request names, or None after sending the error."""
        return self._named_file(notebook_in_folder, "no such notebook in the folder being edited")

    def _named_file(self, find: Callable[[Path, str], Path | None], missing: str) -> Path | None:
        """The file this request names, or None after sending the error: the one
        file (the request names no path), or ``find(folder, path)`` of the one
        ``path`` in the query (404 ``missing`` when it finds none)."""
        query = self.path.split("#", 1)[0].partition("?")[2]
        paths = parse_qs(query, keep_blank_values=True).get("path")
        if self.folder is None:
            if paths is not None:
                self.send_error(400, "this server edits one file: it takes no path")
                return None
            return self.notebook
        target = find(self.folder, paths[0]) if paths and len(paths) == 1 else None
        if target is None:
            self.send_error(404, missing)
        return target

    def _get_module(self, name: str) -> None:
        """A ``.py`` file beside the notebook, by its plain name."""
        if not self._same_origin():
            return
        # (a folder: its top level; the notebook's own folder would need its path in the URL)
        folder = self.notebook.parent if self.folder is None else self.folder
        path = folder / name
        try:
            found = _MODULE.fullmatch(name) is not None and path.is_file() and path.resolve().parent == folder.resolve()
            data = path.read_bytes() if found and path != self.notebook else None
        except OSError:
            data = None
        if data is None:
            self.send_error(404)
            return
        self._cache_control = "no-store"
        self.send_response(200)
        self.send_header("Content-Type", "text/x-python; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.end_headers()
        self.wfile.write(data)

    def _get_file(self) -> None:
        if not self._file_request_allowed():
            return
        target = self._target()
        if target is None:
            return
        known = self.headers.get_all("If-None-Match")
        if known is not None and len(known) == 1 and known[0] == self.versions.of(target):
            self._cache_control = "no-store"
            self.send_response(304)
            self.send_header("ETag", known[0])
            self.end_headers()
            return
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            self.send_error(404, "the notebook file is no longer there")
            return
        except OSError as exc:
            self.send_error(500, f"could not read the notebook: {exc.strerror}")
            return
        if self.folder is not None:
            with self.write_lock:
                self.served.add(target)
        self._cache_control = "no-store"
        self.send_response(200)
        self.send_header("Content-Type", "text/x-python; charset=utf-8")
        # the page names downloads after the file (RFC 5987 form: any name survives)
        self.send_header("Content-Disposition", f"inline; filename*=UTF-8''{quote(target.name)}")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag(data))
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.end_headers()
        self.wfile.write(data)

    def _get_list(self) -> None:
        if not self._file_request_allowed():
            return
        assert self.folder is not None
        listing = list_notebooks(self.folder, MAX_BYTES)
        data = json.dumps(
            {"folder": self.folder.name, "notebooks": listing.notebooks, "truncated": listing.truncated}
        ).encode()
        self._cache_control = "no-store"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self) -> None:  # noqa: N802
        if self._route() != FILE_URL:
            self.send_error(404)
            return
        if not self._file_request_allowed():
            return
        expected = self.headers.get_all("If-Match") or []
        absent = self.headers.get_all("If-None-Match")
        if absent is not None:
            if absent != ["*"] or expected:
                self.send_error(400, "a save sends If-Match: <etag>, or only If-None-Match: * to recreate a deleted file")
                return
            self._recreate()
            return
        target = self._target()
        if target is None:
            return
        if len(expected) != 1:
            self.send_error(428, "send If-Match: the ETag of the text this page last read or wrote")
            return
        body = self._body()
        if body is None:
            return
        with self.write_lock:
            if self.versions.of(target) != expected[0]:
                self.send_error(412, "the file changed on disk since this page read it: nothing was written")
                return
            tmp = target.with_suffix(target.suffix + ".rivulet-tmp")
            try:
                tmp.write_bytes(body)
                os.replace(tmp, target)  # atomic: a failed write loses nothing
                st = target.stat()
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                self.send_error(500, f"could not write the notebook: {exc.strerror}")
                return
            tag = self._remember_written(target, body, st)
        self._answer_saved(204, tag)

    def _body(self) -> bytes | None:
        """The PUT body (UTF-8 text), or None after sending the error."""
        length = self._body_length()
        if length is None:
            return None
        try:
            body = self.rfile.read(length)
        except OSError:  # includes the socket timeout
            self.close_connection = True
            return None
        if len(body) != length:
            self.send_error(400, "the body ended before its Content-Length")
            return None
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            self.send_error(400, "notebook must be UTF-8 text")
            return None
        return body

    def _deleted_target(self) -> Path | None:
        """The deleted notebook a recreate names (the one file, or one this run
        served from the folder), or None after sending the error."""
        return self._named_file(self._served_place, "only a notebook this page opened, now deleted, can be recreated")

    def _served_place(self, folder: Path, path: str) -> Path | None:
        """Where the notebook ``path`` of the folder is, if this run served it; or None."""
        target = place_in_folder(folder, path)
        with self.write_lock:
            return target if target in self.served else None

    def _recreate(self) -> None:
        """``If-None-Match: *``: write the deleted file again, only if nothing is there."""
        target = self._deleted_target()
        if target is None:
            return
        body = self._body()
        if body is None:
            return
        with self.write_lock:
            try:
                with open(target, "xb") as f:  # O_EXCL: never over a file or a link that is there
                    f.write(body)
                st = target.stat()
            except FileExistsError:
                self.send_error(412, "the file is there (again): nothing was written")
                return
            except FileNotFoundError:
                self.send_error(409, "the notebook's folder is gone too: nothing was created")
                return
            except OSError as exc:
                target.unlink(missing_ok=True)
                self.send_error(500, f"could not write the notebook: {exc.strerror}")
                return
            tag = self._remember_written(target, body, st)
        self._answer_saved(201, tag)

    def _remember_written(self, target: Path, body: bytes, st: os.stat_result) -> str:
        """The ETag of the bytes just written to ``target``, remembered as its
        version; call it under the write lock, so that no other save checks the
        file between the write and this."""
        tag = etag(body)
        self.versions.remember(target, (st.st_ino, st.st_size, st.st_mtime_ns), tag)
        return tag

    def _answer_saved(self, status: int, tag: str) -> None:
        """Answer a save (204) or a recreate (201): no body, the new ``ETag``."""
        self._cache_control = "no-store"
        self.send_response(status)
        self.send_header("ETag", tag)
        if status != 204:  # a 204 has no body and no Content-Length
            self.send_header("Content-Length", "0")
        self.end_headers()

    def _body_length(self) -> int | None:
        """The PUT body's length, or None after sending the error."""
        if self.headers.get_all("Transfer-Encoding") is not None:
            self.send_error(411, "Transfer-Encoding is not accepted; send a Content-Length")
            return None
        lengths = self.headers.get_all("Content-Length")
        if lengths is None:
            self.send_error(411, "a Content-Length is required")
            return None
        if len(lengths) != 1:
            self.send_error(400, "exactly one Content-Length is required")
            return None
        value = lengths[0].strip()
        if len(value) > 20 and value.isascii() and value.isdigit():
            self.send_error(413, "notebook too large")
            return None
        if not _DIGITS.fullmatch(value):
            self.send_error(400, "Content-Length must be a non-negative integer")
            return None
        length = int(value)
        if length > MAX_BYTES:
            self.send_error(413, "notebook too large")
            return None
        if length == 0:
            self.send_error(400, "an empty notebook is never a valid save")
            return None
        return length


class EditServer(StaticServer):
    key: str
    folder: Path | None


def make_server(target: Path, site: Path, port: int, *, key: str | None = None) -> EditServer:
    """The edit server on 127.0.0.1:port (0: any free port) for a notebook file
    or a folder of notebooks; its secret is ``server.key``."""
    key = key or secrets.token_urlsafe(32)
    folder = target.resolve() if target.is_dir() else None
    handler = type(
        "Handler",
        (_Handler,),
        {
            "notebook": None if folder else target,
            "folder": folder,
            "key": key,
            "site": site,
            "write_lock": threading.Lock(),
            "versions": _Versions(),
            "served": set(),
        },
    )
    bound = functools.partial(handler, directory=str(site))
    server = EditServer(("127.0.0.1", port), bound)
    server.key = key
    server.folder = folder
    return server


def edit_url(server: EditServer) -> str:
    """The page's URL; the key is in the fragment (never sent to the server)."""
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    if server.folder is not None:
        return f"{base}#key={server.key}"
    return f"{base}?file={FILE_URL}&save=put#key={server.key}"


def serve(target: Path, *, port: int = 2718, open_browser: bool = True) -> int:
    site = site_dir()
    if site is None:
        print("rivulet: the site is not built; run `python3 build.py` first", file=sys.stderr)
        return 2
    if not target.exists():
        target.write_text(write_notebook(new_notebook()), encoding="utf-8")
        print(f"created {target}")
    try:
        server = make_server(target.resolve(), site, port)
    except OSError as exc:
        print(f"rivulet: cannot listen on 127.0.0.1:{port}: {exc.strerror}", file=sys.stderr)
        return 2
    url = edit_url(server)
    what = "the notebooks in " if server.folder is not None else ""
    print(f"editing {what}{target} at {url}  (Ctrl+C to stop)", flush=True)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    serve_until_interrupted(server)
    return 0
