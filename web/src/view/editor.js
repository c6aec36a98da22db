// CodeMirror 6 editor for one cell: a trimmed basicSetup, each behaviour a
// small `feature(): Extension`.
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { EditorState, Prec } from "@codemirror/state";
import { history, historyKeymap, defaultKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle, indentUnit } from "@codemirror/language";
import { searchKeymap, highlightSelectionMatches, searchPanelOpen } from "@codemirror/search";
import { autocompletion, completionStatus, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { python } from "@codemirror/lang-python";
import { pythonHelp, signatureOpen } from "./completion.js";
import { tags as t } from "@lezer/highlight";

// Colours come from CSS variables so the dark theme is pure CSS.
const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: "var(--tok-keyword)" },
  { tag: [t.string, t.special(t.string)], color: "var(--tok-string)" },
  { tag: [t.number, t.bool, t.null], color: "var(--tok-number)" },
  { tag: t.comment, color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [t.function(t.definition(t.variableName)), t.definition(t.className)], color: "var(--tok-def)" },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: "var(--tok-call)" },
  { tag: [t.className, t.standard(t.variableName)], color: "var(--tok-builtin)" },
  { tag: t.self, color: "var(--tok-keyword)" },
  { tag: t.meta, color: "var(--tok-meta)" },
  { tag: t.invalid, color: "var(--tok-invalid)" },
]);

export const history_ = () => [history(), keymap.of(historyKeymap)];
export const brackets = () => [bracketMatching(), closeBrackets(), keymap.of(closeBracketsKeymap)];
export const indentation = () => [indentOnInput(), indentUnit.of("    "), keymap.of([indentWithTab])];
export const search = () => [highlightSelectionMatches(), keymap.of(searchKeymap)];
// Python names on Ctrl+Space only, for an editor with no kernel to ask; with
// one (`assist`, view/assist.js), completion.js: as you type, signatures, docs.
export const completion = (assist) => (assist ? pythonHelp(assist) : autocompletion({ activateOnTyping: false }));
export const highlighting = () => [python(), syntaxHighlighting(highlightStyle)];
export const chrome = ({ numbers }) => [
  drawSelection(),
  highlightActiveLine(),
  numbers ? lineNumbers() : [],
  EditorView.lineWrapping,
];

// Cell commands (run, add, move, ...) bound with highest precedence so the
// default keymap's Mod-Enter ("insert blank line") does not win.
export const cellKeys = (commands) => Prec.highest(keymap.of(commands));

export const onChange = (fn) =>
  EditorView.updateListener.of((u) => {
    if (u.docChanged) fn(u.state.doc.toString());
  });

export const onFocus = (fn) =>
  EditorView.focusChangeEffect.of((_state, focusing) => {
    if (focusing) fn();
    return null;
  });

// `language`: "python" (a cell's code) or "markdown" (a markdown cell's text: no Python help).
export function createEditor(parent, code, { commands, change, focus, label, numbers = false, language = "python", assist = null }) {
  const python = language === "python";
  const state = EditorState.create({
    doc: code,
    extensions: [
      cellKeys(commands),
      history_(),
      python ? brackets() : [],
      python ? indentation() : [],
      search(),
      python ? completion(assist) : [],
      python ? highlighting() : [],
      chrome({ numbers }),
      keymap.of(defaultKeymap),
      onChange(change),
      onFocus(focus),
      EditorView.contentAttributes.of({ "aria-label": label }),
    ],
  });
  return new EditorView({ state, parent });
}

// Place the cursor at the start or end of the document (for moving between cells).
export function focusAt(view, where) {
  const pos = where === "start" ? 0 : view.state.doc.length;
  view.dispatch({ selection: { anchor: pos } });
  view.focus();
}

/** Focus with the cursor where the reader clicked (`x`, `y`: client coordinates), else at the start. */
export function focusAtPoint(view, x, y) {
  const pos = Number.isFinite(x) && Number.isFinite(y) ? view.posAtCoords({ x, y }) : null;
  view.dispatch({ selection: { anchor: pos ?? 0 } });
  view.focus();
}

export function focusLine(view, lineNo) {
  const doc = view.state.doc;
  const line = doc.line(Math.max(1, Math.min(lineNo, doc.lines)));
  view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
  view.focus();
}

export function setCode(view, code) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
}

// A popup on screen (not a query still waiting for the kernel: keys then mean what they always do).
const completing = (view) => completionStatus(view.state) === "active";

/** Is Escape taken inside the editor (a completion popup, signature help or the search panel is open)? */
export function busy(view) {
  return completing(view) || signatureOpen(view.state) || searchPanelOpen(view.state);
}

export function cursorOnFirstLine(view) {
  if (completing(view)) return false;
  const sel = view.state.selection.main;
  return sel.empty && view.state.doc.lineAt(sel.head).number === 1;
}

export function cursorOnLastLine(view) {
  if (completing(view)) return false;
  const sel = view.state.selection.main;
  return sel.empty && view.state.doc.lineAt(sel.head).number === view.state.doc.lines;
}
