// Runs first in the kernel's worker inside the sandboxed frame (inside.js;
// frame-worker.js bundles this, then ../worker.js). The worker's origin is
// opaque, so the site's files are not its own: requests for URLs under the
// site (Pyodide, the kernel wheel, packages the site ships, an export's data
// files) are asked of the page, which fetches them (through the service
// worker, so the site works offline; a single-file export's page reads them
// from the file, under rivulet:/) and answers with the bytes. Other URLs
// (Pyodide's CDN, PyPI) are fetched directly, as cross-origin requests.
// Relative URLs resolve against the worker's nominal URL (the site's
// assets/ folder), as they did when the worker was the site's own.

self.rivuletSetupAt = performance.timeOrigin + performance.now(); // boot marks (worker.js)
const workerURL = self.rivuletWorkerURL;
const siteURL = self.rivuletSiteURL;
// Code that builds URLs from `location` (as notebooks written for a
// same-origin worker do: `js.location.href`) sees the site's URL, not blob:.
Object.defineProperty(self, "location", { value: new URL(workerURL), configurable: true });
const realFetch = self.fetch.bind(self);
const pending = new Map(); // id -> {resolve, reject}
let nextId = 1;

// Files the page reads ahead and sends unasked (frame/host.js: preload): URL -> the answer to come.
const preloaded = new Map((self.rivuletPreload ?? []).map((url) => {
  let resolve;
  const answer = new Promise((r) => (resolve = r));
  return [url, { answer, resolve }];
}));

// The site's kernel snapshot, sent unasked once the frame has read and checked it (frame/inside.js).
const siteSnapshot = {};
siteSnapshot.answer = new Promise((resolve) => (siteSnapshot.resolve = resolve));

// Answers from the page are taken before worker.js's own handler sees them.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (data?.kind === "preloaded") {
    event.stopImmediatePropagation();
    preloaded.get(data.url)?.resolve(data);
    return;
  }
  if (data?.kind === "site-snapshot") {
    event.stopImmediatePropagation();
    siteSnapshot.resolve(data.bytes instanceof ArrayBuffer ? { form: String(data.form), bytes: new Uint8Array(data.bytes) } : null);
    return;
  }
  if (data?.kind !== "fetched" && data?.kind !== "snapshot-bytes" && data?.kind !== "cache-bytes") return;
  event.stopImmediatePropagation();
  const waiter = pending.get(data.id);
  pending.delete(data.id);
  if (!waiter) return;
  if (data.kind !== "fetched") waiter.resolve(data.bytes instanceof ArrayBuffer ? new Uint8Array(data.bytes) : null);
  else if (data.error) waiter.reject(new TypeError(String(data.error)));
  else waiter.resolve(data);
});

/** A Response of the page's answer (its body a Blob, which any number of Responses can read). */
function response(data) {
  return new Response(data.status === 204 || data.status === 304 ? null : data.body ?? null, {
    status: data.status,
    statusText: String(data.statusText ?? ""),
    headers: data.type ? { "content-type": String(data.type) } : {},
  });
}

function ask(message) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    self.postMessage({ ...message, id });
  });
}

/** The absolute URL a request names, or null. */
function urlOf(input) {
  const raw = typeof input === "string" ? input : input instanceof URL ? input.href : input?.url;
  try {
    return new URL(raw, workerURL).href;
  } catch {
    return null;
  }
}

// Bytes announced (Content-Length) by other hosts' answers: Pyodide's CDN and
// PyPI, whose packages the lock gives no size for; the installer's progress
// line adds them up (kernel_py/browser/worker_entry.py).
self.rivuletDownloaded = 0;

function counted(response) {
  const length = Number(response.headers.get("content-length"));
  if (Number.isSafeInteger(length) && length > 0) self.rivuletDownloaded += length;
  return response;
}

self.fetch = (input, init) => {
  const url = urlOf(input);
  if (url === null || !url.startsWith(siteURL)) return realFetch(input, init).then(counted);
  const method = String(init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  const early = preloaded.get(url);
  if (method !== "GET" || !early || early.failed) return ask({ kind: "fetch", url, method }).then(response);
  // A file read ahead answers every fetch of it (WebAssembly is fetched twice: worker.js
  // compiles Pyodide's ahead, Pyodide's glue fetches it too); one that failed is asked for again.
  return early.answer.then((got) => {
    if (!got.error) return response(got);
    early.failed = true;
    throw new TypeError(String(got.error));
  });
};

// worker.js loads Pyodide through this hook: its loader (pyodide.js) and glue
// (pyodide.asm.js, built from pyodide.asm.mjs) ran as classic scripts before
// this one, in the same worker script (inside.js): nothing is imported.
/* global RIVULET_PYODIDE_VERSION */
self.rivuletImportPyodide = async () => {
  const loadPyodide = self.loadPyodide;
  const createPyodideModule = self.rivuletPyodideAsm?.default;
  if (typeof loadPyodide !== "function" || typeof createPyodideModule !== "function") {
    throw new Error("Pyodide's scripts did not load in the kernel's frame");
  }
  return {
    version: RIVULET_PYODIDE_VERSION,
    createPyodideModule,
    loadPyodide: (options) => loadPyodide({ createPyodideModule, ...options }),
  };
};

// Snapshots live in the page's Cache API (this origin has none): the page
// gives this build's snapshot before the kernel is ready, and takes one only
// then (frame/host.js).
self.rivuletSnapshots = {
  read: (key) => ask({ kind: "snapshot-read", key }),
  // the site's own snapshot, checked by the frame: {form, bytes} or null (worker-snapshot.js)
  site: () => siteSnapshot.answer,
  // ...and, unzipped here, handed back for the page to keep (it checks it)
  keep(bytes) {
    self.postMessage({ kind: "snapshot-keep", bytes }, [bytes.buffer]);
  },
  offer(key, bytes) {
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    self.postMessage({ kind: "snapshot-offer", key, bytes: own }, [own.buffer]);
  },
  drop(key) {
    self.postMessage({ kind: "snapshot-drop", key });
  },
};

// mo.persistent_cache's files, kept by the page for the notebook it has open
// (kernel_py/browser/cache_store.py): read answers bytes or null.
self.rivuletCacheStore = {
  read: (name) => ask({ kind: "cache-read", name: String(name) }),
  write(name, bytes) {
    const own = bytes.slice(); // a copy of its own, to transfer
    self.postMessage({ kind: "cache-write", name: String(name), bytes: own.buffer }, [own.buffer]);
  },
};
