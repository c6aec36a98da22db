// The notebook view's commands for the palette (./palette.js). `nb` is the
// Notebook of ./notebook.js; each command does what its button or key does.
import { defineCommands } from "./palette.js";
import { showShortcuts } from "./shortcuts.js";
import { formatAll, formatCell, formatKeys } from "../format/format-cells.js";

export function defineNotebookCommands(nb) {
  const focused = () => nb.cells.find((c) => c.root.contains(document.activeElement)) ?? nb.current;
  const at = (delta) => {
    const cell = focused();
    return cell && nb.cells.includes(cell) ? nb.cells.indexOf(cell) + delta : nb.cells.length;
  };
  defineCommands([
    { id: "run-all", label: "Run all cells", keys: "Ctrl/Cmd+Shift+R", words: "execute everything", run: () => nb.run(nb.cells) },
    { id: "run-stale", label: "Run stale cells", words: "lazy execute outdated", run: () => nb.runStale() },
    { id: "run-cell", label: "Run this cell", keys: "Ctrl/Cmd+Enter", words: "execute", run: () => focused() && nb.run([focused()]), when: () => !!focused() },
    { id: "stop", label: "Stop the running cell", keys: "Ctrl/Cmd+.", words: "interrupt cancel", run: () => nb.send({ type: "interrupt" }) },
    { id: "add-above", label: "Add a cell above", keys: "Ctrl/Cmd+Shift+K", words: "new insert", run: () => nb.add(Math.max(0, at(0))).focus(), when: () => !!focused() },
    { id: "add-below", label: "Add a cell below", keys: "Ctrl/Cmd+Shift+J", words: "new insert", run: () => nb.add(at(1)).focus() },
    { id: "add-end", label: "Add a cell at the end", words: "new insert", run: () => nb.add(nb.cells.length).focus() },
    { id: "add-markdown", label: "Add a markdown cell at the end", words: "new text md", run: () => nb.addMarkdown(nb.cells.length) },
    { id: "format-cell", label: "Format cell (Ruff)", keys: "Ctrl/Cmd+B", words: "ruff black prettify code style lint", run: () => formatCell(nb, focused()), when: () => !!focused() },
    { id: "format-all", label: "Format all cells (Ruff)", keys: "Ctrl/Cmd+Shift+B", words: "ruff black prettify code style lint notebook", run: () => formatAll(nb) },
    { id: "undo-delete", label: "Undo the last cell deletion", keys: "z (command mode)", words: "restore", run: () => nb.undoDelete()?.focus(), when: () => nb.deleted.length > 0 },
    { id: "toggle-panel", label: "Toggle the side panel (variables, dependencies, outline)", words: "show hide", run: () => nb.side.toggle.click() },
    { id: "toggle-packages", label: "Toggle the packages panel", words: "install pip show hide", run: () => nb.packages.toggle.click() },
    { id: "settings", label: "Notebook settings…", words: "width title lazy autorun startup run on open preferences config", run: () => nb.openSettings() },
    { id: "shortcuts", label: "Keyboard shortcuts", keys: "? (command mode)", words: "keys help", run: () => showShortcuts(nb.root) },
  ]);
  formatKeys(nb, { focused });
}
