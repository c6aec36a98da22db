// Elements for more of mo's display helpers (kernel_py/mo/_extras.py):
// <rv-iframe> (mo.iframe), <rv-outline> (mo.outline), <rv-carousel>
// (mo.carousel), <rv-routes> (mo.routes), <rv-image-compare> (mo.image_compare).
// They read data-* attributes only; content they show was sanitized with the
// output that carried it (templates and children) or is set as text.

// mo.iframe: the HTML in a sandboxed frame with an opaque origin (no
// allow-same-origin: it cannot reach the app, its storage or its DOM).
class RvIframe extends HTMLElement {
  connectedCallback() {
    if (this._frame) return;
    const frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.setAttribute("title", this.dataset.title || "embedded HTML");
    frame.style.width = this.dataset.width || "100%";
    frame.style.height = this.dataset.height || "400px";
    frame.style.border = "1px solid var(--border, #c8cdd4)";
    frame.srcdoc = this.dataset.html ?? "";
    this._frame = frame;
    this.style.display = "block";
    this.replaceChildren(frame);
  }
}

// mo.outline: links to the markdown headings of the notebook's outputs.
class RvOutline extends HTMLElement {
  connectedCallback() {
    this.style.display = "block";
    const build = () => {
      const root = this.closest("[data-notebook], main, body") ?? document.body;
      const headings = [...root.querySelectorAll("[data-cell-output] :is(h1, h2, h3, h4)")].filter(
        (el) => !this.contains(el),
      );
      const list = document.createElement("ul");
      list.className = "rv-outline";
      for (const el of headings) {
        const li = document.createElement("li");
        li.style.marginLeft = `${(Number(el.tagName[1]) - 1) * 1}em`;
        const link = document.createElement("a");
        link.href = "#";
        link.textContent = el.textContent;
        link.addEventListener("click", (e) => {
          e.preventDefault();
          el.scrollIntoView({ behavior: "smooth", block: "start" });
        });
        li.append(link);
        list.append(li);
      }
      const nav = document.createElement("nav");
      nav.setAttribute("aria-label", this.dataset.label || "Table of contents");
      nav.append(list);
      this.replaceChildren(nav);
    };
    build();
    // headings arrive as other cells finish: rebuild a moment after changes
    clearInterval(this._timer);
    let last = "";
    this._timer = setInterval(() => {
      if (!this.isConnected) return clearInterval(this._timer);
      const now = [...document.querySelectorAll("[data-cell-output] :is(h1, h2, h3, h4)")].map((h) => h.textContent).join("\n");
      if (now !== last) (last = now), build();
    }, 1000);
  }

  disconnectedCallback() {
    clearInterval(this._timer);
  }
}

// mo.carousel: one slide at a time, previous/next buttons, arrow keys.
class RvCarousel extends HTMLElement {
  connectedCallback() {
    if (this._built) return;
    const slides = [...this.children].filter((c) => c.hasAttribute("data-slide"));
    if (!slides.length) return;
    this._built = true;
    this.setAttribute("role", "region");
    this.setAttribute("aria-roledescription", "carousel");
    if (!this.hasAttribute("aria-label")) this.setAttribute("aria-label", "carousel");
    this.style.display = "block";
    const status = document.createElement("span");
    status.setAttribute("aria-live", "polite");
    const button = (label, text, step) => {
      const b = document.createElement("button");
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.textContent = text;
      b.addEventListener("click", () => show(index + step));
      return b;
    };
    let index = 0;
    const show = (i) => {
      index = (i + slides.length) % slides.length;
      slides.forEach((s, k) => {
        s.hidden = k !== index;
        s.setAttribute("role", "group");
        s.setAttribute("aria-roledescription", "slide");
        s.setAttribute("aria-label", `${k + 1} of ${slides.length}`);
      });
      status.textContent = `${index + 1} / ${slides.length}`;
    };
    const bar = document.createElement("div");
    bar.className = "rv-carousel-controls";
    bar.style.cssText = "display:flex;gap:.6em;align-items:center;margin-top:.4em";
    bar.append(button("Previous slide", "‹", -1), status, button("Next slide", "›", 1));
    this.addEventListener("keydown", (e) => {
      if (e.key === "ArrowLeft") show(index - 1);
      if (e.key === "ArrowRight") show(index + 1);
    });
    this.append(bar);
    show(0);
  }
}

// mo.routes: the template whose data-route matches location.hash ("#/" default).
class RvRoutes extends HTMLElement {
  connectedCallback() {
    this.style.display = "block";
    this._onHash = () => this.render();
    window.addEventListener("hashchange", this._onHash);
    this.render();
  }

  disconnectedCallback() {
    window.removeEventListener("hashchange", this._onHash);
  }

  render() {
    const templates = [...this.querySelectorAll(":scope > template[data-route]")];
    const hash = location.hash.startsWith("#/") ? location.hash : "#/";
    const pick =
      templates.find((t) => t.dataset.route === hash) ??
      templates.find((t) => t.dataset.route === "*") ??
      templates.find((t) => t.dataset.route === "#/");
    let view = this.querySelector(":scope > .rv-route-view");
    if (!view) {
      view = document.createElement("div");
      view.className = "rv-route-view";
      this.append(view);
    }
    view.replaceChildren(pick ? pick.content.cloneNode(true) : "");
  }
}

// mo.image_compare: the "after" image clipped over the "before", a slider moves the split.
class RvImageCompare extends HTMLElement {
  connectedCallback() {
    if (this._built) return;
    const [before, after] = this.querySelectorAll(":scope > img");
    if (!before || !after) return;
    this._built = true;
    let config = {};
    try {
      config = JSON.parse(this.dataset.config ?? "{}");
    } catch {}
    const vertical = config.direction === "vertical";
    const stage = document.createElement("div");
    stage.style.cssText = `position:relative;display:inline-block;width:${config.width ?? "auto"};height:${config.height ?? "auto"}`;
    before.style.cssText = "display:block;width:100%;height:100%;object-fit:contain";
    after.style.cssText = "position:absolute;inset:0;width:100%;height:100%;object-fit:contain";
    const slider = document.createElement("input");
    slider.type = "range";
    slider.min = "0";
    slider.max = "100";
    slider.value = String(config.value ?? 50);
    slider.setAttribute("aria-label", "Comparison position");
    const clip = () => {
      const v = Number(slider.value);
      after.style.clipPath = vertical ? `inset(${v}% 0 0 0)` : `inset(0 0 0 ${v}%)`;
    };
    slider.addEventListener("input", clip);
    stage.append(before, after);
    this.style.display = "inline-block";
    slider.style.display = "block";
    slider.style.width = "100%";
    this.replaceChildren(stage, slider);
    clip();
  }
}

export const EXTRA_ELEMENTS = {
  "rv-iframe": RvIframe,
  "rv-outline": RvOutline,
  "rv-carousel": RvCarousel,
  "rv-routes": RvRoutes,
  "rv-image-compare": RvImageCompare,
};
