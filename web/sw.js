// Rivulet's service worker: the site keeps working offline after a first visit.
//
// build.py writes dist/sw.js from this file, replacing the MANIFEST line with
// this build's version (a hash of every file it lists) and the files to cache.
// A new deploy changes the version, so the browser installs the new worker:
// it caches the new build in a cache of its own, takes over at once, and
// deletes the caches of older builds.
//
// - Shell pages (navigations: index.html, gallery/index.html): network first,
//   so a new deploy is seen at once; the cached copy when offline.
// - Notebooks and the gallery index (gallery/*.py, *.json, data): network
//   first, cached copy when offline.
// - Everything else this build lists (hashed assets, Pyodide's core, wheels):
//   cache first; they never change under the same name within a build.
// - Requests to other hosts (packages from Pyodide's CDN, PyPI) and any
//   non-GET/HEAD request (rivulet edit's save-back) are not touched.

const MANIFEST = self.__RIVULET_MANIFEST__ ?? { version: "dev", precache: [], runtime: [], network: [] };
const PREFIX = "rivulet-";
const CACHE = PREFIX + MANIFEST.version;
const SCOPE = new URL(self.registration.scope);
const NAVIGATION_TIMEOUT = 5000; // ms before a hanging network gives way to the cached page

const key = (path) => new URL(path, SCOPE).pathname;
const precached = new Set(MANIFEST.precache.map(key));
const runtime = new Set(MANIFEST.runtime.map(key)); // cache first, fetched on first use
const networkFirst = new Set(MANIFEST.network.map(key));

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Revalidate with the server (cheap 304s) rather than trust the HTTP cache.
      await cache.addAll(MANIFEST.precache.map((path) => new Request(new URL(path, SCOPE), { cache: "no-cache" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // Control the open pages at once (a first visit then works offline
      // without a reload).
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "rivulet:version") event.source?.postMessage({ type: "rivulet:version", version: MANIFEST.version });
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" && request.method !== "HEAD") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  let path = url.pathname;
  if (path.endsWith("/")) path += "index.html";
  if (request.mode === "navigate" || networkFirst.has(path)) {
    if (precached.has(path) || networkFirst.has(path)) event.respondWith(fromNetwork(request, path));
    return;
  }
  if (precached.has(path) || runtime.has(path)) event.respondWith(fromCache(request, path));
});

/** Cache first (a HEAD is answered with the cached GET's headers). */
async function fromCache(request, path) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(path, { ignoreSearch: true });
  if (hit) return request.method === "HEAD" ? headOf(hit) : hit;
  const response = await fetch(request);
  if (request.method === "GET" && response.ok && response.type === "basic" && runtime.has(path)) {
    cache.put(path, response.clone()).catch(() => {});
  }
  return response;
}

/** Network first, the cached copy when the network fails or hangs. */
async function fromNetwork(request, path) {
  const cached = () => caches.open(CACHE).then((c) => c.match(path, { ignoreSearch: true }));
  try {
    const response = await withTimeout(fetch(request), request.mode === "navigate" ? NAVIGATION_TIMEOUT : 0);
    // Keep the newest copy of a notebook or data file for offline use (never of
    // a page: the cached page must stay the one this build's assets belong to).
    if (request.method === "GET" && request.mode !== "navigate" && response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(path, copy)).catch(() => {});
    }
    return response;
  } catch (err) {
    const hit = await cached();
    if (hit) return request.method === "HEAD" ? headOf(hit) : hit;
    throw err;
  }
}

function withTimeout(promise, ms) {
  if (!ms) return promise;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("network timeout")), ms);
    promise.then(
      (r) => (clearTimeout(timer), resolve(r)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

function headOf(response) {
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
}
