// Python help in a cell's editor, from the kernel's live namespace (through
// view/assist.js): completion as you type (after "." and in names) and on
// Ctrl+Space, signature help when "(" or "," is typed, docs when the pointer
// rests on a name. Each is a small `feature(assist): Extension`. Everything
// the kernel answers is text written by the notebook's objects: it goes into
// the page as textContent, never as HTML.
import { autocompletion, acceptCompletion, completionStatus, moveCompletionSelection, selectedCompletionIndex } from "@codemirror/autocomplete";
import { EditorView, hoverTooltip, keymap, showTooltip } from "@codemirror/view";
import { Prec, StateEffect, StateField } from "@codemirror/state";
import { syntaxTree } from "@codemirror/language";

const NAME_BEFORE = /[\p{L}\p{N}_]*/u;
const NAME_CHARS = /^[\p{L}\p{N}_]*$/u;
const MAX_OPTIONS = 500;
const MAX_TEXT = 4000;
const KERNEL_WAIT = 5000; // ms an answer only the kernel can give is awaited

// The page's own answer while the kernel cannot give one: Python's builtins and keywords.
const BUILTINS = ("abs aiter all anext any ascii bin breakpoint callable chr compile delattr dir divmod " +
  "enumerate eval exec filter format getattr globals hasattr hash help hex id input isinstance issubclass iter " +
  "len locals map max min next oct open ord pow print range repr reversed round setattr sorted sum vars zip").split(" ");
const CLASSES = ("bool bytearray bytes classmethod complex dict float frozenset int list memoryview object " +
  "property set slice staticmethod str super tuple type Exception ValueError TypeError KeyError IndexError").split(" ");
const KEYWORDS = ("False None True and as assert async await break class continue def del elif else except " +
  "finally for from global if import in is lambda nonlocal not or pass raise return try while with yield").split(" ");
const TYPES = { module: "namespace", class: "class", function: "function", keyword: "keyword", property: "property", variable: "variable", text: "text" };

/** (1-based line, 0-based column in code points) of `pos`, and the code, as the protocol counts. */
export function cursorAt(state, pos) {
  const line = state.doc.lineAt(pos);
  return { code: state.doc.toString(), line: line.number, column: [...line.text.slice(0, pos - line.from)].length };
}

function inStringOrComment(state, pos) {
  const node = syntaxTree(state).resolveInner(pos, -1);
  return /String|Comment/.test(node.name);
}

/** The start of the last `n` code points before `pos` on its line. */
function backBy(state, pos, n) {
  const line = state.doc.lineAt(pos);
  const before = [...line.text.slice(0, pos - line.from)];
  return pos - before.slice(before.length - Math.min(n, before.length)).join("").length;
}

const option = (item) => ({
  label: String(item.name).slice(0, 200),
  type: TYPES[item.kind] ?? "variable",
  ...(item.detail ? { detail: String(item.detail).slice(0, 200) } : {}),
});

function fallbackOptions(assist) {
  return [
    ...assist.names.map((v) => ({ label: v.name, type: v.type === "module" ? "namespace" : v.type === "function" ? "function" : "variable" })),
    ...BUILTINS.map((label) => ({ label, type: "function" })),
    ...CLASSES.map((label) => ({ label, type: "class" })),
    ...KEYWORDS.map((label) => ({ label, type: "keyword" })),
  ];
}

// How many characters the last edit inserted: completion opens on a typed
// character, not on text that arrives at once (a paste, a drop, a script).
const insertedField = StateField.define({
  create: () => 0,
  update(value, tr) {
    if (!tr.docChanged) return value;
    let inserted = 0;
    tr.changes.iterChanges((_a, _b, _c, _d, text) => (inserted += text.length));
    return inserted;
  },
});

