"""Assemble an export folder from the built site (``dist/``)."""

from __future__ import annotations

import ast
import base64
import binascii
import hashlib
import html
import json
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...notebook import requirements
from ...notebook.file_format import parse_notebook
from . import bytecode, pypi
from . import pyodide_dist as pyodide_dist_mod
from .prerun import PreRun, prerun
from .static_html import static_layer
from .wheels import imported_names, lock_entry, plan_packages, third_party

PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                "pyodide.js", "pyodide.asm.js")  # the classic pair: the kernel's sandboxed frame
# Names at the top of an export that the notebook's own files must not take.
KERNEL_SNAPSHOT = "kernel.snapshot.gz"
RESERVED = frozenset({"index.html", "output-frame.html", "assets", "pyodide", ".nojekyll", "chunks.json"})
CHART_IMPORTS = {"plotly": {"plotly"}, "vega": {"altair", "vega", "vega_datasets", "vl_convert"}}
CHART_TAGS = {"plotly": "<rv-plotly", "vega": "<rv-vega"}


class ExportError(Exception):
    """A problem the user can fix (no built site, bad paths)."""


@dataclass
class ExportSummary:
    out: Path
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    data_files: list[str] = field(default_factory=list)
    vendored: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)  # what needs the network when online
    left_out: list[str] = field(default_factory=list)  # optional chunks not copied
    failed_cells: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        mb = self.bytes / 1e6
        out = [f"exported to {self.out}: {self.files} files, {mb:.1f} MB, in {self.seconds:.1f} s"]
        if self.data_files:
            out.append(f"  data files: {', '.join(self.data_files)}")
        if self.vendored:
            out.append(f"  packages inside the export: {', '.join(self.vendored)}")
        if self.network:
            out.append(f"  needs the network when online: {', '.join(self.network)}")
        else:
            out.append("  needs no network")
        if self.left_out:
            out.append(f"  not included (unused by this notebook): {', '.join(self.left_out)}")
        if self.failed_cells:
            out.append(f"  {self.failed_cells} cell(s) failed at export time: the page shows their errors")
        out += [f"  warning: {w}" for w in self.warnings]
        return out


def find_site(site: Path | None = None) -> Path:
    from ..edit_server import site_dir

    found = site if site is not None else site_dir()
    if found is None or not (found / "index.html").is_file() or not (found / "pyodide").is_dir():
        raise ExportError(
            "the built site was not found (set RIVULET_SITE to it, or build it: run `python3 build.py` "
            "in Rivulet's source folder)"
        )
    return found


