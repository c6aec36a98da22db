// mo.ui.anywidget: a widget from the anywidget ecosystem, its module (`esm`,
// the notebook's own JavaScript) run in an <iframe sandbox="allow-scripts">
// of its own (output-frame.html: an opaque origin, no access to this page,
// the site's storage or navigation), with anywidget's model inside
// (./anywidget_frame.js). The page is the go-between:
// - what the frame saves (model.save_changes) goes to the kernel as the
//   widget's value, once checked: only from that frame's window, only known
//   kinds, only the traits the kernel sent, at most MAX_STATE characters of JSON;
// - what Python changes (a `ui_value` event, `receive`) goes to the frame;
// - custom messages (anywidget's model.send / msg:custom) go both ways: the
//   frame's as a bubbling `rv-ui-message` {id, content} (at most MAX_MESSAGES
//   a second, each at most MAX_STATE characters of JSON), Python's by `message`.
// The frame sizes itself to its content, as scripted outputs do.
import { h } from "./dom.js";
import { FRAME_HTML } from "./anywidget_frame.js";

const SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox";
const MAX_STATE = 4 * 1024 * 1024; // characters of JSON in one save
const MAX_HEIGHT = 5000; // px
const READY_WITHIN = 8000; // ms for the frame's page to load
const MAX_MESSAGES = 50; // custom messages a frame may send to Python in a second

// a sandboxed frame's page loads only from a site served over http(s) (not a single-file export)
const canFrame = () => /^https?:$/.test(globalThis.location?.protocol ?? "");
const plain = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** What of a frame's save goes to Python, or null: the traits the kernel sent (others are
 *  dropped: the module may set names of its own), as JSON of at most MAX_STATE characters. */
export function checkSave(state, known) {
  if (!plain(state)) return null;
  const names = Object.keys(state).filter((name) => Object.hasOwn(known, name));
  if (!names.length) return null;
  let text;
  try {
    text = JSON.stringify(Object.fromEntries(names.map((name) => [name, state[name]])));
  } catch {
    return null;
  }
  return text.length <= MAX_STATE ? JSON.parse(text) : null;
}

/** A custom message's content as JSON (a copy), or undefined when it cannot go to Python. */
export function checkMessage(content) {
  try {
    const text = JSON.stringify(content ?? null);
    return text.length <= MAX_STATE ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** True while fewer than `limit` calls were allowed in the last second. */
function rateLimit(limit, now = () => performance.now()) {
  const times = [];
  return () => {
    const t = now();
    while (times.length && t - times[0] > 1000) times.shift();
    if (times.length >= limit) return false;
    times.push(t);
    return true;
  };
}

const entries = new Set(); // {frame, ctx, state, loaded, live}

function onMessage(event) {
  let entry = null;
  for (const candidate of entries) if (candidate.frame.contentWindow === event.source) entry = candidate;
  if (!entry || !event.source || !plain(event.data)) return;
  const data = event.data;
  const post = (message) => event.source.postMessage(message, "*"); // an opaque origin: "*"
  if (data.kind === "rivulet-output-frame-ready") {
    entry.loaded = true; // (again after the frame was moved, which reloads it)
    entry.live = false;
    clearTimeout(entry.timer);
    post({ kind: "rivulet-output", html: FRAME_HTML });
  } else if (!entry.loaded) {
    return;
  } else if (data.kind === "rivulet-anywidget-ready") {
    entry.live = true;
    const { esm = "", css = "" } = entry.ctx.props;
    const scheme = document.documentElement.dataset.theme ?? ""; // ?theme=light|dark
    post({ kind: "rivulet-anywidget-init", esm: String(esm), css: String(css), state: entry.state, scheme });
  } else if (data.kind === "rivulet-output-height") {
    const height = Number(data.height);
    if (Number.isFinite(height)) entry.frame.style.height = `${Math.min(MAX_HEIGHT, Math.max(16, Math.ceil(height)))}px`;
  } else if (data.kind === "rivulet-anywidget-save" && entry.live) {
    const state = checkSave(data.state, entry.state);
    if (!state) return;
    Object.assign(entry.state, state);
    entry.ctx.emit(state);
  } else if (data.kind === "rivulet-anywidget-send" && entry.live) {
    const content = checkMessage(data.content);
    if (content === undefined || !entry.allowMessage()) return;
    const detail = { id: entry.ctx.id, content };
    entry.ctx.host.dispatchEvent(new CustomEvent("rv-ui-message", { detail, bubbles: true, composed: true }));
  }
}

let listening = false;

export function anywidget(ctx) {
  const name = String(ctx.props.name ?? "widget");
  if (!canFrame()) {
    return { node: h("div", { role: "note", class: "rv-ui-note", text: `${name}: this widget's JavaScript runs only on a site served over http(s).` }) };
  }
  if (!listening) {
    globalThis.addEventListener("message", onMessage);
    listening = true;
  }
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", SANDBOX);
  frame.title = `${name} (a widget whose JavaScript runs isolated from this page)`;
  frame.className = "rv-anywidget-frame";
  frame.dataset.anywidgetFrame = "";
  frame.style.cssText = "display:block;width:100%;height:40px;border:0;background:transparent";
  frame.src = new URL("../output-frame.html", import.meta.url).href;
  const node = h("div", { class: "rv-anywidget" }, frame);
  const state = plain(ctx.value) ? { ...ctx.value } : {};
  const entry = { frame, ctx, state, loaded: false, live: false, timer: 0, allowMessage: rateLimit(MAX_MESSAGES) };
  entries.add(entry);
  entry.timer = setTimeout(() => {
    if (!entry.loaded && frame.isConnected) node.replaceChildren(h("div", { role: "note", class: "rv-ui-note", text: `${name}: the widget's frame could not be loaded here.` }));
  }, READY_WITHIN);
  const receive = (value) => {
    if (!plain(value)) return;
    Object.assign(entry.state, value);
    if (entry.live) frame.contentWindow?.postMessage({ kind: "rivulet-anywidget-update", state: value }, "*");
  };
  return {
    node,
    receive,
    message(content) {
      if (entry.live) frame.contentWindow?.postMessage({ kind: "rivulet-anywidget-message", content }, "*");
    },
    setValue: receive, // another copy of this widget on the page saved
    refresh: receive, // the kernel showed it again
    destroy() {
      clearTimeout(entry.timer);
      entries.delete(entry);
    },
  };
}
