// mo.ui.dataframe: a list of transform steps (filter, select, sort, group
// by, aggregate, rename, unique), each a fieldset of native controls; the
// transformed rows in a table and the pandas/polars code in a second tab.
// Sends marimo's {transforms: [...]}: the steps that are complete, up to the
// first that is not (a later step may name a column an earlier one removed).
import { debounced, h, nextId } from "./dom.js";
import { trackFocus } from "./element.js";
import { tabList } from "../tabs.js";
import { table } from "./table.js";
import { AGGREGATIONS, NO_VALUE, OPERATORS, applyAll, code, columnsAfter } from "./frame_ops.js";

const KINDS = {
  filter_rows: "Filter rows",
  select_columns: "Select columns",
  sort_column: "Sort",
  group_by: "Group by",
  aggregate: "Aggregate",
  rename_column: "Rename column",
  unique: "Unique rows",
};

function fresh(type, cols) {
  const first = cols[0] ?? "";
  switch (type) {
    case "filter_rows": return { type, operation: "keep_rows", where: { type: "group", operator: "and", negate: false, children: [{ type: "condition", column_id: first, operator: "", value: null, negate: false }] } };
    case "select_columns": return { type, column_ids: [] };
    case "sort_column": return { type, column_id: first, ascending: true, na_position: "last" };
    case "group_by": return { type, column_ids: [], drop_na: false, aggregation: "count", aggregation_column_ids: [] };
    case "aggregate": return { type, column_ids: [], aggregations: [] };
    case "rename_column": return { type, column_id: first, new_column_id: "" };
    default: return { type: "unique", column_ids: [], keep: "first" };
  }
}

function complete(t, cols) {
  const has = (c) => cols.includes(c);
  switch (t.type) {
    case "filter_rows": {
      const c = t.where.children[0];
      if (!c || !has(c.column_id) || !c.operator) return false;
      if (NO_VALUE.has(c.operator)) return true;
      if (c.operator === "between") return c.value && Number.isFinite(c.value.min) && Number.isFinite(c.value.max);
      if (c.operator === "in" || c.operator === "not_in") return Array.isArray(c.value) && c.value.length > 0;
      return c.value !== null && c.value !== "";
    }
    case "select_columns": return t.column_ids.length > 0 && t.column_ids.every(has);
    case "sort_column": return has(t.column_id);
    case "group_by": return t.column_ids.length > 0 && t.column_ids.every(has);
    case "aggregate": return t.column_ids.length > 0 && t.column_ids.every(has) && t.aggregations.length > 0;
    case "rename_column": return has(t.column_id) && t.new_column_id.trim() !== "";
    case "unique": return t.column_ids.every(has);
  }
  return false;
}

