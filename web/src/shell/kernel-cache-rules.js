// Which of mo.persistent_cache's stored files to drop (kernel-cache.js): the
// least recently written first, until each notebook keeps at most
// PER_NOTEBOOK bytes and all of them at most TOTAL.

export const PER_NOTEBOOK = 32 * 1024 * 1024;
export const TOTAL = 128 * 1024 * 1024;

/** `meta`: [{origin, name, size, at}]; returns the entries to drop. */
export function cacheFilesToDrop(meta, { perNotebook = PER_NOTEBOOK, total = TOTAL } = {}) {
  const newestFirst = [...meta].sort((a, b) => b.at - a.at);
  const used = new Map();
  let all = 0;
  const drop = [];
  for (const entry of newestFirst) {
    const mine = (used.get(entry.origin) ?? 0) + entry.size;
    if (mine > perNotebook || all + entry.size > total) {
      drop.push(entry);
      continue;
    }
    used.set(entry.origin, mine);
    all += entry.size;
  }
  return drop;
}
