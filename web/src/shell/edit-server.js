// `rivulet edit`'s server: the page it serves carries
// <meta name="rivulet-edit" content="/__rivulet__/file">, and the URL it
// prints carries this session's key in the fragment (#key=...). The key is
// moved into sessionStorage and out of the address bar at once, so neither
// the notebook's Python (mo.query_params, its worker) nor a copied URL sees
// it. Reading and writing the file need the key (X-Rivulet-Key).
//
// On that origin only the served file opens; foreign notebooks (#code/,
// other ?file=) are refused, and save-back goes only to that file, only
// after it was opened.

const KEY = "rivulet:edit-key";

/** The edit server's file URL, or null on an ordinary site. */
export function editServerFile(doc = document) {
  const meta = doc.querySelector('meta[name="rivulet-edit"]');
  const file = meta?.getAttribute("content");
  return file && file.startsWith("/") && !file.startsWith("//") ? file : null;
}

/** Take the key out of the URL (keeping it for this tab); returns it or null. */
export function takeKey() {
  const match = /^#key=([A-Za-z0-9_-]{16,})$/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(KEY, match[1]);
    history.replaceState(history.state, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY);
}

export function createEditServer(file, key, { notify }) {
  const url = new URL(file, location.href);
  let opened = false;
  let lastSaved = null;
  const headers = (extra = {}) => ({ "X-Rivulet-Key": key ?? "", ...extra });

  return {
    file,
    name: "notebook.py",
    async read() {
      if (!key) {
        throw new Error(
          "This is `rivulet edit`'s server: open the link it printed in your terminal (it carries this session's key).",
        );
      }
      const response = await fetch(url, { headers: headers(), cache: "no-store" });
      if (!response.ok) {
        throw new Error(
          response.status === 403
            ? "`rivulet edit` refused this page's key: open the link it printed in your terminal."
            : `Could not read ${url.pathname}: the server answered ${response.status}.`,
        );
      }
      const text = await response.text();
      const disposition = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get("content-disposition") ?? "");
      try {
        this.name = disposition ? decodeURIComponent(disposition[1]) : "notebook.py";
      } catch {
        this.name = "notebook.py";
      }
      opened = true;
      lastSaved = text;
      return text;
    },
    /** Write the notebook back to the file (only once it was opened from it); true once the file has it. */
    async save(text) {
      if (!opened) return false;
      if (text === lastSaved) return true;
      try {
        const response = await fetch(url, {
          method: "PUT",
          body: text,
          headers: headers({ "Content-Type": "text/x-python; charset=utf-8" }),
        });
        if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
        lastSaved = text;
        document.documentElement.dataset.saved = "true";
        return true;
      } catch (err) {
        notify(`Could not save to ${url.pathname}: ${err.message}. Your edits are kept in this browser.`, "warning");
        return false;
      }
    },
  };
}
