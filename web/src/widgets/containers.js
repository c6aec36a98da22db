// Containers: their markup (children's <rv-ui> elements) comes from the
// kernel inside the <rv-ui>; these components only arrange it.
// form gates its element's value until submit; tabs is an ARIA tablist.
import { h } from "./dom.js";
import { tabList } from "../tabs.js";

/** array, dictionary, batch: keep the children as they are. */
export function group(ctx) {
  const host = ctx.host;
  host.setAttribute("role", "group");
  if (ctx.label) {
    host.setAttribute("aria-label", ctx.label);
    host.prepend(h("div", { class: "rv-ui-label", text: ctx.label }));
  }
  return { node: null };
}

export function form(ctx) {
  const host = ctx.host;
  const p = ctx.props;
  const body = h("div", { class: "rv-ui-form-body" }, ...host.childNodes);
  const submit = h("button", { type: "submit", class: "rv-ui-button rv-ui-kind-success", text: p.submit_button_label ?? "Submit", title: p.submit_button_tooltip, disabled: !!p.submit_button_disabled });
  const actions = h("div", { class: "rv-ui-form-actions" });
  const formEl = h(
    "form",
    { class: `rv-ui-form${p.bordered === false ? "" : " rv-ui-bordered"}`, "aria-label": ctx.label || "form", novalidate: true },
    ctx.label ? h("div", { class: "rv-ui-label", text: ctx.label }) : null,
    body,
    actions,
  );
  const element = () => body.querySelector(`rv-ui[data-id="${CSS.escape(p.element ?? "")}"]`) ?? body.querySelector("rv-ui");
  let initial;
  // the element's changes stay in the page until submit
  formEl.addEventListener("rv-ui-value", (e) => {
    if (e.detail.id === ctx.id) return;
    e.stopPropagation();
  });
  formEl.addEventListener("submit", (e) => {
    e.preventDefault();
    const el = element();
    if (!el) return;
    // a text field sends on change; read what the user sees right now
    const control = el.querySelector("input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file]), textarea");
    let value = el.value;
    if (control && (el.dataset.kind === "text" || el.dataset.kind === "text_area" || el.dataset.kind === "code_editor")) value = control.value;
    else if (control && el.dataset.kind === "number" && control.value !== "") value = control.valueAsNumber;
    ctx.emit(value);
    if (p.clear_on_submit) el.value = initial;
  });
  if (p.show_clear_button) {
    const clear = h("button", { type: "button", class: "rv-ui-button", text: p.clear_button_label ?? "Clear", title: p.clear_button_tooltip });
    clear.addEventListener("click", () => {
      const el = element();
      if (el) el.value = initial;
    });
    actions.append(clear);
  }
  actions.append(submit);
  queueMicrotask(() => (initial = element()?.value));
  return { node: formEl };
}

export function tabs(ctx) {
  const names = ctx.props.tabs ?? [];
  const panels = [...ctx.host.querySelectorAll(":scope > [data-tab]")];
  const { list, select } = tabList(names, panels, {
    label: ctx.label || "tabs",
    onSelect: (i, byUser) => byUser && names[i] !== ctx.value && ctx.emit(names[i]),
  });
  select(Math.max(0, names.indexOf(ctx.value)));
  const vertical = ctx.props.orientation === "vertical";
  if (vertical) list.setAttribute("aria-orientation", "vertical");
  const node = h("div", { class: vertical ? "rv-ui-tabs rv-ui-tabs-vertical" : "rv-ui-tabs" }, list, h("div", { class: "rv-ui-tabs-panels" }, ...panels));
  return { node, setValue: (v) => select(Math.max(0, names.indexOf(v))) };
}
