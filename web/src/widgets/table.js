// mo.ui.table: a native <table> with sortable headers (buttons, aria-sort),
// pagination and row selection (checkboxes or radios). Sends the selected
// rows' original indices. With selection "single-cell"/"multi-cell" the
// table is an ARIA grid whose cells toggle (click, Enter or Space) and it
// sends [{rowId, columnName}].
import { h, nextId } from "./dom.js";
import { trackFocus } from "./element.js";
import { sanitizeHtml } from "../render/sanitize.js";

// A rich cell ({html, text}: images, markdown, widgets) sorts by its text.
const key = (v) => (v && typeof v === "object" ? v.text ?? "" : v);

function cellNode(v) {
  if (v && typeof v === "object" && typeof v.html === "string") {
    const td = h("td", { class: "rv-ui-cell-rich" });
    td.append(sanitizeHtml(v.html));
    return td;
  }
  return h("td", { text: v == null ? "" : String(v) });
}

function compare(a, b) {
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

export function table(ctx) {
  const p = ctx.props;
  const columns = p.columns ?? [];
  const rows = p.rows ?? [];
  const pageSize = p.page_size ?? 10;
  const cellMode = p.selection === "single-cell" || p.selection === "multi-cell";
  const selection = cellMode ? null : p.selection ?? null;
  const cellKey = (c) => `${c.rowId}\u0000${c.columnName}`;
  const picked = new Map(cellMode ? (ctx.value ?? []).map((c) => [cellKey(c), c]) : []);
  const state = { sort: null, desc: false, page: 0, selected: new Set(ctx.value ?? []) };
  const name = nextId("rv-table");
  const caption = ctx.label ? h("caption", { text: ctx.label }) : null;
  const thead = h("thead");
  const tbody = h("tbody");
  const tableEl = h("table", { class: "rv-ui-table", role: cellMode ? "grid" : null, "aria-label": ctx.label ? null : "table" }, caption, thead, tbody);
  const pager = h("div", { class: "rv-ui-pager" });
  const summary = h("span", { class: "rv-ui-pager-text", "aria-live": "polite" });
  const prev = trackFocus(ctx, h("button", { type: "button", "aria-label": "Previous page", text: "‹" }));
  const next = trackFocus(ctx, h("button", { type: "button", "aria-label": "Next page", text: "›" }));
  prev.addEventListener("click", () => go(state.page - 1));
  next.addEventListener("click", () => go(state.page + 1));
  pager.append(prev, summary, next);

  const order = () => {
    const idx = rows.map((_, i) => i);
    if (state.sort == null) return idx;
    const c = state.sort;
    idx.sort((a, b) => compare(key(rows[a][c]), key(rows[b][c])) * (state.desc ? -1 : 1));
    return idx;
  };
  const pages = () => (p.pagination ? Math.max(1, Math.ceil(rows.length / pageSize)) : 1);
  const go = (page) => {
    state.page = Math.min(Math.max(0, page), pages() - 1);
    renderBody();
  };

  function renderHead() {
    const cells = columns.map((col, c) => {
      const sorted = state.sort === c ? (state.desc ? "descending" : "ascending") : null;
      const b = trackFocus(ctx, h("button", { type: "button", class: "rv-ui-sort", text: col }));
      b.addEventListener("click", () => {
        if (state.sort === c) state.desc = !state.desc;
        else (state.sort = c), (state.desc = false);
        renderHead();
        renderBody();
        thead.querySelectorAll("button.rv-ui-sort")[c]?.focus();
      });
      return h("th", { scope: "col", "aria-sort": sorted ?? "none" }, b);
    });
    const selectHead = selection ? h("th", { scope: "col" }, h("span", { class: "rv-ui-sr", text: "Selected" })) : null;
    thead.replaceChildren(h("tr", {}, selectHead, ...cells));
  }

  function renderBody() {
    const idx = order();
    const from = p.pagination ? state.page * pageSize : 0;
    const shown = p.pagination ? idx.slice(from, from + pageSize) : idx;
    tbody.replaceChildren(
      ...shown.map((i) => {
        const tr = h("tr", { "data-row": String(i), "aria-selected": selection ? String(state.selected.has(i)) : null });
        if (selection) {
          const box = trackFocus(
            ctx,
            h("input", {
              type: selection === "single" ? "radio" : "checkbox",
              name,
              checked: state.selected.has(i),
              "aria-label": `Select row ${i + 1}`,
            }),
          );
          box.addEventListener("change", () => toggle(i, box.checked));
          tr.append(h("td", {}, box));
        }
        for (let c = 0; c < columns.length; c++) {
          const td = cellNode(rows[i][c]);
          const css = p.styles?.[i]?.[c];
          if (css) td.style.cssText = css;
          const title = p.titles?.[i]?.[c];
          if (title) td.title = title;
          if (cellMode) cellToggle(td, i, c);
          tr.append(td);
        }
        return tr;
      }),
    );
    const total = p.total ?? rows.length;
    summary.textContent = p.pagination
      ? `Page ${state.page + 1} of ${pages()} · ${total} rows`
      : `${total} rows`;
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages() - 1;
    pager.hidden = !p.pagination;
  }

  function cellToggle(td, i, c) {
    const cell = { rowId: String(i), columnName: columns[c] };
    const k = cellKey(cell);
    td.setAttribute("role", "gridcell");
    td.tabIndex = 0;
    td.setAttribute("aria-selected", String(picked.has(k)));
    const flip = () => {
      const on = !picked.has(k);
      if (p.selection === "single-cell") {
        picked.clear();
        for (const other of tbody.querySelectorAll("[role=gridcell]")) other.setAttribute("aria-selected", "false");
      }
      if (on) picked.set(k, cell);
      else picked.delete(k);
      td.setAttribute("aria-selected", String(on));
      ctx.emit([...picked.values()]);
    };
    td.addEventListener("click", flip);
    td.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        flip();
      }
    });
  }

  function toggle(i, on) {
    if (selection === "single") state.selected = new Set(on ? [i] : []);
    else if (on) state.selected.add(i);
    else state.selected.delete(i);
    for (const tr of tbody.rows) tr.setAttribute("aria-selected", String(state.selected.has(Number(tr.dataset.row))));
    ctx.emit([...state.selected].sort((a, b) => a - b));
  }

  renderHead();
  renderBody();
  const scroll = h("div", { class: "rv-ui-scroll" }, tableEl);
  if (p.max_height) Object.assign(scroll.style, { maxHeight: `${Number(p.max_height)}px`, overflowY: "auto" });
  const node = h("div", { class: "rv-ui-table-wrap" }, scroll, pager);
  return {
    node,
    setValue(v) {
      if (cellMode) {
        picked.clear();
        for (const c of v ?? []) picked.set(cellKey(c), c);
      } else state.selected = new Set(v ?? []);
      renderBody();
    },
  };
}
