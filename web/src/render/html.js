// text/html: inserted as is; custom elements defined elsewhere upgrade themselves.
export function renderHtml(el, data) {
  el.innerHTML = String(data);
}
