// The header's "Recent" menu: the notebooks edited in this browser before the
// current one (storage.js keeps them). Choosing one opens it; the current
// notebook takes its place in the list.
import { headerMenu } from "./menu.js";

const when = (t) => (t ? new Date(t).toLocaleString() : "");

export function recentMenu({ button, store, onOpen }) {
  headerMenu({
    button,
    label: "Recent notebooks",
    empty: "No other notebooks in this browser yet.",
    items: () =>
      store.previous().map((entry) => ({
        label: entry.name || "notebook.py",
        detail: `${entry.source === "link" ? "from a link · " : ""}${when(entry.savedAt)} · ${entry.text.length.toLocaleString()} characters`,
        run: () => onOpen(entry.origin),
      })),
  });
}
