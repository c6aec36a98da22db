// The one inline script of a single-file export (`rivulet export
// --single-file`). The page carries everything else as base64 in
// non-executing blocks, <script type="text/plain" data-rv-asset="PATH"
// data-type="MIME">: the shell's bundle (shell/main.js), the kernel worker
// (shell/worker.js), Pyodide, the wheels and the notebook's data files.
// Nothing is fetched from file:// (Chromium refuses that) or the network:
//
// - the blocks become Blobs; the shell is imported from a blob: URL;
// - the shell's bundle creates its kernel worker with RivuletSingleWorker
//   (esbuild defines `Worker` so): from file:// Chromium refuses a module
//   worker from a blob: URL but runs one from a data: URL, so the worker is
//   a tiny data: loader that receives the Blobs as its first message, imports
//   the kernel worker from its own blob: URL and hands it the messages that
//   arrived meanwhile. The worker answers Pyodide's requests for rivulet:/PATH
//   from the Blobs (worker-setup.js).
//
// If anything fails, the page keeps its pre-rendered outputs and the notice
// says what the browser refused.

const notice = document.getElementById("rv-single-notice");

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

const KERNEL_URL = "rivulet:/assets/worker.js"; // the shell's RIVULET_WORKER_URL in this bundle

const LOADER = `
const early = [];
self.onmessage = async ({ data }) => {
  if (data?.kind !== "rivulet-single") return void early.push(data);
  self.onmessage = ({ data }) => early.push(data);
  const url = (blob) => URL.createObjectURL(blob);
  self.RIVULET_SINGLE_ASSETS = Object.fromEntries(
    Object.entries(data.assets).map(([path, blob]) => [path, { url: url(blob), type: blob.type }]));
  self.RIVULET_KERNEL_WHEEL = data.wheel;
  try {
    await import(url(data.worker));
  } catch (err) {
    postMessage({ kind: "dead", message: "the kernel's script did not load: " + (err?.message ?? err) });
    return;
  }
  for (const message of early.splice(0)) self.dispatchEvent(new MessageEvent("message", { data: message }));
};`;

async function boot() {
  const assets = {};
  for (const block of document.querySelectorAll("script[data-rv-asset]")) {
    const type = block.dataset.type || "application/octet-stream";
    assets[block.dataset.rvAsset] = new Blob([decode(block.textContent)], { type });
    block.textContent = ""; // the base64 text is no longer needed
  }
  for (const part of ["shell/main.js", "shell/worker.js"]) {
    if (!assets[part]) throw new Error(`${part} is missing from this file`);
  }
  const wheel = document.querySelector('script[data-rv-asset="shell/worker.js"]').dataset.kernelWheel ?? "";
  const { "shell/main.js": main, "shell/worker.js": worker, ...files } = assets;
  const loader = `data:text/javascript;base64,${btoa(LOADER)}`;

  globalThis.RivuletSingleWorker = class extends Worker {
    constructor(url, options) {
      if (String(url) !== KERNEL_URL) {
        super(url, options);
        return;
      }
      super(loader, { ...options, type: "module" });
      this.postMessage({ kind: "rivulet-single", assets: files, worker, wheel });
    }
  };
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
