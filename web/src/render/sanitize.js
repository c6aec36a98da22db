// Untrusted HTML (notebook outputs, rendered markdown) -> safe HTML, with
// DOMPurify. A notebook opened from a link is untrusted (ARCHITECTURE.md,
// "Security model"): its outputs must not run script in the page (which could
// read the notebooks autosaved in localStorage) nor restyle or cover the app.
//
// Kept: ordinary HTML, SVG and MathML; inline `style` attributes (minus
// `position: fixed|sticky` or written with var()/env()/attr(), and `all`); Rivulet's own custom elements `<rv-*>` with their
// `data-*` attributes; `<template>` (mo.lazy; its content is sanitized too);
// `<details name>`; data: URLs on media, on `<a download>` and on
// `<object>`/`<embed>` when the type cannot run script (mo.pdf);
// `<iframe src>` with `sandbox` forced on (no scripts, opaque origin).
// Dropped: <script>, <style>, <link>, <meta>, <base>, <form>, event-handler
// attributes, javascript: (and other script-capable) URLs, srcdoc, form
// targets, ids that look like the app's own (`rv-...`), and the attributes
// that reach the top layer (popover, popovertarget, commandfor, command,
// interestfor...). Links get rel="noopener noreferrer". Behind this:
// ./guard.js (links and the top layer at run time) and the page's CSP.
import createDOMPurify from "dompurify";

const purify = createDOMPurify(window); // our own instance: our hooks only
const HTML_NS = "http://www.w3.org/1999/xhtml";

// DOMPurify drops attribute values that could break out of markup if the
// result were serialized and parsed again ("-->", "</script", "</style"...).
// Our data-* attributes carry markdown and JSON that may well contain those
// (an HTML comment in mo.md, "</script>" in a code sample). The result here is
// never re-parsed (it is returned as DOM nodes), and data-* values are only
// read by our own elements, which sanitize what they render from them; so a
// data-* value on an HTML element is kept as it is.
const BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;
const stash = new Map(); // token -> original value, during one sanitize call

// data: URL types that a browser can render as a document able to run script.
const SCRIPTABLE_DATA = /^data:\s*(text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml|[^;,]*\+xml|text\/javascript|application\/javascript|application\/x-)/i;
// Embeddable (object/embed) data: types: PDFs and plain media.
const EMBEDDABLE_DATA = /^data:\s*(application\/pdf|image\/(png|jpe?g|gif|webp|avif|bmp)|audio\/|video\/)[^,]*,/i;

// Attributes that open an element in the top layer (above everything, outside
// the output's box) or invoke another element: popovers and their invokers,
// invoker commands (`commandfor` + `command="show-modal"`), interest invokers,
// and their older experimental names.
const TOP_LAYER_ATTRS = [
  "popover", "popovertarget", "popovertargetaction", "commandfor", "command", "interestfor",
  "interesttarget", "interestaction", "invoketarget", "invokeaction",
];

