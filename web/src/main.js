// Rivulet's entry point and trusted layer: routing (#code/, ?file=, ?mode=,
// ?embed=), storage (autosave of the notebook being edited) and file handling
// (share link, download). It talks to the notebook view and to the kernel
// worker only through messages: protocol requests go out, protocol events
// come in. Neither the view nor the kernel reads storage or the URL.

import {
  compressToEncodedURIComponent,
  decompressFromEncodedURIComponent,
} from "lz-string";
import { startKernel } from "./kernel.js";
import { defineMarkdown } from "./md/index.js";
import { defineLayout } from "./layout/index.js";

defineMarkdown();
defineLayout();

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const mode = params.get("mode") === "read" ? "read" : "edit";
const embed = params.get("embed") === "true";
document.documentElement.dataset.mode = mode;
if (embed) document.documentElement.dataset.embed = "true";

// ------------------------------------------------------------------ kernel
// Started first thing: Pyodide's download is the long pole.

const view = createViewPort();
const kernel = startKernel({
  mode,
  queryParams: Object.fromEntries(params),
  onEvent: receive,
  onProgress: showProgress,
  onReady: () => showProgress("notebook"),
  onDead: (message) => {
    hideProgress();
    notify(message, "error", { action: RESTART });
  },
});

// ------------------------------------------------------------------ view

function createViewPort() {
  const queue = [];
  let mounted = null;
  let previewText = null; // a file opened before the view was mounted
  import("./view/notebook.js")
    .then(({ mountNotebook }) => {
      mounted = mountNotebook($("rv-notebook"), { send: sendFromView, mode });
      if (previewText !== null && !queue.some((e) => e.type === "notebook")) mounted.preview?.(previewText);
      for (const event of queue.splice(0)) mounted.handle(event);
    })
    .catch((err) => {
      console.error(err);
      notify(`The notebook view failed to load: ${err.message}`, "error");
    });
  return {
    handle(event) {
      if (mounted) mounted.handle(event);
      else queue.push(event);
    },
    /** Show a file's cells while the kernel is still reading it (the view may ignore this). */
    preview(text) {
      if (mounted) mounted.preview?.(text);
      else previewText = text;
    },
    /** The cells on screen (edits included), or null if the view cannot say. */
    cells() {
      return mounted?.cells?.() ?? null;
    },
    restarted() {
      mounted?.restarted?.();
    },
  };
}

function sendFromView(request) {
  if (request.type === "run") hideNotice(restartedNotice);
  kernel.send(request);
  if (request.type === "run" || request.type === "set_cells") scheduleAutosave();
}

// ------------------------------------------------------------------ events

const fileWaiters = [];
let current = { text: "", origin: "", name: "notebook.py" };

function receive(event) {
  watchRunning(event);
  switch (event.type) {
    case "notebook":
      hideProgress();
      for (const problem of event.problems ?? []) {
        // a file that is not a notebook opens as one cell: say so
        if (/kept as one cell/.test(problem.message)) notify(`This file is not a marimo notebook: ${problem.message}.`, "warning");
      }
      document.title = event.app?.app_title ? `${event.app.app_title} · Rivulet` : "Rivulet";
      break;
    case "file":
      current.text = event.text;
      if (autosavePending) {
        autosavePending = false;
        autosave(current);
        if (saveBackUrl) saveBack(event.text);
      }
      for (const resolve of fileWaiters.splice(0)) resolve(event.text);
      break;
    case "error":
      console.warn("rivulet kernel:", event.message);
      break;
  }
  view.handle(event);
}

/** The current notebook file text, from the kernel (or the last known text). */
function currentText() {
  if (kernel.dead) return Promise.resolve(current.text);
  return new Promise((resolve) => {
    fileWaiters.push(resolve);
    kernel.send({ type: "save" });
    setTimeout(() => resolve(current.text), 3000);
  });
}

// ------------------------------------------------------------------ storage

const AUTOSAVE = "rivulet:autosave";
const PREVIOUS = "rivulet:autosave:previous";
const KEEP_PREVIOUS = 5;
let autosaveTimer = 0;
let autosavePending = false;

function loadAutosave() {
  try {
    const saved = JSON.parse(localStorage.getItem(AUTOSAVE) ?? "null");
    return saved && typeof saved.text === "string" && saved.text ? saved : null;
  } catch {
    return null;
  }
}

function scheduleAutosave() {
  if (mode === "read") return;
  clearTimeout(autosaveTimer);
  autosaveTimer = setTimeout(() => {
    autosavePending = true;
    kernel.send({ type: "save" });
  }, 400);
}

