// text/markdown: markdown-it with raw HTML enabled (loaded on first use).
import MarkdownIt from "markdown-it";

let md = null;

export function renderMarkdown(el, data) {
  md ??= new MarkdownIt({ html: true, linkify: true });
  el.classList.add("markdown");
  el.innerHTML = md.render(String(data));
}