// Inline style values that could take an element out of its box: `position`
// fixed or sticky, or written through var()/env()/attr() so that the value is
// only known at computed-value time (`--p: fixed; position: var(--p)`).
const ESCAPING_POSITION = /fixed|sticky|var\(|env\(|attr\(|inherit|unset|revert/i;

const CONFIG = {
  ADD_TAGS: ["iframe", "object", "embed"],
  ADD_ATTR: ["target", "name", "open", "download", "type", "controls", "muted", "autoplay", "loop", "playsinline", "poster"],
  ADD_DATA_URI_TAGS: ["a"],
  FORBID_TAGS: ["script", "style", "link", "meta", "base", "form", "noscript", "frame", "frameset", "applet", "portal"],
  FORBID_ATTR: [
    "srcdoc", "action", "formaction", "formtarget", "formmethod", "formenctype", "form", "ping", "http-equiv",
    // the top layer: popovers, modal dialogs and invokers would put an output above the whole page
    ...TOP_LAYER_ATTRS,
  ],
  CUSTOM_ELEMENT_HANDLING: {
    tagNameCheck: /^rv-[a-z0-9-]+$/,
    attributeNameCheck: /^(data-[\w.:-]+|class|style|role|title|hidden|aria-[\w-]+)$/,
    allowCustomizedBuiltInElements: false,
  },
  ALLOW_DATA_ATTR: true,
  ALLOW_ARIA_ATTR: true,
  RETURN_DOM_FRAGMENT: true,
};

purify.addHook("uponSanitizeAttribute", (node, data) => {
  const tag = node.nodeName.toLowerCase();
  const name = data.attrName;
  const value = String(data.attrValue ?? "").trim();
  if (name.startsWith("data-") && node.namespaceURI === HTML_NS && BREAKOUT.test(data.attrValue)) {
    const token = `rv-kept-${stash.size}`;
    stash.set(token, data.attrValue);
    data.attrValue = token;
    data.forceKeepAttr = true;
    return;
  }
  // object/embed: only data: URLs of inert types (DOMPurify does not know `data`)
  if ((tag === "object" && name === "data") || (tag === "embed" && name === "src")) {
    if (EMBEDDABLE_DATA.test(value)) data.forceKeepAttr = true;
    else data.keepAttr = false;
    return;
  }
  if (tag === "object" && name === "codebase") data.keepAttr = false;
  // a data: link: a download, or a document type that cannot run script
  if (tag === "a" && (name === "href" || name === "xlink:href") && /^data:/i.test(value)) {
    if (!node.hasAttribute("download") && SCRIPTABLE_DATA.test(value)) data.keepAttr = false;
    return;
  }
  // ids that could shadow the app's own elements (#rv-header, #rv-notice...)
  if ((name === "id" || name === "name") && /^rv-/i.test(value)) data.keepAttr = false;
});

purify.addHook("afterSanitizeAttributes", (node) => {
  if (stash.size) {
    for (const { name, value } of [...(node.attributes ?? [])]) {
      if (name.startsWith("data-") && stash.has(value)) node.setAttribute(name, stash.get(value));
    }
  }
  const style = node.style;
  // Outputs stay in their box: nothing pinned over the editor or the header.
  if (style && node.hasAttribute("style")) {
    if (ESCAPING_POSITION.test(style.getPropertyValue("position"))) style.removeProperty("position");
    // `all: ...` resets every property at once (position included, and only
    // known at computed-value time with var()): never needed by an output.
    if (style.getPropertyValue("all")) style.removeProperty("all");
    if (!node.getAttribute("style").trim()) node.removeAttribute("style");
  }
  const tag = node.nodeName.toLowerCase();
  if (tag === "iframe") {
    node.setAttribute("sandbox", ""); // no scripts, no same-origin, no navigation of the app
    node.removeAttribute("srcdoc");
    node.setAttribute("referrerpolicy", "no-referrer");
  } else if ((tag === "object" && !node.hasAttribute("data")) || (tag === "embed" && !node.hasAttribute("src"))) {
    // nothing safe to show: keep only the fallback content of an <object>
    node.removeAttribute("type");
  }
  // links that open elsewhere never get a handle on this page (a link without
  // a target too: "open in new tab" from the context menu)
  if (node.hasAttribute?.("target")) {
    if (node.getAttribute("target") !== "_blank") node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  } else if ((tag === "a" || tag === "area") && node.hasAttribute("href")) {
    node.setAttribute("rel", "noopener noreferrer");
  }
});

/** Sanitized `html` as a DocumentFragment of this document. A fragment, not
 * a string: what was checked is what gets inserted, with no second parse. */
export function sanitizeHtml(html) {
  stash.clear();
  try {
    return purify.sanitize(String(html ?? ""), CONFIG);
  } finally {
    stash.clear();
  }
}

/** Replace `el`'s children with sanitized `html`. */
export function setSafeHtml(el, html) {
  el.replaceChildren(sanitizeHtml(html));
}

/** Keep an output box's content inside it: the box becomes the containing
 * block of positioned descendants (even ones an app class makes `fixed`) and
 * a stacking context, so no z-index in it rises above the app; the cell's
 * output area, a scroll container, clips what overflows. */
export function containOutput(el) {
  el.style.contain = "layout";
  el.style.isolation = "isolate";
}
