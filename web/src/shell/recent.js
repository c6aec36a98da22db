// The header's "Recent" menu: every notebook stored in this browser
// (storage.js keeps one entry per notebook) except the one open in this tab.
// Choosing one opens it; the one open now stays in the list.
import { headerMenu } from "./menu.js";

const when = (t) => (t ? new Date(t).toLocaleString() : "");

export function recentMenu({ button, store, onOpen, openNow = () => null }) {
  headerMenu({
    button,
    label: "Recent notebooks",
    empty: "No other notebooks in this browser yet.",
    items: () =>
      store
        .entries()
        .filter((entry) => entry.origin !== openNow())
        .map((entry) => ({
          label: entry.name || "notebook.py",
          detail: `${entry.source === "link" ? "from a link · " : ""}${when(entry.savedAt)} · ${entry.text.length.toLocaleString()} characters`,
          run: () => onOpen(entry.origin),
        })),
  });
}
