// Notebook names and origins (pure): the name shown in the header and used
// for downloads, and the keys under which storage.js keeps each notebook.

export const DEFAULT_NAME = "notebook.py";

/** A file name the user typed, made safe for a download: `.py` added, no path separators. */
export function fileName(name) {
  let base = String(name ?? "").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").trim().slice(0, 120);
  if (!base || base === ".py") return DEFAULT_NAME;
  return base.toLowerCase().endsWith(".py") ? base : `${base}.py`;
}

/** A notebook's title (app_title) as a file name: "Sales report" -> "sales_report.py". */
export function nameFromTitle(title) {
  const slug = String(title ?? "").toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 80);
  return slug ? `${slug}.py` : DEFAULT_NAME;
}

/** "intro.py" -> "intro (copy).py"; "intro (copy).py" -> "intro (copy 2).py". */
export function copyName(name) {
  const base = fileName(name).replace(/\.py$/i, "");
  const m = /^(.*) \(copy(?: (\d+))?\)$/.exec(base);
  if (!m) return `${base} (copy).py`;
  return `${m[1]} (copy ${Number(m[2] ?? 1) + 1}).py`;
}
