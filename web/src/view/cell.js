// One cell's DOM: output, code (a lazily created editor), console, footer.
// It keeps no notebook-wide state; the notebook passes `actions` in.
import { renderBundle } from "../render/index.js";
import { markdownSource, sameBundle } from "../render/reuse.js";
import { renderError } from "./errors.js";
import { icons } from "./icons.js";
import { h } from "../dom.js";
import { markdownOfCell, wrapMarkdown } from "./markdown-cell.js";
import { HeightLimit } from "./output-limit.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MD_RUN_DELAY = 500; // ms after the last keystroke in a markdown cell before it re-renders
const duration = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);

const EDITOR_MARGIN = "600px 0px"; // create editors this far ahead of the viewport
const CONSOLE_MAX_LINES = 5000; // console lines a cell keeps in the DOM

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

let editorModule = null; // loaded once, shared by all cells
const loadEditor = () => (editorModule ??= import("./editor.js"));

let observer = null;
// The editors of the cells in view wait for the notebook's first run (a
// browser has few cores, and the kernel's first run is what a reader waits
// for): they come once it is done, the kernel is lost, or EDITORS_AFTER ms
// have passed. A click or focus on a cell's code makes its editor at once.
const EDITORS_AFTER = 4000; // ms after the first cell is shown
let editorsOpen = false;
const editorsWaiting = new Set();
let editorsTimer = null;

/** Let the cells in view make their editors (the notebook's first run is done). */
export function openEditors() {
  if (editorsOpen) return;
  editorsOpen = true;
  clearTimeout(editorsTimer);
  for (const cell of editorsWaiting) if (cell.root.isConnected) cell.ensureEditor();
  editorsWaiting.clear();
}

function inView(cell) {
  if (editorsOpen) return void cell.ensureEditor();
  editorsWaiting.add(cell);
  editorsTimer ??= setTimeout(openEditors, EDITORS_AFTER);
}

function watch(cell) {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (e.isIntersecting && e.target.__cell) {
          observer.unobserve(e.target);
          inView(e.target.__cell);
        }
      }
    },
    { rootMargin: EDITOR_MARGIN },
  );
  observer.observe(cell.root);
}

/** Settles once the custom elements in `root` that render asynchronously (<rv-md>) have. */
function whenRendered(root) {
  return Promise.all([...root.querySelectorAll("rv-md")].map((md) => md.rendered));
}

function el(tag, className, attrs = {}) {
  return h(tag, { class: className, ...attrs });
}

function iconButton(label, icon, onClick, className = "") {
  const b = el("button", `icon ${className}`.trim(), { type: "button", "aria-label": label, title: label });
  b.innerHTML = icon;
  b.addEventListener("click", onClick);
  return b;
}

export class Cell {
  constructor({ id, name, code, config, kind }, { mode, actions }) {
    this.id = id;
    this.kind = kind ?? "cell";
    this.name = name || "_";
    this.code = code ?? "";
    this.config = { ...(config || {}) };
    this.lastRunCode = this.code;
    this.mode = mode;
    this.actions = actions;
    this.editor = null;
    this.editorPending = null;
    this.outputVersion = 0;
    this.lastStream = null;
    this.consoleSpan = null;
    this.consoleChunks = []; // [{node: Text, lines}] oldest first
    this.consoleLines = 0;
    this.consoleHidden = null;
    this.consoleLog = []; // [stream, text] of this run, all of it (the kernel caps it)
    this.consoleTotal = 0; // lines in consoleLog
    this.consoleAll = false; // "Show all" was pressed: nothing is trimmed until the next run
    this.markdown = mode === "edit" && markdownOfCell(this.code) !== null;
    this.build();
  }

