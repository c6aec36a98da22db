// text/markdown (e.g. a value's _repr_markdown_): the same renderer as mo.md's
// <rv-md> (GitHub-flavoured markdown, highlighted code, math), loaded lazily.
import { renderMarkdownInto } from "../md/index.js";

export function renderMarkdown(el, data) {
  el.classList.add("markdown");
  return renderMarkdownInto(el, String(data));
}
