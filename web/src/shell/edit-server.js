// `rivulet edit`'s server: the page it serves carries
// <meta name="rivulet-edit" content="/__rivulet__/file">, and the URL it
// prints carries this session's key in the fragment (#key=...). The key is
// moved into sessionStorage and out of the address bar at once, so neither
// the notebook's Python (mo.query_params, its worker) nor a copied URL sees
// it. Reading and writing the file need the key (X-Rivulet-Key).
//
// On that origin only the served file opens; foreign notebooks (#code/,
// other ?file=) are refused, and save-back goes only to that file, only
// after it was opened. Under `rivulet edit FOLDER` the page also carries
// <meta name="rivulet-edit-folder" content="/__rivulet__/list">: `/` lists
// the folder's notebooks (shell/edit-folder.js) and `/?open=PATH` edits one.
//
// Changes on disk (another editor, `git pull`): every read and save hands
// out the file's version (ETag); a save names the version it replaces
// (If-Match) and the server refuses it (412) when the file changed since.
// While the page is visible it asks every POLL_MS whether the file changed
// (If-None-Match: a 304 costs the server one stat). Either way the page says
// so and offers to reload the file; the text open here is kept in History
// first, and Overwrite keeps the file's text there first: nothing is lost.
// A file deleted on disk (the poll gets 404, or a save is refused and the
// file is not there) is said so, with "Save it again": a PUT with
// If-None-Match: * recreates that file only, only while nothing is there.

const KEY = "rivulet:edit-key";
const POLL_MS = 2000;

/** The edit server's file URL, or null on an ordinary site. */
export function editServerFile(doc = document) {
  return sameSitePath(doc, "rivulet-edit");
}

/** The folder listing's URL under `rivulet edit FOLDER`, else null. */
export function editServerFolder(doc = document) {
  return sameSitePath(doc, "rivulet-edit-folder");
}

