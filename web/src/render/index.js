// Outputs by MIME type: one renderer module per type. Small, common types are
// bundled; rarely used ones (markdown, JSON tree, LaTeX) load on first use.
import { renderHtml } from "./html.js";
import { renderPlain } from "./plain.js";
import { renderImage } from "./image.js";
import { renderSvg } from "./svg.js";

const eager = {
  "text/html": renderHtml,
  "image/svg+xml": renderSvg,
  "image/png": renderImage,
  "image/jpeg": renderImage,
  "image/gif": renderImage,
  "image/webp": renderImage,
  "text/plain": renderPlain,
};

const lazy = {
  "text/markdown": () => import("./markdown.js").then((m) => m.renderMarkdown),
  "text/latex": () => import("./latex.js").then((m) => m.renderLatex),
  "application/json": () => import("./json.js").then((m) => m.renderJson),
};

// Richest first.
export const MIME_ORDER = [
  "text/html",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/markdown",
  "text/latex",
  "application/json",
  "text/plain",
];

export function pickMime(bundle) {
  for (const mime of MIME_ORDER) if (bundle[mime] != null) return mime;
  return Object.keys(bundle).find((m) => m in eager || m in lazy) ?? null;
}

// Render `bundle` into a fresh element appended to `el` (which the caller has
// emptied). Returns a promise that settles once the output is in the DOM.
// `isCurrent()` lets a slow lazy renderer drop a result that is out of date.
export async function renderBundle(el, bundle, isCurrent = () => true) {
  const mime = pickMime(bundle);
  if (mime == null) return;
  const box = document.createElement("div");
  box.className = "output";
  box.dataset.mime = mime;
  const data = bundle[mime];
  let render = eager[mime];
  if (!render) {
    try {
      render = await lazy[mime]();
    } catch (err) {
      render = renderPlain; // a chunk that failed to load: show the raw data
    }
    if (!isCurrent()) return;
  }
  render(box, data, mime);
  el.appendChild(box);
}
