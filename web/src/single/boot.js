// The one inline script of a single-file export's page (`rivulet export
// --single-file`). The page carries everything else as base64 in
// non-executing blocks, <script type="text/plain" data-rv-asset="PATH"
// data-type="MIME">: the shell's bundle (shell/main.js), the kernel frame's
// worker bundle (assets/frame-worker.js), Pyodide's classic loader and glue,
// its wasm and standard library, the wheels and the notebook's data files.
// Nothing is fetched from file:// (Chromium refuses that) or the network:
//
// - the blocks become Blobs; the shell is imported from a blob: URL;
// - the kernel runs as on the site, in a sandboxed, opaque-origin frame
//   (web/src/frame/): the shell's bundle names its worker
//   rivulet:/assets/frame-worker.js, and the page answers the frame's
//   requests for rivulet:/PATH from the Blobs (`globalThis.rivuletSingleFetch`,
//   which the bundle hands to frame/host.js: build.py `single_file_bundles()`).
//   So the notebook's Python never runs with the page's origin, whether the
//   file is opened from disk or served by a site.
//
// If anything fails, the page keeps its pre-rendered outputs and the notice
// says what the browser refused.

const notice = document.getElementById("rv-single-notice");
const BASE = "rivulet:/"; // the frame's site URL in this file
const NEEDED = ["shell/main.js", "assets/frame-worker.js", "pyodide/pyodide.js", "pyodide/pyodide.asm.js"];

function say(text, refused) {
  if (!notice) return;
  notice.textContent = text;
  notice.hidden = false;
  notice.dataset.refused = refused;
}

function decode(text) {
  const clean = text.replace(/\s+/g, "");
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(clean);
  const raw = atob(clean);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** fetch() for the file's own rivulet:/PATH URLs (GET and HEAD), answered from `assets`. */
function assetFetch(assets) {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input?.url;
    if (typeof url !== "string" || !url.startsWith(BASE)) throw new TypeError(`only this file's own files can be read here (${url})`);
    const path = decodeURIComponent(url.slice(BASE.length).split(/[?#]/)[0]);
    const blob = assets.get(path);
    if (!blob) return new Response(`${path} is not in this file`, { status: 404, statusText: "Not Found" });
    const headers = { "content-type": blob.type };
    const method = String(init?.method ?? "GET").toUpperCase();
    return new Response(method === "HEAD" ? null : blob, { status: 200, statusText: "OK", headers });
  };
}

async function boot() {
  const assets = new Map();
  for (const block of document.querySelectorAll("script[data-rv-asset]")) {
    const type = block.dataset.type || "application/octet-stream";
    assets.set(block.dataset.rvAsset, new Blob([decode(block.textContent)], { type }));
    block.textContent = ""; // the base64 text is no longer needed
  }
  for (const part of NEEDED) {
    if (!assets.has(part)) throw new Error(`${part} is missing from this file`);
  }
  const main = assets.get("shell/main.js");
  assets.delete("shell/main.js"); // the page's own script: not the kernel's to read
  globalThis.rivuletSingleFetch = assetFetch(assets);
  try {
    await import(/* blob URL */ URL.createObjectURL(main));
  } catch (err) {
    throw new Error(`the browser refused to run the notebook's script from a blob: URL (${err?.message ?? err})`);
  }
}

boot().then(
  () => notice?.remove(),
  (err) => {
    console.error("rivulet: single-file boot failed", err);
    say(
      `Showing the outputs computed when this file was exported: the live Python kernel could not start because ${err?.message ?? err}.`,
      "1",
    );
  },
);
