// The outputs this browser saw the last time it ran a notebook, shown the
// next time the same notebook opens, before Python has booted (the view keeps
// them when the live kernel sends identical ones: no flash, no jump).
//
// Kept in the trusted page's storage next to the autosave, keyed by the
// notebook's text (the same file opened from a link, the gallery or the
// autosave finds them), in the format of the gallery's `<file>.outputs.json`:
// one entry per cell, in order: {id, status, outputs: [bundle], stdout, stderr, error}.
// Recorded only while the cells run the code that was opened (an edited cell
// stops the recording: its outputs would not belong to the text). Capped:
// MAX_ENTRY characters per notebook (larger ones are not kept), KEEP
// notebooks and BUDGET characters in all, least recently used out first;
// outputs of an autosaved notebook go when the autosave lets it go.

export const INDEX = "rivulet:outputs";
const ENTRY = "rivulet:outputs:";
export const MAX_ENTRY = 200_000; // characters (JSON) per notebook
export const KEEP = 12;
export const BUDGET = 1_200_000; // characters, all notebooks together
const MAX_CONSOLE = 20_000; // characters of stdout/stderr kept per cell

/** A short, stable key for a notebook's text (53-bit cyrb53 hash and the length). */
export function textKey(text) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}-${text.length.toString(36)}`;
}

/**
 * @param storage localStorage-like (shell/storage.js's browserStorage())
 * @param kept () => origins of the notebooks the autosave still keeps
 */
export function createLastOutputs(storage, kept = () => []) {
  const readIndex = () => {
    try {
      const list = JSON.parse(storage.getItem(INDEX) ?? "[]");
      return Array.isArray(list) ? list.filter((e) => e && typeof e.key === "string" && Number.isFinite(e.size)) : [];
    } catch {
      return [];
    }
  };
  let run = null; // what is being recorded: {key, origin, source, order: [ids], cells: Map, codes: Map, dirty}

  function remove(list, victims) {
    for (const e of victims) storage.removeItem(ENTRY + e.key);
    return list.filter((e) => !victims.includes(e));
  }

  function prune(list) {
    // An autosaved notebook's outputs leave with it.
    const alive = new Set(kept());
    list = remove(list, list.filter((e) => e.autosaved && e.key !== run.key && !alive.has(e.origin)));
    while (list.length > KEEP || list.reduce((n, e) => n + e.size, 0) > BUDGET) list = remove(list, [list.at(-1)]);
    return list;
  }

  function write() {
    if (!run || run.dirty || !run.order.length) return;
    const cells = run.order.map((id) => run.cells.get(id) ?? { id, status: "idle", outputs: [], stdout: "", stderr: "", error: null });
    const text = JSON.stringify(cells);
    let list = readIndex().filter((e) => e.key !== run.key);
    if (text.length > MAX_ENTRY) {
      storage.removeItem(ENTRY + run.key);
      storage.setItem(INDEX, JSON.stringify(list));
      return;
    }
    const entry = { key: run.key, origin: run.origin, autosaved: run.source !== "link" && run.source !== "file", size: text.length, at: Date.now() };
    list = prune([entry, ...list]);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        storage.setItem(ENTRY + run.key, text);
        storage.setItem(INDEX, JSON.stringify(list));
        return;
      } catch {
        // full: the oldest outputs give way (never the autosave itself)
        const older = list.filter((e) => e.key !== run.key);
        if (!older.length) break;
        list = remove(list, [older.at(-1)]);
      }
    }
    storage.removeItem(ENTRY + run.key);
  }

  return {
    /** The outputs recorded for this text (one per cell), or null. */
    recall(text) {
      if (typeof text !== "string" || !text) return null;
      try {
        const cells = JSON.parse(storage.getItem(ENTRY + textKey(text)) ?? "null");
        return Array.isArray(cells) && cells.length ? cells : null;
      } catch {
        return null;
      }
    },

    /** Start recording the outputs of the notebook just opened ({text, origin, source}). */
    track({ text, origin, source }) {
      run = { key: textKey(text), origin, source, order: [], cells: new Map(), codes: new Map(), dirty: false };
    },

    /** A request to the kernel: running edited code stops the recording. */
    sent(request) {
      if (!run || !["run", "set_cells", "open"].includes(request.type)) return;
      if (request.type === "open" && !request.cells) return; // track() comes with it
      for (const c of request.cells ?? []) if (run.codes.get(c.id) !== c.code) run.dirty = true;
    },

    /** A checked kernel event (main.js's receive). */
    event(event) {
      if (!run || run.dirty) return;
      const cell = (id) => {
        if (!run.cells.has(id)) run.cells.set(id, { id, status: "idle", outputs: [], stdout: "", stderr: "", error: null });
        return run.cells.get(id);
      };
      switch (event.type) {
        case "notebook":
          run.order = event.cells.map((c) => c.id);
          run.codes = new Map(event.cells.map((c) => [c.id, c.code]));
          break;
        case "status":
          if (!run.codes.has(event.cell)) break;
          if (event.status === "running") Object.assign(cell(event.cell), { stdout: "", stderr: "" });
          if (["idle", "error"].includes(event.status)) cell(event.cell).status = event.status === "error" ? "error" : "ok";
          break;
        case "output":
          if (!run.codes.has(event.cell) || event.run === "running") break;
          Object.assign(cell(event.cell), {
            outputs: event.output && Object.keys(event.output).length ? [event.output] : [],
            error: event.error ?? null,
          });
          break;
        case "console": {
          if (!run.codes.has(event.cell)) break;
          const c = cell(event.cell);
          if (c[event.stream].length < MAX_CONSOLE) c[event.stream] = (c[event.stream] + event.text).slice(0, MAX_CONSOLE);
          break;
        }
        case "done":
          try {
            write();
          } catch {
            // storage refused: nothing is kept, nothing else changes
          }
          break;
      }
    },
  };
}
