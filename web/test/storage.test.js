import { test } from "node:test";
import assert from "node:assert/strict";
import { AUTOSAVE, MAX_STORED_CHARS, PREVIOUS, StoreError, createStore, trimPrevious } from "../src/shell/storage.js";

/** localStorage's interface over a Map, with a quota in characters like the browser's. */
function memoryStorage(quota = Infinity) {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem(k, v) {
      let used = 0;
      for (const [key, value] of map) if (key !== k) used += key.length + value.length;
      if (used + k.length + v.length > quota) {
        const err = new Error("quota");
        err.name = "QuotaExceededError";
        throw err;
      }
      map.set(k, String(v));
    },
    removeItem: (k) => map.delete(k),
  };
}

const entry = (origin, source = "edit", text = `# ${origin}`) => ({ text, origin, name: `${origin}.py`, source });

test("a different notebook's autosave moves the previous one to the list", () => {
  const store = createStore(memoryStorage());
  store.save(entry("a"));
  store.save(entry("a", "edit", "# a, edited"));
  store.save(entry("b"));
  assert.equal(store.current().origin, "b");
  assert.deepEqual(store.previous().map((e) => [e.origin, e.text]), [["a", "# a, edited"]]);
});

test("a notebook too large to store is refused, and the user's work stays", () => {
  const storage = memoryStorage();
  const store = createStore(storage);
  store.save(entry("mine"));
  assert.throws(() => store.save(entry("huge", "link", "x".repeat(MAX_STORED_CHARS + 1))), StoreError);
  assert.equal(store.current().origin, "mine");
  assert.deepEqual(store.previous(), []);
});

test("links opened many times never push the user's notebooks out", () => {
  const store = createStore(memoryStorage());
  store.save(entry("mine-1"));
  store.save(entry("mine-2"));
  for (let i = 0; i < 30; i++) store.save(entry(`link-${i}`, "link"));
  const origins = store.previous().map((e) => e.origin);
  assert.ok(origins.includes("mine-1") && origins.includes("mine-2"), origins.join());
});

test("trimming drops link notebooks first, then the oldest", () => {
  const list = [entry("l1", "link"), entry("m1"), entry("l2", "link"), entry("m2")];
  assert.deepEqual(trimPrevious(list, { keep: 2 }).map((e) => e.origin), ["m1", "m2"]);
  assert.deepEqual(trimPrevious([entry("m1"), entry("m2"), entry("m3")], { keep: 2 }).map((e) => e.origin), ["m1", "m2"]);
});

test("a full storage drops link notebooks to keep saving the user's work", () => {
  const storage = memoryStorage(4000);
  const store = createStore(storage);
  store.save(entry("mine"));
  store.save(entry("link", "link", "L".repeat(2500)));
  store.save(entry("mine-2", "edit", "M".repeat(1000))); // does not fit next to the link notebook
  assert.equal(store.current().origin, "mine-2");
  assert.deepEqual(store.previous().map((e) => e.origin), ["mine"]);
});

test("take removes an entry from the list", () => {
  const store = createStore(memoryStorage());
  store.save(entry("a"));
  store.save(entry("b"));
  assert.equal(store.take("a").origin, "a");
  assert.deepEqual(store.previous(), []);
  assert.equal(store.take("zzz"), null);
});

test("garbage in storage reads as nothing", () => {
  const storage = memoryStorage();
  storage.setItem(AUTOSAVE, "{not json");
  storage.setItem(PREVIOUS, JSON.stringify([null, 3, { text: 5 }]));
  const store = createStore(storage);
  assert.equal(store.current(), null);
  assert.deepEqual(store.previous(), []);
});

test("where the browser refuses storage, notebooks still save (in memory)", () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
  Object.defineProperty(globalThis, "localStorage", { configurable: true, get() { throw new Error("SecurityError"); } });
  try {
    const store = createStore();
    store.save(entry("mine"));
    assert.equal(store.current().origin, "mine");
  } finally {
    if (saved) Object.defineProperty(globalThis, "localStorage", saved);
    else delete globalThis.localStorage;
  }
});

test("one entry per notebook: get finds it in the current slot or the list, entries lists all", () => {
  const store = createStore(memoryStorage());
  store.save(entry("a"));
  store.save(entry("b"));
  store.save(entry("b", "edit", "# b, edited"));
  assert.equal(store.get("a").text, "# a");
  assert.equal(store.get("b").text, "# b, edited");
  assert.equal(store.get("zzz"), null);
  assert.deepEqual(store.entries().map((e) => e.origin), ["b", "a"]);
});

test("put stores a notebook without making it current; remove forgets it", () => {
  const storage = memoryStorage();
  const store = createStore(storage);
  store.save(entry("a"));
  store.put(entry("copy"));
  assert.equal(store.current().origin, "a");
  assert.deepEqual(store.previous().map((e) => e.origin), ["copy"]);
  store.put(entry("a", "edit", "# a again"));
  assert.equal(store.current().text, "# a again");
  store.remove("copy");
  store.remove("a");
  assert.deepEqual(store.entries(), []);
});

test("put keeps the link caps: links never push the user's notebooks out", () => {
  const store = createStore(memoryStorage());
  store.put(entry("mine"));
  for (let i = 0; i < 30; i++) store.put(entry(`link-${i}`, "link"));
  assert.ok(store.previous().some((e) => e.origin === "mine"));
});

test("a full storage drops cached outputs before failing the user's save", () => {
  const storage = memoryStorage(3000);
  storage.length = 0;
  Object.defineProperty(storage, "length", { get: () => storage.map.size });
  storage.key = (i) => [...storage.map.keys()][i] ?? null;
  storage.setItem("rivulet:outputs:abc", "O".repeat(2000));
  const store = createStore(storage);
  store.save(entry("mine", "edit", "M".repeat(1500)));
  assert.equal(store.current().origin, "mine");
  assert.equal(storage.getItem("rivulet:outputs:abc"), null);
});
