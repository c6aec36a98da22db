// The kernel's module worker: loads Pyodide (self-hosted, from ../pyodide/),
// installs the kernel wheel, creates the Session, and moves strings in and out.
// Everything Python-side that touches `js`/`pyodide` lives in kernel_py/worker_entry.py.

/* global RIVULET_KERNEL_WHEEL */
import { unzipSync } from "fflate";
import { createInterrupts } from "./worker-interrupt.js";
import {
  SITE_SNAPSHOT, dropSnapshot, fetchSiteSnapshot, readSnapshot, restorePyodide, siteSnapshotWanted, snapshotKey, snapshotsEnabled,
  unpackSnapshot, writeSnapshot,
} from "./worker-snapshot.js";

const started = performance.now();
// When each boot step ended (ms since the epoch): the page shows them to benches (bench/startup.py).
const marks = self.rivuletSetupAt ? { setup: self.rivuletSetupAt } : {};
const mark = (name) => (marks[name] = performance.timeOrigin + performance.now());
mark("worker");
// In the sandboxed frame (frame/worker-setup.js) this worker runs from a
// blob: URL: it is told the URL it stands for, in the site's assets/ folder.
const workerURL = self.rivuletWorkerURL ?? import.meta.url;
const indexURL = new URL("../pyodide/", workerURL).href;

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
  else if (data.kind === "interrupt-flags") interrupts?.flags(data.flags);
};
// Once the kernel is up, an error nobody caught (a KeyboardInterrupt inside
// asyncio's own callbacks, an exception in a notebook's JS callback) is not a
// crash: the kernel lives on, and the console says what it was. Pyodide's own
// failures are reported as "fatal" (on_fatal, below).
self.addEventListener("error", (e) => {
  if (!kernel && !/KeyboardInterrupt/.test(String(e.message ?? ""))) return;
  e.preventDefault();
  console.warn("rivulet: an error in the kernel's worker outside any cell:", e.message);
});

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

