// Document-wide guards for what outputs can do once they are on screen, a
// second line behind the sanitizer (./sanitize.js) that also covers DOM that
// libraries build from untrusted data (charts, plotly text, markdown):
//
// - Links in an output that open another window (a target other than _self,
//   a middle click, Ctrl/Cmd/Shift+click) are opened by us with
//   noopener+noreferrer, so the new page never gets `window.opener` on the
//   app; only http(s), mailto and tel links navigate at all (blob:/data:
//   download links download). Plotly's inline `onclick` popups never run.
// - Nothing in an output enters the top layer: opening a popover is
//   cancelled, invoker commands (`commandfor`) are cancelled, and a popover or
//   modal dialog that opens anyway (script in a library) is closed at once.

const OUTPUT = "[data-cell-output], rv-vega, rv-plotly, rv-md";
const NAVIGABLE = new Set(["http:", "https:", "mailto:", "tel:"]);

const inOutput = (node) => node instanceof Element && !!node.closest(OUTPUT);

function linkOf(event) {
  for (const node of event.composedPath()) {
    if (!(node instanceof Element)) continue;
    if ((node.localName === "a" || node.localName === "area") && (node.hasAttribute("href") || node.hasAttribute("xlink:href"))) {
      return node;
    }
    if (node.matches(OUTPUT)) return null; // only links inside the output
  }
  return null;
}

function hrefOf(link) {
  if (typeof SVGAElement !== "undefined" && link instanceof SVGAElement) return link.href.baseVal;
  return link.getAttribute("href") ?? link.getAttribute("xlink:href") ?? "";
}

function onLinkActivation(event) {
  if (event.type === "auxclick" && event.button !== 1) return;
  if (event.type === "click" && event.button !== 0) return;
  const link = linkOf(event);
  if (!link || !inOutput(link)) return;
  let url;
  try {
    url = new URL(hrefOf(link).trim(), document.baseURI);
  } catch {
    url = null;
  }
  const download = link.hasAttribute("download") && url && (url.protocol === "blob:" || url.protocol === "data:");
  if (download) return; // a download (blob: downloads are inert types, see layout/index.js)
  const stop = () => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  if (!url || !NAVIGABLE.has(url.protocol)) return stop();
  const target = (link.getAttribute("target") ?? "").trim().toLowerCase();
  const newWindow = event.type === "auxclick" || event.ctrlKey || event.metaKey || event.shiftKey || (target !== "" && target !== "_self");
  if (!newWindow) return; // an ordinary link: the browser follows it in this tab
  stop();
  window.open(url.href, "_blank", "noopener,noreferrer");
}

function closeTopLayer(el) {
  try {
    if (el.matches(":popover-open")) el.hidePopover();
  } catch {}
  if (el.localName === "dialog" && el.matches(":modal")) el.close();
}

let installed = false;

/** Install the guards on the document (idempotent). */
export function installOutputGuards() {
  if (installed) return;
  installed = true;
  document.addEventListener("click", onLinkActivation, true);
  document.addEventListener("auxclick", onLinkActivation, true);
  document.addEventListener(
    "beforetoggle",
    (event) => {
      if (event.newState === "open" && inOutput(event.target) && event.target.localName !== "details") {
        if (event.cancelable) event.preventDefault();
      }
    },
    true,
  );
  document.addEventListener(
    "toggle",
    (event) => {
      if (event.newState === "open" && inOutput(event.target)) closeTopLayer(event.target);
    },
    true,
  );
  // invoker commands (commandfor/command): cancelled when either end is in an output
  for (const type of ["command", "interest"]) {
    document.addEventListener(
      type,
      (event) => {
        if (inOutput(event.target) || inOutput(event.source)) event.preventDefault();
      },
      true,
    );
  }
}
