"""What a notebook needs installed: its imports and its PEP 723 dependencies.

Pure Python (no ``js``/``pyodide``): the browser adapter asks :func:`plan`
what to install before it runs code, and the session records packages the
user adds in the file's ``# /// script`` block, as marimo does (``uv add
--script``'s layout), leaving every other byte of the header alone.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata

# Import names never to install: provided by the kernel or by Pyodide itself.
PROVIDED = frozenset(
    {"marimo", "kernel_py", "micropip", "js", "pyodide", "pyodide_js", "__future__", "_pyodide", "pyodide_http"}
)
# Distributions never to install from a PEP 723 list (the kernel plays marimo).
PROVIDED_DISTRIBUTIONS = frozenset({"marimo", "rivulet", "pyodide", "micropip"})

# Import names whose distribution has another name and that Pyodide's lock
# file does not list (the lock's ``imports`` lists come first).
KNOWN_DISTRIBUTIONS = {
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "PIL": "pillow",
    "cv2": "opencv-python",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "dateutil": "python-dateutil",
    "attr": "attrs",
    "dotenv": "python-dotenv",
    "jwt": "pyjwt",
    "Bio": "biopython",
    "docx": "python-docx",
    "pptx": "python-pptx",
    "serial": "pyserial",
    "lzstring": "lzstring",
    "google.protobuf": "protobuf",
}

# PEP 723's reference regular expression.
_BLOCK = re.compile(r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_IMPORT_LINE = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.M)


def canonical(name: str) -> str:
    """PEP 503's normalized distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """The canonical distribution name of a PEP 508 requirement ('' if none)."""
    match = _NAME.match(requirement)
    return canonical(match.group(1)) if match else ""


def requirement_label(requirement: str) -> str:
    """A requirement without extras or markers: what progress messages show."""
    text = requirement.split(";")[0]
    text = re.sub(r"\[[^\]]*\]", "", text)
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- PEP 723


def _block(text: str) -> re.Match[str] | None:
    found = [m for m in _BLOCK.finditer(text) if m.group("type") == "script"]
    return found[0] if len(found) == 1 else None


def script_block(text: str) -> re.Match[str] | None:
    """The file's one ``# /// script`` block (None when there is none, or more than one)."""
    return _block(text)


def script_metadata(text: str) -> dict:
    """The ``# /// script`` block of a file (or of its header) as TOML data; {} if none or invalid."""
    match = _block(text)
    if match is None:
        return {}
    content = "".join(
        line[2:] if line.startswith("# ") else line[1:] for line in match.group("content").splitlines(keepends=True)
    )
    try:
        return tomllib.loads(content)
    except tomllib.TOMLDecodeError:
        return {}


def script_dependencies(text: str) -> list[str]:
    """The PEP 723 ``dependencies`` of a file or header, as written."""
    deps = script_metadata(text).get("dependencies")
    return [d for d in deps if isinstance(d, str)] if isinstance(deps, list) else []


def _dependencies_lines(deps: list[str]) -> list[str]:
    if not deps:
        return ["# dependencies = []"]
    return ["# dependencies = ["] + [f"#     {_toml_string(d)}," for d in deps] + ["# ]"]


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def with_dependencies(header: str, deps: list[str]) -> str:
    """The header with its PEP 723 ``dependencies`` set to ``deps``.

    Only the ``dependencies`` array changes (laid out as marimo/uv write it);
    a header without a script block gets one at its top. A block that is not
    valid TOML is left alone (returned unchanged).
    """
    match = _block(header)
    if match is None:
        block = "\n".join(["# /// script", *_dependencies_lines(deps), "# ///"])
        return block + ("\n" + header if header.strip() else "")
    if not script_metadata(header) and match.group("content").strip("#\n "):
        return header
    lines = match.group("content").splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^#\s*dependencies\s*=", line)), None)
    if start is None:
        new = lines + _dependencies_lines(deps)
    else:
        end = start
        if not lines[start].rstrip().endswith("]"):
            end = next((i for i in range(start + 1, len(lines)) if re.match(r"^#\s*\]", lines[i])), start)
        new = lines[:start] + _dependencies_lines(deps) + lines[end + 1 :]
    body = "# /// script\n" + "".join(line + "\n" for line in new) + "# ///"
    return header[: match.start()] + body + header[match.end() :]


def add_dependency(header: str, requirement: str) -> str:
    """Record ``requirement`` (replacing one for the same distribution)."""
    name = requirement_name(requirement)
    deps = [d for d in script_dependencies(header) if requirement_name(d) != name]
    return with_dependencies(header, deps + [requirement.strip()])


def remove_dependency(header: str, name: str) -> str:
    """Drop the distribution ``name`` from the PEP 723 list (unchanged when it is not there)."""
    deps = script_dependencies(header)
    kept = [d for d in deps if requirement_name(d) != canonical(name)]
    return header if kept == deps else with_dependencies(header, kept)


# ---------------------------------------------------------------- imports


def imported_modules(sources: Iterable[str]) -> set[str]:
    """Top-level names of the modules the sources import (absolute imports, anywhere in the code)."""
    names: set[str] = set()
    for src in sources:
        if "mo.sql(" in src:  # SQL cells run on duckdb (marimo adds it to a notebook's deps too)
            names.add("duckdb")
        if "import" not in src:
            continue
        try:
            tree = ast.parse(src)
        except SyntaxError:
            names.update(_IMPORT_LINE.findall(src))
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def third_party(names: Iterable[str]) -> list[str]:
    """The names that are neither the standard library nor provided by the kernel."""
    return sorted(n for n in set(names) if n not in sys.stdlib_module_names and n not in PROVIDED)


