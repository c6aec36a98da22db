// The History dialog: the versions of the open notebook (versions.js), each
// with its time and a one-line summary; choosing one shows a line diff
// against the current text (the `diff` package, loaded on first use) and
// offers to restore it. Everything is text: a notebook's code is never HTML.
import { h } from "../dom.js";
import { diffRows, summary } from "./version-rules.js";

const when = (t) => new Date(t).toLocaleString();

export function historyPanel({ versions, currentText, name, onRestore }) {
  const title = h("h2", { id: "rv-history-title" });
  const status = h("p", { class: "rv-dialog-status", role: "status" });
  const list = h("ul", { class: "rv-version-list", "aria-label": "Versions" });
  const diff = h("pre", { class: "rv-diff", "aria-label": "Changes from this version to the current text", tabindex: "0", hidden: true });
  const restore = h("button", { type: "button", text: "Restore this version", disabled: true });
  const close = h("button", { type: "button", text: "Close" });
  const dialog = h(
    "dialog",
    { id: "rv-history-dialog", class: "rv-dialog", "aria-labelledby": "rv-history-title" },
    title,
    status,
    list,
    diff,
    h("div", { class: "rv-dialog-actions" }, restore, close),
  );
  document.body.append(dialog);
  close.addEventListener("click", () => dialog.close());
  let chosen = null;

  async function show(version, button) {
    chosen = version;
    for (const b of list.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
    const [{ diffLines }, now] = await Promise.all([import("diff"), currentText()]);
    if (chosen !== version) return;
    const rows = diffRows(diffLines(version.text, now));
    diff.replaceChildren();
    if (!rows.some((r) => r.kind === "+" || r.kind === "-")) diff.append(h("span", { text: "Same as the current text." }));
    for (const row of rows) {
      const cls = { "+": "rv-diff-add", "-": "rv-diff-del", "…": "rv-diff-fold" }[row.kind] ?? "";
      diff.append(h("span", { class: cls, text: `${row.kind === "…" ? "…" : `${row.kind} ${row.text}`}\n` }));
    }
    diff.hidden = false;
    restore.disabled = false;
    status.textContent = `Changes from the version of ${when(version.savedAt)} (−) to the current text (+).`;
  }

  restore.addEventListener("click", async () => {
    if (!chosen) return;
    dialog.close();
    await onRestore(chosen);
  });

  async function open() {
    title.textContent = `History of ${name()}`;
    list.replaceChildren();
    diff.hidden = true;
    restore.disabled = true;
    chosen = null;
    if (!dialog.open) dialog.showModal();
    if (!(await versions.available())) {
      status.textContent = "History is off in this window: this browser does not let the site keep it (a private window?). Autosave still works.";
      return;
    }
    const found = await versions.list(origin());
    status.textContent = found.length
      ? "Choose a version to compare it with the current text."
      : "No versions yet: one is kept when you edit a notebook you opened, then every few minutes of editing.";
    for (const version of found) {
      const button = h(
        "button",
        { type: "button", "aria-pressed": "false" },
        h("strong", { text: when(version.savedAt) }),
        h("span", { text: ` ${summary(version)}` }),
      );
      button.addEventListener("click", () => show(version, button));
      list.append(h("li", {}, button));
    }
    list.querySelector("button")?.focus();
  }
  let origin = () => "";
  return {
    open(forOrigin) {
      origin = forOrigin;
      return open();
    },
  };
}
