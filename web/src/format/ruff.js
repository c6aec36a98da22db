// Ruff's formatter, compiled to WebAssembly (@astral-sh/ruff-wasm-web, pinned in
// package.json): loaded lazily, its own chunk and .wasm file (build.py bundles
// the .wasm with esbuild's file loader: a content-hashed asset beside the
// chunks, cached by the service worker on first use like other big chunks).
// The page's policy allows it (script-src 'wasm-unsafe-eval').
import init, { Workspace, PositionEncoding } from "@astral-sh/ruff-wasm-web";
import wasmFile from "@astral-sh/ruff-wasm-web/ruff_wasm_bg.wasm";

// marimo formats cells with Ruff at a line length of 79 (its default).
export const SETTINGS = { "line-length": 79 };

let workspace = null;

/** Ready to format (fetches and compiles the .wasm the first time). */
export async function load() {
  if (workspace) return workspace;
  await init({ module_or_path: new URL(wasmFile, import.meta.url) });
  workspace ??= new Workspace(SETTINGS, PositionEncoding.Utf16);
  return workspace;
}

/** A cell's code formatted as Ruff formats a module; throws Ruff's error for code it cannot parse. */
export function format(code) {
  if (!workspace) throw new Error("the formatter is not loaded");
  return workspace.format(code);
}
