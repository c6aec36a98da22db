// mo.persistent_cache's files, kept by the trusted page in this origin's
// IndexedDB for the notebook that wrote them, so cached results outlive a
// reload or a kernel restart (the kernel's file system is in memory and its
// frame has no storage: frame/host.js relays the reads and writes, checking
// names and sizes). The bytes are the notebook's pickles: the page stores and
// returns them, and never reads them. Notebooks see only their own files
// (keyed by the notebook's origin: a shared link opens as a notebook of its
// own, so it can neither read nor plant another notebook's results).
// Caps: PER_NOTEBOOK and TOTAL bytes, the least recently written dropped
// first. Where IndexedDB is refused, every call is a no-op.

import { cacheFilesToDrop } from "./kernel-cache-rules.js";

const DB_NAME = "rivulet-kernel-cache";
const FILES = "files"; // [origin, name] -> ArrayBuffer
const META = "meta"; // [origin, name] -> {origin, name, size, at}

const settle = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function browserIndexedDB() {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/** The store for the notebook `originOf()` names at the time of each call. */
export function openKernelCache(originOf, factory = browserIndexedDB()) {
  let db = null;
  const connect = () =>
    (db ??= new Promise((resolve, reject) => {
      const req = factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(FILES);
        req.result.createObjectStore(META, { keyPath: ["origin", "name"] });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error("blocked"));
    }));

  return {
    async read(name) {
      const origin = originOf();
      if (!factory || !origin) return null;
      try {
        const found = await settle((await connect()).transaction(FILES).objectStore(FILES).get([origin, name]));
        return found instanceof ArrayBuffer ? found : null;
      } catch {
        return null;
      }
    },
    async write(name, bytes) {
      const origin = originOf();
      if (!factory || !origin) return;
      try {
        const tx = (await connect()).transaction([FILES, META], "readwrite");
        tx.objectStore(FILES).put(bytes, [origin, name]);
        tx.objectStore(META).put({ origin, name, size: bytes.byteLength, at: Date.now() });
        const meta = await settle(tx.objectStore(META).getAll());
        for (const { origin: o, name: n } of cacheFilesToDrop(meta)) {
          tx.objectStore(FILES).delete([o, n]);
          tx.objectStore(META).delete([o, n]);
        }
      } catch (err) {
        console.warn("rivulet: a cached result was not kept", err);
      }
    },
  };
}
