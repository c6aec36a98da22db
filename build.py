#!/usr/bin/env python3
"""Build Rivulet's static site into dist/.

    python3 build.py                 # build dist/
    python3 build.py --serve         # build, then serve dist/ on 127.0.0.1 with a gallery notebook open
    python3 build.py --serve --port 8123 --no-browser
    python3 build.py --package       # build, then copy the site into kernel_py/host/site/ for a wheel

What it does (each step skipped when already up to date, so a rebuild after a
JS-only change takes about a second):

1. ``npm ci`` when node_modules/ is missing or older than package-lock.json.
2. Bundles the shell with esbuild: ``web/src/worker.js`` (module worker) and
   ``web/src/main.js`` (entry, code-split so rarely used parts load lazily),
   ESM, minified, with source maps, content-hashed file names.
3. Copies Pyodide's core files from the npm package into ``dist/pyodide/``.
4. Builds the kernel (``kernel_py``, minus its host-only folder ``host/``) as a pure-Python
   wheel and downloads micropip's wheel from PyPI once into ``.cache/``.
5. Writes ``dist/pyodide/pyodide-lock.json``: shipped wheels carry their real
   sha256; packages that are not shipped point at Pyodide's CDN by absolute URL
   (fetched only when a notebook imports them and the user is online).
   Pure-Python wheels the gallery needs offline (``gallery/requirements.txt``
   and the gallery notebooks' PEP 723 dependencies, with their dependencies)
   are downloaded from PyPI once into ``.cache/`` and shipped, listed in the
   lock with their sha256: they import with no network.  So are jedi and
   parso (``EDITOR_REQUIREMENTS``), which the editor's completion loads.
6. Copies ``gallery/*.py`` into ``dist/gallery/`` with ``index.json`` and ``index.html``.
7. Writes ``dist/index.html`` from ``web/index.html`` with the hashed asset names.

The site boots with zero requests to any other host.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # kernel_py's pure modules (notebook format, requirements, vendoring)
DIST = ROOT / "dist"
CACHE = ROOT / ".cache"
NODE_MODULES = ROOT / "node_modules"

PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# The same loader and glue as classic scripts, for the kernel's sandboxed frame
# (its worker cannot import modules: see web/src/frame/inside.js).
PYODIDE_CLASSIC = ("pyodide.js", "pyodide.asm.js")
MICROPIP_VERSION = "0.11.1"
KERNEL_PACKAGE = "kernel_py"
# The folder of kernel_py that only makes sense on the host (CPython: the CLI and
# its helpers): never shipped to the browser.  The layering contract in
# pyproject.toml ([tool.importlinter]) keeps the rest from importing it.
HOST_FOLDER = "host"
# Where `--package` puts the built site (gitignored): package data of kernel_py.host
# (pyproject.toml), so a wheel's `rivulet edit` finds it (kernel_py/host/edit_server.py).
PACKAGED_SITE = ROOT / KERNEL_PACKAGE / HOST_FOLDER / "site"
WHEEL_DATE = (1980, 1, 1, 0, 0, 0)


def log(msg: str) -> None:
    print(f"[build] {msg}", flush=True)


# ---------------------------------------------------------------- npm


def ensure_node_modules() -> None:
    marker = NODE_MODULES / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    log("npm ci")
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True
    )
    marker.touch()


def pyodide_version() -> str:
    return json.loads((NODE_MODULES / "pyodide" / "package.json").read_text())["version"]


# ---------------------------------------------------------------- esbuild


def esbuild(entries: list[str], outdir: Path, *, splitting: bool, defines: dict[str, str], fmt: str = "esm") -> dict:
    meta = CACHE / f"esbuild-meta-{Path(entries[0]).stem}.json"
    meta.parent.mkdir(parents=True, exist_ok=True)
    args = [
        str(NODE_MODULES / ".bin" / "esbuild"),
        *entries,
        "--bundle",
        f"--format={fmt}",
        "--minify",
        "--sourcemap",
        "--target=es2022",
        "--log-level=warning",
        f"--outdir={outdir}",
        "--entry-names=[name]-[hash]",
        "--chunk-names=chunk-[hash]",
        "--asset-names=[name]-[hash]",
        "--legal-comments=none",
        f"--metafile={meta}",
        # Ruff's formatter (web/src/format/ruff.js) imports its .wasm: a hashed asset beside the chunks
        "--loader:.wasm=file",
        *(["--splitting"] if splitting else []),
        *(f"--define:{k}={json.dumps(v)}" for k, v in defines.items()),
    ]
    subprocess.run(args, cwd=ROOT, check=True)
    return json.loads(meta.read_text())


def entry_outputs(meta: dict) -> dict[str, str]:
    """Map each entry point (relative source path) to its output file name."""
    found = {}
    for out, info in meta["outputs"].items():
        if info.get("entryPoint") and not out.endswith(".map"):
            found[info["entryPoint"]] = Path(out).name
    return found


def new_notebook_text() -> str:
    """The new-notebook template, from the kernel (one template for the CLI and the site)."""
    sys.path.insert(0, str(ROOT))
    try:
        from kernel_py.notebook.file_format import new_notebook, write_notebook
    finally:
        sys.path.remove(str(ROOT))
    return write_notebook(new_notebook())


def frame_script() -> str:
    """web/src/frame/inside.js as one minified classic script: the inline
    script of the kernel's sandboxed frame (the page's policy names its hash)."""
    out = CACHE / "frame" / "inside.js"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(NODE_MODULES / ".bin" / "esbuild"), "web/src/frame/inside.js", "--bundle", "--format=iife",
         "--minify", "--target=es2022", "--log-level=warning", "--legal-comments=none", "--charset=utf8",
         f"--outfile={out}"],
        cwd=ROOT, check=True,
    )
    text = out.read_text(encoding="utf-8").strip()
    if "</script" in text.lower():
        raise SystemExit("web/src/frame/inside.js: its bundle contains </script")
    return text


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def snapshot_defines(snapshot: Path | None) -> dict[str, str]:
    """The worker's RIVULET_KERNEL_SNAPSHOT: the site's snapshot, its URL, the sha256 of its
    bytes and of them unzipped (the zero-page-less form the page keeps: web/src/snapshot-pages.js), or none."""
    if snapshot is None:
        return {"RIVULET_KERNEL_SNAPSHOT": ""}
    digest = sha256_file(snapshot)
    pages = hashlib.sha256(gzip.decompress(snapshot.read_bytes())).hexdigest()  # what the page keeps for next time
    return {"RIVULET_KERNEL_SNAPSHOT": json.dumps({"url": f"../pyodide/{snapshot.name}?v={digest[:12]}", "sha256": digest, "pages": pages})}


def bundle_shell(kernel_wheel_url: str, snapshot: Path | None = None) -> dict[str, str]:
    assets = DIST / "assets"
    worker_meta = esbuild(
        ["web/src/worker.js"],
        assets,
        splitting=False,
        defines={"RIVULET_KERNEL_WHEEL": kernel_wheel_url, **snapshot_defines(snapshot)},
    )
    worker = entry_outputs(worker_meta)["web/src/worker.js"]
    # The same worker as it runs in the kernel's sandboxed frame (web/src/frame/).
    frame_meta = esbuild(
        ["web/src/frame/frame-worker.js"],
        assets,
        splitting=False,
        # a classic script: import.meta.url is not there (worker.js is told its URL)
        defines={"RIVULET_KERNEL_WHEEL": kernel_wheel_url, "RIVULET_PYODIDE_VERSION": pyodide_version(), "import.meta.url": "",
                 **snapshot_defines(snapshot)},
        fmt="iife",
    )
    frame_worker = entry_outputs(frame_meta)["web/src/frame/frame-worker.js"]
    inside = frame_script()
    meta = esbuild(
        ["web/src/main.js"],
        assets,
        splitting=True,
        defines={
            "RIVULET_WORKER_URL": f"./{worker}",
            "RIVULET_FRAME_WORKER_URL": f"./{frame_worker}",
            "RIVULET_FRAME": inside,
            "RIVULET_NEW_NOTEBOOK": new_notebook_text(),
            "RIVULET_KERNEL_WHEEL": kernel_wheel_url,
            **snapshot_defines(snapshot),
        },
    )
    main = next(
        info for info in meta["outputs"].values() if info.get("entryPoint") == "web/src/main.js"
    )
    # CSS imported anywhere under main.js (the view's style.css) is bundled into one file.
    css = main.get("cssBundle", "")
    # Drop outputs of earlier builds (not the whole folder: a page may be loading from it).
    keep = {Path(out).name for m in (worker_meta, frame_meta, meta) for out in m["outputs"]}
    for old in assets.iterdir():
        if old.name not in keep:
            old.unlink()
    write_chunk_manifest(meta)
    return {
        "main": entry_outputs(meta)["web/src/main.js"],
        "worker": worker,
        "frame_worker": frame_worker,
        "frame_hash": csp_hash(inside),
        "style": Path(css).name if css else "",
    }


# Lazily loaded chunks a page needs only for some notebooks, by the source that
# marks them: `rivulet export` leaves out those a notebook does not use.
OPTIONAL_CHUNKS = {
    "plotly": "node_modules/plotly.js-dist-min/",
    "vega": "node_modules/vega-embed/",
    "editor": "web/src/view/editor.js",
    "math": "web/src/md/math.js",
    "format": "node_modules/@astral-sh/ruff-wasm-web/",
}

# Ruff's formatter (11 MB of WebAssembly) serves the site's editor only: single
# files and islands (app views) leave it out; "Format cell" there says it cannot load.
FORMATTER_MODULE = "./web/src/format/ruff.js"


def write_chunk_manifest(meta: dict) -> None:
    """dist/chunks.json: {"optional": {file name: tag}} for the chunks of OPTIONAL_CHUNKS."""
    optional = {}
    for out, info in meta["outputs"].items():
        if out.endswith(".map"):
            continue
        sources = [info.get("entryPoint") or "", *info.get("inputs", {})]
        for tag, marker in OPTIONAL_CHUNKS.items():
            if any(src.startswith(marker) for src in sources):
                optional[Path(out).name] = tag
    text = json.dumps({"optional": optional}, indent=1, sort_keys=True)
    target = DIST / "chunks.json"
    if not target.exists() or target.read_text() != text:
        target.write_text(text)


# ---------------------------------------------------------------- single-file export bundles

# What a single-file export leaves out when its notebook does not need it: the
# import paths esbuild keeps external (they fail only if something loads them).
SINGLE_EXTERNALS = {
    "plotly": ["plotly.js-dist-min"],
    "vega": ["vega-embed", "vega-interpreter"],
    "editor": ["./web/src/view/editor.js"],
    "math": ["./web/src/md/math.js"],
}


# The kernel wheel's name in a single-file export's frame worker bundle: the
# export puts the real name there (the bundle is cached apart from any site).
SINGLE_KERNEL_WHEEL = "RIVULET-KERNEL-WHEEL.whl"


def single_file_bundles(skip: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
    """The shell as ``rivulet export --single-file`` inlines it: no code splitting
    (one module per script, no chunks to fetch), and no hashed names.

    Returns {"boot": js, "main": js, "css": css, "frame_worker": js, "frame": js}:

    - ``boot`` (web/src/single/boot.js) runs first: blobs from the page's
      base64 blocks, and ``globalThis.rivuletSingleFetch``, which answers the
      kernel frame's requests for ``rivulet:/PATH`` from them;
    - ``main``: web/src/main.js with every lazy import inlined except the
      optional parts in ``skip`` (keys of SINGLE_EXTERNALS); its kernel runs
      in the sandboxed frame (web/src/frame/), as on the site;
    - ``frame_worker``: web/src/frame/frame-worker.js as a classic script, which
      stands at rivulet:/assets/frame-worker.js and finds Pyodide and the kernel
      wheel (``../pyodide/`` + SINGLE_KERNEL_WHEEL, which the export replaces) there;
    - ``frame``: the frame's inline script (its hash goes in the page's policy).

    Cached in .cache/single/ by the sources and ``skip``."""
    skip = frozenset(skip)
    unknown = skip - SINGLE_EXTERNALS.keys()
    if unknown:
        raise ValueError(f"unknown optional parts: {sorted(unknown)}")
    ensure_node_modules()
    key = hashlib.sha256(",".join(sorted(skip)).encode())
    for path in sorted((ROOT / "web" / "src").rglob("*")) + [ROOT / "package-lock.json", ROOT / "build.py"]:
        if path.is_file():
            key.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    out = CACHE / "single" / key.hexdigest()[:20]
    names = {"boot": "boot.js", "main": "main.js", "css": "main.css", "frame_worker": "frame-worker.js", "frame": "frame.js"}
    if not (out / "done").exists():
        log("bundling the shell for a single-file export")
        shutil.rmtree(out, ignore_errors=True)
        common = [
            "--bundle", "--minify", "--target=es2022", "--log-level=warning", "--legal-comments=none", "--charset=utf8",
        ]
        run = lambda *args: subprocess.run([str(NODE_MODULES / ".bin" / "esbuild"), *common, *args], cwd=ROOT, check=True)
        run("web/src/single/boot.js", "--format=esm", f"--outfile={out / 'boot.js'}")
        run("web/src/frame/frame-worker.js", "--format=iife", f"--outfile={out / 'frame-worker.js'}",
            f'--define:RIVULET_KERNEL_WHEEL="../pyodide/{SINGLE_KERNEL_WHEEL}"',
            f"--define:RIVULET_PYODIDE_VERSION={json.dumps(pyodide_version())}",
            '--define:import.meta.url=""')  # a classic script: worker.js is told its URL
        frame = frame_script()
        run("web/src/main.js", "--format=esm", f"--outfile={out / 'main.js'}",
            # the kernel's sandboxed frame, as on the site; boot.js answers its requests
            '--define:RIVULET_FRAME_WORKER_URL="rivulet:/assets/frame-worker.js"',
            f"--define:RIVULET_FRAME={json.dumps(frame)}",
            "--define:RIVULET_FRAME_FETCH=globalThis.rivuletSingleFetch",
            f"--define:RIVULET_NEW_NOTEBOOK={json.dumps(new_notebook_text())}",
            f"--external:{FORMATTER_MODULE}",
            *(f"--external:{path}" for tag in sorted(skip) for path in SINGLE_EXTERNALS[tag]))
        (out / "frame.js").write_text(frame, encoding="utf-8")
        if not (out / "main.css").exists():
            (out / "main.css").write_text("")
        (out / "done").write_text("")
    return {k: (out / name).read_text(encoding="utf-8") for k, name in names.items()}


def islands_bundle(out: Path, snapshot: Path | None = None) -> dict[str, str]:
    """``rivulet export --islands``: web/src/islands/islands.js bundled into ``out``
    (rivulet-islands.js, its CSS and lazy chunks; fixed entry names). Its kernel
    runs in a sandboxed frame (web/src/frame/) whose worker bundle is expected
    beside it as rivulet-frame-worker.js (the site's frame-worker bundle).
    ``snapshot``: the site's kernel snapshot as the export carries it, at
    ``../pyodide/`` from ``out`` (a reader's first visit restores it), or None.
    Returns {"script": name, "css": name, "frame_hash": the frame script's CSP source}."""
    ensure_node_modules()
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([
        str(NODE_MODULES / ".bin" / "esbuild"), "web/src/islands/islands.js", "--bundle", "--format=esm",
        "--minify", "--target=es2022", "--log-level=warning", "--legal-comments=none", "--splitting",
        f"--outdir={out}", "--entry-names=rivulet-[name]", "--chunk-names=chunk-[hash]", "--asset-names=[name]-[hash]",
        '--define:RIVULET_WORKER_URL="./rivulet-worker.js"',
        # the kernel runs in a sandboxed frame, as on the site: notebook code
        # cannot reach the host page's origin (its storage, its cookies' fetches)
        '--define:RIVULET_FRAME_WORKER_URL="./rivulet-frame-worker.js"',
        f"--define:RIVULET_FRAME={json.dumps(frame_script())}",
        '--define:RIVULET_ISLANDS_CSS="./rivulet-islands.css"',
        f"--define:RIVULET_KERNEL_SNAPSHOT={json.dumps(snapshot_defines(snapshot)['RIVULET_KERNEL_SNAPSHOT'])}",
        f"--define:RIVULET_NEW_NOTEBOOK={json.dumps(new_notebook_text())}",
        f"--external:{FORMATTER_MODULE}",
    ], cwd=ROOT, check=True)
    return {"script": "rivulet-islands.js", "css": "rivulet-islands.css", "frame_hash": csp_hash(frame_script())}


# ---------------------------------------------------------------- Pyodide and wheels


def copy_if_newer(src: Path, dst: Path) -> None:
    if dst.exists():
        s, d = src.stat(), dst.stat()
        if s.st_size == d.st_size and int(d.st_mtime) >= int(s.st_mtime):
            return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def copy_pyodide_core(out: Path) -> None:
    src = NODE_MODULES / "pyodide"
    for name in PYODIDE_CORE:
        copy_if_newer(src / name, out / name)
    copy_if_newer(src / "pyodide.js", out / "pyodide.js")
    # pyodide.asm.mjs as a classic script that sets self.rivuletPyodideAsm.default
    # (its import.meta.url is only a fallback: Pyodide passes locateFile).
    classic = out / "pyodide.asm.js"
    if not classic.exists() or classic.stat().st_mtime < (src / "pyodide.asm.mjs").stat().st_mtime:
        subprocess.run(
            [str(NODE_MODULES / ".bin" / "esbuild"), str(src / "pyodide.asm.mjs"), "--format=iife",
             "--global-name=rivuletPyodideAsm", "--minify", "--log-level=error", "--charset=utf8", f"--outfile={classic}"],
            cwd=ROOT, check=True,
        )


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def project_version() -> str:
    text = (ROOT / "pyproject.toml").read_text()
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    return match.group(1) if match else "0.0.0"


def kernel_sources() -> list[Path]:
    base = ROOT / KERNEL_PACKAGE
    files = []
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(base)
        if "__pycache__" in rel.parts or rel.parts[0] == HOST_FOLDER:
            continue
        files.append(path)
    return files


def build_kernel_wheel(out_dir: Path) -> Path:
    """Write the kernel as a pure-Python wheel (deterministic bytes) and return its path."""
    version = project_version()
    name = "rivulet"
    dist_info = f"{name}-{version}.dist-info"
    wheel_path = out_dir / f"{name}-{version}-py3-none-any.whl"
    sources = kernel_sources()
    entries: list[tuple[str, bytes]] = [(p.relative_to(ROOT).as_posix(), p.read_bytes()) for p in sources]
    entries += sorted(compile_for_pyodide(sources).items())
    entries += [
        (
            f"{dist_info}/METADATA",
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        ),
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: rivulet-build\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        ),
        (f"{dist_info}/top_level.txt", f"{KERNEL_PACKAGE}\n".encode()),
    ]
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = wheel_path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in entries:
            info = zipfile.ZipInfo(arcname, WHEEL_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    if wheel_path.exists() and wheel_path.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        tmp.replace(wheel_path)
    return wheel_path


PYC_COMPILER = """
import { loadPyodide } from "%(pyodide)s";
const [src, out] = process.argv.slice(2);
const py = await loadPyodide({ indexURL: "%(index)s" });
py.FS.mkdirTree("/host/src"); py.FS.mkdirTree("/host/out");
py.FS.mount(py.FS.filesystems.NODEFS, { root: src }, "/host/src");
py.FS.mount(py.FS.filesystems.NODEFS, { root: out }, "/host/out");
py.runPython(`
import pathlib, py_compile, sys
site = next(p for p in sys.path if p.endswith("site-packages"))
for f in pathlib.Path("/host/src").rglob("*.py"):
    rel = f.relative_to("/host/src")
    target = pathlib.Path("/host/out", rel.parent, "__pycache__", f"{rel.stem}.{sys.implementation.cache_tag}.pyc")
    target.parent.mkdir(parents=True, exist_ok=True)
    py_compile.compile(str(f), cfile=str(target), dfile=f"{site}/{rel}", doraise=False,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
`);
"""


def compile_for_pyodide(
    sources: list[Path], root: Path = ROOT, slot: Path = CACHE / "pyc", what: str = "the kernel"
) -> dict[str, bytes]:
    """Byte-compile ``sources`` (under ``root``) with Pyodide's own Python (run under Node), cached by content in ``slot``.

    The host's Python is another minor version, so its .pyc files would be
    useless in the browser; unchecked-hash .pyc files save the compile time
    at every import. Returns {path relative to root: bytes}; {} if it fails.
    """
    key = hashlib.sha256(pyodide_version().encode())
    for p in sources:
        key.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    cache = slot / key.hexdigest()[:20]
    if not cache.exists():
        log(f"byte-compiling {what} with Pyodide's Python")
        src, out = slot.with_name(slot.name + "-src"), cache.with_suffix(".tmp")
        for d in (src, out):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
        for p in sources:
            dst = src / p.relative_to(root)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(p.read_bytes())
        script = CACHE / "pyc-compile.mjs"
        index = NODE_MODULES / "pyodide"
        script.write_text(PYC_COMPILER % {"pyodide": (index / "pyodide.mjs").as_uri(), "index": f"{index}/"})
        done = subprocess.run(["node", str(script), str(src), str(out)], capture_output=True, text=True)
        if done.returncode != 0:
            log(f"byte-compiling failed, shipping sources only: {done.stderr.strip()[-500:]}")
            return {}
        for old in slot.glob("*"):
            if old != out:
                shutil.rmtree(old, ignore_errors=True)
        out.rename(cache)
    return {p.relative_to(cache).as_posix(): p.read_bytes() for p in sorted(cache.rglob("*.pyc"))}


def make_kernel_snapshot(pyodide_dir: Path, kernel_wheel: Path) -> Path | None:
    """``pyodide_dir/kernel.snapshot.gz``: the booted kernel's memory, made in headless
    Chromium (web/build/kernel-snapshot.html), cached by Pyodide's files and the wheel.

    A first visit restores it instead of starting Python (web/src/worker.js).
    None (and no file) when it cannot be made (no Chromium here): the site
    then boots cold, and each browser makes its own snapshot.
    """
    made = ROOT / "web" / "build"
    sources = [made / "kernel-snapshot.html", made / "kernel-snapshot-worker.mjs", ROOT / "web" / "src" / "snapshot-pages.js"]
    key = hashlib.sha256()
    for f in (*sources, kernel_wheel, *(pyodide_dir / n for n in ("pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide-lock.json"))):
        key.update(f.name.encode() + b"\0" + sha256_file(f).encode())
    cached = CACHE / "snapshot" / f"{key.hexdigest()[:20]}.snapshot.gz"
    target = pyodide_dir / "kernel.snapshot.gz"
    if not cached.exists():
        packed = snapshot_in_chromium(pyodide_dir, kernel_wheel, sources)
        if packed is None:
            target.unlink(missing_ok=True)
            return None
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("*.snapshot.gz"):
            old.unlink()
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(gzip.compress(packed, 9, mtime=0))
        tmp.rename(cached)
    copy_if_newer(cached, target)
    return target


CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
SNAPSHOT_TIMEOUT = 180  # s: Pyodide's boot in a headless browser, on a busy machine


def snapshot_in_chromium(pyodide_dir: Path, kernel_wheel: Path, sources: list[Path]) -> bytes | None:
    """The snapshot's packed bytes, posted back by kernel-snapshot-worker.mjs from
    headless Chromium, served by a server of its own on 127.0.0.1; None if it fails."""
    import threading

    sys.path.insert(0, str(ROOT))
    from kernel_py.host.static_server import StaticHandler, make_static_server

    browser = next((found for name in CHROMIUM if (found := shutil.which(name))), None)
    if browser is None:
        log("no kernel snapshot: no Chromium here (the site boots Python cold)")
        return None
    log("making the kernel's memory snapshot in headless Chromium")
    answer: dict[str, bytes] = {}
    answered = threading.Event()

    class Handler(StaticHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            answer[self.path.strip("/")] = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(204)
            self.end_headers()
            answered.set()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for f in sources:
            shutil.copy(f, root / f.name)
        shutil.copy(kernel_wheel, root / "kernel.whl")
        (root / "pyodide").symlink_to(pyodide_dir.resolve(), target_is_directory=True)
        server = make_static_server(root, 0, Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        args = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", f"--user-data-dir={root / 'profile'}",
                f"http://127.0.0.1:{server.server_address[1]}/kernel-snapshot.html"]
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            answered.wait(SNAPSHOT_TIMEOUT)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
            server.shutdown()
            server.server_close()
    if "snapshot" not in answer:
        why = answer.get("failed", b"no answer in time").decode(errors="replace")
        log(f"no kernel snapshot (the site boots Python cold): {why.strip()[-500:]}")
        return None
    return answer["snapshot"]


def micropip_wheel() -> Path:
    cache = CACHE / "wheels"
    wheel = cache / f"micropip-{MICROPIP_VERSION}-py3-none-any.whl"
    if not wheel.exists():
        log(f"downloading micropip {MICROPIP_VERSION} from PyPI")
        subprocess.run(
            [
                sys.executable, "-m", "pip", "download", f"micropip=={MICROPIP_VERSION}",
                "--no-deps", "--only-binary=:all:", "--python-version=3.14",
                "--disable-pip-version-check",
                "--quiet", "-d", str(cache),
            ],
            check=True,
        )
    return wheel


def write_lock(out: Path, shipped: dict[str, Path], kernel_wheel: Path, vendored: list[Path] = (),
               compiled: dict[str, dict] | None = None) -> None:
    """Rewrite Pyodide's lock file for what this site ships.

    Shipped wheels keep a relative file_name (resolved against packageBaseUrl,
    i.e. this site) and get their real sha256; every other package points at
    Pyodide's CDN by absolute URL, which Pyodide accepts (a file_name containing
    "://" is not joined to packageBaseUrl).
    """
    lock = json.loads((NODE_MODULES / "pyodide" / "pyodide-lock.json").read_text())
    cdn = f"https://cdn.jsdelivr.net/pyodide/v{pyodide_version()}/full/"
    for name, pkg in lock["packages"].items():
        if name in shipped:
            pkg["file_name"] = shipped[name].name
            pkg["sha256"] = sha256_file(shipped[name])
            pkg["size"] = shipped[name].stat().st_size
        elif "://" not in pkg["file_name"]:
            pkg["file_name"] = cdn + pkg["file_name"]
    lock["packages"]["rivulet"] = {
        "name": "rivulet",
        "version": project_version(),
        "file_name": kernel_wheel.name,
        "install_dir": "site",
        "sha256": sha256_file(kernel_wheel),
        "size": kernel_wheel.stat().st_size,
        "package_type": "package",
        "imports": [KERNEL_PACKAGE],
        "depends": [],
        "unvendored_tests": False,
    }
    if vendored:
        from kernel_py.host.export import pypi

        pypi.add_to_lock(lock, list(vendored))
    lock["packages"].update(compiled or {})
    text = json.dumps(lock, separators=(",", ":"), sort_keys=True)
    target = out / "pyodide-lock.json"
    if not target.exists() or target.read_text() != text:
        target.write_text(text)


def gallery_requirements() -> list[str]:
    """What the gallery needs offline: ``gallery/requirements.txt`` and the notebooks' PEP 723 dependencies."""
    from kernel_py.notebook.requirements import PROVIDED_DISTRIBUTIONS, requirement_name, script_dependencies

    found: list[str] = []
    listed = ROOT / "gallery" / "requirements.txt"
    if listed.exists():
        found += [line.split("#")[0].strip() for line in listed.read_text().splitlines() if line.split("#")[0].strip()]
    for src in sorted((ROOT / "gallery").glob("*.py")):
        found += script_dependencies(src.read_text(encoding="utf-8"))
    compiled = {
        name for name, pkg in json.loads((NODE_MODULES / "pyodide" / "pyodide-lock.json").read_text())["packages"].items()
        if not pkg["file_name"].endswith("-none-any.whl")
    }
    wanted = []
    for req in found:
        name = requirement_name(req)
        if name and name not in PROVIDED_DISTRIBUTIONS and name not in compiled and req not in wanted:
            wanted.append(req)
    return wanted


# Pure-Python wheels the editor itself uses: completion loads jedi after a
# notebook's first run (kernel_py/browser/completion.py); Pyodide's own jedi
# wheel lives on its CDN, so the site ships PyPI's (the lock gets its hash).
# Like every vendored wheel, they ship with Pyodide .pyc files (add_pyc below):
# importing jedi from sources takes seconds.
EDITOR_REQUIREMENTS = ["jedi==0.19.2", "parso==0.8.6"]


def ship_compiled(out: Path, dist: Path | None, vendored: list[Path] = ()) -> dict[str, dict]:
    """Compiled packages the gallery notebooks import (with dependencies), copied from a
    local Pyodide distribution (``--pyodide-dist``); returns their lock entries. Without
    it, earlier copies are removed: the lock points at Pyodide's CDN again."""
    from kernel_py.host.export import pyodide_dist
    from kernel_py.notebook.file_format import parse_notebook
    from kernel_py.notebook.requirements import imported_modules, lock_imports

    site_lock = json.loads((NODE_MODULES / "pyodide" / "pyodide-lock.json").read_text())
    entries: dict[str, dict] = {}
    if dist is not None:
        try:
            dist_lock = pyodide_dist.read_dist(dist, site_lock)
        except pyodide_dist.DistError as exc:
            raise SystemExit(f"--pyodide-dist: {exc}") from None
        pyodide_dist.merge_entries(site_lock, dist_lock)
        codes = [c.code for src in sorted((ROOT / "gallery").glob("*.py"))
                 for c in parse_notebook(src.read_text(encoding="utf-8")).cells]
        index = lock_imports(site_lock["packages"])
        names = {index[m] for m in imported_modules(codes) if m in index}
        from kernel_py.host.export.pypi import read_wheel

        skip = {read_wheel(w).name for w in vendored}  # pure wheels the site ships already
        wanted = [n for n in pyodide_dist.closure(site_lock, names) if n not in skip]
        with tempfile.TemporaryDirectory() as tmp:
            shipped = pyodide_dist.ship(site_lock, dist_lock, dist, wanted, Path(tmp))
            for name, why in shipped.problems.items():
                log(f"--pyodide-dist: {name} not shipped: {why}")
            for name in wanted:
                if name not in shipped.problems:
                    entry = site_lock["packages"][name]
                    copy_if_newer(Path(tmp, entry["file_name"]), out / entry["file_name"])
                    entries[name] = entry
        log(f"compiled packages from {dist}: {', '.join(sorted(entries)) or 'none'}")
    keep = {e["file_name"] for e in entries.values()}
    for old in out.glob("*wasm32.whl"):
        if old.name not in keep:
            old.unlink()
    return entries


def vendor_wheels(out: Path, requirements: list[str]) -> list[Path]:
    """Pure-Python wheels for ``requirements`` (with dependencies) from PyPI, once, with .pyc files
    made by Pyodide's Python (no compiling at each boot: kernel_py/host/export/bytecode.py), copied into ``out``."""
    from kernel_py.host.export import pypi

    cache = CACHE / "wheels" / "vendor"
    stamp = CACHE / "wheels" / "vendor.json"
    known = json.loads(stamp.read_text()) if stamp.exists() else {}
    if known.get("requirements") == requirements and all((cache / w).is_file() for w in known.get("wheels", [])):
        wheels = [cache / w for w in known["wheels"]]
    else:
        log(f"downloading pure-Python wheels from PyPI: {', '.join(requirements) or 'none'}")
        wheels, _failed = pypi.download(requirements, cache, log=log)
        stamp.write_text(json.dumps({"requirements": requirements, "wheels": [w.name for w in wheels]}))
    from kernel_py.host.export.bytecode import add_pyc

    if add_pyc(wheels, NODE_MODULES / "pyodide"):  # in the cache: once per download
        log(f"byte-compiled with Pyodide's Python: {', '.join(w.name for w in wheels)}")
    for wheel in wheels:
        copy_if_newer(wheel, out / wheel.name)
    return [out / w.name for w in wheels]


# ---------------------------------------------------------------- gallery and pages


def _first_markdown(text: str) -> str:
    """The source of the notebook's first ``mo.md(...)`` string, dedented ("" if none)."""
    import ast
    import textwrap

    try:
        tree = ast.parse(text)
    except SyntaxError:
        return ""
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "md"
        and node.args
    ]
    for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
        arg = call.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return textwrap.dedent(arg.value).strip()
        if isinstance(arg, ast.JoinedStr):  # an f-string: keep its literal parts
            return textwrap.dedent(
                "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
            ).strip()
    return ""


def strip_markdown(text: str) -> str:
    """Markdown inline syntax -> plain text (links keep their text, code its content)."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images: alt text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links: their text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML tags
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    text = re.sub(r"(\*\*|__|~~)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"\$\$?([^$]+)\$\$?", r"\1", text)  # math: its source
    text = text.replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def one_line(text: str, limit: int = 160) -> str:
    """Whole sentences up to ``limit`` characters; else cut at a word, with an ellipsis."""
    text = text.strip()
    if not text:
        return ""
    sentences = re.findall(r".+?[.!?](?=\s|$)|.+$", text)
    out = ""
    for sentence in sentences:
        candidate = (out + " " + sentence.strip()).strip()
        if len(candidate) > limit:
            break
        out = candidate
    if not out:  # the first sentence alone is too long: cut at a word boundary
        cut = text[: limit - 1]
        if " " in cut:
            cut = cut[: cut.rindex(" ")]
        return cut.rstrip(" ,;:-–—") + "…"
    if out[-1] in ",;:":
        out = out[:-1] + "."
    elif out[-1] not in ".!?…":
        out += "."
    return out


def notebook_title(text: str, fallback: str) -> str:
    match = re.search(r"app_title\s*=\s*[\"']([^\"']+)[\"']", text)
    if match:
        return match.group(1)
    heading = re.search(r"^#\s+(.+?)\s*$", _first_markdown(text), re.M)
    return strip_markdown(heading.group(1)) if heading else fallback


def notebook_summary(text: str) -> str:
    """One line of plain text: the first paragraph of prose of the notebook's
    first markdown (headings, tables, lists and code skipped, syntax stripped),
    cut at a sentence (or word) boundary."""
    paragraph: list[str] = []
    fenced = False
    for line in _first_markdown(text).splitlines():
        s = line.strip()
        if s.startswith(("```", "~~~")):
            fenced = not fenced
            if paragraph:
                break
            continue
        if fenced:
            continue
        block = not s or re.match(r"^(#{1,6}\s|\||[-*+]\s|\d+[.)]\s|>|\$\$|<)", s)
        if block:
            if paragraph:
                break
            continue
        paragraph.append(s)
    return one_line(strip_markdown(" ".join(paragraph)))


def notebook_needs_network(text: str) -> list[str]:
    """Packages a notebook imports that are neither in the standard library nor the kernel
    (they are downloaded from the CDN, online only)."""
    import ast

    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    provided = {"marimo", "kernel_py", "js", "pyodide", "micropip"}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return sorted(n for n in found if n not in sys.stdlib_module_names and n not in provided)


# Outputs shown on a gallery card: the first few after the notebook's intro.
PREVIEW_OUTPUTS = 3
PREVIEW_MAX_CHARS = 60_000


def gallery_previews(sources: list[Path]) -> dict[str, tuple[list[dict], list[dict]]]:
    """Run each gallery notebook headless (``rivulet run --json``, CPython, the
    notebook's folder as working directory): {name: (preview, cells)}, the first
    outputs after the intro markdown for its card, and every cell's result for
    showing the notebook before Python boots. Cached in .cache/ by the
    notebook's folder and the kernel."""
    from concurrent.futures import ThreadPoolExecutor

    key = hashlib.sha256()
    host = sorted(p for p in (ROOT / KERNEL_PACKAGE / HOST_FOLDER).rglob("*.py") if PACKAGED_SITE not in p.parents)
    for p in kernel_sources() + host:
        key.update(p.read_bytes())
    folder = ROOT / "gallery"
    data = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    cache_dir = CACHE / "gallery-previews"
    cache_dir.mkdir(parents=True, exist_ok=True)

    def one(src: Path) -> tuple[str, list[dict]]:
        k = key.copy()
        for p in data:
            if p.suffix != ".py" or p == src:
                k.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
        cached = cache_dir / f"{src.stem}-{k.hexdigest()[:16]}-v2.json"
        if cached.exists():
            picked, cells = json.loads(cached.read_text())
            return src.name, (picked, cells)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "kernel_py.host.cli", "run", "--json", src.name],
                cwd=folder,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                timeout=120,
            )
            cells = json.loads(done.stdout)["cells"]
        except (ValueError, KeyError, subprocess.TimeoutExpired) as exc:
            why = done.stderr.strip()[-300:] if isinstance(exc, (ValueError, KeyError)) else "timed out"
            log(f"gallery preview of {src.name} failed (the card shows none): {why}")
            return src.name, ([], [])
        outputs = [o for c in cells if c["status"] == "ok" for o in c["outputs"] if o]
        if outputs and "<rv-md" in outputs[0].get("text/html", "") and len(outputs) > 1:
            outputs = outputs[1:]  # the intro: the card shows its title and summary
        picked, size = [], 0
        for o in outputs:
            n = len(json.dumps(o))
            if picked and (len(picked) == PREVIEW_OUTPUTS or size + n > PREVIEW_MAX_CHARS):
                break
            picked.append(o)
            size += n
        for old in cache_dir.glob(f"{src.stem}-*.json"):
            old.unlink()
        keep = ("id", "status", "outputs", "stdout", "stderr", "error")
        cells = [{key: c.get(key) for key in keep} for c in cells]
        cached.write_text(json.dumps([picked, cells]))
        return src.name, (picked, cells)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, sources))


