// The rules of version history (pure; versions.js keeps the versions in
// IndexedDB). A version is {id, origin, name, source, text, savedAt, reason}.
//
// When: the text a notebook was opened with, at its first autosave in a page
// (autosaves need a gesture: a link never touched leaves no version), then at
// most one every EVERY ms of editing, and before anything that replaces the
// text (a restore, Reload theirs). Caps: KEEP_PER_NOTEBOOK versions per
// notebook and VERSIONS_BUDGET characters in all; the oldest go first, and
// versions of notebooks from links before the user's own.

import { MAX_STORED_CHARS } from "./storage.js";

export const EVERY = 3 * 60_000;
export const KEEP_PER_NOTEBOOK = 20;
export const VERSIONS_BUDGET = 10_000_000;
export const MAX_VERSION_CHARS = MAX_STORED_CHARS;

/**
 * The versions to record at an autosave of `notebook` ({origin, text, openedText}),
 * given what this page recorded for it so far (`seen`: {lastAt, lastText} or
 * undefined). Returns {record: [{text, reason}], seen}.
 */
export function dueVersions(notebook, seen, now, every = EVERY) {
  const record = [];
  if (!seen) {
    if (notebook.openedText) record.push({ text: notebook.openedText, reason: "opened" });
    return { record, seen: { lastAt: now, lastText: notebook.openedText ?? "" } };
  }
  if (now - seen.lastAt >= every && notebook.text && notebook.text !== seen.lastText) {
    record.push({ text: notebook.text, reason: "edited" });
    return { record, seen: { lastAt: now, lastText: notebook.text } };
  }
  return { record, seen };
}

const older = (a, b) => a.savedAt - b.savedAt || a.id - b.id;

/** The ids of versions to drop so that `all` fits the caps (oldest first, links' first). */
export function versionsToDrop(all, { keep = KEEP_PER_NOTEBOOK, budget = VERSIONS_BUDGET } = {}) {
  const drop = new Set();
  const byOrigin = new Map();
  for (const v of [...all].sort(older)) {
    if (!byOrigin.has(v.origin)) byOrigin.set(v.origin, []);
    byOrigin.get(v.origin).push(v);
  }
  for (const list of byOrigin.values()) for (const v of list.slice(0, Math.max(0, list.length - keep))) drop.add(v.id);
  const left = all.filter((v) => !drop.has(v.id)).sort(older);
  let size = left.reduce((n, v) => n + v.text.length, 0);
  for (const pass of [(v) => v.source === "link", () => true]) {
    for (const v of left) {
      if (size <= budget) break;
      if (drop.has(v.id) || !pass(v)) continue;
      drop.add(v.id);
      size -= v.text.length;
    }
  }
  return [...drop];
}

const REASONS = {
  opened: "When opened",
  edited: "While editing",
  "before-restore": "Before a restore",
  "before-reload": "Before Reload theirs",
  "before-disk-reload": "Before Reload from disk",
  "disk-before-overwrite": "The file on disk, before Overwrite",
};

/** One line about a version: why it was kept, its cells and lines. */
export function summary(version) {
  const cells = (version.text.match(/^@app\.(cell|function|class_definition)\b/gm) ?? []).length;
  const lines = version.text.split("\n").length;
  const why = REASONS[version.reason] ?? "Saved";
  return `${why} · ${cells} cell${cells === 1 ? "" : "s"} · ${lines} lines`;
}

/**
 * The changes of a line diff (the `diff` package's diffLines: [{value, added,
 * removed}]) as lines to show: [{kind: "+" | "-" | " " | "…", text}], with
 * `context` unchanged lines around each change and the rest folded.
 */
export function diffRows(changes, context = 2) {
  const rows = [];
  for (const change of changes) {
    const lines = change.value.split("\n");
    if (lines.at(-1) === "") lines.pop();
    const kind = change.added ? "+" : change.removed ? "-" : " ";
    for (const text of lines) rows.push({ kind, text });
  }
  const near = rows.map(() => false);
  rows.forEach((row, i) => {
    if (row.kind === " ") return;
    for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++) near[j] = true;
  });
  const out = [];
  rows.forEach((row, i) => {
    if (near[i]) out.push(row);
    else if (out.at(-1)?.kind !== "…") out.push({ kind: "…", text: "" });
  });
  return out;
}
