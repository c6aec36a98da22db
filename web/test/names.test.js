import { test } from "node:test";
import assert from "node:assert/strict";
import { copyName, fileName, nameFromTitle } from "../src/shell/names.js";

test("file names get .py and lose path separators", () => {
  assert.equal(fileName("analysis"), "analysis.py");
  assert.equal(fileName("a/b\\c.py"), "a_b_c.py");
  assert.equal(fileName("  "), "notebook.py");
  assert.equal(fileName("Report.PY"), "Report.PY");
});

test("titles become file names", () => {
  assert.equal(nameFromTitle("Sales report, Q3!"), "sales_report_q3.py");
  assert.equal(nameFromTitle(""), "notebook.py");
});

test("copies are numbered", () => {
  assert.equal(copyName("intro.py"), "intro (copy).py");
  assert.equal(copyName("intro (copy).py"), "intro (copy 2).py");
  assert.equal(copyName("intro (copy 2).py"), "intro (copy 3).py");
});
