// The shell's commands for the palette (view/palette.js): what the header's
// buttons do, plus saving and sharing. A command whose button the page
// removed (the app view, `rivulet edit`) is not offered.
import { defineCommands } from "../view/palette.js";
import { switchTheme } from "./theme.js";

const $ = (id) => document.getElementById(id);

/** `save()` saves now; `share(view)` copies a link ("edit", "app", "embed", "marimo"). */
export function defineShellCommands({ save, share }) {
  const button = (id, label, extra = {}) => ({ id, label, run: () => $(id)?.click(), when: () => !!$(id), ...extra });
  defineCommands([
    { id: "save", label: "Save", keys: "Ctrl/Cmd+S", words: "store keep", run: save },
    button("rv-download", "Download .py", { words: "file export save as" }),
    button("rv-new", "New notebook", { words: "create blank" }),
    button("rv-restart", "Restart kernel", { words: "reset python fresh" }),
    button("rv-history", "History: compare and restore versions", { keys: "Ctrl/Cmd+Shift+H", words: "undo versions diff" }),
    button("rv-notebooks", "Notebooks in this browser", { words: "open rename duplicate delete list" }),
    button("rv-recent", "Recent notebooks", { words: "open" }),
    button("rv-view-switch", "Switch to the app view", { words: "read mode outputs" }),
    { id: "share-edit", label: "Copy link to this notebook", words: "share url", run: () => share("edit") },
    { id: "share-app", label: "Copy app link", words: "share url read", run: () => share("app") },
    { id: "share-embed", label: "Copy embed snippet", words: "share iframe", run: () => share("embed") },
    { id: "share-marimo", label: "Copy marimo.app link", words: "share url", run: () => share("marimo") },
    { id: "theme", label: "Switch theme (system, light, dark)", words: "dark mode light colors appearance", run: () => switchTheme() },
  ]);
}
