// matrix: a table of numbers; each entry is an ARIA slider. Drag sideways
// or use the arrow keys (Shift: 10x, Alt: 1/10 step); Enter or a double
// click types an exact value. `symmetric` mirrors an edit across the diagonal.
import { h } from "./dom.js";
import { trackFocus } from "./element.js";

const PX_PER_STEP = 4;

export function matrix(ctx) {
  const p = ctx.props;
  let value = (ctx.value ?? []).map((row) => [...row]);
  const rows = value.length;
  const cols = value[0]?.length ?? 0;
  const at = (grid, i, j, fallback) => (grid ? grid[i][j] : fallback);
  const fmt = (v) => (p.scientific ? v.toExponential(p.precision ?? 2) : v.toFixed(p.precision ?? 0));
  const clamp = (v, i, j) => Math.min(at(p.max_value, i, j, Infinity), Math.max(at(p.min_value, i, j, -Infinity), v));
  const cells = [];
  const send = (commit) => {
    if (p.debounce && !commit) return;
    if (JSON.stringify(value) !== JSON.stringify(ctx.value)) ctx.emit(value.map((row) => [...row]));
  };
  const set = (i, j, v, commit) => {
    v = clamp(v, i, j);
    v = Number(v.toPrecision(12)); // no float dust from repeated steps
    value[i][j] = v;
    if (p.symmetric) value[j][i] = v;
    show();
    send(commit);
  };
  const show = () => {
    for (const { el, i, j } of cells) {
      el.textContent = fmt(value[i][j]);
      el.setAttribute("aria-valuenow", String(value[i][j]));
    }
  };
  const name = (i, j) =>
    `${p.row_labels?.[i] ?? `row ${i + 1}`}, ${p.column_labels?.[j] ?? `column ${j + 1}`}`;
  const entry = (i, j) => {
    const off = !!at(p.disabled, i, j, false);
    const el = trackFocus(
      ctx,
      h("span", {
        class: "rv-ui-matrix-entry",
        role: "slider",
        tabindex: off ? null : "0",
        "aria-label": name(i, j),
        "aria-disabled": off ? "true" : null,
        "aria-valuemin": p.min_value ? String(p.min_value[i][j]) : null,
        "aria-valuemax": p.max_value ? String(p.max_value[i][j]) : null,
      }),
    );
    cells.push({ el, i, j });
    if (off) return el;
    const step = (e) => at(p.step, i, j, 1) * (e.shiftKey ? 10 : e.altKey ? 0.1 : 1);
    const type = () => {
      const input = h("input", { type: "text", value: String(value[i][j]), "aria-label": name(i, j), class: "rv-ui-matrix-input" });
      el.replaceChildren(input);
      input.focus();
      input.select();
      const done = (keep) => {
        const v = Number(input.value);
        input.remove();
        if (keep && input.value.trim() !== "" && Number.isFinite(v)) set(i, j, v, true);
        else show();
        el.focus();
      };
      input.addEventListener("keydown", (e) => {
        e.stopPropagation();
        if (e.key === "Enter") done(true);
        if (e.key === "Escape") done(false);
      });
      input.addEventListener("blur", () => input.isConnected && done(true));
    };
    el.addEventListener("keydown", (e) => {
      if (e.target !== el) return;
      const up = e.key === "ArrowRight" || e.key === "ArrowUp";
      const down = e.key === "ArrowLeft" || e.key === "ArrowDown";
      if (up || down) {
        e.preventDefault();
        set(i, j, value[i][j] + (up ? 1 : -1) * step(e), true);
      } else if (e.key === "Enter") {
        e.preventDefault();
        type();
      }
    });
    el.addEventListener("dblclick", type);
    el.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || e.target !== el) return;
      const x0 = e.clientX;
      const v0 = value[i][j];
      const s = step(e);
      el.setPointerCapture?.(e.pointerId);
      const move = (m) => set(i, j, v0 + Math.round((m.clientX - x0) / PX_PER_STEP) * s, false);
      const up = () => {
        el.removeEventListener("pointermove", move);
        el.removeEventListener("pointerup", up);
        el.removeEventListener("pointercancel", up);
        send(true);
      };
      el.addEventListener("pointermove", move);
      el.addEventListener("pointerup", up);
      el.addEventListener("pointercancel", up);
    });
    return el;
  };
  const head = p.column_labels
    ? h("tr", {}, p.row_labels ? h("td") : null, ...p.column_labels.map((c) => h("th", { scope: "col", text: c })))
    : null;
  const body = [];
  for (let i = 0; i < rows; i++) {
    const tr = h("tr", {}, p.row_labels ? h("th", { scope: "row", text: p.row_labels[i] }) : null);
    for (let j = 0; j < cols; j++) tr.append(h("td", {}, entry(i, j)));
    body.push(tr);
  }
  const table = h("div", { role: "group", "aria-label": ctx.label || "matrix" }, h("table", { class: "rv-ui-matrix" }, head, ...body));
  show();
  const node = ctx.label
    ? h("span", { class: "rv-ui-field" }, h("span", { class: "rv-ui-label", text: ctx.label }), table)
    : table;
  return {
    node,
    setValue(v) {
      value = (v ?? []).map((row) => [...row]);
      show();
    },
  };
}
