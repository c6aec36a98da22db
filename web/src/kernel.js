// The worker client: starts the kernel's module worker, reports boot progress,
// sends protocol requests and delivers protocol events. Owns the document's
// `data-kernel` attribute ("booting" | "ready" | "dead").
//
// Worker -> page messages: {kind: "progress", stage, detail?}, {kind: "ready", ms},
// {kind: "event", text}, {kind: "dead", message}.
// Page -> worker messages: {kind: "init", mode, queryParams}, {kind: "request", text}.

/* global RIVULET_WORKER_URL */
export const PROTOCOL_VERSION = 1;

function setKernelState(state) {
  document.documentElement.dataset.kernel = state;
}

/**
 * Start the kernel worker now. Requests sent before it is ready are queued in
 * the worker and handled in order once the kernel is up.
 *
 * @param {{mode: string, queryParams: object, onEvent: (event: object) => void,
 *          onProgress?: (stage: string, detail?: string) => void,
 *          onReady?: (ms: number) => void, onDead?: (message: string) => void}} options
 */
export function startKernel({ mode, queryParams, onEvent, onProgress, onReady, onDead }) {
  let worker = null;
  let dead = false;

  const die = (message) => {
    if (dead) return;
    dead = true;
    setKernelState("dead");
    onDead?.(message);
  };

  function spawn() {
    setKernelState("booting");
    dead = false;
    const spawned = new Worker(new URL(RIVULET_WORKER_URL, import.meta.url), {
      type: "module",
      name: "rivulet-kernel",
    });
    worker = spawned;
    const current = () => worker === spawned; // a replaced worker's last words are dropped
    spawned.onmessage = ({ data }) => {
      if (!current()) return;
      switch (data.kind) {
        case "event": {
          let event;
          try {
            event = JSON.parse(data.text);
          } catch (err) {
            console.error("rivulet: malformed event from kernel", err);
            return;
          }
          onEvent(event);
          break;
        }
        case "progress":
          onProgress?.(data.stage, data.detail);
          break;
        case "ready":
          if (!dead) setKernelState("ready");
          onReady?.(data.ms);
          break;
        case "dead":
          die(data.message);
          break;
      }
    };
    spawned.onerror = (e) => {
      e.preventDefault?.();
      if (current()) die(`The Python kernel crashed: ${e.message || "the worker script failed to load"}`);
    };
    spawned.onmessageerror = () => current() && die("The Python kernel sent a message that could not be read.");
    spawned.postMessage({ kind: "init", mode, queryParams });
  }

  spawn();

  return {
    /** Send a protocol request (an object with "type"); "v" is filled in. */
    send(request) {
      if (dead) return false;
      worker.postMessage({
        kind: "request",
        text: JSON.stringify({ v: PROTOCOL_VERSION, ...request }),
      });
      return true;
    },
    get dead() {
      return dead;
    },
    /**
     * Stop the worker (even mid-run: there is no interrupt without
     * SharedArrayBuffer) and boot a fresh one; `data-kernel` goes "booting"
     * then "ready". The new kernel has no notebook: send it an `open`.
     */
    restart() {
      worker.terminate();
      spawn();
    },
    terminate() {
      worker.terminate();
      die("The kernel was stopped.");
    },
  };
}
