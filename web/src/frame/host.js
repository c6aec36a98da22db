// The page's side of the kernel's sandboxed frame (inside.js runs in it).
//
// Each kernel gets a fresh <iframe sandbox="allow-scripts" srcdoc>: an opaque
// origin, so the notebook's Python (in the frame's worker) cannot reach what
// this origin stores (IndexedDB, the Cache API, localStorage, other tabs'
// BroadcastChannels) nor this page's DOM. `frameWorker()` returns an object
// that behaves like the kernel's Worker for kernel.js (postMessage, onmessage,
// onerror, terminate), and answers the frame's own requests itself:
//
// - {kind: "fetch", id, url, method}: a GET or HEAD of a file of this site
//   (Pyodide, wheels, an export's data files), answered with the bytes. No
//   other method, no other origin, nothing under __rivulet__/ (rivulet edit's
//   file API, the snapshot's key). The page reads them with `fetch` (a
//   single-file export passes its own, which answers its rivulet:/ URLs from
//   the file: single/boot.js);
// - {kind: "cache-read", id, name} and {kind: "cache-write", name, bytes}:
//   mo.persistent_cache's files, kept by the page for the open notebook
//   (checked names, at most CACHE_FILE_LIMIT bytes each; the page never
//   interprets them);
// - snapshots (worker-snapshot.js): "snapshot-read" and "snapshot-drop" are
//   answered, and one "snapshot-offer" taken, only before the kernel says it
//   is ready: until then only Rivulet's boot code has run in that worker,
//   never a notebook's. The offered snapshot is stored once the first run is
//   done (or after SAVE_AFTER ms), so the checksum and the write never delay
//   the first output.
// Terminating removes the frame, which ends its worker (even mid C call).

import { downloadSiteSnapshot, dropKeptPages, dropSnapshot, keepPages, readSnapshot, writeSnapshot } from "../worker-snapshot.js";

const SAVE_AFTER = 15_000; // ms
// The frame answers a ping every TICK ms even while Python runs (its worker
// does the work); after MISSED ticks without a word its process is gone
// (crashed: out of memory, killed) or hung.
const TICK = 2000; // ms
const MISSED = 8;
// The frame says it is up as its document loads; if it has not a moment after
// its load event, the browser did not run its script (a policy without its hash).
const UP_GRACE = 3000; // ms
const METHODS = new Set(["GET", "HEAD"]);
// mo.persistent_cache's files (kernel_py/mo/_runtime.py names them): the
// page keeps them for the open notebook (`cache`: {read(name), write(name, bytes)}).
const CACHE_NAME = /^[0-9a-f]{16}-[0-9a-f]{32}\.pickle$/;
export const CACHE_FILE_LIMIT = 8 * 1024 * 1024;

const scripts = new Map(); // URL -> Promise<Blob>, fetched once per page

function script(url, read) {
  if (!scripts.has(url)) {
    const blob = read(url).then((r) => {
      if (!r.ok) throw new Error(`${new URL(url).pathname.split("/").pop()} could not be downloaded (HTTP ${r.status})`);
      return r.blob();
    });
    blob.catch(() => scripts.delete(url)); // try again with the next kernel
    scripts.set(url, blob);
  }
  return scripts.get(url);
}

/** The kernel worker's script, in parts: Pyodide's loader and glue (classic), then the worker bundle. */
function workerParts(workerURL, read) {
  const urls = [new URL("../pyodide/pyodide.js", workerURL).href, new URL("../pyodide/pyodide.asm.js", workerURL).href, workerURL];
  return Promise.all(urls.map((url) => script(url, read)));
}

/** Is `url` a file of this site the kernel may read through the page? */
export function readableURL(url, siteURL) {
  if (typeof url !== "string" || !url.startsWith(siteURL)) return false;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const site = new URL(siteURL);
  if (parsed.origin !== site.origin || !parsed.pathname.startsWith(site.pathname)) return false;
  return !decodeURIComponent(parsed.pathname).split("/").includes("__rivulet__");
}