  build() {
    const root = (this.root = el("div", "cell", { "data-cell-id": this.id, "data-status": "idle", role: "group" }));
    root.__cell = this;
    this.output = el("div", "cell-output", { "data-cell-output": "" });
    this.console = el("div", "cell-console", { "data-cell-console": "" });
    this.elapsed = el("span", "cell-elapsed", { "data-cell-elapsed": "" });
    this.stopButton = el("button", "cell-stop", { type: "button", "aria-label": "Stop cell", title: "Stop (Ctrl/Cmd+.)", hidden: "" });
    this.stopButton.textContent = "Stop";
    this.stopButton.addEventListener("click", () => this.actions.interrupt());
    this.buildLimits();
    this.setEmpty(true);
    const output = [this.output, this.outputLimit.bar];
    const consoleParts = [this.console, this.consoleLimit.bar];
    if (this.mode === "read") {
      this.console.hidden = true;
      root.append(...output, ...consoleParts, this.elapsed, this.stopButton);
    } else {
      this.buildEditArea();
      root.tabIndex = -1; // command mode focuses the cell itself
      root.append(this.tools, ...output, this.codeBox, ...consoleParts, this.footer, this.elapsed, this.stopButton);
    }
    this.setConfig(this.config);
    if (this.mode === "edit") this.setMarkdown(this.markdown);
  }

  // Tall outputs and consoles scroll inside a height limit, with Expand/Collapse;
  // a console whose first lines left the DOM offers "Show all N lines".
  buildLimits() {
    this.outputLimit = new HeightLimit(this.output, "output");
    this.consoleLimit = new HeightLimit(this.console, "console");
    // off screen (style.css: content-visibility), the cell's boxes are not measured
    this.root.addEventListener("contentvisibilityautostatechange", (e) => {
      if (e.target !== this.root) return;
      this.outputLimit.pause(e.skipped);
      this.consoleLimit.pause(e.skipped);
    });
    this.showAllButton = el("button", "rv-show-all", { type: "button", hidden: "" });
    this.showAllButton.addEventListener("click", () => this.showAllConsole());
    this.consoleLimit.add(this.showAllButton);
  }

  buildEditArea() {
    this.codeBox = el("div", "cell-code");
    this.nameTag = el("span", "cell-name");
    this.editorBox = el("div", "cell-editor");
    this.placeholder = el("pre", "code-placeholder", { tabindex: "0", role: "textbox", "aria-label": "Cell code", "aria-multiline": "true" });
    this.placeholder.textContent = this.code || " ";
    // (the code as text until the editor comes: see openEditors; a click places the cursor where it was)
    const wake = (e) => {
      e.preventDefault();
      const { clientX: x, clientY: y } = e.type === "mousedown" ? e : {};
      this.ensureEditor().then((v) => this.editorApi.focusAtPoint(v, x, y));
    };
    this.placeholder.addEventListener("mousedown", wake);
    this.placeholder.addEventListener("focus", wake);
    this.editorBox.append(this.placeholder);
    const a = this.actions;
    this.showCode = el("button", "show-code", { type: "button" });
    this.showCode.textContent = "Show code";
    this.showCode.addEventListener("click", () => a.toggleCode(this));
    const tools = el("div", "cell-tools", { role: "toolbar", "aria-label": "Cell actions" });
    this.handle = iconButton("Drag to move the cell", icons.grip, () => {}, "drag-handle");
    this.handle.draggable = true;
    this.handle.addEventListener("dragstart", (e) => {
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", this.name);
      e.dataTransfer.setDragImage(this.root, 20, 20);
      a.dragStart(this);
    });
    this.handle.addEventListener("dragend", () => a.dragEnd(this));
    this.mdEditButton = iconButton("Edit markdown", icons.pencil, () => (this.mdView ? this.stopEditingMarkdown(true) : this.editMarkdown()), "edit-md");
    this.mdEditButton.setAttribute("aria-pressed", "false");
    this.convertButton = iconButton("Convert to markdown", icons.markdown, () => a.convert(this, this.markdown ? "python" : "markdown"), "convert");
    this.disableButton = iconButton("Disable cell", icons.ban, () => a.toggleDisabled(this), "toggle-disabled");
    tools.append(
      this.handle,
      this.mdEditButton,
      this.convertButton,
      iconButton("Rename cell", icons.tag, () => this.startRename(), "rename"),
      this.disableButton,
      iconButton("Add cell above", icons.addAbove, () => a.add(this, "above")),
      iconButton("Add cell below", icons.addBelow, () => a.add(this, "below")),
      iconButton("Move cell up", icons.up, () => a.move(this, -1)),
      iconButton("Move cell down", icons.down, () => a.move(this, 1)),
      iconButton("Hide code", icons.eye, () => a.toggleCode(this), "toggle-code"),
      iconButton("Delete cell", icons.trash, () => a.remove(this), "danger"),
    );
    this.runButton = iconButton("Run cell", icons.run, () => a.run([this]), "run");
    this.tools = tools;
    this.output.addEventListener("dblclick", () => this.markdown && this.editMarkdown());
    this.mdBox = el("div", "cell-md-editor", { hidden: true });
    this.codeBox.append(this.nameTag, this.mdBox, this.editorBox, this.showCode, this.runButton);
    this.footerRun = el("span", "cell-ran", { "data-cell-ran": "" });
    this.footerDefs = el("span", "cell-defs");
    this.footer = el("div", "cell-footer", { hidden: true });
    this.footer.append(this.footerRun, this.footerDefs);
    if (!this.config.hide_code) watch(this);
  }

