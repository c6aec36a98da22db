import { test } from "node:test";
import assert from "node:assert/strict";
import { registerOffline } from "../src/shell/offline.js";

function fakes({ protocol = "https:", edit = false, readyState = "complete" } = {}) {
  const calls = [];
  const nav = { serviceWorker: { register: async (url, options) => (calls.push([String(url), options]), "registered") } };
  const doc = { readyState, querySelector: (sel) => (edit && sel.includes("rivulet-edit") ? {} : null) };
  const listeners = {};
  const win = { location: { protocol }, addEventListener: (type, fn) => (listeners[type] = fn) };
  return { calls, nav, doc, win, listeners };
}

test("registers the service worker one level above the bundle, for the whole site", async () => {
  const f = fakes();
  assert.equal(await registerOffline(f), "registered");
  const [[url, options]] = f.calls;
  assert.ok(url.endsWith("/web/src/sw.js"), url); // bundled: dist/assets/x.js -> dist/sw.js
  assert.equal(options.scope, new URL("./", url).pathname);
});

test("waits for the page to load before caching the site", async () => {
  const f = fakes({ readyState: "loading" });
  const pending = registerOffline(f);
  assert.equal(f.calls.length, 0);
  f.listeners.load();
  assert.equal(await pending, "registered");
  assert.equal(f.calls.length, 1);
});

test("not on rivulet edit's server, file://, or without service workers", () => {
  assert.equal(registerOffline(fakes({ edit: true })), null);
  assert.equal(registerOffline(fakes({ protocol: "file:" })), null);
  assert.equal(registerOffline({ ...fakes(), nav: {} }), null);
});