def export_folder(notebook: Path, out: Path, *, mode: str = "read", site: Path | None = None,
                  pyodide_dist: Path | None = None) -> ExportSummary:
    started = time.perf_counter()
    site = find_site(site)
    text = notebook.read_text(encoding="utf-8").removeprefix("\ufeff")
    summary = ExportSummary(out=out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not (out / "index.html").exists() or not (out / "pyodide").is_dir():
            raise ExportError(f"{out} exists and is not an earlier export: not writing into it")
    run = prerun(notebook, text)
    summary.failed_cells = sum(1 for c in run.report.cells if c["status"] == "error")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    parsed = parse_notebook(text)
    codes = [c.code for c in parsed.cells]
    names = export_imports(notebook, codes, run)
    outputs_text = json.dumps([c["outputs"] for c in run.report.cells])
    charts = {tag for tag, mods in CHART_IMPORTS.items() if names & mods or CHART_TAGS[tag] in outputs_text}
    _copy_assets(site, out, mode=mode, charts=charts, math=_uses_math(text, outputs_text), summary=summary)
    if (site / "output-frame.html").is_file():  # outputs with scripts run there, sandboxed
        shutil.copy2(site / "output-frame.html", out / "output-frame.html")
    _copy_pyodide(site, out, third_party(names), mode=mode, summary=summary, header=parsed.header,
                  pyodide_dist=pyodide_dist, snapshot=True)
    files = _copy_data(notebook.resolve().parent, run.data_files, out, summary)
    layout = read_layout(notebook.resolve().parent, parsed.app_options, summary)
    if layout.path and layout.path.split("/")[0] not in RESERVED:  # the file too, as marimo keeps it
        (out / layout.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook.resolve().parent / layout.path, out / layout.path)
        summary.data_files = [*summary.data_files, layout.path]
    _write_index(site, out, text=text, name=notebook.name, mode=mode, cells=run.report.cells,
                 codes=codes, hidden=[c.config.hide_code for c in parsed.cells], files=files, layout=layout.value)
    (out / ".nojekyll").write_text("")
    every = [p for p in out.rglob("*") if p.is_file()]
    summary.files = len(every)
    summary.bytes = sum(p.stat().st_size for p in every)
    summary.seconds = time.perf_counter() - started
    return summary


def export_imports(notebook: Path, codes: list[str], run: PreRun) -> set[str]:
    """What the notebook and the modules beside it that it imports import, but those modules."""
    folder = notebook.resolve().parent
    sources = [*codes, *((folder / rel).read_text(encoding="utf-8", errors="replace") for rel in run.modules.values())]
    return imported_names(sources) - {name.split(".")[0] for name in run.modules}


def _uses_math(text: str, outputs: str) -> bool:
    return bool(re.search(r"\$|\\\(|\\\[|latex", text + outputs))


def _copy_assets(site: Path, out: Path, *, mode: str, charts: set[str], math: bool, summary: ExportSummary) -> None:
    manifest = site / "chunks.json"
    optional = json.loads(manifest.read_text()).get("optional", {}) if manifest.exists() else {}
    skip = {"plotly", "vega"} - charts
    if mode == "read":
        skip.update({"editor", "format"})  # the app view never creates an editor, never formats
    if not math:
        skip.add("math")
    target = out / "assets"
    target.mkdir()
    for src in sorted((site / "assets").iterdir()):
        if src.suffix == ".map" or not src.is_file():
            continue
        tag = optional.get(src.name)
        if tag in skip:
            summary.left_out.append(f"{tag} ({src.stat().st_size / 1e6:.1f} MB)")
            continue
        shutil.copy2(src, target / src.name)


def _copy_pyodide(
    site: Path, out: Path, imports: list[str], *, mode: str, summary: ExportSummary, header: str = "",
    pyodide_dist: Path | None = None, snapshot: bool = False,
) -> None:
    """Pyodide, the kernel and the packages the notebook imports into ``out/pyodide``;
    ``snapshot``: the site's kernel snapshot too (only a page of the site's own restores it)."""
    src, dst = site / "pyodide", out / "pyodide"
    lock = json.loads((src / "pyodide-lock.json").read_text())
    dist_lock, added = None, set()
    if pyodide_dist is not None:
        try:
            dist_lock = pyodide_dist_mod.read_dist(pyodide_dist, lock)
        except pyodide_dist_mod.DistError as exc:
            raise ExportError(str(exc)) from None
        added = pyodide_dist_mod.merge_entries(lock, dist_lock)
    dst.mkdir()
    for name in PYODIDE_CORE:
        shutil.copy2(src / name, dst / name)
    kernel = lock["packages"]["rivulet"]["file_name"]
    shutil.copy2(src / kernel, dst / kernel)
    # the site's kernel snapshot (build.py), made from that kernel: a reader's first visit restores it
    if snapshot and (src / KERNEL_SNAPSHOT).is_file():
        shutil.copy2(src / KERNEL_SNAPSHOT, dst / KERNEL_SNAPSHOT)
    plan = plan_packages(imports, lock, dst)
    for vendored in plan.vendored.values():
        lock["packages"][vendored.name] = lock_entry(vendored)
        summary.vendored.append(f"{vendored.name} {vendored.version}")
    _vendor_from_pypi(plan, lock, dst, header, summary)
    _byte_compile(lock, dst, src)
    # compiled packages: what the notebook imports, what its wheels need, and their dependencies
    wanted = set(plan.from_lock)
    for name in set(lock["packages"]) - set(plan.from_lock):
        entry = lock["packages"][name]
        if name in plan.vendored or entry.get("file_name", "").endswith(".whl") and "://" not in entry["file_name"] \
                and (dst / entry["file_name"]).is_file():
            wanted.update(d for d in entry.get("depends", []) if d in lock["packages"])
    needed = pyodide_dist_mod.closure(lock, wanted)
    remote = []
    for name in needed:
        entry = lock["packages"][name]
        if name in added or "://" in entry["file_name"]:
            remote.append(name)
        elif (src / entry["file_name"]).is_file() and not (dst / entry["file_name"]).exists():
            shutil.copy2(src / entry["file_name"], dst / entry["file_name"])
    why: dict[str, str] = {}
    if dist_lock is not None and remote:
        shipped = pyodide_dist_mod.ship(lock, dist_lock, pyodide_dist, remote, dst)
        summary.vendored += [f"{label} (Pyodide distribution)" for label in shipped.copied]
        why = shipped.problems
        remote = [name for name in remote if name in why]
    for name in added:  # DIR's other packages: not shipped, not reachable
        if name in remote or name not in needed:
            del lock["packages"][name]
    summary.network += [
        f"{name} (Pyodide's CDN{': ' + why[name] if name in why else ''})" for name in remote if name not in added
    ]
    summary.warnings += [f"{name} not shipped: {why[name]}" for name in remote if name in added]
    summary.network += [f"{name} (PyPI, through micropip)" for name in sorted(plan.missing)]
    # micropip installs from PyPI: only useful when something may need it.
    micropip = lock["packages"].get("micropip")
    if micropip and (plan.missing or mode == "edit") and (src / micropip["file_name"]).is_file():
        shutil.copy2(src / micropip["file_name"], dst / micropip["file_name"])
    elif micropip and "://" not in micropip["file_name"]:
        del lock["packages"]["micropip"]
    (dst / "pyodide-lock.json").write_text(json.dumps(lock, separators=(",", ":"), sort_keys=True))


def _byte_compile(lock: dict, dst: Path, pyodide_dir: Path) -> None:
    """The export's pure wheels get .pyc files made by Pyodide's Python (faster imports)."""
    entries = {name: e for name, e in lock["packages"].items()
               if name not in ("rivulet", "micropip") and "://" not in e["file_name"]
               and e["file_name"].endswith("-none-any.whl") and (dst / e["file_name"]).is_file()}
    changed = {w.name for w in bytecode.add_pyc([dst / e["file_name"] for e in entries.values()], pyodide_dir)}
    for entry in entries.values():
        if entry["file_name"] in changed:
            path = dst / entry["file_name"]
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
            entry["size"] = path.stat().st_size


def _vendor_from_pypi(plan, lock: dict, dst: Path, header: str, summary: ExportSummary) -> None:
    """Pure-Python wheels from PyPI for what neither the host nor the lock has, and for the
    notebook's PEP 723 dependencies (pins honoured); what has none stays in ``plan.missing``."""
    index = requirements.lock_imports(lock["packages"])
    wanted = {requirements.canonical(requirements.distribution_for(m, index)): m for m in sorted(plan.missing)}
    for req in requirements.script_dependencies(header):
        name = requirements.requirement_name(req)
        if name in requirements.PROVIDED_DISTRIBUTIONS:
            continue
        host = plan.vendored.get(name)
        if host is not None and requirements.satisfies(host.version, req) is True:
            continue
        entry = lock["packages"].get(name)
        if entry and requirements.satisfies(str(entry.get("version", "")), req) is True:
            continue
        wanted[req] = None
    if not wanted:
        return
    with tempfile.TemporaryDirectory() as tmp:
        wheels, failed = pypi.download(list(wanted), Path(tmp), log=lambda _msg: None)
        for wheel in wheels:
            shutil.copy2(wheel, dst / wheel.name)
        for wheel in pypi.add_to_lock(lock, [dst / w.name for w in wheels]):
            host = plan.vendored.pop(wheel.name, None)
            if host is not None and host.wheel.name != wheel.path.name:  # the pin wins over the host's install
                host.wheel.unlink(missing_ok=True)
                summary.vendored.remove(f"{host.name} {host.version}")
            summary.vendored.append(f"{wheel.name} {wheel.version} (PyPI)")
    for req, module in wanted.items():
        if module is not None and req not in failed:
            plan.missing.discard(module)
        elif module is None and req in failed:
            plan.missing.add(req)


def _copy_data(folder: Path, opened: list[str], out: Path, summary: ExportSummary) -> list[str]:
    """Copy the files the run read and the public/ folder; returns their relative paths."""
    wanted = set(opened)
    public = folder / "public"
    if public.is_dir():
        wanted.update(p.relative_to(folder).as_posix() for p in public.rglob("*") if p.is_file())
    copied = []
    for rel in sorted(wanted):
        if rel.split("/")[0] in RESERVED:
            summary.warnings.append(f"{rel} not copied: the export uses that name itself")
            continue
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / rel, target)
        copied.append(rel)
    summary.data_files = copied
    return copied


