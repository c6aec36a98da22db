// text/html: inserted as is; custom elements defined elsewhere upgrade
// themselves. <rv-md> (mo.md) gets a lazy default definition here.
export function renderHtml(el, data) {
  const html = String(data);
  el.innerHTML = html;
  if (html.includes("<rv-md") && !customElements.get("rv-md")) import("./md-element.js");
}
