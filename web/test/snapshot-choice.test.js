// When the page downloads the site's kernel snapshot (web/src/frame/snapshot-choice.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fastEnough } from "../src/frame/snapshot-choice.js";

const file = (size, ms, transferSize = size + 300) => ({ encodedBodySize: size, transferSize, responseStart: 100, responseEnd: 100 + ms });

test("files that came fast say the network is fast", () => {
  assert.equal(fastEnough([file(400_000, 2), file(60_000, 1)]), true); // a local or very fast host
  assert.equal(fastEnough([file(400_000, 100)]), true); // 4 MB/s
});

test("files that came slowly say a cold boot is quicker", () => {
  assert.equal(fastEnough([file(400_000, 400)]), false); // 1 MB/s: 7 MB would take 7 s
  assert.equal(fastEnough([file(400_000, 100), file(300_000, 900)]), false); // taken together
});

test("cached files and small files say nothing; nothing to judge by counts as fast", () => {
  assert.equal(fastEnough([file(400_000, 2000, 0)]), true); // from the HTTP cache: transferSize 0
  assert.equal(fastEnough([file(5_000, 500)]), true); // too small to time
  assert.equal(fastEnough([]), true);
});
