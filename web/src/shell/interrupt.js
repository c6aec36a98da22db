// Stopping running code, on any static host. The page's side (the worker's:
// worker-interrupt.js; the frame's: frame/inside.js).
//
// Layered, all automatic:
// 1. running Python gets a KeyboardInterrupt through Pyodide's interrupt
//    buffer, which reads a flag the kernel's sandboxed frame holds (a blob:
//    URL it revokes; worker-interrupt.js) at most every 100 ms;
// 2. Python that waits (await, time.sleep, input()) is stopped by a message
//    to the worker, whose event loop runs meanwhile;
// 3. code that none of these stops (a long C call: sum(range(10**12))) is
//    force-stopped FORCE_AFTER ms later: the worker is replaced, the notebook
//    reopened, and the cells whose values were lost re-run (not the stopped
//    cell nor its descendants); code and outputs on screen stay.
// Shortcut: Ctrl+. (Cmd+. on a Mac), anywhere in the page.

export const FORCE_AFTER = 2500; // ms

/**
 * When to force-stop, and what to re-run then. It sees every request sent
 * (`sent()`) and every event (`event(e)`); `stop()` interrupts the request in
 * progress and, if it has not ended FORCE_AFTER ms later, calls `onForce(plan)`.
 */
export function createStopper({ kernel, onForce, forceAfter = FORCE_AFTER, clock = globalThis }) {
  let sent = 0;
  let done = 0;
  let timer = 0;
  const statuses = new Map(); // cell -> last status from the kernel
  const graph = new Map(); // cell -> {defs, refs}
  let waiters = []; // [{done, run}]: after that many "done" events

  return {
    sent() {
      sent += 1;
    },
    event(e) {
      if (e.type === "status") statuses.set(e.cell, e.status);
      else if (e.type === "graph") for (const g of e.cells ?? []) graph.set(g.id, { defs: g.defs ?? [], refs: g.refs ?? [] });
      else if (e.type === "notebook") {
        statuses.clear();
        graph.clear();
      } else if (e.type === "done") {
        done += 1;
        clock.clearTimeout(timer); // the request in progress ended: no force stop
        timer = 0;
        const due = waiters.filter((w) => w.done <= done);
        waiters = waiters.filter((w) => w.done > done);
        for (const w of due) w.run();
      }
    },
    get busy() {
      return sent > done;
    },
    /** Interrupt; force-stop if the request in progress has not ended in time. */
    stop() {
      if (sent <= done) return false;
      kernel.interrupt();
      if (!timer) {
        timer = clock.setTimeout(() => {
          timer = 0;
          if (sent > done) onForce(restorePlan(statuses, graph));
        }, forceAfter);
      }
      return true;
    },
    /** A new worker: nothing is in progress; `run` after `n` requests are done. */
    reset() {
      clock.clearTimeout(timer);
      timer = 0;
      sent = done = 0;
      waiters = [];
    },
    afterDone(n, run) {
      waiters.push({ done: done + n, run });
    },
  };
}

/**
 * After a force stop: `stopped`, the cells that were running; `rerun`, the
 * cells whose values were lost (they had run: "idle"), minus the stopped
 * cells' descendants, which would only get stuck again; notebook order.
 */
export function restorePlan(statuses, graph) {
  const stopped = [...statuses].filter(([, s]) => s === "running").map(([id]) => id);
  const below = descendants(stopped, graph);
  const rerun = [...statuses].filter(([id, s]) => s === "idle" && !below.has(id)).map(([id]) => id);
  return { stopped, rerun };
}

function descendants(cells, graph) {
  const seen = new Set();
  const todo = [...cells];
  while (todo.length) {
    const id = todo.pop();
    const defs = new Set(graph.get(id)?.defs ?? []);
    for (const [other, g] of graph) {
      if (!seen.has(other) && other !== id && g.refs.some((name) => defs.has(name))) {
        seen.add(other);
        todo.push(other);
      }
    }
  }
  return seen;
}

/** Ctrl+. (Cmd+. on a Mac): stop, wherever the focus is. */
export function stopShortcut(stop, doc = globalThis.document) {
  doc.addEventListener(
    "keydown",
    (e) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === ".") {
        e.preventDefault();
        e.stopPropagation();
        stop();
      }
    },
    true,
  );
}
