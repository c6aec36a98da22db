// <rv-ui data-kind data-id data-label data-props data-value>: one widget.
//
// The element reads its attributes once and hands them to the component for
// its kind (components.js). A component builds native controls (or ARIA
// roles) and calls `emit(value)` on user input; the element then dispatches
// a bubbling, composed `rv-ui-value` event {id, value}.
//
// Outputs are re-rendered wholesale when a cell re-runs, so the widget that
// is being dragged or typed into would be destroyed under the user's pointer.
// Instead, a component whose element leaves the page is kept for a moment:
// a new <rv-ui> with the same id adopts its live DOM (drag, focus and caret
// survive), keeping the page's value, which is newer than the kernel's.
import { components, CONTAINERS } from "./components.js";

const EVENT = "rv-ui-value";
const KEEP_DETACHED_MS = 3000;
const detached = new Map(); // id -> {component, timer}
const live = new Map(); // id -> Set of connected <rv-ui>

function parse(text, fallback) {
  if (text == null || text === "") return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

export class RvUi extends HTMLElement {
  connectedCallback() {
    const id = this.dataset.id ?? "";
    const kind = this.dataset.kind ?? "";
    if (!live.has(id)) live.set(id, new Set());
    live.get(id).add(this);
    if (this.component) return; // moved within the page
    const kept = detached.get(id);
    if (kept && kept.component.kind === kind && !CONTAINERS.has(kind)) {
      clearTimeout(kept.timer);
      detached.delete(id);
      this.adopt(kept.component);
      return;
    }
    this.create(id, kind);
  }

  disconnectedCallback() {
    const id = this.dataset.id ?? "";
    live.get(id)?.delete(this);
    const component = this.component;
    if (!component || this.isConnected) return;
    this.component = null;
    if (CONTAINERS.has(component.kind)) return component.destroy?.();
    const old = detached.get(id);
    if (old) {
      clearTimeout(old.timer);
      old.component.destroy?.();
    }
    const timer = setTimeout(() => {
      detached.delete(id);
      component.destroy?.();
    }, KEEP_DETACHED_MS);
    detached.set(id, { component, timer });
  }

  create(id, kind) {
    const make = components[kind];
    const ctx = {
      id,
      kind,
      label: this.dataset.label ?? "",
      props: parse(this.dataset.props, {}),
      value: parse(this.dataset.value, null),
      host: this,
      emit: (value) => this.emitFrom(ctx, value),
    };
    if (!make) {
      this.textContent = `[unknown widget kind “${kind}”]`;
      return;
    }
    const component = make(ctx);
    component.kind = kind;
    component.ctx = ctx;
    this.component = component;
    this.classList.add("rv-ui", `rv-ui-${kind}`);
    if (ctx.props.full_width) this.classList.add("rv-ui-full");
    if (component.node) this.replaceChildren(component.node);
  }

  adopt(component) {
    const ctx = component.ctx;
    const focused = component.node?.contains(ctx.focused) ? ctx.focused : null;
    ctx.host = this;
    this.component = component;
    this.classList.add("rv-ui", `rv-ui-${component.kind}`);
    if (ctx.props.full_width) this.classList.add("rv-ui-full");
    // the kernel showed this widget again with a newer value (a chat's answer)
    component.refresh?.(parse(this.dataset.value, null), this);
    this.replaceChildren(component.node);
    const nowhere = !document.activeElement || document.activeElement === document.body;
    if (focused && nowhere) focused.focus({ preventScroll: true });
    if (ctx.pending !== undefined) {
      const value = ctx.pending;
      ctx.pending = undefined;
      this.emitFrom(ctx, value);
    }
  }

  emitFrom(ctx, value) {
    ctx.value = value;
    const host = ctx.host;
    if (!host.isConnected) {
      ctx.pending = value; // sent once a re-rendered output adopts us
      return;
    }
    for (const other of live.get(ctx.id) ?? []) {
      if (other !== host && other.component?.setValue) other.component.setValue(value);
    }
    host.dispatchEvent(
      new CustomEvent(EVENT, { detail: { id: ctx.id, value }, bubbles: true, composed: true }),
    );
  }

  /** The widget's current page value (forms read their element's value). */
  get value() {
    return this.component ? this.component.ctx.value : parse(this.dataset.value, null);
  }

  set value(v) {
    if (this.component) {
      this.component.ctx.value = v;
      this.component.setValue?.(v);
    }
  }
}

function deliver(id, method, arg) {
  for (const host of live.get(id) ?? []) host.component?.[method]?.(arg);
  detached.get(id)?.component[method]?.(arg);
}

/** The kernel changed a widget's value (a `ui_value` event): each copy on the page takes it. */
export const receiveValue = (id, value) => deliver(id, "receive", value);

/** Python sent a widget a message (a `ui_message` event): each copy on the page gets it. */
export const receiveMessage = (id, content) => deliver(id, "message", content);

/** Track which control has focus, so an adopted widget gets it back. */
export function trackFocus(ctx, control) {
  control.addEventListener("focus", () => (ctx.focused = control));
  // Removing a focused control blurs it: decide once the re-render is over.
  control.addEventListener("blur", () =>
    setTimeout(() => {
      if (ctx.focused === control && control.isConnected && document.activeElement !== control) ctx.focused = null;
    }),
  );
  return control;
}
