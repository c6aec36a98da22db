// Rivulet's entry point and trusted layer, a small composition root. It owns
// routing (shell/routing.js), storage (shell/storage.js), `rivulet edit`'s
// save-back (shell/edit-server.js), share/download and restart. It talks to
// the notebook view and to the kernel worker only through messages: protocol
// requests go out, protocol events come in, checked (protocol.js) and only
// accepted as replies when a request asked for them. Neither the view nor
// the kernel reads storage or the URL.

import LZString from "lz-string";
import { startKernel } from "./kernel.js";
import { createReplies, request, request as protocolRequest } from "./protocol.js";
import { defineMarkdown } from "./md/index.js";
import { defineLayout } from "./layout/index.js";
import { OpenError, basename, decodeCode, route, viewOptions } from "./shell/routing.js";
import { StoreError, browserStorage, createStore } from "./shell/storage.js";
import { createLastOutputs } from "./shell/last-outputs.js";
import { createEditServer, editServerFile, editServerFolder, takeKey } from "./shell/edit-server.js";
import { hideNotice, hideProgress, notify, showProgress } from "./shell/notices.js";
import { problemsSentence } from "./shell/file-problems.js";
import { checkNotebookText, fetchNotebook } from "./shell/open-file.js";
import { recentMenu } from "./shell/recent.js";
import { openVersions } from "./shell/versions.js";
import { openKernelCache } from "./shell/kernel-cache.js";
import { dueVersions } from "./shell/version-rules.js";
import { headerMenu } from "./shell/menu.js";
import { LINK_PREFIX, LONG_LINK, decodeLink, encodeLink } from "./shell/links.js";
import { embedSnippet, reportHeight } from "./shell/embed.js";
import { NEW_NOTEBOOK } from "./shell/template.js";
import { dropStatic, exportFiles, fetchOutputs, floatProgress, readExport } from "./shell/prerender.js";
import { createViewPort } from "./shell/view-port.js";
import { registerOffline } from "./shell/offline.js";
import { createStopper, stopShortcut } from "./shell/interrupt.js";
import { DEFAULT_NAME, copyName, fileName, nameFromTitle } from "./shell/names.js";
import { loadGrid } from "./view/grid.js";
import { paletteShortcut } from "./view/palette.js";
import { defineShellCommands } from "./shell/shell-commands.js";
import { applyTheme, storedTheme } from "./shell/theme.js";

defineMarkdown();
defineLayout();
registerOffline();

const $ = (id) => document.getElementById(id);
const exported = readExport(); // a page written by `rivulet export` (else null)
if (exported) floatProgress();
const options = viewOptions(location.search, exported?.mode);
const { mode, embed } = options;
document.documentElement.dataset.mode = mode;
if (embed) document.documentElement.dataset.embed = "true";
applyTheme(options.theme ?? storedTheme()); // ?theme= for this page, else the one chosen before
if (embed) reportHeight();

const editFile = editServerFile();
const editFolder = editServerFolder(); // `rivulet edit FOLDER`
const editKey = editFile ? takeKey() : null;
const editServer = editFile ? createEditServer(editFile, editKey, { notify, hideNotice, folder: editFolder }) : null;
const store = createStore();
// The outputs of the last run of each notebook, shown before Python boots next time.
const lastOutputs = createLastOutputs(browserStorage(), () => [store.current(), ...store.previous()].filter(Boolean).map((e) => e.origin));

// ------------------------------------------------------------------ kernel
// Started first thing: Pyodide's download is the long pole.

const replies = createReplies();
const view = createViewPort({
  root: $("rv-notebook"),
  send: sendFromView,
  notify,
  mode,
  showCode: options.showCode,
  includeCode: options.includeCode,
  onShown: () => dropStatic(), // an export's static layer gives way to the view
});
const kernel = startKernel({
  mode,
  queryParams: Object.fromEntries(new URLSearchParams(location.search)),
  files: exported ? exportFiles(exported) : null,
  cache: openKernelCache(() => current.origin),
  onInput: (asked) => view.ask(asked, (text) => kernel.answer(asked.id, text)),
  onEvent: receive,
  onProgress: showProgress,
  onReady: () => showProgress("notebook"),
  onDead: (message) => {
    hideProgress();
    stopWatching(); // the "is it stuck?" notice gives way to what happened
    view.kernelLost(); // cells it was running or about to run wait for a restart
    notify(message, "error", { action: RESTART });
  },
});

