// text/html: inserted as is; custom elements (<rv-md>, <rv-ui>, layouts),
// defined at startup, upgrade themselves.
export function renderHtml(el, data) {
  el.innerHTML = String(data);
}
