"""Pure-Python packages a notebook imports, vendored from the host's installs.

A distribution installed on the host whose files are all pure Python is
zipped into a wheel and listed in the export's Pyodide lock file, so the page
loads it from the export (``loadPackagesFromImports``) with no network.
Compiled packages stay on Pyodide's CDN (listed in the summary as needing
the network).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from kernel_py.notebook.requirements import PROVIDED, canonical
from kernel_py.notebook.requirements import imported_modules as imported_names
from kernel_py.notebook.requirements import third_party

from .pypi import wheel_lock_entry

__all__ = ["PROVIDED", "Plan", "Vendored", "canonical", "imported_names", "lock_entry", "plan_packages", "third_party"]

_COMPILED = (".so", ".pyd", ".dylib", ".dll")
_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class Vendored:
    name: str  # canonical distribution name
    version: str
    wheel: Path
    imports: list[str]
    depends: list[str]


@dataclass
class Plan:
    vendored: dict[str, Vendored] = field(default_factory=dict)
    from_lock: set[str] = field(default_factory=set)  # lock package names (Pyodide's CDN when not local)
    missing: set[str] = field(default_factory=set)  # neither: micropip from PyPI, online only


def _requirements(dist: metadata.Distribution) -> list[str]:
    found = []
    for req in dist.requires or []:
        if "extra ==" in req.replace('"', "'").replace("extra==", "extra =="):
            continue
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
        if match:
            found.append(canonical(match.group(1)))
    return found


def _is_pure(dist: metadata.Distribution) -> bool:
    wheel = dist.read_text("WHEEL") or ""
    if "Root-Is-Purelib: true" not in wheel:
        return False
    return not any(str(f).endswith(_COMPILED) for f in dist.files or [])


def _top_level(dist: metadata.Distribution) -> list[str]:
    text = dist.read_text("top_level.txt")
    if text:
        return sorted({line.strip() for line in text.splitlines() if line.strip() and "/" not in line})
    names = set()
    for f in dist.files or []:
        first = f.parts[0]
        if first.endswith((".dist-info", ".data")) or first in ("..", "__pycache__"):
            continue
        names.add(first[:-3] if first.endswith(".py") else first)
    return sorted(n for n in names if n.isidentifier())


def build_wheel(dist: metadata.Distribution, out_dir: Path) -> Path:
    """Zip an installed pure distribution's files (no byte code) into a wheel."""
    name = re.sub(r"[-.]+", "_", dist.metadata["Name"])
    path = out_dir / f"{name}-{dist.version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(dist.files or [], key=str):
            if f.parts[0] == ".." or "__pycache__" in f.parts or f.suffix == ".pyc":
                continue
            source = Path(dist.locate_file(f))
            if not source.is_file():
                continue
            info = zipfile.ZipInfo(f.as_posix(), _DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, source.read_bytes())
    return path


def plan_packages(names: list[str], lock: dict, out_dir: Path) -> Plan:
    """Vendor what is installed and pure; the rest comes from the lock or PyPI."""
    plan = Plan()
    lock_imports = {imp: pkg for pkg, entry in lock.get("packages", {}).items() for imp in entry.get("imports", [])}
    by_import = metadata.packages_distributions()
    queue: list[tuple[str, bool]] = []  # (import name or distribution, is_distribution)
    queue += [(n, False) for n in names]
    seen: set[str] = set()
    while queue:
        item, is_dist = queue.pop(0)
        if item in seen:
            continue
        seen.add(item)
        dist = None
        try:
            if is_dist:
                dist = metadata.distribution(item)
            elif by_import.get(item):
                dist = metadata.distribution(by_import[item][0])
        except metadata.PackageNotFoundError:
            dist = None
        if dist is not None and _is_pure(dist):
            key = canonical(dist.metadata["Name"])
            if key in plan.vendored:
                continue
            out_dir.mkdir(parents=True, exist_ok=True)
            depends = _requirements(dist)
            plan.vendored[key] = Vendored(key, dist.version, build_wheel(dist, out_dir), _top_level(dist), depends)
            queue += [(d, True) for d in depends]
            continue
        lock_name = canonical(item) if is_dist and canonical(item) in lock.get("packages", {}) else lock_imports.get(item)
        if lock_name:
            plan.from_lock.add(lock_name)
        else:
            plan.missing.add(item)
    for vendored in plan.vendored.values():
        vendored.depends = [d for d in vendored.depends if d in plan.vendored or d in lock.get("packages", {})]
    return plan


def lock_entry(v: Vendored) -> dict:
    return wheel_lock_entry(v.name, v.version, v.wheel, v.imports, v.depends)
