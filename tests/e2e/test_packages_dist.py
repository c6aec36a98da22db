"""Packages shipped inside an export, in Chromium: compiled packages copied
from a local Pyodide distribution (`--pyodide-dist`) load with every other
host blocked; the page's progress line tells what is being installed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from kernel_py.host.static_server import serve_in_thread
from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, Rivulet, encode_code, new_context, notebook_text

sys.path.insert(0, str(ROOT / "tests"))
from fake_pyodide_dist import make_fake_dist  # noqa: E402

NOTEBOOK = notebook_text(
    "import rvcompiled",
    'print(f"answer: {rvcompiled.ANSWER}")',
    title="Compiled",
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Iterator[dict]:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    src = tmp_path_factory.mktemp("src")
    (src / "nb.py").write_text(NOTEBOOK)
    fake = make_fake_dist(src / "pyodide-full", DIST / "pyodide" / "pyodide-lock.json")
    root = tmp_path_factory.mktemp("served")
    done = subprocess.run(
        [sys.executable, "-m", "kernel_py.host.cli", "export", str(src / "nb.py"), "-o", str(root / "compiled"),
         "--pyodide-dist", str(fake)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    server = serve_in_thread(root)
    yield {"origin": server.url.rstrip("/"), "summary": done.stdout}
    server.shutdown()
    server.server_close()


def test_compiled_packages_from_a_local_distribution_load_with_every_other_host_blocked(
    browser: Browser, exported: dict
) -> None:
    assert "rvcompiled 1.0 (Pyodide distribution)" in exported["summary"]
    assert "needs no network" in exported["summary"]
    origin = exported["origin"]
    context = new_context(browser, service_workers="block")
    requests: list[str] = []
    blocked: list[str] = []

    def gate(route: Route) -> None:
        requests.append(route.request.url)
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    try:
        page = context.new_page()
        page.goto(f"{origin}/compiled/")
        expect(page.locator("html")).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        expect(page.locator("[data-cell-console]").filter(has_text="answer:")).to_contain_text(
            "answer: 42", timeout=BOOT_TIMEOUT
        )
        assert blocked == []
        fetched = [u for u in requests if "/pyodide/rvcompiled" in u]
        assert any("rvcompiled_base-1.0-" in u for u in fetched), fetched
        assert any("rvcompiled-1.0-" in u for u in fetched), fetched
    finally:
        context.close()


def test_the_progress_line_gives_the_download_size_and_the_time_so_far(browser: Browser, site_url: str) -> None:
    lock = json.loads((DIST / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    kb = round(lock["attrs"]["size"] / 1e3)
    context = new_context(browser, service_workers="block")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    held: list[Route] = []
    try:
        page = context.new_page()
        page.route("**/attrs-*.whl", lambda route: held.append(route))  # held until the test has read the line
        rv = Rivulet(page, site_url).goto("#code/" + encode_code(notebook_text("import attrs\nattrs.__name__")))
        text = page.locator("#rv-boot-text")
        expect(text).to_have_text(f"Installing attrs ({kb} kB)…", timeout=BOOT_TIMEOUT)
        expect(text).to_have_text(re.compile(rf"^Installing attrs \({kb} kB, [1-9][0-9]* s\)…$"))
        assert len(held) == 1
        held.pop().continue_()
        expect(rv.output(0)).to_have_text("'attrs'", timeout=BOOT_TIMEOUT)
        expect(page.locator("#rv-boot")).to_be_hidden()
    finally:
        context.close()


def test_shipped_pure_wheels_import_from_byte_code_made_by_pyodide(browser: Browser, site_url: str) -> None:
    context = new_context(browser, service_workers="block")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    try:
        rv = Rivulet(context.new_page(), site_url).goto("#code/" + encode_code(notebook_text(
            "import attrs, os, sys",
            # Pyodide writes no byte code: a .pyc there came with the wheel (unchecked-hash: imports read it)
            'f"{sys.dont_write_bytecode} {os.path.exists(attrs.__cached__)} {attrs.__spec__.cached.endswith(\'.cpython-314.pyc\')}"',
        )))
        expect(rv.output(1)).to_have_text("'True True True'", timeout=BOOT_TIMEOUT)
    finally:
        context.close()
