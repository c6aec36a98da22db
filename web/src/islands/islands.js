// Islands (`rivulet export NOTEBOOK --islands -o DIR`): a snippet of
// pre-rendered outputs pasted into any page, hydrated by this script.
//
// The snippet (DIR/islands.html): the notebook in a non-executing
// <script type="application/json" id="rv-export"> block, one
// <div data-rivulet-island="CELL_ID"> of static HTML per cell with output,
// and <script type="module" src=".../assets/rivulet-islands.js">. This script
// boots the kernel (its worker and Pyodide from DIR, same origin as the page),
// runs the notebook in a hidden notebook view, and once the run is done moves
// each cell's live output into its island (widgets then work): the island
// gets data-rivulet-state="live". Until then, and if the kernel cannot
// start, the static HTML stays.

/* global RIVULET_ISLANDS_CSS */
import "../style.css"; // the view's styles, in rivulet-islands.css
import { startKernel } from "../kernel.js";
import { createReplies, request } from "../protocol.js";
import { defineMarkdown } from "../md/index.js";
import { defineLayout } from "../layout/index.js";
import { exportFiles, readExport } from "../shell/prerender.js";

const exported = readExport();
const islands = [...document.querySelectorAll("[data-rivulet-island]")];

function style() {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL(RIVULET_ISLANDS_CSS, import.meta.url).href;
  document.head.append(link);
}

async function hydrate() {
  if (!exported || !islands.length) return;
  style();
  defineMarkdown();
  defineLayout();
  const { mountNotebook } = await import("../view/notebook.js");
  const hidden = document.createElement("div");
  hidden.hidden = true;
  hidden.dataset.rivuletIslandsView = "";
  document.body.append(hidden);
  const replies = createReplies();
  let ready = false;
  let view = null;
  const send = (fields) => {
    const message = request(fields);
    replies.sent(message);
    return kernel.send(message);
  };
  const kernel = startKernel({
    mode: "read",
    queryParams: {},
    files: exportFiles(exported, new URL("../", import.meta.url).href),
    onEvent(event) {
      if (!replies.accept(event)) return;
      view.handle(event);
      if (event.type === "done" && ready) goLive(hidden);
    },
    onReady: () => (ready = true),
    onDead: (message) => {
      for (const island of islands) island.dataset.rivuletState = "static";
      console.warn(`rivulet islands: the outputs stay as exported (${message})`);
    },
  });
  view = mountNotebook(hidden, { send, notify: (m) => console.warn("rivulet:", m), mode: "read" });
  view.preview(exported.text, exported.cells);
  send({ type: "open", text: exported.text, run: true });
}

let live = false;
function goLive(view) {
  if (live) return;
  live = true;
  for (const island of islands) {
    const id = island.dataset.rivuletIsland;
    const cell = [...view.querySelectorAll("[data-cell-id]")].find((c) => c.dataset.cellId === id);
    const output = cell?.querySelector("[data-cell-output]");
    if (!output) continue;
    output.classList.add("rv-island-output");
    island.replaceChildren(output);
    // widgets tell the view their values by events bubbling to its root: relay them there
    for (const type of ["rv-ui-value", "rv-ui-message"]) {
      island.addEventListener(type, (e) => {
        e.stopPropagation();
        view.dispatchEvent(new CustomEvent(type, { detail: e.detail }));
      });
    }
    island.dataset.rivuletState = "live";
  }
}

hydrate().catch((err) => console.error("rivulet islands:", err));