/** Keep the notebook being edited; a different notebook's autosave moves to PREVIOUS. */
function autosave({ text, origin, name }) {
  if (!text) return;
  try {
    const saved = loadAutosave();
    if (saved && saved.origin !== origin && saved.text !== text) {
      const previous = JSON.parse(localStorage.getItem(PREVIOUS) ?? "[]");
      previous.unshift(saved);
      localStorage.setItem(PREVIOUS, JSON.stringify(previous.slice(0, KEEP_PREVIOUS)));
    }
    localStorage.setItem(AUTOSAVE, JSON.stringify({ text, origin, name, savedAt: Date.now() }));
  } catch (err) {
    notify(`Autosave failed (${err.name}): download the notebook to keep your changes.`, "warning");
  }
}

// `rivulet edit` serves the page as ?file=<url>&save=put: edits are written
// back to that file (the server takes a PUT of the notebook text).
const saveBackUrl = params.get("save") === "put" && params.get("file") ? new URL(params.get("file"), location.href) : null;
let lastSavedBack = null;

async function saveBack(text) {
  if (text === lastSavedBack) return;
  try {
    const response = await fetch(saveBackUrl, { method: "PUT", body: text, headers: { "Content-Type": "text/x-python; charset=utf-8" } });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
    lastSavedBack = text;
    document.documentElement.dataset.saved = "true";
  } catch (err) {
    notify(`Could not save to ${saveBackUrl.pathname}: ${err.message}. Your edits are kept in this browser.`, "warning");
  }
}

// ------------------------------------------------------------------ routing

const NEW_NOTEBOOK = `import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    return


if __name__ == "__main__":
    app.run()
`;

class OpenError extends Error {}

function decodeCode(payload) {
  let text = null;
  try {
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  // Garbage payloads decode to null, "", or text full of control characters.
  if (!text || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) || !/\S/.test(text)) {
    throw new OpenError(
      "This link's notebook could not be decoded (the #code/ part of the URL is damaged or truncated).",
    );
  }
  return text;
}

const MAX_NOTEBOOK_CHARS = 5_000_000;

async function fetchFile(file) {
  let url;
  try {
    url = new URL(file, location.href);
  } catch {
    throw new OpenError(`Could not open “${file}”: not a valid URL.`);
  }
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new OpenError(`Could not open “${file}”: ${err.message}.`);
  }
  if (!response.ok) {
    throw new OpenError(`Could not open “${file}”: the server answered ${response.status} ${response.statusText}.`);
  }
  const text = await response.text();
  if (text.length > MAX_NOTEBOOK_CHARS) {
    throw new OpenError(`Could not open “${file}”: ${(text.length / 1e6).toFixed(1)} MB is too large for a notebook.`);
  }
  if (/\u0000|\ufffd/.test(text)) {
    throw new OpenError(`Could not open “${file}”: it is not a text file (a notebook is Python source, UTF-8).`);
  }
  return text;
}

function fallbackNotebook() {
  const saved = loadAutosave();
  if (saved) return { text: saved.text, origin: saved.origin, name: saved.name || "notebook.py" };
  return { text: NEW_NOTEBOOK, origin: newOrigin(), name: "notebook.py" };
}

