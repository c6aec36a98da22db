// The page's theme (src/shell/theme.js): the palette's command goes system ->
// light -> dark -> system and remembers the choice; odd stored values are ignored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { THEME_KEY, storedTheme, switchTheme } from "../src/shell/theme.js";

function fakes() {
  const map = new Map();
  const storage = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, String(v)), removeItem: (k) => map.delete(k) };
  const root = Object.assign(new EventTarget(), { dataset: {} });
  return { map, storage, root };
}

test("switching goes through light, dark and the system's, and is remembered", () => {
  const { map, storage, root } = fakes();
  const told = [];
  root.addEventListener("rv-theme", (e) => told.push(e.detail.theme));
  assert.equal(switchTheme(storage, root), "light");
  assert.equal(map.get(THEME_KEY), "light");
  assert.equal(switchTheme(storage, root), "dark");
  assert.equal(root.dataset.theme, "dark");
  assert.equal(storedTheme(storage), "dark");
  assert.equal(switchTheme(storage, root), undefined);
  assert.equal(root.dataset.theme, undefined);
  assert.equal(map.has(THEME_KEY), false);
  assert.deepEqual(told, ["light", "dark", null]);
});

test("a stored value that is not a theme is the system's", () => {
  const { storage } = fakes();
  storage.setItem(THEME_KEY, "<img>");
  assert.equal(storedTheme(storage), undefined);
  assert.equal(storedTheme({ getItem: () => { throw new Error("denied"); } }), undefined);
});
