import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_ENTRY, createLastOutputs, textKey } from "../src/shell/last-outputs.js";

function memory() {
  const map = new Map();
  return { map, getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => void map.set(k, String(v)), removeItem: (k) => void map.delete(k) };
}

function runOnce(last, text, output, origin = "o1", source = "link") {
  last.track({ text, origin, source });
  last.event({ type: "notebook", cells: [{ id: "a", code: "1" }] });
  last.event({ type: "output", cell: "a", output });
  last.event({ type: "status", cell: "a", status: "idle" });
  last.event({ type: "done" });
}

test("a run's outputs come back for the same text only", () => {
  const last = createLastOutputs(memory());
  runOnce(last, "nb", { "text/plain": "1" });
  assert.deepEqual(last.recall("nb")[0].outputs, [{ "text/plain": "1" }]);
  assert.equal(last.recall("other"), null);
  assert.notEqual(textKey("nb"), textKey("nb "));
});

test("an entry over the cap is not kept, and an autosaved notebook's outputs leave with it", () => {
  const storage = memory();
  let kept = ["o1"];
  const last = createLastOutputs(storage, () => kept);
  runOnce(last, "big", { "text/plain": "x".repeat(MAX_ENTRY) });
  assert.equal(last.recall("big"), null);
  runOnce(last, "mine", { "text/plain": "1" }, "o1", "edit");
  kept = [];
  runOnce(last, "next", { "text/plain": "2" }, "o2", "link");
  assert.equal(last.recall("mine"), null);
  assert.ok(last.recall("next"));
});

test("running edited code stops the recording", () => {
  const last = createLastOutputs(memory());
  last.track({ text: "nb", origin: "o", source: "link" });
  last.event({ type: "notebook", cells: [{ id: "a", code: "1" }] });
  last.sent({ type: "run", cells: [{ id: "a", code: "2" }] });
  last.event({ type: "output", cell: "a", output: { "text/plain": "2" } });
  last.event({ type: "done" });
  assert.equal(last.recall("nb"), null);
});