const newOrigin = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const basename = (path) => decodeURIComponent(path.split(/[?#]/)[0].split("/").pop() || "") || "notebook.py";

/** Resolve the notebook the URL asks for: {text, origin, name}. */
async function notebookFromUrl() {
  const hash = location.hash;
  if (hash.startsWith("#code/")) {
    return { text: decodeCode(hash.slice("#code/".length)), origin: newOrigin(), name: "notebook.py" };
  }
  const file = params.get("file");
  if (file) return { text: await fetchFile(file), origin: newOrigin(), name: basename(file) };
  return fallbackNotebook();
}

/** Open what the URL asks for. On bad input, say so and keep what is open (or the autosave). */
async function openFromUrl({ initial }) {
  let notebook;
  try {
    notebook = await notebookFromUrl();
  } catch (err) {
    if (!(err instanceof OpenError)) throw err;
    notify(err.message, "error");
    if (!initial) return;
    notebook = fallbackNotebook();
  }
  open(notebook);
}

function open(notebook) {
  current = { ...notebook };
  if (document.documentElement.dataset.kernel !== "ready") view.preview(notebook.text);
  clearTimeout(autosaveTimer);
  autosavePending = false;
  kernel.send(mode === "read" ? { type: "open", text: notebook.text, run: true } : { type: "open", text: notebook.text });
}

window.addEventListener("hashchange", () => {
  if (location.hash.startsWith("#code/")) {
    hideNotice();
    openFromUrl({ initial: false });
  }
});

// ------------------------------------------------------------------ restart
// No SharedArrayBuffer on plain static hosting, so a stuck cell cannot be
// interrupted: the remedy is a fresh worker, reopened with the cells on screen.

const STUCK_AFTER = 3000; // ms a cell runs before the restart is offered
const RESTART = { label: "Restart kernel", run: () => restartKernel() };
let running = null; // {cell, timer, notice}
let restartedNotice = 0;

function watchRunning(event) {
  if (event.type === "status" && event.status === "running") {
    stopWatching();
    running = { cell: event.cell, timer: setTimeout(offerRestart, STUCK_AFTER), notice: 0 };
  } else if ((event.type === "status" && event.cell === running?.cell) || event.type === "done") {
    stopWatching();
  }
}

function offerRestart() {
  running.notice = notify(
    "A cell has been running for more than 3 seconds. If it is stuck, restart the kernel: your code stays on screen.",
    "warning",
    { action: RESTART },
  );
}

function stopWatching() {
  if (!running) return;
  clearTimeout(running.timer);
  hideNotice(running.notice);
  running = null;
}

function restartKernel() {
  const cells = view.cells();
  stopWatching();
  hideNotice();
  kernel.restart();
  showProgress("python");
  const run = mode === "read"; // the app must run; in the editor the stuck cell would hang again
  kernel.send({ type: "open", text: current.text, run, ...(cells ? { cells } : {}) });
  view.restarted();
  if (!run) {
    restartedNotice = notify("Kernel restarted: cells are stale; run them when ready.", "info", { timeout: 0 });
    scheduleAutosave(); // edits the stuck kernel never saved
  }
}

// ------------------------------------------------------------------ chrome

async function shareLink() {
  const text = await currentText();
  const url = new URL(location.href);
  url.searchParams.delete("file");
  url.hash = `code/${compressToEncodedURIComponent(text)}`;
  history.replaceState(null, "", url);
  try {
    await navigator.clipboard.writeText(url.href);
    notify("Link copied: it contains the whole notebook.", "info");
  } catch {
    notify("The link to this notebook is now in the address bar.", "info");
  }
  return url.href;
}

async function download() {
  const text = await currentText();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "text/x-python" }));
  link.download = current.name.endsWith(".py") ? current.name : `${current.name}.py`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function newNotebook() {
  const url = new URL(location.href);
  url.searchParams.delete("file");
  url.hash = "";
  history.pushState(null, "", url.pathname + url.search);
  hideNotice();
  open({ text: NEW_NOTEBOOK, origin: newOrigin(), name: "notebook.py" });
}

$("rv-share")?.addEventListener("click", shareLink);
$("rv-download")?.addEventListener("click", download);
$("rv-new")?.addEventListener("click", newNotebook);
$("rv-restart")?.addEventListener("click", restartKernel);

const STAGES = {
  python: "Downloading and starting Python…",
  kernel: "Loading the kernel…",
  notebook: "Loading the notebook…",
};

function showProgress(stage, detail) {
  if (stage === "installed") return hideProgress();
  const text = stage === "installing" ? `Installing ${detail}…` : STAGES[stage] ?? stage;
  $("rv-boot-text").textContent = text;
  $("rv-boot").hidden = false;
}

function hideProgress() {
  $("rv-boot").hidden = true;
}

let noticeSeq = 0;

/**
 * Show a notice (one at a time), optionally with an action button. Info
 * notices go away after `timeout` ms. Returns a token for hideNotice.
 */
function notify(message, level = "info", { action, timeout = level === "info" ? 4000 : 0 } = {}) {
  const box = $("rv-notice");
  const token = ++noticeSeq;
  box.textContent = message;
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = action.label;
    button.addEventListener("click", () => {
      hideNotice(token);
      action.run();
    });
    box.append(" ", button);
  }
  box.dataset.level = level;
  box.dataset.token = token;
  box.hidden = false;
  if (timeout) setTimeout(() => hideNotice(token), timeout);
  return token;
}

/** Hide the notice; with a token, only if it is still that notice. */
function hideNotice(token) {
  const box = $("rv-notice");
  if (token === undefined || box.dataset.token === String(token)) box.hidden = true;
}

showProgress("python");
openFromUrl({ initial: true });
