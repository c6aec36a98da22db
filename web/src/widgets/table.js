// mo.ui.table: a native <table> with sortable headers (buttons, aria-sort),
// pagination and row selection (checkboxes or radios). Sends the selected
// rows' original indices.
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
  const selection = p.selection ?? null;
  const state = { sort: null, desc: false, page: 0, selected: new Set(ctx.value ?? []) };
  const name = nextId("rv-table");
  const caption = ctx.label ? h("caption", { text: ctx.label }) : null;
  const thead = h("thead");
  const tbody = h("tbody");
  const tableEl = h("table", { class: "rv-ui-table", "aria-label": ctx.label ? null : "table" }, caption, thead, tbody);
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
        for (let c = 0; c < columns.length; c++) tr.append(cellNode(rows[i][c]));
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

  function toggle(i, on) {
    if (selection === "single") state.selected = new Set(on ? [i] : []);
    else if (on) state.selected.add(i);
    else state.selected.delete(i);
    for (const tr of tbody.rows) tr.setAttribute("aria-selected", String(state.selected.has(Number(tr.dataset.row))));
    ctx.emit([...state.selected].sort((a, b) => a - b));
  }

  renderHead();
  renderBody();
  const node = h("div", { class: "rv-ui-table-wrap" }, h("div", { class: "rv-ui-scroll" }, tableEl), pager);
  return {
    node,
    setValue(v) {
      state.selected = new Set(v ?? []);
      renderBody();
    },
  };
}
