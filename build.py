#!/usr/bin/env python3
"""Build Rivulet's static site into dist/.

    python3 build.py                 # build dist/
    python3 build.py --serve         # build, then serve dist/ on 127.0.0.1 with a gallery notebook open
    python3 build.py --serve --port 8123 --no-browser

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
   lock with their sha256: they import with no network.
6. Copies ``gallery/*.py`` into ``dist/gallery/`` with ``index.json`` and ``index.html``.
7. Writes ``dist/index.html`` from ``web/index.html`` with the hashed asset names.

The site boots with zero requests to any other host.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # kernel_py's pure modules (notebook format, requirements, vendoring)
DIST = ROOT / "dist"
CACHE = ROOT / ".cache"
NODE_MODULES = ROOT / "node_modules"

PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
MICROPIP_VERSION = "0.11.1"
KERNEL_PACKAGE = "kernel_py"
# The folder of kernel_py that only makes sense on the host (CPython: the CLI and
# its helpers): never shipped to the browser.  The layering contract in
# pyproject.toml ([tool.importlinter]) keeps the rest from importing it.
HOST_FOLDER = "host"
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


def esbuild(entries: list[str], outdir: Path, *, splitting: bool, defines: dict[str, str]) -> dict:
    meta = CACHE / f"esbuild-meta-{Path(entries[0]).stem}.json"
    meta.parent.mkdir(parents=True, exist_ok=True)
    args = [
        str(NODE_MODULES / ".bin" / "esbuild"),
        *entries,
        "--bundle",
        "--format=esm",
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


def bundle_shell(kernel_wheel_url: str) -> dict[str, str]:
    assets = DIST / "assets"
    worker_meta = esbuild(
        ["web/src/worker.js"],
        assets,
        splitting=False,
        defines={"RIVULET_KERNEL_WHEEL": kernel_wheel_url},
    )
    worker = entry_outputs(worker_meta)["web/src/worker.js"]
    meta = esbuild(
        ["web/src/main.js"],
        assets,
        splitting=True,
        defines={"RIVULET_WORKER_URL": f"./{worker}", "RIVULET_NEW_NOTEBOOK": new_notebook_text()},
    )
    main = next(
        info for info in meta["outputs"].values() if info.get("entryPoint") == "web/src/main.js"
    )
    # CSS imported anywhere under main.js (the view's style.css) is bundled into one file.
    css = main.get("cssBundle", "")
    # Drop outputs of earlier builds (not the whole folder: a page may be loading from it).
    keep = {Path(out).name for m in (worker_meta, meta) for out in m["outputs"]}
    for old in assets.iterdir():
        if old.name not in keep:
            old.unlink()
    write_chunk_manifest(meta)
    return {"main": entry_outputs(meta)["web/src/main.js"], "worker": worker, "style": Path(css).name if css else ""}


# Lazily loaded chunks a page needs only for some notebooks, by the source that
# marks them: `rivulet export` leaves out those a notebook does not use.
OPTIONAL_CHUNKS = {
    "plotly": "node_modules/plotly.js-dist-min/",
    "vega": "node_modules/vega-embed/",
    "editor": "web/src/view/editor.js",
    "math": "web/src/md/math.js",
}


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


def compile_for_pyodide(sources: list[Path]) -> dict[str, bytes]:
    """Byte-compile the kernel with Pyodide's own Python (run under Node), cached by content.

    The host's Python is another minor version, so its .pyc files would be
    useless in the browser; unchecked-hash .pyc files save the kernel's
    compile time at every boot. Returns {wheel path: bytes}; {} if it fails.
    """
    key = hashlib.sha256(pyodide_version().encode())
    for p in sources:
        key.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes())
    cache = CACHE / "pyc" / key.hexdigest()[:20]
    if not cache.exists():
        log("byte-compiling the kernel with Pyodide's Python")
        src, out = CACHE / "pyc-src", cache.with_suffix(".tmp")
        for d in (src, out):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
        for p in sources:
            dst = src / p.relative_to(ROOT)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(p.read_bytes())
        script = CACHE / "pyc-compile.mjs"
        index = NODE_MODULES / "pyodide"
        script.write_text(PYC_COMPILER % {"pyodide": (index / "pyodide.mjs").as_uri(), "index": f"{index}/"})
        done = subprocess.run(["node", str(script), str(src), str(out)], capture_output=True, text=True)
        if done.returncode != 0:
            log(f"byte-compiling failed, shipping sources only: {done.stderr.strip()[-500:]}")
            return {}
        for old in (CACHE / "pyc").glob("*"):
            if old != out:
                shutil.rmtree(old, ignore_errors=True)
        out.rename(cache)
    return {p.relative_to(cache).as_posix(): p.read_bytes() for p in sorted(cache.rglob("*.pyc"))}


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


def write_lock(out: Path, shipped: dict[str, Path], kernel_wheel: Path, vendored: list[Path] = ()) -> None:
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
        elif "://" not in pkg["file_name"]:
            pkg["file_name"] = cdn + pkg["file_name"]
    lock["packages"]["rivulet"] = {
        "name": "rivulet",
        "version": project_version(),
        "file_name": kernel_wheel.name,
        "install_dir": "site",
        "sha256": sha256_file(kernel_wheel),
        "package_type": "package",
        "imports": [KERNEL_PACKAGE],
        "depends": [],
        "unvendored_tests": False,
    }
    if vendored:
        from kernel_py.host.export import pypi

        pypi.add_to_lock(lock, list(vendored))
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


def vendor_wheels(out: Path, requirements: list[str]) -> list[Path]:
    """Pure-Python wheels for ``requirements`` (with dependencies) from PyPI, once, copied into ``out``."""
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
    for wheel in wheels:
        copy_if_newer(wheel, out / wheel.name)
    return [out / w.name for w in wheels]


# ---------------------------------------------------------------- gallery and pages


def notebook_title(text: str, fallback: str) -> str:
    match = re.search(r"app_title\s*=\s*[\"']([^\"']+)[\"']", text)
    if match:
        return match.group(1)
    match = re.search(r"^\s*#\s+(.+?)\s*$", text, re.M)
    return match.group(1) if match else fallback


def notebook_summary(text: str) -> str:
    """The first prose line after the first markdown heading, if any."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\s*#\s+\S", line):
            for nxt in lines[i + 1 : i + 6]:
                s = nxt.strip()
                if s and not s.startswith(('"', "'", ")", "#", "import", "return")):
                    return s
            break
    return ""


