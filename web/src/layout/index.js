// Custom elements for mo's layout and media outputs that need behaviour:
// <rv-tabs> (mo.tabs), <rv-lazy> (mo.lazy), <rv-download> (mo.download),
// <rv-vega> (altair charts, vega-embed) and <rv-plotly> (plotly figures).
// Static layouts (stacks, callouts, stats, trees) are plain HTML and need none.
// Chart libraries load on first use; untrusted specs are drawn with the site's
// own options only (./charts.js). Links and top-layer guards: ../render/guard.js.
import { installOutputGuards } from "../render/guard.js";

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

// Types a browser shows inertly when a blob: URL is opened in a tab (no script,
// no markup that could load any). Anything else (HTML, XHTML, SVG, XML,
// JavaScript, any +xml, unknown types) downloads as application/octet-stream:
// opened in a tab, a same-origin blob: document would run with the site's origin.
const INERT_DOWNLOAD = /^(text\/(plain|csv|tab-separated-values|markdown|x-python|x-csv)|application\/(json|pdf|zip|gzip|x-tar|octet-stream|vnd\.apache\.parquet|x-parquet|vnd\.ms-excel|vnd\.openxmlformats-officedocument\.[\w.]+)|image\/(png|jpeg|gif|webp|avif|bmp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/** The type a downloaded blob gets: `type` if inert, else application/octet-stream. */
export function downloadType(type) {
  const [essence, ...params] = String(type ?? "").toLowerCase().split(";").map((s) => s.trim());
  if (!INERT_DOWNLOAD.test(essence) || /xml|script|html/.test(essence)) return "application/octet-stream";
  const charset = params.find((p) => /^charset=[\w.-]+$/.test(p));
  return charset ? `${essence};${charset}` : essence;
}

// A download link: data: URLs become blob: URLs (no size limit on navigation),
// typed so that the file downloads and never renders on the site's origin.
class RvDownload extends HTMLElement {
  connectedCallback() {
    const link = this.querySelector("a[download]");
    if (!link || link._rvBlob || !/^data:/i.test(link.getAttribute("href") ?? "")) return;
    const href = link.getAttribute("href");
    const comma = href.indexOf(",");
    if (comma < 0) return;
    const head = href.slice(5, comma);
    const payload = href.slice(comma + 1);
    const base64 = /;base64$/i.test(head);
    const type = downloadType(head.replace(/;base64$/i, ""));
    let bytes;
    try {
      if (base64) {
        const binary = atob(payload);
        bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      } else {
        bytes = new TextEncoder().encode(decodeURIComponent(payload));
      }
    } catch {
      link.removeAttribute("href"); // malformed: nothing to download
      return;
    }
    if (!link.getAttribute("download")) link.setAttribute("download", "download");
    link._rvData = href;
    link._rvBlob = URL.createObjectURL(new Blob([bytes], { type }));
    link.href = link._rvBlob;
  }

  disconnectedCallback() {
    const link = this.querySelector("a[download]");
    if (link?._rvBlob) {
      const url = link._rvBlob;
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      link.setAttribute("href", link._rvData); // a later reconnect makes a fresh blob
      link._rvBlob = link._rvData = null;
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
      const { drawVega } = await import("./charts.js");
      this._view?.finalize();
      const result = await drawVega(this, JSON.parse(spec));
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
      const { drawPlotly } = await import("./charts.js");
      this._plotly = await drawPlotly(this, JSON.parse(data) ?? {});
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
  installOutputGuards();
  for (const [name, cls] of Object.entries(ELEMENTS)) {
    if (!customElements.get(name)) customElements.define(name, cls);
  }
}
