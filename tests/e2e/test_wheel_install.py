"""A wheel of Rivulet carries the built site: `pip install` it into a fresh
venv, outside any checkout, and `rivulet edit` serves the editor (issue 11).

Slow (tens of seconds: copies the site, builds and installs a 30 MB wheel):
marked `slow`, so `-m "not slow"` leaves it out; the README's test command
runs it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest

from rivulet_e2e import DIST, ROOT, notebook_text, rivulet_edit

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _build_module():
    spec = importlib.util.spec_from_file_location("rivulet_build_script", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _source_copy(dest: Path) -> Path:
    """What `pip wheel .` sees in a checkout after `python3 build.py --package`
    (a copy: the test never writes into the checkout)."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "kernel_py", dest / "kernel_py", ignore=shutil.ignore_patterns("__pycache__", "site"))
    _build_module().package_site(DIST, dest / "kernel_py" / "host" / "site")
    return dest


def _get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def test_a_wheel_installed_in_a_fresh_venv_serves_the_editor(tmp_path, site_url):  # site_url: dist/ is fresh
    source = _source_copy(tmp_path / "src")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(wheels), str(source)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("rivulet-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "kernel_py/host/site/index.html" in names and "kernel_py/host/edit_server.py" in names
    assert not any(name.endswith(".map") for name in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)  # pip from this Python installs into it (no download)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-index", "--no-deps", str(wheel)],
        check=True,
        cwd=tmp_path,
    )
    rivulet = env_dir / "bin" / "rivulet"
    assert rivulet.exists()

    work = tmp_path / "elsewhere"
    work.mkdir()
    notebook = work / "mine.py"
    notebook.write_text(notebook_text("x = 1"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RIVULET_SITE")}
    with rivulet_edit(notebook, env=env, command=[str(rivulet)]) as url:
        base = url.split("?", 1)[0].split("#", 1)[0]
        status, kind, page = _get(base)
        assert (status, kind) == (200, "text/html; charset=utf-8")
        assert b'<meta name="rivulet-edit" content="/__rivulet__/file">' in page
        script = re.search(rb'src="(assets/main-[A-Za-z0-9]+\.js)"', page)
        assert script, page[:2000]
        status, kind, body = _get(base + script.group(1).decode())
        assert (status, kind) == (200, "text/javascript") and len(body) > 1000
        assert (DIST / script.group(1).decode()).read_bytes() == body
        status, kind, _ = _get(base + "pyodide/pyodide.asm.wasm")
        assert (status, kind) == (200, "application/wasm")
    # the installed copy served it, not this checkout
    site = subprocess.run(
        [str(python), "-c", "from kernel_py.host.edit_server import site_dir; print(site_dir())"],
        check=True, capture_output=True, text=True, env=env, cwd=work,
    ).stdout.strip()
    assert site.startswith(str(env_dir)) and site.endswith("kernel_py/host/site")
