"""Compiled packages from a local copy of Pyodide's full distribution (``--pyodide-dist DIR``).

The site's lock points compiled packages (numpy, pandas, ...) at Pyodide's
CDN. Given ``DIR`` (a downloaded ``pyodide-<version>.tar.bz2``, unpacked), the
packages a notebook needs and their dependencies are copied from it beside
the export's lock, their entries made relative, so they load with no network.
A file is copied only when its sha256 matches ``DIR/pyodide-lock.json``, and
only when that lock is for the same Pyodide build (Python, ABI, platform).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

_SAME_BUILD = ("python", "abi_version", "platform", "arch")


class DistError(Exception):
    """DIR is not a usable Pyodide distribution for this site."""


@dataclass
class Shipped:
    copied: list[str] = field(default_factory=list)  # "name version"
    problems: dict[str, str] = field(default_factory=dict)  # name -> why it was not copied


def read_dist(folder: Path, site_lock: dict) -> dict:
    """DIR's lock, checked against the site's Pyodide build."""
    path = folder / "pyodide-lock.json"
    try:
        lock = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DistError(f"{folder} is not a Pyodide distribution (no readable pyodide-lock.json: {exc})") from None
    if not isinstance(lock, dict) or not isinstance(lock.get("packages"), dict) or not isinstance(lock.get("info"), dict):
        raise DistError(f"{path} is not a Pyodide lock file")
    mine, theirs = site_lock.get("info", {}), lock["info"]
    differ = [k for k in _SAME_BUILD if mine.get(k) != theirs.get(k)]
    if differ:
        want = ", ".join(f"{k} {mine.get(k)}" for k in differ)
        got = ", ".join(f"{k} {theirs.get(k)}" for k in differ)
        raise DistError(f"{folder} is another Pyodide build ({got}; this site needs {want})")
    return lock


def merge_entries(lock: dict, dist_lock: dict) -> set[str]:
    """Add DIR's packages the site's lock lacks (so imports of them are planned); returns their names."""
    added = set()
    for name, entry in dist_lock["packages"].items():
        if name not in lock["packages"] and isinstance(entry, dict) and isinstance(entry.get("file_name"), str):
            lock["packages"][name] = dict(entry)
            added.add(name)
    return added


def closure(lock: dict, names: set[str]) -> list[str]:
    """``names`` and every package they depend on, through the lock."""
    found: set[str] = set()
    queue = sorted(names)
    while queue:
        name = queue.pop(0)
        if name in found or name not in lock["packages"]:
            continue
        found.add(name)
        queue += list(lock["packages"][name].get("depends", []))
    return sorted(found)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ship(lock: dict, dist_lock: dict, folder: Path, names: list[str], dst: Path) -> Shipped:
    """Copy ``names`` (lock packages) from DIR into ``dst``, pointing their lock entries at the copies."""
    shipped = Shipped()
    for name in names:
        entry = lock["packages"][name]
        theirs = dist_lock["packages"].get(name)
        if not isinstance(theirs, dict) or not isinstance(theirs.get("file_name"), str):
            shipped.problems[name] = "not in the distribution"
            continue
        file_name = theirs["file_name"].rsplit("/", 1)[-1]
        src = folder / file_name
        if "/" in theirs["file_name"] or file_name in ("", ".", "..") or not src.is_file():
            shipped.problems[name] = f"{file_name} missing from the distribution"
            continue
        digest = _sha256(src)
        if digest != theirs.get("sha256"):
            shipped.problems[name] = f"{file_name} does not match its sha256 in the distribution's lock"
            continue
        if entry.get("sha256") not in (None, digest) and entry.get("version") != theirs.get("version"):
            shipped.problems[name] = f"the distribution has {theirs.get('version')}, the site {entry.get('version')}"
            continue
        shutil.copy2(src, dst / file_name)
        lock["packages"][name] = {**entry, **theirs, "file_name": file_name, "sha256": digest,
                                  "size": src.stat().st_size}
        shipped.copied.append(f"{name} {theirs.get('version', '')}".strip())
    return shipped
