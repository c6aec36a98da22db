// matplotlib: the figure as an image; drag a box over the axes to select
// (data coordinates from the axes' pixel bounds and limits, log or linear).
// A click without a drag, or Escape, clears the selection.
import { h } from "./dom.js";
import { trackFocus } from "./element.js";

const MIN_DRAG_PX = 3;

export function matplotlib(ctx) {
  const p = ctx.props;
  const [left, top, right, bottom] = p.axes_pixel_bounds;
  const img = h("img", { src: p.src, alt: "", draggable: "false", width: p.width, height: p.height });
  const box = h("div", { class: "rv-ui-mpl-box", hidden: true });
  const frame = trackFocus(
    ctx,
    h("div", { class: "rv-ui-mpl", role: "img", tabindex: "0", "aria-label": "matplotlib plot: drag to select a box, Escape clears" }, img, box),
  );
  const scale = () => img.getBoundingClientRect().width / p.width || 1;
  const toData = (px, lo, hi, a, b, kind) => {
    const t = (px - a) / (b - a);
    if (kind === "log") return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
    return lo + t * (hi - lo);
  };
  const dataX = (px) => toData(px, p.x_bounds[0], p.x_bounds[1], left, right, p.x_scale);
  const dataY = (py) => toData(py, p.y_bounds[1], p.y_bounds[0], top, bottom, p.y_scale);
  const fromData = (v, lo, hi, a, b, kind) => {
    const t = kind === "log" ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    return a + t * (b - a);
  };
  const clampX = (x) => Math.min(right, Math.max(left, x));
  const clampY = (y) => Math.min(bottom, Math.max(top, y));
  const draw = (x0, y0, x1, y1) => {
    const s = scale();
    Object.assign(box.style, {
      left: `${Math.min(x0, x1) * s}px`, top: `${Math.min(y0, y1) * s}px`,
      width: `${Math.abs(x1 - x0) * s}px`, height: `${Math.abs(y1 - y0) * s}px`,
    });
    box.hidden = false;
  };
  const clear = () => {
    box.hidden = true;
    if (ctx.value?.has_selection) ctx.emit({});
  };
  const point = (e) => {
    const r = img.getBoundingClientRect();
    const s = scale();
    return [clampX((e.clientX - r.left) / s), clampY((e.clientY - r.top) / s)];
  };
  frame.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    frame.focus({ preventScroll: true });
    const [x0, y0] = point(e);
    let last = [x0, y0];
    const move = (m) => {
      last = point(m);
      draw(x0, y0, ...last);
      if (!p.debounce) send(false);
    };
    const send = (final) => {
      const [x1, y1] = last;
      if (Math.abs(x1 - x0) < MIN_DRAG_PX && Math.abs(y1 - y0) < MIN_DRAG_PX) return final && clear();
      const xs = [dataX(x0), dataX(x1)].sort((a, b) => a - b);
      const ys = [dataY(y0), dataY(y1)].sort((a, b) => a - b);
      ctx.emit({ type: "box", has_selection: true, data: { x_min: xs[0], x_max: xs[1], y_min: ys[0], y_max: ys[1] } });
    };
    const up = (u) => {
      last = point(u);
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      send(true);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });
  frame.addEventListener("keydown", (e) => e.key === "Escape" && clear());
  const d = ctx.value?.has_selection && ctx.value.type === "box" ? ctx.value.data : null;
  if (d) {
    // the initial selection (`value=`), drawn once the image has its size
    const show = () =>
      draw(
        fromData(d.x_min, p.x_bounds[0], p.x_bounds[1], left, right, p.x_scale),
        fromData(d.y_max, p.y_bounds[1], p.y_bounds[0], top, bottom, p.y_scale),
        fromData(d.x_max, p.x_bounds[0], p.x_bounds[1], left, right, p.x_scale),
        fromData(d.y_min, p.y_bounds[1], p.y_bounds[0], top, bottom, p.y_scale),
      );
    if (img.complete) requestAnimationFrame(show);
    else img.addEventListener("load", show, { once: true });
  }
  return { node: frame, setValue() {} };
}
