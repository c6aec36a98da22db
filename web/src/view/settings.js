// The notebook's settings dialog: width, title, what happens when a cell
// changes, and whether the notebook runs when it opens. They are saved in
// the notebook file as marimo saves them (kernel_py/notebook/settings.py);
// each change applies at once through `change({key: value})`.
import { h, nextId } from "../dom.js";

export const WIDTHS = [
  ["compact", "Compact"],
  ["medium", "Medium"],
  ["full", "Full"],
  ["columns", "Columns"],
];

export const DEFAULT_SETTINGS = { width: "compact", app_title: "", on_cell_change: "autorun", auto_instantiate: true };

/** Settings from a notebook event's `app` and `runtime` (defaults for anything odd). */
export function settingsOf(app = {}, runtime = {}) {
  return {
    width: WIDTHS.some(([w]) => w === app?.width) ? app.width : DEFAULT_SETTINGS.width,
    app_title: typeof app?.app_title === "string" ? app.app_title : "",
    on_cell_change: runtime?.on_cell_change === "lazy" ? "lazy" : "autorun",
    auto_instantiate: runtime?.auto_instantiate !== false,
  };
}

let dialog = null;

/** Show the dialog for `current()` settings; `change(changes)` applies and saves some. */
export function openSettings(root, { current, change }) {
  dialog?.remove();
  dialog = build(current(), change);
  root.append(dialog);
  const back = document.activeElement;
  dialog.addEventListener("close", () => back?.isConnected && back.focus({ preventScroll: true }), { once: true });
  dialog.showModal();
  return dialog;
}

/**
 * A change was refused (the kernel's `error` with the file's `settings`): the
 * open dialog shows those settings again, and why, in its status line.
 * Returns false when no dialog is open (the caller tells the user otherwise).
 */
export function showRefusal(settings, message) {
  if (!dialog?.open) return false;
  const field = (name) => dialog.querySelector(`[name="${name}"]`);
  field("width").value = settings.width;
  field("app_title").value = settings.app_title;
  for (const radio of dialog.querySelectorAll('input[type="radio"]')) {
    radio.checked = radio.value === String(settings[radio.name]);
  }
  const status = dialog.querySelector(".rv-dialog-status");
  status.textContent = message;
  status.dataset.level = "warning";
  status.setAttribute("role", "alert");
  return true;
}

function build(settings, change) {
  const d = h("dialog", { class: "rv-dialog rv-settings", "aria-labelledby": nextId("rv-settings-title"), "data-notebook-settings": "" });
  const title = h("h2", { id: d.getAttribute("aria-labelledby"), text: "Notebook settings" });
  const note = h("p", { class: "rv-dialog-status", text: "Saved in the notebook file, where marimo keeps them." });

  const width = h("select", { name: "width" });
  for (const [value, label] of WIDTHS) width.append(h("option", { value, text: label, selected: value === settings.width }));
  width.addEventListener("change", () => change({ width: width.value }));

  const appTitle = h("input", { type: "text", name: "app_title", value: settings.app_title, maxlength: "200", spellcheck: "false", autocomplete: "off" });
  appTitle.addEventListener("change", () => change({ app_title: appTitle.value.trim() }));
  appTitle.addEventListener("keydown", (e) => {
    if (e.key === "Enter") (e.preventDefault(), appTitle.dispatchEvent(new Event("change")));
  });

  const onChange = choices("on_cell_change", "When a cell runs, its descendants", [
    ["autorun", "run too (autorun)"],
    ["lazy", "are marked stale, to run when you choose (lazy)"],
  ], settings.on_cell_change, (value) => change({ on_cell_change: value }));
  const onOpen = choices("auto_instantiate", "When the notebook opens", [
    ["true", "run all cells"],
    ["false", "don't run: cells wait until you run them"],
  ], String(settings.auto_instantiate), (value) => change({ auto_instantiate: value === "true" }));

  const close = h("button", { type: "button", text: "Close" });
  close.addEventListener("click", () => d.close());
  d.append(
    title,
    note,
    h("p", {}, h("label", { class: "rv-settings-field" }, "Width ", width)),
    h("p", {}, h("label", { class: "rv-settings-field" }, "Title ", appTitle)),
    onChange,
    onOpen,
    h("div", { class: "rv-dialog-actions" }, close),
  );
  return d;
}

function choices(name, legend, options, value, onPick) {
  const set = h("fieldset", { class: "rv-settings-choices" }, h("legend", { text: legend }));
  for (const [v, label] of options) {
    const input = h("input", { type: "radio", name, value: v, checked: v === value });
    input.addEventListener("change", () => input.checked && onPick(v));
    set.append(h("label", {}, input, ` ${label}`));
  }
  return set;
}
