// Exported pages (`rivulet export`): the notebook, its pre-rendered outputs
// and its data files travel in the page itself, in a non-executing
// <script type="application/json" id="rv-export"> block written at export
// time. The static outputs (plain HTML in #rv-prerendered, readable without
// JavaScript) give way to the notebook view once it shows the same outputs.

/** The export embedded in this page, or null (the site's own pages have none). */
export function readExport(doc = document) {
  const block = doc.getElementById("rv-export");
  if (!block || block.type !== "application/json") return null;
  let data = null;
  try {
    data = JSON.parse(block.textContent);
  } catch {
    return null;
  }
  if (!data || typeof data.text !== "string") return null;
  return {
    text: data.text,
    name: typeof data.name === "string" && data.name ? data.name : "notebook.py",
    mode: data.mode === "edit" ? "edit" : "read",
    cells: Array.isArray(data.cells) ? data.cells : [],
    files: (Array.isArray(data.files) ? data.files : []).filter(safePath),
    // a single-file export's page answers the kernel's requests for its data files itself
    filesBase: data.filesBase === "rivulet:/notebook/" ? data.filesBase : null,
    // marimo's grid layout file, inlined at export time (view/grid.js checks it)
    layout: data.layout && typeof data.layout === "object" ? data.layout : null,
  };
}

/** A relative path inside the export: no "..", no absolute or odd parts. */
function safePath(path) {
  return typeof path === "string" && path !== "" && !path.startsWith("/") &&
    path.split("/").every((part) => part !== "" && part !== "." && part !== ".." && !part.includes("\\"));
}

/** The data files as the worker fetches them: [{path, url}], URLs absolute. */
export function exportFiles(exported, base = exported.filesBase ?? document.baseURI) {
  return exported.files.map((path) => ({ path, url: new URL(path.split("/").map(encodeURIComponent).join("/"), base).href }));
}

/** Drop the static layer (once the view shows the outputs itself). */
export function dropStatic(doc = document) {
  doc.getElementById("rv-prerendered")?.remove();
}

/**
 * On an export the outputs are on screen while Python boots: the boot
 * progress floats over the page instead of pushing the outputs down (and
 * back up when it hides). CSSOM styles: allowed by the site's CSP.
 */
export function floatProgress(doc = document) {
  const bar = doc.getElementById("rv-boot");
  if (!bar) return;
  Object.assign(bar.style, {
    position: "fixed", right: "1rem", bottom: "1rem", zIndex: "40", borderRadius: "6px",
    background: "Canvas", color: "CanvasText", boxShadow: "0 2px 10px rgb(0 0 0 / .18)",
  });
}

/**
 * The outputs the site's build recorded for one of its own notebooks
 * (`<file>.outputs.json`, written for the gallery), shown before Python boots;
 * null for other notebooks. Only from this site's origin.
 */
export async function fetchOutputs(file) {
  let url;
  try {
    url = new URL(`${file}.outputs.json`, location.href);
  } catch {
    return null;
  }
  if (url.origin !== location.origin || !url.pathname.includes("/gallery/")) return null;
  try {
    const response = await fetch(url);
    const cells = response.ok ? await response.json() : null;
    return Array.isArray(cells) ? cells : null;
  } catch {
    return null;
  }
}
