// Registers the site's service worker (dist/sw.js, see web/sw.js) so the
// site works offline after a first visit. One call from each page's entry:
//   import { registerOffline } from "./shell/offline.js"; registerOffline();
// Not on `rivulet edit`'s server (a local editor on a per-run port), not
// where the browser has no service workers (file://, insecure origins), and
// not in a single-file export (its script runs from a blob: URL; no sw.js).

export function registerOffline({ doc = globalThis.document, nav = globalThis.navigator, win = globalThis } = {}) {
  if (!nav || !("serviceWorker" in nav)) return null;
  if (!/^https?:$/.test(win.location?.protocol ?? "")) return null;
  if (doc.querySelector('meta[name="rivulet-edit"]')) return null;
  // The worker script sits at the site's root, one level above the bundles
  // (dist/assets/*.js, dist/gallery/*.js); its scope is the whole site.
  let url;
  try {
    url = new URL("../sw.js", import.meta.url);
  } catch {
    return null; // a blob: script (a single-file export): no site around it
  }
  const register = () =>
    nav.serviceWorker.register(url, { scope: new URL("./", url).pathname }).catch((err) => {
      console.warn("rivulet: offline support unavailable:", err?.message ?? err);
      return null;
    });
  // After the page's own downloads: caching the site must not slow the first boot.
  if (doc.readyState === "complete") return register();
  return new Promise((resolve) => win.addEventListener("load", () => resolve(register()), { once: true }));
}
