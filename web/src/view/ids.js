// New cell ids: four random letters, like marimo's ("Hbol", "MJUe", ...).
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function newCellId(taken) {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(4));
    const id = Array.from(bytes, (b) => LETTERS[b % LETTERS.length]).join("");
    if (!taken.has(id)) return id;
  }
}
