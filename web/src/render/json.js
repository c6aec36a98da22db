// application/json: a collapsible tree of <details> (loaded on first use).
const OPEN_DEPTH = 1;
const MAX_CHILDREN = 500;
const MAX_DEPTH = 100; // deeper values show as "…" (a 10,000-deep list must not overflow the stack)

export function renderJson(el, data) {
  let value = data;
  if (typeof data === "string") {
    try {
      value = JSON.parse(data);
    } catch {
      value = data;
    }
  }
  const root = document.createElement("div");
  root.className = "json-tree";
  root.appendChild(node(null, value, 0));
  el.appendChild(root);
}

function node(key, value, depth) {
  if (value === null || typeof value !== "object") return leaf(key, value);
  if (depth >= MAX_DEPTH) return leafText(`${key === null ? "" : `${JSON.stringify(key)}: `}… (nested deeper than ${MAX_DEPTH} levels)`);
  const isArray = Array.isArray(value);
  const entries = isArray ? value.map((v, i) => [i, v]) : Object.entries(value);
  const details = document.createElement("details");
  details.open = depth < OPEN_DEPTH;
  const summary = document.createElement("summary");
  if (key !== null) summary.append(keySpan(key));
  const brief = document.createElement("span");
  brief.className = "json-brief";
  brief.textContent = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  summary.append(brief);
  details.append(summary);
  for (const [k, v] of entries.slice(0, MAX_CHILDREN)) details.append(node(k, v, depth + 1));
  if (entries.length > MAX_CHILDREN) details.append(leafText(`… ${entries.length - MAX_CHILDREN} more`));
  return details;
}

function leaf(key, value) {
  const div = document.createElement("div");
  div.className = "json-leaf";
  if (key !== null) div.append(keySpan(key));
  const span = document.createElement("span");
  span.className = `json-${value === null ? "null" : typeof value}`;
  span.textContent = JSON.stringify(value) ?? String(value);
  div.append(span);
  return div;
}

function leafText(text) {
  const div = document.createElement("div");
  div.className = "json-leaf";
  div.textContent = text;
  return div;
}

function keySpan(key) {
  const span = document.createElement("span");
  span.className = "json-key";
  span.textContent = `${typeof key === "number" ? key : JSON.stringify(key)}: `;
  return span;
}
