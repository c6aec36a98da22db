// Ruff's formatter applied to cells (src/format/format-cells.js): the one edit
// that turns the code into Ruff's, and Ruff's errors as people read them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { describeError, minimalChange } from "../src/format/format-cells.js";

const apply = (text, c) => text.slice(0, c.from) + c.insert + text.slice(c.to);

test("the edit covers only what changed, and applying it gives the formatted code", () => {
  for (const [before, after] of [
    ["x=[1,2 ,3]", "x = [1, 2, 3]"],
    ["a = 1\nb=2\nc = 3", "a = 1\nb = 2\nc = 3"],
    ["é=1", "é = 1"],
    ["", "pass"],
    ["x = 1\n\n\n\ny = 2", "x = 1\n\n\ny = 2"],
  ]) {
    const change = minimalChange(before, after);
    assert.equal(apply(before, change), after);
  }
  const change = minimalChange("a = 1\nb=2\nc = 3", "a = 1\nb = 2\nc = 3");
  assert.ok(change.from >= 6 && change.to <= 10, "the first and last lines are untouched");
  assert.equal(minimalChange("x = 1", "x = 1"), null);
});

test("a parse error names the line, not a byte range", () => {
  const code = "é = (1,\nb=3";
  assert.equal(describeError(code, new Error("Expected ')', found name at byte range 10..11")), "Expected ')', found name (line 2)");
  assert.equal(describeError("x", "odd failure"), "odd failure");
});