function completionSource(assist) {
  return async (context) => {
    const { state, pos } = context;
    if (!context.explicit && state.field(insertedField, false) > 1) return null;
    const word = context.matchBefore(NAME_BEFORE);
    const start = word ? word.from : pos;
    const dot = state.sliceDoc(start - 1, start) === ".";
    if (!context.explicit && start === pos && !dot) return null;
    if (/^\p{N}/u.test(word?.text ?? "") || inStringOrComment(state, pos)) return null;
    const { code, line, column } = cursorAt(state, pos);
    // names have a fallback here; attributes wait for the kernel (it may be loading jedi)
    const answer = await assist.ask("completions", code, line, column, dot ? KERNEL_WAIT : undefined);
    if (answer) {
      const options = answer.items.slice(0, MAX_OPTIONS).map(option);
      return options.length ? { from: backBy(state, pos, answer.prefix), options, validFor: NAME_CHARS } : null;
    }
    if (dot) return null; // attributes need the kernel
    return { from: start, options: fallbackOptions(assist), validFor: NAME_CHARS };
  };
}

// Tab takes the first completion (or the one chosen with the arrows); Enter
// only takes one chosen with the arrows, so Enter while typing is a new line.
function acceptWithTab(view) {
  if (completionStatus(view.state) !== "active") return false;
  if (selectedCompletionIndex(view.state) === null) moveCompletionSelection(true)(view);
  acceptCompletion(view);
  return true;
}

export const completion = (assist) => [
  insertedField,
  autocompletion({
    override: [completionSource(assist)],
    activateOnTyping: true,
    activateOnTypingDelay: 20,
    selectOnOpen: false,
    filterStrict: true, // names that start with what was typed, as Python completes
    interactionDelay: 0, // Enter never takes an option unless one was chosen: no accident to guard
    maxRenderedOptions: 100,
  }),
  Prec.highest(keymap.of([{ key: "Tab", run: acceptWithTab }])),
];

// -- signature help ----------------------------------------------------------------

const setSignature = StateEffect.define();

const signatureField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setSignature)) return e.value;
    if (!value) return null;
    if (tr.docChanged) {
      const pos = tr.changes.mapPos(value.pos, -1, 2); // null when the "(" was deleted
      if (pos === null) return null;
      value = { ...value, pos };
    }
    const head = tr.state.selection.main.head;
    if (head <= value.pos || tr.state.doc.lineAt(head).number !== tr.state.doc.lineAt(value.pos).number) return null;
    return value;
  },
  provide: (field) => showTooltip.from(field, (value) => value && {
    pos: value.pos,
    above: true,
    strictSide: false,
    create: () => ({ dom: signatureDom(value.signature) }),
  }),
});

/** Is the signature tooltip showing (Escape closes it first)? */
export const signatureOpen = (state) => !!state.field(signatureField, false);

function textEl(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = String(text ?? "").slice(0, MAX_TEXT);
  return node;
}

function signatureDom(sig) {
  const dom = document.createElement("div");
  dom.className = "cm-signature";
  dom.setAttribute("role", "tooltip");
  const label = String(sig.label ?? "");
  const head = document.createElement("div");
  head.className = "cm-signature-label";
  const range = activeRange(label, sig.params ?? [], sig.active);
  if (range) {
    head.append(label.slice(0, range[0]), textEl("span", "cm-signature-active", label.slice(range[0], range[1])), label.slice(range[1]));
  } else head.textContent = label;
  dom.append(head);
  const doc = String(sig.doc ?? "").split(/\n\s*\n/)[0].trim();
  if (doc) dom.append(textEl("div", "cm-signature-doc", doc));
  return dom;
}

/** Where the active parameter sits in the label: [start, end] or null. */
function activeRange(label, params, active) {
  if (!Number.isInteger(active) || active < 0 || active >= params.length) return null;
  let at = label.indexOf("(") + 1;
  for (let i = 0; i < params.length; i++) {
    const found = label.indexOf(String(params[i]), at);
    if (found < 0) return null;
    if (i === active) return [found, found + String(params[i]).length];
    at = found + String(params[i]).length;
  }
  return null;
}

