// Safe drawing of untrusted chart specs (loaded with the chart libraries, on
// first use). A notebook from a link writes the spec, so nothing in it may
// choose how the chart is embedded:
//
// Vega / Vega-Lite (vega-embed):
// - `usermeta` is removed everywhere in the spec (vega-embed merges
//   `usermeta.embedOptions` over the site's options: actions, sourceHeader,
//   editorUrl, tooltip ids, loaders...); the site's options are passed whole.
// - Expressions are interpreted (`ast: true` + vega-interpreter): no
//   `new Function`, so charts work under a CSP without 'unsafe-eval'.
// - Tooltips are our own: DOM built with textContent, images only from
//   http(s) or data:image/png|jpeg|gif|webp, inside the chart's box.
// - The loader fetches data without credentials or referrer, never from the
//   site's own /__rivulet__/ API, and only http(s)/data URLs; `href` links
//   open in a new tab with noopener+noreferrer, only to http(s)/mailto.
//
// Plotly: only an allowlist of harmless `config` keys is taken from the
// figure (no "Edit in Chart Studio" / sendData / showLink / plotlyServerURL /
// topojsonURL / setBackground...); links in plotly text are opened by the
// document's link guard (../render/guard.js) with noopener.
// This module is small; the chart libraries themselves load on first use.

/** A deep copy of `value` without any `usermeta` key (a JSON value). */
export function stripUsermeta(value) {
  if (Array.isArray(value)) return value.map(stripUsermeta);
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === "usermeta") continue;
      out[key] = stripUsermeta(item);
    }
    return out;
  }
  return value;
}

const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp)(;[\w=.+-]+)*,/i;

/** `src` as a URL safe for an <img> in a tooltip, else null. */
export function safeImageUrl(src) {
  const text = String(src ?? "").trim();
  if (SAFE_DATA_IMAGE.test(text)) return text;
  try {
    const url = new URL(text, document.baseURI);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {}
  return null;
}

const MAX_TEXT = 2000;
const clip = (s) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

function formatValue(value) {
  if (value == null) return String(value);
  if (typeof value === "object") {
    try {
      return clip(JSON.stringify(value));
    } catch {
      return "[object]";
    }
  }
  return clip(String(value));
}

/** A tooltip's content from vega's tooltip value, built with textContent. */
export function tooltipContent(value) {
  const box = document.createDocumentFragment();
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const text = document.createElement("div");
    text.textContent = formatValue(value);
    box.append(text);
    return box;
  }
  const { title, image, ...rest } = value;
  if (title != null) {
    const heading = document.createElement("div");
    heading.style.cssText = "font-weight:600;margin-bottom:.2rem";
    heading.textContent = formatValue(title);
    box.append(heading);
  }
  const src = image == null ? null : safeImageUrl(image);
  if (src) {
    const img = document.createElement("img");
    img.referrerPolicy = "no-referrer";
    img.alt = "";
    img.style.cssText = "max-width:200px;max-height:200px;display:block";
    img.src = src;
    box.append(img);
  } else if (image != null) {
    rest.image = image; // shown as text, never loaded
  }
  const keys = Object.keys(rest);
  if (keys.length) {
    const table = document.createElement("table");
    table.style.cssText = "border-collapse:collapse";
    for (const key of keys.slice(0, 50)) {
      const row = table.insertRow();
      const name = row.insertCell();
      name.textContent = clip(key);
      name.style.cssText = "color:#666;padding:0 .5rem 0 0;vertical-align:top;text-align:right";
      const cell = row.insertCell();
      cell.textContent = formatValue(rest[key]);
      cell.style.cssText = "padding:0;overflow-wrap:anywhere";
    }
    box.append(table);
  }
  return box;
}

/** A vega tooltip handler that shows tooltips inside `host`. */
export function tooltipHandler(host) {
  let tip = null;
  return (_handler, event, _item, value) => {
    if (value == null || value === "") {
      if (tip) tip.hidden = true;
      return;
    }
    if (!tip || !host.contains(tip)) {
      tip = document.createElement("div");
      tip.className = "rv-chart-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.style.cssText =
        "position:absolute;z-index:1;pointer-events:none;max-width:320px;padding:.3rem .5rem;" +
        "font:12px system-ui,sans-serif;background:#fff;color:#222;border:1px solid #ccc;" +
        "border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.15)";
      host.append(tip);
    }
    tip.replaceChildren(tooltipContent(value));
    tip.hidden = false;
    const box = host.getBoundingClientRect();
    const x = (event?.clientX ?? box.left) - box.left + 12;
    const y = (event?.clientY ?? box.top) - box.top + 12;
    const width = tip.offsetWidth;
    tip.style.left = `${Math.max(0, Math.min(x, host.clientWidth - width))}px`;
    tip.style.top = `${Math.max(0, y)}px`;
  };
}

