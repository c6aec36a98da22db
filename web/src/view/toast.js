// Short messages at the bottom of the page, optionally with one action (Undo).
export function createToaster(root) {
  const box = document.createElement("div");
  box.className = "toasts";
  box.setAttribute("role", "status");
  box.setAttribute("aria-live", "polite");
  root.appendChild(box);

  function show(message, { action, timeout = 6000, kind = "info" } = {}) {
    const toast = document.createElement("div");
    toast.className = `toast toast-${kind}`;
    const text = document.createElement("span");
    text.textContent = message;
    toast.append(text);
    const close = () => toast.remove();
    if (action) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = action.label;
      button.addEventListener("click", () => {
        close();
        action.run();
      });
      toast.append(button);
    }
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "toast-close";
    dismiss.setAttribute("aria-label", "Dismiss");
    dismiss.textContent = "×";
    dismiss.addEventListener("click", close);
    toast.append(dismiss);
    box.append(toast);
    if (timeout) setTimeout(close, timeout);
    return close;
  }

  return { show };
}
