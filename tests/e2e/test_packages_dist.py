"""Packages shipped inside an export, in Chromium: compiled packages copied
from a local Pyodide distribution (`--pyodide-dist`) load with every other
host blocked; the page's progress line tells what is being installed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from kernel_py.host.static_server import serve_in_thread
from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, new_context, notebook_text

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
