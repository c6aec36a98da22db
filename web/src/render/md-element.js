// <rv-md data-md="...">: markdown the kernel leaves for the front end to
// render (mo.md). Defined on first use unless another module defined it.
import { markdownToHtml } from "./markdown.js";

class RvMarkdown extends HTMLElement {
  static observedAttributes = ["data-md"];

  connectedCallback() {
    this.render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.render();
  }

  render() {
    const source = this.dataset.md ?? "";
    if (source === this.rendered) return;
    this.rendered = source;
    this.classList.add("markdown");
    this.innerHTML = markdownToHtml(source);
  }
}

if (!customElements.get("rv-md")) customElements.define("rv-md", RvMarkdown);
