// The page's colour theme: the system's, light or dark. `?theme=light|dark`
// (marimo's option) chooses for one page; the palette's "Switch theme" command
// chooses and is remembered in this browser (localStorage, the trusted page
// only). Outputs whose scripts run in frames of their own follow it too
// (render/scripted.js): the page tells them when it changes.
import { browserStorage } from "./storage.js";

export const THEME_KEY = "rivulet:theme";
const THEMES = [undefined, "light", "dark"]; // the order "Switch theme" goes through

const valid = (theme) => (theme === "light" || theme === "dark" ? theme : undefined);

/** The theme chosen before in this browser (undefined: the system's). */
export function storedTheme(storage = browserStorage()) {
  try {
    return valid(storage.getItem(THEME_KEY));
  } catch {
    return undefined;
  }
}

/** Show the page in `theme` (undefined: the system's), and tell the output frames. */
export function applyTheme(theme, root = document.documentElement) {
  theme = valid(theme);
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;
  root.dispatchEvent(new CustomEvent("rv-theme", { detail: { theme: theme ?? null } }));
}

/** The palette's command: system -> light -> dark -> system, remembered. */
export function switchTheme(storage = browserStorage(), root = document.documentElement) {
  const next = THEMES[(THEMES.indexOf(valid(root.dataset.theme)) + 1) % THEMES.length];
  applyTheme(next, root);
  try {
    if (next) storage.setItem(THEME_KEY, next);
    else storage.removeItem(THEME_KEY);
  } catch {
    // a browser that refuses storage: the choice holds for this page only
  }
  return next;
}
