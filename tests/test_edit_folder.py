"""`rivulet edit FOLDER`: the page lists the folder's notebooks and reads and
writes any of them, and nothing outside the folder (issue 11)."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from kernel_py.host.edit_folder import MAX_NOTEBOOKS, list_notebooks
from kernel_py.host.edit_server import (
    EDIT_MARKER,
    FILE_URL,
    FOLDER_MARKER,
    KEY_HEADER,
    LIST_URL,
    MAX_BYTES,
    edit_url,
    etag,
    make_server,
)
from raw_http import raw_request

NOTEBOOK = b'import marimo\n\napp = marimo.App()\n\n\n@app.cell\ndef _():\n    x = 1\n    return\n'
SECRET = b'import marimo\n\napp = marimo.App()\nSECRET = "outside the folder"\n'
INDEX = b"<!doctype html><html><head><title>site</title></head><body></body></html>"


@dataclass
class Folder:
    port: int
    key: str
    root: Path
    outside: Path
    url: str

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Host": f"127.0.0.1:{self.port}", KEY_HEADER: self.key, **extra}

    def request(self, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, dict, bytes]:
        status, answer, data = raw_request(self.port, method, path, headers, body)
        return status, dict(answer), data

    def file(self, rel: str) -> str:
        return f"{FILE_URL}?path={quote(rel, safe='')}"

    def snapshot(self) -> dict[str, bytes]:
        """Every file's bytes, inside and outside the folder."""
        base = self.root.parent
        return {str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file() and not p.is_symlink()}


