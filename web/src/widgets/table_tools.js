// What mo.ui.table (and the data widgets' tables) do to their rows besides
// drawing them: search, per-column filters, column summaries, and downloads
// as CSV or JSON. Pure functions over {columns, rows} except `download`.
import { downloadType } from "../layout/index.js";

/** A cell's plain value: rich cells ({html, text}) count as their text. */
export const plain = (v) => (v && typeof v === "object" ? v.text ?? "" : v);

const isNull = (v) => v == null || (typeof v === "number" && Number.isNaN(v));

/** Row indices whose cells contain `query` (case-insensitive), all when empty. */
export function searchRows(rows, query, idx = rows.map((_, i) => i)) {
  const q = String(query ?? "").trim().toLowerCase();
  if (!q) return idx;
  return idx.filter((i) => rows[i].some((v) => !isNull(plain(v)) && String(plain(v)).toLowerCase().includes(q)));
}

// A column filter as typed: "> 3", "<= 2.5", "= x", "!= x", "1..10", or text to find.
export function parseFilter(text) {
  const t = String(text ?? "").trim();
  if (!t) return null;
  const range = /^(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)$/.exec(t);
  if (range) return { op: "between", min: Number(range[1]), max: Number(range[2]) };
  const cmp = /^(<=|>=|!=|=|<|>)\s*(.*)$/.exec(t);
  if (cmp) {
    const n = Number(cmp[2]);
    return { op: cmp[1], value: cmp[2] !== "" && !Number.isNaN(n) ? n : cmp[2] };
  }
  return { op: "contains", value: t.toLowerCase() };
}

export function passes(v, f) {
  v = plain(v);
  if (isNull(v)) return f.op === "!=";
  switch (f.op) {
    case "contains":
      return String(v).toLowerCase().includes(f.value);
    case "between":
      return v >= f.min && v <= f.max;
    case "=":
      return v === f.value || String(v) === String(f.value);
    case "!=":
      return !(v === f.value || String(v) === String(f.value));
    case "<":
      return v < f.value;
    case ">":
      return v > f.value;
    case "<=":
      return v <= f.value;
    case ">=":
      return v >= f.value;
  }
  return true;
}

/** Rows passing every column filter ({column index: filter text}). */
export function filterRows(rows, filters, idx) {
  const active = Object.entries(filters)
    .map(([c, text]) => [Number(c), parseFilter(text)])
    .filter(([, f]) => f);
  if (!active.length) return idx;
  return idx.filter((i) => active.every(([c, f]) => passes(rows[i][c], f)));
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });
const fmt = (n) => (Number.isInteger(n) && Math.abs(n) < 1e6 ? String(n) : NUMBER.format(n));

/** A one-line summary of a column's values (numbers: min, max, mean; else distinct). */
export function summary(values) {
  const present = values.map(plain).filter((v) => !isNull(v));
  const nulls = values.length - present.length;
  const tail = nulls ? ` · ${nulls} null` : "";
  if (present.length && present.every((v) => typeof v === "number")) {
    const sum = present.reduce((a, b) => a + b, 0);
    return `min ${fmt(Math.min(...present))} · max ${fmt(Math.max(...present))} · mean ${fmt(sum / present.length)}${tail}`;
  }
  if (present.length && present.every((v) => typeof v === "boolean")) {
    const yes = present.filter(Boolean).length;
    return `${yes} true · ${present.length - yes} false${tail}`;
  }
  return `${new Set(present.map(String)).size} distinct${tail}`;
}

function csvField(v) {
  v = plain(v);
  if (isNull(v)) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns, rows) {
  return [columns, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

export function toJson(columns, rows) {
  return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, plain(r[j]) ?? null]))), null, 2);
}

/** Save `text` as a file: an inert blob (typed by mo.download's rule), never a page. */
export function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type: downloadType(type) }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