  // -- editor ------------------------------------------------------------------
  ensureEditor() {
    if (this.mode === "read") return Promise.resolve(null);
    this.editorPending ??= loadEditor().then((m) => {
      if (this.editor) return this.editor;
      this.editorApi = m;
      this.editor = m.createEditor(this.editorBox, this.code, {
        commands: this.actions.keys(this),
        change: (code) => this.onEdit(code),
        focus: () => this.actions.focused(this),
        label: "Cell code",
        assist: this.actions.assist,
      });
      this.placeholder.remove();
      return this.editor;
    });
    return this.editorPending;
  }

  getCode() {
    return this.editor ? this.editor.state.doc.toString() : this.code;
  }

  /** App view: the code under the output, only while "Show code" is on. */
  showSource(on) {
    if (this.mode !== "read") return;
    if (!on) {
      this.source?.remove();
      this.source = null;
      return;
    }
    this.source ??= el("pre", "cell-source");
    this.source.textContent = this.code;
    this.outputLimit.bar.after(this.source);
  }

  setCode(code) {
    this.code = code;
    if (this.source) this.source.textContent = code;
    if (this.editor) this.editorApi.setCode(this.editor, code);
    else if (this.placeholder) this.placeholder.textContent = code || " ";
  }

  onEdit(code) {
    this.code = code;
    this.refreshEdited();
    this.actions.edited(this);
  }

  markRun() {
    this.lastRunCode = this.getCode();
    this.refreshEdited();
  }

  refreshEdited() {
    const edited = this.getCode() !== this.lastRunCode;
    if (edited) this.root.dataset.edited = "true";
    else delete this.root.dataset.edited;
  }

  /** Command mode: focus the cell itself (a ring), not its editor. */
  select() {
    this.root.focus({ preventScroll: true });
    this.root.scrollIntoView({ block: "nearest" });
  }

  /** Leave command mode into this cell's editor (its markdown, for a markdown cell). */
  edit() {
    if (this.markdown) return this.editMarkdown();
    return this.focus("end");
  }

  // -- markdown cells -------------------------------------------------------------
  // Shown as rendered markdown; "Edit markdown" opens an editor on the
  // markdown itself, and every edit is written back as mo.md(r"""...""").
  setMarkdown(on) {
    this.markdown = !!on;
    this.root.dataset.cellKind = this.markdown ? "markdown" : "python";
    const label = this.markdown ? "Convert to Python" : "Convert to markdown";
    this.convertButton.setAttribute("aria-label", label);
    this.convertButton.title = label;
    if (!this.markdown) this.stopEditingMarkdown(false);
  }

  async editMarkdown() {
    if (!this.markdown) return;
    if (!this.mdView) {
      const m = await loadEditor();
      this.editorApi = m;
      this.mdBox.hidden = false;
      this.mdView = m.createEditor(this.mdBox, markdownOfCell(this.getCode()) ?? "", {
        commands: this.actions.markdownKeys(this),
        change: (md) => this.onMarkdownEdit(md),
        focus: () => this.actions.focused(this),
        label: "Markdown",
        language: "markdown",
      });
      this.mdEditButton.setAttribute("aria-pressed", "true");
      this.root.dataset.editingMarkdown = "true";
    }
    this.editorApi.focusAt(this.mdView, "end");
  }

