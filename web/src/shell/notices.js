// The site's own notices (one at a time, optionally with an action) and the
// boot progress bar. Texts here are written by the site: a notebook never
// chooses what these bars say (see kernel.js, which checks worker messages).

const $ = (id) => document.getElementById(id);
let seq = 0;

/**
 * Show a notice, optionally with an action button. Info notices go away after
 * `timeout` ms. Returns a token for hideNotice.
 */
export function notify(message, level = "info", { action: one, actions = [], timeout = level === "info" ? 4000 : 0 } = {}) {
  const box = $("rv-notice");
  if (!box) return 0;
  const token = ++seq;
  box.textContent = message;
  for (const action of one ? [one, ...actions] : actions) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = action.label;
    button.addEventListener("click", () => {
      hideNotice(token);
      action.run();
    });
    box.append(" ", button);
  }
  box.dataset.level = level;
  box.dataset.token = String(token);
  box.hidden = false;
  if (timeout) setTimeout(() => hideNotice(token), timeout);
  return token;
}

/** Hide the notice; with a token, only if it is still that notice. */
export function hideNotice(token) {
  const box = $("rv-notice");
  if (box && (token === undefined || box.dataset.token === String(token))) box.hidden = true;
}

const STAGES = {
  python: "Downloading and starting Python…",
  kernel: "Loading the kernel…",
  notebook: "Loading the notebook…",
};

/** Show boot/install progress: a known stage, or "installing" with package names. */
export function showProgress(stage, detail) {
  if (stage === "installed") return hideProgress();
  const text = stage === "installing" ? `Installing ${detail}…` : STAGES[stage];
  if (!text) return;
  $("rv-boot-text").textContent = text;
  $("rv-boot").hidden = false;
}

export function hideProgress() {
  $("rv-boot").hidden = true;
}