const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const LOAD_PROTOCOLS = new Set(["http:", "https:", "data:"]);

/** vega's loader, with our sanitizer and fetch options. */
export function safeLoader(vega) {
  const loader = vega.loader({
    mode: "http",
    target: "_blank",
    rel: "noopener noreferrer",
    http: { credentials: "omit", referrerPolicy: "no-referrer", redirect: "follow" },
  });
  const sanitize = loader.sanitize;
  loader.sanitize = async function (uri, options) {
    const result = await sanitize.call(this, uri, options);
    const url = new URL(result.href, document.baseURI);
    const context = options?.context;
    const allowed = context === "href" ? LINK_PROTOCOLS : LOAD_PROTOCOLS;
    if (!allowed.has(url.protocol)) throw new Error(`Blocked URL in chart: ${url.protocol}`);
    if (url.origin === location.origin && /^\/__rivulet__(\/|$)/.test(url.pathname)) {
      throw new Error("Blocked URL in chart: the site's own API");
    }
    const out = { href: url.href };
    if (context === "href") Object.assign(out, { target: "_blank", rel: "noopener noreferrer" });
    return out;
  };
  loader.file = async () => {
    throw new Error("Charts cannot read files");
  };
  return loader;
}

/** Draw a Vega or Vega-Lite `spec` (untrusted JSON) into `el`. */
export async function drawVega(el, spec) {
  const [{ default: embed, vega }, { expressionInterpreter }] = await Promise.all([
    import("vega-embed"),
    import("vega-interpreter"),
  ]);
  el.style.position = "relative"; // the tooltip's containing block
  return embed(el, stripUsermeta(spec), {
    actions: false,
    renderer: "svg",
    ast: true,
    expr: expressionInterpreter,
    tooltip: tooltipHandler(el),
    loader: safeLoader(vega),
    defaultStyle: true,
    sourceHeader: "",
    sourceFooter: "",
    editorUrl: "about:invalid",
    hover: undefined,
    patch: undefined,
    config: {},
  });
}

// Plotly config keys a figure may set (harmless display options).
const PLOTLY_CONFIG = new Set([
  "responsive", "displayModeBar", "scrollZoom", "staticPlot", "doubleClick", "doubleClickDelay",
  "showTips", "showAxisDragHandles", "showAxisRangeEntryBoxes", "editable", "autosizable",
  "fillFrame", "frameMargins", "locale", "modeBarButtonsToRemove", "toImageButtonOptions", "edits",
]);

/** The plotly config used for an untrusted figure's `config`. */
export function plotlyConfig(config) {
  const out = {};
  if (config && typeof config === "object" && !Array.isArray(config)) {
    for (const [key, value] of Object.entries(config)) {
      if (!PLOTLY_CONFIG.has(key)) continue;
      if (key === "modeBarButtonsToRemove") {
        if (Array.isArray(value)) out[key] = value.filter((v) => typeof v === "string");
      } else if (key === "toImageButtonOptions" || key === "edits") {
        if (value && typeof value === "object") {
          out[key] = Object.fromEntries(
            Object.entries(value).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v) || v === null),
          );
        }
      } else if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
        out[key] = value;
      }
    }
  }
  return {
    responsive: true,
    ...out,
    displaylogo: false,
    showLink: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    sendData: false,
    linkText: "",
    plotlyServerURL: "",
  };
}

/** Draw a plotly `figure` (untrusted JSON) into `el`; returns Plotly. */
export async function drawPlotly(el, figure) {
  const module = await import("plotly.js-dist-min");
  const Plotly = module.default ?? module;
  const layout = figure.layout && typeof figure.layout === "object" ? figure.layout : {};
  await Plotly.newPlot(el, Array.isArray(figure.data) ? figure.data : [], layout, plotlyConfig(figure.config));
  return Plotly;
}