def lock_imports(lock_packages: Mapping[str, Mapping]) -> dict[str, str]:
    """Import name -> lock package name, from the lock's ``imports`` lists."""
    index: dict[str, str] = {}
    for pkg, entry in sorted(lock_packages.items()):
        for imp in entry.get("imports") or ():
            index.setdefault(str(imp), pkg)
    return index


def distribution_for(import_name: str, lock_index: Mapping[str, str]) -> str:
    """The distribution to install for an import name."""
    return lock_index.get(import_name) or KNOWN_DISTRIBUTIONS.get(import_name) or import_name


# ---------------------------------------------------------------- versions


def _release(version: str) -> tuple[int, ...]:
    parts = []
    for piece in re.split(r"[.+!-]", version):
        match = re.match(r"\d+", piece)
        if not match:
            break
        parts.append(int(match.group()))
    return tuple(parts)


def satisfies(version: str, requirement: str) -> bool | None:
    """Whether ``version`` meets the requirement's specifiers: True/False, None when unsure."""
    spec = re.sub(r"\[[^\]]*\]", "", requirement.split(";")[0])
    spec = _NAME.sub("", spec, count=1).strip().strip("()")
    if not spec:
        return True
    have = _release(version)
    for clause in spec.split(","):
        match = re.match(r"\s*(===|==|!=|>=|<=|~=|>|<)\s*([0-9][0-9A-Za-z.*+!-]*)\s*$", clause)
        if not match:
            return None
        op, want = match.groups()
        if want.endswith(".*") and op in ("==", "!="):
            prefix = _release(want[:-2])
            ok = have[: len(prefix)] == prefix
            if (op == "==") != ok:
                return False
            continue
        other = _release(want)
        width = max(len(have), len(other))
        a, b = have + (0,) * (width - len(have)), other + (0,) * (width - len(other))
        results = {
            "==": a == b, "===": version == want, "!=": a != b, ">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b,
            "~=": a >= b and have[: max(len(other) - 1, 1)] == other[: max(len(other) - 1, 1)],
        }
        if not results[op]:
            return False
    return True


# ---------------------------------------------------------------- what to install


@dataclass(frozen=True)
class Need:
    """One thing to install: a requirement, how to get it, and the imports it provides."""

    requirement: str  # PEP 508, e.g. "attrs==25.1.0" or "numpy"
    name: str  # canonical distribution name (the lock's package name when from_lock)
    from_lock: bool  # in Pyodide's lock file (loadPackage), else PyPI (micropip)
    imports: tuple[str, ...] = ()  # import names that need it ("" when only the header asks)


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
    except Exception:  # a broken install's metadata
        return None


def plan(
    sources: Iterable[str],
    header: str,
    lock_packages: Mapping[str, Mapping],
    importable: Callable[[str], bool],
    version_of: Callable[[str], str | None] = installed_version,
) -> list[Need]:
    """What to install before running ``sources`` of a notebook with this header.

    PEP 723 dependencies come first (their pins are honoured: a lock package
    whose version does not match is asked of PyPI); then imports that are
    neither importable, the standard library nor provided, mapped to their
    distributions. Each distribution appears once.
    """
    index = lock_imports(lock_packages)
    lock_by_name = {canonical(k): k for k in lock_packages}
    needs: dict[str, Need] = {}
    for req in script_dependencies(header):
        name = requirement_name(req)
        if not name or name in PROVIDED_DISTRIBUTIONS:
            continue
        have = version_of(name)
        if have is not None and satisfies(have, req) is not False:
            continue
        lock_name = lock_by_name.get(name)
        lock_version = str(lock_packages[lock_name].get("version", "")) if lock_name else ""
        in_lock = lock_name is not None and have is None and satisfies(lock_version, req) is True
        needs[name] = Need(req.strip(), lock_name if in_lock else name, in_lock)
    for module in third_party(imported_modules(sources)):
        if importable(module):
            continue
        dist = distribution_for(module, index)
        key = canonical(dist)
        if key in needs:
            old = needs[key]
            needs[key] = Need(old.requirement, old.name, old.from_lock, old.imports + (module,))
            continue
        lock_name = lock_by_name.get(key)
        needs[key] = Need(lock_name or dist, lock_name or key, lock_name is not None, (module,))
    return list(needs.values())


def installed_distributions() -> list[dict[str, str]]:
    """Every installed distribution but the kernel's own: [{name, version}], sorted by name."""
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        try:
            name = dist.metadata["Name"]
        except Exception:
            continue
        if name and canonical(name) not in found and canonical(name) != "rivulet":
            found[canonical(name)] = dist.version
    return [{"name": n, "version": v} for n, v in sorted(found.items())]


def download_size(lock_packages: Mapping[str, Mapping], names: Iterable[str], loaded: Iterable[str] = ()) -> int:
    """Bytes to download for the lock packages ``names`` and the dependencies not yet ``loaded``,
    as far as the lock says (the site and ``rivulet export`` write ``size`` for the files they ship)."""
    done, total = set(loaded), 0
    queue = [n for n in names if n not in done]
    while queue:
        name = queue.pop(0)
        if name in done or name not in lock_packages:
            continue
        done.add(name)
        size = lock_packages[name].get("size")
        total += size if isinstance(size, int) and size > 0 else 0
        queue += [d for d in lock_packages[name].get("depends", ()) if isinstance(d, str)]
    return total


def install_detail(labels: Iterable[str], size: int = 0, seconds: float = 0.0) -> str:
    """The progress line's detail: ``attrs, toml (312 kB, 3 s)`` (what is known of size and time)."""
    names = ", ".join(labels)
    extra = []
    if size > 0:
        extra.append(f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB")
    if seconds >= 1:
        extra.append(f"{int(seconds)} s")
    suffix = f" ({', '.join(extra)})" if extra else ""
    return names[: 300 - len(suffix)] + suffix
