// The Notebooks dialog: every notebook stored in this browser (storage.js),
// with its name, when it was last edited and its size; open, rename,
// duplicate, delete, and undo a delete for UNDO_FOR ms. Built with
// textContent only: names and texts come from notebooks.
import { h } from "../dom.js";
import { fileName } from "./names.js";

export const UNDO_FOR = 10_000;
const when = (t) => (t ? new Date(t).toLocaleString() : "");

/**
 * `actions`: {open(origin), rename(origin, name), duplicate(origin),
 * remove(origin), restore(entry), forget(origin)}; `openNow()` is the
 * origin open in this tab (it cannot be deleted from here).
 */
export function notebookList({ store, openNow, actions, notify }) {
  const list = h("ul", { class: "rv-notebook-list", "aria-label": "Notebooks in this browser" });
  const undoBar = h("p", { class: "rv-dialog-status", role: "status" });
  const close = h("button", { type: "button", text: "Close" });
  const dialog = h(
    "dialog",
    { id: "rv-notebooks-dialog", class: "rv-dialog", "aria-labelledby": "rv-notebooks-title" },
    h("h2", { id: "rv-notebooks-title", text: "Notebooks in this browser" }),
    undoBar,
    list,
    h("div", { class: "rv-dialog-actions" }, close),
  );
  document.body.append(dialog);
  close.addEventListener("click", () => dialog.close());
  let pending = null; // {entry, timer}: the last deletion, still undoable

  const button = (text, label, run) => {
    const b = h("button", { type: "button", text, "aria-label": label });
    b.addEventListener("click", run);
    return b;
  };

  function fill(focusOrigin) {
    list.replaceChildren();
    const entries = store.entries();
    if (!entries.length) list.append(h("li", { text: "No notebooks in this browser yet." }));
    for (const entry of entries) {
      const name = entry.name || "notebook.py";
      const isOpen = entry.origin === openNow();
      const title = h("strong", { text: name });
      const detail = h("span", {
        text: ` ${isOpen ? "open now · " : ""}${entry.source === "link" ? "from a link · " : ""}edited ${when(entry.savedAt)} · ${entry.text.length.toLocaleString()} characters`,
      });
      const row = h("li", { "data-origin": entry.origin }, title, detail);
      const tools = h("span", { class: "rv-row-actions" });
      tools.append(
        button("Open", `Open ${name}`, () => {
          dialog.close();
          actions.open(entry.origin);
        }),
        button("Rename", `Rename ${name}`, () => renameRow(row, entry, title)),
        button("Duplicate", `Duplicate ${name}`, () => {
          const copy = actions.duplicate(entry.origin);
          fill(copy);
        }),
      );
      if (!isOpen) tools.append(button("Delete", `Delete ${name}`, () => remove(entry)));
      row.append(tools);
      list.append(row);
    }
    const target = focusOrigin && [...list.children].find((li) => li.dataset.origin === focusOrigin);
    (target ?? list).querySelector("button")?.focus();
  }

  function renameRow(row, entry, title) {
    const input = h("input", { value: entry.name || "notebook.py", "aria-label": "New name", spellcheck: "false" });
    title.replaceWith(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (keep) => {
      if (done) return;
      done = true;
      if (keep && fileName(input.value) !== entry.name) actions.rename(entry.origin, fileName(input.value));
      fill(entry.origin);
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault(); // else the key goes on to the button that gets the focus
        finish(true);
      }
      if (e.key === "Escape") {
        e.preventDefault(); // the dialog stays open: Escape cancels the rename
        finish(false);
      }
    });
    input.addEventListener("blur", () => finish(true));
  }

  function settle() {
    if (!pending) return;
    clearTimeout(pending.timer);
    if (!store.get(pending.entry.origin)) actions.forget(pending.entry.origin);
    pending = null;
    undoBar.replaceChildren();
  }

  function remove(entry) {
    settle();
    actions.remove(entry.origin);
    const undo = button("Undo", `Undo deleting ${entry.name}`, () => {
      clearTimeout(pending?.timer);
      pending = null;
      undoBar.replaceChildren();
      actions.restore(entry);
      fill(entry.origin);
    });
    pending = { entry, timer: setTimeout(settle, UNDO_FOR), at: Date.now() };
    undoBar.replaceChildren(`Deleted ${entry.name}. `, undo);
    fill();
    undo.focus();
  }

  // Closed with an undoable deletion: the page's notice offers Undo for the rest of the time.
  dialog.addEventListener("close", () => {
    if (!pending) return;
    const { entry, at } = pending;
    const left = UNDO_FOR - (Date.now() - at);
    undoBar.replaceChildren();
    notify(`Deleted ${entry.name}.`, "info", {
      timeout: Math.max(left, 1000),
      action: {
        label: "Undo",
        run: () => {
          if (pending?.entry !== entry) return;
          clearTimeout(pending.timer);
          pending = null;
          actions.restore(entry);
        },
      },
    });
  });

  return {
    open() {
      fill();
      if (!dialog.open) dialog.showModal();
      list.querySelector("button")?.focus();
    },
  };
}
