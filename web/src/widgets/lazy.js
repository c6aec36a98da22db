// mo.lazy(fn): tells the kernel once its place scrolls into view; the kernel
// calls fn and shows this cell's output again with the result inside
// (refresh: the new <rv-ui>'s children).
import { h } from "./dom.js";

export function lazy(ctx) {
  const node = h("div", { class: "rv-ui-lazy" }, ...ctx.host.childNodes);
  let observer = null;
  if (!ctx.value) {
    observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      observer = null;
      ctx.emit(true);
    });
    queueMicrotask(() => observer?.observe(node));
  }
  return {
    node,
    setValue() {},
    refresh(value, host) {
      node.replaceChildren(...host.childNodes);
    },
    destroy: () => observer?.disconnect(),
  };
}
