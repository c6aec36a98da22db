import { test } from "node:test";
import assert from "node:assert/strict";
import { cacheFilesToDrop } from "../src/shell/kernel-cache-rules.js";

const entry = (origin, name, size, at) => ({ origin, name, size, at });

test("nothing is dropped under the caps", () => {
  assert.deepEqual(cacheFilesToDrop([entry("a", "x", 10, 1), entry("b", "y", 10, 2)], { perNotebook: 100, total: 100 }), []);
});

test("a notebook over its cap loses its oldest files, not another notebook's", () => {
  const meta = [entry("a", "old", 60, 1), entry("a", "new", 60, 3), entry("b", "theirs", 60, 2)];
  const dropped = cacheFilesToDrop(meta, { perNotebook: 100, total: 1000 }).map((e) => e.name);
  assert.deepEqual(dropped, ["old"]);
});

test("over the total, the least recently written files go first, whoever wrote them", () => {
  const meta = [entry("a", "1", 40, 1), entry("b", "2", 40, 2), entry("c", "3", 40, 3)];
  assert.deepEqual(cacheFilesToDrop(meta, { perNotebook: 100, total: 100 }).map((e) => e.name), ["1"]);
});

test("a single file larger than the cap is not kept", () => {
  assert.deepEqual(cacheFilesToDrop([entry("a", "huge", 500, 1)], { perNotebook: 100, total: 1000 }).map((e) => e.name), ["huge"]);
});
