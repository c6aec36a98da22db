"""`rivulet edit`'s file endpoint: the page reads and writes the one notebook."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from kernel_py.host.edit_server import FILE_URL, make_server


@pytest.fixture
def server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>site</title>")
    notebook = tmp_path / "nb.py"
    notebook.write_text("import marimo\n")
    srv = make_server(notebook, site, 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", notebook
    srv.shutdown()
    srv.server_close()


def test_the_page_reads_and_writes_the_notebook_file(server):
    base, notebook = server
    assert urllib.request.urlopen(base + FILE_URL).read() == b"import marimo\n"
    put = urllib.request.Request(base + FILE_URL, data="x = '🟢'\n".encode(), method="PUT")
    assert urllib.request.urlopen(put).status == 204
    assert notebook.read_text(encoding="utf-8") == "x = '🟢'\n"
    assert b"<title>site</title>" in urllib.request.urlopen(base + "/index.html").read()


def test_a_non_utf8_save_is_refused_and_loses_nothing(server):
    base, notebook = server
    put = urllib.request.Request(base + FILE_URL, data=b"\xff\xfe", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(put)
    assert info.value.code == 400
    assert notebook.read_text() == "import marimo\n"
