// What a widget's sandboxed frame may send to Python (web/src/widgets/anywidget.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkMessage, checkSave } from "../src/widgets/anywidget.js";
import { FRAME_HTML } from "../src/widgets/anywidget_frame.js";

const known = { count: 0, label: "clicks" };

test("a frame's save passes when it changes traits the kernel sent", () => {
  assert.deepEqual(checkSave({ count: 3 }, known), { count: 3 });
  assert.deepEqual(checkSave({ count: 3, label: "x" }, known), { count: 3, label: "x" });
});

test("only the traits the kernel sent go to Python", () => {
  assert.deepEqual(checkSave({ count: 1, evil: 2, constructor: 3 }, known), { count: 1 });
});

test("a frame's save that names no known trait, is not an object, or is too big is dropped", () => {
  for (const bad of [null, 3, "count", [1], {}, { __proto__x: 2 }, { constructor: 1 }, { toString: 1 }]) {
    assert.equal(checkSave(bad, known), null, JSON.stringify(bad));
  }
  assert.equal(checkSave({ label: "x".repeat(5 * 1024 * 1024) }, known), null);
  const cyclic = { count: 1 };
  cyclic.label = cyclic;
  assert.equal(checkSave(cyclic, known), null);
});

test("the frame's host is a self-contained inline module", () => {
  assert.match(FRAME_HTML, /^<script type="module">\(function bridge\(\)/);
  assert.ok(!FRAME_HTML.slice(0, -9).includes("</script"));
});

test("a custom message goes to Python as a JSON copy, unless it cannot be JSON or is too big", () => {
  const content = { ping: 1, nested: [1, "two"] };
  const copy = checkMessage(content);
  assert.deepEqual(copy, content);
  assert.notEqual(copy, content);
  assert.equal(checkMessage(undefined), null);
  assert.equal(checkMessage("x".repeat(5 * 1024 * 1024)), undefined);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal(checkMessage(cyclic), undefined);
  assert.equal(checkMessage(10n), undefined);
});
