// text/html: untrusted (a notebook from a link), so sanitized first and kept
// inside its box (see ./sanitize.js); custom elements (<rv-md>, <rv-ui>,
// layouts), defined at startup, upgrade themselves.
// HTML with its own scripts runs them in a sandboxed frame (./scripted.js).
import { containOutput, setSafeHtml } from "./sanitize.js";
import { canFrame, hasScripts, renderScripted } from "./scripted.js";

export function renderHtml(el, data) {
  if (hasScripts(data) && canFrame()) return renderScripted(el, data);
  containOutput(el);
  setSafeHtml(el, data);
}