def copy_gallery_data(out: Path) -> None:
    """Data files beside the gallery notebooks (gallery/data/...), copied as they are."""
    src_root = ROOT / "gallery"
    wanted = set()
    for src in src_root.rglob("*"):
        rel = src.relative_to(src_root)
        if not src.is_file() or len(rel.parts) < 2 or "__pycache__" in rel.parts:
            continue
        wanted.add(rel)
        copy_if_newer(src, out / rel)
    for old in out.rglob("*"):
        rel = old.relative_to(out)
        if old.is_file() and len(rel.parts) >= 2 and rel.parts[0] not in ("assets",) and rel not in wanted:
            old.unlink()


def build_gallery(out: Path, assets: dict[str, str] | None = None) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "gallery").glob("*.py"))
    previews = gallery_previews(sources)
    items = []
    for src in sources:
        copy_if_newer(src, out / src.name)
        # the outputs of its build-time run: the site shows them before Python boots
        cells = previews.get(src.name, ([], []))[1]
        rendered = out / f"{src.name}.outputs.json"
        if cells:
            rendered.write_text(json.dumps(cells, separators=(",", ":")))
        else:
            rendered.unlink(missing_ok=True)
        text = src.read_text(encoding="utf-8")
        items.append(
            {
                "file": f"gallery/{src.name}",
                "title": notebook_title(text, src.stem),
                "summary": notebook_summary(text),
                "needs": notebook_needs_network(text),
                "preview": previews.get(src.name, ([], []))[0],
            }
        )
    for stale in [*out.glob("*.py"), *out.glob("*.py.outputs.json")]:
        if not (ROOT / "gallery" / stale.name.removesuffix(".outputs.json")).exists():
            stale.unlink()
    copy_gallery_data(out)
    order = {name: i for i, name in enumerate(GALLERY_ORDER)}
    items.sort(key=lambda i: (order.get(Path(i["file"]).stem, len(order)), i["title"].lower()))
    (out / "index.json").write_text(
        json.dumps({"notebooks": [{k: v for k, v in i.items() if k != "preview"} for i in items]}, indent=1)
    )
    (out / "index.html").write_text(gallery_page(items, assets or {}))
    return items


