// The notebook view: renders kernel events, turns edits into protocol requests.
// It never touches storage or the URL; it only calls `send`.
import "../style.css";
import { Cell, openEditors } from "./cell.js";
import { newCellId } from "./ids.js";
import { icons } from "./icons.js";
import { coalesce, defineWidgets, receiveMessage, receiveValue } from "../widgets/index.js";
import { markdownOfCell } from "../md/preview.js";
import { appWidth, splitCells } from "./file-cells.js";
import { packagesPanel } from "./packages.js";
import { commandMode } from "./commands.js";
import { showShortcuts } from "./shortcuts.js";
import { importsMo, wrapMarkdown } from "./markdown-cell.js";
import { sidePanel } from "./side-panel.js";
import { applyGrid } from "./grid.js";
import { createAssist } from "./assist.js";
import { DEFAULT_SETTINGS, openSettings, settingsOf, showRefusal } from "./settings.js";
import { defineNotebookCommands } from "./notebook-commands.js";

const PREVIEW = "preview-"; // id prefix of cells shown before the kernel read the file
const escapeAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/\n/g, "&#10;");

const SYNC_DELAY = 300; // ms after the last keystroke before unrun edits reach the kernel (and autosave)

/**
 * Mount the notebook view in `root`. Its whole interface to the shell:
 * `send(request)` to the kernel, `notify(message, level, {action, timeout})`
 * for the shell's notices; the returned object takes the kernel's events.
 */
export function mountNotebook(root, { send, notify, mode = "edit", showCode = false, includeCode = true }) {
  defineWidgets();
  const widgets = coalesce(send); // latest value per widget while the kernel is busy
  root.addEventListener("rv-ui-value", (e) => widgets.send({ type: "set_ui_value", widget: e.detail.id, value: e.detail.value }));
  root.addEventListener("rv-ui-message", (e) => widgets.send({ type: "ui_message", widget: e.detail.id, content: e.detail.content }));
  const nb = new Notebook(root, send, mode === "read" ? "read" : "edit");
  nb.notify = notify ?? ((message) => console.warn(message));
  nb.includeCode = includeCode;
  nb.showCode = showCode && includeCode;
  return {
    /** App view: show or hide the cells' code (never when the URL said include-code=false). */
    toggleCode() {
      if (!nb.includeCode) return false;
      nb.showCode = !nb.showCode;
      for (const cell of nb.cells) cell.showSource(nb.showCode);
      return nb.showCode;
    },
    handle(event) {
      widgets.receive(event);
      nb.handle(event);
      if (event.type === "done") openEditors(); // the first run is done: the editors' turn
    },
    /** Show a notebook file's cells before the kernel has read it (with an export's
     *  pre-rendered outputs, one per cell in file order); settles once they are on screen. */
    preview(text, outputs = null) {
      return nb.preview(text, outputs);
    },
    /** The cells as on screen, edits included: [{id, name, code, config, kind}]; null before the kernel named them. */
    cells() {
      return nb.snapshot();
    },
    /** The kernel was restarted: widget values in flight to the old one will never be answered. */
    /** A running cell asks for input (its input()); false when there is no such cell. */
    ask(cellId, prompt, answer) {
      const cell = nb.byId.get(cellId);
      cell?.askInput(prompt, answer);
      return !!cell;
    },
    /** App view: marimo's grid layout (view/grid.js parseGrid), or null for the vertical one. */
    setGrid(grid) {
      if (!grid && !nb.grid) return; // nothing changes: no relayout (it would move live outputs)
      nb.grid = grid;
      nb.layout();
    },
    /** The kernel died: the cells it was running or about to run wait (stale) for a restart. */
    kernelLost() {
      openEditors();
      for (const cell of nb.cells) if (["running", "queued"].includes(cell.root.dataset.status)) cell.setStatus("stale");
    },
    restarted() {
      widgets.reset();
      nb.keepEdits = true; // the reopened kernel echoes the cells on screen
    },
    /** Another notebook was opened in this page: the print log starts empty. */
    opened() {
      nb.side?.opened();
    },
    /** The notebook's settings: {width, app_title, on_cell_change, auto_instantiate}. */
    settings() {
      return nb.settings;
    },
    openSettings() {
      nb.openSettings();
    },
    /** Send held-back edits to the kernel now (another notebook is about to open). */
    flush() {
      nb.flushSync();
    },
  };
}

