// KaTeX, its CSS and its fonts, loaded only when markdown contains math.
// The fonts are bundled into this chunk (woff2 only) and handed to the CSS as
// blob: URLs, so nothing is fetched from another host.
import katex from "katex";
import css from "katex/dist/katex.min.css" with { type: "text" };
import { FONTS } from "./katex-fonts.js";

let styled = false;

function injectStyle() {
  if (styled) return;
  styled = true;
  const urls = {};
  for (const [name, bytes] of Object.entries(FONTS)) {
    urls[name] = URL.createObjectURL(new Blob([bytes], { type: "font/woff2" }));
  }
  // src:url(fonts/X.woff2) format("woff2"),url(fonts/X.woff) ...,url(fonts/X.ttf) ... -> the blob
  const text = css.replace(/src:url\(fonts\/([\w-]+)\.woff2\)[^;}]*/g, (whole, name) =>
    urls[name] ? `src:url(${urls[name]}) format("woff2")` : whole,
  );
  const style = document.createElement("style");
  style.dataset.rv = "katex";
  style.textContent = text;
  document.head.append(style);
}

/** Typeset the placeholders that render.js left for math. */
export function typeset(nodes) {
  injectStyle();
  for (const node of nodes) {
    const source = node.textContent;
    const displayMode = node.dataset.display === "true";
    katex.render(source, node, { displayMode, throwOnError: false, output: "htmlAndMathml" });
    node.dataset.tex = source;
  }
}
