// Makes the site's kernel snapshot at build time (build.py: make_kernel_snapshot):
// Pyodide booted under Node exactly as the browser's worker boots it
// (web/src/worker.js: same options, the kernel wheel unpacked into
// site-packages, kernel_py.browser.snapshot.warm()), then its memory.
// Its zero pages are left out (snapshot-pages.js), then it is gzipped.
// A memory snapshot is tied to the Pyodide build, not to the JavaScript host:
// the page restores it on a first visit instead of starting Python
// (web/src/worker-snapshot.js). Python state only: the warm-up creates no
// JavaScript object, so the snapshot names none.
//
//   node kernel-snapshot.mjs PYODIDE_DIR KERNEL_WHEEL OUT.gz
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { packPages } from "../src/snapshot-pages.js";

const [pyodideDir, wheelPath, outPath] = process.argv.slice(2);
// What a browser's Pyodide sees as its program name ($_ and sys.executable), not this script's path.
process.argv.splice(1, process.argv.length, "./this.program");
const indexURL = pyodideDir.endsWith("/") ? pyodideDir : `${pyodideDir}/`;
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL,
  packageBaseUrl: indexURL,
  lockFileURL: `${indexURL}pyodide-lock.json`,
  env: { HOME: "/home/pyodide" },
  _makeSnapshot: true,
});
const sitePackages = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
pyodide.pyimport("kernel_py.browser.snapshot").warm();
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(outPath, gzipSync(packPages(snapshot), { level: 9 }));
