import { test } from "node:test";
import assert from "node:assert/strict";
import { addPrinted, closeEntries } from "../src/view/print-log-rules.js";

const fresh = () => ({ entries: [], chars: 0 });

test("chunks from one cell and stream join; another cell or stream starts an entry", () => {
  const log = fresh();
  assert.equal(addPrinted(log, { cell: "a", stream: "stdout", text: "1\n" }), "added");
  assert.equal(addPrinted(log, { cell: "a", stream: "stdout", text: "2\n" }), "joined");
  assert.equal(addPrinted(log, { cell: "a", stream: "stderr", text: "oops\n" }), "added");
  assert.equal(addPrinted(log, { cell: "b", stream: "stderr", text: "x" }), "added");
  assert.deepEqual(log.entries.map((e) => [e.cell, e.stream, e.text]), [["a", "stdout", "1\n2\n"], ["a", "stderr", "oops\n"], ["b", "stderr", "x"]]);
  assert.equal(log.chars, 10);
});

test("a new run of the same cell starts a new entry", () => {
  const log = fresh();
  addPrinted(log, { cell: "a", stream: "stdout", text: "run 1\n" });
  closeEntries(log);
  assert.equal(addPrinted(log, { cell: "a", stream: "stdout", text: "run 2\n" }), "added");
  assert.equal(log.entries.length, 2);
});

test("the oldest entries go past the caps, and one huge entry keeps its end", () => {
  const log = fresh();
  for (let i = 0; i < 5; i++) addPrinted(log, { cell: String(i), stream: "stdout", text: "x".repeat(10) }, { maxEntries: 3, maxChars: 1000 });
  assert.deepEqual(log.entries.map((e) => e.cell), ["2", "3", "4"]);
  assert.equal(log.chars, 30);
  const big = fresh();
  addPrinted(big, { cell: "a", stream: "stdout", text: "a".repeat(50) + "END" }, { maxChars: 20 });
  assert.equal(big.entries[0].text.length, 20);
  assert.ok(big.entries[0].text.endsWith("END") && big.entries[0].text.startsWith("…"));
  assert.equal(big.chars, 20);
});
