// view/palette.js: one registry of commands; the filter ranks word starts over
// substrings over scattered letters; view/settings.js reads settings safely.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableCommands, defineCommands, filterCommands, matchScore } from "../src/view/palette.js";
import { settingsOf } from "../src/view/settings.js";

const commands = [
  { id: "a", label: "Add a cell at the end" },
  { id: "r", label: "Run all cells", keys: "Ctrl/Cmd+Shift+R" },
  { id: "s", label: "Run stale cells", words: "lazy" },
  { id: "t", label: "Restart kernel" },
];

test("every term must match; an empty filter keeps every command in order", () => {
  assert.deepEqual(filterCommands(commands, "").map((c) => c.id), ["a", "r", "s", "t"]);
  assert.deepEqual(filterCommands(commands, "run").map((c) => c.id), ["r", "s"]);
  assert.deepEqual(filterCommands(commands, "rn al").map((c) => c.id), ["r", "s", "t"]); // scattered letters match too, ranked last
  assert.deepEqual(filterCommands(commands, "lazy").map((c) => c.id), ["s"]); // extra words count
  assert.deepEqual(filterCommands(commands, "nothing like it"), []);
});

test("a word start beats a substring, which beats scattered letters", () => {
  assert.ok(matchScore("cell", "Run all cells") > matchScore("ell", "Run all cells"));
  assert.ok(matchScore("ell", "Run all cells") > matchScore("rac", "Run all cells"));
  assert.equal(matchScore("zz", "Run all cells"), 0);
  assert.deepEqual(filterCommands(commands, "start").map((c) => c.id), ["t"]);
});

test("commands are defined once by id, and hidden while they do not apply", () => {
  let open = false;
  defineCommands([{ id: "x", label: "X", run() {} }, { id: "y", label: "Y", run() {}, when: () => open }]);
  defineCommands([{ id: "x", label: "X again", run() {} }]);
  assert.deepEqual(availableCommands().map((c) => c.label), ["X again"]);
  open = true;
  assert.deepEqual(availableCommands().map((c) => c.label), ["X again", "Y"]);
});

test("settings from a notebook event fall back to defaults for odd values", () => {
  assert.deepEqual(settingsOf({ width: "full", app_title: "T" }, { on_cell_change: "lazy", auto_instantiate: false }), {
    width: "full", app_title: "T", on_cell_change: "lazy", auto_instantiate: false,
  });
  assert.deepEqual(settingsOf({ width: "huge", app_title: 3 }, { on_cell_change: "never", auto_instantiate: "no" }), {
    width: "compact", app_title: "", on_cell_change: "autorun", auto_instantiate: true,
  });
  assert.deepEqual(settingsOf(undefined, undefined).width, "compact");
});
