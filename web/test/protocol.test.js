import { test } from "node:test";
import assert from "node:assert/strict";
import { checkEvent, createReplies, request } from "../src/protocol.js";

const ev = (type, fields) => ({ v: 1, type, ...fields });

test("well-formed events pass", () => {
  const good = [
    ev("notebook", { cells: [{ id: "Hbol", code: "x = 1", name: "_", config: {}, kind: "cell" }], app: {}, problems: [] }),
    ev("status", { cell: "Hbol", status: "idle" }),
    ev("output", { cell: "Hbol", output: { "text/plain": "1" }, error: null, run: "ok" }),
    ev("console", { cell: "Hbol", stream: "stdout", text: "hi\n" }),
    ev("graph", { cells: [{ id: "Hbol", defs: ["x"], refs: [] }] }),
    ev("file", { text: "import marimo" }),
    ev("error", { message: "bad" }),
    ev("done", { request: "run" }),
  ];
  for (const e of good) assert.equal(checkEvent(e), e, e.type);
});

test("malformed or unknown events are dropped", () => {
  const bad = [
    null,
    "text",
    [],
    { type: "status", cell: "a", status: "idle" }, // no version
    ev("progress", { stage: "python" }),
    ev("status", { cell: "a", status: "security-update" }),
    ev("notebook", { cells: "all" }),
    ev("notebook", { cells: [{ id: 1, code: "x" }] }),
    ev("console", { cell: "a", stream: "page", text: "x" }),
    ev("file", { text: 42 }),
    ev("__proto__", {}),
    ev("toString", {}),
    ev("completions", { want: "completions", items: [{ name: 1, kind: "function" }], prefix: 0, signature: null, doc: null }),
    ev("completions", { want: "completions", items: [], prefix: -1, signature: null, doc: null }),
    ev("completions", { want: "signature", items: [], prefix: 0, signature: { label: "f()", params: "x", active: 0 }, doc: null }),
    ev("completions", { want: "hover", items: [], prefix: 0, signature: null, doc: { html: "<b>" } }),
    ev("ui_value", { widget: "a-1", value: [1] }),
    ev("ui_value", { widget: 1, value: {} }),
  ];
  for (const e of bad) assert.equal(checkEvent(e), null, JSON.stringify(e));
});

test("a notebook or file event is only accepted as a reply", () => {
  const replies = createReplies();
  assert.equal(replies.accept(ev("notebook", { cells: [] })), false);
  assert.equal(replies.accept(ev("file", { text: "x" })), false);
  assert.equal(replies.accept(ev("status", { cell: "a", status: "idle" })), true);
  replies.sent({ type: "open", id: "r1" });
  assert.equal(replies.accept(ev("notebook", { id: "r9", cells: [] })), false, "not the open's id");
  assert.equal(replies.accept(ev("notebook", { id: "r1", cells: [] })), true);
  assert.equal(replies.accept(ev("notebook", { id: "r1", cells: [] })), false, "answered once");
  replies.sent({ type: "save", id: "r2" });
  replies.sent({ type: "save", id: "r3" });
  assert.equal(replies.accept(ev("file", { id: "r3", text: "x" })), true);
  assert.equal(replies.accept(ev("file", { text: "x" })), true, "no id: the oldest");
  assert.equal(replies.accept(ev("file", { text: "x" })), false);
});

test("requests get a version and a fresh id", () => {
  const a = request({ type: "save" });
  const b = request({ type: "run", cells: [] });
  assert.equal(a.v, 1);
  assert.notEqual(a.id, b.id);
  assert.throws(() => request({ type: "format_disk" }), TypeError);
});

test("a variables event is checked: names, types, previews, cells", () => {
  const ok = { v: 1, type: "variables", variables: [{ name: "x", type: "int", preview: "1", defined_by: "a", read_by: ["b"] }] };
  assert.equal(checkEvent(ok), ok);
  assert.equal(checkEvent({ ...ok, variables: [{ name: "x", type: "int", preview: 1, defined_by: "a", read_by: [] }] }), null);
  assert.equal(checkEvent({ ...ok, variables: [{ name: "x", type: "int", preview: "1", defined_by: "a", read_by: "b" }] }), null);
});
