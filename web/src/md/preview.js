// Markdown-only cells render before the kernel is ready: recognise a cell
// whose whole code is `mo.md("""...""")` (any alias, r-strings, any quotes)
// and return its markdown, dedented like Python's inspect.cleandoc.
// Anything else (f-strings, string concatenation, other statements) -> null.

const CALL = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*\.\s*md\s*\(\s*([rRuU]?)("""|'''|"|')([\s\S]*)\2\s*,?\s*\)\s*(#[^\n]*)?\s*$/;

export function markdownOfCell(code) {
  const match = CALL.exec(String(code ?? ""));
  if (!match) return null;
  const [, prefix, quote, body] = match;
  if (!closesOnlyAtEnd(body, quote)) return null;
  const raw = prefix === "r" || prefix === "R";
  const text = raw ? body : unescape(body);
  return text == null ? null : cleandoc(text);
}

/** The body must not contain its own (unescaped) closing quote, nor a newline in a one-quote string. */
function closesOnlyAtEnd(body, quote) {
  if (quote.length === 1 && body.includes("\n")) return false;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") {
      i++;
      continue;
    }
    if (body.startsWith(quote, i)) return false;
  }
  return !body.endsWith("\\");
}

const SIMPLE = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

/** Python string escapes; null for ones this does not handle (\N{...}). */
function unescape(body) {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = body[++i];
    if (next in SIMPLE) out += SIMPLE[next];
    else if (next === "x" || next === "u" || next === "U") {
      const len = { x: 2, u: 4, U: 8 }[next];
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return null;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))[0];
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else if (next === "N") return null;
    else out += "\\" + next; // unknown escapes stay as written, as in Python
  }
  return out;
}

/** inspect.cleandoc: expand tabs, strip the first line's leading blanks and the
 * common indentation of the others, drop leading and trailing blank lines. */
export function cleandoc(text) {
  const lines = text.replace(/\t/g, "        ").split("\n");
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const stripped = line.trimStart();
    if (stripped) margin = Math.min(margin, line.length - stripped.length);
  }
  lines[0] = lines[0].trimStart();
  if (margin !== Infinity) for (let i = 1; i < lines.length; i++) lines[i] = lines[i].slice(margin);
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines.join("\n");
}