const outputKey = (bundle, error) => JSON.stringify([bundle && Object.keys(bundle).length ? bundle : null, error ?? null]);

/** Whether an output event repeats the export's pre-rendered output of that cell (asked once per cell). */
function samePrerendered(cell, event) {
  if (cell.prerendered === undefined) return false;
  if (event.run === "running") {
    delete cell.prerendered; // an output shown mid-run replaces the pre-rendered one: the final one must be drawn
    return false;
  }
  const same = cell.prerendered === outputKey(event.output, event.error);
  delete cell.prerendered;
  return same;
}

class Notebook {
  constructor(root, send, mode) {
    this.send = send;
    this.mode = mode;
    this.cells = [];
    this.byId = new Map();
    this.app = {};
    this.settings = { ...DEFAULT_SETTINGS };
    this.syncTimer = null;
    this.root = root;
    root.classList.add("rv-notebook");
    root.dataset.mode = mode;
    root.dataset.width = "compact";
    this.list = document.createElement("div");
    this.list.className = "cells";
    if (mode === "edit") this.packages = packagesPanel(send);
    if (mode === "edit") this.side = sidePanel({ cells: () => this.cells, goto: (id) => this.goto(id) });
    if (mode === "edit") root.append(this.toolbar(), this.packages.panel, this.side.panel);
    root.append(this.list);
    if (mode === "edit") root.append(this.addButton());
    this.assist = mode === "edit" ? createAssist(send) : null; // completion, signatures, docs
    this.actions = this.cellActions();
    this.deleted = []; // [{index, data}] newest last: "z" in command mode restores
    if (mode === "edit") commandMode(this);
    if (mode === "edit") defineNotebookCommands(this);
    if (mode === "edit") this.dragAndDrop();
  }

