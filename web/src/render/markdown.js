// text/markdown (e.g. a value's _repr_markdown_): the same renderer as mo.md's
// <rv-md> (GitHub-flavoured markdown, highlighted code, math), loaded lazily.
// Its raw HTML is sanitized by that renderer; the box keeps it in place.
import { renderMarkdownInto } from "../md/index.js";
import { containOutput } from "./sanitize.js";

export function renderMarkdown(el, data) {
  el.classList.add("markdown");
  containOutput(el);
  return renderMarkdownInto(el, String(data));
}