function send(fields) {
  const message = request(fields);
  replies.sent(message);
  lastOutputs.sent(message);
  const sent = kernel.send(message);
  if (sent) stopper.sent();
  return sent;
}

function sendFromView(request) {
  if (request.type === "interrupt") return stopper.stop();
  if (request.type === "complete") return kernel.send(protocolRequest(request)); // a query: no done, no autosave
  if (request.type === "run") hideNotice(restartedNotice);
  send(request);
  if (request.type === "set_config" && typeof request.settings?.app_title === "string") {
    current.title = request.settings.app_title.slice(0, 100);
    showName();
  }
  if (["run", "set_cells", "packages"].includes(request.type) || request.settings) scheduleAutosave();
}

// ------------------------------------------------------------------ events

const fileWaiters = [];
// The notebook open in this page: {text, origin, name, source, openedAt, stored}
// (`stored`: the text this page last read from or wrote to storage for it).
let current = { text: "", origin: "", name: DEFAULT_NAME, source: "new", openedAt: 0 };
const saves = []; // the notebook each pending `save` request was sent for, oldest first

function receive(event) {
  if (!replies.accept(event)) {
    console.warn(`rivulet: dropped an unrequested "${event.type}" event from the kernel`);
    return;
  }
  watchRunning(event);
  stopper.event(event);
  lastOutputs.event(event);
  switch (event.type) {
    case "notebook":
      hideProgress();
      if ((event.problems ?? []).some((p) => /kept as one cell/.test(p.message ?? ""))) {
        notify("This file is not a marimo notebook: it opens as one cell.", "warning");
      } else if (problemsSentence(event.problems)) {
        notify(problemsSentence(event.problems), "info", { timeout: 10000 });
      }
      current.title = typeof event.app?.app_title === "string" ? event.app.app_title.slice(0, 100) : "";
      if (current.title && current.name === DEFAULT_NAME && current.source !== "edit") {
        current.name = nameFromTitle(current.title);
      }
      showName();
      break;
    case "file": {
      const notebook = saves.shift() ?? current; // replies come in request order
      notebook.text = event.text;
      if (notebook.dirty) {
        notebook.dirty = false;
        autosave(notebook);
        if (notebook === current) editServer?.save(event.text);
      }
      if (notebook === current) for (const resolve of fileWaiters.splice(0)) resolve(event.text);
      break;
    }
    case "error":
      console.warn("rivulet kernel:", event.message);
      if (typeof event.settings?.app_title === "string") {
        current.title = event.settings.app_title.slice(0, 100); // a refused settings change: the file's title
        showName();
      }
      break;
  }
  view.handle(event);
}

/** The current notebook file text, from the kernel (or the last known text). */
function currentText() {
  if (kernel.dead) return Promise.resolve(current.text);
  return new Promise((resolve) => {
    fileWaiters.push(resolve);
    requestSave();
    setTimeout(() => resolve(current.text), 3000);
  });
}

function requestSave() {
  saves.push(current);
  send({ type: "save" });
}

/** Autosave the open notebook's latest edits now (before another notebook replaces it). */
async function flush() {
  view.flush();
  clearTimeout(autosaveTimer);
  if (current.dirty) await currentText();
}

// ------------------------------------------------------------------ storage
// A notebook is autosaved only after the person at the keyboard touched it:
// a link cannot fill this browser's storage, or push the user's notebooks
// out of it, by merely being opened.

let autosaveTimer = 0;
let lastGesture = -1;
let storeWarned = false;
for (const type of ["keydown", "pointerdown"]) {
  document.addEventListener(type, (e) => e.isTrusted && (lastGesture = performance.now()), true);
}

const AUTOSAVE_DELAY = 250; // ms after the view sent an edit (it holds typing back 300 ms): saved within a second

function scheduleAutosave() {
  if (mode === "read") return;
  current.dirty = true;
  clearTimeout(autosaveTimer);
  autosaveTimer = setTimeout(requestSave, AUTOSAVE_DELAY);
}

