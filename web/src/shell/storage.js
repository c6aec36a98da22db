// Autosave in this browser: the notebook being edited, and a short list of
// the notebooks edited before it (the header's "Recent" menu shows them).
//
// Notebooks from links are untrusted: one may be huge or be opened many times
// to push the user's work out. So: an entry larger than MAX_STORED_CHARS is
// not stored (the user is told to download it); the previous list has a count
// and a size budget, and when it must shrink, notebooks that came from links
// go first; a failing write (quota) first drops link notebooks, never the
// user's own ones.
//
// An entry: {text, origin, name, source: "link" | "file" | "new" | "edit", savedAt}.
// `origin` identifies one notebook across its autosaves, and there is one
// entry per origin (in the current slot or in the list): `file:<url>` for a
// `?file=` notebook, a random id for a new one or one opened from a link. The current slot keeps its key, 'rivulet:autosave', for
// compatibility; `get`, `entries`, `put` and `remove` see every entry.

export const AUTOSAVE = "rivulet:autosave";
export const PREVIOUS = "rivulet:autosave:previous";
export const MAX_STORED_CHARS = 1_000_000;
export const KEEP_PREVIOUS = 8;
export const PREVIOUS_BUDGET = 2_500_000; // characters, all previous entries together

const size = (entries) => entries.reduce((n, e) => n + (e.text?.length ?? 0), 0);

/** Shrink a newest-first list to `keep` entries and `budget` characters, dropping link notebooks first. */
export function trimPrevious(entries, { keep = KEEP_PREVIOUS, budget = PREVIOUS_BUDGET } = {}) {
  const out = [...entries];
  while (out.length && (out.length > keep || size(out) > budget)) {
    let victim = -1;
    for (let i = out.length - 1; i >= 0; i--) if (out[i].source === "link") { victim = i; break; }
    out.splice(victim >= 0 ? victim : out.length - 1, 1);
  }
  return out;
}

const isEntry = (e) => e && typeof e === "object" && typeof e.text === "string" && e.text !== "";

export class StoreError extends Error {}

/** Forget the outputs kept to show notebooks before Python boots (shell/last-outputs.js). */
function dropCachedOutputs(storage) {
  const keys = [];
  for (let i = 0; i < (storage.length ?? 0); i++) keys.push(storage.key(i));
  for (const key of keys) if (key?.startsWith("rivulet:outputs")) storage.removeItem(key);
}

/**
 * This browser's localStorage, or a store in memory where the browser refuses
 * it (a cross-site embed with third-party storage blocked, some private
 * windows): the notebook still opens and runs; nothing is kept.
 */
export function browserStorage() {
  try {
    const storage = globalThis.localStorage;
    storage.getItem("rivulet:probe");
    return storage;
  } catch {
    const map = new Map();
    return {
      unavailable: true,
      getItem: (k) => (map.has(k) ? map.get(k) : null),
      setItem: (k, v) => void map.set(k, String(v)),
      removeItem: (k) => void map.delete(k),
    };
  }
}

export function createStore(storage = browserStorage()) {
  const read = (key, fallback) => {
    try {
      return JSON.parse(storage.getItem(key) ?? "null") ?? fallback;
    } catch {
      return fallback;
    }
  };
  const previous = () => (Array.isArray(read(PREVIOUS, [])) ? read(PREVIOUS, []).filter(isEntry) : []);

  return {
    /** The notebook being edited, or null. */
    current() {
      const saved = read(AUTOSAVE, null);
      return isEntry(saved) ? saved : null;
    },
    previous,
    /**
     * Autosave `entry` as the notebook being edited; the one it replaces (a
     * different notebook) moves to the previous list. Throws StoreError with
     * a message for the user when it cannot be stored.
     */
    save({ text, origin, name, source }) {
      if (!text) return;
      if (text.length > MAX_STORED_CHARS) {
        throw new StoreError(
          `This notebook is too large to keep in this browser (${(text.length / 1e6).toFixed(1)} M characters): download it to keep your changes.`,
        );
      }
      const saved = this.current();
      let list = saved && saved.origin !== origin ? trimPrevious([saved, ...previous().filter((e) => e.origin !== origin)]) : null;
      const record = JSON.stringify({ text, origin, name, source, savedAt: Date.now() });
      try {
        try {
          if (list) storage.setItem(PREVIOUS, JSON.stringify(list));
          storage.setItem(AUTOSAVE, record);
        } catch {
          // full: cached outputs (a speed-up only) and notebooks from links give way, the user's own never do
          dropCachedOutputs(storage);
          list = (list ?? previous()).filter((e) => e.source !== "link");
          storage.setItem(PREVIOUS, JSON.stringify(list));
          storage.setItem(AUTOSAVE, record);
        }
      } catch (err) {
        throw new StoreError(`Autosave failed (${err.name}): download the notebook to keep your changes.`);
      }
    },
    /** The stored entry of notebook `origin` (current or previous), or null. */
    get(origin) {
      const saved = this.current();
      if (saved?.origin === origin) return saved;
      return previous().find((e) => e.origin === origin) ?? null;
    },
    /** Every stored notebook, the current one first. */
    entries() {
      const saved = this.current();
      return saved ? [saved, ...previous().filter((e) => e.origin !== saved.origin)] : previous();
    },
    /**
     * Store `entry` without making it the current notebook: it replaces the
     * current slot if it is that notebook, else it goes first in the list
     * (`savedAt`, if given, keeps its time: a rename, an undone delete).
     */
    put({ text, origin, name, source, savedAt }) {
      if (!text) return;
      if (this.current()?.origin === origin) return this.save({ text, origin, name, source });
      if (text.length > MAX_STORED_CHARS) throw new StoreError("This notebook is too large to keep in this browser: download it to keep it.");
      const record = { text, origin, name, source, savedAt: savedAt ?? Date.now() };
      const list = trimPrevious([record, ...previous().filter((e) => e.origin !== origin)]);
      try {
        storage.setItem(PREVIOUS, JSON.stringify(list));
      } catch (err) {
        throw new StoreError(`Could not keep the notebook in this browser (${err.name}): download it to keep it.`);
      }
    },
    /** Forget notebook `origin` (wherever it is stored). */
    remove(origin) {
      if (this.current()?.origin === origin) storage.removeItem(AUTOSAVE);
      const list = previous();
      if (list.some((e) => e.origin === origin)) storage.setItem(PREVIOUS, JSON.stringify(list.filter((e) => e.origin !== origin)));
    },
    /** Take entry `origin` out of the previous list (to open it). */
    take(origin) {
      const list = previous();
      const entry = list.find((e) => e.origin === origin) ?? null;
      if (entry) storage.setItem(PREVIOUS, JSON.stringify(list.filter((e) => e !== entry)));
      return entry;
    },
  };
}
