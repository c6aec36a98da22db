// text/markdown: markdown-it with raw HTML enabled (loaded on first use).
import MarkdownIt from "markdown-it";

let md = null;

export function markdownToHtml(text) {
  md ??= new MarkdownIt({ html: true, linkify: true });
  return md.render(String(text));
}

export function renderMarkdown(el, data) {
  el.classList.add("markdown");
  el.innerHTML = markdownToHtml(data);
}
