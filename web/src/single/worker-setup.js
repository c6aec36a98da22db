// Runs first in a single-file export's kernel worker (see worker.js here).
// The loader (boot.js) made a blob: URL of every file the kernel needs:
// self.RIVULET_SINGLE_ASSETS = {path: {url, type}}.
// The worker asks for them under ASSET_BASE (rivulet:/...): those requests are
// answered from the blobs, so nothing is read from the network or the disk.

export const ASSET_BASE = "rivulet:/";

const assets = self.RIVULET_SINGLE_ASSETS ?? {};
const realFetch = self.fetch.bind(self);

/** The asset path of a rivulet:/ URL (query and fragment dropped), else null. */
export function assetPath(url) {
  if (!url.startsWith(ASSET_BASE)) return null;
  return decodeURIComponent(url.slice(ASSET_BASE.length).split(/[?#]/)[0]);
}

self.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const path = assetPath(url);
  if (path === null) return realFetch(input, init); // e.g. Pyodide's CDN, when online
  const asset = Object.hasOwn(assets, path) ? assets[path] : null;
  if (!asset) return new Response(`${path} is not in this file`, { status: 404, statusText: "Not Found" });
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  const headers = { "content-type": asset.type };
  if (method === "HEAD") return new Response(null, { status: 200, headers });
  const got = await realFetch(asset.url);
  return new Response(got.body, { status: 200, headers });
};

// worker.js calls this instead of importing pyodide.mjs from indexURL.
self.rivuletImportPyodide = async () => {
  const need = (path) => {
    if (!Object.hasOwn(assets, path)) throw new Error(`${path} is not in this file`);
    return assets[path].url;
  };
  const [pyodide, asm] = await Promise.all([
    import(/* blob URL */ need("pyodide/pyodide.mjs")),
    import(/* blob URL */ need("pyodide/pyodide.asm.mjs")),
  ]);
  return { loadPyodide: (options) => pyodide.loadPyodide({ ...options, createPyodideModule: asm.default }) };
};
