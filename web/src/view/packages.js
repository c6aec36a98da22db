// The packages panel (editor only): what is installed in the kernel, with
// versions; add a package by name (the kernel installs it and records it in
// the notebook's PEP 723 header, as marimo does) or remove one. It talks to
// the kernel only through `send` ({type: "packages", action, name?}) and
// reads its `packages` replies. Everything shown is text (no HTML).
import { h, nextId } from "../dom.js";

export function packagesPanel(send) {
  const panelId = nextId("rv-packages");
  const toggle = h("button", {
    type: "button",
    class: "packages-toggle",
    "aria-expanded": "false",
    "aria-controls": panelId,
    title: "Installed packages; add or remove one",
    text: "Packages",
  });
  const input = h("input", {
    type: "text",
    class: "packages-name",
    "aria-label": "Package name",
    placeholder: "e.g. attrs or attrs==25.1.0",
    autocomplete: "off",
    spellcheck: false,
  });
  const add = h("button", { type: "submit", text: "Add" });
  const form = h("form", { class: "packages-add" }, input, add);
  const status = h("p", { class: "packages-status", role: "status" });
  const deps = h("p", { class: "packages-deps" });
  const list = h("ul", { class: "packages-list", "aria-label": "Installed packages" });
  const panel = h("section", { id: panelId, class: "packages-panel", "aria-label": "Packages", hidden: true },
    form, status, deps, list);
  let busy = false;

  const ask = (action, name) => {
    busy = true;
    add.disabled = true;
    if (action !== "list") status.textContent = action === "add" ? `Installing ${name}…` : `Removing ${name}…`;
    send({ type: "packages", action, ...(name ? { name } : {}) });
  };

  toggle.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      ask("list");
      input.focus();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name || busy) return;
    ask("add", name);
  });

  function show(event) {
    busy = false;
    add.disabled = false;
    const asked = status.textContent.replace(/^(Installing|Removing) (.*)…$/, "$2");
    if (event.error) status.textContent = event.error;
    else if (status.textContent.startsWith("Installing")) {
      status.textContent = `Installed ${asked}; recorded in the notebook's dependencies.`;
      input.value = "";
    } else if (status.textContent.startsWith("Removing")) status.textContent = `Removed ${asked}.`;
    deps.textContent = event.dependencies.length
      ? `Notebook dependencies (PEP 723): ${event.dependencies.join(", ")}`
      : "The notebook lists no dependencies.";
    list.replaceChildren(
      ...event.installed.map(({ name, version }) => {
        const remove = h("button", { type: "button", class: "packages-remove", "aria-label": `Remove ${name}`, text: "×" });
        remove.addEventListener("click", () => !busy && ask("remove", name));
        return h("li", { "data-package": name }, h("span", { class: "packages-item", text: `${name} ${version}` }), remove);
      }),
    );
  }

  return {
    toggle,
    panel,
    /** A `packages` event from the kernel. */
    handle: show,
  };
}
