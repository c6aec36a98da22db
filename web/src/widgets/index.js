// Widgets (mo.ui) in the page: `defineWidgets()` registers <rv-ui>.
// Each widget dispatches a bubbling `rv-ui-value` CustomEvent {id, value} on
// user input; the notebook forwards it to the kernel as set_ui_value
// (through `coalesce` from ./coalesce.js, so a drag never builds a backlog).
// A `ui_value` event (Python changed a widget) goes to `receiveValue`. A
// widget's message to Python (anywidget's model.send) is a bubbling
// `rv-ui-message` {id, content}, sent as ui_message; Python's to the widget
// (a `ui_message` event) goes to `receiveMessage`.
import { RvUi } from "./element.js";

export { receiveMessage, receiveValue } from "./element.js";
import { STYLE } from "./style.js";
import { DATA_STYLE } from "./data_style.js";

export { coalesce } from "./coalesce.js";

export function defineWidgets() {
  if (!customElements.get("rv-ui")) customElements.define("rv-ui", RvUi);
  if (!document.getElementById("rv-ui-style")) {
    const style = document.createElement("style");
    style.id = "rv-ui-style";
    style.textContent = STYLE + DATA_STYLE;
    document.head.append(style);
  }
}
