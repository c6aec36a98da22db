"""`rivulet export --single-file` in Chromium: the one HTML file opened from
file:// with every request to any host aborted runs the notebook live (its
data file read, a widget change re-running the dependent cell) in the kernel's
sandboxed frame, and nothing but the file itself is requested. Without
JavaScript it shows the outputs. (Served by a site: test_attacks_single_file.py.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from rivulet_e2e import BOOT_TIMEOUT, DIST, ROOT, notebook_text

NOTEBOOK = notebook_text(
    "import marimo as mo",
    """
    import csv
    with open("data.csv") as f:
        rows = list(csv.DictReader(f))
    total = sum(int(r["count"]) for r in rows)
    mo.md(f"**{len(rows)} rows**, total {total}")
    """,
    'slider = mo.ui.slider(1, 10, value=3, label="Factor")\nslider',
    'mo.md(f"scaled: {total * slider.value}")',
    title="Single file",
)


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    src = tmp_path_factory.mktemp("src")
    (src / "data.csv").write_text("name,count\na,2\nb,5\n")
    (src / "nb.py").write_text(NOTEBOOK)
    # a folder of its own: the page cannot lean on files beside it
    out = tmp_path_factory.mktemp("elsewhere") / "nb.html"
    done = subprocess.run(
        [sys.executable, "-m", "kernel_py.host.cli", "export", str(src / "nb.py"), "--single-file", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "1 files" in done.stdout and "needs no network" in done.stdout, done.stdout
    assert list(out.parent.iterdir()) == [out]
    return out


def test_single_file_runs_live_from_file_url_with_no_network(browser: Browser, single: Path) -> None:
    context = browser.new_context()
    requests: list[str] = []

    def gate(route) -> None:
        requests.append(route.request.url)
        if route.request.url == single.as_uri():
            route.continue_()  # the file itself
        else:
            route.abort()  # anything else the page or its worker asks for: no host, no other file

    context.route("**/*", gate)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(single.as_uri())
        outputs = page.locator("[data-cell-output]")
        expect(outputs.filter(has_text="scaled:")).to_have_text("scaled: 21")
        html = page.locator("html")
        expect(html).to_have_attribute("data-kernel", "ready", timeout=BOOT_TIMEOUT)
        # the kernel runs in the sandboxed, opaque-origin frame, as on the site
        expect(page.locator('iframe[data-rivulet-kernel][sandbox="allow-scripts"]')).to_have_count(1)
        expect(page.locator("#rv-notice")).to_be_hidden()
        expect(page.locator("#rv-single-notice")).to_have_count(0)
        expect(outputs.filter(has_text="rows")).to_contain_text("2 rows, total 7")
        slider = page.get_by_role("slider", name="Factor")
        slider.focus()
        page.keyboard.press("ArrowRight")
        expect(outputs.filter(has_text="scaled:")).to_have_text("scaled: 28")
        page.keyboard.press("ArrowRight")
        expect(outputs.filter(has_text="scaled:")).to_have_text("scaled: 35")
        assert html.get_attribute("data-kernel") == "ready"
        others = [u for u in requests if u != single.as_uri() and not u.startswith(("data:", "blob:"))]
        assert others == [], others
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        context.close()


def test_single_file_policy_allows_only_its_own_script(single: Path) -> None:
    page = single.read_text()
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    inline = re.findall(r'<script type="module">(.*?)</script>', page, re.S)
    assert len(inline) == 1
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in script_src
    # and the kernel frame's script (built into the shell's bundle): two hashes, nothing else inline
    assert len([s for s in script_src if s.startswith("'sha256-")]) == 2
    worker_src = re.search(r"worker-src ([^;]*)", policy).group(1).split()
    assert worker_src == ["blob:"], worker_src
    # every other script block is data, never run
    types = set(re.findall(r'<script type="([^"]*)"', page))
    assert types == {"module", "text/plain", "application/json"}, types
    assert not re.search(r"<script(?![^>]*type=)", page)


def test_single_file_without_javascript_shows_the_outputs(browser: Browser, single: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(single.as_uri())
        static = page.locator("#rv-prerendered")
        expect(static).to_contain_text("2 rows")
        expect(static).to_contain_text("scaled: 21")
        expect(page.locator("#rv-single-notice")).to_contain_text("Showing the outputs computed when this file was exported")
        assert page.get_by_role("link", name="Download nb.py").get_attribute("href").startswith("data:text/x-python")
        assert page.title() == "Single file"
    finally:
        context.close()


def test_a_kernel_frame_the_browser_refuses_leaves_the_outputs_and_says_why(browser: Browser, single: Path) -> None:
    # the same file with the kernel frame's hash left out of its policy: Chromium refuses the frame's script
    page_text = single.read_text()
    hashes = re.search(r"script-src ('sha256-[^']+') ('sha256-[^']+') ", page_text)
    broken = single.parent / "refused.html"
    broken.write_text(page_text.replace(hashes.group(0), f"script-src {hashes.group(1)} ", 1))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(broken.as_uri())
        expect(page.locator("html")).to_have_attribute("data-kernel", "dead", timeout=BOOT_TIMEOUT)
        expect(page.locator("#rv-notice")).to_contain_text("the browser did not run the kernel frame's script")
        outputs = page.locator("[data-cell-output]")
        expect(outputs.filter(has_text="scaled:")).to_have_text("scaled: 21")
        expect(outputs.filter(has_text="rows")).to_contain_text("2 rows, total 7")
    finally:
        context.close()
        broken.unlink()