function autosave(notebook = current) {
  if (lastGesture < notebook.openedAt) return;
  if (conflict && conflict.notebook === notebook) return; // another tab changed it: the user decides first
  try {
    store.save(notebook);
    notebook.stored = notebook.text;
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    if (!storeWarned) notify(err.message, "warning");
    storeWarned = true;
    return;
  }
  recordVersions(notebook);
}

// ------------------------------------------------------------------ history
// Recent versions of each notebook, in IndexedDB (shell/versions.js, rules in
// shell/version-rules.js): written only here in the trusted page, and only
// after an autosave (so after a gesture, under the same caps as autosave).

const versions = openVersions();
const seenVersions = new Map(); // origin -> what this page recorded for it
let historyOffTold = false;

async function recordVersions(notebook) {
  const { record, seen } = dueVersions(notebook, seenVersions.get(notebook.origin), Date.now());
  seenVersions.set(notebook.origin, seen);
  if (!record.length) return;
  if (!(await versions.available())) return historyOff();
  for (const { text, reason } of record) await keepVersion({ ...notebook, text }, reason);
}

/** Keep a version; a failure (quota) never stops editing. */
async function keepVersion(notebook, reason) {
  try {
    return await versions.add(notebook, reason);
  } catch (err) {
    console.warn("rivulet: a version could not be kept", err);
    return null;
  }
}

const HISTORY_OFF_TOLD = "rivulet:history-off-told";
function historyOff() {
  if (historyOffTold) return;
  historyOffTold = true;
  try {
    if (localStorage.getItem(HISTORY_OFF_TOLD)) return;
    localStorage.setItem(HISTORY_OFF_TOLD, "1");
  } catch {
    // no localStorage either: told once per page
  }
  notify("Version history is off in this window: this browser does not let the site keep it (a private window?). Autosave still keeps your latest edits.", "warning", { timeout: 12000 });
}

/** Replace the open notebook's text by `version`'s; the text replaced becomes a version first (undoable). */
async function restoreVersion(version) {
  if (version.origin !== current.origin) return;
  view.flush();
  clearTimeout(autosaveTimer);
  const before = { ...current, text: await currentText() };
  await keepVersion(before, "before-restore");
  const restored = { text: version.text, origin: current.origin, name: current.name, source: current.source };
  hideNotice();
  open(restored);
  lastGesture = performance.now(); // the user chose to restore: store it (and save it back under `rivulet edit`)
  current.dirty = true;
  requestSave();
  notify(`Restored the version of ${new Date(version.savedAt ?? Date.now()).toLocaleString()}.`, "info", {
    timeout: 15000,
    action: { label: "Undo", run: () => restoreVersion({ ...before, savedAt: Date.now() }) },
  });
}

// the dialog is loaded when first asked for
let historyDialog = null;
const showHistory = async () => {
  if (mode === "read") return;
  view.flush();
  historyDialog ??= import("./shell/history-panel.js").then(({ historyPanel }) =>
    historyPanel({ versions, currentText, name: () => current.name, onRestore: restoreVersion }),
  );
  (await historyDialog).open(() => current.origin);
};

// ------------------------------------------------------------------ routing

const newOrigin = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const fresh = (origin = newOrigin()) => ({ text: NEW_NOTEBOOK, origin, name: DEFAULT_NAME, source: "new", fresh: true });
const fromEntry = (saved) => ({ text: saved.text, origin: saved.origin, name: saved.name || DEFAULT_NAME, source: saved.source ?? "edit" });

function lastNotebook() {
  const saved = store.current();
  return saved ? fromEntry(saved) : fresh();
}

/**
 * A notebook from a link or a file URL, or the edits made to it in this
 * browser before (one entry per origin): a reload never drops them. The
 * original stays one click away.
 */
function withEdits(notebook) {
  const saved = store.get(notebook.origin);
  if (!saved || saved.text === notebook.text) return notebook;
  return { ...fromEntry(saved), source: notebook.source, restored: { original: notebook, savedAt: saved.savedAt } };
}
// A link opens as it is, as a notebook of its own; a reload of that page
// (history.state keeps its origin) brings back the edits made there.
const reloadedOrigin = (initial) => (initial ? history.state?.origin : null);
const linkNotebook = (text, initial) => {
  const notebook = { text, origin: newOrigin(), name: DEFAULT_NAME, source: "link" };
  const origin = reloadedOrigin(initial);
  return origin ? withEdits({ ...notebook, origin }) : notebook;
};