# Newcomers first: the order of the gallery page (others follow, by title).
GALLERY_ORDER = (
    "intro", "seed", "reactivity", "widgets", "markdown", "layout", "state", "progress",
    "tables", "plotting", "files", "data_file", "app", "display", "primes",
)


# The gallery page: the site's own scripts and styles only (gallery.js draws the previews).
GALLERY_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)


def gallery_page(items: list[dict], assets: dict[str, str]) -> str:
    """dist/gallery/index.html: a card per notebook (title, one-line summary, a
    preview of its outputs made at build time, links to the app view and the
    editor). The page reads without JavaScript; gallery.js renders the previews."""
    esc = html.escape
    cards = []
    for i in items:
        f = esc(i["file"], quote=True)
        needs = (
            f'<p class="needs">Online: loads {esc(", ".join(i["needs"]))} from the CDN '
            f"(works offline without {'them' if len(i['needs']) > 1 else 'it'}).</p>"
            if i["needs"]
            else ""
        )
        preview = esc(json.dumps(i["preview"], separators=(",", ":")), quote=True)
        cards.append(
            f'<li class="card">\n'
            f'  <a class="preview" href="../?mode=read&amp;file={f}" tabindex="-1" aria-hidden="true">'
            f'<div class="preview-frame" data-preview="{preview}"></div></a>\n'
            f'  <h2><a href="../?mode=read&amp;file={f}">{esc(i["title"])}</a></h2>\n'
            f'  <p class="summary">{esc(i["summary"])}</p>\n{needs}'
            f'  <p class="links"><a href="../?mode=read&amp;file={f}">Open the app</a>'
            f' <a href="../?file={f}">Edit the code</a></p>\n'
            f"</li>"
        )
    css = f'<link rel="stylesheet" href="{esc(assets["gallery_style"])}">' if assets.get("gallery_style") else ""
    script = f'<script type="module" src="{esc(assets["gallery"])}"></script>' if assets.get("gallery") else ""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{GALLERY_CSP}">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        "<title>Rivulet gallery: reactive Python notebooks in your browser</title>\n"
        '<meta name="description" content="Example notebooks that run Python in your browser: '
        'widgets, markdown, layout, state, tables, plots, files and apps.">\n'
        '<link rel="icon" href="data:,">\n'
        f"{css}\n{script}\n</head><body>\n"
        '<header class="site"><a class="brand" href="../">Rivulet</a>'
        '<span class="spacer"></span><a class="new" href="../?new">New notebook</a></header>\n'
        "<main>\n<h1>Gallery</h1>\n"
        '<p class="lead">Notebooks that run Python in your browser, with nothing to install. '
        "Open one as an app, or edit its code: every change re-runs the cells that depend on it.</p>\n"
        f'<ul class="cards">\n' + "\n".join(cards) + "\n</ul>\n</main>\n</body></html>\n"
    )


