// mo.ui.data_explorer: choose a chart type and a column for each encoding
// channel; the chart is drawn with Vega-Lite (the lazy chart chunk, with the
// site's own options: ../layout/charts.js). Sends marimo's chart spec
// {mark, encoding: {channel: {field}}, config}.
import { h } from "./dom.js";
import { trackFocus } from "./element.js";
import { plain } from "./table_tools.js";

const CHANNELS = ["x", "y", "color", "size", "shape", "row", "column"];
const MARKS = [["?", "auto"], ["point", "point"], ["bar", "bar"], ["line", "line"], ["area", "area"], ["tick", "tick"]];
const VEGA_TYPE = { number: "quantitative", date: "temporal", datetime: "temporal" };
const MAX_POINTS = 5000;

/** The Vega-Lite spec drawn for a choice of mark and fields (null: nothing chosen). */
export function chartSpec(mark, encoding, fields, rows) {
  const types = Object.fromEntries(fields);
  const chosen = Object.entries(encoding).filter(([, f]) => f?.field);
  if (!chosen.length) return null;
  const enc = {};
  for (const [ch, { field }] of chosen) enc[ch] = { field, type: VEGA_TYPE[types[field]] ?? "nominal" };
  const quant = (ch) => enc[ch]?.type === "quantitative";
  if (enc.x && !enc.y) enc.y = { aggregate: "count", type: "quantitative", title: "count" };
  else if (enc.y && !enc.x) enc.x = { aggregate: "count", type: "quantitative", title: "count" };
  let m = mark;
  if (m === "?") m = quant("x") && quant("y") ? "point" : enc.x?.aggregate || enc.y?.aggregate ? "bar" : quant("x") || quant("y") ? "bar" : "point";
  if (m === "bar" && quant("x") && enc.y?.aggregate) enc.x.bin = true;
  if (m === "bar" && quant("y") && enc.x?.aggregate) enc.y.bin = true;
  const names = fields.map((f) => f[0]);
  const values = rows.slice(0, MAX_POINTS).map((r) => Object.fromEntries(names.map((c, j) => [c, plain(r[j])])));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    data: { values },
    mark: { type: m, tooltip: true },
    encoding: enc,
    width: "container",
    height: 260,
  };
}

export function data_explorer(ctx) {
  const p = ctx.props;
  const fields = p.columns ?? [];
  const rows = p.rows ?? [];
  const state = structuredClone(ctx.value ?? { mark: "?", encoding: {}, config: {} });
  state.encoding ??= {};
  const canvas = h("div", { class: "rv-ui-chart-canvas" });
  const chart = h("div", { class: "rv-ui-chart", role: "figure", "aria-label": "chart" }, canvas);
  const hint = h("p", { class: "rv-ui-explorer-hint", text: "Choose columns to draw a chart." });
  const controls = h("div", { class: "rv-ui-explorer-controls" });
  const selects = {};

  const pick = (label, options, value, onChange) => {
    const s = trackFocus(ctx, h("select", { "aria-label": label }));
    for (const [v, text] of options) s.append(h("option", { value: v, text, selected: v === value }));
    s.addEventListener("change", () => onChange(s.value));
    controls.append(h("label", { class: "rv-ui-df-field" }, h("span", { text: label }), s));
    return s;
  };
  selects.mark = pick("Chart type", MARKS, state.mark ?? "?", (v) => ((state.mark = v), changed()));
  const columnOptions = [["", "—"], ...fields.map(([c]) => [c, c])];
  for (const ch of CHANNELS) {
    selects[ch] = pick(ch, columnOptions, state.encoding[ch]?.field ?? "", (v) => {
      if (v) state.encoding[ch] = { field: v };
      else delete state.encoding[ch];
      changed();
    });
  }

  let drawn = 0;
  async function draw() {
    const spec = chartSpec(state.mark ?? "?", state.encoding, fields, rows);
    const mine = ++drawn;
    hint.hidden = !!spec;
    chart.hidden = !spec;
    if (!spec) return canvas.replaceChildren();
    try {
      const { drawVega } = await import("../layout/charts.js");
      if (mine !== drawn) return;
      const box = h("div", { class: "rv-ui-chart-draw" });
      canvas.replaceChildren(box);
      await drawVega(box, spec);
    } catch (err) {
      if (mine === drawn) canvas.replaceChildren(h("pre", { text: `The chart could not be drawn: ${err?.message ?? err}` }));
    }
  }
  function changed() {
    draw();
    ctx.emit(structuredClone(state));
  }

  draw();
  const node = h("div", { class: "rv-ui-explorer" }, controls, hint, chart);
  return {
    node,
    setValue(v) {
      Object.assign(state, structuredClone(v ?? {}));
      state.encoding ??= {};
      selects.mark.value = state.mark ?? "?";
      for (const ch of CHANNELS) selects[ch].value = state.encoding[ch]?.field ?? "";
      draw();
    },
  };
}
