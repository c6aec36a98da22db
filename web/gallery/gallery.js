// The gallery page (dist/gallery/index.html): renders each card's preview —
// outputs of the notebook computed at build time by a headless run — with the
// site's own renderers (sanitized HTML, markdown, math, widgets, layouts).
// Previews are pictures: inert, not focusable, no kernel behind them.
import "../src/style.css";
import "./gallery.css";
import { renderBundle } from "../src/render/index.js";
import { defineMarkdown } from "../src/md/index.js";
import { defineLayout } from "../src/layout/index.js";
import { defineWidgets } from "../src/widgets/index.js";
import { registerOffline } from "../src/shell/offline.js";

defineMarkdown();
defineLayout();
defineWidgets();

async function renderPreview(frame) {
  let bundles;
  try {
    bundles = JSON.parse(frame.dataset.preview || "[]");
  } catch {
    return;
  }
  frame.inert = true;
  const notebook = document.createElement("div");
  notebook.className = "rv-notebook preview-notebook";
  for (const bundle of bundles) {
    const out = document.createElement("div");
    out.className = "cell-output";
    notebook.append(out);
    await renderBundle(out, bundle);
  }
  frame.replaceChildren(notebook);
  frame.dataset.rendered = "true";
}

// Render a preview when its card comes near the viewport.
const frames = [...document.querySelectorAll("[data-preview]")];
if ("IntersectionObserver" in window) {
  const seen = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        seen.unobserve(e.target);
        renderPreview(e.target).catch((err) => console.error("gallery preview:", err));
      }
    },
    { rootMargin: "400px" },
  );
  for (const f of frames) seen.observe(f);
} else {
  for (const f of frames) renderPreview(f);
}

registerOffline();
