import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import LZString from "lz-string";
import { decodeLink, encodeLink } from "../src/shell/links.js";

const gallery = new URL("../../gallery/", import.meta.url);
const notebooks = readdirSync(gallery).filter((f) => f.endsWith(".py")).map((f) => readFileSync(new URL(f, gallery), "utf8"));

test("#nb/ links round-trip every gallery notebook, emoji included", async () => {
  for (const text of [...notebooks, "import marimo\n# 🌊 ünïcode\n"]) assert.equal(await decodeLink(await encodeLink(text)), text);
});

test("#nb/ links are shorter than lz-string's #code/", async () => {
  for (const text of notebooks) {
    const ours = (await encodeLink(text)).length;
    const lz = LZString.compressToEncodedURIComponent(text).length;
    assert.ok(ours < lz, `${ours} >= ${lz}`);
  }
});

test("damaged payloads throw", async () => {
  const good = await encodeLink("import marimo\n");
  for (const bad of ["", "!!!", good.slice(0, good.length - 3), "AAAA"]) {
    await assert.rejects(decodeLink(bad), undefined, bad);
  }
});
