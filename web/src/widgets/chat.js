// chat: a conversation log (role=log), a message box and Send. Sending
// emits {messages: [...history, {role: "user", content, id}]}; the kernel
// asks the model and shows this widget's output again with the answer in
// data-value: element.js hands it to `refresh`. Rich answers (non-string)
// come as markup children <div data-reply=id>, like any other output.
import { h } from "./dom.js";
import { trackFocus } from "./element.js";

let sent = 0;

export function chat(ctx) {
  const p = ctx.props;
  const log = h("div", { class: "rv-ui-chat-log", role: "log", "aria-label": "Conversation", "aria-live": "polite" });
  if (p.max_height) log.style.maxHeight = `${Number(p.max_height)}px`;
  const status = h("div", { class: "rv-ui-chat-status", role: "status" });
  const box = trackFocus(
    ctx,
    h("textarea", { rows: 2, placeholder: "Type a message…", "aria-label": "Message", disabled: !!p.disabled }),
  );
  const sendButton = h("button", { type: "button", class: "rv-ui-button", text: "Send", disabled: !!p.disabled });
  const clear = h("button", { type: "button", class: "rv-ui-button", text: "Clear chat" });
  let rich = new Map(); // reply id -> its markup node
  const take = (host) => {
    for (const node of host.querySelectorAll(":scope > [data-reply]")) {
      node.hidden = false;
      rich.set(node.dataset.reply, node);
    }
  };
  const render = (value) => {
    log.replaceChildren();
    for (const m of value?.messages ?? []) {
      const who = m.role === "user" ? "You" : m.role === "assistant" ? "Assistant" : "System";
      const body =
        m.html && rich.has(m.id)
          ? h("div", { class: "rv-ui-chat-body" }, rich.get(m.id))
          : h("div", { class: "rv-ui-chat-body", text: m.content ?? "" });
      log.append(h("div", { class: `rv-ui-chat-msg rv-ui-chat-${m.role}`, "data-role": m.role }, h("strong", { text: who }), body));
    }
    status.textContent = "";
    if (value?.error) log.append(h("div", { role: "alert", class: "rv-ui-chat-error", text: value.error }));
    log.scrollTop = log.scrollHeight;
  };
  const send = (text) => {
    text = text.trim();
    if (!text || p.disabled) return;
    const messages = [...(ctx.value?.messages ?? []).map(({ role, content, id }) => ({ role, content, id })),
      { role: "user", content: text, id: `user-${Date.now()}-${++sent}` }];
    render({ messages });
    status.textContent = "Waiting for the model…";
    box.value = "";
    ctx.emit({ messages });
  };
  sendButton.addEventListener("click", () => send(box.value));
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      send(box.value);
    }
  });
  clear.addEventListener("click", () => {
    render({ messages: [] });
    ctx.emit({ messages: [] });
  });
  const prompts = (p.prompts ?? []).length
    ? h("div", { class: "rv-ui-chat-prompts", role: "group", "aria-label": "Suggested prompts" },
        ...p.prompts.map((text) => {
          const b = h("button", { type: "button", class: "rv-ui-button", text });
          b.addEventListener("click", () => send(text));
          return b;
        }))
    : null;
  take(ctx.host);
  render(ctx.value);
  const node = h("div", { class: "rv-ui-chatbox" }, log, status, prompts, h("div", { class: "rv-ui-chat-input" }, box, sendButton, clear));
  return {
    node,
    setValue: render,
    /** The kernel showed this widget again: its value holds the answer. */
    refresh(value, host) {
      rich = new Map();
      take(host);
      ctx.value = value;
      render(value);
    },
  };
}
