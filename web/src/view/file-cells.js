// A quick, forgiving split of a marimo notebook file into cells, for showing
// the notebook (code, and markdown-only cells rendered) while the kernel
// boots. The kernel's own reader (kernel_py/notebook_file.py) is the
// authority: its `notebook` event replaces this preview.

const DECORATOR = /^@app\.(cell|function|class_definition)\b(.*)$/;
const DEF = /^(async\s+)?def\s+(\w+)\s*\(/;

export function splitCells(text) {
  const lines = String(text ?? "").replace(/\r\n?/g, "\n").split("\n");
  const cells = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^with app\.setup\b.*:\s*$/.test(lines[i])) {
      let end = i + 1;
      while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end]))) end++;
      const body = trimBlank(lines.slice(i + 1, end)).map((l) => l.slice(4)).join("\n");
      cells.push({ name: "setup", code: body, config: { hide_code: /hide_code\s*=\s*True/.test(lines[i]) } });
      i = end - 1;
      continue;
    }
    const deco = DECORATOR.exec(lines[i]);
    if (!deco) continue;
    const kind = deco[1];
    const config = {
      hide_code: /hide_code\s*=\s*True/.test(deco[2]),
      disabled: /disabled\s*=\s*True/.test(deco[2]),
    };
    let j = i + 1;
    while (j < lines.length && !DEF.test(lines[j]) && !/^class\s/.test(lines[j])) j++;
    if (j >= lines.length) break;
    const name = (DEF.exec(lines[j]) ?? [])[2] ?? "_";
    // the signature may span lines: `def _(\n    a,\n):`
    let start = j;
    while (start < lines.length - 1 && !lines[start].trimEnd().endsWith(":")) start++;
    let end = start + 1;
    while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end]))) end++;
    if (kind !== "cell") {
      // a function or class keeps its own decorators (those under @app.function)
      cells.push({ name, code: trimBlank(lines.slice(i + 1, end)).join("\n"), config });
    } else {
      cells.push({ name, code: cellBody(lines.slice(start + 1, end)), config });
    }
    i = end - 1;
  }
  return cells;
}

function cellBody(body) {
  body = trimBlank(body);
  for (let k = body.length - 1; k >= 0; k--) {
    if (/^ {4}return\b/.test(body[k])) {
      body = trimBlank(body.slice(0, k));
      break;
    }
    if (/^ {4}[)\]]/.test(body[k]) || /^ {5,}/.test(body[k])) continue; // a wrapped return
    if (/^ {4}\S/.test(body[k])) break;
  }
  // lines indented less than the body (blank lines in strings) stay as they are
  return body.map((line) => (line.startsWith("    ") ? line.slice(4) : line)).join("\n");
}

function trimBlank(lines) {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === "") end--;
  return lines.slice(0, end);
}

export function appWidth(text) {
  return /marimo\.App\([^)]*width\s*=\s*["'](\w+)["']/.exec(String(text ?? ""))?.[1];
}
