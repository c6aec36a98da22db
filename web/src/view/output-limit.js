// A height limit for a cell's output or console: past `--rv-output-max` the
// box scrolls inside itself, and a bar under it offers "Expand output" /
// "Collapse output" (aria-expanded, aria-controls). The bar shows only while
// the content is taller than the limit, so small outputs look as before.
//
// Content changes are noticed by a MutationObserver (text streaming into a
// console, a new output) and a ResizeObserver (images loading, charts and
// widgets drawing, the page's width); both only schedule one measurement per
// frame.
import { h, nextId } from "../dom.js";

export class HeightLimit {
  /** `box` is the scrolling element; `what` names it in the button ("output", "console"). */
  constructor(box, what) {
    this.box = box;
    this.what = what;
    this.expanded = false;
    this.frame = 0;
    box.id ||= nextId("rv-limited");
    box.dataset.limited = what;
    this.toggle = h("button", { type: "button", class: "rv-expand", "aria-expanded": "false", "aria-controls": box.id });
    this.toggle.addEventListener("click", () => this.setExpanded(!this.expanded));
    this.bar = h("div", { class: "rv-limit-bar", "data-limit-bar": what, hidden: "" });
    this.bar.append(this.toggle);
    this.extras = []; // other buttons in the bar (a console's "Show all"), each hidden or not
    this.label();
    const check = () => this.check();
    this.paused = false; // off screen (`pause`): no size observed, one measurement when back
    this.resize = new ResizeObserver(check);
    this.resize.observe(box);
    this.mutations = new MutationObserver((records) => {
      if (!this.paused) {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && n.parentNode === box) this.resize.observe(n);
      }
      check();
    });
    this.mutations.observe(box, { childList: true, subtree: true, characterData: true });
  }

  /** The box went off screen (true: its sizes are not watched, every frame's
   * resize observations cost what the observed elements count) or came back. */
  pause(on) {
    if (this.paused === !!on) return;
    this.paused = !!on;
    if (this.paused) return this.resize.disconnect();
    this.resize.observe(this.box);
    for (const child of this.box.children) this.resize.observe(child);
    if (this.missed) this.check();
  }

  /** Add a button to the bar (shown while its `hidden` is false). */
  add(button) {
    this.extras.push(button);
    this.bar.append(button);
    this.check();
  }

  label() {
    const verb = this.expanded ? "Collapse" : "Expand";
    this.toggle.textContent = `${verb} ${this.what}`;
    this.toggle.setAttribute("aria-expanded", String(this.expanded));
  }

  setExpanded(on) {
    this.expanded = !!on;
    if (this.expanded) this.box.dataset.expanded = "true";
    else {
      delete this.box.dataset.expanded;
      this.box.scrollTop = 0;
    }
    this.label();
    this.measure();
    if (!this.expanded && this.bar.getBoundingClientRect().top < 0) this.box.scrollIntoView({ block: "nearest" });
  }

  /** Measure at the next frame (at most once a frame). */
  check() {
    this.missed = this.paused; // measured when the box is back on screen
    if (this.paused || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.measure();
    });
  }

  measure() {
    const box = this.box;
    if (!box.isConnected) return;
    const limit = parseFloat(getComputedStyle(box).maxHeight);
    // collapsed: taller than the box; expanded: taller than the limit would be
    const tall = this.expanded
      ? box.scrollHeight > (this.collapsedLimit ?? Infinity) + 1
      : Number.isFinite(limit) && box.scrollHeight > box.clientHeight + 1;
    if (!this.expanded && Number.isFinite(limit)) this.collapsedLimit = limit;
    this.toggle.hidden = !tall;
    this.bar.hidden = this.toggle.hidden && this.extras.every((b) => b.hidden);
    if (tall) box.dataset.overflowing = "true";
    else delete box.dataset.overflowing;
  }
}