/** The "(" of the call the cursor is in on this line, or -1 (a rough scan: strings and brackets). */
function openParen(state, pos) {
  const line = state.doc.lineAt(pos);
  let depth = 0;
  for (let i = pos - line.from - 1; i >= 0; i--) {
    const ch = line.text[i];
    if (ch === ")" || ch === "]" || ch === "}") depth++;
    else if (ch === "(" || ch === "[" || ch === "{") {
      if (depth === 0) return ch === "(" ? line.from + i : -1;
      depth--;
    }
  }
  return -1;
}

function signatureHelp(assist) {
  let asked = 0;
  const ask = async (view) => {
    const ticket = ++asked;
    const { state } = view;
    const pos = state.selection.main.head;
    const paren = openParen(state, pos);
    if (paren < 0) return view.dispatch({ effects: setSignature.of(null) });
    const { code, line, column } = cursorAt(state, pos);
    const answer = await assist.ask("signature", code, line, column, KERNEL_WAIT);
    if (ticket !== asked) return; // asked again meanwhile
    const now = openParen(view.state, view.state.selection.main.head); // typing on is fine, leaving the call is not
    const shown = answer?.signature && now >= 0 && view.state.sliceDoc(now - 1, now) === state.sliceDoc(paren - 1, paren);
    view.dispatch({ effects: setSignature.of(shown ? { pos: now, signature: answer.signature } : null) });
  };
  return [
    signatureField,
    EditorView.updateListener.of((u) => {
      if (!u.docChanged || !u.transactions.some((tr) => tr.isUserEvent("input.type"))) return;
      const head = u.state.selection.main.head;
      const typed = u.state.sliceDoc(head - 1, head);
      if (typed === "(" || typed === "," || (typed === ")" && signatureOpen(u.state))) ask(u.view);
    }),
    Prec.highest(keymap.of([{ key: "Escape", run: (view) => signatureOpen(view.state) && (view.dispatch({ effects: setSignature.of(null) }), true) }])),
  ];
}

export const signatures = (assist) => signatureHelp(assist);

// -- hover docs ----------------------------------------------------------------------

export const hoverDocs = (assist) =>
  hoverTooltip(
    async (view, pos, side) => {
      const { state } = view;
      const line = state.doc.lineAt(pos);
      const text = line.text;
      let start = pos - line.from;
      let end = start;
      while (start > 0 && /[\p{L}\p{N}_]/u.test(text[start - 1])) start--;
      while (end < text.length && /[\p{L}\p{N}_]/u.test(text[end])) end++;
      if (start === end || (start === pos - line.from && side < 0) || (end === pos - line.from && side > 0)) return null;
      if (inStringOrComment(state, line.from + end)) return null;
      const at = cursorAt(state, line.from + end);
      const answer = await assist.ask("hover", at.code, at.line, at.column, KERNEL_WAIT);
      if (!answer?.doc) return null;
      return {
        pos: line.from + start,
        end: line.from + end,
        above: true,
        create: () => {
          const dom = textEl("div", "cm-hover-doc", answer.doc);
          dom.setAttribute("role", "tooltip");
          return { dom };
        },
      };
    },
    { hoverTime: 400 },
  );

// The page's colours (style.css), with fallbacks for pages without them.
const theme = EditorView.baseTheme({
  ".cm-signature, .cm-hover-doc": {
    padding: "4px 8px",
    maxWidth: "min(640px, 90vw)",
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    background: "var(--bg, #fff)",
    color: "var(--fg, #1f2328)",
  },
  ".cm-hover-doc": { maxHeight: "18em", overflow: "auto" },
  ".cm-signature-active": { fontWeight: "bold", textDecoration: "underline" },
  ".cm-signature-doc": { color: "var(--muted, #6a737d)", marginTop: "2px" },
});

/** Everything above, for a Python cell. */
export const pythonHelp = (assist) => [completion(assist), signatures(assist), hoverDocs(assist), theme];
