// mo.ui.altair_chart and mo.ui.plotly: charts whose selection is the widget's
// value. The chart libraries load on first use (the same lazy chunks as
// <rv-vega>/<rv-plotly>).
//
// altair_chart: the kernel already added the selection params to the spec
// (props.signals names them); we listen to those signals and send
// {param: signal value} (debounced while a brush is being dragged).
// Expressions are interpreted (no `new Function`: works under the site's CSP),
// `usermeta` is dropped (it could choose vega-embed options), and the
// loader only reads http(s)/data URLs.
//
// plotly: plotly_selected / plotly_click / plotly_deselect send
// {points, indices, range?, lasso?}; a point is keyed by the names in its
// trace's hovertemplate ("Horsepower=%{x}") as marimo does, else x/y.
import { debounced, h } from "./dom.js";

const SEND_MS = 120;

function stripUsermeta(value) {
  if (Array.isArray(value)) return value.map(stripUsermeta);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== "usermeta") out[k] = stripUsermeta(v);
    return out;
  }
  return value;
}

function failed(box, what, err) {
  console.error(what, err);
  box.replaceChildren(h("pre", { text: `${what} could not be drawn: ${err?.message ?? err}` }));
}

/** JSON-safe copy of a signal value (vega hands out live objects). */
function plainJson(value) {
  try {
    return JSON.parse(JSON.stringify(value ?? {}));
  } catch {
    return {};
  }
}

export function altair_chart(ctx) {
  const p = ctx.props;
  const name = ctx.label || p.spec?.title?.text || p.spec?.title || p.spec?.description || "chart";
  // vega-embed sets its own role and label on the element it draws into
  const box = h("div", { class: "rv-ui-chart-canvas" });
  const node = h("div", { class: "rv-ui-chart", role: "figure", "aria-label": String(name) }, box);
  const state = {};
  let view = null;
  let alive = true;
  const send = debounced(() => ctx.emit({ ...state }), SEND_MS);

  (async () => {
    try {
      const [{ default: embed, vega }, { expressionInterpreter }] = await Promise.all([
        import("vega-embed"),
        import("vega-interpreter"),
      ]);
      if (!alive) return;
      const loader = vega.loader();
      const load = loader.load.bind(loader);
      loader.load = (uri, options) => {
        const url = new URL(String(uri), document.baseURI);
        if (!/^(https?|data):$/.test(url.protocol)) throw new Error(`Charts cannot read ${url.protocol} URLs`);
        return load(uri, { ...options, credentials: "omit" });
      };
      const result = await embed(box, stripUsermeta(p.spec ?? {}), {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: expressionInterpreter,
        loader,
        config: {},
      });
      if (!alive) return result.view.finalize();
      view = result.view;
      for (const signal of p.signals ?? []) {
        try {
          view.addSignalListener(signal, (_, value) => {
            state[signal] = plainJson(value);
            send();
          });
        } catch (err) {
          console.warn(`altair_chart: no signal ${signal}`, err);
        }
      }
    } catch (err) {
      failed(box, "The chart", err);
    }
  })();

  return {
    node,
    destroy() {
      alive = false;
      view?.finalize();
      view = null;
    },
  };
}

// "Horsepower=%{x}<br>Origin=%{customdata[0]}" -> [["Horsepower", "x"], ["Origin", "customdata[0]"]]
function templateFields(template) {
  if (typeof template !== "string") return [];
  const out = [];
  for (const part of template.split(/<br\s*\/?>/i)) {
    const m = /^\s*([^=<>%]+?)\s*=\s*%\{([^}:|]+)(?:[:|][^}]*)?\}\s*$/.exec(part.replace(/<extra>.*<\/extra>/, ""));
    if (m) out.push([m[1], m[2]]);
  }
  return out;
}

function pathGet(obj, path) {
  let cur = obj;
  for (const key of path.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    if (cur == null) return undefined;
    cur = cur[key];
  }
  return cur;
}

function pointRecord(pt) {
  const template = pt.data?.hovertemplate ?? pt.fullData?.hovertemplate;
  const fields = templateFields(Array.isArray(template) ? template[pt.pointIndex ?? 0] : template);
  const out = {};
  if (fields.length) {
    for (const [label, path] of fields) {
      const value = pathGet(pt, path) ?? pathGet(pt, path.replace(/^marker\./, "marker."));
      if (value !== undefined) out[label] = value;
    }
  } else {
    for (const key of ["x", "y", "z", "lat", "lon", "label", "value"]) if (pt[key] !== undefined) out[key] = pt[key];
  }
  return plainJson(out);
}

export function plotly(ctx) {
  const p = ctx.props;
  const figure = p.figure ?? {};
  const name = ctx.label || figure.layout?.title?.text || figure.layout?.title || "plot";
  const box = h("div", { class: "rv-ui-chart-canvas" });
  const node = h("div", { class: "rv-ui-chart", role: "figure", "aria-label": String(name) }, box);
  let Plotly = null;
  let alive = true;

  const selected = (evt) => {
    const points = evt?.points ?? [];
    const value = {
      points: points.map(pointRecord),
      indices: points.map((pt) => pt.pointIndex ?? pt.pointNumber ?? 0),
    };
    if (evt?.range) value.range = plainJson(evt.range);
    if (evt?.lassoPoints) value.lasso = plainJson(evt.lassoPoints);
    ctx.emit(value);
  };

  (async () => {
    try {
      const module = await import("plotly.js-dist-min");
      if (!alive) return;
      Plotly = module.default ?? module;
      const layout = { ...(figure.layout ?? {}) };
      if (layout.dragmode === undefined) layout.dragmode = "select";
      await Plotly.newPlot(box, figure.data ?? [], layout, {
        responsive: true,
        displaylogo: false,
        ...(p.config ?? {}),
      });
      box.on("plotly_selected", (evt) => evt && selected(evt));
      box.on("plotly_click", (evt) => selected(evt));
      box.on("plotly_deselect", () => ctx.emit({}));
    } catch (err) {
      failed(box, "The figure", err);
    }
  })();

  return {
    node,
    destroy() {
      alive = false;
      Plotly?.purge(box);
    },
  };
}
