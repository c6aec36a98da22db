// What the shell says when a notebook file opened with problems (the kernel's
// `problems`: file line + message). The words are the site's own: a message's
// text only picks one of these, and only its line number is shown.

const KINDS = [
  [/kept as one cell/, null], // said by the caller: "not a marimo notebook"
  [/guard; it will be added/, null], // harmless: written back with it
  [/does not parse|is unparsable/, "cannot be parsed, kept as written"],
  [/also the name of/, "a cell name used twice"],
  [/outside any cell/, "text outside any cell, kept as a cell"],
  [/is dropped|are dropped/, "an option Rivulet does not keep when saving"],
  [/after the run guard|moved before/, "moved when saving"],
  [/header/, "code before `import marimo`, kept in the header"],
];

/** One sentence for the notice, or "" when there is nothing worth saying. */
export function problemsSentence(problems) {
  const parts = [];
  for (const problem of Array.isArray(problems) ? problems : []) {
    const message = String(problem?.message ?? "");
    const kind = KINDS.find(([pattern]) => pattern.test(message));
    const words = kind ? kind[1] : "not read as usual";
    if (words === null) continue;
    const line = Number.isInteger(problem?.line) && problem.line > 0 ? `line ${problem.line}: ` : "";
    parts.push(line + words);
  }
  if (!parts.length) return "";
  const shown = parts.slice(0, 3).join("; ") + (parts.length > 3 ? `; and ${parts.length - 3} more` : "");
  return `This file has problems (${shown}). \`rivulet check\` on the file lists them.`;
}
