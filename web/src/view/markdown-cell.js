// Markdown cells: a cell whose whole code is `mo.md(...)` is shown as its
// rendered markdown and edited as markdown; the file keeps Python, written
// as marimo writes it: mo.md(r"""...""").
import { markdownOfCell } from "../md/preview.js";

export { markdownOfCell };

/** The Python code of a markdown cell. */
export function wrapMarkdown(md) {
  const text = String(md ?? "");
  if (!text.includes('"""')) return `mo.md(r"""\n${text}\n""")`;
  const escaped = text.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"');
  return `mo.md("""\n${escaped}\n""")`;
}

const IMPORTS_MO = /^\s*import\s+marimo\s+as\s+mo\s*(#.*)?$/m;

/** Does some cell import marimo as mo? */
export const importsMo = (codes) => codes.some((code) => IMPORTS_MO.test(code));
