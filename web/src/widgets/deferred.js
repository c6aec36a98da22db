// Rarely used widgets load on first use (their code is a chunk of its own):
// `deferred(load)` is a component that shows a placeholder, then builds the
// real one and hands it what the page did meanwhile.
import { h } from "./dom.js";

export function deferred(load) {
  return (ctx) => {
    const node = h("span", { class: "rv-ui-loading", text: "…" });
    let real = null;
    let pending = null; // [value, host] of a refresh before the code arrived
    let gone = false;
    const shell = {
      node,
      setValue(v) {
        if (real) real.setValue?.(v);
      },
      refresh(value, host) {
        if (real?.refresh) real.refresh(value, host);
        else {
          ctx.value = value;
          pending = host;
        }
      },
      destroy() {
        gone = true;
        real?.destroy?.();
      },
    };
    const kept = [...ctx.host.childNodes]; // the kernel's markup inside the element (chat's rich answers)
    load().then((make) => {
      if (gone) return;
      const host = ctx.host;
      const inPlace = node.parentNode === host;
      if (pending) ctx.host = pending;
      else if (inPlace) host.replaceChildren(...kept); // the component reads its children
      real = make(ctx);
      if (inPlace && !pending) host.replaceChildren(real.node ?? "");
      else if (real.node) node.replaceWith(real.node);
      shell.node = real.node;
    });
    return shell;
  };
}
