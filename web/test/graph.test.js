// The dependency graph's pure parts: edges from the kernel's variables, and
// what re-runs when a cell changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { descendantsOf, edgesOf } from "../src/view/graph.js";

const variables = [
  { name: "a", defined_by: "A", read_by: ["B", "C"] },
  { name: "b", defined_by: "B", read_by: ["C"] },
  { name: "b2", defined_by: "B", read_by: ["C"] },
  { name: "x", defined_by: null, read_by: ["D"] },
  { name: "self", defined_by: "D", read_by: ["D"] },
];

test("one edge per pair of cells, naming every variable that flows along it", () => {
  assert.deepEqual(edgesOf(variables), [
    { from: "A", to: "B", names: ["a"] },
    { from: "A", to: "C", names: ["a"] },
    { from: "B", to: "C", names: ["b", "b2"] },
  ]);
});

test("a change re-runs the cell's descendants, not itself nor unrelated cells", () => {
  const edges = edgesOf(variables);
  assert.deepEqual([...descendantsOf("A", edges)].sort(), ["B", "C"]);
  assert.deepEqual([...descendantsOf("B", edges)], ["C"]);
  assert.deepEqual([...descendantsOf("D", edges)], []);
});

test("a cycle terminates", () => {
  const edges = [{ from: "X", to: "Y", names: ["x"] }, { from: "Y", to: "X", names: ["y"] }];
  assert.deepEqual([...descendantsOf("X", edges)], ["Y"]);
});
