// Fetch a notebook file by URL, refusing what cannot be a notebook.
import { OpenError } from "./routing.js";

export const MAX_NOTEBOOK_CHARS = 5_000_000;

export async function fetchNotebook(file, base = location.href) {
  let url;
  try {
    url = new URL(file, base);
  } catch {
    throw new OpenError(`Could not open “${file}”: not a valid URL.`);
  }
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new OpenError(`Could not open “${file}”: ${err.message}.`);
  }
  if (!response.ok) {
    throw new OpenError(`Could not open “${file}”: the server answered ${response.status} ${response.statusText}.`);
  }
  return checkNotebookText(await response.text(), file);
}

export function checkNotebookText(text, what) {
  if (text.length > MAX_NOTEBOOK_CHARS) {
    throw new OpenError(`Could not open “${what}”: ${(text.length / 1e6).toFixed(1)} MB is too large for a notebook.`);
  }
  if (/\u0000|\ufffd/.test(text)) {
    throw new OpenError(`Could not open “${what}”: it is not a text file (a notebook is Python source, UTF-8).`);
  }
  return text;
}
