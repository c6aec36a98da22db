// image/png, image/jpeg, ...: base64 data (or a data: / http URL as is).
export function renderImage(el, data, mime) {
  const img = document.createElement("img");
  const src = String(data);
  img.src = /^(data:|https?:|blob:)/.test(src) ? src : `data:${mime};base64,${src}`;
  img.alt = "";
  el.appendChild(img);
}