/** Resolve the notebook the URL asks for: {text, origin, name, source}. */
async function notebookFromUrl(initial) {
  const asked = route(location.href, { editFile, exported });
  switch (asked.kind) {
    case "exported":
      return { text: asked.text, origin: `export:${location.pathname}`, name: asked.name, source: "export", run: true, outputs: exported.cells };
    case "link":
      return linkNotebook(await linkText(asked.payload), initial);
    case "new": {
      // a reload then reopens what you did with it, not yet another new notebook
      const url = new URL(location.href);
      url.searchParams.delete("new");
      history.replaceState(history.state, "", url);
      return fresh();
    }
    case "code":
      return linkNotebook(decodeCode(asked.payload), initial);
    case "text":
      return linkNotebook(checkNotebookText(asked.text, "the link"), initial);
    case "file": {
      const [text, outputs] = await Promise.all([fetchNotebook(asked.file), fetchOutputs(asked.file)]);
      const url = new URL(asked.file, location.href).href; // its layout file is relative to it
      const notebook = withEdits({ text, origin: `file:${url}`, name: basename(asked.file), source: "link" });
      return notebook.restored ? { ...notebook, url } : { ...notebook, outputs, url }; // outputs of the file as built, not of your edits
    }
    case "edit":
      return editNotebook(asked);
    default: {
      // a reload after New or Recent reopens that notebook, not the last one saved
      const origin = reloadedOrigin(initial);
      const saved = origin ? store.get(origin) : null;
      if (saved) return fromEntry(saved);
      return origin && history.state.fresh ? fresh(origin) : lastNotebook();
    }
  }
}

async function linkText(payload) {
  let text;
  try {
    text = await decodeLink(payload);
  } catch {
    throw new OpenError("This link's notebook could not be decoded (the #nb/ part of the URL is damaged or truncated).");
  }
  return checkNotebookText(text, "the link");
}

async function editNotebook(asked) {
  if (asked.refused) {
    notify(
      "This is `rivulet edit`'s server: it only opens the file it edits. Open links and other notebooks on the Rivulet site instead.",
      "error",
    );
  }
  if (editServer.listing) {
    const { showFolder } = await import("./shell/edit-folder.js");
    showFolder({ listUrl: editFolder, key: editKey, notify });
    return null; // the folder's list, no notebook
  }
  let text;
  try {
    text = await editServer.read();
  } catch (err) {
    throw new OpenError(err.message);
  }
  if (editFolder) import("./shell/edit-folder.js").then(({ folderLink }) => folderLink());
  const origin = editFolder ? `edit:${location.host}/${editServer.path}` : `edit:${location.host}`;
  return { text, origin, name: editServer.name, source: "edit" };
}

// `rivulet edit`: the file changed on disk (shell/edit-server.js watches it).
// The text open here becomes a version first: reloading loses nothing.
async function reloadFromDisk() {
  view.flush();
  clearTimeout(autosaveTimer);
  await keepVersion({ ...current, text: await currentText() }, "before-disk-reload");
  let notebook;
  try {
    notebook = await editNotebook({});
  } catch (err) {
    return notify(err.message, "error");
  }
  hideNotice();
  open(notebook);
}
editServer?.watch({
  reload: reloadFromDisk,
  keep: (text, reason) => keepVersion({ ...current, text }, reason),
  currentText,
});

/** Open what the URL asks for. On bad input, say so and keep what is open (or the autosave). */
async function openFromUrl({ initial }) {
  let notebook;
  try {
    notebook = await notebookFromUrl(initial);
  } catch (err) {
    if (!(err instanceof OpenError)) throw err;
    notify(err.message, "error");
    if (!initial) return;
    if (editServer) return hideProgress(); // never another notebook in the edit server's page
    notebook = lastNotebook();
  }
  if (!notebook) return hideProgress(); // `rivulet edit FOLDER`'s list
  open(notebook);
}