class FrameWorker extends EventTarget {
  constructor({ script, workerURL, siteURL, doc, cache, read, snapshot, preload }) {
    super();
    this.read = read;
    // What the frame's worker needs first, asked for at once (while the frame loads):
    // its script's parts, the files Pyodide and the kernel start from, and the
    // site's snapshot (the frame checks it, the worker unpacks it: the page has
    // its own work to do meanwhile).
    workerParts(workerURL, read).catch(() => {}); // reported when the frame asks for them
    // (low priority: the page's own files, e.g. a notebook's last outputs, come first)
    this.early = new Map((preload ?? []).map((url) => [url, this.readForFrame(url, "GET", "low")]));
    for (const answer of this.early.values()) answer.catch(() => {}); // (its failure goes to the worker: pushEarly)
    this.site = Promise.resolve(snapshot);
    // (as Blobs: the frame reads and checks the bytes, not this page, which is busy rendering the notebook)
    this.siteSnapshot = this.site.then((site) => !site ? null : site.kept ? { form: "pages", blob: site.kept, sha256: site.pages }
      : downloadSiteSnapshot(site, (url) => read(url, { priority: "low" })));
    this.siteSnapshot.then(() => performance.mark("rivulet:site-snapshot"));
    this.kept = false;
    this.dropped = false;
    this.cache = cache ?? null;
    this.onmessage = null;
    this.onerror = null;
    this.onmessageerror = null;
    this.workerURL = workerURL;
    this.siteURL = siteURL;
    this.ready = false; // the kernel said it is ready: no snapshot business after that
    this.offered = false;
    this.ended = false;
    this.up = false; // the frame's script ran and said so
    this.upTimer = null;
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = ({ data }) => this.fromFrame(data);
    this.port.onmessageerror = () => this.onmessageerror?.(new MessageEvent("messageerror"));

    const frame = doc.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.title = "Python kernel";
    frame.setAttribute("aria-hidden", "true");
    frame.dataset.rivuletKernel = "";
    frame.srcdoc = `<!doctype html><meta charset="utf-8"><title>Python kernel</title><script>${script}</script>`;
    this.frame = frame;
    const view = doc.defaultView;
    this.onWindowMessage = (event) => {
      if (event.source !== frame.contentWindow || event.data?.kind !== "rivulet-kernel-frame-up") return;
      view.removeEventListener("message", this.onWindowMessage);
      this.up = true;
      performance.mark("rivulet:frame-up");
      workerParts(workerURL, read).then(
        (parts) => {
          if (this.ended) return;
          performance.mark("rivulet:frame-parts");
          const preload = [...this.early.keys()];
          frame.contentWindow.postMessage(
            { kind: "rivulet-kernel-frame", parts, workerURL, siteURL, preload },
            "*", // the frame's origin is opaque: it cannot be named
            [channel.port2],
          );
          this.pushEarly();
          this.pushSiteSnapshot();
          this.watch();
        },
        (err) => this.fail(`the kernel's scripts did not load: ${err.message}`),
      );
    };
    view.addEventListener("message", this.onWindowMessage);
    frame.addEventListener("load", () => {
      if (this.up || this.ended) return;
      clearTimeout(this.upTimer);
      this.upTimer = setTimeout(() => this.up || this.fail(
        "the browser did not run the kernel frame's script (the page's Content-Security-Policy must allow it by its sha256)",
      ), UP_GRACE);
    });
    (doc.body ?? doc.documentElement).append(frame);
  }

  /** Ticks, not wall time: a page that was itself busy does not count the frame out. */
  watch() {
    let missed = 0;
    this.heard = true;
    this.ticker = setInterval(() => {
      missed = this.heard ? 0 : missed + 1;
      this.heard = false;
      if (missed >= MISSED) {
        clearInterval(this.ticker);
        this.fail("its frame stopped responding (out of memory, or its process was stopped)");
      } else this.port.postMessage({ kind: "frame-ping" });
    }, TICK);
  }

  emit(data) {
    const event = new MessageEvent("message", { data });
    this.onmessage?.(event);
    this.dispatchEvent(event);
  }

  /** `ours`: the words are the page's own (else they come from the frame: its worker's error). */
  fail(message, ours = true) {
    if (this.ended) return;
    this.onerror?.({ message, ours, preventDefault() {} });
  }

  postMessage(message) {
    if (!this.ended) this.port.postMessage(message);
  }