MAX_LAYOUT_BYTES = 1_000_000


@dataclass
class Layout:
    """marimo's layout file (``marimo.App(layout_file=...)``): its path next to the
    notebook (None for a data: URI) and its JSON, inlined into the export so the
    app view lays the cells out on it (also in a single file, which fetches nothing)."""

    path: str | None = None
    value: dict | None = None


def read_layout(folder: Path, app_options, summary: ExportSummary) -> Layout:
    ref = None
    for key, source in app_options:
        if key == "layout_file":
            try:
                ref = ast.literal_eval(source)
            except (ValueError, SyntaxError):
                ref = None
    if not isinstance(ref, str) or not ref:
        return Layout()
    path = None
    if ref.startswith("data:"):
        meta, _, body = ref[5:].partition(",")
        try:
            raw = base64.b64decode(body, validate=True) if meta.endswith(";base64") else body.encode()
        except (binascii.Error, ValueError):
            raw = b""
    else:
        target = (folder / ref).resolve()
        if not target.is_relative_to(folder) or target.suffix != ".json" or not target.is_file():
            summary.warnings.append(f"layout file {ref} not found next to the notebook: the app view is vertical")
            return Layout()
        if target.stat().st_size > MAX_LAYOUT_BYTES:
            summary.warnings.append(f"layout file {ref} is too large: the app view is vertical")
            return Layout()
        path = target.relative_to(folder).as_posix()
        raw = target.read_bytes()
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        value = None
    if not isinstance(value, dict) or not isinstance(value.get("type"), str) or not isinstance(value.get("data"), dict):
        summary.warnings.append(f"layout file {ref[:80]} is not a layout (JSON with type and data): the app view is vertical")
        return Layout()
    return Layout(path=path, value=value)


