import { test } from "node:test";
import assert from "node:assert/strict";
import { gridBoxes, gridRows, layoutFileOf, layoutSource, loadGrid, parseGrid, readingOrder } from "../src/view/grid.js";

const layout = (cells, extra = {}) => ({ type: "grid", data: { columns: 24, rowHeight: 20, cells, ...extra } });

test("the layout file is read from the notebook's marimo.App call", () => {
  assert.equal(layoutFileOf('import marimo\napp = marimo.App(width="full", layout_file="layouts/x.grid.json")\n'), "layouts/x.grid.json");
  assert.equal(layoutFileOf("app = marimo.App(\n    layout_file='layouts/y.grid.json',\n)\n"), "layouts/y.grid.json");
  assert.equal(layoutFileOf('app = marimo.App(width="full")\n'), null);
  assert.equal(layoutFileOf('x = 1  # layout_file="a.json"\napp = marimo.App()\n'), null);
  assert.equal(layoutFileOf(""), null);
});

test("a layout file resolves next to the notebook, on its origin, and only to JSON", () => {
  const base = "https://site.example/gallery/dash.py";
  assert.deepEqual(layoutSource("layouts/dash.grid.json", base), { url: "https://site.example/gallery/layouts/dash.grid.json" });
  assert.deepEqual(layoutSource("../l.json", base), { url: "https://site.example/l.json" });
  assert.equal(layoutSource("https://evil.example/l.json", base), null);
  assert.equal(layoutSource("layouts/dash.grid.py", base), null);
  assert.equal(layoutSource("javascript:alert(1)//.json", base), null);
  assert.equal(layoutSource("layouts/dash.grid.json", null), null); // a #code/ link: nothing to resolve against
  assert.equal(layoutSource(null, base), null);
});

test("a data: URI layout (marimo's exports inline it) needs no base URL", () => {
  const json = JSON.stringify(layout([{ position: [0, 0, 12, 4] }]));
  const b64 = `data:application/json;base64,${Buffer.from(json).toString("base64")}`;
  assert.deepEqual(layoutSource(b64, null), { text: json });
  assert.deepEqual(layoutSource(`data:application/json,${encodeURIComponent(json)}`, null), { text: json });
  assert.equal(layoutSource("data:application/json;base64,%%%", null), null);
});

test("parseGrid takes marimo's format, cell by cell", () => {
  const grid = parseGrid(layout(
    [{ position: [0, 0, 24, 4] }, { position: null }, { position: [12, 4, 12, 10], scrollable: true, side: "bottom" }, { position: [1, 2] }, "junk"],
    { maxWidth: 1200, bordered: true },
  ));
  assert.equal(grid.columns, 24);
  assert.equal(grid.rowHeight, 20);
  assert.equal(grid.maxWidth, 1200);
  assert.equal(grid.bordered, true);
  assert.deepEqual(grid.cells, [
    { x: 0, y: 0, w: 24, h: 4, scrollable: false, side: null },
    null,
    { x: 12, y: 4, w: 12, h: 10, scrollable: true, side: "bottom" },
    null,
    null,
  ]);
  assert.equal(parseGrid(JSON.stringify(layout([{ position: [0, 0, 1, 1] }]))).cells.length, 1); // its text too
});

test("parseGrid refuses what is not a grid layout", () => {
  for (const bad of [
    null, 42, "not json {", "[]", { type: "slides", data: { cells: [] } },
    { type: "grid" }, { type: "grid", data: { columns: 24, rowHeight: 20 } },
    layout([{ position: [0, 0, 1, 1] }], { columns: 0 }), layout([{ position: [0, 0, 1, 1] }], { columns: 2.5 }),
    layout([{ position: [0, 0, 1, 1] }], { rowHeight: "20" }), layout([{ position: [0, 0, 1, 1] }], { rowHeight: -3 }),
    layout([]), layout([{ position: null }]), // a grid that shows nothing
  ]) assert.equal(parseGrid(bad), null, JSON.stringify(bad));
});

test("a cell's position is kept inside the columns and must be whole, non-negative numbers", () => {
  const grid = parseGrid(layout([{ position: [20, 0, 10, 2] }, { position: [-1, 0, 2, 2] }, { position: [0, 0, 0, 2] }, { position: [0, 0, 1.5, 2] }]));
  assert.deepEqual(grid.cells[0], { x: 14, y: 0, w: 10, h: 2, scrollable: false, side: null });
  assert.deepEqual(grid.cells.slice(1), [null, null, null]);
});

test("gridBoxes places cells as marimo's app view: 20px padding, no gaps, columns share the rest", () => {
  const grid = parseGrid(layout([{ position: [0, 0, 24, 4] }, { position: [0, 4, 8, 10] }, { position: [8, 4, 16, 6] }, { position: null }]));
  const boxes = gridBoxes(grid, 1000); // column: (1000 - 40) / 24 = 40px
  assert.deepEqual(boxes, [
    { left: 20, top: 20, width: 960, height: 80 },
    { left: 20, top: 100, width: 320, height: 200 },
    { left: 340, top: 100, width: 640, height: 120 },
    null,
  ]);
  assert.equal(gridRows(grid), 14);
  assert.deepEqual(gridBoxes(grid, 1000, 6).slice(4), [null, null]); // more cells than the layout lists: not in the grid
});

test("reading order (the narrow-screen stack) is top to bottom, then left to right", () => {
  const grid = parseGrid(layout([{ position: [12, 0, 12, 4] }, { position: [0, 0, 12, 8] }, null, { position: [0, 8, 24, 2] }]));
  assert.deepEqual(readingOrder(grid), [1, 0, 3]);
});

test("loadGrid falls back to null (vertical) on a missing, failing or malformed layout file", async () => {
  const text = 'app = marimo.App(layout_file="layouts/a.grid.json")\n';
  const base = "https://site.example/nb/a.py";
  const good = JSON.stringify(layout([{ position: [0, 0, 6, 6] }]));
  const asked = [];
  const serve = (status, body) => async (url) => (asked.push(url), { ok: status === 200, status, text: async () => body });
  assert.equal((await loadGrid({ text, base, fetchImpl: serve(200, good) })).columns, 24);
  assert.deepEqual(asked, ["https://site.example/nb/layouts/a.grid.json"]);
  assert.equal(await loadGrid({ text, base, fetchImpl: serve(404, "Not found") }), null);
  assert.equal(await loadGrid({ text, base, fetchImpl: serve(200, "{ not json") }), null);
  assert.equal(await loadGrid({ text, base, fetchImpl: async () => { throw new TypeError("offline"); } }), null);
  assert.equal(await loadGrid({ text, base: null, fetchImpl: serve(200, good) }), null); // a link: no file to fetch
  assert.equal(await loadGrid({ text: "app = marimo.App()\n", base, fetchImpl: serve(200, good) }), null);
  assert.equal((await loadGrid({ text, inline: JSON.parse(good) })).cells.length, 1); // an export's inlined layout
});
