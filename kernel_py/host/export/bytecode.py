"""Byte code for shipped pure-Python wheels, made by Pyodide's own Python.

Pyodide runs with ``sys.dont_write_bytecode``: every boot compiles the source
of every package module it imports. A wheel that also holds the ``.pyc``
files (unchecked-hash, so the source is not read to validate them) skips
that: for attrs, humanize, tabulate and toml, 107 ms of compiling become
2 ms of unmarshalling, their import statement 365 -> 261 ms, for 198 kB more
wheel (``bench/packages.py``). The host's Python is another
version, so Pyodide itself compiles them, under Node; without Node (or
Pyodide's files) wheels ship as they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

COMPILER = """
import { loadPyodide } from "%(pyodide)s";
const [root] = process.argv.slice(2);
const py = await loadPyodide({ indexURL: "%(index)s" });
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root }, "/host");
py.runPython(`
import pathlib, py_compile, sys
site = next(p for p in sys.path if p.endswith("site-packages"))
for wheel in sorted(pathlib.Path("/host").iterdir()):
    for f in wheel.rglob("*.py"):
        rel = f.relative_to(wheel)
        target = f.parent / "__pycache__" / f"{f.stem}.{sys.implementation.cache_tag}.pyc"
        py_compile.compile(str(f), cfile=str(target), dfile=f"{site}/{rel}", doraise=False,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
`);
"""


def _has_pyc(wheel: Path) -> bool:
    with zipfile.ZipFile(wheel) as zf:
        return any(n.endswith(".pyc") for n in zf.namelist())


def add_pyc(wheels: list[Path], pyodide_dir: Path) -> list[Path]:
    """Add ``__pycache__/*.pyc`` made by the Pyodide in ``pyodide_dir`` to each wheel, in place.

    Returns the wheels changed ([] when Node or Pyodide's files are missing,
    or compiling failed: the wheels are then left as they were)."""
    todo = [w for w in wheels if not _has_pyc(w)]
    if not todo or not (pyodide_dir / "pyodide.mjs").is_file():
        return []
    cache = _cache_dir(pyodide_dir)
    keys = {w: hashlib.sha256(w.read_bytes()).hexdigest() for w in todo}
    hits = [w for w in todo if (cache / f"{keys[w]}.whl").is_file()]
    for wheel in hits:
        shutil.copyfile(cache / f"{keys[wheel]}.whl", wheel)
    misses = [w for w in todo if w not in hits]
    if misses and _compile(misses, pyodide_dir):
        cache.mkdir(parents=True, exist_ok=True)
        for wheel in misses:
            shutil.copyfile(wheel, cache / f"{keys[wheel]}.tmp")
            (cache / f"{keys[wheel]}.tmp").replace(cache / f"{keys[wheel]}.whl")
        return todo
    return hits


def _cache_dir(pyodide_dir: Path) -> Path:
    """Compiled wheels, by the sha256 of the wheel given, per Pyodide build."""
    try:
        info = json.loads((pyodide_dir / "pyodide-lock.json").read_text())["info"]
        build = f"{info['python']}-{info['abi_version']}"
    except (OSError, ValueError, KeyError, TypeError):
        build = "unknown"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "rivulet" / "pyc-wheels" / re.sub(r"[^A-Za-z0-9._-]", "_", build)


def _compile(todo: list[Path], pyodide_dir: Path) -> bool:
    node = shutil.which("node")
    if node is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "wheels")
        for i, wheel in enumerate(todo):
            with zipfile.ZipFile(wheel) as zf:
                members = [n for n in zf.namelist() if n.endswith(".py") and ".." not in n.split("/") and not n.startswith("/")]
                zf.extractall(root / str(i), members)
        script = Path(tmp, "compile.mjs")
        script.write_text(COMPILER % {"pyodide": (pyodide_dir / "pyodide.mjs").resolve().as_uri(),
                                      "index": f"{pyodide_dir.resolve()}/"})
        try:
            done = subprocess.run([node, str(script), str(root)], capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired):
            return False
        if done.returncode != 0:
            return False
        for i, wheel in enumerate(todo):
            folder = root / str(i)
            with zipfile.ZipFile(wheel, "a", zipfile.ZIP_DEFLATED) as zf:
                for pyc in sorted(folder.rglob("*.pyc")):
                    info = zipfile.ZipInfo(pyc.relative_to(folder).as_posix(), (1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, pyc.read_bytes())
    return True
