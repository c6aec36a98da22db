// The booted kernel as a memory snapshot of Pyodide (private API:
// loadPyodide({_makeSnapshot}) / makeMemorySnapshot() / loadPyodide({_loadSnapshot})).
//
// A cold boot takes the snapshot right after the kernel's modules are
// imported, before any notebook code runs (kernel_py/browser/snapshot.py
// warm()), and stores it only once the first output is out (saveLater).
// The next visit, and every kernel restart, restores it instead of starting
// Python. One entry in the Cache API, keyed by this build: the kernel wheel's
// hash and Pyodide's version (Pyodide itself checks its build id too).
// Stale entries are deleted; an entry that fails its checksum or does not
// restore is deleted and the worker boots cold, quietly (a console line).

import { sha256 } from "./sha256.js";
import { unpackPages } from "./snapshot-pages.js";

/* global RIVULET_KERNEL_SNAPSHOT */
// The site's own kernel snapshot as the build names it (build.py: {url, sha256,
// pages}, url relative to the worker's script), or null (single-file exports).
export const SITE_SNAPSHOT = typeof RIVULET_KERNEL_SNAPSHOT === "string" && RIVULET_KERNEL_SNAPSHOT ? JSON.parse(RIVULET_KERNEL_SNAPSHOT) : null;

// Not "rivulet-…": those names are the service worker's, one per deploy.
export const SNAPSHOT_CACHE = "rivulet.kernel-snapshot";
const SUM = "x-rivulet-sha256";

/** Snapshots need the Cache API and a normal page (not a single-file export). */
export function snapshotsEnabled(queryParams) {
  const asked = String(queryParams?.snapshot ?? "").toLowerCase();
  if (asked === "off" || asked === "0" || asked === "false") return false;
  // In the sandboxed frame the page keeps them, in its Cache API, whose keys are
  // http(s) URLs: not a single-file export's (its files are rivulet:/ URLs).
  if (self.rivuletSnapshots) return /^https?:/.test(String(self.rivuletSiteURL ?? ""));
  try {
    // reading `caches` throws where the Cache API is disabled (data: URL workers, some private windows)
    return typeof caches !== "undefined" && typeof crypto?.subtle?.digest === "function";
  } catch {
    return false;
  }
}

/**
 * Is the site's snapshot (about 7 MB) worth downloading instead of starting
 * Python? Not when the browser says data is dear or the network slow (there
 * a cold boot is quicker, and makes this browser's own snapshot), nor with
 * ?snapshot=local (only this browser's own snapshots).
 */
export function siteSnapshotWanted(queryParams) {
  if (String(queryParams?.snapshot ?? "").toLowerCase() === "local") return false;
  const connection = self.navigator?.connection;
  return !(connection?.saveData || /^(slow-2g|2g|3g)$/.test(String(connection?.effectiveType ?? "")));
}

/**
 * The site's snapshot as the build wrote it, downloaded: {form: "gzip",
 * blob, sha256} (the build's sha256 of it: whoever reads the bytes checks
 * them), or null (a console line says why: the kernel boots cold). `site`:
 * {url, sha256, pages}; `read` fetches a URL (Response). In the sandboxed
 * frame the page downloads it and the frame checks it (frame/inside.js); its
 * worker has no WebCrypto. (The copy kept by an earlier visit: keptSiteSnapshot.)
 */
