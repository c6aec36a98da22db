// Value inputs: slider, range_slider, number, text, text_area, checkbox,
// switch, date, code_editor. Native controls, label as accessible name.
import { debounced, h, labelled } from "./dom.js";
import { trackFocus } from "./element.js";

const THUMB = 16; // px: Chromium's range thumb width, for pointer -> value

function rangeAttrs(p, index) {
  if (p.steps) return { min: 0, max: p.steps.length - 1, step: 1, value: index };
  return { min: p.start, max: p.stop, step: p.step ?? "any", value: index };
}

const stepsIndex = (p, v) => (p.steps ? Math.max(0, p.steps.indexOf(v)) : v);
const fromInput = (p, input) => (p.steps ? p.steps[Number(input.value)] : Number(input.value));

/**
 * A native <input type=range> whose pointer drag we handle ourselves (on
 * window), so it survives the output that holds it being re-rendered.
 */
function rangeInput(ctx, name, initial, onValue, onCommit) {
  const p = ctx.props;
  const input = trackFocus(
    ctx,
    h("input", {
      type: "range",
      ...rangeAttrs(p, stepsIndex(p, initial)),
      disabled: !!p.disabled,
      "aria-label": name || null,
      "aria-orientation": p.orientation === "vertical" ? "vertical" : null,
    }),
  );
  input.addEventListener("input", () => onValue(fromInput(p, input)));
  input.addEventListener("change", () => onCommit(fromInput(p, input)));
  let rect = null;
  const at = (e) => {
    if (input.isConnected) rect = input.getBoundingClientRect();
    if (!rect || rect.width <= THUMB) return;
    const frac = Math.min(1, Math.max(0, (e.clientX - rect.left - THUMB / 2) / (rect.width - THUMB)));
    const min = Number(input.min), max = Number(input.max);
    const before = input.value;
    input.value = String(min + frac * (max - min)); // the browser snaps to step
    if (input.value !== before) onValue(fromInput(p, input));
  };
  const move = (e) => at(e);
  const up = (e) => {
    at(e);
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    window.removeEventListener("pointercancel", up);
    onCommit(fromInput(p, input));
  };
  input.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || input.disabled) return;
    e.preventDefault();
    input.focus({ preventScroll: true });
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
    at(e);
  });
  return input;
}

const fmt = (v) => (typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : String(v));

export function slider(ctx) {
  const p = ctx.props;
  const out = p.show_value ? h("output", { class: "rv-ui-value", text: fmt(ctx.value) }) : null;
  const send = (v, commit) => {
    if (out) out.textContent = fmt(v);
    if (!p.debounce || commit) {
      if (v !== ctx.value) ctx.emit(v);
    }
  };
  const input = rangeInput(ctx, ctx.label ? null : "slider", ctx.value, (v) => send(v, false), (v) => send(v, true));
  const node = labelled(ctx.label, input, out);
  return {
    node,
    setValue(v) {
      input.value = String(stepsIndex(p, v));
      if (out) out.textContent = fmt(v);
    },
  };
}

export function range_slider(ctx) {
  const p = ctx.props;
  let [lo, hi] = ctx.value ?? [p.start, p.stop];
  const out = p.show_value ? h("output", { class: "rv-ui-value" }) : null;
  const show = () => out && (out.textContent = `${fmt(lo)} – ${fmt(hi)}`);
  show();
  const name = ctx.label || "range";
  const send = (commit) => {
    show();
    if (!p.debounce || commit) {
      if (lo !== ctx.value?.[0] || hi !== ctx.value?.[1]) ctx.emit([lo, hi]);
    }
  };
  let low, high;
  const onLow = (commit) => (v) => {
    lo = Math.min(v, hi);
    low.value = String(stepsIndex(p, lo));
    send(commit);
  };
  const onHigh = (commit) => (v) => {
    hi = Math.max(v, lo);
    high.value = String(stepsIndex(p, hi));
    send(commit);
  };
  low = rangeInput(ctx, `${name} (low)`, lo, onLow(false), onLow(true));
  high = rangeInput(ctx, `${name} (high)`, hi, onHigh(false), onHigh(true));
  const node = h(
    "span",
    { class: "rv-ui-field", role: "group", "aria-label": name },
    ctx.label ? h("span", { class: "rv-ui-label", text: ctx.label }) : null,
    low,
    high,
    out,
  );
  return {
    node,
    setValue(v) {
      [lo, hi] = v;
      low.value = String(stepsIndex(p, lo));
      high.value = String(stepsIndex(p, hi));
      show();
    },
  };
}

