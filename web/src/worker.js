// The kernel's module worker: loads Pyodide (self-hosted, from ../pyodide/),
// installs the kernel wheel, creates the Session, and moves strings in and out.
// Everything Python-side that touches `js`/`pyodide` lives in kernel_py/worker_entry.py.

/* global RIVULET_KERNEL_WHEEL */
import { createInterrupts } from "./worker-interrupt.js";

const started = performance.now();
const indexURL = new URL("../pyodide/", import.meta.url).href;

const post = (msg) => self.postMessage(msg);
const progress = (stage, detail) => post({ kind: "progress", stage, detail });

// Requests that arrive before the kernel is up wait here, in order.
const early = [];
let kernel = null;
let interrupts = null; // worker-interrupt.js, once the page's init arrived
let guard = null; // kernel_py.browser.interrupts: cancels the request Python awaits
let resolveInit;
const init = new Promise((resolve) => (resolveInit = resolve));

self.onmessage = ({ data }) => {
  if (data.kind === "init") resolveInit(data);
  else if (data.kind === "request") {
    if (kernel) kernel.receive(data.text);
    else early.push(data.text);
  } else if (data.kind === "interrupt") interrupts?.interrupt(data.token, () => guard?.cancel());
  else if (data.kind === "input") interrupts?.answer(data.id, data.text);
  else if (data.kind === "interrupt-reprobe") interrupts?.reprobe();
};
// A KeyboardInterrupt that fired outside any request (inside asyncio's own
// callbacks) is not a crash: the kernel lives on.
self.addEventListener("error", (e) => /KeyboardInterrupt/.test(String(e.message ?? "")) && e.preventDefault());

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

// Pyodide loads its wasm with instantiateStreaming, which can fail without
// ever settling (wrong MIME type, an aborted request): check each core asset
// ourselves, in parallel with the boot, so a broken site is reported by name.
const CORE = { "pyodide.asm.mjs": null, "pyodide.asm.wasm": "application/wasm", "python_stdlib.zip": null, "pyodide-lock.json": null };

async function checkAsset(name, type) {
  let response;
  try {
    response = await fetch(indexURL + name, { method: "HEAD", cache: "no-store" });
  } catch (err) {
    throw new Error(`${name} could not be downloaded (${err.message})`);
  }
  if (!response.ok) throw new Error(`${name} could not be downloaded (HTTP ${response.status})`);
  const got = (response.headers.get("content-type") ?? "").split(";")[0].trim();
  if (type && got !== type) throw new Error(`${name} is served as “${got || "no type"}”, not ${type}: fix the server's MIME types`);
}

async function boot() {
  progress("python");
  for (const [name, type] of Object.entries(CORE)) checkAsset(name, type).catch(failBoot);
  // Fetch the kernel wheel in parallel with Pyodide's own downloads.
  const wheel = fetchBytes(new URL(RIVULET_KERNEL_WHEEL, import.meta.url).href);
  wheel.catch(() => {}); // reported when awaited below
  // Hook for single-file exports (web/src/single/worker-setup.js): Pyodide from in-memory bytes.
  const { loadPyodide } = await (self.rivuletImportPyodide?.() ?? import(/* runtime URL */ indexURL + "pyodide.mjs"));
  const pyodide = await loadPyodide({
    indexURL,
    packageBaseUrl: indexURL,
    lockFileURL: indexURL + "pyodide-lock.json",
    env: { HOME: "/home/pyodide" },
  });
  progress("kernel");
  const sitePackages = pyodide.runPython(
    "import sys; next(p for p in sys.path if p.endswith('site-packages'))",
  );
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
  const entry = pyodide.pyimport("kernel_py.worker_entry");
  // Packages the notebook needs start downloading now, while the kernel boots.
  entry.prefetch(JSON.stringify(early), (stage, detail) => progress(stage, detail));
  const { mode, queryParams, files, interrupt } = await init;
  if (Array.isArray(files)) await writeNotebookFiles(pyodide, files);
  interrupts = createInterrupts(interrupt ?? {}, post);
  pyodide.setInterruptBuffer(interrupts.buffer);
  kernel = entry.start(
    (text) => post({ kind: "event", text }),
    (stage, detail) => progress(stage, detail),
    mode ?? "edit",
    JSON.stringify(queryParams ?? {}),
  );
  entry.destroy();
  guard = pyodide.pyimport("kernel_py.browser.interrupts").install(kernel, interrupts);
  post({ kind: "ready", ms: Math.round(performance.now() - started) });
  for (const text of early.splice(0)) kernel.receive(text);
}

// An export's data files, as real files at their relative paths in the
// notebook's folder (the working directory, and what mo.notebook_dir() gives).
const NOTEBOOK_DIR = "/home/pyodide/notebook";
async function writeNotebookFiles(pyodide, files) {
  progress("kernel");
  pyodide.FS.mkdirTree(NOTEBOOK_DIR);
  const fetched = await Promise.all(files.map(async ({ path, url }) => {
    const parts = String(path).split("/");
    if (parts.some((p) => p === "" || p === "." || p === "..")) throw new Error(`bad data file path ${path}`);
    return [parts, new Uint8Array(await fetchBytes(url))];
  }));
  for (const [parts, bytes] of fetched) {
    if (parts.length > 1) pyodide.FS.mkdirTree(`${NOTEBOOK_DIR}/${parts.slice(0, -1).join("/")}`);
    pyodide.FS.writeFile(`${NOTEBOOK_DIR}/${parts.join("/")}`, bytes);
  }
  pyodide.FS.chdir(NOTEBOOK_DIR);
}

let failed = false;
function failBoot(err) {
  if (kernel || failed) return;
  failed = true;
  console.error("rivulet: kernel boot failed", err);
  post({ kind: "dead", message: String(err?.message ?? err) });
}

// Pyodide reports some download failures (e.g. of its .wasm) only as unhandled rejections.
self.addEventListener("unhandledrejection", (e) => failBoot(e.reason));
self.addEventListener("error", (e) => failBoot(e.error ?? e.message));
boot().catch(failBoot);
