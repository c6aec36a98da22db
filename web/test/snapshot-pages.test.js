// The shipped kernel snapshot keeps only non-zero pages (web/src/snapshot-pages.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { packPages, unpackPages } from "../src/snapshot-pages.js";

function sample(length, page) {
  const bytes = new Uint8Array(length);
  for (const p of [0, 2, 3, 7]) bytes.fill(p + 1, p * page + 5, p * page + 9); // some pages with data
  bytes[length - 1] = 9; // the short last page too
  return bytes;
}

test("zero pages are left out and come back as zeros", () => {
  const page = 64;
  const bytes = sample(10 * page + 17, page);
  const packed = packPages(bytes, page);
  assert.ok(packed.length < bytes.length / 2, `${packed.length}`);
  assert.deepEqual(unpackPages(packed), bytes);
});

test("a snapshot of zeros only, and one with no zero page, round-trip", () => {
  for (const bytes of [new Uint8Array(1000), new Uint8Array(1000).fill(7)]) assert.deepEqual(unpackPages(packPages(bytes, 64)), bytes);
});

test("damaged packed bytes are refused, not restored", () => {
  const packed = packPages(sample(640, 64), 64);
  assert.throws(() => unpackPages(packed.subarray(0, packed.length - 1)), /cut short/);
  assert.throws(() => unpackPages(new Uint8Array([...packed, 1])), /left over/);
  assert.throws(() => unpackPages(new Uint8Array(64)), /not a packed/);
  const bad = packed.slice();
  bad[16] ^= 1; // page count
  assert.throws(() => unpackPages(bad), /bad header/);
});
