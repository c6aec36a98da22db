// The kernel worker's side of interrupts and of input() (the page's side:
// shell/interrupt.js). Imported by worker.js only.
//
// Pyodide reads `buffer[0]` of the object given to `setInterruptBuffer` every
// 50 eval-loop checks and writes 0 back; 2 (SIGINT) raises KeyboardInterrupt.
// Our object's index 0 asks, automatically:
//  - a SharedArrayBuffer the page writes, when the page is cross-origin isolated;
//  - else the site's service worker (web/sw.js), by a synchronous XHR at most
//    every POLL ms; the page tells the service worker by a message.
// Neither can stop Python while it waits (no Python runs): but then this
// worker's event loop does, and the page's {kind: "interrupt"} message arrives.
// It rejects the promises Python blocks on (time.sleep, input(): JSPI), or
// asks Python to cancel the request it awaits (kernel_py/browser/interrupts.py).
// Every interrupt carries the page's token (1, 2, ...): one delivered through
// the buffer is not delivered again by the message.

const POLL = 100; // ms between two questions to the service worker
const REPROBE = 1000; // ms before asking again a service worker that did not answer (a first visit: not yet in control)
const SIGINT = 2;

export function createInterrupts({ sab = null, url = null } = {}, post) {
  const flags = typeof SharedArrayBuffer === "function" && sab instanceof SharedArrayBuffer ? new Int32Array(sab) : null;
  let signal = 0; // what Pyodide sees at index 0
  let running = false; // a request is in progress: only then is anything asked
  let lastPoll = 0;
  let delivered = 0; // newest token delivered (KeyboardInterrupt, a rejection or a cancel)
  let serviceWorker = url ? "unknown" : "none"; // "yes" once it answered, "no" until REPROBE
  let reprobeAt = 0;
  const blocks = new Set(); // interrupters of the promises Python blocks on
  const inputs = new Map(); // id -> resolve
  let nextInput = 1;

  function ask(query) {
    try {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", url + query, false);
      xhr.send();
      if (xhr.getResponseHeader("x-rivulet-interrupt") === null) throw new Error("no service worker");
      serviceWorker = "yes";
      return Number(xhr.responseText) || 0;
    } catch {
      serviceWorker = "no"; // not controlled by it (yet): a first visit, a private window
      reprobeAt = performance.now() + REPROBE;
      return 0;
    }
  }

  function poll() {
    if (!running) return 0; // a late interrupt must not fire inside asyncio's own code
    if (flags) {
      if (!Atomics.load(flags, 0)) return 0;
      Atomics.store(flags, 0, 0);
      return take(Atomics.load(flags, 1));
    }
    if (!url) return 0;
    const now = performance.now();
    if (now - lastPoll < POLL || (serviceWorker === "no" && now < reprobeAt)) return 0;
    lastPoll = now;
    return take(ask(""));
  }

  function take(token) {
    if (token <= delivered) return 0;
    delivered = token;
    return SIGINT;
  }

  const buffer = {
    get 0() {
      return signal || (signal = poll());
    },
    set 0(value) {
      signal = value | 0;
    },
  };

  /** A promise Python can block on; an interrupt rejects it. */
  function blocking(start) {
    let stop;
    return new Promise((resolve, reject) => {
      const finish = start((value) => {
        blocks.delete(stop);
        resolve(value);
      });
      stop = () => {
        blocks.delete(stop);
        finish?.();
        reject(new Error("KeyboardInterrupt"));
      };
      blocks.add(stop);
    });
  }

  return {
    buffer,
    /** A request starts (true) or ends (false); a signal left over from an earlier one is dropped. */
    running(on) {
      running = !!on;
      signal = 0;
      if (flags) Atomics.store(flags, 0, 0);
    },
    /**
     * The page's interrupt message. Python is not running (or this would not
     * run): reject what it blocks on, else `cancel()` the request it awaits.
     */
    interrupt(token, cancel) {
      if (!Number.isSafeInteger(token) || token <= delivered) return;
      delivered = token;
      signal = 0;
      if (flags) Atomics.store(flags, 0, 0);
      else if (url && serviceWorker !== "no") ask("&clear=1");
      if (blocks.size) {
        for (const stop of [...blocks]) stop();
        return;
      }
      cancel();
    },
    /** time.sleep under JSPI: a promise that resolves after `ms`. */
    sleep(ms) {
      return blocking((done) => {
        const timer = setTimeout(done, Math.max(0, Number(ms) || 0));
        return () => clearTimeout(timer);
      });
    },
    /** input() under JSPI: the page shows a prompt under the cell; its answer resolves. */
    input(cell, prompt) {
      const id = nextInput++;
      return blocking((done) => {
        inputs.set(id, done);
        post({ kind: "input", id, cell: String(cell ?? ""), prompt: String(prompt ?? "").slice(0, 2000) });
        return () => inputs.delete(id);
      });
    },
    /** The page's answer to an input() prompt. */
    answer(id, text) {
      const done = inputs.get(id);
      inputs.delete(id);
      done?.(String(text ?? ""));
    },
    /** The service worker took control (a first visit): ask it from now on. */
    reprobe() {
      if (serviceWorker === "no") serviceWorker = "unknown";
    },
    /** For tests and the bench: which path interrupts Python while it runs. */
    get path() {
      return flags ? "shared-array-buffer" : serviceWorker === "yes" ? "service-worker" : "none";
    },
  };
}
