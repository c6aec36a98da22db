// (no DOM here: render/reuse.js and its tests use it too)

/** Does this HTML want scripts to run? */
export function hasScripts(html) {
  return typeof html === "string" && /<script[\s>]/i.test(html);
}