def bundle_gallery(out: Path) -> dict[str, str]:
    """Bundle web/gallery/gallery.js (renders the cards' previews with the
    site's own renderers) and its CSS into dist/gallery/, content-hashed."""
    meta = esbuild(["web/gallery/gallery.js"], out, splitting=True, defines={})
    main = next(i for i in meta["outputs"].values() if i.get("entryPoint") == "web/gallery/gallery.js")
    keep = {Path(o).name for o in meta["outputs"]}
    for old in out.iterdir():
        if old.is_file() and old.suffix in (".js", ".css", ".map", ".woff2", ".woff", ".ttf") and old.name not in keep:
            old.unlink()
    css = main.get("cssBundle", "")
    return {
        "gallery": entry_outputs(meta)["web/gallery/gallery.js"],
        "gallery_style": Path(css).name if css else "",
    }


def write_index(assets: dict[str, str]) -> None:
    text = (ROOT / "web" / "index.html").read_text()
    text = text.replace("assets/main.js", f"assets/{assets['main']}")
    style = f'<link rel="stylesheet" href="assets/{assets["style"]}">' if assets["style"] else ""
    text = text.replace("<!-- rivulet:style -->", style)
    if "'sha256-rivulet-frame'" not in text:
        raise SystemExit("web/index.html: the kernel frame's hash placeholder is missing from its policy")
    text = text.replace("'sha256-rivulet-frame'", assets["frame_hash"])
    (DIST / "index.html").write_text(text)
    # the script host pages add to size their embeds (see README, "Embedding")
    copy_if_newer(ROOT / "web" / "embed.js", DIST / "embed.js")
    # where outputs that carry scripts run, sandboxed (web/src/render/scripted.js)
    copy_if_newer(ROOT / "web" / "output-frame.html", DIST / "output-frame.html")