// The value a filter's text means for a column of this type.
function typed(text, type) {
  const t = String(text).trim();
  if (t === "") return null;
  if (type === "number") {
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  if (type === "boolean") return t.toLowerCase() === "true";
  return text;
}

export function dataframe(ctx) {
  const p = ctx.props;
  const fields = p.columns ?? []; // [[name, type], ...]
  const names = fields.map((f) => f[0]);
  const types = Object.fromEntries(fields);
  const rows = (p.rows ?? []).map((r) => Object.fromEntries(names.map((c, j) => [c, r[j]])));
  let steps = structuredClone(ctx.value?.transforms ?? []);

  const stepsBox = h("div", { class: "rv-ui-df-steps" });
  const add = trackFocus(ctx, h("select", { "aria-label": "Add transform" }, h("option", { value: "", text: "Add transform…" }),
    ...Object.entries(KINDS).map(([k, label]) => h("option", { value: k, text: label }))));
  add.addEventListener("change", () => {
    if (!add.value) return;
    steps.push(fresh(add.value, colsBefore(steps.length)));
    add.value = "";
    changed(true, `step${steps.length - 1}-0`);
  });
  const preview = h("div", { class: "rv-ui-df-preview" });
  const codeBox = h("pre", { class: "rv-ui-code rv-ui-df-code" });
  const panels = [preview, h("div", {}, codeBox)];
  const tabs = tabList(["Table", p.library === "polars" ? "Polars code" : "Python code"], panels, { label: "dataframe views" });
  tabs.select(0);

  const colsBefore = (i) => steps.slice(0, i).reduce((cols, t) => columnsAfter(t, cols), names);
  /** The complete steps up to the first incomplete one. */
  function ready() {
    const out = [];
    let cols = names;
    for (const t of steps) {
      if (!complete(t, cols)) break;
      out.push(t);
      cols = columnsAfter(t, cols);
    }
    return out;
  }

  const send = debounced(() => ctx.emit({ transforms: structuredClone(ready()) }), 250);
  function changed(structural, focusKey) {
    if (structural) renderSteps(focusKey);
    renderResult();
    send();
  }

  function control(el, key) {
    el.dataset.focus = key;
    return trackFocus(ctx, el);
  }
  const select = (label, options, value, key, onChange, multiple = false) => {
    const s = control(h("select", { "aria-label": label, multiple }), key);
    for (const o of options) {
      const [v, text] = Array.isArray(o) ? o : [o, o];
      s.append(h("option", { value: v, text, selected: multiple ? value.includes(v) : v === value }));
    }
    s.addEventListener("change", () => onChange(multiple ? [...s.selectedOptions].map((o) => o.value) : s.value));
    return h("label", { class: "rv-ui-df-field" }, h("span", { text: label }), s);
  };
  const input = (label, value, key, onInput) => {
    const el = control(h("input", { type: "text", "aria-label": label, value: value ?? "" }), key);
    el.addEventListener("input", () => onInput(el.value));
    return h("label", { class: "rv-ui-df-field" }, h("span", { text: label }), el);
  };

  function editor(t, i, cols) {
    const k = (n) => `step${i}-${n}`;
    const set = (structural) => (v) => {
      structural(v);
      changed(true, document.activeElement?.dataset?.focus);
    };
    switch (t.type) {
      case "filter_rows": {
        const c = t.where.children[0];
        const type = types[c.column_id] ?? "string";
        const ops = OPERATORS[type] ?? OPERATORS.string;
        const parts = [
          select("Column", cols, c.column_id, k(0), set((v) => Object.assign(c, { column_id: v, operator: "", value: null }))),
          select("Operator", [["", "choose…"], ...ops.map((o) => [o, o.replace(/_/g, " ")])], c.operator, k(1), set((v) => Object.assign(c, { operator: v, value: null }))),
        ];
        if (c.operator === "between") {
          const range = c.value ?? { min: null, max: null };
          c.value = range;
          parts.push(input("Minimum", range.min ?? "", k(2), (v) => ((range.min = typed(v, "number")), changed(false))));
          parts.push(input("Maximum", range.max ?? "", k(3), (v) => ((range.max = typed(v, "number")), changed(false))));
        } else if (c.operator === "in" || c.operator === "not_in") {
          parts.push(input("Values (comma-separated)", (c.value ?? []).join(", "), k(2), (v) => {
            c.value = v.split(",").map((s) => typed(s, type)).filter((x) => x !== null);
            changed(false);
          }));
        } else if (c.operator && !NO_VALUE.has(c.operator)) {
          parts.push(input("Value", c.value ?? "", k(2), (v) => ((c.value = typed(v, type)), changed(false))));
        }
        parts.push(select("Rows", [["keep_rows", "keep"], ["remove_rows", "remove"]], t.operation, k(4), set((v) => (t.operation = v))));
        return parts;
      }
      case "select_columns":
        return [select("Columns", cols, t.column_ids, k(0), set((v) => (t.column_ids = v)), true)];
      case "sort_column":
        return [
          select("Column", cols, t.column_id, k(0), set((v) => (t.column_id = v))),
          select("Order", [["asc", "ascending"], ["desc", "descending"]], t.ascending ? "asc" : "desc", k(1), set((v) => (t.ascending = v === "asc"))),
        ];
      case "group_by":
        return [
          select("Group by columns", cols, t.column_ids, k(0), set((v) => (t.column_ids = v)), true),
          select("Aggregation", AGGREGATIONS, t.aggregation, k(1), set((v) => (t.aggregation = v))),
        ];
      case "aggregate":
        return [
          select("Columns", cols, t.column_ids, k(0), set((v) => (t.column_ids = v)), true),
          select("Aggregations", AGGREGATIONS, t.aggregations, k(1), set((v) => (t.aggregations = v)), true),
        ];
      case "rename_column":
        return [
          select("Column", cols, t.column_id, k(0), set((v) => (t.column_id = v))),
          input("New name", t.new_column_id, k(1), (v) => ((t.new_column_id = v), changed(false))),
        ];
      default:
        return [
          select("Columns", cols, t.column_ids, k(0), set((v) => (t.column_ids = v)), true),
          select("Keep", ["first", "last", "none"], t.keep, k(1), set((v) => (t.keep = v))),
        ];
    }
  }

  function renderSteps(focusKey) {
    let cols = names;
    stepsBox.replaceChildren(
      ...steps.map((t, i) => {
        const remove = control(h("button", { type: "button", class: "rv-ui-button", "aria-label": `Remove step ${i + 1}`, text: "✕" }), `remove${i}`);
        remove.addEventListener("click", () => {
          steps.splice(i, 1);
          changed(true, steps.length ? `remove${Math.min(i, steps.length - 1)}` : null);
          if (!steps.length) add.focus();
        });
        const ok = complete(t, cols);
        const box = h("fieldset", { class: "rv-ui-df-step", "data-incomplete": ok ? null : "" },
          h("legend", { text: `${i + 1}. ${KINDS[t.type] ?? t.type}` }), ...editor(t, i, cols), remove);
        cols = ok ? columnsAfter(t, cols) : cols;
        return box;
      }),
    );
    if (focusKey) stepsBox.querySelector(`[data-focus="${focusKey}"]`)?.focus();
  }

  function renderResult() {
    const done = ready();
    const out = applyAll(done, names, rows);
    const view = table({
      label: "",
      props: {
        columns: out.columns,
        rows: out.rows.map((r) => out.columns.map((c) => r[c] ?? null)),
        total: out.rows.length,
        page_size: p.page_size ?? 5,
        pagination: true,
        download: !!p.show_download,
        search: true,
      },
      value: [],
      emit() {},
    });
    preview.replaceChildren(view.node);
    codeBox.textContent = code(p.library ?? "pandas", p.dataframe_name ?? "df", names, done);
  }

  renderSteps();
  renderResult();
  const node = h("div", { class: "rv-ui-dataframe", id: nextId("rv-df") }, stepsBox, h("div", { class: "rv-ui-df-add" }, add), tabs.list, ...panels);
  return {
    node,
    setValue(v) {
      steps = structuredClone(v?.transforms ?? []);
      renderSteps();
      renderResult();
    },
  };
}
