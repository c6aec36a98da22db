// The worker client: starts the kernel's worker (on the site: in a sandboxed,
// opaque-origin frame, frame/host.js), reports boot progress,
// sends protocol requests and delivers protocol events. Owns the document's
// `data-kernel` attribute ("booting" | "ready" | "dead").
//
// Worker -> page messages: {kind: "progress", stage, detail?}, {kind: "ready", ms, boot},
// {kind: "snapshot", state: "saved" | "failed"} (worker-snapshot.js; frame/host.js),
// {kind: "event", text} (one protocol event, or several, one per line), {kind: "dead", message}, {kind: "fatal", reason} (Pyodide
// failed for good: "memory" | "stack" | "trap"), {kind: "input", id, cell, prompt}
// (a cell called input(): answer with {kind: "input", id, text}).
// Page -> worker messages: {kind: "init", mode, queryParams, files?},
// {kind: "request", text}, {kind: "interrupt", token}, {kind: "input", id, text}
// (the frame adds the interrupt flags: frame/inside.js).
// `files` ([{path, url}], an export's data files) are written into Python's
// file system, under the notebook's folder, which becomes the working directory.

//
// The worker runs the notebook's Python, which can post anything: messages are
// checked here. Progress stages are the worker's known ones (package names
// only for "installing"); "dead" and boot stages are believed only before the
// kernel is ready (no notebook code has run yet); events are checked against
// the protocol (protocol.js) before anyone sees them.

/* global RIVULET_WORKER_URL, RIVULET_FRAME, RIVULET_FRAME_WORKER_URL, RIVULET_FRAME_FETCH */
import { frameWorker } from "./frame/host.js";
import { SITE_SNAPSHOT, keptSiteSnapshot, siteSnapshotWanted, snapshotsEnabled } from "./worker-snapshot.js";
import { snapshotWorthDownloading } from "./frame/snapshot-choice.js";
import { checkEvent } from "./protocol.js";

// The site's build, islands and single-file exports define these: the kernel
// then runs in a sandboxed, opaque-origin frame (frame/host.js). A single-file
// export also defines RIVULET_FRAME_FETCH, which reads the frame's files from
// the page itself (single/boot.js).
const FRAME = typeof RIVULET_FRAME === "string" && RIVULET_FRAME ? RIVULET_FRAME : null;
const frameFetch = () => (typeof RIVULET_FRAME_FETCH === "function" ? RIVULET_FRAME_FETCH : undefined);


const BOOT_LIMIT = 180_000; // ms
// What the page says when Pyodide failed for good (the worker only names the reason).
const FATAL = {
  memory: "The Python kernel ran out of memory and stopped.",
  stack: "The Python kernel stopped: its stack overflowed (recursion too deep).",
  trap: "The Python kernel crashed (a WebAssembly error) and stopped.",
};
const BOOT_STAGES = new Set(["python", "kernel"]);
// Package names (PEP 508 names, with versions) separated by commas, then "(312 kB, 3 s)".
const PACKAGES = /^[A-Za-z0-9][A-Za-z0-9._\-=<>!~, ()]{0,300}$/;

function setKernelState(state) {
  document.documentElement.dataset.kernel = state;
}

/* global RIVULET_KERNEL_WHEEL */
// What the kernel's worker reads first (relative to its script, in assets/): read ahead while its frame starts.
const KERNEL_FILES = [
  "../pyodide/pyodide.asm.wasm", "../pyodide/python_stdlib.zip", "../pyodide/pyodide-lock.json",
  ...(typeof RIVULET_KERNEL_WHEEL === "string" ? [RIVULET_KERNEL_WHEEL] : []),
];

/**
 * The site's snapshot, with an absolute URL, if the kernel may restore it
 * (worker-snapshot.js): kept by an earlier visit (`kept`, a Blob: the frame
 * checks it), or worth downloading (frame/snapshot-choice.js). A Promise of
 * {url, sha256, pages, kept} or null.
 */
async function siteSnapshot(queryParams, workerURL) {
  if (!SITE_SNAPSHOT || !snapshotsEnabled(queryParams) || !siteSnapshotWanted(queryParams)) return null;
  const url = new URL(SITE_SNAPSHOT.url, workerURL).href;
  const site = { url, sha256: String(SITE_SNAPSHOT.sha256), pages: String(SITE_SNAPSHOT.pages), kept: await keptSiteSnapshot(url) };
  const asked = String(queryParams?.snapshot ?? "").toLowerCase() === "site"; // whatever the network
  return site.kept || asked || (await snapshotWorthDownloading(url)) ? site : null;
}

/**
 * The worker's boot steps as performance marks of this page ("rivulet:worker-…",
 * at the time each ended), for benches and the Performance panel. Numbers only.
 */
function bootMarks(marks) {
  if (marks === null || typeof marks !== "object") return;
  for (const [name, at] of Object.entries(marks).slice(0, 20)) {
    const startTime = Number(at) - performance.timeOrigin;
    if (/^[a-z-]{1,20}$/.test(name) && Number.isFinite(startTime) && startTime >= 0) {
      performance.mark(`rivulet:worker-${name}`, { startTime });
    }
  }
}

/**
 * Start the kernel worker now. Requests sent before it is ready are queued in
 * the worker and handled in order once the kernel is up.
 *
 * @param {{mode: string, queryParams: object, onEvent: (event: object) => void,
 *          onProgress?: (stage: string, detail?: string) => void,
 *          onReady?: (ms: number) => void, onDead?: (message: string) => void,
 *          cache?: {read(name: string): Promise<ArrayBuffer|null>, write(name: string, bytes: ArrayBuffer): void}}} options
 *   `cache`: where mo.persistent_cache's files are kept (shell/kernel-cache.js).
 */
