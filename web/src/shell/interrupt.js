// Stopping running code, on any static host. The page's side (the worker's:
// worker-interrupt.js; the service worker's route: web/sw.js).
//
// Layered, all automatic:
// 1. running Python gets a KeyboardInterrupt through Pyodide's interrupt
//    buffer: a SharedArrayBuffer when the page is cross-origin isolated, else
//    a flag in the site's service worker that the kernel's worker asks for by
//    a synchronous XHR (at most every 100 ms);
// 2. Python that waits (await, time.sleep, input()) is stopped by a message
//    to the worker, whose event loop runs meanwhile;
// 3. code that none of these stops (a long C call: sum(range(10**12))) is
//    force-stopped FORCE_AFTER ms later: the worker is replaced, the notebook
//    reopened, and the cells whose values were lost re-run (not the stopped
//    cell nor its descendants); code and outputs on screen stay.
// Shortcut: Ctrl+. (Cmd+. on a Mac), anywhere in the page.

export const FORCE_AFTER = 2500; // ms
export const INTERRUPT_PATH = "__rivulet__/interrupt";

/** Each new kernel worker's interrupt channel: `{init, signal(token)}`. */
export function interruptChannel({ win = globalThis } = {}) {
  return {
    /** `reprobe()`: tell the worker the service worker took control. */
    spawn(reprobe = () => {}) {
      if (win.crossOriginIsolated && typeof SharedArrayBuffer === "function") {
        const sab = new SharedArrayBuffer(8);
        const flags = new Int32Array(sab);
        return {
          init: { sab },
          signal(token) {
            Atomics.store(flags, 1, token);
            Atomics.store(flags, 0, 2); // SIGINT
          },
        };
      }
      const sw = serviceWorkers(win);
      if (!sw || !/^https?:$/.test(win.location?.protocol ?? "")) return { init: {}, signal() {} };
      const key = win.crypto?.randomUUID?.() ?? `k${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
      // The service worker's scope is the site's root, one level above the bundles (as in offline.js).
      const url = new URL(`../${INTERRUPT_PATH}?key=${key}`, import.meta.url).href;
      if (!sw.controller) sw.addEventListener?.("controllerchange", () => reprobe(), { once: true });
      return {
        init: { url },
        signal(token) {
          const message = { type: "rivulet:interrupt", key, token };
          if (sw.controller) sw.controller.postMessage(message);
          else sw.ready.then((r) => r.active?.postMessage(message)).catch(() => {});
        },
      };
    },
  };
}

// Reading navigator.serviceWorker throws where storage is blocked (a
// third-party frame whose browser blocks third-party storage).
function serviceWorkers(win) {
  try {
    return win.navigator?.serviceWorker ?? null;
  } catch {
    return null;
  }
}

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
