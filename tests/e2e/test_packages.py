"""Packages in the browser: installed before cells run, from the site's own
wheels with no network, and a clear message in the cell when one cannot be had.

The machines here have no route to Pyodide's CDN or to PyPI from the browser,
so "offline" is the real situation; the tests also block every host but the
site's own, so they mean the same thing anywhere.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rivulet_e2e import BOOT_TIMEOUT, Rivulet, encode_code, new_context, notebook_text

PEP723 = """# /// script
# requires-python = ">=3.12"
# dependencies = [
#     "marimo",
#     "{pin}",
# ]
# ///

"""


@pytest.fixture
def offline_page(browser, site_url):
    """A fresh page on which every request to another host than the site fails; yields (Rivulet, foreign URLs asked).
    No service worker: it would answer requests the routes below must see."""
    context = new_context(browser, service_workers="block")
    foreign: list[str] = []

    def only_the_site(route):
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    try:
        yield (lambda hash_: Rivulet(context.new_page(), site_url).goto(hash_)), foreign
    finally:
        context.close()


def test_vendored_pure_python_packages_import_with_every_other_host_blocked(offline_page):
    open_page, foreign = offline_page
    rv = open_page("#code/" + encode_code(notebook_text(
        "import lzstring\nlzstring.LZString().decompressFromBase64(lzstring.LZString().compressToBase64('hi there'))",
        "import attrs\n@attrs.define\nclass P:\n    x: int\nP(3)",
        "1 + 1",
    )))
    expect(rv.output(0)).to_have_text("'hi there'", timeout=BOOT_TIMEOUT)
    expect(rv.output(1)).to_contain_text("P(x=3)")
    expect(rv.output(2)).to_have_text("2")
    for i in range(3):
        expect(rv.cell(i)).to_have_attribute("data-status", "idle")
    assert foreign == []  # nothing was even asked of another host


def test_packages_that_cannot_be_had_name_the_package_and_the_reason_and_the_rest_runs(offline_page):
    open_page, _foreign = offline_page
    rv = open_page("#code/" + encode_code(notebook_text(
        "import numpy as np",
        "import not_a_real_pkg_xyz",
        "x = 20 + 1",
        "x * 2",
    )))
    expect(rv.output(3)).to_have_text("42", timeout=BOOT_TIMEOUT)
    expect(rv.cell(0)).to_have_attribute("data-status", "error")
    expect(rv.cell(1)).to_have_attribute("data-status", "error")
    # one message each, in the cell, naming the package and why
    expect(rv.cell(0)).to_contain_text("Could not install 'numpy'")
    expect(rv.cell(0)).to_contain_text("Pyodide's package CDN (offline?)")
    expect(rv.cell(1)).to_contain_text("Could not install 'not_a_real_pkg_xyz'")
    expect(rv.cell(1)).to_contain_text("PyPI could not be reached (offline?)")
    expect(rv.notice).not_to_contain_text("Could not install")


def test_installing_shows_the_package_names_in_the_progress_bar(offline_page):
    open_page, _foreign = offline_page
    page = open_page("").page
    expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
    slow = {"n": 0}

    def late(route):  # hold the wheel a moment, so the progress is on screen long enough to read
        slow["n"] += 1
        page.wait_for_timeout(1500)
        route.continue_()

    page.route("**/attrs-*.whl", late)
    rv = Rivulet(page, "")
    rv.open_code(notebook_text("import attrs\nattrs.__name__"))
    expect(page.locator("#rv-boot-text")).to_have_text(re.compile(r"^Installing attrs \(\d+ kB(, \d+ s)?\)…$"), timeout=BOOT_TIMEOUT)
    expect(rv.output(0)).to_have_text("'attrs'", timeout=BOOT_TIMEOUT)
    expect(page.locator("#rv-boot")).to_be_hidden()
    assert slow["n"] == 1


def test_an_import_typed_into_a_new_cell_installs_before_the_cell_runs(rivulet):
    rivulet.open_code(notebook_text("1 + 1"))
    expect(rivulet.output(0)).to_have_text("2", timeout=BOOT_TIMEOUT)
    rivulet.page.get_by_role("button", name="Add cell at end").click()
    expect(rivulet.cells).to_have_count(2)
    rivulet.run_cell(1, "import lzstring\nlzstring.LZString().compressToBase64('a')")
    expect(rivulet.output(1)).to_have_text("'IZA='", timeout=BOOT_TIMEOUT)
    expect(rivulet.cell(1)).to_have_attribute("data-status", "idle")
    expect(rivulet.cell(1)).not_to_contain_text("ModuleNotFoundError")


def test_a_pep723_pin_is_honoured_a_pin_that_cannot_be_had_says_so(offline_page):
    open_page, _foreign = offline_page
    # the site ships attrs 26.1.0: the pin is met offline
    rv = open_page("#code/" + encode_code(PEP723.format(pin="attrs==26.1.0") + notebook_text("import attrs\nattrs.__version__")))
    expect(rv.output(0)).to_have_text("'26.1.0'", timeout=BOOT_TIMEOUT)
    # a pin the site does not ship is not silently swapped for the version it does
    rv.open_code(PEP723.format(pin="lzstring==1.0.4") + notebook_text("import lzstring", "'after'"))
    expect(rv.output(1)).to_have_text("'after'", timeout=BOOT_TIMEOUT)
    expect(rv.cell(0)).to_contain_text("Could not install 'lzstring==1.0.4'")
    expect(rv.cell(0)).to_have_attribute("data-status", "error")


def test_the_packages_panel_lists_adds_with_the_header_and_removes(offline_page):
    open_page, _foreign = offline_page
    rv = open_page("#code/" + encode_code(notebook_text("1 + 2")))
    expect(rv.output(0)).to_have_text("3", timeout=BOOT_TIMEOUT)
    page = rv.page
    page.get_by_role("button", name="Packages").click()
    panel = page.get_by_role("region", name="Packages")
    installed = panel.get_by_role("list", name="Installed packages")
    expect(panel).to_contain_text("The notebook lists no dependencies.")
    panel.get_by_label("Package name").fill("lzstring")
    panel.get_by_role("button", name="Add").click()
    expect(panel.get_by_role("status")).to_contain_text("Installed lzstring", timeout=BOOT_TIMEOUT)
    expect(installed).to_contain_text("lzstring 1.0.3")
    expect(installed).to_contain_text("future 1.0.0")  # its dependency
    expect(installed).not_to_contain_text("rivulet")  # the kernel is not a package of the notebook's
    expect(panel).to_contain_text("Notebook dependencies (PEP 723): lzstring")
    with page.expect_download() as download:
        page.locator("#rv-download").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith('# /// script\n# dependencies = [\n#     "lzstring",\n# ]\n# ///\n\nimport marimo\n'), text
    # a name that cannot be had: the panel says why, nothing is recorded
    panel.get_by_label("Package name").fill("not_a_real_pkg_xyz")
    panel.get_by_role("button", name="Add").click()
    expect(panel.get_by_role("status")).to_contain_text("Could not install 'not_a_real_pkg_xyz': PyPI could not be reached", timeout=BOOT_TIMEOUT)
    expect(panel).to_contain_text("Notebook dependencies (PEP 723): lzstring")
    # remove
    panel.get_by_role("button", name="Remove lzstring").click()
    expect(panel.get_by_role("status")).to_contain_text("Removed lzstring", timeout=BOOT_TIMEOUT)
    expect(installed).not_to_contain_text("lzstring")
    expect(panel).to_contain_text("The notebook lists no dependencies.")


def _wheel(name: str, padding: int = 0) -> bytes:
    """A pure-Python wheel made here: ``name`` 1.0 with a module of the same name (and ``padding``
    bytes of stored, uncompressed data, so its download has a size worth showing)."""
    import base64
    import hashlib
    import io
    import random
    import zipfile

    dist = f"{name}-1.0.dist-info"
    files = {
        f"{name}/__init__.py": f"VERSION = '1.0'\n".encode(),
        f"{name}/padding.bin": random.Random(name).randbytes(padding),
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode(),
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: rivulet-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
        for path, data in files.items()
    ) + f"{dist}/RECORD,,\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for path, data in {**files, f"{dist}/RECORD": record.encode()}.items():
            z.writestr(path, data)
    return out.getvalue()


def test_packages_from_pypi_show_their_download_size_as_they_come(browser, site_url):
    """PyPI (and Pyodide's CDN) give no size ahead: the progress line adds up what their answers announce."""
    import hashlib
    import json

    wheels = {"rvtiny": _wheel("rvtiny", padding=60_000), "rvdep": _wheel("rvdep", padding=60_000)}
    context = new_context(browser, service_workers="block")
    served: list[str] = []
    held: list = []  # the second wheel waits until the line has shown the first one's size
    cors = {"access-control-allow-origin": "*"}

    def send_wheel(route, name):
        route.fulfill(status=200, body=wheels[name], headers={**cors, "content-type": "application/octet-stream"})

    def gate(route):
        url = route.request.url
        if url.startswith(site_url):
            return route.continue_()
        index = re.match(r"https://pypi\.org/simple/([a-z]+)/$", url)
        wheel = re.match(r"https://files\.pythonhosted\.org/packages/([a-z]+)-1\.0-py3-none-any\.whl$", url)
        if index and index.group(1) in wheels:
            name = index.group(1)
            body = json.dumps({
                "meta": {"api-version": "1.0"}, "name": name, "versions": ["1.0"],
                "files": [{"filename": f"{name}-1.0-py3-none-any.whl",
                           "url": f"https://files.pythonhosted.org/packages/{name}-1.0-py3-none-any.whl",
                           "hashes": {"sha256": hashlib.sha256(wheels[name]).hexdigest()}}],
            })
            return route.fulfill(status=200, body=body, headers={**cors, "content-type": "application/vnd.pypi.simple.v1+json"})
        if wheel and wheel.group(1) in wheels:
            if served:
                return held.append((route, wheel.group(1)))
            served.append(wheel.group(1))
            return send_wheel(route, wheel.group(1))
        route.abort()

    context.route("**/*", gate)
    try:
        page = context.new_page()
        seen: list[str] = []
        page.expose_function("rvSawProgress", lambda text: seen.append(text))
        rv = Rivulet(page, site_url).goto("")
        expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        page.evaluate("""() => new MutationObserver(() => {
            const t = document.querySelector('#rv-boot-text')?.textContent;
            if (t) window.rvSawProgress(t);
        }).observe(document.body, {subtree: true, childList: true, characterData: true})""")
        rv.open_code(notebook_text("import rvtiny\nimport rvdep\nrvtiny.VERSION"))

        def sizes() -> list[int]:
            return [int(m.group(1)) for t in seen if (m := re.match(r"^Installing rvdep, rvtiny \((\d+) kB, \d+ s\)…$", t))]

        for _ in range(300):
            if held and any(n >= 60 for n in sizes()):
                break
            page.wait_for_timeout(100)
        assert held and max(sizes(), default=0) >= 60, seen  # the first wheel's Content-Length, counted as it arrived
        send_wheel(*held[0])
        expect(rv.output(0)).to_have_text("'1.0'", timeout=BOOT_TIMEOUT)
        expect(page.locator("#rv-boot")).to_be_hidden()
    finally:
        context.close()
