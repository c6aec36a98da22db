import { test } from "node:test";
import assert from "node:assert/strict";
import LZString from "lz-string";
const { compressToEncodedURIComponent } = LZString;
import { OpenError, basename, decodeCode, route, viewOptions } from "../src/shell/routing.js";

const SITE = "https://rivulet.example/app/";

test("routes name what the URL asks for", () => {
  const rows = [
    ["", { kind: "last" }],
    ["#code/abc", { kind: "code", payload: "abc" }],
    ["?file=gallery/intro.py", { kind: "file", file: "gallery/intro.py" }],
    ["?code=import%20marimo", { kind: "text", text: "import marimo" }],
    ["?file=a.py#code/abc", { kind: "code", payload: "abc" }],
    ["?mode=read&embed=true", { kind: "last" }],
  ];
  for (const [tail, expected] of rows) assert.deepEqual(route(SITE + tail), expected, tail);
});

test("on rivulet edit's server only its own file opens", () => {
  const editFile = "/__rivulet__/file";
  const base = "http://127.0.0.1:2718/";
  assert.deepEqual(route(base, { editFile }), { kind: "edit", file: editFile });
  assert.deepEqual(route(base + "?file=/__rivulet__/file&save=put", { editFile }), { kind: "edit", file: editFile });
  assert.deepEqual(route(base + "#code/xyz", { editFile }), { kind: "edit", file: editFile, refused: "code" });
  assert.deepEqual(route(base + "?file=https://evil.example/x.py", { editFile }), { kind: "edit", file: editFile, refused: "file" });
  assert.deepEqual(route(base + "?code=print(1)", { editFile }), { kind: "edit", file: editFile, refused: "text" });
});

test("a #code/ payload round-trips, emoji included", () => {
  const text = "import marimo\n# 🌊 ünïcode\n";
  assert.equal(decodeCode(compressToEncodedURIComponent(text)), text);
});

test("damaged payloads are refused with a message", () => {
  for (const payload of ["", "%%%", "AAAA", compressToEncodedURIComponent("   ")]) {
    assert.throws(() => decodeCode(payload), OpenError, payload);
  }
});

test("view options and file names", () => {
  assert.deepEqual([viewOptions("?mode=read&embed=true")].map((o) => [o.mode, o.embed]), [["read", true]]);
  assert.deepEqual([viewOptions("?mode=bogus")].map((o) => [o.mode, o.embed]), [["edit", false]]);
  assert.equal(basename("gallery/intro.py?x=1"), "intro.py");
  assert.equal(basename("https://x.example/"), "notebook.py");
  assert.equal(basename("a/%E0%A4%A.py"), "notebook.py");
});

test("Rivulet's own links: #nb/ and ?new", () => {
  assert.deepEqual(route(SITE + "#nb/abc"), { kind: "link", payload: "abc" });
  assert.deepEqual(route(SITE + "?new"), { kind: "new" });
  assert.deepEqual(route("http://127.0.0.1:2718/?new", { editFile: "/__rivulet__/file" }), { kind: "edit", file: "/__rivulet__/file" });
});

test("marimo's URL options", () => {
  const o = viewOptions("?mode=read&show-code=true&include-code=false&theme=dark");
  assert.equal(o.showCode, true);
  assert.equal(o.includeCode, false);
  assert.equal(o.theme, "dark");
  assert.equal(viewOptions("?theme=purple").theme, null);
  assert.equal(viewOptions("?mode=present").unknownMode, "present");
  assert.equal(viewOptions("").showCode, false);
});