function open(notebook) {
  const { restored, outputs, ...rest } = notebook;
  current = { ...rest, openedAt: performance.now(), stored: notebook.text, openedText: notebook.text };
  conflict = null;
  hideNotice(conflictNotice);
  history.replaceState({ ...history.state, origin: current.origin, fresh: !!current.fresh }, "");
  showName();
  view.opened();
  if (restored) tellRestored(restored);
  if (document.documentElement.dataset.kernel !== "ready") {
    const shown = outputs ?? lastOutputs.recall(notebook.text);
    if (shown) floatProgress(); // the boot progress must not push the outputs down, then back up
    view.preview(notebook.text, shown ?? null);
  }
  lastOutputs.track(notebook);
  clearTimeout(autosaveTimer);
  const run = mode === "read" || notebook.run === true; // an export runs in the editor too: its outputs are on screen
  send(run ? { type: "open", text: notebook.text, run: true } : { type: "open", text: notebook.text });
  if (mode === "read") showGrid(current);
  openedSearch = location.search;
}
let openedSearch = location.search; // the query of the URL the open notebook came from

/** The app view on marimo's grid layout, if the notebook has one (else it stays vertical). */
async function showGrid(opened) {
  const inline = opened.source === "export" ? exported?.layout : null;
  const grid = await loadGrid({ text: opened.text, base: opened.url ?? null, inline });
  if (opened === current) view.setGrid(grid);
}

function tellRestored({ original, savedAt }) {
  const when = savedAt ? ` (saved ${new Date(savedAt).toLocaleString()})` : "";
  notify(`Your edits to ${current.name}${when} are back: they were kept in this browser.`, "info", {
    timeout: 15000,
    action: {
      label: "Open the original",
      run: () => {
        // the edits stay in Recent, as a copy
        const edits = { ...current, origin: newOrigin(), name: copyName(current.name) };
        keep(() => store.put(edits));
        keep(() => store.remove(current.origin));
        open(original);
      },
    },
  });
}

function keep(write) {
  try {
    write();
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    notify(err.message, "warning");
  }
}

let routedHref = ""; // a Back/Forward already opened this URL (hashchange fires too)
window.addEventListener("hashchange", async () => {
  if (location.href === routedHref) return;
  if (location.hash.startsWith("#code/") || location.hash.startsWith(`#${LINK_PREFIX}/`)) {
    hideNotice();
    await flush();
    openFromUrl({ initial: false });
  }
});

// Back and Forward reopen the notebook each history entry showed.
window.addEventListener("popstate", async (e) => {
  if (editServer) return;
  // a fragment the notebook itself set (mo.routes, an anchor link) is not another notebook
  const notebookHash = location.hash.startsWith("#code/") || location.hash.startsWith(`#${LINK_PREFIX}/`);
  if (!e.state?.origin && !notebookHash && location.search === openedSearch) return;
  routedHref = location.href;
  setTimeout(() => (routedHref = ""), 0);
  const origin = e.state?.origin;
  if (origin && origin === current.origin) return;
  hideNotice();
  await flush();
  const saved = origin ? store.get(origin) : null;
  if (saved) return open(fromEntry(saved));
  if (origin && e.state.fresh) return open(fresh(origin));
  openFromUrl({ initial: false });
});

// ------------------------------------------------------------------ other tabs
// Two tabs on one notebook share its storage entry. When another tab writes
// it, this one stops autosaving it and asks: reload theirs, or keep this
// tab's version as a copy. Nothing is overwritten without a word.

