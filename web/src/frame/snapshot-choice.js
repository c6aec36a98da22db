// Is the site's kernel snapshot (about 7 MB) worth downloading on this visit?
// Restoring it skips Python's start (seconds of CPU); downloading it costs
// its size. Kept by an earlier visit (worker-snapshot.js keeps a copy) or
// by the service worker, it is free. Otherwise the page judges the network by its own files' downloads
// (Resource Timing): slower than about 20 Mbit/s, a cold boot is quicker, and
// it makes this browser's own snapshot for next time (worker-snapshot.js).

export const MIN_BYTES_PER_MS = 2500; // 2.5 MB/s: the snapshot in about 3 s

/**
 * From Resource Timing entries (`transferSize`, `encodedBodySize`,
 * `responseStart`, `responseEnd`): were this page's downloads fast enough?
 * Files from a cache, and small ones, say nothing; nothing to judge by counts as fast.
 */
export function fastEnough(entries, minBytesPerMs = MIN_BYTES_PER_MS) {
  let bytes = 0;
  let ms = 0;
  for (const e of entries) {
    if (!(e.transferSize > 0) || !(e.encodedBodySize >= 20_000)) continue;
    bytes += e.encodedBodySize;
    ms += Math.max(e.responseEnd - e.responseStart, 1);
  }
  return ms === 0 || bytes / ms >= minBytesPerMs;
}

/** The page's decision for `url` (the snapshot's): true when kept (by an earlier visit, or the service worker), or the network is fast. */
export async function snapshotWorthDownloading(url) {
  try {
    if (await caches.match(url, { ignoreSearch: true })) return true; // kept by an earlier visit, or the service worker
  } catch {
    // no Cache API here: judge by the network
  }
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  return fastEnough(entries);
}
