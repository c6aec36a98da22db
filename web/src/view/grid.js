// marimo's grid layout in the app view (`?mode=read`).
//
// marimo writes `app = marimo.App(layout_file="layouts/NAME.grid.json")` and,
// next to the notebook, {"type": "grid", "data": {"columns": 24,
// "rowHeight": 20, "maxWidth"?: px, "bordered"?: bool, "cells": [{"position":
// [x, y, w, h] | null, "scrollable"?: bool, "side"?: "top"|"bottom"|"left"|
// "right"}, ...]}}, one entry per cell in file order (null: not in the grid).
// An export inlines it as a `data:application/json;base64,...` URI.
//
// marimo's app view places the cells with react-grid-layout: no margins, 20 px
// of padding around the grid, column width (gridWidth - 40) / columns, row
// height rowHeight, positions taken as they are (no compaction). Here the same
// boxes come from CSS (style.css, `.rv-grid`) fed with custom properties, so
// the grid follows the page's width with no script; on a narrow screen the
// cells stack in reading order (top to bottom, then left to right).
//
// Pure parts (layoutFileOf, layoutSource, parseGrid, gridBoxes, readingOrder)
// are unit-tested in web/test/grid.test.js; applyGrid places the DOM.

export const GRID_PADDING = 20; // px around the grid, as marimo's app view
const SIDES = new Set(["top", "bottom", "left", "right"]);
const MAX_COLUMNS = 1000;
const MAX_ROWS = 100000;

/** The layout_file named in the notebook's `marimo.App(...)` call, or null. */
export function layoutFileOf(text) {
  const app = /^app\s*=\s*marimo\.App\(([^)]*)\)/m.exec(String(text ?? ""));
  if (!app) return null;
  const m = /\blayout_file\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')/.exec(app[1]);
  const ref = m ? (m[1] ?? m[2]) : null;
  return ref ? ref : null;
}

/**
 * Where a layout_file's JSON comes from: {text} for a data: URI (marimo's
 * exports inline the layout), {url} for a file next to the notebook (same
 * origin as the notebook's own URL, a .json file), else null (no base URL, as
 * for a #code/ link, or a reference elsewhere).
 */
export function layoutSource(ref, base) {
  if (typeof ref !== "string" || !ref) return null;
  if (ref.startsWith("data:")) {
    const text = dataUriText(ref);
    return text === null ? null : { text };
  }
  if (!base) return null;
  let url;
  let baseUrl;
  try {
    baseUrl = new URL(base);
    url = new URL(ref, baseUrl);
  } catch {
    return null;
  }
  if (!["http:", "https:"].includes(url.protocol) || url.origin !== baseUrl.origin) return null;
  if (!url.pathname.toLowerCase().endsWith(".json")) return null;
  return { url: url.href };
}

function dataUriText(uri) {
  const comma = uri.indexOf(",");
  if (comma < 0) return null;
  const meta = uri.slice(5, comma);
  const body = uri.slice(comma + 1);
  try {
    if (/;base64$/i.test(meta)) {
      const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }
    return decodeURIComponent(body);
  } catch {
    return null;
  }
}

const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const isCount = (v) => Number.isInteger(v) && v >= 0;

/**
 * A grid layout, checked: {columns, rowHeight, maxWidth, bordered, cells:
 * [{x, y, w, h, scrollable, side} | null]}; null when it is not one (as
 * marimo, a malformed cell entry is just not in the grid). Takes the parsed
 * JSON or its text.
 */
export function parseGrid(value) {
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== "object" || value.type !== "grid") return null;
  const data = value.data;
  if (!data || typeof data !== "object" || !Array.isArray(data.cells)) return null;
  const { columns, rowHeight } = data;
  if (!Number.isInteger(columns) || columns < 1 || columns > MAX_COLUMNS) return null;
  if (!isNum(rowHeight) || rowHeight < 1) return null;
  const cells = data.cells.map((cell) => {
    const p = cell && Array.isArray(cell.position) ? cell.position : null;
    if (!p || p.length !== 4 || !p.every(isCount)) return null;
    const [x, y, w, h] = p;
    if (w < 1 || h < 1 || y + h > MAX_ROWS) return null;
    // react-grid-layout keeps an item inside the columns: narrower, then moved left
    const width = Math.min(w, columns);
    return {
      x: Math.min(x, columns - width),
      y,
      w: width,
      h,
      scrollable: cell.scrollable === true,
      side: SIDES.has(cell.side) ? cell.side : null,
    };
  });
  if (!cells.some(Boolean)) return null; // a grid that shows nothing: the vertical layout is more use
  return {
    columns,
    rowHeight,
    maxWidth: isNum(data.maxWidth) && data.maxWidth > 0 ? data.maxWidth : null,
    bordered: data.bordered === true,
    cells,
  };
}

