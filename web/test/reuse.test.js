import { test } from "node:test";
import assert from "node:assert/strict";
import { markdownSource, sameBundle } from "../src/render/reuse.js";

test("the same bundle again is reused, unless its HTML has scripts to run", () => {
  assert.ok(sameBundle({ "text/html": "<b>1</b>" }, { "text/html": "<b>1</b>" }));
  assert.ok(!sameBundle({ "text/html": "<b>1</b>" }, { "text/html": "<b>2</b>" }));
  assert.ok(!sameBundle({ "text/html": "<b>1</b>" }, { "text/html": "<b>1</b>", "text/plain": "1" }));
  assert.ok(!sameBundle({ "application/json": { a: 1 } }, { "application/json": { a: 1 } }));
  const scripted = { "text/html": "<div></div><script>go()</script>" };
  assert.ok(!sameBundle(scripted, { ...scripted }));
  assert.ok(!sameBundle(null, { "text/plain": "1" }));
});

test("mo.md's output gives its markdown source; anything else is parsed as usual", () => {
  assert.equal(markdownSource('<rv-md data-md="# hi"></rv-md>'), "# hi");
  assert.equal(
    markdownSource('<rv-md data-md="&lt;rv-ui data-props=&quot;{&amp;quot;a&amp;quot;: 1}&quot;&gt;&lt;/rv-ui&gt; it&#x27;s"></rv-md>'),
    '<rv-ui data-props="{&quot;a&quot;: 1}"></rv-ui> it\'s',
  );
  assert.equal(markdownSource('<rv-md data-md="a &copy; b"></rv-md>'), null); // the HTML parser's business
  assert.equal(markdownSource('<rv-md data-md="a"></rv-md><img src=x>'), null);
  assert.equal(markdownSource('<rv-md data-md="a" class="x"></rv-md>'), null);
  assert.equal(markdownSource("<b>x</b>"), null);
});
