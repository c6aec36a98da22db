// <rv-md data-md="...">: what mo.md emits. The markdown source travels in an
// attribute and is rendered here (GitHub-flavoured markdown, highlighted code,
// task lists, $math$), so markdown shows without the kernel. Everything heavy
// (markdown-it, highlight.js, KaTeX) loads on first use.

let renderer = null;
const loadRenderer = () => (renderer ??= import("./render.js"));

/** Render markdown `source` into `el` (lazy-loads the renderer). */
export async function renderMarkdownInto(el, source) {
  const { renderInto } = await loadRenderer();
  return renderInto(el, source);
}

class RvMarkdown extends HTMLElement {
  static observedAttributes = ["data-md"];

  connectedCallback() {
    this.render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.render();
  }

  /** Render now; `this.rendered` settles when the markdown is on screen. */
  render() {
    if ((this.getAttribute("data-md") ?? "") === this._rendered) return this.rendered;
    this.rendered = this.draw();
    return this.rendered;
  }

  async draw() {
    const source = this.getAttribute("data-md") ?? "";
    if (source === this._rendered) return;
    this._rendered = source;
    this.classList.add("markdown");
    try {
      const { renderInto } = await loadRenderer();
      if (this._rendered !== source) return; // a newer source arrived meanwhile
      await renderInto(this, source);
    } catch (err) {
      console.error("rv-md:", err);
      const pre = document.createElement("pre");
      pre.textContent = source;
      this.replaceChildren(pre);
    }
  }
}

/** Define <rv-md> (idempotent). */
export function defineMarkdown() {
  if (!customElements.get("rv-md")) customElements.define("rv-md", RvMarkdown);
}
