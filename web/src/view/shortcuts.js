// The keyboard shortcut sheet: one list, shown in a modal <dialog> (opened by
// "?" in command mode, or the toolbar's keyboard button). The same list is
// documented in README.md.
import { h } from "../dom.js";

export const SHORTCUTS = [
  ["Editing a cell", [
    ["Shift+Enter", "run the cell and go to the next one"],
    ["Ctrl/Cmd+Enter", "run the cell"],
    ["Alt+Enter", "run the cell and insert one below"],
    ["Escape", "leave the editor: command mode"],
    ["Ctrl/Cmd+Shift+R", "run all cells"],
    ["Ctrl/Cmd+Shift+K / J", "add a cell above / below"],
    ["Ctrl/Cmd+Shift+9 / 0", "move the cell up / down"],
    ["Ctrl/Cmd+/", "comment or uncomment lines"],
    ["Ctrl/Cmd+B", "format the cell (Ruff)"],
    ["Ctrl/Cmd+Shift+B", "format all cells (Ruff)"],
    ["Ctrl/Cmd+F", "search in the cell"],
    ["Ctrl/Cmd+S", "save"],
    ["Ctrl+Space", "complete (it also opens as you type)"],
    ["Tab / ↓ Enter", "take the first / the chosen completion"],
    ["Ctrl/Cmd+Shift+H", "history: compare and restore versions"],
    ["Ctrl/Cmd+Shift+P or Ctrl/Cmd+K", "command palette: every command"],
  ]],
  ["Command mode (a cell with a ring)", [
    ["Enter", "edit the cell"],
    ["j / k or ↓ / ↑", "next / previous cell"],
    ["a / b", "add a cell above / below"],
    ["d d", "delete the cell"],
    ["z", "undo the last deletion"],
    ["Shift+Enter", "run the cell, go to the next one"],
    ["Alt+Enter", "run the cell, insert one below"],
    ["Ctrl/Cmd+Shift+↑ / ↓", "move the cell up / down"],
    ["m / y", "make the cell markdown / Python"],
    ["?", "this sheet"],
  ]],
];

let dialog = null;

export function showShortcuts(root) {
  if (!dialog) {
    dialog = h("dialog", { class: "shortcut-sheet", "aria-label": "Keyboard shortcuts" });
    const close = h("button", { type: "button", class: "sheet-close", text: "Close" });
    close.addEventListener("click", () => dialog.close());
    dialog.append(h("h2", { text: "Keyboard shortcuts" }));
    for (const [title, keys] of SHORTCUTS) {
      const table = h("table", {}, h("caption", { text: title }));
      for (const [key, what] of keys) table.append(h("tr", {}, h("th", {}, h("kbd", { text: key })), h("td", { text: what })));
      dialog.append(table);
    }
    dialog.append(close);
    root.append(dialog);
  }
  const back = document.activeElement;
  dialog.addEventListener("close", () => back?.isConnected && back.focus(), { once: true });
  dialog.showModal();
}
