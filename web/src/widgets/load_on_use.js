// A component whose code loads on first use (a lazy chunk): a placeholder
// until the module is in, then the real component, to which setValue and
// destroy are forwarded. The value the user set meanwhile cannot exist: the
// placeholder has no controls.
import { h } from "./dom.js";

export function lazyComponent(load, name) {
  return (ctx) => {
    const node = h("div", { class: "rv-ui-loading", "aria-busy": "true", text: "Loading…" });
    let real = null;
    let pending;
    let dead = false;
    load().then(
      (module) => {
        if (dead) return;
        real = module[name](ctx);
        node.replaceWith(real.node);
        self.node = real.node;
        if (pending !== undefined) real.setValue?.(pending);
      },
      (err) => {
        node.removeAttribute("aria-busy");
        node.textContent = `This widget could not be loaded: ${err?.message ?? err}`;
      },
    );
    const self = {
      node,
      setValue(v) {
        if (real) real.setValue?.(v);
        else pending = v;
      },
      destroy() {
        dead = true;
        real?.destroy?.();
      },
    };
    return self;
  };
}
