// The dependency graph of the side panel (loaded on first use): one box per
// cell, an arrow from the cell that defines a name to each cell that reads
// it, laid out by dagre. Clicking a box goes to its cell; pointing at one (or
// focusing it) marks what re-runs when it changes: its descendants. Cells in
// a cycle, or defining a name another cell defines too, are marked. Labels are
// text (names come from the notebook).
import { graphlib, layout } from "@dagrejs/dagre";

const SVG = "http://www.w3.org/2000/svg";
const NODE_HEIGHT = 28;
const CHAR = 7.2; // px per character of a label, roughly, at the panel's font size

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

/** Edges {from, to, names[]} from the kernel's variables (defined_by -> read_by). */
export function edgesOf(variables) {
  const byPair = new Map();
  for (const v of variables ?? []) {
    if (!v.defined_by) continue;
    for (const reader of v.read_by ?? []) {
      if (reader === v.defined_by) continue;
      const key = `${v.defined_by}\u0000${reader}`;
      if (!byPair.has(key)) byPair.set(key, { from: v.defined_by, to: reader, names: [] });
      byPair.get(key).names.push(v.name);
    }
  }
  return [...byPair.values()];
}

/** The cells a change to `id` re-runs: its descendants along `edges`. */
export function descendantsOf(id, edges) {
  const out = new Set();
  const todo = [id];
  while (todo.length) {
    const at = todo.pop();
    for (const e of edges) if (e.from === at && !out.has(e.to)) (out.add(e.to), todo.push(e.to));
  }
  out.delete(id);
  return out;
}

/**
 * Draw the graph into `host` (replacing what was there).
 * `cells`: [{id, label, problem: null | "cycle" | "multiple-definitions"}], in notebook order.
 */
export function drawGraph(host, { cells, variables, goto }) {
  const edges = edgesOf(variables).filter((e) => cells.some((c) => c.id === e.from) && cells.some((c) => c.id === e.to));
  const g = new graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 16, ranksep: 28, marginx: 4, marginy: 4 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of cells) g.setNode(c.id, { width: Math.max(48, c.label.length * CHAR + 20), height: NODE_HEIGHT });
  for (const e of edges) g.setEdge(e.from, e.to);
  layout(g);
  const { width = 0, height = 0 } = g.graph();
  const svg = el("svg", { class: "dep-graph", viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`, width: Math.ceil(width), height: Math.ceil(height), role: "group", "aria-label": "Dependency graph" });
  const defs = el("defs");
  const marker = el("marker", { id: "dep-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "dep-arrow" }));
  defs.append(marker);
  svg.append(defs);

  const edgeEls = edges.map((e) => {
    const points = g.edge(e.from, e.to).points ?? [];
    const d = points.map((p, i) => `${i ? "L" : "M"} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
    const path = el("path", { d, class: "dep-edge", "marker-end": "url(#dep-arrow)", "data-from": e.from, "data-to": e.to });
    path.append(el("title", {}, e.names.join(", ")));
    svg.append(path);
    return path;
  });

  const nodeEls = new Map();
  const mark = (id) => {
    const reruns = id ? descendantsOf(id, edges) : new Set();
    for (const [cid, node] of nodeEls) {
      node.classList.toggle("dep-selected", cid === id);
      node.classList.toggle("dep-reruns", reruns.has(cid));
    }
    for (const path of edgeEls) {
      const from = path.getAttribute("data-from");
      path.classList.toggle("dep-reruns", !!id && (from === id || reruns.has(from)) && reruns.has(path.getAttribute("data-to")));
    }
  };
  for (const c of cells) {
    const { x, y, width: w, height: h } = g.node(c.id);
    const problem = c.problem ? ` (${c.problem === "cycle" ? "in a cycle" : "defines a name another cell defines"})` : "";
    const node = el("g", { class: "dep-node", transform: `translate(${(x - w / 2).toFixed(1)} ${(y - h / 2).toFixed(1)})`, tabindex: 0, role: "button", "aria-label": `Go to ${c.label}${problem}`, "data-cell": c.id });
    if (c.problem) node.classList.add(`dep-${c.problem}`);
    node.append(el("rect", { width: w, height: h, rx: 5 }), el("text", { x: w / 2, y: h / 2, "dominant-baseline": "central", "text-anchor": "middle" }, c.label));
    node.addEventListener("click", () => goto(c.id));
    node.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") (ev.preventDefault(), goto(c.id));
    });
    for (const on of ["pointerenter", "focus"]) node.addEventListener(on, () => mark(c.id));
    for (const off of ["pointerleave", "blur"]) node.addEventListener(off, () => mark(null));
    nodeEls.set(c.id, node);
    svg.append(node);
  }
  host.replaceChildren(svg);
  return { edges };
}
