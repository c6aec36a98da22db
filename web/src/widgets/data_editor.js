// mo.ui.data_editor: a table whose cells are text fields (checkboxes for
// true/false columns). Sends marimo's {edits: [...]}: every edit so far,
// {rowIdx, columnId, value} for a cell, {rowIdx, type: "insert" | "remove"}
// for rows. A number column refuses text that is not a number (aria-invalid)
// and sends nothing for it.
import { h } from "./dom.js";
import { trackFocus } from "./element.js";
import { plain } from "./table_tools.js";

export function data_editor(ctx) {
  const p = ctx.props;
  const fields = p.columns ?? [];
  const editable = new Set(p.editable_columns ?? fields.map((f) => f[0]));
  let rows = (p.rows ?? []).map((r) => r.map(plain));
  let edits = [...(ctx.value?.edits ?? [])];
  const pageSize = p.page_size ?? 50;
  let page = 0;

  const tbody = h("tbody");
  const head = h("tr", {}, ...fields.map(([name]) => h("th", { scope: "col", text: name })), h("th", { scope: "col" }, h("span", { class: "rv-ui-sr", text: "Actions" })));
  const tableEl = h("table", { class: "rv-ui-table rv-ui-editor", "aria-label": ctx.label || "data editor" }, h("thead", {}, head), tbody);
  const status = h("span", { class: "rv-ui-pager-text", "aria-live": "polite" });
  const prev = trackFocus(ctx, h("button", { type: "button", "aria-label": "Previous page", text: "‹" }));
  const next = trackFocus(ctx, h("button", { type: "button", "aria-label": "Next page", text: "›" }));
  const addRow = trackFocus(ctx, h("button", { type: "button", class: "rv-ui-button", text: "Add row" }));
  prev.addEventListener("click", () => ((page -= 1), render()));
  next.addEventListener("click", () => ((page += 1), render()));
  addRow.addEventListener("click", () => {
    rows.push(fields.map(() => null));
    edits.push({ rowIdx: rows.length - 1, type: "insert" });
    page = pages() - 1;
    render();
    send();
  });
  const pages = () => (p.pagination ? Math.max(1, Math.ceil(rows.length / pageSize)) : 1);
  const send = () => ctx.emit({ edits: structuredClone(edits) });

  function cell(i, j) {
    const [name, type] = fields[j];
    const v = rows[i][j];
    const label = `${name}, row ${i + 1}`;
    if (!editable.has(name)) return h("td", { text: v == null ? "" : String(v) });
    if (type === "boolean") {
      const box = trackFocus(ctx, h("input", { type: "checkbox", checked: v === true, "aria-label": label }));
      box.addEventListener("change", () => commit(i, j, box.checked));
      return h("td", {}, box);
    }
    const input = trackFocus(ctx, h("input", { type: "text", value: v == null ? "" : String(v), "aria-label": label }));
    input.addEventListener("change", () => {
      let value = input.value;
      if (type === "number") {
        const n = Number(value.trim());
        const bad = value.trim() === "" || !Number.isFinite(n);
        input.setAttribute("aria-invalid", String(bad));
        if (bad) return;
        value = n;
      }
      commit(i, j, value);
    });
    return h("td", {}, input);
  }

  function commit(i, j, value) {
    rows[i][j] = value;
    edits.push({ rowIdx: i, columnId: fields[j][0], value });
    send();
  }

  function render() {
    page = Math.min(Math.max(0, page), pages() - 1);
    const from = p.pagination ? page * pageSize : 0;
    const shown = rows.map((_, i) => i).slice(from, p.pagination ? from + pageSize : undefined);
    tbody.replaceChildren(
      ...shown.map((i) => {
        const remove = trackFocus(ctx, h("button", { type: "button", class: "rv-ui-button", "aria-label": `Delete row ${i + 1}`, text: "✕" }));
        remove.addEventListener("click", () => {
          rows.splice(i, 1);
          edits.push({ rowIdx: i, type: "remove" });
          render();
          send();
        });
        return h("tr", {}, ...fields.map((_, j) => cell(i, j)), h("td", {}, remove));
      }),
    );
    status.textContent = p.pagination ? `Page ${page + 1} of ${pages()} · ${rows.length} rows` : `${rows.length} rows`;
    prev.disabled = page === 0;
    next.disabled = page >= pages() - 1;
    prev.hidden = next.hidden = !p.pagination;
  }

  render();
  const node = h("div", { class: "rv-ui-table-wrap" }, h("div", { class: "rv-ui-scroll" }, tableEl), h("div", { class: "rv-ui-pager" }, prev, status, next, addRow));
  return {
    node,
    setValue(v) {
      // another view of this widget: replay its edits over the original rows
      rows = (p.rows ?? []).map((r) => r.map(plain));
      edits = [];
      for (const e of v?.edits ?? []) {
        if (e.type === "insert") rows.splice(e.rowIdx, 0, fields.map(() => null));
        else if (e.type === "remove") rows.splice(e.rowIdx, 1);
        else if (rows[e.rowIdx]) rows[e.rowIdx][fields.findIndex((f) => f[0] === e.columnId)] = e.value;
        edits.push(e);
      }
      render();
    },
  };
}
