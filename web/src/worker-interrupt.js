// The kernel worker's side of interrupts and of input() (the page's side:
// shell/interrupt.js, and the frame's: frame/inside.js). Imported by worker.js only.
//
// Pyodide reads `buffer[0]` of the object given to `setInterruptBuffer` every
// 50 eval-loop checks and writes 0 back; 2 (SIGINT) raises KeyboardInterrupt.
// Our object's index 0 asks the kernel's sandboxed frame, whose opaque origin
// no service worker or SharedArrayBuffer reaches, on any host and in embeds:
// the frame gives a blob: URL per interrupt token, which index 0 reads by a
// synchronous XHR at most every POLL ms while a request runs; the frame
// revokes it to interrupt, and the read fails. (Requests shorter than POLL ms
// never read it: the page's interrupt message reaches them once they end.)
// That cannot stop Python while it waits (no Python runs): but then this
// worker's event loop does, and the page's {kind: "interrupt"} message arrives.
// It rejects the promises Python blocks on (time.sleep, input(): JSPI), or
// asks Python to cancel the request it awaits (kernel_py/browser/interrupts.py).
// Every interrupt carries the page's token (1, 2, ...): one delivered through
// the buffer is not delivered again by the message.

const POLL = 100; // ms between two reads of the flag
const SIGINT = 2;

/** `flags`: {token: blob: URL} from the frame (more come with "interrupt-flags" messages). */
export function createInterrupts({ flags = null } = {}, post) {
  let signal = 0; // what Pyodide sees at index 0
  let running = false; // a request is in progress: only then is anything asked
  let lastPoll = 0;
  let delivered = 0; // newest token delivered (KeyboardInterrupt, a rejection or a cancel)
  const blocks = new Set(); // interrupters of the promises Python blocks on
  const inputs = new Map(); // id -> resolve
  let nextInput = 1;
  const tokenFlags = new Map(); // token -> blob: URL that exists until that interrupt
  const addFlags = (given) => {
    for (const [token, flag] of Object.entries(given ?? {})) {
      if (Number(token) > delivered && typeof flag === "string" && flag.startsWith("blob:")) tokenFlags.set(Number(token), flag);
    }
  };
  addFlags(flags);

  /** The next token, if the frame revoked its flag; else 0. */
  function revoked() {
    const next = delivered + 1;
    const flag = tokenFlags.get(next);
    if (!flag) return 0;
    try {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", flag, false);
      xhr.send();
      return 0;
    } catch {
      tokenFlags.delete(next);
      return next;
    }
  }

  function poll() {
    if (!running || !tokenFlags.size) return 0; // a late interrupt must not fire inside asyncio's own code
    const now = performance.now();
    if (now - lastPoll < POLL) return 0;
    lastPoll = now;
    const token = revoked();
    return token ? take(token) : 0;
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
      // the first read comes POLL ms into a request: a synchronous XHR costs
      // milliseconds, more than a whole widget change (which never needs one)
      if (running) lastPoll = performance.now();
    },
    /**
     * The page's interrupt message. Python is not running (or this would not
     * run): reject what it blocks on, else `cancel()` the request it awaits.
     */
    interrupt(token, cancel) {
      if (!Number.isSafeInteger(token) || token <= delivered) return;
      delivered = token;
      signal = 0;
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
    /** The frame's flags for the next interrupts. */
    flags(given) {
      addFlags(given);
      for (const token of tokenFlags.keys()) if (token <= delivered) tokenFlags.delete(token);
    },
  };
}
