// text/plain (and the fallback for anything unknown): escaped, preformatted.
export function renderPlain(el, data) {
  const pre = document.createElement("pre");
  pre.className = "plain";
  pre.textContent = typeof data === "string" ? data : JSON.stringify(data, null, 2);
  el.appendChild(pre);
}
