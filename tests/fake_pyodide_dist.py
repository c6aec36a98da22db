"""A fake local copy of Pyodide's full distribution, for `--pyodide-dist` tests.

There is no compiled (wasm32) wheel offline here, so small pure-Python wheels
stand in for compiled ones: named with Pyodide's wasm32 tags and listed in
the folder's own ``pyodide-lock.json`` with their real sha256, the lock's
``info`` copied from the site's (same Pyodide build).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

TAG = "cp314-cp314-pyemscripten_2026_0_wasm32"


def _wheel(folder: Path, name: str, version: str, module: str, code: str, requires: list[str]) -> Path:
    path = folder / f"{name}-{version}-{TAG}.whl"
    info = f"{name}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{module}/__init__.py", code)
        zf.writestr(f"{info}/METADATA", meta)
        zf.writestr(f"{info}/WHEEL", f"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: {TAG}\n")
        zf.writestr(f"{info}/top_level.txt", module + "\n")
        zf.writestr(f"{info}/RECORD", "")
    return path


def make_fake_dist(folder: Path, site_lock: Path, stand_ins: tuple[str, ...] = ()) -> Path:
    """rvcompiled (needs rvcompiled_base), rvbroken (its file does not match its sha256), rvunused;
    and a stand-in for each of the site lock's ``stand_ins`` (same name and version)."""
    folder.mkdir(parents=True, exist_ok=True)
    site = json.loads(site_lock.read_text())
    info = site["info"]
    versions = {}
    specs = [
        ("rvcompiled", "rvcompiled", "from rvcompiled_base import BASE\nANSWER = BASE * 2\n", ["rvcompiled-base"]),
        ("rvcompiled-base", "rvcompiled_base", "BASE = 21\n", []),
        ("rvbroken", "rvbroken", "X = 1\n", []),
        ("rvunused", "rvunused", "Y = 1\n", []),
    ]
    for name in stand_ins:
        versions[name] = site["packages"][name]["version"]
        specs.append((name, site["packages"][name]["imports"][0], "STAND_IN = True\n", []))
    packages = {}
    for name, module, code, requires in specs:
        version = versions.get(name, "1.0")
        wheel = _wheel(folder, name.replace("-", "_"), version, module, code, requires)
        sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if name == "rvbroken":
            sha = "0" * 64
        packages[name] = {
            "name": name, "version": version, "file_name": wheel.name, "install_dir": "site", "sha256": sha,
            "package_type": "package", "imports": [module], "depends": requires, "unvendored_tests": False,
        }
    (folder / "pyodide-lock.json").write_text(json.dumps({"info": info, "packages": packages}))
    return folder