export function startKernel({ mode, queryParams, files = null, cache = null, onEvent, onProgress, onReady, onDead, onInput }) {
  let worker = null;
  let token = 0; // interrupts asked of this worker
  let dead = false;
  let ready = false;

  const die = (message) => {
    if (dead) return;
    dead = true;
    setKernelState("dead");
    onDead?.(message);
  };

  function spawn() {
    performance.mark("rivulet:kernel-spawn");
    setKernelState("booting");
    dead = false;
    ready = false;
    const frameWorkerURL = FRAME ? new URL(RIVULET_FRAME_WORKER_URL, import.meta.url).href : "";
    const spawned = FRAME
      ? frameWorker({
        script: FRAME, workerURL: frameWorkerURL, cache, fetch: frameFetch(),
        snapshot: siteSnapshot(queryParams, frameWorkerURL),
        preload: KERNEL_FILES.map((name) => new URL(name, frameWorkerURL).href),
      })
      : new Worker(new URL(RIVULET_WORKER_URL, import.meta.url), { type: "module", name: "rivulet-kernel" });
    worker = spawned;
    const current = () => worker === spawned; // a replaced worker's last words are dropped
    spawned.onmessage = ({ data }) => {
      if (!current() || data === null || typeof data !== "object") return;
      switch (data.kind) {
        case "event": {
          // one event, or several, one per line (JSON Lines: the kernel sends them in batches)
          const text = String(data.text ?? "");
          for (const line of text.includes("\n") ? text.split("\n") : [text]) {
            let event = null;
            try {
              event = checkEvent(JSON.parse(line));
            } catch {
              event = null;
            }
            if (event) onEvent(event);
            else console.warn("rivulet: dropped a malformed message from the kernel");
          }
          break;
        }
        case "progress":
          if (!ready && BOOT_STAGES.has(data.stage)) onProgress?.(data.stage);
          else if (data.stage === "installing" && typeof data.detail === "string" && PACKAGES.test(data.detail)) {
            onProgress?.("installing", data.detail);
          } else if (data.stage === "installed") onProgress?.("installed");
          break;
        case "input":
          // from a running cell's input(): only text, answered by the person at the keyboard
          if (ready && Number.isSafeInteger(data.id) && typeof data.cell === "string" && typeof data.prompt === "string") {
            onInput?.({ id: data.id, cell: data.cell.slice(0, 200), prompt: data.prompt.slice(0, 2000) });
          }
          break;
        case "ready":
          if (ready || dead) return;
          ready = true;
          // How this kernel started: "snapshot" (restored) or "cold" (tests and benches read it).
          document.documentElement.dataset.kernelBoot = data.boot === "snapshot" ? "snapshot" : "cold";
          bootMarks(data.marks);
          setKernelState("ready");
          onReady?.(Number(data.ms) || 0);
          break;
        case "snapshot":
          // the boot's snapshot was stored (or not): for tests and benches only
          // ("site": restored from the site's own snapshot, so none is stored)
          if (data.state === "saved" || data.state === "failed" || data.state === "site") document.documentElement.dataset.kernelSnapshot = data.state;
          break;
        case "fatal":
          // Pyodide cannot be used any more: say why (in our own words), stop it, offer a restart.
          if (ready && !dead) {
            spawned.terminate();
            die(`${FATAL[data.reason] ?? FATAL.trap} Your code is kept: restart the kernel to run it again.`);
          }
          break;
        case "dead":
          // Before ready, only the worker's boot code runs: its report is shown
          // (as plain text, capped). After, the notebook's Python could forge it.
          if (!ready) die(`The Python kernel failed to start: ${String(data.message ?? "").slice(0, 500)}`);
          break;
      }
    };
    spawned.onerror = (e) => {
      e.preventDefault?.();
      if (!current()) return;
      spawned.terminate();
      // Before ready only Rivulet's boot code ran: its words are shown (capped); after, only the frame's host's.
      const why = ready && !e.ours ? "" : `: ${String(e.message || "the worker script failed to load").slice(0, 500)}`;
      die(`The Python kernel crashed${why}. Your code is kept: restart the kernel to run it again.`);
    };
    spawned.onmessageerror = () => current() && die("The Python kernel sent a message that could not be read.");
    token = 0;
    spawned.postMessage({ kind: "init", mode, queryParams, ...(files ? { files } : {}) });
    // The last resort against a boot that hangs without any error.
    const watchdog = setTimeout(() => {
      if (current() && !ready) die(`The Python kernel failed to start: it did not start within ${BOOT_LIMIT / 1000} s.`);
    }, BOOT_LIMIT);
    spawned.addEventListener("message", () => ready && clearTimeout(watchdog));
  }

  spawn();

  return {
    /** Send a request made with protocol.js's `request()` (version and id included). */
    send(message) {
      if (dead) return false;
      worker.postMessage({ kind: "request", text: JSON.stringify(message) });
      return true;
    },
    get dead() {
      return dead;
    },
    /** Ask the running code to stop (KeyboardInterrupt); see shell/interrupt.js. */
    interrupt() {
      if (dead) return;
      token += 1;
      worker.postMessage({ kind: "interrupt", token });
    },
    /** The answer to an input() prompt. */
    answer(id, text) {
      if (!dead) worker.postMessage({ kind: "input", id, text: String(text) });
    },
    /**
     * Stop the worker (even mid-run: a long C call cannot be interrupted)
     * and boot a fresh one; `data-kernel` goes "booting"
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
