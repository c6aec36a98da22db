// Completion, signature help and hover docs for the cells' editors, as far
// as the view is concerned: `complete` requests to the kernel, matched with
// their `completions` answers by id. The kernel answers even while a cell
// runs, unless that cell keeps Python busy: then `ask` gives up after `wait`
// ms (null), and the editor falls back to the names the page knows (from the
// kernel's `variables` events). Answers are the kernel's, so untrusted: the
// editor shows their text as text.

const WAIT = 250; // ms before the editor's fallback answers instead
const MAX_NAMES = 5000;

export function createAssist(send) {
  const waiting = new Map(); // request id -> resolve
  let next = 0;
  let names = []; // [{name, type}] the notebook's globals, as last reported
  return {
    /** Ask the kernel about `code` at (1-based line, 0-based column in code points). */
    ask(want, code, line, column, wait = WAIT) {
      const id = `c${++next}`;
      return new Promise((resolve) => {
        const timer = setTimeout(() => waiting.delete(id) && resolve(null), wait);
        waiting.set(id, (event) => (clearTimeout(timer), resolve(event)));
        if (send({ type: "complete", id, code, line, column, want }) === false) {
          waiting.delete(id);
          clearTimeout(timer);
          resolve(null);
        }
      });
    },
    /** A `completions` (or `error`) event: the answer to one of our requests, if any. */
    receive(event) {
      const resolve = typeof event.id === "string" ? waiting.get(event.id) : undefined;
      if (!resolve) return false;
      waiting.delete(event.id);
      resolve(event.type === "completions" ? event : null);
      return true;
    },
    /** The kernel's `variables` event: the names the fallback offers. */
    setNames(variables) {
      names = (variables ?? []).slice(0, MAX_NAMES).map((v) => ({ name: String(v.name), type: String(v.type ?? "") }));
    },
    get names() {
      return names;
    },
  };
}
