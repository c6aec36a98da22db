// A header button that opens a small menu (Recent, Share). Items are built
// with textContent only. `items()` is called each time the menu opens and
// returns [{label, detail?, run}] (or [] for `empty`).
import { h } from "../dom.js";

export function headerMenu({ button, label, items, empty = "Nothing here yet." }) {
  if (!button) return;
  const panel = h("div", { class: "rv-menu", role: "menu", "aria-label": label, hidden: true });
  button.after(panel);
  button.setAttribute("aria-haspopup", "menu");
  button.setAttribute("aria-expanded", "false");
  const close = () => {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
  };
  function fill() {
    const list = items();
    panel.replaceChildren();
    if (!list.length) return panel.append(h("p", { text: empty }));
    for (const item of list) {
      const entry = h("button", { type: "button", role: "menuitem" }, h("strong", { text: item.label }));
      if (item.detail) entry.append(h("span", { text: ` ${item.detail}` }));
      entry.addEventListener("click", () => {
        close();
        item.run();
      });
      panel.append(entry);
    }
  }
  button.addEventListener("click", () => {
    if (!panel.hidden) return close();
    fill();
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    panel.querySelector("[role=menuitem]")?.focus();
  });
  document.addEventListener("keydown", (e) => e.key === "Escape" && !panel.hidden && (close(), button.focus()));
  document.addEventListener("pointerdown", (e) => {
    if (!panel.hidden && !panel.contains(e.target) && e.target !== button) close();
  });
}