let conflict = null; // {notebook}
let conflictNotice = 0;
window.addEventListener("storage", (e) => {
  if (e.storageArea !== localStorage || (e.key !== null && !e.key.startsWith("rivulet:autosave"))) return;
  if (mode === "read" || editServer || !current.origin || conflict) return;
  const theirs = store.get(current.origin);
  if (!theirs || theirs.text === current.stored || theirs.text === current.text) return;
  conflict = { notebook: current };
  conflictNotice = notify(`${current.name} was changed in another tab. This tab stopped saving it.`, "warning", {
    actions: [
      {
        label: "Reload theirs",
        run: async () => {
          const mine = conflict.notebook;
          await keepVersion({ ...mine, text: mine === current ? await currentText() : mine.text }, "before-reload");
          open(fromEntry(store.get(mine.origin) ?? theirs));
        },
      },
      {
        label: "Keep mine as a copy",
        run: async () => {
          const mine = conflict.notebook;
          conflict = null;
          mine.origin = newOrigin();
          mine.name = copyName(mine.name);
          mine.source = "edit";
          history.replaceState({ ...history.state, origin: mine.origin, fresh: false }, "");
          showName();
          mine.text = await currentText();
          keep(() => store.save(mine));
          mine.stored = mine.text;
          notify(`Your version is now ${mine.name} (in Recent).`, "info");
        },
      },
    ],
  });
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
  const run = mode === "read"; // the app must run; in the editor the stuck cell would hang again
  reopenInNewKernel(run);
  if (!run) {
    restartedNotice = notify("Kernel restarted: cells are stale; run them when ready.", "info", { timeout: 0 });
    scheduleAutosave(); // edits the stuck kernel never saved
  }
}

// ------------------------------------------------------------------ stop
// Stop buttons and Ctrl/Cmd+. interrupt (shell/interrupt.js); a cell that does
// not stop is force-stopped: a fresh worker, the cells on screen reopened,
// the values that were lost computed again (not the stopped cell's descendants).

const stopper = createStopper({ kernel, onForce: forceStop });
stopShortcut(() => stopper.stop());

/** A fresh worker with the cells on screen (edits included); returns them. */
function reopenInNewKernel(run) {
  const cells = view.cells();
  stopWatching();
  hideNotice();
  replies.reset();
  saves.length = 0;
  kernel.restart();
  stopper.reset();
  showProgress("python");
  send({ type: "open", text: current.text, run, ...(cells ? { cells } : {}) });
  view.restarted();
  return cells;
}

function forceStop({ stopped, rerun }) {
  const cells = reopenInNewKernel(false);
  scheduleAutosave(); // edits the stuck kernel never saved
  const again = (cells ?? []).filter((c) => rerun.includes(c.id)).map((c) => ({ id: c.id, code: c.code }));
  if (again.length) {
    // lazy: the cells themselves (and stale ancestors), not their descendants
    send({ type: "set_config", on_cell_change: "lazy" });
    send({ type: "run", cells: again });
    send({ type: "set_config", on_cell_change: view.settings()?.on_cell_change ?? "autorun" }); // the notebook's own mode
  }
  const interrupted = {
    kind: "exception",
    message: "KeyboardInterrupt: the cell did not stop, so the kernel was restarted",
    names: [],
    cells: [],
    line: null,
  };
  const mark = () => {
    for (const id of stopped) {
      view.handle({ type: "output", cell: id, output: null, error: interrupted, run: "error" });
      view.handle({ type: "status", cell: id, status: "error" });
    }
  };
  mark();
  stopper.afterDone(again.length ? 4 : 1, mark); // after the reopened kernel marked every cell stale
  notify(
    again.length
      ? `The cell did not stop: the kernel was restarted, and ${again.length} cell${again.length > 1 ? "s" : ""} ran again to restore their values.`
      : "The cell did not stop: the kernel was restarted.",
    "info",
  );
}

// ------------------------------------------------------------------ chrome

/** A link that carries the whole notebook: the editor's, or the app view's. */
async function notebookLink(view) {
  const text = await currentText();
  const url = new URL(location.href);
  for (const name of ["file", "save", "code", "new", "mode", "embed"]) url.searchParams.delete(name);
  if (view === "app" || view === "embed") url.searchParams.set("mode", "read");
  if (view === "embed") url.searchParams.set("embed", "true");
  url.hash = view === "marimo" ? `code/${LZString.compressToEncodedURIComponent(text)}` : `${LINK_PREFIX}/${await encodeLink(text)}`;
  return url;
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    notify(`${what} copied.`, "info");
    return true;
  } catch {
    return false;
  }
}

