// What a new output can reuse of the one on screen (a cell re-run by a widget
// change shows nearly the same output again, many times a second):
// - the same bundle again: nothing to redraw (no second sanitize, no new widgets);
// - mo.md's `<rv-md data-md="...">` again with another source: the element on
//   screen takes the new source (its markdown is rendered and sanitized as usual).
import { hasScripts } from "./has-scripts.js";

/** Are two MIME bundles the same output (strings only; HTML with scripts always runs again)? */
export function sameBundle(a, b) {
  if (!a || !b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (typeof a[key] !== "string" || a[key] !== b[key]) return false;
  }
  return !hasScripts(a["text/html"]);
}

const RV_MD = /^<rv-md data-md="([^"<>]*)"><\/rv-md>$/;
const ENTITY = /&(amp|lt|gt|quot|#x27|#39);/g;
const CHARS = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" };

/**
 * The markdown source of an HTML output that is exactly one `<rv-md data-md="...">`
 * as the kernel writes it (only the entities html.escape writes), else null: then
 * the output is parsed and sanitized as any other.
 */
export function markdownSource(html) {
  if (typeof html !== "string" || !html.startsWith("<rv-md ")) return null;
  const match = RV_MD.exec(html);
  if (!match) return null;
  const raw = match[1];
  if (!raw.includes("&")) return raw;
  if (raw.replace(ENTITY, "").includes("&")) return null; // another entity: the parser decides
  return raw.replace(ENTITY, (_, name) => CHARS[name]);
}
