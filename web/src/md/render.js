// Markdown -> DOM: markdown-it (raw HTML allowed, then sanitized, so interpolated
// widgets and nested <rv-md> stay live), task lists, fenced code highlighted by
// highlight.js (core + a few languages), and $...$ / $$...$$ math left as
// placeholders that ./math.js typesets with KaTeX only when there is math.
import MarkdownIt from "markdown-it";
import { tasklist } from "@mdit/plugin-tasklist";
import { tex } from "@mdit/plugin-tex";
import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import javascript from "highlight.js/lib/languages/javascript";
import typescript from "highlight.js/lib/languages/typescript";
import bash from "highlight.js/lib/languages/bash";
import json from "highlight.js/lib/languages/json";
import sql from "highlight.js/lib/languages/sql";
import xml from "highlight.js/lib/languages/xml";
import css from "highlight.js/lib/languages/css";
import markdown from "highlight.js/lib/languages/markdown";
import yaml from "highlight.js/lib/languages/yaml";
import plaintext from "highlight.js/lib/languages/plaintext";
import { setSafeHtml } from "../render/sanitize.js";

const LANGUAGES = { python, javascript, typescript, bash, json, sql, xml, css, markdown, yaml, plaintext };
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);
hljs.registerAliases(["py", "python3", "pycon"], { languageName: "python" });
hljs.registerAliases(["js", "mjs"], { languageName: "javascript" });
hljs.registerAliases(["ts"], { languageName: "typescript" });
hljs.registerAliases(["sh", "shell", "console", "zsh"], { languageName: "bash" });
hljs.registerAliases(["html", "svg"], { languageName: "xml" });
hljs.registerAliases(["md"], { languageName: "markdown" });
hljs.registerAliases(["yml"], { languageName: "yaml" });
hljs.registerAliases(["text", "txt"], { languageName: "plaintext" });

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

const md = new MarkdownIt({
  html: true,
  linkify: true,
  highlight(code, lang) {
    const name = (lang || "").trim().split(/\s+/)[0].toLowerCase();
    if (!name || !hljs.getLanguage(name)) return ""; // markdown-it escapes it
    const { value } = hljs.highlight(code, { language: name, ignoreIllegals: true });
    return `<pre class="hljs"><code class="hljs language-${escape(name)}">${value}</code></pre>`;
  },
})
  .use(tasklist, { disabled: true, label: true })
  .use(tex, {
    delimiters: "all",
    render: (content, displayMode) =>
      `<span class="rv-math" data-display="${displayMode}">${escape(content)}</span>`,
  });

export function markdownToHtml(source) {
  return md.render(String(source ?? ""));
}

export async function renderInto(el, source) {
  injectStyle();
  // Raw HTML in markdown is untrusted: sanitized before it enters the page,
  // math typeset (KaTeX, trusted output) afterwards.
  setSafeHtml(el, markdownToHtml(source));
  // Math in nested <rv-md> belongs to them.
  const math = [...el.querySelectorAll(".rv-math")].filter((n) => n.closest("rv-md") === el.closest("rv-md"));
  if (math.length) {
    const { typeset } = await import("./math.js");
    typeset(math);
  }
}

const STYLE = `
.markdown pre.hljs{background:var(--code-bg,#f6f8fa);border:1px solid var(--border,#e3e3e3);border-radius:6px;padding:.5rem .75rem;overflow-x:auto}
.hljs-keyword,.hljs-selector-tag,.hljs-built_in,.hljs-type{color:#cf222e}
.hljs-string,.hljs-regexp,.hljs-attr .hljs-string{color:#0a3069}
.hljs-number,.hljs-literal,.hljs-symbol,.hljs-bullet{color:#0550ae}
.hljs-comment,.hljs-quote,.hljs-meta{color:#6e7781;font-style:italic}
.hljs-title,.hljs-title.function_,.hljs-section{color:#8250df}
.hljs-attr,.hljs-attribute,.hljs-variable,.hljs-template-variable,.hljs-params{color:#953800}
.hljs-name,.hljs-tag{color:#116329}
.hljs-emphasis{font-style:italic}.hljs-strong{font-weight:600}
.markdown .task-list-container{list-style:none;padding-left:1.2rem}
.markdown .task-list-item input{margin:0 .4rem 0 -1.2rem;vertical-align:middle}
.markdown table{border-collapse:collapse;margin:.5em 0}
.markdown th,.markdown td{border:1px solid var(--border,#d0d7de);padding:.25rem .6rem}
.markdown th{background:var(--code-bg,#f6f8fa)}
.rv-math[data-display="true"]{display:block;text-align:center;margin:.6em 0;overflow-x:auto}
`;

let styled = false;
function injectStyle() {
  if (styled) return;
  styled = true;
  const style = document.createElement("style");
  style.dataset.rv = "markdown";
  style.textContent = STYLE;
  document.head.append(style);
}
