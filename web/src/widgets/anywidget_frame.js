// The anywidget host that runs INSIDE the widget's sandboxed frame
// (output-frame.html, opaque origin), next to the widget's own module: it is
// sent there as the text of `bridge`, so `bridge` uses no imports and no
// names from this file. It gives the module anywidget's front-end model
// (AFM: get, set, save_changes, on/off "change:<name>" / "change" /
// "msg:custom", send) and talks to the page only by postMessage:
//   frame -> page: {kind: "rivulet-anywidget-ready"}, then
//                  {kind: "rivulet-anywidget-save", state: {name: value}} on save_changes(),
//                  {kind: "rivulet-anywidget-send", content} on send(content)
//   page -> frame: {kind: "rivulet-anywidget-init", esm, css, state, scheme}, once (scheme: the
//                  page's ?theme, "light" | "dark" | "", for the frame's color-scheme);
//                  {kind: "rivulet-anywidget-update", state} when Python changed traits,
//                  {kind: "rivulet-anywidget-message", content} when Python sent one (msg:custom)
// Binary values (DataView, ArrayBuffer, typed arrays) travel as
// {"$rivulet-bytes": base64} and reach the module as DataViews, as in anywidget.
// Everything here is as untrusted as the module: the page checks every message.

export function bridge() {
  const post = (kind, fields) => parent.postMessage({ kind, ...fields }, "*");
  const BYTES = "$rivulet-bytes";
  const isRecord = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
  const decode = (v) => {
    if (Array.isArray(v)) return v.map(decode);
    if (!isRecord(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === BYTES && typeof v[BYTES] === "string") {
      const text = atob(v[BYTES]);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return new DataView(bytes.buffer);
    }
    return Object.fromEntries(keys.map((k) => [k, decode(v[k])]));
  };
  const encode = (v) => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      let text = "";
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { [BYTES]: btoa(text) };
    }
    if (Array.isArray(v)) return v.map(encode);
    if (!isRecord(v)) return v;
    return Object.fromEntries(Object.keys(v).map((k) => [k, encode(v[k])]));
  };
  let state = {};
  const dirty = new Set(); // every name the module changed: sent on each save (as marimo does)
  const listeners = new Map();
  const call = (name, args) => {
    for (const callback of [...(listeners.get(name) ?? [])]) {
      try {
        callback(...args);
      } catch (err) {
        console.error(err);
      }
    }
  };
  let anyQueued = false;
  const changed = (name, value) => {
    call(`change:${name}`, [value]);
    if (anyQueued) return;
    anyQueued = true;
    setTimeout(() => {
      anyQueued = false;
      call("change", []);
    });
  };
  const unsupported = (what) => () => Promise.reject(new Error(`${what} is not supported in Rivulet`));
  const model = {
    get: (name) => state[name],
    set(name, value) {
      state = { ...state, [name]: value };
      dirty.add(name);
      changed(name, value);
    },
    save_changes() {
      if (!dirty.size) return;
      const out = {};
      for (const name of dirty) out[name] = encode(state[name]);
      try {
        post("rivulet-anywidget-save", { state: out });
      } catch (err) {
        console.error("rivulet: these values cannot be sent to Python", err);
      }
    },
    on(name, callback) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(callback);
    },
    off(name, callback) {
      if (!name) listeners.clear();
      else if (!callback) listeners.delete(name);
      else listeners.get(name)?.delete(callback);
    },
    send(content, callbacks, buffers) {
      if (buffers?.length) console.warn("rivulet: model.send's buffers are not sent to Python");
      try {
        post("rivulet-anywidget-send", { content: encode(content) });
      } catch (err) {
        console.error("rivulet: this message cannot be sent to Python", err);
      }
    },
    widget_manager: { get_model: unsupported("widget_manager.get_model") },
  };
  // anywidget's commands (Python's @anywidget.experimental.command) over custom messages
  let invocations = 0;
  const invoke = (name, msg, options = {}) => {
    const id = `rivulet-${++invocations}-${Math.random().toString(36).slice(2)}`;
    const signal = options.signal ?? AbortSignal.timeout(options.timeout ?? 30000);
    return new Promise((resolve, reject) => {
      const answer = (content, buffers) => {
        if (content?.id !== id) return;
        model.off("msg:custom", answer);
        resolve([content.response, buffers]);
      };
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener("abort", () => {
        model.off("msg:custom", answer);
        reject(signal.reason);
      });
      model.on("msg:custom", answer);
      model.send({ id, kind: "anywidget-command", name, msg }, undefined, options.buffers ?? []);
    });
  };
  const experimental = { invoke };
  const isHref = (text) => /^https?:\/\//.test(text);

  async function start(esm, css) {
    if (css) {
      const node = isHref(css) ? document.createElement("link") : document.createElement("style");
      if (isHref(css)) Object.assign(node, { rel: "stylesheet", href: css });
      else node.textContent = css;
      document.head.append(node);
    }
    const el = document.createElement("div");
    el.className = "rv-anywidget";
    document.body.append(el);
    try {
      const blob = (text) => URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
      const blobs = await import(blob("")).then(() => true, () => false); // else data: URLs
      const url = isHref(esm) ? esm : blobs ? blob(esm) : `data:text/javascript;charset=utf-8,${encodeURIComponent(esm)}`;
      const module = await import(url);
      let widget = module.default ?? module;
      if (typeof widget === "function") widget = await widget();
      await widget?.initialize?.({ model, experimental });
      await widget?.render?.({ model, el, experimental });
    } catch (err) {
      const pre = document.createElement("pre");
      pre.className = "rv-anywidget-error";
      pre.style.cssText = "color:#b00020;white-space:pre-wrap;margin:0";
      pre.textContent = `This widget's module failed: ${err?.message ?? err}`;
      el.replaceChildren(pre);
    }
  }

  let started = false;
  addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== parent || !data || typeof data !== "object") return;
    if (data.kind === "rivulet-anywidget-init" && !started) {
      started = true;
      if (data.scheme === "light" || data.scheme === "dark") document.documentElement.style.colorScheme = data.scheme;
      state = decode({ ...data.state });
      start(String(data.esm ?? ""), String(data.css ?? ""));
    } else if (data.kind === "rivulet-anywidget-update" && data.state && typeof data.state === "object") {
      for (const [name, value] of Object.entries(data.state)) {
        if (JSON.stringify(encode(state[name])) === JSON.stringify(value)) continue;
        state = { ...state, [name]: decode(value) };
        changed(name, state[name]);
      }
    } else if (data.kind === "rivulet-anywidget-message") {
      call("msg:custom", [decode(data.content), []]);
    }
  });
  post("rivulet-anywidget-ready", {});
}

/** The HTML the output frame is given: the host above, as an inline module. */
export const FRAME_HTML = `<script type="module">(${bridge})();<\/script>`;