  // -- chrome ---------------------------------------------------------------------
  toolbar() {
    const bar = document.createElement("div");
    bar.className = "nb-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Notebook actions");
    const runAll = document.createElement("button");
    runAll.type = "button";
    runAll.className = "run-all";
    runAll.setAttribute("aria-label", "Run all cells");
    runAll.title = "Run all cells (Ctrl/Cmd+Shift+R)";
    runAll.innerHTML = `${icons.runAll}<span>Run all</span>`;
    runAll.addEventListener("click", () => this.run(this.cells));
    const stop = document.createElement("button");
    stop.type = "button";
    stop.className = "stop";
    stop.setAttribute("aria-label", "Stop");
    stop.title = "Stop the running cell (Ctrl/Cmd+.)";
    stop.textContent = "Stop";
    stop.addEventListener("click", () => this.send({ type: "interrupt" }));
    const runStale = document.createElement("button");
    runStale.type = "button";
    runStale.className = "run-stale";
    runStale.dataset.runStale = "";
    runStale.hidden = true;
    runStale.title = "Run the cells marked stale (their inputs changed, or they have not run yet)";
    runStale.textContent = "Run stale";
    runStale.addEventListener("click", () => this.runStale());
    this.staleButton = runStale;
    new MutationObserver(() => this.refreshStale()).observe(this.list, { subtree: true, childList: true, attributeFilter: ["data-status"] });
    const keysButton = document.createElement("button");
    keysButton.type = "button";
    keysButton.className = "keys-toggle";
    keysButton.setAttribute("aria-label", "Keyboard shortcuts");
    keysButton.title = "Keyboard shortcuts (? in command mode)";
    keysButton.textContent = "⌨";
    keysButton.addEventListener("click", () => showShortcuts(this.root));
    bar.append(keysButton, this.side.toggle, this.packages.toggle, runAll, runStale, stop);
    return bar;
  }

  addButton() {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "add-cell-end";
    b.setAttribute("aria-label", "Add cell at end");
    b.innerHTML = `${icons.plus}<span>Add cell</span>`;
    b.addEventListener("click", () => this.add(this.cells.length).focus());
    const md = b.cloneNode(true);
    md.setAttribute("aria-label", "Add markdown cell at end");
    md.lastChild.textContent = "Markdown";
    md.addEventListener("click", () => this.addMarkdown(this.cells.length));
    const row = document.createElement("div");
    row.className = "add-cell-row";
    row.append(b, md);
    return row;
  }

  // -- kernel events ------------------------------------------------------------------
  handle(event) {
    switch (event.type) {
      case "notebook":
        return this.load(event);
      case "status":
        if (event.status === "running") this.side?.running();
        return this.byId.get(event.cell)?.setStatus(event.status);
      case "output": {
        const cell = this.byId.get(event.cell);
        if (cell && samePrerendered(cell, event)) return; // an export's output, already on screen: no flash
        return cell?.setOutput(event.output, event.error, this.errorContext());
      }
      case "console":
        this.side?.printed(event);
        return this.byId.get(event.cell)?.appendConsole(event.stream, event.text);
      case "graph":
        for (const g of event.cells ?? []) this.byId.get(g.id)?.setGraph(g);
        return;
      case "packages":
        return this.packages?.handle(event);
      case "variables":
        this.assist?.setNames(event.variables);
        return this.side?.variables(event.variables);
      case "completions":
        return this.assist?.receive(event);
      case "ui_value":
        return receiveValue(event.widget, event.value);
      case "ui_message":
        return receiveMessage(event.widget, event.content);
      case "error":
        if (this.assist?.receive(event)) return; // a complete request it could not read
        if (event.settings) return this.settingsRefused(event);
        this.notify(`The kernel could not handle a request: ${String(event.message ?? "").slice(0, 300)}`, "error", { timeout: 10000 });
        return;
      default:
        return; // "file" and anything newer belong to other layers
    }
  }

  // Before the kernel is ready: the file's cells, markdown-only ones rendered.
  preview(text, outputs = null) {
    if (this.cells.length) return null;
    const cells = splitCells(text).map((c, i) => ({ ...c, id: `${PREVIEW}${i}` }));
    this.load({ cells, app: { width: appWidth(text) } });
    for (const cell of this.cells) cell.previewCode = cell.code; // as the file has it (the reader may edit it before the kernel reads it)
    if (Array.isArray(outputs) && outputs.length === this.cells.length) return this.showPrerendered(outputs);
    for (const cell of this.cells) {
      const md = markdownOfCell(cell.code);
      if (md != null) cell.setOutput({ "text/html": `<rv-md data-md="${escapeAttr(md)}"></rv-md>` }, null, this.errorContext());
    }
  }

  // An export's outputs (from its run at export time), shown until the live
  // kernel sends each cell's own: identical ones are kept as they are.
  showPrerendered(outputs) {
    const shown = this.cells.map((cell, i) => {
      const pre = outputs[i] ?? {};
      const bundle = pre.outputs?.[0] ?? null;
      cell.setOutput(bundle, pre.error ?? null, this.errorContext());
      if (pre.stdout) cell.appendConsole("stdout", pre.stdout);
      if (pre.stderr) cell.appendConsole("stderr", pre.stderr);
      cell.prerendered = outputKey(bundle, pre.error);
      if (!cell.config.disabled) cell.setStatus(pre.status === "error" ? "error" : "idle");
      return cell.shown;
    });
    return Promise.all(shown);
  }

  // Preview cells whose code the kernel confirms take the kernel's ids, so
  // their rendered outputs stay on screen instead of flashing; one the reader
  // edited meanwhile keeps the edit (load).
  adoptPreview(cells) {
    const adopted = new Set();
    this.cells.forEach((cell, i) => {
      const data = cells[i];
      if (!cell.id.startsWith(PREVIEW)) return;
      if (data && (data.code === cell.getCode() || data.code === cell.previewCode)) {
        this.byId.delete(cell.id);
        cell.id = data.id;
        cell.root.dataset.cellId = data.id;
        this.byId.set(data.id, cell);
        adopted.add(cell);
      }
    });
    return adopted;
  }

  // A notebook event (the reply to an open) replaces the list. After a
  // restart the kernel echoes the cells on screen: those keep their editors,
  // unsaved edits and outputs. Any other open is another notebook (whose
  // cell ids may well be the same): its cells are new.
  load({ cells = [], app = {}, runtime }) {
    const adopted = this.adoptPreview(cells);
    const keepEdits = this.keepEdits;
    this.keepEdits = false;
    if (!keepEdits) this.byId = new Map([...adopted].map((c) => [c.id, c]));
    this.app = app || {};
    this.settings = settingsOf(this.app, runtime);
    this.root.dataset.width = this.settings.width;
    this.root.dataset.outputPosition = this.app.cell_output === "below" ? "below" : "above";
    const next = [];
    for (const data of cells) {
      let cell = this.byId.get(data.id);
      if (cell) {
        if (adopted.has(cell) && cell.getCode() !== data.code) {
          // edited before the kernel read the file: the edit stays (not run), and reaches the kernel
          cell.lastRunCode = data.code;
          cell.refreshEdited();
          this.syncWaiting = true;
        } else if (cell.getCode() !== data.code && !(keepEdits && cell.root.dataset.edited === "true")) {
          cell.setCode(data.code);
          cell.lastRunCode = data.code;
        }
        cell.setName(data.name);
        cell.setConfig(data.config);
        cell.kind = data.kind ?? cell.kind;
      } else {
        cell = new Cell(data, { mode: this.mode, actions: this.actions });
        if (this.showCode) cell.showSource(true);
      }
      next.push(cell);
    }
    const keep = new Set(next);
    for (const cell of this.cells) if (!keep.has(cell)) cell.root.remove();
    this.cells = next;
    this.byId = new Map(next.map((c) => [c.id, c]));
    this.layout();
    this.side?.refresh();
    if (this.syncWaiting && !this.previewing()) {
      this.syncWaiting = false;
      this.scheduleSync();
    }
    if (this.runWaiting && !this.previewing()) {
      const again = this.runWaiting.filter((c) => keep.has(c));
      this.runWaiting = null;
      if (again.length) this.run(again);
    }
    if (runtime && !keepEdits && !this.settings.auto_instantiate && this.mode === "edit") this.tellNotRun();
  }

  // The file says not to run on open: the cells wait (stale), and say so.
  tellNotRun() {
    this.notify("This notebook's settings say not to run it on open: its cells have not run.", "info", {
      timeout: 0,
      action: { label: "Run all", run: () => this.run(this.cells) },
    });
  }

  // -- settings -----------------------------------------------------------------------
  openSettings() {
    if (this.mode !== "edit") return;
    openSettings(this.root, { current: () => this.settings, change: (changes) => this.changeSettings(changes) });
  }

  /** The kernel refused a settings change: back to the file's settings, on screen and in the dialog. */
  settingsRefused({ message, settings }) {
    this.settings = settingsOf(settings, settings);
    this.app = { ...this.app, width: this.settings.width, app_title: this.settings.app_title };
    this.root.dataset.width = this.settings.width;
    this.layout();
    const text = `Settings not changed: ${String(message ?? "").slice(0, 300)}`;
    if (!showRefusal(this.settings, text)) this.notify(text, "warning", { timeout: 10000 });
  }

  /** Apply settings now (width on screen, lazy mode in the kernel) and save them in the file. */
  changeSettings(changes) {
    this.settings = { ...this.settings, ...changes };
    if ("width" in changes) {
      this.app = { ...this.app, width: this.settings.width };
      this.root.dataset.width = this.settings.width;
      this.layout();
    }
    if ("app_title" in changes) this.app = { ...this.app, app_title: this.settings.app_title };
    this.send({ type: "set_config", settings: changes });
  }

  // -- stale cells ----------------------------------------------------------------------
  staleCells() {
    return this.cells.filter((c) => c.root.dataset.status === "stale");
  }

  runStale() {
    this.run(this.staleCells());
  }

  refreshStale() {
    if (this.staleButton) this.staleButton.hidden = this.staleCells().length === 0;
  }

  // Put cell roots in order (into columns for the "columns" width).
  layout() {
    if (applyGrid(this.list, this.cells, this.mode === "read" ? this.grid : null)) return;
    const columns = this.app.width === "columns";
    const groups = [];
    let col = 0;
    this.cells.forEach((cell, i) => {
      cell.setLabel(i);
      if (columns && Number.isInteger(cell.config.column)) col = cell.config.column;
      (groups[columns ? col : 0] ??= []).push(cell.root);
    });
    if (!columns) {
      this.list.replaceChildren(...(groups[0] ?? []));
      return;
    }
    this.list.replaceChildren(
      ...groups.filter(Boolean).map((roots) => {
        const div = document.createElement("div");
        div.className = "column";
        div.append(...roots);
        return div;
      }),
    );
  }

  snapshot() {
    if (this.cells.some((c) => c.id.startsWith(PREVIEW))) return null;
    return this.cells.map((c) => ({ id: c.id, name: c.name, code: c.getCode(), config: { ...c.config }, kind: c.kind }));
  }

  errorContext() {
    return { cells: () => this.cells.map((c) => ({ id: c.id, name: c.name })), goto: (id, line) => this.goto(id, line) };
  }

  goto(id, line) {
    const cell = this.byId.get(id);
    if (!cell) return;
    cell.root.scrollIntoView({ block: "center", behavior: "smooth" });
    cell.flash();
    if (this.mode === "edit" && !cell.config.hide_code) cell.focus("end", line);
  }

  // -- requests -----------------------------------------------------------------------
  run(cells) {
    if (this.mode !== "edit" || cells.length === 0) return;
    if (this.previewing()) {
      // the kernel has not named the cells yet: they run once it has (load), with what they hold then
      this.runWaiting = [...new Set([...(this.runWaiting ?? []), ...cells])];
      for (const c of cells) if (!c.config.disabled) c.setStatus("queued");
      return;
    }
    this.flushSync();
    for (const c of cells) c.markRun();
    // queued at once: the kernel may be busy with another cell
    for (const c of cells) if (!c.config.disabled && c.root.dataset.status !== "running") c.setStatus("queued");
    this.send({ type: "run", cells: cells.map((c) => ({ id: c.id, code: c.getCode() })) });
  }

  /** The cells on screen are the file's preview: the kernel has not named them yet. */
  previewing() {
    return this.cells.some((c) => c.id.startsWith(PREVIEW));
  }

  syncCells() {
    clearTimeout(this.syncTimer);
    this.syncTimer = null;
    if (this.previewing()) {
      this.syncWaiting = true; // edits reach the kernel under its own ids, once it has read the file (load)
      return;
    }
    this.side?.refresh();
    this.send({
      type: "set_cells",
      cells: this.cells.map((c) => ({ id: c.id, code: c.getCode(), name: c.name, config: c.config })),
    });
  }

  scheduleSync() {
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => this.syncCells(), SYNC_DELAY);
  }

  flushSync() {
    if (this.syncTimer) this.syncCells();
  }

  // -- structure ----------------------------------------------------------------------
  add(index, data = {}) {
    const id = data.id && !this.byId.has(data.id) ? data.id : newCellId(new Set(this.byId.keys()));
    const prev = this.cells[Math.max(0, index - 1)];
    const config = data.config ?? (prev && this.app.width === "columns" ? { column: prev.config.column } : {});
    const cell = new Cell({ id, name: data.name ?? "_", code: data.code ?? "", config }, { mode: this.mode, actions: this.actions });
    cell.lastRunCode = "";
    cell.refreshEdited();
    this.cells.splice(index, 0, cell);
    this.byId.set(id, cell);
    this.layout();
    this.syncCells();
    return cell;
  }

  remove(cell, { select = false } = {}) {
    const index = this.cells.indexOf(cell);
    if (index < 0) return;
    const saved = { id: cell.id, name: cell.name, code: cell.getCode(), config: cell.config };
    const hadFocus = cell.root.contains(document.activeElement);
    this.cells.splice(index, 1);
    this.byId.delete(cell.id);
    cell.root.remove();
    this.layout();
    this.syncCells();
    const next = this.cells[Math.min(index, this.cells.length - 1)];
    if (select) next?.select();
    else if (hadFocus) next?.focus();
    const undo = { index, data: saved };
    this.deleted.push(undo);
    if (saved.code.trim()) {
      this.notify(select ? "Cell deleted (z to undo)" : "Cell deleted", "info", {
        action: { label: "Undo", run: () => this.undoDelete(undo)?.focus() },
        timeout: 10000,
      });
    }
  }

  /** Put back a deleted cell (the last one by default); returns it. */
  undoDelete(undo = this.deleted.at(-1)) {
    const at = this.deleted.indexOf(undo);
    if (at < 0) return null;
    this.deleted.splice(at, 1);
    const cell = this.add(Math.min(undo.index, this.cells.length), undo.data);
    cell.select();
    return cell;
  }

  move(cell, delta, select = false) {
    const from = this.cells.indexOf(cell);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.cells.length) return;
    const hadFocus = cell.editor?.hasFocus;
    this.cells.splice(from, 1);
    this.cells.splice(to, 0, cell);
    this.layout();
    this.syncCells();
    if (select) cell.select();
    else if (hadFocus) cell.focus();
    cell.root.scrollIntoView({ block: "nearest" });
  }

  /** Move `cell` to position `to` (drag and drop). */
  moveTo(cell, to) {
    const from = this.cells.indexOf(cell);
    if (from < 0 || to === from) return;
    this.cells.splice(from, 1);
    this.cells.splice(Math.max(0, Math.min(to, this.cells.length)), 0, cell);
    this.layout();
    this.syncCells();
    cell.flash();
  }

  // Drag a cell by its handle; a line shows where it will land.
  dragAndDrop() {
    const clear = () => this.list.querySelectorAll("[data-drop]").forEach((e) => delete e.dataset.drop);
    const target = (e) => {
      const root = e.target.closest?.(".cell");
      if (!root?.__cell || root.__cell === this.dragging) return null;
      const rect = root.getBoundingClientRect();
      return { cell: root.__cell, after: e.clientY > rect.top + rect.height / 2 };
    };
    this.list.addEventListener("dragover", (e) => {
      if (!this.dragging) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      const t = target(e);
      clear();
      if (t) t.cell.root.dataset.drop = t.after ? "after" : "before";
    });
    this.list.addEventListener("dragleave", (e) => !this.list.contains(e.relatedTarget) && clear());
    this.list.addEventListener("drop", (e) => {
      if (!this.dragging) return;
      e.preventDefault();
      clear();
      const t = target(e);
      if (!t) return;
      const cell = this.dragging;
      this.dragging = null;
      const without = this.cells.filter((c) => c !== cell);
      this.moveTo(cell, without.indexOf(t.cell) + (t.after ? 1 : 0));
    });
  }

  // -- markdown cells ------------------------------------------------------------------
  addMarkdown(index) {
    const at = this.ensureMo() ? index + 1 : index;
    const cell = this.add(at, { code: wrapMarkdown("") });
    cell.editMarkdown();
    return cell;
  }

  /** Markdown needs `mo`: add `import marimo as mo` in a cell of its own if no cell has it. True if added. */
  ensureMo() {
    if (importsMo(this.cells.map((c) => c.getCode()))) return false;
    const cell = this.add(0, { code: "import marimo as mo" });
    this.run([cell]);
    return true;
  }

  /** Make a cell markdown (its code becomes mo.md(...) unless it already is) or Python (its mo.md code shows). */
  convert(cell, kind) {
    if (kind === "markdown" && !cell.markdown) {
      if (markdownOfCell(cell.getCode()) === null) {
        const code = wrapMarkdown(cell.getCode().trim());
        cell.setCode(code);
        if (!cell.editor) cell.onEdit(code);
      }
      this.ensureMo();
      cell.setMarkdown(true);
      this.run([cell]);
    } else if (kind === "python" && cell.markdown) {
      cell.setMarkdown(false);
      cell.focus("end");
    }
  }

  toggleCode(cell) {
    cell.setConfig({ ...cell.config, hide_code: !cell.config.hide_code });
    if (!cell.config.hide_code) cell.focus();
    this.syncCells();
  }

  // -- per-cell callbacks and keys ----------------------------------------------------
  cellActions() {
    return {
      run: (cells) => this.run(cells),
      interrupt: () => this.send({ type: "interrupt" }),
      add: (cell, where) => this.add(this.cells.indexOf(cell) + (where === "below" ? 1 : 0)).focus(),
      remove: (cell) => this.remove(cell),
      move: (cell, delta) => this.move(cell, delta),
      toggleCode: (cell) => this.toggleCode(cell),
      toggleDisabled: (cell) => {
        cell.setConfig({ ...cell.config, disabled: !cell.config.disabled });
        this.syncCells();
      },
      rename: (cell, name) => {
        cell.setName(name);
        cell.setLabel(this.cells.indexOf(cell));
        this.syncCells();
      },
      convert: (cell, kind) => this.convert(cell, kind),
      dragStart: (cell) => (this.dragging = cell),
      dragEnd: () => (this.dragging = null),
      markdownKeys: (cell) => this.markdownKeys(cell),
      edited: () => this.scheduleSync(),
      focused: (cell) => (this.current = cell),
      keys: (cell) => this.keys(cell),
      assist: this.assist,
    };
  }

  markdownKeys(cell) {
    const leave = () => (cell.stopEditingMarkdown(true), cell.select(), true);
    return [
      { key: "Escape", run: (view) => !cell.editorApi.busy(view) && leave() },
      {
        key: "Shift-Enter",
        run: () => {
          leave();
          (this.neighbour(cell, 1) ?? this.add(this.cells.length)).select();
          return true;
        },
      },
      { key: "Mod-Enter", run: () => (this.run([cell]), true) },
    ];
  }

  neighbour(cell, delta) {
    return this.cells[this.cells.indexOf(cell) + delta];
  }

  keys(cell) {
    const ed = () => cell.editorApi;
    return [
      {
        key: "Shift-Enter",
        run: () => {
          this.run([cell]);
          const next = this.neighbour(cell, 1) ?? this.add(this.cells.length);
          next.focus("end");
          next.root.scrollIntoView({ block: "nearest" });
          return true;
        },
      },
      { key: "Mod-Enter", run: () => (this.run([cell]), true) },
      {
        key: "Alt-Enter",
        run: () => {
          this.run([cell]);
          this.add(this.cells.indexOf(cell) + 1).focus();
          return true;
        },
      },
      {
        key: "Escape",
        run: (view) => {
          if (ed().busy(view)) return false; // closes the completion popup or the search panel first
          cell.select();
          return true;
        },
      },
      { key: "Mod-Shift-r", run: () => (this.run(this.cells), true) },
      { key: "Mod-Shift-k", run: () => (this.actions.add(cell, "above"), true) },
      { key: "Mod-Shift-j", run: () => (this.actions.add(cell, "below"), true) },
      { key: "Mod-Shift-9", run: () => (this.move(cell, -1), true) },
      { key: "Mod-Shift-0", run: () => (this.move(cell, 1), true) },
      {
        key: "Shift-Backspace",
        run: () => {
          if (cell.getCode() !== "") return false;
          this.remove(cell);
          return true;
        },
      },
      {
        key: "ArrowUp",
        run: (view) => {
          const prev = this.neighbour(cell, -1);
          if (!prev || !ed().cursorOnFirstLine(view)) return false;
          prev.focus("end");
          return true;
        },
      },
      {
        key: "ArrowDown",
        run: (view) => {
          const next = this.neighbour(cell, 1);
          if (!next || !ed().cursorOnLastLine(view)) return false;
          next.focus("start");
          return true;
        },
      },
    ];
  }
}
