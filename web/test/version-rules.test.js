import { test } from "node:test";
import assert from "node:assert/strict";
import { diffLines } from "diff";
import { EVERY, diffRows, dueVersions, summary, versionsToDrop } from "../src/shell/version-rules.js";

test("the first autosave in a page keeps the text the notebook was opened with", () => {
  const { record, seen } = dueVersions({ origin: "a", text: "v2", openedText: "v1" }, undefined, 1000);
  assert.deepEqual(record, [{ text: "v1", reason: "opened" }]);
  assert.deepEqual(seen, { lastAt: 1000, lastText: "v1" });
});

test("then at most one version every few minutes of editing, and none for an unchanged text", () => {
  let seen = { lastAt: 0, lastText: "v1" };
  assert.deepEqual(dueVersions({ text: "v2" }, seen, EVERY - 1).record, []);
  const later = dueVersions({ text: "v2" }, seen, EVERY);
  assert.deepEqual(later.record, [{ text: "v2", reason: "edited" }]);
  seen = later.seen;
  assert.deepEqual(dueVersions({ text: "v2" }, seen, 3 * EVERY).record, []);
});

const v = (id, origin, size, savedAt, source = "edit") => ({ id, origin, text: "x".repeat(size), savedAt, source });

test("each notebook keeps its newest versions", () => {
  const all = [v(1, "a", 1, 1), v(2, "a", 1, 2), v(3, "a", 1, 3), v(4, "b", 1, 4)];
  assert.deepEqual(versionsToDrop(all, { keep: 2 }).sort(), [1]);
});

test("over the budget, versions of link notebooks go first, then the oldest", () => {
  const all = [v(1, "mine", 40, 1), v(2, "link", 40, 5, "link"), v(3, "mine", 40, 6)];
  assert.deepEqual(versionsToDrop(all, { budget: 80 }), [2]);
  assert.deepEqual(versionsToDrop(all, { budget: 40 }).sort(), [1, 2]);
  assert.deepEqual(versionsToDrop(all, { budget: 1000 }), []);
});

test("a summary says why a version was kept, its cells and lines", () => {
  const text = "import marimo\napp = marimo.App()\n@app.cell\ndef _():\n    return\n@app.cell\ndef _():\n    return\n";
  assert.equal(summary({ text, reason: "opened" }), "When opened · 2 cells · 9 lines");
  assert.equal(summary({ text: "x", reason: "before-restore" }), "Before a restore · 0 cells · 1 lines");
});

test("a line diff shows the changes with some context and folds the rest", () => {
  const before = ["a", "b", "c", "d", "e", "f", "g", "h"].join("\n") + "\n";
  const after = ["a", "b", "c", "d", "E", "f", "g", "h"].join("\n") + "\n";
  const rows = diffRows(diffLines(before, after), 1);
  assert.deepEqual(rows, [
    { kind: "…", text: "" },
    { kind: " ", text: "d" },
    { kind: "-", text: "e" },
    { kind: "+", text: "E" },
    { kind: " ", text: "f" },
    { kind: "…", text: "" },
  ]);
  assert.deepEqual(diffRows(diffLines(before, before)).filter((r) => r.kind !== "…"), []);
});

test("a notebook's text is shown as text, whatever it contains", () => {
  const rows = diffRows(diffLines("", "<img src=x onerror=alert(1)>\n"));
  assert.deepEqual(rows, [{ kind: "+", text: "<img src=x onerror=alert(1)>" }]);
});
