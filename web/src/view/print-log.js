// The side panel's "Printed" log: what every cell printed (stdout, stderr),
// in the order it arrived, each entry naming its cell (a click goes there).
// Kept for the page's life within print-log-rules.js's caps; drawn only while
// the panel is open. Text is set with textContent: it is the notebook's.
import { h } from "../dom.js";
import { addPrinted, closeEntries } from "./print-log-rules.js";

export function printLog({ cellLink, visible }) {
  const log = { entries: [], chars: 0 };
  const list = h("ol", { class: "print-log", "aria-label": "Printed output" });
  const empty = h("p", { class: "panel-empty", text: "Nothing printed yet." });
  const clear = h("button", { type: "button", class: "link", text: "Clear" });
  const forget = () => {
    log.entries.length = 0;
    log.chars = 0;
    render();
  };
  clear.addEventListener("click", forget);
  const item = (entry) =>
    h("li", { "data-stream": entry.stream }, h("span", { class: "print-log-cell" }, cellLink(entry.cell) || "a deleted cell"),
      h("pre", { text: entry.text }));

  function render() {
    list.replaceChildren(...log.entries.map(item));
    empty.hidden = log.entries.length > 0;
    clear.hidden = log.entries.length === 0;
  }

  return {
    nodes: [h("h2", {}, "Printed ", clear), empty, list],
    render,
    printed(event) {
      if (typeof event.text !== "string" || !event.text) return;
      const how = addPrinted(log, { cell: event.cell, stream: event.stream === "stderr" ? "stderr" : "stdout", text: event.text });
      if (!visible()) return;
      if (how === "joined") list.lastElementChild.querySelector("pre").textContent = log.entries.at(-1).text;
      else if (how === "added") (list.append(item(log.entries.at(-1))), (empty.hidden = true), (clear.hidden = false));
      else render();
    },
    /** Another notebook was opened: its log starts empty. */
    clear: forget,
    /** A cell started running: its prints start a new entry. */
    running() {
      closeEntries(log);
    },
  };
}