export async function downloadSiteSnapshot(site, read = fetch) {
  try {
    if (typeof crypto?.subtle?.digest !== "function") return null; // nothing to check it with
    const response = await read(site.url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { form: "gzip", blob: await response.blob(), sha256: site.sha256 };
  } catch (err) {
    console.info("rivulet: the site's kernel snapshot could not be read; starting Python normally", err);
    return null;
  }
}

/** The site's snapshot downloaded and checked here: {form: "gzip", bytes}, or null (a worker outside the frame). */
export async function fetchSiteSnapshot(site, read = fetch) {
  const got = await downloadSiteSnapshot(site, read);
  if (!got) return null;
  const bytes = new Uint8Array(await got.blob.arrayBuffer());
  if ((await sha256(bytes)) === got.sha256) return { form: got.form, bytes };
  console.info("rivulet: the site's kernel snapshot is not this build's; starting Python normally");
  return null;
}

/**
 * The site's snapshot unpacked: {snapshot, pages} (pages: its unzipped form,
 * which the page keeps for next time; null when it came in that form), or
 * null when it does not unpack.
 */
export async function unpackSnapshot(got) {
  if (!got?.bytes) return null;
  try {
    if (got.form === "pages") return { snapshot: unpackPages(got.bytes), pages: null };
    const unzipped = new Blob([got.bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const pages = new Uint8Array(await new Response(unzipped).arrayBuffer());
    return { snapshot: unpackPages(pages), pages };
  } catch (err) {
    console.info("rivulet: the site's kernel snapshot does not unpack; starting Python normally", err);
    return null;
  }
}

// The site's snapshot unzipped (the "pages" form), kept by the page after a
// first visit (the worker hands it back, the page checks it against the
// build's sha256), so later visits neither download nor unzip it. One entry:
// this build's snapshot URL (?v=hash included).
export const SITE_SNAPSHOT_CACHE = "rivulet.site-snapshot";

/**
 * The kept copy of the site's snapshot at `url` as a Blob, or null. A Blob is
 * only a handle: the page, busy rendering the notebook, reads none of its
 * 18 MB. The kernel's frame reads it and checks it against the build's sha256
 * (frame/inside.js), off this page's thread; a copy that fails is dropped
 * (dropKeptPages).
 */
export async function keptSiteSnapshot(url) {
  try {
    if (typeof crypto?.subtle?.digest !== "function") return null; // nothing to check it with
    const hit = await (await caches.open(SITE_SNAPSHOT_CACHE)).match(url);
    return hit ? await hit.blob() : null;
  } catch {
    return null; // no Cache API here
  }
}

export async function dropKeptPages(url) {
  try {
    await (await caches.open(SITE_SNAPSHOT_CACHE)).delete(url);
  } catch {
    // nothing kept, nothing to drop
  }
}

/** Keep `bytes` (the pages form) for `site` if they are the build's; resolves true when kept. */
export async function keepPages(site, bytes) {
  try {
    if ((await sha256(bytes)) !== site.pages) return false;
    const cache = await caches.open(SITE_SNAPSHOT_CACHE);
    for (const request of await cache.keys()) if (request.url !== site.url) await cache.delete(request);
    await cache.put(site.url, new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
    return true;
  } catch {
    return false; // not kept: the next visit downloads it again
  }
}

/** The cache key of this build's snapshot (a URL: the Cache API wants one). */
export function snapshotKey(indexURL, wheelURL, pyodideVersion) {
  const wheel = new URL(wheelURL);
  const build = wheel.searchParams.get("v") || wheel.pathname.split("/").pop();
  const key = new URL("__rivulet__/kernel-snapshot", indexURL);
  key.searchParams.set("pyodide", pyodideVersion);
  key.searchParams.set("kernel", build);
  return key.href;
}

/**
 * This build's snapshot bytes, checked, or null. Deletes entries of other
 * builds, and this build's entry when it is damaged.
 */
export async function readSnapshot(key) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
    const hit = await cache.match(key);
    if (!hit) return null;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    if (bytes.length < 1024 || (await sha256(bytes)) !== hit.headers.get(SUM)) {
      console.info("rivulet: the stored kernel snapshot is damaged; starting Python normally");
      await dropSnapshot(key);
      return null;
    }
    return bytes;
  } catch (err) {
    console.info("rivulet: no kernel snapshot", err);
    return null;
  }
}

export async function dropSnapshot(key) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.delete(key);
  } catch {
    // nothing stored, nothing to drop
  }
}

/**
 * loadPyodide from `bytes`: memory is grown to the snapshot's size first
 * (a snapshot larger than the default heap does not fit otherwise).
 */
export async function restorePyodide(loadPyodide, options, bytes, createModule = null) {
  const createPyodideModule = createModule ?? (await import(/* runtime URL */ options.indexURL + "pyodide.asm.mjs")).default;
  return loadPyodide({
    ...options,
    _loadSnapshot: bytes,
    createPyodideModule: async (settings) => {
      const module = await createPyodideModule(settings);
      if (module.HEAP8.length < bytes.length) module.growMemory(bytes.length);
      return module;
    },
  });
}

/** Store `bytes` under `key` (after checksumming them); resolves true when stored. */
export async function writeSnapshot(key, bytes) {
  try {
    const sum = await sha256(bytes);
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.put(key, new Response(bytes, { headers: { "content-type": "application/octet-stream", [SUM]: sum } }));
    for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
    return true;
  } catch (err) {
    console.info("rivulet: the kernel snapshot was not stored", err);
    return false;
  }
}
