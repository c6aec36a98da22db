// The command palette: Ctrl/Cmd+Shift+P (or Ctrl/Cmd+K) opens a filterable
// list of every command the editor has. The shell and the notebook view each
// define theirs here (`defineCommands`): one registry, which the palette reads.
// Arrow keys move, Enter runs, Escape closes and focus goes back where it was.
// A combobox (the filter) owning a listbox; the active option is its
// aria-activedescendant, so focus never leaves the filter.
import { h, nextId } from "../dom.js";

/** id -> {id, label, keys?, words?, run, when?} (`when()` false hides it for now). */
const registry = new Map();

/** Add commands (a command with an id already there replaces it). */
export function defineCommands(list) {
  for (const command of list) registry.set(command.id, command);
}

/** The commands available now, in the order they were defined. */
export function availableCommands() {
  return [...registry.values()].filter((c) => !c.when || c.when());
}

/** How well `query` matches `text`: 0 = not at all; word starts beat substrings beat scattered letters. */
export function matchScore(query, text) {
  const q = query.trim().toLowerCase();
  if (!q) return 1;
  const t = text.toLowerCase();
  let score = 0;
  for (const term of q.split(/\s+/)) {
    const at = t.indexOf(term);
    if (at >= 0) score += at === 0 || /\W/.test(t[at - 1]) ? 3 : 2;
    else if (scattered(term, t)) score += 1;
    else return 0;
  }
  return score;
}

function scattered(term, text) {
  let i = 0;
  for (const ch of text) if (ch === term[i]) i += 1;
  return i === term.length;
}

/** The commands matching `query`, best first (ties keep the registry's order). */
export function filterCommands(commands, query) {
  return commands
    .map((c, i) => ({ c, i, s: matchScore(query, `${c.label} ${c.words ?? ""}`) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.c);
}

let palette = null;

function build() {
  const listId = nextId("rv-palette-list");
  const dialog = h("dialog", { class: "rv-palette", "aria-label": "Command palette", "data-command-palette": "" });
  const input = h("input", {
    type: "text",
    class: "rv-palette-filter",
    role: "combobox",
    "aria-label": "Type a command",
    "aria-controls": listId,
    "aria-expanded": "true",
    "aria-autocomplete": "list",
    placeholder: "Type a command…",
    spellcheck: "false",
    autocomplete: "off",
  });
  const list = h("ul", { class: "rv-palette-list", role: "listbox", id: listId, "aria-label": "Commands" });
  const empty = h("p", { class: "rv-palette-empty", text: "No command matches.", hidden: true });
  dialog.append(input, list, empty);
  document.body.append(dialog);

  let shown = [];
  let active = 0;
  let back = null;

  function render() {
    shown = filterCommands(availableCommands(), input.value);
    active = Math.min(active, Math.max(0, shown.length - 1));
    list.replaceChildren(
      ...shown.map((command, i) => {
        const option = h(
          "li",
          { role: "option", id: `${listId}-${i}`, "data-command": command.id, "aria-selected": String(i === active) },
          h("span", { class: "rv-palette-label", text: command.label }),
        );
        if (command.keys) option.append(h("kbd", { text: command.keys }));
        option.addEventListener("pointerdown", (e) => e.preventDefault()); // the filter keeps focus
        option.addEventListener("click", () => runAt(i));
        return option;
      }),
    );
    empty.hidden = shown.length > 0;
    mark();
  }

  function mark() {
    list.querySelectorAll("[role=option]").forEach((o, i) => o.setAttribute("aria-selected", String(i === active)));
    const option = list.children[active];
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  // focus goes back at once (the close event comes later), before a command moves it
  function restoreFocus() {
    if (back?.isConnected) back.focus({ preventScroll: true });
    back = null;
  }

  function close() {
    if (dialog.open) dialog.close();
    restoreFocus();
  }

  function runAt(i) {
    const command = shown[i];
    if (!command) return;
    close();
    command.run();
  }

  input.addEventListener("input", () => {
    active = 0;
    render();
  });
  input.addEventListener("keydown", (e) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 5, PageUp: -5 }[e.key];
    if (step && shown.length) {
      e.preventDefault();
      active = Math.max(0, Math.min(shown.length - 1, active + step));
      mark();
    } else if (e.key === "Home" && e.ctrlKey) {
      e.preventDefault();
      active = 0;
      mark();
    } else if (e.key === "End" && e.ctrlKey) {
      e.preventDefault();
      active = Math.max(0, shown.length - 1);
      mark();
    } else if (e.key === "Enter") {
      e.preventDefault();
      runAt(active);
    }
  });
  dialog.addEventListener("close", restoreFocus); // Escape closes a modal <dialog> by itself
  dialog.addEventListener("click", (e) => e.target === dialog && close()); // the backdrop

  return {
    open() {
      if (dialog.open) return input.focus();
      back = document.activeElement;
      input.value = "";
      active = 0;
      render();
      dialog.showModal();
      input.focus();
    },
    close,
  };
}

/** Open the palette (it is built on first use). */
export function openPalette() {
  palette ??= build();
  palette.open();
}

/** Ctrl+Shift+P and Ctrl+K (Cmd on a Mac, where Ctrl+K and Ctrl+Shift+P edit
 *  text, emacs-style) open the palette, from anywhere in the page. */
export function paletteShortcut() {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  document.addEventListener(
    "keydown",
    (e) => {
      if (!(mac ? e.metaKey : e.ctrlKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if ((e.shiftKey && key === "p") || (!e.shiftKey && key === "k")) {
        e.preventDefault();
        e.stopPropagation();
        openPalette();
      }
    },
    true,
  );
}
