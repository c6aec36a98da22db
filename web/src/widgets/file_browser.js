// file_browser: the folders the kernel listed (props.folders: path ->
// entries) as a navigable list; folders open with their button, entries
// are selected with their checkbox. The value is the selected entries.
import { h } from "./dom.js";
import { trackFocus } from "./element.js";

const parentOf = (path) => path.replace(/\/[^/]*$/, "") || "/";

export function file_browser(ctx) {
  const p = ctx.props;
  const folders = p.folders ?? {};
  const root = p.initial_path ?? "/";
  const mode = p.selection_mode ?? "file";
  const selectable = (e) => mode === "all" || (e.is_directory ? mode === "directory" : mode === "file");
  let here = root;
  let selected = new Map((ctx.value ?? []).map((e) => [e.path, e]));
  const where = h("div", { class: "rv-ui-fb-path", "aria-live": "polite" });
  const up = trackFocus(ctx, h("button", { type: "button", class: "rv-ui-button", text: "↑ Up", "aria-label": "Parent folder" }));
  const list = h("ul", { class: "rv-ui-fb-list", role: "list" });
  const summary = h("div", { class: "rv-ui-fb-summary", role: "status" });
  const emit = () => {
    const value = [...selected.values()];
    summary.textContent = value.length ? `Selected: ${value.map((e) => e.name).join(", ")}` : "Nothing selected";
    ctx.emit(value);
  };
  const show = () => {
    where.textContent = here;
    up.disabled = p.restrict_navigation ? here === root : !(parentOf(here) in folders) || here === "/";
    list.setAttribute("aria-label", `Files in ${here}`);
    list.replaceChildren();
    const entries = folders[here];
    if (!entries) list.append(h("li", { class: "rv-ui-fb-note", text: "This folder was not listed (too many files)." }));
    else if (!entries.length) list.append(h("li", { class: "rv-ui-fb-note", text: "Empty folder" }));
    for (const e of entries ?? []) {
      const row = h("li", { class: "rv-ui-fb-entry" });
      if (selectable(e)) {
        const box = h("input", { type: "checkbox", checked: selected.has(e.path), "aria-label": `Select ${e.name}` });
        box.addEventListener("change", () => {
          if (!p.multiple) selected.clear();
          if (box.checked) selected.set(e.path, e);
          else selected.delete(e.path);
          if (!p.multiple) show();
          emit();
        });
        row.append(box);
      } else row.append(h("span", { class: "rv-ui-fb-pad" })); // names line up
      if (e.is_directory) {
        const open = h("button", { type: "button", class: "rv-ui-fb-open", text: `${e.name}/`, "aria-label": `Open ${e.name}` });
        open.addEventListener("click", () => {
          here = e.path;
          show();
          list.querySelector("input, button")?.focus();
        });
        row.append(open);
      } else row.append(h("span", { text: e.name }));
      list.append(row);
    }
  };
  up.addEventListener("click", () => {
    if (!up.disabled) {
      here = parentOf(here);
      show();
    }
  });
  show();
  summary.textContent = selected.size ? `Selected: ${[...selected.values()].map((e) => e.name).join(", ")}` : "Nothing selected";
  const node = h(
    "div",
    { class: "rv-ui-fb", role: "group", "aria-label": ctx.label || "File browser" },
    ctx.label ? h("div", { class: "rv-ui-label", text: ctx.label }) : null,
    h("div", { class: "rv-ui-fb-bar" }, up, where),
    list,
    p.truncated ? h("div", { class: "rv-ui-fb-note", text: "Some folders were not listed (too many files)." }) : null,
    summary,
  );
  return {
    node,
    setValue(v) {
      selected = new Map((v ?? []).map((e) => [e.path, e]));
      show();
    },
  };
}