export function number(ctx) {
  const p = ctx.props;
  const input = trackFocus(
    ctx,
    h("input", {
      type: "number",
      min: p.start,
      max: p.stop,
      step: p.step ?? "any",
      value: ctx.value ?? "",
      disabled: !!p.disabled,
      "aria-label": ctx.label ? null : "number",
    }),
  );
  const send = () => {
    if (input.value === "" || Number.isNaN(input.valueAsNumber)) return;
    const v = input.valueAsNumber;
    if ((p.start != null && v < p.start) || (p.stop != null && v > p.stop)) return;
    if (v !== ctx.value) ctx.emit(v);
  };
  input.addEventListener(p.debounce ? "change" : "input", send);
  if (!p.debounce) input.addEventListener("change", send);
  return { node: labelled(ctx.label, input), setValue: (v) => (input.value = v ?? "") };
}

/** Wire a text control's sending per marimo's `debounce`: true = on Enter/blur,
 *  a number = after that many ms of quiet, false = every keystroke. */
function textSending(ctx, control, { enterSends }) {
  const d = ctx.props.debounce;
  const send = () => {
    if (control.value !== ctx.value) ctx.emit(control.value);
  };
  if (d === true || d === undefined) {
    control.addEventListener("change", send);
    control.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (enterSends || e.ctrlKey || e.metaKey)) send();
    });
  } else if (typeof d === "number" && d > 0) {
    const later = debounced(send, d);
    control.addEventListener("input", () => later());
    control.addEventListener("change", () => later.flush());
  } else {
    control.addEventListener("input", send);
  }
}

export function text(ctx) {
  const p = ctx.props;
  const input = trackFocus(
    ctx,
    h("input", {
      type: p.kind ?? "text",
      value: ctx.value ?? "",
      placeholder: p.placeholder,
      maxlength: p.max_length,
      disabled: !!p.disabled,
      "aria-label": ctx.label ? null : p.placeholder || "text",
    }),
  );
  textSending(ctx, input, { enterSends: true });
  return { node: labelled(ctx.label, input), setValue: (v) => (input.value = v ?? "") };
}

export function text_area(ctx) {
  const p = ctx.props;
  const area = trackFocus(
    ctx,
    h("textarea", {
      placeholder: p.placeholder,
      maxlength: p.max_length,
      rows: p.rows ?? 4,
      disabled: !!p.disabled,
      "aria-label": ctx.label ? null : p.placeholder || "text",
    }),
  );
  area.value = ctx.value ?? "";
  textSending(ctx, area, { enterSends: false });
  return { node: labelled(ctx.label, area), setValue: (v) => (area.value = v ?? "") };
}

export function code_editor(ctx) {
  const p = ctx.props;
  const area = trackFocus(
    ctx,
    h("textarea", {
      class: "rv-ui-code",
      spellcheck: "false",
      placeholder: p.placeholder,
      disabled: !!p.disabled,
      rows: Math.max(3, String(ctx.value ?? "").split("\n").length),
      "aria-label": ctx.label || `${p.language ?? "code"} editor`,
      "data-language": p.language,
    }),
  );
  area.value = ctx.value ?? "";
  area.addEventListener("keydown", (e) => {
    if (e.key !== "Tab" || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
    e.preventDefault(); // Tab indents; Escape then Tab leaves (see below)
    area.setRangeText("    ", area.selectionStart, area.selectionEnd, "end");
    area.dispatchEvent(new Event("input"));
  });
  area.addEventListener("keyup", (e) => e.key === "Escape" && area.blur());
  textSending(ctx, area, { enterSends: false });
  return {
    node: ctx.label ? labelled(ctx.label, area) : area,
    setValue: (v) => (area.value = v ?? ""),
  };
}

function toggle(ctx, role) {
  const input = trackFocus(
    ctx,
    h("input", {
      type: "checkbox",
      role,
      checked: !!ctx.value,
      disabled: !!ctx.props.disabled,
      "aria-label": ctx.label ? null : role || "checkbox",
    }),
  );
  if (role === "switch") input.setAttribute("aria-checked", String(!!ctx.value));
  input.addEventListener("change", () => {
    if (role === "switch") input.setAttribute("aria-checked", String(input.checked));
    ctx.emit(input.checked);
  });
  const node = ctx.label
    ? h("label", { class: "rv-ui-check" }, input, h("span", { text: ctx.label }))
    : input;
  return {
    node,
    setValue(v) {
      input.checked = !!v;
      if (role === "switch") input.setAttribute("aria-checked", String(!!v));
    },
  };
}

export const checkbox = (ctx) => toggle(ctx, null);
export const switch_ = (ctx) => toggle(ctx, "switch");

export function date(ctx) {
  const p = ctx.props;
  const input = trackFocus(
    ctx,
    h("input", {
      type: "date",
      value: ctx.value ?? "",
      min: p.start,
      max: p.stop,
      disabled: !!p.disabled,
      "aria-label": ctx.label ? null : "date",
    }),
  );
  input.addEventListener("change", () => {
    if (input.value && input.value !== ctx.value && input.checkValidity()) ctx.emit(input.value);
  });
  return { node: labelled(ctx.label, input), setValue: (v) => (input.value = v ?? "") };
}
