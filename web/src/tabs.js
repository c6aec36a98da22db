// The one tab widget (ARIA tablist: arrows, Home/End, roving tabindex), used
// by mo.tabs (<rv-tabs>) and mo.ui.tabs.
import { h, nextId } from "./dom.js";

/**
 * Make `panels` (elements) the tab panels of a new tablist labelled `names`.
 * `onSelect(index, byUser)` runs on every selection. Returns {list, select}.
 */
export function tabList(names, panels, { label = "tabs", onSelect = () => {} } = {}) {
  const base = nextId("rv-tabs");
  const list = h("div", { role: "tablist", class: "rv-tablist", "aria-label": label });
  const buttons = names.map((name, i) =>
    h("button", { type: "button", role: "tab", id: `${base}-t${i}`, "aria-controls": `${base}-p${i}`, text: name }),
  );
  panels.forEach((panel, i) => {
    panel.setAttribute("role", "tabpanel");
    panel.id = `${base}-p${i}`;
    panel.setAttribute("aria-labelledby", `${base}-t${i}`);
    panel.tabIndex = 0;
  });
  function select(index, byUser = false) {
    buttons.forEach((b, j) => {
      b.setAttribute("aria-selected", String(index === j));
      b.tabIndex = index === j ? 0 : -1;
    });
    panels.forEach((panel, j) => (panel.hidden = index !== j));
    onSelect(index, byUser);
  }
  buttons.forEach((b, i) => {
    b.addEventListener("click", () => select(i, true));
    b.addEventListener("keydown", (e) => {
      const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: names.length - 1 };
      if (!(e.key in moves)) return;
      e.preventDefault();
      const j = (moves[e.key] + names.length) % names.length;
      buttons[j].focus();
      select(j, true);
    });
  });
  list.append(...buttons);
  return { list, select };
}
