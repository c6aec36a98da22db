// mo.ui.table: a native <table> with sortable headers (buttons, aria-sort),
// search, per-column filters, column summaries, pagination, row selection
// (checkboxes or radios) and downloads (CSV, JSON; inert blobs). Sends the
// selected rows' original indices. With selection "single-cell"/"multi-cell"
// the table is an ARIA grid whose cells toggle (click, Enter or Space) and it
// sends [{rowId, columnName}]. The data widgets reuse it for previews.
import { h, nextId } from "./dom.js";
import { trackFocus } from "./element.js";
import { sanitizeHtml } from "../render/sanitize.js";
import { download, filterRows, plain, searchRows, summary, toCsv, toJson } from "./table_tools.js";

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

const TYPE_MARK = { number: "#", string: "Aa", boolean: "✓", date: "📅", datetime: "🕒" };

export function table(ctx) {
  const p = ctx.props;
  const columns = p.columns ?? [];
  const rows = p.rows ?? [];
  const pageSize = p.page_size ?? 10;
  const cellMode = p.selection === "single-cell" || p.selection === "multi-cell";
  const selection = cellMode ? null : p.selection ?? null;
  const cellKey = (c) => `${c.rowId}\u0000${c.columnName}`;
  const picked = new Map(cellMode ? (ctx.value ?? []).map((c) => [cellKey(c), c]) : []);
  const state = { sort: null, desc: false, page: 0, selected: new Set(ctx.value ?? []), query: "", filters: {} };
  const name = nextId("rv-table");
  const caption = ctx.label ? h("caption", { text: ctx.label }) : null;
  const thead = h("thead");
  const tbody = h("tbody");
  const tfoot = h("tfoot");
  const tableEl = h("table", { class: "rv-ui-table", role: cellMode ? "grid" : null, "aria-label": ctx.label ? null : "table" }, caption, thead, tbody, tfoot);
  const pager = h("div", { class: "rv-ui-pager" });
  const summaryText = h("span", { class: "rv-ui-pager-text", "aria-live": "polite" });
  const prev = trackFocus(ctx, h("button", { type: "button", "aria-label": "Previous page", text: "‹" }));
  const next = trackFocus(ctx, h("button", { type: "button", "aria-label": "Next page", text: "›" }));
  prev.addEventListener("click", () => go(state.page - 1));
  next.addEventListener("click", () => go(state.page + 1));
  pager.append(prev, summaryText, next);

  const tools = h("div", { class: "rv-ui-table-tools" });
  if (p.search) {
    const box = trackFocus(ctx, h("input", { type: "search", placeholder: "Search", "aria-label": "Search" }));
    box.addEventListener("input", () => {
      state.query = box.value;
      go(0);
    });
    tools.append(box);
  }
  const filtering = { on: false };
  const filterToggle = trackFocus(ctx, h("button", { type: "button", class: "rv-ui-button", "aria-pressed": "false", text: "Filter" }));
  filterToggle.addEventListener("click", () => {
    filtering.on = !filtering.on;
    filterToggle.setAttribute("aria-pressed", String(filtering.on));
    if (!filtering.on) state.filters = {};
    renderHead();
    go(0);
  });
  tools.append(filterToggle);
  if (p.download) {
    for (const [what, make, type, ext] of [
      ["CSV", toCsv, "text/csv", "csv"],
      ["JSON", toJson, "application/json", "json"],
    ]) {
      const b = trackFocus(ctx, h("button", { type: "button", class: "rv-ui-button", text: `Download ${what}` }));
      b.addEventListener("click", () => download(make(columns, visible().map((i) => rows[i])), `download.${ext}`, type));
      tools.append(b);
    }
  }

  /** Row indices after search and filters, in the sorted order. */
  const visible = () => {
    let idx = searchRows(rows, state.query);
    idx = filterRows(rows, state.filters, idx);
    if (state.sort == null) return idx;
    const c = state.sort;
    return idx.sort((a, b) => compare(plain(rows[a][c]), plain(rows[b][c])) * (state.desc ? -1 : 1));
  };
  const pages = (n) => (p.pagination ? Math.max(1, Math.ceil(n / pageSize)) : 1);
  const go = (page) => {
    state.page = Math.max(0, page);
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
      const type = p.types?.[c];
      const mark = type && TYPE_MARK[type] ? h("span", { class: "rv-ui-type", title: type, text: TYPE_MARK[type] }) : null;
      return h("th", { scope: "col", "aria-sort": sorted ?? "none" }, b, mark);
    });
    const selectHead = selection ? h("th", { scope: "col" }, h("span", { class: "rv-ui-sr", text: "Selected" })) : null;
    const head = [h("tr", {}, selectHead, ...cells)];
    if (filtering.on) {
      const inputs = columns.map((col, c) => {
        const input = trackFocus(
          ctx,
          h("input", { type: "text", class: "rv-ui-filter", "aria-label": `Filter ${col}`, placeholder: "filter", value: state.filters[c] ?? "" }),
        );
        input.addEventListener("input", () => {
          state.filters[c] = input.value;
          go(0);
        });
        return h("td", {}, input);
      });
      head.push(h("tr", { class: "rv-ui-filters" }, selection ? h("td") : null, ...inputs));
    }
    thead.replaceChildren(...head);
  }

  function renderBody() {
    const idx = visible();
    state.page = Math.min(state.page, pages(idx.length) - 1);
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
    if (p.summaries) {
      const sums = columns.map((_, c) => h("td", { class: "rv-ui-summary", text: summary(idx.map((i) => rows[i][c])) }));
      tfoot.replaceChildren(h("tr", { "aria-label": "Column summaries" }, selection ? h("td") : null, ...sums));
    }
    const narrowed = idx.length !== rows.length;
    const total = narrowed ? idx.length : p.total ?? rows.length;
    const of = narrowed ? ` (of ${p.total ?? rows.length})` : "";
    summaryText.textContent = p.pagination
      ? `Page ${state.page + 1} of ${pages(idx.length)} · ${total} rows${of}`
      : `${total} rows${of}`;
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages(idx.length) - 1;
    prev.hidden = next.hidden = !p.pagination;
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
  const node = h("div", { class: "rv-ui-table-wrap" }, tools, scroll, pager);
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
