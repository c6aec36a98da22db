// date_range (two native date inputs) and datetime (a datetime-local input).
import { h, labelled } from "./dom.js";
import { trackFocus } from "./element.js";

export function date_range(ctx) {
  const p = ctx.props;
  const name = ctx.label || "date range";
  const [a, b] = ctx.value ?? ["", ""];
  const input = (which, value) =>
    trackFocus(
      ctx,
      h("input", {
        type: "date",
        value,
        min: p.start,
        max: p.stop,
        disabled: !!p.disabled,
        "aria-label": `${name} (${which})`,
      }),
    );
  const start = input("start", a);
  const end = input("end", b);
  const send = () => {
    if (!start.value || !end.value || !start.checkValidity() || !end.checkValidity()) return;
    if (start.value > end.value) return; // ISO dates compare as strings
    const value = [start.value, end.value];
    if (value[0] !== ctx.value?.[0] || value[1] !== ctx.value?.[1]) ctx.emit(value);
  };
  start.addEventListener("change", send);
  end.addEventListener("change", send);
  const node = h(
    "span",
    { class: "rv-ui-field", role: "group", "aria-label": name },
    ctx.label ? h("span", { class: "rv-ui-label", text: ctx.label }) : null,
    start,
    h("span", { "aria-hidden": "true", text: "–" }),
    end,
  );
  return {
    node,
    setValue(v) {
      [start.value, end.value] = v ?? ["", ""];
    },
  };
}

const STEP = { hour: 3600, minute: 60, second: 1 };
// the input shows no seconds unless the step needs them
const shown = (value, precision) => (value ? (precision === "second" ? value : value.slice(0, 16)) : "");

export function datetime(ctx) {
  const p = ctx.props;
  const precision = p.precision ?? "minute";
  const input = trackFocus(
    ctx,
    h("input", {
      type: "datetime-local",
      value: shown(ctx.value, precision),
      min: shown(p.start, precision),
      max: shown(p.stop, precision),
      step: STEP[precision] ?? 60,
      disabled: !!p.disabled,
      "aria-label": ctx.label ? null : "date and time",
    }),
  );
  input.addEventListener("change", () => {
    if (!input.value) return ctx.emit(null);
    if (!input.checkValidity()) return;
    if (input.value !== shown(ctx.value, precision)) ctx.emit(input.value);
  });
  return { node: labelled(ctx.label, input), setValue: (v) => (input.value = shown(v, precision)) };
}
