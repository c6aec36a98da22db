// The protocol's shared examples (tests/protocol_examples.json), also read by
// tests/test_protocol.py: the shell accepts every event the kernel documents
// and knows every request type, so the two sides cannot drift.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { REQUEST_TYPES, checkEvent } from "../src/protocol.js";

const examples = JSON.parse(readFileSync(new URL("../../tests/protocol_examples.json", import.meta.url), "utf8"));

test("the examples cover the protocol", () => {
  assert.ok(examples.events.length >= 8 && examples.requests.length >= 6);
  const requestTypes = new Set(examples.requests.map((r) => r.message.type));
  assert.deepEqual([...requestTypes].sort(), [...REQUEST_TYPES].sort());
});

test("every documented event passes the shell's check", () => {
  for (const { note, message } of examples.events) assert.equal(checkEvent(message), message, note);
});

test("every documented request is one the shell can send", () => {
  for (const { note, message } of examples.requests) {
    assert.ok(REQUEST_TYPES.has(message.type), note);
    assert.equal(message.v, 1, note);
  }
});
