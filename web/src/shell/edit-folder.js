// `rivulet edit FOLDER`: the folder's notebooks at `/` (a list of links to
// `/?open=PATH`), and a link back to it in the header while one is open.
// The list comes from the edit server (GET /__rivulet__/list, with the key);
// names are the folder's file names: shown as text, never as HTML.

/** Where a notebook of the folder opens. */
export const notebookHref = (path) => `/?open=${encodeURIComponent(path)}`;

/** Show the folder's notebooks in place of a notebook. */
export async function showFolder({ listUrl, key, notify }) {
  const section = document.createElement("section");
  section.id = "rv-folder";
  const heading = document.createElement("h1");
  heading.textContent = "Notebooks";
  const list = document.createElement("ul");
  section.append(heading, list);
  const notebook = document.getElementById("rv-notebook");
  if (notebook) notebook.hidden = true;
  (notebook ?? document.body).before(section);
  document.documentElement.dataset.folder = "true";

  let listing;
  try {
    const response = await fetch(listUrl, { headers: { "X-Rivulet-Key": key ?? "" }, cache: "no-store" });
    if (!response.ok) {
      throw new Error(
        response.status === 403
          ? "`rivulet edit` refused this page's key: open the link it printed in your terminal."
          : `the server answered ${response.status}`,
      );
    }
    listing = await response.json();
  } catch (err) {
    notify(`Could not list the folder's notebooks: ${err.message}`, "error");
    return;
  }
  const folder = typeof listing.folder === "string" ? listing.folder : "";
  heading.textContent = folder ? `Notebooks in ${folder}` : "Notebooks";
  document.title = folder ? `${folder} · Rivulet` : "Rivulet";
  const paths = Array.isArray(listing.notebooks) ? listing.notebooks.filter((p) => typeof p === "string") : [];
  for (const path of paths) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = notebookHref(path);
    link.textContent = path;
    link.dataset.notebookPath = path;
    item.append(link);
    list.append(item);
  }
  const note = document.createElement("p");
  if (!paths.length) note.textContent = "No marimo notebooks here yet: `rivulet new NAME.py` in this folder writes one (then reload this page).";
  else if (listing.truncated) note.textContent = "The folder holds more: this list stops at its limit.";
  else note.textContent = "`rivulet new NAME.py` in this folder adds one (then reload this page).";
  section.append(note);
}

/** A link back to the folder's list in the header, while one of its notebooks is open. */
export function folderLink() {
  const name = document.getElementById("rv-name");
  if (!name || document.getElementById("rv-folder-link")) return;
  const link = document.createElement("a");
  link.id = "rv-folder-link";
  link.href = "/";
  link.textContent = "All notebooks";
  link.title = "The notebooks of the folder `rivulet edit` serves";
  name.before(link);
}