// Pyodide loads its wasm with instantiateStreaming, which can fail without
// ever settling (wrong MIME type, an aborted request): check each core asset
// ourselves, in parallel with the boot, so a broken site is reported by name.
// (In the sandboxed frame Pyodide's glue is already part of this worker's script.)
const CORE = {
  ...(self.rivuletImportPyodide ? {} : { "pyodide.asm.mjs": null }),
  "pyodide.asm.wasm": "application/wasm", "python_stdlib.zip": null, "pyodide-lock.json": null,
};

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
  const wheelURL = new URL(RIVULET_KERNEL_WHEEL, workerURL).href;
  // ...and unzipped as soon as it is here (while Pyodide's WebAssembly compiles).
  const wheel = fetchBytes(wheelURL).then((bytes) => unzipSync(new Uint8Array(bytes)));
  wheel.catch(() => {}); // reported when awaited below
  // Pyodide's WebAssembly, compiled (on the engine's own threads) while the snapshot arrives.
  const wasm = WebAssembly.compileStreaming(fetch(indexURL + "pyodide.asm.wasm"));
  wasm.catch(() => {}); // Pyodide's own fetch reports it (checkAsset names the file)
  // In the sandboxed frame (frame/worker-setup.js) Pyodide's scripts ran before this one.
  const pyodideModule = self.rivuletImportPyodide?.() ?? import(/* runtime URL */ indexURL + "pyodide.mjs");
  const { queryParams } = await init;
  mark("init");
  const { loadPyodide, version, createPyodideModule: glue } = await pyodideModule;
  const createPyodideModule = withCompiledWasm(glue ?? (await import(/* runtime URL */ indexURL + "pyodide.asm.mjs")).default, wasm);
  const options = {
    indexURL,
    packageBaseUrl: indexURL,
    lockFileURL: indexURL + "pyodide-lock.json",
    env: { HOME: "/home/pyodide" },
    createPyodideModule,
  };
  // A memory snapshot of the booted kernel (worker-snapshot.js): the site's
  // own (made by the build), else the one this browser made on an earlier
  // cold boot (where the site's is not wanted, or did not restore), else a
  // cold boot that makes one.
  const snapshots = snapshotsEnabled(queryParams);
  const key = snapshots ? snapshotKey(indexURL, wheelURL, version) : null;
  // In the sandboxed frame, the page keeps snapshots (frame/worker-setup.js),
  // and the frame checks the site's (its worker has no WebCrypto).
  const store = self.rivuletSnapshots ?? {
    read: readSnapshot, drop: dropSnapshot, offer: null,
    site: () => SITE_SNAPSHOT && fetchSiteSnapshot({ ...SITE_SNAPSHOT, url: new URL(SITE_SNAPSHOT.url, workerURL).href }),
    keep: null, // (outside the frame nothing keeps it)
  };
  let keep = null; // the site's snapshot unzipped, when it came zipped (the page keeps it)
  const candidates = [
    ["site", snapshots && siteSnapshotWanted(queryParams) ? async () => {
      const got = await store.site();
      mark("snapshot-site-bytes");
      const unpacked = await unpackSnapshot(got);
      keep = unpacked?.pages ?? null;
      return unpacked?.snapshot ?? null;
    } : null, () => {}],
    ["browser", key ? () => store.read(key) : null, () => store.drop(key)],
  ];
  let pyodide = null;
  let snapshot = null; // the bytes to store once the first output is out
  for (const [from, read, drop] of candidates) {
    if (!read || pyodide) continue;
    const saved = await read();
    mark(`snapshot-${from}`);
    if (!saved) continue;
    restoring = true;
    try {
      pyodide = await withTimeout(restorePyodide(loadPyodide, options, saved, createPyodideModule), RESTORE_LIMIT);
      mark("python");
      await installWheel(pyodide, wheel);
      mark("wheel");
      pyodide.pyimport("kernel_py.browser.snapshot").restored(browserLanguage());
      bootKind = "snapshot";
      snapshotFrom = from;
      // the site's snapshot, unzipped: the page keeps it for next time (it checks it; before the kernel is ready only)
      if (from === "site" && keep) store.keep?.(keep);
    } catch (err) {
      console.info(`rivulet: the ${from === "site" ? "site's" : "stored"} kernel snapshot did not restore; starting Python normally`, err);
      pyodide = null;
      await drop();
    }
    restoring = false;
  }
  if (!pyodide) {
    pyodide = await loadPyodide(snapshots ? { ...options, _makeSnapshot: true } : options);
    mark("python");
    progress("kernel");
    await installWheel(pyodide, wheel);
    mark("wheel");
    if (snapshots) {
      try {
        const module = pyodide.pyimport("kernel_py.browser.snapshot");
        module.warm();
        mark("warm");
        const t0 = performance.now();
        snapshot = pyodide.makeMemorySnapshot();
        snapshotMs = Math.round(performance.now() - t0);
        module.taken(self);
        module.destroy();
        mark("snapshot-made");
      } catch (err) {
        console.info("rivulet: no kernel snapshot this time", err);
      }
    }
  } else progress("kernel");
  // A wasm trap, a stack overflow or memory exhausted inside Python leave
  // Pyodide unusable ("fatal"): the page is told the reason, and offers a restart.
  pyodide._api.on_fatal = (err) => post({ kind: "fatal", reason: fatalReason(err) });
  mark("kernel");
  const entry = pyodide.pyimport("kernel_py.worker_entry");
  const { mode, files, interrupt } = await init;
  // Packages the notebook needs start downloading now, while the kernel boots
  // (not the modules beside it: an export's files, written below, or fetched from beside its ?file= URL).
  const where = { queryParams, files: Array.isArray(files) ? files.map((f) => String(f.path)) : [] };
  entry.prefetch(JSON.stringify(early), (stage, detail) => progress(stage, detail), JSON.stringify(where));
  if (Array.isArray(files)) await writeNotebookFiles(pyodide, files);
  interrupts = createInterrupts(interrupt ?? {}, post);
  pyodide.setInterruptBuffer(interrupts.buffer);
  // The page stores it when the worker runs in the frame: offered now, before
  // any notebook code runs (it accepts none later).
  if (snapshot && store.offer) {
    store.offer(key, snapshot);
    snapshot = null;
  }
  const saveSnapshot = snapshot ? saveLater(key, snapshot) : null;
  snapshot = null;
  mark("entry");
  kernel = entry.start(
    (text) => {
      post({ kind: "event", text });
      saveSnapshot?.(text);
    },
    (stage, detail) => progress(stage, detail),
    mode ?? "edit",
    JSON.stringify(queryParams ?? {}),
  );
  entry.destroy();
  mark("started");
  guard = pyodide.pyimport("kernel_py.browser.interrupts").install(kernel, interrupts);
  mark("interrupts");
  pyodide.pyimport("kernel_py.browser.site_files").install();
  mark("site-files");
  pyodide.pyimport("kernel_py.browser.cache_store").install();
  mark("ready");
  post({ kind: "ready", ms: Math.round(performance.now() - started), boot: bootKind, snapshotMs, marks });
  // Restored from the site's snapshot: this browser keeps none of its own (the site's is cached with its files).
  if (snapshotFrom === "site") post({ kind: "snapshot", state: "site" });
  for (const text of early.splice(0)) kernel.receive(text);
}

