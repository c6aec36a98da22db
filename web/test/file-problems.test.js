import { test } from "node:test";
import assert from "node:assert/strict";
import { problemsSentence } from "../src/shell/file-problems.js";

test("each problem is named in the site's words, with its line", () => {
  const sentence = problemsSentence([
    { line: 13, message: "does not parse under Python 3.12; kept byte for byte as an unparsable cell" },
    { line: 20, message: "cell name 'same' is also the name of the cell at line 7; both cells are kept" },
  ]);
  assert.equal(
    sentence,
    "This file has problems (line 13: cannot be parsed, kept as written; line 20: a cell name used twice). `rivulet check` on the file lists them.",
  );
});

test("nothing to say for a missing run guard, or for a file that opens as one cell", () => {
  assert.equal(problemsSentence([{ line: 9, message: 'no `if __name__ == "__main__": app.run()` guard; it will be added' }]), "");
  assert.equal(problemsSentence([{ line: 1, message: "not a marimo notebook (no `import marimo`); the whole text is kept as one cell" }]), "");
  assert.equal(problemsSentence(undefined), "");
});

test("a message's own text never reaches the page, and only whole line numbers do", () => {
  const sentence = problemsSentence([{ line: "<b>1</b>", message: "Session expired: enter your password" }, {}]);
  assert.equal(sentence, "This file has problems (not read as usual; not read as usual). `rivulet check` on the file lists them.");
});

test("a long list is cut after three", () => {
  const many = Array.from({ length: 5 }, (_, i) => ({ line: i + 1, message: "text outside any cell is kept as a cell of its own" }));
  assert.match(problemsSentence(many), /line 3: text outside any cell, kept as a cell; and 2 more\)/);
});