  terminate() {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.ticker);
    clearTimeout(this.upTimer);
    this.frame.ownerDocument.defaultView?.removeEventListener("message", this.onWindowMessage);
    this.port.close();
    this.frame.remove();
  }

  fromFrame(data) {
    if (this.ended || data === null || typeof data !== "object") return;
    this.heard = true;
    switch (data.kind) {
      case "frame-pong":
        return;
      case "fetch":
        return void this.answerFetch(data);
      case "snapshot-read":
        return void this.answerSnapshot(data);
      case "snapshot-keep":
        // the site's snapshot unzipped by the worker, once, before it is ready: kept if it is the build's
        if (!this.ready && !this.kept && data.bytes instanceof Uint8Array) {
          this.kept = true;
          this.site.then((site) => site && keepPages(site, data.bytes));
        }
        return;
      case "site-snapshot-damaged":
        // the frame found the snapshot is not the build's (frame/inside.js); a kept copy is dropped: the next visit downloads it again
        if (!this.ready && !this.dropped) {
          this.dropped = true;
          const kept = data.form === "pages";
          console.info(`rivulet: ${kept ? "the kept copy of the site's kernel snapshot is damaged" : "the site's kernel snapshot is not this build's"}; starting Python normally`);
          if (kept) this.site.then((site) => site?.kept && dropKeptPages(site.url));
        }
        return;
      case "snapshot-drop":
        if (!this.ready && this.snapshotKey(data.key)) dropSnapshot(data.key);
        return;
      case "snapshot-offer":
        return void this.takeSnapshot(data);
      case "cache-read":
        return void this.answerCache(data);
      case "cache-write":
        if (CACHE_NAME.test(data.name) && data.bytes instanceof ArrayBuffer && data.bytes.byteLength <= CACHE_FILE_LIMIT) {
          this.cache?.write(data.name, data.bytes);
        }
        return;
      case "frame-error":
        return void this.fail(String(data.message ?? "").slice(0, 500), false);
      case "ready":
        this.ready = true;
        break;
      case "event":
        if (typeof data.text === "string" && data.text.includes('"done"')) this.onDone?.();
        break;
    }
    this.emit(data);
  }

  async answerFetch({ id, url, method }) {
    const reply = (answer, transfer = []) => this.ended || this.port.postMessage({ kind: "fetched", id, ...answer }, transfer);
    method = String(method ?? "GET").toUpperCase();
    if (!METHODS.has(method) || !readableURL(url, this.siteURL)) {
      return reply({ error: `the kernel may only read this site's files (${method} ${String(url).slice(0, 200)} refused)` });
    }
    try {
      const answer = await this.readForFrame(url, method);
      reply(answer);
    } catch (err) {
      reply({ error: String(err?.message ?? err) });
    }
  }

  /**
   * The files read ahead go to the worker as each arrives, unasked (it waits
   * for them rather than asking: this page may be busy when it would ask).
   */
  pushEarly() {
    for (const [url, answer] of this.early) {
      answer.then(
        (got) => this.ended || this.port.postMessage({ kind: "preloaded", url, ...got }),
        (err) => this.ended || this.port.postMessage({ kind: "preloaded", url, error: String(err?.message ?? err) }),
      );
    }
    this.early.clear();
  }

  /**
   * A site file as the frame gets it: status, type and body, a Blob (a handle:
   * the frame's worker reads the bytes, not this page's busy thread).
   */
  async readForFrame(url, method, priority = "auto") {
    const response = await this.read(url, { method, priority, credentials: "same-origin", ...(method === "HEAD" ? { cache: "no-store" } : {}) });
    const body = method === "HEAD" ? null : await response.blob();
    return { status: response.status, statusText: response.statusText, type: response.headers.get("content-type") ?? "", body };
  }

  async answerCache({ id, name }) {
    let bytes = null;
    if (this.cache && CACHE_NAME.test(name)) {
      try {
        bytes = await this.cache.read(name);
      } catch {
        bytes = null;
      }
    }
    if (this.ended) return;
    const own = bytes instanceof ArrayBuffer ? bytes.slice(0) : null;
    this.port.postMessage({ kind: "cache-bytes", id, bytes: own }, own ? [own] : []);
  }

  snapshotKey(key) {
    return typeof key === "string" && key.startsWith(new URL("../pyodide/__rivulet__/kernel-snapshot?", this.workerURL).href);
  }

  async answerSnapshot({ id, key }) {
    const bytes = !this.ready && this.snapshotKey(key) ? await readSnapshot(key) : null;
    if (this.ended) return;
    const own = bytes ? bytes.slice().buffer : null;
    this.port.postMessage({ kind: "snapshot-bytes", id, bytes: own }, own ? [own] : []);
  }

  /**
   * The site's snapshot, sent once, unasked, as soon as the page has it:
   * {form, blob, sha256} (the frame reads and checks it), or none.
   */
  async pushSiteSnapshot() {
    const got = await this.siteSnapshot;
    this.siteSnapshot = null;
    if (this.ended) return;
    this.port.postMessage(got?.blob && !this.ready ? { kind: "site-snapshot", ...got } : { kind: "site-snapshot", form: "none", bytes: null });
  }

  takeSnapshot({ key, bytes }) {
    if (this.ready || this.offered || !this.snapshotKey(key) || !(bytes instanceof Uint8Array) || bytes.length < 1024) return;
    this.offered = true;
    let pending = bytes;
    const save = () => {
      if (!pending) return;
      const data = pending;
      pending = null;
      clearTimeout(timer);
      this.onDone = null;
      setTimeout(() => writeSnapshot(key, data).then((ok) => this.ended || this.emit({ kind: "snapshot", state: ok ? "saved" : "failed" })), 0);
    };
    const timer = setTimeout(save, SAVE_AFTER);
    this.onDone = save;
  }
}

/**
 * A kernel worker in a fresh sandboxed frame. `script` is inside.js's
 * built text (the page's policy allows it by hash); `workerURL` the site URL
 * of the frame's worker bundle (frame-worker.js), which the page fetches, with
 * Pyodide's classic scripts, and hands over as Blobs. `fetch` reads the site's
 * files for the frame (the page's own fetch unless given). `snapshot`: the
 * site's kernel snapshot ({url, sha256, pages, kept}: kernel.js; or a Promise
 * of it) when the kernel may restore it;
 * `preload`: URLs of site files the worker will ask for first, read at once.
 */
export function frameWorker({
  script, workerURL, siteURL = new URL("../", workerURL).href, doc = document, cache = null,
  fetch: read = (input, init) => fetch(input, init), snapshot = null, preload = [],
}) {
  return new FrameWorker({ script, workerURL, siteURL, doc, cache, read, snapshot, preload });
}
