// The header's "Recent" menu: the notebooks edited in this browser before the
// current one (storage.js keeps them). Choosing one opens it; the current
// notebook takes its place in the list. Built with textContent only: entries
// are notebook text, which is untrusted.

const when = (t) => (t ? new Date(t).toLocaleString() : "");

export function recentMenu({ button, store, onOpen }) {
  if (!button) return;
  const panel = document.createElement("div");
  panel.id = "rv-recent-list";
  panel.setAttribute("role", "menu");
  panel.setAttribute("aria-label", "Recent notebooks");
  panel.hidden = true;
  button.after(panel);
  button.setAttribute("aria-haspopup", "menu");
  button.setAttribute("aria-expanded", "false");

  const close = () => {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
  };

  function fill() {
    const entries = store.previous();
    panel.replaceChildren();
    if (!entries.length) {
      const empty = document.createElement("p");
      empty.textContent = "No other notebooks in this browser yet.";
      panel.append(empty);
      return;
    }
    for (const entry of entries) {
      const item = document.createElement("button");
      item.type = "button";
      item.setAttribute("role", "menuitem");
      const title = document.createElement("strong");
      title.textContent = entry.name || "notebook.py";
      const meta = document.createElement("span");
      meta.textContent = ` ${entry.source === "link" ? "from a link · " : ""}${when(entry.savedAt)} · ${entry.text.length.toLocaleString()} characters`;
      item.append(title, meta);
      item.addEventListener("click", () => {
        close();
        onOpen(entry.origin);
      });
      panel.append(item);
    }
  }

  button.addEventListener("click", () => {
    if (!panel.hidden) return close();
    fill();
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
  });
  document.addEventListener("keydown", (e) => e.key === "Escape" && close());
  document.addEventListener("pointerdown", (e) => {
    if (!panel.hidden && !panel.contains(e.target) && e.target !== button) close();
  });
}