# ---------------------------------------------------------------- offline (service worker)

# Bundles bigger than this (chart libraries) are cached on first use, not up front.
PRECACHE_MAX_BYTES = 2_000_000


def offline_manifest() -> dict:
    """What dist/sw.js caches, and the build's version: a hash of all of it.

    precache: the shell (top-level pages, assets/ bundles), Pyodide's core, the
    wheels the site ships, the gallery (page, bundles, notebooks, data).
    runtime: big lazily loaded bundles and the kernel's snapshot, cached when first used.
    network: notebooks, the gallery index and data: network first.
    """
    precache, runtime, network = [], [], []
    for path in sorted(DIST.rglob("*")):
        rel = path.relative_to(DIST).as_posix()
        if not path.is_file() or rel == "sw.js" or path.name.startswith(".") or rel.endswith(".map"):
            continue
        top = rel.split("/")[0]
        if "/" not in rel and rel.endswith(".html"):
            precache.append(rel)
        elif top == "assets" or (top == "gallery" and path.suffix in (".js", ".css")):
            (precache if path.stat().st_size <= PRECACHE_MAX_BYTES else runtime).append(rel)
        elif top == "pyodide" and (path.name in PYODIDE_CORE + PYODIDE_CLASSIC or path.suffix == ".whl" or path.name == "pyodide-lock.json"):
            precache.append(rel)
        elif rel == "pyodide/kernel.snapshot.gz":
            runtime.append(rel)  # the kernel's snapshot: kept once a first visit used it (offline, a cold boot does without)
        elif top == "gallery":
            precache.append(rel)
            if path.suffix != ".html":
                network.append(rel)
    digest = hashlib.sha256((ROOT / "web" / "sw.js").read_bytes())
    for rel in precache + runtime:
        digest.update(rel.encode() + b"\0" + sha256_file(DIST / rel).encode())
    return {"version": digest.hexdigest()[:16], "precache": precache, "runtime": runtime, "network": network}


