// text/html: untrusted (a notebook from a link), so sanitized first and kept
// inside its box (see ./sanitize.js); custom elements (<rv-md>, <rv-ui>,
// layouts), defined at startup, upgrade themselves.
import { containOutput, setSafeHtml } from "./sanitize.js";

export function renderHtml(el, data) {
  containOutput(el);
  setSafeHtml(el, data);
}