function sameSitePath(doc, name) {
  const meta = doc.querySelector(`meta[name="${name}"]`);
  const path = meta?.getAttribute("content");
  return path && path.startsWith("/") && !path.startsWith("//") ? path : null;
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

/** The notebook `/?open=PATH` names under `rivulet edit FOLDER` ("" at the folder's list). */
export function openedPath(search = location.search) {
  return new URLSearchParams(search).get("open") ?? "";
}

const baseName = (path) => path.split("/").pop() || "notebook.py";

/**
 * The edit server's file: read, save (never over a change made on disk), and
 * watch for changes on disk. `folder`: the list URL under `rivulet edit FOLDER`.
 */
export function createEditServer(file, key, { notify, hideNotice = () => {}, folder = null }) {
  const path = folder ? openedPath() : "";
  const url = new URL(file, location.href);
  if (path) url.searchParams.set("path", path);
  let opened = false;
  let lastSaved = null; // the text the file had when this page last read or wrote it
  let version = null; // its ETag
  let conflicted = false; // a save was refused: the user decides (reload or overwrite)
  let deleted = false; // the file was deleted on disk: the user decides (save it again)
  let told = null; // the disk version the page last told about
  let notice = 0;
  let saving = Promise.resolve(true); // saves run one at a time
  let generation = 0; // bumped by every save: a poll that overlapped one is ignored
  let hooks = null; // from watch()
  const headers = (extra = {}) => ({ "X-Rivulet-Key": key ?? "", ...extra });
  const where = () => (folder ? path : url.pathname);

  async function fetchFile(extra = {}) {
    return fetch(url, { headers: headers(extra), cache: "no-store" });
  }

  /** The file on disk now: {text, version}, or null when unreadable. */
  async function disk() {
    try {
      const response = await fetchFile();
      return response.ok ? { text: await response.text(), version: response.headers.get("etag") } : null;
    } catch {
      return null;
    }
  }

  async function poll() {
    if (!opened || !hooks || conflicted || document.hidden) return;
    const started = generation;
    let found = null;
    try {
      const response = await fetchFile(version && !deleted ? { "If-None-Match": version } : {});
      if (response.status === 404 && started === generation && !deleted) return tellDeleted();
      if (response.status !== 200) return; // 304: unchanged
      found = { text: await response.text(), version: response.headers.get("etag") };
    } catch {
      return; // the server stopped: nothing to tell
    }
    if (started !== generation || conflicted) return;
    if (deleted) {
      deleted = false; // back on disk (restored, another program wrote it): as any change on disk
      hideNotice(notice);
      told = null;
    }
    if (found.text === lastSaved) {
      version = found.version; // the same text rewritten (touch, git checkout)
      return;
    }
    if (found.version === told) return;
    told = found.version;
    notice = notify(
      `${api.name} changed on disk (another editor, a git pull?). Reload it to see that version: the text open here is kept in History (Ctrl+Shift+H), nothing is lost.`,
      "warning",
      { actions: [{ label: "Reload from disk", run: () => hooks.reload() }] },
    );
  }

  function tellConflict() {
    notice = notify(
      `${api.name} changed on disk since this page opened it, so your edits were not saved to it. Reload from disk (the text open here is kept in History), or overwrite the file with it (the file's text is kept in History).`,
      "warning",
      {
        actions: [
          { label: "Reload from disk", run: () => hooks?.reload() },
          { label: "Overwrite the file", run: () => api.overwrite() },
        ],
      },
    );
  }

  function tellDeleted() {
    deleted = true;
    notice = notify(
      `${api.name} was deleted on disk, so your edits are not saved to it (they are kept in this browser). Save it again to recreate the file with the text open here.`,
      "warning",
      { timeout: 0, actions: [{ label: "Save it again", run: () => api.recreate() }] },
    );
  }

  /** Is the file gone from disk (the server says 404)? */
  async function gone() {
    try {
      return (await fetchFile()).status === 404;
    } catch {
      return false;
    }
  }

  async function put(text) {
    if (deleted) return false; // the notice is up: the user decides first
    if (text === lastSaved) return true;
    if (conflicted) return false; // the notice is up: the user decides first
    generation++;
    try {
      const response = await fetch(url, {
        method: "PUT",
        body: text,
        headers: headers({ "Content-Type": "text/x-python; charset=utf-8", "If-Match": version ?? "" }),
      });
      if ([404, 412, 428].includes(response.status) && (await gone())) {
        tellDeleted();
        return false;
      }
      if (response.status === 412 || response.status === 428) {
        conflicted = true;
        tellConflict();
        return false;
      }
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
      lastSaved = text;
      version = response.headers.get("etag");
      document.documentElement.dataset.saved = "true";
      return true;
    } catch (err) {
      notify(`Could not save to ${where()}: ${err.message}. Your edits are kept in this browser.`, "warning");
      return false;
    } finally {
      generation++;
    }
  }

  const api = {
    file,
    path,
    /** At the folder's list (`rivulet edit FOLDER`, no notebook named). */
    listing: !!folder && !path,
    name: baseName(path),
    async read() {
      if (!key) {
        throw new Error(
          "This is `rivulet edit`'s server: open the link it printed in your terminal (it carries this session's key).",
        );
      }
      await saving; // a save under way answers before the file is read again
      const response = await fetchFile();
      if (!response.ok) {
        throw new Error(
          response.status === 403
            ? "`rivulet edit` refused this page's key: open the link it printed in your terminal."
            : response.status === 404 && folder
              ? `There is no notebook ${path} in the folder \`rivulet edit\` serves.`
              : `Could not read ${where()}: the server answered ${response.status}.`,
        );
      }
      const text = await response.text();
      const disposition = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get("content-disposition") ?? "");
      try {
        api.name = disposition ? decodeURIComponent(disposition[1]) : baseName(path);
      } catch {
        api.name = baseName(path);
      }
      opened = true;
      lastSaved = text;
      version = response.headers.get("etag");
      conflicted = false;
      deleted = false;
      told = null;
      hideNotice(notice);
      return text;
    },
    /** Write the notebook back to the file (only once it was opened from it); true once the file has it. */
    save(text) {
      if (!opened) return Promise.resolve(false);
      saving = saving.then(() => put(text));
      return saving;
    },
    /** Overwrite the file with the text open here, after keeping the file's text in History. */
    async overwrite() {
      const theirs = await disk();
      if (theirs && hooks) await hooks.keep(theirs.text, "disk-before-overwrite");
      version = theirs?.version ?? version;
      conflicted = false;
      told = theirs?.version ?? told;
      const text = hooks ? await hooks.currentText() : lastSaved;
      if (await api.save(text)) notify(`Saved to ${api.name}.`, "info");
    },
    /** Recreate the file deleted on disk with the text open here (only that file, only while it is not there). */
    async recreate() {
      const text = hooks ? await hooks.currentText() : lastSaved;
      generation++;
      try {
        const response = await fetch(url, {
          method: "PUT",
          body: text,
          headers: headers({ "Content-Type": "text/x-python; charset=utf-8", "If-None-Match": "*" }),
        });
        if (response.status === 412) {
          // something is there again: as any change on disk, the user chooses
          deleted = false;
          conflicted = true;
          return tellConflict();
        }
        if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
        deleted = false;
        conflicted = false;
        lastSaved = text;
        version = response.headers.get("etag");
        told = null;
        document.documentElement.dataset.saved = "true";
        notify(`Saved ${api.name} again.`, "info");
      } catch (err) {
        notify(`Could not recreate ${where()}: ${err.message}. Your edits are kept in this browser.`, "warning", {
          actions: [{ label: "Try again", run: () => api.recreate() }],
        });
      } finally {
        generation++;
      }
    },
    /**
     * Watch the file for changes on disk. `hooks`: reload() reopens it (after
     * keeping the text open here), keep(text, reason) keeps a version in
     * History, currentText() resolves to the text open here.
     */
    watch(given) {
      hooks = given;
      setInterval(poll, POLL_MS);
      document.addEventListener("visibilitychange", poll);
      window.addEventListener("focus", poll);
    },
  };
  return api;
}