/**
 * Pyodide's module factory, instantiating the WebAssembly module compiled
 * ahead (`wasm`: a Promise of a WebAssembly.Module, compiled while the
 * snapshot arrived) rather than compiling it when the factory runs. Pyodide's
 * glue instantiates with WebAssembly.instantiateStreaming: for that one call
 * (the factory's own), it is handed the compiled module. If that compile
 * failed, Pyodide compiles its own.
 */
function withCompiledWasm(createPyodideModule, wasm) {
  return async (settings) => {
    const module = await wasm.catch(() => null);
    const streaming = WebAssembly.instantiateStreaming;
    if (module) {
      WebAssembly.instantiateStreaming = async (source, imports) => {
        WebAssembly.instantiateStreaming = streaming;
        Promise.resolve(source).then((r) => r?.body?.cancel(), () => {});
        return { module, instance: await WebAssembly.instantiate(module, imports) };
      };
    }
    try {
      return await createPyodideModule(settings);
    } finally {
      WebAssembly.instantiateStreaming = streaming;
    }
  };
}

/** $LANG as Emscripten gives a cold boot in this browser (a restored snapshot's may be another machine's). */
function browserLanguage() {
  const lang = self.navigator?.languages?.[0] || "C";
  return `${lang.replace("-", "_")}.UTF-8`;
}

/** "memory" | "stack" | "trap": why Pyodide failed (the page words it). */
function fatalReason(err) {
  const text = String(err?.message ?? err ?? "");
  if (/out of memory|allocation failed|Cannot enlarge memory|memory limit/i.test(text)) return "memory";
  if (/call stack|stack overflow|too much recursion/i.test(text)) return "stack";
  return "trap";
}

let restoring = false; // a failing restore falls back to a cold boot: its errors are not fatal
const RESTORE_LIMIT = 20_000; // ms

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("the restore timed out")), ms))]);
}

let bootKind = "cold"; // "snapshot" when restored from one
let snapshotFrom = null; // whose snapshot: "browser" (made here on an earlier visit) or "site" (the build's)
let snapshotMs = null; // how long making the snapshot took (ms), on a cold boot

/**
 * The kernel wheel's files (`wheel`: a Promise of them, unzipped by fflate)
 * into site-packages. Not by Pyodide's Python installer: a restored
 * interpreter runs no Python for it, whose first calls are slow (each
 * function's code is compiled on first use).
 */
async function installWheel(pyodide, wheel) {
  const sitePackages = pyodide._api?.sitepackages
    ?? pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
  const files = await wheel;
  const made = new Set();
  for (const [name, bytes] of Object.entries(files)) {
    const parts = name.split("/");
    if (name.endsWith("/") || parts.some((p) => p === "" || p === "." || p === "..")) continue;
    const folder = [sitePackages, ...parts.slice(0, -1)].join("/");
    if (!made.has(folder)) pyodide.FS.mkdirTree(folder);
    made.add(folder);
    pyodide.FS.writeFile(`${folder}/${parts.at(-1)}`, bytes);
  }
}

/**
 * Store the snapshot once the notebook's first run is done (never before the
 * first output: the checksum and the write take a core for a moment), or
 * after SAVE_AFTER ms at the latest. Returns the event hook.
 */
const SAVE_AFTER = 15_000;
function saveLater(key, bytes) {
  let pending = bytes;
  const save = () => {
    if (!pending) return;
    const data = pending;
    pending = null;
    clearTimeout(timer);
    setTimeout(() => writeSnapshot(key, data).then((ok) => post({ kind: "snapshot", state: ok ? "saved" : "failed" })), 0);
  };
  const timer = setTimeout(save, SAVE_AFTER);
  return (text) => {
    if (pending && text.includes('"done"') && JSON.parse(text.slice(text.lastIndexOf("\n") + 1))?.type === "done") save();
  };
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
  if (restoring) return console.info("rivulet: while restoring the kernel snapshot:", err);
  if (kernel || failed) return;
  failed = true;
  console.error("rivulet: kernel boot failed", err);
  post({ kind: "dead", message: String(err?.message ?? err) });
}

// Pyodide reports some download failures (e.g. of its .wasm) only as unhandled rejections.
self.addEventListener("unhandledrejection", (e) => failBoot(e.reason));
self.addEventListener("error", (e) => failBoot(e.error ?? e.message));
boot().catch(failBoot);