/** Rows the grid takes (its lowest cell's bottom). */
export function gridRows(grid) {
  return Math.max(0, ...grid.cells.filter(Boolean).map((c) => c.y + c.h));
}

/**
 * Each of `count` cells' box in a grid `width` px wide (CSS pixels, the
 * grid's own top-left corner at 0, 0), as marimo's app view draws it; null
 * for a cell not in the grid. The CSS in style.css computes the same.
 */
export function gridBoxes(grid, width, count = grid.cells.length) {
  const column = (width - 2 * GRID_PADDING) / grid.columns;
  return Array.from({ length: count }, (_, i) => {
    const c = grid.cells[i];
    if (!c) return null;
    return {
      left: GRID_PADDING + c.x * column,
      top: GRID_PADDING + c.y * grid.rowHeight,
      width: c.w * column,
      height: c.h * grid.rowHeight,
    };
  });
}

/** Indices of the grid's cells in reading order: top to bottom, then left to right. */
export function readingOrder(grid) {
  return grid.cells
    .map((c, i) => [c, i])
    .filter(([c]) => c)
    .sort(([a, i], [b, j]) => a.y - b.y || a.x - b.x || i - j)
    .map(([, i]) => i);
}

const CELL_PROPS = ["--gx", "--gy", "--gw", "--gh", "--gorder"];
const LIST_PROPS = ["--grid-cols", "--grid-row", "--grid-rows", "--grid-max"];

/**
 * Lay `cells` (the view's Cell objects, file order) out in `list` on the
 * grid; with no grid, undo a grid laid out before and return false (the
 * caller lays them out vertically). Cells the grid leaves out stay in the
 * page, hidden: they still run, as in marimo.
 */
export function applyGrid(list, cells, grid) {
  const root = list.closest(".rv-notebook") ?? list.parentElement;
  if (!grid) {
    if (list.classList.contains("rv-grid")) clearGrid(list, root, cells);
    return false;
  }
  list.classList.add("rv-grid");
  list.style.setProperty("--grid-cols", String(grid.columns));
  list.style.setProperty("--grid-row", `${grid.rowHeight}px`);
  list.style.setProperty("--grid-rows", String(gridRows(grid)));
  if (grid.bordered) list.dataset.bordered = "true";
  else delete list.dataset.bordered;
  if (grid.maxWidth) list.style.setProperty("--grid-max", `${grid.maxWidth}px`);
  else list.style.removeProperty("--grid-max");
  if (root) root.dataset.layout = "grid";
  const order = new Map(readingOrder(grid).map((index, rank) => [index, rank]));
  cells.forEach((cell, i) => {
    cell.setLabel(i);
    const el = cell.root;
    const c = grid.cells[i];
    if (!c) {
      el.dataset.grid = "off";
      delete el.dataset.gridSide;
      delete el.dataset.gridScroll;
      for (const p of CELL_PROPS) el.style.removeProperty(p);
      return;
    }
    el.dataset.grid = "on";
    if (c.side) el.dataset.gridSide = c.side;
    else delete el.dataset.gridSide;
    if (c.scrollable) el.dataset.gridScroll = "true";
    else delete el.dataset.gridScroll;
    el.style.setProperty("--gx", String(c.x));
    el.style.setProperty("--gy", String(c.y));
    el.style.setProperty("--gw", String(c.w));
    el.style.setProperty("--gh", String(c.h));
    el.style.setProperty("--gorder", String(order.get(i)));
  });
  const roots = cells.map((c) => c.root);
  const kids = list.children;
  if (kids.length !== roots.length || roots.some((r, i) => kids[i] !== r)) list.replaceChildren(...roots);
  return true;
}

function clearGrid(list, root, cells) {
  list.classList.remove("rv-grid");
  delete list.dataset.bordered;
  for (const p of LIST_PROPS) list.style.removeProperty(p);
  if (root) delete root.dataset.layout;
  for (const cell of cells) {
    const el = cell.root;
    delete el.dataset.grid;
    delete el.dataset.gridSide;
    delete el.dataset.gridScroll;
    for (const p of CELL_PROPS) el.style.removeProperty(p);
  }
}

/**
 * The grid of a notebook opened in the app view, or null (vertical layout).
 * `text` is the notebook file; `base` the URL it was fetched from (null for a
 * notebook from a link: only an inlined data: layout applies then);
 * `inline` a layout carried with the notebook (an export's). Never throws:
 * a missing or malformed layout file means the vertical layout.
 */
export async function loadGrid({ text, base = null, inline = null, fetchImpl = globalThis.fetch }) {
  if (inline) return parseGrid(inline);
  const source = layoutSource(layoutFileOf(text), base);
  if (!source) return null;
  if ("text" in source) return parseGrid(source.text);
  try {
    const response = await fetchImpl(source.url, { credentials: "same-origin" });
    if (!response.ok) return null;
    return parseGrid(await response.text());
  } catch {
    return null;
  }
}
