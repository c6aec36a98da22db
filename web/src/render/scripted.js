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
  if (event.data.kind === "rivulet-output-frame-ready" && !entry.ready) {
    entry.ready = true;
    clearTimeout(entry.timer);
    event.source.postMessage({ kind: "rivulet-output", html: entry.html }, "*"); // opaque origin: "*"
  } else if (event.data.kind === "rivulet-output-height" && entry.ready) {
    const height = Number(event.data.height);
    if (Number.isFinite(height)) entry.frame.style.height = `${Math.min(MAX_HEIGHT, Math.max(24, Math.ceil(height)))}px`;
  }
}

let listening = false;

export function renderScripted(el, html) {
  if (!listening) {
    globalThis.addEventListener("message", onMessage);
    listening = true;
  }
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", SANDBOX);
  frame.title = "Notebook output (its scripts run isolated from this page)";
  frame.className = "rv-scripted-output";
  frame.dataset.scriptedOutput = "";
  frame.style.cssText = "display:block;width:100%;height:150px;border:0;background:transparent";
  el.append(frame);
  frame.src = new URL("../output-frame.html", import.meta.url).href;
  const entry = { frame, html, ready: false, timer: 0 };
  frames.add(entry);
  entry.timer = setTimeout(() => {
    frames.delete(entry);
    if (entry.ready || !frame.isConnected) return;
    containOutput(el);
    setSafeHtml(el, html);
    el.dataset.scriptsOff = "";
  }, READY_WITHIN);
}
