// The side panel (toggled from the toolbar): the notebook's variables (from
// the kernel's `variables` event), its dependency graph (./graph.js, loaded on
// first use), an outline of its markdown headings and the log of what its
// cells printed (./print-log.js).
// Everything is built with textContent: names and previews come from the notebook.
import { h } from "../dom.js";
import { markdownOfCell } from "./markdown-cell.js";
import { printLog } from "./print-log.js";

/** Markdown headings of each cell: [{cell, level, text}], outside code fences. */
export function outlineOf(cells) {
  const out = [];
  for (const cell of cells) {
    const md = markdownOfCell(cell.getCode());
    if (md === null) continue;
    let fenced = false;
    for (const line of md.split("\n")) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const m = !fenced && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
      if (m) out.push({ cell, level: m[1].length, text: m[2] });
    }
  }
  return out;
}

export function sidePanel({ cells, goto }) {
  const panel = h("aside", { class: "side-panel", "aria-label": "Notebook panel", hidden: true });
  const varsBody = h("tbody");
  const table = h(
    "table",
    { class: "variables", "aria-label": "Variables" },
    h("thead", {}, h("tr", {}, ...["Name", "Type", "Value", "Defined in", "Read by"].map((t) => h("th", { text: t })))),
    varsBody,
  );
  const outline = h("ol", { class: "outline", "aria-label": "Outline" });
  const graph = h("div", { class: "dep-graph-box" });
  const empty = (text) => h("p", { class: "panel-empty", text });
  const varsEmpty = empty("Run cells to see their variables.");
  const outlineEmpty = empty("No markdown headings yet.");
  const toggle = h("button", { type: "button", class: "panel-toggle", "aria-expanded": "false", text: "Panel", title: "Variables, dependencies, outline and printed output" });
  let latest = [];

  const cellLabel = (id) => {
    const list = cells();
    const i = list.findIndex((c) => c.id === id);
    if (i < 0) return null;
    return list[i].name && list[i].name !== "_" ? list[i].name : `cell ${i + 1}`;
  };
  const cellLink = (id) => {
    const label = cellLabel(id);
    if (!label) return "";
    const b = h("button", { type: "button", class: "link", text: label });
    b.addEventListener("click", () => goto(id));
    return b;
  };
  const printed = printLog({ cellLink, visible: () => !panel.hidden });
  panel.append(
    h("h2", { text: "Variables" }), varsEmpty, table,
    h("h2", { text: "Dependencies" }), graph,
    h("h2", { text: "Outline" }), outlineEmpty, outline,
    ...printed.nodes,
  );

  function renderVariables() {
    varsBody.replaceChildren(
      ...latest.map((v) => {
        const readers = h("td");
        v.read_by.forEach((id, i) => readers.append(...(i ? [", "] : []), cellLink(id)));
        return h(
          "tr",
          {},
          h("th", { scope: "row", text: v.name }),
          h("td", { text: v.type }),
          h("td", { class: "preview", text: v.preview, title: v.preview }),
          h("td", {}, v.defined_by ? cellLink(v.defined_by) : ""),
          readers,
        );
      }),
    );
    table.hidden = !latest.length;
    varsEmpty.hidden = !!latest.length;
  }

  function renderOutline() {
    const items = outlineOf(cells());
    outline.replaceChildren(
      ...items.map(({ cell, level, text }) => {
        const b = h("button", { type: "button", class: "link", text });
        b.addEventListener("click", () => goto(cell.id));
        return h("li", { style: `margin-left:${(level - 1) * 0.9}rem` }, b);
      }),
    );
    outlineEmpty.hidden = !!items.length;
  }

  let drawing = 0;
  async function renderGraph() {
    const turn = ++drawing;
    const list = cells().map((cell, i) => {
      const kind = cell.root?.querySelector?.("[data-error-kind]")?.dataset.errorKind;
      return {
        id: cell.id,
        label: cellLabel(cell.id) ?? `cell ${i + 1}`,
        problem: kind === "cycle" || kind === "multiple-definitions" ? kind : null,
      };
    });
    const { drawGraph } = await import("./graph.js");
    if (turn === drawing && !panel.hidden) drawGraph(graph, { cells: list, variables: latest, goto });
  }

  toggle.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) (renderVariables(), renderOutline(), renderGraph(), printed.render());
  });

  return {
    panel,
    toggle,
    variables(list) {
      latest = list;
      if (!panel.hidden) (renderVariables(), renderGraph());
    },
    /** A `console` event: what a cell printed. */
    printed: printed.printed,
    /** A cell started running. */
    running: printed.running,
    /** Another notebook was opened. */
    opened: printed.clear,
    /** The cells changed (edits, structure): refresh what depends on them. */
    refresh() {
      if (panel.hidden) return;
      renderOutline();
      renderVariables();
      renderGraph();
    },
  };
}
