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
  setKernelState("booting");
  const worker = new Worker(new URL(RIVULET_WORKER_URL, import.meta.url), {
    type: "module",
    name: "rivulet-kernel",
  });
  let dead = false;

  const die = (message) => {
    if (dead) return;
    dead = true;
    setKernelState("dead");
    onDead?.(message);
  };

  worker.onmessage = ({ data }) => {
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
  worker.onerror = (e) => {
    e.preventDefault?.();
    die(`The Python kernel crashed: ${e.message || "the worker script failed to load"}`);
  };
  worker.onmessageerror = () => die("The Python kernel sent a message that could not be read.");
  worker.postMessage({ kind: "init", mode, queryParams });

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
    terminate() {
      worker.terminate();
      die("The kernel was stopped.");
    },
  };
}
