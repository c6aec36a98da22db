// view/assist.js: complete requests matched with their answers by id; no answer in time is null.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAssist } from "../src/view/assist.js";

test("an answer resolves the request with its id, and only that one", async () => {
  const sent = [];
  const assist = createAssist((req) => sent.push(req));
  const first = assist.ask("completions", "math.sq", 1, 7);
  const second = assist.ask("hover", "math", 1, 2);
  assert.deepEqual(sent.map((r) => [r.type, r.want, r.line, r.column]), [["complete", "completions", 1, 7], ["complete", "hover", 1, 2]]);
  assert.equal(assist.receive({ type: "completions", id: "nobody", items: [] }), false);
  assert.equal(assist.receive({ type: "completions", id: sent[1].id, doc: "d" }), true);
  assert.equal(assist.receive({ type: "completions", id: sent[1].id, doc: "again" }), false, "answered once");
  assist.receive({ type: "error", id: sent[0].id, message: "bad" });
  assert.equal(await first, null, "an error answers null");
  assert.equal((await second).doc, "d");
});

test("no answer within the wait gives null (the editor's fallback answers)", async () => {
  const assist = createAssist(() => true);
  assert.equal(await assist.ask("completions", "x", 1, 1, 10), null);
});

test("the names offered meanwhile come from the variables event", () => {
  const assist = createAssist(() => true);
  assist.setNames([{ name: "total", type: "int", preview: "1", defined_by: "a", read_by: [] }]);
  assert.deepEqual(assist.names, [{ name: "total", type: "int" }]);
});
