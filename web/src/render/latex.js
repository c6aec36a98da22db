// text/latex: no TeX engine is bundled; show the source, lightly cleaned, in a
// maths-looking block.
export function renderLatex(el, data) {
  const src = String(data).trim().replace(/^\$\$?|\$\$?$/g, "").trim();
  const div = document.createElement("div");
  div.className = "latex";
  div.setAttribute("role", "math");
  div.setAttribute("aria-label", src);
  div.textContent = src;
  el.appendChild(div);
}
