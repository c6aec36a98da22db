// Command mode: Escape leaves a cell's editor and keeps the cell focused (a
// visible ring); single keys then act on cells. `nb` is the Notebook.
import { showShortcuts } from "./shortcuts.js";

const TWICE = 800; // ms between the two d's of "dd"

export function commandMode(nb) {
  let lastD = 0;
  nb.list.addEventListener("keydown", (e) => {
    const root = e.target;
    if (!root.classList?.contains("cell") || !root.__cell) return; // typing in an editor or a widget
    const cell = root.__cell;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key;
    const act = (fn) => {
      e.preventDefault();
      e.stopPropagation();
      fn();
    };
    if (mod && e.shiftKey && key === "ArrowUp") return act(() => nb.move(cell, -1, true));
    if (mod && e.shiftKey && key === "ArrowDown") return act(() => nb.move(cell, 1, true));
    if (mod || (e.altKey && key !== "Enter")) return;
    if (key === "Enter" && e.shiftKey) {
      return act(() => {
        nb.run([cell]);
        (nb.neighbour(cell, 1) ?? nb.add(nb.cells.length)).select();
      });
    }
    if (key === "Enter" && e.altKey) return act(() => (nb.run([cell]), nb.add(nb.cells.indexOf(cell) + 1).select()));
    if (e.shiftKey && key !== "?") return;
    switch (key) {
      case "Enter":
        return act(() => cell.edit());
      case "j":
      case "ArrowDown":
        return act(() => nb.neighbour(cell, 1)?.select());
      case "k":
      case "ArrowUp":
        return act(() => nb.neighbour(cell, -1)?.select());
      case "a":
        return act(() => nb.add(nb.cells.indexOf(cell)).select());
      case "b":
        return act(() => nb.add(nb.cells.indexOf(cell) + 1).select());
      case "d":
        return act(() => {
          if (performance.now() - lastD < TWICE) {
            lastD = 0;
            nb.remove(cell, { select: true });
          } else lastD = performance.now();
        });
      case "z":
        return act(() => nb.undoDelete());
      case "m":
        return act(() => nb.convert(cell, "markdown"));
      case "y":
        return act(() => nb.convert(cell, "python"));
      case "?":
        return act(() => showShortcuts(nb.root));
    }
  });
}
