// File upload: <input type=file> (kind "button") or a drop area; files go
// to the kernel as [{name, contents: base64}].
import { base64, h, labelled } from "./dom.js";
import { trackFocus } from "./element.js";

export function file(ctx) {
  const p = ctx.props;
  const input = trackFocus(
    ctx,
    h("input", {
      type: "file",
      multiple: !!p.multiple,
      accept: p.filetypes ? p.filetypes.join(",") : null,
      "aria-label": ctx.label || "Upload",
    }),
  );
  const status = h("span", { class: "rv-ui-files", "aria-live": "polite" });
  const show = (files) => (status.textContent = (files ?? []).map((f) => f.name).join(", "));
  show(ctx.value);
  const send = async (files) => {
    files = [...files];
    if (!files.length) return;
    if (!p.multiple) files = files.slice(0, 1);
    const value = await Promise.all(
      files.map(async (f) => ({ name: f.name, contents: base64(await f.arrayBuffer()) })),
    );
    show(value);
    ctx.emit(value);
  };
  input.addEventListener("change", () => send(input.files));
  if (p.kind !== "area") return { node: h("span", { class: "rv-ui-field" }, input, status), setValue: show };
  const area = h(
    "div",
    { class: "rv-ui-drop", role: "button", tabindex: "0", "aria-label": ctx.label || "Drop a file here" },
    h("span", { text: ctx.label || "Drop a file here, or click to choose" }),
    status,
  );
  input.hidden = true;
  area.append(input);
  area.addEventListener("click", (e) => e.target !== input && input.click());
  area.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      input.click();
    }
  });
  area.addEventListener("dragover", (e) => {
    e.preventDefault();
    area.dataset.over = "true";
  });
  area.addEventListener("dragleave", () => delete area.dataset.over);
  area.addEventListener("drop", (e) => {
    e.preventDefault();
    delete area.dataset.over;
    send(e.dataTransfer.files);
  });
  return { node: area, setValue: show };
}