def write_service_worker() -> str:
    """dist/sw.js from web/sw.js with this build's manifest; returns the version."""
    manifest = offline_manifest()
    template = (ROOT / "web" / "sw.js").read_text()
    line = "self.__RIVULET_MANIFEST__ ?? "
    if line not in template:
        raise SystemExit("web/sw.js: the manifest placeholder is missing")
    text = template.replace(line, json.dumps(manifest, separators=(",", ":")) + " ?? ", 1)
    target = DIST / "sw.js"
    if not target.exists() or target.read_text() != text:
        target.write_text(text)
    return manifest["version"]


# ---------------------------------------------------------------- main


def build(pyodide_dist: Path | None = None) -> None:
    started = time.perf_counter()
    ensure_node_modules()
    DIST.mkdir(exist_ok=True)
    pyodide_dir = DIST / "pyodide"
    copy_pyodide_core(pyodide_dir)
    kernel = build_kernel_wheel(pyodide_dir)
    micropip = micropip_wheel()
    copy_if_newer(micropip, pyodide_dir / micropip.name)
    vendored = vendor_wheels(pyodide_dir, gallery_requirements() + EDITOR_REQUIREMENTS)
    compiled = ship_compiled(pyodide_dir, pyodide_dist, vendored)
    write_lock(pyodide_dir, {"micropip": pyodide_dir / micropip.name}, kernel, vendored, compiled)
    kernel_url = f"../pyodide/{kernel.name}?v={sha256_file(kernel)[:12]}"
    snapshot = make_kernel_snapshot(pyodide_dir, kernel)
    assets = bundle_shell(kernel_url, snapshot)
    write_index(assets)
    items = build_gallery(DIST / "gallery", bundle_gallery(DIST / "gallery"))
    offline_version = write_service_worker()
    log(
        f"dist/ ready in {time.perf_counter() - started:.1f}s "
        f"(main {assets['main']}, worker {assets['worker']}, {len(items)} gallery notebooks, offline cache {offline_version})"
    )


