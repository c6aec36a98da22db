// image/svg+xml: SVG text (or base64). Shown through <img>, so scripts in it never run.
export function renderSvg(el, data) {
  const src = String(data);
  const img = document.createElement("img");
  img.src = src.trimStart().startsWith("<")
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(src)}`
    : src.startsWith("data:") ? src : `data:image/svg+xml;base64,${src}`;
  img.alt = "";
  el.appendChild(img);
}