def _layout(base: Path) -> tuple[Path, Path]:
    root = base / "work"
    outside = base / "outside"
    for folder in ("sub/deeper", ".hidden", "node_modules/pkg", ".venv", "env2", outside):
        (root / folder if isinstance(folder, str) else folder).mkdir(parents=True)
    for rel in ("a.py", "sub/b.py", "sub/deeper/c.py", ".hidden/h.py", "node_modules/pkg/n.py", ".venv/v.py", "env2/e.py"):
        (root / rel).write_bytes(NOTEBOOK)
    (root / "env2" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / "plain.py").write_text("print('a plain script')\n")
    (root / "notes.txt").write_text("not python\n")
    (outside / "secret.py").write_bytes(SECRET)
    os.symlink(outside / "secret.py", root / "link_out.py")
    os.symlink(outside, root / "linkdir")
    os.symlink(root / "a.py", root / "sub" / "link_in.py")  # a link that stays inside
    return root, outside


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Folder]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(INDEX)
    root, outside = _layout(tmp_path)
    srv = make_server(root, site, 0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield Folder(srv.server_address[1], srv.key, root, outside, edit_url(srv))
    srv.shutdown()
    srv.server_close()


def test_the_url_opens_the_folder_with_the_key_in_its_fragment(folder):
    assert folder.url == f"http://127.0.0.1:{folder.port}/#key={folder.key}"


def test_the_index_says_it_is_a_folder(folder):
    status, _, body = folder.request("GET", "/", {"Host": f"127.0.0.1:{folder.port}"})
    assert status == 200
    assert body.startswith(b"<!doctype html><html><head>" + EDIT_MARKER + FOLDER_MARKER)


def test_the_list_names_the_notebooks_and_skips_hidden_venvs_and_node_modules(folder):
    status, _, body = folder.request("GET", LIST_URL, folder.headers())
    assert status == 200
    listing = json.loads(body)
    assert listing == {
        "folder": "work",
        "notebooks": ["a.py", "sub/b.py", "sub/deeper/c.py", "sub/link_in.py"],
        "truncated": False,
    }


def test_the_list_needs_the_key(folder):
    assert folder.request("GET", LIST_URL, folder.headers(**{KEY_HEADER: "guess"}))[0] == 403
    assert folder.request("GET", LIST_URL, folder.headers(Origin="http://evil.example"))[0] == 403


def test_a_new_notebook_shows_up_in_the_next_list(folder):
    (folder.root / "sub" / "fresh.py").write_bytes(NOTEBOOK)
    listing = json.loads(folder.request("GET", LIST_URL, folder.headers())[2])
    assert "sub/fresh.py" in listing["notebooks"]


def test_the_list_stops_at_its_limit(tmp_path):
    for i in range(MAX_NOTEBOOKS + 5):
        (tmp_path / f"nb{i:04}.py").write_bytes(NOTEBOOK)
    listing = list_notebooks(tmp_path.resolve(), MAX_BYTES)
    assert len(listing.notebooks) == MAX_NOTEBOOKS and listing.truncated


def test_a_notebook_in_the_folder_reads_and_saves(folder):
    status, headers, body = folder.request("GET", folder.file("sub/b.py"), folder.headers())
    assert (status, body) == (200, NOTEBOOK)
    assert headers["Content-Disposition"] == "inline; filename*=UTF-8''b.py"
    text = NOTEBOOK.replace(b"x = 1", b"x = 2")
    put = folder.headers(**{"If-Match": headers["ETag"], "Content-Length": str(len(text))})
    assert folder.request("PUT", folder.file("sub/b.py"), put, text)[0] == 204
    assert (folder.root / "sub" / "b.py").read_bytes() == text
    assert (folder.root / "a.py").read_bytes() == NOTEBOOK


def test_a_link_inside_the_folder_writes_its_target_and_stays_a_link(folder):
    text = NOTEBOOK.replace(b"x = 1", b"x = 3")
    put = folder.headers(**{"If-Match": etag(NOTEBOOK), "Content-Length": str(len(text))})
    assert folder.request("PUT", folder.file("sub/link_in.py"), put, text)[0] == 204
    assert (folder.root / "sub" / "link_in.py").is_symlink()
    assert (folder.root / "a.py").read_bytes() == text


# ------------------------------------------------------------------ attacks: only files under FOLDER

OUTSIDE_PATHS = [
    "../outside/secret.py",
    "sub/../../outside/secret.py",
    "sub/../a.py/../../outside/secret.py",
    "{outside}/secret.py",  # absolute
    "//{outside}/secret.py",
    "link_out.py",  # a symlink out
    "linkdir/secret.py",  # through a linked folder
    "..\\outside\\secret.py",
    "sub\\..\\a.py",
    ".hidden/h.py",
    ".venv/v.py",
    "node_modules/pkg/n.py",
    "./a.py",
    "sub//b.py",
    "a.py\0.py",
    "notes.txt",
    "missing.py",  # a save never creates a file
    "",
    "sub",
]


def _put_headers(folder: Folder, body: bytes) -> dict[str, str]:
    return folder.headers(**{"If-Match": etag(SECRET), "Content-Length": str(len(body))})


@pytest.mark.parametrize("rel", OUTSIDE_PATHS)
@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_a_path_outside_the_folder_is_refused_and_nothing_changes(folder, rel, method):
    rel = rel.format(outside=folder.outside)
    before = folder.snapshot()
    evil = b"import marimo\n\n__import__('os').system('echo pwned')\n"
    body = evil if method == "PUT" else None
    headers = _put_headers(folder, evil) if method == "PUT" else folder.headers()
    status, _, answer = folder.request(method, folder.file(rel), headers, body)
    assert status == 404
    assert b"SECRET" not in answer and b"x = 1" not in answer
    assert folder.snapshot() == before
    assert not (folder.root / "missing.py").exists()


def _recreate(folder: Folder, rel: str, body: bytes) -> int:
    headers = folder.headers(**{"If-None-Match": "*", "Content-Length": str(len(body))})
    return folder.request("PUT", folder.file(rel), headers, body)[0]


def test_a_notebook_the_page_opened_and_was_deleted_is_recreated_only_there(folder):
    assert folder.request("GET", folder.file("sub/b.py"), folder.headers())[0] == 200
    (folder.root / "sub" / "b.py").unlink()
    mine = NOTEBOOK.replace(b"x = 1", b"x = 'saved again'")
    assert _recreate(folder, "sub/b.py", mine) == 201
    assert (folder.root / "sub" / "b.py").read_bytes() == mine
    assert _recreate(folder, "sub/b.py", mine) == 412  # there again: never replaced this way


@pytest.mark.parametrize("rel", [*OUTSIDE_PATHS, "new.py", "sub/new.py", "sub/deeper/c.py", "a.py"])
def test_a_recreate_cannot_create_any_other_file(folder, rel):
    rel = rel.format(outside=folder.outside)
    # the page opened sub/b.py, which was deleted; a.py and c.py are there, never opened
    assert folder.request("GET", folder.file("sub/b.py"), folder.headers())[0] == 200
    (folder.root / "sub" / "b.py").unlink()
    (folder.outside / "secret.py").unlink()  # a dangling link out: still not written through
    before = folder.snapshot()
    evil = b"import marimo\n\n__import__('os').system('echo pwned')\n"
    assert _recreate(folder, rel, evil) == 404
    assert folder.snapshot() == before
    assert not (folder.outside / "secret.py").exists() and not (folder.root / "new.py").exists()


def test_a_notebook_whose_folder_was_deleted_is_not_recreated(folder):
    assert folder.request("GET", folder.file("sub/deeper/c.py"), folder.headers())[0] == 200
    (folder.root / "sub" / "deeper" / "c.py").unlink()
    (folder.root / "sub" / "deeper").rmdir()
    assert _recreate(folder, "sub/deeper/c.py", NOTEBOOK) == 404
    assert not (folder.root / "sub" / "deeper").exists()


@pytest.mark.parametrize(
    "query",
    ["", "?path=a.py&path=sub/b.py", "?file=a.py", "?path=a.py%2F..%2F..%2Foutside%2Fsecret.py", "?path=%2e%2e/outside/secret.py"],
)
def test_a_missing_repeated_or_encoded_path_is_refused(folder, query):
    status, _, answer = folder.request("GET", FILE_URL + query, folder.headers())
    assert status == 404 and b"SECRET" not in answer and b"x = 1" not in answer


def test_the_folder_files_need_the_key_and_the_origin(folder):
    for headers in (
        folder.headers(**{KEY_HEADER: "guess"}),
        folder.headers(Origin="http://evil.example"),
        folder.headers(**{"Sec-Fetch-Site": "cross-site"}),
    ):
        assert folder.request("GET", folder.file("a.py"), headers)[0] == 403
    assert folder.request("GET", folder.file("a.py"), folder.headers(Host="evil.example"))[0] == 421