def package_site(dist: Path = DIST, dest: Path = PACKAGED_SITE) -> Path:
    """Copy the built site to ``dest`` (replacing it), where setuptools packages
    it; source maps stay behind (the page never loads them). Returns ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(dist, dest, ignore=shutil.ignore_patterns("*.map", "bench"))
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    log(f"site packaged into {dest.relative_to(ROOT) if dest.is_relative_to(ROOT) else dest} ({size / 1e6:.0f} MB)")
    return dest


def serve(port: int, open_browser: bool) -> None:
    import webbrowser

    sys.path.insert(0, str(ROOT))
    from kernel_py.host.static_server import make_static_server, serve_until_interrupted

    server = make_static_server(DIST, port)
    first = next(iter(sorted((ROOT / "gallery").glob("*.py"))), None)
    intro = ROOT / "gallery" / "intro.py"
    start = intro if intro.exists() else first
    query = f"?file=gallery/{start.name}" if start else ""
    url = f"http://127.0.0.1:{server.server_address[1]}/{query}"
    print(f"Serving dist/ at {url}  (Ctrl+C to stop)", flush=True)
    if open_browser and os.environ.get("CI") != "true":
        try:
            webbrowser.open(url)
        except Exception:
            pass
    serve_until_interrupted(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true", help="serve dist/ on 127.0.0.1 after building")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (0: any free port)")
    parser.add_argument("--no-browser", action="store_true", help="with --serve: do not open a browser")
    parser.add_argument("--pyodide-dist", metavar="DIR", type=Path,
                        help="a local copy of Pyodide's full distribution: ship the compiled packages the gallery imports")
    parser.add_argument("--package", action="store_true",
                        help="then copy the site into kernel_py/host/site/, where a wheel (pip wheel .) packages it")
    args = parser.parse_args(argv)
    build(args.pyodide_dist)
    if args.package:
        package_site()
    if args.serve:
        serve(args.port, not args.no_browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
