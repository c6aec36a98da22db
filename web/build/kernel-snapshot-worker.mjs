// Makes the site's kernel snapshot at build time (build.py: make_kernel_snapshot
// opens kernel-snapshot.html in headless Chromium): Pyodide booted in a
// browser's worker exactly as the kernel's worker boots it (web/src/worker.js:
// the same options, the kernel wheel in site-packages, then
// kernel_py.browser.snapshot.warm()), then its memory, zero pages left out
// (snapshot-pages.js), posted back to the build. A browser, not Node: Pyodide
// records facts about its JavaScript host in its memory at start (whether
// WebAssembly can switch stacks, which run_sync needs), so the snapshot must
// come from the kind of host that restores it. Python state only: the
// warm-up creates no JavaScript object.
import { packPages } from "./snapshot-pages.js";

try {
  const indexURL = new URL("./pyodide/", import.meta.url).href;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({
    indexURL,
    packageBaseUrl: indexURL,
    lockFileURL: indexURL + "pyodide-lock.json",
    env: { HOME: "/home/pyodide" },
    _makeSnapshot: true,
  });
  const wheel = new Uint8Array(await (await fetch("./kernel.whl")).arrayBuffer());
  pyodide.unpackArchive(wheel, "wheel", { extractDir: pyodide._api.sitepackages });
  pyodide.pyimport("kernel_py.browser.snapshot").warm();
  await fetch("./snapshot", { method: "POST", body: packPages(pyodide.makeMemorySnapshot()) });
} catch (err) {
  await fetch("./failed", { method: "POST", body: String(err?.stack ?? err) });
}
