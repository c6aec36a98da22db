import { test } from "node:test";
import assert from "node:assert/strict";
import { coalesce } from "../src/widgets/coalesce.js";

const done = { v: 1, type: "done", request: "set_ui_value" };

test("while one value is in flight, only the latest per widget waits", () => {
  const sent = [];
  const ui = coalesce((r) => sent.push(r));
  for (let v = 1; v <= 50; v++) ui.send({ type: "set_ui_value", widget: "slider", value: v });
  assert.deepEqual(sent.map((r) => r.value), [1]);
  ui.receive(done);
  assert.deepEqual(sent.map((r) => r.value), [1, 50]);
  ui.receive(done);
  assert.equal(sent.length, 2);
  assert.equal(ui.pending, 0);
  assert.deepEqual(ui.stats, { requested: 50, sent: 2 });
});

test("widgets take turns, the most recently changed last", () => {
  const sent = [];
  const ui = coalesce((r) => sent.push(r));
  ui.send({ type: "set_ui_value", widget: "a", value: 1 });
  ui.send({ type: "set_ui_value", widget: "b", value: 1 });
  ui.send({ type: "set_ui_value", widget: "a", value: 2 });
  ui.receive(done);
  ui.receive(done);
  assert.deepEqual(sent.map((r) => [r.widget, r.value]), [["a", 1], ["b", 1], ["a", 2]]);
});

test("other requests pass straight through; a reset frees the line", () => {
  const sent = [];
  const ui = coalesce((r) => sent.push(r));
  ui.send({ type: "set_ui_value", widget: "a", value: 1 });
  ui.send({ type: "run", cells: [] });
  ui.send({ type: "set_ui_value", widget: "a", value: 2 });
  assert.deepEqual(sent.map((r) => r.type), ["set_ui_value", "run"]);
  ui.reset();
  assert.deepEqual(sent.map((r) => r.value ?? null), [1, null, 2]);
});

test("a widget's message goes after that widget's waiting value, not before it", () => {
  const sent = [];
  const ui = coalesce((r) => sent.push(r));
  ui.send({ type: "set_ui_value", widget: "w", value: 1 });
  ui.send({ type: "set_ui_value", widget: "w", value: 2 }); // waits: 1 is in flight
  ui.send({ type: "ui_message", widget: "w", content: "after 2" });
  ui.send({ type: "ui_message", widget: "other", content: "x" });
  assert.deepEqual(sent.map((r) => r.value ?? r.content), [1, 2, "after 2", "x"]);
  assert.equal(ui.pending, 2);
  ui.receive(done);
  ui.receive(done);
  assert.equal(ui.pending, 0);
});
