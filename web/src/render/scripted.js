// text/html that carries its own <script>s (an interactive chart library's
// HTML, a notebook's hand-made widget): rather than stripped, its scripts run
// in an <iframe sandbox="allow-scripts"> of their own (output-frame.html at
// the site's root), whose origin is opaque: they cannot read the site's
// storage, cookies or this page, nor navigate it. The frame gets the HTML by a
// message and reports its height; the page believes only those two messages,
// and only from that frame's window. Where the frame's page cannot load (a
// single-file export, offline: a sandboxed frame is not served by the service
// worker), the output falls back to the sanitized HTML, without its scripts.

import { containOutput, setSafeHtml } from "./sanitize.js";

const READY_WITHIN = 8000; // ms before falling back to the sanitized HTML
const MAX_HEIGHT = 5000; // px: the output area scrolls beyond its own limit anyway
const SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox";

export { hasScripts } from "./has-scripts.js";

/** Can this page frame outputs (a site served over http(s))? */
export function canFrame(loc = globalThis.location) {
  return /^https?:$/.test(loc?.protocol ?? "");
}

// {frame, html, ready, timer}: the frame is matched by its window when a
// message comes (it has none until it is in the document).
const frames = new Set();

function onMessage(event) {
  if (!event.source || event.data === null || typeof event.data !== "object") return;
  let entry = null;
  for (const candidate of frames) {
    if (!candidate.frame.isConnected && candidate.ready) frames.delete(candidate); // a removed output
    else if (candidate.frame.contentWindow === event.source) entry = candidate;
  }
  if (!entry) return;
  // (again when the frame's page loads anew: a frame moved in the document reloads, blank)
  if (event.data.kind === "rivulet-output-frame-ready") {
    entry.ready = true;
    clearTimeout(entry.timer);
    event.source.postMessage({ kind: "rivulet-output", html: entry.html, theme: pageTheme() }, "*"); // opaque origin: "*"
  } else if (event.data.kind === "rivulet-output-height" && entry.ready) {
    const height = Number(event.data.height);
    if (Number.isFinite(height)) entry.frame.style.height = `${Math.min(MAX_HEIGHT, Math.max(24, Math.ceil(height)))}px`;
  }
}

// The page's chosen theme ("light" | "dark"; null: the system's, shell/theme.js).
// A frame's color-scheme is the page's, so its prefers-color-scheme and its
// default colours follow the page; the frame's page is told too (and on each change).
const pageTheme = () => document.documentElement.dataset.theme ?? null;

function retheme() {
  const theme = pageTheme();
  for (const frame of document.querySelectorAll("iframe[data-scripted-output]")) {
    frame.style.colorScheme = theme ?? "";
    frame.contentWindow?.postMessage({ kind: "rivulet-theme", theme }, "*");
  }
}

let listening = false;

export function renderScripted(el, html) {
  if (!listening) {
    globalThis.addEventListener("message", onMessage);
    document.documentElement.addEventListener("rv-theme", retheme);
    listening = true;
  }
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", SANDBOX);
  frame.title = "Notebook output (its scripts run isolated from this page)";
  frame.className = "rv-scripted-output";
  frame.dataset.scriptedOutput = "";
  frame.style.cssText = "display:block;width:100%;height:150px;border:0;background:transparent";
  frame.style.colorScheme = pageTheme() ?? "";
  el.append(frame);
  frame.src = new URL("../output-frame.html", import.meta.url).href;
  const entry = { frame, html, ready: false, timer: 0 };
  frames.add(entry);
  entry.timer = setTimeout(() => {
    if (entry.ready) return; // kept while on screen: its height changes, it may reload (onMessage drops it once removed)
    frames.delete(entry);
    if (!frame.isConnected) return;
    containOutput(el);
    setSafeHtml(el, html);
    el.dataset.scriptsOff = "";
  }, READY_WITHIN);
}
