// Version history in this origin's IndexedDB (the rules are in
// version-rules.js). Only the trusted page opens it: notebook code runs in an
// opaque-origin frame, which has no access to this origin's databases.
// Opened on first use; where IndexedDB is refused (some private windows),
// `available` resolves to false and every call is a no-op.

import { MAX_VERSION_CHARS, versionsToDrop } from "./version-rules.js";

const DB_NAME = "rivulet-history";
const STORE = "versions";

const settle = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

const finished = (tx) =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });

/** This origin's IndexedDB, or null where the browser refuses it (reading it may throw). */
function browserIndexedDB() {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

export function openVersions(factory = browserIndexedDB()) {
  let db = null;
  function connect() {
    db ??= new Promise((resolve, reject) => {
      const req = factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true }).createIndex("origin", "origin");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error("blocked"));
    });
    return db;
  }
  async function objects(mode) {
    return (await connect()).transaction(STORE, mode).objectStore(STORE);
  }

  const api = {
    /** Resolves to whether history can be kept in this window. */
    async available() {
      try {
        if (!factory) return false;
        await connect();
        return true;
      } catch {
        return false;
      }
    },
    /** The versions of notebook `origin`, newest first. */
    async list(origin) {
      if (!(await api.available())) return [];
      const found = await settle((await objects("readonly")).index("origin").getAll(origin));
      return found.sort((a, b) => b.savedAt - a.savedAt || b.id - a.id);
    },
    /** Keep `text` as a version of notebook `origin` (not if it repeats the newest one). */
    async add({ text, origin, name, source }, reason) {
      if (!text || !origin || text.length > MAX_VERSION_CHARS || !(await api.available())) return null;
      const newest = (await api.list(origin))[0];
      if (newest?.text === text) return null;
      const record = { origin, name, source, text, reason, savedAt: Date.now() };
      record.id = await settle((await objects("readwrite")).add(record));
      await api.trim();
      return record;
    },
    /** Drop what exceeds the caps. */
    async trim() {
      const store = await objects("readwrite");
      const drop = versionsToDrop(await settle(store.getAll()));
      for (const id of drop) store.delete(id);
      await finished(store.transaction);
    },
    /** Forget the versions of every notebook not in `origins` (deleted, or evicted from storage). */
    async keepOnly(origins) {
      // not even created (nothing was ever kept): leave it so
      if (!factory || (factory.databases && !(await factory.databases()).some((d) => d.name === DB_NAME))) return;
      if (!(await api.available())) return;
      const keep = new Set(origins);
      const store = await objects("readwrite");
      const all = await settle(store.getAll());
      for (const v of all) if (!keep.has(v.origin)) store.delete(v.id);
      await finished(store.transaction);
    },
  };
  return api;
}