async function share(view) {
  if (editServer) {
    // the edit server's origin opens no links: share from the site instead
    return notify("Copy the notebook with Download .py, or share it from the Rivulet site.", "info");
  }
  const url = await notebookLink(view);
  if (view === "embed") {
    if (!(await copy(embedSnippet(url.href), "Embed snippet"))) notify(embedSnippet(url.href), "info", { timeout: 0 });
    return;
  }
  if (view === "edit" || view === "marimo") history.replaceState(null, "", url);
  if (url.href.length > LONG_LINK) {
    notify(
      `This link is ${url.href.length.toLocaleString()} characters long: some apps cut links that long. ` +
        "To share a large notebook, send the .py file (Download .py), or host it and share ?file=<its URL>.",
      "warning",
      { timeout: 0 },
    );
    await copy(url.href, "Link");
    return;
  }
  if (!(await copy(url.href, view === "app" ? "App link (it contains the whole notebook)" : "Link (it contains the whole notebook)"))) {
    notify("The link to this notebook is now in the address bar.", "info");
  }
}

async function download() {
  const text = await currentText();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "text/x-python" }));
  link.download = fileName(current.name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** A new history entry for notebook `notebook` (Back returns to the one open now). */
function pushNotebook(notebook) {
  const url = new URL(location.href);
  for (const name of ["file", "code", "new"]) url.searchParams.delete(name);
  url.hash = "";
  history.pushState({ origin: notebook.origin, fresh: !!notebook.fresh }, "", url.pathname + url.search);
}

async function newNotebook() {
  if (editServer) return notify("`rivulet edit` edits one file: run `rivulet new` in a terminal for another.", "info");
  await flush(); // the notebook open now stays in Recent with its last edit
  const notebook = fresh();
  pushNotebook(notebook);
  hideNotice();
  open(notebook);
}

/** Open a notebook from the Recent menu; the current one takes its place there. */
async function openRecent(origin) {
  await flush();
  const entry = store.get(origin);
  if (!entry) return notify("That notebook is no longer stored in this browser.", "warning");
  const notebook = fromEntry(entry);
  pushNotebook(notebook);
  hideNotice();
  keep(() => store.save(notebook));
  open(notebook);
}

// ------------------------------------------------------------------ name
// The notebook's name, shown in the header and editable: it names downloads.

function showName() {
  // the tab says which notebook this is: its title, else its name
  const label = current.title || (current.name !== DEFAULT_NAME ? current.name : "");
  document.title = label ? `${label} · Rivulet` : "Rivulet";
  const input = $("rv-name");
  if (!input) return;
  if (document.activeElement !== input) input.value = current.name;
  input.readOnly = !!editServer || mode === "read";
  input.title = editServer ? "The file `rivulet edit` saves to" : "The notebook's name: downloads are saved under it";
}

function rename(value) {
  const name = fileName(value);
  if (name === current.name) return showName();
  current.name = name;
  showName();
  if (current.stored !== undefined && lastGesture >= current.openedAt && current.text) keep(() => store.save(current));
}

// Ctrl/Cmd+S saves: to the file under `rivulet edit`, else into this browser
// (and says where, with Download one click away) — never the browser's "Save page".
async function saveNow() {
  if (mode === "read") return;
  view.flush();
  clearTimeout(autosaveTimer);
  const text = await currentText();
  if (editServer) {
    if (await editServer.save(text)) notify(`Saved to ${editServer.name}.`, "info");
    return;
  }
  lastGesture = performance.now();
  current.dirty = false;
  autosave(current);
  if (current.stored === text) {
    notify(`Saved in this browser as ${current.name} (Recent lists it). For a file, download it.`, "info", {
      timeout: 8000,
      action: { label: "Download .py", run: download },
    });
  }
}
document.addEventListener(
  "keydown",
  (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      saveNow();
    }
  },
  true,
);

// The header wraps to more rows on narrow screens: the side panel starts below it.
if ($("rv-header") && typeof ResizeObserver === "function") {
  new ResizeObserver(([entry]) => {
    document.documentElement.style.setProperty("--rv-header-h", `${Math.ceil(entry.target.getBoundingClientRect().height)}px`);
  }).observe($("rv-header"));
}

$("rv-name")?.addEventListener("change", (e) => rename(e.target.value));
$("rv-name")?.addEventListener("keydown", (e) => {
  if (e.key === "Enter") e.target.blur();
  if (e.key === "Escape") (e.target.value = current.name), e.target.blur();
});

