// Choices among options (the page works with option labels): radio,
// dropdown (<select>), multiselect (<select multiple>, a listbox).
import { h, labelled, nextId } from "./dom.js";
import { trackFocus } from "./element.js";

export function radio(ctx) {
  const p = ctx.props;
  const name = nextId("rv-radio");
  const inputs = [];
  const items = (p.options ?? []).map((label) => {
    const input = trackFocus(
      ctx,
      h("input", { type: "radio", name, value: label, checked: label === ctx.value, disabled: !!p.disabled }),
    );
    input.addEventListener("change", () => input.checked && ctx.emit(label));
    inputs.push(input);
    return h("label", { class: "rv-ui-check" }, input, h("span", { text: label }));
  });
  const node = h(
    "fieldset",
    { class: `rv-ui-radio${p.inline ? " rv-ui-inline" : ""}`, role: "radiogroup" },
    ctx.label ? h("legend", { text: ctx.label }) : null,
    ...items,
  );
  if (!ctx.label) node.setAttribute("aria-label", "options");
  return { node, setValue: (v) => inputs.forEach((i) => (i.checked = i.value === v)) };
}

export function dropdown(ctx) {
  const p = ctx.props;
  const select = trackFocus(
    ctx,
    h("select", { disabled: !!p.disabled, "aria-label": ctx.label ? null : "choose" }),
  );
  if (p.allow_select_none || ctx.value == null) select.append(h("option", { value: "", text: "--" }));
  for (const label of p.options ?? []) select.append(h("option", { value: label, text: label }));
  const set = (v) => (select.value = v ?? "");
  set(ctx.value);
  select.addEventListener("change", () => {
    const v = select.value === "" ? null : select.value;
    if (v !== ctx.value) ctx.emit(v);
  });
  return { node: labelled(ctx.label, select), setValue: set };
}

export function multiselect(ctx) {
  const p = ctx.props;
  const options = p.options ?? [];
  const select = trackFocus(
    ctx,
    h("select", {
      multiple: true,
      size: Math.min(8, Math.max(2, options.length)),
      disabled: !!p.disabled,
      "aria-label": ctx.label ? null : "choose",
    }),
  );
  for (const label of options) select.append(h("option", { value: label, text: label }));
  const set = (values) => {
    const chosen = new Set(values ?? []);
    for (const o of select.options) o.selected = chosen.has(o.value);
  };
  set(ctx.value);
  select.addEventListener("change", () => {
    let chosen = [...select.selectedOptions].map((o) => o.value);
    if (p.max_selections != null && chosen.length > p.max_selections) {
      set(ctx.value); // over the limit: keep the previous choice
      return;
    }
    ctx.emit(chosen);
  });
  return { node: labelled(ctx.label, select), setValue: set };
}
