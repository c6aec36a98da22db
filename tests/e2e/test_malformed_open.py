"""Malformed notebook files opened in the browser through ?file= (issue 10).

The files are tests/fixtures/malformed/*, served (by a route) at
<site>/malformed/<name>. Each opens with a clear message, and Download .py
gives back the same bytes; where that cannot be (not a notebook, a
byte-order mark the browser's decoder drops) the cells keep their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Route, expect

from kernel_py.notebook.file_format import parse_notebook
from rivulet_e2e import Rivulet, new_context

pytestmark = pytest.mark.e2e

MALFORMED = Path(__file__).resolve().parent.parent / "fixtures" / "malformed"


@pytest.fixture(scope="module")
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    context = new_context(browser, service_workers="block", accept_downloads=True)

    def serve(route: Route) -> None:
        path = MALFORMED / route.request.url.rsplit("/", 1)[-1]
        if path.parent == MALFORMED and path.is_file():
            route.fulfill(status=200, content_type="text/x-python", body=path.read_bytes())
        else:
            route.fulfill(status=404, body=b"")

    context.route(f"{site_url}malformed/*", serve)
    yield context
    context.close()


@pytest.fixture
def open_file(context: BrowserContext, site_url: str) -> Iterator:
    pages = []

    def open_file(name: str) -> Rivulet:
        page = context.new_page()
        pages.append(page)
        rv = Rivulet(page, site_url).goto(f"?file=malformed/{name}")
        rv.wait_until_ready()
        return rv

    yield open_file
    for page in pages:
        page.close()


def downloaded(rv: Rivulet) -> bytes:
    with rv.page.expect_download() as info:
        rv.page.locator("#rv-download").click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.parametrize(
    "name, notice, error_cell, error",
    [
        ("broken_decorator.py", "line 13: cannot be parsed, kept as written", 1, "'(' was never closed"),
        ("python2.py", "line 7: cannot be parsed, kept as written", 0, "Missing parentheses in call to 'print'"),
        ("mixed_tabs.py", "line 7: cannot be parsed, kept as written", 0, "inconsistent use of tabs and spaces"),
    ],
)
def test_a_cell_that_does_not_parse_is_shown_and_saved_back_byte_for_byte(open_file, name, notice, error_cell, error):
    rv = open_file(name)
    expect(rv.notice).to_contain_text("This file has problems")
    expect(rv.notice).to_contain_text(notice)
    expect(rv.output(error_cell)).to_contain_text(error)
    assert downloaded(rv) == (MALFORMED / name).read_bytes()


def test_duplicate_cell_names_are_reported_and_both_cells_kept(open_file):
    rv = open_file("duplicate_names.py")
    expect(rv.notice).to_contain_text("line 13: a cell name used twice")
    expect(rv.cells).to_have_count(2)
    assert downloaded(rv) == (MALFORMED / "duplicate_names.py").read_bytes()


def test_crlf_line_ends_are_saved_back(open_file):
    rv = open_file("crlf.py")
    expect(rv.console(1)).to_have_text("1")
    data = downloaded(rv)
    assert data == (MALFORMED / "crlf.py").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 10


def test_a_file_with_a_byte_order_mark_keeps_its_cells(open_file):
    rv = open_file("bom.py")
    expect(rv.console(1)).to_have_text("1")
    data = downloaded(rv)  # the browser's decoder drops the mark; the rest is the same
    assert data.removeprefix(b"\xef\xbb\xbf") == (MALFORMED / "bom.py").read_bytes().removeprefix(b"\xef\xbb\xbf")


def test_a_file_without_an_app_opens_as_one_cell_holding_its_text(open_file):
    rv = open_file("no_app.py")
    expect(rv.notice).to_contain_text("This file is not a marimo notebook: it opens as one cell.")
    expect(rv.cells).to_have_count(1)
    text = (MALFORMED / "no_app.py").read_text(encoding="utf-8")
    (cell,) = parse_notebook(downloaded(rv).decode("utf-8")).cells
    assert cell.code == text.strip("\n")


def test_a_file_that_is_not_utf8_is_refused_with_a_message(open_file):
    rv = open_file("latin1.py")
    expect(rv.notice).to_contain_text("Could not open “malformed/latin1.py”: it is not a text file")
    expect(rv.page.locator("body")).not_to_contain_text("caf")
