// "Format cell" and "Format all cells": Ruff's formatter (./ruff.js, loaded on
// first use) rewrites a cell's code as one edit in its editor (Ctrl/Cmd+Z
// undoes it), like typing: the notebook is then marked edited and autosaved.
// Markdown cells are left alone; a cell Ruff cannot parse is left as it is,
// and the notice says which and why. Keys as marimo's: Ctrl/Cmd+B formats the
// cell being edited, Ctrl/Cmd+Shift+B all cells.

let ruff = null;
const loadRuff = () => (ruff ??= import("./ruff.js").then(async (m) => (await m.load(), m)).catch((err) => {
  ruff = null; // offline on a first use: try again next time
  throw err;
}));

/** The edit that turns `before` into `after`: one change over the lines between their common start and end. */
export function minimalChange(before, after) {
  if (before === after) return null;
  let from = 0;
  const max = Math.min(before.length, after.length);
  while (from < max && before[from] === after[from]) from++;
  let end = 0;
  while (end < max - from && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { from, to: before.length - end, insert: after.slice(from, after.length - end) };
}

/** Ruff's parse error as a person reads it: its message, and the line (not bytes). */
export function describeError(code, err) {
  const text = String(err?.message ?? err).split("\n")[0];
  const at = /\s*at byte range (\d+)\.\.\d+$/.exec(text);
  if (!at) return text;
  const bytes = new TextEncoder().encode(code).slice(0, Number(at[1]));
  const line = new TextDecoder().decode(bytes).split("\n").length;
  return `${text.slice(0, at.index)} (line ${line})`;
}

/** Cell code formatted as marimo stores it: Ruff's output without the final newline. */
export function formatted(m, code) {
  return m.format(code).replace(/\n+$/, "");
}

/**
 * Format these cells (markdown ones are skipped). Returns
 * {changed, unchanged, failed: [{cell, message}], markdown} counts and failures.
 */
export async function formatCells(cells) {
  const m = await loadRuff();
  const result = { changed: 0, unchanged: 0, failed: [], markdown: 0 };
  for (const cell of cells) {
    if (cell.markdown) {
      result.markdown++;
      continue;
    }
    const code = cell.getCode();
    let after;
    try {
      after = formatted(m, code);
    } catch (err) {
      result.failed.push({ cell, message: describeError(code, err) });
      continue;
    }
    const change = minimalChange(code, after);
    if (!change) {
      result.unchanged++;
      continue;
    }
    const view = await cell.ensureEditor();
    if (!view || view.state.doc.toString() !== code) continue; // read mode, or typed into meanwhile
    view.dispatch({ changes: change, userEvent: "format" });
    result.changed++;
  }
  return result;
}

const cellLabel = (nb, cell) => (cell.name && cell.name !== "_" ? `Cell ${cell.name}` : `Cell ${nb.cells.indexOf(cell) + 1}`);

/** Format one cell (the one being edited or selected), saying what happened. */
export async function formatCell(nb, cell) {
  if (!cell) return nb.notify("Select a cell to format it.", "info");
  if (cell.markdown) return nb.notify("Markdown cells are not formatted (only Python code is).", "info");
  const result = await run(nb, [cell]);
  if (!result) return;
  if (result.failed.length) {
    const { message } = result.failed[0];
    return nb.notify(`${cellLabel(nb, cell)} was not formatted: Ruff cannot parse it: ${message}. Its code is unchanged.`, "warning", { timeout: 10000 });
  }
  nb.notify(result.changed ? "Cell formatted (Ctrl/Cmd+Z undoes it)." : "The cell was already formatted.", "info", { timeout: 2500 });
}

/** Format every Python cell of the notebook. */
export async function formatAll(nb) {
  const result = await run(nb, nb.cells);
  if (!result) return;
  const done = `${result.changed} ${result.changed === 1 ? "cell" : "cells"} formatted`;
  if (result.failed.length) {
    const names = result.failed.map((f) => `${cellLabel(nb, f.cell)} (${f.message})`).join("; ");
    return nb.notify(`${done}; not formatted, Ruff cannot parse them, their code is unchanged: ${names}.`, "warning", { timeout: 12000 });
  }
  nb.notify(`${done}${result.unchanged ? `, ${result.unchanged} already were` : ""}.`, "info", { timeout: 3000 });
}

async function run(nb, cells) {
  try {
    return await formatCells(cells);
  } catch (err) {
    nb.notify(`Could not load the formatter (Ruff): ${err?.message ?? err}. Nothing was changed.`, "warning", { timeout: 10000 });
    return null;
  }
}

/** Ctrl/Cmd+B in a cell's editor formats that cell; Ctrl/Cmd+Shift+B formats all (marimo's keys). */
export function formatKeys(nb, { focused }) {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  nb.root.addEventListener(
    "keydown",
    (e) => {
      if (!(mac ? e.metaKey : e.ctrlKey) || e.altKey || e.key.toLowerCase() !== "b") return;
      if (!e.shiftKey && !e.target.closest?.(".cm-editor")) return; // Ctrl+B outside an editor: the browser's
      e.preventDefault();
      e.stopPropagation();
      if (e.shiftKey) formatAll(nb);
      else formatCell(nb, focused());
    },
    true,
  );
}
