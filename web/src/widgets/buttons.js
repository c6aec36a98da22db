// Buttons: button and run_button send their click count; refresh ticks a
// counter at the chosen interval (and on click).
import { h, labelled } from "./dom.js";
import { trackFocus } from "./element.js";

function clicker(ctx) {
  const p = ctx.props;
  const button = trackFocus(
    ctx,
    h("button", {
      type: "button",
      class: `rv-ui-button rv-ui-kind-${p.kind ?? "neutral"}`,
      disabled: !!p.disabled,
      title: p.tooltip,
      text: ctx.label || "click",
    }),
  );
  button.addEventListener("click", () => ctx.emit((Number(ctx.value) || 0) + 1));
  return { node: button, setValue() {} };
}

export const button = clicker;
export const run_button = clicker;

export function refresh(ctx) {
  const p = ctx.props;
  let timer = 0;
  const tick = () => ctx.emit(String((Number(ctx.value) || 0) + 1)); // a str, as marimo's value
  const now = trackFocus(
    ctx,
    h("button", { type: "button", class: "rv-ui-button", "aria-label": ctx.label || "Refresh", text: "↻" }),
  );
  now.addEventListener("click", tick);
  const start = (seconds) => {
    clearInterval(timer);
    if (seconds > 0) timer = setInterval(tick, seconds * 1000);
  };
  const children = [now];
  const options = p.options ?? [];
  if (options.length) {
    const select = h("select", { "aria-label": "Refresh interval" }, h("option", { value: "0", text: "off" }));
    for (const s of options) select.append(h("option", { value: String(s), text: `${s}s` }));
    select.value = String(p.default_interval ?? 0);
    select.addEventListener("change", () => start(Number(select.value)));
    children.push(select);
  }
  start(p.default_interval ?? 0);
  return {
    node: ctx.label ? labelled(ctx.label, ...children) : h("span", { class: "rv-ui-field" }, ...children),
    setValue() {},
    destroy: () => clearInterval(timer),
  };
}
