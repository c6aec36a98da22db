"""Pure-Python wheels from PyPI for offline use: listed in the lock with the sha256 of the bytes shipped.

These tests use pip (the machine reaches PyPI through it); they skip when it cannot.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kernel_py.host.export import pypi

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    dest = tmp_path_factory.mktemp("wheels")
    found, failed = pypi.download(["lzstring==1.0.3", "not-a-real-pkg-xyz-rivulet"], dest, log=lambda _m: None)
    if not found:
        pytest.skip(f"pip cannot reach PyPI here: {failed}")
    return found, failed


def test_download_resolves_dependencies_and_reports_what_has_no_wheel(wheels):
    found, failed = wheels
    assert sorted(w.name.split("-")[0] for w in found) == ["future", "lzstring"]
    assert all(pypi.PURE.search(w.name) for w in found)
    assert list(failed) == ["not-a-real-pkg-xyz-rivulet"]


def test_lock_entries_carry_the_real_hash_imports_and_dependencies(wheels):
    found, _failed = wheels
    lock = {"packages": {"lzstring": {"name": "lzstring", "version": "0", "file_name": "https://cdn/x.whl"}}}
    pypi.add_to_lock(lock, found)
    entry = lock["packages"]["lzstring"]
    path = next(w for w in found if w.name.startswith("lzstring-"))
    assert entry["file_name"] == path.name and entry["version"] == "1.0.3"
    assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert entry["imports"] == ["lzstring"] and entry["depends"] == ["future"]
    assert "past" in lock["packages"]["future"]["imports"]


@pytest.mark.skipif(not (DIST / "pyodide" / "pyodide-lock.json").exists(), reason="build the site first")
def test_export_honours_a_pep723_pin_over_the_hosts_install_and_ships_it(tmp_path, wheels):
    src = tmp_path / "nb.py"
    src.write_text(
        '# /// script\n# dependencies = [\n#     "marimo",\n#     "six==1.16.0",\n# ]\n# ///\n\n'
        'import marimo\n\n__generated_with = "0.25.2"\napp = marimo.App()\n\n\n@app.cell\ndef _():\n'
        '    import six\n    return\n\n\nif __name__ == "__main__":\n    app.run()\n'
    )
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "kernel_py.cli", "export", str(src), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "six 1.16.0 (PyPI)" in done.stdout
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    wheel = out / "pyodide" / lock["six"]["file_name"]
    assert lock["six"]["version"] == "1.16.0"
    assert lock["six"]["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert [p.name for p in (out / "pyodide").glob("six-*.whl")] == [wheel.name]
