"""`rivulet export --pyodide-dist DIR` under CPython: compiled packages (and
their dependencies) are copied from a local Pyodide distribution, checked
against its lock (the browser side is tests/e2e/test_packages_dist.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fake_pyodide_dist import make_fake_dist
from kernel_py.host import cli
from kernel_py.host.export import ExportError, export_folder

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def notebook(*cells: str) -> str:
    body = "".join("\n@app.cell\ndef _():\n" + "".join(f"    {line}\n" for line in c.splitlines()) + "    return\n" for c in cells)
    return f"import marimo\n\napp = marimo.App()\n{body}"


@pytest.fixture(scope="module")
def site() -> Path:
    if not (DIST / "index.html").exists():
        subprocess.run([sys.executable, str(ROOT / "build.py")], cwd=ROOT, check=True)
    return DIST


@pytest.fixture
def fake_dist(tmp_path, site) -> Path:
    return make_fake_dist(tmp_path / "pyodide-full", site / "pyodide" / "pyodide-lock.json")


def test_compiled_packages_and_their_dependencies_are_copied_and_made_relative(tmp_path, site, fake_dist, capsys) -> None:
    src = tmp_path / "nb.py"
    src.write_text(notebook("import rvcompiled\nrvcompiled.ANSWER"))
    assert cli.main(["export", str(src), "-o", str(tmp_path / "out"), "--pyodide-dist", str(fake_dist)]) == 0
    printed = capsys.readouterr().out
    assert "rvcompiled 1.0 (Pyodide distribution)" in printed
    assert "rvcompiled-base 1.0 (Pyodide distribution)" in printed
    assert "needs no network" in printed
    out = tmp_path / "out" / "pyodide"
    lock = json.loads((out / "pyodide-lock.json").read_text())
    for name in ("rvcompiled", "rvcompiled-base"):
        entry = lock["packages"][name]
        assert "://" not in entry["file_name"]
        assert (out / entry["file_name"]).read_bytes() == (fake_dist / entry["file_name"]).read_bytes()
    assert lock["packages"]["rvcompiled"]["depends"] == ["rvcompiled-base"]
    # what the notebook does not need stays out (of the folder and of the lock)
    assert "rvunused" not in lock["packages"] and not list(out.glob("rvunused*"))


def test_a_file_that_does_not_match_its_sha256_is_not_shipped(tmp_path, site, fake_dist) -> None:
    src = tmp_path / "nb.py"
    src.write_text(notebook("import rvbroken"))
    summary = export_folder(src, tmp_path / "out", site=site, pyodide_dist=fake_dist)
    assert not list((tmp_path / "out" / "pyodide").glob("rvbroken*"))
    assert any("rvbroken" in w and "sha256" in w for w in summary.warnings), summary.warnings
    assert "rvbroken" not in json.loads((tmp_path / "out" / "pyodide" / "pyodide-lock.json").read_text())["packages"]


def test_a_site_package_missing_from_the_distribution_still_needs_the_cdn(tmp_path, site, fake_dist) -> None:
    src = tmp_path / "nb.py"
    src.write_text(notebook("import numpy"))
    summary = export_folder(src, tmp_path / "out", site=site, pyodide_dist=fake_dist)
    assert "numpy (Pyodide's CDN: not in the distribution)" in summary.network, summary.network
    lock = json.loads((tmp_path / "out" / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["packages"]["numpy"]["file_name"].startswith("https://")


def test_without_the_option_compiled_dependencies_are_listed_as_needing_the_network(tmp_path, site) -> None:
    src = tmp_path / "nb.py"
    src.write_text(notebook("import pandas"))
    summary = export_folder(src, tmp_path / "out", site=site)
    assert "pandas (Pyodide's CDN)" in summary.network
    assert "numpy (Pyodide's CDN)" in summary.network  # pandas needs it


def test_another_pyodide_build_is_refused(tmp_path, site, fake_dist) -> None:
    lock = json.loads((fake_dist / "pyodide-lock.json").read_text())
    lock["info"]["python"] = "3.12.7"
    (fake_dist / "pyodide-lock.json").write_text(json.dumps(lock))
    src = tmp_path / "nb.py"
    src.write_text(notebook("import rvcompiled"))
    with pytest.raises(ExportError, match="another Pyodide build"):
        export_folder(src, tmp_path / "out", site=site, pyodide_dist=fake_dist)
    with pytest.raises(ExportError, match="not a Pyodide distribution"):
        export_folder(src, tmp_path / "out2", site=site, pyodide_dist=tmp_path / "nowhere")


def test_the_site_build_ships_the_compiled_packages_the_gallery_imports(tmp_path, site) -> None:
    sys.path.insert(0, str(ROOT))
    import build

    fake = make_fake_dist(tmp_path / "pyodide-full", site / "pyodide" / "pyodide-lock.json", stand_ins=("numpy",))
    out = tmp_path / "pyodide"
    out.mkdir()
    (out / "stale-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl").write_bytes(b"old")
    entries = build.ship_compiled(out, fake)
    numpy = entries["numpy"]  # gallery/selection.py imports it
    assert "://" not in numpy["file_name"]
    assert (out / numpy["file_name"]).read_bytes() == (fake / numpy["file_name"]).read_bytes()
    assert "rvcompiled" not in entries and "pandas" not in entries  # not imported / not in the distribution
    assert not (out / "stale-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl").exists()
    # without the option, the earlier copies go: the lock points at the CDN again
    assert build.ship_compiled(out, None) == {}
    assert not list(out.glob("*.whl"))
