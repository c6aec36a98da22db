// Routing, pure: what a URL asks the site to open. No DOM, no storage; unit
// tested with `node --test` (web/test/routing.test.js).
//
// Routes:
//   {kind: "exported", text, name}  the notebook embedded in an exported page (`rivulet export`):
//                               comes first, whatever the URL says
//   {kind: "code", payload}     #code/<lz-string>   (marimo.app share links)
//   {kind: "text", text}        ?code=<encodeURIComponent of the file>
//   {kind: "file", file}        ?file=<url>
//   {kind: "link", payload}     #nb/<deflate-raw, base64url>  (Rivulet's shorter share links)
//   {kind: "new"}               ?new: a new notebook
//   {kind: "last"}              nothing: the last notebook edited here, else a new one
//   {kind: "edit", file, refused?}  on `rivulet edit`'s server: only its file opens;
//                                   `refused` names what the URL asked for instead
import LZString from "lz-string";
import { LINK_PREFIX } from "./links.js";

export class OpenError extends Error {}

/**
 * Display options from the query string (marimo's names): mode=read|edit,
 * embed=true, show-code, include-code=false, theme=light|dark (else the
 * system's). `unknown` lists a mode that was asked for and not understood.
 */
export function viewOptions(search, defaultMode = "edit") {
  const params = new URLSearchParams(search);
  const asked = params.get("mode") ?? defaultMode;
  const flag = (name) => params.has(name) && !["false", "0", "no"].includes(params.get(name));
  const theme = params.get("theme");
  return {
    mode: asked === "read" ? "read" : "edit",
    embed: params.get("embed") === "true",
    showCode: flag("show-code"),
    includeCode: params.get("include-code") !== "false",
    theme: theme === "light" || theme === "dark" ? theme : null,
    unknownMode: asked === "read" || asked === "edit" ? null : asked,
    fresh: params.has("new"),
  };
}

/**
 * The notebook a URL asks for. `editFile` is set on `rivulet edit`'s server
 * (the URL of the one file it edits): there, foreign notebooks never open.
 */
export function route(href, { editFile = null, exported = null } = {}) {
  if (exported) return { kind: "exported", text: exported.text, name: exported.name };
  const url = new URL(href);
  const params = url.searchParams;
  const hash = url.hash;
  let asked = { kind: params.has("new") ? "new" : "last" };
  if (hash.startsWith(`#${LINK_PREFIX}/`)) asked = { kind: "link", payload: hash.slice(LINK_PREFIX.length + 2) };
  else if (hash.startsWith("#code/")) asked = { kind: "code", payload: hash.slice("#code/".length) };
  else if (params.has("code")) asked = { kind: "text", text: params.get("code") };
  else if (params.get("file")) asked = { kind: "file", file: params.get("file") };
  if (!editFile) return asked;
  const own = asked.kind === "last" || asked.kind === "new" || (asked.kind === "file" && sameUrl(asked.file, editFile, url));
  return own ? { kind: "edit", file: editFile } : { kind: "edit", file: editFile, refused: asked.kind };
}

function sameUrl(a, b, base) {
  try {
    const x = new URL(a, base);
    const y = new URL(b, base);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/** The notebook text of a #code/ payload; OpenError when it is damaged. */
export function decodeCode(payload) {
  let text = null;
  try {
    text = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  // Garbage payloads decode to null, "", or text full of control characters.
  if (!text || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) || !/\S/.test(text)) {
    throw new OpenError(
      "This link's notebook could not be decoded (the #code/ part of the URL is damaged or truncated).",
    );
  }
  return text;
}

/** The file name a notebook URL suggests ("notebook.py" when none). */
export function basename(path) {
  let name = "";
  try {
    name = decodeURIComponent(String(path).split(/[?#]/)[0].split("/").pop() || "");
  } catch {
    name = "";
  }
  return name || "notebook.py";
}
