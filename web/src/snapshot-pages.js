// The site's kernel snapshot as shipped (build: web/build/kernel-snapshot.mjs;
// restore: worker-snapshot.js): Pyodide's snapshot is mostly its WebAssembly
// memory, and nearly half of that memory is pages of zeros. Shipped, only the
// other pages are kept (then the file is gzipped): a smaller file to unzip.
//
// Layout (little endian): "RVSNAP1\0", u32 page size, u32 the snapshot's
// length, u32 page count, a bitmap (a bit per page: 1 = kept), then the kept
// pages, in order (the last page may be short).

const MAGIC = "RVSNAP1\0";
const HEADER = MAGIC.length + 12;
export const PAGE = 4096;

function isZero(bytes, start, end) {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The snapshot `bytes` (Uint8Array) without its zero pages. */
export function packPages(bytes, page = PAGE) {
  const count = Math.ceil(bytes.length / page);
  const bitmap = new Uint8Array(Math.ceil(count / 8));
  const kept = [];
  for (let p = 0; p < count; p++) {
    const start = p * page;
    const end = Math.min(start + page, bytes.length);
    if (isZero(bytes, start, end)) continue;
    bitmap[p >> 3] |= 1 << (p & 7);
    kept.push(bytes.subarray(start, end));
  }
  const size = HEADER + bitmap.length + kept.reduce((n, k) => n + k.length, 0);
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, page, true);
  view.setUint32(12, bytes.length, true);
  view.setUint32(16, count, true);
  out.set(bitmap, HEADER);
  let at = HEADER + bitmap.length;
  for (const k of kept) {
    out.set(k, at);
    at += k.length;
  }
  return out;
}

/** The snapshot back from packPages' bytes; throws on anything else. */
export function unpackPages(packed) {
  if (packed.length < HEADER || new TextDecoder().decode(packed.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error("not a packed kernel snapshot");
  }
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const page = view.getUint32(8, true);
  const length = view.getUint32(12, true);
  const count = view.getUint32(16, true);
  if (!page || count !== Math.ceil(length / page)) throw new Error("a packed kernel snapshot with a bad header");
  const bitmap = packed.subarray(HEADER, HEADER + Math.ceil(count / 8));
  const out = new Uint8Array(length);
  let at = HEADER + bitmap.length;
  for (let p = 0; p < count; p++) {
    if (!(bitmap[p >> 3] & (1 << (p & 7)))) continue;
    const start = p * page;
    const end = Math.min(start + page, length);
    if (at + (end - start) > packed.length) throw new Error("a packed kernel snapshot cut short");
    out.set(packed.subarray(at, at + (end - start)), start);
    at += end - start;
  }
  if (at !== packed.length) throw new Error("a packed kernel snapshot with bytes left over");
  return out;
}