  onMarkdownEdit(md) {
    const code = wrapMarkdown(md);
    this.setCode(code);
    if (!this.editor) this.onEdit(code);
    clearTimeout(this.mdTimer);
    this.mdTimer = setTimeout(() => this.actions.run([this]), MD_RUN_DELAY);
  }

  /** Close the markdown editor; `run` renders the latest edit now. */
  stopEditingMarkdown(run) {
    if (!this.mdView) return;
    this.mdView.destroy();
    this.mdView = null;
    this.mdBox.hidden = true;
    this.mdEditButton.setAttribute("aria-pressed", "false");
    delete this.root.dataset.editingMarkdown;
    if (run && this.mdTimer) this.actions.run([this]);
    clearTimeout(this.mdTimer);
    this.mdTimer = 0;
  }

  // -- name --------------------------------------------------------------------------
  startRename() {
    const input = el("input", "cell-name-input", { "aria-label": "Cell name", value: this.name === "_" ? "" : this.name, spellcheck: "false" });
    const done = (commit) => {
      if (!input.isConnected) return;
      const name = input.value.trim() || "_";
      input.remove();
      if (commit && name !== this.name && (name === "_" || NAME.test(name))) this.actions.rename(this, name);
      else this.setName(this.name);
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") (e.preventDefault(), done(true), this.select());
      if (e.key === "Escape") (e.preventDefault(), done(false), this.select());
    });
    input.addEventListener("blur", () => done(true));
    this.nameTag.textContent = "";
    this.nameTag.append(input);
    input.focus();
    input.select();
  }

  async focus(where = "end", line) {
    const view = await this.ensureEditor();
    if (!view) return;
    if (line) this.editorApi.focusLine(view, line);
    else this.editorApi.focusAt(view, where);
  }

  // -- state from the kernel ---------------------------------------------------------
  // "idle" and "error" mean the output is on screen (ARCHITECTURE.md): they
  // wait for the output's rendering (lazy renderers, markdown) to finish.
  setStatus(status) {
    const version = (this.statusVersion = (this.statusVersion ?? 0) + 1);
    if ((status === "idle" || status === "error") && this.shown) {
      this.shown.then(() => version === this.statusVersion && this.applyStatus(status));
      return;
    }
    this.applyStatus(status);
  }

  applyStatus(status) {
    if (status === "running") this.runStarted = performance.now();
    else if ((status === "idle" || status === "error") && this.runStarted) {
      this.lastRun = { at: new Date(), ms: performance.now() - this.runStarted };
      this.runStarted = 0;
      this.renderFooter();
    }
    this.root.dataset.status = status;
    if (status === "running") this.clearConsole();
    if (this.runButton) this.runButton.disabled = status === "running" || status === "queued";
    this.stopButton.hidden = status !== "running";
    if (status !== "running") this.inputForm?.remove();
    this.tick(status === "running");
  }

  // While running, the seconds elapsed (from 1 s on): a stuck cell shows itself.
  tick(running) {
    clearInterval(this.clock);
    this.elapsed.textContent = "";
    if (!running) return;
    const started = performance.now();
    this.clock = setInterval(() => {
      if (!this.root.isConnected) return clearInterval(this.clock);
      this.elapsed.textContent = `running ${Math.floor((performance.now() - started) / 1000)} s`;
    }, 1000);
  }

  // input() in the running cell: a labelled text field under its console.
  askInput(prompt, answer) {
    this.inputForm?.remove();
    const form = (this.inputForm = el("form", "cell-input", { "data-cell-input": "" }));
    const label = el("label");
    const text = el("span");
    text.textContent = prompt || "input()";
    const field = el("input", "", { type: "text", autocomplete: "off", spellcheck: "false" });
    label.append(text, field);
    form.append(label);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      form.remove();
      if (this.inputForm === form) this.inputForm = null;
      answer(field.value);
    });
    if (this.mode === "read") this.console.hidden = false;
    this.console.after(form);
    field.focus();
  }

  setName(name) {
    this.name = name || "_";
    if (this.nameTag) this.nameTag.textContent = this.name === "_" ? "" : this.name;
  }

  setLabel(index) {
    this.root.setAttribute("aria-label", this.name !== "_" ? `Cell ${this.name}` : `Cell ${index + 1}`);
  }

  setConfig(config) {
    this.config = { ...(config || {}) };
    if (this.disableButton) {
      const label = this.config.disabled ? "Enable cell" : "Disable cell";
      this.disableButton.setAttribute("aria-label", label);
      this.disableButton.title = label;
      this.disableButton.setAttribute("aria-pressed", String(!!this.config.disabled));
    }
    this.root.classList.toggle("code-hidden", !!this.config.hide_code);
    if (this.config.disabled) this.root.dataset.status = "disabled";
    else if (this.root.dataset.status === "disabled") this.root.dataset.status = "idle";
    const toggle = this.root.querySelector(".toggle-code");
    if (toggle) {
      const label = this.config.hide_code ? "Show code" : "Hide code";
      toggle.setAttribute("aria-label", label);
      toggle.title = label;
    }
    this.setName(this.name);
  }

  setOutput(bundle, error, ctx) {
    if (!error && this.reuseOutput(bundle)) return;
    const version = ++this.outputVersion;
    this.output.replaceChildren();
    if (error) this.output.append(renderError(error, { cellId: this.id, ...ctx }));
    this.shown = null;
    if (bundle && Object.keys(bundle).length) {
      const current = () => version === this.outputVersion;
      this.shown = renderBundle(this.output, bundle, current)
        .then(() => {
          // what the next output may reuse (render/reuse.js): this bundle, drawn alone
          if (current() && !error && this.output.childElementCount === 1) this.drawn = { bundle, box: this.output.firstElementChild };
        })
        .then(() => current() && whenRendered(this.output))
        .catch((err) => console.error("rivulet: output", err))
        .then(() => current() && this.setEmpty(!this.output.firstChild));
    }
    this.setEmpty(!this.output.firstChild && !(bundle && Object.keys(bundle).length));
  }

  /** Show `bundle` with what is on screen, if it can (render/reuse.js); true if it did. */
  reuseOutput(bundle) {
    const drawn = this.drawn;
    this.drawn = null;
    if (!drawn || !bundle || this.output.childElementCount !== 1 || this.output.firstElementChild !== drawn.box) return false;
    if (sameBundle(drawn.bundle, bundle)) {
      ++this.outputVersion; // (a render still in flight is out of date)
      this.drawn = drawn;
      return true;
    }
    const md = drawn.box.firstElementChild;
    const one = (b) => Object.keys(b).length === 1 && typeof b["text/html"] === "string";
    if (!one(bundle) || !one(drawn.bundle) || drawn.box.childElementCount !== 1 || md.localName !== "rv-md") return false;
    const source = markdownSource(bundle["text/html"]);
    if (source === null) return false;
    const version = ++this.outputVersion;
    md.setAttribute("data-md", source); // <rv-md> renders its new source
    this.drawn = { bundle, box: drawn.box };
    this.shown = Promise.resolve(md.rendered)
      .catch((err) => console.error("rivulet: output", err))
      .then(() => version === this.outputVersion && this.setEmpty(!this.output.firstChild));
    return true;
  }

  setEmpty(empty) {
    if (empty) this.root.dataset.empty = "true";
    else delete this.root.dataset.empty;
  }

  // O(1) per event: each event is a text node of its own (no `textContent +=`,
  // which copies and re-lays out everything so far).  The DOM keeps the last
  // CONSOLE_MAX_LINES lines; older ones go, behind an "earlier output hidden" line.
  appendConsole(stream, text) {
    if (!text) return;
    let span = this.consoleSpan;
    if (!span || this.lastStream !== stream || span.parentNode !== this.console) {
      span = this.consoleSpan = el("span", stream === "stderr" ? "stderr" : "stdout", { "data-stream": stream });
      this.console.append(span);
      this.lastStream = stream;
    }
    const node = document.createTextNode(text);
    span.appendChild(node);
    const lines = countLines(text);
    this.consoleLog.push([stream, text]);
    this.consoleTotal += lines;
    this.consoleChunks.push({ node, lines });
    this.consoleLines += lines;
    if (this.consoleLines > CONSOLE_MAX_LINES && !this.consoleAll) this.trimConsole();
    this.console.dataset.filled = "true";
    if (this.consoleHidden?.isConnected) this.showAllButton.textContent = `Show all ${this.consoleTotal.toLocaleString("en-US")} lines`;
  }

  /** Put every line of this run back in the console (at most the kernel's cap per stream). */
  showAllConsole() {
    const log = this.consoleLog;
    this.console.replaceChildren();
    this.consoleChunks = [];
    this.consoleLines = 0;
    this.consoleSpan = null;
    this.lastStream = null;
    this.consoleLog = [];
    this.consoleTotal = 0;
    this.consoleAll = true;
    // one text node per run of the same stream
    for (let i = 0; i < log.length; ) {
      const stream = log[i][0];
      const parts = [];
      for (; i < log.length && log[i][0] === stream; i++) parts.push(log[i][1]);
      this.appendConsole(stream, parts.join(""));
    }
    this.showAllButton.hidden = true;
    this.consoleLimit.measure();
    if (!this.consoleLimit.toggle.hidden) this.consoleLimit.toggle.focus();
  }

  trimConsole() {
    const chunks = this.consoleChunks;
    let first = 0;
    while (this.consoleLines > CONSOLE_MAX_LINES && first < chunks.length) {
      const chunk = chunks[first];
      const excess = this.consoleLines - CONSOLE_MAX_LINES;
      if (chunk.lines <= excess && first < chunks.length - 1) {
        const span = chunk.node.parentNode;
        chunk.node.remove();
        if (span && !span.firstChild) span.remove();
        this.consoleLines -= chunk.lines;
        first++;
        continue;
      }
      // drop the first `excess` lines of this chunk only
      const data = chunk.node.data;
      let cut = -1;
      for (let i = 0; i < excess; i++) cut = data.indexOf("\n", cut + 1);
      chunk.node.deleteData(0, cut + 1);
      chunk.lines -= excess;
      this.consoleLines -= excess;
    }
    if (first) chunks.splice(0, first);
    if (!this.consoleHidden) {
      this.consoleHidden = el("span", "console-hidden", { "data-console-hidden": "" });
      this.consoleHidden.style.cssText = "display:block;opacity:.6;font-style:italic";
      this.consoleHidden.textContent = "… earlier output hidden";
    }
    if (this.console.firstChild !== this.consoleHidden) this.console.prepend(this.consoleHidden);
    this.showAllButton.hidden = false;
    this.consoleLimit.check();
  }

  clearConsole() {
    this.console.replaceChildren();
    this.lastStream = null;
    this.consoleSpan = null;
    this.consoleChunks = [];
    this.consoleLines = 0;
    this.consoleLog = [];
    this.consoleTotal = 0;
    this.consoleAll = false;
    this.showAllButton.hidden = true;
    delete this.console.dataset.filled;
  }

  setGraph({ defs = [] }) {
    if (!this.footer) return;
    this.footerDefs.textContent = defs.length ? `defines ${defs.join(", ")}` : "";
    this.renderFooter();
  }

  renderFooter() {
    if (!this.footer) return;
    const run = this.lastRun;
    this.footerRun.textContent = run ? `ran ${run.at.toLocaleTimeString()} in ${duration(run.ms)}` : "";
    this.footerRun.title = run ? run.at.toLocaleString() : "";
    this.footer.hidden = !this.footerRun.textContent && !this.footerDefs.textContent;
  }

  flash() {
    this.root.classList.remove("flash");
    void this.root.offsetWidth;
    this.root.classList.add("flash");
  }
}
