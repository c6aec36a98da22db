"""Pure-Python wheels from PyPI for offline use (``build.py`` and ``rivulet export``).

``pip download`` resolves the requirements with their dependencies for
Pyodide's Python (any platform, no ABI: pure wheels only), and each wheel is
listed in the Pyodide lock file with its real sha256, so ``loadPackage``
installs it from the site's own folder with no network.  A requirement that
has no pure wheel is reported, not fatal: it stays on Pyodide's CDN or PyPI.
"""

from __future__ import annotations

import email.parser
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kernel_py.notebook.requirements import canonical

PURE = re.compile(r"-(py3|py2\.py3|py3\.py2)-none-any\.whl$")


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str  # canonical
    version: str
    imports: list[str]
    requires: list[str]  # canonical names of unconditional dependencies


def download(requirements: list[str], dest: Path, python: str = "3.14", log=print) -> tuple[list[Path], dict[str, str]]:
    """Download pure wheels for ``requirements`` (with their dependencies) into ``dest``.

    Returns (the wheels, {requirement: why it could not be had}). Requirements are
    resolved together first; when that fails, one by one so one bad name does not
    cost the others. Wheels already in ``dest`` are reused (pip checks them).
    """
    dest.mkdir(parents=True, exist_ok=True)
    failed: dict[str, str] = {}
    wheels: set[Path] = set()
    groups = [requirements] if requirements else []
    while groups:
        group = groups.pop(0)
        result = subprocess.run(
            [
                sys.executable, "-m", "pip", "download", "--only-binary=:all:", f"--python-version={python}",
                "--implementation=py", "--abi=none", "--platform=any", "--disable-pip-version-check",
                "--quiet", "--progress-bar=off", "-d", str(dest), *group,
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            wheels.update(_downloaded(group, dest))
        elif len(group) > 1:
            groups += [[r] for r in group]
        else:
            why = (result.stderr.strip().splitlines() or ["pip download failed"])[-1]
            failed[group[0]] = why
            log(f"no pure-Python wheel for {group[0]}: {why}")
    return sorted(wheels), failed


def _downloaded(group: list[str], dest: Path) -> list[Path]:
    """The wheels in ``dest`` that satisfy the group and its dependencies."""
    by_name: dict[str, list[Path]] = {}
    for path in dest.glob("*.whl"):
        if PURE.search(path.name):
            by_name.setdefault(canonical(path.name.split("-")[0]), []).append(path)
    found: list[Path] = []
    queue = list(group)
    seen: set[str] = set()
    while queue:
        req = queue.pop(0)
        name = canonical(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req).group(1))
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        pin = re.search(r"==\s*([^\s,;]+)", req)
        candidates = [p for p in by_name[name] if not pin or p.name.split("-")[1] == pin.group(1)]
        if not candidates:
            continue
        best = max(candidates, key=lambda p: [int(x) if x.isdigit() else 0 for x in p.name.split("-")[1].split(".")])
        found.append(best)
        queue += read_wheel(best).requires
    return found


def read_wheel(path: Path) -> Wheel:
    """A wheel's name, version, import names and unconditional dependencies."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
        meta = email.parser.Parser().parsestr(zf.read(f"{info}/METADATA").decode("utf-8", "replace"))
        top = f"{info}/top_level.txt"
        if top in names:
            imports = sorted({line.strip() for line in zf.read(top).decode().splitlines() if line.strip() and "/" not in line})
        else:
            imports = sorted(
                {n.split("/")[0].removesuffix(".py") for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
            )
    requires = []
    for req in meta.get_all("Requires-Dist") or []:
        if "extra" in req.split(";", 1)[-1] and ";" in req:
            continue
        marker = req.split(";", 1)[1] if ";" in req else ""
        if "python_version" in marker and "<" in marker and "3" in marker:
            continue  # a back-port for old Pythons
        requires.append(canonical(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req).group(1)))
    return Wheel(path, canonical(meta["Name"]), meta["Version"], [i for i in imports if i.isidentifier()], requires)


def wheel_lock_entry(name: str, version: str, path: Path, imports: list[str], depends: list[str]) -> dict:
    """The Pyodide lock entry of a shipped wheel (``file_name`` relative to the lock, its real sha256)."""
    return {
        "name": name,
        "version": version,
        "file_name": path.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "size": path.stat().st_size,  # Rivulet's own key: the install progress shows it
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
    }


def add_to_lock(lock: dict, wheels: list[Path]) -> list[Wheel]:
    """List ``wheels`` (already beside the lock file) in ``lock``, replacing entries of the same name."""
    read = [read_wheel(p) for p in wheels]
    known = set(lock["packages"]) | {w.name for w in read}
    for wheel in read:
        depends = sorted(d for d in wheel.requires if d in known)
        lock["packages"][wheel.name] = wheel_lock_entry(wheel.name, wheel.version, wheel.path, wheel.imports, depends)
    return read


def lock_json(lock: dict) -> str:
    return json.dumps(lock, separators=(",", ":"), sort_keys=True)
