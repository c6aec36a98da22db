// Tiny DOM helpers shared by the widget components.
let uid = 0;
export const nextId = (prefix = "rv-ui") => `${prefix}-${++uid}`;

/** h("input", {type: "range", class: "x"}, ...children) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c != null) el.append(c);
  return el;
}

/** A control with its label as accessible name: <label><span>text</span>control</label>. */
export function labelled(label, control, ...after) {
  if (!label) {
    return h("span", { class: "rv-ui-field" }, control, ...after);
  }
  const id = control.id || (control.id = nextId());
  return h(
    "span",
    { class: "rv-ui-field" },
    h("label", { class: "rv-ui-label", for: id, text: label }),
    control,
    ...after,
  );
}

/** Calls fn after `ms` of quiet (debounce) */
export function debounced(fn, ms) {
  let timer = 0;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  run.flush = (...args) => {
    clearTimeout(timer);
    fn(...args);
  };
  return run;
}
