import { test } from "node:test";
import assert from "node:assert/strict";
import { importsMo, markdownOfCell, wrapMarkdown } from "../src/view/markdown-cell.js";

test("markdown round-trips through the cell's Python code", () => {
  for (const md of ["# Title\n\nSome *text*.", "", "a \\ backslash and \\n", 'quotes: """ and "', "- list\n  - nested"]) {
    assert.equal(markdownOfCell(wrapMarkdown(md)), md, md);
  }
});

test("written as marimo writes it", () => {
  assert.equal(wrapMarkdown("# Hi"), 'mo.md(r"""\n# Hi\n""")');
});

test("a cell importing marimo as mo is found", () => {
  assert.ok(importsMo(["x = 1", "import marimo as mo"]));
  assert.ok(!importsMo(["import marimo", "mo = 1"]));
});