def build_gallery(out: Path) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    items = []
    for src in sorted((ROOT / "gallery").glob("*.py")):
        copy_if_newer(src, out / src.name)
        text = src.read_text(encoding="utf-8")
        items.append(
            {
                "file": f"gallery/{src.name}",
                "title": notebook_title(text, src.stem),
                "summary": notebook_summary(text),
            }
        )
    for stale in out.glob("*.py"):
        if not (ROOT / "gallery" / stale.name).exists():
            stale.unlink()
    (out / "index.json").write_text(json.dumps({"notebooks": items}, indent=1))
    rows = "\n".join(
        f'  <li><a href="../?file={html.escape(i["file"])}">{html.escape(i["title"])}</a>'
        f' <span>{html.escape(i["summary"])}</span>'
        f' — <a href="../?file={html.escape(i["file"])}&amp;mode=read">app view</a></li>'
        for i in items
    )
    (out / "index.html").write_text(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<title>Rivulet gallery</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}"
        "li{margin:.4rem 0}span{color:#555}</style></head><body>\n"
        "<h1>Rivulet gallery</h1>\n<p><a href=\"../\">New notebook</a></p>\n"
        f"<ul>\n{rows}\n</ul>\n</body></html>\n"
    )
    return items


def write_index(assets: dict[str, str]) -> None:
    text = (ROOT / "web" / "index.html").read_text()
    text = text.replace("assets/main.js", f"assets/{assets['main']}")
    style = f'<link rel="stylesheet" href="assets/{assets["style"]}">' if assets["style"] else ""
    text = text.replace("<!-- rivulet:style -->", style)
    (DIST / "index.html").write_text(text)
    # the script host pages add to size their embeds (see README, "Embedding")
    copy_if_newer(ROOT / "web" / "embed.js", DIST / "embed.js")


# ---------------------------------------------------------------- main


def build() -> None:
    started = time.perf_counter()
    ensure_node_modules()
    DIST.mkdir(exist_ok=True)
    pyodide_dir = DIST / "pyodide"
    copy_pyodide_core(pyodide_dir)
    kernel = build_kernel_wheel(pyodide_dir)
    micropip = micropip_wheel()
    copy_if_newer(micropip, pyodide_dir / micropip.name)
    vendored = vendor_wheels(pyodide_dir, gallery_requirements())
    write_lock(pyodide_dir, {"micropip": pyodide_dir / micropip.name}, kernel, vendored)
    kernel_url = f"../pyodide/{kernel.name}?v={sha256_file(kernel)[:12]}"
    assets = bundle_shell(kernel_url)
    write_index(assets)
    items = build_gallery(DIST / "gallery")
    log(
        f"dist/ ready in {time.perf_counter() - started:.1f}s "
        f"(main {assets['main']}, worker {assets['worker']}, {len(items)} gallery notebooks)"
    )


def serve(port: int, open_browser: bool) -> None:
    import webbrowser

    sys.path.insert(0, str(ROOT))
    from kernel_py.host.static_server import make_static_server

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
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true", help="serve dist/ on 127.0.0.1 after building")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (0: any free port)")
    parser.add_argument("--no-browser", action="store_true", help="with --serve: do not open a browser")
    args = parser.parse_args(argv)
    build()
    if args.serve:
        serve(args.port, not args.no_browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
