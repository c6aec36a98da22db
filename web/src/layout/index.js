// Custom elements for mo's layout and media outputs that need behaviour:
// <rv-tabs> (mo.tabs), <rv-lazy> (mo.lazy), <rv-download> (mo.download),
// <rv-vega> (altair charts, vega-embed) and <rv-plotly> (plotly figures).
// Static layouts (stacks, callouts, stats, trees) are plain HTML and need none.
// Chart libraries load on first use.

import { tabList } from "../tabs.js";
import { EXTRA_ELEMENTS } from "./extras.js";

class RvTabs extends HTMLElement {
  connectedCallback() {
    if (this._built) return;
    const panels = [...this.children].filter((c) => c.hasAttribute("data-tab-label"));
    if (!panels.length) return;
    this._built = true;
    const { list, select } = tabList(
      panels.map((p) => p.getAttribute("data-tab-label")),
      panels,
      { label: this.getAttribute("aria-label") || "tabs" },
    );
    this.prepend(list);
    select(0);
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
  ...EXTRA_ELEMENTS,
};

/** Define the layout and media elements (idempotent). */
export function defineLayout() {
  for (const [name, cls] of Object.entries(ELEMENTS)) {
    if (!customElements.get(name)) customElements.define(name, cls);
  }
}
