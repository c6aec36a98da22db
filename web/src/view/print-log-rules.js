// The print log's entries (view/print-log.js): everything the notebook's
// cells printed, in the order it arrived. Consecutive chunks from the same
// cell and stream join one entry; the oldest entries go past the caps.

export const MAX_ENTRIES = 1000;
export const MAX_CHARS = 400_000;

/** Add `{cell, stream, text}` to `log` ({entries, chars}) in place; returns "joined" | "added". */
export function addPrinted(log, { cell, stream, text }, { maxEntries = MAX_ENTRIES, maxChars = MAX_CHARS } = {}) {
  const last = log.entries.at(-1);
  let how = "added";
  if (last && last.cell === cell && last.stream === stream && !last.closed) {
    last.text += text;
    how = "joined";
  } else {
    log.entries.push({ cell, stream, text, at: Date.now(), closed: false });
  }
  log.chars += text.length;
  while (log.entries.length > maxEntries || (log.chars > maxChars && log.entries.length > 1)) {
    log.chars -= log.entries.shift().text.length;
    how = "trimmed";
  }
  const tail = log.entries.at(-1);
  if (tail.text.length > maxChars) {
    log.chars -= tail.text.length - maxChars;
    tail.text = "…" + tail.text.slice(-(maxChars - 1));
  }
  return how;
}

/** A cell's run starts: its next print begins a new entry, even right after its last one. */
export function closeEntries(log) {
  const last = log.entries.at(-1);
  if (last) last.closed = true;
}
