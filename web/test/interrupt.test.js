import { test } from "node:test";
import assert from "node:assert/strict";
import { createStopper, restorePlan } from "../src/shell/interrupt.js";

function fakeClock() {
  const timers = [];
  return {
    timers,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => timers.splice(0), // one timer at a time here
    fire: () => timers.splice(0).forEach((t) => t.fn()),
  };
}

test("restore plan: re-run the cells that had run, not the stopped cell's descendants", () => {
  const statuses = new Map([["a", "idle"], ["b", "running"], ["c", "queued"], ["d", "idle"], ["e", "error"], ["f", "idle"]]);
  const graph = new Map([
    ["a", { defs: ["x"], refs: [] }],
    ["b", { defs: ["y"], refs: ["x"] }],
    ["c", { defs: ["z"], refs: ["y"] }],
    ["d", { defs: ["w"], refs: ["x"] }],
    ["e", { defs: [], refs: [] }],
    ["f", { defs: [], refs: ["z"] }], // a grandchild of b that had run earlier
  ]);
  assert.deepEqual(restorePlan(statuses, graph), { stopped: ["b"], rerun: ["a", "d"] });
});

test("stop interrupts only while a request is in progress, and forces only if it does not end", () => {
  const clock = fakeClock();
  let interrupts = 0;
  const forced = [];
  const stopper = createStopper({ kernel: { interrupt: () => interrupts++ }, onForce: (plan) => forced.push(plan), clock });
  assert.equal(stopper.stop(), false);
  stopper.sent();
  stopper.event({ type: "status", cell: "a", status: "running" });
  assert.equal(stopper.stop(), true);
  assert.equal(interrupts, 1);
  stopper.event({ type: "done" }); // the interrupt worked
  clock.fire();
  assert.deepEqual(forced, []);
  stopper.sent();
  stopper.stop();
  clock.fire(); // nothing ended: force
  assert.equal(forced.length, 1);
  assert.deepEqual(forced[0].stopped, ["a"]);
});

test("a stop right after an interrupt that worked gets its own deadline", () => {
  const clock = fakeClock();
  const forced = [];
  const stopper = createStopper({ kernel: { interrupt() {} }, onForce: (plan) => forced.push(plan), clock });
  stopper.sent();
  stopper.stop();
  stopper.event({ type: "done" });
  stopper.sent();
  stopper.stop();
  assert.equal(clock.timers.length, 1);
  clock.fire();
  assert.equal(forced.length, 1);
});

test("afterDone runs once that many requests are done", () => {
  const stopper = createStopper({ kernel: { interrupt() {} }, onForce() {}, clock: fakeClock() });
  let ran = 0;
  stopper.afterDone(2, () => ran++);
  stopper.event({ type: "done" });
  assert.equal(ran, 0);
  stopper.event({ type: "done" });
  stopper.event({ type: "done" });
  assert.equal(ran, 1);
});
