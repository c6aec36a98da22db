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

// The frame's host, run here with a stand-in for its window: the module gets
// anywidget's model, and what it does becomes the messages the page checks.
async function hostWith(esm, state) {
  const posted = [];
  let listener = null;
  const saved = { parent: globalThis.parent, addEventListener: globalThis.addEventListener, document: globalThis.document };
  const el = { children: [], append(...n) { this.children.push(...n); }, replaceChildren(...n) { this.children = n; } };
  globalThis.parent = { postMessage: (m) => posted.push(structuredClone(m)) };
  globalThis.addEventListener = (type, fn) => (listener = fn);
  globalThis.document = { createElement: () => ({ ...el, children: [], style: {} }), head: el, body: el };
  const { bridge } = await import("../src/widgets/anywidget_frame.js");
  bridge();
  const send = (data) => listener({ source: globalThis.parent, data });
  send({ kind: "rivulet-anywidget-init", esm, css: "", state });
  await new Promise((r) => setTimeout(r, 50));
  Object.assign(globalThis, saved);
  return { posted, send, settle: () => new Promise((r) => setTimeout(r, 10)) };
}

test("the frame's model: get, set, save_changes, change events, msg:custom and bytes", async () => {
  const esm = `
    export default {
      render({ model }) {
        globalThis.__seen = [];
        model.on("change:count", (v) => globalThis.__seen.push(["count", v]));
        model.on("msg:custom", (content) => globalThis.__seen.push(["msg", content]));
        model.set("count", model.get("count") + 1);
        model.set("blob", new Uint8Array([1, 2, 255]));
        model.save_changes();
        model.send({ hello: new Uint8Array([7]) });
      },
    };`;
  const { posted, send, settle } = await hostWith(esm, { count: 41, blob: { "$rivulet-bytes": "AA==" } });
  assert.equal(posted[0].kind, "rivulet-anywidget-ready");
  assert.deepEqual(posted[1], { kind: "rivulet-anywidget-save", state: { count: 42, blob: { "$rivulet-bytes": "AQL/" } } });
  assert.deepEqual(posted[2], { kind: "rivulet-anywidget-send", content: { hello: { "$rivulet-bytes": "Bw==" } } });
  send({ kind: "rivulet-anywidget-update", state: { count: 42 } }); // the same value: no event
  send({ kind: "rivulet-anywidget-update", state: { count: 50 } });
  send({ kind: "rivulet-anywidget-message", content: { pong: { "$rivulet-bytes": "AQI=" } } });
  await settle();
  const seen = globalThis.__seen;
  assert.deepEqual(seen.slice(0, 2), [["count", 42], ["count", 50]]);
  assert.equal(seen[2][0], "msg");
  assert.ok(seen[2][1].pong instanceof DataView && seen[2][1].pong.getUint8(1) === 2);
});

test("experimental.invoke sends an anywidget command and resolves with Python's response", async () => {
  const esm = `
    export default {
      async render({ experimental }) {
        const [answer] = await experimental.invoke("double", 21);
        globalThis.__answer = answer;
      },
    };`;
  const { posted, send, settle } = await hostWith(esm, {});
  const command = posted.find((m) => m.kind === "rivulet-anywidget-send").content;
  assert.equal(command.kind, "anywidget-command");
  assert.equal(command.name, "double");
  assert.equal(command.msg, 21);
  send({ kind: "rivulet-anywidget-message", content: { id: "someone else's", kind: "anywidget-command-response", response: 0 } });
  send({ kind: "rivulet-anywidget-message", content: { id: command.id, kind: "anywidget-command-response", response: 42 } });
  await settle();
  assert.equal(globalThis.__answer, 42);
});
