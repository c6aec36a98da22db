// The protocol's events (kernel -> shell), checked. The kernel runs the
// notebook's own Python, which can post anything to the page: every event is
// untrusted input. `checkEvent` returns the event when it has the shape the
// protocol documents (kernel_py/protocol.py), else null. Extra fields are
// allowed (the protocol grows by adding fields).

export const PROTOCOL_VERSION = 1;
export const REQUEST_TYPES = new Set(["open", "run", "set_cells", "set_ui_value", "ui_message", "set_config", "save", "packages", "complete"]);

let nextId = 0;
/** A request as it goes on the wire: version and a fresh id (echoed by its replies and its `done`). */
export function request(fields) {
  if (!REQUEST_TYPES.has(fields.type)) throw new TypeError(`unknown request type ${fields.type}`);
  return { v: PROTOCOL_VERSION, id: `r${++nextId}`, ...fields };
}

const str = (v) => typeof v === "string";
const optStr = (v) => v === undefined || v === null || typeof v === "string";
const obj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const optObj = (v) => v === undefined || v === null || obj(v);
const arrayOf = (v, ok) => Array.isArray(v) && v.every(ok);

const int = (v) => Number.isSafeInteger(v) && v >= 0;
const optInt = (v) => v === undefined || v === null || int(v);
const STATUSES = new Set(["queued", "running", "idle", "stale", "error", "disabled"]);
const RUNS = new Set(["ok", "error", "skipped", "running"]); // "running": an output shown while the cell still runs

const cellJson = (c) => obj(c) && str(c.id) && str(c.code) && optStr(c.name) && optObj(c.config) && optStr(c.kind);
const bundle = (b) => obj(b) && Object.values(b).every((v) => v !== undefined);
const cellError = (e) => obj(e) && optStr(e.kind) && optStr(e.message);

const SHAPES = {
  notebook: (e) =>
    arrayOf(e.cells, cellJson) &&
    optObj(e.app) &&
    optObj(e.runtime) &&
    (e.problems === undefined || arrayOf(e.problems, (p) => obj(p) && optStr(p.message))),
  status: (e) => str(e.cell) && STATUSES.has(e.status),
  output: (e) =>
    str(e.cell) &&
    (e.output === null || e.output === undefined || bundle(e.output)) &&
    (e.error === null || e.error === undefined || cellError(e.error)) &&
    (e.run === undefined || RUNS.has(e.run)),
  console: (e) => str(e.cell) && (e.stream === "stdout" || e.stream === "stderr") && str(e.text),
  graph: (e) => arrayOf(e.cells, (c) => obj(c) && str(c.id)),
  file: (e) => str(e.text),
  error: (e) => str(e.message) && (e.settings === null || e.settings === undefined || obj(e.settings)),
  done: (e) => optStr(e.request),
  variables: (e) =>
    arrayOf(e.variables, (v) => obj(v) && str(v.name) && str(v.type) && str(v.preview) && optStr(v.defined_by) && arrayOf(v.read_by, str)),
  completions: (e) =>
    str(e.want) &&
    arrayOf(e.items, (i) => obj(i) && str(i.name) && str(i.kind) && optStr(i.detail)) &&
    int(e.prefix) &&
    (e.signature === null || e.signature === undefined ||
      (obj(e.signature) && str(e.signature.label) && arrayOf(e.signature.params, str) && optInt(e.signature.active) && optStr(e.signature.doc))) &&
    optStr(e.doc),
  ui_value: (e) => str(e.widget) && obj(e.value),
  ui_message: (e) => str(e.widget) && e.content !== undefined,
  packages: (e) =>
    arrayOf(e.installed, (p) => obj(p) && str(p.name) && str(p.version)) && arrayOf(e.dependencies, str) && optStr(e.error),
};

/** The event if it is well formed, else null. */
export function checkEvent(event) {
  if (!obj(event) || event.v !== PROTOCOL_VERSION || !Object.hasOwn(SHAPES, event.type)) return null;
  return SHAPES[event.type](event) ? event : null;
}

/**
 * Replies the shell is waiting for. A `notebook` event is only taken as the
 * answer to an `open`, a `file` event only as the answer to a `save`: the
 * notebook's Python cannot replace the cells on screen or choose what is
 * autosaved by posting one unasked.
 */
export function createReplies() {
  // reply type -> ids of the requests waiting for one
  const waiting = { notebook: new Set(), file: new Set() };
  const REPLY = { open: "notebook", save: "file" };
  return {
    /** A request went out; its reply (if any) is now expected. */
    sent(req) {
      const reply = REPLY[req.type];
      if (!reply) return;
      if (req.type === "open") waiting.notebook.clear(); // only the latest open counts
      waiting[reply].add(req.id);
    },
    /** Is this event acceptable now? Consumes the expectation it answers. */
    accept(event) {
      const ids = waiting[event.type];
      if (!ids) return true;
      if (!ids.size) return false;
      // an answer names its request; a kernel that does not echo ids answers the oldest
      const id = event.id !== undefined && ids.has(event.id) ? event.id : event.id === undefined ? ids.values().next().value : null;
      if (id === null) return false;
      ids.delete(id);
      return true;
    },
    /** The kernel was replaced: nothing it was asked will be answered. */
    reset() {
      waiting.notebook.clear();
      waiting.file.clear();
    },
  };
}