headerMenu({
  button: $("rv-share"),
  label: "Share",
  items: () => [
    { label: "Copy link", detail: "opens the editor on this notebook", run: () => share("edit") },
    { label: "Copy app link", detail: "outputs only, code hidden", run: () => share("app") },
    { label: "Copy embed snippet", detail: "an <iframe> for your page", run: () => share("embed") },
    { label: "Copy marimo.app link", detail: "#code/, opens in marimo too", run: () => share("marimo") },
  ],
});
$("rv-download")?.addEventListener("click", download);
$("rv-new")?.addEventListener("click", newNotebook);
$("rv-restart")?.addEventListener("click", restartKernel);
// The app view and the editor link to each other; each shows only its own actions.
function viewChrome() {
  const read = mode === "read";
  for (const id of read ? ["rv-new", "rv-restart", "rv-recent", "rv-notebooks", "rv-history", "rv-settings"] : ["rv-code-toggle"]) $(id)?.remove();
  if (!options.includeCode) $("rv-code-toggle")?.remove();
  const toggle = $("rv-code-toggle");
  toggle?.setAttribute("aria-pressed", String(options.showCode));
  toggle?.addEventListener("click", () => toggle.setAttribute("aria-pressed", String(view.toggleCode())));
  const other = $("rv-view-switch");
  if (!other) return;
  if (exported || editServer) return other.remove(); // one notebook, one view
  other.textContent = read ? "Edit a copy" : "App view";
  other.title = read ? "Open this notebook in the editor (your edits stay in this browser)" : "See this notebook as an app: outputs only";
  other.addEventListener("click", async () => {
    if (!read) return location.assign(await notebookLink("app"));
    const url = new URL(location.href);
    url.searchParams.delete("mode");
    url.searchParams.delete("embed");
    location.assign(url);
  });
}
viewChrome();
if (options.unknownMode) notify(`Unknown mode “${options.unknownMode.slice(0, 40)}”: showing the editor (modes: edit, read).`, "warning");

if (!editServer) recentMenu({ button: $("rv-recent"), store, onOpen: openRecent, openNow: () => current.origin });
else $("rv-recent")?.remove();

// ------------------------------------------------------------------ notebooks
// Every notebook stored in this browser: open, rename, duplicate, delete (undoable).

const notebookActions = {
  store,
  notify,
  openNow: () => current.origin,
  actions: {
    open: (origin) => origin !== current.origin && openRecent(origin),
    rename(origin, name) {
      if (origin === current.origin) return rename(name);
      const entry = store.get(origin);
      if (entry) keep(() => store.put({ ...entry, name }));
    },
    duplicate(origin) {
      const entry = store.get(origin);
      if (!entry) return null;
      const copy = { text: entry.text, origin: newOrigin(), name: copyName(entry.name), source: "edit" };
      keep(() => store.put(copy));
      return copy.origin;
    },
    remove: (origin) => store.remove(origin),
    restore: (entry) => keep(() => store.put(entry)),
    forget: () => forgetVersions(),
  },
};
let notebooksDialog = null; // loaded when first asked for
async function showNotebooks() {
  notebooksDialog ??= import("./shell/notebook-list.js").then(({ notebookList }) => notebookList(notebookActions));
  (await notebooksDialog).open();
}

/** Drop the versions of notebooks no longer stored (deleted, or evicted by autosave's caps). */
function forgetVersions() {
  const origins = [current.origin, ...store.entries().map((e) => e.origin)];
  versions.keepOnly(origins).catch(() => {});
}

if (mode !== "read") {
  $("rv-settings")?.addEventListener("click", () => view.openSettings());
  paletteShortcut();
  defineShellCommands({ save: saveNow, share });
  $("rv-history")?.addEventListener("click", showHistory);
  if (editServer) $("rv-notebooks")?.remove();
  else $("rv-notebooks")?.addEventListener("click", showNotebooks);
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === "h") {
      e.preventDefault();
      showHistory();
    }
  });
}

showProgress("python");
openFromUrl({ initial: true }).then(() => mode !== "read" && !editServer && forgetVersions());
