// The kernel's frame: the one inline script of a sandboxed, opaque-origin
// <iframe sandbox="allow-scripts" srcdoc> that the page (frame/host.js)
// makes for each kernel. Its origin is "null": the kernel's worker, which runs
// the notebook's Python, cannot open the site's IndexedDB, Cache API, OPFS,
// localStorage or BroadcastChannels, and its requests to the site are
// cross-origin. The browser enforces that, not our code.
//
// This script only relays. It starts the worker: one classic script from a
// blob: URL, made of the parts the page sent as Blobs (Pyodide's loader and
// glue as classic scripts, then the kernel's worker bundle). Chromium runs no
// module worker in an opaque origin, and the policy this frame inherits from
// the page allows no script from blob: or data: URLs, only the worker itself
// (worker-src blob:); so the worker imports nothing. It passes messages both
// ways over the port the page gave it, and owns the interrupt flags: a blob:
// URL per interrupt, which the worker reads by a synchronous XHR while Python
// runs; revoking it is the signal (no service worker and no SharedArrayBuffer
// reach an opaque origin).
// Built by build.py into one minified script; the page's Content-Security-Policy
// allows it by its sha256.

import { sha256 } from "../sha256.js";

const FLAGS_AHEAD = 4; // interrupt flags the worker holds beyond the last delivered one

function transferables(data) {
  if (data === null || typeof data !== "object") return [];
  const found = [];
  const value = data.bytes; // (files come as Blobs: nothing to transfer)
  if (value instanceof ArrayBuffer) found.push(value);
  else if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) found.push(value.buffer);
  return found;
}

/**
 * The site's snapshot as the page has it (downloaded, or kept from an
 * earlier visit): a Blob the page did not read (it is busy rendering the
 * notebook). Read and checked here against the build's sha256 (this frame
 * has WebCrypto, its worker not): the worker gets the bytes, or none, and the
 * page hears of a snapshot that failed (a kept copy is dropped).
 */
async function checkSnapshot({ form, blob, sha256: expected }, port) {
  try {
    const bytes = await blob.arrayBuffer();
    if ((await sha256(bytes)) === expected) return { kind: "site-snapshot", form: String(form), bytes };
  } catch {
    // unreadable: as damaged
  }
  port.postMessage({ kind: "site-snapshot-damaged", form: String(form) });
  return { kind: "site-snapshot", form: "none", bytes: null };
}

function start(port, { parts, workerURL, siteURL, preload }) {
  const flags = new Map(); // token -> blob: URL that exists until that interrupt
  const flag = (token) => {
    if (!flags.has(token)) flags.set(token, URL.createObjectURL(new Blob(["0"], { type: "text/plain" })));
    return flags.get(token);
  };
  const ahead = (from) => Object.fromEntries(Array.from({ length: FLAGS_AHEAD }, (_, i) => [from + i, flag(from + i)]));

  // Where the worker stands in the site (its relative URLs resolve there).
  // Pyodide refuses to start in a worker where importScripts works (its test
  // for a classic worker); this one never imports a script, so it has none.
  const where = `self.rivuletWorkerURL=${JSON.stringify(workerURL)};self.rivuletSiteURL=${JSON.stringify(siteURL)};` +
    `self.rivuletPreload=${JSON.stringify(preload)};` +
    `self.importScripts=()=>{throw new TypeError("the kernel's worker imports no scripts")};\n`;
  const source = new Blob([where, ...parts.flatMap((part) => [part, "\n;\n"])], { type: "text/javascript" });
  const worker = new Worker(URL.createObjectURL(source), { name: "rivulet-kernel" });
  worker.onmessage = ({ data }) => port.postMessage(data, transferables(data));
  worker.onerror = (e) => {
    e.preventDefault();
    port.postMessage({ kind: "frame-error", message: String(e.message ?? "") });
  };
  worker.onmessageerror = () => port.postMessage({ kind: "frame-error", message: "a message could not be read" });
  port.onmessage = ({ data }) => {
    if (data?.kind === "frame-ping") {
      port.postMessage({ kind: "frame-pong" }); // this frame is alive (its worker may be busy)
    } else if (data?.kind === "site-snapshot" && data.blob instanceof Blob && typeof data.sha256 === "string") {
      checkSnapshot(data, port).then((checked) => worker.postMessage(checked, transferables(checked)));
    } else if (data?.kind === "init") {
      worker.postMessage({ ...data, interrupt: { flags: ahead(1) } });
    } else if (data?.kind === "interrupt" && Number.isSafeInteger(data.token) && data.token > 0) {
      const url = flags.get(data.token);
      if (url) URL.revokeObjectURL(url); // the worker's next poll fails: KeyboardInterrupt
      worker.postMessage(data);
      worker.postMessage({ kind: "interrupt-flags", flags: ahead(data.token + 1) });
    } else worker.postMessage(data, transferables(data));
  };
}

let started = false;
addEventListener("message", (event) => {
  if (started || event.source !== parent || event.data?.kind !== "rivulet-kernel-frame" || !event.ports?.[0]) return;
  const { parts, workerURL, siteURL } = event.data;
  if (!Array.isArray(parts) || !parts.every((p) => p instanceof Blob) || typeof workerURL !== "string" || typeof siteURL !== "string") return;
  const preload = Array.isArray(event.data.preload) ? event.data.preload.filter((url) => typeof url === "string") : [];
  started = true;
  start(event.ports[0], { parts, workerURL, siteURL, preload });
});
parent.postMessage({ kind: "rivulet-kernel-frame-up" }, "*");
