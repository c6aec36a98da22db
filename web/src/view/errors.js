// A cell's error: a title by kind, the message with cell references made
// clickable, and for exceptions a traceback whose frames in notebook cells
// link to the cell's line.
const TITLES = {
  exception: "Exception",
  syntax: "Syntax error",
  "multiple-definitions": "Multiple definitions",
  cycle: "Cycle",
  ancestor: "An ancestor failed",
};

// `cells`: () => [{id, name}] of the notebook; `goto(id, line?)` scrolls there.
export function renderError(error, { cellId, cells, goto }) {
  const box = document.createElement("div");
  box.className = "cell-error";
  box.dataset.errorKind = error.kind;
  box.setAttribute("role", "alert");
  const title = document.createElement("div");
  title.className = "error-title";
  title.textContent = TITLES[error.kind] ?? "Error";
  const message = document.createElement("div");
  message.className = "error-message";
  message.append(...linkify(error.message ?? "", cells(), goto, cellId, error.kind));
  box.append(title, message);
  if (error.traceback) box.append(traceback(error.traceback, cells(), goto));
  return box;
}

// Replace "cell Hbol" and known cell names with links; "line N" with a link
// to this cell's line (for syntax errors).
function linkify(text, cells, goto, cellId, kind) {
  const byKey = new Map();
  for (const c of cells) {
    byKey.set(`cell ${c.id}`, c.id);
    if (c.name && c.name !== "_") byKey.set(c.name, c.id);
  }
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  const parts = [];
  if (kind === "syntax") keys.push("line \\d+");
  if (keys.length === 0) return [text];
  const re = new RegExp(`\\b(${keys.join("|")})\\b`, "g");
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(text.slice(last, m.index));
    const line = /^line (\d+)$/.exec(m[0]);
    const target = line ? cellId : byKey.get(m[0]);
    parts.push(link(m[0], () => goto(target, line ? Number(line[1]) : undefined)));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function traceback(text, cells, goto) {
  const pre = document.createElement("pre");
  pre.className = "traceback";
  const ids = cells.map((c) => c.id);
  const frame = /File "([^"]*)", line (\d+)/;
  for (const line of text.replace(/\n$/, "").split("\n")) {
    const m = frame.exec(line);
    const id = m && ids.find((cid) => m[1].includes(cid));
    const row = document.createElement("span");
    row.className = id ? "tb-line tb-cell" : "tb-line";
    if (id) {
      const n = Number(m[2]);
      row.append(line.slice(0, m.index), link(`${labelOf(cells, id)}, line ${n}`, () => goto(id, n)), line.slice(m.index + m[0].length));
    } else {
      row.textContent = line;
    }
    pre.append(row, "\n");
  }
  return pre;
}

function labelOf(cells, id) {
  const c = cells.find((x) => x.id === id);
  return c && c.name && c.name !== "_" ? `cell ${c.name}` : `cell ${id}`;
}

function link(text, onClick) {
  const a = document.createElement("button");
  a.type = "button";
  a.className = "link";
  a.textContent = text;
  a.addEventListener("click", onClick);
  return a;
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
