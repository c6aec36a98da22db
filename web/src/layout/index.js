// Custom elements for mo's layout and media outputs that need behaviour:
// <rv-tabs> (mo.tabs), <rv-lazy> (mo.lazy), <rv-download> (mo.download),
// <rv-vega> (altair charts, vega-embed) and <rv-plotly> (plotly figures).
// Static layouts (stacks, callouts, stats, trees) are plain HTML and need none.
// Chart libraries load on first use.

let tabCount = 0;

class RvTabs extends HTMLElement {
  connectedCallback() {
    if (this._built) return;
    const panels = [...this.children].filter((c) => c.hasAttribute("data-tab-label"));
    if (!panels.length) return;
    this._built = true;
    const prefix = `rv-tabs-${++tabCount}`;
    const list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.className = "rv-tablist";
    list.style.cssText = "display:flex;gap:.25rem;border-bottom:1px solid #d0d4da;margin-bottom:.5rem;flex-wrap:wrap";
    const tabs = panels.map((panel, i) => {
      const tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = `${prefix}-tab-${i}`;
      tab.setAttribute("aria-controls", `${prefix}-panel-${i}`);
      tab.textContent = panel.getAttribute("data-tab-label");
      tab.style.cssText = "font:inherit;background:none;border:0;border-bottom:2px solid transparent;padding:.35rem .75rem;cursor:pointer;margin-bottom:-1px";
      panel.id = `${prefix}-panel-${i}`;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      tab.addEventListener("click", () => this.select(i));
      return tab;
    });
    list.addEventListener("keydown", (event) => {
      const at = tabs.indexOf(document.activeElement);
      if (at < 0) return;
      const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const i = (next + tabs.length) % tabs.length;
      this.select(i);
      tabs[i].focus();
    });
    list.append(...tabs);
    this.prepend(list);
    this._tabs = tabs;
    this._panels = panels;
    this.select(0);
  }

  select(index) {
    this._tabs.forEach((tab, i) => {
      const on = i === index;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      tab.style.borderBottomColor = on ? "#4a7bd0" : "transparent";
      tab.style.fontWeight = on ? "600" : "400";
      this._panels[i].hidden = !on;
    });
  }
}

class RvLazy extends HTMLElement {
  connectedCallback() {
    if (this._observer || this._done) return;
    this.style.display = "block";
    this.style.minHeight = "1px";
    this._observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.reveal();
    });
    this._observer.observe(this);
  }

  disconnectedCallback() {
    this._observer?.disconnect();
    this._observer = null;
  }

  reveal() {
    const template = this.querySelector(":scope > template");
    this._observer?.disconnect();
    this._observer = null;
    this._done = true;
    if (template) this.replaceChildren(template.content.cloneNode(true));
  }
}

// A download link: data: URLs become blob: URLs (no size limit on navigation).
class RvDownload extends HTMLElement {
  connectedCallback() {
    const link = this.querySelector("a[download]");
    if (!link || link._rvBlob || !link.href.startsWith("data:")) return;
    const [head, payload] = link.getAttribute("href").split(",", 2);
    const type = head.slice(5).replace(/;base64$/, "");
    const binary = atob(payload);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    link._rvBlob = URL.createObjectURL(new Blob([bytes], { type }));
    link.href = link._rvBlob;
  }

  disconnectedCallback() {
    const link = this.querySelector("a[download]");
    if (link?._rvBlob) {
      const url = link._rvBlob;
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  }
}

function chartError(el, what, err) {
  console.error(what, err);
  const box = document.createElement("pre");
  box.textContent = `${what} could not be drawn: ${err?.message ?? err}`;
  el.replaceChildren(box);
}

class RvVega extends HTMLElement {
  async connectedCallback() {
    const spec = this.getAttribute("data-spec");
    if (!spec || spec === this._drawn) return;
    this._drawn = spec;
    this.style.display = "block";
    try {
      const { default: embed } = await import("vega-embed");
      this._view?.finalize();
      const result = await embed(this, JSON.parse(spec), { actions: false, renderer: "svg" });
      this._view = result.view;
    } catch (err) {
      chartError(this, "The chart", err);
    }
  }

  disconnectedCallback() {
    this._view?.finalize();
    this._view = null;
    this._drawn = null;
  }
}

class RvPlotly extends HTMLElement {
  async connectedCallback() {
    const data = this.getAttribute("data-figure");
    if (!data || data === this._drawn) return;
    this._drawn = data;
    this.style.display = "block";
    try {
      const module = await import("plotly.js-dist-min");
      const Plotly = module.default ?? module;
      const figure = JSON.parse(data);
      await Plotly.newPlot(this, figure.data ?? [], figure.layout ?? {}, {
        responsive: true,
        displaylogo: false,
        ...(figure.config ?? {}),
      });
      this._plotly = Plotly;
    } catch (err) {
      chartError(this, "The figure", err);
    }
  }

  disconnectedCallback() {
    this._plotly?.purge(this);
    this._drawn = null;
  }
}

const ELEMENTS = {
  "rv-tabs": RvTabs,
  "rv-lazy": RvLazy,
  "rv-download": RvDownload,
  "rv-vega": RvVega,
  "rv-plotly": RvPlotly,
};

/** Define the layout and media elements (idempotent). */
export function defineLayout() {
  for (const [name, cls] of Object.entries(ELEMENTS)) {
    if (!customElements.get(name)) customElements.define(name, cls);
  }
}
