// The one DOM helper of the shell, the view and the widgets.
let uid = 0;
/** A document-unique id with this prefix. */
export const nextId = (prefix = "rv-ui") => `${prefix}-${++uid}`;

/** h("input", {type: "range", class: "x", text: "..."}, ...children) */
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
