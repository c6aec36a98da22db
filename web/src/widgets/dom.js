// Tiny DOM helpers shared by the widget components.
import { h, nextId } from "../dom.js";

export { h, nextId };

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

/** Bytes as base64 (files and recordings go to the kernel this way). */
export function base64(buffer) {
  const bytes = new Uint8Array(buffer);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