def embedded_json(data: dict) -> str:
    """JSON safe inside <script type="application/json">: no "</script", no "<!--"."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _write_index(site: Path, out: Path, *, text: str, name: str, mode: str, cells: list[dict],
                 codes: list[str], hidden: list[bool], files: list[str], layout: dict | None = None) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    data = {
        "version": 1,
        "mode": mode,
        "name": name,
        "text": text,
        "files": files,
        "cells": [
            {k: c[k] for k in ("id", "status", "outputs", "stdout", "stderr", "error")} for c in cells
        ],
    }
    if layout is not None:
        data["layout"] = layout
    block = f'<script type="application/json" id="rv-export">{embedded_json(data)}</script>\n'
    layer = static_layer(cells, codes, hidden, show_code=mode == "edit")
    page = re.sub(r'\s*<a href="gallery/">[^<]*</a>', "", page, count=1)  # no gallery in an export
    title = _title(text) or name
    page = re.sub(r"<title>[^<]*</title>", f"<title>{html.escape(title)}</title>", page, count=1)
    if '<main id="rv-notebook">' not in page:
        raise ExportError("the site's index.html has no <main id=\"rv-notebook\">: rebuild the site")
    page = page.replace('<main id="rv-notebook">', f'{layer}\n{block}<main id="rv-notebook">', 1)
    (out / "index.html").write_text(page, encoding="utf-8")


def _title(text: str) -> str | None:
    match = re.search(r"app_title\s*=\s*[\"']([^\"']+)[\"']", text)
    return match.group(1) if match else None
